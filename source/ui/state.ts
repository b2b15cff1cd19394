/**
 * The reader's state machine: what is selected, open, focused and scrolled, as a pure
 * transition function. Keys become commands (keys.ts), commands and events become actions,
 * and `transition` returns the next state plus the effects the app must run (open an article,
 * copy a URL, quit...). Nothing here touches a terminal, a store or the network, so every
 * behaviour is tested by calling it.
 *
 * Sizes the state depends on (how many headlines, how many article lines, how tall a page is)
 * come with each action as a `View`, computed by the app from the current frame.
 */
import {digitOf, type Command} from './keys.js';

export type Pane = 'headlines' | 'article';
/** `overview`: every source of the library, one row each (library mode). */
export type Overlay = 'help' | 'settings' | 'search' | 'links' | 'pipe' | 'overview';
/** What opening a headline will find: its own text, a link to fetch, or nothing at all. */
export type Openable = 'text' | 'link' | 'none';

export type Opened = {source: number; headline: number};

export type Search = {
	query: string;
	scope: Pane;
	/** Headline indexes (scope headlines) or article line indexes (scope article), ascending. */
	matches: readonly number[];
	index: number;
};

export type Note =
	/** `anywhere`: no source has an unread item (said when there are several). */
	| {kind: 'noUnread'; anywhere?: boolean}
	| {kind: 'noMatch'; query: string}
	| {kind: 'noContent'}
	| {kind: 'noRank'; rank: number}
	| {kind: 'noLink'}
	| {kind: 'noLinks'}
	| {kind: 'noLinkNumber'; number: number}
	/** `S` with sources given on the command line: the overview lists the configured library. */
	| {kind: 'noOverview'};

/** Whose links the links overlay lists: an article's (`u`), or its own link alone (`o` with nothing to open it). */
export type LinkList = {of: 'article' | 'page'; source: number; headline: number};

export type LinksView = {
	list: LinkList;
	/** The selected entry. */
	row: number;
	/** The number typed so far: digits typed within `digitPause` of each other make one number. */
	typed?: {value: number; at: number};
};

/** Milliseconds within which a second digit joins the first (1 then 2 is 12, not 2). */
export const digitPause = 1000;

export type ReaderState = {
	/** Index of the source shown in the headlines pane. */
	source: number;
	/** Selected headline per source. */
	selected: readonly number[];
	/** First visible headline row per source. */
	listTop: readonly number[];
	open?: Opened;
	/** First article line shown. */
	scroll: number;
	focus: Pane;
	overlay?: Overlay;
	/** The search prompt's text while it is open. */
	draft: string;
	search?: Search;
	helpScroll: number;
	settingsRow: number;
	/** The links overlay's list and selection, while it is open. */
	links?: LinksView;
	/** The article `|` sends to a command, while the prompt asks which. */
	piping?: Opened;
	/** The overview's selected row and its first visible row. */
	overviewRow: number;
	overviewTop: number;
	/** The search prompt was opened from the overview: it searches the whole archive. */
	archiveSearch?: boolean;
	/** What the help or settings panel was opened over (the overview), to go back to when it closes. */
	underlay?: 'overview';
};

export type View = {
	sources: number;
	/** Headlines of the current source. */
	headlines: number;
	unread: readonly boolean[];
	/** The number shown beside each headline (its rank), for the digit keys. */
	numbers: readonly (number | undefined)[];
	openable: readonly Openable[];
	/** Rows of the headline list (without its header). */
	listPage: number;
	/** Lines of the open article, and how many fit. */
	lines: number;
	articlePage: number;
	helpLines: number;
	helpPage: number;
	settingsRows: number;
	headlinesSide: 'right' | 'left';
	/** Another source's unread marks and what its items open to (undefined while it is not loaded). */
	sourceList?: (source: number) => SourceList | undefined;
	/** Entries of the links overlay's list, and how many rows of them fit. */
	links?: number;
	linksPage?: number;
	/**
	 * The overview's rows, in library mode only: the source each row opens, undefined for a
	 * tag's heading row. Without it there is no overview (sources given on the command line).
	 */
	overview?: readonly (number | undefined)[];
	/** Rows of the overview that fit. */
	overviewPage?: number;
};

