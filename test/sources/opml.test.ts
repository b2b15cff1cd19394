import fs from 'node:fs';
import {describe, expect, test} from 'vitest';
import {cleanLine, decodeEntities, decodeOpml, escapeXml, parseOpml, writeOpml} from '../../source/sources/opml.js';

function fixture(name: string): string {
	return decodeOpml(fs.readFileSync(new URL(`../fixtures/opml/${name}`, import.meta.url)));
}

const controls = /[\u0000-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/u;

describe('reading OPML', () => {
	test('OPML 2.0: every outline with a feed, in document order, tagged with the folders it is in', () => {
		const document = parseOpml(fixture('feeds-v2.opml'));
		expect(document.title).toBe('اشتراكاتي & قراءاتي');
		expect(document.truncated).toBe(false);
		expect(document.sources).toEqual([
			{url: 'https://sabah.example/rss.xml', name: 'جريدة الصباح', tags: ['صحف يومية']},
			{url: 'https://akhbar-wa-araa.example/feed?lang=ar&section=1', name: 'أخبار & آراء', tags: ['صحف يومية']},
			// Character references, decimal and hexadecimal; a folder in a folder: both.
			{url: 'http://madinati.example/atom', name: 'مدينتي', tags: ['صحف يومية', 'محلية']},
			// `title` when there is no `text`; `xmlurl` in another case.
			{url: 'https://tech.example/index.rss', name: 'Tech Weekly'},
			{url: 'https://unnamed.example/feed.json'},
		]);
	});

	test('Miniflux\'s export: each folder is the category of the feeds in it', () => {
		expect(parseOpml(fixture('miniflux-export.opml')).sources).toEqual([
			{url: 'https://aljazeera.example/rss.xml', name: 'الجزيرة نت', tags: ['أخبار']},
			{url: 'https://bbc.example/arabic/rss.xml', name: 'بي بي سي عربي', tags: ['أخبار']},
			{url: 'https://lwn.example/headlines/rss', name: 'LWN.net', tags: ['Tech']},
		]);
	});

	test('Feedly\'s export: a feed in two folders is listed twice, once with each', () => {
		expect(parseOpml(fixture('feedly-export.opml')).sources).toEqual([
			{url: 'https://enabbaladi.example/feed/', name: 'عنب بلدي', tags: ['Politics']},
			{url: 'https://mee.example/rss', name: 'Middle East Eye', tags: ['Politics']},
			{url: 'https://enabbaladi.example/feed/', name: 'عنب بلدي', tags: ['Syria']},
			{url: 'https://unfiled.example/atom.xml', name: 'Unfiled'},
		]);
	});

	test('the category attribute: comma-separated, slash-delimited, added to the folders\' names', () => {
		expect(parseOpml(fixture('categories.opml')).sources).toEqual([
			{url: 'https://weather.example/rss', name: 'Weather', tags: ['Boston', 'Weather', 'Harvard', 'Sports']},
			{url: 'https://kooora.example/rss', name: 'كووورة', tags: ['رياضة', 'كرة القدم']},
			{url: 'https://plain.example/rss', name: 'Plain'},
		]);
	});

	test('tags are clean, bounded lines', () => {
		const long = 'ط'.repeat(100);
		const text = `<opml><body><outline text="a\u001B[2J&#x2067;b"><outline xmlUrl="https://t.example/" category="${long},${Array.from({length: 30}, (_, i) => `t${i}`).join(',')}"/></outline></body></opml>`;
		const [source] = parseOpml(text).sources;
		expect(source!.tags![0]).toBe('a [2J b');
		expect(source!.tags![1]).toBe('ط'.repeat(64));
		expect(source!.tags).toHaveLength(16);
		for (const tag of source!.tags!) expect(tag).not.toMatch(controls);
	});

	test('OPML 1.0 in windows-1256, as its declaration says', () => {
		const document = parseOpml(fixture('feeds-v1-windows-1256.opml'));
		expect(document.title).toBe('قائمة قديمة');
		expect(document.sources).toEqual([
			{url: 'https://thaqafa.example/rss', name: 'النشرة الثقافية'},
			{url: 'https://riyada.example/rss', name: 'الرياضة اليوم'},
		]);
	});

	test('a byte order mark wins over the declaration', () => {
		const body = '<?xml version="1.0" encoding="windows-1256"?><opml><body><outline text="نشرة" xmlUrl="https://x.example/"/></body></opml>';
		const bytes = new Uint8Array([0xEF, 0xBB, 0xBF, ...new TextEncoder().encode(body)]);
		expect(parseOpml(decodeOpml(bytes)).sources).toEqual([{url: 'https://x.example/', name: 'نشرة'}]);
	});

	test('control characters and bidi overrides never come out, even as references', () => {
		const document = parseOpml(fixture('hostile.opml'));
		expect(document.title).not.toMatch(controls);
		for (const source of document.sources) {
			expect(source.name ?? '').not.toMatch(controls);
			expect(source.url).not.toMatch(controls);
		}

		expect(document.sources[0]).toEqual({url: 'https://colours.example/rss', name: 'عنوان [2J 31mملون'});
		expect(document.sources[1]!.name).toBe('مخفي معكوس');
	});

	test('references to nothing valid are left as written', () => {
		const document = parseOpml(fixture('hostile.opml'));
		expect(document.sources.at(-1)!.name).toBe('نقطة &#0; صفر &#xD800; &bogus;');
	});

	test('entities declared in a DOCTYPE are never expanded', () => {
		const document = parseOpml(fixture('entities.opml'));
		expect(document.title).toBe('&lol3;');
		expect(document.sources).toEqual([{url: 'https://laughs.example/rss', name: '&lol3;'}]);
	});

	test('an external entity is refused', () => {
		expect(() => parseOpml(fixture('external-entity.opml'))).toThrow(/^cannot read OPML: .*[Ee]xternal entities/);
	});

	test('what is not OPML is refused with one line', () => {
		expect(() => parseOpml(fixture('broken.opml'))).toThrow(/^not well-formed XML \(line 5: /);
		expect(() => parseOpml(fixture('not-opml.xml'))).toThrow('not an OPML document (no <opml> element)');
		expect(() => parseOpml('just words')).toThrow(/^not well-formed XML/);
		expect(() => parseOpml('')).toThrow(/OPML|XML/);
	});

	test('limits: length, nesting, number of sources', () => {
		expect(() => parseOpml('<opml/>'.padEnd(101, ' '), {maxLength: 100})).toThrow(/too large/);
		const deep = `<opml><body>${'<outline text="f">'.repeat(100)}<outline xmlUrl="https://deep.example/"/>${'</outline>'.repeat(100)}</body></opml>`;
		expect(() => parseOpml(deep)).toThrow(/nested/i);
		const many = `<opml><body>${Array.from({length: 10}, (_, i) => `<outline xmlUrl="https://f.example/${i}"/>`).join('')}</body></opml>`;
		const document = parseOpml(many, {maxSources: 4});
		expect(document.sources.map(source => source.url)).toEqual(['https://f.example/0', 'https://f.example/1', 'https://f.example/2', 'https://f.example/3']);
		expect(document.truncated).toBe(true);
	});

	test('an OPML with no body has no sources', () => {
		expect(parseOpml('<opml version="2.0"><head><title>فارغ</title></head></opml>')).toEqual({title: 'فارغ', sources: [], truncated: false});
	});
});

describe('writing OPML', () => {
	test('an OPML 2.0 document that reads back to the same sources', () => {
		const sources = [
			{url: 'https://a.example/feed?x=1&y=2', name: 'أخبار "اليوم" <عاجل> & \'غدًا\''},
			{url: 'file:///home/reader/feeds/local.xml'},
		];
		const text = writeOpml(sources);
		expect(text).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<opml version="2.0">/);
		expect(text).toContain('xmlUrl="https://a.example/feed?x=1&amp;y=2"');
		expect(text).toContain('text="أخبار &quot;اليوم&quot; &lt;عاجل&gt; &amp; &apos;غدًا&apos;"');
		expect(parseOpml(text)).toEqual({title: 'akhbar sources', sources, truncated: false});
	});

	test('tags: a folder per first tag (what Miniflux and newsboat read back), every tag in category; read back the same', () => {
		const sources = [
			{url: 'https://a.example/rss', name: 'أ', tags: ['سياسة', 'عربي']},
			{url: 'https://b.example/rss'},
			{url: 'https://c.example/rss', name: 'C', tags: ['Tech']},
			{url: 'https://d.example/rss', name: 'د', tags: ['سياسة']},
		];
		const text = writeOpml(sources);
		expect(text).toContain([
			'\t\t<outline text="سياسة" title="سياسة">',
			'\t\t\t<outline type="rss" text="أ" title="أ" xmlUrl="https://a.example/rss" category="سياسة,عربي"/>',
			'\t\t\t<outline type="rss" text="د" title="د" xmlUrl="https://d.example/rss" category="سياسة"/>',
			'\t\t</outline>',
			'\t\t<outline text="Tech" title="Tech">',
		].join('\n'));
		const back = parseOpml(text).sources;
		expect(back).toHaveLength(4);
		for (const source of sources) expect(back).toContainEqual(source);
	});

	test('an empty list is still a valid document', () => {
		expect(parseOpml(writeOpml([]))).toEqual({title: 'akhbar sources', sources: [], truncated: false});
	});

	test('characters XML cannot hold are dropped, line breaks kept as references', () => {
		expect(escapeXml('a\u0001b\uFFFEc\uD800d')).toBe('abcd');
		expect(escapeXml('a\tb\nc')).toBe('a&#9;b&#10;c');
		expect(escapeXml('x\u009B31m')).toBe('x&#155;31m');
	});
});

describe('helpers', () => {
	test('decodeEntities knows the five XML entities and character references only', () => {
		expect(decodeEntities('&amp;&lt;&gt;&quot;&apos;&#1575;&#x644;&nbsp;&#1114112;')).toBe('&<>"\'ال&nbsp;&#1114112;');
	});

	test('cleanLine makes one plain line', () => {
		expect(cleanLine('  سطر\nثانٍ\t\u001B[1m\u2067مخفي\u2069  ')).toBe('سطر ثانٍ [1m مخفي');
	});
});
