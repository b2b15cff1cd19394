/**
 * The Arabic interface: the reference table every other language's table is typed after.
 * Key names, preference names and values stay Latin so they match `akhbar prefs` and the README.
 */
import type {Failure, ListKind} from '../../model.js';
import {arabicCount, type ArabicNoun} from '../../text/plural.js';
import {keyBindings, type Command} from '../keys.js';
import type {Note} from '../state.js';
import {fsi, ltr} from './isolate.js';
import {usageText} from './usage-layout.js';

const listNames: Record<ListKind, string> = {
	'most-read': 'الأكثر قراءة',
	// A site's trending list, shown when it has no most-read one: its header says which it is.
	trending: 'الأكثر تداولًا',
	latest: 'آخر الأخبار',
};

/**
 * The headlines' unread count, short for the pane's header: the news (أخبار) understood, the
 * adjective agreeing with it in each form (3 غير مقروءة, 11 غير مقروء, خبران غير مقروءين).
 */
const unreadNews: ArabicNoun = {
	zero: 'لا جديد',
	one: 'خبر غير مقروء',
	two: 'خبران غير مقروءين',
	few: 'غير مقروءة',
	many: 'غير مقروء',
	singular: 'غير مقروء',
};

const strings = {
	loadingSource: 'جارٍ تحميل المصدر…',
	loadingArticle: 'جارٍ تحميل الخبر…',
	noHeadlines: 'لا أخبار في هذا المصدر',
	noArticle: 'اختر خبرًا واضغط Enter',
	failedSource: (message: string) => `تعذّر تحميل المصدر: ${fsi(message)}`,
	failedArticle: (message: string) => `تعذّر تحميل الخبر: ${fsi(message)}`,
	/** In the article pane of an item whose text could not be fetched, above its link. */
	articleUnavailable: (reason: string) => `تعذّر تحميل نص الخبر: ${fsi(reason)}`,
	articleLink: 'رابطه (o يفتحه وy ينسخه):',
	sourceFailed: (name: string, reason: string) => `تعذّر تحميل ${fsi(name)}: ${fsi(reason)}`,
	/**
	 * Several sources failed: each says why in its own pane (the keys that reach it are in the
	 * help: brackets would be mirrored in this right-to-left line, `[` showing as `]`).
	 */
	sourcesFailed: (count: string, total: number, totalText: string) =>
		`تعذّر تحميل ${count} من ${totalText} ${total > 10 ? 'مصدرًا' : 'مصادر'} · سبب كلٍّ منها في لوحه (? للمفاتيح)`,
	refreshing: 'جارٍ التحديث…',
	/** The saved copy is shown while the news is asked for: short, the status line is narrow. */
	copyRefreshing: 'نسخة محفوظة، جارٍ تحديثها…',
	refreshFailed: (name: string, reason: string, copy: boolean) =>
		`تعذّر تحديث ${fsi(name)}: ${fsi(reason)}${copy ? ' · تُعرض النسخة المحفوظة' : ''}`,
	feedFailed: (name: string, reason: string, copy: boolean) => `تعذّرت قراءة خلاصة ${fsi(name)}: ${fsi(reason)}${copy ? ' · تُعرض نسختها المحفوظة' : ''}`,
	unread: (count: number, number: (n: number) => string) => arabicCount(count, unreadNews, number),
	asOf: (when: string) => `نسخة محفوظة من ${ltr(when)}`,
	// The size in the digits the preference asks for (formatNumber); the Latin line keeps its own.
	tooSmall: (columns: string, rows: string) => `النافذة صغيرة: يلزم ${ltr(`${columns}×${rows}`)} على الأقل`,
	tooSmallLatin: (columns: number, rows: number) => `Terminal too small: ${columns}×${rows} at least`,
	copied: 'نُسخ الرابط',
	opened: 'فُتح الرابط في المتصفح',
	searchHeadlines: 'ابحث في العناوين والنصوص: ',
	searchArticle: 'ابحث في الخبر: ',
	matchCount: (index: string, count: string) => `نتيجة ${index} من ${count}`,
	helpTitle: 'المفاتيح',
	helpArabicLayouts: 'تعمل المفاتيح نفسها بلوحة المفاتيح العربية (X11 وmacOS وWindows).',
	helpTmux: `داخل tmux يلزم هذا السطر في ${ltr('~/.tmux.conf')} ليصل أمر إطفاء الترتيب الثنائي إلى الطرفية:`,
	helpTmuxLine: 'set -g allow-passthrough on',
	helpImplicit: (name: string) => `طرفيتك (${fsi(name)}) ترتّب النص العربي بنفسها ولا يمكن إيقاف ذلك: لوح واحد في كل مرة.`,
	// Short: the reason after it must fit an 80-column status line.
	keysRefused: (problem: string) => `بقيت المفاتيح الأصلية: ${fsi(problem)}`,
	settingsTitle: 'الإعدادات (تُحفظ فورًا)',
	thisRunOnly: 'لهذه الجلسة',
	thisRunOnlyNote: 'لهذه الجلسة: قيمة من سطر الأوامر لا تُحفظ؛ تغييرها هنا يحفظها.',
	implicitTerminal: (name: string) => `${fsi(name)} يرتّب النص العربي بنفسه: عرض لوح واحد في كل مرة (${ltr('bidi=terminal')})`,
	/** What a feed item's file is, first on its line in the article and in the links overlay. */
	media: {audio: 'صوت', video: 'فيديو', file: 'ملف'},
	sizeUnits: ['بايت', 'كيلوبايت', 'ميغابايت', 'غيغابايت', 'تيرابايت'],
	linksTitle: (title: string) => `روابط: ${fsi(title)}`,
	linkTitle: (title: string) => `رابط: ${fsi(title)}`,
	/** `o` over SSH with no $BROWSER: the link is shown instead. */
	noBrowser: 'لا متصفح هنا: الرابط كاملًا أدناه، وy ينسخه',
	/** Nothing could start the opener (xdg-open missing...): the link is shown instead. */
	noOpener: (program: string, reason: string) => `تعذّر تشغيل ${ltr(program)} (${fsi(reason)}): الرابط كاملًا أدناه، وy ينسخه`,
	playing: 'يُشغَّل الملف',
	urlCut: '… الرابط أطول من الشاشة، وy ينسخه كاملًا',
	pipePrompt: (command: string) => `مرّر الخبر إلى (${ltr(`Enter: ${command}`)}): `,
	pipeFailed: (message: string) => `تعذّر تمرير الخبر: ${fsi(message)}`,
	pipeNotRun: (command: string, status: number) => `لم يعمل الأمر «${ltr(command)}» (${status === 127 ? 'غير موجود' : 'لا يمكن تشغيله'}، ${status})`,
	/** The overview (S): every configured source. */
	overviewTitle: (count: string) => `المصادر (${count})`,
	/** The editions built across every source, at the overview's top. */
	virtualNames: {'most-read-all': 'الأكثر قراءة — كل المصادر', 'latest-all': 'آخر الأخبار — كل المصادر', starred: 'المفضلة'},
	/** The heading of sources with no tag, when others have one. */
	untagged: 'دون وسم',
	/** How long ago a source was refreshed, short: the overview's column. */
	age: (ms: number, number: (n: number) => string) => {
		const minutes = Math.floor(ms / 60_000);
		if (minutes < 1) return 'الآن';
		if (minutes < 60) return `${number(minutes)} د`;
		const hours = Math.floor(minutes / 60);
		return hours < 24 ? `${number(hours)} س` : `${number(Math.floor(hours / 24))} ي`;
	},
	neverRefreshed: 'لم يُحدَّث',
	/** The background refresh, in the status line: done/total, and how many failed. */
	refreshProgress: (done: string, total: string, failed: string | undefined) => `تحديث ${ltr(`${done}/${total}`)}${failed === undefined ? '' : ` · تعذّر ${failed}`}`,
	/** A refresh of every source ended with failures (each is marked ! in the overview). */
	diskFull: (path: string) => `القرص ممتلئ: لا مكان لحفظ المكتبة ${ltr(path)} · توقّف التحديث`,
	refreshAllFailed: (count: string, total: string) => `تعذّر تحديث ${count} من ${total} · علامة ! في قائمة المصادر (S)`,
	refreshedAll: 'حُدّثت المصادر',
	searchArchive: 'ابحث في الأرشيف كله: ',
	searchResults: (query: string) => `نتائج «${fsi(query)}»`,
	starred: 'أُضيف إلى المفضلة',
	unstarred: 'أُزيل من المفضلة',
	// The status line's words for its key hints (ui/hints.ts puts the keys after them).
	hintWords: {
		refreshAll: 'تحديث الكل',
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
		copy: 'نسخ',
	},
};

