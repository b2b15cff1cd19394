/**
 * A bound on how deeply hostile HTML nests, applied to the text before any DOM is built.
 * linkedom's parser slows down with the square of the depth (10,000 levels take ~0.1 s,
 * 100,000 levels ~20 s), so tags that would open deeper than the bound are left out, with their
 * matching end tags; their text stays where it was. Real pages nest a few dozen levels.
 */
import {tagEnd} from './tag-end.js';

/** Elements that never hold children. */
const voidElements = new Set([
	'area',
	'base',
	'br',
	'col',
	'embed',
	'hr',
	'img',
	'input',
	'link',
	'meta',
	'param',
	'source',
	'track',
	'wbr',
]);

/** Elements whose content is text up to their end tag, whatever it looks like. */
const rawTextElements = new Set(['script', 'style', 'textarea', 'title', 'xmp', 'iframe', 'noembed', 'noframes']);

/** Elements an opening tag of the same name closes implicitly (`<p>a<p>b`, `<li>a<li>b`). */
const selfClosingSiblings = new Set(['p', 'li', 'dt', 'dd', 'option', 'tr', 'td', 'th']);

const tagName = /<(\/?)([a-z][^\s/>]*)/iy;

/** Index just past the `>` of a tag starting at `start`, quotes respected; the text's end if none. */
function endOfTag(html: string, start: number): number {
	const end = tagEnd(html, start);
	return end < 0 ? html.length : end;
}

function skipPast(html: string, marker: string, from: number): number {
	const at = html.indexOf(marker, from);
	return at < 0 ? html.length : at + marker.length;
}

/** `html` with element nesting limited to `maxDepth` levels; unchanged when it nests less. */
export function limitNesting(html: string, maxDepth: number): string {
	// A document with fewer tags than the bound cannot nest deeper than it.
	let tags = 0;
	for (let index = html.indexOf('<'); index >= 0 && tags <= maxDepth; index = html.indexOf('<', index + 1)) {
		tags++;
	}

	if (tags <= maxDepth) return html;

	const kept: string[] = [];
	const open: string[] = [];
	const dropped = new Map<string, number>();
	let copiedUpTo = 0;
	const drop = (start: number, end: number) => {
		kept.push(html.slice(copiedUpTo, start));
		copiedUpTo = end;
	};

	let index = html.indexOf('<');
	while (index >= 0 && index < html.length) {
		if (html.startsWith('<!--', index)) {
			index = html.indexOf('<', skipPast(html, '-->', index + 4));
			continue;
		}

		tagName.lastIndex = index;
		const match = tagName.exec(html);
		if (!match) {
			index = html.indexOf('<', index + 1);
			continue;
		}

		const end = endOfTag(html, index);
		const name = match[2]!.toLowerCase();
		if (match[1]) {
			const pending = dropped.get(name) ?? 0;
			if (pending > 0) {
				dropped.set(name, pending - 1);
				drop(index, end);
			} else {
				const at = open.lastIndexOf(name);
				if (at >= 0) open.length = at;
			}
		} else if (rawTextElements.has(name)) {
			const closing = new RegExp(`</${name}`, 'gi');
			closing.lastIndex = end;
			const close = closing.exec(html)?.index;
			index = html.indexOf('<', close === undefined ? html.length : endOfTag(html, close));
			continue;
		} else if (!voidElements.has(name) && html[end - 2] !== '/') {
			if (selfClosingSiblings.has(name) && open.at(-1) === name) {
				open.pop();
			}

			if (open.length >= maxDepth) {
				dropped.set(name, (dropped.get(name) ?? 0) + 1);
				drop(index, end);
			} else {
				open.push(name);
			}
		}

		index = html.indexOf('<', end);
	}

	if (copiedUpTo === 0) return html;
	kept.push(html.slice(copiedUpTo));
	return kept.join('');
}
