/**
 * Search, with Arabic folding (text/fold.ts): which headlines match (title or article text),
 * and which lines of the open article hold a match.
 */
import type {Article, Block} from '../model.js';
import {findFolded, findFoldedRanges, foldQuery, matchesFolded} from '../text/fold.js';
import {blockTextOptions, rangeCells} from '../text/layout.js';
import {normalize} from '../text/normalize.js';
import {isVisual, type TextOptions} from '../text/options.js';
import {sanitize} from '../text/sanitize.js';
import {shape} from '../text/shape.js';
import {lineOfPosition, type ArticleLine} from './article-lines.js';

/** Headline indexes whose title, or article text, holds the query. */
export function headlineMatches(titles: readonly string[], articleOf: (index: number) => Article | undefined, query: string): number[] {
	const folded = foldQuery(query);
	if (folded === '') {
		return [];
	}

	const found: number[] = [];
	for (const [index, title] of titles.entries()) {
		const article = articleOf(index);
		if (matchesFolded(title, folded) || (article && article.blocks.some(block => matchesFolded(block.text, folded)))) {
			found.push(index);
		}
	}

	return found;
}

/**
 * An offset in a paragraph's text → the offset in the text the engine lays out (normalized,
 * maybe shaped: lam + alef become one character, hidden harakat disappear), which is what
 * VisualLine offsets count. Off by at most one at a ligature that straddles the point.
 */
function preparedOffset(paragraph: string, offset: number, options: TextOptions): number {
	const prefix = normalize(paragraph.slice(0, offset), options);
	return (isVisual(options) && options.shaping ? shape(prefix) : prefix).length;
}

/** Article line indexes (ascending, each once) that hold the start of a match. */
export function articleMatches(blocks: readonly Block[], lines: readonly ArticleLine[], query: string, options: TextOptions): number[] {
	const folded = foldQuery(query);
	if (folded === '') {
		return [];
	}

	const found = new Set<number>();
	for (const [block, {text, dir}] of blocks.entries()) {
		const clean = sanitize(text);
		// The paragraph is laid out with its block's declaration, as layoutBlocks lays it out.
		const declared = dir ?? options.declaredDirection;
		for (const start of findFolded(clean, folded)) {
			const paragraphStart = clean.lastIndexOf('\n', start - 1) + 1;
			const paragraphEnd = clean.indexOf('\n', start);
			const paragraph = clean.slice(paragraphStart, paragraphEnd < 0 ? undefined : paragraphEnd);
			const offset = paragraphStart + preparedOffset(paragraph, start - paragraphStart, options);
			found.add(lineOfPosition(lines, {block, offset}));
		}
	}

	return [...found].sort((a, b) => a - b);
}

/** Cells to highlight, per article line index: `[from, to)` columns of the line's text. */
export type Highlights = ReadonlyMap<number, ReadonlyArray<readonly [number, number]>>;

/**
 * Where the matches of `query` are drawn in the article's lines: each match found on the
 * folded text, mapped to the text the engine lays out, then to the cells of the lines that
 * show it (a match the bidi algorithm split shows as several pieces).
 */
export function articleHighlights(blocks: readonly Block[], lines: readonly ArticleLine[], query: string, options: TextOptions): Highlights {
	const folded = foldQuery(query);
	const highlights = new Map<number, Array<[number, number]>>();
	if (folded === '') return highlights;
	const lineAt = new Map<string, number>();
	for (const [index, line] of lines.entries()) {
		if (!line.blank) lineAt.set(`${line.block}:${line.offset}`, index);
	}

	for (const [block, {text, dir, kind}] of blocks.entries()) {
		const clean = sanitize(text);
		// The paragraph is laid out with its block's declaration and kind, as layoutBlocks lays it out.
		const declared = dir ?? options.declaredDirection;
		const blockOptions = blockTextOptions(kind, options);
		for (const {start, end} of findFoldedRanges(clean, folded)) {
			const paragraphStart = clean.lastIndexOf('\n', start - 1) + 1;
			const paragraphEnd = clean.indexOf('\n', start);
			const paragraph = clean.slice(paragraphStart, paragraphEnd < 0 ? undefined : paragraphEnd);
			// A match that runs on into the next paragraph (a newline folds to a space) is shown in this one.
			const from = preparedOffset(paragraph, start - paragraphStart, options);
			const to = preparedOffset(paragraph, Math.min(end, paragraphStart + paragraph.length) - paragraphStart, options);
			const first = lineAt.get(`${block}:${paragraphStart}`);
			if (first === undefined) continue;
			for (const {start: lineStart, cells} of rangeCells(paragraph, lines[first]!.width, blockOptions, from, to, declared)) {
				const index = lineAt.get(`${block}:${paragraphStart + lineStart}`);
				if (index === undefined) continue;
				const line = lines[index]!;
				const list = highlights.get(index) ?? [];
				list.push(...cells.map(([left, right]) => [line.column + left, line.column + right] as [number, number]));
				highlights.set(index, list);
			}
		}
	}

	return highlights;
}
