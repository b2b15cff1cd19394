/**
 * `akhbar search QUERY [--limit N] [--source NAME_OR_URL] [--logical] [--width N]`: the
 * library's matches, newest first, one line each (date, source, title), laid out as `print`
 * lays out text. Exit 0 with matches, 1 with none (as grep), 2 on a usage error.
 */
import fs from 'node:fs';
import process from 'node:process';
import {explicitBidi, implicitBidi} from '../bidi-mode.js';
import {localClock} from '../clock.js';
import type {Library, SearchHit, SourceSummary} from '../library/api.js';
import type {Block} from '../model.js';
import {openPrefs, type PrefsStore, type SourceEntry} from '../prefs.js';
import {resolveTextOptions} from '../text-options.js';
import {localDate} from '../text/dates.js';
import {isolate} from '../text/direction.js';
import {layoutBlocks, logicalLine} from '../text/layout.js';
import {isVisual, type TextOptions} from '../text/options.js';
import {sanitizeLine} from '../text/sanitize.js';
import {openForCommand} from './library-open.js';
import type {TerminalStream} from './terminal-text.js';

export const searchHelp = `Usage: akhbar search QUERY [--limit N] [--source NAME_OR_URL] [--logical] [--width N]

Searches every item the library holds (what \`akhbar refresh\` and the reader stored), titles
and texts, as the reader's / does: harakat, tatweel, hamza forms, alef maqsura and ta marbuta
are folded, so أخبار matches اخبار; a word also finds its forms with و ف ب ك ل ال before it
and longer words it begins. Every word must match. Prints the matches newest first, one line
each: date, source, title, laid out as \`print\` lays out text.
Exit codes: 0 matches found, 1 none, 2 a usage error.

Options
  -n, --limit N      at most N matches (default 100, at most 10000)
  -s, --source NAME  only the source of that name, number (see sources list) or address
  --logical          logical order, unshaped (for pipes and screen readers)
  --width N          text width in cells (default: the terminal's, or 80)

Examples
  $ akhbar search "وقف إطلاق النار"
  $ akhbar search غزة --source "الجزيرة" --limit 20
`;

export const defaultSearchLimit = 100;
const maxLimit = 10_000;

export type SearchIo = {
	stdout: TerminalStream;
	stderr: TerminalStream;
	env: NodeJS.ProcessEnv;
	prefs?: PrefsStore;
	/** The library to search; undefined when there is none yet. Default: the user's, read-only. */
	openLibrary?: () => Library | undefined | Promise<Library | undefined>;
};

type SearchArgs = {query: string; limit: number; source?: string; logical: boolean; width?: number};

class UsageError extends Error {}

export function parseSearchArgs(argv: readonly string[]): SearchArgs | 'help' {
	const words: string[] = [];
	let limit = defaultSearchLimit;
	let source: string | undefined;
	let logical = false;
	let width: number | undefined;
	for (let index = 0; index < argv.length; index++) {
		const arg = argv[index]!;
		if (arg === '--') {
			words.push(...argv.slice(index + 1));
			break;
		}

		if (arg === '--help' || arg === '-h') return 'help';
		const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
		const value = (): string => {
			const given = inline ?? argv[++index];
			if (given === undefined) throw new UsageError(`${flag} needs a value`);
			return given;
		};

		if (flag === '--limit' || flag === '-n') {
			limit = wholeNumber(flag, value(), maxLimit);
		} else if (flag === '--width') {
			width = wholeNumber(flag, value(), 10_000);
		} else if (flag === '--source' || flag === '-s') {
			source = value();
		} else if (flag === '--logical') {
			logical = true;
		} else if (arg.startsWith('-') && arg !== '-') {
			throw new UsageError(`unknown flag ${sanitizeLine(flag)}`);
		} else {
			words.push(arg);
		}
	}

	const query = words.join(' ').trim();
	if (query === '') throw new UsageError('missing QUERY');
	return {query, limit, logical, ...(source === undefined ? {} : {source}), ...(width === undefined ? {} : {width})};
}

function wholeNumber(flag: string, text: string, max: number): number {
	if (!/^\d+$/u.test(text) || Number(text) < 1 || Number(text) > max) throw new UsageError(`${flag} takes a whole number from 1 to ${max}`);
	return Number(text);
}

/** The configured source `wanted` names: its number, its address, or its name (any case). */
export function findSource(sources: readonly SourceEntry[], wanted: string): SourceEntry | undefined {
	const text = wanted.trim();
	if (/^\d+$/u.test(text)) return sources[Number(text) - 1];
	const byUrl = sources.find(source => source.url === text || source.url === normalizeUrl(text));
	if (byUrl) return byUrl;
	const name = sanitizeLine(text).toLowerCase();
	return sources.find(source => source.name !== undefined && sanitizeLine(source.name).toLowerCase() === name);
}

