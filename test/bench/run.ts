/**
 * `npm run bench`: prints a table; `npm run bench -- --json` prints one JSON object with the
 * keys below. Every goal is a ratio of figures measured side by side in this one run.
 * `--engine` limits the run to the text engine (no pseudo-terminal needed); `--library` to the
 * library and the figures its goals are ratios of. The library is 200 sources × 500 items
 * (refreshing it takes a few minutes); AKHBAR_BENCH_LIBRARY=20x50 makes a smaller one, and
 * AKHBAR_BENCH_LIBRARY=0 leaves it out.
 */
import process from 'node:process';
import {engineCold, engineWarm, fribidiThroughput, memoryPerArticle, newsParagraphs} from './engine.js';
import {outputBench} from './output.js';
import {libraryBench, librarySize} from './library.js';
import {baselineBench, readerBench} from './reader.js';

const keys = [
	'engine_mb_s', 'fribidi_mb_s',
	'key_ms_40', 'key_ms_4000', 'key_ms_latin_4000',
	'bytes_scroll', 'bytes_page', 'bytes_select', 'bytes_tab',
	'ideal_scroll', 'ideal_page', 'ideal_select', 'ideal_tab',
	'bytes_hold_1s', 'bytes_scroll_full', 'ideal_scroll_full', 'first_frame_bytes',
	'startup_ms', 'startup_cold_ms', 'version_ms', 'node_ms', 'kb_per_article',
	'library_sources', 'library_items', 'library_refresh_s', 'library_items_s', 'library_startup_ms', 'library_rss_mb',
	'search_ms', 'search_hits', 'search_process_ms', 'overview_key_ms', 'db_mb_per_1000_items',
	'library_demo_startup_ms', 'library_node_ms', 'library_key_ms_40',
	'library_startup_ms/node_ms', 'library_startup_ms/startup_ms', 'search_process_ms/node_ms', 'overview_key_ms/key_ms_40',
] as const;

type Figures = Record<(typeof keys)[number], number | null>;

const round = (value: number | null | undefined, digits = 2): number | null =>
	value === null || value === undefined || !Number.isFinite(value) ? null : Number(value.toFixed(digits));

