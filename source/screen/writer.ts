/**
 * The stdout Ink writes to. Ink runs in debug mode, so every render hands us the whole frame
 * and nothing else (no erase sequences, no clearing of the scrollback when the frame is tall,
 * no silence under CI=true); we keep the screen as cells and send the terminal only the cells
 * that changed, at most `maxFps` times a second. After each frame the (hidden) cursor is put
 * where the app says the reader's eyes are (`placeCursor`), for screen magnifiers and braille
 * displays; that costs no byte when it is there already.
 */
import {EventEmitter} from 'node:events';
import {type CellPosition, type Frame, cursorMove, diffFramesAt, parseFrame} from './diff.js';

export type Terminal = NodeJS.WritableStream & {columns?: number; rows?: number; isTTY?: boolean};

export type FrameWriterOptions = {
	/** Frames per second at most; a burst of renders in between becomes one write. */
	maxFps?: number;
	/** Called with each frame text as it reaches the screen (tests check the screen equals it). */
	onFrame?: (frame: string) => void;
};

export class FrameWriter extends EventEmitter {
	/** Ink reads these, so it lays out to the real terminal's size. */
	columns: number;
	rows: number;
	readonly isTTY = true;
	#terminal: Terminal;
	#shown: Frame | undefined;
	#pending: string | undefined;
	#timer: NodeJS.Timeout | NodeJS.Immediate | undefined;
	#lastFlush = 0;
	#interval: number;
	#onFrame: ((frame: string) => void) | undefined;
	#paused = false;
	/** Where the cursor should be after each frame; undefined: wherever drawing left it. */
	#cursorTarget: CellPosition | undefined;
	/** Where the terminal's cursor is, as far as we know. */
	#cursorAt: CellPosition | undefined;
	/** Bytes sent to the terminal so far (for the benchmarks). */
	bytesWritten = 0;

	constructor(terminal: Terminal, options: FrameWriterOptions = {}) {
		super();
		this.#terminal = terminal;
		this.columns = terminal.columns ?? 80;
		this.rows = terminal.rows ?? 24;
		this.#interval = 1000 / (options.maxFps ?? 30);
		this.#onFrame = options.onFrame;
	}

	/** Ink's only way of talking to us: one whole frame per call. */
	write(chunk: string | Uint8Array, encoding?: unknown, callback?: () => void): boolean {
		this.#pending = typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
		if (this.#lastText === undefined) {
			// The first frame is drawn at once: there is nothing yet to merge it with, and at
			// start-up the next turn of the event loop can be tens of milliseconds away.
			this.flush();
		} else {
			this.#schedule();
		}

		const done = typeof encoding === 'function' ? (encoding as () => void) : callback;
		done?.();
		return true;
	}

	/** Where the cursor goes after each frame (a cell of the frame), or undefined to leave it. */
	placeCursor(at: CellPosition | undefined): void {
		if (at?.row === this.#cursorTarget?.row && at?.col === this.#cursorTarget?.col) {
			return;
		}

		this.#cursorTarget = at;
		// A frame on its way places the cursor after it; else the move goes now. It is a few
		// bytes, and waiting for the frame interval would leave it one interval behind the frame.
		if (this.#timer || this.#paused || !this.#shown) return;
		this.#send(this.#placeCursor());
	}

	/** Follow a resize: the old cells mean nothing now, so the next frame is drawn whole. */
	resize(columns: number, rows: number): void {
		this.columns = columns;
		this.rows = rows;
		this.invalidate();
		this.emit('resize');
	}

	/** Forget what is on screen (after Ctrl+L, a resume, or another program used the terminal). */
	invalidate(): void {
		this.#shown = undefined;
		this.#cursorAt = undefined;
		if (!this.#paused) {
			this.#send('\u001B[m\u001B[H\u001B[2J');
			this.#cursorAt = {row: 0, col: 0};
		}

		this.#schedule();
	}

	/** Stop drawing while another program owns the terminal (a browser, Ctrl+Z). */
	pause(): void {
		this.#paused = true;
		this.#cursorAt = undefined;
		this.#cancel();
	}

	resume(): void {
		this.#paused = false;
		this.invalidate();
	}

	/** Draws any pending frame now (before exit, or when a test wants the screen settled). */
	flush(): void {
		this.#cancel();
		if (this.#paused) {
			return;
		}

		const text = this.#pending ?? (this.#shown ? undefined : this.#lastText);
		this.#pending = undefined;
		if (text === undefined) {
			// Only the cursor may have somewhere else to be.
			this.#send(this.#placeCursor());
			return;
		}

		this.#lastText = text;
		const frame = parseFrame(text, this.#shown, this.columns);
		const {text: out, at} = diffFramesAt(this.#shown, frame, this.rows, this.#cursorAt);
		this.#cursorAt = at;
		this.#shown = frame;
		this.#lastFlush = performance.now();
		this.#send(out + this.#placeCursor());
		this.#onFrame?.(text);
	}

	/** The move that puts the cursor on its target (inside the screen), '' when it is there or has none. */
	#placeCursor(): string {
		const target = this.#cursorTarget;
		if (!target || target.row >= this.rows || target.col >= this.columns || target.row < 0 || target.col < 0) {
			return '';
		}

		const move = cursorMove(this.#cursorAt, target);
		this.#cursorAt = {...target};
		return move;
	}

	#lastText: string | undefined;

	#send(text: string): void {
		if (text !== '') {
			this.bytesWritten += Buffer.byteLength(text);
			this.#terminal.write(text);
		}
	}

	#schedule(): void {
		if (this.#timer || this.#paused) {
			return;
		}

		const wait = this.#interval - (performance.now() - this.#lastFlush);
		this.#timer = wait <= 0 ? setImmediate(() => this.flush()) : setTimeout(() => this.flush(), wait);
	}

	#cancel(): void {
		if (this.#timer) {
			clearTimeout(this.#timer as NodeJS.Timeout);
			clearImmediate(this.#timer as NodeJS.Immediate);
			this.#timer = undefined;
		}
	}
}
