/**
 * The environment for the CLI run as a child of a test (in a pty or through pipes): the test
 * runner's own, less the variables `drop` names, with a private HOME and its config, cache and
 * data folders, a UTF-8 locale and an xterm TERM; then `extra` on top (undefined deletes).
 */
import path from 'node:path';
import process from 'node:process';

export type ChildEnvOptions = {
	/** Inherited variables to leave out (each caller says which, and why). */
	drop: (key: string) => boolean;
	/** Also point XDG_STATE_HOME into `home`. */
	state: boolean;
};

export function childEnv(home: string, {drop, state}: ChildEnvOptions, extra: Record<string, string | undefined> = {}): Record<string, string> {
	const env: Record<string, string> = {};
	for (const [key, value] of Object.entries(process.env)) {
		if (value !== undefined && !drop(key)) env[key] = value;
	}

	Object.assign(env, {
		HOME: home,
		XDG_CONFIG_HOME: path.join(home, 'config'),
		XDG_CACHE_HOME: path.join(home, 'cache'),
		// The library (library.sqlite) is in the data folder: never the runner's own.
		XDG_DATA_HOME: path.join(home, 'data'),
		...(state ? {XDG_STATE_HOME: path.join(home, 'state')} : {}),
		LANG: 'C.UTF-8',
		LC_ALL: 'C.UTF-8',
		TERM: 'xterm-256color',
	});
	for (const [key, value] of Object.entries(extra)) {
		if (value === undefined) delete env[key];
		else env[key] = value;
	}

	return env;
}
