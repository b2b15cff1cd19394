/**
 * The `s` panel: one row per preference, ← → change it, and the change is live and saved.
 * Labels are Arabic; the preference names beside them are what `akhbar prefs set` takes.
 */
import {Box} from 'ink';
import {fitLine} from '../text/layout.js';
import {isVisual, type TextOptions} from '../text/options.js';
import {inReadingOrder, Line, Row} from './Row.js';
import {settingKeys, showSetting, type SettingValues} from './settings-model.js';
import {settingLabels, strings} from './strings.js';
import type {Theme} from './theme.js';

export type SettingsProps = {
	width: number;
	height: number;
	values: SettingValues;
	selected: number;
	options: TextOptions;
	theme: Theme;
};

export function Settings({width, height, values, selected, options, theme}: SettingsProps) {
	const visual = isVisual(options);
	const rtl = options.fallbackDirection === 'rtl';
	const valueWidth = 18;
	const nameWidth = 16;
	const labelWidth = Math.max(1, width - valueWidth - nameWidth - 4);
	const rows = [<Line key="title" text={fitLine(strings.settingsTitle, width, options)} style={theme.styles.overlayTitle} />];
	for (const [index, key] of settingKeys.entries()) {
		const isSelected = index === selected;
		const value = `‹ ${showSetting(values[key])} ›`.padEnd(valueWidth).slice(0, valueWidth);
		const segments = inReadingOrder(
			[
				{text: isSelected ? (rtl ? ' ◂' : ' ▸') : '  '},
				{text: fitLine(settingLabels[key], labelWidth, options)},
				{text: ' '},
				{text: key.padEnd(nameWidth).slice(0, nameWidth), style: theme.styles.muted},
				{text: value},
			],
			rtl,
			visual,
		);
		rows.push(<Row key={key} segments={segments} style={isSelected ? theme.styles.selection : undefined} />);
	}

	while (rows.length < height) {
		rows.push(<Line key={`blank-${rows.length}`} text={' '.repeat(width)} />);
	}

	return <Box flexDirection="column" width={width}>{rows.slice(0, height)}</Box>;
}
