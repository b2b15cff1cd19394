/**
 * Catching the SourceError a source is expected to fail with, so a test can assert on it: any
 * other error is passed on, and no error at all fails the test.
 */
import {expect} from 'vitest';
import {SourceError} from '../../source/sources/errors.js';

/** The SourceError `run` throws. */
export function failure(run: () => unknown): SourceError {
	try {
		run();
	} catch (error) {
		if (error instanceof SourceError) return error;
		throw error;
	}

	throw new Error('expected a SourceError');
}

/** The message of the SourceError `promise` rejects with. */
export async function problemOf(promise: Promise<unknown>): Promise<string> {
	return promise.then(
		() => expect.fail('expected a SourceError'),
		(error: unknown) => {
			expect(error).toBeInstanceOf(SourceError);
			return (error as SourceError).message;
		},
	);
}
