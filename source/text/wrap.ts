/**
 * Line breaking in logical order by terminal cells (pipeline step 5), and headline truncation.
 *
 * The text is one paragraph, already shaped, so widths are those of what will be shown. It is
 * cut into grapheme clusters (never broken inside), each with a width and a kind; then a greedy
 * fill puts as many whole tokens on a line as fit. Break opportunities, a small part of UAX #14
 * that matters for news text:
 *
 * - after a run of spaces (U+0020, the breaking spaces of General Punctuation, U+3000, and ZWSP);
 *   the spaces belong to neither line: a line's range ends before them, the next starts after;
 * - after `/ ? & ؟` inside a token (URLs), except at the token's start, before another of them,
 *   and between digits (`2024/05` stays whole);
 * - after a hyphen or dash (`- ‐ – —`) inside a token, except before a digit (`-5`, `2020-2021`);
 * - before and after CJK ideographs, kana and Hangul syllables, except before closing and after
 *   opening punctuation.
 *
 * A token wider than the line is broken hard between grapheme clusters: never between a letter
 * and its harakat, inside a surrogate pair or inside an emoji sequence. A grapheme wider than
 * the whole line (a CJK character at width 1) gets a line of its own and overflows it.
 *
 * Plain Arabic and Latin text goes through a fast path driven by the code-unit classes of
 * width.ts, with no allocation per character; Intl.Segmenter cuts only the stretches around
 * anything else (an emoji, CJK).
 */
import {UnitClass, cellWidth, unitClass} from './width.js';

/** UTF-16 indices into the paragraph, `end` exclusive; trailing spaces at a break excluded. */
export type LineRange = {start: number; end: number};

/** What a cluster is to line breaking (a const enum: esbuild writes each use as its number). */
const enum Kind {
	OTHER = 0,
	SPACE = 1,
	/** `/ ? & ؟`: a break may follow. */
	BREAK_AFTER = 2,
	HYPHEN = 3,
	DIGIT = 4,
	IDEOGRAPHIC = 5,
	/** Closing punctuation: no break before. */
	CLOSE = 6,
	/** Opening punctuation: no break after. */
	OPEN = 7,
}

const kinds = new Uint8Array(0x10000);
function setKind(kind: number, ...units: Array<number | [number, number]>): void {
	for (const unit of units) {
		if (typeof unit === 'number') {
			kinds[unit] = kind;
		} else {
			kinds.fill(kind, unit[0], unit[1] + 1);
		}
	}
}

setKind(
	Kind.IDEOGRAPHIC,
	[0x2e80, 0x2fff], [0x3040, 0x33ff], [0x3400, 0x4dbf], [0x4e00, 0x9fff], [0xa000, 0xa4cf],
	[0xac00, 0xd7a3], [0xf900, 0xfaff], [0xff01, 0xff60], [0xffe0, 0xffe6],
);
setKind(Kind.SPACE, 0x09, 0x0a, 0x0d, 0x20, [0x2000, 0x2006], [0x2008, 0x200b], 0x205f, 0x3000);
setKind(Kind.BREAK_AFTER, 0x2f, 0x3f, 0x26, 0x061f);
setKind(Kind.HYPHEN, 0x2d, 0x2010, 0x2013, 0x2014);
setKind(Kind.DIGIT, [0x30, 0x39], [0x0660, 0x0669], [0x06f0, 0x06f9]);
setKind(
	Kind.CLOSE,
	0x21, 0x25, 0x29, 0x2c, 0x2e, 0x3a, 0x3b, 0x5d, 0x7d, 0x060c, 0x061b, 0x066a,
	0x3001, 0x3002, 0x3005, 0x3009, 0x300b, 0x300d, 0x300f, 0x3011, 0x3015, 0x3017, 0x3019,
	0x301b, 0x301e, 0x301f, 0x303b, 0x309b, 0x309c, 0x309d, 0x309e, 0x30a0, 0x30fb, 0x30fc,
	0x30fd, 0x30fe, 0xff01, 0xff09, 0xff0c, 0xff0e, 0xff1a, 0xff1b, 0xff1f, 0xff3d, 0xff5d,
	0xff60, 0xff61, 0xff63, 0xff64,
	// Small kana: they never start a line in Japanese typesetting.
	0x3041, 0x3043, 0x3045, 0x3047, 0x3049, 0x3063, 0x3083, 0x3085, 0x3087, 0x308e, 0x3095,
	0x3096, 0x30a1, 0x30a3, 0x30a5, 0x30a7, 0x30a9, 0x30c3, 0x30e3, 0x30e5, 0x30e7, 0x30ee,
	0x30f5, 0x30f6,
);
setKind(
	Kind.OPEN,
	0x28, 0x5b, 0x7b, 0x3008, 0x300a, 0x300c, 0x300e, 0x3010, 0x3014, 0x3016, 0x3018, 0x301a,
	0x301d, 0xff08, 0xff3b, 0xff5b, 0xff5f, 0xff62,
);

