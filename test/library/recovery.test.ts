/**
 * A library damaged past its header opens (no scan at open: start stays flat); the first
 * statement that meets the damage sets the file aside and makes a new one, carrying over what
 * can still be read of the reading state, says so once, and the call is answered by the new store.
 */
import fs from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {feedEdition, items, tempDir, testLibrary} from './helpers.js';

/** Every byte from `from` (a fraction of the file) on, overwritten by a seeded sequence. */
function spoilFrom(file: string, from: number): void {
	const bytes = fs.readFileSync(file);
	let state = 20_261_206;
	for (let at = Math.floor(bytes.length * from); at < bytes.length; at++) {
		state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
		bytes[at] = state % 256;
	}

	fs.writeFileSync(file, bytes);
}

describe('a library found damaged in use', () => {
	it('is kept aside as *.bad-TIME once, a new one made with the reading state carried over, the call answered', () => {
		const dir = tempDir();
		const file = path.join(dir, 'library.sqlite');
		const first = testLibrary({path: file});
		// Reading state first: its pages come early in the file, before the items' pages.
		first.reading.markRead('kept-read');
		first.reading.setStarred('kept-star', true, 'feed://a');
		first.reading.setPosition('kept-position', {block: 3, offset: 7});
		first.reading.setLastArticle({source: 'feed://a', key: 'kept-last'});
		first.reading.flush();
		first.storeEdition('feed://a', feedEdition('feed://a', items('a', 1500)));
		first.close();
		spoilFrom(file, 0.5);

		const library = testLibrary({path: file});
		expect(library.notice).toBeUndefined();
		const lines: string[] = [];
		library.onNotice?.(line => lines.push(line));
		// Reading every item meets the damaged pages.
		const latest = library.virtualEdition('latest-all');
		expect(latest.headlines).toEqual([]);
		expect(lines).toHaveLength(1);
		const aside = fs.readdirSync(dir).filter(name => name.startsWith('library.sqlite.bad-'));
		expect(aside).toHaveLength(1);
		expect(lines[0]).toContain(aside[0]);

		// The new store takes writes and holds what could be read of the old one's reading state.
		library.storeEdition('feed://a', feedEdition('feed://a', items('a', 5)));
		expect(library.edition('feed://a')?.headlines).toHaveLength(5);
		expect(library.reading.isRead('kept-read')).toBe(true);
		expect(library.reading.isStarred('kept-star')).toBe(true);
		expect(library.reading.position('kept-position')).toEqual({block: 3, offset: 7});
		expect(library.reading.lastArticle()).toEqual({source: 'feed://a', key: 'kept-last'});
		expect(lines).toHaveLength(1);
	});
});
