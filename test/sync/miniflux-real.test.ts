/**
 * Both sync clients against a real Miniflux v2.3.5 on a real PostgreSQL (test/helpers/miniflux.ts):
 * its REST API with an API key, and its Google Reader endpoint enabled for the user. The feeds
 * Miniflux fetches are served by this test's own HTTP server on 127.0.0.1. Requests are counted
 * at the client's side (onRequest), as the bench counts them.
 */
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {minifluxClient, type MinifluxClient} from '../../source/sync/miniflux.js';
import {greaderClient, greaderLogin, readingList, readTag, starredTag, type GReaderClient} from '../../source/sync/greader.js';
import {SyncError} from '../../source/sync/http.js';
import {minifluxSetupTimeoutMs, minifluxUnavailable, startMiniflux, type Miniflux} from '../helpers/miniflux.js';
import {startServer, type TestServer} from '../helpers/http-server.js';

const unavailable = minifluxUnavailable();
if (unavailable) console.warn(`skipped: the real-Miniflux sync tests: ${unavailable}`);

const itemCount = 600;

/** An RSS feed of `count` items whose links are articles on the same server. */
function feed(origin: string, name: string, count: number): string {
	const items = Array.from({length: count}, (_, index) => {
		const day = new Date(Date.UTC(2026, 10, 1) + index * 60_000).toUTCString();
		return `<item><title>${name} خبر رقم ${index + 1}</title><link>${origin}/article/${name}/${index + 1}</link><guid isPermaLink="false">${name}-${index + 1}</guid><pubDate>${day}</pubDate><description>ملخص قصير ${index + 1}</description></item>`;
	});
	return `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>مصدر ${name}</title><link>${origin}/</link><description>اختبار</description>${items.join('')}</channel></rss>`;
}

function article(number: string): string {
	const paragraphs = Array.from({length: 6}, (_, index) => `<p>هذا هو النص الكامل للخبر رقم ${number}، الفقرة ${index + 1}، وفيه تفاصيل كثيرة عن الموضوع لا يحملها الملخص القصير في الموجز.</p>`);
	return `<!doctype html><html lang="ar" dir="rtl"><head><meta charset="utf-8"><title>خبر ${number}</title></head><body><nav>القائمة</nav><article><h1>خبر ${number}</h1>${paragraphs.join('')}</article><footer>حقوق</footer></body></html>`;
}

