/**
 * A login: every scope exchanged at once with one credential, one CI token shared by the first
 * attempts and a fresh one for each retry, and all or nothing: one failed scope fails the
 * login, carrying who asked so the doctor can explain it.
 */
import { describe, expect, test } from 'vitest';
import { FederationError } from '../../../src/core/errors.js';
import type { CredentialSource } from '../../../src/core/login.js';
import { login } from '../../../src/core/login.js';
import { resolveOptions } from '../../../src/core/options.js';
import type { Answer, SentRequest } from '../../helpers/scripted-entra.js';
import { entraError, scriptedHttp, tokenResponse, unsignedJwt, virtualClock } from '../../helpers/scripted-entra.js';

const CLIENT_ID = '11111111-2222-3333-4444-555555555555';
const TENANT_ID = 'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee';
const SCOPES = [
  'https://management.azure.com/.default',
  'https://vault.azure.net/.default',
  'https://storage.azure.com/.default',
];
const CLAIMS = {
  iss: 'https://token.actions.githubusercontent.com',
  sub: 'repo:octo-org/octo-repo:ref:refs/heads/main',
  aud: 'api://AzureADTokenExchange',
  exp: 1_900_000_000,
  repository: 'octo-org/octo-repo',
};

function options(scopes: readonly string[] = SCOPES) {
  return resolveOptions({ clientId: CLIENT_ID, tenantId: TENANT_ID, scopes });
}

/** The CI: each request for a token gets a new one, numbered in its jti. */
function ciSource(): CredentialSource & { issued: string[]; audiences: string[] } {
  const issued: string[] = [];
  const audiences: string[] = [];
  return {
    kind: 'federated',
    description: 'the test CI',
    issued,
    audiences,
    idToken: async (audience) => {
      audiences.push(audience);
      const token = unsignedJwt({ ...CLAIMS, jti: `ci-${issued.length + 1}` });
      issued.push(token);
      return token;
    },
  };
}

/** Answers after the current turn of the event loop, so requests sent together overlap. */
function overlapping(answer: (req: SentRequest, n: number) => Answer) {
  let inFlight = 0;
  const seen = { maxInFlight: 0 };
  const http = scriptedHttp(async (req, n) => {
    inFlight++;
    seen.maxInFlight = Math.max(seen.maxInFlight, inFlight);
    await new Promise((resolve) => setImmediate(resolve));
    inFlight--;
    return answer(req, n);
  });
  return { http, seen };
}

const scopeOf = (req: SentRequest) => req.form['scope'] ?? '';
const accessTokenFor = (scope: string) => `at.${Buffer.from(scope).toString('base64url')}.sig`;

