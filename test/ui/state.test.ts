import {describe, expect, it} from 'vitest';
import type {Command} from '../../source/ui/keys.js';
import {
	initialState,
	transition,
	windowTop,
	type Action,
	type Effect,
	type ReaderState,
	type View,
} from '../../source/ui/state.js';

function view(overrides: Partial<View> = {}): View {
	const headlines = overrides.headlines ?? 5;
	return {
		sources: 2,
		headlines,
		unread: Array.from({length: headlines}, () => true),
		numbers: Array.from({length: headlines}, (_, index) => index + 1),
		openable: Array.from({length: headlines}, () => 'text' as const),
		listPage: 3,
		lines: 100,
		articlePage: 20,
		helpLines: 30,
		helpPage: 10,
		settingsRows: 9,
		headlinesSide: 'right',
		...overrides,
	};
}

function run(state: ReaderState, actions: Array<Command | Action>, v: View = view()): {state: ReaderState; effects: Effect[]} {
	let current = state;
	const effects: Effect[] = [];
	for (const item of actions) {
		const action: Action = typeof item === 'string' ? {type: 'command', command: item} : item;
		const result = transition(current, action, v);
		current = result.state;
		effects.push(...result.effects);
	}

	return {state: current, effects};
}

const start = initialState(2);

describe('headlines pane: moving the selection', () => {
	it('moves down and up, and stops at both ends', () => {
		expect(run(start, ['down', 'down']).state.selected[0]).toBe(2);
		expect(run(start, ['up']).state.selected[0]).toBe(0);
		expect(run(start, ['down', 'down', 'down', 'down', 'down', 'down']).state.selected[0]).toBe(4);
	});

	it('pages by the height of the list and jumps to the ends', () => {
		expect(run(start, ['pageDown']).state.selected[0]).toBe(3);
		expect(run(start, ['bottom']).state.selected[0]).toBe(4);
		expect(run(start, ['bottom', 'top']).state.selected[0]).toBe(0);
	});

	it('scrolls the visible window of the list with the selection', () => {
		const {state} = run(start, ['down', 'down', 'down', 'down']);
		expect(state.listTop[0]).toBe(2);
		expect(run(state, ['top']).state.listTop[0]).toBe(0);
	});

	it('keeps a window that shows the selection', () => {
		expect(windowTop(0, 0, 3, 10)).toBe(0);
		expect(windowTop(5, 0, 3, 10)).toBe(3);
		expect(windowTop(2, 4, 3, 10)).toBe(2);
		expect(windowTop(9, 9, 3, 10)).toBe(7);
	});

	it('jumps to the headline whose rank was typed, in any digit style', () => {
		const numbered = view({numbers: [undefined, 1, 2, 3, 4]});
		expect(run(start, [{type: 'command', command: 'jump', key: '3'}], numbered).state.selected[0]).toBe(3);
		expect(run(start, [{type: 'command', command: 'jump', key: '٢'}], numbered).state.selected[0]).toBe(2);
		const missing = run(start, [{type: 'command', command: 'jump', key: '9'}], numbered);
		expect(missing.state.selected[0]).toBe(0);
		expect(missing.effects).toEqual([{type: 'note', note: {kind: 'noRank', rank: 9}}]);
	});
});

