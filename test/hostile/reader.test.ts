/**
 * The reader in a real pseudo-terminal on hostile documents of every format: every headline
 * opened, its link shown (as over SSH) and copied. Everything the program wrote is replayed
 * into a terminal with handlers on titles, hyperlinks, the clipboard and DCS: no handler sees
 * a marker, no marker is inside a control sequence or on the screen, and the only OSC 52 is
 * the copy the user asked for, holding a URL with no control in it.
 */
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import {PtySession} from '../helpers/pty-session.js';
import {screenText} from '../helpers/xterm-screen.js';
import {documents, packed, withInvalidUtf8, type HostileDocument} from '../fixtures/hostile/corpus.js';
import {allMarkers, payloads} from '../fixtures/hostile/payloads.js';
import {controlSequences, disallowedSequences, guardedTerminal, markersInSequences} from '../fixtures/hostile/terminal-guard.js';
import {tally} from '../fixtures/hostile/tally.js';

const dir = mkdtempSync(path.join(tmpdir(), 'akhbar-hostile-reader-'));
const squeeze = (text: string) => text.replace(/\s+/g, '');
const cols = 110;
const rows = 40;

afterAll(() => {
	tally.report('hostile/reader');
	rmSync(dir, {recursive: true, force: true});
});

/** Writes keys and waits until the program has answered and gone quiet (or a short while passed). */
async function press(session: PtySession, keys: string): Promise<boolean> {
	const before = session.bytes;
	session.write(keys);
	const start = performance.now();
	while (session.bytes === before && performance.now() - start < 400) {
		// eslint-disable-next-line no-await-in-loop -- polling
		await new Promise(resolve => setTimeout(resolve, 10));
	}

	await session.settle(40, 3000);
	return session.bytes !== before;
}

/**
 * Markers on the screen as text. A link shown or quoted in a message has its controls
 * percent-encoded (`%1B]0;QZ011Q%07`): the marker is then harmless text of the URL. A link
 * shown whole in the links overlay (the rows between its rule and the status line) wraps over
 * rows: they are one URL, and the marker may be on a row after its encoded escape.
 */
function markersOnScreen(session: PtySession): string[] {
	const screen = screenText(session.terminal);
	const rule = screen.findIndex(row => row.startsWith('────'));
	// The link's rows run from the rule to the status line, the last row.
	const joined = rule < 0 ? screen : [...screen.slice(0, rule), screen.slice(rule + 1, -1).map(row => row.trimEnd()).join(''), ...screen.slice(-1)];
	const rows = joined.filter(row => !/%1B|%C2%9|%7F/i.test(row));
	const text = rows.join('\n');
	return allMarkers.filter(marker => text.includes(marker));
}

type Visit = {screens: string[]; onScreen: string[]};

/**
 * Opens the first headline, then every next one with `n`: each article paged to its end with
 * Space, its link shown with `o` (as over SSH), and the first three links copied with `y`.
 */
async function visitAll(session: PtySession, count: number): Promise<Visit> {
	const screens: string[] = [];
	const onScreen = new Set<string>();
	const look = () => {
		screens.push(screenText(session.terminal).join('\n'));
		for (const marker of markersOnScreen(session)) onScreen.add(marker);
	};

	look();
	/* eslint-disable no-await-in-loop -- one key after another, as a user types */
	for (let index = 0; index < count; index++) {
		await press(session, index === 0 ? '\r' : 'n');
		look();
		for (let page = 0; page < 30 && !/100%/.test(screenText(session.terminal).at(-1) ?? ''); page++) {
			if (!(await press(session, ' '))) break;
			look();
		}

		// Over SSH with no browser, o shows the link whole in the links overlay; y copies it there.
		await press(session, 'o');
		look();
		if (index < 3) {
			await press(session, 'y');
			look();
		}

		if (screenText(session.terminal).some(row => row.startsWith('────'))) await press(session, '\u001B');
	}
	/* eslint-enable no-await-in-loop */

	return {screens, onScreen: [...onScreen]};
}

/** OSC 52 sequences: allowed only as the user's copy, and then only a clean http(s) URL. */
function copies(output: string): string[] {
	return controlSequences(output)
		.filter(sequence => sequence.kind === 'osc' && sequence.text.startsWith('\u001B]52;'))
		.map(sequence => Buffer.from(sequence.text.replace(/^\u001B\]52;c;/, '').replace(/(\u0007|\u001B\\)$/, ''), 'base64').toString('utf8'));
}

