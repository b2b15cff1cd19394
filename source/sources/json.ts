/** JSON text from a source → a value, or a SourceError that says where the JSON broke. */
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

	return `bad JSON (${sanitizeLine(message.replace(/\s+/g, ' ')).slice(0, 120)})`;
}

/** Parses `text`; on failure throws `<source>: <what>: <where it broke>`. */
export function parseJsonValue(text: string, source: string, what: string): unknown {
	try {
		return JSON.parse(text.replace(/^\uFEFF/, '')) as unknown;
	} catch (error) {
		throw new SourceError(source, `${what}: ${problem(text, error)}`);
	}
}
