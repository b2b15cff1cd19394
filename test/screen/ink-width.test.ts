import fc from 'fast-check';
import stringWidth from 'string-width';
import {describe, expect, it} from 'vitest';
import inkWidth from '../../source/screen/ink-width.js';

const pieces = ['a', ' ', 'ﻻ', 'بَ', 'سلام', '世', '😀', '👨‍👩‍👧', '\u001B[1m', '\u001B[38;5;200m', '\u001B[0m', '\u001B]8;;https://x.test\u0007', '\u001B]8;;\u0007', '│', '…', '◂', '٪', '\u200F', '\u0301'];

describe('the string-width Ink is given', () => {
	it('measures exactly as string-width 8 does, escape sequences included', () => {
		fc.assert(
			fc.property(fc.array(fc.constantFrom(...pieces), {maxLength: 20}), parts => {
				const text = parts.join('');
				expect(inkWidth(text)).toBe(stringWidth(text));
			}),
			{numRuns: 2000},
		);
	});

	it('agrees with string-width with either option too', () => {
		expect(inkWidth('±', {ambiguousIsNarrow: false})).toBe(stringWidth('±', {ambiguousIsNarrow: false}));
		expect(inkWidth('\u001B[1ma', {countAnsiEscapeCodes: true})).toBe(stringWidth('\u001B[1ma', {countAnsiEscapeCodes: true}));
	});
});
