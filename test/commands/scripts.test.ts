/**
 * Persian, Urdu and Hebrew, from feeds and pages written for the project (test/fixtures/scripts),
 * through `print` as a user runs it: on a terminal (shaped, in visual order) and in logical order
 * (`--logical`, what screen readers and the saved copy keep).
 *
 * Expected text is spelt out in presentation forms, not computed by the engine under test.
 */
import {readFileSync} from 'node:fs';
import {fileURLToPath} from 'node:url';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {startServer, type TestServer} from '../helpers/http-server.js';
import {PtySession} from '../helpers/pty-session.js';
import {runCli, tempHome, type CliResult} from '../fixtures/hostile/run-cli.js';

const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/scripts/${name}`, import.meta.url));
const out = (result: CliResult) => result.stdout.toString('utf8');
const zwnj = '\u200C';

/** What `print` shows on a terminal 72 cells wide, escape sequences left out. */
async function onTerminal(file: string): Promise<string> {
	const session = new PtySession({args: ['print', '--width', '72', fixture(file)], cols: 80, rows: 60, env: {NO_COLOR: '1'}});
	expect(await session.exited(20_000)).toBe(0);
	// eslint-disable-next-line no-control-regex -- the bidi switch out, to read the text
	return session.output.replaceAll(/\u001B\[[\d;?]*[a-zA-Z]/g, '');
}

/** Visual order of a right-to-left word: its letters reversed, each mark kept after its letter. */
function visual(word: string): string {
	const clusters: string[] = [];
	for (const char of word) {
		if (/\p{M}/u.test(char) && clusters.length > 0) clusters[clusters.length - 1] += char;
		else clusters.push(char);
	}

	return clusters.reverse().join('');
}

describe('Persian', () => {
	it('--logical keeps every ZWNJ where the feed has it', async () => {
		const printed = out(await runCli(['print', '--logical', fixture('persian.xml')]));
		expect(printed).toContain(`کتاب${zwnj}فروشی${zwnj}های شهر تا نیمه${zwnj}شب باز می${zwnj}مانند`);
		expect(printed).toContain('۱۲');
	});

	it('on a terminal, a ZWNJ ends the joining: می‌مانند is ﻣﯽ (final yeh) then ﻣﺎﻧﻨﺪ', async () => {
		const shown = await onTerminal('persian.xml');
		// مانند: initial meem, final alef, initial noon, medial noon, final dal; می: initial meem, final Farsi yeh.
		expect(shown).toContain('\uFEAA\uFEE8\uFEE7\uFE8E\uFEE3\uFBFD\uFEE3');
		// خانۀ: the heh with yeh above joins (final form U+FBA5).
		expect(shown).toContain('\uFBA5\uFEE7\uFE8E\uFEA7');
		expect(shown).not.toContain(zwnj);
	});

	describe('the saved copy', () => {
		let server: TestServer;
		beforeAll(async () => {
			const feed = readFileSync(fixture('persian.xml'));
			server = await startServer({
				'/fa.xml'(_, response) {
					response.writeHead(200, {'content-type': 'application/rss+xml'}).end(feed);
				},
			});
		});
		afterAll(async () => server.close());

		it('keeps the ZWNJ: the copy printed offline is the feed printed fresh', async () => {
			const home = tempHome('akhbar-scripts-');
			const url = server.url('/fa.xml');
			const fresh = out(await runCli(['print', '--logical', url], {home}));
			expect(fresh).toContain(`می${zwnj}مانند`);
			const offline = out(await runCli(['print', '--logical', '--offline', url], {home}));
			expect(offline).toBe(fresh);
		});
	});
});

describe('Urdu', () => {
	it.each(['urdu.xml', 'urdu.html'])('%s: صفحۂ shows its last letter joined (heh goal final + hamza above)', async file => {
		const shown = await onTerminal(file);
		// صفحۂ in visual order: final heh goal with its hamza, medial hah, medial feh, initial sad.
		expect(shown).toContain('\uFBA7\u0654\uFEA4\uFED4\uFEBB');
	});

	it('an Arabic quotation: إِلَّا is one lam-alef cell carrying its harakat in order', async () => {
		const shown = await onTerminal('urdu.html');
		const word = readFileSync(fixture('urdu.html'), 'utf8').match(/إ\p{M}*ل\p{M}*ا/u)![0];
		const between = word.slice(word.indexOf('ل') + 1, -1);
		expect(between.length).toBeGreaterThan(0);
		// Visual order: the lam-alef ligature (isolated: alef with hamza below does not join forward)
		// with the marks that stood between lam and alef, then that alef with its kasra.
		expect(shown).toContain('\uFEFB' + between + '\uFE87\u0650');
	});
});

describe('Hebrew', () => {
	it.each(['hebrew.xml', 'hebrew.html'])('%s: points and cantillation stay on their letters, maqaf and geresh in place', async file => {
		const shown = await onTerminal(file);
		const source = readFileSync(fixture(file), 'utf8');
		const pointed = file === 'hebrew.xml' ? ['בְּרֵאשִׁ֖ית', 'בֵּית־הַסֵּפֶר', 'צה״ל', 'גב׳'] : ['שָׁלוֹם', 'עֲלֵיכֶם', 'בבית־העם', 'רח׳'];
		for (const word of pointed) {
			expect(source).toContain(word);
			expect(shown, word).toContain(visual(word));
		}
	});

	it('--logical: the feed\'s text exactly, points and all', async () => {
		const printed = out(await runCli(['print', '--logical', fixture('hebrew.xml')]));
		expect(printed).toContain('התלמידים קראו בטקס את הפסוק בְּרֵאשִׁ֖ית בָּרָ֣א בקול רם');
	});
});
