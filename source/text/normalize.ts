/**
 * Normalization before shaping and bidi, in one pass:
 *
 * (a) Presentation forms already in the input (U+FB50..U+FDFF, U+FE70..U+FEFF, e.g. ﻻ sent by
 *     X11's Arabic keyboard) fold back to their letters (NFKC), so that shaping sees letters.
 *     Spacing harakat (U+FE70...) fold to U+25CC DOTTED CIRCLE + the mark (see generate.ts).
 *     A letter directly followed by a combining madda or hamza (U+0653..U+0655) is composed into
 *     its precomposed letter (ا + ٔ → أ, as NFC does), so decomposed input shapes like composed
 *     input (لأ gets its ligature) and hiding tashkeel cannot strip the hamza from a hamza letter.
 * (b) Digits, before bidi because digit style changes bidi classes: `arabic` turns Western 0-9 and
 *     Persian ۰-۹ into Arabic-Indic ٠-٩; `western` turns Arabic-Indic and Persian into 0-9.
 * (c) `tashkeel: 'hide'` removes harakat and Quranic annotation marks: U+064B..U+065F (which
 *     includes the combining madda and hamzas U+0653..U+0655 when they did not compose with the
 *     letter before them), U+0670 superscript alef, the marks of U+06D6..U+06ED, the small
 *     fatha/damma/kasra U+0618..U+061A and the open tanwin U+08F0..U+08F2. Hamza letters stay.
 * (d) A combining mark with no base (at the start of the text, or after a space, separator,
 *     control or format character other than ZWJ/ZWNJ) gets U+25CC DOTTED CIRCLE before it, so the
 *     terminal does not stack it on a space or draw it in a cell of its own.
 *
 * Text that needs none of this comes back as the same string, after one scan with a table look-up
 * per UTF-16 unit.
 */
import {arabicCompositions, combiningMarkRanges, presentationFolds, spaceControlFormatRanges} from './unicode/tables.js';
import {isCombiningMark} from './unicode/marks.js';
import {bmpTable} from './unicode/ranges.js';
import {unitsToString} from './unicode/units.js';

export type NormalizeOptions = {
	digits: 'asis' | 'arabic' | 'western' | 'persian';
	tashkeel: 'show' | 'hide';
};

// Const enums: esbuild writes each use as its number (a bundle's top-level consts are vars,
// which V8 loads at every use in the loop of `normalize`).
const enum Flag {
	fold = 1,
	mark = 2,
	tashkeel = 4,
	westernDigit = 8,
	arabicDigit = 16,
	persianDigit = 32,
	highSurrogate = 64,
	/** A combining mark after this has no base. */
	noBase = 128,
	lowSurrogate = 256,
	surrogate = highSurrogate | lowSurrogate,
}

const enum Unit {
	dottedCircle = 0x25CC,
	zwnj = 0x200C,
	zwj = 0x200D,
}

// Nine flags: the table is built as bytes, then widened.
const flags = Uint16Array.from(bmpTable(combiningMarkRanges, 2, () => Flag.mark));
const setFlag = (first: number, last: number, flag: number): void => {
	for (let unit = first; unit <= last; unit++) {
		flags[unit]! |= flag;
	}
};

for (let row = 0; row < spaceControlFormatRanges.length && spaceControlFormatRanges[row]! <= 0xFFFF; row += 2) {
	setFlag(spaceControlFormatRanges[row]!, Math.min(spaceControlFormatRanges[row + 1]!, 0xFFFF), Flag.noBase);
}

// ZWJ and ZWNJ sit inside a cluster (shaping drops them next to Arabic letters).
flags[Unit.zwj]! &= ~Flag.noBase;
flags[Unit.zwnj]! &= ~Flag.noBase;
setFlag(0x0030, 0x0039, Flag.westernDigit);
setFlag(0x0660, 0x0669, Flag.arabicDigit);
setFlag(0x06F0, 0x06F9, Flag.persianDigit);
setFlag(0xD800, 0xDBFF, Flag.highSurrogate);
setFlag(0xDC00, 0xDFFF, Flag.lowSurrogate);
for (const [first, last] of [[0x064B, 0x065F], [0x0670, 0x0670], [0x06D6, 0x06ED], [0x0618, 0x061A], [0x08F0, 0x08F2]] as const) {
	for (let unit = first; unit <= last; unit++) {
		// Only the marks: U+06DD (a format character), U+06DE, U+06E5, U+06E6 and U+06E9 stay.
		if (flags[unit]! & Flag.mark) {
			flags[unit]! |= Flag.tashkeel;
		}
	}
}

const firstFold = 0xFB50;
const foldsShown: Array<string | undefined> = [];
const foldsHidden: Array<string | undefined> = [];
for (const [codePoint, letters] of presentationFolds) {
	flags[codePoint]! |= Flag.fold;
	foldsShown[codePoint - firstFold] = letters;
	let hidden = '';
	for (let index = 0; index < letters.length; index++) {
		if ((flags[letters.charCodeAt(index)]! & Flag.tashkeel) === 0) {
			hidden += letters[index];
		}
	}

	// A spacing haraka (◌ + mark) disappears entirely, as the mark would.
	foldsHidden[codePoint - firstFold] = hidden === '\u25CC' ? '' : hidden;
}

