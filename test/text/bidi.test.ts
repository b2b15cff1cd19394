import bidiFactory from 'bidi-js';
import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import {
	astralBidiClass,
	implicitLevels,
	isolatedLevels,
	lineVisualOrder,
	paragraphLevels,
	reorderLine,
} from '../../source/text/bidi.js';

const bidi = bidiFactory();

/** Spaces shown as middle dots, so expectations can be read. */
const dots = (text: string) => text.replaceAll(' ', '·');

function visual(text: string, start = 0, end = text.length, options = {}): string {
	const {levels} = paragraphLevels(text, 'rtl');
	return reorderLine(text, levels, start, end, options);
}

function astralVisual(text: string, options = {}): {rtl: boolean; shown: string} {
	const {levels, rtl} = paragraphLevels(text, 'rtl');
	return {rtl, shown: reorderLine(text, levels, 0, text.length, options)};
}

describe('paragraphLevels', () => {
	it('takes the direction of the first strong character', () => {
		expect(paragraphLevels('123 ابج abc', 'ltr').rtl).toBe(true);
		expect(paragraphLevels('123 abc ابج', 'rtl').rtl).toBe(false);
	});

	it('skips isolates when it looks for the first strong character (P2)', () => {
		expect(paragraphLevels('\u2066abc\u2069 ابج', 'ltr').rtl).toBe(true);
	});

	it('falls back to the given direction when there is no strong character', () => {
		expect(paragraphLevels('123 !?', 'rtl').rtl).toBe(true);
		expect(paragraphLevels('123 !?', 'ltr').rtl).toBe(false);
		// The Arabic question mark and comma are AL: strong.
		expect(paragraphLevels('123 ؟', 'ltr').rtl).toBe(true);
		expect(paragraphLevels('', 'rtl')).toMatchObject({rtl: true, levels: new Uint8Array(0)});
	});

	it('obeys a forced direction', () => {
		expect(paragraphLevels('ابج', 'ltr', 'ltr').rtl).toBe(false);
		expect(paragraphLevels('abc', 'ltr', 'rtl').rtl).toBe(true);
	});

	it('gives one level per UTF-16 unit', () => {
		const {levels} = paragraphLevels('خبر 😀 abc', 'rtl');
		expect(levels.length).toBe('خبر 😀 abc'.length);
		expect([...paragraphLevels('ابج abc', 'rtl').levels]).toEqual([1, 1, 1, 1, 2, 2, 2]);
	});
});

describe('reorderLine: whole lines', () => {
	it('reverses Arabic and keeps Latin and digits left to right inside it', () => {
		expect(visual('قال (BBC) أمس')).toBe('سمأ (BBC) لاق');
		expect(visual('عام 2024 في')).toBe('يف 2024 ماع');
	});

	it('leaves a left-to-right paragraph in logical order', () => {
		const text = 'plain text (with brackets)';
		const {levels} = paragraphLevels(text, 'rtl');
		expect(reorderLine(text, levels, 0, text.length)).toBe(text);
	});

	it('gives digits after Arabic words the Arabic-number class (W2)', () => {
		const text = 'ارتفعت الأسعار 12% في';
		const start = text.indexOf('12');
		expect(visual(text, start)).toBe('يف %12');
		// The same characters as a paragraph of their own keep 12% together.
		expect(visual(text.slice(start))).toBe('يف 12%');
	});

	it('is empty for an empty slice and clamps the bounds', () => {
		expect(visual('ابج', 2, 2)).toBe('');
		expect(visual('ابج', -5, 99)).toBe('جبا');
	});
});

