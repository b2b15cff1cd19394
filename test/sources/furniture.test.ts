import {describe, expect, it} from 'vitest';
import type {Block} from '../../source/model.js';
import {authorName, structuredSiteName, titleSuffix} from '../../source/sources/byline.js';
import {commentPolicyPhrases, furniturePhrases, removeFurniture, restatesStart, subscribePhrases} from '../../source/sources/furniture.js';

// Every text here is written for these tests: long paragraphs stand for the story, short lines
// for the furniture pages put around and inside it.
const p = (text: string): Block => ({kind: 'paragraph', text});
const story = [
	'خرج صيادو القرية قبل الفجر كعادتهم، وعادوا عند الظهر بقوارب نصف فارغة بعد أسبوع من الرياح الشديدة التي أغلقت الميناء.',
	'وقال أكبرهم سنا إن البحر تغير في السنوات الأخيرة، وإن الأسماك التي كانت تقترب من الشاطئ صارت تبتعد أكثر فأكثر كل موسم.',
	'ويأمل الصيادون أن تعود المواسم الجيدة، لكنهم بدأوا يفكرون في أعمال أخرى يعيلون بها أسرهم إذا طال انتظارهم هذا العام.',
].map(p);
const texts = (blocks: Block[]) => blocks.map((block) => block.text);

