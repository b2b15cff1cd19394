/**
 * Justified paragraphs (`align: justify`): kashida placement rule by rule, and properties over
 * generated paragraphs (exact width, the same line breaks, forms unchanged, display only).
 */
import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import {justifyLine, maxKashida, wordKashida} from '../../source/text/justify.js';
import {layoutBlocks, logicalLine, paragraphLines, rangeCells} from '../../source/text/layout.js';
import {normalize} from '../../source/text/normalize.js';
import {defaultTextOptions, type TextOptions} from '../../source/text/options.js';
import {shape} from '../../source/text/shape.js';
import {cellWidth} from '../../source/text/width.js';

const justify: TextOptions = {...defaultTextOptions, align: 'justify'};
const tatweel = '\u0640';

/** Where the best kashida of a word goes, as "letters before it | letters after it" in logical order. */
function placed(word: string): string {
	const shaped = shape(word);
	const at = wordKashida(shaped, 0, shaped.length);
	if (at < 0) return 'none';
	const unshaped = (text: string) => normalize(text, defaultTextOptions);
	return `${unshaped(shaped.slice(0, at))}|${unshaped(shaped.slice(at))}`;
}

const lines = (text: string, width: number, options: TextOptions = justify) => layoutBlocks([{kind: 'paragraph', text}], width, options).map(line => line.text);

describe('where a word takes its kashida', () => {
	it('after a tatweel the text already has', () => {
		expect(placed('بـيت')).toBe('بـ|يت');
	});

	it('after an initial or medial seen or sad, before the other places', () => {
		expect(placed('مسجد')).toBe('مس|جد');
		expect(placed('صباح')).toBe('ص|باح');
	});

	it('before a final teh marbuta, heh or dal rather than a final alef', () => {
		expect(placed('كتابة')).toBe('كتاب|ة');
		expect(placed('كتابه')).toBe('كتاب|ه');
	});

	it('before a final alef, tah, lam, kaf or gaf rather than a final waw', () => {
		expect(placed('مكتوبا')).toBe('مكتوب|ا');
		expect(placed('عملك')).toBe('عمل|ك');
	});

	it('before a medial beh-like letter followed by reh, yeh or alef maqsura, rather than before the final reh', () => {
		expect(placed('كبير')).toBe('كب|ير');
	});

	it('before a final waw, ain, qaf or feh rather than another final letter', () => {
		expect(placed('جميع')).toBe('جمي|ع');
		expect(placed('مكتوب')).toBe('مكت|وب');
	});

	it('before any other final joining letter', () => {
		expect(placed('كتب')).toBe('كت|ب');
	});

	it('never after a letter that does not join forward, so never in a word of such letters', () => {
		expect(placed('دار')).toBe('none');
		expect(placed('ورد')).toBe('none');
	});

	it('never inside lam-alef', () => {
		const shaped = shape('بلا');
		expect(shaped).toHaveLength(2);
		expect(wordKashida(shaped, 0, 2)).toBe(1);
	});

	it('never at a ZWNJ', () => {
		// می‌شود: the ZWNJ parts می from شود; the kashida goes inside شود, not before it.
		expect(placed('می\u200Cشود')).toBe('میش|ود');
	});

	it('never between a letter and its marks', () => {
		const shaped = shape('سَلام');
		const at = wordKashida(shaped, 0, shaped.length);
		expect(shaped[at - 1]).toBe('\u064E');
	});
});

