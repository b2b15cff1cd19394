/** The Persian interface: Persian letters (ی, ک) and Persian phrasing, not Arabic respelled. */
import type {Failure} from '../../model.js';
import type {Command} from '../keys.js';
import type {Note} from '../state.js';
import type {UiStrings} from './ar.js';
import {fsi, ltr} from './isolate.js';
import {usageText} from './usage-layout.js';

function failureText(failure: Failure): string {
	switch (failure.kind) {
		case 'refused': return 'سرور اتصال را نپذیرفت';
		case 'host-not-found': return `سروری با نام ${ltr(failure.host)} نیست`;
		case 'no-network': return `جست‌وجوی ${ltr(failure.host)} ممکن نشد: آیا شبکه وصل است؟`;
		case 'closed': return 'سرور اتصال را بست';
		case 'unreachable': return 'شبکه در دسترس نیست';
		case 'connect-timeout': return `اتصال در ${failure.seconds} ثانیه برقرار نشد`;
		case 'timeout': return `پاسخ در ${failure.seconds} ثانیه کامل نشد`;
		case 'stalled': return 'سرور از پاسخ دادن باز ماند';
		case 'tls': return {
			expired: `گواهی TLS سرور ${ltr(failure.host)} منقضی شده است`,
			'wrong-host': `گواهی TLS از آنِ سرور ${ltr(failure.host)} نیست`,
			untrusted: `گواهی TLS سرور ${ltr(failure.host)} معتبر نیست`,
			other: `اتصال امن (TLS) به سرور ${ltr(failure.host)} ممکن نشد`,
		}[failure.problem];
		case 'http': {
			const meaning = ({401: 'ورود لازم است', 403: 'دسترسی ممنوع است', 404: 'صفحه پیدا نشد', 410: 'صفحه حذف شده است', 429: 'درخواست‌ها زیاد است، بعداً دوباره امتحان کنید'} as Record<number, string>)[failure.status]
				?? (failure.status >= 500 ? 'خطای سرور' : 'پاسخ غیرمنتظره از سرور');
			return `${meaning} (${ltr(`HTTP ${failure.status}`)})`;
		}

		case 'redirect': return 'سرور به نشانی نامعتبری ارجاع داد';
		case 'port': return `درگاه ${ltr(failure.port)} برای وب مجاز نیست`;
		case 'damaged': return 'پاسخ فشرده خراب است';
		case 'too-large': return `پاسخ بزرگ‌تر از ${ltr(failure.limit)} است`;
		case 'offline': return `نسخهٔ ذخیره‌شده‌ای نیست و خواندن بی‌اتصال است (${ltr('--offline')})`;
		case 'cancelled': return 'بارگیری لغو شد';
		case 'network': return `خطای شبکه (${fsi(failure.detail)})`;
	}
}

function noteText(note: Note): string {
	switch (note.kind) {
		case 'noUnread': return note.anywhere ? 'در هیچ منبعی خبر نخوانده‌ای نیست' : 'خبر نخوانده‌ای نیست';
		case 'noMatch': return `نتیجه‌ای برای «${fsi(note.query)}» نیست`;
		case 'noContent': return 'این خبر نه متن دارد نه پیوند';
		case 'noRank': return `خبری با شمارهٔ ${note.rank} نیست`;
		case 'noLink': return 'این خبر پیوندی ندارد';
		case 'noLinks': return 'این خبر پیوند یا پرونده‌ای ندارد';
		case 'noLinkNumber': return `پیوندی با شمارهٔ ${note.number} نیست`;
		case 'noOverview': return 'فهرست منابع فقط منابع ذخیره‌شده را نشان می‌دهد (akhbar بدون منبع)';
	}
}

