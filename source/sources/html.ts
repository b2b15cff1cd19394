/**
 * HTML article pages → the page's own article (reader mode) plus its most-read list.
 *
 * Readability works on a linkedom DOM and mutates it, so everything else the page offers (the
 * الأكثر قراءة list, meta tags, the standfirst, a plain fallback of its paragraphs) is read
 * first. Readability's scoring costs time in the square of the nesting depth and recurses, so a
 * pathologically deep page skips it and is read by the fallback (and nesting past `maxNesting`
 * is flattened before the page is parsed at all).
 *
 * Readability finds the story; furniture.ts then takes out what its container still holds.
 * Measured on 30 real article pages (test/fixtures/extraction/CORPUS.md), Readability had the
 * best recall of the maintained extractors (defuddle and @extractus/article-extractor kept more
 * furniture and lost whole pages), and with the cleaning reached precision 0.976, recall 0.980.
 * This module is imported only when a page is read, so none of it costs start-up.
 */
import {Readability} from '@mozilla/readability';
import {parseHTML} from 'linkedom';
import type {Article, Block, Direction, Edition, FeedLink, Headline} from '../model.js';
import {declaredDirection} from '../text/direction.js';
import {sanitizeLine} from '../text/sanitize.js';
import {authorName, structuredSiteName, titleSuffix} from './byline.js';
import {parseDate} from './dates.js';
import {SourceError} from './errors.js';
import {removeFurniture} from './furniture.js';
import {elementToBlocks, LinkCollector, maxNesting} from './html-blocks.js';
import {headlineKey, normalizeTitle} from './keys.js';
import {findRankedList, type RankedList} from './mostread-html.js';
import {limitNesting} from './nesting.js';
import {linkOnlyArticle} from './site.js';
import {elementLine, oneLine, text, type PageDocument, type PageElement} from './page-dom.js';
import {resolveUrl} from './urls.js';

/** Deeper than this, Readability is skipped (400 levels already cost it half a second). */
const readabilityDepthLimit = 150;

const deckSelector = [
	'[class*="standfirst"]',
	'[class*="Standfirst"]',
	'[class*="lead"]',
	'[class*="Lead"]',
	'[class*="deck"]',
	'[class*="summary"]',
	'[class*="excerpt"]',
	'[class*="subtitle"]',
	'[class*="sub-title"]',
	'[class*="intro"]',
	'[itemprop="description"]',
].join(', ');

/** Page furniture whose paragraphs are not the article (for the fallback reader). */
const furniture = 'nav, header, footer, aside, form, [role="navigation"], [role="complementary"]';

function meta(document: PageDocument, ...names: string[]): string | undefined {
	for (const name of names) {
		const element =
			document.querySelector(`meta[property="${name}"]`) ?? document.querySelector(`meta[name="${name}"]`);
		const content = element?.getAttribute('content')?.trim();
		if (content) return content;
	}

	return undefined;
}

/** Nesting depth of the document, measured without recursion. */
function depthOf(root: PageElement): number {
	let deepest = 0;
	const stack: Array<[PageElement, number]> = [[root, 1]];
	while (stack.length > 0) {
		const [element, depth] = stack.pop()!;
		if (depth > deepest) deepest = depth;
		const {children} = element;
		for (let index = 0; index < children.length; index++) {
			stack.push([children[index]!, depth + 1]);
		}
	}

	return deepest;
}

type Deck = {text: string; fromMeta: boolean};

/** The standfirst: a short lead element inside the article, else the meta description. */
function deckOf(document: PageDocument): Deck | undefined {
	const scope = document.querySelector('article') ?? document.querySelector('main') ?? document.body;
	const candidates = scope?.querySelectorAll(deckSelector) ?? [];
	for (let index = 0; index < candidates.length; index++) {
		const candidate = candidates[index]!;
		if ((candidate.closest(furniture) && !candidate.closest('article')) || candidate.closest('figure')) continue;
		if (candidate.querySelector('p, div, li') && candidate.tagName.toLowerCase() !== 'p') continue;
		const value = elementLine(candidate) ?? '';
		if (value.length >= 10 && value.length <= 600) return {text: value, fromMeta: false};
	}

	const description = oneLine(meta(document, 'og:description', 'description', 'twitter:description'));
	return description ? {text: description, fromMeta: true} : undefined;
}

