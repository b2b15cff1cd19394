/**
 * Bidi abuse, sizes meant to exhaust, and parser attacks, through the built CLI: overrides and
 * isolates that never close, nesting past the 125-level limit, RLO in a link, 100k marks in a
 * row, a 1 MB word, a 10 MB line, 100k feed items, 10k nested elements, entity bombs,
 * external entities, DOCTYPE tricks. Each run ends in time (20 s) and memory (400 MB) with
 * exit 0, 1 or 2, no stack trace and not one control character out; no bidi control reaches
 * the output; an override never reverses anything outside its own field.
 */
import {mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {afterAll, describe, expect, it} from 'vitest';
import {PtySession} from '../helpers/pty-session.js';
import {screenText} from '../helpers/xterm-screen.js';
import {printProblems, runCli, type CliResult} from '../fixtures/hostile/run-cli.js';
import {tally} from '../fixtures/hostile/tally.js';

const dir = mkdtempSync(path.join(tmpdir(), 'akhbar-abuse-'));
const fixtures = fileURLToPath(new URL('../fixtures/', import.meta.url));
const bidiControls = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/;

afterAll(() => {
	tally.report('hostile/abuse');
	rmSync(dir, {recursive: true, force: true});
});

function save(name: string, content: string | Buffer): string {
	const file = path.join(dir, name);
	writeFileSync(file, content);
	return file;
}

async function print(args: string[]): Promise<CliResult> {
	const result = await runCli(['print', ...args], {timeoutMs: 25_000});
	tally.cases++;
	expect(printProblems(result)).toEqual([]);
	expect(bidiControls.test(result.stdout.toString('utf8'))).toBe(false);
	return result;
}

function rss(items: Array<{title: string; body?: string; link?: string}>, head = ''): string {
	const xml = (text: string) => text.replaceAll('&', '&amp;').replaceAll('<', '&lt;');
	return `<?xml version="1.0" encoding="utf-8"?>${head}
<rss version="2.0"><channel><title>مصدر</title><language>ar</language>
${items.map((item, index) => `<item><title>${xml(item.title)}</title><guid>g${index}</guid>${item.link ? `<link>${xml(item.link)}</link>` : ''}<description>${xml(item.body ?? 'متن قصير.')}</description></item>`).join('\n')}
</channel></rss>
`;
}

const RLO = '\u202E';
const RLE = '\u202B';
const LRE = '\u202A';
const RLI = '\u2067';
const LRI = '\u2066';
const FSI = '\u2068';

describe('bidi abuse', () => {
	it('overrides and isolates that never close stay inside their own field', async () => {
		const calm = {title: 'abc def خبر هادئ', body: '<p>first paragraph: one two three.</p><p>second paragraph: four five six.</p>'};
		const hostile = [
			{title: `${RLO}abc def`, body: `<p>${RLO}first paragraph: one two three.</p><p>second paragraph: four five six.</p>`},
			{title: `${RLI}${RLE}عنوان ${LRI}abc`, body: `<p>${RLE}${RLE}${FSI}نص</p><p>second paragraph: four five six.</p>`},
		];
		const withCalm = await print(['--width', '60', save('calm.xml', rss([calm, calm]))]);
		const withHostile = await print(['--width', '60', save('unclosed.xml', rss([...hostile, calm]))]);
		const lines = (result: CliResult) => result.stdout.toString('utf8').split('\n');
		// The calm item after the hostile ones prints exactly as it does after calm ones.
		// (The calm article is the last thing printed in both: title, meta, two paragraphs.)
		const calmArticle = lines(withCalm).slice(-8);
		expect(calmArticle.some(line => line.includes('first paragraph'))).toBe(true);
		expect(lines(withHostile).slice(-8)).toEqual(calmArticle);
		// Inside a paragraph an override is the source's own business (UAX #9 to the paragraph's
		// end): the next paragraph is untouched.
		// The second paragraph of each hostile item is unaffected by the first one's override.
		expect(lines(withHostile).filter(line => line.trim() === 'second paragraph: four five six.')).toHaveLength(3);
		// The override in a one-line title is dropped: Latin reads left to right.
		expect(lines(withHostile).some(line => line.includes('abc def'))).toBe(true);
		expect(lines(withHostile).some(line => line.includes('fed cba'))).toBe(false);
	});

	it('more than 125 levels of embeddings and isolates', async () => {
		const deep = `${RLE.repeat(100)}${LRE.repeat(100)}عميق deep${'\u202C'.repeat(50)}`;
		const isolates = `${RLI.repeat(200)}${LRI.repeat(200)}معزول isolated${'\u2069'.repeat(10)}`;
		const result = await print(['--width', '40', save('deep.xml', rss([{title: deep, body: `<p>${deep}</p><p>${isolates}</p>`}, {title: isolates}]))]);
		expect(result.code).toBe(0);
		const out = result.stdout.toString('utf8');
		expect(out).toContain('deep');
		expect(out).toContain('isolated');
	});

	it('100,000 combining marks in a row', async () => {
		const marks = `ب${'\u064E'.repeat(100_000)} كلمة`;
		const result = await print(['--width', '80', save('marks.xml', rss([{title: marks.slice(0, 5000), body: `<p>${marks}</p>`}]))]);
		expect(result.code).toBe(0);
	});

	it('a 1 MB word with no space, Arabic and Latin', async () => {
		const word = 'بحث'.repeat(170_000) + 'x'.repeat(500_000);
		const result = await print(['--width', '80', save('word.txt', `عنوان\n\n${word}\n`)]);
		expect(result.code).toBe(0);
		// Broken hard at the width: no line wider than 80 cells (all these letters are one cell).
		expect(Math.max(...result.stdout.toString('utf8').split('\n').map(line => [...line].length))).toBeLessThanOrEqual(80);
	});

	it('a 10 MB single line', async () => {
		const words = ['خبر', 'عاجل', 'news', '2026', 'السوق', 'المدينة', 'قطار'];
		let line = '';
		for (let index = 0; line.length < 6_100_000; index++) line += `${words[index % words.length]} `;
		const bytes = Buffer.from(`${line}\n`);
		expect(bytes.length).toBeGreaterThan(9_000_000);
		expect(bytes.length).toBeLessThan(10 * 1024 * 1024);
		const file = save('line.txt', bytes);
		// Both outputs: shaped lines (peaked ~180 MB) and one logical line per block (~230 MB,
		// 391–414 MB before the dump reader stopped making arrays of every character).
		for (const mode of [['--width', '80'], ['--logical']]) {
			// eslint-disable-next-line no-await-in-loop -- one child at a time keeps the peak honest
			const result = await print([...mode, file]);
			expect(result.code).toBe(0);
			expect(result.stdout.length).toBeGreaterThan(9_000_000);
		}
	}, 60_000);

	it('RLO in a URL: the link is shown neutralised, never reversed', async () => {
		const file = save('rlo-link.xml', rss([{title: 'رابط مقلوب', link: `https://evil.example/${RLO}gpj.exe`, body: 'متن'.repeat(200)}]));
		const session = new PtySession({args: [file, '--offline'], cols: 100, rows: 30, env: {SSH_CONNECTION: '10.0.0.1 1 10.0.0.2 22', BROWSER: undefined}});
		try {
			await session.waitFor(() => screenText(session.terminal).join('\n').includes('1'), 15_000);
			session.write('\r');
			await session.settle(80);
			session.write('o');
			// The whole link, in the links overlay (over SSH with no browser); the meta line has its host.
			await session.waitFor(() => screenText(session.terminal).join('\n').includes('https://evil.example/%E2%80%AEgpj.exe'), 5000);
			expect(bidiControls.test(session.output)).toBe(false);
			session.write('q');
			await session.settle(80);
			session.write('q');
			await session.exited();
			tally.cases++;
		} finally {
			session.kill();
		}
	}, 30_000);
});

describe('sizes', () => {
	it('100,000 feed items', async () => {
		const items = Array.from({length: 100_000}, (_, index) => `<item><title>خبر ${index}</title><guid>${index}</guid></item>`);
		const file = save('many.xml', `<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>كثير</title>${items.join('')}</channel></rss>`);
		const headlines = await print(['--headlines', '--logical', file]);
		expect(headlines.code).toBe(0);
		expect(headlines.stdout.toString('utf8').split('\n').length).toBeGreaterThan(100_000);
		const everything = await print(['--width', '80', file]);
		expect(everything.code).toBe(0);
	}, 60_000);

	it('10,000 most-read labels, links to the popular page and containers named popular in one page', async () => {
		// Each candidate list costs a walk of its box: unbounded, these took their square (out of memory at 8,000 labels).
		const blocks = Array.from({length: 10_000}, (_, index) =>
			`<div><span>الأكثر قراءة</span><a href="/a/${index}">خبر رقم ${index}</a></div><div class="popular"><a href="/most-read/${index}">Most read</a><a href="/b/${index}">خبر آخر ${index}</a></div>`);
		const page = await print(['--logical', '--headlines', save('labels.html', `<!DOCTYPE html><html lang="ar"><body><h1>عنوان</h1><p>نص.</p>${blocks.join('')}</body></html>`)]);
		expect(page.code).toBe(0);
		expect(page.stdout.toString('utf8')).toContain('— الأكثر قراءة');
	}, 60_000);

	it('10,000 nested elements in a page and in a feed item', async () => {
		const nested = `${'<div><span>'.repeat(5000)}<p>نص في العمق البعيد جدا من الصفحة.</p>${'</span></div>'.repeat(5000)}`;
		const page = await print(['--logical', save('nested.html', `<!DOCTYPE html><html lang="ar"><head><title>عميق</title></head><body><article><h1>عميق</h1>${nested}</article></body></html>`)]);
		expect([0, 1]).toContain(page.code);
		const feed = await print(['--logical', save('nested.xml', rss([{title: 'عميق', body: nested}]))]);
		expect([0, 1]).toContain(feed.code);
		// 10,000 nested XML elements: refused, in one line.
		const xmlDeep = await print(['--logical', save('nested-xml.xml', `<?xml version="1.0"?><rss version="2.0"><channel><title>x</title><item><title>t</title>${'<a>'.repeat(10_000)}${'</a>'.repeat(10_000)}</item></channel></rss>`)]);
		expect(xmlDeep.code).toBe(1);
	}, 60_000);
});

describe('parser attacks', () => {
	const passwd = readFileSync('/etc/passwd', 'utf8').split('\n')[0]!.split(':')[0]!;

	it.each(['bomb-nested.xml', 'bomb-wide.xml'])('entity bomb %s: bounded, no expansion', async name => {
		const result = await print(['--logical', path.join(fixtures, 'feeds', name)]);
		expect([0, 1]).toContain(result.code);
		expect(result.stdout.length).toBeLessThan(1_000_000);
	});

	it('a bomb built from numeric references and nested entities', async () => {
		const head = `<!DOCTYPE rss [<!ENTITY a "&#x62;&#x62;&#x62;&#x62;&#x62;&#x62;&#x62;&#x62;&#x62;&#x62;"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;"><!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;"><!ENTITY f "&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;">]>`;
		const file = save('numeric-bomb.xml', rss([{title: 'x'}], head).replace('<title>x</title>', `<title>${'&f;'.repeat(8)}</title>`));
		const result = await print(['--logical', file]);
		expect([0, 1]).toContain(result.code);
		expect(result.stdout.length).toBeLessThan(1_000_000);
	});

	it.each([
		['feeds/xxe.xml'],
		['feeds/xxe-parameter.xml'],
	])('external entities (%s): /etc/passwd never appears', async name => {
		const result = await print(['--logical', path.join(fixtures, name)]);
		expect(result.stdout.toString('utf8') + result.stderr).not.toContain(`${passwd}:x:`);
	});

	it('external entities in an OPML import: /etc/passwd never appears', async () => {
		const result = await runCli(['sources', 'import', path.join(fixtures, 'opml', 'external-entity.opml')]);
		tally.cases++;
		expect(printProblems(result)).toEqual([]);
		expect(result.stdout.toString('utf8') + result.stderr).not.toContain(`${passwd}:x:`);
	});

	it.each([
		['an internal subset defining an escape', `<!DOCTYPE rss [<!ENTITY t "&#27;]0;QZ777Q&#7;">]>`, '&t;'],
		['an entity that is markup', `<!DOCTYPE rss [<!ENTITY t "<item><title>مزروع</title></item>">]>`, '&t;'],
		['an HTML doctype in a feed', '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd">', 'عنوان'],
		['a doctype with a SYSTEM URL to fetch', '<!DOCTYPE rss SYSTEM "http://127.0.0.1:9/evil.dtd">', 'عنوان'],
		['two doctypes and a stylesheet instruction', '<!DOCTYPE rss><!DOCTYPE rss [<!ENTITY x "y">]><?xml-stylesheet href="file:///etc/passwd"?>', '&x;'],
		['an unterminated doctype', '<!DOCTYPE rss [<!ENTITY x "', 'عنوان'],
	])('DOCTYPE trick: %s', async (_, head, title) => {
		const file = save(`doctype-${title.length}-${head.length}.xml`, rss([{title: 'x'}], head).replace('<title>x</title>', `<title>${title}</title>`));
		const result = await print(['--logical', file]);
		expect([0, 1]).toContain(result.code);
		const out = result.stdout.toString('utf8') + result.stderr;
		expect(out).not.toContain('QZ777Q');
		expect(out).not.toContain(`${passwd}:x:`);
	});
});
