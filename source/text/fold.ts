/**
 * Search folding: two spellings a reader would call "the same word" fold to the same string.
 *
 * Arabic news text varies in ways a search box should not care about: harakat may or may not
 * be written, tatweel stretches words, hamza on alef is often dropped (أ إ آ ٱ → ا), final yeh
 * is written ى or ي, teh marbuta ة often ه, Persian keyboards type ی and ک (and ۀ), Urdu ones ہ and ۂ, digits come in
 * three styles, and presentation forms (from X11's Arabic layout, or old PDFs) stand for
 * their base letters. Latin is compared without case. Whitespace runs count as one space.
 *
 * Pure: no state, no I/O. `foldWithMap` keeps, for every folded character, the index of the
 * original character it came from, so a match can be mapped back to the text (and to a line).
 */

/** Marks removed outright: harakat, Quranic annotation signs, superscript alef, tatweel. */
function isIgnorable(code: number): boolean {
	return (
		(code >= 0x06_10 && code <= 0x06_1a) // Honorifics and small high signs
		|| (code >= 0x06_4b && code <= 0x06_5f) // Fathatan … wavy hamza below
		|| code === 0x06_70 // Superscript alef
		|| code === 0x06_40 // Tatweel
		|| (code >= 0x06_d6 && code <= 0x06_dc)
		|| (code >= 0x06_df && code <= 0x06_e4)
		|| code === 0x06_e7
		|| code === 0x06_e8
		|| (code >= 0x06_ea && code <= 0x06_ed)
		// Format characters a source may carry and a reader never types.
		|| code === 0x00_ad // Soft hyphen
		|| code === 0x06_1c // Arabic letter mark
		|| (code >= 0x20_0b && code <= 0x20_0f) // ZWSP, ZWNJ, ZWJ, LRM, RLM
		|| (code >= 0x20_2a && code <= 0x20_2e) // Embeddings and overrides
		|| (code >= 0x20_66 && code <= 0x20_69) // Isolates
		|| code === 0xfe_ff // BOM / zero-width no-break space
	);
}

const letterFolds = new Map<number, string>([
	[0x06_23, 'ا'], // أ
	[0x06_25, 'ا'], // إ
	[0x06_22, 'ا'], // آ
	[0x06_71, 'ا'], // ٱ
	[0x06_72, 'ا'], // ٲ
	[0x06_73, 'ا'], // ٳ
	[0x06_49, 'ي'], // ى
	[0x06_cc, 'ي'], // Persian ی
	[0x06_29, 'ه'], // ة
	[0x06_c0, 'ه'], // Persian ۀ (heh with yeh above)
	[0x06_c1, 'ه'], // Urdu ہ (heh goal)
	[0x06_c2, 'ه'], // Urdu ۂ (heh goal with hamza above)
	[0x06_a9, 'ك'], // Persian ک
]);

function isPresentationForm(code: number): boolean {
	return (code >= 0xfb_50 && code <= 0xfd_ff) || (code >= 0xfe_70 && code <= 0xfe_fe);
}

function isSpace(char: string): boolean {
	const code = char.charCodeAt(0);
	// The common cases without a regular expression; \s decides the rest.
	if (code === 0x20) return true;
	if (code < 0x80) return code >= 0x09 && code <= 0x0d;
	if (code < 0xa0 || (code > 0xa0 && code < 0x16_80)) return false;
	return /^\s$/u.test(char);
}

/**
 * Folds of the first 2048 code points (Latin, Arabic and their neighbours: nearly every
 * character of the text indexed or searched), computed once: the archive's index folds
 * megabytes of text, and a table look-up is many times faster than the checks below.
 */
const tableSize = 0x08_00;
let table: string[] | undefined;

function foldTable(): string[] {
	table ??= Array.from({length: tableSize}, (_, code) => foldCharSlow(String.fromCodePoint(code)));
	return table;
}

/** One code point → its folded text ('' when it is ignored); presentation forms recurse. */
function foldChar(char: string): string {
	const code = char.codePointAt(0)!;
	return code < tableSize ? foldTable()[code]! : foldCharSlow(char);
}

function foldCharSlow(char: string): string {
	const code = char.codePointAt(0)!;
	if (isIgnorable(code)) {
		return '';
	}

	const letter = letterFolds.get(code);
	if (letter !== undefined) {
		return letter;
	}

	if (code >= 0x06_60 && code <= 0x06_69) {
		return String(code - 0x06_60);
	}

	if (code >= 0x06_f0 && code <= 0x06_f9) {
		return String(code - 0x06_f0);
	}

	if (isPresentationForm(code)) {
		const base = char.normalize('NFKC');
		if (base !== char) {
			return [...base].map(part => foldChar(part)).join('');
		}
	}

	return char.toLowerCase();
}

export type Folded = {
	/** The folded text. */
	text: string;
	/** `map[i]` is the index (UTF-16) in the original of the character folded text[i] came from. */
	map: readonly number[];
};

/** Folds `text` and remembers where each folded character came from. */
export function foldWithMap(text: string): Folded {
	let folded = '';
	const map: number[] = [];
	let index = 0;
	let lastWasSpace = false;
	for (const char of text) {
		const at = index;
		index += char.length;
		if (isSpace(char)) {
			if (!lastWasSpace) {
				folded += ' ';
				map.push(at);
				lastWasSpace = true;
			}

			continue;
		}

		const out = foldChar(char);
		if (out === '') {
			continue;
		}

		lastWasSpace = false;
		folded += out;
		for (let i = 0; i < out.length; i++) {
			map.push(at);
		}
	}

	return {text: folded, map};
}

/** Folds `text` for comparison. */
export function fold(text: string): string {
	return foldWithMap(text).text;
}

/** The folded form of what the user typed: folded and trimmed ('' means "no search"). */
export function foldQuery(query: string): string {
	return fold(query).trim();
}

/** True when `text` contains the (already folded) query. An empty query matches nothing. */
export function matchesFolded(text: string, foldedQuery: string): boolean {
	return foldedQuery !== '' && fold(text).includes(foldedQuery);
}

/** Start indexes, in the original `text`, of every match of the (already folded) query. */
export function findFolded(text: string, foldedQuery: string): number[] {
	return findFoldedRanges(text, foldedQuery).map(range => range.start);
}

/**
 * Every match of the (already folded) query as a range [start, end) of the original `text`:
 * from the first character that folded into the match to the end of the last one.
 */
export function findFoldedRanges(text: string, foldedQuery: string): Array<{start: number; end: number}> {
	if (foldedQuery === '') {
		return [];
	}

	const {text: folded, map} = foldWithMap(text);
	const ranges: Array<{start: number; end: number}> = [];
	let from = 0;
	for (;;) {
		const found = folded.indexOf(foldedQuery, from);
		if (found < 0) {
			return ranges;
		}

		const last = map[found + foldedQuery.length - 1]!;
		ranges.push({start: map[found]!, end: last + (text.codePointAt(last)! > 0xFF_FF ? 2 : 1)});
		from = found + Math.max(1, foldedQuery.length);
	}
}
