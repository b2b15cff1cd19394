/**
 * A page's most-read list (الأكثر قراءة), found by what the markup means rather than by one
 * layout. Real news pages put it in very different markup (see FINDINGS.md, "Real pages"):
 *
 * - a label (a heading, or a styled div/span/p) followed by links, in a list or in cards;
 * - a tab whose label says "most read" and points at its pane (`href="#id"`, `href=".class"`,
 *   `data-target`, `data-bs-target`, `aria-controls`, or `role="tab"` and the tabpanel in the
 *   same place), beside a "latest" tab whose pane is never taken;
 * - a module whose title is a link to the site's popular page (`/popular`, `/most-read`...),
 *   its items cards with a category link, an image link and a title link to one article;
 * - a container whose class or id says so (`most-read`, `popular`...), only when nothing is
 *   labelled.
 *
 * Labels rank the lists: most read beats most viewed, which beats popular; "trending" (الأكثر
 * تداولاً) is taken only when nothing else exists, and says so.
 */
import type {Headline} from '../model.js';
import {fold} from '../text/fold.js';
import {headlineKey, normalizeTitle} from './keys.js';
import {elementLine, tagOf, text, type PageDocument, type PageElement} from './page-dom.js';
import {resolveUrl} from './urls.js';

export type RankedList = {
	kind: 'most-read' | 'trending';
	headlines: Headline[];
	/** The elements the list occupies on the page (its label, its items), to keep out of the article. */
	parts: PageElement[];
};

/** At most this many items are kept. */
export const maxItems = 20;

/**
 * Labels, popular-page links and named containers looked at, each kind in page order: real
 * pages have a handful, and each one costs a walk of its box, so a page made of thousands of
 * them would cost their square.
 */
const maxCandidates = 40;

/** Stronger wins: most read > most viewed > popular > a container named so > trending. */
type Strength = 5 | 4 | 3 | 2 | 1;

/**
 * A label as search folds it (harakat, tatweel and hamza seats dropped, alef maqsura, ta
 * marbuta, Persian yeh and keheh folded, digits Western, Latin lower case), with the Urdu and
 * Persian forms of heh as heh too, and no spaces or punctuation.
 */
export function foldLabel(value: string): string {
	return fold(value)
		.replace(/[ۀۂۃہەھ]/g, 'ه')
		.replace(/[\s\p{P}\p{S}]+/gu, '');
}

const labelPatterns: Array<[RegExp, Strength]> = [
	// الأكثر قراءة، أكثر الأخبار قراءة، پرخواننده‌ترین، سب سے زیادہ پڑھی جانے والی، הנקראים ביותר
	[/اكثر(?:ال[^ ]{2,8})?قراء|پرخوانند|زيادهپڑه|נקרא|mostread|topread|mostreadstories/, 5],
	// الأكثر مشاهدة، پربازدیدترین، پربیننده، سب سے زیادہ دیکھی، הנצפים ביותר
	[/اكثر(?:ال[^ ]{2,8})?(?:مشاهد|زيار)|پربازديد|پربيننده|زيادهديكه|נצפ|mostviewed|mostwatched|mostvisited/, 4],
	// الأكثر شعبية، Most popular, הפופולריים
	[/اكثرشعبي|popular|פופולר|محبوبترين/, 3],
	// الأكثر تداولاً، الأكثر تفاعلاً، Trending, ترند
	[/اكثرتداول|اكثرتفاعل|trending|ترند|رائج|טרנד/, 1],
];

/** A label is short: a few words around the phrase ("الأكثر قراءة اليوم", "Most read this week"). */
function labelStrength(raw: string): Strength | undefined {
	const spaced = raw.replace(/\s+/g, ' ').trim();
	if (spaced.length === 0 || spaced.length > 48 || spaced.split(' ').length > 7) return undefined;
	const folded = foldLabel(spaced);
	for (const [pattern, strength] of labelPatterns) {
		// The phrase is most of the label: a row of menu words that includes it is no label.
		const match = pattern.exec(folded);
		if (match && match[0].length >= folded.length * 0.3) return strength;
	}

	return undefined;
}

