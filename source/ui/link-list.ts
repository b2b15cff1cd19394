/**
 * What the links overlay lists: an article's files first (what a podcast item is for), then
 * the links in its text; or, when `o` has nothing to open a link with, that one link. Every URL
 * is checked again here (`safeUrl`) whatever the source said, and each is listed once.
 */
import type {Article, Enclosure} from '../model.js';
import {readableHost, readableUrl} from '../text/iri.js';
import {safeUrl} from './links.js';
import {mediaLabel} from './media.js';
import type {UiStrings} from './strings.js';

export type LinkEntry = {
	/** The exact URL: what is opened and copied. */
	url: string;
	/** What the entry says: the link's words, the file's kind and length, or the URL as it reads. */
	text: string;
	/** The host as it reads (punycode decoded when safe). */
	host: string;
	/** Set for a feed item's file: opened with $PLAYER. */
	media?: Enclosure;
};

function entry(url: string, text: string | undefined, media?: Enclosure): LinkEntry {
	const host = readableHost(new URL(url).hostname);
	const words = text?.trim() ? text : readableUrl(url).replace(/^https?:\/\//, '');
	return media ? {url, text: words, host, media} : {url, text: words, host};
}

/** An article's files, then its links, each URL once. */
export function articleEntries(article: Article | undefined, strings?: UiStrings): LinkEntry[] {
	const entries: LinkEntry[] = [];
	const seen = new Set<string>();
	const add = (raw: string, text: string | undefined, media?: Enclosure) => {
		const url = safeUrl(raw);
		if (!url || seen.has(url)) return;
		seen.add(url);
		entries.push(entry(url, text, media));
	};

	for (const enclosure of article?.enclosures ?? []) {
		add(enclosure.url, [mediaLabel(enclosure, strings), enclosure.title].filter(Boolean).join(' · '), enclosure);
	}

	for (const link of article?.links ?? []) {
		add(link.url, link.text);
	}

	return entries;
}

/** The article's own link, alone: what `o` shows when nothing here can open it. */
export function pageEntries(url: string | undefined, title: string | undefined): LinkEntry[] {
	const safe = safeUrl(url);
	return safe ? [entry(safe, title)] : [];
}
