/**
 * The sync layer (source/sync/engine.ts, store.ts) between the library and a real Miniflux
 * v2.3.5 on a real PostgreSQL (test/helpers/miniflux.ts). "Another device" is Miniflux's REST
 * API used directly; two libraries are two machines. Requests are counted at akhbar's side.
 */
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it, vi} from 'vitest';
import type {Library} from '../../source/library/api.js';
import {openLibrary} from '../../source/library/index.js';
import {refreshSources} from '../../source/library/refresh.js';
import {syncLibrary} from '../../source/sync/engine.js';
import {greaderLogin} from '../../source/sync/greader.js';
import {SyncError} from '../../source/sync/http.js';
import {syncConnected} from '../../source/sync/run.js';
import {minifluxClient, type MinifluxClient} from '../../source/sync/miniflux.js';
import {openSyncStore} from '../../source/sync/store.js';
import {startServer, type TestServer} from '../helpers/http-server.js';
import {minifluxSetupTimeoutMs, minifluxUnavailable, startMiniflux, type Miniflux} from '../helpers/miniflux.js';

const unavailable = minifluxUnavailable();
if (unavailable) console.warn(`skipped: the real-Miniflux sync engine tests: ${unavailable}`);

/** An RSS feed of `count` items with short summaries, linking to articles on the same server (tech's the newest). */
function feed(origin: string, name: string, count: number): string {
	const items = Array.from({length: count}, (_, index) => {
		const day = new Date(Date.UTC(2026, 10, name === 'tech' ? 25 : 20) + index * 60_000).toUTCString();
		return `<item><title>${name} خبر ${index + 1}</title><link>${origin}/article/${name}/${index + 1}</link><guid isPermaLink="false">${name}-${index + 1}</guid><pubDate>${day}</pubDate><description>ملخص ${name} ${index + 1}</description></item>`;
	});
	return `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>مصدر ${name}</title><link>${origin}/</link><description>اختبار</description>${items.join('')}</channel></rss>`;
}

function page(name: string): string {
	const paragraphs = Array.from({length: 6}, (_, index) => `<p>هذا هو النص الكامل لخبر ${name}، الفقرة ${index + 1}، وفيه تفاصيل كثيرة عن الموضوع لا يحملها الملخص القصير في الموجز.</p>`);
	return `<!doctype html><html lang="ar" dir="rtl"><head><meta charset="utf-8"><title>خبر ${name}</title></head><body><nav>القائمة</nav><article><h1>خبر ${name}</h1>${paragraphs.join('')}</article><footer>حقوق</footer></body></html>`;
}

