import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import {normalize, type NormalizeOptions} from '../../source/text/normalize.js';
import {codePoints, ucd} from '../fixtures/shaping/ucd.js';

const asis: NormalizeOptions = {digits: 'asis', tashkeel: 'show'};
const hidden: NormalizeOptions = {digits: 'asis', tashkeel: 'hide'};
const circle = '\u25CC';
const fatha = '\u064E';
const shadda = '\u0651';

function expectNormal(input: string, options: NormalizeOptions, expected: string): void {
	expect(codePoints(normalize(input, options)), codePoints(input)).toBe(codePoints(expected));
}

describe('folding presentation forms', () => {
	// Expected letters from the decompositions in UnicodeData.txt, read by the test helper.
	const singleLetterForms = [...ucd().forms].flatMap(([letter, forms]) =>
		Object.values(forms).map(presentation => ({presentation, letter, name: codePoints(presentation)})));

	it.each(singleLetterForms)('$name folds to its letter', ({presentation, letter}) => {
		expectNormal(presentation, asis, letter);
	});

	it('folds the lam-alef ligatures to lam + alef', () => {
		expectNormal('\uFEFB\uFEFC\uFEF5\uFEF6\uFEF7\uFEF8\uFEF9\uFEFA', asis, 'لالالآلآلألألإلإ');
	});

	it('folds what an X11 Arabic keyboard sends (ﻻ for b, ﻷ for Shift+G)', () => {
		expectNormal('\uFEFBعب \uFEF7', asis, 'لاعب لأ');
	});

	it('folds optional ligatures to their letters', () => {
		expectNormal('\uFDF2', asis, 'الله');
		expectNormal('\uFDFA', asis, 'صلى الله عليه وسلم');
		expectNormal('\uFC0B', asis, 'تج');
	});

	it('folds a whole shaped word back', () => {
		expectNormal('\uFEE3\uFEAE\uFEA3\uFE92\uFE8E', asis, 'مرحبا');
	});

	it('policy: a spacing haraka becomes a dotted circle carrying the mark', () => {
		expectNormal('\uFE70', asis, circle + '\u064B');
		expectNormal('( \uFE76 )', asis, '( ' + circle + fatha + ' )');
		expectNormal('\uFC60', asis, circle + fatha + shadda);
	});

	it('policy: a haraka on tatweel keeps the tatweel', () => {
		expectNormal('\uFE77', asis, '\u0640' + fatha);
		expectNormal('\uFE77', hidden, '\u0640');
	});

	it('policy: U+FBDD folds to the letter it is a form of (NFKC would give ۇ + ٴ)', () => {
		expectNormal('\uFBDD', asis, '\u0677');
	});

	it('grows its output for long expansions', () => {
		expectNormal('\uFDFA'.repeat(200), asis, 'صلى الله عليه وسلم'.repeat(200));
	});

	it('keeps lone surrogates while changing what is around them', () => {
		expectNormal('\uDC00\uFEFB\uD800', asis, '\uDC00لا\uD800');
		expectNormal('\uD800 1', {digits: 'arabic', tashkeel: 'show'}, '\uD800 ١');
	});

	it('leaves code points of those blocks that have no decomposition', () => {
		expectNormal('\uFD3E\uFD3F\uFDFD\uFEFF', asis, '\uFD3E\uFD3F\uFDFD\uFEFF');
	});

	it('composes a folded alef with a following hamza', () => {
		expectNormal('\uFE8D\u0654', asis, 'أ');
		expectNormal('\uFE8E\u0655', hidden, 'إ');
	});
});

describe('decomposed hamza and madda compose (as NFC)', () => {
	it.each([
		['ا\u0653', 'آ'],
		['ا\u0654', 'أ'],
		['ا\u0655', 'إ'],
		['و\u0654', 'ؤ'],
		['ي\u0654', 'ئ'],
		['ە\u0654', 'ۀ'],
		['ہ\u0654', 'ۂ'],
		['ے\u0654', 'ۓ'],
	])('%s → %s', (decomposed, composed) => {
		expectNormal(decomposed, asis, composed);
		expectNormal('ب' + decomposed + 'ب', hidden, 'ب' + composed + 'ب');
	});

	it('only when the mark directly follows the letter', () => {
		expectNormal('ا' + fatha + '\u0654', asis, 'ا' + fatha + '\u0654');
	});

	it('a hamza mark on a letter it does not compose with stays when shown', () => {
		expectNormal('ب\u0654', asis, 'ب\u0654');
	});
});

