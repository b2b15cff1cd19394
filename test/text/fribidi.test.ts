/**
 * Every visual line the engine produces, checked against GNU FriBidi (the `fribidi` CLI of
 * Debian's libfribidi-bin): each line's logical text, run alone with its paragraph's direction
 * and prefixed with a mark of the class of the last strong character before it in the
 * paragraph (so numbers keep their context), must come out exactly as our line. The line is
 * also followed by a mark for the first strong character after it: a neutral at the end of a
 * line is resolved by the text that follows in the paragraph (UAX #9 levels are per paragraph),
 * which a line run alone cannot see. Lines that a mark cannot stand in for are left out: one
 * half of a bracket pair (rule N0 pairs brackets across the break), a number between the line
 * and its strong neighbours, and lines broken inside a word.
 */
import {spawnSync} from 'node:child_process';
import fc from 'fast-check';
import bidiFactory from 'bidi-js';
import {describe, expect, it} from 'vitest';
import {demoEdition} from '../../source/samples/demo.js';
import {paragraphLines} from '../../source/text/layout.js';
import {normalize} from '../../source/text/normalize.js';
import {defaultTextOptions} from '../../source/text/options.js';
import {sanitize} from '../../source/text/sanitize.js';

const hasFribidi = spawnSync('fribidi', ['--version']).status === 0;
const options = defaultTextOptions;

const bidiClasses = bidiFactory();
const marks: Record<string, string> = {AL: '\u061C', R: '\u200F', L: '\u200E'};

/**
 * The class of the character nearest the line on one side that a neutral at the line's edge
 * would see (rule N1): a strong class, `number` for EN/AN, or undefined for none.
 */
function nearest(text: string, fromEnd: boolean): string | undefined {
	const chars = [...text];
	for (let step = 0; step < chars.length; step++) {
		const type = bidiClasses.getBidiCharTypeName(chars[fromEnd ? chars.length - 1 - step : step]!);
		if (type === 'L' || type === 'R' || type === 'AL') {
			return type;
		}

		if (type === 'EN' || type === 'AN') {
			return 'number';
		}
	}

	return undefined;
}

const brackets = {'(': ')', '[': ']', '{': '}'} as const;

/** A bracket pair split by a line break is resolved as a pair (N0) only in its paragraph. */
function hasUnpairedBracket(text: string): boolean {
	const stack: string[] = [];
	for (const char of text) {
		if (char in brackets) {
			stack.push(brackets[char as keyof typeof brackets]);
		} else if (Object.values(brackets).includes(char as ')')) {
			if (stack.pop() !== char) {
				return true;
			}
		}
	}

	return stack.length > 0;
}

type Case = {input: string; rtl: boolean; expected: string; where: string};

function casesFor(paragraphs: readonly string[], widths: readonly number[]): Case[] {
	const cases: Case[] = [];
	for (const width of widths) {
		for (const text of paragraphs) {
			for (const paragraph of sanitize(text).split('\n')) {
				const lines = paragraphLines(paragraph, width, options);
				const endOf = (index: number) => lines[index]!.start + lines[index]!.logical.length;
				const whole = lines.map(line => line.logical).join(' ');
				let before = '';
				for (const [index, line] of lines.entries()) {
					// A token broken hard joins across the break in our output but not in a line run
					// alone: compare only lines that begin and end at a space.
					const brokenAfter = index + 1 < lines.length && lines[index + 1]!.start === endOf(index);
					const brokenBefore = index > 0 && endOf(index - 1) === line.start;
					const after = whole.slice(before.length + line.logical.length);
					const context = [nearest(before, true), nearest(after, false)];
					// The line's own text decides rules W2 and W7 only when no number stands between it
					// and the strong characters around it; such lines are left out.
					if (!brokenAfter && !brokenBefore && !hasUnpairedBracket(line.logical) && !context.includes('number')) {
						cases.push({
							input: (marks[context[0] ?? ''] ?? '') + normalize(line.logical, {digits: 'asis', tashkeel: 'show'}) + (marks[context[1] ?? ''] ?? ''),
							rtl: line.rtl,
							expected: line.visual,
							where: `width ${width}: ${paragraph.slice(0, 40)}…`,
						});
					}

					before += line.logical + ' ';
				}
			}
		}
	}

	return cases;
}

function runFribidi(inputs: readonly string[], rtl: boolean): string[] {
	const result = spawnSync('fribidi', ['--nobreak', '--nopad', '--reordernsm', '--clean', rtl ? '--rtl' : '--ltr'], {
		input: inputs.join('\n') + '\n',
		encoding: 'utf8',
		maxBuffer: 256 * 1024 * 1024,
	});
	if (result.status !== 0) {
		throw new Error(`fribidi failed: ${result.stderr}`);
	}

	return result.stdout.split('\n').slice(0, inputs.length);
}

/** FriBidi leaves a U+FEFF after each lam-alef ligature, and our context marks. */
const clean = (text: string) => text.replaceAll(/[\uFEFF\u200E\u200F\u061C]/g, '');

function compare(cases: readonly Case[]): {checked: number; mismatches: string[]} {
	const mismatches: string[] = [];
	for (const rtl of [true, false]) {
		const group = cases.filter(each => each.rtl === rtl);
		const outputs = runFribidi(group.map(each => each.input), rtl);
		for (const [index, each] of group.entries()) {
			const reference = clean(outputs[index] ?? '');
			if (reference !== each.expected) {
				mismatches.push(`${each.where}\n  ours:    ${each.expected}\n  fribidi: ${reference}\n  input:   ${JSON.stringify(each.input)}`);
			}
		}
	}

	return {checked: cases.length, mismatches};
}

const words = [
	'السلام', 'عليكم', 'مدينة', 'الجزائر', 'لا', 'لأن', 'إلى', 'آخر', 'مُحَمَّدٌ', 'كَتَبَ', 'الطلاب',
	'Node.js', 'GitHub', 'UNESCO', 'hello', 'world', '12%', '٣٥٪', '2026-11-28', '(مثلا)', '«نص»', '[1]',
	'،', '.', '؟', 'في', 'من', 'عام', '3.5', '+20', 'ص.ب', 'الساعة 10:30', 'Linux', 'v2.1', 'ما', 'ألف',
];
const generated = fc.sample(
	fc.array(fc.constantFrom(...words), {minLength: 1, maxLength: 30}).map(parts => parts.join(' ')),
	{numRuns: 400, seed: 20_261_129},
);

describe.skipIf(!hasFribidi)('lines against FriBidi', () => {
	it('matches fribidi on every line of the demo edition at widths 30, 50 and 72', () => {
		const paragraphs = demoEdition().articles.flatMap(article => [article.title, ...article.blocks.map(block => block.text)]);
		const {checked, mismatches} = compare(casesFor(paragraphs, [30, 50, 72]));
		expect(checked).toBeGreaterThan(500);
		expect(mismatches.slice(0, 5).join('\n')).toBe('');
	});

	it('matches fribidi on generated mixes of Arabic, Latin, numbers and brackets', () => {
		const {checked, mismatches} = compare(casesFor(generated, [12, 25, 40, 80]));
		expect(checked).toBeGreaterThan(800);
		expect(mismatches.slice(0, 5).join('\n')).toBe('');
	});
});

describe.runIf(!hasFribidi)('lines against FriBidi', () => {
	it.skip('needs the fribidi command (Debian package libfribidi-bin)', () => {});
});
