/**
 * Vitest's global setup: the run gets a temporary folder of its own (TMPDIR, which os.tmpdir()
 * and every child process follow), and the run fails (exit code 1) when a test left anything in it. The
 * folder goes at the end either way, so a run never leaves anything in the machine's /tmp.
 * Compile caches may stay: tsx's (tsx-UID, for child processes started through tsx) and Node's
 * own (node-compile-cache, Node 22 and later): they are not a test's leftovers.
 */
import {mkdtempSync, readdirSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import process from 'node:process';

export default function setup(): () => void {
	const folder = mkdtempSync(path.join(tmpdir(), 'akhbar-run-'));
	const previous = process.env['TMPDIR'];
	process.env['TMPDIR'] = folder;
	return () => {
		if (previous === undefined) delete process.env['TMPDIR'];
		else process.env['TMPDIR'] = previous;
		const left = readdirSync(folder).filter(name => !/^(?:tsx-\d+|node-compile-cache)$/u.test(name));
		rmSync(folder, {recursive: true, force: true});
		if (left.length > 0) {
			// An error thrown here is only logged by vitest: the exit code is what fails the run.
			console.error(`\nFAIL: the tests left ${left.length} entries in the temporary folder (each test removes what it makes): ${left.slice(0, 20).join(', ')}\n`);
			process.exitCode = 1;
		}
	};
}
