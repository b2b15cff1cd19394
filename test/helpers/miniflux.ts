/**
 * A real Miniflux (v2.3.5, built from the Go module proxy through the throwaway module in
 * test/miniflux/) on a real PostgreSQL (Debian's), both on 127.0.0.1 with free ports, for the
 * sync tests. The binary is built once into ~/.cache/akhbar-test/ and reused; PostgreSQL gets a
 * data folder in the run's temporary folder, removed at stop.
 *
 * Where Go or PostgreSQL is missing the tests skip themselves and say why (`minifluxUnavailable`);
 * with CI=true nothing is skipped: a set-up that fails fails the tests.
 */
import {spawn, spawnSync, type ChildProcess} from 'node:child_process';
import {chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, readdirSync, realpathSync, renameSync, rmSync, statSync} from 'node:fs';
import {createServer, type AddressInfo} from 'node:net';
import {homedir, tmpdir} from 'node:os';
import path from 'node:path';
import process from 'node:process';
import {fileURLToPath} from 'node:url';

export const minifluxVersion = 'v2.3.5';
const moduleDir = fileURLToPath(new URL('../miniflux/', import.meta.url));
export const minifluxCacheDir = path.join(process.env['AKHBAR_TEST_CACHE'] ?? path.join(homedir(), '.cache', 'akhbar-test'));
export const minifluxBinary = path.join(minifluxCacheDir, `miniflux-${minifluxVersion}`);

/** A fresh build takes ~40 s on two idle cores; a test's beforeAll gives it this long. */
export const minifluxSetupTimeoutMs = 600_000;

function onPath(command: string): boolean {
	return spawnSync('sh', ['-c', `command -v ${command}`], {stdio: 'ignore'}).status === 0;
}

/**
 * The folder of initdb, postgres, pg_isready and psql: where the initdb on PATH really lives (a
 * symlink in /usr/local/bin may stand alone), else Debian's /usr/lib/postgresql/N/bin (newest).
 */
function postgresBinDir(): string | undefined {
	const fromPath = spawnSync('sh', ['-c', 'command -v initdb'], {encoding: 'utf8'});
	const found = fromPath.status === 0 ? fromPath.stdout.trim() : '';
	if (found && existsSync(found)) {
		const dir = path.dirname(realpathSync(found));
		if (['postgres', 'pg_isready', 'psql'].every(name => existsSync(path.join(dir, name)))) return dir;
	}

	const root = '/usr/lib/postgresql';
	if (!existsSync(root)) return undefined;
	const versions = readdirSync(root).filter(name => /^\d+$/.test(name)).sort((a, b) => Number(b) - Number(a));
	for (const version of versions) {
		const dir = path.join(root, version, 'bin');
		if (existsSync(path.join(dir, 'initdb')) && existsSync(path.join(dir, 'postgres'))) return dir;
	}

	return undefined;
}

/** PostgreSQL refuses to run as root: as root, it runs as the `postgres` user its package made. */
function postgresUser(): {uid: number; gid: number} | undefined {
	if (process.getuid?.() !== 0) return undefined;
	const uid = spawnSync('id', ['-u', 'postgres'], {encoding: 'utf8'});
	const gid = spawnSync('id', ['-g', 'postgres'], {encoding: 'utf8'});
	if (uid.status !== 0 || gid.status !== 0) throw new Error('running as root, and there is no postgres user to run PostgreSQL as');
	return {uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim())};
}

/**
 * Why the real-Miniflux tests cannot run here, or undefined when they can. In CI they always
 * run (undefined), so that a missing tool fails them instead of skipping them.
 */
export function minifluxUnavailable(): string | undefined {
	if (process.env['CI'] === 'true') return undefined;
	if (!existsSync(minifluxBinary) && !onPath('go')) return `Go is not installed and no Miniflux build is cached in ${minifluxCacheDir}`;
	if (!postgresBinDir()) return 'PostgreSQL is not installed (Debian: apt-get install postgresql)';
	if (process.getuid?.() === 0 && spawnSync('id', ['-u', 'postgres'], {stdio: 'ignore'}).status !== 0) return 'running as root without a postgres user';
	return undefined;
}

/**
 * The cached Miniflux binary, built first when it is missing: `go build` in the throwaway
 * module, into a temporary name renamed into place (two test files building at once each
 * leave a whole binary).
 */
export async function ensureMinifluxBinary(): Promise<{path: string; builtMs?: number}> {
	if (existsSync(minifluxBinary)) return {path: minifluxBinary};
	mkdirSync(minifluxCacheDir, {recursive: true});
	const partial = `${minifluxBinary}.${process.pid}.partial`;
	const started = performance.now();
	await run('go', ['build', '-trimpath', '-o', partial, 'miniflux.app/v2'], {cwd: moduleDir, env: {...process.env, GOFLAGS: '-mod=mod -buildvcs=false'}});
	renameSync(partial, minifluxBinary);
	return {path: minifluxBinary, builtMs: performance.now() - started};
}

