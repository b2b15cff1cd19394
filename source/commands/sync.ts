/**
 * `akhbar sync [connect|status|disconnect]`: one account on a self-hosted aggregator (Miniflux,
 * or a Google Reader API server such as FreshRSS). `connect` checks the secret against the server
 * before saving anything; `sync` alone runs one sync now, with refresh's progress line.
 * Exit codes: 0 done, 1 a failure (one line), 2 a usage error.
 */
import process from 'node:process';
import type {Library} from '../library/api.js';
import {openPrefs, type PrefsStore} from '../prefs.js';
import {resolveTextOptions} from '../text-options.js';
import {sanitizeLine} from '../text/sanitize.js';
import {openForCommand} from './library-open.js';
import {englishCount} from '../text/plural.js';
import {passwordVariable, readSecretFile, removeSecretFile, SecretError, secretPath, secretSource, tokenVariable, writeSecretFile} from '../sync/account.js';
import {SyncError} from '../sync/http.js';
import {ProgressLine} from './refresh.js';
import type {TerminalStream} from './terminal-text.js';

export const syncHelp = `Usage: akhbar sync [connect|status|disconnect]

Keeps this akhbar in step with a self-hosted aggregator: its subscriptions appear in the
overview under the account (its categories as their tags), read, unread and starred marks go
both ways, and its entries come from the server (akhbar does not fetch those feeds itself).
Marks made offline are queued in the library and sent at the next sync.

  akhbar sync                       sync now (refresh and the reader's refresh also sync)
  akhbar sync connect miniflux URL [--token-file FILE]
                                    a Miniflux server; the API key from FILE or ${tokenVariable}
  akhbar sync connect greader URL --user NAME [--password-file FILE]
                                    a Google Reader API server (FreshRSS: URL ending in
                                    /api/greader.php); the password from FILE or
                                    ${passwordVariable}, exchanged once for a token
  akhbar sync status                the account, the last sync, changes waiting to be sent
  akhbar sync disconnect            forget the account and its secret (what the library
                                    holds of its sources stays readable)

The secret is kept in the file sync-secret (mode 0600) beside the preferences, or, when it came
from the environment, nowhere: the variable must then be set for every sync. It is never printed.
Exit codes: 0 done, 1 a failure, 2 a usage error.
`;

export type SyncIo = {
	stdout: TerminalStream;
	stderr: TerminalStream;
	env: NodeJS.ProcessEnv;
	prefs?: PrefsStore;
	openLibrary?: () => Library | Promise<Library>;
	/** The secret file. Default: sync-secret in the config folder. */
	secretFile?: string;
	signal?: AbortSignal;
};

class UsageError extends Error {}

type Parsed =
	| {action: 'help'}
	| {action: 'sync'}
	| {action: 'status'}
	| {action: 'disconnect'}
	| {action: 'connect'; kind: 'miniflux' | 'greader'; url: string; user?: string; secretFile?: string};

export function parseSyncArgs(argv: readonly string[]): Parsed {
	if (argv.includes('--help') || argv.includes('-h')) return {action: 'help'};
	const [action, ...rest] = argv;
	if (action === undefined) return {action: 'sync'};
	if (action === 'status' || action === 'disconnect') {
		if (rest.length > 0) throw new UsageError(`sync ${action} takes nothing more: ${sanitizeLine(rest[0]!)}`);
		return {action};
	}

	if (action !== 'connect') throw new UsageError(`unknown sync command: ${sanitizeLine(action)}`);
	const words: string[] = [];
	const flags = new Map<string, string>();
	for (let index = 0; index < rest.length; index++) {
		const arg = rest[index]!;
		if (!arg.startsWith('-')) {
			words.push(arg);
			continue;
		}

		const [name, inline] = arg.split(/=(.*)/s, 2) as [string, string | undefined];
		if (!['--token-file', '--password-file', '--user'].includes(name)) throw new UsageError(`unknown flag ${sanitizeLine(name)}`);
		const value = inline ?? rest[++index];
		if (value === undefined || value === '') throw new UsageError(`${name} needs a value`);
		flags.set(name, value);
	}

	const [kind, url, extra] = words;
	if (kind !== 'miniflux' && kind !== 'greader') throw new UsageError('sync connect takes miniflux or greader, then the server URL');
	if (url === undefined) throw new UsageError(`sync connect ${kind} needs the server URL`);
	if (extra !== undefined) throw new UsageError(`unexpected: ${sanitizeLine(extra)}`);
	if (kind === 'miniflux' && (flags.has('--password-file') || flags.has('--user'))) throw new UsageError('a Miniflux account takes --token-file (an API key), not a user name or password');
	if (kind === 'greader' && flags.has('--token-file')) throw new UsageError('a Google Reader account takes --user and --password-file');
	const user = flags.get('--user');
	if (kind === 'greader' && user === undefined) throw new UsageError('sync connect greader needs --user NAME');
	const secretFile = flags.get('--token-file') ?? flags.get('--password-file');
	return {action: 'connect', kind, url, ...(user === undefined ? {} : {user}), ...(secretFile === undefined ? {} : {secretFile})};
}

