/**
 * Everything the reader does to the terminal outside Ink's frame: the alternate screen, the
 * cursor, the terminal's own bidi (CSI 8 l / h, through tmux when inside it), keys from
 * /dev/tty when stdin is a pipe, suspend and resume, and putting everything back on every way
 * out (q, Ctrl+C, SIGINT, SIGTERM, SIGHUP, an uncaught exception).
 *
 * Ink 6.8 has no alternate-screen option, so the reader switches screens itself (and draws
 * through screen/writer.ts, which lets the frame take every row).
 */
import fs from 'node:fs';
import process from 'node:process';
import tty from 'node:tty';
import {detectTerminalBidi, explicitBidi, implicitBidi, type BidiMode, type TerminalBidi} from './bidi-mode.js';

const esc = '\u001B';
export const enterAltScreen = `${esc}[?1049h${esc}[H${esc}[2J`;
export const leaveAltScreen = `${esc}[?1049l`;
export const hideCursor = `${esc}[?25l`;
export const showCursor = `${esc}[?25h`;
/** Erase the screen and home the cursor: a full redraw starts here. */
export const clearScreen = `${esc}[H${esc}[2J`;

export type TerminalInfo = {
	bidi: TerminalBidi;
	/** Inside tmux: control sequences for the outer terminal go through DCS passthrough. */
	tmux: boolean;
	/** Over SSH: no local browser to open. */
	ssh: boolean;
	/** The locale promises UTF-8 (else Arabic turns into `?` or `_`). */
	utf8: boolean;
	/** The locale variable that decided, for the warning. */
	locale: string;
};

export function detectTerminal(env: NodeJS.ProcessEnv, platform: NodeJS.Platform = process.platform): TerminalInfo {
	const locale = env['LC_ALL'] || env['LC_CTYPE'] || env['LANG'] || '';
	return {
		bidi: detectTerminalBidi(env),
		tmux: Boolean(env['TMUX']),
		ssh: Boolean(env['SSH_CONNECTION'] || env['SSH_TTY'] || env['SSH_CLIENT']),
		// Windows consoles take UTF-16 from Node whatever the locale says.
		utf8: platform === 'win32' || /utf-?8/i.test(locale),
		locale,
	};
}

/** One line for the status bar when the locale is not UTF-8, else undefined. */
export function localeWarning(info: TerminalInfo): string | undefined {
	if (info.utf8) {
		return undefined;
	}

	const shown = info.locale === '' ? 'no LANG' : `LANG=${info.locale.replaceAll(/[^\w.@-]/g, '')}`;
	return `locale is not UTF-8 (${shown}): Arabic may show as ? or _; try LANG=C.UTF-8`;
}

/**
 * tmux passthrough: `ESC P tmux; <sequence with every ESC doubled> ESC \`. tmux forwards it to
 * the outer terminal only with `set -g allow-passthrough on`.
 */
export function tmuxPassthrough(sequence: string): string {
	return `${esc}Ptmux;${sequence.replaceAll(esc, esc + esc)}${esc}\\`;
}

/** A sequence for the outer terminal: as is, and through tmux too when inside it. */
export function forTerminal(sequence: string, info: Pick<TerminalInfo, 'tmux'>): string {
	return info.tmux ? sequence + tmuxPassthrough(sequence) : sequence;
}

/**
 * The terminal's bidi mode for how we draw: explicit (`CSI 8 l`, do not reorder) when the app
 * reorders or nobody should; implicit when the terminal is to do it. Sent whatever the
 * environment says, since VTE_VERSION does not cross SSH and the sequence is ignored where
 * it is unknown.
 */
export function bidiSequence(mode: BidiMode, info: Pick<TerminalInfo, 'tmux'>): string {
	return forTerminal(mode === 'terminal' ? implicitBidi : explicitBidi, info);
}

export function enterSequence(mode: BidiMode, info: Pick<TerminalInfo, 'tmux'>): string {
	return enterAltScreen + hideCursor + bidiSequence(mode, info);
}

/** Implicit bidi is every terminal's default: that is what we leave behind. */
export function leaveSequence(info: Pick<TerminalInfo, 'tmux'>): string {
	return showCursor + leaveAltScreen + forTerminal(implicitBidi, info);
}

/** OSC 52: put text on the clipboard of the terminal (even over SSH). */
export function clipboardSequence(text: string, info: Pick<TerminalInfo, 'tmux'>): string {
	return forTerminal(`${esc}]52;c;${Buffer.from(text, 'utf8').toString('base64')}\u0007`, info);
}

/**
 * Asks the terminal for its size again and emits 'resize' when it changed. A resize while we
 * were stopped (Ctrl+Z) is signalled to the shell, the foreground job then, never to us: on
 * SIGCONT the size Node remembers may be stale. Node's public `getWindowSize()` only returns
 * the remembered size; `_refreshSize()` (every Node since 0.x) asks the terminal.
 */
export function refreshSize(stream: NodeJS.WritableStream): void {
	const tty = stream as NodeJS.WritableStream & {isTTY?: boolean; _refreshSize?: () => void};
	if (!tty.isTTY || typeof tty._refreshSize !== 'function') return;
	try {
		tty._refreshSize();
	} catch {
		// The terminal is gone; the next write will say so.
	}
}

export type Keyboard = {stream: NodeJS.ReadStream; close(): void};

