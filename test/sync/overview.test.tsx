/**
 * The reader's overview with a sync account: the server's sources under the account's heading,
 * after the configured ones, opened like any other from what the store holds.
 */
import {cleanup} from 'ink-testing-library';
import {afterEach, describe, expect, it} from 'vitest';
import type {LibraryMode} from '../../source/app.js';
import {refreshSources} from '../../source/library/refresh.js';
import {openSyncStore} from '../../source/sync/store.js';
import {feedEdition, items, testLibrary} from '../library/helpers.js';
import {shown} from '../ui/fixtures.js';
import {keys, renderApp, type Harness} from '../ui/helpers/render.js';

let harness: Harness | undefined;

afterEach(() => {
	harness?.unmount();
	harness = undefined;
	cleanup();
});

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
		harness = await renderApp({library: mode, offline: true, rows: 24, columns: 100});
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
});
