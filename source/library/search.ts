/**
 * The full-text index's text and queries. Titles and texts are indexed folded (text/fold.ts:
 * harakat, tatweel, hamza forms, alef maqsura, ta marbuta as the reader's search folds them),
 * and every Arabic word once more without its proclitics (و ف ب ك ل ال وال بال كال فال لل), so
 * that a query word finds its prefixed forms: «كتاب» finds «والكتاب». Query words match as
 * prefixes. Pure: no database here.
 */
import type {Article} from '../model.js';
import {fold} from '../text/fold.js';

/** Longest first: «وال» is tried before «و». */
const proclitics = ['وال', 'بال', 'كال', 'فال', 'لل', 'ال', 'و', 'ف', 'ب', 'ك', 'ل'];
/** A stripped word shorter than this is not a word («ول» is not و + ل). */
const minimumStem = 2;

/** A word: letters, digits, marks (a Latin letter's accent), private-use characters. */
const wordPattern = /[\p{L}\p{N}\p{M}\p{Co}]+/gu;
const arabicLetter = /^[\u0620-\u064A]/u;

/** The forms of a folded word without its proclitics (not the word itself). */
export function strippedForms(word: string): string[] {
	if (!arabicLetter.test(word)) return [];
	const forms: string[] = [];
	for (const prefix of proclitics) {
		if (word.startsWith(prefix) && word.length - prefix.length >= minimumStem) {
			const stem = word.slice(prefix.length);
			if (!forms.includes(stem)) forms.push(stem);
		}
	}

	return forms;
}

/**
 * What the index is given: the folded text's words, separated by spaces, then the stripped
 * forms of its words. Words are cut here, by the same rule as queries (ftsQuery), so the index
 * can use FTS5's byte-level `ascii` tokenizer: it takes any non-ASCII byte as part of a word,
 * and indexes twice as fast as `unicode61` (which would also cut words its own way).
 */
export function indexText(text: string): string {
	const words: string[] = [];
	const extra = new Set<string>();
	for (const [word] of fold(text).matchAll(wordPattern)) {
		words.push(word);
		for (const form of strippedForms(word)) extra.add(form);
	}

	for (const form of extra) words.push(form);
	return words.join(' ');
}

/** The article's searchable text: every block but the title (indexed on its own). */
export function articleText(article: Article | undefined): string {
	if (!article) return '';
	return article.blocks.filter(block => block.kind !== 'title').map(block => block.text).join('\n');
}

/**
 * What the user typed as an FTS5 query: every word, folded, quoted and a prefix, all required.
 * Undefined when it holds no letter or digit (nothing to look for): user input never reaches
 * FTS5's syntax unquoted.
 */
export function ftsQuery(query: string): string | undefined {
	const words = [...fold(query).matchAll(wordPattern)].map(match => match[0]);
	if (words.length === 0) return undefined;
	return words.map(word => `"${word.replaceAll('"', '""')}"*`).join(' ');
}
