/**
 * The Google Reader client against a server that answers as FreshRSS's p/api/greader.php does
 * (FreshRSS cannot run here): its ClientLogin text, its action token, its stream/contents (which
 * Miniflux lacks) with numeric continuations, long hexadecimal item ids, `user/-/…` categories,
 * edit-tag answering a bare OK, quickadd read from the query. Against Miniflux's real endpoint
 * the same client is tested in miniflux-real.test.ts.
 */
import type {IncomingMessage, ServerResponse} from 'node:http';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import type {Dispatcher} from 'undici';
import {proxyAgentFromEnv} from '../../source/sources/fetch.js';
import {decimalItemId, greaderClient, greaderLogin, longItemId, readingList, readTag, starredTag} from '../../source/sync/greader.js';
import {SyncError} from '../../source/sync/http.js';
import {startServer, type TestServer} from '../helpers/http-server.js';

const password = 'api-password-9d1e';
const auth = 'alice/8e6845e089457af25303abc6f53356eb60bdb5f8';
const api = '/api/greader.php';
let server: TestServer;
let direct: Dispatcher;
let actionToken = 'TOKEN000000000000000000000000000000000001Z';
const posts: Array<{path: string; form: URLSearchParams; authorization: string | undefined}> = [];

/** FreshRSS's entriesToArray() shape. */
function item(id: bigint, title: string, extra: string[] = []) {
	return {
		id: `tag:google.com,2005:reader/item/${id.toString(16).padStart(16, '0')}`,
		crawlTimeMsec: '1764979200000',
		timestampUsec: '1764979200000000',
		published: 1_764_979_200,
		title,
		summary: {content: `<p>${title}: النص</p>`},
		alternate: [{href: `https://example.test/${id}`}],
		categories: ['user/-/state/com.google/reading-list', 'user/-/label/أخبار', ...extra],
		origin: {streamId: 'feed/7', title: 'مصدر'},
		author: 'كاتب',
	};
}

// FreshRSS ids are microsecond timestamps: past 2^53 for the hex form's sake in one of them.
const ids = [1_764_979_200_000_001n, 1_764_979_200_000_002n, 9_007_199_254_740_993n];

async function form(request: IncomingMessage): Promise<URLSearchParams> {
	let text = '';
	for await (const chunk of request) text += String(chunk);
	return new URLSearchParams(text);
}

function json(response: ServerResponse, body: unknown) {
	response.writeHead(200, {'content-type': 'application/json; charset=UTF-8'}).end(`${JSON.stringify(body)}\n`);
}

function authorized(request: IncomingMessage, response: ServerResponse): boolean {
	if (request.headers.authorization === `GoogleLogin auth=${auth}`) return true;
	response.writeHead(401, {'content-type': 'text/plain'}).end('Unauthorized!');
	return false;
}

beforeAll(async () => {
	direct = await proxyAgentFromEnv({});
	server = await startServer({
		async [`${api}/accounts/ClientLogin`](request, response) {
			const body = await form(request);
			if (body.get('Email') !== 'alice' || body.get('Passwd') !== password) {
				response.writeHead(401, {'content-type': 'text/plain'}).end(`Unauthorized! ${body.get('Passwd') ?? ''}`);
				return;
			}

			response.writeHead(200, {'content-type': 'text/plain; charset=UTF-8'}).end(`SID=${auth}\nLSID=null\nAuth=${auth}\n`);
		},
		[`${api}/reader/api/0/token`](request, response) {
			if (authorized(request, response)) response.writeHead(200, {'content-type': 'text/plain'}).end(`${actionToken}\n`);
		},
		[`${api}/reader/api/0/stream/contents/user/-/state/com.google/reading-list`](request, response) {
			if (!authorized(request, response)) return;
			const query = new URL(request.url!, server.origin).searchParams;
			// Two a page; the continuation is the last entry's id, as FreshRSS sends it.
			if (query.get('c') === String(ids[1])) json(response, {id: readingList, updated: 1_764_979_300, items: [item(ids[2]!, 'ثالث', [starredTag])]});
			else json(response, {id: readingList, updated: 1_764_979_300, items: [item(ids[0]!, 'أول', [readTag]), item(ids[1]!, 'ثان')], continuation: String(ids[1])});
		},
		[`${api}/reader/api/0/stream/items/ids`](request, response) {
			if (!authorized(request, response)) return;
			json(response, {itemRefs: [{id: String(ids[0])}], continuation: 'same'});
		},
		async [`${api}/reader/api/0/edit-tag`](request, response) {
			if (!authorized(request, response)) return;
			const body = await form(request);
			posts.push({path: 'edit-tag', form: body, authorization: request.headers.authorization});
			if (body.get('T') !== actionToken) {
				response.writeHead(401, {'content-type': 'text/plain'}).end('Unauthorized!');
				return;
			}

			response.writeHead(200, {'content-type': 'text/plain'}).end('OK');
		},
		async [`${api}/reader/api/0/subscription/quickadd`](request, response) {
			if (!authorized(request, response)) return;
			const body = await form(request);
			const query = new URL(request.url!, server.origin).searchParams;
			posts.push({path: 'quickadd', form: body, authorization: request.headers.authorization});
			// FreshRSS reads $_GET['quickadd'] alone: without it, nothing is subscribed.
			if (query.get('quickadd')) json(response, {numResults: 1, query: query.get('quickadd'), streamId: 'feed/12', streamName: 'جديد'});
			else json(response, {numResults: 0});
		},
	});
});

