/**
 * The `?` overlay, generated from the key-binding table (keys.ts), plus what a reader needs to
 * know about this terminal (tmux passthrough, a terminal that reorders Arabic by itself).
 */
import {Box} from 'ink';
import {fitLine} from '../text/layout.js';
import {isVisual, type TextOptions} from '../text/options.js';
import {defaultKeyTable, helpRows, type KeyTable} from './keys.js';
import {inReadingOrder, Line, Row} from './Row.js';
import {strings as arabic, type UiStrings} from './strings.js';
import type {Theme} from './theme.js';

export type HelpLine = {keys?: string; text: string; latin?: boolean; title?: boolean};

/** Everything the overlay can show; it scrolls when the terminal is short. */
export function helpLines(context: {tmux: boolean; implicitTerminal?: string}, table: KeyTable = defaultKeyTable, strings: UiStrings = arabic): HelpLine[] {
	// What is particular to this terminal comes first, where it is seen without scrolling.
	const lines: HelpLine[] = [];
	if (context.tmux) {
		lines.push({text: strings.helpTmux}, {text: strings.helpTmuxLine, latin: true}, {text: ''});
	}

	if (context.implicitTerminal) {
		lines.push({text: strings.helpImplicit(context.implicitTerminal)}, {text: ''});
	}

	lines.push({text: strings.helpTitle, title: true});
	for (const row of helpRows(table)) {
		lines.push({keys: row.keys, text: strings.commandHelp[row.command] ?? row.help});
	}

	lines.push({text: ''}, {text: strings.helpArabicLayouts});
	return lines;
}

export type HelpProps = {
	width: number;
	height: number;
	lines: readonly HelpLine[];
	scroll: number;
	options: TextOptions;
	theme: Theme;
};

export function Help({width, height, lines, scroll, options, theme}: HelpProps) {
	const visual = isVisual(options);
	const rtl = options.fallbackDirection === 'rtl';
	const keyWidth = Math.min(24, Math.max(...lines.map(line => line.keys?.length ?? 0)));
	const rows = [];
	for (const [index, line] of lines.slice(scroll, scroll + height).entries()) {
		const key = scroll + index;
		if (line.keys === undefined) {
			const align = line.latin ? 'left' : (rtl ? 'right' : 'left');
			rows.push(<Line key={key} text={fitLine(line.text, width, options, align)} style={line.title ? theme.styles.overlayTitle : undefined} />);
			continue;
		}

		// Keys are Latin: kept left-to-right in their own column on the reading-start side.
		const keys = line.keys.length > keyWidth ? line.keys.slice(0, keyWidth) : line.keys;
		const keyText = rtl && visual ? keys.padStart(keyWidth) : keys.padEnd(keyWidth);
		const segments = inReadingOrder(
			[
				{text: ` ${keyText}`, style: theme.styles.statusKey},
				{text: '  '},
				{text: fitLine(line.text, Math.max(1, width - keyWidth - 3), options)},
			],
			rtl,
			visual,
		);
		rows.push(<Row key={key} segments={segments} />);
	}

	while (rows.length < height) {
		rows.push(<Line key={`blank-${rows.length}`} text={' '.repeat(width)} />);
	}

	return <Box flexDirection="column" width={width}>{rows}</Box>;
}