describe('opening and reading an article', () => {
	it('opens the selected headline, focuses the article and asks the app to load it', () => {
		const {state, effects} = run(start, ['down', 'open']);
		expect(state.open).toEqual({source: 0, headline: 1});
		expect(state.focus).toBe('article');
		expect(effects).toEqual([{type: 'open', source: 0, headline: 1}]);
	});

	it('keeps the current article and says so when a headline has neither text nor link', () => {
		const v = view({openable: ['text', 'none', 'text', 'text', 'text']});
		const opened = run(start, ['open'], v).state;
		const {state, effects} = run(opened, ['back', 'down', 'open'], v);
		expect(state.open).toEqual({source: 0, headline: 0});
		expect(effects.at(-1)).toEqual({type: 'note', note: {kind: 'noContent'}});
	});

	it('a source\'s new edition: the selection and the open article follow their items, the scroll stays', () => {
		const reading = run(start, ['down', 'open', 'down', 'down'], view()).state;
		expect(reading.open).toEqual({source: 0, headline: 1});
		const moved = run(reading, [{type: 'renumber', source: 0, headline: 3, open: 3}], view({headlines: 7})).state;
		expect(moved.selected[0]).toBe(3);
		expect(moved.open).toEqual({source: 0, headline: 3});
		expect(moved.scroll).toBe(2);
		// Another source's new edition moves only its own selection.
		const other = run(reading, [{type: 'renumber', source: 1, headline: 4, open: 4}], view()).state;
		expect(other.selected).toEqual([1, 4]);
		expect(other.open).toEqual({source: 0, headline: 1});
	});

	it('scrolls the article by line, by page (one line of overlap) and to both ends', () => {
		const reading = run(start, ['open']).state;
		expect(run(reading, ['down', 'down']).state.scroll).toBe(2);
		expect(run(reading, ['pageDown']).state.scroll).toBe(19);
		expect(run(reading, ['pageDown', 'pageUp']).state.scroll).toBe(0);
		expect(run(reading, ['bottom']).state.scroll).toBe(80);
		expect(run(reading, ['bottom', 'down']).state.scroll).toBe(80);
		expect(run(reading, ['up']).state.scroll).toBe(0);
	});

	it('does not scroll an article shorter than the pane', () => {
		expect(run(run(start, ['open']).state, ['pageDown'], view({lines: 5})).state.scroll).toBe(0);
	});

	it('restores a position with scrollTo, clamped to the article', () => {
		const reading = run(start, ['open']).state;
		expect(run(reading, [{type: 'scrollTo', line: 42}]).state.scroll).toBe(42);
		expect(run(reading, [{type: 'scrollTo', line: 500}]).state.scroll).toBe(80);
	});

	it('shows a headline without a key press (the last article at start)', () => {
		const {state, effects} = run(start, [{type: 'show', source: 1, headline: 3, focus: 'article'}]);
		expect(state.source).toBe(1);
		expect(state.open).toEqual({source: 1, headline: 3});
		expect(state.focus).toBe('article');
		expect(effects).toEqual([]);
	});
});

describe('focus', () => {
	it('Tab switches between the panes and Esc goes back to the headlines', () => {
		expect(run(start, ['switchPane']).state.focus).toBe('article');
		expect(run(start, ['switchPane', 'switchPane']).state.focus).toBe('headlines');
		expect(run(start, ['switchPane', 'back']).state.focus).toBe('headlines');
	});

	it('left and right follow the layout: headlines on the right by default', () => {
		expect(run(start, ['focusLeft']).state.focus).toBe('article');
		expect(run(start, ['focusLeft', 'focusRight']).state.focus).toBe('headlines');
		const mirrored = view({headlinesSide: 'left'});
		expect(run(start, ['focusRight'], mirrored).state.focus).toBe('article');
		expect(run(start, ['focusRight', 'focusLeft'], mirrored).state.focus).toBe('headlines');
	});
});

