/**
 * The one key-binding table: semantic commands → the key strings that trigger them.
 *
 * Keys are matched as strings, not single characters, so that a reader typing on an Arabic
 * layout gets the same command from the same physical key. Which character a physical key
 * sends on each Arabic layout is written once, in `arabicLayouts`; every Latin key of the
 * table (the user's own keys too) brings its Arabic-layout twins from there, so rebinding `j`
 * moves `ت` with it. The help overlay and the status line are generated from the table.
 *
 * Named keys are written as tokens: up, down, left, right, pageup, pagedown, home, end,
 * return, escape, tab, space, backspace, delete, and ctrl+<letter>. They, and the digits,
 * are fixed; the Latin keys (one printable ASCII character each) can be the user's own.
 */
import type {Key} from 'ink';
import {asciiQuote} from '../prefs.js';

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
	| 'refreshAll'
	| 'overview'
	| 'star'
	| 'redraw'
	| 'suspend'
	| 'help'
	| 'settings'
	| 'prevSource'
	| 'nextSource'
	| 'quit';

/** A command's keys, as the defaults give them or as the table is built with the user's. */
export type Binding = {
	command: Command;
	/** The keys the help shows and the user may learn: named keys and Latin keys, in order. */
	keys: readonly string[];
	/** What the help overlay says the command does. */
	help: string;
};

/** The keys of a built table: each command's keys plus the Arabic-layout twins of its Latin keys. */
export type BoundCommand = Binding & {twins: readonly string[]};

// 0 too: numbers of two digits (10, 20) are typed in the links overlay.
const latinDigits = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'];
const arabicDigits = ['٠', '١', '٢', '٣', '٤', '٥', '٦', '٧', '٨', '٩'];
const persianDigits = ['۰', '۱', '۲', '۳', '۴', '۵', '۶', '۷', '۸', '۹'];

/** What one physical key sends on each Arabic layout (undefined: the layout sends nothing useful). */
export type LayoutTwins = {x11?: string; windows?: string; mac?: string};

/*
 * Latin key (US layout) → what the same physical key sends on X11's `ara`, Windows' Arabic
 * (101) and macOS' Arabic layout. X11 and Windows share the letters and differ in the
 * lam-alef keys (presentation forms on X11, two letters on Windows) and two quotes; macOS
 * moves the bottom row and a few others. The digit row sends digits everywhere (the jump keys
 * list the Arabic-Indic and Persian ones) and is left out, as is what equals its Latin key.
 */
