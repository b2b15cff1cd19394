import fc from 'fast-check';
import {describe, expect, test} from 'vitest';
import {UnitScratch, unitRangeToString, unitsToString} from '../../../source/text/unicode/units.js';

/** The UTF-16 code units of `text`. */
const unitsOf = (text: string) => Uint16Array.from({length: text.length}, (_, index) => text.charCodeAt(index));

describe('unitsToString', () => {
	test('makes the string of the units, a leading U+FEFF and lone surrogates included', () => {
		const text = '\ufeffﺍﻟﺴﻼﻡ \ud800x\udc00 😀';
		expect(unitsToString(unitsOf(text), text.length, true)).toBe(text);
		expect(unitRangeToString(unitsOf(`ab${text}cd`), 2, text.length + 2, true)).toBe(text);
	});

	test('any units, any range', () => {
		fc.assert(fc.property(fc.string({unit: 'binary', maxLength: 50}), fc.nat(), fc.nat(), (text, a, b) => {
			const from = text.length === 0 ? 0 : a % text.length;
			const to = from + (b % (text.length - from + 1));
			const loneSurrogates = /[\ud800-\udfff]/.test(text);
			expect(unitRangeToString(unitsOf(text), from, to, loneSurrogates)).toBe(text.slice(from, to));
		}), {numRuns: 2000});
	});
});

describe('UnitScratch', () => {
	test('lends one buffer again and again, a bigger one when asked', () => {
		const scratch = new UnitScratch();
		const small = scratch.get(10);
		expect(scratch.get(20)).toBe(small);
		const big = scratch.get(small.length + 1);
		expect(big.length).toBeGreaterThan(small.length);
		expect(scratch.get(small.length + 1)).toBe(big);
	});

	test('makes strings of what was written in its buffer, or in any other', () => {
		const scratch = new UnitScratch();
		const units = scratch.get(4);
		units.set([0x61, 0xd83d, 0xde00, 0xdc00]);
		expect(scratch.string(units, 0, 4, true)).toBe('a😀\udc00');
		expect(scratch.string(units, 1, 3, false)).toBe('😀');
		expect(scratch.string(unitsOf('abc'), 1, 3, false)).toBe('bc');
	});
});
