/**
 * Arabic shaping: logical text → presentation forms, still in logical order.
 *
 * Joining types (ArabicShaping.txt) decide which neighbours connect; each letter that has
 * presentation forms becomes its isolated, final, initial or medial form. Policies:
 *
 * - Transparent characters (type T: harakat, U+0670, other Mn/Me/Cf) do not break joining and
 *   stay as they are, after their letter.
 * - Tatweel and other join-causing characters (type C) connect to both sides and stay.
 * - ZWJ joins, ZWNJ separates; both are then dropped when a neighbour (skipping transparent
 *   characters) is in an Arabic block: they have done their work, and a terminal would only
 *   mis-draw them. Elsewhere (emoji ZWJ sequences, other scripts) they pass through untouched.
 * - Lam followed by alef, alef with madda, hamza above or hamza below becomes ONE mandatory
 *   ligature (U+FEF5..U+FEFC), isolated or final by whether the lam joins what precedes it.
 *   Harakat between them are transparent to joining, so they do not prevent it (لَا, إِلَّا):
 *   the ligature takes the lam's cell and the marks follow it, in their order, on that cell
 *   (FriBidi leaves lam and alef apart there). ZWJ or ZWNJ between them does prevent it.
 *   No optional ligature is made (الله, محمد stay letters).
 * - A letter with no presentation forms whose canonical decomposition is a letter that has them
 *   and a mark (U+06C2 = U+06C1 + U+0654) is shaped as that letter, followed by the mark.
 * - A letter joins on a side only if it has a presentation form for that side. U+06BA (no
 *   initial form) acts as right-joining, U+0677 (isolated form only) as non-joining, and letters
 *   with no presentation form at all (U+0620, U+066E, U+0750...) as non-joining, so that their
 *   neighbours take forms that do not reach towards a letter the terminal draws unjoined.
 * - Letters of type U (hamza U+0621) stay nominal, as FriBidi leaves them.
 * - Astral characters and everything that is not Arabic pass through unchanged; an astral
 *   transparent mark does not break joining.
 */
import {decomposedLetters, joiningTypeCodes, joiningTypeRanges, lamAlefLigatures, positionalForms} from './unicode/tables.js';
import {joiningType} from './unicode/joining.js';
import {bmpTable} from './unicode/ranges.js';
import {UnitScratch} from './unicode/units.js';

// Const enums: esbuild writes each use as its number (a bundle's top-level consts are vars,
// which V8 loads at every use in the loop below).
const enum Flag {
	transparent = 1,
	joinsPrevious = 2,
	joinsNext = 4,
	/** Has presentation forms: shaped. */
	letter = 8,
	/** An alef that makes a mandatory ligature after lam. */
	ligatingAlef = 16,
	/** ZWJ or ZWNJ. */
	joinControl = 32,
	highSurrogate = 64,
	lowSurrogate = 128,
	/** In an Arabic block (U+0600..U+08FF, U+FB50..U+FDFF, U+FE70..U+FEFF). */
	arabicScript = 256,
	/** No forms of its own: shaped as the letter of its canonical decomposition, mark after. */
	decomposed = 512,
}

const enum Unit {
	zwnj = 0x200C,
	zwj = 0x200D,
	lam = 0x0644,
}

const enum Form {
	isolated = 0,
	final = 1,
	initial = 2,
	medial = 3,
}

const {T, C} = joiningTypeCodes;
// Nine flags: the table is built as bytes, then widened.
const flags = Uint16Array.from(bmpTable(joiningTypeRanges, 3, row => {
	const type = joiningTypeRanges[row + 2];
	return type === T ? Flag.transparent : type === C ? Flag.joinsPrevious | Flag.joinsNext : 0;
}));
for (const [first, last] of [[0x0600, 0x08FF], [0xFB50, 0xFDFF], [0xFE70, 0xFEFF]] as const) {
	for (let unit = first; unit <= last; unit++) {
		flags[unit]! |= Flag.arabicScript;
	}
}


