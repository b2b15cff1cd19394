/**
 * Bytes → text. Arabic sites still serve windows-1256 and ISO-8859-6, often with a header that
 * says something else, so the declarations are treated as hints and the bytes have the last word:
 * a BOM wins; otherwise the encoding under which the bytes decode cleanly; when none does,
 * windows-1256 before any replacement character, unless the bytes read as Arabic only as
 * ISO-8859-6 (see legacyArabic).
 */
import {isUtf8} from 'node:buffer';

export type Decoded = {text: string; encoding: string};

/** How far into the document a declaration is looked for (the HTML prescan reads 1 KB). */
const sniffBytes = 4096;

/** How much of the document decides whether a lossy decode is acceptable. */
const sampleBytes = 64 * 1024;

/** A lossy decode with at most this share of bad characters is "mostly" that encoding. */
const tolerableErrorShare = 0.05;

export function decodeBytes(bytes: Uint8Array, httpContentType?: string): Decoded {
	const bom = bomEncoding(bytes);
	if (bom) {
		// TextDecoder removes the BOM itself (ignoreBOM is false by default).
		return {text: new TextDecoder(bom).decode(bytes), encoding: bom};
	}

	const declared = unique([
		charsetFromContentType(httpContentType),
		documentCharset(bytes),
	]);

	// isUtf8 validates in place, orders of magnitude faster than a fatal TextDecoder.
	if (isUtf8(bytes)) {
		const text = new TextDecoder('utf-8').decode(bytes);
		if (text.length === bytes.length) {
			// Plain ASCII reads the same under any ASCII-compatible label; report the declared one.
			for (const label of declared) {
				const decoded = decodeStrict(bytes, label);
				if (decoded !== undefined) return {text: decoded, encoding: label};
			}
		}

		// Valid UTF-8 with multi-byte sequences is UTF-8 whatever the labels say: legacy text
		// almost never forms valid sequences throughout.
		return {text, encoding: 'utf-8'};
	}

	const clean: Decoded[] = [];
	for (const label of declared) {
		if (label === 'utf-8') continue;
		const text = decodeStrict(bytes, label);
		if (text !== undefined) clean.push({text, encoding: label});
	}

	if (clean.length > 0) {
		// Several single-byte labels can all decode without error (windows-1252 never fails);
		// for an Arabic reader the one that yields Arabic letters is the right one. Ties keep
		// the order above, the HTTP header first, as browsers do.
		return clean.reduce((best, next) =>
			arabicLetters(next.text) > arabicLetters(best.text) ? next : best);
	}

	// Nothing decodes cleanly. A few bad bytes in otherwise good text are better replaced than
	// the whole text misread. A stretch from the first non-ASCII byte decides (pages often
	// start with tens of kilobytes of ASCII script and style).
	const firstNonAscii = bytes.findIndex(byte => byte >= 0x80);
	const sample = bytes.subarray(firstNonAscii, firstNonAscii + sampleBytes);
	for (const label of unique(['utf-8', ...declared])) {
		const lossy = decodeLossy(sample, label, true);
		if (lossy && isMostlyClean(lossy)) return {text: decodeLossy(bytes, label)!, encoding: label};
	}

	return legacyArabic(bytes, sample);
}

/**
 * windows-1256 or ISO-8859-6, for bytes that no label fits. Both code pages put the letters from
 * hamza to dad (ء–ض) at the same bytes, alef at 0xC7 among them, and part beyond: lam is 0xE4 in
 * ISO-8859-6 and 0xE1 in windows-1256, so read one as the other and ال becomes ان or اف, ي
 * becomes ê or a kasratan. The sample is read both ways and the reading whose letters an Arabic
 * text is likelier to have wins. On a tie windows-1256, the common one, which maps every byte
 * and so never replaces anything: the readings tie when they are the same text (only ASCII and
 * ء–ض). Most headlines of five words read right, every text of a dozen words tried did
 * (test/sources/decode.test.ts); a word or two is a guess, the likelier letters winning.
 */
