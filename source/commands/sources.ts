/**
 * `akhbar sources list | add URL_OR_FILE [--name N] [--tag T]... | remove URL_OR_NAME_OR_INDEX |
 * import FILE.opml | export`. See commands/io.ts for how results and exit codes are returned.
 *
 * Every change is a read-modify-write of the `sources` list under the preferences lock, so a
 * source added by another akhbar meanwhile is never dropped.
 */
import fs from 'node:fs';
import path from 'node:path';
import {fileURLToPath, pathToFileURL} from 'node:url';
import type {Library, SourceSummary} from '../library/api.js';
import {maxTagLength, maxTagsPerSource, prefSchema, type PrefsStore, type SourceEntry} from '../prefs.js';
import {conforms} from '../store/schema.js';
import {cleanLine, decodeOpml, parseOpml, tagsOf, writeOpml} from '../sources/opml.js';
import type {Discovery} from '../sources/site.js';
import {englishCount} from '../text/plural.js';
import {asksForHelp, CommandFailure, requirePersistent, runCommand, type CommandIo, type CommandResult, type Output} from './io.js';

export const sourcesUsage = `Usage: akhbar sources [list]                        numbered: names, addresses, tags, unread
       akhbar sources add URL_OR_FILE [--name NAME] [--tag TAG]...
                                                      an http(s) feed or site, or a file
       akhbar sources add --list URL                  the feeds a site offers, numbered
       akhbar sources add URL --feed N                a site with the feed numbered N
       akhbar sources remove URL_OR_NAME_OR_NUMBER
       akhbar sources import FILE.opml                every feed of an OPML list, folders as tags
       akhbar sources export                          an OPML 2.0 list on stdout, tags as folders

akhbar sources COMMAND --help: one command's help.
`;

/** `akhbar sources SUBCOMMAND --help`. */
const subcommandHelp: Record<string, string> = {
	list: `Usage: akhbar sources [list]

Lists the configured sources, numbered, each with its name and address (and a site's feed),
its tags, and once \`akhbar refresh\` has stored it: its unread items and its last refresh (or
why it failed).
`,
	add: `Usage: akhbar sources add URL_OR_FILE [--name NAME] [--tag TAG]... [--feed N]
       akhbar sources add --list URL

Adds a feed, a site's page (its feed is found and stored with it) or a file. With --tag, a
source already configured gets the tags.

Options
  -n, --name NAME   the name shown for the source everywhere, instead of the feed's title
  -t, --tag TAG     a tag (the overview groups sources by tag); repeat it for more
  --list            only list the feeds the site at URL offers, numbered
  --feed N          add the site with the feed numbered N by --list
`,
	remove: `Usage: akhbar sources remove URL_OR_NAME_OR_NUMBER

Removes one configured source, named by its number in \`akhbar sources list\`, its name or
its address. \`rm\` is the same.
`,
	import: `Usage: akhbar sources import FILE.opml

Adds every feed of an OPML 1 or 2 subscription list; the folders a feed is in and its
\`category\` attribute become its tags. Sources already configured are skipped.
`,
	export: `Usage: akhbar sources export > FILE.opml

Writes the configured sources as an OPML 2.0 list to standard output: a source with tags in
a folder named by its first tag (Miniflux and newsboat read it back so), every tag in its
\`category\` attribute.
`,
};

/** The help of `akhbar sources` or of one of its subcommands; undefined for an unknown one. */
export function sourcesHelp(subcommand?: string): string | undefined {
	if (subcommand === undefined) return sourcesUsage;
	const name = subcommand === 'rm' ? 'remove' : subcommand;
	return Object.hasOwn(subcommandHelp, name) ? subcommandHelp[name] : undefined;
}

const maxSources = prefSchema.sources.maxItems ?? 1000;
const maxNameLength = 200;
const maxOpmlBytes = 5_000_000;
/** How many skipped OPML entries are explained one by one. */
const maxSkipLines = 10;

function usage(message: string): CommandFailure {
	return new CommandFailure(`${message} (see akhbar sources --help)`, 2);
}

