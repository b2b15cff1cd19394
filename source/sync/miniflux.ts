/**
 * A client of Miniflux's REST API (v1, authenticated by an API key in X-Auth-Token): the
 * account, feeds and categories, entries by change time, marks sent in batches, full text,
 * subscribing and unsubscribing. Pure HTTP: what the answers mean to the store is sync's job.
 */
import {exchange, malformed, parseJson, serverBase, serverLabel, statusError, type HttpOptions, type HttpRequest} from './http.js';
import {array, child, dateTime, flag, id, maxTextLength, object, optionalId, optionalText, text, type Fields} from './validate.js';

export type MinifluxUser = {id: number; username: string};
export type MinifluxCategory = {id: number; title: string};
export type MinifluxFeed = {id: number; title: string; feedUrl: string; siteUrl: string; category?: MinifluxCategory};

export type MinifluxEntry = {
	id: number;
	feedId: number;
	status: 'read' | 'unread' | 'removed';
	starred: boolean;
	title: string;
	url: string;
	content: string;
	author: string;
	/** ISO 8601. */
	publishedAt: string;
	/** ISO 8601: the last change of its status, star or content (what `changed_after` compares). */
	changedAt: string;
	hash: string;
};

export type EntryQuery = {
	status?: 'read' | 'unread';
	starred?: boolean;
	/** Unix seconds: entries changed strictly after. */
	changedAfter?: number;
	/** Entries whose id is greater (keyset paging, with order=id). */
	afterEntryId?: number;
	feedId?: number;
	limit?: number;
	offset?: number;
	order?: 'id' | 'published_at' | 'changed_at' | 'status';
	direction?: 'asc' | 'desc';
};

export type MinifluxClient = {
	readonly url: string;
	me(): Promise<MinifluxUser>;
	feeds(): Promise<MinifluxFeed[]>;
	categories(): Promise<MinifluxCategory[]>;
	/**
	 * One page of entries and the total that matches the query; `serverTime`: the server's clock
	 * when it answered (Unix seconds, from its Date header), and `ms`, how long the exchange took.
	 */
	entries(query?: EntryQuery): Promise<{total: number; entries: MinifluxEntry[]; serverTime?: number; ms: number}>;
	/** Every entry matching the query, paged by id (ascending), `pageSize` at a time. */
	allEntries(query?: Omit<EntryQuery, 'afterEntryId' | 'offset' | 'order' | 'direction' | 'limit'>, pageSize?: number): Promise<MinifluxEntry[]>;
	/** Read or unread, `batchSize` entries per request; returns the requests made. */
	setStatus(ids: readonly number[], status: 'read' | 'unread'): Promise<number>;
	/** Starred or not (idempotent, unlike the bookmark toggle), in batches; returns the requests made. */
	setStarred(ids: readonly number[], starred: boolean): Promise<number>;
	/** Flips the star of one entry (Miniflux's bookmark toggle: not idempotent, so sync uses setStarred). */
	toggleBookmark(entryId: number): Promise<void>;
	/** The entry's full text, fetched by Miniflux from its page (the entry is not changed). */
	fetchContent(entryId: number): Promise<string>;
	/** Subscribes to a feed; its new id. */
	subscribe(feedUrl: string, categoryId?: number): Promise<number>;
	unsubscribe(feedId: number): Promise<void>;
	/** Asks Miniflux to fetch the feed now. */
	refreshFeed(feedId: number): Promise<void>;
};

export type MinifluxOptions = HttpOptions & {
	/** Entries per PUT /v1/entries. Default 1000. */
	batchSize?: number;
};

const credentials = 'API key';

