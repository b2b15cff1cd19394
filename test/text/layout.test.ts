import fc from 'fast-check';
import stringWidth from 'string-width';
import {describe, expect, it} from 'vitest';
import type {Block} from '../../source/model.js';
import {articleBlocks, fitLine, formatNumber, layoutBlocks, paragraphLines, rangeCells} from '../../source/text/layout.js';
import {normalize} from '../../source/text/normalize.js';
import {defaultTextOptions, type TextOptions} from '../../source/text/options.js';
import {sanitize} from '../../source/text/sanitize.js';
import {shape} from '../../source/text/shape.js';
import {cellWidth} from '../../source/text/width.js';

const options = defaultTextOptions;
// eslint-disable-next-line no-control-regex -- the point is to find control characters
const forbidden = /[\u0000-\u0009\u000B-\u001F\u007F-\u009F\uFEFF\u200E\u200F\u061C\u202A-\u202E\u2066-\u2069]/;

const pieces = [
	'السلام', 'عليكم', 'مدينة', 'الجزائر', 'لا', 'لأن', 'إلى', 'آخر', 'مُحَمَّدٌ', 'كَتَبَ', 'بـ', 'ـه',
	'Node.js', 'GitHub', 'UNESCO', 'hello', 'world', '12%', '٣٥٪', '2026-11-28', '(', ')', '«', '»', '[',
	']', '،', '.', '؟', ':', '-', '/', ' ', ' ', ' ', '  ', '\t', '\u001B[31m', '\u0007', '\u009B', '\uFEFF',
	'\u200F', '\u202E', '\u2067', '\u200D', '\u200C', '\u064E', '\u0651', '世界', '😀', 'https://example.com/path/to/a/very/long/url?with=query',
	'كلمةطويلةجداجداجداجداجداجداجداجداجداجداجدا', 'ﻻ', 'ﺑ',
];
const mixed = fc.array(fc.constantFrom(...pieces), {maxLength: 40}).map(parts => parts.join(''));
const textOptions = fc.record<TextOptions>({
	shaping: fc.boolean(),
	bidi: fc.constantFrom('app', 'terminal', 'off'),
	align: fc.constantFrom('auto', 'right', 'left', 'justify'),
	digits: fc.constantFrom('asis', 'arabic', 'western'),
	tashkeel: fc.constantFrom('show', 'hide'),
	fallbackDirection: fc.constantFrom('rtl', 'ltr'),
	declaredDirection: fc.constantFrom(undefined, 'rtl', 'ltr'),
});

/** The characters of a string as a sorted multiset, mirrored pairs folded together. */
function characters(text: string): string {
	const mirror: Record<string, string> = {')': '(', ']': '[', '»': '«', '>': '<', '}': '{'};
	return [...text].map(char => mirror[char] ?? char).sort().join('');
}

