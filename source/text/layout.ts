/**
 * Blocks + width + options → terminal lines: the pipeline of DESIGN.md in one place.
 *
 * sanitize → normalize → shape → paragraph levels → wrap (logical order, by cells) →
 * reorder each line → align. Every line this module returns is safe to print and exactly
 * `width` cells wide, so the UI only slices and never measures.
 */
import type {Article, Block, BlockKind} from '../model.js';
import {paragraphLevels, reorderLine} from './bidi.js';
import {normalize} from './normalize.js';
import {isVisual, type TextOptions} from './options.js';
import {sanitize, sanitizeLine, stripInvisible} from './sanitize.js';
import {shape} from './shape.js';
import {cellWidth} from './width.js';
import {truncate, wrap} from './wrap.js';

export type VisualLine = {
	/** Ready to print: sanitized, shaped and reordered (when the app does bidi), padded to `width`. */
	text: string;
	width: number;
	kind: BlockKind;
	/** Index of the block this line belongs to. */
	block: number;
	/** Logical offset of the line's first character within its (prepared) block text. */
	offset: number;
	rtl: boolean;
};

const ellipsis = '…';

/** The text as the terminal should receive it before line breaking: normalized, maybe shaped. */
function prepare(text: string, options: TextOptions): string {
	const normalized = normalize(text, options);
	return isVisual(options) && options.shaping ? shape(normalized) : normalized;
}

function alignRight(rtl: boolean, options: TextOptions): boolean {
	return options.align === 'auto' ? rtl : options.align === 'right';
}

const spaceRuns: string[] = [];

function spaces(count: number): string {
	return (spaceRuns[count] ??= ' '.repeat(count));
}

/** Pads a line to exactly `width` cells. In logical modes padding always follows the text. */
function pad(line: string, lineWidth: number, width: number, right: boolean, options: TextOptions): string {
	const gap = width - lineWidth;
	if (gap <= 0) {
		return line;
	}

	return right && isVisual(options) ? spaces(gap) + line : line + spaces(gap);
}

/**
 * The core of the pipeline for one paragraph (no newline): calls `visit` for each line in
 * display order (the first line is the paragraph's start) with its logical range in the
 * prepared text and what the terminal shows.
 */
function eachLine(
	paragraph: string,
	width: number,
	options: TextOptions,
	visit: (text: string, start: number, end: number, shown: string, rtl: boolean) => void,
): void {
	const text = prepare(paragraph, options);
	const visual = isVisual(options);
	const {levels, rtl} = paragraphLevels(text, options.fallbackDirection);
	for (const {start, end} of wrap(text, width)) {
		visit(text, start, end, stripInvisible(visual ? reorderLine(text, levels, start, end, {rtl}) : text.slice(start, end)), rtl);
	}
}

export type ParagraphLine = {
	/** The line's characters in logical order (prepared: normalized, shaped when visual). */
	logical: string;
	/** What the terminal shows, before padding. */
	visual: string;
	/** Offset of `logical` within the prepared paragraph. */
	start: number;
	rtl: boolean;
};

/** One paragraph's lines with their logical text: for tests and reference checks. */
export function paragraphLines(paragraph: string, width: number, options: TextOptions): ParagraphLine[] {
	const lines: ParagraphLine[] = [];
	eachLine(paragraph, width, options, (text, start, end, visual, rtl) => {
		lines.push({logical: text.slice(start, end), visual, start, rtl});
	});
	return lines;
}

function layoutParagraph(
	lines: VisualLine[],
	paragraph: string,
	width: number,
	options: TextOptions,
	kind: BlockKind,
	block: number,
	baseOffset: number,
): void {
	eachLine(paragraph, width, options, (_text, start, _end, shown, rtl) => {
		lines.push({
			text: pad(shown, cellWidth(shown), width, alignRight(rtl, options), options),
			width,
			kind,
			block,
			offset: baseOffset + start,
			rtl,
		});
	});
}

function optionsKey(width: number, options: TextOptions): string {
	return `${width}|${options.shaping ? 1 : 0}|${options.bidi}|${options.align}|${options.digits}|${options.tashkeel}|${options.fallbackDirection}`;
}

/**
 * Laid-out lines of the most recently used (blocks, width, options): the article on screen and
 * the ones around it. Bounded, because a reader with many sources would otherwise keep the
 * lines of every article it ever showed; laying one out again costs a millisecond or two.
 */
const cacheLimit = 64;
const blockCache = new Map<readonly Block[], Map<string, readonly VisualLine[]>>();

function remember(blocks: readonly Block[], key: string, lines: readonly VisualLine[]): void {
	const perArray = blockCache.get(blocks) ?? new Map<string, readonly VisualLine[]>();
	blockCache.delete(blocks);
	perArray.set(key, lines);
	blockCache.set(blocks, perArray);
	if (blockCache.size > cacheLimit) {
		blockCache.delete(blockCache.keys().next().value!);
	}
}

