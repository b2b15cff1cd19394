import type {Direction} from '../model.js';

/** How text is turned into terminal lines. Every function in `text/` takes these explicitly. */
export type TextOptions = {
	/** Join letters into presentation forms. */
	shaping: boolean;
	/**
	 * `app`: we reorder each line (visual order out).
	 * `terminal` / `off`: logical order out, unshaped, for a terminal that does bidi itself or for
	 * pipes; the two differ only in the terminal mode the UI sets.
	 */
	bidi: 'app' | 'terminal' | 'off';
	/** `auto`: by each paragraph's direction; `justify`: that side, and every line but a paragraph's last filled to the width (justify.ts). */
	align: 'auto' | 'right' | 'left' | 'justify';
	/** `persian`: the extended Arabic-Indic digits (U+06F0–U+06F9) of Persian and Urdu. */
	digits: 'asis' | 'arabic' | 'western' | 'persian';
	tashkeel: 'show' | 'hide';
	/** Direction for paragraphs with no strong character, from the source's language. */
	fallbackDirection: 'rtl' | 'ltr';
	/**
	 * What the source declares for the text (its language or `dir`; a block's own `dir` wins):
	 * with `rtl`, a paragraph holding any right-to-left letter is right to left (direction.ts).
	 */
	declaredDirection?: Direction;
};

export const defaultTextOptions: TextOptions = {
	shaping: true,
	bidi: 'app',
	align: 'auto',
	digits: 'asis',
	tashkeel: 'show',
	fallbackDirection: 'rtl',
};

/** True when lines come out in visual order and shaped (the app does the bidi work). */
export function isVisual(options: TextOptions): boolean {
	return options.bidi === 'app';
}
