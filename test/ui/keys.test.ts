import type {Key} from 'ink';
import {describe, expect, it} from 'vitest';
import {arabicLayouts, buildKeyTable, commandForKey, commandsFor, helpRows, hintKey, keyBindings, keyTokens} from '../../source/ui/keys.js';

function key(overrides: Partial<Key> = {}): Key {
	return {
		upArrow: false,
		downArrow: false,
		leftArrow: false,
		rightArrow: false,
		pageDown: false,
		pageUp: false,
		home: false,
		end: false,
		return: false,
		escape: false,
		ctrl: false,
		shift: false,
		tab: false,
		backspace: false,
		delete: false,
		meta: false,
		super: false,
		hyper: false,
		capsLock: false,
		numLock: false,
		...overrides,
	};
}

describe('the key-binding table', () => {
	it('binds no key string to two commands', () => {
		const seen = new Map<string, string>();
		for (const binding of keyBindings) {
			for (const k of binding.keys) {
				expect(seen.get(k), `${k} is bound twice`).toBeUndefined();
				seen.set(k, binding.command);
			}
		}
	});

	it('gives vim keys, arrows and paging keys the same commands', () => {
		expect(commandForKey('j')).toBe('down');
		expect(commandForKey('down')).toBe('down');
		expect(commandForKey('k')).toBe('up');
		expect(commandForKey('pagedown')).toBe('pageDown');
		expect(commandForKey('space')).toBe('pageDown');
		expect(commandForKey('b')).toBe('pageUp');
		expect(commandForKey('g')).toBe('top');
		expect(commandForKey('home')).toBe('top');
		expect(commandForKey('G')).toBe('bottom');
		expect(commandForKey('end')).toBe('bottom');
		expect(commandForKey('h')).toBe('focusLeft');
		expect(commandForKey('l')).toBe('focusRight');
	});

	it.each([
		['ت', 'down'], ['ن', 'up'], ['ل', 'top'], ['\uFEF7', 'bottom'], ['\uFEFB', 'pageUp'],
		['ى', 'nextUnread'], ['آ', 'prevUnread'], ['ة', 'toggleRead'], ['\'', 'markAllRead'],
		['خ', 'openLink'], ['غ', 'copyUrl'], ['ق', 'refresh'], ['س', 'settings'], ['ض', 'quit'],
		['ا', 'focusLeft'], ['م', 'focusRight'], ['ظ', 'search'], ['؟', 'help'], ['ع', 'links'],
		// Shift+\ on X11's ara sends an ellipsis: the key a US keyboard has | on.
		['…', 'pipe'],
	])('X11 Arabic layout: %s does what its Latin key does (%s)', (typed, command) => {
		expect(commandForKey(typed)).toBe(command);
	});

	it.each([
		['لا', 'pageUp'], ['لأ', 'bottom'], ['’', 'markAllRead'],
	])('Windows Arabic (101): %s → %s', (typed, command) => {
		expect(commandForKey(typed)).toBe(command);
	});

	it.each([
		['ز', 'pageUp'], ['ر', 'nextUnread'], ['إ', 'prevUnread'], ['و', 'toggleRead'], ['ؤ', 'markAllRead'],
	])('macOS Arabic: %s → %s', (typed, command) => {
		expect(commandForKey(typed)).toBe(command);
	});
});