describe.skipIf(unavailable !== undefined)('sync engine against a real Miniflux', () => {
	let miniflux: Miniflux;
	let feeds: TestServer;
	let device: MinifluxClient;
	let folder: string;
	let libraryA: Library;
	let libraryB: Library;
	let requests: string[] = [];
	const sync = async (library: Library) => syncLibrary(library, miniflux.apiKey, {onRequest: (method, where) => requests.push(`${method} ${where}`), fullTexts: 2});

	beforeAll(async () => {
		feeds = await startServer({
			'/news.xml': (_request, response) => {
				response.writeHead(200, {'content-type': 'application/rss+xml; charset=utf-8'}).end(feed(feeds.origin, 'news', 520));
			},
			'/tech.xml': (_request, response) => {
				response.writeHead(200, {'content-type': 'application/rss+xml; charset=utf-8'}).end(feed(feeds.origin, 'tech', 3));
			},
		});
		for (let number = 1; number <= 3; number++) {
			feeds.route(`/article/tech/${number}`, (_request, response) => {
				response.writeHead(200, {'content-type': 'text/html; charset=utf-8'}).end(page(`tech ${number}`));
			});
		}

		miniflux = await startMiniflux();
		device = minifluxClient(miniflux.url, miniflux.apiKey);
		folder = mkdtempSync(path.join(tmpdir(), 'akhbar-sync-engine-'));
		const created = await miniflux.sql("INSERT INTO categories (user_id, title) SELECT id, 'تقنية' FROM users LIMIT 1 RETURNING id");
		await device.subscribe(feeds.url('/news.xml'));
		await device.subscribe(feeds.url('/tech.xml'), Number(created.trim()));
		libraryA = openLibrary({path: path.join(folder, 'a.sqlite'), flushOnExit: false});
		libraryB = openLibrary({path: path.join(folder, 'b.sqlite'), flushOnExit: false});
		openSyncStore(libraryA).connect('miniflux', miniflux.url);
		openSyncStore(libraryB).connect('miniflux', miniflux.url);
	}, minifluxSetupTimeoutMs);

	afterAll(async () => {
		libraryA?.close();
		libraryB?.close();
		await miniflux?.stop();
		await feeds?.close();
		if (folder) rmSync(folder, {recursive: true, force: true});
	});

	/** The server's entry of a feed's item number. */
	async function entryOf(name: string, number: number) {
		const all = await device.allEntries({});
		return all.find(entry => entry.url === feeds.url(`/article/${name}/${number}`))!;
	}

	it('brings the subscriptions into the overview under the account, their categories as tags, and their entries into the store', async () => {
		const result = await sync(libraryA);
		expect(result.feeds).toBe(2);
		expect(result.added).toBe(523);
		const overview = libraryA.overview();
		expect(overview.map(source => [source.name, source.tags, source.total, source.unread])).toEqual([
			['مصدر news', ['All'], 520, 520],
			['مصدر tech', ['تقنية'], 3, 3],
		]);
		expect(overview.every(source => source.account === `miniflux ${miniflux.url}/`)).toBe(true);
		const tech = libraryA.edition(overview[1]!.spec)!;
		expect(tech.headlines.map(headline => headline.title)).toEqual(['tech خبر 3', 'tech خبر 2', 'tech خبر 1']);
		// The two newest summary-only entries got their full text through Miniflux's fetch-content.
		expect(result.fullTexts).toBe(2);
		const texts = tech.articles.map(article => article.blocks.map(block => block.text).join(' '));
		expect(texts.filter(text => text.includes('الفقرة 3'))).toHaveLength(2);
		expect(tech.articles.filter(article => article.summaryOnly)).toHaveLength(1);
		expect(libraryA.search('الفقرة').length).toBe(2);
	});

	it('sends marks made here: read and starred show in Miniflux', async () => {
		const read = await entryOf('news', 7);
		const starred = await entryOf('tech', 2);
		libraryA.reading.markRead(read.url);
		libraryA.reading.setStarred(starred.url, true);
		const store = openSyncStore(libraryA);
		expect(store.pendingCount(store.account()!.id)).toBe(2);
		const result = await sync(libraryA);
		expect(result.sent).toBe(2);
		expect(store.pendingCount(store.account()!.id)).toBe(0);
		expect((await device.entries({status: 'read'})).entries.map(entry => entry.id)).toEqual([read.id]);
		expect((await device.entries({starred: true})).entries.map(entry => entry.id)).toEqual([starred.id]);
		// What the server sent back is the same state, and nothing is queued again.
		expect(libraryA.overview()[0]!.unread).toBe(519);
		expect(store.pendingCount(store.account()!.id)).toBe(0);
	});

	it('takes marks made on another device, and a mark still queued here wins over the server', async () => {
		const other = await entryOf('news', 9);
		const mine = await entryOf('news', 10);
		libraryA.reading.markRead(mine.url); // Queued here, then the server says unread: here wins.
		await device.setStatus([other.id], 'read');
		await device.setStatus([mine.id], 'unread');
		await device.setStarred([other.id], true);
		expect(libraryA.reading.isRead(other.url)).toBe(false); // Asked before the sync: remembered.
		await sync(libraryA);
		// The open library's reading store sees what the sync wrote (the reader's, while it reads).
		expect(libraryA.reading.isRead(other.url)).toBe(true);
		expect(libraryA.reading.isStarred(other.url)).toBe(true);
		const fresh = openLibrary({path: libraryA.path, flushOnExit: false});
		try {
			expect(fresh.reading.isRead(other.url)).toBe(true);
			expect(fresh.reading.isStarred(other.url)).toBe(true);
			expect(fresh.reading.isRead(mine.url)).toBe(true);
		} finally {
			fresh.close();
		}

		expect((await device.entries({status: 'read'})).entries.map(entry => entry.id).sort((a, b) => a - b)).toEqual([(await entryOf('news', 7)).id, other.id, mine.id].sort((a, b) => a - b));
	});

	it('keeps a change queued while Miniflux is down, says why in one line, and delivers it once it is back', async () => {
		const target = await entryOf('news', 20);
		await miniflux.stopServer();
		try {
			libraryA.reading.markRead(target.url);
			const error = await sync(libraryA).catch((error_: unknown) => error_);
			expect(error).toBeInstanceOf(SyncError);
			expect((error as Error).message).toMatch(/^Miniflux 127\.0\.0\.1:\d+: /);
			expect((error as Error).message).not.toContain('\n');
			expect((error as Error).message).not.toContain(miniflux.apiKey);
			const store = openSyncStore(libraryA);
			expect(store.pendingCount(store.account()!.id)).toBe(1);
			expect(store.account()!.failure).toBe((error as Error).message);
			// The reader keeps reading the store.
			expect(libraryA.overview()).toHaveLength(2);
		} finally {
			await miniflux.startServer();
		}

		await sync(libraryA);
		expect((await device.entries({status: 'read'})).entries.map(entry => entry.id)).toContain(target.id);
		const store = openSyncStore(libraryA);
		expect(store.pendingCount(store.account()!.id)).toBe(0);
		expect(store.account()!.failure).toBeUndefined();
	});

	it('two machines converge: marks made on one show on the other after each syncs', async () => {
		await sync(libraryB);
		const a = await entryOf('news', 30);
		const b = await entryOf('tech', 1);
		libraryA.reading.markRead(a.url);
		libraryB.reading.setStarred(b.url, true);
		libraryB.reading.markRead((await entryOf('news', 7)).url, false);
		await sync(libraryA);
		await sync(libraryB);
		await sync(libraryA);
		const readOn = (library: Library) => {
			const fresh = openLibrary({path: library.path, flushOnExit: false});
			try {
				return [30, 7, 9, 10].map(number => fresh.reading.isRead(feeds.url(`/article/news/${number}`))).concat(fresh.reading.isStarred(b.url));
			} finally {
				fresh.close();
			}
		};

		expect(readOn(libraryA)).toEqual([true, false, true, true, true]);
		expect(readOn(libraryB)).toEqual([true, false, true, true, true]);
		expect(libraryA.overview().map(source => source.unread)).toEqual(libraryB.overview().map(source => source.unread));
	});

	it('a sync with nothing changed takes at most 3 requests; 500 read marks at most 5', async () => {
		await sync(libraryA);
		requests = [];
		const started = performance.now();
		const quiet = await sync(libraryA);
		console.info(`no-change sync: ${requests.length} requests, ${Math.round(performance.now() - started)} ms`);
		expect(quiet.sent).toBe(0);
		expect(requests.length).toBeLessThanOrEqual(3);

		const unread = libraryA.edition(libraryA.overview()[0]!.spec)!.headlines.filter(headline => !libraryA.reading.isRead(headline.key)).slice(0, 500);
		expect(unread).toHaveLength(500);
		libraryA.reading.markAllRead(unread.map(headline => headline.key));
		requests = [];
		const marks = await sync(libraryA);
		const puts = requests.filter(request => request.startsWith('PUT'));
		console.info(`500 read marks: ${puts.length} requests to send them, ${requests.length} in the whole sync`);
		expect(marks.sent).toBe(500);
		expect(puts.length).toBeLessThanOrEqual(5);
		expect((await device.entries({status: 'unread', feedId: (await entryOf('news', 1)).feedId})).total).toBeLessThanOrEqual(20);
	});

	it('a configured source whose feed the server fetches is one row, served from the server\'s items (not fetched here, not an empty duplicate)', async () => {
		const libraryD = openLibrary({path: path.join(folder, 'd.sqlite'), flushOnExit: false});
		vi.stubEnv('AKHBAR_MINIFLUX_TOKEN', miniflux.apiKey);
		try {
			const configured = [{url: feeds.url('/tech.xml'), name: 'تقنيتي'}];
			libraryD.syncSources(configured);
			openSyncStore(libraryD).connect('miniflux', miniflux.url);
			await syncLibrary(libraryD, miniflux.apiKey); // as sync connect does
			const outcomes = await refreshSources(libraryD, configured);
			// The sync alone: the feed the server fetches is not fetched here too.
			expect(outcomes.map(outcome => outcome.spec)).toEqual([`sync:miniflux@${new URL(miniflux.url).host}`]);
			expect(libraryD.overview().map(source => [source.name, source.total])).toEqual([['تقنيتي', 3], ['مصدر news', 520]]);
			const edition = libraryD.edition(feeds.url('/tech.xml'))!;
			expect(edition.name).toBe('تقنيتي');
			expect(edition.headlines.map(headline => headline.title)).toEqual(['tech خبر 3', 'tech خبر 2', 'tech خبر 1']);
		} finally {
			vi.unstubAllEnvs();
			libraryD.close();
		}
	});

	it('a site whose feed the server fetches reads its page here (its most-read list) and takes its latest items from the server, its feed not fetched here', async () => {
		feeds.route('/site/', (_request, response) => {
			const items = [2, 1].map(number => `<li><a href="${feeds.url(`/article/tech/${number}`)}">tech خبر ${number}</a></li>`).join('');
			response.writeHead(200, {'content-type': 'text/html; charset=utf-8'}).end(`<!doctype html><html lang="ar" dir="rtl"><head><meta charset="utf-8"><title>موقع التقنية</title>
				<link rel="alternate" type="application/rss+xml" href="${feeds.url('/tech.xml')}"></head><body><main><h2>الأكثر قراءة</h2><ol>${items}</ol></main></body></html>`);
		});
		const libraryE = openLibrary({path: path.join(folder, 'e.sqlite'), flushOnExit: false});
		vi.stubEnv('AKHBAR_MINIFLUX_TOKEN', miniflux.apiKey);
		try {
			const site = feeds.url('/site/');
			libraryE.syncSources([{url: site}]);
			openSyncStore(libraryE).connect('miniflux', miniflux.url);
			await syncLibrary(libraryE, miniflux.apiKey);
			const fetchedHere = () => feeds.requests.filter(request => request.path === '/tech.xml' && !String(request.headers['user-agent']).includes('Miniflux')).length;
			const before = fetchedHere();
			const outcomes = await refreshSources(libraryE, [{url: site}]);
			expect(outcomes.find(outcome => outcome.spec === site)?.status).toBe('updated');
			expect(fetchedHere()).toBe(before);
			const edition = libraryE.edition(site)!;
			expect(edition.headlines.filter(headline => headline.list === 'most-read').map(headline => headline.title)).toEqual(['tech خبر 2', 'tech خبر 1']);
			expect(edition.headlines.filter(headline => headline.list === 'latest').map(headline => headline.title)).toEqual(['tech خبر 3', 'tech خبر 2', 'tech خبر 1']);
			// One row for the site: the server's feed is not listed again beside it.
			expect(libraryE.overview().map(source => [source.spec, source.total, source.hasMostRead])).toEqual([[site, 3, true], [expect.stringMatching(/^sync:/), 520, false]]);
		} finally {
			vi.unstubAllEnvs();
			libraryE.close();
		}
	});

	it('a Google Reader account (Miniflux\'s endpoint) syncs the same subscriptions and marks, both ways', async () => {
		const token = await greaderLogin(miniflux.url, miniflux.greader.username, miniflux.greader.password);
		const libraryC = openLibrary({path: path.join(folder, 'c.sqlite'), flushOnExit: false});
		try {
			openSyncStore(libraryC).connect('greader', miniflux.url, miniflux.greader.username);
			const first = await syncLibrary(libraryC, token);
			expect(first.feeds).toBe(2);
			expect(libraryC.overview().map(source => [source.name, source.total])).toEqual([['مصدر news', 520], ['مصدر tech', 3]]);
			expect(libraryC.overview()[1]!.tags).toEqual(['تقنية']);
			// The state the REST syncs left: the same unread counts.
			expect(libraryC.overview().map(source => source.unread)).toEqual(libraryA.overview().map(source => source.unread));

			const mine = await entryOf('news', 15);
			const theirs = await entryOf('news', 16);
			libraryC.reading.markRead(mine.url);
			libraryC.reading.setStarred(mine.url, true);
			await device.setStatus([theirs.id], 'read');
			requests = [];
			const second = await syncLibrary(libraryC, token, {onRequest: (method, where) => requests.push(`${method} ${where}`)});
			expect(second.sent).toBe(2);
			expect(requests.filter(request => request.startsWith('POST') && request.includes('edit-tag'))).toHaveLength(2);
			const read = (await device.entries({status: 'read', limit: 1000})).entries.map(entry => entry.id);
			expect(read).toContain(mine.id);
			expect((await device.entries({starred: true})).entries.map(entry => entry.id)).toContain(mine.id);
			expect(libraryC.reading.isRead(theirs.url)).toBe(true);

			requests = [];
			const quiet = await syncLibrary(libraryC, token, {onRequest: (method, where) => requests.push(`${method} ${where}`)});
			console.info(`no-change sync over Google Reader: ${requests.length} requests`);
			expect(quiet.added + quiet.sent).toBe(0);
			expect(requests.length).toBeLessThanOrEqual(4);
		} finally {
			libraryC.close();
		}
	});

	it('a Google Reader token the server no longer takes: one line saying to connect again, or with the password in the environment a new login', async () => {
		const libraryF = openLibrary({path: path.join(folder, 'f.sqlite'), flushOnExit: false});
		const secretFile = path.join(folder, 'f-secret');
		try {
			openSyncStore(libraryF).connect('greader', miniflux.url, miniflux.greader.username);
			writeFileSync(secretFile, `${await greaderLogin(miniflux.url, miniflux.greader.username, miniflux.greader.password)}\n`, {mode: 0o600});
			expect((await syncConnected(libraryF, {env: {}, secretFile}))?.error).toBeUndefined();
			// The administrator sets the password again (the same one, a new hash): the saved token is refused.
			await miniflux.sql(`UPDATE integrations SET googlereader_password = crypt('${miniflux.greader.password}', gen_salt('bf', 10)) WHERE googlereader_username = '${miniflux.greader.username}'`);
			const refused = await syncConnected(libraryF, {env: {}, secretFile});
			expect(refused?.error).toMatch(/refused \(run akhbar sync connect again\)$/u);
			expect(refused?.error).not.toContain('\n');
			const again = await syncConnected(libraryF, {env: {AKHBAR_GREADER_PASSWORD: miniflux.greader.password}, secretFile});
			expect(again?.error).toBeUndefined();
			expect(again?.result?.feeds).toBe(2);
		} finally {
			libraryF.close();
		}
	});

	it('an unsubscription on the server removes the source and its items here', async () => {
		const tech = await entryOf('tech', 1);
		await device.unsubscribe(tech.feedId);
		await sync(libraryA);
		expect(libraryA.overview().map(source => source.name)).toEqual(['مصدر news']);
		expect(libraryA.search('الفقرة')).toEqual([]);
	});
});
