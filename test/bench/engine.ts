/**
 * Engine throughput: sanitize + normalize + shape + bidi + wrap + reorder + align on ~1 MB of
 * Arabic news text, at width 80, warm (after a full warm-up pass) and cold (a fresh process's
 * first pass, tables included), next to `fribidi --nobreak` on the same text when installed.
 */
import {execFileSync, spawnSync} from 'node:child_process';
import {writeFileSync, mkdtempSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {pathToFileURL} from 'node:url';
import {build} from 'esbuild';
import {performance} from 'node:perf_hooks';
import {layoutBlocks} from '../../source/text/layout.js';
import {defaultTextOptions} from '../../source/text/options.js';
import {newsParagraphs} from './corpus.js';

function layoutAll(paragraphs: readonly string[], width: number): number {
	let lines = 0;
	for (const text of paragraphs) {
		// A fresh array each time: layoutBlocks memoizes per array, and this measures the work.
		lines += layoutBlocks([{kind: 'paragraph', text}], width, defaultTextOptions).length;
	}

	return lines;
}

export function engineWarm(paragraphs: readonly string[], rounds = 5): number {
	const bytes = paragraphs.reduce((sum, p) => sum + Buffer.byteLength(p) + 1, 0);
	layoutAll(paragraphs, 80);
	const times: number[] = [];
	for (let round = 0; round < rounds; round++) {
		const start = performance.now();
		layoutAll(paragraphs, 80);
		times.push(performance.now() - start);
	}

	times.sort((a, b) => a - b);
	return bytes / 1e6 / (times[Math.floor(times.length / 2)]! / 1000);
}

/**
 * The engine bundled the way users get it (esbuild, production), loaded in fresh processes:
 * tables load time and the first (cold) pass over the corpus.
 */
async function engineBundle(): Promise<string> {
	const dir = mkdtempSync(path.join(tmpdir(), 'akhbar-bench-'));
	const entry = path.join(dir, 'entry.ts');
	const root = path.resolve(import.meta.dirname, '../..');
	writeFileSync(entry, [
		`export {layoutBlocks} from ${JSON.stringify(path.join(root, 'source/text/layout.ts'))};`,
		`export {articleBlocks} from ${JSON.stringify(path.join(root, 'source/text/layout.ts'))};`,
		`export {defaultTextOptions} from ${JSON.stringify(path.join(root, 'source/text/options.ts'))};`,
		`export {newsParagraphs} from ${JSON.stringify(path.join(root, 'test/bench/corpus.ts'))};`,
	].join('\n'));
	const outfile = path.join(dir, 'engine.mjs');
	await build({entryPoints: [entry], outfile, bundle: true, format: 'esm', platform: 'node', minify: true, logLevel: 'error'});
	return outfile;
}

function runChild(script: string): string {
	return execFileSync(process.execPath, ['--input-type=module', '-e', script], {encoding: 'utf8'}).trim().split('\n').at(-1)!;
}

export async function engineCold(): Promise<{coldMbS: number; tablesMs: number}> {
	const bundle = JSON.stringify(pathToFileURL(await engineBundle()).href);
	const cold = runChild(`
		const {layoutBlocks, defaultTextOptions, newsParagraphs} = await import(${bundle});
		const paragraphs = newsParagraphs();
		const bytes = paragraphs.reduce((s, p) => s + Buffer.byteLength(p) + 1, 0);
		const t1 = performance.now();
		for (const text of paragraphs) layoutBlocks([{kind: 'paragraph', text}], 80, defaultTextOptions);
		console.log(bytes / 1e6 / ((performance.now() - t1) / 1000));
	`);
	const samples: number[] = [];
	for (let round = 0; round < 5; round++) {
		samples.push(Number(runChild(`const t0 = performance.now(); await import(${bundle}); console.log(performance.now() - t0);`)));
	}

	samples.sort((a, b) => a - b);
	return {coldMbS: Number(cold), tablesMs: samples[2]!};
}

export function fribidiThroughput(paragraphs: readonly string[]): number | null {
	const probe = spawnSync('fribidi', ['--version'], {encoding: 'utf8'});
	if (probe.error || probe.status !== 0) {
		return null;
	}

	const dir = mkdtempSync(path.join(tmpdir(), 'akhbar-bench-'));
	const file = path.join(dir, 'news.txt');
	const text = paragraphs.join('\n') + '\n';
	writeFileSync(file, text);
	const times: number[] = [];
	for (let round = 0; round < 5; round++) {
		const start = performance.now();
		const result = spawnSync('fribidi', ['--nobreak', file], {maxBuffer: 64 * 1024 * 1024});
		times.push(performance.now() - start);
		if (result.status !== 0) {
			return null;
		}
	}

	times.sort((a, b) => a - b);
	return Buffer.byteLength(text) / 1e6 / (times[2]! / 1000);
}

export {newsParagraphs};

/**
 * Resident memory added per article: an edition of 1000 generated ~5 KB articles, each laid
 * out at width 80 as the article pane would (the reader keeps what the layout cache keeps,
 * nothing more), minus the same process with an empty edition.
 */
export async function memoryPerArticle(): Promise<number> {
	const bundle = JSON.stringify(pathToFileURL(await engineBundle()).href);
	const measure = (count: number) =>
		Number(
			execFileSync(
				process.execPath,
				[
					'--expose-gc',
					'--input-type=module',
					'-e',
					`
					const {layoutBlocks, articleBlocks, defaultTextOptions, newsParagraphs} = await import(${bundle});
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
