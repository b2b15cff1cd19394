import {describe, expect, it} from 'vitest';
import {dateFromEpoch, parseDate} from '../../source/sources/dates.js';

describe('parseDate', () => {
	it.each([
		['Sat, 02 Mar 2024 09:15:00 +0300', '2024-03-02T06:15:00.000Z'],
		['Fri, 01 Mar 2024 18:40:00 GMT', '2024-03-01T18:40:00.000Z'],
		['4 Mar 24 12:00:00 EST', '2024-03-04T17:00:00.000Z'],
		['Mon, 4 March 2024 12:00 PDT', '2024-03-04T19:00:00.000Z'],
		['2024-03-03T21:30:00+03:00', '2024-03-03T18:30:00.000Z'],
		['2024-03-03T21:30:00.250Z', '2024-03-03T21:30:00.250Z'],
		['2024-02-27', '2024-02-27T00:00:00.000Z'],
		['2024-02-27 08:05', '2024-02-27T08:05:00.000Z'],
		['٢٠٢٤-٠٣-٠٧T١١:٢٠:٠٠Z', '2024-03-07T11:20:00.000Z'],
	])('reads %s', (input, iso) => {
		expect(parseDate(input)).toBe(iso);
	});

	it.each(['', 'not a date at all', '2', '2024-02-31', '31 Foo 2024 10:00:00 GMT', '2024-13-01T00:00:00Z', 'Fri, 01 Mar 2024 25:00:00 GMT'])(
		'leaves %j absent',
		(input) => {
			expect(parseDate(input)).toBeUndefined();
		},
	);

	it('reads epoch seconds and milliseconds alike', () => {
		expect(dateFromEpoch(1709610000)).toBe('2024-03-05T03:40:00.000Z');
		expect(dateFromEpoch(1709610000000)).toBe('2024-03-05T03:40:00.000Z');
		expect(parseDate(1709610000000)).toBe('2024-03-05T03:40:00.000Z');
		expect(dateFromEpoch(Number.NaN)).toBeUndefined();
	});
});
