/**
 * Headline keys: the identity under which reading state (read, scroll position) is stored.
 * A key must survive a reload, a reordering of the list and a retitled copy of the same item, so
 * it is never a position: the item's own id when it has one, else its URL, else the source plus
 * its title normalized so that harmless edits (tashkeel, tatweel, spacing) keep it stable.
 */

/** Harakat, Quranic marks, superscript alef, tatweel. */
const arabicDecoration = /[\u0610-\u061A\u064B-\u065F\u0670\u06D6-\u06DC\u06DF-\u06E8\u06EA-\u06ED\u0640]/g;

/** Zero-width and bidi format characters, the BOM. */
const invisible = /[\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF\u00AD]/g;

/** A title reduced to what a reader would call "the same headline". */
export function normalizeTitle(title: string): string {
	return title
		.normalize('NFKC')
		.replace(arabicDecoration, '')
		.replace(invisible, '')
		.replace(/\s+/g, ' ')
		.trim()
		.toLowerCase();
}

export type KeyParts = {
	/** RSS guid, Atom id, JSON Feed id, a most-read record's id. */
	id?: string;
	/** The item's absolute URL. */
	url?: string;
	title: string;
};

/**
 * guid/id, else URL, else source + normalized title. An id that is not globally unique on its
 * face (no scheme or URN prefix, e.g. a bare "4521") is scoped to its source, or two feeds that
 * number their items would share reading state.
 */
export function headlineKey(source: string, parts: KeyParts): string {
	const id = parts.id?.trim();
	if (id) {
		return /^[a-z][a-z\d+.-]*:/i.test(id) ? id : `${source}#id:${id}`;
	}

	const url = parts.url?.trim();
	if (url) {
		return url;
	}

	return `${source}#${normalizeTitle(parts.title)}`;
}
