import {execFileSync} from 'node:child_process';
import {createWriteStream, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {Readable} from 'node:stream';
import {pathToFileURL} from 'node:url';
import type {Dispatcher} from 'undici';
import {afterAll, afterEach, beforeAll, describe, expect, it} from 'vitest';
import {openCache} from '../../source/sources/cache.js';
import {proxyAgentFromEnv} from '../../source/sources/fetch.js';
import {formatTime, loadFullText, loadSource, looksBinary, type LoadOptions} from '../../source/sources/load.js';
import {startServer, type TestServer} from '../helpers/http-server.js';
import {problemOf} from '../helpers/source-error.js';
import * as texts from '../fixtures/encodings/texts.js';

const encodingFixture = (name: string) => readFileSync(new URL(`../fixtures/encodings/${name}`, import.meta.url));

/** One small document of every format, written for these tests. */
const documents = {
	rss: `<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>صحيفة الواحة</title><link>https://oasis.example/</link>
<item><title>افتتاح مكتبة الحي</title><link>https://oasis.example/1</link><description>فتحت المكتبة أبوابها اليوم.</description></item>
</channel></rss>`,
	rdf: `<?xml version="1.0" encoding="utf-8"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/">
<channel rdf:about="https://oasis.example/rdf"><title>صحيفة الواحة RDF</title><link>https://oasis.example/</link></channel>
<item rdf:about="https://oasis.example/2"><title>موسم الحصاد</title><link>https://oasis.example/2</link></item>
</rdf:RDF>`,
	atom: `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>صحيفة الواحة Atom</title><id>urn:oasis</id><updated>2026-11-28T08:00:00Z</updated>
<entry><title>مهرجان الشعر</title><id>urn:oasis:3</id><updated>2026-11-28T08:00:00Z</updated><link href="https://oasis.example/3"/></entry>
</feed>`,
	jsonfeed: JSON.stringify({
		version: 'https://jsonfeed.org/version/1.1',
		title: 'صحيفة الواحة JSON',
		items: [{id: '4', title: 'سباق الدراجات', url: 'https://oasis.example/4', content_text: 'انطلق السباق صباحاً.'}],
	}),
	mostread: JSON.stringify({
		data: {items: [
			{title: 'الخبر الأول قراءة', href: '/ar/first'},
			{title: 'الخبر الثاني قراءة', href: '/ar/second'},
		]},
	}),
	html: `<!doctype html><html lang="ar"><head><meta charset="utf-8"><title>مكتبة الحي</title></head>
<body><article><h1>افتتاح مكتبة الحي الجديدة</h1>
<p>افتتحت البلدية صباح اليوم مكتبة جديدة في وسط الحي، تضم آلاف الكتب للكبار والصغار، وقاعة هادئة للمطالعة.</p>
<p>وقال مدير المكتبة إن الأبواب ستبقى مفتوحة حتى المساء طوال أيام الأسبوع، وإن الاشتراك مجاني للطلاب.</p>
<p>ويأمل السكان أن تصبح المكتبة مكاناً يلتقي فيه الجيران، وأن تستضيف أمسيات للقراءة والشعر.</p>
</article></body></html>`,
	text: texts.windows1256Dump,
};

let dir: string;
let server: TestServer;
let direct: Dispatcher;
const temporaryDirs: string[] = [];

const file = (name: string, content: string | Uint8Array) => {
	const path = join(dir, name);
	writeFileSync(path, content);
	return path;
};

const freshCache = () => {
	const cacheDir = mkdtempSync(join(tmpdir(), 'akhbar-load-cache-'));
	temporaryDirs.push(cacheDir);
	return openCache(cacheDir);
};

/** Network options for tests: no proxy from the environment. */
const net = (options: LoadOptions = {}): LoadOptions => ({
	...options,
	fetchOptions: {dispatcher: direct, ...options.fetchOptions},
});

beforeAll(async () => {
	direct = await proxyAgentFromEnv({});
	dir = mkdtempSync(join(tmpdir(), 'akhbar-load-'));
	let version = 1;
	server = await startServer({
		'/rss'(request, response) {
			const etag = `"v${version}"`;
			if (request.headers['if-none-match'] === etag) {
				response.writeHead(304, {etag}).end();
				return;
			}

			response.writeHead(200, {'content-type': 'application/rss+xml', etag}).end(documents.rss);
		},
		'/bump'(_request, response) {
			version++;
			response.end();
		},
		'/moved'(_request, response) {
			response.writeHead(301, {location: '/ar/mostread.json'}).end();
		},
		'/ar/mostread.json'(_request, response) {
			response.writeHead(200, {'content-type': 'application/json'}).end(documents.mostread);
		},
		'/page'(_request, response) {
			response.writeHead(200, {'content-type': 'text/html; charset=utf-8'}).end(documents.html);
		},
		'/dump'(_request, response) {
			response.writeHead(200, {'content-type': 'text/plain'}).end(encodingFixture('windows-1256-undeclared.txt'));
		},
		'/windows-1256'(_request, response) {
			response.writeHead(200, {'content-type': 'text/html; charset=utf-8'}).end(encodingFixture('windows-1256-meta.html'));
		},
		'/image'(_request, response) {
			response.writeHead(200, {'content-type': 'image/png'}).end(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]));
		},
	});
});

