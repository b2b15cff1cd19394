/**
 * HTTP(S) GET with the limits a reader of hostile sites needs: http(s) only (after every
 * redirect too), a total timeout that also stops a slow drip, a size cap on the decompressed
 * body, conditional requests, proxies from the environment, and one-line errors.
 */
import {STATUS_CODES} from 'node:http';
import type {Dispatcher} from 'undici';
import type {Failure} from '../model.js';
import packageJson from '../../package.json' with {type: 'json'};
import {englishCount} from '../text/plural.js';
import {SourceError} from './errors.js';

export type FetchResult =
	| {status: 'ok'; url: string; bytes: Uint8Array; contentType?: string; etag?: string; lastModified?: string}
	| {status: 'not-modified'; url: string};

export type FetchOptions = {
	/** Validators of a cached copy; a 304 answer gives `not-modified`. */
	etag?: string;
	lastModified?: string;
	/** The whole exchange, redirects and body included. Default 20 s. */
	timeoutMs?: number;
	/** Default 10 s. */
	connectTimeoutMs?: number;
	/** Cap on the body after decompression. Default 10 MB. */
	maxBytes?: number;
	signal?: AbortSignal;
	/** Where requests go; by default an agent that honours HTTP(S)_PROXY and NO_PROXY. */
	dispatcher?: Dispatcher;
};

export const userAgent = `akhbar/${packageJson.version} (+terminal news reader)`;

export const defaultTimeoutMs = 20_000;
export const defaultConnectTimeoutMs = 10_000;
export const defaultMaxBytes = 10 * 1024 * 1024;
const maxRedirects = 5;
const redirectStatuses = new Set([301, 302, 303, 307, 308]);

/**
 * undici is about as much code as the rest of the app's sources together: loaded on the first
 * fetch, so reading a file or a saved copy never pays for it.
 */
let undici: Promise<typeof import('undici')> | undefined;
// undici is CommonJS: in the esbuild bundle its chunk has only a default export (module.exports),
// so the named exports must be read from `default` when they are not on the namespace itself.
export const loadUndici = async () =>
	(undici ??= import('undici').then(module => (module as unknown as {default?: typeof module}).default ?? module));

/**
 * An agent that sends requests through the proxies named in `env` (lower-case names first, as
 * curl does), except for hosts in NO_PROXY. Node's own fetch ignores these variables.
 */
export async function proxyAgentFromEnv(env: NodeJS.ProcessEnv = process.env, connectTimeoutMs = defaultConnectTimeoutMs): Promise<Dispatcher> {
	const {EnvHttpProxyAgent} = await loadUndici();
	// Empty strings, not undefined: undici would otherwise read process.env behind our back.
	return new EnvHttpProxyAgent({
		httpProxy: env['http_proxy'] ?? env['HTTP_PROXY'] ?? '',
		httpsProxy: env['https_proxy'] ?? env['HTTPS_PROXY'] ?? '',
		noProxy: env['no_proxy'] ?? env['NO_PROXY'] ?? '',
		connect: {timeout: connectTimeoutMs},
	});
}

/** One agent per connect timeout, made on first use, so connections are reused (sources and the sync clients share them). */
const agents = new Map<number, Promise<Dispatcher>>();

export async function defaultDispatcher(connectTimeoutMs: number): Promise<Dispatcher> {
	let agent = agents.get(connectTimeoutMs);
	if (!agent) {
		agent = proxyAgentFromEnv(process.env, connectTimeoutMs);
		agents.set(connectTimeoutMs, agent);
	}

	return agent;
}

