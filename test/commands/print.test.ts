/**
 * `akhbar print` end to end, the built CLI as a child process: every fixture format gives its
 * titles and most-read items in order and each article's last paragraph whole; the output's
 * shape (list, then articles); what a pipe and a terminal get; every error in one line.
 */
import {readFileSync} from 'node:fs';
import {fileURLToPath} from 'node:url';
import stringWidth from 'string-width';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {startServer, type TestServer} from '../helpers/http-server.js';
import {PtySession} from '../helpers/pty-session.js';
import {runCli, tempHome, type CliResult} from '../fixtures/hostile/run-cli.js';

const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/${name}`, import.meta.url));
const out = (result: CliResult) => result.stdout.toString('utf8');
const lines = (result: CliResult) => out(result).replace(/\n$/, '').split('\n');
const errors = (result: CliResult) => result.stderr.split('\n').filter(Boolean);
const ESC = '\u001B';

type Case = {file: string; header: string; headlines: string[]; endings: string[]; articles?: number};

/** What each fixture says, read from the fixture: header, list rows, and how each article ends. */
const cases: Case[] = [
	{
		file: 'feeds/rss-full.xml',
		header: 'صحيفة الواحة & أخبارها — آخر الأخبار',
		headlines: [
			'1. افتتاح مكتبة عامة جديدة في حي "النخيل" & الأهالي يرحبون [1]',
			'2. تقرير مطول: موسم الأمطار وأثره على مزارع الواحة [2]',
			'3. عاجل: انقطاع الماء عن وسط المدينة لساعتين',
			'4. مهرجان التمور يعود بعد غياب العامين [3]',
		],
		endings: ['بمشاركة كتاب من المنطقة.', 'الكاتب. نهاية الفقرة الأخيرة.', 'للحرف اليدوية وأمسيات شعرية.'],
	},
	{
		file: 'feeds/atom.xml',
		header: 'مدونة الساحل — آخر الأخبار',
		headlines: ['1. الصيادون يعودون إلى البحر بعد العاصفة [1]', '2. سوق السمك يستعيد نشاطه & الأسعار تنخفض [2]', '3. Harbour repairs begin [3]'],
		endings: ['وإنه سيحتاج أياما لإصلاحها.', 'يستمر الانخفاض حتى نهاية الشهر.', 'Work on the old pier will take two months.'],
	},
	{
		file: 'feeds/rdf.xml',
		header: 'موجة | الأخبار بالعربية — آخر الأخبار',
		headlines: ['1. باحثون يرصدون هجرة طيور نادرة فوق الصحراء [1]', '2. مدرسة ريفية تفوز بجائزة للابتكار [2]'],
		endings: ['في ظاهرة لم تسجل منذ عقود.', 'جهازا بسيطا لجمع مياه الندى.'],
	},
	{
		file: 'feeds/jsonfeed-1.0.json',
		header: 'أخبار الوادي — آخر الأخبار',
		headlines: ['1. جسر جديد يربط ضفتي الوادي [1]', '2. موسم قطف الزيتون يبدأ مبكرا [2]'],
		endings: ['بين القريتين إلى عشر دقائق.', 'قطف الزيتون مبكرا هذا العام.'],
	},
	{
		file: 'feeds/mostread-records.json',
		header: `${fixture('feeds/mostread-records.json')} — الأكثر قراءة`,
		headlines: ['1. زلزال خفيف يهز مدينة ساحلية دون أضرار', '2. علماء يكتشفون نوعا جديدا من النمل في الغابات', '3. عداءة شابة تحطم رقما قياسيا عمره عشرون عاما'],
		endings: [],
	},
	{
		file: 'pages/article.html',
		header: 'جريدة الضفة — الأكثر قراءة',
		headlines: [
			'قرية صغيرة تضيء شوارعها بالطاقة الشمسية [1]',
			'1. متطوعون ينظفون ضفاف النهر في يوم واحد [2]',
			'2. إعادة افتتاح أقدم دار سينما في المدينة [3]',
			'3. قرية صغيرة تضيء شوارعها بالطاقة الشمسية [1]',
			'4. خباز شاب يفوز بجائزة أفضل خبز تقليدي [4]',
			'5. سوق ليلي جديد يجذب العائلات & السياح [5]',
		],
		endings: ['العمل قبل حلول الصيف المقبل.'],
		// The four other listed items are link-only articles, fetched when printed.
		articles: 5,
	},
	{
		file: 'dumps/lynx-dump.txt',
		header: 'lynx-dump.txt — الأكثر قراءة',
		headlines: [
			'مكتبة الجامعة تفتح أبوابها ليلاً طوال موسم الامتحانات [1]',
			'1. وزارة التعليم العالي تعلن موعد نتائج القبول الموحد',
			'2. باحثون من كلية العلوم يطورون جهازاً رخيصاً لقياس ملوحة التربة في الحقول الصغيرة ويأملون طرحه في الأسواق قبل نهاية العام',
			'3. منتخب الجامعة لكرة السلة يفوز بالبطولة الإقليمية',
			'4. افتتاح مقهى ثقافي جديد قرب البوابة الشمالية',
			'5. محاضرة مفتوحة عن تاريخ الخط العربي الأربعاء المقبل',
		],
		endings: ['مع بداية الفصل المقبل.'],
	},
	{
		file: 'encodings/windows-1256-undeclared.txt',
		header: 'windows-1256-undeclared.txt — آخر الأخبار',
		headlines: ['قاعة المطالعة الجديدة [1]'],
		endings: ['القاعة تتسع لأربعين قارئاً.'],
	},
	{
		file: 'encodings/iso-8859-6-declared.xml',
		header: 'نشرة الحي — آخر الأخبار',
		headlines: ['1. سوق الخضار يفتح أبوابه يوم الجمعة [1]'],
		endings: ['بعد طلب الباعة والسكان.'],
	},
];

describe.each(cases)('print $file', ({file, header, headlines, endings, articles = endings.length}) => {
	it('--headlines: the header, then the titles and most-read items in order, each with its article number', async () => {
		const result = await runCli(['print', '--logical', '--headlines', fixture(file)]);
		expect(result.code).toBe(0);
		expect(result.stderr).toBe('');
		expect(lines(result)).toEqual([header, ...headlines]);
	});

	it('--article K: each article ends with its last paragraph, whole', async () => {
		for (const [index, ending] of endings.entries()) {
			// eslint-disable-next-line no-await-in-loop -- one child at a time
			const result = await runCli(['print', '--logical', '--article', String(index + 1), fixture(file)]);
			expect(result.code).toBe(0);
			expect(lines(result).at(-1)!.replaceAll('\u00A0', ' ').endsWith(ending)).toBe(true);
		}

		const beyond = await runCli(['print', '--article', String(articles + 1), fixture(file)]);
		expect(beyond.code).toBe(1);
		expect(errors(beyond)).toEqual([`akhbar: ${fixture(file)}: no article ${articles + 1} (${articles} article${articles === 1 ? '' : 's'})`]);
	});
});

describe('the whole edition', () => {
	it('is the list, then every article as --article prints it, a blank line between', async () => {
		const file = fixture('feeds/rss-full.xml');
		for (const mode of [['--logical'], ['--width', '50']]) {
			// eslint-disable-next-line no-await-in-loop -- one child at a time
			const [all, list, ...articles] = await Promise.all([
				runCli(['print', ...mode, file]),
				runCli(['print', ...mode, '--headlines', file]),
				...[1, 2, 3].map(async k => runCli(['print', ...mode, '--article', String(k), file])),
			]);
			expect(out(all)).toBe([list, ...articles].map(out).join('\n'));
		}
	});

	it('--headlines wraps a long title onto more lines, never cuts it', async () => {
		const file = fixture('dumps/lynx-dump.txt');
		const result = await runCli(['print', '--headlines', '--width', '30', file]);
		expect(result.code).toBe(0);
		expect(out(result)).not.toContain('…');
		expect(lines(result).length).toBeGreaterThan(cases.find(c => c.file === 'dumps/lynx-dump.txt')!.headlines.length + 3);
		expect(Math.max(...lines(result).map(line => stringWidth(line)))).toBe(30);
	});

	it('reads standard input as it reads the file', async () => {
		const file = fixture('feeds/atom.xml');
		const [piped, named] = await Promise.all([runCli(['print', '-'], {input: readFileSync(file)}), runCli(['print', file])]);
		expect(piped.code).toBe(0);
		expect(out(piped)).toBe(out(named));
	});

	it('--align justify fills every line of a paragraph but its last to --width, with kashida; --logical never has any', async () => {
		const file = fixture('feeds/rss-full.xml');
		const [plain, justified, logical] = await Promise.all([
			runCli(['print', '--article', '2', '--width', '40', file]),
			runCli(['print', '--article', '2', '--width', '40', '--align', 'justify', file]),
			runCli(['print', '--article', '2', '--logical', '--align', 'justify', file]),
		]);
		expect(justified.code).toBe(0);
		expect(out(justified)).toContain('\u0640');
		expect(out(logical)).not.toContain('\u0640');
		const words = (line: string) => line.replaceAll('\u0640', '').trim().split(/ +/);
		expect(lines(justified).map(line => words(line))).toEqual(lines(plain).map(line => words(line)));
		const full = lines(justified).filter(line => stringWidth(line) === 40 && line.trim() === line);
		expect(full.length).toBeGreaterThan(3);
	});

	it('--logical has no bidi control, no escape, and ignores --width', async () => {
		const file = fixture('dumps/seed-layout.txt');
		const [narrow, wide] = await Promise.all([runCli(['print', '--logical', '--width', '20', file]), runCli(['print', '--logical', file])]);
		expect(out(narrow)).toBe(out(wide));
		// eslint-disable-next-line no-control-regex -- the point
		expect(out(wide)).not.toMatch(/[\u0000-\u0009\u000B-\u001F\u200E\u200F\u061C\u202A-\u202E\u2066-\u2069\uFEFF]/);
	});

	it('says a feed was cut short, on stderr, and prints the items read before the cut', async () => {
		const file = fixture('feeds/truncated.xml');
		const result = await runCli(['print', '--logical', '--headlines', file]);
		expect(result.code).toBe(0);
		expect(lines(result)).toHaveLength(3);
		expect(errors(result)).toEqual([`akhbar: ${file}: truncated: 2 items read`]);
	});
});

describe('paragraph direction follows the source', () => {
	const apple = 'Apple تطلق هاتف iPhone 17 الجديد بسعر 999 دولاراً.';
	const feed = (language: string) => `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>TechNews عربي</title>${language}
