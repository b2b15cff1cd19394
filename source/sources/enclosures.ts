/**
 * The files a feed item carries (RSS `<enclosure>`, Media RSS, Atom `rel="enclosure"`, JSON Feed
 * `attachments`) → Enclosures, every field checked: the URL absolute http(s), a size a whole
 * number of bytes, a duration seconds or [H:]MM:SS, a MIME type that looks like one. A field that
 * fails is dropped, not guessed; an enclosure without a usable URL is dropped whole. Images are
 * left out: in news feeds they are the item's picture, not something to play.
 */
import type {Enclosure} from '../model.js';
import {sanitizeLine} from '../text/sanitize.js';
import {resolveUrl} from './urls.js';

/** An enclosure as a feed states it, before any field is believed. */
export type RawEnclosure = {
	url?: string;
	type?: string;
	/** Bytes: RSS `length`, Media RSS `fileSize`, JSON Feed `size_in_bytes`. */
	size?: unknown;
	/** Seconds, or an iTunes [[H:]M]M:SS duration. */
	duration?: unknown;
	/** Media RSS `medium`: image, audio, video, document, executable. */
	medium?: string;
	title?: string;
};

/** More than this per item is not a podcast episode; the rest are not kept. */
const maxPerItem = 20;
/** A week of audio is no episode: a duration past this is a mistake. */
const maxSeconds = 7 * 24 * 3600;

const audioExtensions = /\.(?:mp3|m4a|m4b|aac|ogg|oga|opus|flac|wav|weba|mka)$/i;
const videoExtensions = /\.(?:mp4|m4v|webm|mkv|mov|avi|ogv|m3u8|mpd)$/i;
const imageExtensions = /\.(?:jpe?g|png|gif|webp|avif|svg|bmp)$/i;

/** A MIME type without parameters, lowercase, or undefined when it does not look like one. */
export function mimeType(value: string | undefined): string | undefined {
	const type = value?.split(';')[0]!.trim().toLowerCase();
	return type && /^[a-z]{1,20}\/[a-z\d][\w.+-]{0,100}$/.test(type) ? type : undefined;
}

/** Whole bytes from `123456` or `"123456"`; zero, negatives, fractions and words are unknown. */
export function parseSize(value: unknown): number | undefined {
	if (typeof value === 'number') return Number.isSafeInteger(value) && value > 0 ? value : undefined;
	if (typeof value !== 'string' || !/^\s*\d{1,15}\s*$/.test(value)) return undefined;
	const size = Number(value);
	return size > 0 ? size : undefined;
}

/**
 * Whole seconds from a number, `"2530"`, `"2530.5"`, `"42:10"` or `"1:02:03"` (iTunes' forms);
 * minutes and seconds after the first field must be under 60. Zero is unknown.
 */
export function parseDuration(value: unknown): number | undefined {
	let seconds: number | undefined;
	if (typeof value === 'number') {
		seconds = Number.isFinite(value) ? value : undefined;
	} else if (typeof value === 'string') {
		const text = value.trim();
		if (/^\d{1,9}(?:\.\d{1,6})?$/.test(text)) {
			seconds = Number(text);
		} else {
			const clock = /^(\d{1,6}):(\d{1,2})(?::(\d{1,2}))?(?:\.\d{1,6})?$/.exec(text);
			if (clock) {
				const fields = [clock[1], clock[2], clock[3]].filter((field): field is string => field !== undefined).map(Number);
				if (fields.slice(1).every(field => field < 60)) {
					seconds = fields.reduce((total, field) => total * 60 + field, 0);
				}
			}
		}
	}

	if (seconds === undefined || seconds < 0.5 || seconds > maxSeconds) return undefined;
	return Math.round(seconds);
}

function mediumOf(type: string | undefined, medium: string | undefined, url: string): Enclosure['medium'] | 'image' {
	const stated = medium?.trim().toLowerCase();
	if (stated === 'audio' || stated === 'video' || stated === 'image') return stated;
	if (type?.startsWith('audio/')) return 'audio';
	if (type?.startsWith('video/') || type === 'application/x-mpegurl' || type === 'application/vnd.apple.mpegurl') return 'video';
	if (type?.startsWith('image/')) return 'image';
	const path = new URL(url).pathname;
	if (type === undefined || type === 'application/octet-stream') {
		if (audioExtensions.test(path)) return 'audio';
		if (videoExtensions.test(path)) return 'video';
		if (imageExtensions.test(path)) return 'image';
	}

	return 'file';
}

/** One stated enclosure → an Enclosure, or undefined when its URL is unusable or it is an image. */
export function enclosureFrom(raw: RawEnclosure, base?: string): Enclosure | undefined {
	const url = resolveUrl(raw.url, base);
	if (!url) return undefined;
	const type = mimeType(raw.type);
	const medium = mediumOf(type, raw.medium, url);
	if (medium === 'image') return undefined;
	const enclosure: Enclosure = {url, medium};
	if (type) enclosure.type = type;
	const seconds = parseDuration(raw.duration);
	if (seconds !== undefined) enclosure.seconds = seconds;
	const bytes = parseSize(raw.size);
	if (bytes !== undefined) enclosure.bytes = bytes;
	const title = raw.title === undefined ? '' : [...sanitizeLine(raw.title.replace(/\s+/g, ' ').trim()).trim()].slice(0, 300).join('');
	if (title) enclosure.title = title;
	return enclosure;
}

/**
 * An item's enclosures, each file once (RSS `<enclosure>` and Media RSS often state the same
 * one: what one leaves out, the other may give), at most `maxPerItem`. `duration` is the item's
 * iTunes duration: it belongs to the item's first file to play, when that states none of its own.
 */
export function itemEnclosures(raws: readonly RawEnclosure[], base: string | undefined, duration?: unknown): Enclosure[] {
	const found: Enclosure[] = [];
	for (const raw of raws) {
		const enclosure = enclosureFrom(raw, base);
		if (!enclosure) continue;
		const same = found.find(known => known.url === enclosure.url);
		if (same) {
			same.type ??= enclosure.type;
			same.seconds ??= enclosure.seconds;
			same.bytes ??= enclosure.bytes;
			same.title ??= enclosure.title;
			if (same.medium === 'file') same.medium = enclosure.medium;
			for (const key of ['type', 'seconds', 'bytes', 'title'] as const) {
				if (same[key] === undefined) delete same[key];
			}
		} else if (found.length < maxPerItem) {
			found.push(enclosure);
		}
	}

	const seconds = parseDuration(duration);
	const playable = found.find(enclosure => enclosure.medium !== 'file');
	if (seconds !== undefined && playable && playable.seconds === undefined) playable.seconds = seconds;
	return found;
}
