/**
 * A refresh's failure kept in the store as JSON (model.ts's `Failure`), so a later session says
 * it in its own language. Read back, it is checked field by field: a row written by another
 * version, or edited by hand, is no failure kind at all rather than a wrong one.
 */
import type {Failure} from '../model.js';

const plain = new Set(['refused', 'closed', 'unreachable', 'stalled', 'redirect', 'damaged', 'offline', 'cancelled']);
const tlsProblems = new Set(['expired', 'wrong-host', 'untrusted', 'other']);

/** A short printable word (a host, a port, a size): what failureText puts in its sentence. */
function word(value: unknown): value is string {
	// eslint-disable-next-line no-control-regex -- a control in a stored word must not reach the terminal
	return typeof value === 'string' && value.length > 0 && value.length <= 300 && !/[\u0000-\u001F\u007F-\u009F]/u.test(value);
}

function count(value: unknown, max: number): value is number {
	return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= max;
}

export function failureJson(failure: Failure | undefined): string | null {
	return failure ? JSON.stringify(failure) : null;
}

export function parseFailure(text: string | null | undefined): Failure | undefined {
	if (!text) return undefined;
	let value: unknown;
	try {
		value = JSON.parse(text);
	} catch {
		return undefined;
	}

	if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
	const record = value as Record<string, unknown>;
	const {kind} = record;
	if (typeof kind !== 'string') return undefined;
	if (plain.has(kind)) return {kind} as Failure;
	switch (kind) {
		case 'host-not-found':
		case 'no-network': return word(record['host']) ? {kind, host: record['host']} : undefined;
		case 'connect-timeout':
		case 'timeout': return count(record['seconds'], 86_400) ? {kind, seconds: record['seconds']} : undefined;
		case 'tls': {
			const {problem, host} = record;
			return typeof problem === 'string' && tlsProblems.has(problem) && word(host)
				? {kind, problem: problem as Extract<Failure, {kind: 'tls'}>['problem'], host}
				: undefined;
		}

		case 'http': return count(record['status'], 999) ? {kind, status: record['status']} : undefined;
		case 'port': return word(record['port']) ? {kind, port: record['port']} : undefined;
		case 'too-large': return word(record['limit']) ? {kind, limit: record['limit']} : undefined;
		case 'network': return word(record['detail']) ? {kind, detail: record['detail']} : undefined;
		default: return undefined;
	}
}
