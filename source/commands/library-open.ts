/**
 * The library as `refresh`, `search` and `sync` open it: a library that cannot be opened is one
 * line and exit 1 for the command; the library's own note (a damaged file kept aside, old state
 * imported) is said once, first.
 */
import {sanitizeLine} from '../text/sanitize.js';

type Noted = {readonly notice?: string} | undefined;

/** Said before a library an earlier akhbar made is brought up to date: the only wait of its kind. */
export const upgradeLine = 'akhbar: bringing the library up to date for this version (once; a large library takes a few seconds)\n';

/** `open` is given what to call before an upgrade (it says so on `stderr`). */
export async function openForCommand<L extends Noted>(open: (onUpgrade: () => void) => L | Promise<L>, stderr: {write(text: string): unknown}): Promise<{library: L} | undefined> {
	let library: L;
	try {
		library = await open(() => stderr.write(upgradeLine));
	} catch (error) {
		stderr.write(`akhbar: the library cannot be opened: ${sanitizeLine(error instanceof Error ? error.message : String(error))}\n`);
		return undefined;
	}

	if (library?.notice) stderr.write(`akhbar: ${sanitizeLine(library.notice)}\n`);
	return {library};
}
