import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import {parseRow} from '../../source/screen/cells.js';
import {diffFrames, parseFrame, type Frame} from '../../source/screen/diff.js';
import {createTerminal, feed, screenVersusRows} from '../helpers/xterm-screen.js';

const cols = 30;
const rows = 10;

async function expectScreen(terminal: ReturnType<typeof createTerminal>, frame: Frame): Promise<void> {
	expect(screenVersusRows(terminal, frame.rows)).toEqual([]);
}

const sgrArb = fc.constantFrom('', '\u001B[1m', '\u001B[22m', '\u001B[2m', '\u001B[3m', '\u001B[31m', '\u001B[39m', '\u001B[44m', '\u001B[49m', '\u001B[7m', '\u001B[0m', '\u001B[38;5;200m', '\u001B[38;2;10;20;30m', '\u001B[4m', '\u001B[24m');
const textArb = fc.array(
	fc.constantFrom('a', 'b', ' ', ' ', '\uFE8D', '\uFE91', '\uFEFB', '\u0628\u064E', '世', '1', '.', '\uFEE3'),
	{maxLength: 12},
);
const rowArb = fc.array(fc.tuple(sgrArb, textArb), {maxLength: 4}).map(parts => {
	let line = '';
	let width = 0;
	for (const [sgr, chars] of parts) {
		line += sgr;
		for (const char of chars) {
			const w = char === '世' ? 2 : 1;
			if (width + w > cols) {
				break;
			}

			line += char;
			width += w;
		}
	}

	return line + '\u001B[0m';
});
// Frames as tall as the screen: the reader's frame takes every row, the last one included.
const frameArb = fc.array(rowArb, {minLength: 1, maxLength: rows}).map(list => list.join('\n'));

/** A frame followed by its copy scrolled by `by` rows inside [top, bottom], new rows filled in. */
const scrollPairArb = fc
	.tuple(fc.array(rowArb, {minLength: rows, maxLength: rows}), fc.array(rowArb, {minLength: 4, maxLength: 4}), fc.integer({min: -3, max: 3}), fc.integer({min: 0, max: 2}))
	.map(([base, fresh, by, top]) => {
		const next = [...base];
		const bottom = rows - 1;
		for (let y = top; y <= bottom; y++) {
			const source = y + by;
			next[y] = source >= top && source <= bottom ? base[source]! : fresh[(y - top) % fresh.length]!;
		}

		return [base.join('\n'), next.join('\n')] as const;
	});

describe('diffFrames', () => {
	it('draws any sequence of frames exactly, cell by cell and style by style', async () => {
		await fc.assert(
			fc.asyncProperty(fc.array(frameArb, {minLength: 1, maxLength: 5}), async frames => {
				const terminal = createTerminal(cols, rows);
				let shown: Frame | undefined;
				for (const text of frames) {
					const frame = parseFrame(text, shown);
					await feed(terminal, diffFrames(shown, frame, rows));
					await expectScreen(terminal, frame);
					shown = frame;
				}
			}),
			{numRuns: 150},
		);
	});

	it('scrolls a region when rows moved, and the screen is still exact', async () => {
		await fc.assert(
			fc.asyncProperty(scrollPairArb, async ([first, second]) => {
				const terminal = createTerminal(cols, rows);
				const a = parseFrame(first);
				await feed(terminal, diffFrames(undefined, a, rows));
				const b = parseFrame(second, a);
				await feed(terminal, diffFrames(a, b, rows));
				await expectScreen(terminal, b);
			}),
			{numRuns: 150},
		);
	});

	it('fills the last cell of the last row without scrolling the screen', async () => {
		const terminal = createTerminal(cols, rows);
		const full = (mark: string) => Array.from({length: rows}, (_, row) => `${row === 0 ? mark : String(row % 10)}${'x'.repeat(cols - 2)}${row === rows - 1 ? '\u001B[7mZ\u001B[27m' : 'y'}`).join('\n');
		const first = parseFrame(full('A'));
		await feed(terminal, diffFrames(undefined, first, rows));
		await expectScreen(terminal, first);
		const second = parseFrame(full('B'), first);
		await feed(terminal, diffFrames(first, second, rows));
		await expectScreen(terminal, second);
		expect(terminal.buffer.active.baseY).toBe(0);
	});

	it('sends nothing when nothing changed', () => {
		const frame = parseFrame('abc\n\u001B[1mdef\u001B[22m');
		expect(diffFrames(frame, parseFrame('abc\n\u001B[1mdef\u001B[22m', frame), rows)).toBe('');
	});

	it('rewrites only the changed cells of a row', () => {
		const before = parseFrame('hello world, this is a row');
		const after = parseFrame('hello there, this is a row', before);
		expect(diffFrames(before, after, rows)).toBe('\u001B[1;7Hthere');
	});

	it('scrolls with a region when a block of lines moved up by one', () => {
		const lines = Array.from({length: 8}, (_, index) => `line number ${index} with some text`);
		const before = parseFrame(['header', ...lines].join('\n'));
		const after = parseFrame(['header', ...lines.slice(1), 'the new last line'].join('\n'), before);
		const out = diffFrames(before, after, rows);
		expect(out).toContain('\u001B[2;9r\u001B[S\u001B[r');
		expect(out.length).toBeLessThan(60);
	});

	it('drops every escape sequence but SGR, and control characters', () => {
		const row = parseRow('a\u001B]0;title\u0007b\u001B[2Jc\u001BPdata\u001B\\d\u0007e\u009Bf');
		expect(row.chars.join('')).toBe('abcdef');
	});
});

describe('parseFrame', () => {
	it('drops what lies past the right edge, and a wide character the edge cuts', () => {
		const frame = parseFrame('abcdef\nab世d', undefined, 3);
		expect(frame.rows[0]!.chars).toEqual(['a', 'b', 'c']);
		expect(frame.rows[1]!.chars).toEqual(['a', 'b', ' ']);
	});

	it('never lets a frame wider than the screen wrap onto the next row', async () => {
		const terminal = createTerminal(10, 4);
		const wide = parseFrame('0123456789ABCDEF\nsecond row', undefined, 10);
		await feed(terminal, diffFrames(undefined, wide, 4));
		expect(screenVersusRows(terminal, wide.rows)).toEqual([]);
	});
});
