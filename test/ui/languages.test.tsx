/**
 * The interface in the reader's language (issue 13, part 3): chosen from the preference and
 * the locale (pinned here, never the machine's), one full table per language, the interface's
 * direction and digits following it; content keeps its own direction.
 */
import {afterEach, describe, expect, it} from 'vitest';
import {chooseLanguage, languages, localeLanguage} from '../../source/language.js';
import {printEdition} from '../../source/print.js';
import {resolveTextOptions} from '../../source/text-options.js';
import {formatNumber} from '../../source/text/layout.js';
import {normalize} from '../../source/text/normalize.js';
import {defaultTextOptions} from '../../source/text/options.js';
import {prefDefaults} from '../../source/prefs.js';
import {chooseStrings, tables} from '../../source/ui/strings.js';
import {fakeEdition, shown} from './fixtures.js';
import {keys, renderApp, type Harness} from './helpers/render.js';

let harness: Harness | undefined;
afterEach(() => {
	harness?.unmount();
	harness = undefined;
});

describe('the language of the interface', () => {
	it('auto: Persian, Urdu or Hebrew from the locale, anything else Arabic (en_US too)', () => {
		expect(localeLanguage({LANG: 'fa_IR.UTF-8'})).toBe('fa');
		expect(localeLanguage({LANG: 'ur_PK.UTF-8'})).toBe('ur');
		expect(localeLanguage({LANG: 'he_IL.UTF-8'})).toBe('he');
		expect(localeLanguage({LANG: 'iw_IL'})).toBe('he');
		expect(localeLanguage({LANG: 'en_US.UTF-8'})).toBe('ar');
		expect(localeLanguage({LANG: 'C.UTF-8'})).toBe('ar');
		expect(localeLanguage({})).toBe('ar');
		// Not a prefix match: `fil` (Filipino) is not Persian, `heb` is Hebrew.
		expect(localeLanguage({LANG: 'fil_PH.UTF-8'})).toBe('ar');
	});

	it('reads LC_ALL, then LC_MESSAGES, then LANG, skipping empty ones, as POSIX does', () => {
		expect(localeLanguage({LC_ALL: 'he_IL.UTF-8', LC_MESSAGES: 'fa_IR', LANG: 'ur_PK'})).toBe('he');
		expect(localeLanguage({LC_ALL: '', LC_MESSAGES: 'fa_IR', LANG: 'ur_PK'})).toBe('fa');
		expect(localeLanguage({LC_ALL: '', LC_MESSAGES: '', LANG: 'ur_PK'})).toBe('ur');
		// A set LC_ALL that is not one of them wins too: an English LC_ALL keeps Arabic.
		expect(localeLanguage({LC_ALL: 'en_US.UTF-8', LANG: 'fa_IR'})).toBe('ar');
	});

	it('a chosen language wins over the locale; auto follows it', () => {
		expect(chooseLanguage('en', {LANG: 'fa_IR.UTF-8'})).toBe('en');
		expect(chooseLanguage('auto', {LANG: 'fa_IR.UTF-8'})).toBe('fa');
		expect(chooseLanguage(undefined, {LANG: 'he_IL.UTF-8'})).toBe('he');
		expect(chooseStrings('auto', {LANG: 'en_US.UTF-8'}).language).toBe('ar');
	});
});

/** Every key path of a table, and the kind of value there (functions by arity). */
function shape(value: unknown, path = ''): string[] {
	if (typeof value === 'function') return [`${path}()${value.length}`];
	if (Array.isArray(value)) return [`${path}[${value.length}]`];
	if (typeof value === 'object' && value !== null) {
		return Object.keys(value).sort().flatMap(key => shape((value as Record<string, unknown>)[key], `${path}.${key}`));
	}

	return [`${path}:${typeof value}`];
}