/** Thrown by `normalizeSource` when an argument cannot be a source. */
class NotASource extends Error {}

const itemSchema = prefSchema.sources.items!;

function isUrlLike(text: string): boolean {
	// A scheme of two letters or more: `C:\feeds\x.xml` is a Windows path, not a URL.
	return /^[A-Za-z][A-Za-z\d+.-]+:/u.test(text);
}

/**
 * An argument → the stored form of a source: an http(s) URL normalized by the URL parser,
 * or an absolute path to an existing file. `checkFile: false` skips the file checks (to find
 * a source to remove whose file is gone).
 */
export function normalizeSource(argument: string, cwd: string, checkFile = true): string {
	const text = argument.trim();
	if (text === '') throw new NotASource('an empty address');
	if (text === '-') throw new NotASource('standard input cannot be a saved source');
	let file: string;
	if (isUrlLike(text)) {
		let url: URL;
		try {
			url = new URL(text);
		} catch {
			throw new NotASource(`not a valid URL: ${cleanLine(text)}`);
		}

		if (url.protocol === 'file:') {
			file = fileURLToPath(url);
		} else if (url.protocol === 'http:' || url.protocol === 'https:') {
			if (!conforms({url: url.href}, itemSchema)) throw new NotASource(`not a usable URL: ${cleanLine(text)}`);
			return url.href;
		} else {
			throw new NotASource(`only http and https URLs or files can be sources, not ${cleanLine(url.protocol)}`);
		}
	} else {
		file = path.resolve(cwd, text);
	}

	if (!conforms({url: file}, itemSchema)) throw new NotASource(`not a usable file name: ${cleanLine(file)}`);
	if (checkFile) {
		let stat: fs.Stats;
		try {
			stat = fs.statSync(file);
		} catch {
			throw new NotASource(`no such file: ${file}`);
		}

		if (!stat.isFile()) throw new NotASource(`not a file: ${file}`);
	}

	return file;
}

/** A name given by the user or by an OPML file: one clean line, or a one-line error. */
function cleanName(raw: string): string {
	const name = cleanLine(raw);
	if (name === '') throw new NotASource('an empty name');
	if ([...name].length > maxNameLength) throw new NotASource(`a name longer than ${maxNameLength} characters`);
	return name;
}

function entry(url: string, name: string | undefined, feed?: string, tags: readonly string[] = []): SourceEntry {
	return {url, ...(name === undefined ? {} : {name}), ...(feed === undefined ? {} : {feed}), ...(tags.length > 0 ? {tags: [...tags]} : {})};
}

/** Tags as the user typed them (`--tag "سياسة"`, or several at once: `--tag a,b`): clean, bounded. */
function cleanTags(raw: readonly string[]): string[] {
	const tags = tagsOf(raw, maxTagLength, Number.POSITIVE_INFINITY);
	if (raw.length > 0 && tags.length === 0) throw new NotASource('an empty tag');
	if (tags.length > maxTagsPerSource) throw new NotASource(`more than ${maxTagsPerSource} tags`);
	return tags;
}

/** `old` and then those of `added` it lacks; undefined when that is too many. */
function mergeTags(old: readonly string[] = [], added: readonly string[]): string[] | undefined {
	const merged = [...old, ...added.filter(tag => !old.includes(tag))];
	return merged.length > maxTagsPerSource ? undefined : merged;
}

function describe(index: number, source: SourceEntry, width = 0): string {
	const number = String(index + 1).padStart(width);
	const feed = source.feed ? `  (feed ${source.feed})` : '';
	const tags = source.tags?.length ? `  [${source.tags.join(', ')}]` : '';
	return `${number}. ${source.name ? `${source.name}  ${source.url}` : source.url}${feed}${tags}`;
}

type AddArgs = {target: string; name?: string; list: boolean; feed?: number; tags: string[]};

