/** The Hebrew interface (right to left, Western digits, as Hebrew writes them). */
import type {Failure} from '../../model.js';
import type {Command} from '../keys.js';
import type {Note} from '../state.js';
import type {UiStrings} from './ar.js';
import {fsi, ltr} from './isolate.js';
import {usageText} from './usage-layout.js';

function seconds(count: number): string {
	return count === 1 ? 'שנייה אחת' : `${count} שניות`;
}

function failureText(failure: Failure): string {
	switch (failure.kind) {
		case 'refused': return 'השרת דחה את החיבור';
		case 'host-not-found': return `אין שרת בשם ${ltr(failure.host)}`;
		case 'no-network': return `לא ניתן לאתר את ${ltr(failure.host)}: האם הרשת מחוברת?`;
		case 'closed': return 'השרת סגר את החיבור';
		case 'unreachable': return 'הרשת אינה זמינה';
		case 'connect-timeout': return `לא נוצר חיבור תוך ${seconds(failure.seconds)}`;
		case 'timeout': return `התשובה לא הושלמה תוך ${seconds(failure.seconds)}`;
		case 'stalled': return 'השרת הפסיק לענות';
		case 'tls': return {
			expired: `תוקף תעודת ה־TLS של ${ltr(failure.host)} פג`,
			'wrong-host': `תעודת ה־TLS אינה של ${ltr(failure.host)}`,
			untrusted: `תעודת ה־TLS של ${ltr(failure.host)} אינה מהימנה`,
			other: `לא נוצר חיבור מאובטח (TLS) אל ${ltr(failure.host)}`,
		}[failure.problem];
		case 'http': {
			const meaning = ({401: 'נדרשת התחברות', 403: 'הגישה נחסמה', 404: 'הדף לא נמצא', 410: 'הדף הוסר', 429: 'יותר מדי בקשות, נסו שוב מאוחר יותר'} as Record<number, string>)[failure.status]
				?? (failure.status >= 500 ? 'שגיאת שרת' : 'תשובה לא צפויה מהשרת');
			return `${meaning} (${ltr(`HTTP ${failure.status}`)})`;
		}

		case 'redirect': return 'השרת הפנה לכתובת לא תקינה';
		case 'port': return `הפורט ${ltr(failure.port)} אינו מותר ברשת`;
		case 'damaged': return 'התשובה הדחוסה פגומה';
		case 'too-large': return `התשובה גדולה מ־${ltr(failure.limit)}`;
		case 'offline': return `אין עותק שמור, והקריאה במצב לא מקוון (${ltr('--offline')})`;
		case 'cancelled': return 'הטעינה בוטלה';
		case 'network': return `שגיאת רשת (${fsi(failure.detail)})`;
	}
}

function noteText(note: Note): string {
	switch (note.kind) {
		case 'noUnread': return note.anywhere ? 'אין ידיעות שלא נקראו באף מקור' : 'אין ידיעות שלא נקראו';
		case 'noMatch': return `אין תוצאות עבור "${fsi(note.query)}"`;
		case 'noContent': return 'לידיעה הזו אין טקסט ואין קישור';
		case 'noRank': return `אין ידיעה מספר ${note.rank}`;
		case 'noLink': return 'לידיעה הזו אין קישור';
		case 'noLinks': return 'בידיעה הזו אין קישורים או קבצים';
		case 'noLinkNumber': return `אין קישור מספר ${note.number}`;
		case 'noOverview': return 'רשימת המקורות מציגה רק את המקורות השמורים (akhbar בלי מקור)';
	}
}

