/**
 * The reader's entry, called by the CLI when stdout is a terminal: sets the terminal up
 * (alternate screen, hidden cursor, bidi mode, keys from /dev/tty when stdin is a pipe),
 * renders <App/>, and puts everything back on every way out — q, Ctrl+C, SIGINT, SIGTERM,
 * SIGHUP, an uncaught exception — before returning the exit code.
 */
import {spawn} from 'node:child_process';
import {appendFileSync, existsSync} from 'node:fs';
import path from 'node:path';
import process from 'node:process';
import {render} from 'ink';
import {App, type LibraryMode, type Loaders, type ReaderFlags, type SourceInput, type TerminalControl} from './app.js';
import {resolveBidi, type BidiPreference} from './bidi-mode.js';
import type {Library} from './library/api.js';
import {deferredReading} from './library/deferred.js';
import {defaultCacheDir} from './sources/cache.js';
import {defaultConfigDir} from './store/guarded-store.js';
import {defaultLibraryPath} from './library/database.js';
import {closeSharedLibrary, sharedCache, sharedLibrary} from './library/shared.js';
import {refreshSources} from './library/refresh.js';
import type {Edition} from './model.js';
import {openPrefs, type Prefs, type PrefsStore} from './prefs.js';
import {demoEdition} from './samples/demo.js';
import {FrameWriter} from './screen/writer.js';
import type {StateStore} from './state.js';
import {
	bidiSequence,
	detectTerminal,
	fatalSignals,
	localeWarning,
	openKeyboard,
	refreshSize,
	TerminalSession,
	type FatalSignal,
} from './terminal.js';
import {upgradeLine} from './commands/library-open.js';
import {sanitizeLine} from './text/sanitize.js';
import {chooseStrings} from './ui/strings.js';

/** Returned when there is no terminal to read keys from: the CLI prints instead. */
export const NO_TERMINAL = 75;

export type ReaderInput = {
	/**
	 * What to read: specs as typed (paths, URLs, `-`) or editions already loaded. None: the
	 * configured sources, else the demo edition.
	 */
	sources: ReadonlyArray<string | SourceInput>;
	/** This run's flags: they win over the saved preferences until changed in settings. */
	flags?: ReaderFlags & {offline?: boolean; demo?: boolean};
	/** Stores; opened from the user's config directory when not given. */
	prefs?: PrefsStore;
	state?: StateStore;
	/**
	 * The library (items, reading state, the cache); opened from the user's data folder when
	 * neither it nor `state` is given. With it, the configured sources are read from the store.
	 */
	library?: Library;
	/** How sources and full texts are loaded; sources/load.ts when not given. */
	loaders?: Loaders;
	stdin?: NodeJS.ReadStream;
	stdout?: NodeJS.WriteStream;
	stderr?: NodeJS.WriteStream;
	env?: NodeJS.ProcessEnv;
	platform?: NodeJS.Platform;
};

/** The configured sources, when they are what this run reads (no source given, not the demo). */
function readsConfigured(input: ReaderInput, prefs: Prefs): boolean {
	return !input.flags?.demo && input.sources.length === 0 && prefs.sources.length > 0;
}

/**
 * Whether the library is opened before the first frame: it exists, or the configured sources are
 * read from it, or a URL is read (its saved copy is looked up at once), or an earlier version's
 * reading state or cache folder is there to import (and its marks to show).
 */
function needsLibraryNow(input: ReaderInput, prefs: Prefs): boolean {
	if (readsConfigured(input, prefs)) return true;
	if (!input.flags?.demo && sourceList(input, prefs).some(source => 'spec' in source && /^https?:/iu.test(source.spec))) return true;
	return [defaultLibraryPath(), path.join(defaultConfigDir(), 'state.json'), defaultCacheDir()].some(file => existsSync(file));
}

