/**
 * Fetches configured sources into the library: at most `jobs` at once, each fresh edition stored
 * in one transaction, each failure recorded (the store keeps what it had). Used by `akhbar
 * refresh` and by the reader's background refresh; it never throws for a source's failure, and
 * an abort ends it promptly with the outcomes of the sources that finished.
 */
import type {SourceEntry} from '../prefs.js';
import type {LoadResult} from '../sources/load.js';
import {SourceError} from '../sources/errors.js';
import {problemOf} from './database.js';
import type {Library, RefreshOptions, RefreshOutcome, RefreshProgress, RefreshSources} from './api.js';

export const defaultJobs = 6;

/**
 * Failures that take a fetch's whole time. A host that gives two of them (or one it would not
 * even connect in) is not asked again in the same refresh: forty feeds of one hung site would
 * each wait out the timeout, six at a time, over two minutes; the rest are said not fetched.
 */
const slowFailures: Readonly<Record<string, number>> = {'connect-timeout': 2, timeout: 1, stalled: 1};
const silenceAfter = 2;

function hostOf(spec: string): string | undefined {
	if (!/^https?:\/\//iu.test(spec)) return undefined;
	try {
		return new URL(spec).host;
	} catch {
		return undefined;
	}
}

export const refreshSources: RefreshSources = async (library, allEntries, options = {}) => {
	const jobs = Math.max(1, Math.floor(options.jobs ?? defaultJobs) || defaultJobs);
	const {signal} = options;
	// A connected sync account: one sync beside the fetches, counted as one more source; the
	// feeds its server fetches are not fetched here (their items come from the server).
	const {syncStep} = await import('../sync/with-refresh.js');
	const sync = await syncStep(library);
	const entries = sync ? allEntries.filter(entry => !sync.serverFeeds.has(entry.url)) : allEntries;
	const total = entries.length + (sync ? 1 : 0);
	const outcomes: RefreshOutcome[] = [];
	const inFlight = new Map<number, string>();
	/** Per host, how slowly its sources have failed in this refresh (slowFailures' weights). */
	const slowness = new Map<string, number>();
	/** Per host, its sources being fetched now. */
	const fetching = new Map<string, Set<Promise<unknown>>>();
	let next = 0;
	let failed = 0;
	// A full disk fails every store that follows the same way: no further source is taken.
	let diskFull = false;
	const progress = (): void => {
		if (signal?.aborted) return;
		const report: RefreshProgress = {done: outcomes.length, total, failed, inFlight: [...inFlight.values()]};
		options.onProgress?.(report);
	};

	const syncing = async (): Promise<void> => {
		if (!sync) return;
		inFlight.set(-1, sync.label);
		progress();
		const outcome = await sync.run({
			...(signal ? {signal} : {}),
			...(options.retention ? {retention: options.retention} : {}),
			onProgress(phase) {
				inFlight.set(-1, phase);
				progress();
			},
		});
		inFlight.delete(-1);
		if (signal?.aborted) return;
		outcomes.push(outcome);
		if (outcome.status === 'failed') failed++;
		options.onSource?.(outcome);
		progress();
	};

	const worker = async (): Promise<void> => {
		while (next < entries.length && !signal?.aborted && !diskFull) {
			const index = next++;
			const entry = entries[index]!;
			inFlight.set(index, labelOf(entry));
			progress();
			const host = hostOf(entry.url);
			const slow = () => (host === undefined ? 0 : slowness.get(host) ?? 0);
			// A host that has just been slow to fail, with other sources of it still out: their
			// outcomes first (timeouts set together end together, and each would start another).
			while (slow() > 0 && slow() < silenceAfter && (fetching.get(host!)?.size ?? 0) > 0) {
				// eslint-disable-next-line no-await-in-loop -- waiting for the host's other fetches
				await Promise.race(fetching.get(host!)!);
			}

			if (signal?.aborted) return;

			const silent = host !== undefined && slow() >= silenceAfter;
			let outcome: RefreshOutcome | undefined;
			if (silent) {
				outcome = notAsked(library, entry, host);
			} else {
				const work = refreshOne(library, entry, options, sync?.serverFeeds);
				const out = host === undefined ? undefined : fetching.get(host) ?? fetching.set(host, new Set()).get(host)!;
				const settled = work.then(() => undefined, () => undefined);
				out?.add(settled);
				try {
					// eslint-disable-next-line no-await-in-loop -- each worker takes one source at a time
					outcome = await work;
				} finally {
					out?.delete(settled);
				}
			}

			inFlight.delete(index);
			const weight = outcome?.failure ? slowFailures[outcome.failure.kind] : undefined;
			if (host !== undefined && !silent && weight !== undefined) slowness.set(host, slow() + weight);
			// An aborted refresh reports nothing more: its last fetches were cut, not failed.
			if (!outcome || signal?.aborted) return;
			outcomes.push(outcome);
			if (outcome.status === 'failed') failed++;
			if (outcome.diskFull) diskFull = true;
			options.onSource?.(outcome);
			progress();
		}
	};

	progress();
	await Promise.all([syncing(), ...Array.from({length: Math.min(jobs, entries.length)}, worker)]);
	return outcomes;
};

function labelOf(entry: SourceEntry): string {
	return entry.name ?? entry.url;
}

/** One source: loaded fresh, stored; undefined when the refresh was aborted meanwhile. */
async function refreshOne(library: Library, entry: SourceEntry, options: RefreshOptions, serverFeeds?: ReadonlySet<string>): Promise<RefreshOutcome | undefined> {
	const {signal} = options;
	const spec = entry.url;
	let result: LoadResult;
	try {
		result = await untilAborted(load(library, entry, signal, serverFeeds, options.timeoutMs), signal);
	} catch (error) {
		if (signal?.aborted) return undefined;
		return fail(library, spec, labelOf(entry), error);
	}

	const name = entry.name ?? (result.edition.name || spec);
	try {
		const stored = library.storeEdition(spec, result.edition, options.retention ? {retention: options.retention} : {});
		// A site whose page was read but whose feed failed: its page is stored, its failure marked.
		const feedFailure = result.failures[0];
		if (feedFailure) {
			const failure = fail(library, spec, name, feedFailure.error, feedFailure.warning.replace(`${spec}: `, ''));
			return {...failure, added: stored.added};
		}

		return {spec, name, status: stored.added + stored.changed > 0 ? 'updated' : 'unchanged', added: stored.added};
	} catch (error) {
		// The store could not write (a full disk, a locked file): said in one line, items kept.
		const problem = problemOf(error, library.path);
		if (problem === 'disk full') return {...fail(library, spec, name, error, `could not store: ${problem}`), diskFull: true};
		return fail(library, spec, name, error, `could not store: ${messageOf(error)}`);
	}
}

/** A source of a host that has not answered others in this refresh: recorded as not answering, not fetched. */
function notAsked(library: Library, entry: SourceEntry, host: string): RefreshOutcome {
	const line = `not fetched: ${host} did not answer other sources in this refresh`;
	return fail(library, entry.url, labelOf(entry), new SourceError(entry.url, line, {kind: 'stalled'}), line);
}

/** A site whose feed the sync server fetches reads its page here, its latest items from the server. */
async function load(library: Library, entry: SourceEntry, signal: AbortSignal | undefined, serverFeeds: ReadonlySet<string> | undefined, timeoutMs?: number): Promise<LoadResult> {
	const {loadSource} = await import('../sources/load.js');
	return loadSource(entry.url, {
		cache: library.cache,
		// A failed fetch is a failure to record, not a reason to store the saved copy again.
		freshOnly: true,
		fetchOptions: {...(signal ? {signal} : {}), ...(timeoutMs === undefined ? {} : {timeoutMs})},
		...(entry.feed ? {feed: entry.feed} : {}),
		...(entry.name ? {name: entry.name} : {}),
		...(serverFeeds ? {serverFeeds} : {}),
	});
}

/** Rejects as soon as `signal` aborts, whatever the work does with it (a file read ignores it). */
async function untilAborted<T>(work: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
	if (!signal) return work;
	if (signal.aborted) throw new Error('aborted');
	let stop: (() => void) | undefined;
	const aborted = new Promise<never>((_, reject) => {
		stop = () => {
			reject(new Error('aborted'));
		};

		signal.addEventListener('abort', stop, {once: true});
	});
	try {
		return await Promise.race([work, aborted]);
	} finally {
		signal.removeEventListener('abort', stop!);
		// The work may still settle later: its rejection must not go unhandled.
		work.catch(() => undefined);
	}
}

function fail(library: Library, spec: string, name: string, error: unknown, line?: string): RefreshOutcome {
	const message = oneLine(line ?? (error instanceof SourceError ? error.problem : messageOf(error)));
	const failure = error instanceof SourceError ? error.failure : undefined;
	try {
		library.recordFailure(spec, message, undefined, failure);
	} catch {
		// The store cannot even note the failure (a full disk): the outcome still says it.
	}

	return {spec, name, status: 'failed', added: 0, error: message, ...(failure ? {failure} : {})};
}

function messageOf(error: unknown): string {
	return error instanceof Error ? error.message : String(error);
}

/** One printable line: messages quote servers and files. */
function oneLine(text: string): string {
	// eslint-disable-next-line no-control-regex -- controls in a message must not reach the terminal
	return text.split('\n')[0]!.replace(/[\u0000-\u001f\u007f-\u009f]/g, ' ').trim() || 'failed';
}
