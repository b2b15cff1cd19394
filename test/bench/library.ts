/**
 * The library measured at its full size: a generated library (library-corpus.ts; 200 sources ×
 * 500 items by default, AKHBAR_BENCH_LIBRARY=SOURCESxITEMS for a quicker run) served by a
 * local HTTP server, refreshed once from empty with the real `akhbar refresh`, then: the
 * reader's start from the full store (offline) in a pseudo-terminal, its peak memory, ↓ in the
 * overview, the archive search in-process and as a whole `akhbar search` process, and the
 * database's size. Every figure comes from the one refresh.
 */
import {spawn, spawnSync} from 'node:child_process';
import {readFileSync, rmSync, statSync} from 'node:fs';
import {createRequire} from 'node:module';
import process from 'node:process';
import type BetterSqlite3 from 'better-sqlite3';
import {fitLine} from '../../source/text/layout.js';
import {defaultTextOptions} from '../../source/text/options.js';
import {openLibrary} from '../../source/library/index.js';
import {databaseFile, libraryHome, openSource, serveLibrary, type LibraryHome} from '../helpers/library-home.js';
import {PtySession, cliPath, sessionEnv} from '../helpers/pty-session.js';
import {screenText} from '../helpers/xterm-screen.js';
import {libraryCorpus, type LibraryCorpus} from './library-corpus.js';
import {demoHome, feedFile, keyLatency, keys, median, press, startupOnce} from './reader.js';

const require = createRequire(import.meta.url);
const Sqlite = require('better-sqlite3') as typeof BetterSqlite3;

export type LibrarySize = {sources: number; items: number};

/** `AKHBAR_BENCH_LIBRARY=20x50`: 20 sources of 50 items; the 200 × 500 otherwise. */
export function librarySize(value = process.env['AKHBAR_BENCH_LIBRARY']): LibrarySize {
	if (!value) return {sources: 200, items: 500};
	const match = /^(\d+)x(\d+)$/.exec(value);
	if (!match || Number(match[1]) < 1 || Number(match[2]) < 1) throw new Error(`AKHBAR_BENCH_LIBRARY: expected SOURCESxITEMS (like 20x50), got "${value}"`);
	return {sources: Number(match[1]), items: Number(match[2])};
}

/** A line of text as the reader draws it (shaped, reordered), to find it on the screen. */
function shown(text: string): string {
	return fitLine(text, 400, defaultTextOptions, 'left').trimEnd();
}

/** Marks of a headline on the screen: its first three words as drawn, for the newest items. */
function headlineMarks(corpus: LibraryCorpus): string[] {
	const marks = new Set<string>();
	for (let source = 0; source < corpus.sources; source++) {
		const newest = corpus.sourceItems(source).slice(0, source === 0 ? 40 : 3);
		for (const item of newest) marks.add(shown(item.title.split(' ').slice(0, 3).join(' ')));
	}

	return [...marks];
}

const showsAny = (session: PtySession, marks: readonly string[]) => {
	const rows = screenText(session.terminal);
	return rows.some(row => marks.some(mark => row.includes(mark)));
};

/** The environment of every CLI run against the library's home. */
function cliEnv(home: LibraryHome): Record<string, string> {
	return sessionEnv(home.home, home.env);
}

/** Runs the CLI to its end without blocking this process (the server lives here). */
async function runCli(args: string[], home: LibraryHome): Promise<{code: number | null; stdout: string; stderr: string; ms: number}> {
	const started = performance.now();
	const child = spawn(process.execPath, [cliPath, ...args], {cwd: home.home, env: cliEnv(home), stdio: ['ignore', 'pipe', 'pipe']});
	let stdout = '';
	let stderr = '';
	child.stdout.on('data', (chunk: Buffer) => {
		stdout += chunk.toString();
	});
	child.stderr.on('data', (chunk: Buffer) => {
		stderr += chunk.toString();
	});
	const code = await new Promise<number | null>(resolve => child.on('close', resolve));
	return {code, stdout, stderr, ms: performance.now() - started};
}

function nodeOnce(home: LibraryHome): number {
	const started = performance.now();
	spawnSync(process.execPath, ['-e', '0'], {env: cliEnv(home), stdio: 'ignore'});
	return performance.now() - started;
}

/** Peak resident memory of a running process so far, in MB (Linux: VmHWM). */
export function peakRssMb(pid: number): number {
	const status = readFileSync(`/proc/${pid}/status`, 'utf8');
	const match = /^VmHWM:\s+(\d+)\s+kB/m.exec(status);
	if (!match) throw new Error(`no VmHWM in /proc/${pid}/status`);
	return Number(match[1]) / 1024;
}

async function openReader(home: LibraryHome, marks: readonly string[]): Promise<{session: PtySession; ms: number}> {
	const started = performance.now();
	const session = new PtySession({args: ['--offline'], home: home.home, env: home.env});
	await session.waitFor(() => showsAny(session, marks), 30_000).catch((error: unknown) => {
		session.kill();
		throw new Error(`the reader showed no headline of the library: ${String(error)}\n${screenText(session.terminal).join('\n')}`);
	});
	return {session, ms: performance.now() - started};
}

async function quit(session: PtySession): Promise<void> {
	session.write(keys.quit);
	await session.exited().catch(() => session.kill());
}

export type LibraryFigures = Record<string, number>;

