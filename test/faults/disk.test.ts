/**
 * The disk says no: the cache folder cannot be made (a file stands where it should be), or the
 * disk is full (a 64 KB tmpfs; root only — skipped, with the reason, where it cannot be
 * mounted). Reading goes on, and the user gets one line saying why nothing was saved.
 */
import {execFileSync} from 'node:child_process';
import {mkdirSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import process from 'node:process';
import {afterAll, beforeAll, describe, expect, it, type TestContext} from 'vitest';
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

/** A full 64 KB tmpfs on `dir`, or the reason there cannot be one. */
function fullDisk(dir: string): string | undefined {
	mkdirSync(dir, {recursive: true});
	if (process.platform !== 'linux' || process.getuid?.() !== 0) return 'mounting a tmpfs needs root on Linux';
	try {
		execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', dir], {stdio: 'ignore'});
	} catch (error) {
		return `mount refused: ${String(error).split('\n')[0]}`;
	}

	mounts.push(dir);
	try {
		// Fill it, leaving no room for anything.
		writeFileSync(path.join(dir, 'filler'), Buffer.alloc(64 * 1024));
	} catch {
		// ENOSPC: full, as wanted.
	}

	return undefined;
}

/** `fullDisk`, or the test skipped with the reason where the disk cannot be mounted. */
function fullDiskOrSkip(dir: string, context: TestContext): void {
	const reason = fullDisk(dir);
	if (reason) {
		console.warn(`skipped: ${reason}`);
		context.skip();
	}
}

describe('the cache cannot be written', () => {
	it('a file where the cache folder should be: print reads on, one line says why', async () => {
		const home = tempHome('akhbar-disk-');
		mkdirSync(path.join(home, 'cache'), {recursive: true});
		writeFileSync(path.join(home, 'cache', 'akhbar'), 'not a folder');
		tally.faults++;
		const result = await runCli(['print', '--logical', '--headlines', server.url('/feed.xml')], {home});
		expect(printProblems(result)).toEqual([]);
		expect(result.code).toBe(0);
		expect(result.stdout.toString('utf8')).toContain('خبر طويل رقم 60');
		expect(result.stderr.split('\n').filter(Boolean)).toEqual([expect.stringMatching(/^akhbar: cache: could not save a copy in .* \(not a directory\)$/)]);
	});

	it('a full disk under the cache: print reads on, one line says the disk is full', async context => {
		const home = tempHome('akhbar-disk-');
		fullDiskOrSkip(path.join(home, 'cache', 'akhbar'), context);
		tally.faults++;
		const result = await runCli(['print', '--logical', '--headlines', server.url('/feed.xml')], {home});
		expect(printProblems(result)).toEqual([]);
		expect(result.code).toBe(0);
		expect(result.stdout.toString('utf8')).toContain('خبر طويل رقم 60');
		expect(result.stderr.split('\n').filter(Boolean)).toEqual([expect.stringMatching(/^akhbar: cache: could not save a copy in .* \(disk full\)$/)]);
	});

	it('the reader on a full disk: it reads, the status line says why nothing was saved', async context => {
		const home = tempHome('akhbar-disk-');
		fullDiskOrSkip(path.join(home, 'cache', 'akhbar'), context);
		tally.faults++;
		const session = new PtySession({args: [server.url('/feed.xml'), '--bidi', 'terminal', '--shaping', 'off'], cols: 120, rows: 30, home});
		try {
			await session.waitFor(() => screenText(session.terminal).join('\n').includes('خبر طويل رقم 1'), 15_000);
			await session.settle(100);
			expect(screenText(session.terminal).join('\n')).toMatch(/cache: could not save a copy .*disk full|disk full/);
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
