/**
 * Links in the reader: `o` with nothing to open a link with shows it whole (over SSH, or with
 * no opener installed), `u` lists an article's files and links, a file plays with $PLAYER,
 * `|` pipes the article to a command.
 */
import {describe, expect, it} from 'vitest';
import type {Article, Edition} from '../../source/model.js';
import {articleLines} from '../../source/print.js';
import {defaultTextOptions} from '../../source/text/options.js';
import {fakeEdition, shown} from './fixtures.js';
import {linksLayout} from '../../source/ui/LinksOverlay.js';
import {appOpener, type Harness, keys} from './helpers/render.js';

const open = appOpener();

const ssh = {LANG: 'C.UTF-8', SSH_CONNECTION: '10.0.0.1 50000 10.0.0.2 22'};

/** A link as long as real Arabic news links are, percent-encoded as feeds carry them. */
const longUrl = new URL('https://news.example/ar/أخبار/الاقتصاد/2025/06/أسعار-النفط-ترتفع-بعد-قرار-أوبك-الأخير-بخفض-الإنتاج-في-الربع-الثالث-من-العام?utm_source=rss&المصدر=الخلاصة').href;

function withLongLink(): Edition {
	const edition = fakeEdition();
	edition.headlines[0]!.url = longUrl;
	edition.articles[0]!.url = longUrl;
	return edition;
}

/** An edition whose first article has a podcast file and links in its text. */
function withLinks(): Edition {
	const edition = fakeEdition();
	const article = edition.articles[0]!;
	article.enclosures = [{url: 'https://cdn.example/ep1.mp3', medium: 'audio', type: 'audio/mpeg', seconds: 2530, bytes: 39_845_888}];
	article.links = [
		{url: 'https://news.example/ar/people/salma', text: 'سلمى الحداد'},
		{url: 'https://xn--mgbh0fb.xn--kgbechtv/report', text: 'تقرير الوزارة'},
		...Array.from({length: 12}, (_, index) => ({url: `https://other.example/${index + 3}`, text: `رابط رقم ${index + 3}`})),
	];
	return edition;
}

/** The rows under the overlay's rule: the selected URL's lines. */
function urlRows(h: Harness): string[] {
	const rows = h.rows();
	const rule = rows.findIndex(row => row.startsWith('────'));
	return rule < 0 ? [] : rows.slice(rule + 1, -1).filter(row => row.trim() !== '');
}

