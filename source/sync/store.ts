/**
 * The sync tables of the library (migration 3): the account and its cursors, the server's
 * subscriptions as sources, the mapping of server entries to stored keys, and the queue of marks
 * made here. The queue is filled by triggers on the reading tables; applying the server's state
 * happens with `sync_applying` set, so what the server said is never queued back to it.
 */
import type {Article, Block, Edition, Headline} from '../model.js';
import type {Library, Retention} from '../library/api.js';
import {defaultRetention} from '../library/api.js';
import type {Database} from '../library/database.js';
import {parseStringList} from '../library/editions.js';
import {libraryDatabase} from '../library/index.js';
import {storageKey} from '../library/keys.js';
import {htmlToBlocks} from '../sources/html-blocks.js';
import {serverBase} from './http.js';

export type AccountKind = 'miniflux' | 'greader';

export type Account = {
	id: number;
	kind: AccountKind;
	/** The server's base URL. */
	url: string;
	username?: string;
	/** Miniflux: the last whole second of changes fully seen. */
	changedAfter: number;
	lastEntryId: number;
	/** Miniflux: `id@changed_at` of the entries in the cursor's overlap, applied already (not again). */
	overlap: string[];
	/** Google Reader: the newest crawl time seen (seconds). */
	newestTime: number;
	syncedAt?: string;
	failure?: string;
	failedAt?: string;
};

/** A subscription on the server. */
export type RemoteFeed = {remoteId: string; title: string; feedUrl: string; siteUrl?: string; categories: readonly string[]};

/** An entry on the server, as the store keeps it. */
export type RemoteEntry = {
	remoteId: string;
	feedRemoteId: string;
	/** The stored key: its URL, else `<kind>:<id>` (Miniflux's API gives no guid). */
	key: string;
	title: string;
	url?: string;
	date?: string;
	/** HTML. */
	content: string;
	author?: string;
	read: boolean;
	starred: boolean;
};

export type PendingMark = {seq: number; remoteId: string; field: 'read' | 'starred'; value: boolean; at: string};

type AccountRow = {
	id: number;
	kind: AccountKind;
	url: string;
	username: string | null;
	changed_after: number;
	last_entry_id: number;
	overlap: string;
	newest_time: number;
	synced_at: string | null;
	failure: string | null;
	failed_at: string | null;
};

/** A feed's summary shorter than this (characters) is a teaser: its full text lives on its page. */
const teaserLength = 400;

/** `sync:miniflux@host/12`: a server source's spec (stable across reconnecting to the same server). */
export function remoteSpec(account: Pick<Account, 'kind' | 'url'>, feedRemoteId: string): string {
	return `sync:${account.kind}@${new URL(account.url).host}/${feedRemoteId}`;
}

export function isRemoteSpec(spec: string): boolean {
	return spec.startsWith('sync:');
}

export type SyncStore = ReturnType<typeof openSyncStore>;

