/**
 * Folders a benchmark writes into (generated feeds, bundles it imports, a corpus for FriBidi),
 * removed when the process ends, however it ends: some are still read when the function that
 * made them returns.
 */
import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import process from 'node:process';

const made: string[] = [];

process.on('exit', () => {
	for (const dir of made.splice(0)) rmSync(dir, {recursive: true, force: true});
});

export function scratchDir(prefix = 'akhbar-bench-'): string {
	const dir = mkdtempSync(path.join(tmpdir(), prefix));
	made.push(dir);
	return dir;
}
