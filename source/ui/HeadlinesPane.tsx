/**
 * The headlines pane: a header (which list, how many unread, which source), then one row per
 * headline: a pointer on the selected row, the rank, ★ when starred, • when unread, the title fitted to the
 * pane (truncated in logical order, so the ellipsis ends the text). A view: no state, no keys.
 */
import {Box} from 'ink';
import {useMemo} from 'react';
import type {Block, Direction} from '../model.js';
import {fitLine, formatNumber, layoutBlocks} from '../text/layout.js';
import {sanitizeLine} from '../text/sanitize.js';
import {cellWidth} from '../text/width.js';
import {isVisual, type TextOptions} from '../text/options.js';
import {type CellAt, firstShownHeadline, textStart, titleIsRtl} from './cursor.js';
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
	/** Starred (`*`): a star before its unread mark. */
	starred?: boolean;
	/** The name of the list this row opens, when the pane shows more than one (a site's). */
	section?: string;
	/** The source it comes from, in an edition across sources (untrusted: fitLine sanitizes it). */
	source?: string;
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
/** The starred mark: one cell, in the space between the number and the unread mark. */
export const starMark = '★';

/** A title keeps at least this many cells before a source's name takes any beside it. */
const minTitleWidth = 20;

/**
 * The ranks as shown, the cells left for a title beside the pointer, rank, mark and spaces, and
 * the cells of the sources' names after it (at most a quarter of the pane, none when narrow).
 */
function columnsOf(rows: readonly HeadlineRow[], width: number, options: TextOptions): {numbers: string[]; numberWidth: number; titleWidth: number; sourceWidth: number} {
	const numbers = rows.map(row => (row.number === undefined ? '' : formatNumber(row.number, options.digits)));
	const numberWidth = Math.max(1, ...numbers.map(number => number.length));
	// pointer, number, space, mark, space: the rest is the title's.
	const titleWidth = Math.max(1, width - numberWidth - 4);
	const longest = Math.max(0, ...rows.map(row => (row.source === undefined ? 0 : cellWidth(sanitizeLine(row.source)))));
	const sourceWidth = Math.min(longest, Math.floor(width / 4), 24);
	if (sourceWidth < 4 || titleWidth - sourceWidth - 1 < minTitleWidth) return {numbers, numberWidth, titleWidth, sourceWidth: 0};
	return {numbers, numberWidth, titleWidth: titleWidth - sourceWidth - 1, sourceWidth};
}

function fittedTitle(row: HeadlineRow, titleWidth: number, options: TextOptions): string {
	return fitLine(row.title, titleWidth, row.dir ? {...options, declaredDirection: row.dir} : options);
}

/**
 * The cell of the pane (row 0 is the header) where the selected headline's text begins, where
 * the cursor goes for screen magnifiers and braille displays; undefined when no headline shows.
 */
export function selectedHeadlineCell(props: Pick<HeadlinesPaneProps, 'width' | 'height' | 'rows' | 'message' | 'selected' | 'top' | 'options'>): CellAt | undefined {
	const {width, height, rows, selected, options} = props;
	const row = rows[selected];
	if (props.message !== undefined || !row) {
		return undefined;
	}

	const listRows = Math.max(0, height - 1);
	const {rowOf} = firstShownHeadline(rows.map(each => each.section !== undefined), selected, props.top, listRows);
	const line = rowOf(selected);
	const {numberWidth, titleWidth, sourceWidth} = columnsOf(rows, width, options);
	const visual = isVisual(options);
	const start = textStart(fittedTitle(row, titleWidth, options), titleIsRtl(row.title, row.dir, options), visual);
	if (line < 0 || line >= listRows || start === undefined) {
		return undefined;
	}

	// A right-to-left row in visual order is drawn from its end: the source's name, then the title.
	const titleColumn = visual && options.fallbackDirection === 'rtl' ? (sourceWidth > 0 ? sourceWidth + 1 : 0) : numberWidth + 4;
	return {row: 1 + line, col: titleColumn + start};
}

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
	const {numbers, numberWidth, titleWidth, sourceWidth} = columnsOf(rows, width, options);
	// One block per message, so the layout's cache keeps its lines across frames.
	const message = useMemo<Block[] | undefined>(() => (props.message === undefined ? undefined : [{kind: 'paragraph', text: props.message}]), [props.message]);
	const lines = [];
	if (message) {
		// The interface's own words (a source's failure): laid out as its Arabic, wrapped whole.
		for (const [index, line] of layoutBlocks(message, width, ui).slice(0, listRows).entries()) {
			lines.push(<Line key={`message-${index}`} text={line.text} style={styles.muted} />);
		}
	}

	// A list's name takes a row above its first headline: the window counts those rows too, and
	// still shows the selected row.
	const {first} = firstShownHeadline(rows.map(row => row.section !== undefined), selected, top, listRows);
	for (let index = first; index < rows.length && lines.length < listRows; index++) {
		const row = rows[index]!;
		if (row.section !== undefined) {
			lines.push(<Line key={`section-${index}`} text={fitLine(row.section, width, ui)} style={styles.header} />);
			if (lines.length >= listRows) break;
		}

		const isSelected = index === selected;
		const number = numbers[index]!;
		// Pointer, number, space, mark, space: the rest is the title's.
		// Padding goes on the outer side so the numbers line up beside the marks.
		const paddedNumber = rtl && visual ? number.padEnd(numberWidth) : number.padStart(numberWidth);
		const segments: Segment[] = [
			{text: isSelected ? (rtl ? pointer.rtl : pointer.ltr) : ' '},
			{text: paddedNumber, style: styles.muted},
			{text: row.starred ? starMark : ' ', style: styles.unread},
			{text: row.read ? ' ' : '•', style: styles.unread},
			{text: ' '},
			{text: fittedTitle(row, titleWidth, options), style: row.read ? styles.read : styles.unread},
			// The source's name beside the title, where the interface's lines start (a Latin name in Arabic too).
			...(sourceWidth > 0 ? [{text: ' '}, {text: fitLine(row.source ?? '', sourceWidth, options, rtl ? 'right' : 'left'), style: styles.muted}] : []),
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
