/**
 * One sync with the connected server: the marks queued here are sent first (in batches, one
 * request per field and value), then the subscriptions and their categories, then every entry
 * that changed since the last sync (new ones and read/starred changes alike), one transaction per
 * page. A failure anywhere stops the sync with one line; what was queued stays queued, what was
 * stored stays stored, and the cursors move only with the pages stored.
 */
import type {Library, Retention} from '../library/api.js';
import {minifluxClient, type MinifluxClient, type MinifluxEntry} from './miniflux.js';
import {SyncError, type HttpOptions} from './http.js';
import {openSyncStore, type Account, type PendingMark, type RemoteEntry, type SyncStore} from './store.js';

export type SyncProgress = {phase: 'sending' | 'subscriptions' | 'entries' | 'full-text'; done: number; total?: number};

export type SyncOptions = HttpOptions & {
	retention?: Retention;
	onProgress?: (progress: SyncProgress) => void;
	/** Entries per page. Default 1000. */
	pageSize?: number;
	/** Full texts fetched by the server per sync for the newest new summary-only entries. Default 10; 0: none. */
	fullTexts?: number;
	now?: () => Date;
};

export type SyncResult = {
	account: Account;
	sent: number;
	added: number;
	/** Entries the server reported changed (new or marked). */
	changed: number;
	feeds: number;
	fullTexts: number;
	requests: number;
};

/** One sync of the library's account with its secret; throws a SyncError (one line) on failure. */
export async function syncLibrary(library: Library, secret: string, options: SyncOptions = {}): Promise<SyncResult> {
	const store = openSyncStore(library, options.now);
	const account = store.account();
	if (!account) throw new SyncError('no sync account is connected (akhbar sync connect)', {kind: 'network', detail: 'not connected'});
	let requests = 0;
	const counted: HttpOptions = {
		...options,
		onRequest(method, path) {
			requests++;
			options.onRequest?.(method, path);
		},
	};
	try {
		let result: Omit<SyncResult, 'account' | 'requests'>;
		if (account.kind === 'miniflux') {
			result = await syncMiniflux(store, account, minifluxClient(account.url, secret, counted), options);
		} else {
			const [{greaderClient}, {syncGReader}] = await Promise.all([import('./greader.js'), import('./engine-greader.js')]);
			result = await syncGReader(store, account, greaderClient(account.url, secret, counted), options);
		}

		store.succeeded(account.id);
		// The server's marks were written beside the reading store: what it remembers is stale.
		library.reading.forgetCached?.();
		return {...result, account: store.account()!, requests};
	} catch (error) {
		store.failed(account.id, error instanceof Error ? error.message : String(error));
		throw error;
	}
}

async function syncMiniflux(store: SyncStore, account: Account, client: MinifluxClient, options: SyncOptions): Promise<Omit<SyncResult, 'account' | 'requests'>> {
	const sent = await sendMarks(store, account, client, options);

	options.onProgress?.({phase: 'subscriptions', done: 0});
	const feeds = await client.feeds();
	store.applyFeeds(account, feeds.map(feed => ({
		remoteId: String(feed.id),
		title: feed.title,
		feedUrl: feed.feedUrl,
		...(feed.siteUrl ? {siteUrl: feed.siteUrl} : {}),
		categories: feed.category ? [feed.category.title] : [],
	})));
	const titles = new Map(feeds.map(feed => [String(feed.id), feed.title]));

	// Miniflux compares changed_at by whole second with a strict ">": the cursor is the last
	// second wholly seen (one before the newest change met), so a change made later within that
	// second is met next time. The entries of the overlap come again each time; those already
	// applied and unchanged (same id and changed_at) are not applied again.
	const pageSize = options.pageSize ?? 1000;
	const knownEntryId = account.lastEntryId;
	const firstSync = account.changedAfter === 0;
	let afterEntryId = 0;
	let changed = 0;
	let added = 0;
	let newestChange = account.changedAfter;
	const applied = new Set(account.overlap);
	const met: Array<{second: number; tag: string}> = [];
	let quietSecond = 0;
	const fresh: Array<{id: number; entry: RemoteEntry; summaryOnly: boolean}> = [];
	for (;;) {
		options.onProgress?.({phase: 'entries', done: changed});
		// eslint-disable-next-line no-await-in-loop -- each page starts after the last
		const page = await client.entries({
			...(account.changedAfter > 0 ? {changedAfter: account.changedAfter} : {}),
			afterEntryId,
			limit: pageSize,
			order: 'id',
			direction: 'asc',
		});
		// What the last sync met in the overlap second, unchanged since, is not applied again.
		const entries = page.entries.filter(entry => entry.status !== 'removed' && !applied.has(`${entry.id}@${entry.changedAt}`));
		for (const entry of page.entries) {
			const second = Math.floor(Date.parse(entry.changedAt) / 1000);
			newestChange = Math.max(newestChange, second - 1);
			met.push({second, tag: `${entry.id}@${entry.changedAt}`});
		}

		const last = page.entries.at(-1);
		const done = !last || page.entries.length < pageSize || page.entries.length >= page.total;
		// Every change made before the first page was asked for is in this pass: by the server's
		// clock, at least two seconds (and the exchange's own time) before it answered. Up to that
		// second the cursor can move, past the overlap, when the last change is older.
		if (afterEntryId === 0 && page.serverTime !== undefined) quietSecond = page.serverTime - 2 - Math.ceil(page.ms / 1000);
		if (done) newestChange = Math.max(newestChange, quietSecond);
		const overlap = done ? met.filter(entry => entry.second > newestChange).map(entry => entry.tag) : undefined;
		const remote = entries.map(entry => remoteEntry(entry));
		added += store.applyEntries(account, remote, titles, {
			...(options.retention ? {retention: options.retention} : {}),
			// The change cursor moves once every page is in; the id cursor notes the newest entry known.
			cursors: {
				lastEntryId: Math.max(account.lastEntryId, last?.id ?? 0),
				...(overlap ? {changedAfter: newestChange, overlap} : {}),
			},
		});
		changed += entries.length;
		// New entries only (ids beyond what was known), not those whose state changed.
		for (const [index, entry] of entries.entries()) {
			if (firstSync || entry.id > knownEntryId) fresh.push({id: entry.id, entry: remote[index]!, summaryOnly: entry.url !== '' && plainLength(entry.content) < 400});
		}

		if (done) break;
		afterEntryId = last.id;
	}

	const wanted = options.fullTexts ?? 10;
	const summaries = wanted > 0 ? fresh.filter(entry => entry.summaryOnly).sort((a, b) => (Date.parse(b.entry.date ?? '') || 0) - (Date.parse(a.entry.date ?? '') || 0)).slice(0, wanted) : [];
	const fullTexts = await fetchFullTexts(store, account, client, summaries, titles, options);
	return {sent, added, changed, feeds: feeds.length, fullTexts};
}

