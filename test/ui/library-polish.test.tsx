/**
 * Library mode with many sources, as a user meets it: the headlines' header numbers the
 * configured sources among themselves, the editions across sources name each item's source,
 * their names follow the interface's language, a failure stored by an earlier session is said
 * in that language, the refresh names the source in flight, and / in the overview keeps one
 * slot of results.
 */
import {cleanup, render} from 'ink-testing-library';
import {afterAll, afterEach, beforeAll, describe, expect, it} from 'vitest';
import type {LibraryMode} from '../../source/app.js';
import type {Library, RefreshSources} from '../../source/library/api.js';
import {refreshSources} from '../../source/library/refresh.js';
import type {SourceEntry} from '../../source/prefs.js';
import {defaultTextOptions} from '../../source/text/options.js';
import {cellWidth} from '../../source/text/width.js';
import {HeadlinesPane, selectedHeadlineCell, type HeadlineRow} from '../../source/ui/HeadlinesPane.js';
import {settingKeys} from '../../source/ui/settings-model.js';
import {monoTheme} from '../../source/ui/theme.js';
import {startServer, type TestServer} from '../helpers/http-server.js';
import {feedEdition, items, testLibrary} from '../library/helpers.js';
import {shown} from './fixtures.js';
import {appOpener, keys} from './helpers/render.js';

const open = appOpener();

// The components rendered on their own (ink-testing-library's).
afterEach(cleanup);

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

describe('the editions across sources', () => {
	it('name each item\'s source in its row and in the article\'s meta line', async () => {
		const library = testLibrary();
		const entries = filled(library, 3);
		const h = await open({library: mode(library, entries), offline: true, rows: 24, columns: 120});
		// آخر الأخبار — كل المصادر: every item, newest first (s0's first).
		await h.press('j', keys.enter);
		const rowOf = (title: string) => h.rows().find(row => row.includes(shown(title))) ?? '';
		expect(rowOf(items('s0', 1)[0]!.title)).toContain(shown('مصدر 0'));
		// A source the user named not: the feed's own name.
		expect(rowOf(items('s2', 1)[0]!.title)).toContain('Feed 2');
		await h.press(keys.enter);
		const meta = h.rows().find(row => row.includes(shown('مصدر 0')) && !row.includes(shown(items('s0', 1)[0]!.title)));
		expect(meta, h.frame()).toBeDefined();
		expect(h.frame()).not.toContain(shown('آخر الأخبار — كل المصادر ·'));
	});

	it('a source\'s own headlines do not repeat its name; a narrow pane gives the title the room', async () => {
		const library = testLibrary();
		const entries = filled(library, 3);
		const h = await open({library: mode(library, entries), offline: true, rows: 24, columns: 120});
		await h.press('j', 'j', 'j', keys.enter);
		expect(h.rows().filter(row => row.includes(shown(items('s0', 1)[0]!.title)))[0]).not.toContain(shown('مصدر 0'));
		h.unmount();
		const narrow = await open({library: mode(library, entries), offline: true, rows: 24, columns: 40});
		await narrow.press('g', 'j', keys.enter);
		expect(narrow.frame()).toContain(shown(items('s0', 1)[0]!.title));
		for (const row of narrow.rows()) expect(cellWidth(row)).toBeLessThanOrEqual(40);
	});

	it('never lets an escape sequence of a source\'s name reach the terminal', async () => {
		const library = testLibrary();
		const entries: SourceEntry[] = [{url: 'https://x.example/feed', name: 'Evil\u001B]0;owned\u0007 name'}, {url: 'https://y.example/feed'}];
		library.syncSources(entries);
		library.storeEdition(entries[0]!.url, feedEdition(entries[0]!.url, items('x', 2)));
		const h = await open({library: mode(library, entries), offline: true, rows: 24, columns: 120});
		await h.press('g', 'j', keys.enter);
		expect(h.frame()).toContain('Evil');
		expect(h.frame()).not.toContain('\u001B]');
		expect(h.frame()).not.toContain('\u0007');
	});
});

describe('HeadlinesPane with sources\' names', () => {
	const rows: HeadlineRow[] = [{title: 'عنوان الخبر الأول في الصفحة', read: false, source: 'الجزيرة'}, {title: 'Latin headline here', read: true, source: 'BBC News Arabic service, a long name'}];

	it('puts each name after its title, shortened to a column, and the cursor still on the title\'s first letter', () => {
		for (const fallbackDirection of ['rtl', 'ltr'] as const) {
			const options = {...defaultTextOptions, fallbackDirection};
			const {lastFrame} = render(<HeadlinesPane width={60} height={3} header="h" rows={rows} selected={0} top={0} focused options={options} theme={monoTheme} />);
			const lines = lastFrame()!.split('\n');
			expect(lines[1]).toContain(shown('الجزيرة'));
			expect(lines[2]).toContain('BBC News…');
			const cell = selectedHeadlineCell({width: 60, height: 3, rows, selected: 0, top: 0, options})!;
			// The title's first letter (its rightmost cell in visual order).
			const title = shown('عنوان الخبر الأول في الصفحة');
			expect(cell.col, fallbackDirection).toBe(lines[1]!.indexOf(title) + title.length - 1);
		}
	});

	it('in a narrow pane the title keeps the room: no name', () => {
		const {lastFrame} = render(<HeadlinesPane width={30} height={3} header="h" rows={rows} selected={0} top={0} focused options={defaultTextOptions} theme={monoTheme} />);
		expect(lastFrame()).not.toContain(shown('الجزيرة'));
		expect(lastFrame()).not.toContain('BBC');
	});
});

