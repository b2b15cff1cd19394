import fc from 'fast-check';
import stringWidth from 'string-width';
import {describe, expect, it} from 'vitest';
import {parseRow} from '../../source/screen/cells.js';
import {cellWidth} from '../../source/text/width.js';

/** The cells a row of plain text takes, by Intl.Segmenter and string-width: what parseRow must match. */
function referenceCells(text: string): string[] {
	const cells: string[] = [];
	for (const {segment} of new Intl.Segmenter().segment(text)) {
		const width = stringWidth(segment);
		// eslint-disable-next-line no-control-regex -- controls are what is left out
		if (width === 0 || /[\u0000-\u001F\u007F-\u009F]/.test(segment)) continue;
		cells.push(segment, ...(width === 2 ? [''] : []));
	}

	while (cells.at(-1) === ' ') cells.pop();
	return cells;
}

const piece = fc.constantFrom(
	'a', ' ', 'ب', 'ﺏ', 'ﻻ', '\u064e', '\u0651', '\u0670', '\u200c', '\u200d', '\u200e', '\u200f', '\u061c', '\ufeff',
	'\u0600', '\u0661', '\u06dd', '\u00ad', '世', '👍', '🏽', '🇸', '🇦', '\u0007', '\u0085', 'é', 'e\u0301', '\u0915\u093e',
);

describe('parseRow', () => {
	it('cuts text into the cells a terminal draws, as Intl.Segmenter and string-width do', () => {
		fc.assert(
			fc.property(fc.array(piece, {maxLength: 30}), parts => {
				const text = parts.join('');
				expect(parseRow(text).chars).toEqual(referenceCells(text));
			}),
			{numRuns: 5000},
		);
	});

	it('keeps each cluster whole: a letter with its harakat is one cell', () => {
		expect(parseRow('بَّ ﻻ').chars).toEqual(['بَّ', ' ', 'ﻻ']);
		expect(parseRow('\u0600\u0661\u0662').chars).toEqual(['\u0600\u0661', '\u0662']);
		expect(parseRow('世a').chars).toEqual(['世', '', 'a']);
	});
});

describe('shaped letters that carry marks', () => {
	it('a lam-alef ligature formed across harakat is one cell with its marks; a decomposed ۂ one cell with its hamza', () => {
		// Shaped text as the engine gives it: ﻻ + fatha; ﺇ + kasra, ﻻ + shadda + fatha; ﮧ + hamza above.
		expect(parseRow('\uFEFB\u064E').chars).toEqual(['\uFEFB\u064E']);
		expect(parseRow('\uFE87\u0650\uFEFB\u0651\u064E').chars).toEqual(['\uFE87\u0650', '\uFEFB\u0651\u064E']);
		expect(parseRow('\uFEBB\uFED4\uFEA4\uFBA7\u0654').chars).toEqual(['\uFEBB', '\uFED4', '\uFEA4', '\uFBA7\u0654']);
		expect(cellWidth('\uFEFB\u0651\u064E')).toBe(1);
		expect(cellWidth('\uFBA7\u0654')).toBe(1);
	});
});
