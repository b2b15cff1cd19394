import fs from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {describe, expect, test} from 'vitest';
import {runSourcesCommand} from '../../source/commands/sources.js';
import {openPrefs} from '../../source/prefs.js';
import {parseOpml} from '../../source/sources/opml.js';
import {tempDir} from '../store/helpers.js';

const fixtures = fileURLToPath(new URL('../fixtures/opml/', import.meta.url));

/** A preferences folder and a working folder, and `akhbar sources ...` run against them. */
function setup() {
	const config = tempDir();
	const work = tempDir();
	const run = (...argv: string[]) => runSourcesCommand(argv, {prefs: openPrefs({cwd: config}), cwd: work});
	const stored = () => openPrefs({cwd: config}).get().sources;
	return {config, work, run, stored};
}

describe('akhbar sources add', () => {
	test('an https URL, normalized, with a name', () => {
		const {run, stored} = setup();
		expect(run('add', 'HTTPS://News.Example/ar/rss', '--name', 'أخبار المثال')).toEqual({
			code: 0,
			stdout: 'added 1. أخبار المثال  https://news.example/ar/rss\n',
			stderr: '',
		});
		expect(run('add', 'http://second.example/feed', '--name=الثاني').code).toBe(0);
		expect(run('add', 'https://third.example/', '-n', 'ثالث').code).toBe(0);
		expect(run('add', 'https://fourth.example/').stdout).toBe('added 4. https://fourth.example/\n');
		expect(stored()).toEqual([
			{url: 'https://news.example/ar/rss', name: 'أخبار المثال'},
			{url: 'http://second.example/feed', name: 'الثاني'},
			{url: 'https://third.example/', name: 'ثالث'},
			{url: 'https://fourth.example/'},
		]);
	});

	test('a file path becomes absolute; a file: URL becomes a path', () => {
		const {run, stored, work} = setup();
		fs.writeFileSync(path.join(work, 'local.xml'), '<rss/>');
		fs.writeFileSync(path.join(work, 'other.xml'), '<rss/>');
		expect(run('add', 'local.xml').stdout).toBe(`added 1. ${path.join(work, 'local.xml')}\n`);
		expect(run('add', `file://${path.join(work, 'other.xml')}`).code).toBe(0);
		expect(stored().map(source => source.url)).toEqual([path.join(work, 'local.xml'), path.join(work, 'other.xml')]);
	});

	test('a duplicate is refused with a message, exit 1', () => {
		const {run, stored, work} = setup();
		fs.writeFileSync(path.join(work, 'local.xml'), '<rss/>');
		run('add', 'https://news.example/rss', '--name', 'واحد');
		expect(run('add', 'https://NEWS.example/rss')).toEqual({
			code: 1,
			stdout: '',
			stderr: 'akhbar: already a source: 1. واحد  https://news.example/rss\n',
		});
		run('add', './local.xml');
		expect(run('add', path.join(work, 'local.xml')).code).toBe(1);
		expect(stored()).toHaveLength(2);
	});

	test('what cannot be a source is a usage error, exit 2, nothing saved', () => {
		const {run, stored, work, config} = setup();
		fs.mkdirSync(path.join(work, 'folder'));
		const cases: [string[], string][] = [
			[['add', 'ftp://files.example/feed.xml'], 'akhbar: cannot add only http and https URLs or files can be sources, not ftp:\n'],
			[['add', 'javascript:alert(1)'], 'akhbar: cannot add only http and https URLs or files can be sources, not javascript:\n'],
			[['add', 'https://'], 'akhbar: cannot add not a valid URL: https://\n'],
			[['add', 'missing.xml'], `akhbar: cannot add no such file: ${path.join(work, 'missing.xml')}\n`],
			[['add', 'folder'], `akhbar: cannot add not a file: ${path.join(work, 'folder')}\n`],
			[['add', '-'], 'akhbar: cannot add standard input cannot be a saved source\n'],
			[['add', 'https://ok.example/', '--name', 'ن'.repeat(201)], 'akhbar: cannot add a name longer than 200 characters\n'],
		];
		for (const [argv, stderr] of cases) {
			expect(run(...argv), argv.join(' ')).toEqual({code: 2, stdout: '', stderr});
		}

		expect(run('add', 'https://ok.example/', '--name', '\u2067 \u2069').stderr).toBe('akhbar: cannot add an empty name\n');
		expect(stored()).toEqual([]);
		expect(fs.existsSync(path.join(config, 'config.json'))).toBe(false);
	});

	test('flag mistakes are usage errors', () => {
		const {run} = setup();
		expect(run('add')).toMatchObject({code: 2, stderr: 'akhbar: missing URL_OR_FILE (see akhbar sources --help)\n'});
		expect(run('add', 'https://a.example/', 'https://b.example/').code).toBe(2);
		expect(run('add', 'https://a.example/', '--name')).toMatchObject({code: 2, stderr: 'akhbar: --name needs a value (see akhbar sources --help)\n'});
		expect(run('add', 'https://a.example/', '--colour', 'red')).toMatchObject({code: 2, stderr: 'akhbar: unknown flag --colour (see akhbar sources --help)\n'});
	});

	test('-- ends the flags, for a file whose name starts with a dash', () => {
		const {run, work} = setup();
		fs.writeFileSync(path.join(work, '-odd.xml'), '<rss/>');
		expect(run('add', '--', '-odd.xml').code).toBe(0);
	});

	test('a name with control characters or bidi overrides is stored clean', () => {
		const {run, stored} = setup();
		run('add', 'https://a.example/', '--name', 'عاجل\u001B[31m\u202Eخبر\n');
		expect(stored()[0]!.name).toBe('عاجل [31m خبر');
	});
});

