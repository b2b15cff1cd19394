import {describe, expect, it} from 'vitest';
import Sqlite from 'better-sqlite3';
import {hasText, headlineGroups, type Article, type Failure} from '../../source/model.js';
import {libraryDatabase} from '../../source/library/index.js';
import {failureJson, parseFailure} from '../../source/library/failure.js';
import {virtualSpec} from '../../source/library/api.js';
import {article, feedEdition, items, testLibrary} from './helpers.js';

const at = new Date('2026-12-01T13:00:00Z');

describe('storeEdition and edition', () => {
	it('stores a feed and gives it back newest first, articles numbered, headlines naming their source', () => {
		const library = testLibrary();
		const list = items('a', 5);
		const result = library.storeEdition('https://a.example/feed', feedEdition('https://a.example/feed', [...list].reverse(), {lang: 'ar'}), {at});
		expect(result).toEqual({added: 5, changed: 0, pruned: 0});
		const edition = library.edition('https://a.example/feed')!;
		expect(edition.name).toBe('name of https://a.example/feed');
		expect(edition.lang).toBe('ar');
		expect(edition.headlines.map(headline => headline.key)).toEqual(list.map(item => item.key));
		for (const headline of edition.headlines) {
			expect(headline.list).toBe('latest');
			expect(headline.origin).toEqual({spec: 'https://a.example/feed', name: edition.name});
			const article = edition.articles[headline.article! - 1]!;
			expect(article.key).toBe(headline.key);
			expect(article.blocks[0]!.text).toContain('نص الخبر');
		}
	});

	it('counts what is new and what changed, and keeps items the feed no longer lists', () => {
		const library = testLibrary();
		const spec = 'https://b.example/feed';
		library.storeEdition(spec, feedEdition(spec, items('b', 3)), {at});
		const next = items('b', 4);
		next[1] = {...next[1]!, title: 'عنوان جديد'};
		const result = library.storeEdition(spec, feedEdition(spec, next.slice(1)), {at});
		expect(result).toEqual({added: 1, changed: 1, pruned: 0});
		const edition = library.edition(spec)!;
		expect(edition.headlines.map(headline => headline.key)).toEqual(['b-0', 'b-1', 'b-2', 'b-3']);
		expect(edition.headlines[1]!.title).toBe('عنوان جديد');
		expect(library.storeEdition(spec, feedEdition(spec, next.slice(1)), {at})).toEqual({added: 0, changed: 0, pruned: 0});
	});

	it('puts the most-read list first, by rank, then every item as latest', () => {
		const library = testLibrary();
		const spec = 'https://c.example/';
		const list = items('c', 4);
		library.storeEdition(spec, feedEdition(spec, list, {mostRead: ['c-2', 'c-0']}), {at});
		const edition = library.edition(spec)!;
		const groups = headlineGroups(edition);
		expect(groups.map(group => group.list)).toEqual(['most-read', 'latest']);
		expect(groups[0]!.headlines.map(headline => [headline.key, headline.rank])).toEqual([['c-2', 1], ['c-0', 2]]);
		expect(groups[1]!.headlines).toHaveLength(4);
		// The same article is one article, whichever list points at it.
		expect(groups[0]!.headlines[0]!.article).toBe(groups[1]!.headlines[2]!.article);
		expect(edition.list).toBe('most-read');
		expect(library.edition('https://never.example/')).toBeUndefined();
	});

	it('keeps a page\'s own article first in its list, unranked, and out of the lists across sources', () => {
		const library = testLibrary();
		library.syncSources([{url: 'p'}]);
		const page = feedEdition('p', items('p', 3), {mostRead: ['p-1', 'p-2']});
		page.headlines.unshift({key: 'p-0', title: 'المقال نفسه', article: 1});
		library.storeEdition('p', page, {at});
		const [top] = headlineGroups(library.edition('p')!);
		expect(top!.headlines.map(headline => [headline.key, headline.rank])).toEqual([['p-0', undefined], ['p-1', 1], ['p-2', 2]]);
		expect(library.virtualEdition('most-read-all').headlines.map(headline => headline.key)).toEqual(['p-1', 'p-2']);
	});

	it('keeps at most maxItems in the edition it builds', () => {
		const library = testLibrary();
		library.storeEdition('s', feedEdition('s', items('s', 30)), {at});
		expect(library.edition('s', {maxItems: 10})!.headlines).toHaveLength(10);
	});

	it('stores a key longer than 2048 characters by its digest, and the reading state finds it', () => {
		const library = testLibrary();
		const key = 'k'.repeat(5000);
		library.storeEdition('s', feedEdition('s', [{key, title: 'طويل', text: 'نص'}]), {at});
		const headline = library.edition('s')!.headlines[0]!;
		expect(headline.key).toMatch(/^sha256:[\da-f]{64}$/);
		library.reading.markRead(key);
		expect(library.overview()).toEqual([]);
		library.syncSources([{url: 's'}]);
		expect(library.overview()[0]!.unread).toBe(0);
		expect(library.reading.isRead(headline.key)).toBe(true);
	});
});

