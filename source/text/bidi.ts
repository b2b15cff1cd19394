/**
 * Bidi stage of the text engine: paragraph levels (UAX #9 rules P2–I2, through bidi-js) and
 * the per-line rules L1–L4, which bidi-js gets wrong or leaves out.
 *
 * - bidi-js classifies UTF-16 units, so both halves of a surrogate pair come out L. Astral
 *   code points are replaced by two BMP stand-ins of their own Bidi_Class before bidi-js sees
 *   the text; the algorithm resolves two equal neighbours exactly as it resolves one.
 * - L1 (trailing whitespace back to the paragraph level) is applied here, per line, on a copy
 *   of the levels: bidi-js skips it for a line that does not start at index 0.
 * - L3: a combining mark stays after its base, a surrogate pair stays in order, so a terminal
 *   draws the mark on the right letter.
 * - L4: mirrored glyphs (brackets, guillemets) for characters at odd levels.
 * - Bidi format characters and U+FEFF never reach the output.
 */
import bidiFactory from 'bidi-js';

const bidi = bidiFactory();

/** Levels per UTF-16 unit of the paragraph; `rtl` when the paragraph level is odd. */
export type ParagraphLevels = {levels: Uint8Array; rtl: boolean};

/** Bidi_Class short name of an astral code point (`L`, `R`, `AL`, `NSM`, `ON`...). */
export type AstralBidiClass = (codePoint: number) => string;

export type ReorderOptions = {
	/** L3: combining marks (and the rest of an emoji sequence) after their base. Default true. */
	marksAfterBase?: boolean;
	/** L4: mirrored glyphs at odd levels. Default true. */
	mirror?: boolean;
	/**
	 * The paragraph direction. Only needed for levels that did not come straight from
	 * `paragraphLevels` (a copy loses it; it is then guessed from the levels).
	 */
	rtl?: boolean;
};

// Bidi classes, as small integers for typed arrays.
const L = 0;
const R = 1;
const AL = 2;
const EN = 3;
const ES = 4;
const ET = 5;
const AN = 6;
const CS = 7;
const NSM = 8;
const BN = 9;
const B = 10;
const S = 11;
const WS = 12;
const ON = 13;
const LRE = 14;
const LRO = 15;
const RLE = 16;
const RLO = 17;
const PDF = 18;
const LRI = 19;
const RLI = 20;
const FSI = 21;
const PDI = 22;

const classByName: Record<string, number> = {
	L, R, AL, EN, ES, ET, AN, CS, NSM, BN, B, S, WS, ON, LRE, LRO, RLE, RLO, PDF, LRI, RLI, FSI, PDI,
};

const classMask = 0x1F;
/** Flag: general category Mn or Me (a combining mark with no width of its own). */
const markFlag = 0x20;
/** Flag: the character has a mirrored glyph (Bidi_Mirroring_Glyph). */
const mirrorFlag = 0x40;
/** Flag: a character never printed (bidi format characters, U+FEFF). */
const hiddenFlag = 0x80;

/** Classes that L1 returns to the paragraph level at the end of a line (5.2: with X9-removed). */
const trailingClasses = new Set([WS, S, B, BN, LRE, LRO, RLE, RLO, PDF, LRI, RLI, FSI, PDI]);

const hiddenCharacters = [0x20_0E, 0x20_0F, 0x06_1C, 0x20_2A, 0x20_2B, 0x20_2C, 0x20_2D, 0x20_2E, 0x20_66, 0x20_67, 0x20_68, 0x20_69, 0xFE_FF];

/**
 * Class and flags of every BMP unit, from bidi-js's own data so that our per-line rules agree
 * with its levels. A constant built once (a few milliseconds) when the module loads.
 */
const bmp = buildBmpTable();

function buildBmpTable(): Uint8Array {
	const table = new Uint8Array(0x1_00_00);
	const mark = /^[\p{Mn}\p{Me}]$/u;
	for (let code = 0; code < 0x1_00_00; code++) {
		if (code >= 0xD8_00 && code < 0xE0_00) {
			continue; // Surrogates: L, like bidi-js.
		}

		const char = String.fromCharCode(code);
		const type = classByName[bidi.getBidiCharTypeName(char)] ?? L;
		let entry = type;
		if (code >= 0x3_00 && mark.test(char)) {
			entry |= markFlag;
		}

		if (type === ON && bidi.getMirroredCharacter(char) !== null) {
			entry |= mirrorFlag;
		}

		table[code] = entry;
	}

	for (const code of hiddenCharacters) {
		table[code] = table[code]! | hiddenFlag;
	}

	return table;
}

/** Two BMP units of the same class, standing in for one astral code point. */
const standIns: Record<string, string> = {
	R: '\u05D0\u05D0',
	AL: '\u0627\u0627',
	EN: '00',
	ES: '++',
	ET: '##',
	AN: '\u0660\u0660',
	CS: ',,',
	NSM: '\u0300\u0300',
	BN: '\u200B\u200B',
	WS: '  ',
	ON: '!!',
};