describe('digits', () => {
	const western = '0123456789';
	const arabic = '٠١٢٣٤٥٦٧٨٩';
	const persian = '۰۱۲۳۴۵۶۷۸۹';

	it('asis leaves every digit', () => {
		expectNormal(western + arabic + persian, asis, western + arabic + persian);
	});

	it('arabic turns Western and Persian digits into Arabic-Indic', () => {
		expectNormal(western + ' ' + arabic + ' ' + persian, {digits: 'arabic', tashkeel: 'show'}, arabic + ' ' + arabic + ' ' + arabic);
	});

	it('western turns Arabic-Indic and Persian digits into 0-9', () => {
		expectNormal(western + ' ' + arabic + ' ' + persian, {digits: 'western', tashkeel: 'show'}, western + ' ' + western + ' ' + western);
	});

	it('leaves separators, percent signs and other numerals', () => {
		expectNormal('٧٨٫٥٪ ١٬٠٠٠ Ⅻ ²', {digits: 'western', tashkeel: 'show'}, '78٫5٪ 1٬000 Ⅻ ²');
		expectNormal('12.5% 1,000', {digits: 'arabic', tashkeel: 'show'}, '١٢.٥% ١,٠٠٠');
	});
});

describe('tashkeel', () => {
	const harakat = [
		...Array.from({length: 0x065F - 0x064B + 1}, (_, index) => 0x064B + index),
		0x0670,
		0x0618, 0x0619, 0x061A,
		0x06D6, 0x06D7, 0x06D8, 0x06D9, 0x06DA, 0x06DB, 0x06DC, 0x06DF, 0x06E0, 0x06E1, 0x06E2, 0x06E3, 0x06E4,
		0x06E7, 0x06E8, 0x06EA, 0x06EB, 0x06EC, 0x06ED,
		0x08F0, 0x08F1, 0x08F2,
	].map(codePoint => String.fromCodePoint(codePoint));

	it.each(harakat.map(mark => ({mark, name: codePoints(mark)})))('hide removes $name', ({mark}) => {
		expectNormal('ب' + mark + 'ت', hidden, 'بت');
	});

	it('show keeps them all', () => {
		const text = harakat.map(mark => 'ب' + mark).join('');
		expectNormal(text, asis, text);
	});

	it('hide keeps hamza letters, hamza, tatweel and the signs of U+06D6..U+06ED that are not marks', () => {
		const kept = 'أؤإئآءٴۀـ\u06DD\u06DE\u06E5\u06E6\u06E9';
		expectNormal(kept, hidden, kept);
	});

	it('hide removes a fully vocalized sentence\'s harakat', () => {
		expectNormal('يَقُولُ الشَّاعِرُ إِنَّ الْكَلِمَةَ الطَّيِّبَةَ', hidden, 'يقول الشاعر إن الكلمة الطيبة');
	});

	it('policy: hide removes a combining hamza or madda that did not compose', () => {
		expectNormal('ب\u0654ب\u0653', hidden, 'بب');
	});

	it('hide removes a spacing haraka entirely, and a mark with no base needs no circle', () => {
		expectNormal('( \uFE76 )', hidden, '(  )');
		expectNormal(fatha + 'ب', hidden, 'ب');
	});

	it('hide leaves other scripts\' combining marks', () => {
		expectNormal('e\u0301', hidden, 'e\u0301');
	});
});

