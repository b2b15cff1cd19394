/** The English interface (chosen, never from the locale: akhbar is for reading Arabic). */
import type {Failure} from '../../model.js';
import type {Command} from '../keys.js';
import type {Note} from '../state.js';
import type {UiStrings} from './ar.js';
import {mainHelp} from '../../commands/usage.js';
import {fsi, ltr} from './isolate.js';

function seconds(count: number): string {
	return count === 1 ? '1 second' : `${count} seconds`;
}

function failureText(failure: Failure): string {
	switch (failure.kind) {
		case 'refused': return 'the server refused the connection';
		case 'host-not-found': return `no server named ${ltr(failure.host)}`;
		case 'no-network': return `could not look up ${ltr(failure.host)}: is the network up?`;
		case 'closed': return 'the server closed the connection';
		case 'unreachable': return 'the network is unreachable';
		case 'connect-timeout': return `could not connect within ${seconds(failure.seconds)}`;
		case 'timeout': return `no complete answer within ${seconds(failure.seconds)}`;
		case 'stalled': return 'the server stopped answering';
		case 'tls': return {
			expired: `the TLS certificate of ${ltr(failure.host)} has expired`,
			'wrong-host': `the TLS certificate is not for ${ltr(failure.host)}`,
			untrusted: `the TLS certificate of ${ltr(failure.host)} is not trusted`,
			other: `no secure (TLS) connection to ${ltr(failure.host)}`,
		}[failure.problem];
		case 'http': {
			const meaning = ({401: 'login required', 403: 'access denied', 404: 'page not found', 410: 'page removed', 429: 'too many requests, try again later'} as Record<number, string>)[failure.status]
				?? (failure.status >= 500 ? 'server error' : 'unexpected answer from the server');
			return `${meaning} (${ltr(`HTTP ${failure.status}`)})`;
		}

		case 'redirect': return 'the server redirected to an invalid address';
		case 'port': return `port ${ltr(failure.port)} is not allowed on the web`;
		case 'damaged': return 'the compressed answer is damaged';
		case 'too-large': return `the answer is larger than ${ltr(failure.limit)}`;
		case 'offline': return `no saved copy, and reading offline (${ltr('--offline')})`;
		case 'cancelled': return 'loading cancelled';
		case 'network': return `network error (${fsi(failure.detail)})`;
	}
}

function noteText(note: Note): string {
	switch (note.kind) {
		case 'noUnread': return note.anywhere ? 'No unread news in any source' : 'No unread news';
		case 'noMatch': return `No results for “${fsi(note.query)}”`;
		case 'noContent': return 'This item has no text and no link';
		case 'noRank': return `No item number ${note.rank}`;
		case 'noLink': return 'This item has no link';
		case 'noLinks': return 'This item has no links or files';
		case 'noLinkNumber': return `No link number ${note.number}`;
		case 'noOverview': return 'The sources list shows the saved sources only (akhbar with no source)';
	}
}

const commandHelp: Record<Command, string> = {
	down: 'next item or line',
	up: 'previous item or line',
	pageDown: 'page forward',
	pageUp: 'page back',
	top: 'to the top',
	bottom: 'to the end',
	open: 'open the item',
	switchPane: 'switch to the other pane',
	focusLeft: 'the pane on the left',
	focusRight: 'the pane on the right',
	back: 'back, close, cancel the search',
	jump: 'the item with this number, or the link in the links list',
	toggleRead: 'read or unread',
	markAllRead: 'mark all of the source read',
	nextUnread: 'next unread, or next search result',
	prevUnread: 'previous unread, or previous search result',
	search: 'search headlines and texts',
	openLink: 'open the item\'s link in the browser',
	copyUrl: 'copy the item\'s link',
	links: 'the item\'s links and files (audio, video)',
	pipe: 'pipe the item to a command (less, say)',
	refresh: 'refresh the source',
	refreshAll: 'refresh every source in the background',
	overview: 'every source: unread counts and last refresh',
	star: 'star or unstar the item',
	prevSource: 'previous source',
	nextSource: 'next source',
	settings: 'settings',
	help: 'this help',
	redraw: 'redraw the screen',
	suspend: 'suspend (fg to come back)',
	quit: 'quit',
};

