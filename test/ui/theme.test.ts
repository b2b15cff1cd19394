import {describe, expect, it} from 'vitest';
import {colorTheme, monoTheme, resolveTheme} from '../../source/ui/theme.js';

describe('resolveTheme', () => {
	it('auto is colour unless NO_COLOR (any non-empty value) or FORCE_COLOR=0 asks for none', () => {
		expect(resolveTheme('auto', {})).toBe(colorTheme);
		expect(resolveTheme('auto', {NO_COLOR: '1'})).toBe(monoTheme);
		expect(resolveTheme('auto', {NO_COLOR: ''})).toBe(colorTheme);
		expect(resolveTheme('auto', {FORCE_COLOR: '0'})).toBe(monoTheme);
	});

	it('an explicit choice wins over the environment', () => {
		expect(resolveTheme('color', {NO_COLOR: '1'})).toBe(colorTheme);
		expect(resolveTheme('mono', {})).toBe(monoTheme);
	});

	it('the mono theme names no colour at all', () => {
		for (const style of Object.values(monoTheme.styles)) {
			expect(style.color).toBeUndefined();
			expect(style.backgroundColor).toBeUndefined();
		}
	});
});
