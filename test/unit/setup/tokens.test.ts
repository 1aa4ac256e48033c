// The set-up's own tokens: from a named variable, or from `az account get-access-token` run
// through an injected runner. Failures say what to do; no message ever holds a token.
import { describe, expect, test } from 'vitest';
import type { TokenCommandResult } from '../../../src/ci/exec.js';
import type { FederationError } from '../../../src/core/errors.js';
import { tenantOfToken, tokenFromAz, tokenFromEnv } from '../../../src/setup/tokens.js';

const GRAPH = 'https://graph.microsoft.com';
const jwt = (claims: object) =>
  `${Buffer.from('{"alg":"RS256"}').toString('base64url')}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.c2ln`;

describe('tokenFromEnv', () => {
  test('reads the variable it names', async () => {
    expect(await tokenFromEnv('GT', 'graph-token-env', { GT: ' abc.def.ghi \n' }, GRAPH).get()).toBe('abc.def.ghi');
  });
  test('refuses a token given as the name, and an empty variable', () => {
    const token = jwt({ tid: 'x' });
    let err: FederationError | undefined;
    try {
      tokenFromEnv(token, 'graph-token-env', {}, GRAPH);
    } catch (e) {
      err = e as FederationError;
    }
    expect(err?.code).toBe('INVALID_TOKEN_ENV');
    expect(err?.message).not.toContain(token.slice(0, 60));
    expect(() => tokenFromEnv('EMPTY', 'arm-token-env', { EMPTY: ' ' }, GRAPH)).toThrow(/empty or not set/);
  });
});

describe('tokenFromAz', () => {
  const run = (result: TokenCommandResult, calls: string[][] = []) =>
    (async (argv: readonly string[]) => {
      calls.push([...argv]);
      return result;
    }) as never;

  test('asks az once for the resource (and tenant), and reads accessToken', async () => {
    const calls: string[][] = [];
    const token = tokenFromAz(
      GRAPH,
      'contoso.onmicrosoft.com',
      {},
      run({ ok: true, stdout: '{"accessToken":"t.o.k","tenant":"x"}' }, calls),
    );
    expect(await token.get()).toBe('t.o.k');
    expect(await token.get()).toBe('t.o.k');
    expect(calls).toEqual([
      [
        'az',
        'account',
        'get-access-token',
        '--resource',
        GRAPH,
        '--output',
        'json',
        '--tenant',
        'contoso.onmicrosoft.com',
      ],
    ]);
  });

  test('az missing: install it or use --graph-token-env', async () => {
    const err = (await tokenFromAz(GRAPH, undefined, {}, run({ ok: false, reason: 'not-found', stderr: '' }))
      .get()
      .catch((e) => e)) as FederationError;
    expect(err.code).toBe('SETUP_TOKEN_UNAVAILABLE');
    expect(err.message).toContain('`az` was not found on PATH');
    expect(err.remedy).toContain('--graph-token-env');
  });

  test('az failing: its (scrubbed) words and `az login`', async () => {
    const err = (await tokenFromAz(
      GRAPH,
      undefined,
      {},
      run({ ok: false, reason: 'exit', exitCode: 1, stderr: "ERROR: Please run 'az login' to setup account." }),
    )
      .get()
      .catch((e) => e)) as FederationError;
    expect(err.message).toContain("exit 1): ERROR: Please run 'az login'");
    expect(err.remedy).toContain('az login');
  });

  test('output without an accessToken', async () => {
    const err = (await tokenFromAz(GRAPH, undefined, {}, run({ ok: true, stdout: 'not json' }))
      .get()
      .catch((e) => e)) as FederationError;
    expect(err.message).toContain('printed no accessToken');
  });
});

test('tenantOfToken reads tid, and nothing else', () => {
  expect(tenantOfToken(jwt({ tid: 'AAAAAAAA-1111-2222-3333-444444444444' }))).toBe(
    'aaaaaaaa-1111-2222-3333-444444444444',
  );
  expect(tenantOfToken(jwt({ tid: 'contoso' }))).toBeUndefined();
  expect(tenantOfToken('opaque')).toBeUndefined();
});
