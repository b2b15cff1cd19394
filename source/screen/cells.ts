/**
 * One row of an Ink frame (text with SGR styling) → terminal cells.
 *
 * Only SGR survives: any other escape sequence or control character in a frame is dropped,
 * a second line of defence behind the engine's sanitizer. A wide character takes two cells,
 * the second marked as a continuation (`''`).
 */
import {clustersOf} from '../text/wrap.js';

export type Row = {
	/** One entry per cell: a grapheme, `''` for the right half of a wide one. */
	chars: string[];
	/** Canonical SGR parameters per cell (`''` = default style). */
	styles: string[];
};

type Style = {
	/** Bold and faint are separate attributes (a terminal can show both); SGR 22 ends both. */
	bold: boolean;
	faint: boolean;
	italic: boolean;
	underline: boolean;
	inverse: boolean;
	strike: boolean;
	fg: string;
	bg: string;
};

const plain = (): Style => ({bold: false, faint: false, italic: false, underline: false, inverse: false, strike: false, fg: '', bg: ''});

function styleKey(style: Style): string {
	const parts: string[] = [];
	if (style.bold) {
		parts.push('1');
	}

	if (style.faint) {
		parts.push('2');
	}

	if (style.italic) {
		parts.push('3');
	}

	if (style.underline) {
		parts.push('4');
	}

	if (style.inverse) {
		parts.push('7');
	}

	if (style.strike) {
		parts.push('9');
	}

	if (style.fg) {
		parts.push(style.fg);
	}

	if (style.bg) {
		parts.push(style.bg);
	}

	return parts.join(';');
}

/** Applies one SGR parameter list to a style (unknown parameters are ignored). */
function applySgr(style: Style, parameters: string): void {
	const codes = parameters === '' ? [0] : parameters.split(/[;:]/).map(Number);
	for (let index = 0; index < codes.length; index++) {
		const code = codes[index]!;
		if (code === 0) {
			Object.assign(style, plain());
		} else if (code === 1) {
			style.bold = true;
		} else if (code === 2) {
			style.faint = true;
		} else if (code === 22) {
			style.bold = false;
			style.faint = false;
		} else if (code === 3 || code === 23) {
			style.italic = code === 3;
		} else if (code === 4 || code === 24) {
			style.underline = code === 4;
		} else if (code === 7 || code === 27) {
			style.inverse = code === 7;
		} else if (code === 9 || code === 29) {
			style.strike = code === 9;
		} else if ((code >= 30 && code <= 37) || (code >= 90 && code <= 97)) {
			style.fg = String(code);
		} else if (code === 39) {
			style.fg = '';
		} else if ((code >= 40 && code <= 47) || (code >= 100 && code <= 107)) {
			style.bg = String(code);
		} else if (code === 49) {
			style.bg = '';
		} else if (code === 38 || code === 48) {
			const mode = codes[index + 1];
			const take = mode === 5 ? 2 : mode === 2 ? 4 : 0;
			if (take === 0) {
				break;
			}

			const value = [code, ...codes.slice(index + 1, index + 1 + take)].join(';');
			if (code === 38) {
				style.fg = value;
			} else {
				style.bg = value;
			}

			index += take;
		}
	}
}

// ESC sequences: CSI (…final byte), OSC/DCS/APC/PM/SOS strings (…BEL or ST), or two-byte ESC x.
const escapeSequence = /\u001B(?:\[([0-?]*)[ -/]*([@-~])|[\]P_^X][^\u0007\u001B]*(?:\u0007|\u001B\\)?|[ -/]*[0-~]?)/y;
// eslint-disable-next-line no-control-regex -- these are exactly the characters to drop
const control = /[\u0000-\u001F\u007F-\u009F]/;
const simple = /^[\u0020-\u007E]*$/;

/**
 * Walks a line of SGR-styled text: `visit(cluster, width, key)` for each grapheme cluster, with
 * its width (string-width's, 0 for controls and lone marks) and the style key in force, and
 * `sgr(sequence)` for each SGR sequence as written. Every other escape sequence is dropped.
 */
