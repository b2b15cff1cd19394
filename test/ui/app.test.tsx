import {describe, expect, it} from 'vitest';
import type {Article, Headline} from '../../source/model.js';
import {cellWidth} from '../../source/text/width.js';
import {fakeEdition, shown, titles} from './fixtures.js';
import {appOpener, type Harness, keys, MemoryReading} from './helpers/render.js';

const firstWords = titles.map(title => title.split(' ')[0]!);
const open = appOpener();

/** The row holding the selection pointer. */
function selectedRow(h: Harness): string {
	return h.rows().find(row => row.includes('◂') || row.includes('▸')) ?? '';
}

/** The headlines pane's part of a row (they are on the right by default). */
function headlineSide(row: string): string {
	return row.split('│').at(-1) ?? '';
}

function selectedIs(h: Harness, index: number): boolean {
	return selectedRow(h).includes(shown(firstWords[index]!));
}

describe('the frame', () => {
	it('names a source still loading by the name the user gave it, in the header and the status line', async () => {
		const h = await open({sources: [{spec: 'https://slow.example/feed', name: 'النشرة البطيئة'}], loaders: {source: async () => new Promise(() => {})}, columns: 100, rows: 20});
		expect(h.rows()[0]).toContain(shown('النشرة البطيئة'));
		expect(h.rows().at(-1)).toContain(shown('النشرة البطيئة'));
		expect(h.frame()).not.toContain('slow.example');
	});

	it('keeps the headlines pane\'s header right to left under a long Latin source name', async () => {
		const h = await open({editions: [{...fakeEdition({name: 'The Daily Planet International Edition'}), lang: undefined}], columns: 140, rows: 30});
		const header = headlineSide(h.rows()[0]!).trimEnd();
		// Its Arabic parts read from the right: the list's name at the right end, the source's name at the left.
		expect(header.endsWith(shown('الأكثر قراءة'))).toBe(true);
		expect(header.trimStart()).toMatch(/^…The( Daily)? · /);
	});

	it('puts both panes side by side at 100 columns, headlines on the right, as tall as the terminal', async () => {
		const h = await open({editions: [fakeEdition()], columns: 100, rows: 30});
		const rows = h.rows();
		expect(rows).toHaveLength(30);
		// Ink drops trailing spaces; no row is ever wider than the terminal.
		for (const row of rows) expect(cellWidth(row)).toBeLessThanOrEqual(100);
		// Headlines pane is 38 wide on the right: the divider sits just left of it.
		expect(rows.slice(0, 29).every(row => [...row][61] === '│')).toBe(true);
		expect(headlineSide(rows[0]!)).toContain(shown('الأكثر قراءة'));
		expect(rows.at(-1)).toContain(shown('أخبار المدينة'));
	});

	it('puts the headlines on the left when the preference says so', async () => {
		const h = await open({editions: [fakeEdition()], columns: 100, rows: 30, prefs: {headlines: 'left'}});
		expect(h.rows().slice(0, 29).every(row => [...row][38] === '│')).toBe(true);
	});

	it('follows the headlinesWidth preference', async () => {
		const h = await open({editions: [fakeEdition()], columns: 100, rows: 30, prefs: {headlinesWidth: 30}});
		expect(h.rows().slice(0, 29).every(row => [...row][69] === '│')).toBe(true);
	});

	it('shows one pane at a time below 100 columns; Tab switches to the article', async () => {
		const h = await open({editions: [fakeEdition()], columns: 80, rows: 24});
		expect(h.rows()).toHaveLength(24);
		expect(h.frame()).not.toContain('│');
		expect(h.frame()).toContain(shown(firstWords[1]!));
		await h.press(keys.tab);
		expect(h.frame()).toContain(shown('ملخص الخبر رقم 1 في سطر واحد قصير'));
		expect(h.frame()).not.toContain(shown(firstWords[1]!));
	});

	it.each([[39, 20], [80, 11]])('says the terminal is too small at %i×%i', async (columns, rows) => {
		const h = await open({editions: [fakeEdition()], columns, rows});
		expect(h.frame()).toContain('40×12');
		expect(h.rows().length).toBeLessThanOrEqual(rows);
	});

	it('the English line of that message keeps its digits when digits=arabic', async () => {
		const h = await open({editions: [fakeEdition()], columns: 39, rows: 20, prefs: {digits: 'arabic'}});
		expect(h.rows()[1]).toContain('Terminal too small: 40×12 at least');
	});

	it('lists the latest items under آخر الأخبار, numbered by place', async () => {
		const h = await open({editions: [fakeEdition({list: 'latest'})]});
		expect(headlineSide(h.rows()[0]!)).toContain(shown('آخر الأخبار'));
		expect(h.rows()[3]).toMatch(/• 3$/u);
	});

	it('marks unread headlines with • and counts them in the header', async () => {
		const reading = new MemoryReading();
		reading.markRead('https://news.example/feed.xml#2');
		const h = await open({editions: [fakeEdition()], reading});
		const row = (index: number) => headlineSide(h.rows()[index + 1]!);
		expect(row(0)).toContain(shown(firstWords[0]!));
		expect(row(0)).toContain('•');
		expect(row(1)).toContain(shown(firstWords[1]!));
		expect(row(1)).not.toContain('•');
		expect(headlineSide(h.rows()[0]!)).toContain(shown('4 غير مقروءة'));
	});

	it('draws only the visible slice of a very long article', async () => {
		const h = await open({editions: [fakeEdition({paragraphs: 1500})], rows: 30});
		expect(h.rows()).toHaveLength(30);
		await h.press(keys.enter, 'G');
		expect(h.rows()).toHaveLength(30);
		expect(h.frame()).toContain('100%');
	});
});

