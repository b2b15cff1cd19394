/**
 * Real sources through the store: what sources/ loads, stored and built again, is what the
 * reader would have shown (every headline's title, link, date and article; the most-read list
 * first, by rank).
 */
import {fileURLToPath} from 'node:url';
import {describe, expect, it} from 'vitest';
import {headlineGroups, type Article, type Edition} from '../../source/model.js';
import {loadSource} from '../../source/sources/load.js';
import {testLibrary} from './helpers.js';

const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/${name}`, import.meta.url));

function articleOf(edition: Edition, key: string): Article | undefined {
	const headline = edition.headlines.find(item => item.key === key && item.article !== undefined);
	return headline ? edition.articles[headline.article! - 1] : undefined;
}

describe('sources through the store', () => {
	it.each(['feeds/rss-full.xml', 'feeds/atom.xml', 'feeds/rdf.xml', 'feeds/jsonfeed-1.1.json', 'feeds/mostread-records.json', 'pages/article.html'])('%s', async name => {
		const {edition: loaded} = await loadSource(fixture(name), {cache: false});
		const library = testLibrary();
		library.storeEdition(loaded.source, loaded, {at: new Date('2026-12-01T00:00:00Z')});
		const stored = library.edition(loaded.source)!;
		expect(stored.name).toBe(loaded.name);
		expect(stored.lang).toBe(loaded.lang);
		expect(stored.dir).toBe(loaded.dir);
		expect(new Set(stored.headlines.map(headline => headline.key))).toEqual(new Set(loaded.headlines.map(headline => headline.key)));
		for (const headline of loaded.headlines) {
			const again = stored.headlines.find(item => item.key === headline.key)!;
			expect(again.title).toBe(headline.title);
			expect(again.url).toBe(headline.url);
			expect(articleOf(stored, headline.key)).toEqual(articleOf(loaded, headline.key));
		}

		const ranked = (edition: Edition) => headlineGroups(edition).filter(group => group.list !== 'latest').map(group => [group.list, group.headlines.map(headline => headline.key)]);
		expect(ranked(stored)).toEqual(ranked(loaded));
	});
});