export type SourceList = {unread: readonly boolean[]; openable: readonly Openable[]};

export type Effect =
	| {type: 'open'; source: number; headline: number}
	| {type: 'toggleRead'; source: number; headline: number}
	| {type: 'markAllRead'; source: number}
	| {type: 'openLink'; source: number; headline: number}
	| {type: 'copyUrl'; source: number; headline: number}
	| {type: 'refresh'; source: number}
	/** `R`: every source, in the background. */
	| {type: 'refreshAll'}
	/** `*`: star or unstar the item. */
	| {type: 'star'; source: number; headline: number}
	/** `/` in the overview: the whole archive. */
	| {type: 'searchArchive'; query: string}
	| {type: 'search'; query: string; scope: Pane}
	| {type: 'changeSetting'; row: number; delta: 1 | -1}
	/** `u`: list this article's links, if it has any. */
	| {type: 'links'; source: number; headline: number}
	| {type: 'openEntry'; list: LinkList; row: number}
	| {type: 'copyEntry'; list: LinkList; row: number}
	/** Send the article to `command` (as typed; empty for the default). */
	| {type: 'pipe'; command: string; source: number; headline: number}
	| {type: 'note'; note: Note}
	| {type: 'redraw'}
	| {type: 'suspend'}
	| {type: 'quit'};

export type Action =
	/** `at`: when the key came (ms), for numbers typed in the links overlay. */
	| {type: 'command'; command: Command; key?: string; at?: number}
	/** Open the links overlay on a list the app has found entries in. */
	| {type: 'showLinks'; list: LinkList}
	/** Text typed into the search prompt. */
	| {type: 'type'; text: string}
	/** Backspace (a character), Ctrl+W (the last word, as a shell does) or Ctrl+U (all of it). */
	| {type: 'erase'; unit?: 'char' | 'word' | 'all'}
	| {type: 'searchResults'; query: string; scope: Pane; matches: readonly number[]}
	/** Show a headline's article without a key (restoring the last article at start). */
	| {type: 'show'; source: number; headline: number; focus?: Pane}
	| {type: 'scrollTo'; line: number}
	/** The current source's headlines changed (refresh): keep the selection on the same item. */
	| {type: 'select'; source: number; headline: number}
	/**
	 * A source's edition was replaced (its saved copy by the fresh one, a refresh): its selection
	 * and its open article, if one is, follow their items to where they are now.
	 */
	| {type: 'renumber'; source: number; headline: number; open?: number}
	| {type: 'setSource'; source: number}
	/** A source (the archive's search results) shown from its top at once, whatever was over it. */
	| {type: 'showSource'; source: number}
	/**
	 * The library's sources changed (a sync brought or took a server's): `from[index]` is the
	 * index each source had before (-1 for a new one); `overviewRow` the overview's row of the
	 * source it had selected, in `view.overview`'s new rows, when that source is still there.
	 */
	| {type: 'remapSources'; from: readonly number[]; overviewRow?: number};

export type Transition = {state: ReaderState; effects: Effect[]};

export function initialState(sources: number): ReaderState {
	return {
		source: 0,
		selected: Array.from({length: Math.max(1, sources)}, () => 0),
		listTop: Array.from({length: Math.max(1, sources)}, () => 0),
		scroll: 0,
		focus: 'headlines',
		draft: '',
		helpScroll: 0,
		settingsRow: 0,
		overviewRow: 0,
		overviewTop: 0,
	};
}

function clamp(value: number, min: number, max: number): number {
	return Math.max(min, Math.min(max, value));
}

function replaceAt<T>(list: readonly T[], index: number, value: T): T[] {
	const next = [...list];
	while (next.length <= index) {
		next.push(value);
	}

	next[index] = value;
	return next;
}

