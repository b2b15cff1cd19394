/**
 * `akhbar refresh [--jobs N]`: every configured source fetched into the library. On a terminal
 * (stderr), one progress line redrawn in place; without one (cron), a line per source that
 * failed and a summary. Exit 0 when every source refreshed or was unchanged, 3 when some failed,
 * 1 when all failed (or the library cannot be opened), 2 on a usage error, 130 when interrupted.
 */
import process from 'node:process';
import type {Library, RefreshOutcome, RefreshProgress} from '../library/api.js';
import {openPrefs, type PrefsStore} from '../prefs.js';
import {resolveTextOptions} from '../text-options.js';
import type {TextOptions} from '../text/options.js';
import {sanitizeLine} from '../text/sanitize.js';
import {openForCommand, upgradeLine} from './library-open.js';
import {cellWidth} from '../text/width.js';
import {englishCount} from '../text/plural.js';
import {forTerminal, type TerminalStream} from './terminal-text.js';

export const refreshHelp = `Usage: akhbar refresh [--jobs N]

Fetches every configured source into the library (what the reader, the overview and
\`akhbar search\` read), at most N at once (default 6, at most 64). A source that cannot be
fetched keeps what was stored of it. Safe to run from cron while a reader is open.

On a terminal, one progress line; otherwise a line for each source that failed, and a summary.
Exit codes: 0 every source refreshed or unchanged, 3 some failed, 1 all failed, 2 a usage error.

Options
  -j, --jobs N     sources fetched at once (1-64, default 6)

Example (crontab: every 30 minutes, quietly unless something failed)
  */30 * * * *  akhbar refresh > /dev/null
`;

export const maxJobs = 64;

export type RefreshIo = {
	stdout: TerminalStream;
	stderr: TerminalStream;
	env: NodeJS.ProcessEnv;
	prefs?: PrefsStore;
	/** The library to refresh into. Default: the user's (library/index.ts). */
	openLibrary?: () => Library | Promise<Library>;
	/** Stops the refresh (the CLI aborts it on Ctrl-C). */
	signal?: AbortSignal;
	now?: () => number;
};

class UsageError extends Error {}

/** `--jobs N`, `--jobs=N`, `-j N`; undefined for `--help`. */
export function parseRefreshArgs(argv: readonly string[]): {jobs?: number; help?: true} {
	let jobs: number | undefined;
	for (let index = 0; index < argv.length; index++) {
		const arg = argv[index]!;
		if (arg === '--help' || arg === '-h') return {help: true};
		let value: string | undefined;
		if (arg === '--jobs' || arg === '-j') {
			value = argv[++index];
			if (value === undefined) throw new UsageError(`${arg} needs a number`);
		} else if (arg.startsWith('--jobs=')) {
			value = arg.slice('--jobs='.length);
		} else if (arg.startsWith('-')) {
			throw new UsageError(`unknown flag ${sanitizeLine(arg.split('=')[0]!)}`);
		} else {
			throw new UsageError(`refresh takes no source (it refreshes the configured ones): ${sanitizeLine(arg)}`);
		}

		if (!/^\d+$/u.test(value) || Number(value) < 1 || Number(value) > maxJobs) throw new UsageError(`--jobs takes a whole number from 1 to ${maxJobs}`);
		jobs = Number(value);
	}

	return jobs === undefined ? {} : {jobs};
}

const defaultIo = (): RefreshIo => ({stdout: process.stdout, stderr: process.stderr, env: process.env});

