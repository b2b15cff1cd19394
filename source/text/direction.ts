/**
 * A paragraph's direction: the one rule the reader, `print`, headlines, titles and meta lines
 * share. UAX #9 takes the first strong character (P2–P3), which lays out an Arabic headline
 * that opens with a brand name (`Apple تطلق هاتف iPhone 17 …`) left to right. Its higher-level
 * protocol HL1 lets a reader choose the paragraph level instead; this is that choice:
 *
 * - Where the source declares a right-to-left language or `dir="rtl"` (page, feed, item or
 *   element), a paragraph holding any right-to-left letter is right to left. A paragraph with
 *   none keeps its own direction: an English quote in an Arabic article stays left to right.
 * - Otherwise (nothing declared, or left to right, which real feeds often get wrong): the
 *   direction of most of the paragraph's strong letters, a tie going to the first one.
 * - A paragraph with no strong letter: the declared direction, else the fallback.
 *
 * Letters inside an isolate (LRI, RLI or FSI … PDI) do not count, as in P2: an isolate is one
 * neutral to the text around it. Only the paragraph level is chosen here; the levels inside it
 * are still the engine's (bidi.ts), conformant to UAX #9 at whatever level it is given.
 */
import type {Direction} from '../model.js';
import {Strong, strengthOf} from './bidi.js';

export type {Direction} from '../model.js';

/** Languages written right to left (ISO 639-1 and -3 codes, and names feeds write instead). */
const rtlLanguages = new Set([
	'ar', 'ara', 'arb', 'arz', 'ary', 'arq', 'acm', 'apc', 'ajp', 'ayl', 'afb', 'aeb', 'arc',
	'fa', 'fas', 'per', 'pes', 'prs', 'ps', 'pus', 'pbt', 'ur', 'urd', 'ug', 'uig', 'sd', 'snd',
	'ckb', 'pnb', 'skr', 'ks', 'kas', 'bal', 'bqi', 'glk', 'lrc', 'mzn', 'azb', 'he', 'heb', 'iw',
	'yi', 'yid', 'ji', 'dv', 'div', 'syr', 'nqo', 'sam',
	'arabic', 'persian', 'farsi', 'urdu', 'pashto', 'hebrew', 'yiddish', 'dhivehi', 'sorani',
]);

/** Scripts written right to left (ISO 15924), for tags such as `az-Arab` or `pa-Arab`. */
const rtlScripts = new Set(['arab', 'aran', 'hebr', 'syrc', 'thaa', 'nkoo', 'adlm', 'rohg', 'mand', 'samr', 'mend', 'yezi']);

/**
 * The direction a language tag's script is written in: BCP 47 (`ar`, `ar-EG`, `az-Arab`,
 * `ar-Latn`), POSIX (`ar_EG.UTF-8`) or an English name (`Arabic`). Undefined when there is no
 * tag; any other tag is a left-to-right language.
 */
export function languageDirection(lang: string | undefined): Direction | undefined {
	const tag = lang?.trim().toLowerCase();
	if (!tag) {
		return undefined;
	}

	const [language = '', ...subtags] = tag.split(/[-_.@\s]+/);
	const script = subtags.find(subtag => /^[a-z]{4}$/.test(subtag));
	if (script !== undefined && /^[a-z]{2,3}$/.test(language)) {
		return rtlScripts.has(script) ? 'rtl' : 'ltr';
	}

	return rtlLanguages.has(language) ? 'rtl' : 'ltr';
}

/**
 * What an element, item, feed or page declares: its `dir` when that is `rtl` or `ltr` (HTML's
 * `auto` declares nothing), else its language's direction.
 */
export function declaredDirection(dir: string | undefined, lang: string | undefined): Direction | undefined {
	const value = dir?.trim().toLowerCase();
	return value === 'rtl' || value === 'ltr' ? value : languageDirection(lang);
}

const enum Isolate {
	LRI = 0x20_66,
	RLI = 0x20_67,
	FSI = 0x20_68,
	PDI = 0x20_69,
}

/**
 * The direction of one paragraph (no newline inside) under the rule above. `declared` is what
 * the source declares for it (the nearest of element, item, feed, page); `fallback` is for a
 * paragraph with no strong letter where nothing is declared (akhbar reads Arabic news: right to
 * left unless told otherwise).
 */
export function paragraphDirection(text: string, declared: Direction | undefined, fallback: Direction = declared ?? 'rtl'): Direction {
	return lettersDirection(text, declared) ?? declared ?? fallback;
}

/**
 * `text` as an isolate of the direction the rule gives it (RLI or LRI … PDI): a part of a line
 * (a name, a date, a host) that keeps its own order and cannot pull its neighbours' punctuation.
 * A part with no strong letter (a date, a number) is left to right, as FSI would make it, so
 * `2026-11-28 09:30` keeps its order. The controls are never printed.
 */
export function isolate(text: string, declared: Direction | undefined): string {
	const opener = lettersDirection(text, declared) === 'rtl' ? '\u2067' : '\u2066';
	return `${opener}${text}\u2069`;
}

/** The rule on the strong letters outside isolates; undefined when there is none. */
function lettersDirection(text: string, declared: Direction | undefined): Direction | undefined {
	let ltr = 0;
	let rtl = 0;
	let first = Strong.none;
	let depth = 0;
	for (let index = 0; index < text.length; index++) {
		let code = text.charCodeAt(index);
		if (code < 0x80) {
			// ASCII, most of what is not Arabic: only its letters are strong (L).
			if (depth === 0 && ((code | 0x20) >= 0x61 && (code | 0x20) <= 0x7A)) {
				ltr++;
				if (first === Strong.none) {
					first = Strong.ltr;
				}
			}

			continue;
		}

		if (code >= 0xD8_00 && code < 0xDC_00) {
			const low = text.charCodeAt(index + 1);
			if (low >= 0xDC_00 && low < 0xE0_00) {
				code = ((code - 0xD8_00) << 10) + (low - 0xDC_00) + 0x1_00_00;
				index++;
			}
		}

		if (code === Isolate.LRI || code === Isolate.RLI || code === Isolate.FSI) {
			depth++;
			continue;
		}

		if (code === Isolate.PDI) {
			if (depth > 0) {
				depth--;
			}

			continue;
		}

		if (depth > 0) {
			continue;
		}

		// Arabic letters (U+0620–U+064A, all AL), most of an Arabic paragraph, without the table.
		const strong = code >= 0x06_20 && code <= 0x06_4A ? Strong.rtl : strengthOf(code);
		if (strong === Strong.rtl) {
			if (declared === 'rtl') {
				return 'rtl';
			}

			rtl++;
		} else if (strong === Strong.ltr) {
			ltr++;
		} else {
			continue;
		}

		if (first === Strong.none) {
			first = strong;
		}

		// Decided once the lead is more than what is left could close.
		if (rtl - ltr > text.length - index || ltr - rtl > text.length - index) {
			return rtl > ltr ? 'rtl' : 'ltr';
		}
	}

	if (ltr === rtl) {
		return first === Strong.none ? undefined : (first === Strong.rtl ? 'rtl' : 'ltr');
	}

	return rtl > ltr ? 'rtl' : 'ltr';
}
