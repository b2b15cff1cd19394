/**
 * A URL as a reader should see it: the IRI form browsers show (RFC 3987 §3.2). UTF-8 that was
 * percent-encoded is shown as its letters (an Arabic path reads as Arabic), and a punycode host
 * in its own script. Whatever could hide or disguise part of a link stays encoded: controls,
 * spaces, bidi controls and every other invisible or unassigned character, invalid UTF-8, and
 * every ASCII escape (a decoded `%2F` or `%3F` would change what the link seems to say). The
 * user name and password, if any, are left as they are, and a host that mixes scripts (a Cyrillic
 * а among Latin letters) stays in punycode, as browsers keep it.
 *
 * For display only: what is copied and opened is always the exact URL. Re-parsing what this
 * returns gives that URL again (up to the case of hex digits in escapes).
 */
import {domainToASCII, domainToUnicode} from 'node:url';

/**
 * Characters never shown decoded: controls (Cc), format characters (Cf: the bidi controls,
 * zero-width ones, the BOM, the soft hyphen), separators and spaces (Z), private use (Co),
 * unassigned code points and noncharacters (Cn), the rest of what is ignorable by default
 * (variation selectors, Hangul fillers) and U+FFFD, which says something failed to decode.
 */
const hidden = /[\p{Cc}\p{Cf}\p{Z}\p{Co}\p{Cn}\p{Default_Ignorable_Code_Point}\uFFFD]/u;

/** Whether a code point may be shown as itself in a link. */
export function showable(codePoint: number): boolean {
	return codePoint > 0x7f && !hidden.test(String.fromCodePoint(codePoint));
}

function hexValue(text: string, at: number): number {
	if (text[at] !== '%' || at + 3 > text.length) return -1;
	const hex = text.slice(at + 1, at + 3);
	return /^[\da-f]{2}$/i.test(hex) ? Number.parseInt(hex, 16) : -1;
}

/** The code point a UTF-8 sequence of escapes starting at `at` spells, and how long it is; else undefined. */
function escapedCharacter(text: string, at: number): {codePoint: number; length: number} | undefined {
	const lead = hexValue(text, at);
	let count: number;
	let codePoint: number;
	if (lead >= 0xc2 && lead <= 0xdf) {
		count = 2;
		codePoint = lead & 0x1f;
	} else if (lead >= 0xe0 && lead <= 0xef) {
		count = 3;
		codePoint = lead & 0x0f;
	} else if (lead >= 0xf0 && lead <= 0xf4) {
		count = 4;
		codePoint = lead & 0x07;
	} else {
		return undefined;
	}

	for (let index = 1; index < count; index++) {
		const next = hexValue(text, at + index * 3);
		if (next < 0x80 || next > 0xbf) return undefined;
		codePoint = (codePoint << 6) | (next & 0x3f);
	}

	// Overlong forms, surrogates and values past Unicode are not UTF-8.
	const least = [0, 0, 0x80, 0x800, 0x1_00_00][count]!;
	if (codePoint < least || codePoint > 0x10_ff_ff || (codePoint >= 0xd8_00 && codePoint <= 0xdf_ff)) return undefined;
	return {codePoint, length: count * 3};
}

/** Percent-encoded UTF-8 in `text` decoded where the character may be shown; everything else as it was. */
export function decodeShowable(text: string): string {
	if (!text.includes('%')) return text;
	let out = '';
	let index = 0;
	while (index < text.length) {
		const percent = text.indexOf('%', index);
		if (percent < 0) {
			out += text.slice(index);
			break;
		}

		out += text.slice(index, percent);
		const found = escapedCharacter(text, percent);
		if (found && showable(found.codePoint)) {
			out += String.fromCodePoint(found.codePoint);
			index = percent + found.length;
		} else {
			// One escape (or a stray %) kept as written; what follows is looked at afresh.
			const length = hexValue(text, percent) >= 0 ? 3 : 1;
			out += text.slice(percent, percent + length);
			index = percent + length;
		}
	}

	return out;
}

const scripts = ['Latin', 'Arabic', 'Cyrillic', 'Greek', 'Hebrew', 'Armenian', 'Georgian', 'Han', 'Hiragana', 'Katakana', 'Hangul', 'Thai', 'Devanagari', 'Bengali', 'Tamil', 'Ethiopic', 'Thaana', 'Syriac'].map(name => ({
	name,
	pattern: new RegExp(`^\\p{Script=${name}}$`, 'u'),
}));

/** Scripts that are written together in one word. */
const writtenTogether = [new Set(['Han', 'Hiragana', 'Katakana', 'Latin']), new Set(['Han', 'Hangul', 'Latin'])];

/** Whether a host label's letters are of one script (or of scripts one language writes together). */
function singleScript(label: string): boolean {
	const found = new Set<string>();
	for (const char of label) {
		if (!/\p{L}/u.test(char)) continue;
		found.add(scripts.find(script => script.pattern.test(char))?.name ?? `other:${char}`);
	}

	if (found.size <= 1) return true;
	return writtenTogether.some(group => [...found].every(name => group.has(name)));
}

/** A punycode host in its own script, when that is safe to show; else the host as it is. */
export function readableHost(hostname: string): string {
	if (!/(?:^|\.)xn--/i.test(hostname)) return hostname;
	const unicode = domainToUnicode(hostname);
	if (!unicode || domainToASCII(unicode) !== hostname.toLowerCase()) return hostname;
	for (const char of unicode) {
		const code = char.codePointAt(0)!;
		if (code > 0x7f && !showable(code)) return hostname;
	}

	return unicode.split('.').every(label => singleScript(label)) ? unicode : hostname;
}

/**
 * An absolute URL → how it reads (see above). Anything the URL parser refuses comes back as
 * it was given: callers pass URLs that `safeUrl` has already normalized.
 */
export function readableUrl(href: string): string {
	if (!URL.canParse(href)) return href;
	const url = new URL(href);
	const rest = url.pathname + url.search + url.hash;
	const text = url.href;
	if (!text.endsWith(rest)) return text;
	const head = text.slice(0, text.length - rest.length);
	// The head is scheme://[user[:password]@]host[:port]; only the host is rewritten.
	const hostAt = head.lastIndexOf(url.host);
	if (hostAt < 0 || url.hostname === '') return head + decodeShowable(rest);
	const host = readableHost(url.hostname) + (url.port ? `:${url.port}` : '');
	return head.slice(0, hostAt) + host + head.slice(hostAt + url.host.length) + decodeShowable(rest);
}