afterAll(async () => {
	await server?.close();
});

describe('Google Reader client, FreshRSS\'s answers', () => {
	it('logs in through ClientLogin under the API path; a wrong password is one line without it', async () => {
		expect(await greaderLogin(server.url(api), 'alice', password, {dispatcher: direct})).toBe(auth);
		const error = await greaderLogin(server.url(api), 'alice', 'wrong-password-x', {dispatcher: direct}).catch((caught: unknown) => caught);
		expect(error).toBeInstanceOf(SyncError);
		expect((error as SyncError).message).toBe(`Google Reader server ${new URL(server.origin).host}: HTTP 401 Unauthorized: the user name or password was refused`);
		expect((error as SyncError).message).not.toContain('wrong-password-x');
	});

	it('reads stream/contents page by page: long hex ids, read, starred and labels from the categories', async () => {
		const client = greaderClient(server.url(api), auth, {dispatcher: direct});
		const first = await client.streamContents({stream: readingList, count: 2});
		expect(first.continuation).toBe(String(ids[1]));
		expect(first.items.map(entry => entry.id)).toEqual([String(ids[0]), String(ids[1])]);
		expect(first.items[0]).toEqual({
			id: String(ids[0]),
			streamId: 'feed/7',
			title: 'أول',
			url: `https://example.test/${ids[0]}`,
			content: '<p>أول: النص</p>',
			author: 'كاتب',
			published: 1_764_979_200,
			read: true,
			starred: false,
			labels: ['أخبار'],
		});
		const second = await client.streamContents({stream: readingList, count: 2, continuation: first.continuation!});
		expect(second.continuation).toBeUndefined();
		expect(second.items.map(entry => [entry.id, entry.read, entry.starred])).toEqual([[String(ids[2]), false, true]]);
	});

	it('edit-tag: the Authorization header and the action token, every item as i=, in batches', async () => {
		posts.length = 0;
		const client = greaderClient(server.url(api), auth, {dispatcher: direct, editBatch: 2});
		expect(await client.editTag(ids.map(String), {add: readTag})).toBe(2);
		expect(posts.map(post => post.form.getAll('i'))).toEqual([[longItemId(String(ids[0])), longItemId(String(ids[1]))], [longItemId(String(ids[2]))]]);
		expect(posts.every(post => post.form.get('a') === readTag && post.form.get('T') === actionToken && post.authorization === `GoogleLogin auth=${auth}`)).toBe(true);
	});

	it('an expired action token is asked for again once', async () => {
		const client = greaderClient(server.url(api), auth, {dispatcher: direct});
		await client.editTag([String(ids[0])], {add: starredTag});
		actionToken = 'TOKEN000000000000000000000000000000000002Z';
		posts.length = 0;
		await client.editTag([String(ids[0])], {remove: starredTag});
		expect(posts.map(post => post.form.get('T'))).toEqual(['TOKEN000000000000000000000000000000000001Z', actionToken]);
	});

	it('quickadd sends the feed in the query, where FreshRSS reads it', async () => {
		posts.length = 0;
		const client = greaderClient(server.url(api), auth, {dispatcher: direct});
		expect(await client.quickAdd('https://example.test/feed.xml')).toBe('feed/12');
		expect(posts[0]!.form.get('quickadd')).toBeNull();
	});

	it('a continuation that does not advance ends in one line, not a loop', async () => {
		const client = greaderClient(server.url(api), auth, {dispatcher: direct});
		const error = await client.allItemIds({stream: readingList}).catch((caught: unknown) => caught);
		expect((error as SyncError).message).toBe(`Google Reader server ${new URL(server.origin).host}: unexpected answer: the continuation does not advance`);
	});

	it('item ids: decimal, long hex and bare hex forms, 64-bit exact', () => {
		const big = '18446744073709551615';
		expect(longItemId(big)).toBe('tag:google.com,2005:reader/item/ffffffffffffffff');
		expect(decimalItemId('x', longItemId(big))).toBe(big);
		expect(decimalItemId('x', '000000000000048c')).toBe('1164');
		expect(decimalItemId('x', 'tag:google.com,2005:reader/item/2f2')).toBe('754');
		expect(() => decimalItemId('x', 'feed/1')).toThrow('x: unexpected answer: an item id is not one (feed/1)');
	});
});
