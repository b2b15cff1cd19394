/**
 * The last good copy of every fetched source, on disk, so that a reader on a train or a slow
 * link still has its news, and a conditional GET can answer "not modified" cheaply.
 *
 * One file per URL, named by the SHA-256 of the URL: a line of JSON metadata, a newline, then
 * the raw bytes as they came (decoding happens again on every load). Writes go to a temporary
 * file renamed into place, so a reader never sees half an entry. The cache is a convenience:
 * it never throws, a corrupt entry is ignored, and a failed write is a one-line warning.
 */
import {createRequire} from 'node:module';
import {mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import envPaths from 'env-paths';

// node:crypto takes ~5 ms to load, and the library imports this module at every start (for the
// old cache folder's place and format); only a cache in a folder needs it.
const require = createRequire(import.meta.url);
let loadedCrypto: typeof import('node:crypto') | undefined;
const crypto = () => {
	loadedCrypto ??= require('node:crypto') as typeof import('node:crypto');
	return loadedCrypto;
};

export type CacheEntry = {
	/** The URL asked for: the key. */
	url: string;
	/** Where the redirects ended, when somewhere else: the base for the page's relative links. */
	finalUrl?: string;
	/** ISO 8601 */
	fetchedAt: string;
	etag?: string;
	lastModified?: string;
	contentType?: string;
	bytes: Uint8Array;
};

/** Beyond these the oldest entries go. Every article opened is kept, so the cache must not grow forever. */
export type CacheLimits = {maxEntries?: number; maxTotalBytes?: number};

const defaultLimits = {maxEntries: 1000, maxTotalBytes: 200 * 1024 * 1024};

/** A temporary file this old was left by a process that died mid-write. */
const staleTemporaryMs = 60 * 60 * 1000;

export type Cache = {
	readonly dir: string;
	get(url: string): CacheEntry | undefined;
	/** Stores the entry; returns a one-line warning instead of throwing when it cannot. */
	put(entry: CacheEntry): string | undefined;
};

type Metadata = Omit<CacheEntry, 'bytes'> & {version: 1; size: number};

const formatVersion = 1;

export function defaultCacheDir(): string {
	return envPaths('akhbar', {suffix: ''}).cache;
}

export function openCache(dir: string = defaultCacheDir(), limits: CacheLimits = {}): Cache {
	const {maxEntries, maxTotalBytes} = {...defaultLimits, ...limits};
	const pathOf = (url: string) => join(dir, crypto().createHash('sha256').update(url).digest('hex'));

	return {
		dir,

		get(url) {
			let file: Buffer;
			try {
				file = readFileSync(pathOf(url));
			} catch {
				return undefined;
			}

			return parseEntry(file, url);
		},

		put(entry) {
			const metadata: Metadata = {
				version: formatVersion,
				url: entry.url,
				...(entry.finalUrl === undefined ? {} : {finalUrl: entry.finalUrl}),
				fetchedAt: entry.fetchedAt,
				...(entry.etag === undefined ? {} : {etag: entry.etag}),
				...(entry.lastModified === undefined ? {} : {lastModified: entry.lastModified}),
				...(entry.contentType === undefined ? {} : {contentType: entry.contentType}),
				size: entry.bytes.byteLength,
			};
			const target = pathOf(entry.url);
			const temporary = `${target}.${process.pid}.${crypto().randomBytes(4).toString('hex')}.tmp`;
			try {
				mkdirSync(dir, {recursive: true, mode: 0o700});
				writeFileSync(temporary, Buffer.concat([Buffer.from(JSON.stringify(metadata) + '\n'), entry.bytes]), {mode: 0o600});
				renameSync(temporary, target);
				prune(dir, target, maxEntries, maxTotalBytes);
				return undefined;
			} catch (error) {
				try {
					rmSync(temporary, {force: true});
				} catch {
					// Nothing was written there, or nothing can be removed there either.
				}

				return `cache: could not save a copy in ${dir} (${fileProblem(error)})`;
			}
		},
	};
}

/** Removes the oldest entries beyond the limits, and temporary files left by crashes. Best effort. */
function prune(dir: string, justWritten: string, maxEntries: number, maxTotalBytes: number): void {
	const now = Date.now();
	const entries: Array<{path: string; mtime: number; size: number}> = [];
	try {
		for (const name of readdirSync(dir)) {
			const path = join(dir, name);
			const info = statSync(path, {throwIfNoEntry: false});
			if (!info?.isFile()) continue;
			if (name.endsWith('.tmp')) {
				if (now - info.mtimeMs > staleTemporaryMs) rmSync(path, {force: true});
			} else if (/^[\da-f]{64}$/.test(name)) {
				entries.push({path, mtime: info.mtimeMs, size: info.size});
			}
		}
	} catch {
		return;
	}

	entries.sort((a, b) => b.mtime - a.mtime);
	let count = 0;
	let total = 0;
	for (const entry of entries) {
		count++;
		total += entry.size;
		if (entry.path !== justWritten && (count > maxEntries || total > maxTotalBytes)) {
			try {
				rmSync(entry.path, {force: true});
			} catch {
				// Another process may be pruning too.
			}
		}
	}
}

/** An entry file as openCache writes it, checked; undefined when it is damaged. For importing the folder. */
export function readEntryFile(file: Buffer): CacheEntry | undefined {
	const newline = file.indexOf(0x0a);
	if (newline < 0) return undefined;
	let url: unknown;
	try {
		url = (JSON.parse(file.subarray(0, newline).toString('utf8')) as {url?: unknown}).url;
	} catch {
		return undefined;
	}

	return typeof url === 'string' ? parseEntry(file, url) : undefined;
}

function parseEntry(file: Buffer, url: string): CacheEntry | undefined {
	const newline = file.indexOf(0x0a);
	if (newline < 0) return undefined;
	let metadata: unknown;
	try {
		metadata = JSON.parse(file.subarray(0, newline).toString('utf8'));
	} catch {
		return undefined;
	}

	const bytes = file.subarray(newline + 1);
	if (!isMetadata(metadata) || metadata.url !== url || metadata.size !== bytes.byteLength) {
		return undefined;
	}

	return {
		url: metadata.url,
		...(metadata.finalUrl === undefined ? {} : {finalUrl: metadata.finalUrl}),
		fetchedAt: metadata.fetchedAt,
		...(metadata.etag === undefined ? {} : {etag: metadata.etag}),
		...(metadata.lastModified === undefined ? {} : {lastModified: metadata.lastModified}),
		...(metadata.contentType === undefined ? {} : {contentType: metadata.contentType}),
		bytes: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength),
	};
}

function isMetadata(value: unknown): value is Metadata {
	if (typeof value !== 'object' || value === null) return false;
	const record = value as Record<string, unknown>;
	const optionalString = (key: string) => record[key] === undefined || typeof record[key] === 'string';
	return record['version'] === formatVersion
		&& typeof record['url'] === 'string'
		&& typeof record['fetchedAt'] === 'string'
		&& !Number.isNaN(Date.parse(record['fetchedAt']))
		&& Number.isSafeInteger(record['size'])
		&& optionalString('finalUrl')
		&& optionalString('etag')
		&& optionalString('lastModified')
		&& optionalString('contentType');
}

function fileProblem(error: unknown): string {
	const code = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : '';
	switch (code) {
		case 'EACCES':
		case 'EPERM': return 'permission denied';
		case 'ENOSPC': return 'disk full';
		case 'EDQUOT': return 'disk quota exceeded';
		case 'EROFS': return 'read-only file system';
		case 'ENOTDIR':
		case 'EEXIST': return 'not a directory';
		default: return code || 'write failed';
	}
}
