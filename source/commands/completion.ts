/**
 * `akhbar completion bash|zsh|fish`: a completion script for the shell, written from the same
 * tables the CLI parses with (flags and their choices, preference keys and their values), so
 * the two cannot drift apart. Source names for `sources remove` are asked for when completing
 * (`akhbar completion sources`, one per line), and each script takes them as literal words: a
 * name comes from an OPML file and may hold `$(…)`, which a shell must never run.
 */
import {prefKeys, prefSchema, type PrefKey} from '../prefs.js';
import {flagTypes} from './flags.js';
import {CommandFailure, runCommand, type CommandIo, type CommandResult} from './io.js';
import {completionHelp} from './usage.js';

type Flag = {name: string; values?: readonly string[]; takesValue: boolean; help: string};

const flagHelp: Record<keyof typeof flagTypes, string> = {
	width: 'text width in cells',
	article: 'only article K',
	headlines: 'only the headlines',
	logical: 'logical order, unshaped',
	demo: 'the built-in demo edition',
	offline: 'saved copies only',
	shaping: 'join Arabic letters',
	bidi: 'who reorders right-to-left text',
	align: 'alignment of paragraphs',
	digits: 'digit style',
	language: 'language of the interface',
	tashkeel: 'harakat',
	measure: 'article line width in the reader',
	theme: 'colours',
};

const flags: Flag[] = Object.entries(flagTypes).map(([name, type]) => ({
	name,
	takesValue: type.type !== 'boolean',
	values: 'choices' in type ? type.choices : undefined,
	help: flagHelp[name as keyof typeof flagTypes],
}));

const commands = {
	print: 'print what the panes show',
	sources: 'configured sources',
	prefs: 'preferences',
	refresh: 'fetch every source into the library',
	search: 'search the library',
	completion: 'a shell completion script',
	help: 'help for a command',
} as const;

const sourcesCommands = {
	list: 'the configured sources',
	add: 'add a feed, site or file',
	remove: 'remove a source',
	rm: 'remove a source',
	import: 'add the feeds of an OPML file',
	export: 'the sources as OPML',
} as const;

const prefsCommands = {
	list: 'every preference',
	get: 'one preference',
	set: 'change a preference',
	reset: 'back to the default',
	path: 'where the file is',
} as const;

const addFlags: Flag[] = [
	{name: 'name', takesValue: true, help: 'the name shown for the source'},
	{name: 'list', takesValue: false, help: 'the feeds the site offers'},
	{name: 'feed', takesValue: true, help: 'the feed numbered N by --list'},
	{name: 'tag', takesValue: true, help: 'a tag for the source'},
];

const refreshFlags: Flag[] = [
	{name: 'jobs', takesValue: true, help: 'sources fetched at once'},
];

const searchFlags: Flag[] = [
	{name: 'limit', takesValue: true, help: 'at most N matches'},
	{name: 'source', takesValue: true, help: 'only this source'},
	{name: 'logical', takesValue: false, help: 'logical order, unshaped'},
	{name: 'width', takesValue: true, help: 'text width in cells'},
];

const shells = ['bash', 'zsh', 'fish'] as const;

/** A preference's values as `prefs set` takes them; none for numbers and lists. */
function prefValues(key: PrefKey): readonly string[] {
	const schema = prefSchema[key];
	if (schema.type === 'boolean') return ['on', 'off'];
	return (schema.enum ?? []).map(String);
}

const settableKeys = prefKeys.filter(key => prefSchema[key].type !== 'array' && prefSchema[key].type !== 'object');

const words = (list: readonly string[]) => list.join(' ');
const dashed = (list: readonly Flag[]) => list.map(flag => `--${flag.name}`);

