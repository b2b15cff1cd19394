/**
 * The built CLI in a real pseudo-terminal, drawn by a real terminal emulator: what a user sees
 * and what the terminal is left in.
 */
import {execFileSync} from 'node:child_process';
import {existsSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {afterEach, beforeAll, describe, expect, it} from 'vitest';
import {fitLine} from '../../source/text/layout.js';
import {defaultTextOptions} from '../../source/text/options.js';
import {cellWidth} from '../../source/text/width.js';
import {start, type Screen} from './helpers/pty.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const fromSource = process.env['AKHBAR_E2E_SOURCE'] === '1';

beforeAll(() => {
	if (!fromSource && !existsSync(path.join(root, 'dist/cli.js'))) {
		execFileSync(process.execPath, ['test/build.mjs'], {cwd: root});
	}
});

let screen: Screen | undefined;
afterEach(() => {
	screen?.dispose();
	screen = undefined;
});

function run(args: string[], columns = 100, rows = 30, env: Record<string, string> = {}): Screen {
	screen = start({args, columns, rows, env, fromSource});
	return screen;
}

/** How `text` looks once shaped and reordered. */
function shown(text: string): string {
	return fitLine(text, cellWidth(text) + 2, defaultTextOptions, 'left').trimEnd();
}

const ready = (s: Screen) => s.text().includes('│') && s.text().includes('◂');
const oneColumn = (s: Screen) => !s.text().includes('│') && s.text().includes('◂');
const pointerRow = (s: Screen) => s.rows().findIndex(row => row.includes('◂'));

describe('the reader in a terminal', () => {
	it('at 100×30: two panes, Arabic flush right in the article pane, the last row left free', async () => {
		const s = run(['--demo']);
		await s.waitFor(ready, 'two panes');
		const rows = s.rows();
		expect(s.bufferType()).toBe('alternate');
		expect(s.cursorHidden()).toBe(true);
		// Headlines 38 wide on the right, divider at column 61.
		for (let y = 0; y < 28; y++) expect(s.cells(y)[61]).toBe('│');
		// The article's lines of Arabic end at the text column's right edge (column 59), except
		// the last line of a paragraph, which is shorter: it starts at the right edge instead.
		let flush = 0;
		for (let y = 0; y < 28; y++) {
			const cells = s.cells(y).slice(0, 61);
			const used = cells.map((cell, x) => (cell.trim() === '' ? -1 : x)).filter(x => x >= 0);
			if (used.length === 0) continue;
			expect(Math.max(...used)).toBeLessThanOrEqual(59);
			if (Math.max(...used) >= 58) flush++;
		}

		expect(flush).toBeGreaterThan(10);
		expect(rows[0]!).toContain(shown('الأكثر قراءة'));
		expect(rows[29]!.trim()).toBe('');
	});

	it('at 80×24: one pane at a time', async () => {
		const s = run(['--demo'], 80, 24);
		await s.waitFor(oneColumn, 'the headlines pane alone');
		expect(s.rows()[23]!.trim()).toBe('');
		s.write('\t');
		await s.waitFor(current => !current.text().includes('◂'), 'the article pane');
	});

	it('moves the selection, opens an article, scrolls it', async () => {
		const s = run(['--demo']);
		await s.waitFor(ready, 'two panes');
		const first = pointerRow(s);
		s.write('j');
		await s.waitFor(current => pointerRow(current) === first + 1, 'the pointer one row down');
		const title = s.rows()[first + 1]!.slice(62).replace(/[•◂\d\s…]+$/u, '').replace(/^[\s…]+/u, '');
		s.write('\r');
		await s.waitFor(current => current.rows()[0]!.slice(0, 61).includes(title.split(' ').at(-1)!), 'the article title at the top');
		const top = s.rows()[0];
		s.write('jjj');
		await s.waitFor(current => current.rows()[0] !== top, 'the article scrolled');
	});

	it('searches with the prompt and Arabic folding', async () => {
		const s = run(['--demo']);
		await s.waitFor(ready, 'two panes');
		s.write('/');
		s.write('المكتبه');
		await s.waitFor(current => current.rows()[28]!.includes(shown('المكتبه')), 'the query in the prompt');
		s.write('\r');
		await s.waitFor(current => current.rows()[pointerRow(current)]!.includes(shown('المكتبة')), 'a library headline selected');
	});

	it('follows a resize at once', async () => {
		const s = run(['--demo']);
		await s.waitFor(ready, 'two panes');
		s.resize(80, 24);
		await s.waitFor(oneColumn, 'one pane after shrinking');
		expect(s.rows()[23]!.trim()).toBe('');
		s.resize(100, 30);
		await s.waitFor(ready, 'two panes again');
	});

	it('Ctrl+Z gives the terminal back; SIGCONT takes it again and redraws', async () => {
		const s = run(['--demo']);
		await s.waitFor(ready, 'two panes');
		s.write('\u001A');
		await s.waitFor(current => current.bufferType() === 'normal' && !current.cursorHidden(), 'the normal screen with a cursor');
		s.kill('SIGCONT');
		await s.waitFor(current => current.bufferType() === 'alternate' && ready(current), 'the reader drawn again');
		s.write('q');
		expect(await s.waitForExit()).toBe(0);
	});

	it('q restores the normal screen and the cursor', async () => {
		const s = run(['--demo']);
		await s.waitFor(ready, 'two panes');
		s.write('q');
		expect(await s.waitForExit()).toBe(0);
		expect(s.bufferType()).toBe('normal');
		expect(s.cursorHidden()).toBe(false);
		expect(s.output().endsWith('\u001B[8h')).toBe(true);
	});

	it.each([['SIGTERM', 143], ['SIGHUP', 129], ['SIGINT', 130]] as const)('%s restores the terminal too', async (signal, code) => {
		const s = run(['--demo']);
		await s.waitFor(ready, 'two panes');
		s.kill(signal);
		expect(await s.waitForExit()).toBe(code);
		expect(s.bufferType()).toBe('normal');
		expect(s.cursorHidden()).toBe(false);
	});

	it('with the source on a pipe, reads keys from /dev/tty', async () => {
		const folder = mkdtempSync(path.join(tmpdir(), 'akhbar-pipe-'));
		const feed = path.join(folder, 'feed.xml');
		writeFileSync(feed, `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>نشرة الأنبوب</title><link>https://pipe.example/</link><language>ar</language>
<item><title>خبر أول وصل عبر الأنبوب</title><link>https://pipe.example/1</link><guid>p1</guid><description>نص الخبر الأول كاملا هنا.</description></item>
<item><title>خبر ثان وصل عبر الأنبوب</title><link>https://pipe.example/2</link><guid>p2</guid><description>نص الخبر الثاني كاملا هنا.</description></item>
</channel></rss>`);
		try {
			const entry = fromSource ? `--import tsx ${path.join(root, 'source/cli.tsx')}` : path.join(root, 'dist/cli.js');
			screen = start({args: [], fromSource, columns: 100, rows: 30, shell: `cat '${feed}' | '${process.execPath}' ${entry} -`});
			const s = screen;
			await s.waitFor(current => current.text().includes(shown('الأنبوب')) && ready(current), 'the piped feed');
			const first = pointerRow(s);
			s.write('j');
			await s.waitFor(current => pointerRow(current) === first + 1, 'a key read from the terminal');
			s.write('q');
			expect(await s.waitForExit()).toBe(0);
		} finally {
			rmSync(folder, {recursive: true, force: true});
		}
	});

	it('NO_COLOR: no colour at all, selection still visible', async () => {
		const s = run(['--demo'], 100, 30, {NO_COLOR: '1', FORCE_COLOR: '1'});
		await s.waitFor(ready, 'two panes');
		// SGR colour parameters: 30–37, 38;…, 39, 40–47, 48;…, 90–97, 100–107.
		const colours = s.output().match(/\u001B\[[\d;]*m/g)?.filter(sgr => /(?:^|\[|;)(?:3[0-8]|4[0-8]|9[0-7]|10[0-7])(?:;|m)/.test(sgr)) ?? [];
		expect(colours).toEqual([]);
	});
});
