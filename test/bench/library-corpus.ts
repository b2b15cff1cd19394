/**
 * A generated library for the store's benchmarks and fault tests: `sources` feeds of `items`
 * items each, every item about 1 KB of Arabic news-like text made from a word list written for
 * this project, dated within the last days (so no retention prunes any). Seeded: the same seed
 * gives the same bytes, and the fixed two-word query below has a number of hits known in
 * advance (`expectedHits`), counted from the same generator.
 */
import {fold} from '../../source/text/fold.js';

/** mulberry32: small, seeded, good enough for text. */
export function random(seed: number): () => number {
	let state = seed | 0;
	return () => {
		state = (state + 0x6d2b79f5) | 0;
		let t = Math.imul(state ^ (state >>> 15), 1 | state);
		t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
		return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
	};
}

/** Everyday news vocabulary; none of these contains a query word (checked below). */
const words = `
الحكومة البرلمان الوزير الرئيس المدينة العاصمة الشارع السوق الاقتصاد الميزانية الانتخابات
المعارضة الجامعة الطلاب المدرسة المستشفى الأطباء المرضى الدواء المطار الطائرة القطار الطريق
الجسر الميناء السفينة البحر النهر الصحراء الجبل المطر الرياح الحرارة الشتاء الصيف الربيع
الخريف الزراعة القمح الزيتون النخيل المياه الكهرباء الطاقة الشمس النفط الغاز المصنع العمال
الأجور الأسعار التضخم البنك العملة الدولار التجارة التصدير الاستيراد الشركة المستثمرين البورصة
الأسهم المؤتمر القمة الاتفاق المفاوضات الوفد السفير السفارة المنظمة المجلس اللجنة التقرير
الدراسة الباحثين العلماء المختبر التجربة الفضاء القمر الكوكب النجوم الفريق المباراة الملعب
الجمهور البطولة الكأس اللاعب المدرب الهدف الموسم المهرجان الفيلم المسرح الموسيقى الكتاب
المعرض الرواية الشاعر الفنان المتحف التراث الآثار المدينة القديمة الحي السكان الأسر الأطفال
الشباب النساء كبار السن المتطوعين الجمعية الخدمات البلدية النقل الحافلات الازدحام السيارات
الوقود المحطة الشبكة الإنترنت الهاتف التطبيق البيانات الأمن الشرطة المحكمة القاضي القانون
الدستور الحقوق الحريات الصحافة الإعلام القناة الإذاعة الصحيفة المراسل المصادر البيان
أعلن أكد قال أضاف أوضح أشار كشف نفى بحث ناقش افتتح أطلق وقع استقبل زار غادر وصل عاد بدأ
انتهى استمر توقف ارتفع انخفض تراجع تحسن ازداد سجل بلغ تجاوز حقق خسر فاز تعادل شارك نظم
قرر رفض وافق طالب دعا حذر توقع أعرب رحب انتقد اقترح قدم تسلم منح خصص رصد موّل بنى رمم
اليوم أمس غدا صباح مساء الأسبوع الشهر العام الماضي المقبل الجاري الأول الثاني الثالث الأخير
كبير صغير جديد قديم واسع ضيق سريع بطيء مهم عاجل رسمي محلي دولي إقليمي وطني عربي عالمي
في من إلى على عن مع بعد قبل خلال بين حول عند منذ حتى لدى نحو ضمن عبر دون
و ثم أو بل لكن كما أن إن قد لم لن ما لا هذا هذه ذلك تلك التي الذي الذين
ألف مليون مليار نسبة بالمئة عدد أكثر أقل معظم بعض جميع كل عدة نصف ربع
`.trim().split(/\s+/u);

const sourceNames = `
الأفق النهار الصباح الرافد المنارة الوادي الساحل الراية البوصلة الرصيف الميدان الشروق
الضفة الواحة الينبوع المرفأ القافلة الديوان السنبلة الفنار
`.trim().split(/\s+/u);

/** The fixed query: two words no other word of the list contains, even folded. */
export const libraryQuery = 'مرصد كسوف';
const [queryA, queryB] = libraryQuery.split(' ') as [string, string];

for (const word of words) {
	for (const query of [queryA, queryB]) {
		if (fold(word).includes(fold(query))) throw new Error(`word list: "${word}" contains the query word "${query}"`);
	}
}