describe('layoutBlocks', () => {
	it('never throws, and every line is exactly the width, printable and free of controls', () => {
		fc.assert(
			fc.property(mixed, fc.integer({min: 2, max: 90}), textOptions, (text, width, opts) => {
				const lines = layoutBlocks([{kind: 'paragraph', text}], width, opts);
				expect(lines.length).toBeGreaterThan(0);
				for (const line of lines) {
					expect(forbidden.test(line.text), JSON.stringify(line.text)).toBe(false);
					expect(stringWidth(line.text)).toBe(width);
				}
			}),
			{numRuns: 400},
		);
	});

	it('puts every character of the paragraph on exactly one line, in order', () => {
		fc.assert(
			fc.property(mixed, fc.integer({min: 2, max: 90}), (text, width) => {
				for (const paragraph of sanitize(text).split('\n')) {
					const lines = paragraphLines(paragraph, width, options);
					const prepared = shape(normalize(paragraph, options));
					// Logical lines joined back give the paragraph, up to the spaces at the breaks.
					// Whitespace and invisible format characters may fall at a break; nothing else may.
					const squash = (value: string) => value.replaceAll(/[\s\u200B-\u200F\u061C\u202A-\u202E\u2066-\u2069\uFEFF]+/g, '');
					expect(squash(lines.map(line => line.logical).join(''))).toBe(squash(prepared));
					for (const line of lines) {
						// Each visual line holds exactly its logical line's characters.
						const invisible = /[\u200B-\u200F\u061C\u202A-\u202E\u2066-\u2069\uFEFF]/g;
						expect(characters(line.visual.replaceAll(invisible, ''))).toBe(characters(line.logical.replaceAll(invisible, '')));
					}
				}
			}),
			{numRuns: 300},
		);
	});

	it('starts the first visual line with the start of the paragraph, and never splits a word that fits', () => {
		const text = 'هذه جملة أولى طويلة بما يكفي لتلتف على عدة أسطر في عرض ضيق جدا';
		const lines = paragraphLines(text, 20, {...options, shaping: false});
		expect(lines[0]!.logical.startsWith('هذه')).toBe(true);
		const words = new Set(text.split(' '));
		for (const line of lines) {
			for (const word of line.logical.split(' ')) {
				expect(words.has(word), word).toBe(true);
			}
		}
	});

	it('aligns right-to-left paragraphs right and left-to-right ones left', () => {
		const [rtl] = layoutBlocks([{kind: 'paragraph', text: 'مرحبا'}], 12, options);
		const [ltr] = layoutBlocks([{kind: 'paragraph', text: 'hello'}], 12, options);
		expect(rtl!.text).toMatch(/^ {7}\S{5}$/u);
		expect(ltr!.text).toBe('hello       ');
		const [forced] = layoutBlocks([{kind: 'paragraph', text: 'مرحبا'}], 12, {...options, align: 'left'});
		expect(forced!.text).toMatch(/^\S{5} {7}$/u);
	});

	it('shapes and reverses Arabic, and leaves it logical when the terminal does bidi', () => {
		const [visual] = layoutBlocks([{kind: 'paragraph', text: 'سلام'}], 4, options);
		// Meem final, lam-alef final (one cell for two letters), seen initial; then one cell of padding.
		expect(visual!.text).toBe(' \uFEE1\uFEFC\uFEB3');
		const [logical] = layoutBlocks([{kind: 'paragraph', text: 'سلام'}], 4, {...options, bidi: 'terminal'});
		expect(logical!.text).toBe('سلام');
		expect(stringWidth(logical!.text)).toBe(4);
	});

	it('keeps the number in its paragraph context across a line break', () => {
		const lines = paragraphLines('ارتفعت الأسعار بنسبة 12% في المدينة', 14, {...options, shaping: false});
		const line = lines.find(each => each.logical.includes('12%'))!;
		expect(line.visual).toContain('%12');
	});

	it('separates blocks with a blank line and records block and offset of each line', () => {
		const blocks: Block[] = [{kind: 'title', text: 'عنوان'}, {kind: 'paragraph', text: 'فقرة أولى فيها كلمات كثيرة'}];
		const lines = layoutBlocks(blocks, 10, options);
		expect(lines.map(line => line.block)).toEqual([0, 1, 1, 1, 1]);
		expect(lines[1]!.text.trim()).toBe('');
		expect(lines[3]!.offset).toBeGreaterThan(0);
	});

	it('is memoized per blocks array, width and options', () => {
		const blocks: Block[] = [{kind: 'paragraph', text: 'نص قصير'}];
		expect(layoutBlocks(blocks, 20, options)).toBe(layoutBlocks(blocks, 20, options));
		expect(layoutBlocks(blocks, 21, options)).not.toBe(layoutBlocks(blocks, 20, options));
	});
});