/** The queue, oldest first, as one request per field and value (and per 1000 entries). */
async function sendMarks(store: SyncStore, account: Account, client: MinifluxClient, options: SyncOptions): Promise<number> {
	let sent = 0;
	for (;;) {
		const batch = store.pending(account.id, 10_000);
		if (batch.length === 0) return sent;
		options.onProgress?.({phase: 'sending', done: sent, total: sent + store.pendingCount(account.id)});
		const groups = new Map<string, PendingMark[]>();
		for (const mark of batch) {
			const name = `${mark.field}:${mark.value}`;
			groups.set(name, [...(groups.get(name) ?? []), mark]);
		}

		for (const [name, marks] of groups) {
			const ids = marks.map(mark => Number(mark.remoteId)).filter(id => Number.isSafeInteger(id) && id > 0);
			// eslint-disable-next-line no-await-in-loop -- in order, one group at a time
			if (name === 'read:true') await client.setStatus(ids, 'read');
			// eslint-disable-next-line no-await-in-loop -- in order, one group at a time
			else if (name === 'read:false') await client.setStatus(ids, 'unread');
			// eslint-disable-next-line no-await-in-loop -- in order, one group at a time
			else await client.setStarred(ids, name === 'starred:true');
			// Both calls are idempotent: a batch sent twice (a sync cut after the server took it) is harmless.
			store.sent(marks.map(mark => mark.seq));
			sent += marks.length;
		}
	}
}

/**
 * Miniflux fetches the page of the newest new entries whose feed gives only a summary (its
 * readability extraction), and that text is stored: the reader opens them whole, offline too.
 * A failure here fails nothing: those entries keep their summary.
 */
async function fetchFullTexts(store: SyncStore, account: Account, client: MinifluxClient, wanted: ReadonlyArray<{id: number; entry: RemoteEntry}>, titles: ReadonlyMap<string, string>, options: SyncOptions): Promise<number> {
	const found: RemoteEntry[] = [];
	for (const {id, entry} of wanted) {
		options.onProgress?.({phase: 'full-text', done: found.length, total: wanted.length});
		try {
			// eslint-disable-next-line no-await-in-loop -- one at a time: the server fetches each page
			const content = await client.fetchContent(id);
			if (plainLength(content) > plainLength(entry.content)) found.push({...entry, content});
		} catch (error) {
			// The entry keeps its summary (its link still opens the page); a cancelled sync stops.
			if (options.signal?.aborted) throw error;
		}
	}

	if (found.length > 0) store.applyEntries(account, found, titles, options.retention ? {retention: options.retention} : {});
	return found.length;
}

export function remoteEntry(entry: MinifluxEntry): RemoteEntry {
	return {
		remoteId: String(entry.id),
		feedRemoteId: String(entry.feedId),
		key: entry.url === '' ? `miniflux:${entry.id}` : entry.url,
		title: entry.title,
		...(entry.url === '' ? {} : {url: entry.url}),
		...(entry.publishedAt ? {date: entry.publishedAt} : {}),
		content: entry.content,
		...(entry.author ? {author: entry.author} : {}),
		read: entry.status === 'read',
		starred: entry.starred,
	};
}

/** Characters of text in an HTML fragment (tags dropped): enough to tell a teaser from an article. */
function plainLength(html: string): number {
	return html.replace(/<[^>]*>/g, '').replace(/\s+/g, ' ').trim().length;
}