const layoutRows: ReadonlyArray<readonly [latin: string, x11: string, windows: string, mac: string]> = [
	// Unshifted.
	['`', 'ذ', 'ذ', ''],
	['q', 'ض', 'ض', 'ض'], ['w', 'ص', 'ص', 'ص'], ['e', 'ث', 'ث', 'ث'], ['r', 'ق', 'ق', 'ق'],
	['t', 'ف', 'ف', 'ف'], ['y', 'غ', 'غ', 'غ'], ['u', 'ع', 'ع', 'ع'], ['i', 'ه', 'ه', 'ه'],
	['o', 'خ', 'خ', 'خ'], ['p', 'ح', 'ح', 'ح'], ['[', 'ج', 'ج', 'ج'], [']', 'د', 'د', 'ة'],
	['a', 'ش', 'ش', 'ش'], ['s', 'س', 'س', 'س'], ['d', 'ي', 'ي', 'ي'], ['f', 'ب', 'ب', 'ب'],
	['g', 'ل', 'ل', 'ل'], ['h', 'ا', 'ا', 'ا'], ['j', 'ت', 'ت', 'ت'], ['k', 'ن', 'ن', 'ن'],
	['l', 'م', 'م', 'م'], [';', 'ك', 'ك', 'ك'], ['\'', 'ط', 'ط', '؛'],
	['z', 'ئ', 'ئ', 'ظ'], ['x', 'ء', 'ء', 'ط'], ['c', 'ؤ', 'ؤ', 'ذ'], ['v', 'ر', 'ر', 'د'],
	['b', '\uFEFB', 'لا', 'ز'], ['n', 'ى', 'ى', 'ر'], ['m', 'ة', 'ة', 'و'],
	[',', 'و', 'و', '،'], ['.', 'ز', 'ز', ''], ['/', 'ظ', 'ظ', ''],
	// With Shift. Harakat are sent alone, as combining marks.
	['~', '\u0651', '\u0651', ''],
	['Q', '\u064E', '\u064E', '\u064E'], ['W', '\u064B', '\u064B', '\u064B'], ['E', '\u064F', '\u064F', '\u064F'],
	['R', '\u064C', '\u064C', ''], ['T', '\uFEF9', 'لإ', ''], ['Y', 'إ', 'إ', ''], ['U', '`', '‘', '\u0652'],
	['I', '÷', '÷', '\u0651'], ['O', '×', '×', ']'], ['P', '؛', '؛', '['], ['{', '<', '<', '}'], ['}', '>', '>', '{'],
	['A', '\u0650', '\u0650', '»'], ['S', '\u064D', '\u064D', '«'], ['D', ']', ']', 'ى'], ['F', '[', '[', ''],
	['G', '\uFEF7', 'لأ', ''], ['H', 'أ', 'أ', 'آ'], ['J', 'ـ', 'ـ', ''], ['K', '،', '،', '٫'],
	['L', '/', '/', '٬'], ['"', '"', '"', ''],
	['Z', '~', '~', '\''], ['X', '\u0652', '\u0652', ''], ['C', '}', '}', 'ئ'], ['V', '{', '{', 'ء'],
	['B', '\uFEF5', 'لآ', 'أ'], ['N', 'آ', 'آ', 'إ'], ['M', '\'', '’', 'ؤ'],
	['<', ',', ',', '>'], ['>', '.', '.', '<'], ['?', '؟', '؟', '؟'],
	// X11's Shift+\ (| is on the key beside the left Shift there).
	['|', '…', '', ''],
];

export const arabicLayouts: ReadonlyMap<string, LayoutTwins> = new Map(layoutRows.map(([latin, x11, windows, mac]) => {
	const twins: LayoutTwins = {};
	if (x11 && x11 !== latin) twins.x11 = x11;
	if (windows && windows !== latin) twins.windows = windows;
	if (mac && mac !== latin) twins.mac = mac;
	return [latin, twins];
}));

/**
 * The defaults: named keys and Latin keys only; the Arabic twins come from `arabicLayouts`.
 * (Keys that are neither, such as the jump command's Arabic-Indic digits, are fixed extras.)
 */
