// Bundles source/cli.tsx into dist/: an entry plus code-split chunks, so `--help` and
// `--version` load meow alone and the reader's Ink/React only load when the reader runs.
import {rm} from 'node:fs/promises';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {build} from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));

/**
 * Ink and the helpers it measures and wraps with import string-width (8, and 7 for wrap-ansi);
 * point them at the engine's table-driven equivalent (source/screen/ink-width.ts), so the
 * whole reader measures text one way and no property expression is built at start-up.
 * Ink's Output is replaced the same way, and conf's unused imports are stubbed.
 */
const inkWidth = {
	name: 'ink-width',
	setup(build) {
		// What conf imports but is never asked for here: see test/build-conf-stub.mjs.
		build.onResolve({filter: /^(?:ajv(?:-formats|\/dist\/2020\.js)|semver|node:crypto)$/}, args =>
			/node_modules[\\/]conf[\\/]/.test(args.importer) ? {path: path.join(root, 'test/build-conf-stub.mjs')} : undefined,
		);
		// Ink's Output, the grid its renderer draws into: ours gives the same frames ~10× faster
		// (source/screen/ink-output.ts).
		build.onResolve({filter: /^\.\/output\.js$/}, args =>
			/node_modules[\\/]ink[\\/]build[\\/]renderer\.js$/.test(args.importer)
				? {path: path.join(root, 'source/screen/ink-output.ts')}
				: undefined,
		);
		build.onResolve({filter: /^string-width$/}, args =>
			/node_modules[\\/](ink|widest-line|cli-truncate|wrap-ansi)[\\/]/.test(args.importer)
				? {path: path.join(root, 'source/screen/ink-width.ts')}
				: undefined,
		);
	},
};
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
	// Some CommonJS dependencies call require(); give the ESM bundle one.
	banner: {js: "import {createRequire as __akhbarCreateRequire} from 'node:module'; const require = __akhbarCreateRequire(import.meta.url);"},
	plugins: [inkWidth],
	logLevel: 'warning',
});
