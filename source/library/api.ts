/**
 * The library's contract: one local SQLite store (library/database.ts) holding, for every
 * source, its items, its last fetched page and feed (the cache), read marks, stars, positions
 * and a full-text index. The reader, `refresh`, `search` and the overview all go through it.
 * Types only: the store implements them, the rest of the program depends on them.
 */
import type {Edition, Failure} from '../model.js';
import type {SourceEntry} from '../prefs.js';
import type {Cache} from '../sources/cache.js';
import type {StateStore} from '../state.js';

/** The editions the store builds across every source. */
export type VirtualKind = 'most-read-all' | 'latest-all' | 'starred';

/** A virtual edition's `source` (its spec): never a path or a URL. */
export function virtualSpec(kind: VirtualKind): string {
	return `akhbar:${kind}`;
}

export function isVirtualSpec(spec: string): boolean {
	return spec.startsWith('akhbar:');
}

/** One configured source as the overview shows it. */
export type SourceSummary = {
	spec: string;
	/** The name the user gave, else the edition's own, else the spec. */
	name: string;
	tags: readonly string[];
	unread: number;
	total: number;
	/** Its last refresh found a most-read (or trending) list. */
	hasMostRead: boolean;
	/** ISO 8601: the last refresh that succeeded (changed or not). */
	refreshedAt?: string;
	/** One line: why the last refresh failed, when it did (cleared by a success). */
	failure?: string;
	failedAt?: string;
	/** The sync account that serves it (`miniflux https://host/`): the server's subscription, not configured here. */
	account?: string;
	/** The failure's kind, when it had one: the reader words it in its own language. */
	failureKind?: Failure;
};

export type SearchHit = {
	key: string;
	/** The source's spec. */
	source: string;
	sourceName: string;
	title: string;
	date?: string;
	url?: string;
};

export type Retention = {
	/** Items older than this (by date, else first seen) are pruned at refresh. */
	archiveDays: number;
	/** The newest this many items of a source are kept. */
	maxItemsPerSource: number;
};

export const defaultRetention: Readonly<Retention> = Object.freeze({archiveDays: 90, maxItemsPerSource: 1000});

export type StoreResult = {
	/** Items not stored before. */
	added: number;
	/** Items stored before whose title or text changed. */
	changed: number;
	/** Items removed by retention. */
	pruned: number;
};

/** Read marks, positions and the last article (the reader's StateStore), plus stars. */
export type ReadingStore = StateStore & {
	isStarred(key: string): boolean;
	/** `source`: the spec the item was starred from (the starred edition names it). */
	setStarred(key: string, starred: boolean, source?: string): void;
	/** Forgets the marks and stars read so far: another writer (a sync) changed them. */
	forgetCached?(): void;
};

export type Library = {
	/** The database file. */
	readonly path: string;
	/** One line for the user (a damaged database kept aside, old state imported), once. */
	readonly notice?: string;
	/**
	 * Listens for lines for the user that arise after opening (a file found damaged in use, kept
	 * aside and replaced); returns the way to stop listening.
	 */
	onNotice?(listener: (line: string) => void): () => void;
	/** Makes the store's source list the configured one: new rows, names, tags and order updated. */
	syncSources(entries: readonly SourceEntry[]): void;
	/**
	 * A source's stored edition as the reader shows it: the last refresh's most-read (or
	 * trending) list by rank, then every kept item, newest first (at most `maxItems`);
	 * headlines carry `origin`. Undefined when it was never stored.
	 */
	edition(spec: string, options?: {maxItems?: number}): Edition | undefined;
	/** Stores a freshly loaded edition in one transaction and applies retention. */
	storeEdition(spec: string, edition: Edition, options?: {at?: Date; retention?: Retention}): StoreResult;
	/** A failed refresh: the store keeps the items it has, the overview marks the failure (`failure`: its kind, when known). */
	recordFailure(spec: string, message: string, at?: Date, failure?: Failure): void;
	/** Every configured source (as given to syncSources), in configured order. */
	overview(): SourceSummary[];
	/** The sync account's sources the overview lists (its rows with `account`), without their counts. */
	serverSources(): Array<{spec: string; name: string; account: string}>;
	/** An edition built across sources; its headlines carry `origin`. */
	virtualEdition(kind: VirtualKind, options?: {limit?: number}): Edition;
	/** Full-text search over folded titles and texts, newest first. */
	search(query: string, options?: {limit?: number; source?: string}): SearchHit[];
	/** The same hits as an edition the reader can show (spec `akhbar:search`). */
	searchEdition(query: string, options?: {limit?: number; source?: string}): Edition;
	readonly reading: ReadingStore;
	/** Fetched pages and feeds (ETag, Last-Modified): what sources/load.ts takes as `cache`. */
	readonly cache: Cache;
	close(): void;
};

/** What one source's refresh came to. */
export type RefreshOutcome = {
	spec: string;
	name: string;
	status: 'updated' | 'unchanged' | 'failed';
	added: number;
	/** One line, in English (the reader words `failure` itself). */
	error?: string;
	failure?: Failure;
	/** The store could not write for a full disk: the refresh stored no further source. */
	diskFull?: true;
};

export type RefreshProgress = {
	done: number;
	total: number;
	failed: number;
	/** Names of the sources being fetched now. */
	inFlight: readonly string[];
};

/** How `refreshSources` (library/refresh.ts) fetches and reports. */
export type RefreshOptions = {
	/** At most this many sources fetched at once. Default 6. */
	jobs?: number;
	/** Aborts every fetch in flight (the reader quitting). */
	signal?: AbortSignal;
	retention?: Retention;
	onProgress?: (progress: RefreshProgress) => void;
	/** Told as each source's refresh ends, before the next progress. */
	onSource?: (outcome: RefreshOutcome) => void;
	/** How long one fetch may take (ms); fetch.ts's default (20 s) otherwise. */
	timeoutMs?: number;
};

/** The reader's and `akhbar refresh`'s entry: `refreshSources(library, entries, options)`. */
export type RefreshSources = (library: Library, entries: readonly SourceEntry[], options?: RefreshOptions) => Promise<RefreshOutcome[]>;
