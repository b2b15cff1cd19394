/**
 * The overview in the reader's state machine (library mode): S opens it on the current
 * source's row, ↑↓ PgUp PgDn g G move over sources (a tag's heading row is passed over),
 * Enter opens a source, Esc from a source's headlines goes up to it, / searches the whole
 * archive, r and R refresh, * stars; without a library S only says why there is no overview.
 */
import {describe, expect, it} from 'vitest';
import {commandForKey, keyTokens, type Command} from '../../source/ui/keys.js';
import {initialState, transition, type Action, type Effect, type ReaderState, type View} from '../../source/ui/state.js';

// Three editions across sources (0-2), a heading, sources 3 and 4, a heading, sources 5 and 6.
const rows: ReadonlyArray<number | undefined> = [0, 1, 2, undefined, 3, 4, undefined, 5, 6];

function view(overrides: Partial<View> = {}): View {
	return {
		sources: 7,
		headlines: 5,
		unread: [true, true, true, true, true],
		numbers: [1, 2, 3, 4, 5],
		openable: ['text', 'text', 'text', 'text', 'text'],
		listPage: 3,
		lines: 40,
		articlePage: 10,
		helpLines: 30,
		helpPage: 10,
		settingsRows: 9,
		headlinesSide: 'right',
		overview: rows,
		overviewPage: 4,
		...overrides,
	};
}

function run(state: ReaderState, actions: Array<Command | Action>, v: View = view()): {state: ReaderState; effects: Effect[]} {
	let current = state;
	const effects: Effect[] = [];
	for (const item of actions) {
		const result = transition(current, typeof item === 'string' ? {type: 'command', command: item} : item, v);
		current = result.state;
		effects.push(...result.effects);
	}

	return {state: current, effects};
}

const start = initialState(7);
const onSource = (source: number): ReaderState => ({...start, source});

describe('the overview: opening and closing', () => {
	it('S opens it on the row of the source shown, and S or Esc closes it again', () => {
		const opened = run(onSource(5), ['overview']).state;
		expect(opened.overlay).toBe('overview');
		expect(opened.overviewRow).toBe(7);
		expect(run(opened, ['overview']).state.overlay).toBeUndefined();
		expect(run(opened, ['back']).state.overlay).toBeUndefined();
	});

	it('Esc from a source\'s headlines goes up to it; Esc from the article goes to the headlines first', () => {
		const reading: ReaderState = {...onSource(4), open: {source: 4, headline: 1}, focus: 'article'};
		const headlines = run(reading, ['back']).state;
		expect(headlines.overlay).toBeUndefined();
		expect(headlines.focus).toBe('headlines');
		const up = run(headlines, ['back']).state;
		expect(up.overlay).toBe('overview');
		// Source 4's row: below the first tag's heading and source 3.
		expect(up.overviewRow).toBe(5);
	});

	it('Esc with a headline search on ends the search first', () => {
		const searched: ReaderState = {...onSource(3), search: {query: 'x', scope: 'headlines', matches: [1], index: 0}};
		const once = run(searched, ['back']).state;
		expect(once.search).toBeUndefined();
		expect(once.overlay).toBeUndefined();
		expect(run(once, ['back']).state.overlay).toBe('overview');
	});

	it('without a library (sources on the command line) there is no overview: S says why, Esc stays', () => {
		const plain = view({overview: undefined});
		const {state, effects} = run(start, ['overview'], plain);
		expect(state.overlay).toBeUndefined();
		expect(effects).toEqual([{type: 'note', note: {kind: 'noOverview'}}]);
		expect(run(start, ['back'], plain).state.overlay).toBeUndefined();
	});
});

describe('the overview: moving', () => {
	const opened = run(start, ['overview']).state;

	it('↓ and ↑ pass over a tag\'s heading and stop at both ends', () => {
		expect(run(opened, ['down', 'down']).state.overviewRow).toBe(2);
		expect(run(opened, ['down', 'down', 'down']).state.overviewRow).toBe(4);
		expect(run(opened, ['down', 'down', 'down', 'up']).state.overviewRow).toBe(2);
		expect(run(opened, ['up']).state.overviewRow).toBe(0);
		expect(run(opened, Array.from({length: 20}, () => 'down' as const)).state.overviewRow).toBe(8);
	});

	it('PgDn and PgUp move a page less one row, g and G to the first and last source', () => {
		// Page of 4 rows: 3 at a time; row 3 is a heading, so the next source below it.
		expect(run(opened, ['pageDown']).state.overviewRow).toBe(4);
		expect(run(opened, ['pageDown', 'pageDown']).state.overviewRow).toBe(7);
		expect(run(opened, ['bottom', 'pageUp']).state.overviewRow).toBe(5);
		expect(run(opened, ['bottom']).state.overviewRow).toBe(8);
		expect(run(opened, ['bottom', 'top']).state.overviewRow).toBe(0);
	});

	it('keeps the selected row in its window, with the heading above a first source in sight', () => {
		const bottom = run(opened, ['bottom']).state;
		expect(bottom.overviewTop).toBe(5);
		// Back up to source 3 (row 4): its heading (row 3) shows above it.
		const up = run(bottom, ['up', 'up', 'up']).state;
		expect(up.overviewRow).toBe(4);
		expect(up.overviewTop).toBe(3);
	});

	it('Enter opens the source of the row, its headlines focused; a heading row is never selected', () => {
		const {state} = run(opened, ['down', 'down', 'down', 'down', 'open']);
		expect(state.overlay).toBeUndefined();
		expect(state.source).toBe(4);
		expect(state.focus).toBe('headlines');
	});

	it('keys of the panes do nothing under it (m, n, [ ]), q quits', () => {
		for (const command of ['toggleRead', 'nextUnread', 'nextSource', 'star', 'markAllRead'] as const) {
			const {state, effects} = run(opened, [command]);
			expect(state, command).toEqual(opened);
			expect(effects, command).toEqual([]);
		}

		expect(run(opened, ['quit']).effects).toEqual([{type: 'quit'}]);
	});
});

