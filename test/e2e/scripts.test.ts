/**
 * Persian, Urdu and Hebrew in the reader (the built CLI in a pseudo-terminal, read back from
 * @xterm/headless), from feeds written for the project (test/fixtures/scripts). Expected text is
 * spelt out in presentation forms, not computed by the engine under test.
 */
import {execFileSync} from 'node:child_process';
import {existsSync, readFileSync} from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {afterEach, beforeAll, describe, expect, it} from 'vitest';
import {start, type Screen} from './helpers/pty.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const fixture = (name: string) => path.join(root, 'test/fixtures/scripts', name);

beforeAll(() => {
	if (!existsSync(path.join(root, 'dist/cli.js'))) execFileSync(process.execPath, ['test/build.mjs'], {cwd: root});
});

let screen: Screen | undefined;
afterEach(() => {
	screen?.dispose();
	screen = undefined;
});

function run(file: string): Screen {
	screen = start({args: [fixture(file)], columns: 100, rows: 30});
	return screen;
}

const drawn = (s: Screen) => s.text().includes('◂') && s.rows().at(-1)!.trim() !== '' && s.cells(0).includes('│');
const pointerRow = (s: Screen) => s.rows().findIndex(row => row.includes('◂'));

describe('other right-to-left scripts in the reader', () => {
	it('Urdu: the headline صفحۂ shows its last letter joined, and so does the open article', async () => {
		const s = run('urdu.xml');
		await s.waitFor(drawn, 'the reader');
		const joined = '\uFBA7\u0654\uFEA4\uFED4\uFEBB';
		expect(s.rows()[pointerRow(s)]).toContain(joined);
		// The article beside the list: its title and paragraph too.
		const divider = s.cells(0).indexOf('│');
		const inArticle = (current: Screen) => current.rows().filter(row => row.slice(0, divider).includes(joined)).length;
		await s.waitFor(current => inArticle(current) >= 2, 'the article\'s title and paragraph joined');
	});

	it('Persian: a search typed with Arabic yeh finds the headline written with Persian yeh', async () => {
		const s = run('persian.xml');
		await s.waitFor(drawn, 'the reader');
		const first = pointerRow(s);
		s.write('/');
		s.write('پاييزي');
		s.write('\r');
		await s.waitFor(current => pointerRow(current) === first + 1, 'the second headline selected');
	});

	it('Hebrew: the list and the article read right to left, points on their letters', async () => {
		const s = run('hebrew.xml');
		await s.waitFor(drawn, 'the reader');
		// The title's first word in visual order: its last letter first, each point after its letter.
		const word = readFileSync(fixture('hebrew.xml'), 'utf8').match(/<entry>\s*<title>(\S+)/u)![1]!;
		expect(word).toContain('\u05BE');
		const clusters = word.match(/\P{M}\p{M}*/gu)!;
		expect(s.rows()[pointerRow(s)]).toContain(clusters.reverse().join(''));
	});
});
