/**
 * The Ink root: sources in, a two-pane reader out. It holds the loaded editions, the reader's
 * state machine (ui/state.ts) and the preferences in force; it turns keys into actions and
 * runs the effects the state machine asks for. Text work belongs to text/, drawing to ui/,
 * the terminal to terminal.ts (reached through the `terminal` prop).
 */
import {Box, useApp, useInput, useStdin, useStdout} from 'ink';
import {useCallback, useEffect, useMemo, useRef, useState} from 'react';
import type {BidiMode} from './bidi-mode.js';
import {localClock} from './clock.js';
import {hasText, headlineGroups, type Article, type Edition, type Headline, type ListKind} from './model.js';
import type {Prefs, PrefsStore} from './prefs.js';
import type {StateStore} from './state.js';
import type {TerminalInfo} from './terminal.js';
import {directionOfLanguage, resolveTextOptions, type TextFlags} from './text-options.js';
import {articleBlocks, fitLine, formatDate, formatNumber} from './text/layout.js';
import type {TextOptions} from './text/options.js';
import {articleLines, lineOfPosition, type ArticleLine} from './ui/article-lines.js';
import {ArticlePane} from './ui/ArticlePane.js';
import {planGeometry, type Geometry} from './ui/geometry.js';
import {Help, helpLines} from './ui/Help.js';
import {HeadlinesPane, type HeadlineRow} from './ui/HeadlinesPane.js';
import {commandForKey, keyTokens} from './ui/keys.js';
import {planOpen, safeUrl} from './ui/links.js';
import {Line} from './ui/Row.js';
import {articleMatches, headlineMatches} from './ui/search.js';
import {SearchPrompt} from './ui/SearchPrompt.js';
import {Settings} from './ui/Settings.js';
import {settingKeys, stepSetting, type SettingValues} from './ui/settings-model.js';
import {
	initialState,
	listTopOf,
	selectedOf,
	transition,
	windowTop,
	type Action,
	type Effect,
	type Openable,
	type ReaderState,
	type View,
} from './ui/state.js';
import {StatusBar} from './ui/StatusBar.js';
import {listNames, noteText, strings} from './ui/strings.js';
import {resolveTheme, type ThemePreference} from './ui/theme.js';

/** A source to load (`feed`: a site's feed, as `sources add` found it), or an edition already here. */
export type SourceInput = {spec: string; name?: string; feed?: string} | {edition: Edition};

export type LoadedSource = {edition: Edition; fromCache?: {asOf: string}; warnings: string[]};

export type Loaders = {
	/** `onPage`: a site's lists from its page, while its feed is still on the way. */
	/** `name`: the user's name for the source, which names the edition whatever the feed calls itself. */
	source(spec: string, options: {offline: boolean; feed?: string; name?: string; onPage?: (result: LoadedSource) => void}): Promise<LoadedSource>;
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
	/** Forget what is on the screen and draw the whole frame again (Ctrl+L). */
	redraw(): void;
};

export type AppProps = {
	sources: readonly SourceInput[];
	loaders: Loaders;
	prefs: Pick<PrefsStore, 'get' | 'set'>;
	reading: Pick<StateStore, 'isRead' | 'markRead' | 'markAllRead' | 'lastArticle' | 'setLastArticle' | 'position' | 'setPosition'>;
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
	status: 'loading' | 'ready' | 'failed';
	edition?: Edition;
	fromCache?: {asOf: string};
	error?: string;
};

type FullText = {status: 'loading'} | {status: 'ready'; article: Article} | {status: 'failed'};

function slotsFrom(sources: readonly SourceInput[]): Slot[] {
	return sources.map(source => ('edition' in source
		? {spec: source.edition.source, name: source.edition.name, status: 'ready', edition: source.edition}
		: {spec: source.spec, name: source.name, status: 'loading'}));
}

function message(error: unknown): string {
	const text = error instanceof Error ? error.message : String(error);
	return text.split('\n')[0] ?? '';
}