async function readerRun(file: string, args: string[], count: number) {
	const session = new PtySession({args: [file, '--offline', ...args], cols, rows, env: {SSH_CONNECTION: '10.0.0.1 50000 10.0.0.2 22', BROWSER: undefined}});
	try {
		await session.waitFor(() => screenText(session.terminal).join('\n').includes('alpha'), 15_000);
		await session.settle(60);
		const visit = await visitAll(session, count);
		session.write('q');
		const code = await session.exited();
		return {session, visit, code};
	} finally {
		session.kill();
	}
}

async function checkOutput(output: string) {
	const guarded = guardedTerminal(cols, rows, allMarkers);
	await guarded.write(output);
	const withoutCopies = output.replace(/\u001B\]52;c;[A-Za-z\d+/=]*\u0007/g, '');
	return {
		seen: guarded.seen.filter(violation => violation.where !== 'OSC 52'),
		inSequences: markersInSequences(output, allMarkers),
		disallowed: disallowedSequences(withoutCopies),
		copies: copies(output),
	};
}

/** Several payloads to a field: a few items to open rather than one per payload. */
const list = packed();

function headlineCount(document: HostileDocument): number {
	// A page lists its own article first, then the most-read list; a text dump too.
	return ['page.html', 'dump.txt'].includes(document.file) ? list.length + 1 : list.length;
}

describe.each(documents.map(build => [build().file, build] as const))('the reader on %s', (_, build) => {
	const document = build(list);

	it('every headline opened, its link shown and copied: no marker reaches a handler, a control sequence or the screen', async () => {
		const file = path.join(dir, document.file);
		writeFileSync(file, document.text);
		const {session, visit, code} = await readerRun(file, [], headlineCount(document));
		tally.cases += payloads.length;
		const checked = await checkOutput(session.output);
		expect(code).toBe(0);
		expect(checked.seen).toEqual([]);
		expect(checked.inSequences).toEqual([]);
		expect(checked.disallowed).toEqual([]);
		expect(visit.onScreen).toEqual([]);
		for (const copied of checked.copies) {
			expect(copied).toMatch(/^https?:\/\/[^\s\u0000-\u001F\u007F-\u009F]+$/);
		}

		// Every Latin run the attacks sat in is on some screen, as the source meant it (a list
		// of most-read titles alone has its rows cut to the pane's width).
		if (document.file === 'mostread.json') return;
		const seenText = squeeze(visit.screens.join('\n'));
		for (const payload of payloads.filter(payload => payload.meant !== undefined && /^[\x20-\x7e]*$/.test(payload.meant))) {
			expect(seenText).toContain(`alpha${payload.meant}omega`);
		}
	}, 120_000);
});

describe('the reader, logical order (bidi terminal, shaping off), so the text can be compared', () => {
	it.each(['rss.xml', 'page.html'])('%s: each field on screen says what the source meant', async name => {
		const document = documents.map(build => build(list)).find(doc => doc.file === name)!;
		const file = path.join(dir, `logical-${name}`);
		writeFileSync(file, document.text);
		const {session, visit, code} = await readerRun(file, ['--bidi', 'terminal', '--shaping', 'off'], headlineCount(document));
		tally.cases += payloads.length;
		expect(code).toBe(0);
		const checked = await checkOutput(session.output);
		expect(checked.seen).toEqual([]);
		expect(checked.inSequences).toEqual([]);
		// One pane at a time in this mode: a screen's rows, joined, are its paragraphs in order
		// (less the mark of captions, and the divider), so a field wrapped over lines still reads whole.
		const screens = visit.screens.map(screen => squeeze(screen.replaceAll(/[│⋮]/gu, '')));
		// Most-read rows are cut to the pane's width (print checks them whole).
		const expected = document.expected.filter(text => !text.startsWith('الأكثر قراءة'));
		expect(expected.length).toBeGreaterThan(10);
		const missing = expected.filter(text => !screens.some(screen => screen.includes(squeeze(text))));
		expect(missing).toEqual([]);
	}, 120_000);
});

describe('the reader on a document with invalid UTF-8 around every escape', () => {
	it('rss.xml: no marker reaches a handler or a control sequence', async () => {
		const document = documents[0]!(list);
		const file = path.join(dir, `invalid-${document.file}`);
		writeFileSync(file, withInvalidUtf8(document.text));
		const {session, code} = await readerRun(file, [], list.length);
		tally.cases += payloads.length;
		expect(code).toBe(0);
		const checked = await checkOutput(session.output);
		expect(checked.seen).toEqual([]);
		expect(checked.inSequences).toEqual([]);
		expect(checked.disallowed).toEqual([]);
	}, 60_000);
});
