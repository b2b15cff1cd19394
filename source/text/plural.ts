/**
 * Counted nouns, in English and in Arabic. Arabic has six plural forms (CLDR's categories):
 * 0, 1, 2, 3–10 (the broken plural: ٣ دقائق), 11–99 (the singular, accusative: ١١ دقيقة), and
 * the rest (100, 101, 102, …: the singular again, genitive: ١٠٠ دقيقة); the last two digits
 * decide for numbers above 100 (١٠٣ دقائق, ١١١ دقيقة).
 */

export type ArabicCategory = 'zero' | 'one' | 'two' | 'few' | 'many' | 'other';

/** The CLDR plural category of a whole number in Arabic. */
export function arabicCategory(count: number): ArabicCategory {
	const n = Math.abs(Math.trunc(count));
	if (n === 0) return 'zero';
	if (n === 1) return 'one';
	if (n === 2) return 'two';
	const lastTwo = n % 100;
	if (lastTwo >= 3 && lastTwo <= 10) return 'few';
	if (lastTwo >= 11 && lastTwo <= 99) return 'many';
	return 'other';
}

/**
 * A noun's forms after a number. `one` and `two` are the whole phrase (دقيقة, دقيقتين: Arabic
 * writes no numeral there); `few` is the plural; 11–99 take the singular in the accusative
 * (`many`: خبرًا; the same letters as `singular` for most nouns), 100 and up in the genitive
 * (`singular`: خبر). `zero`, when given, is the whole phrase for none.
 */
export type ArabicNoun = {zero?: string; one: string; two: string; few: string; many?: string; singular: string};

/** `3 دقائق`, `دقيقتين`, `11 دقيقة`: the count written by `number` where Arabic writes one. */
export function arabicCount(count: number, noun: ArabicNoun, number: (n: number) => string = String): string {
	switch (arabicCategory(count)) {
		case 'zero': return noun.zero ?? `${number(count)} ${noun.singular}`;
		case 'one': return noun.one;
		case 'two': return noun.two;
		case 'few': return `${number(count)} ${noun.few}`;
		case 'many': return `${number(count)} ${noun.many ?? noun.singular}`;
		default: return `${number(count)} ${noun.singular}`;
	}
}

/** `1 item`, `2 items`, `0 items`. */
export function englishCount(count: number, singular: string, plural = `${singular}s`): string {
	return `${count} ${count === 1 ? singular : plural}`;
}
