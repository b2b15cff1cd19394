/**
 * Interface strings that mix directions (issue 13, part 2): every Latin token of every string of
 * every language's table (paths, key names, URLs, commands, numbers with units) reads intact and
 * in its place once laid out as the UI lays it out, by fitLine (status line, help, settings) and
 * by layoutBlocks (the panes' messages), at several widths.
 */
import {describe, expect, it} from 'vitest';
import {languages} from '../../source/language.js';
import type {Failure} from '../../source/model.js';
import {fitLine, layoutBlocks} from '../../source/text/layout.js';
import {defaultTextOptions, type TextOptions} from '../../source/text/options.js';
import {tables, type UiStrings} from '../../source/ui/strings.js';

const failures: Failure[] = [
	{kind: 'host-not-found', host: 'news.example.com'},
	{kind: 'no-network', host: 'news.example.com'},
	{kind: 'connect-timeout', seconds: 10},
	{kind: 'tls', problem: 'expired', host: 'news.example.com'},
	{kind: 'tls', problem: 'other', host: 'news.example.com'},
	{kind: 'http', status: 404},
	{kind: 'http', status: 503},
	{kind: 'port', port: '25'},
	{kind: 'too-large', limit: '10 MB'},
	{kind: 'offline'},
	{kind: 'network', detail: 'ECONNRESET'},
];

/** Every sentence of a table, its functions called with Latin arguments such as the UI passes. */
function sentences(table: UiStrings): string[] {
	const number = (n: number) => String(n);
	return [
		table.loadingSource, table.noArticle, table.failedSource('news.example.com/feed.xml'), table.articleLink,
		table.sourceFailed('TechNews', 'HTTP 404'), table.sourcesFailed('3', 12, '12'),
		table.refreshFailed('TechNews', 'HTTP 503', true), table.feedFailed('TechNews', 'HTTP 503', false),
		table.unread(5, number), table.asOf('2026-11-28 12:30'), table.tooSmall('60', '12'),
		table.searchHeadlines, table.matchCount('3', '12'), table.helpArabicLayouts, table.helpTmux,
		table.helpImplicit('Konsole'), table.keysRefused('keys.quit: é is not one Latin character'),
		table.thisRunOnlyNote, table.implicitTerminal('Konsole'), table.linksTitle('TechNews'),
		table.noBrowser, table.noOpener('xdg-open', 'ENOENT'), table.urlCut, table.pipePrompt('less -R'),
		table.pipeFailed('EPIPE'), table.pipeNotRun('less -R', 127),
		...failures.map(failure => table.failureText(failure)),
		table.noteText({kind: 'noMatch', query: 'Apple'}), table.noteText({kind: 'noRank', rank: 7}),
		...Object.values(table.commandHelp), ...Object.values(table.settingLabels), ...Object.values(table.listNames),
	];
}

/** The Latin tokens of a sentence, in logical order, without the sentence's own punctuation around them. */
function latinTokens(text: string): string[] {
	// Words of a Latin phrase (`HTTP 404`, `less -R`, an English reason) are one token: they read left to right together.
	const word = '[!-~×\\u00C0-\\u024F]*[A-Za-z0-9\\u00C0-\\u024F][!-~×\\u00C0-\\u024F]*';
	return [...text.replaceAll(/[\u2066-\u2069]/g, '\n').matchAll(new RegExp(`${word}(?: ${word})*`, 'g'))]
		.map(match => match[0].replace(/^[("“«]+/, '').replace(/[)"”»:;,.]+$/, ''))
		.filter(token => token.length > 0);
}

function optionsFor(table: UiStrings): TextOptions {
	return {...defaultTextOptions, fallbackDirection: table.direction, declaredDirection: table.direction};
}

/** The tokens' places in a visual line, or -1 for one not found whole; each searched after the one before it in reading order. */
function places(line: string, tokens: readonly string[], rtl: boolean): number[] {
	const result: number[] = [];
	let from = rtl ? line.length : 0;
	for (const token of tokens) {
		const at = rtl ? line.lastIndexOf(token, from - token.length) : line.indexOf(token, from);
		result.push(at);
		if (at >= 0) from = rtl ? at : at + token.length;
	}

	return result;
}

// Only sentences that mix: Latin tokens beside letters of the table's own script.
function mixed(table: UiStrings): string[] {
	const own = table.direction === 'rtl' ? /[\u0590-\u06FF]/u : /[\u0590-\u06FF]/u;
	return sentences(table).filter(text => latinTokens(text).length > 0 && (table.direction === 'ltr' || own.test(text)));
}

describe.each(languages.map(language => [language]))('%s: Latin tokens read intact and in their place', language => {
	const table = tables[language];
	const options = optionsFor(table);
	const rtl = table.direction === 'rtl';

	it.each([200, 120])('on one line (fitLine, %i cells)', width => {
		const wrong = mixed(table).flatMap(text => {
			const tokens = latinTokens(text);
			const line = fitLine(text, width, options);
			return places(line, tokens, rtl).includes(-1) ? [{text, tokens, line}] : [];
		});
		expect(wrong).toEqual([]);
	});

	it.each([80, 50, 36])('wrapped (layoutBlocks, %i cells): each piece of a token between break opportunities whole on some line', width => {
		const wrong = mixed(table).flatMap(text => {
			const lines = layoutBlocks([{kind: 'paragraph', text}], width, options).map(line => line.text);
			// Lines break at spaces and after a slash or a hyphen: each piece between them stays whole.
			const pieces = latinTokens(text).flatMap(token => token.split(/ |(?<=[/-])/)).filter(piece => piece.length > 0);
			const lost = pieces.filter(piece => piece.length < width && !lines.some(line => line.includes(piece)));
			return lost.length > 0 ? [{text, lost, lines}] : [];
		});
		expect(wrong).toEqual([]);
	});
});

describe('the tmux line of the help', () => {
	it('shows ~/.tmux.conf as it is written, not tmux.conf./~', () => {
		for (const language of ['ar', 'fa', 'ur', 'he'] as const) {
			const line = fitLine(tables[language].helpTmux, 200, optionsFor(tables[language]));
			expect(line).toContain('~/.tmux.conf');
			expect(line).not.toContain('tmux.conf./~');
		}
	});
});