export function selectedOf(state: ReaderState): number {
	return state.selected[state.source] ?? 0;
}

export function listTopOf(state: ReaderState): number {
	return state.listTop[state.source] ?? 0;
}

/** The first visible row that keeps `selected` in a window of `page` rows. */
export function windowTop(selected: number, top: number, page: number, count: number): number {
	const rows = Math.max(1, page);
	let next = top;
	if (selected < next) next = selected;
	if (selected >= next + rows) next = selected - rows + 1;
	return clamp(next, 0, Math.max(0, count - rows));
}

export function maxScroll(view: Pick<View, 'lines' | 'articlePage'>): number {
	return Math.max(0, view.lines - Math.max(1, view.articlePage));
}

function select(state: ReaderState, headline: number, view: View): ReaderState {
	const target = clamp(headline, 0, Math.max(0, view.headlines - 1));
	const top = windowTop(target, listTopOf(state), view.listPage, view.headlines);
	return {
		...state,
		selected: replaceAt(state.selected, state.source, target),
		listTop: replaceAt(state.listTop, state.source, top),
	};
}

function scrollTo(state: ReaderState, line: number, view: View): ReaderState {
	return {...state, scroll: clamp(line, 0, maxScroll(view))};
}

/** Which headline a command about "this article" means: the open one when reading it. */
function target(state: ReaderState, view: View): Opened | undefined {
	if (state.focus === 'article' && state.open) {
		return state.open;
	}

	return view.headlines > 0 ? {source: state.source, headline: selectedOf(state)} : undefined;
}

function open(state: ReaderState, headline: number, view: View): Transition {
	const kind = view.openable[headline] ?? 'none';
	if (kind === 'none') {
		return {state, effects: [{type: 'note', note: {kind: 'noContent'}}]};
	}

	const next: ReaderState = {
		...select(state, headline, view),
		open: {source: state.source, headline},
		scroll: 0,
		focus: 'article',
		search: state.search?.scope === 'article' ? undefined : state.search,
	};
	return {state: next, effects: [{type: 'open', source: state.source, headline}]};
}

function step(state: ReaderState, amount: number, view: View): ReaderState {
	return state.focus === 'article'
		? scrollTo(state, state.scroll + amount, view)
		: select(state, selectedOf(state) + amount, view);
}

function articlePage(view: View): number {
	// One line of overlap keeps the reader's place across a page turn.
	return Math.max(1, view.articlePage - 1);
}

function paneOnSide(side: 'left' | 'right', view: View): Pane {
	return side === view.headlinesSide ? 'headlines' : 'article';
}

/** The next (or previous) index after `from` for which `test` holds, wrapping around. */
function findFrom(count: number, from: number, direction: 1 | -1, test: (index: number) => boolean): number | undefined {
	for (let i = 1; i <= count; i++) {
		const index = (((from + direction * i) % count) + count) % count;
		if (test(index)) {
			return index;
		}
	}

	return undefined;
}

function goToMatch(state: ReaderState, search: Search, index: number, view: View): ReaderState {
	const match = search.matches[index]!;
	const next = {...state, search: {...search, index}};
	if (search.scope === 'headlines') {
		return select({...next, focus: 'headlines'}, match, view);
	}

	// A line of context above the match.
	return scrollTo({...next, focus: 'article'}, match - 1, view);
}

function nextMatch(state: ReaderState, search: Search, direction: 1 | -1, view: View): ReaderState {
	const count = search.matches.length;
	const index = (((search.index + direction) % count) + count) % count;
	return goToMatch(state, search, index, view);
}

/**
 * The next (or previous) unread item: onward in this source, then in the sources after it
 * (each from its first item; from its last going back), then this source again from its
 * start. Reading an article, it opens; otherwise it is selected.
 */
