/**
 * Runs a CommonJS bundle with V8's code cache: the bytecode of the functions it compiled, saved
 * after a first run, lets later runs skip parsing and compiling them. The reader's script is ~1 MB
 * of JavaScript; with the cache its starts take ~50 ms less (the README's Performance).
 *
 * Written here rather than taken from a library: Node 22 has `module.enableCompileCache()`, but
 * Node 20 only `vm.Script`'s `cachedData`; the npm package v8-compile-cache patches every
 * `require()` of the process and keeps its files in the shared temporary folder, where this
 * caches one bundle in the user's own cache folder.
 *
 * The cache is only ever an optimisation: a missing, stale, foreign or unreadable file, a folder
 * that cannot be written, all mean a run without it, and nothing is said. V8 checks the file
 * against its own version, flags and the source; a file another user could have written is not
 * read. `NODE_DISABLE_COMPILE_CACHE=1` (Node's own name for it) turns it off.
 */
import fs from 'node:fs';
import {createRequire} from 'node:module';
import path from 'node:path';
import process from 'node:process';
import vm from 'node:vm';

export type ScriptOptions = {
	/** Where cache files go; undefined: no cache. */
	cacheDir: string | undefined;
	/** How long after the start the cache is written, when it has to be (ms), unless the process exits first. */
	saveAfterMs?: number;
};

/** FNV-1a, 32 bits: names a cache file after what it depends on (node:crypto costs ~4 ms to load). */
function fnv1a(text: string): string {
	let hash = 0x81_1C_9D_C5;
	for (let index = 0; index < text.length; index++) {
		hash ^= text.charCodeAt(index);
		hash = Math.imul(hash, 0x01_00_01_93) >>> 0;
	}

	return hash.toString(16).padStart(8, '0');
}

/**
 * The cache file for this bundle as it is now, under this Node: named after the bundle's place
 * (two installs keep a cache each), then after its size, time and the Node that compiled it.
 */
export function cacheFileFor(file: string, cacheDir: string): string {
	const stat = fs.statSync(file);
	const place = path.resolve(file);
	const version = [process.version, process.arch, stat.size, stat.mtimeMs].join('\n');
	return path.join(cacheDir, `${path.basename(file)}-${fnv1a(place)}-${fnv1a(version)}.v8`);
}

/** The cache's bytes, unless it is missing or someone else could have written it. */
function readCache(cacheFile: string): Buffer | undefined {
	let descriptor: number | undefined;
	try {
		descriptor = fs.openSync(cacheFile, 'r');
		const stat = fs.fstatSync(descriptor);
		const own = process.getuid === undefined || stat.uid === process.getuid();
		if (!own || (stat.mode & 0o022) !== 0 || !stat.isFile()) return undefined;
		return fs.readFileSync(descriptor);
	} catch {
		return undefined;
	} finally {
		if (descriptor !== undefined) fs.closeSync(descriptor);
	}
}

/**
 * Writes the cache beside the old ones it replaces (of the same bundle), atomically. Synchronous:
 * it may run as the process exits. Failing costs only the cache: the next start tries again.
 */
function saveCache(script: vm.Script, cacheFile: string): void {
	const directory = path.dirname(cacheFile);
	const temporary = `${cacheFile}.${process.pid}.tmp`;
	try {
		const data = script.createCachedData();
		fs.writeFileSync(temporary, data, {mode: 0o600});
		fs.renameSync(temporary, cacheFile);
		// The same bundle's caches for another version of it or of Node.
		const prefix = `${path.basename(cacheFile).replace(/-[\da-f]{8}\.v8$/, '')}-`;
		for (const name of fs.readdirSync(directory)) {
			if (name.startsWith(prefix) && name.endsWith('.v8') && name !== path.basename(cacheFile)) {
				fs.rmSync(path.join(directory, name), {force: true});
			}
		}
	} catch {
		try {
			fs.rmSync(temporary, {force: true});
		} catch {
			// Nothing was written there.
		}
	}
}

/**
 * How a bundle for runScript begins: CommonJS already wrapped in the function Node wraps a module
 * in (the build adds it), so the file's text is compiled as it is read, not first copied into a
 * second string a megabyte long.
 */
export const wrapperStart = '(function (exports, require, module, __filename, __dirname) {';

/** What became of the cache: taken, to be written (none yet, or V8 refused the one there), or none wanted. */
export type CacheUse = 'used' | 'made' | 'refused' | 'off';

/**
 * Runs `file` (a CommonJS bundle in Node's module wrapper, see wrapperStart) and returns its `module.exports`. With a cache folder, the
 * compiled code is taken from its cache file when V8 accepts it, and written there a while
 * after the start when it is missing or V8 refused it.
 */
export function runScript(file: string, options: ScriptOptions): {exports: unknown; cache: CacheUse} {
	const source = fs.readFileSync(file, 'utf8');
	let cacheFile: string | undefined;
	try {
		cacheFile = options.cacheDir === undefined ? undefined : cacheFileFor(file, options.cacheDir);
	} catch {
		cacheFile = undefined;
	}

	const cachedData = cacheFile === undefined ? undefined : readCache(cacheFile);
	if (!source.startsWith(wrapperStart)) throw new Error(`${file}: not a bundle wrapped as runScript runs them`);
	const script = new vm.Script(source, {
		filename: file,
		...(cachedData ? {cachedData} : {}),
	});
	const module = {exports: {}};
	const wrapper = script.runInThisContext() as (exports: object, require: NodeJS.Require, module: {exports: object}, filename: string, dirname: string) => void;
	wrapper.call(module.exports, module.exports, createRequire(file), module, file, path.dirname(file));
	const cache: CacheUse = cacheFile === undefined ? 'off' : (cachedData === undefined ? 'made' : (script.cachedDataRejected === true ? 'refused' : 'used'));
	if (cacheFile !== undefined && cache !== 'used') {
		// The folder is made now, not when the cache is written: a home removed meanwhile (a test's,
		// a session's end) must not be made again by a process on its way out.
		try {
			fs.mkdirSync(path.dirname(cacheFile), {recursive: true, mode: 0o700});
		} catch {
			// Then the write fails too, and costs nothing.
		}

		// A while into the session (the functions the first frame needed are compiled by then), or
		// as the process exits, whichever comes first: once.
		const target = cacheFile;
		let saved = false;
		const save = () => {
			if (saved) return;
			saved = true;
			process.off('exit', save);
			saveCache(script, target);
		};

		setTimeout(save, options.saveAfterMs ?? 1000).unref();
		process.once('exit', save);
	}

	return {exports: module.exports, cache};
}

/** The cache folder, or undefined when the user turned caching off. */
export function codeCacheDir(env: NodeJS.ProcessEnv, cacheRoot: string): string | undefined {
	const disabled = env['NODE_DISABLE_COMPILE_CACHE'];
	return disabled !== undefined && disabled !== '' && disabled !== '0' ? undefined : cacheRoot;
}
