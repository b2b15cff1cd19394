/**
 * The links overlay (`u`; and `o` when nothing here can open a link): numbered entries, each
 * with its words and its host, and below them the selected entry's whole URL as it reads (IRI
 * form: see text/iri.ts), wrapped over as many lines as it needs, left to right, with no margin,
 * so the terminal's own selection copies it; `y` copies the exact URL. A view: the app decides
 * what is listed and which entry is selected.
 */
import {Box} from 'ink';
import type {Block} from '../model.js';
import {readableUrl} from '../text/iri.js';
import {fitLine, formatNumber, layoutBlocks} from '../text/layout.js';
import {isVisual, type TextOptions} from '../text/options.js';
import {cellWidth} from '../text/width.js';
import type {LinkEntry} from './link-list.js';
import {inReadingOrder, Line, Row, type Segment} from './Row.js';
import {windowTop} from './state.js';
import {useUiText} from './text-context.js';
import type {Theme} from './theme.js';

export type LinksOverlayProps = {
	width: number;
	height: number;
	title: string;
	entries: readonly LinkEntry[];
	selected: number;
	options: TextOptions;
	theme: Theme;
};

/** A URL's paragraph, one per URL, so the layout cache keeps hitting while the overlay is open. */
const urlBlocks = new Map<string, readonly Block[]>();

function blocksOf(url: string): readonly Block[] {
	let blocks = urlBlocks.get(url);
	if (!blocks) {
		if (urlBlocks.size > 200) urlBlocks.clear();
		// Isolated left to right: a URL reads so even when most of its letters are Arabic.
		blocks = [{kind: 'paragraph', text: `\u2066${readableUrl(url)}\u2069`}];
		urlBlocks.set(url, blocks);
	}

	return blocks;
}

/**
 * The lines of a URL as the overlay shows it: its digits and marks as written whatever the
 * reading preferences say (it is an address, not prose), left aligned.
 */
export function urlLines(url: string, width: number, options: TextOptions): string[] {
	const urlOptions: TextOptions = {...options, digits: 'asis', tashkeel: 'show', align: 'left', fallbackDirection: 'ltr'};
	return layoutBlocks(blocksOf(url), Math.max(1, width), urlOptions).map(line => line.text);
}

export type LinksLayout = {listRows: number; url: string[]; cut: boolean};

/**
 * How the overlay's rows are shared: a title row, the list, a rule, then the selected URL's
 * lines. The URL gets all the lines it needs while one row of the list still shows; a URL
 * longer than the whole screen (none seen in the wild) is cut, with a line saying `y` copies it.
 */
export function linksLayout(entries: readonly LinkEntry[], selected: number, width: number, height: number, options: TextOptions): LinksLayout {
	const entry = entries[selected];
	const lines = entry ? urlLines(entry.url, width, options) : [];
	const room = Math.max(1, height - 3);
	const cut = lines.length > room;
	const url = cut ? lines.slice(0, room - 1) : lines;
	const listRows = Math.max(1, height - 2 - (cut ? room : url.length));
	return {listRows, url, cut};
}

const pointer = {rtl: '◂', ltr: '▸'};

export function LinksOverlay({width, height, title, entries, selected, options, theme}: LinksOverlayProps) {
	const strings = useUiText();
	const visual = isVisual(options);
	const rtl = options.fallbackDirection === 'rtl';
	const styles = theme.styles;
	const layout = linksLayout(entries, selected, width, height, options);
	const numbers = entries.map((_, index) => formatNumber(index + 1, options.digits));
	const numberWidth = Math.max(1, ...numbers.map(number => number.length));
	const top = windowTop(selected, 0, layout.listRows, entries.length);
	const shown = entries.slice(top, top + layout.listRows);
	const hostWidth = Math.min(Math.floor(width / 3), Math.max(1, ...shown.map(entry => cellWidth(entry.host))));
	// pointer, number, space, text, two spaces, host.
	const textWidth = Math.max(1, width - numberWidth - hostWidth - 4);
	const hostOptions: TextOptions = {...options, digits: 'asis', fallbackDirection: 'ltr'};
	const rows = [<Line key="title" text={fitLine(title, width, options)} style={styles.overlayTitle} />];
	for (const [offset, entry] of shown.entries()) {
		const index = top + offset;
		const isSelected = index === selected;
		const number = numbers[index]!;
		const segments: Segment[] = [
			{text: isSelected ? (rtl ? pointer.rtl : pointer.ltr) : ' '},
			{text: rtl && visual ? number.padEnd(numberWidth) : number.padStart(numberWidth), style: styles.muted},
			{text: ' '},
			{text: fitLine(entry.text, textWidth, options, rtl ? 'right' : 'left')},
			{text: '  '},
			{text: fitLine(entry.host, hostWidth, hostOptions, rtl ? 'left' : 'right'), style: styles.muted},
		];
		rows.push(<Row key={`entry-${index}`} segments={inReadingOrder(segments, rtl, visual)} style={isSelected ? styles.selection : undefined} />);
	}

	while (rows.length < 1 + layout.listRows) {
		rows.push(<Line key={`blank-${rows.length}`} text={' '.repeat(width)} />);
	}

	rows.push(<Line key="rule" text={'─'.repeat(width)} style={styles.divider} />);
	for (const [index, line] of layout.url.entries()) {
		rows.push(<Line key={`url-${index}`} text={line} />);
	}

	if (layout.cut) {
		rows.push(<Line key="cut" text={fitLine(strings.urlCut, width, options)} style={styles.muted} />);
	}

	while (rows.length < height) {
		rows.push(<Line key={`blank-${rows.length}`} text={' '.repeat(width)} />);
	}

	return <Box flexDirection="column" width={width}>{rows.slice(0, height)}</Box>;
}
