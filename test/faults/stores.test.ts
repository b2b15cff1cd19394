/**
 * Damaged preferences and reading-state files (the latter imported into the library), end to end: the real CLI (`print`, and the
 * reader in a pty) started with each broken file in a temporary XDG_CONFIG_HOME. It starts,
 * says what happened once, keeps the bad file aside, and keeps every valid setting.
 */
import {chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync} from 'node:fs';
import {execFileSync} from 'node:child_process';
import path from 'node:path';
import process from 'node:process';
import Database from 'better-sqlite3';
import {afterAll, describe, expect, it} from 'vitest';
import {fitLine} from '../../source/text/layout.js';
import {defaultTextOptions} from '../../source/text/options.js';
import {PtySession} from '../helpers/pty-session.js';
import {screenText} from '../helpers/xterm-screen.js';
import {printProblems, runCli, tempHome} from '../fixtures/hostile/run-cli.js';
import {tally} from '../fixtures/hostile/tally.js';

afterAll(() => {
	tally.report('faults/stores');
});

/** A small feed whose headlines are numbered, so the digit style shows. */
const feed = `<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>نشرة الاختبار</title><language>ar</language>
<item><title>الخبر الأول عن المطر</title><guid>k1</guid><description>نص قصير عن المطر في المدينة.</description></item>
<item><title>الخبر الثاني عن السوق</title><guid>k2</guid><description>نص قصير عن السوق القديم.</description></item>
<item><title>الخبر الثالث عن القطار</title><guid>k3</guid><description>نص قصير عن القطار الجديد.</description></item>
</channel></rss>
`;

function setup(files: Record<string, string | 'directory'>): {home: string; configDir: string; feedFile: string} {
	const home = tempHome('akhbar-stores-');
	const configDir = path.join(home, 'config', 'akhbar');
	mkdirSync(configDir, {recursive: true});
	for (const [name, content] of Object.entries(files)) {
		if (content === 'directory') mkdirSync(path.join(configDir, name));
		else writeFileSync(path.join(configDir, name), content);
	}

	const feedFile = path.join(home, 'feed.xml');
	writeFileSync(feedFile, feed);
	return {home, configDir, feedFile};
}

/**
 * Makes `dir` read-only even for root: chmod for a user, a read-only tmpfs holding a copy of
 * its files for root. Returns how to undo it, or undefined (and says why) when it cannot.
 */
function readOnly(dir: string): (() => void) | undefined {
	if (process.getuid?.() !== 0) {
		chmodSync(dir, 0o555);
		return () => chmodSync(dir, 0o755);
	}

	const files = readdirSync(dir).map(name => [name, readFileSync(path.join(dir, name))] as const);
	try {
		execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', dir], {stdio: 'ignore'});
	} catch {
		console.warn(`skipped: running as root and cannot mount a read-only tmpfs on ${dir}`);
		return undefined;
	}

	for (const [name, bytes] of files) writeFileSync(path.join(dir, name), bytes);
	execFileSync('mount', ['-o', 'remount,ro', dir]);
	return () => execFileSync('umount', [dir]);
}

const asideFiles = (dir: string, name: string) => readdirSync(dir).filter(file => file.startsWith(`${name}.bad-`));

type Case = {
	name: string;
	content: string | 'directory';
	/** The notice, one line on stderr. */
	notice: RegExp | undefined;
	/** Is the Arabic-Indic digit setting (a valid key in the file) still in force? */
	keepsDigits: boolean;
	/** Does the bad file go aside (with its bytes)? */
	aside: boolean;
};

const prefsCases: Case[] = [
	{name: 'empty', content: '', notice: /preferences file was empty: started afresh/, keepsDigits: false, aside: false},
	{name: 'whitespace only', content: ' \n\t\n', notice: /preferences file was empty/, keepsDigits: false, aside: false},
	{name: 'invalid JSON', content: '{"digits": "arabic", "shaping": fa', notice: /damaged \(invalid JSON\): moved it to .*config\.json\.bad-/, keepsDigits: false, aside: true},
	{name: 'not an object', content: '["digits", "arabic"]', notice: /damaged \(not a JSON object\)/, keepsDigits: false, aside: true},
	{name: 'schema violations beside valid keys', content: '{"digits": "arabic", "measure": "wide", "theme": 7, "shaping": "yes"}', notice: /damaged \(invalid values\): moved it to .*; kept digits; reset .*measure.*to default/, keepsDigits: true, aside: true},
	{name: 'a bad source among good ones', content: '{"digits": "arabic", "sources": [{"url": "https://ok.example/feed"}, {"url": "javascript:alert(1)"}, {"url": "https://x.example/\\u001b]0;t\\u0007"}]}', notice: /kept digits, sources \(dropped bad entries of sources\)/, keepsDigits: true, aside: true},
	{name: 'unknown keys only', content: '{"digits": "arabic", "fromTheFuture": {"a": 1}}', notice: undefined, keepsDigits: true, aside: false},
	{name: 'a directory', content: 'directory', notice: /preferences file .*config\.json is a directory; using defaults, nothing will be saved this session/, keepsDigits: false, aside: false},
	{name: 'a control sequence in a key', content: '{"digits": "arabic", "\\u001b]0;evil\\u0007": 1, "measure": -5}', notice: /kept digits; reset measure/, keepsDigits: true, aside: true},
];