function kindOf(codePoint: number): number {
	if (codePoint < 0x10000) {
		return kinds[codePoint]!;
	}

	// CJK Unified Ideographs Extension B and later (planes 2 and 3).
	return codePoint >= 0x20000 && codePoint <= 0x3ffff ? Kind.IDEOGRAPHIC : Kind.OTHER;
}

/** A paragraph cut into grapheme clusters: cluster `i` is `text.slice(starts[i], starts[i + 1])`. */
export type Clusters = {
	count: number;
	starts: Int32Array;
	widths: Int32Array;
	kinds: Uint8Array;
};

/** Scratch arrays above this many clusters are not kept between calls. */
const keepLimit = 1 << 16;

function allocate(length: number): Clusters {
	return {
		count: 0,
		starts: new Int32Array(length + 1),
		widths: new Int32Array(length),
		kinds: new Uint8Array(length),
	};
}

/**
 * The clusters of the paragraph being broken, reused from call to call: three typed arrays per
 * paragraph cost more than the breaking. Only valid until the next `clustersOf`.
 */
let scratch = allocate(1024);

function scratchFor(length: number): Clusters {
	if (length <= scratch.widths.length) {
		scratch.count = 0;
		return scratch;
	}

	const clusters = allocate(Math.max(length, scratch.widths.length * 2));
	if (length <= keepLimit) {
		scratch = clusters;
	}

	return clusters;
}

// Made on first use: the first Intl.Segmenter of a process loads ICU's break rules (~7 ms).
let segmenter: Intl.Segmenter | undefined;

/**
 * Cut `text` into grapheme clusters. Code units classified in width.ts go through a fast path:
 * the grapheme break rules that can apply to them are GB4/GB5 (controls stand alone), GB9
 * (× Extend) and GB9b (Prepend ×). Around any other code unit (an emoji, CJK, a control),
 * Intl.Segmenter cuts a stretch of text: from the start of the cluster before it (which the
 * unit may join) to the next space that surely starts a cluster. No rule that could look back
 * past that start (emoji ZWJ sequences, flags, Indic conjuncts) can match classified
 * characters, so the stretch is cut as the whole text would be.
 */
export function clustersOf(text: string): Clusters {
	const length = text.length;
	const result = scratchFor(length);
	const {starts, widths, kinds: clusterKinds} = result;
	let count = 0;
	let previous = UnitClass.CONTROL;
	let index = 0;
	while (index < length) {
		const unit = text.charCodeAt(index);
		const current = unitClass(unit);
		if (current === UnitClass.FALLBACK) {
			const from = count > 0 ? starts[--count]! : 0;
			const to = stretchEnd(text, index + 1);
			segmenter ??= new Intl.Segmenter();
			for (const {segment, index: offset} of segmenter.segment(text.slice(from, to))) {
				starts[count] = from + offset;
				widths[count] = cellWidth(segment);
				const kind = kindOf(segment.codePointAt(0)!);
				// Only a bare space is a space: with a mark on it, it is a visible character.
				clusterKinds[count] = kind === Kind.SPACE && segment.length > 1 ? Kind.OTHER : kind;
				count++;
			}

			index = to;
			previous = UnitClass.CONTROL;
			continue;
		}

		if ((current === UnitClass.EXTEND || previous === UnitClass.PREPEND) && count > 0 && previous !== UnitClass.CONTROL && current !== UnitClass.CONTROL) {
			const last = count - 1;
			if (current === UnitClass.BASE) {
				// A base after a prepended mark (U+0600 ARABIC NUMBER SIGN before digits).
				widths[last]!++;
			} else if (clusterKinds[last] === Kind.SPACE) {
				// A space carrying a mark is visible and does not break (UAX #14 LB10).
				clusterKinds[last] = Kind.OTHER;
			}
		} else {
			starts[count] = index;
			widths[count] = current === UnitClass.BASE ? 1 : 0;
			clusterKinds[count] = current === UnitClass.PREPEND || current === UnitClass.EXTEND ? Kind.OTHER : kinds[unit]!;
			count++;
		}

		previous = current;
		index++;
	}

	starts[count] = length;
	result.count = count;
	return result;
}