/** Every word of a table: its strings and what its functions say with sample arguments. */
function sample(table: unknown): string {
	if (typeof table === 'string') return table;
	if (typeof table === 'function') {
		const call = table as (...args: unknown[]) => unknown;
		// The functions take names, counts and number formatters; failureText and noteText take objects.
		const said = (...args: unknown[]) => {
			try {
				const result = call(...args);
				return typeof result === 'string' ? result : '';
			} catch {
				return '';
			}
		};

		return [said('x', 3, '3'), said(3, (n: number) => String(n)), said(1, (n: number) => String(n))].join(' ');
	}

	if (typeof table === 'object' && table !== null) return Object.values(table).map(value => sample(value)).join(' ');
	return '';
}

describe('the tables', () => {
	it.each(languages.map(language => [language]))('%s has every key of the Arabic table, and no other', language => {
		expect(shape(tables[language])).toEqual(shape(tables.ar));
		expect(tables[language].language).toBe(language);
	});

	it.each(languages.filter(language => language !== 'ar').map(language => [language]))('%s is its own: no sentence copied from the Arabic table', language => {
		const own = tables[language];
		const copied = Object.entries(own).filter(([key, value]) => typeof value === 'string' && value === (tables.ar as Record<string, unknown>)[key] && !/^[\u0020-\u007E]*$/.test(value));
		expect(copied).toEqual([]);
		expect(Object.values(own.commandHelp).filter(help => Object.values(tables.ar.commandHelp).includes(help))).toEqual([]);
	});

	it('Persian and Urdu are written with their own letters: no Arabic yeh or kaf, no Arabic heh in Urdu', () => {
		const letters = (language: 'fa' | 'ur') => sample(tables[language]);
		expect(letters('fa')).not.toMatch(/[\u064A\u0643]/u);
		expect(letters('ur')).not.toMatch(/[\u064A\u0643\u0647]/u);
		expect(sample(tables.he)).toMatch(/^[^\u0600-\u06FF]*$/u);
	});

	it('each language has its own akhbar --help, English as meow is given it', () => {
		const helps = languages.map(language => tables[language].mainHelp);
		expect(helps.every(help => typeof help === 'string' && help.includes('--align auto|right|left|justify'))).toBe(true);
		expect(new Set(helps).size).toBe(languages.length);
		expect(tables.en.mainHelp).toContain('Text options (override the saved preferences for this run)');
	});

	it('every language\'s help lists every command', () => {
		for (const language of languages) {
			for (const command of ['print', 'sources', 'prefs', 'refresh', 'search', 'sync', 'completion', 'help']) {
				expect(tables[language].mainHelp, `${language}: ${command}`).toMatch(new RegExp(`\\$ akhbar ${command}\\b`, 'u'));
			}
		}
	});

	it('only English reads left to right', () => {
		expect(languages.filter(language => tables[language].direction === 'ltr')).toEqual(['en']);
	});
});

describe('digits: native', () => {
	const digitsOf = (env: NodeJS.ProcessEnv, language = prefDefaults.language) => resolveTextOptions({...prefDefaults, digits: 'native', language}, {}, env).digits;

	it('is the interface language\'s digits: Arabic-Indic, extended for Persian and Urdu, Western for English and Hebrew', () => {
		expect(digitsOf({LANG: 'C.UTF-8'})).toBe('arabic');
		expect(digitsOf({LANG: 'fa_IR.UTF-8'})).toBe('persian');
		expect(digitsOf({LANG: 'ur_PK.UTF-8'})).toBe('persian');
		expect(digitsOf({LANG: 'he_IL.UTF-8'})).toBe('western');
		expect(digitsOf({LANG: 'C.UTF-8'}, 'en')).toBe('western');
		// The other values keep their meaning whatever the language.
		expect(resolveTextOptions({...prefDefaults, digits: 'arabic', language: 'en'}, {}, {}).digits).toBe('arabic');
	});

	it('writes U+06F0–U+06F9 in the interface and in the text', () => {
		expect(formatNumber(1209, 'persian')).toBe('۱۲۰۹');
		expect(normalize('سال 2026 و ٣', {digits: 'persian', tashkeel: 'show'})).toBe('سال ۲۰۲۶ و ۳');
	});
});

