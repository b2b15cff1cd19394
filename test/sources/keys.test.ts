import {describe, expect, it} from 'vitest';
import {headlineKey, normalizeTitle} from '../../source/sources/keys.js';

describe('headlineKey', () => {
	it('prefers the id, then the URL, then the source and the normalized title', () => {
		expect(headlineKey('feed.xml', {id: 'tag:example.com,2024:1', url: 'https://x.example/1', title: 'أ'})).toBe(
			'tag:example.com,2024:1',
		);
		expect(headlineKey('feed.xml', {url: 'https://x.example/1', title: 'أ'})).toBe('https://x.example/1');
		expect(headlineKey('feed.xml', {title: ' خبرٌ  عاجـــل '})).toBe('feed.xml#خبر عاجل');
	});

	it('scopes a bare id to its source so two feeds numbering items do not collide', () => {
		expect(headlineKey('a.xml', {id: '42', title: 'x'})).not.toBe(headlineKey('b.xml', {id: '42', title: 'x'}));
	});

	it('never depends on position: the same item keeps its key wherever it appears', () => {
		const item = {title: 'مهرجان التمور'};
		expect(headlineKey('s', item)).toBe(headlineKey('s', {...item}));
	});
});

describe('normalizeTitle', () => {
	it('ignores tashkeel, tatweel, invisible marks, presentation forms and spacing', () => {
		expect(normalizeTitle('\u200Fالعَرَبيّـــة\u00A0 اليوم')).toBe(normalizeTitle('العربية اليوم'));
		expect(normalizeTitle('\uFEFB')).toBe('لا');
	});
});
