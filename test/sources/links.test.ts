/**
 * What sources keep of an article's links and of the files a feed item carries: links with
 * their words, resolved and checked; enclosures from RSS, Media RSS, Atom and JSON Feed with
 * every field checked.
 */
import {describe, expect, it} from 'vitest';
import {enclosureFrom, itemEnclosures, parseDuration, parseSize} from '../../source/sources/enclosures.js';
import {parseFeed} from '../../source/sources/feed.js';
import {htmlToBlocks, LinkCollector} from '../../source/sources/html-blocks.js';
import {extractArticle} from '../../source/sources/html.js';

function linksOf(html: string, base?: string) {
	const links = new LinkCollector(base);
	const blocks = htmlToBlocks(html, links);
	return {blocks, links: links.links};
}

describe('links in article text', () => {
	it('keeps each <a href> with its words, relative ones resolved against the base, in order', () => {
		const {blocks, links} = linksOf(
			'<p>قال <a href="/ar/people/1">الوزير</a> في <a href="https://other.example/report.pdf"><b>تقرير</b> رسمي</a>.</p><p><a href="../img.jpg"><img src="x.jpg"></a></p>',
			'https://news.example/ar/story/7',
		);
		expect(links).toEqual([
			{url: 'https://news.example/ar/people/1', text: 'الوزير'},
			{url: 'https://other.example/report.pdf', text: 'تقرير رسمي'},
			{url: 'https://news.example/ar/img.jpg'},
		]);
		// The words stay in the text where they were.
		expect(blocks[0]!.text).toBe('قال الوزير في تقرير رسمي.');
	});

	it('leaves out javascript:, mailto:, data:, in-page anchors and relative links with no base', () => {
		const {links} = linksOf('<p><a href="javascript:alert(1)">a</a><a href="mailto:x@y.example">b</a><a href="data:text/html,x">c</a><a href="#note">d</a><a href="/x">e</a><a>f</a></p>');
		expect(links).toEqual([]);
	});

	it('keeps each URL once; a later mention gives words to one that had none', () => {
		const {links} = linksOf('<p><a href="https://x.example/a"><img src="a.jpg"></a> <a href="https://x.example/a">الصورة</a> <a href="https://x.example/a">مرة ثالثة</a></p>');
		expect(links).toEqual([{url: 'https://x.example/a', text: 'الصورة'}]);
	});

	it('strips escape sequences and controls from the words, and never keeps a URL with them', () => {
		const {links} = linksOf('<p><a href="https://x.example/\u001B]52;c;eA==\u0007">نص\u001B[31m أحمر\u009B2J</a></p>');
		expect(links).toHaveLength(1);
		expect(links[0]!.url).not.toMatch(/[\u0000-\u001F\u007F-\u009F ]/);
		expect(links[0]!.text).not.toMatch(/[\u0000-\u001F\u007F-\u009F]/);
	});

	it('keeps no words from a script or a hidden element inside a link', () => {
		const {links} = linksOf('<p><a href="https://x.example/a">مرئي<script>SCRIPT</script><span hidden>HIDDEN</span></a></p>');
		expect(links).toEqual([{url: 'https://x.example/a', text: 'مرئي'}]);
	});

	it('keeps at most 1000 links, and reads 20,000 of them without trouble', () => {
		const html = Array.from({length: 20_000}, (_, index) => `<a href="https://x.example/${index}">${index}</a>`).join(' ');
		const {links} = linksOf(`<p>${html}</p>`);
		expect(links).toHaveLength(1000);
		expect(links.at(-1)).toEqual({url: 'https://x.example/999', text: '999'});
	});

	it('feed items keep their links, relative to the item; a teaser shown above the body gives its links first', () => {
		const edition = parseFeed(
			`<rss><channel><title>t</title><link>https://news.example/</link>
<item><title>خبر</title><link>https://news.example/ar/1</link>
<description>&lt;a href="teaser"&gt;الملخص&lt;/a&gt; قصير</description>
<content:encoded><![CDATA[<p>نص فيه <a href="/ar/2">خبر آخر</a> و<a href="javascript:x()">شيء</a>.</p>]]></content:encoded></item>
<item><title>ثان</title><description>&lt;p&gt;&lt;a href="https://x.example/"&gt;هنا&lt;/a&gt;&lt;/p&gt;</description></item>
</channel></rss>`,
			'f',
			'rss',
		);
		expect(edition.articles[0]!.links).toEqual([
			{url: 'https://news.example/ar/teaser', text: 'الملخص'},
			{url: 'https://news.example/ar/2', text: 'خبر آخر'},
		]);
		expect(edition.articles[1]!.links).toEqual([{url: 'https://x.example/', text: 'هنا'}]);
	});

	it('a page read in reader mode keeps the links of its article, resolved against the page', () => {
		const paragraph = (n: number) => `<p>هذه فقرة طويلة رقم ${n} من الخبر فيها <a href="/news/${n}">رابط ${n}</a> وكلام كثير يملأ السطر حتى تعدها القراءة نصا حقيقيا لا قائمة روابط.</p>`;
		const html = `<!doctype html><html lang="ar"><head><title>t</title></head><body><nav><a href="/nav">قائمة</a></nav><article><h1>عنوان الخبر الطويل هنا</h1>${[1, 2, 3, 4].map(paragraph).join('')}</article></body></html>`;
		const article = extractArticle(html, 'https://site.example/a/b.html', 'https://site.example/a/b.html');
		expect(article.links).toEqual([1, 2, 3, 4].map(n => ({url: `https://site.example/news/${n}`, text: `رابط ${n}`})));
	});
});