/** `20 ثانية`, `10 ثوانٍ`: a duration in a sentence. */
function secondsText(seconds: number): string {
	if (seconds === 1) return 'ثانية واحدة';
	if (seconds === 2) return 'ثانيتين';
	return Number.isInteger(seconds) && seconds >= 3 && seconds <= 10 ? `${seconds} ثوانٍ` : `${seconds} ثانية`;
}

/** What an HTTP status means to a reader, the status itself after it. */
function httpText(status: number): string {
	const meaning = ({401: 'يلزم تسجيل الدخول', 403: 'الدخول ممنوع', 404: 'الصفحة غير موجودة', 410: 'الصفحة حُذفت', 429: 'طلبات كثيرة، أعد المحاولة لاحقًا'} as Record<number, string>)[status]
		?? (status >= 500 ? 'خطأ في الخادم' : 'ردّ غير متوقع من الخادم');
	return `${meaning} (${ltr(`HTTP ${status}`)})`;
}

function tlsText(problem: 'expired' | 'wrong-host' | 'untrusted' | 'other', host: string): string {
	switch (problem) {
		case 'expired': return `شهادة TLS للخادم ${host} منتهية الصلاحية`;
		case 'wrong-host': return `شهادة TLS لا تخص الخادم ${host}`;
		case 'untrusted': return `شهادة TLS للخادم ${host} غير موثوقة`;
		case 'other': return `تعذّر الاتصال الآمن (TLS) بالخادم ${host}`;
	}
}

