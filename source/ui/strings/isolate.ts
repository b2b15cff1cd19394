/**
 * Bidi isolates for interface sentences that mix directions. Without them a Latin token inside
 * a right-to-left sentence is left to the paragraph's resolution: `~/.tmux.conf` shows as
 * `tmux.conf./~`, `60×12` as `12×60`. The layout resolves levels with the isolates in place
 * and drops them before anything reaches the terminal.
 */

/** LRI…PDI: a left-to-right token (a path, a key name, a command, a host, a size) kept whole. */
export function ltr(text: string | number): string {
	return `\u2066${text}\u2069`;
}

/** FSI…PDI: text of either direction (a source's name, a reason, a query), set apart from the sentence around it. */
export function fsi(text: string | number): string {
	return `\u2068${text}\u2069`;
}