describe('start-up notes', () => {
	it('come one at a time, the next after a key, with their digits as written', async () => {
		const h = await open({editions: [fakeEdition()], prefs: {digits: 'arabic'}, notes: ['first note 2026', 'second note 42']});
		expect(h.frame()).toContain('first note 2026');
		expect(h.frame()).not.toContain('second note');
		await h.press('j');
		expect(h.frame()).toContain('second note 42');
		await h.press('j');
		expect(h.frame()).not.toContain('note');
	});
});

describe('hostile content', () => {
	it('no escape sequence from a title, a body, a note or a search reaches the frame', async () => {
		const edition = fakeEdition({name: 'x\u001B]0;pwned\u0007y'});
		edition.headlines[0]!.title = 'عنوان\u001B]52;c;ZXZpbA==\u0007 \u001B[2J\u009B31m خبيث';
		edition.articles[0]!.blocks.push({kind: 'paragraph', text: 'نص \u001B[?1049l\u001BP+q\u001B\\ آخر'});
		const h = await open({
			editions: [edition],
			notes: ['note \u001B[31mred'],
			loaders: {fullText: async () => Promise.reject(new Error('bad \u001B]8;;http://x\u0007link'))},
		});
		await h.press(keys.enter, '/', '\u001B[2J', keys.enter);
		for (const frame of h.stdout.frames) {
			expect(frame).not.toMatch(/[\u001B\u0080-\u009F\u0007]/u);
		}
	});
});

describe('moving through the headlines', () => {
	it('j/k, arrows, g/G and Home/End move the selection', async () => {
		const h = await open({editions: [fakeEdition()]});
		expect(selectedIs(h, 0)).toBe(true);
		await h.press('j');
		expect(selectedIs(h, 1)).toBe(true);
		await h.press(keys.down, keys.down);
		expect(selectedIs(h, 3)).toBe(true);
		await h.press('k');
		expect(selectedIs(h, 2)).toBe(true);
		await h.press(keys.up);
		expect(selectedIs(h, 1)).toBe(true);
		await h.press('G');
		expect(selectedIs(h, 4)).toBe(true);
		await h.press('g');
		expect(selectedIs(h, 0)).toBe(true);
		await h.press(keys.end);
		expect(selectedIs(h, 4)).toBe(true);
		await h.press(keys.home);
		expect(selectedIs(h, 0)).toBe(true);
	});

	it('PgDn/PgUp, Space and b page the list', async () => {
		const h = await open({editions: [fakeEdition()], rows: 12});
		await h.press(keys.pageDown);
		expect(selectedIs(h, 4)).toBe(true);
		await h.press(keys.pageUp);
		expect(selectedIs(h, 0)).toBe(true);
		await h.press(' ');
		expect(selectedIs(h, 4)).toBe(true);
		await h.press('b');
		expect(selectedIs(h, 0)).toBe(true);
	});

	it('a digit jumps to the headline with that rank', async () => {
		const h = await open({editions: [fakeEdition()]});
		await h.press('4');
		expect(selectedIs(h, 3)).toBe(true);
		await h.press('٢');
		expect(selectedIs(h, 1)).toBe(true);
	});

	it('keys typed on an Arabic layout do the same', async () => {
		const h = await open({editions: [fakeEdition()]});
		await h.press('ت', 'ت');
		expect(selectedIs(h, 2)).toBe(true);
		await h.press('ن');
		expect(selectedIs(h, 1)).toBe(true);
		await h.press('\uFEF7');
		expect(selectedIs(h, 4)).toBe(true);
		await h.press('ل');
		expect(selectedIs(h, 0)).toBe(true);
		await h.press('؟');
		// The help: its first rows (it outgrew 28 rows with the links keys, and scrolls).
		expect(h.frame()).toContain('PgDn Space Ctrl+F');
	});
});

