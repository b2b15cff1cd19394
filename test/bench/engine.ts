/**
 * Engine throughput: sanitize + normalize + shape + bidi + wrap + reorder + align on ~1 MB of
 * Arabic news text, at width 80, warm (after a full warm-up pass) and cold (a fresh process's
 * first pass, tables included), next to `fribidi --nobreak` on the same text when installed.
 */
import {execFileSync, spawnSync} from 'node:child_process';
import {readFileSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import process from 'node:process';
import {pathToFileURL} from 'node:url';
import {build} from 'esbuild';
import {performance} from 'node:perf_hooks';
import {layoutBlocks} from '../../source/text/layout.js';
import {defaultTextOptions} from '../../source/text/options.js';
import {newsParagraphs} from './corpus.js';
import {scratchDir} from './scratch.js';

function layoutAll(paragraphs: readonly string[], width: number): number {
	let lines = 0;
	for (const text of paragraphs) {
		// A fresh array each time: layoutBlocks memoizes per array, and this measures the work.
		lines += layoutBlocks([{kind: 'paragraph', text}], width, defaultTextOptions).length;
	}

	return lines;
}

/** A throughput by CPU time (robust to other processes' load) and by wall-clock time. */
export type Throughput = {cpu: number; wall: number};

/** Rounds until at least this much CPU time is spent: enough samples for a stable median. */
const minimumCpuSeconds = 1;

function median(values: number[]): number {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.floor(sorted.length / 2)]!;
}

/**
 * Warm throughput in MB/s. The first figure divides by the CPU time (user + system) of this
 * process during each pass, which the other processes on a loaded machine barely change; the
 * wall-clock figure is kept beside it. Median of at least five passes and one second of CPU.
 */
export function engineWarm(paragraphs: readonly string[], rounds = 5): Throughput {
	const bytes = paragraphs.reduce((sum, p) => sum + Buffer.byteLength(p) + 1, 0);
	layoutAll(paragraphs, 80);
	const cpu: number[] = [];
	const wall: number[] = [];
	let total = 0;
	while (cpu.length < rounds || total < minimumCpuSeconds) {
		const usage = process.cpuUsage();
		const start = performance.now();
		layoutAll(paragraphs, 80);
		const elapsed = performance.now() - start;
		const spent = process.cpuUsage(usage);
		const seconds = (spent.user + spent.system) / 1e6;
		cpu.push(seconds);
		wall.push(elapsed / 1000);
		total += seconds;
	}

	return {cpu: bytes / 1e6 / median(cpu), wall: bytes / 1e6 / median(wall)};
}

const root = path.resolve(import.meta.dirname, '../..');

/** Bundles a generated entry of `export` lines with esbuild (production, minified). */
async function bundle(name: string, lines: string[]): Promise<string> {
	const dir = scratchDir();
	const entry = path.join(dir, `${name}.ts`);
	writeFileSync(entry, lines.join('\n'));
	const outfile = path.join(dir, `${name}.mjs`);
	const nodePaths = [path.join(root, 'node_modules')];
	await build({entryPoints: [entry], outfile, bundle: true, format: 'esm', platform: 'node', minify: true, nodePaths, logLevel: 'error'});
	return outfile;
}

const from = (file: string) => JSON.stringify(path.join(root, file));

/**
 * The engine bundled the way users get it (esbuild, production), with the demo corpus, for
 * the cold first pass and the memory figure.
 */
async function engineBundle(): Promise<string> {
	return bundle('engine', [
		`export {layoutBlocks, articleBlocks} from ${from('source/text/layout.ts')};`,
		`export {defaultTextOptions} from ${from('source/text/options.ts')};`,
		`export {newsParagraphs} from ${from('test/bench/corpus.ts')};`,
	]);
}

/**
 * Only the modules backed by our generated Unicode tables (what "tables load in under 20 ms"
 * is about): the tables, and shaping, normalization and bidi, which build their look-up
 * arrays when loaded. width.ts is measured apart.
 */
async function tablesBundle(): Promise<string> {
	return bundle('tables', [
		`export * from ${from('source/text/unicode/tables.ts')};`,
		`export {shape} from ${from('source/text/shape.ts')};`,
		`export {normalize} from ${from('source/text/normalize.ts')};`,
		`export {paragraphLevels, reorderLine} from ${from('source/text/bidi.ts')};`,
	]);
}

/** width.ts and wide.ts: the width of every string the reader draws. */
async function widthBundle(): Promise<string> {
	return bundle('width', [`export {cellWidth} from ${from('source/text/width.ts')};`]);
}

/** string-width alone, for comparison: it builds its Unicode-property expressions at import. */
async function stringWidthBundle(): Promise<string> {
	return bundle('string-width', [`export {default} from 'string-width';`]);
}

function runChild(script: string): string {
	return execFileSync(process.execPath, ['--input-type=module', '-e', script], {encoding: 'utf8'}).trim().split('\n').at(-1)!;
}

/** Load time of a bundle in fresh processes, in ms: median wall clock and median CPU time. */
function loadTime(file: string, rounds = 7): {wall: number; cpu: number} {
	const url = JSON.stringify(pathToFileURL(file).href);
	const wall: number[] = [];
	const cpu: number[] = [];
	for (let round = 0; round < rounds; round++) {
		const [ms, cpuMs] = runChild(`
			const usage = process.cpuUsage();
			const t0 = performance.now();
			await import(${url});
			const elapsed = performance.now() - t0;
			const spent = process.cpuUsage(usage);
			console.log(elapsed + ' ' + (spent.user + spent.system) / 1000);
		`).split(' ').map(Number);
		wall.push(ms!);
		cpu.push(cpuMs!);
	}

	return {wall: median(wall), cpu: median(cpu)};
}

