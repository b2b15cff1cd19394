/**
 * A site as a source: which feed is the site's, how the page's most-read list and the feed's
 * latest items join, and end to end against real HTTP servers on 127.0.0.1: `print URL
 * --headlines` shows both lists, `sources add` stores the feed, and offline the same edition
 * opens from the cache.
 */
import {readFileSync, rmSync} from 'node:fs';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import type {Edition} from '../../source/model.js';
import {loadSource, type LoadResult} from '../../source/sources/load.js';
import {joinSite, siteWideFeed, wellKnownFeeds} from '../../source/sources/site.js';
import {startServer, type TestServer} from '../helpers/http-server.js';
import {runCli, tempHome, type CliResult} from '../fixtures/hostile/run-cli.js';

/** Homes the tests share between runs, removed at the end. */
const homes: string[] = [];
const makeHome = (prefix: string) => {
	const made = tempHome(prefix);
	homes.push(made);
	return made;
};

const site = (name: string) => readFileSync(new URL(`../fixtures/sites/${name}`, import.meta.url), 'utf8');
const lines = (result: CliResult) => result.stdout.toString('utf8').replace(/\n$/, '').split('\n');

describe('the site-wide feed', () => {
	it('is none of the category, tag, author, comments or search feeds; the shortest path; then page order', () => {
		const feeds = [
			{url: 'https://s.example/rss/category/sport.xml'},
			{url: 'https://s.example/comments/feed/'},
			{url: 'https://s.example/rss/all-news.xml'},
			{url: 'https://s.example/tag/rain/feed'},
			{url: 'https://s.example/author/sami/feed'},
			{url: 'https://s.example/rss/world.xml'},
			{url: 'https://s.example/search/feed?q=x'},
		];
		expect(siteWideFeed(feeds)?.url).toBe('https://s.example/rss/world.xml');
		expect(siteWideFeed([{url: 'https://s.example/a.xml'}, {url: 'https://s.example/b.xml'}])?.url).toBe('https://s.example/a.xml');
		expect(siteWideFeed([{url: 'https://s.example/category/x/feed'}])).toBeUndefined();
	});

	it('is looked for at the well-known paths of the page\'s own host', () => {
		expect(wellKnownFeeds('https://s.example/ar/news/1?x=2')).toEqual([
			'https://s.example/feed',
			'https://s.example/rss',
			'https://s.example/rss.xml',
			'https://s.example/feed.xml',
			'https://s.example/atom.xml',
			'https://s.example/index.xml',
		]);
	});
});

describe('joining a page and a feed', () => {
	const headline = (slug: string, extra: object = {}) => ({key: `https://s.example/${slug}`, title: `عنوان ${slug}`, url: `https://s.example/${slug}`, ...extra});
	const page: Edition = {
		source: 'https://s.example/a/own',
		name: 'موقع',
		list: 'most-read',
		headlines: [
			{...headline('a/own'), article: 1},
			{...headline('m1'), rank: 1, list: 'most-read', article: 2},
			{...headline('a/own'), rank: 2, list: 'most-read', article: 1},
			{...headline('m3'), rank: 3, list: 'most-read', article: 3},
		],
		articles: [
			{key: 'https://s.example/a/own', title: 'عنوان a/own', blocks: [{kind: 'paragraph', text: 'نص الصفحة'}]},
			{key: 'https://s.example/m1', title: 'عنوان m1', url: 'https://s.example/m1', blocks: [], summaryOnly: true},
			{key: 'https://s.example/m3', title: 'عنوان m3', url: 'https://s.example/m3', blocks: [], summaryOnly: true},
		],
		notes: [],
		site: {feeds: [], articlePage: true},
	};
	const feed: Edition = {
		source: 'feed',
		name: 'Feed',
		list: 'latest',
		headlines: [
			{key: 'guid-1', title: 'عنوان l1', url: 'https://s.example/l1', article: 1},
			{key: 'guid-3', title: 'عنوان m3', url: 'https://www.s.example/m3/?utm_source=rss', article: 2},
			{key: 'guid-2', title: 'عنوان l2', url: 'https://s.example/l2'},
		],
		articles: [
			{key: 'guid-1', title: 'عنوان l1', blocks: [{kind: 'paragraph', text: 'نص l1'}]},
			{key: 'guid-3', title: 'عنوان m3', blocks: [{kind: 'paragraph', text: 'نص m3 من الخلاصة'}]},
		],
		notes: [],
	};

	const joined = joinSite(page, feed, 'https://s.example/feed');

	it('numbers the articles: the page\'s own, then the most-read items, then the latest not already listed', () => {
		expect(joined.headlines.map(item => [item.title, item.list, item.rank, item.article])).toEqual([
			['عنوان a/own', undefined, undefined, 1],
			['عنوان m1', 'most-read', 1, 2],
			['عنوان a/own', 'most-read', 2, 1],
			['عنوان m3', 'most-read', 3, 3],
			['عنوان l1', 'latest', 1, 4],
			['عنوان l2', 'latest', 2, 5],
		]);
		expect(joined.list).toBe('most-read');
		expect(joined.site?.feed).toBe('https://s.example/feed');
	});

	it('gives a most-read item the feed\'s text when the feed has the same article, else a link-only article', () => {
		expect(joined.articles.map(article => article.blocks.map(block => block.text).join())).toEqual(['نص الصفحة', '', 'نص m3 من الخلاصة', 'نص l1', '']);
		expect(joined.articles[1]).toMatchObject({url: 'https://s.example/m1', summaryOnly: true});
		expect(joined.articles[4]).toMatchObject({url: 'https://s.example/l2', summaryOnly: true});
	});

	it('a front page: no article of its own, only its lists', () => {
		const front = joinSite({...page, site: {feeds: [], articlePage: false}, headlines: page.headlines.slice(1)}, feed);
		expect(front.headlines[0]).toMatchObject({title: 'عنوان m1', rank: 1});
	});

	it('with no most-read list, the latest items alone', () => {
		const plain = joinSite({...page, list: 'latest', headlines: [page.headlines[0]!], articles: [page.articles[0]!]}, feed);
		expect(plain.list).toBe('latest');
		expect(plain.headlines.map(item => item.rank)).toEqual([undefined, 1, 2, 3]);
	});
});

