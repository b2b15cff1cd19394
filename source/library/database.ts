/**
 * Opening the store: where it lives, the connection's settings (WAL, a busy timeout, foreign
 * keys), migrations, and what happens to a damaged file (kept aside, a new one made, one line
 * for the user). better-sqlite3 is loaded here, lazily: only a command that opens the library
 * pays for the native addon.
 */
import fs from 'node:fs';
import {createRequire} from 'node:module';
import path from 'node:path';
import envPaths from 'env-paths';
import type BetterSqlite3 from 'better-sqlite3';
import {latestVersion, migrate} from './migrations.js';

export type Database = BetterSqlite3.Database;

const nodeRequire = createRequire(import.meta.url);

export function defaultLibraryPath(): string {
	return path.join(envPaths('akhbar', {suffix: ''}).data, 'library.sqlite');
}

export type OpenedDatabase = {
	db: Database;
	/** False when the store runs in memory for this session (its file cannot be used). */
	persistent: boolean;
	notice?: string;
};

export type DatabaseOptions = {
	readonly?: boolean;
	/** How long a write waits for another process's (ms). Default 5000. */
	busyTimeoutMs?: number;
	now?: () => Date;
	/** Called before a library an earlier akhbar made is brought up to date (a few seconds for a large one). */
	onUpgrade?: () => void;
};

/** SQLite's words for a file that is not (or no longer) a database. */
const damageCodes = new Set(['SQLITE_CORRUPT', 'SQLITE_NOTADB', 'SQLITE_CORRUPT_VTAB', 'SQLITE_CORRUPT_INDEX', 'SQLITE_CORRUPT_SEQUENCE']);

class DamagedError extends Error {}

export function isDamage(error: unknown): boolean {
	if (error instanceof DamagedError) return true;
	const code = (error as {code?: unknown} | undefined)?.code;
	return typeof code === 'string' && damageCodes.has(code);
}

/**
 * What went wrong, in the few words a user acts on ("disk full", "permission denied"), from a
 * system or SQLite error; else its own first line. `where`: a file or folder on the disk
 * concerned, to tell a full disk from other I/O errors.
 */
export function problemOf(error: unknown, where?: string): string {
	const code = (error as {code?: unknown} | undefined)?.code;
	switch (typeof code === 'string' ? code : '') {
		case 'ENOSPC':
		case 'SQLITE_FULL': return 'disk full';
		case 'EDQUOT': return 'disk quota exceeded';
		case 'EACCES':
		case 'EPERM':
		case 'SQLITE_PERM':
		case 'SQLITE_CANTOPEN_ISDIR': return 'permission denied';
		case 'EROFS':
		case 'SQLITE_READONLY':
		case 'SQLITE_READONLY_DIRECTORY':
		case 'SQLITE_READONLY_CANTINIT':
		case 'SQLITE_READONLY_DBMOVED': return 'read-only';
		case 'ENOTDIR':
		case 'EEXIST': return 'not a directory';
		case 'SQLITE_BUSY':
		case 'SQLITE_BUSY_SNAPSHOT': return 'locked by another akhbar for too long';
		default: break;
	}

	// SQLite says "disk I/O error" when it cannot grow a file on a full disk (the -shm file).
	if (typeof code === 'string' && code.startsWith('SQLITE_IOERR') && where !== undefined && diskFull(where)) return 'disk full';
	const message = error instanceof Error ? error.message.split('\n')[0]! : String(error);
	return typeof code === 'string' && !message.includes(code) ? `${message} (${code})` : message;
}

function diskFull(where: string): boolean {
	try {
		return fs.statfsSync(fs.existsSync(where) ? where : path.dirname(where)).bavail === 0;
	} catch {
		return false;
	}
}

/** Opens a connection: better-sqlite3's constructor, with the addon it loads given. */
type Connect = (file: string, options?: BetterSqlite3.Options) => Database;

let connect: Connect | undefined;

