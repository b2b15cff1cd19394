import fc from 'fast-check';
import {describe, expect, test} from 'vitest';
import {cellWidth, graphemes} from '../../source/text/width.js';
import {type LineRange, truncate, wrap} from '../../source/text/wrap.js';

const lines = (text: string, width: number) => wrap(text, width).map(({start, end}) => text.slice(start, end));

/** Breaking spaces (and stray tabs and newlines): what may stand between two lines. */
const spaces = /^[\t\n\r \u2000-\u2006\u2008-\u200b\u205f\u3000]*$/;
const isSpace = (grapheme: string) => /^[\t\n\r \u2000-\u2006\u2008-\u200b\u205f\u3000]$/.test(grapheme);

/** Words: runs of graphemes between bare spaces (a space carrying a mark is not one). */
function words(text: string): string[] {
	const result: string[] = [];
	let word = '';
	for (const grapheme of graphemes(text)) {
		if (isSpace(grapheme)) {
			if (word) {
				result.push(word);
			}

			word = '';
		} else {
			word += grapheme;
		}
	}

	return word ? [...result, word] : result;
}

function boundaries(text: string): Set<number> {
	const result = new Set([0]);
	let index = 0;
	for (const grapheme of graphemes(text)) {
		index += grapheme.length;
		result.add(index);
	}

	return result;
}

describe('wrap: Arabic and Latin text', () => {
	test('fills each line with as many whole words as fit, in logical order', () => {
		const text = 'ﻳﻘﺮﺃ ﺍﻟﻨﺎﺱ ﺍﻷﺧﺒﺎﺭ ﻛﻞ ﺻﺒﺎﺡ ﻋﻠﻰ ﺍﻟﻬﺎﺗﻒ';
		expect(lines(text, 12)).toEqual(['ﻳﻘﺮﺃ ﺍﻟﻨﺎﺱ', 'ﺍﻷﺧﺒﺎﺭ ﻛﻞ', 'ﺻﺒﺎﺡ ﻋﻠﻰ', 'ﺍﻟﻬﺎﺗﻒ']);
		expect(lines('one two three four', 9)).toEqual(['one two', 'three', 'four']);
	});

	test('a word exactly as wide as the line fits', () => {
		expect(lines('abcde fghij', 5)).toEqual(['abcde', 'fghij']);
		expect(lines('ab cd', 5)).toEqual(['ab cd']);
	});

	test('harakat take no cell and are never parted from their letter', () => {
		const text = 'كَتَبَ الوَلَدُ';
		expect(lines(text, 9)).toEqual([text]);
		expect(lines(text, 8)).toEqual(['كَتَبَ', 'الوَلَدُ']);
		expect(lines('كَتَبَتْ', 2)).toEqual(['كَتَ', 'بَتْ']);
	});

	test('lam-alef ligatures take one cell', () => {
		expect(lines('ﺍﻟﺴﻼﻡ ﻋﻠﻴﻜﻢ', 11)).toEqual(['ﺍﻟﺴﻼﻡ ﻋﻠﻴﻜﻢ']);
	});

	test('the spaces at a break belong to neither line', () => {
		const text = 'ab   cd  ef';
		expect(wrap(text, 4)).toEqual([{start: 0, end: 2}, {start: 5, end: 7}, {start: 9, end: 11}]);
	});

	test('leading and trailing spaces of the paragraph belong to no line', () => {
		expect(lines('   abc def   ', 3)).toEqual(['abc', 'def']);
		expect(lines('  abc  ', 80)).toEqual(['abc']);
	});

	test('empty and blank paragraphs give one empty line', () => {
		expect(wrap('', 10)).toEqual([{start: 0, end: 0}]);
		expect(wrap('     ', 10)).toEqual([{start: 0, end: 0}]);
	});

	test('non-breaking spaces do not break', () => {
		expect(lines('10\u00a0000 km', 6)).toEqual(['10\u00a0000', 'km']);
	});

	test('a zero-width space is a break opportunity', () => {
		expect(lines('abc\u200bdef', 4)).toEqual(['abc', 'def']);
	});

	test('a word longer than the line is broken hard, on a line of its own', () => {
		expect(lines('ab abcdefghij cd', 4)).toEqual(['ab', 'abcd', 'efgh', 'ij', 'cd']);
	});

	test('width below 1 is taken as 1', () => {
		expect(lines('ab', 0)).toEqual(['a', 'b']);
	});
});

