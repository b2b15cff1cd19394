/**
 * The overview (S): every source of the library on one screen, a row each: its name, how many
 * of its items are unread, a mark when it has a most-read list, how long ago it was refreshed
 * and a mark when its last refresh failed; a tag's name heads the rows of its sources. A
 * view: the rows come made (app.tsx), the selection from the reducer (ui/state.ts).
 */
import {Box} from 'ink';
import {fitLine, formatNumber} from '../text/layout.js';
import {isVisual, type TextOptions} from '../text/options.js';
import {cellWidth} from '../text/width.js';
import {inReadingOrder, Line, Row, type Segment} from './Row.js';
import type {Theme} from './theme.js';

export type OverviewRow =
	| {kind: 'heading'; text: string}
	| {
		kind: 'source';
		/** Untrusted (a feed's own title): fitLine sanitizes it. */
		name: string;
		/** Undefined for the editions built across sources (their items are counted where they come from). */
		unread?: number;
		mostRead: boolean;
		/** How long ago it was refreshed, in the interface's words. */
		age?: string;
		failed: boolean;
	};

export type OverviewProps = {
	width: number;
	/** All rows, the title's included. */
	height: number;
	title: string;
	rows: readonly OverviewRow[];
	selected: number;
	top: number;
	options: TextOptions;
	theme: Theme;
};

/** The marks: a most-read list, a failed refresh. One cell each, the same in every terminal. */
export const overviewMarks = {mostRead: '↑', failed: '!'};

const pointer = {rtl: '◂', ltr: '▸'};

export function Overview({width, height, title, rows, selected, top, options, theme}: OverviewProps) {
	const styles = theme.styles;
	const rtl = options.fallbackDirection === 'rtl';
	const visual = isVisual(options);
	const listRows = Math.max(0, height - 1);
	// Names and tags start where the interface's lines start, whatever their own direction.
	const start = rtl ? 'right' : 'left';
	const sources = rows.filter(row => row.kind === 'source');
	const counts = rows.map(row => (row.kind === 'source' && row.unread !== undefined ? formatNumber(row.unread, options.digits) : ''));
	const countWidth = Math.max(1, ...counts.map(count => count.length));
	const ageWidth = Math.min(12, Math.max(1, ...sources.map(row => cellWidth(row.age ?? ''))));
	// Pointer, space, name, space, count, space, two marks, space, age.
	const nameWidth = Math.max(1, width - countWidth - ageWidth - 7);
	const lines = [];
	for (let index = top; index < rows.length && lines.length < listRows; index++) {
		const row = rows[index]!;
		if (row.kind === 'heading') {
			lines.push(<Line key={index} text={fitLine(row.text, width, options, start)} style={styles.header} />);
			continue;
		}

		const isSelected = index === selected;
		const count = counts[index]!;
		const segments: Segment[] = [
			{text: isSelected ? (rtl ? pointer.rtl : pointer.ltr) : ' '},
			{text: ' '},
			{text: fitLine(row.name, nameWidth, options, start), style: row.unread === 0 ? styles.read : styles.unread},
			{text: ' '},
			// Padding on the outer side keeps the numbers in line beside the marks.
			{text: rtl && visual ? count.padEnd(countWidth) : count.padStart(countWidth), style: styles.muted},
			{text: ' '},
			{text: row.mostRead ? overviewMarks.mostRead : ' ', style: styles.muted},
			{text: row.failed ? overviewMarks.failed : ' ', style: styles.unread},
			{text: ' '},
			{text: fitLine(row.age ?? '', ageWidth, options), style: styles.muted},
		];
		lines.push(<Row key={index} segments={inReadingOrder(segments, rtl, visual)} style={isSelected ? styles.selection : undefined} />);
	}

	while (lines.length < listRows) {
		lines.push(<Line key={`blank-${lines.length}`} text={' '.repeat(width)} />);
	}

	return (
		<Box flexDirection="column" width={width} flexShrink={0}>
			<Line text={fitLine(title, width, options, start)} style={styles.overlayTitle} />
			{lines}
		</Box>
	);
}
