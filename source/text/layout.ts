/**
 * Blocks + width + options → terminal lines: the pipeline of DESIGN.md in one place.
 *
 * sanitize → normalize → shape → paragraph levels → wrap (logical order, by cells) →
 * reorder each line → align. Every line this module returns is safe to print and exactly
 * `width` cells wide, so the UI only slices and never measures.
 */
import type {Article, Block, BlockKind, Direction} from '../model.js';
import {LevelScratch, lineVisualOrder, paragraphLevels, reorderInto, reorderLine, resolveParagraph} from './bidi.js';
import {isolate, paragraphDirection} from './direction.js';
import {Inserted, justifyLine, type JustifiedLine} from './justify.js';
import {readableHost} from './iri.js';
import {localDate, timeAgo, type Clock} from './dates.js';
import {normalize} from './normalize.js';
import {isVisual, type TextOptions} from './options.js';
import {hasInvisible, sanitize, sanitizeInterfaceLine, sanitizeLine, stripInvisible} from './sanitize.js';
import {shape} from './shape.js';
import {UnitScratch} from './unicode/units.js';
import {cellWidth, unitsWidth} from './width.js';
import {LineBreaks, truncate, wrapInto} from './wrap.js';

export type VisualLine = {
	/** Ready to print: sanitized, shaped and reordered (when the app does bidi), padded to `width`. */
	text: string;
	width: number;
	kind: BlockKind;
	/** Index of the block this line belongs to. */
	block: number;
	/**
	 * Where the line starts in its block: the offset of its paragraph in the sanitized block
	 * text, plus the line's offset in that paragraph as prepared (normalized, shaped). Stable
	 * for given options; ui/search.ts maps text positions the same way.
	 */
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
	return options.align === 'auto' || options.align === 'justify' ? rtl : options.align === 'right';
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
 * Scratch for `layoutParagraph`, reused from paragraph to paragraph: the levels, the line
 * breaks and the units of a padded line. A typed array per paragraph and plain objects per
 * line cost more than the work itself, most of it in the garbage collector. Nothing here
 * outlives one call, and no callback runs while they are in use.
 */
const levelScratch = new LevelScratch();
const breaks = new LineBreaks();
const lineUnits = new UnitScratch();

/** A paragraph prepared, resolved and broken into `breaks`. */
type Paragraph = {text: string; levels: Uint8Array; rtl: boolean; surrogates: boolean; strip: boolean};

function breakParagraph(paragraph: string, width: number, options: TextOptions, declared: Direction | undefined): Paragraph {
	const text = prepare(paragraph, options);
	const direction = paragraphDirection(text, declared, options.fallbackDirection);
	const levels = resolveParagraph(text, options.fallbackDirection, levelScratch, direction);
	wrapInto(text, width, breaks);
	// A line shows characters of its paragraph, reordered with surrogate pairs kept whole, and
	// mirrored brackets: if the paragraph has nothing invisible, neither has any line.
	return {text, levels, rtl: levelScratch.level === 1, surrogates: levelScratch.surrogates, strip: hasInvisible(text)};
}

/** What the terminal shows of line [start, end) of a paragraph, before padding. */
function shownLine({text, levels, rtl, strip}: Paragraph, start: number, end: number, options: TextOptions): string {
	const shown = isVisual(options) ? reorderLine(text, levels, start, end, {rtl}) : text.slice(start, end);
	return strip ? stripInvisible(shown) : shown;
}

/** Body text is justified; titles, headings, decks, captions and meta lines are not, as in a newspaper. */
const justifiedKinds: ReadonlySet<BlockKind> = new Set(['paragraph', 'item', 'quote']);

/** The options a block of `kind` is laid out with: `justify` read as `auto` where it does not apply. */
export function blockTextOptions(kind: BlockKind, options: TextOptions): TextOptions {
	return options.align === 'justify' && !justifiedKinds.has(kind) ? {...options, align: 'auto'} : options;
}

/**
 * Line [start, end) of a paragraph justified to `width`, when it is to be: `align: justify`,
 * not the paragraph's last line, and not logical text for a pipe (`bidi: off`). Kashida only
 * where letters are shaped and the paragraph is right to left; spaces otherwise.
 */
function justifiedLine(paragraph: Paragraph, start: number, end: number, last: boolean, width: number, options: TextOptions): JustifiedLine | undefined {
	if (options.align !== 'justify' || last || options.bidi === 'off' || !Number.isInteger(width)) return undefined;
	const gap = width - cellWidth(shownLine(paragraph, start, end, options));
	return justifyLine(paragraph.text, paragraph.levels, start, end, gap, paragraph.rtl && isVisual(options) && options.shaping);
}

/** What the terminal shows of a justified line: `shownLine` of its text. */
function shownJustified(line: JustifiedLine, paragraph: Paragraph, options: TextOptions): string {
	return shownLine({...paragraph, text: line.text, levels: line.levels}, 0, line.text.length, options);
}

/** The widest measure for which a padded line is assembled in one buffer. */
const maxFastWidth = 4096;

/**
 * Line [start, end) of a paragraph in visual order, padded to `width` cells: reordered
 * straight into a buffer with room for the padding on either side, measured there, and made
 * into a string once. The same string as padding `shownLine` (which this falls back to when the
 * paragraph has invisible characters, or a unit whose width only string-width knows).
 */
function paddedLine(paragraph: Paragraph, start: number, end: number, width: number, right: boolean, options: TextOptions): string {
	if (!isVisual(options) || paragraph.strip || !Number.isInteger(width) || width < 0 || width > maxFastWidth) {
		const shown = shownLine(paragraph, start, end, options);
		return pad(shown, cellWidth(shown), width, right, options);
	}

	const units = lineUnits.get(width + (end - start) + width);
	const stop = reorderInto(paragraph.text, paragraph.levels, start, end, paragraph.rtl ? 1 : 0, true, true, units, width);
	const lineWidth = unitsWidth(units, width, stop);
	if (lineWidth < 0) {
		const shown = lineUnits.string(units, width, stop, paragraph.surrogates);
		return pad(shown, cellWidth(shown), width, right, options);
	}

	const gap = width - lineWidth;
	if (gap <= 0) {
		return lineUnits.string(units, width, stop, paragraph.surrogates);
	}

	if (right) {
		units.fill(0x20, width - gap, width);
		return lineUnits.string(units, width - gap, stop, paragraph.surrogates);
	}

	units.fill(0x20, stop, stop + gap);
	return lineUnits.string(units, width, stop + gap, paragraph.surrogates);
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
export function paragraphLines(text: string, width: number, options: TextOptions): ParagraphLine[] {
	const paragraph = breakParagraph(text, width, options, options.declaredDirection);
	const lines: ParagraphLine[] = [];
	for (let line = 0; line < breaks.count; line++) {
		const start = breaks.starts[line]!;
		const end = breaks.ends[line]!;
		lines.push({logical: paragraph.text.slice(start, end), visual: shownLine(paragraph, start, end, options), start, rtl: paragraph.rtl});
	}

	return lines;
}

/**
 * The core of the pipeline for one paragraph (no newline): its lines in display order (the
 * first line is the paragraph's start), padded, appended to `lines`.
 */
function layoutParagraph(
	lines: VisualLine[],
	text: string,
	width: number,
	options: TextOptions,
	kind: BlockKind,
	block: number,
	baseOffset: number,
	declared: Direction | undefined,
): void {
	const paragraph = breakParagraph(text, width, options, declared);
	const {rtl} = paragraph;
	const right = alignRight(rtl, options);
	for (let line = 0; line < breaks.count; line++) {
		const start = breaks.starts[line]!;
		const end = breaks.ends[line]!;
		const justified = justifiedLine(paragraph, start, end, line === breaks.count - 1, width, options);
		const shown = justified && shownJustified(justified, paragraph, options);
		lines.push({
			text: shown === undefined ? paddedLine(paragraph, start, end, width, right, options) : pad(shown, cellWidth(shown), width, right, options),
			width,
			kind,
			block,
			offset: baseOffset + start,
			rtl,
		});
	}
}

/** Cells of one line of a paragraph that show a logical range: `[from, to)` columns of the padded line. */
export type LineCells = {
	/** Where the line starts in the prepared paragraph (as VisualLine offsets count, less the paragraph's own offset). */
	start: number;
	cells: Array<[number, number]>;
};

/**
 * Which cells of a paragraph's lines (laid out as `layoutBlocks` lays them out at `width`)
 * show the characters of the prepared paragraph's range [from, to): for a search match.
 * In visual order a range is split wherever the bidi algorithm moved its pieces apart; a
 * mark shares its base's cell. In logical order (the terminal reorders) the cells follow the
 * string, and the terminal moves them with their characters.
 */
export function rangeCells(paragraph: string, width: number, options: TextOptions, from: number, to: number, declared = options.declaredDirection): LineCells[] {
	const prepared = breakParagraph(paragraph, width, options, declared);
	const lines: LineCells[] = [];
	const right = alignRight(prepared.rtl, options) && isVisual(options);
	const count = breaks.count;
	const starts = [...breaks.starts.subarray(0, count)];
	const ends = [...breaks.ends.subarray(0, count)];
	for (let line = 0; line < count; line++) {
		const start = starts[line]!;
		const end = ends[line]!;
		if (end <= from || start >= to) continue;
		// A justified line is drawn from its own text; each unit maps back to the paragraph: a
		// tatweel is in the range when the letters on both sides are, an added space with its space.
		const justified = justifiedLine(prepared, start, end, line === count - 1, width, options);
		const text = justified?.text ?? prepared.text;
		const inRange = justified
			? (unit: number) => {
				const source = justified.source[unit]!;
				return justified.inserted[unit] === Inserted.kashida ? source - 1 >= from && source < to : source >= from && source < to;
			}
			: (unit: number) => unit >= from && unit < to;
		const [lineStart, lineEnd] = justified ? [0, text.length] : [start, end];
		// The line's characters in the order they are drawn, each with its logical index.
		const order = isVisual(options)
			? lineVisualOrder(text, justified?.levels ?? prepared.levels, lineStart, lineEnd, {rtl: prepared.rtl})
			: Int32Array.from({length: lineEnd - lineStart}, (_, index) => lineStart + index);
		const pieces: Array<{text: string; inRange: boolean}> = [];
		for (let k = 0; k < order.length; k++) {
			const index = order[k]!;
			const code = text.charCodeAt(index);
			const next = order[k + 1];
			// A surrogate pair stays one character, whichever of its halves comes first.
			const pair = next !== undefined && ((code & 0xFC_00) === 0xD8_00 ? next === index + 1 : (code & 0xFC_00) === 0xDC_00 && next === index - 1);
			const low = pair ? Math.min(index, next) : index;
			pieces.push({text: text.slice(low, pair ? low + 2 : low + 1), inRange: inRange(low)});
			if (pair) k++;
		}

		// Columns are widths of what is drawn before (a cluster of several characters is measured whole).
		const offset = right ? Math.max(0, width - cellWidth(pieces.map(piece => piece.text).join(''))) : 0;
		let column = offset;
		let drawn = '';
		const cells: Array<[number, number]> = [];
		for (const piece of pieces) {
			drawn += piece.text;
			const after = offset + cellWidth(drawn);
			if (piece.inRange && after > column) {
				const last = cells.at(-1);
				if (last && last[1] === column) last[1] = after;
				else cells.push([column, after]);
			}

			column = after;
		}

		if (cells.length > 0) lines.push({start, cells});
	}

	return lines;
}

function optionsKey(width: number, options: TextOptions): string {
	return `${width}|${options.shaping ? 1 : 0}|${options.bidi}|${options.align}|${options.digits}|${options.tashkeel}|${options.fallbackDirection}|${options.declaredDirection ?? ''}`;
}

/**
 * Laid-out lines of the most recently used (blocks, width, options): the article on screen and
 * the ones around it. Bounded, because a reader with many sources would otherwise keep the
 * lines of every article it ever showed; laying one out again costs a millisecond or two.
 *
 * Fixed slots, the least recently stored one replaced, rather than a Map used as a queue
 * (delete, then set at the end): V8 carried half of what such a Map had ever held through
 * every young-generation collection, which made collecting garbage a fifth of the layout's time.
 */
const cacheLimit = 64;
const cachedBlocks: Array<readonly Block[] | undefined> = Array.from({length: cacheLimit}, () => undefined);
const cachedLines: Array<Map<string, readonly VisualLine[]> | undefined> = Array.from({length: cacheLimit}, () => undefined);
const storedAt = new Float64Array(cacheLimit);
let clock = 0;

function cached(blocks: readonly Block[], key: string): readonly VisualLine[] | undefined {
	const slot = cachedBlocks.indexOf(blocks);
	return slot < 0 ? undefined : cachedLines[slot]!.get(key);
}

function remember(blocks: readonly Block[], key: string, lines: readonly VisualLine[]): void {
	let slot = cachedBlocks.indexOf(blocks);
	if (slot < 0) {
		slot = 0;
		for (let index = 1; index < cacheLimit; index++) {
			if (storedAt[index]! < storedAt[slot]!) {
				slot = index;
			}
		}

		cachedBlocks[slot] = blocks;
		cachedLines[slot] = new Map();
	}

	cachedLines[slot]!.set(key, lines);
	storedAt[slot] = ++clock;
}

/**
 * Lays out every block; a blank line separates blocks. Memoized per (blocks array, width,
 * options): scrolling slices the cached array and never lays out again.
 */
export function layoutBlocks(blocks: readonly Block[], width: number, options: TextOptions): readonly VisualLine[] {
	const key = optionsKey(width, options);
	const hit = cached(blocks, key);
	if (hit) {
		return hit;
	}

	const lines: VisualLine[] = [];
	for (let index = 0; index < blocks.length; index++) {
		const block = blocks[index]!;
		if (index > 0) {
			lines.push({text: spaces(width), width, kind: block.kind, block: index, offset: 0, rtl: false});
		}

		const text = sanitize(block.text);
		const declared = block.dir ?? options.declaredDirection;
		const blockOptions = blockTextOptions(block.kind, options);
		let offset = 0;
		while (offset <= text.length) {
			const newline = text.indexOf('\n', offset);
			const end = newline === -1 ? text.length : newline;
			layoutParagraph(lines, text.slice(offset, end), width, blockOptions, block.kind, index, offset, declared);
			offset = end + 1;
		}
	}

	remember(blocks, key, lines);
	return lines;
}

/**
 * One line for a title or a list row: its direction chosen from the whole text (direction.ts),
 * cut in logical order after a whole word (truncate), so the ellipsis marks where the text
 * stops (the left end of an Arabic title), then reordered and padded to `width`.
 */
/** The text with a PDI for each isolate it opens and does not close. */
function closeIsolates(text: string): string {
	let open = 0;
	for (let index = 0; index < text.length; index++) {
		const unit = text.charCodeAt(index);
		if (unit >= 0x20_66 && unit <= 0x20_68) open++;
		else if (unit === 0x20_69 && open > 0) open--;
	}

	return open > 0 ? text + '\u2069'.repeat(open) : text;
}

export function fitLine(text: string, width: number, options: TextOptions, align: TextOptions['align'] = options.align): string {
	if (width <= 0) {
		return '';
	}

	const whole = prepare(sanitizeInterfaceLine(text), options);
	const direction = paragraphDirection(whole, options.declaredDirection, options.fallbackDirection);
	// Isolates and marks take part in the levels (a path isolated in a right-to-left sentence
	// keeps its order) and are dropped after the reordering, as layoutBlocks does.
	let prepared = whole;
	const cut = truncate(prepared, width, ellipsis);
	if (cut.truncated) {
		// The ellipsis ends the line, outside any isolate the cut left open.
		prepared = closeIsolates(prepared.slice(0, cut.end).trimEnd()) + ellipsis;
	}

	const {levels, rtl} = paragraphLevels(prepared, options.fallbackDirection, direction);
	const shown = stripInvisible(isVisual(options) ? reorderLine(prepared, levels, 0, prepared.length, {rtl}) : prepared);
	const right = alignRight(rtl, {...options, align});
	return pad(shown, cellWidth(shown), width, right, options);
}

/** Numbers the program writes itself (ranks, positions, dates) are Western unless digits is arabic. */
export function formatNumber(n: number | string, digits: TextOptions['digits']): string {
	const text = String(n);
	const zero = digits === 'arabic' ? 0x06_60 : digits === 'persian' ? 0x06_F0 : undefined;
	return zero === undefined ? text : text.replaceAll(/\d/g, digit => String.fromCharCode(zero + Number(digit)));
}

/**
 * `2026-11-28T09:30:00Z` → `2026-11-28 12:30` in the clock's zone (UTC without one): short,
 * unambiguous, no locale data needed; with the clock's `now`, how long ago for the last day.
 */
export function formatDate(iso: string, digits: TextOptions['digits'], clock?: Clock): string {
	const date = localDate(iso, clock);
	if (!date) {
		return '';
	}

	const ago = clock?.now === undefined ? undefined : timeAgo(iso, clock.now, n => formatNumber(n, digits));
	return formatNumber(date, digits) + (ago ? ` · ${ago}` : '');
}

const articleBlockCache = new WeakMap<Article, Map<string, readonly Block[]>>();

export /** The host of an article's link as it reads (`www.` left out): where the article is from, at a glance. */
function hostOf(url: string | undefined): string | undefined {
	if (!url || !URL.canParse(url)) return undefined;
	const {hostname, protocol} = new URL(url);
	if (protocol !== 'http:' && protocol !== 'https:') return undefined;
	return readableHost(hostname).replace(/^www\./, '') || undefined;
}

/** Whether a source's name is `host` itself (as hostOf reads it), with a `www.` or a port or not. */
function namesHost(sourceName: string, host: string): boolean {
	const name = sourceName.trim().replace(/:\d+$/, '');
	return /^[^\s/]+$/.test(name) && hostOf(`http://${name}/`) === host;
}

/**
 * The blocks an article pane shows: title, decks, a meta line (source · author · date · the
 * link's host), then the body with captions in place. Memoized per article so layoutBlocks'
 * cache keeps hitting. `options.declaredDirection` is the article's (its own, else its edition's).
 */
export function articleBlocks(article: Article, sourceName: string, options: TextOptions, clock?: Clock): readonly Block[] {
	const declared = options.declaredDirection;
	const date = article.date ? formatDate(article.date, options.digits, clock) : undefined;
	const key = `${sourceName}|${options.digits}|${declared ?? ''}|${options.fallbackDirection}|${date}`;
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

	// Each part is an isolate of its own direction (a byline `Author, …` in an Arabic feed reads
	// right to left), so a date keeps its order inside Arabic text and a Latin name cannot pull
	// its neighbours' punctuation; the controls never reach the output. The line reads in the
	// title's direction: letters inside isolates do not count for its own.
	// A source named after its host (a page or text dump from a site with no name of its own) is
	// not followed by the same host again.
	const host = hostOf(article.url);
	const parts = [sourceName, article.author, date, host !== undefined && namesHost(sourceName, host) ? undefined : host]
		.map(part => (part ? sanitizeLine(part) : ''))
		.filter(Boolean);
	const meta = parts.map(part => isolate(part, declared)).join(' · ');
	const blocks: Block[] = [{kind: 'title', text: article.title}, ...decks];
	if (meta) {
		blocks.push({kind: 'meta', text: meta, dir: paragraphDirection(sanitizeLine(article.title), declared, options.fallbackDirection)});
	}

	blocks.push(...article.blocks.slice(index));
	let perArticle = articleBlockCache.get(article);
	// A relative date changes every minute: an article read for long would keep every minute's blocks.
	if (perArticle && perArticle.size >= 16) perArticle.clear();
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
