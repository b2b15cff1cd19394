/**
 * The meta line's author and site name, from what a page declares. Pages put many things in
 * their author fields: an image URL, the site's own name, a dateline ("CAIRO —"), "By" and a
 * job title. The author is shown only when it reads as a person's or a desk's name.
 */

/** "By", "بقلم", "نویسنده:", "מאת", "تحریر:" before a name; a dash or a comma after it. */
const namePrefix = /^(?:by|written by|بقلم|كتب(?:ت)?|كتبه|بواسطة|نویسنده|نوشته|تحریر|از|מאת|כתבה?)\s*[:：]?\s+/iu;
const trailing = /[\s\-–—|,،:]+$/u;

/** The pieces a page title is made of, split at the separators sites put before their name. */
function titleParts(pageTitle: string): string[] {
	return pageTitle
		.split(/\s+[-–—|:•·]\s+/u)
		.map((part) => part.trim())
		.filter(Boolean);
}

/**
 * The site's name in a page title made of pieces ("Headline - Site", "Site | Headline"): the
 * shorter of the first and the last piece, since the headline is the longer one.
 */
export function titleSuffix(pageTitle: string | undefined): string | undefined {
	const parts = titleParts(pageTitle ?? '');
	if (parts.length < 2) return undefined;
	const first = parts[0]!;
	const last = parts.at(-1)!;
	return first.length < last.length ? first : last;
}

function squash(text: string): string {
	return text.toLowerCase().replace(/[^\p{L}\p{Nd}]+/gu, '');
}

export type NameContext = {siteName?: string; pageTitle?: string; url?: string};

/**
 * The author as the meta line shows it, or undefined when the value is no name: a URL, a
 * label, the site's name or its domain, a dateline, a sentence, a list of keywords.
 */
export function authorName(raw: string | undefined, context: NameContext = {}): string | undefined {
	if (!raw) return undefined;
	const value = raw.trim().replace(namePrefix, '').replace(trailing, '').trim();
	if (!value || /https?:|www\.|\.(?:jpe?g|png|gif|webp|svg)\b|[@/\\|<>{}=:：]/iu.test(value)) return undefined;
	const words = value.split(/\s+/u);
	if (words.length > 5 || /[.!?؟:：]$/u.test(raw.trim()) || value.length > 60) return undefined;
	// A dateline: a city in capitals followed by a dash ("CAIRO —").
	if (/[-–—]\s*$/u.test(raw.trim()) && words.length === 1 && value === value.toUpperCase() && /\p{Lu}/u.test(value)) return undefined;
	const key = squash(value);
	if (key.length < 2) return undefined;
	const site = squash(context.siteName ?? '');
	if (site && (key.includes(site) || site.includes(key))) return undefined;
	const suffix = squash(titleSuffix(context.pageTitle) ?? '');
	if (suffix && (key.includes(suffix) || suffix.includes(key))) return undefined;
	let host = '';
	try {
		host = context.url ? squash(new URL(context.url).hostname.replace(/^www\./u, '')) : '';
	} catch {
		// Not a URL: nothing to compare with.
	}

	if (host && host.includes(key)) return undefined;
	return value;
}

type Json = null | boolean | number | string | Json[] | {[key: string]: Json};

/** The publisher's or the web site's name in a page's JSON-LD blocks, if any says one. */
export function structuredSiteName(scripts: readonly string[]): string | undefined {
	const names: {publisher?: string; site?: string} = {};
	const visit = (node: Json, depth: number): void => {
		if (depth > 8 || node === null || typeof node !== 'object') return;
		if (Array.isArray(node)) {
			for (const item of node) visit(item, depth + 1);
			return;
		}

		const type = node['@type'];
		const types = Array.isArray(type) ? type : [type];
		const name = typeof node['name'] === 'string' ? node['name'].trim() : undefined;
		if (name && types.includes('WebSite')) names.site ??= name;
		const publisher = node['publisher'];
		if (publisher && typeof publisher === 'object' && !Array.isArray(publisher) && typeof publisher['name'] === 'string') {
			names.publisher ??= publisher['name'].trim() || undefined;
		}

		for (const value of Object.values(node)) visit(value, depth + 1);
	};

	for (const script of scripts) {
		try {
			visit(JSON.parse(script) as Json, 0);
		} catch {
			// A page's broken JSON-LD says nothing.
		}
	}

	return names.publisher ?? names.site;
}
