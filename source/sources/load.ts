/**
 * What the CLI and the reader call: a source as the user wrote it (a path, `-`, or a URL) →
 * an Edition. Bytes come from a file, standard input, or the network through the cache; then
 * they are decoded, sniffed, and handed to the parser for their format.
 */
import {createReadStream} from 'node:fs';
import {readFile, stat} from 'node:fs/promises';
import {fileURLToPath} from 'node:url';
import {localClock} from '../clock.js';
import type {Article, Edition} from '../model.js';
import {localDate, zoneLabel} from '../text/dates.js';
import {openCache, type Cache, type CacheEntry} from './cache.js';
import {decodeBytes} from './decode.js';
import {detectFormat, type SourceFormat} from './detect.js';
import {SourceError} from './errors.js';
import {defaultMaxBytes, fetchUrl, formatBytes, type FetchOptions} from './fetch.js';
import {joinSite, siteWideFeed, wellKnownFeeds, type Discovery} from './site.js';
import {parseTextDump} from './text.js';

export type LoadOptions = {
	/** Where copies of URLs are kept; `false` for none. Default: the platform cache directory. */
	cache?: Cache | false;
	fetchOptions?: FetchOptions;
	/** Read for the source `-`. Default: process.stdin. */
	stdin?: NodeJS.ReadableStream;
	/** Use only saved copies; fail for a URL that has none. */
	offline?: boolean;
	/** Cap for files and standard input, and for URLs unless fetchOptions says otherwise. Default 10 MB. */
	maxBytes?: number;
	/** Told about a saved copy used in place of a failed fetch (loadFullText has no result to carry it). */
	onWarning?: (warning: string) => void;
	/** A site's feed, as chosen when the source was added; else it is found on the page. */
	feed?: string;
	/** `false`: a page is read alone, its site's feed neither looked for nor joined. */
	site?: boolean;
	/**
	 * Feeds fetched elsewhere (a sync server): a site whose feed is one of them is read as its
	 * page alone, the feed named in its `site.feed` and not fetched (its items come from there).
	 */
	serverFeeds?: ReadonlySet<string>;
	/** The name the user gave the source (`sources add --name`): it names the edition, not the feed's title. */
	name?: string;
	/**
	 * Told a site's page edition as soon as the page is read, before its feed is (which can take
	 * long: a slow or hung server); the edition the load gives back lists the same headlines first.
	 * Not told when the saved copy was (`onSaved`): that copy holds the feed's items too.
	 */
	onPage?: (result: LoadResult) => void;
	/**
	 * Told the edition of a URL's saved copy at once, before the network is asked (which can take
	 * long: a slow or hung server). The load then gives back only a fresh edition (`freshOnly`).
	 */
	onSaved?: (result: LoadResult) => void;
	/**
	 * A failed fetch, or an answer that cannot be read, is an error rather than a reason to give
	 * the saved copy: the caller shows that copy already. A site's feed still falls back on its own.
	 */
	freshOnly?: boolean;
};

/** A warning that reports a failed fetch, with the error behind it, for a reader that words it itself. */
export type LoadFailure = {
	warning: string;
	error: SourceError;
	/** The failure is the site's feed's, not the source's own. */
	feed?: boolean;
	/** A saved copy, of this time, is used instead. */
	copyAsOf?: string;
};

export type LoadResult = {
	edition: Edition;
	/** Set when the edition comes from a saved copy rather than a fresh answer. */
	fromCache?: {asOf: string};
	warnings: string[];
	/** Those of the warnings that report a failed fetch. */
	failures: LoadFailure[];
};