describe('reading an article', () => {
	it('Enter opens the selected headline: title, deck, meta line, body; it is marked read', async () => {
		const h = await open({editions: [fakeEdition()]});
		await h.press('j', keys.enter);
		const frame = h.frame();
		expect(frame).toContain(shown('ملخص الخبر رقم 2 في سطر واحد قصير'));
		expect(frame).toContain(shown('سلمى'));
		expect(frame).toContain('2026-11-28 09:30');
		expect(h.reading.isRead('https://news.example/feed.xml#2')).toBe(true);
		expect(h.reading.last).toEqual({source: 'https://news.example/feed.xml', key: 'https://news.example/feed.xml#2'});
	});

	it('scrolls by line and page, shows its position, and remembers it', async () => {
		const h = await open({editions: [fakeEdition({paragraphs: 30})], rows: 20});
		await h.press(keys.enter);
		expect(h.frame()).toMatch(/ \d+% /);
		const before = h.rows()[0];
		await h.press('j');
		expect(h.rows()[0]).not.toBe(before);
		await h.press('k');
		expect(h.rows()[0]).toBe(before);
		await h.press(' ', ' ');
		expect(h.reading.positions.get('https://news.example/feed.xml#1')?.block).toBeGreaterThan(1);
		await h.press('G');
		expect(h.frame()).toContain(' 100% ');
		await h.press('g');
		expect(h.rows()[0]).toBe(before);
	});

	it('marks captions and list items with a character, so they differ without colour', async () => {
		const h = await open({editions: [fakeEdition()], columns: 100, rows: 40});
		await h.press(keys.enter);
		const captionRow = h.rows().find(row => row.includes(shown('صورة من المكان صباح اليوم')))!;
		// The caption's mark, then the margin, then the pane divider: no bar doubles the divider.
		expect(captionRow).toMatch(/⋮ │/u);
		expect(captionRow).not.toMatch(/│ *│/u);
		const itemRow = h.rows().find(row => row.includes(shown('نقطة أولى في قائمة قصيرة')))!;
		expect(itemRow).toContain('•');
	});

	it('Esc goes back to the headlines; Tab and ←/→ move focus by side', async () => {
		const h = await open({editions: [fakeEdition()], columns: 80, rows: 24});
		await h.press(keys.enter);
		expect(h.frame()).not.toContain('◂');
		await h.press(keys.escape);
		expect(h.frame()).toContain('◂');
		// Headlines are on the right: → goes to them, ← to the article.
		await h.press(keys.left);
		expect(h.frame()).not.toContain('◂');
		await h.press(keys.right);
		expect(h.frame()).toContain('◂');
		await h.press('h');
		expect(h.frame()).not.toContain('◂');
		await h.press('l');
		expect(h.frame()).toContain('◂');
	});

	it('restores the last article at the saved position', async () => {
		const reading = new MemoryReading();
		reading.last = {source: 'https://news.example/feed.xml', key: 'https://news.example/feed.xml#3'};
		reading.positions.set('https://news.example/feed.xml#3', {block: 8, offset: 0});
		const h = await open({editions: [fakeEdition({paragraphs: 30})], reading, rows: 20});
		expect(h.frame()).not.toContain(shown('ملخص الخبر رقم 3 في سطر واحد قصير'));
		expect(h.frame()).toContain(shown('هذه الفقرة 6 من الخبر 3،').split(' ').at(-1));
	});

	it('draws the finished frame first: the first article is in the first frame Ink writes', async () => {
		const h = await open({editions: [fakeEdition()]});
		expect(h.stdout.frames[0]).toContain(shown('ملخص الخبر رقم 1 في سطر واحد قصير'));
		// Shown beside the list, not opened: still unread.
		expect(h.reading.isRead('https://news.example/feed.xml#1')).toBe(false);
	});

	it('draws the last article at its saved position in the first frame', async () => {
		const reading = new MemoryReading();
		reading.last = {source: 'https://news.example/feed.xml', key: 'https://news.example/feed.xml#3'};
		reading.positions.set('https://news.example/feed.xml#3', {block: 8, offset: 0});
		reading.markRead('https://news.example/feed.xml#3', true);
		const h = await open({editions: [fakeEdition({paragraphs: 30})], reading, rows: 20});
		expect(h.stdout.frames[0]).toContain(shown('هذه الفقرة 6 من الخبر 3،').split(' ').at(-1));
		expect(h.stdout.frames.at(-1)).toBe(h.stdout.frames[0]);
		expect(h.reading.isRead('https://news.example/feed.xml#3')).toBe(true);
	});

	it('starts on the last article once its source has loaded, whatever loads first', async () => {
		const reading = new MemoryReading();
		const late = fakeEdition({source: 'https://late.example/feed.xml', paragraphs: 30});
		reading.last = {source: late.source, key: late.headlines[2]!.key};
		reading.positions.set(late.headlines[2]!.key, {block: 8, offset: 0});
		let arrive: (value: {edition: typeof late; warnings: string[]}) => void = () => {};
		const h = await open({
			sources: [{edition: fakeEdition()}, {spec: late.source}],
			loaders: {source: async () => new Promise(resolve => {
				arrive = resolve;
			})},
			reading,
			rows: 20,
		});
		// Waiting for the last article's source: nothing is opened in the meantime.
		expect(h.frame()).not.toContain(shown('ملخص الخبر رقم 1 في سطر واحد قصير'));
		arrive({edition: late, warnings: []});
		await h.settle();
		expect(h.frame()).toContain(shown('هذه الفقرة 6 من الخبر 3،').split(' ').at(-1));
	});

	it('fetches an item that has only a link, showing loading… until it arrives', async () => {
		let deliver: (article: Article) => void = () => {};
		const edition = fakeEdition({extra: [{key: 'link-only', title: 'خبر برابط فقط', url: 'https://news.example/only', rank: 6}]});
		const h = await open({
			editions: [edition],
			loaders: {fullText: async () => new Promise<Article>(resolve => {
				deliver = resolve;
			})},
		});
		await h.press('6', keys.enter);
		expect(h.frame()).toContain(shown('جارٍ تحميل الخبر…'));
		deliver({key: 'link-only', title: 'خبر برابط فقط', blocks: [{kind: 'paragraph', text: 'النص الكامل وصل من الموقع'}]});
		await h.settle();
		expect(h.frame()).toContain(shown('النص الكامل وصل من الموقع'));
	});

	it('a failed fetch: the pane shows the item\'s title and whole link, the status line why; the item stays unread', async () => {
		const url = `https://news.example/${'a-long-path/'.repeat(8)}only`;
		const edition = fakeEdition({extra: [{key: 'link-only', title: 'خبر برابط فقط', url, rank: 6}]});
		const refused = Object.assign(new Error(`${url}: connection refused`), {problem: 'connection refused', failure: {kind: 'refused'}});
		const h = await open({editions: [edition], loaders: {fullText: async () => Promise.reject(refused)}});
		await h.press(keys.enter, keys.escape, '6', keys.enter);
		await h.settle();
		expect(h.frame()).not.toContain(shown('ملخص الخبر رقم 1 في سطر واحد قصير'));
		expect(h.frame()).not.toContain(shown('اختر خبرًا واضغط Enter'));
		expect(h.frame()).toContain(shown('خبر برابط فقط'));
		// The link, wrapped whole over the pane's rows.
		const article = h.rows().map(row => row.split('│')[0]!.trim()).join('');
		expect(article).toContain(url);
		expect(h.rows().at(-1)).toContain(shown('تعذّر تحميل الخبر: رفض الخادم الاتصال'));
		expect(h.frame()).not.toContain('connection refused');
		expect(h.reading.isRead('link-only')).toBe(false);
		expect(h.reading.last?.key).not.toBe('link-only');
		// o opens that link.
		await h.press('o');
		expect(h.terminal.calls).toContainEqual(['openDetached', ['xdg-open', url]]);
	});

	it('a link-only item is read once its fetched text is shown, not when the reader left before it came', async () => {
		const deliveries: Array<() => void> = [];
		const edition = fakeEdition({extra: [
			{key: 'only-6', title: 'خبر سادس برابط فقط', url: 'https://news.example/only-6', rank: 6},
			{key: 'only-7', title: 'خبر سابع برابط فقط', url: 'https://news.example/only-7', rank: 7},
		]});
		const h = await open({editions: [edition], loaders: {fullText: async url => new Promise<Article>(resolve => {
			deliveries.push(() => resolve({key: url, title: 'نص', blocks: [{kind: 'paragraph', text: `النص الكامل من ${url}`}]}));
		})}});
		await h.press('6', keys.enter);
		expect(h.reading.isRead('only-6')).toBe(false);
		// Left for the seventh before the sixth came: the sixth was never shown.
		await h.press(keys.escape, '7', keys.enter);
		deliveries[0]!();
		await h.settle();
		expect(h.reading.isRead('only-6')).toBe(false);
		deliveries[1]!();
		await h.settle();
		expect(h.frame()).toContain('https://news.example/only-7');
		expect(h.reading.isRead('only-7')).toBe(true);
		expect(h.reading.last?.key).toBe('only-7');
	});

	it('says so when an item has neither text nor link, and keeps the current article', async () => {
		const edition = fakeEdition({extra: [{key: 'empty', title: 'عنوان بلا نص', rank: 6}]});
		const h = await open({editions: [edition]});
		await h.press(keys.enter, keys.escape, '6', keys.enter);
		expect(h.frame()).toContain(shown('لا نص ولا رابط لهذا الخبر'));
		expect(h.frame()).toContain(shown('ملخص الخبر رقم 1 في سطر واحد قصير'));
	});
});