describe('reorderLine: L1 on lines that do not start the paragraph', () => {
	const paragraph = 'ابج abc def   ghi jkl';

	it('puts trailing spaces of a line at the paragraph level (FINDINGS case)', () => {
		expect(dots(visual(paragraph, 4, 14))).toBe('···abc·def');
	});

	it('fixes what bidi-js alone gets wrong for that line', () => {
		const levels = bidi.getEmbeddingLevels(paragraph, 'rtl');
		const indices = [...paragraph].map((_, index) => index);
		for (const [from, to] of bidi.getReorderSegments(paragraph, levels, 4, 13)) {
			indices.splice(from, to - from + 1, ...indices.slice(from, to + 1).reverse());
		}

		expect(dots(indices.slice(4, 14).map(index => paragraph[index]).join(''))).toBe('abc·def···');
	});

	it('resets trailing spaces in a left-to-right paragraph too', () => {
		const text = 'one ابج دهو   two';
		const {levels} = paragraphLevels(text, 'ltr');
		expect(dots(reorderLine(text, levels, 4, 14))).toBe('وهد·جبا···');
	});

	it('counts invisible format characters among the trailing whitespace and drops them', () => {
		const text = 'ابج abc \u200F\u2069 ghi';
		const {levels} = paragraphLevels(text, 'rtl');
		expect(dots(reorderLine(text, levels, 4, 10))).toBe('·abc');
	});

	it('leaves whitespace inside a line alone', () => {
		const text = 'ابج abc def ghi';
		const {levels} = paragraphLevels(text, 'rtl');
		expect(dots(reorderLine(text, levels, 4, 11))).toBe('abc·def');
	});
});

describe('reorderLine: L3, marks after their base', () => {
	it('keeps a haraka after its letter', () => {
		expect(visual('بَ')).toBe('بَ');
		expect(visual('بَ', 0, 2, {marksAfterBase: false})).toBe('\u064E\u0628');
	});

	it('keeps several marks in logical order after their letter', () => {
		expect(visual('كَتَبَ')).toBe('بَتَكَ');
		expect(visual('\u0628\u0651\u064E')).toBe('\u0628\u0651\u064E');
		expect(visual('هٰذا')).toBe('اذهٰ');
	});

	it('keeps marks after their base at the end of a line that starts mid-paragraph', () => {
		const text = 'قَالَ مُحَمَّدٌ';
		const start = text.indexOf('مُ');
		expect(visual(text, start)).toBe('دٌمَّحَمُ');
	});
});

describe('reorderLine: L4, mirroring', () => {
	it('mirrors paired brackets and guillemets at odd levels', () => {
		expect(visual('(نص)')).toBe('(صن)');
		expect(visual('[أ]')).toBe('[أ]');
		expect(visual('«نص»')).toBe('«صن»');
		expect(visual('‹نص›')).toBe('‹صن›');
	});

	it('can leave the glyphs as they are', () => {
		expect(visual('(نص) «أ»', 0, 8, {mirror: false})).toBe('»أ« )صن(');
	});

	it('does not mirror at even levels', () => {
		expect(visual('ابج abc (d) e')).toBe('abc (d) e جبا');
		const text = 'abc (d) ابج';
		expect(reorderLine(text, paragraphLevels(text, 'rtl').levels, 0, text.length)).toBe('abc (d) جبا');
	});
});

describe('reorderLine: never prints format characters', () => {
	it('drops marks, embeddings, isolates and U+FEFF', () => {
		const controls = '\u200E\u200F\u061C\u202A\u202B\u202C\u202D\u202E\u2066\u2067\u2068\u2069\uFEFF';
		const text = `ابج ${controls}abc`;
		const shown = visual(text);
		expect(shown).toBe('abc جبا');
		expect([...shown].some(char => controls.includes(char))).toBe(false);
	});
});

