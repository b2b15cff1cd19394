/**
 * Dates as akhbar writes them: an instant in the reader's own time zone, `2026-11-28 09:39`,
 * and for the last day how long ago it was, in Arabic (منذ 5 دقائق). Pure: the zone comes as
 * a function giving its offset at an instant, and "now" as a number, both from the caller
 * (see clock.ts), so the same article reads the same in a test whatever the machine's zone.
 */
import {arabicCount, type ArabicNoun} from './plural.js';

export type Clock = {
	/** Minutes east of UTC of the zone dates are written in, at instant `time` (ms): DST included. */
	offsetAt(time: number): number;
	/** Now, in ms since the epoch: for the relative form, which there is none of without it. */
	now?: number;
};

export const utcClock: Clock = {offsetAt: () => 0};

const minute = 60_000;
const hour = 60 * minute;
const day = 24 * hour;

const two = (n: number) => String(n).padStart(2, '0');

/**
 * `2026-11-28 09:39` in the clock's zone. An instant at exactly midnight UTC is what sources
 * that give only a day become (`2026-11-28`): it stays that day, with no time, in every zone
 * (unless `days` is false: a time akhbar took itself). Empty for an instant that is not one.
 */
export function localDate(iso: string, clock: Clock = utcClock, days = true): string {
	const time = Date.parse(iso);
	if (Number.isNaN(time)) return '';
	if (days && time % day === 0) return new Date(time).toISOString().slice(0, 10);
	const local = new Date(time + clock.offsetAt(time) * minute);
	if (Number.isNaN(local.getTime())) return '';
	return `${local.getUTCFullYear()}-${two(local.getUTCMonth() + 1)}-${two(local.getUTCDate())} ${two(local.getUTCHours())}:${two(local.getUTCMinutes())}`;
}

const minutes: ArabicNoun = {one: 'دقيقة', two: 'دقيقتين', few: 'دقائق', singular: 'دقيقة'};
const hours: ArabicNoun = {one: 'ساعة', two: 'ساعتين', few: 'ساعات', singular: 'ساعة'};

/**
 * How long before `now` the instant was, for the last day: الآن under a minute (or up to a
 * minute ahead: clocks differ), منذ دقيقة, منذ دقيقتين, منذ 3 دقائق … منذ 11 دقيقة, then hours
 * the same way. Undefined for older instants, later ones, and dates given as a day only.
 */
export function timeAgo(iso: string, now: number, number: (n: number) => string = String): string | undefined {
	const time = Date.parse(iso);
	if (Number.isNaN(time) || time % day === 0) return undefined;
	const elapsed = now - time;
	if (elapsed < -minute || elapsed >= day) return undefined;
	if (elapsed < minute) return 'الآن';
	if (elapsed < hour) return `منذ ${arabicCount(Math.floor(elapsed / minute), minutes, number)}`;
	return `منذ ${arabicCount(Math.floor(elapsed / hour), hours, number)}`;
}

/** `UTC`, `+03:00`, `-04:00`, `+05:30`: the zone of a time written for a log line. */
export function zoneLabel(offset: number): string {
	if (offset === 0) return 'UTC';
	const size = Math.abs(offset);
	return `${offset < 0 ? '-' : '+'}${two(Math.floor(size / 60))}:${two(size % 60)}`;
}