const defaultIo = (): SyncIo => ({stdout: process.stdout, stderr: process.stderr, env: process.env});

export async function runSync(argv: readonly string[], given: Partial<SyncIo> = {}): Promise<number> {
	const io = {...defaultIo(), ...given};
	let parsed: Parsed;
	try {
		parsed = parseSyncArgs(argv);
	} catch (error) {
		if (!(error instanceof UsageError)) throw error;
		io.stderr.write(`akhbar: ${error.message} (see akhbar sync --help)\n`);
		return 2;
	}

	if (parsed.action === 'help') {
		io.stdout.write(syncHelp);
		return 0;
	}

	const opened = await openForCommand(io.openLibrary ?? openUserLibrary, io.stderr);
	if (!opened) return 1;
	const {library} = opened;

	try {
		const secretFile = io.secretFile ?? secretPath();
		switch (parsed.action) {
			case 'connect': return await connect(parsed, library, io, secretFile);
			case 'status': return await status(library, io, secretFile);
			case 'disconnect': return await disconnect(library, io, secretFile);
			default: return await syncNow(library, io, secretFile);
		}
	} catch (error) {
		io.stderr.write(`akhbar: sync failed: ${sanitizeLine(error instanceof Error ? error.message : String(error))}\n`);
		return 1;
	} finally {
		library.close();
	}
}

async function connect(parsed: Extract<Parsed, {action: 'connect'}>, library: Library, io: SyncIo, secretFile: string): Promise<number> {
	const variable = parsed.kind === 'miniflux' ? tokenVariable : passwordVariable;
	let given: string | undefined;
	try {
		given = parsed.secretFile === undefined ? io.env[variable]?.trim() : readSecretFile(parsed.secretFile);
	} catch (error) {
		if (!(error instanceof SecretError)) throw error;
		io.stderr.write(`akhbar: ${sanitizeLine(error.message)}\n`);
		return 1;
	}

	if (!given) {
		const flag = parsed.kind === 'miniflux' ? '--token-file FILE' : '--password-file FILE';
		io.stderr.write(`akhbar: sync connect ${parsed.kind} needs ${parsed.kind === 'miniflux' ? 'an API key' : 'a password'}: ${flag}, or ${variable} in the environment\n`);
		return 2;
	}

	const http = io.signal ? {signal: io.signal} : {};
	let secret: string;
	let who: string;
	try {
		if (parsed.kind === 'miniflux') {
			const {minifluxClient} = await import('../sync/miniflux.js');
			const me = await minifluxClient(parsed.url, given, http).me();
			secret = given;
			who = me.username;
		} else {
			const {greaderLogin, greaderClient} = await import('../sync/greader.js');
			secret = await greaderLogin(parsed.url, parsed.user!, given, http);
			// The token is tried once: a server that gives one it then refuses is found now.
			await greaderClient(parsed.url, secret, http).subscriptions();
			who = parsed.user!;
		}
	} catch (error) {
		if (!(error instanceof SyncError)) throw error;
		io.stderr.write(`akhbar: cannot connect: ${sanitizeLine(error.message)}\n`);
		return 1;
	}

	const {openSyncStore} = await import('../sync/store.js');
	const {accountLabel} = await import('../sync/run.js');
	const store = openSyncStore(library);
	// From a file: kept in the secret file. From the environment: a Miniflux key stays there alone;
	// a Google Reader password is never kept, its token is (so the password need not stay set).
	const keep = parsed.secretFile !== undefined || parsed.kind === 'greader';
	if (keep) writeSecretFile(secretFile, secret);
	else removeSecretFile(secretFile);
	const account = store.connect(parsed.kind, parsed.url, parsed.kind === 'greader' ? parsed.user : who);
	io.stdout.write(`connected to ${accountLabel(account)} as ${sanitizeLine(who)}; the secret is ${keep ? `in ${secretFile}` : `read from ${variable} at each sync`}\nrun akhbar sync (or akhbar refresh) to bring its subscriptions in\n`);
	return 0;
}

