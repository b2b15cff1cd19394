/**
 * Editions in and out of the store: a freshly loaded edition becomes rows (items, list ranks,
 * the source's meta, index rows) in one transaction, retention included; the rows become an
 * edition the reader shows, per source or across sources (the virtual editions).
 */
import {hasText, headlineGroups, type Article, type Direction, type Edition, type Failure, type Headline, type ListKind, type SiteInfo} from '../model.js';
import type {Retention, SearchHit, SourceSummary, StoreResult, VirtualKind} from './api.js';
import {defaultRetention, virtualSpec} from './api.js';
import {problemOf, type Database} from './database.js';
import {failureJson, parseFailure} from './failure.js';
import {storageKey} from './keys.js';
import {articleText, ftsQuery, indexText} from './search.js';
import {storedArticle} from './stored-article.js';
import {preparedOnUse} from './statements.js';

/** The virtual editions' names, in Arabic (the reader may word them in its own language by spec). */
export const virtualNames: Readonly<Record<VirtualKind | 'search', string>> = Object.freeze({
	'most-read-all': 'الأكثر قراءة — كل المصادر',
	'latest-all': 'آخر الأخبار — كل المصادر',
	starred: 'المفضلة',
	search: 'بحث',
});

export const searchSpec = 'akhbar:search';

const dayMs = 24 * 60 * 60 * 1000;
/** Up to this many matches are looked up one by one and sorted; beyond, the time index is walked. */
const directLookups = 2000;

type SourceRow = {
	id: number;
	spec: string;
	name: string | null;
	tags: string;
	position: number | null;
	edition_name: string | null;
	meta: string | null;
	refreshed_at: string | null;
	failure: string | null;
	failed_at: string | null;
	failure_kind: string | null;
	has_most_read: number;
	total: number;
	unread: number;
	/** Set for a sync account's source (migration 3). */
	remote_id?: string | null;
};

type Meta = {lang?: string; dir?: Direction; list?: ListKind; site?: SiteInfo; notes?: string[]};

/** An item as editions are built from it: its article is read when first used (stored-article.ts). */
type ItemRow = {
	id: number;
	source_id: number;
	key: string;
	title: string;
	url: string | null;
	date: string | null;
	dir: string | null;
	/** 1 when its article has text (or files), 0 when it has none; null: no article (or not one that parses). */
	has_text: number | null;
	/** 1 when its key is marked read (items.read follows read_marks). */
	read: number;
	/** 1 when its key is starred. */
	starred: number;
};

/**
 * An item's columns as ItemRow has them (those of the items_source_time index, and whether it is
 * starred: one look-up of the stars' primary key each), from the table aliased `alias`.
 */
function itemColumns(alias: string): string {
	return `${alias}.id, ${alias}.source_id, ${alias}.key, ${alias}.title, ${alias}.url, ${alias}.date, ${alias}.dir, ${alias}.has_text, ${alias}.read,
		EXISTS (SELECT 1 FROM stars WHERE stars.key = ${alias}.key) AS starred`;
}

/** items.has_text of an article (migration 5). */
function textFlag(article: Article | undefined): number | null {
	if (article === undefined) return null;
	return hasText(article) ? 1 : 0;
}

/** An item row with its source's spec and name, and a list rank when it comes from one. */
type JoinedRow = ItemRow & {spec: string; source_name: string; lang: string | null; source_dir: string | null; list?: string; rank?: number | null};

type NewItem = {key: string; title: string; url?: string; date?: string; dir?: Direction; article?: Article};

/** `{[name]: value}`, or nothing when the value is undefined (exactOptionalPropertyTypes). */
function optional<K extends string, V>(name: K, value: V | undefined): Partial<Record<K, V>> {
	return value === undefined ? {} : {[name]: value} as Record<K, V>;
}

function displayName(row: Pick<SourceRow, 'name' | 'edition_name' | 'spec'>): string {
	return row.name ?? row.edition_name ?? row.spec;
}

const sourceName = 'coalesce(s.name, s.edition_name, s.spec)';

/**
 * The server source (`t`) whose feed URL is the local source `alias`'s URL, or its site's feed:
 * the server fetches that feed, so the local source's latest items are the server's (akhbar sync).
 */
