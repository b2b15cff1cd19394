import fs from 'node:fs';
import path from 'node:path';
import process from 'node:process';
import Database from 'better-sqlite3';
import {describe, expect, it} from 'vitest';
import {defaultLibraryPath, openLibrary} from '../../source/library/index.js';
import {latestVersion, migrate, migrations} from '../../source/library/migrations.js';
import {runScript, sourceUrl} from '../store/helpers.js';
import {feedEdition, items, tempDir} from './helpers.js';

const when = new Date('2026-12-01T10:20:30.000Z');
const stamp = '2026-12-01T10-20-30.000Z';

function filledLibrary(file: string): void {
	const library = openLibrary({path: file, legacy: false, flushOnExit: false});
	library.syncSources([{url: 's'}]);
	library.storeEdition('s', feedEdition('s', items('s', 200)));
	library.reading.markRead('s-1');
	library.close();
}

describe('the database file', () => {
	it('lives in the data folder, following XDG_DATA_HOME', () => {
		const previous = process.env['XDG_DATA_HOME'];
		process.env['XDG_DATA_HOME'] = '/somewhere/data';
		try {
			expect(defaultLibraryPath()).toBe(process.platform === 'linux' ? '/somewhere/data/akhbar/library.sqlite' : defaultLibraryPath());
		} finally {
			if (previous === undefined) delete process.env['XDG_DATA_HOME'];
			else process.env['XDG_DATA_HOME'] = previous;
		}
	});

	it('opens in WAL mode with a busy timeout and foreign keys, at the latest version', () => {
		const file = path.join(tempDir(), 'deep', 'library.sqlite');
		openLibrary({path: file, flushOnExit: false}).close();
		const db = new Database(file);
		try {
			expect(db.pragma('journal_mode', {simple: true})).toBe('wal');
			expect(db.pragma('user_version', {simple: true})).toBe(latestVersion);
		} finally {
			db.close();
		}
	});

	it('keeps a file that is not a database aside, makes a new one, and says so in one line', () => {
		const dir = tempDir();
		const file = path.join(dir, 'library.sqlite');
		fs.writeFileSync(file, 'this is not a database, it is a shopping list\n'.repeat(100));
		const library = openLibrary({path: file, now: () => when, flushOnExit: false});
		try {
			expect(library.notice).toBe(`the library was damaged: moved it to ${file}.bad-${stamp} and started a new one`);
			expect(library.reading.notice).toBe(library.notice);
			library.reading.markRead('works');
			expect(library.reading.lastError).toBeUndefined();
		} finally {
			library.close();
		}

		expect(fs.readFileSync(`${file}.bad-${stamp}`, 'utf8')).toContain('shopping list');
		const again = openLibrary({path: file, flushOnExit: false});
		try {
			expect(again.notice).toBeUndefined();
			expect(again.reading.isRead('works')).toBe(true);
		} finally {
			again.close();
		}
	});

	it('keeps a truncated database aside', () => {
		const dir = tempDir();
		const file = path.join(dir, 'library.sqlite');
		filledLibrary(file);
		const size = fs.statSync(file).size;
		expect(size).toBeGreaterThan(64 * 1024);
		fs.truncateSync(file, Math.floor(size / 2));
		const library = openLibrary({path: file, now: () => when, flushOnExit: false});
		try {
			expect(library.notice).toBe(`the library was damaged: moved it to ${file}.bad-${stamp} and started a new one`);
			expect(library.overview()).toEqual([]);
		} finally {
			library.close();
		}

		expect(fs.statSync(`${file}.bad-${stamp}`).size).toBe(Math.floor(size / 2));
	});

	it('keeps a database cut inside its header aside', () => {
		const dir = tempDir();
		const file = path.join(dir, 'library.sqlite');
		filledLibrary(file);
		fs.truncateSync(file, 50);
		const library = openLibrary({path: file, now: () => when, flushOnExit: false});
		try {
			expect(library.notice).toMatch(/^the library was damaged: moved it to .*\.bad-/);
		} finally {
			library.close();
		}
	});

	it('leaves the preferences alone when it keeps a damaged library aside', () => {
		const dir = tempDir();
		const prefs = path.join(dir, 'config.json');
		fs.writeFileSync(prefs, '{"measure": 60}');
		const file = path.join(dir, 'library.sqlite');
		fs.writeFileSync(file, 'garbage');
		openLibrary({path: file, flushOnExit: false}).close();
		expect(fs.readFileSync(prefs, 'utf8')).toBe('{"measure": 60}');
		expect(fs.readdirSync(dir).filter(name => name.startsWith('library.sqlite.bad-'))).toHaveLength(1);
	});

	it('runs in memory, with a one-line notice, where no file can be made', () => {
		const dir = tempDir();
		fs.writeFileSync(path.join(dir, 'file'), '');
		const library = openLibrary({path: path.join(dir, 'file', 'library.sqlite'), flushOnExit: false});
		try {
			expect(library.notice).toMatch(/^cannot open the library .*; nothing will be saved this session$/);
			library.reading.markRead('a');
			expect(library.reading.isRead('a')).toBe(true);
		} finally {
			library.close();
		}
	});
});

