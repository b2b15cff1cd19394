/**
 * The small subset of JSON Schema that akhbar's stores use, and a checker for it.
 *
 * The stores' schemas are plain JSON Schema, and this checker is their only judge: conf's ajv
 * is not used (compiling it cost 30-130 ms per store at start-up), and repairing a damaged
 * file needs a judgement per key and per list entry, which ajv's whole-file verdict does not
 * give. It understands exactly the keywords below; anything else must not appear in a schema.
 */

export type JsonSchema = {
	type?: 'boolean' | 'integer' | 'string' | 'array' | 'object';
	enum?: readonly (string | number | boolean)[];
	minimum?: number;
	maximum?: number;
	minLength?: number;
	maxLength?: number;
	pattern?: string;
	items?: JsonSchema;
	maxItems?: number;
	properties?: Record<string, JsonSchema>;
	required?: readonly string[];
	/** `false` forbids other properties; a schema makes the object a map of such values. */
	additionalProperties?: boolean | JsonSchema;
	maxProperties?: number;
};

const patternCache = new Map<string, RegExp>();

function compiled(pattern: string): RegExp {
	let regexp = patternCache.get(pattern);
	if (!regexp) {
		// ajv compiles `pattern` with the `u` flag; do the same so both judge alike.
		regexp = new RegExp(pattern, 'u');
		patternCache.set(pattern, regexp);
	}
	return regexp;
}

/**
 * Whether `text` has at most / at least `limit` code points (JSON Schema counts code points).
 * A code point is one or two UTF-16 units, so the length alone decides most cases; a state
 * file holds thousands of strings and this runs on every read.
 */
function codePointsAtMost(text: string, limit: number): boolean {
	if (text.length <= limit) return true;
	if (text.length > 2 * limit) return false;
	let count = 0;
	for (const _ of text) {
		if (++count > limit) return false;
	}

	return true;
}

function codePointsAtLeast(text: string, limit: number): boolean {
	return !codePointsAtMost(text, limit - 1);
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Whether `value` satisfies `schema`. */
export function conforms(value: unknown, schema: JsonSchema): boolean {
	switch (schema.type) {
		case 'boolean': {
			if (typeof value !== 'boolean') return false;
			break;
		}
		case 'integer': {
			if (typeof value !== 'number' || !Number.isInteger(value)) return false;
			if (schema.minimum !== undefined && value < schema.minimum) return false;
			if (schema.maximum !== undefined && value > schema.maximum) return false;
			break;
		}
		case 'string': {
			if (typeof value !== 'string') return false;
			if (schema.minLength !== undefined && !codePointsAtLeast(value, schema.minLength)) return false;
			if (schema.maxLength !== undefined && !codePointsAtMost(value, schema.maxLength)) return false;
			if (schema.pattern !== undefined && !compiled(schema.pattern).test(value)) return false;
			break;
		}
		case 'array': {
			if (!Array.isArray(value)) return false;
			if (schema.maxItems !== undefined && value.length > schema.maxItems) return false;
			const {items} = schema;
			if (items && !value.every(item => conforms(item, items))) return false;
			break;
		}
		case 'object': {
			if (!isPlainObject(value)) return false;
			if (!objectConforms(value, schema)) return false;
			break;
		}
		case undefined: {
			break;
		}
	}

	if (schema.enum && !schema.enum.includes(value as string | number | boolean)) return false;
	return true;
}

function objectConforms(value: Record<string, unknown>, schema: JsonSchema): boolean {
	const keys = Object.keys(value);
	if (schema.maxProperties !== undefined && keys.length > schema.maxProperties) return false;
	for (const required of schema.required ?? []) {
		if (!Object.hasOwn(value, required)) return false;
	}

	const {properties, additionalProperties: extra} = schema;
	const extraSchema = isPlainObject(extra) ? extra as JsonSchema : undefined;
	for (const key of keys) {
		const property = properties && Object.hasOwn(properties, key) ? properties[key] : undefined;
		if (property) {
			if (!conforms(value[key], property)) return false;
			continue;
		}

		if (extra === false) return false;
		if (extraSchema && !conforms(value[key], extraSchema)) return false;
	}

	return true;
}

/**
 * The part of `value` worth keeping: the value itself when it conforms; for a list, the items
 * that conform; for a map (an object whose `additionalProperties` is a schema), the entries
 * that conform; otherwise undefined. One bad source must not cost the user the other ten.
 */
export function salvage(value: unknown, schema: JsonSchema): unknown {
	if (conforms(value, schema)) return value;

	if (schema.type === 'array' && Array.isArray(value) && schema.items) {
		const {items} = schema;
		const kept = value.filter(item => conforms(item, items)).slice(0, schema.maxItems);
		return conforms(kept, schema) ? kept : undefined;
	}

	const extra = schema.additionalProperties;
	if (schema.type === 'object' && isPlainObject(value) && isPlainObject(extra) && !schema.properties) {
		const kept: Record<string, unknown> = {};
		let count = 0;
		for (const [key, item] of Object.entries(value)) {
			if (schema.maxProperties !== undefined && count >= schema.maxProperties) break;
			if (conforms(item, extra as JsonSchema)) {
				kept[key] = item;
				count++;
			}
		}

		return conforms(kept, schema) ? kept : undefined;
	}

	return undefined;
}
