/**
 * Fetched pages and feeds in the store (what sources/cache.ts kept as files): the bytes as they
 * came, with ETag and Last-Modified for a conditional GET. Never throws: a read that fails is a
 * miss, a write that fails is a one-line warning. Beyond the limits the oldest entries go.
 */
import type {Cache, CacheEntry, CacheLimits} from '../sources/cache.js';
import {problemOf, type Database} from './database.js';
import {preparedOnUse} from './statements.js';

const defaultLimits = {maxEntries: 1000, maxTotalBytes: 200 * 1024 * 1024};

type Row = {
	url: string;
	final_url: string | null;
	fetched_at: string;
	etag: string | null;
	last_modified: string | null;
	content_type: string | null;
	bytes: Buffer;
};

export function createCache(db: Database, path: string, limits: CacheLimits = {}): Cache & {putMany(entries: Iterable<CacheEntry>): void} {
	const {maxEntries, maxTotalBytes} = {...defaultLimits, ...limits};
	const statements = preparedOnUse({
		get: () => db.prepare<[string], Row>('SELECT url, final_url, fetched_at, etag, last_modified, content_type, bytes FROM cache WHERE url = ?'),
		put: () => db.prepare(`INSERT INTO cache (url, final_url, fetched_at, etag, last_modified, content_type, size, stored, bytes)
			VALUES (@url, @finalUrl, @fetchedAt, @etag, @lastModified, @contentType, @size, @stored, @bytes)
			ON CONFLICT (url) DO UPDATE SET final_url = excluded.final_url, fetched_at = excluded.fetched_at, etag = excluded.etag,
				last_modified = excluded.last_modified, content_type = excluded.content_type, size = excluded.size,
				stored = excluded.stored, bytes = excluded.bytes`),
		totals: () => db.prepare<[], {count: number; total: number | null}>('SELECT count(*) AS count, sum(size) AS total FROM cache'),
		oldest: () => db.prepare<[string], {url: string; size: number}>('SELECT url, size FROM cache WHERE url != ? ORDER BY stored, url'),
		remove: () => db.prepare('DELETE FROM cache WHERE url = ?'),
	});

	/** Strictly increasing within this process, so entries written in the same millisecond keep their order. */
	let lastStored = 0;
	const stamp = () => {
		lastStored = Math.max(Date.now(), lastStored + 1);
		return lastStored;
	};

	const putOne = (entry: CacheEntry) => {
		statements.put.run({
			url: entry.url,
			finalUrl: entry.finalUrl ?? null,
			fetchedAt: entry.fetchedAt,
			etag: entry.etag ?? null,
			lastModified: entry.lastModified ?? null,
			contentType: entry.contentType ?? null,
			size: entry.bytes.byteLength,
			stored: stamp(),
			bytes: Buffer.from(entry.bytes.buffer, entry.bytes.byteOffset, entry.bytes.byteLength),
		});
	};

	const prune = (justWritten: string) => {
		let {count, total} = statements.totals.get()!;
		let bytes = total ?? 0;
		if (count <= maxEntries && bytes <= maxTotalBytes) return;
		// all(), not iterate(): a connection cannot delete while a query of it is open.
		for (const row of statements.oldest.all(justWritten)) {
			if (count <= maxEntries && bytes <= maxTotalBytes) break;
			statements.remove.run(row.url);
			count--;
			bytes -= row.size;
		}
	};

	const put = db.transaction((entry: CacheEntry) => {
		putOne(entry);
		prune(entry.url);
	});

	const putMany = db.transaction((entries: Iterable<CacheEntry>) => {
		let last: string | undefined;
		for (const entry of entries) {
			putOne(entry);
			last = entry.url;
		}

		if (last !== undefined) prune(last);
	});

	return {
		dir: path,
		get(url) {
			let row: Row | undefined;
			try {
				row = statements.get.get(url);
			} catch {
				return undefined;
			}

			if (!row) return undefined;
			return {
				url: row.url,
				...(row.final_url === null ? {} : {finalUrl: row.final_url}),
				fetchedAt: row.fetched_at,
				...(row.etag === null ? {} : {etag: row.etag}),
				...(row.last_modified === null ? {} : {lastModified: row.last_modified}),
				...(row.content_type === null ? {} : {contentType: row.content_type}),
				bytes: new Uint8Array(row.bytes.buffer, row.bytes.byteOffset, row.bytes.byteLength),
			};
		},
		put(entry) {
			try {
				put.immediate(entry);
				return undefined;
			} catch (error) {
				return `cache: could not save a copy in ${path} (${problemOf(error, path)})`;
			}
		},
		putMany(entries) {
			putMany.immediate(entries);
		},
	};
}
