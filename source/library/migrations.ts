/**
 * The store's schema, as a versioned list: migration N takes a database at `PRAGMA user_version`
 * N-1 to N. A migration is never edited once released; a change is a new one at the end.
 */
import type {Database} from 'better-sqlite3';

export type Migration = {version: number; describe: string; up: (db: Database) => void};

export const migrations: readonly Migration[] = [
	{
		version: 1,
		describe: 'sources, items, list ranks, reading state, stars, cache, full-text index',
		up(db) {
			db.exec(`
				CREATE TABLE sources (
					id INTEGER PRIMARY KEY,
					spec TEXT NOT NULL UNIQUE,
					-- The name the user gave (configuration); edition_name is the feed's or page's own.
					name TEXT,
					tags TEXT NOT NULL DEFAULT '[]',
					-- Configured order; NULL for a source read once but not configured.
					position INTEGER,
					edition_name TEXT,
					-- JSON: lang, dir, list, site, notes of the last stored edition.
					meta TEXT,
					refreshed_at TEXT,
					failure TEXT,
					failed_at TEXT,
					has_most_read INTEGER NOT NULL DEFAULT 0,
					-- Kept by the triggers below, so the overview never counts the archive.
					total INTEGER NOT NULL DEFAULT 0,
					unread INTEGER NOT NULL DEFAULT 0
				);
				CREATE INDEX sources_position ON sources(position) WHERE position IS NOT NULL;

				-- An item's key is its article's (a digest when longer than 2048, as reading state keys).
				CREATE TABLE items (
					id INTEGER PRIMARY KEY,
					source_id INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
					key TEXT NOT NULL,
					title TEXT NOT NULL,
					url TEXT,
					date TEXT,
					dir TEXT,
					first_seen TEXT NOT NULL,
					-- Milliseconds: the date, else first seen; what "newest first" sorts by.
					time INTEGER NOT NULL,
					-- The Article as JSON; NULL for a headline with no text of its own.
					article TEXT,
					-- Denormalized from read_marks, so unread counts are one indexed query.
					read INTEGER NOT NULL DEFAULT 0,
					UNIQUE (source_id, key)
				);
				-- Ascending, so that "time DESC, id DESC" (newest first, ties by arrival) is one
				-- backward walk of the index, with no sort.
				CREATE INDEX items_source_time ON items(source_id, time);
				CREATE INDEX items_time ON items(time);
				CREATE INDEX items_key ON items(key);
				CREATE TRIGGER items_counted AFTER INSERT ON items BEGIN
					UPDATE sources SET total = total + 1, unread = unread + (NEW.read = 0) WHERE id = NEW.source_id;
				END;
				CREATE TRIGGER items_uncounted AFTER DELETE ON items BEGIN
					UPDATE sources SET total = total - 1, unread = unread - (OLD.read = 0) WHERE id = OLD.source_id;
				END;
				CREATE TRIGGER items_read AFTER UPDATE OF read ON items WHEN OLD.read != NEW.read BEGIN
					UPDATE sources SET unread = unread + (NEW.read = 0) - (OLD.read = 0) WHERE id = NEW.source_id;
				END;

				-- The lists (most read, trending) of each source's last refresh.
				CREATE TABLE ranks (
					source_id INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
					list TEXT NOT NULL,
					rank INTEGER NOT NULL,
					key TEXT NOT NULL,
					PRIMARY KEY (source_id, list, rank)
				) WITHOUT ROWID;
				CREATE INDEX ranks_rank ON ranks(rank);

				-- Global, as state.json was: marks for files and URLs read once count too.
				CREATE TABLE read_marks (key TEXT PRIMARY KEY, at TEXT NOT NULL) WITHOUT ROWID;
				CREATE TABLE stars (key TEXT PRIMARY KEY, at TEXT NOT NULL, source TEXT) WITHOUT ROWID;
				CREATE TABLE positions (
					key TEXT PRIMARY KEY,
					block INTEGER NOT NULL,
					offset INTEGER NOT NULL,
					at TEXT NOT NULL
				) WITHOUT ROWID;
				-- Small named values: the last article open.
				CREATE TABLE settings (name TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;

				CREATE TABLE cache (
					url TEXT PRIMARY KEY,
					final_url TEXT,
					fetched_at TEXT NOT NULL,
					etag TEXT,
					last_modified TEXT,
					content_type TEXT,
					size INTEGER NOT NULL,
					-- When it was last written: the oldest go first beyond the limits.
					stored INTEGER NOT NULL,
					bytes BLOB NOT NULL
				);
				CREATE INDEX cache_stored ON cache(stored);

				-- Folded title and text (text/fold.ts), cut into words by library/search.ts, plus
				-- every word again without its Arabic proclitics. Contentless: the items hold the
				-- text. No positions (detail=none): queries are words and prefixes, never phrases;
				-- the index is smaller and faster to write.
				CREATE VIRTUAL TABLE search USING fts5(title, body, content='', contentless_delete=1, detail=none, tokenize='ascii');
			`);
		},
	},
	{
		version: 2,
		describe: 'list ranks keep their order, and an unranked first headline (a page\'s own article)',
		up(db) {
			db.exec(`
				ALTER TABLE ranks RENAME TO ranks_1;
				DROP INDEX ranks_rank;
				-- The lists (most read, trending) of each source's last refresh, in order; rank is
				-- NULL for a headline the list holds unranked (a page's own article, first).
				CREATE TABLE ranks (
					source_id INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
					list TEXT NOT NULL,
					position INTEGER NOT NULL,
					rank INTEGER,
					key TEXT NOT NULL,
					PRIMARY KEY (source_id, list, position)
				) WITHOUT ROWID;
				CREATE INDEX ranks_rank ON ranks(rank) WHERE rank IS NOT NULL;
				INSERT INTO ranks (source_id, list, position, rank, key)
					SELECT source_id, list, row_number() OVER (PARTITION BY source_id, list ORDER BY rank) - 1, rank, key FROM ranks_1;
				DROP TABLE ranks_1;
			`);
		},
	},
];

export const latestVersion = migrations.at(-1)!.version;

const version = (db: Database) => db.pragma('user_version', {simple: true}) as number;

/**
 * Brings the database up to `target` (default: the latest), one transaction per migration. The
 * version is read again inside each write transaction: two akhbar processes opening a new
 * library at once must not both make its tables.
 */
export function migrate(db: Database, target: number = latestVersion): void {
	for (const migration of migrations) {
		if (migration.version > target || migration.version <= version(db)) continue;
		db.transaction(() => {
			if (migration.version <= version(db)) return;
			migration.up(db);
			db.pragma(`user_version = ${migration.version}`);
		}).immediate();
	}
}
