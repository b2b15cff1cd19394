// Types for the part of bidi-js 1.1.0 that akhbar uses. The package ships its own declarations,
// but they describe an ES module while Node loads its CommonJS build, so under `NodeNext` the
// default import would not type as callable.
declare module 'bidi-js' {
	/** One of the 23 Unicode Bidi_Class short names. */
	export type BidiCharTypeName =
		| 'L' | 'R' | 'AL' | 'EN' | 'ES' | 'ET' | 'AN' | 'CS' | 'NSM' | 'BN' | 'B' | 'S' | 'WS' | 'ON'
		| 'LRE' | 'LRO' | 'RLE' | 'RLO' | 'PDF' | 'LRI' | 'RLI' | 'FSI' | 'PDI';

	export type EmbeddingLevels = {
		/** One level per UTF-16 unit of the text. */
		levels: Uint8Array;
		/** Start and end are inclusive. */
		paragraphs: Array<{start: number; end: number; level: number}>;
	};

	export type Bidi = {
		getEmbeddingLevels(text: string, direction?: 'ltr' | 'rtl' | 'auto'): EmbeddingLevels;
		/** `end` is inclusive. */
		getReorderSegments(text: string, levels: EmbeddingLevels, start?: number, end?: number): Array<[number, number]>;
		getBidiCharTypeName(char: string): BidiCharTypeName;
		getMirroredCharacter(char: string): string | null;
		openingToClosingBracket(char: string): string | null;
		closingToOpeningBracket(char: string): string | null;
		getCanonicalBracket(char: string): string | null;
	};

	export default function bidiFactory(): Bidi;
}
