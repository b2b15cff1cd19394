/**
 * RSS 2.0, RSS 1.0 (RDF), Atom and JSON Feed → Edition. Each format is read into the same
 * neutral item shape, and one function turns items into headlines and articles, so the rules
 * (keys, ranks, article numbers, when an item is only a summary) are written once.
 */
import type {Article, Block, Direction, Edition, Enclosure, Headline} from '../model.js';
import {languageDirection} from '../text/direction.js';
import {englishCount} from '../text/plural.js';
import {sanitizeLine} from '../text/sanitize.js';
import {parseDate} from './dates.js';
import {SourceError} from './errors.js';
import {itemEnclosures, type RawEnclosure} from './enclosures.js';
import {decodeEntities, htmlToBlocks, htmlToLine, LinkCollector, textToBlocks} from './html-blocks.js';
import {parseJsonDocument} from './json.js';
import {headlineKey, normalizeTitle} from './keys.js';
import {resolveUrl} from './urls.js';
import {parseXml, type XmlNode} from './xml.js';

export type FeedFormat = 'rss' | 'rdf' | 'atom' | 'jsonfeed';

/** A body in one of the two forms feeds carry. */
type Body = {html: string} | {text: string};

/** One feed item, whatever the format, before it becomes a headline and maybe an article. */
type FeedItem = {
	id?: string;
	url?: string;
	title?: string;
	author?: string;
	date?: string;
	lang?: string;
	/** The full text: content:encoded, Atom content, content_html / content_text. */
	content?: Body;
	/** The teaser: description, Atom summary, JSON Feed summary. */
	summary?: Body;
	/** Podcast episodes, videos: already checked. */
	enclosures?: Enclosure[];
	/** What relative links in the item's text are relative to: the item's URL, else the feed's. */
	base?: string;
};

type FeedData = {title?: string; lang?: string; items: FeedItem[]};

/** The direction an item or feed declares: feeds have no `dir`, only a language. */
function declared(lang: string | undefined): {dir?: Direction} {
	const dir = languageDirection(lang);
	return dir ? {dir} : {};
}

/**
 * A summary shorter than this, with a link to follow, is a teaser: the reader may fetch the page.
 * Arabic news teasers run 150–300 characters; a body of 400 is already a short article.
 */
const teaserLength = 400;

// ——— reading the parsed XML tree ———

/** The text of a parsed node: a string, `#text` of an element with attributes, or the first of a list. */
function textOf(value: unknown): string | undefined {
	if (Array.isArray(value)) {
		return textOf(value[0]);
	}

	if (typeof value === 'string') {
		return value;
	}

	if (typeof value === 'number' || typeof value === 'boolean') {
		return String(value);
	}

	if (value && typeof value === 'object') {
		const text = (value as XmlNode)['#text'];
		return typeof text === 'string' || typeof text === 'number' ? String(text) : undefined;
	}

	return undefined;
}

function attribute(value: unknown, name: string): string | undefined {
	const node = Array.isArray(value) ? value[0] : value;
	if (node && typeof node === 'object') {
		const attr = (node as XmlNode)[`@_${name}`];
		return typeof attr === 'string' ? attr : undefined;
	}

	return undefined;
}

function nodeOf(value: unknown): XmlNode | undefined {
	const node = Array.isArray(value) ? value[0] : value;
	return node && typeof node === 'object' ? (node as XmlNode) : undefined;
}

function listOf(value: unknown): unknown[] {
	if (value === undefined || value === null) return [];
	return Array.isArray(value) ? value : [value];
}

/** A one-line field that is plain text (entities may remain after XML decoding). */
function line(value: string | undefined): string | undefined {
	if (value === undefined) return undefined;
	const clean = sanitizeLine(decodeEntities(value).replace(/\s+/g, ' ').trim()).trim();
	return clean || undefined;
}

/** A one-line field that may carry markup (RSS titles often do). */
function markupLine(value: string | undefined): string | undefined {
	if (value === undefined) return undefined;
	return htmlToLine(value) || undefined;
}

/** `editor@example.com (Name)` → `Name`; RSS `author` is an e-mail address by the letter of the spec. */
function authorName(value: string | undefined): string | undefined {
	const text = line(value);
	if (!text) return undefined;
	const named = /^\S+@\S+\s*\((.+)\)$/.exec(text);
	return named ? named[1]!.trim() : text;
}

// ——— RSS 2.0 and RSS 1.0 ———

