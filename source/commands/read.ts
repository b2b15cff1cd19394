/**
 * `akhbar [SOURCE...]`: the reader when there is a terminal to draw on, `print` otherwise
 * (a pipe, a cron job, TERM=dumb, or keys that cannot be read from any terminal), with a
 * one-line note saying so.
 */
import process from 'node:process';
import type {CliFlags} from '../cli.js';
import {runPrint} from './print.js';

const printingInstead = 'akhbar: not a terminal, printing instead (akhbar print)\n';

export async function runRead(sources: string[], flags: CliFlags): Promise<number> {
	const interactive = process.stdout.isTTY && process.env['TERM'] !== 'dumb';
	if (interactive) {
		const {runReader, NO_TERMINAL} = await import('../reader.js');
		const code = await runReader({sources, flags});
		if (code !== NO_TERMINAL) {
			return code;
		}
	}

	process.stderr.write(printingInstead);
	return runPrint(sources, flags);
}
