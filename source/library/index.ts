/**
 * `openLibrary()`: the store the reader, `refresh`, `search` and the overview share (api.ts is
 * the contract). Opening is cheap and flat in the archive's size: the native addon is loaded,
 * the file opened and migrated if it must be, statements prepared; nothing is counted or scanned.
 */
import path from 'node:path';
import process from 'node:process';
import {defaultCacheDir, type CacheLimits} from '../sources/cache.js';
import {defaultConfigDir} from '../store/guarded-store.js';
import type {Library} from './api.js';
import {createCache} from './cache.js';
import {defaultLibraryPath, isDamage, openDatabase, problemOf, replaceDamaged, type Database} from './database.js';
import {createEditions} from './editions.js';
import {importLegacy, type LegacyPaths} from './legacy.js';
import {createReading} from './reading.js';

export {defaultLibraryPath} from './database.js';
export {virtualNames, searchSpec} from './editions.js';

export type LibraryOptions = {
	/** The database file. Default: `library.sqlite` in the user's data folder (env-paths). */
	path?: string;
	now?: () => Date;
	/**
	 * The old stores to import once. Default: the real ones (state.json in the config folder,
	 * the cache folder) when `path` is the default, none otherwise; `false`: none.
	 */
	legacy?: LegacyPaths | false;
	/**
	 * Open without writing (`akhbar search`): no import, and writes fail softly. A library an
	 * earlier akhbar made is still brought up to date first (the migrations are its only writes).
	 */
	readonly?: boolean;
	/** Called before a library an earlier akhbar made is brought up to date (a few seconds for a large one). */
	onUpgrade?: () => void;
	/** How long a write waits for another process's (ms). Default 5000. */
	busyTimeoutMs?: number;
	cacheLimits?: CacheLimits;
	/** Write pending reading changes when the process exits. Default true. */
	flushOnExit?: boolean;
};

function defaultLegacy(): LegacyPaths {
	return {stateFile: path.join(defaultConfigDir(), 'state.json'), cacheDir: defaultCacheDir()};
}

/** Each open library's connection, for the sync layer (source/sync/store.ts), which adds its own tables. */
const connections = new WeakMap<Library, Database>();

/** The connection of a library openLibrary made (sync works on the same one, in its transactions). */
export function libraryDatabase(library: Library): Database {
	const db = connections.get(library);
	if (!db) throw new Error('not a library opened by openLibrary');
	return db;
}

export function openLibrary(options: LibraryOptions = {}): Library {
	const file = path.resolve(options.path ?? defaultLibraryPath());
	const now = options.now ?? (() => new Date());
	const opened = openDatabase(file, {
		...(options.readonly === undefined ? {} : {readonly: options.readonly}),
		...(options.busyTimeoutMs === undefined ? {} : {busyTimeoutMs: options.busyTimeoutMs}),
		...(options.onUpgrade === undefined ? {} : {onUpgrade: options.onUpgrade}),
		now,
	});
	const notices: string[] = opened.notice === undefined ? [] : [opened.notice];
	const legacy = options.legacy ?? (options.path === undefined ? defaultLegacy() : false);
	if (legacy && opened.persistent && !options.readonly) {
		try {
			const cache = createCache(opened.db, file, options.cacheLimits);
			const note = importLegacy(opened.db, legacy, cache.putMany);
			if (note) notices.push(note);
		} catch (error) {
			notices.push(`could not import the old reading state or cache (${problemOf(error)})`);
		}
	}

	const notice = notices.length > 0 ? notices.join('; ') : undefined;
	const build = (db: Database, note?: string) => {
		const reading = createReading(db, {path: file, now, ...(note === undefined ? {} : {notice: note})});
		// An edition's rows say which of its items are read: the reader's first look at 500 of
		// them asks the store nothing more.
		return {db, cache: createCache(db, file, options.cacheLimits), editions: createEditions(db, now, file, reading.known), reading};
	};
	let current = build(opened.db, notice);
	let persistent = opened.persistent;
	const listeners = new Set<(line: string) => void>();
	let closed = false;

	/**
	 * Damage deeper than the header shows only when a statement reads it: the file is then kept
	 * aside and replaced as at open (replaceDamaged), and the call made again on the new store.
	 */
	const recover = (): void => {
		const damaged = current;
		damaged.reading.dispose();
		try {
			damaged.db.close();
		} catch {
			// Closing a damaged file can fail; the rename below does not need it closed on POSIX.
		}

		const replaced = replaceDamaged(file, {...(options.busyTimeoutMs === undefined ? {} : {busyTimeoutMs: options.busyTimeoutMs}), now});
		persistent = replaced.persistent;
		current = build(replaced.db);
		connections.set(library, replaced.db);
		const line = replaced.notice ?? `the library ${file} was damaged and replaced`;
		for (const listener of listeners) listener(line);
	};

	function guarded<R>(call: () => R): R {
		try {
			return call();
		} catch (error) {
			if (closed || !persistent || options.readonly || !isDamage(error)) throw error;
			recover();
			return call();
		}
	}

	/** An object whose methods always reach the current store's, guarded; other fields read through. */
	function through<T extends object>(pick: () => T): T {
		return new Proxy({} as T, {
			get(_, key) {
				const value = Reflect.get(pick(), key) as unknown;
				if (typeof value !== 'function') return value;
				return (...args: unknown[]) => guarded(() => (Reflect.get(pick(), key) as (...args: unknown[]) => unknown).apply(pick(), args));
			},
			has: (_, key) => Reflect.has(pick(), key),
		});
	}

	const reading = through(() => current.reading);
	const cache = through(() => current.cache);
	const onExit = () => {
		current.reading.flush();
	};

	if (options.flushOnExit ?? true) process.on('exit', onExit);

	const library: Library = {
		path: file,
		...(notice === undefined ? {} : {notice}),
		onNotice(listener) {
			listeners.add(listener);
			return () => listeners.delete(listener);
		},
		syncSources: entries => guarded(() => current.editions.syncSources(entries)),
		edition: (spec, editionOptions) => guarded(() => current.editions.edition(spec, editionOptions)),
		storeEdition: (spec, edition, storeOptions) => guarded(() => current.editions.storeEdition(spec, edition, storeOptions)),
		recordFailure: (spec, message, at, failure) => guarded(() => current.editions.recordFailure(spec, message, at, failure)),
		overview: () => guarded(() => current.editions.overview()),
		serverSources: () => guarded(() => current.editions.serverSources()),
		virtualEdition: (kind, editionOptions) => guarded(() => current.editions.virtualEdition(kind, editionOptions)),
		search: (query, searchOptions) => guarded(() => current.editions.search(query, searchOptions)),
		searchEdition: (query, searchOptions) => guarded(() => current.editions.searchEdition(query, searchOptions)),
		reading,
		cache,
		close() {
			if (closed) return;
			closed = true;
			current.reading.flush();
			current.reading.dispose();
			process.off('exit', onExit);
			current.db.close();
		},
	};
	connections.set(library, current.db);
	return library;
}