describe('read marks', () => {
	it('m toggles, M marks all, n/N go to the next and previous unread', async () => {
		const reading = new MemoryReading();
		reading.markRead('https://news.example/feed.xml#2');
		const h = await open({editions: [fakeEdition()], reading});
		await h.press('m');
		expect(h.reading.isRead('https://news.example/feed.xml#1')).toBe(true);
		expect(headlineSide(h.rows()[1]!)).not.toContain('•');
		await h.press('m');
		expect(h.reading.isRead('https://news.example/feed.xml#1')).toBe(false);
		expect(headlineSide(h.rows()[1]!)).toContain('•');
		await h.press('n');
		expect(selectedIs(h, 2)).toBe(true);
		await h.press('N');
		expect(selectedIs(h, 0)).toBe(true);
		await h.press('M');
		expect(headlineSide(h.rows()[0]!)).toContain(shown('لا جديد'));
		await h.press('n');
		expect(h.frame()).toContain(shown('لا أخبار غير مقروءة'));
	});
});

describe('search', () => {
	it('/ takes text directly, shaped right to left, and finds titles with Arabic folding', async () => {
		const h = await open({editions: [fakeEdition()]});
		await h.press('/', 'الاسواق');
		const prompt = h.rows().at(-1)!;
		expect(prompt).toContain(shown('الاسواق'));
		expect(prompt.trimEnd().length).toBe(prompt.length);
		await h.press(keys.enter);
		// أسعار … الأسواق: hamza on alef folds away.
		expect(selectedIs(h, 1)).toBe(true);
	});

	it('a chunk holding / and the query (fast typing, paste) puts the query in the prompt', async () => {
		const h = await open({editions: [fakeEdition()]});
		await h.press('/الاسواق');
		expect(h.rows().at(-1)).toContain(shown('الاسواق'));
		expect(selectedIs(h, 0)).toBe(true);
	});

	it('an Enter in the same chunk (a paste of "/query⏎") runs the search; no key name becomes text', async () => {
		const h = await open({editions: [fakeEdition()]});
		await h.press('/الاسواق\r');
		expect(h.rows().at(-1)).not.toContain(shown('ابحث'));
		expect(h.frame()).not.toContain('return');
		expect(selectedIs(h, 1)).toBe(true);
	});

	it('a chunk typed into the open prompt: spaces kept, Backspace erases, Enter submits', async () => {
		const h = await open({editions: [fakeEdition()]});
		await h.press('/', 'الاسواقx\u007F\r');
		expect(h.frame()).not.toContain('return');
		expect(selectedIs(h, 1)).toBe(true);
		await h.press('/', 'الخبر رقم\t');
		expect(h.rows().at(-1)).toContain(shown('الخبر رقم'));
		expect(h.rows().at(-1)).not.toContain('tab');
	});

	it('finds text inside articles; n and N cycle through the matches', async () => {
		const h = await open({editions: [fakeEdition()]});
		await h.press('/', 'الخبر رقم', keys.enter);
		expect(selectedIs(h, 0)).toBe(true);
		await h.press('n');
		expect(selectedIs(h, 1)).toBe(true);
		await h.press('N', 'N');
		expect(selectedIs(h, 4)).toBe(true);
	});

	it('searches the open article when it has the focus, scrolling to the match', async () => {
		const h = await open({editions: [fakeEdition({paragraphs: 30})], rows: 16});
		await h.press(keys.enter, '/', 'الفقرة 20', keys.enter);
		expect(h.frame()).toContain(shown('هذه الفقرة 20 من الخبر 1،').split(' ').slice(0, 2).join(' '));
	});

	it('Esc leaves the prompt; keys typed there are text, not commands', async () => {
		const h = await open({editions: [fakeEdition()]});
		await h.press('/', 'q', 'j');
		expect(h.exited()).toBe(false);
		expect(h.rows().at(-1)).toContain('qj');
		await h.press(keys.backspace);
		expect(h.rows().at(-1)).not.toContain('qj');
		await h.press(keys.escape);
		expect(h.rows().at(-1)).not.toContain(shown('ابحث'));
	});

	it('says so when nothing matches', async () => {
		const h = await open({editions: [fakeEdition()]});
		await h.press('/', 'zzz', keys.enter);
		expect(h.frame()).toContain('zzz');
		expect(h.frame()).toContain(shown('لا نتائج'));
	});
});