describe('akhbar sources list and remove', () => {
	function withThree() {
		const context = setup();
		context.run('add', 'https://one.example/rss', '--name', 'الأول');
		context.run('add', 'https://two.example/rss', '--name', 'الثاني');
		context.run('add', 'https://three.example/rss');
		return context;
	}

	test('list: numbered, with names and URLs', () => {
		const {run} = withThree();
		expect(run('list')).toEqual({
			code: 0,
			stdout: '1. الأول  https://one.example/rss\n2. الثاني  https://two.example/rss\n3. https://three.example/rss\n',
			stderr: '',
		});
		expect(run()).toEqual(run('list'));
	});

	test('list: numbers are aligned past nine', () => {
		const {run} = setup();
		for (let i = 1; i <= 10; i++) run('add', `https://f${i}.example/`);
		const lines = run('list').stdout.split('\n');
		expect(lines[0]).toBe(' 1. https://f1.example/');
		expect(lines[9]).toBe('10. https://f10.example/');
	});

	test('list: with none, says how to add one', () => {
		const {run} = setup();
		expect(run('list')).toMatchObject({code: 0, stdout: expect.stringMatching(/^no sources yet; add one with: akhbar sources add/u) as string});
		expect(run('list', 'extra').code).toBe(2);
	});

	test('remove by number, by URL and by name', () => {
		const {run, stored} = withThree();
		expect(run('remove', '2')).toEqual({code: 0, stdout: 'removed 2. الثاني  https://two.example/rss\n', stderr: ''});
		expect(run('remove', 'HTTPS://THREE.example/rss').stdout).toBe('removed 2. https://three.example/rss\n');
		expect(run('rm', 'الأول').stdout).toBe('removed 1. الأول  https://one.example/rss\n');
		expect(stored()).toEqual([]);
	});

	test('remove a file source whose file is gone', () => {
		const {run, stored, work} = setup();
		const file = path.join(work, 'gone.xml');
		fs.writeFileSync(file, '<rss/>');
		run('add', 'gone.xml');
		fs.rmSync(file);
		expect(run('remove', 'gone.xml').code).toBe(0);
		expect(stored()).toEqual([]);
	});

	test('nothing to remove: exit 1 with one line', () => {
		const {run, stored} = withThree();
		expect(run('remove', '4')).toEqual({code: 1, stdout: '', stderr: 'akhbar: no source number 4; there are 3\n'});
		expect(run('remove', '0').code).toBe(1);
		expect(run('remove', 'https://four.example/rss')).toMatchObject({code: 1, stderr: 'akhbar: no source matches "https://four.example/rss" (see akhbar sources list)\n'});
		expect(run('remove', 'الرابع').code).toBe(1);
		expect(stored()).toHaveLength(3);
	});

	test('a name two sources share must be removed by number', () => {
		const {run, config} = setup();
		const prefs = openPrefs({cwd: config});
		prefs.set('sources', [{url: 'https://a.example/', name: 'نفس'}, {url: 'https://b.example/', name: 'نفس'}]);
		expect(run('remove', 'نفس')).toMatchObject({code: 1, stderr: 'akhbar: 2 sources are named "نفس"; remove one by its number\n'});
	});

	test('remove needs exactly one argument', () => {
		const {run} = withThree();
		expect(run('remove').code).toBe(2);
		expect(run('remove', '1', '2').code).toBe(2);
	});
});

