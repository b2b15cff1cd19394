// Bundles the CLI into dist/: an entry plus code-split chunks, so `--help` and `--version` load
// meow alone and the reader's Ink/React only load when the reader runs.
//
// Two builds. dist/cli.js and its chunks serve every command but the reader; the reader (the
// `read` command and all it can load) is a build of its own in dist/reader/. esbuild cuts a
// chunk at every set of entry points sharing modules: in one build, the reader's start loaded
// 28 files, as a dozen commands share the store, the preferences and the text engine, and each
// ES module file costs its own resolve, read, compile and link (30 empty modules take 7–10 ms
// more than one). Built alone, the reader shares only with what it loads itself.
import {rm} from 'node:fs/promises';
import {fileURLToPath} from 'node:url';
import {build} from 'esbuild';
import {replacements} from './build-replacements.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));

/**
 * Modules both builds may hold, so the reader's process can have two copies of them: plain data
 * and pure functions, with no state, class or symbol another module could compare.
 */
const sharedByBoth = new Set(['package.json', 'source/commands/usage.ts']);

const common = {
	absWorkingDir: root,
	bundle: true,
	splitting: true,
	format: 'esm',
	platform: 'node',
	target: 'node20',
	minify: true,
	sourcemap: false,
	legalComments: 'linked',
	metafile: true,
	chunkNames: 'chunks/[name]-[hash]',
	define: {'process.env.NODE_ENV': '"production"'},
	// Ink imports react-devtools-core only when DEV is set; never at run time here.
	alias: {'react-devtools-core': './test/build-stub.mjs'},
	// better-sqlite3's JavaScript is bundled; its native addon stays in node_modules, named to it
	// by source/library/database.ts (so `bindings`, its own way to find the addon, is never called).
	external: ['bindings', '*.node'],
	// Some CommonJS dependencies call require(); give the ESM bundle one.
	banner: {js: "import {createRequire as __akhbarCreateRequire} from 'node:module'; const require = __akhbarCreateRequire(import.meta.url);"},
	logLevel: 'warning',
};

/** The CLI imports the `read` command from the reader's build. */
const readerApart = {
	name: 'akhbar-reader-apart',
	setup(cli) {
		cli.onResolve({filter: /^\.\/commands\/read\.js$/}, args =>
			args.importer.endsWith('source/cli.tsx') ? {path: './reader/read.js', external: true} : undefined,
		);
	},
};

await rm(new URL('../dist', import.meta.url), {recursive: true, force: true});
const [cli, reader] = await Promise.all([
	build({...common, entryPoints: ['source/cli.tsx'], outdir: 'dist', plugins: [readerApart, replacements]}),
	build({...common, entryPoints: {read: 'source/commands/read.ts'}, outdir: 'dist/reader', plugins: [replacements]}),
]);

// The modules of the CLI's build that the reader's process loads too: cli.js, its static
// imports, and meow (flags the plain parser does not take).
function loadedWithReader({outputs}) {
	const main = Object.keys(outputs).find(file => outputs[file].entryPoint === 'source/cli.tsx');
	const meow = Object.keys(outputs).find(file => /(?:^|\/)node_modules\/meow\//.test(outputs[file].entryPoint ?? ''));
	if (!main || !meow) throw new Error('build: cli.js or meow\'s chunk is missing from the CLI\'s build');
	const seen = new Set();
	const queue = [main, meow];
	while (queue.length > 0) {
		const file = queue.pop();
		if (seen.has(file)) continue;
		seen.add(file);
		for (const {path, kind, external} of outputs[file].imports) if (!external && kind === 'import-statement') queue.push(path);
	}

	return new Set([...seen].flatMap(file => Object.keys(outputs[file].inputs)));
}

const readerInputs = new Set(Object.values(reader.metafile.outputs).flatMap(output => Object.keys(output.inputs)));
const twice = [...loadedWithReader(cli.metafile)].filter(input => readerInputs.has(input) && !sharedByBoth.has(input));
if (twice.length > 0) {
	throw new Error(`build: modules the reader's process would load twice, from both builds: ${twice.slice(0, 8).join(', ')}`);
}
