/**
 * The `s` panel: one row per preference, ← → change it, and the change is live and saved.
 * Labels are in the interface's language; the preference names beside them are what `akhbar prefs set` takes.
 * The rows are a block as wide as its longest label needs, on the reading-start side, so a
 * label stays beside its value on a wide terminal. A value that a flag set for this run is
 * marked; changing it here saves the new value, which replaces the flag's for the session.
 */
import {cellWidth} from '../text/width.js';
import {Box} from 'ink';
import {fitLine} from '../text/layout.js';
import {isVisual, type TextOptions} from '../text/options.js';
import {inReadingOrder, Line, Row} from './Row.js';
import {settingKeys, showSetting, type SettingKey, type SettingValues} from './settings-model.js';
import type {UiStrings} from './strings.js';
import {useUiText} from './text-context.js';
import type {Theme} from './theme.js';

export type SettingsProps = {
	width: number;
	height: number;
	values: SettingValues;
	selected: number;
	/** Settings whose value comes from a command-line flag for this run. */
	overridden?: ReadonlySet<SettingKey>;
	options: TextOptions;
	theme: Theme;
};

/** Columns beside the label: the `akhbar prefs` name and the value (`‹ terminal ›` is the widest). */
const nameWidth = Math.max(...settingKeys.map(key => key.length)) + 2;
const valueWidth = 13;
/** Where a narrow terminal has no room for the words, a flagged value is marked with this. */
const shortMark = '*';

type Columns = {label: number; name: number; mark: string; spare: number};

/** How wide each column is at `width`: the name column goes first, then the mark's words, then the label's room. */
function columnsFor(width: number, marked: boolean, strings: UiStrings): Columns {
	const longestLabel = Math.max(...settingKeys.map(key => cellWidth(strings.settingLabels[key])));
	const words = marked ? strings.thisRunOnly : '';
	const layouts = [{name: nameWidth, mark: words}, {name: 0, mark: words}, {name: 0, mark: marked ? shortMark : ''}];
	const restOf = (layout: {name: number; mark: string}) => 2 + 1 + layout.name + valueWidth + (layout.mark ? cellWidth(layout.mark) + 1 : 0);
	const chosen = layouts.find(layout => width - restOf(layout) >= longestLabel + 1) ?? layouts.at(-1)!;
	const rest = restOf(chosen);
	const label = Math.max(1, Math.min(longestLabel + 1, width - rest));
	return {...chosen, label, spare: Math.max(0, width - rest - label)};
}

export function Settings({width, height, values, selected, overridden, options, theme}: SettingsProps) {
	const visual = isVisual(options);
	const rtl = options.fallbackDirection === 'rtl';
	const marked = overridden !== undefined && overridden.size > 0;
	const strings = useUiText();
	const columns = columnsFor(width, marked, strings);
	const markWidth = columns.mark ? cellWidth(columns.mark) + 1 : 0;
	// A column's text starts at its reading-start edge: the right one in a right-to-left row.
	const column = (text: string, size: number) => (visual && rtl ? text.padStart(size) : text.padEnd(size)).slice(0, size);
	const rows = [<Line key="title" text={fitLine(strings.settingsTitle, width, options)} style={theme.styles.overlayTitle} />];
	for (const [index, key] of settingKeys.entries()) {
		const isSelected = index === selected;
		const segments = inReadingOrder(
			[
				{text: isSelected ? (rtl ? ' ◂' : ' ▸') : '  '},
				{text: fitLine(strings.settingLabels[key], columns.label, options)},
				{text: ' '},
				{text: column(key, columns.name), style: theme.styles.muted},
				{text: column(`‹ ${showSetting(values[key])} ›`, valueWidth)},
				{text: overridden?.has(key) ? fitLine(columns.mark, markWidth, options) : ' '.repeat(markWidth), style: theme.styles.muted},
				// The rest of the row, after the block: the label keeps beside its value.
				{text: ' '.repeat(columns.spare)},
			],
			rtl,
			visual,
		);
		rows.push(<Row key={key} segments={segments} style={isSelected ? theme.styles.selection : undefined} />);
	}

	if (marked) {
		const note = columns.mark === shortMark ? `${shortMark} ${strings.thisRunOnlyNote}` : strings.thisRunOnlyNote;
		rows.push(<Line key="blank" text={' '.repeat(width)} />, <Line key="this-run" text={fitLine(note, width, options)} style={theme.styles.muted} />);
	}

	while (rows.length < height) {
		rows.push(<Line key={`blank-${rows.length}`} text={' '.repeat(width)} />);
	}

	return <Box flexDirection="column" width={width}>{rows.slice(0, height)}</Box>;
}
