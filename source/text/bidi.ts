/**
 * Bidi stage of the text engine: paragraph levels (UAX #9 rules P2–I2) and the per-line rules
 * L1–L4, which bidi-js gets wrong or leaves out.
 *
 * - Levels: paragraphs with no explicit embedding, override or isolate, no BN and no separator
 *   (all of ordinary news text) go through `implicitLevels`, a few passes over a typed array,
 *   proven equal to bidi-js by a property test and by the ~140,000 conformance cases that take
 *   it; so do paragraphs whose only explicit formatting is isolates side by side (the meta
 *   line), through `isolatedLevels`; everything else goes to bidi-js 1.1.0, which passes all
 *   of Unicode 15's.
 * - bidi-js classifies UTF-16 units, so both halves of a surrogate pair come out L. Astral
 *   code points are replaced by two BMP stand-ins of their own Bidi_Class before either path
 *   sees the text; the algorithm resolves two equal neighbours exactly as it resolves one.
 * - L1 (trailing whitespace back to the paragraph level) is applied here, per line, without
 *   touching the paragraph's levels: bidi-js skips it for a line that does not start at 0.
 * - L3: a combining mark stays after its base, a surrogate pair (and an emoji sequence, a
 *   flag) stays in order, so a terminal draws the mark on the right letter.
 * - L4: mirrored glyphs (brackets, guillemets) for characters at odd levels.
 * - Bidi format characters and U+FEFF never reach the output.
 * - Speed (the layout's hot path is `resolveParagraph` and `reorderInto`): scratch typed arrays
 *   reused from call to call, the implicit levels in two or three passes, and a line at levels
 *   0–2 with nothing for L3 to do (nearly all) written straight in visual order.
 */
import bidiFactory from 'bidi-js';
import {commonBidiEntries} from './unicode/bidi-entries.js';
import {isCombiningMark} from './unicode/marks.js';
import {astralBidiClass as astralBidiRuns} from './unicode/tables.js';
import {UnitScratch} from './unicode/units.js';

const bidi = bidiFactory();

/** Levels per UTF-16 unit of the paragraph; `rtl` when the paragraph level is odd. */
export type ParagraphLevels = {levels: Uint8Array; rtl: boolean};

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
/*
 * A const enum: esbuild writes each use as its number. Top-level `const`s become `var`s in a
 * bundle, which V8 must load at every use in the hot loops (about twice as slow).
 */
const enum Type {
	L, R, AL, EN, ES, ET, AN, CS, NSM, BN, B, S, WS, ON, LRE, LRO, RLE, RLO, PDF, LRI, RLI, FSI, PDI,
}

const enum Unit {
	zwj = 0x20_0D,
}

const classByName: Record<string, Type> = {
	L: Type.L, R: Type.R, AL: Type.AL, EN: Type.EN, ES: Type.ES, ET: Type.ET, AN: Type.AN, CS: Type.CS,
	NSM: Type.NSM, BN: Type.BN, B: Type.B, S: Type.S, WS: Type.WS, ON: Type.ON, LRE: Type.LRE,
	LRO: Type.LRO, RLE: Type.RLE, RLO: Type.RLO, PDF: Type.PDF, LRI: Type.LRI, RLI: Type.RLI,
	FSI: Type.FSI, PDI: Type.PDI,
};

/** Sets of types, as bits `1 << type`: one test instead of a chain of comparisons. */
const enum Types {
	/** What `implicitLevels` leaves to bidi-js: explicit formatting, BN and separators (B, S). */
	declined = (1 << Type.BN) | (1 << Type.B) | (1 << Type.S) | (1 << Type.LRE) | (1 << Type.LRO) | (1 << Type.RLE)
		| (1 << Type.RLO) | (1 << Type.PDF) | (1 << Type.LRI) | (1 << Type.RLI) | (1 << Type.FSI) | (1 << Type.PDI),
	/** What the first pass of `implicitLevels` must note or change. */
	noted = (1 << Type.EN) | (1 << Type.ES) | (1 << Type.CS) | (1 << Type.ET) | (1 << Type.NSM),
	separators = (1 << Type.ES) | (1 << Type.CS) | (1 << Type.ET),
	strong = (1 << Type.L) | (1 << Type.R) | (1 << Type.AL),
}

/** What the table below holds for a unit: its class and flags (a const enum, as `Type`). */
const enum Entry {
	classMask = 0x1F,
	/** Flag: general category Mn or Me (a combining mark with no width of its own). */
	markFlag = 0x20,
	/** Flag: the character has a mirrored glyph (Bidi_Mirroring_Glyph). */
	mirrorFlag = 0x40,
	/** Flag: a character never printed (bidi format characters, U+FEFF). */
	hiddenFlag = 0x80,
	/** Flag: a paired bracket (Bidi_Paired_Bracket_Type open or close). */
	bracketFlag = 0x1_00,
	/** Flag: a unit that can tie itself to the one before (mark, surrogate, ZWJ). */
	clusterFlag = 0x2_00,
	/** Not looked up yet. */
	unknown = 0xFF_FF,
}

/** Classes that L1 returns to the paragraph level at the end of a line (5.2: with X9-removed), as bits. */
const trailingClasses = [Type.WS, Type.S, Type.B, Type.BN, Type.LRE, Type.LRO, Type.RLE, Type.RLO, Type.PDF, Type.LRI, Type.RLI, Type.FSI, Type.PDI].reduce((bits, type) => bits | (1 << type), 0);

