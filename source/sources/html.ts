/**
 * HTML article pages → the page's own article (reader mode) plus its most-read list.
 *
 * Readability works on a linkedom DOM and mutates it, so everything else the page offers (the
 * الأكثر قراءة list, meta tags, the standfirst, a plain fallback of its paragraphs) is read
 * first. Readability's scoring costs time in the square of the nesting depth and recurses, so a
 * pathologically deep page skips it and is read by the fallback (and nesting past `maxNesting`
 * is flattened before the page is parsed at all).
 */
import {Readability} from '@mozilla/readability';
import {parseHTML} from 'linkedom';
import type {Article, Block, Edition, Headline} from '../model.js';
import {sanitizeLine} from '../text/sanitize.js';
import {parseDate} from './dates.js';
import {SourceError} from './errors.js';
import {elementToBlocks, maxNesting} from './html-blocks.js';
import {headlineKey, normalizeTitle} from './keys.js';
import {limitNesting} from './nesting.js';
import {resolveUrl} from './urls.js';

/** The part of the DOM this module uses (the project compiles without the DOM lib). */
type PageElement = {
	tagName: string;
	remove(): void;
	textContent: string | null;
	children: ArrayLike<PageElement>;
	parentElement: PageElement | null;
	nextElementSibling: PageElement | null;
	getAttribute(name: string): string | null;
	querySelector(selector: string): PageElement | null;
	querySelectorAll(selector: string): ArrayLike<PageElement>;
	closest(selector: string): PageElement | null;
	contains(other: PageElement): boolean;
};

type PageDocument = {
	documentElement: PageElement;
	body: PageElement | null;
	querySelector(selector: string): PageElement | null;
	querySelectorAll(selector: string): ArrayLike<PageElement>;
};

/** Deeper than this, Readability is skipped (400 levels already cost it half a second). */
const readabilityDepthLimit = 150;

/** Most-read headings, after tashkeel and spacing are normalized. */
const mostReadHeading =
	/^(?:الأكثر (?:قراءة|قراءه|مشاهدة|مشاهده|تداولا|تداول|شعبية|شعبيه)|الاكثر (?:قراءة|قراءه|مشاهدة|تداولا)|most (?:read|popular|viewed|watched))(?: [^ ]+){0,3}$/;

const headingSelector =
	'h1, h2, h3, h4, h5, h6, [role="heading"], [class*="title"], [class*="Title"], [class*="heading"], [class*="Heading"], [class*="header"], [class*="Header"]';

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

function text(element: PageElement | null | undefined): string {
	return (element?.textContent ?? '').replace(/\s+/g, ' ').trim();
}

/** Text the parser already decoded (attribute values, Readability's fields) → a safe line. */
function oneLine(value: string | null | undefined): string | undefined {
	if (!value) return undefined;
	return sanitizeLine(value.replace(/\s+/g, ' ').trim()).trim() || undefined;
}

/** An element's visible text as one line: unlike textContent, never a script's or a style's. */
function elementLine(element: PageElement | null | undefined): string | undefined {
	if (!element) return undefined;
	return oneLine(
		elementToBlocks(element)
			.map((block) => block.text)
			.join(' '),
	);
}

function meta(document: PageDocument, ...names: string[]): string | undefined {
	for (const name of names) {
		const element =
			document.querySelector(`meta[property="${name}"]`) ?? document.querySelector(`meta[name="${name}"]`);
		const content = element?.getAttribute('content')?.trim();
		if (content) return content;
	}

	return undefined;
}