describe('several processes at once', () => {
	it('opening a new library together, each finds it whole and writes to it', async () => {
		const dir = tempDir();
		for (let round = 0; round < 4; round++) {
			const file = path.join(dir, `library-${round}.sqlite`);
			// Every process waits for the same moment, so their opening overlaps despite tsx's start-up.
			const startAt = Date.now() + 2500;
			const script = (name: string) => `
				import {openLibrary} from ${JSON.stringify(sourceUrl('library/index.ts'))};
				while (Date.now() < ${startAt}) {}
				const library = openLibrary({path: ${JSON.stringify(file)}, legacy: false, flushOnExit: false});
				library.reading.markRead(${JSON.stringify(name)});
				process.stdout.write(JSON.stringify([library.notice ?? null, library.reading.lastError ?? null]));
				library.close();
			`;
			// eslint-disable-next-line no-await-in-loop -- one round after another
			const outputs = await Promise.all(['a', 'b', 'c', 'd'].map(name => runScript(dir, `open-${round}-${name}`, script(name))));
			expect(outputs.map(output => JSON.parse(output) as unknown), `round ${round + 1}`).toEqual(Array.from({length: 4}, () => [null, null]));
			const library = openLibrary({path: file, flushOnExit: false});
			expect(['a', 'b', 'c', 'd'].map(name => library.reading.isRead(name))).toEqual([true, true, true, true]);
			library.close();
		}
	}, 60_000);
});

