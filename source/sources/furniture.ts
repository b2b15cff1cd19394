/**
 * Page furniture left in a reader-mode article: the lines around and inside a story that are
 * not the story (links to other stories, credits, counters, dates and bylines the meta line
 * already shows, the headline or the standfirst said again, follow-us and comment-policy lines).
 *
 * Readability finds the article's container well, but keeps whatever short lines the container
 * holds. Each rule here is a general signal measured on a corpus of real article pages (see
 * test/fixtures/extraction/CORPUS.md): how much of a block is link text, how long it is, where
 * it stands (before the first or after the last real paragraph), whether it repeats something
 * already shown, whether it is made of digits and punctuation. Phrase lists come last, only for
 * what no shape gives away, and each phrase has a test.
 */
import type {Block} from '../model.js';
import {fold} from '../text/fold.js';
import {decodeEntities} from './html-blocks.js';
import {normalizeTitle} from './keys.js';

export type ArticleContext = {
	/** The headline shown above the body. */
	title?: string;
	/** The page's <title>, which often ends with the site's name. */
	pageTitle?: string;
	/** The site's name, the meta description, the byline: text the meta line or deck already shows. */
	shown?: Array<string | undefined>;
	/** Texts of the links inside the article's container. */
	links?: readonly string[];
};

/** Letters of any script (a block with none is a counter, a bullet, a stray `-->`). */
const letter = /\p{L}/gu;
const digit = /\p{Nd}/gu;
const sentenceEnd = /[.!?؟。…"”»'’]$/u;

function words(text: string): number {
	return text.split(/\s+/).filter(Boolean).length;
}

function count(text: string, pattern: RegExp): number {
	return text.match(pattern)?.length ?? 0;
}

/** A real paragraph: long enough to be prose, whatever the script. */
function isProse(block: Block): boolean {
	return block.kind !== 'heading' && words(block.text) >= 15;
}

/** Digits and punctuation with a word or two: a counter, a price, a score, a news code. */
function isCounter(text: string): boolean {
	const letters = count(text, letter);
	if (letters < 3) return true;
	const digits = count(text, digit);
	return words(text) <= 4 && digits >= 3 && digits / (letters + digits) >= 0.3;
}

const months = [
	'january|february|march|april|may|june|july|august|september|october|november|december',
	'jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec',
	// Arabic (Levantine and Egyptian month names), Persian (solar and Latin-derived).
	'يناير|فبراير|مارس|أبريل|ابريل|مايو|يونيو|يوليو|أغسطس|اغسطس|سبتمبر|أكتوبر|اكتوبر|نوفمبر|ديسمبر',
	'كانون|شباط|آذار|نيسان|أيار|حزيران|تموز|آب|أيلول|تشرين',
	'فروردین|اردیبهشت|خرداد|تیر|مرداد|شهریور|مهر|آبان|آذر|دی|بهمن|اسفند|ژانویه|فوریه|آوریل|ژوئن|ژوئیه|اوت|سپتامبر|اکتبر|نوامبر|دسامبر',
	// Urdu and Hebrew.
	'جنوری|فروری|اپریل|مئی|جون|جولائی|اگست|ستمبر|اکتوبر|نومبر|دسمبر',
	'ינואר|פברואר|מרץ|אפריל|מאי|יוני|יולי|אוגוסט|ספטמבר|אוקטובר|נובמבר|דצמבר',
].join('|');
const monthName = new RegExp(`(?:^|[\\s\\d/،,-])(?:${months})(?:$|[\\s\\d/،,.-])`, 'iu');
const year = /(?:^|\D)(?:19|20)\d\d(?:\D|$)/u;
const clock = /\d{1,2}:\d\d/u;

/** A date line ("November 9, 2020", "الأربعاء، 28 آب 2013، آخر تحديث 14:00"): the meta line has the date. */
function isDateLine(text: string): boolean {
	if (words(text) > 14) return false;
	const dated = year.test(text) && (monthName.test(text) || clock.test(text));
	const timed = clock.test(text) && monthName.test(text);
	return dated || timed;
}

/** "Label: value" or "Label، value" of a few words, with no sentence: a byline, a topic, a credit. */
function isLabelValue(text: string): boolean {
	const match = /^([^:،,]{1,24})[:،,]\s*(.+)$/u.exec(text);
	if (!match) return false;
	return words(match[1]!) <= 2 && words(match[2]!) <= 5 && !sentenceEnd.test(text);
}

/** A credit: "Name/AGENCY", "© AGENCY / PHOTOGRAPHER", "Source: Supplied" alone on its line. */
function isCredit(text: string): boolean {
	if (words(text) > 6) return false;
	if (/\p{L}\.(?:com|net|org|co|io|info|tv|news)\b/iu.test(text)) return true;
	return /^©|©$|\(c\)/iu.test(text) || (/\S\s*\/\s*\S/u.test(text) && !sentenceEnd.test(text) && !/\d\s*\/\s*\d/u.test(text));
}

/**
 * Phrases that mark furniture whatever its shape, in the five languages of the corpus: asking
 * to follow the site elsewhere or install its app, copying the link, a news agency's end
 * marker, a note that the story came from or went to another publication.
 */
export const furniturePhrases: readonly RegExp[] = [
	/google\s*news|غوغل نيوز|جوجل نيوز|گوگل نیوز|گوگل نیوز/iu,
	/google play|app store|حمل(?:وا)? (?:الآن )?تطبيق|ایپ ڈاؤن لوڈ|اپلیکیشن .* را نصب/iu,
	/^(?:انسخ الرابط|نسخ الرابط|copy link|کپی لینک|لنک کاپی کریں|העתק קישור)$/iu,
	/^انتهای پیام/u,
	/contributed to this report|originally appeared (?:on|in)|was reprinted (?:on|in)|شارك في إعداد (?:هذا )?التقرير/iu,
	/^(?:related|read more|read also|see also|اقرأ أيضا|اقرأ أيضاً|إقرأ أيضا|إقرأ أيضاً|اقرأ المزيد|بیشتر بخوانید|بخوانید|مزید پڑھیں|یہ بھی پڑھیں|קראו עוד|קרא עוד)\s*[:：]?/iu,
	/^(?:continue reading|skip (?:to|past)|تخط[ىی]|تجاوز|رد شوید|آگے بڑھیں|דלג)/iu,
];

/**
 * After the story, a comment policy or a disclaimer that readers' comments are theirs: said
 * with these words in each language. Only read past the article's last paragraph.
 */
export const commentPolicyPhrases: readonly RegExp[] = [
	/\bcomments?\b.*\b(?:policy|guidelines|reflect|moderat)|do(?:es)? not (?:necessarily )?reflect the (?:views|opinions?)/iu,
	/التعليقات|لا تعبر (?:بالضرورة )?عن (?:رأي|وجهة)/u,
	/نظرات .*(?:منتشر|ارسال)|دیدگاه/u,
	/تبصر[ےہ]|ادارے کا .*متفق/u,
	/תגובות|התגובות/u,
];

/** Asking the reader to subscribe or sign up: furniture when it is a short box of its own. */
export const subscribePhrases: readonly RegExp[] = [
	/\bnewsletters?\b|\bsubscribe\b|\bsign up\b/iu,
	/إشترك|اشترك|النشرة البريدية|القائمة البريدية/u,
	/خبرنامه|مشترک شوید|عضو شوید/u,
	/سبسکرائب|نیوز لیٹر/u,
	/ניוזלטר|הירשמו/u,
];

const matchesAny = (text: string, patterns: readonly RegExp[]) => patterns.some((pattern) => pattern.test(text));

/** The text a block means, for comparing: brackets and "Label:" openers of link lines ignored. */
function bare(text: string): string {
	return normalizeTitle(text.replace(/^[[(]\s*|\s*[\])]$/gu, '').replace(/^[^:：]{1,20}[:：]\s*/u, ''));
}

/** Letters only, folded the way search folds them (hamza seats, alef maqsura, ta marbuta, case). */
function letters(text: string): string {
	return fold(decodeEntities(text)).replace(/[^\p{L}\p{Nd}]+/gu, '');
}

/**
 * Whether a standfirst only says again how the body starts (a meta description is often the
 * first sentence, cut short, or the whole first paragraph with a letter spelled differently).
 */
export function restatesStart(deck: string, body: readonly Block[]): boolean {
	const start = letters(deck.replace(/(?:\.\.\.|…)\s*$/u, '')).slice(0, 50);
	if (start.length < 20) return false;
	return body.slice(0, 3).some((block) => {
		const opening = letters(block.text);
		return opening.includes(start) || (opening.length >= 20 && start.startsWith(opening.slice(0, 50)));
	});
}

/**
 * The article's blocks with the furniture taken out. Nothing is taken from the middle of the
 * story unless it is link text on its own, a counter, a credit, or a line the reader has seen.
 */
export function removeFurniture(paragraphs: readonly Block[], context: ArticleContext = {}): Block[] {
	// A `<br>` keeps a line break inside its paragraph, and pages put credits, end markers and
	// whole paragraphs on lines of one element: each line is judged as a block of its own, and
	// the lines kept go back together into their paragraph.
	const origin = new Map<Block, number>();
	const blocks: Block[] = [];
	for (const [index, paragraph] of paragraphs.entries()) {
		const lines = paragraph.kind === 'quote' ? [paragraph.text] : paragraph.text.split('\n').filter((line) => line.trim() !== '');
		for (const line of lines.length > 1 ? lines : [paragraph.text]) {
			const block = line === paragraph.text ? paragraph : {...paragraph, text: line};
			origin.set(block, index);
			blocks.push(block);
		}
	}

	// Lines of one paragraph kept next to each other go back together; the paragraph itself
	// when none of its lines went.
	const kept: Block[] = [];
	let run: {from: number; lines: string[]} | undefined;
	const close = () => {
		if (!run) return;
		const paragraph = paragraphs[run.from]!;
		const text = run.lines.join('\n');
		kept.push(text === paragraph.text ? paragraph : {...paragraph, text});
	};

	for (const block of judge(blocks, context)) {
		const from = origin.get(block)!;
		if (run?.from === from) {
			run.lines.push(block.text);
			continue;
		}

		close();
		run = {from, lines: [block.text]};
	}

	close();
	return kept;
}

function judge(blocks: readonly Block[], context: ArticleContext): Block[] {
	const seen = new Set<string>();
	for (const value of [context.title, ...(context.shown ?? [])]) {
		if (value) seen.add(normalizeTitle(value));
	}

	const pageTitle = normalizeTitle(context.pageTitle ?? '');
	const links = new Set((context.links ?? []).map((link) => normalizeTitle(link)).filter((link) => link.length > 1));
	const longLinks = [...links].filter((link) => link.length >= 20);
	/** Text that is (almost) all one link: a tag, another story's headline, a "read more". */
	const isLink = (text: string): boolean => {
		const key = normalizeTitle(text);
		if (words(text) > 25) return false;
		if (links.has(key) || links.has(bare(text))) return true;
		return longLinks.some((link) => link.length >= key.length * 0.8 && key.includes(link));
	};

	/** A paragraph of the story: prose, and none of the long furniture (policies, sign-up boxes). */
	const storyProse = (block: Block) =>
		isProse(block) && !matchesAny(block.text, furniturePhrases) && !matchesAny(block.text, commentPolicyPhrases) && !isLink(block.text);
	const firstProse = blocks.findIndex((block) => storyProse(block));
	let lastProse = -1;
	for (let index = blocks.length - 1; index >= 0; index--) {
		if (storyProse(blocks[index]!)) {
			lastProse = index;
			break;
		}
	}

	// The page's ending: the run of short unpunctuated lines, links, counters and headings that
	// closes the article (end markers, agency credits, "more topics"). A caption or a sentence
	// ends the run, so short lines of the story itself (facts, verse) before them stay.
	let ending = blocks.length;
	while (ending > lastProse + 1) {
		const block = blocks[ending - 1]!;
		const text = block.text.trim();
		const closing =
			block.kind === 'heading' ||
			isLink(text) ||
			isCounter(text) ||
			matchesAny(text, furniturePhrases) ||
			matchesAny(text, commentPolicyPhrases) ||
			(block.kind !== 'caption' && words(text) <= 10 && !sentenceEnd.test(text));
		if (!closing) break;
		ending--;
	}

	const kept: Block[] = [];
	for (const [index, block] of blocks.entries()) {
		const text = block.text.trim();
		const key = normalizeTitle(text);
		const before = firstProse >= 0 && index < firstProse;
		const after = lastProse >= 0 && index > lastProse;
		const short = words(text) <= 8;
		const count = words(text);
		const opening = before || index < 3;
		// Quoted code and poetry keep every line, repeated or not.
		if (block.kind === 'quote' && !isLink(text) && !matchesAny(text, furniturePhrases)) {
			kept.push(block);
			continue;
		}

		const furniture =
			(block.kind === 'deck' && restatesStart(text, blocks.slice(index + 1))) ||
			// Repeated: the headline, the standfirst, the byline, or a block already shown.
			seen.has(key) ||
			(block.kind === 'deck' && pageTitle.includes(key)) ||
			// Link text alone on its line: a tag, a related story, a "read more".
			isLink(text) ||
			isCounter(text) ||
			(isDateLine(text) && !sentenceEnd.test(text)) ||
			(short && isCredit(text)) ||
			((opening || after) && isLabelValue(text)) ||
			matchesAny(text, furniturePhrases) ||
			(count <= 25 && matchesAny(text, subscribePhrases)) ||
			// Before the story, a short line that is no sentence: a kicker, an image's title.
			(before && block.kind === 'paragraph' && count <= 6 && !sentenceEnd.test(text)) ||
			// After it: the comment policy, end markers, widget headings, short lines that are no sentence
			// (a short sentence there may be the story's last word, and a caption is the story's too).
			(after && (matchesAny(text, commentPolicyPhrases) || block.kind === 'heading' || (index >= ending && count <= 10 && !sentenceEnd.test(text)))) ||
			// One word standing alone between paragraphs is a button or a label ("Photo", "Share").
			(index > firstProse && index < lastProse && block.kind === 'paragraph' && count === 1 && !sentenceEnd.test(text));
		// A page with no paragraph of prose (a brief, a list) has nothing to measure the rules by.
		if (firstProse < 0 ? seen.has(key) : furniture) continue;
		seen.add(key);
		kept.push(block);
	}

	return kept;
}