/**
 * The headline: the article's own h1; else an h1 that the page's og:title or <title> contains
 * (not the site logo, which many pages also put in an h1); else og:title. The <title> element,
 * which usually carries the site's name too, is the last resort, after Readability's title.
 */
function titleOf(document: PageDocument): string | undefined {
	const scoped = elementLine(document.querySelector('article h1') ?? document.querySelector('main h1'));
	if (scoped) return scoped;
	const declared = oneLine(meta(document, 'og:title', 'twitter:title'));
	const reference = normalizeTitle(declared ?? text(document.querySelector('title')));
	const headings = Array.from(document.querySelectorAll('h1'))
		.map((heading) => elementLine(heading))
		.filter((heading): heading is string => heading !== undefined);
	// Both the headline and the site's name appear in a <title>: the longer one is the headline.
	const named = headings
		.filter((heading) => heading.length >= 8 && reference.includes(normalizeTitle(heading)))
		.sort((a, b) => b.length - a.length)[0];
	return named ?? declared ?? headings[0];
}

function dateOf(document: PageDocument): string | undefined {
	const scoped = document.querySelector('article time[datetime]') ?? document.querySelector('time[datetime]');
	return (
		parseDate(meta(document, 'article:published_time', 'og:published_time', 'datePublished', 'pubdate', 'date', 'dc.date')) ??
		parseDate(scoped?.getAttribute('datetime') ?? undefined)
	);
}

const bylineSelector =
	'[class*="byline"], [class*="Byline"], [class*="author"], [class*="Author"], [rel="author"], [itemprop="author"], [class*="dateline"]';

/**
 * Byline elements ("بقلم ..." with a date) are removed before Readability: when the page has an
 * author meta tag Readability keeps them, and they would read as the article's first paragraph.
 * Returns the first one's text without its date, for pages with no author meta tag.
 */
function takeBylines(document: PageDocument): string | undefined {
	const scope = document.querySelector('article') ?? document.querySelector('main') ?? document.body;
	const candidates = Array.from(scope?.querySelectorAll(bylineSelector) ?? []);
	let byline: string | undefined;
	for (const candidate of candidates) {
		if (text(candidate).length > 150 || candidate.querySelector('p, li, h1, h2, h3')) continue;
		for (const time of Array.from(candidate.querySelectorAll('time'))) time.remove();
		byline ??= elementLine(candidate);
		candidate.remove();
	}

	return byline;
}

/**
 * Reader mode's plain fallback: every paragraph outside page furniture and the most-read list;
 * for a page with no paragraphs at all (text in divs and line breaks), the text of its body.
 */
function fallbackBlocks(document: PageDocument, links: LinkCollector, exclude: readonly PageElement[] = []): Block[] {
	const paragraphs = document.querySelectorAll('p');
	const blocks: Block[] = [];
	for (let index = 0; index < paragraphs.length; index++) {
		const paragraph = paragraphs[index]!;
		// Tag soup can nest paragraphs; the outer one already holds the inner one's text.
		if (paragraph.closest(furniture) || paragraph.parentElement?.closest('p') || exclude.some((part) => part.contains(paragraph))) continue;
		blocks.push(...elementToBlocks(paragraph, undefined, links));
	}

	if (blocks.length === 0 && document.body) {
		const listed = exclude.map((part) => (part.parentElement ?? part).textContent ?? '');
		return elementToBlocks(document.body, furniture, links).filter((block) => !listed.some((list) => list.includes(block.text)));
	}

	return blocks;
}

/** `anchorTexts`: every anchor's words, for the cleaning; `links`: the article's links, each URL once. */
type ReaderResult = {blocks: Block[]; anchorTexts: string[]; links: LinkCollector; title?: string; byline?: string; date?: string; siteName?: string; dir?: Direction};

