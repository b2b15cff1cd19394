/**
 * The one error a source module throws when its input cannot become an Edition. The message is
 * a single line, `<source>: <problem>`, fit to print as it is; the CLI shows it without a stack.
 */
export class SourceError extends Error {
	override readonly name = 'SourceError';

	constructor(
		/** What the user gave: a path, a URL, or `-`. */
		readonly source: string,
		/** What went wrong, in a few words: `no text`, `not a feed`, `HTTP 404`. */
		readonly problem: string,
	) {
		super(`${source}: ${problem}`);
	}
}