const hiddenCharacters = [0x20_0E, 0x20_0F, 0x06_1C, 0x20_2A, 0x20_2B, 0x20_2C, 0x20_2D, 0x20_2E, 0x20_66, 0x20_67, 0x20_68, 0x20_69, 0xFE_FF];

/**
 * Class and flags of every BMP unit, from bidi-js's own data so that our rules agree with its
 * levels. The blocks news text is made of come ready (unicode/bidi-entries.ts, generated with
 * `describeUnit`: asking bidi-js makes it unpack its tables, ~4 ms before the first paragraph);
 * any other unit is looked up on first sight, a memo of a pure function, invisible outside
 * (building all 65,536 entries up front costs 15–90 ms of start-up).
 */
const bmp = new Uint16Array(0x1_00_00).fill(Entry.unknown);
for (let index = 0; index < commonBidiEntries.length; index += 3) {
	bmp.fill(commonBidiEntries[index + 2]!, commonBidiEntries[index]!, commonBidiEntries[index + 1]! + 1);
}

function entryOf(code: number): number {
	const entry = bmp[code]!;
	return entry === Entry.unknown ? (bmp[code] = describeUnit(code)) : entry;
}

/** A BMP unit's entry: its bidi class (bidi-js's) and flags. Exported for the table's generator. */
export function describeUnit(code: number): number {
	if (code >= 0xD8_00 && code < 0xE0_00) {
		return Type.L | Entry.clusterFlag; // Surrogates: L, like bidi-js.
	}

	const char = String.fromCharCode(code);
	const type = classByName[bidi.getBidiCharTypeName(char)] ?? Type.L;
	let entry = type;
	if (isCombiningMark(code)) {
		entry |= Entry.markFlag | Entry.clusterFlag;
	}

	if (type === Type.ON) {
		if (bidi.getMirroredCharacter(char) !== null) {
			entry |= Entry.mirrorFlag;
		}

		if (bidi.openingToClosingBracket(char) !== null || bidi.closingToOpeningBracket(char) !== null) {
			entry |= Entry.bracketFlag;
		}
	}

	if (hiddenCharacters.includes(code)) {
		entry |= Entry.hiddenFlag;
	}

	return code === Unit.zwj ? entry | Entry.clusterFlag : entry;
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

/** Bidi_Class short name of an astral code point (`R`, `AL`, `NSM`, `ON`...; L when not listed). */
export function astralBidiClass(codePoint: number): string {
	let low = 0;
	let high = astralBidiRuns.length - 1;
	while (low <= high) {
		const middle = (low + high) >>> 1;
		const [first, last, type] = astralBidiRuns[middle]!;
		if (codePoint < first) {
			high = middle - 1;
		} else if (codePoint > last) {
			low = middle + 1;
		} else {
			return type;
		}
	}

	return 'L';
}

/** The text bidi-js should see: each astral pair replaced by stand-ins of its class. */
function withAstralStandIns(text: string): string {
	return text.replace(astralPair, pair => standIns[astralBidiClass(pair.codePointAt(0)!)] ?? pair);
}

/** P2–P3: the level given by the first strong character outside isolates, or -1 if none. */
function firstStrongLevel(text: string): number {
	let depth = 0;
	for (let index = 0; index < text.length; index++) {
		const type = entryOf(text.charCodeAt(index)) & Entry.classMask;
		if (type === Type.LRI || type === Type.RLI || type === Type.FSI) {
			depth++;
		} else if (type === Type.PDI) {
			if (depth > 0) {
				depth--;
			}
		} else if (depth === 0) {
			if (type === Type.L) {
				return 0;
			}

			if (type === Type.R || type === Type.AL) {
				return 1;
			}
		}
	}

	return -1;
}

/** What a character is to a paragraph's direction (direction.ts): its Bidi_Class, L or R/AL. */
export const enum Strong {
	none = 0,
	ltr = 1,
	rtl = 2,
}

/** Strong left to right (L), strong right to left (R, AL), or neither: for any code point. */
export function strengthOf(codePoint: number): Strong {
	if (codePoint > 0xFF_FF) {
		const name = astralBidiClass(codePoint);
		return name === 'L' ? Strong.ltr : (name === 'R' || name === 'AL' ? Strong.rtl : Strong.none);
	}

	const type = entryOf(codePoint) & Entry.classMask;
	return type === Type.L ? Strong.ltr : (type === Type.R || type === Type.AL ? Strong.rtl : Strong.none);
}

/** The paragraph level travels with the levels array it belongs to. */
const paragraphLevelKey = Symbol('paragraphLevel');
type TaggedLevels = Uint8Array & {[paragraphLevelKey]?: number};

function tag(levels: Uint8Array, level: number): Uint8Array {
	Object.defineProperty(levels, paragraphLevelKey, {value: level});
	return levels;
}

/** Scratch arrays above this many units are not kept between calls. */
const keepLimit = 1 << 16;

/**
 * A typed array reused from call to call by this module's synchronous code. Whatever `get`
 * returns is only valid until the next `get`; nothing may keep it.
 */
class Scratch<T extends Uint8Array | Int32Array> {
	private array: T;
	private readonly create: (length: number) => T;

	constructor(create: (length: number) => T) {
		this.create = create;
		this.array = create(1024);
	}

	/** An array of at least `count` entries, contents undefined. */
	get(count: number): T {
		if (count <= this.array.length) {
			return this.array;
		}

		const array = this.create(Math.max(count, this.array.length * 2));
		if (count <= keepLimit) {
			this.array = array;
		}

		return array;
	}
}

/**
 * Bidi classes of the paragraph being resolved, the indices of its brackets and the bracket
 * pairs found, reused from call to call: a typed array per paragraph costs more than the
 * resolution, mostly in the garbage collector. Only valid during one `implicitLevels` call.
 */
const typeScratch = new Scratch(length => new Uint8Array(length));
let bracketScratch = new Int32Array(64);
let pairScratch = new Int32Array(64);
/** BD16's stack of openers: bidi-js stops at 63, as the rule says. */
const openers = new Int32Array(63);

/** The level of a resolved type (L, R, EN, AN) under rules I1–I2. */
function implicitLevel(type: number, paragraphLevel: number): number {
	if (paragraphLevel === 1) {
		return type === Type.R ? 1 : 2;
	}

	return type === Type.L ? 0 : (type === Type.R ? 1 : 2);
}

/**
 * Fast path, the same resolution as bidi-js for the paragraphs news text is made of: no
 * explicit embeddings, overrides or isolates, no BN, no separators (B, S). Then the whole
 * paragraph is one isolating run sequence at the paragraph level with sos = eos = its
 * direction, and rules W1–I2 are two or three passes over a typed array: classes with
 * W1–W3, W4–W6 when there are separators or terminators, then W7, N1–N2 and I1–I2 (with N0
 * and W7 before them when there are brackets). Undefined when the text needs the full
 * algorithm. Its equality with bidi-js is a property test, and every conformance case
 * without those classes goes through it.
 *
 * The levels are written into `into` when it is long enough (the rest of it is left as it
 * was), else into a new array of the text's length.
 */
export function implicitLevels(text: string, paragraphLevel: number, into?: Uint8Array): Uint8Array | undefined {
	const count = text.length;
	const types = typeScratch.get(count);
	const direction = paragraphLevel === 1 ? Type.R : Type.L;
	let brackets = bracketScratch;
	let bracketCount = 0;
	let numbers = false;
	let separators = false;
	// W1 (NSM takes the type before it), W2 (EN after AL is AN), W3 (AL is R), as the classes
	// are read: `before` is the previous type after W1 only, `strong` the last strong type.
	let before = direction;
	let strong = direction;
	for (let index = 0; index < count; index++) {
		const entry = entryOf(text.charCodeAt(index));
		let type = entry & Entry.classMask;
		// One test lets letters, spaces and punctuation through; the rest is sorted out here.
		if (((1 << type) & (Types.declined | Types.noted)) !== 0 || (entry & Entry.bracketFlag) !== 0) {
			if (((1 << type) & Types.declined) !== 0) {
				return undefined;
			}

			if ((entry & Entry.bracketFlag) !== 0) {
				if (bracketCount === brackets.length) {
					const grown = new Int32Array(bracketCount * 2);
					grown.set(brackets);
					brackets = grown;
					if (grown.length <= keepLimit) {
						bracketScratch = grown;
					}
				}

				brackets[bracketCount++] = index;
			}

			if (type === Type.EN) {
				numbers = true;
			} else if (type === Type.NSM) {
				type = before;
			} else if (((1 << type) & Types.separators) !== 0) {
				separators = true;
			}
		}

		before = type;
		if (((1 << type) & Types.strong) !== 0) {
			strong = type;
		} else if (type === Type.EN && strong === Type.AL) {
			type = Type.AN;
		}

		types[index] = type === Type.AL ? Type.R : type;
	}

	// W7 must come before N0: with the separators' pass when there is one.
	if (separators) {
		resolveSeparators(types, count, direction, numbers && bracketCount > 0);
	}

	if (bracketCount > 0) {
		if (numbers && !separators) {
			resolveEuropeanNumbers(types, count, direction);
		}

		resolveBrackets(text, types, count, direction, brackets, bracketCount);
	}

	const levels = into !== undefined && into.length >= count ? into : new Uint8Array(count);
	// W7 (a European number after L, or an L sos, is L) unless done before N0; then N1–N2 (a
	// run of neutrals takes the direction around it when both sides agree, else the
	// paragraph's) and I1–I2. `last` is the last L or R for W7, `previous` the strong direction
	// (numbers count as R) before the pending run of neutrals that starts at `run`.
	const europeanNumbers = numbers && bracketCount === 0;
	let last = direction;
	let previous = direction;
	let run = -1;
	for (let index = 0; index < count; index++) {
		let type = types[index]!;
		if (type === Type.ON || type === Type.WS) {
			if (run < 0) {
				run = index;
			}

			continue;
		}

		if (type === Type.EN) {
			if (europeanNumbers && last === Type.L) {
				type = Type.L;
			}
		} else if (type === Type.L || type === Type.R) {
			last = type;
		}

		const next = type === Type.L ? Type.L : Type.R;
		if (run >= 0) {
			// A loop: `fill` is a call into the runtime, slower than the few spaces it would set.
			const level = implicitLevel(previous === next ? next : direction, paragraphLevel);
			for (; run < index; run++) {
				levels[run] = level;
			}

			run = -1;
		}

		levels[index] = implicitLevel(type, paragraphLevel);
		previous = next;
	}

	for (; run >= 0 && run < count; run++) {
		levels[run] = paragraphLevel;
	}

	// L1 for the paragraph's trailing whitespace.
	for (let index = count - 1; index >= 0 && (entryOf(text.charCodeAt(index)) & Entry.classMask) === Type.WS; index--) {
		levels[index] = paragraphLevel;
	}

	return levels;
}

/**
 * W4–W6 on `types[0..count)`, after W1–W3, and W7 too when `europeanNumbers`, in one pass.
 * Each rule must see the types as the rules before it left them, and no later rule: W4 looks
 * at the type before as W4 left it (`beforeW4`), and at the one after, which no rule has
 * touched yet and W4 could not change (a number); W5 at the type before as W4 left it and at
 * the one after the run of terminators, which W4 could not change either (a separator after a
 * terminator never joins two numbers); W7 at the last L or R (`last`).
 */
function resolveSeparators(types: Uint8Array, count: number, direction: number, europeanNumbers: boolean): void {
	let beforeW4 = -1;
	let last = direction;
	for (let index = 0; index < count; index++) {
		let type = types[index]!;
		if (type === Type.ET) {
			// W5: terminators next to a European number are European numbers; W6: else neutral.
			let end = index;
			while (end < count && types[end] === Type.ET) {
				end++;
			}

			const value = beforeW4 === Type.EN || (end < count && types[end] === Type.EN) ? Type.EN : Type.ON;
			const shown = value === Type.EN && europeanNumbers && last === Type.L ? Type.L : value;
			for (; index < end; index++) {
				types[index] = shown;
			}

			index = end - 1;
			beforeW4 = Type.ET;
			continue;
		}

		if (type === Type.ES || type === Type.CS) {
			// W4: one separator between two numbers of the same kind joins them; W6: else neutral.
			const after = index + 1 < count ? types[index + 1]! : -1;
			type = beforeW4 === after && (after === Type.EN || (type === Type.CS && after === Type.AN)) ? after : Type.ON;
			beforeW4 = type === Type.ON ? Type.CS : type;
		} else {
			beforeW4 = type;
		}

		if (europeanNumbers) {
			if (type === Type.L || type === Type.R) {
				last = type;
			} else if (type === Type.EN && last === Type.L) {
				type = Type.L;
			}
		}

		types[index] = type;
	}
}

/** W7 on `types[0..count)`: a European number after L (or an L sos) is L. */
function resolveEuropeanNumbers(types: Uint8Array, count: number, direction: number): void {
	let last = direction;
	for (let index = 0; index < count; index++) {
		const type = types[index]!;
		if (type === Type.L || type === Type.R) {
			last = type;
		} else if (type === Type.EN && last === Type.L) {
			types[index] = Type.L;
		}
	}
}

/** Strong direction of a resolved type for N0–N2 (numbers count as R), or -1 for a neutral. */
function strongOf(type: number): number {
	if (type === Type.L) {
		return Type.L;
	}

	return type === Type.R || type === Type.EN || type === Type.AN ? Type.R : -1;
}

/**
 * What BD16 needs to know of a bracket, from bidi-js's tables, as code units (-1 for none):
 * whether it opens, and the three openers a closing bracket can pair with (its own opposite,
 * the opposite of its canonical equivalent, and any opener whose canonical equivalent closes
 * with it, found through `closerOfCanonical` of that opener).
 */
type BracketInfo = {opens: boolean; opposite: number; canonicalOpposite: number; closerOfCanonical: number};

const bracketInfos = new Map<number, BracketInfo>();

function codeOf(char: string | null): number {
	return char === null ? -1 : char.charCodeAt(0);
}

function bracketInfo(code: number): BracketInfo {
	let info = bracketInfos.get(code);
	if (info === undefined) {
		const char = String.fromCharCode(code);
		const canonical = bidi.getCanonicalBracket(char) ?? '';
		info = {
			opens: bidi.openingToClosingBracket(char) !== null,
			opposite: codeOf(bidi.closingToOpeningBracket(char)),
			canonicalOpposite: codeOf(bidi.closingToOpeningBracket(canonical)),
			closerOfCanonical: codeOf(bidi.openingToClosingBracket(canonical)),
		};
		bracketInfos.set(code, info);
	}

	return info;
}

/** N0: paired brackets (at `brackets`), as bidi-js does it (BD16 with a 63-deep stack). */
function resolveBrackets(text: string, types: Uint8Array, count: number, direction: number, brackets: Int32Array, bracketCount: number): void {
	if (pairScratch.length < bracketCount * 2) {
		pairScratch = new Int32Array(bracketCount * 2);
	}

	// Pairs as (opener, closer), kept sorted by opener.
	const pairs = pairScratch;
	let pairCount = 0;
	let depth = 0;
	for (let bracket = 0; bracket < bracketCount; bracket++) {
		const index = brackets[bracket]!;
		if (types[index] !== Type.ON && types[index] !== Type.WS) {
			continue;
		}

		const code = text.charCodeAt(index);
		const info = bracketInfo(code);
		if (info.opens) {
			if (depth === openers.length) {
				break;
			}

			openers[depth++] = index;
			continue;
		}

		for (let level = depth - 1; level >= 0; level--) {
			const open = text.charCodeAt(openers[level]!);
			if (open === info.opposite || open === info.canonicalOpposite || bracketInfo(open).closerOfCanonical === code) {
				let slot = pairCount++;
				while (slot > 0 && pairs[(slot - 1) * 2]! > openers[level]!) {
					pairs[slot * 2] = pairs[(slot - 1) * 2]!;
					pairs[slot * 2 + 1] = pairs[(slot - 1) * 2 + 1]!;
					slot--;
				}

				pairs[slot * 2] = openers[level]!;
				pairs[slot * 2 + 1] = index;
				depth = level;
				break;
			}
		}
	}

	for (let pair = 0; pair < pairCount; pair++) {
		const open = pairs[pair * 2]!;
		const close = pairs[pair * 2 + 1]!;
		let found = false;
		let chosen = -1;
		for (let index = open + 1; index < close; index++) {
			const strong = strongOf(types[index]!);
			if (strong === direction) {
				chosen = direction;
				break;
			}

			found ||= strong !== -1;
		}

		if (chosen === -1 && found) {
			chosen = direction;
			for (let index = open - 1; index >= 0; index--) {
				const strong = strongOf(types[index]!);
				if (strong !== -1) {
					chosen = strong;
					break;
				}
			}
		}

		if (chosen === -1) {
			continue;
		}

		types[open] = chosen;
		types[close] = chosen;
		if (chosen !== direction) {
			// A mark right after a bracket that changed follows it (bidi-js: the first one only).
			if (open + 1 < count && (entryOf(text.charCodeAt(open + 1)) & Entry.classMask) === Type.NSM) {
				types[open + 1] = chosen;
			}

			if (close + 1 < count && (entryOf(text.charCodeAt(close + 1)) & Entry.classMask) === Type.NSM) {
				types[close + 1] = chosen;
			}
		}
	}
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
	const scratch = new LevelScratch(0);
	const levels = resolveParagraph(text, fallback, scratch, direction);
	return {levels: tag(levels, scratch.level), rtl: scratch.level === 1};
}

/**
 * A paragraph's levels in a buffer reused from paragraph to paragraph (the layout's hot path),
 * with what `resolveParagraph` found out about the paragraph.
 */
export class LevelScratch {
	levels: Uint8Array;
	/** The paragraph level: 0 or 1. */
	level = 0;
	/** Whether the text has any surrogate (paired or not). */
	surrogates = false;

	constructor(capacity = 1024) {
		this.levels = new Uint8Array(capacity);
	}
}

/**
 * `paragraphLevels` for the hot path: the levels go into `scratch.levels` when they fit (the
 * array returned may then be longer than the text; only its first `text.length` entries are
 * the paragraph's), and carry no paragraph level: pass `rtl` to `reorderLine`.
 */
export function resolveParagraph(
	text: string,
	fallback: 'rtl' | 'ltr',
	scratch: LevelScratch,
	direction: 'auto' | 'rtl' | 'ltr' = 'auto',
): Uint8Array {
	const surrogates = anySurrogate.test(text);
	const seen = surrogates ? withAstralStandIns(text) : text;
	let level = direction === 'rtl' ? 1 : (direction === 'ltr' ? 0 : firstStrongLevel(seen));
	if (level < 0) {
		level = fallback === 'rtl' ? 1 : 0;
	}

	scratch.level = level;
	scratch.surrogates = surrogates;
	return implicitLevels(seen, level, scratch.levels)
		?? isolatedLevels(seen, level, scratch.levels)
		?? bidi.getEmbeddingLevels(seen, level === 1 ? 'rtl' : 'ltr').levels;
}

const enum Isolate {
	LRI = 0x20_66,
	RLI = 0x20_67,
	FSI = 0x20_68,
	PDI = 0x20_69,
}

/**
 * The fast path for paragraphs whose only explicit formatting is isolates side by side (LRI,
 * RLI or FSI, each closed by its PDI, none inside another): how the meta line keeps a date
 * and a name apart. Each isolate's text is a paragraph of its own one or two levels up
 * (X5a–X5c), and in the text around it the isolate is one neutral: its initiator and PDI, next
 * to each other once the isolate's text is taken out (BD13, X6a). Both are implicit
 * paragraphs, so `implicitLevels` resolves them; undefined when either needs more. The
 * conformance cases with such isolates go through here.
 */
export function isolatedLevels(text: string, paragraphLevel: number, into?: Uint8Array): Uint8Array | undefined {
	const isolates: number[] = [];
	let open = -1;
	for (let index = 0; index < text.length; index++) {
		const unit = text.charCodeAt(index);
		if (unit === Isolate.LRI || unit === Isolate.RLI || unit === Isolate.FSI) {
			if (open >= 0) {
				return undefined;
			}

			open = index;
		} else if (unit === Isolate.PDI) {
			if (open < 0) {
				return undefined;
			}

			isolates.push(open, index);
			open = -1;
		}
	}

	if (open >= 0 || isolates.length === 0) {
		return undefined;
	}

	// The text around the isolates, each initiator and PDI standing as a neutral ('!': ON, no bracket).
	let around = '';
	let from = 0;
	for (let index = 0; index < isolates.length; index += 2) {
		around += `${text.slice(from, isolates[index])}!!`;
		from = isolates[index + 1]! + 1;
	}

	around += text.slice(from);
	const outer = implicitLevels(around, paragraphLevel);
	if (!outer) {
		return undefined;
	}

	const levels = into !== undefined && into.length >= text.length ? into : new Uint8Array(text.length);
	let read = 0;
	from = 0;
	for (let index = 0; index < isolates.length; index += 2) {
		const start = isolates[index]!;
		const end = isolates[index + 1]!;
		while (from <= start) {
			levels[from++] = outer[read++]!;
		}

		const inside = text.slice(start + 1, end);
		const kind = text.charCodeAt(start);
		const rtl = kind === Isolate.RLI || (kind === Isolate.FSI && firstStrongLevel(inside) === 1);
		// X5a–X5c: the least odd (RTL) or even (LTR) level above the paragraph's.
		const level = rtl ? (paragraphLevel === 1 ? 3 : 1) : 2;
		if (inside.length > 0) {
			const inner = implicitLevels(inside, level & 1);
			if (!inner) {
				return undefined;
			}

			for (let offset = 0; offset < inside.length; offset++) {
				levels[start + 1 + offset] = inner[offset]! + (level & ~1);
			}
		}

		levels[end] = outer[read++]!;
		from = end + 1;
	}

	while (from < text.length) {
		levels[from++] = outer[read++]!;
	}

	// L1 for the paragraph's end: whitespace and isolate controls, inside an isolate or not.
	for (let index = text.length - 1; index >= 0 && ((trailingClasses >> (entryOf(text.charCodeAt(index)) & Entry.classMask)) & 1) === 1; index--) {
		levels[index] = paragraphLevel;
	}

	return levels;
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

/** L1 for one line: where its trailing whitespace (which goes to the paragraph level) starts. */
function trailingStart(text: string, start: number, end: number): number {
	let index = end;
	while (index > start && ((trailingClasses >> (entryOf(text.charCodeAt(index - 1)) & Entry.classMask)) & 1) === 1) {
		index--;
	}

	return index;
}

function isRegionalIndicator(text: string, index: number): boolean {
	const code = text.codePointAt(index)!;
	return code >= 0x1_F1_E6 && code <= 0x1_F1_FF;
}

/**
 * True when the unit at `index` (not the first of the line) belongs with the one before it and
 * must never be separated or reordered from it: the low half of a surrogate pair and, when
 * `marks`, a combining mark, a zero width joiner or what it joins, an emoji modifier, a tag
 * character, the second letter of a flag.
 */
function continuesCluster(text: string, index: number, marks: boolean, flagOpen: boolean): boolean {
	const code = text.charCodeAt(index);
	if (code >= 0xDC_00 && code < 0xE0_00) {
		const high = text.charCodeAt(index - 1);
		return high >= 0xD8_00 && high < 0xDC_00;
	}

	if (!marks) {
		return false;
	}

	if ((entryOf(code) & Entry.markFlag) !== 0 || code === Unit.zwj || text.charCodeAt(index - 1) === Unit.zwj) {
		return true;
	}

	if (code >= 0xD8_00 && code < 0xDC_00) {
		const astral = text.codePointAt(index)!;
		if ((astral >= 0x1_F3_FB && astral <= 0x1_F3_FF) || (astral >= 0xE_00_20 && astral <= 0xE_00_7F)) {
			return true; // Emoji modifier or tag.
		}

		return isCombiningMark(astral) || (flagOpen && isRegionalIndicator(text, index));
	}

	return false;
}

/** What reordering needs to know about one line. */
type Line = {
	text: string;
	levels: Uint8Array;
	start: number;
	end: number;
	/** First index of the trailing whitespace that L1 puts at the paragraph level. */
	trail: number;
	paragraphLevel: number;
};

function line(text: string, levels: Uint8Array, start: number, end: number, rtl: boolean | undefined): Line {
	start = Math.max(0, start);
	end = Math.max(start, Math.min(end, text.length, levels.length));
	return {text, levels, start, end, trail: trailingStart(text, start, end), paragraphLevel: paragraphLevelOf(levels, rtl)};
}

/**
 * L2 on `payload` (one entry per position of the line): from the highest level down to the
 * lowest odd level, reverse every run of positions at that level or above. Position k is at
 * level `levels[offset + k]`, or `paragraphLevel` from `trail` on (L1). Runs are the same
 * whatever was reversed before, since a reversal maps a run onto itself.
 */
function reverseRuns(
	payload: Uint16Array | Int32Array,
	levels: Uint8Array,
	offset: number,
	count: number,
	trail: number,
	paragraphLevel: number,
	maxLevel: number,
	minOdd: number,
): void {
	for (let level = maxLevel; level >= minOdd; level--) {
		for (let k = 0; k < count; k++) {
			if ((k >= trail ? paragraphLevel : levels[offset + k]!) < level) {
				continue;
			}

			let last = k;
			while (last + 1 < count && (last + 1 >= trail ? paragraphLevel : levels[offset + last + 1]!) >= level) {
				last++;
			}

			for (let low = k, high = last; low < high; low++, high--) {
				const swap = payload[low]!;
				payload[low] = payload[high]!;
				payload[high] = swap;
			}

			k = last;
		}
	}
}

/**
 * Visual order of the line's indices: L1, L2 and, with `marks`, L3. A cluster (base + marks,
 * surrogate pair...) takes the level of its first unit, moves as one, and is put back in
 * logical order wherever L2 reversed it.
 */
function orderOf(spec: Line, marks: boolean): Int32Array {
	const {text, levels, start, end, trail, paragraphLevel} = spec;
	const count = end - start;
	const continues = new Uint8Array(count);
	const clusterLevels = new Uint8Array(count);
	const order = new Int32Array(count);
	let maxLevel = paragraphLevel;
	let minOdd = 0xFF;
	let flagOpen = false;
	for (let k = 0; k < count; k++) {
		const index = start + k;
		order[k] = index;
		const code = text.charCodeAt(index);
		const flagLetter = code >= 0xD8_00 && code < 0xDC_00 && isRegionalIndicator(text, index);
		if (k > 0 && ((entryOf(code) & Entry.clusterFlag) !== 0 || text.charCodeAt(index - 1) === Unit.zwj)
			&& continuesCluster(text, index, marks, flagOpen)) {
			continues[k] = 1;
			clusterLevels[k] = clusterLevels[k - 1]!;
			flagOpen &&= !flagLetter; // The second letter of a flag closes it.
			continue;
		}

		flagOpen = flagLetter;
		const level = index >= trail ? paragraphLevel : levels[index]!;
		clusterLevels[k] = level;
		maxLevel = Math.max(maxLevel, level);
		minOdd = Math.min(minOdd, level | 1);
	}

	reverseRuns(order, clusterLevels, 0, count, count, paragraphLevel, maxLevel, minOdd);

	// A cluster reversed an odd number of times shows as last unit … first unit: flip it back.
	for (let position = 0; position < count; position++) {
		const k = order[position]! - start;
		const level = clusterLevels[k]!;
		if (continues[k] === 0 || level < minOdd || ((level - minOdd) & 1) === 1) {
			continue;
		}

		let base = position;
		while (continues[order[base]! - start] === 1) {
			base++;
		}

		order.subarray(position, base + 1).reverse();
		position = base;
	}

	return order;
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
	return orderOf(line(text, levels, start, end, options.rtl), options.marksAfterBase ?? true);
}

/** Mirrored glyphs already looked up: a memo of bidi-js's table. */
const mirrors = new Map<number, number>();

/** Characters at odd levels that have a mirrored glyph take it (L4). */
function mirrored(code: number): number {
	let glyph = mirrors.get(code);
	if (glyph === undefined) {
		const char = bidi.getMirroredCharacter(String.fromCharCode(code));
		glyph = char === null ? code : char.charCodeAt(0);
		mirrors.set(code, glyph);
	}

	return glyph;
}

/** A unit being reordered: its (mirrored) code, a continuation bit, the level of its cluster. */
const enum Packed {
	continuesBit = 0x1_00_00,
	levelShift = 17,
}

/** Packed units of the line being reordered, reused from line to line. */
const unitScratch = new Scratch(length => new Int32Array(length));

/**
 * L2 on packed units, reading each position's level from the unit now there: a reversal only
 * moves units within a run of units at or above the level being reversed, so the positions at
 * or above any lower level stay the same.
 */
function reverseUnits(units: Int32Array, count: number, maxLevel: number, minOdd: number): void {
	for (let level = maxLevel; level >= minOdd; level--) {
		for (let k = 0; k < count; k++) {
			if (units[k]! >>> Packed.levelShift < level) {
				continue;
			}

			let last = k;
			while (last + 1 < count && units[last + 1]! >>> Packed.levelShift >= level) {
				last++;
			}

			for (let low = k, high = last; low < high; low++, high--) {
				const swap = units[low]!;
				units[low] = units[high]!;
				units[high] = swap;
			}

			k = last;
		}
	}
}

/**
 * The visual order of the logical slice [start, end) of a paragraph, as UTF-16 units written
 * into `out` from `at` on (it needs room for `end - start` of them), format characters and
 * U+FEFF left out. Returns the index after the last unit written. `paragraphLevel` is 0 or 1.
 */
export function reorderInto(
	text: string,
	levels: Uint8Array,
	start: number,
	end: number,
	paragraphLevel: number,
	mirror: boolean,
	marks: boolean,
	out: Uint16Array,
	at: number,
): number {
	start = Math.max(0, start);
	end = Math.max(start, Math.min(end, text.length, levels.length));
	const trail = trailingStart(text, start, end);
	const plain = reorderPlain(text, levels, start, end, trail, paragraphLevel, mirror, out, at);
	if (plain >= 0) {
		return plain;
	}

	const count = end - start;
	const units = unitScratch.get(count);
	let maxLevel = paragraphLevel;
	let minOdd = 0xFF;
	let hidden = false;
	let clusters = false;
	let flagOpen = false;
	let clusterLevel = paragraphLevel;
	let previous = -1;
	for (let k = 0; k < count; k++) {
		const index = start + k;
		let code = text.charCodeAt(index);
		const entry = entryOf(code);
		const level = index >= trail ? paragraphLevel : levels[index]!;
		if ((entry & (Entry.hiddenFlag | Entry.mirrorFlag | Entry.clusterFlag)) === 0 && previous !== Unit.zwj) {
			// Most units: printed as they are, each the start of its own cluster.
			previous = code;
			flagOpen = false;
			clusterLevel = level;
			if (level > maxLevel) {
				maxLevel = level;
			}

			if ((level | 1) < minOdd) {
				minOdd = level | 1;
			}

			units[k] = code | (level << Packed.levelShift);
			continue;
		}

		previous = code;
		if ((entry & Entry.hiddenFlag) !== 0) {
			hidden = true;
		}

		if (mirror && (entry & Entry.mirrorFlag) !== 0 && (level & 1) === 1) {
			code = mirrored(code);
		}

		if (k > 0 && ((entry & Entry.clusterFlag) !== 0 || text.charCodeAt(index - 1) === Unit.zwj)
			&& continuesCluster(text, index, marks, flagOpen)) {
			clusters = true;
			if (flagOpen && code >= 0xD8_00 && code < 0xDC_00 && isRegionalIndicator(text, index)) {
				flagOpen = false; // The second letter of a flag closes it.
			}

			units[k] = code | Packed.continuesBit | (clusterLevel << Packed.levelShift);
			continue;
		}

		flagOpen = code >= 0xD8_00 && code < 0xDC_00 && isRegionalIndicator(text, index);
		clusterLevel = level;
		if (level > maxLevel) {
			maxLevel = level;
		}

		if ((level | 1) < minOdd) {
			minOdd = level | 1;
		}

		units[k] = code | (level << Packed.levelShift);
	}

	reverseUnits(units, count, maxLevel, minOdd);
	if (clusters) {
		// L3: a cluster reversed an odd number of times shows as last unit … first: flip it back.
		for (let position = 0; position < count; position++) {
			const unit = units[position]!;
			const level = unit >>> Packed.levelShift;
			if ((unit & Packed.continuesBit) === 0 || level < minOdd || ((level - minOdd) & 1) === 1) {
				continue;
			}

			let base = position;
			while ((units[base]! & Packed.continuesBit) !== 0) {
				base++;
			}

			for (let low = position, high = base; low < high; low++, high--) {
				const swap = units[low]!;
				units[low] = units[high]!;
				units[high] = swap;
			}

			position = base;
		}
	}

	let length = at;
	if (hidden) {
		for (let position = 0; position < count; position++) {
			const code = units[position]! & 0xFF_FF;
			if ((entryOf(code) & Entry.hiddenFlag) === 0) {
				out[length++] = code;
			}
		}
	} else {
		for (let position = 0; position < count; position++) {
			out[length++] = units[position]! & 0xFF_FF;
		}
	}

	return length;
}

/**
 * `reorderInto` for the lines most text is made of: levels 0 to 2 only (what the fast path of
 * `implicitLevels` gives) and no unit that ties itself to another (a mark, a surrogate, ZWJ),
 * so that L3 has nothing to do. Then L2 needs no reversal passes: a run at level 1 or 2 is
 * written from its end, a run at level 2 inside it from its start. Returns the index after
 * the last unit written, or -1 (with `out` partly written) for a line it does not handle.
 */
function reorderPlain(
	text: string,
	levels: Uint8Array,
	start: number,
	end: number,
	trail: number,
	paragraphLevel: number,
	mirror: boolean,
	out: Uint16Array,
	at: number,
): number {
	if (paragraphLevel === 1) {
		return writeOddRun(text, levels, start, end, trail, 1, mirror, out, at);
	}

	let length = at;
	let index = start;
	while (index < end && length >= 0) {
		if (index >= trail || levels[index] === 0) {
			length = writeUnit(text, index, false, mirror, out, length);
			index++;
			continue;
		}

		let runEnd = index + 1;
		while (runEnd < trail && runEnd < end && levels[runEnd] !== 0) {
			runEnd++;
		}

		length = writeOddRun(text, levels, index, runEnd, trail, 0, mirror, out, length);
		index = runEnd;
	}

	return length;
}

/**
 * Writes the units [from, to), all at level 1 or 2, in visual order: the run reversed, the
 * runs at level 2 inside it kept in logical order. -1 when a level is not 1 or 2, or a unit
 * is not plain (see `reorderPlain`).
 */
function writeOddRun(
	text: string,
	levels: Uint8Array,
	from: number,
	to: number,
	trail: number,
	paragraphLevel: number,
	mirror: boolean,
	out: Uint16Array,
	length: number,
): number {
	let index = to - 1;
	while (index >= from && length >= 0) {
		const level = index >= trail ? paragraphLevel : levels[index]!;
		if (level === 1) {
			length = writeUnit(text, index, true, mirror, out, length);
			index--;
			continue;
		}

		if (level !== 2) {
			return -1;
		}

		let runStart = index;
		while (runStart > from && runStart - 1 < trail && levels[runStart - 1] === 2) {
			runStart--;
		}

		for (let unit = runStart; unit <= index && length >= 0; unit++) {
			length = writeUnit(text, unit, false, mirror, out, length);
		}

		index = runStart - 1;
	}

	return length;
}

/** One unit of a plain line: dropped when hidden, mirrored at an odd level. -1 if not plain. */
function writeUnit(text: string, index: number, odd: boolean, mirror: boolean, out: Uint16Array, length: number): number {
	const code = text.charCodeAt(index);
	const entry = entryOf(code);
	if ((entry & (Entry.hiddenFlag | Entry.mirrorFlag | Entry.clusterFlag)) === 0) {
		out[length] = code;
		return length + 1;
	}

	if ((entry & Entry.clusterFlag) !== 0) {
		return -1;
	}

	if ((entry & Entry.hiddenFlag) !== 0) {
		return length;
	}

	out[length] = odd && mirror ? mirrored(code) : code;
	return length + 1;
}

const lineScratch = new UnitScratch();

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
	const out = lineScratch.get(Math.max(0, Math.min(end, text.length) - Math.max(0, start)));
	const length = reorderInto(
		text,
		levels,
		start,
		end,
		paragraphLevelOf(levels, options.rtl),
		options.mirror ?? true,
		options.marksAfterBase ?? true,
		out,
		0,
	);
	let surrogates = false;
	for (let index = 0; index < length && !surrogates; index++) {
		surrogates = (out[index]! & 0xF8_00) === 0xD8_00;
	}

	return lineScratch.string(out, 0, length, surrogates);
}
