/**
 * `sources add|remove|list` while a sync account is connected: `add URL` subscribes on the server
 * (`--local` keeps the source on this machine only, in the preferences), `remove` unsubscribes
 * there a source the server serves, `list` shows the server's sources after the local ones.
 * Everything else is the local command's (sources.ts).
 */
import fs from 'node:fs';
import type {Library} from '../library/api.js';
import {sanitizeLine} from '../text/sanitize.js';
import type {CommandResult} from './io.js';

export type Routed = {result: CommandResult} | {argv: string[]; after?: string};

type Connected = {library: Library; close(): void};

/** The user's library when it exists and an account is connected. */
async function connected(): Promise<Connected | undefined> {
	const {defaultLibraryPath, openLibrary} = await import('../library/index.js');
	if (!fs.existsSync(defaultLibraryPath())) return undefined;
	let library: Library | undefined;
	try {
		library = openLibrary({flushOnExit: false});
		const {openSyncStore} = await import('../sync/store.js');
		if (!openSyncStore(library).account()) {
			library.close();
			return undefined;
		}

		const opened = library;
		return {library: opened, close: () => opened.close()};
	} catch {
		library?.close();
		return undefined;
	}
}

/** `sync:miniflux@host/12` → `12`; `sync:greader@host/feed/3` → `feed/3`. */
function remoteIdOf(spec: string): string {
	return spec.slice(spec.indexOf('/', 'sync:'.length) + 1);
}

const fail = (line: string, code = 1): Routed => ({result: {code, stdout: '', stderr: `akhbar: ${sanitizeLine(line)}\n`}});

export async function routeSources(argv: readonly string[]): Promise<Routed> {
	const [command = 'list', ...args] = argv;
	const local = args.includes('--local');
	const rest = args.filter(arg => arg !== '--local');
	if (command === 'add' && local) return {argv: ['add', ...rest]};
	if (!['add', 'remove', 'rm', 'list'].includes(command) || args.includes('--help') || args.includes('-h')) return {argv: [...argv]};
	const account = await connected();
	if (!account) return {argv: [...argv]};
	try {
		if (command === 'list') return {argv: [...argv], after: serverList(account.library)};
		if (command === 'add') return await subscribe(account.library, rest);
		return await unsubscribe(account.library, rest, argv);
	} finally {
		account.close();
	}
}

function serverList(library: Library): string {
	const sources = library.overview().filter(source => source.account !== undefined);
	if (sources.length === 0) return '';
	const lines = sources.map(source => `   ${sanitizeLine(source.name)}${source.tags.length > 0 ? `  [${source.tags.map(tag => sanitizeLine(tag)).join(', ')}]` : ''}  (${source.unread} unread of ${source.total})`);
	return `from the server (${sanitizeLine(sources[0]!.account!)}; add --local to keep a new source on this machine only):\n${lines.join('\n')}\n`;
}

async function subscribe(library: Library, args: readonly string[]): Promise<Routed> {
	const words = args.filter((arg, index) => !arg.startsWith('-') && !['--tag', '-t', '--name', '-n', '--feed'].includes(args[index - 1] ?? ''));
	const url = words[0];
	if (url === undefined || !/^https?:\/\//iu.test(url)) {
		// A file, or something the local command explains: local.
		return {argv: ['add', ...args]};
	}

	const tagIndex = args.findIndex(arg => arg === '--tag' || arg === '-t');
	const tag = tagIndex === -1 ? args.find(arg => arg.startsWith('--tag='))?.slice('--tag='.length) : args[tagIndex + 1];
	const {openSyncStore} = await import('../sync/store.js');
	const {accountSecret, secretPath} = await import('../sync/account.js');
	const {accountLabel, syncConnected} = await import('../sync/run.js');
	const store = openSyncStore(library);
	const account = store.account()!;
	const label = accountLabel(account);
	try {
		const secret = await accountSecret(account, process.env, secretPath());
		let remoteId: string;
		let note = '';
		if (account.kind === 'miniflux') {
			const {minifluxClient} = await import('../sync/miniflux.js');
			const client = minifluxClient(account.url, secret);
			const category = tag === undefined ? undefined : (await client.categories()).find(found => found.title === tag);
			remoteId = String(await client.subscribe(url, category?.id));
			if (tag !== undefined && category === undefined) note = ` (no category "${tag}" there: in its default one)`;
		} else {
			const {greaderClient} = await import('../sync/greader.js');
			const client = greaderClient(account.url, secret);
			remoteId = await client.quickAdd(url);
			if (tag !== undefined) await client.addToFolder(remoteId, tag);
		}

		const synced = await syncConnected(library);
		const added = library.overview().find(source => source.account !== undefined && remoteIdOf(source.spec) === remoteId);
		const after = synced?.error ? `; the sync after failed: ${synced.error}` : '';
		return {result: {code: 0, stdout: `subscribed on ${label}: ${added?.name ?? url}${note}${after}\n`, stderr: ''}};
	} catch (error) {
		return fail(`cannot subscribe: ${error instanceof Error ? error.message : String(error)}`);
	}
}

async function unsubscribe(library: Library, args: readonly string[], argv: readonly string[]): Promise<Routed> {
	const [target] = args;
	if (target === undefined || args.length > 1) return {argv: [...argv]};
	const {openSyncStore} = await import('../sync/store.js');
	const {accountSecret, secretPath} = await import('../sync/account.js');
	const {accountLabel, syncConnected} = await import('../sync/run.js');
	const {openPrefs} = await import('../prefs.js');
	// A configured source of that URL or name is the local command's.
	const configured = openPrefs().get().sources;
	if (configured.some(source => source.url === target || source.name === target)) return {argv: [...argv]};
	const store = openSyncStore(library);
	const account = store.account()!;
	const matches = library.serverSources().filter(source => source.name === target || source.spec === target || store.remoteUrlOf(source.spec) === target);
	if (matches.length === 0) return {argv: [...argv]};
	if (matches.length > 1) return fail(`${matches.length} sources on the server are named "${target}"; give its feed URL`);
	try {
		const secret = await accountSecret(account, process.env, secretPath());
		const remoteId = remoteIdOf(matches[0]!.spec);
		if (account.kind === 'miniflux') {
			const {minifluxClient} = await import('../sync/miniflux.js');
			await minifluxClient(account.url, secret).unsubscribe(Number(remoteId));
		} else {
			const {greaderClient} = await import('../sync/greader.js');
			await greaderClient(account.url, secret).unsubscribe(remoteId);
		}

		const synced = await syncConnected(library);
		const after = synced?.error ? `; the sync after failed: ${synced.error}` : '';
		return {result: {code: 0, stdout: `unsubscribed on ${accountLabel(account)}: ${matches[0]!.name}${after}\n`, stderr: ''}};
	} catch (error) {
		return fail(`cannot unsubscribe: ${error instanceof Error ? error.message : String(error)}`);
	}
}
