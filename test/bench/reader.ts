/**
 * The reader measured the way an SSH user feels it: the built CLI in a pseudo-terminal at
 * 100×30, keys sent one at a time, the time until the frame is written and the bytes it took,
 * next to the least bytes that could produce the same change of screen (cell diff).
 */
import {spawnSync} from 'node:child_process';
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {PtySession, cliPath, sessionEnv} from '../helpers/pty-session.js';
import {layoutBlocks} from '../../source/text/layout.js';
import {defaultTextOptions} from '../../source/text/options.js';
import {cellStyles, type HeadlessTerminal} from '../helpers/xterm-screen.js';
import {latinize, newsParagraphs} from './corpus.js';

export const keys = {down: '\u001B[B', pageDown: '\u001B[6~', tab: '\t', enter: '\r', quit: 'q'} as const;

type Cells = Array<Array<{char: string; style: string}>>;

function snapshot(terminal: HeadlessTerminal): Cells {
	const buffer = terminal.buffer.active;
	const rows: Cells = [];
	for (let y = 0; y < terminal.rows; y++) {
		const line = buffer.getLine(buffer.viewportY + y);
		const styles = cellStyles(terminal, y);
		const row = [];
		for (let x = 0; x < terminal.cols; x++) {
			row.push({char: line?.getCell(x)?.getChars() ?? '', style: styles[x] ?? ''});
		}

		rows.push(row);
	}

	return rows;
}

/**
 * The least bytes for a change of screen: per changed row, the UTF-8 of the span from its
 * first to its last changed cell, plus 8 bytes for the cursor move and style.
 */
export function idealBytes(before: Cells, after: Cells): number {
	let total = 0;
	for (const [y, row] of after.entries()) {
		const old = before[y]!;
		let first = -1;
		let last = -1;
		for (const [x, cell] of row.entries()) {
			const previous = old[x]!;
			if ((cell.char || ' ') !== (previous.char || ' ') || cell.style !== previous.style) {
				if (first === -1) {
					first = x;
				}

				last = x;
			}
		}

		if (first !== -1) {
			total += 8 + Buffer.byteLength(row.slice(first, last + 1).map(cell => cell.char || (cell.style === 'continuation' ? '' : ' ')).join(''));
		}
	}

	return total;
}

type KeyResult = {bytes: number; ideal: number; ms: number};

/** Sends one key and waits for the screen to settle. */
export async function press(session: PtySession, key: string): Promise<KeyResult> {
	await session.settle(40);
	const before = snapshot(session.terminal);
	const bytesBefore = session.bytes;
	const sent = performance.now();
	session.lastDataAt = 0;
	session.write(key);
	await session.settle(60);
	const after = snapshot(session.terminal);
	return {
		bytes: session.bytes - bytesBefore,
		ideal: idealBytes(before, after),
		ms: session.lastDataAt > 0 ? session.lastDataAt - sent : Number.NaN,
	};
}

export const median = (values: number[]) => {
	const sorted = values.filter(Number.isFinite).sort((a, b) => a - b);
	return sorted.length === 0 ? Number.NaN : sorted[Math.floor(sorted.length / 2)]!;
};

/** Paragraphs that lay out to about `lines` lines at the article pane's width (60 cells). */
function paragraphsForLines(lines: number, latin: boolean): string[] {
	const chosen: string[] = [];
	let count = 0;
	for (const paragraph of newsParagraphs(lines * 200)) {
		const text = latin ? latinize(paragraph) : paragraph;
		chosen.push(text);
		count += layoutBlocks([{kind: 'paragraph', text}], 60, defaultTextOptions).length + 1;
		if (count >= lines) {
			break;
		}
	}

	return chosen;
}

/** A JSON Feed whose first item is about `lines` lines long, then 30 short items. */
export function feedFile(dir: string, name: string, lines: number, latin: boolean): string {
	const text = paragraphsForLines(lines, latin);
	const titles = newsParagraphs(20_000).map(p => (latin ? latinize(p) : p).slice(0, 60));
	const feed = {
		version: 'https://jsonfeed.org/version/1.1',
		title: latin ? 'Bench feed' : 'نشرة القياس',
		items: [
			{id: 'long', title: latin ? 'A long article' : 'مقال طويل للقياس', content_text: text.join('\n\n')},
			...titles.slice(0, 30).map((title, index) => ({
				id: `item-${index}`,
				title,
				content_text: titles.slice(index, index + 6).join('. '),
			})),
		],
	};
	const file = path.join(dir, `${name}.json`);
	writeFileSync(file, JSON.stringify(feed));
	return file;
}

async function open(file: string, cols = 100, rows = 30): Promise<PtySession> {
	const session = new PtySession({args: [file], cols, rows});
	await session.waitFor(() => session.bytes > 0);
	// The source loads after the first frame: wait until the screen has been quiet a while.
	await session.settle(500);
	return session;
}

/**
 * `presses`: how many ↓ to time. A ↓ past the article's end draws nothing, and waiting for a
 * frame that never comes costs 10 s: the 40-line article scrolls about a dozen times.
 */
export async function keyLatency(file: string, presses = 25): Promise<number> {
	const session = await open(file);
	// Enter opens the first (long) article and puts the focus on it.
	await press(session, keys.enter);
	const times: number[] = [];
	for (let index = 0; index < presses; index++) {
		times.push((await press(session, keys.down)).ms);
	}

	session.write(keys.quit);
	await session.exited().catch(() => session.kill());
	return median(times);
}

export function timeCommand(args: string[], runs: number, env: Record<string, string>): number {
	const times: number[] = [];
	for (let index = 0; index < runs; index++) {
		const start = performance.now();
		spawnSync(process.execPath, args, {env, stdio: 'ignore'});
		times.push(performance.now() - start);
	}

	return median(times);
}

