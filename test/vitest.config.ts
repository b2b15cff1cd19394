import {fileURLToPath} from 'node:url';
import {defineConfig} from 'vitest/config';

export default defineConfig({
	root: fileURLToPath(new URL('..', import.meta.url)),
	test: {
		include: ['test/**/*.test.{ts,tsx}'],
		// A temporary folder for the run, checked empty and removed at the end.
		globalSetup: ['test/temporary-folder.ts'],
		testTimeout: 30_000,
		hookTimeout: 60_000,
		// Two shared cores: more workers only make every timing-sensitive pty test slower.
		maxWorkers: 2,
	},
});
