/**
 * The built CLI in a real pseudo-terminal, drawn by a real terminal emulator: what a user sees
 * and what the terminal is left in.
 */
import {execFileSync} from 'node:child_process';
import {existsSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {afterAll, afterEach, beforeAll, describe, expect, it} from 'vitest';
import {fold} from '../../source/text/fold.js';
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

/** The whole frame has arrived: panes, pointer, and the status line (the last row, drawn last). */
const drawn = (s: Screen) => s.text().includes('◂') && s.rows()[s.rows().length - 1]!.trim() !== '';
const ready = (s: Screen) => drawn(s) && s.cells(0).includes('│') && s.cells(s.rows().length - 2).includes('│');
const oneColumn = (s: Screen) => drawn(s) && !s.text().includes('│');
const pointerRow = (s: Screen) => s.rows().findIndex(row => row.includes('◂'));

describe('the reader in a terminal', () => {
	it('at 100×30: two panes, Arabic flush right in the article pane, the status line on the last row', async () => {
		const s = run(['--demo']);
		await s.waitFor(ready, 'two panes');
		const rows = s.rows();
		expect(s.bufferType()).toBe('alternate');
		expect(s.cursorHidden()).toBe(true);
		// Headlines 38 wide on the right, divider at column 61.
		for (let y = 0; y < 29; y++) expect(s.cells(y)[61]).toBe('│');
		// The article's lines of Arabic end at the text column's right edge (column 59), except
		// the last line of a paragraph, which is shorter: it starts at the right edge instead.
		let flush = 0;
		for (let y = 0; y < 29; y++) {
			const cells = s.cells(y).slice(0, 61);
			const used = cells.map((cell, x) => (cell.trim() === '' ? -1 : x)).filter(x => x >= 0);
			if (used.length === 0) continue;
			expect(Math.max(...used)).toBeLessThanOrEqual(59);
			if (Math.max(...used) >= 58) flush++;
		}

		expect(flush).toBeGreaterThan(10);
		expect(rows[0]!).toContain(shown('الأكثر قراءة'));
		expect(rows[29]).toContain(`? ${shown('مساعدة')}`);
	});

	it('at 80×24: one pane at a time', async () => {
		const s = run(['--demo'], 80, 24);
		await s.waitFor(oneColumn, 'the headlines pane alone');
		expect(s.rows()[23]).toContain(`? ${shown('مساعدة')}`);
		s.write('\t');
		await s.waitFor(current => !current.text().includes('◂'), 'the article pane');
	});

	it('uses every row: the status line on the last one, and nothing scrolls the screen', async () => {
		const s = run(['--demo'], 80, 24);
		await s.waitFor(oneColumn, 'the headlines pane');
		const second = s.rows()[2];
		expect(s.rows()[0]).toContain(shown('الأكثر قراءة'));
		s.write('\r');
		await s.waitFor(current => !current.text().includes('◂') && current.rows()[23]!.includes('%'), 'the article');
		s.write('G');
		await s.waitFor(current => current.rows()[23]!.includes('100%'), 'the end of the article');
		// Every cell of the last row was written (the status line is as wide as the screen).
		expect(s.cells(23)).toHaveLength(80);
		expect(s.rows()[23]).toContain(`? ${shown('مساعدة')}`);
		expect(s.rows()[22]!.trim()).not.toBe('');
		s.write('\u001B');
		await s.waitFor(current => current.text().includes('◂'), 'the headlines again');
		await s.settle();
		expect(s.rows()).toHaveLength(24);
		expect(s.rows()[0]).toContain(shown('الأكثر قراءة'));
		expect(s.rows()[2]).toBe(second);
		expect(s.rows()[23]).toContain(`? ${shown('مساعدة')}`);
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

	it('keys typed the moment the first frame shows are acted on, never echoed', async () => {
		const s = run(['--demo']);
		await s.waitFor(current => current.rows()[3]!.trim() !== '', 'the first frame');
		s.write('jj');
		// Item 1 is on row 1, under the list's header: two down is row 3.
		await s.waitFor(current => ready(current) && pointerRow(current) === 3, 'the pointer two rows down');
		expect(s.text()).not.toMatch(/jj/u);
	});

	it('searches with the prompt and Arabic folding', async () => {
		const s = run(['--demo']);
		await s.waitFor(ready, 'two panes');
		s.write('/');
		s.write('المكتبه');
		await s.waitFor(current => current.rows()[29]!.includes(shown('المكتبه')), 'the query in the prompt');
		s.write('\r');
		await s.waitFor(current => current.rows()[pointerRow(current)]!.includes(shown('المكتبة')), 'a library headline selected');
	});

	it('a search\'s match is scrolled to and highlighted in the article it found', async () => {
		const s = run(['--demo'], 100, 16);
		await s.waitFor(ready, 'two panes');
		// مصعد is deep in the library article's text, not in its title.
		s.write('/');
		s.write('مصعد');
		s.write('\r');
		await s.waitFor(current => current.rows()[pointerRow(current)]!.includes(shown('المكتبة')), 'the library headline selected');
		s.write('\r');
		// The match style (black on yellow): which cells of the article pane have it.
		const marked = (current: Screen) => current.rows().map((_, y) => {
			const styles = current.styles(y);
			return current.cells(y).slice(0, 61).filter((_, x) => styles[x]!.endsWith('|16777216:3')).join('');
		});
		await s.waitFor(current => marked(current).some(Boolean), 'a highlighted match');
		const runs = marked(s).filter(Boolean);
		expect(runs).toHaveLength(1);
		// Drawn right to left, in presentation forms: read back in logical order, it is the query.
		expect(fold([...runs[0]!].reverse().join(''))).toBe(fold('مصعد'));
		// The article is scrolled to its match (near its end here, so as far as it goes): its title is gone.
		expect(s.rows().map(row => row.slice(0, 61)).join('')).not.toContain(shown('المكتبة العامة'));
	});

	it('follows a resize at once', async () => {
		const s = run(['--demo']);
		await s.waitFor(ready, 'two panes');
		s.resize(80, 24);
		await s.waitFor(oneColumn, 'one pane after shrinking');
		expect(s.rows()[23]).toContain(`? ${shown('مساعدة')}`);
		s.resize(100, 30);
		await s.waitFor(ready, 'two panes again');
	});

	it('Ctrl+Z gives the terminal back; SIGCONT takes it again and redraws', async () => {
		const s = run(['--demo']);
		await s.waitFor(ready, 'two panes');
		s.write('\u001A');
		await s.waitFor(current => current.bufferType() === 'normal' && !current.cursorHidden(), 'the normal screen with a cursor');
		await s.waitForStopped();
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

	it('warns in the status line when the locale is not UTF-8', async () => {
		const s = run(['--demo'], 100, 30, {LANG: 'C', LC_ALL: 'C'});
		await s.waitFor(ready, 'two panes');
		expect(s.rows()[29]).toContain('locale is not UTF-8');
	});

	it('on a terminal that reorders Arabic itself (Konsole): logical order, one pane, and a note saying so', async () => {
		const s = run(['--demo'], 120, 30, {KONSOLE_VERSION: '230805'});
		await s.waitFor(oneColumn, 'one pane');
		expect(s.rows()[29]).toContain('Konsole');
		expect(s.output()).not.toContain('\u001B[8l');
		expect(s.text()).toContain('الأكثر قراءة');
	});

	it('NO_COLOR: no colour at all, selection still visible', async () => {
		const s = run(['--demo'], 100, 30, {NO_COLOR: '1', FORCE_COLOR: '1'});
		await s.waitFor(ready, 'two panes');
		// SGR colour parameters: 30–37, 38;…, 39, 40–47, 48;…, 90–97, 100–107.
		const colours = s.output().match(/\u001B\[[\d;]*m/g)?.filter(sgr => /(?:^|\[|;)(?:3[0-8]|4[0-8]|9[0-7]|10[0-7])(?:;|m)/.test(sgr)) ?? [];
		expect(colours).toEqual([]);
	});

	it('at 80×24, a feed declared ar: an Arabic headline opening with a Latin word reads right to left; a long title is cut after a whole word', async () => {
		const folder = mkdtempSync(path.join(tmpdir(), 'akhbar-direction-'));
		const feed = path.join(folder, 'feed.xml');
		const apple = 'Apple تطلق هاتف iPhone 17 الجديد بسعر 999 دولار.';
		// 66 cells, then ` بنسبة 12%`: the old cut, at 74 cells of the 75 a row's title has, fell after the `1`.
		const rise = `ارتفاع${' كلمة'.repeat(12)} بنسبة 12%`;
		writeFileSync(feed, `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>أخبار التقنية</title><link>https://tech.example/</link><language>ar</language>
<item><title>${apple}</title><link>https://www.tech.example/apple</link><guid>d1</guid><description>نص الخبر عن الهاتف الجديد.</description></item>
<item><title>${rise}</title><link>https://tech.example/rise</link><guid>d2</guid><description>نص الخبر الثاني.</description></item>
</channel></rss>`);
		try {
			const s = run([feed], 80, 24);
			await s.waitFor(current => oneColumn(current) && current.text().includes('Apple'), 'the headlines pane');
			const rows = s.rows();
			const appleRow = rows.find(row => row.includes('Apple'))!;
			const riseRow = rows.find(row => row.includes('…'))!;
			// The title takes the row's first 75 cells (pointer, rank, mark on the right).
			const appleTitle = appleRow.slice(0, 75);
			expect(appleTitle.endsWith('Apple')).toBe(true);
			expect(appleTitle.trimStart().startsWith('.')).toBe(true);
			// Cut after `بنسبة`: no piece of 12% beside the ellipsis, which stands at the left end.
			const riseTitle = riseRow.slice(0, 75);
			expect(riseTitle.trimStart().startsWith('…')).toBe(true);
			expect(riseTitle).not.toMatch(/\d/);
			s.write('\r');
			await s.waitFor(current => !current.text().includes('◂') && current.text().includes('tech.example'), 'the article with its meta line');
			const title = s.rows().find(row => row.includes('Apple'))!;
			expect(title.trimEnd().endsWith('Apple')).toBe(true);
			expect(title.trimStart().startsWith('.')).toBe(true);
			// The meta line: the source's name at the right end, the link's host at the left.
			const meta = s.rows().find(row => row.includes('tech.example'))!;
			expect(meta.trim().startsWith('tech.example · ')).toBe(true);
			expect(meta.trimEnd().endsWith(shown('أخبار التقنية'))).toBe(true);
		} finally {
			rmSync(folder, {recursive: true, force: true});
		}
	});

	describe('with a feed that has links', () => {
		let folder: string;
		let feed: string;
		beforeAll(() => {
			folder = mkdtempSync(path.join(tmpdir(), 'akhbar-links-'));
			feed = path.join(folder, 'feed.xml');
			const items = Array.from({length: 3}, (_, index) => `<item><title>خبر رقم ${index + 1} في النشرة المحلية</title><link>https://local.example/${index + 1}</link><guid>l${index + 1}</guid>
<description>${Array.from({length: 40}, (__, p) => `&lt;p&gt;فقرة ${p + 1} من الخبر ${index + 1} فيها كلام يملأ سطرا أو سطرين من العمود.&lt;/p&gt;`).join('')}</description></item>`).join('\n');
			writeFileSync(feed, `<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel><title>النشرة المحلية</title><link>https://local.example/</link><language>ar</language>\n${items}\n</channel></rss>`);
			// A stand-in for w3m: draws in the terminal, reads a line from it, exits.
			writeFileSync(path.join(folder, 'w3m'), '#!/bin/sh\nprintf "fake w3m showing %s\\n" "$1"\nread answer\nprintf "got %s\\n" "$answer"\nsleep 0.2\n', {mode: 0o755});
		});

		afterAll(() => {
			rmSync(folder, {recursive: true, force: true});
		});

		it('y copies the URL with OSC 52', async () => {
			const s = run([feed]);
			await s.waitFor(ready, 'two panes');
			s.write('jy');
			await s.waitFor(current => current.clipboard().length > 0, 'a clipboard sequence');
			expect(s.clipboard()).toEqual([`c;${Buffer.from('https://local.example/2').toString('base64')}`]);
		});

		it('o runs a terminal browser from $BROWSER in this terminal and comes back', async () => {
			const s = run([feed], 100, 30, {BROWSER: 'w3m', PATH: `${folder}:${process.env['PATH'] ?? ''}`});
			await s.waitFor(ready, 'two panes');
			s.write('o');
			await s.waitFor(current => current.bufferType() === 'normal' && current.text().includes('fake w3m showing https://local.example/1'), 'the browser in the terminal');
			// The browser, not the reader, gets what is typed now.
			s.write('jjj\r');
			await s.waitFor(current => current.text().includes('got jjj'), 'the browser reading the keys');
			await s.waitFor(current => current.bufferType() === 'alternate' && ready(current), 'the reader back');
			expect(pointerRow(s)).toBe(1);
			s.write('j');
			await s.waitFor(current => pointerRow(current) === 2, 'keys for the reader again');
		});

		it('remembers the article and the position across runs', async () => {
			const home = mkdtempSync(path.join(tmpdir(), 'akhbar-home-'));
			try {
				let s = start({args: [feed], home, fromSource});
				screen = s;
				await s.waitFor(ready, 'two panes');
				s.write('j\r');
				await s.waitFor(current => current.rows()[0]!.includes(shown('رقم 2')), 'article 2 open');
				const opened = s.rows()[0];
				s.write('  ');
				await s.waitFor(current => current.rows()[0] !== opened, 'the article scrolled');
				await s.settle();
				const top = s.rows()[0]!.slice(0, 61);
				expect(top.trim()).not.toBe('');
				s.write('q');
				await s.waitForExit();
				s.dispose();
				s = start({args: [feed], home, fromSource});
				screen = s;
				await s.waitFor(current => current.rows()[0]!.slice(0, 61) === top, 'the same line at the top after a restart');
				expect(s.rows().find(row => row.includes('◂'))).toContain(shown('رقم 2'));
			} finally {
				rmSync(home, {recursive: true, force: true});
			}
		});
	});
});
