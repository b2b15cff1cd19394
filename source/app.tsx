/**
 * The Ink root: sources in, a two-pane reader out. It holds the loaded editions, the reader's
 * state machine (ui/state.ts) and the preferences in force; it turns keys into actions and
 * runs the effects the state machine asks for. Text work belongs to text/, drawing to ui/,
 * the terminal to terminal.ts (reached through the `terminal` prop).
 */
import {Box, useApp, useInput, useStdin, useStdout} from 'ink';
import {useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState} from 'react';
import type {BidiMode} from './bidi-mode.js';
import {localClock} from './clock.js';
import {hasText, headlineGroups, type Article, type Edition, type Failure, type Headline, type ListKind} from './model.js';
import {isVirtualSpec, virtualSpec, type Library, type RefreshOutcome, type RefreshProgress, type RefreshSources, type SourceSummary, type VirtualKind} from './library/api.js';
import type {Prefs, PrefsStore, SourceEntry} from './prefs.js';
import {articleLines as printedArticle} from './print.js';
import type {StateStore} from './state.js';
import type {TerminalInfo} from './terminal.js';
import {articleTextOptions, editionTextOptions, resolveTextOptions, type TextFlags} from './text-options.js';
import {readableUrl} from './text/iri.js';
import {articleBlocks, fitLine, formatDate, formatNumber} from './text/layout.js';
import {isVisual, type TextOptions} from './text/options.js';
import {articleLines, lineOfPosition, type ArticleLine} from './ui/article-lines.js';
import {ArticlePane} from './ui/ArticlePane.js';
import {articleCell, type CellAt} from './ui/cursor.js';
import {minColumns, minRows, planGeometry, type Geometry} from './ui/geometry.js';
import {renewEdition} from './ui/renew.js';
import {Help, helpLines} from './ui/Help.js';
import {HeadlinesPane, selectedHeadlineCell, type HeadlineRow} from './ui/HeadlinesPane.js';
import {Overview, type OverviewRow} from './ui/Overview.js';
import {statusHints} from './ui/hints.js';
import {buildKeyTable, commandForKey, keyTokens} from './ui/keys.js';
import {articleEntries, pageEntries, type LinkEntry} from './ui/link-list.js';
import {planOpen, planPlay, programName, safeUrl, type OpenPlan} from './ui/links.js';
import {LinksOverlay, linksLayout} from './ui/LinksOverlay.js';
import {withMediaLines} from './ui/media.js';
import {pipeArgv, pipeCommand} from './ui/pipe.js';
import {Line} from './ui/Row.js';
import {articleHighlights, articleMatches, headlineMatches} from './ui/search.js';
import {SearchPrompt} from './ui/SearchPrompt.js';
import {Settings} from './ui/Settings.js';
import {settingKeys, stepSetting, type SettingKey, type SettingValues} from './ui/settings-model.js';
import {
	initialState,
	listTopOf,
	prompting,
	selectedOf,
	transition,
	windowTop,
	type Action,
	type Effect,
	type LinkList,
	type Openable,
	type ReaderState,
	type View,
} from './ui/state.js';
import {StatusBar} from './ui/StatusBar.js';
import {isolate} from './text/direction.js';
import {sanitizeLine} from './text/sanitize.js';
import {truncate} from './text/wrap.js';
import {chooseStrings, type UiStrings} from './ui/strings.js';
import {UiTextContext} from './ui/text-context.js';
import {resolveTheme, type ThemePreference} from './ui/theme.js';

/** A source to load (`feed`: a site's feed, as `sources add` found it), or an edition already here. */
export type SourceInput = {spec: string; name?: string; feed?: string} | {edition: Edition};

export type LoadedSource = {
	edition: Edition;
	fromCache?: {asOf: string};
	warnings: string[];
	/** Those of the warnings that report a failed fetch (`error` says what failed): said in Arabic instead. */
	failures?: ReadonlyArray<{warning: string; error: unknown; feed?: boolean; copyAsOf?: string}>;
};

export type SourceLoadOptions = {
	offline: boolean;
	feed?: string;
	/** The user's name for the source, which names the edition whatever the feed calls itself. */
	name?: string;
	/** A site's lists from its page, while its feed is still on the way. */
	onPage?: (result: LoadedSource) => void;
	/** The saved copy, at once, while the network is asked; the load then gives only a fresh edition. */
	onSaved?: (result: LoadedSource) => void;
	/** A failed fetch rejects rather than giving the saved copy: an edition is shown already. */
	freshOnly?: boolean;
};

export type Loaders = {
	source(spec: string, options: SourceLoadOptions): Promise<LoadedSource>;
	fullText(url: string, options: {offline: boolean}): Promise<Article>;
};

/** Preferences given for this run only (command-line flags); they win until changed in settings. */
export type ReaderFlags = TextFlags & {measure?: number; theme?: ThemePreference};

export type TerminalControl = {
	setBidi(mode: BidiMode): void;
	/** OSC 52. */
	copy(text: string): void;
	/** Ctrl+Z: hand the terminal to the shell and stop until SIGCONT. */
	suspend(): void;
	/** Run a program that draws in this terminal (w3m, lynx) and come back when it exits. */
	runInTerminal(argv: string[]): Promise<void>;
	/** Start a program that opens its own window (a browser, xdg-open), without waiting. */
	openDetached(argv: string[]): Promise<void>;
	/**
	 * Lend the terminal to a program (a pager) that reads `text` on its standard input, and come
	 * back when it exits, with its exit status (undefined when a signal ended it). `bidi`: the
	 * mode the text was laid out for, kept while it shows.
	 */
	pipeTo(argv: string[], text: string, bidi: BidiMode): Promise<number | undefined>;
	/** Forget what is on the screen and draw the whole frame again (Ctrl+L). */
	redraw(): void;
	/** Where the hidden cursor goes after each frame (screen magnifiers follow it); undefined: anywhere. */
	placeCursor?(at: CellAt | undefined): void;
};

/**
 * The configured sources read from the library (no source on the command line): every slot
 * starts from the store, an edition is built only for the sources being viewed, and a refresh
 * of every source runs in the background.
 */
export type LibraryMode = {
	library: Library;
	entries: readonly SourceEntry[];
	refresh: RefreshSources;
	/** Aborted when the reader quits: the refreshes in flight end with it. */
	signal?: AbortSignal;
};

export type AppProps = {
	sources: readonly SourceInput[];
	library?: LibraryMode;
	loaders: Loaders;
	prefs: Pick<PrefsStore, 'get' | 'set'>;
	reading: Pick<StateStore, 'isRead' | 'markRead' | 'markAllRead' | 'lastArticle' | 'setLastArticle' | 'position' | 'setPosition'>
		& Partial<Pick<Library['reading'], 'isStarred' | 'setStarred'>>;
	flags?: ReaderFlags;
	offline?: boolean;
	env: NodeJS.ProcessEnv;
	platform: NodeJS.Platform;
	info: TerminalInfo;
	terminal: TerminalControl;
	/** One-line notes to show at start (locale, a damaged preferences file...). */
	notes?: readonly string[];
	/** A fixed size (tests); otherwise the size of Ink's stdout, followed on resize. */
	size?: {columns: number; rows: number};
};

type Slot = {
	spec: string;
	name?: string;
	/** `stored`: in the library, its edition not in memory (built when it is viewed). */
	status: 'loading' | 'ready' | 'failed' | 'stored';
	edition?: Edition;
	fromCache?: {asOf: string};
	/** Why it failed, in the reader's words. */
	error?: string;
	/** A newer edition is on the way (the saved copy is shown meanwhile, or a refresh was asked). */
	refreshing?: boolean;
	/** The search results' query, so their name follows the interface's language. */
	query?: string;
};

type FullText = {status: 'loading'} | {status: 'ready'; article: Article} | {status: 'failed'; reason: string};

/** The editions built across sources, first in library mode, in the overview's order. */
const virtualKinds: readonly VirtualKind[] = ['most-read-all', 'latest-all', 'starred'];

/** Editions kept in memory besides the one shown: the last ones viewed (the rest stay in the store). */
const keptEditions = 4;

/** Items of a source's edition built from the store. */
const editionItems = 500;

/** The spec of the archive's search results, shown as a source of its own. */
const searchSpec = 'akhbar:search';

function librarySlots(mode: LibraryMode, text: UiStrings): Slot[] {
	return [
		...virtualKinds.map(kind => ({spec: virtualSpec(kind), name: text.virtualNames[kind], status: 'stored' as const})),
		...mode.entries.map(entry => ({spec: entry.url, ...(entry.name ? {name: entry.name} : {}), status: 'stored' as const})),
		...mode.library.serverSources().map(summary => ({spec: summary.spec, name: summary.name, status: 'stored' as const})),
	];
}

/** A slot's edition as the store has it now: empty for a source never stored yet. */
function storedEdition(mode: LibraryMode, slot: Slot): Edition {
	const kind = virtualKinds.find(candidate => virtualSpec(candidate) === slot.spec);
	if (kind) return {...mode.library.virtualEdition(kind, {limit: editionItems}), ...(slot.name ? {name: slot.name} : {})};
	return mode.library.edition(slot.spec, {maxItems: editionItems})
		?? {source: slot.spec, name: slot.name ?? slot.spec, list: 'latest', headlines: [], articles: [], notes: []};
}