function bash(): string {
	const valueCases = flags
		.filter(flag => flag.takesValue)
		.map(flag => `\t\t--${flag.name}) ${flag.values ? `_akhbar_words '${words(flag.values)}'; ` : ''}return ;;`)
		.join('\n');
	const prefCases = settableKeys
		.filter(key => prefValues(key).length > 0)
		.map(key => `\t\t\t\t\t${key}) _akhbar_words '${words(prefValues(key))}' ;;`)
		.join('\n');
	return `# akhbar completion for bash. Load it with: source <(akhbar completion bash)
_akhbar_words() {
	local word list
	read -ra list <<<"$1"
	for word in "\${list[@]}"; do
		[[ $word == "$cur"* ]] && COMPREPLY+=("$word")
	done
}

_akhbar_files() {
	compopt -o filenames 2>/dev/null
	local file
	while IFS= read -r file; do
		COMPREPLY+=("$file")
	done < <(compgen -f -- "$cur")
}

# Source names as literal words: never expanded (compgen -W would run a $(…) in one).
_akhbar_sources() {
	compopt -o filenames 2>/dev/null
	local name
	while IFS= read -r name; do
		[[ $name == "$cur"* ]] && COMPREPLY+=("$name")
	done < <(akhbar completion sources 2>/dev/null)
}

_akhbar() {
	local cword=$COMP_CWORD
	local cur=\${COMP_WORDS[cword]} prev=\${COMP_WORDS[cword-1]}
	# --flag=value: bash splits it at the = (COMP_WORDBREAKS).
	if [[ $cur == = ]]; then
		cur=''
	elif [[ $prev == = ]]; then
		prev=\${COMP_WORDS[cword-2]}
	fi

	local command=\${COMP_WORDS[1]} sub=\${COMP_WORDS[2]}
	COMPREPLY=()
	case $command in
		sources | prefs | completion | help | refresh | search) ;;
		*)
			case $prev in
${valueCases}
			esac ;;
	esac

	if ((cword == 1)); then
		if [[ $cur == -* ]]; then
			_akhbar_words '${words([...dashed(flags), '--help', '--version'])}'
		else
			_akhbar_words '${words(Object.keys(commands))}'
			_akhbar_files
		fi
		return
	fi

	case $command in
		sources)
			if ((cword == 2)); then
				_akhbar_words '${words(Object.keys(sourcesCommands))}'
				return
			fi
			case $sub in
				add)
					case $prev in --name | -n | --feed | --tag | -t) return ;; esac
					if [[ $cur == -* ]]; then
						_akhbar_words '${words([...dashed(addFlags), '--help'])}'
					else
						_akhbar_files
					fi ;;
				remove | rm) ((cword == 3)) && _akhbar_sources ;;
				import) ((cword == 3)) && _akhbar_files ;;
			esac ;;
		prefs)
			if ((cword == 2)); then
				_akhbar_words '${words(Object.keys(prefsCommands))}'
				return
			fi
			case $sub in
				get | reset) ((cword == 3)) && _akhbar_words '${words(prefKeys)}' ;;
				set)
					if ((cword == 3)); then
						_akhbar_words '${words(settableKeys)}'
					elif ((cword == 4)); then
						case \${COMP_WORDS[3]} in
${prefCases}
						esac
					fi ;;
			esac ;;
		refresh)
			case $prev in --jobs | -j) return ;; esac
			[[ $cur == -* ]] && _akhbar_words '${words([...dashed(refreshFlags), '--help'])}' ;;
		search)
			case $prev in
				--source | -s) _akhbar_sources; return ;;
				--limit | -n | --width) return ;;
			esac
			[[ $cur == -* ]] && _akhbar_words '${words([...dashed(searchFlags), '--help'])}' ;;
		completion) ((cword == 2)) && _akhbar_words '${words(shells)}' ;;
		help)
			if ((cword == 2)); then
				_akhbar_words '${words(Object.keys(commands))}'
			elif ((cword == 3)); then
				case $sub in
					sources) _akhbar_words '${words(Object.keys(sourcesCommands))}' ;;
					prefs) _akhbar_words '${words(Object.keys(prefsCommands))}' ;;
				esac
			fi ;;
		*)
			if [[ $cur == -* ]]; then
				_akhbar_words '${words([...dashed(flags), '--help'])}'
			else
				_akhbar_files
			fi ;;
	esac
}

complete -F _akhbar akhbar
`;
}

/** A zsh word with its description, as _describe takes it (colons in the word escaped). */
function described(entries: Record<string, string>): string {
	return Object.entries(entries).map(([word, help]) => `'${word}:${help}'`).join(' ');
}

