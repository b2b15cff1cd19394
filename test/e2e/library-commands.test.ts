/**
 * `akhbar refresh`, `akhbar search` and the library in `sources`, the built CLI run for real
 * against 127.0.0.1 servers: exit codes, the lines without a terminal, the progress line on one,
 * search output and exit codes, tags, an OPML round trip.
 */
import {execFileSync} from 'node:child_process';
import {existsSync, mkdirSync, readFileSync, writeFileSync} from 'node:fs';
import type {IncomingMessage, ServerResponse} from 'node:http';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {afterEach, beforeAll, describe, expect, it} from 'vitest';
import {runCli, tempHome, type CliResult} from '../fixtures/hostile/run-cli.js';
import {startServer, type TestServer} from '../helpers/http-server.js';
import type {SourceEntry} from '../../source/prefs.js';
import {hitLines} from '../../source/commands/search.js';
import {defaultTextOptions} from '../../source/text/options.js';
import {start, type Screen} from './helpers/pty.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const out = (result: CliResult) => result.stdout.toString('utf8');

beforeAll(() => {
	if (!existsSync(path.join(root, 'dist/cli.js'))) execFileSync(process.execPath, ['test/build.mjs'], {cwd: root});
});

const servers: TestServer[] = [];
const screens: Screen[] = [];
afterEach(async () => {
	for (const screen of screens.splice(0)) screen.dispose();
	await Promise.all(servers.splice(0).map(async server => server.close()));
});

async function server(): Promise<TestServer> {
	const started = await startServer();
	servers.push(started);
	return started;
}

const now = Date.now();

function rss(name: string, titles: readonly string[], hoursAgo = 0): string {
	const items = titles.map((title, index) => `<item><title>${title}</title><link>https://news.example/${encodeURIComponent(name)}/${index}</link><guid>${name}-${index}</guid><pubDate>${new Date(now - ((hoursAgo + index) * 3_600_000)).toUTCString()}</pubDate><description>نص ${title}</description></item>`).join('');
	return `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>${name}</title><link>https://news.example/</link>${items}</channel></rss>`;
}

function feed(body: string) {
	return (request: IncomingMessage, response: ServerResponse) => {
		if (request.headers['if-none-match'] === '"1"') {
			response.writeHead(304).end();
			return;
		}

		response.writeHead(200, {'content-type': 'application/rss+xml; charset=utf-8', etag: '"1"'}).end(body);
	};
}

/** A home whose preferences list `sources`. */
function homeWith(sources: readonly SourceEntry[]): string {
	const home = tempHome('akhbar-library-cli-');
	mkdirSync(path.join(home, 'config', 'akhbar'), {recursive: true});
	writeFileSync(path.join(home, 'config', 'akhbar', 'config.json'), JSON.stringify({sources}));
	return home;
}

const libraryFile = (home: string) => path.join(home, 'data', 'akhbar', 'library.sqlite');

