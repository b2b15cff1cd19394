/**
 * Bytes → text. Arabic sites still serve windows-1256 and ISO-8859-6, often with a header that
 * says something else, so the declarations are treated as hints and the bytes have the last word:
 * a BOM wins; otherwise the encoding under which the bytes decode cleanly; windows-1256 before
 * any replacement character.
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

	// windows-1256 maps every byte, so this never replaces anything.
	return {text: new TextDecoder('windows-1256').decode(bytes), encoding: 'windows-1256'};
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
