/**
 * A real terminal emulator (@xterm/headless) to replay output into, and the screen read back
 * as text and style per cell, for comparing what a frame meant with what a terminal shows.
 */
import xterm from '@xterm/headless';

export type HeadlessTerminal = InstanceType<typeof xterm.Terminal>;

export function createTerminal(cols: number, rows: number): HeadlessTerminal {
	return new xterm.Terminal({cols, rows, allowProposedApi: true});
}

export async function feed(terminal: HeadlessTerminal, data: string): Promise<void> {
	await new Promise<void>(resolve => {
		terminal.write(data, resolve);
	});
}

/** Each row of the active buffer as a string (wide characters once, trailing blanks trimmed). */
export function screenText(terminal: HeadlessTerminal): string[] {
	const buffer = terminal.buffer.active;
	const rows: string[] = [];
	for (let y = 0; y < terminal.rows; y++) {
		rows.push(buffer.getLine(buffer.viewportY + y)?.translateToString(true) ?? '');
	}

	return rows;
}

/** Each cell's style as a comparable signature (attributes, colour modes and colours), by column. */
export function cellStyles(terminal: HeadlessTerminal, y: number): string[] {
	const buffer = terminal.buffer.active;
	const line = buffer.getLine(buffer.viewportY + y);
	const styles: string[] = [];
	if (!line) {
		return styles;
	}

	for (let x = 0; x < terminal.cols; x++) {
		const cell = line.getCell(x);
		if (!cell || cell.getWidth() === 0) {
			styles.push('continuation');
			continue;
		}

		styles.push(
			[
				cell.isBold() ? 'b' : '',
				cell.isDim() ? 'd' : '',
				cell.isItalic() ? 'i' : '',
				cell.isUnderline() ? 'u' : '',
				cell.isInverse() ? 'v' : '',
				cell.isStrikethrough() ? 's' : '',
				`|${cell.getFgColorMode()}:${cell.getFgColor()}|${cell.getBgColorMode()}:${cell.getBgColor()}`,
			].join(''),
		);
	}

	return styles;
}