/**
 * The first U+0020 at or after `index` that starts a grapheme cluster for sure: one after a
 * classified unit that is not Prepend (only Prepend joins a following space). Else the end.
 */
function stretchEnd(text: string, index: number): number {
	for (let space = text.indexOf(' ', index); space !== -1; space = text.indexOf(' ', space + 1)) {
		const before = unitClass(text.charCodeAt(space - 1));
		if (before !== UnitClass.FALLBACK && before !== UnitClass.PREPEND) {
			return space;
		}
	}

	return text.length;
}

/** May a line break between cluster `index - 1` and cluster `index` (both inside one token)? */
function breaksBefore(clusters: Clusters, index: number, tokenStart: number): boolean {
	const {kinds: clusterKinds} = clusters;
	const before = clusterKinds[index - 1]!;
	const after = clusterKinds[index]!;
	if (after === Kind.CLOSE || before === Kind.OPEN) {
		return false;
	}

	switch (before) {
		case Kind.BREAK_AFTER: {
			return index - 1 > tokenStart
				&& after !== Kind.BREAK_AFTER
				&& !(after === Kind.DIGIT && clusterKinds[index - 2] === Kind.DIGIT);
		}

		case Kind.HYPHEN: {
			return index - 1 > tokenStart && after !== Kind.DIGIT && after !== Kind.HYPHEN;
		}

		default: {
			return before === Kind.IDEOGRAPHIC || after === Kind.IDEOGRAPHIC;
		}
	}
}

/**
 * Where the lines of a paragraph start and end (UTF-16 indices, `end` exclusive), filled by
 * `wrapInto`: line `i` is `[starts[i], ends[i])`, for `i < count`. Reused from paragraph to
 * paragraph by the layout, so breaking a paragraph allocates nothing.
 */
export class LineBreaks {
	count = 0;
	starts = new Int32Array(64);
	ends = new Int32Array(64);

	push(start: number, end: number): void {
		if (this.count === this.starts.length) {
			const starts = new Int32Array(this.count * 2);
			const ends = new Int32Array(this.count * 2);
			starts.set(this.starts);
			ends.set(this.ends);
			this.starts = starts;
			this.ends = ends;
		}

		this.starts[this.count] = start;
		this.ends[this.count] = end;
		this.count++;
	}
}

/**
 * Greedy line breaking of one paragraph into lines of at most `width` cells (`width` < 1 is
 * taken as 1). Leading and trailing spaces of the paragraph belong to no line. Every paragraph
 * yields at least one line: empty or blank text gives `[{start: 0, end: 0}]`.
 */
export function wrap(text: string, width: number): LineRange[] {
	const breaks = new LineBreaks();
	wrapInto(text, width, breaks);
	const lines: LineRange[] = [];
	for (let line = 0; line < breaks.count; line++) {
		lines.push({start: breaks.starts[line]!, end: breaks.ends[line]!});
	}

	return lines;
}

