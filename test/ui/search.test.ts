import {describe, expect, it} from 'vitest';
import type {Block} from '../../source/model.js';
import {defaultTextOptions, type TextOptions} from '../../source/text/options.js';
import {cellWidth} from '../../source/text/width.js';
import {articleLines} from '../../source/ui/article-lines.js';
import {articleHighlights, articleMatches} from '../../source/ui/search.js';
import {shown} from './fixtures.js';

/** A drawn line cut into its cells (a mark stays in its base's cell; a wide character's second cell is ''). */
function cellsOf(line: string): string[] {
	const cells: string[] = [];
	for (const char of line) {
		const width = cellWidth(char);
		if (width === 0 && cells.length > 0) cells[cells.length - 1] += char;
		else cells.push(char, ...(width === 2 ? [''] : []));
	}

	return cells;
}

/** What the highlighted cells of each line show, line by line. */
function highlightedText(blocks: readonly Block[], query: string, options: TextOptions = defaultTextOptions, width = 40): string[] {
	const lines = articleLines(blocks, width + 2, width, options);
	const highlights = articleHighlights(blocks, lines, query, options);
	return [...highlights].sort(([a], [b]) => a - b).flatMap(([index, ranges]) => ranges.map(([from, to]) => cellsOf(lines[index]!.text).slice(from, to).join('')));
}

const paragraph = (text: string): Block => ({kind: 'paragraph', text});

describe('articleHighlights', () => {
	it('marks the cells of the match, found with Arabic folding, as the line draws them', () => {
		const blocks = [paragraph('افتتاح مدرسة جديدة في الحي القديم')];
		expect(highlightedText(blocks, 'مدرسه جديده')).toEqual([shown('مدرسة جديدة')]);
		expect(highlightedText(blocks, 'الحي')).toEqual([shown('الحي')]);
	});

	it('keeps harakat with their letters, and a lam-alef ligature whole', () => {
		expect(highlightedText([paragraph('قال: كَتَبَ الولدُ الدرسَ')], 'كتب')).toEqual([shown('كَتَبَ')]);
		expect(highlightedText([paragraph('هذا لا يكفي')], 'لا')).toEqual([shown('لا')]);
	});

	it('finds every match, in order, in several blocks; a caption\'s cells start after its mark', () => {
		const blocks = [paragraph('الخبر الأول عن المدينة'), {kind: 'caption', text: 'صورة من المدينة'} as Block, paragraph('ثم المدينة مرة أخرى')];
		expect(highlightedText(blocks, 'المدينة')).toEqual([shown('المدينة'), shown('المدينة'), shown('المدينة')]);
	});

	it('splits a match the bidi algorithm split: each piece shows its own words', () => {
		// هاتف is drawn right of the Latin run, Apple at its left end, iPhone between them.
		const pieces = highlightedText([paragraph('اشترى هاتف Apple iPhone جديدا')], 'هاتف Apple');
		expect(pieces.map(piece => piece.trim()).sort()).toEqual([shown('هاتف'), 'Apple'].sort());
	});

	it('with align justify, marks the word as the justified line draws it, kashida included, in body text and titles', () => {
		const justify = {...defaultTextOptions, align: 'justify' as const};
		const text = 'تنشر الصحف العربية أخبارها كل صباح، ويقرأ الناس في المقاهي ما كتبه المراسلون عن السياسة والاقتصاد والرياضة';
		const blocks = [{kind: 'title', text} as Block, paragraph(text)];
		const lines = articleLines(blocks, 42, 40, justify);
		expect(lines.some(line => line.text.includes('\u0640'))).toBe(true);
		for (const word of ['الصحف', 'صباح', 'السياسة', 'ويقرأ']) {
			const pieces = highlightedText(blocks, word, justify);
			expect(pieces.map(piece => piece.replaceAll('\u0640', ''))).toEqual([shown(word), shown(word)]);
		}
	});

	it('a match over two lines is marked on both', () => {
		const words = 'كلمة '.repeat(7);
		const pieces = highlightedText([paragraph(`${words}بداية المطابقة ونهايتها ${words}`)], 'المطابقة ونهايتها', defaultTextOptions, 40);
		expect(pieces.join(' ')).toContain(shown('المطابقة'));
	});

	it('in logical order (the terminal reorders), the cells follow the string', () => {
		const options: TextOptions = {...defaultTextOptions, bidi: 'terminal', shaping: false};
		expect(highlightedText([paragraph('افتتاح مدرسة جديدة')], 'مدرسة', options)).toEqual(['مدرسة']);
	});

	it('agrees with the lines articleMatches gives for the same query', () => {
		const blocks = [paragraph('أ '.repeat(60)), paragraph('هنا الكلمة المطلوبة'), paragraph('ب '.repeat(60)), paragraph('والكلمة المطلوبة هنا')];
		const lines = articleLines(blocks, 42, 40, defaultTextOptions);
		const highlighted = [...articleHighlights(blocks, lines, 'المطلوبة', defaultTextOptions).keys()].sort((a, b) => a - b);
		expect(highlighted).toEqual(articleMatches(blocks, lines, 'المطلوبة', defaultTextOptions));
	});
});
