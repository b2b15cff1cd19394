// What the bundle takes instead of some of its dependencies' modules (see test/build.mjs).
// A module of its own so that tests can bundle with the same replacements.
import {readFile} from 'node:fs/promises';
import path from 'node:path';
import {fileURLToPath} from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

/**
 * Ink and the helpers it measures and wraps with import string-width (8, and 7 for wrap-ansi);
 * point them at the engine's table-driven equivalent (source/screen/ink-width.ts), so the
 * whole reader measures text one way and no property expression is built at start-up.
 * Ink's Output is replaced the same way, and conf's unused imports are stubbed.
 */
export const replacements = {
	name: 'akhbar-replacements',
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
		// slice-ansi makes an Intl.Segmenter as it loads (the process's first: ICU's break
		// rules, ~7 ms of every start) for cli-truncate, which Ink calls only for a line wider
		// than its box: never for the reader's lines, fitted beforehand. Loaded on first use.
		build.onResolve({filter: /^slice-ansi$/}, args =>
			/node_modules[\\/]cli-truncate[\\/]/.test(args.importer) ? {path: 'slice-ansi', namespace: 'on-first-use'} : undefined,
		);
		build.onLoad({filter: /^slice-ansi$/, namespace: 'on-first-use'}, () => ({
			contents: "export default function sliceAnsi(...args) { return require('slice-ansi').default(...args); }",
			resolveDir: root,
		}));
		// Yoga's Emscripten loader carries its WebAssembly as a base64 data URL and decodes it
		// with its own JavaScript atob, 3–7 ms of every start; Node's Buffer does it in 0.2 ms.
		// The loader gets the bytes ready-made (as `wasmBinary`, an option it has), and its copy of
		// the string goes. Given the bytes, it never looks at `fetch` either.
		build.onLoad({filter: /[\\/]yoga-layout[\\/]dist[\\/]binaries[\\/]yoga-wasm-base64-esm\.js$/}, async args => {
			const text = await readFile(args.path, 'utf8');
			const dataUrl = /(["'])data:application\/octet-stream;base64,([A-Za-z\d+/=]+)\1/.exec(text);
			if (!dataUrl || !text.includes('h.wasmBinary&&(w=h.wasmBinary)')) throw new Error(`${args.path}: not the Yoga loader test/build-replacements.mjs knows`);
			const loader = text.replace(dataUrl[0], `${dataUrl[1]}data:application/octet-stream;base64,${dataUrl[1]}`);
			return {contents: `${loader}\nexport const wasmBase64 = ${JSON.stringify(dataUrl[2])};\n`, loader: 'js'};
		});
		// Ink's reconciler awaits, at its top level, devtools and its package.json when DEV=true:
		// never here (react-devtools-core is not in the build), and a top-level await keeps the
		// reader from being bundled as one script (test/build.mjs).
		build.onLoad({filter: /[\\/]ink[\\/]build[\\/]reconciler\.js$/}, async args => {
			const text = await readFile(args.path, 'utf8');
			const devtools = /\nif \(isDev\(\)\) \{\n\s*try \{\n\s*await import\('\.\/devtools\.js'\);[\s\S]*?\n\}\n/;
			const packageJson = /const packageJson = isDev\(\)\s*\? await loadPackageJson\(\)\s*: \{ name: undefined, version: undefined \};/;
			if (!devtools.test(text) || !packageJson.test(text)) throw new Error(`${args.path}: not the Ink reconciler test/build-replacements.mjs knows`);
			const contents = text.replace(devtools, '\n').replace(packageJson, 'const packageJson = {name: undefined, version: undefined};');
			if (/\bawait\b/.test(contents.replace(/async function[\s\S]*?\n\}/g, ''))) throw new Error(`${args.path}: a top-level await is left`);
			return {contents, loader: 'js'};
		});
		build.onResolve({filter: /^yoga-layout$/}, args =>
			args.importer.endsWith('build-yoga.mjs') ? undefined : {path: path.join(root, 'test/build-yoga.mjs')},
		);
		// Files of Yoga's package that its `exports` do not name, for test/build-yoga.mjs.
		build.onResolve({filter: /^yoga-layout\/dist\//}, async args => {
			const entry = await build.resolve('yoga-layout', {kind: 'import-statement', resolveDir: args.resolveDir, importer: args.importer});
			if (entry.errors.length > 0) return {errors: entry.errors};
			return {path: path.join(path.dirname(entry.path), '..', args.path.slice('yoga-layout/dist/'.length))};
		});
		build.onResolve({filter: /^string-width$/}, args =>
			/node_modules[\\/](ink|widest-line|cli-truncate|wrap-ansi)[\\/]/.test(args.importer)
				? {path: path.join(root, 'source/screen/ink-width.ts')}
				: undefined,
		);
	},
};