/** `base`: what relative links in the article are relative to (Readability leaves them so under linkedom). */
function readerMode(document: PageDocument, base: string | undefined): ReaderResult | undefined {
	// Readability is typed against the DOM lib; linkedom's document is that shape at run time.
	const reader = new Readability<PageElement>(document as never, {serializer: (node) => node as unknown as PageElement});
	let result: ReturnType<typeof reader.parse>;
	try {
		result = reader.parse();
	} catch {
		// A DOM feature linkedom lacks, on some odd page: the plain fallback reads it instead.
		return undefined;
	}

	if (!result?.content) return undefined;
	// The `dir` of the article's nearest ancestor that has one.
	const dir = declaredDirection(result.dir ?? undefined, undefined);
	// Link text alone on a line is a tag or another story: the cleaning needs to know which lines are.
	const anchors = result.content.querySelectorAll('a');
	const anchorTexts: string[] = [];
	for (let index = 0; index < anchors.length; index++) anchorTexts.push(text(anchors[index]));
	const links = new LinkCollector(base);
	return {
		blocks: elementToBlocks(result.content, undefined, links),
		anchorTexts,
		links,
		title: oneLine(result.title),
		byline: oneLine(result.byline),
		date: parseDate(result.publishedTime ?? undefined),
		siteName: oneLine(result.siteName),
		...(dir ? {dir} : {}),
	};
}

/**
 * linkedom builds no document element for text that opens with no tag it places (a fragment,
 * garbage): such input is wrapped as the body of a page.
 */
function parseDocument(page: string): PageDocument {
	const html = limitNesting(page, maxNesting);
	const parsed = parseHTML(html).document as unknown as PageDocument;
	if (parsed.documentElement && parsed.body) return parsed;
	return parseHTML(`<!doctype html><html><head></head><body>${html}</body></html>`).document as unknown as PageDocument;
}

/** Reader mode's result counts only when it found more than a scrap (a lone link, a nav label). */
function substantial(blocks: Block[]): boolean {
	const total = blocks.reduce((sum, block) => sum + block.text.length, 0);
	return total >= 100 || blocks.some((block) => block.text.length >= 25);
}

/** Whether `teaser` only repeats the start of the body (an ellipsis at its end ignored). */
function restates(teaser: string, body: Block[]): boolean {
	const start = normalizeTitle(teaser)
		.replace(/(?:\.\.\.|…)$/, '')
		.trim()
		.slice(0, 60);
	const opening = normalizeTitle(
		body
			.slice(0, 3)
			.map((block) => block.text)
			.join(' '),
	);
	return start.length > 0 && opening.includes(start);
}

type Page = {article?: Article; mostRead?: RankedList; siteName?: string; lang?: string; dir?: Direction; feeds: FeedLink[]; articlePage: boolean};

/** What the page declares: `<html dir>`, else `<body dir>`, else `<html lang>`, else `<body lang>`. */
function pageDirection(document: PageDocument): Direction | undefined {
	const elements = [document.documentElement, document.body];
	const attributeOf = (name: string) => elements.map((element) => element?.getAttribute(name) ?? undefined).find((value) => value?.trim());
	return declaredDirection(attributeOf('dir'), attributeOf('lang'));
}

/** Media types of RSS, RDF, Atom and JSON Feed (whichever it is, detect.ts tells from the content). */
const feedTypes = new Set(['application/rss+xml', 'application/rdf+xml', 'application/atom+xml', 'application/feed+json', 'application/json']);

/** The feeds a page declares with `<link rel="alternate">`, in page order, links resolved. */
function declaredFeeds(document: PageDocument, base: string | undefined): FeedLink[] {
	const feeds: FeedLink[] = [];
	const links = document.querySelectorAll('link[rel][href]');
	for (let index = 0; index < links.length; index++) {
		const link = links[index]!;
		const rel = (link.getAttribute('rel') ?? '').toLowerCase().split(/\s+/);
		const type = (link.getAttribute('type') ?? '').toLowerCase().split(';')[0]!.trim();
		if (!rel.includes('alternate') || !feedTypes.has(type)) continue;
		const url = resolveUrl(link.getAttribute('href') ?? undefined, base);
		if (!url || feeds.some((feed) => feed.url === url)) continue;
		const title = oneLine(link.getAttribute('title'));
		feeds.push({url, ...(title ? {title} : {})});
	}

	return feeds;
}

