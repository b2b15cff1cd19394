/**
 * About 1 MB of Arabic news text for the benchmarks: the demo edition's paragraphs (written
 * for this project), repeated with a counter so no two paragraphs are identical.
 */
import {demoEdition} from '../../source/samples/demo.js';

export function newsParagraphs(targetBytes = 1_000_000): string[] {
	const edition = demoEdition();
	const base = edition.articles.flatMap(article => [article.title, ...article.blocks.map(block => block.text)]);
	const paragraphs: string[] = [];
	let bytes = 0;
	for (let round = 1; bytes < targetBytes; round++) {
		for (const text of base) {
			const paragraph = `${text} (${round})`;
			paragraphs.push(paragraph);
			bytes += Buffer.byteLength(paragraph) + 1;
			if (bytes >= targetBytes) {
				break;
			}
		}
	}

	return paragraphs;
}

/** The same text with every Arabic letter replaced by a Latin one: the Latin baseline. */
export function latinize(text: string): string {
	return text.replaceAll(/[\u0600-\u06FF]/g, char => String.fromCharCode(0x61 + (char.charCodeAt(0) % 26)));
}
