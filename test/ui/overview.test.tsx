/**
 * The overview and library mode, drawn: the Overview component alone, then the app reading the
 * configured sources from a real library in a temporary folder (its real refresh against a
 * real server on 127.0.0.1): the first frame from the store alone, S / ↓ / Enter / Esc, R
 * bringing a new item without moving the selection, * and the starred edition, / over the archive.
 */
import type {ServerResponse} from 'node:http';
import {cleanup, render} from 'ink-testing-library';
import {afterAll, afterEach, beforeAll, describe, expect, it, vi} from 'vitest';
import type {LibraryMode} from '../../source/app.js';
import type {Library} from '../../source/library/api.js';
import {refreshSources} from '../../source/library/refresh.js';
import type {SourceEntry} from '../../source/prefs.js';
import {defaultTextOptions} from '../../source/text/options.js';
import {cellWidth} from '../../source/text/width.js';
import {helpLines} from '../../source/ui/Help.js';
import {defaultKeyTable} from '../../source/ui/keys.js';
import {Overview, type OverviewRow} from '../../source/ui/Overview.js';
import {tables} from '../../source/ui/strings.js';
import {monoTheme} from '../../source/ui/theme.js';
import {startServer, type TestServer} from '../helpers/http-server.js';
import {feedEdition, items, testLibrary} from '../library/helpers.js';
import {shown} from './fixtures.js';
import {appOpener, keys, until} from './helpers/render.js';

const open = appOpener();

// The components rendered on their own (ink-testing-library's).
afterEach(cleanup);

describe('Overview', () => {
	const rows: OverviewRow[] = [
		{kind: 'source', name: 'آخر الأخبار — كل المصادر', mostRead: false, failed: false},
		{kind: 'heading', text: 'سياسة'},
		{kind: 'source', name: 'الجزيرة', unread: 12, mostRead: true, age: 'الآن', failed: false},
		{kind: 'source', name: 'BBC \u001B]0;owned\u0007عربي', unread: 0, mostRead: false, age: '3 س', failed: true},
	];

	it('draws a title, a tag\'s heading and a row per source: name, unread count, marks and age, right to left', () => {
		const {lastFrame} = render(<Overview width={50} height={6} title="المصادر (2)" rows={rows} selected={2} top={0} options={defaultTextOptions} theme={monoTheme} />);
		const lines = lastFrame()!.split('\n');
		expect(lines).toHaveLength(6);
		expect(lines[0]).toContain(shown('المصادر (2)'));
		expect(lines[2]).toContain(shown('سياسة'));
		// Right to left: the pointer at the right end, the name beside it, then count, mark, age.
		expect(lines[3]).toMatch(/◂$/u);
		expect(lines[3]).toContain(shown('الجزيرة'));
		expect(lines[3]).toMatch(/ {2}↑ 12 /u);
		expect(lines[4]).toContain('!');
		for (const line of lines) expect(cellWidth(line)).toBeLessThanOrEqual(50);
	});

	it('a Latin name in a right-to-left interface starts beside the pointer, as an Arabic one does', () => {
		const latin: OverviewRow[] = [{kind: 'heading', text: 'world'}, {kind: 'source', name: 'BBC News', unread: 3, mostRead: false, age: 'الآن', failed: false}];
		const {lastFrame} = render(<Overview width={50} height={3} title="t" rows={latin} selected={1} top={0} options={defaultTextOptions} theme={monoTheme} />);
		const lines = lastFrame()!.split('\n');
		expect(lines[1]).toMatch(/world$/u);
		expect(lines[2]).toMatch(/BBC News ◂$/u);
	});

	it('never lets an escape sequence of a name reach the terminal', () => {
		const {lastFrame} = render(<Overview width={50} height={6} title="t" rows={rows} selected={2} top={0} options={defaultTextOptions} theme={monoTheme} />);
		expect(lastFrame()).not.toContain('\u001B]');
		expect(lastFrame()).not.toContain('\u0007');
	});

	it('shows its rows from the top of its window', () => {
		const {lastFrame} = render(<Overview width={50} height={3} title="t" rows={rows} selected={3} top={2} options={defaultTextOptions} theme={monoTheme} />);
		const lines = lastFrame()!.split('\n');
		expect(lines[1]).toContain(shown('الجزيرة'));
	});
});

