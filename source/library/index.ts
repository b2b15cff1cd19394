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
import {defaultLibraryPath, openDatabase, problemOf} from './database.js';
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
	/** Open without writing (`akhbar search`): no migration, no import; writes fail softly. */
	readonly?: boolean;
	/** How long a write waits for another process's (ms). Default 5000. */
	busyTimeoutMs?: number;
	cacheLimits?: CacheLimits;
	/** Write pending reading changes when the process exits. Default true. */
	flushOnExit?: boolean;
};

function defaultLegacy(): LegacyPaths {
	return {stateFile: path.join(defaultConfigDir(), 'state.json'), cacheDir: defaultCacheDir()};
}

export function openLibrary(options: LibraryOptions = {}): Library {
	const file = path.resolve(options.path ?? defaultLibraryPath());
	const now = options.now ?? (() => new Date());
	const opened = openDatabase(file, {
		...(options.readonly === undefined ? {} : {readonly: options.readonly}),
		...(options.busyTimeoutMs === undefined ? {} : {busyTimeoutMs: options.busyTimeoutMs}),
		now,
	});
	const {db} = opened;
	const notices: string[] = opened.notice === undefined ? [] : [opened.notice];
	const cache = createCache(db, file, options.cacheLimits);

	const legacy = options.legacy ?? (options.path === undefined ? defaultLegacy() : false);
	if (legacy && opened.persistent && !options.readonly) {
		try {
			const note = importLegacy(db, legacy, cache.putMany);
			if (note) notices.push(note);
		} catch (error) {
			notices.push(`could not import the old reading state or cache (${problemOf(error)})`);
		}
	}

	const notice = notices.length > 0 ? notices.join('; ') : undefined;
	const editions = createEditions(db, now, file);
	const reading = createReading(db, {path: file, now, ...(notice === undefined ? {} : {notice})});

	const onExit = () => {
		reading.flush();
	};

	if (options.flushOnExit ?? true) process.on('exit', onExit);
	let closed = false;

	return {
		path: file,
		...(notice === undefined ? {} : {notice}),
		syncSources: editions.syncSources,
		edition: editions.edition,
		storeEdition: editions.storeEdition,
		recordFailure: editions.recordFailure,
		overview: editions.overview,
		virtualEdition: editions.virtualEdition,
		search: editions.search,
		searchEdition: editions.searchEdition,
		reading,
		cache,
		close() {
			if (closed) return;
			closed = true;
			reading.flush();
			reading.dispose();
			process.off('exit', onExit);
			db.close();
		},
	};
}
