import {Writable} from 'node:stream';
import {afterEach, describe, expect, it, vi} from 'vitest';
import {FrameWriter} from '../../source/screen/writer.js';
import {createTerminal, feed} from '../helpers/xterm-screen.js';

class Screen extends Writable {
	columns = 20;
	rows = 5;
	writes: string[] = [];
	override _write(chunk: Buffer, _encoding: string, done: () => void): void {
		this.writes.push(chunk.toString('utf8'));
		done();
	}
}

afterEach(() => {
	vi.useRealTimers();
});

describe('FrameWriter', () => {
	it('draws the first frame during the write, at once', () => {
		const screen = new Screen();
		const frames: string[] = [];
		const writer = new FrameWriter(screen, {maxFps: 20, onFrame: frame => frames.push(frame)});
		writer.write('first\nframe');
		expect(frames).toEqual(['first\nframe']);
		expect(screen.writes.join('')).toContain('first');
	});

	it('merges the frames that follow into one write at most maxFps times a second', () => {
		vi.useFakeTimers();
		const screen = new Screen();
		const frames: string[] = [];
		const writer = new FrameWriter(screen, {maxFps: 20, onFrame: frame => frames.push(frame)});
		writer.write('one');
		writer.write('two');
		writer.write('three');
		expect(frames).toEqual(['one']);
		vi.advanceTimersByTime(49);
		expect(frames).toEqual(['one']);
		vi.advanceTimersByTime(1);
		expect(frames).toEqual(['one', 'three']);
	});

	it('draws nothing while paused, and the whole frame again on resume', () => {
		vi.useFakeTimers();
		const screen = new Screen();
		const frames: string[] = [];
		const writer = new FrameWriter(screen, {maxFps: 20, onFrame: frame => frames.push(frame)});
		writer.write('one');
		writer.pause();
		writer.write('two');
		vi.advanceTimersByTime(200);
		expect(frames).toEqual(['one']);
		const before = screen.writes.length;
		writer.resume();
		vi.advanceTimersByTime(200);
		expect(frames).toEqual(['one', 'two']);
		expect(screen.writes.slice(before).join('')).toContain('\u001B[2J');
	});

	it('moves the cursor at once when only it moves, and with the frame when one is on its way', () => {
		vi.useFakeTimers();
		try {
			const screen = new Screen();
			const writer = new FrameWriter(screen, {maxFps: 20});
			writer.write('header\nthe selected one\nanother row');
			screen.writes.splice(0);
			// Just after a frame: the move does not wait out the frame interval (50 ms here).
			writer.placeCursor({row: 2, col: 3});
			expect(screen.writes.join('')).toMatch(/^\u001B\[[\d;]*[GH]$/);
			// A frame scheduled and the target changed before it goes: one write holds both.
			vi.advanceTimersByTime(100);
			screen.writes.splice(0);
			writer.write('header\nthe selected one\nanother row, changed');
			writer.placeCursor({row: 1, col: 5});
			expect(screen.writes).toEqual([]);
			vi.advanceTimersByTime(100);
			expect(screen.writes).toHaveLength(1);
			expect(screen.writes[0]).toMatch(/\u001B\[[\d;]*[GH]$/);
		} finally {
			vi.useRealTimers();
		}
	});

	it('puts the cursor on its target after every frame, and spends no byte when nothing moves', async () => {
		const screen = new Screen();
		const terminal = createTerminal(20, 5);
		const writer = new FrameWriter(screen, {maxFps: 20});
		const cursor = async () => {
			await feed(terminal, screen.writes.splice(0).join(''));
			return {row: terminal.buffer.active.cursorY, col: terminal.buffer.active.cursorX};
		};

		writer.placeCursor({row: 1, col: 7});
		writer.write('header\nthe selected one\nanother row');
		writer.flush();
		expect(await cursor()).toEqual({row: 1, col: 7});

		// A frame drawn elsewhere brings the cursor back where it was asked to be.
		writer.write('header\nthe selected one\nanother row changed');
		writer.flush();
		expect(await cursor()).toEqual({row: 1, col: 7});

		// The same frame and the same target: not a byte.
		const bytes = writer.bytesWritten;
		writer.write('header\nthe selected one\nanother row changed');
		writer.placeCursor({row: 1, col: 7});
		writer.flush();
		expect(writer.bytesWritten).toBe(bytes);

		// A new target and no change of frame: only the move.
		writer.placeCursor({row: 2, col: 3});
		writer.flush();
		expect(screen.writes.join('')).toBe('\u001B[3;4H');
		expect(await cursor()).toEqual({row: 2, col: 3});

		// After Ctrl+L (the screen cleared and drawn again) it is back too.
		writer.invalidate();
		writer.flush();
		expect(await cursor()).toEqual({row: 2, col: 3});
	});
});