export const en: UiStrings = {
	// `akhbar --help` in English: the text meow is given too.
	mainHelp,
	language: 'en',
	direction: 'ltr',
	listNames: {'most-read': 'Most read', trending: 'Trending', latest: 'Latest news'},
	loadingSource: 'Loading the source…',
	loadingArticle: 'Loading the item…',
	noHeadlines: 'No news in this source',
	noArticle: 'Choose an item and press Enter',
	failedSource: message => `Could not load the source: ${fsi(message)}`,
	failedArticle: message => `Could not load the item: ${fsi(message)}`,
	articleUnavailable: reason => `Could not load the item's text: ${fsi(reason)}`,
	articleLink: 'Its link (o opens it, y copies it):',
	sourceFailed: (name, reason) => `Could not load ${fsi(name)}: ${fsi(reason)}`,
	sourcesFailed: (count, total, totalText) => `Could not load ${count} of ${totalText} ${total === 1 ? 'source' : 'sources'} · each says why in its pane (? for keys)`,
	refreshing: 'Refreshing…',
	copyRefreshing: 'Saved copy, refreshing…',
	refreshFailed: (name, reason, copy) => `Could not refresh ${fsi(name)}: ${fsi(reason)}${copy ? ' · showing the saved copy' : ''}`,
	feedFailed: (name, reason, copy) => `Could not read the feed of ${fsi(name)}: ${fsi(reason)}${copy ? ' · showing its saved copy' : ''}`,
	unread: (count, number) => count === 0 ? 'nothing new' : `${number(count)} unread`,
	asOf: when => `Saved copy of ${ltr(when)}`,
	tooSmall: (columns, rows) => `Terminal too small: ${ltr(`${columns}×${rows}`)} at least`,
	tooSmallLatin: (columns, rows) => `Terminal too small: ${columns}×${rows} at least`,
	copied: 'Link copied',
	opened: 'Link opened in the browser',
	searchHeadlines: 'Search headlines and texts: ',
	searchArticle: 'Search the item: ',
	matchCount: (index, count) => `Result ${index} of ${count}`,
	helpTitle: 'Keys',
	helpArabicLayouts: 'The same keys work on an Arabic keyboard layout (X11, macOS and Windows).',
	helpTmux: `Inside tmux, ${ltr('~/.tmux.conf')} needs this line for the bidi switch to reach the terminal:`,
	helpTmuxLine: 'set -g allow-passthrough on',
	helpImplicit: name => `Your terminal (${fsi(name)}) reorders Arabic text itself and cannot be stopped: one pane at a time.`,
	keysRefused: problem => `Default keys kept: ${fsi(problem)}`,
	settingsTitle: 'Settings (saved at once)',
	thisRunOnly: 'this run',
	thisRunOnlyNote: 'this run: a value from the command line, not saved; changing it here saves it.',
	implicitTerminal: name => `${fsi(name)} reorders Arabic text itself: one pane at a time (${ltr('bidi=terminal')})`,
	media: {audio: 'audio', video: 'video', file: 'file'},
	sizeUnits: ['B', 'KB', 'MB', 'GB', 'TB'],
	linksTitle: title => `Links: ${fsi(title)}`,
	linkTitle: title => `Link: ${fsi(title)}`,
	noBrowser: 'No browser here: the whole link is below, y copies it',
	noOpener: (program, reason) => `Could not start ${ltr(program)} (${fsi(reason)}): the whole link is below, y copies it`,
	playing: 'Playing the file',
	urlCut: '… the link is wider than the screen, y copies it whole',
	pipePrompt: command => `Pipe the item to (${ltr(`Enter: ${command}`)}): `,
	pipeFailed: message => `Could not pipe the item: ${fsi(message)}`,
	pipeNotRun: (command, status) => `The command “${ltr(command)}” did not run (${status === 127 ? 'not found' : 'cannot be run'}, ${status})`,
	overviewTitle: count => `Sources (${count})`,
	virtualNames: {'most-read-all': 'Most read — all sources', 'latest-all': 'Latest — all sources', starred: 'Starred'},
	untagged: 'No tag',
	age: (ms, number) => {
		const minutes = Math.floor(ms / 60_000);
		if (minutes < 1) return 'now';
		if (minutes < 60) return `${number(minutes)}m`;
		const hours = Math.floor(minutes / 60);
		return hours < 24 ? `${number(hours)}h` : `${number(Math.floor(hours / 24))}d`;
	},
	neverRefreshed: 'never',
	refreshProgress: (done, total, failed) => `Refreshing ${done}/${total}${failed === undefined ? '' : ` · ${failed} failed`}`,
	diskFull: path => `the disk is full: the library ${ltr(path)} cannot store more · refresh stopped`,
	refreshAllFailed: (count, total) => `${count} of ${total} sources could not be refreshed · marked ! in the sources list (S)`,
	refreshedAll: 'Sources refreshed',
	searchArchive: 'Search the whole archive: ',
	searchResults: query => `Results for “${fsi(query)}”`,
	starred: 'Starred',
	unstarred: 'Unstarred',
	hintWords: {
		refreshAll: 'refresh all',
		open: 'open',
		search: 'search',
		settings: 'settings',
		help: 'help',
		quit: 'quit',
		page: 'page',
		back: 'back',
		link: 'link',
		close: 'close',
		scroll: 'scroll',
		choose: 'choose',
		change: 'change',
		copy: 'copy',
	},
	failureText,
	noteText,
	settingLabels: {
		shaping: 'Join letters',
		bidi: 'Bidi',
		align: 'Alignment',
		digits: 'Digits',
		tashkeel: 'Tashkeel',
		measure: 'Line width',
		headlines: 'Headlines side',
		headlinesWidth: 'Headlines width',
		theme: 'Colours',
		language: 'Language',
		autoRefresh: 'Refresh every (min)',
	},
	commandHelp,
};