const commandHelp: Record<Command, string> = {
	down: 'خبر یا سطر بعدی',
	up: 'خبر یا سطر قبلی',
	pageDown: 'یک صفحه جلو',
	pageUp: 'یک صفحه عقب',
	top: 'رفتن به آغاز',
	bottom: 'رفتن به پایان',
	open: 'باز کردن خبر',
	switchPane: 'رفتن به قاب دیگر',
	focusLeft: 'قاب سمت چپ',
	focusRight: 'قاب سمت راست',
	back: 'بازگشت، بستن، لغو جست‌وجو',
	jump: 'خبر با این شماره، یا پیوند در فهرست پیوندها',
	toggleRead: 'خوانده یا نخوانده',
	markAllRead: 'همهٔ خبرهای منبع را خوانده کن',
	nextUnread: 'نخواندهٔ بعدی، یا نتیجهٔ بعدی جست‌وجو',
	prevUnread: 'نخواندهٔ قبلی، یا نتیجهٔ قبلی جست‌وجو',
	search: 'جست‌وجو در عنوان‌ها و متن‌ها',
	openLink: 'باز کردن پیوند خبر در مرورگر',
	copyUrl: 'کپی پیوند خبر',
	links: 'پیوندها و پرونده‌های خبر (صدا، ویدیو)',
	pipe: 'فرستادن خبر به یک فرمان (مثلاً less)',
	refresh: 'به‌روزرسانی منبع',
	refreshAll: 'به‌روزرسانی همهٔ منابع در پس‌زمینه',
	overview: 'همهٔ منابع: شمار نخوانده‌ها و آخرین به‌روزرسانی',
	star: 'افزودن خبر به برگزیده‌ها یا برداشتن آن',
	prevSource: 'منبع قبلی',
	nextSource: 'منبع بعدی',
	settings: 'تنظیمات',
	help: 'همین راهنما',
	redraw: 'کشیدن دوبارهٔ صفحه',
	suspend: 'تعلیق برنامه (fg برای بازگشت)',
	quit: 'بیرون رفتن',
};

/** `akhbar --help`. */
const usage = usageText({
	banner: `أخبار  ${ltr('akhbar')} — خبرهای عربی در ترمینال`,
	usageHeading: 'شیوهٔ استفاده',
	read: 'خواندن (منبع‌های تنظیم‌شده، یا نسخهٔ نمایشی)',
	print: 'چاپ آنچه پنل‌ها نشان می‌دهند، و سپس خروج',
	refresh: 'دریافت همهٔ منابع در کتابخانه',
	search: 'جست‌وجو در بایگانی خبرها',
	sync: `همگام‌سازی با ${ltr('Miniflux')} یا سرور ${ltr('Google Reader')}`,
	completion: 'اسکریپت تکمیل خودکار برای پوسته',
	help: `همین راهنما، یا راهنمای یک فرمان (همچنین ${ltr('COMMAND --help')})`,
	source: [
		`${ltr('SOURCE')} نشانی یک خوراک یا صفحه است (${ltr('RSS, Atom, JSON Feed, HTML')})، یا یک پرونده، یا ${ltr('-')} برای ورودی استاندارد.`,
		`بدون ${ltr('SOURCE')}، فرمان ${ltr('print')} و خواننده سراغ منبع‌های تنظیم‌شده می‌روند و اگر منبعی نباشد سراغ نسخهٔ نمایشی داخلی`,
		`(${ltr('--demo')}: در هر حال نسخهٔ نمایشی).`,
	],
	printOptions: 'گزینه‌های چاپ',
	width: `پهنای متن بر حسب خانه (پیش‌فرض: پهنای ترمینال، یا ${ltr('80')})`,
	article: `فقط خبر ${ltr('K')} (شماره‌گذاری خبرها از ${ltr('1')} است)`,
	headlines: 'فقط فهرست تیترها',
	logical: 'ترتیب منطقی، بی‌اتصال حروف، هر بلوک در یک سطر (برای لوله‌ها و صفحه‌خوان‌ها)',
	textOptions: 'گزینه‌های متن (در همین اجرا به جای ترجیحات ذخیره‌شده می‌نشینند)',
	shaping: `اتصال حروف عربی (${ltr('on')})`,
	bidi: `چه کسی متن راست‌به‌چپ را مرتب می‌کند (${ltr('auto')})`,
	align: [`ترازبندی پاراگراف‌ها (${ltr('auto')}: بر پایهٔ جهت؛`, `${ltr('justify')}: سطرهای پر، با کشیده در عربی)`],
	digits: `شکل ارقام (${ltr('asis')})`,
	language: `زبان رابط کاربری (${ltr('auto')}: بر پایهٔ تنظیمات محلی سیستم)`,
	tashkeel: `اِعراب‌گذاری (${ltr('show')})`,
	measure: `بیشترین پهنای سطر خبر در خواننده (${ltr('72')})`,
	theme: `رنگ‌ها (${ltr('auto')}؛ ${ltr('NO_COLOR')} رعایت می‌شود)`,
	offline: 'فقط نسخه‌های ذخیره‌شده، بی‌نیاز از شبکه',
	other: 'سایر',
	helpFlag: 'همین راهنما',
	version: 'شمارهٔ نسخه',
	examples: 'نمونه‌ها',
});

