/**
 * The sync clients against the local Miniflux (test/helpers/miniflux.ts), counted at akhbar's
 * side: the first download of 10,000 entries over 100 feeds (REST, and Google Reader ids +
 * contents), the requests of a sync when nothing changed, and of 500 read marks. Client-level
 * figures: the store's side (writing what came) is the sync layer's, to be added to them.
 * `node --import tsx test/bench/sync.ts` prints them as JSON; `syncBench()` gives them to run.ts.
 */
import process from 'node:process';
import {minifluxClient} from '../../source/sync/miniflux.js';
import {greaderClient, greaderLogin, readingList, readTag, starredTag} from '../../source/sync/greader.js';
import {startMiniflux} from '../helpers/miniflux.js';
import {startServer} from '../helpers/http-server.js';

export type SyncFigures = {
	miniflux_startup_ms: number;
	sync_initial_s: number;
	sync_entries_per_s: number;
	sync_initial_requests: number;
	greader_initial_s: number;
	greader_initial_requests: number;
	sync_noop_requests: number;
	sync_noop_ms: number;
	greader_noop_requests: number;
	sync_marks_requests: number;
	greader_marks_requests: number;
};

const feedCount = 100;
const perFeed = 100;

function feed(origin: string, number: number): string {
	const items = Array.from({length: perFeed}, (_, index) => {
		const date = new Date(Date.UTC(2026, 10, 1) + (number * perFeed + index) * 60_000).toUTCString();
		const text = `نص الخبر ${index + 1} من المصدر ${number}، وفيه ما يكفي من الكلام ليشبه خبرا حقيقيا في موجز. `.repeat(8);
		return `<item><title>المصدر ${number}: خبر ${index + 1}</title><link>${origin}/a/${number}/${index + 1}</link><guid isPermaLink="false">${number}-${index + 1}</guid><pubDate>${date}</pubDate><description>${text}</description></item>`;
	});
	return `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>المصدر ${number}</title><link>${origin}/</link>${items.join('')}</channel></rss>`;
}

export async function syncBench(): Promise<SyncFigures> {
	const feeds = await startServer();
	for (let number = 1; number <= feedCount; number++) {
		feeds.route(`/feed/${number}.xml`, (_request, response) => {
			response.writeHead(200, {'content-type': 'application/rss+xml; charset=utf-8'}).end(feed(feeds.origin, number));
		});
	}

	const miniflux = await startMiniflux();
	try {
		let requests = 0;
		const count = {onRequest: () => requests++};
		const rest = minifluxClient(miniflux.url, miniflux.apiKey, count);
		for (let number = 1; number <= feedCount; number++) {
			// eslint-disable-next-line no-await-in-loop -- Miniflux fetches each feed as it subscribes
			await rest.subscribe(feeds.url(`/feed/${number}.xml`));
		}

		const measure = async <T>(work: () => Promise<T>) => {
			requests = 0;
			const started = performance.now();
			const result = await work();
			return {result, ms: performance.now() - started, requests};
		};

		const initial = await measure(async () => {
			await rest.feeds();
			return rest.allEntries({}, 1000);
		});
		if (initial.result.length !== feedCount * perFeed) throw new Error(`expected ${feedCount * perFeed} entries, got ${initial.result.length}`);

		const token = await greaderLogin(miniflux.url, miniflux.greader.username, miniflux.greader.password);
		const reader = greaderClient(miniflux.url, token, {...count, contentsBatch: 1000});
		const greaderInitial = await measure(async () => {
			await reader.subscriptions();
			const ids = await reader.allItemIds({stream: readingList, count: 10_000});
			return reader.items(ids);
		});
		if (greaderInitial.result.length !== feedCount * perFeed) throw new Error(`expected ${feedCount * perFeed} items, got ${greaderInitial.result.length}`);

		// Changes are compared by whole seconds: the cursor is a second that is over.
		await new Promise(resolve => setTimeout(resolve, 1100));
		const since = Math.floor(Date.now() / 1000);
		await new Promise(resolve => setTimeout(resolve, 1100));
		const noop = await measure(async () => {
			await rest.feeds();
			return rest.allEntries({changedAfter: since}, 1000);
		});
		if (noop.result.length > 0) throw new Error('a sync with nothing changed found changes');
		const greaderNoop = await measure(async () => {
			await reader.subscriptions();
			await reader.allItemIds({stream: readingList, exclude: readTag, count: 10_000});
			return reader.allItemIds({stream: starredTag, count: 10_000});
		});

		const ids = initial.result.slice(0, 500).map(entry => entry.id);
		const marks = await measure(async () => rest.setStatus(ids, 'read'));
		const fresh = greaderClient(miniflux.url, token, count);
		const greaderMarks = await measure(async () => fresh.editTag(ids.map(String), {remove: readTag}));

		return {
			miniflux_startup_ms: miniflux.startupMs,
			sync_initial_s: initial.ms / 1000,
			sync_entries_per_s: initial.result.length / (initial.ms / 1000),
			sync_initial_requests: initial.requests,
			greader_initial_s: greaderInitial.ms / 1000,
			greader_initial_requests: greaderInitial.requests,
			sync_noop_requests: noop.requests,
			sync_noop_ms: noop.ms,
			greader_noop_requests: greaderNoop.requests,
			sync_marks_requests: marks.requests,
			greader_marks_requests: greaderMarks.requests,
		};
	} finally {
		await miniflux.stop();
		await feeds.close();
	}
}

if (import.meta.url === `file://${process.argv[1]}`) {
	const figures = await syncBench();
	process.stdout.write(`${JSON.stringify(Object.fromEntries(Object.entries(figures).map(([key, value]) => [key, Number(value.toFixed(key.endsWith('_s') ? 2 : 1))])))}\n`);
}
