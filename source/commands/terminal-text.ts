/**
 * The CLI's own lines (`sources list`, `prefs`, the help) on a terminal. They are English
 * sentences that quote Arabic: a source's name, the banner's أخبار. On a terminal where akhbar
 * does the bidi work, each line holding a right-to-left letter is laid out as `print` lays out
 * text (shaped, in visual order, per the text options), as the left-to-right sentence it is;
 * every other line is written as it is. A text in a right-to-left language (the main help in
 * Arabic, Persian, Urdu or Hebrew) is laid out the other way: every line right to left, on the
 * right of the terminal. Pipes and files get the logical text untouched.
 */
import {explicitBidi, implicitBidi} from '../bidi-mode.js';
import {openPrefs, prefDefaults} from '../prefs.js';
import {resolveTextOptions, type TextPreferences} from '../text-options.js';
import {paragraphLines} from '../text/layout.js';
import {isVisual, type TextOptions} from '../text/options.js';
import {cellWidth} from '../text/width.js';

/** The direction of the text's sentences: the interface direction of the language it is in. */
export type TextDirection = 'rtl' | 'ltr';

/** Hebrew, Arabic, Syriac, Thaana, NKo, Samaritan, Mandaic, and their presentation forms. */
const rtlLetter = /[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF]|[\u{10800}-\u{10FFF}\u{1E800}-\u{1EFFF}]/u;

export function hasRtl(text: string): boolean {
	return rtlLetter.test(text);
}

/**
 * Lines laid out for a terminal `width` cells wide: a line with right-to-left letters becomes
 * as many visual lines as it needs at that width (the terminal's own wrapping would put the
 * end of a reordered line first), the others stay as they are.
 */
export function layOutLines(text: string, width: number, options: TextOptions, direction: TextDirection = 'ltr'): string {
	// The CLI's numbers and addresses are not the text's: digits stay as typed.
	const lineOptions: TextOptions = {...options, digits: 'asis', fallbackDirection: direction};
	const cells = Math.max(1, width);
	return text
		.split('\n')
		.map(line => {
			if (direction === 'rtl') {
				if (line.trim() === '') return '';
				// Isolated right to left, the paragraph takes the rtl fallback whatever its letters;
				// each line ends at the right edge. Its indent (logically first) stays on the right.
				return paragraphLines(`\u2067${line}\u2069`, cells, lineOptions)
					.map(shown => {
						const visual = shown.visual.trimStart();
						return ' '.repeat(Math.max(0, cells - cellWidth(visual))) + visual;
					})
					.join('\n');
			}

			if (!hasRtl(line)) return line;
			// The sentence is English whatever most of its letters are: isolated left to right,
			// it has no strong letter outside the isolate, so the paragraph takes the fallback.
			return paragraphLines(`\u2066${line}\u2069`, cells, lineOptions)
				.map(shown => shown.visual.trimEnd())
				.join('\n');
		})
		.join('\n');
}

/**
 * What to write to a terminal for `text`: laid out when akhbar does the bidi work, wrapped in
 * the switch that stops a bidi-aware terminal from reordering it again (as `print` does);
 * logical text, unchanged, when the terminal does the bidi work itself.
 */
export function forTerminal(text: string, width: number, options: TextOptions, direction: TextDirection = 'ltr'): string {
	if (!isVisual(options) || !hasRtl(text)) return text;
	return explicitBidi + layOutLines(text, width, options, direction) + implicitBidi;
}

export type TerminalStream = NodeJS.WritableStream & {isTTY?: boolean; columns?: number};

/**
 * Writes the CLI's own text to `stream`: laid out when it is a terminal (not TERM=dumb, the
 * rule `print` follows), with the saved text options, in `direction`; as it is otherwise.
 */
export function writeText(stream: TerminalStream, text: string, env: NodeJS.ProcessEnv, direction: TextDirection = 'ltr'): void {
	if (text === '') return;
	if (!stream.isTTY || env['TERM'] === 'dumb' || !hasRtl(text)) {
		stream.write(text);
		return;
	}

	let prefs: TextPreferences = prefDefaults;
	try {
		prefs = openPrefs().get();
	} catch {
		// Preferences that cannot be read at all: the defaults lay the text out.
	}

	stream.write(forTerminal(text, stream.columns || 80, resolveTextOptions(prefs, {}, env), direction));
}
