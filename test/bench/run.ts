/**
 * `npm run bench`: prints the numbers; `npm run bench -- --json` prints one JSON object.
 * Every goal is a ratio of figures measured side by side in this one run.
 */
import process from 'node:process';
import {engineCold, engineWarm, fribidiThroughput, newsParagraphs} from './engine.js';

type Figures = Record<string, number | null>;

const round = (value: number | null, digits = 2): number | null =>
	value === null || !Number.isFinite(value) ? null : Number(value.toFixed(digits));

async function main(): Promise<void> {
	const json = process.argv.includes('--json');
	const paragraphs = newsParagraphs();
	const figures: Figures = {};
	const extra: Figures = {};

	figures['engine_mb_s'] = round(engineWarm(paragraphs));
	figures['fribidi_mb_s'] = round(fribidiThroughput(paragraphs));
	const cold = await engineCold();
	extra['engine_cold_mb_s'] = round(cold.coldMbS);
	extra['engine_load_ms'] = round(cold.tablesMs);

	if (json) {
		process.stdout.write(JSON.stringify(figures) + '\n');
		return;
	}

	const ratio = (a: number | null | undefined, b: number | null | undefined) =>
		a && b ? (a / b).toFixed(2) : 'n/a';
	const rows: Array<[string, string]> = [
		['engine, warm (MB/s)', String(figures['engine_mb_s'])],
		['engine, cold first pass (MB/s)', String(extra['engine_cold_mb_s'])],
		['engine bundle load (ms)', String(extra['engine_load_ms'])],
		['fribidi --nobreak (MB/s)', String(figures['fribidi_mb_s'] ?? 'not installed')],
		['engine / fribidi (goal ≥ 0.5)', ratio(figures['engine_mb_s'], figures['fribidi_mb_s'])],
	];
	const width = Math.max(...rows.map(([name]) => name.length));
	for (const [name, value] of rows) {
		process.stdout.write(`${name.padEnd(width)}  ${value}\n`);
	}
}

await main();
