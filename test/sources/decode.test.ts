import {readFileSync} from 'node:fs';
import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import {charsetFromContentType, decodeBytes, documentCharset, normalizeEncodingLabel} from '../../source/sources/decode.js';
import {singleByteEncoder} from '../fixtures/encodings/encoder.js';
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

// Issue 10: the two Arabic code pages told apart by their bytes when nothing declares either.
// The texts are written for these tests.
describe('an undeclared page in ISO-8859-6 or windows-1256', () => {
	const iso = singleByteEncoder('iso-8859-6');
	const windows = singleByteEncoder('windows-1256');
	const page = `<!doctype html>
<html lang="ar" dir="rtl">
<head>
<title>مهرجان الكتاب في الساحة القديمة</title>
</head>
<body>
<h1>مهرجان الكتاب في الساحة القديمة</h1>
<p>يفتتح مساء الخميس مهرجان الكتاب السنوي في الساحة القديمة، ويشارك فيه ناشرون من المدن الساحلية والجبلية؛ فهل يعود القراء إلى الورق؟</p>
<p>وقال المنظمون إن الدخول مجاني للطلاب والمعلمين طوال أيام المهرجان.</p>
</body>
</html>
`;

	it.each([undefined, 'text/html'])('reads ISO-8859-6 as ISO-8859-6 (header %s)', header => {
		expect(decodeBytes(iso(page), header)).toEqual({text: page, encoding: 'iso-8859-6'});
	});

	it.each([undefined, 'text/html'])('still reads windows-1256 as windows-1256 (header %s)', header => {
		expect(decodeBytes(windows(page), header)).toEqual({text: page, encoding: 'windows-1256'});
	});

	it('tells them apart by ال alone: alef is 0xC7 in both, lam 0xE4 in one and 0xE1 in the other', () => {
		expect(iso('ال')).toEqual(Uint8Array.of(0xc7, 0xe4));
		expect(windows('ال')).toEqual(Uint8Array.of(0xc7, 0xe1));
		expect(decodeBytes(iso('ال'))).toEqual({text: 'ال', encoding: 'iso-8859-6'});
		expect(decodeBytes(windows('ال'))).toEqual({text: 'ال', encoding: 'windows-1256'});
	});

	it.each([
		'أمطار غزيرة على الساحل',
		'هل يعود القراء إلى الورق؟',
		'لجنة جديدة لمتابعة الأسعار',
		'وصول أول قطار إلى المحطة',
		'الفريق يفوز بالمباراة الأولى',
	])('reads a headline-length text right either way: %s', text => {
		expect(decodeBytes(iso(text))).toEqual({text, encoding: 'iso-8859-6'});
		expect(decodeBytes(windows(text))).toEqual({text, encoding: 'windows-1256'});
	});

	it('reads a page with a single Arabic word among its ASCII either way', () => {
		const ascii = `<html><head><title>Contact</title></head><body><p>info@example.org</p><p>${'x'.repeat(2000)}</p><p>السلام</p></body></html>`;
		expect(decodeBytes(iso(ascii)).text).toBe(ascii);
		expect(decodeBytes(windows(ascii)).text).toBe(ascii);
	});

	it('says windows-1256 when both readings are the same text (letters from ء to ض only)', () => {
		// حب, صبر and جذر use bytes the two code pages share: either name is right, the common one is given.
		expect(decodeBytes(iso('حب صبر جذر'))).toEqual({text: 'حب صبر جذر', encoding: 'windows-1256'});
	});

	it('keeps a Latin text in windows-1256 that ISO-8859-6 could read as Arabic letters', () => {
		// é è ç à are bytes where ISO-8859-6 has ى و ه ـ: no word mixes the two scripts.
		const french = 'Un été à Beyrouth: café, crème et pâtisserie';
		expect(decodeBytes(windows(french))).toEqual({text: french, encoding: 'windows-1256'});
	});

	it('reads an ISO-8859-6 page with one stray byte it lacks (a © from a template) as ISO-8859-6', () => {
		const bytes = Uint8Array.from([...iso(page), 0xa9, ...iso(' 2026\n')]);
		expect(decodeBytes(bytes)).toEqual({text: `${page}\uFFFD 2026\n`, encoding: 'iso-8859-6'});
	});

	it('reads UTF-8 damaged beyond repair as windows-1256, as before, not as ISO-8859-6 full of U+FFFD', () => {
		// UTF-8's continuation bytes are C1 controls or empty slots in ISO-8859-6.
		const bytes = Uint8Array.from(['أخبار', 'اليوم', 'والأمس', 'وغداً'].flatMap(word => [...utf8(word), 0xff, 0x20]));
		const decoded = decodeBytes(bytes);
		expect(decoded.encoding).toBe('windows-1256');
		expect(decoded.text).not.toContain('\uFFFD');
	});

	it('lets a declaration win as before: a BOM, then a label the bytes decode cleanly under', () => {
		// windows-1256 decodes any byte, so a page that says windows-1256 is read so, even when
		// its bytes are ISO-8859-6: the declaration is the page's word about itself.
		const declared = page.replace('<head>', '<head>\n<meta charset="windows-1256">');
		expect(decodeBytes(iso(declared)).encoding).toBe('windows-1256');
		expect(decodeBytes(iso(page), 'text/html; charset=windows-1256').encoding).toBe('windows-1256');
		expect(decodeBytes(iso(page), 'text/html; charset=iso-8859-6')).toEqual({text: page, encoding: 'iso-8859-6'});
		expect(decodeBytes(windows(page), 'text/html; charset=windows-1256')).toEqual({text: page, encoding: 'windows-1256'});
		const bom = Uint8Array.from([0xef, 0xbb, 0xbf, ...utf8(page)]);
		expect(decodeBytes(bom, 'text/html; charset=iso-8859-6')).toEqual({text: page, encoding: 'utf-8'});
	});

	// Words written for this test, in both code pages' repertoire (no ڤ, no پ): any text of a dozen
	// of them reads right either way.
	const words = [
		'المدينة', 'الشارع', 'البحر', 'النهر', 'السوق', 'الطلاب', 'المدرسة', 'الحديقة', 'قال', 'قالت', 'ذهب', 'وصل',
		'بدأ', 'يوم', 'صباح', 'مساء', 'بيت', 'كتاب', 'شجرة', 'ماء', 'ضوء', 'طريق', 'جديد', 'قديم', 'كبير', 'صغير',
		'في', 'من', 'على', 'إلى', 'مع', 'عند', 'أن', 'و', 'ثم', 'لكن', 'هذا', 'هذه', 'نعم', 'لا', 'ربما', 'ظل',
		'عن', 'هو', 'هي', 'سيارة', 'حافلة', 'خبز', 'جبل', 'شمس', 'صوت', 'حب', 'مساءً', 'غداً', 'لماذا؟', 'أيضاً،',
	];

	it('reads any text of a dozen words or more right in either code page', () => {
		const text = fc.array(fc.constantFrom(...words), {minLength: 12, maxLength: 60}).map(chosen => chosen.join(' '));
		fc.assert(fc.property(text, fc.boolean(), (arabic, html) => {
			const body = html ? `<html><body><p>${arabic}</p></body></html>` : arabic;
			expect(decodeBytes(iso(body))).toEqual({text: body, encoding: 'iso-8859-6'});
			expect(decodeBytes(windows(body))).toEqual({text: body, encoding: 'windows-1256'});
		}), {numRuns: 300});
	});
});
