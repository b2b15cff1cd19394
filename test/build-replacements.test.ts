/**
 * The bundle's replacements (test/build-replacements.mjs), bundled as test/build.mjs bundles
 * them: what they replace still works, and what should load on first use does.
 */
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {fileURLToPath, pathToFileURL} from 'node:url';
import cliTruncate from 'cli-truncate';
import {build} from 'esbuild';
import {afterAll, describe, expect, it} from 'vitest';
import type {Harness, HarnessOptions} from './ui/helpers/render.js';
import {parseFrame} from '../source/screen/diff.js';
import type {Edition} from '../source/model.js';
import {replacements} from './build-replacements.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
/** Bundles written here and conf's folder, removed when the file is done. */
const folders: string[] = [];
afterAll(() => {
	for (const folder of folders.splice(0)) rmSync(folder, {recursive: true, force: true});
});

async function bundledText(source: string, plugins = [replacements]): Promise<string> {
	const result = await build({
		stdin: {contents: source, resolveDir: root, loader: 'ts'},
		bundle: true,
		format: 'esm',
		platform: 'node',
		write: false,
		banner: {js: "import {createRequire as __akhbarCreateRequire} from 'node:module'; const require = __akhbarCreateRequire(import.meta.url);"},
		define: {'process.env.NODE_ENV': '"production"'},
		alias: {'react-devtools-core': './test/build-stub.mjs'},
		jsx: 'automatic',
		plugins,
		logLevel: 'silent',
	});
	return result.outputFiles[0]!.text;
}

async function bundled<T>(source: string, plugins = [replacements]): Promise<T> {
	const text = await bundledText(source, plugins);
	const folder = mkdtempSync(path.join(tmpdir(), 'akhbar-bundle-'));
	folders.push(folder);
	const file = path.join(folder, 'bundle.mjs');
	writeFileSync(file, text);
	return import(pathToFileURL(file).href) as Promise<T>;
}

describe('the bundle\'s replacements', () => {
	it('cli-truncate cuts as it does unbundled; slice-ansi (and its Intl.Segmenter) loads on its first call', async () => {
		const Original = Intl.Segmenter;
		let made = 0;
		const counting = class extends Original {
			constructor(...args: ConstructorParameters<typeof Original>) {
				super(...args);
				made++;
			}
		};
		Object.defineProperty(Intl, 'Segmenter', {value: counting, configurable: true, writable: true});
		try {
			const {truncate} = await bundled<{truncate: typeof cliTruncate}>("export {default as truncate} from 'cli-truncate';");
			expect(made).toBe(0);
			for (const [text, width] of [['ﺍﻟﺴﻼﻡ ﻋﻠﻴﻜﻢ', 6], ['\u001B[1mbold\u001B[22m text', 6], ['世界 hello', 5], ['short', 10]] as const) {
				expect(truncate(text, width)).toBe(cliTruncate(text, width));
			}

			expect(made).toBeGreaterThan(0);
		} finally {
			Object.defineProperty(Intl, 'Segmenter', {value: Original, configurable: true, writable: true});
		}
	});

	it('Yoga is handed its WebAssembly decoded: one copy of the bytes, no look at fetch, the same layout', async () => {
		let fetchLookedAt = 0;
		const fetchProperty = Object.getOwnPropertyDescriptor(globalThis, 'fetch');
		Object.defineProperty(globalThis, 'fetch', {
			configurable: true,
			get() {
				fetchLookedAt++;
				return fetchProperty?.value as unknown;
			},
		});
		type Layout = {width: number; height: number; left: number};
		const entry = `
			import Yoga from 'yoga-layout';
			export function layout() {
				const root = Yoga.Node.create();
				root.setFlexDirection(Yoga.FLEX_DIRECTION_ROW);
				const children = [3, 1].map((grow, index) => {
					const child = Yoga.Node.create();
					child.setFlexGrow(grow);
					root.insertChild(child, index);
					return child;
				});
				root.calculateLayout(80, 24, Yoga.DIRECTION_RTL);
				return children.map(child => child.getComputedLayout());
			}
		`;
		let ours: {layout(): Layout[]};
		try {
			ours = await bundled<{layout(): Layout[]}>(entry);
		} finally {
			if (fetchProperty) Object.defineProperty(globalThis, 'fetch', fetchProperty);
		}

		expect(fetchLookedAt).toBe(0);
		const yogas = await bundled<{layout(): Layout[]}>(entry, []);
		expect(ours.layout()).toEqual(yogas.layout());
		expect(ours.layout().map(box => box.width)).toEqual([60, 20]);
		const text = await bundledText(entry);
		expect(text.match(/AGFzbQ/gu)?.length, 'the WebAssembly\'s base64 (it starts "\\0asm")').toBe(1);
	});

	it('conf says what it needed when asked for something left out of the build', async () => {
		const confFolder = mkdtempSync(path.join(tmpdir(), 'akhbar-conf-'));
		folders.push(confFolder);
		const {attempt} = await bundled<{attempt: () => void}>(`
			import Conf from 'conf';
			export function attempt() {
				new Conf({projectName: 'akhbar-test', cwd: ${JSON.stringify(confFolder)}, schema: {a: {type: 'string'}}});
			}
		`);
		expect(attempt).toThrow(/conf needed ajv, which is not in this build/u);
	});

	it('the reader draws the same frames with the replacements as with Ink\'s own parts', async () => {
		type Renderer = {renderApp(options: HarnessOptions): Promise<Harness>; demoEdition(): Edition; keys: Record<string, string>};
		const entry = "export {renderApp, keys} from './test/ui/helpers/render.tsx'; export {demoEdition} from './source/samples/demo.ts';";
		const frames = async (renderer: Renderer): Promise<string[]> => {
			const harness = await renderer.renderApp({editions: [renderer.demoEdition()], columns: 100, rows: 30});
			const {keys} = renderer;
			const shown = [harness.frame()];
			for (const key of ['j', 'j', keys['enter']!, keys['pageDown']!, 'G', keys['escape']!, '?', keys['escape']!, 's', keys['right']!, keys['escape']!, '/', 'ا', keys['enter']!, keys['tab']!]) {
				// eslint-disable-next-line no-await-in-loop -- one key at a time, as typed
				await harness.press(key);
				// eslint-disable-next-line no-await-in-loop -- the frame this key leads to, all of it
				await harness.settle();
				shown.push(harness.frame());
			}

			await harness.resize(80, 24);
			await harness.settle();
			shown.push(harness.frame());
			harness.unmount();
			return shown;
		};

		// In colour (chalk reads this as it loads): without it there is no style to compare.
		const forced = process.env['FORCE_COLOR'];
		process.env['FORCE_COLOR'] = '3';
		let withReplacements: string[];
		let withInks: string[];
		try {
			withReplacements = await frames(await bundled<Renderer>(entry));
			withInks = await frames(await bundled<Renderer>(entry, []));
		} finally {
			if (forced === undefined) delete process.env['FORCE_COLOR'];
			else process.env['FORCE_COLOR'] = forced;
		}

		const styles = new Set(withInks.flatMap(frame => parseFrame(frame).rows.flatMap(row => row.styles)));
		expect(styles.size).toBeGreaterThan(5);
		for (const [index, frame] of withReplacements.entries()) {
			expect(parseFrame(frame).rows, `after key ${index}`).toEqual(parseFrame(withInks[index]!).rows);
		}
	});
});
