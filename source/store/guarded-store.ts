/**
 * A conf store that never stops the app and never loses another process's writes.
 *
 * - Opening a damaged file (empty, invalid JSON, a value that breaks the schema) repairs it:
 *   the original bytes are moved aside as `NAME.json.bad-TIME`, every key that is still valid
 *   is kept (lists and maps keep their valid entries), and `notice` says so in one line.
 * - When the file cannot be repaired (it is a directory, or its folder is read-only), the store
 *   runs in memory for this session and `notice` says that nothing will be saved.
 * - Every write is a read-modify-write of the current file under a lock file, so two akhbar
 *   processes each changing their own keys never undo each other. conf's own write is atomic.
 * - A read-only file or folder reads normally; writing throws a one-line Error.
 *
 * Keys the schema does not know are left alone in a healthy file (a newer akhbar may have
 * written them) and survive only in the `.bad` copy of a damaged one.
 */
import fs from 'node:fs';
import path from 'node:path';
import Conf from 'conf';
import envPaths from 'env-paths';
import {LockError, withLock} from './lock.js';
import {conforms, isPlainObject, salvage, type JsonSchema} from './schema.js';

export type StoreOptions = {
	/** Folder of the file; default: the user's config folder for akhbar. Tests pass a temp dir. */
	cwd?: string;
	/** File name without `.json`. */
	configName?: string;
};

export type StoreSpec<T extends Record<string, unknown>> = {
	/** What the user calls this file, in messages: `preferences`, `reading state`. */
	label: string;
	configName: string;
	schema: {[K in keyof T]: JsonSchema};
};

type Raw = Record<string, unknown>;

export function defaultConfigDir(): string {
	return envPaths('akhbar', {suffix: ''}).config;
}

function errorCode(error: unknown): string {
	const {code, message} = error as NodeJS.ErrnoException;
	return code ?? String(message).split('\n')[0] ?? 'unknown error';
}

function isSystemError(error: unknown): boolean {
	return error instanceof Error && typeof (error as NodeJS.ErrnoException).code === 'string'
		&& typeof (error as NodeJS.ErrnoException).syscall === 'string';
}

function isWritableMode(mode: number): boolean {
	// Checked by hand because root passes every access() test, and a file the user made
	// read-only is a statement that akhbar should not change it.
	return (mode & 0o222) !== 0;
}

export class GuardedStore<T extends Record<string, unknown>> {
	readonly path: string;
	readonly dir: string;
	/** One line for the user when the file had to be repaired or cannot be used. */
	notice?: string;

	readonly #spec: StoreSpec<T>;
	readonly #keys: string[];
	#conf?: Conf<Raw>;
	/** Set when running without a file. */
	#memory?: Partial<T>;
	/** The last file content that passed #parse. */
	#validText?: string;

	constructor(spec: StoreSpec<T>, options: StoreOptions = {}) {
		this.#spec = spec;
		this.#keys = Object.keys(spec.schema);
		this.dir = path.resolve(options.cwd ?? defaultConfigDir());
		this.path = path.join(this.dir, `${options.configName ?? spec.configName}.json`);
		try {
			this.#conf = this.#open();
		} catch (error) {
			this.#recoverLocked(error);
		}
	}

	/** False when the store runs in memory because its file cannot be used. */
	get persistent(): boolean {
		return this.#memory === undefined;
	}

