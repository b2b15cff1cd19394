// Stands in for ajv and ajv-formats in the bundle. conf validates with ajv only when it is
// given a JSON schema; akhbar's stores check their files with their own checker
// (source/store/schema.ts) and pass conf none, so ajv (~200 KB, ~30 ms to load) stays out.
export class Ajv2020 {
	constructor() {
		throw new Error('conf was given a JSON schema, but ajv is not in this build (see test/build.mjs)');
	}
}

export default {default() {}};
