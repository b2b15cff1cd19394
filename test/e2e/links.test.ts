/**
 * Links, files and pipes in the built CLI, in a real pseudo-terminal: a long Arabic link shown
 * whole over SSH, a missing opener, a podcast file given to $PLAYER, an article piped to a pager
 * that gets the terminal and gives it back.
 */
import {execFileSync} from 'node:child_process';
import {existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {afterAll, afterEach, beforeAll, describe, expect, it} from 'vitest';
import {fitLine} from '../../source/text/layout.js';
import {defaultTextOptions} from '../../source/text/options.js';
import {cellWidth} from '../../source/text/width.js';
import {entryArgs, start, type Screen} from './helpers/pty.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const fromSource = process.env['AKHBAR_E2E_SOURCE'] === '1';

/** How `text` looks once shaped and reordered. */
function shown(text: string): string {
	return fitLine(text, cellWidth(text) + 2, defaultTextOptions, 'left').trimEnd();
}

/** The link of the first item, as long as real ones, percent-encoded as feeds carry them. */
const longUrl = new URL('https://local.example/ar/أخبار/الاقتصاد/2025/06/أسعار-النفط-ترتفع-بعد-قرار-أوبك-الأخير-بخفض-الإنتاج-في-الربع-الثالث?utm_source=rss&المصدر=الخلاصة').href;
const audioUrl = 'https://cdn.local.example/episodes/1.mp3';

let folder: string;
let feed: string;
let screen: Screen | undefined;

beforeAll(() => {
	if (!fromSource && !existsSync(path.join(root, 'dist/cli.js'))) {
		execFileSync(process.execPath, ['test/build.mjs'], {cwd: root});
	}

	folder = mkdtempSync(path.join(tmpdir(), 'akhbar-links-e2e-'));
	feed = path.join(folder, 'feed.xml');
	const paragraphs = Array.from({length: 30}, (_, p) => `&lt;p&gt;فقرة ${p + 1} من الحلقة فيها كلام يملأ سطرا أو سطرين، و&lt;a href="/ar/p/${p}"&gt;رابط ${p + 1}&lt;/a&gt; في وسطها.&lt;/p&gt;`).join('');
	writeFileSync(feed, `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd"><channel><title>بودكاست محلي</title><link>https://local.example/</link><language>ar</language>
<item><title>الحلقة الأولى عن أسعار النفط</title><link>${longUrl.replaceAll('&', '&amp;')}</link><guid>e1</guid><description>${paragraphs}</description>
<enclosure url="${audioUrl}" length="39845888" type="audio/mpeg"/><itunes:duration>42:10</itunes:duration></item>
<item><title>الحلقة الثانية</title><link>https://local.example/2</link><guid>e2</guid><description>نص قصير للحلقة الثانية يكفي ليكون مقالا.</description></item>
</channel></rss>`);
	// A stand-in for mpv: plays in the terminal, takes a key there, exits.
	writeFileSync(path.join(folder, 'mpv'), '#!/bin/sh\nprintf "fake mpv playing %s\\n" "$1"\nread answer\nprintf "mpv got %s\\n" "$answer"\nsleep 0.2\n', {mode: 0o755});
	// A pager that keeps what it is given, then shows it has the terminal: a line out, a key in.
	writeFileSync(path.join(folder, 'pager'), '#!/bin/sh\ncat > "$1"\nprintf "pager has the article\\n"\nread answer < /dev/tty\nprintf "pager got %s\\n" "$answer"\nsleep 0.2\n', {mode: 0o755});
});

afterAll(() => {
	rmSync(folder, {recursive: true, force: true});
});

afterEach(() => {
	screen?.dispose();
	screen = undefined;
});

/** Not over SSH, not inside anything that sets these, whatever the test runner's shell is. */
const local = {SSH_CONNECTION: '', SSH_CLIENT: '', SSH_TTY: '', BROWSER: '', PLAYER: '', PAGER: ''};

function run(columns: number, rows: number, env: Record<string, string>): Screen {
	screen = start({args: [feed], columns, rows, env: {...local, ...env}, fromSource});
	return screen;
}

const listed = (s: Screen) => s.text().includes(shown('الحلقة الثانية'));
const rule = (s: Screen) => s.rows().findIndex(row => row.startsWith('────'));
/** The rows of the overlay under its rule: the selected link, whole. */
const linkRows = (s: Screen) => (rule(s) < 0 ? [] : s.rows().slice(rule(s) + 1).filter(row => row.trim() !== '').slice(0, -1));

describe('links in a terminal', () => {
	it('over SSH with no $BROWSER, o shows the whole link at 80×24, decoded and wrapped; y copies it exactly', async () => {
		const s = run(80, 24, {SSH_CONNECTION: '192.0.2.1 50000 192.0.2.2 22'});
		await s.waitFor(listed, 'the headlines');
		s.write('o');
		await s.waitFor(current => rule(current) > 0, 'the link overlay');
		const lines = linkRows(s);
		expect(lines.length).toBeGreaterThan(1);
		expect(lines[0]).toMatch(/^https:\/\/local\.example\/ar\//);
		expect(s.text()).not.toContain('%');
		for (const word of ['الاقتصاد', 'أوبك', 'الخلاصة']) expect(lines.join('\n')).toContain(shown(word));
		expect(s.text()).toContain(shown('لا متصفح هنا'));
		s.write('y');
		await s.waitFor(current => current.clipboard().length > 0, 'a clipboard sequence');
		expect(s.clipboard()).toEqual([`c;${Buffer.from(longUrl).toString('base64')}`]);
		s.write('\u001B');
		await s.waitFor(current => rule(current) < 0 && listed(current), 'the reader again');
	});

	it('with no opener installed, o says so in one line and shows the link', async () => {
		// A PATH with no xdg-open on it (the CLI itself runs from the test's node, by path).
		const s = run(100, 30, {PATH: folder});
		await s.waitFor(listed, 'the headlines');
		s.write('o');
		await s.waitFor(current => rule(current) > 0, 'the link overlay');
		await s.waitFor(current => current.text().includes('ENOENT'), 'the reason');
		const status = s.rows().at(-1)!;
		expect(status).toContain('xdg-open');
		expect(status).toContain('ENOENT');
		expect(s.text()).not.toContain('spawn');
		expect(linkRows(s).join('\n')).toContain(shown('الخلاصة'));
	});

	it('u lists the podcast file first; Enter plays it with $PLAYER in this terminal, and the reader comes back', async () => {
		const s = run(100, 30, {PLAYER: 'mpv', PATH: `${folder}:${process.env['PATH'] ?? ''}`});
		await s.waitFor(listed, 'the headlines');
		s.write('\r');
		await s.waitFor(current => current.text().includes(shown('صوت · 42:10 · 38 ميغابايت · MP3')), 'the file\'s line in the article');
		s.write('u');
		await s.waitFor(current => rule(current) > 0, 'the links overlay');
		expect(s.rows()[1]).toContain('cdn.local.example');
		expect(s.rows()[2]).toContain(shown('رابط 1'));
		s.write('\r');
		await s.waitFor(current => current.bufferType() === 'normal' && current.text().includes(`fake mpv playing ${audioUrl}`), 'the player in the terminal');
		s.write('jjj\r');
		await s.waitFor(current => current.text().includes('mpv got jjj'), 'the player reading the keys');
		await s.waitFor(current => current.bufferType() === 'alternate' && rule(current) > 0, 'the overlay back');
		s.write('12y');
		await s.waitFor(current => current.clipboard().length > 0, 'a clipboard sequence');
		// Entry 12 is the eleventh link of the text.
		expect(s.clipboard()).toEqual([`c;${Buffer.from('https://local.example/ar/p/10').toString('base64')}`]);
	});

	it('| pipes the article, laid out as print lays it out, to the pager, which gets the terminal; the reader comes back intact', async () => {
		const out = path.join(folder, 'piped.txt');
		const s = run(80, 24, {PAGER: `${path.join(folder, 'pager')} ${out}`});
		await s.waitFor(listed, 'the headlines');
		const before = s.text();
		s.write('|');
		await s.waitFor(current => current.rows().at(-1)!.includes(`${path.join(folder, 'pager')}`), 'the prompt with the default command');
		s.write('\r');
		await s.waitFor(current => current.bufferType() === 'normal' && current.text().includes('pager has the article'), 'the pager in the terminal');
		s.write('abc\r');
		await s.waitFor(current => current.text().includes('pager got abc'), 'the pager reading the keys');
		await s.waitFor(current => current.bufferType() === 'alternate' && listed(current), 'the reader back');
		await s.settle();
		expect(s.text()).toBe(before);
		s.write('j');
		await s.waitFor(current => current.text() !== before, 'keys for the reader again');
		const printed = execFileSync(process.execPath, [...entryArgs(fromSource), 'print', '--article', '1', '--width', '80', feed], {
			cwd: root,
			env: {...process.env, HOME: s.home, XDG_CONFIG_HOME: path.join(s.home, 'config'), XDG_CACHE_HOME: path.join(s.home, 'cache'), LANG: 'C.UTF-8'},
			encoding: 'utf8',
		});
		const piped = readFileSync(out, 'utf8');
		expect(piped).toBe(printed);
		expect(piped).toContain(shown('الحلقة الأولى عن أسعار النفط'));
		expect(piped).toContain(shown('صوت · 42:10 · 38 ميغابايت · MP3'));
		expect(piped).not.toMatch(/\u001B/);
	});
});
