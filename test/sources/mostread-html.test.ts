import {readFileSync} from 'node:fs';
import {describe, expect, it} from 'vitest';
import {parsePage} from '../../source/sources/html.js';
import {foldLabel} from '../../source/sources/mostread-html.js';

const site = (name: string) => readFileSync(new URL(`../fixtures/sites/${name}`, import.meta.url), 'utf8');
const ranked = (html: string, url = 'https://site.example/') => {
	const edition = parsePage(html, 'page', url);
	return {edition, items: edition.headlines.filter(headline => headline.rank !== undefined)};
};

const titles = (html: string, url?: string) => ranked(html, url).items.map(item => item.title);

describe('most-read lists in the markup real sites use', () => {
	it('tabs linked by href="#id": the most-read pane, never the latest pane beside it', () => {
		const {edition, items} = ranked(site('tabs-href-id.html'));
		expect(edition.list).toBe('most-read');
		expect(items.map(item => [item.rank, item.url])).toEqual([
			[1, 'https://site.example/news/2026/12/04/library-reopens'],
			[2, 'https://site.example/news/2026/12/03/olive-harvest'],
			[3, 'https://site.example/news/2026/12/02/chess-champion'],
			[4, 'https://site.example/news/2026/12/01/water-network'],
		]);
		expect(items.map(item => item.title)).not.toContain('خطوط حافلات جديدة تربط الأحياء الشرقية بالجامعة');
		// A front page: its teasers are no article, the list is the edition.
		expect(edition.headlines).toHaveLength(4);
	});

	it('tabs linked by href=".class": titles cleaned, a badge link merged into its article, a leading number kept when it is no rank', () => {
		expect(titles(site('tabs-href-class.html'))).toEqual([
			'٣ نصائح بسيطة لتوفير الكهرباء في الشتاء',
			'فريق الحي يصعد إلى الدرجة الأولى لأول مرة',
			'جسر المشاة الجديد يفتتح أمام السكان',
		]);
	});

	it('tabs linked by aria-controls (Hebrew label), the latest tab first', () => {
		const {items} = ranked(site('tabs-aria.html'));
		expect(items.map(item => item.url)).toEqual([
			'https://site.example/item/76500',
			'https://site.example/item/76480',
			'https://site.example/item/76455',
		]);
	});

	it('role="tab" with no reference: the tabpanel in the same place (Urdu label)', () => {
		expect(ranked(site('tabs-role-place.html')).items.map(item => item.url)).toEqual([
			'https://site.example/news/3201',
			'https://site.example/news/3188',
			'https://site.example/news/3170',
		]);
	});

	it('tabs driven by a script: the pane in the same place as the tab among the panes', () => {
		expect(ranked(site('tabs-script.html')).items.map(item => item.url)).toEqual([
			'https://site.example/n/5901',
			'https://site.example/n/5880',
		]);
	});

	it('a module titled by a link to the popular page, its items cards: one item per article, the title link\'s text', () => {
		const {edition, items} = ranked(site('module-cards.html'));
		expect(edition.list).toBe('most-read');
		expect(items.map(item => [item.title, item.url])).toEqual([
			['خط آهن جدید میان دو استان افتتاح شد', 'https://site.example/fa/news/8120/rail-line-opens'],
			['جشنواره فیلم کوتاه با حضور هنرمندان جوان آغاز شد', 'https://site.example/fa/news/8115/film-festival'],
			['یارانه نان در سال آینده تغییر نمی‌کند', 'https://site.example/fa/news/8109/bread-subsidy'],
		]);
	});

	it('never takes category, author or javascript: links in cards, nor the Trending block beside the module', () => {
		const urls = ranked(site('module-cards.html')).items.map(item => item.url ?? '');
		expect(urls.some(url => /category|author|javascript|popular-news|trend/.test(url))).toBe(false);
	});

	it('a container named by its id, when nothing is labelled; never the related or trending blocks', () => {
		const {edition, items} = ranked(site('named-container.html'), 'https://site.example/posts/200-farmers');
		expect(edition.list).toBe('most-read');
		expect(items.map(item => item.url)).toEqual([
			'https://site.example/posts/101-first-market',
			'https://site.example/posts/098-school-garden',
			'https://site.example/posts/095-night-clinic',
		]);
		// The article page keeps its own article first.
		expect(edition.headlines[0]!.title).toBe('مزارعو السهل يجربون الري بالتنقيط لأول مرة');
	});
});