export function minifluxClient(url: string, apiKey: string, options: MinifluxOptions = {}): MinifluxClient {
	const label = serverLabel('Miniflux', serverBase(url, 'Miniflux'));
	const base = serverBase(url, label);
	const batchSize = options.batchSize ?? 1000;

	async function send(request: HttpRequest, expected: number): Promise<{body: unknown; date?: string}> {
		const answer = await exchange(base, label, {...request, headers: {'x-auth-token': apiKey, ...request.headers}}, options);
		if (answer.status !== expected) throw statusError(label, answer.status, credentials);
		return {body: expected === 204 ? undefined : parseJson(label, answer), ...(answer.date ? {date: answer.date} : {})};
	}

	const call = async (request: HttpRequest, expected: number): Promise<unknown> => (await send(request, expected)).body;

	const json = (method: 'POST' | 'PUT', path: string, body: unknown): HttpRequest =>
		({method, path, body: JSON.stringify(body), contentType: 'application/json'});

	async function inBatches(ids: readonly number[], body: (batch: number[]) => unknown): Promise<number> {
		let requests = 0;
		for (let start = 0; start < ids.length; start += batchSize) {
			// eslint-disable-next-line no-await-in-loop -- in order, one batch at a time
			await call(json('PUT', 'v1/entries', body(ids.slice(start, start + batchSize))), 204);
			requests++;
		}

		return requests;
	}

	async function entries(query: EntryQuery = {}): Promise<{total: number; entries: MinifluxEntry[]; serverTime?: number; ms: number}> {
		const started = performance.now();
		const answer = await send({method: 'GET', path: `v1/entries?${entryParameters(query)}`}, 200);
		const ms = performance.now() - started;
		const body = object(label, answer.body, 'entries');
		const list = array(label, body.value['entries'] ?? [], 'entries.entries').map((value, index) => readEntry(object(label, value, `entries[${index}]`)));
		const time = answer.date === undefined ? Number.NaN : Date.parse(answer.date);
		return {total: id(body, 'total'), entries: list, ...(Number.isFinite(time) ? {serverTime: Math.floor(time / 1000)} : {}), ms};
	}

	return {
		url: base.href,
		async me() {
			const user = object(label, await call({method: 'GET', path: 'v1/me'}, 200), 'me');
			return {id: id(user, 'id'), username: text(user, 'username')};
		},
		async feeds() {
			return array(label, await call({method: 'GET', path: 'v1/feeds'}, 200), 'feeds').map((value, index) => readFeed(object(label, value, `feeds[${index}]`)));
		},
		async categories() {
			return array(label, await call({method: 'GET', path: 'v1/categories'}, 200), 'categories').map((value, index) => readCategory(object(label, value, `categories[${index}]`)));
		},
		entries,
		async allEntries(query = {}, pageSize = 250) {
			const all: MinifluxEntry[] = [];
			let afterEntryId = 0;
			for (;;) {
				// eslint-disable-next-line no-await-in-loop -- each page starts after the last
				const page = await entries({...query, afterEntryId, limit: pageSize, order: 'id', direction: 'asc'});
				all.push(...page.entries);
				const last = page.entries.at(-1);
				// `total` counts what matches after `afterEntryId`: when this page holds all of it, or is
				// short, it is the last (no request for an empty page).
				if (!last || page.entries.length < pageSize || page.entries.length >= page.total) return all;
				afterEntryId = last.id;
			}
		},
		setStatus: async (ids, status) => inBatches(ids, batch => ({entry_ids: batch, status})),
		setStarred: async (ids, starred) => inBatches(ids, batch => ({entry_ids: batch, starred})),
		async toggleBookmark(entryId) {
			await call({method: 'PUT', path: `v1/entries/${positive(entryId)}/bookmark`}, 204);
		},
		async fetchContent(entryId) {
			const body = object(label, await call({method: 'GET', path: `v1/entries/${positive(entryId)}/fetch-content`}, 200), 'fetch-content');
			return text(body, 'content', maxTextLength);
		},
		async subscribe(feedUrl, categoryId) {
			const body = object(label, await call(json('POST', 'v1/feeds', {feed_url: feedUrl, ...(categoryId === undefined ? {} : {category_id: categoryId})}), 201), 'feeds');
			return id(body, 'feed_id');
		},
		async unsubscribe(feedId) {
			await call({method: 'DELETE', path: `v1/feeds/${positive(feedId)}`}, 204);
		},
		async refreshFeed(feedId) {
			await call({method: 'PUT', path: `v1/feeds/${positive(feedId)}/refresh`}, 204);
		},
	};
}

function entryParameters(query: EntryQuery): string {
	const parameters = new URLSearchParams();
	if (query.status) parameters.set('status', query.status);
	if (query.starred !== undefined) parameters.set('starred', String(query.starred));
	if (query.changedAfter !== undefined) parameters.set('changed_after', String(Math.floor(query.changedAfter)));
	if (query.afterEntryId) parameters.set('after_entry_id', String(query.afterEntryId));
	if (query.feedId !== undefined) parameters.set('feed_id', String(query.feedId));
	if (query.limit !== undefined) parameters.set('limit', String(query.limit));
	if (query.offset) parameters.set('offset', String(query.offset));
	if (query.order) parameters.set('order', query.order);
	if (query.direction) parameters.set('direction', query.direction);
	return parameters.toString();
}

function readCategory(fields: Fields): MinifluxCategory {
	return {id: id(fields, 'id'), title: text(fields, 'title')};
}

function readFeed(fields: Fields): MinifluxFeed {
	const category = fields.value['category'] === undefined || fields.value['category'] === null ? undefined : readCategory(child(fields, 'category'));
	return {
		id: id(fields, 'id'),
		title: text(fields, 'title'),
		feedUrl: text(fields, 'feed_url'),
		siteUrl: optionalText(fields, 'site_url'),
		...(category ? {category} : {}),
	};
}

function readEntry(fields: Fields): MinifluxEntry {
	const status = text(fields, 'status', 16);
	if (status !== 'read' && status !== 'unread' && status !== 'removed') throw malformed(fields.label, `${fields.where}.status is not read, unread or removed`);
	return {
		id: id(fields, 'id'),
		feedId: optionalId(fields, 'feed_id') ?? id(child(fields, 'feed'), 'id'),
		status,
		starred: flag(fields, 'starred'),
		title: text(fields, 'title'),
		url: optionalText(fields, 'url'),
		content: optionalText(fields, 'content', maxTextLength),
		author: optionalText(fields, 'author'),
		publishedAt: dateTime(fields, 'published_at'),
		changedAt: dateTime(fields, 'changed_at'),
		hash: optionalText(fields, 'hash'),
	};
}

/** Ids go into paths: only positive whole numbers do. */
function positive(value: number): number {
	if (!Number.isSafeInteger(value) || value <= 0) throw new RangeError(`not an id: ${value}`);
	return value;
}
