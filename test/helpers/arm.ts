/**
 * Azure Resource Manager as the Azure CLI sees it at login: `GET /subscriptions` with a bearer
 * token for the cloud's management resource. The CLI talks to https://management.azure.com
 * itself (no variable moves it), so the stand-in is that name: an HTTPS server whose
 * certificate names management.azure.com, reached through a CONNECT proxy that sends that one
 * name to it and refuses every other (HTTPS_PROXY for az, NO_PROXY for loopback, the
 * certificate trusted through REQUESTS_CA_BUNDLE).
 */
import { createServer as createHttpServer } from 'node:http';
import type { IncomingMessage } from 'node:http';
import { createServer } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import { connect } from 'node:net';
import { createLoopbackTls } from '../../src/sandbox/tls.js';
import type { Sandbox } from '../../src/sandbox/index.js';
import { credentialOf, sandboxTokenVerifier } from './entra-tokens.js';
import type { TokenVerifier } from './entra-tokens.js';

export const ARM_HOST = 'management.azure.com';
/** The resources az asks ARM tokens for (its cloud's active_directory_resource_id, and ARM's own). */
const ARM_AUDIENCES = ['https://management.core.windows.net/', 'https://management.azure.com/'];

export interface ArmStandIn {
  /** The environment az needs to reach it. */
  env: Record<string, string>;
  subscriptionId: string;
  verifier: TokenVerifier;
  /** CONNECT targets the proxy refused (anything but management.azure.com:443). */
  refused: string[];
  close(): Promise<void>;
}

export async function startArm(sandbox: Sandbox, subscriptionId: string): Promise<ArmStandIn> {
  const tls = createLoopbackTls('127.0.0.1', [ARM_HOST]);
  const verifier = sandboxTokenVerifier(sandbox);
  const arm = createServer({ cert: tls.certPem, key: tls.keyPem }, (req, res) => {
    const reply = (status: number, body: unknown): void => {
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    };
    const token = credentialOf(req.headers.authorization);
    void (
      token === undefined
        ? Promise.resolve({ ok: false as const, reason: 'no token' })
        : verifier.verify(token, ARM_AUDIENCES)
    ).then((check) => {
      if (!check.ok)
        return reply(401, { error: { code: 'InvalidAuthenticationToken', message: `Refused: ${check.reason}` } });
      const url = new URL(req.url ?? '/', `https://${ARM_HOST}`);
      if (req.method === 'GET' && url.pathname === '/subscriptions')
        return reply(200, {
          value: [
            {
              id: `/subscriptions/${subscriptionId}`,
              subscriptionId,
              tenantId: sandbox.tenantId,
              displayName: 'entra-federate sandbox',
              state: 'Enabled',
              subscriptionPolicies: {
                locationPlacementId: 'Public_2014-09-01',
                quotaId: 'Sandbox',
                spendingLimit: 'Off',
              },
              authorizationSource: 'RoleBased',
            },
          ],
        });
      if (req.method === 'GET' && url.pathname === '/tenants')
        return reply(200, { value: [{ id: `/tenants/${sandbox.tenantId}`, tenantId: sandbox.tenantId }] });
      return reply(404, { error: { code: 'NotFound', message: `${req.method} ${url.pathname}` } });
    });
  });
  await new Promise<void>((resolve) => arm.listen(0, '127.0.0.1', resolve));
  const armPort = (arm.address() as AddressInfo).port;
  const refused: string[] = [];
  const proxy = createHttpServer((_req, res) => res.writeHead(405).end());
  proxy.on('connect', (req: IncomingMessage, client: Socket, head: Buffer) => {
    if (req.url !== `${ARM_HOST}:443`) {
      refused.push(req.url ?? '');
      client.end('HTTP/1.1 403 Forbidden\r\n\r\n');
      return;
    }
    const upstream = connect(armPort, '127.0.0.1', () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  const proxyUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
  return {
    env: {
      HTTPS_PROXY: proxyUrl,
      https_proxy: proxyUrl,
      NO_PROXY: '127.0.0.1,localhost',
      no_proxy: '127.0.0.1,localhost',
      REQUESTS_CA_BUNDLE: tls.caCertFile,
    },
    subscriptionId,
    verifier,
    refused,
    close: async () => {
      proxy.closeAllConnections();
      arm.closeAllConnections();
      await Promise.all([
        new Promise<void>((resolve) => proxy.close(() => resolve())),
        new Promise<void>((resolve) => arm.close(() => resolve())),
      ]);
      tls.dispose();
    },
  };
}