export function openSyncStore(library: Library, now: () => Date = () => new Date()) {
	const db: Database = libraryDatabase(library);
	const statements = {
		account: db.prepare<[], AccountRow>('SELECT * FROM sync_accounts ORDER BY id LIMIT 1'),
		insertAccount: db.prepare('INSERT INTO sync_accounts (kind, url, username) VALUES (?, ?, ?)'),
		deleteAccounts: db.prepare('DELETE FROM sync_accounts'),
		cursors: db.prepare('UPDATE sync_accounts SET changed_after = @changedAfter, last_entry_id = @lastEntryId, overlap = @overlap, newest_time = @newestTime WHERE id = @id'),
		succeeded: db.prepare('UPDATE sync_accounts SET synced_at = ?, failure = NULL, failed_at = NULL WHERE id = ?'),
		failed: db.prepare('UPDATE sync_accounts SET failure = ?, failed_at = ? WHERE id = ?'),
		pendingCount: db.prepare<[number], number>('SELECT count(*) FROM pending_marks WHERE account_id = ?').pluck(),
		pending: db.prepare<[number, number], {seq: number; remote_id: string; field: 'read' | 'starred'; value: number; at: string}>(
			'SELECT seq, remote_id, field, value, at FROM pending_marks WHERE account_id = ? ORDER BY seq LIMIT ?',
		),
		pendingFor: db.prepare<[number, string, string], {one: number}>('SELECT 1 AS one FROM pending_marks WHERE account_id = ? AND remote_id = ? AND field = ?'),
		sent: db.prepare('DELETE FROM pending_marks WHERE seq = ?'),
		applying: db.prepare('INSERT OR IGNORE INTO sync_applying (one) VALUES (1)'),
		applied: db.prepare('DELETE FROM sync_applying'),
		sources: db.prepare<[number], {id: number; spec: string; remote_id: string}>('SELECT id, spec, remote_id FROM sources WHERE account_id = ?'),
		insertSource: db.prepare('INSERT INTO sources (spec) VALUES (?) ON CONFLICT (spec) DO NOTHING'),
		remoteSource: db.prepare(`UPDATE sources SET account_id = @account, remote_id = @remoteId, remote_url = @feedUrl, edition_name = @title,
			tags = @tags, position = NULL WHERE spec = @spec`),
		dropIndex: db.prepare('DELETE FROM search WHERE rowid IN (SELECT id FROM items WHERE source_id = ?)'),
		dropSource: db.prepare('DELETE FROM sources WHERE id = ?'),
		remoteUrl: db.prepare<[string], string | null>('SELECT remote_url FROM sources WHERE spec = ?').pluck(),
		serverFeedUrls: db.prepare<[], string>('SELECT remote_url FROM sources WHERE account_id IS NOT NULL AND remote_url IS NOT NULL').pluck(),
		remoteItem: db.prepare('INSERT INTO remote_items (account_id, remote_id, key) VALUES (?, ?, ?) ON CONFLICT DO UPDATE SET key = excluded.key'),
		remoteIdOf: db.prepare<[number, string], string>('SELECT remote_id FROM remote_items WHERE account_id = ? AND key = ?').pluck(),
		markRead: db.prepare('INSERT INTO read_marks (key, at) VALUES (?, ?) ON CONFLICT (key) DO NOTHING'),
		unmarkRead: db.prepare('DELETE FROM read_marks WHERE key = ?'),
		itemsRead: db.prepare('UPDATE items SET read = ? WHERE key = ? AND read != ?'),
		star: db.prepare('INSERT INTO stars (key, at, source) VALUES (?, ?, ?) ON CONFLICT (key) DO NOTHING'),
		unstar: db.prepare('DELETE FROM stars WHERE key = ?'),
		knownRemote: db.prepare<[number], string>('SELECT remote_id FROM remote_items WHERE account_id = ?').pluck(),
		remoteStates: db.prepare<[number], {remote_id: string; key: string; read: number; starred: number}>(`SELECT r.remote_id, r.key,
			EXISTS (SELECT 1 FROM read_marks m WHERE m.key = r.key) AS read, EXISTS (SELECT 1 FROM stars s WHERE s.key = r.key) AS starred
			FROM remote_items r WHERE r.account_id = ?`),
		forgetRemoteItems: db.prepare('DELETE FROM remote_items WHERE account_id = ?'),
		detachSources: db.prepare('UPDATE sources SET account_id = NULL WHERE account_id = ?'),
	};

	function account(): Account | undefined {
		const row = statements.account.get();
		if (!row) return undefined;
		return {
			id: row.id,
			kind: row.kind,
			url: row.url,
			...(row.username === null ? {} : {username: row.username}),
			changedAfter: row.changed_after,
			lastEntryId: row.last_entry_id,
			overlap: parseStringList(row.overlap),
			newestTime: row.newest_time,
			...(row.synced_at === null ? {} : {syncedAt: row.synced_at}),
			...(row.failure === null ? {} : {failure: row.failure}),
			...(row.failed_at === null ? {} : {failedAt: row.failed_at}),
		};
	}

	/** Applies the server's words with the queue's triggers off, in the caller's transaction. */
	function asServer<T>(work: () => T): T {
		statements.applying.run();
		try {
			return work();
		} finally {
			statements.applied.run();
		}
	}

	return {
		account,

		/** Makes this the account (one at a time: connecting replaces any other). */
		connect(kind: AccountKind, url: string, username?: string): Account {
			db.transaction(() => {
				const old = account();
				if (old) forget(old.id);
				statements.insertAccount.run(kind, serverBase(url, kind).href, username ?? null);
			}).immediate();
			return account()!;
		},

		/** Forgets the account and its queue; its sources and items stay, readable, no longer synced. */
		disconnect(): void {
			db.transaction(() => {
				const old = account();
				if (old) forget(old.id);
			}).immediate();
		},

		pendingCount(accountId: number): number {
			return statements.pendingCount.get(accountId) ?? 0;
		},

		pending(accountId: number, limit = 10_000): PendingMark[] {
			return statements.pending.all(accountId, limit).map(row => ({seq: row.seq, remoteId: row.remote_id, field: row.field, value: row.value === 1, at: row.at}));
		},

		/** Marks the server took: gone from the queue (a newer change of the same item has a newer seq and stays). */
		sent: db.transaction((seqs: readonly number[]) => {
			for (const seq of seqs) statements.sent.run(seq);
		}),

		/** The server's subscriptions become the account's sources; those it no longer has go, with their items. */
		applyFeeds(current: Account, feeds: readonly RemoteFeed[]): void {
			db.transaction(() => {
				const wanted = new Set(feeds.map(feed => feed.remoteId));
				for (const row of statements.sources.all(current.id)) {
					if (wanted.has(row.remote_id)) continue;
					statements.dropIndex.run(row.id);
					statements.dropSource.run(row.id);
				}

				for (const feed of feeds) {
					const spec = remoteSpec(current, feed.remoteId);
					statements.insertSource.run(spec);
					statements.remoteSource.run({account: current.id, remoteId: feed.remoteId, feedUrl: feed.feedUrl, title: feed.title, tags: JSON.stringify(feed.categories), spec});
				}
			}).immediate();
		},

		/**
		 * A batch of entries from the server, in one transaction: new and changed items stored in
		 * their sources, read and starred taken from the server unless a mark here is still queued.
		 */
		applyEntries(current: Account, entries: readonly RemoteEntry[], feedTitles: ReadonlyMap<string, string>, options: {retention?: Retention; cursors?: Partial<Pick<Account, 'changedAfter' | 'lastEntryId' | 'newestTime' | 'overlap'>>} = {}): number {
			let added = 0;
			db.transaction(() => {
				const at = now();
				const byFeed = new Map<string, RemoteEntry[]>();
				for (const entry of entries) {
					const list = byFeed.get(entry.feedRemoteId) ?? [];
					list.push(entry);
					byFeed.set(entry.feedRemoteId, list);
				}

				for (const [feedId, list] of byFeed) {
					const spec = remoteSpec(current, feedId);
					const edition = editionOf(spec, feedTitles.get(feedId) ?? spec, list);
					added += library.storeEdition(spec, edition, {at, retention: options.retention ?? defaultRetention}).added;
				}

				asServer(() => {
					const atIso = at.toISOString();
					for (const entry of entries) {
						const key = storageKey(entry.key);
						statements.remoteItem.run(current.id, entry.remoteId, key);
						if (!statements.pendingFor.get(current.id, entry.remoteId, 'read')) {
							if (entry.read) statements.markRead.run(key, atIso);
							else statements.unmarkRead.run(key);
							const read = entry.read ? 1 : 0;
							statements.itemsRead.run(read, key, read);
						}

						if (!statements.pendingFor.get(current.id, entry.remoteId, 'starred')) {
							if (entry.starred) statements.star.run(key, atIso, remoteSpec(current, entry.feedRemoteId));
							else statements.unstar.run(key);
						}
					}
				});

				const {cursors} = options;
				if (cursors) {
					statements.cursors.run({
						id: current.id,
						changedAfter: cursors.changedAfter ?? current.changedAfter,
						lastEntryId: cursors.lastEntryId ?? current.lastEntryId,
						overlap: JSON.stringify(cursors.overlap ?? current.overlap),
						newestTime: cursors.newestTime ?? current.newestTime,
					});
					Object.assign(current, cursors);
				}
			}).immediate();
			return added;
		},

		/** The ids of the account's entries stored here. */
		knownRemoteIds(accountId: number): Set<string> {
			return new Set(statements.knownRemote.all(accountId));
		},

		/**
		 * The server's whole state (Google Reader gives sets, not changes): every stored entry of the
		 * account not in `unread` is read, every one in `starred` starred, unless a mark is queued here.
		 * Only what differs is written, in one transaction; returns how many marks changed.
		 */
		applyStates(current: Account, unread: ReadonlySet<string>, starred: ReadonlySet<string>, cursors?: Partial<Pick<Account, 'newestTime'>>): number {
			let changed = 0;
			db.transaction(() => {
				const atIso = now().toISOString();
				asServer(() => {
					for (const row of statements.remoteStates.all(current.id)) {
						const read = !unread.has(row.remote_id);
						if (read !== (row.read === 1) && !statements.pendingFor.get(current.id, row.remote_id, 'read')) {
							if (read) statements.markRead.run(row.key, atIso);
							else statements.unmarkRead.run(row.key);
							statements.itemsRead.run(read ? 1 : 0, row.key, read ? 1 : 0);
							changed++;
						}

						const star = starred.has(row.remote_id);
						if (star !== (row.starred === 1) && !statements.pendingFor.get(current.id, row.remote_id, 'starred')) {
							if (star) statements.star.run(row.key, atIso, null);
							else statements.unstar.run(row.key);
							changed++;
						}
					}
				});
				if (cursors?.newestTime !== undefined) {
					statements.cursors.run({id: current.id, changedAfter: current.changedAfter, lastEntryId: current.lastEntryId, overlap: JSON.stringify(current.overlap), newestTime: cursors.newestTime});
					current.newestTime = cursors.newestTime;
				}
			}).immediate();
			return changed;
		},

		/** The server's id of a stored key (for fetch-content), when it is one of the account's entries. */
		remoteIdOf(accountId: number, key: string): string | undefined {
			return statements.remoteIdOf.get(accountId, storageKey(key)) ?? undefined;
		},

		/** The feed URL a server source fetches (its spec is sync:…). */
		remoteUrlOf(spec: string): string | undefined {
			return statements.remoteUrl.get(spec) ?? undefined;
		},

		/** The feed URLs the server fetches: a configured source with one of them is not fetched here. */
		serverFeedUrls(): Set<string> {
			return new Set(statements.serverFeedUrls.all());
		},

		succeeded(accountId: number, at: Date = now()): void {
			statements.succeeded.run(at.toISOString(), accountId);
		},

		failed(accountId: number, message: string, at: Date = now()): void {
			try {
				statements.failed.run(message.split('\n')[0]!.slice(0, 500), at.toISOString(), accountId);
			} catch {
				// The store cannot even note it (a full disk): the caller still says it.
			}
		},
	};

	function forget(accountId: number): void {
		statements.forgetRemoteItems.run(accountId);
		statements.detachSources.run(accountId);
		statements.deleteAccounts.run();
	}
}