describe('wrap: break opportunities inside tokens', () => {
	test('after slashes, ? and & of a URL', () => {
		const url = 'https://example.com/news/world?id=1&lang=ar';
		expect(lines(url, 20)).toEqual(['https://example.com/', 'news/world?id=1&', 'lang=ar']);
	});

	test('not after a leading slash, nor between digits of a date', () => {
		expect(lines('/usr/share', 5)).toEqual(['/usr/', 'share']);
		expect(lines('2024/05/01', 5)).toEqual(['2024/', '05/01']);
	});

	test('after a hyphen inside a word, not before a digit', () => {
		expect(lines('well-known', 7)).toEqual(['well-', 'known']);
		expect(lines('2020-2021', 5)).toEqual(['2020-', '2021']);
		expect(lines('a -5', 2)).toEqual(['a', '-5']);
		expect(lines('-abc', 2)).toEqual(['-a', 'bc']);
	});

	test('between CJK ideographs, not before closing punctuation', () => {
		expect(lines('日本語の新聞', 6)).toEqual(['日本語', 'の新聞']);
		expect(lines('日本。新聞', 4)).toEqual(['日', '本。', '新聞']);
	});

	test('a wide character at width 1 gets a line of its own', () => {
		expect(lines('日本', 1)).toEqual(['日', '本']);
		expect(lines('a👍b', 1)).toEqual(['a', '👍', 'b']);
	});

	test('text around an emoji or CJK is cut as everywhere else', () => {
		expect(lines('وصل الخبر 👍🏽 إلى الجميع', 10)).toEqual(['وصل الخبر', '👍🏽 إلى', 'الجميع']);
		expect(lines('ﺷﻜﺮﺍً🇸🇦ﻟﻜﻢ', 3)).toEqual(['ﺷﻜﺮ', 'ﺍً🇸🇦', 'ﻟﻜﻢ']);
		expect(lines('a\ufe0fb 中文 c', 4)).toEqual(['a\ufe0fb', '中文', 'c']);
	});

	test('never inside an emoji sequence or a surrogate pair', () => {
		expect(lines('👨‍👩‍👧👨‍👩‍👧', 2)).toEqual(['👨‍👩‍👧', '👨‍👩‍👧']);
		expect(lines('𝐀𝐁𝐂', 2)).toEqual(['𝐀𝐁', '𝐂']);
	});
});

const char = (min: number, max: number) => fc.integer({min, max}).map(code => String.fromCodePoint(code));

/** Words, without break opportunities inside them. */
const wordUnit = fc.oneof(
	{weight: 6, arbitrary: char(0x0621, 0x064a)},
	{weight: 2, arbitrary: char(0x064b, 0x0652)},
	{weight: 3, arbitrary: char(0xfe80, 0xfefc)},
	{weight: 3, arbitrary: char(0x61, 0x7a)},
	{weight: 1, arbitrary: fc.constantFrom('👍', '👍🏽', '👨‍👩‍👧', '🇸🇦', '\u200d', '\u200c', '\u200f', '\u00a0', '\u0600', '𝐀', '،', '.')},
);
const spaceUnit = fc.constantFrom(' ', ' ', ' ', '  ', '\u3000', '\u200b', '\u2002');
const prose = fc.string({unit: fc.oneof({weight: 5, arbitrary: wordUnit}, {weight: 1, arbitrary: spaceUnit}), maxLength: 80});
/** Everything, URLs, hyphens, CJK and stray controls included. */
const anything = fc.string({
	unit: fc.oneof(
		{weight: 4, arbitrary: wordUnit},
		{weight: 1, arbitrary: spaceUnit},
		{weight: 1, arbitrary: fc.constantFrom('/', '?', '&', '-', '—', '(', ')', '。', '「', '1', '٣')},
		{weight: 1, arbitrary: char(0x4e00, 0x4e20)},
		{weight: 1, arbitrary: fc.string({unit: 'binary', maxLength: 2})},
	),
	maxLength: 80,
});
const widths = fc.integer({min: 1, max: 30});
/** Few characters, many of them format characters and marks: where grapheme rules bite. */
const tricky = fc.string({
	unit: fc.constantFrom('\u0600', '\u06dd', '\u200f', '\u061c', '\ufeff', '\u064e', '\u0651', '\u200d', '\u200c', 'ب', 'ﻻ', 'a', '1', '-', '/', ' ', '\u200b', '👍', '\ufe0f', '\n'),
	maxLength: 30,
});

