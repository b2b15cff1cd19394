import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import {paragraphLevels} from '../../source/text/bidi.js';
import {declaredDirection, isolate, languageDirection, paragraphDirection} from '../../source/text/direction.js';

const apple = 'Apple تطلق هاتف iPhone 17 الجديد بسعر 999 دولاراً.';

describe('paragraphDirection', () => {
	it('declared right to left: any right-to-left letter makes the paragraph right to left, however it starts', () => {
		expect(paragraphDirection(apple, 'rtl')).toBe('rtl');
		expect(paragraphDirection('Author, محمد', 'rtl')).toBe('rtl');
		// Latin letters far outnumber the Arabic ones: still right to left.
		expect(paragraphDirection('BBC News Arabic Service Live عربي', 'rtl')).toBe('rtl');
		// UAX #9's own rule (P2–P3) takes the first strong letter: left to right.
		expect(paragraphLevels(apple, 'rtl').rtl).toBe(false);
	});

	it('declared right to left, no right-to-left letter: the paragraph keeps its own direction', () => {
		expect(paragraphDirection('"Think different" was the slogan.', 'rtl')).toBe('ltr');
		// No strong letter at all: the declaration.
		expect(paragraphDirection('2026-11-28 09:30', 'rtl')).toBe('rtl');
		expect(paragraphDirection('', 'rtl')).toBe('rtl');
	});

	it('nothing declared: the direction of most strong letters', () => {
		expect(paragraphDirection('Samsung and Apple تطلقان', undefined)).toBe('ltr');
		expect(paragraphDirection('Apple تطلق هاتفها الجديد', undefined)).toBe('rtl');
		expect(paragraphDirection(apple, undefined)).toBe('rtl');
	});

	it('a tie goes to the first strong letter', () => {
		expect(paragraphDirection('ab جد', undefined)).toBe('ltr');
		expect(paragraphDirection('جد ab', undefined)).toBe('rtl');
		expect(paragraphDirection('12 ab جد', 'ltr')).toBe('ltr');
	});

	it('declared left to right (often wrong in real feeds): the majority still decides', () => {
		expect(paragraphDirection('Apple تطلق هاتفها الجديد', 'ltr')).toBe('rtl');
		expect(paragraphDirection('Apple launches a phone', 'ltr')).toBe('ltr');
		expect(paragraphDirection('Apple launches its new phone in Dubai اليوم', 'ltr')).toBe('ltr');
	});

	it('no strong letter and nothing declared: the fallback', () => {
		expect(paragraphDirection('12:30 — 45%', undefined, 'ltr')).toBe('ltr');
		expect(paragraphDirection('12:30 — 45%', undefined, 'rtl')).toBe('rtl');
		expect(paragraphDirection('12:30 — 45%', undefined)).toBe('rtl');
		expect(paragraphDirection('12:30', 'ltr', 'rtl')).toBe('ltr');
	});

	it('letters inside an isolate do not count, as in P2', () => {
		expect(paragraphDirection('\u2066Apple iPhone Pro Max\u2069 تطلق', undefined)).toBe('rtl');
		expect(paragraphDirection('\u2067عنوان طويل جدا\u2069 ab', undefined)).toBe('ltr');
		expect(paragraphDirection('\u2068محمد\u2069 · \u20662026\u2069', 'ltr')).toBe('ltr');
		// An unmatched PDI closes nothing.
		expect(paragraphDirection('\u2069 abc جد', undefined)).toBe('ltr');
	});

	it('counts letters outside the Basic Multilingual Plane', () => {
		// Adlam (R) and mathematical bold letters (L).
		expect(paragraphDirection('𞤀𞤁𞤂 ab', undefined)).toBe('rtl');
		expect(paragraphDirection('𝐀𝐁𝐂 جد', undefined)).toBe('ltr');
	});

	it('gives the one direction a paragraph\'s letters share, whatever is declared', () => {
		const latin = fc.constantFrom('Apple', 'iPhone', 'news', 'GitHub');
		const arabic = fc.constantFrom('تطلق', 'هاتف', 'الجديد', 'دولاراً');
		const neutral = fc.constantFrom(' ', '999', '.', '،', '(', ')', '12%', '-', '٣٥');
		const declared = fc.constantFrom(undefined, 'rtl' as const, 'ltr' as const);
		fc.assert(fc.property(fc.array(neutral), latin, fc.array(fc.oneof(latin, neutral)), declared, (before, word, after, told) => {
			expect(paragraphDirection([...before, word, ...after].join(''), told)).toBe('ltr');
		}));
		fc.assert(fc.property(fc.array(neutral), arabic, fc.array(fc.oneof(arabic, neutral)), declared, (before, word, after, told) => {
			expect(paragraphDirection([...before, word, ...after].join(''), told)).toBe('rtl');
		}));
		// Declared right to left, one Arabic letter anywhere is enough.
		fc.assert(fc.property(fc.array(fc.oneof(latin, neutral)), arabic, fc.array(fc.oneof(latin, neutral)), (before, word, after) => {
			expect(paragraphDirection([...before, word, ...after].join(' '), 'rtl')).toBe('rtl');
		}));
	});
});

