/** The Urdu interface: Urdu letters (ی، ک، ہ، ے، ٹ) and Urdu phrasing, not Arabic or Persian respelled. */
import type {Failure} from '../../model.js';
import type {Command} from '../keys.js';
import type {Note} from '../state.js';
import type {UiStrings} from './ar.js';
import {fsi, ltr} from './isolate.js';
import {usageText} from './usage-layout.js';

function failureText(failure: Failure): string {
	switch (failure.kind) {
		case 'refused': return 'سرور نے کنکشن قبول نہیں کیا';
		case 'host-not-found': return `${ltr(failure.host)} نام کا کوئی سرور نہیں`;
		case 'no-network': return `${ltr(failure.host)} تلاش نہیں ہو سکا: کیا نیٹ ورک جڑا ہوا ہے؟`;
		case 'closed': return 'سرور نے کنکشن بند کر دیا';
		case 'unreachable': return 'نیٹ ورک دستیاب نہیں';
		case 'connect-timeout': return `${failure.seconds} سیکنڈ میں کنکشن نہیں بن سکا`;
		case 'timeout': return `${failure.seconds} سیکنڈ میں جواب مکمل نہیں ہوا`;
		case 'stalled': return 'سرور نے جواب دینا بند کر دیا';
		case 'tls': return {
			expired: `سرور ${ltr(failure.host)} کے TLS سرٹیفکیٹ کی میعاد ختم ہو چکی ہے`,
			'wrong-host': `یہ TLS سرٹیفکیٹ سرور ${ltr(failure.host)} کا نہیں`,
			untrusted: `سرور ${ltr(failure.host)} کا TLS سرٹیفکیٹ قابلِ اعتماد نہیں`,
			other: `سرور ${ltr(failure.host)} سے محفوظ (TLS) کنکشن نہیں بن سکا`,
		}[failure.problem];
		case 'http': {
			const meaning = ({401: 'لاگ اِن ضروری ہے', 403: 'رسائی ممنوع ہے', 404: 'صفحہ موجود نہیں', 410: 'صفحہ ہٹا دیا گیا', 429: 'بہت زیادہ درخواستیں، کچھ دیر بعد دوبارہ کوشش کریں'} as Record<number, string>)[failure.status]
				?? (failure.status >= 500 ? 'سرور میں خرابی' : 'سرور کا غیر متوقع جواب');
			return `${meaning} (${ltr(`HTTP ${failure.status}`)})`;
		}

		case 'redirect': return 'سرور نے ایک غلط پتے کی طرف بھیجا';
		case 'port': return `پورٹ ${ltr(failure.port)} ویب کے لیے کھلا نہیں`;
		case 'damaged': return 'کمپریس شدہ جواب خراب ہے';
		case 'too-large': return `جواب ${ltr(failure.limit)} سے بڑا ہے`;
		case 'offline': return `کوئی محفوظ نسخہ نہیں، اور پڑھائی آف لائن ہے (${ltr('--offline')})`;
		case 'cancelled': return 'لوڈنگ منسوخ ہو گئی';
		case 'network': return `نیٹ ورک کی خرابی (${fsi(failure.detail)})`;
	}
}

function noteText(note: Note): string {
	switch (note.kind) {
		case 'noUnread': return note.anywhere ? 'کسی بھی ماخذ میں کوئی غیر پڑھی خبر نہیں' : 'کوئی غیر پڑھی خبر نہیں';
		case 'noMatch': return `«${fsi(note.query)}» کا کوئی نتیجہ نہیں`;
		case 'noContent': return 'اس خبر کا نہ متن ہے نہ لنک';
		case 'noRank': return `نمبر ${note.rank} کی کوئی خبر نہیں`;
		case 'noLink': return 'اس خبر کا کوئی لنک نہیں';
		case 'noLinks': return 'اس خبر میں کوئی لنک یا فائل نہیں';
		case 'noLinkNumber': return `نمبر ${note.number} کا کوئی لنک نہیں`;
		case 'noOverview': return 'ذرائع کی فہرست صرف محفوظ ذرائع دکھاتی ہے (akhbar بغیر ذریعے کے)';
	}
}

