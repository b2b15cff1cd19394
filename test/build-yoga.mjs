// yoga-layout's entry as the bundle has it (see test/build-replacements.mjs): the same module,
// its WebAssembly decoded by Buffer and handed to the loader.
import {Buffer} from 'node:buffer';
import loadYoga, {wasmBase64} from 'yoga-layout/dist/binaries/yoga-wasm-base64-esm.js';
import wrapAssembly from 'yoga-layout/dist/src/wrapAssembly.js';

const Yoga = wrapAssembly(await loadYoga({wasmBinary: Buffer.from(wasmBase64, 'base64')}));
export default Yoga;
export * from 'yoga-layout/dist/src/generated/YGEnums.js';
