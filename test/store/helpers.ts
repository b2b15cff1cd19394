/** Temporary folders for stores, and a way to run store code in a second real process. */
import {execFile} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {fileURLToPath, pathToFileURL} from 'node:url';
import {afterEach} from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const made: string[] = [];

/** A fresh folder, removed after the test (permissions restored first). */
export function tempDir(): string {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'akhbar-store-'));
	made.push(dir);
	return dir;
}

afterEach(() => {
	for (const dir of made.splice(0)) {
		fs.chmodSync(dir, 0o755);
		for (const name of fs.readdirSync(dir)) {
			try {
				fs.chmodSync(path.join(dir, name), 0o755);
			} catch {}
		}

		fs.rmSync(dir, {recursive: true, force: true});
	}
});

/** The URL of a module in source/, for scripts run in a child process. */
export function sourceUrl(relative: string): string {
	return pathToFileURL(path.join(root, 'source', relative)).href;
}

/**
 * Runs `code` (an ES module body, TypeScript allowed) in a new Node process with tsx, from
 * the repository root. Resolves with its stdout; rejects with its stderr.
 */
export async function runScript(dir: string, name: string, code: string): Promise<string> {
	const file = path.join(dir, `${name}.ts`);
	fs.writeFileSync(file, code);
	return new Promise((resolve, reject) => {
		execFile(process.execPath, ['--import', 'tsx', file], {cwd: root}, (error, stdout, stderr) => {
			if (error) reject(new Error(`${name} failed: ${stderr}`));
			else resolve(stdout);
		});
	});
}
