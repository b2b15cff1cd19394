import fs from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {openLibrary} from '../../source/library/index.js';
import {openCache} from '../../source/sources/cache.js';
import {openState} from '../../source/state.js';
import {feedEdition, items, tempDir} from './helpers.js';

function oldState(dir: string): string {
	const state = openState({cwd: dir, flushOnExit: false});
	state.markAllRead(['a', 'b', 's-1']);
	state.markRead('k'.repeat(3000));
	state.setPosition('a', {block: 2, offset: 5});
	state.setLastArticle({source: 'https://x.example/feed', key: 'a'});
	state.close();
	return path.join(dir, 'state.json');
}

describe('importing the stores akhbar kept before the library', () => {
	it('imports state.json once, keeps it aside, and says so once', () => {
		const dir = tempDir();
		const stateFile = oldState(dir);
		const file = path.join(dir, 'library.sqlite');
		const first = openLibrary({path: file, legacy: {stateFile}, flushOnExit: false});
		try {
			expect(first.notice).toBe(`reading state: imported 4 read marks from ${stateFile}, kept as ${stateFile}.imported`);
			expect(first.reading.notice).toBe(first.notice);
			expect(['a', 'b', 's-1', 'k'.repeat(3000), 'c'].map(key => first.reading.isRead(key))).toEqual([true, true, true, true, false]);
			expect(first.reading.position('a')).toEqual({block: 2, offset: 5});
			expect(first.reading.lastArticle()).toEqual({source: 'https://x.example/feed', key: 'a'});
			first.reading.markRead('a', false);
		} finally {
			first.close();
		}

		expect(fs.existsSync(stateFile)).toBe(false);
		expect(fs.existsSync(`${stateFile}.imported`)).toBe(true);
		const second = openLibrary({path: file, legacy: {stateFile}, flushOnExit: false});
		try {
			expect(second.notice).toBeUndefined();
			expect(second.reading.isRead('a')).toBe(false);
		} finally {
			second.close();
		}
	});

	it('marks items already in the library read', () => {
		const dir = tempDir();
		const stateFile = oldState(dir);
		const file = path.join(dir, 'library.sqlite');
		const before = openLibrary({path: file, legacy: false, flushOnExit: false});
		before.syncSources([{url: 's'}]);
		before.storeEdition('s', feedEdition('s', items('s', 3)));
		before.close();
		const library = openLibrary({path: file, legacy: {stateFile}, flushOnExit: false});
		try {
			expect(library.overview()[0]!.unread).toBe(2);
		} finally {
			library.close();
		}
	});

	it('keeps the valid entries of a damaged state.json', () => {
		const dir = tempDir();
		const stateFile = path.join(dir, 'state.json');
		fs.writeFileSync(stateFile, JSON.stringify({read: {good: '2026-12-01T10:00:00.000Z', bad: 7}, positions: {p: {block: -1, offset: 0}}, last: 'nonsense'}));
		const library = openLibrary({path: path.join(dir, 'library.sqlite'), legacy: {stateFile}, flushOnExit: false});
		try {
			expect(library.notice).toBe(`reading state: imported 1 read mark from ${stateFile} (its damaged entries left out), kept as ${stateFile}.imported`);
			expect(library.reading.isRead('good')).toBe(true);
			expect(library.reading.isRead('bad')).toBe(false);
			expect(library.reading.position('p')).toBeUndefined();
			expect(library.reading.lastArticle()).toBeUndefined();
		} finally {
			library.close();
		}
	});

	it('imports the cache folder once and keeps it aside', () => {
		const dir = tempDir();
		const cacheDir = path.join(dir, 'cache');
		const old = openCache(cacheDir);
		const entry = {
			url: 'https://x.example/feed',
			finalUrl: 'https://x.example/feed.xml',
			fetchedAt: '2026-12-01T10:00:00.000Z',
			etag: '"e"',
			lastModified: 'Tue, 01 Dec 2026 10:00:00 GMT',
			contentType: 'application/rss+xml',
			bytes: new TextEncoder().encode('<rss version="2.0"></rss>'),
		};
		expect(old.put(entry)).toBeUndefined();
		expect(old.put({url: 'https://x.example/page', fetchedAt: '2026-12-01T11:00:00.000Z', bytes: new Uint8Array([1, 2, 3])})).toBeUndefined();
		fs.writeFileSync(path.join(cacheDir, 'f'.repeat(64)), 'damaged entry');
		const file = path.join(dir, 'library.sqlite');
		const library = openLibrary({path: file, legacy: {cacheDir}, flushOnExit: false});
		try {
			expect(library.notice).toBe(`saved copies: imported 2 from ${cacheDir}, kept as ${cacheDir}.imported`);
			expect(library.cache.get(entry.url)).toEqual(entry);
			expect(library.cache.get('https://x.example/page')?.bytes).toEqual(new Uint8Array([1, 2, 3]));
		} finally {
			library.close();
		}

		expect(fs.existsSync(cacheDir)).toBe(false);
		// A cache folder made again later (an older akhbar) is not the old store: not imported again.
		openCache(cacheDir).put({url: 'https://x.example/late', fetchedAt: '2026-12-01T12:00:00.000Z', bytes: new Uint8Array([9])});
		const again = openLibrary({path: file, legacy: {cacheDir}, flushOnExit: false});
		try {
			expect(again.notice).toBeUndefined();
			expect(again.cache.get('https://x.example/late')).toBeUndefined();
		} finally {
			again.close();
		}
	});

	it.each([
		['empty', '', 'was empty'],
		['invalid JSON', '{"read": {"a": "2026', 'was damaged (invalid JSON)'],
	])('keeps aside a state.json that is %s, importing nothing', (_, content, words) => {
		const dir = tempDir();
		const stateFile = path.join(dir, 'state.json');
		fs.writeFileSync(stateFile, content);
		const library = openLibrary({path: path.join(dir, 'library.sqlite'), legacy: {stateFile}, flushOnExit: false});
		try {
			expect(library.notice).toBe(`reading state: ${stateFile} ${words}, nothing imported, kept as ${stateFile}.imported`);
		} finally {
			library.close();
		}

		expect(fs.readFileSync(`${stateFile}.imported`, 'utf8')).toBe(content);
	});

	it('leaves alone a state.json that is a folder', () => {
		const dir = tempDir();
		const stateFile = path.join(dir, 'state.json');
		fs.mkdirSync(stateFile);
		const library = openLibrary({path: path.join(dir, 'library.sqlite'), legacy: {stateFile}, flushOnExit: false});
		expect(library.notice).toBeUndefined();
		library.close();
		expect(fs.statSync(stateFile).isDirectory()).toBe(true);
	});

	it('imports nothing when told not to, and nothing by default for a library given by path', () => {
		const dir = tempDir();
		const stateFile = oldState(dir);
		for (const legacy of [false as const, undefined]) {
			const library = openLibrary({path: path.join(dir, 'library.sqlite'), ...(legacy === undefined ? {} : {legacy}), flushOnExit: false});
			expect(library.notice).toBeUndefined();
			library.close();
		}

		expect(fs.existsSync(stateFile)).toBe(true);
	});
});