/** Bytes and what is known about them, whatever they came from. */
type Loaded = {
	bytes: Uint8Array;
	contentType?: string;
	/** Base for relative links: the URL after redirects. */
	url?: string;
	fromCache?: {asOf: string; reason: string};
	warnings: string[];
	/** Those of the warnings that report a failed fetch. */
	failures?: LoadFailure[];
	/** Saves a fresh answer in the cache once it has proved readable; a warning if it cannot. */
	save?: () => string | undefined;
	/** The saved copy a fresh answer replaces, to fall back on if the answer cannot be read. */
	previous?: CacheEntry;
	/** `freshOnly` was asked: an answer that cannot be read is an error, the copy is not given. */
	freshOnly?: boolean;
};

/** How long a well-known feed path is given to answer. */
const probeTimeoutMs = 5000;

export async function loadSource(spec: string, given: LoadOptions = {}): Promise<LoadResult> {
	let options = given;
	const saved = options.onSaved && !options.offline && isUrl(spec) ? await savedEdition(spec, options) : undefined;
	if (saved) {
		options.onSaved!(saved);
		options = {...options, freshOnly: true, onPage: undefined};
	}

	const {value: page, loaded} = await interpret(spec, await loadBytes(spec, options), parseAs);
	page.source = spec;
	const named = (result: LoadResult): LoadResult => (options.name ? {...result, edition: {...result.edition, name: options.name}} : result);
	// A site's page (not a saved file: that is read as it is) joins the site's feed.
	if (!page.site || !isUrl(spec) || options.site === false) return named(resultOf(spec, page, loaded));
	// The feed may be slow or hang: the page's lists can be read meanwhile, when the joined
	// edition keeps them where they are (its own article, then its list, the latest after them).
	if (options.onPage && (page.site.articlePage || page.headlines.some(headline => headline.rank !== undefined))) {
		options.onPage(named(resultOf(spec, page, loaded)));
	}

	const served = options.feed ?? siteWideFeed(page.site.feeds)?.url;
	if (served && options.serverFeeds?.has(served)) return named(resultOf(spec, {...page, site: {...page.site, feed: served}}, loaded));
	const site = await loadSiteFeed(page, spec, options);
	return named(resultOf(spec, joinSite(page, site.edition, site.url), loaded, site.warnings, site.failures));
}

/** The edition of a URL's saved copy (its site's feed's copy joined), if one can be read. */
async function savedEdition(spec: string, options: LoadOptions): Promise<LoadResult | undefined> {
	try {
		return await loadSource(spec, {...options, offline: true, onSaved: undefined, onPage: undefined});
	} catch {
		// No copy, or none that can be read: the network decides.
		return undefined;
	}
}

/** What a load gives back: the edition with a note when it is a saved copy, every warning. */
function resultOf(spec: string, edition: Edition, loaded: Loaded, warnings: readonly string[] = [], failures: readonly LoadFailure[] = []): LoadResult {
	// What the parser noted (a document cut short: the items before the cut are shown) is said
	// where warnings are said, stderr for print and the status line in the reader.
	const noted = edition.notes.map(note => `${spec}: ${note}`);
	const notes = loaded.fromCache
		? [...edition.notes, `showing the copy as of ${formatTime(loaded.fromCache.asOf)} (${loaded.fromCache.reason})`]
		: edition.notes;
	return {
		edition: {...edition, notes},
		...(loaded.fromCache ? {fromCache: {asOf: loaded.fromCache.asOf}} : {}),
		warnings: [...loaded.warnings, ...warnings, ...noted],
		failures: [...loaded.failures ?? [], ...failures],
	};
}

type SiteFeed = {edition?: Edition; url?: string; warnings: string[]; failures?: LoadFailure[]};

