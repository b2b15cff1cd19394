/**
 * OPML subscription lists, in and out. Pure: bytes or text in, data or text out.
 *
 * Reading accepts OPML 1.0 and 2.0: every `<outline>` carrying an `xmlUrl` is a source,
 * however deeply it sits in folders; the folders' names and its `category` attribute (comma-
 * separated, slash-delimited) become its tags. Writing puts a source in a folder named by its
 * first tag (what Miniflux and newsboat read back as its category) and lists all its tags in
 * `category`. The file is untrusted: entities
 * are never expanded beyond the five XML ones and character references (no DOCTYPE entities),
 * nesting and the number of outlines are bounded, and control characters never come out.
 */
import {XMLParser, XMLValidator} from 'fast-xml-parser';

export type OpmlSource = {url: string; name?: string; tags?: string[]};

export type OpmlDocument = {
	title?: string;
	/** Every outline with an `xmlUrl`, in document order; folders and links are left out. */
	sources: OpmlSource[];
	/** True when `maxSources` was reached and the rest of the document was ignored. */
	truncated: boolean;
};

export type OpmlLimits = {
	/** Characters of the document. */
	maxLength?: number;
	/** Sources read before the rest is ignored (`truncated`). */
	maxSources?: number;
	maxDepth?: number;
	/** Characters of one tag: longer ones are cut. */
	maxTagLength?: number;
	/** Tags of one source: the rest are left out. */
	maxTags?: number;
};

const defaultLimits: Required<OpmlLimits> = {maxLength: 5_000_000, maxSources: 5000, maxDepth: 64, maxTagLength: 64, maxTags: 16};

