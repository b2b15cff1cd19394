/**
 * The one HTTP exchange the sync clients make with an aggregator (Miniflux, a Google Reader API
 * server): a total timeout that also stops a slow drip, a cap on the answer's size, redirects
 * followed only on the same origin and only for GET (credentials never go to another host),
 * proxies from the environment, and every failure one line naming the server, never the secret.
 */
import {STATUS_CODES} from 'node:http';
import type {Dispatcher} from 'undici';
import type {Failure} from '../model.js';
import {defaultDispatcher, formatBytes, loadUndici, problemForCode, readBody, rootCause, userAgent} from '../sources/fetch.js';

export type SyncFailure = Failure | {kind: 'auth'} | {kind: 'malformed'; detail: string};

/** A failed exchange with the server: `message` is one line, in English, without any secret. */
export class SyncError extends Error {
	override readonly name = 'SyncError';
	constructor(message: string, readonly failure: SyncFailure) {
		super(message);
	}
}

export type HttpOptions = {
	/** One exchange, body included. Default 30 s. */
	timeoutMs?: number;
	/** Default 10 s. */
	connectTimeoutMs?: number;
	/** Cap on one answer's body. Default 32 MB (a page of entries with their full texts). */
	maxBytes?: number;
	/** Aborts every exchange in flight (the reader quitting). */
	signal?: AbortSignal;
	/** Where requests go; by default an agent that honours HTTP(S)_PROXY and NO_PROXY. */
	dispatcher?: Dispatcher;
	/** Told of every request sent, before it goes (counted by the tests and the bench). */
	onRequest?: (method: string, path: string) => void;
};

export type HttpRequest = {
	method: 'GET' | 'POST' | 'PUT' | 'DELETE';
	/** Path and query, relative to the server's base URL (no leading slash). */
	path: string;
	headers?: Record<string, string>;
	body?: string;
	contentType?: string;
};

export type HttpAnswer = {status: number; contentType: string; text: string; /** The Date header: the server's clock. */ date?: string};

const defaultTimeoutMs = 30_000;
const defaultConnectTimeoutMs = 10_000;
const defaultMaxBytes = 32 * 1024 * 1024;
const maxRedirects = 3;
const redirectStatuses = new Set([301, 302, 303, 307, 308]);


/**
 * The server's base URL, checked: http(s) only, no credentials in it (they belong in the token
 * or password file, and would otherwise show in every message), ending in a slash.
 */
export function serverBase(url: string, what: string): URL {
	let parsed: URL;
	try {
		parsed = new URL(url);
	} catch {
		throw new SyncError(`${what}: not a valid URL`, {kind: 'network', detail: 'invalid URL'});
	}

	if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
		throw new SyncError(`${what}: only http and https servers, not ${parsed.protocol}`, {kind: 'network', detail: 'scheme'});
	}

	if (parsed.username || parsed.password) {
		throw new SyncError(`${what}: the URL must not hold a user name or password`, {kind: 'network', detail: 'credentials in URL'});
	}

	parsed.search = '';
	parsed.hash = '';
	if (!parsed.pathname.endsWith('/')) parsed.pathname += '/';
	return parsed;
}

/** `Miniflux 127.0.0.1:8080`: how messages name the server (host only: no path, no query). */
export function serverLabel(kind: string, base: URL): string {
	return `${kind} ${base.host}`;
}

/**
 * Sends one request and reads the whole answer. Any status is returned (the caller knows which
 * it expects) except redirects, which are followed on the same origin for GET and refused
 * otherwise; network failures, timeouts and oversized answers throw a SyncError.
 */
