/**
 * Failures of the network said in Arabic: every kind a fetch can fail with has its sentence,
 * which keeps the few Latin tokens a reader needs (a host, an HTTP status, TLS) and none of
 * the library's English.
 */
import {describe, expect, it} from 'vitest';
import type {Failure} from '../../source/model.js';
import {strings} from '../../source/ui/strings.js';

const every: Failure[] = [
	{kind: 'refused'},
	{kind: 'host-not-found', host: 'news.example'},
	{kind: 'no-network', host: 'news.example'},
	{kind: 'closed'},
	{kind: 'unreachable'},
	{kind: 'connect-timeout', seconds: 10},
	{kind: 'timeout', seconds: 20},
	{kind: 'stalled'},
	{kind: 'tls', problem: 'expired', host: 'news.example'},
	{kind: 'tls', problem: 'wrong-host', host: 'news.example'},
	{kind: 'tls', problem: 'untrusted', host: 'news.example'},
	{kind: 'tls', problem: 'other', host: 'news.example'},
	{kind: 'http', status: 404},
	{kind: 'http', status: 500},
	{kind: 'http', status: 418},
	{kind: 'redirect'},
	{kind: 'port', port: '25'},
	{kind: 'damaged'},
	{kind: 'too-large', limit: '10 MB'},
	{kind: 'offline'},
	{kind: 'cancelled'},
	{kind: 'network', detail: 'other side closed'},
];

describe('failureText', () => {
	it.each(every.map(failure => [JSON.stringify(failure), failure] as const))('says %s in Arabic', (_, failure) => {
		// Without the isolates that keep its Latin tokens in order (tested in bidi-strings.test.ts).
		const text = strings.failureText(failure).replaceAll(/[\u2066-\u2069]/g, '');
		expect(text).toMatch(/^[\u0600-\u06FF]/u);
		// Latin only for names and codes: the host, HTTP and its status, TLS, a size, the flag.
		const latin = text.replaceAll(/news\.example|HTTP \d+|TLS|\d+ MB|--offline|\(other side closed\)/g, '');
		expect(latin).not.toMatch(/[A-Za-z]/);
	});

	it('gives each kind its own sentence', () => {
		const texts = every.map(failure => strings.failureText(failure));
		expect(new Set(texts).size).toBe(texts.length);
	});

	it('names the common HTTP statuses and keeps the number', () => {
		expect(strings.failureText({kind: 'http', status: 404})).toBe('الصفحة غير موجودة (\u2066HTTP 404\u2069)');
		expect(strings.failureText({kind: 'http', status: 503})).toBe('خطأ في الخادم (\u2066HTTP 503\u2069)');
		expect(strings.failureText({kind: 'timeout', seconds: 20})).toBe('لم يكتمل الرد في 20 ثانية');
		expect(strings.failureText({kind: 'connect-timeout', seconds: 10})).toBe('تعذّر الاتصال في 10 ثوانٍ');
	});

	it('counts failed sources with the noun their number takes', () => {
		expect(strings.sourcesFailed('2', 3, '3')).toMatch(/^تعذّر تحميل 2 من 3 مصادر/);
		expect(strings.sourcesFailed('12', 14, '14')).toMatch(/^تعذّر تحميل 12 من 14 مصدرًا/);
	});
});
