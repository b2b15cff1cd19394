/**
 * The stores akhbar kept before the library, imported once: reading state (`state.json` in the
 * config folder: read marks, positions, the last article) and the cache folder (one file per
 * URL). Each is first renamed aside (`.imported`), so that of two processes opening the library
 * at once only one imports, and an old copy is never imported twice; then it is read from there.
 * What the library already holds wins over what is imported.
 */
import fs from 'node:fs';
import path from 'node:path';
import {readEntryFile, type CacheEntry} from '../sources/cache.js';
import {stateSchema} from '../state.js';
import {isPlainObject, salvage} from '../store/schema.js';
import type {Database} from './database.js';

export const importedSuffix = '.imported';

export type LegacyPaths = {stateFile?: string; cacheDir?: string};

/** Moves `from` aside; false when it is absent or cannot be moved (then nothing is imported). */
function claim(from: string): string | undefined {
	const to = from + importedSuffix;
	if (fs.existsSync(to)) return undefined; // Imported before: a folder made since is not the old store.
	try {
		fs.renameSync(from, to);
		return to;
	} catch {
		return undefined;
	}
}

/** Imports what is there to import; returns one line for the user, or undefined. */
export function importLegacy(db: Database, paths: LegacyPaths, putMany: (entries: Iterable<CacheEntry>) => void): string | undefined {
	const notes: string[] = [];
	// A state.json that is not a file (a folder) holds nothing to import and is left alone.
	if (paths.stateFile && fs.statSync(paths.stateFile, {throwIfNoEntry: false})?.isFile()) {
		const aside = claim(paths.stateFile);
		if (aside) {
			const {count, problem} = importState(db, aside);
			const what = `${count} read ${count === 1 ? 'mark' : 'marks'}`;
			notes.push(problem === undefined || problem === 'invalid values'
				? `reading state: imported ${what} from ${paths.stateFile}${problem ? ' (its damaged entries left out)' : ''}, kept as ${aside}`
				: `reading state: ${paths.stateFile} was ${problem === 'empty' ? 'empty' : `damaged (${problem})`}, nothing imported, kept as ${aside}`);
		}
	}

	if (paths.cacheDir && fs.statSync(paths.cacheDir, {throwIfNoEntry: false})?.isDirectory()) {
		const aside = claim(paths.cacheDir);
		if (aside) {
			const count = importCache(aside, putMany);
			notes.push(`saved copies: imported ${count} from ${paths.cacheDir}, kept as ${aside}`);
		}
	}

	return notes.length > 0 ? notes.join('; ') : undefined;
}

type Salvaged = {
	read?: Record<string, string>;
	last?: {source: string; key: string};
	positions?: Record<string, {block: number; offset: number; at?: string}>;
};

function importState(db: Database, file: string): {count: number; problem?: 'empty' | 'invalid JSON' | 'not a JSON object' | 'invalid values' | 'unreadable'} {
	let text: string;
	try {
		text = fs.readFileSync(file, 'utf8');
	} catch {
		return {count: 0, problem: 'unreadable'};
	}

	if (text.trim() === '') return {count: 0, problem: 'empty'};
	let parsed: unknown;
	try {
		parsed = JSON.parse(text);
	} catch {
		return {count: 0, problem: 'invalid JSON'};
	}

	if (!isPlainObject(parsed)) return {count: 0, problem: 'not a JSON object'};
	// Every valid entry is kept, as the conf store's repair would keep it.
	const state: Salvaged = {};
	let damaged = false;
	for (const key of ['read', 'last', 'positions'] as const) {
		if (Object.hasOwn(parsed, key)) {
			const value = salvage(parsed[key], stateSchema[key]);
			if (value !== parsed[key]) damaged = true;
			if (value !== undefined) (state as Record<string, unknown>)[key] = value;
		}
	}

	const mark = db.prepare('INSERT INTO read_marks (key, at) VALUES (?, ?) ON CONFLICT (key) DO NOTHING');
	const position = db.prepare('INSERT INTO positions (key, block, offset, at) VALUES (?, ?, ?, ?) ON CONFLICT (key) DO NOTHING');
	const last = db.prepare("INSERT INTO settings (name, value) VALUES ('last', ?) ON CONFLICT (name) DO NOTHING");
	const itemsRead = db.prepare('UPDATE items SET read = 1 WHERE read = 0 AND key IN (SELECT key FROM read_marks)');
	const fallbackTime = new Date(0).toISOString();
	let count = 0;
	db.transaction(() => {
		for (const [key, at] of Object.entries(state.read ?? {})) {
			mark.run(key, at);
			count++;
		}

		for (const [key, {block, offset, at}] of Object.entries(state.positions ?? {})) position.run(key, block, offset, at ?? fallbackTime);
		if (state.last) last.run(JSON.stringify({source: state.last.source, key: state.last.key}));
		itemsRead.run();
	}).immediate();
	return damaged ? {count, problem: 'invalid values'} : {count};
}

function importCache(dir: string, putMany: (entries: Iterable<CacheEntry>) => void): number {
	let names: string[];
	try {
		names = fs.readdirSync(dir).filter(name => /^[\da-f]{64}$/.test(name));
	} catch {
		return 0;
	}

	// Oldest first, so the newest are kept should the limits prune some.
	const files = names.map(name => {
		const file = path.join(dir, name);
		return {file, mtime: fs.statSync(file, {throwIfNoEntry: false})?.mtimeMs ?? 0};
	}).sort((a, b) => a.mtime - b.mtime);
	const entries: CacheEntry[] = [];
	for (const {file} of files) {
		try {
			const entry = readEntryFile(fs.readFileSync(file));
			if (entry) entries.push(entry);
		} catch {
			// Unreadable: one copy fewer, fetched again next time.
		}
	}

	putMany(entries);
	return entries.length;
}
