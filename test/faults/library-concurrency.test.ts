/**
 * The library shared by a reader and cron: the real reader in a pseudo-terminal walks the
 * headlines, marks items read with `m`, stars them with `*` and marks whole sources read
 * with `M`, while `akhbar refresh` runs in a loop against a local server whose feeds gain new
 * items on every request. For 60 s (the figure; AKHBAR_LIBRARY_SOAK_S shortens it
 * while developing): no "database is locked" anywhere, every refresh exits 0, and afterwards
 * the store holds every read mark and star the reader made.
 * A file of its own: vitest runs it beside the other fault files rather than after them.
 */
import {spawn} from 'node:child_process';
import process from 'node:process';
import {afterAll, describe, expect, it} from 'vitest';
import {openLibrary} from '../../source/library/index.js';
import {libraryCorpus} from '../bench/library-corpus.js';
import {databaseFile, libraryHome, openSource, serveLibrary} from '../helpers/library-home.js';
import {PtySession} from '../helpers/pty-session.js';
import {cliEnv, cliPath, runCli, tempHome} from '../fixtures/hostile/run-cli.js';
import {tally} from '../fixtures/hostile/tally.js';
import {headlineMarks, itemOnRow, liveItems, pointerRow, readingKey, titleIndex} from './library-helpers.js';

const seconds = Number(process.env['AKHBAR_LIBRARY_SOAK_S'] ?? 60);
const locked = /database is locked|SQLITE_BUSY|SQLITE_LOCKED/i;

afterAll(() => {
	tally.report('faults/library-concurrency');
});

type LoopReport = {runs: number; failures: Array<{code: number | null; stderr: string}>; outputs: string};

/** `akhbar refresh` again and again until `untilMs` (epoch), in a child process of its own. */
async function refreshLoop(home: string, env: Record<string, string>, untilMs: number): Promise<LoopReport> {
	const script = `
const {spawnSync} = require('node:child_process');
const report = {runs: 0, failures: [], outputs: ''};
while (Date.now() < ${untilMs}) {
	const result = spawnSync(process.execPath, [${JSON.stringify(cliPath)}, 'refresh'], {stdio: 'pipe', encoding: 'utf8'});
	report.runs++;
	report.outputs += result.stdout + result.stderr;
	if (result.status !== 0) report.failures.push({code: result.status, stderr: result.stderr});
}
process.stdout.write(JSON.stringify(report));
`;
	const child = spawn(process.execPath, ['-e', script], {cwd: home, env: cliEnv(home, env), stdio: ['ignore', 'pipe', 'inherit']});
	let out = '';
	child.stdout.on('data', (chunk: Buffer) => {
		out += chunk.toString();
	});
	await new Promise(resolve => child.on('close', resolve));
	return JSON.parse(out || '{"runs":0,"failures":[{"code":null,"stderr":"no report"}],"outputs":""}') as LoopReport;
}

describe('a reader and `akhbar refresh` in a loop, together', () => {
	it(`for ${seconds} s: no "database is locked", no read mark or star lost`, async () => {
		const corpus = libraryCorpus({sources: 6, items: 40, seed: 7});
		const served = new Map<number, number>();
		// Every request of a source brings one more item, on top.
		const server = await serveLibrary(corpus, (source, rss) => {
			const count = (served.get(source) ?? 0) + 1;
			served.set(source, count);
			return liveItems(rss, source, count, 5);
		});
		const titles = titleIndex(corpus);
		const home = libraryHome(corpus, server, {home: tempHome('akhbar-library-soak-')});
		try {
			const first = await runCli(['refresh'], {home: home.home, env: home.env, timeoutMs: 60_000});
			expect(first.stderr).not.toMatch(locked);
			expect(first.code).toBe(0);

			const untilMs = Date.now() + seconds * 1000;
			const loop = refreshLoop(home.home, home.env, untilMs);
			// Logical text: titles are read back from the screen as they are in the feed.
			const session = new PtySession({args: ['--bidi', 'terminal', '--shaping', 'off'], cols: 110, rows: 30, home: home.home, env: home.env});
			const seen = new Set<string>();
			const starred = new Set<string>();
			const sourcesMarked: number[] = [];
			let moves = 0;
			try {
				await openSource(session, corpus.sourceName(0), headlineMarks(corpus, 0));
				await session.waitFor(() => itemOnRow(titles, pointerRow(session)) !== undefined, 10_000);
				while (Date.now() < untilMs) {
					let before = pointerRow(session);
					const item = itemOnRow(titles, before);
					// m on an unread headline (its •): the bullet goes, the item is read.
					if (item && moves % 2 === 0 && before?.includes('•')) {
						session.write('m');
						// Other rows may change meanwhile (the reader's own refresh brings items): wait for this one's bullet to go.
						await session.waitFor(() => !(pointerRow(session) ?? '•').includes('•'), 3000);
						before = pointerRow(session);
						expect(itemOnRow(titles, before)).toBe(item);
						seen.add(item);
					}

					if (item && moves % 3 === 0 && !starred.has(item)) {
						session.write('*');
						// Its mark drawn: the star went to the row under the pointer, which is still this one.
						await session.waitFor(() => (pointerRow(session) ?? '').includes('★'), 3000);
						before = pointerRow(session);
						const marked = itemOnRow(titles, before);
						expect(marked).toBe(item);
						starred.add(item);
					}

					moves++;
					// Every 15th move: the whole source read, then on to the next source.
					const key = moves % 15 === 0 ? 'M' : moves % 15 === 1 && moves > 1 ? ']' : 'j';
					if (key === 'M' && item) sourcesMarked.push(Number(item.split('-')[1]));
					session.write(key);
					const moved = await session.waitFor(() => pointerRow(session) !== before, 3000).then(() => true, () => false);
					if (!moved) {
						// The last headline (j goes nowhere) or M changed no row: on to the next source.
						session.write(']');
						await session.waitFor(() => pointerRow(session) !== before, 3000).catch(() => {});
					}

					// The whole frame, not its first rows: the pointer's row is read next.
					await session.settle(20);
				}

				session.write('q');
				expect(await session.exited(15_000)).toBe(0);
			} finally {
				session.kill();
			}

			const report = await loop;
			tally.faults += report.runs;
			console.log(`${report.runs} refreshes beside the reader; ${moves} moves, ${seen.size} marked read with m, ${starred.size} starred, ${sourcesMarked.length} sources marked read`);
			expect(session.output).not.toMatch(locked);
			expect(report.outputs).not.toMatch(locked);
			expect(report.failures).toEqual([]);
			expect(report.runs).toBeGreaterThan(2);
			expect(seen.size).toBeGreaterThan(20);

			const library = openLibrary({path: databaseFile(home.dataDir)});
			try {
				const key = (guid: string) => readingKey(server.feedUrl, guid);
				const unread = [...seen].filter(guid => !library.reading.isRead(key(guid)));
				const unstarred = [...starred].filter(guid => !library.reading.isStarred(key(guid)));
				expect(unread).toEqual([]);
				expect(unstarred).toEqual([]);
				// M marked every item its source had when it was pressed: the corpus's all stay read.
				for (const source of new Set(sourcesMarked)) {
					const items = corpus.sourceItems(source).map(it => it.guid);
					expect(items.filter(guid => !library.reading.isRead(key(guid))), `source ${source}`).toEqual([]);
				}
			} finally {
				library.close();
			}
		} finally {
			await server.close();
		}
	}, (seconds + 90) * 1000);
});
