/**
 * The settings panel as data: which preferences it shows, in what order, and what ← and →
 * do to each (step through the choices, toggle, or add and subtract for widths).
 */
import type {Prefs} from '../prefs.js';
import {settingLabels} from './strings.js';

export type SettingKey = keyof typeof settingLabels;

export const settingKeys = Object.keys(settingLabels) as SettingKey[];

const choices: Partial<Record<SettingKey | 'language', readonly string[]>> = {
	bidi: ['auto', 'app', 'terminal', 'off'],
	align: ['auto', 'right', 'left', 'justify'],
	digits: ['asis', 'arabic', 'western', 'native'],
	tashkeel: ['show', 'hide'],
	headlines: ['auto', 'right', 'left'],
	theme: ['auto', 'color', 'mono'],
	language: ['auto', 'ar', 'en', 'fa', 'ur', 'he'],
};

const ranges: Partial<Record<SettingKey, {min: number; max: number; step: number}>> = {
	measure: {min: 20, max: 200, step: 4},
	headlinesWidth: {min: 20, max: 80, step: 2},
	// Minutes; 0 turns it off.
	autoRefresh: {min: 0, max: 1440, step: 5},
};

export type SettingValues = Pick<Prefs, SettingKey>;

/** The value after one step of ← (-1) or → (+1). Choices wrap around; numbers stop at their bounds. */
export function stepSetting<K extends SettingKey>(key: K, value: SettingValues[K], delta: 1 | -1): SettingValues[K] {
	if (typeof value === 'boolean') {
		return !value as SettingValues[K];
	}

	const range = ranges[key];
	if (range && typeof value === 'number') {
		return Math.max(range.min, Math.min(range.max, value + delta * range.step)) as SettingValues[K];
	}

	const list = choices[key];
	if (list) {
		const index = list.indexOf(String(value));
		return list[(((index + delta) % list.length) + list.length) % list.length] as SettingValues[K];
	}

	return value;
}

export function showSetting(value: SettingValues[SettingKey]): string {
	if (typeof value === 'boolean') return value ? 'on' : 'off';
	return String(value);
}
