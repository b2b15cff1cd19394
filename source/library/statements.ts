/**
 * Statements prepared when first used. A library's modules hold some fifty; preparing them all
 * when it opened was 2 ms of the reader's start, which runs a handful.
 */
export function preparedOnUse<T extends Record<string, unknown>>(makers: {[K in keyof T]: () => T[K]}): T {
	const statements = {} as T;
	for (const name of Object.keys(makers) as Array<keyof T>) {
		Object.defineProperty(statements, name, {
			get(): T[keyof T] {
				const statement = makers[name]();
				Object.defineProperty(statements, name, {value: statement, enumerable: true});
				return statement;
			},
			enumerable: true,
			configurable: true,
		});
	}

	return statements;
}