describe('astral code points', () => {
	it('looks up the class of astral code points (UnicodeData.txt 15.0)', () => {
		const expected: Record<number, string> = {
			0x1_08_00: 'R', // CYPRIOT SYLLABLE A
			0x1_0E_FD: 'NSM', // ARABIC SMALL LOW WORD SAKTA
			0x1_D7_CE: 'EN', // MATHEMATICAL BOLD DIGIT ZERO
			0x1_E9_00: 'R', // ADLAM CAPITAL LETTER ALIF
			0x1_EE_00: 'AL', // ARABIC MATHEMATICAL ALEF
			0x1_F1_E6: 'L', // REGIONAL INDICATOR SYMBOL LETTER A
			0x1_F3_FD: 'ON', // EMOJI MODIFIER FITZPATRICK TYPE-4
			0x1_F6_00: 'ON', // GRINNING FACE
			0x2_00_00: 'L', // A CJK ideograph
			0xE_00_67: 'BN', // TAG LATIN SMALL LETTER G
		};
		for (const [codePoint, type] of Object.entries(expected)) {
			expect([codePoint, astralBidiClass(Number(codePoint))]).toEqual([codePoint, type]);
		}
	});

	it('classes an emoji as a neutral, not as two left-to-right halves', () => {
		// bidi-js alone sees two L units and would join the emoji to the Latin: وهد abc 😀 جبا.
		expect(astralVisual('ابج abc 😀 دهو').shown).toBe('وهد 😀 abc جبا');
		expect(astralVisual('ابج abc 😀 دهو', {marksAfterBase: false}).shown).toBe('وهد 😀 abc جبا');
		// The same through the full algorithm (an RLM keeps the text off the fast path).
		expect(astralVisual('ابج abc 😀 دهو\u200F').shown).toBe('وهد 😀 abc جبا');
	});

	it('classes astral Hebrew-range letters as R and keeps each pair in order', () => {
		const result = astralVisual('𐠀𐠁 abc');
		expect(result.rtl).toBe(true);
		expect(result.shown).toBe('abc 𐠁𐠀');
	});

	it('classes Arabic mathematical letters as AL (digits after them become AN)', () => {
		expect(astralVisual('𞸀 12%').shown).toBe('%12 𞸀');
		expect(astralVisual('𐠀 12%').shown).toBe('12% 𐠀');
	});

	it('keeps an astral mark after its base and an emoji modifier after its emoji', () => {
		expect(astralVisual('ب\u{10EFD}ت').shown).toBe('تب\u{10EFD}');
		expect(astralVisual('مرحبا 👋🏽').shown).toBe('👋🏽 ابحرم');
		expect(astralVisual('علم 🇸🇦 و 👨‍👩‍👧').shown).toBe('👨‍👩‍👧 و 🇸🇦 ملع');
	});

	it('keeps a surrogate pair in order even with L3 off', () => {
		const text = 'ابج 😀😀 دهو';
		const {levels} = paragraphLevels(text, 'rtl');
		const order = [...lineVisualOrder(text, levels, 0, text.length, {marksAfterBase: false})];
		const shown = order.map(index => text[index]).join('');
		expect(shown).toBe('وهد 😀😀 جبا');
	});
});

describe('the direction carried by the levels', () => {
	const text = 'abc   ';

	it('follows the levels array from paragraphLevels', () => {
		const {levels} = paragraphLevels(text, 'ltr', 'rtl');
		expect(dots(reorderLine(text, levels, 0, 6))).toBe('···abc');
	});

	it('can be told when the array is a copy', () => {
		const {levels} = paragraphLevels(text, 'ltr', 'rtl');
		expect(dots(reorderLine(text, levels.slice(), 0, 6, {rtl: true}))).toBe('···abc');
		expect(dots(reorderLine(text, levels.slice(), 0, 6, {rtl: false}))).toBe('abc···');
	});
});

/** Characters of every kind the engine meets in news text, plus a few of each hard case. */
const alphabet = [
	'ا', 'ب', 'ت', 'ج', 'a', 'b', 'Z', 'א', '0', '7', '٣', '+', '-', '%', '#', '$', ',', '.', ':', '/',
	' ', ' ', ' ', '(', ')', '[', ']', '«', '»', '!', '؟', '،', '\u064E', '\u0651', '\u0300', '\u200D',
	'\u200C', '\u00AD', '\u200F', '\u200E', '\u061C', '\u202B', '\u202C', '\u2067', '\u2069', '\u2066', '\t',
];
const paragraphArbitrary = fc.array(fc.constantFrom(...alphabet), {maxLength: 40}).map(chars => chars.join(''));

