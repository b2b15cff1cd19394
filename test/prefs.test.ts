import fs from 'node:fs';
import path from 'node:path';
import {describe, expect, test} from 'vitest';
import {openPrefs, parsePrefValue, prefDefaults, prefKeys, type Prefs} from '../source/prefs.js';
import {runScript, sourceUrl, tempDir} from './store/helpers.js';

function writeConfig(dir: string, content: string): string {
	const file = path.join(dir, 'config.json');
	fs.writeFileSync(file, content);
	return file;
}

function badCopies(dir: string): string[] {
	return fs.readdirSync(dir).filter(name => name.startsWith('config.json.bad-'));
}

function readJson(file: string): unknown {
	return JSON.parse(fs.readFileSync(file, 'utf8'));
}

describe('preferences on a healthy file', () => {
	test('with no file, every key has its default and nothing is written', () => {
		const dir = tempDir();
		const prefs = openPrefs({cwd: dir});
		expect(prefs.get()).toEqual(prefDefaults);
		expect(Object.keys(prefs.get()).sort()).toEqual([...prefKeys].sort());
		expect(prefs.notice).toBeUndefined();
		expect(prefs.persistent).toBe(true);
		expect(prefs.path).toBe(path.join(dir, 'config.json'));
		expect(fs.existsSync(prefs.path)).toBe(false);
	});

	test('a value set is saved, survives reopening, and only changed keys are in the file', () => {
		const dir = tempDir();
		openPrefs({cwd: dir}).set('measure', 90);
		openPrefs({cwd: dir}).set('shaping', false);
		const prefs = openPrefs({cwd: dir});
		expect(prefs.get()).toEqual({...prefDefaults, measure: 90, shaping: false});
		expect(readJson(prefs.path)).toEqual({measure: 90, shaping: false});
	});

	test('a bad value is refused with a one-line message and nothing is written', () => {
		const dir = tempDir();
		const prefs = openPrefs({cwd: dir});
		prefs.set('measure', 80);
		const before = fs.readFileSync(prefs.path, 'utf8');
		expect(() => prefs.set('measure', 500)).toThrow(/^measure must be a whole number from 20 to 200, not 500$/);
		expect(() => prefs.set('measure', 72.5)).toThrow(/measure must be/);
		expect(() => prefs.set('bidi', 'sideways' as Prefs['bidi'])).toThrow(/^bidi must be one of auto, app, terminal, off/);
		expect(() => prefs.set('sources', [{url: 'ftp://example.com/feed'}])).toThrow(/^sources must be/);
		expect(() => prefs.set('nope' as 'measure', 80)).toThrow(/^unknown preference "nope"; known: shaping, bidi/);
		expect(fs.readFileSync(prefs.path, 'utf8')).toBe(before);
	});

	test('reset returns one key, or every key, to its default', () => {
		const dir = tempDir();
		const prefs = openPrefs({cwd: dir});
		prefs.set('measure', 90);
		prefs.set('theme', 'mono');
		prefs.reset('measure');
		expect(prefs.get()).toEqual({...prefDefaults, theme: 'mono'});
		prefs.reset();
		expect(prefs.get()).toEqual(prefDefaults);
		expect(readJson(prefs.path)).toEqual({});
	});

	test('update changes a key from its value on disk, not from a stale copy', () => {
		const dir = tempDir();
		const first = openPrefs({cwd: dir});
		const second = openPrefs({cwd: dir});
		first.update('sources', sources => [...sources, {url: 'https://one.example/feed'}]);
		second.update('sources', sources => [...sources, {url: 'https://two.example/feed'}]);
		expect(first.get().sources.map(source => source.url)).toEqual(['https://one.example/feed', 'https://two.example/feed']);
	});

	test('keys a newer akhbar may have written are left alone in a healthy file', () => {
		const dir = tempDir();
		const file = writeConfig(dir, JSON.stringify({measure: 100, futureKey: {a: 1}}));
		const prefs = openPrefs({cwd: dir});
		expect(prefs.notice).toBeUndefined();
		expect(prefs.get()).toEqual({...prefDefaults, measure: 100});
		expect(prefs.get()).not.toHaveProperty('futureKey');
		prefs.set('theme', 'color');
		expect(readJson(file)).toEqual({measure: 100, futureKey: {a: 1}, theme: 'color'});
	});

	test('the shipped defaults satisfy the schema', () => {
		const dir = tempDir();
		const prefs = openPrefs({cwd: dir});
		for (const key of prefKeys) prefs.set(key, prefDefaults[key]);
		expect(prefs.get()).toEqual(prefDefaults);
	});
});

