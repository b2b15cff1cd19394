/**
 * Reading preferences: a conf store with a JSON schema, safe against damaged files and
 * against two akhbar processes changing settings at once (see store/guarded-store.ts).
 */
import {languageChoices, type LanguagePreference} from './language.js';
import {GuardedStore, type StoreOptions} from './store/guarded-store.js';
import {conforms, type JsonSchema} from './store/schema.js';

export type SourceEntry = {
	/** An http(s) URL or an absolute file path. */
	url: string;
	name?: string;
	/** For a site (a page as `url`): the feed of its latest items, found when it was added. */
	feed?: string;
	/** Groups of the overview (OPML categories and folders, `sources add --tag`). */
	tags?: string[];
};

export type Prefs = {
	shaping: boolean;
	bidi: 'auto' | 'app' | 'terminal' | 'off';
	align: 'auto' | 'right' | 'left' | 'justify';
	/** `native`: the interface language's digits. */
	digits: 'asis' | 'arabic' | 'western' | 'native';
	tashkeel: 'show' | 'hide';
	/** The article's greatest line width, in cells. */
	measure: number;
	/** Which side the headlines pane is on. */
	/** `auto`: right of the article for a right-to-left interface, left for English. */
	headlines: 'auto' | 'right' | 'left';
	/** Width of the headlines pane, in cells. */
	headlinesWidth: number;
	theme: 'auto' | 'color' | 'mono';
	/** The interface's language; `auto` follows the locale (see language.ts). */
	language: LanguagePreference;
	sources: SourceEntry[];
	/**
	 * The user's own keys: an action (a command of ui/keys.ts) → its Latin keys, separated by
	 * spaces. The schema checks the shape; ui/keys.ts judges the actions and the clashes.
	 */
	keys: Record<string, string>;
	/** Days an item is kept in the library (starred ones always). */
	archiveDays: number;
	/** The newest this many items of each source are kept. */
	maxItemsPerSource: number;
	/** Minutes between refreshes while the reader is open; 0: never. */
	autoRefresh: number;
};

export type PrefKey = keyof Prefs;

export const prefDefaults: Readonly<Prefs> = Object.freeze({
	shaping: true,
	bidi: 'auto',
	align: 'auto',
	digits: 'asis',
	tashkeel: 'show',
	measure: 72,
	headlines: 'auto',
	headlinesWidth: 38,
	theme: 'auto',
	language: 'auto',
	sources: [],
	keys: {},
	archiveDays: 90,
	maxItemsPerSource: 1000,
	autoRefresh: 30,
});

/** No C0/C1 control may be stored: names and URLs are printed to the terminal as they are. */
const noControls = '^[^\\u0000-\\u001F\\u007F-\\u009F]*$';

/**
 * A tag: one short line, no controls, no bidi embeddings or isolates (it is printed as it is),
 * no comma or slash (they separate tags in OPML categories), not only spaces.
 */
export const tagPattern = '^(?=\\S)(?!.*\\s$)[^\\u0000-\\u001F\\u007F-\\u009F\\u202A-\\u202E\\u2066-\\u2069,/]*$';
export const maxTagLength = 64;
export const maxTagsPerSource = 16;

/**
 * An http(s) URL without spaces or controls, or an absolute path (POSIX, or a Windows drive
 * path). Deeper checks (does the file exist, does the URL parse) happen when a source is added.
 */
export const sourceUrlPattern = '^(?:https?://[^\\s\\u0000-\\u001F\\u007F-\\u009F]+|(?:/|[A-Za-z]:[\\\\/])[^\\u0000-\\u001F\\u007F-\\u009F]*)$';

