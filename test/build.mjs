// Bundles source/cli.tsx into dist/: an entry plus code-split chunks, so `--help` and
// `--version` load meow alone and the reader's Ink/React only load when the reader runs.
import {rm} from 'node:fs/promises';
import {fileURLToPath} from 'node:url';
import {build} from 'esbuild';
import {replacements} from './build-replacements.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));

await rm(new URL('../dist', import.meta.url), {recursive: true, force: true});
await build({
	absWorkingDir: root,
	entryPoints: ['source/cli.tsx'],
	outdir: 'dist',
	bundle: true,
	splitting: true,
	format: 'esm',
	platform: 'node',
	target: 'node20',
	minify: true,
	sourcemap: false,
	legalComments: 'linked',
	chunkNames: 'chunks/[name]-[hash]',
	define: {'process.env.NODE_ENV': '"production"'},
	// Ink imports react-devtools-core only when DEV is set; never at run time here.
	alias: {'react-devtools-core': './test/build-stub.mjs'},
	// better-sqlite3's JavaScript is bundled; its native addon stays in node_modules, named to it
	// by source/library/database.ts (so `bindings`, its own way to find the addon, is never called).
	external: ['bindings', '*.node'],
	// Some CommonJS dependencies call require(); give the ESM bundle one.
	banner: {js: "import {createRequire as __akhbarCreateRequire} from 'node:module'; const require = __akhbarCreateRequire(import.meta.url);"},
	plugins: [replacements],
	logLevel: 'warning',
});
