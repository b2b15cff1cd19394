/**
 * UTF-16 code units in a typed array → string, for the hot loops of shape and normalize.
 *
 * One TextDecoder call is 2-3 times faster than `String.fromCharCode.apply` over chunks, but it
 * turns lone surrogates into U+FFFD, so callers that saw one take the slow path. `ignoreBOM`
 * keeps a leading U+FEFF.
 */
const littleEndian = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
const decoder = new TextDecoder(littleEndian ? 'utf-16le' : 'utf-16be', {ignoreBOM: true});

export function unitsToString(units: Uint16Array, length: number, loneSurrogates: boolean): string {
	if (!loneSurrogates) {
		return decoder.decode(units.subarray(0, length));
	}

	const chunk = 8192;
	const parts: string[] = [];
	for (let start = 0; start < length; start += chunk) {
		// A typed array is array-like, which is all `apply` needs.
		parts.push(String.fromCharCode.apply(null, units.subarray(start, Math.min(start + chunk, length)) as unknown as number[]));
	}

	return parts.join('');
}
