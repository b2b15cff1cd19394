/**
 * Renders <App/> into fake streams of a chosen size (ink-testing-library's stdout is fixed at
 * 100 columns and has no rows), with in-memory stores, fake loaders and a fake terminal that
 * records what the app asked of it.
 */
import {EventEmitter} from 'node:events';
import {render as inkRender} from 'ink';
import {afterEach} from 'vitest';
import {App, type AppProps, type LibraryMode, type Loaders, type SourceInput, type TerminalControl} from '../../../source/app.js';
import type {Article, Edition} from '../../../source/model.js';
import {prefDefaults, type Prefs} from '../../../source/prefs.js';
import type {LastArticle, Position} from '../../../source/state.js';
import {detectTerminal} from '../../../source/terminal.js';

class FakeStdout extends EventEmitter {
	columns: number;
	rows: number;
	readonly isTTY = true;
	frames: string[] = [];
	writes: string[] = [];

	constructor(columns: number, rows: number) {
		super();
		this.columns = columns;
		this.rows = rows;
	}

	write = (frame: string) => {
		this.writes.push(frame);
		this.frames.push(frame);
		return true;
	};

	lastFrame = () => this.frames.at(-1) ?? '';
}

class FakeStdin extends EventEmitter {
	isTTY = true;
	data: string | null = null;
	write = (data: string) => {
		this.data = data;
		this.emit('readable');
	};

	setEncoding() {}
	setRawMode() {}
	resume() {}
	pause() {}
	ref() {}
	unref() {}
	read = () => {
		const {data} = this;
		this.data = null;
		return data;
	};
}

export class MemoryPrefs {
	values: Prefs;
	sets: Array<[string, unknown]> = [];
	constructor(values: Partial<Prefs> = {}) {
		this.values = {...structuredClone(prefDefaults) as Prefs, ...values};
	}

	get = (): Prefs => structuredClone(this.values);
	set = <K extends keyof Prefs>(key: K, value: Prefs[K]): void => {
		this.sets.push([key, value]);
		this.values[key] = value;
	};
}

export class MemoryReading {
	read = new Set<string>();
	last: LastArticle | undefined;
	positions = new Map<string, Position>();
	isRead = (key: string) => this.read.has(key);
	markRead = (key: string, read = true) => {
		if (read) this.read.add(key);
		else this.read.delete(key);
	};

	markAllRead = (keys: Iterable<string>) => {
		for (const key of keys) this.read.add(key);
	};

	lastArticle = () => this.last;
	setLastArticle = (last: LastArticle) => {
		this.last = last;
	};

	position = (key: string) => this.positions.get(key);
	setPosition = (key: string, position: Position) => {
		this.positions.set(key, position);
	};
}

export class FakeTerminal implements TerminalControl {
	calls: Array<[string, ...unknown[]]> = [];
	setBidi = (mode: string) => {
		this.calls.push(['setBidi', mode]);
	};

	copy = (text: string) => {
		this.calls.push(['copy', text]);
	};

	suspend = () => {
		this.calls.push(['suspend']);
	};

	runInTerminal = async (argv: string[]) => {
		this.calls.push(['runInTerminal', argv]);
		const failure = this.failures.get(argv[0]!);
		if (failure) throw failure;
	};

	openDetached = async (argv: string[]) => {
		this.calls.push(['openDetached', argv]);
		const failure = this.failures.get(argv[0]!);
		if (failure) throw failure;
	};

	pipeTo = async (argv: string[], text: string, bidi: string) => {
		this.calls.push(['pipeTo', argv, text, bidi]);
		return this.pipeStatus;
	};

	/** The exit status the piped-to command ends with. */
	pipeStatus: number | undefined = 0;

	/** Programs that fail to start, as spawn fails (ENOENT for a missing xdg-open). */
	failures = new Map<string, Error>();

	redraw = () => {
		this.calls.push(['redraw']);
	};
}

export type Harness = {
	stdout: FakeStdout;
	stdin: FakeStdin;
	prefs: MemoryPrefs;
	reading: MemoryReading;
	terminal: FakeTerminal;
	/** The last frame, as rows. */
	rows(): string[];
	frame(): string;
	/** Types keys and waits for Ink to handle them. */
	press(...keys: string[]): Promise<void>;
	resize(columns: number, rows: number): Promise<void>;
	settle(): Promise<void>;
	exited(): boolean;
	unmount(): void;
};

