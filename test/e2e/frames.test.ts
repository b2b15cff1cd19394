/**
 * The frame writer must be exact: after every step of a session, the screen of a real
 * terminal emulator fed with everything the CLI wrote equals the last frame Ink produced,
 * cell by cell and style by style.
 */
import {existsSync, readFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {parseFrame} from '../../source/screen/diff.js';
import {PtySession, cliPath} from '../helpers/pty-session.js';
import {screenVersusRows} from '../helpers/xterm-screen.js';

const steps: Array<[string, (session: PtySession) => void]> = [
	['↓ in the headlines', session => session.write('\u001B[B')],
	['↓ again', session => session.write('j')],
	['Enter opens', session => session.write('\r')],
	['↓ scrolls the article', session => session.write('\u001B[B')],
	['PgDn', session => session.write('\u001B[6~')],
	['G to the end', session => session.write('G')],
	['g to the top', session => session.write('g')],
	['Tab', session => session.write('\t')],
	['5 jumps', session => session.write('5')],
	['/ search', session => session.write('/')],
	['typing a query', session => session.write('المكتبة')],
	['Enter runs it', session => session.write('\r')],
	['n next match', session => session.write('n')],
	['Esc', session => session.write('\u001B')],
	['? help', session => session.write('?')],
	['Esc closes help', session => session.write('\u001B')],
	['s settings', session => session.write('s')],
	['Esc closes settings', session => session.write('\u001B')],
	['narrower: one pane', session => session.resize(80, 24)],
	['↓ in one pane', session => session.write('\u001B[B')],
	['wider again', session => session.resize(120, 40)],
	['m toggles read', session => session.write('m')],
	['Ctrl+L redraws', session => session.write('\f')],
];

describe.skipIf(!existsSync(cliPath))('the frame writer in a real terminal', () => {
	it('leaves the screen exactly as the last frame after every step', async () => {
		const session = new PtySession({args: ['--demo'], cols: 100, rows: 30, env: {AKHBAR_FRAME_LOG: 'frames.log'}});
		const log = path.join(session.home, 'frames.log');
		const lastFrame = () => {
			const lines = readFileSync(log, 'utf8').trimEnd().split('\n');
			return {count: lines.length, frame: parseFrame(JSON.parse(lines.at(-1)!) as string, undefined, session.terminal.cols)};
		};

		try {
			await session.waitFor(() => existsSync(log));
			await session.settle(300);
			const checked: string[] = [];
			for (const [what, act] of [['first frame', () => undefined] as const, ...steps]) {
				session.lastDataAt = 0;
				act(session);
				await session.settle(150);
				const {frame} = lastFrame();
				expect(screenVersusRows(session.terminal, frame.rows), what).toEqual([]);
				checked.push(what);
			}

			expect(checked).toHaveLength(steps.length + 1);
			expect(lastFrame().count).toBeGreaterThan(steps.length / 2);
		} finally {
			session.write('q');
			await session.exited().catch(() => session.kill());
		}
	}, 60_000);
});