export type Miniflux = {
	/** `http://127.0.0.1:<port>`: the REST API under /v1, Google Reader under /reader/api/0. */
	url: string;
	admin: {username: string; password: string};
	/** An API key of the admin (X-Auth-Token). */
	apiKey: string;
	/** The Google Reader login enabled in the admin's integration settings. */
	greader: {username: string; password: string};
	/** Milliseconds from nothing to both servers answering (PostgreSQL's initdb included). */
	startupMs: number;
	/** Stops Miniflux alone (PostgreSQL and the data stay), to test a server that is down. */
	stopServer(): Promise<void>;
	/** Starts Miniflux again on the same port. */
	startServer(): Promise<void>;
	/** Runs SQL in Miniflux's database (as the superuser); the rows as psql's unaligned output. */
	sql(query: string): Promise<string>;
	/** Stops both and removes PostgreSQL's data folder. */
	stop(): Promise<void>;
};

/** Starts PostgreSQL and Miniflux; `stop()` must be called (afterAll). */
export async function startMiniflux(): Promise<Miniflux> {
	const started = performance.now();
	const binary = (await ensureMinifluxBinary()).path;
	const bin = postgresBinDir();
	if (!bin) throw new Error('PostgreSQL is not installed (initdb not found on PATH nor under /usr/lib/postgresql)');
	const owner = postgresUser();
	const cleanups: Array<() => Promise<void> | void> = [];
	const cleanup = async () => {
		for (const step of cleanups.reverse()) {
			// eslint-disable-next-line no-await-in-loop -- in order: Miniflux before its database
			await step();
		}
	};

	try {
		// The data folder is PostgreSQL's own: as root it belongs to the postgres user, which
		// must also be able to pass through the run's temporary folder (mode 0700, root's).
		const base = tmpdir();
		if (owner && (statSync(base).mode & 0o001) === 0) chmodSync(base, statSync(base).mode | 0o001);
		const dataRoot = mkdtempSync(path.join(base, 'akhbar-pg-'));
		cleanups.push(() => rmSync(dataRoot, {recursive: true, force: true}));
		const dataDir = path.join(dataRoot, 'data');
		mkdirSync(dataDir, {mode: 0o700});
		if (owner) {
			chownSync(dataRoot, owner.uid, owner.gid);
			chownSync(dataDir, owner.uid, owner.gid);
		}

		const asOwner = owner ? {uid: owner.uid, gid: owner.gid} : {};
		const pgEnv = {PATH: process.env['PATH'] ?? '/usr/bin:/bin', LANG: 'C.UTF-8', LC_ALL: 'C.UTF-8', HOME: dataRoot};
		await run(path.join(bin, 'initdb'), ['-D', dataDir, '-U', 'akhbar', '--auth=trust', '--encoding=UTF8', '--no-sync'], {env: pgEnv, ...asOwner});

		const pgPort = await freePort();
		const postgres = track(spawn(path.join(bin, 'postgres'), [
			'-D', dataDir, '-p', String(pgPort),
			'-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=',
			// A throwaway database: durability costs time and buys nothing here.
			'-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off',
		], {env: pgEnv, stdio: ['ignore', 'ignore', 'pipe'], ...asOwner}));
		const pgLog = collect(postgres);
		cleanups.push(() => stopChild(postgres));
		const psql = path.join(bin, 'psql');
		const sql = async (query: string) => run(psql, ['-h', '127.0.0.1', '-p', String(pgPort), '-U', 'akhbar', '-d', 'postgres', '-X', '-q', '-A', '-t', '-v', 'ON_ERROR_STOP=1', '-c', query], {env: pgEnv});
		await waitFor(async () => {
			if (postgres.exitCode !== null) throw new Error(`PostgreSQL exited: ${pgLog().trim().split('\n').at(-1) ?? ''}`);
			return spawnSync(path.join(bin, 'pg_isready'), ['-h', '127.0.0.1', '-p', String(pgPort)], {stdio: 'ignore'}).status === 0;
		}, 30_000, 'PostgreSQL did not start', pgLog);

		const admin = {username: 'admin', password: 'akhbar-test-admin'};
		const port = await freePort();
		const url = `http://127.0.0.1:${port}`;
		const env: Record<string, string> = {
			PATH: pgEnv.PATH,
			DATABASE_URL: `postgres://akhbar@127.0.0.1:${pgPort}/postgres?sslmode=disable`,
			RUN_MIGRATIONS: '1',
			CREATE_ADMIN: '1',
			ADMIN_USERNAME: admin.username,
			ADMIN_PASSWORD: admin.password,
			LISTEN_ADDR: `127.0.0.1:${port}`,
			BASE_URL: url,
			// The tests' feeds are served on 127.0.0.1, which Miniflux refuses to fetch by default.
			FETCHER_ALLOW_PRIVATE_NETWORKS: '1',
			// Feeds are refreshed when a test asks (PUT /v1/feeds/{id}/refresh), never behind its back.
			DISABLE_SCHEDULER_SERVICE: '1',
			LOG_LEVEL: 'warning',
		};
		let server: ChildProcess | undefined;
		let serverLog = () => '';
		const startServer = async () => {
			const child = track(spawn(binary, [], {env, stdio: ['ignore', 'ignore', 'pipe']}));
			server = child;
			serverLog = collect(child);
			await waitFor(async () => {
				if (child.exitCode !== null) throw new Error(`Miniflux exited: ${serverLog().trim().split('\n').slice(-3).join(' | ')}`);
				const answer = await fetch(`${url}/healthcheck`).catch(() => undefined);
				return answer?.ok === true;
			}, 60_000, 'Miniflux did not answer /healthcheck', () => serverLog());
		};

		const stopServer = async () => {
			if (server) await stopChild(server);
			server = undefined;
		};

		await startServer();
		cleanups.push(stopServer);

		const basic = `Basic ${Buffer.from(`${admin.username}:${admin.password}`).toString('base64')}`;
		const created = await fetch(`${url}/v1/api-keys`, {
			method: 'POST',
			headers: {authorization: basic, 'content-type': 'application/json'},
			body: JSON.stringify({description: 'akhbar tests'}),
		});
		if (created.status !== 201) throw new Error(`creating an API key: HTTP ${created.status} ${await created.text()}`);
		const apiKey = ((await created.json()) as {token: string}).token;

		// The Google Reader endpoint, enabled as the integration settings page would: its
		// password stored as a bcrypt hash (pgcrypto's 'bf' is bcrypt, which Go's library reads).
		const greader = {username: 'reader', password: 'akhbar-test-greader'};
		await sql(`CREATE EXTENSION IF NOT EXISTS pgcrypto; UPDATE integrations SET googlereader_enabled = true, googlereader_username = '${greader.username}', googlereader_password = crypt('${greader.password}', gen_salt('bf', 10)) WHERE user_id = (SELECT id FROM users WHERE username = '${admin.username}')`);
		const enabled = await sql(`SELECT count(*) FROM integrations WHERE googlereader_enabled AND googlereader_username = '${greader.username}'`);
		if (enabled.trim() !== '1') throw new Error(`enabling Google Reader: ${enabled.trim()} rows`);

		return {
			url,
			admin,
			apiKey,
			greader,
			startupMs: performance.now() - started,
			stopServer,
			startServer,
			sql,
			stop: cleanup,
		};
	} catch (error) {
		await cleanup();
		throw error;
	}
}

