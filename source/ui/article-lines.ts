/**
 * An article's blocks → the rows of the article pane: the engine's lines at the text width,
 * set in the pane with margins, and captions, quotes and list items marked with a character
 * beside the text (visible without colour) on the side where reading starts.
 *
 * Computed once per (blocks, pane width, text width, options) and then only sliced.
 */
import type {Block, BlockKind} from '../model.js';
import {layoutBlocks, type VisualLine} from '../text/layout.js';
import {isVisual, type TextOptions} from '../text/options.js';

export type ArticleLine = {
	/** Exactly the pane's width. */
	text: string;
	kind: BlockKind;
	block: number;
	offset: number;
	/** A blank line between blocks. */
	blank: boolean;
	/** Where the engine's line starts in `text`, in cells (after the margin, and a mark before it). */
	column: number;
	/** The width the engine laid the line out at (two less for a marked block). */
	width: number;
	/** The line reads right to left (where the cursor goes: its text's first cell). */
	rtl: boolean;
};

/**
 * Kinds laid out two cells narrower, with a mark and a space beside them. A caption's mark is
 * not a bar: on the reading-start side it sits one cell from the pane divider, and `│ │` read
 * as a doubled divider.
 */
const marks: Partial<Record<BlockKind, {first: string; rest: string}>> = {
	caption: {first: '⋮', rest: '⋮'},
	quote: {first: '┃', rest: '┃'},
	item: {first: '•', rest: ' '},
};

function isBlank(line: VisualLine): boolean {
	return line.text.trim() === '';
}

/** Whether a marked line's mark comes before its text in the string. */
function markFirst(line: VisualLine, visual: boolean): boolean {
	// In visual order the mark sits on the reading-start side; in logical order it comes
	// first and the terminal's own bidi puts it there.
	return !visual || !line.rtl;
}

function marked(line: VisualLine, mark: string, visual: boolean): string {
	return markFirst(line, visual) ? `${mark} ${line.text}` : `${line.text} ${mark}`;
}

/** The margin before the text in the string: one cell on the side where reading starts, the rest on the other. */
function leadingMargin(textWidth: number, paneWidth: number, rtlArticle: boolean, lineRtl: boolean, visual: boolean): number {
	const spare = Math.max(0, paneWidth - textWidth);
	const left = rtlArticle ? Math.max(0, spare - 1) : Math.min(1, spare);
	// Logical order, right-to-left line: the terminal mirrors the row.
	return visual || !lineRtl ? left : spare - left;
}

function placed(text: string, textWidth: number, paneWidth: number, rtlArticle: boolean, lineRtl: boolean, visual: boolean): string {
	const before = leadingMargin(textWidth, paneWidth, rtlArticle, lineRtl, visual);
	return ' '.repeat(before) + text + ' '.repeat(Math.max(0, paneWidth - textWidth) - before);
}

const cache = new WeakMap<readonly Block[], Map<string, readonly ArticleLine[]>>();

export function articleLines(
	blocks: readonly Block[],
	paneWidth: number,
	textWidth: number,
	options: TextOptions,
): readonly ArticleLine[] {
	const key = `${paneWidth}|${textWidth}|${JSON.stringify(options)}`;
	const cached = cache.get(blocks)?.get(key);
	if (cached) {
		return cached;
	}

	const visual = isVisual(options);
	const rtlArticle = options.fallbackDirection === 'rtl';
	const wide = layoutBlocks(blocks, textWidth, options);
	const needsNarrow = blocks.some(block => marks[block.kind]);
	const narrow = needsNarrow ? layoutBlocks(blocks, Math.max(1, textWidth - 2), options) : [];
	const narrowByBlock = new Map<number, VisualLine[]>();
	for (const line of narrow) {
		const mark = marks[line.kind];
		if (!mark) continue;
		let list = narrowByBlock.get(line.block);
		if (!list) {
			list = [];
			narrowByBlock.set(line.block, list);
		}

		list.push(line);
	}

	const lines: ArticleLine[] = [];
	const emitted = new Set<number>();
	for (const line of wide) {
		const mark = marks[line.kind];
		const blank = isBlank(line);
		if (!mark || blank) {
			if (mark && blank && emitted.has(line.block)) continue;
			lines.push({
				text: placed(line.text, textWidth, paneWidth, rtlArticle, line.rtl, visual),
				kind: line.kind,
				block: line.block,
				offset: line.offset,
				blank,
				column: leadingMargin(textWidth, paneWidth, rtlArticle, line.rtl, visual),
				width: line.width,
				rtl: line.rtl,
			});
			continue;
		}

		if (emitted.has(line.block)) continue;
		emitted.add(line.block);
		let first = true;
		for (const narrowLine of narrowByBlock.get(line.block) ?? []) {
			if (isBlank(narrowLine)) {
				// The separator before the block was already taken from the wide layout.
				continue;
			}

			const text = marked(narrowLine, first || narrowLine.offset === 0 ? mark.first : mark.rest, visual);
			first = false;
			lines.push({
				text: placed(text, textWidth, paneWidth, rtlArticle, narrowLine.rtl, visual),
				kind: narrowLine.kind,
				block: narrowLine.block,
				offset: narrowLine.offset,
				blank: false,
				column: leadingMargin(textWidth, paneWidth, rtlArticle, narrowLine.rtl, visual) + (markFirst(narrowLine, visual) ? 2 : 0),
				width: narrowLine.width,
				rtl: narrowLine.rtl,
			});
		}
	}

	let perBlocks = cache.get(blocks);
	if (!perBlocks) {
		perBlocks = new Map();
		cache.set(blocks, perBlocks);
	}

	perBlocks.set(key, lines);
	return lines;
}

/** The line where a saved position (block, character offset) is, or the nearest before it. */
export function lineOfPosition(lines: readonly ArticleLine[], position: {block: number; offset: number}): number {
	let found = 0;
	for (const [index, line] of lines.entries()) {
		if (line.blank) continue;
		if (line.block < position.block || (line.block === position.block && line.offset <= position.offset)) {
			found = index;
		} else {
			break;
		}
	}

	return found;
}

/** The lines where the (folded) matches start: `starts` are per block, in block-text offsets. */
export function linesOfOffsets(lines: readonly ArticleLine[], block: number, offsets: readonly number[]): number[] {
	const result = new Set<number>();
	for (const offset of offsets) {
		result.add(lineOfPosition(lines, {block, offset}));
	}

	return [...result];
}
