import {writeFileSync} from 'node:fs';
import type {IncomingMessage, ServerResponse} from 'node:http';
import path from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import type {RefreshOutcome, RefreshProgress} from '../../source/library/api.js';
import {refreshSources} from '../../source/library/refresh.js';
import {startServer, type TestServer} from '../helpers/http-server.js';
import {tempDir, testLibrary} from './helpers.js';

const servers: TestServer[] = [];

afterEach(async () => {
	await Promise.all(servers.splice(0).map(async server => server.close()));
});

async function server(): Promise<TestServer> {
	const started = await startServer();
	servers.push(started);
	return started;
}

/** An RSS feed of `count` items, the newest dated now. */
export function rss(name: string, count: number, {prefix = name, start = Date.now()} = {}): string {
	const items = Array.from({length: count}, (_, index) => `<item><title>خبر ${index} من ${name}</title><link>https://news.example/${prefix}/${index}</link><guid>${prefix}-${index}</guid><pubDate>${new Date(start - (index * 60_000)).toUTCString()}</pubDate><description>نص الخبر ${index}</description></item>`).join('');
	return `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>${name}</title><link>https://news.example/</link><language>ar</language>${items}</channel></rss>`;
}

/** Serves `body` with an ETag, answering 304 to a request that carries it. */
function feedRoute(body: () => string, etag: () => string = () => '"v1"') {
	return (request: IncomingMessage, response: ServerResponse) => {
		if (request.headers['if-none-match'] === etag()) {
			response.writeHead(304).end();
			return;
		}

		response.writeHead(200, {'content-type': 'application/rss+xml; charset=utf-8', etag: etag()}).end(body());
	};
}