export async function runRefresh(argv: readonly string[], given: Partial<RefreshIo> = {}): Promise<number> {
	const io = {...defaultIo(), ...given};
	const now = io.now ?? Date.now;
	let args;
	try {
		args = parseRefreshArgs(argv);
	} catch (error) {
		if (!(error instanceof UsageError)) throw error;
		io.stderr.write(`akhbar: ${error.message} (see akhbar refresh --help)\n`);
		return 2;
	}

	if (args.help) {
		io.stdout.write(refreshHelp);
		return 0;
	}

	const prefs = io.prefs ?? openPrefs();
	if (prefs.notice) io.stderr.write(`akhbar: ${sanitizeLine(prefs.notice)}\n`);
	const settings = prefs.get();
	const sources = settings.sources;
	// With no source configured, a connected sync account is still synced.
	if (sources.length === 0 && !(await maybeSyncAccount(io))) {
		io.stderr.write('akhbar: no sources configured; add one with: akhbar sources add URL\n');
		return 0;
	}

	const opened = await openForCommand(io.openLibrary ?? openUserLibrary, io.stderr);
	if (!opened) return 1;
	const {library} = opened;

	try {
		library.syncSources(sources);
		const tty = Boolean(io.stderr.isTTY) && io.env['TERM'] !== 'dumb';
		const text = resolveTextOptions(settings, {}, io.env);
		const bar = tty ? new ProgressLine(io.stderr, text) : undefined;
		const started = now();
		const {refreshSources} = await import('../library/refresh.js');
		let replaced = false;
		let diskFullSaid = false;
		const say = (line: string): void => {
			if (bar) bar.above(line);
			else io.stderr.write(line);
		};

		const stopListening = library.onNotice?.(line => {
			replaced = true;
			say(`akhbar: ${sanitizeLine(line)}\n`);
		});
		const pass = async () => refreshSources(library, sources, {
			...(args.jobs === undefined ? {} : {jobs: args.jobs}),
			...(io.signal ? {signal: io.signal} : {}),
			retention: {archiveDays: settings.archiveDays, maxItemsPerSource: settings.maxItemsPerSource},
			onProgress: progress => bar?.draw(progress),
			onSource(outcome) {
				if (outcome.status !== 'failed') return;
				// A full disk is said once, for the library, not for each source it stopped.
				if (outcome.diskFull) {
					if (!diskFullSaid) say(`akhbar: the disk is full: cannot store into the library ${sanitizeLine(library.path)}; refresh stopped\n`);
					diskFullSaid = true;
					return;
				}

				say(`akhbar: ${failureLine(outcome)}\n`);
			},
		});
		let outcomes = await pass();
		// The store was found damaged and replaced midway: what earlier sources stored (or found
		// unchanged) went with the old file, so every source is refreshed again into the new one.
		if (replaced && !io.signal?.aborted) outcomes = await pass();
		stopListening?.();
		bar?.clear();
		if (io.signal?.aborted) {
			io.stderr.write(`akhbar: refresh interrupted after ${outcomes.length} of ${englishCount(sources.length, 'source')}\n`);
			return 130;
		}

		io.stdout.write(`${summary(outcomes, (now() - started) / 1000)}\n`);
		const failed = outcomes.filter(outcome => outcome.status === 'failed').length;
		// Stopped by a full disk: some stored before it filled (3), or none (1).
		if (diskFullSaid) return failed < outcomes.length ? 3 : 1;
		return failed === 0 ? 0 : failed === outcomes.length ? 1 : 3;
	} catch (error) {
		// The store itself failed (locked past its timeout, a disk gone): one line, no stack.
		io.stderr.write(`akhbar: refresh failed: ${sanitizeLine(error instanceof Error ? error.message : String(error))}\n`);
		return 1;
	} finally {
		library.close();
	}
}

/** Whether the user's library exists and has a sync account (a list nothing refreshed makes no library). */
async function maybeSyncAccount(io: RefreshIo): Promise<boolean> {
	// A library given by the caller is opened once, below, and only when there are sources.
	if (io.openLibrary) return false;
	const {existsSync} = await import('node:fs');
	const {defaultLibraryPath} = await import('../library/database.js');
	if (!existsSync(defaultLibraryPath())) return false;
	try {
		const library = await openUserLibrary(() => io.stderr.write(upgradeLine));
		try {
			const {openSyncStore} = await import('../sync/store.js');
			return openSyncStore(library).account() !== undefined;
		} finally {
			library.close();
		}
	} catch {
		return false;
	}
}

