/**
 * Lending the keyboard to another program (a terminal browser): nothing may read it meanwhile,
 * not even Ink's read loop, which asks the stream for more after the key that lent it.
 */
import {Readable} from 'node:stream';
import {describe, expect, it} from 'vitest';
import {pauseReading, resumeReading} from '../source/reader.js';

const tick = async () => new Promise(resolve => {
	setImmediate(resolve);
});

describe('lending the keys', () => {
	it('asks the stream for nothing between pause and resume, even from inside a read loop', async () => {
		let asked = 0;
		const keys = new Readable({
			read() {
				asked++;
			},
		});
		// A tty's handle, reading: pausing stops it, and any _read would start it again.
		let stopped = 0;
		Object.assign(keys, {_handle: {reading: true, readStop() {
			stopped++;
		}}});
		const got: string[] = [];
		let atPause = -1;
		keys.on('readable', () => {
			// Ink's loop: read until the stream is empty.
			let chunk: Buffer | null;
			while ((chunk = keys.read() as Buffer | null) !== null) {
				got.push(chunk.toString());
				if (chunk.toString() === 'o') {
					pauseReading(keys as unknown as NodeJS.ReadStream);
					atPause = asked;
				}
			}
		});
		keys.push('o');
		await tick();
		await tick();
		expect(got).toEqual(['o']);
		expect(stopped).toBe(1);
		expect(asked).toBe(atPause);

		resumeReading(keys as unknown as NodeJS.ReadStream);
		expect(asked).toBe(atPause + 1);
		keys.push('j');
		await tick();
		expect(got).toEqual(['o', 'j']);
	});
});
