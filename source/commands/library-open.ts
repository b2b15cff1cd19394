/**
 * The library as `refresh`, `search` and `sync` open it: a library that cannot be opened is one
 * line and exit 1 for the command; the library's own note (a damaged file kept aside, old state
 * imported) is said once, first.
 */
import {sanitizeLine} from '../text/sanitize.js';

type Noted = {readonly notice?: string} | undefined;

export async function openForCommand<L extends Noted>(open: () => L | Promise<L>, stderr: {write(text: string): unknown}): Promise<{library: L} | undefined> {
	let library: L;
	try {
		library = await open();
	} catch (error) {
		stderr.write(`akhbar: the library cannot be opened: ${sanitizeLine(error instanceof Error ? error.message : String(error))}\n`);
		return undefined;
	}

	if (library?.notice) stderr.write(`akhbar: ${sanitizeLine(library.notice)}\n`);
	return {library};
}
