/**
 * How the sync clients fail against servers that misbehave (real HTTP servers on 127.0.0.1):
 * each failure one line naming the server, the secret in none of them, credentials never sent
 * to another host, and marks sent in batches.
 */
import type {IncomingMessage} from 'node:http';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import type {Dispatcher} from 'undici';
import {proxyAgentFromEnv} from '../../source/sources/fetch.js';
import {SyncError} from '../../source/sync/http.js';
import {minifluxClient, type MinifluxOptions} from '../../source/sync/miniflux.js';
import {startServer, type TestServer} from '../helpers/http-server.js';

const apiKey = 'secret-api-key-5f3c9a7e';
let server: TestServer;
let elsewhere: TestServer;
let tlsServer: TestServer;
// A direct agent: proxy variables in the environment of whoever runs the tests do not matter.
let direct: Dispatcher;
const bodies: unknown[] = [];

async function readBody(request: IncomingMessage): Promise<string> {
	let text = '';
	for await (const chunk of request) text += String(chunk);
	return text;
}

const me = '{"id": 1, "username": "admin"}';
const client = (options: MinifluxOptions = {}, base = server.origin) => minifluxClient(base, apiKey, {dispatcher: direct, ...options});

async function failureOf(promise: Promise<unknown>): Promise<SyncError> {
	const error = await promise.then(() => undefined, (caught: unknown) => caught);
	expect(error).toBeInstanceOf(SyncError);
	const {message} = error as SyncError;
	expect(message).not.toContain(apiKey);
	expect(message).not.toContain('\n');
	return error as SyncError;
}

beforeAll(async () => {
	direct = await proxyAgentFromEnv({});
	elsewhere = await startServer({
		'/v1/me'(_request, response) {
			response.writeHead(200, {'content-type': 'application/json'}).end(me);
		},
	});
	server = await startServer({
		'/v1/me'(request, response) {
			if (request.headers['x-auth-token'] !== apiKey) {
				// A server that echoes what it was sent: the client must not repeat it.
				response.writeHead(401, {'content-type': 'application/json'}).end(JSON.stringify({error_message: `bad key ${String(request.headers['x-auth-token'])}`}));
				return;
			}

			response.writeHead(200, {'content-type': 'application/json'}).end(me);
		},
		'/broken/v1/me'(_request, response) {
			response.writeHead(500, 'All Good').end(`{"error_message": "key ${apiKey} failed"}`);
		},
		'/hang/v1/me'() {
			// Never answers.
		},
		'/drip/v1/me'(_request, response) {
			response.writeHead(200, {'content-type': 'application/json'});
			response.write('{');
			const timer = setInterval(() => response.write(' '), 50);
			response.on('close', () => clearInterval(timer));
		},
		'/html/v1/me'(_request, response) {
			response.writeHead(200, {'content-type': 'text/html'}).end(`<html>login page for ${apiKey}</html>`);
		},
		'/types/v1/me'(_request, response) {
			response.writeHead(200, {'content-type': 'application/json'}).end('{"id": "1", "username": "admin"}');
		},
		'/types/v1/entries'(_request, response) {
			response.writeHead(200, {'content-type': 'application/json'}).end('{"total": 1, "entries": [{"id": 1, "feed_id": 2, "status": "maybe", "starred": false, "title": "t", "published_at": "2026-12-01T00:00:00Z", "changed_at": "2026-12-01T00:00:00Z"}]}');
		},
		'/huge/v1/feeds'(_request, response) {
			response.writeHead(200, {'content-type': 'application/json'}).end(`[${Array.from({length: 2000}, () => '{"id": 1, "title": "x", "feed_url": "http://a/"}').join(',')}]`);
		},
		'/away/v1/me'(_request, response) {
			response.writeHead(302, {location: `${elsewhere.origin}/v1/me`}).end();
		},
		'/moved/v1/me'(_request, response) {
			response.writeHead(301, {location: '/v1/me'}).end();
		},
		'/moved/v1/entries'(_request, response) {
			response.writeHead(308, {location: '/v1/entries'}).end();
		},
		async '/v1/entries'(request, response) {
			bodies.push(JSON.parse(await readBody(request)));
			response.writeHead(204).end();
		},
	});
	tlsServer = await startServer({
		'/v1/me'(_request, response) {
			response.writeHead(200, {'content-type': 'application/json'}).end(me);
		},
	}, {tls: true});
});

afterAll(async () => {
	await Promise.all([server?.close(), elsewhere?.close(), tlsServer?.close()]);
});

