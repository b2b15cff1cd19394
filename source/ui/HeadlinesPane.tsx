/**
 * The headlines pane: a header (which list, how many unread, which source), then one row per
 * headline: a pointer on the selected row, the rank, • when unread, the title fitted to the
 * pane (truncated in logical order, so the ellipsis ends the text). A view: no state, no keys.
 */
import {Box} from 'ink';
import {useMemo} from 'react';
import type {Block, Direction} from '../model.js';
import {fitLine, formatNumber, layoutBlocks} from '../text/layout.js';
import {isVisual, type TextOptions} from '../text/options.js';
import {inReadingOrder, Line, Row, type Segment} from './Row.js';
import {useUiText} from './text-context.js';
import type {Theme} from './theme.js';

export type HeadlineRow = {
	title: string;
	/** What the item declares, when it differs from its edition (`options.declaredDirection`). */
	dir?: Direction;
	/** The number shown (the rank); absent for a page's own article. */
	number?: number;
	read: boolean;
	/** The name of the list this row opens, when the pane shows more than one (a site's). */
	section?: string;
};

export type HeadlinesPaneProps = {
	width: number;
	/** All rows of the pane, header included. */
	height: number;
	header: string;
	rows: readonly HeadlineRow[];
	/** Shown instead of rows (loading, failed, empty), wrapped over as many rows as it needs. */
	message?: string;
	selected: number;
	top: number;
	focused: boolean;
	options: TextOptions;
	theme: Theme;
};

const pointer = {rtl: '◂', ltr: '▸'};

export function HeadlinesPane(props: HeadlinesPaneProps) {
	const {width, height, rows, selected, top, focused, options, theme} = props;
	const visual = isVisual(options);
	const rtl = options.fallbackDirection === 'rtl';
	const styles = theme.styles;
	// The header, list names and messages are the interface's words, whatever the source declares:
	// in the interface's direction (a long Latin source name cannot turn an Arabic header).
	const direction = useUiText().direction;
	const ui: TextOptions = {...options, declaredDirection: direction};
	const listRows = Math.max(0, height - 1);
	const numbers = rows.map(row => (row.number === undefined ? '' : formatNumber(row.number, options.digits)));
	const numberWidth = Math.max(1, ...numbers.map(number => number.length));
	// pointer, number, space, mark, space: the rest is the title's.
	const titleWidth = Math.max(1, width - numberWidth - 4);
	// One block per message, so the layout's cache keeps its lines across frames.
	const message = useMemo<Block[] | undefined>(() => (props.message === undefined ? undefined : [{kind: 'paragraph', text: props.message}]), [props.message]);
	const lines = [];
	if (message) {
		// The interface's own words (a source's failure): laid out as its Arabic, wrapped whole.
		for (const [index, line] of layoutBlocks(message, width, ui).slice(0, listRows).entries()) {
			lines.push(<Line key={`message-${index}`} text={line.text} style={styles.muted} />);
		}
	} else if (rows.length === 0) {
		lines.push(<Line key="message" text={fitLine('', width, ui)} style={styles.muted} />);
	}

	// A list's name takes a row above its first headline: the window counts those rows too, and
	// still shows the selected row.
	const at: number[] = [];
	for (let index = 0, position = 0; index < rows.length; index++) {
		position += rows[index]!.section === undefined ? 1 : 2;
		at.push(position - 1);
	}

	const startOf = (index: number) => (at[index] ?? 0) - (rows[index]?.section === undefined ? 0 : 1);
	let first = top;
	while (first < selected && (at[selected] ?? 0) - startOf(first) >= listRows) first++;
	for (let index = first; index < rows.length && lines.length < listRows; index++) {
		const row = rows[index]!;
		if (row.section !== undefined) {
			lines.push(<Line key={`section-${index}`} text={fitLine(row.section, width, ui)} style={styles.header} />);
			if (lines.length >= listRows) break;
		}

		const isSelected = index === selected;
		const number = numbers[index]!;
		// Padding goes on the outer side so the numbers line up beside the marks.
		const paddedNumber = rtl && visual ? number.padEnd(numberWidth) : number.padStart(numberWidth);
		const segments: Segment[] = [
			{text: isSelected ? (rtl ? pointer.rtl : pointer.ltr) : ' '},
			{text: paddedNumber, style: styles.muted},
			{text: ' '},
			{text: row.read ? ' ' : '•', style: styles.unread},
			{text: ' '},
			{text: fitLine(row.title, titleWidth, row.dir ? {...options, declaredDirection: row.dir} : options), style: row.read ? styles.read : styles.unread},
		];
		const rowStyle = isSelected ? (focused ? styles.selection : styles.selectionBlurred) : undefined;
		lines.push(<Row key={index} segments={inReadingOrder(segments, rtl, visual)} style={rowStyle} />);
	}

	while (lines.length < listRows) {
		lines.push(<Line key={`blank-${lines.length}`} text={' '.repeat(width)} />);
	}

	return (
		<Box flexDirection="column" width={width} flexShrink={0}>
			<Line text={fitLine(props.header, width, ui)} style={styles.header} />
			{lines}
		</Box>
	);
}
