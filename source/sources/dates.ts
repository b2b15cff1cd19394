/**
 * Dates as sources write them → ISO 8601 (UTC), or nothing. RSS uses RFC 822 (often sloppily:
 * no weekday, two-digit years, named zones); Atom, JSON Feed and HTML meta use ISO 8601; BBC's
 * most-read JSON uses epoch numbers. `Date.parse` is not used on its own because it accepts
 * almost anything ("2" is a date to V8), and an invented date is worse than none.
 */

const months = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/** RFC 822 named zones, in minutes east of UTC. Military single letters count as UTC (RFC 1123). */
const zones: Record<string, number> = {
	ut: 0,
	utc: 0,
	gmt: 0,
	z: 0,
	est: -300,
	edt: -240,
	cst: -360,
	cdt: -300,
	mst: -420,
	mdt: -360,
	pst: -480,
	pdt: -420,
};

const rfc822 =
	/^(?:[a-z]+,?\s*)?(\d{1,2})[\s-]+([a-z]{3,9})\.?[\s-]+(\d{2}|\d{4})\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([+-]\d{2}:?\d{2}|[a-z]{1,5})?$/i;

const iso8601 =
	/^(\d{4})-(\d{2})-(\d{2})(?:[T\s](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?)?\s*(z|[+-]\d{2}(?::?\d{2})?)?$/i;

/** Arabic-Indic and Eastern Arabic-Indic digits → ASCII (some Arabic CMSes localize dates). */
function asciiDigits(text: string): string {
	return text.replace(/[\u0660-\u0669\u06F0-\u06F9]/g, (digit) => {
		const code = digit.charCodeAt(0);
		return String(code >= 0x06f0 ? code - 0x06f0 : code - 0x0660);
	});
}

function offsetMinutes(zone: string | undefined): number | undefined {
	if (!zone) {
		return 0;
	}

	const numeric = /^([+-])(\d{2}):?(\d{2})?$/.exec(zone);
	if (numeric) {
		const minutes = Number(numeric[2]) * 60 + Number(numeric[3] ?? 0);
		return numeric[1] === '-' ? -minutes : minutes;
	}

	const lower = zone.toLowerCase();
	if (lower in zones) {
		return zones[lower];
	}

	return /^[a-z]$/.test(lower) ? 0 : undefined;
}

/** Builds the instant, rejecting fields out of range (Date.UTC would roll 31 Feb into March). */
function utc(
	year: number,
	month: number,
	day: number,
	hour: number,
	minute: number,
	second: number,
	millis: number,
	offset: number,
): string | undefined {
	if (month < 0 || month > 11 || day < 1 || day > 31 || hour > 24 || minute > 59 || second > 60) {
		return undefined;
	}

	const local = Date.UTC(year, month, day, hour, minute, Math.min(second, 59), millis);
	const check = new Date(local);
	if (check.getUTCDate() !== day && !(hour === 24 && minute === 0)) {
		return undefined;
	}

	const time = local - offset * 60_000;
	return Number.isFinite(time) ? new Date(time).toISOString() : undefined;
}

function fromRfc822(text: string): string | undefined {
	const match = rfc822.exec(text);
	if (!match) {
		return undefined;
	}

	const [, day, monthName, yearText, hour, minute, second, zone] = match;
	const month = months.indexOf(monthName!.slice(0, 3).toLowerCase());
	let year = Number(yearText);
	if (yearText!.length === 2) {
		year += year < 50 ? 2000 : 1900;
	}

	const offset = offsetMinutes(zone);
	if (month < 0 || offset === undefined) {
		return undefined;
	}

	return utc(year, month, Number(day), Number(hour), Number(minute), Number(second ?? 0), 0, offset);
}

function fromIso8601(text: string): string | undefined {
	const match = iso8601.exec(text);
	if (!match) {
		return undefined;
	}

	const [, year, month, day, hour, minute, second, fraction, zone] = match;
	const offset = offsetMinutes(zone);
	if (offset === undefined) {
		return undefined;
	}

	const millis = fraction ? Math.floor(Number(`0.${fraction}`) * 1000) : 0;
	return utc(
		Number(year),
		Number(month) - 1,
		Number(day),
		Number(hour ?? 0),
		Number(minute ?? 0),
		Number(second ?? 0),
		millis,
		offset,
	);
}

/** An epoch timestamp in seconds or milliseconds (told apart by size). */
export function dateFromEpoch(value: number): string | undefined {
	if (!Number.isFinite(value) || value <= 0) {
		return undefined;
	}

	const millis = value < 1e11 ? value * 1000 : value;
	const date = new Date(millis);
	return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

/** RFC 822 or ISO 8601 (or an epoch number as text) → ISO 8601 UTC; anything else → undefined. */
export function parseDate(value: unknown): string | undefined {
	if (typeof value === 'number') {
		return dateFromEpoch(value);
	}

	if (typeof value !== 'string') {
		return undefined;
	}

	const text = asciiDigits(value).trim().replace(/\s+/g, ' ');
	if (!text) {
		return undefined;
	}

	if (/^\d{9,13}$/.test(text)) {
		return dateFromEpoch(Number(text));
	}

	return fromIso8601(text) ?? fromRfc822(text);
}
