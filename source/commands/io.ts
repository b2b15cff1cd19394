/**
 * What the `akhbar prefs ...` and `akhbar sources ...` commands take and give back.
 *
 * A command never writes to the process streams and never exits: it returns its output and
 * exit code, and the CLI prints `stdout` to stdout, `stderr` to stderr, and exits with `code`.
 * Exit codes: 0 done; 1 the command could not be carried out (nothing to remove, a duplicate,
 * an unreadable file, the store cannot be written); 2 a usage error (unknown subcommand or
 * flag, wrong number of arguments, an unknown key or a bad value).
 */
import process from 'node:process';
import {openPrefs, type PrefsStore} from '../prefs.js';
import type {SourceSummary} from '../library/api.js';
import type {Discovery} from '../sources/site.js';

export type CommandIo = {
	/** Folder that relative file paths are resolved against. Default: process.cwd(). */
	cwd?: string;
	/** The preferences to work on. Default: the user's, opened on first use. */
	prefs?: PrefsStore;
	/** What `sources add URL` found at the URL (a site's feeds), looked up before the command runs. */
	discovery?: Discovery;
	/** What the library knows of each source (`sources list`); none when it has nothing yet. */
	overview?: () => readonly SourceSummary[];
};

export type CommandResult = {
	code: number;
	stdout: string;
	stderr: string;
	/** stdout is a document (OPML): written as it is, on a terminal too, never laid out. */
	document?: boolean;
};

/** Thrown inside a command to stop it with a one-line message and an exit code. */
export class CommandFailure extends Error {
	override name = 'CommandFailure';
	constructor(message: string, readonly code: 1 | 2) {
		super(message);
	}
}

/** `--help` or `-h` among a subcommand's arguments (not as the value of a flag that takes one). */
export function asksForHelp(args: readonly string[], valueFlags: readonly string[] = []): boolean {
	for (let index = 0; index < args.length; index++) {
		const arg = args[index]!;
		if (arg === '--') return false;
		if (arg === '--help' || arg === '-h') return true;
		if (valueFlags.includes(arg)) index++;
	}

	return false;
}

export function requirePersistent(prefs: PrefsStore): void {
	if (!prefs.persistent) throw new CommandFailure(`nothing was saved: ${prefs.path} cannot be used`, 1);
}

/**
 * C0/C1 controls out of every line: messages quote what the user typed or what a file said,
 * and no escape sequence may reach the terminal.
 */
function printable(text: string): string {
	return text.replace(/[\u0000-\u001F\u007F-\u009F]/gu, '\uFFFD');
}

export class Output {
	readonly #out: string[] = [];
	readonly #err: string[] = [];
	#document = false;

	line(text = ''): void {
		this.#out.push(`${printable(text)}\n`);
	}

	/** Raw text for stdout, e.g. a whole document. */
	write(text: string): void {
		this.#out.push(text);
	}

	/** A whole document for stdout, which a terminal gets as it is. */
	document(text: string): void {
		this.#document = true;
		this.#out.push(text);
	}

	warn(text: string): void {
		this.#err.push(`akhbar: ${printable(text)}\n`);
	}

	result(code: number): CommandResult {
		return {code, stdout: this.#out.join(''), stderr: this.#err.join(''), ...(this.#document ? {document: true} : {})};
	}
}

export function resolveIo(io: CommandIo): {cwd: string; prefs: () => PrefsStore} {
	let prefs = io.prefs;
	return {
		cwd: io.cwd ?? process.cwd(),
		prefs: () => (prefs ??= openPrefs()),
	};
}

/**
 * Runs a command body: a CommandFailure or any Error (a store that cannot be written) becomes
 * one line on stderr and its exit code; the preferences' notice, if any, is shown first.
 */
export function runCommand(io: CommandIo, body: (out: Output, context: ReturnType<typeof resolveIo>) => number): CommandResult {
	const out = new Output();
	const context = resolveIo(io);
	let opened: PrefsStore | undefined;
	const prefs = () => {
		if (!opened) {
			opened = context.prefs();
			if (opened.notice) out.warn(opened.notice);
		}

		return opened;
	};

	try {
		return out.result(body(out, {...context, prefs}));
	} catch (error) {
		if (error instanceof CommandFailure) {
			out.warn(error.message);
			return out.result(error.code);
		}

		out.warn(error instanceof Error ? error.message.split('\n')[0] ?? '' : String(error));
		return out.result(1);
	}
}