/**
 * Lays out every block; a blank line separates blocks. Memoized per (blocks array, width,
 * options): scrolling slices the cached array and never lays out again.
 */
export function layoutBlocks(blocks: readonly Block[], width: number, options: TextOptions): readonly VisualLine[] {
	const key = optionsKey(width, options);
	const cached = blockCache.get(blocks)?.get(key);
	if (cached) {
		return cached;
	}

	const lines: VisualLine[] = [];
	for (const [index, block] of blocks.entries()) {
		if (index > 0) {
			lines.push({text: spaces(width), width, kind: block.kind, block: index, offset: 0, rtl: false});
		}

		const text = sanitize(block.text);
		let offset = 0;
		while (offset <= text.length) {
			const newline = text.indexOf('\n', offset);
			const end = newline === -1 ? text.length : newline;
			layoutParagraph(lines, text.slice(offset, end), width, options, block.kind, index, offset);
			offset = end + 1;
		}
	}

	remember(blocks, key, lines);
	return lines;
}

/**
 * One line for a title or a list row: truncated in logical order, so the ellipsis marks the
 * end of the text (the left end of an Arabic title), then reordered and padded to `width`.
 */
export function fitLine(text: string, width: number, options: TextOptions, align: TextOptions['align'] = options.align): string {
	if (width <= 0) {
		return '';
	}

	let prepared = stripInvisible(prepare(sanitizeLine(text), options));
	const cut = truncate(prepared, width, ellipsis);
	if (cut.truncated) {
		prepared = prepared.slice(0, cut.end).trimEnd() + ellipsis;
	}

	const {levels, rtl} = paragraphLevels(prepared, options.fallbackDirection);
	const shown = isVisual(options) ? reorderLine(prepared, levels, 0, prepared.length, {rtl}) : prepared;
	const right = alignRight(rtl, {...options, align});
	return pad(shown, cellWidth(shown), width, right, options);
}

/** Numbers the program writes itself (ranks, positions, dates) are Western unless digits is arabic. */
export function formatNumber(n: number | string, digits: TextOptions['digits']): string {
	const text = String(n);
	return digits === 'arabic' ? text.replaceAll(/\d/g, digit => String.fromCharCode(0x06_60 + Number(digit))) : text;
}

/** `2026-11-28T09:30:00Z` → `2026-11-28 09:30` (UTC): short, unambiguous, no locale data needed. */
export function formatDate(iso: string, digits: TextOptions['digits']): string {
	const date = new Date(iso);
	if (Number.isNaN(date.getTime())) {
		return '';
	}

	const text = date.toISOString().slice(0, 16).replace('T', ' ');
	return formatNumber(text.endsWith(' 00:00') ? text.slice(0, 10) : text, digits);
}

const articleBlockCache = new WeakMap<Article, Map<string, readonly Block[]>>();

/**
 * The blocks an article pane shows: title, decks, a meta line (source · author · date), then
 * the body with captions in place. Memoized per article so layoutBlocks' cache keeps hitting.
 */
export function articleBlocks(article: Article, sourceName: string, options: TextOptions): readonly Block[] {
	const key = `${sourceName}|${options.digits}`;
	const cached = articleBlockCache.get(article)?.get(key);
	if (cached) {
		return cached;
	}

	const decks = [];
	let index = 0;
	while (index < article.blocks.length && article.blocks[index]!.kind === 'deck') {
		decks.push(article.blocks[index]!);
		index++;
	}

	// Each part is isolated (FSI … PDI) so a date keeps its order inside Arabic text and a
	// Latin name cannot pull its neighbours' punctuation; the controls never reach the output.
	const meta = [sourceName, article.author, article.date ? formatDate(article.date, options.digits) : undefined]
		.map(part => (part ? sanitizeLine(part) : ''))
		.filter(Boolean)
		.map(part => `\u2068${part}\u2069`)
		.join(' · ');
	const blocks: Block[] = [{kind: 'title', text: article.title}, ...decks];
	if (meta) {
		blocks.push({kind: 'meta', text: meta});
	}

	blocks.push(...article.blocks.slice(index));
	let perArticle = articleBlockCache.get(article);
	if (!perArticle) {
		perArticle = new Map();
		articleBlockCache.set(article, perArticle);
	}

	perArticle.set(key, blocks);
	return blocks;
}

/** Logical order, unshaped, one line: for `--logical`, pipes and screen readers. */
export function logicalLine(text: string, options: TextOptions): string {
	return stripInvisible(normalize(sanitizeLine(text), options));
}