describe('Ink key events → commands', () => {
	it('reads named keys from Ink\'s flags', () => {
		expect(keyTokens('', key({upArrow: true}))).toEqual(['up']);
		expect(keyTokens('', key({pageDown: true}))).toEqual(['pagedown']);
		expect(keyTokens('\r', key({return: true}))).toEqual(['return']);
		expect(keyTokens('', key({escape: true}))).toEqual(['escape']);
		expect(keyTokens('', key({tab: true}))).toEqual(['tab']);
		expect(keyTokens('l', key({ctrl: true}))).toEqual(['ctrl+l']);
		expect(keyTokens('z', key({ctrl: true}))).toEqual(['ctrl+z']);
		expect(keyTokens(' ', key())).toEqual(['space']);
	});

	it('splits a burst of typed keys into single keys', () => {
		expect(commandsFor('jjk', key()).map(c => c.command)).toEqual(['down', 'down', 'up']);
	});

	it('never reads typed text as the name of a key', () => {
		expect(keyTokens('up', key())).toEqual(['u', 'p']);
		expect(commandsFor('end', key()).map(c => c.command)).toEqual(['nextUnread']);
	});

	it('names control characters that arrive inside a chunk', () => {
		expect(keyTokens('j\r', key())).toEqual(['j', 'return']);
		expect(keyTokens('k\u001A', key())).toEqual(['k', 'ctrl+z']);
	});

	it('keeps Windows\' two-letter لا together as one key', () => {
		expect(commandsFor('لا', key())).toEqual([{command: 'pageUp', key: 'لا'}]);
		expect(commandsFor('لاj', key()).map(c => c.command)).toEqual(['pageUp', 'down']);
	});

	it('drops keys that mean nothing', () => {
		expect(commandsFor('x', key())).toEqual([]);
	});

	it('passes the digit of a jump key along', () => {
		expect(commandsFor('3', key())).toEqual([{command: 'jump', key: '3'}]);
		expect(commandsFor('٣', key())).toEqual([{command: 'jump', key: '٣'}]);
		// Zero too, for numbers of two digits: 10 is typed 1 then 0.
		expect(commandsFor('1٠۰', key())).toEqual([{command: 'jump', key: '1'}, {command: 'jump', key: '٠'}, {command: 'jump', key: '۰'}]);
	});

	it('u lists the links and | pipes the article, on either layout', () => {
		expect(commandForKey('u')).toBe('links');
		expect(commandForKey('ع')).toBe('links');
		expect(commandForKey('|')).toBe('pipe');
	});
});

describe('help rows come from the same table', () => {
	it('has one row per command, Latin and named keys shown, Arabic twins left out', () => {
		const rows = helpRows();
		expect(rows).toHaveLength(keyBindings.length);
		const down = rows.find(row => row.command === 'down')!;
		expect(down.keys).toBe('↓ j');
		expect(rows.find(row => row.command === 'pageDown')!.keys).toBe('PgDn Space Ctrl+F');
		expect(rows.find(row => row.command === 'jump')!.keys).toBe('0–9');
		expect(rows.find(row => row.command === 'links')!.keys).toBe('u');
		expect(rows.find(row => row.command === 'pipe')!.keys).toBe('|');
		expect(rows.find(row => row.command === 'suspend')!.keys).toBe('Ctrl+Z');
		// X11 ara's Shift+M sends an ASCII apostrophe: still a twin, not a key to learn.
		expect(rows.find(row => row.command === 'markAllRead')!.keys).toBe('M');
	});
});

describe('the Arabic layout table', () => {
	it('gives every Latin key of the defaults its twins on the three layouts', () => {
		expect(arabicLayouts.get('j')).toEqual({x11: 'ت', windows: 'ت', mac: 'ت'});
		expect(arabicLayouts.get('b')).toEqual({x11: '\uFEFB', windows: 'لا', mac: 'ز'});
		expect(arabicLayouts.get('M')).toEqual({x11: '\'', windows: '’', mac: 'ؤ'});
		for (const binding of keyBindings) {
			for (const key of binding.keys.filter(key => /^[a-zA-Z]$/.test(key))) {
				expect(arabicLayouts.get(key)?.x11, key).toBeDefined();
			}
		}
	});
});

