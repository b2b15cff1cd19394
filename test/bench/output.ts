/**
 * Ink's Output against ours (source/screen/ink-output.ts), on a two-pane 100×30 frame of the
 * demo edition written the way Ink's renderer writes it: a text box per pane row, a divider,
 * styled headlines, a status line. Warm, side by side, in rounds; median ms per frame.
 */
import InkOutput from '../../node_modules/ink/build/output.js';
import Output from '../../source/screen/ink-output.js';
import {demoEdition} from '../../source/samples/demo.js';
import {fitLine} from '../../source/text/layout.js';
import {defaultTextOptions} from '../../source/text/options.js';

type Writer = {write(x: number, y: number, text: string, options: {transformers: Array<(line: string, index: number) => string>}): void; get(): {output: string}};

function frameOps(): (output: Writer) => void {
	const edition = demoEdition();
	const paragraphs = edition.articles.flatMap(article => article.blocks.flatMap(block => ('text' in block && typeof block.text === 'string' ? [block.text] : [])));
	const body = Array.from({length: 29}, (_, row) => fitLine(paragraphs[row % paragraphs.length]!, 61, defaultTextOptions, 'right'));
	const titles = edition.headlines.map(headline => fitLine(headline.title, 36, defaultTextOptions, 'right'));
	const dim = (line: string) => `\u001B[2m${line}\u001B[22m`;
	const grey = (line: string) => `\u001B[90m${line}\u001B[39m`;
	const inverse = (line: string) => `\u001B[7m${line}\u001B[27m`;
	return output => {
		for (let row = 0; row < 29; row++) {
			output.write(0, row, body[row]!, {transformers: [dim]});
			output.write(61, row, '│', {transformers: [grey]});
			const title = titles[row % titles.length]!;
			output.write(62, row, row === 1 ? `\u001B[46m\u001B[30m\u001B[1m${title}\u001B[22m\u001B[39m\u001B[49m` : `\u001B[1m•\u001B[22m ${title}`, {transformers: []});
		}

		output.write(0, 29, 'akhbar · أخبار المدينة · ٤٢٪', {transformers: [inverse]});
	};
}

export function outputBench(rounds = 15, perRound = 20): {ink: number; ours: number} {
	const draw = frameOps();
	const time = (make: () => Writer) => {
		const start = performance.now();
		for (let index = 0; index < perRound; index++) {
			const output = make();
			draw(output);
			output.get();
		}

		return (performance.now() - start) / perRound;
	};

	const ink: number[] = [];
	const ours: number[] = [];
	for (let round = 0; round < rounds; round++) {
		ink.push(time(() => new InkOutput({width: 100, height: 30})));
		ours.push(time(() => new Output({width: 100, height: 30})));
	}

	const median = (values: number[]) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
	return {ink: median(ink), ours: median(ours)};
}
