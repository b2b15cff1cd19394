/**
 * Small editions written for these tests, and a helper that says how a string looks on screen
 * (shaped and in visual order), so assertions can look for it in a frame.
 */
import type {Article, Block, Edition, Headline} from '../../source/model.js';
import {fitLine} from '../../source/text/layout.js';
import {defaultTextOptions, type TextOptions} from '../../source/text/options.js';
import {cellWidth} from '../../source/text/width.js';

export const titles = [
	'افتتاح مدرسة جديدة في الحي القديم',
	'ارتفاع أسعار القمح في الأسواق المحلية',
	'فريق المدينة يفوز بالبطولة بعد غياب طويل',
	'دراسة: النوم المبكر يحسن التركيز',
	'معرض للكتاب يستقبل الزوار حتى نهاية الشهر',
];

function body(index: number, paragraphs: number): Block[] {
	const blocks: Block[] = [{kind: 'deck', text: `ملخص الخبر رقم ${index + 1} في سطر واحد قصير`}];
	for (let p = 0; p < paragraphs; p++) {
		blocks.push({kind: 'paragraph', text: `هذه الفقرة ${p + 1} من الخبر ${index + 1}، وفيها كلام يكفي لملء سطرين أو ثلاثة في لوح المقال حين يكون عرضه متوسطا.`});
		if (p === 1) blocks.push({kind: 'caption', text: 'صورة من المكان صباح اليوم'});
		if (p === 2) blocks.push({kind: 'item', text: 'نقطة أولى في قائمة قصيرة'});
	}

	return blocks;
}

export type EditionOptions = {
	source?: string;
	name?: string;
	list?: Edition['list'];
	paragraphs?: number;
	/** Headlines to add after the five with text. */
	extra?: Headline[];
	lang?: string;
};

export function fakeEdition(options: EditionOptions = {}): Edition {
	const source = options.source ?? 'https://news.example/feed.xml';
	const articles: Article[] = titles.map((title, index) => ({
		key: `${source}#${index + 1}`,
		title,
		url: `https://news.example/${index + 1}`,
		author: 'سلمى',
		date: '2026-11-28T09:30:00Z',
		blocks: body(index, options.paragraphs ?? 6),
	}));
	const headlines: Headline[] = titles.map((title, index) => ({
		key: `${source}#${index + 1}`,
		title,
		url: `https://news.example/${index + 1}`,
		rank: (options.list ?? 'most-read') === 'most-read' ? index + 1 : undefined,
		article: index + 1,
	}));
	return {
		source,
		name: options.name ?? 'أخبار المدينة',
		list: options.list ?? 'most-read',
		headlines: [...headlines, ...(options.extra ?? [])],
		articles,
		lang: options.lang ?? 'ar',
		notes: [],
	};
}

/** How `text` appears in a frame: shaped and reordered as the app draws it. */
export function shown(text: string, options: Partial<TextOptions> = {}): string {
	return fitLine(text, cellWidth(text) + 2, {...defaultTextOptions, ...options}, 'left').trimEnd();
}