describe('login', () => {
  test('exchanges every scope at once, with one CI token for all first attempts', async () => {
    const source = ciSource();
    const { http, seen } = overlapping((req) => tokenResponse(accessTokenFor(scopeOf(req))));
    const result = await login(options(), source, { http, clock: virtualClock() });

    expect(seen.maxInFlight).toBe(3);
    expect(source.issued).toHaveLength(1);
    expect(source.audiences).toEqual(['api://AzureADTokenExchange']);
    expect(http.sent.map((r) => r.form['client_assertion'])).toEqual([
      source.issued[0],
      source.issued[0],
      source.issued[0],
    ]);
    expect(result.tokens.map((t) => t.scope)).toEqual(SCOPES);
    expect(result.tokens.map((t) => t.accessToken)).toEqual(SCOPES.map(accessTokenFor));
    // One correlation id ties the scopes of one login together in Entra's sign-in log.
    expect(new Set(http.sent.map((r) => r.headers['client-request-id']))).toEqual(new Set([result.correlationId]));
    expect(result).toMatchObject({
      tenantId: TENANT_ID,
      clientId: CLIENT_ID,
      cloud: 'AzureCloud',
      audience: 'api://AzureADTokenExchange',
      credential: 'federated',
      credentialSource: 'the test CI',
      idToken: { iss: CLAIMS.iss, sub: CLAIMS.sub, aud: CLAIMS.aud, exp: CLAIMS.exp },
      notes: [],
    });
  });

  test('a retry asks the CI for a fresh token; the other scopes keep the first', async () => {
    const source = ciSource();
    const vault = SCOPES[1] as string;
    let vaultAttempts = 0;
    const { http } = overlapping((req) => {
      if (scopeOf(req) === vault && ++vaultAttempts === 1) return entraError(50033);
      return tokenResponse(accessTokenFor(scopeOf(req)));
    });
    const result = await login(options(), source, { http, clock: virtualClock() });

    expect(source.issued).toHaveLength(2);
    const assertions = (scope: string) =>
      http.sent.filter((r) => scopeOf(r) === scope).map((r) => r.form['client_assertion']);
    expect(assertions(vault)).toEqual([source.issued[0], source.issued[1]]);
    expect(assertions(SCOPES[0] as string)).toEqual([source.issued[0]]);
    expect(assertions(SCOPES[2] as string)).toEqual([source.issued[0]]);
    expect(result.tokens.find((t) => t.scope === vault)?.attempts).toBe(2);
  });

  test('all or nothing: one failed scope fails the login with who asked and what', async () => {
    const vault = SCOPES[1] as string;
    const { http } = overlapping((req) =>
      scopeOf(req) === vault
        ? entraError(70021, { traceId: '7e3a1c55-0b9d-4f2e-8a61-2c4d6e8f0a1b' })
        : tokenResponse(accessTokenFor(scopeOf(req))),
    );
    const err = await login(options(), ciSource(), { http, clock: virtualClock() }).catch((e: unknown) => e);

    expect(err).toBeInstanceOf(FederationError);
    expect(err).toMatchObject({
      code: 'NO_MATCHING_FIC',
      scope: vault,
      traceId: '7e3a1c55-0b9d-4f2e-8a61-2c4d6e8f0a1b',
      presented: { iss: CLAIMS.iss, sub: CLAIMS.sub, aud: CLAIMS.aud },
      request: {
        clientId: CLIENT_ID,
        tenantId: TENANT_ID,
        cloud: 'AzureCloud',
        audience: 'api://AzureADTokenExchange',
      },
    });
    expect((err as FederationError).claims).toMatchObject(CLAIMS);
    // Every scope was asked (concurrently), and the definitive refusal was not repeated.
    expect(http.sent.map(scopeOf).sort()).toEqual([...SCOPES].sort());
  });

  test('the guard runs with the CI token known and before anything is sent; a denial sends nothing', async () => {
    const http = scriptedHttp((req) => tokenResponse(accessTokenFor(scopeOf(req))));
    const seenBy: { sub?: string; sentBefore?: number; scopes?: string[] } = {};
    await login(options(), ciSource(), {
      http,
      clock: virtualClock(),
      beforeExchange: (idToken, opts) => {
        seenBy.sub = idToken?.sub as string;
        seenBy.sentBefore = http.sent.length;
        seenBy.scopes = opts.scopes.map((s) => s.scope);
      },
    });
    expect(seenBy).toEqual({ sub: CLAIMS.sub, sentBefore: 0, scopes: SCOPES });

    const denied = new Error('denied by policy');
    const none = scriptedHttp(() => tokenResponse('never'));
    await expect(
      login(options(), ciSource(), {
        http: none,
        clock: virtualClock(),
        beforeExchange: () => {
          throw denied;
        },
      }),
    ).rejects.toBe(denied);
    expect(none.sent).toEqual([]);
  });

  test('a CI token that is not a JWT fails before any request', async () => {
    const http = scriptedHttp(() => tokenResponse('never'));
    const source: CredentialSource = {
      kind: 'federated',
      description: 'AZURE_ID_TOKEN',
      idToken: async () => 'not-a-jwt',
    };
    const err = await login(options(), source, { http, clock: virtualClock() }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'MALFORMED_ID_TOKEN', usage: true });
    expect((err as Error).message).toContain('AZURE_ID_TOKEN');
    expect(http.sent).toEqual([]);
  });

  test('a secret login has no CI token, and says which scopes were completed from a resource', async () => {
    const http = scriptedHttp((req) => tokenResponse(accessTokenFor(scopeOf(req))));
    const source: CredentialSource = { kind: 'secret', description: 'AZURE_CLIENT_SECRET', secret: 's3cr3t' };
    const result = await login(options(['https://vault.azure.net']), source, { http, clock: virtualClock() });
    expect(result.idToken).toBeUndefined();
    expect(result.credential).toBe('secret');
    expect(http.sent[0]?.form['client_secret']).toBe('s3cr3t');
    expect(result.notes).toEqual([
      '"https://vault.azure.net" was given as a resource; requested scope https://vault.azure.net/.default.',
    ]);
  });
});
