/**
 * The identity endpoint's HTTP server: 127.0.0.1 only, one path, the App Service protocol.
 * Each authenticated request is served from the token cache or a fresh exchange; failures are
 * answered in the protocol's error shape with what to change (never a token), 503 for what may
 * pass (the network, a busy Entra) so clients retry, 400 for what will not.
 */
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { FederationError } from '../../core/errors.js';
import { normalizeScopes } from '../../core/options.js';
import { TokenCache } from './cache.js';
import type { CachedToken } from './cache.js';
import { errorBody, parseTokenRequest, tokenBody } from './protocol.js';

/** Listening anywhere else would hand tokens to the network. */
export const LOOPBACK = '127.0.0.1';

export interface IdentityServerOptions {
  clientId: string;
  secret: string;
  /** One exchange for a scope (resource/.default). */
  exchange(scope: string): Promise<CachedToken>;
  /** Called for every request that carried the secret: the idle timer's reset. */
  onActivity(): void;
}

export interface IdentityServer {
  server: Server;
  port: number;
  close(): Promise<void>;
}

const TRANSIENT = new Set(['NETWORK_ERROR', 'TIMEOUT', 'HOST_NOT_FOUND']);

function failure(err: unknown): { status: number; error: string; description: string } {
  if (err instanceof FederationError) {
    const transient = TRANSIENT.has(err.code) || (err.status !== undefined && err.status >= 500);
    return {
      status: transient ? 503 : 400,
      error: err.code,
      description: `entra-federate identity endpoint: ${err.message} ${err.remedy}`,
    };
  }
  const message = err instanceof Error ? err.message : String(err);
  return {
    status: 500,
    error: 'internal_error',
    description: `entra-federate identity endpoint: unexpected error: ${message}. This is a bug; please report it.`,
  };
}

export async function startIdentityServer(opts: IdentityServerOptions): Promise<IdentityServer> {
  const cache = new TokenCache((scope) => opts.exchange(scope));
  const server = createServer((req, res) => {
    const send = (status: number, body: string): void => {
      res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
      res.end(body);
    };
    const parsed = parseTokenRequest(req.method, req.url, req.headers, opts.secret, opts.clientId);
    if (!parsed.ok) {
      send(parsed.status, errorBody(parsed.error, parsed.description));
      return;
    }
    opts.onActivity();
    let scope: string;
    try {
      const spec = normalizeScopes([parsed.resource]);
      scope = spec[0]?.scope ?? '';
    } catch (err) {
      const f = failure(err);
      send(f.status, errorBody(f.error, f.description));
      return;
    }
    cache.get(scope).then(
      (token) => send(200, tokenBody(token, parsed.resource, opts.clientId)),
      (err: unknown) => {
        const f = failure(err);
        send(f.status, errorBody(f.error, f.description));
      },
    );
  });
  // Slow or idle clients must not pin sockets for the whole job.
  server.requestTimeout = 120_000;
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, LOOPBACK, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    server,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