describe('o with nothing to open the link with', () => {
	it('over SSH with no $BROWSER: the whole link, decoded, wrapped over lines; y copies the exact URL', async () => {
		const h = await open({editions: [withLongLink()], env: ssh, columns: 80, rows: 24});
		await h.press('o');
		const lines = urlRows(h);
		// Wider than the screen: on more than one line, and nothing of it left percent-encoded.
		expect(lines.length).toBeGreaterThan(1);
		expect(h.frame()).not.toContain('%');
		expect(lines[0]).toMatch(/^https:\/\/news\.example\/ar\//);
		for (const word of ['الاقتصاد', 'أوبك', 'الخلاصة']) {
			expect(lines.join('\n')).toContain(shown(word));
		}

		expect(h.frame()).toContain('utm_source=rss');
		expect(h.frame()).toContain(shown('لا متصفح هنا'));
		expect(h.terminal.calls.some(([name]) => name === 'openDetached' || name === 'runInTerminal')).toBe(false);
		await h.press('y');
		expect(h.terminal.calls).toContainEqual(['copy', longUrl]);
		await h.press(keys.escape);
		expect(h.frame()).not.toContain('────');
	});

	it('no opener installed (spawn fails with ENOENT): one line says so, and the link is shown', async () => {
		const h = await open({editions: [withLongLink()], columns: 100, rows: 30});
		h.terminal.failures.set('xdg-open', Object.assign(new Error('spawn xdg-open ENOENT'), {code: 'ENOENT'}));
		await h.press('o');
		await h.settle();
		expect(h.terminal.calls).toContainEqual(['openDetached', ['xdg-open', longUrl]]);
		const status = h.rows().at(-1)!;
		expect(status).toContain('xdg-open');
		expect(status).toContain('ENOENT');
		expect(status).not.toContain('spawn');
		expect(urlRows(h).length).toBeGreaterThan(0);
		expect(h.frame()).toContain(shown('الاقتصاد'));
	});

	it('a terminal browser that cannot be started does the same', async () => {
		const h = await open({editions: [withLongLink()], env: {LANG: 'C.UTF-8', BROWSER: 'w3m'}});
		h.terminal.failures.set('w3m', Object.assign(new Error('spawn w3m EACCES'), {code: 'EACCES'}));
		await h.press('o');
		await h.settle();
		expect(h.rows().at(-1)).toContain('EACCES');
		expect(urlRows(h).length).toBeGreaterThan(0);
	});
});

describe('u: the links overlay', () => {
	it('lists the article\'s file first, then its links: numbered, with their words and hosts', async () => {
		const h = await open({editions: [withLinks()], columns: 100, rows: 30});
		await h.press('u');
		const rows = h.rows();
		expect(rows[1]).toContain(shown('صوت · 42:10 · 38 ميغابايت · MP3'));
		expect(rows[1]).toContain('cdn.example');
		expect(rows[1]).toMatch(/ 1 ◂$/u);
		expect(rows[2]).toContain(shown('سلمى الحداد'));
		expect(rows[2]).toContain('news.example');
		expect(rows[2]).toMatch(/ 2$/u);
		// A punycode host in its script.
		expect(rows[3]).toContain(shown('مثال.إختبار'));
		expect(urlRows(h)).toEqual([expect.stringMatching(/^https:\/\/cdn\.example\/ep1\.mp3 *$/)]);
	});

	it('↓ moves, Enter opens the selected link, y copies it, Esc closes', async () => {
		const h = await open({editions: [withLinks()]});
		await h.press('u', 'j', keys.enter);
		expect(h.terminal.calls).toContainEqual(['openDetached', ['xdg-open', 'https://news.example/ar/people/salma']]);
		await h.press(keys.down, 'y');
		expect(h.terminal.calls).toContainEqual(['copy', 'https://xn--mgbh0fb.xn--kgbechtv/report']);
		expect(urlRows(h)[0]).toContain(shown('مثال.إختبار'));
		await h.press(keys.escape);
		expect(h.frame()).not.toContain('────');
		expect(h.frame()).toContain(shown('ملخص الخبر رقم 1 في سطر واحد قصير'));
	});

	it('digits jump to a number, two typed at once reach 10 and beyond, in any digit style', async () => {
		const h = await open({editions: [withLinks()]});
		await h.press('u', '3', 'o');
		expect(h.terminal.calls).toContainEqual(['openDetached', ['xdg-open', 'https://xn--mgbh0fb.xn--kgbechtv/report']]);
		// Entry 12 is the ninth of the other links, which count from 3.
		await h.press('12', 'y');
		expect(h.terminal.calls).toContainEqual(['copy', 'https://other.example/11']);
		await h.press('١٥', 'y');
		expect(h.terminal.calls).toContainEqual(['copy', 'https://other.example/14']);
		// 150 is past the list: the 0 starts again, and there is no link 0.
		await h.press('0');
		expect(h.rows().at(-1)).toContain(shown('لا رابط بالرقم 0'));
	});

	it('works from the Arabic layout: ع opens it, غ copies', async () => {
		const h = await open({editions: [withLinks()]});
		await h.press('ع', 'ت', 'غ');
		expect(h.terminal.calls).toContainEqual(['copy', 'https://news.example/ar/people/salma']);
	});

	it('an article with neither links nor files says so', async () => {
		const h = await open({editions: [fakeEdition()]});
		await h.press('u');
		expect(h.frame()).not.toContain('────');
		expect(h.rows().at(-1)).toContain(shown('لا روابط ولا ملفات في هذا الخبر'));
	});

	it('a file plays with $PLAYER in this terminal; a link still opens in the browser', async () => {
		const h = await open({editions: [withLinks()], env: {LANG: 'C.UTF-8', PLAYER: 'mpv --no-video', BROWSER: 'firefox'}});
		await h.press('u', keys.enter);
		expect(h.terminal.calls).toContainEqual(['runInTerminal', ['mpv', '--no-video', 'https://cdn.example/ep1.mp3']]);
		await h.press('2', keys.enter);
		expect(h.terminal.calls).toContainEqual(['openDetached', ['firefox', 'https://news.example/ar/people/salma']]);
	});

	it('without $PLAYER a file opens as a link does; over SSH it is shown, selected, with a note', async () => {
		const h = await open({editions: [withLinks()], env: ssh});
		await h.press('u', keys.enter);
		expect(h.rows().at(-1)).toContain(shown('لا متصفح هنا'));
		expect(urlRows(h)[0]).toMatch(/^https:\/\/cdn\.example\/ep1\.mp3/);
	});
});

describe('files in the article', () => {
	it('the article shows a line for its file under the meta line', async () => {
		const h = await open({editions: [withLinks()]});
		await h.press(keys.enter);
		const rows = h.rows().map(row => row.split('│')[0]!);
		const meta = rows.findIndex(row => row.includes(shown('سلمى')));
		const media = rows.findIndex(row => row.includes(shown('صوت · 42:10 · 38 ميغابايت · MP3')));
		expect(meta).toBeGreaterThan(0);
		expect(media).toBeGreaterThan(meta);
	});

	it('the full text fetched for a summary keeps the feed item\'s files', async () => {
		const edition = withLinks();
		edition.articles[0]!.summaryOnly = true;
		const page: Article = {key: 'page', title: 'الصفحة', blocks: [{kind: 'paragraph', text: 'النص الكامل من الموقع'}], links: [{url: 'https://page.example/x', text: 'من الصفحة'}]};
		const h = await open({editions: [edition], loaders: {fullText: async () => page}});
		await h.press(keys.enter);
		await h.settle();
		expect(h.frame()).toContain(shown('النص الكامل من الموقع'));
		expect(h.frame()).toContain(shown('صوت · 42:10 · 38 ميغابايت · MP3'));
		await h.press('u');
		expect(h.rows()[1]).toContain('cdn.example');
		expect(h.rows()[2]).toContain(shown('من الصفحة'));
	});
});

describe('|: piping the article', () => {
	it('Enter at the prompt sends the article, as print lays it out at the terminal\'s width, to less -R through the shell', async () => {
		const edition = withLinks();
		const h = await open({editions: [edition], columns: 90, rows: 30});
		await h.press('j', '|');
		expect(h.rows().at(-1)).toContain('less -R');
		await h.press(keys.enter);
		const call = h.terminal.calls.find(([name]) => name === 'pipeTo');
		const expected = articleLines(edition, edition.articles[1]!, {width: 90, text: defaultTextOptions}).join('\n') + '\n';
		expect(call).toEqual(['pipeTo', ['/bin/sh', '-c', 'less -R'], expected, 'app']);
		expect(h.frame()).not.toContain('less -R');
	});

	it('runs $PAGER by default, or the command typed; Esc cancels', async () => {
		const h = await open({editions: [withLinks()], env: {LANG: 'C.UTF-8', PAGER: 'most'}});
		await h.press('|', keys.enter);
		expect(h.terminal.calls.filter(([name]) => name === 'pipeTo').map(call => call[1])).toEqual([['/bin/sh', '-c', 'most']]);
		await h.press('|', 'grep -c ن > /tmp/x', keys.enter);
		expect(h.terminal.calls.filter(([name]) => name === 'pipeTo').map(call => call[1])).toEqual([['/bin/sh', '-c', 'most'], ['/bin/sh', '-c', 'grep -c ن > /tmp/x']]);
		// The file's line is in what is piped too.
		expect(String(h.terminal.calls.find(([name]) => name === 'pipeTo')![2])).toContain('MP3');
		await h.press('|', 'cat', keys.escape);
		expect(h.terminal.calls.filter(([name]) => name === 'pipeTo')).toHaveLength(2);
	});

	it('says so when the shell could not find the command (what it printed went by with the screen)', async () => {
		const h = await open({editions: [withLinks()]});
		h.terminal.pipeStatus = 127;
		await h.press('|', 'lses', keys.enter);
		await h.settle();
		expect(h.rows().at(-1)).toContain('lses');
		expect(h.rows().at(-1)).toContain('127');
		// A command that ends with a status of its own (grep with no match) is not a failure.
		h.terminal.pipeStatus = 1;
		await h.press('j', '|', 'grep x', keys.enter);
		await h.settle();
		expect(h.rows().at(-1)).not.toContain('grep');
	});
});

describe('the overlay\'s rows', () => {
	const entries = (url: string) => [{url, text: 'نص', host: 'x.example'}, {url: 'https://x.example/2', text: 'ثان', host: 'x.example'}];

	it('gives the URL every line it needs, the list the rest', () => {
		const url = `https://x.example/${'a'.repeat(300)}`;
		const layout = linksLayout(entries(url), 0, 80, 22, defaultTextOptions);
		// 318 characters at 80: four lines at least (the host's line may end at its slash).
		expect(layout.url.length).toBeGreaterThanOrEqual(4);
		expect(layout.url.join('').replaceAll(' ', '')).toBe(url);
		expect(layout.cut).toBe(false);
		expect(layout.listRows).toBe(22 - 2 - layout.url.length);
	});

	it('a URL longer than the screen is cut, one row of the list kept, and says y copies it whole', async () => {
		const url = `https://x.example/${'a'.repeat(3000)}`;
		const layout = linksLayout(entries(url), 0, 80, 22, defaultTextOptions);
		expect(layout.cut).toBe(true);
		expect(layout.listRows).toBe(1);
		expect(layout.url).toHaveLength(22 - 4);
		const edition = fakeEdition();
		edition.headlines[0]!.url = url;
		const h = await open({editions: [edition], env: ssh, columns: 80, rows: 24});
		await h.press('o');
		// The frame takes every row.
		expect(h.rows()).toHaveLength(24);
		expect(h.frame()).toContain(shown('الرابط أطول من الشاشة'));
		await h.press('y');
		expect(h.terminal.calls).toContainEqual(['copy', url]);
	});
});