describe('enclosure fields', () => {
	it('reads durations in seconds and in iTunes clock forms', () => {
		expect(parseDuration('2530')).toBe(2530);
		expect(parseDuration('42:10')).toBe(2530);
		expect(parseDuration('1:02:03')).toBe(3723);
		expect(parseDuration('75:30')).toBe(4530);
		expect(parseDuration('12.6')).toBe(13);
		expect(parseDuration(61)).toBe(61);
	});

	it('refuses durations that are not durations', () => {
		for (const bad of ['', 'abc', '1:60', '1:02:60', '-5', '0', '00:00', '1e9', '12:34:56:78', 'NaN', 'Infinity', '١٢', ' 42:10 x', Number.NaN, -3, Infinity, 10 ** 9, {}, [], null, undefined, true]) {
			expect(parseDuration(bad)).toBeUndefined();
		}
	});

	it('reads sizes as whole bytes and refuses anything else', () => {
		expect(parseSize('39845888')).toBe(39_845_888);
		expect(parseSize(1024)).toBe(1024);
		for (const bad of ['0', '-1', '1.5', '12 MB', '', '1e6', '9999999999999999', 0, -1, 1.5, Number.NaN, 2 ** 60, '٣٠']) {
			expect(parseSize(bad)).toBeUndefined();
		}
	});

	it('refuses unsafe URLs, keeps images out, and drops a type that is no MIME type', () => {
		expect(enclosureFrom({url: 'javascript:alert(1)', type: 'audio/mpeg'})).toBeUndefined();
		expect(enclosureFrom({url: 'file:///etc/passwd', type: 'audio/mpeg'})).toBeUndefined();
		expect(enclosureFrom({url: 'https://x.example/a.jpg', type: 'image/jpeg'})).toBeUndefined();
		expect(enclosureFrom({url: 'https://x.example/a.jpg'})).toBeUndefined();
		expect(enclosureFrom({url: 'https://x.example/a.mp3', type: 'audio/mpeg\u001B[2J'})).toEqual({url: 'https://x.example/a.mp3', medium: 'audio'});
		expect(enclosureFrom({url: 'ep.m4a'}, 'https://pod.example/show/')).toEqual({url: 'https://pod.example/show/ep.m4a', medium: 'audio'});
		expect(enclosureFrom({url: 'https://x.example/doc.pdf', type: 'application/pdf'})).toEqual({url: 'https://x.example/doc.pdf', medium: 'file', type: 'application/pdf'});
	});

	it('states each file once, the fields of its mentions merged; the iTunes duration goes to the first to play', () => {
		const files = [
			{url: 'https://x.example/cover.jpg'},
			{url: 'https://x.example/ep.mp3', type: 'audio/mpeg', size: '100'},
			{url: 'https://x.example/ep.mp3', medium: 'audio', duration: '90'},
			{url: 'https://x.example/ep.mp4', type: 'video/mp4'},
		];
		expect(itemEnclosures(files, undefined, '10:00')).toEqual([
			{url: 'https://x.example/ep.mp3', medium: 'audio', type: 'audio/mpeg', bytes: 100, seconds: 90},
			{url: 'https://x.example/ep.mp4', medium: 'video', type: 'video/mp4'},
		]);
		expect(itemEnclosures(files.slice(0, 2), undefined, '10:00')).toEqual([
			{url: 'https://x.example/ep.mp3', medium: 'audio', type: 'audio/mpeg', bytes: 100, seconds: 600},
		]);
	});
});

