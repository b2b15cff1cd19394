/**
 * The cursor where the eyes are: screen magnifiers and braille displays follow the terminal's
 * cursor, so after every frame the reader leaves its hidden cursor on the cell where the
 * selected headline's text begins (the rightmost cell of a right-to-left title), and on the
 * article's first line on screen when the article has the focus. Read back from a real
 * terminal emulator (@xterm/headless) fed by the built CLI in a pseudo-terminal.
 */
import {execFileSync} from 'node:child_process';
import {existsSync} from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {afterEach, beforeAll, describe, expect, it} from 'vitest';
import {start, type Screen} from './helpers/pty.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const fixture = (name: string) => path.join(root, 'test/fixtures', name);

beforeAll(() => {
	if (!existsSync(path.join(root, 'dist/cli.js'))) execFileSync(process.execPath, ['test/build.mjs'], {cwd: root});
});

let screen: Screen | undefined;
afterEach(() => {
	screen?.dispose();
	screen = undefined;
});

function run(args: string[], columns = 100, rows = 30): Screen {
	screen = start({args, columns, rows});
	return screen;
}

const drawn = (s: Screen) => s.text().includes('◂') && s.rows().at(-1)!.trim() !== '' && s.cells(0).includes('│');
const pointerRow = (s: Screen) => s.rows().findIndex(row => row.includes('◂'));
/** Letters (of any script) in a run of cells: what a title is made of, unlike ranks, marks and the pointer. */
const hasLetter = (cells: readonly string[]) => cells.some(cell => /\p{L}/u.test(cell));

describe('the cursor follows the selection', () => {
	it('sits, hidden, on the rightmost cell of the selected right-to-left headline, and moves with it', async () => {
		const s = run(['--demo']);
		await s.waitFor(drawn, 'the reader');
		await s.settle();
		expect(s.cursorHidden()).toBe(true);
		for (const key of ['', 'j', 'j']) {
			const row = pointerRow(s);
			if (key) {
				s.write(key);
				await s.waitFor(screen => pointerRow(screen) === row + 1, 'the next headline selected');
				await s.settle();
			}

			const at = s.cursor();
			const cells = s.cells(at.row);
			expect(at.row, s.text()).toBe(pointerRow(s));
			// The title's first cell in reading order: a letter, with nothing but the rank, the
			// unread mark and the pointer to its right.
			expect(cells[at.col]).toMatch(/\p{L}/u);
			expect(hasLetter(cells.slice(at.col + 1, cells.indexOf('◂'))), cells.join('')).toBe(false);
		}
	});

	it('on a left-to-right headline: its leftmost cell', async () => {
		const s = run([fixture('feeds/atom.xml')]);
		await s.waitFor(drawn, 'the reader');
		s.write('jj');
		await s.waitFor(screen => screen.rows()[pointerRow(screen)]!.includes('Harbour'), 'the Latin headline selected');
		await s.settle();
		const at = s.cursor();
		expect(at.row).toBe(pointerRow(s));
		expect(s.rows()[at.row]!.slice(at.col, at.col + 'Harbour'.length)).toBe('Harbour');
	});

	it('on the article’s first line when the article has the focus, at its reading start', async () => {
		const s = run(['--demo']);
		await s.waitFor(drawn, 'the reader');
		s.write('\r');
		await s.settle();
		const divider = s.cells(0).indexOf('│');
		const at = s.cursor();
		// The headlines are on the right: the article pane is left of the divider.
		const firstText = s.rows().findIndex(row => row.slice(0, divider).trim() !== '');
		expect(at.row, s.text()).toBe(firstText);
		const cells = s.cells(at.row).slice(0, divider);
		expect(cells[at.col]).not.toBe(' ');
		expect(cells.slice(at.col + 1).every(cell => cell === ' ' || cell === '')).toBe(true);
		expect(s.cursorHidden()).toBe(true);
	});
});
