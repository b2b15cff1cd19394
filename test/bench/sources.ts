/**
 * Parse cost of hostile-sized sources: `node --import tsx test/bench/sources.ts`.
 * Prints wall and CPU time (CPU is the steadier figure on a shared machine) for a 100,000-item
 * RSS feed (plain and escaped-HTML descriptions), a 100,000-entry Atom feed, pages and
 * fragments of 10,000 and 100,000 nested elements, and the entity bombs in the fixtures.
 */
import {readFileSync} from 'node:fs';
import process from 'node:process';
import {parseFeed} from '../../source/sources/feed.js';
import {htmlToBlocks} from '../../source/sources/html-blocks.js';
import {extractArticle, parsePage} from '../../source/sources/html.js';

function measure(name: string, run: () => unknown): void {
	const wall = performance.now();
	const cpu = process.cpuUsage();
	let outcome: string;
	try {
		const result = run();
		outcome = Array.isArray(result) ? `${result.length} blocks` : typeof result === 'object' && result && 'headlines' in result ? `${(result as {headlines: unknown[]}).headlines.length} headlines` : 'ok';
	} catch (error) {
		outcome = `refused: ${error instanceof Error ? error.message : String(error)}`;
	}

	const used = process.cpuUsage(cpu);
	const wallMs = performance.now() - wall;
	console.log(`${name.padEnd(34)} wall ${wallMs.toFixed(0).padStart(6)} ms  cpu ${((used.user + used.system) / 1000).toFixed(0).padStart(6)} ms  ${outcome}`);
}

const count = 100_000;
const rss = (item: (index: number) => string) =>
	`<?xml version="1.0"?><rss><channel><title>كبير</title>${Array.from({length: count}, (_, index) => item(index)).join('\n')}</channel></rss>`;
const plain = rss((index) => `<item><guid>g${index}</guid><title>خبر رقم ${index}</title><description>نص الخبر ${index}</description></item>`);
const escaped = rss(
	(index) =>
		`<item><link>https://x.example/${index}</link><title>خبر رقم ${index}</title><description>&lt;p&gt;نص الخبر ${index} &amp;amp; تكملة&lt;/p&gt;&lt;p&gt;فقرة ثانية&lt;/p&gt;</description></item>`,
);
const atom = `<feed xmlns="http://www.w3.org/2005/Atom"><title>كبير</title>${Array.from(
	{length: count},
	(_, index) => `<entry><id>tag:x,${index}</id><title>خبر ${index}</title><content type="html">&lt;p&gt;نص ${index}&lt;/p&gt;</content></entry>`,
).join('')}</feed>`;
const nested = (depth: number) => '<div>'.repeat(depth) + '<p>في العمق</p>' + '</div>'.repeat(depth);
const fixture = (path: string) => readFileSync(new URL(`../fixtures/${path}`, import.meta.url), 'utf8');

console.log(`RSS plain ${(plain.length / 1e6).toFixed(1)} MB, RSS escaped ${(escaped.length / 1e6).toFixed(1)} MB, Atom ${(atom.length / 1e6).toFixed(1)} MB`);
measure('RSS 100k items, plain text', () => parseFeed(plain, 'bench', 'rss'));
measure('RSS 100k items, escaped HTML', () => parseFeed(escaped, 'bench', 'rss'));
measure('Atom 100k entries, html content', () => parseFeed(atom, 'bench', 'atom'));
measure('truncated RSS 100k (cut at 60%)', () => parseFeed(escaped.slice(0, Math.floor(escaped.length * 0.6)), 'bench', 'rss'));
measure('htmlToBlocks, 10k nested', () => htmlToBlocks(nested(10_000)));
measure('htmlToBlocks, 100k nested', () => htmlToBlocks(nested(100_000)));
measure('extractArticle, 10k nested', () => extractArticle(`<html><body>${nested(10_000)}</body></html>`, 'bench').blocks);
measure('extractArticle, 100k nested', () => extractArticle(`<html><body>${nested(100_000)}</body></html>`, 'bench').blocks);
measure('parsePage, article fixture', () => parsePage(fixture('pages/article.html'), 'bench', 'https://daffa.example/ar/x'));
measure('billion laughs (nested entities)', () => parseFeed(fixture('feeds/bomb-nested.xml'), 'bomb', 'rss'));
measure('wide entity bomb (40 MB if expanded)', () => parseFeed(fixture('feeds/bomb-wide.xml'), 'bomb', 'rss'));
