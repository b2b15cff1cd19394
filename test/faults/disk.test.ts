/**
 * The disk says no: the library's folder (the data folder, where saved copies live) cannot be
 * made (a file stands where it should be), or the disk is full (a 64 KB tmpfs; root only — skipped, with the reason, where it cannot be
 * mounted). Reading goes on, and the user gets one line saying why nothing was saved.
 */
import {execFileSync} from 'node:child_process';
import {mkdirSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import process from 'node:process';
import {afterAll, beforeAll, describe, expect, it, type TestContext} from 'vitest';
import {openLibrary} from '../../source/library/index.js';
import {startServer, type TestServer} from '../helpers/http-server.js';
import {PtySession} from '../helpers/pty-session.js';
import {screenText} from '../helpers/xterm-screen.js';
import {printProblems, runCli, tempHome} from '../fixtures/hostile/run-cli.js';
import {tally} from '../fixtures/hostile/tally.js';

/** About 200 KB: more than the tiny disk holds. */
const feed = `<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>نشرة كبيرة</title><language>ar</language>
${Array.from({length: 60}, (_, index) => `<item><title>خبر طويل رقم ${index + 1}</title><guid>big-${index + 1}</guid><description>${'جملة تتكرر في متن هذا الخبر الطويل. '.repeat(60)}</description></item>`).join('\n')}
</channel></rss>
`;

let server: TestServer;
const mounts: string[] = [];

beforeAll(async () => {
	server = await startServer({
		'/feed.xml': (_, response) => {
			response.writeHead(200, {'content-type': 'application/rss+xml; charset=utf-8'}).end(feed);
		},
	});
});

afterAll(async () => {
	await server.close();
	for (const dir of mounts) {
		try {
			execFileSync('umount', [dir], {stdio: 'ignore'});
		} catch {
			// Already gone.
		}
	}

	tally.report('faults/disk');
});

/**
 * A full tmpfs on `dir` (64 KB; 1 MB when `before` makes a library on it before it is filled),
 * or the reason there cannot be one.
 */
function fullDisk(dir: string, before?: () => void): string | undefined {
	mkdirSync(dir, {recursive: true});
	if (process.platform !== 'linux' || process.getuid?.() !== 0) return 'mounting a tmpfs needs root on Linux';
	try {
		execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${before ? '1m' : '64k'}`, 'tmpfs', dir], {stdio: 'ignore'});
	} catch (error) {
		return `mount refused: ${String(error).split('\n')[0]}`;
	}

	mounts.push(dir);
	before?.();
	try {
		// Fill it, leaving no room for anything.
		writeFileSync(path.join(dir, 'filler'), Buffer.alloc(1024 * 1024));
	} catch {
		// ENOSPC: full, as wanted.
	}

	return undefined;
}

/** `fullDisk`, or the test skipped with the reason where the disk cannot be mounted. */
function fullDiskOrSkip(dir: string, context: TestContext, before?: () => void): void {
	const reason = fullDisk(dir, before);
	if (reason) {
		console.warn(`skipped: ${reason}`);
		context.skip();
	}
}

describe('the library cannot be written', () => {
	it('a file where the library\'s folder should be: print reads on, one line says why', async () => {
		const home = tempHome('akhbar-disk-');
		mkdirSync(path.join(home, 'data'), {recursive: true});
		writeFileSync(path.join(home, 'data', 'akhbar'), 'not a folder');
		tally.faults++;
		const result = await runCli(['print', '--logical', '--headlines', server.url('/feed.xml')], {home});
		expect(printProblems(result)).toEqual([]);
		expect(result.code).toBe(0);
		expect(result.stdout.toString('utf8')).toContain('خبر طويل رقم 60');
		expect(result.stderr.split('\n').filter(Boolean)).toEqual([expect.stringMatching(/^akhbar: cannot open the library .*library\.sqlite \(not a directory\); nothing will be saved this session$/)]);
	});

	it('a full disk under the library: print reads on, one line says the disk is full', async context => {
		const home = tempHome('akhbar-disk-');
		fullDiskOrSkip(path.join(home, 'data', 'akhbar'), context);
		tally.faults++;
		const result = await runCli(['print', '--logical', '--headlines', server.url('/feed.xml')], {home});
		expect(printProblems(result)).toEqual([]);
		expect(result.code).toBe(0);
		expect(result.stdout.toString('utf8')).toContain('خبر طويل رقم 60');
		expect(result.stderr.split('\n').filter(Boolean)).toEqual([expect.stringMatching(/^akhbar: cannot open the library .* \(disk full\); nothing will be saved this session$/)]);
	});

	it('the disk filled after the library was made: print reads on, each line says the disk is full', async context => {
		const home = tempHome('akhbar-disk-');
		const dataDir = path.join(home, 'data', 'akhbar');
		fullDiskOrSkip(dataDir, context, () => {
			const library = openLibrary({path: path.join(dataDir, 'library.sqlite'), legacy: false, flushOnExit: false});
			library.reading.markRead('big-1');
			library.close();
		});
		tally.faults++;
		const result = await runCli(['print', '--logical', '--headlines', server.url('/feed.xml')], {home});
		expect(printProblems(result)).toEqual([]);
		expect(result.code).toBe(0);
		expect(result.stdout.toString('utf8')).toContain('خبر طويل رقم 60');
		expect(result.stderr.split('\n').filter(Boolean)).toEqual([
			expect.stringMatching(/^akhbar: cache: could not save a copy in .* \(disk full\)$/),
			expect.stringMatching(/^akhbar: cannot write to the library .* \(disk full\); reading what it holds$/),
		]);
	});

	it('the reader on a full disk: it reads, the status line says why nothing was saved', async context => {
		const home = tempHome('akhbar-disk-');
		fullDiskOrSkip(path.join(home, 'data', 'akhbar'), context);
		tally.faults++;
		const session = new PtySession({args: [server.url('/feed.xml'), '--bidi', 'terminal', '--shaping', 'off'], cols: 120, rows: 30, home});
		try {
			await session.waitFor(() => screenText(session.terminal).join('\n').includes('خبر طويل رقم 1'), 15_000);
			await session.settle(100);
			expect(screenText(session.terminal).join('\n')).toMatch(/disk full/);
			session.write('\r');
			await session.waitFor(() => screenText(session.terminal).join('\n').includes('جملة تتكرر'), 5000);
			session.write('q');
			expect(await session.exited()).toBe(0);
		} finally {
			session.kill();
		}
	}, 30_000);

	it('preferences on a full disk: a change is refused in one line, reading goes on', async context => {
		const home = tempHome('akhbar-disk-');
		const configDir = path.join(home, 'config', 'akhbar');
		fullDiskOrSkip(configDir, context);
		tally.faults++;
		const set = await runCli(['prefs', 'set', 'digits', 'arabic'], {home});
		expect(set.code).toBe(1);
		expect(set.stderr.split('\n').filter(Boolean)).toEqual([expect.stringMatching(/^akhbar: cannot save preferences to .*config\.json: ENOSPC$/)]);
		const print = await runCli(['print', '--logical', '--headlines', server.url('/feed.xml')], {home});
		expect(printProblems(print)).toEqual([]);
		expect(print.code).toBe(0);
		expect(print.stdout.toString('utf8')).toContain('خبر طويل رقم 60');
	});
});
