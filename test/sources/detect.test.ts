import {readFileSync} from 'node:fs';
import {describe, expect, it} from 'vitest';
import {detectFormat} from '../../source/sources/detect.js';

const fixture = (path: string) => readFileSync(new URL(`../fixtures/${path}`, import.meta.url), 'utf8');

describe('detectFormat', () => {
	it.each([
		['feeds/rss-full.xml', 'rss'],
		['feeds/rss-short.xml', 'rss'],
		['feeds/rdf.xml', 'rdf'],
		['feeds/atom.xml', 'atom'],
		['feeds/jsonfeed-1.1.json', 'jsonfeed'],
		['feeds/jsonfeed-1.0.json', 'jsonfeed'],
		['feeds/mostread-records.json', 'mostread-json'],
		['feeds/mostread-data-items.json', 'mostread-json'],
		['feeds/truncated.xml', 'rss'],
		['feeds/bomb-nested.xml', 'rss'],
		['pages/article.html', 'html'],
		['pages/article-no-list.html', 'html'],
	])('reads %s as %s from its content', (path, format) => {
		expect(detectFormat(fixture(path))).toBe(format);
	});

	it('ignores a misleading Content-Type when the content is clear', () => {
		expect(detectFormat(fixture('feeds/atom.xml'), 'text/html; charset=utf-8')).toBe('atom');
		expect(detectFormat(fixture('pages/article.html'), 'application/rss+xml')).toBe('html');
	});

	it('skips a BOM, comments, processing instructions and a DOCTYPE subset before the root', () => {
		const text = '\uFEFF<?xml version="1.0"?>\n<!-- generated -->\n<?xml-stylesheet href="s.xsl"?>\n<!DOCTYPE feed [<!ENTITY a "b>c">]>\n<feed xmlns="http://www.w3.org/2005/Atom"></feed>';
		expect(detectFormat(text)).toBe('atom');
	});

	it('recognizes RDF under any prefix and HTML fragments without a doctype', () => {
		expect(detectFormat('<RDF:RDF xmlns:RDF="x"><item/></RDF:RDF>')).toBe('rdf');
		expect(detectFormat('<div><p>مرحبا</p></div>')).toBe('html');
		expect(detectFormat('<!doctype html><title>x</title>')).toBe('html');
	});

	it('takes plain text, including Arabic dumps, as text', () => {
		expect(detectFormat('عنوان الخبر\n\nنص الخبر هنا.')).toBe('text');
		expect(detectFormat('')).toBe('text');
	});

	it('uses the Content-Type only for an XML root it does not know', () => {
		expect(detectFormat('<?xml version="1.0"?><unknown/>', 'application/atom+xml')).toBe('atom');
		expect(detectFormat('<?xml version="1.0"?><unknown/>')).toBe('rss');
	});
});