/** A feed's batch of server entries as an edition (newest first, as a feed lists them). */
export function editionOf(spec: string, name: string, entries: readonly RemoteEntry[]): Edition {
	const headlines: Headline[] = [];
	const articles: Article[] = [];
	const sorted = [...entries].sort((a, b) => (Date.parse(b.date ?? '') || 0) - (Date.parse(a.date ?? '') || 0));
	for (const entry of sorted) {
		const blocks: Block[] = entry.content.trim() === '' ? [] : htmlToBlocks(entry.content);
		const plain = blocks.reduce((sum, block) => sum + block.text.length, 0);
		const article: Article = {
			key: entry.key,
			title: entry.title,
			blocks,
			...(entry.url ? {url: entry.url} : {}),
			...(entry.author ? {author: entry.author} : {}),
			...(entry.date ? {date: entry.date} : {}),
			...(entry.url && plain < teaserLength ? {summaryOnly: true} : {}),
		};
		articles.push(article);
		headlines.push({
			key: entry.key,
			title: entry.title,
			article: articles.length,
			list: 'latest',
			...(entry.url ? {url: entry.url} : {}),
			...(entry.date ? {date: entry.date} : {}),
		});
	}

	return {source: spec, name, list: 'latest', headlines, articles, notes: []};
}
