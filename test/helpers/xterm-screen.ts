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

/** The signature xterm reports (see cellStyles) for one of the frame writer's SGR keys. */
export function expectedStyle(key: string): string {
	const parts = key === '' ? [] : key.split(';').map(Number);
	const flags = new Set<number>();
	let fg = '0:-1';
	let bg = '0:-1';
	const color = (mode: number, value: number) => `${mode}:${value}`;
	for (let index = 0; index < parts.length; index++) {
		const code = parts[index]!;
		if ((code >= 30 && code <= 37) || (code >= 90 && code <= 97)) {
			fg = color(16_777_216, code >= 90 ? code - 82 : code - 30);
		} else if ((code >= 40 && code <= 47) || (code >= 100 && code <= 107)) {
			bg = color(16_777_216, code >= 100 ? code - 92 : code - 40);
		} else if (code === 38 || code === 48) {
			const indexed = parts[index + 1] === 5;
			const value = indexed
				? color(33_554_432, parts[index + 2]!)
				: color(50_331_648, (parts[index + 2]! << 16) | (parts[index + 3]! << 8) | parts[index + 4]!);
			if (code === 38) {
				fg = value;
			} else {
				bg = value;
			}

			index += indexed ? 2 : 4;
		} else {
			flags.add(code);
		}
	}

	const flag = (code: number, letter: string) => (flags.has(code) ? letter : '');
	return [flag(1, 'b'), flag(2, 'd'), flag(3, 'i'), flag(4, 'u'), flag(7, 'v'), flag(9, 's'), `|${fg}|${bg}`].join('');
}

/**
 * What of a style signature can be seen: on a space that is not inverted, underlined or
 * struck, only the background shows (its colour, weight and slant are invisible).
 */
export function seen(signature: string, space: boolean): string {
	const [flags = '', , bg = ''] = signature.split('|');
	return space && !/[vus]/.test(flags) ? `|${bg}` : signature;
}

/** Differences between what a terminal shows and the rows of a frame (empty when equal). */
export function screenVersusRows(terminal: HeadlessTerminal, rows: ReadonlyArray<{chars: string[]; styles: string[]}>): string[] {
	const problems: string[] = [];
	const text = screenText(terminal);
	for (let y = 0; y < terminal.rows; y++) {
		const row = rows[y] ?? {chars: [], styles: []};
		if (text[y]!.trimEnd() !== row.chars.join('').trimEnd()) {
			problems.push(`row ${y}: shows ${JSON.stringify(text[y]!.trimEnd())}, frame has ${JSON.stringify(row.chars.join('').trimEnd())}`);
			continue;
		}

		const styles = cellStyles(terminal, y);
		for (const [x, key] of row.styles.entries()) {
			const char = row.chars[x];
			if (char !== '' && seen(styles[x]!, char === ' ') !== seen(expectedStyle(key), char === ' ')) {
				problems.push(`row ${y} col ${x}: style ${styles[x]} on screen, ${expectedStyle(key)} in the frame`);
				break;
			}
		}
	}

	return problems;
}