describe('refreshSources', () => {
	it('asks a host that timed out twice for nothing more in the same refresh; other hosts are fetched as ever', async () => {
		const hung = await server();
		const fine = await server();
		let asked = 0;
		for (let index = 0; index < 8; index++) {
			hung.route(`/feed-${index}.xml`, () => {
				// Never answers.
				asked++;
			});
		}

		fine.route('/ok.xml', feedRoute(() => rss('ok', 2)));
		const entries = [...Array.from({length: 8}, (_, index) => ({url: hung.url(`/feed-${index}.xml`)})), {url: fine.url('/ok.xml')}];
		const library = testLibrary();
		library.syncSources(entries);
		const outcomes = await refreshSources(library, entries, {jobs: 2, timeoutMs: 200});
		// Two at a time: the first two wait out the timeout (the first worker free waits for the
		// host's other fetch before it takes the next); the other six are not asked.
		expect(asked).toBe(2);
		const hungOutcomes = outcomes.filter(outcome => outcome.spec !== entries[8]!.url);
		expect(hungOutcomes.map(outcome => outcome.status)).toEqual(Array.from({length: 8}, () => 'failed'));
		expect(hungOutcomes.filter(outcome => outcome.failure?.kind === 'timeout')).toHaveLength(asked);
		const host = new URL(hung.url('/')).host;
		const notAsked = hungOutcomes.filter(outcome => outcome.error === `not fetched: ${host} did not answer other sources in this refresh`);
		expect(notAsked).toHaveLength(8 - asked);
		expect(notAsked.every(outcome => outcome.failure?.kind === 'stalled')).toBe(true);
		expect(outcomes.find(outcome => outcome.spec === entries[8]!.url)!.status).toBe('updated');
		// Recorded as failures in the overview, as any other; the next refresh asks again.
		expect(library.overview().filter(summary => summary.failure !== undefined)).toHaveLength(8);
		const before = asked;
		await refreshSources(library, entries.slice(0, 1), {jobs: 1, timeoutMs: 100});
		expect(asked).toBe(before + 1);
	});

	it('a single slow feed does not keep the other feeds of its host from being fetched', async () => {
		const site = await server();
		site.route('/slow.xml', () => {
			// Never answers.
		});
		site.route('/a.xml', feedRoute(() => rss('a', 1)));
		site.route('/b.xml', feedRoute(() => rss('b', 1)));
		const entries = [{url: site.url('/slow.xml')}, {url: site.url('/a.xml')}, {url: site.url('/b.xml')}];
		const library = testLibrary();
		library.syncSources(entries);
		const outcomes = await refreshSources(library, entries, {jobs: 1, timeoutMs: 150});
		expect(outcomes.map(outcome => outcome.status)).toEqual(['failed', 'updated', 'updated']);
	});

	it('fetches every source, at most `jobs` at once, stores each, reports progress', async () => {
		const site = await server();
		let open = 0;
		let most = 0;
		const entries = Array.from({length: 7}, (_, index) => {
			const path = `/feed-${index}.xml`;
			site.route(path, async (request, response) => {
				open++;
				most = Math.max(most, open);
				await new Promise(resolve => setTimeout(resolve, 30));
				open--;
				feedRoute(() => rss(`مصدر ${index}`, 3 + index))(request, response);
			});
			return {url: site.url(path), ...(index === 0 ? {name: 'الأول'} : {})};
		});
		const library = testLibrary();
		library.syncSources(entries);
		const progress: RefreshProgress[] = [];
		const told: RefreshOutcome[] = [];
		const outcomes = await refreshSources(library, entries, {jobs: 2, onProgress: report => progress.push(structuredClone(report)), onSource: outcome => told.push(outcome)});
		expect(most).toBe(2);
		expect(outcomes).toHaveLength(7);
		expect(told).toEqual(outcomes);
		for (const [index, entry] of entries.entries()) {
			const outcome = outcomes.find(candidate => candidate.spec === entry.url)!;
			expect(outcome).toEqual({spec: entry.url, name: index === 0 ? 'الأول' : `مصدر ${index}`, status: 'updated', added: 3 + index});
			expect(library.edition(entry.url)!.headlines).toHaveLength(3 + index);
		}

		expect(progress[0]).toEqual({done: 0, total: 7, failed: 0, inFlight: []});
		expect(progress.at(-1)).toEqual({done: 7, total: 7, failed: 0, inFlight: []});
		expect(Math.max(...progress.map(report => report.inFlight.length))).toBe(2);
		expect(progress.some(report => report.inFlight.includes('الأول'))).toBe(true);
		expect(library.overview().every(summary => summary.refreshedAt !== undefined && summary.failure === undefined)).toBe(true);
	});

	it('a second refresh the server answers 304 is unchanged; a changed feed adds its new items', async () => {
		const site = await server();
		let version = 1;
		site.route('/a.xml', feedRoute(() => rss('أ', version === 1 ? 2 : 4, {start: Date.parse('2026-12-06T12:00:00Z') + (version * 120_000)}), () => `"v${version}"`));
		const entries = [{url: site.url('/a.xml')}];
		const library = testLibrary();
		library.syncSources(entries);
		expect((await refreshSources(library, entries))[0]).toMatchObject({status: 'updated', added: 2});
		const again = await refreshSources(library, entries);
		expect(site.requests.at(-1)!.headers['if-none-match']).toBe('"v1"');
		expect(again).toEqual([{spec: entries[0]!.url, name: 'أ', status: 'unchanged', added: 0}]);
		version = 2;
		expect((await refreshSources(library, entries))[0]).toMatchObject({status: 'updated', added: 2});
		expect(library.edition(entries[0]!.url)!.headlines).toHaveLength(4);
	});

	it('a source that fails keeps what was stored; the failure is one line, its Failure kept, the overview marks it', async () => {
		const site = await server();
		let broken = false;
		site.route('/ok.xml', feedRoute(() => rss('ok', 2)));
		site.route('/flaky.xml', (request, response) => {
			if (broken) response.writeHead(500, {'content-type': 'text/plain'}).end('\u001B[2Jboom');
			else feedRoute(() => rss('flaky', 3))(request, response);
		});
		site.route('/page.txt', (_request, response) => {
			response.writeHead(200, {'content-type': 'application/octet-stream'}).end(Buffer.from([0, 1, 2, 3, 0, 0, 0]));
		});
		const entries = [{url: site.url('/ok.xml')}, {url: site.url('/flaky.xml'), name: 'متقلب'}, {url: site.url('/missing.xml')}, {url: site.url('/page.txt')}];
		const library = testLibrary();
		library.syncSources(entries);
		const first = await refreshSources(library, entries);
		expect(first.map(outcome => outcome.status)).toEqual(['updated', 'updated', 'failed', 'failed']);
		const missing = first[2]!;
		expect(missing).toEqual({spec: entries[2]!.url, name: entries[2]!.url, status: 'failed', added: 0, error: 'HTTP 404 Not Found', failure: {kind: 'http', status: 404}});
		expect(first[3]!.error).toMatch(/binary/);

		broken = true;
		const second = await refreshSources(library, entries);
		const flaky = second.find(outcome => outcome.spec === entries[1]!.url)!;
		expect(flaky).toMatchObject({name: 'متقلب', status: 'failed', error: 'HTTP 500 Internal Server Error', failure: {kind: 'http', status: 500}});
		expect(library.edition(entries[1]!.url)!.headlines).toHaveLength(3);
		const summary = library.overview().find(candidate => candidate.spec === entries[1]!.url)!;
		expect(summary.failure).toBe('HTTP 500 Internal Server Error');
		// Its kind too, for a later session to say in its own language.
		expect(summary.failureKind).toEqual({kind: 'http', status: 500});
		expect(summary.total).toBe(3);
		expect(second.filter(outcome => outcome.status === 'failed')).toHaveLength(3);
	});

	it('a refused connection fails with its Failure; a file source is read too', async () => {
		const site = await server();
		const dead = site.url('/x.xml');
		await site.close();
		servers.splice(servers.indexOf(site), 1);
		const file = path.join(tempDir(), 'feed.xml');
		writeFileSync(file, rss('ملف', 2));
		const library = testLibrary();
		const entries = [{url: dead}, {url: file, name: 'محلي'}];
		library.syncSources(entries);
		const [outcome, local] = await refreshSources(library, entries, {jobs: 1});
		expect(outcome).toMatchObject({status: 'failed', failure: {kind: 'refused'}});
		expect(outcome!.error).toMatch(/refused/);
		expect(local).toEqual({spec: file, name: 'محلي', status: 'updated', added: 2});
		expect(library.edition(file)!.headlines).toHaveLength(2);
	});

	it('an abort ends a refresh stuck on a hung server at once: no failure recorded, the other sources kept', async () => {
		const site = await server();
		let asked!: () => void;
		const hungAsked = new Promise<void>(resolve => {
			asked = resolve;
		});
		site.route('/ok.xml', feedRoute(() => rss('ok', 2)));
		site.route('/hung.xml', () => {
			// Never answers.
			asked();
		});
		const entries = [{url: site.url('/ok.xml')}, {url: site.url('/hung.xml')}, {url: site.url('/later.xml')}];
		const library = testLibrary();
		library.syncSources(entries);
		const controller = new AbortController();
		const progress: RefreshProgress[] = [];
		const refresh = refreshSources(library, entries, {jobs: 2, signal: controller.signal, onProgress: report => progress.push(report)});
		await hungAsked;
		// Once the ok source is in, only the hung one is in flight (the third waits behind it or runs).
		while (!library.overview().some(summary => summary.refreshedAt !== undefined)) {
			// eslint-disable-next-line no-await-in-loop -- polling the store the refresh writes
			await new Promise(resolve => setTimeout(resolve, 10));
		}

		const reports = progress.length;
		controller.abort();
		const outcomes = await refresh;
		expect(outcomes.map(outcome => outcome.spec)).not.toContain(entries[1]!.url);
		expect(outcomes.find(outcome => outcome.spec === entries[0]!.url)!.status).toBe('updated');
		const hung = library.overview().find(summary => summary.spec === entries[1]!.url)!;
		expect(hung.failure).toBeUndefined();
		expect(hung.refreshedAt).toBeUndefined();
		// Nothing is reported after the abort.
		expect(progress.length).toBeLessThanOrEqual(reports + 1);
	});
});
