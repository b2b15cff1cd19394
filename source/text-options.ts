/**
 * Preferences + one run's flags + the terminal → the TextOptions the engine takes.
 * Flags win over saved preferences; `bidi: auto` is settled here, once.
 */
import {detectTerminalBidi, resolveBidi, type BidiPreference} from './bidi-mode.js';
import type {Article, Edition} from './model.js';
import {languageDirection} from './text/direction.js';
import type {TextOptions} from './text/options.js';

export type TextPreferences = {
	shaping: boolean;
	bidi: BidiPreference;
	align: TextOptions['align'];
	digits: TextOptions['digits'];
	tashkeel: TextOptions['tashkeel'];
};

export type TextFlags = {
	shaping?: 'on' | 'off';
	bidi?: BidiPreference;
	align?: TextOptions['align'];
	digits?: TextOptions['digits'];
	tashkeel?: TextOptions['tashkeel'];
};

export function resolveTextOptions(prefs: TextPreferences, flags: TextFlags, env: NodeJS.ProcessEnv): TextOptions {
	return {
		shaping: flags.shaping === undefined ? prefs.shaping : flags.shaping === 'on',
		bidi: resolveBidi(flags.bidi ?? prefs.bidi, detectTerminalBidi(env)),
		align: flags.align ?? prefs.align,
		digits: flags.digits ?? prefs.digits,
		tashkeel: flags.tashkeel ?? prefs.tashkeel,
		fallbackDirection: 'rtl',
	};
}

/**
 * Direction for paragraphs with no strong letter, from the source's language: right to left
 * for languages written so, and when the source does not say (akhbar reads Arabic news).
 */
export function directionOfLanguage(lang: string | undefined): TextOptions['fallbackDirection'] {
	return languageDirection(lang) ?? 'rtl';
}

/** Options for an edition's own lines (its headlines): what it declares, its language's fallback. */
export function editionTextOptions(base: TextOptions, edition: Edition | undefined): TextOptions {
	return {...base, fallbackDirection: directionOfLanguage(edition?.lang), declaredDirection: edition?.dir};
}

/** Options for an article's text: what it declares (else its edition), its language's fallback. */
export function articleTextOptions(base: TextOptions, article: Article, edition: Edition | undefined): TextOptions {
	return {...base, fallbackDirection: directionOfLanguage(article.lang ?? edition?.lang), declaredDirection: article.dir ?? edition?.dir};
}