// Letters with forms, indexed from the lowest such letter: four forms per letter.
let firstLetter = 0xFFFF;
let lastLetter = 0;
for (let row = 0; row < positionalForms.length; row += 5) {
	const type = joiningType(positionalForms[row]!);
	if (type === 'R' || type === 'D') {
		firstLetter = Math.min(firstLetter, positionalForms[row]!);
		lastLetter = Math.max(lastLetter, positionalForms[row]!);
	}
}

const forms = new Uint16Array((lastLetter - firstLetter + 1) * 4);
for (let row = 0; row < positionalForms.length; row += 5) {
	const base = positionalForms[row]!;
	const type = joiningType(base);
	if (type !== 'R' && type !== 'D') {
		continue;
	}

	const slot = (base - firstLetter) * 4;
	for (let form = 0; form < 4; form++) {
		forms[slot + form] = positionalForms[row + 1 + form]!;
	}

	const hasFinal = forms[slot + Form.final] !== 0;
	const hasInitial = forms[slot + Form.initial] !== 0;
	// A letter with no isolated form keeps its nominal code point when isolated.
	forms[slot + Form.isolated] ||= base;
	flags[base] = Flag.arabicScript | Flag.letter | (hasFinal ? Flag.joinsPrevious : 0) | (type === 'D' && hasInitial ? Flag.joinsNext : 0);
}

/** For each decomposed letter (by unit - U+0600): the letter it is shaped as, and its mark. */
const decomposedBase = new Uint16Array(0x300);
const decomposedMark = new Uint16Array(0x300);
for (let row = 0; row < decomposedLetters.length; row += 3) {
	const [letter, base, mark] = [decomposedLetters[row]!, decomposedLetters[row + 1]!, decomposedLetters[row + 2]!];
	const slot = (base - firstLetter) * 4;
	const type = joiningType(letter);
	decomposedBase[letter - 0x0600] = base;
	decomposedMark[letter - 0x0600] = mark;
	flags[letter] = Flag.arabicScript | Flag.letter | Flag.decomposed
		| (forms[slot + Form.final] ? Flag.joinsPrevious : 0)
		| (type === 'D' && forms[slot + Form.initial] ? Flag.joinsNext : 0);
}

const firstAlef = lamAlefLigatures[0]!;
const ligatures = new Uint16Array((lamAlefLigatures.at(-3)! - firstAlef + 1) * 2);
for (let row = 0; row < lamAlefLigatures.length; row += 3) {
	const alef = lamAlefLigatures[row]!;
	ligatures[(alef - firstAlef) * 2] = lamAlefLigatures[row + 1]!;
	ligatures[(alef - firstAlef) * 2 + 1] = lamAlefLigatures[row + 2]!;
	flags[alef]! |= Flag.ligatingAlef;
}

flags[Unit.zwj]! |= Flag.joinControl;
flags[Unit.zwnj]! |= Flag.joinControl;
flags.fill(Flag.highSurrogate, 0xD800, 0xDC00);
flags.fill(Flag.lowSurrogate, 0xDC00, 0xE000);

/** Whether the next character that is neither transparent nor a join control is Arabic. */
function arabicFollows(text: string, index: number): boolean {
	for (; index < text.length; index++) {
		const flag = flags[text.charCodeAt(index)]!;
		if ((flag & (Flag.transparent | Flag.joinControl)) === 0) {
			return (flag & Flag.arabicScript) !== 0;
		}
	}

	return false;
}

const scratch = new UnitScratch();

