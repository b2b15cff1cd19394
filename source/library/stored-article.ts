/**
 * Articles of an edition built from the store, read when first used. A source's edition holds up
 * to 500 items; reading and parsing every article's JSON was most of the reader's start from the
 * library (8–12 ms of 500 rows with texts, against 2 ms for their titles), while a start shows one
 * article at most. The edition gets, for each item, an article whose fields are read from the store
 * on the first access to any of them; whether it has text at all comes with the row
 * (model.ts knownText), so the headlines can say which open as text.
 *
 * The fields are own, enumerable accessors (a spread or JSON.stringify of the article reads it
 * whole, as it would a plain one), shared by every such article: no closures per article, and
 * articles made alike share one shape.
 */
import {knownText, type Article} from '../model.js';

/** Every field of Article but its key, which the row gives. */
const fields = ['title', 'url', 'author', 'date', 'lang', 'dir', 'blocks', 'summaryOnly', 'links', 'enclosures'] as const satisfies ReadonlyArray<keyof Article>;

type Field = typeof fields[number];

const pending: unique symbol = Symbol('akhbar.pendingArticle');

type Pending = {title: string; load: () => Article | undefined};

type StoredArticle = Article & {[pending]?: Pending; [knownText]?: boolean};

/** Reads the article and turns its accessors into plain fields (an absent one goes away). */
function settle(article: StoredArticle): void {
	const {title, load} = article[pending]!;
	let loaded: Article | undefined;
	try {
		loaded = load();
	} catch {
		// The library closed or was replaced: the headline's title, no text.
		loaded = undefined;
	}

	const found = loaded ?? {key: article.key, title, blocks: []};
	for (const field of fields) {
		if (found[field] === undefined) {
			delete article[field];
		} else {
			Object.defineProperty(article, field, {value: found[field], writable: true, enumerable: true, configurable: true});
		}
	}

	delete article[pending];
	// Known from now on by its blocks; an article that could not be read has no text.
	article[knownText] = loaded === undefined ? false : undefined;
}

const accessors: PropertyDescriptorMap = Object.fromEntries(fields.map(field => [field, {
	get(this: StoredArticle): unknown {
		settle(this);
		return this[field];
	},
	set(this: StoredArticle, value: unknown): void {
		settle(this);
		Object.defineProperty(this, field, {value, writable: true, enumerable: true, configurable: true});
	},
	enumerable: true,
	configurable: true,
}] satisfies [Field, PropertyDescriptor]));

/**
 * An article of `key` whose fields come from `load()` on first use. When `load` finds nothing (the
 * item was pruned since, the library closed), the article is the headline's `title` with no text.
 */
export function storedArticle(key: string, title: string, text: boolean, load: () => Article | undefined): Article {
	const article = {key} as StoredArticle;
	Object.defineProperties(article, accessors);
	Object.defineProperty(article, pending, {value: {title, load} satisfies Pending, configurable: true});
	Object.defineProperty(article, knownText, {value: text, writable: true, configurable: true});
	return article;
}
