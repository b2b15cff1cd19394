/**
 * Sync as one step of a refresh (`akhbar refresh`, the reader's R and autoRefresh): when an
 * account is connected, refreshSources runs one sync beside the sources it fetches, counted in
 * its progress as one more source, its outcome reported like a source's (a failure is one line;
 * queued marks stay queued). The feeds the server fetches are not fetched here too.
 */
import type {Library, RefreshOutcome, Retention} from '../library/api.js';
import type {SyncProgress} from './engine.js';
import {openSyncStore} from './store.js';

export type SyncStep = {
	label: string;
	/** Feed URLs the server fetches: configured sources with these URLs are skipped. */
	serverFeeds: ReadonlySet<string>;
	run(options: {signal?: AbortSignal; retention?: Retention; onProgress?: (phase: string) => void}): Promise<RefreshOutcome>;
};

/** Undefined when no account is connected (or `library` is not a store openLibrary made). */
export async function syncStep(library: Library): Promise<SyncStep | undefined> {
	let store;
	try {
		store = openSyncStore(library);
	} catch {
		return undefined;
	}

	const account = store.account();
	if (!account) return undefined;
	const {accountLabel, syncConnected, syncPhase} = await import('./run.js');
	const label = accountLabel(account);
	return {
		label,
		serverFeeds: store.serverFeedUrls(),
		async run({signal, retention, onProgress}) {
			const outcome = await syncConnected(library, {
				...(signal ? {signal} : {}),
				...(retention ? {retention} : {}),
				...(onProgress ? {onProgress: (progress: SyncProgress) => onProgress(syncPhase(label, progress))} : {}),
			});
			const spec = `sync:${account.kind}@${new URL(account.url).host}`;
			if (!outcome || outcome.error !== undefined || !outcome.result) {
				const error = outcome?.error ?? 'not connected';
				// The name says which server already.
				return {spec, name: label, status: 'failed', added: 0, error: error.startsWith(`${label}: `) ? error.slice(label.length + 2) : error};
			}

			const {result} = outcome;
			return {spec, name: label, status: result.added + result.sent + result.changed > 0 ? 'updated' : 'unchanged', added: result.added};
		},
	};
}
