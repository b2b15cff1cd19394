/**
 * Plain-text page dumps → Edition. A dump is what a browser's "copy all", `lynx -dump` or a
 * scraper leaves of an article page: a title line, a few short deck lines, perhaps a caption
 * printed twice (image alt text and figure caption), the body, then the site's sections, among
 * them the most-read list (الأكثر قراءة). Nothing marks these parts but the shape of the lines,
 * so every rule here is about shape: length, final punctuation, blank lines, list markers.
 */
import type {Article, Block, Edition, Headline} from '../model.js';
import {sanitize, sanitizeLine} from '../text/sanitize.js';
import {SourceError} from './errors.js';
import {headlineKey, normalizeTitle} from './keys.js';
import {resolveUrl} from './urls.js';

/** One line of the dump, with the little layout a text dump keeps. */
type Line = {
	/** Without indentation or trailing spaces. */
	text: string;
	indent: number;
	/** Cells from the left margin to the last character: how full a hard-wrapped line is. */
	width: number;
	/** Empty, or only spaces, NBSP, zero-width characters. */
	blank: boolean;
};

/** A logical line: a paragraph (joined when the dump is hard-wrapped), a list item, a caption. */
type Unit = {
	kind: 'text' | 'item' | 'caption';
	/** As in the dump: list marker removed, lynx link markers still in. */
	text: string;
	/** Numbered list items keep their marker for item blocks (`1. `); bullets lose theirs. */
	label?: string;
	indent: number;
	/** Width of the unit's last line, to decide whether the next line continues it. */
	lastWidth: number;
	/** Followed by a blank line or the end of the dump. */
	endsChunk: boolean;
};

/** Longest line, in cells, that a hard-wrapping dumper (lynx: 79) would produce. */
const maxWrapWidth = 100;
/** Cells by which dumpers' ideas of a line's width may differ (see isFull). */
const wrapSlack = 3;
/** A deck or heading is shorter than a sentence of body text. */
const maxDeckLength = 160;
const maxHeadingLength = 100;
const maxHeadingWords = 12;
/** Fewer words than this is a section name, not a headline, in a list with no bullets. */
const minHeadlineWords = 4;
/** A first line longer than this is a paragraph, not a title: the title is cut from it. */
const maxTitleLength = 200;

