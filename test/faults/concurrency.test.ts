/**
 * Two akhbar processes at once, each changing preferences and reading state: nothing either
 * one set is lost. Real CLI processes (`prefs set` and `sources add` in two loops) and two
 * readers in two pseudo-terminals marking different articles read.
 */
import {spawn} from 'node:child_process';
import {readFileSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import process from 'node:process';
import {afterAll, describe, expect, it} from 'vitest';
import {PtySession} from '../helpers/pty-session.js';
import {screenText} from '../helpers/xterm-screen.js';
import {cliEnv, cliPath, tempHome} from '../fixtures/hostile/run-cli.js';
import {tally} from '../fixtures/hostile/tally.js';

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

const feed = `<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>نشرة مشتركة</title><language>ar</language>
${Array.from({length: 8}, (_, index) => `<item><title>خبر رقم ${index + 1} في النشرة</title><guid>item-${index + 1}</guid><description>متن قصير للخبر رقم ${index + 1}.</description></item>`).join('\n')}
</channel></rss>
`;

async function press(session: PtySession, keys: string): Promise<void> {
	const before = session.bytes;
	session.write(keys);
	const start = performance.now();
	while (session.bytes === before && performance.now() - start < 1000) {
		// eslint-disable-next-line no-await-in-loop -- polling
		await new Promise(resolve => setTimeout(resolve, 10));
	}

	await session.settle(40, 3000);
}

describe('two readers open at once', () => {
	it('each marks different articles read, in turns: the state file has them all', async () => {
		const home = tempHome('akhbar-two-readers-');
		const file = path.join(home, 'feed.xml');
		writeFileSync(file, feed);
		const start = () => new PtySession({args: [file], cols: 100, rows: 30, home});
		const first = start();
		const second = start();
		try {
			for (const session of [first, second]) {
				// eslint-disable-next-line no-await-in-loop -- both must be up
				await session.waitFor(() => /8/.test(screenText(session.terminal).join('\n')), 15_000);
			}

			// First reader: articles 1, 2, 3 (open, next, next). Second: 5, 6, 7, then 8 marked with `m`.
			await press(second, 'jjjj');
			await press(first, '\r');
			await press(second, '\r');
			for (let turn = 0; turn < 2; turn++) {
				// eslint-disable-next-line no-await-in-loop -- in turns
				await press(first, 'n');
				// Between turns, let a batched write land so the two interleave on disk.
				// eslint-disable-next-line no-await-in-loop -- in turns
				await new Promise(resolve => setTimeout(resolve, 300));
				// eslint-disable-next-line no-await-in-loop -- in turns
				await press(second, 'n');
			}

			await press(second, '\t');
			await press(second, 'G');
			await press(second, 'm');
			first.write('q');
			second.write('q');
			expect(await first.exited()).toBe(0);
			expect(await second.exited()).toBe(0);
			tally.faults += 8;
		} finally {
			first.kill();
			second.kill();
		}

		const state = JSON.parse(readFileSync(path.join(home, 'config', 'akhbar', 'state.json'), 'utf8')) as {read: Record<string, string>};
		const read = Object.keys(state.read).map(key => /item-(\d+)/.exec(key)?.[1]).filter(Boolean).map(Number).sort((x, y) => x - y);
		expect(read).toEqual([1, 2, 3, 5, 6, 7, 8]);
	}, 60_000);
});
