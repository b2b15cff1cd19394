/**
 * Justification of one line (`align: justify`): kashida (tatweel, U+0640) between joined
 * letters, then spaces, until the line is exactly the text width.
 *
 * Works on the line as prepared, that is already shaped, in logical order. That is the same as
 * inserting tatweels before shaping: a tatweel joins on both sides, so between a letter in its
 * initial or medial form and one in its medial or final form it keeps both forms as they are,
 * and a join is read straight off the presentation forms. Where letters are not shaped
 * (`shaping: off`, `bidi: terminal`) there are no presentation forms, so no kashida.
 *
 * Placement follows W3C alreq ("Text alignment and justification") and the priorities word
 * processors have long used; each word gets at most one position, its best.
 */
import {positionalForms} from './unicode/tables.js';
import {joiningType} from './unicode/joining.js';

export const tatweel = 0x06_40;
/** At most this many tatweels at one position: more reads as a gap in the word. */
export const maxKashida = 3;

const enum Form {
	none = 0,
	isolated = 1,
	final = 2,
	initial = 3,
	medial = 4,
}

/** Presentation form → its base letter and form. */
const baseOf = new Map<number, number>();
const formOf = new Map<number, Form>();
for (let row = 0; row < positionalForms.length; row += 5) {
	const base = positionalForms[row]!;
	for (const [offset, form] of [[1, Form.isolated], [2, Form.final], [3, Form.initial], [4, Form.medial]] as const) {
		const glyph = positionalForms[row + offset]!;
		if (glyph !== 0 && glyph !== base) {
			baseOf.set(glyph, base);
			formOf.set(glyph, form);
		}
	}
}

// Lam-alef ligatures: the final ones join what precedes the lam.
for (const glyph of [0xFE_F6, 0xFE_F8, 0xFE_FA, 0xFE_FC]) formOf.set(glyph, Form.final);

const seenSad = new Set([0x06_33, 0x06_34, 0x06_35, 0x06_36]);
const tehMarbutaHehDal = new Set([0x06_29, 0x06_47, 0x06_2F, 0x06_30, 0x06_C1, 0x06_D5]);
const alefTahLamKafGaf = new Set([0x06_27, 0x06_22, 0x06_23, 0x06_25, 0x06_71, 0x06_37, 0x06_38, 0x06_44, 0x06_43, 0x06_A9, 0x06_AF]);
const behLike = new Set([0x06_28, 0x06_2A, 0x06_2B, 0x06_46, 0x06_4A, 0x06_26, 0x06_CC, 0x06_79, 0x06_7E, 0x06_BA]);
const rehYehMaqsura = new Set([0x06_31, 0x06_32, 0x06_98, 0x06_91, 0x06_4A, 0x06_CC, 0x06_49, 0x06_D2]);
const wawAinQafFeh = new Set([0x06_48, 0x06_24, 0x06_39, 0x06_3A, 0x06_42, 0x06_41, 0x06_A4]);

function formAt(code: number): Form {
	return code === tatweel ? Form.medial : formOf.get(code) ?? Form.none;
}

function joinsForward(code: number): boolean {
	const form = formAt(code);
	return form === Form.initial || form === Form.medial;
}

function joinsBackward(code: number): boolean {
	const form = formAt(code);
	return form === Form.final || form === Form.medial;
}

/** Harakat and other marks: joining passes over them, and a kashida never goes between them and their letter. */
function isMark(code: number): boolean {
	return code >= 0x03_00 && code < 0xD8_00 && joiningType(code) === 'T';
}

/**
 * Rank of a kashida before `next` (after `previous`, with `after` the letter after `next`):
 * 1 is best, 0 means no kashida here. `previous` and `next` must join.
 */
export function kashidaRank(previous: number, next: number, after: number | undefined): number {
	if (!joinsForward(previous) || !joinsBackward(next)) return 0;
	if (previous === tatweel) return 1;
	if (seenSad.has(baseOf.get(previous) ?? 0)) return 2;
	const base = baseOf.get(next) ?? 0;
	const form = formAt(next);
	if (form === Form.final && tehMarbutaHehDal.has(base)) return 3;
	if (form === Form.final && alefTahLamKafGaf.has(base)) return 4;
	if (form === Form.medial && behLike.has(base) && after !== undefined && formAt(after) === Form.final && rehYehMaqsura.has(baseOf.get(after) ?? 0)) return 5;
	if (form === Form.final && wawAinQafFeh.has(base)) return 6;
	if (form === Form.final) return 7;
	return 0;
}