afterAll(async () => {
	await server.close();
	await direct.close();
	rmSync(dir, {recursive: true, force: true});
});

afterEach(() => {
	for (const cacheDir of temporaryDirs.splice(0)) rmSync(cacheDir, {recursive: true, force: true});
});

describe('loadSource from files', () => {
	it.each([
		['rss', documents.rss, 'latest', 'صحيفة الواحة'],
		['rdf', documents.rdf, 'latest', 'صحيفة الواحة RDF'],
		['atom', documents.atom, 'latest', 'صحيفة الواحة Atom'],
		['jsonfeed', documents.jsonfeed, 'latest', 'صحيفة الواحة JSON'],
		['mostread', documents.mostread, 'most-read', undefined],
	] as const)('hands a %s file to its parser', async (name, content, list, title) => {
		const path = file(`${name}.input`, content);
		const {edition, warnings, fromCache} = await loadSource(path);
		expect(edition.source).toBe(path);
		expect(edition.list).toBe(list);
		expect(edition.headlines.length).toBeGreaterThan(0);
		if (title) expect(edition.name).toBe(title);
		expect(warnings).toEqual([]);
		expect(fromCache).toBeUndefined();
	});

	it('a name the user gave the source names the edition, not the feed’s title', async () => {
		const path = file('named.input', documents.rss);
		expect((await loadSource(path, {name: 'واحتي'})).edition.name).toBe('واحتي');
		expect((await loadSource(path)).edition.name).toBe('صحيفة الواحة');
	});

	it('says, among its warnings, that a document was cut short, naming the source', async () => {
		const path = join(new URL('../fixtures/feeds/', import.meta.url).pathname, 'truncated.xml');
		const {edition, warnings} = await loadSource(path);
		expect(edition.headlines.map(headline => headline.title)).toEqual(['الخبر الأول يصل كاملا', 'الخبر الثاني يصل كاملا أيضا']);
		expect(edition.notes).toEqual(['truncated: 2 items read']);
		expect(warnings).toEqual([`${path}: truncated: 2 items read`]);
	});

	it('hands an HTML page to the page reader', async () => {
		const path = file('page.html', documents.html);
		const {edition} = await loadSource(path);
		expect(edition.articles[0]?.blocks.map(block => block.text).join('\n')).toContain('مكتبة جديدة في وسط الحي');
	});

	it('reads a windows-1256 text dump with no declaration', async () => {
		const path = file('dump.txt', encodingFixture('windows-1256-undeclared.txt'));
		const {edition} = await loadSource(path);
		expect(edition.articles[0]?.title).toBe('قاعة المطالعة الجديدة');
	});

	it('accepts a file: URL', async () => {
		const path = file('feed.xml', documents.rss);
		expect((await loadSource(pathToFileURL(path).href)).edition.name).toBe('صحيفة الواحة');
	});

	it('says what is wrong with a path in one line', async () => {
		const missing = join(dir, 'nothing-here.xml');
		expect(await problemOf(loadSource(missing))).toBe(`${missing}: no such file`);
		expect(await problemOf(loadSource(dir))).toBe(`${dir}: is a directory`);
		expect(await problemOf(loadSource('ftp://oasis.example/feed'))).toBe('ftp://oasis.example/feed: no such file (only http and https URLs are fetched)');
		const missingUrl = pathToFileURL(missing).href;
		expect(await problemOf(loadSource(missingUrl))).toBe(`${missingUrl}: no such file`);
	});

	it('refuses a file larger than the cap before reading it', async () => {
		const path = file('large.txt', 'خبر '.repeat(100));
		expect(await problemOf(loadSource(path, {maxBytes: 100}))).toBe(`${path}: larger than 100 bytes`);
	});

	it('reads a named pipe, as <(curl ...) gives, and caps an endless device', async () => {
		const fifo = join(dir, 'pipe');
		execFileSync('mkfifo', [fifo]);
		const writer = createWriteStream(fifo);
		writer.end(documents.rss);
		expect((await loadSource(fifo)).edition.name).toBe('صحيفة الواحة');
		expect(await problemOf(loadSource('/dev/zero', {maxBytes: 1000}))).toBe('/dev/zero: larger than 1000 bytes');
	});

	it('refuses binary data and empty files', async () => {
		const image = file('image.png', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]));
		expect(await problemOf(loadSource(image))).toBe(`${image}: not a feed, page or text (binary data)`);
		const empty = file('empty.xml', ' \n');
		expect(await problemOf(loadSource(empty))).toBe(`${empty}: empty`);
	});

	it('reads UTF-16 with a BOM, which is full of NUL bytes, as text', async () => {
		const path = file('utf16.xml', encodingFixture('utf-16le-bom.xml'));
		expect((await loadSource(path)).edition.name).toBe('نشرة المساء');
	});
});