async function status(library: Library, io: SyncIo, secretFile: string): Promise<number> {
	const {openSyncStore} = await import('../sync/store.js');
	const {accountLabel} = await import('../sync/run.js');
	const store = openSyncStore(library);
	const account = store.account();
	if (!account) {
		io.stdout.write('not connected; connect with: akhbar sync connect miniflux URL (see akhbar sync --help)\n');
		return 0;
	}

	const lines = [
		`account: ${accountLabel(account)} (${sanitizeLine(account.url)})${account.username ? `, user ${sanitizeLine(account.username)}` : ''}`,
		`last sync: ${account.syncedAt ?? 'never'}`,
		`pending changes: ${store.pendingCount(account.id)}`,
		`sources from the server: ${library.serverSources().length}`,
		`secret: ${secretSource(account.kind, io.env, secretFile)}`,
		...(account.failure ? [`last failure: ${sanitizeLine(account.failure)} (${account.failedAt ?? ''})`] : []),
	];
	io.stdout.write(`${lines.join('\n')}\n`);
	return 0;
}

async function disconnect(library: Library, io: SyncIo, secretFile: string): Promise<number> {
	const {openSyncStore} = await import('../sync/store.js');
	const {accountLabel} = await import('../sync/run.js');
	const store = openSyncStore(library);
	const account = store.account();
	removeSecretFile(secretFile);
	if (!account) {
		io.stdout.write('not connected\n');
		return 0;
	}

	const pending = store.pendingCount(account.id);
	store.disconnect();
	io.stdout.write(`disconnected from ${accountLabel(account)}; its sources stay in the library, no longer synced${pending > 0 ? ` (${englishCount(pending, 'change')} not sent)` : ''}\n`);
	return 0;
}

async function syncNow(library: Library, io: SyncIo, secretFile: string): Promise<number> {
	const {accountLabel, syncConnected, syncPhase, syncSummary} = await import('../sync/run.js');
	const {openSyncStore} = await import('../sync/store.js');
	const account = openSyncStore(library).account();
	const label = account ? accountLabel(account) : '';
	const prefs = io.prefs ?? openPrefs();
	const settings = prefs.get();
	const tty = Boolean(io.stderr.isTTY) && io.env['TERM'] !== 'dumb';
	const bar = tty ? new ProgressLine(io.stderr, resolveTextOptions(settings, {}, io.env)) : undefined;
	const outcome = await syncConnected(library, {
		env: io.env,
		secretFile,
		...(io.signal ? {signal: io.signal} : {}),
		retention: {archiveDays: settings.archiveDays, maxItemsPerSource: settings.maxItemsPerSource},
		onProgress: progress => bar?.draw({done: 0, total: 1, failed: 0, inFlight: [syncPhase(label, progress)]}),
	});
	bar?.clear();
	if (!outcome) {
		io.stderr.write('akhbar: not connected; connect with: akhbar sync connect miniflux URL (see akhbar sync --help)\n');
		return 1;
	}

	if (outcome.error) {
		io.stderr.write(`akhbar: ${sanitizeLine(outcome.error)}\n`);
		return 1;
	}

	io.stdout.write(`${syncSummary(outcome)}\n`);
	return 0;
}

async function openUserLibrary(onUpgrade: () => void): Promise<Library> {
	const {openLibrary} = await import('../library/index.js');
	return openLibrary({onUpgrade});
}