describe('overlays', () => {
	it('? shows help generated from the key table; Esc closes it', async () => {
		const h = await open({editions: [fakeEdition()]});
		await h.press('?');
		expect(h.frame()).toContain('PgDn Space Ctrl+F');
		expect(h.frame()).toContain(shown('هذه المساعدة'));
		expect(h.frame()).not.toContain('allow-passthrough');
		await h.press(keys.escape);
		expect(h.frame()).not.toContain('Ctrl+Z');
	});

	it('help explains tmux passthrough inside tmux', async () => {
		const h = await open({editions: [fakeEdition()], env: {LANG: 'C.UTF-8', TMUX: '/tmp/tmux-1/default,1,0'}, rows: 24});
		await h.press('?');
		expect(h.rows()[1]).toContain('set -g allow-passthrough on');
	});

	it('s opens the settings; → changes a value at once and saves it', async () => {
		const h = await open({editions: [fakeEdition()]});
		await h.press('s');
		expect(h.frame()).toContain('digits');
		await h.press('j', 'j', 'j', keys.right);
		expect(h.prefs.sets).toEqual([['digits', 'arabic']]);
		await h.press(keys.escape);
		expect(h.rows()[1]).toMatch(/• ١◂$/u);
	});

	it('a setting changed in the panel wins over the flag given for this run', async () => {
		const h = await open({editions: [fakeEdition()], flags: {digits: 'arabic'}});
		expect(h.rows()[1]).toMatch(/• ١◂$/u);
		await h.press('s', 'j', 'j', 'j', keys.right, keys.escape);
		expect(h.rows()[1]).toMatch(/• 1◂$/u);
	});
});

