import {readFileSync} from 'node:fs';
import {describe, expect, it} from 'vitest';
import type {Edition} from '../../source/model.js';
import {parseFeed, type FeedFormat} from '../../source/sources/feed.js';
import {failure} from '../helpers/source-error.js';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/feeds/${name}`, import.meta.url), 'utf8');
const read = (name: string, format: FeedFormat) => parseFeed(fixture(name), name, format);
const titles = (edition: Edition) => edition.headlines.map((headline) => headline.title);
const lastParagraph = (edition: Edition, article: number) => edition.articles[article - 1]!.blocks.at(-1)!.text;
const everything = (edition: Edition) => JSON.stringify(edition);

describe('RSS 2.0 with content:encoded, dc:creator and an enclosure', () => {
	const edition = read('rss-full.xml', 'rss');

	it('names the edition after the channel, decoded, and lists the latest items', () => {
		expect(edition.name).toBe('صحيفة الواحة & أخبارها');
		expect(edition.list).toBe('latest');
		expect(edition.lang).toBe('ar');
		expect(edition.notes).toEqual([]);
	});

	it('decodes entities in titles, numeric ones and doubly escaped ones included', () => {
		expect(titles(edition)).toEqual([
			'افتتاح مكتبة عامة جديدة في حي "النخيل" & الأهالي يرحبون',
			'تقرير مطول: موسم الأمطار وأثره على مزارع الواحة',
			'عاجل: انقطاع الماء عن وسط المدينة لساعتين',
			'مهرجان التمور يعود بعد غياب العامين',
		]);
	});

	it('ranks items by position and numbers only the items that have text', () => {
		expect(edition.headlines.map((headline) => [headline.rank, headline.article])).toEqual([
			[1, 1],
			[2, 2],
			[3, undefined],
			[4, 3],
		]);
		expect(edition.articles).toHaveLength(3);
	});

	it('keys by guid, else link, else source and title', () => {
		expect(edition.headlines.map((headline) => headline.key)).toEqual([
			'rss-full.xml#id:alwaha-2024-0001',
			'https://alwaha.example/news/rain-season',
			'https://alwaha.example/news/water-cut',
			'rss-full.xml#مهرجان التمور يعود بعد غياب العامين',
		]);
		expect(read('rss-full.xml', 'rss').headlines.map((headline) => headline.key)).toEqual(
			edition.headlines.map((headline) => headline.key),
		);
	});

	it('reads author, date and link; an invalid date is left out', () => {
		expect(edition.articles[0]).toMatchObject({
			author: 'سلمى العطار',
			date: '2024-03-02T06:15:00.000Z',
			url: 'https://alwaha.example/news/library-opens',
			lang: 'ar',
		});
		expect(edition.articles[2]!.date).toBeUndefined();
	});

	it('uses the full content:encoded with headings, captions, quotes and items in place', () => {
		const article = edition.articles[0]!;
		expect(article.summaryOnly).toBeUndefined();
		expect(article.blocks.map((block) => block.kind)).toEqual([
			'deck',
			'paragraph',
			'heading',
			'paragraph',
			'caption',
			'quote',
			'item',
			'item',
			'paragraph',
		]);
		expect(lastParagraph(edition, 1)).toBe(
			'وأكدت إدارة المكتبة أن الاشتراك سيبقى مجانيا خلال السنة الأولى، وأن برنامجا أسبوعيا للقراءة الجماعية سيبدأ مطلع الشهر المقبل بمشاركة كتاب من المنطقة.',
		);
	});

	it('keeps a long content:encoded whole, to the last word of its last paragraph', () => {
		const article = edition.articles[1]!;
		const text = article.blocks.map((block) => block.text).join('\n');
		expect(text.length).toBeGreaterThan(2000);
		expect(lastParagraph(edition, 2).length).toBeGreaterThan(1700);
		expect(lastParagraph(edition, 2)).toMatch(/^ويختم عبد الرحيم حديثه .* نهاية الفقرة الأخيرة\.$/);
	});

	it('falls back to the description when there is no content:encoded', () => {
		expect(edition.articles[2]!.blocks.map((block) => block.text)).toEqual([
			'يعود مهرجان التمور السنوي إلى ساحة السوق القديم بعد غياب دام عامين، بمشاركة أكثر من خمسين مزارعا من القرى المجاورة.',
			'وتشمل الفعاليات مسابقة لأجود أنواع التمر وسوقا للحرف اليدوية\u00A0وأمسيات شعرية.'.replace('\u00A0', ' '),
		]);
	});

	it('lets no script, style, iframe or enclosure text through', () => {
		expect(everything(edition)).not.toMatch(/LEAK|library-large/);
		// The audio file is the article's enclosure, never its text.
		expect(JSON.stringify(edition.articles.map((article) => article.blocks))).not.toMatch(/library\.mp3/);
	});

	it('keeps the audio enclosure with its type and size, and leaves the picture out', () => {
		expect(edition.articles[0]!.enclosures).toEqual([
			{url: 'https://alwaha.example/audio/library.mp3', medium: 'audio', type: 'audio/mpeg', bytes: 123_456},
		]);
		expect(edition.articles[1]!.enclosures).toBeUndefined();
	});
});

describe('RSS with only short descriptions', () => {
	const edition = read('rss-short.xml', 'rss');

	it('marks short summaries with a link as summaryOnly so the reader can fetch the page', () => {
		expect(edition.articles.map((article) => article.summaryOnly)).toEqual([true, true, undefined]);
	});

	it('resolves relative links against the channel link, decodes escaped HTML descriptions', () => {
		expect(edition.headlines[0]!.url).toBe('https://sahl-news.example/economy/bread-prices');
		expect(edition.articles[1]!.blocks).toEqual([{kind: 'paragraph', text: 'فاز فريق المدينة بكأس الدوري المحلي بعد مباراة مثيرة …'}]);
	});

	it('reads RFC 822 dates with two-digit years and named zones, and ISO dates', () => {
		expect(edition.headlines.map((headline) => headline.date)).toEqual([
			'2024-03-04T17:00:00.000Z',
			'2024-03-03T18:30:00.000Z',
			undefined,
		]);
	});
});

describe('RSS 1.0 (RDF)', () => {
	const edition = read('rdf.xml', 'rdf');

	it('reads items beside the channel, with dc:date, dc:creator and dc:language', () => {
		expect(edition.name).toBe('موجة | الأخبار بالعربية');
		expect(edition.lang).toBe('ar');
		expect(titles(edition)).toEqual(['باحثون يرصدون هجرة طيور نادرة فوق الصحراء', 'مدرسة ريفية تفوز بجائزة للابتكار']);
		expect(edition.articles[0]).toMatchObject({author: 'فريق موجة', date: '2024-02-28T14:20:00.000Z'});
		expect(edition.headlines.map((headline) => headline.key)).toEqual([
			'https://mawja.example/ar/a-101',
			'https://mawja.example/ar/a-102',
		]);
	});
});

describe('Atom', () => {
	const edition = read('atom.xml', 'atom');

	it('reads text, html and xhtml titles', () => {
		expect(titles(edition)).toEqual([
			'الصيادون يعودون إلى البحر بعد العاصفة',
			'سوق السمك يستعيد نشاطه & الأسعار تنخفض',
			'Harbour repairs begin',
		]);
	});

	it('reads text content as paragraphs, with the differing summary as a deck', () => {
		expect(edition.articles[0]!.blocks).toEqual([
			{kind: 'deck', text: 'عاد الصيادون إلى البحر بعد أسبوع من العاصفة.'},
			{kind: 'paragraph', text: 'عاد الصيادون صباح اليوم إلى البحر بعد أسبوع كامل من العاصفة التي أغلقت الميناء.'},
			{kind: 'paragraph', text: 'وقال أحد الصيادين إن الشباك تضررت كثيرا وإنه سيحتاج أياما لإصلاحها.'},
		]);
	});

	it('reads html content without its script, and xhtml content with its caption in place', () => {
		expect(edition.articles[1]!.blocks.map((block) => block.text)).toEqual([
			'استعاد سوق السمك نشاطه المعتاد، وانخفضت الأسعار بعد عودة القوارب.',
			'ويتوقع التجار أن يستمر الانخفاض حتى نهاية الشهر.',
		]);
		expect(edition.articles[2]!.blocks).toEqual([
			{kind: 'paragraph', text: 'بدأت أعمال ترميم رصيف الميناء القديم & ستستمر شهرين.'},
			{kind: 'caption', text: 'الرصيف القديم قبل الترميم'},
			{kind: 'paragraph', text: 'Work on the old pier will take two months.'},
		]);
		expect(everything(edition)).not.toContain('LEAK');
	});

	it('takes xml:lang from the feed, overridden per entry; the feed author fills in', () => {
		expect(edition.lang).toBe('ar');
		expect(edition.articles.map((article) => article.lang)).toEqual(['ar', 'ar', 'en']);
		expect(edition.articles.map((article) => article.author)).toEqual(['ليلى بن عمر', 'هيئة التحرير', 'هيئة التحرير']);
	});

	it('keys by id and resolves relative links against the feed', () => {
		expect(edition.headlines[0]).toMatchObject({
			key: 'tag:sahil.example,2024:entry-1',
			url: 'https://sahil.example/2024/03/fishers-return',
			date: '2024-03-05T07:00:00.000Z',
		});
	});
});

describe('JSON Feed', () => {
	it('reads version 1.1: authors, language, content_html and content_text', () => {
		const edition = read('jsonfeed-1.1.json', 'jsonfeed');
		expect(edition.name).toBe('نشرة الجبل');
		expect(edition.lang).toBe('ar');
		expect(edition.articles[0]).toMatchObject({author: 'كريم الجبلي', date: '2024-01-15T04:30:00.000Z'});
		expect(edition.articles[1]!.author).toBe('تحرير النشرة');
		expect(edition.articles[1]!.blocks.map((block) => block.text)).toEqual([
			'وزع متطوعون من شباب القرية الحطب على بيوت كبار السن.',
			'وقالت إحدى المتطوعات إن الحملة ستستمر طوال فصل الشتاء.',
		]);
		expect(edition.headlines[1]!.url).toBe('https://jabal.example/502');
	});

	it('gives an untitled item a title from the start of its text, and keeps the text whole', () => {
		const edition = read('jsonfeed-1.1.json', 'jsonfeed');
		expect(edition.headlines[2]!.title).toMatch(/^خبر قصير بلا عنوان .*…$/);
		expect(lastParagraph(edition, 3)).toMatch(/ويقدم الخبز الساخن للجميع\.$/);
		expect(edition.headlines[2]!.key).toBe('jsonfeed-1.1.json#id:503');
	});

	it('reads version 1.0: author object, summary as deck or as the only text', () => {
		const edition = read('jsonfeed-1.0.json', 'jsonfeed');
		expect(edition.articles[0]!.author).toBe('مكتب الوادي');
		expect(edition.articles[0]!.blocks[0]).toEqual({kind: 'deck', text: 'افتتح جسر جديد يربط ضفتي الوادي.'});
		expect(edition.articles[1]).toMatchObject({summaryOnly: true, date: '2024-02-09T16:00:00.000Z'});
	});

	it('returns the complete items of a JSON Feed cut short, with a note', () => {
		const text = fixture('jsonfeed-1.1.json');
		const cut = text.slice(0, text.indexOf('"id": 503') + 4);
		const edition = parseFeed(cut, 'cut.json', 'jsonfeed');
		expect(titles(edition)).toEqual(['الثلوج تغلق طريق القرى الجبلية', 'متطوعون يوزعون الحطب على كبار السن']);
		expect(edition.notes).toEqual(['truncated: 2 items read']);
		expect(edition.name).toBe('نشرة الجبل');
	});

	it('refuses JSON that is not a JSON Feed, and says where broken JSON broke', () => {
		expect(failure(() => parseFeed('{"title": "x"}', 'f.json', 'jsonfeed')).message).toBe(
			'f.json: not a feed: no JSON Feed version',
		);
		expect(failure(() => parseFeed('{"version": "https://jsonfeed.org/version/1.1",\n"items": [', 'f.json', 'jsonfeed')).message).toBe(
			'f.json: not a feed: unexpected end of JSON at line 2',
		);
		expect(failure(() => parseFeed('{"version": "https://jsonfeed.org/version/1.1",\n"items": [}, 1]}', 'f.json', 'jsonfeed')).message).toBe(
			"f.json: not a feed: bad JSON: unexpected '}'",
		);
	});
});

describe('hostile and broken feeds', () => {
	it('refuses a billion-laughs DOCTYPE at once', () => {
		const error = failure(() => read('bomb-nested.xml', 'rss'));
		expect(error.message).toBe('bomb-nested.xml: not a feed: entity expansion refused: entities defined by other entities');
	});

	it('stops a wide entity expansion at the parser limit', () => {
		const error = failure(() => read('bomb-wide.xml', 'rss'));
		expect(error.message).toMatch(/^bomb-wide\.xml: not a feed: entity expansion refused: /);
		expect(error.message).not.toContain('\n');
	});

	it('never reads an external entity: /etc/passwd never appears', () => {
		for (const name of ['xxe.xml', 'xxe-parameter.xml']) {
			const error = failure(() => read(name, 'rss'));
			expect(error.message).toMatch(/not a feed: (external|parameter) entities refused$/);
			expect(error.message).not.toMatch(/root:|nologin|\/bin\/(ba)?sh/);
		}
	});

	it('refuses an external entity even past the early check, in the parser itself', () => {
		const sneaky = '<?xml version="1.0"?>\n<!DOCTYPE rss [<!ENTITY\n\tpasswd\tSYSTEM "file:///etc/passwd">]><rss><channel><title>&passwd;</title><item><title>x</title></item></channel></rss>';
		let output = '';
		try {
			output = JSON.stringify(parseFeed(sneaky, 's', 'rss'));
		} catch (error) {
			output = String(error);
		}

		expect(output).not.toMatch(/root:|nologin/);
	});

	it('never loads an external DTD either', () => {
		const edition = parseFeed(
			'<?xml version="1.0"?>\n<!DOCTYPE rss SYSTEM "file:///etc/passwd">\n<rss><channel><title>t</title><item><title>خبر</title></item></channel></rss>',
			'dtd',
			'rss',
		);
		expect(titles(edition)).toEqual(['خبر']);
		expect(everything(edition)).not.toMatch(/root:|nologin/);
	});

	it('returns the items read before a truncation, with a note', () => {
		const edition = read('truncated.xml', 'rss');
		expect(titles(edition)).toEqual(['الخبر الأول يصل كاملا', 'الخبر الثاني يصل كاملا أيضا']);
		expect(edition.notes).toEqual(['truncated: 2 items read']);
		expect(lastParagraph(edition, 2)).toBe('نص الخبر الثاني كامل & سليم.');
	});

	it('recovers a truncated Atom feed cut inside a tag', () => {
		const atom = fixture('atom.xml');
		const cut = atom.slice(0, atom.indexOf('<entry xml:lang="en">') + 12);
		const edition = parseFeed(cut, 'a', 'atom');
		expect(edition.headlines).toHaveLength(2);
		expect(edition.notes).toEqual(['truncated: 2 items read']);
	});

	it('says where a feed truncated before its first item ends', () => {
		const text = fixture('truncated.xml');
		const cut = text.slice(0, text.indexOf('<item>') + 10);
		expect(failure(() => parseFeed(cut, 'cut.xml', 'rss')).message).toBe(
			`cut.xml: not a feed: unexpected end of XML at line ${cut.split('\n').length}`,
		);
	});

	it('names the problem in malformed XML, on one line with its line number', () => {
		expect(failure(() => read('malformed.xml', 'rss')).message).toBe(
			"malformed.xml: not a feed: expected closing tag 'title' (opened in line 6, col 1) instead of closing tag 'item' at line 6",
		);
	});

	it('calls an empty channel an empty feed', () => {
		expect(failure(() => read('empty-channel.xml', 'rss')).message).toBe('empty-channel.xml: empty feed');
		expect(failure(() => parseFeed('<rss version="2.0"></rss>', 'e', 'rss')).message).toBe('e: empty feed');
	});

	it('refuses empty input, binary garbage and a document that is not a feed', () => {
		expect(failure(() => parseFeed('  \n', 'x', 'rss')).message).toBe('x: not a feed: empty document');
		const garbage = String.fromCharCode(...Array.from({length: 400}, (_, index) => (index * 7919) % 256));
		const error = failure(() => parseFeed(garbage, 'bin', 'rss'));
		expect(error.message).toMatch(/^bin: not a feed: /);
		expect(error.message).not.toMatch(/[\u0000-\u001f\u007f-\u009f]/);
		expect(failure(() => parseFeed('<html><body><p>x</p></body></html>', 'p', 'rss')).message).toBe(
			'p: not a feed: root element <html>',
		);
	});

	it('does not count ordinary escapes against the entity limits', () => {
		const items = Array.from(
			{length: 300},
			(_, index) => `<item><title>خبر &amp;amp; ${index}</title><description>&lt;p&gt;نص &amp;amp; &lt;b&gt;عريض&lt;/b&gt;&lt;/p&gt;</description></item>`,
		).join('');
		const edition = parseFeed(`<rss><channel><title>t</title>${items}</channel></rss>`, 'escapes', 'rss');
		expect(edition.headlines).toHaveLength(300);
		expect(edition.articles[299]!.blocks).toEqual([{kind: 'paragraph', text: 'نص & عريض'}]);
	});

	it('reads a feed with bare ampersands and blank lines before the declaration', () => {
		const edition = parseFeed(
			'\n\n<?xml version="1.0"?>\n<rss><channel><title>AT&T</title><item><title>أ & ب</title><link><![CDATA[https://x.example/?a=1&b=2]]></link><description>ج &amp; د & هـ</description></item></channel></rss>',
			'amp',
			'rss',
		);
		expect(edition.name).toBe('AT&T');
		expect(edition.headlines[0]).toMatchObject({title: 'أ & ب', url: 'https://x.example/?a=1&b=2'});
		expect(edition.articles[0]!.blocks).toEqual([{kind: 'paragraph', text: 'ج & د & هـ'}]);
	});

	it('reads descriptions written as raw, unescaped HTML', () => {
		const edition = parseFeed(
			'<rss><channel><title>t</title><item><title>خبر</title><description>سطر أول<br>سطر ثان <img src="x.jpg"> &amp; ثالث</description></item></channel></rss>',
			'raw',
			'rss',
		);
		expect(edition.articles[0]!.blocks.map((block) => block.text)).toEqual(['سطر أول\nسطر ثان & ثالث']);
		expect(edition.notes).toEqual([]);
	});

	it('counts line numbers from the top of the document as given', () => {
		expect(failure(() => parseFeed(`\n\n${fixture('malformed.xml')}`, 'm', 'rss')).message).toMatch(/ at line 8$/);
	});

	it('drops a repeated item instead of listing it twice', () => {
		const item = '<item><guid>tag:x,1</guid><title>مكرر</title></item>';
		const edition = parseFeed(`<rss><channel><title>t</title>${item}${item}</channel></rss>`, 'd', 'rss');
		expect(edition.headlines).toHaveLength(1);
	});

	it('keeps javascript: links out', () => {
		const edition = parseFeed(
			'<rss><channel><item><title>x</title><link>javascript:alert(1)</link></item></channel></rss>',
			'j',
			'rss',
		);
		expect(edition.headlines[0]!.url).toBeUndefined();
	});

	it('strips escape sequences from titles and bodies', () => {
		const edition = parseFeed(
			'<rss><channel><title>t\u001b]0;pwned\u0007</title><item><title>عنوان\u001b[31m أحمر</title><description>نص\u009b2J هنا</description></item></channel></rss>',
			'e',
			'rss',
		);
		expect(everything(edition)).not.toMatch(/\\u001b|\\u009b|\u001b|\u009b|\\u0007/);
	});
});

describe('large feeds', () => {
	it('reads 100,000 items without overflowing the stack', () => {
		const items = Array.from(
			{length: 100_000},
			(_, index) => `<item><guid>g${index}</guid><title>خبر رقم ${index}</title><description>نص الخبر ${index}</description></item>`,
		).join('\n');
		const edition = parseFeed(`<?xml version="1.0"?><rss><channel><title>كبير</title>${items}</channel></rss>`, 'big', 'rss');
		expect(edition.headlines).toHaveLength(100_000);
		expect(edition.headlines.at(-1)).toMatchObject({rank: 100_000, article: 100_000, title: 'خبر رقم 99999'});
	});
});

describe('the direction a feed declares (text/direction.ts uses it)', () => {
	const rss = (channel: string, item: string) =>
		`<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>t</title>${channel}<item${item}><title>Apple تطلق هاتفا</title><description>نص</description></item><item><title>ثان</title></item></channel></rss>`;

	it('RSS: the channel\'s language, dc:language or xml:lang; an item\'s own dc:language or xml:lang', () => {
		const declared = parseFeed(rss('<language>ar-EG</language>', ''), 'r', 'rss');
		expect(declared.dir).toBe('rtl');
		// The item declares nothing: the feed's applies.
		expect(declared.headlines[0]!.dir).toBeUndefined();
		expect(declared.articles[0]!.dir).toBeUndefined();
		expect(parseFeed(rss('<dc:language>fa</dc:language>', ''), 'r', 'rss').dir).toBe('rtl');
		expect(parseFeed(rss('', ''), 'r', 'rss').dir).toBeUndefined();
		expect(parseFeed(rss('<language>en-us</language>', ''), 'r', 'rss').dir).toBe('ltr');
		const item = parseFeed(rss('<language>en</language>', ' xml:lang="ar"'), 'r', 'rss');
		expect(item.headlines.map((headline) => headline.dir)).toEqual(['rtl', undefined]);
		expect(item.articles[0]!.dir).toBe('rtl');
	});

	it('Atom: xml:lang on the feed, an entry or its content', () => {
		const edition = read('atom.xml', 'atom');
		expect(edition.dir).toBe('rtl');
		expect(edition.headlines.map((headline) => headline.dir)).toEqual([undefined, undefined, 'ltr']);
		expect(edition.articles.map((article) => article.dir)).toEqual([undefined, undefined, 'ltr']);
		const content = parseFeed(
			'<feed xmlns="http://www.w3.org/2005/Atom"><title>t</title><entry><id>1</id><title>x</title><content type="text" xml:lang="he">טקסט</content></entry></feed>',
			'a',
			'atom',
		);
		expect(content.dir).toBeUndefined();
		expect(content.articles[0]!.dir).toBe('rtl');
	});

	it('JSON Feed: language on the feed and on an item', () => {
		const edition = parseFeed(
			JSON.stringify({version: 'https://jsonfeed.org/version/1.1', title: 't', language: 'ar', items: [{id: '1', title: 'x', content_text: 'y', language: 'en'}, {id: '2', title: 'z', content_text: 'w'}]}),
			'j',
			'jsonfeed',
		);
		expect(edition.dir).toBe('rtl');
		expect(edition.articles.map((article) => article.dir)).toEqual(['ltr', undefined]);
	});

	it('an element\'s dir or lang in an item\'s HTML is its block\'s', () => {
		const edition = parseFeed(
			rss('<language>ar</language>', '').replace('<description>نص</description>', '<description><![CDATA[<p>فقرة</p><blockquote lang="en"><p>A quote</p></blockquote><p dir="rtl">Apple عربي</p>]]></description>'),
			'r',
			'rss',
		);
		expect(edition.articles[0]!.blocks).toEqual([
			{kind: 'paragraph', text: 'فقرة'},
			{kind: 'quote', text: 'A quote', dir: 'ltr'},
			{kind: 'paragraph', text: 'Apple عربي', dir: 'rtl'},
		]);
	});
});
