/**
 * HTTPS_PROXY / HTTP_PROXY / NO_PROXY with a real CONNECT proxy started here. The sandbox is
 * reached under the name sandbox.test, which only the proxy resolves (to loopback): a request
 * that bypasses the proxy cannot reach it, so success proves the traffic went through.
 */
import { createServer, request as httpRequest } from 'node:http';
import type { IncomingMessage, Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { connect } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { createNodeHttpClient } from '../../src/core/http.js';
import { bypassesProxy, proxyConfigFrom } from '../../src/core/proxy.js';
import { startSandbox } from '../../src/sandbox/index.js';
import type { Sandbox } from '../../src/sandbox/index.js';
import { runCli } from './run.js';

interface Seen {
  method: string;
  target: string;
  auth?: string;
}

let sandbox: Sandbox;
let plainSandbox: Sandbox;
let proxy: Server;
let proxyUrl: string;
const seen: Seen[] = [];
let requireAuth: string | undefined;
/** Tunnelled sockets leave the server's bookkeeping; they are closed by hand at the end. */
const tunnels = new Set<Socket>();

function resolveName(host: string): string {
  return host === 'sandbox.test' ? '127.0.0.1' : host;
}

beforeAll(async () => {
  sandbox = await startSandbox({ https: true, tlsNames: ['sandbox.test'] });
  plainSandbox = await startSandbox();
  proxy = createServer((req: IncomingMessage, res) => {
    // Absolute-form requests for plain http targets.
    seen.push({
      method: req.method ?? '',
      target: req.url ?? '',
      ...(req.headers['proxy-authorization'] ? { auth: req.headers['proxy-authorization'] } : {}),
    });
    const url = new URL(req.url ?? '');
    const upstream = httpRequest(
      {
        host: resolveName(url.hostname),
        port: url.port,
        path: `${url.pathname}${url.search}`,
        method: req.method,
        headers: { ...req.headers, host: url.host },
      },
      (up) => {
        res.writeHead(up.statusCode ?? 502, up.headers);
        up.pipe(res);
      },
    );
    req.pipe(upstream);
  });
  proxy.on('connect', (req: IncomingMessage, client: Socket, head: Buffer) => {
    const auth = req.headers['proxy-authorization'];
    seen.push({ method: 'CONNECT', target: req.url ?? '', ...(auth ? { auth } : {}) });
    if (requireAuth !== undefined && auth !== requireAuth) {
      client.end('HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm="test"\r\n\r\n');
      return;
    }
    const [host = '', port = '443'] = (req.url ?? '').split(':');
    tunnels.add(client);
    const upstream = connect(Number(port), resolveName(host), () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    tunnels.add(upstream);
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  proxyUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
});

afterAll(async () => {
  for (const socket of tunnels) socket.destroy();
  proxy.closeAllConnections();
  await new Promise((resolve) => proxy.close(resolve));
  await sandbox.close();
  await plainSandbox.close();
});

beforeEach(() => {
  seen.length = 0;
  requireAuth = undefined;
});

function env(extra: Record<string, string>): Record<string, string> {
  const port = new URL(sandbox.origin).port;
  return {
    AZURE_CLIENT_ID: sandbox.clientId,
    AZURE_TENANT_ID: sandbox.tenantId,
    AZURE_AUTHORITY_HOST: `https://sandbox.test:${port}`,
    GITHUB_ACTIONS: 'true',
    ACTIONS_ID_TOKEN_REQUEST_URL: `https://sandbox.test:${port}/ci/idtoken?api-version=2.0`,
    ACTIONS_ID_TOKEN_REQUEST_TOKEN: sandbox.idTokenRequestToken,
    NODE_EXTRA_CA_CERTS: sandbox.caCertFile ?? '',
    ...extra,
  };
}

describe('the CLI through a proxy', () => {
  test('HTTPS_PROXY tunnels the ID-token request and the exchange through CONNECT', async () => {
    const before = sandbox.requests.length;
    const result = await runCli(['token', '--timeout', '10'], env({ HTTPS_PROXY: proxyUrl }));
    expect(result.stderr).toBe(`::add-mask::${result.stdout}`);
    expect(result.code).toBe(0);
    const port = new URL(sandbox.origin).port;
    expect(seen).toEqual([
      { method: 'CONNECT', target: `sandbox.test:${port}` },
      { method: 'CONNECT', target: `sandbox.test:${port}` },
    ]);
    expect(sandbox.requests.slice(before).map((r) => r.target)).toEqual(['idtoken', 'token']);
  });

  test('lower-case https_proxy is honoured the same way', async () => {
    const result = await runCli(['token', '--timeout', '10'], env({ https_proxy: proxyUrl }));
    expect(result.code).toBe(0);
    expect(seen.filter((s) => s.method === 'CONNECT')).toHaveLength(2);
  });

  test('NO_PROXY bypasses the proxy (and then the name does not resolve)', async () => {
    const result = await runCli(
      ['token', '--timeout', '10'],
      env({ HTTPS_PROXY: proxyUrl, NO_PROXY: 'example.com,.sandbox.test' }),
    );
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('Could not resolve the host');
    expect(seen).toEqual([]);
  });

  test('proxy credentials are sent, and never printed when refused', async () => {
    requireAuth = `Basic ${Buffer.from('ci-user:s3cret-proxy-pw').toString('base64')}`;
    const withAuth = proxyUrl.replace('http://', 'http://ci-user:s3cret-proxy-pw@');
    const ok = await runCli(['token', '--timeout', '10'], env({ HTTPS_PROXY: withAuth }));
    expect(ok.code).toBe(0);
    expect(seen.every((s) => s.auth === requireAuth)).toBe(true);

    seen.length = 0;
    const refused = await runCli(
      ['token', '--timeout', '10'],
      env({ HTTPS_PROXY: proxyUrl.replace('http://', 'http://ci-user:wrong-pw@') }),
    );
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('HTTP 407');
    expect(refused.stderr).not.toContain('wrong-pw');
    expect(seen).toHaveLength(1); // a refusal is final, not retried
  });

  test('an unreachable proxy is a clear error within the deadline', async () => {
    const result = await runCli(['token', '--timeout', '5'], env({ HTTPS_PROXY: 'http://127.0.0.1:1' }));
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('cannot reach the proxy 127.0.0.1:1');
  });

  test('a proxy URL that is not http is refused before any request', async () => {
    const result = await runCli(['token'], env({ HTTPS_PROXY: 'socks5://127.0.0.1:1080' }));
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('only http:// proxies');
  });
});

test('plain http targets go to the proxy in absolute form', async () => {
  const port = new URL(plainSandbox.origin).port;
  const http = createNodeHttpClient({ proxy: proxyConfigFrom({ HTTP_PROXY: proxyUrl }) });
  const res = await http.send(
    { method: 'GET', url: `http://sandbox.test:${port}/ci/.well-known/openid-configuration` },
    { timeoutMs: 5000 },
  );
  expect(res.status).toBe(200);
  expect(seen).toEqual([{ method: 'GET', target: `http://sandbox.test:${port}/ci/.well-known/openid-configuration` }]);
});

test('NO_PROXY matching', () => {
  const u = (s: string): URL => new URL(s);
  expect(bypassesProxy(u('https://127.0.0.1:8443/x'), [])).toBe(true);
  expect(bypassesProxy(u('https://localhost/x'), [])).toBe(true);
  expect(bypassesProxy(u('https://[::1]/x'), [])).toBe(true);
  expect(bypassesProxy(u('https://login.microsoftonline.com/x'), [])).toBe(false);
  expect(bypassesProxy(u('https://login.microsoftonline.com/x'), ['*'])).toBe(true);
  expect(bypassesProxy(u('https://login.microsoftonline.com/x'), ['microsoftonline.com'])).toBe(true);
  expect(bypassesProxy(u('https://login.microsoftonline.com/x'), ['.microsoftonline.com'])).toBe(true);
  expect(bypassesProxy(u('https://notmicrosoftonline.com/x'), ['microsoftonline.com'])).toBe(false);
  expect(bypassesProxy(u('https://vault.example:8443/x'), ['vault.example:443'])).toBe(false);
  expect(bypassesProxy(u('https://vault.example/x'), ['vault.example:443'])).toBe(true);
});
