/**
 * The reader in library mode, the real built CLI in a pseudo-terminal: sources configured with
 * `akhbar sources add` in a private HOME, the library (in its data folder) filled by the
 * reader's own background refresh from real servers on 127.0.0.1. The overview is driven with
 * S, ↓, Enter and Esc; R brings a new item without moving the selection; a start with every
 * server hanging shows the stored headlines at once, and q still quits at once.
 */
import {execFileSync} from 'node:child_process';
import {existsSync} from 'node:fs';
import type {ServerResponse} from 'node:http';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {afterAll, afterEach, beforeAll, describe, expect, it} from 'vitest';
import {fitLine} from '../../source/text/layout.js';
import {defaultTextOptions} from '../../source/text/options.js';
import {cellWidth} from '../../source/text/width.js';
import {runCli, tempHome} from '../fixtures/hostile/run-cli.js';
import {startServer, type TestServer} from '../helpers/http-server.js';
import {start, type Screen} from './helpers/pty.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const fromSource = process.env['AKHBAR_E2E_SOURCE'] === '1';

/** "At once": far under a fetch's 20 s timeout, with room for a loaded two-core machine. */
const atOnceMs = 5000;
const quitBoundMs = 1500;

let server: TestServer;
/** What the servers do: answer, answer with one more item, or never answer. */
let mode: 'answer' | 'newer' | 'hang' = 'answer';

const rss = (title: string, items: ReadonlyArray<{title: string; guid: string; hour: number}>) => `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>${title}</title><link>https://net.example/</link><language>ar</language>
${items.map(item => `<item><title>${item.title}</title><link>https://net.example/${item.guid}</link><guid>${item.guid}</guid><description>نص ${item.title}.</description><pubDate>Tue, 01 Dec 2026 ${String(item.hour).padStart(2, '0')}:00:00 GMT</pubDate></item>`).join('\n')}
</channel></rss>`;

const alphaItems = [
	{title: 'خبر ألف الأول', guid: 'a1', hour: 11},
	{title: 'خبر ألف الثاني', guid: 'a2', hour: 10},
	{title: 'خبر ألف الثالث', guid: 'a3', hour: 9},
];
const betaItems = [{title: 'خبر باء الوحيد', guid: 'b1', hour: 8}];
const fresh = {title: 'خبر ألف الجديد بعد التحديث', guid: 'a0', hour: 12};

function serve(response: ServerResponse, body: string): void {
	if (mode === 'hang') return;
	response.writeHead(200, {'content-type': 'application/rss+xml; charset=utf-8'}).end(body);
}

beforeAll(async () => {
	if (!fromSource && !existsSync(path.join(root, 'dist/cli.js'))) {
		execFileSync(process.execPath, ['test/build.mjs'], {cwd: root});
	}

	server = await startServer();
	server.route('/alpha.xml', (_request, response) => serve(response, rss('نشرة ألف', mode === 'newer' ? [fresh, ...alphaItems] : alphaItems)));
	server.route('/beta.xml', (_request, response) => serve(response, rss('نشرة باء', betaItems)));
});

afterAll(async () => {
	await server?.close();
});

let screens: Screen[] = [];
afterEach(() => {
	for (const screen of screens) screen.dispose();
	screens = [];
	mode = 'answer';
});

function run(home: string): Screen {
	const screen = start({args: [], columns: 100, rows: 24, fromSource, home});
	screens.push(screen);
	return screen;
}

/** How `text` looks once shaped and reordered. */
function shown(text: string): string {
	return fitLine(text, cellWidth(text) + 2, defaultTextOptions, 'left').trimEnd();
}

const showing = (text: string) => (s: Screen) => s.text().includes(shown(text));
const statusLine = (s: Screen) => s.rows().at(-1)!;
const selectedRow = (s: Screen) => s.rows().find(row => row.includes('◂')) ?? '';

/** A HOME with the two sources configured, under two tags. */
async function configured(): Promise<string> {
	const home = tempHome('akhbar-e2e-library-');
	for (const [url, name, tag] of [[server.url('/alpha.xml'), 'مصدر ألف', 'عربية'], [server.url('/beta.xml'), 'مصدر باء', 'دولية']] as const) {
		const added = await runCli(['sources', 'add', url, '--name', name, '--tag', tag], {home});
		expect(added.code, added.stderr).toBe(0);
	}

	return home;
}

describe('library mode in the terminal', () => {
	it('the overview: S, ↓, Enter and Esc; R refreshes in the background, the new item appears and the selection stays', async () => {
		const home = await configured();
		const s = run(home);
		// Nothing read yet: the overview first, then the refresh at start fills it.
		await s.waitFor(showing('آخر الأخبار — كل المصادر'), 'the overview');
		await s.waitFor(current => current.rows().some(row => row.includes(shown('مصدر ألف')) && / 3 /u.test(row)), 'مصدر ألف with 3 unread, refreshed');
		expect(s.text()).toContain(shown('عربية'));
		expect(s.text()).toContain(shown('دولية'));
		// ↓ past the three editions and the first tag's heading, Enter: its headlines.
		s.write('jjj');
		await s.waitFor(current => selectedRow(current).includes(shown('مصدر ألف')), 'مصدر ألف selected');
		s.write('\r');
		await s.waitFor(showing(alphaItems[0]!.title), 'مصدر ألف\'s headlines');
		// Esc: up to the overview, on the source's row; S: back to it.
		s.write('\u001B');
		await s.waitFor(showing('دولية'), 'the overview again');
		expect(selectedRow(s)).toContain(shown('مصدر ألف'));
		s.write('S');
		await s.waitFor(current => !current.text().includes(shown('دولية')), 'the headlines again');
		// Select the second item, then R with a newer feed.
		s.write('j');
		await s.waitFor(current => selectedRow(current).includes(shown(alphaItems[1]!.title)), 'the second item selected');
		mode = 'newer';
		s.write('R');
		await s.waitFor(showing(fresh.title), 'the new item, after R');
		expect(selectedRow(s)).toContain(shown(alphaItems[1]!.title));
		await s.waitFor(current => !statusLine(current).includes('/2'), 'the refresh\'s progress gone');
		s.write('q');
		expect(await s.waitForExit()).toBe(0);
	});

	it('every server hanging: the stored headlines at once, the refresh in the status line, and q quits at once', async () => {
		const home = await configured();
		const first = run(home);
		await first.waitFor(current => current.rows().some(row => row.includes(shown('مصدر باء')) && / 1 /u.test(row)), 'the library filled');
		// Open مصدر باء's only item: the last article read.
		first.write('jjjjj');
		await first.waitFor(current => selectedRow(current).includes(shown('مصدر باء')), 'مصدر باء selected');
		first.write('\r');
		await first.waitFor(showing(betaItems[0]!.title), 'its headline');
		first.write('\r');
		await first.waitFor(showing(`نص ${betaItems[0]!.title}.`), 'its article');
		first.write('q');
		expect(await first.waitForExit()).toBe(0);

		mode = 'hang';
		const started = performance.now();
		const s = run(home);
		await s.waitFor(showing(`نص ${betaItems[0]!.title}.`), 'the stored article, servers hanging', atOnceMs);
		console.log(`the stored article on the screen, every server hanging: ${Math.round(performance.now() - started)} ms`);
		await s.waitFor(current => statusLine(current).includes('0/2'), 'the refresh in the status line');
		const quit = performance.now();
		s.write('q');
		expect(await s.waitForExit(10_000)).toBe(0);
		expect(performance.now() - quit).toBeLessThan(quitBoundMs);
	});
});