/**
 * better-sqlite3, loaded on first use. The bundle (test/build.mjs) carries its JavaScript: the
 * `require` below is esbuild's there, which evaluates it at this call, with no module lookup
 * (resolving and compiling its ten files from node_modules was 5 ms of every start from the
 * library). Only the native addon stays in node_modules; it is named to better-sqlite3 here,
 * since the package's own way to find it (`bindings`, by the caller's file) cannot work from
 * a bundle. Run from source, or where the addon is not at its usual place, the package is
 * loaded from node_modules as it is.
 */
function load(): Connect {
	if (connect) return connect;
	const packageFile = nodeRequire.resolve('better-sqlite3/package.json');
	const addon = path.join(path.dirname(packageFile), 'build', 'Release', 'better_sqlite3.node');
	// `require` is the bundle's own there (its banner), and undefined in an ES module run from source.
	if (typeof require === 'function' && fs.existsSync(addon)) {
		const Sqlite = require('better-sqlite3') as typeof BetterSqlite3;
		connect = (file, options) => new Sqlite(file, {...options, nativeBinding: addon});
	} else {
		const Sqlite = nodeRequire('better-sqlite3') as typeof BetterSqlite3;
		connect = (file, options) => new Sqlite(file, options);
	}

	return connect;
}

export function openDatabase(file: string, options: DatabaseOptions = {}): OpenedDatabase {
	const connectTo = load();
	const busyTimeout = options.busyTimeoutMs ?? 5000;
	if (options.readonly) {
		if (!fs.existsSync(file)) return inMemory(connectTo, undefined, true);
		try {
			const db = connectTo(file, {readonly: true, fileMustExist: true, timeout: busyTimeout});
			db.pragma(`busy_timeout = ${busyTimeout}`);
			checkHeader(file);
			const version = db.pragma('user_version', {simple: true}) as number;
			if (version < latestVersion) {
				db.close();
				return upgradedForReading(file, options, connectTo);
			}

			return {db, persistent: true};
		} catch (error) {
			return inMemory(connectTo, `cannot read the library ${file} (${problemOf(error)})`);
		}
	}

	try {
		fs.mkdirSync(path.dirname(file), {recursive: true, mode: 0o700});
		return {db: openWritable(connectTo, file, busyTimeout, options.onUpgrade), persistent: true};
	} catch (error) {
		if (!isDamage(error)) {
			const problem = problemOf(error, file);
			// Only a full disk: the library opened this way keeps every other akhbar out of it.
			const reading = problem === 'disk full' ? openForReading(connectTo, file, busyTimeout) : undefined;
			if (reading) return {db: reading, persistent: true, notice: `cannot write to the library ${file} (${problem}); reading what it holds`};
			return inMemory(connectTo, `cannot open the library ${file} (${problem}); nothing will be saved this session`);
		}

		return replaceDamaged(file, options);
	}
}

/**
 * A library an earlier akhbar made, asked for read-only (`akhbar search`): brought up to date
 * once, as the reader or `refresh` would (the migrations are the only writes), then read with
 * writes refused. Where it cannot be written, it is not read: its tables are not this version's.
 */
function upgradedForReading(file: string, options: DatabaseOptions, connectTo: Connect): OpenedDatabase {
	const opened = openDatabase(file, {...options, readonly: false});
	if (!opened.persistent || opened.notice !== undefined) {
		opened.db.close();
		return inMemory(connectTo, `the library ${file} is older than this akhbar and cannot be brought up to date (${opened.notice ?? 'it cannot be written'}); run akhbar or akhbar refresh once`, true);
	}

	opened.db.pragma('query_only = ON');
	return opened;
}

/**
 * The one way a damaged library is dealt with, whether the damage is found at open (its header)
 * or later by a statement (SQLITE_CORRUPT deeper in the file, which no cheap check at open can
 * see): the file and its -wal and -shm are kept aside as `FILE.bad-TIME`, a new one is made, and
 * what can still be read of the reading state (read marks, stars, positions, the last article)
 * is carried over, row by row, skipping what fails. The caller has closed its connection.
 */