describe('paragraphDirection against a plain count', () => {
	it('agrees with counting every letter, on any mix of Latin and Arabic letters and neutrals', () => {
		const unit = fc.constantFrom('a', 'Z', 'é', 'ب', 'ة', 'ـ', '\uFEDF', 'א', ' ', '1', '٣', '.', '\u064E', '😀');
		fc.assert(fc.property(fc.array(unit, {maxLength: 60}), fc.constantFrom(undefined, 'ltr' as const), (units, told) => {
			const text = units.join('');
			const letters = units.filter(each => /\p{L}/u.test(each));
			const rtl = letters.filter(each => /[\u0590-\u08FF\uFB50-\uFEFF]/.test(each)).length;
			const ltr = letters.length - rtl;
			const first = letters[0] === undefined ? undefined : (/[a-zé]/i.test(letters[0]) ? 'ltr' : 'rtl');
			const expected = ltr === rtl ? first ?? told ?? 'rtl' : (rtl > ltr ? 'rtl' : 'ltr');
			expect(paragraphDirection(text, told)).toBe(expected);
		}), {numRuns: 3000});
	});
});

describe('isolate', () => {
	it('wraps a part in an isolate of its own direction; a part with no letter is left to right', () => {
		expect(isolate('Author, محمد', 'rtl')).toBe('\u2067Author, محمد\u2069');
		expect(isolate('Author, محمد', undefined)).toBe('\u2066Author, محمد\u2069');
		expect(isolate('example.com', 'rtl')).toBe('\u2066example.com\u2069');
		expect(isolate('2026-11-28 09:30', 'rtl')).toBe('\u20662026-11-28 09:30\u2069');
	});
});

describe('languageDirection and declaredDirection', () => {
	it('reads language tags as feeds and pages write them', () => {
		for (const tag of ['ar', 'AR', 'ar-EG', 'ar_SA.UTF-8', 'fa-IR', 'he', 'iw', 'ur-PK', 'ps', 'ckb', 'az-Arab', 'pa-Arab', 'ara', 'Arabic']) {
			expect(languageDirection(tag), tag).toBe('rtl');
		}

		for (const tag of ['en', 'en-US', 'fr', 'ar-Latn', 'arn', 'zh-Hant', 'English', 'tr']) {
			expect(languageDirection(tag), tag).toBe('ltr');
		}

		expect(languageDirection(undefined)).toBeUndefined();
		expect(languageDirection('  ')).toBeUndefined();
	});

	it('a dir of rtl or ltr wins over the language; auto declares nothing of its own', () => {
		expect(declaredDirection('rtl', 'en')).toBe('rtl');
		expect(declaredDirection('LTR', 'ar')).toBe('ltr');
		expect(declaredDirection('auto', 'ar')).toBe('rtl');
		expect(declaredDirection('auto', undefined)).toBeUndefined();
		expect(declaredDirection(undefined, undefined)).toBeUndefined();
	});
});
