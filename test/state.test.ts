import fs from 'node:fs';
import path from 'node:path';
import process from 'node:process';
import {describe, expect, test, vi} from 'vitest';
import {openState, type StateOptions} from '../source/state.js';
import {runScript, sourceUrl, tempDir} from './store/helpers.js';

/** A store that never flushes by itself: tests decide when the file is written. */
function open(dir: string, options: StateOptions = {}) {
	return openState({cwd: dir, delayMs: 60_000, flushOnExit: false, ...options});
}

function readJson(file: string): Record<string, unknown> {
	return JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
}

describe('reading state', () => {
	test('starts empty, in state.json next to the preferences', () => {
		const dir = tempDir();
		const state = open(dir);
		expect(state.path).toBe(path.join(dir, 'state.json'));
		expect(state.isRead('a')).toBe(false);
		expect(state.lastArticle()).toBeUndefined();
		expect(state.position('a')).toBeUndefined();
		expect(state.notice).toBeUndefined();
	});

	test('read marks, the last article and positions are answered at once and saved on flush', () => {
		const dir = tempDir();
		const state = open(dir);
		state.markRead('guid-1');
		state.markAllRead(['guid-2', 'guid-3']);
		state.setLastArticle({source: 'https://news.example/rss', key: 'guid-2'});
		state.setPosition('guid-2', {block: 4, offset: 2});
		expect(state.isRead('guid-2')).toBe(true);
		expect(state.position('guid-2')).toEqual({block: 4, offset: 2});
		expect(fs.existsSync(state.path)).toBe(false);

		state.flush();
		const again = open(dir);
		expect(['guid-1', 'guid-2', 'guid-3'].map(key => again.isRead(key))).toEqual([true, true, true]);
		expect(again.isRead('guid-4')).toBe(false);
		expect(again.lastArticle()).toEqual({source: 'https://news.example/rss', key: 'guid-2'});
		expect(again.position('guid-2')).toEqual({block: 4, offset: 2});
		expect(again.position('guid-1')).toBeUndefined();
	});

	test('an article can be marked unread again', () => {
		const dir = tempDir();
		const state = open(dir);
		state.markRead('k');
		state.flush();
		state.markRead('k', false);
		expect(state.isRead('k')).toBe(false);
		state.flush();
		expect(open(dir).isRead('k')).toBe(false);
	});

	test('a key longer than 2048 characters is kept as its SHA-256, and still answers', () => {
		const dir = tempDir();
		const state = open(dir);
		const long = `https://news.example/item?id=${'x'.repeat(3000)}`;
		state.markRead(long);
		state.setPosition(long, {block: 1, offset: 3});
		state.flush();
		const saved = JSON.stringify(readJson(state.path));
		expect(saved).not.toContain('x'.repeat(100));
		expect(saved).toContain('sha256:');
		const again = open(dir);
		expect(again.isRead(long)).toBe(true);
		expect(again.position(long)).toEqual({block: 1, offset: 3});
		expect(again.isRead(`${long}y`)).toBe(false);
	});

	test('changes are batched: many changes, one write after the delay', () => {
		vi.useFakeTimers();
		try {
			const dir = tempDir();
			const state = openState({cwd: dir, delayMs: 500, flushOnExit: false});
			for (let line = 0; line < 50; line++) state.setPosition('long-article', {block: 2, offset: line});
			expect(fs.existsSync(state.path)).toBe(false);
			vi.advanceTimersByTime(499);
			expect(fs.existsSync(state.path)).toBe(false);
			vi.advanceTimersByTime(1);
			expect(readJson(state.path)['positions']).toMatchObject({'long-article': {block: 2, offset: 49}});
		} finally {
			vi.useRealTimers();
		}
	});

	test('flush with nothing pending writes nothing', () => {
		const dir = tempDir();
		const state = open(dir);
		state.flush();
		expect(fs.existsSync(state.path)).toBe(false);
	});

	test('read marks are bounded to the newest', () => {
		const dir = tempDir();
		let clock = Date.parse('2026-01-01T00:00:00Z');
		const state = open(dir, {maxRead: 3, now: () => new Date(clock)});
		for (const key of ['a', 'b', 'c', 'd', 'e']) {
			clock += 1000;
			state.markRead(key);
		}

		state.flush();
		expect(Object.keys(readJson(state.path)['read'] as object).sort()).toEqual(['c', 'd', 'e']);
		expect(state.isRead('a')).toBe(false);
		expect(state.isRead('e')).toBe(true);
	});

	test('positions are bounded to the newest', () => {
		const dir = tempDir();
		let clock = Date.parse('2026-01-01T00:00:00Z');
		const state = open(dir, {maxPositions: 2, now: () => new Date(clock)});
		for (const key of ['a', 'b', 'c']) {
			clock += 1000;
			state.setPosition(key, {block: 1, offset: 0});
		}

		state.flush();
		expect(state.position('a')).toBeUndefined();
		expect(state.position('c')).toEqual({block: 1, offset: 0});
	});

	test('a position is two whole numbers of at least zero', () => {
		const state = open(tempDir());
		expect(() => state.setPosition('k', {block: -1, offset: 0})).toThrow(RangeError);
		expect(() => state.setPosition('k', {block: 0, offset: 1.5})).toThrow(RangeError);
	});

	test('article keys from a hostile feed are plain keys', () => {
		const dir = tempDir();
		const state = open(dir);
		for (const key of ['__proto__', 'constructor', 'toString', 'hasOwnProperty']) {
			expect(state.isRead(key)).toBe(false);
			expect(state.position(key)).toBeUndefined();
		}

		state.markRead('__proto__');
		state.setPosition('constructor', {block: 1, offset: 1});
		state.flush();
		const again = open(dir);
		expect(again.isRead('__proto__')).toBe(true);
		expect(again.isRead('toString')).toBe(false);
		expect(again.position('constructor')).toEqual({block: 1, offset: 1});
	});

	test('a huge article key is stored as a digest and still answered', () => {
		const dir = tempDir();
		const huge = 'guid-'.padEnd(100_000, 'x');
		const state = open(dir);
		state.markRead(huge);
		state.setPosition(huge, {block: 3, offset: 0});
		state.setLastArticle({source: 'https://a.example/', key: huge});
		state.flush();
		expect(state.lastError).toBeUndefined();
		expect(fs.statSync(state.path).size).toBeLessThan(1000);
		const again = open(dir);
		expect(again.isRead(huge)).toBe(true);
		expect(again.isRead(huge.slice(0, -1))).toBe(false);
		expect(again.position(huge)).toEqual({block: 3, offset: 0});
		expect(again.lastArticle()).toBeUndefined();
	});

	test('close flushes and removes the exit hook', () => {
		const dir = tempDir();
		const before = process.listenerCount('exit');
		const state = openState({cwd: dir, delayMs: 60_000});
		expect(process.listenerCount('exit')).toBe(before + 1);
		state.markRead('x');
		state.close();
		expect(process.listenerCount('exit')).toBe(before);
		expect(open(dir).isRead('x')).toBe(true);
	});

	test('changes are written when the process exits', async () => {
		const dir = tempDir();
		const scripts = tempDir();
		await runScript(scripts, 'exit', `
			import {openState} from ${JSON.stringify(sourceUrl('state.ts'))};
			const state = openState({cwd: ${JSON.stringify(dir)}});
			state.markRead('read-before-exit');
			process.exit(0);
		`);
		expect(open(dir).isRead('read-before-exit')).toBe(true);
	}, 30_000);
});