describe('a justified line', () => {
	const paragraph = 'تنشر الصحف العربية أخبارها كل صباح، ويقرأ الناس في المقاهي ما كتبه المراسلون عن السياسة والاقتصاد والرياضة والثقافة، ثم يتناقشون فيه حتى الظهر.';

	it('is exactly the width, with the same words on it as without justification', () => {
		const plain = lines(paragraph, 40, defaultTextOptions);
		const justified = lines(paragraph, 40);
		expect(justified).toHaveLength(plain.length);
		for (const [index, line] of justified.entries()) {
			expect(cellWidth(line)).toBe(40);
			if (index < justified.length - 1) expect(line.trim()).toBe(line);
			expect(line.replaceAll(tatweel, '').trim().split(/ +/)).toEqual(plain[index]!.trim().split(/ +/));
		}
	});

	it('uses kashida before spaces, at most three at a position', () => {
		const shaped = shape('كتب سعيد');
		const levels = new Uint8Array(shaped.length).fill(1);
		// Two words with a kashida each: 6 cells of kashida, the rest spaces.
		const line = justifyLine(shaped, levels, 0, shaped.length, 10, true)!;
		expect(line.text.match(/\u0640+/g)).toEqual([tatweel.repeat(maxKashida), tatweel.repeat(maxKashida)]);
		expect(line.text.match(/ +/g)).toEqual([' '.repeat(5)]);
		const small = justifyLine(shaped, levels, 0, shaped.length, 2, true)!;
		expect(small.text.match(/\u0640+/g)).toEqual([tatweel, tatweel]);
		expect(small.text.match(/ +/g)).toEqual([' ']);
	});

	it('spreads kashida over the line rather than piling them at one end', () => {
		const shaped = shape('كتب كتب كتب كتب كتب كتب كتب كتب كتب');
		const line = justifyLine(shaped, new Uint8Array(shaped.length).fill(1), 0, shaped.length, 2, true)!;
		const words = line.text.split(' ');
		const stretched = words.flatMap((word, index) => (word.includes(tatweel) ? [index] : []));
		expect(stretched).toHaveLength(2);
		expect(stretched).not.toContain(0);
		expect(stretched).not.toContain(words.length - 1);
		expect(stretched[1]! - stretched[0]!).toBeGreaterThan(1);
	});

	it('is not made when nothing on it can stretch enough (one word)', () => {
		const shaped = shape('كتب');
		expect(justifyLine(shaped, new Uint8Array(3).fill(1), 0, 3, 5, true)).toBeUndefined();
		expect(justifyLine(shaped, new Uint8Array(3).fill(1), 0, 3, 2, true)?.text).toBe(shape('كتـــب').replace(tatweel.repeat(3), tatweel.repeat(2)));
	});

	it('is body text only: a title or a caption is laid out as with auto', () => {
		for (const kind of ['title', 'caption', 'heading', 'meta', 'deck'] as const) {
			expect(layoutBlocks([{kind, text: paragraph}], 40, justify)).toEqual(layoutBlocks([{kind, text: paragraph}], 40, defaultTextOptions));
		}

		for (const kind of ['item', 'quote'] as const) {
			expect(layoutBlocks([{kind, text: paragraph}], 40, justify)[0]!.text).toContain(tatweel);
		}
	});

	it('leaves the last line of a paragraph as it is', () => {
		expect(lines(paragraph, 40).at(-1)).toBe(lines(paragraph, 40, defaultTextOptions).at(-1));
	});

	it('in a left-to-right paragraph takes spaces only', () => {
		const text = 'The reader shows كتب and مكتبة inside English text that wraps over several lines here.';
		const justified = lines(text, 30);
		expect(justified.join('')).not.toContain(tatweel);
		for (const line of justified.slice(0, -1)) expect(line.trim()).toBe(line);
	});

	it('takes no kashida where letters are not shaped, only spaces', () => {
		for (const options of [{...justify, shaping: false}, {...justify, bidi: 'terminal' as const}]) {
			const justified = lines(paragraph, 40, options);
			expect(justified.join('')).not.toContain(tatweel);
			for (const line of justified.slice(0, -1)) expect(line.trim()).toBe(line);
		}
	});

	it('is display only: logical text and pipes never see kashida', () => {
		expect(logicalLine(paragraph, justify)).not.toContain(tatweel);
		expect(lines(paragraph, 40, {...justify, bidi: 'off'})).toEqual(lines(paragraph, 40, {...defaultTextOptions, bidi: 'off'}));
	});

	it('keeps a search match on the cells of its word, kashida included', () => {
		const width = 40;
		const shaped = paragraphLines(paragraph, width, justify).map(line => line.logical).join(' ');
		const shown = lines(paragraph, width);
		for (const word of ['الصحف', 'السياسة', 'تنشر', 'والرياضة']) {
			const from = shaped.indexOf(shape(word));
			const [match] = rangeCells(paragraph, width, justify, from, from + word.length);
			expect(match).toBeDefined();
			const line = shown[paragraphLines(paragraph, width, justify).findIndex(l => l.start === match!.start)]!;
			expect(match!.cells).toHaveLength(1);
			const [start, end] = match!.cells[0]!;
			const cells = [...line].slice(start, end).join('');
			expect(cells.replaceAll(tatweel, '')).toBe([...shape(word)].reverse().join(''));
			expect(cells.startsWith(tatweel) || cells.endsWith(tatweel)).toBe(false);
			expect(line[start - 1] ?? ' ').toBe(' ');
			expect(line[end] ?? ' ').toBe(' ');
		}
	});
});