describe('parsePrefValue, for values typed on the command line', () => {
	test('booleans take on/off/true/false in any case', () => {
		expect(parsePrefValue('shaping', 'on')).toBe(true);
		expect(parsePrefValue('shaping', 'OFF')).toBe(false);
		expect(parsePrefValue('shaping', 'true')).toBe(true);
		expect(parsePrefValue('shaping', 'false')).toBe(false);
		expect(() => parsePrefValue('shaping', 'yes please')).toThrow(/^shaping must be on or off, not "yes please"$/);
	});

	test('numbers must be whole and in range', () => {
		expect(parsePrefValue('measure', '20')).toBe(20);
		expect(parsePrefValue('measure', ' 200 ')).toBe(200);
		expect(parsePrefValue('headlinesWidth', '80')).toBe(80);
		expect(() => parsePrefValue('measure', '19')).toThrow(/from 20 to 200/);
		expect(() => parsePrefValue('measure', '201')).toThrow(/from 20 to 200/);
		expect(() => parsePrefValue('measure', '72.5')).toThrow(/whole number/);
		expect(() => parsePrefValue('measure', '0x40')).toThrow(/whole number/);
		expect(() => parsePrefValue('headlinesWidth', '81')).toThrow(/from 20 to 80/);
	});

	test('choices are one of their words', () => {
		expect(parsePrefValue('bidi', 'terminal')).toBe('terminal');
		expect(parsePrefValue('digits', 'Arabic')).toBe('arabic');
		expect(parsePrefValue('theme', 'mono')).toBe('mono');
		expect(() => parsePrefValue('align', 'center')).toThrow(/^align must be one of auto, right, left, justify, not "center"$/);
	});

	test('an unknown key lists the known ones; sources are changed elsewhere', () => {
		expect(() => parsePrefValue('colour', 'red')).toThrow(`unknown preference "colour"; known: ${prefKeys.join(', ')}`);
		expect(() => parsePrefValue('sources', '[]')).toThrow(/akhbar sources/);
	});

	test('control characters in what was typed never appear raw in the message', () => {
		let message = '';
		try {
			parsePrefValue('theme', 'x\u001B[2J\u009B31m');
		} catch (error) {
			message = (error as Error).message;
		}

		expect(message).toContain('\\u001b[2J\\u009b31m');
		expect(message).not.toMatch(/[\u0000-\u001F\u007F-\u009F]/u);
	});
});