export async function libraryBench(size: LibrarySize = librarySize(), log: (line: string) => void = () => {}): Promise<LibraryFigures> {
	const corpus = libraryCorpus(size);
	const total = size.sources * size.items;
	const server = await serveLibrary(corpus);
	const home = libraryHome(corpus, server, {prefix: 'akhbar-bench-library-'});
	const figures: LibraryFigures = {};
	try {
		log(`library: refreshing ${size.sources} sources × ${size.items} items`);
		const refresh = await runCli(['refresh'], home);
		if (refresh.code !== 0) throw new Error(`akhbar refresh exited ${refresh.code}: ${refresh.stderr.slice(0, 500)}`);
		figures['library_refresh_s'] = refresh.ms / 1000;
		figures['library_items_s'] = total / (refresh.ms / 1000);
		await server.close();

		log('library: refreshed');
		const file = databaseFile(home.dataDir);
		const onDisk = (name: string) => statSync(name, {throwIfNoEntry: false})?.size ?? 0;
		// The write-ahead log folded in first: its pages would otherwise count twice.
		const db = new Sqlite(file);
		db.pragma('wal_checkpoint(TRUNCATE)');
		db.close();
		figures['db_mb_per_1000_items'] = (onDisk(file) + onDisk(`${file}-wal`)) / 1024 / 1024 / (total / 1000);

		// In-process: the store's own search, every hit (the first run warms the page cache).
		const library = openLibrary({path: file});
		try {
			const times: number[] = [];
			let hits = 0;
			for (let run = 0; run < 8; run++) {
				const started = performance.now();
				hits = library.search(corpus.query, {limit: total}).length;
				if (run > 0) times.push(performance.now() - started);
			}

			figures['search_ms'] = median(times);
			figures['search_hits'] = hits;
			if (hits !== corpus.expectedHits) log(`library: the query found ${hits} items, the generator put it in ${corpus.expectedHits}`);
		} finally {
			library.close();
		}

		log('library: searched in-process');
		// Each ratio's two sides measured in turn, so a shared machine's load weighs on both alike.
		const searches: number[] = [];
		const nodes: number[] = [];
		for (let run = 0; run < 9; run++) {
			const started = performance.now();
			const result = spawnSync(process.execPath, [cliPath, 'search', corpus.query], {cwd: home.home, env: cliEnv(home), stdio: ['ignore', 'pipe', 'pipe']});
			searches.push(performance.now() - started);
			if (result.status !== 0) throw new Error(`akhbar search exited ${result.status}: ${result.stderr.toString().slice(0, 500)}`);
			nodes.push(nodeOnce(home));
		}

		figures['search_process_ms'] = median(searches);
		figures['search_process_ms/node_ms'] = median(searches) / median(nodes);

		log('library: searched with akhbar search');
		// The first start (the overview) opens the first source and its first article: later starts show it.
		const marks = headlineMarks(corpus);
		const first = new PtySession({args: ['--offline'], home: home.home, env: home.env});
		try {
			await openSource(first, corpus.sourceName(0), marks, shown);
			await first.settle(300);
			first.write(keys.enter);
			await first.settle(300);
		} catch (error) {
			throw new Error(`the reader did not open the library's first source: ${String(error)}\n${screenText(first.terminal).join('\n')}`);
		} finally {
			await quit(first);
		}

		log('library: first source opened');
		const starts: number[] = [];
		const demos: number[] = [];
		const startNodes: number[] = [];
		// Both starts as a user's every start but the first: the first session above left the
		// library's home its code cache, and this one leaves the demo's.
		const demo = await demoHome();
		try {
			for (let run = 0; run < 9; run++) {
				const {session, ms} = await openReader(home, marks);
				starts.push(ms);
				await quit(session);
				demos.push(await startupOnce(demo));
				startNodes.push(nodeOnce(home));
			}
		} finally {
			rmSync(demo, {recursive: true, force: true});
		}

		figures['library_startup_ms'] = median(starts);
		figures['library_demo_startup_ms'] = median(demos);
		figures['library_node_ms'] = median([...nodes, ...startNodes]);
		figures['library_startup_ms/node_ms'] = median(starts) / median(startNodes);
		figures['library_startup_ms/startup_ms'] = median(starts) / median(demos);

		log('library: started');
		// Memory and ↓ in the overview: one session, as a user would open it.
		const {session} = await openReader(home, marks);
		try {
			await session.settle(500);
			const atStart = peakRssMb(session.process.pid);
			session.write('S');
			const names = Array.from({length: Math.min(corpus.sources, 20)}, (_, index) => shown(corpus.sourceName(index)));
			await session.waitFor(() => showsAny(session, names), 10_000);
			await session.settle(300);
			const moves: number[] = [];
			// From the first source down (a key at the list's end would draw nothing to time).
			for (let index = 0; index < Math.min(25, corpus.sources - 1); index++) moves.push((await press(session, keys.down)).ms);
			figures['overview_key_ms'] = median(moves);
			figures['library_rss_mb'] = Math.max(atStart, peakRssMb(session.process.pid));
		} finally {
			await quit(session);
		}

		// ↓ in a 40-line article, right after: the overview's key is held to it.
		const beside = await keyLatency(feedFile(home.home, 'short', 40, false), 10);
		figures['library_key_ms_40'] = beside;
		figures['overview_key_ms/key_ms_40'] = figures['overview_key_ms'] / beside;
	} finally {
		await server.close().catch(() => {});
		rmSync(home.home, {recursive: true, force: true});
	}

	return figures;
}