const nonSpacingMarks = /\p{Mn}/gu;
const blankPattern = /^[\s\u200B-\u200F\u2060\uFEFF]*$/u;
/** `____`, `* * *`, `———`: a rule or a section break, which separates like a blank line. */
const rulePattern = /^(?:[-_=*~•·—–ـ.]\s*){3,}$/u;
const trailingSpace = /\s+$/u;
const leadingSpace = /^\s+/u;
const digitClass = '[0-9\u0660-\u0669\u06F0-\u06F9]';
/** `1.` `1)` `1-` `(1)` `١.` — up to three digits, then space: `2026 شهد` or `1.5` are not items. */
const numberedPattern = new RegExp(`^(?:\\((${digitClass}{1,3})\\)|(${digitClass}{1,3}) ?[.)\\-–])\\s+(?=\\S)`, 'u');
const bulletPattern = /^[*•·▪◦‣●■+\-–]\s+(?=\S)/u;
/** A rank printed on a line of its own, its headline on the next: many sites render lists so. */
const numberOnlyPattern = new RegExp(`^(${digitClass}{1,3})[.)]?$`, 'u');
/** lynx puts `[12]` before each link's text and lists the targets under "References". */
const linkMarkerPattern = /\[(\d+)\]/g;
const lynxLinkMarker = /\[\d+\](?=[^\s\d\]])/g;
const lynxTokens = /\[(?:IMG|INLINE|LINK|USEMAP|BUTTON|EMBED)\]/g;
const referencePattern = /^(\d+)\.\s+(\S+)$/;
const referenceSubheading = /^(?:Visible|Hidden) links:?$/;
/** Sentence-final punctuation, looked for after closing quotes and brackets. */
const terminalPattern = /[.!?؟…:]$/u;
const closersPattern = /[»"”’')\]]+$/u;
const copyrightPattern = /©|جميع الحقوق محفوظة|حقوق (?:النشر|الطبع) محفوظة|all rights reserved/iu;
const openersPattern = /^[«"“‘'(\[]/u;
/** الأكثر قراءة (مشاهدة، تداولا...), المقالات الأكثر قراءة, أكثر الأخبار قراءة, Most read/popular. */
const mostReadPattern = new RegExp([
	'^(?:(?:ال)?(?:أخبار|اخبار|مقالات|موضوعات|مواضيع|قصص)\\s+)?ال(?:أكثر|اكثر)\\s+(?:قراءة|قراءه|قراءات|مشاهدة|مشاهده|تداولا|تداول|رواجا|شعبية|شعبيه|تفاعلا|تعليقا|مشاركة|مشاركه|زيارة|زياره)(?:\\s.*)?$',
	'^(?:أكثر|اكثر)\\s+(?:الأخبار|الاخبار|المقالات|المواضيع|الموضوعات)\\s+(?:قراءة|قراءه|مشاهدة|مشاهده|تداولا)(?:\\s.*)?$',
	'^most[\\s-]+(?:read|popular|viewed|shared|emailed)\\b',
].join('|'), 'iu');
/**
 * The labels of a site's own sections and buttons, left in a dump around the article: related
 * articles, read also, follow us, share, the footer's links. A line that is one of them and
 * nothing more is chrome; the same words inside a sentence are prose.
 */
const chromePattern = new RegExp([
	'^(?:ال)?(?:مقالات|أخبار|اخبار|مواضيع|موضوعات|قصص|تقارير)\\s+(?:ذات\\s+(?:صلة|صله|علاقة)|مختارة|مختاره|الواجهة|الواجهه|مقترحة|مقترحه|متعلقة|متعلقه|مشابهة|مشابهه|أخرى|اخرى)$',
	'^(?:اقرأ|إقرأ|اقرا|شاهد|انظر)\\s+(?:أيضا|ايضا)$',
	'^(?:قد\\s+(?:يهمك|يعجبك|يهمكم)|اخترنا\\s+(?:لك|لكم)|المزيد|(?:آخر|اخر)\\s+(?:الأخبار|الاخبار))$',
	'^(?:تابعونا|تابعنا)(?:\\s+على\\s+.{1,30})?$',
	'^(?:شارك|شاركوا|مشاركة)(?:\\s+(?:المقال|الخبر|هذا\\s+المقال|هذا\\s+الخبر|على\\s+.{1,30}))?$',
	'^(?:من\\s+نحن|اتصل\\s+بنا|اتصلوا\\s+بنا|سياسة\\s+الخصوصية|شروط\\s+الاستخدام|الرئيسية|إعلان|اعلان|النشرة\\s+البريدية)$',
	'^(?:related(?:\\s+(?:articles|stories|news|posts))?|read\\s+(?:more|also)|see\\s+also|you\\s+may\\s+also\\s+like|more\\s+(?:stories|news)|share(?:\\s+this(?:\\s+(?:article|story))?)?|follow\\s+us|advertisement|newsletter|top\\s+stories)$',
].join('|'), 'u');
/** A lynx line that is nothing but links, each `[n]` and its text. */
const linkLinePattern = /^(?:\[\d+\][^[\]]+)+$/u;
/**
 * `بقلم فلان`, `كتب: فلان`, `By Name`; كتب without a colon is more often "books" than "wrote".
 * Group 1 or 2 is the colon, group 3 the name: see authorOf for what a name may be.
 */
const authorPattern = /^(?:(?:بقلم|By)(?=[\s:])\s*(:?)|(?:كتب|كتبت|كتبه|إعداد|اعداد|تحرير)\s*(:))\s*(\S+(?:\s+\S+){0,4})$/iu;
/** Words no name is made of: بقلم الرصاص رسم الطفل بيته is "with a pencil the child drew his house". */
const notNameWords = new Set([
	'في', 'من', 'على', 'إلى', 'الى', 'عن', 'أن', 'إن', 'ان', 'أنه', 'لا', 'لم', 'لن', 'ما', 'هذا', 'هذه', 'ذلك', 'تلك',
	'التي', 'الذي', 'الذين', 'كان', 'كانت', 'قد', 'ثم', 'حتى', 'مع', 'بعد', 'قبل', 'عند', 'كل', 'هو', 'هي', 'أو',
]);
/** A name may start with ال after a title only: بقلم الدكتور ...; otherwise بقلم ال... is "with the ...". */
const nameTitles = new Set([
	'الدكتور', 'الدكتورة', 'الأستاذ', 'الأستاذة', 'الاستاذ', 'الاستاذة', 'الشيخ', 'الكاتب', 'الكاتبة', 'الصحفي',
	'الصحفية', 'المحرر', 'المحررة', 'المهندس', 'المهندسة', 'الزميل', 'الزميلة', 'المستشار', 'السفير', 'اللواء', 'العميد',
]);
/** Lower-case words inside a Latin name: Jane van Dijk, Omar al Farouk. */
const nameParticles = new Set(['and', 'de', 'del', 'da', 'di', 'du', 'van', 'von', 'der', 'den', 'la', 'le', 'al', 'el', 'bin', 'ibn', 'bint']);
const months: Record<string, number> = {
	يناير: 1, فبراير: 2, مارس: 3, أبريل: 4, ابريل: 4, إبريل: 4, مايو: 5, يونيو: 6, يونيه: 6,
	يوليو: 7, يوليه: 7, أغسطس: 8, اغسطس: 8, سبتمبر: 9, أكتوبر: 10, اكتوبر: 10, نوفمبر: 11,
	ديسمبر: 12, 'كانون الثاني': 1, شباط: 2, آذار: 3, نيسان: 4, أيار: 5, حزيران: 6, تموز: 7,
	آب: 8, أيلول: 9, 'تشرين الأول': 10, 'تشرين الثاني': 11, 'كانون الأول': 12,
};

/** Sniffer's test: prose in lines, not markup, not JSON, not binary. */
export function looksLikeTextDump(text: string): boolean {
	const start = text.replace(/^[\uFEFF\s]+/u, '');
	if (start === '') return false;
	if (start.startsWith('<')) return false;
	if (/<(?:\?xml|!doctype|html|rss|feed|rdf:RDF)\b/i.test(start.slice(0, 2048))) return false;
	if ((start.startsWith('{') || start.startsWith('[')) && isJson(start)) return false;
	let controls = 0;
	for (const char of start.slice(0, 8192)) {
		const code = char.codePointAt(0)!;
		if ((code < 0x20 && code !== 0x09 && code !== 0x0A && code !== 0x0C && code !== 0x0D) || code === 0x7F) controls++;
	}
	if (controls > Math.min(start.length, 8192) / 100) return false;
	const lines = start.split(/\r\n?|\n/).filter(line => line.trim() !== '');
	const prose = lines.filter(line => /\p{L}/u.test(line)).length;
	return prose > 0 && prose >= lines.length / 2;
}

export function parseTextDump(text: string, source: string): Edition {
	const lines = toLines(sanitize(text.replace(/\r\n?|[\u2028\u2029]/g, '\n')));
	const {body, references} = splitReferences(dropLynxHeader(lines));
	const lynx = references.size > 0 || (body.map(line => line.text).join('\n').match(lynxLinkMarker)?.length ?? 0) >= 2;
	const units = toUnits(body, wrapWidth(body));
	skipNavigation(units, lynx);
	cutFooter(units);
	if (units.length === 0) throw new SourceError(source, 'no text');
	return buildEdition(readPage(units, source, lynx), source, references);
}

type Page = {
	title: string;
	author?: string;
	date?: string;
	blocks: Block[];
	/** The most-read list: cleaned titles and their first lynx link number. */
	mostRead: Array<{title: string; link?: number}>;
};

function buildEdition(page: Page, source: string, references: Map<number, string>): Edition {
	const lang = mostlyArabic([page.title, ...page.blocks.map(block => block.text)]) ? 'ar' : undefined;
	// A page fetched from a URL is at that URL; a file or standard input has none.
	const url = resolveUrl(source);
	const article: Article = {key: headlineKey(source, {title: page.title, ...(url ? {url} : {})}), title: page.title, blocks: page.blocks};
	if (url) article.url = url;
	if (page.author) article.author = page.author;
	if (page.date) article.date = page.date;
	if (lang) article.lang = lang;
	const own: Headline = {key: article.key, title: page.title, article: 1};
	if (url) own.url = url;
	if (page.date) own.date = page.date;
	const headlines: Headline[] = [own];
	const keys = new Set([article.key]);
	page.mostRead.forEach((item, index) => {
		const link = item.link === undefined ? undefined : references.get(item.link);
		const base = headlineKey(source, {title: item.title, ...(link ? {url: link} : {})});
		// The same headline twice in one list still needs two keys.
		let key = base;
		for (let n = 2; keys.has(key); n++) key = `${base}#${n}`;
		keys.add(key);
		const headline: Headline = {key, title: item.title, rank: index + 1};
		if (link) headline.url = link;
		headlines.push(headline);
	});
	const edition: Edition = {
		source,
		name: displayName(source, page.title),
		list: page.mostRead.length > 0 ? 'most-read' : 'latest',
		headlines,
		articles: [article],
		notes: [],
	};
	if (lang) edition.lang = lang;
	return edition;
}

// --- Lines ---------------------------------------------------------------------------------

function toLines(text: string): Line[] {
	return text.split('\n').map(raw => {
		const right = raw.replace(trailingSpace, '');
		const text = right.replace(leadingSpace, '');
		const indent = right.length - text.length;
		return {text, indent, width: indent + cells(text), blank: blankPattern.test(text) || rulePattern.test(text)};
	});
}

/** Cells a line takes in a dumper's eyes: combining marks take none. */
/**
 * Cells the text takes (marks count none), counted no further than `limit + 1`: a one-line
 * dump of 10 MB is measured in a few steps, and no array of its characters is ever made.
 */
function cells(text: string, limit = Number.POSITIVE_INFINITY): number {
	let count = 0;
	for (const char of text) {
		if (!isMark(char)) {
			count++;
			if (count > limit) {
				break;
			}
		}
	}

	return count;
}

const markTest = new RegExp(`^(?:${nonSpacingMarks.source})$`, 'u');
const isMark = (char: string) => char.codePointAt(0)! >= 0x0300 && markTest.test(char);

/** lynx prints the page's `<link>` titles first, as `#[1]alternate [2]RSS` (`#RSS` with -nolist). */
function dropLynxHeader(lines: Line[]): Line[] {
	let start = 0;
	while (start < lines.length && (lines[start]!.blank || /^#(?:\[\d+\])?[^\s#]/u.test(lines[start]!.text))) start++;
	return lines.slice(start);
}

/** Cuts lynx's trailing "References" list off the dump and returns its link numbers → URLs. */
function splitReferences(lines: Line[]): {body: Line[]; references: Map<number, string>} {
	const references = new Map<number, string>();
	let heading = -1;
	for (let index = lines.length - 1; index >= 0; index--) {
		if (lines[index]!.text === 'References' && lines[index]!.indent === 0) {
			heading = index;
			break;
		}
	}
	if (heading < 0) return {body: lines, references};
	for (const line of lines.slice(heading + 1)) {
		if (line.blank || referenceSubheading.test(line.text)) continue;
		const match = referencePattern.exec(line.text);
		if (!match) return {body: lines, references: new Map()};
		const url = resolveUrl(match[2]);
		if (url) references.set(Number(match[1]), url);
	}
	return {body: lines.slice(0, heading), references};
}

/**
 * The column a hard-wrapped dump was wrapped at, or 0 when it is not hard-wrapped (one paragraph
 * per line, as browsers copy). Greedy wrapping leaves every line but a paragraph's last too full
 * to take the next word, so the longest line that has a space is a safe estimate of the column.
 */
function wrapWidth(lines: Line[]): number {
	let widest = 0;
	for (const line of lines) if (!line.blank && /\s/u.test(line.text)) widest = Math.max(widest, line.width);
	if (widest === 0 || widest > maxWrapWidth) return 0;
	for (let index = 0; index + 1 < lines.length; index++) {
		const line = lines[index]!;
		const next = lines[index + 1]!;
		if (line.blank || next.blank || isListLine(next.text) || sameText(next, line)) continue;
		if (isFull(line.width, next, widest)) return widest;
	}
	return 0;
}

/**
 * Would the next line's first word have fitted on this one? Some dumpers count combining marks
 * (tanween, shadda) as cells and some do not, so a line a few cells short still counts as full.
 */
function isFull(width: number, next: Line, column: number): boolean {
	const word = next.text.split(/\s/u)[0] ?? '';
	return width + 1 + cells(word) > column - wrapSlack;
}

function isListLine(text: string): boolean {
	return numberedPattern.test(text) || bulletPattern.test(text) || numberOnlyPattern.test(text);
}

// --- Units ---------------------------------------------------------------------------------

function toUnits(lines: Line[], column: number): Unit[] {
	const units: Unit[] = [];
	const endChunk = () => {
		const last = units.at(-1);
		if (last) last.endsChunk = true;
	};
	for (let index = 0; index < lines.length; index++) {
		const line = lines[index]!;
		if (line.blank) {
			endChunk();
			continue;
		}
		const last = units.at(-1);
		const open = last && !last.endsChunk ? last : undefined;
		// The same line twice in a row: an image's alt text and its caption. One caption.
		if (sameText(lines[index + 1], line)) {
			while (sameText(lines[index + 1], line)) index++;
			units.push({kind: 'caption', text: line.text, indent: line.indent, lastWidth: line.width, endsChunk: false});
			continue;
		}
		const rankOnly = numberOnlyPattern.exec(line.text);
		// A wrapped paragraph can leave a lone number (`... بلغ عددهم` / `35.`) on a line.
		if (rankOnly && open?.kind === 'text' && column > 0 && continues(open, line, column)) {
			open.text += ` ${line.text}`;
			open.lastWidth = line.width;
			continue;
		}
		if (rankOnly) {
			let next = index + 1;
			if (lines[next]?.blank) next++;
			const target = lines[next];
			if (target && !target.blank && !isListLine(target.text)) {
				units.push({kind: 'item', text: target.text, label: `${rankOnly[1]!}. `, indent: line.indent, lastWidth: target.width, endsChunk: false});
				index = next;
				continue;
			}
		}
		const numbered = numberedPattern.exec(line.text);
		const bullet = numbered ? null : bulletPattern.exec(line.text);
		if (numbered || bullet) {
			const marker = (numbered ?? bullet)![0];
			const unit: Unit = {kind: 'item', text: line.text.slice(marker.length), indent: line.indent, lastWidth: line.width, endsChunk: false};
			if (numbered) unit.label = `${(numbered[1] ?? numbered[2])!}. `;
			units.push(unit);
			continue;
		}
		if (open && column > 0 && continues(open, line, column)) {
			open.text += ` ${line.text}`;
			open.lastWidth = line.width;
			continue;
		}
		units.push({kind: 'text', text: line.text, indent: line.indent, lastWidth: line.width, endsChunk: false});
	}
	endChunk();
	// lynx prints alt text and caption as one paragraph: the same words twice. One caption.
	for (const unit of units) {
		const doubled = unit.kind === 'text' ? doubledText(unit.text) : undefined;
		if (doubled) Object.assign(unit, {kind: 'caption', text: doubled});
	}
	return units;
}

/** `A A` → `A`, when A has at least two words (so `نعم نعم` stays as it is). */
function doubledText(text: string): string | undefined {
	// A caption printed twice on one line is a caption: short. A paragraph is never doubled.
	if (text.length > 2000) return undefined;
	const words = text.split(/\s+/u);
	if (words.length < 4 || words.length % 2 !== 0) return undefined;
	const half = words.length / 2;
	for (let index = 0; index < half; index++) if (words[index] !== words[index + half]) return undefined;
	return words.slice(0, half).join(' ');
}

function sameText(next: Line | undefined, line: Line): boolean {
	return next !== undefined && !next.blank && next.text.replace(/\s+/gu, ' ') === line.text.replace(/\s+/gu, ' ');
}

/** In a hard-wrapped dump: does this line carry on the open paragraph or list item? */
function continues(open: Unit, line: Line, column: number): boolean {
	if (open.kind === 'caption') return false;
	if (open.kind === 'item') return line.indent > open.indent;
	return isFull(open.lastWidth, line, column);
}

/**
 * Dumps open with the site's navigation before the article's title: a list of sections, or in
 * lynx a run of lines that start with a link. A title is never a list item.
 */
function skipNavigation(units: Unit[], lynx: boolean): void {
	let count = 0;
	while (count < units.length && (units[count]!.kind === 'item' || (lynx && /^\[\d+\]/.test(units[count]!.text)))) count++;
	if (count < units.length) units.splice(0, count);
}

/** The copyright line opens the page's footer: nothing after it is the article's. */
function cutFooter(units: Unit[]): void {
	const footer = units.findIndex((unit, index) => index > 0 && unit.kind === 'text' && unit.text.length < maxHeadingLength && copyrightPattern.test(unit.text));
	if (footer > 0) units.length = footer;
}

// --- Page structure ------------------------------------------------------------------------

function readPage(units: Unit[], source: string, lynx: boolean): Page {
	const clean = (text: string) => cleanText(text, lynx);
	const page: Page = {title: '', blocks: [], mostRead: []};
	// Title: the first line, unless the dump starts straight with a paragraph.
	const first = clean(units[0]!.text);
	const long = cells(first) > maxTitleLength;
	page.title = long ? sanitizeLine(cutTitle(first)) : sanitizeLine(first) || sanitizeLine(source);
	const body = readHead(units, long ? 0 : 1, page, clean);
	readBody(units, body, page, clean, lynx);
	return page;
}

/** Decks, captions, an author or date line, up to the first paragraph or list; returns where the body starts. */
function readHead(units: Unit[], from: number, page: Page, clean: (text: string) => string): number {
	let index = from;
	for (; index < units.length; index++) {
		const unit = units[index]!;
		const text = clean(unit.text);
		if (text === '' || (unit.kind !== 'item' && text === page.title)) continue;
		if (unit.kind === 'caption') {
			page.blocks.push({kind: 'caption', text});
			continue;
		}
		if (unit.kind !== 'text' || !isShortLine(text, maxDeckLength) || isMostReadHeading(text)) break;
		const author = authorOf(text);
		const date = author ? undefined : dateOfLine(text);
		if (author) page.author = sanitizeLine(author);
		if (date) page.date = date;
		page.blocks.push({kind: author || date ? 'meta' : 'deck', text});
	}
	return index;
}

/**
 * The body and the sections after it: a heading owns what follows it up to the next heading.
 * After the last paragraph (the site's own sections) a heading with nothing under it is dropped.
 * Before it, a subheading stands alone between paragraphs, and short lines in a row are short
 * paragraphs: some sites end no paragraph with a period, and no text may be lost.
 */
function readBody(units: Unit[], from: number, page: Page, clean: (text: string) => string, lynx: boolean): void {
	markUnmarkedLists(units, from, clean);
	const candidates = units.map((_, at) => at >= from && isHeading(units, at, clean));
	let lastParagraph = units.length - 1;
	while (lastParagraph >= from && !isProse(units, lastParagraph, candidates, clean)) lastParagraph--;
	const headings = candidates.map((candidate, at) => candidate && (at > lastParagraph
		|| (!candidates[at - 1] && !candidates[at + 1])
		|| (isMostReadHeading(clean(units[at]!.text)) && units[at + 1]?.kind === 'item')));
	let index = from;
	while (index < units.length) {
		const unit = units[index]!;
		if (!headings[index]) {
			pushUnit(page.blocks, unit, clean);
			index++;
			continue;
		}
		let end = index + 1;
		while (end < units.length && !headings[end]) end++;
		const section = units.slice(index + 1, end).filter(member => clean(member.text) !== '');
		const heading = clean(unit.text);
		index = end;
		if (section.length === 0) {
			// A short line with nothing under it: the site's chrome (a widget's title whose list
			// did not survive the copy), or a short paragraph with no full stop. Only the first
			// may go.
			if (!isChrome(unit.text, heading, lynx)) page.blocks.push({kind: 'paragraph', text: heading});
			continue;
		}
		if (isMostReadHeading(heading) && section[0]!.kind === 'item') {
			let count = 0;
			while (count < section.length && section[count]!.kind === 'item') count++;
			// Only the first most-read list is the edition's; later ones (most viewed...) are not
			// this article's text either.
			if (page.mostRead.length === 0) {
				page.mostRead = section.slice(0, count).map(item => mostReadItem(item.text, lynx)).filter(item => item.title !== '');
			}
			for (const rest of section.slice(count)) pushUnit(page.blocks, rest, clean);
			continue;
		}
		page.blocks.push({kind: 'heading', text: heading});
		for (const member of section) pushUnit(page.blocks, member, clean);
	}
}

/**
 * Browsers copy a list without its bullets: under a most-read heading, the headline-like lines
 * that follow (four words or more, no final period) are its items. A shorter line is the next
 * section's heading ("مقالات ذات صلة"), which ends the list.
 */
function markUnmarkedLists(units: Unit[], from: number, clean: (text: string) => string): void {
	for (let index = from; index < units.length; index++) {
		const unit = units[index]!;
		if (unit.kind !== 'text' || units[index + 1]?.kind !== 'text' || !isMostReadHeading(clean(unit.text))) continue;
		for (let next = index + 1; next < units.length; next++) {
			const member = units[next]!;
			const text = clean(member.text);
			if (member.kind !== 'text' || text.split(/\s+/u).length < minHeadlineWords || !isShortLine(text, maxDeckLength) || isMostReadHeading(text)) break;
			member.kind = 'item';
		}
	}
}

/** Body text proper: a long line or a sentence, not a short label. */
function isProse(units: Unit[], index: number, candidates: boolean[], clean: (text: string) => string): boolean {
	const unit = units[index]!;
	if (unit.kind !== 'text' || candidates[index]) return false;
	const text = clean(unit.text);
	return cells(text) > maxHeadingLength || !isShortLine(text, maxHeadingLength);
}

function pushUnit(blocks: Block[], unit: Unit, clean: (text: string) => string): void {
	const text = clean(unit.text);
	if (text === '') return;
	if (unit.kind === 'caption') blocks.push({kind: 'caption', text});
	else if (unit.kind === 'item') blocks.push({kind: 'item', text: (unit.label ?? '') + text});
	else blocks.push({kind: 'paragraph', text});
}

/** A short line with no final punctuation, standing alone or right before a list or paragraph. */
function isHeading(units: Unit[], index: number, clean: (text: string) => string): boolean {
	const unit = units[index]!;
	if (unit.kind !== 'text') return false;
	const next = units[index + 1];
	// A colon ends a line that introduces something: a heading only when a list follows.
	let text = clean(unit.text);
	if (next?.kind === 'item') text = text.replace(/\s*[:：]$/u, '');
	if (!isShortLine(text, maxHeadingLength) || text.split(/\s+/u).length > maxHeadingWords) return false;
	// «...» on its own is a quote, (رويترز) a credit: text, not a heading.
	if (openersPattern.test(text)) return false;
	if (unit.endsChunk) return true;
	return next !== undefined && (next.kind === 'item' || !isShortLine(clean(next.text), maxDeckLength));
}

function isShortLine(text: string, limit: number): boolean {
	return cells(text, limit) <= limit && !terminalPattern.test(text.replace(closersPattern, ''));
}

/**
 * Recognisably the page's, not the article's: a most-read heading, one of the labels sites put
 * around an article (chromePattern), a lynx line of nothing but links (`[20]من نحن [21]اتصل بنا`).
 */
function isChrome(raw: string, text: string, lynx: boolean): boolean {
	if (isMostReadHeading(text)) return true;
	if (lynx && linkLinePattern.test(raw) && (raw.match(linkMarkerPattern)?.length ?? 0) >= 2) return true;
	const normal = normalizeTitle(text).replace(/[\s:：.،-]+$/u, '');
	return normal.length <= 40 && chromePattern.test(normal);
}

function isMostReadHeading(text: string): boolean {
	const normal = normalizeTitle(text).replace(/[\s:：.،-]+$/u, '');
	return normal.length <= 40 && mostReadPattern.test(normal);
}

function mostReadItem(text: string, lynx: boolean): {title: string; link?: number} {
	const marker = lynx ? /\[(\d+)\]/.exec(text) : null;
	const item: {title: string; link?: number} = {title: sanitizeLine(cleanText(text, lynx))};
	if (marker) item.link = Number(marker[1]);
	return item;
}

/** Drops lynx's link and image markers and the spaces a justified dump adds. */
function cleanText(text: string, lynx: boolean): string {
	const bare = lynx ? text.replace(linkMarkerPattern, '').replace(lynxTokens, '') : text;
	return bare.replace(/[ \t]{2,}/g, ' ').trim();
}

/** A title cut from a paragraph: its first sentence, or its first words, when no line is short. */
function cutTitle(text: string): string {
	const sentence = /^(.{20,120}?[.!?؟])\s/u.exec(text);
	if (sentence) return sentence[1]!;
	const words = text.slice(0, 100).split(/\s+/u);
	words.pop();
	return `${words.join(' ')}…`;
}

/**
 * The name on a byline: the line is marked as one (بقلم, By, كتب:) and what follows looks like a
 * name, not a sentence that happens to start with the marker (By noon the hall was full).
 */
function authorOf(text: string): string | undefined {
	const match = authorPattern.exec(text);
	if (!match) return undefined;
	const name = match[3]!;
	// `بقلم:` and `By:` say what follows is a name; `بقلم` and `By` alone start sentences too.
	const marked = (match[1] ?? match[2]) === ':';
	return isName(name, marked) ? name : undefined;
}

function isName(name: string, marked: boolean): boolean {
	if (/[\d\u0660-\u0669\u06F0-\u06F9!?؟؛;:«»"“”()]/u.test(name)) return false;
	const words = name.split(/\s+/u).map(word => word.replace(/[،,]$/u, ''));
	if (words.some(word => notNameWords.has(word))) return false;
	if (marked) return true;
	const first = words[0]!;
	if (/^\p{Script=Arabic}/u.test(first)) return !first.startsWith('ال') || nameTitles.has(first);
	// A Latin name is capitalised, but for its particles.
	return words.every(word => /^\p{Lu}/u.test(word) || nameParticles.has(word));
}

/** A meta line that is mostly a date: `2026-11-28`, `28/11/2026`, `28 نوفمبر 2026`. */
function dateOfLine(text: string): string | undefined {
	const line = text.replace(/[\u0660-\u0669]/g, digit => String(digit.codePointAt(0)! - 0x0660))
		.replace(/[\u06F0-\u06F9]/g, digit => String(digit.codePointAt(0)! - 0x06F0));
	if (cells(line) > 80) return undefined;
	const monthNames = Object.keys(months).join('|');
	const patterns: Array<[RegExp, (match: RegExpExecArray) => [number, number, number]]> = [
		[/(\d{4})-(\d{1,2})-(\d{1,2})/, match => [Number(match[1]), Number(match[2]), Number(match[3])]],
		[/(\d{1,2})[/.](\d{1,2})[/.](\d{4})/, match => [Number(match[3]), Number(match[2]), Number(match[1])]],
		[new RegExp(`(\\d{1,2})\\s+(${monthNames})\\s*[،,]?\\s*(\\d{4})`, 'u'), match => [Number(match[3]), months[match[2]!]!, Number(match[1])]],
	];
	for (const [pattern, parts] of patterns) {
		const match = pattern.exec(line);
		if (!match) continue;
		const [year, month, day] = parts(match);
		// The date must be most of the line ("نشر في ...", a time), not a deck that names a date.
		const rest = line.replace(match[0], ' ').replace(/\d{1,2}:\d{2}(?::\d{2})?/g, ' ').trim();
		if (rest.split(/\s+/u).filter(Boolean).length > 4) return undefined;
		if (month < 1 || month > 12 || day < 1 || day > 31 || year < 1900 || year > 2200) return undefined;
		return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
	}
	return undefined;
}

// --- Edition details -----------------------------------------------------------------------

/** The file's name for a path, the host for a URL, the page title for standard input. */
function displayName(source: string, title: string): string {
	if (source === '-' || source.trim() === '') return title;
	if (/^[a-z][a-z\d+.-]*:\/\//i.test(source)) {
		try {
			return new URL(source).host || source;
		} catch {
			return source;
		}
	}
	const base = source.split(/[/\\]/).filter(Boolean).at(-1);
	return sanitizeLine(base ?? source);
}

/** Counts letters of the two scripts, in the first 100,000 characters: enough to tell. */
function mostlyArabic(texts: string[]): boolean {
	let arabic = 0;
	let latin = 0;
	let budget = 100_000;
	for (const text of texts) {
		const sample = text.length > budget ? text.slice(0, budget) : text;
		budget -= sample.length;
		for (const char of sample) {
			if (arabicLetter.test(char)) arabic++;
			else if (latinLetter.test(char)) latin++;
		}

		if (budget <= 0) break;
	}
	return arabic > 0 && arabic >= latin;
}

const arabicLetter = /\p{Script=Arabic}/u;
const latinLetter = /\p{Script=Latin}/u;

function isJson(text: string): boolean {
	try {
		JSON.parse(text);
		return true;
	} catch {
		return false;
	}
}