const arabicWords = ['كتب', 'مسجد', 'الصحف', 'مكتبة', 'دار', 'ورد', 'لا', 'بلاد', 'سَلام', 'كبير', 'جميع', 'بـيت', 'في', 'و', 'الأخبار', 'مُدرِّسة', 'می\u200Cشود', '2026', '،'];
const latinWords = ['news', 'a', 'reader', 'terminal', '(test)', 'x'];
const paragraphs = fc.tuple(fc.array(fc.constantFrom(...arabicWords, ...latinWords), {minLength: 1, maxLength: 40}), fc.constantFrom(' ', '  ')).map(([words, space]) => words.join(space));
const options = fc.record<TextOptions>({
	shaping: fc.boolean(),
	bidi: fc.constantFrom('app', 'terminal'),
	align: fc.constant('justify'),
	digits: fc.constantFrom('asis', 'arabic'),
	tashkeel: fc.constantFrom('show', 'hide'),
	fallbackDirection: fc.constantFrom('rtl', 'ltr'),
});

describe('justified paragraphs, generated', () => {
	it('every line but the last is exactly the width unless it is one word; breaks as without justification; forms unchanged', () => {
		fc.assert(
			fc.property(paragraphs, fc.integer({min: 8, max: 60}), options, (text, width, opts) => {
				const plain = paragraphLines(text, width, {...opts, align: 'auto'});
				const justified = lines(text, width, opts);
				expect(justified).toHaveLength(plain.length);
				for (const [index, line] of justified.entries()) {
					expect(cellWidth(line)).toBe(width);
					const words = (value: string) => value.replaceAll(tatweel, '').trim().split(/ +/);
					const plainLine = layoutBlocks([{kind: 'paragraph', text}], width, {...opts, align: 'auto'})[index]!.text;
					// Tatweels the text has are kept; only added ones are removed by `words`.
					expect(words(line)).toEqual(words(plainLine));
					const multiWord = plain[index]!.logical.trim().includes(' ');
					if (index < justified.length - 1 && multiWord) expect(line.trim()).toBe(line);
					if (index === justified.length - 1) expect(line).toBe(plainLine);
				}
			}),
			{numRuns: 300},
		);
	});

	it('kashida: one run per word, at most three, and re-shaping the justified line changes no form', () => {
		fc.assert(
			// Without ZWNJ: shaping drops it once it has parted two letters, so re-shaping would join them.
			fc.property(paragraphs.filter(text => !text.includes(tatweel) && !text.includes('\u200C')), fc.integer({min: 8, max: 60}), (text, width) => {
				const opts = {...justify, tashkeel: 'show' as const};
				for (const {logical} of paragraphLines(text, width, opts)) {
					const levels = new Uint8Array(logical.length).fill(1);
					for (let gap = 1; gap <= 12; gap++) {
						const line = justifyLine(logical, levels, 0, logical.length, gap, true);
						if (!line) continue;
						expect(cellWidth(line.text)).toBe(cellWidth(logical) + gap);
						for (const word of line.text.split(/ +/)) {
							const runs = word.match(/\u0640+/g) ?? [];
							expect(runs.length).toBeLessThanOrEqual(1);
							expect(runs[0]?.length ?? 0).toBeLessThanOrEqual(maxKashida);
						}

						expect(shape(normalize(line.text, defaultTextOptions))).toBe(line.text);
						expect(line.text.replaceAll(tatweel, '').replaceAll(/ +/g, ' ')).toBe(logical.replaceAll(/ +/g, ' '));
					}
				}
			}),
			{numRuns: 200},
		);
	});
});
