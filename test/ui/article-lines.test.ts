import {describe, expect, it} from 'vitest';
import type {Block} from '../../source/model.js';
import {cellWidth} from '../../source/text/width.js';
import {defaultTextOptions} from '../../source/text/options.js';
import {articleLines, lineOfPosition} from '../../source/ui/article-lines.js';
import {articleMatches} from '../../source/ui/search.js';

const blocks: Block[] = [
	{kind: 'title', text: 'عنوان قصير'},
	{kind: 'paragraph', text: 'فقرة أولى طويلة بما يكفي لتلتف على أكثر من سطر واحد في عمود ضيق جدا هنا.'},
	{kind: 'caption', text: 'تعليق على الصورة'},
	{kind: 'item', text: 'بند في قائمة يلتف هو أيضا على سطرين في العمود الضيق'},
	{kind: 'paragraph', text: 'فقرة أخيرة فيها كلمة المدرسة للبحث.'},
];

describe('articleLines', () => {
	const lines = articleLines(blocks, 40, 30, defaultTextOptions);

	it('makes every line exactly the pane width', () => {
		for (const line of lines) expect(cellWidth(line.text)).toBe(40);
	});

	it('marks caption lines with a dotted rule and the first line of an item with a bullet, on the right', () => {
		const caption = lines.filter(line => line.kind === 'caption' && !line.blank);
		expect(caption.length).toBeGreaterThan(0);
		for (const line of caption) expect(line.text.trimEnd().endsWith('⋮')).toBe(true);
		const item = lines.filter(line => line.kind === 'item' && !line.blank);
		expect(item.length).toBeGreaterThan(1);
		expect(item[0]!.text.trimEnd().endsWith('•')).toBe(true);
		expect(item[1]!.text).not.toContain('•');
	});

	it('is computed once per blocks, widths and options', () => {
		expect(articleLines(blocks, 40, 30, defaultTextOptions)).toBe(lines);
	});

	it('finds the line of a saved position', () => {
		const second = lines.findIndex(line => line.block === 1 && line.offset > 0);
		expect(lineOfPosition(lines, {block: 1, offset: lines[second]!.offset})).toBe(second);
		expect(lineOfPosition(lines, {block: 99, offset: 0})).toBe(lines.length - 1);
	});

	it('finds the lines that hold search matches, with Arabic folding', () => {
		const found = articleMatches(blocks, lines, 'مدرسه', defaultTextOptions);
		expect(found).toHaveLength(1);
		expect(lines[found[0]!]!.block).toBe(4);
	});
});