function zsh(): string {
	const valueCases = flags
		.filter(flag => flag.takesValue)
		.map(flag => `\t\t\t\t--${flag.name}) ${flag.values ? `compadd -- ${words(flag.values)}; ` : ''}return ;;`)
		.join('\n');
	const prefCases = settableKeys
		.filter(key => prefValues(key).length > 0)
		.map(key => `\t\t\t\t\t${key}) compadd -- ${words(prefValues(key))} ;;`)
		.join('\n');
	const flagSpecs = (list: readonly Flag[]) => list.map(flag => `'--${flag.name}:${flag.help}'`).join(' ');
	return `#compdef akhbar
# akhbar completion for zsh. Load it with: source <(akhbar completion zsh)
# (after compinit), or save it as _akhbar in a folder of $fpath.
_akhbar() {
	local command=\${words[2]} sub=\${words[3]} prev=\${words[CURRENT-1]} cur=\${words[CURRENT]}
	local -a names
	case $command in
		sources | prefs | completion | help | refresh | search) ;;
		*)
			case $prev in
${valueCases}
			esac ;;
	esac

	if ((CURRENT == 2)); then
		if [[ $cur == -* ]]; then
			local -a flags; flags=(${flagSpecs(flags)} '--help:this help' '--version:the version')
			_describe -t flags flag flags
		else
			local -a commands; commands=(${described(commands)})
			_describe -t commands command commands
			_files
		fi
		return
	fi

	case $command in
		sources)
			if ((CURRENT == 3)); then
				local -a subcommands; subcommands=(${described(sourcesCommands)})
				_describe -t commands 'sources command' subcommands
				return
			fi
			case $sub in
				add)
					case $prev in --name | -n | --feed | --tag | -t) return ;; esac
					if [[ $cur == -* ]]; then compadd -- ${words([...dashed(addFlags), '--help'])}; else _files; fi ;;
				remove | rm)
					if ((CURRENT == 4)); then
						# Literal words: compadd quotes them, nothing in a name is run.
						names=(\${(f)"$(akhbar completion sources 2>/dev/null)"})
						compadd -- "\${names[@]}"
					fi ;;
				import) ((CURRENT == 4)) && _files ;;
			esac ;;
		prefs)
			if ((CURRENT == 3)); then
				local -a subcommands; subcommands=(${described(prefsCommands)})
				_describe -t commands 'prefs command' subcommands
				return
			fi
			case $sub in
				get | reset) ((CURRENT == 4)) && compadd -- ${words(prefKeys)} ;;
				set)
					if ((CURRENT == 4)); then
						compadd -- ${words(settableKeys)}
					elif ((CURRENT == 5)); then
						case \${words[4]} in
${prefCases}
						esac
					fi ;;
			esac ;;
		refresh)
			case $prev in --jobs | -j) return ;; esac
			[[ $cur == -* ]] && compadd -- ${words([...dashed(refreshFlags), '--help'])} ;;
		search)
			case $prev in
				--source | -s)
					names=(\${(f)"$(akhbar completion sources 2>/dev/null)"})
					compadd -- "\${names[@]}"
					return ;;
				--limit | -n | --width) return ;;
			esac
			[[ $cur == -* ]] && compadd -- ${words([...dashed(searchFlags), '--help'])} ;;
		completion) ((CURRENT == 3)) && compadd -- ${words(shells)} ;;
		help)
			if ((CURRENT == 3)); then
				compadd -- ${words(Object.keys(commands))}
			elif ((CURRENT == 4)); then
				case $sub in
					sources) compadd -- ${words(Object.keys(sourcesCommands))} ;;
					prefs) compadd -- ${words(Object.keys(prefsCommands))} ;;
				esac
			fi ;;
		*)
			if [[ $cur == -* ]]; then
				local -a flags; flags=(${flagSpecs(flags)} '--help:this help')
				_describe -t flags flag flags
			else
				_files
			fi ;;
	esac
}

if [[ $zsh_eval_context[-1] == loadautofunc ]]; then
	_akhbar "$@"
else
	compdef _akhbar akhbar
fi
`;
}

/** Single-quoted for fish. */
function fishQuoted(text: string): string {
	return `'${text.replaceAll('\\', '\\\\').replaceAll('\'', '\\\'')}'`;
}

