import fs from 'node:fs';
import path from 'node:path';
import {describe, expect, test} from 'vitest';
import {runPrefsCommand} from '../../source/commands/prefs.js';
import {openPrefs, prefKeys} from '../../source/prefs.js';
import {tempDir} from '../store/helpers.js';

/** Runs `akhbar prefs ...` on preferences in a fresh folder (or `dir`). */
function prefs(argv: string[], dir = tempDir()) {
	return runPrefsCommand(argv, {prefs: openPrefs({cwd: dir}), cwd: dir});
}

describe('akhbar prefs list', () => {
	test('every key with its value, defaults marked', () => {
		const result = prefs(['list']);
		expect(result.code).toBe(0);
		expect(result.stderr).toBe('');
		const lines = result.stdout.trimEnd().split('\n');
		expect(lines.map(line => line.split(/\s+/u)[0])).toEqual(prefKeys);
		expect(lines[0]).toMatch(/^shaping\s+on\s+\(default\)$/u);
		expect(lines.find(line => line.startsWith('measure '))).toMatch(/^measure\s+72\s+\(default\)$/u);
		expect(lines.find(line => line.startsWith('sources '))).toMatch(/^sources\s+none\s+\(default\)$/u);
	});

	test('a changed value shows the default beside it', () => {
		const dir = tempDir();
		prefs(['set', 'measure', '90'], dir);
		prefs(['set', 'shaping', 'off'], dir);
		const {stdout} = prefs(['list'], dir);
		expect(stdout).toMatch(/^measure\s+90\s+\(default: 72\)$/mu);
		expect(stdout).toMatch(/^shaping\s+off\s+\(default: on\)$/mu);
	});

	test('is what `akhbar prefs` alone shows', () => {
		const dir = tempDir();
		expect(prefs([], dir)).toEqual(prefs(['list'], dir));
	});

	test('takes no arguments', () => {
		const result = prefs(['list', 'measure']);
		expect(result).toMatchObject({code: 2, stdout: ''});
		expect(result.stderr).toBe('akhbar: too many arguments for list: measure (see akhbar prefs --help)\n');
	});
});

describe('akhbar prefs get', () => {
	test('prints one value as the command line writes it', () => {
		const dir = tempDir();
		expect(prefs(['get', 'shaping'], dir)).toEqual({code: 0, stdout: 'on\n', stderr: ''});
		expect(prefs(['get', 'measure'], dir).stdout).toBe('72\n');
		expect(prefs(['get', 'sources'], dir).stdout).toBe('[]\n');
	});

	test('an unknown or missing key is a usage error', () => {
		const unknown = prefs(['get', 'colour']);
		expect(unknown.code).toBe(2);
		expect(unknown.stderr).toBe(`akhbar: unknown preference "colour"; known: ${prefKeys.join(', ')}\n`);
		expect(prefs(['get'])).toMatchObject({code: 2, stderr: 'akhbar: missing KEY (see akhbar prefs --help)\n'});
	});
});