describe('fitLine', () => {
	it('truncates in logical order: the ellipsis ends the text, on the left of an Arabic title', () => {
		const line = fitLine('عنوان طويل جدا لا يتسع في السطر', 12, {...options, shaping: false});
		expect(stringWidth(line)).toBe(12);
		expect(line.trimStart().startsWith('…')).toBe(true);
		expect([...line].reverse().join('').startsWith('عنوان')).toBe(true);
	});

	it('pads a short line to the exact width on the side of its direction', () => {
		expect(fitLine('hello', 8, options)).toBe('hello   ');
		expect(fitLine('نص', 6, {...options, shaping: false})).toBe('    صن');
	});

	it('never lets a control sequence or a bidi override through', () => {
		const line = fitLine('\u202Egnp.exe\u001B]0;title\u0007 عنوان', 30, options);
		expect(forbidden.test(line)).toBe(false);
		expect(line).toContain('gnp.exe');
	});
});

describe('numbers and article blocks', () => {
	it('writes the program’s own numbers in Western digits unless digits is arabic', () => {
		expect(formatNumber(12, 'asis')).toBe('12');
		expect(formatNumber(12, 'western')).toBe('12');
		expect(formatNumber(12, 'arabic')).toBe('١٢');
	});

	it('builds title, decks, a meta line, then the body', () => {
		const article = {
			key: 'k',
			title: 'العنوان',
			author: 'كاتب',
			date: '2026-11-28T09:30:00Z',
			blocks: [{kind: 'deck', text: 'موجز'}, {kind: 'paragraph', text: 'نص'}] as Block[],
		};
		const blocks = articleBlocks(article, 'المصدر', options);
		expect(blocks.map(block => block.kind)).toEqual(['title', 'deck', 'meta', 'paragraph']);
		// Each part isolated in its own direction, so the date keeps its order among Arabic words.
		expect(blocks[2]!.text).toBe('\u2067المصدر\u2069 · \u2067كاتب\u2069 · \u20662026-11-28 09:30\u2069');
		const meta = layoutBlocks([blocks[2]!], 40, options)[0]!.text.trim();
		expect(meta.startsWith('2026-11-28 09:30 · ')).toBe(true);
	});

	it('ends the meta line with the host of the article\'s link, as it reads', () => {
		const article = {key: 'k', title: 'ع', date: '2026-11-28T09:30:00Z', url: 'https://www.xn--mgbh0fb.xn--kgbechtv/ar/%D8%AE%D8%A8%D8%B1', blocks: [] as Block[]};
		expect(articleBlocks(article, 'المصدر', options)[1]!.text).toBe('\u2067المصدر\u2069 · \u20662026-11-28 09:30\u2069 · \u2067مثال.إختبار\u2069');
		const plain = {key: 'k2', title: 'ع', url: 'https://news.example/1', blocks: [] as Block[]};
		expect(articleBlocks(plain, 'المصدر', options)[1]!.text).toBe('\u2067المصدر\u2069 · \u2066news.example\u2069');
	});

	it('names the host once when the source is named after it (a page dump from a site with no name)', () => {
		const dump = {key: 'k', title: 'ع', url: 'http://127.0.0.1:18790/page.txt', blocks: [] as Block[]};
		expect(articleBlocks(dump, '127.0.0.1:18790', options)[1]!.text).toBe('\u2066127.0.0.1:18790\u2069');
		const site = {key: 'k2', title: 'ع', url: 'https://www.news.example/2', blocks: [] as Block[]};
		expect(articleBlocks(site, 'www.news.example', options)[1]!.text).toBe('\u2066www.news.example\u2069');
		expect(articleBlocks(site, 'News.Example', options)[1]!.text).toBe('\u2066News.Example\u2069');
		const idn = {key: 'k3', title: 'ع', url: 'https://xn--mgbh0fb.xn--kgbechtv/1', blocks: [] as Block[]};
		expect(articleBlocks(idn, 'xn--mgbh0fb.xn--kgbechtv', options)[1]!.text).toBe('\u2066xn--mgbh0fb.xn--kgbechtv\u2069');
		// Another host, or a name that only contains the host, keeps it.
		expect(articleBlocks(site, 'other.example', options)[1]!.text).toBe('\u2066other.example\u2069 · \u2066news.example\u2069');
		expect(articleBlocks(site, 'news.example daily', options)[1]!.text).toBe('\u2066news.example daily\u2069 · \u2066news.example\u2069');
	});
});