export type ColdFigures = {
	/** The first pass over the corpus in a fresh process, by wall clock. */
	coldMbS: number;
	/** Loading the table-backed modules only. */
	tables: {wall: number; cpu: number};
	/** Loading width.ts (with wide.ts), and string-width alone for comparison. */
	width: {wall: number; cpu: number};
	stringWidth: {wall: number; cpu: number};
	/** Loading the whole engine with the demo corpus. */
	engine: {wall: number; cpu: number};
};

export async function engineCold(): Promise<ColdFigures> {
	const engine = await engineBundle();
	const url = JSON.stringify(pathToFileURL(engine).href);
	const cold = runChild(`
		const {layoutBlocks, defaultTextOptions, newsParagraphs} = await import(${url});
		const paragraphs = newsParagraphs();
		const bytes = paragraphs.reduce((s, p) => s + Buffer.byteLength(p) + 1, 0);
		const t1 = performance.now();
		for (const text of paragraphs) layoutBlocks([{kind: 'paragraph', text}], 80, defaultTextOptions);
		console.log(bytes / 1e6 / ((performance.now() - t1) / 1000));
	`);
	return {
		coldMbS: Number(cold),
		tables: loadTime(await tablesBundle()),
		width: loadTime(await widthBundle()),
		stringWidth: loadTime(await stringWidthBundle()),
		engine: loadTime(engine),
	};
}

/** Clock ticks per second of /proc's times (`getconf CLK_TCK`; 100 on Linux). */
function clockTicks(): number {
	try {
		return Number(execFileSync('getconf', ['CLK_TCK'], {encoding: 'utf8'}).trim()) || 100;
	} catch {
		return 100;
	}
}

/**
 * CPU seconds (user + system) of this process's children that have been waited for: fields
 * 16 and 17 (cutime, cstime) of /proc/self/stat, counted after the `)` that ends field 2.
 * Undefined where there is no /proc.
 */
function childrenCpuSeconds(ticks: number): number | undefined {
	try {
		const stat = readFileSync('/proc/self/stat', 'utf8');
		const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
		// fields[0] is field 3 (state), so field n is fields[n - 3].
		return (Number(fields[16 - 3]) + Number(fields[17 - 3])) / ticks;
	} catch {
		return undefined;
	}
}

/**
 * `fribidi --nobreak` over the same text, in MB/s: by the CPU time of the fribidi processes
 * (their cutime + cstime, in clock ticks, so it runs until they add up to a second or more)
 * and by the median wall-clock time of one run. Null when fribidi is not installed.
 */
export function fribidiThroughput(paragraphs: readonly string[]): Throughput | null {
	const probe = spawnSync('fribidi', ['--version'], {encoding: 'utf8'});
	if (probe.error || probe.status !== 0) {
		return null;
	}

	const dir = scratchDir();
	const file = path.join(dir, 'news.txt');
	const text = paragraphs.join('\n') + '\n';
	const bytes = Buffer.byteLength(text);
	writeFileSync(file, text);
	const ticks = clockTicks();
	const before = childrenCpuSeconds(ticks);
	const wall: number[] = [];
	let runs = 0;
	let cpu = 0;
	while (runs < 5 || (before !== undefined && cpu < minimumCpuSeconds && runs < 1000)) {
		const start = performance.now();
		const result = spawnSync('fribidi', ['--nobreak', file], {maxBuffer: 64 * 1024 * 1024});
		wall.push((performance.now() - start) / 1000);
		if (result.status !== 0) {
			return null;
		}

		runs++;
		cpu = before === undefined ? 0 : childrenCpuSeconds(ticks)! - before;
	}

	const wallMbS = bytes / 1e6 / median(wall);
	return {cpu: before === undefined || cpu <= 0 ? wallMbS : bytes * runs / 1e6 / cpu, wall: wallMbS};
}

export {newsParagraphs};

/**
 * Resident memory added per article: an edition of 1000 generated ~5 KB articles, each laid
 * out at width 80 as the article pane would (the reader keeps what the layout cache keeps,
 * nothing more), minus the same process with an empty edition.
 */
export async function memoryPerArticle(): Promise<number> {
	const engine = JSON.stringify(pathToFileURL(await engineBundle()).href);
	const measure = (count: number) =>
		Number(
			execFileSync(
				process.execPath,
				[
					'--expose-gc',
					'--input-type=module',
					'-e',
					`
					const {layoutBlocks, articleBlocks, defaultTextOptions, newsParagraphs} = await import(${engine});
					const paragraphs = newsParagraphs(${count} * 5200 + 1);
					const articles = [];
					let next = 0;
					for (let index = 0; index < ${count}; index++) {
						const blocks = [];
						let size = 0;
						while (size < 5000) {
							const text = paragraphs[next++ % paragraphs.length];
							blocks.push({kind: 'paragraph', text});
							size += Buffer.byteLength(text);
						}
						articles.push({key: 'k' + index, title: 'مقال ' + index, blocks});
					}
					let lines = 0;
					for (const article of articles) lines += layoutBlocks(articleBlocks(article, 'مصدر', defaultTextOptions), 80, defaultTextOptions).length;
					globalThis.gc(); globalThis.gc();
					console.log(process.memoryUsage().rss + lines * 0);
					`,
				],
				{encoding: 'utf8'},
			)
				.trim()
				.split('\n')
				.at(-1),
		);
	const samples = (count: number) => [measure(count), measure(count), measure(count)].sort((a, b) => a - b)[1]!;
	return (samples(1000) - samples(0)) / 1000 / 1024;
}
