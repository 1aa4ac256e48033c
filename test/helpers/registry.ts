/**
 * A container registry's token exchange as https://github.com/Azure/acr/blob/main/docs/AAD-OAuth.md describes it:
 * `POST /oauth2/exchange` (form: grant_type=access_token, service, tenant, access_token) answers
 * `{"refresh_token": ...}`. Served over https on loopback with its own certificate, trusted
 * through NODE_EXTRA_CA_CERTS like any private CA: the production code path (https only) is
 * what the tests exercise.
 */
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { createLoopbackTls } from '../../src/sandbox/tls.js';

export interface ExchangeRequest {
  method: string;
  path: string;
  contentType: string;
  form: Record<string, string>;
}

export interface TestRegistry {
  /** The login server name, as docker and the export take it: localhost:<port>. */
  host: string;
  caCertFile: string;
  requests: ExchangeRequest[];
  refreshTokens: string[];
  /** Access token audiences the registry accepts (ACR's, and ARM's unless authentication-as-arm is off). */
  accept: string[];
  close(): Promise<void>;
}

function audienceOf(jwt: string): unknown {
  try {
    return (JSON.parse(Buffer.from(jwt.split('.')[1] ?? '', 'base64url').toString('utf8')) as { aud?: unknown }).aud;
  } catch {
    return undefined;
  }
}

export async function startRegistry(accept: string[]): Promise<TestRegistry> {
  const tls = createLoopbackTls('127.0.0.1');
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
        state.requests.push({
          method: req.method ?? '',
          path: req.url ?? '',
          contentType: req.headers['content-type'] ?? '',
          form,
        });
        const reply = (status: number, json: unknown): void => {
          res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(json));
        };
        if (req.method !== 'POST' || req.url !== '/oauth2/exchange')
          return reply(404, { errors: [{ code: 'NOT_FOUND' }] });
        if (
          form['grant_type'] !== 'access_token' ||
          form['service'] !== host ||
          typeof form['tenant'] !== 'string' ||
          typeof form['access_token'] !== 'string'
        ) {
          return reply(400, { errors: [{ code: 'UNSUPPORTED', message: 'bad exchange request' }] });
        }
        if (!state.accept.includes(String(audienceOf(form['access_token']))))
          return reply(401, {
            errors: [{ code: 'UNAUTHORIZED', message: 'the access token is not for this registry' }],
          });
        const now = Math.floor(Date.now() / 1000);
        const part = (o: unknown): string => Buffer.from(JSON.stringify(o)).toString('base64url');
        const refresh = `${part({ alg: 'RS256', typ: 'JWT' })}.${part({ iss: 'Azure Container Registry', aud: host, tenant: form['tenant'], grant_type: 'refresh_token', nbf: now, iat: now, exp: now + 3 * 3600, jti: randomBytes(8).toString('hex') })}.${randomBytes(32).toString('base64url')}`;
        state.refreshTokens.push(refresh);
        return reply(200, { refresh_token: refresh });
      });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  host = `localhost:${(server.address() as AddressInfo).port}`;
  return {
    host,
    caCertFile: tls.caCertFile,
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
