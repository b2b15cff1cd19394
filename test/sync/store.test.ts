/** The sync tables (migration 3) and their access (source/sync/store.ts), without a server. */
import path from 'node:path';
import Database from 'better-sqlite3';
import {describe, expect, it} from 'vitest';
import {latestVersion, migrate} from '../../source/library/migrations.js';
import {openSyncStore, remoteSpec, type RemoteEntry} from '../../source/sync/store.js';
import {testLibrary, tempDir} from '../library/helpers.js';

function entry(id: number, overrides: Partial<RemoteEntry> = {}): RemoteEntry {
	return {
		remoteId: String(id),
		feedRemoteId: '5',
		key: `https://example.com/${id}`,
		url: `https://example.com/${id}`,
		title: `خبر ${id}`,
		date: new Date(Date.UTC(2026, 10, 1, 0, id)).toISOString(),
		content: `<p>نص ${id}</p>`,
		read: false,
		starred: false,
		...overrides,
	};
}

const feed = {remoteId: '5', title: 'مصدر', feedUrl: 'https://example.com/feed.xml', categories: ['أخبار']};

describe('migration 3', () => {
	it('adds the sync tables to a version-2 library, keeping its rows', () => {
		const file = path.join(tempDir(), 'library.sqlite');
		const db = new Database(file);
		migrate(db, 2);
		db.prepare("INSERT INTO sources (spec, position) VALUES ('https://a.example/feed', 0)").run();
		db.prepare("INSERT INTO read_marks (key, at) VALUES ('k', 'now')").run();
		migrate(db);
		expect(db.pragma('user_version', {simple: true})).toBe(latestVersion);
		expect(db.prepare('SELECT spec, account_id, remote_id, remote_url FROM sources').all()).toEqual([{spec: 'https://a.example/feed', account_id: null, remote_id: null, remote_url: null}]);
		expect(db.prepare('SELECT count(*) AS n FROM read_marks').get()).toEqual({n: 1});
		for (const table of ['sync_accounts', 'remote_items', 'pending_marks', 'sync_applying']) {
			expect(db.prepare('SELECT count(*) AS n FROM sqlite_schema WHERE name = ?').get(table)).toEqual({n: 1});
		}

		db.close();
	});
});

