/**
 * BBC Arabic's machine-readable most-read list (`/arabic/mostread.json`) → Edition. Older copies
 * keep the ranked entries under `records` (each headline and link inside a `promo`), newer ones
 * under `data.items` with flat `title`, `href` and `timestamp`. Both are read, field by field,
 * so a renamed field costs one entry its date rather than the whole list. Entries carry no text,
 * so no headline has an article number; the reader fetches the page when one is opened.
 */
import type {Edition, Headline} from '../model.js';
import {sanitizeLine} from '../text/sanitize.js';
import {dateFromEpoch, parseDate} from './dates.js';
import {SourceError} from './errors.js';
import {htmlToLine} from './html-blocks.js';
import {parseJsonDocument} from './json.js';
import {headlineKey} from './keys.js';
import {resolveUrl} from './urls.js';

type Json = Record<string, unknown>;

const defaultBase = 'https://www.bbc.com';

function object(value: unknown): Json | undefined {
	return value && typeof value === 'object' && !Array.isArray(value) ? (value as Json) : undefined;
}

/** The first of `paths` (dotted) that holds a non-empty string or a number. */
function pick(record: Json, paths: string[]): string | number | undefined {
	for (const path of paths) {
		let value: unknown = record;
		for (const part of path.split('.')) {
			value = object(value)?.[part];
		}

		if ((typeof value === 'string' && value.trim()) || (typeof value === 'number' && Number.isFinite(value))) {
			return value;
		}
	}

	return undefined;
}

const titlePaths = [
	'title',
	'headline',
	'promo.headlines.shortHeadline',
	'promo.headlines.headline',
	'promo.headlines.seoHeadline',
	'headlines.shortHeadline',
	'headlines.headline',
	'name',
];
const hrefPaths = ['href', 'url', 'promo.locators.assetUri', 'promo.locators.canonicalUrl', 'locators.assetUri', 'uri'];
const timePaths = ['timestamp', 'promo.timestamp', 'lastPublished', 'firstPublished', 'date'];
const idPaths = ['id', 'promo.id'];

function entriesOf(root: Json): unknown[] | undefined {
	if (Array.isArray(root.records)) return root.records;
	const items = object(root.data)?.items;
	if (Array.isArray(items)) return items;
	if (Array.isArray(root.items)) return root.items;
	return undefined;
}

function dateOf(value: string | number | undefined): string | undefined {
	return typeof value === 'number' ? dateFromEpoch(value) : parseDate(value);
}

/**
 * The most-read list → Edition with `list: 'most-read'`: ranks as the list gives them (else
 * positions), relative links resolved against `baseUrl` (default: the source when it is a URL,
 * else https://www.bbc.com).
 */
export function parseMostReadJson(text: string, source: string, baseUrl?: string): Edition {
	const {value, notes} = parseJsonDocument(text, source, 'not a most-read list', ['records', 'items']);
	const root = object(value);
	const entries = root ? entriesOf(root) : undefined;
	if (!root || !entries) {
		throw new SourceError(source, 'not a most-read list: no records or data.items');
	}

	const base = baseUrl ?? (/^https?:\/\//i.test(source) ? source : defaultBase);
	const headlines: Headline[] = [];
	const seen = new Set<string>();
	for (const [index, value] of entries.entries()) {
		const record = object(value);
		if (!record) continue;
		const rawTitle = pick(record, titlePaths);
		const title = rawTitle === undefined ? undefined : htmlToLine(String(rawTitle));
		if (!title) continue;
		const href = pick(record, hrefPaths);
		const url = resolveUrl(href === undefined ? undefined : String(href), base);
		const id = pick(record, idPaths);
		const key = headlineKey(source, {id: id === undefined ? undefined : sanitizeLine(String(id)), url, title});
		if (seen.has(key)) continue;
		seen.add(key);
		const given = record.rank;
		const rank = typeof given === 'number' && Number.isInteger(given) && given > 0 ? given : index + 1;
		const headline: Headline = {key, title, rank};
		if (url) headline.url = url;
		const date = dateOf(pick(record, timePaths));
		if (date) headline.date = date;
		headlines.push(headline);
	}

	if (headlines.length === 0) {
		throw new SourceError(source, 'empty most-read list');
	}

	const name = pick(root, ['title', 'name', 'data.title']);
	return {
		source,
		name: name === undefined ? source : sanitizeLine(String(name)) || source,
		list: 'most-read',
		headlines,
		articles: [],
		notes,
	};
}
