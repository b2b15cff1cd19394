import {describe, expect, it} from 'vitest';
import type {CacheEntry} from '../../source/sources/cache.js';
import {testLibrary} from './helpers.js';

function entry(url: string, size = 10, extra: Partial<CacheEntry> = {}): CacheEntry {
	return {url, fetchedAt: '2026-12-01T10:00:00.000Z', bytes: new Uint8Array(size).fill(65), ...extra};
}

describe('the cache in the library', () => {
	it('gives back what was put, with its validators', () => {
		const library = testLibrary();
		const full = entry('https://a.example/feed', 5, {
			finalUrl: 'https://a.example/feed.xml',
			etag: '"v1"',
			lastModified: 'Tue, 01 Dec 2026 10:00:00 GMT',
			contentType: 'application/rss+xml; charset=utf-8',
			bytes: new TextEncoder().encode('<rss>'),
		});
		expect(library.cache.put(full)).toBeUndefined();
		expect(library.cache.get('https://a.example/feed')).toEqual(full);
		expect(library.cache.get('https://a.example/other')).toBeUndefined();
		expect(library.cache.put(entry('https://a.example/feed', 3))).toBeUndefined();
		expect(library.cache.get('https://a.example/feed')).toEqual(entry('https://a.example/feed', 3));
		expect(library.cache.dir).toBe(library.path);
	});

	it('lets the oldest entries go beyond its limits', () => {
		const library = testLibrary({cacheLimits: {maxEntries: 3, maxTotalBytes: 1000}});
		for (const name of ['a', 'b', 'c', 'd']) library.cache.put(entry(`https://x.example/${name}`));
		expect(['a', 'b', 'c', 'd'].map(name => library.cache.get(`https://x.example/${name}`) !== undefined)).toEqual([false, true, true, true]);
		library.cache.put(entry('https://x.example/big', 995));
		expect(['b', 'c', 'd', 'big'].map(name => library.cache.get(`https://x.example/${name}`) !== undefined)).toEqual([false, false, false, true]);
	});

	it('says in one line when it cannot save, and never throws', () => {
		const library = testLibrary({readonly: true});
		expect(library.cache.put(entry('https://x.example/a'))).toMatch(/^cache: could not save a copy in .*\n?$/);
		expect(library.cache.get('https://x.example/a')).toBeUndefined();
	});
});