function matchesHeading(value: string): boolean {
	const normalized = normalizeTitle(value).replace(/[:：.!؟?«»"]+/g, ' ').replace(/\s+/g, ' ').trim();
	return normalized.length <= 40 && mostReadHeading.test(normalized);
}

function isList(element: PageElement): boolean {
	const tag = element.tagName.toLowerCase();
	return (tag === 'ol' || tag === 'ul') && element.querySelector('li a[href]') !== null;
}

/** The first list of links after a heading: among its next siblings, or its ancestors' next siblings. */
function listAfter(heading: PageElement): PageElement | undefined {
	let node: PageElement | null = heading;
	for (let level = 0; node && level < 4; level++, node = node.parentElement) {
		let sibling = node.nextElementSibling;
		for (let step = 0; sibling && step < 4; step++, sibling = sibling.nextElementSibling) {
			if (isList(sibling)) return sibling;
			const inner = sibling.querySelector('ol, ul');
			if (inner && isList(inner)) return inner;
			if (/^h[1-6]$/i.test(sibling.tagName)) break;
		}
	}

	return undefined;
}

type MostRead = {heading: PageElement; container: PageElement; headlines: Headline[]};

/** Link text, with a rank number some sites print inside the link removed. */
function linkTitle(link: PageElement, item: PageElement, position: number): string | undefined {
	const title = elementLine(link) ?? elementLine(item);
	if (!title) return undefined;
	const numbered = /^([\d٠-٩]+)[\s.)\-–]+(.+)$/.exec(title);
	if (numbered) {
		const digits = numbered[1]!.replace(/[٠-٩]/g, (digit) => String(digit.charCodeAt(0) - 0x0660));
		if (Number(digits) === position) return numbered[2]!.trim();
	}

	return title;
}

function findMostRead(document: PageDocument, source: string, base: string | undefined): MostRead | undefined {
	const candidates = document.querySelectorAll(headingSelector);
	for (let index = 0; index < candidates.length; index++) {
		const heading = candidates[index]!;
		const label = heading.textContent ?? '';
		if (label.length > 200 || !matchesHeading(label)) continue;
		const list = listAfter(heading);
		if (!list) continue;
		const headlines: Headline[] = [];
		const seen = new Set<string>();
		const items = Array.from(list.children).filter((child) => child.tagName.toLowerCase() === 'li');
		for (const item of items) {
			const link = item.querySelector('a[href]');
			if (!link) continue;
			const title = linkTitle(link, item, headlines.length + 1);
			if (!title) continue;
			const url = resolveUrl(link.getAttribute('href') ?? undefined, base);
			const key = headlineKey(source, {url, title});
			if (seen.has(key)) continue;
			seen.add(key);
			const headline: Headline = {key, title, rank: headlines.length + 1};
			if (url) headline.url = url;
			headlines.push(headline);
		}

		if (headlines.length > 0) return {heading, container: list, headlines};
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
function fallbackBlocks(document: PageDocument, exclude?: PageElement): Block[] {
	const paragraphs = document.querySelectorAll('p');
	const blocks: Block[] = [];
	for (let index = 0; index < paragraphs.length; index++) {
		const paragraph = paragraphs[index]!;
		// Tag soup can nest paragraphs; the outer one already holds the inner one's text.
		if (paragraph.closest(furniture) || paragraph.parentElement?.closest('p') || exclude?.contains(paragraph)) continue;
		blocks.push(...elementToBlocks(paragraph));
	}

	if (blocks.length === 0 && document.body) {
		const list = exclude ? (exclude.parentElement ?? exclude) : undefined;
		return elementToBlocks(document.body, furniture).filter(
			(block) => !list || !(list.textContent ?? '').includes(block.text),
		);
	}

	return blocks;
}

type ReaderResult = {blocks: Block[]; title?: string; byline?: string; date?: string; siteName?: string};

function readerMode(document: PageDocument): ReaderResult | undefined {
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
	return {
		blocks: elementToBlocks(result.content),
		title: oneLine(result.title),
		byline: oneLine(result.byline),
		date: parseDate(result.publishedTime ?? undefined),
		siteName: oneLine(result.siteName),
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

type Page = {article: Article; mostRead?: MostRead; siteName?: string; lang?: string};

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
	const mostRead = findMostRead(document, source, base);
	const title = titleOf(document);
	const deck = deckOf(document);
	const date = dateOf(document);
	const author = oneLine(meta(document, 'author', 'article:author', 'byl'));
	const siteName = oneLine(meta(document, 'og:site_name', 'application-name'));
	const lang = oneLine(root?.getAttribute('lang'));
	const canonical =
		resolveUrl(document.querySelector('link[rel="canonical"]')?.getAttribute('href') ?? undefined, base) ??
		resolveUrl(meta(document, 'og:url'), base) ??
		resolveUrl(located);
	const fallback = fallbackBlocks(document, mostRead?.container);
	const bylineText = takeBylines(document);
	// Read already, the list would otherwise be taken for part of the article when it sits in it.
	mostRead?.container.remove();
	mostRead?.heading.remove();

	const reader = root && depthOf(root) <= readabilityDepthLimit ? readerMode(document) : undefined;
	const finalTitle = title ?? reader?.title ?? oneLine(text(document.querySelector('title')));
	const repeated = new Set([finalTitle, deck?.text, reader?.byline].filter(Boolean).map((value) => normalizeTitle(value!)));
	let body = (reader && substantial(reader.blocks) ? reader.blocks : fallback).filter(
		(block) => !repeated.has(normalizeTitle(block.text)),
	);
	if (body.length === 0 && fallback.length > 0) body = fallback;
	if (body.length === 0 && !deck) {
		throw new SourceError(source, 'no article text found');
	}

	const articleTitle = finalTitle ?? sanitizeLine(body[0]?.text.slice(0, 80) ?? source);
	// A meta description is often the first sentence of the body, shortened: then it is no deck.
	const showDeck = deck && !(deck.fromMeta && restates(deck.text, body));
	const blocks: Block[] = showDeck ? [{kind: 'deck', text: deck.text}, ...body] : body;
	const article: Article = {
		key: headlineKey(source, {url: canonical, title: articleTitle}),
		title: articleTitle,
		blocks,
	};
	if (canonical) article.url = canonical;
	const byline = author && !/^https?:/i.test(author) ? author : (bylineText ?? reader?.byline);
	if (byline) article.author = byline;
	const when = date ?? reader?.date;
	if (when) article.date = when;
	if (lang) article.lang = lang;
	return {article, mostRead, siteName: siteName ?? reader?.siteName, lang};
}

/** The full text of one article page (for an item whose feed gave only a summary). */
export function extractArticle(html: string, source: string, pageUrl?: string): Article {
	return readPage(html, source, pageUrl).article;
}

/**
 * An article page → Edition: the page's article first (article 1, no rank), then the page's
 * most-read list when it has one (ranked headlines with links, no text).
 */
export function parsePage(html: string, source: string, pageUrl?: string): Edition {
	const {article, mostRead, siteName, lang} = readPage(html, source, pageUrl);
	const own: Headline = {key: article.key, title: article.title, article: 1};
	if (article.url) own.url = article.url;
	if (article.date) own.date = article.date;
	const ranked = (mostRead?.headlines ?? []).map((headline) =>
		// The page's own story is often in its own most-read list: that entry has the text too.
		headline.key === article.key ? {...headline, article: 1} : headline,
	);
	const edition: Edition = {
		source,
		name: siteName ?? source,
		list: ranked.length > 0 ? 'most-read' : 'latest',
		headlines: [own, ...ranked],
		articles: [article],
		notes: [],
	};
	if (lang) edition.lang = lang;
	return edition;
}