/** Rows of the overview: the editions across sources, then each tag's sources under its name. */
type OverviewEntry = {heading: string} | {source: number};

function overviewEntries(mode: LibraryMode, text: UiStrings, slots: readonly Slot[]): OverviewEntry[] {
	const entries: OverviewEntry[] = virtualKinds.map((_, index) => ({source: index}));
	const first = virtualKinds.length;
	const tagged = new Map<string, number[]>();
	const untagged: number[] = [];
	for (const [offset, entry] of mode.entries.entries()) {
		const tags = entry.tags ?? [];
		if (tags.length === 0) untagged.push(first + offset);
		for (const tag of tags) tagged.set(tag, [...tagged.get(tag) ?? [], first + offset]);
	}

	for (const [tag, sources] of tagged) entries.push({heading: tag}, ...sources.map(source => ({source})));
	if (tagged.size > 0 && untagged.length > 0) entries.push({heading: text.untagged});
	entries.push(...untagged.map(source => ({source})));
	// A sync account's sources under its name (their tags are the server's categories).
	// The slots say which (a sync changes them); the store names the account.
	const server = [...slots.keys()].slice(first + mode.entries.length).filter(index => slots[index]!.spec !== searchSpec);
	const account = server.length > 0 ? mode.library.serverSources()[0]?.account : undefined;
	if (account !== undefined) entries.push({heading: account}, ...server.map(source => ({source})));
	return entries;
}

function slotsFrom(sources: readonly SourceInput[]): Slot[] {
	return sources.map(source => ('edition' in source
		? {spec: source.edition.source, name: source.edition.name, status: 'ready', edition: source.edition}
		: {spec: source.spec, name: source.name, status: 'loading'}));
}

function message(error: unknown): string {
	const text = error instanceof Error ? error.message : String(error);
	return text.split('\n')[0] ?? '';
}

/** What failed, when a loader's error says (a failed fetch does). */
function failureOf(error: unknown): Failure | undefined {
	if (typeof error !== 'object' || error === null || !('failure' in error)) return undefined;
	const {failure} = error as {failure?: Partial<Failure>};
	return failure && typeof failure.kind === 'string' ? failure as Failure : undefined;
}

/**
 * Why a load failed, in the reader's words: a failed fetch in Arabic; what a source's content
 * was found to be (not a feed, no text...) as the source module says it, without the source
 * it names (the pane and the note name it).
 */
function reasonOf(error: unknown, text: UiStrings): string {
	const failure = failureOf(error);
	if (failure) return text.failureText(failure);
	return message(typeof error === 'object' && error !== null && 'problem' in error && typeof error.problem === 'string' ? error.problem : error);
}

/** A load's warnings as one note, a failed fetch among them in Arabic, naming the source `name`. */
function warningsText(result: LoadedSource, name: string, text: UiStrings): string | undefined {
	const failures = new Map((result.failures ?? []).map(failure => [failure.warning, failure]));
	const lines = result.warnings.map(warning => {
		const failure = failures.get(warning);
		if (!failure) return warning;
		const reason = reasonOf(failure.error, text);
		const copy = failure.copyAsOf !== undefined;
		return failure.feed ? text.feedFailed(name, reason, copy) : text.refreshFailed(name, reason, copy);
	});
	return lines.length > 0 ? lines.join(' · ') : undefined;
}

/** How a source is named in a note: the name the user gave it, else its own, else what was typed. */
function slotName(slot: Slot): string {
	return slot.name ?? slot.edition?.name ?? slot.spec;
}

/**
 * "2/200" in the headlines' header: in library mode the configured sources are numbered among
 * themselves (an edition across sources or the search results has no number, its name says it).
 */
function sourceNumberOf(source: number, slots: readonly Slot[], mode: LibraryMode | undefined, digits: TextOptions['digits']): string | undefined {
	const [index, count] = mode ? [source - virtualKinds.length, mode.entries.length] : [source, slots.length];
	if (count <= 1 || index < 0 || index >= count || isVirtualSpec(slots[source]?.spec ?? '')) return undefined;
	return `${formatNumber(index + 1, digits)}/${formatNumber(count, digits)}`;
}

/** A name of a source's in-flight cut to this many cells in the status line: the rest of the line is the reader's. */
const inFlightCells = 24;

/** The source being fetched now (and how many more), as `akhbar refresh`'s progress line names it. */
function inFlightText(inFlight: readonly string[], digits: TextOptions['digits']): string | undefined {
	const names = inFlight.map(name => sanitizeLine(name).trim()).filter(Boolean);
	if (names.length === 0) return undefined;
	const [first] = names;
	const cut = truncate(first!, inFlightCells);
	const shown = cut.truncated ? `${first!.slice(0, cut.end).trimEnd()}…` : first!;
	return `${isolate(shown, undefined)}${names.length > 1 ? ` +${formatNumber(names.length - 1, digits)}` : ''}`;
}

/** An edition across sources or the search results, named in the interface's language (by spec, whenever it changes). */
function localName(slot: Slot | undefined, text: UiStrings): string | undefined {
	const kind = virtualKinds.find(candidate => virtualSpec(candidate) === slot?.spec);
	if (kind) return text.virtualNames[kind];
	return slot?.spec === searchSpec && slot.query !== undefined ? text.searchResults(slot.query) : undefined;
}

/** Flags without the keys the user has since changed in the settings panel. */
function withoutKeys(flags: ReaderFlags, cleared: ReadonlySet<string>): ReaderFlags {
	return Object.fromEntries(Object.entries(flags).filter(([key]) => !cleared.has(key))) as ReaderFlags;
}

function useTerminalSize(fixed?: {columns: number; rows: number}): {columns: number; rows: number} {
	const {stdout} = useStdout();
	const read = () => ({columns: stdout.columns || 80, rows: stdout.rows || 24});
	const [size, setSize] = useState(read);
	useEffect(() => {
		if (fixed) return;
		const onResize = () => setSize(read());
		stdout.on('resize', onResize);
		return () => {
			stdout.off('resize', onResize);
		};
	}, [stdout, fixed]);
	return fixed ?? size;
}

/** What a source is loaded with: the network or not, and a site's feed as `sources add` found it. */
function loadOptionsOf(source: SourceInput, offline: boolean): {offline: boolean; feed?: string; name?: string} {
	if ('edition' in source) return {offline};
	return {offline, ...(source.feed ? {feed: source.feed} : {}), ...(source.name ? {name: source.name} : {})};
}

/** What the state machine knows of a source's headlines. */
function headlinesView(edition: Edition, reading: Pick<AppProps['reading'], 'isRead'>): Pick<View, 'headlines' | 'unread' | 'numbers' | 'openable'> {
	return {
		headlines: edition.headlines.length,
		unread: edition.headlines.map(headline => !reading.isRead(headline.key)),
		numbers: edition.headlines.map((headline, index) => displayNumber(edition, headline, index)),
		openable: edition.headlines.map(headline => openableOf(edition, headline)),
	};
}

function openableOf(edition: Edition, headline: Headline): Openable {
	if (headline.article !== undefined && hasText(edition.articles[headline.article - 1])) return 'text';
	return safeUrl(headline.url) ? 'link' : 'none';
}