describe('read marks and unread navigation', () => {
	it('toggles the selected headline, or the open article while reading it', () => {
		expect(run(start, ['down', 'toggleRead']).effects).toEqual([{type: 'toggleRead', source: 0, headline: 1}]);
		const reading = run(start, ['down', 'down', 'open']).state;
		expect(run(reading, ['toggleRead']).effects).toEqual([{type: 'toggleRead', source: 0, headline: 2}]);
	});

	it('marks every headline of the current source read', () => {
		expect(run(start, ['markAllRead']).effects).toEqual([{type: 'markAllRead', source: 0}]);
	});

	it('n and N select the next and previous unread headline, wrapping around', () => {
		const v = view({unread: [false, false, true, false, true]});
		expect(run(start, ['nextUnread'], v).state.selected[0]).toBe(2);
		expect(run(start, ['nextUnread', 'nextUnread'], v).state.selected[0]).toBe(4);
		expect(run(start, ['nextUnread', 'nextUnread', 'nextUnread'], v).state.selected[0]).toBe(2);
		expect(run(start, ['prevUnread'], v).state.selected[0]).toBe(4);
	});

	it('n while reading opens the next unread article', () => {
		const v = view({unread: [false, false, true, false, true]});
		const {state, effects} = run(run(start, ['open'], v).state, ['nextUnread'], v);
		expect(state.open).toEqual({source: 0, headline: 2});
		expect(effects).toEqual([{type: 'open', source: 0, headline: 2}]);
	});

	it('says so when nothing is unread', () => {
		const v = view({unread: [false, false, false, false, false]});
		expect(run(start, ['nextUnread'], v).effects).toEqual([{type: 'note', note: {kind: 'noUnread'}}]);
	});
	describe('with several sources', () => {
		const lists = (...unread: Array<boolean[] | undefined>): View => {
			const current = unread[0]!;
			return view({
				sources: unread.length,
				headlines: current.length,
				unread: current,
				sourceList: index => (unread[index] ? {unread: unread[index], openable: unread[index].map(() => 'text' as const)} : undefined),
			});
		};

		it('n goes on to the next source with unread items, at its first one', () => {
			const v = lists([false, true, false], [false, false], [false, false, true, true]);
			const first = run(initialState(3), ['nextUnread'], v).state;
			expect(first).toMatchObject({source: 0, selected: [1, 0, 0]});
			const next = run(first, ['nextUnread'], v).state;
			expect(next.source).toBe(2);
			expect(next.selected[2]).toBe(2);
			expect(next.focus).toBe('headlines');
		});

		it('wraps around to the sources before, and to this one\'s start', () => {
			const v = lists([true, false, false], [false, false, true]);
			const onLast = run(initialState(2), ['bottom'], v).state;
			expect(run(onLast, ['nextUnread'], v).state).toMatchObject({source: 1, selected: [2, 2]});
			const alone = lists([true, false, false], [false, false]);
			expect(run(onLast, ['nextUnread'], alone).state).toMatchObject({source: 0, selected: [0, 0]});
		});

		it('N goes back to the previous source\'s last unread item', () => {
			const v = lists([false, false], [true, true, false]);
			expect(run(initialState(2), ['prevUnread'], v).state).toMatchObject({source: 1, selected: [0, 1]});
		});

		it('skips a source that is not loaded', () => {
			const v = lists([false], undefined, [true]);
			expect(run(initialState(3), ['nextUnread'], v).state.source).toBe(2);
		});

		it('while reading, opens the next unread article in the next source', () => {
			const v = lists([true, false], [false, true]);
			const reading = run(initialState(2), ['open'], v).state;
			const {state, effects} = run(reading, ['nextUnread'], v);
			expect(state).toMatchObject({source: 1, open: {source: 1, headline: 1}, focus: 'article'});
			expect(effects).toEqual([{type: 'open', source: 1, headline: 1}]);
		});

		it('says so when no source has anything unread', () => {
			const v = lists([false, false], [false]);
			const {state, effects} = run(initialState(2), ['nextUnread'], v);
			expect(state.source).toBe(0);
			expect(effects).toEqual([{type: 'note', note: {kind: 'noUnread', anywhere: true}}]);
		});
	});
});