/** A load error as one line that names the source once (sources' errors usually name it already). */
function aboutSource(spec: string, error: unknown): string {
	const text = message(error);
	return text.startsWith(spec) ? text : `${spec}: ${text}`;
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

function openableOf(edition: Edition, headline: Headline): Openable {
	if (headline.article !== undefined && hasText(edition.articles[headline.article - 1])) return 'text';
	return safeUrl(headline.url) ? 'link' : 'none';
}

export function App(props: AppProps) {
	const {exit} = useApp();
	const {isRawModeSupported} = useStdin();
	const size = useTerminalSize(props.size);
	const [slots, setSlots] = useState<Slot[]>(() => slotsFrom(props.sources));
	const [fullTexts, setFullTexts] = useState<ReadonlyMap<string, FullText>>(new Map());
	const [prefs, setPrefs] = useState<Prefs>(() => props.prefs.get());
	const [clearedFlags, setClearedFlags] = useState<ReadonlySet<string>>(new Set());
	// Start-up notes (a damaged file, the locale...) come one at a time, each until a key is
	// pressed: joined on one line, the later ones were cut off at the screen's width.
	const startNotes = useRef<string[]>(props.notes?.slice(1) ?? []);
	const [note, setNote] = useState<string | undefined>(() => props.notes?.[0]);
	const [, setReadTick] = useState(0);
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
		const {lines} = layoutArticle(article, edition, geometry, baseOptions);
		const view = {...list, lines: lines.length, articlePage: paneRowsOf(geometry)};
		return transition(shown, {type: 'scrollTo', line: lineOfPosition(lines, position)}, view).state;
	}

	const startedAtOnce = useRef<Start | undefined>(undefined);
	const [state, setState] = useState<ReaderState>(() => {
		const first = initialState(props.sources.length);
		const start = startingPoint(slots, first, props.reading.lastArticle());
		startedAtOnce.current = start;
		return start ? started(first, start) : first;
	});
	const stateRef = useRef(state);

	useEffect(() => {
		props.terminal.setBidi(bidiMode);
	}, [bidiMode, props.terminal]);

	const slot = slots[state.source];
	const edition = slot?.status === 'ready' ? slot.edition : undefined;
	const listOptions: TextOptions = useMemo(
		() => ({...baseOptions, fallbackDirection: directionOfLanguage(edition?.lang)}),
		[baseOptions, edition?.lang],
	);
	const uiOptions: TextOptions = useMemo(() => ({...baseOptions, fallbackDirection: 'rtl'}), [baseOptions]);

	// The open article, if its text is here.
	const openSlot = state.open ? slots[state.open.source] : undefined;
	const openEdition = openSlot?.status === 'ready' ? openSlot.edition : undefined;
	const openHeadline = state.open && openEdition ? openEdition.headlines[state.open.headline] : undefined;
	const openArticle: Article | undefined = state.open && openEdition ? articleOf(openEdition, state.open.headline, fullTexts) : undefined;
	const openFull = openHeadline ? fullTexts.get(openHeadline.key) : undefined;
	const articleOptions: TextOptions = useMemo(
		() => ({...baseOptions, fallbackDirection: directionOfLanguage(openArticle?.lang ?? openEdition?.lang)}),
		[baseOptions, openArticle?.lang, openEdition?.lang],
	);
	const laidOut = openArticle && openEdition ? layoutArticle(openArticle, openEdition, geometry, articleOptions) : undefined;
	const blocks = laidOut?.blocks;
	const lines: readonly ArticleLine[] = laidOut?.lines ?? [];

	const helpContent = useMemo(
		() => helpLines({tmux: props.info.tmux, implicitTerminal: props.info.bidi.implicitOnly ? props.info.bidi.name : undefined}),
		[props.info],
	);

	const headlines = edition?.headlines ?? [];
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
		headlinesSide: prefs.headlines,
	};

	// Everything async callbacks need, as of the last render.
	const live = useRef({slots, view, lines, blocks, geometry, articleOptions, fullTexts});
	live.current = {slots, view, lines, blocks, geometry, articleOptions, fullTexts};

	const rerenderRead = useCallback(() => setReadTick(tick => tick + 1), []);

	// Load every source at once; each shows up as soon as it is here.
	useEffect(() => {
		for (const [index, source] of props.sources.entries()) {
			if ('edition' in source) continue;
			// A site's page comes first when its feed is slow: shown then, unless the source failed.
			const onPage = (result: LoadedSource) => setSlots(current => current.map((slot, i) => (i === index && slot.status === 'loading'
				? {...slot, status: 'ready', edition: result.edition, fromCache: result.fromCache}
				: slot)));
			props.loaders.source(source.spec, {...loadOptionsOf(source, offline), onPage}).then(
				result => {
					setSlots(current => current.map((slot, i) => (i === index
						? {...slot, status: 'ready', edition: result.edition, fromCache: result.fromCache}
						: slot)));
					if (result.warnings.length > 0) setNote(result.warnings.join(' · '));
				},
				(error: unknown) => {
					setSlots(current => current.map((slot, i) => (i === index ? {...slot, status: 'failed', error: message(error)} : slot)));
					setNote(aboutSource(source.spec, error));
				},
			);
		}
	}, []);

	/** Runs an action through the state machine, then its effects. */
	function apply(action: Action, viewOverride?: Partial<View>): void {
		const current = stateRef.current;
		const {state: next, effects} = transition(current, action, {...live.current.view, ...viewOverride});
		stateRef.current = next;
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

	function linesFor(article: Article, edition: Edition): readonly ArticleLine[] {
		return layoutArticle(article, edition, live.current.geometry, live.current.articleOptions).lines;
	}

	function fetchFullText(edition: Edition, headline: Headline, fallback: boolean): void {
		const url = safeUrl(headline.url);
		if (!url) return;
		setFullTexts(current => new Map(current).set(headline.key, {status: 'loading'}));
		props.loaders.fullText(url, {offline}).then(
			article => {
				setFullTexts(current => new Map(current).set(headline.key, {status: 'ready', article}));
				const current = stateRef.current.open;
				const shown = current && headlineAt(current.source, current.headline);
				if (shown?.headline.key === headline.key) {
					restorePosition(headline.key, linesFor(article, edition));
				}
			},
			(error: unknown) => {
				setFullTexts(current => new Map(current).set(headline.key, {status: 'failed'}));
				setNote(strings.failedArticle(message(error)));
				const current = stateRef.current.open;
				const shown = current && headlineAt(current.source, current.headline);
				if (!fallback && shown?.headline.key === headline.key) {
					apply({type: 'openFailed'});
				}
			},
		);
	}

	/**
	 * An article was opened: it is read now, and the last one; it scrolls to where it was left
	 * (unless `restore` is false: the caller did), and a summary or a link fetches its full text.
	 */
	function openArticleEffect(source: number, index: number, {restore = true} = {}): void {
		const at = headlineAt(source, index);
		if (!at) return;
		const {edition, headline} = at;
		if (!props.reading.isRead(headline.key)) {
			props.reading.markRead(headline.key, true);
			rerenderRead();
		}

		props.reading.setLastArticle({source: edition.source, key: headline.key});
		const listed = headline.article === undefined ? undefined : edition.articles[headline.article - 1];
		// A link-only article (a most-read item with no text in the feed) is fetched like a link.
		const article = hasText(listed) ? listed : undefined;
		const fetched = live.current.fullTexts.get(headline.key);
		if (fetched?.status === 'ready') {
			if (restore) restorePosition(headline.key, linesFor(fetched.article, edition));
			return;
		}

		if (article) {
			if (restore) restorePosition(headline.key, linesFor(article, edition));
			// A feed summary: show it now, and the full text when it arrives.
			if (article.summaryOnly && fetched?.status !== 'loading' && !offline) fetchFullText(edition, headline, true);
			return;
		}

		if (fetched?.status !== 'loading') fetchFullText(edition, headline, false);
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
				const plan = planOpen(url, props.env, props.platform, props.info.ssh);
				if (plan.kind === 'invalid') {
					setNote(noteText({kind: 'noLink'}));
				} else if (plan.kind === 'show') {
					setNote(strings.showUrl(plan.url));
				} else if (plan.kind === 'terminal') {
					props.terminal.runInTerminal(plan.argv).catch((error: unknown) => setNote(strings.openFailed(message(error))));
				} else {
					props.terminal.openDetached(plan.argv).then(
						() => setNote(strings.opened),
						(error: unknown) => setNote(strings.openFailed(message(error))),
					);
				}

				break;
			}

			case 'copyUrl': {
				const at = headlineAt(effect.source, effect.headline);
				const url = safeUrl(at ? (at.headline.url ?? articleOf(at.edition, effect.headline, live.current.fullTexts)?.url) : undefined);
				if (url) {
					props.terminal.copy(url);
					setNote(`${strings.copied}: ${url}`);
				} else {
					setNote(noteText({kind: 'noLink'}));
				}

				break;
			}

			case 'refresh': {
				refresh(effect.source);
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
				setNote(noteText(effect.note));
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

	function refresh(index: number): void {
		const current = live.current.slots[index];
		if (!current || current.spec === '' || props.sources[index] === undefined || 'edition' in props.sources[index]!) return;
		const selectedKey = current.edition?.headlines[stateRef.current.selected[index] ?? 0]?.key;
		setNote(strings.loadingSource);
		props.loaders.source(current.spec, loadOptionsOf(props.sources[index]!, offline)).then(
			result => {
				setSlots(all => all.map((slot, i) => (i === index
					? {...slot, status: 'ready', edition: result.edition, fromCache: result.fromCache, error: undefined}
					: slot)));
				setNote(result.warnings.length > 0 ? result.warnings.join(' · ') : undefined);
				const found = result.edition.headlines.findIndex(headline => headline.key === selectedKey);
				apply({type: 'select', source: index, headline: Math.max(0, found)}, {headlines: result.edition.headlines.length});
			},
			(error: unknown) => setNote(aboutSource(current.spec, error)),
		);
	}

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
	 * cancels, Backspace erases; other control characters never go in. What follows Enter or
	 * Esc in the same chunk is dropped: it was typed for a prompt that is closed.
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

			if (char === '\u007F' || char === '\b') {
				flush();
				apply({type: 'erase'});
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

		if (stateRef.current.overlay === 'search') {
			const tokens = keyTokens(input, key);
			const named = tokens.length === 1 ? tokens[0] : undefined;
			if (named === 'return') apply({type: 'command', command: 'open'});
			else if (named === 'escape') apply({type: 'command', command: 'back'});
			else if (named === 'backspace' || named === 'delete') apply({type: 'erase'});
			else if (named === 'ctrl+z') apply({type: 'command', command: 'suspend'});
			else if (named === 'ctrl+l') apply({type: 'command', command: 'redraw'});
			else if (!key.ctrl && !key.meta && input !== '' && !isNamedKey(key)) typeIntoSearch(input);
			return;
		}

		const tokens = keyTokens(input, key);
		for (const [index, token] of tokens.entries()) {
			const command = commandForKey(token);
			if (command) apply({type: 'command', command, key: token});
			if (currentOverlay() === 'search') {
				// `/` and the query in one chunk (a fast typist, a paste): the rest is the query, as
				// typed (no key before the search key contains it, so the first one is this one).
				if (tokens.length > index + 1) typeIntoSearch(input.slice(input.indexOf(token) + token.length));
				break;
			}
		}
	}, {isActive: isRawModeSupported});

	// ----- drawing -----
	if (geometry.kind === 'tooSmall') {
		const width = Math.max(1, geometry.columns);
		const rows = [strings.tooSmall, strings.tooSmallLatin].slice(0, geometry.frameRows);
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
		number: view.numbers[index],
		read: !view.unread[index],
		...(sectionAt.has(index) ? {section: listNames[sectionAt.get(index)!]} : {}),
	}));
	const unreadCount = view.unread.filter(Boolean).length;
	const header = edition
		? [
			slots.length > 1 ? `${formatNumber(state.source + 1, listOptions.digits)}/${formatNumber(slots.length, listOptions.digits)}` : '',
			listNames[selectedList ?? edition.list],
			strings.unread(unreadCount, n => formatNumber(n, listOptions.digits)),
			edition.name,
		].filter(Boolean).join(' · ')
		: (slot?.name ?? slot?.spec ?? '');
	const listMessage = slot?.status === 'loading'
		? strings.loadingSource
		: (slot?.status === 'failed' ? strings.failedSource(slot.error ?? '') : (headlines.length === 0 ? strings.noHeadlines : undefined));

	const articleMessage = state.open === undefined
		? strings.noArticle
		: (openArticle ? undefined : (openFull?.status === 'loading' ? strings.loadingArticle : strings.noArticle));
	const scroll = Math.min(state.scroll, Math.max(0, lines.length - geometry.paneRows));
	const matches = state.search?.scope === 'article' ? new Set(state.search.matches) : undefined;

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
			matches={matches}
			options={articleOptions}
			theme={theme}
		/>
	);

	let body;
	if (state.overlay === 'help') {
		body = <Help width={geometry.columns} height={geometry.paneRows} lines={helpContent} scroll={state.helpScroll} options={uiOptions} theme={theme} />;
	} else if (state.overlay === 'settings') {
		body = (
			<Settings
				width={geometry.columns}
				height={geometry.paneRows}
				values={effectiveSettings(prefs, flags)}
				selected={state.settingsRow}
				options={uiOptions}
				theme={theme}
			/>
		);
	} else if (geometry.twoPanes) {
		const divider = <Box key="divider" width={1} flexShrink={0}><Line text={dividerText(geometry.paneRows)} style={theme.styles.divider} /></Box>;
		body = (
			<Box flexDirection="row">
				{prefs.headlines === 'right' ? [articlePane, divider, headlinesPane] : [headlinesPane, divider, articlePane]}
			</Box>
		);
	} else {
		body = state.focus === 'headlines' ? headlinesPane : articlePane;
	}

	const position = state.open && lines.length > 0 && (state.focus === 'article' || geometry.twoPanes)
		? `${formatNumber(Math.min(100, Math.round(((scroll + geometry.paneRows) / lines.length) * 100)), uiOptions.digits)}${uiOptions.digits === 'arabic' ? '٪' : '%'}`
		: undefined;
	const searchInfo = state.search && state.search.matches.length > 0
		? strings.matchCount(formatNumber(state.search.index + 1, uiOptions.digits), formatNumber(state.search.matches.length, uiOptions.digits))
		: undefined;
	const info = [
		edition?.name ?? slot?.spec ?? '',
		slot?.fromCache ? strings.asOf(formatDate(slot.fromCache.asOf, uiOptions.digits, localClock(Date.now())) || slot.fromCache.asOf) : '',
		searchInfo ?? '',
	].filter(Boolean).join(' · ');
	const hints = state.overlay === 'help'
		? strings.hints.help
		: (state.overlay === 'settings' ? strings.hints.settings : (state.focus === 'article' ? strings.hints.article : strings.hints.headlines));

	return (
		<Box flexDirection="column" width={geometry.columns} height={geometry.frameRows}>
			{body}
			{state.overlay === 'search'
				? (
					<SearchPrompt
						width={geometry.columns}
						label={state.focus === 'article' ? strings.searchArticle : strings.searchHeadlines}
						query={state.draft}
						options={uiOptions}
						theme={theme}
					/>
				)
				: <StatusBar width={geometry.columns} info={info} note={note} hints={hints} position={position} options={uiOptions} theme={theme} />}
		</Box>
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

/** An article laid out for the article pane (no lines when the screen has no panes). */
function layoutArticle(article: Article, edition: Edition, geometry: Geometry, base: TextOptions): {blocks: ReturnType<typeof articleBlocks>; lines: readonly ArticleLine[]} {
	const options = {...base, fallbackDirection: directionOfLanguage(article.lang ?? edition.lang)};
	const blocks = articleBlocks(article, edition.name, options, localClock(Date.now()));
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

function articleOf(edition: Edition, index: number, fullTexts: ReadonlyMap<string, FullText>): Article | undefined {
	const headline = edition.headlines[index];
	if (!headline) return undefined;
	const full = fullTexts.get(headline.key);
	if (full?.status === 'ready') return full.article;
	const article = headline.article === undefined ? undefined : edition.articles[headline.article - 1];
	return hasText(article) ? article : undefined;
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
	};
	return values;
}

