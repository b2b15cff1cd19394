/**
 * The library's store under faults: `akhbar refresh` killed (SIGKILL) at random moments, a
 * damaged database file (bytes overwritten, cut short), and a disk that fills up during a
 * refresh. Each time the next start finds a store it can use, the user gets one line, and the
 * preferences are left as they were. The 60-second run of a reader beside a refresh loop is
 * in library-concurrency.test.ts.
 *
 * The kill moments come from a seeded generator: a failure prints its seed; rerun with
 * AKHBAR_KILL_SEED=<seed> to replay it.
 */
import {execFileSync, spawn} from 'node:child_process';
import {existsSync, mkdirSync, readdirSync, readFileSync, statfsSync, statSync, truncateSync, writeFileSync} from 'node:fs';
import {createRequire} from 'node:module';
import path from 'node:path';
import process from 'node:process';
import type BetterSqlite3 from 'better-sqlite3';
import {afterAll, beforeAll, describe, expect, it, type TestContext} from 'vitest';
import {libraryCorpus, random} from '../bench/library-corpus.js';
import {databaseFile, findDatabases, libraryHome, openSource, serveLibrary, type LibraryHome, type LibraryServer} from '../helpers/library-home.js';
import {PtySession} from '../helpers/pty-session.js';
import {screenText} from '../helpers/xterm-screen.js';
import {cliEnv, cliPath, runCli, tempHome} from '../fixtures/hostile/run-cli.js';
import {tally} from '../fixtures/hostile/tally.js';
import {headlineMarks, itemOnRow, liveItems, pointerRow, textStart, titleIndex} from './library-helpers.js';