function sourceList(input: ReaderInput, prefs: Prefs): SourceInput[] {
	if (input.flags?.demo) return [{edition: demoEdition()}];
	const given = input.sources.map(source => (typeof source === 'string' ? {spec: source} : source));
	if (given.length > 0) return given;
	const configured = prefs.sources.map(entry => ({spec: entry.url, name: entry.name, ...(entry.feed ? {feed: entry.feed} : {})}));
	return configured.length > 0 ? configured : [{edition: demoEdition() as Edition}];
}

/**
 * The sources code is loaded on first use: the demo edition's first frame never waits for it.
 * Every fetch is given `signal`, which the reader aborts when it ends.
 */
function defaultLoaders(stdin: NodeJS.ReadableStream, signal: AbortSignal, library: Library | undefined, owned: boolean): Loaders {
	// Saved copies live in the library (opened on the first one looked up when it is not open yet);
	// a caller that gave its own state store keeps load.ts's default.
	const cache = library ? {cache: library.cache} : (owned ? {cache: sharedCache} : {});
	return {
		async source(spec, options) {
			const {loadSource} = await import('./sources/load.js');
			return loadSource(spec, {
				...cache,
				offline: options.offline,
				stdin,
				fetchOptions: {signal},
				...(options.feed ? {feed: options.feed} : {}),
				...(options.name ? {name: options.name} : {}),
				...(options.onPage ? {onPage: options.onPage} : {}),
				...(options.onSaved ? {onSaved: options.onSaved} : {}),
				...(options.freshOnly ? {freshOnly: true} : {}),
			});
		},
		async fullText(url, options) {
			const {loadFullText} = await import('./sources/load.js');
			return loadFullText(url, {...cache, offline: options.offline, fetchOptions: {signal}});
		},
	};
}

type ReadableInternals = {
	_handle?: {reading?: boolean; readStop?: () => number};
	_readableState: {reading: boolean};
	_read: (size: number) => void;
};

/** Streams lent to another program: their own `_read`, if they had one, to put back. */
const lent = new WeakMap<NodeJS.ReadStream, {own?: (size: number) => void}>();

/** Stops the tty from delivering bytes to us while another program reads it. */
export function pauseReading(stream: NodeJS.ReadStream): void {
	stream.pause();
	const internals = stream as unknown as ReadableInternals;
	// Ink reads in a loop (`while (stdin.read() !== null)`) and any read() of an empty stream
	// asks `_read` for more, which starts the handle again: the program we lend the terminal to
	// would lose keys to us. Until `resumeReading`, the stream asks for nothing.
	lent.set(stream, {own: Object.hasOwn(internals, '_read') ? internals._read : undefined});
	internals._read = () => {};
	// As Node does for process.stdin on pause: stop the handle, or it keeps reading keys.
	const handle = internals._handle;
	if (handle?.reading && handle.readStop) {
		handle.reading = false;
		handle.readStop();
		internals._readableState.reading = false;
	}
}

export function resumeReading(stream: NodeJS.ReadStream): void {
	const saved = lent.get(stream);
	if (saved) {
		lent.delete(stream);
		const internals = stream as unknown as Partial<ReadableInternals>;
		if (saved.own) {
			internals._read = saved.own;
		} else {
			delete internals._read;
		}
	}

	// A read(0) asks the stream for more, which restarts the handle (a read asked of the no-op
	// above left the stream waiting for an answer that never came).
	(stream as unknown as ReadableInternals)._readableState.reading = false;
	stream.read(0);
}

/** An error as one safe line: its message may quote content. */
function oneLine(error: unknown): string {
	return sanitizeLine((error instanceof Error ? error.message : String(error)).split('\n')[0] ?? '');
}

