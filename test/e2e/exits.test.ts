/**
 * The ways in and out of the reader that the other end-to-end tests do not take: a resize
 * while suspended under a shell with job control, Ctrl+C typed as a key, an exception and a
 * rejected promise nobody handled, and the three cases where akhbar prints instead of opening
 * the reader (stdout not a terminal, TERM=dumb, no terminal to read keys from).
 */
import {execFileSync} from 'node:child_process';
import {existsSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {afterAll, afterEach, beforeAll, describe, expect, it} from 'vitest';
import {fitLine} from '../../source/text/layout.js';
import {defaultTextOptions} from '../../source/text/options.js';
import {cellWidth} from '../../source/text/width.js';
import {entryArgs, start, type Screen, type StartOptions} from './helpers/pty.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const fromSource = process.env['AKHBAR_E2E_SOURCE'] === '1';
const quote = (word: string) => `'${word.replaceAll('\'', '\'\\\'\'')}'`;
const command = [process.execPath, ...entryArgs(fromSource)].map(quote).join(' ');

let folder: string;
let feed: string;
let crash: string;
beforeAll(() => {
	if (!fromSource && !existsSync(path.join(root, 'dist/cli.js'))) {
		execFileSync(process.execPath, ['test/build.mjs'], {cwd: root});
	}

	folder = mkdtempSync(path.join(tmpdir(), 'akhbar-exits-'));
	feed = path.join(folder, 'feed.xml');
	writeFileSync(feed, `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>نشرة المخارج</title><link>https://exits.example/</link><language>ar</language>
<item><title>خبر عن الأبواب المفتوحة</title><link>https://exits.example/1</link><guid>e1</guid><description>نص قصير عن الأبواب.</description></item>
</channel></rss>`);
	// Loaded before the reader: SIGUSR2 makes it fail the way a bug would.
	crash = path.join(folder, 'crash.mjs');
	writeFileSync(crash, `process.on('SIGUSR2', () => {
	if (process.env.AKHBAR_TEST_CRASH === 'reject') Promise.reject(new Error('rejected by the test'));
	else throw new Error('thrown by the test');
});
`);
});

afterAll(() => {
	rmSync(folder, {recursive: true, force: true});
});

let screen: Screen | undefined;
afterEach(() => {
	screen?.dispose();
	screen = undefined;
});

function run(options: Partial<StartOptions>): Screen {
	screen = start({args: [], fromSource, columns: 100, rows: 30, ...options});
	return screen;
}

function shown(text: string): string {
	return fitLine(text, cellWidth(text) + 2, defaultTextOptions, 'left').trimEnd();
}

const drawn = (s: Screen) => s.text().includes('◂') && s.rows()[s.rows().length - 1]!.trim() !== '';
const twoPanes = (s: Screen) => drawn(s) && s.cells(0).includes('│');
const onePane = (s: Screen) => drawn(s) && !s.text().includes('│');
const enterAlt = '\u001B[?1049h';

describe('leaving and coming back', () => {
	it('a resize while suspended (the shell got the SIGWINCH) is followed on fg', async () => {
		const s = run({shell: 'PS1="$ " exec bash --norc --noprofile -i'});
		await s.waitFor(current => current.text().includes('$'), 'the shell prompt');
		s.write(`${command} --demo\r`);
		await s.waitFor(twoPanes, 'two panes at 100 columns');
		s.write('\u001A');
		await s.waitFor(current => current.bufferType() === 'normal' && current.text().includes('Stopped'), 'the shell after Ctrl+Z');
		s.resize(80, 24);
		s.write('fg\r');
		await s.waitFor(current => current.bufferType() === 'alternate' && onePane(current), 'one pane at 80 columns');
		await s.settle();
		expect(s.rows()).toHaveLength(24);
		expect(s.rows()[23]!.trim()).not.toBe('');
		s.write('q');
		await s.waitFor(current => current.bufferType() === 'normal', 'the shell again');
	});

	it('Ctrl+C typed as a key quits and restores the terminal', async () => {
		const s = run({args: ['--demo']});
		await s.waitFor(twoPanes, 'two panes');
		s.write('\u0003');
		expect(await s.waitForExit()).toBe(0);
		expect(s.bufferType()).toBe('normal');
		expect(s.cursorHidden()).toBe(false);
	});

	it.each([
		['an uncaught exception', 'throw', 'thrown by the test'],
		['an unhandled rejection', 'reject', 'rejected by the test'],
	])('%s restores the terminal, then says what happened in one line', async (_, how, message) => {
		const s = run({args: ['--demo'], env: {NODE_OPTIONS: `--import ${crash}`, AKHBAR_TEST_CRASH: how}});
		await s.waitFor(twoPanes, 'two panes');
		s.kill('SIGUSR2');
		expect(await s.waitForExit()).toBe(1);
		expect(s.bufferType()).toBe('normal');
		expect(s.cursorHidden()).toBe(false);
		expect(s.text()).toContain(`akhbar: ${message}`);
		// The terminal's own bidi is given back, as on a normal exit.
		expect(s.output()).toContain('\u001B[8h');
	});
});

describe('printing instead of the reader', () => {
	it('stdout on a pipe: prints, with a one-line note', async () => {
		const s = run({shell: `${command} ${quote(feed)} | cat`});
		expect(await s.waitForExit()).toBe(0);
		expect(s.output()).not.toContain(enterAlt);
		expect(s.text()).toContain('akhbar: not a terminal, printing instead');
		expect(s.text()).toContain(shown('الأبواب المفتوحة'));
	});

	it('TERM=dumb: prints, with a one-line note', async () => {
		// node-pty sets TERM from its own option, so the shell sets it for the child.
		const s = run({shell: `TERM=dumb exec ${command} ${quote(feed)}`});
		expect(await s.waitForExit()).toBe(0);
		expect(s.output()).not.toContain(enterAlt);
		expect(s.text()).toContain('akhbar: not a terminal, printing instead');
		expect(s.text()).toContain(shown('الأبواب المفتوحة'));
	});

	it('the source on stdin and no terminal to read keys from: prints, no raw-mode crash', async () => {
		const s = run({shell: `cat ${quote(feed)} | setsid -w ${command} -`});
		expect(await s.waitForExit()).toBe(0);
		expect(s.output()).not.toContain(enterAlt);
		expect(s.text()).not.toMatch(/raw mode/i);
		expect(s.text()).toContain('akhbar: not a terminal, printing instead');
		expect(s.text()).toContain(shown('الأبواب المفتوحة'));
	});
});