export async function exchange(base: URL, label: string, request: HttpRequest, options: HttpOptions = {}): Promise<HttpAnswer> {
	const timeoutMs = options.timeoutMs ?? defaultTimeoutMs;
	const connectTimeoutMs = options.connectTimeoutMs ?? defaultConnectTimeoutMs;
	const maxBytes = options.maxBytes ?? defaultMaxBytes;
	const {fetch} = await loadUndici();
	const dispatcher = options.dispatcher ?? await defaultDispatcher(connectTimeoutMs);
	const timer = new AbortController();
	const timeout = setTimeout(() => {
		timer.abort(new SyncError(`${label}: no answer within ${seconds(timeoutMs)}`, {kind: 'timeout', seconds: timeoutMs / 1000}));
	}, timeoutMs);
	const signal = options.signal ? AbortSignal.any([timer.signal, options.signal]) : timer.signal;

	try {
		let current = new URL(request.path, base);
		for (let redirects = 0; ; redirects++) {
			options.onRequest?.(request.method, current.pathname + current.search);
			const headers: Record<string, string> = {'user-agent': userAgent, accept: 'application/json, text/plain;q=0.5', ...request.headers};
			if (request.contentType) headers['content-type'] = request.contentType;
			// eslint-disable-next-line no-await-in-loop -- each hop depends on the one before
			const response = await fetch(current, {
				method: request.method,
				dispatcher,
				signal,
				redirect: 'manual',
				headers,
				...(request.body === undefined ? {} : {body: request.body}),
			}).catch((error: unknown) => {
				throw networkError(label, current, error, signal, connectTimeoutMs);
			});

			if (redirectStatuses.has(response.status)) {
				// eslint-disable-next-line no-await-in-loop -- free the connection before the next hop
				await response.body?.cancel().catch(() => undefined);
				const target = redirectTarget(response.headers.get('location'), current);
				if (!target || target.origin !== base.origin) {
					// The credentials were for this server alone: another host never sees them.
					throw new SyncError(`${label}: redirected to ${target ? `another server (${target.host})` : 'an invalid address'}; not followed with credentials`, {kind: 'redirect'});
				}

				if (request.method !== 'GET') {
					throw new SyncError(`${label}: a ${request.method} was redirected (${httpStatus(response.status)}); is the URL the server's own?`, {kind: 'redirect'});
				}

				if (redirects >= maxRedirects) throw new SyncError(`${label}: too many redirects`, {kind: 'redirect'});
				current = target;
				continue;
			}

			// eslint-disable-next-line no-await-in-loop -- one body per exchange
			const bytes = await readBody(response, maxBytes, () => tooLarge(label, maxBytes)).catch((error: unknown) => {
				throw networkError(label, current, error, signal, connectTimeoutMs);
			});
			const date = response.headers.get('date');
			return {status: response.status, contentType: response.headers.get('content-type') ?? '', text: new TextDecoder('utf-8', {fatal: false}).decode(bytes), ...(date ? {date} : {})};
		}
	} finally {
		clearTimeout(timeout);
	}
}

/** A status the caller did not expect, as one line; 401 and 403 say the credentials were refused. */
export function statusError(label: string, status: number, credentials: string): SyncError {
	if (status === 401 || status === 403) {
		return new SyncError(`${label}: ${httpStatus(status)}: the ${credentials} was refused`, {kind: 'auth'});
	}

	return new SyncError(`${label}: ${httpStatus(status)}`, {kind: 'http', status});
}

/** Parses a JSON answer; a body that is not JSON is one line, with none of its text. */
export function parseJson(label: string, answer: HttpAnswer): unknown {
	try {
		return JSON.parse(answer.text) as unknown;
	} catch {
		const what = answer.text.trim() === '' ? 'an empty answer' : 'an answer that is not JSON';
		throw malformed(label, `${what} (${answer.contentType || 'no content type'})`);
	}
}

export function malformed(label: string, detail: string): SyncError {
	return new SyncError(`${label}: unexpected answer: ${detail}`, {kind: 'malformed', detail});
}

function redirectTarget(location: string | null, current: URL): URL | undefined {
	if (!location) return undefined;
	try {
		const target = new URL(location, current);
		return target.protocol === 'http:' || target.protocol === 'https:' ? target : undefined;
	} catch {
		return undefined;
	}
}

function tooLarge(label: string, maxBytes: number): SyncError {
	return new SyncError(`${label}: answer larger than ${formatBytes(maxBytes)}`, {kind: 'too-large', limit: formatBytes(maxBytes)});
}

function networkError(label: string, url: URL, error: unknown, signal: AbortSignal, connectTimeoutMs: number): SyncError {
	if (error instanceof SyncError) return error;
	if (signal.aborted) {
		const reason: unknown = signal.reason;
		return reason instanceof SyncError ? reason : new SyncError(`${label}: cancelled`, {kind: 'cancelled'});
	}

	const cause = rootCause(error);
	const code = typeof cause === 'object' && cause !== null && 'code' in cause ? String(cause.code) : '';
	const known = problemForCode(code, url, connectTimeoutMs);
	if (known) return new SyncError(`${label}: ${known[0]}`, known[1]);
	// The library's own words, first line only and without controls; they name no secret (the
	// secret travels in a header or body, never in the URL).
	// eslint-disable-next-line no-control-regex -- controls must not reach the terminal
	const detail = (cause instanceof Error ? cause.message : String(cause)).split('\n')[0]!.replace(/[\u0000-\u001F\u007F-\u009F]/g, ' ').trim() || 'failed';
	const tls = /^(?:ERR_SSL_|ERR_TLS_|EPROTO$)|CERT/.test(code);
	return new SyncError(`${label}: ${detail}`, tls ? {kind: 'tls', problem: 'other', host: url.hostname} : {kind: 'network', detail});
}

/** `HTTP 500 Internal Server Error`, with the standard reason (the server's own text is not trusted). */
export function httpStatus(status: number): string {
	const reason = STATUS_CODES[status];
	return reason ? `HTTP ${status} ${reason}` : `HTTP ${status}`;
}

function seconds(ms: number): string {
	return `${Number((ms / 1000).toFixed(1))} s`;
}