describe('print with a damaged preferences file', () => {
	it.each(prefsCases.map(fault => [fault.name, fault] as const))('%s', async (_, fault) => {
		const {home, configDir, feedFile} = setup({'config.json': fault.content});
		tally.faults++;
		const first = await runCli(['print', '--logical', '--headlines', feedFile], {home});
		expect(printProblems(first)).toEqual([]);
		expect(first.code).toBe(0);
		const lines = first.stderr.split('\n').filter(Boolean);
		if (fault.notice) {
			expect(lines).toHaveLength(1);
			expect(lines[0]).toMatch(fault.notice);
		} else {
			expect(lines).toEqual([]);
		}

		const out = first.stdout.toString('utf8');
		expect(out.includes('١.')).toBe(fault.keepsDigits);
		expect(out).toContain('الخبر الأول عن المطر');
		const aside = asideFiles(configDir, 'config.json');
		expect(aside).toHaveLength(fault.aside ? 1 : 0);
		if (fault.aside) expect(readFileSync(path.join(configDir, aside[0]!), 'utf8')).toBe(fault.content);

		// Said once: the next start finds a healthy file (or, for a directory, says it again:
		// nothing could be fixed) and the kept settings are still there.
		const second = await runCli(['print', '--logical', '--headlines', feedFile], {home});
		expect(second.code).toBe(0);
		expect(second.stderr === '').toBe(fault.content !== 'directory');
		expect(second.stdout.toString('utf8').includes('١.')).toBe(fault.keepsDigits);
	});

	it('a read-only preferences file is read, and a change to it is refused in one line', async () => {
		const {home, configDir, feedFile} = setup({'config.json': '{"digits": "arabic"}'});
		chmodSync(path.join(configDir, 'config.json'), 0o444);
		tally.faults++;
		const result = await runCli(['print', '--logical', '--headlines', feedFile], {home});
		expect(printProblems(result)).toEqual([]);
		expect(result.stderr).toBe('');
		expect(result.stdout.toString('utf8')).toContain('١.');
		const set = await runCli(['prefs', 'set', 'measure', '60'], {home});
		expect(set.code).toBe(1);
		expect(set.stderr.split('\n').filter(Boolean)).toEqual([expect.stringMatching(/^akhbar: cannot save preferences: .*config\.json is read-only$/)]);
		expect(JSON.parse(readFileSync(path.join(configDir, 'config.json'), 'utf8'))).toEqual({digits: 'arabic'});
	});

	it('a read-only config folder with a damaged file: runs on the valid keys and says nothing will be saved', async () => {
		const {home, configDir, feedFile} = setup({'config.json': '{"digits": "arabic", "measure": "x"}'});
		// Root ignores permissions: make the folder truly read-only with a read-only mount.
		const unmount = readOnly(configDir);
		if (!unmount) return;
		tally.faults++;
		try {
			const result = await runCli(['print', '--logical', '--headlines', feedFile], {home});
			expect(printProblems(result)).toEqual([]);
			expect(result.code).toBe(0);
			const lines = result.stderr.split('\n').filter(Boolean);
			expect(lines).toHaveLength(1);
			expect(lines[0]).toMatch(/damaged \(invalid values\) and cannot be moved aside .*nothing will be saved this session/);
			// The valid key is still used for this session.
			expect(result.stdout.toString('utf8')).toContain('١.');
		} finally {
			unmount();
		}
	});
});

/** Starts the reader on the feed; resolves once the headlines are drawn. */
async function startReader(home: string, feedFile: string): Promise<PtySession> {
	// Wide enough for the notice's start whatever the temporary folder's path is.
	const session = new PtySession({args: [feedFile], cols: 160, rows: 30, home});
	// The third headline, shaped as drawn. (Its number alone is not enough: the loading screen
	// shows the feed's path, in the chosen digits, and a temporary folder's name may hold a 3.)
	const third = fitLine('الخبر الثالث عن القطار', 30, defaultTextOptions, 'left').trim();
	await session.waitFor(() => screenText(session.terminal).join('\n').includes(third), 15_000);
	await session.settle(100);
	return session;
}

/**
 * The reading state file of earlier versions, damaged: the reader imports it into the library
 * once (what is valid), keeps it aside as state.json.imported, and says so on the status line.
 */
