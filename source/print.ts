/**
 * `akhbar print`: an edition rendered to plain lines, the way the panes show it. Pure: the CLI
 * decides where the lines go and whether they get colour.
 */
import type {Article, Block, BlockKind, Edition, Headline} from './model.js';
import {articleBlocks, formatNumber, layoutBlocks, logicalLine} from './text/layout.js';
import type {TextOptions} from './text/options.js';

export type PrintRequest = {
	width: number;
	/** 1-based article number, or undefined for everything. */
	article?: number;
	headlines?: boolean;
	/** Logical order, unshaped, one line per block. */
	logical?: boolean;
	/** SGR styling per block kind (only when stdout is a terminal). */
	color?: boolean;
	text: TextOptions;
};

export const listNames = {
	'most-read': 'الأكثر قراءة',
	latest: 'آخر الأخبار',
} as const;

const styles: Partial<Record<BlockKind, [string, string]>> = {
	title: ['\u001B[1m', '\u001B[22m'],
	heading: ['\u001B[1m', '\u001B[22m'],
	meta: ['\u001B[2m', '\u001B[22m'],
	caption: ['\u001B[3m', '\u001B[23m'],
};

/** `3. title [2]`: the rank, the title and, when the headline has text, its article number. */
export function headlineText(headline: Headline, digits: TextOptions['digits']): string {
	const rank = headline.rank === undefined ? '' : `${formatNumber(headline.rank, digits)}. `;
	const article = headline.article === undefined ? '' : ` [${formatNumber(headline.article, digits)}]`;
	return rank + headline.title + article;
}

/** `name — الأكثر قراءة`: an Arabic line (RLM first) whatever script the source's name is in. */
export function headerText(edition: Edition): string {
	return `\u200F\u2068${edition.name}\u2069 — ${listNames[edition.list]}`;
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

export function headlineLines(edition: Edition, request: PrintRequest): string[] {
	const blocks: Block[] = [
		{kind: 'heading', text: headerText(edition)},
		...edition.headlines.map((headline): Block => ({kind: 'item', text: headlineText(headline, request.text.digits)})),
	];
	if (request.logical) {
		return render(blocks, request);
	}

	// Rows of a list sit together; only the header is set apart, as in the pane.
	const [header, ...items] = blocks;
	return [...render([header!], request), ...items.flatMap(item => render([item], request))];
}

export function articleLines(edition: Edition, article: Article, request: PrintRequest): string[] {
	return render(articleBlocks(article, edition.name, request.text), request);
}

/** Everything `print` writes to stdout for one edition, or an error message for a bad `--article`. */
export function printEdition(edition: Edition, request: PrintRequest): {lines: string[]} | {error: string} {
	if (request.article !== undefined) {
		const article = edition.articles[request.article - 1];
		if (!article || request.article < 1) {
			return {error: `${edition.source}: no article ${request.article} (${edition.articles.length} articles)`};
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