export const prefSchema: {readonly [K in PrefKey]: JsonSchema} = {
	shaping: {type: 'boolean'},
	bidi: {type: 'string', enum: ['auto', 'app', 'terminal', 'off']},
	align: {type: 'string', enum: ['auto', 'right', 'left', 'justify']},
	digits: {type: 'string', enum: ['asis', 'arabic', 'western', 'native']},
	tashkeel: {type: 'string', enum: ['show', 'hide']},
	measure: {type: 'integer', minimum: 20, maximum: 200},
	headlines: {type: 'string', enum: ['auto', 'right', 'left']},
	headlinesWidth: {type: 'integer', minimum: 20, maximum: 80},
	theme: {type: 'string', enum: ['auto', 'color', 'mono']},
	language: {type: 'string', enum: [...languageChoices]},
	sources: {
		type: 'array',
		maxItems: 1000,
		items: {
			type: 'object',
			required: ['url'],
			additionalProperties: false,
			properties: {
				url: {type: 'string', minLength: 1, maxLength: 2048, pattern: sourceUrlPattern},
				name: {type: 'string', minLength: 1, maxLength: 200, pattern: noControls},
				// Added in 0.2: entries without it (all of 0.1's) stay valid as they are.
				feed: {type: 'string', minLength: 1, maxLength: 2048, pattern: '^https?://[^\\s\\u0000-\\u001F\\u007F-\\u009F]+$'},
				// Added in 0.3, the same way: entries without tags stay valid.
				tags: {type: 'array', maxItems: maxTagsPerSource, items: {type: 'string', minLength: 1, maxLength: maxTagLength, pattern: tagPattern}},
			},
		},
	},
	// Printable ASCII only: the keys are Latin, and the values are printed by `prefs list`.
	keys: {type: 'object', maxProperties: 64, additionalProperties: {type: 'string', minLength: 1, maxLength: 64, pattern: '^[\\u0020-\\u007E]+$'}},
	archiveDays: {type: 'integer', minimum: 1, maximum: 36_500},
	maxItemsPerSource: {type: 'integer', minimum: 10, maximum: 100_000},
	autoRefresh: {type: 'integer', minimum: 0, maximum: 1440},
};

export const prefKeys = Object.keys(prefSchema) as PrefKey[];

export function isPrefKey(key: string): key is PrefKey {
	return (prefKeys as string[]).includes(key);
}

/** What a key accepts, in words, for error messages and help. */
export function describePref(key: PrefKey): string {
	const schema = prefSchema[key];
	if (schema.type === 'boolean') return 'on or off';
	if (schema.enum) return `one of ${schema.enum.join(', ')}`;
	if (schema.type === 'integer') return `a whole number from ${schema.minimum} to ${schema.maximum}`;
	if (schema.type === 'object') return 'actions and their keys (set one with `akhbar prefs set keys.ACTION KEY`)';
	return 'a list of sources (change it with `akhbar sources`)';
}

/** A string as it can safely appear in a one-line message: quoted, controls escaped. */
export function quote(raw: string): string {
	return JSON.stringify(raw).replace(/[\u007F-\u009F\u2028\u2029]/gu, c => `\\u${c.codePointAt(0)!.toString(16).padStart(4, '0')}`);
}

/** Quoted in printable ASCII only: no control, bidi or invisible character of it gets through. */
export function asciiQuote(raw: string): string {
	return JSON.stringify(raw).replace(/[^\u0020-\u007E]/gu, char => `\\u${char.codePointAt(0)!.toString(16).padStart(4, '0')}`);
}

function unknownKey(key: string): Error {
	return new Error(`unknown preference ${quote(key)}; known: ${prefKeys.join(', ')}`);
}

/** Throws a one-line Error when `value` is not valid for `key`. */
export function assertPrefValue<K extends PrefKey>(key: K, value: unknown): asserts value is Prefs[K] {
	if (!isPrefKey(key)) throw unknownKey(key);
	if (!conforms(value, prefSchema[key])) {
		throw new Error(`${key} must be ${describePref(key)}, not ${JSON.stringify(value) ?? String(value)}`);
	}
}

/**
 * A value typed on the command line → the stored value: on/off/true/false for booleans,
 * whole numbers, choices. Throws a one-line Error (unknown key, bad value, `sources`).
 */