describe('articles read when first used', () => {
	const isRead = (value: Article, field: keyof Article) => Object.getOwnPropertyDescriptor(value, field)?.get === undefined;

	it('says which articles have text without reading them, then reads one whole when it is used', () => {
		const library = testLibrary();
		const list = items('t', 3);
		const edition = feedEdition('t', list);
		edition.articles[1] = {...edition.articles[1]!, blocks: []};
		edition.articles[2] = {...edition.articles[2]!, blocks: [], enclosures: [{url: 'https://example.com/t.mp3', medium: 'audio', type: 'audio/mpeg'}], summaryOnly: true};
		library.storeEdition('t', edition, {at});
		const stored = library.edition('t')!;
		const articles = stored.headlines.map(headline => stored.articles[headline.article! - 1]!);
		expect(articles.map(value => hasText(value))).toEqual([true, false, true]);
		expect(articles.every(value => !isRead(value, 'blocks'))).toBe(true);
		expect(articles[0]!.blocks[0]!.text).toBe(list[0]!.text);
		expect(isRead(articles[0]!, 'blocks')).toBe(true);
		expect(isRead(articles[1]!, 'blocks')).toBe(false);
		// Whole, as stored: a copy or a comparison sees every field, and no field that was absent.
		expect({...articles[0]!}).toStrictEqual({...article(list[0]!)});
		expect(articles[2]).toEqual({...edition.articles[2]!});
		expect(hasText(articles[1])).toBe(false);
		expect(articles[1]!.blocks).toEqual([]);
		expect(Object.keys(articles[1]!)).not.toContain('enclosures');
		expect(JSON.parse(JSON.stringify(articles[1]))).toStrictEqual({...edition.articles[1]!});
	});

	it('gives an article pruned since its edition was built as its title with no text', () => {
		const library = testLibrary();
		library.storeEdition('p', feedEdition('p', items('p', 3)), {at});
		const stored = library.edition('p')!;
		libraryDatabase(library).prepare('DELETE FROM items').run();
		const gone = stored.articles[0]!;
		expect(gone.blocks).toEqual([]);
		expect(gone.title).toBe(stored.headlines[0]!.title);
		expect(hasText(gone)).toBe(false);
	});

	it('reads an article whose stored JSON no longer parses as its title with no text', () => {
		const library = testLibrary();
		library.storeEdition('j', feedEdition('j', items('j', 2)), {at});
		libraryDatabase(library).prepare("UPDATE items SET article = '{not json' WHERE key = 'j-0'").run();
		const stored = library.edition('j')!;
		const damaged = stored.articles[stored.headlines[0]!.article! - 1]!;
		expect(damaged.blocks).toEqual([]);
		expect(damaged.title).toBe(stored.headlines[0]!.title);
		expect(hasText(damaged)).toBe(false);
		expect(stored.articles[stored.headlines[1]!.article! - 1]!.blocks).toHaveLength(1);
	});

	it('keeps whether an item has text when a refresh lists it without its article, and follows a new one', () => {
		const library = testLibrary();
		const list = items('h', 2);
		library.storeEdition('h', feedEdition('h', list), {at});
		// A most-read list alone: headlines with no article of their own this time.
		library.storeEdition('h', {...feedEdition('h', []), headlines: list.map(item => ({key: item.key, title: item.title}))}, {at});
		const flags = () => libraryDatabase(library).prepare('SELECT key, has_text FROM items ORDER BY key').all();
		expect(flags()).toEqual([{key: 'h-0', has_text: 1}, {key: 'h-1', has_text: 1}]);
		const emptied = feedEdition('h', list);
		emptied.articles[0] = {...emptied.articles[0]!, blocks: []};
		library.storeEdition('h', emptied, {at});
		expect(flags()).toEqual([{key: 'h-0', has_text: 0}, {key: 'h-1', has_text: 1}]);
		library.storeEdition('n', {...feedEdition('n', []), headlines: [{key: 'n-0', title: 'بلا نص'}]}, {at});
		expect(libraryDatabase(library).prepare("SELECT has_text FROM items WHERE key = 'n-0'").get()).toEqual({has_text: null});
	});

	it('takes the same source list again without writing (a refresh holding the write lock does not stop the start)', () => {
		const library = testLibrary({busyTimeoutMs: 50});
		const entries = [{url: 'a', name: 'أ', tags: ['x']}, {url: 'b'}];
		library.syncSources(entries);
		const other = new Sqlite(library.path);
		try {
			other.prepare('BEGIN IMMEDIATE').run();
			expect(() => library.syncSources(entries)).not.toThrow();
			expect(() => library.syncSources([...entries].reverse())).toThrow(/busy|locked/iu);
			other.prepare('ROLLBACK').run();
		} finally {
			other.close();
		}

		library.syncSources([entries[1]!, {...entries[0]!, tags: ['y']}]);
		expect(library.overview().map(source => [source.spec, source.tags])).toEqual([['b', []], ['a', ['y']]]);
	});
});

