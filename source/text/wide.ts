/**
 * Cell width of the text width.ts's tables leave out: CJK, emoji, Hangul jamo, controls,
 * escape sequences, code points unassigned in its Unicode version.
 *
 * The rules are string-width 8.3's, the library Ink measures with (test/text/wide.test.ts
 * compares the two on generated text): a terminal draws a grapheme cluster as one character,
 * so each cluster counts once, by its first visible code point's East Asian Width, plus any
 * spacing marks and halfwidth/fullwidth forms after it; emoji clusters take two cells; modern
 * Hangul jamo compose into two-cell syllables; invisible clusters take none.
 *
 * Written here rather than imported because string-width builds a `\p{RGI_Emoji}` expression
 * as it loads: about 12 ms of every start of akhbar (measured with `npm run bench`), for text
 * that most editions never contain. These expressions are built on first use.
 */
import {eastAsianWidth} from 'get-east-asian-width';
import stripAnsi from 'strip-ansi';

export type WideOptions = {
	/** East Asian Ambiguous characters take one cell (default) or two. */
	ambiguousIsNarrow?: boolean;
	/** Count escape sequences as text instead of leaving them out. */
	countAnsiEscapeCodes?: boolean;
};

type Patterns = {
	/** A code point that draws something (not default-ignorable, a control, a format character, a combining mark or a lone surrogate). */
	visible: RegExp;
	spacingMark: RegExp;
	rgiEmoji: RegExp;
	pictographic: RegExp;
	segmenter: Intl.Segmenter;
};

let patterns: Patterns | undefined;

function compiled(): Patterns {
	patterns ??= {
		visible: new RegExp(String.raw`[^\p{Default_Ignorable_Code_Point}\p{Control}\p{Format}\p{Nonspacing_Mark}\p{Enclosing_Mark}\p{Surrogate}]`, 'v'),
		spacingMark: new RegExp(String.raw`^\p{Spacing_Mark}$`, 'v'),
		rgiEmoji: new RegExp(String.raw`^\p{RGI_Emoji}$`, 'v'),
		pictographic: new RegExp(String.raw`\p{Extended_Pictographic}`, 'gu'),
		segmenter: new Intl.Segmenter(),
	};
	return patterns;
}

const printableAscii = /^[\u0020-\u007E]*$/;
const keycap = /^[\d#*]\u20E3$/;

/** Terminal cells `text` takes, as string-width 8.3 counts them. */
export function wideWidth(text: string, options: WideOptions = {}): number {
	const plain = !options.countAnsiEscapeCodes && (text.includes('\u001B') || text.includes('\u009B')) ? stripAnsi(text) : text;
	if (printableAscii.test(plain)) {
		return plain.length;
	}

	const found = compiled();
	const wideAmbiguous = options.ambiguousIsNarrow === false;
	let width = 0;
	for (const {segment} of found.segmenter.segment(plain)) {
		width += clusterWidth(segment, found, wideAmbiguous);
	}

	return width;
}

function clusterWidth(cluster: string, found: Patterns, wideAmbiguous: boolean): number {
	const start = cluster.search(found.visible);
	if (start === -1) {
		return 0;
	}

	if (found.rgiEmoji.test(cluster) || isUnqualifiedEmoji(cluster, found)) {
		return 2;
	}

	const visible = cluster.slice(start);
	const codePoints = Array.from(visible, char => char.codePointAt(0)!);
	const ambiguousAsWide = {ambiguousAsWide: wideAmbiguous};
	if (isJamo(codePoints[0]!)) {
		return jamoWidth(codePoints.filter(code => found.visible.test(String.fromCodePoint(code))), ambiguousAsWide);
	}

	// The first code point's width, and what terminals add for the spacing marks and
	// halfwidth/fullwidth forms (dakuten, the prolonged sound mark) that follow it.
	let width = eastAsianWidth(codePoints[0]!, ambiguousAsWide);
	for (let index = 1; index < codePoints.length; index++) {
		const code = codePoints[index]!;
		if ((code >= 0xff00 && code <= 0xffef) || found.spacingMark.test(String.fromCodePoint(code))) {
			width += eastAsianWidth(code, ambiguousAsWide);
		}
	}

	return width;
}

/** Emoji a terminal draws wide although they are not RGI: a bare keycap, a ZWJ sequence of pictographs. */
function isUnqualifiedEmoji(cluster: string, found: Patterns): boolean {
	if (cluster.length > 50) {
		return false;
	}

	if (keycap.test(cluster)) {
		return true;
	}

	return cluster.includes('\u200D') && (cluster.match(found.pictographic)?.length ?? 0) >= 2;
}

const isLeadingJamo = (code: number) => (code >= 0x1100 && code <= 0x115f) || (code >= 0xa960 && code <= 0xa97c);
const isVowelJamo = (code: number) => (code >= 0x1160 && code <= 0x11a7) || (code >= 0xd7b0 && code <= 0xd7c6);
const isTrailingJamo = (code: number) => (code >= 0x11a8 && code <= 0x11ff) || (code >= 0xd7cb && code <= 0xd7fb);
const isJamo = (code: number) => isLeadingJamo(code) || isVowelJamo(code) || isTrailingJamo(code);

/**
 * A cluster that starts with a Hangul jamo: each leading + vowel (+ trailing) run composes into
 * one two-cell syllable; jamo that do not compose add their own widths, as does whatever
 * follows the last jamo.
 */
function jamoWidth(codePoints: readonly number[], options: {ambiguousAsWide: boolean}): number {
	let width = 0;
	for (let index = 0; index < codePoints.length; index++) {
		const code = codePoints[index]!;
		if (!isJamo(code)) {
			for (const rest of codePoints.slice(index)) {
				width += eastAsianWidth(rest, options);
			}

			return width;
		}

		const next = codePoints[index + 1];
		if (isLeadingJamo(code) && next !== undefined && isVowelJamo(next)) {
			width += 2;
			const after = codePoints[index + 2];
			index += after !== undefined && isTrailingJamo(after) ? 2 : 1;
		} else {
			width += eastAsianWidth(code, options);
		}
	}

	return width;
}