describe('enclosures in feeds', () => {
	it('RSS: <enclosure>, itunes:duration, and Media RSS content and groups (the default rendition)', () => {
		const edition = parseFeed(
			`<rss xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd" xmlns:media="http://search.yahoo.com/mrss/"><channel><title>بودكاست</title><link>https://pod.example/</link>
<item><title>الحلقة ١</title><link>https://pod.example/1</link><description>عن الحلقة</description>
<enclosure url="https://cdn.example/1.mp3" length="39845888" type="audio/mpeg"/><itunes:duration>42:10</itunes:duration></item>
<item><title>فيديو</title><link>https://pod.example/2</link>
<media:group><media:content url="https://cdn.example/2-low.mp4" type="video/mp4" fileSize="1000"/><media:content url="https://cdn.example/2-hd.mp4" type="video/mp4" duration="615" fileSize="900000" isDefault="true"/></media:group>
<media:content url="https://cdn.example/2.jpg" medium="image"/></item>
<item><title>رديء</title><enclosure url="javascript:alert(1)" length="-4" type="audio/mpeg"/><enclosure url="/3.ogg" length="lots" type="audio/ogg"/><itunes:duration>forever</itunes:duration></item>
</channel></rss>`,
			'pod',
			'rss',
		);
		expect(edition.articles.map((article) => article.enclosures)).toEqual([
			[{url: 'https://cdn.example/1.mp3', medium: 'audio', type: 'audio/mpeg', bytes: 39_845_888, seconds: 2530}],
			[{url: 'https://cdn.example/2-hd.mp4', medium: 'video', type: 'video/mp4', seconds: 615, bytes: 900_000}],
			[{url: 'https://pod.example/3.ogg', medium: 'audio', type: 'audio/ogg'}],
		]);
		// An episode with no description is still an article: its file is what there is to show
		// (and its page, when it has one, may have the text).
		expect(edition.headlines.map((headline) => headline.article)).toEqual([1, 2, 3]);
		expect(edition.articles[1]!.blocks).toEqual([]);
		expect(edition.articles[1]!.summaryOnly).toBe(true);
		expect(edition.articles[2]!.summaryOnly).toBeUndefined();
	});

	it('Atom: link rel="enclosure" with its type, length and title', () => {
		const edition = parseFeed(
			`<feed xmlns="http://www.w3.org/2005/Atom"><title>t</title><link href="https://pod.example/"/>
<entry><id>1</id><title>حلقة</title><link href="https://pod.example/1"/><link rel="enclosure" href="/e/1.m4a" type="audio/mp4" length="2048" title="الحلقة كاملة"/><summary>ملخص</summary></entry>
</feed>`,
			'atom',
			'atom',
		);
		expect(edition.articles[0]!.enclosures).toEqual([{url: 'https://pod.example/e/1.m4a', medium: 'audio', type: 'audio/mp4', bytes: 2048, title: 'الحلقة كاملة'}]);
		expect(edition.headlines[0]!.url).toBe('https://pod.example/1');
	});

	it('JSON Feed: attachments with size_in_bytes and duration_in_seconds, each checked', () => {
		const edition = parseFeed(JSON.stringify({
			version: 'https://jsonfeed.org/version/1.1',
			title: 't',
			items: [{
				id: '1',
				title: 'حلقة',
				url: 'https://pod.example/1',
				content_text: 'نص',
				attachments: [
					{url: 'https://cdn.example/1.mp3', mime_type: 'audio/mpeg', size_in_bytes: 5000, duration_in_seconds: 125.4, title: 'صوت'},
					{url: 'https://cdn.example/2.mp3', mime_type: 'audio/mpeg', size_in_bytes: '5000x', duration_in_seconds: -1},
					{url: 42},
					'https://cdn.example/3.mp3',
				],
			}],
		}), 'json', 'jsonfeed');
		expect(edition.articles[0]!.enclosures).toEqual([
			{url: 'https://cdn.example/1.mp3', medium: 'audio', type: 'audio/mpeg', seconds: 125, bytes: 5000, title: 'صوت'},
			{url: 'https://cdn.example/2.mp3', medium: 'audio', type: 'audio/mpeg'},
		]);
	});

	it('a podcast feed of 500 episodes reads whole, each with its file, duration and size', () => {
		const items = Array.from({length: 500}, (_, index) => `<item><title>الحلقة ${index + 1}: حديث عن الكتب</title><link>https://pod.example/ep/${index + 1}</link><guid>ep-${index + 1}</guid>
<pubDate>Mon, 0${(index % 9) + 1} Jun 2025 08:00:00 +0300</pubDate><description><![CDATA[<p>في هذه الحلقة نتحدث عن <a href="/books/${index}">كتاب</a> جديد.</p>]]></description>
<enclosure url="https://cdn.pod.example/ep-${index + 1}.mp3" length="${(index + 1) * 1_000_000}" type="audio/mpeg"/>
<itunes:duration>${Math.floor(index / 60)}:${String(index % 60).padStart(2, '0')}:05</itunes:duration></item>`).join('\n');
		const edition = parseFeed(`<?xml version="1.0" encoding="UTF-8"?><rss version="2.0" xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd"><channel><title>بودكاست عربي</title><link>https://pod.example/</link><language>ar</language>\n${items}\n</channel></rss>`, 'pod', 'rss');
		expect(edition.headlines).toHaveLength(500);
		expect(edition.articles).toHaveLength(500);
		for (const [index, article] of edition.articles.entries()) {
			expect(article.enclosures).toEqual([{
				url: `https://cdn.pod.example/ep-${index + 1}.mp3`,
				medium: 'audio',
				type: 'audio/mpeg',
				bytes: (index + 1) * 1_000_000,
				seconds: (Math.floor(index / 60) * 3600) + ((index % 60) * 60) + 5,
			}]);
			expect(article.links).toEqual([{url: `https://pod.example/books/${index}`, text: 'كتاب'}]);
		}
	});
});