const astralPair = /[\uD800-\uDBFF][\uDC00-\uDFFF]/g;
const anySurrogate = /[\uD800-\uDFFF]/;

/**
 * Until the generated Unicode tables land, astral code points keep bidi-js's classification
 * (L); `paragraphLevelsWith` takes a real classifier.
 */
const astralAsL: AstralBidiClass = () => 'L';

/** The text bidi-js should see: each astral pair replaced by stand-ins of its class. */
export function withAstralStandIns(text: string, astralClass: AstralBidiClass): string {
	if (!anySurrogate.test(text)) {
		return text;
	}

	return text.replace(astralPair, pair => standIns[astralClass(pair.codePointAt(0)!)] ?? pair);
}

/** P2–P3: the level given by the first strong character outside isolates, or -1 if none. */
function firstStrongLevel(text: string): number {
	let depth = 0;
	for (let index = 0; index < text.length; index++) {
		const type = bmp[text.charCodeAt(index)]! & classMask;
		if (type === LRI || type === RLI || type === FSI) {
			depth++;
		} else if (type === PDI) {
			if (depth > 0) {
				depth--;
			}
		} else if (depth === 0) {
			if (type === L) {
				return 0;
			}

			if (type === R || type === AL) {
				return 1;
			}
		}
	}

	return -1;
}

/** The paragraph level travels with the levels array it belongs to. */
const paragraphLevelKey = Symbol('paragraphLevel');
type TaggedLevels = Uint8Array & {[paragraphLevelKey]?: number};

function tag(levels: Uint8Array, level: number): Uint8Array {
	Object.defineProperty(levels, paragraphLevelKey, {value: level});
	return levels;
}

/** Like `paragraphLevels`, with the classifier for astral code points given. */
export function paragraphLevelsWith(
	text: string,
	fallback: 'rtl' | 'ltr',
	direction: 'auto' | 'rtl' | 'ltr',
	astralClass: AstralBidiClass,
): ParagraphLevels {
	const seen = withAstralStandIns(text, astralClass);
	let level = direction === 'rtl' ? 1 : (direction === 'ltr' ? 0 : firstStrongLevel(seen));
	if (level < 0) {
		level = fallback === 'rtl' ? 1 : 0;
	}

	const levels = text.length === 0
		? new Uint8Array(0)
		: bidi.getEmbeddingLevels(seen, level === 1 ? 'rtl' : 'ltr').levels;
	return {levels: tag(levels, level), rtl: level === 1};
}

/**
 * Resolved levels of one paragraph (no newline inside: the caller splits). `auto` takes the
 * direction of the first strong character (P2–P3) and `fallback` when there is none.
 */
export function paragraphLevels(
	text: string,
	fallback: 'rtl' | 'ltr',
	direction: 'auto' | 'rtl' | 'ltr' = 'auto',
): ParagraphLevels {
	return paragraphLevelsWith(text, fallback, direction, astralAsL);
}

/** The paragraph level of `levels`: told, carried by the array, or at worst guessed. */
function paragraphLevelOf(levels: Uint8Array, rtl: boolean | undefined): number {
	if (rtl !== undefined) {
		return rtl ? 1 : 0;
	}

	const carried = (levels as TaggedLevels)[paragraphLevelKey];
	if (carried !== undefined) {
		return carried;
	}

	let min = 0xFF;
	for (const level of levels) {
		min = Math.min(min, level);
	}

	return min & 1;
}

/** L1 for one line: a copy of its levels with trailing whitespace at the paragraph level. */
function lineLevels(text: string, levels: Uint8Array, start: number, end: number, paragraphLevel: number): Uint8Array {
	const line = levels.slice(start, end);
	for (let index = end - 1; index >= start && trailingClasses.has(bmp[text.charCodeAt(index)]! & classMask); index--) {
		line[index - start] = paragraphLevel;
	}

	return line;
}

const zwj = 0x20_0D;
const astralMark = /^[\p{Mn}\p{Me}]$/u;

function isRegionalIndicator(text: string, index: number): boolean {
	const code = text.codePointAt(index)!;
	return code >= 0x1_F1_E6 && code <= 0x1_F1_FF;
}

/**
 * True when the unit at `index` belongs with the one before it and must never be separated
 * or reordered from it: the low half of a surrogate pair and, when `marks`, a combining mark,
 * a zero width joiner or what it joins, an emoji modifier, a tag character, the second flag
 * letter of a pair.
 */
function continuesCluster(text: string, index: number, start: number, marks: boolean, pairOpen: boolean): boolean {
	const code = text.charCodeAt(index);
	if (code >= 0xDC_00 && code < 0xE0_00) {
		const high = text.charCodeAt(index - 1);
		return index > start && high >= 0xD8_00 && high < 0xDC_00;
	}

	if (!marks || index === start) {
		return false;
	}

	if ((bmp[code]! & markFlag) !== 0 || code === zwj || text.charCodeAt(index - 1) === zwj) {
		return true;
	}

	if (code >= 0xD8_00 && code < 0xDC_00) {
		const astral = text.codePointAt(index)!;
		if ((astral >= 0x1_F3_FB && astral <= 0x1_F3_FF) || (astral >= 0xE_00_20 && astral <= 0xE_00_7F)) {
			return true; // Emoji modifier or tag.
		}

		if (astralMark.test(text.slice(index, index + 2))) {
			return true;
		}

		return pairOpen && isRegionalIndicator(text, index);
	}

	return false;
}

