import {describe, expect, it} from 'vitest';
import {arabicCategory, arabicCount, englishCount} from '../../source/text/plural.js';
import {strings} from '../../source/ui/strings.js';

const minutes = {one: 'دقيقة', two: 'دقيقتين', few: 'دقائق', singular: 'دقيقة'};
const news = {zero: 'لا أخبار', one: 'خبر واحد', two: 'خبران', few: 'أخبار', many: 'خبرًا', singular: 'خبر'};

describe('Arabic plural forms', () => {
	it('are the CLDR categories (as the platform’s own Intl.PluralRules gives them) for 0–1200', () => {
		const rules = new Intl.PluralRules('ar');
		for (let n = 0; n <= 1200; n++) expect(arabicCategory(n), String(n)).toBe(rules.select(n));
	});

	it('write a count of minutes as Arabic does: no numeral for one and two, the plural for 3–10, the singular above', () => {
		expect([1, 2, 3, 10, 11, 59, 99, 100, 101, 102, 103, 110, 111].map(n => arabicCount(n, minutes))).toEqual([
			'دقيقة',
			'دقيقتين',
			'3 دقائق',
			'10 دقائق',
			'11 دقيقة',
			'59 دقيقة',
			'99 دقيقة',
			'100 دقيقة',
			'101 دقيقة',
			'102 دقيقة',
			'103 دقائق',
			'110 دقائق',
			'111 دقيقة',
		]);
	});

	it('use the accusative for 11–99 and the genitive from 100 when they differ, and the zero phrase', () => {
		expect([0, 1, 2, 5, 12, 100, 250].map(n => arabicCount(n, news))).toEqual(['لا أخبار', 'خبر واحد', 'خبران', '5 أخبار', '12 خبرًا', '100 خبر', '250 خبرًا']);
	});

	it('take the digits the caller writes', () => {
		expect(arabicCount(7, minutes, n => String(n).replaceAll(/\d/g, d => String.fromCharCode(0x660 + Number(d))))).toBe('٧ دقائق');
	});
});

describe('the headlines’ unread count', () => {
	it('agrees with the count in each form', () => {
		expect([0, 1, 2, 3, 10, 11, 100, 103].map(n => strings.unread(n, String))).toEqual([
			'لا جديد',
			'خبر غير مقروء',
			'خبران غير مقروءين',
			'3 غير مقروءة',
			'10 غير مقروءة',
			'11 غير مقروء',
			'100 غير مقروء',
			'103 غير مقروءة',
		]);
	});
});

describe('English counts', () => {
	it('1 item, 2 items, 0 items', () => {
		expect([0, 1, 2].map(n => englishCount(n, 'item'))).toEqual(['0 items', '1 item', '2 items']);
		expect(englishCount(1, 'byte')).toBe('1 byte');
	});
});