describe('preferences change the frame', () => {
	it('shaping off: letters stay unjoined', async () => {
		const h = await open({editions: [fakeEdition()], prefs: {shaping: false}});
		expect(h.frame()).not.toContain(shown(firstWords[1]!));
		expect(h.frame()).toContain(shown(firstWords[1]!, {shaping: false}));
	});

	it('bidi terminal: logical order and one pane at a time', async () => {
		const h = await open({editions: [fakeEdition()], prefs: {bidi: 'terminal'}});
		expect(h.frame()).not.toContain('│');
		expect(h.frame()).toContain(firstWords[1]);
		expect(h.terminal.calls).toContainEqual(['setBidi', 'terminal']);
	});

	it('align left: right-to-left paragraphs start at the left of the column', async () => {
		const h = await open({editions: [fakeEdition()], prefs: {align: 'left'}, columns: 80});
		await h.press(keys.enter);
		// 80 columns: a 72-cell column with its margin of 7 on the left.
		const deck = h.rows().find(row => row.includes(shown('ملخص الخبر رقم 1 في سطر واحد قصير')))!;
		expect(deck.startsWith(`${' '.repeat(7)}${shown('ملخص الخبر رقم 1 في سطر واحد قصير')}`)).toBe(true);
	});

	it('digits arabic: ranks in Arabic-Indic digits', async () => {
		const h = await open({editions: [fakeEdition()], prefs: {digits: 'arabic'}});
		expect(h.rows()[3]).toMatch(/• ٣$/u);
	});

	it('digits arabic: the position takes the Arabic percent sign', async () => {
		const h = await open({editions: [fakeEdition()], prefs: {digits: 'arabic'}});
		expect(h.frame()).toMatch(/[٠-٩]+٪/u);
		expect(h.frame()).not.toMatch(/[٠-٩]+%/u);
	});

	it('tashkeel hide: harakat are dropped', async () => {
		const edition = fakeEdition();
		edition.articles[0]!.blocks.unshift({kind: 'paragraph', text: 'كَتَبَ الطَّالِبُ'});
		const shownWith = await open({editions: [edition]});
		await shownWith.press(keys.enter);
		expect(shownWith.frame()).toContain(shown('كَتَبَ الطَّالِبُ'));
		shownWith.unmount();
		const h = await open({editions: [edition], prefs: {tashkeel: 'hide'}});
		await h.press(keys.enter);
		expect(h.frame()).toContain(shown('كتب الطالب'));
	});

	it('measure: article lines are no wider than it', async () => {
		const h = await open({editions: [fakeEdition()], prefs: {measure: 30}, columns: 80});
		await h.press(keys.enter);
		for (const row of h.rows().slice(0, -1)) expect(row.trim().length).toBeLessThanOrEqual(30);
	});
});

describe('several sources', () => {
	it('[ and ] switch the source shown in the headlines pane', async () => {
		const h = await open({editions: [fakeEdition(), fakeEdition({source: 'https://other.example/rss', name: 'صحيفة أخرى'})]});
		expect(h.rows().at(-1)).toContain(shown('أخبار المدينة'));
		expect(headlineSide(h.rows()[0]!)).toContain(' · 1/2');
		await h.press(']');
		expect(h.rows().at(-1)).toContain(shown('صحيفة أخرى'));
		expect(headlineSide(h.rows()[0]!)).toContain(' · 2/2');
		await h.press('[');
		expect(h.rows().at(-1)).toContain(shown('أخبار المدينة'));
	});

	it('shows a site\'s page lists while its feed is on the way, then the joined edition, the selection where it was', async () => {
		const page = fakeEdition({source: 'https://site.example/'});
		page.headlines = page.headlines.map(headline => ({...headline, list: 'most-read'}));
		const latest: Headline = {key: 'https://site.example/new', title: 'خبر جديد من الخلاصة', url: 'https://site.example/new', rank: 1, list: 'latest', article: 1};
		let finish: () => void = () => {};
		const h = await open({
			sources: [{spec: page.source}],
			loaders: {
				async source(_spec, options) {
					options.onPage?.({edition: page, warnings: []});
					return new Promise(resolve => {
						finish = () => resolve({edition: {...page, headlines: [...page.headlines, latest]}, warnings: []});
					});
				},
			},
			rows: 20,
		});
		await h.settle();
		expect(h.frame()).toContain(shown(firstWords[1]!));
		expect(h.frame()).not.toContain(shown('خبر جديد من الخلاصة'));
		await h.press('j', 'j');
		expect(selectedIs(h, 2)).toBe(true);
		finish();
		await h.settle();
		expect(h.frame()).toContain(shown('خبر جديد من الخلاصة'));
		expect(h.frame()).toContain(shown('آخر الأخبار'));
		expect(selectedIs(h, 2)).toBe(true);
	});

	it('loads sources in the background: loading first, a one-line note on failure', async () => {
		let deliver: () => void = () => {};
		const h = await open({
			sources: [{spec: 'https://a.example/rss'}, {spec: 'https://b.example/rss'}],
			loaders: {
				async source(spec) {
					if (spec.startsWith('https://b')) throw new Error('https://b.example/rss: HTTP 503');
					return new Promise(resolve => {
						deliver = () => resolve({edition: fakeEdition({source: spec}), warnings: [], fromCache: {asOf: '2026-11-27 20:00'}});
					});
				},
			},
		});
		expect(h.frame()).toContain(shown('جارٍ تحميل المصدر…'));
		expect(h.frame()).toContain('HTTP 503');
		deliver();
		await h.settle();
		expect(h.frame()).toContain(shown(firstWords[1]!));
		// A key clears the note; the saved-copy state stays.
		await h.press('k');
		// The date an isolate: it reads as written, not turned by the Arabic around it.
		expect(h.rows().at(-1)).toContain(shown('نسخة محفوظة من \u20662026-11-27 20:00\u2069'));
	});
});