/** `compositions[(mark - 0x0653) * 0x100 + (letter - 0x0600)]`: the precomposed letter, or 0. */
const compositions = new Uint16Array(3 * 0x100);
for (let row = 0; row < arabicCompositions.length; row += 3) {
	compositions[(arabicCompositions[row + 1]! - 0x0653) * 0x100 + (arabicCompositions[row]! - 0x0600)] = arabicCompositions[row + 2]!;
}

function composition(letter: number, combining: number): number {
	return letter >= 0x0600 && letter <= 0x06FF && combining >= 0x0653 && combining <= 0x0655
		? compositions[(combining - 0x0653) * 0x100 + (letter - 0x0600)]!
		: 0;
}

/** A growing buffer of UTF-16 units: the output once the text needs any change. */
class Output {
	units: Uint16Array;
	length = 0;

	constructor(capacity: number) {
		this.units = new Uint16Array(capacity);
	}

	/** The last unit written, -1 when there is none (the start of the text). */
	last(): number {
		return this.length === 0 ? -1 : this.units[this.length - 1]!;
	}

	reserve(extra: number): void {
		if (this.length + extra > this.units.length) {
			const grown = new Uint16Array(Math.max(this.units.length * 2, this.length + extra));
			grown.set(this.units.subarray(0, this.length));
			this.units = grown;
		}
	}

	copy(text: string, from: number, to: number): void {
		this.reserve(to - from);
		const units = this.units;
		let length = this.length;
		for (let index = from; index < to; index++) {
			units[length++] = text.charCodeAt(index);
		}

		this.length = length;
	}

	push(unit: number): void {
		this.reserve(1);
		this.units[this.length++] = unit;
	}

	pushString(text: string): void {
		this.copy(text, 0, text.length);
	}

	toString(loneSurrogates: boolean): string {
		return unitsToString(this.units, this.length, loneSurrogates);
	}
}

export function normalize(text: string, options: NormalizeOptions): string {
	const hide = options.tashkeel === 'hide';
	const digitFlags = options.digits === 'arabic'
		? Flag.westernDigit | Flag.persianDigit
		: options.digits === 'western' ? Flag.arabicDigit | Flag.persianDigit
			: options.digits === 'persian' ? Flag.westernDigit | Flag.arabicDigit : 0;
	const active = Flag.fold | Flag.mark | Flag.surrogate | digitFlags;
	const length = text.length;

	// Most text needs nothing: one table look-up per unit until the first candidate.
	let index = 0;
	while (index < length && (flags[text.charCodeAt(index)]! & active) === 0) {
		index++;
	}

	if (index === length) {
		return text;
	}

	const digitZero = options.digits === 'arabic' ? 0x0660 : options.digits === 'persian' ? 0x06F0 : 0x0030;
	const folds = hide ? foldsHidden : foldsShown;
	// The output is `out`, then the untouched input from `copyFrom` to `index`, copied lazily:
	// a mark that has its base costs nothing.
	let out: Output | undefined;
	const capacity = length + (length >> 3) + 16;
	let copyFrom = 0;
	let loneSurrogates = false;
	for (; index < length; index++) {
		const unit = text.charCodeAt(index);
		const flag = flags[unit]!;
		if ((flag & active) === 0) {
			continue;
		}

		/** The last unit of output before this one, -1 at the start of the text. */
		const previous = copyFrom < index ? text.charCodeAt(index - 1) : out ? out.last() : -1;
		if (flag & Flag.fold) {
			out ??= new Output(capacity);
			out.copy(text, copyFrom, index);
			out.pushString(folds[unit - firstFold]!);
			copyFrom = index + 1;
		} else if (flag & digitFlags) {
			const value = unit - (flag & Flag.westernDigit ? 0x0030 : flag & Flag.arabicDigit ? 0x0660 : 0x06F0);
			out ??= new Output(capacity);
			out.copy(text, copyFrom, index);
			out.push(digitZero + value);
			copyFrom = index + 1;
		} else if (flag & Flag.mark) {
			const composed = composition(previous, unit);
			if (composed !== 0) {
				out ??= new Output(capacity);
				if (copyFrom < index) {
					out.copy(text, copyFrom, index - 1);
					out.push(composed);
				} else {
					// The letter is the last unit of the output (a folded form or a replacement).
					out.units[out.length - 1] = composed;
				}

				copyFrom = index + 1;
			} else if (hide && (flag & Flag.tashkeel)) {
				out ??= new Output(capacity);
				out.copy(text, copyFrom, index);
				copyFrom = index + 1;
			} else if (previous === -1 || (flags[previous]! & Flag.noBase)) {
				out ??= new Output(capacity);
				out.copy(text, copyFrom, index);
				out.push(Unit.dottedCircle);
				copyFrom = index;
			}
		} else if (flag & Flag.highSurrogate) {
			const low = index + 1 < length ? text.charCodeAt(index + 1) : 0;
			if (low >= 0xDC00 && low <= 0xDFFF) {
				// An astral character before (a low surrogate in `previous`) counts as a base.
				if (isCombiningMark(((unit - 0xD800) << 10) + (low - 0xDC00) + 0x10000) && (previous === -1 || (flags[previous]! & Flag.noBase))) {
					out ??= new Output(capacity);
					out.copy(text, copyFrom, index);
					out.push(Unit.dottedCircle);
					copyFrom = index;
				}

				index++;
			} else {
				loneSurrogates = true;
			}
		} else {
			// A low surrogate with no high one before it.
			loneSurrogates = true;
		}
	}

	if (!out) {
		return text;
	}

	out.copy(text, copyFrom, length);
	return out.toString(loneSurrogates);
}
