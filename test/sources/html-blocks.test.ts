import {describe, expect, it} from 'vitest';
import {decodeEntities, htmlToBlocks, htmlToLine, textToBlocks} from '../../source/sources/html-blocks.js';

describe('htmlToBlocks', () => {
	it('turns paragraphs, headings, list items, quotes and captions into blocks in order', () => {
		const blocks = htmlToBlocks(
			'<p>فقرة أولى</p><h3>عنوان فرعي</h3><ul><li>بند أول</li><li>بند ثان</li></ul>' +
				'<blockquote><p>اقتباس</p></blockquote><figure><img src="a.jpg"><figcaption>تعليق</figcaption></figure><p>خاتمة</p>',
		);
		expect(blocks).toEqual([
			{kind: 'paragraph', text: 'فقرة أولى'},
			{kind: 'heading', text: 'عنوان فرعي'},
			{kind: 'item', text: 'بند أول'},
			{kind: 'item', text: 'بند ثان'},
			{kind: 'quote', text: 'اقتباس'},
			{kind: 'caption', text: 'تعليق'},
			{kind: 'paragraph', text: 'خاتمة'},
		]);
	});

	it('decodes entities and collapses whitespace inside a paragraph', () => {
		expect(htmlToBlocks('<p>أ &amp; ب&nbsp;ج &#1583; &#x062F; &laquo;د&raquo;\n   هـ</p>')).toEqual([
			{kind: 'paragraph', text: 'أ & ب ج د د «د» هـ'},
		]);
	});

	it('drops scripts, styles, iframes, embeds, form controls and hidden elements', () => {
		const blocks = htmlToBlocks(
			'<p>قبل</p><script>SCRIPT-LEAK</script><style>STYLE-LEAK</style><iframe>IFRAME-LEAK</iframe>' +
				'<noscript>NOSCRIPT-LEAK</noscript><svg><text>SVG-LEAK</text></svg><button>BUTTON-LEAK</button>' +
				'<div hidden>HIDDEN-LEAK</div><span style="display: none">HIDDEN-LEAK</span><p>بعد</p>',
		);
		expect(blocks.map((block) => block.text)).toEqual(['قبل', 'بعد']);
	});

	it('keeps a line break inside its paragraph; two in a row end it; keeps text outside any element', () => {
		expect(htmlToBlocks('سطر أول<br>سطر ثان<br/> <br/>سطر ثالث').map((block) => block.text)).toEqual([
			'سطر أول\nسطر ثان',
			'سطر ثالث',
		]);
		// Breaks at a paragraph's edges, or doubled inside a line, leave no empty line.
		expect(htmlToBlocks('<p><br>أول<br></p><p>ثان<br><br><br>ثالث<br>رابع</p>').map((block) => block.text)).toEqual([
			'أول',
			'ثان',
			'ثالث\nرابع',
		]);
		// Preformatted text keeps a block per line, as before.
		expect(htmlToBlocks('<pre>a<br>b</pre>').map((block) => block.text)).toEqual(['a', 'b']);
	});

	it('gives a block the dir or lang its element, or one around it, declares; inline ones declare nothing', () => {
		expect(htmlToBlocks('<p>عربي</p><div dir="ltr"><p>one</p><p lang="ar">عربي</p></div><p lang="en">two <span dir="rtl">x</span> three</p><p dir="auto">four</p>')).toEqual([
			{kind: 'paragraph', text: 'عربي'},
			{kind: 'paragraph', text: 'one', dir: 'ltr'},
			{kind: 'paragraph', text: 'عربي', dir: 'rtl'},
			{kind: 'paragraph', text: 'two x three', dir: 'ltr'},
			{kind: 'paragraph', text: 'four'},
		]);
	});

	it('reads plain text with no markup as paragraphs, one per line', () => {
		expect(htmlToBlocks('نص عادي\nبلا وسوم')).toEqual([
			{kind: 'paragraph', text: 'نص عادي'},
			{kind: 'paragraph', text: 'بلا وسوم'},
		]);
	});

	it('never shortens a long paragraph', () => {
		const long = 'كلمة '.repeat(3000).trim() + ' النهاية.';
		const [block] = htmlToBlocks(`<p>${long}</p>`);
		expect(block?.text).toBe(long);
	});

	it('removes escape sequences and control characters from the text', () => {
		const [block] = htmlToBlocks('<p>أ\u001b]0;title\u0007ب\u009bc ج</p>');
		expect(block?.text).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
		expect(block?.text).toContain('أ');
	});

	it('walks 10,000 nested elements without overflowing the stack', () => {
		const depth = 10_000;
		const html = '<div>'.repeat(depth) + '<p>في العمق</p>' + '</div>'.repeat(depth);
		expect(htmlToBlocks(html)).toEqual([{kind: 'paragraph', text: 'في العمق'}]);
	});

	it('reads 100,000 nested elements too, their nesting bounded first', () => {
		const depth = 100_000;
		const html = '<div>'.repeat(depth) + '<p>في العمق</p>' + '</div>'.repeat(depth);
		expect(htmlToBlocks(html)).toEqual([{kind: 'paragraph', text: 'في العمق'}]);
	});

	it('keeps preformatted lines apart', () => {
		expect(htmlToBlocks('<pre>سطر ١\nسطر ٢</pre>').map((block) => block.text)).toEqual(['سطر ١', 'سطر ٢']);
	});
});

describe('textToBlocks', () => {
	it('splits on blank lines and joins soft-wrapped lines when the text has blank lines', () => {
		expect(textToBlocks('فقرة أولى\nتكملتها\n\nفقرة ثانية').map((block) => block.text)).toEqual([
			'فقرة أولى تكملتها',
			'فقرة ثانية',
		]);
	});

	it('makes every line a paragraph when there are no blank lines', () => {
		expect(textToBlocks('سطر\r\nسطر آخر').map((block) => block.text)).toEqual(['سطر', 'سطر آخر']);
	});
});

describe('decodeEntities and htmlToLine', () => {
	it('decodes numeric and named references, rare names included, exactly once', () => {
		expect(decodeEntities('&#1575;&#x644; &quot;&hellip;&quot; &amp;lt;')).toBe('ال "…" &lt;');
		expect(decodeEntities('&eacute;&amp;lt;')).toBe('é&lt;');
		expect(decodeEntities('&nosuchentity; & نص')).toBe('&nosuchentity; & نص');
	});

	it('makes one safe line of a field that holds markup', () => {
		expect(htmlToLine('<b>عنوان</b>\n  <i>عريض</i><script>x()</script>')).toBe('عنوان عريض');
		expect(htmlToLine('سطر\u001b[2J واحد')).not.toContain('\u001b');
	});
});