describe('a mark with no base gets a dotted circle', () => {
	it.each([
		['at the start of the text', fatha + 'ب', circle + fatha + 'ب'],
		['after a space', 'ب ' + fatha, 'ب ' + circle + fatha],
		['after a newline', 'ب\n' + shadda + fatha, 'ب\n' + circle + shadda + fatha],
		['after a tab', '\t' + fatha, '\t' + circle + fatha],
		['after a no-break space', '\u00A0' + fatha, '\u00A0' + circle + fatha],
		['after a right-to-left mark', '\u200F' + fatha, '\u200F' + circle + fatha],
		['a Latin accent after a space', ' \u0301', ' ' + circle + '\u0301'],
		['an astral mark at the start', '\u{1E944}', circle + '\u{1E944}'],
		['an enclosing mark after a space', ' \u20DD', ' ' + circle + '\u20DD'],
	])('%s', (_, input, expected) => {
		expectNormal(input, asis, expected);
	});

	it.each([
		['after a letter', 'ب' + fatha],
		['after another mark on a letter', 'ب' + shadda + fatha],
		['after ZWJ or ZWNJ, which stay inside the cluster', 'ب\u200C' + fatha + 'ب\u200D' + fatha],
		['after tatweel', '\u0640' + fatha],
		['after a digit or a Latin letter', '1' + fatha + 'e\u0301'],
		['after an emoji', '😀\u{1F3FB}' + '\u20E3'],
		['after an existing dotted circle', circle + fatha],
	])('but not %s', (_, input) => {
		expectNormal(input, asis, input);
	});

	it('once per stack of marks', () => {
		expectNormal(' ' + shadda + fatha + '\u0670', asis, ' ' + circle + shadda + fatha + '\u0670');
	});

	it('after removed harakat, by what is left before the mark', () => {
		expectNormal(' ' + shadda + '\u0301', hidden, ' ' + circle + '\u0301');
	});
});

describe('text that needs nothing', () => {
	it.each([
		'',
		'Hello, world',
		'أعلنت البلدية عن خطة جديدة',
		'١٢ خطاً',
		'😀 ب \uD800',
	])('comes back unchanged: %s', text => {
		expect(normalize(text, asis)).toBe(text);
	});

	it('comes back unchanged for any text with nothing to do', () => {
		const quiet = fc.constantFrom(...'ابتثجحخدذرزسشصضطظعغفقكلمنهويءأؤإئ abcXYZ.,؟،\n', '٠', '٥', '😀');
		fc.assert(fc.property(fc.array(quiet).map(chars => chars.join('')), text => {
			expect(normalize(text, asis)).toBe(text);
			expect(normalize(text, {digits: 'arabic', tashkeel: 'hide'})).toBe(text);
		}));
	});
});

describe('properties', () => {
	const anything = fc.constantFrom(
		...'ابلهوي ءأ\n1٢۳a',
		fatha, shadda, '\u0654', '\u0653', '\u0301', '\u0670', '\u200C', '\u200D', '\u200F',
		'\uFEFB', '\uFE8D', '\uFE70', '\uFE77', '\uFDF2', '\uFC60', '\u{1E944}', '😀',
	);
	const texts = fc.array(anything, {maxLength: 30}).map(chars => chars.join(''));
	const options = fc.record({
		digits: fc.constantFrom('asis', 'arabic', 'western'),
		tashkeel: fc.constantFrom('show', 'hide'),
	}) as fc.Arbitrary<NormalizeOptions>;

	it('is idempotent', () => {
		fc.assert(fc.property(texts, options, (text, chosen) => {
			const once = normalize(text, chosen);
			expect(normalize(once, chosen)).toBe(once);
		}));
	});

	it('leaves no presentation form that has a fold, and no baseless mark', () => {
		fc.assert(fc.property(texts, options, (text, chosen) => {
			const result = normalize(text, chosen);
			expect(/[\uFB50-\uFDFC\uFE70-\uFEFC]/u.test(result)).toBe(false);
			expect(/(?:^|[\s\u200F])\p{M}/u.test(result)).toBe(false);
		}));
	});

	it('hide leaves no haraka', () => {
		fc.assert(fc.property(texts, text => {
			expect(/[\u064B-\u065F\u0670]/u.test(normalize(text, hidden))).toBe(false);
		}));
	});
});
