/**
 * The frame of `akhbar --help` in a right-to-left language: the commands, flags and examples
 * (Latin, each kept whole left to right by an isolate) in the order the English text has them,
 * beside the table's own words. Every table writes its sentences; this only sets them in lines.
 */
import {ltr} from './isolate.js';

export type UsageWords = {
	/** The first line, the name and what akhbar is (Hebrew writes no Arabic letter, the name included). */
	banner: string;
	usageHeading: string;
	read: string;
	print: string;
	refresh: string;
	search: string;
	sync: string;
	completion: string;
	help: string;
	/** What SOURCE is, one string per line. */
	source: readonly string[];
	printOptions: string;
	width: string;
	article: string;
	headlines: string;
	logical: string;
	textOptions: string;
	shaping: string;
	bidi: string;
	/** Two lines: the values, then what justify does. */
	align: readonly [string, string];
	digits: string;
	language: string;
	tashkeel: string;
	measure: string;
	theme: string;
	offline: string;
	other: string;
	helpFlag: string;
	version: string;
	examples: string;
};

/**
 * A Latin token and the gap after it, to `width` cells: the words beside it start in one column.
 * The gap sits outside the isolate, between the token and the words, on either side of the line.
 */
function column(latin: string, width: number): string {
	return ltr(latin) + ' '.repeat(Math.max(2, width - latin.length));
}

const commandWidth = 36;
const optionWidth = 38;

export function usageText(words: UsageWords): string {
	const command = (latin: string, what = '') => `    ${what === '' ? ltr(latin) : column(latin, commandWidth) + what}`;
	const option = (latin: string, what: string) => `    ${column(latin, optionWidth)}${what}`;
	return [
		'',
		`  ${words.banner}`,
		'',
		`  ${words.usageHeading}`,
		command('$ akhbar [SOURCE...]', words.read),
		command('$ akhbar print [SOURCE] [options]', words.print),
		command('$ akhbar sources add|remove|list|import|export ...'),
		command('$ akhbar prefs list|get|set|reset|path ...'),
		command('$ akhbar refresh [--jobs N]', words.refresh),
		command('$ akhbar search QUERY [options]', words.search),
		command('$ akhbar sync [connect|status|disconnect]', words.sync),
		command('$ akhbar completion bash|zsh|fish', words.completion),
		command('$ akhbar help [COMMAND]', words.help),
		'',
		...words.source.map(line => `  ${line}`),
		'',
		`  ${words.printOptions}`,
		option('--width N', words.width),
		option('--article K', words.article),
		option('--headlines', words.headlines),
		option('--logical', words.logical),
		'',
		`  ${words.textOptions}`,
		option('--shaping on|off', words.shaping),
		option('--bidi auto|app|terminal|off', words.bidi),
		option('--align auto|right|left|justify', words.align[0]),
		`    ${' '.repeat(optionWidth)}${words.align[1]}`,
		option('--digits asis|arabic|western|native', words.digits),
		option('--language auto|ar|en|fa|ur|he', words.language),
		option('--tashkeel show|hide', words.tashkeel),
		option('--measure N', words.measure),
		option('--theme auto|color|mono', words.theme),
		option('--offline', words.offline),
		'',
		`  ${words.other}`,
		option('-h, --help', words.helpFlag),
		option('-v, --version', words.version),
		'',
		`  ${words.examples}`,
		`    ${ltr('$ akhbar print --demo --article 1')}`,
		`    ${ltr('$ akhbar https://example.com/feed.xml')}`,
		`    ${ltr('$ curl -s https://example.com/rss | akhbar -')}`,
		'',
	].join('\n');
}
