/**
 * The reader as the built CLI loads it: dist/reader.cjs, one CommonJS bundle of reader.tsx and
 * all it imports, run with V8's code cache (code-cache.ts). The build points read.ts's import of
 * reader.tsx here (test/build.mjs); run from source, read.ts imports reader.tsx itself.
 */
import process from 'node:process';
import {fileURLToPath} from 'node:url';
import envPaths from 'env-paths';
import {codeCacheDir, runScript} from './code-cache.js';

type Reader = typeof import('./reader.js');

// This module is a chunk of the build's, in dist/chunks/ (the build checks it).
const file = fileURLToPath(new URL('../reader.cjs', import.meta.url));
const reader = runScript(file, {cacheDir: codeCacheDir(process.env, envPaths('akhbar-code', {suffix: ''}).cache)}).exports as Reader;

export const {runReader, NO_TERMINAL} = reader;