export function App(props: AppProps) {
	const {exit} = useApp();
	const {isRawModeSupported} = useStdin();
	const size = useTerminalSize(props.size);
	const [prefs, setPrefs] = useState<Prefs>(() => props.prefs.get());
	const [clearedFlags, setClearedFlags] = useState<ReadonlySet<string>>(new Set());
	// The interface's words, from this run's --language (until changed in settings), the preference, the locale.
	const language = (clearedFlags.has('language') ? undefined : props.flags?.language) ?? prefs.language;
	const text = useMemo(() => chooseStrings(language, props.env), [language, props.env]);
	const mode = props.library;
	/** The library's sources as last viewed, most recent last (their editions are in memory). */
	const viewed = useRef<number[]>([]);
	// In library mode the first frame needs only the store: the last source read, built from it.
	const [slots, setSlots] = useState<Slot[]>(() => {
		if (!mode) return slotsFrom(props.sources);
		const made = librarySlots(mode, text);
		const last = props.reading.lastArticle();
		const lastIndex = last ? made.findIndex(slot => slot.spec === last.source) : -1;
		// One source alone needs no overview: it is shown, as the last one read would be.
		const index = lastIndex < 0 && mode.entries.length === 1 ? virtualKinds.length : lastIndex;
		if (index >= 0) {
			made[index] = {...made[index]!, status: 'ready', edition: storedEdition(mode, made[index]!)};
			viewed.current = [index];
		}

		return made;
	});
	const [fullTexts, setFullTexts] = useState<ReadonlyMap<string, FullText>>(new Map());
	/** The background refresh in progress (library mode), for the status line. */
	const [progress, setProgress] = useState<RefreshProgress | undefined>(undefined);
	const refreshing = useRef(false);
	/** Why a source's refresh failed in this session, in the interface's words (the store's are English). */
	const failureReasons = useRef(new Map<string, string>());
	/** Changes when the store's counts may have (a refresh, a mark): the overview asks it again. */
	const [storeTick, setStoreTick] = useState(0);
	const headlinesSide = prefs.headlines === 'auto' ? (text.direction === 'rtl' ? 'right' : 'left') : prefs.headlines;
	// The user's own keys, or the defaults when their section is refused (a note says why).
	const builtKeys = useMemo(() => buildKeyTable(prefs.keys), [prefs.keys]);
	const keyTable = builtKeys.table;
	// Start-up notes (a damaged file, the locale...) come one at a time, each until a key is
	// pressed: joined on one line, the later ones were cut off at the screen's width.
	const startNotes = useRef<string[]>([]);
	const [note, setNote] = useState<string | undefined>(() => {
		const notes = [...props.notes ?? [], ...(builtKeys.problem ? [text.keysRefused(builtKeys.problem)] : [])];
		startNotes.current = notes.slice(1);
		return notes[0];
	});
	// A store found damaged mid-session is kept aside and replaced (library/index.ts): said in the status line.
	useEffect(() => mode?.library.onNotice?.(line => {
		setNote(line);
	}), [mode]);
	const [readTick, setReadTick] = useState(0);
	const touched = useRef(false);
	const offline = props.offline ?? false;

	// Preferences in force: the saved ones, with this run's flags on top.
	const flags = useMemo(() => withoutKeys(props.flags ?? {}, clearedFlags), [props.flags, clearedFlags]);
	const measure = flags.measure ?? prefs.measure;
	const theme = resolveTheme(flags.theme ?? prefs.theme, props.env);
	const baseOptions = useMemo(() => resolveTextOptions(prefs, flags, props.env), [prefs, flags, props.env]);
	const bidiMode: BidiMode = baseOptions.bidi;
	const geometry: Geometry = planGeometry(size.columns, size.rows, {
		headlinesWidth: prefs.headlinesWidth,
		measure,
		onePane: bidiMode === 'terminal',
	});

	/**
	 * Where the reader starts, once the sources allow: shown (and scrolled to where it was
	 * left), from `state`. A pure step, so the first render can take it when an edition is here
	 * from the start (the demo, an edition passed in): the first frame drawn is then the
	 * finished one, not a frame without the article followed by a second render (~25 ms).
	 */
	function started(state: ReaderState, start: Start): ReaderState {
		const edition = slots[start.source]!.edition!;
		const headline = edition.headlines[start.headline]!;
		const list = {...emptyView, sources: slots.length, headlines: edition.headlines.length, listPage: listPageOf(geometry)};
		const shown = transition(state, {type: 'show', source: start.source, headline: start.headline, focus: start.focus}, list).state;
		const position = props.reading.position(headline.key);
		const article = position ? articleOf(edition, start.headline, fullTexts) : undefined;
		if (!position || !article) return shown;
		const {lines} = layoutArticle(article, edition, geometry, baseOptions, text);
		const view = {...list, lines: lines.length, articlePage: paneRowsOf(geometry)};
		return transition(shown, {type: 'scrollTo', line: lineOfPosition(lines, position)}, view).state;
	}

	const startedAtOnce = useRef<Start | undefined>(undefined);
	const [state, setState] = useState<ReaderState>(() => {
		const plain = initialState(slots.length);
		// Library mode: the source whose edition the store gave for the first frame.
		const shownFirst = mode ? slots.findIndex(slot => slot.status === 'ready') : -1;
		const first = shownFirst > 0 ? {...plain, source: shownFirst} : plain;
		const start = startingPoint(slots, first, props.reading.lastArticle());
		startedAtOnce.current = start;
		if (start) return started(first, start);
		// Library mode with no last article to go back to: the overview of every source.
		return mode && shownFirst < 0 ? {...first, overlay: 'overview'} : first;
	});
	const stateRef = useRef(state);

	useEffect(() => {
		props.terminal.setBidi(bidiMode);
	}, [bidiMode, props.terminal]);

	const slot = slots[state.source];
	const edition = slot?.status === 'ready' ? slot.edition : undefined;
	const listOptions: TextOptions = useMemo(
		() => editionTextOptions(baseOptions, edition),
		[baseOptions, edition?.lang, edition?.dir],
	);
	// The interface's lines take its language's direction.
	const uiOptions: TextOptions = useMemo(() => ({...baseOptions, fallbackDirection: text.direction, declaredDirection: text.direction}), [baseOptions, text.direction]);

	// The open article, if its text is here.
	const openSlot = state.open ? slots[state.open.source] : undefined;
	const openEdition = openSlot?.status === 'ready' ? openSlot.edition : undefined;
	const openHeadline = state.open && openEdition ? openEdition.headlines[state.open.headline] : undefined;
	const openArticle: Article | undefined = state.open && openEdition ? articleOf(openEdition, state.open.headline, fullTexts) : undefined;
	const openFull = openHeadline ? fullTexts.get(openHeadline.key) : undefined;
	// An item whose text could not be fetched: its title and link, and why.
	const unavailable = useMemo(
		() => (openHeadline && !openArticle && openFull?.status === 'failed' ? unavailableArticle(openHeadline, openFull.reason, text) : undefined),
		[openHeadline, openArticle, openFull],
	);
	const articleOptions: TextOptions = useMemo(
		() => (openArticle ? articleTextOptions(baseOptions, openArticle, openEdition) : editionTextOptions(baseOptions, openEdition)),
		[baseOptions, openArticle?.lang, openArticle?.dir, openEdition?.lang, openEdition?.dir],
	);
	const shownText = openArticle ?? unavailable;
	const laidOut = shownText && openEdition ? layoutArticle(shownText, openEdition, geometry, articleOptions, text) : undefined;
	const blocks = laidOut?.blocks;
	const lines: readonly ArticleLine[] = laidOut?.lines ?? [];
	// The search's matches in the open article, whichever pane was searched.
	const query = state.search?.query;
	const highlights = useMemo(
		() => (query !== undefined && blocks ? articleHighlights(blocks, lines, query, articleOptions) : undefined),
		[query, blocks, lines, articleOptions],
	);

	const helpContent = useMemo(
		() => helpLines({tmux: props.info.tmux, implicitTerminal: props.info.bidi.implicitOnly ? props.info.bidi.name : undefined}, keyTable, text),
		[props.info, keyTable, text],
	);

	const linkEntries: readonly LinkEntry[] = state.links ? entriesOf(state.links.list, slots, fullTexts, text) : [];
	const linksShape = state.overlay === 'links' && geometry.kind === 'panes'
		? linksLayout(linkEntries, state.links?.row ?? 0, geometry.columns, geometry.paneRows, uiOptions)
		: undefined;

	const headlines = edition?.headlines ?? [];
	const serverSpecs = mode ? slots.slice(virtualKinds.length + mode.entries.length).map(slot => slot.spec).join('\n') : '';
	// Built again only when the server's sources change (serverSpecs), not with each slot's edition.
	const overviewList = useMemo(() => (mode ? overviewEntries(mode, text, slots) : undefined), [mode, text, serverSpecs]);
	const overviewSources = useMemo(() => overviewList?.map(entry => ('source' in entry ? entry.source : undefined)), [overviewList]);
	// The counts of every source, asked of the store only while the overview shows them.
	const overviewShown = state.overlay === 'overview' || (state.overlay === 'search' && state.archiveSearch === true);
	const summaries = useMemo(
		() => (mode && overviewShown ? new Map(mode.library.overview().map(summary => [summary.spec, summary])) : undefined),
		[mode, overviewShown, storeTick, readTick],
	);
	// The store's unread counts, asked once per key at most, and only by `n` looking past this source.
	let unreadCounts: ReadonlyMap<string, number> | undefined;
	const storedUnread = (): ReadonlyMap<string, number> => {
		unreadCounts ??= new Map((mode?.library.overview() ?? []).map(summary => [summary.spec, summary.unread]));
		return unreadCounts;
	};

	const view: View = {
		sources: slots.length,
		headlines: headlines.length,
		unread: headlines.map(headline => !props.reading.isRead(headline.key)),
		numbers: headlines.map((headline, index) => displayNumber(edition!, headline, index)),
		openable: headlines.map(headline => openableOf(edition!, headline)),
		listPage: listPageOf(geometry),
		lines: lines.length,
		articlePage: paneRowsOf(geometry),
		helpLines: helpContent.length,
		helpPage: paneRowsOf(geometry),
		settingsRows: settingKeys.length,
		headlinesSide,
		sourceList(index) {
			const held = slots[index];
			// Library mode: a source not in memory is built from the store when it has unread items
			// (n going on to the next source with news); the store's counts say which, in one query.
			const stored = mode && held?.status === 'stored' && !isVirtualSpec(held.spec) && (storedUnread().get(held.spec) ?? 0) > 0;
			const other = held?.edition ?? (stored ? storedEdition(mode, held) : undefined);
			return other && {
				unread: other.headlines.map(headline => !props.reading.isRead(headline.key)),
				openable: other.headlines.map(headline => openableOf(other, headline)),
			};
		},
		links: linkEntries.length,
		linksPage: linksShape?.listRows ?? 1,
		...(overviewSources ? {overview: overviewSources, overviewPage: Math.max(1, paneRowsOf(geometry) - 1)} : {}),
	};

	// Everything async callbacks need, as of the last render.
	const live = useRef({slots, view, lines, blocks, geometry, articleOptions, fullTexts});
	live.current = {slots, view, lines, blocks, geometry, articleOptions, fullTexts};

	const rerenderRead = useCallback(() => setReadTick(tick => tick + 1), []);

	/** Changes one slot, from what it is now. */
	function updateSlot(index: number, change: (slot: Slot) => Slot): void {
		setSlots(current => current.map((slot, i) => (i === index ? change(slot) : slot)));
	}

	/**
	 * A source's newer edition: it takes the place of what is shown, the selection and the open
	 * article following their items (ui/renew.ts).
	 */
	function replaceEdition(index: number, result: LoadedSource): void {
		const before = live.current.slots[index]?.edition;
		const state = stateRef.current;
		const renewed = before
			? renewEdition(before, result.edition, {selected: state.selected[index] ?? 0, ...(state.open?.source === index ? {open: state.open.headline} : {})})
			: undefined;
		const edition = renewed?.edition ?? result.edition;
		updateSlot(index, slot => ({...slot, status: 'ready', edition, fromCache: result.fromCache, error: undefined, refreshing: false}));
		if (renewed) {
			apply({type: 'renumber', source: index, headline: renewed.selected, ...(renewed.open === undefined ? {} : {open: renewed.open})}, {headlines: edition.headlines.length});
		}
	}

	// Load every source at once; each shows up as soon as it is here: its saved copy at once, a
	// site's page before its feed, then the fresh edition in their place.
	useEffect(() => {
		for (const [index, source] of props.sources.entries()) {
			if ('edition' in source) continue;
			let saved: Edition | undefined;
			const showEarly = (refreshing: boolean) => (result: LoadedSource) => {
				if (refreshing) saved = result.edition;
				updateSlot(index, slot => (slot.status === 'loading'
					? {...slot, status: 'ready', edition: result.edition, fromCache: result.fromCache, refreshing}
					: slot));
			};

			props.loaders.source(source.spec, {...loadOptionsOf(source, offline), onPage: showEarly(false), onSaved: showEarly(true)}).then(
				result => {
					replaceEdition(index, result);
					const warnings = warningsText(result, source.name ?? result.edition.name, text);
					if (warnings) setNote(warnings);
				},
				(error: unknown) => {
					if (saved) {
						// The saved copy stays; the note says the news could not be had.
						updateSlot(index, slot => ({...slot, refreshing: false}));
						setNote(text.refreshFailed(slotName({...live.current.slots[index]!, edition: saved}), reasonOf(error, text), true));
						return;
					}

					updateSlot(index, slot => ({...slot, status: 'failed', error: reasonOf(error, text)}));
				},
			);
		}
	}, []);

	// Failed sources are said in the status line: the one, with its reason; several, how many
	// (each says why in its own pane). One note for all, not one per failure, the last winning.
	const failed = slots.filter(slot => slot.status === 'failed');
	const failuresSaid = useRef(0);
	useEffect(() => {
		if (failed.length > failuresSaid.current) {
			const digits = baseOptions.digits;
			setNote(failed.length === 1
				? text.sourceFailed(slotName(failed[0]!), failed[0]!.error ?? '')
				: text.sourcesFailed(formatNumber(failed.length, digits), slots.length, formatNumber(slots.length, digits)));
		}

		failuresSaid.current = failed.length;
	}, [failed.length]);

	/**
	 * Library mode: the editions of the sources in view (the one shown, the open article's) are
	 * built from the store if they are not in memory, and only the last few viewed are kept.
	 */
	function viewSlots(indexes: ReadonlyArray<number | undefined>): void {
		if (!mode) return;
		const wanted = [...new Set(indexes.filter((index): index is number => index !== undefined))];
		const order = [...viewed.current.filter(index => !wanted.includes(index)), ...wanted];
		viewed.current = order.slice(-Math.max(keptEditions, wanted.length));
		const current = live.current.slots;
		const loads = new Map<number, Edition>();
		for (const index of wanted) {
			const slot = current[index];
			if (slot && slot.status === 'stored') loads.set(index, storedEdition(mode, slot));
		}

		const keep = new Set(viewed.current);
		const evict = (slot: Slot, index: number) => slot.status === 'ready' && !keep.has(index) && slot.spec !== searchSpec;
		if (loads.size === 0 && !current.some(evict)) return;
		const change = (slots: readonly Slot[]) => slots.map((slot, index): Slot => {
			const loaded = loads.get(index);
			if (loaded && slot.status === 'stored') return {...slot, status: 'ready', edition: loaded};
			if (evict(slot, index)) return {spec: slot.spec, ...(slot.name ? {name: slot.name} : {}), status: 'stored'};
			return slot;
		});
		// The effects that follow in this same key read the slots from `live` before the next render.
		live.current.slots = change(current);
		setSlots(change);
	}

	/** Runs an action through the state machine, then its effects. */
	function apply(action: Action, viewOverride?: Partial<View>): void {
		const current = stateRef.current;
		const {state: next, effects} = transition(current, action, {...live.current.view, ...viewOverride});
		stateRef.current = next;
		if (mode && (next.source !== current.source || next.open?.source !== current.open?.source)) {
			viewSlots([next.open?.source, next.source]);
			// Keys that came in the same chunk (Enter, then Enter) see the source now shown.
			const shown = live.current.slots[next.source]?.edition;
			if (shown && next.source !== current.source) live.current.view = {...live.current.view, ...headlinesView(shown, props.reading)};
		}

		setState(next);
		if (next.open && next.scroll !== current.scroll && next.open === current.open) {
			savePosition(next);
		}

		for (const effect of effects) {
			runEffect(effect);
		}
	}

	function headlineAt(source: number, index: number): {edition: Edition; headline: Headline} | undefined {
		const found = live.current.slots[source];
		const headline = found?.edition?.headlines[index];
		return found?.edition && headline ? {edition: found.edition, headline} : undefined;
	}

	function savePosition(current: ReaderState): void {
		const at = current.open && headlineAt(current.open.source, current.open.headline);
		const line = live.current.lines[current.scroll];
		if (at && line) {
			props.reading.setPosition(at.headline.key, {block: line.block, offset: line.offset});
		}
	}

	/** Restores the saved position of an article whose lines are `lines`. */
	function restorePosition(key: string, lines: readonly ArticleLine[]): void {
		const position = props.reading.position(key);
		if (position) {
			apply({type: 'scrollTo', line: lineOfPosition(lines, position)}, {lines: lines.length});
		}
	}

	/**
	 * Where an article just opened starts: at the first match of the headlines search that found
	 * it (a line of context above), else where it was left.
	 */
	function placeArticle(key: string, article: Article, edition: Edition): void {
		const query = stateRef.current.search?.query;
		const laidOut = layoutArticle(article, edition, live.current.geometry, live.current.articleOptions, text);
		if (query !== undefined) {
			const options = articleTextOptions(baseOptions, article, edition);
			const [first] = articleMatches(laidOut.blocks, laidOut.lines, query, options);
			if (first !== undefined) {
				apply({type: 'scrollTo', line: first - 1}, {lines: laidOut.lines.length});
				return;
			}
		}

		restorePosition(key, laidOut.lines);
	}

	/** The open article's headline, if it is `key`: a fetch that ends finds its article still open. */
	function isOpen(key: string): boolean {
		const current = stateRef.current.open;
		return current !== undefined && headlineAt(current.source, current.headline)?.headline.key === key;
	}

	/**
	 * The full text of an item fetched: shown if the item is still open (and only then read); on
	 * failure the pane shows its title and link (the summary, for a summary), the note the reason.
	 */
	function fetchFullText(edition: Edition, headline: Headline): void {
		const url = safeUrl(headline.url);
		if (!url) return;
		setFullTexts(current => new Map(current).set(headline.key, {status: 'loading'}));
		props.loaders.fullText(url, {offline}).then(
			page => {
				// The page has the text; the feed item had the files (a podcast episode's page rarely links its audio).
				const listed = headline.article === undefined ? undefined : edition.articles[headline.article - 1];
				const article = listed?.enclosures && !page.enclosures ? {...page, enclosures: listed.enclosures} : page;
				setFullTexts(current => new Map(current).set(headline.key, {status: 'ready', article}));
				if (isOpen(headline.key)) {
					shownArticle(edition, headline);
					placeArticle(headline.key, article, edition);
				}
			},
			(error: unknown) => {
				const reason = reasonOf(error, text);
				setFullTexts(current => new Map(current).set(headline.key, {status: 'failed', reason}));
				if (isOpen(headline.key)) setNote(text.failedArticle(reason));
			},
		);
	}

	/** An article's text is on the screen: it is read now, and the last one read. */
	function shownArticle(edition: Edition, headline: Headline): void {
		if (!props.reading.isRead(headline.key)) {
			props.reading.markRead(headline.key, true);
			rerenderRead();
		}

		props.reading.setLastArticle({source: edition.source, key: headline.key});
	}

	/**
	 * An article was opened: it scrolls to where it was left (unless `restore` is false: the
	 * caller did), and a summary or a link fetches its full text. Only text shown marks it read:
	 * a link-only item is read once its fetched text is shown, never when the fetch fails.
	 */
	function openArticleEffect(source: number, index: number, {restore = true} = {}): void {
		const at = headlineAt(source, index);
		if (!at) return;
		const {edition, headline} = at;
		const listed = headline.article === undefined ? undefined : edition.articles[headline.article - 1];
		// A link-only article (a most-read item with no text in the feed) is fetched like a link.
		const article = hasText(listed) ? listed : undefined;
		const fetched = live.current.fullTexts.get(headline.key);
		if (fetched?.status === 'ready') {
			shownArticle(edition, headline);
			if (restore) placeArticle(headline.key, fetched.article, edition);
			return;
		}

		if (article) {
			// A feed summary is shown now, and the full text when it arrives.
			shownArticle(edition, headline);
			if (restore) placeArticle(headline.key, article, edition);
			if (article.summaryOnly && fetched?.status !== 'loading' && !offline) fetchFullText(edition, headline);
			return;
		}

		if (fetched?.status !== 'loading') fetchFullText(edition, headline);
	}

	function changeSetting(row: number, delta: 1 | -1): void {
		const key = settingKeys[row];
		if (!key) return;
		const values = effectiveSettings(prefs, flags);
		const value = stepSetting(key, values[key], delta);
		try {
			props.prefs.set(key, value as never);
		} catch (error) {
			setNote(message(error));
		}

		setPrefs(current => ({...current, [key]: value}));
		setClearedFlags(current => new Set(current).add(key === 'shaping' ? 'shaping' : key));
	}

	function runEffect(effect: Effect): void {
		switch (effect.type) {
			case 'open': {
				openArticleEffect(effect.source, effect.headline);
				break;
			}

			case 'toggleRead': {
				const at = headlineAt(effect.source, effect.headline);
				if (at) {
					props.reading.markRead(at.headline.key, !props.reading.isRead(at.headline.key));
					rerenderRead();
				}

				break;
			}

			case 'markAllRead': {
				const found = live.current.slots[effect.source]?.edition;
				if (found) {
					props.reading.markAllRead(found.headlines.map(headline => headline.key));
					rerenderRead();
				}

				break;
			}

			case 'openLink': {
				const at = headlineAt(effect.source, effect.headline);
				const url = at ? (at.headline.url ?? articleOf(at.edition, effect.headline, live.current.fullTexts)?.url) : undefined;
				runPlan(planOpen(url, props.env, props.platform, props.info.ssh), {of: 'page', source: effect.source, headline: effect.headline}, text.opened);
				break;
			}

			case 'links': {
				const list: LinkList = {of: 'article', source: effect.source, headline: effect.headline};
				if (entriesOf(list, live.current.slots, live.current.fullTexts, text).length === 0) {
					setNote(text.noteText({kind: 'noLinks'}));
				} else {
					apply({type: 'showLinks', list});
				}

				break;
			}

			case 'openEntry': {
				const entry = entriesOf(effect.list, live.current.slots, live.current.fullTexts, text)[effect.row];
				if (!entry) break;
				const plan = entry.media
					? planPlay(entry.url, props.env, props.platform, props.info.ssh)
					: planOpen(entry.url, props.env, props.platform, props.info.ssh);
				runPlan(plan, effect.list, entry.media ? text.playing : text.opened);
				break;
			}

			case 'copyEntry': {
				const entry = entriesOf(effect.list, live.current.slots, live.current.fullTexts, text)[effect.row];
				if (entry) {
					props.terminal.copy(entry.url);
					setNote(text.copied);
				}

				break;
			}

			case 'pipe': {
				pipeArticle(effect.source, effect.headline, effect.command);
				break;
			}

			case 'copyUrl': {
				const at = headlineAt(effect.source, effect.headline);
				const url = safeUrl(at ? (at.headline.url ?? articleOf(at.edition, effect.headline, live.current.fullTexts)?.url) : undefined);
				if (url) {
					props.terminal.copy(url);
					setNote(`${text.copied}: ${readableUrl(url)}`);
				} else {
					setNote(text.noteText({kind: 'noLink'}));
				}

				break;
			}

			case 'refresh': {
				if (mode) {
					refreshLibrary(effect.source);
				} else {
					refresh(effect.source);
				}

				break;
			}

			case 'refreshAll': {
				if (mode) {
					refreshLibrary();
				} else {
					for (const index of live.current.slots.keys()) refresh(index);
				}

				break;
			}

			case 'star': {
				toggleStar(effect.source, effect.headline);
				break;
			}

			case 'searchArchive': {
				searchArchive(effect.query);
				break;
			}

			case 'search': {
				const {view} = live.current;
				if (effect.scope === 'article') {
					const {blocks: shownBlocks, lines: shownLines, articleOptions: options} = live.current;
					const matches = shownBlocks ? articleMatches(shownBlocks, shownLines, effect.query, options) : [];
					apply({type: 'searchResults', query: effect.query, scope: 'article', matches});
				} else {
					const current = live.current.slots[stateRef.current.source]?.edition;
					const matches = current
						? headlineMatches(current.headlines.map(headline => headline.title), index => articleOf(current, index, live.current.fullTexts), effect.query)
						: [];
					apply({type: 'searchResults', query: effect.query, scope: 'headlines', matches}, view);
				}

				break;
			}

			case 'changeSetting': {
				changeSetting(effect.row, effect.delta);
				break;
			}

			case 'note': {
				setNote(text.noteText(effect.note));
				break;
			}

			case 'redraw': {
				props.terminal.redraw();
				break;
			}

			case 'suspend': {
				props.terminal.suspend();
				break;
			}

			case 'quit': {
				exit();
				break;
			}
		}
	}

	/**
	 * Runs what `o` (or Enter in the links overlay) decided. When there is nothing here to open
	 * the link with (SSH with no $BROWSER), or its program cannot be started (no xdg-open...),
	 * one line says so and the link is shown whole in the links overlay, where `y` copies it.
	 */
	function runPlan(plan: OpenPlan, list: LinkList, started: string): void {
		const showWhole = (why: string) => {
			setNote(why);
			if (stateRef.current.overlay !== 'links') apply({type: 'showLinks', list});
		};

		const failed = (argv: readonly string[]) => (error: unknown) => {
			const code = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : '';
			showWhole(text.noOpener(programName(argv), code || message(error)));
		};

		switch (plan.kind) {
			case 'invalid': {
				setNote(text.noteText({kind: 'noLink'}));
				break;
			}

			case 'show': {
				showWhole(text.noBrowser);
				break;
			}

			case 'terminal': {
				props.terminal.runInTerminal(plan.argv).catch(failed(plan.argv));
				break;
			}

			case 'detached': {
				props.terminal.openDetached(plan.argv).then(() => setNote(started), failed(plan.argv));
				break;
			}
		}
	}

	/** `|`: the article as `print` lays it out at the terminal's width, to the command's standard input. */
	function pipeArticle(source: number, index: number, typed: string): void {
		const at = headlineAt(source, index);
		const article = at ? articleOf(at.edition, index, live.current.fullTexts) : undefined;
		if (!at || !article) {
			setNote(text.noteText({kind: 'noContent'}));
			return;
		}

		// The edition's options: print's layout lets the article's own declaration win.
		const options = editionTextOptions(baseOptions, at.edition);
		const lines = printedArticle(at.edition, article, {width: live.current.geometry.columns, text: options, strings: text});
		const command = pipeCommand(typed, props.env);
		props.terminal.pipeTo(pipeArgv(command, props.env, props.platform), lines.join('\n') + '\n', bidiMode).then(
			// The shell's own statuses for a command it could not find or run: what it printed went by with the screen.
			status => {
				if (status === 127 || status === 126) setNote(text.pipeNotRun(command, status));
			},
			(error: unknown) => setNote(text.pipeFailed(message(error))),
		);
	}

	/** A slot of the library as its refresh left it: its edition built again from the store if it is in memory. */
	function renewFromStore(index: number): void {
		const slot = live.current.slots[index];
		if (!mode || !slot || slot.status !== 'ready' || slot.spec === searchSpec) return;
		replaceEdition(index, {edition: storedEdition(mode, slot), warnings: []});
	}

	/**
	 * `r` and `R` in library mode, and the refreshes at start and every `autoRefresh` minutes:
	 * one source (`index`; a virtual edition means every source), else all of them, in the
	 * background. The status line shows how far it is; a source's new items appear in its list
	 * without moving the selection; a failure is marked in the overview and said in the status line.
	 */
	function refreshLibrary(index?: number, {quiet = false} = {}): void {
		if (!mode || offline) {
			if (!quiet) setNote(text.failureText({kind: 'offline'}));
			return;
		}

		if (refreshing.current) {
			if (!quiet) setNote(text.refreshing);
			return;
		}

		const slot = index === undefined ? undefined : live.current.slots[index];
		if (slot?.spec === searchSpec) return;
		const one = slot && !isVirtualSpec(slot.spec) ? mode.entries.find(entry => entry.url === slot.spec) : undefined;
		const entries = one ? [one] : mode.entries;
		if (entries.length === 0) return;
		refreshing.current = true;
		setProgress({done: 0, total: entries.length, failed: 0, inFlight: []});
		const failures: RefreshOutcome[] = [];
		const indexOf = (spec: string) => live.current.slots.findIndex(candidate => candidate.spec === spec);
		const retention = {archiveDays: prefs.archiveDays, maxItemsPerSource: prefs.maxItemsPerSource};
		mode.refresh(mode.library, entries, {
			...(mode.signal ? {signal: mode.signal} : {}),
			retention,
			onProgress: report => setProgress(report),
			onSource(outcome) {
				if (outcome.status === 'failed') {
					failures.push(outcome);
					failureReasons.current.set(outcome.spec, outcome.failure ? text.failureText(outcome.failure) : (outcome.error ?? ''));
				} else {
					failureReasons.current.delete(outcome.spec);
				}

				if (outcome.status === 'updated') renewFromStore(indexOf(outcome.spec));
				setStoreTick(tick => tick + 1);
			},
		}).then(
			() => {
				refreshing.current = false;
				setProgress(undefined);
				if (mode.signal?.aborted) return;
				// A sync may have brought or taken a server's sources; the editions across sources take in what the sources brought.
				renewServerSources();
				for (const [at, candidate] of live.current.slots.entries()) if (isVirtualSpec(candidate.spec)) renewFromStore(at);
				// A full disk stopped the refresh: said once, for the library, not for each source.
				if (failures.some(failure => failure.diskFull)) {
					setNote(text.diskFull(mode.library.path));
				} else if (failures.length === 1) {
					const [failure] = failures;
					setNote(text.refreshFailed(failure!.name, failure!.failure ? text.failureText(failure!.failure) : (failure!.error ?? ''), false));
				} else if (failures.length > 1) {
					setNote(text.refreshAllFailed(formatNumber(failures.length, baseOptions.digits), formatNumber(entries.length, baseOptions.digits)));
				} else if (!quiet) {
					setNote(one ? undefined : text.refreshedAll);
				}
			},
			(error: unknown) => {
				refreshing.current = false;
				setProgress(undefined);
				if (!mode.signal?.aborted) setNote(message(error));
			},
		);
	}

	/**
	 * The server's sources as the store lists them after a sync: new ones appear, removed ones
	 * go, the others keep their editions in memory, and the selection stays on its source.
	 */
	function renewServerSources(): void {
		if (!mode) return;
		const current = live.current.slots;
		const first = virtualKinds.length + mode.entries.length;
		const kept = new Map(current.slice(first).map(slot => [slot.spec, slot]));
		const server = mode.library.serverSources().map((summary): Slot => kept.get(summary.spec) ?? {spec: summary.spec, name: summary.name, status: 'stored'});
		const search = kept.get(searchSpec);
		const next = [...current.slice(0, first), ...server, ...(search ? [search] : [])];
		if (next.length === current.length && next.every((slot, index) => slot.spec === current[index]!.spec)) return;
		const from = next.map(slot => current.findIndex(candidate => candidate.spec === slot.spec));
		viewed.current = viewed.current.map(index => from.indexOf(index)).filter(index => index >= 0);
		const rows = overviewEntries(mode, text, next).map(entry => ('source' in entry ? entry.source : undefined));
		const selected = live.current.view.overview?.[stateRef.current.overviewRow];
		const row = selected === undefined ? -1 : rows.indexOf(from.indexOf(selected));
		live.current.slots = next;
		setSlots(next);
		apply({type: 'remapSources', from, ...(row >= 0 ? {overviewRow: row} : {})}, {sources: next.length, overview: rows});
	}

	/** `*`: the item starred, or no longer; the starred edition is built again when it is next viewed. */
	function toggleStar(source: number, index: number): void {
		const at = headlineAt(source, index);
		const {isStarred, setStarred} = props.reading;
		// A reading store without stars (one given by a caller) has nothing to keep them in.
		if (!at || !isStarred || !setStarred) return;

		const starred = !isStarred(at.headline.key);
		setStarred(at.headline.key, starred, at.headline.origin?.spec ?? at.edition.source);
		setNote(starred ? text.starred : text.unstarred);
		const starredAt = live.current.slots.findIndex(slot => slot.spec === virtualSpec('starred'));
		if (starredAt >= 0 && starredAt !== stateRef.current.source) {
			viewed.current = viewed.current.filter(candidate => candidate !== starredAt);
			viewSlots([]);
		}

		rerenderRead();
	}

	/** `/` in the overview: the whole archive, its hits shown as a source of their own. */
	function searchArchive(query: string): void {
		if (!mode) return;
		const edition = {...mode.library.searchEdition(query, {limit: editionItems}), name: text.searchResults(query)};
		if (edition.headlines.length === 0) {
			setNote(text.noteText({kind: 'noMatch', query}));
			return;
		}

		const current = live.current.slots;
		const existing = current.findIndex(slot => slot.spec === searchSpec);
		const index = existing >= 0 ? existing : current.length;
		const slot: Slot = {spec: searchSpec, name: edition.name, status: 'ready', edition, query};
		const change = (slots: readonly Slot[]) => (existing >= 0 ? slots.map((each, at) => (at === index ? slot : each)) : [...slots, slot]);
		live.current.slots = change(current);
		setSlots(change);
		apply({type: 'showSource', source: index}, {sources: index + 1, headlines: edition.headlines.length});
	}

	/**
	 * `r`: the source again. What is shown stays until the newer edition is here, and stays if
	 * the fetch fails (the saved copy is not given again in its place); the note says which.
	 */
	function refresh(index: number): void {
		const current = live.current.slots[index];
		const source = props.sources[index];
		if (!current || current.spec === '' || source === undefined || 'edition' in source) return;
		const shown = current.status === 'ready' && current.edition !== undefined;
		setNote(shown ? text.refreshing : text.loadingSource);
		if (shown) updateSlot(index, slot => ({...slot, refreshing: true}));
		props.loaders.source(current.spec, {...loadOptionsOf(source, offline), ...(shown ? {freshOnly: true} : {})}).then(
			result => {
				replaceEdition(index, result);
				setNote(warningsText(result, slotName({...current, edition: result.edition}), text));
			},
			(error: unknown) => {
				const now = live.current.slots[index]!;
				if (now.status === 'ready') {
					updateSlot(index, slot => ({...slot, refreshing: false}));
					setNote(text.refreshFailed(slotName(now), reasonOf(error, text), now.fromCache !== undefined));
					return;
				}

				updateSlot(index, slot => ({...slot, status: 'failed', error: reasonOf(error, text)}));
				setNote(text.sourceFailed(slotName(now), reasonOf(error, text)));
			},
		);
	}

	// Library mode: what was shown came from the store; every source is refreshed now, in the
	// background, and again every `autoRefresh` minutes (0: never) while the reader is open.
	useEffect(() => {
		if (!mode || offline) return;
		refreshLibrary(undefined, {quiet: true});
	}, []);
	const autoRefresh = prefs.autoRefresh;
	useEffect(() => {
		if (!mode || offline || !(autoRefresh > 0)) return;
		const timer = setInterval(() => refreshLibrary(undefined, {quiet: true}), autoRefresh * 60_000);
		timer.unref?.();
		return () => clearInterval(timer);
	}, [autoRefresh]);

	// At start: the last article read, where the reader left it; else the first article. The
	// first render has taken this step when it could be decided at once; the rest follows here.
	useEffect(() => {
		if (touched.current) return;
		const start = startedAtOnce.current ?? startingPoint(slots, stateRef.current, props.reading.lastArticle());
		if (!start) return;
		touched.current = true;
		if (start !== startedAtOnce.current) {
			stateRef.current = started(stateRef.current, start);
			setState(stateRef.current);
		}

		if (start.focus === 'article') {
			openArticleEffect(start.source, start.headline, {restore: false});
		}
	}, [slots]);

	// After a resize or a preference change, keep the same text at the top of the pane.
	const anchor = useRef<{key?: string; block: number; offset: number} | undefined>(undefined);
	useEffect(() => {
		const key = openHeadline?.key;
		const previous = anchor.current;
		if (previous && previous.key === key && key !== undefined) {
			const top = lines[state.scroll];
			if (!top || top.block !== previous.block || Math.abs(top.offset - previous.offset) > 0) {
				const line = lineOfPosition(lines, previous);
				if (line !== state.scroll) {
					apply({type: 'scrollTo', line}, {lines: lines.length});
					return;
				}
			}
		}
	}, [lines]);
	useEffect(() => {
		const top = lines[state.scroll];
		anchor.current = top ? {key: openHeadline?.key, block: top.block, offset: top.offset} : undefined;
	}, [state.scroll, lines, openHeadline?.key]);

	const currentOverlay = (): ReaderState['overlay'] => stateRef.current.overlay;

	/**
	 * Text for the search prompt, as it arrived (a paste, a fast typist): Enter submits, Esc
	 * cancels, Backspace erases a character, Ctrl+W a word, Ctrl+U everything; other control
	 * characters never go in. What follows Enter or Esc in the same chunk is dropped: it was
	 * typed for a prompt that is closed.
	 */
	function typeIntoSearch(chunk: string): void {
		let text = '';
		const flush = () => {
			if (text) apply({type: 'type', text});
			text = '';
		};

		for (const char of chunk) {
			if (char === '\r' || char === '\n' || char === '\u001B') {
				flush();
				apply({type: 'command', command: char === '\u001B' ? 'back' : 'open'});
				return;
			}

			if (char === '\u007F' || char === '\b' || char === '\u0015' || char === '\u0017') {
				flush();
				apply({type: 'erase', unit: char === '\u0015' ? 'all' : (char === '\u0017' ? 'word' : 'char')});
			} else if (!/[\u0000-\u001F\u0080-\u009F]/.test(char)) {
				text += char;
			}
		}

		flush();
	}

	useInput((input, key) => {
		touched.current = true;
		if (note !== undefined) setNote(startNotes.current.shift());
		// Ctrl+C always quits, whatever is open.
		if (key.ctrl && input === 'c') {
			exit();
			return;
		}

		if (prompting(stateRef.current)) {
			const tokens = keyTokens(input, key, keyTable);
			const named = tokens.length === 1 ? tokens[0] : undefined;
			if (named === 'return') apply({type: 'command', command: 'open'});
			else if (named === 'escape') apply({type: 'command', command: 'back'});
			else if (named === 'backspace' || named === 'delete') apply({type: 'erase'});
			else if (named === 'ctrl+u') apply({type: 'erase', unit: 'all'});
			else if (named === 'ctrl+w') apply({type: 'erase', unit: 'word'});
			else if (named === 'ctrl+z') apply({type: 'command', command: 'suspend'});
			else if (named === 'ctrl+l') apply({type: 'command', command: 'redraw'});
			else if (!key.ctrl && !key.meta && input !== '' && !isNamedKey(key)) typeIntoSearch(input);
			return;
		}

		const tokens = keyTokens(input, key, keyTable);
		const at = Date.now();
		for (const [index, token] of tokens.entries()) {
			const command = commandForKey(token, keyTable);
			if (command) apply({type: 'command', command, key: token, at});
			if (prompting({overlay: currentOverlay()})) {
				// `/` and the query in one chunk (a fast typist, a paste): the rest is the query, as
				// typed (no key before the search key contains it, so the first one is this one).
				if (tokens.length > index + 1) typeIntoSearch(input.slice(input.indexOf(token) + token.length));
				break;
			}
		}
	}, {isActive: isRawModeSupported});

	// The cursor after each frame: where the drawing below says the reader's eyes are.
	const cursorAt = useRef<CellAt | undefined>(undefined);
	cursorAt.current = undefined;
	// A layout effect: it runs before the writer's next flush, so the frame and the cursor's
	// move go out together.
	useLayoutEffect(() => {
		props.terminal.placeCursor?.(cursorAt.current);
	});

	// ----- drawing -----
	if (geometry.kind === 'tooSmall') {
		const width = Math.max(1, geometry.columns);
		const rows = [
			text.tooSmall(formatNumber(minColumns, uiOptions.digits), formatNumber(minRows, uiOptions.digits)),
			text.tooSmallLatin(minColumns, minRows),
		].slice(0, geometry.frameRows);
		return (
			<Box flexDirection="column">
				{/* The Latin line keeps its digits: Arabic-Indic ones would read 12×40 left to right. */}
				{rows.map((text, index) => <Line key={index} text={fitLine(text, width, index === 0 ? uiOptions : {...uiOptions, digits: 'asis'}, 'auto')} />)}
			</Box>
		);
	}

	const selected = selectedOf(state);
	const top = windowTop(selected, listTopOf(state), geometry.listRows, headlines.length);
	// A site's two lists each start under a line of their own; the header names the selection's.
	const groups = edition ? headlineGroups(edition) : [];
	const sectionAt = new Map<number, ListKind>();
	let selectedList = edition?.list;
	for (let group = 0, start = 0; group < groups.length; start += groups[group]!.headlines.length, group++) {
		if (groups.length > 1) sectionAt.set(start, groups[group]!.list);
		if (selected >= start && selected < start + groups[group]!.headlines.length) selectedList = groups[group]!.list;
	}

	const rows: HeadlineRow[] = headlines.map((headline, index) => ({
		title: headline.title,
		...(headline.dir ? {dir: headline.dir} : {}),
		number: view.numbers[index],
		read: !view.unread[index],
		...(props.reading.isStarred?.(headline.key) ? {starred: true} : {}),
		...(sectionAt.has(index) ? {section: text.listNames[sectionAt.get(index)!]} : {}),
		// An edition across sources says where each item comes from.
		...(headline.origin && edition && isVirtualSpec(edition.source) ? {source: headline.origin.name} : {}),
	}));
	const unreadCount = view.unread.filter(Boolean).length;
	const header = edition
		? [
			sourceNumberOf(state.source, slots, mode, listOptions.digits) ?? '',
			text.listNames[selectedList ?? edition.list],
			text.unread(unreadCount, n => formatNumber(n, listOptions.digits)),
			// The name an isolate of its own direction, apart from the list's kind beside it.
			isolate(localName(slot, text) ?? edition.name, edition.dir),
		].filter(Boolean).join(' · ')
		: (slot?.name ?? slot?.spec ?? '');
	const listMessage = slot?.status === 'loading'
		? text.loadingSource
		// The whole reason, and the source as typed, wrapped over as many rows as they need.
		: (slot?.status === 'failed' ? `${text.failedSource(slot.error ?? '')}\n${slot.spec}` : (headlines.length === 0 ? text.noHeadlines : undefined));

	const articleMessage = state.open === undefined
		? text.noArticle
		: (shownText ? undefined : (openFull?.status === 'loading' ? text.loadingArticle : text.noArticle));
	const scroll = Math.min(state.scroll, Math.max(0, lines.length - geometry.paneRows));

	const headlinesPane = (
		<HeadlinesPane
			key="headlines"
			width={geometry.headlinesWidth}
			height={geometry.paneRows}
			header={header}
			rows={rows}
			message={listMessage}
			selected={selected}
			top={top}
			focused={state.focus === 'headlines'}
			options={listOptions}
			theme={theme}
		/>
	);
	const articlePane = (
		<ArticlePane
			key="article"
			width={geometry.articleWidth}
			height={geometry.paneRows}
			lines={lines}
			scroll={scroll}
			message={articleMessage}
			highlights={highlights}
			options={articleOptions}
			theme={theme}
		/>
	);

	let body;
	let overviewInfo: string | undefined;
	if (overviewShown && overviewList && summaries) {
		const now = Date.now();
		const count = (n: number) => formatNumber(n, uiOptions.digits);
		const overviewRows: OverviewRow[] = overviewList.map(entry => {
			if ('heading' in entry) return {kind: 'heading', text: entry.heading};
			const shownSlot = slots[entry.source]!;
			if (isVirtualSpec(shownSlot.spec)) return {kind: 'source', name: localName(shownSlot, text) ?? slotName(shownSlot), mostRead: false, failed: false};
			const summary = summaries.get(shownSlot.spec);
			const refreshed = summary?.refreshedAt === undefined ? Number.NaN : Date.parse(summary.refreshedAt);
			return {
				kind: 'source',
				name: summary?.name ?? slotName(shownSlot),
				unread: summary?.unread ?? 0,
				mostRead: summary?.hasMostRead ?? false,
				age: Number.isNaN(refreshed) ? text.neverRefreshed : text.age(Math.max(0, now - refreshed), count),
				failed: summary?.failure !== undefined,
			};
		});
		const chosen = overviewList[state.overviewRow];
		const chosenSlot = chosen && 'source' in chosen ? slots[chosen.source] : undefined;
		const chosenSummary = chosenSlot ? summaries.get(chosenSlot.spec) : undefined;
		if (chosenSlot && chosenSummary?.failure !== undefined) {
			// This session's reason, else the stored one's kind in the interface's words (the line is English).
			const reason = failureReasons.current.get(chosenSlot.spec)
				?? (chosenSummary.failureKind ? text.failureText(chosenSummary.failureKind) : chosenSummary.failure);
			overviewInfo = text.refreshFailed(chosenSummary.name, reason, false);
		}

		body = (
			<Overview
				width={geometry.columns}
				height={geometry.paneRows}
				title={text.overviewTitle(count(mode!.entries.length))}
				rows={overviewRows}
				selected={state.overviewRow}
				top={state.overviewTop}
				options={uiOptions}
				theme={theme}
			/>
		);
	} else if (state.overlay === 'links' && linksShape) {
		const linksOf = state.links?.list;
		const title = linksOf ? (slots[linksOf.source]?.edition?.headlines[linksOf.headline]?.title ?? '') : '';
		body = (
			<LinksOverlay
				width={geometry.columns}
				height={geometry.paneRows}
				title={linksOf?.of === 'page' ? text.linkTitle(title) : text.linksTitle(title)}
				entries={linkEntries}
				selected={state.links?.row ?? 0}
				options={uiOptions}
				theme={theme}
			/>
		);
	} else if (state.overlay === 'help') {
		body = <Help width={geometry.columns} height={geometry.paneRows} lines={helpContent} scroll={state.helpScroll} options={uiOptions} theme={theme} />;
	} else if (state.overlay === 'settings') {
		body = (
			<Settings
				width={geometry.columns}
				height={geometry.paneRows}
				values={effectiveSettings(prefs, flags)}
				overridden={flaggedSettings(flags)}
				selected={state.settingsRow}
				options={uiOptions}
				theme={theme}
			/>
		);
	} else if (geometry.twoPanes) {
		const divider = <Box key="divider" width={1} flexShrink={0}><Line text={dividerText(geometry.paneRows)} style={theme.styles.divider} /></Box>;
		body = (
			<Box flexDirection="row">
				{headlinesSide === 'right' ? [articlePane, divider, headlinesPane] : [headlinesPane, divider, articlePane]}
			</Box>
		);
	} else {
		body = state.focus === 'headlines' ? headlinesPane : articlePane;
	}

	// Panes under an overlay leave the cursor where it was.
	if (!(state.overlay === 'links' && linksShape) && state.overlay !== 'help' && state.overlay !== 'settings' && !overviewShown) {
		const headlinesRight = geometry.twoPanes && headlinesSide === 'right';
		const shift = (at: CellAt | undefined, left: number) => (at ? {row: at.row, col: at.col + left} : undefined);
		cursorAt.current = state.focus === 'article'
			? shift(articleMessage === undefined ? articleCell(lines, scroll, geometry.paneRows, isVisual(articleOptions)) : undefined, geometry.twoPanes && !headlinesRight ? geometry.headlinesWidth + 1 : 0)
			: shift(selectedHeadlineCell({width: geometry.headlinesWidth, height: geometry.paneRows, rows, message: listMessage, selected, top, options: listOptions}), headlinesRight ? geometry.articleWidth + 1 : 0);
	}

	const position = state.open && lines.length > 0 && (state.focus === 'article' || geometry.twoPanes)
		? `${formatNumber(Math.min(100, Math.round(((scroll + geometry.paneRows) / lines.length) * 100)), uiOptions.digits)}${uiOptions.digits === 'arabic' || uiOptions.digits === 'persian' ? '٪' : '%'}`
		: undefined;
	const searchInfo = state.search && state.search.matches.length > 0
		? text.matchCount(formatNumber(state.search.index + 1, uiOptions.digits), formatNumber(state.search.matches.length, uiOptions.digits))
		: undefined;
	const progressInfo = progress
		? [
			text.refreshProgress(formatNumber(progress.done, uiOptions.digits), formatNumber(progress.total, uiOptions.digits), progress.failed > 0 ? formatNumber(progress.failed, uiOptions.digits) : undefined),
			inFlightText(progress.inFlight, uiOptions.digits) ?? '',
		].filter(Boolean).join(' · ')
		: undefined;
	const info = overviewShown ? [progressInfo ?? '', overviewInfo ?? ''].filter(Boolean).join(' · ') : [
		progressInfo ?? '',
		localName(slot, text) ?? edition?.name ?? slot?.name ?? slot?.spec ?? '',
		slot?.fromCache ? (slot.refreshing ? text.copyRefreshing : text.asOf(formatDate(slot.fromCache.asOf, uiOptions.digits, localClock(Date.now())) || slot.fromCache.asOf)) : (slot?.refreshing ? text.refreshing : ''),
		searchInfo ?? '',
	].filter(Boolean).join(' · ');
	const hints = statusHints(state.overlay === 'help' || state.overlay === 'settings' || state.overlay === 'links' || state.overlay === 'overview' ? state.overlay : state.focus, keyTable, text);

	return (
		<UiTextContext.Provider value={text}>
		<Box flexDirection="column" width={geometry.columns} height={geometry.frameRows}>
			{body}
			{prompting(state)
				? (
					<SearchPrompt
						width={geometry.columns}
						label={state.overlay === 'pipe'
							? text.pipePrompt(pipeCommand('', props.env))
							: (state.archiveSearch ? text.searchArchive : (state.focus === 'article' ? text.searchArticle : text.searchHeadlines))}
						query={state.draft}
						options={uiOptions}
						theme={theme}
					/>
				)
				: <StatusBar width={geometry.columns} info={info} note={note} hints={hints} position={position} options={uiOptions} theme={theme} />}
		</Box>
		</UiTextContext.Provider>
	);
}