export function forEachStyledCluster(
	line: string,
	visit: (cluster: string, width: number, key: string) => void,
	sgr?: (sequence: string) => void,
): void {
	const style = plain();
	let key = '';
	let index = 0;
	while (index < line.length) {
		const next = line.indexOf('\u001B', index);
		const end = next === -1 ? line.length : next;
		if (end > index) {
			visitClusters(line.slice(index, end), key, visit);
		}

		if (next === -1) {
			break;
		}

		escapeSequence.lastIndex = next;
		const match = escapeSequence.exec(line);
		if (!match) {
			index = next + 1;
			continue;
		}

		if (match[2] === 'm') {
			applySgr(style, match[1] ?? '');
			key = styleKey(style);
			sgr?.(match[0]);
		}

		index = escapeSequence.lastIndex;
	}
}

function visitClusters(text: string, key: string, visit: (cluster: string, width: number, key: string) => void): void {
	if (simple.test(text)) {
		for (const char of text) {
			visit(char, 1, key);
		}

		return;
	}

	// The engine's clusters: Arabic, its marks and format characters are cut by their classes,
	// without Intl.Segmenter (every row of every frame comes through here).
	const {count, starts, widths} = clustersOf(text);
	for (let cluster = 0; cluster < count; cluster++) {
		visit(text.slice(starts[cluster], starts[cluster + 1]), widths[cluster]!, key);
	}
}

/** Parses one row of a frame. Trailing cells that are blank and unstyled are not kept. */
export function parseRow(line: string): Row {
	const chars: string[] = [];
	const styles: string[] = [];
	forEachStyledCluster(line, (cluster, width, key) => {
		if (width === 0 || control.test(cluster)) {
			return;
		}

		chars.push(cluster);
		styles.push(key);
		if (width === 2) {
			chars.push('');
			styles.push(key);
		}
	});

	while (chars.length > 0 && chars.at(-1) === ' ' && styles.at(-1) === '') {
		chars.pop();
		styles.pop();
	}

	return {chars, styles};
}

const parsedStyles = new Map<string, Style>();

function styleOf(key: string): Style {
	let style = parsedStyles.get(key);
	if (!style) {
		style = plain();
		applySgr(style, key);
		parsedStyles.set(key, style);
	}

	return style;
}

/** The SGR sequence that sets `key` from scratch. */
export function sgr(key: string): string {
	return key === '' ? '\u001B[m' : `\u001B[0;${key}m`;
}

/**
 * The shortest SGR sequence from style `from` to style `to`: only what changes (`22` to drop
 * bold, `39` for the default colour...), or a reset and the whole style when that is shorter.
 */
export function sgrTransition(from: string, to: string): string {
	if (from === to) {
		return '';
	}

	const a = styleOf(from);
	const b = styleOf(to);
	const parameters: string[] = [];
	if ((a.bold && !b.bold) || (a.faint && !b.faint)) {
		// 22 ends both: put back the one that stays.
		parameters.push('22', ...(b.bold ? ['1'] : []), ...(b.faint ? ['2'] : []));
	} else {
		parameters.push(...(b.bold && !a.bold ? ['1'] : []), ...(b.faint && !a.faint ? ['2'] : []));
	}

	const flags = [['italic', '3', '23'], ['underline', '4', '24'], ['inverse', '7', '27'], ['strike', '9', '29']] as const;
	for (const [name, on, off] of flags) {
		if (a[name] !== b[name]) {
			parameters.push(b[name] ? on : off);
		}
	}

	if (a.fg !== b.fg) {
		parameters.push(b.fg || '39');
	}

	if (a.bg !== b.bg) {
		parameters.push(b.bg || '49');
	}

	const step = `\u001B[${parameters.join(';')}m`;
	const reset = sgr(to);
	return step.length < reset.length ? step : reset;
}

/**
 * What of a cell's style can be seen. A space shows only its background, unless it is
 * inverted, underlined or struck through: its colour, weight and slant are invisible, so a
 * space may be written in whatever style the cursor already has.
 */
export function visibleStyle(char: string | undefined, key: string): string {
	if (key === '' || (char !== ' ' && char !== undefined)) {
		return key;
	}

	const style = styleOf(key);
	if (style.inverse || style.underline || style.strike) {
		return key;
	}

	return style.bg;
}