async function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const server = createServer();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const {port} = server.address() as AddressInfo;
			server.close(() => resolve(port));
		});
	});
}

/** Stderr kept for error messages (the last 16 KB). */
function collect(child: ChildProcess): () => string {
	let text = '';
	child.stderr?.setEncoding('utf8');
	child.stderr?.on('data', (chunk: string) => {
		text = (text + chunk).slice(-16_384);
	});
	return () => text;
}

/**
 * Servers still running when the test process ends (a crash, a killed run) are killed with it:
 * a PostgreSQL left behind would hold its port and its data folder.
 */
const running = new Set<ChildProcess>();
process.once('exit', () => {
	for (const child of running) child.kill('SIGKILL');
});

function track(child: ChildProcess): ChildProcess {
	running.add(child);
	child.once('exit', () => running.delete(child));
	return child;
}

async function stopChild(child: ChildProcess): Promise<void> {
	if (child.exitCode !== null || child.signalCode !== null) return;
	const exited = new Promise<void>(resolve => child.once('exit', () => resolve()));
	child.kill('SIGTERM');
	const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
	await exited;
	clearTimeout(timer);
}

async function waitFor(ready: () => Promise<boolean>, timeoutMs: number, what: string, log: () => string): Promise<void> {
	const deadline = performance.now() + timeoutMs;
	for (;;) {
		// eslint-disable-next-line no-await-in-loop -- polling
		if (await ready()) return;
		if (performance.now() > deadline) throw new Error(`${what} within ${timeoutMs / 1000} s: ${log().trim().split('\n').slice(-3).join(' | ')}`);
		// eslint-disable-next-line no-await-in-loop -- polling
		await new Promise(resolve => setTimeout(resolve, 50));
	}
}

type RunOptions = {cwd?: string; env?: NodeJS.ProcessEnv; uid?: number; gid?: number};

/** Runs a command to its end; its stdout, or an error with the end of its stderr. */
async function run(command: string, args: string[], options: RunOptions = {}): Promise<string> {
	return new Promise((resolve, reject) => {
		const child = spawn(command, args, {...options, stdio: ['ignore', 'pipe', 'pipe']});
		let stdout = '';
		let stderr = '';
		child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
			stdout += chunk;
		});
		child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
			stderr = (stderr + chunk).slice(-8192);
		});
		child.once('error', reject);
		child.once('close', code => {
			if (code === 0) resolve(stdout);
			else reject(new Error(`${path.basename(command)} ${args[0] ?? ''} exited ${code}: ${stderr.trim().split('\n').slice(-5).join(' | ')}`));
		});
	});
}
