import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import InkOutput from '../../node_modules/ink/build/output.js';
import {parseFrame} from '../../source/screen/diff.js';
import Output from '../../source/screen/ink-output.js';

type Transformer = (line: string, index: number) => string;
type Operation =
	| {type: 'write'; x: number; y: number; text: string; transformers: Transformer[]}
	| {type: 'clip'; clip: {x1: number | undefined; x2: number | undefined; y1: number | undefined; y2: number | undefined}}
	| {type: 'unclip'};

/**
 * SGR as Ink's Text produces it. Bold or faint, not both in one frame: Ink's writer ends
 * bold with 22, which ends faint too (a terminal then shows neither), where this writer
 * puts faint back.
 */
const sgrArb = (weight: '1' | '2') => fc.constantFrom('', '', '', `\u001B[${weight}m`, '\u001B[22m', '\u001B[3m', '\u001B[23m', '\u001B[4m', '\u001B[24m', '\u001B[7m', '\u001B[27m', '\u001B[31m', '\u001B[39m', '\u001B[44m', '\u001B[49m', '\u001B[96m', '\u001B[38;5;200m', '\u001B[0m');
const graphemeArb = fc.constantFrom('a', 'b', ' ', ' ', 'ب', 'بَّ', 'ﻻ', 'ﺏ', '世', '👍', '\u200f', '…', '│', '•', '◂', 'é', '٢');
const lineArb = (weight: '1' | '2') => fc.array(fc.tuple(sgrArb(weight), fc.array(graphemeArb, {maxLength: 6})), {maxLength: 4})
	.map(parts => parts.map(([sgr, graphemes]) => sgr + graphemes.join('')).join(''));
const transformers = (weight: '1' | '2'): Transformer[] => [
	line => `\u001B[${weight}m${line}\u001B[22m`,
	(line, index) => (index % 2 === 1 ? `\u001B[7m${line}\u001B[27m` : line),
	line => `\u001B[36m${line}\u001B[39m`,
];
const writeArb = (weight: '1' | '2') => fc.record({
	type: fc.constant('write' as const),
	x: fc.integer({min: -2, max: 24}),
	y: fc.integer({min: -1, max: 7}),
	text: fc.array(lineArb(weight), {minLength: 1, maxLength: 3}).map(lines => lines.join('\n')),
	transformers: fc.subarray(transformers(weight)),
});
const clipArb = fc.record({
	type: fc.constant('clip' as const),
	clip: fc.record({
		x1: fc.option(fc.integer({min: 0, max: 10}), {nil: undefined}),
		x2: fc.option(fc.integer({min: 5, max: 22}), {nil: undefined}),
		y1: fc.option(fc.integer({min: 0, max: 3}), {nil: undefined}),
		y2: fc.option(fc.integer({min: 2, max: 7}), {nil: undefined}),
	}),
});
const operationsArb: fc.Arbitrary<Operation[]> = fc.constantFrom('1' as const, '2' as const).chain(weight => fc.array(
	fc.oneof({weight: 6, arbitrary: writeArb(weight)}, {weight: 1, arbitrary: clipArb}, {weight: 1, arbitrary: fc.constant({type: 'unclip' as const})}),
	{maxLength: 8},
));

function render(output: InkOutput | Output, operations: readonly Operation[]): string {
	for (const operation of operations) {
		if (operation.type === 'write') output.write(operation.x, operation.y, operation.text, {transformers: operation.transformers});
		else if (operation.type === 'clip') output.clip(operation.clip);
		else output.unclip();
	}

	return output.get().output;
}

describe('Output (Ink\'s, rewritten)', () => {
	it('gives the frame Ink\'s Output gives, cell for cell and style for style', () => {
		fc.assert(
			fc.property(fc.integer({min: 1, max: 24}), fc.integer({min: 1, max: 7}), operationsArb, (width, height, operations) => {
				const ours = render(new Output({width, height}), operations);
				const inks = render(new InkOutput({width, height}), operations);
				expect(parseFrame(ours).rows).toEqual(parseFrame(inks).rows);
				expect(ours.split('\n')).toHaveLength(height);
			}),
			{numRuns: 3000},
		);
	});

	it('draws a row of Arabic as its cells, with the style changes between them', () => {
		const output = new Output({width: 12, height: 1});
		output.write(0, 0, 'ﺏﻻ \u001B[1mﻙ\u001B[22m', {transformers: [line => `\u001B[7m${line}\u001B[27m`]});
		const [row] = parseFrame(output.get().output).rows;
		expect(row!.chars).toEqual(['ﺏ', 'ﻻ', ' ', 'ﻙ']);
		expect(row!.styles).toEqual(['7', '7', '7', '1;7']);
	});

	it('keeps faint on when bold ends (22 ends both: faint is put back)', () => {
		const output = new Output({width: 4, height: 1});
		output.write(0, 0, '\u001B[2m\u001B[1ma\u001B[22m\u001B[2mb', {transformers: []});
		expect(parseFrame(output.get().output).rows[0]!.styles).toEqual(['1;2', '2']);
	});
});