/** The feed of a site's page: the one chosen when it was added, else the page's, else a well-known one. */
async function loadSiteFeed(page: Edition, spec: string, options: LoadOptions): Promise<SiteFeed> {
	const chosen = options.feed ?? siteWideFeed(page.site?.feeds ?? [])?.url;
	if (chosen) {
		try {
			// The source's own copy is shown by the caller of `freshOnly`; the feed's is not.
			const {value, loaded} = await loadFeed(chosen, {...options, freshOnly: false});
			return {edition: value, url: chosen, warnings: loaded.warnings, failures: loaded.failures?.map(failure => ({...failure, feed: true}))};
		} catch (error) {
			const warning = `${spec}: its feed could not be read (${messageOf(error)})`;
			return {warnings: [warning], failures: error instanceof SourceError ? [{warning, error, feed: true}] : []};
		}
	}

	const [found] = await probeFeeds(page.site?.url ?? spec, options, true);
	return found ? {edition: found.edition, url: found.url, warnings: []} : {warnings: []};
}

/** A feed, read as one: a page or text where it should be is refused, and not saved. */
async function loadFeed(url: string, options: LoadOptions): Promise<{value: Edition; loaded: Loaded}> {
	return interpret(url, await loadUrl(url, options), parseFeedOnly);
}

type Probed = {url: string; edition: Edition};

/**
 * The feeds at a site's well-known paths, in their order, each given 5 s; with `first`, only the
 * first that is a feed (the slower paths are abandoned once it is known).
 */
async function probeFeeds(pageUrl: string, options: LoadOptions, first: boolean): Promise<Probed[]> {
	const abandon = new AbortController();
	const signal = options.fetchOptions?.signal ? AbortSignal.any([abandon.signal, options.fetchOptions.signal]) : abandon.signal;
	const fetchOptions: FetchOptions = {
		...options.fetchOptions,
		signal,
		timeoutMs: Math.min(options.fetchOptions?.timeoutMs ?? probeTimeoutMs, probeTimeoutMs),
		connectTimeoutMs: Math.min(options.fetchOptions?.connectTimeoutMs ?? probeTimeoutMs, probeTimeoutMs),
	};
	const attempts = wellKnownFeeds(pageUrl).map(async url => {
		try {
			const {value} = await loadFeed(url, {...options, fetchOptions, freshOnly: false});
			return {url, edition: value};
		} catch {
			return undefined;
		}
	});
	const found: Probed[] = [];
	try {
		for (const attempt of attempts) {
			// eslint-disable-next-line no-await-in-loop -- in order: the first path that answers wins
			const result = await attempt;
			if (!result) continue;
			found.push(result);
			if (first) break;
		}
	} finally {
		abandon.abort();
	}

	return found;
}

/**
 * What `sources add URL` stores: for a site's page, the feeds it offers and the one chosen by the
 * rule the reader follows (the site-wide feed the page declares, else the first well-known path
 * that is a feed; the list then holds those too); for a feed, nothing more.
 */
export async function discoverSite(url: string, options: LoadOptions = {}): Promise<Discovery> {
	try {
		const {edition} = await loadSource(url, {...options, site: false});
		if (!edition.site) return {kind: 'feed'};
		const declared = edition.site.feeds;
		const chosen = siteWideFeed(declared)?.url;
		if (chosen) return {kind: 'site', feeds: declared, chosen};
		const probed = await probeFeeds(edition.site.url ?? url, options, false);
		const feeds = [...declared, ...probed.map(found => ({url: found.url, title: found.edition.name}))];
		return {kind: 'site', feeds, ...(probed[0] ? {chosen: probed[0].url} : {})};
	} catch (error) {
		return {kind: 'unreachable', problem: error instanceof SourceError ? error.problem : messageOf(error)};
	}
}

/** The full text of a feed item that carries only a summary: its page, fetched (and cached) and extracted. */
export async function loadFullText(url: string, options: LoadOptions = {}): Promise<Article> {
	if (!isUrl(url)) {
		throw new SourceError(url, 'only http and https URLs can be fetched');
	}

	const {value: article, loaded} = await interpret(url, await loadUrl(url, options), extract);
	for (const warning of loaded.warnings) options.onWarning?.(warning);
	return article;
}