async function main(): Promise<void> {
	const json = process.argv.includes('--json');
	const engineOnly = process.argv.includes('--engine');
	const libraryOnly = process.argv.includes('--library');
	const withLibrary = !engineOnly && process.env['AKHBAR_BENCH_LIBRARY'] !== '0';
	const figures = Object.fromEntries(keys.map(key => [key, null])) as Figures;
	const store = (values: Record<string, number>) => {
		for (const [key, value] of Object.entries(values)) {
			const digits = key.includes('/') ? 2 : key.endsWith('_ms') || key.includes('key_ms') || key.endsWith('_s') || key.endsWith('_mb') ? 1 : key.includes('_per_') ? 3 : 0;
			figures[key as keyof Figures] = round(value, digits);
		}
	};

	const ratio = (a: number | null, b: number | null) => (a !== null && b ? (a / b).toFixed(2) : 'n/a');
	const library = async () => {
		const size = librarySize();
		// Progress on stderr: the refresh alone takes minutes at full size.
		const started = performance.now();
		store({library_sources: size.sources, library_items: size.sources * size.items});
		store(await libraryBench(size, line => process.stderr.write(`${line} (${((performance.now() - started) / 1000).toFixed(0)} s)\n`)));
	};

	const libraryRows = (): Array<[string, string, string]> => [
		['library: sources × items', `${figures.library_sources} × ${(figures.library_items ?? 0) / (figures.library_sources ?? 1)}`, ''],
		['library refresh from empty (s)', String(figures.library_refresh_s), `${figures.library_items_s} items/s`],
		['library startup / node, in turn (ms)', `${figures.library_startup_ms} / ${figures.library_node_ms}`, `ratio ${figures['library_startup_ms/node_ms']}, goal ≤ 3`],
		['library startup / demo startup, in turn (ms)', `${figures.library_startup_ms} / ${figures.library_demo_startup_ms}`, `ratio ${figures['library_startup_ms/startup_ms']}, goal ≤ 1.1`],
		['library peak resident (MB)', String(figures.library_rss_mb), 'goal ≤ 120'],
		['archive search in-process (ms)', String(figures.search_ms), `${figures.search_hits} hits`],
		['akhbar search / node, in turn (ms)', String(figures.search_process_ms), `ratio ${figures['search_process_ms/node_ms']}, goal ≤ 3`],
		['overview ↓ / key ms 40, one after the other (ms)', `${figures.overview_key_ms} / ${figures.library_key_ms_40}`, `ratio ${figures['overview_key_ms/key_ms_40']}, goal ≤ 1.15`],
		['database MB per 1000 items', String(figures.db_mb_per_1000_items), ''],
	];

	if (libraryOnly) {
		store(await baselineBench());
		await library();
		if (json) {
			process.stdout.write(JSON.stringify(figures) + '\n');
			return;
		}

		printRows(libraryRows());
		return;
	}

	const paragraphs = newsParagraphs();

	// CPU time is the headline figure: the machine is shared, and wall clock moves with its load.
	const engine = engineWarm(paragraphs);
	const fribidi = fribidiThroughput(paragraphs);
	figures.engine_mb_s = round(engine.cpu);
	figures.fribidi_mb_s = round(fribidi?.cpu);
	const cold = await engineCold();
	figures.kb_per_article = round(await memoryPerArticle(), 1);
	if (!engineOnly) {
		const reader = await readerBench();
		for (const [key, value] of Object.entries(reader)) {
			figures[key as keyof Figures] = round(value, key.endsWith('_ms') || key.startsWith('key_ms') ? 1 : 0);
		}

		if (withLibrary) await library();
	}

	// Sync against a real Miniflux (PostgreSQL, 100 subscriptions): a minute or more, so only when
	// asked for, with AKHBAR_BENCH_SYNC=1 (test/bench/sync.ts alone prints the same figures).
	const sync = process.env['AKHBAR_BENCH_SYNC'] === '1' && !engineOnly ? await (await import('./sync.js')).syncBench() : undefined;
	if (json) {
		const syncFigures = sync ? {
			sync_initial_s: round(sync.sync_initial_s),
			sync_entries_per_s: round(sync.sync_entries_per_s, 0),
			sync_noop_requests: sync.sync_noop_requests,
			sync_noop_ms: round(sync.sync_noop_ms, 1),
			sync_marks_requests: sync.sync_marks_requests,
		} : {};
		process.stdout.write(JSON.stringify({...figures, ...syncFigures}) + '\n');
		return;
	}

	const rows: Array<[string, string, string]> = [
		['engine, warm (MB/s of CPU time)', String(figures.engine_mb_s), `wall clock ${round(engine.wall)}`],
		['engine, cold first pass (MB/s)', String(round(cold.coldMbS)), 'wall clock'],
		['generated tables + shape/normalize/bidi load (ms)', String(round(cold.tables.wall)), `goal < 20; CPU ${round(cold.tables.cpu)}`],
		['width.ts + wide.ts load (ms)', String(round(cold.width.wall)), `CPU ${round(cold.width.cpu)}`],
		['string-width load, for comparison (ms)', String(round(cold.stringWidth.wall)), `CPU ${round(cold.stringWidth.cpu)}; ratio ${ratio(cold.width.wall, cold.stringWidth.wall)}`],
		['whole engine bundle load (ms)', String(round(cold.engine.wall)), `CPU ${round(cold.engine.cpu)}`],
		['fribidi --nobreak (MB/s of CPU time)', String(figures.fribidi_mb_s ?? 'not installed'), fribidi ? `wall clock ${round(fribidi.wall)}` : ''],
		['engine / fribidi', ratio(figures.engine_mb_s, figures.fribidi_mb_s), `goal ≥ 0.5; wall clock ${ratio(engine.wall, fribidi?.wall ?? null)}`],
		['resident KB per laid-out article', String(figures.kb_per_article), 'goal ≤ 64'],
	];
	if (!engineOnly) {
		const output = outputBench();
		rows.push(
			['Ink Output / ours, ms per 100×30 frame', `${round(output.ink, 3)} / ${round(output.ours, 3)}`, `ratio ${ratio(output.ink, output.ours)} (warm)`],
			['key ms, 40 / 4000 lines', `${figures.key_ms_40} / ${figures.key_ms_4000}`, `ratio ${ratio(figures.key_ms_4000, figures.key_ms_40)}, goal ≤ 1.15`],
			['key ms, Arabic / Latin 4000', `${figures.key_ms_4000} / ${figures.key_ms_latin_4000}`, `ratio ${ratio(figures.key_ms_4000, figures.key_ms_latin_4000)}, goal ≤ 1.3`],
			['bytes scroll / ideal', `${figures.bytes_scroll} / ${figures.ideal_scroll}`, `ratio ${ratio(figures.bytes_scroll, figures.ideal_scroll)}, goal ≤ 1.3`],
			['bytes page / ideal', `${figures.bytes_page} / ${figures.ideal_page}`, `ratio ${ratio(figures.bytes_page, figures.ideal_page)}, goal ≤ 1.3`],
			['bytes select / ideal', `${figures.bytes_select} / ${figures.ideal_select}`, `ratio ${ratio(figures.bytes_select, figures.ideal_select)}, goal ≤ 1.3`],
			['bytes tab / ideal', `${figures.bytes_tab} / ${figures.ideal_tab}`, `ratio ${ratio(figures.bytes_tab, figures.ideal_tab)}`],
			['bytes scroll, one pane / ideal', `${figures.bytes_scroll_full} / ${figures.ideal_scroll_full}`, 'newsboat 156; stretch ≤ 312'],
			['bytes while ↓ held 1 s', String(figures.bytes_hold_1s), 'goal ≤ 80000'],
			['first frame bytes', String(figures.first_frame_bytes), ''],
			['startup / node (ms)', `${figures.startup_ms} / ${figures.node_ms}`, `ratio ${ratio(figures.startup_ms, figures.node_ms)}, goal ≤ 3`],
			['first startup, no code cache yet / node (ms)', `${figures.startup_cold_ms} / ${figures.node_ms}`, `ratio ${ratio(figures.startup_cold_ms, figures.node_ms)}`],
			['--version / node (ms)', `${figures.version_ms} / ${figures.node_ms}`, `ratio ${ratio(figures.version_ms, figures.node_ms)}, goal ≤ 1.6`],
		);
		if (withLibrary) rows.push(...libraryRows());
	}

	if (sync) {
		rows.push(
			['first sync, 10,000 entries over 100 feeds (s)', String(round(sync.sync_initial_s)), `${round(sync.sync_entries_per_s, 0)} entries/s, ${sync.sync_initial_requests} requests`],
			['sync with nothing changed (requests / ms)', `${sync.sync_noop_requests} / ${round(sync.sync_noop_ms, 1)}`, 'goal ≤ 3 requests'],
			['500 read marks sent (requests)', String(sync.sync_marks_requests), 'goal ≤ 5'],
		);
	}

	printRows(rows);
}

function printRows(rows: Array<[string, string, string]>): void {
	const width = Math.max(...rows.map(([name]) => name.length));
	const valueWidth = Math.max(...rows.map(([, value]) => value.length));
	for (const [name, value, note] of rows) {
		process.stdout.write(`${name.padEnd(width)}  ${value.padStart(valueWidth)}  ${note}\n`.trimEnd() + '\n');
	}
}

await main();
