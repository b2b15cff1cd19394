/**
 * The interface's language: chosen once, from the `language` preference (or `--language`) and
 * the locale. Pure: the environment is passed in, so tests pin it.
 */
export const languages = ['ar', 'en', 'fa', 'ur', 'he'] as const;
export type Language = typeof languages[number];
export type LanguagePreference = 'auto' | Language;
export const languageChoices: readonly LanguagePreference[] = ['auto', ...languages];

/**
 * The locale's language, as POSIX reads it: the first non-empty of LC_ALL, LC_MESSAGES, LANG.
 * Only Persian, Urdu and Hebrew switch the interface; any other locale (en_US too) keeps Arabic,
 * the language akhbar is for: English is a choice the reader makes.
 */
export function localeLanguage(env: NodeJS.ProcessEnv): Language {
	const locale = [env.LC_ALL, env.LC_MESSAGES, env.LANG].find(value => value !== undefined && value !== '') ?? '';
	const code = /^([a-z]{2,3})(?=$|[_.@-])/i.exec(locale)?.[1]?.toLowerCase();
	if (code === 'fa' || code === 'per' || code === 'fas') return 'fa';
	if (code === 'ur' || code === 'urd') return 'ur';
	// `iw` is Hebrew's old code, still found in some systems' locales.
	if (code === 'he' || code === 'iw' || code === 'heb') return 'he';
	return 'ar';
}

export function chooseLanguage(preference: LanguagePreference | undefined, env: NodeJS.ProcessEnv): Language {
	return preference === undefined || preference === 'auto' ? localeLanguage(env) : preference;
}

export function languageDirectionOf(language: Language): 'rtl' | 'ltr' {
	return language === 'en' ? 'ltr' : 'rtl';
}

/** `digits: native`: the digits the interface language writes numbers with. */
export function nativeDigits(language: Language): 'arabic' | 'persian' | 'western' {
	if (language === 'ar') return 'arabic';
	if (language === 'fa' || language === 'ur') return 'persian';
	return 'western';
}
