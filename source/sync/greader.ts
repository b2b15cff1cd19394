/**
 * A client of the Google Reader API as today's servers speak it (FreshRSS, Miniflux's own
 * endpoint, and others): ClientLogin once for an Auth token, then subscriptions, labels, item ids
 * by stream, item contents by id, marks through edit-tag with many items per request,
 * mark-all-as-read, quickadd and unsubscribe. Servers differ: FreshRSS has stream/contents,
 * Miniflux only stream/items/ids + stream/items/contents (which every server has, so sync uses those).
 */
import {exchange, malformed, parseJson, serverBase, serverLabel, statusError, SyncError, type HttpAnswer, type HttpOptions, type HttpRequest} from './http.js';
import {array, child, maxShortLength, maxTextLength, object, optionalText, text, type Fields} from './validate.js';

export const readingList = 'user/-/state/com.google/reading-list';
export const readTag = 'user/-/state/com.google/read';
export const starredTag = 'user/-/state/com.google/starred';

const longIdPrefix = 'tag:google.com,2005:reader/item/';

export type GReaderSubscription = {
	/** `feed/…`: the stream id. */
	id: string;
	title: string;
	/** The feed's address. */
	url: string;
	htmlUrl: string;
	/** Its folders (labels): `user/-/label/NAME` ids and their names. */
	categories: Array<{id: string; label: string}>;
};

export type GReaderTag = {id: string; type: string};

export type GReaderItem = {
	/** The item's id in decimal (what stream/items/ids gives; long hex forms are converted). */
	id: string;
	/** `feed/…` */
	streamId: string;
	title: string;
	url: string;
	/** The content, else the summary. */
	content: string;
	author: string;
	/** Unix seconds. */
	published: number;
	read: boolean;
	starred: boolean;
	/** Folder and tag names (`user/…/label/NAME` → NAME). */
	labels: string[];
};

export type ItemIdQuery = {
	stream: string;
	/** Streams left out (`xt`), e.g. readTag for unread items only. */
	exclude?: string;
	/** Items per page (`n`). Default 1000. */
	count?: number;
	/** Unix seconds (`ot`): only items newer than this. */
	newerThan?: number;
	/** Oldest first (`r=o`). */
	oldestFirst?: boolean;
	continuation?: string;
};

export type GReaderClient = {
	readonly url: string;
	subscriptions(): Promise<GReaderSubscription[]>;
	tags(): Promise<GReaderTag[]>;
	/** One page of item ids; `continuation` when there are more. */
	itemIds(query: ItemIdQuery): Promise<{ids: string[]; continuation?: string}>;
	/** Every id of the stream, following continuations. */
	allItemIds(query: Omit<ItemIdQuery, 'continuation'>): Promise<string[]>;
	/** The items of these ids, `contentsBatch` per request (POST stream/items/contents). */
	items(ids: readonly string[]): Promise<GReaderItem[]>;
	/** FreshRSS's stream/contents: a page of whole items of a stream (Miniflux lacks it). */
	streamContents(query: ItemIdQuery): Promise<{items: GReaderItem[]; continuation?: string}>;
	/** Adds and/or removes a tag on many items, `editBatch` per request; returns the requests made. */
	editTag(ids: readonly string[], change: {add?: string; remove?: string}): Promise<number>;
	/** Marks a stream read, up to `olderThanUsec` when given (items that came later stay unread). */
	markAllAsRead(stream: string, olderThanUsec?: string): Promise<void>;
	/** Subscribes; the new stream id. */
	quickAdd(feedUrl: string): Promise<string>;
	unsubscribe(streamId: string): Promise<void>;
	/** Puts a subscription in a folder (a label; the server makes it when it has none by that name). */
	addToFolder(streamId: string, folder: string): Promise<void>;
};

export type GReaderOptions = HttpOptions & {
	/** Items per edit-tag request. Default 500. */
	editBatch?: number;
	/** Items per stream/items/contents request. Default 250. */
	contentsBatch?: number;
};

const credentials = 'user name or password';

/**
 * Exchanges the user name and password for an Auth token (ClientLogin), once: the token, not the
 * password, is what a client keeps.
 */
