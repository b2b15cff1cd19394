/**
 * HTML fragments (RSS content:encoded and descriptions, Atom html/xhtml content, JSON Feed
 * content_html, Readability's output) → the blocks an article is made of.
 *
 * The walk is iterative, never recursive: a hostile fragment of 10,000 nested elements must not
 * overflow the stack. Nothing is shortened; whatever is text in the fragment and is not inside
 * a script, a style, an embed or a form control ends up in a block, in document order.
 */
import {parseHTML} from 'linkedom';
import type {Block, BlockKind, Direction, Link} from '../model.js';
import {declaredDirection} from '../text/direction.js';
import {sanitize, sanitizeLine} from '../text/sanitize.js';
import {limitNesting} from './nesting.js';
import {resolveUrl} from './urls.js';

/** Deeper nesting is flattened before parsing (see nesting.ts); no real article comes close. */
export const maxNesting = 1000;

/** Elements whose contents are never text for the reader. */
const dropped = new Set([
	'script',
	'style',
	'noscript',
	'template',
	'iframe',
	'frame',
	'frameset',
	'object',
	'embed',
	'applet',
	'svg',
	'math',
	'canvas',
	'video',
	'audio',
	'source',
	'track',
	'img',
	'picture',
	'map',
	'button',
	'input',
	'select',
	'option',
	'textarea',
	'head',
	'title',
	'meta',
	'link',
	'base',
]);

/** Elements that end the text before them and start new text. */
const blockLevel = new Set([
	'address',
	'article',
	'aside',
	'blockquote',
	'body',
	'center',
	'dd',
	'details',
	'dialog',
	'div',
	'dl',
	'dt',
	'fieldset',
	'figcaption',
	'figure',
	'footer',
	'form',
	'h1',
	'h2',
	'h3',
	'h4',
	'h5',
	'h6',
	'header',
	'hgroup',
	'hr',
	'li',
	'main',
	'nav',
	'ol',
	'p',
	'pre',
	'section',
	'summary',
	'table',
	'tbody',
	'tfoot',
	'thead',
	'tr',
	'ul',
]);

/** The kind a block-level element gives the text inside it; others inherit their parent's. */
function kindOf(tag: string, inherited: BlockKind): BlockKind {
	switch (tag) {
		case 'h1':
		case 'h2':
		case 'h3':
		case 'h4':
		case 'h5':
		case 'h6': {
			return 'heading';
		}

		case 'li':
		case 'dd':
		case 'dt': {
			return inherited === 'caption' ? inherited : 'item';
		}

		case 'blockquote': {
			return inherited === 'caption' ? inherited : 'quote';
		}

		case 'figcaption': {
			return 'caption';
		}

		default: {
			return inherited;
		}
	}
}

/** Minimal structural view of linkedom nodes (the project compiles without the DOM lib). */
type HtmlNode = {
	nodeType: number;
	nodeName: string;
	nodeValue: string | null;
	childNodes: ArrayLike<HtmlNode>;
	getAttribute?: (name: string) => string | null;
	hasAttribute?: (name: string) => boolean;
	matches?: (selector: string) => boolean;
};

const elementNode = 1;
const textNode = 3;
const cdataNode = 4;

function isHidden(element: HtmlNode): boolean {
	if (element.hasAttribute?.('hidden')) {
		return true;
	}

	const style = element.getAttribute?.('style') ?? '';
	return /display\s*:\s*none|visibility\s*:\s*hidden/i.test(style);
}

/** A `<br>` among the parts of a block. */
const lineBreak = Symbol('br');

/**
 * Accumulates inline text and turns it into blocks at block boundaries. A `<br>` is a line
 * break inside its block; two in a row (nothing but spaces between) end the block, as the
 * blank line they show does.
 */
class BlockWriter {
	readonly blocks: Block[] = [];
	private parts: Array<string | typeof lineBreak> = [];
	private kind: BlockKind = 'paragraph';
	private dir: Direction | undefined;

	add(text: string, kind: BlockKind, dir: Direction | undefined): void {
		if (kind !== this.kind || dir !== this.dir) {
			this.flush();
			this.kind = kind;
			this.dir = dir;
		}

		this.parts.push(text);
	}

	breakLine(): void {
		this.parts.push(lineBreak);
	}