async function extract(format: SourceFormat, text: string, url: string, pageUrl: string | undefined): Promise<Article> {
	if (format === 'html') {
		const {extractArticle} = await import('./html.js');
		return extractArticle(text, url, pageUrl);
	}

	if (format === 'text') {
		const article = parseTextDump(text, url).articles[0];
		if (article) return article;
	}

	throw new SourceError(url, `not an article page (${format === 'text' ? 'no text' : `a ${format} document`})`);
}

type Reader<T> = (format: SourceFormat, text: string, spec: string, baseUrl: string | undefined) => Promise<T>;

/**
 * Decodes, sniffs and reads what was loaded. A fresh answer is saved only once it has been read,
 * so the cache keeps the last *good* copy; an answer that cannot be read (an error page, a
 * captive portal's login page where a feed was) gives way to that copy.
 */
async function interpret<T>(spec: string, loaded: Loaded, read: Reader<T>): Promise<{value: T; loaded: Loaded}> {
	try {
		const text = decodeText(spec, loaded);
		const format = detectFormat(text, loaded.contentType);
		if (loaded.previous && isFeedlike(formatOf(loaded.previous)) && !isFeedlike(format)) {
			throw new SourceError(spec, `${format === 'html' ? 'a web page' : 'plain text'} came instead of the feed`);
		}

		const value = await guard(spec, async () => read(format, text, spec, loaded.url));
		const warning = loaded.save?.();
		return {value, loaded: warning ? {...loaded, warnings: [...loaded.warnings, warning]} : loaded};
	} catch (error) {
		if (!loaded.previous || loaded.freshOnly || !(error instanceof SourceError)) throw error;
		const warning = fallbackWarning(spec, error.problem, loaded.previous);
		const copy = fromCopy(loaded.previous, error.problem, [...loaded.warnings, warning], [...loaded.failures ?? [], {warning, error, copyAsOf: loaded.previous.fetchedAt}]);
		const text = decodeText(spec, copy);
		const value = await guard(spec, async () => read(detectFormat(text, copy.contentType), text, spec, copy.url));
		return {value, loaded: copy};
	}
}

function isFeedlike(format: SourceFormat): boolean {
	return format !== 'html' && format !== 'text';
}

/** The format of a saved copy, from its start. */
function formatOf(entry: CacheEntry): SourceFormat {
	const {text} = decodeBytes(entry.bytes.subarray(0, 16 * 1024), entry.contentType);
	return detectFormat(text, entry.contentType);
}

function fallbackWarning(spec: string, problem: string, entry: CacheEntry): string {
	return `${spec}: ${problem}; showing the copy as of ${formatTime(entry.fetchedAt)}`;
}

async function loadBytes(spec: string, options: LoadOptions): Promise<Loaded> {
	const maxBytes = options.maxBytes ?? defaultMaxBytes;
	if (spec === '-') {
		return {bytes: await readStream(spec, options.stdin ?? process.stdin, maxBytes), warnings: []};
	}

	if (isUrl(spec)) {
		return loadUrl(spec, options);
	}

	return {bytes: await readFileSpec(spec, maxBytes), warnings: []};
}