describe('the editions across sources in the interface\'s language', () => {
	it('are named in the language chosen in the settings, in the header, the status line and the overview', async () => {
		const library = testLibrary();
		const entries = filled(library, 2);
		const h = await open({library: mode(library, entries), offline: true, rows: 30, columns: 120, prefs: {language: 'ar'}});
		await h.press('j', keys.enter);
		expect(h.rows().at(-1), h.frame()).toContain(shown('آخر الأخبار — كل المصادر'));
		// s, down to the language, ar → en.
		await h.press('s', ...Array.from({length: settingKeys.indexOf('language')}, () => 'j'), keys.right);
		expect(h.prefs.get().language).toBe('en');
		await h.press(keys.escape);
		expect(h.rows()[0]).toContain('Latest — all');
		expect(h.rows().at(-1)).toContain('Latest — all sources');
		expect(h.frame()).not.toContain(shown('كل المصادر'));
		await h.press(keys.escape);
		expect(h.frame()).toContain('Most read — all sources');
		expect(h.frame()).toContain('Starred');
		expect(h.frame()).not.toContain(shown('المفضلة'));
	});
});

describe('a failure from an earlier session', () => {
	it('is said in the interface\'s language in the overview\'s status line, not as the store\'s English line', async () => {
		const library = testLibrary();
		const entries = filled(library, 2);
		library.recordFailure(entries[1]!.url, 'connect ECONNREFUSED 127.0.0.1:9', new Date(), {kind: 'refused'});
		const h = await open({library: mode(library, entries), offline: true, rows: 24, columns: 120});
		await h.press('j', 'j', 'j', 'j');
		expect(h.rows().find(row => row.includes('◂'))).toContain(shown('مصدر 1'));
		expect(h.rows().at(-1)).toContain(shown('رفض الخادم الاتصال'));
		expect(h.rows().at(-1)).not.toContain('ECONNREFUSED');
	});
});

describe('a refresh in the status line', () => {
	let server: TestServer;
	const controllers: AbortController[] = [];

	beforeAll(async () => {
		server = await startServer();
		server.route('/hang.xml', () => undefined);
		server.route('/gone.xml', (_request, response) => {
			response.writeHead(404).end();
		});
	});

	afterAll(async () => {
		await server?.close();
	});

	afterEach(() => {
		for (const controller of controllers.splice(0)) controller.abort();
	});

	it('names the source in flight, shortened, beside done/total', async () => {
		const library = testLibrary();
		// Two sources: the overview, whose status line names no source of its own.
		const entries: SourceEntry[] = [{url: server.url('/gone.xml'), name: 'gone'}, {url: server.url('/hang.xml'), name: 'A source on a server that never answers at all'}];
		library.syncSources(entries);
		const controller = new AbortController();
		controllers.push(controller);
		const h = await open({library: {library, entries, refresh: refreshSources, signal: controller.signal}, rows: 24, columns: 120});
		// The 404 done, the hung one still in flight.
		for (let tries = 0; tries < 400 && !h.rows().at(-1)!.includes('1/2'); tries++) {
			// eslint-disable-next-line no-await-in-loop -- one look per tick
			await new Promise(resolve => {
				setTimeout(resolve, 10);
			});
		}

		const status = h.rows().at(-1)!;
		expect(status).toContain('1/2');
		expect(status).toContain('A source on');
		expect(status).toContain('…');
		expect(status).not.toContain('never answers');
	});
});

describe('/ in the overview, again', () => {
	it('replaces the search results with the new ones: one slot of results, after the configured sources', async () => {
		const library = testLibrary();
		const entries = filled(library, 2);
		const h = await open({library: mode(library, entries), offline: true, rows: 24, columns: 120});
		await h.press('/', 's0 رقم 1', keys.enter);
		expect(h.frame()).toContain(shown(items('s0', 2)[1]!.title));
		await h.press(keys.escape, '/', 's1 رقم 0', keys.enter);
		expect(h.frame()).toContain(shown(items('s1', 1)[0]!.title));
		expect(h.frame()).not.toContain(shown(items('s0', 2)[1]!.title));
		// [ goes back to the last configured source, not to the first results.
		await h.press('[');
		expect(h.frame()).toContain(shown(items('s1', 2)[1]!.title));
		expect(h.rows()[0]).toContain('2/2');
		// ] twice: the results, then round to the first edition across sources.
		await h.press(']', ']');
		expect(h.rows().at(-1)).toContain(shown('الأكثر قراءة — كل المصادر'));
	});
});