describe('search', () => {
	it('/ opens a prompt that collects typed text; Enter asks the app to search in the focused pane', () => {
		const {state, effects} = run(start, ['search', {type: 'type', text: 'سلا'}, {type: 'type', text: 'م'}, {type: 'erase'}, {type: 'type', text: 'م'}, 'open']);
		expect(state.overlay).toBeUndefined();
		expect(effects).toEqual([{type: 'search', query: 'سلام', scope: 'headlines'}]);
	});

	it('Ctrl+W erases the last word (and the spaces after it), Ctrl+U the whole draft', () => {
		const typed = run(start, ['search', {type: 'type', text: 'مدرسة  جديدة '}]).state;
		expect(run(typed, [{type: 'erase', unit: 'word'}]).state.draft).toBe('مدرسة  ');
		expect(run(typed, [{type: 'erase', unit: 'word'}, {type: 'erase', unit: 'word'}]).state.draft).toBe('');
		expect(run(typed, [{type: 'erase', unit: 'all'}]).state.draft).toBe('');
		expect(run(typed, [{type: 'erase'}]).state.draft).toBe('مدرسة  جديدة');
	});

	it('Esc closes the prompt without searching', () => {
		const {state, effects} = run(start, ['search', {type: 'type', text: 'x'}, 'back']);
		expect(state.overlay).toBeUndefined();
		expect(state.draft).toBe('');
		expect(effects).toEqual([]);
	});

	it('selects the first matching headline at or after the selection; n and N cycle through the matches', () => {
		const selected = run(start, ['down', 'down']).state;
		const found = run(selected, [{type: 'searchResults', query: 'q', scope: 'headlines', matches: [1, 3]}]).state;
		expect(found.selected[0]).toBe(3);
		expect(run(found, ['nextUnread']).state.selected[0]).toBe(1);
		expect(run(found, ['nextUnread', 'nextUnread']).state.selected[0]).toBe(3);
		expect(run(found, ['prevUnread']).state.selected[0]).toBe(1);
	});

	it('scrolls the article to a matching line, with a line of context above it', () => {
		const reading = run(start, ['open']).state;
		const found = run(reading, [{type: 'searchResults', query: 'q', scope: 'article', matches: [10, 50]}]).state;
		expect(found.scroll).toBe(9);
		expect(run(found, ['nextUnread']).state.scroll).toBe(49);
	});

	it('says so when nothing matches, and Esc clears an active search', () => {
		const none = run(start, [{type: 'searchResults', query: 'q', scope: 'headlines', matches: []}]);
		expect(none.state.search).toBeUndefined();
		expect(none.effects).toEqual([{type: 'note', note: {kind: 'noMatch', query: 'q'}}]);
		const found = run(start, [{type: 'searchResults', query: 'q', scope: 'headlines', matches: [2]}]).state;
		expect(run(found, ['back']).state.search).toBeUndefined();
	});

	it('keys typed into the prompt are text, not commands', () => {
		const prompt = run(start, ['search']).state;
		const {state, effects} = run(prompt, ['quit', 'down']);
		expect(state.overlay).toBe('search');
		expect(effects).toEqual([]);
	});
});

describe('sources', () => {
	it('[ and ] switch sources, wrapping, each keeping its own selection', () => {
		const moved = run(start, ['down', 'nextSource']).state;
		expect(moved.source).toBe(1);
		expect(moved.selected[1]).toBe(0);
		expect(run(moved, ['nextSource']).state.source).toBe(0);
		expect(run(moved, ['nextSource']).state.selected[0]).toBe(1);
		expect(run(start, ['prevSource']).state.source).toBe(1);
	});

	it('does nothing with a single source', () => {
		expect(run(start, ['nextSource'], view({sources: 1})).state.source).toBe(0);
	});

	it('r asks the app to refresh the current source', () => {
		expect(run(start, ['nextSource', 'refresh']).effects).toEqual([{type: 'refresh', source: 1}]);
	});
});

describe('overlays', () => {
	it('? opens help, which scrolls and closes with Esc, ? or q (q does not quit there)', () => {
		const help = run(start, ['help']).state;
		expect(help.overlay).toBe('help');
		expect(run(help, ['down', 'down']).state.helpScroll).toBe(2);
		expect(run(help, ['bottom']).state.helpScroll).toBe(20);
		for (const close of ['back', 'help', 'quit'] as const) {
			const result = run(help, [close]);
			expect(result.state.overlay).toBeUndefined();
			expect(result.effects).toEqual([]);
		}
	});

	it('s opens settings: up/down pick a row, left/right and Enter change it', () => {
		const settings = run(start, ['settings', 'down', 'down']).state;
		expect(settings.settingsRow).toBe(2);
		expect(run(settings, ['focusRight']).effects).toEqual([{type: 'changeSetting', row: 2, delta: 1}]);
		expect(run(settings, ['focusLeft']).effects).toEqual([{type: 'changeSetting', row: 2, delta: -1}]);
		expect(run(settings, ['open']).effects).toEqual([{type: 'changeSetting', row: 2, delta: 1}]);
		expect(run(settings, ['back']).state.overlay).toBeUndefined();
	});

	it('Ctrl+Z and Ctrl+L work under an overlay', () => {
		expect(run(run(start, ['help']).state, ['suspend']).effects).toEqual([{type: 'suspend'}]);
		expect(run(run(start, ['settings']).state, ['redraw']).effects).toEqual([{type: 'redraw'}]);
	});
});

