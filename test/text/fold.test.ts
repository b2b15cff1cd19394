import {describe, expect, it} from 'vitest';
import {findFolded, findFoldedRanges, fold, foldQuery, foldWithMap, matchesFolded} from '../../source/text/fold.js';

describe('fold: spellings a reader treats as the same word fold together', () => {
	it('ignores harakat, shadda, sukun and superscript alef', () => {
		expect(fold('مَدْرَسَةٌ')).toBe(fold('مدرسة'));
		expect(fold('محمّد')).toBe('محمد');
		expect(fold('هٰذا')).toBe('هذا');
	});

	it('ignores tatweel', () => {
		expect(fold('جـــديد')).toBe('جديد');
	});

	it('folds every alef with hamza or madda, and alef wasla, to bare alef', () => {
		expect(fold('أحمد')).toBe('احمد');
		expect(fold('إسلام')).toBe('اسلام');
		expect(fold('آخر')).toBe('اخر');
		expect(fold('ٱلكتاب')).toBe('الكتاب');
	});

	it('folds alef maksura to yeh and teh marbuta to heh', () => {
		expect(fold('مستشفى')).toBe(fold('مستشفي'));
		expect(fold('مدينة')).toBe('مدينه');
	});

	it('folds Persian yeh and keheh to their Arabic letters', () => {
		expect(fold('کتابی')).toBe('كتابي');
		expect(findFolded('یک کتاب خوب', foldQuery('كتاب'))).toEqual([3]);
		expect(findFolded('كتاب جديد', foldQuery('کتاب'))).toEqual([0]);
	});

	it('folds the heh letters of Persian and Urdu (ۀ, ہ, ۂ) to heh, so خانۀ and صفحۂ are found as typed on an Arabic keyboard', () => {
		expect(fold('خانۀ')).toBe(fold('خانه'));
		expect(fold('صفحۂ')).toBe(fold('صفحه'));
		expect(fold('یہ')).toBe(fold('يه'));
	});

	it('a Persian word with a ZWNJ is found typed with or without it, and the match covers it', () => {
		const text = 'من می\u200Cخواهم بروم';
		expect(findFoldedRanges(text, foldQuery('میخواهم'))).toEqual([{start: 3, end: 11}]);
		expect(findFoldedRanges(text, foldQuery('می\u200Cخواهم'))).toEqual([{start: 3, end: 11}]);
	});

	it('folds presentation forms (as the X11 Arabic layout types them) to base letters', () => {
		expect(fold('\uFEFB')).toBe('لا'); // ﻻ
		expect(fold('\uFEF7')).toBe('لا'); // ﻷ → لأ → لا
		expect(fold('\uFE8D\uFEDF\uFEE4')).toBe('الم'); // isolated alef, initial lam, medial meem
	});

	it('folds Arabic-Indic and Persian digits to Western digits', () => {
		expect(fold('٢٠٢٦')).toBe('2026');
		expect(fold('۱۹')).toBe('19');
	});

	it('compares Latin without case', () => {
		expect(fold('BBC Arabic')).toBe('bbc arabic');
	});

	it('drops format characters and collapses whitespace runs to one space', () => {
		expect(fold('سلام\u200F \u00A0\n عليكم')).toBe('سلام عليكم');
		expect(fold('a\u200Db')).toBe('ab');
	});
});

describe('foldQuery and matching', () => {
	it('trims the query and treats an empty one as no search', () => {
		expect(foldQuery('  الأخبار ')).toBe('الاخبار');
		expect(matchesFolded('anything', foldQuery('   '))).toBe(false);
	});

	it('finds a bare query in vocalized text and the reverse', () => {
		expect(matchesFolded('قالَ الوزيرُ إنّ المدرسةَ جديدةٌ', foldQuery('مدرسه'))).toBe(true);
		expect(matchesFolded('المدرسة', foldQuery('المَدْرَسَة'))).toBe(true);
		expect(matchesFolded('المدرسة', foldQuery('مكتبة'))).toBe(false);
	});
});

describe('foldWithMap and findFolded: matches map back to the original text', () => {
	it('maps each folded character to the original index it came from', () => {
		const {text, map} = foldWithMap('بَيت');
		expect(text).toBe('بيت');
		expect(map).toEqual([0, 2, 3]);
	});

	it('gives match starts as indexes into the original text', () => {
		const source = 'وصلَ أحمدُ ثم وصل احمد';
		const starts = findFolded(source, foldQuery('احمد'));
		expect(starts).toEqual([source.indexOf('أحمدُ'), source.lastIndexOf('احمد')]);
	});

	it('maps a ligature expanded from one code point to that code point', () => {
		const source = 'ك\uFEFBم';
		expect(findFolded(source, foldQuery('لا'))).toEqual([1]);
	});

	it('finds nothing for an empty query', () => {
		expect(findFolded('نص', '')).toEqual([]);
	});
});