function readRss(root: XmlNode, rdf: boolean): FeedData {
	const channel = nodeOf(root.channel) ?? {};
	const base = resolveUrl(textOf(channel.link));
	const lang = line(textOf(channel.language) ?? textOf(channel['dc:language']) ?? attribute(channel, 'xml:lang') ?? attribute(root, 'xml:lang'));
	// RSS 1.0 puts items beside the channel; a few RSS 0.9x-style feeds do too.
	const raw = [...listOf(channel.item), ...listOf(root.item)];
	const items = raw.map((value): FeedItem => {
		const item = nodeOf(value) ?? {};
		const guid = textOf(item.guid)?.trim();
		const permalink = attribute(item.guid, 'isPermaLink') !== 'false';
		const about = rdf ? attribute(item, 'rdf:about') : undefined;
		const encoded = textOf(item['content:encoded']);
		const description = textOf(item.description);
		const url =
			resolveUrl(textOf(item.link), base) ??
			(permalink ? resolveUrl(guid) : undefined) ??
			resolveUrl(about, base);
		return {
			id: guid || undefined,
			url,
			title: markupLine(textOf(item.title)),
			author: authorName(textOf(item['dc:creator']) ?? textOf(item.author)),
			date: parseDate(textOf(item.pubDate) ?? textOf(item['dc:date'])),
			lang: line(attribute(item, 'xml:lang') ?? textOf(item['dc:language'])),
			content: encoded?.trim() ? {html: encoded} : undefined,
			summary: description?.trim() ? {html: description} : undefined,
			enclosures: itemEnclosures(rssEnclosures(item), url ?? base, textOf(item['itunes:duration'])),
			base: url ?? base,
		};
	});
	return {title: markupLine(textOf(channel.title)), lang, items};
}

/** Media RSS `<media:content>` as an enclosure. */
function mediaContent(value: unknown): RawEnclosure {
	return {
		url: attribute(value, 'url'),
		type: attribute(value, 'type'),
		size: attribute(value, 'fileSize'),
		duration: attribute(value, 'duration'),
		medium: attribute(value, 'medium'),
	};
}

/**
 * An RSS item's `<enclosure>`s, then its Media RSS files: each `<media:content>`, and of each
 * `<media:group>` (renditions of one file) its default one, else its first.
 */
function rssEnclosures(item: XmlNode): RawEnclosure[] {
	const raws: RawEnclosure[] = listOf(item.enclosure).map((value) => ({
		url: attribute(value, 'url'),
		type: attribute(value, 'type'),
		size: attribute(value, 'length'),
	}));
	raws.push(...listOf(item['media:content']).map((value) => mediaContent(value)));
	for (const group of listOf(item['media:group'])) {
		const contents = listOf(nodeOf(group)?.['media:content']);
		const chosen = contents.find((content) => attribute(content, 'isDefault') === 'true') ?? contents[0];
		if (chosen !== undefined) raws.push(mediaContent(chosen));
	}

	return raws;
}

// ——— Atom ———

/** An Atom text construct or content element by its `type`; out-of-line (`src`) content has no body. */
function atomBody(value: unknown): Body | undefined {
	const node = nodeOf(value);
	const text = textOf(value);
	if (text === undefined || !text.trim() || attribute(node, 'src')) return undefined;
	const type = (attribute(node, 'type') ?? 'text').toLowerCase();
	if (type === 'html' || type === 'xhtml' || type.includes('html')) return {html: text};
	if (type === 'text' || type.startsWith('text/')) return {text};
	return undefined;
}

function atomLine(value: unknown): string | undefined {
	const body = atomBody(value);
	if (!body) return undefined;
	return 'html' in body ? markupLine(body.html) : line(body.text);
}

function atomLink(links: unknown, base?: string): string | undefined {
	const all = listOf(links).map((link) => ({
		rel: attribute(link, 'rel') ?? 'alternate',
		type: attribute(link, 'type') ?? '',
		href: attribute(link, 'href'),
	}));
	const alternate =
		all.find((link) => link.rel === 'alternate' && /html/.test(link.type)) ??
		all.find((link) => link.rel === 'alternate') ??
		all.find((link) => link.rel !== 'self' && link.rel !== 'enclosure');
	return resolveUrl(alternate?.href, base);
}

function atomAuthor(value: unknown): string | undefined {
	return line(textOf(nodeOf(value)?.name));
}

function readAtom(feed: XmlNode): FeedData {
	const base = atomLink(feed.link);
	const lang = line(attribute(feed, 'xml:lang'));
	const feedAuthor = atomAuthor(feed.author);
	const items = listOf(feed.entry).map((value): FeedItem => {
		const entry = nodeOf(value) ?? {};
		const content = nodeOf(entry.content);
		const url = atomLink(entry.link, base) ?? resolveUrl(attribute(content, 'src'), base);
		const enclosures = listOf(entry.link)
			.filter((link) => attribute(link, 'rel') === 'enclosure')
			.map((link): RawEnclosure => ({
				url: attribute(link, 'href'),
				type: attribute(link, 'type'),
				size: attribute(link, 'length'),
				title: attribute(link, 'title'),
			}));
		return {
			id: line(textOf(entry.id)),
			url,
			title: atomLine(entry.title),
			author: atomAuthor(entry.author) ?? feedAuthor,
			date: parseDate(textOf(entry.published) ?? textOf(entry.updated)),
			lang: line(attribute(entry, 'xml:lang') ?? attribute(content, 'xml:lang')),
			content: atomBody(entry.content),
			summary: atomBody(entry.summary),
			enclosures: itemEnclosures(enclosures, url ?? base),
			base: url ?? base,
		};
	});
	return {title: atomLine(feed.title), lang, items};
}