/**
 * The best kashida position of the word text[start, end): the index of the letter a kashida
 * goes before (after any marks of the letter before it), or -1. Of equal ranks, the last.
 */
export function wordKashida(text: string, start: number, end: number): number {
	// The word's letters without their marks: indices into text.
	const bases: number[] = [];
	for (let index = start; index < end; index++) {
		if (!isMark(text.charCodeAt(index))) bases.push(index);
	}

	let best = -1;
	let bestRank = 8;
	for (let k = 1; k < bases.length; k++) {
		const after = bases[k + 1];
		const rank = kashidaRank(text.charCodeAt(bases[k - 1]!), text.charCodeAt(bases[k]!), after === undefined ? undefined : text.charCodeAt(after));
		if (rank > 0 && rank <= bestRank) {
			best = bases[k]!;
			bestRank = rank;
		}
	}

	return best;
}

/** Share `total` among `count` slots, the remainder spread evenly rather than piled at one end. */
function share(total: number, count: number, slot: number): number {
	return Math.floor(((slot + 1) * total / count) + 0.5) - Math.floor((slot * total / count) + 0.5);
}

/** What a unit of a justified line is. */
export const enum Inserted {
	/** A character of the paragraph. */
	none = 0,
	/** A tatweel put before the paragraph's character `source`. */
	kashida = 1,
	/** A space put after the paragraph's space `source`. */
	space = 2,
}

export type JustifiedLine = {
	/** The line in logical order with its tatweels and spaces. */
	text: string;
	/** Bidi levels of `text`: an inserted unit takes the level of its neighbour in the paragraph. */
	levels: Uint8Array;
	/** For each unit of `text`: the index in the paragraph of itself, or of what it was put next to. */
	source: Int32Array;
	inserted: Uint8Array;
};

/**
 * Line [start, end) of `text` (no trailing spaces: the line breaking leaves them out) made
 * `gap` cells wider: kashida first (when `kashida`), spaces between words for what kashida
 * cannot take. Undefined when there is no gap, or when nothing on the line can take it all
 * (one word): such a line is aligned as it would be without justification.
 */
export function justifyLine(text: string, levels: Uint8Array, start: number, end: number, gap: number, kashida: boolean): JustifiedLine | undefined {
	if (gap <= 0 || end <= start) return undefined;
	const positions: number[] = [];
	/** The last space of each run of spaces between two words. */
	const gaps: number[] = [];
	let index = start;
	while (index < end) {
		if (text.charCodeAt(index) === 0x20) {
			while (index < end && text.charCodeAt(index) === 0x20) index++;
			if (index > start && index < end) gaps.push(index - 1);
			continue;
		}

		const wordStart = index;
		while (index < end && text.charCodeAt(index) !== 0x20) index++;
		if (kashida) {
			const position = wordKashida(text, wordStart, index);
			if (position >= 0) positions.push(position);
		}
	}

	const kashidas = Math.min(gap, positions.length * maxKashida);
	const spaceCells = gap - kashidas;
	if (spaceCells > 0 && gaps.length === 0) return undefined;

	const size = end - start + gap;
	const out = new Array<string>();
	const outLevels = new Uint8Array(size);
	const source = new Int32Array(size);
	const inserted = new Uint8Array(size);
	let count = 0;
	let nextPosition = 0;
	let nextGap = 0;
	let from = start;
	const emit = (upTo: number) => {
		if (upTo <= from) return;
		out.push(text.slice(from, upTo));
		for (let unit = from; unit < upTo; unit++) {
			outLevels[count] = levels[unit]!;
			source[count++] = unit;
		}

		from = upTo;
	};

	const add = (unit: string, times: number, level: number, at: number, kind: Inserted) => {
		out.push(unit.repeat(times));
		outLevels.fill(level, count, count + times);
		source.fill(at, count, count + times);
		inserted.fill(kind, count, count + times);
		count += times;
	};

	while (nextPosition < positions.length || nextGap < gaps.length) {
		const position = positions[nextPosition] ?? Number.POSITIVE_INFINITY;
		const space = gaps[nextGap] ?? Number.POSITIVE_INFINITY;
		if (position <= space) {
			emit(position);
			const times = share(kashidas, positions.length, nextPosition++);
			if (times > 0) add('\u0640', times, levels[position]!, position, Inserted.kashida);
		} else {
			emit(space + 1);
			const times = share(spaceCells, gaps.length, nextGap++);
			if (times > 0) add(' ', times, levels[space]!, space, Inserted.space);
		}
	}

	emit(end);
	return {text: out.join(''), levels: outLevels, source, inserted};
}
