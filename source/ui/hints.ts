/**
 * The keys the status line names, for where the reader is: each hint a word and the key that
 * does it, taken from the key table so the user's own keys show. Which hints give way first
 * when the line is short is decided here; the help key (the close key in an overlay) never does.
 */
import {hintKey, type Command, type KeyTable} from './keys.js';
import {strings as arabic, type UiStrings} from './strings.js';

export type Hint = {
	/** The Arabic word first, so the hint reads right to left: `مساعدة ?`. */
	text: string;
	/** Lower gives way first when the line is short; undefined never gives way. */
	priority?: number;
};

export type HintPlace = 'headlines' | 'article' | 'help' | 'settings' | 'links' | 'overview';

type Spec = {label: string; command?: Command; key: string; priority?: number};

function specs(place: HintPlace, strings: UiStrings): Spec[] {
	const words = strings.hintWords;
	switch (place) {
		case 'headlines': return [
			{label: words.open, command: 'open', key: 'return', priority: 4},
			{label: words.search, command: 'search', key: '/', priority: 3},
			{label: words.settings, command: 'settings', key: 's', priority: 1},
			{label: words.help, command: 'help', key: '?'},
			{label: words.quit, command: 'quit', key: 'q', priority: 5},
		];
		case 'article': return [
			{label: words.page, command: 'pageDown', key: 'space', priority: 4},
			{label: words.back, command: 'back', key: 'escape', priority: 3},
			{label: words.link, command: 'openLink', key: 'o', priority: 1},
			{label: words.help, command: 'help', key: '?'},
			{label: words.quit, command: 'quit', key: 'q', priority: 5},
		];
		case 'overview': return [
			{label: words.open, key: 'Enter', priority: 4},
			{label: words.search, command: 'search', key: '/', priority: 3},
			{label: words.refreshAll, command: 'refreshAll', key: 'R', priority: 2},
			{label: words.help, command: 'help', key: '?'},
			{label: words.quit, command: 'quit', key: 'q', priority: 5},
		];
		case 'help': return [
			{label: words.close, key: 'Esc'},
			{label: words.scroll, key: '↑↓', priority: 1},
		];
		case 'links': return [
			{label: words.open, key: 'Enter', priority: 2},
			{label: words.copy, command: 'copyUrl', key: 'y', priority: 1},
			{label: words.close, key: 'Esc'},
		];
		case 'settings': return [
			{label: words.choose, key: '↑↓', priority: 2},
			{label: words.change, key: '←→', priority: 1},
			{label: words.close, key: 'Esc'},
		];
	}
}

export function statusHints(place: HintPlace, table: KeyTable, strings: UiStrings = arabic): Hint[] {
	return specs(place, strings).map(spec => ({
		text: `${spec.label} ${spec.command ? hintKey(table, spec.command, spec.key) : spec.key}`,
		priority: spec.priority,
	}));
}