function nextUnread(state: ReaderState, direction: 1 | -1, view: View): Transition {
	const reading = state.focus === 'article' && state.open?.source === state.source;
	const from = reading ? state.open!.headline : selectedOf(state);
	const isUnread = (index: number) => view.unread[index] === true;
	const go = (current: ReaderState, index: number, sourceView: View): Transition =>
		(reading ? open(current, index, sourceView) : {state: select(current, index, sourceView), effects: []});

	const onward = findOnward(view.headlines, from, direction, isUnread);
	if (onward !== undefined) return go(state, onward, view);

	for (let step = 1; step < view.sources; step++) {
		const source = (((state.source + direction * step) % view.sources) + view.sources) % view.sources;
		const list = view.sourceList?.(source);
		if (!list) continue;
		const first = findOnward(list.unread.length, direction === 1 ? -1 : list.unread.length, direction, index => list.unread[index] === true);
		if (first === undefined) continue;
		const moved: ReaderState = {...state, source, search: state.search?.scope === 'headlines' ? undefined : state.search};
		return go(moved, first, {...view, headlines: list.unread.length, unread: list.unread, openable: list.openable});
	}

	const wrapped = findFrom(view.headlines, from, direction, isUnread);
	if (wrapped === undefined) {
		return {state, effects: [{type: 'note', note: view.sources > 1 && view.sourceList ? {kind: 'noUnread', anywhere: true} : {kind: 'noUnread'}}]};
	}

	return go(state, wrapped, view);
}

/** The next (or previous) index after `from` for which `test` holds, without wrapping. */
function findOnward(count: number, from: number, direction: 1 | -1, test: (index: number) => boolean): number | undefined {
	for (let index = from + direction; index >= 0 && index < count; index += direction) {
		if (test(index)) return index;
	}

	return undefined;
}

/** A digit typed in the links overlay: the entry of that number, or of the number it continues. */
function typeLinkNumber(state: ReaderState, links: LinksView, key: string | undefined, at: number | undefined, count: number): Transition {
	const digit = digitOf(key ?? '');
	const time = at ?? 0;
	const joined = links.typed && time - links.typed.at <= digitPause ? links.typed.value * 10 + digit : undefined;
	const value = joined !== undefined && joined <= count ? joined : digit;
	if (value < 1 || value > count) {
		return {state: {...state, links: {...links, typed: undefined}}, effects: [{type: 'note', note: {kind: 'noLinkNumber', number: value}}]};
	}

	return {state: {...state, links: {...links, row: value - 1, typed: {value, at: time}}}, effects: []};
}

function linksCommand(state: ReaderState, links: LinksView, command: Command, key: string | undefined, at: number | undefined, view: View): Transition | undefined {
	const none: Effect[] = [];
	const count = view.links ?? 0;
	const page = Math.max(1, (view.linksPage ?? 1) - 1);
	const row = (value: number): Transition => ({state: {...state, links: {...links, row: clamp(value, 0, Math.max(0, count - 1)), typed: undefined}}, effects: none});
	const closed = {...state, overlay: undefined, links: undefined};
	// Any other key ends a number being typed.
	const settled = links.typed ? {...state, links: {...links, typed: undefined}} : state;
	switch (command) {
		case 'down': return row(links.row + 1);
		case 'up': return row(links.row - 1);
		case 'pageDown': return row(links.row + page);
		case 'pageUp': return row(links.row - page);
		case 'top': return row(0);
		case 'bottom': return row(count - 1);
		case 'open':
		case 'openLink': return {state: settled, effects: count > 0 ? [{type: 'openEntry', list: links.list, row: links.row}] : none};
		case 'copyUrl': return {state: settled, effects: count > 0 ? [{type: 'copyEntry', list: links.list, row: links.row}] : none};
		case 'jump': return typeLinkNumber(state, links, key, at, count);
		case 'back':
		case 'links':
		case 'quit': return {state: closed, effects: none};
		case 'help': return {state: {...closed, overlay: 'help', helpScroll: 0}, effects: none};
		case 'redraw':
		case 'suspend': return undefined;
		default: return {state: settled, effects: none};
	}
}