<item><title>${apple}</title><link>https://www.tech.example/apple</link><author>desk@tech.example (Author, محمد)</author>
<description><![CDATA[<p>Apple تطلق هاتفها في الأسواق العربية.</p><p>"Think different" was the slogan.</p><p>سطر أول<br>سطر ثان</p>]]></description></item>
</channel></rss>`;
	const print = async (language: string, ...args: string[]) => runCli(['print', '--shaping', 'off', '--width', '60', ...args, '-'], {input: feed(language)});
	const reversed = (text: string) => [...text].reverse().join('');

	it('a feed declared ar: the Apple headline and title flush right, the full stop at the left end; the byline right to left, the host in the meta line', async () => {
		const result = await print('<language>ar</language>');
		expect(result.code).toBe(0);
		const [header, row, , title, , meta, , body, , quote, , first, second] = lines(result);
		// The source's Latin-led name reads right to left too, at the right end of the header.
		expect(header!.endsWith(`${reversed('عربي')} TechNews`)).toBe(true);
		// `1. Apple … دولاراً. [1]` right to left: the number at the right end, [1] and the full stop at the left.
		expect(row!.startsWith(' ')).toBe(true);
		expect(row!.trimStart().startsWith('[1] .')).toBe(true);
		expect(row!.endsWith('Apple .1')).toBe(true);
		for (const line of [title!, body!]) {
			expect(line.startsWith(' ')).toBe(true);
			expect(line.trimStart().startsWith('.')).toBe(true);
			expect(line.endsWith('Apple')).toBe(true);
		}

		expect(meta!.trimStart()).toBe(`tech.example · ${reversed('محمد')} ,Author · ${reversed('عربي')} TechNews`);
		// An English paragraph in the Arabic article stays left to right.
		expect(quote!.trimEnd()).toBe('"Think different" was the slogan.');
		// A <br> is a line break inside its paragraph, not an empty line between two.
		expect(first!.trim()).toBe(reversed('سطر أول'));
		expect(second!.trim()).toBe(reversed('سطر ثان'));
	});

	it('no declaration, or a wrong one: most letters decide, so the Arabic headline is still right to left', async () => {
		for (const language of ['', '<language>en-us</language>']) {
			// eslint-disable-next-line no-await-in-loop -- one child at a time
			const [, , , title] = lines(await print(language));
			expect(title!.trimStart().startsWith('.')).toBe(true);
			expect(title!.endsWith('Apple')).toBe(true);
		}
	});

	it('--logical is unchanged: the text in the order it was written', async () => {
		const result = await print('<language>ar</language>', '--logical');
		expect(lines(result).slice(0, 4)).toEqual(['TechNews عربي — آخر الأخبار', `1. ${apple} [1]`, '', apple]);
	});
});

describe('pipe and terminal', () => {
	const file = fixture('dumps/seed-layout.txt');

	it('to a pipe: 80 cells wide, no escape sequence at all', async () => {
		const result = await runCli(['print', file]);
		expect(out(result)).not.toContain(ESC);
		const widths = lines(result).filter(Boolean).map(line => stringWidth(line));
		expect(Math.max(...widths)).toBe(80);
	});

	it('to a terminal: its width, colour, and the visual text inside CSI 8 l … CSI 8 h', async () => {
		const session = new PtySession({args: ['print', file], cols: 64, rows: 40});
		expect(await session.exited(20_000)).toBe(0);
		expect(session.output.startsWith(`${ESC}[8l`)).toBe(true);
		expect(session.output.trimEnd().endsWith(`${ESC}[8h`)).toBe(true);
		expect(session.output).toContain(`${ESC}[1m`);
		// eslint-disable-next-line no-control-regex -- SGR out, to measure the text
		const text = session.output.replaceAll(/\u001B\[[\d;]*[a-zA-Z]/g, '').split(/\r?\n/).filter(line => line.trim());
		expect(Math.max(...text.map(line => stringWidth(line)))).toBe(64);
	});

	it('NO_COLOR: no colour, the bidi switch stays', async () => {
		const session = new PtySession({args: ['print', '--width', '40', file], cols: 80, rows: 40, env: {NO_COLOR: '1'}});
		expect(await session.exited(20_000)).toBe(0);
		expect(session.output.startsWith(`${ESC}[8l`)).toBe(true);
		expect(session.output).not.toMatch(/\u001B\[[\d;]*m/);
	});

	it('--logical in a terminal: no escape sequence, the terminal does the bidi', async () => {
		const session = new PtySession({args: ['print', '--logical', file], cols: 80, rows: 40});
		expect(await session.exited(20_000)).toBe(0);
		expect(session.output).not.toContain(ESC);
	});
});

describe('errors: one line on stderr naming the source and the problem, nothing on stdout', () => {
	const seed = fixture('dumps/seed-layout.txt');
	it.each([
		[['print', '/no/such/file.xml'], 1, 'akhbar: /no/such/file.xml: no such file'],
		[['print', fixture('feeds')], 1, `akhbar: ${fixture('feeds')}: is a directory`],
		[['print', fixture('dumps/empty.txt')], 1, `akhbar: ${fixture('dumps/empty.txt')}: empty`],
		[['print', '--article', '0', seed], 1, `akhbar: ${seed}: no article 0 (1 article)`],
		[['print', '--article', '99', seed], 1, `akhbar: ${seed}: no article 99 (1 article)`],
		[['print', '--article', 'x', seed], 2, 'akhbar: --article takes a whole number'],
		[['print', '--article', '1', '--headlines', seed], 2, 'akhbar: --article and --headlines cannot be used together'],
		[['print', '--width', '0', seed], 2, 'akhbar: --width takes a whole number from 1 to 10000'],
		[['print', '--bogus', seed], 2, 'akhbar: unknown flag --bogus (see akhbar --help)'],
		[['print', '-z', seed], 2, 'akhbar: unknown flag -z (see akhbar --help)'],
		[['--no-such-flag'], 2, 'akhbar: unknown flag --no-such-flag (see akhbar --help)'],
		[['print', '--digits', 'roman', seed], 2, expect.stringMatching(/^akhbar: .*--digits.*roman/)],
		[['print', `--x${ESC}]0;owned\u0007`, seed], 2, 'akhbar: unknown flag --x\uFFFD]0;owned\uFFFD (see akhbar --help)'],
		[['print', '--digits', `${ESC}[2J`, seed], 2, expect.stringMatching(/^akhbar: [^\u001B]*\uFFFD\[2J/)],
	])('%j → exit %i', async (args, code, message) => {
		const result = await runCli(args);
		expect(result.code).toBe(code);
		expect(errors(result)).toEqual([message]);
		expect(out(result)).toBe('');
	});

	it('prints the sources that load and names the one that does not, exit 1', async () => {
		const result = await runCli(['print', '--logical', '--headlines', seed, '/no/such/file.xml']);
		expect(result.code).toBe(1);
		expect(lines(result)[0]).toBe('seed-layout.txt — الأكثر قراءة');
		expect(errors(result)).toEqual(['akhbar: /no/such/file.xml: no such file']);
	});
});

describe('a URL, and its saved copy', () => {
	let server: TestServer;
	const feed = readFileSync(fixture('feeds/rss-full.xml'));
	beforeAll(async () => {
		server = await startServer({
			'/feed.xml'(_, response) {
				response.writeHead(200, {'content-type': 'application/rss+xml'}).end(feed);
			},
		});
	});
	afterAll(async () => server.close());

	it('prints a feed from a server, then from the saved copy when the server is gone, with a note, exit 0', async () => {
		const home = tempHome('akhbar-print-url-');
		const url = server.url('/feed.xml');
		const fresh = await runCli(['print', '--logical', '--headlines', url], {home});
		expect(fresh.code).toBe(0);
		expect(lines(fresh)[0]).toBe('صحيفة الواحة & أخبارها — آخر الأخبار');
		await server.close();
		const offline = await runCli(['print', '--logical', '--headlines', url], {home});
		expect(offline.code).toBe(0);
		expect(out(offline)).toBe(out(fresh));
		expect(errors(offline)).toEqual([expect.stringMatching(new RegExp(`^akhbar: ${url}: connection refused; showing the copy as of \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d UTC$`))]);
		const elsewhere = await runCli(['print', url]);
		expect(elsewhere.code).toBe(1);
		expect(errors(elsewhere)).toEqual([`akhbar: ${url}: connection refused`]);
		const offlineNoCopy = await runCli(['print', '--offline', url]);
		expect(offlineNoCopy.code).toBe(1);
		expect(errors(offlineNoCopy)).toHaveLength(1);
	});
});

describe('no SOURCE', () => {
	it('prints the configured sources, under their configured names; --demo the demo edition; a pipe gets the same from akhbar', async () => {
		const home = tempHome('akhbar-print-configured-');
		expect((await runCli(['sources', 'add', fixture('feeds/atom.xml'), '--name', 'الساحل'], {home})).code).toBe(0);
		const configured = await runCli(['print', '--logical', '--headlines'], {home});
		expect(configured.code).toBe(0);
		expect(lines(configured)[0]).toBe('الساحل — آخر الأخبار');
		expect(lines(configured)[1]).toBe('1. الصيادون يعودون إلى البحر بعد العاصفة [1]');
		const reader = await runCli(['--logical', '--headlines'], {home});
		expect(out(reader)).toBe(out(configured));
		expect(errors(reader)).toEqual(['akhbar: not a terminal, printing instead (akhbar print)']);
		const demo = await runCli(['print', '--logical', '--headlines', '--demo'], {home});
		const fresh = await runCli(['print', '--logical', '--headlines']);
		expect(lines(demo)[0]).toMatch(/ — الأكثر قراءة$/);
		expect(out(demo)).toBe(out(fresh));
		expect(out(demo)).not.toBe(out(configured));
	});
});
