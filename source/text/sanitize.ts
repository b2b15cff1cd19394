/**
 * Untrusted text → safe text (pipeline step 1). Feed and page content is hostile: an escape
 * sequence that reached the terminal could set the window title, plant a hyperlink, write the
 * clipboard (OSC 52), redefine keys or move the cursor over the rest of the screen.
 *
 * Order matters, as in circumflex: bytes are decoded first (invalid UTF-8 becomes U+FFFD, so
 * dropping a byte can never glue an ESC to what follows), then one pass removes every escape
 * sequence the way a terminal's parser would consume it, and every control character left.
 * The pass drops each introducer (ESC, 8-bit CSI, OSC, DCS...) whatever follows it, so what it
 * keeps contains no ESC, C0 (but newline) or C1 character at all: removing one thing can never
 * create another, and a second pass changes nothing.
 */
import {cellWidth} from './width.js';

const utf8 = new TextDecoder('utf-8');

/** Decode bytes as UTF-8: invalid sequences become U+FFFD, a leading BOM is dropped. */
export function decodeUtf8(bytes: Uint8Array): string {
	return utf8.decode(bytes);
}

/**
 * Whether `sanitize` would change anything: C0 but newline, DEL, C1, U+2028/2029, U+FEFF or a
 * lone surrogate. Clean text (nearly all of it) is returned as it is after this one scan, a
 * loop rather than a regular expression: the lookarounds for lone surrogates made the regular
 * expression several times slower than the rest of the scan.
 */
function needsWork(text: string): boolean {
	const length = text.length;
	for (let index = 0; index < length; index++) {
		const code = text.charCodeAt(index);
		if (code >= 0xa0 ? code < 0x2028 : (code >= 0x20 && code < 0x7f)) {
			continue; // Printable ASCII, Latin-1 letters, Arabic, Hebrew, Greek...
		}

		if (code < 0xa0) {
			if (code !== 0x0a) {
				return true; // C0 but newline, DEL, C1.
			}
		} else if (code === 0x2028 || code === 0x2029 || code === 0xfeff) {
			return true;
		} else if (code >= 0xd800 && code <= 0xdfff) {
			if (code <= 0xdbff && isLowSurrogate(text.charCodeAt(index + 1))) {
				index++;
				continue;
			}

			// A low surrogate here never follows a high one: that would have been a pair.
			return true;
		}
	}

	return false;
}

const ESC = 0x1b;
const BEL = 0x07;
const TAB_STOP = 8;

/** After a CSI introducer: parameter bytes, intermediate bytes, one final byte. */
function skipControlSequence(text: string, index: number): number {
	let code = text.charCodeAt(index);
	while (code >= 0x30 && code <= 0x3f) {
		code = text.charCodeAt(++index);
	}

	while (code >= 0x20 && code <= 0x2f) {
		code = text.charCodeAt(++index);
	}

	// Anything else aborts the sequence; it is then read as ordinary text.
	return code >= 0x40 && code <= 0x7e ? index + 1 : index;
}

/**
 * After an OSC, DCS, SOS, PM or APC introducer: the string runs to ST (ESC \ or U+009C) or
 * BEL, and is cut short by CAN, SUB, another ESC or C1 introducer. A terminal would swallow an
 * unterminated string to the end of the output; here it ends with its line, so that a stray
 * ESC ] cannot hide the rest of an article.
 */
function skipControlString(text: string, index: number): number {
	for (; index < text.length; index++) {
		const code = text.charCodeAt(index);
		if (code === BEL || code === 0x18 || code === 0x1a || code === 0x9c) {
			return index + 1;
		}

		if (code === ESC) {
			return text.charCodeAt(index + 1) === 0x5c ? index + 2 : index;
		}

		if (code === 0x0a || code === 0x0d || (code >= 0x80 && code <= 0x9f)) {
			return index;
		}
	}

	return index;
}

