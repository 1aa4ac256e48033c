/**
 * A container registry's token exchange as https://azure.github.io/acr/AAD-OAuth.html describes
 * it: `POST /oauth2/exchange` (form: grant_type=access_token, service, tenant, access_token)
 * answers `{"refresh_token": ...}`, like ACR only for an unexpired Entra token the sandbox issued
 * (signature checked with the sandbox's keys, fetched as any resource server does), for an
 * audience the registry accepts, from the registry's tenant. Served over https on loopback with
 * its own certificate, trusted through NODE_EXTRA_CA_CERTS like any private CA: the production
 * code path (https only) is what the tests exercise.
 */
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { Sandbox } from '../../src/sandbox/index.js';
import { createLoopbackTls } from '../../src/sandbox/tls.js';
import { sandboxTokenVerifier } from './entra-tokens.js';
import type { TokenVerifier } from './entra-tokens.js';

export const ACR_AUDIENCE = 'https://containerregistry.azure.net';

export interface ExchangeRequest {
  method: string;
  path: string;
  contentType: string;
  form: Record<string, string>;
  /** What the registry made of it: 200, or the refusal's status. */
  status: number;
}

export interface TestRegistry {
  /** The login server name, as docker and the export take it: localhost:<port>. */
  host: string;
  caCertFile: string;
  requests: ExchangeRequest[];
  refreshTokens: string[];
  /** Access token audiences the registry accepts (ACR's; ARM's too unless authentication-as-arm is off). */
  accept: string[];
  verifier: TokenVerifier;
  close(): Promise<void>;
}

export async function startRegistry(sandbox: Sandbox, accept: string[] = [ACR_AUDIENCE]): Promise<TestRegistry> {
  const tls = createLoopbackTls('127.0.0.1');
  const verifier = sandboxTokenVerifier(sandbox);
  const state = { requests: [] as ExchangeRequest[], refreshTokens: [] as string[], accept };
  let host = '';
  const server = createServer({ cert: tls.certPem, key: tls.keyPem }, (req, res) => {
    let body = '';
    req
      .setEncoding('utf8')
      .on('data', (c: string) => {
        body += c;
      })
      .on('end', () => {
        const form = Object.fromEntries(new URLSearchParams(body));
        const record: ExchangeRequest = {
          method: req.method ?? '',
          path: req.url ?? '',
          contentType: req.headers['content-type'] ?? '',
          form,
          status: 0,
        };
        state.requests.push(record);
        const reply = (status: number, json: unknown): void => {
          record.status = status;
          res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(json));
        };
        if (req.method !== 'POST' || req.url !== '/oauth2/exchange')
          return reply(404, { errors: [{ code: 'NOT_FOUND' }] });
        if (
          form['grant_type'] !== 'access_token' ||
          form['service'] !== host ||
          form['tenant'] !== sandbox.tenantId ||
          typeof form['access_token'] !== 'string'
        ) {
          return reply(400, { errors: [{ code: 'UNSUPPORTED', message: 'bad exchange request' }] });
        }
        void verifier.verify(form['access_token'], state.accept).then((check) => {
          if (!check.ok)
            return reply(401, {
              errors: [{ code: 'UNAUTHORIZED', message: `the access token is refused: ${check.reason}` }],
            });
          const now = Math.floor(Date.now() / 1000);
          const part = (o: unknown): string => Buffer.from(JSON.stringify(o)).toString('base64url');
          const refresh = `${part({ alg: 'RS256', typ: 'JWT' })}.${part({ iss: 'Azure Container Registry', aud: host, tenant: form['tenant'], grant_type: 'refresh_token', nbf: now, iat: now, exp: now + 3 * 3600, jti: randomBytes(8).toString('hex') })}.${randomBytes(32).toString('base64url')}`;
          state.refreshTokens.push(refresh);
          return reply(200, { refresh_token: refresh });
        });
      });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  host = `localhost:${(server.address() as AddressInfo).port}`;
  return {
    host,
    caCertFile: tls.caCertFile,
    verifier,
    get requests() {
      return state.requests;
    },
    get refreshTokens() {
      return state.refreshTokens;
    },
    get accept() {
      return state.accept;
    },
    set accept(value: string[]) {
      state.accept = value;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
        tls.dispose();
      }),
  };
}
