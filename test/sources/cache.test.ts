import {createHash} from 'node:crypto';
import {chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import envPaths from 'env-paths';
import {afterEach, describe, expect, it} from 'vitest';
import {openCache, type CacheEntry} from '../../source/sources/cache.js';

const temporaryDirs: string[] = [];
const freshDir = () => {
	const dir = mkdtempSync(join(tmpdir(), 'akhbar-cache-'));
	temporaryDirs.push(dir);
	return dir;
};

afterEach(() => {
	for (const dir of temporaryDirs.splice(0)) {
		chmodSync(dir, 0o700);
		rmSync(dir, {recursive: true, force: true});
	}
});

const entry: CacheEntry = {
	url: 'https://news.example/ar/rss.xml',
	finalUrl: 'https://www.news.example/ar/rss.xml',
	fetchedAt: '2026-11-28T09:30:00.000Z',
	etag: '"abc"',
	lastModified: 'Sat, 28 Nov 2026 09:00:00 GMT',
	contentType: 'application/rss+xml; charset=windows-1256',
	bytes: Uint8Array.from([0x3c, 0xc7, 0xe1, 0x0a, 0x00, 0xff, 0x3e]),
};

/** The single entry file in a cache directory. */
const entryFile = (dir: string) => {
	const files = readdirSync(dir);
	expect(files).toHaveLength(1);
	return join(dir, files[0]!);
};

describe('openCache', () => {
	it('gives back exactly what was put, bytes and validators', () => {
		const cache = openCache(freshDir());
		expect(cache.put(entry)).toBeUndefined();
		expect(cache.get(entry.url)).toEqual(entry);
	});

	it('keeps one file per URL, named by a hash, with nothing left behind', () => {
		const dir = freshDir();
		const cache = openCache(dir);
		cache.put(entry);
		cache.put({...entry, fetchedAt: '2026-11-28T10:00:00.000Z', bytes: new Uint8Array([1, 2])});
		expect(readdirSync(dir)).toEqual([expect.stringMatching(/^[\da-f]{64}$/)]);
		expect(cache.get(entry.url)?.bytes).toEqual(new Uint8Array([1, 2]));
		expect(cache.get('https://news.example/other')).toBeUndefined();
	});

	it('stores entries without the optional fields', () => {
		const cache = openCache(freshDir());
		const bare = {url: 'http://127.0.0.1/x', fetchedAt: entry.fetchedAt, bytes: new Uint8Array()};
		cache.put(bare);
		expect(cache.get(bare.url)).toEqual(bare);
	});

	it('creates its directory when it is missing', () => {
		const dir = join(freshDir(), 'nested', 'akhbar');
		const cache = openCache(dir);
		expect(cache.put(entry)).toBeUndefined();
		expect(cache.get(entry.url)?.etag).toBe(entry.etag);
	});

	describe('ignores a corrupt entry, and a later put repairs it', () => {
		const corruptions: Record<string, (file: Buffer) => Buffer | string> = {
			'an empty file': () => '',
			'no metadata line': () => 'just bytes',
			'metadata that is not JSON': file => Buffer.concat([Buffer.from('{"version":1,\n'), file]),
			'a truncated body': file => file.subarray(0, file.length - 2),
			'extra bytes after the body': file => Buffer.concat([file, Buffer.from('junk')]),
			'metadata for another URL': file => file.toString('latin1').replace('rss.xml', 'rss.xmx'),
			'an unparseable date': file => file.toString('latin1').replace('2026-11-28T09:30:00.000Z', 'yesterday'),
			'a wrong type': file => file.toString('latin1').replace('"etag":"\\"abc\\""', '"etag":7'),
			'an unknown format version': file => file.toString('latin1').replace('"version":1', '"version":2'),
		};

		for (const [name, corrupt] of Object.entries(corruptions)) {
			it(name, () => {
				const dir = freshDir();
				const cache = openCache(dir);
				cache.put(entry);
				const file = entryFile(dir);
				const corrupted = corrupt(readFileSync(file));
				writeFileSync(file, typeof corrupted === 'string' ? Buffer.from(corrupted, 'latin1') : corrupted);
				expect(cache.get(entry.url)).toBeUndefined();
				cache.put(entry);
				expect(cache.get(entry.url)).toEqual(entry);
			});
		}
	});

	it('warns in one line, without throwing, when its directory cannot be made', () => {
		const blocker = join(freshDir(), 'cache');
		writeFileSync(blocker, 'a file where the directory should be');
		const cache = openCache(blocker);
		expect(cache.put(entry)).toBe(`cache: could not save a copy in ${blocker} (not a directory)`);
		expect(cache.get(entry.url)).toBeUndefined();
	});

	it.skipIf(process.getuid?.() === 0)('warns when its directory is read-only, and leaves no temporary file', () => {
		const dir = freshDir();
		chmodSync(dir, 0o500);
		const cache = openCache(dir);
		expect(cache.put(entry)).toBe(`cache: could not save a copy in ${dir} (permission denied)`);
		expect(readdirSync(dir)).toEqual([]);
	});

	it('drops the oldest entries beyond its limits, and stale temporary files', () => {
		const dir = freshDir();
		const cache = openCache(dir, {maxEntries: 3});
		const urls = ['a', 'b', 'c', 'd', 'e'].map(name => `https://news.example/${name}`);
		const stale = join(dir, `${'0'.repeat(64)}.1.abcd.tmp`);
		writeFileSync(stale, 'left by a crash');
		utimesSync(stale, new Date(Date.now() - 2 * 3600 * 1000), new Date(Date.now() - 2 * 3600 * 1000));
		urls.forEach((url, index) => {
			cache.put({...entry, url});
			// Distinct modification times, oldest first, whatever the file system's resolution.
			const time = new Date(Date.UTC(2026, 10, 1, 0, index));
			utimesSync(join(dir, createHash('sha256').update(url).digest('hex')), time, time);
		});
		expect(urls.map(url => cache.get(url) !== undefined)).toEqual([false, false, true, true, true]);
		expect(readdirSync(dir)).toHaveLength(3);
	});

	it('keeps the total size under its limit, always keeping the newest entry', () => {
		const dir = freshDir();
		const cache = openCache(dir, {maxTotalBytes: 1000});
		cache.put({...entry, url: 'https://news.example/small', bytes: new Uint8Array(300)});
		cache.put({...entry, url: 'https://news.example/huge', bytes: new Uint8Array(2000)});
		expect(cache.get('https://news.example/huge')?.bytes.length).toBe(2000);
		expect(cache.get('https://news.example/small')).toBeUndefined();
	});

	it('lives in the platform cache directory by default', () => {
		expect(openCache().dir).toBe(envPaths('akhbar', {suffix: ''}).cache);
	});
});