export const keys = {
	up: '\u001B[A',
	down: '\u001B[B',
	right: '\u001B[C',
	left: '\u001B[D',
	pageUp: '\u001B[5~',
	pageDown: '\u001B[6~',
	home: '\u001B[H',
	end: '\u001B[F',
	enter: '\r',
	escape: '\u001B',
	tab: '\t',
	backspace: '\u007F',
	ctrl: (letter: string) => String.fromCharCode(letter.toUpperCase().charCodeAt(0) - 64),
};

export type HarnessOptions = {
	sources?: SourceInput[];
	editions?: Edition[];
	columns?: number;
	rows?: number;
	prefs?: Partial<Prefs>;
	flags?: AppProps['flags'];
	env?: NodeJS.ProcessEnv;
	loaders?: Partial<Loaders>;
	reading?: MemoryReading;
	notes?: string[];
	/** Library mode: the configured sources from a real library, whose reading store the app then uses. */
	library?: LibraryMode;
	offline?: boolean;
};

const tick = async () => new Promise(resolve => {
	setTimeout(resolve, 0);
});

export async function renderApp(options: HarnessOptions): Promise<Harness> {
	const stdout = new FakeStdout(options.columns ?? 100, options.rows ?? 30);
	const stdin = new FakeStdin();
	const prefs = new MemoryPrefs(options.prefs);
	const reading = options.reading ?? new MemoryReading();
	const terminal = new FakeTerminal();
	const env = options.env ?? {LANG: 'C.UTF-8'};
	const loaders: Loaders = {
		source: options.loaders?.source ?? (async spec => Promise.reject(new Error(`no loader for ${spec}`))),
		fullText: options.loaders?.fullText ?? (async (): Promise<Article> => Promise.reject(new Error('offline'))),
	};
	let exited = false;
	const instance = inkRender(
		<App
			sources={options.sources ?? (options.editions ?? []).map(edition => ({edition}))}
			loaders={loaders}
			prefs={prefs}
			reading={options.library ? options.library.library.reading : reading}
			{...(options.library ? {library: options.library} : {})}
			{...(options.offline ? {offline: true} : {})}
			flags={options.flags}
			env={env}
			platform="linux"
			info={detectTerminal(env, 'linux')}
			terminal={terminal}
			notes={options.notes}
		/>,
		{
			stdout: stdout as unknown as NodeJS.WriteStream,
			stdin: stdin as unknown as NodeJS.ReadStream,
			stderr: stdout as unknown as NodeJS.WriteStream,
			debug: true,
			exitOnCtrlC: false,
			patchConsole: false,
		},
	);
	instance.waitUntilExit().then(() => {
		exited = true;
	}, () => {
		exited = true;
	});
	const harness: Harness = {
		stdout,
		stdin,
		prefs,
		reading,
		terminal,
		frame: () => stdout.lastFrame(),
		rows: () => stdout.lastFrame().split('\n'),
		async press(...typed) {
			for (const key of typed) {
				stdin.write(key);
				// eslint-disable-next-line no-await-in-loop -- one key at a time, as typed
				await tick();
			}

			await tick();
		},
		async resize(columns, rows) {
			stdout.columns = columns;
			stdout.rows = rows;
			stdout.emit('resize');
			await tick();
			await tick();
		},
		async settle() {
			for (let i = 0; i < 5; i++) {
				// eslint-disable-next-line no-await-in-loop -- let promises and renders run
				await tick();
			}
		},
		exited: () => exited,
		unmount() {
			instance.unmount();
			instance.cleanup();
		},
	};
	await harness.settle();
	return harness;
}

/**
 * A test file's `open`: renders the app as renderApp does, and unmounts what it rendered after
 * each test.
 */
export function appOpener(): (options: HarnessOptions) => Promise<Harness> {
	const opened: Harness[] = [];
	afterEach(() => {
		for (const harness of opened.splice(0)) harness.unmount();
	});
	return async options => {
		const harness = await renderApp(options);
		opened.push(harness);
		return harness;
	};
}

/** Waits, a tick at a time, until `test` holds of the harness (a real fetch takes a while). */
export async function until(h: Harness, test: (h: Harness) => boolean, what: string): Promise<void> {
	for (let tries = 0; tries < 400; tries++) {
		if (test(h)) return;
		// eslint-disable-next-line no-await-in-loop -- one look per tick
		await new Promise(resolve => {
			setTimeout(resolve, 10);
		});
	}

	throw new Error(`never came: ${what}\n${h.frame()}`);
}
