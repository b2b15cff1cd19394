/**
 * Property tests over arbitrary bytes and over mutated valid documents (truncated, bits
 * flipped, two documents spliced, escapes dropped in): every parser either gives an Edition
 * or refuses with a one-line SourceError, and what `print` makes of it holds no control
 * character and no bidi control. Then `akhbar print` itself, as a child process, on a bounded
 * number of such inputs: exit code 0, 1 or 2, no stack trace, within 20 s and 400 MB.
 *
 * Seeded: a failure prints its seed and path; rerun with AKHBAR_FUZZ_SEED=<seed> to replay.
 */
import {readdirSync, readFileSync} from 'node:fs';
import path from 'node:path';
import process from 'node:process';
import {Readable} from 'node:stream';
import {fileURLToPath} from 'node:url';
import fc from 'fast-check';
import {afterAll, describe, expect, it} from 'vitest';
import type {Edition} from '../../source/model.js';
import {printEdition} from '../../source/print.js';
import {decodeBytes} from '../../source/sources/decode.js';
import {detectFormat} from '../../source/sources/detect.js';
import {SourceError} from '../../source/sources/errors.js';
import {parseFeed} from '../../source/sources/feed.js';
import {parsePage} from '../../source/sources/html.js';
import {loadSource} from '../../source/sources/load.js';
import {parseMostReadJson} from '../../source/sources/mostread-json.js';
import {parseOpml} from '../../source/sources/opml.js';
import {parseTextDump} from '../../source/sources/text.js';
import {defaultTextOptions} from '../../source/text/options.js';
import {documents, withInvalidUtf8} from '../fixtures/hostile/corpus.js';
import {payloads} from '../fixtures/hostile/payloads.js';
import {printProblems, runCli} from '../fixtures/hostile/run-cli.js';
import {tally} from '../fixtures/hostile/tally.js';

const seed = Number(process.env['AKHBAR_FUZZ_SEED'] ?? 6_2026);
/** AKHBAR_FUZZ_RUNS=10 runs ten times as many cases (for a long hunt, not for CI). */
const scale = Number(process.env['AKHBAR_FUZZ_RUNS'] ?? 1);
const runs = (count: number) => Math.max(1, Math.round(count * scale));
const fixtures = fileURLToPath(new URL('../fixtures/', import.meta.url));

afterAll(() => {
	tally.report('hostile/fuzz');
});

/** Every valid (and some broken) document the project has, as bytes. */
const corpus: Buffer[] = [
	...['feeds', 'pages', 'sites', 'dumps', 'encodings', 'opml'].flatMap(folder => readdirSync(path.join(fixtures, folder))
		.filter(name => !name.endsWith('.ts'))
		.map(name => readFileSync(path.join(fixtures, folder, name)))),
	...documents.map(build => Buffer.from(build(payloads.slice(0, 12)).text)),
	withInvalidUtf8(documents[0]!(payloads.slice(0, 6)).text),
];

/** A valid document changed the ways a bad network or a hostile server would change it. */
const mutated: fc.Arbitrary<Buffer> = fc.oneof(
	// Truncated.
	fc.tuple(fc.constantFrom(...corpus), fc.double({min: 0, max: 1, noNaN: true}))
		.map(([bytes, at]) => bytes.subarray(0, Math.floor(bytes.length * at))),
	// Bits flipped.
	fc.tuple(fc.constantFrom(...corpus), fc.array(fc.tuple(fc.double({min: 0, max: 1, noNaN: true}), fc.integer({min: 0, max: 7})), {minLength: 1, maxLength: 40}))
		.map(([bytes, flips]) => {
			const copy = Buffer.from(bytes);
			for (const [at, bit] of flips) {
				if (copy.length > 0) copy[Math.floor(at * (copy.length - 1))]! ^= 1 << bit;
			}

			return copy;
		}),
	// Two documents spliced.
	fc.tuple(fc.constantFrom(...corpus), fc.constantFrom(...corpus), fc.double({min: 0, max: 1, noNaN: true}), fc.double({min: 0, max: 1, noNaN: true}))
		.map(([a, b, cutA, cutB]) => Buffer.concat([a.subarray(0, Math.floor(a.length * cutA)), b.subarray(Math.floor(b.length * cutB))])),
	// Escape sequences and raw bytes dropped in anywhere.
	fc.tuple(fc.constantFrom(...corpus), fc.array(fc.tuple(fc.double({min: 0, max: 1, noNaN: true}), fc.oneof(fc.constantFrom(...payloads.map(payload => Buffer.from(payload.text))), fc.uint8Array({minLength: 1, maxLength: 8}).map(bytes => Buffer.from(bytes)))), {minLength: 1, maxLength: 12}))
		.map(([bytes, inserts]) => {
			let out = Buffer.from(bytes);
			for (const [at, insert] of inserts) {
				const index = Math.floor(at * out.length);
				out = Buffer.concat([out.subarray(0, index), insert, out.subarray(index)]);
			}

			return out;
		}),
);