describe('paragraph direction follows the source (text/direction.ts)', () => {
	const plain = {...options, shaping: false};
	const apple = 'Apple تطلق هاتف iPhone 17 الجديد بسعر 999 دولاراً.';

	it('an Arabic paragraph opening with a Latin word, declared ar: right to left, flush right, the full stop at the left end', () => {
		const [line] = layoutBlocks([{kind: 'paragraph', text: apple}], 60, {...plain, declaredDirection: 'rtl'});
		expect(line!.rtl).toBe(true);
		expect(line!.text.startsWith(' ')).toBe(true);
		expect(line!.text.trimStart().startsWith('.')).toBe(true);
		expect(line!.text.endsWith('Apple')).toBe(true);
	});

	it('an English paragraph in an Arabic article keeps left to right', () => {
		const [line] = layoutBlocks([{kind: 'quote', text: '"Think different" was the slogan.'}], 40, {...plain, declaredDirection: 'rtl'});
		expect(line!.rtl).toBe(false);
		expect(line!.text.startsWith('"Think')).toBe(true);
	});

	it('a block\'s own declaration wins over the article\'s', () => {
		const text = 'Apple iPhone Pro Max تطلق';
		const [told] = layoutBlocks([{kind: 'paragraph', text}], 40, {...plain, declaredDirection: 'rtl'});
		const [own] = layoutBlocks([{kind: 'paragraph', text, dir: 'ltr'}], 40, {...plain, declaredDirection: 'rtl'});
		expect(told!.rtl).toBe(true);
		expect(own!.rtl).toBe(false);
	});

	it('undeclared: most strong letters decide, in every line of a wrapped paragraph', () => {
		const lines = paragraphLines('Samsung Galaxy Apple iPhone هاتفان', 12, plain);
		expect(lines.every(line => !line.rtl)).toBe(true);
		expect(paragraphLines('Apple تطلق هاتفها الجديد', 12, plain).every(line => line.rtl)).toBe(true);
	});

	it('fitLine takes the direction of the whole title, before it is cut', () => {
		// Cut after `Apple iPhone`, a left-to-right prefix of a right-to-left title.
		const title = 'Apple iPhone تطلق هاتفها الجديد في الأسواق العربية';
		const line = fitLine(title, 16, plain);
		expect(line).toBe('   …Apple iPhone');
		// Declared ar, the Apple headline as a row: flush right, the full stop at the left end.
		const row = fitLine(apple, 60, {...plain, declaredDirection: 'rtl'});
		expect(row.trimStart().startsWith('.')).toBe(true);
		expect(row.endsWith('Apple')).toBe(true);
	});

	it('the meta line reads in the title\'s direction, a Latin byline right to left in an Arabic feed, the host kept whole', () => {
		const article = {key: 'k', title: 'عنوان الخبر', author: 'Author, محمد', url: 'https://www.example.com/news/1', blocks: [] as Block[]};
		const blocks = articleBlocks(article, 'Tech Daily', {...plain, declaredDirection: 'rtl'});
		const meta = blocks.find(block => block.kind === 'meta')!;
		const [line] = layoutBlocks([meta], 60, {...plain, declaredDirection: 'rtl'});
		expect(line!.rtl).toBe(true);
		// Right to left: the source's name at the right end, then the byline, then the host.
		expect(line!.text.trimStart()).toBe(`example.com · ${'محمد'.split('').reverse().join('')} ,Author · Tech Daily`);
	});
});