export const fa: UiStrings = {
	mainHelp: usage,
	language: 'fa',
	direction: 'rtl',
	listNames: {'most-read': 'پربازدیدترین‌ها', trending: 'داغ‌ترین‌ها', latest: 'تازه‌ترین خبرها'},
	loadingSource: 'در حال بارگیری منبع…',
	loadingArticle: 'در حال بارگیری خبر…',
	noHeadlines: 'این منبع خبری ندارد',
	noArticle: 'خبری را برگزینید و Enter را بزنید',
	failedSource: message => `بارگیری منبع ممکن نشد: ${fsi(message)}`,
	failedArticle: message => `بارگیری خبر ممکن نشد: ${fsi(message)}`,
	articleUnavailable: reason => `بارگیری متن خبر ممکن نشد: ${fsi(reason)}`,
	articleLink: 'پیوندش (o بازش می‌کند و y کپی‌اش می‌کند):',
	sourceFailed: (name, reason) => `بارگیری ${fsi(name)} ممکن نشد: ${fsi(reason)}`,
	sourcesFailed: (count, _total, totalText) => `${count} منبع از ${totalText} منبع بارگیری نشد · علت هر کدام در قاب خودش (? برای کلیدها)`,
	refreshing: 'در حال به‌روزرسانی…',
	copyRefreshing: 'نسخهٔ ذخیره‌شده، در حال به‌روزرسانی…',
	refreshFailed: (name, reason, copy) => `به‌روزرسانی ${fsi(name)} ممکن نشد: ${fsi(reason)}${copy ? ' · نسخهٔ ذخیره‌شده نمایش داده می‌شود' : ''}`,
	feedFailed: (name, reason, copy) => `خوراک ${fsi(name)} خوانده نشد: ${fsi(reason)}${copy ? ' · نسخهٔ ذخیره‌شده‌اش نمایش داده می‌شود' : ''}`,
	unread: (count, number) => count === 0 ? 'خبر تازه‌ای نیست' : `${number(count)} نخوانده`,
	asOf: when => `نسخهٔ ذخیره‌شده از ${ltr(when)}`,
	tooSmall: (columns, rows) => `پنجره کوچک است: دست‌کم ${ltr(`${columns}×${rows}`)} لازم است`,
	tooSmallLatin: (columns, rows) => `Terminal too small: ${columns}×${rows} at least`,
	copied: 'پیوند کپی شد',
	opened: 'پیوند در مرورگر باز شد',
	searchHeadlines: 'جست‌وجو در عنوان‌ها و متن‌ها: ',
	searchArticle: 'جست‌وجو در خبر: ',
	matchCount: (index, count) => `نتیجهٔ ${index} از ${count}`,
	helpTitle: 'کلیدها',
	helpArabicLayouts: `همین کلیدها با چیدمان صفحه‌کلید عربی هم کار می‌کنند (${ltr('X11')}، ${ltr('macOS')} و ${ltr('Windows')}).`,
	helpTmux: `درون tmux این خط در ${ltr('~/.tmux.conf')} لازم است تا فرمان خاموش کردن چینش دوسویه به پایانه برسد:`,
	helpTmuxLine: 'set -g allow-passthrough on',
	helpImplicit: name => `پایانهٔ شما (${fsi(name)}) متن راست‌به‌چپ را خودش می‌چیند و این را نمی‌شود خاموش کرد: هر بار یک قاب.`,
	keysRefused: problem => `کلیدهای پیش‌فرض ماندند: ${fsi(problem)}`,
	settingsTitle: 'تنظیمات (بی‌درنگ ذخیره می‌شود)',
	thisRunOnly: 'برای این اجرا',
	thisRunOnlyNote: 'برای این اجرا: مقداری از خط فرمان که ذخیره نمی‌شود؛ تغییرش در اینجا ذخیره‌اش می‌کند.',
	implicitTerminal: name => `${fsi(name)} متن راست‌به‌چپ را خودش می‌چیند: هر بار یک قاب (${ltr('bidi=terminal')})`,
	media: {audio: 'صدا', video: 'ویدیو', file: 'پرونده'},
	sizeUnits: ['بایت', 'کیلوبایت', 'مگابایت', 'گیگابایت', 'ترابایت'],
	linksTitle: title => `پیوندها: ${fsi(title)}`,
	linkTitle: title => `پیوند: ${fsi(title)}`,
	noBrowser: 'مرورگری در کار نیست: پیوند کامل در زیر است و y کپی‌اش می‌کند',
	noOpener: (program, reason) => `اجرای ${ltr(program)} ممکن نشد (${fsi(reason)}): پیوند کامل در زیر است و y کپی‌اش می‌کند`,
	playing: 'در حال پخش پرونده',
	urlCut: '… پیوند از صفحه بلندتر است؛ y همه‌اش را کپی می‌کند',
	pipePrompt: command => `فرستادن خبر به (${ltr(`Enter: ${command}`)}): `,
	pipeFailed: message => `فرستادن خبر ممکن نشد: ${fsi(message)}`,
	pipeNotRun: (command, status) => `فرمان «${ltr(command)}» اجرا نشد (${status === 127 ? 'پیدا نشد' : 'اجراشدنی نیست'}، ${status})`,
	overviewTitle: count => `منابع (${count})`,
	virtualNames: {'most-read-all': 'پربازدیدترین — همهٔ منابع', 'latest-all': 'تازه‌ترین خبرها — همهٔ منابع', starred: 'برگزیده‌ها'},
	untagged: 'بی‌برچسب',
	age: (ms, number) => {
		const minutes = Math.floor(ms / 60_000);
		if (minutes < 1) return 'اکنون';
		if (minutes < 60) return `${number(minutes)} دقیقه`;
		const hours = Math.floor(minutes / 60);
		return hours < 24 ? `${number(hours)} ساعت` : `${number(Math.floor(hours / 24))} روز`;
	},
	neverRefreshed: 'هرگز',
	refreshProgress: (done, total, failed) => `به‌روزرسانی ${ltr(`${done}/${total}`)}${failed === undefined ? '' : ` · ناموفق ${failed}`}`,
	diskFull: path => `دیسک پر است: کتابخانهٔ ${ltr(path)} جا ندارد · به‌روزرسانی متوقف شد`,
	refreshAllFailed: (count, total) => `${count} از ${total} منبع به‌روز نشد · با ! در فهرست منابع (S)`,
	refreshedAll: 'منابع به‌روز شد',
	searchArchive: 'جست‌وجو در همهٔ بایگانی: ',
	searchResults: query => `نتایج «${fsi(query)}»`,
	starred: 'به برگزیده‌ها افزوده شد',
	unstarred: 'از برگزیده‌ها برداشته شد',
	hintWords: {
		refreshAll: 'به‌روزرسانی همه',
		open: 'باز کردن',
		search: 'جست‌وجو',
		settings: 'تنظیمات',
		help: 'راهنما',
		quit: 'بیرون',
		page: 'صفحه',
		back: 'بازگشت',
		link: 'پیوند',
		close: 'بستن',
		scroll: 'پیمایش',
		choose: 'انتخاب',
		change: 'تغییر',
		copy: 'کپی',
	},
	failureText,
	noteText,
	settingLabels: {
		shaping: 'پیوستن حروف',
		bidi: 'چینش دوسویه',
		align: 'ترازبندی',
		digits: 'رقم‌ها',
		tashkeel: 'اعراب',
		measure: 'پهنای سطر',
		headlines: 'سمت عنوان‌ها',
		headlinesWidth: 'پهنای عنوان‌ها',
		theme: 'رنگ‌ها',
		language: 'زبان',
		autoRefresh: 'به‌روزرسانی خودکار (دقیقه)',
	},
	commandHelp,
};
