/**
 * Checks on what an aggregator answered: every value the sync clients use is read through these,
 * so a wrong type or an absurd size becomes one line naming the field, never a crash later.
 */
import {malformed} from './http.js';

/** Longest string kept from a server (an entry's full text is the long one). */
export const maxTextLength = 4 * 1024 * 1024;
/** Titles, URLs, names, ids. */
export const maxShortLength = 8192;

export type Fields = {
	readonly label: string;
	readonly where: string;
	readonly value: Record<string, unknown>;
};

export function object(label: string, value: unknown, where: string): Fields {
	if (typeof value !== 'object' || value === null || Array.isArray(value)) throw malformed(label, `${where} is not an object`);
	return {label, where, value: value as Record<string, unknown>};
}

export function array(label: string, value: unknown, where: string, maxLength = 100_000): unknown[] {
	if (!Array.isArray(value)) throw malformed(label, `${where} is not a list`);
	if (value.length > maxLength) throw malformed(label, `${where} has more than ${maxLength} elements`);
	return value;
}

/** A whole number ≥ 0 that JavaScript holds exactly (ids, counts). */
export function id(fields: Fields, key: string): number {
	const value = fields.value[key];
	if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) throw malformed(fields.label, `${fields.where}.${key} is not a whole number`);
	return value;
}

export function optionalId(fields: Fields, key: string): number | undefined {
	return fields.value[key] === undefined || fields.value[key] === null ? undefined : id(fields, key);
}

export function text(fields: Fields, key: string, maxLength = maxShortLength): string {
	const value = fields.value[key];
	if (typeof value !== 'string') throw malformed(fields.label, `${fields.where}.${key} is not a string`);
	if (value.length > maxLength) throw malformed(fields.label, `${fields.where}.${key} is longer than ${maxLength} characters`);
	return value;
}

/** A string that may be missing (or null): '' then. */
export function optionalText(fields: Fields, key: string, maxLength = maxShortLength): string {
	return fields.value[key] === undefined || fields.value[key] === null ? '' : text(fields, key, maxLength);
}

export function flag(fields: Fields, key: string): boolean {
	const value = fields.value[key];
	if (typeof value !== 'boolean') throw malformed(fields.label, `${fields.where}.${key} is not true or false`);
	return value;
}

/** An ISO 8601 date-time string, kept as given; an unreadable one is an error. */
export function dateTime(fields: Fields, key: string): string {
	const value = text(fields, key, 64);
	if (Number.isNaN(Date.parse(value))) throw malformed(fields.label, `${fields.where}.${key} is not a date`);
	return value;
}

export function child(fields: Fields, key: string): Fields {
	return object(fields.label, fields.value[key], `${fields.where}.${key}`);
}
