import {readFileSync} from 'node:fs';
import {describe, expect, it} from 'vitest';
import {parseMostReadJson} from '../../source/sources/mostread-json.js';
import {failure} from '../helpers/source-error.js';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/feeds/${name}`, import.meta.url), 'utf8');
const source = 'https://www.bbc.com/arabic/mostread.json';

describe('mostread.json, older shape (records with promos)', () => {
	const edition = parseMostReadJson(fixture('mostread-records.json'), source);

	it('is a most-read list with the ranks given and no articles', () => {
		expect(edition.list).toBe('most-read');
		expect(edition.articles).toEqual([]);
		expect(edition.headlines.map((headline) => [headline.rank, headline.title, headline.article])).toEqual([
			[1, 'زلزال خفيف يهز مدينة ساحلية دون أضرار', undefined],
			[2, 'علماء يكتشفون نوعا جديدا من النمل في الغابات', undefined],
			[3, 'عداءة شابة تحطم رقما قياسيا عمره عشرون عاما', undefined],
		]);
	});

	it('resolves asset URIs against the source and reads millisecond and second timestamps', () => {
		expect(edition.headlines.map((headline) => headline.url)).toEqual([
			'https://www.bbc.com/arabic/world-7001',
			'https://www.bbc.com/arabic/science-7002',
			'https://www.bbc.com/arabic/sports-7003',
		]);
		expect(edition.headlines.map((headline) => headline.date)).toEqual([
			'2024-03-05T09:13:20.000Z',
			'2024-03-05T06:26:40.000Z',
			'2024-03-05T03:40:00.000Z',
		]);
	});

	it('keys by the record id', () => {
		expect(edition.headlines[0]!.key).toBe('urn:example:asset:arabic/world-7001');
	});
});

describe('mostread.json, newer shape (data.items)', () => {
	const edition = parseMostReadJson(fixture('mostread-data-items.json'), source);

	it('keeps the list order and ranks, decodes entities and strips escape sequences', () => {
		expect(edition.headlines.map((headline) => [headline.rank, headline.title])).toEqual([
			[1, 'مدينة عربية تزرع مليون شجرة في عام واحد'],
			[2, 'كيف تغير الهواتف الذكية عادات القراءة؟'],
			[3, 'قطار سريع جديد يختصر الرحلة بين عاصمتين & يخفض الأسعار'],
			[4, 'طبيب يروي تجربته في مستشفى ميداني'],
			[5, 'عنوان فيه تسلسل هروب'],
		]);
		expect(JSON.stringify(edition)).not.toMatch(/\\u001b|\\u0007|PWNED/);
	});

	it('reads ISO timestamps too, leaves a bad one out and drops a javascript: link', () => {
		expect(edition.headlines[2]!.date).toBe('2024-03-05T20:00:00.000Z');
		expect(edition.headlines[3]!.date).toBeUndefined();
		expect(edition.headlines[4]!.url).toBeUndefined();
	});

	it('scopes bare ids to the source, so keys are stable across loads', () => {
		expect(edition.headlines[0]!.key).toBe(`${source}#id:c0a1`);
		expect(parseMostReadJson(fixture('mostread-data-items.json'), source).headlines.map((h) => h.key)).toEqual(
			edition.headlines.map((h) => h.key),
		);
	});
});

describe('base URL', () => {
	it('defaults to https://www.bbc.com for a file, and can be given', () => {
		const text = fixture('mostread-data-items.json');
		expect(parseMostReadJson(text, 'mostread.json').headlines[0]!.url).toBe('https://www.bbc.com/arabic/articles/c0a1');
		expect(parseMostReadJson(text, 'mostread.json', 'https://mirror.example/x/').headlines[0]!.url).toBe(
			'https://mirror.example/arabic/articles/c0a1',
		);
	});

	it('uses positions when records carry no rank, and skips records with no title', () => {
		const edition = parseMostReadJson(
			JSON.stringify({records: [{title: 'أ', href: '/a'}, {href: '/no-title'}, {title: 'ب', href: '/b'}]}),
			'm',
		);
		expect(edition.headlines.map((headline) => [headline.rank, headline.title])).toEqual([
			[1, 'أ'],
			[3, 'ب'],
		]);
	});
});

describe('a list cut short', () => {
	it('keeps the complete entries, in both shapes, with a note', () => {
		const records = fixture('mostread-records.json');
		const cutRecords = parseMostReadJson(records.slice(0, records.indexOf('"urn:example:asset:arabic/sports-7003"')), source);
		expect(cutRecords.headlines.map((headline) => headline.rank)).toEqual([1, 2]);
		expect(cutRecords.notes).toEqual(['truncated: 2 items read']);
		const items = fixture('mostread-data-items.json');
		const cutItems = parseMostReadJson(items.slice(0, items.indexOf('طبيب يروي')), source);
		expect(cutItems.headlines.map((headline) => headline.title)).toHaveLength(3);
		expect(cutItems.notes).toEqual(['truncated: 3 items read']);
	});
});

describe('bad input', () => {
	it('names broken JSON, an unknown shape and an empty list', () => {
		expect(failure(() => parseMostReadJson('{"records": [', 'm')).message).toBe(
			'm: not a most-read list: unexpected end of JSON at line 1',
		);
		expect(failure(() => parseMostReadJson('{"foo": 1}', 'm')).message).toBe('m: not a most-read list: no records or data.items');
		expect(failure(() => parseMostReadJson('{"data": {"items": []}}', 'm')).message).toBe('m: empty most-read list');
		expect(failure(() => parseMostReadJson('[1, 2]', 'm')).message).toBe('m: not a most-read list: no records or data.items');
	});
});