describe('the help and the words', () => {
	it('? lists S, R and * with their words, in every language', () => {
		for (const [language, strings] of Object.entries(tables)) {
			const lines = helpLines({tmux: false}, defaultKeyTable, strings);
			for (const [key, command] of [['S', 'overview'], ['R', 'refreshAll'], ['*', 'star']] as const) {
				const line = lines.find(each => each.keys === key);
				expect(line?.text, `${language} ${key}`).toBe(strings.commandHelp[command]);
				expect(line?.text.length, `${language} ${key}`).toBeGreaterThan(5);
			}
		}
	});
});

describe('library mode', () => {
	let server: TestServer;
	let newer = false;
	const feedXml = (extra: boolean) => `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>نشرة الخادم</title><link>https://net.example/</link><language>ar</language>
${extra ? '<item><title>خبر جديد وصل مع التحديث</title><link>https://net.example/new</link><guid>new</guid><description>نص الجديد.</description><pubDate>Tue, 01 Dec 2026 13:00:00 GMT</pubDate></item>' : ''}
<item><title>خبر الخادم الأول</title><link>https://net.example/1</link><guid>one</guid><description>نص الأول.</description><pubDate>Tue, 01 Dec 2026 11:00:00 GMT</pubDate></item>
<item><title>خبر الخادم الثاني</title><link>https://net.example/2</link><guid>two</guid><description>نص الثاني.</description><pubDate>Tue, 01 Dec 2026 10:00:00 GMT</pubDate></item>
</channel></rss>`;

	beforeAll(async () => {
		server = await startServer();
		server.route('/feed.xml', (_request, response: ServerResponse) => {
			response.writeHead(200, {'content-type': 'application/rss+xml; charset=utf-8'}).end(feedXml(newer));
		});
		server.route('/hang.xml', () => undefined);
	});

	afterAll(async () => {
		await server?.close();
	});

	const controllers: AbortController[] = [];
	afterEach(() => {
		// The refreshes still in flight (a hung server) end with the test, as they do when the reader quits.
		for (const controller of controllers.splice(0)) controller.abort();
	});

	/** Three stored sources under two tags, plus the local server's feed (stored or not). */
	function filled(library: Library, served: string): SourceEntry[] {
		const entries: SourceEntry[] = [
			{url: 'https://alpha.example/feed', name: 'مصدر ألف', tags: ['سياسة']},
			{url: 'https://beta.example/feed', name: 'مصدر باء', tags: ['رياضة']},
			{url: served, name: 'مصدر الخادم', tags: ['سياسة']},
		];
		library.syncSources(entries);
		library.storeEdition(entries[0]!.url, feedEdition(entries[0]!.url, items('alpha', 3)));
		library.storeEdition(entries[1]!.url, feedEdition(entries[1]!.url, items('beta', 2)));
		return entries;
	}

	function mode(library: Library, entries: SourceEntry[]): LibraryMode {
		const controller = new AbortController();
		controllers.push(controller);
		return {library, entries, refresh: refreshSources, signal: controller.signal};
	}

	it('with no last article, starts on the overview from the store alone: editions across sources first, tags, counts', async () => {
		const library = testLibrary();
		const entries = filled(library, server.url('/hang.xml'));
		const h = await open({library: mode(library, entries), offline: true, rows: 24, columns: 100});
		const frame = h.frame();
		expect(frame).toContain(shown('الأكثر قراءة — كل المصادر'));
		expect(frame).toContain(shown('آخر الأخبار — كل المصادر'));
		expect(frame).toContain(shown('المفضلة'));
		expect(frame).toContain(shown('سياسة'));
		expect(frame).toContain(shown('رياضة'));
		const rows = h.rows();
		const alpha = rows.findIndex(row => row.includes(shown('مصدر ألف')));
		const served = rows.findIndex(row => row.includes(shown('مصدر الخادم')));
		const beta = rows.findIndex(row => row.includes(shown('مصدر باء')));
		// Grouped by tag, in configured order: both of سياسة's sources, then رياضة's.
		expect(alpha).toBeGreaterThan(0);
		expect(served).toBe(alpha + 1);
		expect(beta).toBe(served + 2);
		expect(rows[alpha]).toMatch(/ 3 /u);
		expect(rows[beta]).toMatch(/ 2 /u);
	});

	it('S, ↓ and Enter open a source; Esc from its headlines goes up to the overview on its row', async () => {
		const library = testLibrary();
		const entries = filled(library, server.url('/hang.xml'));
		const h = await open({library: mode(library, entries), offline: true, rows: 24, columns: 100});
		// Down past the three editions and the heading: the first source of the first tag.
		await h.press('j', 'j', 'j', keys.enter);
		expect(h.frame()).toContain(shown(items('alpha', 1)[0]!.title));
		expect(h.frame()).not.toContain(shown('رياضة'));
		await h.press(keys.escape);
		const row = h.rows().find(each => each.includes(shown('مصدر ألف')))!;
		expect(row).toMatch(/◂$/u);
		await h.press('S');
		expect(h.frame()).toContain(shown(items('alpha', 1)[0]!.title));
		// The Arabic layout's Shift+S (U+064D) opens it as S does.
		await h.press('\u064D');
		expect(h.frame()).toContain(shown('رياضة'));
	});

	it('keys that come in one chunk (a paste, a fast typist over SSH) open the source, then its first item', async () => {
		const library = testLibrary();
		const entries = filled(library, server.url('/hang.xml'));
		const h = await open({library: mode(library, entries), offline: true, rows: 24, columns: 100});
		await h.press('jjj\r\r');
		expect(h.frame()).toContain(shown('نص الخبر 0 من alpha'));
	});

	it('starts on the last article read, from the store, while the server of every source hangs', async () => {
		const library = testLibrary();
		const entries = filled(library, server.url('/hang.xml'));
		const last = items('beta', 2)[1]!;
		library.reading.setLastArticle({source: entries[1]!.url, key: last.key});
		const h = await open({library: mode(library, entries), rows: 24, columns: 100});
		expect(h.frame()).toContain(shown(last.title));
		expect(h.frame()).toContain(shown('نص الخبر 1 من beta'));
		// The refresh of every source is under way: said in the status line.
		expect(h.rows().at(-1)).toContain('/3');
	});

	it('R refreshes in the background: the new item appears, the selection stays on its item, failures are marked', async () => {
		const library = testLibrary();
		newer = false;
		const entries = filled(library, server.url('/feed.xml'));
		const h = await open({library: mode(library, entries), offline: false, rows: 24, columns: 100});
		// The refresh at start stores the server's feed (the other two hosts do not exist).
		await until(h, current => !current.rows().at(-1)!.includes('/3'), 'the refresh at start ended');
		const selected = () => h.rows().find(row => row.includes('◂')) ?? '';
		// The three editions, the heading سياسة, مصدر ألف, then مصدر الخادم.
		await h.press('j', 'j', 'j', 'j');
		expect(selected()).toContain(shown('مصدر الخادم'));
		await h.press(keys.enter);
		await h.press('j');
		expect(selected()).toContain(shown('خبر الخادم الثاني'));
		newer = true;
		await h.press('R');
		await until(h, current => current.frame().includes(shown('خبر جديد وصل مع التحديث')), 'the new item');
		expect(selected()).toContain(shown('خبر الخادم الثاني'));
		expect(h.rows().filter(row => row.includes(shown('خبر الخادم الثاني')))).toHaveLength(1);
		await until(h, current => !current.rows().at(-1)!.includes('/3'), 'the refresh ended');
		// Two sources failed (no such hosts): said in the status line, marked in the overview.
		expect(h.rows().at(-1)).toContain(shown('تعذّر تحديث'));
		await h.press('S');
		expect(h.rows().find(row => row.includes(shown('مصدر ألف')))).toContain('!');
		expect(h.rows().find(row => row.includes(shown('مصدر الخادم')))).not.toContain('!');
		expect(h.rows().find(row => row.includes(shown('مصدر الخادم')))).toMatch(/ 3 /u);
	});

	it.each([1, 0])('autoRefresh %i: every so many minutes the sources are refreshed while the reader is open (0: never)', async minutes => {
		const library = testLibrary();
		newer = false;
		const entries = filled(library, server.url('/feed.xml'));
		library.reading.setLastArticle({source: entries[0]!.url, key: items('alpha', 1)[0]!.key});
		// Only the interval is faked: Ink's own timers and the fetches run as they do.
		vi.useFakeTimers({toFake: ['setInterval', 'clearInterval']});
		try {
			const h = await open({library: mode(library, entries), prefs: {autoRefresh: minutes}, rows: 24, columns: 100});
			await until(h, current => !current.rows().at(-1)!.includes('/3'), 'the refresh at start ended');
			expect(library.edition(entries[2]!.url)?.headlines).toHaveLength(2);
			newer = true;
			vi.advanceTimersByTime(60_000);
			if (minutes > 0) {
				await until(h, () => library.edition(entries[2]!.url)?.headlines.length === 3, 'the new item stored');
			} else {
				await h.settle();
				await new Promise(resolve => {
					setTimeout(resolve, 300);
				});
				expect(library.edition(entries[2]!.url)?.headlines).toHaveLength(2);
			}
		} finally {
			vi.useRealTimers();
		}
	});

	it('n goes on to the next source with unread items, though it was never viewed (built from the store)', async () => {
		const library = testLibrary();
		const entries = filled(library, server.url('/hang.xml'));
		const h = await open({library: mode(library, entries), offline: true, rows: 24, columns: 100});
		// مصدر ألف, all of it read; then n: مصدر الخادم has nothing stored, مصدر باء has two unread.
		await h.press('j', 'j', 'j', keys.enter);
		await h.press('M', 'n');
		expect(h.frame()).toContain(shown(items('beta', 1)[0]!.title));
		expect(h.rows().find(row => row.includes('◂'))).toContain(shown(items('beta', 1)[0]!.title));
	});

	it('* stars the selected item: a mark in its row, and the starred edition lists it', async () => {
		const library = testLibrary();
		const entries = filled(library, server.url('/hang.xml'));
		const h = await open({library: mode(library, entries), offline: true, rows: 24, columns: 100});
		await h.press('j', 'j', 'j', keys.enter, 'j', '*');
		const title = items('alpha', 3)[1]!.title;
		const row = h.rows().find(each => each.includes(shown(title)))!;
		expect(row).toContain('★');
		expect(library.reading.isStarred(items('alpha', 3)[1]!.key)).toBe(true);
		// Up to the overview, down to المفضلة, open it.
		await h.press(keys.escape, 'g', 'j', 'j', keys.enter);
		expect(h.frame()).toContain(shown(title));
		expect(h.frame()).not.toContain(shown(items('alpha', 3)[0]!.title));
		// * again: unstarred.
		await h.press('*');
		expect(library.reading.isStarred(items('alpha', 3)[1]!.key)).toBe(false);
	});

	it('/ in the overview searches the whole archive and shows the hits as a source; Esc goes back up', async () => {
		const library = testLibrary();
		const entries = filled(library, server.url('/hang.xml'));
		const h = await open({library: mode(library, entries), offline: true, rows: 24, columns: 100});
		await h.press('/');
		expect(h.rows().at(-1)).toContain(shown('ابحث في الأرشيف كله:'));
		await h.press('beta رقم 1', keys.enter);
		expect(h.frame()).toContain(shown(items('beta', 2)[1]!.title));
		expect(h.frame()).not.toContain(shown(items('alpha', 1)[0]!.title));
		await h.press(keys.escape);
		expect(h.frame()).toContain(shown('رياضة'));
	});
});
