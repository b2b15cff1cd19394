/**
 * `akhbar sync` and `akhbar refresh` as a user runs them (the built CLI, test/fixtures/hostile/
 * run-cli.ts) against a real Miniflux v2.3.5 (test/helpers/miniflux.ts): connect with a wrong
 * key and a right one, the secret file's mode, sync, status, refresh syncing too, a server that
 * is down, disconnect; and the secret in no output and no file of the home but its own.
 */
import {chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {minifluxClient} from '../../source/sync/miniflux.js';
import {runCli, tempHome, type CliResult} from '../fixtures/hostile/run-cli.js';
import {startServer, type TestServer} from '../helpers/http-server.js';
import {minifluxSetupTimeoutMs, minifluxUnavailable, startMiniflux, type Miniflux} from '../helpers/miniflux.js';

const unavailable = minifluxUnavailable();
if (unavailable) console.warn(`skipped: the real-Miniflux sync CLI tests: ${unavailable}`);

function feed(origin: string, count: number): string {
	const items = Array.from({length: count}, (_, index) => `<item><title>خبر ${index + 1}</title><link>${origin}/a/${index + 1}</link><pubDate>${new Date(Date.UTC(2026, 10, 28, 0, index)).toUTCString()}</pubDate><description>نص الخبر ${index + 1}</description></item>`);
	return `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>مصدر الخادم</title><link>${origin}/</link>${items.join('')}</channel></rss>`;
}

/** Every file under `folder` whose bytes hold `needle`. */
function filesHolding(folder: string, needle: string): string[] {
	const found: string[] = [];
	for (const entry of readdirSync(folder, {withFileTypes: true, recursive: true})) {
		if (!entry.isFile()) continue;
		const file = path.join(entry.parentPath, entry.name);
		if (readFileSync(file).includes(needle)) found.push(file);
	}

	return found;
}

describe.skipIf(unavailable !== undefined)('akhbar sync against a real Miniflux', () => {
	let miniflux: Miniflux;
	let feeds: TestServer;
	let keys: string;
	let home: string;
	const outputs: CliResult[] = [];
	const cli = async (args: string[], env: Record<string, string | undefined> = {}) => {
		const result = await runCli(args, {home, env, timeoutMs: 60_000});
		outputs.push(result);
		return result;
	};

	const secretFile = () => path.join(home, 'config', 'akhbar', 'sync-secret');

	beforeAll(async () => {
		feeds = await startServer({
			'/feed.xml': (_request, response) => {
				response.writeHead(200, {'content-type': 'application/rss+xml; charset=utf-8'}).end(feed(feeds.origin, 5));
			},
			'/second.xml': (_request, response) => {
				response.writeHead(200, {'content-type': 'application/rss+xml; charset=utf-8'}).end(feed(`${feeds.origin}/second`, 2).replace('مصدر الخادم', 'المصدر الثاني'));
			},
			'/local.xml': (_request, response) => {
				response.writeHead(200, {'content-type': 'application/rss+xml; charset=utf-8'}).end(feed(`${feeds.origin}/local`, 1).replace('مصدر الخادم', 'مصدر محلي'));
			},
		});
		miniflux = await startMiniflux();
		await minifluxClient(miniflux.url, miniflux.apiKey).subscribe(feeds.url('/feed.xml'));
		keys = mkdtempSync(path.join(tmpdir(), 'akhbar-keys-'));
		writeFileSync(path.join(keys, 'good'), `${miniflux.apiKey}\n`, {mode: 0o600});
		writeFileSync(path.join(keys, 'bad'), 'not-the-key\n', {mode: 0o600});
		home = tempHome('akhbar-sync-cli-');
	}, minifluxSetupTimeoutMs);

	afterAll(async () => {
		await miniflux?.stop();
		await feeds?.close();
		if (keys) rmSync(keys, {recursive: true, force: true});
	});

	it('a wrong key: one line, exit 1, nothing saved', async () => {
		const result = await cli(['sync', 'connect', 'miniflux', miniflux.url, '--token-file', path.join(keys, 'bad')]);
		expect(result.code).toBe(1);
		expect(result.stderr).toMatch(/^akhbar: cannot connect: Miniflux 127\.0\.0\.1:\d+: HTTP 401 Unauthorized: the API key was refused\n$/);
		expect(result.stdout.toString()).toBe('');
		expect(() => statSync(secretFile())).toThrow();
		const status = await cli(['sync', 'status']);
		expect(status.stdout.toString()).toMatch(/^not connected/);
	});

	it('connects with a right key (kept in sync-secret, mode 0600), syncs, and says so in status', async () => {
		const connected = await cli(['sync', 'connect', 'miniflux', miniflux.url, '--token-file', path.join(keys, 'good')]);
		expect(connected.stderr).toBe('');
		expect(connected.code).toBe(0);
		expect(connected.stdout.toString()).toContain('connected to Miniflux 127.0.0.1:');
		// eslint-disable-next-line no-bitwise -- permission bits
		expect(statSync(secretFile()).mode & 0o777).toBe(0o600);

		const synced = await cli(['sync']);
		expect(synced.stderr).toBe('');
		expect(synced.code).toBe(0);
		expect(synced.stdout.toString()).toMatch(/^synced with Miniflux 127\.0\.0\.1:\d+: 5 new items, 1 source\n$/);
		const status = await cli(['sync', 'status']);
		expect(status.stdout.toString()).toMatch(/account: Miniflux 127\.0\.0\.1:\d+ .*\nlast sync: 20\d\d-.*\npending changes: 0\nsources from the server: 1\nsecret: .*sync-secret\n$/);
		const found = await cli(['search', 'الخبر', '--logical']);
		expect(found.code).toBe(0);
		expect(found.stdout.toString()).toContain('خبر 5');
	});

	it('refuses a secret file others can read', async () => {
		chmodSync(secretFile(), 0o644);
		try {
			const result = await cli(['sync']);
			expect(result.code).toBe(1);
			expect(result.stderr).toMatch(/^akhbar: .*sync-secret can be read by other users; refused \(chmod 600 .*\)\n$/);
		} finally {
			chmodSync(secretFile(), 0o600);
		}
	});

	it('refresh syncs too; with the server down it says so in one line and keeps the rest', async () => {
		const refreshed = await cli(['refresh']);
		expect(refreshed.code).toBe(0);
		expect(refreshed.stdout.toString()).toMatch(/^refreshed 1 source in [\d.]+ s: /);
		await miniflux.stopServer();
		try {
			const down = await cli(['refresh']);
			expect(down.code).toBe(1);
			expect(down.stderr).toMatch(/^akhbar: Miniflux 127\.0\.0\.1:\d+ \(sync:miniflux@127\.0\.0\.1:\d+\): [^\n]+\n$/);
			const status = await cli(['sync', 'status']);
			expect(status.stdout.toString()).toMatch(/\nlast failure: Miniflux 127\.0\.0\.1:\d+: .+\n$/);
		} finally {
			await miniflux.startServer();
		}
	});

	it('while connected, sources add subscribes on the server (--local keeps it here), list marks which is which, remove unsubscribes', async () => {
		const device = minifluxClient(miniflux.url, miniflux.apiKey);
		const added = await cli(['sources', 'add', feeds.url('/second.xml')]);
		expect(added.stderr).toBe('');
		expect(added.code).toBe(0);
		expect((await device.feeds()).map(found => found.feedUrl).sort()).toEqual([feeds.url('/feed.xml'), feeds.url('/second.xml')].sort());
		const local = await cli(['sources', 'add', feeds.url('/local.xml'), '--local']);
		expect(local.code).toBe(0);
		expect((await device.feeds())).toHaveLength(2);

		const listed = await cli(['sources', 'list']);
		expect(listed.code).toBe(0);
		const text = listed.stdout.toString();
		expect(text).toContain(feeds.url('/local.xml'));
		expect(text).toMatch(/from the server \(miniflux http:\/\/127\.0\.0\.1:\d+\/; add --local/);
		expect(text.split('from the server')[0]).not.toContain(feeds.url('/second.xml'));

		const removed = await cli(['sources', 'remove', feeds.url('/second.xml')]);
		expect(removed.stderr).toBe('');
		expect(removed.code).toBe(0);
		expect((await device.feeds()).map(found => found.feedUrl)).toEqual([feeds.url('/feed.xml')]);
		expect((await cli(['sources', 'remove', feeds.url('/local.xml')])).code).toBe(0);
		expect((await device.feeds())).toHaveLength(1);
	});

	it('on a Google Reader account, sources add --tag puts the subscription in that folder', async () => {
		const readerHome = tempHome('akhbar-sync-greader-');
		const password = path.join(keys, 'greader-password');
		writeFileSync(password, `${miniflux.greader.password}\n`, {mode: 0o600});
		const connected = await runCli(['sync', 'connect', 'greader', miniflux.url, '--user', miniflux.greader.username, '--password-file', password], {home: readerHome, timeoutMs: 60_000});
		expect(connected.stderr).toBe('');
		expect(connected.code).toBe(0);
		const added = await runCli(['sources', 'add', feeds.url('/local.xml'), '--tag', 'مختارات'], {home: readerHome, timeoutMs: 60_000});
		expect(added.stderr).toBe('');
		expect(added.code).toBe(0);
		const device = minifluxClient(miniflux.url, miniflux.apiKey);
		const subscribed = (await device.feeds()).find(found => found.feedUrl === feeds.url('/local.xml'));
		expect(subscribed?.category?.title).toBe('مختارات');
		await device.unsubscribe(subscribed!.id);
	});

	it('the key from the environment alone is kept nowhere; disconnect forgets the account and the file', async () => {
		const connected = await cli(['sync', 'connect', 'miniflux', miniflux.url], {AKHBAR_MINIFLUX_TOKEN: miniflux.apiKey});
		expect(connected.code).toBe(0);
		expect(() => statSync(secretFile())).toThrow();
		const withoutKey = await cli(['sync']);
		expect(withoutKey.code).toBe(1);
		expect(withoutKey.stderr).toMatch(/^akhbar: no secret for the account: .*sync-secret is missing and AKHBAR_MINIFLUX_TOKEN is not set/);
		const synced = await cli(['sync'], {AKHBAR_MINIFLUX_TOKEN: miniflux.apiKey});
		expect(synced.code).toBe(0);

		// Again from the file, then disconnect.
		expect((await cli(['sync', 'connect', 'miniflux', miniflux.url, '--token-file', path.join(keys, 'good')])).code).toBe(0);
		const disconnected = await cli(['sync', 'disconnect']);
		expect(disconnected.code).toBe(0);
		expect(disconnected.stdout.toString()).toMatch(/^disconnected from Miniflux/);
		expect(() => statSync(secretFile())).toThrow();
		expect((await cli(['sync', 'status'])).stdout.toString()).toMatch(/^not connected/);
		// What the library holds of the server's source stays readable.
		expect((await cli(['search', 'الخبر', '--logical'])).stdout.toString()).toContain('خبر 5');
	});

	it('the secret appears in no output and in no file of the home but its own', async () => {
		expect((await cli(['sync', 'connect', 'miniflux', miniflux.url, '--token-file', path.join(keys, 'good')])).code).toBe(0);
		expect((await cli(['sync'])).code).toBe(0);
		for (const result of outputs) {
			expect(result.stdout.includes(miniflux.apiKey)).toBe(false);
			expect(result.stderr.includes(miniflux.apiKey)).toBe(false);
		}

		expect(filesHolding(home, miniflux.apiKey)).toEqual([secretFile()]);
	});
});