const commandHelp: Record<Command, string> = {
	down: 'הידיעה או השורה הבאה',
	up: 'הידיעה או השורה הקודמת',
	pageDown: 'עמוד קדימה',
	pageUp: 'עמוד אחורה',
	top: 'להתחלה',
	bottom: 'לסוף',
	open: 'פתיחת הידיעה',
	switchPane: 'מעבר לחלונית האחרת',
	focusLeft: 'החלונית שמשמאל',
	focusRight: 'החלונית שמימין',
	back: 'חזרה, סגירה, ביטול החיפוש',
	jump: 'הידיעה במספר הזה, או הקישור ברשימת הקישורים',
	toggleRead: 'נקרא או לא נקרא',
	markAllRead: 'סימון כל ידיעות המקור כנקראו',
	nextUnread: 'הבאה שלא נקראה, או תוצאת החיפוש הבאה',
	prevUnread: 'הקודמת שלא נקראה, או תוצאת החיפוש הקודמת',
	search: 'חיפוש בכותרות ובטקסטים',
	openLink: 'פתיחת קישור הידיעה בדפדפן',
	copyUrl: 'העתקת קישור הידיעה',
	links: 'הקישורים והקבצים של הידיעה (שמע, וידאו)',
	pipe: 'העברת הידיעה לפקודה (למשל less)',
	refresh: 'רענון המקור',
	refreshAll: 'רענון כל המקורות ברקע',
	overview: 'כל המקורות: מספר שלא נקראו ורענון אחרון',
	star: 'הוספת הידיעה למועדפים או הסרתה',
	prevSource: 'המקור הקודם',
	nextSource: 'המקור הבא',
	settings: 'הגדרות',
	help: 'העזרה הזו',
	redraw: 'ציור המסך מחדש',
	suspend: 'השהיית התוכנה (fg לחזרה)',
	quit: 'יציאה',
};

/** `akhbar --help`. */
const usage = usageText({
	banner: `${ltr('akhbar')} — חדשות בערבית בטרמינל`,
	usageHeading: 'שימוש',
	read: 'קריאה (המקורות שהוגדרו, או גיליון ההדגמה)',
	print: 'הדפסת מה שהחלוניות מציגות, ויציאה',
	refresh: 'הבאת כל המקורות לספרייה',
	search: 'חיפוש בארכיון הידיעות',
	sync: `סנכרון עם ${ltr('Miniflux')} או שרת ${ltr('Google Reader')}`,
	completion: 'סקריפט השלמה למעטפת',
	help: `העזרה הזאת, או העזרה של פקודה (וגם ${ltr('COMMAND --help')})`,
	source: [
		`${ltr('SOURCE')} הוא כתובת של פיד או של דף (${ltr('RSS, Atom, JSON Feed, HTML')}), קובץ, או ${ltr('-')} לקלט התקני.`,
		`בלי ${ltr('SOURCE')}, הפקודה ${ltr('print')} והקורא משתמשים במקורות שהוגדרו, ואם אין כאלה בגיליון ההדגמה המובנה`,
		`(${ltr('--demo')}: גיליון ההדגמה בכל מקרה).`,
	],
	printOptions: 'אפשרויות הדפסה',
	width: `רוחב הטקסט בתאים (ברירת מחדל: רוחב הטרמינל, או ${ltr('80')})`,
	article: `רק כתבה ${ltr('K')} (הכתבות ממוספרות החל מ־${ltr('1')})`,
	headlines: 'רק רשימת הכותרות',
	logical: 'סדר לוגי, בלי חיבור אותיות, שורה לכל בלוק (לצינורות ולקוראי מסך)',
	textOptions: 'אפשרויות טקסט (גוברות על ההעדפות השמורות בהרצה הזאת)',
	shaping: `חיבור האותיות הערביות (${ltr('on')})`,
	bidi: `מי מסדר טקסט מימין לשמאל (${ltr('auto')})`,
	align: [`יישור הפסקאות (${ltr('auto')}: לפי הכיוון;`, `${ltr('justify')}: שורות מלאות, עם כשידה בערבית)`],
	digits: `צורת הספרות (${ltr('asis')})`,
	language: `שפת הממשק (${ltr('auto')}: לפי הגדרות האזור של המערכת)`,
	tashkeel: `סימני התנועה הערביים (${ltr('show')})`,
	measure: `רוחב מרבי לשורת כתבה בקורא (${ltr('72')})`,
	theme: `צבעים (${ltr('auto')}; המשתנה ${ltr('NO_COLOR')} נשמר)`,
	offline: 'עותקים שמורים בלבד, בלי רשת',
	other: 'שונות',
	helpFlag: 'העזרה הזאת',
	version: 'מספר הגרסה',
	examples: 'דוגמאות',
});

