// yoga-layout's entry as the bundle has it (see test/build-replacements.mjs): the same module,
// its WebAssembly decoded by Buffer and compiled at once. Yoga's own entry awaits the compile
// (a top-level await); compiled synchronously (1–2 ms for its 70 KB), the loader finishes
// before it returns, so the entry needs no await and the reader can be bundled as one script.
import {Buffer} from 'node:buffer';
import loadYoga, {wasmBase64} from 'yoga-layout/dist/binaries/yoga-wasm-base64-esm.js';
import wrapAssembly from 'yoga-layout/dist/src/wrapAssembly.js';

const wasmBinary = Buffer.from(wasmBase64, 'base64');
// Emscripten fills in the object it is given: after this call it is Yoga's module.
const assembly = {
	wasmBinary,
	instantiateWasm(imports, receive) {
		const instance = new WebAssembly.Instance(new WebAssembly.Module(wasmBinary), imports);
		receive(instance);
		return instance.exports;
	},
};
loadYoga(assembly);
if (typeof assembly.Node !== 'function') throw new Error('Yoga did not load');
const Yoga = wrapAssembly(assembly);
export default Yoga;
export * from 'yoga-layout/dist/src/generated/YGEnums.js';
