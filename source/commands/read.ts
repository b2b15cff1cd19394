/**
 * `akhbar [SOURCE...]`: the reader when there is a terminal to draw on, `print` otherwise
 * (a pipe, a cron job, TERM=dumb, or keys that cannot be read from any terminal), with a
 * one-line note saying so.
 */
import process from 'node:process';
import type {CliFlags} from '../cli.js';

const printingInstead = 'akhbar: not a terminal, printing instead (akhbar print)\n';

/**
 * Loads the reader (Ink, React, Yoga). On Node 20 merely reading the global `fetch` loads
 * Node's bundled undici: about 30 ms of start-up spent on a fetch that never happens. Yoga's own
 * WebAssembly loader probes `typeof fetch` (the built reader hands it its binary instead, see
 * test/build-yoga.mjs); the global is hidden while the reader loads and put back, untouched,
 * right after.
 */
async function loadReader(): Promise<typeof import('../reader.js')> {
	const fetchProperty = Object.getOwnPropertyDescriptor(globalThis, 'fetch');
	if (fetchProperty?.configurable) {
		Object.defineProperty(globalThis, 'fetch', {value: undefined, configurable: true, writable: true});
	}

	try {
		return await import('../reader.js');
	} finally {
		if (fetchProperty?.configurable) {
			Object.defineProperty(globalThis, 'fetch', fetchProperty);
		}
	}
}

export async function runRead(sources: string[], flags: CliFlags): Promise<number> {
	const interactive = process.stdout.isTTY && process.env['TERM'] !== 'dumb';
	if (interactive) {
		const {runReader, NO_TERMINAL} = await loadReader();
		const code = await runReader({sources, flags});
		if (code !== NO_TERMINAL) {
			// The terminal is back and every fetch cancelled; what cannot be cancelled (a DNS lookup
			// in libuv's thread pool, standard input still being read) must not hold the shell.
			process.exit(code);
		}
	}

	process.stderr.write(printingInstead);
	// Loaded only here: the reader's start-up never waits for the sources code.
	const {runPrint} = await import('./print.js');
	return runPrint(sources, flags);
}