describe('loadSource from standard input', () => {
	it('reads "-" from the given stream', async () => {
		const stdin = Readable.from([Buffer.from(documents.rss.slice(0, 50)), Buffer.from(documents.rss.slice(50))]);
		const {edition} = await loadSource('-', {stdin});
		expect(edition.source).toBe('-');
		expect(edition.name).toBe('صحيفة الواحة');
	});

	it('stops reading past the cap', async () => {
		const stdin = Readable.from((function * () {
			for (;;) yield Buffer.alloc(64, 0x61);
		})());
		expect(await problemOf(loadSource('-', {stdin, maxBytes: 1000}))).toBe('-: larger than 1000 bytes');
	});
});

describe('loadSource from URLs', () => {
	it('fetches, parses and keeps a copy', async () => {
		const cache = freshCache();
		const url = server.url('/rss');
		const {edition, fromCache, warnings} = await loadSource(url, net({cache}));
		expect(edition.source).toBe(url);
		expect(edition.name).toBe('صحيفة الواحة');
		expect(fromCache).toBeUndefined();
		expect(warnings).toEqual([]);
		expect(cache.get(url)?.etag).toBe('"v1"');
	});

	it('asks with the saved ETag and reuses the copy on 304', async () => {
		const cache = freshCache();
		const url = server.url('/rss');
		await loadSource(url, net({cache}));
		const firstFetch = cache.get(url)!.fetchedAt;
		const again = await loadSource(url, net({cache}));
		expect(server.requests.at(-1)?.headers['if-none-match']).toBe('"v1"');
		expect(again.edition.name).toBe('صحيفة الواحة');
		expect(again.fromCache).toBeUndefined();
		expect(cache.get(url)!.fetchedAt >= firstFetch).toBe(true);
	});

	it('resolves a most-read list\'s links against where the redirects ended', async () => {
		const {edition} = await loadSource(server.url('/moved'), net({cache: false}));
		expect(edition.source).toBe(server.url('/moved'));
		expect(edition.headlines.map(headline => headline.url)).toEqual([server.url('/ar/first'), server.url('/ar/second')]);
	});

	it('decodes what it fetched: windows-1256 behind a utf-8 header', async () => {
		const {edition} = await loadSource(server.url('/windows-1256'), net({cache: false}));
		expect(JSON.stringify(edition)).toContain('قاعة المطالعة الجديدة');
	});

	it('refuses a binary answer', async () => {
		expect(await problemOf(loadSource(server.url('/image'), net({cache: false}))))
			.toBe(`${server.url('/image')}: not a feed, page or text (binary data)`);
	});

	it('throws the fetch problem when there is no copy', async () => {
		expect(await problemOf(loadSource(server.url('/gone'), net({cache: freshCache()}))))
			.toBe(`${server.url('/gone')}: HTTP 404 Not Found`);
	});

	it('shows the saved copy, with a note and a warning, when the site cannot be reached', async () => {
		const site = await startServer({
			'/feed'(_request, response) {
				response.writeHead(200, {'content-type': 'application/rss+xml'}).end(documents.rss);
			},
		});
		const url = site.url('/feed');
		const cache = freshCache();
		await loadSource(url, net({cache}));
		const {fetchedAt} = cache.get(url)!;
		await site.close();

		const {edition, fromCache, warnings} = await loadSource(url, net({cache}));
		expect(edition.name).toBe('صحيفة الواحة');
		expect(fromCache).toEqual({asOf: fetchedAt});
		expect(warnings).toEqual([`${url}: connection refused; showing the copy as of ${formatTime(fetchedAt)}`]);
		expect(edition.notes).toContain(`showing the copy as of ${formatTime(fetchedAt)} (connection refused)`);
	});

	it('onSaved: the saved copy at once, while a server that never answers is still asked', async () => {
		let hang = false;
		const site = await startServer({
			'/feed'(_request, response) {
				if (!hang) response.writeHead(200, {'content-type': 'application/rss+xml'}).end(documents.rss);
			},
		});
		try {
			const url = site.url('/feed');
			const cache = freshCache();
			await loadSource(url, net({cache}));
			const {fetchedAt} = cache.get(url)!;
			hang = true;
			const saved: Array<{name: string; asOf?: string}> = [];
			let settled = false;
			const loading = loadSource(url, net({cache, fetchOptions: {timeoutMs: 4000}, onSaved: result => saved.push({name: result.edition.name, asOf: result.fromCache?.asOf})}));
			void loading.catch(() => undefined).finally(() => {
				settled = true;
			});
			// Told while the server still hangs, before the fetch gives up.
			await expect.poll(() => saved.length + (settled ? 10 : 0), {timeout: 10_000}).toBe(1);
			expect(saved).toEqual([{name: 'صحيفة الواحة', asOf: fetchedAt}]);
			// The copy was given already: the load now ends with the fetch's failure, not the copy again.
			const error = await loading.then(() => expect.fail('expected the fetch to fail'), (error: unknown) => error);
			expect(error).toMatchObject({problem: 'timed out after 4 s', failure: {kind: 'timeout', seconds: 4}});
		} finally {
			await site.close();
		}
	});

	it('onSaved with no copy saved: nothing is told, the fetch decides', async () => {
		let told = 0;
		const {edition, fromCache} = await loadSource(server.url('/rss'), net({cache: freshCache(), onSaved: () => told++}));
		expect(told).toBe(0);
		expect(edition.name).toBe('صحيفة الواحة');
		expect(fromCache).toBeUndefined();
	});

	it('freshOnly: an answer that cannot be read is an error, the saved copy is not given again', async () => {
		let answer: 'feed' | 'portal' | 'gone' = 'feed';
		const site = await startServer({
			'/feed'(_request, response) {
				if (answer === 'portal') response.writeHead(200, {'content-type': 'text/html'}).end('<!doctype html><html><body><p>أدخل رقم الغرفة.</p></body></html>');
				else if (answer === 'gone') response.writeHead(404).end();
				else response.writeHead(200, {'content-type': 'application/rss+xml'}).end(documents.rss);
			},
		});
		try {
			const url = site.url('/feed');
			const cache = freshCache();
			await loadSource(url, net({cache}));
			answer = 'portal';
			expect(await problemOf(loadSource(url, net({cache, freshOnly: true})))).toBe(`${url}: a web page came instead of the feed`);
			answer = 'gone';
			const error = await loadSource(url, net({cache, freshOnly: true})).catch((error: unknown) => error);
			expect(error).toMatchObject({failure: {kind: 'http', status: 404}});
			// Without freshOnly, the copy, as before.
			expect((await loadSource(url, net({cache}))).fromCache).toBeDefined();
		} finally {
			await site.close();
		}
	});

	it('a copy used in place of a failed fetch is among the failures, with what failed', async () => {
		const site = await startServer({
			'/feed'(_request, response) {
				response.writeHead(200, {'content-type': 'application/rss+xml'}).end(documents.rss);
			},
		});
		const url = site.url('/feed');
		const cache = freshCache();
		await loadSource(url, net({cache}));
		await site.close();
		const {warnings, failures} = await loadSource(url, net({cache}));
		expect(failures).toHaveLength(1);
		expect(failures[0]!.warning).toBe(warnings[0]);
		expect(failures[0]!.copyAsOf).toBe(cache.get(url)!.fetchedAt);
		expect(failures[0]!.error.failure).toEqual({kind: 'refused'});
	});

	it('does not fall back on the copy when the caller cancelled', async () => {
		const cache = freshCache();
		const url = server.url('/rss');
		await loadSource(url, net({cache}));
		const controller = new AbortController();
		controller.abort();
		expect(await problemOf(loadSource(url, net({cache, fetchOptions: {signal: controller.signal}}))))
			.toBe(`${url}: cancelled`);
	});

	describe('keeps the last good copy when the answer cannot be read', () => {
		const answers = {
			'a captive portal\'s login page': {type: 'text/html', body: '<!doctype html><html><head><title>تسجيل الدخول</title></head><body><form><p>أدخل رقم الغرفة للاتصال بالشبكة.</p></form></body></html>', problem: 'a web page came instead of the feed'},
			'an XML error document': {type: 'application/xml', body: '<?xml version="1.0"?><error>quota exceeded</error>', problem: 'not a feed'},
			'binary data': {type: 'application/octet-stream', body: Buffer.from([0, 1, 2, 3, 0, 0, 0, 0xff]), problem: 'not a feed, page or text (binary data)'},
		};

		for (const [name, answer] of Object.entries(answers)) {
			it(name, async () => {
				let broken = false;
				const site = await startServer({
					'/feed'(_request, response) {
						if (broken) response.writeHead(200, {'content-type': answer.type}).end(answer.body);
						else response.writeHead(200, {'content-type': 'application/rss+xml'}).end(documents.rss);
					},
				});
				try {
					const url = site.url('/feed');
					const cache = freshCache();
					await loadSource(url, net({cache}));
					const saved = cache.get(url)!;
					broken = true;
					const {edition, fromCache, warnings} = await loadSource(url, net({cache}));
					expect(edition.name).toBe('صحيفة الواحة');
					expect(fromCache).toEqual({asOf: saved.fetchedAt});
					// The problem is in the parser's words; only its gist is checked here.
					expect(warnings).toHaveLength(1);
					expect(warnings[0]!.startsWith(`${url}: `)).toBe(true);
					expect(warnings[0]).toContain(answer.problem);
					expect(warnings[0]!.endsWith(`; showing the copy as of ${formatTime(saved.fetchedAt)}`)).toBe(true);
					expect(cache.get(url)).toEqual(saved);
				} finally {
					await site.close();
				}
			});
		}

		it('but takes a page that replaces a page', async () => {
			const cache = freshCache();
			const url = server.url('/page');
			await loadSource(url, net({cache}));
			const first = cache.get(url)!.fetchedAt;
			const {fromCache} = await loadSource(url, net({cache}));
			expect(fromCache).toBeUndefined();
			expect(cache.get(url)!.fetchedAt >= first).toBe(true);
		});

		it('and throws when there is no copy to keep', async () => {
			expect(await problemOf(loadSource(server.url('/image'), net({cache: freshCache()}))))
				.toBe(`${server.url('/image')}: not a feed, page or text (binary data)`);
		});
	});

	it('offline, uses the saved copy without asking the network', async () => {
		const cache = freshCache();
		const url = server.url('/rss');
		await loadSource(url, net({cache}));
		const before = server.requests.length;
		const {edition, fromCache, warnings} = await loadSource(url, net({cache, offline: true}));
		expect(server.requests.length).toBe(before);
		expect(edition.name).toBe('صحيفة الواحة');
		expect(fromCache?.asOf).toBe(cache.get(url)?.fetchedAt);
		expect(warnings).toEqual([]);
		expect(await problemOf(loadSource(server.url('/page'), net({cache, offline: true}))))
			.toBe(`${server.url('/page')}: offline, and no copy is saved`);
	});

	it('still reads when the cache cannot be written, and says so once', async () => {
		const blocker = join(dir, 'not-a-dir');
		writeFileSync(blocker, '');
		const {edition, warnings} = await loadSource(server.url('/rss'), net({cache: openCache(blocker)}));
		expect(edition.name).toBe('صحيفة الواحة');
		expect(warnings).toEqual([`cache: could not save a copy in ${blocker} (not a directory)`]);
	});

	it('ignores a corrupt saved copy and fetches afresh', async () => {
		const cacheDir = mkdtempSync(join(tmpdir(), 'akhbar-load-cache-'));
		temporaryDirs.push(cacheDir);
		const cache = openCache(cacheDir);
		const url = server.url('/rss');
		await loadSource(url, net({cache}));
		const [entry] = readdirSync(cacheDir);
		writeFileSync(join(cacheDir, entry!), '{"version":1,"url":');
		const {edition, fromCache} = await loadSource(url, net({cache}));
		expect(server.requests.at(-1)?.headers['if-none-match']).toBeUndefined();
		expect(edition.name).toBe('صحيفة الواحة');
		expect(fromCache).toBeUndefined();
		expect(cache.get(url)?.etag).toBe('"v1"');
	});

	it('replaces the copy when the site changes', async () => {
		const cache = freshCache();
		const url = server.url('/rss');
		await loadSource(url, net({cache}));
		await loadSource(server.url('/bump'), net({cache: false})).catch(() => undefined);
		await loadSource(url, net({cache}));
		expect(cache.get(url)?.etag).toBe('"v2"');
	});
});