const rss = (origin: string, items: Array<[string, string, string?]>) => `<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>خلاصة الموقع</title><link>${origin}/</link><language>ar</language>
${items.map(([slug, title, body]) => `<item><title>${title}</title><link>${origin}${slug}</link><guid>${origin}${slug}</guid>${body ? `<description><![CDATA[${body}]]></description>` : ''}</item>`).join('\n')}
</channel></rss>`;

const longText = (topic: string) => `<p>${`هذه فقرة كتبت لهذا الاختبار عن ${topic}، طويلة بما يكفي لتعد نصا كاملا لا ملخصا. `.repeat(6)}</p><p>وفقرة ثانية تختم الخبر عن ${topic}.</p>`;

const html = (type: string) => (response: import('node:http').ServerResponse, body: string) => {
	response.writeHead(200, {'content-type': type}).end(body);
};
const sendHtml = html('text/html; charset=utf-8');
const sendXml = html('application/rss+xml; charset=utf-8');

describe('sites end to end, against servers on 127.0.0.1', () => {
	let declared: TestServer;
	let undeclared: TestServer;

	beforeAll(async () => {
		declared = await startServer();
		const o = declared.origin;
		declared.route('/', (_request, response) => sendHtml(response, site('tabs-href-id.html')));
		declared.route('/rss/all.xml', (_request, response) => sendXml(response, rss(o, [
			['/news/2026/12/06/new-bus-lines', 'خطوط حافلات جديدة تربط الأحياء الشرقية بالجامعة', longText('الحافلات')],
			['/news/2026/12/04/library-reopens', 'المكتبة العامة تعيد فتح أبوابها بعد الترميم', longText('المكتبة')],
			['/news/2026/12/06/rain-forecast', 'الأرصاد تتوقع أمطارا غزيرة نهاية الأسبوع'],
		])));
		declared.route('/rss/category/sport.xml', (_request, response) => sendXml(response, rss(o, [['/news/sport/1', 'خبر رياضي لا يظهر في الموقع']])));
		declared.route('/news/2026/12/03/olive-harvest', (_request, response) => sendHtml(response, `<!doctype html><html lang="ar"><head><meta property="og:type" content="article"><title>موسم الزيتون</title></head><body><article><h1>موسم الزيتون يسجل أعلى إنتاج منذ عقد</h1>${longText('الزيتون')}</article></body></html>`));

		undeclared = await startServer();
		const u = undeclared.origin;
		undeclared.route('/', (_request, response) => sendHtml(response, site('module-cards.html')));
		undeclared.route('/feed', (_request, response) => sendXml(response, rss(u, [
			['/fa/news/8200/latest-one', 'خبر تازه درباره ترافیک تهران امروز', longText('المرور')],
			['/fa/news/8120/rail-line-opens', 'خط آهن جدید میان دو استان افتتاح شد', longText('القطار')],
		])));
		// A page whose declared feed never answers.
		undeclared.route('/fa/hung-feed-front', (_request, response) => sendHtml(response, site('module-cards.html').replace('</head>', `<link rel="alternate" type="application/rss+xml" href="/hung.xml"></head>`)));
		undeclared.route('/hung.xml', () => undefined);
		undeclared.route('/fa/category-front', (_request, response) => sendHtml(response, site('module-cards.html').replace('</head>', `<link rel="alternate" type="application/rss+xml" title="اقتصادی" href="/fa/category/economy/feed"></head>`)));
		undeclared.route('/fa/category/economy/feed', (_request, response) => sendXml(response, rss(u, [['/fa/news/8300/economy', 'خبر اقتصادی فقط در این خوراک']])));
		undeclared.route('/fa/news/8115/film-festival', (_request, response) => sendHtml(response, `<!doctype html><html lang="fa"><head><meta property="og:type" content="article"><meta property="og:site_name" content="خبرگزاری نمونه"><title>جشنواره</title></head><body><article><h1>جشنواره فیلم کوتاه با حضور هنرمندان جوان آغاز شد</h1>${longText('المهرجان')}</article><aside><h3>پربازدیدترین</h3><ul><li><a href="/fa/news/8120/rail-line-opens">خط آهن جدید میان دو استان افتتاح شد</a></li><li><a href="/fa/news/8109/bread-subsidy">یارانه نان در سال آینده تغییر نمی‌کند</a></li></ul></aside></body></html>`));
	});

	afterAll(async () => {
		await declared.close();
		await undeclared.close();
		for (const made of homes) rmSync(made, {recursive: true, force: true});
	});

	it('a front page with declared feeds: the most-read list from the page, the latest from the site-wide feed, each under its header', async () => {
		const home = makeHome('akhbar-site-');
		const result = await runCli(['print', '--logical', '--headlines', declared.url('/')], {home});
		expect(result.stderr).toBe('');
		expect(result.code).toBe(0);
		expect(lines(result)).toEqual([
			'صحيفة الواحة — الأكثر قراءة',
			'1. المكتبة العامة تعيد فتح أبوابها بعد الترميم [1]',
			'2. موسم الزيتون يسجل أعلى إنتاج منذ عقد [2]',
			'3. طالبة في الرابعة عشرة تفوز ببطولة الشطرنج الوطنية [3]',
			'4. شبكة مياه جديدة تصل إلى ثلاث قرى جبلية [4]',
			'صحيفة الواحة — آخر الأخبار',
			'1. خطوط حافلات جديدة تربط الأحياء الشرقية بالجامعة [5]',
			'2. الأرصاد تتوقع أمطارا غزيرة نهاية الأسبوع [6]',
		]);
		expect(declared.requests.map(request => request.path)).not.toContain('/rss/category/sport.xml');

		// A most-read item the feed has opens with the feed's text; one it lacks is fetched.
		const inFeed = await runCli(['print', '--logical', '--article', '1', declared.url('/')], {home});
		expect(lines(inFeed).at(-1)).toBe('وفقرة ثانية تختم الخبر عن المكتبة.');
		const fetched = await runCli(['print', '--logical', '--article', '2', declared.url('/')], {home});
		expect(fetched.code).toBe(0);
		expect(lines(fetched).at(-1)).toBe('وفقرة ثانية تختم الخبر عن الزيتون.');
		const missing = await runCli(['print', '--logical', '--article', '3', declared.url('/')], {home});
		expect(missing.code).toBe(1);
		// The meta line ends with the link's host.
		expect(lines(missing)).toEqual(['طالبة في الرابعة عشرة تفوز ببطولة الشطرنج الوطنية', 'صحيفة الواحة · 127.0.0.1', `${declared.origin}/news/2026/12/02/chess-champion`]);
		expect(missing.stderr).toMatch(/chess-champion: HTTP 404/);

		// Offline, the same edition opens from the saved page and feed.
		const offline = await runCli(['print', '--logical', '--headlines', '--offline', declared.url('/')], {home});
		expect(offline.code).toBe(0);
		expect(lines(offline)).toEqual(lines(result));
	});

	it('a front page that declares no feed: the first well-known path that is a feed', async () => {
		const result = await runCli(['print', '--logical', '--headlines', undeclared.url('/')]);
		expect(result.code).toBe(0);
		expect(lines(result)).toEqual([
			'خبرگزاری نمونه — الأكثر قراءة',
			'1. خط آهن جدید میان دو استان افتتاح شد [1]',
			'2. جشنواره فیلم کوتاه با حضور هنرمندان جوان آغاز شد [2]',
			'3. یارانه نان در سال آینده تغییر نمی‌کند [3]',
			'خبرگزاری نمونه — آخر الأخبار',
			'1. خبر تازه درباره ترافیک تهران امروز [4]',
		]);
		expect(undeclared.requests.some(request => request.path === '/feed')).toBe(true);
	});

	it('an article page: its own article first, then the most-read list, then the latest', async () => {
		const result = await runCli(['print', '--logical', '--headlines', undeclared.url('/fa/news/8115/film-festival')]);
		expect(result.code).toBe(0);
		expect(lines(result)).toEqual([
			'خبرگزاری نمونه — الأكثر قراءة',
			'جشنواره فیلم کوتاه با حضور هنرمندان جوان آغاز شد [1]',
			'1. خط آهن جدید میان دو استان افتتاح شد [2]',
			'2. یارانه نان در سال آینده تغییر نمی‌کند [3]',
			'خبرگزاری نمونه — آخر الأخبار',
			'1. خبر تازه درباره ترافیک تهران امروز [4]',
		]);
	});

	it('a site whose feed hangs: its page\'s lists come at once, the joined edition when the feed gives up, with a warning', async () => {
		const pages: LoadResult[] = [];
		const started = performance.now();
		const loading = loadSource(undeclared.url('/fa/hung-feed-front'), {cache: false, fetchOptions: {timeoutMs: 1500}, onPage: result => pages.push(result)});
		await expect.poll(() => pages.length, {timeout: 1000}).toBe(1);
		expect(performance.now() - started).toBeLessThan(1500);
		// Judged an article page by its path: its own article, then the list.
		expect(pages[0]!.edition.headlines.map(item => item.rank)).toEqual([undefined, 1, 2, 3]);
		const final = await loading;
		expect(final.edition.headlines.slice(0, 4)).toEqual(pages[0]!.edition.headlines);
		expect(final.warnings.join('\n')).toMatch(/hung-feed-front: its feed could not be read \(.*timed out/);
	});

	it('a page that declares only a category feed: reading and sources add both take the first well-known path', async () => {
		const home = makeHome('akhbar-site-category-');
		const read = await runCli(['print', '--logical', '--headlines', undeclared.url('/fa/category-front')], {home});
		expect(lines(read).at(-1)).toBe('1. خبر تازه درباره ترافیک تهران امروز [5]');
		const listed = await runCli(['sources', 'add', '--list', undeclared.url('/fa/category-front')], {home});
		expect(lines(listed)).toEqual([`1. ${undeclared.origin}/fa/category/economy/feed  اقتصادی`, `2. ${undeclared.origin}/feed  خلاصة الموقع  *`]);
	});

	it('sources add stores the site and its feed; --list numbers the feeds; --feed N picks one', async () => {
		const home = makeHome('akhbar-site-add-');
		const listed = await runCli(['sources', 'add', '--list', declared.url('/')], {home});
		expect(listed.code).toBe(0);
		expect(lines(listed)).toEqual([
			`1. ${declared.origin}/rss/category/sport.xml  أخبار الرياضة`,
			`2. ${declared.origin}/rss/all.xml  كل الأخبار  *`,
		]);

		const added = await runCli(['sources', 'add', declared.url('/')], {home});
		expect(added.code).toBe(0);
		expect(lines(added)).toEqual([`added 1. ${declared.origin}/  (feed ${declared.origin}/rss/all.xml): a site, its latest news from that feed`]);
		const picked = await runCli(['sources', 'add', undeclared.url('/'), '--feed', '1'], {home});
		expect(picked.code).toBe(0);
		const config = JSON.parse(readFileSync(path.join(home, 'config', 'akhbar', 'config.json'), 'utf8')) as {sources: unknown};
		expect(config.sources).toEqual([
			{url: `${declared.origin}/`, feed: `${declared.origin}/rss/all.xml`},
			{url: `${undeclared.origin}/`, feed: `${undeclared.origin}/feed`},
		]);

		// The configured site reads its stored feed.
		const printed = await runCli(['print', '--logical', '--headlines'], {home});
		expect(lines(printed)).toContain('صحيفة الواحة — آخر الأخبار');
		const wrong = await runCli(['sources', 'add', declared.url('/?edition=2'), '--feed', '9'], {home});
		expect(wrong.code).toBe(1);
		expect(wrong.stderr).toMatch(/no feed number 9; the site offers 2/);
	});
});