export async function greaderLogin(url: string, user: string, password: string, options: HttpOptions = {}): Promise<string> {
	const base = serverBase(url, 'Google Reader server');
	const label = serverLabel('Google Reader server', base);
	const answer = await exchange(base, label, {
		method: 'POST',
		path: 'accounts/ClientLogin',
		body: new URLSearchParams({Email: user, Passwd: password}).toString(),
		contentType: 'application/x-www-form-urlencoded',
	}, options);
	if (answer.status !== 200) throw statusError(label, answer.status, credentials);
	const auth = /^Auth=(\S+)\s*$/m.exec(answer.text)?.[1];
	if (!auth || auth.length > maxShortLength) throw malformed(label, 'ClientLogin gave no Auth token');
	return auth;
}

export function greaderClient(url: string, authToken: string, options: GReaderOptions = {}): GReaderClient {
	const base = serverBase(url, 'Google Reader server');
	const label = serverLabel('Google Reader server', base);
	const editBatch = options.editBatch ?? 500;
	const contentsBatch = options.contentsBatch ?? 250;
	const authorization = {authorization: `GoogleLogin auth=${authToken}`};
	/** The action token (`T`) POSTs carry, asked for on the first POST and again when refused. */
	let actionToken: string | undefined;

	async function send(request: HttpRequest): Promise<HttpAnswer> {
		return exchange(base, label, {...request, headers: {...authorization, ...request.headers}}, options);
	}

	async function get(path: string): Promise<unknown> {
		const answer = await send({method: 'GET', path});
		if (answer.status !== 200) throw statusError(label, answer.status, credentials);
		return parseJson(label, answer);
	}

	async function token(): Promise<string> {
		if (actionToken) return actionToken;
		const answer = await send({method: 'GET', path: 'reader/api/0/token'});
		if (answer.status !== 200) throw statusError(label, answer.status, credentials);
		const value = answer.text.trim();
		if (!value || value.length > maxShortLength || /\s/.test(value)) throw malformed(label, 'the action token is not one word');
		actionToken = value;
		return value;
	}

	/** A form POST with the action token; a refused token (expired) is asked for once more. */
	async function post(path: string, form: URLSearchParams): Promise<HttpAnswer> {
		for (let attempt = 0; ; attempt++) {
			const body = new URLSearchParams(form);
			// eslint-disable-next-line no-await-in-loop -- the token comes first
			body.set('T', await token());
			// eslint-disable-next-line no-await-in-loop -- a retry follows a refusal
			const answer = await send({method: 'POST', path, body: body.toString(), contentType: 'application/x-www-form-urlencoded'});
			if (answer.status === 401 && attempt === 0 && actionToken) {
				actionToken = undefined;
				continue;
			}

			if (answer.status !== 200) throw statusError(label, answer.status, credentials);
			return answer;
		}
	}

	const streamQuery = (query: ItemIdQuery) => {
		const parameters = new URLSearchParams({output: 'json', s: query.stream, n: String(query.count ?? 1000)});
		if (query.exclude) parameters.set('xt', query.exclude);
		if (query.newerThan !== undefined) parameters.set('ot', String(Math.floor(query.newerThan)));
		if (query.oldestFirst) parameters.set('r', 'o');
		if (query.continuation) parameters.set('c', query.continuation);
		return parameters;
	};

	async function itemIds(query: ItemIdQuery): Promise<{ids: string[]; continuation?: string}> {
		const body = object(label, await get(`reader/api/0/stream/items/ids?${streamQuery(query)}`), 'stream/items/ids');
		const refs = body.value['itemRefs'] === null || body.value['itemRefs'] === undefined ? [] : array(label, body.value['itemRefs'], 'itemRefs');
		const ids = refs.map((value, index) => decimalItemId(label, text(object(label, value, `itemRefs[${index}]`), 'id', 64)));
		return {ids, ...continuationOf(body)};
	}

	return {
		url: base.href,
		async subscriptions() {
			const body = object(label, await get('reader/api/0/subscription/list?output=json'), 'subscription/list');
			return array(label, body.value['subscriptions'], 'subscriptions').map((value, index) => readSubscription(object(label, value, `subscriptions[${index}]`)));
		},
		async tags() {
			const body = object(label, await get('reader/api/0/tag/list?output=json'), 'tag/list');
			return array(label, body.value['tags'], 'tags').map((value, index) => {
				const tag = object(label, value, `tags[${index}]`);
				return {id: text(tag, 'id'), type: optionalText(tag, 'type', 64)};
			});
		},
		itemIds,
		async allItemIds(query) {
			const all: string[] = [];
			let continuation: string | undefined;
			for (let pages = 0; ; pages++) {
				// eslint-disable-next-line no-await-in-loop -- each page follows the one before
				const page = await itemIds({...query, ...(continuation ? {continuation} : {})});
				all.push(...page.ids);
				if (!page.continuation || page.ids.length === 0) return all;
				// A server that hands back the same continuation forever would loop us forever.
				if (page.continuation === continuation || pages > 10_000) throw malformed(label, 'the continuation does not advance');
				continuation = page.continuation;
			}
		},
		async items(ids) {
			const all: GReaderItem[] = [];
			for (let start = 0; start < ids.length; start += contentsBatch) {
				const form = new URLSearchParams({output: 'json'});
				for (const itemId of ids.slice(start, start + contentsBatch)) form.append('i', longItemId(itemId));
				// eslint-disable-next-line no-await-in-loop -- one batch at a time
				const body = object(label, parseJson(label, await post('reader/api/0/stream/items/contents', form)), 'stream/items/contents');
				all.push(...readItems(label, body));
			}

			return all;
		},
		async streamContents(query) {
			const parameters = streamQuery(query);
			parameters.delete('s');
			const body = object(label, await get(`reader/api/0/stream/contents/${encodeURIComponent(query.stream).replaceAll('%2F', '/')}?${parameters}`), 'stream/contents');
			return {items: readItems(label, body), ...continuationOf(body)};
		},
		async editTag(ids, change) {
			if (!change.add && !change.remove) throw new RangeError('editTag needs a tag to add or remove');
			let requests = 0;
			for (let start = 0; start < ids.length; start += editBatch) {
				const form = new URLSearchParams();
				for (const itemId of ids.slice(start, start + editBatch)) form.append('i', longItemId(itemId));
				if (change.add) form.set('a', change.add);
				if (change.remove) form.set('r', change.remove);
				// eslint-disable-next-line no-await-in-loop -- in order, one batch at a time
				await post('reader/api/0/edit-tag', form);
				requests++;
			}

			return requests;
		},
		async markAllAsRead(stream, olderThanUsec) {
			const form = new URLSearchParams({s: stream});
			if (olderThanUsec) form.set('ts', olderThanUsec);
			await post('reader/api/0/mark-all-as-read', form);
		},
		async quickAdd(feedUrl) {
			// In the query: FreshRSS reads quickadd from there alone (Miniflux reads either).
			const answer = await post(`reader/api/0/subscription/quickadd?${new URLSearchParams({quickadd: feedUrl, output: 'json'})}`, new URLSearchParams());
			const body = object(label, parseJson(label, answer), 'subscription/quickadd');
			const streamId = optionalText(body, 'streamId');
			if (!streamId) throw new SyncError(`${label}: could not subscribe to ${feedUrl.slice(0, 200)}`, {kind: 'malformed', detail: 'no streamId'});
			return streamId;
		},
		async unsubscribe(streamId) {
			await post('reader/api/0/subscription/edit', new URLSearchParams({ac: 'unsubscribe', s: streamId}));
		},
		async addToFolder(streamId, folder) {
			await post('reader/api/0/subscription/edit', new URLSearchParams({ac: 'edit', s: streamId, a: `user/-/label/${folder}`}));
		},
	};
}