describe('loadFullText', () => {
	it('extracts the article of a page', async () => {
		const article = await loadFullText(server.url('/page'), net({cache: false}));
		expect(article.blocks.map(block => block.text).join('\n')).toContain('الاشتراك مجاني للطلاب');
	});

	it('reads a page that is a text dump', async () => {
		const article = await loadFullText(server.url('/dump'), net({cache: false}));
		expect(article.title).toBe('قاعة المطالعة الجديدة');
	});

	it('refuses a feed, and anything but http(s)', async () => {
		expect(await problemOf(loadFullText(server.url('/rss'), net({cache: false}))))
			.toBe(`${server.url('/rss')}: not an article page (a rss document)`);
		expect(await problemOf(loadFullText('file:///etc/passwd'))).toBe('file:///etc/passwd: only http and https URLs can be fetched');
	});

	it('falls back on the saved copy and reports it through onWarning', async () => {
		const site = await startServer({
			'/story'(_request, response) {
				response.writeHead(200, {'content-type': 'text/html'}).end(documents.html);
			},
		});
		const url = site.url('/story');
		const cache = freshCache();
		await loadFullText(url, net({cache}));
		await site.close();
		const warnings: string[] = [];
		const article = await loadFullText(url, net({cache, onWarning: warning => warnings.push(warning)}));
		expect(article.blocks.length).toBeGreaterThan(0);
		expect(warnings).toEqual([expect.stringMatching(/: connection refused; showing the copy as of \d{4}-\d\d-\d\d \d\d:\d\d UTC$/)]);
	});
});

describe('looksBinary', () => {
	it('tells text from binary', () => {
		expect(looksBinary('خبر\n\tعاجل\r\n')).toBe(false);
		expect(looksBinary('abc\0def')).toBe(true);
		expect(looksBinary('\u0001\u0002\u0003\u0004abcdefgh')).toBe(true);
		expect(looksBinary('\uFFFD'.repeat(5) + 'a'.repeat(20))).toBe(true);
	});
});
