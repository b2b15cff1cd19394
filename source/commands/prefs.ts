/**
 * `akhbar prefs list | get KEY | set KEY VALUE | reset [KEY] | path`.
 * See commands/io.ts for how results and exit codes are returned.
 */
import {
	asciiQuote,
	describePref,
	formatPrefValue,
	isPrefKey,
	parsePrefValue,
	quote,
	prefDefaults,
	prefKeys,
	prefSchema,
	type PrefKey,
	type Prefs,
} from '../prefs.js';
import {buildKeyTable, defaultLatinKeys, isCommand, parseKeys, rebindableCommands} from '../ui/keys.js';
import {asksForHelp, CommandFailure, requirePersistent, runCommand, type CommandIo, type CommandResult, type Output} from './io.js';

function usage(message: string): CommandFailure {
	return new CommandFailure(`${message} (see akhbar prefs --help)`, 2);
}

function requireKey(key: string | undefined): PrefKey {
	if (key === undefined) throw usage('missing KEY');
	if (!isPrefKey(key)) throw new CommandFailure(`unknown preference ${quote(key)}; known: ${prefKeys.join(', ')}`, 2);
	return key;
}

/** `keys.ACTION` → the action, checked; undefined for any other key. */
function keyAction(key: string | undefined, {known = true} = {}): string | undefined {
	if (key === undefined || !key.startsWith('keys.')) return undefined;
	const action = key.slice('keys.'.length);
	if (known && !(isCommand(action) && rebindableCommands.includes(action))) {
		throw new CommandFailure(`unknown action ${asciiQuote(action)}; known: ${rebindableCommands.join(', ')}`, 2);
	}

	return action;
}

/** The keys section after a change, or a one-line refusal (exit 2) when it would not be used. */
function checkedKeys(next: Record<string, string>): Record<string, string> {
	const {problem} = buildKeyTable(next);
	if (problem) throw new CommandFailure(problem, 2);
	return next;
}

function expectArgs(args: readonly string[], count: number, what: string): void {
	if (args.length > count) throw usage(`too many arguments for ${what}: ${args.slice(count).join(' ')}`);
}

function isDefault<K extends PrefKey>(key: K, value: Prefs[K]): boolean {
	return JSON.stringify(value) === JSON.stringify(prefDefaults[key]);
}

/** The list view of a value: sources are summarized, `akhbar sources list` shows them. */
function listValue(key: PrefKey, value: Prefs[PrefKey]): string {
	if (key === 'sources' && Array.isArray(value)) {
		return value.length === 0 ? 'none' : `${value.length} (akhbar sources list)`;
	}

	return formatPrefValue(key, value);
}

export const prefsUsage = `Usage: akhbar prefs [list]        every preference, its value, and the default
       akhbar prefs get KEY
       akhbar prefs set KEY VALUE
       akhbar prefs set keys.ACTION KEY...   your own key(s) for an action, e.g. keys.down J
       akhbar prefs reset [KEY]     one preference, or all, back to the default
       akhbar prefs path            where the preferences file is

akhbar prefs COMMAND --help: one command's help.

Keys:
${keyLines(prefKeys)}
`;

/** Every key with what it takes and its default, for the helps. */
function keyLines(keys: readonly PrefKey[]): string {
	return keys.map(key => `  ${key.padEnd(16)}${describePref(key)} (default ${listValue(key, prefDefaults[key])})`).join('\n');
}

/** The keys `prefs set` can change (the sources have their own command). */
const settableKeys = prefKeys.filter(key => prefSchema[key].type !== 'array' && prefSchema[key].type !== 'object');

/** `akhbar prefs SUBCOMMAND --help`. */
const subcommandHelp: Record<string, () => string> = {
	list: () => `Usage: akhbar prefs [list]

Lists every preference, its value, and the default when the value is another.
`,
	get: () => `Usage: akhbar prefs get KEY

Prints one preference's value as \`prefs set\` takes it.

Keys:
${keyLines(prefKeys)}
`,
	set: () => `Usage: akhbar prefs set KEY VALUE

Saves one preference (the reader's settings panel, s, changes the same ones).

Keys and values:
${keyLines(settableKeys)}
`,
	reset: () => `Usage: akhbar prefs reset [KEY]

Puts one preference, or with no KEY every one, back to its default.
`,
	path: () => `Usage: akhbar prefs path

Prints where the preferences file is.
`,
};

