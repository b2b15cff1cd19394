/**
 * Generates `tables.ts` from the Unicode data files kept beside it (ArabicShaping.txt and
 * UnicodeData.txt, copied unmodified from the Unicode Character Database).
 *
 * Run with `npm run tables`. Runtime code imports `tables.ts` only, never this file: parsing
 * UnicodeData.txt at start-up costs ~90 ms, the generated tables load in well under 1 ms.
 *
 * `generateTables` is pure (text in, file text out) so that a test can prove the committed
 * tables equal a fresh generation.
 */
import {readFileSync, writeFileSync} from 'node:fs';
import {fileURLToPath} from 'node:url';

type UnicodeRecord = {
	codePoint: number;
	generalCategory: string;
	bidiClass: string;
	/** The decomposition field as written, e.g. `<final> 0628` or `0627 0653`. */
	decomposition: string;
};

/** Joining type codes used in the generated tables; U (the default) is never stored. */
export const joiningTypeCodes = {U: 0, R: 1, L: 2, D: 3, C: 4, T: 5} as const;
export type JoiningTypeName = keyof typeof joiningTypeCodes;

const formNames = ['isolated', 'final', 'initial', 'medial'] as const;

export function parseUnicodeData(text: string): UnicodeRecord[] {
	const records: UnicodeRecord[] = [];
	let rangeStart: UnicodeRecord | undefined;
	for (const line of text.split('\n')) {
		if (line === '') {
			continue;
		}

		const fields = line.split(';');
		const codePoint = Number.parseInt(fields[0]!, 16);
		const name = fields[1]!;
		const record: UnicodeRecord = {
			codePoint,
			generalCategory: fields[2]!,
			bidiClass: fields[4]!,
			decomposition: fields[5]!,
		};
		// Large blocks (CJK, Hangul, Tangut...) are written as a First/Last pair of lines.
		if (name.endsWith(', First>')) {
			rangeStart = record;
			continue;
		}

		if (name.endsWith(', Last>') && rangeStart) {
			for (let cp = rangeStart.codePoint; cp <= codePoint; cp++) {
				records.push({...rangeStart, codePoint: cp});
			}

			rangeStart = undefined;
			continue;
		}

		records.push(record);
	}

	return records;
}

type ShapingEntry = {codePoint: number; joiningType: JoiningTypeName; joiningGroup: string};