export const keyBindings: readonly Binding[] = [
	{command: 'down', keys: ['down', 'j'], help: 'الخبر أو السطر التالي'},
	{command: 'up', keys: ['up', 'k'], help: 'الخبر أو السطر السابق'},
	{command: 'pageDown', keys: ['pagedown', 'space', 'ctrl+f'], help: 'صفحة إلى الأمام'},
	{command: 'pageUp', keys: ['pageup', 'b', 'ctrl+b'], help: 'صفحة إلى الوراء'},
	{command: 'top', keys: ['home', 'g'], help: 'إلى البداية'},
	{command: 'bottom', keys: ['end', 'G'], help: 'إلى النهاية'},
	{command: 'open', keys: ['return'], help: 'افتح الخبر'},
	{command: 'switchPane', keys: ['tab', 'shift+tab'], help: 'انتقل إلى اللوح الآخر'},
	{command: 'focusLeft', keys: ['left', 'h'], help: 'اللوح الذي على اليسار'},
	{command: 'focusRight', keys: ['right', 'l'], help: 'اللوح الذي على اليمين'},
	{command: 'back', keys: ['escape'], help: 'رجوع، إغلاق، إلغاء البحث'},
	{command: 'jump', keys: [...latinDigits, ...arabicDigits, ...persianDigits], help: 'الخبر ذو هذا الرقم، أو الرابط في قائمة الروابط'},
	{command: 'toggleRead', keys: ['m'], help: 'مقروء أو غير مقروء'},
	{command: 'markAllRead', keys: ['M'], help: 'علّم أخبار المصدر كلها مقروءة'},
	{command: 'nextUnread', keys: ['n'], help: 'غير المقروء التالي، أو نتيجة البحث التالية'},
	{command: 'prevUnread', keys: ['N'], help: 'غير المقروء السابق، أو نتيجة البحث السابقة'},
	{command: 'search', keys: ['/'], help: 'ابحث في العناوين والنصوص'},
	{command: 'openLink', keys: ['o'], help: 'افتح رابط الخبر في المتصفح'},
	{command: 'copyUrl', keys: ['y'], help: 'انسخ رابط الخبر'},
	{command: 'links', keys: ['u'], help: 'روابط الخبر وملفاته (صوت، فيديو)'},
	{command: 'pipe', keys: ['|'], help: 'مرّر الخبر إلى أمر (less مثلًا)'},
	{command: 'refresh', keys: ['r'], help: 'حدّث المصدر'},
	{command: 'prevSource', keys: ['['], help: 'المصدر السابق'},
	{command: 'nextSource', keys: [']'], help: 'المصدر التالي'},
	{command: 'settings', keys: ['s'], help: 'الإعدادات'},
	{command: 'help', keys: ['?'], help: 'هذه المساعدة'},
	{command: 'redraw', keys: ['ctrl+l'], help: 'أعد رسم الشاشة'},
	{command: 'suspend', keys: ['ctrl+z'], help: 'علّق البرنامج (fg للعودة)'},
	{command: 'quit', keys: ['q', 'ctrl+c'], help: 'خروج'},
	// The library's keys (the configured sources): after the first page of the help.
	{command: 'overview', keys: ['S'], help: 'المصادر كلها: عدد غير المقروء وآخر تحديث'},
	{command: 'refreshAll', keys: ['R'], help: 'حدّث المصادر كلها في الخلفية'},
	// Shift+8 sends * on the Arabic layouts too (X11 ara, Windows, macOS): no twin to add.
	{command: 'star', keys: ['*'], help: 'أضف الخبر إلى المفضلة أو أزله منها'},
];

/** A key the user may choose: one printable ASCII character (Space is the named key `space`). */
export function isLatinKey(key: string): boolean {
	return /^[\u0021-\u007E]$/.test(key);
}

/** Commands whose keys are fixed (the digits jump to a rank). */
const fixedCommands: ReadonlySet<Command> = new Set(['jump']);

/** The commands a `keys` section may name. */
export const rebindableCommands: readonly Command[] = keyBindings.map(binding => binding.command).filter(command => !fixedCommands.has(command));

/** A command's default Latin keys (what `akhbar prefs get keys.ACTION` shows when it is not set). */
export function defaultLatinKeys(command: Command): string[] {
	return keyBindings.find(binding => binding.command === command)?.keys.filter(key => isLatinKey(key)) ?? [];
}

/** The `keys` section of the preferences: a command → its Latin keys, separated by spaces. */
export type KeyMap = Readonly<Record<string, string>>;

export type KeyTable = {
	bindings: readonly BoundCommand[];
	byKey: ReadonlyMap<string, Command>;
	/** The longest bound key typed as text, so a chunk of it can be split greedily. */
	longest: number;
};

export function isCommand(name: string): name is Command {
	return keyBindings.some(binding => binding.command === name);
}

