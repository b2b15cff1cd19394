import {joiningTypeCodes, joiningTypeRanges} from './tables.js';
import {findRange} from './ranges.js';

export type JoiningType = keyof typeof joiningTypeCodes;

const names: JoiningType[] = [];
for (const [name, code] of Object.entries(joiningTypeCodes)) {
	names[code] = name as JoiningType;
}

/**
 * The Unicode joining type of a code point (ArabicShaping.txt; unlisted Mn, Me and Cf are T,
 * everything else U). A binary search: hot loops build their own tables instead.
 */
export function joiningType(codePoint: number): JoiningType {
	const row = findRange(joiningTypeRanges, 3, codePoint);
	return row < 0 ? 'U' : names[joiningTypeRanges[row + 2]!]!;
}