describe('the overview: refresh and search', () => {
	const opened = run(start, ['overview']).state;

	it('r refreshes the selected source, R every source', () => {
		expect(run(opened, ['down', 'down', 'down', 'refresh']).effects).toEqual([{type: 'refresh', source: 3}]);
		expect(run(opened, ['refreshAll']).effects).toEqual([{type: 'refreshAll'}]);
	});

	it('R from a source\'s headlines refreshes every source too, r only that one', () => {
		expect(run(onSource(5), ['refreshAll']).effects).toEqual([{type: 'refreshAll'}]);
		expect(run(onSource(5), ['refresh']).effects).toEqual([{type: 'refresh', source: 5}]);
	});

	it('/ searches the whole archive: Enter asks for it and comes back to the overview; Esc cancels', () => {
		const prompt = run(opened, ['search', {type: 'type', text: 'غزة'}]).state;
		expect(prompt.overlay).toBe('search');
		expect(prompt.archiveSearch).toBe(true);
		const submitted = run(prompt, ['open']);
		expect(submitted.effects).toEqual([{type: 'searchArchive', query: 'غزة'}]);
		expect(submitted.state.overlay).toBe('overview');
		expect(submitted.state.archiveSearch).toBeUndefined();
		const cancelled = run(prompt, ['back']);
		expect(cancelled.state.overlay).toBe('overview');
		expect(cancelled.effects).toEqual([]);
	});

	it('/ in a source searches that source, as before', () => {
		const {state, effects} = run(onSource(4), ['search', {type: 'type', text: 'غزة'}, 'open']);
		expect(state.archiveSearch).toBeUndefined();
		expect(effects).toEqual([{type: 'search', query: 'غزة', scope: 'headlines'}]);
	});

	it('the results are shown as a source of their own, from their top', () => {
		const before: ReaderState = {...opened, selected: [0, 0, 0, 0, 0, 0, 0, 4], listTop: [0, 0, 0, 0, 0, 0, 0, 2]};
		const {state} = run(before, [{type: 'showSource', source: 7}], view({sources: 8}));
		expect(state.overlay).toBeUndefined();
		expect(state.source).toBe(7);
		expect(state.selected[7]).toBe(0);
		expect(state.listTop[7]).toBe(0);
	});
});

describe('stars', () => {
	it('* stars the selected headline, or the open article while it is read', () => {
		const selected = run(onSource(4), ['down', 'star']);
		expect(selected.effects).toEqual([{type: 'star', source: 4, headline: 1}]);
		const reading: ReaderState = {...onSource(4), open: {source: 4, headline: 3}, focus: 'article'};
		expect(run(reading, ['star']).effects).toEqual([{type: 'star', source: 4, headline: 3}]);
	});

	it('* with no headline does nothing', () => {
		expect(run(onSource(4), ['star'], view({headlines: 0})).effects).toEqual([]);
	});
});

describe('the keys', () => {
	it('S, R and * are the overview, refresh all and star, with their Arabic-layout twins (Shift+S: U+064D, Shift+R: U+064C)', () => {
		expect(commandForKey('S')).toBe('overview');
		expect(commandForKey('R')).toBe('refreshAll');
		expect(commandForKey('*')).toBe('star');
		expect(commandForKey('\u064D')).toBe('overview');
		expect(commandForKey('\u064C')).toBe('refreshAll');
		// A combining mark alone is still one key.
		const key = {upArrow: false, downArrow: false, leftArrow: false, rightArrow: false, pageUp: false, pageDown: false, return: false, escape: false, ctrl: false, shift: false, tab: false, backspace: false, delete: false, meta: false, home: false, end: false, super: false, hyper: false, capsLock: false, numLock: false};
		expect(keyTokens('\u064D', key as never)).toEqual(['\u064D']);
		// The lower-case keys keep their own commands: s settings, r refresh.
		expect(commandForKey('s')).toBe('settings');
		expect(commandForKey('r')).toBe('refresh');
	});
});
