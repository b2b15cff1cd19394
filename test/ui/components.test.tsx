import {render} from 'ink-testing-library';
import {afterEach, describe, expect, it} from 'vitest';
import {cleanup} from 'ink-testing-library';
import {defaultTextOptions} from '../../source/text/options.js';
import {cellWidth} from '../../source/text/width.js';
import {HeadlinesPane} from '../../source/ui/HeadlinesPane.js';
import {Help, helpLines} from '../../source/ui/Help.js';
import {statusHints} from '../../source/ui/hints.js';
import {defaultKeyTable} from '../../source/ui/keys.js';
import {SearchPrompt} from '../../source/ui/SearchPrompt.js';
import {Settings} from '../../source/ui/Settings.js';
import {StatusBar} from '../../source/ui/StatusBar.js';
import {monoTheme} from '../../source/ui/theme.js';
import {shown, titles} from './fixtures.js';

afterEach(() => {
	cleanup();
});

const options = defaultTextOptions;

describe('HeadlinesPane', () => {
	const rows = titles.map((title, index) => ({title, number: index + 1, read: index === 1}));

	it('draws a header and one row per headline: pointer, rank, • when unread, the title truncated with …', () => {
		const {lastFrame} = render(<HeadlinesPane width={30} height={6} header="الأكثر قراءة" rows={rows} selected={0} top={0} focused options={options} theme={monoTheme} />);
		const lines = lastFrame()!.split('\n');
		expect(lines).toHaveLength(6);
		expect(lines[0]).toContain(shown('الأكثر قراءة'));
		// Cut after a whole word: the ellipsis at the left end of the text, the cells past it blank.
		expect(lines[1]).toMatch(/^ *….* • 1◂$/u);
		expect(lines[2]).toMatch(/ {3}2$/u);
		for (const line of lines) expect(cellWidth(line)).toBeLessThanOrEqual(30);
	});

	it('shows the rows from the top of its window and a message instead of rows', () => {
		const {lastFrame, rerender} = render(<HeadlinesPane width={30} height={3} header="h" rows={rows} selected={3} top={2} focused options={options} theme={monoTheme} />);
		expect(lastFrame()!.split('\n')[1]).toMatch(/3$/u);
		rerender(<HeadlinesPane width={30} height={3} header="h" rows={[]} message="جارٍ تحميل المصدر…" selected={0} top={0} focused options={options} theme={monoTheme} />);
		expect(lastFrame()).toContain(shown('جارٍ تحميل المصدر…'));
	});

	it('puts each list\'s name on a row above its first headline, and keeps the selected row in view', () => {
		const sectioned = rows.map((row, index) => (index === 0 ? {...row, section: 'الأكثر قراءة'} : index === 2 ? {...row, number: 1, section: 'آخر الأخبار'} : row));
		const {lastFrame, rerender} = render(<HeadlinesPane width={30} height={6} header="h" rows={sectioned} selected={0} top={0} focused options={options} theme={monoTheme} />);
		const lines = lastFrame()!.split('\n');
		expect(lines[1]).toContain(shown('الأكثر قراءة'));
		expect(lines[2]).toMatch(/1◂$/u);
		expect(lines[4]).toContain(shown('آخر الأخبار'));
		expect(lines[5]).toMatch(/ 1$/u);
		// Selecting the last row scrolls just enough for it, its list's name rows counted.
		rerender(<HeadlinesPane width={30} height={6} header="h" rows={sectioned} selected={rows.length - 1} top={0} focused options={options} theme={monoTheme} />);
		const after = lastFrame()!.split('\n');
		expect(after).toHaveLength(6);
		expect(after[5]).toMatch(new RegExp(`${rows.length}◂$`, 'u'));
	});

	it('puts the rank on the left for a left-to-right source', () => {
		const {lastFrame} = render(<HeadlinesPane width={30} height={3} header="Most read" rows={[{title: 'A headline', number: 1, read: false}]} selected={0} top={0} focused options={{...options, fallbackDirection: 'ltr'}} theme={monoTheme} />);
		expect(lastFrame()!.split('\n')[1]).toMatch(/^▸1 • A headline/u);
	});
});