async function openUserLibrary(onUpgrade: () => void): Promise<Library> {
	const {openLibrary} = await import('../library/index.js');
	return openLibrary({onUpgrade});
}

/** `NAME (URL): why`, or `URL: why` for a source with no name of its own. */
export function failureLine(outcome: RefreshOutcome): string {
	const name = sanitizeLine(outcome.name);
	const url = sanitizeLine(outcome.spec);
	const who = name === '' || name === url ? url : `${name} (${url})`;
	return `${who}: ${sanitizeLine(outcome.error ?? 'failed')}`;
}

/** `refreshed 50 sources in 3.2 s: 10 updated (123 new items), 38 unchanged, 2 failed`. */
export function summary(outcomes: readonly RefreshOutcome[], seconds: number): string {
	const count = (status: RefreshOutcome['status']) => outcomes.filter(outcome => outcome.status === status).length;
	const added = outcomes.reduce((sum, outcome) => sum + outcome.added, 0);
	const parts = [
		`${count('updated')} updated${added > 0 ? ` (${englishCount(added, 'new item')})` : ''}`,
		`${count('unchanged')} unchanged`,
		`${count('failed')} failed`,
	];
	return `refreshed ${englishCount(outcomes.length, 'source')} in ${seconds.toFixed(1)} s: ${parts.join(', ')}`;
}

const eraseLine = '\r\u001B[2K';

/**
 * One line at the bottom of the terminal, redrawn in place: `[####....] 12/50  2 failed  name`.
 * The names come from the user's list (or an OPML file): sanitized, and cut to fit, so the line
 * never wraps (a wrapped line cannot be redrawn with \r).
 */
export class ProgressLine {
	#shown = false;
	#last: RefreshProgress | undefined;

	constructor(private readonly stream: TerminalStream, private readonly text: TextOptions) {}

	draw(progress: RefreshProgress): void {
		this.#last = progress;
		this.stream.write(eraseLine + this.render(progress));
		this.#shown = true;
	}

	/** A line printed above the bar (a source that failed); the bar is drawn again under it. */
	above(line: string): void {
		this.clear();
		this.stream.write(forTerminal(line, this.columns(), this.text));
		if (this.#last) this.draw(this.#last);
	}

	clear(): void {
		if (this.#shown) this.stream.write(eraseLine);
		this.#shown = false;
	}

	render({done, total, failed, inFlight}: RefreshProgress): string {
		const columns = this.columns();
		// The bar takes what the numbers and a name leave; on a narrow terminal, nothing.
		const slots = Math.min(30, columns - 50);
		const filled = total === 0 ? slots : Math.round((done / total) * slots);
		let line = `${slots >= 5 ? `[${'#'.repeat(filled)}${'.'.repeat(slots - filled)}] ` : ''}${done}/${total}`;
		if (failed > 0) line += `  ${failed} failed`;
		line = fit(line, columns - 1);
		const names = inFlight.map(name => sanitizeLine(name)).filter(Boolean);
		if (names.length > 0) {
			const more = names.length > 1 ? ` +${names.length - 1}` : '';
			// The last column stays empty: writing into it makes some terminals wrap.
			const room = columns - 1 - cellWidth(line) - 2 - more.length;
			if (room >= 4) line += `  ${fit(names[0]!, room)}${more}`;
		}

		return forTerminal(line, columns, this.text);
	}

	private columns(): number {
		return Math.max(20, this.stream.columns || 80);
	}
}

/** `text` cut to `cells` (logical cells: shaping only ever joins, never widens), with an ellipsis. */
function fit(text: string, cells: number): string {
	if (cellWidth(text) <= cells) return text;
	let out = '';
	for (const char of text) {
		if (cellWidth(out + char) > cells - 1) break;
		out += char;
	}

	return `${out}…`;
}
