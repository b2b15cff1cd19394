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
	{
		version: 3,
		describe: 'sync accounts, server sources and items, the queue of marks to send',
		up(db) {
			db.exec(`
				-- The secret is never here (a file of its own, or the environment).
				CREATE TABLE sync_accounts (
					id INTEGER PRIMARY KEY,
					kind TEXT NOT NULL CHECK (kind IN ('miniflux', 'greader')),
					url TEXT NOT NULL,
					username TEXT,
					-- Miniflux: the last whole second of changed_at fully seen (it compares whole
					-- seconds with a strict ">", so the next pull asks from that second and overlaps).
					changed_after INTEGER NOT NULL DEFAULT 0,
					last_entry_id INTEGER NOT NULL DEFAULT 0,
					-- JSON: "id@changed_at" of the entries met in the overlap second, applied already.
					overlap TEXT NOT NULL DEFAULT '[]',
					-- Google Reader: the newest crawl time seen (seconds), the next pull's "ot".
					newest_time INTEGER NOT NULL DEFAULT 0,
					synced_at TEXT,
					failure TEXT,
					failed_at TEXT
				);

				-- A source the server serves: no configured position; remote_id is its feed id there.
				ALTER TABLE sources ADD COLUMN account_id INTEGER REFERENCES sync_accounts(id) ON DELETE SET NULL;
				ALTER TABLE sources ADD COLUMN remote_id TEXT;
				-- The feed's own URL there: a configured source with the same URL is not fetched here.
				ALTER TABLE sources ADD COLUMN remote_url TEXT;
				CREATE UNIQUE INDEX sources_remote ON sources(account_id, remote_id) WHERE account_id IS NOT NULL;

				-- Which stored key a server entry is (Miniflux's API gives no guid: its URL, else miniflux:<id>).
				CREATE TABLE remote_items (
					account_id INTEGER NOT NULL REFERENCES sync_accounts(id) ON DELETE CASCADE,
					remote_id TEXT NOT NULL,
					key TEXT NOT NULL,
					PRIMARY KEY (account_id, remote_id)
				) WITHOUT ROWID;
				CREATE INDEX remote_items_key ON remote_items(key);

				-- Marks made here, not yet sent: the newest change of an item's field replaces older ones.
				CREATE TABLE pending_marks (
					seq INTEGER PRIMARY KEY AUTOINCREMENT,
					account_id INTEGER NOT NULL REFERENCES sync_accounts(id) ON DELETE CASCADE,
					remote_id TEXT NOT NULL,
					field TEXT NOT NULL CHECK (field IN ('read', 'starred')),
					value INTEGER NOT NULL,
					at TEXT NOT NULL,
					UNIQUE (account_id, remote_id, field)
				);

				-- A row here while sync applies the server's state, inside its transaction: what the
				-- server said is not queued back to it.
				CREATE TABLE sync_applying (one INTEGER PRIMARY KEY CHECK (one = 1));

				-- The reader marks through read_marks and stars (reading.ts); the queue fills here, so
				-- no path that marks can forget it.
				CREATE TRIGGER read_marks_queued AFTER INSERT ON read_marks WHEN NOT EXISTS (SELECT 1 FROM sync_applying) BEGIN
					INSERT OR REPLACE INTO pending_marks (account_id, remote_id, field, value, at)
						SELECT account_id, remote_id, 'read', 1, NEW.at FROM remote_items WHERE key = NEW.key;
				END;
				CREATE TRIGGER read_marks_unqueued AFTER DELETE ON read_marks WHEN NOT EXISTS (SELECT 1 FROM sync_applying) BEGIN
					INSERT OR REPLACE INTO pending_marks (account_id, remote_id, field, value, at)
						SELECT account_id, remote_id, 'read', 0, strftime('%Y-%m-%dT%H:%M:%fZ', 'now') FROM remote_items WHERE key = OLD.key;
				END;
				CREATE TRIGGER stars_queued AFTER INSERT ON stars WHEN NOT EXISTS (SELECT 1 FROM sync_applying) BEGIN
					INSERT OR REPLACE INTO pending_marks (account_id, remote_id, field, value, at)
						SELECT account_id, remote_id, 'starred', 1, NEW.at FROM remote_items WHERE key = NEW.key;
				END;
				CREATE TRIGGER stars_unqueued AFTER DELETE ON stars WHEN NOT EXISTS (SELECT 1 FROM sync_applying) BEGIN
					INSERT OR REPLACE INTO pending_marks (account_id, remote_id, field, value, at)
						SELECT account_id, remote_id, 'starred', 0, strftime('%Y-%m-%dT%H:%M:%fZ', 'now') FROM remote_items WHERE key = OLD.key;
				END;
			`);
		},
	},
	{
		version: 4,
		describe: 'a failed refresh keeps its kind, so a later session says it in its own language',
		up(db) {
			// JSON: model.ts's Failure, checked when read back (library/failure.ts); NULL for a
			// failure with no kind (a write the store refused) and for every failure stored before.
			db.exec('ALTER TABLE sources ADD COLUMN failure_kind TEXT');
		},
	},
	{
		version: 5,
		describe: 'an item says whether its article has text, and a source\'s newest items are listed from an index alone',
		up(db) {
			// The reader's start builds the last source's edition (its 500 newest headlines) from
			// this index without reading a row: each row holds its whole article, a page or more.
			// has_text: NULL for no article (or one that does not parse), else whether its blocks
			// or files are not empty (model.ts hasText), so the headlines say which open as text.
			db.exec(`
				ALTER TABLE items ADD COLUMN has_text INTEGER;
				UPDATE items SET has_text = CASE WHEN json_valid(article)
					THEN ifnull(json_array_length(article, '$.blocks'), 0) > 0 OR ifnull(json_array_length(article, '$.enclosures'), 0) > 0 END
					WHERE article IS NOT NULL;
				DROP INDEX items_source_time;
				CREATE INDEX items_source_time ON items(source_id, time, id, key, title, url, date, dir, has_text, read);
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
