import {describe, expect, it} from 'vitest';
import {headlineGroups} from '../../source/model.js';
import {virtualSpec} from '../../source/library/api.js';
import {feedEdition, items, testLibrary} from './helpers.js';

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
