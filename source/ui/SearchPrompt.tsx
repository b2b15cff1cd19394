/**
 * The search prompt, in place of the status line. What the user types is shown shaped and in
 * reading order (right to left for Arabic), with the cursor where the next letter will go.
 */
import {fitLine} from '../text/layout.js';
import type {TextOptions} from '../text/options.js';
import {Line} from './Row.js';
import type {Theme} from './theme.js';

export type SearchPromptProps = {
	width: number;
	label: string;
	query: string;
	options: TextOptions;
	theme: Theme;
};

const cursor = '▏';

export function SearchPrompt({width, label, query, options, theme}: SearchPromptProps) {
	// Typing goes to the logical end; keep the end visible when the query outgrows the line.
	const room = Math.max(1, width - [...label].length - 2);
	const chars = [...query];
	const shown = chars.length > room ? chars.slice(chars.length - room).join('') : query;
	const align = options.fallbackDirection === 'rtl' ? 'right' : 'left';
	return <Line text={fitLine(`${label}${shown}${cursor}`, width, options, align)} style={theme.styles.prompt} />;
}