/** The id as the long form every server accepts in `i=`: `tag:google.com,2005:reader/item/<16 hex>`. */
export function longItemId(decimal: string): string {
	if (!/^\d{1,20}$/.test(decimal)) throw new RangeError(`not an item id: ${decimal.slice(0, 40)}`);
	return longIdPrefix + BigInt(decimal).toString(16).padStart(16, '0');
}

/** Any of the forms servers give (decimal, long hex, bare 16-digit hex) as decimal. */
export function decimalItemId(label: string, value: string): string {
	let parsed: bigint | undefined;
	if (value.startsWith(longIdPrefix) && /^[\da-f]{1,16}$/i.test(value.slice(longIdPrefix.length))) {
		parsed = BigInt(`0x${value.slice(longIdPrefix.length)}`);
	} else if (/^\d{1,20}$/.test(value)) {
		parsed = BigInt(value);
	} else if (/^[\da-f]{16}$/i.test(value)) {
		parsed = BigInt(`0x${value}`);
	}

	if (parsed === undefined || parsed <= 0n || parsed >= 2n ** 64n) throw malformed(label, `an item id is not one (${value.slice(0, 40)})`);
	return parsed.toString();
}

function continuationOf(body: Fields): {continuation?: string} {
	const value = body.value['continuation'];
	// Miniflux sends an offset ("250", or nothing at the end), FreshRSS an opaque string.
	if (typeof value === 'number' && Number.isSafeInteger(value) && value > 0) return {continuation: String(value)};
	if (typeof value === 'string' && value !== '' && value !== '0' && value.length <= 256) return {continuation: value};
	if (value !== undefined && value !== null && value !== '' && value !== 0 && value !== '0') throw malformed(body.label, 'continuation is not a string');
	return {};
}