describe('labels', () => {
	const page = (label: string, extra = '') =>
		`<html><body><main><h1>عنوان الخبر</h1><p>${'نص الخبر في هذه الصفحة. '.repeat(30)}</p></main>${extra}<section><div class="box-head">${label}</div><ul>` +
		['أول عنوان في القائمة المرتبة هنا', 'ثاني عنوان في القائمة المرتبة هنا', 'ثالث عنوان في القائمة المرتبة هنا']
			.map((title, index) => `<li><a href="/story/${index + 1}">${title}</a></li>`)
			.join('') +
		'</ul></section></body></html>';

	it.each([
		['Arabic', 'الأكثر قراءة'],
		['Arabic without hamza or ta marbuta', 'الاكثر قراءه'],
		['Arabic with tanween and a day', 'الأكثر قراءةً اليوم'],
		['Arabic, most viewed', 'الأكثر مشاهدة'],
		['Persian', 'پربازدیدترین'],
		['Persian, with its plural', 'پربازدید ها'],
		['Persian, most watched', 'پربیننده‌ترین'],
		['Urdu', 'سب سے زیادہ پڑھی جانے والی'],
		['Hebrew', 'הנקראים ביותר'],
		['English', 'Most read'],
		['English, popular', 'Most popular'],
		['English, viewed', 'Most Viewed'],
	])('%s: %s', (_language, label) => {
		const {edition, items} = ranked(page(label), 'https://site.example/story/0');
		expect(edition.list).toBe('most-read');
		expect(items.map(item => item.url)).toEqual(['https://site.example/story/1', 'https://site.example/story/2', 'https://site.example/story/3']);
	});

	it('folds the forms labels are written in', () => {
		expect(foldLabel('الأكثر قراءةً')).toBe(foldLabel('الاكثر قراءه'));
		expect(foldLabel('پربازدید‌ترین')).toBe(foldLabel('پربازديدترين'));
	});

	const list = (label: string, prefix: string) =>
		`<section><h3>${label}</h3><ol>${[1, 2, 3].map(n => `<li><a href="/${prefix}/${n}">عنوان رقم ${n} من قائمة ${prefix} هنا</a></li>`).join('')}</ol></section>`;

	it('a most-read list beats a most-viewed one, which beats popular, wherever each is', () => {
		const html = `<html><body>${list('الأكثر شعبية', 'popular')}${list('الأكثر مشاهدة', 'viewed')}${list('الأكثر قراءة', 'read')}</body></html>`;
		expect(ranked(html).items[0]!.url).toBe('https://site.example/read/1');
		const noRead = `<html><body>${list('Popular', 'popular')}${list('Most watched', 'viewed')}</body></html>`;
		expect(ranked(noRead).items[0]!.url).toBe('https://site.example/viewed/1');
	});

	it('trending is taken only when nothing else exists, and says it is trending', () => {
		const both = `<html><body>${list('Trending', 'trend')}${list('الأكثر قراءة', 'read')}</body></html>`;
		expect(ranked(both).edition.list).toBe('most-read');
		expect(ranked(both).items[0]!.url).toBe('https://site.example/read/1');
		const alone = `<html><body>${list('الأكثر تداولاً', 'trend')}</body></html>`;
		expect(ranked(alone).edition.list).toBe('trending');
	});

	it('a labelled list beats a container that is only named so', () => {
		const html = `<html><body><div class="most-read">${list('أخبار', 'named')}</div>${list('الأكثر قراءة', 'read')}</body></html>`;
		expect(ranked(html).items[0]!.url).toBe('https://site.example/read/1');
	});

	it('a menu that links the popular page is not a list', () => {
		const html = '<html><body><nav><ul><li><a href="/">الرئيسية</a></li><li><a href="/popular">الأكثر قراءة</a></li><li><a href="/sport">رياضة</a></li><li><a href="/world">عالم</a></li></ul></nav><main><h1>عنوان</h1><p>نص الخبر.</p></main></body></html>';
		expect(ranked(html, 'https://site.example/a/1').edition.list).toBe('latest');
	});
});

describe('ranks and items', () => {
	const section = (items: string, tag = 'ul') => `<html><body><h2>الأكثر قراءة</h2><${tag}>${items}</${tag}></body></html>`;

	it('ranks given as numbers in the markup, as an ordered list, or by order alone are the page order', () => {
		const numbered = section([1, 2, 3].map(n => `<li><span class="num">${'٠١٢٣'[n]}</span><a href="/a/${n}">خبر مهم رقم ${n} في الترتيب</a></li>`).join(''));
		expect(ranked(numbered).items.map(item => [item.rank, item.title])).toEqual([
			[1, 'خبر مهم رقم 1 في الترتيب'],
			[2, 'خبر مهم رقم 2 في الترتيب'],
			[3, 'خبر مهم رقم 3 في الترتيب'],
		]);
		const inLink = section([1, 2].map(n => `<li><a href="/a/${n}"><span>${n}</span><h3>خبر في الرابط رقم ${n} هنا</h3></a></li>`).join(''), 'ol');
		expect(titles(inLink)).toEqual(['خبر في الرابط رقم 1 هنا', 'خبر في الرابط رقم 2 هنا']);
	});

	it('merges duplicates, collapses spacing, drops "more" links and keeps at most 20', () => {
		const items = Array.from({length: 30}, (_, n) => `<li><a href="/s/${n % 25}">  عنوان   الخبر ${n % 25}\n التالي </a></li>`).join('');
		const html = section(`${items}<li><a href="/most-read">المزيد</a></li>`);
		const found = titles(html);
		expect(found).toHaveLength(20);
		expect(found[0]).toBe('عنوان الخبر 0 التالي');
		expect(new Set(found).size).toBe(20);
	});

	it('drops "(فيديو)" badges from titles and never makes them items of their own', () => {
		const html = section('<li><a href="/v/1">(فيديو)</a> <a href="/v/1">لقطات من افتتاح الملعب الجديد</a></li><li><a href="/v/2">عنوان ثان طويل بما يكفي هنا (فيديو)</a></li>');
		expect(titles(html)).toEqual(['لقطات من افتتاح الملعب الجديد', 'عنوان ثان طويل بما يكفي هنا']);
	});

	it('resolves links against the page and never takes javascript: links', () => {
		const html = section('<li><a href="javascript:alert(1)">رابط سيئ لا يؤخذ أبدا هنا</a></li><li><a href="../x/1">أول خبر في القائمة</a></li><li><a href="//other.example/x/2">ثاني خبر في القائمة</a></li>');
		expect(ranked(html, 'https://site.example/ar/news/').items.map(item => item.url)).toEqual([
			'https://site.example/ar/x/1',
			'https://other.example/x/2',
		]);
	});
});
