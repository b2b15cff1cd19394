/**
 * A lock file next to a store, so that two akhbar processes never interleave a
 * read-modify-write of the same file (conf rewrites the whole file, and the last writer wins).
 *
 * The lock is a file created with O_EXCL (`wx`) holding the owner's pid and the time. A lock
 * whose owner is gone, or that is older than `staleMs`, is taken over. Everything is
 * synchronous because conf is: the critical section is a read, a merge and an atomic write,
 * about a millisecond.
 */
import fs from 'node:fs';
import path from 'node:path';
import process from 'node:process';

export type LockOptions = {
	/** Give up after this long (ms). */
	timeoutMs?: number;
	/** A lock older than this (ms) is considered abandoned. */
	staleMs?: number;
};

/** How long a lock may stay empty before it is taken for abandoned (ms). */
const emptyStaleMs = 1000;

const sleeper = new Int32Array(new SharedArrayBuffer(4));

function sleep(ms: number): void {
	Atomics.wait(sleeper, 0, 0, ms);
}

function isAlive(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		// EPERM: the process exists but belongs to someone else.
		return (error as NodeJS.ErrnoException).code === 'EPERM';
	}
}

/**
 * The content of an existing lock file when it was left behind by a process that is gone or
 * hung, else undefined.
 */
function staleContent(lockPath: string, staleMs: number): string | undefined {
	let content: string;
	let mtimeMs: number;
	try {
		content = fs.readFileSync(lockPath, 'utf8');
		mtimeMs = fs.statSync(lockPath).mtimeMs;
	} catch {
		// Vanished between our attempt and now: not stale, just retry.
		return undefined;
	}

	const age = Date.now() - mtimeMs;
	if (age > staleMs) return content;
	const pid = Number.parseInt(content, 10);
	// An empty lock is one being written right now, or one whose owner was killed between
	// creating it and writing its pid: a second is far longer than that write takes.
	if (!Number.isInteger(pid) || pid <= 0) return age > Math.min(emptyStaleMs, staleMs) ? content : undefined;
	return pid !== process.pid && !isAlive(pid) ? content : undefined;
}

/**
 * Removes a stale lock without removing a fresh one that replaced it meanwhile: the file is
 * renamed aside (only one process can do that) and put back if it is not the one judged stale.
 */
function breakStale(lockPath: string, stale: string): void {
	const aside = `${lockPath}.stale-${process.pid}`;
	try {
		fs.renameSync(lockPath, aside);
	} catch {
		return;
	}

	try {
		if (fs.readFileSync(aside, 'utf8') !== stale) {
			// Someone else's live lock: link it back (fails harmlessly if a new one exists).
			fs.linkSync(aside, lockPath);
		}
	} catch {
	} finally {
		fs.rmSync(aside, {force: true});
	}
}

export class LockError extends Error {
	override name = 'LockError';
	/** The system error code when the lock file could not be created at all. */
	constructor(message: string, readonly code?: string) {
		super(message);
	}
}

/**
 * Runs `action` while holding `lockPath`. Throws a one-line `LockError` when the lock cannot
 * be created (a read-only folder) or stays busy past the timeout.
 */
export function withLock<T>(lockPath: string, action: () => T, options: LockOptions = {}): T {
	const timeoutMs = options.timeoutMs ?? 3000;
	const staleMs = options.staleMs ?? 10_000;
	const deadline = Date.now() + timeoutMs;
	let fd: number | undefined;
	let wait = 1;

	while (fd === undefined) {
		try {
			fd = fs.openSync(lockPath, 'wx');
		} catch (error) {
			const code = (error as NodeJS.ErrnoException).code;
			if (code === 'ENOENT') {
				fs.mkdirSync(path.dirname(lockPath), {recursive: true});
				continue;
			}

			if (code !== 'EEXIST') {
				throw new LockError(`cannot lock ${lockPath}: ${code ?? (error as Error).message}`, code);
			}

			const stale = staleContent(lockPath, staleMs);
			if (stale !== undefined) {
				breakStale(lockPath, stale);
				continue;
			}

			if (Date.now() > deadline) {
				throw new LockError(`${lockPath} is held by another akhbar; try again`);
			}

			// Jitter keeps two waiting processes from waking in step.
			sleep(wait + Math.random() * wait);
			wait = Math.min(wait * 2, 25);
		}
	}

	try {
		fs.writeSync(fd, `${process.pid}\n${new Date().toISOString()}\n`);
	} finally {
		fs.closeSync(fd);
	}

	try {
		return action();
	} finally {
		fs.rmSync(lockPath, {force: true});
	}
}