function legacyArabic(bytes: Uint8Array, sample: Uint8Array): Decoded {
	const iso = decodeLossy(sample, 'iso-8859-6')!;
	if (fitsIso88596(iso) && arabicLikelihood(iso) > arabicLikelihood(new TextDecoder('windows-1256').decode(sample))) {
		return {text: decodeLossy(bytes, 'iso-8859-6')!, encoding: 'iso-8859-6'};
	}

	return {text: new TextDecoder('windows-1256').decode(bytes), encoding: 'windows-1256'};
}

/**
 * ISO-8859-6 leaves 45 high bytes empty, among them windows-1256's ف ق ك غ ، and harakat, and
 * puts C1 controls at 0x80–0x9F, where UTF-8 has its continuation bytes. A stray byte (a ©
 * from a template) is replaced, as for the other labels; more, and the bytes are not ISO-8859-6.
 */
function fitsIso88596(text: string): boolean {
	let nonAscii = 0;
	let bad = 0;
	for (let index = 0; index < text.length; index++) {
		const code = text.charCodeAt(index);
		if (code < 0x80) continue;
		nonAscii++;
		if (code < 0xa0 || code === 0xfffd) bad++;
	}

	return bad <= nonAscii * tolerableErrorShare;
}

/**
 * Share of each letter among the letters of Arabic prose, in percent (rounded figures for news
 * text; only their order of magnitude matters here). ل is high because of the article ال.
 */
const letterShares: Record<string, number> = {
	ا: 12, ل: 11, ي: 7, م: 6, و: 6, ن: 6, ر: 4.5, ت: 4, ب: 4, ع: 3.5, ف: 3, د: 3, ه: 3, ة: 2.5, أ: 2.5, ق: 2.5,
	س: 2.5, ك: 2, ح: 2, ج: 1.5, إ: 1, ى: 1, ش: 1, ص: 1, ط: 1, خ: 0.8, ض: 0.6, ز: 0.5, ث: 0.5, ذ: 0.5, غ: 0.4,
	ئ: 0.4, ء: 0.3, ظ: 0.2, آ: 0.2, ؤ: 0.1, '\u064B': 0.3, ـ: 0.02,
};

/** log10 of a character's likelihood in Arabic text: a letter's share, smaller for the rest. */
const weights = new Map(Object.entries(letterShares).map(([letter, share]) => [letter, Math.log10(share / 100)]));
/** Harakat other than tanween fath: news text seldom writes them. */
const markWeight = Math.log10(0.0005);
const arabicPunctuationWeight = Math.log10(0.003);
/** A Latin-1 letter among Latin letters (a French word in windows-1256) is possible. */
const latinWeight = Math.log10(0.001);
/** Symbols (× ÷ ¬ ¤), U+FFFD, and letters of the two scripts in one word, which no text has. */
const unlikelyWeight = -6;
/** ال is far commoner than its two letters apart: the bigram that alone tells the two apart. */
const articleBonus = Math.log10(0.3 / 0.11);

/**
 * How likely the text is as Arabic, as a sum of log10 likelihoods of its non-ASCII characters
 * (ASCII reads the same in both code pages, so it is skipped).
 */
function arabicLikelihood(text: string): number {
	let score = 0;
	for (let index = 0; index < text.length; index++) {
		const code = text.charCodeAt(index);
		if (code < 0x80) continue;
		const char = text[index]!;
		const mixed = isAsciiLetter(text.charCodeAt(index - 1)) || isAsciiLetter(text.charCodeAt(index + 1));
		if (code >= 0x0621 && code <= 0x0652) {
			score += mixed ? unlikelyWeight : weights.get(char) ?? markWeight;
			if (char === 'ل' && text[index - 1] === 'ا') score += articleBonus;
		} else if (code === 0x060c || code === 0x061b || code === 0x061f) {
			score += arabicPunctuationWeight;
		} else if (code >= 0xc0 && code <= 0xff && code !== 0xd7 && code !== 0xf7) {
			const arabicBeside = isArabicLetter(text.charCodeAt(index - 1)) || isArabicLetter(text.charCodeAt(index + 1));
			score += arabicBeside ? unlikelyWeight : latinWeight;
		} else {
			score += unlikelyWeight;
		}
	}

	return score;
}