describe('StatusBar', () => {
	it('puts the reader\'s side on the right, keys and position on the left, one row', () => {
		const {lastFrame} = render(<StatusBar width={80} info="أخبار المدينة" hints={[{text: 'خروج q', priority: 1}]} position="35%" options={options} theme={monoTheme} />);
		const line = lastFrame()!;
		expect(line.split('\n')).toHaveLength(1);
		expect(line.startsWith(' 35% ')).toBe(true);
		expect(line.trimEnd().endsWith(shown('أخبار المدينة'))).toBe(true);
	});

	const hints = statusHints('headlines', defaultKeyTable);

	it('gives the keys all the room the reader\'s side leaves', () => {
		const {lastFrame} = render(<StatusBar width={80} info="أخبار المدينة" hints={hints} position="35%" options={options} theme={monoTheme} />);
		for (const key of ['Enter', '/', ' s', '?', ' q']) expect(lastFrame()).toContain(key);
		expect(lastFrame()).toContain(shown('أخبار المدينة'));
	});

	it('drops the least useful keys first when the line is short, never the help key', () => {
		const {lastFrame, rerender} = render(<StatusBar width={50} info="أخبار المدينة" hints={hints} options={options} theme={monoTheme} />);
		expect(lastFrame()).toContain('?');
		expect(lastFrame()).toContain(' q');
		expect(lastFrame()).not.toContain(' s');
		rerender(<StatusBar width={40} info={'أخبار المدينة '.repeat(4)} hints={hints} position="100%" options={options} theme={monoTheme} />);
		expect(lastFrame()).toContain('?');
		expect(lastFrame()).not.toContain(' q');
		expect(cellWidth(lastFrame()!)).toBeLessThanOrEqual(40);
	});

	it('gives a note the room it needs, keeping the help key', () => {
		const {lastFrame} = render(<StatusBar width={60} info="أخبار" note="https://b.example/rss: HTTP 503" hints={hints} options={options} theme={monoTheme} />);
		expect(lastFrame()).toContain('https://b.example/rss: HTTP 503');
		expect(lastFrame()).toContain('?');
		expect(lastFrame()).not.toContain('Enter');
	});
});

describe('Help, Settings, SearchPrompt', () => {
	it('help lists every command with its keys and scrolls', () => {
		const lines = helpLines({tmux: false});
		const {lastFrame, rerender} = render(<Help width={70} height={8} lines={lines} scroll={0} options={options} theme={monoTheme} />);
		expect(lastFrame()!.split('\n')).toHaveLength(8);
		expect(lastFrame()).toContain('↓ j');
		rerender(<Help width={70} height={8} lines={lines} scroll={lines.length - 8} options={options} theme={monoTheme} />);
		expect(lastFrame()).toContain(shown('تعمل المفاتيح نفسها بلوحة المفاتيح العربية (X11 وmacOS وWindows).').slice(-10));
	});

	it('settings show each preference, its name for `akhbar prefs` and its value', () => {
		const values = {shaping: true, bidi: 'auto', align: 'auto', digits: 'asis', tashkeel: 'show', measure: 72, headlines: 'right', headlinesWidth: 38, theme: 'auto', language: 'auto', autoRefresh: 30} as const;
		const {lastFrame} = render(<Settings width={80} height={12} values={values} selected={5} options={options} theme={monoTheme} />);
		expect(lastFrame()).toContain('‹ 72 ›');
		expect(lastFrame()).toContain('headlinesWidth');
		expect(lastFrame()!.split('\n')[6]).toContain('◂');
	});

	it('settings keep each label beside its value on a wide terminal, and whole on a narrow one', () => {
		const values = {shaping: true, bidi: 'auto', align: 'auto', digits: 'asis', tashkeel: 'show', measure: 72, headlines: 'right', headlinesWidth: 38, theme: 'auto', language: 'auto', autoRefresh: 30} as const;
		const {lastFrame, rerender} = render(<Settings width={200} height={12} values={values} selected={0} options={options} theme={monoTheme} />);
		const digits = lastFrame()!.split('\n')[4]!;
		expect(digits.trimEnd().endsWith(shown('الأرقام'))).toBe(true);
		expect(cellWidth(digits.trim())).toBeLessThan(60);
		rerender(<Settings width={40} height={14} values={values} selected={0} overridden={new Set(['digits'])} options={options} theme={monoTheme} />);
		const rows = lastFrame()!.split('\n');
		for (const label of ['وصل الحروف', 'الاتجاه الثنائي', 'عرض العناوين']) expect(lastFrame()).toContain(shown(label));
		expect(rows[4]).toContain('‹ asis ›');
		expect(rows[4]).toContain('*');
		for (const row of rows) expect(cellWidth(row)).toBeLessThanOrEqual(40);
	});

	it('the search prompt shows the query shaped, right to left, with the cursor after it', () => {
		const {lastFrame} = render(<SearchPrompt width={60} label="ابحث: " query="مدرسة" options={options} theme={monoTheme} />);
		const line = lastFrame()!;
		expect(line).toContain(`▏${shown('مدرسة')}`);
		expect(line.trimEnd().endsWith(shown('ابحث:'))).toBe(true);
	});
});
