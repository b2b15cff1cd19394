/**
 * Reading state in the store: read marks (global, as state.json kept them), positions, the last
 * article, stars. Every change is written at once in a small transaction. A write that fails (a
 * full disk, a lock held past the busy timeout, a read-only file) never throws: the change is
 * kept in memory, answered from there, `lastError` says why in one line, and the write is tried
 * again later (a timer, and every flush).
 */
import type {LastArticle, Position} from '../state.js';
import type {ReadingStore} from './api.js';
import {problemOf, type Database} from './database.js';
import {keyLimit, storageKey} from './keys.js';
import {preparedOnUse} from './statements.js';

type Star = {at: string; source: string | null};

export type ReadingOptions = {
	path: string;
	notice?: string;
	now: () => Date;
	/** Delay before a failed write is tried again (ms). Default 2000. */
	retryMs?: number;
};

export function createReading(db: Database, options: ReadingOptions): ReadingStore & {dispose(): void; known(key: string, read: boolean, starred: boolean): void} {
	const {now} = options;
	const statements = preparedOnUse({
		isRead: () => db.prepare<[string], {one: number}>('SELECT 1 AS one FROM read_marks WHERE key = ?'),
		mark: () => db.prepare('INSERT INTO read_marks (key, at) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET at = excluded.at'),
		unmark: () => db.prepare('DELETE FROM read_marks WHERE key = ?'),
		itemsRead: () => db.prepare('UPDATE items SET read = ? WHERE key = ? AND read != ?'),
		position: () => db.prepare<[string], {block: number; offset: number}>('SELECT block, offset FROM positions WHERE key = ?'),
		setPosition: () => db.prepare('INSERT INTO positions (key, block, offset, at) VALUES (?, ?, ?, ?) ON CONFLICT (key) DO UPDATE SET block = excluded.block, offset = excluded.offset, at = excluded.at'),
		setting: () => db.prepare<[string], {value: string}>('SELECT value FROM settings WHERE name = ?'),
		setSetting: () => db.prepare('INSERT INTO settings (name, value) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET value = excluded.value'),
		isStarred: () => db.prepare<[string], {one: number}>('SELECT 1 AS one FROM stars WHERE key = ?'),
		star: () => db.prepare('INSERT INTO stars (key, at, source) VALUES (?, ?, ?) ON CONFLICT (key) DO UPDATE SET at = excluded.at, source = excluded.source'),
		unstar: () => db.prepare('DELETE FROM stars WHERE key = ?'),
	});

	/** Changes not yet written: a time marks read (or starred), null undoes. */
	let marks = new Map<string, string | null>();
	let positions = new Map<string, Position & {at: string}>();
	let stars = new Map<string, Star | null>();
	let last: LastArticle | undefined;
	/**
	 * What was read from the store, per key: the headlines pane asks about every headline at every
	 * frame, and a map answers a hundred times faster than a query. As state.json did, a process
	 * sees another's marks on the keys it has not asked about yet (and after its own changes).
	 */
	const readKnown = new Map<string, boolean>();
	const starKnown = new Map<string, boolean>();
	let lastError: string | undefined;
	let timer: NodeJS.Timeout | undefined;

	const write = db.transaction(() => {
		for (const [key, at] of marks) {
			if (at === null) statements.unmark.run(key);
			else statements.mark.run(key, at);
			const read = at === null ? 0 : 1;
			statements.itemsRead.run(read, key, read);
		}

		for (const [key, {block, offset, at}] of positions) statements.setPosition.run(key, block, offset, at);
		for (const [key, star] of stars) {
			if (star === null) statements.unstar.run(key);
			else statements.star.run(key, star.at, star.source);
		}

		if (last) statements.setSetting.run('last', JSON.stringify(last));
	});

	const pending = () => marks.size > 0 || positions.size > 0 || stars.size > 0 || last !== undefined;

	function flush(): void {
		if (timer) {
			clearTimeout(timer);
			timer = undefined;
		}

		if (!pending()) return;
		try {
			write.immediate();
			for (const [key, at] of marks) readKnown.set(key, at !== null);
			for (const [key, star] of stars) starKnown.set(key, star !== null);
			marks = new Map();
			positions = new Map();
			stars = new Map();
			last = undefined;
			lastError = undefined;
		} catch (error) {
			// Kept: answered from memory, tried again by the timer and at every flush.
			lastError = `cannot save reading state to ${options.path}: ${problemOf(error, options.path)}`;
			timer = setTimeout(flush, options.retryMs ?? 2000);
			timer.unref();
		}
	}

	/** Writes now, unless an earlier write failed and its retry is waiting (a held lock would block every key). */
	function changed(): void {
		if (!timer) flush();
	}

	return {
		/** What the store already says of a stored key (an edition's rows carry it): isRead and isStarred ask no query for it. */
		known(key, read, starred) {
			readKnown.set(key, read);
			starKnown.set(key, starred);
		},
		isRead(articleKey) {
			const key = storageKey(articleKey);
			const change = marks.get(key);
			if (change !== undefined) return change !== null;
			let read = readKnown.get(key);
			if (read === undefined) {
				read = statements.isRead.get(key) !== undefined;
				readKnown.set(key, read);
			}

			return read;
		},
		markRead(key, read = true) {
			marks.set(storageKey(key), read ? now().toISOString() : null);
			changed();
		},
		markAllRead(keys) {
			const at = now().toISOString();
			for (const key of keys) marks.set(storageKey(key), at);
			changed();
		},
		lastArticle() {
			if (last) return {...last};
			const row = statements.setting.get('last');
			if (!row) return undefined;
			try {
				const value = JSON.parse(row.value) as Partial<LastArticle>;
				return typeof value.source === 'string' && typeof value.key === 'string' ? {source: value.source, key: value.key} : undefined;
			} catch {
				return undefined;
			}
		},
		setLastArticle(article) {
			// An address or key longer than any real one is not remembered.
			if (article.source.length > keyLimit || article.key.length > keyLimit) return;
			last = {source: article.source, key: article.key};
			changed();
		},
		position(articleKey) {
			const key = storageKey(articleKey);
			const change = positions.get(key);
			if (change) return {block: change.block, offset: change.offset};
			const row = statements.position.get(key);
			return row ? {block: row.block, offset: row.offset} : undefined;
		},
		setPosition(key, position) {
			const {block, offset} = position;
			if (!Number.isInteger(block) || block < 0 || !Number.isInteger(offset) || offset < 0) {
				throw new RangeError(`a position is two whole numbers ≥ 0, not ${JSON.stringify(position)}`);
			}

			positions.set(storageKey(key), {block, offset, at: now().toISOString()});
			changed();
		},
		isStarred(articleKey) {
			const key = storageKey(articleKey);
			const change = stars.get(key);
			if (change !== undefined) return change !== null;
			let starred = starKnown.get(key);
			if (starred === undefined) {
				starred = statements.isStarred.get(key) !== undefined;
				starKnown.set(key, starred);
			}

			return starred;
		},
		setStarred(key, starred, source) {
			stars.set(storageKey(key), starred ? {at: now().toISOString(), source: source ?? null} : null);
			changed();
		},
		forgetCached() {
			readKnown.clear();
			starKnown.clear();
		},
		flush,
		close() {
			flush();
		},
		dispose() {
			if (timer) clearTimeout(timer);
			timer = undefined;
		},
		path: options.path,
		...(options.notice === undefined ? {} : {notice: options.notice}),
		get lastError() {
			return lastError;
		},
	};
}
