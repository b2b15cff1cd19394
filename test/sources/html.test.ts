import {readFileSync} from 'node:fs';
import {describe, expect, it} from 'vitest';
import {SourceError} from '../../source/sources/errors.js';
import {extractArticle, parsePage} from '../../source/sources/html.js';
import {failure} from '../helpers/source-error.js';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/pages/${name}`, import.meta.url), 'utf8');
const pageUrl = 'https://daffa.example/ar/village-solar';

describe('an article page with a most-read list', () => {
	const edition = parsePage(fixture('article.html'), 'article.html', pageUrl);
	const article = edition.articles[0]!;

	it('lists the page article first, unranked, then the most-read list in page order', () => {
		expect(edition.name).toBe('جريدة الضفة');
		expect(edition.list).toBe('most-read');
		expect(edition.lang).toBe('ar');
		expect(edition.headlines[0]).toEqual({
			key: 'https://daffa.example/ar/village-solar',
			title: 'قرية صغيرة تضيء شوارعها بالطاقة الشمسية',
			url: 'https://daffa.example/ar/village-solar',
			date: '2024-03-07T09:20:00.000Z',
			article: 1,
		});
		expect(edition.headlines.slice(1).map((headline) => [headline.rank, headline.title, headline.url])).toEqual([
			[1, 'متطوعون ينظفون ضفاف النهر في يوم واحد', 'https://daffa.example/ar/river-cleanup'],
			[2, 'إعادة افتتاح أقدم دار سينما في المدينة', 'https://daffa.example/ar/old-cinema'],
			[3, 'قرية صغيرة تضيء شوارعها بالطاقة الشمسية', 'https://daffa.example/ar/village-solar'],
			[4, 'خباز شاب يفوز بجائزة أفضل خبز تقليدي', 'https://daffa.example/ar/bakery-prize?ref=most-read'],
			[5, 'سوق ليلي جديد يجذب العائلات & السياح', 'https://daffa.example/ar/night-market'],
		]);
	});

	it('numbers every listed item: the page itself is article 1, the others link-only articles in list order', () => {
		expect(edition.headlines.slice(1).map((headline) => headline.article)).toEqual([2, 3, 1, 4, 5]);
		expect(edition.articles.slice(1)).toEqual([
			expect.objectContaining({title: 'متطوعون ينظفون ضفاف النهر في يوم واحد', url: 'https://daffa.example/ar/river-cleanup', blocks: [], summaryOnly: true}),
			expect.objectContaining({url: 'https://daffa.example/ar/old-cinema', blocks: []}),
			expect.objectContaining({url: 'https://daffa.example/ar/bakery-prize?ref=most-read', blocks: []}),
			expect.objectContaining({url: 'https://daffa.example/ar/night-market', blocks: []}),
		]);
	});

	it('reads title, deck, byline and date', () => {
		expect(article).toMatchObject({
			title: 'قرية صغيرة تضيء شوارعها بالطاقة الشمسية',
			author: 'نادية القاسم',
			date: '2024-03-07T09:20:00.000Z',
			lang: 'ar',
		});
		expect(article.blocks[0]).toEqual({kind: 'deck', text: 'بعد سنوات من العتمة، قرر سكان قرية جبلية أن يصنعوا نورهم بأيديهم.'});
	});

	it('keeps body paragraphs whole with the caption in place, and no byline or date line in the body', () => {
		expect(article.blocks.map((block) => block.kind)).toEqual(['deck', 'paragraph', 'paragraph', 'caption', 'paragraph', 'paragraph']);
		expect(article.blocks[3]!.text).toBe('مصابيح تعمل بالطاقة الشمسية في أحد أزقة القرية');
		expect(article.blocks.at(-1)!.text).toBe(
			'ويخطط الشباب الآن لمشروع ثان: مضخة ماء تعمل بالطاقة الشمسية لسقي البساتين المعلقة على سفح الجبل، وقد بدأوا بالفعل جمع التبرعات، على أن يبدأ العمل قبل حلول الصيف المقبل.',
		);
		expect(JSON.stringify(article.blocks)).not.toMatch(/بقلم|٧ مارس/);
	});

	it('lets no script, JSON-LD, style, navigation, sidebar or footer text into the article', () => {
		const text = JSON.stringify(edition);
		expect(text).not.toMatch(/LEAK/);
		expect(JSON.stringify(article.blocks)).not.toMatch(/اقتصاد|خبر آخر|متطوعون ينظفون|جميع الحقوق/);
	});

	it('resolves the list against the source URL when no page URL is given', () => {
		const fromSource = parsePage(fixture('article.html'), 'https://daffa.example/ar/village-solar');
		expect(fromSource.headlines[1]!.url).toBe('https://daffa.example/ar/river-cleanup');
	});

	it('resolves the list of a page saved to a file against the URL the page names as its own', () => {
		const saved = parsePage(fixture('article.html'), 'saved/article.html');
		expect(saved.headlines.slice(1).map(headline => headline.url)).toEqual(edition.headlines.slice(1).map(headline => headline.url));
		expect(saved.headlines.slice(1).map(headline => headline.article)).toEqual([2, 3, 1, 4, 5]);
		expect(parsePage(fixture('article.html').replace(/<link rel="canonical"[^>]*>/, ''), 'saved/article.html').headlines[1]!.url).toBeUndefined();
	});
});

describe('an article page with no most-read list', () => {
	const edition = parsePage(fixture('article-no-list.html'), 'article-no-list.html');

	it('has the article alone, as the latest', () => {
		expect(edition.list).toBe('latest');
		expect(edition.headlines).toHaveLength(1);
		expect(edition.name).toBe('article-no-list.html');
	});

	it('uses the meta description as the deck and keys by source and title when there is no URL', () => {
		const article = edition.articles[0]!;
		expect(article.key).toBe('article-no-list.html#ورشة لتعليم الخط العربي للأطفال');
		expect(article.blocks[0]).toEqual({kind: 'deck', text: 'ورشة صيفية تعلم الأطفال أسس الخط العربي.'});
		expect(article.blocks.at(-1)!.text).toMatch(/^وقال الخطاط .* بمستقبل هذا الفن\.$/);
		expect(article.blocks.filter((block) => block.kind === 'paragraph')).toHaveLength(3);
	});
});

describe('most-read headings', () => {
	const page = (heading: string, list = '<ul><li><a href="/1">أول</a></li><li><a href="/2">ثان</a></li></ul>') =>
		`<html><body><article><h1>عنوان</h1><p>${'نص المقال. '.repeat(40)}</p></article>${heading}${list}</body></html>`;

	it.each([
		'<h3>الأكثر مشاهدة</h3>',
		'<h2>الأكثر قراءة اليوم</h2>',
		'<div role="heading">Most read</div>',
		'<div class="block-title">Most popular</div>',
		'<span class="widget-header">الأكثر   قراءةً</span>',
	])('finds the list after %s', (heading) => {
		const edition = parsePage(page(heading), 'p', 'https://site.example/a/b');
		expect(edition.list).toBe('most-read');
		expect(edition.headlines.slice(1).map((headline) => headline.url)).toEqual([
			'https://site.example/1',
			'https://site.example/2',
		]);
	});

	it('takes a trending list (الأكثر تداولاً) only as trending, and says so', () => {
		const edition = parsePage(page('<h4>الأكثر تداولاً</h4>'), 'p', 'https://site.example/a/b');
		expect(edition.list).toBe('trending');
		expect(edition.headlines.slice(1).map((headline) => headline.list)).toEqual(['trending', 'trending']);
	});

	it('ignores other lists and paragraphs that merely mention the phrase', () => {
		const edition = parsePage(
			page('<h2>اقرأ أيضا</h2><p>الأكثر قراءة في هذا الموقع هو ما يلي من أخبار كثيرة جدا</p>'),
			'p',
			'https://site.example/',
		);
		expect(edition.list).toBe('latest');
	});

	it('removes a rank number printed inside the link', () => {
		const edition = parsePage(
			page('<h2>الأكثر قراءة</h2>', '<ol><li><a href="/1">1. أول</a></li><li><a href="/2">٢ ثان</a></li></ol>'),
			'p',
			'https://site.example/a/b',
		);
		expect(edition.headlines.slice(1).map((headline) => headline.title)).toEqual(['أول', 'ثان']);
	});
});

describe('page details', () => {
	const body = (paragraph: string) =>
		`<p>${paragraph}</p><p>${'وفقرة ثانية طويلة بما يكفي ليعدها القارئ جزءا من المقال. '.repeat(4)}</p>`;

	it('shows no deck when the meta description only repeats the first paragraph', () => {
		const first = 'افتتحت المدينة حديقة عامة كبيرة على ضفة النهر بعد ثلاث سنوات من العمل المتواصل.';
		const html = `<html><head><meta name="description" content="افتتحت المدينة حديقة عامة كبيرة على ضفة النهر..."></head><body><article><h1>حديقة</h1>${body(first)}</article></body></html>`;
		const article = extractArticle(html, 's');
		expect(article.blocks[0]).toEqual({kind: 'paragraph', text: first});
	});

	it('takes the headline, not the site logo, when neither is inside an article element', () => {
		const html = `<html><head><title>سوق الكتب يعود إلى الساحة | جريدة النهر</title></head><body><header><h1>جريدة النهر</h1></header><div><h1>سوق الكتب يعود إلى الساحة</h1>${body('عاد سوق الكتب المستعملة إلى ساحة المدينة.')}</div></body></html>`;
		expect(extractArticle(html, 's').title).toBe('سوق الكتب يعود إلى الساحة');
	});

	it('keeps a most-read list that sits inside the article out of its text', () => {
		const list = '<h3>الأكثر قراءة</h3><ul>' + [1, 2, 3, 4, 5].map((rank) => `<li><a href="/n/${rank}">عنوان خبر شائع رقم ${rank} في القائمة</a></li>`).join('') + '</ul>';
		const html = `<html><body><article><h1>عنوان</h1>${body('النص الأول للخبر في هذه الصفحة.')}${list}</article></body></html>`;
		const edition = parsePage(html, 's', 'https://site.example/a');
		expect(edition.headlines).toHaveLength(6);
		expect(JSON.stringify(edition.articles[0]!.blocks)).not.toMatch(/الأكثر قراءة|خبر شائع/);
		expect(JSON.stringify(extractArticle(html, 's').blocks)).not.toMatch(/الأكثر قراءة|خبر شائع/);
	});

	it('takes no deck from a lead image caption', () => {
		const html = `<html><body><article><h1>عنوان</h1><figure class="lead-image"><figcaption>تعليق على الصورة الرئيسية</figcaption></figure>${body('النص الأول للخبر في هذه الصفحة.')}</article></body></html>`;
		expect(extractArticle(html, 's').blocks[0]!.kind).not.toBe('deck');
	});

	it('decodes a title once and never takes script text into it', () => {
		const html = `<html><body><article><h1>أ &amp;lt; ب<script>SCRIPT-LEAK</script></h1>${body('نص المقال الأول هنا.')}</article></body></html>`;
		const article = extractArticle(html, 's');
		expect(article.title).toBe('أ &lt; ب');
		expect(JSON.stringify(article)).not.toContain('LEAK');
	});
});

describe('extractArticle', () => {
	it('returns the article of a linked page', () => {
		const article = extractArticle(fixture('article.html'), 'https://daffa.example/x', 'https://daffa.example/x');
		expect(article.title).toBe('قرية صغيرة تضيء شوارعها بالطاقة الشمسية');
		expect(article.url).toBe('https://daffa.example/ar/village-solar');
		expect(article.blocks.length).toBeGreaterThan(4);
	});

	it('falls back to the page paragraphs, outside navigation, when reader mode finds only scraps', () => {
		const article = extractArticle('<html><body><p>سطر قصير.</p><nav><p>قائمة</p></nav></body></html>', 's');
		expect(article.blocks).toEqual([{kind: 'paragraph', text: 'سطر قصير.'}]);
	});

	it('reads a very deep page with the fallback, still leaving navigation out', () => {
		const nested = (inner: string) => '<div>'.repeat(300) + inner + '</div>'.repeat(300);
		const article = extractArticle(`<html><body><nav><p>قائمة</p></nav>${nested('<p>فقرة عميقة.</p>')}</body></html>`, 's');
		expect(article.blocks).toEqual([{kind: 'paragraph', text: 'فقرة عميقة.'}]);
	});

	it('says so when a page has no article text at all', () => {
		expect(failure(() => extractArticle('<html><head><script>x()</script></head><body><nav><a href="/">x</a></nav></body></html>', 's')).message).toBe(
			's: no article text found',
		);
		expect(failure(() => extractArticle('', 's')).message).toBe('s: no article text found');
	});

	it('reads a page of 10,000 nested elements without overflowing the stack', () => {
		const depth = 10_000;
		const html = `<html><body>${'<div>'.repeat(depth)}<p>نص في أعماق الصفحة.</p>${'</div>'.repeat(depth)}</body></html>`;
		const article = extractArticle(html, 'deep');
		expect(article.blocks).toEqual([{kind: 'paragraph', text: 'نص في أعماق الصفحة.'}]);
	});

	it('reads a page of 100,000 nested elements, its nesting bounded before parsing', () => {
		const depth = 100_000;
		const html = `<html><body>${'<div>'.repeat(depth)}<p>نص في أعماق الصفحة.</p>${'</div>'.repeat(depth)}</body></html>`;
		expect(extractArticle(html, 'deeper').blocks).toEqual([{kind: 'paragraph', text: 'نص في أعماق الصفحة.'}]);
	});

	it('reads a page whose text sits in divs and line breaks, without paragraphs', () => {
		const html = `<html><body><nav><a href="/">الرئيسية</a></nav>${'<div>'.repeat(200)}سطر أول من الخبر<br>سطر ثان من الخبر${'</div>'.repeat(200)}</body></html>`;
		expect(extractArticle(html, 'divs').blocks.map((block) => block.text)).toEqual(['سطر أول من الخبر\nسطر ثان من الخبر']);
	});

	it('survives malformed HTML and binary garbage', () => {
		const article = extractArticle('<html><body><p>فقرة <b>غير مغلقة<p>وأخرى</div></span>', 's');
		expect(article.blocks.map((block) => block.text)).toEqual(['فقرة غير مغلقة', 'وأخرى']);
		const garbage = String.fromCharCode(...Array.from({length: 500}, (_, index) => (index * 7919) % 256));
		let text = '';
		try {
			text = JSON.stringify(extractArticle(garbage, 'bin'));
		} catch (error) {
			expect(error).toBeInstanceOf(SourceError);
		}

		expect(text).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
	});
});

describe('the direction a page declares (text/direction.ts uses it)', () => {
	const body = '<article><h1>Apple تطلق هاتفها الجديد في الأسواق</h1><p>فقرة أولى من الخبر فيها كلام كاف ليعدها القارئ نص المقال الرئيسي في هذه الصفحة.</p><p dir="ltr">Apple said: "It is our best phone yet", in a statement on Tuesday.</p><section lang="en"><p>An English paragraph quoted in full, long enough to be kept as part of the article.</p><p>And a second one.</p></section></article>';
	const page = (html: string, body_: string) => `<!doctype html>${html}<head><title>t</title></head>${body_}</html>`;

	it('<html lang>: the page\'s and its article\'s', () => {
		const edition = parsePage(page('<html lang="ar">', `<body>${body}</body>`), 'p');
		expect(edition.dir).toBe('rtl');
		expect(edition.articles[0]!.dir).toBe('rtl');
		expect(parsePage(page('<html lang="en">', `<body>${body}</body>`), 'p').dir).toBe('ltr');
		expect(parsePage(page('<html>', `<body>${body}</body>`), 'p').dir).toBeUndefined();
	});

	it('dir wins over lang, on <html> or else <body>', () => {
		expect(parsePage(page('<html lang="en" dir="rtl">', `<body>${body}</body>`), 'p').dir).toBe('rtl');
		expect(parsePage(page('<html>', `<body dir="rtl">${body}</body>`), 'p').dir).toBe('rtl');
		expect(parsePage(page('<html dir="auto" lang="fa">', `<body>${body}</body>`), 'p').dir).toBe('rtl');
		// A full text fetched for a feed item carries the page's declaration with it.
		expect(extractArticle(page('<html dir="rtl">', `<body>${body}</body>`), 'p').dir).toBe('rtl');
	});

	it('an element\'s dir or lang is its blocks\'', () => {
		const blocks = extractArticle(page('<html lang="ar">', `<body>${body}</body>`), 'p').blocks;
		const english = blocks.filter((block) => block.dir === 'ltr').map((block) => block.text);
		expect(english).toEqual([
			'Apple said: "It is our best phone yet", in a statement on Tuesday.',
			'An English paragraph quoted in full, long enough to be kept as part of the article.',
			'And a second one.',
		]);
		expect(blocks.find((block) => block.text.startsWith('فقرة'))!.dir).toBeUndefined();
	});
});

describe('reader mode without the page furniture (issue 15)', () => {
	// Written for this test: a story page with the furniture real pages put around their stories.
	const story = [
		'خرج صيادو القرية قبل الفجر كعادتهم، وعادوا عند الظهر بقوارب نصف فارغة بعد أسبوع من الرياح الشديدة التي أغلقت الميناء.',
		'وقال أكبرهم سنا إن البحر تغير في السنوات الأخيرة، وإن الأسماك التي كانت تقترب من الشاطئ صارت تبتعد أكثر فأكثر كل موسم.',
		'ويأمل الصيادون أن تعود المواسم الجيدة، لكنهم بدأوا يفكرون في أعمال أخرى يعيلون بها أسرهم إذا طال انتظارهم هذا العام.',
	];
	const page = `<!doctype html><html lang="ar" dir="rtl"><head>
