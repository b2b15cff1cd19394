/**
 * The clock dates are written by: this machine's time zone (the platform honours `TZ`) and,
 * for the reader, the time now. text/dates.ts does the writing and takes both from here.
 */
import type {Clock} from './text/dates.js';

/** `now` for the reader's relative form (منذ 5 دقائق); `print` writes absolute times only. */
export function localClock(now?: number): Clock {
	return {
		// getTimezoneOffset is minutes west of UTC, for that instant (so summer time is right).
		offsetAt: time => -new Date(time).getTimezoneOffset(),
		...(now === undefined ? {} : {now}),
	};
}
