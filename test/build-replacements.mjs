// What the bundle takes instead of some of its dependencies' modules (see test/build.mjs).
// A module of its own so that tests can bundle with the same replacements.
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
		build.onResolve({filter: /^string-width$/}, args =>
			/node_modules[\\/](ink|widest-line|cli-truncate|wrap-ansi)[\\/]/.test(args.importer)
				? {path: path.join(root, 'source/screen/ink-width.ts')}
				: undefined,
		);
	},
};
