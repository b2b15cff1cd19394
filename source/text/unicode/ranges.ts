/**
 * Look-ups in the flat range tables of `tables.ts`: sorted rows of `stride` numbers whose first
 * two are the first and last code point of a range.
 */

/** Index (in numbers) of the row whose range holds `codePoint`, or -1. Binary search. */
export function findRange(ranges: readonly number[], stride: number, codePoint: number): number {
	let low = 0;
	let high = ranges.length / stride - 1;
	while (low <= high) {
		const middle = (low + high) >>> 1;
		const row = middle * stride;
		if (codePoint < ranges[row]!) {
			high = middle - 1;
		} else if (codePoint > ranges[row + 1]!) {
			low = middle + 1;
		} else {
			return row;
		}
	}

	return -1;
}

/**
 * A table of the Basic Multilingual Plane with `value(row)` ORed into every code point of every
 * row's range: one array read per UTF-16 unit in hot loops instead of a search.
 */
export function bmpTable(ranges: readonly number[], stride: number, value: (row: number) => number): Uint8Array {
	const table = new Uint8Array(0x10000);
	for (let row = 0; row < ranges.length && ranges[row]! <= 0xFFFF; row += stride) {
		const bits = value(row);
		const last = Math.min(ranges[row + 1]!, 0xFFFF);
		for (let codePoint = ranges[row]!; codePoint <= last; codePoint++) {
			table[codePoint]! |= bits;
		}
	}

	return table;
}
