/**
 * The built reader runs with V8's code cache (source/code-cache.ts): the first session writes it
 * in the user's cache folder (a second into the session, or as it ends), the next start takes it
 * (and so writes nothing), and a start with NODE_DISABLE_COMPILE_CACHE=1 neither reads nor
 * writes one.
 */
import {execFileSync} from 'node:child_process';
import {existsSync, mkdtempSync, readdirSync, rmSync, statSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {start} from './helpers/pty.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const home = mkdtempSync(path.join(tmpdir(), 'akhbar-code-cache-e2e-'));
const cacheDir = path.join(home, 'cache', 'akhbar-code');

beforeAll(() => {
	if (!existsSync(path.join(root, 'dist/cli.js'))) execFileSync(process.execPath, ['test/build.mjs'], {cwd: root});
});
afterAll(() => {
	rmSync(home, {recursive: true, force: true});
});

/** A demo session that stays open `ms` after its first frame, then quits. */
async function session(ms: number, env: Record<string, string> = {}): Promise<void> {
	const screen = start({args: ['--demo'], home, env});
	try {
		await screen.waitFor(s => s.text().includes('◂'), 'the demo\'s headlines');
		await new Promise(resolve => setTimeout(resolve, ms));
		screen.write('q');
		expect(await screen.waitForExit()).toBe(0);
	} finally {
		screen.dispose();
	}
}

const caches = () => (existsSync(cacheDir) ? readdirSync(cacheDir).filter(name => name.endsWith('.v8')) : []);

describe('the reader\'s code cache', () => {
	it('is off with NODE_DISABLE_COMPILE_CACHE=1', async () => {
		await session(1500, {NODE_DISABLE_COMPILE_CACHE: '1'});
		expect(caches()).toEqual([]);
	});

	it('is written by a first session, short as it may be, then taken as it is by the next', async () => {
		// Quit before the cache's timer: it is written as the reader exits.
		await session(100);
		const [made] = caches();
		expect(made).toMatch(/^reader\.cjs-[\da-f]{8}-[\da-f]{8}\.v8$/u);
		const written = statSync(path.join(cacheDir, made!));
		expect(written.size).toBeGreaterThan(100_000);

		await session(1500);
		expect(caches()).toEqual([made]);
		expect(statSync(path.join(cacheDir, made!)).mtimeMs).toBe(written.mtimeMs);
	});
});