/** The selectable row nearest `row` going `direction` (a tag's heading is passed over), else the nearest the other way. */
function overviewRowNear(rows: readonly (number | undefined)[], row: number, direction: 1 | -1): number {
	const start = clamp(row, 0, Math.max(0, rows.length - 1));
	for (let index = start; index >= 0 && index < rows.length; index += direction) {
		if (rows[index] !== undefined) return index;
	}

	for (let index = start; index >= 0 && index < rows.length; index -= direction) {
		if (rows[index] !== undefined) return index;
	}

	return 0;
}

/** The overview with `row` selected and kept in its window. */
function overviewAt(state: ReaderState, rows: readonly (number | undefined)[], row: number, direction: 1 | -1, view: View): ReaderState {
	const target = overviewRowNear(rows, row, direction);
	// A tag's heading just above the first source of the window stays in sight.
	const above = target > 0 && rows[target - 1] === undefined ? target - 1 : target;
	const page = Math.max(1, view.overviewPage ?? 1);
	let top = windowTop(target, state.overviewTop, page, rows.length);
	if (above < top) top = above;
	return {...state, overviewRow: target, overviewTop: top};
}

/** The overview opened on the row of `source` (its first row when it has none). */
export function openOverview(state: ReaderState, view: View): ReaderState {
	const rows = view.overview ?? [];
	const row = Math.max(0, rows.indexOf(state.source));
	return overviewAt({...state, overlay: 'overview', overviewTop: 0}, rows, row, 1, view);
}

function overviewCommand(state: ReaderState, command: Command, view: View): Transition | undefined {
	const none: Effect[] = [];
	const rows = view.overview ?? [];
	const page = Math.max(1, (view.overviewPage ?? 1) - 1);
	const move = (row: number, direction: 1 | -1): Transition => ({state: overviewAt(state, rows, row, direction, view), effects: none});
	const chosen = rows[state.overviewRow];
	switch (command) {
		case 'down': return move(state.overviewRow + 1, 1);
		case 'up': return move(state.overviewRow - 1, -1);
		case 'pageDown': return move(state.overviewRow + page, 1);
		case 'pageUp': return move(state.overviewRow - page, -1);
		case 'top': return move(0, 1);
		case 'bottom': return move(rows.length - 1, -1);
		case 'open':
		case 'focusLeft':
		case 'focusRight': {
			if (command !== 'open' && paneOnSide(command === 'focusLeft' ? 'left' : 'right', view) !== 'article') return {state, effects: none};
			if (chosen === undefined) return {state, effects: none};
			const search = chosen === state.source || state.search?.scope !== 'headlines' ? state.search : undefined;
			return {state: {...state, overlay: undefined, source: chosen, focus: 'headlines', search}, effects: none};
		}

		case 'back':
		case 'overview': return {state: {...state, overlay: undefined}, effects: none};
		case 'search': return {state: {...state, overlay: 'search', draft: '', archiveSearch: true}, effects: none};
		case 'refresh': return {state, effects: chosen === undefined ? none : [{type: 'refresh', source: chosen}]};
		case 'refreshAll': return {state, effects: [{type: 'refreshAll'}]};
		case 'help': return {state: {...state, overlay: 'help', helpScroll: 0, underlay: 'overview'}, effects: none};
		case 'settings': return {state: {...state, overlay: 'settings', underlay: 'overview'}, effects: none};
		case 'quit': return {state, effects: [{type: 'quit'}]};
		case 'redraw':
		case 'suspend': return undefined;
		default: return {state, effects: none};
	}
}