export function parsePrefValue(key: string, raw: string): Prefs[PrefKey] {
	if (!isPrefKey(key)) throw unknownKey(key);
	const schema = prefSchema[key];
	const text = raw.trim();
	let value: unknown = text;
	if (schema.type === 'boolean') {
		const word = text.toLowerCase();
		if (word === 'on' || word === 'true') value = true;
		else if (word === 'off' || word === 'false') value = false;
	} else if (schema.type === 'integer') {
		value = /^[+-]?\d+$/.test(text) ? Number(text) : text;
	} else if (schema.type === 'array') {
		throw new Error(`${key} cannot be set here; use \`akhbar sources add|remove|import\``);
	} else if (schema.type === 'object') {
		throw new Error(`${key} is set one action at a time: akhbar prefs set ${key}.ACTION KEY`);
	} else {
		value = text.toLowerCase();
	}

	if (!conforms(value, schema)) {
		throw new Error(`${key} must be ${describePref(key)}, not ${quote(raw)}`);
	}

	return value as Prefs[PrefKey];
}

/** A keys section on one line: `down=J top="g x"`, or `none`. */
export function formatKeyMap(map: Readonly<Record<string, string>>): string {
	const entries = Object.entries(map);
	if (entries.length === 0) return 'none';
	// The names come from a file anyone may have edited: anything but letters is quoted.
	return entries.map(([action, keys]) => `${/^[A-Za-z]+$/u.test(action) ? action : asciiQuote(action)}=${/^[\u0021-\u007E]+$/u.test(keys) && !keys.includes('"') ? keys : asciiQuote(keys)}`).join(' ');
}

/** A value as the command line shows it (booleans as on|off). */
export function formatPrefValue(key: PrefKey, value: Prefs[PrefKey]): string {
	if (typeof value === 'boolean') return value ? 'on' : 'off';
	if (Array.isArray(value)) return JSON.stringify(value);
	if (typeof value === 'object') return formatKeyMap(value);
	return String(value);
}

export type PrefsStore = {
	/** Every key: the stored value, else the default. */
	get(): Prefs;
	/** Validates and saves one key (a read-modify-write of that key only, under a lock). */
	set<K extends PrefKey>(key: K, value: Prefs[K]): void;
	/**
	 * Changes one key from its current value on disk, under the lock: for lists such as
	 * `sources`, where a plain set() would undo another process's addition.
	 */
	update<K extends PrefKey>(key: K, change: (current: Prefs[K]) => Prefs[K]): Prefs[K];
	/** One key, or every key, back to its default. */
	reset(key?: PrefKey): void;
	readonly path: string;
	/** One line for the user when the file was damaged or cannot be used. */
	readonly notice?: string;
	/** False when the file cannot be used and changes last only for this session. */
	readonly persistent: boolean;
};

function withDefaults(stored: Partial<Prefs>): Prefs {
	return {...structuredClone(prefDefaults) as Prefs, ...stored};
}

export function openPrefs(options: StoreOptions = {}): PrefsStore {
	const store = new GuardedStore<Prefs>({label: 'preferences', configName: 'config', schema: prefSchema}, options);

	return {
		get: () => withDefaults(store.read()),
		set(key, value) {
			assertPrefValue(key, value);
			store.update(current => ({...current, [key]: value}));
		},
		update(key, change) {
			if (!isPrefKey(key)) throw unknownKey(key);
			let next!: Prefs[typeof key];
			store.update(current => {
				next = change(withDefaults(current)[key]);
				assertPrefValue(key, next);
				return {...current, [key]: next};
			});
			return next;
		},
		reset(key) {
			if (key !== undefined && !isPrefKey(key)) throw unknownKey(key);
			store.update(current => {
				if (key === undefined) return {};
				const next = {...current};
				delete next[key];
				return next;
			});
		},
		path: store.path,
		get notice() {
			return store.notice;
		},
		get persistent() {
			return store.persistent;
		},
	};
}