describe('akhbar refresh', () => {
	it('exit 0 when every source refreshed, then when every one is unchanged: a summary, nothing on stderr', async () => {
		const site = await server();
		site.route('/a.xml', feed(rss('الأولى', ['خبر عن غزة', 'خبر عن الاقتصاد'])));
		site.route('/b.xml', feed(rss('الثانية', ['خبر ثالث'])));
		const home = homeWith([{url: site.url('/a.xml')}, {url: site.url('/b.xml'), name: 'ثانية'}]);
		const first = await runCli(['refresh'], {home});
		expect(first.stderr).toBe('');
		expect(out(first)).toMatch(/^refreshed 2 sources in \d+\.\d s: 2 updated \(3 new items\), 0 unchanged, 0 failed\n$/u);
		expect(first.code).toBe(0);
		expect(existsSync(libraryFile(home))).toBe(true);
		const second = await runCli(['refresh', '--jobs', '1'], {home});
		expect(out(second)).toMatch(/: 0 updated, 2 unchanged, 0 failed\n$/u);
		expect(second.code).toBe(0);
	});

	it('exit 3 when some failed, 1 when all did: one line per failure naming the source, no control or bidi character of it', async () => {
		const site = await server();
		site.route('/a.xml', feed(rss('الأولى', ['خبر'])));
		site.route('/broken.xml', (_request, response) => {
			response.writeHead(500).end();
		});
		const some = homeWith([{url: site.url('/a.xml')}, {url: site.url('/missing.xml'), name: 'مفقود\u202E عكس'}]);
		const partly = await runCli(['refresh'], {home: some});
		expect(partly.stderr).toBe(`akhbar: مفقود عكس (${site.url('/missing.xml')}): HTTP 404 Not Found\n`);
		expect(out(partly)).toMatch(/: 1 updated \(1 new item\), 0 unchanged, 1 failed\n$/u);
		expect(partly.code).toBe(3);

		const none = homeWith([{url: site.url('/missing.xml')}, {url: site.url('/broken.xml')}]);
		const failed = await runCli(['refresh', '--jobs=2'], {home: none});
		expect(failed.stderr.split('\n').filter(Boolean).sort()).toEqual([
			`akhbar: ${site.url('/broken.xml')}: HTTP 500 Internal Server Error`,
			`akhbar: ${site.url('/missing.xml')}: HTTP 404 Not Found`,
		]);
		expect(out(failed)).toMatch(/: 0 updated, 0 unchanged, 2 failed\n$/u);
		expect(failed.code).toBe(1);
	});

	it('a usage error is exit 2 with one line; no sources is exit 0 with a hint', async () => {
		const home = homeWith([]);
		for (const args of [['--jobs', '0'], ['--jobs', 'x'], ['--jobs'], ['-j', '65'], ['--frob'], ['feed.xml']]) {
			const result = await runCli(['refresh', ...args], {home});
			expect(result.code, args.join(' ')).toBe(2);
			expect(result.stderr, args.join(' ')).toMatch(/^akhbar: [^\n]+ \(see akhbar refresh --help\)\n$/u);
		}

		const empty = await runCli(['refresh'], {home});
		expect(empty).toMatchObject({code: 0, stderr: 'akhbar: no sources configured; add one with: akhbar sources add URL\n'});
		expect(out(await runCli(['refresh', '--help'], {home}))).toMatch(/^Usage: akhbar refresh \[--jobs N\]/u);
		expect(out(await runCli(['help', 'refresh'], {home}))).toMatch(/^Usage: akhbar refresh/u);
		expect(out(await runCli(['search', '--help'], {home}))).toMatch(/^Usage: akhbar search QUERY/u);
		expect(out(await runCli(['help', 'search'], {home}))).toMatch(/^Usage: akhbar search/u);
	});

	it('a file named refresh is read as ./refresh', async () => {
		const home = homeWith([]);
		writeFileSync(path.join(home, 'refresh'), rss('ملف', ['خبر من ملف']));
		const command = await runCli(['refresh'], {home, cwd: home});
		expect(command.stderr).toMatch(/no sources configured/u);
		const file = await runCli(['print', '--logical', '--headlines', './refresh'], {home, cwd: home});
		expect(out(file)).toContain('خبر من ملف');
	});

	it('on a terminal: one progress line redrawn in place, the failure above it, the summary at the end', async () => {
		const site = await server();
		for (let index = 0; index < 6; index++) {
			site.route(`/${index}.xml`, async (request, response) => {
				await new Promise(resolve => setTimeout(resolve, 100));
				feed(rss(`مصدر ${index}`, ['خبر']))(request, response);
			});
		}

		// A name may hold a bidi override (the preferences refuse only controls): it never reaches the terminal.
		const home = homeWith([...Array.from({length: 6}, (_, index) => ({url: site.url(`/${index}.xml`), name: `مصدر\u202E ${index}`})), {url: site.url('/gone.xml')}]);
		const screen = start({args: ['refresh', '--jobs', '2'], home, columns: 80, rows: 10});
		screens.push(screen);
		expect(await screen.waitForExit()).toBe(3);
		const output = screen.output();
		expect(output).toMatch(/\r\u001B\[2K[^\n]*\[[#.]+\] 3\/7/u);
		expect(output).not.toContain('\u202E');
		const rows = screen.rows().map(row => row.trimEnd()).filter(Boolean);
		expect(rows).toEqual([
			`akhbar: ${site.url('/gone.xml')}: HTTP 404 Not Found`,
			expect.stringMatching(/^refreshed 7 sources in \d+\.\d s: 6 updated \(6 new items\), 0 unchanged, 1 failed$/u) as string,
		]);
	});
});

describe('akhbar refresh, interrupted', () => {
	it('Ctrl-C while a server hangs: exit 130 at once, the sources already fetched stored', async () => {
		const site = await server();
		let asked!: () => void;
		const hungAsked = new Promise<void>(resolve => {
			asked = resolve;
		});
		site.route('/ok.xml', feed(rss('الأولى', ['خبر'])));
		site.route('/hung.xml', () => {
			asked();
		});
		const home = homeWith([{url: site.url('/ok.xml')}, {url: site.url('/hung.xml')}]);
		const screen = start({args: ['refresh', '--jobs', '1'], home, columns: 80, rows: 10});
		screens.push(screen);
		await hungAsked;
		screen.kill('SIGINT');
		// Far sooner than the fetch's own 20 s timeout.
		expect(await screen.waitForExit(10_000)).toBe(130);
		expect(screen.text()).toContain('akhbar: refresh interrupted after 1 of 2 sources');
		const list = await runCli(['sources', 'list'], {home});
		expect(out(list)).toContain(`1. ${site.url('/ok.xml')}  (1 unread of 1, refreshed just now)`);
		expect(out(list)).toContain(`2. ${site.url('/hung.xml')}  (no items, never refreshed)`);
	});
});

describe('akhbar search', () => {
	async function refreshed(): Promise<{home: string; site: TestServer}> {
		const site = await server();
		site.route('/a.xml', feed(rss('الأولى', ['إطلاق النار في غزة', 'أسعار النفط'], 1)));
		site.route('/b.xml', feed(rss('Second', ['غزة: مفاوضات جديدة', 'Markets'], 0)));
		const home = homeWith([{url: site.url('/a.xml')}, {url: site.url('/b.xml'), name: 'الثاني'}]);
		expect((await runCli(['refresh'], {home})).code).toBe(0);
		return {home, site};
	}

	it('before any refresh nothing matches (exit 1) and no library is made', async () => {
		const home = homeWith([]);
		const result = await runCli(['search', 'غزة'], {home});
		expect(result).toMatchObject({code: 1, stderr: ''});
		expect(out(result)).toBe('');
		expect(existsSync(libraryFile(home))).toBe(false);
	});

	it('matches newest first, one line each, as print lays them out; --logical, --limit, --source by name or address; exit 0/1/2', async () => {
		const {home, site} = await refreshed();
		const logical = await runCli(['search', 'غزه', '--logical'], {home});
		expect(logical.code).toBe(0);
		const lines = out(logical).split('\n').filter(Boolean);
		expect(lines).toHaveLength(2);
		expect(lines[0]).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d الثاني · غزة: مفاوضات جديدة$/u);
		expect(lines[1]).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d الأولى · إطلاق النار في غزة$/u);

		// Without --logical: shaped and in visual order at 80 cells, as hitLines lays them out.
		const visual = await runCli(['search', 'غزه'], {home});
		const dates = lines.map(line => line.slice(0, 16));
		const hits = [
			{key: '1', source: site.url('/b.xml'), sourceName: 'الثاني', title: 'غزة: مفاوضات جديدة', date: new Date(now).toISOString()},
			{key: '2', source: site.url('/a.xml'), sourceName: 'الأولى', title: 'إطلاق النار في غزة', date: new Date(now - 3_600_000).toISOString()},
		];
		const expected = hitLines(hits, {width: 80, logical: false, text: defaultTextOptions});
		expect(out(visual).split('\n').filter(Boolean).map(line => line.replace(/\d{4}-\d\d-\d\d \d\d:\d\d/u, 'DATE'))).toEqual(expected.map(line => line.replace(/\d{4}-\d\d-\d\d \d\d:\d\d/u, 'DATE')));
		expect(dates.every(date => out(visual).includes(date))).toBe(true);

		expect(out(await runCli(['search', 'غزة', '--logical', '--limit', '1'], {home})).trim().split('\n')).toHaveLength(1);
		const byName = await runCli(['search', 'غزة', '--logical', '--source', 'الأولى'], {home});
		expect(out(byName)).toMatch(/^[^\n]+ الأولى · إطلاق النار في غزة\n$/u);
		expect(out(await runCli(['search', 'غزة', '--logical', `--source=${site.url('/b.xml')}`], {home}))).toMatch(/^[^\n]+ الثاني · غزة: مفاوضات جديدة\n$/u);
		expect(out(await runCli(['search', 'النفط', '--logical', '-s', '2'], {home}))).toBe('');

		const none = await runCli(['search', 'كلمة لا توجد'], {home});
		expect(none).toMatchObject({code: 1, stderr: ''});
		for (const args of [[], ['--limit', '0', 'غزة'], ['--limit', 'x', 'غزة'], ['--frob', 'غزة'], ['غزة', '--source', 'nowhere']]) {
			const result = await runCli(['search', ...args], {home});
			expect(result.code, args.join(' ')).toBe(2);
			expect(result.stderr.split('\n').filter(Boolean), args.join(' ')).toHaveLength(1);
		}
	});
});

describe('sources and the library', () => {
	it('add --tag, then list shows tags, unread and the last refresh', async () => {
		const site = await server();
		site.route('/a.xml', feed(rss('الأولى', ['خبر', 'خبر آخر'])));
		// A list no refresh has read yet opens no library, and makes none.
		const fresh = homeWith([{url: site.url('/a.xml'), tags: ['سياسة']}]);
		expect(out(await runCli(['sources', 'list'], {home: fresh}))).toBe(`1. ${site.url('/a.xml')}  [سياسة]\n`);
		expect(existsSync(libraryFile(fresh))).toBe(false);
		const home = homeWith([]);
		expect(out(await runCli(['sources', 'add', site.url('/a.xml'), '--tag', 'سياسة', '--tag', 'عربي'], {home}))).toMatch(/\[سياسة, عربي\]/u);
		expect(out(await runCli(['sources', 'list'], {home}))).toBe(`1. ${site.url('/a.xml')}  [سياسة, عربي]\n`);
		await runCli(['refresh'], {home});
		expect(out(await runCli(['sources', 'list'], {home}))).toBe(`1. ${site.url('/a.xml')}  [سياسة, عربي]  (2 unread of 2, refreshed just now)\n`);
	});

	it('OPML round trip: folders and categories in, folders and categories out, the same tags back', async () => {
		const first = homeWith([]);
		const opml = path.join(root, 'test/fixtures/opml/feedly-export.opml');
		expect((await runCli(['sources', 'import', opml], {home: first})).code).toBe(0);
		const exported = out(await runCli(['sources', 'export'], {home: first}));
		const second = homeWith([]);
		writeFileSync(path.join(second, 'list.opml'), exported);
		expect((await runCli(['sources', 'import', 'list.opml'], {home: second, cwd: second})).code).toBe(0);
		const config = (home: string) => JSON.parse(readFileSync(path.join(home, 'config', 'akhbar', 'config.json'), 'utf8')) as {sources: SourceEntry[]};
		expect(config(first).sources).toContainEqual({url: 'https://enabbaladi.example/feed/', name: 'عنب بلدي', tags: ['Politics', 'Syria']});
		expect(new Set(config(second).sources.map(source => JSON.stringify(source)))).toEqual(new Set(config(first).sources.map(source => JSON.stringify(source))));
	});
});
