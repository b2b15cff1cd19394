/**
 * A site as one edition: the most-read list from its page and the latest items from its feed.
 * Pure: which feed to use and how the two join; fetching them is load.ts's.
 */
import type {Article, Edition, FeedLink, Headline} from '../model.js';
import {normalizeTitle} from './keys.js';

/** A URL as `sources add` found it: a feed, or a site's page and the feeds it offers. */
export type Discovery =
	| {kind: 'feed'}
	| {kind: 'site'; feeds: FeedLink[]; chosen?: string}
	| {kind: 'unreachable'; problem: string};

/** Where sites that declare no feed usually keep one, tried in this order. */
export const wellKnownFeedPaths = ['/feed', '/rss', '/rss.xml', '/feed.xml', '/atom.xml', '/index.xml'] as const;

/** Path segments of a feed that is not the whole site's. */
const partialFeed = /(?:^|[/_.-])(?:category|categories|cat|tag|tags|topic|topics|section|author|authors|writer|comments?|search|keyword|keywords)(?:$|[/_.=-])/i;

/**
 * The site-wide feed among those a page declares: none whose path names a category, tag,
 * author, comments or search; of the rest the shortest path, then the first in the page.
 */
export function siteWideFeed(feeds: readonly FeedLink[]): FeedLink | undefined {
	const whole = feeds
		.map((feed, index) => ({feed, index, path: new URL(feed.url).pathname + new URL(feed.url).search}))
		.filter(({path}) => !partialFeed.test(path));
	whole.sort((a, b) => a.path.length - b.path.length || a.index - b.index);
	return whole[0]?.feed;
}

/** The well-known feed URLs of the site a page is on. */
export function wellKnownFeeds(pageUrl: string): string[] {
	return wellKnownFeedPaths.map((path) => new URL(path, pageUrl).href);
}

/** A link as the same article whatever its fragment, trailing slash, scheme or tracking parameters. */
function sameArticle(url: string | undefined): string | undefined {
	if (!url || !URL.canParse(url)) return undefined;
	const parsed = new URL(url);
	for (const name of [...parsed.searchParams.keys()]) {
		if (/^(?:utm_\w+|ref|from|source|fbclid|gclid)$/i.test(name)) parsed.searchParams.delete(name);
	}

	return `${parsed.host.replace(/^www\./, '')}${parsed.pathname.replace(/\/+$/, '')}${parsed.search}`.toLowerCase();
}

/** A headline with no text of its own: an article of its title and link, whose text is fetched on open. */
export function linkOnlyArticle(headline: Headline, lang?: string): Article {
	return {key: headline.key, title: headline.title, ...(headline.url ? {url: headline.url} : {}), ...(lang ? {lang} : {}), blocks: [], summaryOnly: true};
}

/**
 * The page's edition and the feed's → one edition. Articles are numbered in the order the
 * headlines show: the page's own article (an article page only), the most-read items (a feed
 * item's text when the feed has the same article), then the feed's items not already listed.
 * Each list's ranks count from 1. With no feed, the page's edition is returned as it is.
 */
export function joinSite(page: Edition, feed: Edition | undefined, feedUrl?: string): Edition {
	if (!feed || feed.headlines.length === 0) return page;
	const lang = page.lang ?? feed.lang;
	const dir = page.dir ?? feed.dir;
	// The feed's items inherited the feed's declared direction: they keep it under the page's.
	const fromFeed = <T extends Headline | Article>(item: T): T => (item.dir || !feed.dir || feed.dir === dir ? item : {...item, dir: feed.dir});
	const headlines: Headline[] = [];
	const articles: Article[] = [];
	const listed = new Set<string>();
	const remember = (headline: Headline) => {
		const url = sameArticle(headline.url);
		if (url) listed.add(url);
		listed.add(`#${normalizeTitle(headline.title)}`);
		listed.add(headline.key);
	};

	const isListed = (headline: Headline) =>
		listed.has(headline.key) || listed.has(`#${normalizeTitle(headline.title)}`) || listed.has(sameArticle(headline.url) ?? '');

	const own = page.site?.articlePage && !page.headlines[0]?.rank ? page.headlines[0] : undefined;
	if (own && own.article !== undefined) {
		articles.push(page.articles[own.article - 1]!);
		headlines.push({...own, article: 1});
		remember(own);
	}

	const feedByUrl = new Map<string, Headline>();
	const feedByTitle = new Map<string, Headline>();
	for (const item of feed.headlines) {
		const url = sameArticle(item.url);
		if (url && !feedByUrl.has(url)) feedByUrl.set(url, item);
		feedByTitle.set(normalizeTitle(item.title), item);
	}

	const textOf = (item: Headline | undefined) => (item?.article === undefined ? undefined : feed.articles[item.article - 1]);
	const ranked = page.headlines.filter((headline) => headline.rank !== undefined);
	for (const headline of ranked) {
		if (own && headline.key === own.key) {
			headlines.push({...headline, article: 1});
			continue;
		}

		const inFeed = feedByUrl.get(sameArticle(headline.url) ?? '') ?? feedByTitle.get(normalizeTitle(headline.title));
		const text = textOf(inFeed);
		articles.push(text ? fromFeed({...text, key: headline.key}) : linkOnlyArticle(headline, lang));
		headlines.push({...headline, article: articles.length});
		remember(headline);
		if (inFeed) remember(inFeed);
	}

	let rank = 0;
	for (const item of feed.headlines) {
		if (isListed(item)) continue;
		remember(item);
		const text = textOf(item);
		articles.push(fromFeed(text ?? linkOnlyArticle(item, lang)));
		headlines.push(fromFeed({...item, rank: ++rank, list: 'latest', article: articles.length}));
	}

	const edition: Edition = {
		source: page.source,
		name: page.name === page.source ? feed.name : page.name,
		list: ranked.length > 0 ? page.list : 'latest',
		headlines,
		articles,
		notes: [...page.notes, ...feed.notes],
	};
	if (page.site) edition.site = feedUrl ? {...page.site, feed: feedUrl} : page.site;
	if (lang) edition.lang = lang;
	if (dir) edition.dir = dir;
	return edition;
}
