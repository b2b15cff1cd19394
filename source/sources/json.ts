/** JSON text from a source → a value, or a SourceError that says where the JSON broke. */
import {englishCount} from '../text/plural.js';
import {sanitizeLine} from '../text/sanitize.js';
import {SourceError} from './errors.js';

/** JSON.parse's message, with its character position turned into a line number. */
function problem(text: string, error: unknown): string {
	const message = error instanceof Error ? error.message : String(error);
	if (/end of (JSON|data)/i.test(message)) {
		return `unexpected end of JSON at line ${text.split('\n').length}`;
	}

	const position = /position (\d+)/.exec(message);
	if (position) {
		return `bad JSON at line ${text.slice(0, Number(position[1])).split('\n').length}`;
	}

	// V8 says "Unexpected token 'x', ...<a piece of the document>... is not valid JSON":
	// the token is enough, the piece would be noise (and content) in a one-line message.
	const token = /Unexpected token '([^']{1,4})'/.exec(message)?.[1];
	return token ? `bad JSON: unexpected '${sanitizeLine(token)}'` : 'bad JSON';
}

/** Whether JSON.parse failed because the text stopped, not because it is wrong. */
function endedEarly(text: string, error: unknown): boolean {
	const message = error instanceof Error ? error.message : String(error);
	if (/end of (JSON|data)|Unterminated string/i.test(message)) return true;
	const position = /position (\d+)/.exec(message);
	return position !== null && Number(position[1]) >= text.trimEnd().length;
}

export type JsonDocument = {value: unknown; notes: string[]};

/**
 * Parses `text`. A document that stops early is cut back to its last complete entry of a list
 * named in `listKeys` and returned with a note; anything else that fails throws
 * `<source>: <what>: <where it broke>`.
 */
export function parseJsonDocument(text: string, source: string, what: string, listKeys: string[]): JsonDocument {
	const body = text.replace(/^\uFEFF/, '');
	try {
		return {value: JSON.parse(body) as unknown, notes: []};
	} catch (error) {
		const recovered = endedEarly(body, error) ? recoverTruncatedJson(body, listKeys) : undefined;
		if (recovered) {
			return {value: recovered.value, notes: [`truncated: ${englishCount(recovered.items, 'item')} read`]};
		}

		throw new SourceError(source, `${what}: ${problem(body, error)}`);
	}
}

export type RecoveredJson = {value: unknown; items: number};

type Container = {kind: '{' | '['; key?: string; expectingKey: boolean; lastKey?: string};

/**
 * A JSON document cut short (a download that stopped) → the document up to its last complete
 * entry of a list named in `listKeys` (`items`, `records`), with every open bracket closed.
 * Undefined when no entry completed. One linear pass with an explicit stack: no recursion.
 */
export function recoverTruncatedJson(text: string, listKeys: string[]): RecoveredJson | undefined {
	const stack: Container[] = [];
	let cut = -1;
	let closers = '';
	let items = 0;
	let index = 0;
	let lastString = '';
	const length = text.length;
	while (index < length) {
		const char = text[index]!;
		if (char === '"') {
			let end = index + 1;
			while (end < length && text[end] !== '"') {
				end += text[end] === '\\' ? 2 : 1;
			}

			if (end >= length) break;
			lastString = text.slice(index + 1, end);
			const top = stack.at(-1);
			if (top?.kind === '{' && top.expectingKey) {
				top.lastKey = lastString;
			}

			index = end + 1;
			continue;
		}

		if (char === '{' || char === '[') {
			const parent = stack.at(-1);
			stack.push({kind: char, key: parent?.kind === '{' ? parent.lastKey : undefined, expectingKey: char === '{'});
		} else if (char === '}' || char === ']') {
			const closed = stack.pop();
			const parent = stack.at(-1);
			if (closed?.kind === '{' && parent?.kind === '[' && parent.key !== undefined && listKeys.includes(parent.key)) {
				// An entry of the list just completed: the document could end here.
				items++;
				cut = index + 1;
				closers = stack
					.map((container) => (container.kind === '{' ? '}' : ']'))
					.reverse()
					.join('');
			}
		} else if (char === ':') {
			const top = stack.at(-1);
			if (top) top.expectingKey = false;
		} else if (char === ',') {
			const top = stack.at(-1);
			if (top?.kind === '{') top.expectingKey = true;
		}

		index++;
	}

	if (cut < 0) return undefined;
	try {
		return {value: JSON.parse(text.slice(0, cut) + closers) as unknown, items};
	} catch {
		return undefined;
	}
}