describe('effects outside the frame', () => {
	it('o opens the link with the platform opener, or a terminal browser from $BROWSER', async () => {
		const h = await open({editions: [fakeEdition()]});
		await h.press('o');
		expect(h.terminal.calls).toContainEqual(['openDetached', ['xdg-open', 'https://news.example/1']]);
		h.unmount();
		const w3m = await open({editions: [fakeEdition()], env: {LANG: 'C.UTF-8', BROWSER: 'w3m'}});
		await w3m.press('j', 'o');
		expect(w3m.terminal.calls).toContainEqual(['runInTerminal', ['w3m', 'https://news.example/2']]);
	});

	it('o over SSH without $BROWSER shows the URL instead', async () => {
		const h = await open({editions: [fakeEdition()], env: {LANG: 'C.UTF-8', SSH_CONNECTION: '10.0.0.1 22 10.0.0.2 22'}});
		await h.press('o');
		expect(h.frame()).toContain('https://news.example/1');
		expect(h.terminal.calls.some(([name]) => name === 'openDetached')).toBe(false);
	});

	it('y copies the URL (OSC 52 through the terminal)', async () => {
		const h = await open({editions: [fakeEdition()]});
		await h.press('j', 'y');
		expect(h.terminal.calls).toContainEqual(['copy', 'https://news.example/2']);
	});

	it('Ctrl+L redraws, Ctrl+Z suspends, q quits', async () => {
		const h = await open({editions: [fakeEdition()]});
		await h.press(keys.ctrl('l'));
		expect(h.terminal.calls).toContainEqual(['redraw']);
		await h.press(keys.ctrl('z'));
		expect(h.terminal.calls).toContainEqual(['suspend']);
		expect(h.exited()).toBe(false);
		await h.press('q');
		expect(h.exited()).toBe(true);
	});

	it('Ctrl+C quits even from an overlay', async () => {
		const h = await open({editions: [fakeEdition()]});
		await h.press('?', keys.ctrl('c'));
		expect(h.exited()).toBe(true);
	});

	it('r reloads the source and keeps the selection on the same item', async () => {
		let loads = 0;
		const h = await open({
			sources: [{spec: 'https://a.example/rss'}],
			loaders: {async source(spec) {
				loads++;
				const edition = fakeEdition({source: spec});
				if (loads > 1) edition.headlines.reverse();
				return {edition, warnings: []};
			}},
		});
		await h.press('j');
		expect(selectedIs(h, 1)).toBe(true);
		await h.press('r');
		await h.settle();
		expect(loads).toBe(2);
		expect(selectedIs(h, 1)).toBe(true);
		expect(h.rows().findIndex(row => row.includes('◂'))).toBe(4);
	});
});

describe('resizing', () => {
	it('follows a resize at once: two panes to one and back, frame height with it', async () => {
		const h = await open({editions: [fakeEdition()], columns: 100, rows: 30});
		expect(h.frame()).toContain('│');
		await h.resize(80, 20);
		expect(h.rows()).toHaveLength(20);
		expect(h.frame()).not.toContain('│');
		await h.resize(100, 30);
		expect(h.rows()).toHaveLength(30);
		expect(h.frame()).toContain('│');
	});
});

/** An error as the sources code throws it: an English line for print, and what failed. */
function fetchError(spec: string, problem: string, failure: object): Error {
	return Object.assign(new Error(`${spec}: ${problem}`), {problem, failure});
}

