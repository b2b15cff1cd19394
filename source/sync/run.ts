/**
 * One sync of the connected account, as `akhbar sync`, `akhbar refresh` and the reader's refresh
 * run it: never throws for the server's or the secret's failure (one line instead; what is queued
 * stays queued), and does nothing when no account is connected.
 */
import type {Library, Retention} from '../library/api.js';
import {englishCount} from '../text/plural.js';
import {accountSecret, passwordVariable, secretPath, SecretError} from './account.js';
import {syncLibrary, type SyncProgress, type SyncResult} from './engine.js';
import {greaderLogin} from './greader.js';
import {serverBase, serverLabel, SyncError} from './http.js';
import {openSyncStore, type Account} from './store.js';

export type ConnectedSyncOptions = {
	env?: NodeJS.ProcessEnv;
	/** The secret file. Default: `sync-secret` in the config folder. */
	secretFile?: string;
	signal?: AbortSignal;
	retention?: Retention;
	onProgress?: (progress: SyncProgress) => void;
	onRequest?: (method: string, path: string) => void;
};

export type ConnectedSync = {account: Account; label: string; result?: SyncResult; error?: string};

/** `Miniflux 127.0.0.1:8080`: the account as messages name it. */
export function accountLabel(account: Pick<Account, 'kind' | 'url'>): string {
	return serverLabel(account.kind === 'miniflux' ? 'Miniflux' : 'Google Reader server', serverBase(account.url, account.kind));
}

/** Undefined when no account is connected. */
export async function syncConnected(library: Library, options: ConnectedSyncOptions = {}): Promise<ConnectedSync | undefined> {
	const store = openSyncStore(library);
	const account = store.account();
	if (!account) return undefined;
	const label = accountLabel(account);
	const http = {
		...(options.signal ? {signal: options.signal} : {}),
		...(options.onRequest ? {onRequest: options.onRequest} : {}),
	};
	try {
		const env = options.env ?? process.env;
		const sync = async (secret: string) => syncLibrary(library, secret, {
			...http,
			...(options.retention ? {retention: options.retention} : {}),
			...(options.onProgress ? {onProgress: options.onProgress} : {}),
		});
		let result: SyncResult;
		try {
			result = await sync(await accountSecret(account, env, options.secretFile ?? secretPath(), http));
		} catch (error) {
			// A Google Reader server refused its auth token (it expired, or the password changed):
			// with the password at hand (the environment's) log in again, once; the password is not
			// kept anywhere, so without it the user connects again.
			if (account.kind !== 'greader' || !(error instanceof SyncError) || error.failure.kind !== 'auth') throw error;
			const password = env[passwordVariable];
			if (!password) throw new SyncError(`${error.message} (run akhbar sync connect again)`, error.failure);
			result = await sync(await greaderLogin(account.url, account.username ?? '', password, http));
		}

		return {account: result.account, label, result};
	} catch (error) {
		const message = error instanceof SyncError || error instanceof SecretError ? error.message : `${label}: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`;
		if (!(error instanceof SyncError)) store.failed(account.id, message);
		return {account, label, error: message};
	}
}

/** `synced with Miniflux host: 2 marks sent, 523 new items, 2 sources`. */
export function syncSummary({label, result}: ConnectedSync): string {
	if (!result) return `${label}: not synced`;
	const parts = [
		...(result.sent > 0 ? [`${englishCount(result.sent, 'mark')} sent`] : []),
		`${englishCount(result.added, 'new item')}`,
		...(result.fullTexts > 0 ? [`${englishCount(result.fullTexts, 'full text')}`] : []),
		englishCount(result.feeds, 'source'),
	];
	return `synced with ${label}: ${parts.join(', ')}`;
}

/** What the progress line shows for a sync: a phase as the name in flight. */
export function syncPhase(label: string, progress: SyncProgress): string {
	switch (progress.phase) {
		case 'sending': return `${label}: sending ${englishCount(progress.total ?? 0, 'mark')}`;
		case 'subscriptions': return `${label}: subscriptions`;
		case 'entries': return `${label}: ${progress.done} entries`;
		case 'full-text': return `${label}: full texts ${progress.done}/${progress.total ?? 0}`;
		default: return label;
	}
}
