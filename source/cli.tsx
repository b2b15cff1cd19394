#!/usr/bin/env node
/**
 * The entry point: flags in, one thing out (the reader, `print`, `prefs`, `sources`, `refresh`,
 * `search`, `completion`, `help`). A file named like a command is read as `./refresh`.
 * Only meow is imported up front; everything else is loaded on demand so `--help` and
 * `--version` stay as fast as Node itself.
 */
import process from 'node:process';
import packageJson from '../package.json' with {type: 'json'};
import type {Language, LanguagePreference} from './language.js';
import {flagTypes} from './commands/flags.js';
import {completionHelp, helpHelp, mainHelp as help, printHelp} from './commands/usage.js';

export type CliFlags = {
	width?: number;
	article?: number;
	headlines: boolean;
	logical: boolean;
	demo: boolean;
	offline: boolean;
	shaping?: 'on' | 'off';
	bidi?: 'auto' | 'app' | 'terminal' | 'off';
	align?: 'auto' | 'right' | 'left' | 'justify';
	digits?: 'asis' | 'arabic' | 'western' | 'native';
	language?: LanguagePreference;
	tashkeel?: 'show' | 'hide';
	measure?: number;
	theme?: 'auto' | 'color' | 'mono';
};

function fail(message: string, code: number): never {
	// Messages quote what was typed: no control or bidi character of it reaches the terminal.
	// eslint-disable-next-line no-control-regex -- that is the point
	const safe = message.replaceAll(/[\u0000-\u001F\u007F-\u009F\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g, '\uFFFD');
	process.stderr.write(`akhbar: ${safe}\n`);
	process.exit(code);
}

/** Meow reports an unknown flag on two lines of its own; the user gets one line, ours. */
function checkUnknownFlags(argv: string[]): void {
	const end = argv.indexOf('--');
	for (const arg of end === -1 ? argv : argv.slice(0, end)) {
		if (!arg.startsWith('-') || arg === '-' || /^-\d/.test(arg)) continue;
		const name = arg.replace(/^--?/, '').split('=')[0]!.replace(/^no-/, '');
		if (!Object.hasOwn(flagTypes, name)) fail(`unknown flag ${arg.split('=')[0]!} (see akhbar --help)`, 2);
	}
}

/**
 * The commonest calls (`akhbar`, `akhbar URL…`, `akhbar --demo`) need no parser: loading meow
 * costs ~15 ms of start-up. Anything else goes through meow.
 */
function plainArguments(argv: string[]): {input: string[]; flags: CliFlags} | undefined {
	const flags: CliFlags = {headlines: false, logical: false, demo: false, offline: false};
	const input: string[] = [];
	for (const arg of argv) {
		if (arg === '--demo') {
			flags.demo = true;
		} else if (arg === '--offline') {
			flags.offline = true;
		} else if (arg === '-' || !arg.startsWith('-')) {
			input.push(arg);
		} else {
			return undefined;
		}
	}

	return {input, flags};
}

async function parse(argv: string[]): Promise<{input: string[]; flags: CliFlags}> {
	const plain = plainArguments(argv);
	if (plain) {
		return plain;
	}

	checkUnknownFlags(argv);
	const {default: meow} = await import('meow');
	try {
		const cli = meow(help, {
			importMeta: import.meta,
			argv,
			allowUnknownFlags: false,
			flags: flagTypes,
		});
		return {input: cli.input, flags: cli.flags as CliFlags};
	} catch (error) {
		// Meow throws on a bad `choices` value; the user needs the sentence, not the stack.
		fail(error instanceof Error ? error.message.split('\n')[0]! : String(error), 2);
	}
}

function checkNumbers(flags: CliFlags): void {
	// An article number out of range (0 included) is not a usage error: print answers it with
	// `SOURCE: no article K (N articles)`, since only the source knows N.
	for (const [name, min, max] of [['width', 1, 10_000], ['article', -1e9, 1e9], ['measure', 20, 200]] as const) {
		const value = flags[name];
		if (value !== undefined && (!Number.isInteger(value) || value < min || value > max)) {
			fail(name === 'article' ? '--article takes a whole number' : `--${name} takes a whole number from ${min} to ${max}`, 2);
		}
	}

	if (flags.article !== undefined && flags.headlines) {
		fail('--article and --headlines cannot be used together', 2);
	}
}

/**
 * The CLI's own text: on a terminal, Arabic in it is laid out as `print` lays it out, lines of
 * a right-to-left language's text right to left.
 */
async function emit(stream: NodeJS.WriteStream, text: string, direction: 'rtl' | 'ltr' = 'ltr'): Promise<void> {
	if (text === '') return;
	if (!stream.isTTY) {
		stream.write(text);
		return;
	}

	const {writeText} = await import('./commands/terminal-text.js');
	writeText(stream, text, process.env, direction);
}

/** The language `akhbar --help` speaks: `--language` on its command line, else the preference, else the locale. */
async function helpLanguage(argv: readonly string[]): Promise<Language> {
	const {chooseLanguage, languageChoices} = await import('./language.js');
	let given: string | undefined;
	for (const [index, arg] of argv.entries()) {
		if (arg === '--') break;
		if (arg === '--language') given = argv[index + 1];
		else if (arg.startsWith('--language=')) given = arg.slice('--language='.length);
	}

	if (given !== undefined) {
		const choice = languageChoices.find(value => value === given);
		if (choice === undefined) fail(`--language takes one of ${languageChoices.join(', ')}`, 2);
		return chooseLanguage(choice, process.env);
	}

	let preference: LanguagePreference | undefined;
	try {
		preference = (await import('./prefs.js')).openPrefs().get().language;
	} catch {
		// Preferences that cannot be read: the locale chooses, as it does with none saved.
	}

	return chooseLanguage(preference, process.env);
}

/** `akhbar help [COMMAND [SUBCOMMAND]]`, `akhbar COMMAND --help`: the text, or exit 2 for an unknown command. */
async function showHelp(topic: readonly string[], argv: readonly string[]): Promise<void> {
	const [command, subcommand] = topic;
	let text: string | undefined;
	let direction: 'rtl' | 'ltr' = 'ltr';
	switch (command) {
		case undefined:
		case 'read': {
			// The main help is in the interface's language; the commands' own help is English.
			const language = await helpLanguage(argv);
			const [{stringsFor}, {languageDirectionOf}] = await Promise.all([import('./ui/strings.js'), import('./language.js')]);
			text = stringsFor(language).mainHelp.replace(/^\n/, '');
			direction = languageDirectionOf(language);
			break;
		}

		case 'print': {
			text = printHelp;
			break;
		}

		case 'completion': {
			text = completionHelp;
			break;
		}

		case 'help': {
			text = helpHelp;
			break;
		}

		case 'sources': {
			text = (await import('./commands/sources.js')).sourcesHelp(subcommand);
			break;
		}

		case 'prefs': {
			text = (await import('./commands/prefs.js')).prefsHelp(subcommand);
			break;
		}

		case 'refresh': {
			text = (await import('./commands/refresh.js')).refreshHelp;
			break;
		}

		case 'search': {
			text = (await import('./commands/search.js')).searchHelp;
			break;
		}

		case 'sync': {
			text = (await import('./commands/sync.js')).syncHelp;
			break;
		}

		default: {
			break;
		}
	}

	if (text === undefined) fail(`no help for "${topic.join(' ')}"; commands: print, sources, prefs, refresh, search, sync, completion, help`, 2);
	await emit(process.stdout, text.endsWith('\n') ? text : `${text}\n`, direction);
}

/** Ctrl-C stops a command's fetches at once; what it already stored stays stored. */
function abortedByCtrlC(): AbortSignal {
	const controller = new AbortController();
	process.once('SIGINT', () => {
		controller.abort();
	});
	return controller.signal;
}

async function main(): Promise<void> {
	const argv = process.argv.slice(2);
	const [command, ...rest] = argv;
	if (command === 'help') {
		// `akhbar help --language fa`: the flag picks the language, it is not a topic.
		const topic = rest.filter((arg, index) => !arg.startsWith('--language') && rest[index - 1] !== '--language');
		await showHelp(topic, rest);
		return;
	}

	if (command === 'prefs' || command === 'sources') {
		const result =
			command === 'prefs'
				? (await import('./commands/prefs.js')).runPrefsCommand(rest)
				: await (await import('./commands/sources.js')).runSourcesCli(rest);
		if (result.document) process.stdout.write(result.stdout);
		else await emit(process.stdout, result.stdout);
		await emit(process.stderr, result.stderr);
		process.exitCode = result.code;
		return;
	}

	if (command === 'refresh') {
		const {runRefresh} = await import('./commands/refresh.js');
		process.exitCode = await runRefresh(rest, {signal: abortedByCtrlC()});
		return;
	}

	if (command === 'search') {
		const {runSearch} = await import('./commands/search.js');
		process.exitCode = await runSearch(rest);
		return;
	}

	if (command === 'sync') {
		const {runSync} = await import('./commands/sync.js');
		process.exitCode = await runSync(rest, {signal: abortedByCtrlC()});
		return;
	}

	if (command === 'completion') {
		const {runCompletion} = await import('./commands/completion.js');
		const result = runCompletion(rest);
		process.stdout.write(result.stdout);
		process.stderr.write(result.stderr);
		process.exitCode = result.code;
		return;
	}

	// Answered before meow is even loaded: these two must start as fast as Node itself.
	if (argv.includes('--version') || argv.includes('-v')) {
		process.stdout.write(`${packageJson.version}\n`);
		return;
	}

	if (argv.includes('--help') || argv.includes('-h')) {
		await showHelp(command === 'print' ? ['print'] : [], argv);
		return;
	}

	const isPrint = command === 'print';
	const cli = await parse(isPrint ? rest : argv);
	const {flags} = cli;
	checkNumbers(flags);
	if (isPrint) {
		const {runPrint} = await import('./commands/print.js');
		process.exitCode = await runPrint(cli.input, flags);
		return;
	}

	const {runRead} = await import('./commands/read.js');
	process.exitCode = await runRead(cli.input, flags);
}

await main();