/** Cache first for validators, then the network; a failure falls back on the saved copy. */
async function loadUrl(url: string, options: LoadOptions): Promise<Loaded> {
	const cache = options.cache === false ? undefined : options.cache ?? openCache();
	const cached = cache?.get(url);
	if (options.offline) {
		if (!cached) throw new SourceError(url, 'offline, and no copy is saved', {kind: 'offline'});
		return fromCopy(cached, 'offline', []);
	}

	const fetchOptions: FetchOptions = {
		...(options.maxBytes === undefined ? {} : {maxBytes: options.maxBytes}),
		...options.fetchOptions,
		...(cached?.etag ? {etag: cached.etag} : {}),
		...(cached?.lastModified ? {lastModified: cached.lastModified} : {}),
	};

	let result;
	try {
		result = await fetchUrl(url, fetchOptions);
	} catch (error) {
		// A caller that cancelled wants nothing, not the saved copy; one that shows it, only news.
		if (!cached || options.freshOnly || options.fetchOptions?.signal?.aborted) throw error;
		const problem = error instanceof SourceError ? error.problem : messageOf(error);
		const warning = fallbackWarning(url, problem, cached);
		return fromCopy(cached, problem, [warning], error instanceof SourceError ? [{warning, error, copyAsOf: cached.fetchedAt}] : []);
	}

	const fetchedAt = new Date().toISOString();
	if (result.status === 'not-modified') {
		if (!cached) throw new SourceError(url, 'HTTP 304 Not Modified, but no copy is saved');
		// Still current: remember when that was last confirmed, so a later offline note is right.
		const refreshed = {...cached, fetchedAt};
		const warning = cache?.put(refreshed);
		return {...loadedFrom(refreshed), warnings: warning ? [warning] : []};
	}

	const entry: CacheEntry = {
		url,
		...(result.url === url ? {} : {finalUrl: result.url}),
		fetchedAt,
		...(result.etag === undefined ? {} : {etag: result.etag}),
		...(result.lastModified === undefined ? {} : {lastModified: result.lastModified}),
		...(result.contentType === undefined ? {} : {contentType: result.contentType}),
		bytes: result.bytes,
	};
	return {
		...loadedFrom(entry),
		warnings: [],
		...(cache ? {save: () => cache.put(entry)} : {}),
		...(cached ? {previous: cached} : {}),
		...(options.freshOnly ? {freshOnly: true} : {}),
	};
}

function loadedFrom(entry: CacheEntry): Omit<Loaded, 'warnings'> {
	return {
		bytes: entry.bytes,
		url: entry.finalUrl ?? entry.url,
		...(entry.contentType === undefined ? {} : {contentType: entry.contentType}),
	};
}

function fromCopy(entry: CacheEntry, reason: string, warnings: string[], failures: LoadFailure[] = []): Loaded {
	return {...loadedFrom(entry), fromCache: {asOf: entry.fetchedAt, reason}, warnings, failures};
}

async function readFileSpec(spec: string, maxBytes: number): Promise<Uint8Array> {
	let path = spec;
	let info;
	try {
		if (/^file:/i.test(spec)) path = fileURLToPath(spec);
		info = await stat(path);
	} catch (error) {
		throw new SourceError(spec, fileProblem(error, spec));
	}

	if (info.isDirectory()) throw new SourceError(spec, 'is a directory');
	if (info.isFile() && info.size > maxBytes) throw new SourceError(spec, `larger than ${formatBytes(maxBytes)}`);

	try {
		if (info.isFile()) {
			const bytes = await readFile(path);
			// It may have grown since stat.
			if (bytes.byteLength > maxBytes) throw new SourceError(spec, `larger than ${formatBytes(maxBytes)}`);
			return bytes;
		}

		// A pipe or a device (`<(curl ...)`, /dev/stdin): its size is known only by reading.
		return await readStream(spec, createReadStream(path), maxBytes);
	} catch (error) {
		if (error instanceof SourceError) throw error;
		throw new SourceError(spec, fileProblem(error, spec));
	}
}

async function readStream(spec: string, stream: NodeJS.ReadableStream, maxBytes: number): Promise<Uint8Array> {
	const chunks: Buffer[] = [];
	let total = 0;
	try {
		for await (const chunk of stream) {
			const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.from(chunk as Uint8Array);
			total += buffer.byteLength;
			// Leaving the loop closes the stream; nothing more is read.
			if (total > maxBytes) throw new SourceError(spec, `larger than ${formatBytes(maxBytes)}`);
			chunks.push(buffer);
		}
	} catch (error) {
		if (error instanceof SourceError) throw error;
		throw new SourceError(spec, `could not read: ${messageOf(error)}`);
	}

	return Buffer.concat(chunks, total);
}