describe('failed fetches and saved copies', () => {
	it('a failed source says why in Arabic, the whole reason and source wrapped in its pane', async () => {
		const host = 'certificates-are-hard.news.example';
		const spec = `https://${host}/ar/rss/all-the-news-of-the-day.xml`;
		const h = await open({
			sources: [{spec}],
			loaders: {source: async () => Promise.reject(fetchError(spec, 'TLS certificate not trusted (DEPTH_ZERO_SELF_SIGNED_CERT)', {kind: 'tls', problem: 'untrusted', host}))},
		});
		await h.settle();
		const pane = h.rows().slice(1, -1).map(row => row.split('│').at(-1)!.trim());
		expect(pane.join('')).toContain(spec);
		expect(pane.some(row => row.includes(host))).toBe(true);
		expect(pane.join(' ')).toContain(shown('موثوقة'));
		expect(pane.join('')).not.toContain('…');
		expect(h.frame()).not.toMatch(/not trusted|DEPTH_ZERO/);
	});

	it('several failed sources: the status line says how many, each one\'s pane says why', async () => {
		const h = await open({
			sources: [{spec: 'https://a.example/rss'}, {spec: 'https://b.example/rss'}, {spec: 'https://c.example/rss'}],
			loaders: {async source(spec) {
				if (spec.startsWith('https://b')) throw fetchError(spec, 'connection refused', {kind: 'refused'});
				if (spec.startsWith('https://c')) throw fetchError(spec, 'HTTP 404 Not Found', {kind: 'http', status: 404});
				return {edition: fakeEdition({source: spec}), warnings: []};
			}},
		});
		await h.settle();
		expect(h.rows().at(-1)).toContain(shown('تعذّر تحميل 2 من 3 مصادر'));
		await h.press(']');
		expect(h.frame()).toContain(shown('تعذّر تحميل المصدر: رفض الخادم الاتصال'));
		expect(h.frame()).toContain('https://b.example/rss');
		await h.press(']');
		expect(h.frame()).toContain(shown('الصفحة غير موجودة'));
		expect(h.frame()).toContain('(HTTP 404)');
		expect(h.frame()).toContain('https://c.example/rss');
		expect(h.frame()).not.toMatch(/connection refused|Not Found/);
	});

	it('one failed source among others: the status line names it and says why', async () => {
		const h = await open({
			sources: [{spec: 'https://a.example/rss'}, {spec: 'https://b.example/rss'}],
			loaders: {async source(spec) {
				if (spec.startsWith('https://b')) throw fetchError(spec, 'timed out after 20 s', {kind: 'timeout', seconds: 20});
				return {edition: fakeEdition({source: spec}), warnings: []};
			}},
		});
		await h.settle();
		expect(h.rows().at(-1)).toContain(shown('تعذّر تحميل https://b.example/rss: لم يكتمل الرد في 20 ثانية'));
	});

	it('the saved copy shows at once; the fresh edition takes its place, the selection and open article on their items', async () => {
		const copy = fakeEdition({source: 'https://a.example/rss'});
		const fresh = fakeEdition({source: 'https://a.example/rss', extra: []});
		fresh.headlines.unshift({key: 'new', title: 'خبر جديد وصل للتو', url: 'https://news.example/new', rank: 1});
		fresh.headlines = fresh.headlines.map((headline, index) => ({...headline, rank: index + 1}));
		let arrive: () => void = () => {};
		const h = await open({
			sources: [{spec: copy.source}],
			loaders: {async source(_spec, options) {
				options.onSaved?.({edition: copy, warnings: [], fromCache: {asOf: '2026-11-27 20:00'}});
				return new Promise(resolve => {
					arrive = () => resolve({edition: fresh, warnings: []});
				});
			}},
		});
		await h.settle();
		expect(h.rows().at(-1)).toContain(shown('نسخة محفوظة، جارٍ تحديثها…'));
		await h.press('j', 'j', keys.enter);
		expect(selectedIs(h, 2)).toBe(true);
		expect(h.frame()).toContain(shown('ملخص الخبر رقم 3 في سطر واحد قصير'));
		arrive();
		await h.settle();
		expect(h.frame()).toContain(shown('خبر جديد وصل للتو'));
		expect(selectedIs(h, 2)).toBe(true);
		expect(h.frame()).toContain(shown('ملخص الخبر رقم 3 في سطر واحد قصير'));
		expect(h.rows().at(-1)).not.toContain(shown('نسخة محفوظة'));
		expect(h.rows().at(-1)).not.toContain(shown('جارٍ التحديث…'));
	});

	it('the fresh edition fails: the saved copy stays, the status line says why', async () => {
		const copy = fakeEdition({source: 'https://a.example/rss'});
		const h = await open({
			sources: [{spec: copy.source}],
			loaders: {async source(spec, options) {
				options.onSaved?.({edition: copy, warnings: [], fromCache: {asOf: '2026-11-27 20:00'}});
				throw fetchError(spec, 'timed out after 20 s', {kind: 'timeout', seconds: 20});
			}},
		});
		await h.settle();
		expect(h.frame()).toContain(shown(firstWords[1]!));
		expect(h.rows().at(-1)).toContain(shown('تعذّر تحديث أخبار المدينة: لم يكتمل الرد في 20 ثانية'));
		expect(h.frame()).not.toContain('timed out');
	});

	it('r that fails keeps what is shown, asks for news only, and says why', async () => {
		const asked: boolean[] = [];
		const h = await open({
			sources: [{spec: 'https://a.example/rss'}],
			loaders: {async source(spec, options) {
				asked.push(options.freshOnly === true);
				if (asked.length > 1) throw fetchError(spec, 'connection closed by the server', {kind: 'closed'});
				return {edition: fakeEdition({source: spec}), warnings: []};
			}},
		});
		await h.press('j', 'r');
		await h.settle();
		expect(asked).toEqual([false, true]);
		expect(selectedIs(h, 1)).toBe(true);
		expect(h.rows().at(-1)).toContain(shown('تعذّر تحديث أخبار المدينة: أغلق الخادم الاتصال'));
	});

	it('a site\'s feed that failed is said in Arabic among the warnings', async () => {
		const h = await open({
			sources: [{spec: 'https://a.example/'}],
			loaders: {async source(spec) {
				const warning = `${spec}: its feed could not be read (HTTP 500 Internal Server Error)`;
				return {
					edition: fakeEdition({source: spec}),
					warnings: [warning, 'cache: could not save a copy in /x (disk full)'],
					failures: [{warning, error: fetchError(`${spec}feed`, 'HTTP 500 Internal Server Error', {kind: 'http', status: 500}), feed: true}],
				};
			}},
		});
		await h.settle();
		expect(h.rows().at(-1)).toContain(shown('تعذّرت قراءة خلاصة أخبار المدينة: خطأ في الخادم (HTTP 500)'));
		expect(h.frame()).not.toContain('its feed could not be read');
	});
});