/** Where the reader starts: which headline, and whether it is read (article) or shown beside the list. */
type Start = {source: number; headline: number; focus: 'article' | 'headlines'};

/**
 * The last article read, in the pane, if its source is ready and still lists it; else the
 * first article of the current source, shown beside its headlines (not yet read). Undefined
 * while that cannot be known yet: nothing ready, the last article's source still loading, or
 * something is open already.
 */
function startingPoint(slots: readonly Slot[], state: ReaderState, last: {source: string; key: string} | undefined): Start | undefined {
	for (const [source, candidate] of slots.entries()) {
		if (candidate.status !== 'ready' || !candidate.edition || !last || candidate.edition.source !== last.source) continue;
		const headline = candidate.edition.headlines.findIndex(item => item.key === last.key);
		if (headline >= 0) return {source, headline, focus: 'article'};
	}

	const first = slots[state.source];
	if (first?.status !== 'ready' || !first.edition || state.open) return undefined;
	if (last !== undefined && slots.some(candidate => candidate.status === 'loading' && candidate.spec === last.source)) return undefined;
	const headline = first.edition.headlines.findIndex(item => openableOf(first.edition!, item) === 'text');
	return headline >= 0 ? {source: state.source, headline, focus: 'headlines'} : undefined;
}

/** The source an article's meta line names: in an edition across sources, the one its item comes from. */
function articleSourceName(article: Article, edition: Edition): string {
	if (!isVirtualSpec(edition.source)) return edition.name;
	const headline = edition.headlines.find(each => each.key === article.key);
	return headline?.origin?.name ?? edition.name;
}

