/**
 * Articles of an edition built from the store, read when first used. A source's edition holds up
 * to 500 items; reading and parsing every article's JSON was most of the reader's start from the
 * library (8–12 ms of 500 rows with texts, against 2 ms for their titles), while a start shows one
 * article at most. The edition gets, for each item, an article whose fields are read from the store
 * on the first access to any of them; whether it has text at all comes with the row
 * (model.ts knownText), so the headlines can say which open as text.
 *
 * Until then its fields are own, enumerable accessors (a spread or JSON.stringify of the article
 * reads it whole, as it would a plain one). An article is a Proxy over a small object with a
 * handler shared by all: defining ten accessors on each of 500 objects took 2 ms of the start and
 * 0.5 MB of heap, a Proxy apiece 0.3 ms and 0.2 MB.
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

/** Whether `property` is a field of an article not read yet. */
const unread = (target: StoredArticle, property: string | symbol): property is Field =>
	target[pending] !== undefined && (fields as readonly PropertyKey[]).includes(property);

/** What a field of an article not read yet looks like: an accessor that reads it. */
const accessors = new Map(fields.map(field => [field, {
	get(this: Article): unknown {
		return this[field];
	},
	set(this: Article, value: unknown): void {
		(this as Record<Field, unknown>)[field] = value;
	},
	enumerable: true,
	configurable: true,
} satisfies PropertyDescriptor]));

/** Settles the article on the first use of any field, then answers from its own, plain fields. */
const handler: ProxyHandler<StoredArticle> = {
	get(target, property, receiver) {
		if (unread(target, property)) settle(target);
		return Reflect.get(target, property, receiver) as unknown;
	},
	set(target, property, value, receiver) {
		if (unread(target, property)) settle(target);
		return Reflect.set(target, property, value, receiver);
	},
	has(target, property) {
		if (unread(target, property)) return true;
		return Reflect.has(target, property);
	},
	deleteProperty(target, property) {
		if (unread(target, property)) settle(target);
		return Reflect.deleteProperty(target, property);
	},
	defineProperty(target, property, descriptor) {
		if (unread(target, property)) settle(target);
		return Reflect.defineProperty(target, property, descriptor);
	},
	getOwnPropertyDescriptor(target, property) {
		if (unread(target, property)) return accessors.get(property);
		// Its bookkeeping is its own: no copy of it gets it, as no copy of a plain article would.
		if (property === pending || property === knownText) return undefined;
		return Reflect.getOwnPropertyDescriptor(target, property);
	},
	ownKeys(target) {
		const own = Reflect.ownKeys(target).filter(key => key !== pending && key !== knownText);
		return target[pending] === undefined ? own : [...own, ...fields];
	},
};

/**
 * An article of `key` whose fields come from `load()` on first use. When `load` finds nothing (the
 * item was pruned since, the library closed), the article is the headline's `title` with no text.
 */
export function storedArticle(key: string, title: string, text: boolean, load: () => Article | undefined): Article {
	const target = {key, [pending]: {title, load}, [knownText]: text} as StoredArticle;
	return new Proxy(target, handler);
}