export function replaceDamaged(file: string, options: DatabaseOptions = {}): OpenedDatabase {
	const connectTo = load();
	const busyTimeout = options.busyTimeoutMs ?? 5000;
	const aside = keepAside(file, (options.now ?? (() => new Date()))());
	if (aside === undefined) {
		return inMemory(connectTo, `the library ${file} is damaged and cannot be moved aside; nothing will be saved this session`);
	}

	let db: Database;
	try {
		db = openWritable(connectTo, file, busyTimeout);
	} catch (retryError) {
		return inMemory(connectTo, `the library was damaged (moved to ${aside}) and a new one cannot be made (${problemOf(retryError)}); nothing will be saved this session`);
	}

	const carried = carryOverReading(connectTo, aside, db);
	return {
		db,
		persistent: true,
		notice: `the library was damaged: moved it to ${aside} and started a new one${carried > 0 ? ' (reading state kept)' : ''}`,
	};
}

/** The reading state's tables, copied from the damaged file as far as they read; how many rows came over. */
const readingTables = ['read_marks', 'stars', 'positions', 'settings'];

function carryOverReading(connectTo: Connect, aside: string, db: Database): number {
	// Reading a WAL database makes its -wal and -shm; those it made go when it is done, so the
	// damaged file is kept aside as it was.
	const made = ['-wal', '-shm'].filter(suffix => !fs.existsSync(aside + suffix));
	let old: Database;
	try {
		old = connectTo(aside, {readonly: true, fileMustExist: true});
	} catch {
		removeMade(aside, made);
		return 0;
	}

	let carried = 0;
	try {
		for (const table of readingTables) {
			try {
				const columns = (db.pragma(`table_info(${table})`) as Array<{name: string}>).map(column => `"${column.name}"`);
				const insert = db.prepare(`INSERT OR IGNORE INTO ${table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`);
				const rows: unknown[][] = [];
				try {
					for (const row of old.prepare(`SELECT ${columns.join(', ')} FROM ${table}`).raw().iterate()) rows.push(row as unknown[]);
				} catch {
					// Rows up to the first damaged page come over.
				}

				db.transaction(() => {
					for (const row of rows) carried += insert.run(...row).changes;
				}).immediate();
			} catch {
				// This table reads no further (or not at all): keep what came over, try the next.
			}
		}
	} finally {
		old.close();
		removeMade(aside, made);
	}

	return carried;
}

function removeMade(file: string, suffixes: readonly string[]): void {
	for (const suffix of suffixes) fs.rmSync(file + suffix, {force: true});
}

function openWritable(connectTo: Connect, file: string, busyTimeout: number, onUpgrade?: () => void): Database {
	// With a -wal file another process may be at work (a checkpoint writes page 1, with the new
	// page count, before the pages that grow the file): its header is judged only when alone.
	if (!fs.existsSync(`${file}-wal`)) checkHeader(file);
	const db = connectTo(file, {timeout: busyTimeout});
	try {
		db.pragma(`busy_timeout = ${busyTimeout}`);
		switchToWal(db, busyTimeout);
		db.pragma('synchronous = NORMAL');
		db.pragma('foreign_keys = ON');
		// Reads page 1 and the schema: a file that is not a database fails here, not later.
		db.prepare('SELECT count(*) FROM sqlite_schema').get();
		const version = db.pragma('user_version', {simple: true}) as number;
		if (version > 0 && version < latestVersion) onUpgrade?.();
		migrate(db);
		return db;
	} catch (error) {
		db.close();
		throw error;
	}
}

/** Something to wait on for a few milliseconds, synchronously (opening a database is synchronous). */
const pause = new Int32Array(new SharedArrayBuffer(4));

/**
 * WAL is set once, when the library is made; asking is a read. Setting it needs every other
 * connection gone, and SQLite answers BUSY at once there, without its busy handler: two akhbar
 * making a new library together (a reader and a cron refresh) had one of them give up in 6 ms.
 * It is asked again until the busy timeout runs out, as any other lock would be waited for.
 */