const articleTypes = /"@type"\s*:\s*(?:\[[^\]]*)?"(?:\w*Article|BlogPosting|NewsArticle|Report)"/;

/**
 * An article page rather than a front page or a section's: it says so (og:type, a publication
 * time, JSON-LD of an article), else its path is more than the site's root or a language.
 */
function isArticlePage(document: PageDocument, url: string | undefined): boolean {
	const type = meta(document, 'og:type')?.toLowerCase();
	if (type === 'article' || meta(document, 'article:published_time')) return true;
	const scripts = document.querySelectorAll('script[type="application/ld+json"]');
	for (let index = 0; index < scripts.length; index++) {
		if (articleTypes.test(scripts[index]!.textContent ?? '')) return true;
	}

	if (!url) return type !== 'website';
	const segments = new URL(url).pathname.split('/').filter(Boolean);
	// Some article pages call themselves a website: their address still names one story.
	if (type === 'website') return segments.length >= 2 && /\d{6,}|[^/]{40,}/.test(segments.at(-1)!);
	return !(segments.length === 0 || (segments.length === 1 && /^[a-z]{2,3}(?:[-_][a-z]{2,4})?$|^(?:arabic|persian|urdu|hebrew|english|news|home|index\.\w+)$/i.test(segments[0]!)));
}

