import {spawnSync} from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import process from 'node:process';
import {describe, expect, test} from 'vitest';
import {LockError, withLock} from '../../source/store/lock.js';
import {tempDir} from './helpers.js';

/** The pid of a process that has already exited. */
function deadPid(): number {
	const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], {encoding: 'utf8'});
	return Number(child.stdout);
}

describe('the lock beside a store', () => {
	test('is held while the action runs, and removed after, even when it throws', () => {
		const lock = path.join(tempDir(), 'config.json.lock');
		const seen = withLock(lock, () => fs.readFileSync(lock, 'utf8'));
		expect(seen).toMatch(new RegExp(`^${process.pid}\\n`, 'u'));
		expect(fs.existsSync(lock)).toBe(false);
		expect(() => withLock(lock, () => {
			throw new Error('inside');
		})).toThrow('inside');
		expect(fs.existsSync(lock)).toBe(false);
	});

	test('a lock left by a process that is gone is taken over', () => {
		const lock = path.join(tempDir(), 'config.json.lock');
		fs.writeFileSync(lock, `${deadPid()}\n2026-01-01T00:00:00.000Z\n`);
		expect(withLock(lock, () => 'ran', {timeoutMs: 200})).toBe('ran');
		expect(fs.existsSync(lock)).toBe(false);
	}, 30_000);

	test('a lock older than the stale age is taken over, whoever holds it', () => {
		const lock = path.join(tempDir(), 'config.json.lock');
		fs.writeFileSync(lock, `${process.ppid}\n`);
		const old = new Date(Date.now() - 60_000);
		fs.utimesSync(lock, old, old);
		expect(withLock(lock, () => 'ran', {timeoutMs: 200, staleMs: 10_000})).toBe('ran');
	});

	test('a fresh lock of a live process is waited for, then reported in one line', () => {
		const lock = path.join(tempDir(), 'config.json.lock');
		// The parent of this test process is alive for the whole test.
		fs.writeFileSync(lock, `${process.ppid}\n`);
		let ran = false;
		expect(() => withLock(lock, () => {
			ran = true;
		}, {timeoutMs: 50})).toThrow(new LockError(`${lock} is held by another akhbar; try again`));
		expect(ran).toBe(false);
		// It was not ours to remove.
		expect(fs.readFileSync(lock, 'utf8')).toBe(`${process.ppid}\n`);
	});

	test('a folder that does not exist yet is created', () => {
		const lock = path.join(tempDir(), 'new', 'folder', 'config.json.lock');
		expect(withLock(lock, () => 1)).toBe(1);
	});

	test('a folder where no file can be created: one line, no crash', () => {
		const dir = tempDir();
		fs.writeFileSync(path.join(dir, 'plain-file'), '');
		const lock = path.join(dir, 'plain-file', 'config.json.lock');
		expect(() => withLock(lock, () => 1)).toThrow(/^cannot lock .*: ENOTDIR$/u);
	});
});