describe('retention', () => {
	it('prunes by age and by count, never a starred item, never one the source still lists', () => {
		const library = testLibrary();
		const spec = 'r';
		const day = 24 * 60 * 60 * 1000;
		const old = items('old', 3, at.getTime() - (100 * day));
		library.storeEdition(spec, feedEdition(spec, old), {at});
		library.reading.setStarred('old-1', true, spec);
		const fresh = items('new', 5);
		const result = library.storeEdition(spec, feedEdition(spec, fresh), {at, retention: {archiveDays: 90, maxItemsPerSource: 1000}});
		expect(result.pruned).toBe(2);
		expect(library.edition(spec)!.headlines.map(headline => headline.key)).toEqual([...fresh.map(item => item.key), 'old-1']);
		const trimmed = library.storeEdition(spec, feedEdition(spec, fresh.slice(0, 2)), {at, retention: {archiveDays: 90, maxItemsPerSource: 3}});
		expect(trimmed.pruned).toBe(2);
		expect(library.edition(spec)!.headlines.map(headline => headline.key)).toEqual(['new-0', 'new-1', 'new-2', 'old-1']);
	});
});

describe('overview and virtual editions', () => {
	function threeSources() {
		let tick = at.getTime();
		const library = testLibrary({now: () => new Date(tick += 60_000)});
		library.syncSources([{url: 'one', name: 'الأولى'}, {url: 'two'}, {url: 'three', name: 'الثالثة'}]);
		library.storeEdition('one', feedEdition('one', items('one', 3, Date.parse('2026-12-01T10:00:00Z')), {mostRead: ['one-1', 'one-2']}), {at});
		library.storeEdition('two', feedEdition('two', items('two', 2, Date.parse('2026-12-01T11:00:00Z')), {name: 'Two'}), {at});
		library.storeEdition('three', feedEdition('three', items('three', 2, Date.parse('2026-12-01T09:00:00Z')), {mostRead: ['three-0', 'three-1']}), {at});
		return library;
	}

	it('lists configured sources in order with unread counts that follow marks', () => {
		const library = threeSources();
		library.reading.markRead('one-0');
		library.reading.markAllRead(['two-0', 'two-1']);
		const overview = library.overview();
		expect(overview.map(source => [source.name, source.unread, source.total, source.hasMostRead])).toEqual([
			['الأولى', 2, 3, true],
			['Two', 0, 2, false],
			['الثالثة', 2, 2, true],
		]);
		expect(overview[0]!.refreshedAt).toBe(at.toISOString());
		library.reading.markRead('one-0', false);
		expect(library.overview()[0]!.unread).toBe(3);
		library.recordFailure('two', 'HTTP 500\nmore');
		expect(library.overview()[1]!.failure).toBe('HTTP 500');
		library.storeEdition('two', feedEdition('two', items('two', 2)), {at});
		expect(library.overview()[1]!.failure).toBeUndefined();
	});

	it('keeps a failure\'s kind, read back checked: a kind it does not know, or a field that is wrong, is none', () => {
		const library = threeSources();
		library.recordFailure('two', 'connection refused', at, {kind: 'refused'});
		expect(library.overview()[1]).toMatchObject({failure: 'connection refused', failureKind: {kind: 'refused'}});
		library.recordFailure('one', 'HTTP 503', at, {kind: 'http', status: 503});
		library.recordFailure('three', 'tls', at, {kind: 'tls', problem: 'expired', host: 'x.example'});
		expect(library.overview().map(source => source.failureKind)).toEqual([{kind: 'http', status: 503}, {kind: 'refused'}, {kind: 'tls', problem: 'expired', host: 'x.example'}]);
		// A failure with no kind (the store could not write) has none.
		library.recordFailure('two', 'could not store: disk full', at);
		expect(library.overview()[1]!.failureKind).toBeUndefined();
		// A success clears it with the line.
		library.storeEdition('one', feedEdition('one', items('one', 1)), {at});
		expect(library.overview()[0]!.failureKind).toBeUndefined();
	});

	it.each([
		['{"kind":"http","status":"503"}'],
		['{"kind":"exploded"}'],
		['{"kind":"tls","problem":"weird","host":"h"}'],
		['{"kind":"host-not-found","host":"a\\u001b]0;owned\\u0007"}'],
		['[1,2]'],
		['not json'],
		['null'],
	])('reads no failure kind back from %s', text => {
		expect(parseFailure(text)).toBeUndefined();
	});

	it('reads back every kind it writes', () => {
		const every: Failure[] = [
			{kind: 'refused'}, {kind: 'host-not-found', host: 'h.example'}, {kind: 'no-network', host: 'h'}, {kind: 'closed'}, {kind: 'unreachable'},
			{kind: 'connect-timeout', seconds: 10}, {kind: 'timeout', seconds: 30}, {kind: 'stalled'}, {kind: 'tls', problem: 'untrusted', host: 'h'},
			{kind: 'http', status: 404}, {kind: 'redirect'}, {kind: 'port', port: '25'}, {kind: 'damaged'}, {kind: 'too-large', limit: '20 MB'},
			{kind: 'offline'}, {kind: 'cancelled'}, {kind: 'network', detail: 'EPIPE'},
		];
		for (const failure of every) expect(parseFailure(failureJson(failure))).toEqual(failure);
	});

	it('marks an item stored after it was read as read', () => {
		const library = testLibrary();
		library.syncSources([{url: 's'}]);
		library.reading.markRead('s-0');
		library.storeEdition('s', feedEdition('s', items('s', 2)), {at});
		expect(library.overview()[0]!.unread).toBe(1);
	});

	it('interleaves most-read lists by rank in configured order', () => {
		const edition = threeSources().virtualEdition('most-read-all');
		expect(edition.source).toBe(virtualSpec('most-read-all'));
		expect(edition.name).toBe('الأكثر قراءة — كل المصادر');
		expect(edition.headlines.map(headline => headline.key)).toEqual(['one-1', 'three-0', 'one-2', 'three-1']);
		expect(edition.headlines[1]!.origin).toEqual({spec: 'three', name: 'الثالثة'});
		expect(edition.articles[edition.headlines[1]!.article! - 1]!.key).toBe('three-0');
	});

	it('lists every item newest first, and the starred ones', () => {
		const library = threeSources();
		const latest = library.virtualEdition('latest-all', {limit: 4});
		expect(latest.headlines.map(headline => headline.key)).toEqual(['two-0', 'two-1', 'one-0', 'one-1']);
		expect(latest.name).toBe('آخر الأخبار — كل المصادر');
		library.reading.setStarred('three-1', true, 'three');
		library.reading.setStarred('one-0', true, 'one');
		const starred = library.virtualEdition('starred');
		expect(starred.name).toBe('المفضلة');
		// Newest star first (the clock ticks a minute per call).
		expect(starred.headlines.map(headline => [headline.key, headline.origin?.spec])).toEqual([['one-0', 'one'], ['three-1', 'three']]);
		library.reading.setStarred('one-0', false);
		expect(library.virtualEdition('starred').headlines.map(headline => headline.key)).toEqual(['three-1']);
	});

	it('leaves out sources no longer configured', () => {
		const library = threeSources();
		library.syncSources([{url: 'three'}, {url: 'one'}]);
		expect(library.overview().map(source => source.spec)).toEqual(['three', 'one']);
		expect(library.virtualEdition('latest-all').headlines.some(headline => headline.key.startsWith('two'))).toBe(false);
	});
});

