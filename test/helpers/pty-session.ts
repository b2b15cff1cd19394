/**
 * The built CLI in a real pseudo-terminal, its output replayed into a real terminal emulator:
 * what a user would see, byte for byte. Used by the end-to-end tests and the benchmarks.
 */
import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import pty from '@lydell/node-pty';
import {childEnv} from './child-env.js';
import {createTerminal, feed, type HeadlessTerminal} from './xterm-screen.js';

export const cliPath = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));

export type SessionOptions = {
	args?: string[];
	cols?: number;
	rows?: number;
	env?: Record<string, string | undefined>;
	/** Reuse config/cache folders across runs (reading state, preferences). */
	home?: string;
};

/** Inherited variables that change what the CLI draws. */
const dropped = new Set(['CI', 'TMUX', 'VTE_VERSION', 'KONSOLE_VERSION', 'TERM_PROGRAM', 'NO_COLOR', 'FORCE_COLOR']);

/** A clean environment: no CI (Ink stays silent under CI=true), private config and cache. */
export function sessionEnv(home: string, extra: Record<string, string | undefined> = {}): Record<string, string> {
	return childEnv(home, {drop: key => dropped.has(key), state: false}, extra);
}

export class PtySession {
	readonly terminal: HeadlessTerminal;
	readonly process: pty.IPty;
	readonly home: string;
	/** Everything the program wrote, in order. */
	output = '';
	bytes = 0;
	lastDataAt = 0;
	exitCode: number | undefined;
	#pending: Promise<void> = Promise.resolve();
	/** Called each time output has reached the screen. */
	readonly #fed = new Set<() => void>();
	readonly #exited: Promise<number>;

	constructor(options: SessionOptions = {}) {
		const cols = options.cols ?? 100;
		const rows = options.rows ?? 30;
		this.home = options.home ?? mkdtempSync(path.join(tmpdir(), 'akhbar-pty-'));
		this.terminal = createTerminal(cols, rows);
		this.process = pty.spawn(process.execPath, [cliPath, ...(options.args ?? [])], {
			name: 'xterm-256color',
			cols,
			rows,
			cwd: this.home,
			env: sessionEnv(this.home, options.env),
		});
		this.process.onData(data => {
			this.output += data;
			this.bytes += Buffer.byteLength(data);
			this.lastDataAt = performance.now();
			this.#pending = this.#pending.then(async () => {
				await feed(this.terminal, data);
				for (const wake of [...this.#fed]) {
					wake();
				}
			});
		});
		// A home made here is the session's alone (its cwd too): it goes when the program does.
		const owned = options.home === undefined;
		this.#exited = new Promise(resolve => {
			this.process.onExit(({exitCode}) => {
				this.exitCode = exitCode;
				if (owned) rmSync(this.home, {recursive: true, force: true});
				resolve(exitCode);
			});
		});
	}

	write(keys: string): void {
		this.process.write(keys);
	}

	resize(cols: number, rows: number): void {
		this.process.resize(cols, rows);
		this.terminal.resize(cols, rows);
	}

	/** Resolves once the output has been quiet for `quietMs` (and everything is on the screen). */
	async settle(quietMs = 60, timeoutMs = 10_000): Promise<void> {
		const start = performance.now();
		// eslint-disable-next-line no-constant-condition -- polls until quiet or out of time
		while (true) {
			await new Promise(resolve => setTimeout(resolve, 10));
			const now = performance.now();
			if (this.lastDataAt > 0 && now - this.lastDataAt >= quietMs) {
				break;
			}

			if (now - start > timeoutMs) {
				break;
			}
		}

		await this.#pending;
	}

	/**
	 * Resolves once `predicate` holds (or rejects after `timeoutMs`). It is checked as soon as
	 * each piece of output is on the screen (the start-up benchmark times this), and every
	 * 20 ms for predicates about anything else.
	 */
	async waitFor(predicate: () => boolean, timeoutMs = 10_000): Promise<void> {
		const start = performance.now();
		await this.#pending;
		while (!predicate()) {
			if (performance.now() - start > timeoutMs) {
				throw new Error('timed out waiting for the screen');
			}

			await new Promise<void>(resolve => {
				const wake = () => {
					clearTimeout(timer);
					this.#fed.delete(wake);
					resolve();
				};

				const timer = setTimeout(wake, 20);
				this.#fed.add(wake);
			});
			await this.#pending;
		}
	}

	async exited(timeoutMs = 10_000): Promise<number> {
		const timeout = new Promise<number>((_, reject) => {
			setTimeout(() => reject(new Error('the program did not exit')), timeoutMs).unref();
		});
		const code = await Promise.race([this.#exited, timeout]);
		await this.#pending;
		return code;
	}

	kill(): void {
		try {
			this.process.kill();
		} catch {
			// Already gone.
		}
	}
}
