/** Links from sources: only absolute http(s) URLs leave this module, relative ones resolved. */
import {sanitizeLine} from '../text/sanitize.js';

/**
 * An absolute http(s) URL, resolved against `base` when relative. Anything else (`javascript:`,
 * `data:`, a malformed URL, a relative link with no base) is dropped: a link is followed or
 * shown, never run.
 */
export function resolveUrl(href: string | undefined, base?: string): string | undefined {
	const raw = href?.trim();
	if (!raw) return undefined;
	// canParse first: a thrown TypeError per item is most of the cost on a feed of bare guids.
	if (!URL.canParse(raw, base)) return undefined;
	const url = new URL(raw, base);
	if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
	return sanitizeLine(url.href);
}
