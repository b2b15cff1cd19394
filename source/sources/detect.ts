/**
 * What kind of document a source is, decided from its content: servers label feeds text/html
 * and files are named anything. The Content-Type only breaks ties the content leaves open.
 * Only the start of the text is read, so a truncated document is still recognized (and then
 * its parser says what is wrong with it).
 */

export type SourceFormat = 'rss' | 'rdf' | 'atom' | 'jsonfeed' | 'mostread-json' | 'html' | 'text';

/** How much of the document is looked at: enough for a long prolog or a DOCTYPE with a subset. */
const sniffLength = 8192;

/** Tags that can only open an HTML document (or a fragment of one). */
const htmlTags = /^(?:html|head|body|meta|title|link|script|style|div|p|article|section|main|header|nav|span|a|h[1-6]|table|ul|ol|br|img|!--)$/i;

/** Skips the XML declaration, processing instructions, comments and a DOCTYPE. */
function skipProlog(text: string): {rest: string; doctype?: string} {
	let rest = text;
	let doctype: string | undefined;
	for (;;) {
		rest = rest.replace(/^\s+/, '');
		if (rest.startsWith('<?')) {
			const end = rest.indexOf('?>');
			if (end < 0) return {rest: '', doctype};
			rest = rest.slice(end + 2);
		} else if (rest.startsWith('<!--')) {
			const end = rest.indexOf('-->');
			if (end < 0) return {rest: '', doctype};
			rest = rest.slice(end + 3);
		} else if (/^<!doctype/i.test(rest)) {
			// An internal subset in brackets may itself contain `>`.
			const match = /^<!doctype\s+([^\s[>]+)[^[>]*(?:\[[\s\S]*?\]\s*)?>/i.exec(rest);
			if (!match) return {rest: '', doctype: /^<!doctype\s+([^\s[>]+)/i.exec(rest)?.[1]};
			doctype = match[1];
			rest = rest.slice(match[0].length);
		} else {
			return {rest, doctype};
		}
	}
}

function detectJson(head: string, contentType: string): SourceFormat {
	if (/"version"\s*:\s*"https?:\/\/jsonfeed\.org\/version\//.test(head) || /feed\+json/.test(contentType)) {
		return 'jsonfeed';
	}

	// The only other JSON source we read is a most-read list; its parser names what is missing.
	return 'mostread-json';
}

function detectMarkup(head: string, contentType: string): SourceFormat {
	const {rest, doctype} = skipProlog(head);
	if (doctype?.toLowerCase() === 'html') {
		return 'html';
	}

	const root = /^<([a-z_][\w.-]*(?::[\w.-]+)?)/i.exec(rest)?.[1];
	if (root) {
		const local = root.includes(':') ? root.slice(root.indexOf(':') + 1) : root;
		if (root === 'rss' || root === 'channel') return 'rss';
		if (local === 'RDF') return 'rdf';
		if (local === 'feed') return 'atom';
		if (htmlTags.test(root)) return 'html';
	}

	if (/atom\+xml/.test(contentType)) return 'atom';
	if (/rdf\+xml/.test(contentType)) return 'rdf';
	if (/rss\+xml/.test(contentType)) return 'rss';
	if (/html/.test(contentType) || /<(?:html|body|p|div)[\s>]/i.test(head)) return 'html';
	// Unknown XML is given to the feed parser, which says why it is not a feed.
	return doctype || /xml/.test(contentType) || head.trimStart().startsWith('<?xml') ? 'rss' : 'text';
}

/** Sniffs the format from the text (after decoding), the Content-Type only as a tie-breaker. */
export function detectFormat(text: string, contentType?: string): SourceFormat {
	const head = text.slice(0, sniffLength).replace(/^\uFEFF/, '');
	const type = (contentType ?? '').toLowerCase();
	const start = head.trimStart();
	if (start.startsWith('{')) {
		return detectJson(start, type);
	}

	if (start.startsWith('<')) {
		return detectMarkup(start, type);
	}

	return 'text';
}
