/**
 * The one key-binding table: semantic commands → the key strings that trigger them.
 *
 * Keys are matched as strings, not single characters, so that a reader typing on an Arabic
 * layout gets the same command from the same physical key: X11's `ara` sends presentation
 * forms for two keys (b → ﻻ U+FEFB, Shift+G → ﻷ U+FEF7), Windows' Arabic (101) sends two
 * letters for them (لا, لأ), macOS' Arabic layout moves some letters (b → ز, n → ر, m → و), and
 * `?` is ؟ everywhere. The help overlay is generated from this table.
 *
 * Named keys are written as tokens: up, down, left, right, pageup, pagedown, home, end,
 * return, escape, tab, space, backspace, delete, and ctrl+<letter>.
 */
import type {Key} from 'ink';

export type Command =
	| 'up'
	| 'down'
	| 'pageUp'
	| 'pageDown'
	| 'top'
	| 'bottom'
	| 'open'
	| 'switchPane'
	| 'focusLeft'
	| 'focusRight'
	| 'back'
	| 'jump'
	| 'toggleRead'
	| 'markAllRead'
	| 'nextUnread'
	| 'prevUnread'
	| 'search'
	| 'openLink'
	| 'copyUrl'
	| 'links'
	| 'pipe'
	| 'refresh'
	| 'redraw'
	| 'suspend'
	| 'help'
	| 'settings'
	| 'prevSource'
	| 'nextSource'
	| 'quit';

export type Binding = {
	command: Command;
	/** Every key string that triggers the command, Latin keys first. */
	keys: readonly string[];
	/** What the help overlay says the command does. */
	help: string;
};

// 0 too: numbers of two digits (10, 20) are typed in the links overlay.
const latinDigits = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'];
const arabicDigits = ['٠', '١', '٢', '٣', '٤', '٥', '٦', '٧', '٨', '٩'];
const persianDigits = ['۰', '۱', '۲', '۳', '۴', '۵', '۶', '۷', '۸', '۹'];

/*
 * Arabic columns, per physical key (X11 ara and Windows 101 share the letters; macOS differs
 * where noted): j ت, k ن, g ل, G ﻷ / لأ, b ﻻ / لا / ز (mac), n ى / ر (mac), N آ / إ (mac),
 * m ة / و (mac), M ' (X11) / ’ (Windows) / ؤ (mac), o خ, y غ, u ع, r ق, s س, q ض, h ا, l م,
 * / ظ, ? ؟, [ ج, ] د, | … (X11's Shift+\; | is on the key beside the left Shift there).
 */
export const keyBindings: readonly Binding[] = [
	{command: 'down', keys: ['down', 'j', 'ت'], help: 'الخبر أو السطر التالي'},
	{command: 'up', keys: ['up', 'k', 'ن'], help: 'الخبر أو السطر السابق'},
	{command: 'pageDown', keys: ['pagedown', 'space', 'ctrl+f'], help: 'صفحة إلى الأمام'},
	{command: 'pageUp', keys: ['pageup', 'b', 'ctrl+b', '\uFEFB', 'لا', 'ز'], help: 'صفحة إلى الوراء'},
	{command: 'top', keys: ['home', 'g', 'ل'], help: 'إلى البداية'},
	{command: 'bottom', keys: ['end', 'G', '\uFEF7', 'لأ'], help: 'إلى النهاية'},
	{command: 'open', keys: ['return'], help: 'افتح الخبر'},
	{command: 'switchPane', keys: ['tab', 'shift+tab'], help: 'انتقل إلى اللوح الآخر'},
	{command: 'focusLeft', keys: ['left', 'h', 'ا'], help: 'اللوح الذي على اليسار'},
	{command: 'focusRight', keys: ['right', 'l', 'م'], help: 'اللوح الذي على اليمين'},
	{command: 'back', keys: ['escape'], help: 'رجوع، إغلاق، إلغاء البحث'},
	{command: 'jump', keys: [...latinDigits, ...arabicDigits, ...persianDigits], help: 'الخبر ذو هذا الرقم، أو الرابط في قائمة الروابط'},
	{command: 'toggleRead', keys: ['m', 'ة', 'و'], help: 'مقروء أو غير مقروء'},
	{command: 'markAllRead', keys: ['M', '\'', '’', 'ؤ'], help: 'علّم أخبار المصدر كلها مقروءة'},
	{command: 'nextUnread', keys: ['n', 'ى', 'ر'], help: 'غير المقروء التالي، أو نتيجة البحث التالية'},
	{command: 'prevUnread', keys: ['N', 'آ', 'إ'], help: 'غير المقروء السابق، أو نتيجة البحث السابقة'},
	{command: 'search', keys: ['/', 'ظ'], help: 'ابحث في العناوين والنصوص'},
	{command: 'openLink', keys: ['o', 'خ'], help: 'افتح رابط الخبر في المتصفح'},
	{command: 'copyUrl', keys: ['y', 'غ'], help: 'انسخ رابط الخبر'},
	{command: 'links', keys: ['u', 'ع'], help: 'روابط الخبر وملفاته (صوت، فيديو)'},
	{command: 'pipe', keys: ['|', '…'], help: 'مرّر الخبر إلى أمر (less مثلًا)'},
	{command: 'refresh', keys: ['r', 'ق'], help: 'حدّث المصدر'},
	{command: 'prevSource', keys: ['[', 'ج'], help: 'المصدر السابق'},
	{command: 'nextSource', keys: [']', 'د'], help: 'المصدر التالي'},
	{command: 'settings', keys: ['s', 'س'], help: 'الإعدادات'},
	{command: 'help', keys: ['?', '؟'], help: 'هذه المساعدة'},
	{command: 'redraw', keys: ['ctrl+l'], help: 'أعد رسم الشاشة'},
	{command: 'suspend', keys: ['ctrl+z'], help: 'علّق البرنامج (fg للعودة)'},
	{command: 'quit', keys: ['q', 'ض', 'ctrl+c'], help: 'خروج'},
];

