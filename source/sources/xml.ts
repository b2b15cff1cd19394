/**
 * Feed XML → a plain object tree, safely. fast-xml-parser never fetches external entities (it
 * refuses a SYSTEM entity outright); its expansion limits stay on and are tightened here, so a
 * "billion laughs" DOCTYPE is refused quickly instead of eating memory.
 *
 * Well-formedness is checked first (the parser alone silently drops mismatched tags), so broken
 * XML fails with a one-line reason and a line number. A document that merely stops early (a
 * download cut short) is cut back to its last complete item and closed, so the items read
 * before the break are still shown.
 */
import {XMLParser, XMLValidator, type ProcessEntitiesOptions, type X2jOptions} from 'fast-xml-parser';
import {sanitizeLine} from '../text/sanitize.js';
import {SourceError} from './errors.js';
import {tagEnd} from './tag-end.js';

export type XmlNode = Record<string, unknown>;

export type ParsedXml = {
	document: XmlNode;
	/** Set when the document ended early and was recovered up to its last complete item. */
	truncated: boolean;
};

const options: Partial<X2jOptions> = {
	ignoreAttributes: false,
	attributeNamePrefix: '@_',
	parseTagValue: false,
	parseAttributeValue: false,
	trimValues: true,
	allowBooleanAttributes: true,
	processEntities: {
		enabled: true,
		maxEntitySize: 10_000,
		maxExpansionDepth: 10,
		maxTotalExpansions: 1000,
		maxExpandedLength: 100_000,
		maxEntityCount: 100,
		// The limits count only entities the document declares. By default they count `&lt;`
		// and `&amp;` too, and an ordinary feed of escaped HTML passes 1000 of those in a few
		// dozen items. (The option exists in 5.12.1 but not in its type declarations.)
		appliesTo: 'external',
	} as ProcessEntitiesOptions,
	// Atom xhtml constructs are markup, not structure: keep them raw for the HTML reader.
	stopNodes: ['..content[type=xhtml]', '..summary[type=xhtml]', '..title[type=xhtml]', '..subtitle[type=xhtml]'],
	isArray: (name) => name === 'item' || name === 'entry' || name === 'link' || name === 'author',
};

/** The validator's and parser's messages as one short line, lowercase unless it starts with an acronym. */
function oneLine(message: string): string {
	const flat = sanitizeLine(message.replace(/\s+/g, ' ').replace(/[\s.]+$/, '').trim());
	const short = flat.length > 160 ? `${flat.slice(0, 159)}…` : flat;
	return /^[A-Z][A-Z]/.test(short) ? short : short.charAt(0).toLowerCase() + short.slice(1);
}