const commandHelp: Record<Command, string> = {
	down: 'اگلی خبر یا سطر',
	up: 'پچھلی خبر یا سطر',
	pageDown: 'ایک صفحہ آگے',
	pageUp: 'ایک صفحہ پیچھے',
	top: 'شروع پر جائیں',
	bottom: 'آخر پر جائیں',
	open: 'خبر کھولیں',
	switchPane: 'دوسرے پین پر جائیں',
	focusLeft: 'بائیں طرف والا پین',
	focusRight: 'دائیں طرف والا پین',
	back: 'واپس، بند کریں، تلاش منسوخ کریں',
	jump: 'اس نمبر کی خبر، یا لنکس کی فہرست میں لنک',
	toggleRead: 'پڑھی ہوئی یا غیر پڑھی',
	markAllRead: 'ماخذ کی سب خبریں پڑھی ہوئی مانیں',
	nextUnread: 'اگلی غیر پڑھی، یا تلاش کا اگلا نتیجہ',
	prevUnread: 'پچھلی غیر پڑھی، یا تلاش کا پچھلا نتیجہ',
	search: 'سرخیوں اور متن میں تلاش کریں',
	openLink: 'خبر کا لنک براؤزر میں کھولیں',
	copyUrl: 'خبر کا لنک کاپی کریں',
	links: 'خبر کے لنکس اور فائلیں (آڈیو، ویڈیو)',
	pipe: 'خبر کسی کمانڈ کو بھیجیں (مثلاً less)',
	refresh: 'ماخذ تازہ کریں',
	refreshAll: 'تمام ذرائع پس منظر میں تازہ کریں',
	overview: 'تمام ذرائع: غیر پڑھی خبریں اور آخری تازگی',
	star: 'خبر پسندیدہ میں شامل کریں یا ہٹائیں',
	prevSource: 'پچھلا ماخذ',
	nextSource: 'اگلا ماخذ',
	settings: 'ترتیبات',
	help: 'یہی مدد',
	redraw: 'اسکرین دوبارہ بنائیں',
	suspend: 'پروگرام روک دیں (واپسی کے لیے fg)',
	quit: 'باہر نکلیں',
};

/** `akhbar --help`. */
const usage = usageText({
	banner: `أخبار  ${ltr('akhbar')} — ٹرمینل میں عربی خبریں`,
	usageHeading: 'طریقۂ استعمال',
	read: 'پڑھیے (طے شدہ ذرائع، یا نمونے کا شمارہ)',
	print: 'جو پینل دکھاتے ہیں وہ چھاپیے، پھر باہر نکلیے',
	refresh: 'تمام ذرائع لائبریری میں لائیے',
	search: 'خبروں کے ذخیرے میں تلاش',
	sync: `${ltr('Miniflux')} یا ${ltr('Google Reader')} سرور سے ہم آہنگی`,
	completion: 'شیل کے لیے تکمیل کا اسکرپٹ',
	help: `یہی مدد، یا کسی کمانڈ کی مدد (یہ بھی: ${ltr('COMMAND --help')})`,
	source: [
		`${ltr('SOURCE')} کسی فیڈ یا صفحے کا پتا ہے (${ltr('RSS, Atom, JSON Feed, HTML')})، یا کوئی فائل، یا معیاری ان پٹ کے لیے ${ltr('-')}۔`,
		`${ltr('SOURCE')} نہ ہو تو ${ltr('print')} اور ریڈر طے شدہ ذرائع پڑھتے ہیں، اور وہ بھی نہ ہوں تو اندرونی نمونے کا شمارہ`,
		`(${ltr('--demo')}: ہر صورت میں نمونے کا شمارہ)۔`,
	],
	printOptions: 'چھاپنے کے اختیارات',
	width: `متن کی چوڑائی، خانوں میں (طے شدہ: ٹرمینل کی چوڑائی، یا ${ltr('80')})`,
	article: `صرف خبر ${ltr('K')} (خبروں کی گنتی ${ltr('1')} سے شروع ہوتی ہے)`,
	headlines: 'صرف سرخیوں کی فہرست',
	logical: 'منطقی ترتیب، حروف جوڑے بغیر، ہر بلاک ایک سطر میں (پائپ اور اسکرین ریڈر کے لیے)',
	textOptions: 'متن کے اختیارات (اس بار محفوظ ترجیحات کی جگہ لیتے ہیں)',
	shaping: `عربی حروف کو جوڑنا (${ltr('on')})`,
	bidi: `دائیں سے بائیں لکھے متن کو ترتیب کون دے (${ltr('auto')})`,
	align: [`پیراگراف کی سیدھ (${ltr('auto')}: سمت کے مطابق؛`, `${ltr('justify')}: بھری ہوئی سطریں، عربی میں کشیدہ کے ساتھ)`],
	digits: `ہندسوں کی شکل (${ltr('asis')})`,
	language: `انٹرفیس کی زبان (${ltr('auto')}: سسٹم کی مقامی ترتیبات سے)`,
	tashkeel: `اعراب (${ltr('show')})`,
	measure: `ریڈر میں خبر کی سطر کی زیادہ سے زیادہ چوڑائی (${ltr('72')})`,
	theme: `رنگ (${ltr('auto')}؛ ${ltr('NO_COLOR')} کا لحاظ رکھا جاتا ہے)`,
	offline: 'صرف محفوظ نسخے، نیٹ ورک کے بغیر',
	other: 'دیگر',
	helpFlag: 'یہی مدد',
	version: 'ورژن نمبر',
	examples: 'مثالیں',
});

