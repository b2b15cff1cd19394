/**
 * `akhbar completion bash|zsh|fish`, each script run by its real shell (skipped where the
 * shell is not installed; .ci/run installs them) against the built CLI on PATH: what it offers
 * for commands, flags and their values, preference keys and values, source names and files.
 */
import {execFileSync, spawnSync} from 'node:child_process';
import {chmodSync, existsSync, mkdirSync, rmSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {beforeAll, describe, expect, it} from 'vitest';
import {cliEnv, runCli, tempHome} from '../fixtures/hostile/run-cli.js';
import {tempDir} from '../store/helpers.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const has = (shell: string) => spawnSync('sh', ['-c', `command -v ${shell}`]).status === 0;

beforeAll(() => {
	if (!existsSync(path.join(root, 'dist/cli.js'))) execFileSync(process.execPath, ['test/build.mjs'], {cwd: root});
});

type Setup = {home: string; env: Record<string, string>; script: (shell: string) => string; work: string};

/** A home with two named sources (one a trap), `akhbar` on PATH, and a folder of files to complete. */
async function setup(): Promise<Setup> {
	const home = tempDir();
	mkdirSync(path.join(home, 'config'));
	const bin = path.join(home, 'bin');
	mkdirSync(bin);
	writeFileSync(path.join(bin, 'akhbar'), `#!/bin/sh\nexec "${process.execPath}" "${path.join(root, 'dist/cli.js')}" "$@"\n`);
	chmodSync(path.join(bin, 'akhbar'), 0o755);
	const work = path.join(home, 'work');
	mkdirSync(work);
	writeFileSync(path.join(work, 'feed.xml'), '<rss/>');
	writeFileSync(path.join(work, 'list.opml'), '<opml/>');
	const fixture = path.join(root, 'test/fixtures/feeds/atom.xml');
	expect((await runCli(['sources', 'add', fixture, '--name', 'الساحل اليوم'], {home})).code).toBe(0);
	// An OPML file can name a source anything: completing it must never run it.
	const trap = path.join(home, 'trap');
	expect((await runCli(['sources', 'add', path.join(root, 'test/fixtures/feeds/rss-full.xml'), '--name', `$(touch ${trap})\`touch ${trap}\``], {home})).code).toBe(0);
	const env = {...cliEnv(home), PATH: `${bin}:${process.env['PATH'] ?? ''}`};
	return {home, env, work, script: shell => execFileSync(path.join(bin, 'akhbar'), ['completion', shell], {env, encoding: 'utf8'})};
}

const trapped = (home: string) => existsSync(path.join(home, 'trap'));

describe('akhbar completion', () => {
	it('usage errors and help', async () => {
		const home = tempHome('akhbar-completion-');
		try {
			expect((await runCli(['completion'], {home})).code).toBe(2);
			expect((await runCli(['completion', 'tcsh'], {home})).stderr).toBe('akhbar: no completion for "tcsh"; shells: bash, zsh, fish\n');
			expect((await runCli(['completion', '--help'], {home})).stdout.toString()).toMatch(/^Usage: akhbar completion bash\|zsh\|fish/u);
		} finally {
			rmSync(home, {recursive: true, force: true});
		}
	});

	it.runIf(has('bash'))('bash: the completion function with COMP_WORDS', async () => {
		const {env, script, work, home} = await setup();
		const file = path.join(home, 'akhbar.bash');
		writeFileSync(file, script('bash'));
		const complete = (...words: string[]) => {
			const program = `source ${JSON.stringify(file)}
COMP_WORDS=(${words.map(word => `'${word.replaceAll('\'', '\'\\\'\'')}'`).join(' ')})
COMP_CWORD=${words.length - 1}
_akhbar
printf '%s\\n' "\${COMPREPLY[@]}"`;
			return execFileSync('bash', ['--norc', '--noprofile', '-c', program], {env, cwd: work, encoding: 'utf8'}).split('\n').filter(Boolean).sort();
		};

		expect(complete('akhbar', '')).toEqual(['completion', 'feed.xml', 'help', 'list.opml', 'prefs', 'print', 'refresh', 'search', 'sources']);
		expect(complete('akhbar', 'pr')).toEqual(['prefs', 'print']);
		expect(complete('akhbar', '--sh')).toEqual(['--shaping']);
		expect(complete('akhbar', '--bidi', '')).toEqual(['app', 'auto', 'off', 'terminal']);
		expect(complete('akhbar', '--theme', '=', '')).toEqual(['auto', 'color', 'mono']);
		expect(complete('akhbar', '--theme', '=', 'c')).toEqual(['color']);
		expect(complete('akhbar', 'print', '--art')).toEqual(['--article']);
		expect(complete('akhbar', 'print', 'f')).toEqual(['feed.xml']);
		expect(complete('akhbar', 'sources', '')).toEqual(['add', 'export', 'import', 'list', 'remove', 'rm']);
		expect(complete('akhbar', 'sources', 'add', '--')).toEqual(['--feed', '--help', '--list', '--name', '--tag']);
		expect(complete('akhbar', 'sources', 'add', '--tag', '')).toEqual([]);
		expect(complete('akhbar', 'refresh', '--')).toEqual(['--help', '--jobs']);
		expect(complete('akhbar', 'refresh', '--jobs', '')).toEqual([]);
		expect(complete('akhbar', 'search', '')).toEqual([]);
		expect(complete('akhbar', 'search', 'غزة', '--l')).toEqual(['--limit', '--logical']);
		expect(complete('akhbar', 'search', 'غزة', '--source', 'ال')).toEqual(['الساحل اليوم']);
		expect(complete('akhbar', 'sources', 'import', 'l')).toEqual(['list.opml']);
		expect(complete('akhbar', 'sources', 'remove', '')).toEqual([`$(touch ${path.join(home, 'trap')})\`touch ${path.join(home, 'trap')}\``, 'الساحل اليوم'].sort());
		expect(complete('akhbar', 'sources', 'remove', 'ال')).toEqual(['الساحل اليوم']);
		expect(trapped(home)).toBe(false);
		expect(complete('akhbar', 'prefs', '')).toEqual(['get', 'list', 'path', 'reset', 'set']);
		expect(complete('akhbar', 'prefs', 'set', 'head')).toEqual(['headlines', 'headlinesWidth']);
		expect(complete('akhbar', 'prefs', 'set', 'sources')).toEqual([]);
		expect(complete('akhbar', 'prefs', 'set', 'shaping', '')).toEqual(['off', 'on']);
		expect(complete('akhbar', 'prefs', 'set', 'digits', 'a')).toEqual(['arabic', 'asis']);
		expect(complete('akhbar', 'prefs', 'set', 'measure', '')).toEqual([]);
		expect(complete('akhbar', 'prefs', 'get', 'sou')).toEqual(['sources']);
		expect(complete('akhbar', 'completion', '')).toEqual(['bash', 'fish', 'zsh']);
		expect(complete('akhbar', 'help', 'sources', 'r')).toEqual(['remove', 'rm']);
		expect(complete('akhbar', 'help', 're')).toEqual(['refresh']);
	});

	it.runIf(has('zsh'))('zsh: the completion function with words and CURRENT, compadd and _files recorded', async () => {
		const {env, script, work, home} = await setup();
		const file = path.join(home, '_akhbar');
		writeFileSync(file, script('zsh'));
		// Loaded the way users load it: compinit, then source; compdef registers the function.
		const loaded = execFileSync('zsh', ['-f', '-c', `autoload -U compinit && compinit -u -d ${JSON.stringify(path.join(home, 'zcompdump'))} && source ${JSON.stringify(file)} && print -r -- $_comps[akhbar]`], {env, cwd: work, encoding: 'utf8'});
		expect(loaded.trim()).toBe('_akhbar');
		const complete = (...words: string[]) => {
			const program = `compdef() { : }
compadd() { while [[ $1 == -* && $1 != -- ]]; do shift; done; [[ $1 == -- ]] && shift; print -rl -- "$@" }
_files() { print -r -- '<files>' }
_describe() { local name=\${@[-1]}; print -rl -- \${\${(P)name}%%:*} }
source ${JSON.stringify(file)}
words=(${words.map(word => `'${word.replaceAll('\'', '\'\\\'\'')}'`).join(' ')})
CURRENT=${words.length}
_akhbar`;
			return execFileSync('zsh', ['-f', '-c', program], {env, cwd: work, encoding: 'utf8'}).split('\n').filter(Boolean).sort();
		};

		expect(complete('akhbar', '')).toEqual(['<files>', 'completion', 'help', 'prefs', 'print', 'refresh', 'search', 'sources']);
		expect(complete('akhbar', '-')).toContain('--tashkeel');
		expect(complete('akhbar', '--align', '')).toEqual(['auto', 'justify', 'left', 'right']);
		expect(complete('akhbar', 'print', '')).toEqual(['<files>']);
		expect(complete('akhbar', 'sources', '')).toEqual(['add', 'export', 'import', 'list', 'remove', 'rm']);
		expect(complete('akhbar', 'sources', 'rm', '')).toEqual([`$(touch ${path.join(home, 'trap')})\`touch ${path.join(home, 'trap')}\``, 'الساحل اليوم'].sort());
		expect(trapped(home)).toBe(false);
		expect(complete('akhbar', 'prefs', 'set', '')).not.toContain('sources');
		expect(complete('akhbar', 'prefs', 'set', 'tashkeel', '')).toEqual(['hide', 'show']);
		expect(complete('akhbar', 'completion', '')).toEqual(['bash', 'fish', 'zsh']);
		expect(complete('akhbar', 'refresh', '-')).toEqual(['--help', '--jobs']);
		expect(complete('akhbar', 'search', 'x', '--source', '')).toEqual([`$(touch ${path.join(home, 'trap')})\`touch ${path.join(home, 'trap')}\``, 'الساحل اليوم'].sort());
		expect(complete('akhbar', 'search', 'x', '--limit', '')).toEqual([]);
		expect(trapped(home)).toBe(false);
	});

	it.runIf(has('fish'))('fish: complete -C on command lines', async () => {
		const {env, script, work, home} = await setup();
		const file = path.join(home, 'akhbar.fish');
		writeFileSync(file, script('fish'));
		const complete = (line: string) => execFileSync('fish', ['--no-config', '-c', `source ${JSON.stringify(file)}; complete -C ${JSON.stringify(line)}`], {env, cwd: work, encoding: 'utf8'})
			.split('\n').filter(Boolean).map(entry => entry.split('\t')[0]!).sort();
		expect(complete('akhbar ')).toEqual(expect.arrayContaining(['completion', 'feed.xml', 'help', 'list.opml', 'prefs', 'print', 'refresh', 'search', 'sources']));
		expect(complete('akhbar refresh --')).toEqual(['--help', '--jobs']);
		expect(complete('akhbar search x --l')).toEqual(['--limit', '--logical']);
		expect(complete('akhbar search x --source ')).toEqual([`$(touch ${path.join(home, 'trap')})\`touch ${path.join(home, 'trap')}\``, 'الساحل اليوم'].sort());
		expect(complete('akhbar search ')).toEqual([]);
		expect(complete('akhbar --bi')).toEqual(['--bidi']);
		expect(complete('akhbar --digits ')).toEqual(['arabic', 'asis', 'native', 'western']);
		expect(complete('akhbar print f')).toEqual(['feed.xml']);
		expect(complete('akhbar sources ')).toEqual(['add', 'export', 'import', 'list', 'remove', 'rm']);
		expect(complete('akhbar sources add --')).toEqual(expect.arrayContaining(['--feed', '--list', '--name', '--tag']));
		expect(complete('akhbar sources remove ')).toEqual([`$(touch ${path.join(home, 'trap')})\`touch ${path.join(home, 'trap')}\``, 'الساحل اليوم'].sort());
		expect(trapped(home)).toBe(false);
		expect(complete('akhbar prefs ')).toEqual(['get', 'list', 'path', 'reset', 'set']);
		expect(complete('akhbar prefs set ')).not.toContain('sources');
		expect(complete('akhbar prefs set bidi ')).toEqual(['app', 'auto', 'off', 'terminal']);
		expect(complete('akhbar prefs set measure ')).toEqual([]);
		expect(complete('akhbar completion ')).toEqual(['bash', 'fish', 'zsh']);
	});
});