/**
 * Where keys come from: stdin when it is a terminal, else /dev/tty (as `less` does when the
 * text arrives on a pipe). Undefined when there is no terminal to read from.
 */
export function openKeyboard(stdin: NodeJS.ReadStream): Keyboard | undefined {
	if (stdin.isTTY) {
		return {stream: stdin, close() {}};
	}

	try {
		const fd = fs.openSync('/dev/tty', 'r');
		if (!tty.isatty(fd)) {
			fs.closeSync(fd);
			return undefined;
		}

		const stream = new tty.ReadStream(fd);
		return {
			stream: stream as NodeJS.ReadStream,
			close() {
				stream.destroy();
			},
		};
	} catch {
		return undefined;
	}
}

type Output = NodeJS.WritableStream;

export type SessionOptions = {
	out: Output;
	keys: NodeJS.ReadStream;
	info: TerminalInfo;
	bidi: BidiMode;
	/** The process to stop and to listen on; tests pass a fake. */
	proc?: Pick<NodeJS.Process, 'on' | 'off' | 'kill' | 'pid'>;
};

/**
 * The terminal as the reader found it and as it must be left. `enter` and `leave` are
 * idempotent, so every exit path may call `leave` without caring whether another did.
 */
export class TerminalSession {
	#out: Output;
	#keys: NodeJS.ReadStream;
	#info: TerminalInfo;
	#bidi: BidiMode;
	#proc: Pick<NodeJS.Process, 'on' | 'off' | 'kill' | 'pid'>;
	#entered = false;
	#suspended = false;
	#resumeListeners = new Set<() => void>();
	#releaseListeners = new Set<() => void>();

	constructor(options: SessionOptions) {
		this.#out = options.out;
		this.#keys = options.keys;
		this.#info = options.info;
		this.#bidi = options.bidi;
		this.#proc = options.proc ?? process;
	}

	get info(): TerminalInfo {
		return this.#info;
	}

	get entered(): boolean {
		return this.#entered;
	}

	#write(text: string): void {
		try {
			this.#out.write(text);
		} catch {
			// A terminal that went away (SIGHUP) cannot be restored; nothing else to do.
		}
	}

	#raw(on: boolean): void {
		try {
			if (this.#keys.isTTY) {
				this.#keys.setRawMode(on);
			}
		} catch {
			// As above: the terminal may be gone.
		}
	}

	/**
	 * The alternate screen, and raw keys with it: from the first frame on, a key typed is
	 * neither echoed nor held for a line, even before the app starts reading keys.
	 */
	enter(): void {
		if (this.#entered) return;
		this.#entered = true;
		this.#raw(true);
		this.#write(enterSequence(this.#bidi, this.#info));
	}

	leave(): void {
		if (!this.#entered) return;
		this.#entered = false;
		this.#write(leaveSequence(this.#info));
		this.#raw(false);
	}

	/** The user changed the bidi preference: tell the terminal at once. */
	setBidi(mode: BidiMode): void {
		this.#bidi = mode;
		if (this.#entered) {
			this.#write(bidiSequence(mode, this.#info));
		}
	}

	copy(text: string): void {
		this.#write(clipboardSequence(text, this.#info));
	}

	/** Called after the terminal was given back to us (SIGCONT): the app redraws everything. */
	onResume(listener: () => void): () => void {
		this.#resumeListeners.add(listener);
		return () => this.#resumeListeners.delete(listener);
	}

	/** Called just before the terminal is lent to someone else: stop drawing. */
	onRelease(listener: () => void): () => void {
		this.#releaseListeners.add(listener);
		return () => this.#releaseListeners.delete(listener);
	}

	/**
	 * Lend the terminal to someone else (a shell after Ctrl+Z, a terminal browser): leave the
	 * alternate screen, cooked mode, cursor shown.
	 */
	release(): void {
		for (const listener of this.#releaseListeners) {
			listener();
		}

		this.leave();
	}

	/** Take the terminal back after `release`, and ask the app for a full redraw. */
	reclaim(): void {
		this.enter();
		for (const listener of this.#resumeListeners) {
			listener();
		}
	}

	/** Ctrl+Z: give the terminal back to the shell and stop; SIGCONT brings us back. */
	suspend(): void {
		this.release();
		this.#suspended = true;
		this.#proc.kill(this.#proc.pid, 'SIGSTOP');
	}

	/**
	 * SIGCONT: after our own suspend, or after someone stopped us from outside, the screen is
	 * not what we left: take it back and redraw.
	 */
	readonly #onContinue = () => {
		this.#suspended = false;
		this.reclaim();
	};

	readonly #onStop = () => {
		this.suspend();
	};

	/** Listens for SIGCONT and SIGTSTP (a `kill -TSTP` from outside; Ctrl+Z arrives as a key). */
	listen(): () => void {
		this.#proc.on('SIGCONT', this.#onContinue);
		this.#proc.on('SIGTSTP', this.#onStop);
		return () => {
			this.#proc.off('SIGCONT', this.#onContinue);
			this.#proc.off('SIGTSTP', this.#onStop);
		};
	}

	get suspended(): boolean {
		return this.#suspended;
	}
}

/** Signals that end the reader, and the exit status a shell expects for each. */
export const fatalSignals = {SIGINT: 130, SIGTERM: 143, SIGHUP: 129} as const;
export type FatalSignal = keyof typeof fatalSignals;