/** Arbitrary bytes, and arbitrary text shaped like a document's start so parsers get past sniffing. */
const arbitrary: fc.Arbitrary<Buffer> = fc.oneof(
	fc.uint8Array({maxLength: 4096}).map(bytes => Buffer.from(bytes)),
	fc.tuple(
		fc.constantFrom('<?xml version="1.0"?><rss version="2.0"><channel>', '<feed xmlns="http://www.w3.org/2005/Atom">', '{"version":"https://jsonfeed.org/version/1.1","items":[', '{"data":{"items":[', '<!DOCTYPE html><html><body><article>', '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/">', '#[1]', ''),
		fc.string({unit: 'binary', maxLength: 2000}),
	).map(([start, rest]) => Buffer.from(start + rest)),
);

const forbidden = /[\u0000-\u0009\u000B-\u001F\u007F-\u009F\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069\uFEFF]/;

/** Lines `print` would write for an edition, shaped and logical. */
function printed(edition: Edition): string[] {
	const lines: string[] = [];
	for (const logical of [false, true]) {
		const result = printEdition(edition, {width: 40, logical, color: false, text: defaultTextOptions});
		lines.push(...('error' in result ? [result.error] : result.lines));
	}

	return lines;
}

/** A refusal must be a SourceError: one line, naming the source. */
function checkRefusal(error: unknown): void {
	if (!(error instanceof SourceError)) throw error;
	expect(error.message.includes('\n')).toBe(false);
	expect(error.message.startsWith('fuzz:') || error.message.startsWith('-:')).toBe(true);
}

function checkEdition(edition: Edition): void {
	for (const line of printed(edition)) {
		if (forbidden.test(line)) throw new Error(`control in printed line: ${JSON.stringify(line.slice(0, 200))}`);
	}
}

/** Every parser on the text, as its format or not: an Edition or a SourceError, nothing else. */
function parseEverywhere(bytes: Buffer): void {
	const {text} = decodeBytes(bytes);
	detectFormat(text);
	const parsers: Array<() => Edition> = [
		() => parseFeed(text, 'fuzz', 'rss'),
		() => parseFeed(text, 'fuzz', 'rdf'),
		() => parseFeed(text, 'fuzz', 'atom'),
		() => parseFeed(text, 'fuzz', 'jsonfeed'),
		() => parseMostReadJson(text, 'fuzz', 'https://fuzz.example/'),
		() => parsePage(text, 'fuzz', 'https://fuzz.example/page'),
		() => parseTextDump(text, 'fuzz'),
	];
	for (const parse of parsers) {
		let edition: Edition | undefined;
		try {
			edition = parse();
		} catch (error) {
			checkRefusal(error);
		}

		if (edition) checkEdition(edition);
	}

	try {
		parseOpml(text);
	} catch (error) {
		if (!(error instanceof Error) || error.message.includes('\n')) throw error;
	}
}

/** The whole path the CLI takes for standard input: bytes → sniff → parse → Edition. */
async function loadEverything(bytes: Buffer): Promise<void> {
	try {
		const {edition} = await loadSource('-', {stdin: Readable.from([bytes]), cache: false});
		checkEdition(edition);
	} catch (error) {
		checkRefusal(error);
	}
}

describe('every parser, in process', () => {
	it('arbitrary bytes', () => {
		fc.assert(fc.property(arbitrary, bytes => {
			tally.cases++;
			parseEverywhere(bytes);
		}), {seed, numRuns: runs(300)});
	}, 120_000);

	it('mutated valid documents', () => {
		fc.assert(fc.property(mutated, bytes => {
			tally.cases++;
			parseEverywhere(bytes);
		}), {seed, numRuns: runs(300)});
	}, 120_000);

	it('load from standard input, then print: arbitrary and mutated', async () => {
		await fc.assert(fc.asyncProperty(fc.oneof(arbitrary, mutated), async bytes => {
			tally.cases++;
			await loadEverything(bytes);
		}), {seed, numRuns: runs(300)});
	}, 120_000);
});

describe('akhbar print, as a child process', () => {
	it('mutated and arbitrary input on standard input: exit 0, 1 or 2, no trace, no control, bounded', async () => {
		await fc.assert(fc.asyncProperty(fc.oneof(mutated, arbitrary), fc.constantFrom(['--width', '50'], ['--logical'], ['--headlines']), async (bytes, flags) => {
			const result = await runCli(['print', ...flags, '-'], {input: bytes});
			tally.cases++;
			if (result.signal || result.code === null || result.code > 2) tally.crashes++;
			expect(printProblems(result)).toEqual([]);
		}), {seed, numRuns: runs(40)});
	}, 120_000);
});