function overlayCommand(state: ReaderState, command: Command, view: View, key?: string, at?: number): Transition | undefined {
	const none: Effect[] = [];
	if (state.overlay === 'links' && state.links) {
		return linksCommand(state, state.links, command, key, at, view);
	}

	if (state.overlay === 'overview') {
		return overviewCommand(state, command, view);
	}

	if (state.overlay === 'pipe') {
		switch (command) {
			case 'back': return {state: {...state, overlay: undefined, draft: '', piping: undefined}, effects: none};
			case 'open': {
				const closed = {...state, overlay: undefined, draft: '', piping: undefined};
				return {state: closed, effects: state.piping ? [{type: 'pipe', command: state.draft, ...state.piping}] : none};
			}

			case 'redraw':
			case 'suspend': return undefined;
			default: return {state, effects: none};
		}
	}

	if (state.overlay === 'help') {
		const helpMax = Math.max(0, view.helpLines - view.helpPage);
		const scroll = (line: number) => ({state: {...state, helpScroll: clamp(line, 0, helpMax)}, effects: none});
		switch (command) {
			case 'down': return scroll(state.helpScroll + 1);
			case 'up': return scroll(state.helpScroll - 1);
			case 'pageDown': return scroll(state.helpScroll + Math.max(1, view.helpPage - 1));
			case 'pageUp': return scroll(state.helpScroll - Math.max(1, view.helpPage - 1));
			case 'top': return scroll(0);
			case 'bottom': return scroll(helpMax);
			case 'back':
			case 'help':
			case 'quit': return {state: {...state, overlay: state.underlay, underlay: undefined}, effects: none};
			case 'settings': return {state: {...state, overlay: 'settings'}, effects: none};
			case 'redraw':
			case 'suspend': return undefined;
			default: return {state, effects: none};
		}
	}

	if (state.overlay === 'settings') {
		const row = (value: number) => ({state: {...state, settingsRow: clamp(value, 0, Math.max(0, view.settingsRows - 1))}, effects: none});
		const change = (delta: 1 | -1): Transition => ({state, effects: [{type: 'changeSetting', row: state.settingsRow, delta}]});
		switch (command) {
			case 'down': return row(state.settingsRow + 1);
			case 'up': return row(state.settingsRow - 1);
			case 'top': return row(0);
			case 'bottom': return row(view.settingsRows - 1);
			case 'focusRight':
			case 'open':
			case 'pageDown': return change(1);
			case 'focusLeft':
			case 'pageUp': return change(-1);
			case 'back':
			case 'settings':
			case 'quit': return {state: {...state, overlay: state.underlay, underlay: undefined}, effects: none};
			case 'help': return {state: {...state, overlay: 'help', helpScroll: 0}, effects: none};
			case 'redraw':
			case 'suspend': return undefined;
			default: return {state, effects: none};
		}
	}

	if (state.overlay === 'search' && state.archiveSearch) {
		switch (command) {
			case 'back': return {state: {...state, overlay: 'overview', draft: '', archiveSearch: undefined}, effects: none};
			case 'open': {
				const query = state.draft.trim();
				const closed = {...state, overlay: 'overview' as const, draft: '', archiveSearch: undefined};
				return {state: closed, effects: query === '' ? none : [{type: 'searchArchive', query}]};
			}

			case 'redraw':
			case 'suspend': return undefined;
			default: return {state, effects: none};
		}
	}

	if (state.overlay === 'search') {
		switch (command) {
			case 'back': return {state: {...state, overlay: undefined, draft: ''}, effects: none};
			case 'open': {
				const query = state.draft.trim();
				const closed = {...state, overlay: undefined, draft: ''};
				return query === ''
					? {state: {...closed, search: undefined}, effects: none}
					: {state: closed, effects: [{type: 'search', query, scope: state.focus}]};
			}

			case 'redraw':
			case 'suspend': return undefined;
			default: return {state, effects: none};
		}
	}

	return undefined;
}