function twinOf(alias: string): string {
	return `t.account_id IS NOT NULL AND t.remote_url IN (${alias}.spec, json_extract(${alias}.meta, '$.site.feed')) AND ${alias}.remote_id IS NULL ORDER BY t.id LIMIT 1`;
}

/** A sync account's source the overview lists: one that is no configured source's twin. */
const listedServerSource = `(remote_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM sources c WHERE c.position IS NOT NULL AND c.remote_id IS NULL
	AND sources.remote_url IN (c.spec, json_extract(c.meta, '$.site.feed'))))`;

function parseMeta(text: string | null): Meta {
	if (!text) return {};
	try {
		return JSON.parse(text) as Meta;
	} catch {
		return {};
	}
}

/** A JSON list of strings the store wrote (tags, a sync's overlap): what is not one reads as none. */
export function parseStringList(text: string): string[] {
	try {
		const list: unknown = JSON.parse(text);
		return Array.isArray(list) ? list.filter((item): item is string => typeof item === 'string') : [];
	} catch {
		return [];
	}
}

function timeOf(date: string | undefined, fallback: number): number {
	const time = date === undefined ? Number.NaN : Date.parse(date);
	return Number.isFinite(time) ? time : fallback;
}

type RankRow = {list: ListKind; position: number; rank: number | null; key: string};

/**
 * The edition's items, each once (a most-read headline and a feed item may be the same
 * article), and its ranked lists as the reader groups them (model.ts headlineGroups: a headline
 * in no list, such as a page's own article, goes with the list it stands before).
 */
function itemsOf(edition: Edition): {items: Map<string, NewItem>; ranks: RankRow[]} {
	const items = new Map<string, NewItem>();
	for (const headline of edition.headlines) {
		const key = storageKey(headline.key);
		const found = headline.article === undefined ? undefined : edition.articles[headline.article - 1];
		const article = found && found.key !== key ? {...found, key} : found;
		const previous = items.get(key);
		if (previous) {
			previous.article ??= article;
			previous.url ??= headline.url ?? article?.url;
			previous.date ??= headline.date ?? article?.date;
			continue;
		}

		const url = headline.url ?? article?.url;
		const date = headline.date ?? article?.date;
		items.set(key, {
			key,
			title: headline.title,
			...(url === undefined ? {} : {url}),
			...(date === undefined ? {} : {date}),
			...(headline.dir === undefined ? {} : {dir: headline.dir}),
			...(article === undefined ? {} : {article}),
		});
	}

	const ranks: RankRow[] = [];
	for (const group of headlineGroups(edition)) {
		if (group.list === 'latest' || ranks.some(row => row.list === group.list)) continue;
		group.headlines.forEach((headline, position) => {
			ranks.push({list: group.list, position, rank: headline.rank ?? null, key: storageKey(headline.key)});
		});
	}

	return {items, ranks};
}