describe('akhbar prefs set', () => {
	test('saves the value and says so', () => {
		const dir = tempDir();
		expect(prefs(['set', 'measure', '100'], dir)).toEqual({code: 0, stdout: 'measure = 100\n', stderr: ''});
		expect(prefs(['set', 'shaping', 'false'], dir).stdout).toBe('shaping = off\n');
		expect(prefs(['set', 'theme', 'MONO'], dir).stdout).toBe('theme = mono\n');
		expect(openPrefs({cwd: dir}).get()).toMatchObject({measure: 100, shaping: false, theme: 'mono'});
	});

	test('a bad value: one line on stderr, exit 2, nothing saved', () => {
		const dir = tempDir();
		const result = prefs(['set', 'measure', '500'], dir);
		expect(result).toEqual({code: 2, stdout: '', stderr: 'akhbar: measure must be a whole number from 20 to 200, not "500"\n'});
		expect(prefs(['set', 'align', 'centre'], dir).stderr).toBe('akhbar: align must be one of auto, right, left, justify, not "centre"\n');
		expect(fs.existsSync(path.join(dir, 'config.json'))).toBe(false);
	});

	test('sources are not set here', () => {
		const result = prefs(['set', 'sources', '[]']);
		expect(result.code).toBe(2);
		expect(result.stderr).toMatch(/akhbar sources/u);
	});

	test('missing or extra arguments are usage errors', () => {
		expect(prefs(['set'])).toMatchObject({code: 2, stderr: 'akhbar: missing KEY (see akhbar prefs --help)\n'});
		expect(prefs(['set', 'measure'])).toMatchObject({code: 2, stderr: 'akhbar: missing VALUE for measure: a whole number from 20 to 200 (see akhbar prefs --help)\n'});
		expect(prefs(['set', 'theme', 'mono', 'color']).code).toBe(2);
		expect(prefs(['set', 'nope', '1']).code).toBe(2);
	});

	test('a read-only file: exit 1 with one line', () => {
		const dir = tempDir();
		prefs(['set', 'measure', '90'], dir);
		fs.chmodSync(path.join(dir, 'config.json'), 0o444);
		const result = prefs(['set', 'measure', '100'], dir);
		expect(result).toEqual({code: 1, stdout: '', stderr: `akhbar: cannot save preferences: ${path.join(dir, 'config.json')} is read-only\n`});
	});

	test('a directory in place of the file: the notice, then exit 1, nothing pretends to be saved', () => {
		const dir = tempDir();
		fs.mkdirSync(path.join(dir, 'config.json'));
		const result = prefs(['set', 'measure', '100'], dir);
		expect(result.code).toBe(1);
		expect(result.stdout).toBe('');
		const lines = result.stderr.trimEnd().split('\n');
		expect(lines).toHaveLength(2);
		expect(lines[0]).toMatch(/^akhbar: preferences file .* is a directory/u);
		expect(lines[1]).toMatch(/^akhbar: nothing was saved/u);
	});

	test('a damaged file: the notice is shown once, and the command still works', () => {
		const dir = tempDir();
		fs.writeFileSync(path.join(dir, 'config.json'), '{oops');
		const result = prefs(['set', 'measure', '100'], dir);
		expect(result.code).toBe(0);
		expect(result.stdout).toBe('measure = 100\n');
		expect(result.stderr).toMatch(/^akhbar: preferences file was damaged \(invalid JSON\): moved it to .*\n$/u);
		expect(prefs(['get', 'measure'], dir)).toEqual({code: 0, stdout: '100\n', stderr: ''});
	});

	test('escape sequences typed by the user never come back raw', () => {
		const result = prefs(['set', 'theme', '\u001B]0;pwned\u0007']);
		expect(result.code).toBe(2);
		expect(result.stderr).not.toMatch(/[\u0000-\u0009\u000B-\u001F\u007F-\u009F]/u);
		const key = prefs(['get', '\u009B2J']);
		expect(key.stderr).not.toMatch(/[\u0000-\u0009\u000B-\u001F\u007F-\u009F]/u);
	});
});