const stateCases: Array<{name: string; content: string | 'directory'; notice: RegExp; keepsRead: boolean; aside: boolean}> = [
	{name: 'empty', content: '', notice: /reading state: .* was empty, nothing imported/, keepsRead: false, aside: true},
	{name: 'invalid JSON', content: '{"read": {"k1": "2026-11-01T00:00:00.000Z"', notice: /reading state: .* was damaged \(invalid JSON\)/, keepsRead: false, aside: true},
	{name: 'schema violations beside valid keys', content: '{"read": {"k1": "2026-11-01T00:00:00.000Z", "k2": 5}, "last": 7, "positions": "none"}', notice: /reading state: imported 1 read mark/, keepsRead: true, aside: true},
	{name: 'a directory', content: 'directory', notice: /reading state/, keepsRead: false, aside: false},
];

/** The keys the library holds as read. */
function libraryReadKeys(home: string): string[] {
	const file = path.join(home, 'data', 'akhbar', 'library.sqlite');
	const db = new Database(file, {readonly: true});
	try {
		return (db.prepare('SELECT key FROM read_marks').all() as Array<{key: string}>).map(row => row.key);
	} finally {
		db.close();
	}
}

describe('the reader with damaged files', () => {
	it.each(stateCases.map(fault => [fault.name, fault] as const))('state file: %s — starts, tells, keeps what was valid', async (_, fault) => {
		const {home, configDir, feedFile} = setup({'state.json': fault.content, 'config.json': '{"digits": "arabic"}'});
		tally.faults++;
		const session = await startReader(home, feedFile);
		try {
			const screen = screenText(session.terminal).join('\n');
			// The notice is on the status line (which may cut it: its start is enough).
			// A folder named state.json holds nothing to import: nothing to say.
			if (fault.content !== 'directory') expect(screen).toMatch(new RegExp(fault.notice.source.slice(0, 25)));
			// Arabic-Indic digits: the valid preference survived.
			expect(screen).toMatch(/[١٢٣]/);
			session.write('q');
			expect(await session.exited()).toBe(0);
		} finally {
			session.kill();
		}

		expect(existsSync(path.join(configDir, 'state.json.imported'))).toBe(fault.aside);
		if (fault.content !== 'directory') expect(readFileSync(path.join(configDir, 'state.json.imported'), 'utf8')).toBe(fault.content);
		expect(asideFiles(configDir, 'config.json')).toHaveLength(0);
		expect(libraryReadKeys(home).includes('k1')).toBe(fault.keepsRead);
	}, 40_000);

	it('a damaged preferences file: the reader starts, tells, keeps the valid setting; said once', async () => {
		const {home, configDir, feedFile} = setup({'config.json': '{"digits": "arabic", "measure": [], "theme": "neon"}'});
		tally.faults++;
		for (const run of [1, 2]) {
			// eslint-disable-next-line no-await-in-loop -- one run after the other
			const session = await startReader(home, feedFile);
			try {
				const screen = screenText(session.terminal).join('\n');
				expect(/preferences file was damaged/.test(screen)).toBe(run === 1);
				expect(screen).toMatch(/[١٢٣]/);
				session.write('q');
				// eslint-disable-next-line no-await-in-loop -- one run after the other
				expect(await session.exited()).toBe(0);
			} finally {
				session.kill();
			}
		}

		expect(asideFiles(configDir, 'config.json')).toHaveLength(1);
		expect(JSON.parse(readFileSync(path.join(configDir, 'config.json'), 'utf8'))).toEqual({digits: 'arabic'});
	}, 40_000);

	it('a read-only preferences file: the reader reads it, and a change in settings says once why it is not saved', async () => {
		const content = '{"digits": "arabic"}';
		const {home, configDir, feedFile} = setup({'config.json': content});
		chmodSync(path.join(configDir, 'config.json'), 0o444);
		tally.faults++;
		const session = await startReader(home, feedFile);
		try {
			expect(screenText(session.terminal).join('\n')).toMatch(/[١٢٣]/);
			// Settings, then change the first row (shaping).
			session.write('s');
			await session.settle(100);
			session.write('\r');
			await session.waitFor(() => screenText(session.terminal).join('\n').includes('cannot save preferences'), 5000);
			const notices = screenText(session.terminal).filter(row => row.includes('cannot save preferences'));
			expect(notices).toHaveLength(1);
			session.write('q');
			session.write('q');
			expect(await session.exited()).toBe(0);
		} finally {
			session.kill();
		}

		expect(readFileSync(path.join(configDir, 'config.json'), 'utf8')).toBe(content);
	}, 40_000);

	it('a read-only state file: the reader imports it and keeps it aside unchanged', async () => {
		const content = '{"read": {"k1": "2026-11-01T00:00:00.000Z"}}';
		const {home, configDir, feedFile} = setup({'state.json': content});
		chmodSync(path.join(configDir, 'state.json'), 0o444);
		tally.faults++;
		const session = await startReader(home, feedFile);
		try {
			session.write('\r');
			await session.settle(200);
			session.write('q');
			expect(await session.exited()).toBe(0);
		} finally {
			session.kill();
		}

		expect(readFileSync(path.join(configDir, 'state.json.imported'), 'utf8')).toBe(content);
		expect(existsSync(path.join(configDir, 'state.json.lock'))).toBe(false);
		expect(libraryReadKeys(home)).toContain('k1');
	}, 40_000);
});