	/** Preformatted text keeps its lines: each becomes a block of its own. */
	addPreformatted(text: string, kind: BlockKind, dir: Direction | undefined): void {
		const lines = text.split(/\r\n?|\n/);
		for (const [index, line] of lines.entries()) {
			if (index > 0) {
				this.flush();
			}

			this.add(line, kind, dir);
		}
	}

	flush(): void {
		if (this.parts.length === 0) {
			return;
		}

		// The lines between breaks, spaces collapsed; an empty one between two breaks ends a paragraph.
		const lines: string[] = [''];
		for (const part of this.parts) {
			if (part === lineBreak) {
				lines.push('');
			} else {
				lines[lines.length - 1] += part;
			}
		}

		this.parts = [];
		let paragraph: string[] = [];
		for (const line of [...lines, '']) {
			const text = sanitize(line.replace(/\s+/g, ' ').trim()).trim();
			if (text) {
				paragraph.push(text);
				continue;
			}

			if (paragraph.length > 0) {
				this.blocks.push({kind: this.kind, text: paragraph.join('\n'), ...(this.dir ? {dir: this.dir} : {})});
				paragraph = [];
			}
		}
	}
}

/** What an element declares (direction.ts): its `dir`, else its `lang`. */
function declaredBy(element: HtmlNode): Direction | undefined {
	return declaredDirection(element.getAttribute?.('dir') ?? undefined, element.getAttribute?.('lang') ?? element.getAttribute?.('xml:lang') ?? undefined);
}

/** Links past this many are not kept: an article is not a link farm, and a hostile one may be. */
const maxLinks = 1000;
/** A link's words are for telling links apart in a list: a sentence is plenty. */
const maxLinkText = 300;

/**
 * The links of an article's text, in order, each URL once: absolute http(s) only (relative ones
 * resolved against `base`, the item's or the page's URL), in-page anchors (`#note`) left out.
 */
export class LinkCollector {
	readonly links: Link[] = [];
	private readonly byUrl = new Map<string, Link>();

	constructor(private readonly base?: string) {}

	add(href: string | undefined, text: string): void {
		const raw = href?.trim();
		if (!raw || raw.startsWith('#') || this.links.length >= maxLinks) return;
		const url = resolveUrl(raw, this.base);
		if (!url) return;
		const words = [...sanitizeLine(text.replace(/\s+/g, ' ').trim()).trim()].slice(0, maxLinkText).join('');
		const known = this.byUrl.get(url);
		if (known) {
			// The same link again (an image, then its caption): the first words it had win.
			if (known.text === undefined && words) known.text = words;
			return;
		}

		const link: Link = words ? {url, text: words} : {url};
		this.byUrl.set(url, link);
		this.links.push(link);
	}

	/** Puts `other`'s links before these (a teaser shown above the body), each URL still once. */
	prepend(other: LinkCollector): void {
		const mine = this.links.splice(0);
		this.byUrl.clear();
		for (const link of [...other.links, ...mine]) {
			const known = this.byUrl.get(link.url);
			if (known) {
				if (known.text === undefined && link.text !== undefined) known.text = link.text;
			} else if (this.links.length < maxLinks) {
				const copy = {...link};
				this.byUrl.set(link.url, copy);
				this.links.push(copy);
			}
		}
	}
}

type OpenLink = {href: string; parts: string[]};

type Step = {node: HtmlNode; kind: BlockKind; pre: boolean; dir: Direction | undefined} | {exit: BlockKind} | {endLink: OpenLink};

/**
 * Walks `root`'s children in document order with an explicit stack, skipping `skip` matches.
 * A block-level element's `dir` or `lang` is its blocks' declared direction (a block records
 * it when the element or one around it inside `root` declares one); inline elements' are not.
 * `<a href>` elements go to `links` with the text inside them, when it is given.
 */