/** Cells of the line, unless it is a single visible grapheme (which may overflow). */
function overflows(line: string, width: number): boolean {
	const visible = graphemes(line).filter(grapheme => cellWidth(grapheme) > 0);
	return cellWidth(line) > width && visible.length > 1;
}

function checkInvariants(text: string, width: number, ranges: LineRange[]): void {
	expect(ranges.length).toBeGreaterThan(0);
	const cuts = boundaries(text);
	let previousEnd = 0;
	for (const [index, {start, end}] of ranges.entries()) {
		expect(start).toBeLessThanOrEqual(end);
		expect(index === 0 ? start >= 0 : start >= previousEnd).toBe(true);
		// Between lines (and around them) there is nothing but breaking spaces.
		expect(text.slice(previousEnd, start)).toMatch(spaces);
		expect(cuts.has(start) && cuts.has(end)).toBe(true);
		const line = text.slice(start, end);
		expect(overflows(line, width)).toBe(false);
		if (ranges.length > 1) {
			expect(line.length).toBeGreaterThan(0);
		}

		previousEnd = end;
	}

	expect(text.slice(previousEnd)).toMatch(spaces);
}

describe('wrap: properties', () => {
	test('lines fit, are in order, cover all content, and never cut a grapheme', () => {
		fc.assert(fc.property(fc.oneof(anything, tricky), widths, (text, width) => {
			checkInvariants(text, width, wrap(text, width));
		}), {numRuns: 4000});
	});

	test('at width 1, every visible grapheme of a token gets a line of its own', () => {
		const token = fc.oneof(anything, tricky).map(text => text.replaceAll(/[\t\n\r \u2000-\u2006\u2008-\u200b\u205f\u3000]/g, ''));
		fc.assert(fc.property(token, text => {
			const visible = (value: string) => graphemes(value).filter(grapheme => cellWidth(grapheme) > 0).length;
			const shown = lines(text, 1);
			if (visible(text) > 0) {
				expect(shown.map(line => visible(line))).toEqual(shown.map(() => 1));
			}
		}), {numRuns: 3000});
	});

	test('in prose, no line starts or ends with a space', () => {
		fc.assert(fc.property(fc.oneof(prose, tricky), widths, (text, width) => {
			const ranges = wrap(text, width);
			checkInvariants(text, width, ranges);
			for (const {start, end} of ranges) {
				if (end > start) {
					const clusters = graphemes(text.slice(start, end));
					expect(isSpace(clusters[0]!)).toBe(false);
					expect(isSpace(clusters.at(-1)!)).toBe(false);
				}
			}
		}), {numRuns: 3000});
	});

	test('in prose, a word that fits is never split, and lines are filled greedily', () => {
		fc.assert(fc.property(prose, widths, (text, width) => {
			const ranges = wrap(text, width);
			const shown = ranges.map(({start, end}) => text.slice(start, end)).filter(Boolean);
			const fitting = words(text).filter(word => cellWidth(word) <= width);
			const lineWords = shown.flatMap(line => words(line));
			for (const word of fitting) {
				expect(lineWords).toContain(word);
			}

			// Joining the lines with single spaces where spaces were dropped (nothing where a word
			// was broken) gives back the text, runs of spaces collapsed.
			const collapse = (value: string) => value.replaceAll(/[\t\n\r \u2000-\u2006\u2008-\u200b\u205f\u3000]+/g, ' ').trim();
			const joined = ranges.map(({start, end}, index) =>
				(index > 0 && start > ranges[index - 1]!.end ? ' ' : '') + text.slice(start, end)).join('');
			expect(collapse(joined)).toBe(collapse(text));
			// Greedy: the next line's first word would not have fitted on this line (a word wider
			// than a line starts a line of its own), nor the next grapheme of a word broken hard.
			for (let index = 0; index + 1 < ranges.length; index++) {
				const {start, end} = ranges[index]!;
				const next = ranges[index + 1]!;
				if (next.start > end) {
					const nextWord = words(text.slice(next.start))[0]!;
					if (cellWidth(nextWord) <= width) {
						expect(cellWidth(text.slice(start, next.start) + nextWord)).toBeGreaterThan(width);
					}
				} else {
					const nextGrapheme = graphemes(text.slice(next.start, next.end)).find(grapheme => cellWidth(grapheme) > 0)!;
					expect(cellWidth(text.slice(start, end) + nextGrapheme)).toBeGreaterThan(width);
				}
			}
		}), {numRuns: 3000});
	});
});

