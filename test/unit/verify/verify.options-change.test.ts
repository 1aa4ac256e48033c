/**
 * verifyIdToken(token, options) reuses compiled checks per options object, and must never
 * apply stale ones: a caller that changes `options` between calls (claims, audience, issuer,
 * policy) gets the checks it now asks for. createVerifier takes a snapshot: later changes to
 * its options object do not reach an existing verifier.
 */
import { generateKeyPairSync, randomUUID, sign as cryptoSign } from 'node:crypto';
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { FederationError } from '../../../src/core/errors.js';
import { createNodeHttpClient } from '../../../src/core/http.js';
import { parsePolicy } from '../../../src/policy/parse.js';
import type { VerifyOptions } from '../../../src/verify/verify.js';
import { createVerifier, verifyIdToken } from '../../../src/verify/verify.js';

const AUD = 'api://AzureADTokenExchange';
const keyPair = generateKeyPairSync('rsa', { modulusLength: 2048 });
let server: Server;
let issuer = '';

beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.url === '/.well-known/openid-configuration')
      return res.end(JSON.stringify({ issuer, jwks_uri: `${issuer}/keys` }));
    if (req.url === '/keys')
      return res.end(JSON.stringify({ keys: [{ ...keyPair.publicKey.export({ format: 'jwk' }), kid: 'k1' }] }));
    return res.writeHead(404).end();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise((r) => server.close(r)));

function token(repository: string, aud = AUD): string {
  const now = Math.floor(Date.now() / 1000);
  const b = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
  const input = `${b({ alg: 'RS256', typ: 'JWT', kid: 'k1' })}.${b({ iss: issuer, sub: `repo:${repository}:ref:refs/heads/main`, aud, iat: now, exp: now + 300, jti: randomUUID(), repository })}`;
  return `${input}.${cryptoSign('sha256', Buffer.from(input), keyPair.privateKey).toString('base64url')}`;
}

async function rejected(promise: Promise<unknown>): Promise<FederationError> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(FederationError);
  return err as FederationError;
}

const http = createNodeHttpClient();

describe('verifyIdToken follows changes to its options object', () => {
  test('replacing options.claims', async () => {
    const options: VerifyOptions = { issuer, audience: AUD, http, claims: { repository: 'octo-org/octo-repo' } };
    await verifyIdToken(token('octo-org/octo-repo'), options);
    options.claims = { repository: 'octo-org/other-repo' };
    expect((await rejected(verifyIdToken(token('octo-org/octo-repo'), options))).code).toBe('CLAIM_MISMATCH');
    await verifyIdToken(token('octo-org/other-repo'), options);
  });

  test('changing a pattern inside options.claims', async () => {
    const claims: Record<string, string | string[]> = { repository: 'octo-org/octo-repo' };
    const options: VerifyOptions = { issuer, audience: AUD, http, claims };
    await verifyIdToken(token('octo-org/octo-repo'), options);
    claims['repository'] = 'octo-org/other-repo';
    expect((await rejected(verifyIdToken(token('octo-org/octo-repo'), options))).code).toBe('CLAIM_MISMATCH');
  });

  test('adding a claim pattern where there was none', async () => {
    const options: VerifyOptions = { issuer, audience: AUD, http };
    await verifyIdToken(token('evil/x'), options);
    options.claims = { repository: 'octo-org/octo-repo' };
    expect((await rejected(verifyIdToken(token('evil/x'), options))).code).toBe('CLAIM_MISMATCH');
  });

  test('narrowing the audience list in place', async () => {
    const audience = [AUD, 'api://other'];
    const options: VerifyOptions = { issuer, audience, http };
    await verifyIdToken(token('octo-org/octo-repo', 'api://other'), options);
    audience.pop();
    expect((await rejected(verifyIdToken(token('octo-org/octo-repo', 'api://other'), options))).code).toBe(
      'UNEXPECTED_AUDIENCE',
    );
  });

  test('setting a policy', async () => {
    const options: VerifyOptions = { issuer, audience: AUD, http };
    await verifyIdToken(token('evil/x'), options);
    options.policy = parsePolicy(
      {
        rules: [
          {
            claims: { repository: 'octo-org/octo-repo' },
            allow: { tenants: '*', clientIds: '*', scopes: '*' },
          },
        ],
      },
      'p',
    );
    expect((await rejected(verifyIdToken(token('evil/x'), options))).code).toBe('POLICY_DENIED');
  });

  test('an invalid change is refused as usage, not ignored', async () => {
    const options: VerifyOptions = { issuer, audience: AUD, http };
    await verifyIdToken(token('octo-org/octo-repo'), options);
    options.audience = [];
    const err = await rejected(verifyIdToken(token('octo-org/octo-repo'), options));
    expect(err.code).toBe('MISSING_AUDIENCE');
    expect(err.usage).toBe(true);
  });

  test('a change to a value JSON cannot write (NaN) is seen too', async () => {
    const options: VerifyOptions = { issuer, audience: AUD, http };
    await verifyIdToken(token('octo-org/octo-repo'), options);
    options.clockSkewSeconds = Number.NaN;
    expect((await rejected(verifyIdToken(token('octo-org/octo-repo'), options))).code).toBe('INVALID_CLOCK_SKEW');
  });
});

describe('createVerifier takes a snapshot', () => {
  test('later changes to the options object do not reach the verifier', async () => {
    const claims: Record<string, string | string[]> = { repository: 'octo-org/octo-repo' };
    const audience = [AUD];
    const options: VerifyOptions = { issuer, audience, http, claims };
    const verifier = createVerifier(options);
    claims['repository'] = '**';
    audience.push('api://other');
    options.issuer = 'https://elsewhere.example';
    expect((await rejected(verifier.verify(token('evil/x')))).code).toBe('CLAIM_MISMATCH');
    expect((await rejected(verifier.verify(token('octo-org/octo-repo', 'api://other')))).code).toBe(
      'UNEXPECTED_AUDIENCE',
    );
    await verifier.verify(token('octo-org/octo-repo'));
  });
});
