import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import {readableUrl} from '../../source/text/iri.js';
import {articleEntries, pageEntries} from '../../source/ui/link-list.js';
import {planOpen, planPlay, programName, safeUrl} from '../../source/ui/links.js';
import {pipeArgv, pipeCommand} from '../../source/ui/pipe.js';

describe('safeUrl', () => {
	it('accepts http and https only, normalized', () => {
		expect(safeUrl('https://news.example/a b'.replace(' ', '%20'))).toBe('https://news.example/a%20b');
		expect(safeUrl('http://x.example')).toBe('http://x.example/');
		for (const bad of ['javascript:alert(1)', 'file:///etc/passwd', 'https://x.example/\u001B]52;c;x\u0007', 'https://a b', '', undefined, 'not a url']) {
			expect(safeUrl(bad)).toBeUndefined();
		}
	});
});

describe('planOpen', () => {
	const url = 'https://news.example/1';
	it('runs a terminal browser from $BROWSER in this terminal', () => {
		expect(planOpen(url, {BROWSER: 'w3m'}, 'linux', false)).toEqual({kind: 'terminal', argv: ['w3m', url]});
		expect(planOpen(url, {BROWSER: '/usr/bin/lynx -accept_all_cookies'}, 'linux', true)).toEqual({kind: 'terminal', argv: ['/usr/bin/lynx', '-accept_all_cookies', url]});
	});

	it('starts any other $BROWSER detached, with %s replaced, first of a colon list', () => {
		expect(planOpen(url, {BROWSER: 'firefox --new-tab %s:chromium'}, 'linux', false)).toEqual({kind: 'detached', argv: ['firefox', '--new-tab', url]});
	});

	it('uses the platform opener without $BROWSER, as an argv', () => {
		expect(planOpen(url, {}, 'linux', false)).toEqual({kind: 'detached', argv: ['xdg-open', url]});
		expect(planOpen(url, {}, 'darwin', false)).toEqual({kind: 'detached', argv: ['open', url]});
		expect(planOpen(url, {}, 'win32', false)).toEqual({kind: 'detached', argv: ['explorer.exe', url]});
	});

	it('shows the URL over SSH when there is no $BROWSER', () => {
		expect(planOpen(url, {}, 'linux', true)).toEqual({kind: 'show', url});
	});

	it('refuses anything but http(s)', () => {
		expect(planOpen('file:///etc/passwd', {BROWSER: 'w3m'}, 'linux', false)).toEqual({kind: 'invalid'});
	});
});

describe('planPlay', () => {
	const url = 'https://cdn.example/ep1.mp3';
	it('runs $PLAYER in this terminal (mpv shows its progress and takes its keys there), with %s or the URL appended', () => {
		expect(planPlay(url, {PLAYER: 'mpv --no-video'}, 'linux', true)).toEqual({kind: 'terminal', argv: ['mpv', '--no-video', url]});
		expect(planPlay(url, {PLAYER: 'mpg123 -q %s'}, 'linux', false)).toEqual({kind: 'terminal', argv: ['mpg123', '-q', url]});
	});

	it('starts a player with a window of its own detached', () => {
		expect(planPlay(url, {PLAYER: '/usr/bin/vlc'}, 'linux', false)).toEqual({kind: 'detached', argv: ['/usr/bin/vlc', url]});
	});

	it('without $PLAYER, opens the file as a link is opened', () => {
		expect(planPlay(url, {BROWSER: 'w3m'}, 'linux', false)).toEqual({kind: 'terminal', argv: ['w3m', url]});
		expect(planPlay(url, {}, 'linux', false)).toEqual({kind: 'detached', argv: ['xdg-open', url]});
		expect(planPlay(url, {}, 'linux', true)).toEqual({kind: 'show', url});
		expect(planPlay(url, {PLAYER: '   '}, 'darwin', false)).toEqual({kind: 'detached', argv: ['open', url]});
	});

	it('refuses anything but http(s), whatever $PLAYER is', () => {
		expect(planPlay('file:///etc/passwd', {PLAYER: 'mpv'}, 'linux', false)).toEqual({kind: 'invalid'});
		expect(planPlay('https://x.example/a b', {PLAYER: 'mpv'}, 'linux', false)).toEqual({kind: 'invalid'});
	});

	it('names the program as a user would', () => {
		expect(programName(['/usr/bin/xdg-open', url])).toBe('xdg-open');
		expect(programName([])).toBe('');
	});
});

