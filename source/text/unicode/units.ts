/**
 * UTF-16 code units in a typed array → string, for the hot loops of the text engine.
 *
 * On little-endian machines (all that Node runs on in practice), a Buffer view of the units'
 * memory decodes them as `utf16le`: a copy, exact for every unit (lone surrogates and a leading
 * U+FEFF included), and 2-3 times faster than TextDecoder, whose JavaScript wrapper and ICU
 * converter cost more than copying a line. Elsewhere a UTF-16BE TextDecoder does it, except
 * for text with lone surrogates (it would turn them into U+FFFD): `String.fromCharCode`.
 */
import {Buffer} from 'node:buffer';

const littleEndian = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
const decoder = new TextDecoder(littleEndian ? 'utf-16le' : 'utf-16be', {ignoreBOM: true});

/** A view of the bytes of `units`' whole buffer, for `Buffer#toString`. */
function bytesOf(units: Uint16Array): Buffer {
	return Buffer.from(units.buffer, units.byteOffset, units.byteLength);
}

export function unitsToString(units: Uint16Array, length: number, loneSurrogates: boolean): string {
	return unitRangeToString(units, 0, length, loneSurrogates);
}

/** `unitsToString` of `units[from..to)`. */
export function unitRangeToString(units: Uint16Array, from: number, to: number, loneSurrogates: boolean): string {
	return littleEndian ? bytesOf(units).toString('utf16le', from * 2, to * 2) : portableString(units, from, to, loneSurrogates);
}

function portableString(units: Uint16Array, from: number, to: number, loneSurrogates: boolean): string {
	if (!loneSurrogates) {
		return decoder.decode(units.subarray(from, to));
	}

	const chunk = 8192;
	const parts: string[] = [];
	for (let start = from; start < to; start += chunk) {
		// A typed array is array-like, which is all `apply` needs.
		parts.push(String.fromCharCode.apply(null, units.subarray(start, Math.min(start + chunk, to)) as unknown as number[]));
	}

	return parts.join('');
}

/** Scratch buffers above this many units are not kept between calls. */
const keepLimit = 1 << 16;

/**
 * A buffer of UTF-16 units reused from call to call by one module's synchronous code: a fresh
 * typed array per paragraph costs more than shaping the paragraph, most of it in the garbage
 * collector. Whatever `get` returns is only valid until the next `get`; nothing may keep it.
 */
export class UnitScratch {
	private units = new Uint16Array(1024);
	/** The bytes of `units`, made once rather than for every string. */
	private bytes = bytesOf(this.units);

	/** A buffer of at least `length` units, contents undefined. */
	get(length: number): Uint16Array {
		if (length <= this.units.length) {
			return this.units;
		}

		const units = new Uint16Array(Math.max(length, this.units.length * 2));
		if (length <= keepLimit) {
			this.units = units;
			this.bytes = bytesOf(units);
		}

		return units;
	}

	/** `unitRangeToString` of units that `get` returned. */
	string(units: Uint16Array, from: number, to: number, loneSurrogates: boolean): string {
		return littleEndian && units === this.units
			? this.bytes.toString('utf16le', from * 2, to * 2)
			: unitRangeToString(units, from, to, loneSurrogates);
	}
}