function parseAddArgs(args: readonly string[]): AddArgs {
	const positional: string[] = [];
	let name: string | undefined;
	let list = false;
	let feed: number | undefined;
	const tags: string[] = [];
	for (let i = 0; i < args.length; i++) {
		const arg = args[i]!;
		if (arg === '--') {
			positional.push(...args.slice(i + 1));
			break;
		}

		if (arg === '--name' || arg === '-n') {
			const value = args[++i];
			if (value === undefined) throw usage(`${arg} needs a value`);
			name = value;
		} else if (arg.startsWith('--name=')) {
			name = arg.slice('--name='.length);
		} else if (arg === '--tag' || arg === '-t') {
			const value = args[++i];
			if (value === undefined) throw usage(`${arg} needs a value`);
			tags.push(value);
		} else if (arg.startsWith('--tag=')) {
			tags.push(arg.slice('--tag='.length));
		} else if (arg === '--list') {
			list = true;
		} else if (arg === '--feed' || arg.startsWith('--feed=')) {
			const value = arg === '--feed' ? args[++i] : arg.slice('--feed='.length);
			if (value === undefined || !/^\d+$/u.test(value) || Number(value) < 1) throw usage('--feed needs a feed number (see --list)');
			feed = Number(value);
		} else if (arg.startsWith('-') && arg !== '-') {
			throw usage(`unknown flag ${cleanLine(arg)}`);
		} else {
			positional.push(arg);
		}
	}

	if (positional.length === 0) throw usage('missing URL_OR_FILE');
	if (positional.length > 1) throw usage(`one source at a time, not ${positional.length}`);
	if (list && feed !== undefined) throw usage('--list and --feed cannot be used together');
	return {target: positional[0]!, name, list, feed, tags};
}

/** `sources add --list URL`: every feed the site offers, numbered for `--feed N`. */
function listFeeds(out: Output, url: string, discovery: Discovery | undefined): number {
	if (!discovery) throw new CommandFailure(`${url}: the site was not looked up`, 1);
	if (discovery.kind === 'unreachable') throw new CommandFailure(`${url}: ${discovery.problem}`, 1);
	if (discovery.kind === 'feed') {
		out.line(`${url} is a feed itself`);
		return 0;
	}

	if (discovery.feeds.length === 0) throw new CommandFailure(`${url}: no feed found (none declared, none at /feed, /rss, /rss.xml, /feed.xml, /atom.xml or /index.xml)`, 1);
	const width = String(discovery.feeds.length).length;
	for (const [index, feed] of discovery.feeds.entries()) {
		const chosen = feed.url === discovery.chosen ? '  *' : '';
		out.line(`${String(index + 1).padStart(width)}. ${feed.url}${feed.title ? `  ${cleanLine(feed.title)}` : ''}${chosen}`);
	}

	return 0;
}

/** The feed a site is added with: the one numbered `--feed N`, else the one discovery chose. */
function feedFor(url: string, number: number | undefined, discovery: Discovery | undefined): string | undefined {
	if (number === undefined) return discovery?.kind === 'site' ? discovery.chosen : undefined;
	if (discovery?.kind !== 'site') {
		throw new CommandFailure(`${url}: --feed is for a site's page${discovery?.kind === 'unreachable' ? ` (${discovery.problem})` : ''}`, 1);
	}

	const feed = discovery.feeds[number - 1];
	if (!feed) throw new CommandFailure(`${url}: no feed number ${number}; the site offers ${englishCount(discovery.feeds.length, 'feed')} (see --list)`, 1);
	return feed.url;
}

