/**
 * The last row: where you are (source, saved copy, search result, a note that just happened)
 * on the reading-start side; the few keys that matter now, and the position in the article,
 * on the other.
 */
import {fitLine} from '../text/layout.js';
import {isVisual, type TextOptions} from '../text/options.js';
import {cellWidth} from '../text/width.js';
import {inReadingOrder, Row, type Segment} from './Row.js';
import type {Theme} from './theme.js';

export type StatusBarProps = {
	width: number;
	/** Source, saved-copy state, search result. */
	info: string;
	/** Something that just happened; shown first, highlighted. */
	note?: string;
	hints: string;
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
	// The hints give way first: to a note entirely, else the reader's side keeps half the line.
	const hintsWidth = props.note ? 0 : Math.max(0, Math.min(cellWidth(props.hints) + 2, Math.floor(width / 2) - positionWidth));
	const mainWidth = Math.max(0, width - hintsWidth - positionWidth);
	// A note quotes paths and messages: its digits stay as written, whatever the digit style.
	const mainOptions = props.note ? {...options, digits: 'asis' as const} : options;
	const segments: Segment[] = [
		{text: fitLine(main, mainWidth, mainOptions, rtl ? 'right' : 'left'), style: props.note ? theme.styles.statusKey : theme.styles.status},
		{text: fitLine(props.hints, hintsWidth, options, rtl ? 'left' : 'right'), style: theme.styles.status},
	];
	if (position) {
		segments.push({text: position, style: theme.styles.statusKey});
	}

	return <Row segments={inReadingOrder(segments, rtl, visual)} />;
}