/** After ESC at `index - 1`: where the sequence it starts ends. */
function skipEscape(text: string, index: number): number {
	const code = text.charCodeAt(index);
	switch (code) {
		case 0x5b: { // [
			return skipControlSequence(text, index + 1);
		}

		case 0x5d: // ]
		case 0x50: // P
		case 0x58: // X
		case 0x5e: // ^
		case 0x5f: { // _
			return skipControlString(text, index + 1);
		}

		default: {
			// nF sequences (charset designation ESC ( B, ESC # 8, ...): intermediates, then a final.
			let end = index;
			while (text.charCodeAt(end) >= 0x20 && text.charCodeAt(end) <= 0x2f) {
				end++;
			}

			const final = text.charCodeAt(end);
			if (final >= 0x30 && final <= 0x7e) {
				return end + 1;
			}

			// ESC followed by nothing usable (end, ESC, a control, a letter of another script):
			// only the ESC goes, and what follows is read afresh.
			return end > index ? end : index;
		}
	}
}

function isHighSurrogate(code: number): boolean {
	return code >= 0xd800 && code <= 0xdbff;
}

function isLowSurrogate(code: number): boolean {
	return code >= 0xdc00 && code <= 0xdfff;
}

/**
 * Multi-line body text made safe: no escape sequence, no control character but `\n` (CR LF
 * and lone CR, U+2028 and U+2029 become `\n`; tabs become spaces to the next multiple of 8
 * cells), no DEL, C1, U+FEFF or lone surrogate. Bidi format characters, ZWJ/ZWNJ and U+FFFD
 * are kept: the bidi and shaping steps need them, and `stripInvisible` removes them for output.
 */
export function sanitize(text: string): string {
	if (!needsWork(text)) {
		return text;
	}

	let out = '';
	let runStart = 0;
	// Tab stops: the cells before `columnFrom` on this output line are `column`.
	let column = 0;
	let columnFrom = 0;
	let index = 0;
	while (index < text.length) {
		const code = text.charCodeAt(index);
		if (code >= 0x20 && code < 0x7f) {
			index++;
			continue;
		}

		if (code > 0x9f && !isHighSurrogate(code) && !isLowSurrogate(code) && code !== 0xfeff && code !== 0x2028 && code !== 0x2029) {
			index++;
			continue;
		}

		if (isHighSurrogate(code) && isLowSurrogate(text.charCodeAt(index + 1))) {
			index += 2;
			continue;
		}

		out += text.slice(runStart, index);
		let next = index + 1;
		if (code === ESC) {
			next = skipEscape(text, index + 1);
		} else if (code === 0x9b) {
			next = skipControlSequence(text, index + 1);
		} else if (code === 0x90 || code === 0x98 || code === 0x9d || code === 0x9e || code === 0x9f) {
			next = skipControlString(text, index + 1);
		} else if (code === 0x0a || code === 0x0d || code === 0x2028 || code === 0x2029) {
			if (code === 0x0d && text.charCodeAt(index + 1) === 0x0a) {
				next = index + 2;
			}

			out += '\n';
			column = 0;
			columnFrom = out.length;
		} else if (code === 0x09) {
			column += cellWidth(out.slice(columnFrom));
			const spaces = TAB_STOP - (column % TAB_STOP);
			out += ' '.repeat(spaces);
			column += spaces;
			columnFrom = out.length;
		}

		// Everything else here (C0, DEL, C1, U+FEFF, a lone surrogate) is simply dropped.
		index = next;
		runStart = next;
	}

	return out + text.slice(runStart);
}

/** Bidi embeddings, overrides, isolates and marks (LRE..RLO, LRI..PDI, LRM, RLM, ALM). */
const bidiControls = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/**
 * One-line fields (titles, names, URLs, authors): sanitized, on one line, with no bidi control
 * at all, so that an override can never reverse a title or disguise a URL, and with runs of
 * whitespace collapsed to one space and trimmed.
 */
export function sanitizeLine(text: string): string {
	return sanitize(text).replace(bidiControls, '').replace(/\s+/g, ' ').trim();
}

const bidiOverrides = /[\u202a-\u202e]/g;