/** A bare `&` (as in `AT&T`), outside CDATA: the commonest flaw in hand-made feeds. */
const bareAmpersand = /&(?!#\d+;|#x[\da-f]+;|[a-z_][\w.-]*;)/gi;

/**
 * Escapes bare ampersands outside CDATA sections, so a feed that says `AT&T` still reads.
 * Everything downstream decodes references, so `&amp;` becomes `&` again where it is shown.
 */
function escapeBareAmpersands(text: string): string {
	if (!text.includes('&')) return text;
	const parts: string[] = [];
	let index = 0;
	while (index < text.length) {
		const cdata = text.indexOf('<![CDATA[', index);
		const plainEnd = cdata < 0 ? text.length : cdata;
		parts.push(text.slice(index, plainEnd).replace(bareAmpersand, '&amp;'));
		if (cdata < 0) break;
		const close = text.indexOf(']]>', cdata);
		const cdataEnd = close < 0 ? text.length : close + 3;
		parts.push(text.slice(cdata, cdataEnd));
		index = cdataEnd;
	}

	return parts.join('');
}

function lineCount(text: string): number {
	let lines = 1;
	for (let index = text.indexOf('\n'); index >= 0; index = text.indexOf('\n', index + 1)) {
		lines++;
	}

	return lines;
}

type Scan = {open: string[]; complete: boolean; mismatch: boolean};

/**
 * The elements left open at the end of `text`, and whether the text ends inside a construct
 * (a tag, a comment, a CDATA section). Iterative and linear: it runs only on broken input.
 */
function scanOpenElements(text: string): Scan {
	const open: string[] = [];
	let index = 0;
	for (;;) {
		const lt = text.indexOf('<', index);
		if (lt < 0) {
			return {open, complete: true, mismatch: false};
		}

		let end: number;
		if (text.startsWith('<!--', lt)) {
			end = text.indexOf('-->', lt + 4);
			end = end < 0 ? -1 : end + 3;
		} else if (text.startsWith('<![CDATA[', lt)) {
			end = text.indexOf(']]>', lt + 9);
			end = end < 0 ? -1 : end + 3;
		} else if (text.startsWith('<?', lt)) {
			end = text.indexOf('?>', lt + 2);
			end = end < 0 ? -1 : end + 2;
		} else if (text.startsWith('<!', lt)) {
			const bracket = text.indexOf('[', lt);
			const close = text.indexOf('>', lt);
			const subsetEnd = bracket >= 0 && bracket < close ? text.indexOf(']', bracket) : lt;
			end = subsetEnd < 0 ? -1 : text.indexOf('>', subsetEnd);
			end = end < 0 ? -1 : end + 1;
		} else {
			end = tagEnd(text, lt);
			if (end >= 0) {
				const name = /^<\/?\s*([^\s/>]+)/.exec(text.slice(lt, Math.min(end, lt + 200)))?.[1] ?? '';
				if (text[lt + 1] === '/') {
					if (open.at(-1) !== name) {
						return {open, complete: true, mismatch: true};
					}

					open.pop();
				} else if (text[end - 2] !== '/') {
					open.push(name);
				}
			}
		}

		if (end < 0) {
			return {open, complete: false, mismatch: false};
		}

		index = end;
	}
}

function parseChecked(text: string, source: string): XmlNode {
	try {
		return new XMLParser(options).parse(text) as XmlNode;
	} catch (error) {
		const message = error instanceof Error ? error.message : String(error);
		const limit = /limit|exceeds|maximum/i.test(message) ? 'entity expansion refused: ' : '';
		throw new SourceError(source, `not a feed: ${limit}${oneLine(message.replace(/^\[\w+\]\s*/, ''))}`);
	}
}

/** Cuts after the last complete item that leaves a well-formed prefix, and closes the rest. */
function recover(text: string, itemTags: string[]): string | undefined {
	const closers = itemTags.map((tag) => `</${tag}>`);
	let limit = text.length;
	for (let attempt = 0; attempt < 5; attempt++) {
		let cut = -1;
		for (const closer of closers) {
			const at = text.lastIndexOf(closer, limit);
			if (at >= 0 && at + closer.length > cut) {
				cut = at + closer.length;
			}
		}

		if (cut < 0) {
			return undefined;
		}

		const prefix = text.slice(0, cut);
		const scan = scanOpenElements(prefix);
		if (scan.complete && !scan.mismatch) {
			const closing = scan.open
				.reverse()
				.map((name) => `</${name}>`)
				.join('');
			const repaired = prefix + closing;
			if (XMLValidator.validate(repaired, {allowBooleanAttributes: true}) === true) {
				return repaired;
			}
		}

		limit = text.lastIndexOf('<', cut - 1) - 1;
		if (limit < 0) {
			return undefined;
		}
	}

	return undefined;
}

/** Elements whose text is HTML by the formats' own rules (an Atom xhtml construct is XML). */
const htmlBearing = /<(description|content:encoded|summary|content)(\s[^>]*)?>(?!\s*<!\[CDATA\[)([\s\S]*?)<\/\1>/g;

/**
 * Raw, unescaped HTML in a description (`<br>`, `<img ...>` with no end tag) is the other common
 * flaw of hand-made feeds; it is not well-formed XML. Such bodies are wrapped in CDATA, as their
 * authors meant them, so the feed reads; any other breakage still fails.
 */
function shieldRawHtml(text: string): string {
	return text.replace(htmlBearing, (whole, name: string, attributes: string | undefined, inner: string) => {
		if (!inner.includes('<') || /type\s*=\s*["']xhtml["']/i.test(attributes ?? '')) return whole;
		const safe = inner.replace(/]]>/g, ']]]]><![CDATA[>');
		return `<${name}${attributes ?? ''}><![CDATA[${safe}]]></${name}>`;
	});
}

/**
 * Entity declarations a feed has no business with, refused before the parser sees them. The
 * parser would refuse external entities and leave nested ones unexpanded (so `&lol9;` would
 * show as text); refusing them here names the attack instead.
 */
function doctypeProblem(text: string): string | undefined {
	const start = text.search(/<!DOCTYPE/i);
	if (start < 0 || start > 4096) return undefined;
	const subset = /^<!DOCTYPE[^[>]*\[([\s\S]*?)\]\s*>/i.exec(text.slice(start))?.[1];
	if (!subset) return undefined;
	if (/<!ENTITY\s+%/i.test(subset)) return 'parameter entities refused';
	if (/<!ENTITY\s+[^\s>]+\s+(?:SYSTEM|PUBLIC)\b/i.test(subset)) return 'external entities refused';
	if (/<!ENTITY\s+[^\s>]+\s+(["'])[^"']*&[a-z_:][^"']*\1/i.test(subset)) {
		return 'entity expansion refused: entities defined by other entities';
	}

	return undefined;
}

/**
 * Parses feed XML or throws a SourceError naming the problem. `itemTags` are the elements a
 * truncated document may be cut back to (`item`, `entry`).
 */
export function parseXml(text: string, source: string, itemTags: string[]): ParsedXml {
	// Blank lines before the XML declaration are common and harmless; the validator refuses them.
	const unmarked = text.replace(/^\uFEFF/, '');
	const body = escapeBareAmpersands(unmarked.trimStart());
	// Line numbers in messages count from the top of the document as the user has it.
	const skippedLines = lineCount(unmarked.slice(0, unmarked.length - unmarked.trimStart().length)) - 1;
	if (!body.trim()) {
		throw new SourceError(source, 'not a feed: empty document');
	}

	const refused = doctypeProblem(body);
	if (refused) {
		throw new SourceError(source, `not a feed: ${refused}`);
	}

	let verdict: ReturnType<typeof XMLValidator.validate>;
	try {
		verdict = XMLValidator.validate(body, {allowBooleanAttributes: true});
	} catch (error) {
		throw new SourceError(source, `not a feed: ${oneLine(error instanceof Error ? error.message : String(error))}`);
	}

	if (verdict === true) {
		return {document: parseChecked(body, source), truncated: false};
	}

	const shielded = shieldRawHtml(body);
	if (shielded !== body && XMLValidator.validate(shielded, {allowBooleanAttributes: true}) === true) {
		return {document: parseChecked(shielded, source), truncated: false};
	}

	const scan = scanOpenElements(shielded);
	const endedEarly = !scan.mismatch && (!scan.complete || scan.open.length > 0);
	if (endedEarly) {
		const repaired = recover(shielded, itemTags);
		if (repaired) {
			return {document: parseChecked(repaired, source), truncated: true};
		}

		throw new SourceError(source, `not a feed: unexpected end of XML at line ${lineCount(body) + skippedLines}`);
	}

	throw new SourceError(source, `not a feed: ${oneLine(verdict.err.msg)} at line ${verdict.err.line + skippedLines}`);
}
