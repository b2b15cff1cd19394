/**
 * Throughput of the bidi stage: paragraphLevels + reorderLine on about 1 MB of Arabic news
 * text (with Latin words, digits, brackets and quotes), paragraphs of 400–800 characters cut
 * into lines of at most 70. Run: node --import tsx test/bench/bidi.ts
 */
import {Buffer} from 'node:buffer';
import {spawnSync} from 'node:child_process';
import {writeFileSync} from 'node:fs';
import path from 'node:path';
import {paragraphLevels, reorderLine} from '../../source/text/bidi.js';
import {scratchDir} from './scratch.js';

const sentences = [
	'أعلنت وزارة الصحة صباح اليوم افتتاح 12 مستشفى جديدا في المحافظات الشمالية، بكلفة تجاوزت 450 مليون دينار.',
	'وقال المتحدث باسم الوزارة في مؤتمر صحفي إن المشروع (الذي انطلق عام 2019) سيخدم قرابة 3.5 ملايين نسمة.',
	'وأوضح أن شركة Siemens الألمانية أسهمت في تجهيز الأقسام، وأن نسبة الإنجاز بلغت 95% حتى نهاية الشهر الماضي.',
	'من جهتها رحّبت نقابة الأطباء بالخطوة، لكنها طالبت بزيادة عدد الكوادر «المؤهلة» قبل التشغيل الكامل.',
	'وتشير تقديرات البنك الدولي إلى أن الإنفاق الصحي ارتفع بنحو 7% سنويا منذ 2015 [بحسب التقرير الأخير].',
	'ويرى مراقبون أن الحكومة تسعى إلى تحسين صورتها قبل الانتخابات المقبلة المقررة في 14 آذار/مارس.',
	'وكان الوزير قد أكّد سابقاً أن الخطة تحتاج وقتاً أطول، وهو ما يراه الخبراء مقبولاً نسبياً.',
];

function corpus(target: number): string[] {
	const paragraphs: string[] = [];
	let total = 0;
	let k = 0;
	while (total < target) {
		const size = 400 + ((paragraphs.length * 137) % 400);
		let paragraph = '';
		while (paragraph.length < size) {
			paragraph += (paragraph ? ' ' : '') + sentences[k++ % sentences.length];
		}

		paragraphs.push(paragraph);
		total += paragraph.length;
	}

	return paragraphs;
}

/** Greedy lines of at most `width` UTF-16 units, broken after spaces (spaces stay at line end). */
function lines(paragraph: string, width: number): Array<[number, number]> {
	const result: Array<[number, number]> = [];
	let start = 0;
	while (start < paragraph.length) {
		let end = Math.min(paragraph.length, start + width);
		if (end < paragraph.length) {
			const space = paragraph.lastIndexOf(' ', end);
			end = space > start ? space + 1 : end;
		}

		result.push([start, end]);
		start = end;
	}

	return result;
}

const paragraphs = corpus(1_000_000);
const broken = paragraphs.map(paragraph => lines(paragraph, 70));
const units = paragraphs.reduce((sum, paragraph) => sum + paragraph.length, 0);
const bytes = paragraphs.reduce((sum, paragraph) => sum + Buffer.byteLength(paragraph), 0);

function once(): number {
	const started = performance.now();
	let sink = 0;
	for (const [index, paragraph] of paragraphs.entries()) {
		const {levels} = paragraphLevels(paragraph, 'rtl');
		for (const [start, end] of broken[index]!) {
			sink += reorderLine(paragraph, levels, start, end).length;
		}
	}

	if (sink === 0) {
		throw new Error('nothing reordered');
	}

	return performance.now() - started;
}

function levelsOnly(): number {
	const started = performance.now();
	for (const paragraph of paragraphs) {
		paragraphLevels(paragraph, 'rtl');
	}

	return performance.now() - started;
}

const rate = (ms: number) => `${(bytes / 1e6 / (ms / 1000)).toFixed(1)} MB/s UTF-8 (${(units / 1e6 / (ms / 1000)).toFixed(1)} M units/s)`;
console.log(`${paragraphs.length} paragraphs, ${broken.flat().length} lines, ${units} UTF-16 units, ${bytes} bytes UTF-8`);
const cold = once();
console.log(`cold: ${cold.toFixed(1)} ms, ${rate(cold)}`);
const runs = Array.from({length: 10}, () => once()).sort((a, b) => a - b);
console.log(`warm median: ${runs[5]!.toFixed(1)} ms, ${rate(runs[5]!)}`);
const levelRuns = Array.from({length: 10}, () => levelsOnly()).sort((a, b) => a - b);
console.log(`paragraphLevels alone, warm median: ${levelRuns[5]!.toFixed(1)} ms, ${rate(levelRuns[5]!)}`);

/** FriBidi's CLI on the same paragraphs (levels, reordering, shaping: more work than ours), if installed. */
function fribidi(): number | undefined {
	const file = path.join(scratchDir('akhbar-bidi-'), 'corpus.txt');
	writeFileSync(file, paragraphs.join('\n') + '\n');
	const times: number[] = [];
	for (let round = 0; round < 5; round++) {
		const started = performance.now();
		const result = spawnSync('fribidi', ['--nobreak', '--nopad', '--rtl', file], {maxBuffer: 1 << 26});
		if (result.error || result.status !== 0) {
			return undefined;
		}

		times.push(performance.now() - started);
	}

	return times.sort((a, b) => a - b)[2];
}

const fribidiMs = fribidi();
if (fribidiMs === undefined) {
	console.log('fribidi: not installed');
} else {
	console.log(`fribidi --nobreak --nopad --rtl (whole process), median: ${fribidiMs.toFixed(1)} ms, ${rate(fribidiMs)}`);
	console.log(`bidi stage / fribidi: ${(fribidiMs / runs[5]!).toFixed(2)}×`);
}