	/** The known, valid keys as they are now (on disk, or in memory). */
	read(): Partial<T> {
		for (let attempt = 0; !this.#memory; attempt++) {
			try {
				return this.#known(this.#conf!.store);
			} catch (error) {
				if (attempt > 0) {
					// Damaged again right after a repair: something keeps breaking it.
					this.#runInMemory({}, `${this.#spec.label} file ${this.path} keeps failing (${errorCode(error)}); using defaults, nothing will be saved this session`);
					break;
				}

				// Damaged since we opened it (another program, a full disk): repair and go on.
				this.#recoverLocked(error);
			}
		}

		return {...this.#memory} as Partial<T>;
	}

	/**
	 * Replaces the known keys with `change(current)`, where `current` is read from the file
	 * under the lock. Keys absent from the result return to their defaults. Returns the result.
	 */
	update(change: (current: Partial<T>) => Partial<T>): Partial<T> {
		if (this.#memory) {
			this.#memory = change({...this.#memory});
			return {...this.#memory};
		}

		this.#assertWritable();
		let result: Partial<T> | undefined;
		const write = () => {
			let raw: Raw;
			try {
				raw = this.#conf!.store;
			} catch (error) {
				this.#recover(error);
				if (this.#memory) {
					this.#memory = change({...this.#memory});
					result = {...this.#memory};
					return;
				}

				raw = this.#conf!.store;
			}

			const next = change(this.#known(raw));
			const unknown: Raw = {};
			for (const [key, value] of Object.entries(raw)) {
				if (!this.#keys.includes(key)) unknown[key] = value;
			}

			this.#assertValid(next);
			try {
				this.#conf!.store = {...unknown, ...next};
			} catch (error) {
				throw new Error(`cannot save ${this.#spec.label} to ${this.path}: ${errorCode(error)}`);
			}

			result = next;
		};

		try {
			withLock(`${this.path}.lock`, write);
		} catch (error) {
			// System errors (EACCES, EROFS, ENOSPC...) become one line; anything thrown by
			// `change` or already worded for the user goes through untouched.
			if (isSystemError(error)) {
				throw new Error(`cannot save ${this.#spec.label} to ${this.path}: ${errorCode(error)}`);
			}

			if (error instanceof LockError && error.code) {
				throw new Error(`cannot save ${this.#spec.label}: ${this.dir} is not writable (${error.code})`);
			}

			throw error;
		}

		return result!;
	}

	#open(): Conf<Raw> {
		return new Conf<Raw>({
			cwd: this.dir,
			configName: path.basename(this.path, '.json'),
			// The schema is checked by our own checker, in `deserialize` (every read) and before
			// every write, rather than by conf's ajv: compiling it cost 30-130 ms per store at
			// start-up, and one judge for reading and for repairing cannot disagree with itself.
			// No `defaults` either: conf would write them into the file on open, an unlocked
			// write that could undo another process's change.
			deserialize: text => this.#parse(text),
			clearInvalidConfig: false,
			accessPropertiesByDotNotation: false,
			projectSuffix: '',
		});
	}

	/** JSON text → the stored object; throws when it is not one or a known key is invalid. */
	#parse(text: string): Raw {
		const value: unknown = JSON.parse(text);
		// conf reads the file twice per write (once for us, once more to keep its internal
		// key): text already found valid need not be checked again. (A fresh parse each time:
		// callers may keep and change what they were given.)
		if (text === this.#validText) return value as Raw;
		if (!isPlainObject(value)) throw new Error('Config schema violation: not a JSON object');
		for (const key of this.#keys) {
			if (Object.hasOwn(value, key) && !conforms(value[key], this.#spec.schema[key]!)) {
				throw new Error(`Config schema violation: \`${key}\``);
			}
		}

		this.#validText = text;
		return value;
	}

	#assertValid(values: Raw): void {
		for (const key of this.#keys) {
			if (Object.hasOwn(values, key) && !conforms(values[key], this.#spec.schema[key]!)) {
				throw new Error(`refusing to save an invalid ${key} in ${this.#spec.label}`);
			}
		}
	}

	#known(raw: Raw): Partial<T> {
		const known: Raw = {};
		for (const key of this.#keys) {
			if (Object.hasOwn(raw, key)) known[key] = raw[key];
		}

		return known as Partial<T>;
	}

	/** Refuses to write where the user has made the file or its folder read-only. */
	#assertWritable(): void {
		for (const target of [this.path, this.dir]) {
			let mode: number;
			try {
				mode = fs.statSync(target).mode;
			} catch {
				// Missing or unreachable: the lock or the write will say what is wrong.
				continue;
			}

			if (!isWritableMode(mode)) throw new Error(`cannot save ${this.#spec.label}: ${target} is read-only`);
		}
	}

	/** Recovery from a failure to open or read, under the lock when the lock can be had. */
	#recoverLocked(error: unknown): void {
		try {
			withLock(`${this.path}.lock`, () => {
				this.#recover(error);
			});
		} catch {
			// No lock (read-only folder): nobody can write here, so nobody can race us.
			this.#recover(error);
		}
	}

	#recover(error: unknown): void {
		const {label} = this.#spec;
		// Another process may have repaired the file while we waited for the lock.
		try {
			this.#conf = this.#open();
			return;
		} catch {}

		let stat: fs.Stats | undefined;
		try {
			stat = fs.statSync(this.path);
		} catch {}

		if (!stat?.isFile()) {
			const what = stat?.isDirectory() ? 'is a directory' : `cannot be used (${errorCode(error)})`;
			this.#runInMemory({}, `${label} file ${this.path} ${what}; using defaults, nothing will be saved this session`);
			return;
		}

		let bytes: Buffer;
		try {
			bytes = fs.readFileSync(this.path);
		} catch (readError) {
			this.#runInMemory({}, `cannot read ${label} file ${this.path} (${errorCode(readError)}); using defaults, nothing will be saved this session`);
			return;
		}

		const text = bytes.toString('utf8');
		let problem: string;
		let parsed: unknown;
		if (text.trim() === '') {
			problem = 'empty';
		} else {
			try {
				parsed = JSON.parse(text);
				problem = isPlainObject(parsed) ? 'invalid values' : 'not a JSON object';
			} catch {
				problem = 'invalid JSON';
			}
		}

		const kept: Raw = {};
		const reset: string[] = [];
		const trimmed: string[] = [];
		if (isPlainObject(parsed)) {
			for (const key of this.#keys) {
				if (!Object.hasOwn(parsed, key)) continue;
				const value = salvage(parsed[key], this.#spec.schema[key]!);
				if (value === undefined) reset.push(key);
				else kept[key] = value;
				if (value !== undefined && value !== parsed[key]) trimmed.push(key);
			}
		}

		// An empty file holds nothing worth keeping aside.
		let aside: string | undefined;
		try {
			if (problem === 'empty') {
				fs.rmSync(this.path);
			} else {
				aside = this.#asideName();
				fs.renameSync(this.path, aside);
			}
		} catch (moveError) {
			this.#runInMemory(kept as Partial<T>, `${label} file ${this.path} is damaged (${problem}) and cannot be moved aside (${errorCode(moveError)}); nothing will be saved this session`);
			return;
		}

		const where = aside ? `moved it to ${aside}` : 'started afresh';
		const keptKeys = Object.keys(kept);
		let summary = '';
		if (problem !== 'empty') {
			summary = keptKeys.length > 0 ? `; kept ${keptKeys.join(', ')}` : '; nothing could be kept';
			if (trimmed.length > 0) summary += ` (dropped bad entries of ${trimmed.join(', ')})`;
			if (reset.length > 0) summary += `; reset ${reset.join(', ')} to default`;
		}

		try {
			const conf = this.#open();
			if (Object.keys(kept).length > 0) conf.store = kept;
			this.#conf = conf;
			this.notice = `${label} file was ${problem === 'empty' ? 'empty' : `damaged (${problem})`}: ${where}${summary}`;
		} catch (writeError) {
			this.#runInMemory(kept as Partial<T>, `${label} file was damaged (${problem}): ${where}, but a new one cannot be written (${errorCode(writeError)}); nothing will be saved this session`);
		}
	}

	#runInMemory(values: Partial<T>, notice: string): void {
		this.#conf = undefined;
		this.#memory = values;
		this.notice = notice;
	}

	#asideName(): string {
		// ':' is not allowed in file names on Windows and is awkward in shells.
		const stamp = new Date().toISOString().replaceAll(':', '-');
		let name = `${this.path}.bad-${stamp}`;
		for (let n = 1; fs.existsSync(name); n++) name = `${this.path}.bad-${stamp}-${n}`;
		return name;
	}
}