/** `wrap`, writing the lines into `lines` (emptied first) instead of new objects. */
export function wrapInto(text: string, width: number, lines: LineBreaks): void {
	const limit = Math.max(1, Math.floor(width) || 1);
	const clusters = clustersOf(text);
	const {count, starts, widths, kinds: clusterKinds} = clusters;
	lines.count = 0;

	let index = 0;
	while (index < count && clusterKinds[index] === Kind.SPACE) {
		index++;
	}

	if (index === count) {
		lines.push(0, 0);
		return;
	}

	let lineStart = index;
	let tokenStart = index;
	let used = 0;
	// The last break opportunity on the current line: the line would end before cluster
	// `breakEnd`, the next one start at `breakNext`, and `usedAtNext` cells are before it.
	let breakEnd = -1;
	let breakNext = -1;
	let usedAtNext = 0;
	let contentEnd = count;

	while (index < count) {
		if (clusterKinds[index] === Kind.SPACE) {
			let next = index;
			let spaces = 0;
			while (next < count && clusterKinds[next] === Kind.SPACE) {
				spaces += widths[next]!;
				next++;
			}

			if (next === count) {
				contentEnd = index;
				break;
			}

			used += spaces;
			breakEnd = index;
			breakNext = next;
			usedAtNext = used;
			tokenStart = next;
			index = next;
			continue;
		}

		// (A break after nothing visible would leave a line that shows nothing.)
		// (Between two ordinary clusters, letters say, there is never one.)
		if (used > 0 && index > tokenStart && (clusterKinds[index - 1]! | clusterKinds[index]!) !== Kind.OTHER
			&& breaksBefore(clusters, index, tokenStart)) {
			breakEnd = index;
			breakNext = index;
			usedAtNext = used;
		}

		const clusterWidth = widths[index]!;
		// A line holds at least one visible cluster (zero-width ones before it do not count), and
		// the zero-width ones that follow it in its token (a mark standing alone after a wide
		// character that already overflows the line).
		if (used + clusterWidth <= limit || used === 0 || (clusterWidth === 0 && index !== tokenStart)) {
			used += clusterWidth;
			index++;
			continue;
		}

		if (breakEnd > lineStart) {
			lines.push(starts[lineStart]!, starts[breakEnd]!);
			lineStart = breakNext;
			used -= usedAtNext;
		} else {
			// No opportunity on this line: the token is wider than a line; break it hard here.
			lines.push(starts[lineStart]!, starts[index]!);
			lineStart = index;
			used = 0;
		}

		breakEnd = -1;
	}

	lines.push(starts[lineStart]!, starts[contentEnd]!);
}

/** Parts of a number a cut must not fall between: digits, and `. , ٫ ٬ % ٪` beside them. */
function numeric(text: string, start: number, kind: number): boolean {
	if (kind === Kind.DIGIT) {
		return true;
	}

	const unit = text.charCodeAt(start);
	return unit === 0x2E || unit === 0x2C || unit === 0x06_6B || unit === 0x06_6C || unit === 0x25 || unit === 0x06_6A;
}

/**
 * Where to cut `text` (logical order) so that the kept prefix plus `ellipsis` fits in `width`
 * cells: after the last whole word that fits, with no spaces before the ellipsis. Only when
 * not even the first word fits is it cut inside that word, between graphemes and never inside
 * a number (`12%` is kept whole or left out). Text that fits comes back whole (`truncated:
 * false`). When nothing fits with the ellipsis, `end` is 0.
 */
export function truncate(text: string, width: number, ellipsis = '…'): {end: number; truncated: boolean} {
	if (cellWidth(text) <= width) {
		return {end: text.length, truncated: false};
	}

	const budget = width - cellWidth(ellipsis);
	const {count, starts, widths, kinds: clusterKinds} = clustersOf(text);
	let used = 0;
	let index = 0;
	let wordEnd = 0;
	while (index < count && used + widths[index]! <= budget) {
		if (clusterKinds[index] === Kind.SPACE && index > 0 && clusterKinds[index - 1] !== Kind.SPACE) {
			wordEnd = index;
		}

		used += widths[index]!;
		index++;
	}

	// The cluster after the last one that fits: a space there ends a word too.
	if (index < count && clusterKinds[index] === Kind.SPACE && index > 0 && clusterKinds[index - 1] !== Kind.SPACE) {
		wordEnd = index;
	}

	if (wordEnd === 0) {
		// One word wider than the budget: cut inside it, but not between two parts of a number.
		while (index > 0 && index < count && numeric(text, starts[index - 1]!, clusterKinds[index - 1]!) && numeric(text, starts[index]!, clusterKinds[index]!)) {
			index--;
		}

		wordEnd = index;
	}

	while (wordEnd > 0 && clusterKinds[wordEnd - 1] === Kind.SPACE) {
		wordEnd--;
	}

	return {end: starts[wordEnd]!, truncated: true};
}
