import {Writable} from 'node:stream';
import {afterEach, describe, expect, it, vi} from 'vitest';
import {FrameWriter} from '../../source/screen/writer.js';

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
});
