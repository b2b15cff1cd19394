import {describe, expect, it} from 'vitest';
import {SourceError} from '../../source/sources/errors.js';
import {parseJsonDocument, recoverTruncatedJson} from '../../source/sources/json.js';

describe('recoverTruncatedJson', () => {
	it('cuts after the last complete entry and closes what is open', () => {
		const text = '{"title": "t", "items": [{"id": 1, "tags": ["a"]}, {"id": 2}, {"id": 3, "text": "نص مقطو';
		expect(recoverTruncatedJson(text, ['items'])).toEqual({value: {title: 't', items: [{id: 1, tags: ['a']}, {id: 2}]}, items: 2});
	});

	it('is not fooled by brackets, braces and escaped quotes inside strings', () => {
		const text = '{"items": [{"t": "a } ] \\" { ["}, {"t": "b\\\\"}, {"t": "c';
		expect(recoverTruncatedJson(text, ['items'])?.value).toEqual({items: [{t: 'a } ] " { ['}, {t: 'b\\'}]});
	});

	it('finds lists nested in other objects, and only the named ones', () => {
		const text = '{"data": {"other": [{"x": 1}], "items": [{"id": "a"}, {"id": "b"';
		expect(recoverTruncatedJson(text, ['items'])).toEqual({value: {data: {other: [{x: 1}], items: [{id: 'a'}]}}, items: 1});
		expect(recoverTruncatedJson('{"other": [{"x": 1}, {"x"', ['items'])).toBeUndefined();
	});
});

describe('parseJsonDocument', () => {
	it('reads whole documents without a note', () => {
		expect(parseJsonDocument('\uFEFF{"items": []}', 's', 'x', ['items'])).toEqual({value: {items: []}, notes: []});
	});

	it('refuses broken JSON that did not merely stop, saying on which line', () => {
		expect(() => parseJsonDocument('{\n"items": [{"a": 1}, {"b": 2}x]}', 's', 'not a feed', ['items'])).toThrow(
			new SourceError('s', 'not a feed: bad JSON at line 2'),
		);
	});
});