export async function fetchUrl(url: string, options: FetchOptions = {}): Promise<FetchResult> {
	const timeoutMs = options.timeoutMs ?? defaultTimeoutMs;
	const connectTimeoutMs = options.connectTimeoutMs ?? defaultConnectTimeoutMs;
	const maxBytes = options.maxBytes ?? defaultMaxBytes;
	const {fetch} = await loadUndici();
	const dispatcher = options.dispatcher ?? await defaultDispatcher(connectTimeoutMs);

	const timer = new AbortController();
	const timeout = setTimeout(() => {
		timer.abort(new SourceError(url, `timed out after ${seconds(timeoutMs)}`, {kind: 'timeout', seconds: timeoutMs / 1000}));
	}, timeoutMs);
	const signal = options.signal ? AbortSignal.any([timer.signal, options.signal]) : timer.signal;

	try {
		let current = checkedUrl(url, url);
		for (let redirects = 0; ; redirects++) {
			// eslint-disable-next-line no-await-in-loop -- each hop depends on the one before
			const response = await fetch(current, {
				dispatcher,
				signal,
				redirect: 'manual',
				headers: requestHeaders(options),
			}).catch((error: unknown) => {
				throw networkError(url, current, error, signal, connectTimeoutMs);
			});

			if (redirectStatuses.has(response.status)) {
				// eslint-disable-next-line no-await-in-loop -- free the connection before the next hop
				await response.body?.cancel().catch(() => undefined);
				const location = response.headers.get('location');
				if (!location) {
					throw new SourceError(url, `${httpStatus(response.status)} without a Location`, {kind: 'redirect'});
				}

				if (redirects >= maxRedirects) {
					throw new SourceError(url, 'too many redirects', {kind: 'redirect'});
				}

				current = checkedUrl(url, location, current);
				continue;
			}

			if (response.status === 304) {
				await response.body?.cancel().catch(() => undefined);
				return {status: 'not-modified', url: current.href};
			}

			if (response.status < 200 || response.status > 299) {
				await response.body?.cancel().catch(() => undefined);
				throw new SourceError(url, httpStatus(response.status), {kind: 'http', status: response.status});
			}

			const bytes = await readBody(response, maxBytes, () => tooLarge(url, maxBytes)).catch((error: unknown) => {
				throw networkError(url, current, error, signal, connectTimeoutMs);
			});
			return {
				status: 'ok',
				url: current.href,
				bytes,
				...optional('contentType', response.headers.get('content-type')),
				...optional('etag', response.headers.get('etag')),
				...optional('lastModified', response.headers.get('last-modified')),
			};
		}
	} finally {
		clearTimeout(timeout);
	}
}

function requestHeaders(options: FetchOptions): Record<string, string> {
	const headers: Record<string, string> = {
		'user-agent': userAgent,
		accept: 'application/rss+xml, application/atom+xml, application/feed+json, application/json;q=0.9, text/html;q=0.9, application/xml;q=0.8, text/*;q=0.7, */*;q=0.5',
		'accept-language': 'ar, *;q=0.5',
	};
	if (options.etag) headers['if-none-match'] = options.etag;
	if (options.lastModified) headers['if-modified-since'] = options.lastModified;
	return headers;
}

/** Resolves `target` against `base` and refuses anything that is not http(s). */
function checkedUrl(source: string, target: string, base?: URL): URL {
	let parsed: URL;
	try {
		parsed = new URL(target, base);
	} catch {
		throw new SourceError(source, base ? 'redirected to an invalid URL' : 'not a valid URL', base ? {kind: 'redirect'} : undefined);
	}

	if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
		throw base
			? new SourceError(source, `redirected to a ${parsed.protocol} URL, which is refused`, {kind: 'redirect'})
			: new SourceError(source, `only http and https URLs can be fetched, not ${parsed.protocol}`);
	}

	return parsed;
}

/**
 * A response's body, at most `maxBytes`: one that declares a larger length (and is not
 * compressed) is refused before reading, its connection freed; otherwise it is read until it
 * passes the limit. `tooBig()` is thrown either way (sources and the sync clients each word it
 * their way).
 */
export async function readBody(
	response: {headers: {get(name: string): string | null; has(name: string): boolean}; body: ReadableStream<Uint8Array> | null},
	maxBytes: number,
	tooBig: () => Error,
): Promise<Uint8Array> {
	const declared = Number(response.headers.get('content-length'));
	if (!response.headers.has('content-encoding') && declared > maxBytes) {
		await response.body?.cancel().catch(() => undefined);
		throw tooBig();
	}

	return readCapped(response.body, maxBytes, tooBig);
}

/** Reads the (already decompressed) body, stopping as soon as it passes `maxBytes`: the transfer is cancelled and `tooBig()` thrown. */
async function readCapped(body: ReadableStream<Uint8Array> | null, maxBytes: number, tooBig: () => Error): Promise<Uint8Array> {
	if (!body) return new Uint8Array(0);
	const reader = body.getReader();
	const chunks: Uint8Array[] = [];
	let total = 0;
	for (;;) {
		// eslint-disable-next-line no-await-in-loop -- a stream is read in order
		const {done, value} = await reader.read();
		if (done) break;
		total += value.byteLength;
		if (total > maxBytes) {
			await reader.cancel().catch(() => undefined);
			throw tooBig();
		}

		chunks.push(value);
	}

	const bytes = new Uint8Array(total);
	let offset = 0;
	for (const chunk of chunks) {
		bytes.set(chunk, offset);
		offset += chunk.byteLength;
	}

	return bytes;
}

function tooLarge(source: string, maxBytes: number): SourceError {
	return new SourceError(source, `larger than ${formatBytes(maxBytes)}`, {kind: 'too-large', limit: formatBytes(maxBytes)});
}