function switchToWal(db: Database, busyTimeout: number): void {
	const deadline = Date.now() + busyTimeout;
	for (;;) {
		try {
			if (db.pragma('journal_mode', {simple: true}) !== 'wal') db.pragma('journal_mode = WAL');
			return;
		} catch (error) {
			if ((error as {code?: unknown}).code !== 'SQLITE_BUSY' || Date.now() >= deadline) throw error;
			Atomics.wait(pause, 0, 0, 10);
		}
	}
}

/**
 * The library as it is, where a full disk has no room for the shared-memory file WAL needs.
 * Exclusive locking keeps the WAL index in this process's memory (and other processes out);
 * writes may still succeed once there is room again. Undefined when even that fails.
 */
function openForReading(connectTo: Connect, file: string, busyTimeout: number): Database | undefined {
	if (!fs.existsSync(file)) return undefined;
	let db: Database | undefined;
	try {
		db = connectTo(file, {timeout: busyTimeout, fileMustExist: true});
		db.pragma('locking_mode = EXCLUSIVE');
		db.pragma(`busy_timeout = ${busyTimeout}`);
		db.pragma('foreign_keys = ON');
		if ((db.pragma('user_version', {simple: true}) as number) < latestVersion) throw new Error('older version');
		db.prepare('SELECT count(*) FROM sqlite_schema').get();
		return db;
	} catch {
		db?.close();
		return undefined;
	}
}

/**
 * A truncated file often opens and reads its first pages fine; its header still says how many
 * pages it had. Checking that costs one stat and 100 bytes, never a scan of the file.
 */
function checkHeader(file: string): void {
	let handle: number | undefined;
	try {
		handle = fs.openSync(file, 'r');
	} catch {
		return; // Missing: a new database. Unreadable: opening will say why.
	}

	try {
		const size = fs.fstatSync(handle).size;
		if (size === 0) return;
		const header = Buffer.alloc(100);
		const read = fs.readSync(handle, header, 0, 100, 0);
		if (read < 100 || header.toString('latin1', 0, 16) !== 'SQLite format 3\0') throw new DamagedError('not a database');
		const rawPageSize = header.readUInt16BE(16);
		const pageSize = rawPageSize === 1 ? 65_536 : rawPageSize;
		const pages = header.readUInt32BE(28);
		// The page count is valid only when the change counter matches its "valid for" copy.
		const valid = header.readUInt32BE(24) === header.readUInt32BE(92);
		if (valid && pages > 0 && size < pages * pageSize) throw new DamagedError('truncated');
	} finally {
		fs.closeSync(handle);
	}
}

/** Renames the file and its -wal and -shm companions to `FILE.bad-TIME`; undefined when it cannot. */
function keepAside(file: string, now: Date): string | undefined {
	// ':' is not allowed in file names on Windows and is awkward in shells.
	const stamp = now.toISOString().replaceAll(':', '-');
	let aside = `${file}.bad-${stamp}`;
	for (let n = 1; fs.existsSync(aside); n++) aside = `${file}.bad-${stamp}-${n}`;
	try {
		fs.renameSync(file, aside);
	} catch {
		return undefined;
	}

	for (const suffix of ['-wal', '-shm']) {
		try {
			fs.renameSync(file + suffix, aside + suffix);
		} catch {
			// Absent, most often; a leftover that cannot move would only be reset by SQLite.
			fs.rmSync(file + suffix, {force: true});
		}
	}

	return aside;
}

function inMemory(connectTo: Connect, notice?: string, readonly = false): OpenedDatabase {
	const db = connectTo(':memory:');
	db.pragma('foreign_keys = ON');
	migrate(db);
	// A read-only library that does not exist yet reads as empty, and refuses writes as a file would.
	if (readonly) db.pragma('query_only = ON');
	return {db, persistent: false, ...(notice === undefined ? {} : {notice})};
}
