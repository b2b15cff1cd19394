/**
 * The package as users get it: `npm pack` (which builds first, the prepack script: the package
 * always holds dist/), then `npm install -g` of the tarball into a folder of its own, and the
 * installed `akhbar` run. npm fetches the dependencies from the registry (or its cache): this
 * takes 30-60 s, and runs in CI like every other test.
 *
 * The package is packed from a copy of what the build reads, not from the working tree: a
 * build there would replace dist/ under the end-to-end tests running beside this one.
 */
import {execFile} from 'node:child_process';
import {cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import process from 'node:process';
import {fileURLToPath} from 'node:url';
import {promisify} from 'node:util';
import {afterAll, describe, expect, it} from 'vitest';
import {cliEnv} from './fixtures/hostile/run-cli.js';

const run = promisify(execFile);
const root = fileURLToPath(new URL('..', import.meta.url));
const folder = mkdtempSync(path.join(tmpdir(), 'akhbar-install-'));

afterAll(() => {
	rmSync(folder, {recursive: true, force: true});
});

/** What `npm run build` reads, besides node_modules. */
const buildInputs = ['package.json', 'package-lock.json', 'readme.md', 'LICENSE', 'tsconfig.json', 'source', 'test/build.mjs', 'test/build-replacements.mjs', 'test/build-stub.mjs', 'test/build-conf-stub.mjs', 'test/build-yoga.mjs'];

/** The environment without what `npm test` sets for its scripts (npm_config_prefix and the like). */
function npmEnv(): NodeJS.ProcessEnv {
	return Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^npm_/iu.test(key) && !key.startsWith('VITEST')));
}

/**
 * better-sqlite3's install asks prebuild-install for a binary for this Node, and compiles from
 * source when none can be downloaded (here: about 3 minutes under load). prebuild-install's
 * documented offline way is a folder of local prebuilds: the binary this checkout's `npm ci`
 * built, packed under the name prebuild-install looks for. The installed package still gets
 * its own copy through the real install script.
 */
async function localPrebuilds(into: string): Promise<NodeJS.ProcessEnv> {
	const addon = path.join(root, 'node_modules/better-sqlite3');
	const {version} = JSON.parse(readFileSync(path.join(addon, 'package.json'), 'utf8')) as {version: string};
	mkdirSync(into, {recursive: true});
	const name = `better-sqlite3-v${version}-node-v${process.versions.modules}-${process.platform}-${process.arch}.tar.gz`;
	await run('tar', ['-czf', path.join(into, name), '-C', addon, 'build/Release/better_sqlite3.node']);
	return {npm_config_better_sqlite3_local_prebuilds: into};
}

describe('npm pack and npm install -g', () => {
	it('the tarball is built on packing, installs globally, and the installed akhbar runs', async () => {
		const staging = path.join(folder, 'staging');
		for (const input of buildInputs) cpSync(path.join(root, input), path.join(staging, input), {recursive: true});
		symlinkSync(path.join(root, 'node_modules'), path.join(staging, 'node_modules'), 'dir');
		expect(existsSync(path.join(staging, 'dist'))).toBe(false);

		const packed = path.join(folder, 'packed');
		mkdirSync(packed);
		const {stdout} = await run('npm', ['pack', '--json', '--pack-destination', packed], {cwd: staging, env: npmEnv(), maxBuffer: 64 * 1024 * 1024});
		const [pack] = JSON.parse(stdout) as Array<{filename: string; files: Array<{path: string}>}>;
		const files = pack!.files.map(file => file.path);
		expect(files).toContain('dist/cli.js');
		expect(files).toContain('package.json');
		expect(files.filter(file => !file.startsWith('dist/') && !['package.json', 'readme.md', 'LICENSE'].includes(file))).toEqual([]);

		const prefix = path.join(folder, 'prefix');
		const prebuilds = await localPrebuilds(path.join(folder, 'prebuilds'));
		await run('npm', ['install', '--global', '--prefix', prefix, '--no-audit', '--no-fund', '--prefer-offline', path.join(packed, pack!.filename)], {cwd: folder, env: {...npmEnv(), ...prebuilds}, maxBuffer: 64 * 1024 * 1024});
		const akhbar = path.join(prefix, 'bin', 'akhbar');
		expect(existsSync(akhbar)).toBe(true);

		const home = path.join(folder, 'home');
		mkdirSync(path.join(home, 'config'), {recursive: true});
		const env = cliEnv(home);
		const {version} = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {version: string};
		expect((await run(akhbar, ['--version'], {env})).stdout).toBe(`${version}\n`);
		const printed = await run(akhbar, ['print', '--logical', '--article', '1', path.join(root, 'test/fixtures/feeds/atom.xml')], {env, cwd: home});
		expect(printed.stderr).toBe('');
		expect(printed.stdout.split('\n')[0]).toBe('الصيادون يعودون إلى البحر بعد العاصفة');
		expect(printed.stdout).toContain('وإنه سيحتاج أياما لإصلاحها.');
		// The library's native addon loads in the installed package: a source refreshed into it is found.
		const feed = path.join(root, 'test/fixtures/feeds/atom.xml');
		await run(akhbar, ['sources', 'add', feed], {env, cwd: home});
		expect((await run(akhbar, ['refresh'], {env, cwd: home})).stderr).toBe('');
		const found = await run(akhbar, ['search', '--logical', 'الصيادون'], {env, cwd: home});
		expect(found.stdout).toContain('الصيادون يعودون إلى البحر بعد العاصفة');
	}, 300_000);
});