/**
 * Visual order (left to right) of the logical slice [start, end) of a paragraph: L1 on a copy
 * of the levels, L2, and with `marksAfterBase` (default true) L3. Every index of the slice
 * appears once, format characters included (the caller decides what to print).
 */
export function lineVisualOrder(
	text: string,
	levels: Uint8Array,
	start: number,
	end: number,
	options: {marksAfterBase?: boolean; rtl?: boolean} = {},
): Int32Array {
	start = Math.max(0, start);
	end = Math.min(end, text.length, levels.length);
	const count = Math.max(0, end - start);
	const paragraphLevel = paragraphLevelOf(levels, options.rtl);
	const line = lineLevels(text, levels, start, end, paragraphLevel);
	return visualOrder(text, line, start, count, paragraphLevel, options.marksAfterBase ?? true);
}

function visualOrder(text: string, line: Uint8Array, start: number, count: number, paragraphLevel: number, marks: boolean): Int32Array {
	// Clusters: units that move as one. `firsts[k]` is the offset of cluster k in the line.
	const firsts = new Int32Array(count + 1);
	let clusters = 0;
	let pairOpen = false;
	for (let offset = 0; offset < count; offset++) {
		const index = start + offset;
		const code = text.charCodeAt(index);
		const flagLetter = code >= 0xD8_00 && code < 0xDC_00 && isRegionalIndicator(text, index);
		if (offset > 0 && continuesCluster(text, index, start, marks, pairOpen)) {
			if (flagLetter) {
				pairOpen = false; // The second letter of a flag closes it.
			}

			continue;
		}

		firsts[clusters++] = offset;
		pairOpen = flagLetter;
	}

	firsts[clusters] = count;

	// L2 on clusters, each at the level of its first unit.
	const order = new Int32Array(clusters);
	let maxLevel = paragraphLevel;
	let minOdd = 0xFF;
	for (let k = 0; k < clusters; k++) {
		order[k] = k;
		const level = line[firsts[k]!]!;
		maxLevel = Math.max(maxLevel, level);
		minOdd = Math.min(minOdd, level | 1);
	}

	for (let level = maxLevel; level >= minOdd; level--) {
		for (let k = 0; k < clusters; k++) {
			if (line[firsts[k]!]! < level) {
				continue;
			}

			let last = k;
			while (last + 1 < clusters && line[firsts[last + 1]!]! >= level) {
				last++;
			}

			for (let low = k, high = last; low < high; low++, high--) {
				const swap = order[low]!;
				order[low] = order[high]!;
				order[high] = swap;
			}

			k = last;
		}
	}

	const result = new Int32Array(count);
	let position = 0;
	for (let k = 0; k < clusters; k++) {
		const cluster = order[k]!;
		for (let offset = firsts[cluster]!; offset < firsts[cluster + 1]!; offset++) {
			result[position++] = start + offset;
		}
	}

	return result;
}

/** Characters at odd levels that have a mirrored glyph take it (L4). */
function mirrored(code: number): number {
	const glyph = bidi.getMirroredCharacter(String.fromCharCode(code));
	return glyph === null ? code : glyph.charCodeAt(0);
}

const chunk = 4096;

/**
 * The visual string of the logical slice [start, end) of a paragraph whose levels came from
 * `paragraphLevels` (end exclusive). Format characters and U+FEFF are left out.
 */
export function reorderLine(
	text: string,
	levels: Uint8Array,
	start: number,
	end: number,
	options: ReorderOptions = {},
): string {
	start = Math.max(0, start);
	end = Math.min(end, text.length, levels.length);
	const count = Math.max(0, end - start);
	const paragraphLevel = paragraphLevelOf(levels, options.rtl);
	const line = lineLevels(text, levels, start, end, paragraphLevel);
	const order = visualOrder(text, line, start, count, paragraphLevel, options.marksAfterBase ?? true);
	const mirror = options.mirror ?? true;
	const codes = new Uint16Array(count);
	let length = 0;
	for (const index of order) {
		let code = text.charCodeAt(index);
		const entry = bmp[code]!;
		if ((entry & hiddenFlag) !== 0) {
			continue;
		}

		if (mirror && (entry & mirrorFlag) !== 0 && (line[index - start]! & 1) === 1) {
			code = mirrored(code);
		}

		codes[length++] = code;
	}

	let result = '';
	for (let from = 0; from < length; from += chunk) {
		result += String.fromCharCode(...codes.subarray(from, Math.min(length, from + chunk)));
	}

	return result;
}