describe('truncate', () => {
	test('text that fits comes back whole', () => {
		expect(truncate('عاجل', 4)).toEqual({end: 4, truncated: false});
		expect(truncate('', 0)).toEqual({end: 0, truncated: false});
	});

	test('text that does not fit keeps the whole words that fit in width − 1 cells, for the ellipsis', () => {
		const text = 'ﺍﻧﺨﻔﺎﺽ ﺃﺳﻌﺎﺭ ﺍﻟﻨﻔﻂ';
		// Not `ﺍﻧﺨﻔﺎﺽ ﺃﺳ`: the second word does not fit whole, so it is left out.
		expect(truncate(text, 10)).toEqual({end: 6, truncated: true});
		expect(truncate(text, 13)).toEqual({end: 12, truncated: true});
		// One word wider than the line is cut inside, between graphemes.
		expect(truncate('abcdef', 4)).toEqual({end: 3, truncated: true});
	});

	test('never cuts inside a number', () => {
		// `ارتفاع الأسعار 12%` at 17 cells used to show `…1`, the start of the number alone.
		const title = 'ارتفاع الأسعار بنسبة 12%';
		expect(title.slice(0, truncate(title, 23).end)).toBe('ارتفاع الأسعار بنسبة');
		expect(truncate('12.5%', 4)).toEqual({end: 0, truncated: true});
		expect(truncate('١٢٫٥٪ زيادة', 5)).toEqual({end: 0, truncated: true});
		expect(truncate('abc123', 5)).toEqual({end: 3, truncated: true});
	});

	test('what is kept is whole words of the text, when its first word fits', () => {
		fc.assert(fc.property(anything, fc.integer({min: 1, max: 30}), (text, width) => {
			const {end, truncated} = truncate(text, width);
			const all = words(text);
			if (!truncated || all.length === 0 || cellWidth(text.slice(0, text.indexOf(all[0]!) + all[0]!.length)) + 1 > width) {
				return;
			}

			const kept = words(text.slice(0, end));
			expect(kept).toEqual(all.slice(0, kept.length));
			expect(kept.length).toBeGreaterThan(0);
			// The next word did not fit.
			const next = all[kept.length];
			if (next !== undefined) {
				expect(cellWidth(text.slice(0, text.indexOf(next, end) + next.length)) + 1).toBeGreaterThan(width);
			}
		}), {numRuns: 3000});
	});

	test('cuts between whole graphemes and drops spaces before the ellipsis', () => {
		expect(truncate('بَيْتٌ كبير', 3)).toEqual({end: 4, truncated: true});
		expect(truncate('abc def', 5)).toEqual({end: 3, truncated: true});
		expect(truncate('a👍b', 2)).toEqual({end: 1, truncated: true});
	});

	test('a longer ellipsis takes its cells; with no room at all, nothing is kept', () => {
		expect(truncate('abcdef', 5, '...')).toEqual({end: 2, truncated: true});
		expect(truncate('abc', 0)).toEqual({end: 0, truncated: true});
	});

	test('prefix and ellipsis always fit, on whole graphemes', () => {
		fc.assert(fc.property(anything, fc.integer({min: 1, max: 30}), (text, width) => {
			const {end, truncated} = truncate(text, width);
			expect(truncated).toBe(cellWidth(text) > width);
			expect(boundaries(text).has(end)).toBe(true);
			if (truncated) {
				expect(cellWidth(text.slice(0, end)) + 1).toBeLessThanOrEqual(width);
			} else {
				expect(end).toBe(text.length);
			}
		}), {numRuns: 3000});
	});
});