describe('a damaged state file never stops akhbar', () => {
	test('invalid JSON is kept aside and reading starts afresh', () => {
		const dir = tempDir();
		fs.writeFileSync(path.join(dir, 'state.json'), '{"read": {"a": "2026');
		const state = open(dir);
		expect(state.isRead('a')).toBe(false);
		expect(state.notice).toMatch(/^reading state file was damaged \(invalid JSON\): moved it to .*state\.json\.bad-/);
	});

	test('valid entries survive beside invalid ones', () => {
		const dir = tempDir();
		fs.writeFileSync(path.join(dir, 'state.json'), JSON.stringify({
			read: {a: '2026-01-01T00:00:00.000Z', b: 42},
			last: {source: 'x'},
			positions: {a: {block: 1, offset: 2}, b: {block: -1, offset: 0}},
		}));
		const state = open(dir);
		expect(state.isRead('a')).toBe(true);
		expect(state.isRead('b')).toBe(false);
		expect(state.lastArticle()).toBeUndefined();
		expect(state.position('a')).toEqual({block: 1, offset: 2});
		expect(state.position('b')).toBeUndefined();
		expect(state.notice).toMatch(/kept read, positions \(dropped bad entries of read, positions\); reset last to default$/);
	});

	test('a directory in place of the file: state lives in memory for the session', () => {
		const dir = tempDir();
		fs.mkdirSync(path.join(dir, 'state.json'));
		const state = open(dir);
		expect(state.notice).toMatch(/is a directory; using defaults, nothing will be saved this session$/);
		state.markRead('k');
		state.flush();
		expect(state.isRead('k')).toBe(true);
		expect(state.lastError).toBeUndefined();
	});

	test('a read-only file: flush never throws, keeps the changes, and reports one line', () => {
		const dir = tempDir();
		const file = path.join(dir, 'state.json');
		fs.writeFileSync(file, JSON.stringify({read: {old: '2026-01-01T00:00:00.000Z'}}));
		fs.chmodSync(file, 0o444);
		const state = open(dir);
		expect(state.isRead('old')).toBe(true);
		state.markRead('new');
		expect(() => state.flush()).not.toThrow();
		expect(state.lastError).toBe(`cannot save reading state: ${file} is read-only`);
		expect(state.isRead('new')).toBe(true);
		// Writable again: the kept change is written at the next flush.
		fs.chmodSync(file, 0o644);
		state.flush();
		expect(state.lastError).toBeUndefined();
		expect(open(dir).isRead('new')).toBe(true);
	});
});

describe('two akhbar processes at once', () => {
	test('each marking its own articles read and flushing every time: nothing is lost', async () => {
		const dir = tempDir();
		const scripts = tempDir();
		const reader = (prefix: string) => `
			import {openState} from ${JSON.stringify(sourceUrl('state.ts'))};
			const state = openState({cwd: ${JSON.stringify(dir)}, flushOnExit: false});
			for (let i = 0; i < 150; i++) {
				state.markRead('${prefix}-' + i);
				state.setPosition('${prefix}-' + i, {block: i, offset: 1});
				state.setLastArticle({source: '${prefix}', key: '${prefix}-' + i});
				state.flush();
				if (state.lastError) throw new Error(state.lastError);
			}
		`;
		await Promise.all([runScript(scripts, 'a', reader('a')), runScript(scripts, 'b', reader('b'))]);
		const state = open(dir);
		for (let i = 0; i < 150; i++) {
			expect(state.isRead(`a-${i}`)).toBe(true);
			expect(state.isRead(`b-${i}`)).toBe(true);
			expect(state.position(`b-${i}`)).toEqual({block: i, offset: 1});
		}

		expect(state.lastArticle()?.key).toMatch(/^[ab]-149$/);
	}, 60_000);
});
