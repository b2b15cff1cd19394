/**
 * How the terminal's cells are shared out: one pane or two, how wide each is, how many rows
 * each gets. The frame takes every row, the status line the last one. (It used to stop at
 * rows − 1: Ink 6.8 clears the screen and the scrollback on every update of a frame as tall as
 * the terminal. Ink now renders in debug mode into screen/writer.ts, which places every cell
 * with cursor moves and never writes a newline, so nothing can scroll: a character written in
 * the last cell of the last row leaves the cursor waiting there, as every terminal since the
 * VT100 does.)
 */
export const minColumns = 40;
export const minRows = 12;
/** Side by side from this width; one pane at a time below it. */
export const twoPaneColumns = 100;
/** The article pane never gets narrower than this beside the headlines. */
const minArticleColumns = 50;

export type Geometry =
	| {kind: 'tooSmall'; columns: number; frameRows: number}
	| {
		kind: 'panes';
		columns: number;
		/** Rows Ink draws: all of the terminal's. */
		frameRows: number;
		twoPanes: boolean;
		headlinesWidth: number;
		articleWidth: number;
		/** Rows of each pane (the status line takes the last row of the frame). */
		paneRows: number;
		/** Headline rows under the pane's header row. */
		listRows: number;
		/** Cells a line of article text takes (≤ the measure), inside one-cell margins. */
		textWidth: number;
	};

export type GeometryPrefs = {headlinesWidth: number; measure: number; onePane: boolean};

export function planGeometry(columns: number, rows: number, prefs: GeometryPrefs): Geometry {
	const frameRows = Math.max(0, rows);
	if (columns < minColumns || rows < minRows) {
		return {kind: 'tooSmall', columns, frameRows};
	}

	const twoPanes = !prefs.onePane && columns >= twoPaneColumns;
	const headlinesWidth = twoPanes ? Math.max(20, Math.min(prefs.headlinesWidth, columns - minArticleColumns - 1)) : columns;
	const articleWidth = twoPanes ? columns - headlinesWidth - 1 : columns;
	const paneRows = frameRows - 1;
	return {
		kind: 'panes',
		columns,
		frameRows,
		twoPanes,
		headlinesWidth,
		articleWidth,
		paneRows,
		listRows: paneRows - 1,
		textWidth: Math.max(10, Math.min(prefs.measure, articleWidth - 2)),
	};
}
