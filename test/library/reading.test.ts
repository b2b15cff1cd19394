import path from 'node:path';
import Database from 'better-sqlite3';
import {describe, expect, it} from 'vitest';
import type {Library} from '../../source/library/api.js';
import {openLibrary} from '../../source/library/index.js';
import {feedEdition, items, tempDir, testLibrary} from './helpers.js';

/** Two openings of one library, as two processes have it, the first with source `s` of three items stored. */
function twoProcesses(run: (here: Library, there: Library) => void): void {
	const file = path.join(tempDir(), 'library.sqlite');
	const here = openLibrary({path: file, flushOnExit: false});
	const there = openLibrary({path: file, flushOnExit: false});
	try {
		here.storeEdition('s', feedEdition('s', items('s', 3)));
		run(here, there);
	} finally {
		here.close();
		there.close();
	}
}

describe('reading state in the library', () => {
	it('keeps marks, positions, the last article and stars across openings', () => {
		const file = path.join(tempDir(), 'library.sqlite');
		const first = openLibrary({path: file, flushOnExit: false});
		first.reading.markRead('a');
		first.reading.markAllRead(['b', 'c']);
		first.reading.markRead('c', false);
		first.reading.setPosition('a', {block: 3, offset: 7});
		first.reading.setLastArticle({source: 'https://x.example/', key: 'a'});
		first.reading.setStarred('b', true, 'https://x.example/');
		first.close();

		const second = openLibrary({path: file, flushOnExit: false});
		try {
			expect(['a', 'b', 'c', 'd'].map(key => second.reading.isRead(key))).toEqual([true, true, false, false]);
			expect(second.reading.position('a')).toEqual({block: 3, offset: 7});
			expect(second.reading.position('b')).toBeUndefined();
			expect(second.reading.lastArticle()).toEqual({source: 'https://x.example/', key: 'a'});
			expect(second.reading.isStarred('b')).toBe(true);
			expect(second.reading.isStarred('a')).toBe(false);
			expect(second.reading.path).toBe(file);
		} finally {
			second.close();
		}
	});

	it('learns from an edition\'s rows which items are read: another process\'s marks show once the source is built again', () => {
		twoProcesses((here, there) => {
			expect(['s-0', 's-1', 's-2'].map(key => here.reading.isRead(key))).toEqual([false, false, false]);
			there.reading.markRead('s-0');
			there.reading.markRead('s-1');
			there.reading.flush();
			// Asked before, answered from memory until the source is built again from the store.
			expect(here.reading.isRead('s-0')).toBe(false);
			here.reading.markRead('s-1', false);
			const edition = here.edition('s')!;
			expect(edition.headlines.map(headline => here.reading.isRead(headline.key))).toEqual([true, false, false]);
			here.reading.flush();
			expect(there.edition('s')!.headlines.map(headline => there.reading.isRead(headline.key))).toEqual([true, false, false]);
		});
	});

	it('learns from an edition\'s rows which items are starred, as it does which are read', () => {
		twoProcesses((here, there) => {
			expect(['s-0', 's-1', 's-2'].map(key => here.reading.isStarred(key))).toEqual([false, false, false]);
			there.reading.setStarred('s-2', true, 's');
			there.reading.flush();
			// Asked before, answered from memory until the source is built again from the store.
			expect(here.reading.isStarred('s-2')).toBe(false);
			const edition = here.edition('s')!;
			expect(edition.headlines.map(headline => here.reading.isStarred(headline.key))).toEqual([false, false, true]);
			// Its own star is in the rows as soon as it is written.
			here.reading.setStarred('s-0', true, 's');
			expect(here.edition('s')!.headlines.map(headline => here.reading.isStarred(headline.key))).toEqual([true, false, true]);
		});
	});

	it('refuses a position that is not two whole numbers', () => {
		const library = testLibrary();
		expect(() => {
			library.reading.setPosition('a', {block: -1, offset: 0});
		}).toThrow(RangeError);
	});

	it('keeps a change it cannot write (the database locked past the timeout) and writes it at the next flush', () => {
		const file = path.join(tempDir(), 'library.sqlite');
		const library = openLibrary({path: file, flushOnExit: false, busyTimeoutMs: 50});
		const other = new Database(file);
		try {
			other.exec('BEGIN IMMEDIATE');
			expect(() => {
				library.reading.markRead('held');
				library.reading.setStarred('held', true);
			}).not.toThrow();
			expect(library.reading.lastError).toMatch(/^cannot save reading state to .*: locked by another akhbar for too long$/);
			expect(library.reading.isRead('held')).toBe(true);
			expect(library.reading.isStarred('held')).toBe(true);
			expect(other.prepare('SELECT count(*) AS n FROM read_marks').get()).toEqual({n: 0});
			other.exec('COMMIT');
			library.reading.flush();
			expect(library.reading.lastError).toBeUndefined();
			expect(other.prepare('SELECT key FROM read_marks').all()).toEqual([{key: 'held'}]);
			expect(other.prepare('SELECT key FROM stars').all()).toEqual([{key: 'held'}]);
		} finally {
			other.close();
			library.close();
		}
	});

	it('says in one line why an edition cannot be stored', () => {
		const file = path.join(tempDir(), 'library.sqlite');
		const library = openLibrary({path: file, flushOnExit: false, busyTimeoutMs: 50});
		const other = new Database(file);
		try {
			other.exec('BEGIN IMMEDIATE');
			expect(() => library.storeEdition('s', feedEdition('s', items('s', 2)))).toThrow(`locked by another akhbar for too long (library ${file})`);
			expect(() => {
				library.recordFailure('s', 'HTTP 500');
			}).toThrow(/^locked by another akhbar for too long/);
			other.exec('COMMIT');
			expect(library.storeEdition('s', feedEdition('s', items('s', 2))).added).toBe(2);
		} finally {
			other.close();
			library.close();
		}
	});

	it('reads a library opened read-only, and keeps its changes in memory', () => {
		const file = path.join(tempDir(), 'library.sqlite');
		const writer = openLibrary({path: file, flushOnExit: false});
		writer.reading.markRead('a');
		writer.close();
		const reader = openLibrary({path: file, flushOnExit: false, readonly: true});
		try {
			expect(reader.reading.isRead('a')).toBe(true);
			reader.reading.markRead('b');
			expect(reader.reading.isRead('b')).toBe(true);
			expect(reader.reading.lastError).toMatch(/: read-only$/);
		} finally {
			reader.close();
		}
	});
});
