/**
 * The last row: where you are (source, saved copy, search result, a note that just happened)
 * on the reading-start side; the few keys that matter now, and the position in the article,
 * on the other. The keys take the space the reader's side leaves free; when the line is
 * short they give way one by one (ui/hints.ts says in which order), the help key never.
 */
import {fitLine} from '../text/layout.js';
import {isVisual, type TextOptions} from '../text/options.js';
import {cellWidth} from '../text/width.js';
import type {Hint} from './hints.js';
import {inReadingOrder, Row, type Segment} from './Row.js';
import type {Theme} from './theme.js';

export type StatusBarProps = {
	width: number;
	/** Source, saved-copy state, search result. */
	info: string;
	/** Something that just happened; shown first, highlighted. */
	note?: string;
	hints: readonly Hint[];
	/** "35%", at the far end of the line. */
	position?: string;
	options: TextOptions;
	theme: Theme;
};

export function StatusBar(props: StatusBarProps) {
	const {width, options, theme} = props;
	const visual = isVisual(options);
	const rtl = options.fallbackDirection === 'rtl';
	const main = props.note ? [props.note, props.info].filter(Boolean).join(' · ') : props.info;
	const position = props.position ? ` ${props.position} ` : '';
	const positionWidth = cellWidth(position);
	const available = Math.max(0, width - positionWidth);
	const hints = fittingHints(props.hints, Math.max(0, available - (main ? cellWidth(main) + 2 : 0)));
	const hintsText = hints.map(hint => hint.text).join(' · ');
	// What the hints cannot leave to the reader's side (the help key alone) is cut from it.
	const hintsWidth = hintsText ? Math.min(available, cellWidth(hintsText) + 2) : 0;
	const mainWidth = Math.max(0, available - hintsWidth);
	// A note quotes paths and messages: its digits stay as written, whatever the digit style.
	const mainOptions = props.note ? {...options, digits: 'asis' as const} : options;
	const segments: Segment[] = [
		{text: fitLine(main, mainWidth, mainOptions, rtl ? 'right' : 'left'), style: props.note ? theme.styles.statusKey : theme.styles.status},
		{text: atOuterEdge(fitLine(hintsText, Math.max(0, hintsWidth - 1), options, rtl ? 'left' : 'right'), hintsWidth > 0, rtl && visual), style: theme.styles.status},
	];
	if (position) {
		segments.push({text: position, style: theme.styles.statusKey});
	}

	return <Row segments={inReadingOrder(segments, rtl, visual)} />;
}

/** The hints that fit in `room` cells with their separators, the lowest priorities dropped first. */
function fittingHints(hints: readonly Hint[], room: number): Hint[] {
	let kept = [...hints];
	const widthOf = (list: readonly Hint[]) => (list.length === 0 ? 0 : cellWidth(list.map(hint => hint.text).join(' · ')) + 2);
	while (widthOf(kept) > room) {
		const droppable = kept.filter(hint => hint.priority !== undefined);
		if (droppable.length === 0) break;
		const lowest = droppable.reduce((low, hint) => (hint.priority! < low.priority! ? hint : low));
		kept = kept.filter(hint => hint !== lowest);
	}

	return kept;
}

/** One cell between the keys and the edge of the screen (the left edge of a right-to-left row drawn in visual order). */
function atOuterEdge(text: string, room: boolean, leftEdge: boolean): string {
	if (!room) return text;
	return leftEdge ? ` ${text}` : `${text} `;
}
