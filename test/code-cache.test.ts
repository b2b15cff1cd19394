/**
 * The reader's script runs with V8's code cache (source/code-cache.ts): made after a first run,
 * taken by the next, replaced when the script or Node changes, never taken from a file someone
 * else could have written, and never in the way when it cannot be read or written.
 */
import {chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {cacheFileFor, codeCacheDir, runScript, wrapperStart} from '../source/code-cache.js';

const folders: string[] = [];
afterEach(() => {
	for (const folder of folders.splice(0)) rmSync(folder, {recursive: true, force: true});
});

function folder(): string {
	const made = mkdtempSync(path.join(tmpdir(), 'akhbar-code-cache-'));
	folders.push(made);
	return made;
}

/** A CommonJS bundle with enough functions that V8 has something to cache. */
function bundle(dir: string, answer = 42): string {
	const file = path.join(dir, 'bundle.cjs');
	const functions = Array.from({length: 200}, (_, index) => `function f${index}(x) { return x.map(y => y * ${index} + 1).filter(Boolean).length; }`).join('\n');
	writeFileSync(path.join(dir, 'helper.cjs'), 'module.exports = {name: "helper"};');
	writeFileSync(file, `${wrapperStart}${functions}\nconst helper = require('./helper.cjs');\nexports.answer = ${answer} + f199([]);\nexports.helper = helper.name;\nexports.where = [__filename, __dirname];\n})`);
	return file;
}

async function until(condition: () => boolean): Promise<void> {
	for (let tries = 0; !condition(); tries++) {
		if (tries > 200) throw new Error('timed out');
		// eslint-disable-next-line no-await-in-loop -- polling a file the timer writes
		await new Promise(resolve => setTimeout(resolve, 10));
	}
}

describe('runScript', () => {
	it('runs a CommonJS bundle as Node would: its exports, require beside it, __filename and __dirname', () => {
		const dir = folder();
		const file = bundle(dir);
		const {exports, cache} = runScript(file, {cacheDir: undefined});
		expect(cache).toBe('off');
		expect(exports).toEqual({answer: 42, helper: 'helper', where: [file, dir]});
	});

	it('refuses a file that is not a wrapped bundle', () => {
		const dir = folder();
		const file = path.join(dir, 'plain.cjs');
		writeFileSync(file, 'exports.answer = 42;');
		expect(() => runScript(file, {cacheDir: undefined})).toThrow(/not a bundle wrapped as runScript runs them/u);
	});

	it('makes the cache after a first run, takes it on the next, and makes a new one when the bundle changes', async () => {
		const dir = folder();
		const cacheDir = path.join(dir, 'cache', 'akhbar-code');
		const file = bundle(dir);
		expect(runScript(file, {cacheDir, saveAfterMs: 0}).cache).toBe('made');
		const cacheFile = cacheFileFor(file, cacheDir);
		await until(() => existsSync(cacheFile));
		expect(statSync(cacheFile).mode & 0o777).toBe(0o600);
		expect(statSync(cacheDir).mode & 0o777).toBe(0o700);

		const again = runScript(file, {cacheDir, saveAfterMs: 0});
		expect(again.cache).toBe('used');
		expect((again.exports as {answer: number}).answer).toBe(42);

		// A new version of the bundle: a cache of its own, and the old one goes.
		bundle(dir, 4242);
		const changed = runScript(file, {cacheDir, saveAfterMs: 0});
		expect(changed.cache).toBe('made');
		expect((changed.exports as {answer: number}).answer).toBe(4242);
		const newCache = cacheFileFor(file, cacheDir);
		expect(newCache).not.toBe(cacheFile);
		await until(() => existsSync(newCache) && !existsSync(cacheFile));
		expect(readdirSync(cacheDir)).toEqual([path.basename(newCache)]);
	});

	it('a damaged cache is refused by V8, the bundle runs all the same, and a good cache replaces it', async () => {
		const dir = folder();
		const cacheDir = path.join(dir, 'cache');
		const file = bundle(dir);
		const cacheFile = cacheFileFor(file, cacheDir);
		mkdirSync(cacheDir, {recursive: true, mode: 0o700});
		writeFileSync(cacheFile, Buffer.from('not a code cache at all, only bytes'.repeat(40)), {mode: 0o600});
		const run = runScript(file, {cacheDir, saveAfterMs: 0});
		expect(run.cache).toBe('refused');
		expect((run.exports as {answer: number}).answer).toBe(42);
		const damaged = statSync(cacheFile).size;
		await until(() => statSync(cacheFile).size !== damaged);
		expect(runScript(file, {cacheDir, saveAfterMs: 0}).cache).toBe('used');
	});

	it.skipIf(process.platform === 'win32')('never takes a cache others could have written', async () => {
		const dir = folder();
		const cacheDir = path.join(dir, 'cache');
		const file = bundle(dir);
		runScript(file, {cacheDir, saveAfterMs: 0});
		const cacheFile = cacheFileFor(file, cacheDir);
		await until(() => existsSync(cacheFile));
		chmodSync(cacheFile, 0o666);
		expect(runScript(file, {cacheDir, saveAfterMs: 0}).cache).toBe('made');
		// Written again, as its owner alone may.
		await until(() => (statSync(cacheFile).mode & 0o777) === 0o600);
		expect(runScript(file, {cacheDir, saveAfterMs: 0}).cache).toBe('used');
	});

	it('a cache folder that cannot be made costs nothing but the cache', async () => {
		const dir = folder();
		const blocked = path.join(dir, 'a-file');
		writeFileSync(blocked, '');
		const file = bundle(dir);
		const run = runScript(file, {cacheDir: path.join(blocked, 'cache'), saveAfterMs: 0});
		expect(run.cache).toBe('made');
		expect((run.exports as {answer: number}).answer).toBe(42);
		// The failed write is swallowed: nothing is thrown or left behind.
		await new Promise(resolve => setTimeout(resolve, 50));
		expect(readdirSync(dir).sort()).toEqual(['a-file', 'bundle.cjs', 'helper.cjs']);
	});

	it('does not make again a home removed before the cache is written', async () => {
		const dir = folder();
		const home = path.join(dir, 'home');
		const file = bundle(dir);
		expect(runScript(file, {cacheDir: path.join(home, 'cache', 'akhbar-code'), saveAfterMs: 20}).cache).toBe('made');
		rmSync(home, {recursive: true, force: true});
		await new Promise(resolve => setTimeout(resolve, 80));
		expect(existsSync(home)).toBe(false);
	});

	it('NODE_DISABLE_COMPILE_CACHE turns it off, as it does for Node', () => {
		expect(codeCacheDir({}, '/c')).toBe('/c');
		expect(codeCacheDir({NODE_DISABLE_COMPILE_CACHE: '0'}, '/c')).toBe('/c');
		expect(codeCacheDir({NODE_DISABLE_COMPILE_CACHE: '1'}, '/c')).toBeUndefined();
	});
});
