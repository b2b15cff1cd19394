/**
 * The part of linkedom's DOM the page readers use (the project compiles without the DOM lib),
 * and the few ways they read text out of it.
 */
import {sanitizeLine} from '../text/sanitize.js';
import {elementToBlocks} from './html-blocks.js';

export type PageElement = {
	tagName: string;
	remove(): void;
	textContent: string | null;
	children: ArrayLike<PageElement>;
	parentElement: PageElement | null;
	nextElementSibling: PageElement | null;
	previousElementSibling: PageElement | null;
	getAttribute(name: string): string | null;
	querySelector(selector: string): PageElement | null;
	querySelectorAll(selector: string): ArrayLike<PageElement>;
	closest(selector: string): PageElement | null;
	contains(other: PageElement): boolean;
};

export type PageDocument = {
	documentElement: PageElement;
	body: PageElement | null;
	getElementById(id: string): PageElement | null;
	querySelector(selector: string): PageElement | null;
	querySelectorAll(selector: string): ArrayLike<PageElement>;
};

/** All of an element's text, spacing collapsed (scripts included: for short labels only). */
export function text(element: PageElement | null | undefined): string {
	return (element?.textContent ?? '').replace(/\s+/g, ' ').trim();
}

/** Text the parser already decoded (attribute values, Readability's fields) → a safe line. */
export function oneLine(value: string | null | undefined): string | undefined {
	if (!value) return undefined;
	return sanitizeLine(value.replace(/\s+/g, ' ').trim()).trim() || undefined;
}

/** An element's visible text as one line: unlike textContent, never a script's or a style's. */
export function elementLine(element: PageElement | null | undefined): string | undefined {
	if (!element) return undefined;
	return oneLine(
		elementToBlocks(element)
			.map((block) => block.text)
			.join(' '),
	);
}

export function tagOf(element: PageElement): string {
	return element.tagName.toLowerCase();
}