/** The help of `akhbar prefs` or of one of its subcommands; undefined for an unknown one. */
export function prefsHelp(subcommand?: string): string | undefined {
	if (subcommand === undefined) return prefsUsage;
	return Object.hasOwn(subcommandHelp, subcommand) ? subcommandHelp[subcommand]!() : undefined;
}

function list(out: Output, prefs: Prefs): void {
	const rows = prefKeys.map(key => [key, listValue(key, prefs[key])] as const);
	const keyWidth = Math.max(...rows.map(([key]) => key.length));
	const valueWidth = Math.max(...rows.map(([, value]) => value.length));
	for (const [key, value] of rows) {
		const note = isDefault(key, prefs[key]) ? '(default)' : `(default: ${listValue(key, prefDefaults[key])})`;
		out.line(`${key.padEnd(keyWidth)}  ${value.padEnd(valueWidth)}  ${note}`);
	}
}

export function runPrefsCommand(argv: readonly string[], io: CommandIo = {}): CommandResult {
	return runCommand(io, (out, {prefs}) => {
		const [command = 'list', ...args] = argv;
		const help = prefsHelp(command);
		if (help && asksForHelp(args)) {
			out.write(help);
			return 0;
		}

		switch (command) {
			case '--help':
			case '-h': {
				out.write(prefsUsage);
				return 0;
			}

			case 'help': {
				const topic = prefsHelp(args[0]);
				if (!topic) throw usage(`no prefs command ${quote(args[0]!)}`);
				out.write(topic);
				return 0;
			}

			case 'list': {
				expectArgs(args, 0, 'list');
				list(out, prefs().get());
				return 0;
			}

			case 'get': {
				expectArgs(args, 1, 'get');
				const action = keyAction(args[0]);
				if (action !== undefined && isCommand(action)) {
					out.line(prefs().get().keys[action] ?? (defaultLatinKeys(action).join(' ') || 'none'));
					return 0;
				}

				const key = requireKey(args[0]);
				out.line(formatPrefValue(key, prefs().get()[key]));
				return 0;
			}

			case 'set': {
				expectArgs(args, 2, 'set');
				const action = keyAction(args[0]);
				if (action !== undefined) {
					if (args[1] === undefined) throw usage(`missing KEY for keys.${action}: one or more Latin keys separated by spaces`);
					const parsed = parseKeys(action, args[1]);
					if (typeof parsed === 'string') throw new CommandFailure(parsed, 2);
					const keys = parsed.keys.join(' ');
					const store = prefs();
					requirePersistent(store);
					// Written last, so that a clash with another of the user's keys names this one.
					store.update('keys', current => checkedKeys({...Object.fromEntries(Object.entries(current).filter(([name]) => name !== action)), [action]: keys}));
					out.line(`keys.${action} = ${keys}`);
					return 0;
				}

				const key = requireKey(args[0]);
				if (args[1] === undefined) throw usage(`missing VALUE for ${key}: ${describePref(key)}`);
				let value: Prefs[PrefKey];
				try {
					value = parsePrefValue(key, args[1]);
				} catch (error) {
					throw new CommandFailure((error as Error).message, 2);
				}

				const store = prefs();
				requirePersistent(store);
				store.set(key, value);
				out.line(`${key} = ${formatPrefValue(key, value)}`);
				return 0;
			}

			case 'reset': {
				expectArgs(args, 1, 'reset');
				// Any name may be removed, a misspelt one too: that is how a refused section is mended.
				const action = keyAction(args[0], {known: false});
				if (action !== undefined) {
					const store = prefs();
					requirePersistent(store);
					const next = store.update('keys', current => Object.fromEntries(Object.entries(current).filter(([name]) => name !== action)));
					out.line(isCommand(action) ? `keys.${action} = ${defaultLatinKeys(action).join(' ') || 'none'} (default)` : `${asciiQuote(`keys.${action}`)} removed`);
					const {problem} = buildKeyTable(next);
					if (problem) out.warn(`${problem}; the default keys are used until that is mended`);
					return 0;
				}

				const key = args[0] === undefined ? undefined : requireKey(args[0]);
				const store = prefs();
				requirePersistent(store);
				store.reset(key);
				out.line(key ? `${key} = ${formatPrefValue(key, prefDefaults[key])} (default)` : 'every preference is back to its default');
				return 0;
			}

			case 'path': {
				expectArgs(args, 0, 'path');
				out.line(prefs().path);
				return 0;
			}

			default: {
				throw usage(`unknown prefs command ${quote(command)}; use list, get, set, reset or path`);
			}
		}
	});
}
