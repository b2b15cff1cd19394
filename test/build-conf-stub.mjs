// Stands in, in the bundle, for what conf imports but akhbar never asks of it: ajv and
// ajv-formats (conf validates with them only when given a JSON schema; akhbar's stores check
// their files with source/store/schema.ts), semver (only for `migrations`) and node:crypto
// (only for `encryptionKey`). Loading them cost ~40 ms of every start. Should conf ever reach
// one, it says so instead of misbehaving.
function missing(name) {
	return () => {
		throw new Error(`conf needed ${name}, which is not in this build (see test/build.mjs)`);
	};
}

export class Ajv2020 {
	constructor() {
		missing('ajv')();
	}
}

export default new Proxy({}, {get: (_target, key) => missing(String(key))});
