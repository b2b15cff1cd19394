import fc from 'fast-check';
import stringWidth from 'string-width';
import {describe, expect, test} from 'vitest';
import {BASE, CONTROL, EXTEND, FALLBACK, PREPEND, cellWidth, graphemes, unitClass, unitsWidth} from '../../source/text/width.js';

const char = (min: number, max: number) => fc.integer({min, max}).map(code => String.fromCodePoint(code));

/** Pieces of news text and of everything that can surround it. */
const textUnit = fc.oneof(
	char(0x0621, 0x064a), // Arabic letters
	char(0x064b, 0x0652), // harakat
	char(0xfe70, 0xfefc), // presentation forms B, lam-alef included
	char(0xfb50, 0xfdff), // presentation forms A
	char(0x0600, 0x08ff), // Arabic blocks, unassigned code points included
	char(0x20, 0x7e),
	char(0xa0, 0x36f),
	char(0x2000, 0x206f),
	char(0x0370, 0x05ff), // Greek, Cyrillic, Armenian, Hebrew
	char(0x20a0, 0x25ff), // currency, letterlike, arrows, maths, box drawing, shapes
	char(0x4e00, 0x4e40), // CJK
	char(0x3040, 0x30ff), // kana
	char(0x1100, 0x11ff), // Hangul jamo
	fc.constantFrom('👍', '🏽', '\u200d', '❤', '\ufe0f', '🇸', '🇦', '👨‍👩‍👧', '#', '\u20e3', '©', '‼', '\u0600', '\u200e', '\u200f', '\u061c', '\ufeff'),
);

describe('cellWidth', () => {
	test('harakat and format characters take no cell', () => {
		expect(cellWidth('\u064e\u0651\u0652')).toBe(0);
		expect(cellWidth('\u200e\u200f\u061c\u200c\u200d\ufeff')).toBe(0);
		expect(cellWidth('مَدْرَسَةٌ')).toBe(5);
	});

	test('presentation forms and lam-alef ligatures take one cell each', () => {
		expect(cellWidth('ﺍﻟﺴﻼﻡ')).toBe(5); // alef, lam, seen, lam-alef, meem
		expect(cellWidth('ﻻ')).toBe(1);
		expect(cellWidth('ﻷﻹﻵ')).toBe(3);
	});

	test('East Asian wide characters take two cells, emoji as string-width says', () => {
		expect(cellWidth('日本')).toBe(4);
		expect(cellWidth('👍🏽')).toBe(2);
		expect(cellWidth('👨‍👩‍👧')).toBe(2);
		expect(cellWidth('🇸🇦')).toBe(2);
	});

	test('ASCII, digits and spaces take one cell each', () => {
		expect(cellWidth('')).toBe(0);
		expect(cellWidth('akhbar 2025')).toBe(11);
		expect(cellWidth('٢٠٢٥\u00a0%')).toBe(6);
	});

	test('what string-width does with controls and escape sequences, it does too', () => {
		for (const text of ['a\tb', 'a\nb', '\u001B[31mأحمر\u001B[0m', '\u009B1m', '\u0000']) {
			expect(cellWidth(text)).toBe(stringWidth(text));
		}
	});

	test('agrees with string-width on arbitrary mixed text', () => {
		fc.assert(fc.property(fc.string({unit: textUnit, maxLength: 40}), text => {
			expect(cellWidth(text)).toBe(stringWidth(text));
		}), {numRuns: 3000});
	});

	test('agrees with string-width on arbitrary code units, lone surrogates included', () => {
		fc.assert(fc.property(fc.string({unit: 'binary', maxLength: 30}), text => {
			expect(cellWidth(text)).toBe(stringWidth(text));
		}), {numRuns: 2000});
	});
});

describe('unitsWidth', () => {
	/** The UTF-16 code units of `text`. */
	const unitsOf = (text: string) => Uint16Array.from({length: text.length}, (_, index) => text.charCodeAt(index));

	test('measures a range of code units as cellWidth measures their string', () => {
		const units = unitsOf('xx\u064eﺍﻟﺴﻼﻡ\u200f 12xx');
		expect(unitsWidth(units, 2, units.length - 2)).toBe(cellWidth('\u064eﺍﻟﺴﻼﻡ\u200f 12'));
		expect(unitsWidth(units, 3, 3)).toBe(0);
	});

	test('is -1 when a unit is one only string-width can measure', () => {
		expect(unitsWidth(unitsOf('abc日'), 0, 4)).toBe(-1);
		expect(unitsWidth(unitsOf('a😀'), 0, 3)).toBe(-1);
	});

	test('agrees with cellWidth wherever it answers', () => {
		fc.assert(fc.property(fc.string({unit: textUnit, maxLength: 40}), text => {
			const units = unitsOf(text);
			const width = unitsWidth(units, 0, units.length);
			expect(width === -1 || width === cellWidth(text)).toBe(true);
			expect(width === -1).toBe([...units].some(unit => unitClass(unit) === FALLBACK));
		}), {numRuns: 2000});
	});
});

describe('the code-unit classes behind the fast path', () => {
	const classified: Array<[number, number]> = [];
	for (let code = 0; code < 0x10000; code++) {
		if (unitClass(code) !== FALLBACK) {
			classified.push([code, unitClass(code)]);
		}
	}

	test('cover ASCII, Arabic and the presentation forms', () => {
		expect(unitClass(0x61)).toBe(BASE);
		expect(unitClass(0x0628)).toBe(BASE);
		expect(unitClass(0x064e)).toBe(EXTEND);
		expect(unitClass(0xfefb)).toBe(BASE);
		expect(unitClass(0x200f)).toBe(CONTROL);
		expect(unitClass(0x0600)).toBe(PREPEND);
		expect(unitClass(0x0a)).toBe(FALLBACK);
		expect(unitClass(0xd83d)).toBe(FALLBACK);
		expect(classified.length).toBeGreaterThan(2000);
	});

	test('give every classified code point the width string-width gives it', () => {
		const wrong = classified.filter(([code, kind]) => stringWidth(String.fromCharCode(code)) !== (kind === BASE ? 1 : 0));
		expect(wrong).toEqual([]);
	});

	test('match Intl.Segmenter: base starts a grapheme, extend joins the previous one', () => {
		const wrong = classified.filter(([code, kind]) => {
			const c = String.fromCharCode(code);
			switch (kind) {
				case BASE: {
					return graphemes(`a${c}b`).length !== 3 || graphemes(`${c}\u064e`).length !== 1;
				}

				case EXTEND: {
					return graphemes(`a${c}b`).length !== 2 || graphemes(`\u200f${c}`).length !== 2;
				}

				case CONTROL: {
					return graphemes(`a${c}\u064e`).length !== 3;
				}

				default: { // PREPEND
					return graphemes(`a${c}b`).length !== 2 || graphemes(`${c}\u200f`).length !== 2;
				}
			}
		});
		expect(wrong.map(([code]) => code.toString(16))).toEqual([]);
	});
});

describe('graphemes', () => {
	test('keep a letter with its harakat, a surrogate pair, an emoji sequence and a flag whole', () => {
		expect(graphemes('بِّ')).toEqual(['بِّ']);
		expect(graphemes('كَتَبَ')).toEqual(['كَ', 'تَ', 'بَ']);
		expect(graphemes('a👨‍👩‍👧b🇸🇦')).toEqual(['a', '👨‍👩‍👧', 'b', '🇸🇦']);
		expect(graphemes('')).toEqual([]);
	});
});
