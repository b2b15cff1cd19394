/** What the library's fault tests share: feeds that grow, and which item the reader points at. */
import type {LibraryCorpus} from '../bench/library-corpus.js';
import type {PtySession} from '../helpers/pty-session.js';
import {screenText} from '../helpers/xterm-screen.js';

/** Long enough (over the feed reader's 400-character teaser length) to be the article itself. */
const liveText = 'وصل هذا النبأ للتو من مراسلنا في المدينة، ويتابع الفريق تفاصيله ساعة بساعة. '.repeat(8);

/** The feed with `count` items more on top (the newest `keep` of them), as a live feed grows. */
export function liveItems(rss: string, source: number, count: number, keep = count): string {
	const items: string[] = [];
	for (let n = count; n > Math.max(0, count - keep); n--) {
		const date = new Date(Date.now() - (count - n) * 1000).toUTCString();
		items.push(`<item><title>نبأ جديد رقم ${n} من المصدر ${source}</title><guid isPermaLink="false">live-${source}-${n}</guid><pubDate>${date}</pubDate><description>${liveText}</description></item>`);
	}

	return rss.replace('<language>ar</language>\n', `<language>ar</language>\n${items.join('\n')}\n`);
}

export type TitleIndex = Map<string, string | undefined>;

/** Words from the start of the text of the item `guid` (of `corpus`, or a live one): to find it on the screen. */
export function textStart(corpus: LibraryCorpus, guid: string): string {
	if (guid.startsWith('live-')) return liveText.split(' ').slice(0, 3).join(' ');
	const [, source, index] = guid.split('-').map(Number);
	return corpus.sourceItems(source!)[index!]!.paragraphs[0]!.split(' ').slice(0, 3).join(' ');
}

/** Each item's first three words (as logical text shows them) → its guid; undefined where two share them. */
export function titleIndex(corpus: LibraryCorpus): TitleIndex {
	const index: TitleIndex = new Map();
	for (let source = 0; source < corpus.sources; source++) {
		for (const item of corpus.sourceItems(source)) {
			const prefix = item.title.split(' ').slice(0, 3).join(' ');
			index.set(prefix, index.has(prefix) ? undefined : item.guid);
		}
	}

	return index;
}

/** The headline row under the pointer (`◂`), as text; undefined when none is on the screen. */
export function pointerRow(session: PtySession): string | undefined {
	return screenText(session.terminal).find(row => row.includes('◂'));
}

/** The guid of the one item whose title `row` shows, if exactly one. */
export function itemOnRow(titles: TitleIndex, row: string | undefined): string | undefined {
	if (row === undefined) return undefined;
	const live = /نبأ جديد رقم (\d+) من المصدر (\d+)/u.exec(row);
	if (live) return `live-${live[2]}-${live[1]}`;
	let found: string | undefined;
	for (const [prefix, guid] of titles) {
		if (!row.includes(prefix)) continue;
		if (guid === undefined || found !== undefined) return undefined;
		found = guid;
	}

	return found;
}

/** Marks of source `index`'s headlines as logical text shows them (its own and live ones). */
export function headlineMarks(corpus: LibraryCorpus, index: number): string[] {
	return ['نبأ جديد رقم', ...corpus.sourceItems(index).map(item => item.title.split(' ').slice(0, 3).join(' '))];
}

/** The reading-state key of item `guid` (of source N, `bench-N-…` or `live-N-…`): its feed's URL and its guid (sources/keys.ts). */
export function readingKey(feedUrl: (source: number) => string, guid: string): string {
	return `${feedUrl(Number(guid.split('-')[1]))}#id:${guid}`;
}

/** How the item `guid`'s title starts, as logical text shows it (in its headline and above its article). */
export function titleStart(corpus: LibraryCorpus, guid: string): string {
	const [kind, source, index] = guid.split('-');
	if (kind === 'live') return `نبأ جديد رقم ${index} من المصدر ${source}`;
	return corpus.sourceItems(Number(source))[Number(index)]!.title.split(' ').slice(0, 3).join(' ');
}
