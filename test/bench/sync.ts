/**
 * Sync against the local Miniflux (test/helpers/miniflux.ts), counted at akhbar's side: the
 * first sync of 10,000 entries over 100 feeds into a library (source/sync/engine.ts: download and
 * store, index included), a sync when nothing changed, and 500 read marks made through the
 * library's reading API then sent. The Google Reader figures are the client's alone (download,
 * no store). `node --import tsx test/bench/sync.ts` prints them as JSON; `syncBench()` gives them
 * to run.ts (with AKHBAR_BENCH_SYNC=1).
 */
import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import process from 'node:process';
import {openLibrary} from '../../source/library/index.js';
import {syncLibrary} from '../../source/sync/engine.js';
import {openSyncStore} from '../../source/sync/store.js';
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
	/** PUTs that sent the 500 marks. */
	sync_marks_requests: number;
	/** Every request of that sync (the marks, then the pull). */
	sync_marks_sync_requests: number;
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
	const cleanups: Array<() => void> = [];
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

		const folder = mkdtempSync(path.join(tmpdir(), 'akhbar-bench-sync-'));
		const library = openLibrary({path: path.join(folder, 'library.sqlite'), flushOnExit: false});
		cleanups.push(() => {
			library.close();
			rmSync(folder, {recursive: true, force: true});
		});
		openSyncStore(library).connect('miniflux', miniflux.url);
		const sync = async () => syncLibrary(library, miniflux.apiKey, {...count, fullTexts: 0});
		const initial = await measure(sync);
		const stored = library.overview().reduce((sum, source) => sum + source.total, 0);
		if (initial.result.added !== feedCount * perFeed || stored !== feedCount * perFeed) throw new Error(`expected ${feedCount * perFeed} entries stored, got ${stored}`);

		const token = await greaderLogin(miniflux.url, miniflux.greader.username, miniflux.greader.password);
		const reader = greaderClient(miniflux.url, token, {...count, contentsBatch: 1000});
		const greaderInitial = await measure(async () => {
			await reader.subscriptions();
			const ids = await reader.allItemIds({stream: readingList, count: 10_000});
			return reader.items(ids);
		});
		if (greaderInitial.result.length !== feedCount * perFeed) throw new Error(`expected ${feedCount * perFeed} items, got ${greaderInitial.result.length}`);

		// The overlap the cursor keeps (one second) is over, then nothing changes.
		await new Promise(resolve => setTimeout(resolve, 2100));
		await sync();
		const noop = await measure(sync);
		if (noop.result.sent > 0 || noop.result.added > 0) throw new Error('a sync with nothing changed found changes');
		const greaderNoop = await measure(async () => {
			await reader.subscriptions();
			await reader.allItemIds({stream: readingList, exclude: readTag, count: 10_000});
			return reader.allItemIds({stream: starredTag, count: 10_000});
		});

		const five = library.overview().slice(0, 5).flatMap(source => library.edition(source.spec)!.headlines.map(headline => headline.key)).slice(0, 500);
		library.reading.markAllRead(five);
		let puts = 0;
		const marks = await measure(async () => syncLibrary(library, miniflux.apiKey, {fullTexts: 0, onRequest(method) {
			requests++;
			if (method === 'PUT') puts++;
		}}));
		if (marks.result.sent !== 500) throw new Error(`expected 500 marks sent, sent ${marks.result.sent}`);
		const ids = (await rest.entries({status: 'read', limit: 500})).entries.map(entry => entry.id);
		const fresh = greaderClient(miniflux.url, token, count);
		const greaderMarks = await measure(async () => fresh.editTag(ids.map(String), {remove: readTag}));

		return {
			miniflux_startup_ms: miniflux.startupMs,
			sync_initial_s: initial.ms / 1000,
			sync_entries_per_s: (feedCount * perFeed) / (initial.ms / 1000),
			sync_initial_requests: initial.requests,
			greader_initial_s: greaderInitial.ms / 1000,
			greader_initial_requests: greaderInitial.requests,
			sync_noop_requests: noop.requests,
			sync_noop_ms: noop.ms,
			greader_noop_requests: greaderNoop.requests,
			sync_marks_requests: puts,
			sync_marks_sync_requests: marks.requests,
			greader_marks_requests: greaderMarks.requests,
		};
	} finally {
		for (const cleanup of cleanups) cleanup();
		await miniflux.stop();
		await feeds.close();
	}
}

if (import.meta.url === `file://${process.argv[1]}`) {
	const figures = await syncBench();
	process.stdout.write(`${JSON.stringify(Object.fromEntries(Object.entries(figures).map(([key, value]) => [key, Number(value.toFixed(key.endsWith('_s') ? 2 : 1))])))}\n`);
}
