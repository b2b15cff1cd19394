/**
 * The one error a source module throws when its input cannot become an Edition. The message is
 * a single line, `<source>: <problem>`, fit to print as it is; the CLI shows it without a stack.
 */
import type {Failure} from '../model.js';

export class SourceError extends Error {
	override readonly name = 'SourceError';

	constructor(
		/** What the user gave: a path, a URL, or `-`. */
		readonly source: string,
		/** What went wrong, in a few words: `no text`, `not a feed`, `HTTP 404`. */
		readonly problem: string,
		/** For a failed fetch: what failed, for a reader that says it in its own words. */
		readonly failure?: Failure,
	) {
		super(`${source}: ${problem}`);
	}
}