/**
 * One start of the demo in `home`: the time until its first headline row is on the screen.
 * `stayMs`: how long it stays open after that, as a user's session would (the reader writes its
 * code cache about a second into a session that has none).
 */
export async function startupOnce(home: string, stayMs = 0): Promise<number> {
	const start = performance.now();
	const session = new PtySession({args: ['--demo'], home});
	await session.waitFor(() => session.terminal.buffer.active.getLine(3)?.translateToString(true).trim() !== '', 15_000);
	const ms = performance.now() - start;
	if (stayMs > 0) await new Promise(resolve => setTimeout(resolve, stayMs));
	session.write(keys.quit);
	await session.exited().catch(() => session.kill());
	return ms;
}

/** A home for demo starts, with the code cache a first session of ~2 s leaves. Remove it after. */
export async function demoHome(): Promise<string> {
	const home = mkdtempSync(path.join(tmpdir(), 'akhbar-bench-home-'));
	await startupOnce(home, 2000);
	return home;
}

/**
 * The demo's start: `warm`, the median of 11 in a home a first session has used (every start but
 * a user's very first, or the first after akhbar or Node changes); `cold`, the median of 5 in
 * fresh homes (no code cache: the reader's script is compiled from its source).
 */
async function startup(): Promise<{warm: number; cold: number}> {
	const colds: number[] = [];
	for (let index = 0; index < 5; index++) {
		const fresh = mkdtempSync(path.join(tmpdir(), 'akhbar-bench-home-'));
		try {
			colds.push(await startupOnce(fresh));
		} finally {
			rmSync(fresh, {recursive: true, force: true});
		}
	}

	const home = await demoHome();
	try {
		const times: number[] = [];
		for (let index = 0; index < 11; index++) {
			times.push(await startupOnce(home));
		}

		return {warm: median(times), cold: median(colds)};
	} finally {
		rmSync(home, {recursive: true, force: true});
	}
}

export type ReaderFigures = Record<string, number>;

/** The figures the library's goals are ratios of, alone (`npm run bench -- --library`). */
export async function baselineBench(): Promise<ReaderFigures> {
	const dir = mkdtempSync(path.join(tmpdir(), 'akhbar-bench-'));
	try {
		const env = sessionEnv(dir);
		const starts = await startup();
		return {
			key_ms_40: await keyLatency(feedFile(dir, 'short', 40, false), 10),
			startup_ms: starts.warm,
			startup_cold_ms: starts.cold,
			node_ms: timeCommand(['-e', '0'], 15, env),
		};
	} finally {
		rmSync(dir, {recursive: true, force: true});
	}
}

export async function readerBench(): Promise<ReaderFigures> {
	const dir = mkdtempSync(path.join(tmpdir(), 'akhbar-bench-'));
	try {
		return await readerFigures(dir);
	} finally {
		rmSync(dir, {recursive: true, force: true});
	}
}

/** The reader's figures, with its feeds and a home for `--version` in `dir`. */
async function readerFigures(dir: string): Promise<ReaderFigures> {
	const short = feedFile(dir, 'short', 40, false);
	const long = feedFile(dir, 'long', 4000, false);
	const latin = feedFile(dir, 'latin', 4000, true);
	const figures: ReaderFigures = {};

	figures['key_ms_40'] = await keyLatency(short);
	figures['key_ms_4000'] = await keyLatency(long);
	figures['key_ms_latin_4000'] = await keyLatency(latin);

	// Bytes: select in the headlines, Tab, scroll and page in the article, a held key.
	const session = await open(long);
	const select = await press(session, keys.down);
	await press(session, 'g');
	await press(session, keys.enter);
	const scroll = await press(session, keys.down);
	const page = await press(session, keys.pageDown);
	await session.settle(60);
	const held = session.bytes;
	for (let index = 0; index < 30; index++) {
		session.write(keys.down);
		await new Promise(resolve => setTimeout(resolve, 33));
	}

	await session.settle(100);
	figures['bytes_hold_1s'] = session.bytes - held;
	const tab = await press(session, keys.tab);
	session.write(keys.quit);
	await session.exited().catch(() => session.kill());
	Object.assign(figures, {
		bytes_scroll: scroll.bytes,
		bytes_page: page.bytes,
		bytes_select: select.bytes,
		bytes_tab: tab.bytes,
		ideal_scroll: scroll.ideal,
		ideal_page: page.ideal,
		ideal_select: select.ideal,
		ideal_tab: tab.ideal,
	});

	// One pane (80 columns): the article takes the full width.
	const narrow = await open(long, 80, 30);
	await press(narrow, keys.enter);
	await press(narrow, keys.down);
	const full = await press(narrow, keys.down);
	figures['bytes_scroll_full'] = full.bytes;
	figures['ideal_scroll_full'] = full.ideal;
	narrow.write(keys.quit);
	await narrow.exited().catch(() => narrow.kill());

	const demo = new PtySession({args: ['--demo']});
	await demo.waitFor(() => demo.bytes > 0);
	await demo.settle(300);
	figures['first_frame_bytes'] = demo.bytes;
	demo.write(keys.quit);
	await demo.exited().catch(() => demo.kill());

	const env = sessionEnv(mkdtempSync(path.join(dir, 'home-')));
	const starts = await startup();
	figures['startup_ms'] = starts.warm;
	figures['startup_cold_ms'] = starts.cold;
	figures['version_ms'] = timeCommand([cliPath, '--version'], 15, env);
	figures['node_ms'] = timeCommand(['-e', '0'], 15, env);
	return figures;
}
