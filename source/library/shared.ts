/**
 * The library a command shares with the code it calls: opened on first use (a command that
 * reads only files never touches the database), once per process.
 */
import type {Cache} from '../sources/cache.js';
import type {Library} from './api.js';
import {defaultLibraryPath, openLibrary, type LibraryOptions} from './index.js';

let shared: Library | undefined;

/** `options` apply when this call is the one that opens it. */
export function sharedLibrary(options: Pick<LibraryOptions, 'onUpgrade'> = {}): Library {
	shared ??= openLibrary(options);
	return shared;
}

/** The library's notice, when it has been opened and had one. */
export function sharedNotice(): string | undefined {
	return shared?.notice;
}

export function closeSharedLibrary(): void {
	shared?.close();
	shared = undefined;
}

/** The library's cache, opening the library when a URL is first looked up or saved. */
export const sharedCache: Cache = {
	get dir() {
		return shared?.path ?? defaultLibraryPath();
	},
	get(url) {
		return sharedLibrary().cache.get(url);
	},
	put(entry) {
		return sharedLibrary().cache.put(entry);
	},
};