function walk(root: HtmlNode, writer: BlockWriter, rootKind: BlockKind, skip?: string, links?: LinkCollector): void {
	const stack: Step[] = [];
	const pushChildren = (node: HtmlNode, kind: BlockKind, pre: boolean, dir: Direction | undefined) => {
		const children = node.childNodes;
		for (let index = children.length - 1; index >= 0; index--) {
			stack.push({node: children[index]!, kind, pre, dir});
		}
	};

	// Anchors being read (nested only in hostile markup): their text is collected as it passes.
	const open: OpenLink[] = [];
	pushChildren(root, rootKind, false, root.nodeType === elementNode ? declaredBy(root) : undefined);
	while (stack.length > 0) {
		const step = stack.pop()!;
		if ('exit' in step) {
			writer.flush();
			continue;
		}

		if ('endLink' in step) {
			open.splice(open.lastIndexOf(step.endLink), 1);
			links!.add(step.endLink.href, step.endLink.parts.join(''));
			continue;
		}

		const {node, kind, pre, dir} = step;
		if (node.nodeType === textNode || node.nodeType === cdataNode) {
			const text = node.nodeValue ?? '';
			for (const link of open) link.parts.push(text);
			if (pre) {
				writer.addPreformatted(text, kind, dir);
			} else {
				writer.add(text, kind, dir);
			}

			continue;
		}

		if (node.nodeType !== elementNode) {
			continue;
		}

		const tag = node.nodeName.toLowerCase();
		if (dropped.has(tag) || isHidden(node) || (skip !== undefined && node.matches?.(skip))) {
			continue;
		}

		if (tag === 'br') {
			if (pre) {
				writer.flush();
			} else {
				writer.breakLine();
			}

			continue;
		}

		if (tag === 'a' && links) {
			const href = node.getAttribute?.('href');
			if (href) {
				const link: OpenLink = {href, parts: []};
				open.push(link);
				// Taken off the stack after the anchor's children: the link ends where they do.
				stack.push({endLink: link});
			}
		}

		if (tag === 'td' || tag === 'th') {
			// Cells of a row read as one line, separated by spaces.
			writer.add(' ', kind, dir);
		}

		if (blockLevel.has(tag)) {
			writer.flush();
			const inner = kindOf(tag, kind);
			stack.push({exit: inner});
			pushChildren(node, inner, pre || tag === 'pre', declaredBy(node) ?? dir);
			continue;
		}

		pushChildren(node, kind, pre, dir);
	}

	writer.flush();
}

type Scratch = {innerHTML: string} & HtmlNode;

/**
 * One parsed page whose body is refilled for each fragment. A new linkedom document per feed
 * item costs twice the time (mostly garbage collection) over a 100,000-item feed. The walk is
 * synchronous and never re-enters, so sharing it is safe; the body is emptied after each use.
 */
let scratch: Scratch | undefined;

/**
 * Past this many tags a fragment gets a document of its own: linkedom's innerHTML setter
 * recurses once per nesting level (10,000 nested elements overflow the stack), its parser does not.
 */
const scratchTagLimit = 1000;

function tagCount(html: string, limit: number): number {
	let count = 0;
	for (let index = html.indexOf('<'); index >= 0 && count <= limit; index = html.indexOf('<', index + 1)) {
		count++;
	}

	return count;
}

/** Parses a fragment, hands its container to `use`, and empties it again. */
function withFragment<T>(html: string, use: (body: HtmlNode) => T): T {
	if (tagCount(html, scratchTagLimit) > scratchTagLimit) {
		const bounded = limitNesting(html, maxNesting);
		const {document} = parseHTML(`<!doctype html><html><head></head><body>${bounded}</body></html>`);
		return use(document.body as unknown as HtmlNode);
	}

	scratch ??= parseHTML('<!doctype html><html><head></head><body></body></html>').document.body as unknown as Scratch;
	const body = scratch;
	body.innerHTML = html;
	try {
		return use(body);
	} finally {
		body.innerHTML = '';
	}
}

