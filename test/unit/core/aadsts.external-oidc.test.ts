/**
 * AADSTS50166 and AADSTS90061 ("Request to External OIDC endpoint failed"): Entra could not
 * fetch the CI issuer's discovery document or keys, which users report as intermittent. Both
 * have a catalogue entry with a remedy, and both are retried with a fresh CI token.
 */
import { describe, expect, test } from 'vitest';
import { lookupAadsts, TRANSIENT_AADSTS } from '../../../src/core/aadsts.js';
import { FederationError } from '../../../src/core/errors.js';
import type { Clock, HttpClient, HttpRequest } from '../../../src/core/http.js';
import { login } from '../../../src/core/login.js';
import { resolveOptions } from '../../../src/core/options.js';

const b64 = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');
const ciToken = (n: number): string =>
  `${b64({ alg: 'RS256', typ: 'JWT' })}.${b64({ iss: 'https://issuer.example', sub: 'repo:o/r:ref:refs/heads/main', aud: 'api://AzureADTokenExchange', jti: `run-${n}`, exp: 4102444800 })}.c2lnbmF0dXJl`;

function entraError(code: number): string {
  return JSON.stringify({
    error: 'invalid_request',
    error_description: `AADSTS${code}: Request to External OIDC endpoint failed.\r\nTrace ID: 3f0c5a52-7a0e-4a4e-9d7b-2c1e0f9a8b7c`,
    error_codes: [code],
    trace_id: '3f0c5a52-7a0e-4a4e-9d7b-2c1e0f9a8b7c',
    correlation_id: '9b8a7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d',
    timestamp: '2026-12-02 05:25:35Z',
  });
}

/** A token endpoint that answers with `failures` errors, then a token; it records each form. */
function endpoint(code: number, failures: number): { http: HttpClient; forms: URLSearchParams[] } {
  const forms: URLSearchParams[] = [];
  const http: HttpClient = {
    async send(req: HttpRequest) {
      forms.push(new URLSearchParams(req.body ?? ''));
      if (forms.length <= failures)
        return { status: 400, headers: { 'content-type': 'application/json' }, body: entraError(code) };
      return {
        status: 200,
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ access_token: 'at.at.at', token_type: 'Bearer', expires_in: 3599 }),
      };
    },
  };
  return { http, forms };
}

const clock: Clock = { now: () => 1_800_000_000_000, sleep: async () => undefined, random: () => 0.5 };

const options = resolveOptions({
  clientId: '11111111-2222-3333-4444-555555555555',
  tenantId: '00000000-0000-0000-0000-000000000001',
});

describe.each([50166, 90061])('AADSTS%i', (code) => {
  test('has a catalogue entry with a remedy naming the issuer endpoints', () => {
    const entry = lookupAadsts(code);
    expect(entry.code).not.toBe(`AADSTS_${code}`);
    expect(entry.remedy).toContain('/.well-known/openid-configuration');
    expect(entry.remedy).toMatch(/retried/);
    expect(TRANSIENT_AADSTS.has(code)).toBe(true);
  });

  test('is retried with a fresh CI token, and then succeeds', async () => {
    const { http, forms } = endpoint(code, 1);
    let asked = 0;
    const result = await login(
      options,
      { kind: 'federated', description: 'test CI', idToken: async () => ciToken(++asked) },
      { http, clock },
    );
    expect(result.tokens[0]?.attempts).toBe(2);
    expect(asked).toBe(2);
    expect(forms.map((f) => f.get('client_assertion'))).toEqual([ciToken(1), ciToken(2)]);
  });

  test('when it persists, the error has its code, the ids and the remedy', async () => {
    const { http, forms } = endpoint(code, Number.POSITIVE_INFINITY);
    let asked = 0;
    const failure = await login(
      options,
      { kind: 'federated', description: 'test CI', idToken: async () => ciToken(++asked) },
      { http, clock },
    ).catch((err: unknown) => err);
    expect(failure).toBeInstanceOf(FederationError);
    const err = failure as FederationError;
    expect(err.code).toBe(lookupAadsts(code).code);
    expect(err.aadsts).toBe(code);
    expect(err.traceId).toBe('3f0c5a52-7a0e-4a4e-9d7b-2c1e0f9a8b7c');
    expect(err.remedy).toBe(lookupAadsts(code).remedy);
    expect(forms.length).toBeGreaterThan(1);
    expect(new Set(forms.map((f) => f.get('client_assertion'))).size).toBe(forms.length);
  });
});