/** One entry of a keys section → the action's keys, or why it cannot be used (one line). */
export function parseKeys(name: string, value: unknown): {command: Command; keys: string[]} | string {
	// Each reason ends in a letter: a note shows it inside Arabic, where a closing quote or
	// bracket at the end would be drawn at the far end of the line.
	if (!isCommand(name)) return `keys: ${asciiQuote(name)} is not an action`;
	if (fixedCommands.has(name)) return `keys.${name}: the digits jump to a rank and cannot be changed`;
	const keys = typeof value === 'string' ? value.trim().split(/\s+/u).filter(Boolean) : [];
	if (keys.length === 0) return `keys.${name} needs at least one key`;
	const bad = keys.find(key => !isLatinKey(key));
	if (bad !== undefined) return `keys.${name}: ${asciiQuote(bad)} is not one Latin character, such as j or J`;
	return {command: name, keys: [...new Set(keys)]};
}

/** The user's keys for each command they name, or why the section is refused (one line). */
function readKeyMap(map: KeyMap): Map<Command, string[]> | string {
	const chosen = new Map<Command, string[]>();
	for (const [name, value] of Object.entries(map)) {
		const parsed = parseKeys(name, value);
		if (typeof parsed === 'string') return parsed;
		chosen.set(parsed.command, parsed.keys);
	}

	return chosen;
}

/** A binding's keys with the user's Latin keys in place of its own (where its first Latin key was). */
function withLatinKeys(keys: readonly string[], latin: readonly string[] | undefined): string[] {
	if (!latin) return [...keys];
	const result: string[] = [];
	let placed = false;
	for (const key of keys) {
		if (!isLatinKey(key)) {
			result.push(key);
		} else if (!placed) {
			result.push(...latin);
			placed = true;
		}
	}

	if (!placed) result.push(...latin);
	return result;
}

function tableOf(bindings: ReadonlyArray<{binding: Binding; keys: string[]}>): KeyTable {
	const byKey = new Map<string, Command>();
	for (const {binding, keys} of bindings) {
		for (const key of keys) byKey.set(key, binding.command);
	}

	// Twins fill only what no key holds: a Latin key typed as itself wins over another key's
	// twin (X11 sends ' for Shift+M), and X11's and Windows' twins win over macOS' where two
	// physical keys send the same letter (] sends ة on a Mac, as m does on X11).
	const twins = new Map<Command, string[]>();
	for (const layouts of [['x11', 'windows'], ['mac']] as const) {
		for (const {binding, keys} of bindings) {
			for (const key of keys) {
				const sent = arabicLayouts.get(key);
				for (const layout of layouts) {
					const twin = sent?.[layout];
					if (twin === undefined || byKey.has(twin)) continue;
					byKey.set(twin, binding.command);
					const list = twins.get(binding.command) ?? [];
					list.push(twin);
					twins.set(binding.command, list);
				}
			}
		}
	}

	const typed = [...byKey.keys()].filter(key => !isNamed(key));
	return {
		bindings: bindings.map(({binding, keys}) => ({...binding, keys, twins: twins.get(binding.command) ?? []})),
		byKey,
		longest: Math.max(1, ...typed.map(key => key.length)),
	};
}

export type BuiltKeys = {
	table: KeyTable;
	/** Why the user's section was refused (the defaults are used then), in one line. */
	problem?: string;
};

/**
 * The default table with the user's `keys` section applied: a command the user names gets
 * their Latin keys instead of its own (its named keys stay), and twins follow. The whole
 * section is refused, and the defaults kept, when it names an unknown action, a key that is
 * not Latin, or a key that two actions would share (the user's own two, or the user's and
 * a default of an action they did not rebind).
 */
