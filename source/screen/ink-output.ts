/**
 * Ink's Output (the grid its renderer writes each box's text into, read back as the frame
 * string), written for speed; the build points Ink's own import here (test/build.mjs).
 *
 * Ink 6.8's Output turns every character of every line into an object holding a list of ANSI
 * codes, then writes each row back by comparing those lists from character to character: for a
 * 100×30 frame of Arabic, ~5 ms warm and 30–40 ms the first time (the largest part of the
 * reader's first frame after loading the code), and most of a render's garbage. This one keeps
 * each row as two arrays (graphemes, style keys), cuts text with the engine's clusters, and
 * writes a row with the shortest SGR transitions: ~0.5 ms warm, ~3.5 ms the first time
 * (`npm run bench` compares the two). It places every grapheme where Ink's does, wide ones and zero-width ones
 * included (test/screen/ink-output.test.ts compares the frames of the two, cell by cell).
 *
 * One difference, on purpose: a combining mark that starts a new style run right after its
 * letter is a cell of its own here; Ink's tokenizer drops it. The reader never splits a
 * grapheme between styles.
 */
import {forEachStyledCluster, sgrTransition} from './cells.js';
import {cellWidth} from '../text/width.js';

type Transformer = (line: string, index: number) => string;
type Clip = {x1?: number; x2?: number; y1?: number; y2?: number};
type Operation =
	| {type: 'write'; x: number; y: number; text: string; transformers: Transformer[]}
	| {type: 'clip'; clip: Clip}
	| {type: 'unclip'};

/** A row of cells; a hole (never written past the end) is left out of the frame, as Ink does. */
type GridRow = {chars: Array<string | undefined>; styles: Array<string | undefined>};

export default class Output {
	width: number;
	height: number;
	readonly #operations: Operation[] = [];

	constructor({width, height}: {width: number; height: number}) {
		this.width = width;
		this.height = height;
	}

	write(x: number, y: number, text: string, {transformers}: {transformers: Transformer[]}): void {
		if (text) {
			this.#operations.push({type: 'write', x, y, text, transformers});
		}
	}

	clip(clip: Clip): void {
		this.#operations.push({type: 'clip', clip});
	}

	unclip(): void {
		this.#operations.push({type: 'unclip'});
	}

	get(): {output: string; height: number} {
		const grid: GridRow[] = [];
		for (let y = 0; y < this.height; y++) {
			grid.push({chars: Array.from({length: this.width}, () => ' '), styles: Array.from({length: this.width}, () => '')});
		}

		const clips: Clip[] = [];
		for (const operation of this.#operations) {
			if (operation.type === 'clip') {
				clips.push(operation.clip);
			} else if (operation.type === 'unclip') {
				clips.pop();
			} else {
				writeText(grid, operation, clips.at(-1));
			}
		}

		return {output: grid.map(row => rowText(row)).join('\n'), height: grid.length};
	}
}

function writeText(grid: GridRow[], {x: left, y: top, text, transformers}: Operation & {type: 'write'}, clip: Clip | undefined): void {
	let x = left;
	let y = top;
	let lines = text.split('\n');
	if (clip) {
		const clipsColumns = typeof clip.x1 === 'number' && typeof clip.x2 === 'number';
		const clipsRows = typeof clip.y1 === 'number' && typeof clip.y2 === 'number';
		if (clipsColumns && (x + lines.reduce((widest, line) => Math.max(widest, cellWidth(line)), 0) < clip.x1! || x > clip.x2!)) {
			return;
		}

		if (clipsRows && (y + lines.length < clip.y1! || y > clip.y2!)) {
			return;
		}

		if (clipsColumns) {
			lines = lines.map(line => {
				const width = cellWidth(line);
				return sliceColumns(line, x < clip.x1! ? clip.x1! - x : 0, x + width > clip.x2! ? clip.x2! - x : width);
			});
			x = Math.max(x, clip.x1!);
		}

		if (clipsRows) {
			const from = y < clip.y1! ? clip.y1! - y : 0;
			const to = y + lines.length > clip.y2! ? clip.y2! - y : lines.length;
			lines = lines.slice(from, to);
			y = Math.max(y, clip.y1!);
		}
	}

	// As in Ink: the lines go down from `y` until a row that is not in the grid, then stop.
	for (const [index, original] of lines.entries()) {
		const row = grid[y + index];
		if (!row) {
			return;
		}

		let line = original;
		for (const transform of transformers) {
			line = transform(line, index);
		}

		let column = x;
		forEachStyledCluster(line, (cluster, clusterWidth, key) => {
			// As Ink places them: every grapheme takes a cell at least.
			const width = Math.max(1, clusterWidth);
			row.chars[column] = cluster;
			row.styles[column] = key;
			for (let extra = 1; extra < width; extra++) {
				row.chars[column + extra] = '';
				row.styles[column + extra] = key;
			}

			column += width;
		});
	}
}

/** The row as frame text: each grapheme after the shortest SGR change to its style, then a reset; no trailing blanks. */
function rowText({chars, styles}: GridRow): string {
	let text = '';
	let current = '';
	for (let column = 0; column < chars.length; column++) {
		const char = chars[column];
		if (char === undefined) {
			continue;
		}

		const key = styles[column]!;
		text += sgrTransition(current, key) + char;
		current = key;
	}

	return (text + sgrTransition(current, '')).trimEnd();
}

/**
 * The part of a styled line between columns `from` and `to`, as slice-ansi (Ink's choice)
 * cuts it: the graphemes that start inside; before the first of them, the style in force
 * (turned on, never reset: a transformer's style around the line stays), then the line's own
 * SGR sequences as they were.
 */
function sliceColumns(line: string, from: number, to: number): string {
	let text = '';
	let started = false;
	let column = 0;
	forEachStyledCluster(line, (cluster, width, key) => {
		// Every grapheme takes a cell at least, and one that starts inside is kept whole.
		if (column >= from && column < to) {
			if (!started && key !== '') {
				text += `\u001B[${key}m`;
			}

			started = true;
			text += cluster;
		}

		column += Math.max(1, width);
	}, sequence => {
		if (started) {
			text += sequence;
		}
	});
	return text;
}