const byKey = new Map<string, Command>();
for (const binding of keyBindings) {
	for (const key of binding.keys) {
		byKey.set(key, binding.command);
	}
}

/** Longest bound key string, so a chunk of typed text can be split greedily. */
const longestKey = Math.max(...[...byKey.keys()].filter(key => !isNamed(key)).map(key => key.length));

function isNamed(key: string): boolean {
	return key.length > 1 && /^[a-z+]+$/.test(key);
}

export function commandForKey(key: string): Command | undefined {
	return byKey.get(key);
}

/**
 * Ink's (input, key) → key strings. A named key gives one token; typed text may hold several
 * keys at once (a held key, a slow terminal, Windows' two-letter لا), split greedily by the
 * table's longest match, else one code point at a time.
 */
export function keyTokens(input: string, key: Key): string[] {
	const named = namedKey(input, key);
	if (named) {
		return [named];
	}

	const tokens: string[] = [];
	const chars = [...input];
	let index = 0;
	while (index < chars.length) {
		let length = Math.min(longestKey, chars.length - index);
		for (; length > 1; length--) {
			const candidate = chars.slice(index, index + length).join('');
			// Typed text never spells a named key: "up" pasted is u and p, not ↑.
			if (byKey.has(candidate) && !isNamed(candidate)) {
				break;
			}
		}

		const token = chars.slice(index, index + length).join('');
		tokens.push(controlName(token) ?? token);
		index += length;
	}

	return tokens;
}

/** A control character inside a chunk of typed text, by name (Ink names it only when alone). */
function controlName(char: string): string | undefined {
	if (char === ' ') return 'space';
	if (char === '\r' || char === '\n') return 'return';
	if (char === '\t') return 'tab';
	if (char === '\u007F' || char === '\b') return 'backspace';
	const code = char.codePointAt(0)!;
	if (char.length === 1 && code >= 1 && code <= 26) return `ctrl+${String.fromCharCode(code + 96)}`;
	return undefined;
}

function namedKey(input: string, key: Key): string | undefined {
	if (key.upArrow) return 'up';
	if (key.downArrow) return 'down';
	if (key.leftArrow) return 'left';
	if (key.rightArrow) return 'right';
	if (key.pageUp) return 'pageup';
	if (key.pageDown) return 'pagedown';
	if (key.home) return 'home';
	if (key.end) return 'end';
	if (key.return) return 'return';
	if (key.escape) return 'escape';
	if (key.tab) return key.shift ? 'shift+tab' : 'tab';
	if (key.backspace) return 'backspace';
	if (key.delete) return 'delete';
	if (key.ctrl && input.length === 1) return `ctrl+${input.toLowerCase()}`;
	if (input === '\n' || input === '\r') return 'return';
	return undefined;
}

export type KeyCommand = {command: Command; key: string};

/** Ink's (input, key) → the commands it means, in order; unbound keys are dropped. */
export function commandsFor(input: string, key: Key): KeyCommand[] {
	const commands: KeyCommand[] = [];
	for (const token of keyTokens(input, key)) {
		const command = byKey.get(token);
		if (command) {
			commands.push({command, key: token});
		}
	}

	return commands;
}

/** The digit a `jump` key stands for (١ and ۱ count as 1). */
export function digitOf(key: string): number {
	const code = key.codePointAt(0)!;
	if (code >= 0x06_60 && code <= 0x06_69) return code - 0x06_60;
	if (code >= 0x06_f0 && code <= 0x06_f9) return code - 0x06_f0;
	return Number(key);
}

const shownNames: Record<string, string> = {
	up: '↑',
	down: '↓',
	left: '←',
	right: '→',
	pageup: 'PgUp',
	pagedown: 'PgDn',
	home: 'Home',
	end: 'End',
	return: 'Enter',
	escape: 'Esc',
	tab: 'Tab',
	'shift+tab': 'Shift+Tab',
	space: 'Space',
};

/** ASCII keys bound only as an Arabic layout's twin (X11 `ara` sends ' for Shift+M). */
const asciiTwins = new Set(['\'']);

/** How the help overlay writes a key: named keys spelled out, Arabic-layout twins left out. */
export function showKey(key: string): string | undefined {
	if (shownNames[key]) return shownNames[key];
	if (asciiTwins.has(key)) return undefined;
	if (key.startsWith('ctrl+')) return `Ctrl+${key.slice(5).toUpperCase()}`;
	return /^[\u0021-\u007E]$/.test(key) ? key : undefined;
}

export type HelpRow = {keys: string; help: string; command: Command};

/** One row per command, keys as the help overlay shows them. */
export function helpRows(): HelpRow[] {
	return keyBindings.map(binding => {
		const shown = binding.command === 'jump' ? ['0–9'] : binding.keys.map(key => showKey(key)).filter(key => key !== undefined);
		return {keys: shown.join(' '), help: binding.help, command: binding.command};
	});
}
