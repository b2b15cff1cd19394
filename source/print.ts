/**
 * `akhbar print`: an edition rendered to plain lines, the way the panes show it. Pure: the CLI
 * decides where the lines go and whether they get colour.
 */
import {headlineGroups, type Article, type Block, type BlockKind, type Edition, type Headline, type ListKind} from './model.js';
import {articleBlocks, formatNumber, layoutBlocks, logicalLine} from './text/layout.js';
import {isolate} from './text/direction.js';
import {normalize} from './text/normalize.js';
import type {TextOptions} from './text/options.js';
import {articleTextOptions} from './text-options.js';
import {withMediaLines} from './ui/media.js';
import type {Clock} from './text/dates.js';
import {englishCount} from './text/plural.js';
import {strings as arabic, type UiStrings} from './ui/strings.js';

export type PrintRequest = {
	/** The interface's words (the list kinds); Arabic when not given. */
	strings?: UiStrings;
	width: number;
	/** 1-based article number, or undefined for everything. */
	article?: number;
	headlines?: boolean;
	/** Logical order, unshaped, one line per block. */
	logical?: boolean;
	/** SGR styling per block kind (only when stdout is a terminal). */
	color?: boolean;
	text: TextOptions;
	/** The zone dates are written in (UTC without one). */
	clock?: Clock;
};

const styles: Partial<Record<BlockKind, [string, string]>> = {
	title: ['\u001B[1m', '\u001B[22m'],
	heading: ['\u001B[1m', '\u001B[22m'],
	meta: ['\u001B[2m', '\u001B[22m'],
	caption: ['\u001B[3m', '\u001B[23m'],
};

/**
 * `3. title [2]`: the rank, the title and, when the headline has text, its article number.
 * The rank and the title in the digits asked for; the article number Western in every digit
 * style, as `--article K` takes it (the line is then laid out with its digits as they are).
 */
export function headlineText(headline: Headline, digits: TextOptions['digits']): string {
	const rank = headline.rank === undefined ? '' : `${formatNumber(headline.rank, digits)}. `;
	const article = headline.article === undefined ? '' : ` [${headline.article}]`;
	return rank + normalize(headline.title, {digits, tashkeel: 'show'}) + article;
}

/**
 * `name — الأكثر قراءة`: a line of the interface's direction (RLM or LRM first) whatever script
 * the source's name is in, the name an isolate of the direction the source gives it
 * (`TechNews عربي` right to left), the list's kind in the interface's language.
 */
export function headerText(edition: Edition, list: ListKind = edition.list, strings: UiStrings = arabic): string {
	const mark = strings.direction === 'rtl' ? '\u200F' : '\u200E';
	return `${mark}${isolate(edition.name, edition.dir)} — ${strings.listNames[list]}`;
}

function render(blocks: readonly Block[], request: PrintRequest): string[] {
	if (request.logical) {
		return blocks.map(block => logicalLine(block.text, request.text));
	}

	return layoutBlocks(blocks, request.width, request.text).map(line => {
		const style = request.color ? styles[line.kind] : undefined;
		const text = line.text.trimEnd() === '' ? '' : line.text;
		return style && text ? style[0] + text + style[1] : text;
	});
}

/** Each list under its header line (the source's name and the list's kind), ranks from 1 in each. */
export function headlineLines(edition: Edition, request: PrintRequest): string[] {
	const lines: string[] = [];
	for (const group of headlineGroups(edition)) {
		const header: Block = {kind: 'heading', text: headerText(edition, group.list, request.strings)};
		const items = group.headlines.map((headline): Block => ({kind: 'item', text: headlineText(headline, request.text.digits), ...(headline.dir ? {dir: headline.dir} : {})}));
		if (lines.length > 0 && !request.logical) lines.push('');
		// Rows of a list sit together; only the header is set apart, as in the pane.
		const asWritten = {...request, text: {...request.text, digits: 'asis' as const}};
		lines.push(...(request.logical ? render([header, ...items], asWritten) : [...render([header], request), ...items.flatMap(item => render([item], asWritten))]));
	}

	return lines;
}

/**
 * An article as `print --article` writes it, its files' lines included (and as `|` pipes it).
 * `request.text` is the edition's options (editionTextOptions); the article's own declaration wins.
 */
export function articleLines(edition: Edition, article: Article, request: PrintRequest): string[] {
	const text = articleTextOptions(request.text, article, edition);
	return render(articleBlocks(withMediaLines(article, request.strings), edition.name, text, request.clock), {...request, text});
}

/** Everything `print` writes to stdout for one edition, or an error message for a bad `--article`. */
export function printEdition(edition: Edition, request: PrintRequest): {lines: string[]} | {error: string} {
	if (request.article !== undefined) {
		const article = edition.articles[request.article - 1];
		if (!article || request.article < 1) {
			return {error: `${edition.source}: no article ${request.article} (${englishCount(edition.articles.length, 'article')})`};
		}

		return {lines: articleLines(edition, article, request)};
	}

	if (request.headlines) {
		return {lines: headlineLines(edition, request)};
	}

	const lines = headlineLines(edition, request);
	for (const article of edition.articles) {
		lines.push('', ...articleLines(edition, article, request));
	}

	return {lines};
}
