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

export type Block = {
	kind: BlockKind;
	text: string;
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
	/** Decks, captions, body... in reading order. The title is not repeated here. */
	blocks: Block[];
	/** True when the blocks are only a feed summary and the full text lives at `url`. */
	summaryOnly?: boolean;
};

export type Headline = {
	key: string;
	title: string;
	url?: string;
	/** Position in the site's list (1-based); absent for a page's own article. */
	rank?: number;
	/** 1-based article number when this headline has text; absent when it has none. */
	article?: number;
	date?: string;
};

/** `most-read`: the site's الأكثر قراءة list; `latest`: the newest items of a feed. */
export type ListKind = 'most-read' | 'latest';

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
	/** One-line notes for the user (a truncated document, a cached copy "as of ..."). */
	notes: string[];
};