export function parseArabicShaping(text: string): ShapingEntry[] {
	const entries: ShapingEntry[] = [];
	for (const rawLine of text.split('\n')) {
		const line = rawLine.replace(/#.*/, '').trim();
		if (line === '') {
			continue;
		}

		const fields = line.split(';').map(field => field.trim());
		entries.push({
			codePoint: Number.parseInt(fields[0]!, 16),
			joiningType: fields[2] as JoiningTypeName,
			joiningGroup: fields[3]!,
		});
	}

	return entries;
}

/** Merges sorted `[codePoint, value]` pairs into `[first, last, value]` runs of consecutive code points. */
function toRuns<T>(pairs: Array<[number, T]>): Array<[number, number, T]> {
	const runs: Array<[number, number, T]> = [];
	for (const [codePoint, value] of pairs) {
		const last = runs.at(-1);
		if (last && last[1] === codePoint - 1 && last[2] === value) {
			last[1] = codePoint;
		} else {
			runs.push([codePoint, codePoint, value]);
		}
	}

	return runs;
}

const hex = (codePoint: number): string => '0x' + codePoint.toString(16).toUpperCase().padStart(4, '0');

/** A string literal with every non-ASCII character escaped, so the file shows no shaped text. */
function quote(text: string): string {
	let out = '\'';
	for (const char of text) {
		const codePoint = char.codePointAt(0)!;
		if (codePoint >= 0x20 && codePoint < 0x7F && char !== '\'' && char !== '\\') {
			out += char;
		} else if (codePoint <= 0xFFFF) {
			out += '\\u' + codePoint.toString(16).toUpperCase().padStart(4, '0');
		} else {
			out += '\\u{' + codePoint.toString(16).toUpperCase() + '}';
		}
	}

	return out + '\'';
}

/** Formats numbers as hex literals, `perLine` to a line, indented by one tab. */
function numberLines(values: number[], perLine: number, format: (value: number, index: number) => string): string {
	const lines: string[] = [];
	for (let i = 0; i < values.length; i += perLine) {
		lines.push('\t' + values.slice(i, i + perLine).map((value, j) => format(value, i + j)).join(', ') + ',');
	}

	return lines.join('\n');
}

function isPresentationForm(codePoint: number): boolean {
	return (codePoint >= 0xFB50 && codePoint <= 0xFDFF) || (codePoint >= 0xFE70 && codePoint <= 0xFEFF);
}

export function generateTables(arabicShaping: string, unicodeData: string): string {
	const records = parseUnicodeData(unicodeData);
	const byCodePoint = new Map(records.map(record => [record.codePoint, record]));
	const shaping = parseArabicShaping(arabicShaping);
	const version = /ArabicShaping-([\d.]+)\.txt/.exec(arabicShaping)?.[1] ?? 'unknown';

	// Joining types: listed ones from ArabicShaping.txt; unlisted Mn, Me and Cf are T; the rest U.
	const joiningType = new Map<number, JoiningTypeName>();
	for (const record of records) {
		if (['Mn', 'Me', 'Cf'].includes(record.generalCategory)) {
			joiningType.set(record.codePoint, 'T');
		}
	}

	for (const entry of shaping) {
		joiningType.set(entry.codePoint, entry.joiningType);
	}

	const joiningRuns = toRuns(
		[...joiningType]
			.filter(([, type]) => type !== 'U')
			.sort((a, b) => a[0] - b[0]),
	);

	// Positional forms of single letters: base → [isolated, final, initial, medial].
	const forms = new Map<number, number[]>();
	for (const record of records) {
		const match = /^<(isolated|final|initial|medial)> ([\dA-F]+)$/.exec(record.decomposition);
		if (!match) {
			continue;
		}

		const base = Number.parseInt(match[2]!, 16);
		const row = forms.get(base) ?? [0, 0, 0, 0];
		row[formNames.indexOf(match[1] as typeof formNames[number])] = record.codePoint;
		forms.set(base, row);
	}

	// Letters with no positional forms of their own whose canonical decomposition is a letter that
	// has them plus combining marks (U+06C2 = U+06C1 + U+0654): shaped as that letter, marks after.
	const decomposed: Array<[number, number, number]> = [];
	for (const record of records) {
		const match = /^([\dA-F]{4}) ([\dA-F]{4})$/.exec(record.decomposition);
		const type = joiningType.get(record.codePoint);
		const [base, mark] = match ? [Number.parseInt(match[1]!, 16), Number.parseInt(match[2]!, 16)] : [0, 0];
		if (match && (type === 'R' || type === 'D') && !forms.has(record.codePoint) && forms.has(base)
			&& ['Mn', 'Me'].includes(byCodePoint.get(mark)?.generalCategory ?? '')) {
			decomposed.push([record.codePoint, base, mark]);
		}
	}

	// Mandatory lam-alef ligatures: lam followed by a letter of joining group ALEF.
	const alefGroup = new Set(shaping.filter(entry => entry.joiningGroup === 'ALEF').map(entry => entry.codePoint));
	const lamAlef = new Map<number, number[]>();
	for (const record of records) {
		const match = /^<(isolated|final)> 0644 ([\dA-F]+)$/.exec(record.decomposition);
		const alef = match ? Number.parseInt(match[2]!, 16) : -1;
		if (!match || !alefGroup.has(alef)) {
			continue;
		}

		const row = lamAlef.get(alef) ?? [0, 0];
		row[match[1] === 'isolated' ? 0 : 1] = record.codePoint;
		lamAlef.set(alef, row);
	}

	// Presentation forms → the letters of their own decomposition: NFKC, except in two ways.
	// Spacing harakat (`<isolated> 0020 064B`...) fold to U+25CC DOTTED CIRCLE + mark instead of a
	// space + mark: the mark keeps a visible base and the form keeps its single cell, where NFKC's
	// space would add a cell and leave the mark baseless. And the decomposition is taken one level
	// only: U+FBDD folds to the letter U+0677 that shaping makes it from, where NFKC goes on to
	// U+06C7 U+0674 (two spacing letters).
	const folds: Array<[number, string]> = [];
	for (const record of records) {
		if (!isPresentationForm(record.codePoint) || !record.decomposition.startsWith('<')) {
			continue;
		}

		const sequence = record.decomposition.split(' ').slice(1).map(part => Number.parseInt(part, 16));
		const rest = sequence.slice(1);
		if (sequence[0] === 0x20 && rest.length > 0 && rest.every(cp => ['Mn', 'Me'].includes(byCodePoint.get(cp)?.generalCategory ?? ''))) {
			sequence[0] = 0x25CC;
		}

		folds.push([record.codePoint, String.fromCodePoint(...sequence)]);
	}

	// Canonical compositions with a combining madda or hamza (U+0653..U+0655) into an Arabic letter.
	const compositions: number[] = [];
	for (const record of records) {
		const match = /^([\dA-F]{4}) (065[345])$/.exec(record.decomposition);
		if (match && record.codePoint >= 0x0600 && record.codePoint <= 0x06FF) {
			compositions.push(Number.parseInt(match[1]!, 16), Number.parseInt(match[2]!, 16), record.codePoint);
		}
	}

	const markRuns = toRuns(
		records
			.filter(record => record.generalCategory === 'Mn' || record.generalCategory === 'Me')
			.map(record => [record.codePoint, true] as [number, boolean]),
	);

	const separatorRuns = toRuns(
		records
			.filter(record => ['Zs', 'Zl', 'Zp', 'Cc', 'Cf'].includes(record.generalCategory))
			.map(record => [record.codePoint, true] as [number, boolean]),
	);

	const astralBidiRuns = toRuns(
		records
			.filter(record => record.codePoint > 0xFFFF && record.bidiClass !== 'L')
			.map(record => [record.codePoint, record.bidiClass] as [number, string]),
	);

	const formRows = [...forms].sort((a, b) => a[0] - b[0]);
	const lamAlefRows = [...lamAlef].sort((a, b) => a[0] - b[0]);
	const typeNames = Object.keys(joiningTypeCodes) as JoiningTypeName[];

	return `// Generated by source/text/unicode/generate.ts from ArabicShaping.txt and UnicodeData.txt
// (Unicode ${version}). Do not edit: change the generator and run \`npm run tables\`.

export const unicodeVersion = '${version}';

/** Codes of the joining types in \`joiningTypeRanges\`; U is the default and never stored. */
export const joiningTypeCodes = {U: 0, R: 1, L: 2, D: 3, C: 4, T: 5} as const;

/**
 * Joining types other than U as \`[first, last, code]\` triples, sorted: those listed in
 * ArabicShaping.txt, and T for unlisted code points of general category Mn, Me or Cf.
 */
export const joiningTypeRanges: readonly number[] = [
${numberLines(joiningRuns.flatMap(([first, last, type]) => [first, last, joiningTypeCodes[type]]), 12, (value, index) => index % 3 === 2 ? `${value} /* ${typeNames[value]} */` : hex(value))}
];

/**
 * Positional forms of single letters (from \`<isolated|final|initial|medial> X\` decompositions)
 * as \`[base, isolated, final, initial, medial]\` rows, 0 where a letter has no such form.
 */
export const positionalForms: readonly number[] = [
${numberLines(formRows.flatMap(([base, row]) => [base, ...row]), 5, value => value === 0 ? '0' : hex(value))}
];

/** The mandatory lam-alef ligatures as \`[alef, isolated, final]\` rows (lam is U+0644). */
export const lamAlefLigatures: readonly number[] = [
${numberLines(lamAlefRows.flatMap(([alef, row]) => [alef, ...row]), 3, value => hex(value))}
];

/**
 * Presentation forms (U+FB50..U+FDFF, U+FE70..U+FEFF) → the letters they are forms of: NFKC,
 * except that spacing harakat fold to U+25CC DOTTED CIRCLE + mark rather than a space + mark,
 * and U+FBDD to U+0677 (NFKC decomposes that letter further).
 */
export const presentationFolds: ReadonlyArray<readonly [number, string]> = [
${folds.map(([codePoint, text]) => `\t[${hex(codePoint)}, ${quote(text)}],`).join('\n')}
];

/**
 * Letters with no positional forms whose canonical decomposition is a letter with forms and one
 * combining mark, as \`[letter, base, mark]\` rows: shaping draws the base's form and the mark.
 */
export const decomposedLetters: readonly number[] = [
${numberLines(decomposed.flat(), 3, value => hex(value))}
];

/** Canonical compositions of an Arabic letter with U+0653..U+0655, as \`[letter, mark, composed]\`. */
export const arabicCompositions: readonly number[] = [
${numberLines(compositions, 3, value => hex(value))}
];

/** Combining marks (general category Mn or Me) as \`[first, last]\` pairs. */
export const combiningMarkRanges: readonly number[] = [
${numberLines(markRuns.flatMap(([first, last]) => [first, last]), 12, value => hex(value))}
];

/** Spaces, separators, controls and format characters (Zs, Zl, Zp, Cc, Cf) as \`[first, last]\` pairs. */
export const spaceControlFormatRanges: readonly number[] = [
${numberLines(separatorRuns.flatMap(([first, last]) => [first, last]), 12, value => hex(value))}
];

/**
 * Bidi classes of assigned astral code points (above U+FFFF) whose class is not L, as sorted
 * \`[first, last, class]\` runs of consecutive code points. Anything absent is L. Unassigned code
 * points are absent too (UCD gives some unassigned blocks a default of R or AL).
 */
export const astralBidiClass: ReadonlyArray<readonly [number, number, string]> = [
${astralBidiRuns.map(([first, last, bidiClass]) => `\t[${hex(first)}, ${hex(last)}, '${bidiClass}'],`).join('\n')}
];
`;
}

function main(): void {
	const directory = new URL('.', import.meta.url);
	const read = (name: string): string => readFileSync(new URL(name, directory), 'utf8');
	const text = generateTables(read('ArabicShaping.txt'), read('UnicodeData.txt'));
	writeFileSync(new URL('tables.ts', directory), text);
	console.log(`wrote ${fileURLToPath(new URL('tables.ts', directory))} (${text.length} characters)`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
	main();
}
