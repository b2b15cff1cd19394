/**
 * The CLI as a user meets it, the built dist/cli.js run for real: a source's own name in the
 * reader, times in the user's zone (TZ), the commands' own output laid out on a terminal and
 * left logical in a pipe, and help and version for every command.
 */
import {execFileSync} from 'node:child_process';
import {existsSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {afterEach, beforeAll, describe, expect, it} from 'vitest';
import {runCli, tempHome, type CliResult} from '../fixtures/hostile/run-cli.js';
import {fitLine} from '../../source/text/layout.js';
import {defaultTextOptions} from '../../source/text/options.js';
import {cellWidth} from '../../source/text/width.js';
import {start, type Screen} from './helpers/pty.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const fixture = (name: string) => path.join(root, 'test/fixtures', name);
const out = (result: CliResult) => result.stdout.toString('utf8');

beforeAll(() => {
	if (!existsSync(path.join(root, 'dist/cli.js'))) execFileSync(process.execPath, ['test/build.mjs'], {cwd: root});
});

const homes: string[] = [];
let screens: Screen[] = [];
function home(): string {
	const made = tempHome('akhbar-cli-');
	homes.push(made);
	return made;
}

afterEach(() => {
	for (const screen of screens) screen.dispose();
	screens = [];
	for (const made of homes.splice(0)) rmSync(made, {recursive: true, force: true});
});

function run(args: string[], options: {home: string; env?: Record<string, string>; columns?: number; rows?: number}): Screen {
	const screen = start({args, home: options.home, env: options.env, columns: options.columns ?? 100, rows: options.rows ?? 30});
	screens.push(screen);
	return screen;
}

/** How `text` looks once shaped and reordered. */
function shown(text: string): string {
	return fitLine(text, cellWidth(text) + 2, defaultTextOptions, 'left').trimEnd();
}

/** What a command leaves on a terminal once it has exited, blank rows at the end left out. */
async function onTerminal(args: string[], options: {home: string; env?: Record<string, string>; columns?: number; rows?: number}): Promise<string[]> {
	const screen = run(args, options);
	expect(await screen.waitForExit()).toBe(0);
	const rows = screen.rows().map(row => row.trimEnd());
	while (rows.length > 0 && rows.at(-1) === '') rows.pop();
	return rows;
}

const ready = (s: Screen) => s.text().includes('◂') && s.rows()[s.rows().length - 2]!.trim() !== '';

describe('a name given with sources add --name', () => {
	it('names the source in the reader, over the feed’s own title', async () => {
		const dir = home();
		expect((await runCli(['sources', 'add', fixture('feeds/atom.xml'), '--name', 'بحري'], {home: dir})).code).toBe(0);
		const s = run([], {home: dir});
		await s.waitFor(screen => ready(screen) && screen.text().includes(shown('بحري')), 'the reader with the source’s name');
		// In the headlines' header and in the open article's meta line, never the feed's title.
		expect(s.rows()[0]).toContain(shown('بحري'));
		expect(s.text()).not.toContain(shown('مدونة الساحل'));
		s.write('\r');
		await s.waitFor(screen => screen.text().includes(shown('ليلى بن عمر')), 'the article’s meta line');
		const meta = s.rows().find(row => row.includes(shown('ليلى بن عمر')));
		expect(meta, s.text()).toContain(shown('بحري'));
		expect(s.text()).not.toContain(shown('مدونة الساحل'));
		s.write('q');
		expect(await s.waitForExit()).toBe(0);
	});

	it('and in print', async () => {
		const dir = home();
		await runCli(['sources', 'add', fixture('feeds/atom.xml'), '--name', 'الساحل اليوم'], {home: dir});
		const printed = out(await runCli(['print', '--logical', '--article', '1'], {home: dir}));
		expect(printed).toContain('الساحل اليوم · ليلى بن عمر');
		expect(printed).not.toContain('مدونة الساحل');
	});
});

/** A feed of one item published `ago` ms before now (or at `date`). */
function feedFile(dir: string, date: string): string {
	const file = path.join(dir, 'feed.xml');
	writeFileSync(file, `<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>وقت</title><language>ar</language>
<item><title>خبر الساعة</title><link>https://time.example/1</link><guid>t1</guid><pubDate>${date}</pubDate>
<description>نص الخبر.</description></item></channel></rss>`);
	return file;
}

describe('times', () => {
	it('print writes the local time of TZ, never UTC unlabelled: pubDate 09:39:20 +0300', async () => {
		const dir = home();
		const winter = feedFile(dir, 'Sun, 06 Dec 2026 09:39:20 +0300');
		const at = async (tz: string) => out(await runCli(['print', '--logical', '--article', '1', winter], {home: dir, env: {TZ: tz}}));
		expect(await at('Asia/Riyadh')).toContain('2026-12-06 09:39');
		expect(await at('America/New_York')).toContain('2026-12-06 01:39');
		expect(await at('UTC')).toContain('2026-12-06 06:39');
		expect(await at('Asia/Kolkata')).toContain('2026-12-06 12:09');
		// Summer time: New York is 4 hours behind UTC in July, 5 in December.
		const summer = feedFile(dir, 'Mon, 06 Jul 2026 09:39:20 +0300');
		expect(out(await runCli(['print', '--logical', '--article', '1', summer], {home: dir, env: {TZ: 'America/New_York'}}))).toContain('2026-07-06 02:39');
	});

	it('print is always absolute; the reader adds how long ago for a recent item', async () => {
		const dir = home();
		const published = new Date(Date.now() - (5 * 60 + 20) * 1000);
		const file = feedFile(dir, published.toUTCString());
		const local = (tz: string) => {
			const parts = new Intl.DateTimeFormat('en-CA', {timeZone: tz, hour: '2-digit', minute: '2-digit', hourCycle: 'h23'}).formatToParts(published);
			return `${parts.find(part => part.type === 'hour')!.value}:${parts.find(part => part.type === 'minute')!.value}`;
		};

		const printed = out(await runCli(['print', '--logical', '--article', '1', file], {home: dir, env: {TZ: 'Asia/Riyadh'}}));
		expect(printed).toContain(local('Asia/Riyadh'));
		expect(printed).not.toContain('منذ');
		const s = run([file], {home: dir, env: {TZ: 'America/New_York'}});
		await s.waitFor(screen => ready(screen) && screen.text().includes(shown('نص الخبر.')), 'the article');
		const meta = s.rows().find(row => row.includes(local('America/New_York')));
		expect(meta, s.text()).toBeDefined();
		// Shown within 40 s of its start: 5 minutes and 20 to 59 seconds ago.
		expect(meta).toContain(shown('منذ 5 دقائق'));
		s.write('q');
		await s.waitForExit();
	});
});

describe('the commands’ own output', () => {
	it('sources list: on a terminal shaped and in visual order, the line left to right; through a pipe logical', async () => {
		const dir = home();
		const feed = fixture('feeds/atom.xml');
		await runCli(['sources', 'add', feed, '--name', 'أخبار المثال الكبرى اليوم'], {home: dir});
		const piped = await runCli(['sources', 'list'], {home: dir});
		expect(out(piped)).toBe(`1. أخبار المثال الكبرى اليوم  ${feed}\n`);
		const rows = await onTerminal(['sources', 'list'], {home: dir, columns: 200});
		expect(rows).toEqual([`1. ${shown('أخبار المثال الكبرى اليوم')}  ${feed}`]);
		// The preference that hands bidi to the terminal gets it logical text there too.
		await runCli(['prefs', 'set', 'bidi', 'terminal'], {home: dir});
		expect(await onTerminal(['sources', 'list'], {home: dir, columns: 200})).toEqual([`1. أخبار المثال الكبرى اليوم  ${feed}`]);
		await runCli(['prefs', 'set', 'bidi', 'app'], {home: dir});
		await runCli(['prefs', 'set', 'shaping', 'off'], {home: dir});
		expect(await onTerminal(['sources', 'list'], {home: dir, columns: 200})).toEqual([`1. ${[...'أخبار المثال الكبرى اليوم'].reverse().join('')}  ${feed}`]);
	});

	it('a line longer than the terminal is broken by akhbar, each part in visual order', async () => {
		const dir = home();
		const name = 'أخبار المثال الكبرى اليوم من كل مكان في العالم العربي وخارجه';
		await runCli(['sources', 'add', fixture('feeds/atom.xml'), '--name', name], {home: dir});
		const rows = await onTerminal(['sources', 'list'], {home: dir, columns: 40});
		expect(rows.length).toBeGreaterThan(2);
		for (const row of rows) expect(cellWidth(row)).toBeLessThanOrEqual(40);
		// The first row starts with the number and the name's first words (its right end).
		expect(rows[0]).toMatch(/^1\. /u);
		expect(rows[0]!.endsWith(shown('أخبار'))).toBe(true);
	});

	it('the --help banner and prefs get: laid out on a terminal, logical in a pipe', async () => {
		const dir = home();
		const banner = await onTerminal(['--help', '--language', 'en'], {home: dir, rows: 60});
		expect(banner[0]).toBe(`  ${shown('أخبار')}  akhbar — Arabic news in the terminal`);
		expect(out(await runCli(['--help', '--language', 'en'], {home: dir})).split('\n')[0]).toBe('  أخبار  akhbar — Arabic news in the terminal');
		await runCli(['sources', 'add', fixture('feeds/atom.xml'), '--name', 'الساحل'], {home: dir});
		const value = (await onTerminal(['prefs', 'get', 'sources'], {home: dir})).join('');
		expect(value).toContain(`"name":"${shown('الساحل')}"`);
		expect(out(await runCli(['prefs', 'get', 'sources'], {home: dir}))).toContain('"name":"الساحل"');
	});

	it('sources export stays a document on a terminal', async () => {
		const dir = home();
		await runCli(['sources', 'add', fixture('feeds/atom.xml'), '--name', 'الساحل'], {home: dir});
		const rows = await onTerminal(['sources', 'export'], {home: dir, columns: 200});
		expect(rows.join('\n')).toContain('text="الساحل"');
	});
});

describe('akhbar --help in the interface language', () => {
	const align = '--align auto|right|left|justify';
	const cLocale = {LC_ALL: 'C.UTF-8', LC_MESSAGES: undefined, LANG: 'C.UTF-8'};

	it('--language on the command line, else the locale, else Arabic; English only when chosen', async () => {
		const dir = home();
		const persian = out(await runCli(['--help', '--language', 'fa'], {home: dir, env: cLocale}));
		expect(persian).toContain('شیوهٔ استفاده');
		expect(persian).toContain(align);
		expect(persian).not.toContain('Usage');
		expect(out(await runCli(['help', '--language=fa'], {home: dir, env: cLocale}))).toBe(persian);

		const hebrew = out(await runCli(['--help'], {home: dir, env: {LC_ALL: undefined, LC_MESSAGES: undefined, LANG: 'he_IL.UTF-8'}}));
		expect(hebrew).toContain('אפשרויות טקסט');
		expect(hebrew).toContain(align);

		const english = out(await runCli(['--help', '--language', 'en'], {home: dir, env: cLocale}));
		expect(english.split('\n')[0]).toBe('  أخبار  akhbar — Arabic news in the terminal');
		expect(english).toContain(`    ${align}  alignment of paragraphs`);

		// An en_US locale is not a choice of English: the issue keeps Arabic there.
		const arabic = out(await runCli(['--help'], {home: dir, env: {LC_ALL: undefined, LC_MESSAGES: undefined, LANG: 'en_US.UTF-8'}}));
		expect(arabic).toContain('خيارات النص');
		expect(arabic).toContain(align);
	});

	it('the saved language preference, under --language', async () => {
		const dir = home();
		expect((await runCli(['prefs', 'set', 'language', 'ur'], {home: dir, env: cLocale})).code).toBe(0);
		const urdu = out(await runCli(['--help'], {home: dir, env: cLocale}));
		expect(urdu).toContain('طریقۂ استعمال');
		expect(urdu).toContain(align);
		expect(out(await runCli(['help'], {home: dir, env: cLocale}))).toBe(urdu);
		expect(out(await runCli(['--help', '--language', 'en'], {home: dir, env: cLocale}))).toContain('Text options');
		// A subcommand's help stays English.
		expect(out(await runCli(['print', '--help'], {home: dir, env: cLocale}))).toMatch(/^Usage: akhbar print/u);
	});

	it('an unknown --language is a usage error', async () => {
		const result = await runCli(['--help', '--language', 'xx']);
		expect(result.code).toBe(2);
		expect(result.stderr).toBe('akhbar: --language takes one of auto, ar, en, fa, ur, he\n');
	});

	it('on a terminal, the Arabic help is laid out right to left, at the right edge, its flags intact', async () => {
		const dir = home();
		const rows = await onTerminal(['--help'], {home: dir, columns: 100, rows: 60});
		const heading = rows.find(row => row.includes(shown('خيارات النص')));
		expect(heading, rows.join('\n')).toBeDefined();
		// Right-aligned (rows are read back with their ends trimmed): the heading's two-cell indent
		// is the only space at its right, the room left over is at its left.
		expect(cellWidth(heading!)).toBe(98);
		expect(heading).toMatch(/^ {10,}\S/u);
		const option = rows.find(row => row.includes(align));
		expect(option, rows.join('\n')).toBeDefined();
		// The flag is read left to right and stands at the right, where a right-to-left line starts.
		expect(option!.endsWith(align)).toBe(true);
		expect(cellWidth(option!)).toBe(96);
		expect(option).toContain(shown('محاذاة الفقرات'));
		expect(option!.indexOf(shown('محاذاة الفقرات'))).toBeLessThan(option!.indexOf(align));
	});
});

describe('help and version', () => {
	const usage = /^Usage: akhbar /u;
	it('akhbar help, help COMMAND, COMMAND --help for every command and subcommand', async () => {
		const dir = home();
		const main = await runCli(['help'], {home: dir});
		expect(main.code).toBe(0);
		expect(out(main)).toBe(out(await runCli(['--help'], {home: dir})));
		expect(out(main)).toContain('akhbar help [COMMAND]');
		const topics: string[][] = [
			['print'],
			['completion'],
			['sources'],
			['prefs'],
			...['list', 'add', 'remove', 'import', 'export'].map(sub => ['sources', sub]),
			...['list', 'get', 'set', 'reset', 'path'].map(sub => ['prefs', sub]),
		];
		for (const topic of topics) {
			// eslint-disable-next-line no-await-in-loop -- one CLI at a time on two cores
			const viaHelp = await runCli(['help', ...topic], {home: dir});
			// eslint-disable-next-line no-await-in-loop
			const viaFlag = await runCli([...topic, '--help'], {home: dir});
			// eslint-disable-next-line no-await-in-loop
			const viaShort = await runCli([...topic, '-h'], {home: dir});
			expect(viaHelp.code, topic.join(' ')).toBe(0);
			expect(out(viaHelp), topic.join(' ')).toMatch(usage);
			expect(out(viaHelp).split('\n')[0], topic.join(' ')).toMatch(new RegExp(`^Usage: akhbar ${topic[0]} \\[?${topic[1] ?? ''}`, 'u'));
			expect(out(viaFlag), topic.join(' ')).toBe(out(viaHelp));
			expect(out(viaShort), topic.join(' ')).toBe(out(viaHelp));
			expect(viaFlag.stderr + viaShort.stderr).toBe('');
		}

		// The flag's value is not a request for help: --name --help names a source "--help".
		expect(out(await runCli(['sources', 'add', fixture('feeds/atom.xml'), '--name', '--help'], {home: dir}))).toMatch(/^added 1\. --help /u);
		expect(out(await runCli(['prefs', 'set', '--help'], {home: dir}))).toContain('headlinesWidth  a whole number from 20 to 80');
		expect(out(await runCli(['sources', 'add', '--help'], {home: dir}))).toContain('--name NAME');
		expect(out(await runCli(['print', '--help'], {home: dir}))).toContain('--article K');
	});

	it('an unknown command’s help is a usage error', async () => {
		const result = await runCli(['help', 'fly']);
		expect(result.code).toBe(2);
		expect(result.stderr).toBe('akhbar: no help for "fly"; commands: print, sources, prefs, refresh, search, completion, help\n');
		expect((await runCli(['help', 'sources', 'fly'])).code).toBe(2);
	});

	it('-v and --version', async () => {
		const {version} = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {version: string};
		for (const flag of ['-v', '--version']) {
			// eslint-disable-next-line no-await-in-loop
			const result = await runCli([flag]);
			expect(result.code, flag).toBe(0);
			expect(out(result), flag).toBe(`${version}\n`);
		}
	});
});
