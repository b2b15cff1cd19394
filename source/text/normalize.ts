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

export type NormalizeOptions = {
	digits: 'asis' | 'arabic' | 'western';
	tashkeel: 'show' | 'hide';
};

const fold = 1;
const mark = 2;
const tashkeel = 4;
const westernDigit = 8;
const arabicDigit = 16;
const persianDigit = 32;
const highSurrogate = 64;
/** A combining mark after this has no base. */
const noBase = 128;

const zwnj = 0x200C;
const zwj = 0x200D;

const flags = bmpTable(combiningMarkRanges, 2, () => mark);
const setFlag = (first: number, last: number, flag: number): void => {
	for (let unit = first; unit <= last; unit++) {
		flags[unit]! |= flag;
	}
};

for (let row = 0; row < spaceControlFormatRanges.length && spaceControlFormatRanges[row]! <= 0xFFFF; row += 2) {
	setFlag(spaceControlFormatRanges[row]!, Math.min(spaceControlFormatRanges[row + 1]!, 0xFFFF), noBase);
}

// ZWJ and ZWNJ sit inside a cluster (shaping drops them next to Arabic letters).
flags[zwj]! &= ~noBase;
flags[zwnj]! &= ~noBase;
setFlag(0x0030, 0x0039, westernDigit);
setFlag(0x0660, 0x0669, arabicDigit);
setFlag(0x06F0, 0x06F9, persianDigit);
setFlag(0xD800, 0xDBFF, highSurrogate);
for (const [first, last] of [[0x064B, 0x065F], [0x0670, 0x0670], [0x06D6, 0x06ED], [0x0618, 0x061A], [0x08F0, 0x08F2]] as const) {
	for (let unit = first; unit <= last; unit++) {
		// Only the marks: U+06DD (a format character), U+06DE, U+06E5, U+06E6 and U+06E9 stay.
		if (flags[unit]! & mark) {
			flags[unit]! |= tashkeel;
		}
	}
}

const firstFold = 0xFB50;
const foldsShown: Array<string | undefined> = [];
const foldsHidden: Array<string | undefined> = [];
for (const [codePoint, letters] of presentationFolds) {
	flags[codePoint]! |= fold;
	foldsShown[codePoint - firstFold] = letters;
	let hidden = '';
	for (let index = 0; index < letters.length; index++) {
		if ((flags[letters.charCodeAt(index)]! & tashkeel) === 0) {
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

export function normalize(text: string, options: NormalizeOptions): string {
	const hide = options.tashkeel === 'hide';
	const digitFlags = options.digits === 'arabic'
		? westernDigit | persianDigit
		: options.digits === 'western' ? arabicDigit | persianDigit : 0;
	const active = fold | mark | highSurrogate | digitFlags;
	const digitZero = options.digits === 'arabic' ? 0x0660 : 0x0030;
	const length = text.length;

	// Output so far: `parts`, then the untouched input from `copyFrom` to the current index.
	const parts: string[] = [];
	let copyFrom = 0;
	/** Last UTF-16 unit in `parts`, -1 while there is none. */
	let lastPart = -1;

	/** The last unit of output before input index `index`, -1 at the start of the text. */
	const previousUnit = (index: number): number => (copyFrom < index ? text.charCodeAt(index - 1) : lastPart);
	/** Hands the untouched input before `index` to `parts`, then `replacement`; input resumes at `resume`. */
	const replace = (index: number, replacement: string, resume: number): void => {
		if (copyFrom < index) {
			parts.push(text.slice(copyFrom, index));
			lastPart = text.charCodeAt(index - 1);
		}

		if (replacement !== '') {
			parts.push(replacement);
			lastPart = replacement.charCodeAt(replacement.length - 1);
		}

		copyFrom = resume;
	};

	const baseless = (index: number): boolean => {
		const previous = previousUnit(index);
		// An astral character before (a low surrogate here) counts as a base.
		return previous === -1 || (flags[previous]! & noBase) !== 0;
	};

	for (let index = 0; index < length; index++) {
		const unit = text.charCodeAt(index);
		const flag = flags[unit]!;
		if ((flag & active) === 0) {
			continue;
		}

		if (flag & fold) {
			replace(index, (hide ? foldsHidden : foldsShown)[unit - firstFold]!, index + 1);
		} else if (flag & digitFlags) {
			const value = unit - (flag & westernDigit ? 0x0030 : flag & arabicDigit ? 0x0660 : 0x06F0);
			replace(index, String.fromCharCode(digitZero + value), index + 1);
		} else if (flag & mark) {
			const composed = composition(previousUnit(index), unit);
			if (composed !== 0) {
				if (copyFrom < index) {
					replace(index - 1, String.fromCharCode(composed), index + 1);
				} else {
					// The letter is the last unit of `parts` (a folded form or an earlier replacement).
					const last = parts.length - 1;
					parts[last] = parts[last]!.slice(0, -1) + String.fromCharCode(composed);
					lastPart = composed;
					copyFrom = index + 1;
				}
			} else if (hide && (flag & tashkeel)) {
				replace(index, '', index + 1);
			} else if (baseless(index)) {
				replace(index, '\u25CC', index);
			}
		} else if (flag & highSurrogate) {
			const low = index + 1 < length ? text.charCodeAt(index + 1) : 0;
			if (low >= 0xDC00 && low <= 0xDFFF) {
				if (isCombiningMark(((unit - 0xD800) << 10) + (low - 0xDC00) + 0x10000) && baseless(index)) {
					replace(index, '\u25CC', index);
				}

				index++;
			}
		}
	}

	if (copyFrom === 0 && parts.length === 0) {
		return text;
	}

	if (copyFrom < length) {
		parts.push(text.slice(copyFrom));
	}

	return parts.join('');
}