/** Any element-like markup or entity reference worth a real HTML parse. */
const markup = /<[a-z!/?]|&(?:#\d+|#x[\da-f]+|[a-z][a-z\d]*);/i;

/**
 * Feed item HTML → paragraphs, headings, list items, quotes and captions, entities decoded,
 * scripts, styles and embeds dropped, nothing truncated; its links to `links`, if given.
 */
export function htmlToBlocks(html: string, links?: LinkCollector): Block[] {
	const writer = new BlockWriter();
	if (!markup.test(html)) {
		// Plain text in an HTML field: still one paragraph per line break.
		for (const line of html.split(/\r\n?|\n/)) {
			writer.add(line, 'paragraph', undefined);
			writer.flush();
		}

		return writer.blocks;
	}

	withFragment(html, (body) => walk(body, writer, 'paragraph', undefined, links));
	return writer.blocks;
}

/**
 * Walks an already-parsed element (a page's article content) into blocks, leaving out the
 * elements that match `skip` (a CSS selector), if given; its links to `links`, if given.
 */
export function elementToBlocks(element: unknown, skip?: string, links?: LinkCollector): Block[] {
	const writer = new BlockWriter();
	walk(element as HtmlNode, writer, 'paragraph', skip, links);
	return writer.blocks;
}

/**
 * Plain text (JSON Feed content_text, Atom type="text") → paragraphs. When the text has blank
 * lines, they separate paragraphs and single newlines are soft wraps; otherwise every line is a
 * paragraph, which is how most Arabic plain-text dumps are written.
 */
export function textToBlocks(text: string): Block[] {
	const normalized = text.replace(/\r\n?/g, '\n');
	const paragraphs = /\n[ \t]*\n/.test(normalized)
		? normalized.split(/\n[ \t]*\n+/).map((paragraph) => paragraph.replace(/\n/g, ' '))
		: normalized.split('\n');
	const blocks: Block[] = [];
	for (const paragraph of paragraphs) {
		const clean = sanitize(paragraph.replace(/\s+/g, ' ').trim()).trim();
		if (clean) {
			blocks.push({kind: 'paragraph', text: clean});
		}
	}

	return blocks;
}

/** The most common named references, decoded without building a DOM. */
const namedEntities: Record<string, string> = {
	amp: '&',
	lt: '<',
	gt: '>',
	quot: '"',
	apos: "'",
	nbsp: '\u00A0',
	hellip: '…',
	ndash: '–',
	mdash: '—',
	laquo: '«',
	raquo: '»',
	lsquo: '‘',
	rsquo: '’',
	sbquo: '‚',
	ldquo: '“',
	rdquo: '”',
	bdquo: '„',
	shy: '\u00AD',
	zwnj: '\u200C',
	zwj: '\u200D',
	lrm: '\u200E',
	rlm: '\u200F',
	middot: '·',
	bull: '•',
	copy: '©',
	reg: '®',
	trade: '™',
	deg: '°',
	times: '×',
	divide: '÷',
	euro: '€',
	pound: '£',
	cent: '¢',
	sect: '§',
	para: '¶',
};

function codePoint(value: number): string | undefined {
	if (value <= 0 || value > 0x10ffff || (value >= 0xd800 && value <= 0xdfff)) {
		return undefined;
	}

	return String.fromCodePoint(value);
}

/**
 * Decodes character references left in a one-line field (numeric ones and HTML named ones
 * that XML does not know, or a title escaped twice). Unknown names go through the HTML parser,
 * which knows all of them; a name nobody knows stays as written.
 */
export function decodeEntities(text: string): string {
	if (!text.includes('&')) {
		return text;
	}

	let unknown = false;
	const decoded = text.replace(/&(?:#(\d{1,7})|#x([\da-f]{1,6})|([a-z][a-z\d]{1,31}));/gi, (whole, dec, hex, name) => {
		if (dec !== undefined) {
			return codePoint(Number(dec)) ?? whole;
		}

		if (hex !== undefined) {
			return codePoint(Number.parseInt(hex as string, 16)) ?? whole;
		}

		const known = namedEntities[name as string] ?? namedEntities[(name as string).toLowerCase()];
		if (known === undefined) {
			unknown = true;
			return whole;
		}

		return known;
	});
	if (!unknown) {
		return decoded;
	}

	// Start again from the original so nothing is decoded twice; escaping `<` makes the parser
	// see only text and references.
	return withFragment(text.replace(/</g, '&lt;'), (body) => (body as unknown as {textContent: string}).textContent);
}

/** A one-line field that may hold markup (an Atom html title, a most-read link) → safe text. */
export function htmlToLine(html: string): string {
	const text = /<[a-z!/]/i.test(html)
		? htmlToBlocks(html)
				.map((block) => block.text)
				.join(' ')
		: decodeEntities(html);
	return sanitizeLine(text.replace(/\s+/g, ' ').trim()).trim();
}
