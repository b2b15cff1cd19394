// Bundles the CLI into dist/.
//
// - dist/cli.js and its code-split chunks: every command but the reader, so `--help` and
//   `--version` load meow alone and each command loads only what it uses.
// - dist/reader.cjs: the reader (source/reader.tsx and all it imports) as one CommonJS script in
//   Node's module wrapper, which the CLI runs with V8's code cache (source/code-cache.ts,
//   source/reader-script.ts).
//   Node 20 caches compiled code for scripts only, not ES modules; with the cache, the reader's
//   start skips compiling its ~1 MB of JavaScript. One file, too: as ES modules split for a dozen
//   commands, its start loaded 28 files, each with its own resolve, read, compile and link.
// - dist/undici.cjs, dist/linkedom.cjs: the two large libraries the reader needs only to fetch
//   and to read HTML, loaded on first use, so the script the start compiles stays small.
import {readFile, rm} from 'node:fs/promises';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {build} from 'esbuild';
import {replacements} from './build-replacements.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));

const common = {
	absWorkingDir: root,
	bundle: true,
	platform: 'node',
	target: 'node20',
	minify: true,
	sourcemap: false,
	legalComments: 'linked',
	metafile: true,
	define: {'process.env.NODE_ENV': '"production"'},
	// Ink imports react-devtools-core only when DEV is set; never at run time here.
	alias: {'react-devtools-core': './test/build-stub.mjs'},
	// better-sqlite3's JavaScript is bundled; its native addon stays in node_modules, named to it
	// by source/library/database.ts (so `bindings`, its own way to find the addon, is never called).
	external: ['bindings', '*.node'],
	logLevel: 'warning',
};

/** How dist/reader.cjs begins: Node's module wrapper, strict (source/code-cache.ts's wrapperStart, then 'use strict'). */
const scriptStart = "(function (exports, require, module, __filename, __dirname) {'use strict';";

/** Libraries the reader's script loads from files of their own (see above). */
const apart = {undici: 'undici', linkedom: 'linkedom'};

/** In the CLI's build, read.ts's import of the reader loads the script instead. */
const readerScript = {
	name: 'akhbar-reader-script',
	setup(cli) {
		cli.onResolve({filter: /^\.\.\/reader\.js$/}, args =>
			/source[\\/]commands[\\/]read\.ts$/.test(args.importer) ? {path: path.join(root, 'source/reader-script.ts')} : undefined,
		);
	},
};

/** In the reader's script, the libraries apart are required from their files, when first used. */
const librariesApart = {
	name: 'akhbar-libraries-apart',
	setup(reader) {
		reader.onResolve({filter: new RegExp(`^(${Object.keys(apart).join('|')})$`)}, args => ({path: `./${args.path}.cjs`, external: true}));
	},
};

await rm(new URL('../dist', import.meta.url), {recursive: true, force: true});
const [cli, reader] = await Promise.all([
	build({
		...common,
		entryPoints: ['source/cli.tsx'],
		outdir: 'dist',
		splitting: true,
		format: 'esm',
		chunkNames: 'chunks/[name]-[hash]',
		// Some CommonJS dependencies call require(); give the ESM bundle one.
		banner: {js: "import {createRequire as __akhbarCreateRequire} from 'node:module'; const require = __akhbarCreateRequire(import.meta.url);"},
		plugins: [readerScript, replacements],
	}),
	build({
		...common,
		entryPoints: {reader: 'source/reader.tsx'},
		outdir: 'dist',
		outExtension: {'.js': '.cjs'},
		format: 'cjs',
		// A script has no import(): the dynamic imports of its own modules become lazy ones.
		supported: {'dynamic-import': false},
		define: {...common.define, 'import.meta.url': '__akhbarScriptUrl'},
		// In the function Node wraps a CommonJS module in: source/code-cache.ts compiles the file as it is.
		// Strict, as esbuild's own "use strict" (after this banner, no longer a directive) would make it.
		banner: {js: `${scriptStart}const __akhbarScriptUrl = require('node:url').pathToFileURL(__filename).href;`},
		footer: {js: '})'},
		plugins: [librariesApart, replacements],
	}),
	...Object.entries(apart).map(([name, entry]) => build({
		...common,
		entryPoints: {[name]: entry},
		outdir: 'dist',
		outExtension: {'.js': '.cjs'},
		format: 'cjs',
		plugins: [replacements],
	})),
]);

// reader-script.ts finds the script as ../reader.cjs from its own chunk.
const scriptChunk = Object.entries(cli.metafile.outputs).find(([, output]) => output.inputs['source/reader-script.ts']);
if (!scriptChunk || path.dirname(scriptChunk[0]) !== 'dist/chunks') {
	throw new Error(`build: source/reader-script.ts must be in a chunk of dist/chunks/, not ${scriptChunk?.[0]}`);
}

/**
 * Modules the CLI's build and the reader's script both hold, so the reader's process could
 * have two copies of them: plain data and pure functions, with no state, class or symbol
 * another module could compare.
 */
const sharedByBoth = new Set(['package.json', 'source/commands/usage.ts', 'node_modules/env-paths/index.js']);

/**
 * The modules of the CLI's build the reader's process loads before and while the reader runs:
 * cli.js and its static imports, meow (flags the plain parser does not take), read.ts and the
 * script loader. (When no terminal can be opened, the reader returns before it opens anything
 * and `print` runs from the CLI's build.)
 */
function loadedWithReader({outputs}) {
	const chunkOf = input => Object.keys(outputs).find(file => outputs[file].inputs[input] !== undefined);
	const starts = [chunkOf('source/cli.tsx'), chunkOf('source/commands/read.ts'), scriptChunk[0]];
	const meow = Object.keys(outputs).find(file => /(?:^|\/)node_modules\/meow\//.test(outputs[file].entryPoint ?? ''));
	if (starts.includes(undefined) || !meow) throw new Error('build: cli.js, read.ts\'s chunk or meow\'s chunk is missing from the CLI\'s build');
	const seen = new Set();
	const queue = [...starts, meow];
	while (queue.length > 0) {
		const file = queue.pop();
		if (seen.has(file)) continue;
		seen.add(file);
		for (const {path: imported, kind, external} of outputs[file].imports) if (!external && kind === 'import-statement') queue.push(imported);
	}

	return new Set([...seen].flatMap(file => Object.keys(outputs[file].inputs)));
}

const readerInputs = new Set(Object.values(reader.metafile.outputs).flatMap(output => Object.keys(output.inputs)));
const twice = [...loadedWithReader(cli.metafile)].filter(input => readerInputs.has(input) && !sharedByBoth.has(input.replace(/^.*(node_modules\/)/, '$1')));
if (twice.length > 0) {
	throw new Error(`build: modules the reader's process would load twice, from the CLI's build and the reader's script: ${twice.slice(0, 8).join(', ')}`);
}

// The reader's script runs strict, as the ES modules it is made of do (source/code-cache.ts runs it).
const script = await readFile(new URL('../dist/reader.cjs', import.meta.url), 'utf8');
if (!script.startsWith(scriptStart)) {
	throw new Error('build: dist/reader.cjs does not start with the module wrapper and "use strict"');
}