describe('what the links overlay lists', () => {
	const article = {
		key: 'k',
		title: 't',
		blocks: [],
		enclosures: [
			{url: 'https://cdn.example/1.mp3', medium: 'audio' as const, seconds: 2530, bytes: 39_845_888, type: 'audio/mpeg', title: 'الحلقة كاملة'},
			{url: 'javascript:alert(1)', medium: 'video' as const},
		],
		links: [
			{url: 'https://xn--mgbh0fb.xn--kgbechtv/%D8%AA', text: 'تقرير'},
			{url: 'https://cdn.example/1.mp3', text: 'الملف مرة أخرى'},
			{url: 'https://news.example/%D8%A7%D9%84%D8%B9%D8%B1%D8%A8'},
			{url: 'https://x.example/\u001B]52;c;eA==\u0007', text: 'خبيث'},
		],
	};

	it('lists the files first, then the links, each URL once and only safe ones', () => {
		const entries = articleEntries(article);
		expect(entries.map(entry => entry.url)).toEqual([
			'https://cdn.example/1.mp3',
			'https://xn--mgbh0fb.xn--kgbechtv/%D8%AA',
			'https://news.example/%D8%A7%D9%84%D8%B9%D8%B1%D8%A8',
		]);
	});

	it('gives each entry its words (a file its kind, length, size and title) and its host as it reads', () => {
		const entries = articleEntries(article);
		expect(entries[0]).toMatchObject({text: 'صوت · 42:10 · 38 ميغابايت · MP3 · الحلقة كاملة', host: 'cdn.example', media: article.enclosures[0]});
		expect(entries[1]).toEqual({url: 'https://xn--mgbh0fb.xn--kgbechtv/%D8%AA', text: 'تقرير', host: 'مثال.إختبار'});
		// A link with no words reads as its address, decoded.
		expect(entries[2]!.text).toBe('news.example/العرب');
	});

	it('lists nothing for an article with no links, and the page link alone for o', () => {
		expect(articleEntries({key: 'k', title: 't', blocks: [{kind: 'paragraph', text: 'نص'}]})).toEqual([]);
		expect(articleEntries(undefined)).toEqual([]);
		expect(pageEntries('https://news.example/1', 'عنوان')).toEqual([{url: 'https://news.example/1', text: 'عنوان', host: 'news.example'}]);
		expect(pageEntries('javascript:alert(1)', 'عنوان')).toEqual([]);
	});
});

describe('the command | pipes to', () => {
	it('is what was typed, else $PAGER, else less -R', () => {
		expect(pipeCommand('  grep -i نفط | less ', {PAGER: 'most'})).toBe('grep -i نفط | less');
		expect(pipeCommand('', {PAGER: 'less -FRX'})).toBe('less -FRX');
		expect(pipeCommand(' ', {PAGER: '  '})).toBe('less -R');
		expect(pipeCommand('', {})).toBe('less -R');
	});

	it('runs through the shell, the line as one argument (the article goes to its input, never into its words)', () => {
		expect(pipeArgv('cat > "$HOME/x.txt"', {}, 'linux')).toEqual(['/bin/sh', '-c', 'cat > "$HOME/x.txt"']);
		expect(pipeArgv('more', {ComSpec: 'C:\\Windows\\cmd.exe'}, 'win32')).toEqual(['C:\\Windows\\cmd.exe', '/d', '/s', '/c', 'more']);
	});
});

describe('what is opened and copied is the exact URL, whatever is shown', () => {
	it('holds for any link: the entry keeps the URL as the source gave it (normalized), the opener gets it', () => {
		fc.assert(fc.property(fc.string({unit: 'binary', maxLength: 30}), fc.string({unit: 'binary', maxLength: 20}), (path, query) => {
			const raw = `https://news.example/${encodeURIComponent(path)}?q=${encodeURIComponent(query)}`;
			const exact = safeUrl(raw)!;
			const [entry] = articleEntries({key: 'k', title: 't', blocks: [], links: [{url: raw, text: 'نص'}]});
			expect(entry!.url).toBe(exact);
			expect(planOpen(entry!.url, {}, 'linux', false)).toEqual({kind: 'detached', argv: ['xdg-open', exact]});
			expect(planPlay(entry!.url, {PLAYER: 'mpv'}, 'linux', false)).toEqual({kind: 'terminal', argv: ['mpv', exact]});
			// What is shown may differ from it, but names the same address.
			expect(new URL(readableUrl(entry!.url)).href).toBe(exact);
		}), {numRuns: 1000});
	});
});