export const ur: UiStrings = {
	mainHelp: usage,
	language: 'ur',
	direction: 'rtl',
	listNames: {'most-read': 'سب سے زیادہ پڑھی گئی', trending: 'زیرِ بحث', latest: 'تازہ ترین خبریں'},
	loadingSource: 'ماخذ لوڈ ہو رہا ہے…',
	loadingArticle: 'خبر لوڈ ہو رہی ہے…',
	noHeadlines: 'اس ماخذ میں کوئی خبر نہیں',
	noArticle: 'کوئی خبر چنیں اور Enter دبائیں',
	failedSource: message => `ماخذ لوڈ نہیں ہو سکا: ${fsi(message)}`,
	failedArticle: message => `خبر لوڈ نہیں ہو سکی: ${fsi(message)}`,
	articleUnavailable: reason => `خبر کا متن لوڈ نہیں ہو سکا: ${fsi(reason)}`,
	articleLink: 'اس کا لنک (o کھولتا ہے، y کاپی کرتا ہے):',
	sourceFailed: (name, reason) => `${fsi(name)} لوڈ نہیں ہو سکا: ${fsi(reason)}`,
	sourcesFailed: (count, _total, totalText) => `${totalText} میں سے ${count} ماخذ لوڈ نہیں ہو سکے · ہر ایک کی وجہ اس کے پین میں (کیز کے لیے ?)`,
	refreshing: 'تازہ ہو رہا ہے…',
	copyRefreshing: 'محفوظ نسخہ، تازہ ہو رہا ہے…',
	refreshFailed: (name, reason, copy) => `${fsi(name)} تازہ نہیں ہو سکا: ${fsi(reason)}${copy ? ' · محفوظ نسخہ دکھایا جا رہا ہے' : ''}`,
	feedFailed: (name, reason, copy) => `${fsi(name)} کی فیڈ پڑھی نہیں جا سکی: ${fsi(reason)}${copy ? ' · اس کا محفوظ نسخہ دکھایا جا رہا ہے' : ''}`,
	unread: (count, number) => count === 0 ? 'کوئی نئی خبر نہیں' : `${number(count)} غیر پڑھی`,
	asOf: when => `${ltr(when)} کا محفوظ نسخہ`,
	tooSmall: (columns, rows) => `ونڈو چھوٹی ہے: کم از کم ${ltr(`${columns}×${rows}`)} چاہیے`,
	tooSmallLatin: (columns, rows) => `Terminal too small: ${columns}×${rows} at least`,
	copied: 'لنک کاپی ہو گیا',
	opened: 'لنک براؤزر میں کھل گیا',
	searchHeadlines: 'سرخیوں اور متن میں تلاش: ',
	searchArticle: 'خبر میں تلاش: ',
	matchCount: (index, count) => `${count} میں سے نتیجہ ${index}`,
	helpTitle: 'کیز',
	helpArabicLayouts: `یہی کیز عربی کی بورڈ لے آؤٹ پر بھی کام کرتی ہیں (${ltr('X11')}، ${ltr('macOS')} اور ${ltr('Windows')})۔`,
	helpTmux: `tmux کے اندر ${ltr('~/.tmux.conf')} میں یہ سطر ضروری ہے تاکہ دو طرفہ ترتیب بند کرنے کا حکم ٹرمینل تک پہنچے:`,
	helpTmuxLine: 'set -g allow-passthrough on',
	helpImplicit: name => `آپ کا ٹرمینل (${fsi(name)}) دائیں سے بائیں متن کو خود ترتیب دیتا ہے اور اسے روکا نہیں جا سکتا: ایک وقت میں ایک پین۔`,
	keysRefused: problem => `اصل کیز برقرار رہیں: ${fsi(problem)}`,
	settingsTitle: 'ترتیبات (فوراً محفوظ ہوتی ہیں)',
	thisRunOnly: 'صرف اس بار',
	thisRunOnlyNote: 'صرف اس بار: کمانڈ لائن کی قدر جو محفوظ نہیں ہوتی؛ یہاں بدلنے سے محفوظ ہو جاتی ہے۔',
	implicitTerminal: name => `${fsi(name)} دائیں سے بائیں متن کو خود ترتیب دیتا ہے: ایک وقت میں ایک پین (${ltr('bidi=terminal')})`,
	media: {audio: 'آڈیو', video: 'ویڈیو', file: 'فائل'},
	sizeUnits: ['بائٹ', 'کلوبائٹ', 'میگابائٹ', 'گیگابائٹ', 'ٹیرابائٹ'],
	linksTitle: title => `لنکس: ${fsi(title)}`,
	linkTitle: title => `لنک: ${fsi(title)}`,
	noBrowser: 'یہاں کوئی براؤزر نہیں: پورا لنک نیچے ہے، y اسے کاپی کرتا ہے',
	noOpener: (program, reason) => `${ltr(program)} شروع نہیں ہو سکا (${fsi(reason)}): پورا لنک نیچے ہے، y اسے کاپی کرتا ہے`,
	playing: 'فائل چل رہی ہے',
	urlCut: '… لنک اسکرین سے لمبا ہے، y اسے پورا کاپی کرتا ہے',
	pipePrompt: command => `خبر اس کمانڈ کو بھیجیں (${ltr(`Enter: ${command}`)}): `,
	pipeFailed: message => `خبر بھیجی نہیں جا سکی: ${fsi(message)}`,
	pipeNotRun: (command, status) => `کمانڈ «${ltr(command)}» نہیں چلی (${status === 127 ? 'نہیں ملی' : 'چلائی نہیں جا سکتی'}، ${status})`,
	overviewTitle: count => `ذرائع (${count})`,
	virtualNames: {'most-read-all': 'سب سے زیادہ پڑھی گئی — تمام ذرائع', 'latest-all': 'تازہ ترین — تمام ذرائع', starred: 'پسندیدہ'},
	untagged: 'بغیر ٹیگ',
	age: (ms, number) => {
		const minutes = Math.floor(ms / 60_000);
		if (minutes < 1) return 'ابھی';
		if (minutes < 60) return `${number(minutes)} منٹ`;
		const hours = Math.floor(minutes / 60);
		return hours < 24 ? `${number(hours)} گھنٹے` : `${number(Math.floor(hours / 24))} دن`;
	},
	neverRefreshed: 'کبھی نہیں',
	refreshProgress: (done, total, failed) => `تازہ کاری ${ltr(`${done}/${total}`)}${failed === undefined ? '' : ` · ناکام ${failed}`}`,
	diskFull: path => `ڈسک بھر گئی: لائبریری ${ltr(path)} میں جگہ نہیں · تازہ کاری رک گئی`,
	refreshAllFailed: (count, total) => `${total} میں سے ${count} ذرائع تازہ نہ ہو سکے · ذرائع کی فہرست (S) میں ! کا نشان`,
	refreshedAll: 'ذرائع تازہ ہو گئے',
	searchArchive: 'پورے آرکائیو میں تلاش کریں: ',
	searchResults: query => `«${fsi(query)}» کے نتائج`,
	starred: 'پسندیدہ میں شامل',
	unstarred: 'پسندیدہ سے ہٹا دیا',
	hintWords: {
		refreshAll: 'سب تازہ',
		open: 'کھولیں',
		search: 'تلاش',
		settings: 'ترتیبات',
		help: 'مدد',
		quit: 'باہر',
		page: 'صفحہ',
		back: 'واپس',
		link: 'لنک',
		close: 'بند',
		scroll: 'اسکرول',
		choose: 'چنیں',
		change: 'بدلیں',
		copy: 'کاپی',
	},
	failureText,
	noteText,
	settingLabels: {
		shaping: 'حروف جوڑنا',
		bidi: 'دو طرفہ ترتیب',
		align: 'سیدھ',
		digits: 'ہندسے',
		tashkeel: 'اعراب',
		measure: 'سطر کی چوڑائی',
		headlines: 'سرخیوں کی جانب',
		headlinesWidth: 'سرخیوں کی چوڑائی',
		theme: 'رنگ',
		language: 'زبان',
		autoRefresh: 'خودکار تازہ کاری (منٹ)',
	},
	commandHelp,
};
