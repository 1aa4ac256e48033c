/**
 * The key cache of verifyIdToken against a real JWKS server on loopback: discovery once, keys
 * imported once, an unknown kid refetching at most once per interval, rotation picked up,
 * stale keys kept through an issuer outage. The clock is injected; the network is real.
 */
import { generateKeyPairSync, randomUUID, sign as cryptoSign } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, expect, test } from 'vitest';
import { FederationError } from '../../../src/core/errors.js';
import type { Clock } from '../../../src/core/http.js';
import { createNodeHttpClient } from '../../../src/core/http.js';
import { IssuerKeys } from '../../../src/verify/issuer-keys.js';
import { createVerifier, verifyIdToken } from '../../../src/verify/verify.js';

const AUD = 'api://AzureADTokenExchange';
const first = generateKeyPairSync('rsa', { modulusLength: 2048 });
const second = generateKeyPairSync('rsa', { modulusLength: 2048 });

let server: Server;
let url = '';
let hits: string[] = [];
let published: { key: KeyObject; kid: string }[] = [];
let down = false;

beforeAll(async () => {
  server = createServer((req, res) => {
    hits.push(req.url ?? '');
    if (down) return res.writeHead(404).end();
    if (req.url === '/.well-known/openid-configuration')
      return res.end(JSON.stringify({ issuer: url, jwks_uri: `${url}/keys` }));
    if (req.url === '/keys')
      return res.end(
        JSON.stringify({ keys: published.map(({ key, kid }) => ({ ...key.export({ format: 'jwk' }), kid })) }),
      );
    return res.writeHead(404).end();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise((r) => server.close(r)));
beforeEach(() => {
  hits = [];
  published = [{ key: first.publicKey, kid: 'one' }];
  down = false;
});

function token(kid: string, key: KeyObject, nowMs: number): string {
  const now = Math.floor(nowMs / 1000);
  const b = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
  const input = `${b({ alg: 'RS256', typ: 'JWT', kid })}.${b({ iss: url, sub: 'repo:o/r:ref:refs/heads/main', aud: AUD, iat: now, exp: now + 300, jti: randomUUID() })}`;
  return `${input}.${cryptoSign('sha256', Buffer.from(input), key).toString('base64url')}`;
}

function manualClock(start = Date.now()): Clock & { advance(ms: number): void } {
  let now = start;
  return {
    now: () => now,
    sleep: async () => undefined,
    random: () => 0.5,
    advance: (ms) => {
      now += ms;
    },
  };
}

function verifierWith(clock: Clock) {
  const http = createNodeHttpClient();
  const keys = new IssuerKeys({
    issuer: url,
    http,
    clock,
    refreshIntervalMs: 60_000,
    maxAgeMs: 600_000,
    timeoutMs: 5_000,
  });
  return createVerifier({ issuer: url, audience: AUD, clock, keys, http });
}

async function code(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'accepted';
  } catch (err) {
    return err instanceof FederationError ? err.code : String(err);
  }
}

test('many verifications with a known kid: one discovery, one JWKS fetch', async () => {
  const clock = manualClock();
  const v = verifierWith(clock);
  await Promise.all(Array.from({ length: 20 }, () => v.verify(token('one', first.privateKey, clock.now()))));
  for (let i = 0; i < 200; i++) await v.verify(token('one', first.privateKey, clock.now()));
  expect(hits).toEqual(['/.well-known/openid-configuration', '/keys']);
});

test('a flood of unknown kids refetches the JWKS at most once per interval', async () => {
  const clock = manualClock();
  const v = verifierWith(clock);
  await v.verify(token('one', first.privateKey, clock.now()));
  for (let i = 0; i < 10; i++)
    expect(await code(v.verify(token(`made-up-${i}`, first.privateKey, clock.now())))).toBe('KID_UNKNOWN');
  expect(hits.filter((h) => h === '/keys')).toHaveLength(1);
  clock.advance(61_000);
  for (let i = 0; i < 10; i++)
    expect(await code(v.verify(token(`made-up-again-${i}`, first.privateKey, clock.now())))).toBe('KID_UNKNOWN');
  expect(hits.filter((h) => h === '/keys')).toHaveLength(2);
  expect(hits.filter((h) => h.includes('openid-configuration'))).toHaveLength(1);
});

test('a rotated-in key is found by one refetch once the interval has passed', async () => {
  const clock = manualClock();
  const v = verifierWith(clock);
  await v.verify(token('one', first.privateKey, clock.now()));
  published.push({ key: second.publicKey, kid: 'two' });
  clock.advance(61_000);
  const rotated = await v.verify(token('two', second.privateKey, clock.now()));
  expect(rotated.header.kid).toBe('two');
  expect(hits.filter((h) => h === '/keys')).toHaveLength(2);
});

test('stale keys are refetched, and kept while the issuer is down', async () => {
  const clock = manualClock();
  const v = verifierWith(clock);
  await v.verify(token('one', first.privateKey, clock.now()));
  clock.advance(11 * 60_000);
  down = true;
  expect((await v.verify(token('one', first.privateKey, clock.now()))).claims['iss']).toBe(url);
  expect(hits.filter((h) => h === '/keys')).toHaveLength(2);
});

test('a key removed from the JWKS stops verifying after the refetch', async () => {
  const clock = manualClock();
  const v = verifierWith(clock);
  await v.verify(token('one', first.privateKey, clock.now()));
  published = [{ key: second.publicKey, kid: 'two' }];
  clock.advance(11 * 60_000);
  expect(await code(v.verify(token('one', first.privateKey, clock.now())))).toBe('KID_UNKNOWN');
});

test('verifyIdToken shares one key cache per issuer across calls', async () => {
  const options = { issuer: url, audience: AUD, http: createNodeHttpClient() };
  for (let i = 0; i < 5; i++) await verifyIdToken(token('one', first.privateKey, Date.now()), { ...options });
  expect(hits.filter((h) => h === '/keys')).toHaveLength(1);
});

test('a token without kid: accepted when one key fits, refused when several could have signed it', async () => {
  const clock = manualClock();
  const v = verifierWith(clock);
  const noKid = (key: KeyObject) => {
    const [, payload] = token('x', key, clock.now()).split('.');
    const head = Buffer.from(JSON.stringify({ alg: 'RS256', typ: 'JWT' })).toString('base64url');
    return `${head}.${payload}.${cryptoSign('sha256', Buffer.from(`${head}.${payload}`), key).toString('base64url')}`;
  };
  expect((await v.verify(noKid(first.privateKey))).header.kid).toBeUndefined();
  published.push({ key: second.publicKey, kid: 'two' });
  clock.advance(11 * 60_000);
  expect(await code(v.verify(noKid(first.privateKey)))).toBe('KID_MISSING');
});