describe('removeFurniture', () => {
	it('judges the lines a <br> made as blocks, and puts the lines it keeps back into their paragraph', () => {
		// One element for the whole story, its paragraphs and the agency's marker on lines of it.
		const one = p([...texts(story), '--(وكالة المرفأ)'].join('\n'));
		expect(texts(removeFurniture([one]))).toEqual([texts(story).join('\n')]);
		// A paragraph none of whose lines goes is the paragraph as it came.
		const lines = p(texts(story).join('\n'));
		expect(removeFurniture([lines])[0]).toBe(lines);
		// A counter on a line between two of the story's lines goes; the lines either side stay lines.
		const counted = p([story[0]!.text, '1.2k', story[1]!.text].join('\n'));
		expect(texts(removeFurniture([counted, story[2]!]))).toEqual([`${story[0]!.text}\n${story[1]!.text}`, story[2]!.text]);
	});

	it('keeps every paragraph of a story that has no furniture', () => {
		expect(removeFurniture(story, {title: 'صيادو القرية'})).toEqual(story);
	});

	it('drops the headline and the standfirst said again, and a block already shown', () => {
		const blocks = [p('صيادو القرية ينتظرون البحر'), {kind: 'deck' as const, text: story[0]!.text}, ...story, story[2]!];
		expect(texts(removeFurniture(blocks, {title: 'صيادو القرية ينتظرون البحر'}))).toEqual(texts(story));
	});

	it('drops a standfirst that only restates the first paragraph with a letter spelled another way', () => {
		const deck = {kind: 'deck' as const, text: story[0]!.text.replace('القرية', 'القريه').slice(0, 70) + '...'};
		expect(restatesStart(deck.text, story)).toBe(true);
		expect(texts(removeFurniture([deck, ...story]))).toEqual(texts(story));
	});

	it('drops a deck that is the site name from the page title', () => {
		const blocks = [{kind: 'deck' as const, text: 'جريدة الساحل'}, ...story];
		expect(texts(removeFurniture(blocks, {pageTitle: 'صيادو القرية ينتظرون البحر - جريدة الساحل'}))).toEqual(texts(story));
	});

	it('drops skip links, the suggested-stories block they skip and its end marker', () => {
		const blocks = [
			story[0]!,
			p('تخطى القصص المقترحة وواصل القراءة'),
			{kind: 'heading' as const, text: 'قصص مقترحة'},
			p('مدينة تزرع أشجارا على أسطح مبانيها'),
			p('نهاية القصص المقترحة'),
			...story.slice(1),
		];
		const links = ['تخطى القصص المقترحة وواصل القراءة', 'مدينة تزرع أشجارا على أسطح مبانيها'];
		const kept = texts(removeFurniture(blocks, {links}));
		expect(kept).not.toContain('تخطى القصص المقترحة وواصل القراءة');
		expect(kept).not.toContain('مدينة تزرع أشجارا على أسطح مبانيها');
		expect(kept).toEqual(expect.arrayContaining(texts(story)));
	});

	it('drops image credits and caption labels but keeps the caption text', () => {
		const caption = {kind: 'caption' as const, text: 'قارب صغير يعود إلى الميناء بعد رحلة طويلة في عرض البحر'};
		const blocks = [story[0]!, p('صدر الصورة، وكالة المرفأ'), p('© وكالة المرفأ / سامي'), caption, p('سامي الراوي/وكالة المرفأ'), ...story.slice(1)];
		expect(texts(removeFurniture(blocks))).toEqual([story[0]!.text, caption.text, ...texts(story.slice(1))]);
	});

	it('drops byline label-value pairs and a date line the meta line already holds', () => {
		const blocks = [p('Author, Lina Haddad'), p('Role, Coast correspondent'), p('الأربعاء، 12 آذار 2025، 14:30'), ...story];
		expect(texts(removeFurniture(blocks))).toEqual(texts(story));
	});

	it('drops buttons and counters: copy-link, zeros of share counters, reading time, app-store lines', () => {
		const blocks = [
			p('انسخ الرابط'),
			p('0'),
			p('0'),
			p('3min'),
			story[0]!,
			p('حمل الآن تطبيق جريدة الساحل'),
			p('Google Play'),
			...story.slice(1),
		];
		expect(texts(removeFurniture(blocks))).toEqual(texts(story));
	});

	it('drops what follows the story: a tag list, next and previous links, a comment policy, follow-us lines, an end marker', () => {
		const blocks = [
			...story,
			{kind: 'item' as const, text: 'الصيد'},
			{kind: 'item' as const, text: 'البحر'},
			p('التالي'),
			p('موسم الزيتون يبدأ مبكرا'),
			p('السابق'),
			p('التعليقات المنشورة تعبر عن آراء كتابها، ونرجو الالتزام بقواعد النشر واحترام الآخرين عند كتابة أي تعليق على هذا الخبر أو غيره.'),
			p('تابعونا عبر غوغل نيوز'),
			p('انتهای پیام'),
		];
		expect(texts(removeFurniture(blocks, {links: ['الصيد', 'البحر', 'موسم الزيتون يبدأ مبكرا']}))).toEqual(texts(story));
	});

	it('keeps a short last sentence of the story, quoted code lines, and a brief with no long paragraph', () => {
		const last = p('وعاد الهدوء إلى الميناء.');
		expect(texts(removeFurniture([...story, last]))).toEqual([...texts(story), last.text]);
		const caption = {kind: 'caption' as const, text: 'قارب صغير في الميناء'};
		expect(removeFurniture([...story, caption])).toEqual([...story, caption]);
		const code = [{kind: 'quote' as const, text: 'list: ['}, {kind: 'quote' as const, text: 'list: ['}, {kind: 'quote' as const, text: ']'}];
		expect(removeFurniture([...story, ...code, story[2]!].slice(0, 6))).toEqual([...story, ...code]);
		const facts = Array.from({length: 4}, (_, n) => [p(`معلومة قصيرة رقم ${n + 1} عن الميناء`), {kind: 'caption' as const, text: `صورة رقم ${n + 1}`}]).flat();
		expect(removeFurniture([...story, ...facts])).toEqual([...story, ...facts]);
		const brief = [p('خبر قصير'), p('وآخر')];
		expect(removeFurniture(brief)).toEqual(brief);
	});
});