describe('search', () => {
	function searchable() {
		const library = testLibrary();
		library.syncSources([{url: 'x', name: 'إكس'}, {url: 'y'}]);
		library.storeEdition('x', feedEdition('x', [
			{key: 'x1', title: 'وزير الخارجية يصل إلى القاهرة', text: 'وصل وزير الخارجيّة اليوم', date: '2026-11-30T10:00:00Z'},
			{key: 'x2', title: 'مباراة', text: 'فاز الفريق بالكأس بعد مباراةٍ طويلة', date: '2026-11-30T12:00:00Z'},
		]), {at});
		library.storeEdition('y', feedEdition('y', [
			{key: 'y1', title: 'الكتاب الجديد', text: 'وللكتابة فنون؛ والكتاب ممتع', date: '2026-11-29T10:00:00Z'},
			{key: 'y2', title: 'أخبار القاهرة', text: 'طقس', date: '2026-12-01T10:00:00Z'},
		]), {at});
		return library;
	}

	it('finds folded words, prefixes and words behind proclitics, newest first', () => {
		const library = searchable();
		expect(library.search('القاهرة').map(hit => hit.key)).toEqual(['y2', 'x1']);
		expect(library.search('القاهره').map(hit => hit.key)).toEqual(['y2', 'x1']); // ta marbuta as heh
		expect(library.search('الخارجية').map(hit => hit.key)).toEqual(['x1']); // shadda in the text
		expect(library.search('كأس').map(hit => hit.key)).toEqual(['x2']); // بالكأس
		expect(library.search('كتاب').map(hit => hit.key)).toEqual(['y1']); // والكتاب, and كتابة by prefix
		expect(library.search('مبارا').map(hit => hit.key)).toEqual(['x2']);
		expect(library.search('وزير القاهرة').map(hit => hit.key)).toEqual(['x1']);
		const [hit] = library.search('مباراة');
		expect(hit).toEqual({key: 'x2', source: 'x', sourceName: 'إكس', title: 'مباراة', date: '2026-11-30T12:00:00Z'});
	});

	it('finds Latin words whatever their case, and words cut by punctuation', () => {
		const library = testLibrary();
		library.storeEdition('l', feedEdition('l', [{key: 'l1', title: 'Apple تطلق iPhone', text: 'قال «المتحدث»، و O\'Neil: لا.'}]), {at});
		expect(library.search('APPLE').map(hit => hit.key)).toEqual(['l1']);
		expect(library.search('iphone').map(hit => hit.key)).toEqual(['l1']);
		expect(library.search('المتحدث').map(hit => hit.key)).toEqual(['l1']);
		expect(library.search("o'neil").map(hit => hit.key)).toEqual(['l1']);
	});

	it('filters by source spec or name, limits, and returns nothing for a query without letters', () => {
		const library = searchable();
		expect(library.search('القاهرة', {source: 'إكس'}).map(hit => hit.key)).toEqual(['x1']);
		expect(library.search('القاهرة', {source: 'y'}).map(hit => hit.key)).toEqual(['y2']);
		expect(library.search('القاهرة', {source: 'nothing'})).toEqual([]);
		expect(library.search('القاهرة', {limit: 1})).toHaveLength(1);
		for (const query of ['', '   ', '"', '*', 'AND', '(', '"القاهرة" OR NEAR(', '- : ^']) {
			expect(() => library.search(query)).not.toThrow();
		}

		expect(library.search('*')).toEqual([]);
		expect(library.search('"القاهرة" OR')).toEqual([]);
	});

	it('forgets the words of a pruned or changed item', () => {
		const library = searchable();
		library.storeEdition('x', feedEdition('x', [{key: 'x2', title: 'تعادل', text: 'انتهت بالتعادل', date: '2026-11-30T12:00:00Z'}]), {at});
		expect(library.search('مباراة')).toEqual([]);
		expect(library.search('تعادل').map(hit => hit.key)).toEqual(['x2']);
	});

	it('gives the newest of many matches (more than are looked up one by one), in a source too', () => {
		const library = testLibrary();
		const many = (prefix: string, start: number) => items(prefix, 1100, start).map(item => ({...item, text: `${item.text} سحابة`}));
		// Stored oldest source first, so that ids and times do not agree.
		library.storeEdition('old', feedEdition('old', many('old', Date.parse('2026-11-01T00:00:00Z'))), {at});
		library.storeEdition('new', feedEdition('new', many('new', Date.parse('2026-11-20T00:00:00Z'))), {at, retention: {archiveDays: 90, maxItemsPerSource: 2000}});
		library.storeEdition('mixed', feedEdition('mixed', [{key: 'm', title: 'سحابة', date: '2026-11-25T00:00:00Z'}]), {at});
		expect(library.search('سحاب', {limit: 3}).map(hit => hit.key)).toEqual(['m', 'new-0', 'new-1']);
		expect(library.search('سحاب', {limit: 2, source: 'old'}).map(hit => hit.key)).toEqual(['old-0', 'old-1']);
		expect(library.search('سحاب', {limit: 5000})).toHaveLength(2201);
	});

	it('gives the hits as an edition the reader can show', () => {
		const edition = searchable().searchEdition('القاهرة');
		expect(edition.source).toBe('akhbar:search');
		expect(edition.headlines.map(headline => headline.origin?.spec)).toEqual(['y', 'x']);
		expect(edition.articles[edition.headlines[1]!.article! - 1]!.key).toBe('x1');
	});
});
