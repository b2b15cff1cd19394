/**
 * The article pane: only the visible slice of the article's lines (never the whole article:
 * rendering 4000 lines and clipping costs ~30× more per key), styled by block kind, lines
 * that match a search highlighted. A view: the app decides what is visible.
 */
import {Box} from 'ink';
import {fitLine} from '../text/layout.js';
import type {TextOptions} from '../text/options.js';
import type {ArticleLine} from './article-lines.js';
import {Line} from './Row.js';
import {blockToken, type Theme} from './theme.js';

export type ArticlePaneProps = {
	width: number;
	height: number;
	lines: readonly ArticleLine[];
	scroll: number;
	/** Shown instead of the article: loading, nothing open. */
	message?: string;
	/** Line indexes to highlight (search matches). */
	matches?: ReadonlySet<number>;
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
			const style = props.matches?.has(index) ? theme.styles.match : theme.styles[blockToken(line.kind)];
			rows.push(<Line key={index} text={line.text} style={line.blank ? undefined : style} />);
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
