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
	tooSmall: 'النافذة صغيرة: يلزم ٤٠×١٢ على الأقل',
	tooSmallLatin: 'Terminal too small: 40×12 at least',
	copied: 'نُسخ الرابط',
	opened: 'فُتح الرابط في المتصفح',
	searchHeadlines: 'ابحث في العناوين والنصوص: ',
	searchArticle: 'ابحث في الخبر: ',
	matchCount: (index: string, count: string) => `نتيجة ${index} من ${count}`,
	helpTitle: 'المفاتيح',
	helpArabicLayouts: 'تعمل المفاتيح نفسها بلوحة المفاتيح العربية (X11 وmacOS وWindows).',
	helpTmux: 'داخل tmux يلزم هذا السطر في ‎~/.tmux.conf ليصل أمر إطفاء الترتيب الثنائي إلى الطرفية:',
	helpTmuxLine: 'set -g allow-passthrough on',
	helpImplicit: (name: string) => `طرفيتك (${name}) ترتّب النص العربي بنفسها ولا يمكن إيقاف ذلك: لوح واحد في كل مرة.`,
	settingsTitle: 'الإعدادات (تُحفظ فورًا)',
	implicitTerminal: (name: string) => `${name} يرتّب النص العربي بنفسه: عرض لوح واحد في كل مرة (bidi=terminal)`,
	/** What a feed item's file is, first on its line in the article and in the links overlay. */
	media: {audio: 'صوت', video: 'فيديو', file: 'ملف'},
	sizeUnits: ['بايت', 'كيلوبايت', 'ميغابايت', 'غيغابايت', 'تيرابايت'],
	linksTitle: (title: string) => `روابط: ${title}`,
	linkTitle: (title: string) => `رابط: ${title}`,
	/** `o` over SSH with no $BROWSER: the link is shown instead. */
	noBrowser: 'لا متصفح هنا: الرابط كاملًا أدناه، وy ينسخه',
	/** Nothing could start the opener (xdg-open missing...): the link is shown instead. */
	noOpener: (program: string, reason: string) => `تعذّر تشغيل ${program} (${reason}): الرابط كاملًا أدناه، وy ينسخه`,
	playing: 'يُشغَّل الملف',
	urlCut: '… الرابط أطول من الشاشة، وy ينسخه كاملًا',
	pipePrompt: (command: string) => `مرّر الخبر إلى (Enter: ${command}): `,
	pipeFailed: (message: string) => `تعذّر تمرير الخبر: ${message}`,
	pipeNotRun: (command: string, status: number) => `لم يعمل الأمر «${command}» (${status === 127 ? 'غير موجود' : 'لا يمكن تشغيله'}، ${status})`,
	// Each starts with its Arabic word so the line reads right to left (fitLine takes the
	// direction from the first strong letter).
	hints: {
		headlines: 'فتح Enter · بحث / · إعدادات s · مساعدة ? · خروج q',
		article: 'صفحة Space · رجوع Esc · الرابط o · مساعدة ? · خروج q',
		help: 'إغلاق Esc · تمرير ↑↓',
		settings: 'اختيار ↑↓ · تغيير ←→ · إغلاق Esc',
		links: 'فتح Enter · نسخ y · إغلاق Esc',
	},
} as const;

export function noteText(note: Note): string {
	switch (note.kind) {
		case 'noUnread': return 'لا أخبار غير مقروءة';
		case 'noMatch': return `لا نتائج لـ«${note.query}»`;
		case 'noContent': return 'لا نص ولا رابط لهذا الخبر';
		case 'noRank': return `لا خبر بالرقم ${note.rank}`;
		case 'noLink': return 'لا رابط لهذا الخبر';
		case 'noLinks': return 'لا روابط ولا ملفات في هذا الخبر';
		case 'noLinkNumber': return `لا رابط بالرقم ${note.number}`;
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
