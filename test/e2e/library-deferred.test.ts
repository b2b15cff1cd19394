/**
 * A reader that only looks (the demo, a first run) makes no library: the database is made by the
 * first thing worth saving (an article read), and what was saved is there the next time.
 */
import {existsSync, mkdtempSync, readdirSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import {afterAll, describe, expect, it} from 'vitest';
import {PtySession} from '../helpers/pty-session.js';

const keys = {down: '\u001B[B', enter: '\r'} as const;
const home = mkdtempSync(path.join(tmpdir(), 'akhbar-deferred-'));
const dataDir = path.join(home, 'data', 'akhbar');

afterAll(() => {
	rmSync(home, {recursive: true, force: true});
});

async function demo(press: string[]): Promise<void> {
	const session = new PtySession({args: ['--demo'], home});
	try {
		await session.waitFor(() => session.terminal.buffer.active.getLine(3)?.translateToString(true).trim() !== '', 15_000);
		for (const key of press) {
			session.write(key);
			// eslint-disable-next-line no-await-in-loop -- keys in order, each drawn
			await session.settle(150);
		}

		session.write('q');
		expect(await session.exited(10_000)).toBe(0);
	} finally {
		session.kill();
	}
}

describe('the library is made by the first thing to save', () => {
	it('the demo looked at and left: no database, nothing in the data folder', async () => {
		await demo([]);
		expect(existsSync(dataDir) ? readdirSync(dataDir) : []).toEqual([]);
	});

	it('an article opened in the demo: the library is made, with its read mark', async () => {
		await demo([keys.down, keys.enter]);
		const file = path.join(dataDir, 'library.sqlite');
		expect(existsSync(file)).toBe(true);
		const db = new Database(file, {readonly: true});
		try {
			expect((db.prepare('SELECT count(*) AS n FROM read_marks').get() as {n: number}).n).toBe(1);
		} finally {
			db.close();
		}
	});
});
