import {describe, expect, it} from 'vitest';
import {renewEdition} from '../../source/ui/renew.js';
import {fakeEdition} from './fixtures.js';

describe('a newer edition in place of the shown one', () => {
	const before = fakeEdition();
	const keys = (edition: {headlines: Array<{key: string}>}) => edition.headlines.map(headline => headline.key);

	it('the selection and the open article follow their items', () => {
		const fresh = fakeEdition();
		fresh.headlines.reverse();
		const renewed = renewEdition(before, fresh, {selected: 1, open: 3});
		expect(renewed.edition).toBe(fresh);
		expect(renewed.selected).toBe(3);
		expect(renewed.open).toBe(1);
	});

	it('a selected item that is gone: the first headline; nothing open stays nothing open', () => {
		const fresh = {...fakeEdition(), headlines: fakeEdition().headlines.slice(2)};
		expect(renewEdition(before, fresh, {selected: 1})).toEqual({edition: fresh, selected: 0});
	});

	it('an open item the newer edition no longer lists is kept at its end, with its text, while it is read', () => {
		const fresh = {...fakeEdition(), headlines: fakeEdition().headlines.slice(2)};
		const renewed = renewEdition(before, fresh, {selected: 0, open: 0});
		expect(keys(renewed.edition)).toEqual([...keys(fresh), before.headlines[0]!.key]);
		expect(renewed.open).toBe(3);
		expect(renewed.selected).toBe(3);
		const kept = renewed.edition.headlines[3]!;
		expect(kept.rank).toBeUndefined();
		expect(renewed.edition.articles[kept.article! - 1]).toBe(before.articles[0]);
		// The edition given is not changed.
		expect(fresh.headlines).toHaveLength(3);
	});
});