/** Which of the query's words an item holds: both (a hit), one of them, or neither. */
type Holds = 'both' | 'a' | 'b' | 'none';

export type LibraryItem = {guid: string; title: string; paragraphs: string[]; date: Date; link: string};

export type LibraryCorpus = {
	sources: number;
	items: number;
	seed: number;
	/** Items are dated back from here. */
	now: Date;
	query: string;
	/** How many items hold both query words. */
	expectedHits: number;
	sourceName(source: number): string;
	/** Each item of one source, newest first. */
	sourceItems(source: number): LibraryItem[];
	/** The source's RSS 2.0 document; `origin` makes the items' links. */
	rss(source: number, origin: string): string;
};

function itemSeed(seed: number, source: number, item: number): number {
	return Math.imul(seed ^ Math.imul(source + 1, 0x9e3779b1), 0x85ebca6b) ^ Math.imul(item + 1, 0xc2b2ae35);
}

/** One in 250 items holds both words; one in 60 holds just one. */
function holds(next: () => number): Holds {
	const draw = next();
	if (draw < 1 / 250) return 'both';
	if (draw < 1 / 250 + 1 / 120) return 'a';
	if (draw < 1 / 250 + 1 / 60) return 'b';
	return 'none';
}

function sentence(next: () => number, length: number): string {
	const chosen: string[] = [];
	for (let index = 0; index < length; index++) chosen.push(words[Math.floor(next() * words.length)]!);
	return chosen.join(' ');
}

/** Puts `word` at a random place among the sentence's words. */
function insert(text: string, word: string, next: () => number): string {
	const parts = text.split(' ');
	parts.splice(Math.floor(next() * (parts.length + 1)), 0, word);
	return parts.join(' ');
}

/** Minutes between two items of a source: 500 items span about three days. */
const spacingMinutes = 8;

export function libraryCorpus({sources, items, seed = 20_261_206, now = new Date()}: {sources: number; items: number; seed?: number; now?: Date}): LibraryCorpus {
	const item = (source: number, index: number, origin: string): LibraryItem => {
		const next = random(itemSeed(seed, source, index));
		const held = holds(next);
		const title = sentence(next, 6 + Math.floor(next() * 5));
		const paragraphs: string[] = [];
		let bytes = Buffer.byteLength(title);
		// About 1 KB of text: paragraphs of two or three sentences.
		while (bytes < 1000) {
			const count = 2 + Math.floor(next() * 2);
			const paragraph = Array.from({length: count}, () => `${sentence(next, 8 + Math.floor(next() * 7))}.`).join(' ');
			paragraphs.push(paragraph);
			bytes += Buffer.byteLength(paragraph);
		}

		if (held === 'both' || held === 'a') paragraphs[0] = insert(paragraphs[0]!, queryA, next);
		if (held === 'both' || held === 'b') paragraphs[paragraphs.length - 1] = insert(paragraphs.at(-1)!, queryB, next);
		// A few seconds between sources, so no two items of the library share a date.
		const date = new Date(now.getTime() - (index * spacingMinutes * 60 + source * 7) * 1000);
		return {guid: `bench-${source}-${index}`, title, paragraphs, date, link: `${origin}/article/${source}/${index}`};
	};

	let expectedHits = 0;
	for (let source = 0; source < sources; source++) {
		for (let index = 0; index < items; index++) {
			if (holds(random(itemSeed(seed, source, index))) === 'both') expectedHits++;
		}
	}

	const corpus: LibraryCorpus = {
		sources,
		items,
		seed,
		now,
		query: libraryQuery,
		expectedHits,
		sourceName: source => `${sourceNames[source % sourceNames.length]} ${source + 1}`,
		sourceItems: source => Array.from({length: items}, (_, index) => item(source, index, '')),
		rss(source, origin) {
			const body = Array.from({length: items}, (_, index) => {
				const it = item(source, index, origin);
				const html = it.paragraphs.map(paragraph => `<p>${paragraph}</p>`).join('');
				return `<item><title>${it.title}</title><link>${it.link}</link><guid isPermaLink="false">${it.guid}</guid><pubDate>${it.date.toUTCString()}</pubDate><description><![CDATA[${html}]]></description></item>`;
			});
			return `<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0"><channel><title>${corpus.sourceName(source)}</title><link>${origin}/</link><language>ar</language>\n${body.join('\n')}\n</channel></rss>\n`;
		},
	};
	return corpus;
}