describe('shortened titles', () => {
	const logical = {...options, shaping: false, bidi: 'off' as const};

	it('a title ending in 12% is cut before the number, never inside it, the ellipsis where the text stops', () => {
		const title = 'ارتفاع الأسعار بنسبة 12%';
		expect(fitLine(title, 23, logical).trimEnd()).toBe('ارتفاع الأسعار بنسبة…');
		// On screen: the ellipsis at the left end, no lone digit beside it.
		const shown = fitLine(title, 23, {...options, shaping: false});
		expect(shown.trimStart().startsWith('…ة')).toBe(true);
		expect(shown).not.toMatch(/\d/);
	});

	it('what a row shows is whole words from the start of the title, then the ellipsis', () => {
		const word = fc.constantFrom('ارتفاع', 'الأسعار', '12%', '٣٥٪', 'iPhone', '17', 'Apple', 'دولاراً.', '2026-11-28', 'مُحَمَّدٌ', '(عاجل)');
		fc.assert(fc.property(fc.array(word, {minLength: 1, maxLength: 12}), fc.integer({min: 12, max: 60}), (words, width) => {
			const title = words.join(' ');
			const shown = fitLine(title, width, logical).trimEnd();
			if (!shown.endsWith('…')) {
				expect(shown).toBe(title);
				return;
			}

			const kept = shown.slice(0, -1).split(' ');
			expect(kept).toEqual(words.slice(0, kept.length));
			expect(kept.length).toBeLessThan(words.length);
		}), {numRuns: 2000});
	});
});

/** A drawn line cut into its cells (a mark stays in its base's cell; a wide character's second cell is ''). */
function cellsOf(line: string): string[] {
	const cells: string[] = [];
	for (const char of line) {
		const width = cellWidth(char);
		if (width === 0 && cells.length > 0) {
			let last = cells.length - 1;
			while (last > 0 && cells[last] === '') last--;
			cells[last] += char;
		} else {
			cells.push(char);
			if (width === 2) cells.push('');
		}
	}

	return cells;
}

const sorted = (chars: string[]) => chars.filter(char => char.trim() !== '').sort();

describe('rangeCells', () => {
	const words = ['كتاب', 'المدينة', 'لا', 'iPhone', '17', '999', 'دولاراً', 'Apple', 'سلامٌ', '世界', '،', '.', 'news', '٢٠٢٦'];
	const paragraphArb = fc.array(fc.constantFrom(...words), {minLength: 1, maxLength: 40}).map(list => list.join(' '));

	it.each([
		['visual, shaped', defaultTextOptions],
		['visual, unshaped, left-aligned', {...defaultTextOptions, shaping: false, align: 'left'} as TextOptions],
		['logical', {...defaultTextOptions, bidi: 'terminal', shaping: false} as TextOptions],
	])('%s: the cells it names show exactly the characters of the range', (_, options) => {
		fc.assert(
			fc.property(paragraphArb, fc.integer({min: 8, max: 40}), fc.nat(), fc.nat(), (text, width, a, b) => {
				const prepared = paragraphLines(text, width, options);
				const length = prepared.at(-1)!.start + prepared.at(-1)!.logical.length;
				const from = a % (length + 1);
				const to = from + (b % (length - from + 1));
				const drawn = layoutBlocks([{kind: 'paragraph', text}], width, options);
				const found = rangeCells(text, width, options, from, to);
				for (const line of prepared) {
					const end = line.start + line.logical.length;
					const wanted = sorted([...line.logical.slice(Math.max(0, from - line.start), Math.max(0, Math.min(end, to) - line.start))]
						.map(char => (cellWidth(char) === 0 ? '' : char)));
					const cells = found.find(entry => entry.start === line.start)?.cells ?? [];
					const visual = cellsOf(drawn.find(entry => entry.offset === line.start)!.text);
					const got = sorted(cells.flatMap(([start, stop]) => visual.slice(start, stop)).map(cell => [...cell].find(char => cellWidth(char) > 0) ?? ''));
					expect(got).toEqual(wanted);
				}
			}),
			{numRuns: 200},
		);
	});

	it('splits a range the bidi algorithm split: a Latin word at the end of an Arabic line', () => {
		const text = 'اشترى Apple iPhone';
		const [line] = rangeCells(text, 30, defaultTextOptions, 6, 18);
		const drawn = layoutBlocks([{kind: 'paragraph', text}], 30, defaultTextOptions)[0]!.text;
		expect(line!.cells).toHaveLength(1);
		expect(cellsOf(drawn).slice(...line!.cells[0]!).join('')).toBe('Apple iPhone');
	});
});