function fish(): string {
	const lines = [
		'# akhbar completion for fish. Save it: akhbar completion fish > ~/.config/fish/completions/akhbar.fish',
		'# True when the words after `akhbar` up to the cursor are exactly the arguments.',
		'function __akhbar_after',
		'    set -l tokens (commandline -opc)',
		'    set -e tokens[1]',
		'    test (count $tokens) -eq (count $argv); or return 1',
		'    for index in (seq (count $argv))',
		'        test "$tokens[$index]" = "$argv[$index]"; or return 1',
		'    end',
		'end',
		'',
		'# True when the first word after `akhbar` is one of the arguments (or none is there yet).',
		'function __akhbar_command',
		'    set -l tokens (commandline -opc)',
		'    contains -- "$tokens[2]" $argv',
		'end',
		'',
		'complete -c akhbar -e',
	];
	const reading = 'not __akhbar_command sources prefs completion help refresh search';
	for (const [word, help] of Object.entries(commands)) {
		lines.push(`complete -c akhbar -n '__akhbar_after' -a ${word} -d ${fishQuoted(help)}`);
	}

	for (const flag of flags) {
		const value = flag.takesValue ? (flag.values ? ` -x -a ${fishQuoted(words(flag.values))}` : ' -x') : '';
		lines.push(`complete -c akhbar -n ${fishQuoted(reading)} -l ${flag.name}${value} -d ${fishQuoted(flag.help)}`);
	}

	lines.push(
		`complete -c akhbar -n ${fishQuoted(reading)} -s h -l help -d 'help'`,
		`complete -c akhbar -n '__akhbar_after' -s v -l version -d 'the version'`,
	);
	for (const [word, help] of Object.entries(sourcesCommands)) {
		lines.push(`complete -c akhbar -f -n '__akhbar_after sources' -a ${word} -d ${fishQuoted(help)}`);
	}

	for (const flag of addFlags) {
		lines.push(`complete -c akhbar -n '__akhbar_command sources; and contains -- add (commandline -opc)' -l ${flag.name}${flag.takesValue ? ' -x' : ''} -d ${fishQuoted(flag.help)}`);
	}

	lines.push(
		`complete -c akhbar -n '__akhbar_command sources; and contains -- add (commandline -opc)' -s n -x -d 'the name shown for the source'`,
		// Command substitution output is taken word by word as it is: nothing in a name is run.
		'complete -c akhbar -f -n \'__akhbar_after sources remove; or __akhbar_after sources rm\' -a \'(akhbar completion sources 2>/dev/null)\'',
		'complete -c akhbar -f -n \'__akhbar_after sources list; or __akhbar_after sources export\'',
	);
	for (const [word, help] of Object.entries(prefsCommands)) {
		lines.push(`complete -c akhbar -f -n '__akhbar_after prefs' -a ${word} -d ${fishQuoted(help)}`);
	}

	for (const [command, list] of [['refresh', refreshFlags], ['search', searchFlags]] as const) {
		lines.push(`complete -c akhbar -f -n '__akhbar_command ${command}'`);
		for (const flag of list) {
			const value = flag.name === 'source' ? ' -x -a \'(akhbar completion sources 2>/dev/null)\'' : flag.takesValue ? ' -x' : '';
			lines.push(`complete -c akhbar -n '__akhbar_command ${command}' -l ${flag.name}${value} -d ${fishQuoted(flag.help)}`);
		}

		lines.push(`complete -c akhbar -n '__akhbar_command ${command}' -s h -l help -d 'help'`);
	}

	lines.push(
		`complete -c akhbar -f -n '__akhbar_after prefs get; or __akhbar_after prefs reset' -a ${fishQuoted(words(prefKeys))}`,
		`complete -c akhbar -f -n '__akhbar_after prefs set' -a ${fishQuoted(words(settableKeys))}`,
		'complete -c akhbar -f -n \'__akhbar_command prefs; and not __akhbar_after prefs\'',
	);
	for (const key of settableKeys) {
		const values = prefValues(key);
		if (values.length > 0) lines.push(`complete -c akhbar -f -n '__akhbar_after prefs set ${key}' -a ${fishQuoted(words(values))}`);
	}

	lines.push(
		`complete -c akhbar -f -n '__akhbar_command completion' -a ${fishQuoted(words(shells))}`,
		`complete -c akhbar -f -n '__akhbar_after help' -a ${fishQuoted(words(Object.keys(commands)))}`,
		`complete -c akhbar -f -n '__akhbar_after help sources' -a ${fishQuoted(words(Object.keys(sourcesCommands)))}`,
		`complete -c akhbar -f -n '__akhbar_after help prefs' -a ${fishQuoted(words(Object.keys(prefsCommands)))}`,
		'',
	);
	return lines.join('\n');
}

const scripts: Record<(typeof shells)[number], () => string> = {bash, zsh, fish};

export function runCompletion(argv: readonly string[], io: CommandIo = {}): CommandResult {
	return runCommand(io, (out, {prefs}) => {
		const [shell, ...rest] = argv;
		if (shell === '--help' || shell === '-h' || rest.includes('--help') || rest.includes('-h')) {
			out.write(completionHelp);
			return 0;
		}

		if (shell === 'sources' && rest.length === 0) {
			// For the scripts: what `sources remove` takes, a name, else the address.
			for (const source of prefs().get().sources) out.line(source.name ?? source.url);
			return 0;
		}

		if (shell === undefined) throw new CommandFailure('which shell? akhbar completion bash|zsh|fish', 2);
		if (!(shells as readonly string[]).includes(shell) || rest.length > 0) {
			throw new CommandFailure(`no completion for ${JSON.stringify([shell, ...rest].join(' '))}; shells: bash, zsh, fish`, 2);
		}

		out.document(scripts[shell as (typeof shells)[number]]());
		return 0;
	});
}