/** An article laid out for the article pane (no lines when the screen has no panes). */
function layoutArticle(article: Article, edition: Edition, geometry: Geometry, base: TextOptions, text: UiStrings): {blocks: ReturnType<typeof articleBlocks>; lines: readonly ArticleLine[]} {
	const options = articleTextOptions(base, article, edition);
	const blocks = articleBlocks(withMediaLines(article, text), articleSourceName(article, edition), options, localClock(Date.now()));
	return {blocks, lines: geometry.kind === 'panes' ? articleLines(blocks, geometry.articleWidth, geometry.textWidth, options) : []};
}

/** Rows a page of the headline list moves (1 when the screen is too small for panes). */
function listPageOf(geometry: Geometry): number {
	return geometry.kind === 'panes' ? geometry.listRows : 1;
}

/** Rows a page of the article or the help moves (1 when the screen is too small for panes). */
function paneRowsOf(geometry: Geometry): number {
	return geometry.kind === 'panes' ? geometry.paneRows : 1;
}

/** A view with nothing in it; the start fills in what its steps read. */
const emptyView: View = {
	sources: 0,
	headlines: 0,
	unread: [],
	numbers: [],
	openable: [],
	listPage: 1,
	lines: 0,
	articlePage: 1,
	helpLines: 0,
	helpPage: 1,
	settingsRows: 0,
	headlinesSide: 'right',
};