/**
 * A line the program writes (the interface's sentences, with what they quote): sanitized and on
 * one line like sanitizeLine, but its isolates and marks kept for the bidi levels, so that a
 * path or a command isolated in a right-to-left sentence keeps its order. Embeddings and
 * overrides go: nothing can reverse text. The layout drops the rest before printing.
 */
export function sanitizeInterfaceLine(text: string): string {
	return sanitize(text).replace(bidiOverrides, '').replace(/\s+/g, ' ').trim();
}

/*
 * Zero-width characters that are always a grapheme of their own (Grapheme_Cluster_Break
 * Control, or Prepend format characters, which terminals cannot draw over the next ones):
 * Ink would draw each one in a full cell. Bidi controls, U+FEFF, soft hyphen, ZWSP, word
 * joiner and invisible operators, Hangul fillers, interlinear annotation, shorthand format
 * controls, musical format controls, the language tag.
 */
const alwaysInvisible = '\u00ad\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u115f\u1160\u180e\u200b\u200e\u200f\u202a-\u202e\u2060-\u206f\u3164\ufeff\uffa0\ufff0-\ufffb';
const alwaysInvisibleAstral = '\ud804[\udcbd\udccd]|\ud82f[\udca0-\udca3]|\ud834[\udd73-\udd7a]|\udb40\udc01';
/*
 * Zero-width characters that join the grapheme before them (ZWJ, ZWNJ, variation selectors,
 * CGJ, Mongolian and Khmer format marks, tags): kept there, since emoji sequences and shaping
 * need them, removed where they would stand alone, at the start of a line.
 */
const joiningInvisible = '\u034f\u17b4\u17b5\u180b-\u180d\u180f\u200c\u200d\ufe00-\ufe0f';
const joiningInvisibleAstral = '\udb40[\udc20-\udc7f\udd00-\uddef]';

const anyInvisible = new RegExp(`[${alwaysInvisible}${joiningInvisible}]|${alwaysInvisibleAstral}|${joiningInvisibleAstral}`);
const alwaysInvisibleAll = new RegExp(`[${alwaysInvisible}]|${alwaysInvisibleAstral}`, 'g');
const standaloneJoining = new RegExp(`^(?:[${joiningInvisible}]|${joiningInvisibleAstral})+`, 'gm');

/**
 * Every BMP unit of the two classes above, and the high surrogates of the astral ones: a
 * table look-up per unit finds the rare text `anyInvisible` must look at.
 */
const maybeInvisible = new Uint8Array(0x1_00_00);
for (const set of [alwaysInvisible, joiningInvisible]) {
	for (let index = 0; index < set.length; index++) {
		const first = set.charCodeAt(index);
		const last = set[index + 1] === '-' && index + 2 < set.length ? set.charCodeAt(index += 2) : first;
		maybeInvisible.fill(1, first, last + 1);
	}
}

for (const high of [0xd804, 0xd82f, 0xd834, 0xdb40]) {
	maybeInvisible[high] = 1;
}

/**
 * Whether `stripInvisible` could change `text`, or any string made of its characters in any
 * order that keeps surrogate pairs whole (a line of it, reordered): layout asks once per
 * paragraph instead of once per line.
 */
export function hasInvisible(text: string): boolean {
	for (let index = 0; index < text.length; index++) {
		if (maybeInvisible[text.charCodeAt(index)] === 1) {
			return anyInvisible.test(text);
		}
	}

	return false;
}

/**
 * Text for the terminal: without bidi format characters, U+FEFF and every other zero-width
 * character that would be a grapheme on its own there (a ZWJ at the start of a line, say).
 * ZWJ, ZWNJ and variation selectors inside a grapheme stay: emoji sequences need them.
 * Apply to each line as it will be drawn. Marks without a base are not this function's job.
 */
export function stripInvisible(text: string): string {
	if (!hasInvisible(text)) {
		return text;
	}

	return text.replace(alwaysInvisibleAll, '').replace(standaloneJoining, '');
}
