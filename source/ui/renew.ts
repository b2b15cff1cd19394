/**
 * A source's edition replaced by a newer one (its saved copy by the fresh answer, a refresh):
 * the selection and the open article follow their items, by identity, to where they are now.
 * An open item the newer edition no longer lists (a most-read list moves on) is kept at its
 * end while it is read, rather than closed under the reader's eyes.
 */
import type {Edition, Headline} from '../model.js';

export type Renewed = {
	edition: Edition;
	/** Where the selected item is now (the first headline when it is gone). */
	selected: number;
	/** Where the open item is now, when one of this source was open. */
	open?: number;
};

export function renewEdition(before: Edition, fresh: Edition, at: {selected: number; open?: number}): Renewed {
	const opened = at.open === undefined ? undefined : before.headlines[at.open];
	let edition = fresh;
	let open: number | undefined;
	if (opened) {
		open = indexOf(fresh, opened.key);
		if (open < 0) {
			edition = withKept(fresh, before, opened);
			open = edition.headlines.length - 1;
		}
	}

	return {edition, selected: Math.max(0, indexOf(edition, before.headlines[at.selected]?.key)), ...(open === undefined ? {} : {open})};
}

function indexOf(edition: Edition, key: string | undefined): number {
	return key === undefined ? -1 : edition.headlines.findIndex(headline => headline.key === key);
}

/** `fresh` with `headline` (and its article) of `before` added at the end, unranked and in no list of its own. */
function withKept(fresh: Edition, before: Edition, headline: Headline): Edition {
	const article = headline.article === undefined ? undefined : before.articles[headline.article - 1];
	const articles = article ? [...fresh.articles, article] : fresh.articles;
	const kept: Headline = {key: headline.key, title: headline.title};
	if (headline.url !== undefined) kept.url = headline.url;
	if (headline.date !== undefined) kept.date = headline.date;
	if (article) kept.article = articles.length;
	return {...fresh, headlines: [...fresh.headlines, kept], articles};
}