function add(out: Output, prefs: PrefsStore, args: readonly string[], cwd: string, discovery?: Discovery): number {
	const {target, name: rawName, list: listOnly, feed: feedNumber, tags: rawTags} = parseAddArgs(args);
	let url: string;
	let name: string | undefined;
	let tags: string[];
	try {
		tags = cleanTags(rawTags);
		url = normalizeSource(target, cwd);
		name = rawName === undefined ? undefined : cleanName(rawName);
	} catch (error) {
		if (error instanceof NotASource) throw new CommandFailure(`cannot add ${error.message}`, 2);
		throw error;
	}

	if (listOnly) return listFeeds(out, url, discovery);
	const feed = feedFor(url, feedNumber, discovery);
	requirePersistent(prefs);
	let index = 0;
	let tagged: SourceEntry | undefined;
	prefs.update('sources', sources => {
		const existing = sources.findIndex(source => source.url === url);
		if (existing !== -1) {
			const source = sources[existing]!;
			// `add URL --tag T` of a source already there tags it: the one way to tag a source.
			if (tags.length === 0 || rawName !== undefined) throw new CommandFailure(`already a source: ${describe(existing, source)}`, 1);
			const merged = mergeTags(source.tags, tags);
			if (!merged) throw new CommandFailure(`a source has at most ${maxTagsPerSource} tags: ${describe(existing, source)}`, 1);
			index = existing;
			tagged = {...source, tags: merged};
			return sources.map((other, i) => (i === existing ? tagged! : other));
		}

		if (sources.length >= maxSources) throw new CommandFailure(`cannot add more than ${maxSources} sources`, 1);
		index = sources.length;
		return [...sources, entry(url, name, feed, tags)];
	});
	if (tagged) {
		out.line(`tagged ${describe(index, tagged)}`);
		return 0;
	}

	out.line(`added ${describe(index, entry(url, name, feed, tags))}${addedNote(discovery, feed)}`);
	return 0;
}

/** What the added line says of the site behind the URL. */
function addedNote(discovery: Discovery | undefined, feed: string | undefined): string {
	switch (discovery?.kind) {
		case 'site': return feed ? ': a site, its latest news from that feed' : ': a site with no feed found, its page alone';
		case 'unreachable': return ` (not reached now: ${discovery.problem}; its feed is looked for when it is read)`;
		default: return '';
	}
}

/** The index of the one source `argument` names: its number, its address, or its name. */
function find(sources: readonly SourceEntry[], argument: string, cwd: string): number {
	if (/^\d+$/u.test(argument)) {
		const number = Number(argument);
		if (number >= 1 && number <= sources.length) return number - 1;
		throw new CommandFailure(`no source number ${argument}; there ${sources.length === 1 ? 'is 1' : `are ${sources.length}`}`, 1);
	}

	let url: string | undefined;
	try {
		url = normalizeSource(argument, cwd, false);
	} catch {}

	const byUrl = sources.findIndex(source => source.url === url || source.url === argument);
	if (byUrl !== -1) return byUrl;
	const wanted = cleanLine(argument).toLowerCase();
	const byName = sources.flatMap((source, index) => (source.name?.toLowerCase() === wanted ? [index] : []));
	if (byName.length === 1) return byName[0]!;
	if (byName.length > 1) {
		throw new CommandFailure(`${byName.length} sources are named "${cleanLine(argument)}"; remove one by its number`, 1);
	}

	throw new CommandFailure(`no source matches "${cleanLine(argument)}" (see akhbar sources list)`, 1);
}

function remove(out: Output, prefs: PrefsStore, args: readonly string[], cwd: string): number {
	if (args.length === 0) throw usage('missing URL_OR_NAME_OR_NUMBER');
	if (args.length > 1) throw usage(`one source at a time, not ${args.length}`);
	requirePersistent(prefs);
	let removed = '';
	prefs.update('sources', sources => {
		const index = find(sources, args[0]!, cwd);
		removed = describe(index, sources[index]!);
		return sources.filter((_, i) => i !== index);
	});
	out.line(`removed ${removed}`);
	return 0;
}

function list(out: Output, sources: readonly SourceEntry[], overview: readonly SourceSummary[] = [], now = Date.now()): number {
	if (sources.length === 0) {
		out.line('no sources yet; add one with: akhbar sources add URL_OR_FILE [--name NAME] [--tag TAG]');
		return 0;
	}

	const summaries = new Map(overview.map(summary => [summary.spec, summary]));
	const width = String(sources.length).length;
	for (const [index, source] of sources.entries()) {
		const summary = summaries.get(source.url);
		out.line(`${describe(index, source, width)}${summary ? `  ${state(summary, now)}` : ''}`);
	}

	return 0;
}

