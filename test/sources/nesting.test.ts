import {describe, expect, it} from 'vitest';
import {limitNesting} from '../../source/sources/nesting.js';

describe('limitNesting', () => {
	it('leaves a document that nests less than the bound exactly as it was', () => {
		const html = '<html><body><div><p>أ<br>ب</p><ul><li>1<li>2</ul></div></body></html>';
		expect(limitNesting(html, 5)).toBe(html);
		expect(limitNesting(html, 1000)).toBe(html);
	});

	it('drops the tags past the bound with their end tags and keeps all the text', () => {
		const html = '<div><div><div><div>نص</div></div></div></div><p>بعد</p>';
		expect(limitNesting(html, 2)).toBe('<div><div>نص</div></div><p>بعد</p>');
	});

	it('does not count void elements, implicitly closed siblings or script text', () => {
		const html = `<div>${'<p>فقرة'.repeat(10)}${'<br><img src="x">'.repeat(10)}<script>if (a < b) { "<div><div><div>" }</script><div>ب</div></div>`;
		expect(limitNesting(html, 3)).toBe(html);
	});

	it('ignores markup inside comments and quoted attributes', () => {
		const html = `<div title="<div><div><div>"><!-- <div><div><div> --><span>ت</span></div>`.repeat(3);
		expect(limitNesting(html, 2)).toBe(html);
	});

	it('bounds 100,000 nested elements in linear time', () => {
		const depth = 100_000;
		const html = '<div>'.repeat(depth) + '<p>في العمق</p>' + '</div>'.repeat(depth);
		const limited = limitNesting(html, 1000);
		expect(limited).toBe('<div>'.repeat(1000) + 'في العمق' + '</div>'.repeat(1000));
	});
});
