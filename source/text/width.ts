/**
 * Terminal cell width, consistent with string-width 8.3 (what Ink measures with) for every
 * input, and grapheme clusters.
 *
 * Measuring the way string-width does means segmenting graphemes and testing large Unicode
 * property expressions, which is slow (see wide.ts). News text is almost all ASCII, Arabic
 * letters, harakat and presentation forms, whose widths need no segmentation: every code unit
 * below is one of
 *
 * - base: a width-1 character that starts a grapheme (letters, digits, punctuation, spaces),
 * - extend: a zero-width character that joins the previous grapheme (harakat, ZWJ, ZWNJ),
 * - control: a zero-width format character that is a grapheme on its own (LRM, RLM, ALM, U+FEFF),
 * - prepend: a zero-width format character that joins the next grapheme (U+0600 number sign),
 *
 * and for text made only of these, a grapheme's width is the number of base characters in it,
 * so a string's width is too. Anything else (controls, CJK, emoji, astral characters, code
 * points unassigned in Unicode 15) is `fallback`, and the whole string goes to `wideWidth`.
 * test/text/width.test.ts checks every classified code point against string-width and
 * Intl.Segmenter of the running Node, so a Unicode update that changes one fails loudly.
 */
import {wideWidth} from './wide.js';

/**
 * What `unitClass` returns. A const enum: esbuild writes each use as its number (a bundle's
 * top-level consts are vars, which V8 loads at every use in the loops of this module and wrap).
 */
export const enum UnitClass {
	FALLBACK = 0,
	BASE = 1,
	EXTEND = 2,
	CONTROL = 3,
	PREPEND = 4,
}

export const FALLBACK = UnitClass.FALLBACK;
export const BASE = UnitClass.BASE;
export const EXTEND = UnitClass.EXTEND;
export const CONTROL = UnitClass.CONTROL;
export const PREPEND = UnitClass.PREPEND;

/*
 * Inclusive ranges (start, end, class); everything not listed is FALLBACK. Derived from the
 * Unicode 15.0 files (UnicodeData, GraphemeBreakProperty, EastAsianWidth, emoji-data,
 * DerivedCoreProperties) for the blocks news text is made of: Latin (Basic to Extended-B, IPA,
 * spacing modifiers, combining diacritics, Extended Additional), Greek, Cyrillic, Hebrew,
 * Arabic (with Supplement, Extended-A/B and both Presentation Forms blocks), General
 * Punctuation, currency, letterlike symbols, arrows, mathematical operators, box drawing and
 * geometric shapes. Left out on purpose: unassigned code points, C0/C1, U+2028/2029, wide
 * characters, and Extended_Pictographic ones (© ® ™ ‼ ↔ ▶..., which join emoji sequences).
 */