describe('migrations', () => {
	it('are numbered 1, 2, 3... in order', () => {
		expect(migrations.map(migration => migration.version)).toEqual(migrations.map((_, index) => index + 1));
	});

	it('1: makes every table from an empty database', () => {
		const db = new Database(':memory:');
		try {
			migrate(db, 1);
			expect(db.pragma('user_version', {simple: true})).toBe(1);
			const tables = db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'search_%' ORDER BY name").all();
			expect(tables.map(row => (row as {name: string}).name)).toEqual(['cache', 'items', 'positions', 'ranks', 'read_marks', 'search', 'settings', 'sources', 'stars']);
			db.prepare("INSERT INTO sources (spec) VALUES ('s')").run();
			db.prepare("INSERT INTO items (source_id, key, title, first_seen, time) VALUES (1, 'k', 't', '', 0)").run();
			expect(db.prepare('SELECT total, unread FROM sources').get()).toEqual({total: 1, unread: 1});
			db.prepare('UPDATE items SET read = 1').run();
			expect(db.prepare('SELECT total, unread FROM sources').get()).toEqual({total: 1, unread: 0});
			// Migrating again changes nothing.
			migrate(db);
			expect(db.pragma('user_version', {simple: true})).toBe(latestVersion);
		} finally {
			db.close();
		}
	});

	it('2: keeps every source\'s ranked lists, in order, each rank now a position too', () => {
		const db = new Database(':memory:');
		try {
			migrate(db, 1);
			db.exec(`INSERT INTO sources (id, spec) VALUES (1, 'a'), (2, 'b');
				INSERT INTO ranks (source_id, list, rank, key) VALUES (1, 'most-read', 2, 'a2'), (1, 'most-read', 1, 'a1'), (2, 'trending', 1, 'b1');`);
			migrate(db, 2);
			expect(db.pragma('user_version', {simple: true})).toBe(2);
			expect(db.prepare('SELECT source_id, list, position, rank, key FROM ranks ORDER BY source_id, position').all()).toEqual([
				{source_id: 1, list: 'most-read', position: 0, rank: 1, key: 'a1'},
				{source_id: 1, list: 'most-read', position: 1, rank: 2, key: 'a2'},
				{source_id: 2, list: 'trending', position: 0, rank: 1, key: 'b1'},
			]);
			// An unranked headline (a page's own article) now has a place.
			db.prepare("INSERT INTO ranks (source_id, list, position, rank, key) VALUES (2, 'trending', 1, NULL, 'own')").run();
			expect(db.prepare("SELECT name FROM sqlite_schema WHERE name LIKE 'ranks%' ORDER BY name").all()).toEqual([{name: 'ranks'}, {name: 'ranks_rank'}]);
		} finally {
			db.close();
		}
	});

	it('4: a source\'s failure gains its kind; a failure stored before keeps its line, with no kind', () => {
		const db = new Database(':memory:');
		try {
			migrate(db, 3);
			db.exec("INSERT INTO sources (id, spec, failure, failed_at) VALUES (1, 'a', 'HTTP 500', '2026-12-01T10:00:00.000Z'), (2, 'b', NULL, NULL)");
			migrate(db, 4);
			expect(db.pragma('user_version', {simple: true})).toBe(4);
			expect(db.prepare('SELECT spec, failure, failure_kind FROM sources ORDER BY id').all()).toEqual([
				{spec: 'a', failure: 'HTTP 500', failure_kind: null},
				{spec: 'b', failure: null, failure_kind: null},
			]);
			db.prepare('UPDATE sources SET failure_kind = ? WHERE id = 2').run('{"kind":"refused"}');
		} finally {
			db.close();
		}
	});

	it('5: items say whether their article has text; a source\'s newest are listed from the index alone', () => {
		const db = new Database(':memory:');
		try {
			migrate(db, 4);
			const article = (value: unknown) => JSON.stringify(value);
			db.exec("INSERT INTO sources (id, spec) VALUES (1, 'a')");
			const insert = db.prepare('INSERT INTO items (source_id, key, title, first_seen, time, article) VALUES (1, ?, ?, \'\', ?, ?)');
			insert.run('text', 'نص', 4, article({key: 'text', title: 'نص', blocks: [{kind: 'paragraph', text: 'نص'}]}));
			insert.run('file', 'ملف', 3, article({key: 'file', title: 'ملف', blocks: [], enclosures: [{url: 'https://example.com/a.mp3', medium: 'audio'}]}));
			insert.run('empty', 'فارغ', 2, article({key: 'empty', title: 'فارغ', blocks: []}));
			insert.run('none', 'بلا مقال', 1, null);
			insert.run('broken', 'تالف', 0, '{not json');
			migrate(db, 5);
			expect(db.pragma('user_version', {simple: true})).toBe(5);
			expect(db.prepare('SELECT key, has_text FROM items ORDER BY time DESC').all()).toEqual([
				{key: 'text', has_text: 1},
				{key: 'file', has_text: 1},
				{key: 'empty', has_text: 0},
				{key: 'none', has_text: null},
				{key: 'broken', has_text: null},
			]);
			const plan = db.prepare('EXPLAIN QUERY PLAN SELECT id, source_id, key, title, url, date, dir, has_text, read FROM items WHERE source_id = 1 ORDER BY time DESC, id DESC LIMIT 500').all();
			expect(plan.map(row => (row as {detail: string}).detail)).toEqual(['SEARCH items USING COVERING INDEX items_source_time (source_id=?)']);
		} finally {
			db.close();
		}
	});

	it('brings a library an earlier akhbar made up to date when it is opened read-only (akhbar search), then refuses writes', () => {
		const file = path.join(tempDir(), 'library.sqlite');
		const writer = openLibrary({path: file, flushOnExit: false});
		writer.storeEdition('s', {source: 's', name: 'مصدر', list: 'latest', notes: [], headlines: [{key: 'k', title: 'كسوف الشمس', article: 1}], articles: [{key: 'k', title: 'كسوف الشمس', blocks: [{kind: 'paragraph', text: 'نص'}]}]});
		writer.close();
		// As version 4 left it: no has_text, the narrow index.
		const old = new Database(file);
		old.exec('DROP INDEX items_source_time; ALTER TABLE items DROP COLUMN has_text; CREATE INDEX items_source_time ON items(source_id, time); PRAGMA user_version = 4');
		old.close();
		let upgrades = 0;
		const reader = openLibrary({path: file, flushOnExit: false, readonly: true, onUpgrade: () => upgrades++});
		try {
			expect(upgrades).toBe(1);
			expect(reader.notice).toBeUndefined();
			expect(reader.search('كسوف').map(hit => hit.key)).toEqual(['k']);
			expect(reader.edition('s')!.articles[0]!.blocks).toEqual([{kind: 'paragraph', text: 'نص'}]);
			reader.reading.markRead('k');
			expect(reader.reading.lastError).toMatch(/read-only|readonly/u);
		} finally {
			reader.close();
		}

		// Up to date now, and a new library is made, not upgraded: neither says it waits.
		openLibrary({path: file, flushOnExit: false, onUpgrade: () => upgrades++}).close();
		openLibrary({path: path.join(tempDir(), 'new.sqlite'), flushOnExit: false, onUpgrade: () => upgrades++}).close();
		expect(upgrades).toBe(1);
		const check = new Database(file, {readonly: true});
		expect(check.pragma('user_version', {simple: true})).toBe(latestVersion);
		expect(check.prepare('SELECT count(*) AS n FROM read_marks').get()).toEqual({n: 0});
		check.close();
	});

	it('opens a database a newer akhbar made without undoing its changes', () => {
		const file = path.join(tempDir(), 'library.sqlite');
		openLibrary({path: file, flushOnExit: false}).close();
		const db = new Database(file);
		db.pragma(`user_version = ${latestVersion + 1}`);
		db.close();
		const library = openLibrary({path: file, flushOnExit: false});
		try {
			expect(library.notice).toBeUndefined();
			library.reading.markRead('a');
			expect(library.reading.lastError).toBeUndefined();
		} finally {
			library.close();
		}
	});
});
