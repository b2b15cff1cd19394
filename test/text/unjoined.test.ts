/**
 * The README's count and list of the Arabic-script letters a terminal can only show unjoined,
 * computed here from the Unicode files kept in source/text/unicode/ (the version the tables are
 * generated from), so the README cannot drift from the data.
 */
import {readFileSync} from 'node:fs';
import {describe, expect, it} from 'vitest';
import {parseArabicShaping, parseUnicodeData} from '../../source/text/unicode/generate.js';
import {shape} from '../../source/text/shape.js';

const unicode = new URL('../../source/text/unicode/', import.meta.url);
const blocks = [[0x0600, 0x06FF], [0x0750, 0x077F], [0x0870, 0x089F], [0x08A0, 0x08FF]] as const;

/** Letters of the four blocks that join (R or D) with no final form, of their own or through a canonical decomposition. */
function unjoined(): number[] {
	const records = parseUnicodeData(readFileSync(new URL('UnicodeData.txt', unicode), 'utf8'));
	const types = new Map(parseArabicShaping(readFileSync(new URL('ArabicShaping.txt', unicode), 'utf8')).map(entry => [entry.codePoint, entry.joiningType]));
	const category = new Map(records.map(record => [record.codePoint, record.generalCategory]));
	const decomposition = new Map(records.map(record => [record.codePoint, record.decomposition]));
	const finals = new Set(records.flatMap(record => {
		const match = /^<final> ([\dA-F]+)$/.exec(record.decomposition);
		return match ? [Number.parseInt(match[1]!, 16)] : [];
	}));
	const letters: number[] = [];
	for (const [first, last] of blocks) {
		for (let codePoint = first; codePoint <= last; codePoint++) {
			const type = types.get(codePoint);
			if ((type !== 'R' && type !== 'D') || finals.has(codePoint)) continue;
			const canonical = /^([\dA-F]{4}) ([\dA-F]{4})$/.exec(decomposition.get(codePoint) ?? '');
			if (canonical && finals.has(Number.parseInt(canonical[1]!, 16)) && category.get(Number.parseInt(canonical[2]!, 16)) === 'Mn') continue;
			letters.push(codePoint);
		}
	}

	return letters;
}

const hex = (codePoint: number) => 'U+' + codePoint.toString(16).toUpperCase().padStart(4, '0');

/** `U+0620, U+063B–U+063F, …`: consecutive code points as a range. */
function ranges(codePoints: readonly number[]): string {
	const runs: Array<[number, number]> = [];
	for (const codePoint of codePoints) {
		const last = runs.at(-1);
		if (last && last[1] === codePoint - 1) last[1] = codePoint;
		else runs.push([codePoint, codePoint]);
	}

	return runs.map(([first, last]) => (first === last ? hex(first) : `${hex(first)}–${hex(last)}`)).join(', ');
}

describe('the letters shown unjoined', () => {
	const letters = unjoined();

	it('the README gives their count and list as the Unicode files do', () => {
		const readme = readFileSync(new URL('../../readme.md', import.meta.url), 'utf8').replaceAll(/\n\s*/g, ' ');
		expect(readme).toContain(`**${letters.length} letters**`);
		expect(readme).toContain(ranges(letters));
	});

	it('they are exactly the joining letters that do not join beh before them', () => {
		const beh = '\u0628';
		const types = new Map(parseArabicShaping(readFileSync(new URL('ArabicShaping.txt', unicode), 'utf8')).map(entry => [entry.codePoint, entry.joiningType]));
		for (const [first, last] of blocks) {
			for (let codePoint = first; codePoint <= last; codePoint++) {
				const joins = shape(beh + String.fromCodePoint(codePoint)).startsWith('\uFE91');
				const joining = types.get(codePoint) === 'R' || types.get(codePoint) === 'D';
				if (joining) expect(joins, hex(codePoint)).toBe(!letters.includes(codePoint));
			}
		}
	});
});