/** Paths of a site's own most-read or popular page, by the strength their name implies. */
function popularPathStrength(url: string | undefined): Strength | undefined {
	if (!url) return undefined;
	const path = new URL(url).pathname.toLowerCase();
	if (/(?:^|\/)(?:most[-_]?read|top[-_]?read)(?:[-_/.]|$)/.test(path)) return 5;
	if (/(?:^|\/)most[-_]?(?:viewed|watched|visited)(?:[-_/.]|$)/.test(path)) return 4;
	if (/(?:^|\/)(?:most[-_]?)?popular(?:[-_/.]|$)/.test(path)) return 3;
	return undefined;
}

/** Class and id names of containers, when no label says it; never trending, related or latest. */
function namedStrength(element: PageElement): Strength | undefined {
	const names = `${element.getAttribute('class') ?? ''} ${element.getAttribute('id') ?? ''}`.toLowerCase();
	if (names.trim() === '' || /trend|relat|latest|recent|newest|comment|share|tag/.test(names)) return undefined;
	return /most[-_]?read|top[-_]?read|most[-_]?(?:viewed|watched|visited)|(?:^|[-_\s])(?:most[-_]?)?popular(?:$|[-_\s])|mostpopular/.test(names) ? 2 : undefined;
}

// ----- items -----

/** Links that name a section, a tag, an author or a search, never an article. */
const taxonomyPath =
	/(?:^|\/)(?:category|categories|cat|tag|tags|topic|topics|section|sections|author|authors|writer|writers|columnist|columnists|profile|profiles|keyword|keywords|search|label|labels|people|reporter|reporters|user|users|hashtag)(?:\/|$|\.|-)/i;
const taxonomyQuery = /[?&](?:tag|tags|cat|category|author|q|s|search|keyword)=/i;
const taxonomyClass = /(?:^|[-_\s])(?:cat|category|categories|tag|tags|topic|author|byline|section|kicker|eyebrow|label|badge|breadcrumb)(?:$|[-_\s])/i;
const moreLink = /^(?:المزيد|المزيد من .{0,20}|مزيد|عرض الكل|شاهد المزيد|اقرأ المزيد|بیشتر|همه|more|read more|see all|view all|see more|עוד|לכל .{0,20})$/i;

/** "(فيديو)", "[صور]" at either end of a title, a badge rather than words of it. */
const badgeWord = '(?:فيديو|فيديوجراف|صور|بالصور|بالفيديو|شاهد|مباشر|ویدیو|فیلم|عکس|video|photos?|live)';
const badge = new RegExp(`^\\s*[([]\\s*${badgeWord}\\s*[)\\]]\\s*|\\s*[([]\\s*${badgeWord}\\s*[)\\]]\\s*$`, 'giu');

/** A link's title, cleaned: spacing collapsed, a badge and a rank number printed in it removed. */
function cleanTitle(raw: string, rank: number): string {
	// Bullets and arrows some lists print before each title are decoration.
	let title = raw.replace(badge, ' ').replace(/\s+/g, ' ').trim().replace(/^[•·▪►▶◀◂▸→←»«|>\-–—*]+\s*/u, '');
	const numbered = /^([\d٠-٩۰-۹]{1,2})(?:[\s.)\-–:]+|(?=[^\d٠-٩۰-۹\s]))(.+)$/u.exec(title);
	if (numbered && Number(fold(numbered[1]!)) === rank) title = numbered[2]!.trim();
	return title;
}

/** Whether a link is a category, tag or author link by its markup (rel, class) or its path. */
function isTaxonomyLink(link: PageElement, url: string): boolean {
	const rel = link.getAttribute('rel') ?? '';
	if (/\b(?:tag|category|author)\b/i.test(rel)) return true;
	const classes = `${link.getAttribute('class') ?? ''} ${link.parentElement?.getAttribute('class') ?? ''}`;
	if (taxonomyClass.test(classes)) return true;
	const parsed = new URL(url);
	return taxonomyPath.test(parsed.pathname) || taxonomyQuery.test(parsed.search);
}

