import {describe, expect, it} from 'vitest';
import type {Article} from '../../source/model.js';
import {articleBlocks, fitLine} from '../../source/text/layout.js';
import {defaultTextOptions} from '../../source/text/options.js';
import {clock, fileSize, mediaLabel, withMediaLines} from '../../source/ui/media.js';

describe('a file as it reads', () => {
	it('writes durations as a clock', () => {
		expect(clock(2530)).toBe('42:10');
		expect(clock(59)).toBe('0:59');
		expect(clock(3723)).toBe('1:02:03');
		expect(clock(36_000)).toBe('10:00:00');
	});

	it('writes sizes in binary units, named in Arabic, one decimal below 10', () => {
		expect(fileSize(512)).toBe('512 بايت');
		expect(fileSize(39_845_888)).toBe('38 ميغابايت');
		expect(fileSize(3_565_158)).toBe('3.4 ميغابايت');
		expect(fileSize(2 * 1024 * 1024)).toBe('2 ميغابايت');
		expect(fileSize(5 * 1024 ** 3)).toBe('5 غيغابايت');
	});

	it('says what the file is, how long, how big and its format, from what the feed stated', () => {
		expect(mediaLabel({url: 'u', medium: 'audio', seconds: 2530, bytes: 39_845_888, type: 'audio/mpeg'})).toBe('صوت · 42:10 · 38 ميغابايت · MP3');
		expect(mediaLabel({url: 'u', medium: 'video', type: 'video/x-unknown'})).toBe('فيديو');
		expect(mediaLabel({url: 'u', medium: 'file', bytes: 2048, type: 'application/pdf'})).toBe('ملف · 2 كيلوبايت · PDF');
	});

	it('reads right to left in its order: the kind on the right, then the length, the size, the format', () => {
		const line = fitLine(mediaLabel({url: 'u', medium: 'audio', seconds: 2530, bytes: 39_845_888, type: 'audio/mpeg'}), 40, defaultTextOptions).trim();
		const at = (text: string) => line.indexOf(text);
		// Visual order, left to right: MP3, the size, the length, the (shaped) kind.
		expect(at('MP3')).toBeLessThan(at('38'));
		expect(at('38')).toBeLessThan(at('42:10'));
		expect(at('42:10')).toBeGreaterThan(0);
		expect(line.endsWith('ﺕﻮﺻ')).toBe(true);
	});
});

describe('the article with its files', () => {
	const article: Article = {
		key: 'k',
		title: 'حلقة',
		blocks: [{kind: 'deck', text: 'ملخص'}, {kind: 'paragraph', text: 'نص'}],
		enclosures: [{url: 'https://cdn.example/1.mp3', medium: 'audio', seconds: 90}],
	};

	it('puts a line for each file after the decks, so it follows the meta line', () => {
		const blocks = articleBlocks(withMediaLines(article), 'المصدر', defaultTextOptions);
		expect(blocks.map(block => [block.kind, block.text])).toEqual([
			['title', 'حلقة'],
			['deck', 'ملخص'],
			['meta', '\u2067المصدر\u2069'],
			['meta', 'صوت · 1:30'],
			['paragraph', 'نص'],
		]);
	});

	it('gives the same object for the same article (layout caches hold), and an article with no files as it is', () => {
		expect(withMediaLines(article)).toBe(withMediaLines(article));
		const plain: Article = {key: 'p', title: 't', blocks: []};
		expect(withMediaLines(plain)).toBe(plain);
	});
});
