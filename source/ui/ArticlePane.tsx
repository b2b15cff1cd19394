/**
 * The article pane: only the visible slice of the article's lines (never the whole article:
 * rendering 4000 lines and clipping costs ~30× more per key), styled by block kind, the
 * cells that show a search match highlighted. A view: the app decides what is visible.
 */
import {cellWidth} from '../text/width.js';
import {Box} from 'ink';
import {fitLine} from '../text/layout.js';
import type {TextOptions} from '../text/options.js';
import type {ArticleLine} from './article-lines.js';
import {Line, Row, type Segment} from './Row.js';
import type {Highlights} from './search.js';
import {blockToken, type Theme} from './theme.js';

export type ArticlePaneProps = {
	width: number;
	height: number;
	lines: readonly ArticleLine[];
	scroll: number;
	/** Shown instead of the article: loading, nothing open. */
	message?: string;
	/** Cells to highlight per line index (search matches). */
	highlights?: Highlights;
	options: TextOptions;
	theme: Theme;
};

export function ArticlePane(props: ArticlePaneProps) {
	const {width, height, lines, scroll, theme} = props;
	const rows = [];
	if (props.message === undefined) {
		const end = Math.min(lines.length, scroll + height);
		for (let index = scroll; index < end; index++) {
			const line = lines[index]!;
			const style = line.blank ? undefined : theme.styles[blockToken(line.kind)];
			const marked = props.highlights?.get(index);
			rows.push(marked
				? <Row key={index} segments={highlighted(line.text, marked, theme.styles.match)} style={style} />
				: <Line key={index} text={line.text} style={style} />);
		}
	} else {
		rows.push(<Line key="message" text={fitLine(props.message, width, props.options)} style={theme.styles.muted} />);
	}

	while (rows.length < height) {
		rows.push(<Line key={`blank-${rows.length}`} text={' '.repeat(width)} />);
	}

	return (
		<Box flexDirection="column" width={width} flexShrink={0}>
			{rows}
		</Box>
	);
}

/** A line cut where highlighted columns start and end; a mark stays with the cell of its base. */
function highlighted(text: string, ranges: ReadonlyArray<readonly [number, number]>, style: Segment['style']): Segment[] {
	const segments: Array<Segment & {on: boolean}> = [];
	let column = 0;
	for (const char of text) {
		const width = cellWidth(char);
		const last = segments.at(-1);
		const on = width === 0 && last ? last.on : ranges.some(([from, to]) => column >= from && column < to);
		if (last?.on === on) {
			last.text += char;
		} else {
			segments.push(on ? {text: char, style, on} : {text: char, on});
		}

		column += width;
	}

	return segments.map(({text: part, style: partStyle}) => ({text: part, style: partStyle}));
}