/** bidi-js's own L1–L2 on a line copied out of the paragraph (correct when a line starts at 0). */
function referenceOrder(text: string, levels: Uint8Array, rtl: boolean, start: number, end: number): number[] {
	const line = text.slice(start, end);
	const segments = bidi.getReorderSegments(
		line,
		{levels: levels.slice(start, end), paragraphs: [{start: 0, end: line.length - 1, level: rtl ? 1 : 0}]},
		0,
		line.length - 1,
	);
	const indices = [...line].map((_, index) => index + start);
	for (const [from, to] of segments) {
		indices.splice(from, to - from + 1, ...indices.slice(from, to + 1).reverse());
	}

	return indices;
}

describe('properties', () => {
	it('orders every line like bidi-js does on the same line cut out of its paragraph', () => {
		fc.assert(fc.property(
			paragraphArbitrary,
			fc.nat(),
			fc.nat(),
			fc.constantFrom<'auto' | 'ltr' | 'rtl'>('auto', 'ltr', 'rtl'),
			(text, a, b, direction) => {
				const start = text.length === 0 ? 0 : a % text.length;
				const end = start + (text.length === start ? 0 : b % (text.length - start + 1));
				const {levels, rtl} = paragraphLevels(text, 'rtl', direction);
				const order = [...lineVisualOrder(text, levels, start, end, {marksAfterBase: false})];
				expect(order).toEqual(referenceOrder(text, levels, rtl, start, end));
			},
		), {numRuns: 2000});
	});

	it('prints each character of a line once, nothing invisible, and every mark after its base', () => {
		const hidden = '\u200E\u200F\u061C\u202B\u202C\u2067\u2069\u2066';
		fc.assert(fc.property(paragraphArbitrary, text => {
			const {levels} = paragraphLevels(text, 'rtl');
			const shown = reorderLine(text, levels, 0, text.length, {mirror: false});
			const visible = [...text].filter(char => !hidden.includes(char));
			expect([...shown].sort()).toEqual(visible.sort());
			const order = [...lineVisualOrder(text, levels, 0, text.length)];
			for (let index = 1; index < text.length; index++) {
				if ('\u064E\u0651\u0300'.includes(text[index]!)) {
					expect(order.indexOf(index)).toBe(order.indexOf(index - 1) + 1);
				}
			}
		}), {numRuns: 2000});
	});

	it('prints the characters of lineVisualOrder, mirrored at odd levels, without the invisible ones', () => {
		const hidden = new Set(['\u200E', '\u200F', '\u061C', '\u202B', '\u202C', '\u2067', '\u2069', '\u2066']);
		const mirrors: Record<string, string> = {'(': ')', ')': '(', '[': ']', ']': '[', '«': '»', '»': '«'};
		fc.assert(fc.property(paragraphArbitrary, fc.nat(), fc.nat(), (text, a, b) => {
			const start = text.length === 0 ? 0 : a % text.length;
			const end = start + (text.length === start ? 0 : b % (text.length - start + 1));
			const {levels, rtl} = paragraphLevels(text, 'ltr');
			// The levels after L1 for this line, from a line of its own cut out of the paragraph.
			const line = text.slice(start, end);
			let trail = line.length;
			while (trail > 0 && ' \t\u200E\u200F\u061C\u202B\u202C\u2067\u2069\u2066\u200D\u200C\u00AD'.includes(line[trail - 1]!)) {
				trail--;
			}

			const expected = [...lineVisualOrder(text, levels, start, end)]
				.filter(index => !hidden.has(text[index]!))
				.map(index => {
					const level = index - start >= trail ? (rtl ? 1 : 0) : levels[index]!;
					return level % 2 === 1 ? (mirrors[text[index]!] ?? text[index]!) : text[index]!;
				})
				.join('');
			expect(reorderLine(text, levels, start, end)).toBe(expected);
		}), {numRuns: 3000});
	});

	it('never splits or swaps the halves of a surrogate pair', () => {
		const astral = ['😀', '👋', '🏽', '𐠀', '𞸀', '\u{10EFD}', '𝟎', '🇸', '🇦', '\u200D', 'ا', 'a', ' ', '1', '(', ')', '\u064E'];
		fc.assert(fc.property(
			fc.array(fc.constantFrom(...astral), {maxLength: 30}).map(chars => chars.join('')),
			fc.constantFrom<'rtl' | 'ltr'>('rtl', 'ltr'),
			fc.boolean(),
			(text, fallback, marksAfterBase) => {
				const {levels} = paragraphLevels(text, fallback);
				const shown = reorderLine(text, levels, 0, text.length, {marksAfterBase, mirror: false});
				expect(shown).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/);
				expect([...shown].sort()).toEqual([...text].sort());
			},
		), {numRuns: 2000});
	});

	/** What the fast path accepts, with brackets and marks in every role. */
	const implicitAlphabet = [
		'ا', 'ب', 'ج', 'a', 'b', 'א', '0', '7', '٣', '۴', '+', '-', '%', '#', '°', ',', '.', ':', '/', '،',
		' ', ' ', '(', ')', '[', ']', '{', '}', '\u2329', '\u232A', '\u3008', '\u3009', '«', '»', '!', '"',
		'\u064E', '\u0651', '\u0300', '\u0670',
	];

	it('fast path: resolves levels exactly as bidi-js when it accepts the text', () => {
		fc.assert(fc.property(
			fc.array(fc.constantFrom(...implicitAlphabet), {maxLength: 60}).map(chars => chars.join('')),
			fc.constantFrom(0, 1),
			(text, level) => {
				const fast = implicitLevels(text, level);
				expect(fast).toBeDefined();
				expect([...fast!]).toEqual([...bidi.getEmbeddingLevels(text, level === 1 ? 'rtl' : 'ltr').levels]);
			},
		), {numRuns: 20_000});
	});

	it('fast path with isolates side by side: resolves levels exactly as bidi-js', () => {
		const chunk = fc.array(fc.constantFrom(...implicitAlphabet), {maxLength: 12}).map(chars => chars.join(''));
		const isolate = fc.tuple(fc.constantFrom('\u2066', '\u2067', '\u2068'), chunk).map(([open, inside]) => `${open}${inside}\u2069`);
		fc.assert(fc.property(
			fc.array(fc.tuple(chunk, isolate), {minLength: 1, maxLength: 4}),
			chunk,
			fc.constantFrom(0, 1),
			(pieces, tail, level) => {
				const text = pieces.map(([before, inside]) => before + inside).join('') + tail;
				const fast = isolatedLevels(text, level);
				expect(fast).toBeDefined();
				expect([...fast!]).toEqual([...bidi.getEmbeddingLevels(text, level === 1 ? 'rtl' : 'ltr').levels]);
			},
		), {numRuns: 20_000});
	});

	it('fast path with isolates: declines nesting, an unclosed or unopened isolate, and other explicit formatting', () => {
		for (const text of ['a\u2067b\u2066c\u2069\u2069', 'a\u2068b', 'ab\u2069c', 'a\u2068b\u202Bc\u202C\u2069', 'a\u2068b\u2069\u202Ec', 'abc']) {
			expect(isolatedLevels(text, 1)).toBeUndefined();
		}
	});

	it('fast path: declines text with explicit formatting, BN or separators', () => {
		for (const char of ['\u202B', '\u202C', '\u202E', '\u2067', '\u2069', '\u200C', '\u00AD', '\t', '\u2029']) {
			expect(implicitLevels(`ابج${char}abc`, 1)).toBeUndefined();
		}
	});
});