export function buildKeyTable(map: KeyMap = {}): BuiltKeys {
	if (Object.keys(map).length === 0) return {table: defaultKeyTable};
	const chosen = readKeyMap(map);
	if (typeof chosen === 'string') return {table: defaultKeyTable, problem: chosen};
	const bindings = keyBindings.map(binding => ({binding, keys: withLatinKeys(binding.keys, chosen.get(binding.command))}));
	const owner = new Map<string, Command>();
	for (const {binding, keys} of bindings) {
		for (const key of keys) {
			const other = owner.get(key);
			if (other !== undefined && other !== binding.command) {
				// The user's action is to blame; of two, the one written last (the one just set).
				const order = [...chosen.keys()];
				const which = chosen.has(binding.command) && order.indexOf(binding.command) > order.indexOf(other) ? binding.command : other;
				const taken = which === binding.command ? other : binding.command;
				return {table: defaultKeyTable, problem: `keys.${which}: ${asciiQuote(key)} is already ${taken}'s key${chosen.has(taken) || fixedCommands.has(taken) ? '' : `; rebind ${taken} too`}`};
			}

			owner.set(key, binding.command);
		}
	}

	return {table: tableOf(bindings)};
}

/**
 * What one key of a layout sends as two letters (Windows' لا): always one token, bound or not,
 * so that a key the user left unbound is not read as the two commands of its letters.
 */
const layoutTokens: ReadonlySet<string> = new Set([...arabicLayouts.values()].flatMap(twins => Object.values(twins)).filter(sent => [...sent].length > 1));
const longestLayoutToken = Math.max(1, ...[...layoutTokens].map(token => token.length));

export const defaultKeyTable: KeyTable = tableOf(keyBindings.map(binding => ({binding, keys: [...binding.keys]})));

function isNamed(key: string): boolean {
	return key.length > 1 && /^[a-z+]+$/.test(key);
}

export function commandForKey(key: string, table: KeyTable = defaultKeyTable): Command | undefined {
	return table.byKey.get(key);
}

/**
 * Ink's (input, key) → key strings. A named key gives one token; typed text may hold several
 * keys at once (a held key, a slow terminal, Windows' two-letter لا), split greedily by the
 * table's longest match, else one code point at a time.
 */
export function keyTokens(input: string, key: Key, table: KeyTable = defaultKeyTable): string[] {
	const named = namedKey(input, key);
	if (named) {
		return [named];
	}

	const tokens: string[] = [];
	const chars = [...input];
	let index = 0;
	while (index < chars.length) {
		let length = Math.min(Math.max(table.longest, longestLayoutToken), chars.length - index);
		for (; length > 1; length--) {
			const candidate = chars.slice(index, index + length).join('');
			// Typed text never spells a named key: "up" pasted is u and p, not ↑.
			if ((table.byKey.has(candidate) || layoutTokens.has(candidate)) && !isNamed(candidate)) {
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
export function commandsFor(input: string, key: Key, table: KeyTable = defaultKeyTable): KeyCommand[] {
	const commands: KeyCommand[] = [];
	for (const token of keyTokens(input, key, table)) {
		const command = table.byKey.get(token);
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

/** How the help overlay writes a key: named keys spelled out, keys that are not Latin left out. */
export function showKey(key: string): string | undefined {
	if (shownNames[key]) return shownNames[key];
	if (key.startsWith('ctrl+')) return `Ctrl+${key.slice(5).toUpperCase()}`;
	return isLatinKey(key) ? key : undefined;
}

export type HelpRow = {keys: string; help: string; command: Command};

/** One row per command, keys as the help overlay shows them. */
export function helpRows(table: KeyTable = defaultKeyTable): HelpRow[] {
	return table.bindings.map(binding => {
		const shown = binding.command === 'jump' ? ['0–9'] : binding.keys.map(key => showKey(key)).filter(key => key !== undefined);
		return {keys: shown.join(' '), help: binding.help, command: binding.command};
	});
}

/**
 * The key the status line names for a command: `preferred` while the table still binds it to
 * the command, else the first key the help shows (the user's own, when they chose its keys).
 */
export function hintKey(table: KeyTable, command: Command, preferred?: string): string {
	if (preferred !== undefined && table.byKey.get(preferred) === command) return showKey(preferred) ?? preferred;
	const binding = table.bindings.find(candidate => candidate.command === command);
	return binding?.keys.map(key => showKey(key)).find(key => key !== undefined) ?? '';
}
