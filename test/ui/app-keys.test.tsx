/**
 * The reader with the user's own keys (the `keys` preference), and the status line's key
 * hints, drawn through the whole app.
 */
import {describe, expect, it} from 'vitest';
import {fakeEdition, shown, titles} from './fixtures.js';
import {appOpener, type Harness, keys} from './helpers/render.js';

const firstWords = titles.map(title => title.split(' ')[0]!);
const open = appOpener();

function selectedIs(h: Harness, index: number): boolean {
	const row = h.rows().find(line => line.includes('◂') || line.includes('▸')) ?? '';
	return row.includes(shown(firstWords[index]!));
}

/** The help row of a command, found by its Arabic text. */
function helpRow(h: Harness, text: string): string {
	return h.rows().find(row => row.includes(shown(text))) ?? '';
}

describe('keys of one\'s own', () => {
	it('a rebound key and its Arabic twin do the action; the key given up does nothing', async () => {
		const h = await open({editions: [fakeEdition()], prefs: {keys: {down: 'x', top: 'j'}}});
		await h.press('x', 'x');
		expect(selectedIs(h, 2)).toBe(true);
		await h.press('ء');
		expect(selectedIs(h, 3)).toBe(true);
		// j is top now, and ت with it.
		await h.press('ت');
		expect(selectedIs(h, 0)).toBe(true);
		await h.press(keys.down, 'j');
		expect(selectedIs(h, 0)).toBe(true);
		await h.press('g', 'ل');
		expect(selectedIs(h, 0)).toBe(true);
	});

	it('the help overlay and the status line show the user\'s keys', async () => {
		const h = await open({editions: [fakeEdition()], columns: 80, rows: 50, prefs: {keys: {down: 'x', help: 'H', quit: 'Q'}}});
		const status = h.rows().at(-1)!;
		expect(status).toContain('H ');
		expect(status).toContain('Q ');
		expect(status).not.toContain('?');
		await h.press('?');
		expect(h.frame()).not.toContain('Ctrl+Z');
		await h.press('H');
		expect(helpRow(h, 'الخبر أو السطر التالي')).toContain('↓ x');
		expect(helpRow(h, 'هذه المساعدة')).toContain('H');
		expect(helpRow(h, 'خروج')).toContain('Q Ctrl+C');
		await h.press(keys.escape, 'Q');
		expect(h.exited()).toBe(true);
	});

	it('a clash refuses the whole section with a one-line note, keeping the default keys', async () => {
		const h = await open({editions: [fakeEdition()], columns: 120, prefs: {keys: {down: 'k', quit: 'Q'}}});
		const status = h.rows().at(-1)!;
		expect(status).toContain('keys.down: "k" is already up\'s key');
		expect(status).toContain(shown('بقيت المفاتيح الأصلية'));
		await h.press('j', 'j');
		expect(selectedIs(h, 2)).toBe(true);
		await h.press('k');
		expect(selectedIs(h, 1)).toBe(true);
		await h.press('Q');
		expect(h.exited()).toBe(false);
		await h.press('?');
		expect(helpRow(h, 'الخبر أو السطر التالي')).toContain('↓ j');
	});

	it('an unknown action refuses the section too', async () => {
		const h = await open({editions: [fakeEdition()], columns: 120, prefs: {keys: {dwon: 'x', up: 'i'}}});
		expect(h.rows().at(-1)).toContain('keys: "dwon" is not an action');
		await h.press('i');
		expect(selectedIs(h, 0)).toBe(true);
		await h.press('j');
		expect(selectedIs(h, 1)).toBe(true);
	});
});

describe('the status line', () => {
	it('at 80×24 shows every key hint, the help and quit keys included', async () => {
		const h = await open({editions: [fakeEdition()], columns: 80, rows: 24});
		const status = h.rows().at(-1)!;
		expect(status).toContain(shown('أخبار المدينة'));
		expect(status).toContain(`? ${shown('مساعدة')}`);
		expect(status).toContain(`q ${shown('خروج')}`);
		expect(status).not.toContain('…');
	});

	it('in a narrow terminal with a long source name, the help key stays', async () => {
		const h = await open({editions: [fakeEdition({name: 'أخبار المدينة والضواحي والقرى المجاورة كلها'})], columns: 40, rows: 12});
		expect(h.rows().at(-1)).toContain(`? ${shown('مساعدة')}`);
	});
});
