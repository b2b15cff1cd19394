/**
 * A generated library (test/bench/library-corpus.ts) served as RSS by a real 127.0.0.1 server,
 * and a private HOME whose preferences list every one of its sources: what the library's
 * benchmarks and fault tests run `akhbar refresh` and the reader against.
 */
import {mkdirSync, mkdtempSync, readdirSync, readSync, openSync, closeSync, statSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import type {LibraryCorpus} from '../bench/library-corpus.js';
import {startServer, type TestServer} from './http-server.js';
import type {PtySession} from './pty-session.js';
import {screenText} from './xterm-screen.js';

export type LibraryServer = TestServer & {
	/** The feed URL of source `index`. */
	feedUrl(index: number): string;
	/** Feed requests answered so far. */
	served: number;
};

/**
 * Serves each source at `/feeds/N.xml`, generated on each request (10 ms for 500 items;
 * nothing held in memory). `transform` may change a feed before it is sent (new items over time).
 */
export async function serveLibrary(corpus: LibraryCorpus, transform?: (source: number, rss: string) => string): Promise<LibraryServer> {
	const server = await startServer();
	const library = server as LibraryServer;
	library.served = 0;
	library.feedUrl = index => server.url(`/feeds/${index}.xml`);
	for (let index = 0; index < corpus.sources; index++) {
		server.route(`/feeds/${index}.xml`, (_, response) => {
			const rss = corpus.rss(index, server.origin);
			library.served++;
			// A connection per feed: a refresh busy storing for longer than Node's 5 s keep-alive
			// would otherwise race the server closing an idle connection ("connection closed by
			// the server"), a failure of the fetch layer, not of the store measured here.
			response.writeHead(200, {'content-type': 'application/rss+xml; charset=utf-8', connection: 'close'}).end(transform ? transform(index, rss) : rss);
		});
	}

	return library;
}

export type LibraryHome = {
	home: string;
	configDir: string;
	/** XDG_DATA_HOME: where the store puts its database. */
	dataDir: string;
	/** The variables that point the CLI into `home` (on top of the helpers' own). */
	env: Record<string, string>;
};

/** A HOME whose preferences list every source of `corpus` (at `server`), in order. */
export function libraryHome(corpus: LibraryCorpus, server: LibraryServer, {prefix = 'akhbar-library-', home}: {prefix?: string; home?: string} = {}): LibraryHome {
	const root = home ?? mkdtempSync(path.join(tmpdir(), prefix));
	const configDir = path.join(root, 'config', 'akhbar');
	const dataDir = path.join(root, 'data');
	mkdirSync(configDir, {recursive: true});
	mkdirSync(dataDir, {recursive: true});
	const sources = Array.from({length: corpus.sources}, (_, index) => ({url: server.feedUrl(index), name: corpus.sourceName(index)}));
	writeFileSync(path.join(configDir, 'config.json'), JSON.stringify({sources}, null, '\t'));
	return {home: root, configDir, dataDir, env: {XDG_DATA_HOME: dataDir}};
}

const sqliteMagic = 'SQLite format 3\u0000';

/** The SQLite databases under `dir` (found by their header, wherever the store puts them). */
export function findDatabases(dir: string): string[] {
	const found: string[] = [];
	const walk = (folder: string) => {
		let names: string[];
		try {
			names = readdirSync(folder);
		} catch {
			return;
		}

		for (const name of names) {
			const file = path.join(folder, name);
			const stat = statSync(file, {throwIfNoEntry: false});
			if (stat?.isDirectory()) walk(file);
			else if (stat?.isFile() && stat.size >= 100 && !name.includes('.bad-') && isDatabase(file)) found.push(file);
		}
	};

	walk(dir);
	return found;
}

function isDatabase(file: string): boolean {
	const header = Buffer.alloc(16);
	const fd = openSync(file, 'r');
	try {
		readSync(fd, header, 0, 16, 0);
	} finally {
		closeSync(fd);
	}

	return header.toString('latin1') === sqliteMagic;
}

/** The store's database under `dataDir`; throws when there is none or more than one. */
export function databaseFile(dataDir: string): string {
	const found = findDatabases(dataDir);
	if (found.length !== 1) throw new Error(`expected one database under ${dataDir}, found ${found.length}: ${found.join(', ')}`);
	return found[0]!;
}

/**
 * From wherever the reader started (the overview, or a source's headlines), into the headlines
 * of the corpus's source `index`: the pointer is moved onto its row of the overview and Enter
 * pressed. `looks` gives a text as the session's screen shows it (shaped and reordered, or
 * logical); `headlines` holds marks of that source's headlines as they look.
 */
export async function openSource(session: PtySession, name: string, headlines: readonly string[], looks: (text: string) => string = text => text): Promise<void> {
	const rows = () => screenText(session.terminal);
	const showsHeadline = () => rows().some(row => headlines.some(mark => row.includes(mark)));
	const label = looks(name);
	// The overview lists it; a source's headlines may be showing already.
	await session.waitFor(() => showsHeadline() || rows().some(row => row.includes(label)), 20_000);
	if (showsHeadline()) return;
	const pointed = () => rows().find(row => row.includes('◂'))?.includes(label) ?? false;
	for (let step = 0; step < 400 && !pointed(); step++) {
		const before = rows().findIndex(row => row.includes('◂'));
		session.write('j');
		// eslint-disable-next-line no-await-in-loop -- one step at a time
		await session.waitFor(() => rows().findIndex(row => row.includes('◂')) !== before, 5000);
	}

	session.write('\r');
	await session.waitFor(showsHeadline, 10_000);
}