describe('the sync store', () => {
	it('keeps no secret: the account row has kind, URL and user name only', () => {
		const library = testLibrary();
		const store = openSyncStore(library);
		const account = store.connect('greader', 'https://rss.example/api/greader.php', 'reader');
		expect(account).toMatchObject({kind: 'greader', url: 'https://rss.example/api/greader.php/', username: 'reader', changedAfter: 0});
	});

	it('queues what the reader marks on server items (newest change per item and field), never what the server said', () => {
		const library = testLibrary();
		const store = openSyncStore(library);
		const account = store.connect('miniflux', 'https://flux.example');
		store.applyFeeds(account, [feed]);
		store.applyEntries(account, [entry(1, {read: true}), entry(2), entry(3, {starred: true})], new Map([['5', 'مصدر']]));
		expect(store.pendingCount(account.id)).toBe(0);
		expect(library.reading.isRead('https://example.com/1')).toBe(true);
		expect(library.reading.isStarred('https://example.com/3')).toBe(true);
		const [summary] = library.overview();
		expect(summary).toMatchObject({spec: remoteSpec(account, '5'), name: 'مصدر', tags: ['أخبار'], total: 3, unread: 2, account: 'miniflux https://flux.example/'});

		library.reading.markRead('https://example.com/2');
		library.reading.markRead('https://example.com/2', false);
		library.reading.markRead('https://example.com/2');
		library.reading.setStarred('https://example.com/3', false);
		library.reading.markRead('https://elsewhere.example/x'); // Not a server item: nothing to send.
		expect(store.pending(account.id).map(mark => [mark.remoteId, mark.field, mark.value])).toEqual([['2', 'read', true], ['3', 'starred', false]]);

		// A queued mark wins over the server's state for that item and field.
		store.applyEntries(account, [entry(2, {read: false}), entry(3, {starred: true})], new Map());
		expect(library.reading.isRead('https://example.com/2')).toBe(true);
		const reopened = testLibrary({path: library.path});
		expect(reopened.reading.isStarred('https://example.com/3')).toBe(false);

		const [first] = store.pending(account.id);
		store.sent([first!.seq]);
		expect(store.pendingCount(account.id)).toBe(1);
	});

	it('disconnecting forgets the account and its queue; the server sources stay readable', () => {
		const library = testLibrary();
		const store = openSyncStore(library);
		const account = store.connect('miniflux', 'https://flux.example');
		store.applyFeeds(account, [feed]);
		store.applyEntries(account, [entry(1)], new Map([['5', 'مصدر']]));
		library.reading.markRead('https://example.com/1');
		store.disconnect();
		expect(store.account()).toBeUndefined();
		expect(library.overview().map(source => [source.name, source.total, source.account])).toEqual([['مصدر', 1, undefined]]);
		expect(library.edition(remoteSpec(account, '5'))!.headlines).toHaveLength(1);
		// Marks no longer queue for a server that is gone.
		library.reading.markRead('https://example.com/1', false);
		const again = store.connect('miniflux', 'https://flux.example');
		expect(store.pendingCount(again.id)).toBe(0);
	});

	it('keeps configured sources when the configured list changes, and lists them first', () => {
		const library = testLibrary();
		const store = openSyncStore(library);
		const account = store.connect('miniflux', 'https://flux.example');
		store.applyFeeds(account, [feed]);
		library.syncSources([{url: 'https://local.example/feed.xml', name: 'محلي'}]);
		library.syncSources([{url: 'https://local.example/feed.xml', name: 'محلي'}]);
		expect(library.overview().map(source => source.name)).toEqual(['محلي', 'مصدر']);
		// The reader's start asks for the account's rows alone: the same as the overview's.
		expect(library.serverSources()).toEqual(library.overview().filter(source => source.account !== undefined).map(({spec, name, account}) => ({spec, name, account})));
		expect(library.serverSources()).toHaveLength(1);
		expect(store.serverFeedUrls()).toEqual(new Set(['https://example.com/feed.xml']));
	});

	it('shows a configured source whose feed the server fetches as one row with the server\'s items, not an empty duplicate', () => {
		const library = testLibrary();
		library.syncSources([{url: 'https://example.com/feed.xml', name: 'محلي'}]);
		// Fetched here before the account was connected: its copy is not listed again.
		library.storeEdition('https://example.com/feed.xml', {
			source: 'https://example.com/feed.xml', name: 'مصدر', list: 'latest', notes: [], articles: [],
			headlines: [{key: 'https://example.com/old', title: 'قديم', list: 'latest'}],
		});
		const store = openSyncStore(library);
		const account = store.connect('miniflux', 'https://flux.example');
		store.applyFeeds(account, [feed]);
		store.applyEntries(account, [entry(1, {read: true}), entry(2), entry(3)], new Map([['5', 'مصدر']]));
		const overview = library.overview();
		expect(overview.map(source => [source.spec, source.name, source.total, source.unread])).toEqual([['https://example.com/feed.xml', 'محلي', 3, 2]]);
		// The server's row is the configured one's twin: not listed, at start either.
		expect(library.serverSources()).toEqual([]);
		expect(overview[0]!.refreshedAt).toBeDefined();
		const edition = library.edition('https://example.com/feed.xml')!;
		expect(edition.name).toBe('محلي');
		expect(edition.headlines.map(headline => headline.key)).toEqual(['https://example.com/3', 'https://example.com/2', 'https://example.com/1']);
		expect(library.virtualEdition('latest-all').headlines.map(headline => headline.key)).toEqual(['https://example.com/3', 'https://example.com/2', 'https://example.com/1']);
	});

	it('serves a configured source never fetched here from the server source with its feed', () => {
		const library = testLibrary();
		library.syncSources([{url: 'https://example.com/feed.xml'}]);
		const store = openSyncStore(library);
		const account = store.connect('miniflux', 'https://flux.example');
		store.applyFeeds(account, [feed]);
		store.applyEntries(account, [entry(1)], new Map([['5', 'مصدر']]));
		expect(library.overview().map(source => [source.name, source.total])).toEqual([['مصدر', 1]]);
		expect(library.edition('https://example.com/feed.xml')!.headlines.map(headline => headline.title)).toEqual(['خبر 1']);
	});
});
