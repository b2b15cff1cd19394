/**
 * The built CLI in a real pseudo-terminal, its output fed into a real terminal emulator
 * (@xterm/headless), so tests assert on the cells a user would see.
 */
import {mkdtempSync, readFileSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import process from 'node:process';
import {fileURLToPath} from 'node:url';
import pty from '@lydell/node-pty';
import xterm from '@xterm/headless';
import {childEnv} from '../../helpers/child-env.js';
import {cellStyles} from '../../helpers/xterm-screen.js';

const root = fileURLToPath(new URL('../../..', import.meta.url));

export type Screen = {
	/** Each row's text, trailing spaces kept. */
	rows(): string[];
	text(): string;
	/** Row `y` cell by cell (a wide character's second cell is ''; marks stay with their letter). */
	cells(y: number): string[];
	/** Row `y`'s style cell by cell, as test/helpers/xterm-screen.ts' cellStyles writes it. */
	styles(y: number): string[];
	bufferType(): string;
	cursorHidden(): boolean;
	/** The terminal's cursor, hidden or not: row and column from 0. */
	cursor(): {row: number; col: number};
	/** Bytes the program wrote, everything since start. */
	output(): string;
	/** Payloads of OSC 52 (clipboard) sequences the terminal received. */
	clipboard(): string[];
	write(data: string): void;
	resize(columns: number, rows: number): void;
	/** Waits until `test` holds for the screen (checked after each write); throws with the screen on timeout. */
	waitFor(test: (screen: Screen) => boolean, what: string, timeoutMs?: number): Promise<void>;
	waitForExit(timeoutMs?: number): Promise<number>;
	/** Waits until the program has written nothing for `quietMs` (a frame fully drawn). */
	settle(quietMs?: number): Promise<void>;
	/** Waits until the process is stopped (Linux /proc state T), as after SIGSTOP. */
	waitForStopped(timeoutMs?: number): Promise<void>;
	pid: number;
	kill(signal?: string): void;
	dispose(): void;
	home: string;
};

export type StartOptions = {
	args: string[];
	columns?: number;
	rows?: number;
	env?: Record<string, string>;
	/** Use `node --import tsx source/cli.tsx` instead of the built dist/cli.js. */
	fromSource?: boolean;
	/** A shell command line to run instead (for pipes); `args` is then ignored. */
	shell?: string;
	/** Reuse a home folder (config, state, cache) from an earlier run; it is then not removed. */
	home?: string;
};

export function entryArgs(fromSource: boolean): string[] {
	return fromSource ? ['--import', 'tsx', path.join(root, 'source/cli.tsx')] : [path.join(root, 'dist/cli.js')];
}

export function start(options: StartOptions): Screen {
	const columns = options.columns ?? 100;
	const rows = options.rows ?? 30;
	const home = options.home ?? mkdtempSync(path.join(tmpdir(), 'akhbar-e2e-'));
	// Ink writes nothing until exit under CI=true.
	const env = childEnv(home, {drop: key => key === 'CI' || key.startsWith('VITEST') || key === 'NODE_ENV' || key === 'TMUX' || key === 'NO_COLOR', state: true}, options.env);
	const terminal = new xterm.Terminal({cols: columns, rows, allowProposedApi: true, scrollback: 1000});
	const clipboard: string[] = [];
	// xterm has no clipboard of its own: record what would have been copied.
	terminal.parser.registerOscHandler(52, data => {
		clipboard.push(data);
		return true;
	});
	let output = '';
	let lastData = Date.now();
	let exitCode: number | undefined;
	const exitWaiters: Array<(code: number) => void> = [];
	const watchers = new Set<() => void>();
	const [file, argv] = options.shell === undefined
		? [process.execPath, [...entryArgs(options.fromSource ?? false), ...options.args]]
		: ['/bin/sh', ['-c', options.shell]];
	const child = pty.spawn(file, argv, {
		name: 'xterm-256color',
		cols: columns,
		rows,
		cwd: root,
		env,
	});
	child.onData(data => {
		output += data;
		lastData = Date.now();
		terminal.write(data, () => {
			for (const watcher of watchers) watcher();
		});
	});
	child.onExit(({exitCode: code}) => {
		exitCode = code;
		// Let the last bytes reach the emulator first.
		terminal.write('', () => {
			for (const waiter of exitWaiters) waiter(code);
		});
	});

	const screen: Screen = {
		home,
		pid: child.pid,
		rows() {
			const buffer = terminal.buffer.active;
			const lines: string[] = [];
			for (let y = 0; y < terminal.rows; y++) {
				lines.push(buffer.getLine(buffer.viewportY + y)?.translateToString(false) ?? '');
			}

			return lines;
		},
		text() {
			return screen.rows().join('\n');
		},
		cells(y) {
			const buffer = terminal.buffer.active;
			const line = buffer.getLine(buffer.viewportY + y);
			const cells: string[] = [];
			for (let x = 0; x < terminal.cols; x++) {
				const cell = line?.getCell(x);
				cells.push(cell ? (cell.getWidth() === 0 ? '' : (cell.getChars() || ' ')) : ' ');
			}

			return cells;
		},
		styles: y => cellStyles(terminal, y),
		bufferType: () => terminal.buffer.active.type,
		cursorHidden() {
			// xterm's private mode 25 state is not public API; read it from the core.
			const core = (terminal as unknown as {_core: {coreService: {isCursorHidden: boolean}}})._core;
			return core.coreService.isCursorHidden;
		},
		cursor: () => ({row: terminal.buffer.active.cursorY, col: terminal.buffer.active.cursorX}),
		output: () => output,
		clipboard: () => [...clipboard],
		write(data) {
			child.write(data);
		},
		resize(newColumns, newRows) {
			terminal.resize(newColumns, newRows);
			child.resize(newColumns, newRows);
		},
		async waitFor(test, what, timeoutMs = 10_000) {
			if (test(screen)) return;
			await new Promise<void>((resolve, reject) => {
				const timer = setTimeout(() => {
					watchers.delete(check);
					reject(new Error(`timed out waiting for ${what}; screen:\n${screen.text()}`));
				}, timeoutMs);
				const check = () => {
					if (test(screen)) {
						clearTimeout(timer);
						watchers.delete(check);
						resolve();
					}
				};

				watchers.add(check);
			});
		},
		async waitForExit(timeoutMs = 10_000) {
			if (exitCode !== undefined) return exitCode;
			return new Promise<number>((resolve, reject) => {
				const timer = setTimeout(() => reject(new Error(`the reader did not exit; screen:\n${screen.text()}`)), timeoutMs);
				exitWaiters.push(code => {
					clearTimeout(timer);
					resolve(code);
				});
			});
		},
		async settle(quietMs = 150) {
			while (Date.now() - lastData < quietMs) {
				// eslint-disable-next-line no-await-in-loop -- waiting for quiet
				await new Promise(resolve => {
					setTimeout(resolve, quietMs - (Date.now() - lastData) + 5);
				});
			}

			await new Promise<void>(resolve => {
				terminal.write('', resolve);
			});
		},
		async waitForStopped(timeoutMs = 10_000) {
			const deadline = Date.now() + timeoutMs;
			for (;;) {
				const stat = readFileSync(`/proc/${child.pid}/stat`, 'utf8');
				// The state follows the parenthesized command name.
				if (/\) T /.test(stat)) return;
				if (Date.now() > deadline) throw new Error(`process ${child.pid} did not stop: ${stat}`);
				// eslint-disable-next-line no-await-in-loop -- polling the kernel's view
				await new Promise(resolve => {
					setTimeout(resolve, 20);
				});
			}
		},
		kill(signal = 'SIGTERM') {
			process.kill(child.pid, signal);
		},
		dispose() {
			try {
				if (exitCode === undefined) child.kill('SIGKILL');
			} catch {
				// Gone already.
			}

			terminal.dispose();
			if (options.home === undefined) rmSync(home, {recursive: true, force: true});
		},
	};
	return screen;
}
