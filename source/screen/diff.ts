/**
 * Two frames → the fewest bytes that turn the first screen into the second.
 *
 * Ink 6.8 rewrites every changed row whole; over SSH that is most of the bytes of a keypress.
 * Here a changed row costs only the span of cells that changed (spans closer than a cursor
 * jump are merged), a row that got shorter is cut with EL, and when whole rows moved up or
 * down (the article scrolled) the terminal scrolls a region and only the new rows are drawn.
 */
import {type Row, parseRow, sgrTransition, visibleStyle} from './cells.js';

export type Frame = {
	/** Raw rows as Ink wrote them: compared first, parsed only when they differ. */
	lines: string[];
	rows: Row[];
};

/**
 * Parses a frame for a screen `width` cells wide. Cells past the right edge are dropped (a
 * terminal would wrap them onto the next row), and so is a wide character cut by the edge:
 * a frame laid out for a wider screen, drawn just after a resize, cannot spill.
 */
export function parseFrame(text: string, previous?: Frame, width = Number.POSITIVE_INFINITY): Frame {
	const lines = text.split('\n');
	const cache = new Map<string, Row>();
	if (previous) {
		for (const [index, line] of previous.lines.entries()) {
			cache.set(line, previous.rows[index]!);
		}
	}

	return {lines, rows: lines.map(line => cache.get(line) ?? clip(parseRow(line), width))};
}

function clip(row: Row, width: number): Row {
	if (row.chars.length <= width) {
		return row;
	}

	const chars = row.chars.slice(0, width);
	const styles = row.styles.slice(0, width);
	if (row.chars[width] === '') {
		// The left half of a wide character is the last cell: it cannot be drawn whole.
		chars[width - 1] = ' ';
	}

	return {chars, styles};
}

const blankRow: Row = {chars: [], styles: []};

type Cursor = {row: number; col: number; style: string};

function move(cursor: Cursor, row: number, col: number): string {
	if (cursor.row === row && cursor.col === col) {
		return '';
	}

	const sequence = cursor.row === row ? (col === 0 ? '\r' : `\u001B[${col + 1}G`) : `\u001B[${row + 1};${col + 1}H`;
	cursor.row = row;
	cursor.col = col;
	return sequence;
}

function setStyle(cursor: Cursor, style: string): string {
	const sequence = sgrTransition(cursor.style, style);
	cursor.style = style;
	return sequence;
}

/** Writing a space: any style that looks the same will do, so keep the cursor's if it does. */
function setStyleFor(cursor: Cursor, char: string, style: string): string {
	if (char === ' ' && visibleStyle(' ', cursor.style) === visibleStyle(' ', style)) {
		return '';
	}

	return setStyle(cursor, style);
}

const charAt = (row: Row, col: number) => row.chars[col] ?? ' ';
const styleAt = (row: Row, col: number) => row.styles[col] ?? '';
/** Two cells look the same: same character, and the same style as far as it can be seen. */
const sameCell = (a: Row, b: Row, col: number) =>
	charAt(a, col) === charAt(b, col) && visibleStyle(charAt(a, col), styleAt(a, col)) === visibleStyle(charAt(b, col), styleAt(b, col));
const bytes = (text: string) => Buffer.byteLength(text);

/** Cost in bytes of a cursor jump, used to decide when two changed spans are better merged. */
const jumpCost = 5;

function rowDiff(before: Row, after: Row, rowIndex: number, cursor: Cursor): string {
	const width = Math.max(before.chars.length, after.chars.length);
	const spans: Array<[number, number]> = [];
	let col = 0;
	while (col < width) {
		if (sameCell(before, after, col)) {
			col++;
			continue;
		}

		let start = col;
		// Never start in the right half of a wide character: redraw from its left half.
		while (start > 0 && (after.chars[start] === '' || before.chars[start] === '')) {
			start--;
		}

		let end = col + 1;
		while (end < width && (after.chars[end] === '' || before.chars[end] === '')) {
			end++;
		}

		const last = spans.at(-1);
		if (last && start <= last[1]) {
			last[1] = Math.max(last[1], end);
		} else if (last && gapBytes(after, last[1], start) <= jumpCost) {
			last[1] = end;
		} else {
			spans.push([start, end]);
		}

		col = end;
	}

	let out = '';
	for (const [start, end] of spans) {
		out += move(cursor, rowIndex, start);
		const clearToEnd = end >= after.chars.length && end > start && before.chars.length > after.chars.length;
		const stop = clearToEnd ? Math.min(end, after.chars.length) : end;
		for (let index = start; index < stop; index++) {
			const char = after.chars[index];
			if (char === '') {
				continue;
			}

			out += setStyleFor(cursor, char ?? ' ', styleAt(after, index)) + (char ?? ' ');
		}

		cursor.col = Math.max(start, stop);
		if (clearToEnd) {
			out += setStyle(cursor, '') + '\u001B[K';
		}
	}

	return out;
}