describe('akhbar prefs and your own keys', () => {
	test('set keys.ACTION saves the keys; get and list show them', () => {
		const dir = tempDir();
		expect(prefs(['set', 'keys.down', 'J'], dir)).toEqual({code: 0, stdout: 'keys.down = J\n', stderr: ''});
		expect(prefs(['set', 'keys.top', 'j  x'], dir).stdout).toBe('keys.top = j x\n');
		expect(openPrefs({cwd: dir}).get().keys).toEqual({down: 'J', top: 'j x'});
		expect(prefs(['get', 'keys.down'], dir).stdout).toBe('J\n');
		expect(prefs(['get', 'keys.up'], dir).stdout).toBe('k\n');
		expect(prefs(['get', 'keys.open'], dir).stdout).toBe('none\n');
		expect(prefs(['get', 'keys'], dir).stdout).toBe('down=J top="j x"\n');
		expect(prefs(['list'], dir).stdout).toMatch(/^keys\s+down=J top="j x"\s+\(default: none\)$/mu);
		expect(prefs(['list']).stdout).toMatch(/^keys\s+none\s+\(default\)$/mu);
	});

	test('a key another action keeps is refused: one line, exit 2, nothing saved', () => {
		const dir = tempDir();
		expect(prefs(['set', 'keys.down', 'k'], dir)).toEqual({
			code: 2,
			stdout: '',
			stderr: 'akhbar: keys.down: "k" is already up\'s key; rebind up too\n',
		});
		prefs(['set', 'keys.up', 'i'], dir);
		expect(prefs(['set', 'keys.down', 'i'], dir).stderr).toBe('akhbar: keys.down: "i" is already up\'s key\n');
		expect(openPrefs({cwd: dir}).get().keys).toEqual({up: 'i'});
		// With up moved away, k is free.
		expect(prefs(['set', 'keys.down', 'k'], dir).code).toBe(0);
	});

	test('an unknown action, a key that is not Latin, or the whole section: usage errors', () => {
		const dir = tempDir();
		expect(prefs(['set', 'keys.dwon', 'x'], dir)).toMatchObject({code: 2, stderr: expect.stringMatching(/^akhbar: unknown action "dwon"; known: down, up, /u) as string});
		expect(prefs(['set', 'keys.jump', 'x'], dir).code).toBe(2);
		expect(prefs(['set', 'keys.down', 'ت'], dir)).toMatchObject({code: 2, stderr: 'akhbar: keys.down: "\\u062a" is not one Latin character, such as j or J\n'});
		expect(prefs(['set', 'keys.down'], dir).code).toBe(2);
		expect(prefs(['set', 'keys', '{"down":"J"}'], dir)).toMatchObject({code: 2, stderr: 'akhbar: keys is set one action at a time: akhbar prefs set keys.ACTION KEY\n'});
		expect(fs.existsSync(path.join(dir, 'config.json'))).toBe(false);
	});

	test('reset keys.ACTION gives an action its default keys back; a misspelt one can be removed', () => {
		const dir = tempDir();
		prefs(['set', 'keys.down', 'J'], dir);
		prefs(['set', 'keys.up', 'K'], dir);
		expect(prefs(['reset', 'keys.down'], dir)).toEqual({code: 0, stdout: 'keys.down = j (default)\n', stderr: ''});
		expect(openPrefs({cwd: dir}).get().keys).toEqual({up: 'K'});
		const file = path.join(dir, 'config.json');
		fs.writeFileSync(file, JSON.stringify({keys: {up: 'K', dwon: 'x'}}));
		expect(prefs(['set', 'keys.down', 'J'], dir).stderr).toBe('akhbar: keys: "dwon" is not an action\n');
		expect(prefs(['reset', 'keys.dwon'], dir)).toEqual({code: 0, stdout: '"keys.dwon" removed\n', stderr: ''});
		expect(openPrefs({cwd: dir}).get().keys).toEqual({up: 'K'});
		expect(prefs(['reset', 'keys'], dir).code).toBe(0);
		expect(openPrefs({cwd: dir}).get().keys).toEqual({});
	});

	test('a section whose shape is damaged is repaired like any damaged preference', () => {
		const dir = tempDir();
		fs.writeFileSync(path.join(dir, 'config.json'), JSON.stringify({measure: 90, keys: {down: 'J', up: 5, top: 'g\u001B[2J'}}));
		const result = prefs(['get', 'keys'], dir);
		expect(result.stdout).toBe('down=J\n');
		expect(result.stderr).toMatch(/^akhbar: preferences file was damaged/u);
		expect(openPrefs({cwd: dir}).get().measure).toBe(90);
	});
});

describe('akhbar prefs reset and path', () => {
	test('reset KEY returns one key to its default', () => {
		const dir = tempDir();
		prefs(['set', 'measure', '90'], dir);
		prefs(['set', 'theme', 'mono'], dir);
		expect(prefs(['reset', 'measure'], dir)).toEqual({code: 0, stdout: 'measure = 72 (default)\n', stderr: ''});
		expect(openPrefs({cwd: dir}).get()).toMatchObject({measure: 72, theme: 'mono'});
	});

	test('reset alone returns every key to its default', () => {
		const dir = tempDir();
		prefs(['set', 'theme', 'mono'], dir);
		expect(prefs(['reset'], dir)).toEqual({code: 0, stdout: 'every preference is back to its default\n', stderr: ''});
		expect(openPrefs({cwd: dir}).get().theme).toBe('auto');
	});

	test('reset of an unknown key, or of two keys, is a usage error', () => {
		expect(prefs(['reset', 'colour']).code).toBe(2);
		expect(prefs(['reset', 'measure', 'theme']).code).toBe(2);
	});

	test('path prints where the file is', () => {
		const dir = tempDir();
		expect(prefs(['path'], dir)).toEqual({code: 0, stdout: `${path.join(dir, 'config.json')}\n`, stderr: ''});
		expect(prefs(['path', 'x'], dir).code).toBe(2);
	});
});

describe('akhbar prefs help and mistakes', () => {
	test('--help lists every key with what it accepts', () => {
		const result = prefs(['--help']);
		expect(result.code).toBe(0);
		expect(result.stdout).toMatch(/^Usage: akhbar prefs/u);
		for (const key of prefKeys) expect(result.stdout).toContain(`  ${key}`);
		expect(result.stdout).toContain('a whole number from 20 to 200 (default 72)');
	});

	test('an unknown subcommand is a usage error', () => {
		expect(prefs(['frobnicate'])).toEqual({
			code: 2,
			stdout: '',
			stderr: 'akhbar: unknown prefs command "frobnicate"; use list, get, set, reset or path (see akhbar prefs --help)\n',
		});
	});
});