function readSubscription(fields: Fields): GReaderSubscription {
	const categories = fields.value['categories'] === undefined || fields.value['categories'] === null
		? []
		: array(fields.label, fields.value['categories'], `${fields.where}.categories`).map((value, index) => {
			const category = object(fields.label, value, `${fields.where}.categories[${index}]`);
			return {id: text(category, 'id'), label: optionalText(category, 'label')};
		});
	return {
		id: text(fields, 'id'),
		title: optionalText(fields, 'title'),
		url: optionalText(fields, 'url'),
		htmlUrl: optionalText(fields, 'htmlUrl'),
		categories,
	};
}

function readItems(label: string, body: Fields): GReaderItem[] {
	const items = body.value['items'] === null || body.value['items'] === undefined ? [] : array(label, body.value['items'], 'items');
	return items.map((value, index) => readItem(object(label, value, `items[${index}]`)));
}

function readItem(fields: Fields): GReaderItem {
	const categories = fields.value['categories'] === undefined || fields.value['categories'] === null
		? []
		: array(fields.label, fields.value['categories'], `${fields.where}.categories`, 1000).map((value, index) => {
			if (typeof value !== 'string' || value.length > maxShortLength) throw malformed(fields.label, `${fields.where}.categories[${index}] is not a string`);
			return value;
		});
	const state = (name: string) => categories.some(category => /^user\/[^/]+\/state\/com\.google\//.test(category) && category.endsWith(`/${name}`));
	const labels = categories.flatMap(category => /^user\/[^/]+\/label\/(.+)$/.exec(category)?.[1] ?? []);
	const content = fields.value['content'] === undefined || fields.value['content'] === null ? undefined : optionalText(child(fields, 'content'), 'content', maxTextLength);
	const summary = fields.value['summary'] === undefined || fields.value['summary'] === null ? '' : optionalText(child(fields, 'summary'), 'content', maxTextLength);
	const published = fields.value['published'];
	if (typeof published !== 'number' || !Number.isSafeInteger(published) || published < 0) throw malformed(fields.label, `${fields.where}.published is not a time`);
	return {
		id: decimalItemId(fields.label, text(fields, 'id', 64)),
		streamId: text(child(fields, 'origin'), 'streamId'),
		title: optionalText(fields, 'title'),
		url: firstHref(fields, 'canonical') || firstHref(fields, 'alternate'),
		content: content || summary,
		author: optionalText(fields, 'author'),
		published,
		read: state('read'),
		starred: state('starred'),
		labels,
	};
}

function firstHref(fields: Fields, key: string): string {
	const value = fields.value[key];
	if (value === undefined || value === null) return '';
	const list = array(fields.label, value, `${fields.where}.${key}`, 100);
	return list.length === 0 ? '' : optionalText(object(fields.label, list[0], `${fields.where}.${key}[0]`), 'href');
}
