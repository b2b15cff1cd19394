import {Writable} from 'node:stream';
import {describe, expect, it} from 'vitest';
import {explicitBidi, implicitBidi} from '../../source/bidi-mode.js';
import {failureLine, parseRefreshArgs, ProgressLine, summary} from '../../source/commands/refresh.js';
import {findSource} from '../../source/commands/search.js';
import {defaultTextOptions} from '../../source/text/options.js';
import {cellWidth} from '../../source/text/width.js';

/** A terminal-like stream that keeps what is written. */
function terminal(columns: number): Writable & {columns: number; isTTY: true; written: string} {
	const stream = new Writable({
		write(chunk: Buffer, _encoding, done) {
			stream.written += chunk.toString();
			done();
		},
	}) as Writable & {columns: number; isTTY: true; written: string};
	Object.assign(stream, {columns, isTTY: true, written: ''});
	return stream;
}

const visible = (line: string) => line.replaceAll(explicitBidi, '').replaceAll(implicitBidi, '');

describe('the progress line', () => {
	it('fits the terminal less its last column, whatever the name; names come out without controls or bidi overrides', () => {
		for (const columns of [20, 40, 80, 200]) {
			const line = new ProgressLine(terminal(columns), defaultTextOptions).render({done: 3, total: 120, failed: 2, inFlight: [`${'اسم طويل جدا للمصدر '.repeat(12)}\u202E\u001B[2J`, 'ثان']});
			expect(cellWidth(visible(line)), String(columns)).toBeLessThanOrEqual(columns - 1);
			expect(visible(line)).toMatch(columns >= 55 ? /^\[[#.]+\] 3\/120 {2}2 failed/u : /^3\/120 {2}2 failed/u);
			expect(line).not.toMatch(/[\u202E\u0000-\u0008\u000A-\u001A\u001C-\u001F]/u);
		}
	});

	it('shapes an Arabic name and puts it in visual order, as print does', () => {
		const line = new ProgressLine(terminal(80), defaultTextOptions).render({done: 1, total: 2, failed: 0, inFlight: ['الجزيرة']});
		expect(line.startsWith(explicitBidi)).toBe(true);
		// Presentation forms (shaped), last letter first (visual order).
		expect(visible(line)).toMatch(/\uFE93[\uFE00-\uFEFF]+\uFE8D$/u);
	});

	it('is redrawn in place, a failure printed above it', () => {
		const stream = terminal(60);
		const bar = new ProgressLine(stream, {...defaultTextOptions, bidi: 'terminal'});
		bar.draw({done: 0, total: 2, failed: 0, inFlight: ['a']});
		bar.above('akhbar: a: HTTP 404 Not Found\n');
		bar.clear();
		expect(stream.written).toBe('\r\u001B[2K[..........] 0/2  a\r\u001B[2Kakhbar: a: HTTP 404 Not Found\n\r\u001B[2K[..........] 0/2  a\r\u001B[2K');
	});
});

describe('lines and arguments', () => {
	it('a failure names the source (its name and address) in one clean line', () => {
		expect(failureLine({spec: 'https://a.example/', name: 'أ\u202E', status: 'failed', added: 0, error: 'HTTP 500\nmore'})).toBe('أ (https://a.example/): HTTP 500 more');
		expect(failureLine({spec: 'https://a.example/', name: 'https://a.example/', status: 'failed', added: 0, error: 'refused'})).toBe('https://a.example/: refused');
	});

	it('the summary counts each status and the new items', () => {
		expect(summary([
			{spec: 'a', name: 'a', status: 'updated', added: 3},
			{spec: 'b', name: 'b', status: 'updated', added: 1},
			{spec: 'c', name: 'c', status: 'unchanged', added: 0},
			{spec: 'd', name: 'd', status: 'failed', added: 0, error: 'x'},
		], 2.04)).toBe('refreshed 4 sources in 2.0 s: 2 updated (4 new items), 1 unchanged, 1 failed');
	});

	it('--jobs takes a whole number from 1 to 64', () => {
		expect(parseRefreshArgs([])).toEqual({});
		expect(parseRefreshArgs(['--jobs', '12'])).toEqual({jobs: 12});
		expect(parseRefreshArgs(['-j', '1'])).toEqual({jobs: 1});
		expect(parseRefreshArgs(['--jobs=64'])).toEqual({jobs: 64});
		expect(parseRefreshArgs(['--help'])).toEqual({help: true});
		for (const bad of [['--jobs', '0'], ['--jobs', '65'], ['--jobs', '2.5'], ['--jobs', '-1'], ['--jobs'], ['--jobs='], ['--frob'], ['x']]) {
			expect(() => parseRefreshArgs(bad), bad.join(' ')).toThrow();
		}
	});

	it('search --source: a number, an address (normalized) or a name, any case', () => {
		const sources = [{url: 'https://a.example/rss', name: 'Alpha'}, {url: 'https://b.example/', name: 'الثاني'}];
		expect(findSource(sources, '2')).toBe(sources[1]);
		expect(findSource(sources, 'HTTPS://A.example/rss')).toBe(sources[0]);
		expect(findSource(sources, 'alpha')).toBe(sources[0]);
		expect(findSource(sources, ' الثاني ')).toBe(sources[1]);
		expect(findSource(sources, '3')).toBeUndefined();
		expect(findSource(sources, 'gamma')).toBeUndefined();
	});
});