describe('effects that leave the state alone', () => {
	it('o and y act on the selected headline, or the open article while reading', () => {
		expect(run(start, ['openLink']).effects).toEqual([{type: 'openLink', source: 0, headline: 0}]);
		const reading = run(start, ['down', 'open']).state;
		expect(run(reading, ['copyUrl']).effects).toEqual([{type: 'copyUrl', source: 0, headline: 1}]);
	});

	it('q quits, Ctrl+L redraws, Ctrl+Z suspends', () => {
		expect(run(start, ['quit']).effects).toEqual([{type: 'quit'}]);
		expect(run(start, ['redraw']).effects).toEqual([{type: 'redraw'}]);
		expect(run(start, ['suspend']).effects).toEqual([{type: 'suspend'}]);
	});
});

describe('the links overlay', () => {
	const list = {of: 'article', source: 0, headline: 1} as const;
	const links = view({links: 14, linksPage: 5});
	const shown = run(start, [{type: 'showLinks', list}], links).state;
	const jump = (key: string, at: number): Action => ({type: 'command', command: 'jump', key, at});

	it('u asks for the links of the selected headline, or of the open article while reading', () => {
		expect(run(start, ['links']).effects).toEqual([{type: 'links', source: 0, headline: 0}]);
		const reading = run(start, ['down', 'open']).state;
		expect(run(reading, ['links']).effects).toEqual([{type: 'links', source: 0, headline: 1}]);
		expect(run(start, ['links'], view({headlines: 0})).effects).toEqual([{type: 'note', note: {kind: 'noLinks'}}]);
	});

	it('opens on the first entry; ↓ ↑ Home End and the page keys move within the list', () => {
		expect(shown.overlay).toBe('links');
		expect(shown.links).toEqual({list, row: 0});
		expect(run(shown, ['down', 'down', 'up'], links).state.links!.row).toBe(1);
		expect(run(shown, ['bottom'], links).state.links!.row).toBe(13);
		expect(run(shown, ['bottom', 'down'], links).state.links!.row).toBe(13);
		expect(run(shown, ['up'], links).state.links!.row).toBe(0);
		expect(run(shown, ['pageDown', 'pageDown'], links).state.links!.row).toBe(8);
		expect(run(shown, ['bottom', 'pageUp', 'top'], links).state.links!.row).toBe(0);
	});

	it('Enter and o open the selected entry, y copies it; the reader behind does not move', () => {
		const second = run(shown, ['down'], links).state;
		expect(run(second, ['open'], links).effects).toEqual([{type: 'openEntry', list, row: 1}]);
		expect(run(second, ['openLink'], links).effects).toEqual([{type: 'openEntry', list, row: 1}]);
		expect(run(second, ['copyUrl'], links).effects).toEqual([{type: 'copyEntry', list, row: 1}]);
		expect(run(second, ['open', 'copyUrl'], links).state.selected).toEqual(second.selected);
	});

	it('a digit jumps to that entry, in any digit style', () => {
		expect(run(shown, [jump('3', 0)], links).state.links!.row).toBe(2);
		expect(run(shown, [jump('٧', 0)], links).state.links!.row).toBe(6);
		expect(run(shown, [jump('۹', 0)], links).state.links!.row).toBe(8);
	});

	it('two digits typed quickly reach 10 and beyond; typed slowly, the second starts again', () => {
		expect(run(shown, [jump('1', 1000), jump('2', 1400)], links).state.links!.row).toBe(11);
		expect(run(shown, [jump('١', 1000), jump('٠', 1400)], links).state.links!.row).toBe(9);
		expect(run(shown, [jump('1', 1000), jump('2', 1000 + 1001)], links).state.links!.row).toBe(1);
		// A number past the list starts again from the last digit.
		expect(run(shown, [jump('1', 1000), jump('9', 1200)], links).state.links!.row).toBe(8);
		// Another key in between ends the number.
		expect(run(shown, [jump('1', 1000), 'down', jump('2', 1200)], links).state.links!.row).toBe(1);
		expect(run(shown, [jump('1', 1000), 'copyUrl', jump('2', 1200)], links).state.links!.row).toBe(1);
	});

	it('a number with no entry says so and moves nothing', () => {
		const short = view({links: 3});
		const missing = run(shown, [jump('7', 0)], short);
		expect(missing.state.links!.row).toBe(0);
		expect(missing.effects).toEqual([{type: 'note', note: {kind: 'noLinkNumber', number: 7}}]);
		expect(run(shown, [jump('0', 0)], short).effects).toEqual([{type: 'note', note: {kind: 'noLinkNumber', number: 0}}]);
	});

	it('Esc, u and q close it; ? goes to the help; Ctrl+Z and Ctrl+L still work', () => {
		for (const key of ['back', 'links', 'quit'] as const) {
			const closed = run(shown, [key], links);
			expect(closed.state.overlay).toBeUndefined();
			expect(closed.state.links).toBeUndefined();
			expect(closed.effects).toEqual([]);
		}

		expect(run(shown, ['help'], links).state.overlay).toBe('help');
		expect(run(shown, ['suspend'], links).effects).toEqual([{type: 'suspend'}]);
		expect(run(shown, ['redraw'], links).effects).toEqual([{type: 'redraw'}]);
		// Keys that mean something in the reader do nothing here.
		expect(run(shown, ['nextSource', 'toggleRead', 'search'], links)).toEqual({state: shown, effects: []});
		expect(run(shown, [jump('1', 0), 'search', jump('2', 1)], links).state.links!.row).toBe(1);
	});

	it('an empty list opens nothing', () => {
		const empty = view({links: 0});
		expect(run(shown, ['open', 'copyUrl'], empty).effects).toEqual([]);
	});
});

