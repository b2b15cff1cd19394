/**
 * The account's secret: Miniflux's API key, or the auth token a Google Reader server gave for
 * the password (exchanged once, at connect). Never in the preferences nor the library: a file of
 * its own, `sync-secret`, mode 0600, in the config folder beside the preferences (a file group or
 * others can read is refused), or only the environment (AKHBAR_MINIFLUX_TOKEN,
 * AKHBAR_GREADER_PASSWORD). Never printed: messages name the file, not what it holds.
 */
import fs from 'node:fs';
import path from 'node:path';
import {defaultConfigDir} from '../store/guarded-store.js';
import {greaderLogin} from './greader.js';
import type {HttpOptions} from './http.js';
import type {Account, AccountKind} from './store.js';

export const secretFileName = 'sync-secret';
export const tokenVariable = 'AKHBAR_MINIFLUX_TOKEN';
export const passwordVariable = 'AKHBAR_GREADER_PASSWORD';

/** A problem with the secret itself: one line, naming a file or a variable, never the secret. */
export class SecretError extends Error {
	override readonly name = 'SecretError';
}

export function secretPath(configDir: string = defaultConfigDir()): string {
	return path.join(configDir, secretFileName);
}

/** The longest secret read from a file: an API key or auth token is short; a file that is not one is refused. */
const maxSecretBytes = 4096;

/** One line of a file the user named (`--token-file`, `--password-file`), or the secret file. */
export function readSecretFile(file: string, options: {private?: boolean} = {}): string {
	let stat: fs.Stats;
	try {
		stat = fs.statSync(file);
	} catch (error) {
		throw new SecretError(`cannot read ${file} (${(error as NodeJS.ErrnoException).code ?? 'unreadable'})`);
	}

	if (!stat.isFile()) throw new SecretError(`${file} is not a file`);
	if (stat.size > maxSecretBytes) throw new SecretError(`${file} is larger than a key or password (${maxSecretBytes} bytes at most)`);
	// eslint-disable-next-line no-bitwise -- permission bits
	if (options.private && process.platform !== 'win32' && (stat.mode & 0o077) !== 0) {
		throw new SecretError(`${file} can be read by other users; refused (chmod 600 ${file}, then try again)`);
	}

	const secret = fs.readFileSync(file, 'utf8').split(/\r?\n/)[0]!.trim();
	if (secret === '') throw new SecretError(`${file} is empty`);
	// A secret travels in a header: control characters would break it (or smuggle a header).
	// eslint-disable-next-line no-control-regex -- what must not be in a header
	if (/[\u0000-\u001F\u007F]/.test(secret)) throw new SecretError(`${file} holds control characters; it is not a key or password`);
	return secret;
}

/** Writes the secret file, mode 0600 from its creation (a temporary file renamed into place). */
export function writeSecretFile(file: string, secret: string): void {
	fs.mkdirSync(path.dirname(file), {recursive: true, mode: 0o700});
	const partial = `${file}.${process.pid}.partial`;
	try {
		fs.writeFileSync(partial, `${secret}\n`, {mode: 0o600, flag: 'wx'});
		fs.chmodSync(partial, 0o600);
		fs.renameSync(partial, file);
	} catch (error) {
		fs.rmSync(partial, {force: true});
		throw new SecretError(`cannot write ${file} (${(error as NodeJS.ErrnoException).code ?? 'failed'})`);
	}
}

export function removeSecretFile(file: string): boolean {
	try {
		fs.rmSync(file);
		return true;
	} catch {
		return false;
	}
}

/** Where the connected account's secret comes from now (for `sync status`), without reading it. */
export function secretSource(kind: AccountKind, env: NodeJS.ProcessEnv, file: string): string {
	const variable = kind === 'miniflux' ? tokenVariable : passwordVariable;
	if (env[variable]) return `the environment (${variable})`;
	return fs.existsSync(file) ? file : 'missing';
}

/**
 * The secret a sync sends: the environment first (it overrides the file, as for a one-off
 * run), else the secret file. For a Google Reader server a password from the environment is
 * exchanged for a token now (nothing is kept).
 */
export async function accountSecret(account: Account, env: NodeJS.ProcessEnv, file: string, options: HttpOptions = {}): Promise<string> {
	if (account.kind === 'miniflux') {
		const token = env[tokenVariable]?.trim();
		if (token) return token;
	} else {
		const password = env[passwordVariable];
		if (password) return greaderLogin(account.url, account.username ?? '', password, options);
	}

	if (!fs.existsSync(file)) {
		const variable = account.kind === 'miniflux' ? tokenVariable : passwordVariable;
		throw new SecretError(`no secret for the account: ${file} is missing and ${variable} is not set (akhbar sync connect again)`);
	}

	return readSecretFile(file, {private: true});
}