const RANGES: readonly number[] = [
	0x0020, 0x007e, UnitClass.BASE,
	0x00a0, 0x00a8, UnitClass.BASE,
	0x00aa, 0x00ac, UnitClass.BASE,
	0x00ad, 0x00ad, UnitClass.CONTROL,
	0x00af, 0x02ff, UnitClass.BASE,
	0x0300, 0x036f, UnitClass.EXTEND,
	0x0370, 0x0377, UnitClass.BASE,
	0x037a, 0x037f, UnitClass.BASE,
	0x0384, 0x038a, UnitClass.BASE,
	0x038c, 0x038c, UnitClass.BASE,
	0x038e, 0x03a1, UnitClass.BASE,
	0x03a3, 0x03ff, UnitClass.BASE,
	0x0400, 0x0482, UnitClass.BASE,
	0x0483, 0x0489, UnitClass.EXTEND,
	0x048a, 0x052f, UnitClass.BASE,
	0x0591, 0x05bd, UnitClass.EXTEND,
	0x05be, 0x05be, UnitClass.BASE,
	0x05bf, 0x05bf, UnitClass.EXTEND,
	0x05c0, 0x05c0, UnitClass.BASE,
	0x05c1, 0x05c2, UnitClass.EXTEND,
	0x05c3, 0x05c3, UnitClass.BASE,
	0x05c4, 0x05c5, UnitClass.EXTEND,
	0x05c6, 0x05c6, UnitClass.BASE,
	0x05c7, 0x05c7, UnitClass.EXTEND,
	0x05d0, 0x05ea, UnitClass.BASE,
	0x05ef, 0x05f4, UnitClass.BASE,
	0x0600, 0x0605, UnitClass.PREPEND,
	0x0606, 0x060f, UnitClass.BASE,
	0x0610, 0x061a, UnitClass.EXTEND,
	0x061b, 0x061b, UnitClass.BASE,
	0x061c, 0x061c, UnitClass.CONTROL,
	0x061d, 0x064a, UnitClass.BASE,
	0x064b, 0x065f, UnitClass.EXTEND,
	0x0660, 0x066f, UnitClass.BASE,
	0x0670, 0x0670, UnitClass.EXTEND,
	0x0671, 0x06d5, UnitClass.BASE,
	0x06d6, 0x06dc, UnitClass.EXTEND,
	0x06dd, 0x06dd, UnitClass.PREPEND,
	0x06de, 0x06de, UnitClass.BASE,
	0x06df, 0x06e4, UnitClass.EXTEND,
	0x06e5, 0x06e6, UnitClass.BASE,
	0x06e7, 0x06e8, UnitClass.EXTEND,
	0x06e9, 0x06e9, UnitClass.BASE,
	0x06ea, 0x06ed, UnitClass.EXTEND,
	0x06ee, 0x06ff, UnitClass.BASE,
	0x0750, 0x077f, UnitClass.BASE,
	0x0870, 0x088e, UnitClass.BASE,
	0x0890, 0x0891, UnitClass.PREPEND,
	0x0898, 0x089f, UnitClass.EXTEND,
	0x08a0, 0x08c9, UnitClass.BASE,
	0x08ca, 0x08e1, UnitClass.EXTEND,
	0x08e2, 0x08e2, UnitClass.PREPEND,
	0x08e3, 0x08ff, UnitClass.EXTEND,
	0x1e00, 0x1eff, UnitClass.BASE,
	0x2000, 0x200a, UnitClass.BASE,
	0x200b, 0x200b, UnitClass.CONTROL,
	0x200c, 0x200d, UnitClass.EXTEND,
	0x200e, 0x200f, UnitClass.CONTROL,
	0x2010, 0x2027, UnitClass.BASE,
	0x202a, 0x202e, UnitClass.CONTROL,
	0x202f, 0x203b, UnitClass.BASE,
	0x203d, 0x2048, UnitClass.BASE,
	0x204a, 0x205f, UnitClass.BASE,
	0x2060, 0x2064, UnitClass.CONTROL,
	0x2066, 0x206f, UnitClass.CONTROL,
	0x20a0, 0x20c0, UnitClass.BASE,
	0x2100, 0x2121, UnitClass.BASE,
	0x2123, 0x2138, UnitClass.BASE,
	0x213a, 0x214f, UnitClass.BASE,
	0x2190, 0x2193, UnitClass.BASE,
	0x219a, 0x21a8, UnitClass.BASE,
	0x21ab, 0x21ff, UnitClass.BASE,
	0x2200, 0x22ff, UnitClass.BASE,
	0x2500, 0x257f, UnitClass.BASE,
	0x25a0, 0x25a9, UnitClass.BASE,
	0x25ac, 0x25b5, UnitClass.BASE,
	0x25b7, 0x25bf, UnitClass.BASE,
	0x25c1, 0x25fa, UnitClass.BASE,
	0x25ff, 0x25ff, UnitClass.BASE,
	0xfb50, 0xfbc2, UnitClass.BASE,
	0xfbd3, 0xfd8f, UnitClass.BASE,
	0xfd92, 0xfdc7, UnitClass.BASE,
	0xfdcf, 0xfdcf, UnitClass.BASE,
	0xfdf0, 0xfdff, UnitClass.BASE,
	0xfe70, 0xfe74, UnitClass.BASE,
	0xfe76, 0xfefc, UnitClass.BASE,
	0xfeff, 0xfeff, UnitClass.CONTROL,
];

const classes = new Uint8Array(0x10000);
for (let index = 0; index < RANGES.length; index += 3) {
	classes.fill(RANGES[index + 2]!, RANGES[index]!, RANGES[index + 1]! + 1);
}

/** The class of one UTF-16 code unit (surrogates are FALLBACK). */
export function unitClass(unit: number): UnitClass {
	return classes[unit] as UnitClass;
}

/** Terminal cells `text` takes, exactly as string-width 8.3 counts them. */
export function cellWidth(text: string): number {
	let width = 0;
	for (let index = 0; index < text.length; index++) {
		const unit = classes[text.charCodeAt(index)];
		if (unit === UnitClass.BASE) {
			width++;
		} else if (unit === UnitClass.FALLBACK) {
			return wideWidth(text);
		}
	}

	return width;
}

/**
 * `cellWidth` of the string the units `[from, to)` would make, or -1 when one of them is not
 * classified (then only `wideWidth` knows: decode, and ask `cellWidth`).
 */
export function unitsWidth(units: Uint16Array, from: number, to: number): number {
	let width = 0;
	for (let index = from; index < to; index++) {
		const unit = classes[units[index]!];
		if (unit === UnitClass.BASE) {
			width++;
		} else if (unit === UnitClass.FALLBACK) {
			return -1;
		}
	}

	return width;
}

let segmenter: Intl.Segmenter | undefined;

/** Extended grapheme clusters: what a terminal draws as one character. */
export function graphemes(text: string): string[] {
	segmenter ??= new Intl.Segmenter();
	return Array.from(segmenter.segment(text), ({segment}) => segment);
}