function command(state: ReaderState, name: Command, key: string | undefined, view: View, at?: number): Transition {
	const overlaid = overlayCommand(state, name, view, key, at);
	if (overlaid) {
		return overlaid;
	}

	const done = (next: ReaderState, effects: Effect[] = []): Transition => ({state: next, effects});
	switch (name) {
		case 'down': return done(step(state, 1, view));
		case 'up': return done(step(state, -1, view));
		case 'pageDown': return done(step(state, state.focus === 'article' ? articlePage(view) : Math.max(1, view.listPage), view));
		case 'pageUp': return done(step(state, -(state.focus === 'article' ? articlePage(view) : Math.max(1, view.listPage)), view));
		case 'top': return done(state.focus === 'article' ? scrollTo(state, 0, view) : select(state, 0, view));
		case 'bottom': return done(state.focus === 'article' ? scrollTo(state, maxScroll(view), view) : select(state, view.headlines - 1, view));
		case 'open':
			return state.focus === 'headlines' && view.headlines > 0 ? open(state, selectedOf(state), view) : done(state);
		case 'switchPane': return done({...state, focus: state.focus === 'headlines' ? 'article' : 'headlines'});
		case 'focusLeft': return done({...state, focus: paneOnSide('left', view)});
		case 'focusRight': return done({...state, focus: paneOnSide('right', view)});
		case 'back':
			if (state.search) return done({...state, search: undefined});
			// From a source's headlines, up to the overview of every source (library mode).
			if (state.focus === 'headlines' && view.overview) return done(openOverview(state, view));
			return done({...state, focus: 'headlines'});
		case 'jump': {
			const rank = digitOf(key ?? '');
			const index = view.numbers.indexOf(rank);
			if (index < 0) return done(state, [{type: 'note', note: {kind: 'noRank', rank}}]);
			return done({...select(state, index, view), focus: 'headlines'});
		}

		case 'toggleRead': {
			const which = target(state, view);
			return done(state, which ? [{type: 'toggleRead', ...which}] : []);
		}

		case 'markAllRead': return done(state, [{type: 'markAllRead', source: state.source}]);
		case 'nextUnread':
		case 'prevUnread': {
			const direction = name === 'nextUnread' ? 1 : -1;
			const {search} = state;
			if (search && search.matches.length > 0) return done(nextMatch(state, search, direction, view));
			return nextUnread(state, direction, view);
		}

		case 'search': return done({...state, overlay: 'search', draft: ''});
		case 'openLink':
		case 'copyUrl': {
			const which = target(state, view);
			return done(state, which ? [{type: name, ...which}] : [{type: 'note', note: {kind: 'noLink'}}]);
		}

		case 'links': {
			const which = target(state, view);
			return done(state, which ? [{type: 'links', ...which}] : [{type: 'note', note: {kind: 'noLinks'}}]);
		}

		case 'pipe': {
			const which = target(state, view);
			return which ? done({...state, overlay: 'pipe', draft: '', piping: which}) : done(state, [{type: 'note', note: {kind: 'noContent'}}]);
		}

		case 'refresh': return done(state, [{type: 'refresh', source: state.source}]);
		case 'refreshAll': return done(state, [{type: 'refreshAll'}]);
		case 'overview':
			return view.overview ? done(openOverview(state, view)) : done(state, [{type: 'note', note: {kind: 'noOverview'}}]);
		case 'star': {
			const which = target(state, view);
			return done(state, which ? [{type: 'star', ...which}] : []);
		}

		case 'prevSource':
		case 'nextSource': {
			if (view.sources < 2) return done(state);
			const delta = name === 'nextSource' ? 1 : -1;
			const source = (((state.source + delta) % view.sources) + view.sources) % view.sources;
			return done({...state, source, focus: 'headlines', search: state.search?.scope === 'headlines' ? undefined : state.search});
		}

		case 'settings': return done({...state, overlay: 'settings'});
		case 'help': return done({...state, overlay: 'help', helpScroll: 0});
		case 'redraw': return done(state, [{type: 'redraw'}]);
		case 'suspend': return done(state, [{type: 'suspend'}]);
		case 'quit': return done(state, [{type: 'quit'}]);
	}
}

