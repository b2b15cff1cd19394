import {describe, expect, it} from 'vitest';
import {forTerminal, layOutLines} from '../../source/commands/terminal-text.js';
import {fitLine} from '../../source/text/layout.js';
import {defaultTextOptions} from '../../source/text/options.js';
import {cellWidth} from '../../source/text/width.js';

const shown = (text: string) => fitLine(text, cellWidth(text) + 2, defaultTextOptions, 'left').trimEnd();

describe('the CLI’s own lines on a terminal', () => {
	it('a line quoting Arabic: shaped, in visual order, left to right even when it starts with the Arabic', () => {
		expect(layOutLines('1. الساحل  /feeds/a.xml\nno Arabic here  \n', 80, defaultTextOptions)).toBe(`1. ${shown('الساحل')}  /feeds/a.xml\nno Arabic here  \n`);
		expect(layOutLines('الساحل is a source', 80, defaultTextOptions)).toBe(`${shown('الساحل')} is a source`);
	});

	it('digits stay as typed whatever the digits preference (addresses and numbers are not text)', () => {
		expect(layOutLines('2. ب  /a/1.xml', 80, {...defaultTextOptions, digits: 'arabic'})).toBe(`2. ${shown('ب')}  /a/1.xml`);
	});

	it('the bidi switch around laid-out text; the terminal’s own bidi gets the text as it is', () => {
		expect(forTerminal('1. ب\n', 80, defaultTextOptions)).toBe(`\u001B[8l1. ${shown('ب')}\n\u001B[8h`);
		expect(forTerminal('1. ب\n', 80, {...defaultTextOptions, bidi: 'terminal'})).toBe('1. ب\n');
		expect(forTerminal('plain\n', 80, defaultTextOptions)).toBe('plain\n');
	});

	it('a right-to-left text: every line right to left at the right edge, an isolated flag whole, the indent on the right', () => {
		const text = '  خيارات\n    \u2066--align left\u2069  المحاذاة\n\n';
		const lines = layOutLines(text, 30, defaultTextOptions, 'rtl').split('\n');
		expect(lines).toEqual([
			`${' '.repeat(30 - 2 - cellWidth(shown('خيارات')))}${shown('خيارات')}  `,
			`${' '.repeat(30 - 4 - 12 - 2 - cellWidth(shown('المحاذاة')))}${shown('المحاذاة')}  --align left    `,
			'',
			'',
		]);
		// The same text as left-to-right sentences keeps the lines on the left.
		expect(layOutLines(text, 30, defaultTextOptions).split('\n')[0]).toBe(`  ${shown('خيارات')}`);
	});
});