describe('a damaged preferences file never stops akhbar', () => {
	test('an empty file: defaults, a notice, no copy kept', () => {
		const dir = tempDir();
		writeConfig(dir, '');
		const prefs = openPrefs({cwd: dir});
		expect(prefs.get()).toEqual(prefDefaults);
		expect(prefs.notice).toMatch(/^preferences file was empty: started afresh$/);
		expect(badCopies(dir)).toEqual([]);
		prefs.set('measure', 60);
		expect(openPrefs({cwd: dir}).get().measure).toBe(60);
	});

	test('invalid JSON: the original bytes are kept aside and the user is told where', () => {
		const dir = tempDir();
		const original = '{"measure": 90, "theme": "mono",,,\n\u0000garbage';
		writeConfig(dir, original);
		const prefs = openPrefs({cwd: dir});
		expect(prefs.get()).toEqual(prefDefaults);
		const [copy] = badCopies(dir);
		expect(copy).toMatch(/^config\.json\.bad-\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d\.\d{3}Z$/);
		expect(fs.readFileSync(path.join(dir, copy!), 'utf8')).toBe(original);
		expect(prefs.notice).toBe(`preferences file was damaged (invalid JSON): moved it to ${path.join(dir, copy!)}; nothing could be kept`);
		expect(prefs.notice).not.toContain('\n');
		// The repaired file is healthy: opening again says nothing.
		expect(openPrefs({cwd: dir}).notice).toBeUndefined();
	});

	test('one bad key among good ones: the good ones survive, the bad one is reset', () => {
		const dir = tempDir();
		writeConfig(dir, JSON.stringify({measure: 90, theme: 'purple', shaping: false, headlinesWidth: 500}));
		const prefs = openPrefs({cwd: dir});
		expect(prefs.get()).toEqual({...prefDefaults, measure: 90, shaping: false});
		expect(prefs.notice).toMatch(/damaged \(invalid values\): moved it to .*config\.json\.bad-.*; kept shaping, measure; reset headlinesWidth, theme to default$/);
		expect(readJson(prefs.path)).toEqual({measure: 90, shaping: false});
		expect(readJson(path.join(dir, badCopies(dir)[0]!))).toEqual({measure: 90, theme: 'purple', shaping: false, headlinesWidth: 500});
	});

	test('one bad source does not cost the others', () => {
		const dir = tempDir();
		const good = [{url: 'https://a.example/feed', name: 'أخبار أ'}, {url: '/home/reader/feed.xml'}];
		writeConfig(dir, JSON.stringify({sources: [good[0], {url: 'javascript:alert(1)'}, {name: 'no url'}, good[1]]}));
		const prefs = openPrefs({cwd: dir});
		expect(prefs.get().sources).toEqual(good);
		expect(prefs.notice).toMatch(/kept sources \(dropped bad entries of sources\)$/);
	});

	test('entries written before sites had feeds stay as they are; a site\'s feed is kept, a bad one dropped', () => {
		const dir = tempDir();
		const old = [{url: 'https://a.example/feed', name: 'أخبار أ'}, {url: '/home/reader/feed.xml'}];
		writeConfig(dir, JSON.stringify({measure: 80, sources: old}));
		const prefs = openPrefs({cwd: dir});
		expect(prefs.notice).toBeUndefined();
		expect(prefs.get().sources).toEqual(old);
		prefs.update('sources', sources => [...sources, {url: 'https://site.example/', feed: 'https://site.example/rss.xml'}]);
		expect(readJson(prefs.path)).toEqual({measure: 80, sources: [...old, {url: 'https://site.example/', feed: 'https://site.example/rss.xml'}]});
		writeConfig(dir, JSON.stringify({sources: [{url: 'https://site.example/', feed: 'javascript:alert(1)'}, old[0]]}));
		expect(openPrefs({cwd: dir}).get().sources).toEqual([old[0]]);
	});

	test('a file of the last version (sources with feeds, no tags, no library keys) loads as it is; tags are kept, bad ones dropped with their entry', () => {
		const dir = tempDir();
		const old = [{url: 'https://a.example/feed', name: 'أخبار أ'}, {url: 'https://site.example/', feed: 'https://site.example/rss.xml'}, {url: '/home/reader/feed.xml'}];
		writeConfig(dir, JSON.stringify({measure: 80, theme: 'mono', sources: old}));
		const prefs = openPrefs({cwd: dir});
		expect(prefs.notice).toBeUndefined();
		expect(prefs.get().sources).toEqual(old);
		expect(prefs.get()).toMatchObject({archiveDays: 90, maxItemsPerSource: 1000, autoRefresh: 30, measure: 80});
		const tagged = {url: 'https://b.example/feed', tags: ['سياسة', 'Tech news']};
		prefs.update('sources', sources => [...sources, tagged]);
		expect(readJson(prefs.path)).toEqual({measure: 80, theme: 'mono', sources: [...old, tagged]});
		const bad = [
			{url: 'https://c.example/', tags: ['x\u001B[2J']},
			{url: 'https://d.example/', tags: ['a,b']},
			{url: 'https://e.example/', tags: ['\u2067rtl']},
			{url: 'https://f.example/', tags: ['']},
			{url: 'https://g.example/', tags: [' padded ']},
			{url: 'https://h.example/', tags: 'news'},
		];
		writeConfig(dir, JSON.stringify({sources: [old[0], ...bad, tagged]}));
		expect(openPrefs({cwd: dir}).get().sources).toEqual([old[0], tagged]);
	});

	test('the library\'s preferences are whole numbers within bounds', () => {
		expect(parsePrefValue('archiveDays', '30')).toBe(30);
		expect(parsePrefValue('autoRefresh', '0')).toBe(0);
		expect(parsePrefValue('maxItemsPerSource', '500')).toBe(500);
		expect(() => parsePrefValue('archiveDays', '0')).toThrow(/archiveDays must be a whole number from 1 to 36500/);
		expect(() => parsePrefValue('autoRefresh', '-5')).toThrow(/autoRefresh must be/);
		expect(() => parsePrefValue('maxItemsPerSource', '1.5')).toThrow(/maxItemsPerSource must be/);
	});

	test('a name or URL with a control character is never kept', () => {
		const dir = tempDir();
		writeConfig(dir, JSON.stringify({sources: [{url: 'https://a.example/\u001B[2J'}, {url: 'https://b.example/', name: 'x\u009B31m'}]}));
		expect(openPrefs({cwd: dir}).get().sources).toEqual([]);
	});

	test('unknown keys of a damaged file are kept only in the copy', () => {
		const dir = tempDir();
		writeConfig(dir, JSON.stringify({measure: 'wide', futureKey: 1, align: 'left'}));
		const prefs = openPrefs({cwd: dir});
		expect(readJson(prefs.path)).toEqual({align: 'left'});
		expect(readJson(path.join(dir, badCopies(dir)[0]!))).toMatchObject({futureKey: 1});
	});

	test('JSON that is not an object is damaged too', () => {
		const dir = tempDir();
		writeConfig(dir, '[1, 2, 3]');
		const prefs = openPrefs({cwd: dir});
		expect(prefs.get()).toEqual(prefDefaults);
		expect(prefs.notice).toMatch(/damaged \(not a JSON object\)/);
	});

	test('a file damaged while akhbar runs is repaired on the next read', () => {
		const dir = tempDir();
		const prefs = openPrefs({cwd: dir});
		prefs.set('measure', 90);
		fs.writeFileSync(prefs.path, '{"measure": 90, "digits": "roman"');
		expect(prefs.get()).toEqual(prefDefaults);
		expect(prefs.notice).toMatch(/invalid JSON/);
		prefs.set('digits', 'arabic');
		expect(openPrefs({cwd: dir}).get().digits).toBe('arabic');
	});

	test('a file damaged while akhbar runs is repaired before the next write, under the lock', () => {
		const dir = tempDir();
		const prefs = openPrefs({cwd: dir});
		prefs.set('measure', 90);
		fs.writeFileSync(prefs.path, JSON.stringify({measure: 90, theme: 7}));
		prefs.set('align', 'right');
		expect(readJson(prefs.path)).toEqual({measure: 90, align: 'right'});
		expect(badCopies(dir)).toHaveLength(1);
	});

	test('two damaged opens in the same millisecond keep two distinct copies', () => {
		const dir = tempDir();
		writeConfig(dir, 'first');
		openPrefs({cwd: dir});
		writeConfig(dir, 'second');
		openPrefs({cwd: dir});
		const copies = badCopies(dir).map(name => fs.readFileSync(path.join(dir, name), 'utf8')).sort();
		expect(copies).toEqual(['first', 'second']);
	});

	test('a directory where the file should be: defaults in memory, a notice, no crash', () => {
		const dir = tempDir();
		fs.mkdirSync(path.join(dir, 'config.json'));
		fs.writeFileSync(path.join(dir, 'config.json', 'keep.txt'), 'mine');
		const prefs = openPrefs({cwd: dir});
		expect(prefs.get()).toEqual(prefDefaults);
		expect(prefs.persistent).toBe(false);
		expect(prefs.notice).toBe(`preferences file ${prefs.path} is a directory; using defaults, nothing will be saved this session`);
		// Changes last for the session.
		prefs.set('measure', 50);
		expect(prefs.get().measure).toBe(50);
		// The user's directory is untouched.
		expect(fs.readFileSync(path.join(dir, 'config.json', 'keep.txt'), 'utf8')).toBe('mine');
	});

	test('a read-only file reads normally; saving fails with one line and changes nothing', () => {
		const dir = tempDir();
		const file = writeConfig(dir, JSON.stringify({measure: 90}));
		fs.chmodSync(file, 0o444);
		const prefs = openPrefs({cwd: dir});
		expect(prefs.get().measure).toBe(90);
		expect(prefs.notice).toBeUndefined();
		expect(() => prefs.set('measure', 100)).toThrow(`cannot save preferences: ${file} is read-only`);
		expect(() => prefs.reset()).toThrow(/read-only/);
		expect(readJson(file)).toEqual({measure: 90});
	});

	test('a read-only folder reads normally; saving fails with one line', () => {
		const dir = tempDir();
		writeConfig(dir, JSON.stringify({theme: 'mono'}));
		fs.chmodSync(dir, 0o555);
		const prefs = openPrefs({cwd: dir});
		expect(prefs.get().theme).toBe('mono');
		expect(() => prefs.set('theme', 'color')).toThrow(`cannot save preferences: ${dir} is read-only`);
		expect(fs.readdirSync(dir)).toEqual(['config.json']);
	});

	test('a damaged file in a read-only folder: valid keys in memory, a notice, no crash', () => {
		const dir = tempDir();
		writeConfig(dir, JSON.stringify({measure: 90, theme: 'purple'}));
		fs.chmodSync(dir, 0o555);
		const prefs = openPrefs({cwd: dir});
		// As root, rename succeeds despite the mode; either way akhbar must go on.
		expect(prefs.get().measure).toBe(90);
		expect(prefs.get().theme).toBe('auto');
		expect(prefs.notice).toMatch(/^preferences file/);
	});

	test('a plain file where the folder should be: defaults in memory, a notice, no crash', () => {
		const parent = tempDir();
		const dir = path.join(parent, 'akhbar');
		fs.writeFileSync(dir, 'not a folder');
		const prefs = openPrefs({cwd: dir});
		expect(prefs.get()).toEqual(prefDefaults);
		expect(prefs.persistent).toBe(false);
		expect(prefs.notice).toMatch(/cannot be used \(ENOTDIR\); using defaults, nothing will be saved this session$/u);
		expect(fs.readFileSync(dir, 'utf8')).toBe('not a folder');
	});

	test('a folder replaced by a file while akhbar runs: saving fails with one line', () => {
		const dir = path.join(tempDir(), 'akhbar');
		const prefs = openPrefs({cwd: dir});
		prefs.set('measure', 90);
		fs.rmSync(dir, {recursive: true});
		fs.writeFileSync(dir, 'in the way');
		expect(() => prefs.set('measure', 100)).toThrow(`cannot save preferences: ${dir} is not writable (ENOTDIR)`);
	});

	test('a missing folder is created on the first write', () => {
		const dir = path.join(tempDir(), 'deeper', 'akhbar');
		const prefs = openPrefs({cwd: dir});
		expect(prefs.get()).toEqual(prefDefaults);
		prefs.set('headlines', 'left');
		expect(openPrefs({cwd: dir}).get().headlines).toBe('left');
	});
});