/** Why a fetch failed, said in Arabic: the one place a failure becomes words in the reader. */
function failureText(failure: Failure): string {
	switch (failure.kind) {
		case 'refused': return 'رفض الخادم الاتصال';
		case 'host-not-found': return `لا خادم بالاسم ${ltr(failure.host)}`;
		case 'no-network': return `تعذّر البحث عن ${ltr(failure.host)}: هل الشبكة متصلة؟`;
		case 'closed': return 'أغلق الخادم الاتصال';
		case 'unreachable': return 'الشبكة غير متاحة';
		case 'connect-timeout': return `تعذّر الاتصال في ${secondsText(failure.seconds)}`;
		case 'timeout': return `لم يكتمل الرد في ${secondsText(failure.seconds)}`;
		case 'stalled': return 'توقّف الخادم عن الرد';
		case 'tls': return tlsText(failure.problem, failure.host);
		case 'http': return httpText(failure.status);
		case 'redirect': return 'أحال الخادم إلى عنوان غير صالح';
		case 'port': return `المنفذ ${ltr(failure.port)} غير مسموح به للويب`;
		case 'damaged': return 'الرد المضغوط تالف';
		case 'too-large': return `الرد أكبر من ${ltr(failure.limit)}`;
		case 'offline': return `لا نسخة محفوظة، والقراءة دون اتصال (${ltr('--offline')})`;
		case 'cancelled': return 'أُلغي التحميل';
		case 'network': return `خطأ في الشبكة (${fsi(failure.detail)})`;
	}
}

function noteText(note: Note): string {
	switch (note.kind) {
		case 'noUnread': return note.anywhere ? 'لا أخبار غير مقروءة في أي مصدر' : 'لا أخبار غير مقروءة';
		case 'noMatch': return `لا نتائج لـ«${fsi(note.query)}»`;
		case 'noContent': return 'لا نص ولا رابط لهذا الخبر';
		case 'noRank': return `لا خبر بالرقم ${note.rank}`;
		case 'noLink': return 'لا رابط لهذا الخبر';
		case 'noLinks': return 'لا روابط ولا ملفات في هذا الخبر';
		case 'noLinkNumber': return `لا رابط بالرقم ${note.number}`;
		case 'noOverview': return 'قائمة المصادر للمصادر المحفوظة وحدها (akhbar بلا مصدر)';
	}
}