describe('phrase lists (the last signal), one example each', () => {
	const cases: Array<[readonly RegExp[], string]> = [
		[furniturePhrases, 'تابعوا آخر الأخبار عبر جوجل نيوز'],
		[furniturePhrases, 'Follow us on Google News'],
		[furniturePhrases, 'ما را در گوگل نیوز دنبال کنید'],
		[furniturePhrases, 'App Store'],
		[furniturePhrases, 'حمل تطبيق الجريدة'],
		[furniturePhrases, 'ایپ ڈاؤن لوڈ کریں'],
		[furniturePhrases, 'اپلیکیشن روزنامه را نصب کنید'],
		[furniturePhrases, 'Copy link'],
		[furniturePhrases, 'نسخ الرابط'],
		[furniturePhrases, 'کپی لینک'],
		[furniturePhrases, 'لنک کاپی کریں'],
		[furniturePhrases, 'העתק קישור'],
		[furniturePhrases, 'انتهای پیام/م'],
		[furniturePhrases, 'A colleague contributed to this report.'],
		[furniturePhrases, 'This story originally appeared in another paper.'],
		[furniturePhrases, 'شارك في إعداد التقرير مراسلنا'],
		[furniturePhrases, 'Read more: the harbour at night'],
		[furniturePhrases, 'اقرأ أيضا: الميناء ليلا'],
		[furniturePhrases, 'بیشتر بخوانید: بندر در شب'],
		[furniturePhrases, 'یہ بھی پڑھیں: رات کی بندرگاہ'],
		[furniturePhrases, 'קראו עוד: הנמל בלילה'],
		[furniturePhrases, 'Skip to content'],
		[furniturePhrases, 'تخطى القصص المقترحة'],
		[furniturePhrases, 'رد شوید و ادامه دهید'],
		[furniturePhrases, 'דלג לתוכן'],
		[commentPolicyPhrases, 'Comments are moderated under our guidelines'],
		[commentPolicyPhrases, 'The views in the comments do not reflect the opinions of the paper.'],
		[commentPolicyPhrases, 'الآراء الواردة لا تعبر عن رأي الموقع'],
		[commentPolicyPhrases, 'نظرات پس از تایید منتشر می‌شود'],
		[commentPolicyPhrases, 'قارئین کے تبصرے'],
		[commentPolicyPhrases, 'התגובות מתפרסמות לאחר אישור'],
		[subscribePhrases, 'Sign up for our weekly newsletter'],
		[subscribePhrases, 'اشترك في النشرة البريدية'],
		[subscribePhrases, 'عضویت در خبرنامه'],
		[subscribePhrases, 'ہمارا نیوز لیٹر'],
		[subscribePhrases, 'הירשמו לניוזלטר'],
	];
	it.each(cases)('%#: matches its phrase', (list, text) => {
		expect(list.some((pattern) => pattern.test(text))).toBe(true);
	});

	it('leaves the story sentences of the tests alone', () => {
		for (const block of story) {
			expect([...furniturePhrases, ...commentPolicyPhrases, ...subscribePhrases].some((pattern) => pattern.test(block.text))).toBe(false);
		}
	});
});

describe('the meta line', () => {
	const context = {siteName: 'جريدة الساحل', pageTitle: 'صيادو القرية - جريدة الساحل', url: 'https://sahel-daily.example/news/1'};
	it('shows an author only when it reads as a name', () => {
		expect(authorName('لينا حداد', context)).toBe('لينا حداد');
		expect(authorName('By Lina Haddad', context)).toBe('Lina Haddad');
		expect(authorName('بقلم: لينا حداد', context)).toBe('لينا حداد');
		expect(authorName('https://sahel-daily.example/images/author-12.jpg', context)).toBeUndefined();
		expect(authorName('جريدة الساحل', context)).toBeUndefined();
		expect(authorName('(المرفأ - جريدة الساحل)', context)).toBeUndefined();
		expect(authorName('sahel-daily', context)).toBeUndefined();
		expect(authorName('HARBOURTOWN —', context)).toBeUndefined();
		expect(authorName('الموضوع: الصيد في البحر المتوسط', context)).toBeUndefined();
		expect(authorName('Lina Haddad, coast correspondent for the daily paper since 2019', context)).toBeUndefined();
	});

	it('takes the site name from structured data, else the shorter end of the page title', () => {
		const graph = JSON.stringify({'@graph': [{'@type': 'NewsArticle', publisher: {'@type': 'Organization', name: 'جريدة الساحل'}}]});
		expect(structuredSiteName([graph])).toBe('جريدة الساحل');
		expect(structuredSiteName(['{"@type":"WebSite","name":"Sahel Daily"}'])).toBe('Sahel Daily');
		expect(structuredSiteName(['not json'])).toBeUndefined();
		expect(titleSuffix('صيادو القرية ينتظرون البحر | جريدة الساحل')).toBe('جريدة الساحل');
		expect(titleSuffix('جريدة الساحل - صيادو القرية ينتظرون البحر')).toBe('جريدة الساحل');
		expect(titleSuffix('صيادو القرية ينتظرون البحر')).toBeUndefined();
	});
});