describe('the sync clients\' failures', () => {
	it('a refused key: one line, 401 named, the key (even echoed by the server) absent', async () => {
		const host = new URL(server.origin).host;
		const error = await failureOf(minifluxClient(server.origin, 'wrong-key', {dispatcher: direct}).me());
		expect(error.message).toBe(`Miniflux ${host}: HTTP 401 Unauthorized: the API key was refused`);
		expect(error.failure).toEqual({kind: 'auth'});
		expect(await client().me()).toEqual({id: 1, username: 'admin'});
	});

	it('a 500: the standard reason, never the server\'s text', async () => {
		const error = await failureOf(client({}, server.url('/broken')).me());
		expect(error.message).toBe(`Miniflux ${new URL(server.origin).host}: HTTP 500 Internal Server Error`);
		expect(error.failure).toEqual({kind: 'http', status: 500});
	});

	it('a server that never answers, or drips: the total timeout ends it', async () => {
		const hung = await failureOf(client({timeoutMs: 300}, server.url('/hang')).me());
		expect(hung.message).toBe(`Miniflux ${new URL(server.origin).host}: no answer within 0.3 s`);
		expect(hung.failure).toEqual({kind: 'timeout', seconds: 0.3});
		const drip = await failureOf(client({timeoutMs: 300}, server.url('/drip')).me());
		expect(drip.failure).toEqual({kind: 'timeout', seconds: 0.3});
	});

	it('the reader quitting aborts the exchange', async () => {
		const controller = new AbortController();
		const pending = failureOf(client({signal: controller.signal}, server.url('/hang')).me());
		setTimeout(() => controller.abort(), 50);
		expect((await pending).failure).toEqual({kind: 'cancelled'});
	});

	it('a certificate that is not trusted', async () => {
		const error = await failureOf(minifluxClient(tlsServer.origin, apiKey, {dispatcher: direct}).me());
		expect(error.message).toBe(`Miniflux ${new URL(tlsServer.origin).host}: TLS certificate not trusted (DEPTH_ZERO_SELF_SIGNED_CERT)`);
		expect(error.failure).toMatchObject({kind: 'tls', problem: 'untrusted'});
	});

	it('a redirect to another host is not followed: that host never sees the key', async () => {
		const before = elsewhere.requests.length;
		const error = await failureOf(client({}, server.url('/away')).me());
		expect(error.message).toBe(`Miniflux ${new URL(server.origin).host}: redirected to another server (${new URL(elsewhere.origin).host}); not followed with credentials`);
		expect(elsewhere.requests.length).toBe(before);
	});

	it('a redirect on the same server is followed for a GET, refused for a PUT', async () => {
		expect(await client({}, server.url('/moved')).me()).toEqual({id: 1, username: 'admin'});
		const error = await failureOf(client({}, server.url('/moved')).setStatus([1], 'read'));
		expect(error.message).toBe(`Miniflux ${new URL(server.origin).host}: a PUT was redirected (HTTP 308 Permanent Redirect); is the URL the server's own?`);
	});

	it('an answer that is not JSON, or of the wrong shape, names what was wrong and nothing of its text', async () => {
		const host = new URL(server.origin).host;
		expect((await failureOf(client({}, server.url('/html')).me())).message).toBe(`Miniflux ${host}: unexpected answer: an answer that is not JSON (text/html)`);
		expect((await failureOf(client({}, server.url('/types')).me())).message).toBe(`Miniflux ${host}: unexpected answer: me.id is not a whole number`);
		expect((await failureOf(client({}, server.url('/types')).entries())).message).toBe(`Miniflux ${host}: unexpected answer: entries[0].status is not read, unread or removed`);
	});

	it('an answer over the size cap is cut off', async () => {
		const error = await failureOf(client({maxBytes: 10_000}, server.url('/huge')).feeds());
		expect(error.message).toBe(`Miniflux ${new URL(server.origin).host}: answer larger than 9.8 KB`);
		expect(error.failure).toEqual({kind: 'too-large', limit: '9.8 KB'});
	});

	it('a server URL holding a password is refused before any request', () => {
		expect(() => minifluxClient('https://admin:hunter2@example.test/', apiKey)).toThrow('the URL must not hold a user name or password');
		try {
			minifluxClient('https://admin:hunter2@example.test/', apiKey);
		} catch (error) {
			expect((error as Error).message).not.toContain('hunter2');
		}
	});

	it('marks go in batches: 2500 read marks are 3 requests, every id once, in order', async () => {
		bodies.length = 0;
		const ids = Array.from({length: 2500}, (_, index) => index + 1);
		const sent: string[] = [];
		expect(await client({onRequest: (method, path) => sent.push(`${method} ${path}`)}).setStatus(ids, 'read')).toBe(3);
		expect(sent).toEqual(['PUT /v1/entries', 'PUT /v1/entries', 'PUT /v1/entries']);
		expect(bodies.map(body => (body as {status: string}).status)).toEqual(['read', 'read', 'read']);
		expect(bodies.flatMap(body => (body as {entry_ids: number[]}).entry_ids)).toEqual(ids);
		bodies.length = 0;
		await client().setStarred([7, 8], false);
		expect(bodies).toEqual([{entry_ids: [7, 8], starred: false}]);
	});
});
