/**
 * Two akhbar processes at once, each changing preferences and reading state: nothing either
 * one set is lost. Real CLI processes (`prefs set` and `sources add` in two loops), two
 * processes writing reading state in random batches, and two readers in two pseudo-terminals
 * marking different articles read.
 */
import {spawn} from 'node:child_process';
import {existsSync, readFileSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import process from 'node:process';
import Database from 'better-sqlite3';
import {afterAll, describe, expect, it} from 'vitest';
import {PtySession} from '../helpers/pty-session.js';
import {screenText} from '../helpers/xterm-screen.js';
import {cliEnv, cliPath, tempHome} from '../fixtures/hostile/run-cli.js';
import {tally} from '../fixtures/hostile/tally.js';
import {runScript, sourceUrl, tempDir} from '../store/helpers.js';

afterAll(() => {
	tally.report('faults/concurrency');
});

/** Runs `commands` one after another in one child shell-less loop; resolves with the failures. */
async function loop(home: string, commands: string[][]): Promise<string[]> {
	// One Node process runs the CLI as a child per command, like a shell loop would.
	const script = `
const {execFileSync} = require('node:child_process');
const failures = [];
for (const args of ${JSON.stringify(commands)}) {
	try {
		execFileSync(process.execPath, [${JSON.stringify(cliPath)}, ...args], {stdio: 'pipe'});
	} catch (error) {
		failures.push(args.join(' ') + ': ' + String(error.stderr));
	}
}
process.stdout.write(JSON.stringify(failures));
`;
	const child = spawn(process.execPath, ['-e', script], {env: cliEnv(home), stdio: ['ignore', 'pipe', 'inherit']});
	let out = '';
	child.stdout.on('data', (chunk: Buffer) => {
		out += chunk.toString();
	});
	await new Promise(resolve => child.on('close', resolve));
	return JSON.parse(out || '["no output"]') as string[];
}

describe('two CLI processes changing preferences at once', () => {
	it('every source either one added is there, and each one\'s last setting stands', async () => {
		const home = tempHome('akhbar-concurrent-');
		const rounds = 10;
		const a: string[][] = [];
		const b: string[][] = [];
		for (let index = 0; index < rounds; index++) {
			a.push(['sources', 'add', `https://a.example/feed-${index}`], ['prefs', 'set', 'measure', String(30 + index)]);
			b.push(['sources', 'add', `https://b.example/feed-${index}`], ['prefs', 'set', 'headlinesWidth', String(20 + index)]);
		}

		const [failedA, failedB] = await Promise.all([loop(home, a), loop(home, b)]);
		tally.faults += a.length + b.length;
		expect(failedA).toEqual([]);
		expect(failedB).toEqual([]);
		const stored = JSON.parse(readFileSync(path.join(home, 'config', 'akhbar', 'config.json'), 'utf8')) as {
			sources: Array<{url: string}>;
			measure: number;
			headlinesWidth: number;
		};
		const urls = stored.sources.map(source => source.url).sort();
		expect(urls).toEqual([...a, ...b].filter(args => args[0] === 'sources').map(args => args[2]).sort());
		expect(stored.measure).toBe(30 + rounds - 1);
		expect(stored.headlinesWidth).toBe(20 + rounds - 1);
	}, 90_000);
});

describe('two processes writing reading state at once', () => {
	it('each marks 200 articles read in random batches at random times, 20 rounds: nothing is lost', async () => {
		const scripts = tempDir();
		const rounds = 20;
		const count = 200;
		const dirs = Array.from({length: rounds}, () => tempDir());
		// Each round in a fresh folder, both processes starting it together (each waits for the
		// other's flag file); batches of 1 to 8 marks, some with a reading position, written by
		// the store's own timer (1-10 ms) or by an explicit flush, 0-5 ms apart; the last on close.
		const writer = (prefix: string, other: string) => `
			import fs from 'node:fs';
			import path from 'node:path';
			import {openState} from ${JSON.stringify(sourceUrl('state.ts'))};
			const pause = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));
			(async () => {
				for (const dir of ${JSON.stringify(dirs)}) {
					fs.writeFileSync(path.join(dir, 'ready-${prefix}'), '');
					while (!fs.existsSync(path.join(dir, 'ready-${other}'))) await pause(1);
					const state = openState({cwd: dir, delayMs: 1 + Math.floor(Math.random() * 10), flushOnExit: false});
					for (let i = 0; i < ${count};) {
						const batch = 1 + Math.floor(Math.random() * 8);
						for (let k = 0; k < batch && i < ${count}; k++, i++) {
							state.markRead('${prefix}-' + i);
							if (i % 3 === 0) state.setPosition('${prefix}-' + i, {block: i, offset: 1});
						}

						if (Math.random() < 0.3) state.flush();
						await pause(Math.random() * 5);
					}

					state.close();
				}
			})();
		`;
		await Promise.all([runScript(scripts, 'a', writer('a', 'b')), runScript(scripts, 'b', writer('b', 'a'))]);
		const lost: string[] = [];
		for (const [round, dir] of dirs.entries()) {
			const state = JSON.parse(readFileSync(path.join(dir, 'state.json'), 'utf8')) as {
				read: Record<string, string>;
				positions: Record<string, {block: number}>;
			};
			for (const prefix of ['a', 'b']) {
				for (let i = 0; i < count; i++) {
					const key = `${prefix}-${i}`;
					if (!Object.hasOwn(state.read, key)) lost.push(`round ${round}: read ${key}`);
					if (i % 3 === 0 && state.positions[key]?.block !== i) lost.push(`round ${round}: position ${key}`);
				}
			}
		}

		tally.faults += rounds;
		expect(lost).toEqual([]);
	}, 120_000);
});

const feed = `<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>نشرة مشتركة</title><language>ar</language>
${Array.from({length: 8}, (_, index) => `<item><title>خبر رقم ${index + 1} في النشرة</title><guid>item-${index + 1}</guid><description>متن قصير للخبر رقم ${index + 1}.</description></item>`).join('\n')}
</channel></rss>
`;

/** The screen as lines, trailing blanks cut. */
function lines(session: PtySession): string[] {
	return screenText(session.terminal).map(line => line.trimEnd());
}

/** Article n's row in the headlines pane: `• n` while unread, `  n` once read, `◂` at the cursor. */
function row(session: PtySession, n: number): string | undefined {
	const pattern = new RegExp(`[ •] ${n}◂?$`);
	return lines(session).find(line => pattern.test(line));
}

/** The bottom line: the keys of the focused pane (Enter to open in the headlines, Esc back in an article). */
const footer = (session: PtySession) => lines(session).findLast(line => line !== '') ?? '';
const listed = (session: PtySession) => row(session, 1) !== undefined && row(session, 8) !== undefined;
const cursorOn = (session: PtySession, n: number) => row(session, n)?.endsWith('◂') ?? false;
const shownRead = (session: PtySession, n: number) => row(session, n)?.includes(`• ${n}`) === false;
/** Article n is open: the cursor on it, marked read, its title over the article pane. */
const opened = (session: PtySession, n: number) => cursorOn(session, n) && shownRead(session, n)
	&& (lines(session)[0]?.split('│')[0] ?? '').includes(` ${n} `);

/** Sends `keys` and waits until the screen shows `done`; fails saying what did not happen. */
async function send(session: PtySession, keys: string, what: string, done: () => boolean): Promise<void> {
	session.write(keys);
	try {
		await session.waitFor(done, 15_000);
	} catch {
		throw new Error(`${what}: not on the screen after ${JSON.stringify(keys)}:\n${lines(session).join('\n')}`);
	}
}

/** The articles marked read in the state file (none while it does not exist yet). */
/** The numbers of the articles the readers' library holds as read. */
function storedRead(home: string): number[] {
	const file = path.join(home, 'data', 'akhbar', 'library.sqlite');
	if (!existsSync(file)) return [];
	let keys: string[];
	const db = new Database(file, {readonly: true});
	try {
		keys = (db.prepare('SELECT key FROM read_marks').all() as Array<{key: string}>).map(row => row.key);
	} finally {
		db.close();
	}

	return keys.map(key => /item-(\d+)$/.exec(key)?.[1]).filter(Boolean).map(Number).sort((x, y) => x - y);
}

/**
 * Waits until the batched write of article n's mark is in the file (the other reader's writes
 * came before and after it), then checks that nothing written before it was lost.
 */
async function landed(home: string, n: number, expected: number[]): Promise<void> {
	const start = performance.now();
	while (!storedRead(home).includes(n) && performance.now() - start < 15_000) {
		// eslint-disable-next-line no-await-in-loop -- polling
		await new Promise(resolve => setTimeout(resolve, 20));
	}

	expect(storedRead(home), `the library, once article ${n}'s mark was written (or after 15 s without it)`).toEqual(expected);
}

describe('two readers open at once', () => {
	// Each step waits for its key to be acted on (so a key that was not cannot pass for a lost
	// mark) and for its mark to reach the library (so the writes alternate between the two).
	it('each marks different articles read, in turns: the library has them all', async () => {
		const home = tempHome('akhbar-two-readers-');
		const file = path.join(home, 'feed.xml');
		writeFileSync(file, feed);
		const start = () => new PtySession({args: [file], cols: 100, rows: 30, home});
		const first = start();
		const second = start();
		try {
			for (const session of [first, second]) {
				// The headlines, not just any "8": the loading screen shows the feed's path, and
				// a temporary folder's random name has an 8 in it about one time in eleven.
				// eslint-disable-next-line no-await-in-loop -- both must be up
				await session.waitFor(() => listed(session) && cursorOn(session, 1), 15_000);
			}

			// First reader: articles 1, 2, 3 (open, next, next). Second: 5, 6, 7, then 8 marked with `m`.
			await send(second, 'jjjj', 'second reader\'s cursor on 5', () => cursorOn(second, 5));
			await send(first, '\r', 'first reader opened 1', () => opened(first, 1));
			await landed(home, 1, [1]);
			await send(second, '\r', 'second reader opened 5', () => opened(second, 5));
			await landed(home, 5, [1, 5]);
			const marks = [1, 5];
			for (let turn = 0; turn < 2; turn++) {
				for (const [session, name, n] of [[first, 'first', 2 + turn], [second, 'second', 6 + turn]] as const) {
					// eslint-disable-next-line no-await-in-loop -- in turns
					await send(session, 'n', `${name} reader opened ${n}`, () => opened(session, n));
					marks.push(n);
					// eslint-disable-next-line no-await-in-loop -- in turns
					await landed(home, n, marks.toSorted((x, y) => x - y));
				}
			}

			await send(second, '\t', 'second reader\'s headlines pane focused', () => footer(second).includes('Enter'));
			await send(second, 'G', 'second reader\'s cursor on 8', () => cursorOn(second, 8));
			await send(second, 'm', 'second reader marked 8 read', () => shownRead(second, 8));
			await landed(home, 8, [1, 2, 3, 5, 6, 7, 8]);
			first.write('q');
			second.write('q');
			expect(await first.exited()).toBe(0);
			expect(await second.exited()).toBe(0);
			tally.faults += 8;
		} finally {
			first.kill();
			second.kill();
		}

		// Each wrote its own state once more on the way out.
		expect(storedRead(home)).toEqual([1, 2, 3, 5, 6, 7, 8]);
	}, 90_000);
});