describe.skipIf(unavailable !== undefined)('sync clients against a real Miniflux', () => {
	let miniflux: Miniflux;
	let feeds: TestServer;
	let requests: string[] = [];
	let rest: MinifluxClient;
	let feedId: number;

	beforeAll(async () => {
		feeds = await startServer({
			'/main.xml': (_request, response) => {
				response.writeHead(200, {'content-type': 'application/rss+xml; charset=utf-8'}).end(feed(feeds.origin, 'main', itemCount));
			},
			'/extra.xml': (_request, response) => {
				response.writeHead(200, {'content-type': 'application/rss+xml; charset=utf-8'}).end(feed(feeds.origin, 'extra', 3));
			},
		});
		for (let number = 1; number <= 3; number++) {
			feeds.route(`/article/main/${number}`, (_request, response) => {
				response.writeHead(200, {'content-type': 'text/html; charset=utf-8'}).end(article(String(number)));
			});
		}

		miniflux = await startMiniflux();
		console.info(`Miniflux and PostgreSQL answered after ${Math.round(miniflux.startupMs)} ms`);
		rest = minifluxClient(miniflux.url, miniflux.apiKey, {onRequest: (method, path) => requests.push(`${method} ${path}`)});
		feedId = await rest.subscribe(feeds.url('/main.xml'));
	}, minifluxSetupTimeoutMs);

	afterAll(async () => {
		await miniflux?.stop();
		await feeds?.close();
	});

	describe('REST API (X-Auth-Token)', () => {
		it('knows the account, the subscribed feed and its category', async () => {
			expect((await rest.me()).username).toBe(miniflux.admin.username);
			const list = await rest.feeds();
			expect(list).toHaveLength(1);
			expect(list[0]).toMatchObject({id: feedId, title: 'مصدر main', feedUrl: feeds.url('/main.xml')});
			const categories = await rest.categories();
			expect(categories.map(category => category.id)).toContain(list[0]!.category!.id);
		});

		it('pages through every entry by id, a full page at a time', async () => {
			requests = [];
			const all = await rest.allEntries({}, 250);
			expect(all).toHaveLength(itemCount);
			expect(new Set(all.map(entry => entry.id)).size).toBe(itemCount);
			expect(all.every(entry => entry.feedId === feedId && entry.status === 'unread' && !entry.starred)).toBe(true);
			expect(all.map(entry => entry.title)).toContain('main خبر رقم 1');
			// 250 + 250 + 100: the short page ends it.
			expect(requests).toHaveLength(3);
			// 300 + 300: the total says the second page was the last; no request for an empty one.
			requests = [];
			expect(await rest.allEntries({}, 300)).toHaveLength(itemCount);
			expect(requests).toHaveLength(2);
		});

		it('sends 500 read marks in at most 5 requests, and back to unread', async () => {
			const ids = (await rest.allEntries({})).slice(0, 500).map(entry => entry.id);
			requests = [];
			await rest.setStatus(ids, 'read');
			console.info(`500 read marks over REST: ${requests.length} requests`);
			expect(requests.length).toBeLessThanOrEqual(5);
			expect((await rest.entries({status: 'read', limit: 1})).total).toBe(500);
			await rest.setStatus(ids, 'unread');
			expect((await rest.entries({status: 'read', limit: 1})).total).toBe(0);
		});

		it('stars and unstars, idempotently, and the bookmark toggle flips', async () => {
			const [first, second] = (await rest.entries({limit: 2, order: 'id', direction: 'asc'})).entries;
			await rest.setStarred([first!.id, second!.id], true);
			await rest.setStarred([first!.id, second!.id], true);
			expect((await rest.entries({starred: true})).entries.map(entry => entry.id).sort()).toEqual([first!.id, second!.id].sort());
			await rest.setStarred([first!.id], false);
			expect((await rest.entries({starred: true})).entries.map(entry => entry.id)).toEqual([second!.id]);
			await rest.toggleBookmark(second!.id);
			expect((await rest.entries({starred: true})).total).toBe(0);
		});

		it('an incremental sync with nothing changed takes at most 3 requests, and then sees a change made elsewhere', async () => {
			// Miniflux compares changed_at with whole seconds: the cursor is the second after the
			// last change seen, once that second is over.
			await new Promise(resolve => setTimeout(resolve, 1100));
			const since = Math.floor(Date.now() / 1000);
			await new Promise(resolve => setTimeout(resolve, 1100));
			requests = [];
			const started = performance.now();
			await rest.feeds();
			const changed = await rest.allEntries({changedAfter: since});
			console.info(`no-change sync over REST: ${requests.length} requests, ${Math.round(performance.now() - started)} ms`);
			expect(changed).toEqual([]);
			expect(requests.length).toBeLessThanOrEqual(3);

			// Another device marks an entry read (straight in Miniflux's own database, as its UI would).
			const target = (await rest.entries({limit: 1, order: 'id', direction: 'desc'})).entries[0]!;
			await miniflux.sql(`UPDATE entries SET status = 'read', changed_at = now() WHERE id = ${target.id}`);
			const seen = await rest.allEntries({changedAfter: since});
			expect(seen.map(entry => [entry.id, entry.status])).toEqual([[target.id, 'read']]);
			await rest.setStatus([target.id], 'unread');
		});

		it('fetches the full text of an entry whose feed holds only a summary', async () => {
			const first = (await rest.allEntries({})).find(entry => entry.url === feeds.url('/article/main/1'))!;
			expect(first.content).toContain('ملخص قصير 1');
			expect(first.content).not.toContain('الفقرة 3');
			const content = await rest.fetchContent(first.id);
			expect(content).toContain('النص الكامل للخبر رقم 1، الفقرة 3');
			expect(content).not.toContain('القائمة');
		});

		it('subscribes and unsubscribes', async () => {
			const extra = await rest.subscribe(feeds.url('/extra.xml'));
			expect((await rest.feeds()).map(entry => entry.id).sort()).toEqual([feedId, extra].sort());
			expect((await rest.entries({feedId: extra})).total).toBe(3);
			await rest.unsubscribe(extra);
			expect((await rest.feeds()).map(entry => entry.id)).toEqual([feedId]);
		});

		it('a wrong API key is one line that does not hold the key', async () => {
			const wrong = 'wrong-key-0123456789abcdef';
			const error = await minifluxClient(miniflux.url, wrong).me().catch((caught: unknown) => caught);
			expect(error).toBeInstanceOf(SyncError);
			expect((error as SyncError).message).toBe(`Miniflux ${new URL(miniflux.url).host}: HTTP 401 Unauthorized: the API key was refused`);
			expect((error as SyncError).failure).toEqual({kind: 'auth'});
		});

		it('a stopped Miniflux is one line; the marks go through once it is back', async () => {
			const ids = (await rest.entries({limit: 3, order: 'id', direction: 'asc'})).entries.map(entry => entry.id);
			await miniflux.stopServer();
			try {
				const error = await rest.setStatus(ids, 'read').catch((caught: unknown) => caught);
				expect(error).toBeInstanceOf(SyncError);
				expect((error as SyncError).message).toBe(`Miniflux ${new URL(miniflux.url).host}: connection refused`);
			} finally {
				await miniflux.startServer();
			}

			await rest.setStatus(ids, 'read');
			expect((await rest.entries({status: 'read'})).entries.map(entry => entry.id).sort()).toEqual([...ids].sort());
			await rest.setStatus(ids, 'unread');
		});
	});

	describe('Google Reader endpoint', () => {
		let reader: GReaderClient;

		beforeAll(async () => {
			const token = await greaderLogin(miniflux.url, miniflux.greader.username, miniflux.greader.password);
			reader = greaderClient(miniflux.url, token, {onRequest: (method, path) => requests.push(`${method} ${path}`)});
		});

		it('a wrong password is one line that does not hold it', async () => {
			const password = 'not-the-password-42';
			const error = await greaderLogin(miniflux.url, miniflux.greader.username, password).catch((caught: unknown) => caught);
			expect(error).toBeInstanceOf(SyncError);
			expect((error as SyncError).message).toBe(`Google Reader server ${new URL(miniflux.url).host}: HTTP 401 Unauthorized: the user name or password was refused`);
			expect((error as SyncError).message).not.toContain(password);
		});

		it('lists the subscription with its folder, and the labels', async () => {
			const [subscription, ...others] = await reader.subscriptions();
			expect(others).toEqual([]);
			expect(subscription).toMatchObject({id: `feed/${feedId}`, title: 'مصدر main', url: feeds.url('/main.xml')});
			expect(subscription!.categories).toHaveLength(1);
			const tags = await reader.tags();
			// Miniflux names the user in tag ids (`user/1/…`), where clients write `user/-/…`.
			expect(tags.map(tag => tag.id.replace(/^user\/\d+\//, 'user/-/'))).toContain(starredTag);
		});

		it('gives every item id through continuations, and the items by id', async () => {
			requests = [];
			const ids = await reader.allItemIds({stream: readingList, count: 250});
			expect(ids).toHaveLength(itemCount);
			expect(requests).toHaveLength(3);
			const restIds = new Set((await rest.allEntries({})).map(entry => String(entry.id)));
			expect(ids.every(itemId => restIds.has(itemId))).toBe(true);

			const items = await reader.items(ids.slice(0, 5));
			expect(items.map(item => item.id).sort()).toEqual(ids.slice(0, 5).sort());
			expect(items[0]).toMatchObject({streamId: `feed/${feedId}`, read: false, starred: false});
			expect(items[0]!.title).toMatch(/^main خبر رقم \d+$/);
		});

		it('sends 500 read marks in at most 5 requests (edit-tag with many i=), shown in the REST API, and back', async () => {
			const ids = (await reader.allItemIds({stream: readingList})).slice(0, 500);
			requests = [];
			await reader.editTag(ids, {add: readTag});
			console.info(`500 read marks over Google Reader: ${requests.length} requests`);
			expect(requests.length).toBeLessThanOrEqual(5);
			expect((await rest.entries({status: 'read', limit: 1})).total).toBe(500);
			expect(await reader.allItemIds({stream: readingList, exclude: readTag})).toHaveLength(itemCount - 500);
			await reader.editTag(ids, {remove: readTag});
			expect((await rest.entries({status: 'read', limit: 1})).total).toBe(0);
		});

		it('stars both ways: a star here shows in REST, a star there shows here', async () => {
			const [mine] = await reader.allItemIds({stream: readingList, count: 1});
			await reader.editTag([mine!], {add: starredTag});
			expect((await rest.entries({starred: true})).entries.map(entry => String(entry.id))).toEqual([mine]);
			await reader.editTag([mine!], {remove: starredTag});

			const theirs = (await rest.entries({limit: 1, order: 'id', direction: 'asc'})).entries[0]!.id;
			await rest.setStarred([theirs], true);
			expect(await reader.allItemIds({stream: starredTag})).toEqual([String(theirs)]);
			expect((await reader.items([String(theirs)]))[0]!.starred).toBe(true);
			await rest.setStarred([theirs], false);
		});

		it('an incremental check with nothing changed takes at most 3 requests', async () => {
			requests = [];
			await reader.subscriptions();
			const unread = await reader.allItemIds({stream: readingList, exclude: readTag});
			const starred = await reader.allItemIds({stream: starredTag});
			console.info(`no-change check over Google Reader: ${requests.length} requests`);
			expect(unread).toHaveLength(itemCount);
			expect(starred).toEqual([]);
			expect(requests.length).toBeLessThanOrEqual(3);
		});

		it('marks a whole feed read', async () => {
			await reader.markAllAsRead(`feed/${feedId}`);
			expect((await rest.entries({status: 'unread', limit: 1})).total).toBe(0);
			await rest.setStatus((await rest.allEntries({})).map(entry => entry.id), 'unread');
		});

		it('subscribes with quickadd and unsubscribes', async () => {
			const streamId = await reader.quickAdd(feeds.url('/extra.xml'));
			expect(streamId).toMatch(/^feed\/\d+$/);
			expect((await reader.subscriptions()).map(subscription => subscription.id)).toContain(streamId);
			await reader.unsubscribe(streamId);
			expect((await reader.subscriptions()).map(subscription => subscription.id)).toEqual([`feed/${feedId}`]);
		});
	});
});

if (unavailable) {
	describe('sync clients against a real Miniflux (skipped)', () => {
		it.skip(`needs Go (or a cached Miniflux build) and PostgreSQL: ${unavailable}`, () => {});
	});
}