/** `known`: told, for each item an edition is built from, whether its key is read and starred. */
export function createEditions(db: Database, now: () => Date, path: string, known: (key: string, read: boolean, starred: boolean) => void = () => {}) {
	const statements = preparedOnUse({
		source: () => db.prepare<[string], SourceRow>('SELECT * FROM sources WHERE spec = ?'),
		insertSource: () => db.prepare<[string]>('INSERT INTO sources (spec) VALUES (?) ON CONFLICT (spec) DO NOTHING'),
		item: () => db.prepare<[number, string], {id: number; title: string; article: string | null; has_text: number | null; first_seen: string; url: string | null; date: string | null; dir: string | null}>(
			'SELECT id, title, article, has_text, first_seen, url, date, dir FROM items WHERE source_id = ? AND key = ?',
		),
		insertItem: () => db.prepare(`INSERT INTO items (source_id, key, title, url, date, dir, first_seen, time, article, has_text, read)
			VALUES (@source, @key, @title, @url, @date, @dir, @firstSeen, @time, @article, @hasText, EXISTS (SELECT 1 FROM read_marks WHERE key = @key))`),
		updateItem: () => db.prepare('UPDATE items SET title = @title, url = @url, date = @date, dir = @dir, time = @time, article = @article, has_text = @hasText WHERE id = @id'),
		insertIndex: () => db.prepare('INSERT INTO search (rowid, title, body) VALUES (?, ?, ?)'),
		deleteIndex: () => db.prepare('DELETE FROM search WHERE rowid = ?'),
		clearRanks: () => db.prepare('DELETE FROM ranks WHERE source_id = ?'),
		insertRank: () => db.prepare('INSERT INTO ranks (source_id, list, position, rank, key) VALUES (?, ?, ?, ?, ?)'),
		updateMeta: () => db.prepare(`UPDATE sources SET edition_name = @name, meta = @meta, refreshed_at = @at, failure = NULL,
			failed_at = NULL, failure_kind = NULL, has_most_read = @hasMostRead WHERE id = @id`),
		tooOld: () => db.prepare<[number, number], {id: number; key: string}>(
			'SELECT id, key FROM items WHERE source_id = ? AND time < ? AND key NOT IN (SELECT key FROM stars)',
		),
		beyondLimit: () => db.prepare<[number, number], {id: number; key: string}>(
			'SELECT id, key FROM items WHERE source_id = ? AND key NOT IN (SELECT key FROM stars) ORDER BY time DESC, id DESC LIMIT -1 OFFSET ?',
		),
		deleteItem: () => db.prepare('DELETE FROM items WHERE id = ?'),
		failure: () => db.prepare('UPDATE sources SET failure = ?, failed_at = ?, failure_kind = ? WHERE id = ?'),
		ranked: () => db.prepare<[number], JoinedRow>(`SELECT ${itemColumns('i')}, r.list, r.rank FROM ranks r JOIN items i ON i.source_id = r.source_id AND i.key = r.key
			WHERE r.source_id = ? ORDER BY r.list = 'most-read' DESC, r.position`),
		latest: () => db.prepare<[number, number], ItemRow>(`SELECT ${itemColumns('items')} FROM items WHERE source_id = ? ORDER BY time DESC, id DESC LIMIT ?`),
		article: () => db.prepare<[number, string], string | null>('SELECT article FROM items WHERE id = ? AND key = ?').pluck(),
		// Configured sources in their order, then a sync account's (remote_id set), by name. A
		// server source whose feed is a configured source's URL is that row (its twin): the
		// configured row shows the server's counts and time, and the server's row is not listed.
		overview: () => db.prepare<[], SourceRow & {account: string | null; twin_total: number | null; twin_unread: number | null; twin_refreshed_at: string | null; twin_name: string | null}>(`SELECT *,
				(SELECT a.kind || ' ' || a.url FROM sync_accounts a WHERE a.id = account_id) AS account,
				(SELECT t.total FROM sources t WHERE ${twinOf('sources')}) AS twin_total,
				(SELECT t.unread FROM sources t WHERE ${twinOf('sources')}) AS twin_unread,
				(SELECT t.refreshed_at FROM sources t WHERE ${twinOf('sources')}) AS twin_refreshed_at,
				(SELECT t.edition_name FROM sources t WHERE ${twinOf('sources')}) AS twin_name
			FROM sources WHERE position IS NOT NULL OR ${listedServerSource}
			ORDER BY position IS NULL, position, coalesce(name, edition_name, spec) COLLATE NOCASE`),
		// The overview's rows of a sync account, alone: what the reader needs at start (the counts are not).
		serverSources: () => db.prepare<[], {spec: string; name: string; account: string}>(`SELECT spec, coalesce(name, edition_name, spec) AS name,
				(SELECT a.kind || ' ' || a.url FROM sync_accounts a WHERE a.id = account_id) AS account
			FROM sources WHERE account_id IS NOT NULL AND (position IS NOT NULL OR ${listedServerSource})
			ORDER BY position IS NULL, position, coalesce(name, edition_name, spec) COLLATE NOCASE`),
		configured: () => db.prepare<[], {spec: string; name: string | null; tags: string}>('SELECT spec, name, tags FROM sources WHERE position IS NOT NULL ORDER BY position'),
		twin: () => db.prepare<[string, string | null], SourceRow>('SELECT * FROM sources WHERE account_id IS NOT NULL AND remote_url IN (?, ?) ORDER BY id LIMIT 1'),
		unconfigure: () => db.prepare('UPDATE sources SET position = NULL WHERE position IS NOT NULL'),
		configure: () => db.prepare('UPDATE sources SET position = @position, name = @name, tags = @tags WHERE spec = @spec'),
		mostReadAll: () => db.prepare<[number], JoinedRow>(`SELECT ${itemColumns('i')}, r.list, r.rank, s.spec, ${sourceName} AS source_name,
				json_extract(s.meta, '$.lang') AS lang, json_extract(s.meta, '$.dir') AS source_dir
			FROM ranks r JOIN sources s ON s.id = r.source_id JOIN items i ON i.source_id = r.source_id AND i.key = r.key
			WHERE (s.position IS NOT NULL OR s.remote_id IS NOT NULL) AND r.rank IS NOT NULL
				AND r.list = CASE WHEN s.has_most_read AND EXISTS (SELECT 1 FROM ranks m WHERE m.source_id = s.id AND m.list = 'most-read') THEN 'most-read' ELSE 'trending' END
			ORDER BY r.rank, s.position LIMIT ?`),
		latestAll: () => db.prepare<[number], JoinedRow>(`SELECT ${itemColumns('i')}, s.spec, ${sourceName} AS source_name,
				json_extract(s.meta, '$.lang') AS lang, json_extract(s.meta, '$.dir') AS source_dir
			FROM items i JOIN sources s ON s.id = i.source_id WHERE (s.position IS NOT NULL OR s.remote_id IS NOT NULL)
				AND NOT EXISTS (SELECT 1 FROM sources t WHERE ${twinOf('s')}) ORDER BY i.time DESC, i.id DESC LIMIT ?`),
		starred: () => db.prepare<[number], JoinedRow>(`SELECT ${itemColumns('i')}, s.spec, ${sourceName} AS source_name,
				json_extract(s.meta, '$.lang') AS lang, json_extract(s.meta, '$.dir') AS source_dir
			FROM stars st JOIN items i ON i.id = coalesce(
				(SELECT i2.id FROM items i2 JOIN sources s2 ON s2.id = i2.source_id WHERE i2.key = st.key AND s2.spec = st.source),
				(SELECT min(i3.id) FROM items i3 WHERE i3.key = st.key))
			JOIN sources s ON s.id = i.source_id ORDER BY st.at DESC LIMIT ?`),
		sourceByName: () => db.prepare<[string, string, string], {id: number}>(
			'SELECT id FROM sources WHERE spec = ? OR name = ? OR (name IS NULL AND edition_name = ?) ORDER BY position IS NULL, position LIMIT 1',
		),
		matches: () => db.prepare<[string], number>('SELECT rowid FROM search WHERE search MATCH ?').pluck(),
		newest: () => db.prepare<[], number>('SELECT id FROM items ORDER BY time DESC, id DESC').pluck(),
		newestInSource: () => db.prepare<[number], number>('SELECT id FROM items WHERE source_id = ? ORDER BY time DESC, id DESC').pluck(),
		hits: () => db.prepare<[string], JoinedRow>(`SELECT i.id, i.source_id, i.key, i.title, i.date, i.url, s.spec, ${sourceName} AS source_name
			FROM items i JOIN sources s ON s.id = i.source_id WHERE i.id IN (SELECT value FROM json_each(?)) ORDER BY i.time DESC, i.id DESC`),
		rows: () => db.prepare<[string], JoinedRow>(`SELECT ${itemColumns('i')}, s.spec, ${sourceName} AS source_name, json_extract(s.meta, '$.lang') AS lang, json_extract(s.meta, '$.dir') AS source_dir
			FROM items i JOIN sources s ON s.id = i.source_id WHERE i.id IN (SELECT value FROM json_each(?)) ORDER BY i.time DESC, i.id DESC`),
	});

	/** A write; a failure (a full disk, a lock held too long) as one line a user acts on. */
	function written<T>(write: () => T): T {
		try {
			return write();
		} catch (error) {
			if (typeof (error as {code?: unknown}).code !== 'string') throw error;
			// The code stays: a caller tells a damaged file or a full disk from it.
			throw Object.assign(new Error(`${problemOf(error, path)} (library ${path})`, {cause: error}), {code: (error as {code: string}).code});
		}
	}

	function sourceId(spec: string): number {
		statements.insertSource.run(spec);
		return statements.source.get(spec)!.id;
	}

	const store = db.transaction((spec: string, edition: Edition, at: Date, retention: Retention): StoreResult => {
		const id = sourceId(spec);
		const atIso = at.toISOString();
		const {items, ranks} = itemsOf(edition);
		let added = 0;
		let changed = 0;
		for (const item of items.values()) {
			const stored = statements.item.get(id, item.key);
			const articleJson = item.article === undefined ? null : JSON.stringify(item.article);
			if (stored === undefined) {
				const info = statements.insertItem.run({
					source: id,
					key: item.key,
					title: item.title,
					url: item.url ?? null,
					date: item.date ?? null,
					dir: item.dir ?? null,
					firstSeen: atIso,
					time: timeOf(item.date, at.getTime()),
					article: articleJson,
					hasText: textFlag(item.article),
				});
				statements.insertIndex.run(info.lastInsertRowid, indexText(item.title), indexText(articleText(item.article)));
				added++;
				continue;
			}

			// A headline that comes without its text this time (only in a list) keeps the text stored.
			const article = articleJson ?? stored.article;
			const url = item.url ?? stored.url;
			const date = item.date ?? stored.date;
			const dir = item.dir ?? stored.dir;
			if (stored.title === item.title && stored.article === article && stored.url === url && stored.date === date && stored.dir === dir) continue;
			statements.updateItem.run({
				id: stored.id,
				title: item.title,
				url,
				date,
				dir,
				time: timeOf(date ?? undefined, Date.parse(stored.first_seen)),
				article,
				hasText: articleJson === null ? stored.has_text : textFlag(item.article),
			});
			const textChanged = stored.title !== item.title
				|| (articleJson !== null && articleText(item.article) !== articleText(parseArticle(stored.article)));
			if (textChanged) {
				statements.deleteIndex.run(stored.id);
				statements.insertIndex.run(stored.id, indexText(item.title), indexText(articleText(parseArticle(article))));
				changed++;
			}
		}

		statements.clearRanks.run(id);
		for (const {list, position, rank, key} of ranks) statements.insertRank.run(id, list, position, rank, key);
		const meta: Meta = {
			...(edition.lang === undefined ? {} : {lang: edition.lang}),
			...(edition.dir === undefined ? {} : {dir: edition.dir}),
			list: edition.list,
			...(edition.site === undefined ? {} : {site: edition.site}),
			...(edition.notes.length === 0 ? {} : {notes: edition.notes}),
		};
		statements.updateMeta.run({id, name: edition.name, meta: JSON.stringify(meta), at: atIso, hasMostRead: ranks.length > 0 ? 1 : 0});

		// Retention: what the source still lists is kept whatever its age, and so is every star.
		const pruned = new Set<number>();
		const prune = (rows: Array<{id: number; key: string}>) => {
			for (const row of rows) {
				if (items.has(row.key) || pruned.has(row.id)) continue;
				statements.deleteIndex.run(row.id);
				statements.deleteItem.run(row.id);
				pruned.add(row.id);
			}
		};

		prune(statements.tooOld.all(id, at.getTime() - (retention.archiveDays * dayMs)));
		prune(statements.beyondLimit.all(id, retention.maxItemsPerSource));
		return {added, changed, pruned: pruned.size};
	});

	/** Rows → headlines and the numbered articles they point at. */
	function assemble(rows: Array<{row: ItemRow | JoinedRow; list: ListKind; rank?: number}>, origin: (row: ItemRow | JoinedRow) => {spec: string; name: string}): {headlines: Headline[]; articles: Article[]} {
		const headlines: Headline[] = [];
		const articles: Article[] = [];
		const numbers = new Map<number, number>();
		for (const {row, list, rank} of rows) {
			known(row.key, row.read === 1, row.starred === 1);
			let number = numbers.get(row.id);
			if (number === undefined && row.has_text !== null) {
				const {id, key} = row;
				const sourceLang = (row as JoinedRow).lang;
				articles.push(storedArticle(key, row.title, row.has_text === 1, () => {
					const article = parseArticle(statements.article.get(id, key) ?? null);
					if (article && sourceLang && article.lang === undefined) article.lang = sourceLang;
					return article && {...article, key};
				}));
				number = articles.length;
				numbers.set(row.id, number);
			}

			const dir = (row.dir ?? (row as JoinedRow).source_dir ?? undefined) as Direction | undefined;
			headlines.push({
				key: row.key,
				title: row.title,
				...(row.url === null ? {} : {url: row.url}),
				...(rank === undefined ? {} : {rank}),
				...(number === undefined ? {} : {article: number}),
				...(row.date === null ? {} : {date: row.date}),
				...(dir === 'rtl' || dir === 'ltr' ? {dir} : {}),
				list,
				origin: origin(row),
			});
		}

		return {headlines, articles};
	}

	const joinedOrigin = (row: ItemRow | JoinedRow) => ({spec: (row as JoinedRow).spec, name: (row as JoinedRow).source_name});

	return {
		storeEdition(spec: string, edition: Edition, options: {at?: Date; retention?: Retention} = {}): StoreResult {
			return written(() => store.immediate(spec, edition, options.at ?? now(), options.retention ?? defaultRetention));
		},

		recordFailure(spec: string, message: string, at: Date = now(), failure?: Failure): void {
			written(() => db.transaction(() => {
				statements.failure.run(message.split('\n')[0]!.slice(0, 500), at.toISOString(), failureJson(failure), sourceId(spec));
			}).immediate());
		},

		syncSources(entries: ReadonlyArray<{url: string; name?: string; tags?: readonly string[]}>): void {
			const rows = entries.map(entry => ({
				spec: entry.url,
				name: entry.name ?? null,
				tags: JSON.stringify(Array.isArray(entry.tags) ? entry.tags.filter(tag => typeof tag === 'string') : []),
			}));
			// Every start gives the list again, and it has mostly not changed: a read, not a write
			// transaction (which waits for a refresh's writes, and fsyncs).
			const configured = statements.configured.all();
			if (configured.length === rows.length && configured.every((row, index) => row.spec === rows[index]!.spec && row.name === rows[index]!.name && row.tags === rows[index]!.tags)) return;
			written(() => db.transaction(() => {
				statements.unconfigure.run();
				rows.forEach((row, position) => {
					statements.insertSource.run(row.spec);
					statements.configure.run({...row, position});
				});
			}).immediate());
		},

		serverSources(): Array<{spec: string; name: string; account: string}> {
			return statements.serverSources.all();
		},

		edition(spec: string, options: {maxItems?: number} = {}): Edition | undefined {
			const own = statements.source.get(spec);
			// A local source whose feed the sync server fetches: its latest items are the server's
			// (its page's lists, read here, stay its own).
			const twin = own?.remote_id == null ? statements.twin.get(spec, parseMeta(own?.meta ?? null).site?.feed ?? null) : undefined;
			const stored = (row: SourceRow | undefined): row is SourceRow => row !== undefined && (row.refreshed_at !== null || row.total > 0);
			const source = stored(own) ? own : twin;
			if (!stored(source)) return undefined;
			const meta = parseMeta(source.meta);
			const name = own?.name ?? displayName(source);
			const origin = {spec, name};
			const rows: Array<{row: ItemRow; list: ListKind; rank?: number}> = [];
			for (const row of statements.ranked.all(source.id)) rows.push({row, list: row.list as ListKind, ...(row.rank == null ? {} : {rank: row.rank})});
			for (const row of statements.latest.all(stored(twin) ? twin.id : source.id, options.maxItems ?? 1000)) rows.push({row, list: 'latest'});
			const {headlines, articles} = assemble(rows, () => origin);
			return {
				source: spec,
				name,
				list: headlines[0]?.list ?? meta.list ?? 'latest',
				headlines,
				articles,
				...(meta.lang === undefined ? {} : {lang: meta.lang}),
				...(meta.dir === undefined ? {} : {dir: meta.dir}),
				notes: [...(meta.notes ?? [])],
				...(meta.site === undefined ? {} : {site: meta.site}),
			};
		},

		overview(): SourceSummary[] {
			return statements.overview.all().map(row => ({
				spec: row.spec,
				name: row.name ?? row.edition_name ?? row.twin_name ?? row.spec,
				tags: parseStringList(row.tags),
				unread: row.twin_unread ?? row.unread,
				total: row.twin_total ?? row.total,
				hasMostRead: row.has_most_read === 1,
				...optional('refreshedAt', row.twin_refreshed_at ?? row.refreshed_at ?? undefined),
				...(row.failure === null ? {} : {failure: row.failure}),
				...(row.failed_at === null ? {} : {failedAt: row.failed_at}),
				...(row.account === null ? {} : {account: row.account}),
				...(row.failure === null ? {} : optional('failureKind', parseFailure(row.failure_kind))),
			}));
		},

		virtualEdition(kind: VirtualKind, options: {limit?: number} = {}): Edition {
			const limit = options.limit ?? 500;
			let rows: Array<{row: JoinedRow; list: ListKind; rank?: number}>;
			if (kind === 'most-read-all') {
				rows = statements.mostReadAll.all(limit).map(row => ({row, list: 'most-read', ...(row.rank == null ? {} : {rank: row.rank})}));
			} else {
				rows = (kind === 'latest-all' ? statements.latestAll : statements.starred).all(limit).map(row => ({row, list: 'latest'}));
			}

			const {headlines, articles} = assemble(rows, joinedOrigin);
			const list: ListKind = kind === 'most-read-all' ? 'most-read' : 'latest';
			return {source: virtualSpec(kind), name: virtualNames[kind], list, headlines, articles, notes: []};
		},

		search(query: string, options: {limit?: number; source?: string} = {}): SearchHit[] {
			return searchRows('hits', query, options).map(row => ({
				key: row.key,
				source: row.spec,
				sourceName: row.source_name,
				title: row.title,
				...(row.date === null ? {} : {date: row.date}),
				...(row.url === null ? {} : {url: row.url}),
			}));
		},

		searchEdition(query: string, options: {limit?: number; source?: string} = {}): Edition {
			const rows = searchRows('rows', query, options).map(row => ({row, list: 'latest' as const}));
			const {headlines, articles} = assemble(rows, joinedOrigin);
			return {source: searchSpec, name: `${virtualNames.search}: ${query.trim()}`, list: 'latest', headlines, articles, notes: []};
		},
	};

	/**
	 * The matching items, newest first. The index gives the matching ids fast, in id order; the
	 * newest `limit` of them come from the items' time index: few matches are looked up and
	 * sorted, many are met early in a walk from the newest item (sorting 40,000 matches by a
	 * column of rows that hold whole articles took 250 ms; either way here takes a few).
	 */
	function searchRows(kind: 'hits' | 'rows', query: string, options: {limit?: number; source?: string}): JoinedRow[] {
		const match = ftsQuery(query);
		if (match === undefined) return [];
		const limit = options.limit ?? 500;
		let sourceId: number | undefined;
		if (options.source !== undefined) {
			sourceId = statements.sourceByName.get(options.source, options.source, options.source)?.id;
			if (sourceId === undefined) return [];
		}

		const ids = new Set(statements.matches.all(match));
		if (ids.size === 0 || limit <= 0) return [];
		let chosen: number[];
		if (ids.size <= directLookups) {
			chosen = [...ids];
		} else {
			chosen = [];
			const walk = sourceId === undefined ? statements.newest.iterate() : statements.newestInSource.iterate(sourceId);
			for (const id of walk) {
				if (!ids.has(id)) continue;
				chosen.push(id);
				if (chosen.length >= limit) break;
			}
		}

		const rows = statements[kind].all(JSON.stringify(chosen));
		const filtered = sourceId === undefined ? rows : rows.filter(row => row.source_id === sourceId);
		return filtered.slice(0, limit);
	}
}

export type Editions = ReturnType<typeof createEditions>;

function parseArticle(text: string | null): Article | undefined {
	if (text === null) return undefined;
	try {
		return JSON.parse(text) as Article;
	} catch {
		return undefined;
	}
}