export async function runReader(input: ReaderInput): Promise<number> {
	const env = input.env ?? process.env;
	const stdout = input.stdout ?? process.stdout;
	const stderr = input.stderr ?? process.stderr;
	const stdin = input.stdin ?? process.stdin;
	const platform = input.platform ?? process.platform;
	const keyboard = openKeyboard(stdin);
	if (!keyboard || !keyboard.stream.isTTY) {
		return NO_TERMINAL;
	}

	const keys = keyboard.stream;
	const prefs = input.prefs ?? openPrefs();
	// Read once for the start (each read parses the file again: 200 sources are 17 KB).
	const saved = prefs.get();
	// The library is opened at once when it exists or the configured sources are read from it;
	// otherwise (the demo, files on the command line, a first run) only when something is to be
	// saved: a reader that only looks makes no database, nor waits for one to be made.
	const opensLibrary = !input.library && !input.state && needsLibraryNow(input, saved);
	// Before the alternate screen: a library an earlier akhbar made says why the start waits.
	const library = input.library ?? (opensLibrary ? sharedLibrary({onUpgrade: () => stderr.write(upgradeLine)}) : undefined);
	const reading = input.state ?? library?.reading ?? deferredReading(() => sharedLibrary().reading, defaultLibraryPath());
	const info = detectTerminal(env, platform);
	// Quitting cancels every fetch in flight (sources, a site's feed and the paths probed for it,
	// full texts, refreshes): a server that never answers must not hold the reader open.
	const fetches = new AbortController();
	const loaders = input.loaders ?? defaultLoaders(stdin, fetches.signal, library, !input.state);
	// The configured sources come from the library: the first frame from the store, then a refresh.
	let libraryMode: LibraryMode | undefined;
	let libraryProblem: string | undefined;
	if (library && readsConfigured(input, saved)) {
		const entries = saved.sources;
		try {
			library.syncSources(entries);
			libraryMode = {library, entries, refresh: refreshSources, signal: fetches.signal};
		} catch (error) {
			libraryProblem = `akhbar: the library could not take the sources (${oneLine(error)}); reading them one by one`;
		}
	}

	const flags = input.flags ?? {};
	const bidiPreference: BidiPreference = flags.bidi ?? saved.bidi;
	const session = new TerminalSession({out: stdout, keys, info, bidi: resolveBidi(bidiPreference, info.bidi)});

	const notes = [
		prefs.notice,
		library?.notice,
		libraryProblem,
		reading === library?.reading ? undefined : reading.notice,
		localeWarning(info),
		bidiPreference === 'auto' && info.bidi.implicitOnly ? chooseStrings(flags.language ?? saved.language, env).implicitTerminal(info.bidi.name ?? 'terminal') : undefined,
	].filter((note): note is string => Boolean(note));

	// Ink renders in debug mode into the writer, which sends the terminal only what changed
	// (Ink 6.8's own incremental mode is off by one row with frames shorter than the screen).
	// 20 frames a second at most: a held key over SSH stays under 80 KB/s even when every
	// frame scrolls a whole pane, and a single key is still drawn at once.
	// AKHBAR_FRAME_LOG names a file that gets every frame drawn, one JSON string a line: the
	// end-to-end tests check that the terminal shows exactly what Ink produced.
	const frameLog = env['AKHBAR_FRAME_LOG'];
	const writer = new FrameWriter(stdout, {
		maxFps: 20,
		onFrame: frameLog ? frame => appendFileSync(frameLog, JSON.stringify(frame) + '\n') : undefined,
	});
	session.onRelease(() => writer.pause());
	session.onResume(() => {
		refreshSize(stdout);
		writer.resume();
	});
	const onResize = () => writer.resize(stdout.columns || 80, stdout.rows || 24);
	stdout.on('resize', onResize);

	const terminal: TerminalControl = {
		setBidi: mode => session.setBidi(mode),
		copy: text => session.copy(text),
		suspend: () => session.suspend(),
		redraw() {
			refreshSize(stdout);
			writer.invalidate();
		},
		placeCursor: at => writer.placeCursor(at),
		async runInTerminal(argv) {
			session.release();
			pauseReading(keys);
			try {
				await new Promise<void>((resolve, reject) => {
					const child = spawn(argv[0]!, argv.slice(1), {stdio: [(keys as unknown as {fd?: number}).fd ?? 'inherit', 'inherit', 'inherit']});
					child.once('error', reject);
					child.once('exit', () => resolve());
				});
			} finally {
				resumeReading(keys);
				session.reclaim();
			}
		},
		async pipeTo(argv, text, bidi) {
			session.release();
			pauseReading(keys);
			try {
				// The text is laid out for the reader's bidi mode: the terminal must not reorder it again
				// while the pager shows it (release set the terminal's own bidi back on).
				stdout.write(bidiSequence(bidi, info));
				return await new Promise<number | undefined>((resolve, reject) => {
					// The pager reads the article from the pipe and its keys from /dev/tty, as `less` does.
					const child = spawn(argv[0]!, argv.slice(1), {stdio: ['pipe', 'inherit', 'inherit']});
					child.once('error', reject);
					child.once('exit', code => resolve(code ?? undefined));
					// A pager quit before the end of the text closes the pipe: not a failure.
					child.stdin.on('error', () => {});
					child.stdin.end(text);
				});
			} finally {
				resumeReading(keys);
				session.reclaim();
			}
		},
		openDetached: argv => new Promise<void>((resolve, reject) => {
			const child = spawn(argv[0]!, argv.slice(1), {detached: true, stdio: 'ignore'});
			child.once('error', reject);
			child.once('spawn', () => {
				child.unref();
				resolve();
			});
		}),
	};

	session.enter();
	const stopListening = session.listen();
	const instance = render(
		<App
			sources={libraryMode ? [] : sourceList(input, saved)}
			{...(libraryMode ? {library: libraryMode} : {})}
			loaders={loaders}
			prefs={prefs}
			reading={reading}
			flags={flags}
			offline={flags.offline}
			env={env}
			platform={platform}
			info={info}
			terminal={terminal}
			notes={notes}
		/>,
		{
			stdout: writer as unknown as NodeJS.WriteStream,
			stdin: keys,
			stderr,
			debug: true,
			exitOnCtrlC: false,
			patchConsole: false,
			maxFps: 30,
		},
	);
	// Asked for before anything can end the app (Ink never settles it if asked after).
	const exited = instance.waitUntilExit();

	let restored = false;
	const restore = () => {
		if (restored) return;
		restored = true;
		fetches.abort();
		try {
			instance.unmount();
		} catch {
			// Already unmounted.
		}

		writer.pause();
		stdout.off('resize', onResize);
		session.leave();
		stopListening();
		reading.flush();
		// Only the library this reader opened; a caller's own it closes itself.
		if (!input.library && !input.state) closeSharedLibrary();
		keyboard.close();
	};

	const onSignal = (signal: FatalSignal) => {
		restore();
		process.exit(fatalSignals[signal]);
	};

	const onCrash = (error: unknown) => {
		restore();
		try {
			stderr.write(`akhbar: ${oneLine(error)}\n`);
		} catch {
			// The terminal is gone (a dropped SSH session): nobody to tell.
		}

		process.exit(1);
	};

	const handlers = Object.keys(fatalSignals).map(signal => {
		const handler = () => onSignal(signal as FatalSignal);
		process.on(signal, handler);
		return [signal, handler] as const;
	});
	process.on('uncaughtException', onCrash);
	process.on('unhandledRejection', onCrash);
	// The last resort: whatever ends the process, the terminal is put back.
	process.on('exit', restore);

	let code = 0;
	try {
		await exited;
	} catch (error) {
		restore();
		stderr.write(`akhbar: ${oneLine(error)}\n`);
		code = 1;
	} finally {
		restore();
		for (const [signal, handler] of handlers) process.off(signal, handler);
		process.off('uncaughtException', onCrash);
		process.off('unhandledRejection', onCrash);
		process.off('exit', restore);
	}

	return code;
}
