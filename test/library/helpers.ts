/** Editions to store, made the way sources/ makes them, and libraries in temporary folders. */
import path from 'node:path';
import {afterEach} from 'vitest';
import type {Article, Edition, Headline} from '../../source/model.js';
import {openLibrary, type LibraryOptions} from '../../source/library/index.js';
import type {Library} from '../../source/library/api.js';
import {tempDir} from '../store/helpers.js';

export {tempDir} from '../store/helpers.js';

const open: Library[] = [];

afterEach(() => {
	for (const library of open.splice(0)) library.close();
});

/** A library in a fresh folder (closed after the test), or at `file`. */
export function testLibrary(options: LibraryOptions = {}): Library {
	const library = openLibrary({path: path.join(tempDir(), 'library.sqlite'), flushOnExit: false, ...options});
	open.push(library);
	return library;
}

export type ItemSpec = {key: string; title: string; text?: string; date?: string; url?: string};

export function article(item: ItemSpec): Article {
	return {
		key: item.key,
		title: item.title,
		...(item.url === undefined ? {} : {url: item.url}),
		...(item.date === undefined ? {} : {date: item.date}),
		blocks: item.text === undefined ? [] : [{kind: 'paragraph', text: item.text}],
	};
}

/** A feed's edition: every item a latest headline with its article. */
export function feedEdition(spec: string, items: readonly ItemSpec[], options: {name?: string; mostRead?: readonly string[]; lang?: string} = {}): Edition {
	const headlines: Headline[] = [];
	const articles: Article[] = items.map(item => article(item));
	if (options.mostRead) {
		options.mostRead.forEach((key, index) => {
			const at = items.findIndex(item => item.key === key);
			const item = items[at]!;
			headlines.push({key, title: item.title, rank: index + 1, list: 'most-read', article: at + 1});
		});
	}

	items.forEach((item, index) => {
		headlines.push({
			key: item.key,
			title: item.title,
			...(item.url === undefined ? {} : {url: item.url}),
			...(item.date === undefined ? {} : {date: item.date}),
			article: index + 1,
			...(options.mostRead ? {list: 'latest' as const} : {}),
		});
	});
	return {
		source: spec,
		name: options.name ?? `name of ${spec}`,
		list: options.mostRead ? 'most-read' : 'latest',
		headlines,
		articles,
		...(options.lang === undefined ? {} : {lang: options.lang}),
		notes: [],
	};
}

/** `count` items dated one minute apart, newest first, from `start`. */
export function items(prefix: string, count: number, start = Date.parse('2026-12-01T12:00:00Z')): ItemSpec[] {
	return Array.from({length: count}, (_, index) => ({
		key: `${prefix}-${index}`,
		title: `عنوان ${prefix} رقم ${index}`,
		text: `نص الخبر ${index} من ${prefix}: قال المتحدث إن الاجتماع انتهى.`,
		date: new Date(start - (index * 60_000)).toISOString(),
		url: `https://example.com/${prefix}/${index}`,
	}));
}