/** Turns whatever undici threw into one line that names the source. */
function networkError(source: string, url: URL, error: unknown, signal: AbortSignal, connectTimeoutMs: number): SourceError {
	if (error instanceof SourceError) return error;
	if (signal.aborted) {
		const reason: unknown = signal.reason;
		return reason instanceof SourceError ? reason : new SourceError(source, 'cancelled', {kind: 'cancelled'});
	}

	const cause = rootCause(error);
	// The fetch standard blocks ports of other protocols (SMTP, IRC...), with this terse message.
	if (cause instanceof Error && cause.message === 'bad port') {
		return new SourceError(source, `port ${url.port} is not allowed for the web`, {kind: 'port', port: url.port});
	}

	const code = typeof cause === 'object' && cause !== null && 'code' in cause ? String(cause.code) : '';
	const known = problemForCode(code, url, connectTimeoutMs);
	if (known) return new SourceError(source, known[0], known[1]);
	const detail = firstLine(cause instanceof Error ? cause.message : String(cause));
	// Other TLS failures (a handshake refused, an old protocol) name themselves by their code.
	const tls = /^(?:ERR_SSL_|ERR_TLS_|EPROTO$)|CERT/.test(code);
	return new SourceError(source, detail, tls ? {kind: 'tls', problem: 'other', host: url.hostname} : {kind: 'network', detail});
}

/** The English problem of a socket error code (what `print` writes), and what failed. */
export function problemForCode(code: string, url: URL, connectTimeoutMs: number): [string, Failure] | undefined {
	const host = url.hostname;
	// zlib (gzip, deflate) and brotli, whose codes name the exact defect.
	if (/^(?:Z_DATA_ERROR|Z_BUF_ERROR|ERR__ERROR_FORMAT_)/.test(code)) return ['the compressed answer is damaged', {kind: 'damaged'}];
	switch (code) {
		case 'ECONNREFUSED': return ['connection refused', {kind: 'refused'}];
		case 'ENOTFOUND':
		case 'EAI_NONAME': return [`host not found: ${host}`, {kind: 'host-not-found', host}];
		case 'EAI_AGAIN': return [`could not look up ${host} (no network?)`, {kind: 'no-network', host}];
		case 'ECONNRESET':
		case 'UND_ERR_SOCKET': return ['connection closed by the server', {kind: 'closed'}];
		case 'EHOSTUNREACH':
		case 'ENETUNREACH': return ['network unreachable', {kind: 'unreachable'}];
		case 'ETIMEDOUT':
		case 'UND_ERR_CONNECT_TIMEOUT': return [`could not connect within ${seconds(connectTimeoutMs)}`, {kind: 'connect-timeout', seconds: connectTimeoutMs / 1000}];
		case 'UND_ERR_HEADERS_TIMEOUT':
		case 'UND_ERR_BODY_TIMEOUT': return ['the server stopped answering', {kind: 'stalled'}];
		case 'CERT_HAS_EXPIRED': return ['TLS certificate has expired', {kind: 'tls', problem: 'expired', host}];
		case 'ERR_TLS_CERT_ALTNAME_INVALID': return [`TLS certificate is not for ${host}`, {kind: 'tls', problem: 'wrong-host', host}];
		case 'DEPTH_ZERO_SELF_SIGNED_CERT':
		case 'SELF_SIGNED_CERT_IN_CHAIN':
		case 'UNABLE_TO_VERIFY_LEAF_SIGNATURE':
		case 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY': return [`TLS certificate not trusted (${code})`, {kind: 'tls', problem: 'untrusted', host}];
		default: return undefined;
	}
}

export function rootCause(error: unknown): unknown {
	let current = error;
	// fetch wraps the socket error: TypeError('fetch failed', {cause}).
	for (let depth = 0; depth < 5 && current instanceof Error && current.cause !== undefined; depth++) {
		current = current.cause;
	}

	return current;
}

function optional<K extends string>(key: K, value: string | null): Partial<Record<K, string>> {
	return value === null || value === '' ? {} : {[key]: value} as Record<K, string>;
}

/** `HTTP 404 Not Found`, with the standard reason (the server's own text is not trusted). */
function httpStatus(status: number): string {
	const reason = STATUS_CODES[status];
	return reason ? `HTTP ${status} ${reason}` : `HTTP ${status}`;
}

function seconds(ms: number): string {
	return `${Number((ms / 1000).toFixed(1))} s`;
}

/** `10 MB`, `1000 bytes`: sizes in messages. */
export function formatBytes(bytes: number): string {
	if (bytes >= 1024 * 1024) return `${Number((bytes / 1024 / 1024).toFixed(1))} MB`;
	if (bytes >= 1024) return `${Number((bytes / 1024).toFixed(1))} KB`;
	return englishCount(bytes, 'byte');
}

function firstLine(text: string): string {
	// eslint-disable-next-line no-control-regex -- controls in an error message must not reach the terminal
	return text.split('\n')[0]!.replace(/[\u0000-\u001f\u007f-\u009f]/g, ' ').trim() || 'failed';
}