export function transition(state: ReaderState, action: Action, view: View): Transition {
	switch (action.type) {
		case 'command': return command(state, action.command, action.key, view, action.at);
		case 'showLinks': return {state: {...state, overlay: 'links', links: {list: action.list, row: 0}}, effects: []};
		case 'type':
			return {state: prompting(state) ? {...state, draft: state.draft + action.text} : state, effects: []};
		case 'erase':
			return {state: prompting(state) ? {...state, draft: erased(state.draft, action.unit ?? 'char')} : state, effects: []};
		case 'searchResults': {
			if (action.matches.length === 0) {
				return {state: {...state, search: undefined}, effects: [{type: 'note', note: {kind: 'noMatch', query: action.query}}]};
			}

			const position = action.scope === 'headlines' ? selectedOf(state) : state.scroll;
			const first = action.matches.findIndex(match => match >= position);
			const search: Search = {query: action.query, scope: action.scope, matches: action.matches, index: 0};
			return {state: goToMatch(state, search, first < 0 ? 0 : first, view), effects: []};
		}

		case 'show': {
			const onSource = {...state, source: clamp(action.source, 0, Math.max(0, view.sources - 1))};
			const next = select(onSource, action.headline, view);
			return {
				state: {...next, open: {source: next.source, headline: selectedOf(next)}, scroll: 0, focus: action.focus ?? state.focus},
				effects: [],
			};
		}

		case 'scrollTo': return {state: scrollTo(state, action.line, view), effects: []};
		case 'select': {
			if (action.source !== state.source) {
				return {
					state: {...state, selected: replaceAt(state.selected, action.source, Math.max(0, action.headline))},
					effects: [],
				};
			}

			return {state: select(state, action.headline, view), effects: []};
		}

		case 'renumber': {
			const selected = transition(state, {type: 'select', source: action.source, headline: action.headline}, view).state;
			const open = state.open?.source === action.source && action.open !== undefined ? {source: action.source, headline: action.open} : state.open;
			return {state: {...selected, open}, effects: []};
		}

		case 'setSource':
			return {state: {...state, source: clamp(action.source, 0, Math.max(0, view.sources - 1))}, effects: []};
		case 'remapSources': {
			const to = (old: number): number => action.from.indexOf(old);
			const kept = <T>(values: readonly T[], fallback: T): T[] => action.from.map(old => (old >= 0 ? values[old] ?? fallback : fallback));
			const source = to(state.source);
			const open = state.open && to(state.open.source) >= 0 ? {...state.open, source: to(state.open.source)} : undefined;
			const piping = state.piping && to(state.piping.source) >= 0 ? {...state.piping, source: to(state.piping.source)} : undefined;
			const links = state.links && to(state.links.list.source) >= 0 ? {...state.links, list: {...state.links.list, source: to(state.links.list.source)}} : undefined;
			const remapped: ReaderState = {
				...state,
				source: source >= 0 ? source : 0,
				selected: kept(state.selected, 0),
				listTop: kept(state.listTop, 0),
				open,
				piping,
				links,
				...(state.links && !links ? {overlay: undefined} : {}),
				...(state.piping && !piping && state.overlay === 'pipe' ? {overlay: undefined} : {}),
			};
			const rows = view.overview ?? [];
			return {state: overviewAt(remapped, rows, action.overviewRow ?? state.overviewRow, 1, view), effects: []};
		}

		case 'showSource': {
			const source = clamp(action.source, 0, Math.max(0, view.sources - 1));
			const shown = {...state, source, overlay: undefined, archiveSearch: undefined, draft: '', focus: 'headlines' as const, search: undefined};
			return {state: {...shown, selected: replaceAt(shown.selected, source, 0), listTop: replaceAt(shown.listTop, source, 0)}, effects: []};
		}
	}
}

function erased(draft: string, unit: 'char' | 'word' | 'all'): string {
	if (unit === 'all') return '';
	if (unit === 'word') return draft.replace(/\S*\s*$/u, '');
	return [...draft].slice(0, -1).join('');
}

/** Whether a prompt (search, or the command `|` pipes to) is taking typed text. */
export function prompting(state: Pick<ReaderState, 'overlay'>): boolean {
	return state.overlay === 'search' || state.overlay === 'pipe';
}

/** The form a reducer hook takes, for `useReducer` callers that ignore effects. */
export function reducer(state: ReaderState, action: Action & {view: View}): ReaderState {
	return transition(state, action, action.view).state;
}