describe('keys of one\'s own', () => {
	it('rebinding j moves ت with it; the key given up and its twin are free', () => {
		const {table, problem} = buildKeyTable({down: 'x', top: 'j'});
		expect(problem).toBeUndefined();
		expect(commandForKey('x', table)).toBe('down');
		expect(commandForKey('ء', table)).toBe('down');
		expect(commandForKey('ط', table)).toBe('down');
		expect(commandForKey('down', table)).toBe('down');
		expect(commandForKey('j', table)).toBe('top');
		expect(commandForKey('ت', table)).toBe('top');
		expect(commandForKey('g', table)).toBeUndefined();
		expect(commandForKey('ل', table)).toBeUndefined();
		expect(commandForKey('home', table)).toBe('top');
	});

	it('a Shift key brings its Shift twins (X11 and Windows lam-alef forms)', () => {
		const {table} = buildKeyTable({pageUp: 'T'});
		expect(commandForKey('T', table)).toBe('pageUp');
		expect(commandForKey('\uFEF9', table)).toBe('pageUp');
		expect(commandsFor('لإ', key(), table)).toEqual([{command: 'pageUp', key: 'لإ'}]);
		// b is free now: Windows' لا is one key that means nothing, not ل (top) and ا (focusLeft).
		expect(commandsFor('لا', key(), table)).toEqual([]);
	});

	it('takes several keys separated by spaces', () => {
		const {table} = buildKeyTable({down: 'j J'});
		expect(commandForKey('j', table)).toBe('down');
		expect(commandForKey('J', table)).toBe('down');
		expect(commandForKey('ـ', table)).toBe('down');
	});

	it('a Latin key wins over another key\'s twin; X11 and Windows twins win over macOS\' ones', () => {
		// X11 sends ' for Shift+M; as the user's own key it is refresh, and M keeps its other twins.
		const own = buildKeyTable({refresh: '\''}).table;
		expect(commandForKey('\'', own)).toBe('refresh');
		expect(commandForKey('M', own)).toBe('markAllRead');
		expect(commandForKey('’', own)).toBe('markAllRead');
		// ر is v on X11 and Windows, n on a Mac.
		expect(commandForKey('ر', buildKeyTable().table)).toBe('nextUnread');
		expect(commandForKey('ر', buildKeyTable({refresh: 'v'}).table)).toBe('refresh');
	});

	it('refuses a key another action keeps, and keeps the defaults', () => {
		const {table, problem} = buildKeyTable({down: 'k'});
		expect(problem).toBe('keys.down: "k" is already up\'s key; rebind up too');
		expect(commandForKey('j', table)).toBe('down');
		expect(commandForKey('k', table)).toBe('up');
		expect(buildKeyTable({down: 'k', up: 'i'}).problem).toBeUndefined();
	});

	it('refuses one key for two of the user\'s actions', () => {
		const {table, problem} = buildKeyTable({down: 'x', up: 'x'});
		expect(problem).toMatch(/^keys\.(down|up): "x" is already (up|down)'s key$/u);
		expect(commandForKey('x', table)).toBeUndefined();
	});

	it('refuses a digit: the digits jump to a rank', () => {
		expect(buildKeyTable({down: '5'}).problem).toBe('keys.down: "5" is already jump\'s key');
		expect(buildKeyTable({jump: 'x'}).problem).toBe('keys.jump: the digits jump to a rank and cannot be changed');
	});

	it('refuses an unknown action, and a key that is not one Latin character', () => {
		const unknown = buildKeyTable({dwon: 'x'});
		expect(unknown.problem).toBe('keys: "dwon" is not an action');
		expect(commandForKey('j', unknown.table)).toBe('down');
		expect(buildKeyTable({down: 'ت'}).problem).toBe('keys.down: "\\u062a" is not one Latin character, such as j or J');
		expect(buildKeyTable({down: 'ctrl+d'}).problem).toMatch(/^keys\.down: "ctrl\+d" is not one Latin character/u);
		expect(buildKeyTable({down: ' '}).problem).toBe('keys.down needs at least one key');
		// A name from a hostile file is quoted in printable ASCII only.
		expect(buildKeyTable({'\u202Edown\u001B[31m': 'x'}).problem).toBe('keys: "\\u202edown\\u001b[31m" is not an action');
	});

	it('the help rows and the status-line hints show the user\'s keys', () => {
		const {table} = buildKeyTable({down: 'J', help: 'H', quit: 'Q'});
		const rows = helpRows(table);
		expect(rows.find(row => row.command === 'down')!.keys).toBe('↓ J');
		expect(rows.find(row => row.command === 'help')!.keys).toBe('H');
		expect(rows.find(row => row.command === 'quit')!.keys).toBe('Q Ctrl+C');
		expect(hintKey(table, 'help', '?')).toBe('H');
		expect(hintKey(table, 'quit', 'q')).toBe('Q');
		expect(hintKey(buildKeyTable().table, 'help', '?')).toBe('?');
		expect(hintKey(table, 'pageDown', 'space')).toBe('Space');
	});
});