/** C0/C1 controls, and the bidi embeddings, overrides and isolates that could reorder a line. */
const unsafe = /[\u0000-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/gu;

/** One line of plain text: no controls, single spaces. */
export function cleanLine(text: string): string {
	return text.replace(unsafe, ' ').replace(/\s+/gu, ' ').trim();
}

const namedEntities: Record<string, string> = {amp: '&', lt: '<', gt: '>', quot: '"', apos: '\''};

/** The five XML entities and character references; anything else is left as written. */
export function decodeEntities(text: string): string {
	return text.replace(/&(#[xX][0-9A-Fa-f]{1,6}|#\d{1,7}|[A-Za-z]+);/gu, (whole, body: string) => {
		if (body.startsWith('#')) {
			const hex = body[1] === 'x' || body[1] === 'X';
			const codePoint = Number.parseInt(body.slice(hex ? 2 : 1), hex ? 16 : 10);
			const valid = codePoint > 0 && codePoint <= 0x10_FFFF && (codePoint < 0xD800 || codePoint > 0xDFFF);
			return valid ? String.fromCodePoint(codePoint) : whole;
		}

		return namedEntities[body] ?? whole;
	});
}

/**
 * Bytes → text: a BOM wins, then the encoding the XML declaration names, else UTF-8.
 */
export function decodeOpml(bytes: Uint8Array): string {
	if (bytes[0] === 0xEF && bytes[1] === 0xBB && bytes[2] === 0xBF) return new TextDecoder('utf-8').decode(bytes.subarray(3));
	if (bytes[0] === 0xFF && bytes[1] === 0xFE) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
	if (bytes[0] === 0xFE && bytes[1] === 0xFF) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
	const head = new TextDecoder('latin1').decode(bytes.subarray(0, 200));
	const declared = /^<\?xml[^>]*\bencoding\s*=\s*["']([A-Za-z0-9._-]+)["']/u.exec(head)?.[1];
	if (declared) {
		try {
			return new TextDecoder(declared).decode(bytes);
		} catch {
			// An encoding TextDecoder does not know: fall through to UTF-8.
		}
	}

	return new TextDecoder('utf-8').decode(bytes);
}

type Node = Record<string, unknown>;

function attribute(node: Node, name: string): string | undefined {
	// Producers differ in case: xmlUrl, xmlurl, XMLURL.
	for (const [key, value] of Object.entries(node)) {
		if (key.startsWith('@') && key.slice(1).toLowerCase() === name && typeof value === 'string') {
			const text = cleanLine(decodeEntities(value));
			return text === '' ? undefined : text;
		}
	}

	return undefined;
}

function children(node: unknown, name: string): Node[] {
	if (typeof node !== 'object' || node === null) return [];
	const value = (node as Node)[name];
	if (Array.isArray(value)) return value.filter((item): item is Node => typeof item === 'object' && item !== null);
	return typeof value === 'object' && value !== null ? [value as Node] : [];
}

/** Parses an OPML document. Throws a one-line Error when the text is not OPML. */
export function parseOpml(text: string, limits: OpmlLimits = {}): OpmlDocument {
	const {maxLength, maxSources, maxDepth, maxTagLength, maxTags} = {...defaultLimits, ...limits};
	if (text.length > maxLength) throw new Error(`too large for an OPML file (over ${maxLength} characters)`);
	const source = text.replace(/^\uFEFF/u, '');
	const validation = XMLValidator.validate(source);
	if (validation !== true) {
		throw new Error(`not well-formed XML (line ${validation.err.line}: ${validation.err.msg})`);
	}

	const parser = new XMLParser({
		ignoreAttributes: false,
		attributeNamePrefix: '@',
		// Entities are decoded by hand above: DOCTYPE entities are never expanded.
		processEntities: false,
		parseTagValue: false,
		parseAttributeValue: false,
		ignoreDeclaration: true,
		ignorePiTags: true,
		maxNestedTags: maxDepth + 4,
		isArray: name => name === 'outline',
	});
	let tree: unknown;
	try {
		tree = parser.parse(source);
	} catch (error) {
		throw new Error(`cannot read OPML: ${(error as Error).message.split('\n')[0]}`);
	}

	const [opml] = children(tree, 'opml');
	if (!opml) throw new Error('not an OPML document (no <opml> element)');
	const [body] = children(opml, 'body');
	const [head] = children(opml, 'head');
	const rawTitle = head?.['title'];
	const title = typeof rawTitle === 'string' ? cleanLine(decodeEntities(rawTitle)) || undefined : undefined;

	const sources: OpmlSource[] = [];
	let truncated = false;
	// Depth-first, in document order, without recursion: nesting is bounded by the parser. Each
	// outline carries the names of the folders it sits in.
	type Pending = {outline: Node; folders: readonly string[]};
	const stack: Pending[] = children(body, 'outline').map(outline => ({outline, folders: []})).reverse();
	while (stack.length > 0) {
		const {outline, folders} = stack.pop()!;
		const url = attribute(outline, 'xmlurl');
		const name = attribute(outline, 'text') ?? attribute(outline, 'title');
		if (url) {
			if (sources.length >= maxSources) {
				truncated = true;
				break;
			}

			const tags = tagsOf([...folders, attribute(outline, 'category') ?? ''], maxTagLength, maxTags);
			// writeOpml puts the URL in `text` when a source has no name: that is no name.
			sources.push({url, ...(name && name !== url ? {name} : {}), ...(tags.length > 0 ? {tags} : {})});
		}

		// A folder is an outline without a feed; its name tags what it holds.
		const inner = url || !name ? folders : [...folders, name];
		stack.push(...children(outline, 'outline').map(child => ({outline: child, folders: inner})).reverse());
	}

	return {title, sources, truncated};
}

/**
 * Folder names and `category` values → tags: split at commas and slashes (OPML 2.0's
 * `/Boston/Weather,/Harvard`), one clean line each, cut to length, first occurrence kept.
 */
export function tagsOf(values: readonly string[], maxTagLength = defaultLimits.maxTagLength, maxTags = defaultLimits.maxTags): string[] {
	const tags: string[] = [];
	for (const value of values) {
		for (const part of value.split(/[,/]/u)) {
			const tag = [...cleanLine(part)].slice(0, maxTagLength).join('').trim();
			if (tag !== '' && !tags.includes(tag) && tags.length < maxTags) tags.push(tag);
		}
	}

	return tags;
}

/** Text for an XML attribute value: escaped, with characters XML 1.0 forbids removed. */
export function escapeXml(text: string): string {
	return text
		.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/gu, '')
		.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/gu, '')
		.replaceAll('&', '&amp;')
		.replaceAll('<', '&lt;')
		.replaceAll('>', '&gt;')
		.replaceAll('"', '&quot;')
		.replaceAll('\'', '&apos;')
		// Line breaks and tabs as references, so that attributes keep them; C1 controls too,
		// so that the document printed on a terminal carries no raw control.
		.replace(/[\t\n\r\u007F-\u009F]/gu, c => `&#${c.codePointAt(0)};`);
}

/**
 * An OPML 2.0 document listing `sources`, one `<outline type="rss">` each: those with tags in
 * a folder named by their first tag (folders in the order first met), with every tag in
 * `category`; those without, after the folders.
 */
export function writeOpml(sources: readonly OpmlSource[], title = 'akhbar sources'): string {
	const lines = [
		'<?xml version="1.0" encoding="UTF-8"?>',
		'<opml version="2.0">',
		'\t<head>',
		`\t\t<title>${escapeXml(title)}</title>`,
		'\t</head>',
		'\t<body>',
	];
	const folders = new Map<string, OpmlSource[]>();
	for (const source of sources) {
		const first = source.tags?.[0];
		if (first !== undefined) folders.set(first, [...folders.get(first) ?? [], source]);
	}

	const outline = ({url, name, tags}: OpmlSource, indent: string): string => {
		const text = escapeXml(name ?? url);
		const category = tags && tags.length > 0 ? ` category="${escapeXml(tags.join(','))}"` : '';
		return `${indent}<outline type="rss" text="${text}" title="${text}" xmlUrl="${escapeXml(url)}"${category}/>`;
	};

	for (const [tag, members] of folders) {
		lines.push(`\t\t<outline text="${escapeXml(tag)}" title="${escapeXml(tag)}">`);
		for (const source of members) lines.push(outline(source, '\t\t\t'));
		lines.push('\t\t</outline>');
	}

	for (const source of sources) {
		if (!source.tags?.length) lines.push(outline(source, '\t\t'));
	}

	lines.push('\t</body>', '</opml>', '');
	return lines.join('\n');
}