describe('akhbar sources import', () => {
	test('an OPML 2.0 file: every feed, names kept, folders as tags', () => {
		const {run, stored} = setup();
		const result = run('import', path.join(fixtures, 'feeds-v2.opml'));
		expect(result).toEqual({code: 0, stdout: `imported 5 sources from ${path.join(fixtures, 'feeds-v2.opml')}\n`, stderr: ''});
		expect(stored()).toEqual([
			{url: 'https://sabah.example/rss.xml', name: 'جريدة الصباح', tags: ['صحف يومية']},
			{url: 'https://akhbar-wa-araa.example/feed?lang=ar&section=1', name: 'أخبار & آراء', tags: ['صحف يومية']},
			{url: 'http://madinati.example/atom', name: 'مدينتي', tags: ['صحف يومية', 'محلية']},
			{url: 'https://tech.example/index.rss', name: 'Tech Weekly'},
			{url: 'https://unnamed.example/feed.json'},
		]);
	});

	test('importing again adds nothing and says why', () => {
		const {run, stored, work} = setup();
		fs.copyFileSync(path.join(fixtures, 'feeds-v1-windows-1256.opml'), path.join(work, 'old.opml'));
		expect(run('import', 'old.opml').stdout).toBe(`imported 2 sources from ${path.join(work, 'old.opml')}\n`);
		expect(run('import', 'old.opml').stdout).toBe(`imported 0 sources from ${path.join(work, 'old.opml')}; skipped 2 (2 already present)\n`);
		expect(stored().map(source => source.name)).toEqual(['النشرة الثقافية', 'الرياضة اليوم']);
	});

	test('a hostile file: bad entries skipped with reasons, names cleaned', () => {
		const {run, stored} = setup();
		const result = run('import', path.join(fixtures, 'hostile.opml'));
		expect(result.code).toBe(0);
		expect(result.stdout).toBe(`imported 4 sources from ${path.join(fixtures, 'hostile.opml')}; skipped 4 (1 already present, 3 invalid)\n`);
		expect(result.stderr.trimEnd().split('\n')).toEqual([
			'akhbar: skipped only http and https URLs or files can be sources, not javascript:',
			'akhbar: skipped only http and https URLs or files can be sources, not ftp:',
			'akhbar: skipped no such file: /nonexistent/akhbar/feed.xml',
		]);
		expect(stored().map(source => source.url)).toEqual([
			'https://colours.example/rss',
			'https://bidi.example/rss',
			'https://spaces.example/a%20b',
			'https://odd.example/rss',
		]);
		for (const source of stored()) expect(source.name).not.toMatch(/[\u0000-\u001F\u007F-\u009F\u202A-\u202E]/u);
	});

	test('files named in an OPML are found next to it', () => {
		const {run, stored, work} = setup();
		fs.mkdirSync(path.join(work, 'lists'));
		fs.writeFileSync(path.join(work, 'lists', 'feed.xml'), '<rss/>');
		fs.writeFileSync(path.join(work, 'lists', 'mine.opml'), '<opml><body><outline text="محلي" xmlUrl="feed.xml"/></body></opml>');
		expect(run('import', 'lists/mine.opml').code).toBe(0);
		expect(stored()).toEqual([{url: path.join(work, 'lists', 'feed.xml'), name: 'محلي'}]);
	});

	test('what is not OPML, or no file at all: exit 1 with one line, nothing saved', () => {
		const {run, stored, work} = setup();
		const cases: [string, RegExp][] = [
			[path.join(fixtures, 'broken.opml'), /^akhbar: .*broken\.opml: not well-formed XML \(line 5: .*\)\n$/u],
			[path.join(fixtures, 'not-opml.xml'), /^akhbar: .*not-opml\.xml: not an OPML document \(no <opml> element\)\n$/u],
			[path.join(fixtures, 'external-entity.opml'), /^akhbar: .*external-entity\.opml: cannot read OPML: /u],
			['missing.opml', new RegExp(`^akhbar: no such file: ${path.join(work, 'missing.opml')}\\n$`, 'u')],
			[work, /^akhbar: not a file: /u],
		];
		for (const [file, stderr] of cases) {
			const result = run('import', file);
			expect(result.code, file).toBe(1);
			expect(result.stdout).toBe('');
			expect(result.stderr).toMatch(stderr);
		}

		expect(stored()).toEqual([]);
	});

	test('import needs exactly one file', () => {
		const {run} = setup();
		expect(run('import').code).toBe(2);
		expect(run('import', 'a.opml', 'b.opml').code).toBe(2);
	});
});

