import {readFileSync} from 'node:fs';
import {describe, expect, it} from 'vitest';
import {charsetFromContentType, decodeBytes, documentCharset, normalizeEncodingLabel} from '../../source/sources/decode.js';
import * as texts from '../fixtures/encodings/texts.js';

const fixture = (name: string) => new Uint8Array(readFileSync(new URL(`../fixtures/encodings/${name}`, import.meta.url)));
const utf8 = (text: string) => new TextEncoder().encode(text);

describe('decodeBytes', () => {
	it('decodes UTF-8 with no declaration', () => {
		expect(decodeBytes(utf8('خبر عاجل'))).toEqual({text: 'خبر عاجل', encoding: 'utf-8'});
	});

	it('reads windows-1256 declared by <meta charset> although the header says utf-8', () => {
		const decoded = decodeBytes(fixture('windows-1256-meta.html'), 'text/html; charset=utf-8');
		expect(decoded).toEqual({text: texts.windows1256Page, encoding: 'windows-1256'});
	});

	it('reads ISO-8859-6 declared by the XML declaration', () => {
		const decoded = decodeBytes(fixture('iso-8859-6-declared.xml'), 'application/rss+xml');
		expect(decoded).toEqual({text: texts.iso88596Feed, encoding: 'iso-8859-6'});
	});

	it('tries windows-1256 for invalid UTF-8 with no declaration, before replacing anything', () => {
		const decoded = decodeBytes(fixture('windows-1256-undeclared.txt'));
		expect(decoded).toEqual({text: texts.windows1256Dump, encoding: 'windows-1256'});
		expect(decoded.text).not.toContain('\uFFFD');
	});

	it('lets a UTF-8 BOM override a wrong header, and drops the BOM', () => {
		const decoded = decodeBytes(fixture('utf-8-bom.html'), 'text/html; charset=windows-1256');
		expect(decoded).toEqual({text: texts.utf8BomPage, encoding: 'utf-8'});
	});

	it('reads UTF-16 little- and big-endian by their BOM', () => {
		expect(decodeBytes(fixture('utf-16le-bom.xml'), 'text/xml; charset=utf-8'))
			.toEqual({text: texts.utf16Feed, encoding: 'utf-16le'});
		expect(decodeBytes(fixture('utf-16be-bom.xml')))
			.toEqual({text: texts.utf16Feed, encoding: 'utf-16be'});
	});

	it('prefers valid UTF-8 over a legacy declaration the bytes do not match', () => {
		const bytes = utf8('<html><head><meta charset="windows-1256"></head><body>سلام</body></html>');
		expect(decodeBytes(bytes, 'text/html; charset=iso-8859-6').encoding).toBe('utf-8');
	});

	it('follows the header when the document declares nothing', () => {
		const bytes = fixture('windows-1256-undeclared.txt');
		expect(decodeBytes(bytes, 'text/plain; charset=cp1256').encoding).toBe('windows-1256');
	});

	it('between two labels that both decode cleanly, picks the one that yields Arabic', () => {
		// A common server default (ISO-8859-1, read as windows-1252) against the page's own label.
		const decoded = decodeBytes(fixture('windows-1256-meta.html'), 'text/html; charset=ISO-8859-1');
		expect(decoded.encoding).toBe('windows-1256');
		expect(decoded.text).toBe(texts.windows1256Page);
	});

	it('falls back to windows-1256 when the declared ISO-8859-6 does not fit the bytes', () => {
		const bytes = fixture('windows-1256-undeclared.txt');
		const decoded = decodeBytes(bytes, 'text/plain; charset=iso-8859-6');
		expect(decoded).toEqual({text: texts.windows1256Dump, encoding: 'windows-1256'});
	});

	it('repairs a few bad bytes in UTF-8 text with U+FFFD rather than misreading all of it', () => {
		const bytes = Uint8Array.from([...utf8('أخبار اليوم والأمس '), 0xff, ...utf8(' وغداً')]);
		expect(decodeBytes(bytes, 'text/plain; charset=utf-8'))
			.toEqual({text: 'أخبار اليوم والأمس \uFFFD وغداً', encoding: 'utf-8'});
	});

	it('judges a damaged UTF-8 page by its text, not by a long ASCII head', () => {
		const head = `<html><head><script>${'var x = 1;\n'.repeat(10_000)}</script></head><body>`;
		const bytes = Uint8Array.from([...utf8(head + 'أخبار اليوم والأمس '), 0xc3, ...utf8(' وغداً</body></html>')]);
		const decoded = decodeBytes(bytes);
		expect(decoded.encoding).toBe('utf-8');
		expect(decoded.text.endsWith('أخبار اليوم والأمس \uFFFD وغداً</body></html>')).toBe(true);
	});

	it('replaces a sequence cut off at the very end', () => {
		const bytes = utf8('خبر عاجل');
		expect(decodeBytes(bytes.subarray(0, bytes.length - 1), 'text/plain; charset=utf-8'))
			.toEqual({text: 'خبر عاج\uFFFD', encoding: 'utf-8'});
	});

	it('reports the declared name for plain ASCII', () => {
		expect(decodeBytes(utf8('<?xml version="1.0" encoding="windows-1256"?><rss/>')).encoding)
			.toBe('windows-1256');
		expect(decodeBytes(utf8('plain'), 'text/plain; charset=us-ascii').encoding).toBe('windows-1252');
	});

	it('ignores unknown labels', () => {
		expect(decodeBytes(utf8('نص'), 'text/plain; charset=klingon')).toEqual({text: 'نص', encoding: 'utf-8'});
	});
});

describe('encoding labels', () => {
	it('maps the usual Arabic aliases through the WHATWG table', () => {
		expect(normalizeEncodingLabel('cp1256')).toBe('windows-1256');
		expect(normalizeEncodingLabel('Arabic')).toBe('iso-8859-6');
		expect(normalizeEncodingLabel('iso-8859-6-i')).toBe('iso-8859-6');
		expect(normalizeEncodingLabel(' "UTF8" ')).toBe('utf-8');
		expect(normalizeEncodingLabel('x-no-such-thing')).toBeUndefined();
		expect(normalizeEncodingLabel('replacement')).toBeUndefined();
	});

	it('reads the charset parameter of a Content-Type header', () => {
		expect(charsetFromContentType('text/html; charset="windows-1256"')).toBe('windows-1256');
		expect(charsetFromContentType('text/html;Charset=UTF-8')).toBe('utf-8');
		expect(charsetFromContentType('text/html')).toBeUndefined();
		expect(charsetFromContentType(undefined)).toBeUndefined();
	});

	it('finds the document declaration in XML and in both <meta> forms', () => {
		const ascii = (text: string) => utf8(text);
		expect(documentCharset(ascii('<?xml version="1.0" encoding=\'cp1256\'?>'))).toBe('windows-1256');
		expect(documentCharset(ascii('<html><head><meta charset=iso-8859-6>'))).toBe('iso-8859-6');
		expect(documentCharset(ascii('<meta http-equiv="Content-Type" content="text/html; charset=windows-1256">')))
			.toBe('windows-1256');
		expect(documentCharset(ascii('<!-- <meta charset="iso-8859-6"> --><meta charset="utf-8">'))).toBe('utf-8');
		expect(documentCharset(ascii('<p>charset=iso-8859-6</p>'))).toBeUndefined();
	});

	it('treats a document that calls itself UTF-16 but was read as ASCII as UTF-8', () => {
		expect(documentCharset(utf8('<meta charset="utf-16">'))).toBe('utf-8');
	});
});
