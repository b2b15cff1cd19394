/**
 * What `o` does with a URL, decided without running anything: a terminal browser from
 * $BROWSER runs in our terminal while the reader steps aside; a graphical one, or the
 * platform's opener, is started detached; over SSH with no $BROWSER there is nothing local
 * to open, so the URL is shown. A feed item's file goes to $PLAYER first (mpv, which plays in
 * the terminal it was started from). Programs get an argv, never a shell line.
 */

/** An http(s) URL with no controls or spaces, normalized by the URL parser; else undefined. */
export function safeUrl(raw: string | undefined): string | undefined {
	if (!raw || /[\u0000-\u0020\u007F-\u009F]/.test(raw)) {
		return undefined;
	}

	try {
		const url = new URL(raw);
		return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : undefined;
	} catch {
		return undefined;
	}
}

/** Browsers that draw in the terminal they were started from. */
const terminalBrowsers = new Set(['w3m', 'lynx', 'links', 'links2', 'elinks', 'browsh', 'carbonyl', 'www-browser']);

export type OpenPlan =
	| {kind: 'terminal'; argv: string[]}
	| {kind: 'detached'; argv: string[]}
	| {kind: 'show'; url: string}
	| {kind: 'invalid'};

function baseName(command: string): string {
	return command.split(/[\\/]/).at(-1) ?? command;
}

/** A command's words and the URL: `%s` stands for it, else it is appended. No quoting rules. */
function commandArgv(command: string, url: string): string[] | undefined {
	const words = command.trim().split(/\s+/).filter(word => word !== '');
	if (words.length === 0) {
		return undefined;
	}

	const hasPlaceholder = words.some(word => word.includes('%s'));
	const argv = words.map(word => word.replaceAll('%s', url));
	return hasPlaceholder ? argv : [...argv, url];
}

/** $BROWSER is a colon-separated list of commands: the first is used. */
function browserArgv(browser: string, url: string): string[] | undefined {
	const first = browser.split(':').map(entry => entry.trim()).find(entry => entry !== '');
	return first ? commandArgv(first, url) : undefined;
}

export function planOpen(raw: string | undefined, env: NodeJS.ProcessEnv, platform: NodeJS.Platform, ssh: boolean): OpenPlan {
	const url = safeUrl(raw);
	if (!url) {
		return {kind: 'invalid'};
	}

	const browser = env['BROWSER'];
	const argv = browser ? browserArgv(browser, url) : undefined;
	if (argv) {
		return terminalBrowsers.has(baseName(argv[0]!)) ? {kind: 'terminal', argv} : {kind: 'detached', argv};
	}

	if (ssh) {
		return {kind: 'show', url};
	}

	if (platform === 'darwin') return {kind: 'detached', argv: ['open', url]};
	if (platform === 'win32') return {kind: 'detached', argv: ['explorer.exe', url]};
	return {kind: 'detached', argv: ['xdg-open', url]};
}

/** Players that open a window of their own and need no terminal: started detached. */
const windowedPlayers = new Set(['vlc', 'celluloid', 'totem', 'smplayer', 'haruna', 'iina', 'parole', 'clapper', 'dragon', 'open', 'xdg-open']);

/**
 * A feed item's file: $PLAYER when set (one command, `%s` for the URL as in $BROWSER), run in
 * this terminal as a terminal browser is (mpv, mplayer, mpg123 show their progress and take
 * their keys there) unless it is a player with a window of its own; else as `o` opens a link.
 */
export function planPlay(raw: string | undefined, env: NodeJS.ProcessEnv, platform: NodeJS.Platform, ssh: boolean): OpenPlan {
	const url = safeUrl(raw);
	if (!url) {
		return {kind: 'invalid'};
	}

	const player = env['PLAYER'];
	const argv = player ? commandArgv(player, url) : undefined;
	if (argv) {
		return windowedPlayers.has(baseName(argv[0]!)) ? {kind: 'detached', argv} : {kind: 'terminal', argv};
	}

	return planOpen(url, env, platform, ssh);
}

/** The program an argv runs, as a user would name it (`xdg-open`, not `/usr/bin/xdg-open`). */
export function programName(argv: readonly string[]): string {
	return baseName(argv[0] ?? '');
}
