/**
 * Library mode with many sources, as a user meets it: the headlines' header numbers the
 * configured sources among themselves, the editions across sources name each item's source,
 * their names follow the interface's language, a failure stored by an earlier session is said
 * in that language, the refresh names the source in flight, and / in the overview keeps one
 * slot of results.
 */
import {cleanup} from 'ink-testing-library';
import {afterEach, describe, expect, it} from 'vitest';
import type {LibraryMode} from '../../source/app.js';
import type {Library, RefreshSources} from '../../source/library/api.js';
import {refreshSources} from '../../source/library/refresh.js';
import type {SourceEntry} from '../../source/prefs.js';
import {feedEdition, items, testLibrary} from '../library/helpers.js';
import {shown} from './fixtures.js';
import {keys, renderApp, type Harness, type HarnessOptions} from './helpers/render.js';

let harness: Harness | undefined;

async function open(options: HarnessOptions): Promise<Harness> {
	harness = await renderApp(options);
	return harness;
}

afterEach(() => {
	harness?.unmount();
	harness = undefined;
	cleanup();
});

/** `count` configured sources, each with two stored items; the first two named by the user. */
function filled(library: Library, count: number): SourceEntry[] {
	const entries: SourceEntry[] = Array.from({length: count}, (_, index) => ({
		url: `https://s${index}.example/feed`,
		...(index < 2 ? {name: `مصدر ${index}`} : {}),
	}));
	library.syncSources(entries);
	for (const [index, entry] of entries.entries()) {
		library.storeEdition(entry.url, feedEdition(entry.url, items(`s${index}`, 2, Date.parse('2026-12-01T12:00:00Z') - (index * 1000)), {name: `Feed ${index}`}));
	}

	return entries;
}

function mode(library: Library, entries: SourceEntry[], refresh: RefreshSources = refreshSources): LibraryMode {
	return {library, entries, refresh, signal: new AbortController().signal};
}

describe('the headlines header in library mode', () => {
	it('numbers the configured sources among themselves; an edition across sources has no number', async () => {
		const library = testLibrary();
		const entries = filled(library, 5);
		const h = await open({library: mode(library, entries), offline: true, rows: 24, columns: 100});
		// Past the three editions across sources: the second configured source.
		await h.press('j', 'j', 'j', 'j', keys.enter);
		expect(h.rows()[0]).toContain('2/5');
		expect(h.rows()[0]).not.toContain('/8');
		await h.press(keys.escape, 'g', keys.enter);
		expect(h.frame()).toContain(shown('الأكثر قراءة — كل المصادر'));
		expect(h.rows()[0]).not.toMatch(/\d\/\d/u);
	});
});