/** Labels of the settings panel, in its order; the key names are the `akhbar prefs` names. */
const settingLabels: Record<SettingLabel, string> = {
	shaping: 'وصل الحروف',
	bidi: 'الاتجاه الثنائي',
	align: 'المحاذاة',
	digits: 'الأرقام',
	tashkeel: 'التشكيل',
	measure: 'عرض السطر',
	headlines: 'جهة العناوين',
	headlinesWidth: 'عرض العناوين',
	theme: 'الألوان',
	language: 'اللغة',
	autoRefresh: 'التحديث التلقائي (بالدقائق)',
};

/** The settings the panel shows, in its order. */
export type SettingLabel = 'shaping' | 'bidi' | 'align' | 'digits' | 'tashkeel' | 'measure' | 'headlines' | 'headlinesWidth' | 'theme' | 'language' | 'autoRefresh';

// The help's words for each command are written beside its keys in ui/keys.ts.
const commandHelp = Object.fromEntries(keyBindings.map(binding => [binding.command, binding.help])) as Record<Command, string>;

/** `akhbar --help`. */
const usage = usageText({
	banner: `أخبار  ${ltr('akhbar')} — الأخبار العربية في الطرفية`,
	usageHeading: 'الاستعمال',
	read: 'القراءة (المصادر المحفوظة، أو العدد التجريبي)',
	print: 'طباعة ما تعرضه الألواح، ثم الخروج',
	refresh: 'جلب كل المصادر إلى المكتبة',
	search: 'البحث في أرشيف الأخبار',
	sync: `المزامنة مع ${ltr('Miniflux')} أو خادم ${ltr('Google Reader')}`,
	completion: 'نص إكمال الأوامر للصدفة',
	help: `هذه المساعدة، أو مساعدة أمر (وكذلك ${ltr('COMMAND --help')})`,
	source: [
		`${ltr('SOURCE')} رابط خلاصة أو صفحة (${ltr('RSS, Atom, JSON Feed, HTML')})، أو ملف، أو ${ltr('-')} للدخل القياسي.`,
		`إن غاب ${ltr('SOURCE')} قرأ ${ltr('print')} والقارئ المصادرَ المحفوظة، فإن لم تكن فالعددَ التجريبي المدمج`,
		`(${ltr('--demo')}: العدد التجريبي في كل حال).`,
	],
	printOptions: 'خيارات الطباعة',
	width: `عرض النص بالخانات (الافتراضي: عرض الطرفية، أو ${ltr('80')})`,
	article: `الخبر ${ltr('K')} وحده (تُرقَّم الأخبار بدءًا من ${ltr('1')})`,
	headlines: 'قائمة العناوين وحدها',
	logical: 'الترتيب المنطقي بلا وصل للحروف، سطر لكل كتلة (للأنابيب وقارئات الشاشة)',
	textOptions: 'خيارات النص (تتقدّم على التفضيلات المحفوظة في هذا التشغيل)',
	shaping: `وصل الحروف العربية (${ltr('on')})`,
	bidi: `من يرتّب النص المكتوب من اليمين إلى اليسار (${ltr('auto')})`,
	align: [`محاذاة الفقرات (${ltr('auto')}: بحسب الاتجاه؛`, `${ltr('justify')}: أسطر ممتلئة، بالكشيدة في العربية)`],
	digits: `شكل الأرقام (${ltr('asis')})`,
	language: `لغة الواجهة (${ltr('auto')}: من إعدادات النظام المحلية)`,
	tashkeel: `الحركات (${ltr('show')})`,
	measure: `أقصى عرض لسطر الخبر في القارئ (${ltr('72')})`,
	theme: `الألوان (${ltr('auto')}؛ ويُحترم ${ltr('NO_COLOR')})`,
	offline: 'النسخ المحفوظة وحدها، بلا شبكة',
	other: 'غير ذلك',
	helpFlag: 'هذه المساعدة',
	version: 'رقم الإصدار',
	examples: 'أمثلة',
});

export const ar = {
	...strings,
	mainHelp: usage,
	language: 'ar' as const,
	direction: 'rtl' as 'rtl' | 'ltr',
	listNames,
	failureText,
	noteText,
	settingLabels,
	commandHelp,
};

/** What every language's table holds: the Arabic table's shape, its strings as strings. */
export type UiStrings = Omit<typeof ar, 'language'> & {language: 'ar' | 'en' | 'fa' | 'ur' | 'he'};
