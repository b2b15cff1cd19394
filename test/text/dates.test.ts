import {describe, expect, it} from 'vitest';
import {localDate, timeAgo, zoneLabel, type Clock} from '../../source/text/dates.js';
import {articleBlocks, formatDate} from '../../source/text/layout.js';
import {defaultTextOptions} from '../../source/text/options.js';

const fixed = (minutes: number, now?: number): Clock => ({offsetAt: () => minutes, ...(now === undefined ? {} : {now})});
// pubDate `Sun, 06 Dec 2026 09:39:20 +0300`, as the parser stores it.
const published = '2026-12-06T06:39:20.000Z';
const at = Date.parse(published);
const second = 1000;
const minute = 60 * second;
const hour = 60 * minute;

describe('local dates', () => {
	it('are written in the clock’s zone, not in UTC', () => {
		expect(localDate(published, fixed(180))).toBe('2026-12-06 09:39');
		expect(localDate(published, fixed(-300))).toBe('2026-12-06 01:39');
		expect(localDate(published, fixed(0))).toBe('2026-12-06 06:39');
		expect(localDate(published, fixed(-420))).toBe('2026-12-05 23:39');
		expect(localDate(published, fixed(330))).toBe('2026-12-06 12:09');
	});

	it('a day without a time (midnight UTC) stays that day in every zone', () => {
		expect(localDate('2026-12-06T00:00:00.000Z', fixed(-300))).toBe('2026-12-06');
		expect(localDate('2026-12-06T00:00:00.000Z', fixed(180))).toBe('2026-12-06');
		expect(localDate('2026-12-06T00:00:00.000Z', fixed(-300), false)).toBe('2026-12-05 19:00');
	});

	it('nothing for what is not a date', () => {
		expect(localDate('soon', fixed(0))).toBe('');
		expect(formatDate('soon', 'asis', fixed(0, at))).toBe('');
	});

	it('zone labels for log lines', () => {
		expect([0, 180, -240, 330, -570].map(zoneLabel)).toEqual(['UTC', '+03:00', '-04:00', '+05:30', '-09:30']);
	});
});

describe('how long ago', () => {
	const ago = (elapsed: number) => timeAgo(published, at + elapsed);
	it('at each boundary, with the Arabic plural forms', () => {
		const cases: Array<[number, string | undefined]> = [
			[-2 * minute, undefined],
			[-30 * second, 'الآن'],
			[0, 'الآن'],
			[59 * second, 'الآن'],
			[minute, 'منذ دقيقة'],
			[2 * minute - 1, 'منذ دقيقة'],
			[2 * minute, 'منذ دقيقتين'],
			[3 * minute, 'منذ 3 دقائق'],
			[5 * minute + 59 * second, 'منذ 5 دقائق'],
			[10 * minute, 'منذ 10 دقائق'],
			[11 * minute, 'منذ 11 دقيقة'],
			[hour - 1, 'منذ 59 دقيقة'],
			[hour, 'منذ ساعة'],
			[2 * hour, 'منذ ساعتين'],
			[3 * hour, 'منذ 3 ساعات'],
			[10 * hour + 59 * minute, 'منذ 10 ساعات'],
			[11 * hour, 'منذ 11 ساعة'],
			[24 * hour - 1, 'منذ 23 ساعة'],
			[24 * hour, undefined],
			[40 * 24 * hour, undefined],
		];
		expect(cases.map(([elapsed]) => ago(elapsed))).toEqual(cases.map(([, text]) => text));
	});

	it('never for a date given as a day only', () => {
		expect(timeAgo('2026-12-06T00:00:00.000Z', Date.parse('2026-12-06T00:05:00.000Z'))).toBeUndefined();
	});

	it('the meta line: the local time, then how long ago when the clock has a now; digits as chosen', () => {
		expect(formatDate(published, 'asis', fixed(180))).toBe('2026-12-06 09:39');
		expect(formatDate(published, 'asis', fixed(180, at + 5 * minute))).toBe('2026-12-06 09:39 · منذ 5 دقائق');
		expect(formatDate(published, 'arabic', fixed(180, at + 5 * minute))).toBe('٢٠٢٦-١٢-٠٦ ٠٩:٣٩ · منذ ٥ دقائق');
		const article = {key: 'k', title: 'عنوان', date: published, blocks: [{kind: 'paragraph' as const, text: 'نص'}]};
		const meta = (clock?: Clock) => articleBlocks(article, 'المصدر', defaultTextOptions, clock).find(block => block.kind === 'meta')?.text;
		expect(meta(fixed(180))).toContain('2026-12-06 09:39');
		expect(meta(fixed(180, at + 3 * minute))).toContain('منذ 3 دقائق');
		expect(meta(fixed(180, at + 4 * minute))).toContain('منذ 4 دقائق');
		expect(meta()).toContain('2026-12-06 06:39');
	});
});
