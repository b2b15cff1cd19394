import type {Key} from 'ink';
import {describe, expect, it} from 'vitest';
import {commandForKey, commandsFor, helpRows, keyBindings, keyTokens} from '../../source/ui/keys.js';

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
