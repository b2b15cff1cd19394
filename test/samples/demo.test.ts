import {describe, expect, it} from 'vitest';
import type {Article} from '../../source/model.js';
import {demoEdition, sampleArticleNumber} from '../../source/samples/demo.js';
import {sanitize, sanitizeLine} from '../../source/text/sanitize.js';

const edition = demoEdition();
const byKey = (key: string): Article => {
	const article = edition.articles.find(candidate => candidate.key === key);
	if (!article) throw new Error(`no demo article ${key}`);
	return article;
};
const texts = (article: Article) => [article.title, ...article.blocks.map(block => block.text)];
const paragraphs = (article: Article) => article.blocks.filter(block => block.kind === 'paragraph').map(block => block.text);
const arabicLetter = /[\u0621-\u064A]/u;
const mark = /\p{Mn}/u;

describe('the demo edition', () => {
	it('is a most-read edition of Arabic articles from the demo source', () => {
		expect(edition).toMatchObject({source: 'demo', list: 'most-read', lang: 'ar', notes: []});
		expect(edition.name).toContain('تجريبي');
		expect(edition.articles.length).toBeGreaterThanOrEqual(6);
	});

	it('ranks its headlines 1..n, each pointing to an existing article with the same key and title', () => {
		expect(edition.headlines.map(headline => headline.rank)).toEqual(edition.headlines.map((_, index) => index + 1));
		for (const headline of edition.headlines) {
			expect(headline.article).toBeGreaterThanOrEqual(1);
			const article = edition.articles[headline.article! - 1]!;
			expect(article).toBeDefined();
			expect(headline.key).toBe(article.key);
			expect(headline.title).toBe(article.title);
		}
	});

	it('lists every article exactly once, under a unique demo: key', () => {
		const pointed = edition.headlines.map(headline => headline.article).sort((a, b) => a! - b!);
		expect(pointed).toEqual(edition.articles.map((_, index) => index + 1));
		const keys = edition.articles.map(article => article.key);
		expect(new Set(keys).size).toBe(keys.length);
		expect(keys.every(key => /^demo:[a-z\d-]+$/.test(key))).toBe(true);
	});

	it('gives every article a title, an author, an ISO date and at least three paragraphs', () => {
		for (const article of edition.articles) {
			expect(article.title.length, article.key).toBeGreaterThan(10);
			expect(article.author, article.key).toBeTruthy();
			expect(article.date, article.key).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
			expect(Number.isNaN(Date.parse(article.date!)), article.key).toBe(false);
			expect(paragraphs(article).length, article.key).toBeGreaterThanOrEqual(3);
			expect(article.blocks.some(block => block.kind === 'deck'), article.key).toBe(true);
		}
	});

	it('points the README sample at an existing article', () => {
		expect(edition.articles[sampleArticleNumber - 1]).toBeDefined();
	});

	it('contains no control character and nothing sanitizing would change', () => {
		for (const article of edition.articles) {
			for (const text of texts(article)) {
				expect(text).not.toMatch(/[\u0000-\u001F\u007F-\u009F\u200E\u200F\u202A-\u202E\u2066-\u2069\uFEFF]/u);
				expect(sanitize(text)).toBe(text);
				expect(sanitizeLine(text)).toBe(text);
				expect(text).toBe(text.trim());
			}
		}
	});

	it('hands out a fresh copy each time', () => {
		const first = demoEdition();
		first.articles[0]!.blocks[0]!.text = 'changed';
		first.articles[0]!.blocks.length = 0;
		expect(demoEdition().articles[0]!.blocks[0]!.text).not.toBe('changed');
	});
});

describe('the demo articles cover what the engine must handle', () => {
	it('a fully vowelled story: harakat on most letters, bare only where the spelling wants it', () => {
		const story = byKey('demo:sparrow-and-oak');
		for (const text of [story.title, ...story.blocks.map(block => block.text)]) {
			const chars = [...text];
			const letters = chars.flatMap((char, index) => (arabicLetter.test(char) ? [index] : []));
			const bare = letters.filter(index => !mark.test(chars[index + 1] ?? ''));
			expect((letters.length - bare.length) / letters.length, text).toBeGreaterThanOrEqual(0.6);
			// Long vowels, alef maqsura, the alef and silent lam of the article carry no haraka.
			expect(bare.map(index => chars[index]).filter(char => !'اآىويل'.includes(char!)), text).toEqual([]);
		}
	});

	it('a mixed article: Latin names, both digit styles, %, ٪, brackets, guillemets, dates', () => {
		const all = texts(byKey('demo:developers-conference')).join('\n');
		for (const needle of ['Node.js', 'GitHub', 'UNESCO', '12%', '٣٥٪', '2026-11-28', '٢٨ نوفمبر', '(', ')', '[', ']', '«', '»']) {
			expect(all).toContain(needle);
		}
	});

	it('a long article of at least 40 paragraphs, with subheadings', () => {
		const journey = byKey('demo:rail-journey');
		expect(paragraphs(journey).length).toBeGreaterThanOrEqual(40);
		expect(journey.blocks.filter(block => block.kind === 'heading').length).toBeGreaterThanOrEqual(3);
	});

	it('an article with lists under subheadings, and a quote', () => {
		const kinds = byKey('demo:exam-guide').blocks.map(block => block.kind);
		expect(kinds.filter(kind => kind === 'item').length).toBeGreaterThanOrEqual(5);
		expect(kinds.indexOf('heading')).toBe(kinds.indexOf('item') - 1);
		expect(kinds).toContain('quote');
	});

	it('an article with a URL and an e-mail address in running text', () => {
		const all = paragraphs(byKey('demo:newspaper-archive')).join('\n');
		expect(all).toMatch(/ https:\/\/archive\.example\.org\/\S+ /u);
		expect(all).toContain('archive@example.org');
	});

	it('captions in some articles and Arabic-Indic figures in another', () => {
		expect(edition.articles.filter(article => article.blocks.some(block => block.kind === 'caption')).length).toBeGreaterThanOrEqual(2);
		expect(texts(byKey('demo:date-exports')).join('')).toMatch(/[\u0660-\u0669]+٪/u);
	});
});
