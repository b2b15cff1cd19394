/**
 * Killed in the middle of a write: a process writing preferences, reading state and cache
 * entries (in the old stores and in the library) in a tight loop is killed (SIGKILL, SIGTERM, SIGHUP) at random moments, many times.
 * After each kill every file is whole: it parses, the stores open without a notice, every cache
 * entry is complete, the library opens without a notice and passes SQLite's integrity check, and the next writer (and finally the real CLI) gets the lock.
 * The reader killed by SIGTERM or SIGHUP right after marking articles read saves them.
 *
 * The moments come from a seeded generator: a failure prints its seed; rerun with
 * AKHBAR_KILL_SEED=<seed> to replay it.
 */
import {spawn} from 'node:child_process';
import {existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import process from 'node:process';
import {fileURLToPath} from 'node:url';
import {build} from 'esbuild';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import Database from 'better-sqlite3';
import {openLibrary} from '../../source/library/index.js';
import {openPrefs} from '../../source/prefs.js';
import {openCache} from '../../source/sources/cache.js';
import {openState} from '../../source/state.js';
import {PtySession} from '../helpers/pty-session.js';
import {screenText} from '../helpers/xterm-screen.js';
import {runCli, tempHome} from '../fixtures/hostile/run-cli.js';
import {tally} from '../fixtures/hostile/tally.js';

const seed = Number(process.env['AKHBAR_KILL_SEED'] ?? 20_261_129);
let writer: string;

beforeAll(async () => {
	// Bundled once: a writer started through tsx would spend most of each round compiling.
	writer = path.join(mkdtempSync(path.join(tmpdir(), 'akhbar-writer-')), 'writer.mjs');
	await build({
		entryPoints: [fileURLToPath(new URL('../fixtures/hostile/store-writer.ts', import.meta.url))],
		outfile: writer,
		bundle: true,
		platform: 'node',
		format: 'esm',
		target: 'node20',
		logLevel: 'warning',
		// A native addon: loaded from node_modules, as the CLI's bundle does.
		external: ['better-sqlite3'],
		banner: {js: "import {createRequire as __cr} from 'node:module'; const require = __cr(import.meta.url);"},
	});
});

afterAll(() => {
	tally.report('faults/kill');
	if (writer) rmSync(path.dirname(writer), {recursive: true, force: true});
});

/** mulberry32: small, seeded, good enough to pick moments and signals. */
function random(state: number): () => number {
	return () => {
		state = (state + 0x6d2b79f5) | 0;
		let t = Math.imul(state ^ (state >>> 15), 1 | state);
		t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
		return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
	};
}

type Round = {signal: NodeJS.Signals; delayMs: number; output: string};

async function killWriter(configDir: string, cacheDir: string, libraryFile: string, signal: NodeJS.Signals, delayMs: number): Promise<Round> {
	// The bundle lives in a temporary folder: require() finds better-sqlite3 through NODE_PATH.
	const env = {...process.env, NODE_PATH: fileURLToPath(new URL('../../node_modules', import.meta.url))};
	const child = spawn(process.execPath, [writer, configDir, cacheDir, libraryFile], {stdio: ['ignore', 'pipe', 'pipe'], env});
	let output = '';
	child.stdout.on('data', (chunk: Buffer) => {
		output += chunk.toString();
	});
	child.stderr.on('data', (chunk: Buffer) => {
		output += chunk.toString();
	});
	const closed = new Promise(resolve => child.on('close', resolve));
	const start = performance.now();
	while (!output.includes('ready') && performance.now() - start < 10_000) {
		// eslint-disable-next-line no-await-in-loop -- polling
		await new Promise(resolve => setTimeout(resolve, 5));
	}

	await new Promise(resolve => setTimeout(resolve, delayMs));
	child.kill(signal);
	// A writer that ignored the signal would hang the test: that is a failure, not a wait.
	const stuck = setTimeout(() => {
		output += ' Error: did not die';
		child.kill('SIGKILL');
	}, 5000);
	await closed;
	clearTimeout(stuck);
	return {signal, delayMs, output};
}

/** What is wrong with the library after a kill (empty when it is whole). */
function libraryDamage(file: string): string[] {
	if (!existsSync(file)) return [];
	const problems: string[] = [];
	const library = openLibrary({path: file, legacy: false, flushOnExit: false});
	if (library.notice) problems.push(`library: ${library.notice}`);
	library.close();
	const db = new Database(file, {readonly: true});
	try {
		const check = db.pragma('integrity_check', {simple: true});
		if (check !== 'ok') problems.push(`library: ${String(check)}`);
		const counts = db.prepare('SELECT total, (SELECT count(*) FROM items WHERE source_id = sources.id) AS items, unread, (SELECT count(*) FROM items WHERE source_id = sources.id AND read = 0) AS unreadItems FROM sources').all() as Array<{total: number; items: number; unread: number; unreadItems: number}>;
		for (const row of counts) {
			if (row.total !== row.items || row.unread !== row.unreadItems) problems.push(`library: counts ${JSON.stringify(row)}`);
		}
	} finally {
		db.close();
	}

	return problems;
}

/** What is wrong with the files after a kill (empty when every one is whole). */
function damage(configDir: string, cacheDir: string): string[] {
	const problems: string[] = [];
	for (const name of ['config.json', 'state.json']) {
		const file = path.join(configDir, name);
		if (!existsSync(file)) continue;
		try {
			JSON.parse(readFileSync(file, 'utf8'));
		} catch (error) {
			problems.push(`${name}: ${String(error)}`);
		}
	}

	const prefs = openPrefs({cwd: configDir});
	if (prefs.notice) problems.push(`prefs: ${prefs.notice}`);
	const state = openState({cwd: configDir, flushOnExit: false});
	if (state.notice) problems.push(`state: ${state.notice}`);
	state.close();
	for (const name of readdirSync(configDir)) {
		if (name.includes('.bad-')) problems.push(`set aside: ${name}`);
	}

	const cache = openCache(cacheDir);
	for (const name of existsSync(cacheDir) ? readdirSync(cacheDir) : []) {
		if (!/^[\da-f]{64}$/.test(name)) continue;
		const bytes = readFileSync(path.join(cacheDir, name));
		const header = JSON.parse(bytes.subarray(0, bytes.indexOf(0x0a)).toString('utf8')) as {url: string; size: number};
		const entry = cache.get(header.url);
		if (!entry || entry.bytes.byteLength !== header.size || entry.bytes.some(byte => byte !== 0x41)) problems.push(`cache entry ${name} is torn`);
	}

	return problems;
}

describe('killed while writing', () => {
	it('SIGKILL, SIGTERM, SIGHUP at random moments: every file whole after each', async () => {
		const home = tempHome('akhbar-kill-');
		const configDir = path.join(home, 'config', 'akhbar');
		const cacheDir = path.join(home, 'cache', 'akhbar');
		const libraryFile = path.join(home, 'data', 'akhbar', 'library.sqlite');
		const next = random(seed);
		const signals: NodeJS.Signals[] = ['SIGKILL', 'SIGTERM', 'SIGHUP'];
		const rounds: Round[] = [];
		for (let index = 0; index < 24; index++) {
			const signal = signals[Math.floor(next() * signals.length)]!;
			const delayMs = Math.floor(next() * 250);
			// eslint-disable-next-line no-await-in-loop -- one kill after another
			const round = await killWriter(configDir, cacheDir, libraryFile, signal, delayMs);
			rounds.push(round);
			tally.faults++;
			const problems = [...damage(configDir, cacheDir), ...libraryDamage(libraryFile)];
			const context = `seed ${seed}, round ${index + 1}: ${signal} after ${delayMs} ms`;
			expect(round.output, context).not.toMatch(/notice:|Error/);
			expect(problems, context).toEqual([]);
		}

		// The writers really were writing when killed (a dot after each round of writes).
		expect(rounds.filter(round => round.output.includes('.')).length).toBeGreaterThan(rounds.length / 2);
		// And the real CLI, started last, takes the lock at once and finds healthy files.
		const set = await runCli(['prefs', 'set', 'measure', '55'], {home});
		expect(set.stderr).toBe('');
		expect(set.code).toBe(0);
	}, 90_000);
});

describe('killed between creating the lock file and writing its pid into it', () => {
	it('the empty lock it leaves does not block the next start', async () => {
		const home = tempHome('akhbar-empty-lock-');
		const configDir = path.join(home, 'config', 'akhbar');
		mkdirSync(configDir, {recursive: true});
		const lock = path.join(configDir, 'config.json.lock');
		writeFileSync(lock, '');
		// Left two seconds ago, as by a process killed at that instant (the seeded kills above
		// found this: every write then failed for 10 s with "held by another akhbar").
		const then = new Date(Date.now() - 2000);
		utimesSync(lock, then, then);
		tally.faults++;
		const set = await runCli(['prefs', 'set', 'measure', '44'], {home});
		expect(set.stderr).toBe('');
		expect(set.code).toBe(0);
		expect(JSON.parse(readFileSync(path.join(configDir, 'config.json'), 'utf8'))).toEqual({measure: 44});
		expect(existsSync(lock)).toBe(false);
	});
});

describe('the reader killed right after marking articles read', () => {
	const feed = `<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>نشرة</title>
${Array.from({length: 5}, (_, index) => `<item><title>خبر ${index + 1}</title><guid>item-${index + 1}</guid><description>متن الخبر ${index + 1}.</description></item>`).join('\n')}
</channel></rss>
`;

	it.each(['SIGTERM', 'SIGHUP'] as const)('%s: the marks are saved, the terminal is put back, the next start is clean', async signal => {
		const home = tempHome('akhbar-kill-reader-');
		const file = path.join(home, 'feed.xml');
		writeFileSync(file, feed);
		// Logical text, so what is on the screen can be waited for.
		const session = new PtySession({args: [file, '--bidi', 'terminal', '--shaping', 'off'], cols: 100, rows: 30, home});
		const shows = async (text: string) => session.waitFor(() => screenText(session.terminal).join('\n').includes(text), 15_000);
		try {
			await shows('5 غير مقروءة');
			session.write('\r');
			await shows('متن الخبر 1.');
			session.write('n');
			await shows('متن الخبر 2.');
			// Within the state store's 500 ms batching delay: only the signal handler can save it.
			session.process.kill(signal);
			await session.exited();
			tally.faults++;
		} finally {
			session.kill();
		}

		// Out of the alternate screen, cursor shown, bidi mode restored.
		expect(session.output.slice(session.output.lastIndexOf('\u001B[?1049'))).toMatch(/^\u001B\[\?1049l/);
		expect(session.output.lastIndexOf('\u001B[?25h')).toBeGreaterThan(session.output.lastIndexOf('\u001B[?25l'));
		// Marks are written to the library as they are made.
		const libraryFile = path.join(home, 'data', 'akhbar', 'library.sqlite');
		const db = new Database(libraryFile, {readonly: true});
		try {
			const keys = (db.prepare('SELECT key FROM read_marks').all() as Array<{key: string}>).map(row => row.key);
			expect(keys.filter(key => /item-[12]\b/.test(key))).toHaveLength(2);
		} finally {
			db.close();
		}

		expect(libraryDamage(libraryFile)).toEqual([]);
		expect(damage(path.join(home, 'config', 'akhbar'), path.join(home, 'cache', 'akhbar'))).toEqual([]);
	}, 30_000);
});