function readPage(html: string, source: string, pageUrl: string | undefined): Page {
	const document = parseDocument(html);
	const root = document.documentElement;
	// A page saved to a file has no URL of its own but usually names it (canonical, og:url):
	// its relative links, the most-read list's among them, resolve against that.
	const located =
		pageUrl ??
		(/^https?:\/\//i.test(source) ? source : undefined) ??
		resolveUrl(document.querySelector('link[rel="canonical"]')?.getAttribute('href') ?? undefined) ??
		resolveUrl(meta(document, 'og:url'));
	const base = resolveUrl(document.querySelector('base[href]')?.getAttribute('href') ?? undefined, located) ?? located;

	// Everything but the body text is read before Readability rewrites the DOM.
	const mostRead = findRankedList(document, source, base);
	const feeds = declaredFeeds(document, base);
	const articlePage = isArticlePage(document, located);
	const title = titleOf(document);
	const deck = deckOf(document);
	const date = dateOf(document);
	const pageTitle = oneLine(text(document.querySelector('title')));
	const author = oneLine(meta(document, 'author', 'article:author', 'byl'));
	const structured = Array.from(document.querySelectorAll('script[type="application/ld+json"]'), (script) => script.textContent ?? '');
	const declaredSite = oneLine(meta(document, 'og:site_name')) ?? oneLine(structuredSiteName(structured)) ?? oneLine(meta(document, 'application-name'));
	const lang = oneLine(root?.getAttribute('lang'));
	const dir = pageDirection(document);
	const canonical =
		resolveUrl(document.querySelector('link[rel="canonical"]')?.getAttribute('href') ?? undefined, base) ??
		resolveUrl(meta(document, 'og:url'), base) ??
		resolveUrl(located);
	const fallbackLinks = new LinkCollector(base);
	const fallback = fallbackBlocks(document, fallbackLinks, mostRead?.parts);
	const bylineText = takeBylines(document);
	// Read already, the list would otherwise be taken for part of the article when it sits in it.
	for (const part of mostRead?.parts ?? []) part.remove();
	const page = {mostRead, siteName: declaredSite ?? oneLine(titleSuffix(pageTitle)), lang, feeds, articlePage, ...(dir ? {dir} : {})};
	// A front page with a list of its own: the list is the edition, its teasers no article.
	if (!articlePage && mostRead) return page;

	const reader = root && depthOf(root) <= readabilityDepthLimit ? readerMode(document, base) : undefined;
	const finalTitle = title ?? reader?.title ?? pageTitle;
	const siteName = declaredSite ?? reader?.siteName ?? oneLine(titleSuffix(pageTitle));
	const named = {siteName, pageTitle, url: canonical};
	const byline = authorName(author, named) ?? authorName(bylineText, named) ?? authorName(reader?.byline, named);
	const repeated = new Set([finalTitle, deck?.text, reader?.byline].filter(Boolean).map((value) => normalizeTitle(value!)));
	const fromReader = reader !== undefined && substantial(reader.blocks);
	let links = fromReader ? reader.links : fallbackLinks;
	let body = (fromReader ? reader.blocks : fallback).filter(
		(block) => !repeated.has(normalizeTitle(block.text)),
	);
	if (body.length === 0 && fallback.length > 0) {
		body = fallback;
		links = fallbackLinks;
	}

	if (body.length === 0 && !deck) {
		if (mostRead || feeds.length > 0) return page;
		throw new SourceError(source, 'no article text found');
	}

	const articleTitle = finalTitle ?? sanitizeLine(body[0]?.text.slice(0, 80) ?? source);
	// A meta description is often the first sentence of the body, shortened: then it is no deck.
	const showDeck = deck && !(deck.fromMeta && restates(deck.text, body));
	const shown: Block[] = showDeck ? [{kind: 'deck', text: deck.text}, ...body] : body;
	const cleaned = removeFurniture(shown, {title: finalTitle, pageTitle, shown: [siteName, byline, author], links: reader?.anchorTexts});
	// The cleaning never leaves an article with nothing to read.
	const blocks = cleaned.some((block) => block.kind !== 'deck') ? cleaned : shown;
	const article: Article = {
		key: headlineKey(source, {url: canonical, title: articleTitle}),
		title: articleTitle,
		blocks,
	};
	if (canonical) article.url = canonical;
	if (byline) article.author = byline;
	const when = date ?? reader?.date;
	if (when) article.date = when;
	if (lang) article.lang = lang;
	const articleDir = reader?.dir ?? dir;
	if (articleDir) article.dir = articleDir;
	if (links.links.length > 0) article.links = links.links;
	return {...page, siteName, article};
}

/** The full text of one article page (for an item whose feed gave only a summary). */
export function extractArticle(html: string, source: string, pageUrl?: string): Article {
	const {article} = readPage(html, source, pageUrl);
	if (!article) throw new SourceError(source, 'not an article page (a front page with a list of links)');
	return article;
}

/**
 * An HTML page → Edition: the page's own article first (article 1, no rank) when it is an
 * article page, then its most-read list (ranked, each headline an article: the page's own when
 * it is listed, else a link-only one whose text is fetched on open).
 */
export function parsePage(html: string, source: string, pageUrl?: string): Edition {
	const {article, mostRead, siteName, lang, dir, feeds, articlePage} = readPage(html, source, pageUrl);
	const url = pageUrl ?? (/^https?:\/\//i.test(source) ? source : undefined);
	const headlines: Headline[] = [];
	const articles: Article[] = [];
	if (article) {
		const own: Headline = {key: article.key, title: article.title, article: 1};
		if (article.url) own.url = article.url;
		if (article.date) own.date = article.date;
		headlines.push(own);
		articles.push(article);
	}

	const kind = mostRead?.kind ?? 'latest';
	for (const headline of mostRead?.headlines ?? []) {
		// The page's own story is often in its own most-read list: that entry has the text too.
		if (article && headline.key === article.key) {
			headlines.push({...headline, list: kind, article: 1});
			continue;
		}

		articles.push(linkOnlyArticle(headline, lang));
		headlines.push({...headline, list: kind, article: articles.length});
	}

	const edition: Edition = {
		source,
		name: siteName ?? source,
		list: kind,
		headlines,
		articles,
		notes: [],
		site: {feeds, articlePage, ...(url ? {url} : {})},
	};
	if (lang) edition.lang = lang;
	if (dir) edition.dir = dir;
	return edition;
}
