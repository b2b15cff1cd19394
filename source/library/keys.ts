/**
 * The key an article is stored under: its own, or a digest when it is too long (a hostile
 * feed's megabyte-long guid must not bloat the store). The same rule as state.ts, so marks
 * imported from state.json keep matching.
 */
import {createRequire} from 'node:module';

export const keyLimit = 2048;

// node:crypto takes ~4 ms to load, and only keys longer than keyLimit need it.
const require = createRequire(import.meta.url);
let crypto: typeof import('node:crypto') | undefined;

export function storageKey(key: string): string {
	if (key.length <= keyLimit) return key;
	crypto ??= require('node:crypto') as typeof import('node:crypto');
	return `sha256:${crypto.createHash('sha256').update(key).digest('hex')}`;
}
