/**
 * The one shape every source becomes. `sources/` produces it, `text/` and `ui/` consume it.
 * Text here is as the source wrote it (logical order, unshaped); sanitizing happens at the
 * boundary in `sources/` and again, for display, in `text/`.
 */

/** The kinds of block an article is made of; each one is laid out as its own paragraph. */
export type BlockKind =
	| 'title'
	| 'deck'
	| 'meta'
	| 'caption'
	| 'heading'
	| 'paragraph'
	| 'item'
	| 'quote';

/**
 * A direction a source declares (a `dir` attribute, else its language's: text/direction.ts).
 * On a block, article, headline or edition it is what that level declares; where a level
 * declares nothing the field is absent and the enclosing one's applies (block → article →
 * edition, headline → edition). It is a declaration, never a guess from the text.
 */
export type Direction = 'rtl' | 'ltr';

export type Block = {
	kind: BlockKind;
	text: string;
	/** Declared by the element the block comes from (or one around it inside the article). */
	dir?: Direction;
};

/** A link in an article's text: where it goes (an absolute http(s) URL) and the words it was on. */
export type Link = {url: string; text?: string};

/**
 * A file a feed item carries for playing (a podcast episode, a video) or keeping: RSS
 * `<enclosure>`, Media RSS, Atom `rel="enclosure"`, JSON Feed `attachments`. Every field checked.
 */
export type Enclosure = {
	url: string;
	medium: 'audio' | 'video' | 'file';
	/** The declared MIME type, e.g. `audio/mpeg`. */
	type?: string;
	/** Whole seconds. */
	seconds?: number;
	bytes?: number;
	title?: string;
};

export type Article = {
	/** Stable identity for reading state: guid, else URL, else source + normalized title. */
	key: string;
	title: string;
	url?: string;
	author?: string;
	/** ISO 8601 when the source gave a parseable date. */
	date?: string;
	/** BCP 47 language of the source or item, used only for paragraphs with no strong character. */
	lang?: string;
	/** Declared by the item or page itself; absent: the edition's applies. */
	dir?: Direction;
	/** Decks, captions, body... in reading order. The title is not repeated here. */
	blocks: Block[];
	/** True when the blocks are only a feed summary (or nothing) and the full text lives at `url`. */
	summaryOnly?: boolean;
	/** The links in the article's text, in order, each once. */
	links?: Link[];
	/** Files the feed item carries, in the feed's order. */
	enclosures?: Enclosure[];
};

/**
 * Whether an article has something to show (text, or a file to play: a podcast episode with no
 * description is still an episode), rather than only a link whose page gives it.
 */
export function hasText(article: Article | undefined): boolean {
	if (article === undefined) return false;
	const known = (article as {[knownText]?: boolean})[knownText];
	return known ?? (article.blocks.length > 0 || (article.enclosures?.length ?? 0) > 0);
}

/**
 * Set (not enumerable) on an article whose text is read only when first used (library/stored-article.ts):
 * whether it has any, so a list of 500 headlines can say which open as text without reading them.
 */
export const knownText: unique symbol = Symbol('akhbar.knownText');

export type Headline = {
	key: string;
	title: string;
	url?: string;
	/** Position in the site's list (1-based); absent for a page's own article. */
	rank?: number;
	/** 1-based article number: of its text, or of a link-only article whose text is fetched on open. */
	article?: number;
	date?: string;
	/** Declared by the item itself; absent: the edition's applies. */
	dir?: Direction;
	/** The list this headline is in, when an edition has more than one (a site: most read, then latest). */
	list?: ListKind;
	/** The source it comes from, in an edition built across sources (the library's). */
	origin?: {spec: string; name: string};
};

/**
 * `most-read`: the site's الأكثر قراءة list; `trending`: what the site calls trending (الأكثر
 * تداولاً), shown only when it has no most-read list; `latest`: the newest items of a feed.
 */
export type ListKind = 'most-read' | 'trending' | 'latest';

/** A feed a page declares (`<link rel="alternate">`), or one found at a well-known path. */
export type FeedLink = {url: string; title?: string};

/** What a site's page says about the site, for joining its page and its feed into one edition. */
export type SiteInfo = {
	/** The feeds the page declares, in page order. */
	feeds: FeedLink[];
	/** An article page (its own article leads the edition), not a front page. */
	articlePage: boolean;
	/** The page's URL after redirects, for finding feeds at well-known paths. */
	url?: string;
	/** The feed whose items are the edition's latest list, once joined. */
	feed?: string;
};

export type Edition = {
	/** What the user gave: a path, a URL, or `-`. */
	source: string;
	/** Display name: the feed or site title, else the source. */
	name: string;
	list: ListKind;
	/** Page sources list their own article first (no rank), then the most-read list. */
	headlines: Headline[];
	/** Numbered from 1 in this order. */
	articles: Article[];
	lang?: string;
	/** Declared by the feed or page as a whole. */
	dir?: Direction;
	/** One-line notes for the user (a truncated document, a cached copy "as of ..."). */
	notes: string[];
	/** Set for an HTML page: what joins it with the site's feed. */
	site?: SiteInfo;
};

export type HeadlineGroup = {list: ListKind; headlines: Headline[]};

/**
 * The edition's lists in order (a site: most read, then latest); a headline in no list (a page's
 * own article) goes with the list it stands before. An edition with no headlines has one empty list.
 */
export function headlineGroups(edition: Edition): HeadlineGroup[] {
	const groups: HeadlineGroup[] = [];
	let pending: Headline[] = [];
	for (const headline of edition.headlines) {
		if (headline.list === undefined) {
			pending.push(headline);
			continue;
		}

		const last = groups.at(-1);
		if (last && last.list === headline.list && pending.length === 0) {
			last.headlines.push(headline);
		} else {
			groups.push({list: headline.list, headlines: [...pending, headline]});
			pending = [];
		}
	}

	const last = groups.at(-1);
	if (last) last.headlines.push(...pending);
	else groups.push({list: edition.list, headlines: pending});

	return groups;
}

/**
 * Why a source or an article could not be fetched, as a kind a reader can put in its own words
 * (the Arabic interface does; `print` writes the English line of the error as it is).
 */
export type Failure =
	| {kind: 'refused'}
	| {kind: 'host-not-found'; host: string}
	| {kind: 'no-network'; host: string}
	| {kind: 'closed'}
	| {kind: 'unreachable'}
	| {kind: 'connect-timeout'; seconds: number}
	| {kind: 'timeout'; seconds: number}
	| {kind: 'stalled'}
	| {kind: 'tls'; problem: 'expired' | 'wrong-host' | 'untrusted' | 'other'; host: string}
	| {kind: 'http'; status: number}
	| {kind: 'redirect'}
	| {kind: 'port'; port: string}
	| {kind: 'damaged'}
	| {kind: 'too-large'; limit: string}
	| {kind: 'offline'}
	| {kind: 'cancelled'}
	/** Anything else the connection did: `detail` is the library's own words. */
	| {kind: 'network'; detail: string};
