/**
 * The end of a markup tag, for the scanners that read HTML and XML as text (nesting.ts,
 * xml.ts) before any parser sees it.
 */

/** Index just past the `>` closing a tag that starts at `start`, quoted attribute values skipped; -1 if none. */
export function tagEnd(text: string, start: number): number {
	let quote = '';
	for (let index = start + 1; index < text.length; index++) {
		const char = text[index];
		if (quote) {
			if (char === quote) quote = '';
		} else if (char === '"' || char === "'") {
			quote = char;
		} else if (char === '>') {
			return index + 1;
		}
	}

	return -1;
}