<title>صيادو القرية ينتظرون البحر - جريدة الساحل</title>
<meta property="og:type" content="website">
<meta name="author" content="https://sahel-daily.example/images/logo.png">
<script type="application/ld+json">{"@type":"NewsArticle","publisher":{"@type":"Organization","name":"جريدة الساحل"}}</script>
<link rel="canonical" href="https://sahel-daily.example/coast/2025/3/12/fishermen-wait-for-the-sea/7712345">
</head><body><main><article>
<h1>صيادو القرية ينتظرون البحر</h1>
<p>صيادو القرية ينتظرون البحر</p>
<p>الأربعاء، 12 آذار 2025، 14:30</p>
<p><a href="/share">انسخ الرابط</a></p>
<p>${story[0]}</p>
<figure><img src="boat.jpg" alt=""><figcaption>قارب صغير يعود إلى الميناء بعد رحلة طويلة</figcaption></figure>
<p>سامي الراوي/وكالة المرفأ</p>
<p>${story[1]}</p>
<p>${story[2]}</p>
<p><a href="/tag/fishing">الصيد</a></p>
<p><a href="/coast/olives">موسم الزيتون يبدأ مبكرا في قرى الساحل</a></p>
<p>تابعوا أخبار الساحل عبر غوغل نيوز</p>
</article></main></body></html>`;

	it('shows the story and its caption, a name-less meta line, and the site name from structured data', () => {
		const edition = parsePage(page, 'page.html');
		const article = edition.articles[0]!;
		expect(article.blocks.map((block) => block.text)).toEqual([story[0], 'قارب صغير يعود إلى الميناء بعد رحلة طويلة', story[1], story[2]]);
		expect(article.author).toBeUndefined();
		expect(edition.name).toBe('جريدة الساحل');
	});
});
