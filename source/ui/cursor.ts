/**
 * Where the terminal's (hidden) cursor goes after each frame: screen magnifiers and braille
 * displays follow the cursor, so it sits where the reader's eyes are. On the selected
 * headline, the cell where its text begins; on the article, where its first line on screen
 * begins. Pure: the panes' geometry in, a cell of the frame out.
 */
import {paragraphDirection} from '../text/direction.js';
import type {Direction} from '../model.js';
import type {TextOptions} from '../text/options.js';
import {cellWidth} from '../text/width.js';

export type CellAt = {row: number; col: number};

/**
 * The first headline shown in a list window of `listRows` rows that starts at `top` and must
 * show `selected`; a headline with a section name above it takes two rows.
 */
export function firstShownHeadline(sections: ReadonlyArray<boolean>, selected: number, top: number, listRows: number): {first: number; rowOf: (index: number) => number} {
	const at: number[] = [];
	for (let index = 0, position = 0; index < sections.length; index++) {
		position += sections[index] ? 2 : 1;
		at.push(position - 1);
	}

	const startOf = (index: number) => (at[index] ?? 0) - (sections[index] ? 1 : 0);
	let first = top;
	while (first < selected && (at[selected] ?? 0) - startOf(first) >= listRows) first++;
	return {first, rowOf: index => (at[index] ?? 0) - startOf(first)};
}

/**
 * The cell of a laid-out row where its text begins: the rightmost written cell of a right-to-left
 * row drawn in visual order, else the leftmost (in logical order the terminal's own bidi maps
 * the cursor's logical column to where that character shows). Undefined for a blank row.
 */
export function textStart(text: string, rtl: boolean, visual: boolean): number | undefined {
	const trimmed = text.trimEnd();
	if (trimmed.trim() === '') {
		return undefined;
	}

	if (visual && rtl) {
		return cellWidth(trimmed) - 1;
	}

	return cellWidth(trimmed.slice(0, trimmed.length - trimmed.trimStart().length));
}

/** Whether a headline's title reads right to left, as its row lays it out. */
export function titleIsRtl(title: string, dir: Direction | undefined, options: TextOptions): boolean {
	return paragraphDirection(title, dir ?? options.declaredDirection, options.fallbackDirection) === 'rtl';
}

/**
 * The cell of the article pane where its first line on screen begins (the first that is not
 * blank, from `scroll`); undefined when nothing of the article shows.
 */
export function articleCell(lines: ReadonlyArray<{text: string; rtl: boolean; blank: boolean}>, scroll: number, height: number, visual: boolean): CellAt | undefined {
	for (let row = 0; row < height && scroll + row < lines.length; row++) {
		const line = lines[scroll + row]!;
		const col = line.blank ? undefined : textStart(line.text, line.rtl, visual);
		if (col !== undefined) {
			return {row, col};
		}
	}

	return undefined;
}
