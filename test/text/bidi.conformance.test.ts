/**
 * The Unicode 15.0 bidi conformance files, every case, through the engine's own levels and
 * line reordering (L1–L2; L3 off, and mirroring does not change the order of indices).
 * The files are stored gzipped under test/fixtures/unicode/ (copies of /usr/share/unicode/).
 */
import {readFileSync} from 'node:fs';
import {gunzipSync} from 'node:zlib';
import {describe, expect, it} from 'vitest';
import {lineVisualOrder, paragraphLevels} from '../../source/text/bidi.js';

function fixture(name: string): string[] {
	const path = new URL(`../fixtures/unicode/${name}.gz`, import.meta.url);
	return gunzipSync(readFileSync(path)).toString('utf8').split('\n');
}

/** A character of each Bidi_Class, for BidiTest.txt (which lists classes, not characters). */
const representative: Record<string, string> = {
	L: 'a',
	R: '\u05D0',
	AL: '\u0627',
	EN: '0',
	ES: '+',
	ET: '#',
	AN: '\u0660',
	CS: ',',
	NSM: '\u0300',
	BN: '\u00AD',
	B: '\u2029',
	S: '\t',
	WS: ' ',
	ON: '!',
	LRE: '\u202A',
	RLE: '\u202B',
	PDF: '\u202C',
	LRO: '\u202D',
	RLO: '\u202E',
	LRI: '\u2066',
	RLI: '\u2067',
	FSI: '\u2068',
	PDI: '\u2069',
};

type Failure = {input: string; direction: string; expected: string; actual: string};

/**
 * Levels as the files write them ('x' for characters removed by X9) and the visual order
 * without the removed ones.
 */
function run(text: string, fallback: 'ltr' | 'rtl', direction: 'auto' | 'ltr' | 'rtl', removed: (index: number) => boolean) {
	// The files list levels after L1 for one line holding the whole paragraph: the paragraph's own
	// levels, whose end bidi-js already treats with L1.
	const {levels, rtl} = paragraphLevels(text, fallback, direction);
	const order = lineVisualOrder(text, levels, 0, text.length, {marksAfterBase: false});
	const shown = [...order].filter(index => !removed(index));
	return {rtl, levels, order: shown.join(' ')};
}

function levelsText(levels: Uint8Array, removed: (index: number) => boolean): string {
	return [...levels].map((level, index) => (removed(index) ? 'x' : String(level))).join(' ');
}

describe('BidiTest.txt (Unicode 15.0)', () => {
	it('resolves every case to the listed levels and visual order', () => {
		const failures: Failure[] = [];
		let cases = 0;
		let expectedLevels: string[] = [];
		let expectedOrder = '';
		for (const raw of fixture('BidiTest.txt')) {
			const line = raw.trim();
			if (line === '' || line.startsWith('#')) {
				continue;
			}

			if (line.startsWith('@Levels:')) {
				expectedLevels = line.slice('@Levels:'.length).trim().split(/\s+/);
				continue;
			}

			if (line.startsWith('@Reorder:')) {
				expectedOrder = line.slice('@Reorder:'.length).trim().split(/\s+/).join(' ');
				continue;
			}

			if (line.startsWith('@')) {
				continue;
			}

			const [input = '', bits = '0'] = line.split(';');
			const classes = input.trim().split(/\s+/);
			const text = classes.map(name => representative[name]!).join('');
			const removed = (index: number) => expectedLevels[index] === 'x';
			const bitset = Number.parseInt(bits.trim(), 16);
			const directions: Array<['auto' | 'ltr' | 'rtl', number]> = [['auto', 1], ['ltr', 2], ['rtl', 4]];
			for (const [direction, bit] of directions) {
				if ((bitset & bit) === 0) {
					continue;
				}

				cases++;
				const result = run(text, 'ltr', direction, removed);
				const levels = levelsText(result.levels, removed);
				if (levels !== expectedLevels.join(' ') || result.order !== expectedOrder) {
					failures.push({
						input,
						direction,
						expected: `${expectedLevels.join(' ')} | ${expectedOrder}`,
						actual: `${levels} | ${result.order}`,
					});
				}
			}
		}

		expect(cases).toBe(770_241);
		expect(failures.slice(0, 20)).toEqual([]);
		expect(failures.length).toBe(0);
	}, 60_000);
});

describe('BidiCharacterTest.txt (Unicode 15.0)', () => {
	it('resolves every case to the listed paragraph level, levels and visual order', () => {
		const failures: Failure[] = [];
		let cases = 0;
		for (const raw of fixture('BidiCharacterTest.txt')) {
			const line = raw.trim();
			if (line === '' || line.startsWith('#')) {
				continue;
			}

			const [codes = '', directionField = '', paragraphField = '', levelsField = '', orderField = ''] = line.split(';');
			const text = String.fromCodePoint(...codes.trim().split(/\s+/).map(code => Number.parseInt(code, 16)));
			const expectedLevels = levelsField.trim().split(/\s+/);
			const removed = (index: number) => expectedLevels[index] === 'x';
			const direction = (['ltr', 'rtl', 'auto'] as const)[Number(directionField)]!;
			cases++;
			const result = run(text, 'ltr', direction, removed);
			const levels = levelsText(result.levels, removed);
			const paragraph = result.rtl ? '1' : '0';
			const expectedOrder = orderField.trim().split(/\s+/).filter(Boolean).join(' ');
			if (paragraph !== paragraphField.trim() || levels !== expectedLevels.join(' ') || result.order !== expectedOrder) {
				failures.push({
					input: codes,
					direction,
					expected: `${paragraphField} | ${expectedLevels.join(' ')} | ${expectedOrder}`,
					actual: `${paragraph} | ${levels} | ${result.order}`,
				});
			}
		}

		expect(cases).toBe(91_707);
		expect(failures.slice(0, 20)).toEqual([]);
		expect(failures.length).toBe(0);
	}, 60_000);
});
