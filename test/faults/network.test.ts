/**
 * The built CLI against a hostile web server on 127.0.0.1: escape sequences in what the
 * server says about a document (its Content-Type charset, a redirect's Location, the status
 * line) and in URLs and paths the messages quote; compression bombs. Whatever the server
 * does, `print` ends with 0 or 1, one line per problem, and not one control character.
 *
 * (The sources tests cover the network from the module; these run the bundle, which loads
 * undici as a chunk of its own.)
 */
import {gzipSync, deflateSync} from 'node:zlib';
import type {ServerResponse} from 'node:http';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {startServer, type TestServer} from '../helpers/http-server.js';
import {rss} from '../fixtures/hostile/corpus.js';
import {allMarkers, wordMarker} from '../fixtures/hostile/payloads.js';
import {printProblems, runCli, tempHome} from '../fixtures/hostile/run-cli.js';
import {guardedTerminal, markersInSequences} from '../fixtures/hostile/terminal-guard.js';
import {tally} from '../fixtures/hostile/tally.js';

const ESC = '\u001B';
const markers = [...allMarkers, ...Array.from({length: 20}, (_, index) => wordMarker(900 + index))];
const osc = (id: number) => `${ESC}]0;${wordMarker(id)}\u0007`;

/** A response written byte for byte: Node's own writeHead refuses controls in headers. */
function raw(response: ServerResponse, head: string, body: Buffer | string = ''): void {
	const bytes = Buffer.from(body);
	const socket = response.socket!;
	socket.write(Buffer.concat([Buffer.from(`${head}\r\nContent-Length: ${bytes.length}\r\nConnection: close\r\n\r\n`, 'latin1'), bytes]));
	socket.end();
}

const feed = rss();
let server: TestServer;

beforeAll(async () => {
	server = await startServer({
		'/feed.xml': (_, response) => {
			response.writeHead(200, {'content-type': feed.contentType}).end(feed.text);
		},
		'/charset.xml': (_, response) => {
			raw(response, `HTTP/1.1 200 OK\r\nContent-Type: application/rss+xml; charset="${osc(900)}utf-8"`, feed.text);
		},
		'/charset': (request, response) => {
			// ?label=…: the same hostile feed under whatever charset the server claims.
			const label = new URL(request.url ?? '/', 'http://x').searchParams.get('label') ?? '';
			const body = label === 'utf-7' ? feed.text.replaceAll('\u001B', '+ABs-') : feed.text;
			response.writeHead(200, {'content-type': `application/rss+xml; charset=${label}`}).end(body);
		},
		'/redirect': (_, response) => {
			raw(response, `HTTP/1.1 302 Found\r\nLocation: /feed.xml${osc(901)}`);
		},
		'/redirect-away': (_, response) => {
			raw(response, `HTTP/1.1 301 Moved\r\nLocation: ftp://127.0.0.1/${osc(902)}x`);
		},
		'/status': (_, response) => {
			raw(response, `HTTP/1.1 404 Not ${osc(903)}Found\r\nContent-Type: text/plain`, 'gone');
		},
		'/gzip-bomb': (_, response) => {
			response.writeHead(200, {'content-type': 'application/rss+xml', 'content-encoding': 'gzip'}).end(gzipBomb);
		},
		'/deflate-bomb': (_, response) => {
			response.writeHead(200, {'content-type': 'text/html', 'content-encoding': 'deflate'}).end(deflateBomb);
		},
		'/double-gzip': (_, response) => {
			response.writeHead(200, {'content-type': 'text/plain', 'content-encoding': 'gzip, gzip'}).end(gzipSync(gzipBomb));
		},
	});
});

afterAll(async () => {
	await server.close();
	tally.report('faults/network');
});

/** 200 MB of spaces inside an RSS envelope, about 200 KB on the wire. */
const bomb = Buffer.alloc(200 * 1024 * 1024, 0x20);
bomb.write('<?xml version="1.0"?><rss version="2.0"><channel><title>');
const gzipBomb = gzipSync(bomb, {level: 9});
const deflateBomb = deflateSync(bomb, {level: 9});

async function print(url: string) {
	const result = await runCli(['print', '--logical', url], {home: tempHome()});
	tally.faults++;
	const guarded = guardedTerminal(100, 30, markers);
	await guarded.write(result.stdout.toString('utf8') + result.stderr);
	expect(printProblems(result)).toEqual([]);
	expect(guarded.seen).toEqual([]);
	expect(markersInSequences(result.stdout.toString('utf8') + result.stderr, markers)).toEqual([]);
	return result;
}

describe('print over HTTP', () => {
	it('reads a hostile feed from a server: the text it meant, no attack', async () => {
		const result = await print(server.url('/feed.xml'));
		expect(result.stderr).toBe('');
		expect(result.code).toBe(0);
		const out = result.stdout.toString('utf8');
		expect(out).toContain('عنوان الخبر 1 alphaomega عنوان الخبر 1');
		expect(allMarkers.filter(marker => out.includes(marker))).toEqual([]);
	});

	it('an escape in the Content-Type charset', async () => {
		const result = await print(server.url('/charset.xml'));
		expect([0, 1]).toContain(result.code);
	});

	it.each(['utf-7', 'x-user-defined', 'utf-16', 'utf-16be', 'replacement', 'iso-2022-jp', 'iso-2022-kr', 'hz-gb-2312', 'windows-1256', 'nonsense'])('a charset chosen to smuggle escapes (%s)', async label => {
		const result = await print(server.url(`/charset?label=${label}`));
		expect([0, 1]).toContain(result.code);
	});

	it('an escape in a redirect\'s Location', async () => {
		const result = await print(server.url('/redirect'));
		expect([0, 1]).toContain(result.code);
	});

	it('a redirect to another scheme, with an escape in it: refused, in one line', async () => {
		const result = await print(server.url('/redirect-away'));
		expect(result.code).toBe(1);
		expect(result.stderr.split('\n').filter(Boolean)).toHaveLength(1);
	});

	it('an escape in the status line', async () => {
		const result = await print(server.url('/status'));
		expect(result.code).toBe(1);
		expect(result.stderr).toMatch(/404/);
	});

	it('an escape in the URL the error message quotes', async () => {
		const result = await print(server.url(`/missing${osc(904)}${ESC}[31m`));
		expect(result.code).toBe(1);
	});

	it('an escape in a file name the error message quotes', async () => {
		const result = await print(`/nonexistent/${osc(905)}${ESC}P1$q${wordMarker(906)}${ESC}\\feed.xml`);
		expect(result.code).toBe(1);
		expect(result.stderr).toMatch(/no such file/);
	});

	it.each(['/gzip-bomb', '/deflate-bomb', '/double-gzip'])('a compression bomb (%s): refused at the size cap, memory bounded', async path => {
		const result = await print(server.url(path));
		expect(result.code).toBe(1);
		expect(result.stderr).toMatch(/larger than|too large|10 MB/i);
		expect(result.maxRssKb).toBeLessThan(400 * 1024);
	});
});