describe('akhbar sources export', () => {
	test('OPML 2.0 on stdout that imports back to the same list', () => {
		const first = setup();
		fs.writeFileSync(path.join(first.work, 'local.xml'), '<rss/>');
		first.run('add', 'https://a.example/rss?x=1&y=2', '--name', 'أخبار "خاصة" <عاجلة>');
		first.run('add', 'local.xml');
		const exported = first.run('export');
		expect(exported.code).toBe(0);
		expect(exported.stderr).toBe('');
		expect(exported.stdout).toContain('xmlUrl="https://a.example/rss?x=1&amp;y=2"');
		expect(exported.stdout).toContain(`xmlUrl="file://${path.join(first.work, 'local.xml')}"`);
		expect(parseOpml(exported.stdout).sources).toHaveLength(2);

		const second = setup();
		fs.writeFileSync(path.join(second.work, 'list.opml'), exported.stdout);
		expect(second.run('import', 'list.opml').code).toBe(0);
		expect(second.stored()).toEqual(first.stored());
	});

	test('with no sources, an empty but valid document', () => {
		const {run} = setup();
		expect(parseOpml(run('export').stdout).sources).toEqual([]);
		expect(run('export', 'file.opml').code).toBe(2);
	});
});

describe('tags', () => {
	test('add --tag (repeatable, -t, --tag=): stored clean, shown by list; --tag on a source already there tags it', () => {
		const {run, stored} = setup();
		expect(run('add', 'https://a.example/rss', '--name', 'أ', '--tag', 'سياسة', '-t', 'عربي', '--tag=سياسة').stdout).toBe('added 1. أ  https://a.example/rss  [سياسة, عربي]\n');
		expect(run('add', 'https://b.example/rss', '--tag', ' Tech\u001B[2J ').code).toBe(0);
		expect(run('add', 'https://b.example/rss', '--tag', 'News,Tech')).toEqual({code: 0, stdout: 'tagged 2. https://b.example/rss  [Tech [2J, News, Tech]\n', stderr: ''});
		expect(stored()).toEqual([
			{url: 'https://a.example/rss', name: 'أ', tags: ['سياسة', 'عربي']},
			{url: 'https://b.example/rss', tags: ['Tech [2J', 'News', 'Tech']},
		]);
		expect(run('list').stdout).toBe('1. أ  https://a.example/rss  [سياسة, عربي]\n2. https://b.example/rss  [Tech [2J, News, Tech]\n');
		expect(run('add', 'https://a.example/rss').code).toBe(1);
	});

	test('bad tags are usage errors, nothing saved', () => {
		const {run, stored} = setup();
		expect(run('add', 'https://a.example/', '--tag')).toMatchObject({code: 2, stderr: 'akhbar: --tag needs a value (see akhbar sources --help)\n'});
		expect(run('add', 'https://a.example/', '--tag', ' / , ')).toMatchObject({code: 2, stderr: 'akhbar: cannot add an empty tag\n'});
		expect(run('add', 'https://a.example/', ...Array.from({length: 17}, (_, i) => `--tag=t${i}`))).toMatchObject({code: 2, stderr: 'akhbar: cannot add more than 16 tags\n'});
		expect(stored()).toEqual([]);
	});

	test('list with what the library knows: unread, last refresh, a failure', () => {
		const config = tempDir();
		const prefs = openPrefs({cwd: config});
		prefs.set('sources', [{url: 'https://a.example/rss', name: 'أ'}, {url: 'https://b.example/rss'}, {url: 'https://c.example/rss'}]);
		const now = Date.now();
		const overview = () => [
			{spec: 'https://a.example/rss', name: 'أ', tags: [], unread: 12, total: 50, hasMostRead: false, refreshedAt: new Date(now - 5 * 60_000).toISOString()},
			{spec: 'https://b.example/rss', name: 'b', tags: [], unread: 0, total: 0, hasMostRead: false, failure: 'HTTP 404 Not Found\u001B[2J', failedAt: new Date(now - 3 * 3_600_000).toISOString()},
		];
		expect(runSourcesCommand(['list'], {prefs, overview}).stdout).toBe([
			'1. أ  https://a.example/rss  (12 unread of 50, refreshed 5 min ago)',
			'2. https://b.example/rss  (no items, failed 3 h ago (HTTP 404 Not Found [2J))',
			'3. https://c.example/rss',
			'',
		].join('\n'));
	});

	test('import: folders and categories become tags; a feed in two folders gets both; export and import keep them', () => {
		const first = setup();
		fs.copyFileSync(path.join(fixtures, 'feedly-export.opml'), path.join(first.work, 'feedly.opml'));
		expect(first.run('import', 'feedly.opml').stdout).toMatch(/^imported 3 sources from .*; skipped 1 \(1 already present\)\n$/u);
		expect(first.stored()).toEqual([
			{url: 'https://enabbaladi.example/feed/', name: 'عنب بلدي', tags: ['Politics', 'Syria']},
			{url: 'https://mee.example/rss', name: 'Middle East Eye', tags: ['Politics']},
			{url: 'https://unfiled.example/atom.xml', name: 'Unfiled'},
		]);
		fs.copyFileSync(path.join(fixtures, 'categories.opml'), path.join(first.work, 'categories.opml'));
		expect(first.run('import', 'categories.opml').code).toBe(0);
		const exported = first.run('export').stdout;
		expect(exported).toContain('<outline text="Politics" title="Politics">');
		const second = setup();
		fs.writeFileSync(path.join(second.work, 'list.opml'), exported);
		expect(second.run('import', 'list.opml').code).toBe(0);
		expect(new Set(second.stored().map(source => JSON.stringify(source)))).toEqual(new Set(first.stored().map(source => JSON.stringify(source))));
	});
});

describe('akhbar sources help and mistakes', () => {
	test('--help shows usage on stdout', () => {
		const {run} = setup();
		expect(run('--help')).toMatchObject({code: 0, stdout: expect.stringMatching(/^Usage: akhbar sources/u) as string, stderr: ''});
	});

	test('an unknown subcommand is a usage error', () => {
		const {run} = setup();
		expect(run('purge')).toEqual({
			code: 2,
			stdout: '',
			stderr: 'akhbar: unknown sources command "purge"; use list, add, remove, import or export (see akhbar sources --help)\n',
		});
	});

	test('preferences that cannot be saved: exit 1, nothing pretends to be added', () => {
		const {run, config} = setup();
		fs.mkdirSync(path.join(config, 'config.json'));
		const result = run('add', 'https://a.example/');
		expect(result.code).toBe(1);
		expect(result.stdout).toBe('');
		expect(result.stderr).toMatch(/is a directory.*\nakhbar: nothing was saved/u);
	});
});