const require = createRequire(import.meta.url);
const Sqlite = require('better-sqlite3') as typeof BetterSqlite3;
const seed = Number(process.env['AKHBAR_KILL_SEED'] ?? 20_261_206);
const corpus = libraryCorpus({sources: 24, items: 60, seed: 11});
const titles = titleIndex(corpus);
const stackTrace = /^\s+at .+[:(]\d+/m;
let server: LibraryServer;
/** Items each feed gains (live-…), per source: a refresh that follows has something to write. */
const growth = new Map<number, number>();
const mounts: string[] = [];

beforeAll(async () => {
	server = await serveLibrary(corpus, (source, rss) => liveItems(rss, source, growth.get(source) ?? 0));
});

afterAll(async () => {
	await server.close();
	for (const dir of mounts) {
		try {
			execFileSync('umount', ['-l', dir], {stdio: 'ignore'});
		} catch {
			// Already gone.
		}
	}

	tally.report('faults/library');
});

function grow(count: number): void {
	for (let source = 0; source < corpus.sources; source++) growth.set(source, (growth.get(source) ?? 0) + count);
}

/** What is wrong with the database: integrity_check and every full-text index's own check. */
function damage(file: string): string[] {
	const db = new Sqlite(file);
	try {
		const problems = (db.pragma('integrity_check') as Array<{integrity_check: string}>).map(row => row.integrity_check).filter(line => line !== 'ok');
		const indexes = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND sql LIKE '%USING fts5%'").all() as Array<{name: string}>;
		for (const {name} of indexes) {
			try {
				db.prepare(`INSERT INTO "${name}"("${name}") VALUES ('integrity-check')`).run();
			} catch (error) {
				problems.push(`${name}: ${String(error)}`);
			}
		}

		return problems;
	} finally {
		db.close();
	}
}

function itemCount(file: string): number {
	const db = new Sqlite(file, {readonly: true});
	try {
		const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'items'").all();
		return tables.length === 0 ? Number.NaN : (db.prepare('SELECT count(*) AS n FROM items').get() as {n: number}).n;
	} finally {
		db.close();
	}
}

/** The reader, offline, shows headlines of the library and an article's text; it quits cleanly. */
async function readerReads(home: LibraryHome, extraArgs: string[] = []): Promise<string> {
	const session = new PtySession({args: ['--offline', '--bidi', 'terminal', '--shaping', 'off', ...extraArgs], cols: 110, rows: 30, home: home.home, env: home.env});
	try {
		await openSource(session, corpus.sourceName(0), headlineMarks(corpus, 0));
		await session.settle(200);
		const screen = screenText(session.terminal).join('\n');
		const item = itemOnRow(titles, pointerRow(session));
		if (item === undefined) {
			// No headline pointed at: the last article read is open again, its text on the screen.
			const texts = [textStart(corpus, 'live-0-1'), ...corpus.sourceItems(0).map(it => textStart(corpus, it.guid))];
			expect(texts.some(text => screen.includes(text)), screen).toBe(true);
		} else {
			// The selected headline's text, opened.
			session.write('\r');
			const text = textStart(corpus, item);
			await session.waitFor(() => screenText(session.terminal).join('\n').includes(text), 10_000);
		}

		session.write('q');
		expect(await session.exited()).toBe(0);
		return screen;
	} catch (error) {
		throw new Error(`${String(error)}\n${screenText(session.terminal).join('\n')}`);
	} finally {
		session.kill();
	}
}

function freshHome(prefix: string): LibraryHome {
	return libraryHome(corpus, server, {home: tempHome(prefix)});
}

/** `akhbar refresh` killed by SIGKILL `delayMs` after it starts. */
async function killedRefresh(home: LibraryHome, delayMs: number): Promise<{output: string; exited: boolean}> {
	const child = spawn(process.execPath, [cliPath, 'refresh'], {cwd: home.home, env: cliEnv(home.home, home.env), stdio: ['ignore', 'pipe', 'pipe']});
	let output = '';
	child.stdout.on('data', (chunk: Buffer) => {
		output += chunk.toString();
	});
	child.stderr.on('data', (chunk: Buffer) => {
		output += chunk.toString();
	});
	let exited = false;
	const closed = new Promise(resolve => child.on('close', resolve));
	child.on('exit', () => {
		exited = true;
	});
	await new Promise(resolve => setTimeout(resolve, delayMs));
	const before = exited;
	child.kill('SIGKILL');
	await closed;
	return {output, exited: before};
}

describe('akhbar refresh killed at random moments', () => {
	it('SIGKILL during a refresh, 6 rounds: the next start opens a consistent store each time', async () => {
		const home = freshHome('akhbar-library-kill-');
		const next = random(seed);
		const first = await runCli(['refresh'], {home: home.home, env: home.env, timeoutMs: 60_000});
		expect(first.code).toBe(0);
		// How long a refresh with something to write takes (each round's feeds grow as much).
		grow(40);
		const timing = await runCli(['refresh'], {home: home.home, env: home.env, timeoutMs: 60_000});
		expect(timing.code).toBe(0);
		const file = databaseFile(home.dataDir);
		const killedMidway: number[] = [];
		for (let round = 0; round < 6; round++) {
			grow(40);
			// Somewhere within the refresh: from its start-up to the end of its writes.
			const delayMs = Math.floor(100 + next() * Math.max(200, timing.ms * 0.9 - 100));
			const context = `seed ${seed}, round ${round + 1}: SIGKILL after ${delayMs} ms`;
			// eslint-disable-next-line no-await-in-loop -- one kill after another
			const killed = await killedRefresh(home, delayMs);
			if (!killed.exited) killedMidway.push(delayMs);
			tally.faults++;
			expect(killed.output, context).not.toMatch(stackTrace);
			expect(damage(file), context).toEqual([]);
			expect(findDatabases(home.dataDir), context).toEqual([file]);
			// eslint-disable-next-line no-await-in-loop
			await readerReads(home);
		}

		// The kills did land inside refreshes (most: a loaded machine stretches some), and a refresh afterwards finishes the job.
		expect(killedMidway.length).toBeGreaterThanOrEqual(3);
		const after = await runCli(['refresh'], {home: home.home, env: home.env, timeoutMs: 60_000});
		expect(after.stderr).toBe('');
		expect(after.code).toBe(0);
		expect(damage(file)).toEqual([]);
		expect(itemCount(file)).toBeGreaterThanOrEqual(corpus.sources * corpus.items);
		expect(readdirSync(path.dirname(file)).filter(name => name.includes('.bad-'))).toEqual([]);
		// The feeds as they were, for the tests that follow.
		growth.clear();
	}, 180_000);
});

describe('a damaged database file', () => {
	const damages: Array<[string, (file: string) => void]> = [
		['its header overwritten', file => {
			const bytes = readFileSync(file);
			bytes.write('not a database at all, just bytes', 0, 'latin1');
			writeFileSync(file, bytes);
		}],
		['cut to a third of its size', file => {
			truncateSync(file, Math.floor(statSync(file).size / 3));
		}],
		['its pages overwritten from the middle on', file => {
			const bytes = readFileSync(file);
			const next = random(seed);
			for (let at = Math.floor(bytes.length / 2); at < bytes.length; at++) bytes[at] = Math.floor(next() * 256);
			writeFileSync(file, bytes);
		}],
	];

	/**
	 * Damage past the header is not seen when the store opens (that would take a scan of the
	 * file): the refresh meets it later, in use, and the store sets the file aside then.
	 */
	const deep = damages.pop()!;

	const keptAside = async (_: string, spoil: (file: string) => void, foundInUse = false): Promise<void> => {
		const home = freshHome('akhbar-library-bad-');
		const first = await runCli(['refresh'], {home: home.home, env: home.env, timeoutMs: 60_000});
		expect(first.code).toBe(0);
		const file = databaseFile(home.dataDir);
		// Whatever the last connection left in the write-ahead log is part of the database: fold it in.
		const db = new Sqlite(file);
		db.pragma('wal_checkpoint(TRUNCATE)');
		db.close();
		spoil(file);
		const spoiled = readFileSync(file);
		const prefsFile = path.join(home.configDir, 'config.json');
		const prefs = readFileSync(prefsFile);
		tally.faults++;

		const refresh = await runCli(['refresh'], {home: home.home, env: home.env, timeoutMs: 60_000});
		expect(refresh.stderr).not.toMatch(stackTrace);
		const lines = refresh.stderr.split('\n').filter(Boolean);
		expect(lines).toEqual([expect.stringMatching(/^akhbar: .*\.bad-/)]);
		expect(refresh.code).toBe(0);
		const aside = readdirSync(path.dirname(file)).filter(name => name.startsWith(`${path.basename(file)}.bad-`));
		expect(aside).toHaveLength(1);
		expect(lines[0]).toContain(aside[0]);
		const keptFile = path.join(path.dirname(file), aside[0]!);
		// Found in use, the file had already taken the writes made before the damage was met (the
		// refresh's first statements, a checkpoint): it is kept as damaged, not byte for byte.
		if (foundInUse) expect(damage(keptFile)).not.toEqual([]);
		else expect(readFileSync(keptFile).equals(spoiled)).toBe(true);
		expect(damage(file)).toEqual([]);
		expect(itemCount(file)).toBeGreaterThanOrEqual(corpus.sources * corpus.items);
		expect(readFileSync(prefsFile).equals(prefs)).toBe(true);
		// Said once: the next run has nothing to say.
		const again = await runCli(['search', 'كسوف'], {home: home.home, env: home.env});
		expect(again.stderr).toBe('');
		await readerReads(home);
	};

	it.each(damages)('%s: kept aside as *.bad-TIME, a new store made, one line says so, preferences untouched', keptAside, 90_000);
	it(`${deep[0]}: kept aside once a statement finds it damaged`, async () => keptAside(...deep, true), 90_000);

	it('the reader started on a damaged store: it opens, and the status line says where the old file went', async () => {
		const home = freshHome('akhbar-library-bad-reader-');
		expect((await runCli(['refresh'], {home: home.home, env: home.env, timeoutMs: 60_000})).code).toBe(0);
		const file = databaseFile(home.dataDir);
		const db = new Sqlite(file);
		db.pragma('wal_checkpoint(TRUNCATE)');
		db.close();
		writeFileSync(file, Buffer.from('garbage, not SQLite '.repeat(500)));
		tally.faults++;
		const session = new PtySession({args: ['--offline', '--bidi', 'terminal', '--shaping', 'off'], cols: 110, rows: 30, home: home.home, env: home.env});
		try {
			// The status line says so (cut to its width: the path may not fit).
			await session.waitFor(() => /damaged|\.bad-|تالف|تلف/u.test(screenText(session.terminal).at(-1)!), 20_000).catch((error: unknown) => {
				throw new Error(`${String(error)}\n${screenText(session.terminal).join('\n')}`);
			});
			session.write('q');
			expect(await session.exited()).toBe(0);
		} finally {
			session.kill();
		}

		expect(session.output).not.toMatch(stackTrace);
		expect(readdirSync(path.dirname(file)).filter(name => name.includes('.bad-'))).toHaveLength(1);
		expect(damage(file)).toEqual([]);
	}, 60_000);
});

/** A tmpfs of `size` on `dir`, or the reason there cannot be one (root on Linux only). */
function smallDisk(dir: string, size: string): string | undefined {
	mkdirSync(dir, {recursive: true});
	if (process.platform !== 'linux' || process.getuid?.() !== 0) return 'mounting a tmpfs needs root on Linux';
	try {
		execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${size}`, 'tmpfs', dir], {stdio: 'ignore'});
	} catch (error) {
		return `mount refused: ${String(error).split('\n')[0]}`;
	}

	mounts.push(dir);
	return undefined;
}

function smallDiskOrSkip(dir: string, size: string, context: TestContext): void {
	const reason = smallDisk(dir, size);
	if (reason) {
		console.warn(`skipped: ${reason}`);
		context.skip();
	}
}

describe('the disk fills up during a refresh', () => {
	const fillsUp = async (context: TestContext, once: boolean): Promise<void> => {
		const home = freshHome('akhbar-library-full-');
		smallDiskOrSkip(home.dataDir, '32m', context);
		const first = await runCli(['refresh'], {home: home.home, env: home.env, timeoutMs: 60_000});
		expect(first.stderr).toBe('');
		expect(first.code).toBe(0);
		const file = databaseFile(home.dataDir);
		const stored = itemCount(file);
		expect(stored).toBeGreaterThanOrEqual(corpus.sources * corpus.items);
		const prefsFile = path.join(home.configDir, 'config.json');
		const prefs = readFileSync(prefsFile);

		// Fill the disk but for 256 KB, then let every feed grow by 400 items (about 300 KB each).
		const free = statfsSync(home.dataDir);
		writeFileSync(path.join(home.dataDir, 'filler'), Buffer.alloc(Math.max(0, free.bavail * free.bsize - 256 * 1024)));

		const saved = new Map(growth);
		grow(400);
		tally.faults++;
		let full;
		try {
			full = await runCli(['refresh'], {home: home.home, env: home.env, timeoutMs: 60_000});
		} finally {
			// As they were: the tests after this one (the next one included) start from the same feeds.
			growth.clear();
			for (const [source, count] of saved) growth.set(source, count);
		}

		expect(full.stderr).not.toMatch(stackTrace);
		expect(full.timedOut).toBe(false);
		const lines = full.stderr.split('\n').filter(Boolean);
		const why = lines.filter(line => /disk (is )?full|no space/i.test(line));
		expect(why.length, full.stderr).toBeGreaterThanOrEqual(1);
		if (once) expect(lines, full.stderr).toHaveLength(1);
		// Exit 1 when every source failed, 3 when some did (some may have been stored before the disk filled).
		expect([1, 3]).toContain(full.code);
		expect(readFileSync(prefsFile).equals(prefs)).toBe(true);
		expect(existsSync(file)).toBe(true);
		expect(readdirSync(home.dataDir).filter(name => name.includes('.bad-'))).toEqual([]);

		// The disk still full: the reader opens what is stored, and its text.
		const screen = await readerReads(home);
		expect(screen).not.toMatch(/database is locked|SQLITE_/);
		expect(damage(file)).toEqual([]);
		expect(itemCount(file)).toBeGreaterThanOrEqual(stored);
	};

	it('a line says the disk is full, the exit code says some or all failed, the reader reads what is stored', async context => fillsUp(context, false), 120_000);
	/**
	 * Known gap (reported to the owner of `akhbar refresh`): every source left says "database or
	 * disk is full" on a line of its own (24 lines here, 200 in the benchmark's library) where the
	 * issue asks for one. Unskip once a full disk is said once.
	 */
	it('the full disk is said in one line, not once per source', async context => fillsUp(context, true), 120_000);
});
