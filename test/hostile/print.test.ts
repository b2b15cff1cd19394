/**
 * `akhbar print` on hostile documents of every format: escape sequences in every field a
 * source controls, with and without invalid UTF-8 around them. Nothing but text comes out,
 * no marker reaches a terminal handler, and the text is what the source meant to say.
 */
import {mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import {PtySession} from '../helpers/pty-session.js';
import {documents, withInvalidUtf8, type HostileDocument} from '../fixtures/hostile/corpus.js';
import {allMarkers, payloads} from '../fixtures/hostile/payloads.js';
import {printProblems, runCli} from '../fixtures/hostile/run-cli.js';
import {disallowedSequences, guardedTerminal, markersInSequences} from '../fixtures/hostile/terminal-guard.js';
import {tally} from '../fixtures/hostile/tally.js';

const dir = mkdtempSync(path.join(tmpdir(), 'akhbar-hostile-print-'));

function save(name: string, bytes: string | Buffer): string {
	const file = path.join(dir, name);
	writeFileSync(file, bytes);
	return file;
}

const squeeze = (text: string) => text.replace(/\s+/g, '');

/** Expected texts that no line of the output contains. */
function missing(document: HostileDocument, output: string): string[] {
	const lines = output.split('\n').map(squeeze);
	return document.expected.filter(text => !lines.some(line => line.includes(squeeze(text))));
}

function markersIn(text: string): string[] {
	return allMarkers.filter(marker => text.includes(marker));
}

afterAll(() => {
	tally.report('print');
	rmSync(dir, {recursive: true, force: true});
});

describe.each(documents.map(build => [build().file, build] as const))('print %s', (_, build) => {
	const document = build();

	it('logical text: every field says what the source meant, and no attack is left in it', async () => {
		const file = save(document.file, document.text);
		const result = await runCli(['print', '--logical', file]);
		tally.cases += payloads.length;
		expect(printProblems(result)).toEqual([]);
		expect(result.code).toBe(0);
		const out = result.stdout.toString('utf8');
		expect(markersIn(out + result.stderr)).toEqual([]);
		expect(missing(document, out)).toEqual([]);
	});

	it('shaped and wrapped: nothing but text, no marker', async () => {
		const file = save(`wrapped-${document.file}`, document.text);
		const result = await runCli(['print', '--width', '50', file]);
		tally.cases += payloads.length;
		expect(printProblems(result)).toEqual([]);
		expect(result.code).toBe(0);
		expect(markersIn(result.stdout.toString('utf8') + result.stderr)).toEqual([]);
	});

	it('with invalid UTF-8 around every escape: nothing but text, no marker in a control sequence', async () => {
		const file = save(`invalid-${document.file}`, withInvalidUtf8(document.text));
		const result = await runCli(['print', file]);
		tally.cases += payloads.length;
		expect(printProblems(result)).toEqual([]);
		expect([0, 1]).toContain(result.code);
	});
});

describe('the corpus on disk', () => {
	it.each(documents.map(build => build()).map(document => [document.file, document] as const))('corpus/%s is what generate.ts writes', (name, document) => {
		const dir = new URL('../fixtures/hostile/corpus/', import.meta.url);
		expect(readFileSync(new URL(name, dir), 'utf8')).toBe(document.text);
		expect(readFileSync(new URL(`invalid-utf8-${name}`, dir)).equals(withInvalidUtf8(document.text))).toBe(true);
	});
});

describe('print in a terminal (colour and bidi controls on)', () => {
	it.each(documents.map(build => build().file))('%s: no handler sees a marker, no marker in a control sequence', async name => {
		const document = documents.map(build => build()).find(doc => doc.file === name)!;
		const file = save(`pty-${name}`, document.text);
		const session = new PtySession({args: ['print', file], cols: 80, rows: 40});
		expect(await session.exited(20_000)).toBe(0);
		const guarded = guardedTerminal(80, 40, allMarkers);
		await guarded.write(session.output);
		tally.cases += payloads.length;
		expect(guarded.seen).toEqual([]);
		expect(markersInSequences(session.output, allMarkers)).toEqual([]);
		expect(disallowedSequences(session.output)).toEqual([]);
		expect(markersIn(session.output)).toEqual([]);
	});
});
