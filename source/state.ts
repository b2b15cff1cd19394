/**
 * Reading state: which articles were read, the last article open, and where the reader was
 * in each article. A second conf store (`state.json`) next to the preferences, with the same
 * guarantees (see store/guarded-store.ts).
 *
 * Changes are kept in memory and written in batches: the first change after a write starts a
 * timer (500 ms, unref'd so it never keeps the process alive), and `flush()` writes at once;
 * by default `flush()` also runs on process exit. A write re-reads the file under the lock and
 * merges only this process's changes, so two akhbar windows each marking articles read lose
 * nothing. Writing never throws: a failure is kept in `lastError` and retried at the next
 * flush, and reading goes on from memory.
 */
import process from 'node:process';
// Keys are stored as the library stores them, so marks imported from this file keep matching.
import {keyLimit, storageKey} from './library/keys.js';
import {GuardedStore, type StoreOptions} from './store/guarded-store.js';
import type {JsonSchema} from './store/schema.js';

/** Where the reader is in an article: a block index and an offset (in lines) inside it. */
export type Position = {block: number; offset: number};
export type LastArticle = {source: string; key: string};

type StoredPosition = Position & {at: string};
/** Null-prototype maps: article keys come from feeds and may be `__proto__`. */
type StringMap<V> = Record<string, V>;

type StateFile = {
	/** Article key → when it was marked read (ISO 8601). */
	read: StringMap<string>;
	last: LastArticle;
	positions: StringMap<StoredPosition>;
};

const isoTime = {type: 'string', maxLength: 40} as const;

export const stateSchema: {readonly [K in keyof StateFile]: JsonSchema} = {
	read: {type: 'object', additionalProperties: isoTime},
	last: {
		type: 'object',
		required: ['source', 'key'],
		additionalProperties: false,
		properties: {
			source: {type: 'string', maxLength: keyLimit},
			key: {type: 'string', maxLength: keyLimit},
		},
	},
	positions: {
		type: 'object',
		additionalProperties: {
			type: 'object',
			required: ['block', 'offset'],
			additionalProperties: false,
			properties: {
				block: {type: 'integer', minimum: 0},
				offset: {type: 'integer', minimum: 0},
				at: isoTime,
			},
		},
	},
};

export type StateOptions = StoreOptions & {
	/** Delay between the first unsaved change and its write (ms). Default 500. */
	delayMs?: number;
	/** Flush when the process exits. Default true. */
	flushOnExit?: boolean;
	/** How many read marks are kept (the newest). Default 5000. */
	maxRead?: number;
	/** How many reading positions are kept (the newest). Default 1000. */
	maxPositions?: number;
	/** The clock, for tests. */
	now?: () => Date;
};

export type StateStore = {
	isRead(key: string): boolean;
	markRead(key: string, read?: boolean): void;
	markAllRead(keys: Iterable<string>): void;
	lastArticle(): LastArticle | undefined;
	setLastArticle(last: LastArticle): void;
	position(key: string): Position | undefined;
	setPosition(key: string, position: Position): void;
	/** Writes pending changes now. Never throws. */
	flush(): void;
	/** Flushes, stops the timer and the exit hook. */
	close(): void;
	readonly path: string;
	/** One line for the user when the file was damaged or cannot be used. */
	readonly notice?: string;
	/** The last write failure, one line; cleared by a successful write. */
	readonly lastError?: string;
};

function emptyMap<V>(): StringMap<V> {
	return Object.create(null) as StringMap<V>;
}

function toMap<V>(value: StringMap<V> | undefined): StringMap<V> {
	return Object.assign(emptyMap<V>(), value);
}

/** Keeps the `limit` entries with the newest times (ISO strings sort as times). */
function newest<V>(map: StringMap<V>, limit: number, time: (value: V) => string): StringMap<V> {
	const keys = Object.keys(map);
	if (keys.length <= limit) return map;
	keys.sort((a, b) => (time(map[a]!) < time(map[b]!) ? 1 : -1));
	const kept = emptyMap<V>();
	for (const key of keys.slice(0, limit)) kept[key] = map[key]!;
	return kept;
}

