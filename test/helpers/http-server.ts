/**
 * Real HTTP servers on 127.0.0.1 for tests: a site whose paths are handlers, and a forwarding
 * proxy that records what passed through it. Both listen on an ephemeral port.
 */
import {createServer, request as httpRequest, type IncomingHttpHeaders, type IncomingMessage, type Server, type ServerResponse} from 'node:http';
import {createServer as createHttpsServer} from 'node:https';
import {connect, type AddressInfo, type Socket} from 'node:net';

/**
 * A self-signed certificate for 127.0.0.1 (valid until 2126), for tests only: a client that does
 * not trust it sees DEPTH_ZERO_SELF_SIGNED_CERT; one given `cert` as its CA connects.
 */
export const testTls = {
	key: `-----BEGIN PRIVATE KEY-----
MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQg7462hCJ2kRa+IGA8
XoGuPBZiAvFT0SJ4Y123f7EY8zahRANCAASmA2BDghmALgfzbfNaco+pEcrLjwjQ
3163euWTQ3oOzABaCT1SbCqfRnINzwCuof32ISgt0WWCwku9/tvuc6je
-----END PRIVATE KEY-----
`,
	cert: `-----BEGIN CERTIFICATE-----
MIIBkDCCATagAwIBAgIUYpgLvn8IXFGFb2lFTpt8j+TgwnowCgYIKoZIzj0EAwIw
FDESMBAGA1UEAwwJMTI3LjAuMC4xMCAXDTI2MTEyOTAyMDIzOFoYDzIxMjYxMTA1
MDIwMjM4WjAUMRIwEAYDVQQDDAkxMjcuMC4wLjEwWTATBgcqhkjOPQIBBggqhkjO
PQMBBwNCAASmA2BDghmALgfzbfNaco+pEcrLjwjQ3163euWTQ3oOzABaCT1SbCqf
RnINzwCuof32ISgt0WWCwku9/tvuc6jeo2QwYjAdBgNVHQ4EFgQUkVv9cgpnBvaQ
IALZ/M47DHFoVzowHwYDVR0jBBgwFoAUkVv9cgpnBvaQIALZ/M47DHFoVzowDwYD
VR0TAQH/BAUwAwEB/zAPBgNVHREECDAGhwR/AAABMAoGCCqGSM49BAMCA0gAMEUC
IQCSwh6wXL0o038L5fbaFAMcSLG5GRdb2bgO83tQTVbX2AIgVB8c4lrGK7ynByu7
uu5g+G5We36BCsqLN6Pz5wCEbVk=
-----END CERTIFICATE-----
`,
};

export type Handler = (request: IncomingMessage, response: ServerResponse) => void | Promise<void>;

export type RecordedRequest = {method: string; path: string; headers: IncomingHttpHeaders};

export type TestServer = {
	/** `http://127.0.0.1:<port>` */
	origin: string;
	url(path: string): string;
	/** Every request, in order of arrival. */
	requests: RecordedRequest[];
	/** Adds or replaces the handler of a path (the path without its query). */
	route(path: string, handler: Handler): void;
	close(): Promise<void>;
};

/** Serves `routes` over HTTP, or over HTTPS with `testTls` when `tls` is set. */
export async function startServer(routes: Record<string, Handler> = {}, {tls = false} = {}): Promise<TestServer> {
	const handlers = new Map(Object.entries(routes));
	const requests: RecordedRequest[] = [];
	const listener = (request: IncomingMessage, response: ServerResponse) => {
		const path = request.url ?? '/';
		requests.push({method: request.method ?? 'GET', path, headers: request.headers});
		const handler = handlers.get(path.split('?')[0]!);
		if (!handler) {
			response.writeHead(404, {'content-type': 'text/plain'}).end('not here');
			return;
		}

		Promise.resolve(handler(request, response)).catch((error: unknown) => {
			response.destroy(error instanceof Error ? error : new Error(String(error)));
		});
	};

	const server = tls ? createHttpsServer(testTls, listener) : createServer(listener);
	const origin = (await listen(server)).replace(/^http:/, tls ? 'https:' : 'http:');
	return {
		origin,
		url: path => origin + path,
		requests,
		route(path, handler) {
			handlers.set(path, handler);
		},
		close: () => closeServer(server),
	};
}

export type ProxyRecord = {method: string; target: string};

export type TestProxy = {
	/** `http://127.0.0.1:<port>`, for HTTP_PROXY. */
	origin: string;
	/** What the proxy was asked for: `GET http://host/path`, or `CONNECT host:port` for a tunnel. */
	requests: ProxyRecord[];
	close(): Promise<void>;
};

/** A forwarding proxy: absolute-form requests are relayed, CONNECT opens a tunnel. */
export async function startProxy(): Promise<TestProxy> {
	const requests: ProxyRecord[] = [];
	const tunnels = new Set<Socket>();
	const server = createServer((request, response) => {
		const target = request.url ?? '';
		requests.push({method: request.method ?? 'GET', target});
		const upstream = httpRequest(target, {method: request.method, headers: request.headers}, upstreamResponse => {
			response.writeHead(upstreamResponse.statusCode ?? 502, upstreamResponse.headers);
			upstreamResponse.pipe(response);
		});
		upstream.on('error', () => response.destroy());
		request.pipe(upstream);
	});

	server.on('connect', (request: IncomingMessage, client: Socket, head: Buffer) => {
		const target = request.url ?? '';
		requests.push({method: 'CONNECT', target});
		const [host, port] = splitHostPort(target);
		const upstream = connect(port, host, () => {
			client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
			upstream.write(head);
			upstream.pipe(client);
			client.pipe(upstream);
		});
		for (const socket of [client, upstream]) {
			tunnels.add(socket);
			socket.on('close', () => tunnels.delete(socket));
			socket.on('error', () => {
				client.destroy();
				upstream.destroy();
			});
		}
	});

	const origin = await listen(server);
	return {
		origin,
		requests,
		async close() {
			for (const socket of tunnels) socket.destroy();
			await closeServer(server);
		},
	};
}

function splitHostPort(target: string): [string, number] {
	const colon = target.lastIndexOf(':');
	return [target.slice(0, colon).replace(/^\[|\]$/g, ''), Number(target.slice(colon + 1))];
}

async function listen(server: Server): Promise<string> {
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => resolve());
	});
	const {port} = server.address() as AddressInfo;
	return `http://127.0.0.1:${port}`;
}

async function closeServer(server: Server): Promise<void> {
	// Keep-alive and deliberately slow responses would otherwise hold close() open.
	server.closeAllConnections();
	await new Promise<void>(resolve => {
		server.close(() => resolve());
	});
}
