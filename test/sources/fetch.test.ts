import {readFileSync} from 'node:fs';
import {brotliCompressSync, gzipSync} from 'node:zlib';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {Agent, type Dispatcher} from 'undici';
import {decodeBytes} from '../../source/sources/decode.js';
import {SourceError} from '../../source/sources/errors.js';
import {fetchUrl, proxyAgentFromEnv, userAgent, type FetchOptions} from '../../source/sources/fetch.js';
import {startProxy, startServer, testTls, type TestServer} from '../helpers/http-server.js';
import {problemOf} from '../helpers/source-error.js';
import * as texts from '../fixtures/encodings/texts.js';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/encodings/${name}`, import.meta.url));
const feed = '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>نشرة</title></channel></rss>';
const etag = '"v1"';
const lastModified = 'Sat, 28 Nov 2026 10:00:00 GMT';

let server: TestServer;
// A direct agent, so that proxy variables in the environment of whoever runs the tests do not matter.
let direct: Dispatcher;
const get = async (path: string, options: FetchOptions = {}) => fetchUrl(server.url(path), {dispatcher: direct, ...options});
const failure = async (path: string, options: FetchOptions = {}) => problemOf(get(path, options));

beforeAll(async () => {
	direct = await proxyAgentFromEnv({});
	server = await startServer({
		'/feed'(_request, response) {
			response.writeHead(200, {'content-type': 'application/rss+xml; charset=utf-8', etag, 'last-modified': lastModified});
			response.end(feed);
		},
		'/etag'(request, response) {
			if (request.headers['if-none-match'] === etag) {
				response.writeHead(304, {etag}).end();
				return;
			}

			response.writeHead(200, {etag}).end(feed);
		},
		'/dated'(request, response) {
			if (request.headers['if-modified-since'] === lastModified) {
				response.writeHead(304).end();
				return;
			}

			response.writeHead(200, {'last-modified': lastModified}).end(feed);
		},
		'/broken'(_request, response) {
			response.writeHead(500, 'Everything Is Fine').end('oops');
		},
		'/hop1'(_request, response) {
			response.writeHead(301, {location: '/hop2'}).end();
		},
		'/hop2'(_request, response) {
			response.writeHead(302, {location: `${server.origin}/hop3?x=1`}).end();
		},
		'/hop3'(_request, response) {
			response.writeHead(307, {location: 'feed'}).end();
		},
		'/loop'(_request, response) {
			response.writeHead(302, {location: '/loop'}).end();
		},
		'/to-file'(_request, response) {
			response.writeHead(302, {location: 'file:///etc/passwd'}).end();
		},
		'/to-javascript'(_request, response) {
			response.writeHead(302, {location: 'javascript:alert(1)'}).end();
		},
		'/no-location'(_request, response) {
			response.writeHead(302).end();
		},
		'/drip'(_request, response) {
			response.writeHead(200, {'content-type': 'text/plain'});
			const timer = setInterval(() => response.write('.'), 20);
			response.on('close', () => clearInterval(timer));
		},
		'/silent'() {
			// Never answers.
		},
		'/big'(_request, response) {
			response.writeHead(200, {'content-length': '5000'}).end('x'.repeat(5000));
		},
		'/big-chunked'(_request, response) {
			response.writeHead(200);
			for (let index = 0; index < 10; index++) response.write('x'.repeat(500));
			response.end();
		},
		'/gzip'(_request, response) {
			response.writeHead(200, {'content-encoding': 'gzip', 'content-type': 'application/rss+xml'});
			response.end(gzipSync(feed));
		},
		'/br'(_request, response) {
			response.writeHead(200, {'content-encoding': 'br'});
			response.end(brotliCompressSync(feed));
		},
		'/bomb'(_request, response) {
			// About 20 KB on the wire, 20 MB once inflated.
			response.writeHead(200, {'content-encoding': 'gzip', 'content-type': 'text/html'});
			response.end(gzipSync(Buffer.alloc(20 * 1024 * 1024, 0x20), {level: 9}));
		},
		'/bad-gzip'(_request, response) {
			response.writeHead(200, {'content-encoding': 'gzip'}).end('this is not gzip at all');
		},
		'/bad-br'(_request, response) {
			response.writeHead(200, {'content-encoding': 'br'}).end(Buffer.from([0xff, 0xff, 0xff, 0xff, 0x00, 0x12]));
		},
		'/cut'(_request, response) {
			response.writeHead(200, {'content-length': '1000'});
			response.write('only part of it');
			setTimeout(() => response.destroy(), 20);
		},
		'/windows-1256'(_request, response) {
			response.writeHead(200, {'content-type': 'text/html; charset=utf-8'}).end(fixture('windows-1256-meta.html'));
		},
		'/iso-8859-6'(_request, response) {
			response.writeHead(200, {'content-type': 'application/xml'}).end(fixture('iso-8859-6-declared.xml'));
		},
		'/undeclared'(_request, response) {
			response.writeHead(200, {'content-type': 'text/plain'}).end(fixture('windows-1256-undeclared.txt'));
		},
		'/bom'(_request, response) {
			response.writeHead(200, {'content-type': 'text/html; charset=windows-1256'}).end(fixture('utf-8-bom.html'));
		},
		'/utf-16'(_request, response) {
			response.writeHead(200, {'content-type': 'application/xml; charset=utf-8'}).end(fixture('utf-16le-bom.xml'));
		},
	});
});

afterAll(async () => {
	await server.close();
	await direct.close();
});

describe('fetchUrl', () => {
	it('returns the body and the headers a cache needs, sending its own User-Agent', async () => {
		const result = await get('/feed');
		expect(result).toEqual({
			status: 'ok',
			url: server.url('/feed'),
			bytes: new Uint8Array(Buffer.from(feed)),
			contentType: 'application/rss+xml; charset=utf-8',
			etag,
			lastModified,
		});
		expect(server.requests.at(-1)?.headers['user-agent']).toBe(userAgent);
		expect(userAgent).toMatch(/^akhbar\/\d+\.\d+\.\d+ \(\+terminal news reader\)$/);
	});

	it('asks with If-None-Match and reports not-modified on 304', async () => {
		expect(await get('/etag', {etag})).toEqual({status: 'not-modified', url: server.url('/etag')});
		expect(server.requests.at(-1)?.headers['if-none-match']).toBe(etag);
		expect((await get('/etag', {etag: '"old"'})).status).toBe('ok');
	});

	it('asks with If-Modified-Since and reports not-modified on 304', async () => {
		expect(await get('/dated', {lastModified})).toEqual({status: 'not-modified', url: server.url('/dated')});
		expect(server.requests.at(-1)?.headers['if-modified-since']).toBe(lastModified);
		expect((await get('/dated')).status).toBe('ok');
	});

	it('turns 4xx and 5xx into one line with the standard reason, never the server\'s text', async () => {
		expect(await failure('/missing')).toBe(`${server.url('/missing')}: HTTP 404 Not Found`);
		expect(await failure('/broken')).toBe(`${server.url('/broken')}: HTTP 500 Internal Server Error`);
	});

	it('follows a chain of three redirects and reports where it ended', async () => {
		const result = await get('/hop1');
		expect(result.status).toBe('ok');
		expect(result.url).toBe(server.url('/feed'));
	});

	it('stops a redirect loop', async () => {
		expect(await failure('/loop')).toBe(`${server.url('/loop')}: too many redirects`);
	});

	it('follows five redirects, not six', async () => {
		for (let hop = 1; hop <= 6; hop++) {
			server.route(`/chain${hop}`, (_request, response) => {
				response.writeHead(302, {location: hop === 1 ? '/feed' : `/chain${hop - 1}`}).end();
			});
		}

		expect((await get('/chain5')).url).toBe(server.url('/feed'));
		expect(await failure('/chain6')).toBe(`${server.url('/chain6')}: too many redirects`);
	});

	it('refuses a redirect to a file: or javascript: URL', async () => {
		expect(await failure('/to-file')).toBe(`${server.url('/to-file')}: redirected to a file: URL, which is refused`);
		expect(await failure('/to-javascript')).toMatch(/redirected to a javascript: URL, which is refused$/);
		expect(await failure('/no-location')).toMatch(/: HTTP 302 Found without a Location$/);
	});

	it('fetches only http and https URLs', async () => {
		for (const url of ['file:///etc/passwd', 'javascript:alert(1)', 'ftp://127.0.0.1/x']) {
			// eslint-disable-next-line no-await-in-loop
			await expect(fetchUrl(url, {dispatcher: direct})).rejects.toThrow(`${url}: only http and https URLs can be fetched`);
		}

		await expect(fetchUrl('not a url', {dispatcher: direct})).rejects.toThrow('not a url: not a valid URL');
	});

	it('gives up on a slow drip when the total time runs out', async () => {
		expect(await failure('/drip', {timeoutMs: 300})).toBe(`${server.url('/drip')}: timed out after 0.3 s`);
	});

	it('gives up on a server that never answers', async () => {
		expect(await failure('/silent', {timeoutMs: 300})).toBe(`${server.url('/silent')}: timed out after 0.3 s`);
	});

	it('refuses a body larger than the cap, announced or not', async () => {
		expect(await failure('/big', {maxBytes: 1000})).toBe(`${server.url('/big')}: larger than 1000 bytes`);
		expect(await failure('/big-chunked', {maxBytes: 1000})).toMatch(/: larger than 1000 bytes$/);
		expect((await get('/big', {maxBytes: 5000})).status).toBe('ok');
	});

	it('decompresses gzip and brotli bodies', async () => {
		for (const path of ['/gzip', '/br']) {
			// eslint-disable-next-line no-await-in-loop
			const result = await get(path);
			expect(result.status === 'ok' && Buffer.from(result.bytes).toString()).toBe(feed);
		}
	});

	it('stops inflating a gzip bomb at the cap', async () => {
		expect(await failure('/bomb', {maxBytes: 1024 * 1024})).toBe(`${server.url('/bomb')}: larger than 1 MB`);
	});

	it('names a damaged compressed body and a connection cut mid-body', async () => {
		expect(await failure('/bad-gzip')).toBe(`${server.url('/bad-gzip')}: the compressed answer is damaged`);
		expect(await failure('/bad-br')).toBe(`${server.url('/bad-br')}: the compressed answer is damaged`);
		expect(await failure('/cut')).toBe(`${server.url('/cut')}: connection closed by the server`);
	});

	it('says "connection refused" when nothing listens', async () => {
		const gone = await startServer();
		await gone.close();
		await expect(fetchUrl(gone.url('/feed'), {dispatcher: direct})).rejects.toThrow(`${gone.url('/feed')}: connection refused`);
	});

	it('explains a port that fetch refuses', async () => {
		await expect(fetchUrl('http://127.0.0.1:25/feed', {dispatcher: direct})).rejects.toThrow('http://127.0.0.1:25/feed: port 25 is not allowed for the web');
	});

	it('names a host that does not exist', async () => {
		const error = await fetchUrl('http://example.invalid/feed', {dispatcher: direct}).catch((error: unknown) => error);
		expect(error).toBeInstanceOf(SourceError);
		// Without any DNS at all (a sandbox) the resolver cannot say "no such host", only "cannot look up".
		expect((error as Error).message).toMatch(/^http:\/\/example\.invalid\/feed: (host not found:|could not look up) example\.invalid/);
	});

	it('fetches over HTTPS, and names an untrusted certificate', async () => {
		const secure = await startServer({
			'/feed'(_request, response) {
				response.end(feed);
			},
		}, {tls: true});
		const trusting = new Agent({connect: {ca: testTls.cert}});
		try {
			const result = await fetchUrl(secure.url('/feed'), {dispatcher: trusting});
			expect(result.status === 'ok' && Buffer.from(result.bytes).toString()).toBe(feed);
			await expect(fetchUrl(secure.url('/feed'), {dispatcher: direct}))
				.rejects.toThrow(`${secure.url('/feed')}: TLS certificate not trusted (DEPTH_ZERO_SELF_SIGNED_CERT)`);
		} finally {
			await trusting.close();
			await secure.close();
		}
	});

	it('stops when the caller cancels', async () => {
		const controller = new AbortController();
		const pending = get('/silent', {signal: controller.signal});
		controller.abort();
		await expect(pending).rejects.toThrow(`${server.url('/silent')}: cancelled`);
	});

	it('says what failed, as a kind the reader puts in its own words', async () => {
		const failed = async (run: Promise<unknown>) => run.then(() => expect.fail('expected a SourceError'), (error: unknown) => (error as SourceError).failure);
		expect(await failed(get('/missing'))).toEqual({kind: 'http', status: 404});
		expect(await failed(get('/broken'))).toEqual({kind: 'http', status: 500});
		expect(await failed(get('/loop'))).toEqual({kind: 'redirect'});
		expect(await failed(get('/to-file'))).toEqual({kind: 'redirect'});
		expect(await failed(get('/silent', {timeoutMs: 300}))).toEqual({kind: 'timeout', seconds: 0.3});
		expect(await failed(get('/big', {maxBytes: 1000}))).toEqual({kind: 'too-large', limit: '1000 bytes'});
		expect(await failed(get('/bad-gzip'))).toEqual({kind: 'damaged'});
		expect(await failed(get('/cut'))).toEqual({kind: 'closed'});
		expect(await failed(fetchUrl('http://127.0.0.1:25/feed', {dispatcher: direct}))).toEqual({kind: 'port', port: '25'});
		const gone = await startServer();
		await gone.close();
		expect(await failed(fetchUrl(gone.url('/feed'), {dispatcher: direct}))).toEqual({kind: 'refused'});
		const secure = await startServer({}, {tls: true});
		try {
			expect(await failed(fetchUrl(secure.url('/feed'), {dispatcher: direct}))).toEqual({kind: 'tls', problem: 'untrusted', host: '127.0.0.1'});
		} finally {
			await secure.close();
		}

		const controller = new AbortController();
		const pending = get('/silent', {signal: controller.signal});
		controller.abort();
		expect(await failed(pending)).toEqual({kind: 'cancelled'});
		// A file the user named is not a fetch: its problem is said as it is.
		expect(await failed(fetchUrl('ftp://127.0.0.1/x', {dispatcher: direct}))).toBeUndefined();
	});

	it('uses an agent that honours proxy variables when none is given', async () => {
		expect((await fetchUrl(server.url('/feed'))).status).toBe('ok');
	});
});

describe('charsets served over HTTP', () => {
	const decoded = async (path: string) => {
		const result = await get(path);
		if (result.status !== 'ok') throw new Error('expected a body');
		return decodeBytes(result.bytes, result.contentType);
	};

	it('reads windows-1256 behind a header that says utf-8', async () => {
		expect(await decoded('/windows-1256')).toEqual({text: texts.windows1256Page, encoding: 'windows-1256'});
	});

	it('reads ISO-8859-6 named by the XML declaration', async () => {
		expect(await decoded('/iso-8859-6')).toEqual({text: texts.iso88596Feed, encoding: 'iso-8859-6'});
	});

	it('reads windows-1256 that nothing declares', async () => {
		expect(await decoded('/undeclared')).toEqual({text: texts.windows1256Dump, encoding: 'windows-1256'});
	});

	it('lets a BOM override the header', async () => {
		expect(await decoded('/bom')).toEqual({text: texts.utf8BomPage, encoding: 'utf-8'});
		expect(await decoded('/utf-16')).toEqual({text: texts.utf16Feed, encoding: 'utf-16le'});
	});
});

describe('proxies', () => {
	const through = async (env: NodeJS.ProcessEnv) => {
		const proxy = await startProxy();
		const agent = await proxyAgentFromEnv(Object.fromEntries(
			Object.entries(env).map(([name, value]) => [name, value === 'PROXY' ? proxy.origin : value]),
		));
		try {
			const result = await fetchUrl(server.url('/feed'), {dispatcher: agent});
			return {status: result.status, proxied: proxy.requests.map(request => `${request.method} ${request.target}`)};
		} finally {
			await agent.close();
			await proxy.close();
		}
	};

	it('sends requests through HTTP_PROXY', async () => {
		const host = server.origin.replace('http://', '');
		const {status, proxied} = await through({HTTP_PROXY: 'PROXY'});
		expect(status).toBe('ok');
		expect(proxied).toEqual([`CONNECT ${host}`]);
	});

	it('reads the lower-case http_proxy too', async () => {
		expect((await through({http_proxy: 'PROXY'})).proxied).toHaveLength(1);
	});

	it('goes direct to hosts listed in NO_PROXY', async () => {
		expect(await through({HTTP_PROXY: 'PROXY', NO_PROXY: '127.0.0.1'})).toEqual({status: 'ok', proxied: []});
	});
});