// ——— JSON Feed ———

function jsonString(value: unknown): string | undefined {
	if (typeof value === 'string') return value;
	if (typeof value === 'number' && Number.isFinite(value)) return String(value);
	return undefined;
}

function jsonObject(value: unknown): Record<string, unknown> | undefined {
	return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

function readJsonFeed(text: string, source: string): {data: FeedData; notes: string[]} {
	const {value, notes} = parseJsonDocument(text, source, 'not a feed', ['items']);
	const feed = jsonObject(value);
	const version = jsonString(feed?.version);
	if (!feed || !version?.startsWith('https://jsonfeed.org/version/')) {
		throw new SourceError(source, 'not a feed: no JSON Feed version');
	}

	const base = resolveUrl(jsonString(feed.home_page_url)) ?? resolveUrl(jsonString(feed.feed_url));
	const feedAuthor = authorOf(feed);
	const items = (Array.isArray(feed.items) ? feed.items : []).map((value): FeedItem => {
		const item = jsonObject(value) ?? {};
		const html = jsonString(item.content_html);
		const plain = jsonString(item.content_text);
		const summary = jsonString(item.summary);
		const url = resolveUrl(jsonString(item.url), base) ?? resolveUrl(jsonString(item.external_url), base);
		const attachments = (Array.isArray(item.attachments) ? item.attachments : []).map((attachment): RawEnclosure => {
			const fields = jsonObject(attachment) ?? {};
			return {
				url: typeof fields.url === 'string' ? fields.url : undefined,
				type: typeof fields.mime_type === 'string' ? fields.mime_type : undefined,
				size: fields.size_in_bytes,
				duration: fields.duration_in_seconds,
				title: typeof fields.title === 'string' ? fields.title : undefined,
			};
		});
		return {
			id: line(jsonString(item.id)),
			url,
			title: line(jsonString(item.title)),
			author: authorOf(item) ?? feedAuthor,
			date: parseDate(jsonString(item.date_published) ?? jsonString(item.date_modified)),
			lang: line(jsonString(item.language)),
			content: html?.trim() ? {html} : plain?.trim() ? {text: plain} : undefined,
			summary: summary?.trim() ? {text: summary} : undefined,
			enclosures: itemEnclosures(attachments, url ?? base),
			base: url ?? base,
		};
	});
	return {data: {title: line(jsonString(feed.title)), lang: line(jsonString(feed.language)), items}, notes};
}

/** JSON Feed 1.1 `authors` (a list) or 1.0 `author` (one object). */
function authorOf(object: Record<string, unknown>): string | undefined {
	const first = Array.isArray(object.authors) ? object.authors[0] : object.author;
	return line(jsonString(jsonObject(first)?.name));
}

// ——— items → Edition ———

function bodyBlocks(body: Body | undefined, links: LinkCollector): Block[] {
	if (!body) return [];
	return 'html' in body ? htmlToBlocks(body.html, links) : textToBlocks(body.text);
}

function plainLength(blocks: Block[]): number {
	return blocks.reduce((sum, block) => sum + block.text.length, 0);
}

/** Whether a teaser only restates the start of the body (then it is not shown as a deck). */
function restates(summary: Block[], body: Block[]): boolean {
	const teaser = normalizeTitle(summary.map((block) => block.text).join(' '))
		.replace(/(?:\.\.\.|…|\[…\]|\[\.\.\.\])$/, '')
		.trim();
	const full = normalizeTitle(body.map((block) => block.text).join(' '));
	return full.includes(teaser.slice(0, 60));
}

/** A title for an item that has none (JSON Feed allows that): the start of its first paragraph. */
function titleFromBlocks(blocks: Block[]): string | undefined {
	const first = blocks[0]?.text;
	if (!first) return undefined;
	if (first.length <= 80) return sanitizeLine(first);
	const cut = first.lastIndexOf(' ', 80);
	return `${sanitizeLine(first.slice(0, cut > 40 ? cut : 80))}…`;
}

type Built = {headline: Omit<Headline, 'key' | 'rank' | 'article'>; article?: Omit<Article, 'key'>};

function buildItem(item: FeedItem, feedLang: string | undefined): Built | undefined {
	const links = new LinkCollector(item.base);
	const summaryLinks = new LinkCollector(item.base);
	const content = bodyBlocks(item.content, links);
	const summary = bodyBlocks(item.summary, summaryLinks);
	let blocks: Block[];
	let summaryOnly = false;
	if (content.length > 0) {
		const deck = summary.length > 0 && plainLength(summary) < teaserLength && !restates(summary, content);
		blocks = deck ? [{kind: 'deck', text: summary.map((block) => block.text).join(' ')}, ...content] : content;
		// The teaser's links only when it is shown, before the body's, as they read.
		if (deck) links.prepend(summaryLinks);
	} else {
		blocks = summary;
		// An episode with no text at all but its file: its page may have the text.
		const onlyFiles = blocks.length === 0 && (item.enclosures?.length ?? 0) > 0;
		summaryOnly = (blocks.length > 0 || onlyFiles) && item.url !== undefined && plainLength(blocks) < teaserLength;
		links.prepend(summaryLinks);
	}

	const title = item.title ?? titleFromBlocks(blocks);
	if (!title) return undefined;
	// Bodies that open by repeating the title lose that line; the title is shown anyway.
	if (blocks[0] && blocks[0].kind !== 'deck' && normalizeTitle(blocks[0].text) === normalizeTitle(title)) {
		blocks = blocks.slice(1);
	}

	// What the item itself declares; where it declares nothing, the feed's (the edition's) applies.
	const own = declared(item.lang);
	const headline = {title, url: item.url, date: item.date, ...own};
	const enclosures = item.enclosures ?? [];
	// An episode with no description is still something to show: its file.
	if (blocks.length === 0 && enclosures.length === 0) return {headline};
	const article: Omit<Article, 'key'> = {title, url: item.url, author: item.author, date: item.date, blocks, ...own};
	const lang = item.lang ?? feedLang;
	if (lang) article.lang = lang;
	if (summaryOnly) article.summaryOnly = true;
	if (links.links.length > 0) article.links = links.links;
	if (enclosures.length > 0) article.enclosures = enclosures;
	return {headline, article};
}

/** Drops undefined fields so editions compare and serialize cleanly. */
function compact<T extends object>(object: T): T {
	for (const key of Object.keys(object) as Array<keyof T>) {
		if (object[key] === undefined) delete object[key];
	}

	return object;
}

function toEdition(data: FeedData, source: string, notes: string[]): Edition {
	const headlines: Headline[] = [];
	const articles: Article[] = [];
	const seen = new Set<string>();
	for (const item of data.items) {
		const built = buildItem(item, data.lang);
		if (!built) continue;
		const key = headlineKey(source, {id: item.id, url: item.url, title: built.headline.title});
		// The same item twice (a republished guid) would share reading state and confuse the list.
		if (seen.has(key)) continue;
		seen.add(key);
		const headline: Headline = compact({key, ...built.headline, rank: headlines.length + 1});
		if (built.article) {
			articles.push(compact({key, ...built.article}));
			headline.article = articles.length;
		}

		headlines.push(headline);
	}

	if (headlines.length === 0) {
		throw new SourceError(source, 'empty feed');
	}

	const edition: Edition = {source, name: data.title ?? source, list: 'latest', headlines, articles, notes};
	if (data.lang) edition.lang = data.lang;
	Object.assign(edition, declared(data.lang));
	return edition;
}

function readXmlFeed(text: string, source: string): {data: FeedData; notes: string[]} {
	const {document, truncated} = parseXml(text, source, ['item', 'entry']);
	let data: FeedData;
	if ('rss' in document) {
		data = readRss(nodeOf(document.rss) ?? {}, false);
	} else if ('rdf:RDF' in document) {
		data = readRss(nodeOf(document['rdf:RDF']) ?? {}, true);
	} else if ('feed' in document) {
		data = readAtom(nodeOf(document.feed) ?? {});
	} else {
		const root = Object.keys(document).find((name) => !name.startsWith('?') && !name.startsWith('#'));
		throw new SourceError(source, root ? `not a feed: root element <${sanitizeLine(root).slice(0, 40)}>` : 'not a feed: no root element');
	}

	const notes = truncated ? [`truncated: ${englishCount(data.items.length, 'item')} read`] : [];
	return {data, notes};
}

/**
 * Feed text → Edition: the latest items in the feed's order, ranked 1..n, an article for each
 * item that has text. `format` comes from `detectFormat`; XML feeds are told apart by their
 * root element anyway, so a mislabeled one still reads.
 */
export function parseFeed(text: string, source: string, format: FeedFormat): Edition {
	if (format === 'jsonfeed') {
		const {data, notes} = readJsonFeed(text, source);
		return toEdition(data, source, notes);
	}

	const {data, notes} = readXmlFeed(text, source);
	return toEdition(data, source, notes);
}
