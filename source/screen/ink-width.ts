/**
 * string-width for Ink, answered by the engine's table-driven `cellWidth`.
 *
 * Ink measures every distinct character it draws with string-width 8, which loads large
 * Unicode property expressions at import and tests them on every non-ASCII cluster (tens of
 * milliseconds at start-up, and Arabic text then costs more per frame than Latin). `cellWidth`
 * gives the same answer for every string (test/text/width.test.ts compares them) and only
 * hands `wideWidth` what its table does not know. The build points Ink's own imports of
 * string-width here (test/build.mjs), wrap-ansi's included.
 */
import {cellWidth} from '../text/width.js';
import {wideWidth} from '../text/wide.js';

type Options = {ambiguousIsNarrow?: boolean; countAnsiEscapeCodes?: boolean};

// SGR and other CSI sequences, and OSC strings: what string-width leaves out of the count.
// eslint-disable-next-line no-control-regex -- escape sequences are what this matches
const ansi = /\u001B\][^\u0007\u001B]*(?:\u0007|\u001B\\)|[\u001B\u009B][[\]()#;?]*(?:\d{1,4}(?:[;:]\d{0,4})*)?[\dA-PR-TZcf-nq-uy=><~]/g;

export default function stringWidth(text: string, options?: Options): number {
	if (options && (options.ambiguousIsNarrow === false || options.countAnsiEscapeCodes)) {
		return wideWidth(text, options);
	}

	return cellWidth(text.includes('\u001B') || text.includes('\u009B') ? text.replaceAll(ansi, '') : text);
}
