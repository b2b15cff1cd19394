/**
 * How a feed item's file reads: one line in the article under its meta line ("صوت · 42:10 ·
 * 38 ميغابايت · MP3"), and the first entries of the links overlay. Written so that plain bidi
 * keeps the parts in reading order with no isolate (one-line fields lose their bidi controls):
 * the Arabic word first, the numbers next (after an Arabic letter they read right to left, one
 * after the other), the size's unit in Arabic, and the Latin format last (before the numbers, it
 * would make them one left-to-right run with it).
 */
import type {Article, Block, Enclosure} from '../model.js';
import {strings as arabic, type UiStrings} from './strings.js';

/** Short names of common file types, from the MIME type. */
const formats: Record<string, string> = {
	'audio/mpeg': 'MP3',
	'audio/mp3': 'MP3',
	'audio/mp4': 'M4A',
	'audio/x-m4a': 'M4A',
	'audio/aac': 'AAC',
	'audio/ogg': 'OGG',
	'audio/opus': 'OPUS',
	'audio/flac': 'FLAC',
	'audio/wav': 'WAV',
	'audio/x-wav': 'WAV',
	'video/mp4': 'MP4',
	'video/webm': 'WebM',
	'video/ogg': 'OGG',
	'video/quicktime': 'MOV',
	'video/x-matroska': 'MKV',
	'application/x-mpegurl': 'HLS',
	'application/vnd.apple.mpegurl': 'HLS',
	'application/pdf': 'PDF',
};

/** `2530` → `42:10`, `3723` → `1:02:03`. */
export function clock(seconds: number): string {
	const hours = Math.floor(seconds / 3600);
	const minutes = Math.floor((seconds % 3600) / 60);
	const rest = String(seconds % 60).padStart(2, '0');
	return hours > 0 ? `${hours}:${String(minutes).padStart(2, '0')}:${rest}` : `${minutes}:${rest}`;
}

/** `39845888` → `38 ميغابايت`: binary units, one decimal below 10. */
export function fileSize(bytes: number, strings: UiStrings = arabic): string {
	const units = strings.sizeUnits;
	let value = bytes;
	let unit = 0;
	while (value >= 1024 && unit < units.length - 1) {
		value /= 1024;
		unit++;
	}

	const shown = unit > 0 && value < 10 ? value.toFixed(1).replace(/\.0$/, '') : String(Math.round(value));
	return `${shown} ${units[unit]}`;
}

/** `صوت · 42:10 · 38 ميغابايت · MP3`: what the file is, how long, how big, its format (what the feed states). */
export function mediaLabel(enclosure: Enclosure, strings: UiStrings = arabic): string {
	return [
		strings.media[enclosure.medium],
		enclosure.seconds === undefined ? undefined : clock(enclosure.seconds),
		enclosure.bytes === undefined ? undefined : fileSize(enclosure.bytes, strings),
		enclosure.type ? formats[enclosure.type] : undefined,
	].filter((part): part is string => part !== undefined).join(' · ');
}

// One cache per interface language: the lines are in its words.
const withLines = new WeakMap<UiStrings, WeakMap<Article, Article>>();

/**
 * The article with a line for each of its files after its decks (the meta line goes between),
 * as the reader and `print` show it. The same object for the same article, so layout caches hold.
 */
export function withMediaLines(article: Article, strings: UiStrings = arabic): Article {
	if (!article.enclosures || article.enclosures.length === 0) return article;
	const cache = withLines.get(strings) ?? new WeakMap<Article, Article>();
	withLines.set(strings, cache);
	const known = cache.get(article);
	if (known) return known;
	let decks = 0;
	while (decks < article.blocks.length && article.blocks[decks]!.kind === 'deck') decks++;
	const lines: Block[] = article.enclosures.map(enclosure => ({kind: 'meta', text: mediaLabel(enclosure, strings)}));
	const shown = {...article, blocks: [...article.blocks.slice(0, decks), ...lines, ...article.blocks.slice(decks)]};
	cache.set(article, shown);
	return shown;
}
