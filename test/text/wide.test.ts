import fc from 'fast-check';
import stringWidth from 'string-width';
import {describe, expect, test} from 'vitest';
import {wideWidth} from '../../source/text/wide.js';

const char = (min: number, max: number) => fc.integer({min, max}).map(code => String.fromCodePoint(code));

/** What wide.ts is for, and what sits next to it in real text. */
const piece = fc.oneof(
	char(0x4e00, 0x4fff), // CJK ideographs
	char(0x3000, 0x30ff), // CJK punctuation, kana
	char(0xff00, 0xffef), // halfwidth and fullwidth forms
	char(0x1100, 0x11ff), // Hangul jamo: leading, vowel, trailing
	char(0xa960, 0xa97f), // jamo extended A
	char(0xd7b0, 0xd7ff), // jamo extended B
	char(0xac00, 0xac40), // precomposed syllables
	char(0x0900, 0x097f), // Devanagari: spacing marks (Mc) after a base
	char(0x0e00, 0x0e7f), // Thai: non-spacing marks
	char(0x1f300, 0x1faff), // pictographs and emoji
	char(0x2600, 0x27bf), // symbols, dingbats
	char(0x0000, 0x001f), // C0 controls
	char(0x007f, 0x009f), // DEL and C1
	char(0xe0000, 0xe007f), // tags
	char(0x0000, 0x10ffff), // anything, unassigned and private use included
	fc.constantFrom(
		'\u200d', '\ufe0f', '\ufe0e', '\u20e3', '🏽', '🇸', '🇦', '#', '*', '5', 'a', ' ', 'ب', '\u064e',
		'\ud800', '\udc00', '\u00ad', '\u200b', '\u2060', '±', '×', '①', 'Ω',
		'👨‍👩‍👧', '🏳️‍🌈', '1️⃣', '❤️‍🔥', '🧑🏽‍💻',
		'\u001B[31m', '\u001B[0m', '\u001B]8;;https://x.test\u0007', '\u009B1m', '\u001B', '\u009C',
	),
);

describe('wideWidth', () => {
	test('the cases each rule is for', () => {
		expect(wideWidth('')).toBe(0);
		expect(wideWidth('akhbar')).toBe(6);
		expect(wideWidth('日本語')).toBe(6);
		expect(wideWidth('👍🏽')).toBe(2);
		expect(wideWidth('👨‍👩‍👧')).toBe(2);
		expect(wideWidth('🇸🇦')).toBe(2);
		expect(wideWidth('1\u20e3')).toBe(2); // a keycap without VS16
		expect(wideWidth('\u1100\u1161\u11a8')).toBe(2); // L V T: one syllable
		expect(wideWidth('\u1100\u1100\u1161')).toBe(4); // an unmatched L, then L V
		expect(wideWidth('ｶﾞ')).toBe(2); // halfwidth ka + halfwidth voiced mark
		expect(wideWidth('\u0915\u093e')).toBe(2); // ka + a spacing vowel sign
		expect(wideWidth('\u0000\u001b\u200b\u0301')).toBe(0);
		expect(wideWidth('\u001B[1mأ\u001B[0m')).toBe(1);
		expect(wideWidth('\u001B[1m', {countAnsiEscapeCodes: true})).toBe(stringWidth('\u001B[1m', {countAnsiEscapeCodes: true}));
		expect(wideWidth('±')).toBe(1);
		expect(wideWidth('±', {ambiguousIsNarrow: false})).toBe(2);
	});

	test('agrees with string-width 8.3 on generated text, with and without its options', () => {
		const options = fc.constantFrom(undefined, {ambiguousIsNarrow: false}, {countAnsiEscapeCodes: true}, {ambiguousIsNarrow: true, countAnsiEscapeCodes: false});
		fc.assert(
			fc.property(fc.array(piece, {maxLength: 24}), options, (parts, option) => {
				const text = parts.join('');
				expect(wideWidth(text, option)).toBe(stringWidth(text, option));
			}),
			{numRuns: 20_000},
		);
	});

	test('agrees with string-width on every code point of planes 0 and 1, alone and after a base letter, and on a sample of the rest', () => {
		for (let code = 0; code <= 0x10ffff; code += code < 0x20000 ? 1 : 97) {
			if (code === 0xd800) code = 0xe000; // lone surrogates are in the generated text above
			const alone = String.fromCodePoint(code);
			if (wideWidth(alone) !== stringWidth(alone)) expect([code.toString(16), wideWidth(alone)]).toEqual([code.toString(16), stringWidth(alone)]);
			const after = `a${alone}`;
			if (wideWidth(after) !== stringWidth(after)) expect([code.toString(16), wideWidth(after)]).toEqual([code.toString(16), stringWidth(after)]);
		}
	});
});
