/**
 * The interface's words: one table per language (ui/strings/), every table shaped like the
 * Arabic one. The table is chosen once, from the preferences and the locale, by a pure function,
 * and handed down (components read it from UiTextContext).
 */
import {chooseLanguage, type Language, type LanguagePreference} from '../language.js';
import {ar, type UiStrings} from './strings/ar.js';
import {en} from './strings/en.js';
import {fa} from './strings/fa.js';
import {he} from './strings/he.js';
import {ur} from './strings/ur.js';

export type {UiStrings} from './strings/ar.js';

export const tables: Readonly<Record<Language, UiStrings>> = {ar, en, fa, ur, he};

export function stringsFor(language: Language): UiStrings {
	return tables[language];
}

/** The table for this run: `--language` over the preference, `auto` from the locale. */
export function chooseStrings(preference: LanguagePreference | undefined, env: NodeJS.ProcessEnv): UiStrings {
	return stringsFor(chooseLanguage(preference, env));
}

// The Arabic table for what is given no table; its setting labels' keys name the settings.
export const strings: UiStrings = ar;
export const {settingLabels} = ar;