describe('two akhbar processes at once', () => {
	test('each setting its own keys many times, neither loses the other\'s settings', async () => {
		const dir = tempDir();
		const scripts = tempDir();
		const writer = (keys: [string, number][], rounds: number) => `
			import {openPrefs} from ${JSON.stringify(sourceUrl('prefs.ts'))};
			const prefs = openPrefs({cwd: ${JSON.stringify(dir)}});
			for (let round = 0; round < ${rounds}; round++) {
				for (const [key, base] of ${JSON.stringify(keys)}) prefs.set(key, base + (round % 10));
			}
			for (const [key, base] of ${JSON.stringify(keys)}) prefs.set(key, base + 20);
		`;
		// Different keys per process; each final value is unique to its writer.
		await Promise.all([
			runScript(scripts, 'a', writer([['measure', 100]], 300)),
			runScript(scripts, 'b', writer([['headlinesWidth', 40]], 300)),
		]);
		const prefs = openPrefs({cwd: dir});
		expect(prefs.get().measure).toBe(120);
		expect(prefs.get().headlinesWidth).toBe(60);
		expect(prefs.notice).toBeUndefined();
		expect(fs.readdirSync(dir).sort()).toEqual(['config.json']);
	}, 60_000);

	test('two processes opening the same damaged file: one copy kept aside, both settings saved', async () => {
		const dir = tempDir();
		const scripts = tempDir();
		fs.writeFileSync(path.join(dir, 'config.json'), '{"measure": 90, "theme": "plaid"');
		const opener = (key: string, value: string) => `
			import {openPrefs} from ${JSON.stringify(sourceUrl('prefs.ts'))};
			const prefs = openPrefs({cwd: ${JSON.stringify(dir)}});
			prefs.set(${JSON.stringify(key)}, ${JSON.stringify(value)});
			console.log(prefs.notice ?? '');
		`;
		const outputs = await Promise.all([runScript(scripts, 'a', opener('align', 'left')), runScript(scripts, 'b', opener('digits', 'arabic'))]);
		expect(openPrefs({cwd: dir}).get()).toMatchObject({align: 'left', digits: 'arabic'});
		const copies = fs.readdirSync(dir).filter(name => name.startsWith('config.json.bad-'));
		expect(copies).toHaveLength(1);
		expect(fs.readFileSync(path.join(dir, copies[0]!), 'utf8')).toBe('{"measure": 90, "theme": "plaid"');
		// Whichever process repaired the file told its user.
		expect(outputs.filter(output => output.includes('invalid JSON'))).toHaveLength(1);
	}, 60_000);

	test('two processes adding sources at once keep all of them', async () => {
		const dir = tempDir();
		const scripts = tempDir();
		const adder = (prefix: string) => `
			import {openPrefs} from ${JSON.stringify(sourceUrl('prefs.ts'))};
			const prefs = openPrefs({cwd: ${JSON.stringify(dir)}});
			for (let i = 0; i < 100; i++) {
				prefs.update('sources', sources => [...sources, {url: 'https://${prefix}.example/' + i}]);
			}
		`;
		await Promise.all([runScript(scripts, 'a', adder('a')), runScript(scripts, 'b', adder('b'))]);
		const urls = openPrefs({cwd: dir}).get().sources.map(source => source.url);
		expect(urls).toHaveLength(200);
		expect(new Set(urls).size).toBe(200);
	}, 60_000);
});
