/**
 * `akhbar print`: load each source, render it as the panes would, write it to stdout.
 * Errors are one line on stderr naming the source; the exit code says whether anything failed.
 */
import {chooseStrings} from '../ui/strings.js';
import process from 'node:process';
import type {CliFlags} from '../cli.js';
import {hasText, type Edition} from '../model.js';
import {explicitBidi, implicitBidi} from '../bidi-mode.js';
import {localClock} from '../clock.js';
import {openPrefs, type SourceEntry} from '../prefs.js';
import {printEdition} from '../print.js';
import {demoEdition} from '../samples/demo.js';
import {closeSharedLibrary, sharedCache, sharedNotice} from '../library/shared.js';
import {loadFullText, loadSource} from '../sources/load.js';
import {editionTextOptions, resolveTextOptions} from '../text-options.js';
import {isVisual} from '../text/options.js';
import {sanitizeLine} from '../text/sanitize.js';

export type PrintIo = {
	stdout: NodeJS.WritableStream & {isTTY?: boolean; columns?: number};
	stderr: NodeJS.WritableStream;
	stdin: NodeJS.ReadableStream;
	env: NodeJS.ProcessEnv;
};

const linesPerWrite = 2000;

const defaultIo: PrintIo = {stdout: process.stdout, stderr: process.stderr, stdin: process.stdin, env: process.env};

/**
 * Fetches the text of article `number` when the edition has only its link. False when that
 * failed: the article is then its title and link, and stderr says why.
 */
async function withFullText(edition: Edition, number: number, offline: boolean | undefined, io: PrintIo): Promise<boolean> {
	const article = edition.articles[number - 1];
	if (!article || hasText(article) || !article.url) return true;
	try {
		const full = await loadFullText(article.url, {cache: sharedCache, offline, onWarning: warning => io.stderr.write(`akhbar: ${sanitizeLine(warning)}\n`)});
		edition.articles[number - 1] = {...full, key: article.key};
		return true;
	} catch (error) {
		io.stderr.write(`akhbar: ${errorLine(error)}\n`);
		edition.articles[number - 1] = {...article, blocks: [{kind: 'paragraph', text: article.url}]};
		return false;
	}
}

function errorLine(error: unknown): string {
	return sanitizeLine(error instanceof Error ? error.message : String(error));
}

export async function runPrint(sources: string[], flags: CliFlags, io: PrintIo = defaultIo): Promise<number> {
	const prefs = openPrefs();
	if (prefs.notice) {
		io.stderr.write(`akhbar: ${prefs.notice}\n`);
	}

	const text = resolveTextOptions(prefs.get(), flags, io.env);
	const strings = chooseStrings(flags.language ?? prefs.get().language, io.env);
	const tty = Boolean(io.stdout.isTTY) && io.env['TERM'] !== 'dumb';
	const color = tty && io.env['NO_COLOR'] === undefined;
	const width = flags.width ?? (tty && io.stdout.columns ? io.stdout.columns : 80);
	// No source named: what the reader would open, the configured sources, else the demo.
	const specs: SourceEntry[] = flags.demo ? [] : sources.length > 0 ? sources.map(url => ({url})) : prefs.get().sources;

	const editions: Edition[] = [];
	let failed = false;
	if (specs.length === 0) {
		editions.push(demoEdition());
	}

	for (const {url: spec, name, feed} of specs) {
		try {
			// eslint-disable-next-line no-await-in-loop -- sources print in the order given
			const result = await loadSource(spec, {cache: sharedCache, offline: flags.offline, stdin: io.stdin, ...(feed ? {feed} : {}), ...(name ? {name} : {})});
			for (const warning of result.warnings) {
				io.stderr.write(`akhbar: ${sanitizeLine(warning)}\n`);
			}

			editions.push(result.edition);
		} catch (error) {
			io.stderr.write(`akhbar: ${errorLine(error)}\n`);
			failed = true;
		}
	}

	// The library is opened only when a URL needed its saved copies.
	const libraryNotice = sharedNotice();
	if (libraryNotice) io.stderr.write(`akhbar: ${sanitizeLine(libraryNotice)}\n`);
	const wrapBidi = tty && !flags.logical && isVisual(text);
	let started = false;
	for (const edition of editions) {
		// A headline with only a link: its page gives the text; failing that, its title and link.
		// eslint-disable-next-line no-await-in-loop -- one article, of the sources in order
		if (flags.article !== undefined && !(await withFullText(edition, flags.article, flags.offline, io))) failed = true;
		const result = printEdition(edition, {
			width,
			article: flags.article,
			headlines: flags.headlines,
			logical: flags.logical,
			color,
			text: editionTextOptions(text, edition),
			strings,
			// Local time, always absolute: what is printed is read later.
			clock: localClock(),
		});
		if ('error' in result) {
			io.stderr.write(`akhbar: ${sanitizeLine(result.error)}\n`);
			failed = true;
			continue;
		}

		if (!started) {
			started = true;
			if (wrapBidi) io.stdout.write(explicitBidi);
		} else {
			io.stdout.write('\n');
		}

		// In pieces: the whole output as one string (and its bytes) cost as much again as its lines.
		for (let start = 0; start < result.lines.length; start += linesPerWrite) {
			io.stdout.write(`${result.lines.slice(start, start + linesPerWrite).join('\n')}\n`);
		}
	}

	if (started && wrapBidi) io.stdout.write(implicitBidi);
	closeSharedLibrary();
	return failed ? 1 : 0;
}
