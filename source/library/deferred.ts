/**
 * A reading store for a reader that may never write: while no library file exists, reads answer
 * "nothing read, nothing starred, no position" and no database is made; the first change opens
 * (and so creates) the library and goes there, as does everything after it. Looking at the demo,
 * or at a file named on the command line, then leaves nothing behind, and its first frame does
 * not wait for a new database's tables (~10 ms).
 */
import type {ReadingStore} from './api.js';

export function deferredReading(open: () => ReadingStore, path: string): ReadingStore {
	let store: ReadingStore | undefined;
	const opened = () => {
		store ??= open();
		return store;
	};

	return {
		isRead: key => store?.isRead(key) ?? false,
		markRead: (key, read) => opened().markRead(key, read),
		markAllRead: keys => opened().markAllRead(keys),
		lastArticle: () => store?.lastArticle(),
		setLastArticle: last => opened().setLastArticle(last),
		position: key => store?.position(key),
		setPosition: (key, position) => opened().setPosition(key, position),
		isStarred: key => store?.isStarred(key) ?? false,
		setStarred: (key, starred, source) => opened().setStarred(key, starred, source),
		flush: () => store?.flush(),
		close: () => store?.close(),
		forgetCached: () => store?.forgetCached?.(),
		get path() {
			return store?.path ?? path;
		},
		get notice() {
			return store?.notice;
		},
		get lastError() {
			return store?.lastError;
		},
	};
}
