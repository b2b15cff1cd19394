/**
 * `akhbar [SOURCE...]`: the reader when there is a terminal to draw on, `print` otherwise
 * (a pipe, a cron job, TERM=dumb, or keys that cannot be read from any terminal), with a
 * one-line note saying so.
 */
import process from 'node:process';
import type {CliFlags} from '../cli.js';

const printingInstead = 'akhbar: not a terminal, printing instead (akhbar print)\n';

export async function runRead(sources: string[], flags: CliFlags): Promise<number> {
	const interactive = process.stdout.isTTY && process.env['TERM'] !== 'dumb';
	if (interactive) {
		// Built, this import runs dist/reader.cjs with its code cache (source/reader-script.ts).
		const {runReader, NO_TERMINAL} = await import('../reader.js');
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
