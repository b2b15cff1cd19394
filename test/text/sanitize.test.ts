import fc from 'fast-check';
import {describe, expect, test} from 'vitest';
import {decodeUtf8, hasInvisible, sanitize, sanitizeLine, stripInvisible} from '../../source/text/sanitize.js';

const ESC = '\u001B';
const BEL = '\u0007';
const ST = `${ESC}\\`;

/** What must never survive sanitize: C0 but newline, DEL, C1, BOM, lone surrogates. */
const unsafe = /[\0-\t\v-\x1f\x7f-\x9f\ufeff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

const bytes = (...values: Array<number | string>) => new Uint8Array(values.flatMap(value =>
	typeof value === 'number' ? [value] : [...Buffer.from(value, 'utf8')]));

describe('sanitize: escape sequences', () => {
	test('clean text comes back unchanged, the very same string', () => {
		const text = 'قالت الوزارة إن الطريق سيفتح غداً.\nThe road opens tomorrow — ﻻ 👍🏽';
		expect(sanitize(text)).toBe(text);
	});

	test('CSI sequences go, 7-bit and 8-bit, with parameters and intermediates', () => {
		expect(sanitize(`${ESC}[31mعاجل${ESC}[0m`)).toBe('عاجل');
		expect(sanitize(`a${ESC}[2J${ESC}[H${ESC}[?1049hb`)).toBe('ab');
		expect(sanitize(`a${ESC}[1;31;48;5;200mb`)).toBe('ab');
		expect(sanitize(`a${ESC}[ qb`)).toBe('ab'); // cursor style: an intermediate byte
		expect(sanitize('a\u009B31mb\u009B2Jc')).toBe('abc');
	});

	test('OSC strings go whole, ended by BEL or ST: title, hyperlink, clipboard', () => {
		expect(sanitize(`a${ESC}]0;pwned${BEL}b`)).toBe('ab');
		expect(sanitize(`a${ESC}]2;pwned${ST}b`)).toBe('ab');
		expect(sanitize(`${ESC}]8;;https://evil.example${ST}انقر هنا${ESC}]8;;${ST}`)).toBe('انقر هنا');
		expect(sanitize(`x${ESC}]52;c;cm0gLXJmIH4=${BEL}y`)).toBe('xy');
		expect(sanitize('a\u009D0;title\u009Cb')).toBe('ab');
		expect(sanitize(`a\u009D8;;u${BEL}b`)).toBe('ab');
	});

	test('DCS, APC, PM and SOS strings go whole, 7-bit and 8-bit', () => {
		expect(sanitize(`a${ESC}P1$r0m${ST}b`)).toBe('ab');
		expect(sanitize(`a${ESC}_Gf=100;AAAA${ST}b`)).toBe('ab');
		expect(sanitize(`a${ESC}^private${ST}b`)).toBe('ab');
		expect(sanitize(`a${ESC}Xstring${ST}b`)).toBe('ab');
		expect(sanitize('a\u0090q\u009Cb\u009Fapc\u009Cc\u009Epm\u009Cd\u0098sos\u009Ce')).toBe('abcde');
		expect(sanitize(`a${ESC}Ptmux;${ESC}${ESC}]0;x${BEL}${ST}b`)).toBe('ab');
	});

	test('an unterminated string is dropped to the end of its line, not the whole text', () => {
		expect(sanitize(`أول${ESC}]0;title without end\nثان`)).toBe('أول\nثان');
		expect(sanitize(`a${ESC}]52;c;AAAA`)).toBe('a');
		expect(sanitize(`a${ESC}Pdata\r\nb`)).toBe('a\nb');
		expect(sanitize('a\u009Dno end')).toBe('a');
		// CAN and SUB cancel a string, as in a terminal.
		expect(sanitize(`a${ESC}]0;t\u0018b`)).toBe('ab');
	});

	test('another ESC inside a string ends it and starts a sequence of its own', () => {
		expect(sanitize(`a${ESC}]0;t${ESC}[31mb`)).toBe('ab');
	});

	test('two-character and charset sequences go', () => {
		expect(sanitize(`a${ESC}cb`)).toBe('ab'); // full reset
		expect(sanitize(`a${ESC}7b${ESC}8c`)).toBe('abc');
		expect(sanitize(`a${ESC}(Bb${ESC}(0c${ESC}#8d${ESC}%Ge`)).toBe('abcde');
		expect(sanitize(`a${ESC}=b${ESC}>c${ESC}Md`)).toBe('abcd');
		expect(sanitize(`a${ST}b`)).toBe('ab'); // a stray string terminator
	});

	test('ESC at the end, before ESC, before a control or another script goes alone', () => {
		expect(sanitize(`a${ESC}`)).toBe('a');
		expect(sanitize(`a${ESC}(`)).toBe('a');
		expect(sanitize(`${ESC}${ESC}[31mb`)).toBe('b');
		expect(sanitize(`${ESC}${ESC}${ESC}`)).toBe('');
		expect(sanitize(`a${ESC}ب`)).toBe('aب');
		expect(sanitize(`a${ESC}\n[31m`)).toBe('a\n[31m');
	});

	test('a malformed CSI loses its introducer and parameters; the rest is harmless text', () => {
		expect(sanitize(`a${ESC}[31عربي`)).toBe('aعربي');
		expect(sanitize(`a${ESC}[3\u00001m`)).toBe('a1m');
	});

	test('removing a control never joins ESC and what followed it into a new sequence', () => {
		expect(sanitize(`${ESC}\u0000[31mx`)).toBe('[31mx');
		expect(sanitize(`${ESC}\u0085[31mx`)).toBe('[31mx');
		expect(sanitize(`${ESC}\u007F[2Jx`)).toBe('[2Jx');
		expect(sanitize(`${ESC}\ufeff]0;t${BEL}x`)).toBe(']0;tx');
		expect(sanitize(`${ESC}\ud800[31mx`)).toBe('[31mx');
	});
});

describe('sanitize: control and special characters', () => {
	test('C0 controls but newline go, and DEL, and C1', () => {
		expect(sanitize('a\u0000b\u0007c\u0008d\u000Be\u000Cf\u001Fg\u007Fh')).toBe('abcdefgh');
		expect(sanitize('a\u0080b\u0085c\u008Dd\u009Ce')).toBe('abcde');
	});

	test('CR LF and lone CR become LF; U+2028 and U+2029 too', () => {
		expect(sanitize('a\r\nb\rc\n\rd')).toBe('a\nb\nc\n\nd');
		expect(sanitize('a\u2028b\u2029c')).toBe('a\nb\nc');
	});

	test('tabs become spaces to the next stop, every 8 cells from the start of the line', () => {
		expect(sanitize('\tx')).toBe('        x');
		expect(sanitize('ab\tc')).toBe('ab      c');
		expect(sanitize('abcdefgh\tc')).toBe('abcdefgh        c');
		expect(sanitize('a\tb\tc')).toBe('a       b       c');
		expect(sanitize('x\nab\tc')).toBe('x\nab      c');
		// Harakat take no cell, a wide character two.
		expect(sanitize('بَ\tc')).toBe('بَ       c');
		expect(sanitize('日\tc')).toBe('日      c');
	});

	test('U+FEFF and lone surrogates go; pairs, U+FFFD, bidi marks, ZWJ and ZWNJ stay', () => {
		expect(sanitize('\ufeffa\ufeffb')).toBe('ab');
		expect(sanitize('a\ud800b\udc00c\udbff')).toBe('abc');
		expect(sanitize('\ud83d\udc4d\ufffd')).toBe('👍\ufffd');
		expect(sanitize('\u200fعربي\u200e \u202bx\u202c \u2067y\u2069 \u061c a\u200db\u200c')).toBe('\u200fعربي\u200e \u202bx\u202c \u2067y\u2069 \u061c a\u200db\u200c');
	});
});

describe('decodeUtf8', () => {
	test('decodes UTF-8 and drops a BOM', () => {
		expect(decodeUtf8(bytes(0xEF, 0xBB, 0xBF, 'أخبار'))).toBe('أخبار');
	});

	test('repairs invalid bytes to U+FFFD before anything is stripped', () => {
		// 0xFF between ESC and [ must not vanish and turn the two into a CSI.
		const text = decodeUtf8(bytes(0x1B, 0xFF, '[31mx'));
		expect(text).toBe('\u001B\ufffd[31mx');
		expect(sanitize(text)).toBe('\ufffd[31mx');
		// A truncated two-byte sequence before ESC, a lone continuation byte after it.
		expect(sanitize(decodeUtf8(bytes('a', 0xD8, 0x1B, 0x80, ']0;t', 0x07, 'b')))).toBe('a\ufffd\ufffd]0;tb');
		// C1 controls encoded as UTF-8 are still C1 controls.
		expect(sanitize(decodeUtf8(bytes('a', 0xC2, 0x9B, '2Jb')))).toBe('ab');
	});
});

describe('sanitizeLine', () => {
	test('one line, whitespace collapsed, trimmed', () => {
		expect(sanitizeLine('  عنوان\n  الخبر\t\tاليوم \r\n')).toBe('عنوان الخبر اليوم');
	});

	test('no bidi control of any kind survives, so nothing can reverse a title or a URL', () => {
		expect(sanitizeLine('https://bank.example/\u202Egpj.exe')).toBe('https://bank.example/gpj.exe');
		expect(sanitizeLine('\u202Aa\u202Bb\u202Cc\u202Dd\u2066e\u2067f\u2068g\u2069h\u200Ei\u200Fj\u061Ck')).toBe('abcdefghijk');
	});

	test('and everything sanitize removes', () => {
		expect(sanitizeLine(`a${ESC}]0;t${BEL}b\u009B1m`)).toBe('ab');
	});

	test('ZWJ and ZWNJ stay: shaping needs them', () => {
		expect(sanitizeLine('می\u200cخواهم')).toBe('می\u200cخواهم');
	});
});

describe('stripInvisible', () => {
	test('removes bidi format characters, U+FEFF and other standalone invisibles', () => {
		expect(stripInvisible('\u200fﻡﻼﺴﻟﺍ\u200e \u202bx\u202c\u2067y\u2069\u061c\ufeff')).toBe('ﻡﻼﺴﻟﺍ xy');
		expect(stripInvisible('a\u00adb\u200bc\u2060d\u2063e')).toBe('abcde');
		expect(stripInvisible('\u0600١٢')).toBe('١٢');
	});

	test('keeps ZWJ, ZWNJ and variation selectors inside a grapheme: emoji need them', () => {
		const text = 'a\u200db\u200cc 👨‍👩‍👧 ❤\ufe0f';
		expect(stripInvisible(text)).toBe(text);
	});

	test('removes ZWJ, ZWNJ and variation selectors where they would stand alone', () => {
		expect(stripInvisible('\u200d\ufe0fa')).toBe('a');
		expect(stripInvisible('a\n\u200cb')).toBe('a\nb');
		expect(stripInvisible('\u200f\u200da')).toBe('a');
	});

	test('leaves clean text unchanged', () => {
		const text = 'ﺃﺧﺒﺎﺭ ﺍﻟﻴﻮﻡ 2025';
		expect(stripInvisible(text)).toBe(text);
	});
});

describe('hasInvisible', () => {
	test('finds what stripInvisible would look at, astral characters included', () => {
		expect(hasInvisible('ﺃﺧﺒﺎﺭ ﺍﻟﻴﻮﻡ 2025 (ﻻ) 😀')).toBe(false);
		for (const text of ['a\u200fb', '\ufeff', 'x\u00ad', '\u0600١', 'a\u200db', '❤\ufe0f', '\u{E0001}', 'a\u{1D173}', '\u{E0020}']) {
			expect(hasInvisible(text)).toBe(true);
		}
	});

	test('text it calls clean, in any order that keeps surrogate pairs whole, stripInvisible leaves alone', () => {
		fc.assert(fc.property(fc.string({unit: 'grapheme-composite', maxLength: 30}), text => {
			if (!hasInvisible(text)) {
				const reversed = [...text].reverse().join('');
				expect(stripInvisible(text)).toBe(text);
				expect(stripInvisible(reversed)).toBe(reversed);
			}
		}), {numRuns: 3000});
	});

	test('agrees with stripInvisible on every BMP character between two letters', () => {
		for (let code = 0; code < 0x1_00_00; code++) {
			const text = `a${String.fromCharCode(code)}b`;
			if (stripInvisible(text) !== text) {
				expect(hasInvisible(text)).toBe(true);
			}
		}
	});
});

describe('sanitize: properties', () => {
	const hostile = fc.string({
		unit: fc.oneof(
			{weight: 3, arbitrary: fc.constantFrom(ESC, '[', ']', 'P', '_', '^', 'X', '\\', BEL, '\r', '\n', '\t', ';', '0', '1', 'm', '(', 'B', ' ')},
			{weight: 2, arbitrary: fc.integer({min: 0, max: 0xa0}).map(code => String.fromCharCode(code))},
			{weight: 1, arbitrary: fc.constantFrom('\ud800', '\udc00', '\ud83d\udc4d', '\ufeff', '\u2028', 'ب', '\u064e', '\u200f')},
			{weight: 1, arbitrary: fc.string({unit: 'binary', maxLength: 3})},
		),
		maxLength: 60,
	});

	test('output never contains ESC, C0 but newline, DEL, C1, BOM or a lone surrogate', () => {
		fc.assert(fc.property(hostile, text => {
			expect(sanitize(text)).not.toMatch(unsafe);
			expect(sanitizeLine(text)).not.toMatch(/[\n\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/);
		}), {numRuns: 5000});
	});

	test('is idempotent', () => {
		fc.assert(fc.property(hostile, text => {
			const once = sanitize(text);
			expect(sanitize(once)).toBe(once);
			const line = sanitizeLine(text);
			expect(sanitizeLine(line)).toBe(line);
		}), {numRuns: 5000});
	});

	test('decoded bytes of any kind come out safe', () => {
		fc.assert(fc.property(fc.uint8Array({maxLength: 60}), data => {
			expect(sanitize(decodeUtf8(data))).not.toMatch(unsafe);
		}), {numRuns: 3000});
	});

	test('never removes text that is not part of a sequence or a control', () => {
		const plain = fc.string({unit: fc.constantFrom('ب', 'ت', ' ', 'a', '\u064e', '\n', '👍', '.', '،')});
		fc.assert(fc.property(plain, plain, (before, after) => {
			expect(sanitize(`${before}${ESC}[0m${after}`)).toBe(before + after);
			expect(sanitize(`${before}${ESC}]8;;x${ST}${after}`)).toBe(before + after);
		}));
	});
});