describe('print --headlines', () => {
	it('writes the list kinds in the interface language, the source name as it is', () => {
		const edition = fakeEdition();
		const print = (language: 'ar' | 'en') => printEdition(edition, {width: 60, headlines: true, logical: true, text: defaultTextOptions, strings: tables[language]});
		const english = print('en');
		const arabic = print('ar');
		expect('lines' in english && english.lines[0]).toContain('Most read');
		expect('lines' in arabic && arabic.lines[0]).toContain('الأكثر قراءة');
	});
});

describe('the reader in English', () => {
	it('speaks English, left to right, the headlines on the left; the Arabic content stays right to left', async () => {
		harness = await renderApp({editions: [fakeEdition()], prefs: {language: 'en'}, columns: 100, rows: 24});
		const rows = harness.rows();
		const divider = rows[1]!.indexOf('│');
		// The list's header is on the left of the divider, in English.
		expect(rows.some(row => row.indexOf('Most read') >= 0 && row.indexOf('Most read') < divider)).toBe(true);
		expect(harness.frame()).toContain('open Enter');
		await harness.press('?');
		expect(harness.frame()).toContain('next item or line');
	});

	it('--language for one run wins over the preference, and the locale decides auto', async () => {
		harness = await renderApp({editions: [fakeEdition()], prefs: {language: 'ar'}, flags: {language: 'en'}});
		expect(harness.frame()).toContain('Most read');
		harness.unmount();
		harness = await renderApp({editions: [fakeEdition()], env: {LANG: 'en_US.UTF-8'}});
		expect(harness.frame()).toContain(shown('الأكثر قراءة'));
		expect(harness.frame()).not.toContain('Most read');
	});

	it('headlines: auto puts the list right of the article for Arabic', async () => {
		harness = await renderApp({editions: [fakeEdition()], columns: 100, rows: 24});
		const row = harness.rows().find(line => line.includes(shown('الأكثر قراءة')))!;
		expect(row.indexOf(shown('الأكثر قراءة'))).toBeGreaterThan(row.indexOf('│'));
		await harness.press(keys.escape);
	});
});

describe('print --headlines: article numbers', () => {
	it('stay Western in every digit style, so --article K takes them; the ranks follow the style', () => {
		const edition = fakeEdition();
		for (const digits of ['arabic', 'persian', 'western', 'asis'] as const) {
			const printed = printEdition(edition, {width: 80, headlines: true, logical: true, text: {...defaultTextOptions, digits}, strings: tables.ar});
			const lines = 'lines' in printed ? printed.lines : [];
			expect(lines.some(line => / \[1\]$/.test(line))).toBe(true);
			expect(lines.join('\n')).not.toMatch(/\[[٠-٩۰-۹]+\]/u);
			if (digits === 'arabic') expect(lines.some(line => line.startsWith('١. '))).toBe(true);
		}
	});
});

describe('a feed item\'s files', () => {
	it('are described in the interface language, in print and in the reader', async () => {
		const edition = fakeEdition();
		const article = {...edition.articles[0]!, enclosures: [{url: 'https://news.example/a.mp3', medium: 'audio' as const, bytes: 39_845_888, type: 'audio/mpeg'}]};
		const withFile = {...edition, articles: [article, ...edition.articles.slice(1)]};
		const printed = printEdition(withFile, {width: 80, article: 1, logical: true, text: defaultTextOptions, strings: tables.en});
		expect('lines' in printed && printed.lines.join('\n')).toContain('audio · 38 MB');
		const arabic = printEdition(withFile, {width: 80, article: 1, logical: true, text: defaultTextOptions, strings: tables.ar});
		expect('lines' in arabic && arabic.lines.join('\n')).toContain('صوت · 38 ميغابايت');
	});
});
