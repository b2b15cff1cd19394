/**
 * Every sentence the reader shows, in one place. Arabic for the reader's words; key names,
 * preference names and values stay Latin so they match `akhbar prefs` and the README.
 */
import type {ListKind} from '../model.js';
import type {Note} from './state.js';

export const listNames: Record<ListKind, string> = {
	'most-read': 'الأكثر قراءة',
	// A site's trending list, shown when it has no most-read one: its header says which it is.
	trending: 'الأكثر تداولًا',
	latest: 'آخر الأخبار',
};

export const strings = {
	loadingSource: 'جارٍ تحميل المصدر…',
	loadingArticle: 'جارٍ تحميل الخبر…',
	noHeadlines: 'لا أخبار في هذا المصدر',
	noArticle: 'اختر خبرًا واضغط Enter',
	failedSource: (message: string) => `تعذّر تحميل المصدر: ${message}`,
	failedArticle: (message: string) => `تعذّر تحميل الخبر: ${message}`,
	unread: (count: string) => `${count} غير مقروء`,
	asOf: (when: string) => `نسخة محفوظة من ${when}`,
	// The size in the digits the preference asks for (formatNumber); the Latin line keeps its own.
	tooSmall: (columns: string, rows: string) => `النافذة صغيرة: يلزم ${columns}×${rows} على الأقل`,
	tooSmallLatin: (columns: number, rows: number) => `Terminal too small: ${columns}×${rows} at least`,
	copied: 'نُسخ الرابط',
	opened: 'فُتح الرابط في المتصفح',
	showUrl: (url: string) => `الرابط: ${url}`,
	openFailed: (message: string) => `تعذّر فتح الرابط: ${message}`,
	searchHeadlines: 'ابحث في العناوين والنصوص: ',
	searchArticle: 'ابحث في الخبر: ',
	matchCount: (index: string, count: string) => `نتيجة ${index} من ${count}`,
	helpTitle: 'المفاتيح',
	helpArabicLayouts: 'تعمل المفاتيح نفسها بلوحة المفاتيح العربية (X11 وmacOS وWindows).',
	helpTmux: 'داخل tmux يلزم هذا السطر في ‎~/.tmux.conf ليصل أمر إطفاء الترتيب الثنائي إلى الطرفية:',
	helpTmuxLine: 'set -g allow-passthrough on',
	helpImplicit: (name: string) => `طرفيتك (${name}) ترتّب النص العربي بنفسها ولا يمكن إيقاف ذلك: لوح واحد في كل مرة.`,
	// Short: the reason after it must fit an 80-column status line.
	keysRefused: (problem: string) => `بقيت المفاتيح الأصلية: ${problem}`,
	settingsTitle: 'الإعدادات (تُحفظ فورًا)',
	thisRunOnly: 'لهذه الجلسة',
	thisRunOnlyNote: 'لهذه الجلسة: قيمة من سطر الأوامر لا تُحفظ؛ تغييرها هنا يحفظها.',
	implicitTerminal: (name: string) => `${name} يرتّب النص العربي بنفسه: عرض لوح واحد في كل مرة (bidi=terminal)`,
	// The status line's words for its key hints (ui/hints.ts puts the keys after them).
	hintWords: {
		open: 'فتح',
		search: 'بحث',
		settings: 'إعدادات',
		help: 'مساعدة',
		quit: 'خروج',
		page: 'صفحة',
		back: 'رجوع',
		link: 'الرابط',
		close: 'إغلاق',
		scroll: 'تمرير',
		choose: 'اختيار',
		change: 'تغيير',
	},
} as const;

export function noteText(note: Note): string {
	switch (note.kind) {
		case 'noUnread': return note.anywhere ? 'لا أخبار غير مقروءة في أي مصدر' : 'لا أخبار غير مقروءة';
		case 'noMatch': return `لا نتائج لـ«${note.query}»`;
		case 'noContent': return 'لا نص ولا رابط لهذا الخبر';
		case 'noRank': return `لا خبر بالرقم ${note.rank}`;
		case 'noLink': return 'لا رابط لهذا الخبر';
	}
}

/** Labels of the settings panel, in its order; the key names are the `akhbar prefs` names. */
export const settingLabels = {
	shaping: 'وصل الحروف',
	bidi: 'الاتجاه الثنائي',
	align: 'المحاذاة',
	digits: 'الأرقام',
	tashkeel: 'التشكيل',
	measure: 'عرض السطر',
	headlines: 'جهة العناوين',
	headlinesWidth: 'عرض العناوين',
	theme: 'الألوان',
} as const;