function isNamedKey(key: {upArrow: boolean; downArrow: boolean; leftArrow: boolean; rightArrow: boolean; pageUp: boolean; pageDown: boolean; home: boolean; end: boolean; tab: boolean}): boolean {
	return key.upArrow || key.downArrow || key.leftArrow || key.rightArrow || key.pageUp || key.pageDown || key.home || key.end || key.tab;
}

/** The rule between the panes, one text of `count` rows: one node for Ink to lay out, not one per row. */
function dividerText(count: number): string {
	return Array.from({length: count}, () => '│').join('\n');
}

/** The number beside a headline: its rank; for a latest list, its place; none for a page's own article. */
function displayNumber(edition: Edition, headline: Headline, index: number): number | undefined {
	if (headline.rank !== undefined) return headline.rank;
	if (edition.list === 'latest') return index + 1;
	return undefined;
}

/** What the article pane shows for an item whose text could not be fetched. */
function unavailableArticle(headline: Headline, reason: string, text: UiStrings): Article {
	const url = safeUrl(headline.url);
	const link: Article['blocks'] = url ? [{kind: 'paragraph', text: text.articleLink}, {kind: 'paragraph', text: url}] : [];
	return {key: headline.key, title: headline.title, blocks: [{kind: 'paragraph', text: text.articleUnavailable(reason)}, ...link]};
}

