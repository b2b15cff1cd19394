/**
 * Preferences + one run's flags + the terminal → the TextOptions the engine takes.
 * Flags win over saved preferences; `bidi: auto` is settled here, once.
 */
import {detectTerminalBidi, resolveBidi, type BidiPreference} from './bidi-mode.js';
import type {Article, Edition} from './model.js';
import {languageDirection} from './text/direction.js';
import {chooseLanguage, nativeDigits, type LanguagePreference} from './language.js';
import type {TextOptions} from './text/options.js';

/** The digits preference: the engine's styles, or `native`, the interface language's. */
export type DigitsPreference = Exclude<TextOptions['digits'], 'persian'> | 'native';

export type TextPreferences = {
	shaping: boolean;
	bidi: BidiPreference;
	align: TextOptions['align'];
	digits: DigitsPreference;
	tashkeel: TextOptions['tashkeel'];
	language?: LanguagePreference;
};

export type TextFlags = {
	shaping?: 'on' | 'off';
	bidi?: BidiPreference;
	align?: TextOptions['align'];
	digits?: DigitsPreference;
	tashkeel?: TextOptions['tashkeel'];
	language?: LanguagePreference;
};

export function resolveTextOptions(prefs: TextPreferences, flags: TextFlags, env: NodeJS.ProcessEnv): TextOptions {
	return {
		shaping: flags.shaping === undefined ? prefs.shaping : flags.shaping === 'on',
		bidi: resolveBidi(flags.bidi ?? prefs.bidi, detectTerminalBidi(env)),
		align: flags.align ?? prefs.align,
		digits: resolveDigits(flags.digits ?? prefs.digits, chooseLanguage(flags.language ?? prefs.language, env)),
		tashkeel: flags.tashkeel ?? prefs.tashkeel,
		fallbackDirection: 'rtl',
	};
}

function resolveDigits(digits: DigitsPreference, language: ReturnType<typeof chooseLanguage>): TextOptions['digits'] {
	return digits === 'native' ? nativeDigits(language) : digits;
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