describe('piping an article', () => {
	it('| opens a prompt for the command, for the selected headline or the open article', () => {
		const prompt = run(start, ['pipe']).state;
		expect(prompt.overlay).toBe('pipe');
		expect(prompt.piping).toEqual({source: 0, headline: 0});
		const reading = run(start, ['down', 'open', 'pipe']).state;
		expect(reading.piping).toEqual({source: 0, headline: 1});
		expect(run(start, ['pipe'], view({headlines: 0})).effects).toEqual([{type: 'note', note: {kind: 'noContent'}}]);
	});

	it('takes typed text, erases it, and sends the command with Enter', () => {
		const typed = run(start, ['pipe', {type: 'type', text: 'grep نفط'}, {type: 'erase'}, {type: 'type', text: 'ط | less'}]);
		expect(typed.state.draft).toBe('grep نفط | less');
		const sent = run(typed.state, ['open']);
		expect(sent.effects).toEqual([{type: 'pipe', command: 'grep نفط | less', source: 0, headline: 0}]);
		expect(sent.state.overlay).toBeUndefined();
		expect(sent.state.draft).toBe('');
		expect(sent.state.piping).toBeUndefined();
	});

	it('Enter with nothing typed sends an empty command (the default is the app\'s to choose)', () => {
		expect(run(start, ['pipe', 'open']).effects).toEqual([{type: 'pipe', command: '', source: 0, headline: 0}]);
	});

	it('Esc cancels; other commands do nothing while it asks', () => {
		const cancelled = run(start, ['pipe', {type: 'type', text: 'cat'}, 'back']);
		expect(cancelled.effects).toEqual([]);
		expect(cancelled.state.overlay).toBeUndefined();
		expect(cancelled.state.draft).toBe('');
		const prompt = run(start, ['pipe']).state;
		expect(run(prompt, ['down', 'quit', 'links'])).toEqual({state: prompt, effects: []});
	});
});