/** Path of a section front (`/sport`, `/ar/economy/`): at most two short segments, no digits. */
function isSectionPath(url: string): boolean {
	const segments = new URL(url).pathname.split('/').filter(Boolean);
	return segments.length <= 2 && !/\d/.test(segments.join('')) && segments.every((segment) => segment.length <= 20 && !/[-_.]/.test(segment));
}

type Candidate = {
	url: string;
	title: string;
	links: PageElement[];
	/** A relative link on a page with no known address: `url` only tells items apart. */
	unresolved?: boolean;
};

/**
 * The items of a list: the article links in `scope`, in page order, from after `start` (a label
 * inside it) to the next heading that links nowhere (the next module's title). Links to one
 * article merge into one item (a card's image link and title link), whose title is the longest
 * link text; category, tag and author links, "more" links and links back to the list's own page
 * are never items.
 */
function itemsIn(scope: PageElement, context: Context, start?: PageElement, exclude?: string): Candidate[] {
	const byUrl = new Map<string, Candidate>();
	const order: Candidate[] = [];
	const elements = scope.querySelectorAll('a[href], h1, h2, h3, h4, h5, h6, [role="heading"]');
	let started = start === undefined;
	const startIndex = start ? context.orderOf(start) : -1;
	for (let index = 0; index < elements.length; index++) {
		const element = elements[index]!;
		if (!started) {
			if (context.orderOf(element) <= startIndex || start!.contains(element)) continue;
			started = true;
		}

		if (tagOf(element) !== 'a') {
			// A heading that links nowhere opens the next module (a card's title inside its link does not).
			if (order.length > 0 && element.querySelector('a[href]') === null && element.closest('a[href]') === null && text(element) !== '') break;
			continue;
		}

		const href = (element.getAttribute('href') ?? '').trim();
		if (href.startsWith('#')) continue;
		const resolved = resolveUrl(href, context.base)?.replace(/#.*$/, '');
		// A page saved with no address of its own: its relative links are still items, with no link.
		const relative = !resolved && context.base === undefined && href !== '' && !/^[a-z][a-z\d+.-]*:/i.test(href);
		if (!resolved && !relative) continue;
		const url = resolved ?? new URL(href, 'relative:/').href;
		if (url === exclude || isTaxonomyLink(element, url)) continue;
		const title = elementLine(element) ?? '';
		if (moreLink.test(title)) continue;
		const known = byUrl.get(url);
		if (known) {
			known.links.push(element);
			if (title.length > known.title.length) known.title = title;
			continue;
		}

		// Enough for 20 items after the filters below; a box of thousands of links is read no further.
		if (order.length === maxItems * 3) break;
		const candidate: Candidate = {url, title, links: [element], ...(resolved ? {} : {unresolved: true})};
		byUrl.set(url, candidate);
		order.push(candidate);
	}

	const titled = order.filter((candidate) => candidate.title !== '' || imageTitle(candidate) !== '');
	for (const candidate of titled) {
		if (candidate.title === '') candidate.title = imageTitle(candidate);
	}

	// Section links in cards read as one or two words where the articles' titles are sentences.
	const words = titled.map((candidate) => candidate.title.split(' ').length).sort((a, b) => a - b);
	const median = words[Math.floor(words.length / 2)] ?? 0;
	return titled.filter(
		(candidate) =>
			!(median >= 4 && candidate.title.split(' ').length <= 2 && isSectionPath(candidate.url)) &&
			!(context.home !== undefined && candidate.url === context.home),
	);
}

/** An image link's title (its title attribute, or its image's alt text), for cards whose only link is the image. */
function imageTitle(candidate: Candidate): string {
	for (const link of candidate.links) {
		const value = link.getAttribute('title') ?? link.querySelector('img[alt]')?.getAttribute('alt') ?? '';
		const line = value.replace(/\s+/g, ' ').trim();
		if (line) return line;
	}

	return '';
}

/** Candidates → ranked headlines: titles cleaned, duplicates (by link or by title) merged, at most 20. */
function toHeadlines(candidates: Candidate[], source: string): Headline[] {
	const headlines: Headline[] = [];
	const seen = new Set<string>();
	for (const candidate of candidates) {
		const title = cleanTitle(candidate.title, headlines.length + 1);
		const normalized = normalizeTitle(title);
		if (!normalized || seen.has(normalized) || seen.has(candidate.url)) continue;
		seen.add(normalized);
		seen.add(candidate.url);
		const url = candidate.unresolved ? undefined : candidate.url;
		headlines.push({key: headlineKey(source, {url, title}), title, ...(url ? {url} : {}), rank: headlines.length + 1});
		if (headlines.length === maxItems) break;
	}

	return headlines;
}

// ----- where the items are -----

type Context = {
	document: PageDocument;
	base: string | undefined;
	/** The site's front page: a link to it is the logo, never an item. */
	home: string | undefined;
	orderOf(element: PageElement): number;
};

type Found = {strength: Strength; candidates: Candidate[]; parts: PageElement[]; order: number};

const referenceAttributes = ['data-target', 'data-bs-target', 'aria-controls', 'data-tab', 'data-tab-target', 'data-pane', 'data-content'];

/** The element a tab's reference names: `#id`, `.class`, or a bare id or class. */
function referenced(document: PageDocument, reference: string, tab: PageElement): PageElement | undefined {
	const value = reference.trim().split(/\s+/)[0] ?? '';
	const byId = (id: string) => {
		const pane = document.getElementById(id);
		return pane && !pane.contains(tab) ? pane : undefined;
	};

	// The first element of the class that is not the tab itself (tabs often share the pane's class).
	const byClass = (name: string) => Array.from(document.querySelectorAll(`.${name}`)).find((pane) => !pane.contains(tab));
	if (value.startsWith('#') && value.length > 1) return byId(safeDecode(value.slice(1)));
	if (/^\.[\w-]+$/.test(value)) return byClass(value.slice(1));
	if (/^[\w-]+$/.test(value)) return byId(value) ?? byClass(value);
	return undefined;
}

function safeDecode(value: string): string {
	try {
		return decodeURIComponent(value);
	} catch {
		return value;
	}
}

/** A tab's pane, when `label` is (inside) a tab: by reference, else by its place among the tabs. */
function paneOf(label: PageElement, context: Context): PageElement | undefined {
	let node: PageElement | null = label;
	for (let level = 0; node && level < 4; level++, node = node.parentElement) {
		const href = node.getAttribute('href') ?? '';
		const references = [...(/^[#.]./.test(href) ? [href] : []), ...referenceAttributes.map((name) => node!.getAttribute(name) ?? '')];
		for (const reference of references) {
			if (!reference) continue;
			const pane = referenced(context.document, reference, label);
			if (pane) return pane;
		}

		if (node.getAttribute('role') === 'tab') return paneByPlace(node, '[role="tab"]', '[role="tabpanel"]');
	}

	return paneBeside(label);
}

/** A strip of tabs: two or more short labels that link to no page. */
function isTabStrip(element: PageElement): boolean {
	const tabs = Array.from(element.children);
	if (tabs.length < 2 || tabs.length > 8) return false;
	if (!tabs.every((tab) => text(tab).length > 0 && text(tab).length <= 40)) return false;
	const links = Array.from(element.querySelectorAll('a[href]'));
	return links.every((link) => /^(?:#|javascript:)/i.test((link.getAttribute('href') ?? '').trim()));
}

/**
 * Tabs with no reference (script-driven): the label's place in its strip of tabs names the
 * pane in the same place among the blocks that follow the strip.
 */
function paneBeside(label: PageElement): PageElement | undefined {
	let tab: PageElement = label;
	for (let level = 0; level < 3; level++) {
		const strip = tab.parentElement;
		if (!strip) return undefined;
		if (isTabStrip(strip)) {
			const tabs = Array.from(strip.children);
			const place = tabs.indexOf(tab);
			let anchor: PageElement | null = strip;
			for (let up = 0; anchor && up < 3; up++, anchor = anchor.parentElement) {
				for (let sibling = anchor.nextElementSibling; sibling; sibling = sibling.nextElementSibling) {
					const panes = Array.from(sibling.children);
					if (panes.length === tabs.length && panes.every((pane) => pane.querySelector('a[href]'))) return panes[place];
				}
			}

			return undefined;
		}

		tab = strip;
	}

	return undefined;
}

/** The tabpanel in the same place among the panels as `tab` among the tabs. */
function paneByPlace(tab: PageElement, tabSelector: string, paneSelector: string): PageElement | undefined {
	const list = tab.closest('[role="tablist"]') ?? tab.parentElement;
	if (!list) return undefined;
	const tabs = Array.from(list.querySelectorAll(tabSelector));
	const place = tabs.indexOf(tab);
	let scope: PageElement | null = list.parentElement;
	for (let level = 0; scope && level < 4; level++, scope = scope.parentElement) {
		const panes = Array.from(scope.querySelectorAll(paneSelector));
		if (panes.length >= tabs.length && place >= 0) return panes[place];
	}

	return undefined;
}

/**
 * The items under a label that is not a tab: in the smallest box around the label that holds
 * two or more links after it (a heading and its list, a module's title and its cards).
 */
function itemsAfter(label: PageElement, context: Context, exclude: string | undefined): {candidates: Candidate[]; box: PageElement} | undefined {
	let node: PageElement = label;
	for (let level = 0; level < 6; level++) {
		const box = node.parentElement;
		if (!box || tagOf(box) === 'html') return undefined;
		const candidates = itemsIn(box, context, label, exclude);
		if (candidates.length >= 2) return {candidates, box};
		node = box;
	}

	return undefined;
}

const menus = 'nav, [role="navigation"], [role="menubar"], [role="menu"], [class*="menu"], [class*="Menu"], [class*="navbar"]';

/**
 * The smallest element holding every item (the list, the row of cards), to keep out of the
 * article; the box around label and items when that is all it holds.
 */
function itemsBox(candidates: Candidate[], box: PageElement): PageElement {
	const links = candidates.flatMap((candidate) => candidate.links);
	let common: PageElement | null = links[0] ?? box;
	while (common && common !== box && !links.every((link) => common!.contains(link))) common = common.parentElement;
	return common ?? box;
}

/** Elements whose whole text is a most-read label, innermost first, in page order. */
function labels(document: PageDocument): Array<{element: PageElement; strength: Strength}> {
	// Outer elements come first (a link around its span): an inner match replaces its ancestors,
	// which are the last ones kept, so the innermost is the label.
	const found: Array<{element: PageElement; strength: Strength}> = [];
	const elements = document.body?.querySelectorAll('*') ?? [];
	for (let index = 0; index < elements.length; index++) {
		const element = elements[index]!;
		// Labels are leaves or nearly: a link around a span, a tab around an icon and a word.
		if (element.children.length > 3 || ['script', 'style', 'noscript', 'template', 'ul', 'ol', 'select', 'option'].includes(tagOf(element))) continue;
		const raw = element.textContent ?? '';
		if (raw.length > 120) continue;
		const strength = labelStrength(raw);
		// A site's menu may link its popular page: that is navigation, not a list.
		if (strength === undefined || element.closest(menus) || element.querySelector(menus) || element.querySelectorAll('a[href]').length > 1 || isMenuItem(element)) continue;
		while (found.length > 0 && found.at(-1)!.element.contains(element)) found.pop();
		if (found.length === maxCandidates) break;
		found.push({element, strength});
	}

	return found;
}

/**
 * An entry of a menu: one of four or more list items that each link a page by a word or two
 * (a strip of tabs links none: its links are `#…`).
 */
function isMenuItem(element: PageElement): boolean {
	const item = element.closest('li');
	const entries = Array.from(item?.parentElement?.children ?? []);
	if (entries.length < 4) return false;
	const links = entries.filter((entry) => {
		const link = entry.querySelector('a[href]');
		const href = (link?.getAttribute('href') ?? '#').trim();
		return link && !/^(?:#|javascript:)/i.test(href) && text(link).split(' ').length <= 4;
	});
	return links.length >= entries.length * 0.75;
}

/** Links to a site's most-read or popular page whose text is short: module titles. */
function popularLinks(document: PageDocument, context: Context): Array<{element: PageElement; strength: Strength}> {
	const found: Array<{element: PageElement; strength: Strength}> = [];
	const links = document.body?.querySelectorAll('a[href]') ?? [];
	for (let index = 0; index < links.length; index++) {
		const link = links[index]!;
		// A module's title has words; an image-only "more" link to the page is no title.
		const title = text(link);
		if (title === '' || title.split(' ').length > 7) continue;
		const strength = popularPathStrength(resolveUrl(link.getAttribute('href') ?? undefined, context.base));
		if (strength !== undefined && !link.closest(menus) && !isMenuItem(link)) found.push({element: link, strength});
		if (found.length === maxCandidates) break;
	}

	return found;
}

/** Every labelled list on the page, with its strength. */
function labelledLists(document: PageDocument, context: Context): Found[] {
	const found: Found[] = [];
	const claimed: PageElement[] = [];
	const labelled = [...labels(document), ...popularLinks(document, context)].sort(
		(a, b) => context.orderOf(a.element) - context.orderOf(b.element),
	);
	for (const {element, strength} of labelled) {
		if (claimed.some((part) => part.contains(element))) continue;
		// A module titled by a link to the popular page: that page is not one of its items.
		const own = tagOf(element) === 'a' ? element : element.closest('a[href]');
		const exclude = own ? resolveUrl(own.getAttribute('href') ?? undefined, context.base)?.replace(/#.*$/, '') : undefined;
		const pane = paneOf(element, context);
		if (pane) {
			const candidates = itemsIn(pane, context);
			if (candidates.length >= 1) {
				found.push({strength, candidates, parts: [pane, element], order: context.orderOf(element)});
				claimed.push(pane);
			}

			continue;
		}

		const after = itemsAfter(element, context, exclude);
		if (after) {
			found.push({strength, candidates: after.candidates, parts: [element, itemsBox(after.candidates, after.box)], order: context.orderOf(element)});
		}
	}

	return found;
}

/** Containers named most-read or popular by class or id, outermost only. */
function namedLists(document: PageDocument, context: Context): Found[] {
	const found: Found[] = [];
	const elements = document.body?.querySelectorAll('[class], [id]') ?? [];
	let tried = 0;
	for (let index = 0; index < elements.length && tried < maxCandidates; index++) {
		const element = elements[index]!;
		const strength = namedStrength(element);
		if (strength === undefined || found.some((other) => other.parts[0]!.contains(element))) continue;
		tried++;
		const candidates = itemsIn(element, context);
		if (candidates.length >= 2) found.push({strength, candidates, parts: [element], order: context.orderOf(element)});
	}

	return found;
}

/** The page's most-read list, or its trending list when it has nothing else, or nothing. */
export function findRankedList(document: PageDocument, source: string, base: string | undefined): RankedList | undefined {
	const order = new Map<PageElement, number>();
	const all = document.documentElement?.querySelectorAll('*') ?? [];
	for (let index = 0; index < all.length; index++) order.set(all[index]!, index);
	const home = base ? new URL('/', base).href : undefined;
	const context: Context = {document, base, home, orderOf: (element) => order.get(element) ?? -1};

	// A row of section links (a menu under a label) is no list of articles.
	const articles = (list: Found) => !list.candidates.every((candidate) => isSectionPath(candidate.url));
	const lists = labelledLists(document, context).filter(articles);
	const ranked = lists.filter((list) => list.strength >= 3);
	const named = ranked.length > 0 ? [] : namedLists(document, context).filter(articles);
	const trending = lists.filter((list) => list.strength === 1);
	const best = [...ranked, ...named, ...trending].sort((a, b) => b.strength - a.strength || a.order - b.order)[0];
	if (!best) return undefined;
	const headlines = toHeadlines(best.candidates, source);
	if (headlines.length === 0) return undefined;
	return {kind: best.strength === 1 ? 'trending' : 'most-read', headlines, parts: best.parts};
}