function isAsciiLetter(code: number): boolean {
	return (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a);
}

function isArabicLetter(code: number): boolean {
	return code >= 0x0621 && code <= 0x064a;
}

/** The WHATWG name for a label, or undefined when TextDecoder does not know it. */
export function normalizeEncodingLabel(label: string | undefined): string | undefined {
	if (!label) return undefined;
	const cleaned = label.trim().replace(/^["']|["']$/g, '');
	if (cleaned === '') return undefined;
	try {
		return new TextDecoder(cleaned).encoding;
	} catch (error) {
		if (error instanceof RangeError) return undefined;
		throw error;
	}
}

export function charsetFromContentType(contentType: string | undefined): string | undefined {
	const match = contentType && /;\s*charset\s*=\s*"?([^";\s]+)/i.exec(contentType);
	return match ? normalizeEncodingLabel(match[1]) : undefined;
}

/**
 * The encoding the document declares about itself: an XML declaration at the start, or a
 * `<meta charset>` / `<meta http-equiv="content-type" content="...; charset=...">` near it.
 */
export function documentCharset(bytes: Uint8Array): string | undefined {
	// latin1 maps byte n to U+00nn, so the ASCII of the declaration reads the same whatever the
	// real encoding is.
	const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, sniffBytes))
		.toString('latin1');

	const xml = /^\s*<\?xml\s[^>]*?encoding\s*=\s*["']\s*([^"'\s]+)/i.exec(head);
	const label = xml?.[1] ?? metaCharset(head);
	const encoding = normalizeEncodingLabel(label);

	// A document that could be read as ASCII to find its label is not UTF-16, whatever it says
	// (the HTML standard makes the same correction).
	return encoding?.startsWith('utf-16') ? 'utf-8' : encoding;
}

function metaCharset(head: string): string | undefined {
	const withoutComments = head.replace(/<!--[\s\S]*?(?:-->|$)/g, '');
	for (const [tag] of withoutComments.matchAll(/<meta\b[^>]*>/gi)) {
		const match = /charset\s*=\s*["']?\s*([^"'\s;>/]+)/i.exec(tag);
		if (match) return match[1];
	}

	return undefined;
}

function bomEncoding(bytes: Uint8Array): string | undefined {
	if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8';
	if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
	if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
	return undefined;
}

function decodeStrict(bytes: Uint8Array, encoding: string): string | undefined {
	try {
		return new TextDecoder(encoding, {fatal: true}).decode(bytes);
	} catch {
		return undefined;
	}
}

function decodeLossy(bytes: Uint8Array, encoding: string, sample = false): string | undefined {
	try {
		// For a sample, `stream` holds back a sequence cut at its end instead of replacing it.
		return new TextDecoder(encoding).decode(bytes, {stream: sample});
	} catch {
		return undefined;
	}
}

function isMostlyClean(text: string): boolean {
	let nonAscii = 0;
	let replaced = 0;
	for (let index = 0; index < text.length; index++) {
		const code = text.charCodeAt(index);
		if (code === 0xfffd) replaced++;
		else if (code >= 0x80) nonAscii++;
	}

	return nonAscii > 0 && replaced <= nonAscii * tolerableErrorShare;
}

function arabicLetters(text: string): number {
	let count = 0;
	for (let index = 0; index < Math.min(text.length, sampleBytes); index++) {
		const code = text.charCodeAt(index);
		if (code >= 0x0621 && code <= 0x064a) count++;
	}

	return count;
}

function unique(labels: Array<string | undefined>): string[] {
	return [...new Set(labels.filter((label): label is string => label !== undefined))];
}
