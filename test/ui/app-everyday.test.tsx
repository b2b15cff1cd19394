/**
 * Small defects found by reading every day (issue 14, defect 11), each through the whole app.
 */
import {describe, expect, it} from 'vitest';
import {fakeEdition, shown, titles} from './fixtures.js';
import {appOpener, type Harness, type HarnessOptions, keys, MemoryReading} from './helpers/render.js';

const firstWords = titles.map(title => title.split(' ')[0]!);
const open = appOpener();

function selectedRow(h: Harness): string {
	return h.rows().find(line => line.includes('◂') || line.includes('▸')) ?? '';
}

function headlineSide(row: string): string {
	return row.split('│').at(-1) ?? '';
}

describe('n with several sources', () => {
	it('goes on to the next source with unread items, and says so when none has any', async () => {
		const reading = new MemoryReading();
		const first = fakeEdition();
		const second = fakeEdition({source: 'https://other.example/rss', name: 'صحيفة أخرى'});
		reading.markAllRead(first.headlines.map(headline => headline.key));
		reading.markAllRead(second.headlines.slice(0, 2).map(headline => headline.key));
		const h = await open({editions: [first, second], reading});
		expect(headlineSide(h.rows()[0]!)).toContain(' · 1/2');
		await h.press('n');
		expect(headlineSide(h.rows()[0]!)).toContain(' · 2/2');
		expect(selectedRow(h)).toContain(shown(firstWords[2]!));
		await h.press('M', 'n');
		expect(h.rows().at(-1)).toContain(shown('لا أخبار غير مقروءة في أي مصدر'));
	});
});

describe('the search prompt', () => {
	it('Ctrl+W erases the last word and Ctrl+U the whole query, typed alone or in a chunk', async () => {
		const h = await open({editions: [fakeEdition()]});
		await h.press('/', 'مدرسة جديدة');
		expect(h.rows().at(-1)).toContain(shown('مدرسة جديدة'));
		await h.press(keys.ctrl('w'));
		const prompt = h.rows().at(-1)!;
		expect(prompt).toContain(shown('مدرسة'));
		expect(prompt).not.toContain(shown('جديدة'));
		await h.press(keys.ctrl('u'));
		expect(h.rows().at(-1)).not.toContain(shown('مدرسة'));
		expect(h.rows().at(-1)).toContain(shown('ابحث في العناوين والنصوص:'));
		await h.press(`سوق${keys.ctrl('u')}فريق`, keys.enter);
		expect(selectedRow(h)).toContain(shown(firstWords[2]!));
	});
});

describe('the too-small message', () => {
	it('writes the size in the digits the preference asks for', async () => {
		const asis = await open({editions: [fakeEdition()], columns: 39, rows: 20});
		// The size an isolate: 40×12 reads as written (it showed as 12×40).
		expect(asis.rows()[0]).toContain(shown('يلزم \u206640×12\u2069 على'));
		expect(asis.rows()[0]).toContain('40×12');
		expect(asis.rows()[0]).not.toMatch(/[٠-٩]/u);
		asis.unmount();
		const arabic = await open({editions: [fakeEdition()], columns: 39, rows: 20, prefs: {digits: 'arabic'}});
		expect(arabic.rows()[0]).toContain(shown('يلزم \u2066٤٠×١٢\u2069 على'));
		expect(arabic.rows()[1]).toContain('Terminal too small: 40×12 at least');
	});
});

describe('the settings overlay', () => {
	it('marks a value set by a flag for this run, and says what changing it does', async () => {
		// The reader is given print's flags too (--headlines is false unless asked): not settings.
		const h = await open({editions: [fakeEdition()], flags: {digits: 'arabic', headlines: false} as HarnessOptions['flags']});
		await h.press('s');
		expect(h.rows().find(row => row.includes('headlines '))).not.toContain(shown('لهذه الجلسة'));
		const digitsRow = () => h.rows().find(row => row.includes('digits'))!;
		expect(digitsRow()).toContain(shown('لهذه الجلسة'));
		expect(h.rows().find(row => row.includes('measure'))).not.toContain(shown('لهذه الجلسة'));
		expect(h.frame()).toContain(shown('تغييرها هنا يحفظها.'));
		await h.press('j', 'j', 'j', keys.right);
		expect(digitsRow()).toContain('‹ western ›');
		expect(digitsRow()).not.toContain(shown('لهذه الجلسة'));
		expect(h.prefs.sets).toEqual([['digits', 'western']]);
	});
});

describe('a search match in the article', () => {
	it('opening a headline the search found scrolls its article to the first match', async () => {
		const h = await open({editions: [fakeEdition({paragraphs: 30})], rows: 16});
		await h.press('/', 'الفقرة 20', keys.enter, keys.enter);
		expect(h.frame()).toContain(shown('هذه الفقرة 20 من الخبر 1،').split(' ').slice(0, 2).join(' '));
		expect(h.frame()).not.toContain(shown('ملخص الخبر رقم 1'));
		// Without a search, an article opens at its top.
		await h.press(keys.escape, keys.escape, 'j', keys.enter);
		expect(h.frame()).toContain(shown('ملخص الخبر رقم 2'));
	});

	it('draws the highlighted line with every character it had', async () => {
		const h = await open({editions: [fakeEdition({paragraphs: 30})], rows: 16});
		await h.press(keys.enter);
		const before = h.frame();
		await h.press('/', 'الخبر', keys.enter, 'g');
		expect(h.frame().split('\n').slice(0, -1)).toEqual(before.split('\n').slice(0, -1));
	});
});
