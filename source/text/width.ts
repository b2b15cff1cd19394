/**
 * Terminal cell width, consistent with string-width 8.3 (what Ink measures with) for every
 * input, and grapheme clusters.
 *
 * string-width segments graphemes and compiles large property regexes on its first non-ASCII
 * call (~40 ms), then spends most of its time in them. News text is almost all ASCII, Arabic
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
 * points unassigned in Unicode 15) is `fallback`, and the whole string goes to string-width.
 * test/text/width.test.ts checks every classified code point against string-width and
 * Intl.Segmenter of the running Node, so a Unicode update that changes one fails loudly.
 */
import stringWidth from 'string-width';

export const FALLBACK = 0;
export const BASE = 1;
export const EXTEND = 2;
export const CONTROL = 3;
export const PREPEND = 4;

/** What `unitClass` returns: one of the five constants above. */
export type UnitClass = typeof FALLBACK | typeof BASE | typeof EXTEND | typeof CONTROL | typeof PREPEND;

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
	0x0020, 0x007e, BASE,
	0x00a0, 0x00a8, BASE,
	0x00aa, 0x00ac, BASE,
	0x00ad, 0x00ad, CONTROL,
	0x00af, 0x02ff, BASE,
	0x0300, 0x036f, EXTEND,
	0x0370, 0x0377, BASE,
	0x037a, 0x037f, BASE,
	0x0384, 0x038a, BASE,
	0x038c, 0x038c, BASE,
	0x038e, 0x03a1, BASE,
	0x03a3, 0x03ff, BASE,
	0x0400, 0x0482, BASE,
	0x0483, 0x0489, EXTEND,
	0x048a, 0x052f, BASE,
	0x0591, 0x05bd, EXTEND,
	0x05be, 0x05be, BASE,
	0x05bf, 0x05bf, EXTEND,
	0x05c0, 0x05c0, BASE,
	0x05c1, 0x05c2, EXTEND,
	0x05c3, 0x05c3, BASE,
	0x05c4, 0x05c5, EXTEND,
	0x05c6, 0x05c6, BASE,
	0x05c7, 0x05c7, EXTEND,
	0x05d0, 0x05ea, BASE,
	0x05ef, 0x05f4, BASE,
	0x0600, 0x0605, PREPEND,
	0x0606, 0x060f, BASE,
	0x0610, 0x061a, EXTEND,
	0x061b, 0x061b, BASE,
	0x061c, 0x061c, CONTROL,
	0x061d, 0x064a, BASE,
	0x064b, 0x065f, EXTEND,
	0x0660, 0x066f, BASE,
	0x0670, 0x0670, EXTEND,
	0x0671, 0x06d5, BASE,
	0x06d6, 0x06dc, EXTEND,
	0x06dd, 0x06dd, PREPEND,
	0x06de, 0x06de, BASE,
	0x06df, 0x06e4, EXTEND,
	0x06e5, 0x06e6, BASE,
	0x06e7, 0x06e8, EXTEND,
	0x06e9, 0x06e9, BASE,
	0x06ea, 0x06ed, EXTEND,
	0x06ee, 0x06ff, BASE,
	0x0750, 0x077f, BASE,
	0x0870, 0x088e, BASE,
	0x0890, 0x0891, PREPEND,
	0x0898, 0x089f, EXTEND,
	0x08a0, 0x08c9, BASE,
	0x08ca, 0x08e1, EXTEND,
	0x08e2, 0x08e2, PREPEND,
	0x08e3, 0x08ff, EXTEND,
	0x1e00, 0x1eff, BASE,
	0x2000, 0x200a, BASE,
	0x200b, 0x200b, CONTROL,
	0x200c, 0x200d, EXTEND,
	0x200e, 0x200f, CONTROL,
	0x2010, 0x2027, BASE,
	0x202a, 0x202e, CONTROL,
	0x202f, 0x203b, BASE,
	0x203d, 0x2048, BASE,
	0x204a, 0x205f, BASE,
	0x2060, 0x2064, CONTROL,
	0x2066, 0x206f, CONTROL,
	0x20a0, 0x20c0, BASE,
	0x2100, 0x2121, BASE,
	0x2123, 0x2138, BASE,
	0x213a, 0x214f, BASE,
	0x2190, 0x2193, BASE,
	0x219a, 0x21a8, BASE,
	0x21ab, 0x21ff, BASE,
	0x2200, 0x22ff, BASE,
	0x2500, 0x257f, BASE,
	0x25a0, 0x25a9, BASE,
	0x25ac, 0x25b5, BASE,
	0x25b7, 0x25bf, BASE,
	0x25c1, 0x25fa, BASE,
	0x25ff, 0x25ff, BASE,
	0xfb50, 0xfbc2, BASE,
	0xfbd3, 0xfd8f, BASE,
	0xfd92, 0xfdc7, BASE,
	0xfdcf, 0xfdcf, BASE,
	0xfdf0, 0xfdff, BASE,
	0xfe70, 0xfe74, BASE,
	0xfe76, 0xfefc, BASE,
	0xfeff, 0xfeff, CONTROL,
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
		if (unit === BASE) {
			width++;
		} else if (unit === FALLBACK) {
			return stringWidth(text);
		}
	}

	return width;
}

/**
 * `cellWidth` of the string the units `[from, to)` would make, or -1 when one of them is not
 * classified (then only string-width knows: decode, and ask `cellWidth`).
 */
export function unitsWidth(units: Uint16Array, from: number, to: number): number {
	let width = 0;
	for (let index = from; index < to; index++) {
		const unit = classes[units[index]!];
		if (unit === BASE) {
			width++;
		} else if (unit === FALLBACK) {
			return -1;
		}
	}

	return width;
}

const segmenter = new Intl.Segmenter();

/** Extended grapheme clusters: what a terminal draws as one character. */
export function graphemes(text: string): string[] {
	return Array.from(segmenter.segment(text), ({segment}) => segment);
}