export function openState(options: StateOptions = {}): StateStore {
	const store = new GuardedStore<StateFile>({label: 'reading state', configName: 'state', schema: stateSchema}, options);
	const delayMs = options.delayMs ?? 500;
	const maxRead = options.maxRead ?? 5000;
	const maxPositions = options.maxPositions ?? 1000;
	const now = options.now ?? (() => new Date());

	/** The file as last read or written. */
	let snapshot: Partial<StateFile> = store.read();
	let read = toMap(snapshot.read);
	let positions = toMap(snapshot.positions);

	/** Unsaved changes: a time marks read, null unmarks. */
	let readChanges = new Map<string, string | null>();
	let positionChanges = new Map<string, StoredPosition>();
	let lastChange: LastArticle | undefined;
	let timer: NodeJS.Timeout | undefined;
	let lastError: string | undefined;

	const pending = () => readChanges.size > 0 || positionChanges.size > 0 || lastChange !== undefined;

	const schedule = () => {
		if (timer) return;
		timer = setTimeout(flush, delayMs);
		timer.unref();
	};

	function merge(current: Partial<StateFile>): Partial<StateFile> {
		let nextRead = toMap(current.read);
		for (const [key, time] of readChanges) {
			if (time === null) delete nextRead[key];
			else nextRead[key] = time;
		}

		nextRead = newest(nextRead, maxRead, time => time);
		let nextPositions = toMap(current.positions);
		for (const [key, position] of positionChanges) nextPositions[key] = position;
		nextPositions = newest(nextPositions, maxPositions, position => position.at ?? '');
		const next: Partial<StateFile> = {read: nextRead, positions: nextPositions};
		const last = lastChange ?? current.last;
		if (last) next.last = last;
		return next;
	}

	function flush(): void {
		if (timer) {
			clearTimeout(timer);
			timer = undefined;
		}

		if (!pending()) return;
		try {
			// merge() built these maps afresh; nothing else holds them.
			snapshot = store.update(merge);
			read = snapshot.read ?? emptyMap();
			positions = snapshot.positions ?? emptyMap();
			readChanges = new Map();
			positionChanges = new Map();
			lastChange = undefined;
			lastError = undefined;
		} catch (error) {
			// Keep the changes: they are still answered from memory and retried next time.
			lastError = error instanceof Error ? error.message.split('\n')[0] : String(error);
		}
	}

	const onExit = () => {
		flush();
	};

	if (options.flushOnExit ?? true) process.on('exit', onExit);

	const setRead = (key: string, value: string | null) => {
		readChanges.set(key, value);
	};

	return {
		isRead(articleKey) {
			const key = storageKey(articleKey);
			const change = readChanges.get(key);
			if (change !== undefined) return change !== null;
			return Object.hasOwn(read, key);
		},
		markRead(key, isRead = true) {
			setRead(storageKey(key), isRead ? now().toISOString() : null);
			schedule();
		},
		markAllRead(keys) {
			const time = now().toISOString();
			for (const key of keys) setRead(storageKey(key), time);
			schedule();
		},
		lastArticle() {
			const last = lastChange ?? snapshot.last;
			return last ? {...last} : undefined;
		},
		setLastArticle(last) {
			// An address or key longer than any real one is not remembered (the file stays valid).
			if (last.source.length > keyLimit || last.key.length > keyLimit) return;
			lastChange = {source: last.source, key: last.key};
			schedule();
		},
		position(articleKey) {
			const key = storageKey(articleKey);
			const stored = positionChanges.get(key) ?? (Object.hasOwn(positions, key) ? positions[key] : undefined);
			return stored ? {block: stored.block, offset: stored.offset} : undefined;
		},
		setPosition(key, position) {
			const {block, offset} = position;
			if (!Number.isInteger(block) || block < 0 || !Number.isInteger(offset) || offset < 0) {
				throw new RangeError(`a position is two whole numbers ≥ 0, not ${JSON.stringify(position)}`);
			}

			positionChanges.set(storageKey(key), {block, offset, at: now().toISOString()});
			schedule();
		},
		flush,
		close() {
			flush();
			process.off('exit', onExit);
		},
		path: store.path,
		get notice() {
			return store.notice;
		},
		get lastError() {
			return lastError;
		},
	};
}