function gapBytes(row: Row, from: number, to: number): number {
	let total = 0;
	for (let index = from; index < to; index++) {
		total += bytes(charAt(row, index));
	}

	return total;
}

type Shift = {top: number; bottom: number; by: number};

/** The region scroll that explains the most rows of `after`, when there is one worth doing. */
function findShift(before: Frame, after: Frame, height: number): Shift | undefined {
	const positions = new Map<string, number[]>();
	for (const [index, line] of before.lines.entries()) {
		if (line.trim() === '' || index >= height) {
			continue;
		}

		const list = positions.get(line);
		if (list) {
			list.push(index);
		} else {
			positions.set(line, [index]);
		}
	}

	const votes = new Map<number, number>();
	for (const [index, line] of after.lines.entries()) {
		if (before.lines[index] === line) {
			continue;
		}

		for (const old of positions.get(line) ?? []) {
			votes.set(old - index, (votes.get(old - index) ?? 0) + 1);
		}
	}

	let best = 0;
	let by = 0;
	for (const [shift, count] of votes) {
		if (count > best) {
			best = count;
			by = shift;
		}
	}

	if (best < 2) {
		return undefined;
	}

	let first = -1;
	let last = -1;
	for (const [index, line] of after.lines.entries()) {
		if (before.lines[index + by] === line && line.trim() !== '') {
			if (first === -1) {
				first = index;
			}

			last = index;
		}
	}

	// Scrolling up by `by` moves old row r+by to r: the region is [first, last + by].
	const top = by > 0 ? first : first + by;
	const bottom = by > 0 ? last + by : last;
	if (top < 0 || bottom >= height || bottom - top < Math.abs(by)) {
		return undefined;
	}

	return {top, bottom, by};
}

function shiftedRows(rows: Row[], {top, bottom, by}: Shift): Row[] {
	const result = [...rows];
	for (let index = top; index <= bottom; index++) {
		const source = index + by;
		result[index] = source >= top && source <= bottom ? rows[source] ?? blankRow : blankRow;
	}

	return result;
}

function framesDiff(before: Row[], after: Row[], height: number, cursor: Cursor): string {
	let out = '';
	const rows = Math.min(height, Math.max(before.length, after.length));
	for (let index = 0; index < rows; index++) {
		const old = before[index] ?? blankRow;
		const next = after[index] ?? blankRow;
		if (old !== next) {
			out += rowDiff(old, next, index, cursor);
		}
	}

	return out;
}

/**
 * Escape sequences that turn `before` (what the terminal shows now; undefined = a cleared
 * screen) into `after`. The cursor position is unknown on entry; the style is default on entry
 * and left default on exit.
 */
export function diffFrames(before: Frame | undefined, after: Frame, height: number): string {
	return diffFramesAt(before, after, height).text;
}

export type CellPosition = {row: number; col: number};

/**
 * `diffFrames`, from a known cursor position (or unknown), and where it leaves the cursor
 * (undefined when unknown: a region scroll homes it). `cursor.col` may equal the width after
 * the last cell of a row was written: the terminal then waits there to wrap.
 */
export function diffFramesAt(before: Frame | undefined, after: Frame, height: number, from?: CellPosition): {text: string; at: CellPosition | undefined} {
	const previous = before?.rows ?? [];
	const plain: Cursor = {row: from?.row ?? -1, col: from?.col ?? -1, style: ''};
	let best = framesDiff(previous, after.rows, height, plain);
	let bestCursor = plain;

	const shift = before ? findShift(before, after, height) : undefined;
	if (shift) {
		const scrolled: Cursor = {row: -1, col: -1, style: ''};
		const count = Math.abs(shift.by);
		const scroll =
			'\u001B[m' +
			`\u001B[${shift.top + 1};${shift.bottom + 1}r` +
			`\u001B[${count === 1 ? '' : count}${shift.by > 0 ? 'S' : 'T'}` +
			'\u001B[r';
		const candidate = scroll + framesDiff(shiftedRows(previous, shift), after.rows, height, scrolled);
		if (bytes(candidate) < bytes(best)) {
			best = candidate;
			bestCursor = scrolled;
		}
	}

	const at = bestCursor.row < 0 ? undefined : {row: bestCursor.row, col: bestCursor.col};
	return {text: best === '' ? '' : best + (bestCursor.style ? '\u001B[m' : ''), at: best === '' ? from : at};
}

/** The shortest sequence that moves the cursor from `from` (undefined: unknown) to `to`; '' when it is there. */
export function cursorMove(from: CellPosition | undefined, to: CellPosition): string {
	return move({row: from?.row ?? -1, col: from?.col ?? -1, style: ''}, to.row, to.col);
}