/** What the library knows of a source: `12 unread of 50, refreshed 5 min ago`, or why its last refresh failed. */
function state(summary: SourceSummary, now: number): string {
	const parts = [summary.total > 0 ? `${summary.unread} unread of ${summary.total}` : 'no items'];
	if (summary.refreshedAt) parts.push(`refreshed ${age(summary.refreshedAt, now)}`);
	else if (!summary.failedAt) parts.push('never refreshed');
	if (summary.failure && summary.failedAt) parts.push(`failed ${age(summary.failedAt, now)} (${cleanLine(summary.failure)})`);
	return `(${parts.join(', ')})`;
}

/** `just now`, `5 min ago`, `3 h ago`, `2 days ago`. */
export function age(iso: string, now: number): string {
	const time = Date.parse(iso);
	if (Number.isNaN(time)) return 'at an unknown time';
	const minutes = Math.max(0, Math.floor((now - time) / 60_000));
	if (minutes < 1) return 'just now';
	if (minutes < 60) return `${minutes} min ago`;
	const hours = Math.floor(minutes / 60);
	if (hours < 48) return `${hours} h ago`;
	return `${englishCount(Math.floor(hours / 24), 'day')} ago`;
}

function readOpmlFile(file: string): Uint8Array {
	let stat: fs.Stats;
	try {
		stat = fs.statSync(file);
	} catch {
		throw new CommandFailure(`no such file: ${file}`, 1);
	}

	if (!stat.isFile()) throw new CommandFailure(`not a file: ${file}`, 1);
	if (stat.size > maxOpmlBytes) throw new CommandFailure(`${file} is too large for an OPML file (${stat.size} bytes)`, 1);
	try {
		return fs.readFileSync(file);
	} catch (error) {
		throw new CommandFailure(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? 'error'}`, 1);
	}
}

function importOpml(out: Output, prefs: PrefsStore, args: readonly string[], cwd: string): number {
	if (args.length === 0) throw usage('missing FILE.opml');
	if (args.length > 1) throw usage(`one file at a time, not ${args.length}`);
	const file = path.resolve(cwd, args[0]!);
	const bytes = readOpmlFile(file);
	let document;
	try {
		document = parseOpml(decodeOpml(bytes), {maxSources});
	} catch (error) {
		throw new CommandFailure(`${file}: ${(error as Error).message}`, 1);
	}

	requirePersistent(prefs);
	// Files named in the OPML are relative to the OPML file, not to the current folder.
	const base = path.dirname(file);
	const skips: string[] = [];
	let added = 0;
	let present = 0;
	let invalid = 0;
	let full = 0;
	prefs.update('sources', current => {
		const next = [...current];
		const known = new Set(next.map(source => source.url));
		// A feed listed again in another folder of the same file gets that folder's tags too.
		const importedAt = new Map<string, number>();
		for (const item of document.sources) {
			let url: string;
			let name: string | undefined;
			try {
				url = normalizeSource(item.url, base);
				name = item.name === undefined ? undefined : cleanName([...item.name].slice(0, maxNameLength).join(''));
			} catch (error) {
				if (!(error instanceof NotASource)) throw error;
				invalid++;
				skips.push(`skipped ${error.message}`);
				continue;
			}

			const earlier = importedAt.get(url);
			if (earlier !== undefined) {
				const merged = mergeTags(next[earlier]!.tags, item.tags ?? []) ?? next[earlier]!.tags ?? [];
				if (merged.length > 0) next[earlier] = {...next[earlier]!, tags: merged};
				present++;
				continue;
			}

			if (known.has(url)) {
				present++;
				continue;
			}

			if (next.length >= maxSources) {
				full++;
				continue;
			}

			known.add(url);
			importedAt.set(url, next.length);
			next.push(entry(url, name, undefined, item.tags));
			added++;
		}

		return next;
	});

	for (const line of skips.slice(0, maxSkipLines)) out.warn(line);
	if (skips.length > maxSkipLines) out.warn(`... and ${skips.length - maxSkipLines} more skipped`);
	const reasons = [
		present > 0 ? `${present} already present` : '',
		invalid > 0 ? `${invalid} invalid` : '',
		full > 0 ? `${full} over the limit of ${maxSources}` : '',
	].filter(Boolean);
	const skipped = present + invalid + full;
	out.line(`imported ${englishCount(added, 'source')} from ${file}${skipped > 0 ? `; skipped ${skipped} (${reasons.join(', ')})` : ''}`);
	if (document.truncated) out.warn(`${file} lists more than ${maxSources} feeds; the rest was ignored`);
	return 0;
}

function exportOpml(out: Output, sources: readonly SourceEntry[]): number {
	// OPML readers expect URLs: files go out as file: URLs, and come back in as paths.
	out.document(writeOpml(sources.map(source => ({
		url: isUrlLike(source.url) ? source.url : pathToFileURL(source.url).href,
		name: source.name,
		...(source.tags?.length ? {tags: source.tags} : {}),
	}))));
	return 0;
}

/**
 * The CLI's entry: `sources add URL` first looks at what the URL is (a site's page gives its
 * feeds: network, saved in the cache), then runs the command as `runSourcesCommand`.
 */
export async function runSourcesCli(argv: readonly string[], io: CommandIo = {}): Promise<CommandResult> {
	const [command, ...args] = argv;
	if ((command === undefined || command === 'list') && !io.overview) {
		const overview = await libraryOverview();
		return runSourcesCommand(argv, {...io, overview: () => overview});
	}

	if (command !== 'add' || io.discovery) return runSourcesCommand(argv, io);
	let target: string;
	try {
		target = parseAddArgs(args).target.trim();
	} catch {
		return runSourcesCommand(argv, io);
	}

	if (!/^https?:\/\//iu.test(target)) return runSourcesCommand(argv, io);
	const [{discoverSite}, {closeSharedLibrary, sharedCache}] = await Promise.all([import('../sources/load.js'), import('../library/shared.js')]);
	try {
		return runSourcesCommand(argv, {...io, discovery: await discoverSite(target, {cache: sharedCache})});
	} finally {
		closeSharedLibrary();
	}
}

/**
 * What the library knows of each source, read-only; nothing when no library was made yet (a
 * new user's `sources list` creates no database) or it cannot be read (the list still shows).
 */
async function libraryOverview(): Promise<readonly SourceSummary[]> {
	let library: Library | undefined;
	try {
		const {defaultLibraryPath, openLibrary} = await import('../library/index.js');
		if (!fs.existsSync(defaultLibraryPath())) return [];
		library = openLibrary({readonly: true, flushOnExit: false});
		return library.overview();
	} catch {
		return [];
	} finally {
		library?.close();
	}
}

export function runSourcesCommand(argv: readonly string[], io: CommandIo = {}): CommandResult {
	return runCommand(io, (out, {prefs, cwd}) => {
		const [command = 'list', ...args] = argv;
		const help = sourcesHelp(command);
		if (help && asksForHelp(args, ['--name', '-n', '--feed', '--tag', '-t'])) {
			out.write(help);
			return 0;
		}

		switch (command) {
			case '--help':
			case '-h': {
				out.write(sourcesUsage);
				return 0;
			}

			case 'help': {
				const topic = args[0] === undefined ? sourcesUsage : sourcesHelp(args[0]);
				if (!topic) throw usage(`no sources command "${cleanLine(args[0]!)}"`);
				out.write(topic);
				return 0;
			}

			case 'list': {
				if (args.length > 0) throw usage(`too many arguments for list: ${args.join(' ')}`);
				return list(out, prefs().get().sources, io.overview?.());
			}

			case 'add': {
				return add(out, prefs(), args, cwd, io.discovery);
			}

			case 'remove':
			case 'rm': {
				return remove(out, prefs(), args, cwd);
			}

			case 'import': {
				return importOpml(out, prefs(), args, cwd);
			}

			case 'export': {
				if (args.length > 0) throw usage(`too many arguments for export: ${args.join(' ')}`);
				return exportOpml(out, prefs().get().sources);
			}

			default: {
				throw usage(`unknown sources command "${cleanLine(command)}"; use list, add, remove, import or export`);
			}
		}
	});
}