function findByName(summaries: readonly SourceSummary[], wanted: string): string | undefined {
	const name = sanitizeLine(wanted).toLowerCase();
	return summaries.find(summary => sanitizeLine(summary.name).toLowerCase() === name)?.spec;
}

function normalizeUrl(text: string): string | undefined {
	try {
		return new URL(text).href;
	} catch {
		return undefined;
	}
}

const defaultIo = (): SearchIo => ({stdout: process.stdout, stderr: process.stderr, env: process.env});

export async function runSearch(argv: readonly string[], given: Partial<SearchIo> = {}): Promise<number> {
	const io = {...defaultIo(), ...given};
	let args;
	try {
		args = parseSearchArgs(argv);
	} catch (error) {
		if (!(error instanceof UsageError)) throw error;
		io.stderr.write(`akhbar: ${error.message} (see akhbar search --help)\n`);
		return 2;
	}

	if (args === 'help') {
		io.stdout.write(searchHelp);
		return 0;
	}

	const prefs = io.prefs ?? openPrefs();
	if (prefs.notice) io.stderr.write(`akhbar: ${sanitizeLine(prefs.notice)}\n`);
	const settings = prefs.get();
	const opened = await openForCommand(io.openLibrary ?? openUserLibrary, io.stderr);
	if (!opened) return 1;
	const {library} = opened;

	let hits: SearchHit[] = [];
	try {
		let spec: string | undefined;
		if (args.source !== undefined) {
			// The name the user gave, else the one the feed gives itself (as sources list shows it).
			spec = findSource(settings.sources, args.source)?.url ?? findByName(library?.overview() ?? [], args.source);
			if (spec === undefined) {
				io.stderr.write(`akhbar: no configured source is named ${JSON.stringify(sanitizeLine(args.source))} (see akhbar sources list)\n`);
				return 2;
			}
		}

		// No library yet: nothing was ever refreshed, so nothing matches.
		if (library) hits = library.search(args.query, {limit: args.limit, ...(spec === undefined ? {} : {source: spec})});
	} catch (error) {
		io.stderr.write(`akhbar: search failed: ${sanitizeLine(error instanceof Error ? error.message : String(error))}\n`);
		return 1;
	} finally {
		library?.close();
	}

	if (hits.length === 0) return 1;
	const tty = Boolean(io.stdout.isTTY) && io.env['TERM'] !== 'dumb';
	const text = resolveTextOptions(settings, {}, io.env);
	const width = args.width ?? (tty && io.stdout.columns ? io.stdout.columns : 80);
	const lines = hitLines(hits, {width, logical: args.logical, text});
	const wrap = tty && !args.logical && isVisual(text);
	io.stdout.write(`${wrap ? explicitBidi : ''}${lines.join('\n')}\n${wrap ? implicitBidi : ''}`);
	return 0;
}

/** No database file yet: the search opens nothing (and creates nothing). */
async function openUserLibrary(onUpgrade: () => void): Promise<Library | undefined> {
	const {defaultLibraryPath, openLibrary} = await import('../library/index.js');
	if (!fs.existsSync(defaultLibraryPath())) return undefined;
	return openLibrary({readonly: true, onUpgrade});
}

/**
 * One paragraph per hit, laid out as `print` lays out a headline: `date  source · title`, the
 * source's name isolated (a Latin name in an Arabic line keeps its order), the paragraph's
 * direction the title's.
 */
export function hitLines(hits: readonly SearchHit[], request: {width: number; logical: boolean; text: TextOptions}): string[] {
	const clock = localClock();
	const blocks: Block[] = hits.map(hit => {
		const date = hit.date ? localDate(hit.date, clock, false) : '';
		const source = sanitizeLine(hit.sourceName) || sanitizeLine(hit.source);
		const title = sanitizeLine(hit.title);
		// The date one left-to-right unit (day, then time) in a line of either direction.
		return {kind: 'item', text: `\u2066${date || '----------------'}\u2069  ${isolate(source, undefined)} · ${title}`};
	});
	const options: TextOptions = {...request.text, digits: 'asis'};
	if (request.logical) return blocks.map(block => logicalLine(block.text, options));
	// Each line alone, as print's headlines: no blank line between them.
	return blocks.flatMap(block => layoutBlocks([block], request.width, options).map(line => (line.text.trimEnd() === '' ? '' : line.text)));
}
