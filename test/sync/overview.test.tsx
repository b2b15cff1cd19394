/**
 * The reader's overview with a sync account: the server's sources under the account's heading,
 * after the configured ones, opened like any other from what the store holds.
 */
import {describe, expect, it} from 'vitest';
import type {LibraryMode} from '../../source/app.js';
import {refreshSources} from '../../source/library/refresh.js';
import {openSyncStore} from '../../source/sync/store.js';
import {feedEdition, items, testLibrary} from '../library/helpers.js';
import {shown} from '../ui/fixtures.js';
import type {RefreshSources} from '../../source/library/api.js';
import {appOpener, keys, until} from '../ui/helpers/render.js';

const open = appOpener();

describe('the overview with a sync account', () => {
	it('lists the server\'s sources under the account after the configured ones, and opens them', async () => {
		const library = testLibrary();
		const entries = [{url: 'https://alpha.example/feed', name: 'مصدر ألف'}];
		library.syncSources(entries);
		library.storeEdition(entries[0]!.url, feedEdition(entries[0]!.url, items('alpha', 2)));
		const store = openSyncStore(library);
		const account = store.connect('miniflux', 'https://flux.example');
		store.applyFeeds(account, [{remoteId: '7', title: 'مصدر الخادم', feedUrl: 'https://server.example/feed.xml', categories: ['أخبار']}]);
		store.applyEntries(account, [{remoteId: '1', feedRemoteId: '7', key: 'https://server.example/1', url: 'https://server.example/1', title: 'خبر من الخادم', content: '<p>نص الخبر من الخادم</p>', date: '2026-12-01T10:00:00Z', read: false, starred: false}], new Map([['7', 'مصدر الخادم']]));
		const mode: LibraryMode = {library, entries, refresh: refreshSources, signal: new AbortController().signal};
		const harness = await open({library: mode, offline: true, rows: 24, columns: 100});
		if (!harness.frame().includes('miniflux')) await harness.press('S');
		const rows = harness.rows();
		const alpha = rows.findIndex(row => row.includes(shown('مصدر ألف')));
		const heading = rows.findIndex(row => row.includes('miniflux https://flux.example/'));
		const server = rows.findIndex(row => row.includes(shown('مصدر الخادم')));
		expect(alpha).toBeGreaterThan(0);
		expect(heading).toBeGreaterThan(alpha);
		expect(server).toBe(heading + 1);
		expect(rows[server]).toMatch(/ 1 /u);
		// From the top: past the three editions and the configured source (the heading is skipped).
		await harness.press('g', 'j', 'j', 'j', 'j', keys.enter);
		expect(harness.frame()).toContain(shown('خبر من الخادم'));
	});

	it('after a sync in the reader (R), the server\'s sources in the overview are the server\'s now: new ones appear, removed ones go, the selection stays on its source', async () => {
		const library = testLibrary();
		const entries = [{url: 'https://alpha.example/feed', name: 'مصدر ألف'}];
		library.syncSources(entries);
		library.storeEdition(entries[0]!.url, feedEdition(entries[0]!.url, items('alpha', 2)));
		const store = openSyncStore(library);
		const account = store.connect('miniflux', 'https://flux.example');
		const feed = (remoteId: string, title: string) => ({remoteId, title, feedUrl: `https://server.example/${remoteId}.xml`, categories: []});
		const entry = (remoteId: string, feedRemoteId: string, title: string) => ({remoteId, feedRemoteId, key: `https://server.example/${remoteId}`, url: `https://server.example/${remoteId}`, title, content: `<p>${title}</p>`, date: '2026-12-01T10:00:00Z', read: false, starred: false});
		store.applyFeeds(account, [feed('7', 'مصدر الخادم'), feed('8', 'مصدر باء')]);
		store.applyEntries(account, [entry('1', '7', 'خبر السابع'), entry('2', '8', 'خبر الثامن')], new Map([['7', 'مصدر الخادم'], ['8', 'مصدر باء']]));
		// What a sync does to the store when the server unsubscribed 7 and subscribed 9 meanwhile.
		let synced = false;
		const refresh: RefreshSources = async () => {
			if (synced) {
				store.applyFeeds(account, [feed('8', 'مصدر باء'), feed('9', 'مصدر جيم')]);
				store.applyEntries(account, [entry('3', '9', 'خبر التاسع')], new Map([['9', 'مصدر جيم']]));
			}

			return [];
		};

		const mode: LibraryMode = {library, entries, refresh, signal: new AbortController().signal};
		const h = await open({library: mode, offline: false, rows: 24, columns: 100});
		if (!h.frame().includes('miniflux')) await h.press('S');
		const selected = () => h.rows().find(row => row.includes('◂')) ?? '';
		await h.press('G');
		expect(selected()).toContain(shown('مصدر باء'));
		synced = true;
		await h.press('R');
		await until(h, current => current.frame().includes(shown('مصدر جيم')), 'the new server source');
		expect(h.frame()).not.toContain(shown('مصدر الخادم'));
		expect(selected()).toContain(shown('مصدر باء'));
		await h.press(keys.enter);
		expect(h.frame()).toContain(shown('خبر الثامن'));
		await h.press('S', 'G', keys.enter);
		expect(h.frame()).toContain(shown('خبر التاسع'));
	});
});
