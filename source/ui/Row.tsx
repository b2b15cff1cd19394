/**
 * One terminal row made of styled pieces. The pieces are already exactly as wide as they
 * must be; Ink only prints them (`truncate-end`: never wraps, so a row stays one row).
 */
import {Text} from 'ink';
import type {Style} from './theme.js';

export type Segment = {text: string; style?: Style};

/**
 * Pieces are given in reading order. In visual mode a right-to-left row is drawn from its end,
 * so the pieces are reversed; in logical mode the terminal does that itself.
 */
export function inReadingOrder(segments: Segment[], rtl: boolean, visual: boolean): Segment[] {
	return visual && rtl ? [...segments].reverse() : segments;
}

export function Row({segments, style}: {segments: readonly Segment[]; style?: Style}) {
	return (
		<Text wrap="truncate-end" {...style}>
			{segments.map((segment, index) => (
				// Pieces never move within a row, so their position is a stable key.
				// eslint-disable-next-line react/no-array-index-key
				<Text key={index} {...segment.style}>{segment.text}</Text>
			))}
		</Text>
	);
}

export function Line({text, style}: {text: string; style?: Style}) {
	return <Text wrap="truncate-end" {...style}>{text}</Text>;
}
