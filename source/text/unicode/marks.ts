import {combiningMarkRanges} from './tables.js';
import {bmpTable, findRange} from './ranges.js';

const bmpMarks = bmpTable(combiningMarkRanges, 2, () => 1);

/** True for combining marks: general category Mn (harakat, U+0670...) or Me. */
export function isCombiningMark(codePoint: number): boolean {
	return codePoint <= 0xFFFF ? bmpMarks[codePoint] === 1 : findRange(combiningMarkRanges, 2, codePoint) >= 0;
}