function decodeText(spec: string, loaded: Loaded): string {
	const {text} = decodeBytes(loaded.bytes, loaded.contentType);
	if (looksBinary(text)) throw new SourceError(spec, 'not a feed, page or text (binary data)');
	if (text.trim() === '') throw new SourceError(spec, 'empty');
	return text;
}

/**
 * NUL in the first kilobyte, or a sample mostly made of controls and replacement characters.
 * Checked after decoding, so that UTF-16 (full of NUL bytes) is text.
 */
export function looksBinary(text: string): boolean {
	if (text.slice(0, 1024).includes('\0')) return true;
	const sample = text.slice(0, 4096);
	let bad = 0;
	for (let index = 0; index < sample.length; index++) {
		const code = sample.charCodeAt(index);
		const control = (code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0c && code !== 0x0d)
			|| (code >= 0x7f && code <= 0x9f);
		if (control || code === 0xfffd) bad++;
	}

	return bad > sample.length * 0.1;
}

/** Parsers are loaded when needed: a feed never pays for the HTML reader's DOM. */
async function parseAs(format: SourceFormat, text: string, spec: string, baseUrl: string | undefined): Promise<Edition> {
	switch (format) {
		case 'rss':
		case 'rdf':
		case 'atom':
		case 'jsonfeed': {
			const {parseFeed} = await import('./feed.js');
			return parseFeed(text, spec, format);
		}

		case 'mostread-json': {
			const {parseMostReadJson} = await import('./mostread-json.js');
			return parseMostReadJson(text, spec, baseUrl);
		}

		case 'html': {
			const {parsePage} = await import('./html.js');
			return parsePage(text, spec, baseUrl);
		}

		case 'text': {
			return parseTextDump(text, spec);
		}
	}
}

/** A site's feed: a page or text where the feed should be is not one (and is not saved as one). */
async function parseFeedOnly(format: SourceFormat, text: string, spec: string, baseUrl: string | undefined): Promise<Edition> {
	if (!isFeedlike(format) || format === 'mostread-json') throw new SourceError(spec, format === 'html' ? 'a web page, not a feed' : 'not a feed');
	return parseAs(format, text, spec, baseUrl);
}

/** A parser that trips over hostile input still gives one line naming the source. */
async function guard<T>(spec: string, parse: () => Promise<T>): Promise<T> {
	try {
		return await parse();
	} catch (error) {
		if (error instanceof SourceError) throw error;
		throw new SourceError(spec, `could not be read (${messageOf(error)})`);
	}
}

function isUrl(spec: string): boolean {
	return /^https?:\/\//i.test(spec);
}

function fileProblem(error: unknown, spec: string): string {
	const code = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : '';
	switch (code) {
		case 'ENOENT':
		case 'ENOTDIR':
			// `news.example/feed` or `ftp://...` was probably meant as a URL.
			// `file:` URLs are read; any other scheme was never going to be fetched.
			return /^[a-z][a-z\d+.-]*:\/\//i.test(spec) && !/^file:/i.test(spec)
				? 'no such file (only http and https URLs are fetched)'
				: 'no such file';
		case 'EACCES':
		case 'EPERM': return 'permission denied';
		case 'EISDIR': return 'is a directory';
		default: return messageOf(error);
	}
}

function messageOf(error: unknown): string {
	const text = error instanceof Error ? error.message : String(error);
	// eslint-disable-next-line no-control-regex -- controls in a message must not reach the terminal
	return text.split('\n')[0]!.replace(/[\u0000-\u001f\u007f-\u009f]/g, ' ').trim() || 'failed';
}

/** `2026-11-28 12:30 +03:00` in the local zone (`TZ`), `2026-11-28 09:30 UTC` where that is UTC. */
export function formatTime(iso: string): string {
	const time = Date.parse(iso);
	if (Number.isNaN(time)) return iso;
	const clock = localClock();
	return `${localDate(iso, clock, false)} ${zoneLabel(clock.offsetAt(time))}`;
}