/** The entries of a links list: an article's files and links, or its own link alone. */
function entriesOf(list: LinkList, slots: readonly Slot[], fullTexts: ReadonlyMap<string, FullText>, text: UiStrings): LinkEntry[] {
	const edition = slots[list.source]?.edition;
	const headline = edition?.headlines[list.headline];
	if (!edition || !headline) return [];
	const article = articleOf(edition, list.headline, fullTexts);
	return list.of === 'page' ? pageEntries(headline.url ?? article?.url, headline.title) : articleEntries(article, text);
}

function articleOf(edition: Edition, index: number, fullTexts: ReadonlyMap<string, FullText>): Article | undefined {
	const headline = edition.headlines[index];
	if (!headline) return undefined;
	const full = fullTexts.get(headline.key);
	if (full?.status === 'ready') return full.article;
	const article = headline.article === undefined ? undefined : edition.articles[headline.article - 1];
	return hasText(article) ? article : undefined;
}

/** The settings a flag set for this run (the reader's flags hold print's too, such as --headlines). */
function flaggedSettings(flags: ReaderFlags): ReadonlySet<SettingKey> {
	const byFlag: Record<keyof ReaderFlags, SettingKey> = {
		shaping: 'shaping', bidi: 'bidi', align: 'align', digits: 'digits', tashkeel: 'tashkeel', measure: 'measure', theme: 'theme', language: 'language',
	};
	return new Set(Object.entries(byFlag).filter(([flag]) => flags[flag as keyof ReaderFlags] !== undefined).map(([, key]) => key));
}

function effectiveSettings(prefs: Prefs, flags: ReaderFlags): SettingValues {
	const values: SettingValues = {
		shaping: flags.shaping === undefined ? prefs.shaping : flags.shaping === 'on',
		bidi: flags.bidi ?? prefs.bidi,
		align: flags.align ?? prefs.align,
		digits: flags.digits ?? prefs.digits,
		tashkeel: flags.tashkeel ?? prefs.tashkeel,
		measure: flags.measure ?? prefs.measure,
		headlines: prefs.headlines,
		headlinesWidth: prefs.headlinesWidth,
		theme: flags.theme ?? prefs.theme,
		language: flags.language ?? prefs.language,
		autoRefresh: prefs.autoRefresh,
	};
	return values;
}

