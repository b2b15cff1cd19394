/**
 * `akhbar [SOURCE...]`: the reader when there is a terminal to draw on, `print` otherwise
 * (a pipe, a cron job, TERM=dumb), with a one-line note saying so.
 */
import process from 'node:process';
import type {CliFlags} from '../cli.js';
import {runPrint} from './print.js';

export async function runRead(sources: string[], flags: CliFlags): Promise<number> {
	const interactive = process.stdout.isTTY && process.env['TERM'] !== 'dumb';
	if (!interactive) {
		process.stderr.write('akhbar: not a terminal, printing instead (akhbar print)\n');
		return runPrint(sources, flags);
	}

	const {runReader} = await import('../reader.js');
	return runReader({sources, flags});
}
