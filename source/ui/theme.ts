/**
 * Colours as data: components ask for a semantic token (`caption`, `selection`), never a
 * colour. The mono theme uses no colour at all, only attributes (bold, dim, italic, inverse,
 * underline), and every distinction that matters is also made with a character (• for unread,
 * a pointer for the selection, a dotted rule beside captions) so nothing depends on colour alone.
 */
import type {BlockKind} from '../model.js';

export type Style = {
	color?: string;
	backgroundColor?: string;
	bold?: boolean;
	dimColor?: boolean;
	italic?: boolean;
	inverse?: boolean;
	underline?: boolean;
};

export type Token =
	| 'text'
	| 'muted'
	| 'title'
	| 'deck'
	| 'meta'
	| 'heading'
	| 'caption'
	| 'quote'
	| 'item'
	| 'gutter'
	| 'header'
	| 'selection'
	| 'selectionBlurred'
	| 'unread'
	| 'read'
	| 'divider'
	| 'status'
	| 'statusKey'
	| 'note'
	| 'warning'
	| 'match'
	| 'prompt'
	| 'overlayTitle';

export type Theme = {name: 'color' | 'mono'; styles: Readonly<Record<Token, Style>>};

export const colorTheme: Theme = {
	name: 'color',
	styles: {
		text: {},
		muted: {dimColor: true},
		title: {bold: true, color: 'cyanBright'},
		deck: {color: 'cyan'},
		meta: {dimColor: true},
		heading: {bold: true},
		caption: {color: 'gray', italic: true},
		quote: {italic: true},
		item: {},
		gutter: {color: 'gray'},
		header: {bold: true, color: 'yellow'},
		selection: {color: 'black', backgroundColor: 'cyan'},
		selectionBlurred: {color: 'black', backgroundColor: 'gray'},
		unread: {bold: true},
		read: {dimColor: true},
		divider: {color: 'gray'},
		status: {inverse: true},
		statusKey: {inverse: true, bold: true},
		note: {color: 'yellow'},
		warning: {color: 'red', bold: true},
		match: {color: 'black', backgroundColor: 'yellow'},
		prompt: {bold: true},
		overlayTitle: {bold: true, color: 'yellow'},
	},
};

export const monoTheme: Theme = {
	name: 'mono',
	styles: {
		text: {},
		muted: {dimColor: true},
		title: {bold: true},
		deck: {bold: true},
		meta: {dimColor: true},
		heading: {bold: true},
		caption: {italic: true},
		quote: {italic: true},
		item: {},
		gutter: {},
		header: {bold: true, underline: true},
		selection: {inverse: true},
		selectionBlurred: {underline: true},
		unread: {bold: true},
		read: {},
		divider: {},
		status: {inverse: true},
		statusKey: {inverse: true, bold: true},
		note: {bold: true},
		warning: {bold: true},
		match: {underline: true, bold: true},
		prompt: {bold: true},
		overlayTitle: {bold: true, underline: true},
	},
};

export type ThemePreference = 'auto' | 'color' | 'mono';

/**
 * `auto` is colour unless the environment asks for none: NO_COLOR (any non-empty value, see
 * no-color.org; Ink's colour library ignores it, so it is honoured here) or FORCE_COLOR=0.
 * An explicit `color` or `mono` (a flag or the saved preference) wins over the environment.
 */
export function resolveTheme(preference: ThemePreference, env: NodeJS.ProcessEnv): Theme {
	if (preference === 'mono') return monoTheme;
	if (preference === 'color') return colorTheme;
	if (env['NO_COLOR'] !== undefined && env['NO_COLOR'] !== '') return monoTheme;
	if (env['FORCE_COLOR'] === '0' || env['FORCE_COLOR'] === 'false') return monoTheme;
	return colorTheme;
}

const blockTokens: Record<BlockKind, Token> = {
	title: 'title',
	deck: 'deck',
	meta: 'meta',
	caption: 'caption',
	heading: 'heading',
	paragraph: 'text',
	item: 'item',
	quote: 'quote',
};

export function blockToken(kind: BlockKind): Token {
	return blockTokens[kind];
}