export function shape(text: string): string {
	const length = text.length;
	let first = 0;
	while (first < length && (flags[text.charCodeAt(first)]! & Flag.arabicScript) === 0) {
		first++;
	}

	if (first === length) {
		return text;
	}

	// At most twice the input: a decomposed letter adds a mark; the rest only shortens it.
	const out = scratch.get(length * 2);
	// The tables in locals: module-level bindings are loaded again at every use in the loop.
	const table = flags;
	const letterForms = forms;
	const letterBase = firstLetter;
	let count = 0;
	/** Output slot of the last letter, while a following joiner may still change its form. */
	let previousSlot = -1;
	/** Index of that letter's forms in `forms`. */
	let previousForms = 0;
	/** Whether that letter joined the character before it. */
	let previousJoined = false;
	/** Whether the last non-transparent character connects to what follows. */
	let joinable = false;
	/** Whether the last character that is not transparent or a join control is Arabic. */
	let afterArabic = false;
	/** Whether the last letter is a lam with only transparent marks after it, for the lam-alef ligature. */
	let lamPending = false;
	let loneSurrogates = false;

	for (let index = 0; index < length; index++) {
		const unit = text.charCodeAt(index);
		const flag = table[unit]!;
		if (flag === 0 || flag === Flag.arabicScript) {
			// Joins nothing: space, punctuation, digits, Latin, hamza, letters with no forms.
			out[count++] = unit;
			joinable = false;
			previousSlot = -1;
			afterArabic = flag !== 0;
			lamPending = false;
			continue;
		}

		if (flag & Flag.transparent) {
			out[count++] = unit;
			continue;
		}

		if (flag & Flag.letter) {
			if ((flag & Flag.ligatingAlef) && lamPending) {
				// The lam's cell; its marks already follow it.
				out[previousSlot] = ligatures[(unit - firstAlef) * 2 + (previousJoined ? 1 : 0)]!;
				joinable = false;
				previousSlot = -1;
				afterArabic = true;
				lamPending = false;
				continue;
			}

			const joins = joinable && (flag & Flag.joinsPrevious) !== 0;
			if (joins && previousSlot >= 0) {
				out[previousSlot] = letterForms[previousForms + (previousJoined ? Form.medial : Form.initial)]!;
			}

			const decomposed = (flag & Flag.decomposed) !== 0;
			previousForms = ((decomposed ? decomposedBase[unit - 0x0600]! : unit) - letterBase) * 4;
			previousSlot = count;
			previousJoined = joins;
			out[count++] = letterForms[previousForms + (joins ? Form.final : Form.isolated)]!;
			if (decomposed) {
				out[count++] = decomposedMark[unit - 0x0600]!;
			}

			joinable = (flag & Flag.joinsNext) !== 0;
			afterArabic = true;
			lamPending = unit === Unit.lam;
			continue;
		}

		if (flag & (Flag.highSurrogate | Flag.lowSurrogate)) {
			const low = index + 1 < length ? text.charCodeAt(index + 1) : 0;
			out[count++] = unit;
			if ((flag & Flag.highSurrogate) && low >= 0xDC00 && low <= 0xDFFF) {
				out[count++] = low;
				index++;
				if (joiningType(((unit - 0xD800) << 10) + (low - 0xDC00) + 0x10000) === 'T') {
					continue;
				}
			} else {
				loneSurrogates = true;
			}

			joinable = false;
			previousSlot = -1;
			afterArabic = false;
			lamPending = false;
			continue;
		}

		// Join-causing characters (tatweel, ZWJ) and ZWNJ.
		const joins = joinable && (flag & Flag.joinsPrevious) !== 0;
		if (joins && previousSlot >= 0) {
			out[previousSlot] = letterForms[previousForms + (previousJoined ? Form.medial : Form.initial)]!;
		}

		previousSlot = -1;
		lamPending = false;
		joinable = (flag & Flag.joinsNext) !== 0;
		if (flag & Flag.joinControl) {
			if (!afterArabic && !arabicFollows(text, index + 1)) {
				out[count++] = unit;
			}

			continue;
		}

		out[count++] = unit;
		afterArabic = (flag & Flag.arabicScript) !== 0;
	}

	return scratch.string(out, 0, count, loneSurrogates);
}
