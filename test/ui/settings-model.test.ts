import {describe, expect, it} from 'vitest';
import {settingKeys, stepSetting} from '../../source/ui/settings-model.js';

describe('stepSetting', () => {
	it('toggles booleans and steps through choices, wrapping', () => {
		expect(stepSetting('shaping', true, 1)).toBe(false);
		expect(stepSetting('bidi', 'auto', 1)).toBe('app');
		expect(stepSetting('bidi', 'auto', -1)).toBe('off');
		expect(stepSetting('theme', 'mono', 1)).toBe('auto');
		expect(stepSetting('align', 'left', 1)).toBe('justify');
		expect(stepSetting('align', 'justify', 1)).toBe('auto');
	});

	it('adds to widths within the schema bounds', () => {
		expect(stepSetting('measure', 72, 1)).toBe(76);
		expect(stepSetting('measure', 20, -1)).toBe(20);
		expect(stepSetting('headlinesWidth', 80, 1)).toBe(80);
		expect(stepSetting('headlinesWidth', 38, -1)).toBe(36);
		expect(stepSetting('autoRefresh', 30, 1)).toBe(35);
		expect(stepSetting('autoRefresh', 0, -1)).toBe(0);
		expect(stepSetting('autoRefresh', 1440, 1)).toBe(1440);
	});

	it('shows every reading preference but the source list', () => {
		expect(settingKeys).toEqual(['shaping', 'bidi', 'align', 'digits', 'tashkeel', 'measure', 'headlines', 'headlinesWidth', 'theme', 'language', 'autoRefresh']);
	});
});
