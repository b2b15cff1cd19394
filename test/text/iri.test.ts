import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import {decodeShowable, readableHost, readableUrl} from '../../source/text/iri.js';
import {safeUrl} from '../../source/ui/links.js';

/** What must never appear decoded in a link shown to the reader. */
const forbidden = /[\p{Cc}\p{Cf}\p{Z}\p{Co}\p{Cn}\p{Default_Ignorable_Code_Point}\uFFFD]/u;
const bidiControls = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/u;

/** Escapes written in upper case, as the URL parser writes the ones it makes. */
function upperEscapes(text: string): string {
	return text.replaceAll(/%[\da-f]{2}/gi, escape => escape.toUpperCase());
}

function percentEncode(bytes: Uint8Array): string {
	return [...bytes].map(byte => `%${byte.toString(16).padStart(2, '0')}`).join('');
}

describe('readableUrl', () => {
	it('shows an Arabic path, query and fragment as Arabic', () => {
		const url = safeUrl('https://news.example/ar/الاقتصاد/أسعار-النفط?q=برنت#الفقرة')!;
		expect(url).toContain('%D8%A7');
		expect(readableUrl(url)).toBe('https://news.example/ar/الاقتصاد/أسعار-النفط?q=برنت#الفقرة');
	});

	it('shows a punycode host in its script', () => {
		expect(readableUrl('https://xn--mgbh0fb.xn--kgbechtv/')).toBe('https://مثال.إختبار/');
		expect(readableUrl('https://xn--4gbrim.xn----ymcbaaajlc6dj7bxne2c.xn--wgbh1c/x')).toBe('https://موقع.وزارة-الاتصالات.مصر/x');
	});

	it('keeps a host that mixes scripts (a Cyrillic а among Latin letters) in punycode', () => {
		const spoof = new URL('https://аpple.com/').hostname;
		expect(spoof).toMatch(/^xn--/);
		expect(readableHost(spoof)).toBe(spoof);
		expect(readableUrl(`https://${spoof}/`)).toBe(`https://${spoof}/`);
	});

	it('keeps invalid punycode as written', () => {
		expect(readableHost('xn--zz.example')).toBe('xn--zz.example');
	});

	it('keeps bidi controls, other format characters, spaces and controls encoded', () => {
		// RLO, LRI, RLM, ALM, ZWSP, ZWJ, BOM, soft hyphen, no-break space, ideographic space, NEL, line separator.
		for (const char of ['\u202E', '\u2066', '\u200F', '\u061C', '\u200B', '\u200D', '\uFEFF', '\u00AD', '\u00A0', '\u3000', '\u0085', '\u2028']) {
			const encoded = percentEncode(new TextEncoder().encode(char));
			expect(readableUrl(`https://x.example/a${encoded}b`)).toBe(`https://x.example/a${encoded}b`);
		}

		expect(readableUrl('https://x.example/a%20b%09c%00')).toBe('https://x.example/a%20b%09c%00');
	});

	it('keeps every ASCII escape: an encoded slash, question mark, hash or percent would change what the link says', () => {
		expect(readableUrl('https://x.example/a%2Fb%3Fc%23d%25e%41')).toBe('https://x.example/a%2Fb%3Fc%23d%25e%41');
	});

	it('keeps invalid UTF-8, overlong forms and encoded surrogates encoded', () => {
		for (const bytes of ['%ff', '%d8', '%d8%41', '%c0%af', '%e0%80%af', '%ed%a0%80', '%f4%90%80%80', '%80']) {
			expect(readableUrl(`https://x.example/${bytes}`)).toBe(`https://x.example/${bytes}`);
		}

		// A valid character right after an invalid byte is still decoded.
		expect(readableUrl('https://x.example/%ff%D8%A7')).toBe('https://x.example/%ffا');
	});

	it('leaves the user name and password alone', () => {
		expect(readableUrl('https://%D8%A7:%D8%A8@x.example/%D8%A7')).toBe('https://%D8%A7:%D8%A8@x.example/ا');
	});

	it('keeps the port and an IPv6 host', () => {
		expect(readableUrl('https://[::1]:8443/%D8%A7')).toBe('https://[::1]:8443/ا');
		expect(readableUrl('http://xn--mgbh0fb.example:8080/')).toBe('http://مثال.example:8080/');
	});

	it('decodes a stray percent sign as nothing', () => {
		expect(decodeShowable('100%')).toBe('100%');
		expect(decodeShowable('%%D8%A7%')).toBe('%ا%');
	});
});

describe('readableUrl: properties', () => {
	const pieces = fc.string({unit: 'binary', maxLength: 40});
	const hosts = fc.constantFrom('news.example', 'xn--mgbh0fb.xn--kgbechtv', 'xn--pple-43d.com', 'xn--80ak6aa92e.com', '127.0.0.1', 'user:pw@x.example:81');

	it('never shows a control, bidi control, space or invisible character, and re-parses to the exact URL', () => {
		fc.assert(fc.property(hosts, pieces, pieces, pieces, (host, path, query, fragment) => {
			const url = safeUrl(`https://${host}/${encodeURIComponent(path)}?${encodeURIComponent(query)}#${encodeURIComponent(fragment)}`);
			if (url === undefined) return;
			const shown = readableUrl(url);
			expect(shown).not.toMatch(forbidden);
			expect(shown).not.toMatch(bidiControls);
			expect(upperEscapes(new URL(shown).href)).toBe(upperEscapes(url));
		}), {numRuns: 2000});
	});

	it('holds for arbitrary bytes percent-encoded, valid UTF-8 or not', () => {
		fc.assert(fc.property(fc.uint8Array({maxLength: 40}), fc.boolean(), (bytes, lower) => {
			const encoded = percentEncode(bytes);
			const url = safeUrl(`https://x.example/p/${lower ? encoded : encoded.toUpperCase()}`)!;
			const shown = readableUrl(url);
			expect(shown).not.toMatch(forbidden);
			expect(upperEscapes(new URL(shown).href)).toBe(upperEscapes(url));
		}), {numRuns: 2000});
	});

	it('decodes every character that may be shown: nothing showable is left encoded', () => {
		fc.assert(fc.property(fc.string({unit: 'binary', maxLength: 30}), text => {
			const shown = readableUrl(safeUrl(`https://x.example/${encodeURIComponent(text)}`)!);
			// What is still encoded decodes only to ASCII or to characters that must stay hidden.
			for (const run of shown.match(/(?:%[\dA-F]{2})+/g) ?? []) {
				for (const char of decodeURIComponent(run)) {
					expect(char.codePointAt(0)! < 0x80 || forbidden.test(char)).toBe(true);
				}
			}
		}), {numRuns: 2000});
	});
});
