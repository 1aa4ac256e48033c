/**
 * The identity endpoint's pure rules, where waiting for real expiry would take an hour: the
 * refresh margin, the protocol checks, the session and state records' validation. (The process
 * itself is tested end to end in identity.test.ts and identity-long.test.ts.)
 */
import { mkdtempSync, rmSync, writeFileSync, chmodSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { cleanupFromJson } from '../../../src/handoff/cleanup.js';
import { readSession } from '../../../src/handoff/session.js';
import { isFresh, refreshMargin, TokenCache } from '../../../src/identity/cache.js';
import { parseTokenRequest, secretMatches, tokenBody } from '../../../src/identity/protocol.js';
import { readEndpointState } from '../../../src/identity/state.js';
import { refreshDelay } from '../../../src/identity/token-file.js';

const dir = mkdtempSync(join(tmpdir(), 'ef-identity-units-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('refresh margin', () => {
  test("five minutes for hour-long tokens (MSAL's own renewal offset), half the life of short ones", () => {
    expect(refreshMargin(3599_000)).toBe(300_000);
    expect(refreshMargin(600_000)).toBe(300_000);
    expect(refreshMargin(10_000)).toBe(5_000);
    const now = 1_000_000;
    const hour = { accessToken: 'a', obtainedAt: now, expiresOn: now + 3600_000 };
    expect(isFresh(hour, now + 3600_000 - 300_001)).toBe(true);
    expect(isFresh(hour, now + 3600_000 - 300_000)).toBe(false);
  });

  test('the cache serves a fresh token, fetches a stale one again, and shares a fetch in flight', async () => {
    let clock = 0;
    let fetches = 0;
    const cache = new TokenCache(
      async (resource) => ({ accessToken: `${resource}-${++fetches}`, obtainedAt: clock, expiresOn: clock + 10_000 }),
      () => clock,
    );
    const [a, b] = await Promise.all([cache.get('r'), cache.get('r')]);
    expect([a.accessToken, b.accessToken]).toEqual(['r-1', 'r-1']);
    clock = 4_999;
    expect((await cache.get('r')).accessToken).toBe('r-1');
    clock = 5_000;
    expect((await cache.get('r')).accessToken).toBe('r-2');
  });

  test('a token file is refreshed once half its life is gone', () => {
    const part = (o: unknown): string => Buffer.from(JSON.stringify(o)).toString('base64url');
    const jwt = `${part({ alg: 'RS256' })}.${part({ iat: 1000, exp: 1300 })}.sig`;
    expect(refreshDelay(jwt, 0, 1_000_000)).toBe(150_000);
    expect(refreshDelay(jwt, 0, 1_200_000)).toBe(500);
    expect(refreshDelay('not a jwt', 0, 0)).toBe(60_000);
  });
});

describe('protocol', () => {
  const secret = 'a'.repeat(64);
  const client = '5a4db0c5-c11e-4000-8000-000000000002';
  const parse = (url: string, headers: Record<string, string> = { 'x-identity-header': secret }, method = 'GET') =>
    parseTokenRequest(method, url, headers, secret, client);

  test('the secret is checked first, in constant time over equal-length digests', () => {
    expect(secretMatches(secret, secret)).toBe(true);
    expect(secretMatches(`${secret}a`, secret)).toBe(false);
    expect(secretMatches(undefined, secret)).toBe(false);
    expect(secretMatches([secret], secret)).toBe(false);
    expect(parse('/msi/token?api-version=bad', {})).toMatchObject({ ok: false, status: 401 });
  });

  test('what @azure/msal-node sends is accepted; anything else is refused with the reason', () => {
    expect(parse('/msi/token?api-version=2019-08-01&resource=https%3A%2F%2Fvault.azure.net')).toEqual({
      ok: true,
      resource: 'https://vault.azure.net',
    });
    expect(parse(`/msi/token?api-version=2019-08-01&resource=x&client_id=${client}`)).toMatchObject({ ok: true });
    expect(parse('/msi/token?api-version=2019-08-01')).toMatchObject({ ok: false, status: 400 });
    expect(parse('/msi/token?api-version=2019-08-01&resource=x&object_id=1')).toMatchObject({ ok: false, status: 400 });
    expect(parse('/other')).toMatchObject({ ok: false, status: 404 });
    expect(parse('/msi/token', undefined, 'DELETE')).toMatchObject({ ok: false, status: 405 });
  });

  test("the answer has App Service's shape: expires_on in epoch seconds, as a string", () => {
    expect(
      JSON.parse(tokenBody({ accessToken: 't', expiresOn: 1_795_316_091_999 }, 'https://vault.azure.net', client)),
    ).toEqual({
      access_token: 't',
      expires_on: '1795316091',
      resource: 'https://vault.azure.net',
      token_type: 'Bearer',
      client_id: client,
    });
  });
});

describe('records that say what to undo', () => {
  test('only absolute paths and plain registry names survive; nothing to run is read from a record', () => {
    expect(
      cleanupFromJson(
        JSON.stringify({
          files: ['/tmp/a.jwt', 'relative.jwt', 3],
          dirs: ['/tmp/entra-federate-az-x'],
          dockerLogouts: [{ registry: 'myreg.azurecr.io' }, { registry: '--all' }, { registry: 'x; rm -rf /' }],
          commands: [['rm', '-rf', '/']],
        }),
      ),
    ).toEqual({
      files: ['/tmp/a.jwt'],
      dirs: ['/tmp/entra-federate-az-x'],
      dockerLogouts: [{ registry: 'myreg.azurecr.io' }],
    });
    expect(cleanupFromJson('not json')).toEqual({ files: [] });
  });

  test('a session record others can write, or a link, is refused', () => {
    const open = join(dir, 'open.json');
    writeFileSync(open, JSON.stringify({ version: 1, cleanup: { files: ['/tmp/x'] } }));
    chmodSync(open, 0o666);
    expect(() => readSession(open)).toThrow(/not a private file of this user/);
    chmodSync(open, 0o600);
    expect(readSession(open)).toEqual({ files: ['/tmp/x'] });
    const link = join(dir, 'link.json');
    symlinkSync(open, link);
    expect(() => readSession(link)).toThrow(/not a private file/);
    expect(readSession(join(dir, 'missing.json'))).toEqual({ files: [] });
  });

  test('an endpoint state file behind a link is not trusted', () => {
    const state = join(dir, 'state.json');
    writeFileSync(state, JSON.stringify({ pid: 123, port: 1, entry: '/x', startedAt: '' }), { mode: 0o600 });
    expect(readEndpointState(state)).toMatchObject({ pid: 123 });
    const link = join(dir, 'state-link.json');
    symlinkSync(state, link);
    expect(readEndpointState(link)).toBeUndefined();
  });
});
