import {describe, expect, it} from 'vitest';
import {planOpen, safeUrl} from '../../source/ui/links.js';

describe('safeUrl', () => {
	it('accepts http and https only, normalized', () => {
		expect(safeUrl('https://news.example/a b'.replace(' ', '%20'))).toBe('https://news.example/a%20b');
		expect(safeUrl('http://x.example')).toBe('http://x.example/');
		for (const bad of ['javascript:alert(1)', 'file:///etc/passwd', 'https://x.example/\u001B]52;c;x\u0007', 'https://a b', '', undefined, 'not a url']) {
			expect(safeUrl(bad)).toBeUndefined();
		}
	});
});

describe('planOpen', () => {
	const url = 'https://news.example/1';
	it('runs a terminal browser from $BROWSER in this terminal', () => {
		expect(planOpen(url, {BROWSER: 'w3m'}, 'linux', false)).toEqual({kind: 'terminal', argv: ['w3m', url]});
		expect(planOpen(url, {BROWSER: '/usr/bin/lynx -accept_all_cookies'}, 'linux', true)).toEqual({kind: 'terminal', argv: ['/usr/bin/lynx', '-accept_all_cookies', url]});
	});

	it('starts any other $BROWSER detached, with %s replaced, first of a colon list', () => {
		expect(planOpen(url, {BROWSER: 'firefox --new-tab %s:chromium'}, 'linux', false)).toEqual({kind: 'detached', argv: ['firefox', '--new-tab', url]});
	});

	it('uses the platform opener without $BROWSER, as an argv', () => {
		expect(planOpen(url, {}, 'linux', false)).toEqual({kind: 'detached', argv: ['xdg-open', url]});
		expect(planOpen(url, {}, 'darwin', false)).toEqual({kind: 'detached', argv: ['open', url]});
		expect(planOpen(url, {}, 'win32', false)).toEqual({kind: 'detached', argv: ['explorer.exe', url]});
	});

	it('shows the URL over SSH when there is no $BROWSER', () => {
		expect(planOpen(url, {}, 'linux', true)).toEqual({kind: 'show', url});
	});

	it('refuses anything but http(s)', () => {
		expect(planOpen('file:///etc/passwd', {BROWSER: 'w3m'}, 'linux', false)).toEqual({kind: 'invalid'});
	});
});