export const he: UiStrings = {
	mainHelp: usage,
	language: 'he',
	direction: 'rtl',
	listNames: {'most-read': 'הנקראים ביותר', trending: 'חם עכשיו', latest: 'החדשות האחרונות'},
	loadingSource: 'טוען את המקור…',
	loadingArticle: 'טוען את הידיעה…',
	noHeadlines: 'אין ידיעות במקור הזה',
	noArticle: 'בחרו ידיעה והקישו Enter',
	failedSource: message => `טעינת המקור נכשלה: ${fsi(message)}`,
	failedArticle: message => `טעינת הידיעה נכשלה: ${fsi(message)}`,
	articleUnavailable: reason => `טעינת הטקסט של הידיעה נכשלה: ${fsi(reason)}`,
	articleLink: 'הקישור שלה (o פותח, y מעתיק):',
	sourceFailed: (name, reason) => `טעינת ${fsi(name)} נכשלה: ${fsi(reason)}`,
	sourcesFailed: (count, _total, totalText) => `טעינת ${count} מתוך ${totalText} מקורות נכשלה · הסיבה של כל אחד בחלונית שלו (? למקשים)`,
	refreshing: 'מרענן…',
	copyRefreshing: 'עותק שמור, מרענן…',
	refreshFailed: (name, reason, copy) => `רענון ${fsi(name)} נכשל: ${fsi(reason)}${copy ? ' · מוצג העותק השמור' : ''}`,
	feedFailed: (name, reason, copy) => `קריאת הפיד של ${fsi(name)} נכשלה: ${fsi(reason)}${copy ? ' · מוצג העותק השמור שלו' : ''}`,
	unread: (count, number) => count === 0 ? 'אין חדש' : (count === 1 ? 'ידיעה אחת שלא נקראה' : `${number(count)} שלא נקראו`),
	asOf: when => `עותק שמור מ־${ltr(when)}`,
	tooSmall: (columns, rows) => `החלון קטן מדי: נדרש לפחות ${ltr(`${columns}×${rows}`)}`,
	tooSmallLatin: (columns, rows) => `Terminal too small: ${columns}×${rows} at least`,
	copied: 'הקישור הועתק',
	opened: 'הקישור נפתח בדפדפן',
	searchHeadlines: 'חיפוש בכותרות ובטקסטים: ',
	searchArticle: 'חיפוש בידיעה: ',
	matchCount: (index, count) => `תוצאה ${index} מתוך ${count}`,
	helpTitle: 'מקשים',
	helpArabicLayouts: 'אותם מקשים פועלים גם בפריסת מקלדת ערבית (X11, macOS ו־Windows).',
	helpTmux: `בתוך tmux צריך את השורה הזו ב־${ltr('~/.tmux.conf')} כדי שפקודת כיבוי הסידור הדו־כיווני תגיע למסוף:`,
	helpTmuxLine: 'set -g allow-passthrough on',
	helpImplicit: name => `המסוף שלך (${fsi(name)}) מסדר בעצמו טקסט מימין לשמאל, ואי אפשר לכבות זאת: חלונית אחת בכל פעם.`,
	keysRefused: problem => `נשארו מקשי ברירת המחדל: ${fsi(problem)}`,
	settingsTitle: 'הגדרות (נשמרות מיד)',
	thisRunOnly: 'להרצה זו',
	thisRunOnlyNote: 'להרצה זו: ערך משורת הפקודה שאינו נשמר; שינוי כאן שומר אותו.',
	implicitTerminal: name => `${fsi(name)} מסדר בעצמו טקסט מימין לשמאל: חלונית אחת בכל פעם (${ltr('bidi=terminal')})`,
	media: {audio: 'שמע', video: 'וידאו', file: 'קובץ'},
	sizeUnits: ['בתים', 'ק״ב', 'מ״ב', 'ג״ב', 'ט״ב'],
	linksTitle: title => `קישורים: ${fsi(title)}`,
	linkTitle: title => `קישור: ${fsi(title)}`,
	noBrowser: 'אין כאן דפדפן: הקישור המלא למטה, ו־y מעתיק אותו',
	noOpener: (program, reason) => `לא ניתן להפעיל את ${ltr(program)} (${fsi(reason)}): הקישור המלא למטה, ו־y מעתיק אותו`,
	playing: 'הקובץ מתנגן',
	urlCut: '… הקישור ארוך מהמסך, y מעתיק אותו במלואו',
	pipePrompt: command => `העברת הידיעה אל (${ltr(`Enter: ${command}`)}): `,
	pipeFailed: message => `העברת הידיעה נכשלה: ${fsi(message)}`,
	pipeNotRun: (command, status) => `הפקודה "${ltr(command)}" לא רצה (${status === 127 ? 'לא נמצאה' : 'אי אפשר להריץ אותה'}, ${status})`,
	overviewTitle: count => `מקורות (${count})`,
	virtualNames: {'most-read-all': 'הנקראים ביותר — כל המקורות', 'latest-all': 'האחרונות — כל המקורות', starred: 'מועדפים'},
	untagged: 'ללא תגית',
	age: (ms, number) => {
		const minutes = Math.floor(ms / 60_000);
		if (minutes < 1) return 'עכשיו';
		if (minutes < 60) return `${number(minutes)} דק׳`;
		const hours = Math.floor(minutes / 60);
		return hours < 24 ? `${number(hours)} שע׳` : `${number(Math.floor(hours / 24))} ימים`;
	},
	neverRefreshed: 'אף פעם',
	refreshProgress: (done, total, failed) => `מרענן ${ltr(`${done}/${total}`)}${failed === undefined ? '' : ` · ${failed} נכשלו`}`,
	diskFull: path => `הדיסק מלא: אין מקום לספרייה ${ltr(path)} · הרענון נעצר`,
	refreshAllFailed: (count, total) => `${count} מתוך ${total} מקורות לא רועננו · מסומנים ! ברשימת המקורות (S)`,
	refreshedAll: 'המקורות רועננו',
	searchArchive: 'חיפוש בכל הארכיון: ',
	searchResults: query => `תוצאות עבור «${fsi(query)}»`,
	starred: 'נוסף למועדפים',
	unstarred: 'הוסר מהמועדפים',
	hintWords: {
		refreshAll: 'רענון הכול',
		open: 'פתיחה',
		search: 'חיפוש',
		settings: 'הגדרות',
		help: 'עזרה',
		quit: 'יציאה',
		page: 'עמוד',
		back: 'חזרה',
		link: 'קישור',
		close: 'סגירה',
		scroll: 'גלילה',
		choose: 'בחירה',
		change: 'שינוי',
		copy: 'העתקה',
	},
	failureText,
	noteText,
	settingLabels: {
		shaping: 'חיבור אותיות',
		bidi: 'סידור דו־כיווני',
		align: 'יישור',
		digits: 'ספרות',
		tashkeel: 'ניקוד ערבי',
		measure: 'רוחב שורה',
		headlines: 'צד הכותרות',
		headlinesWidth: 'רוחב הכותרות',
		theme: 'צבעים',
		language: 'שפה',
		autoRefresh: 'רענון אוטומטי (דקות)',
	},
	commandHelp,
};
