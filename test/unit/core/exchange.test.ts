/**
 * One client-credentials exchange: what goes on the wire for each credential, how Entra's
 * answers become tokens or FederationErrors, and which failures are tried again (with a fresh
 * CI token) or sent once. The HTTP client and the clock are injected: a scripted client where
 * the exact sequence of answers matters, the in-process sandbox where a real peer is better.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { AADSTS_CATALOGUE } from '../../../src/core/error-catalogue.js';
import { FederationError } from '../../../src/core/errors.js';
import type { ClientCredential, ExchangeRequest } from '../../../src/core/exchange.js';
import { classifyTokenResponse, exchangeToken, JWT_BEARER } from '../../../src/core/exchange.js';
import { createNodeHttpClient } from '../../../src/core/http.js';
import { startSandbox } from '../../../src/sandbox/index.js';
import type { Sandbox } from '../../../src/sandbox/index.js';
import type { Answer, SentRequest } from '../../helpers/scripted-entra.js';
import { entraError, json, scriptedHttp, tokenResponse, virtualClock } from '../../helpers/scripted-entra.js';

const TOKEN_ENDPOINT = 'https://login.microsoftonline.com/contoso.onmicrosoft.com/oauth2/v2.0/token';
const CLIENT_ID = '11111111-2222-3333-4444-555555555555';
const SCOPE = 'https://management.azure.com/.default';
const ACCESS_TOKEN = 'eyJ0eXAiOiJKV1QifQ.eyJhdWQiOiJodHRwczovL21hbmFnZW1lbnQuYXp1cmUuY29tIn0.c2ln';

/** A federated credential whose CI tokens are numbered, so each attempt's token is known. */
function federated(audience = 'api://AzureADTokenExchange'): ClientCredential & { asked: string[] } {
  const asked: string[] = [];
  return {
    kind: 'federated',
    audience,
    asked,
    assertion: async (aud) => {
      asked.push(aud);
      return `ci-token-${asked.length}`;
    },
  };
}

async function run(
  answer: (req: SentRequest, n: number) => Answer,
  credential: ClientCredential = federated(),
  opts: { correlationId?: string; deadlineMs?: number } = {},
) {
  const http = scriptedHttp(answer);
  const clock = virtualClock();
  const req: ExchangeRequest = {
    tokenEndpoint: TOKEN_ENDPOINT,
    clientId: CLIENT_ID,
    scope: SCOPE,
    deadlineAt: clock.now() + (opts.deadlineMs ?? 60_000),
  };
  const deps = { http, clock, ...(opts.correlationId === undefined ? {} : { correlationId: opts.correlationId }) };
  const outcome = await exchangeToken(req, credential, deps).then(
    (token) => ({ token, error: undefined }),
    (error: unknown) => ({ token: undefined, error }),
  );
  return { ...outcome, sent: http.sent, clock };
}

function federationError(err: unknown): FederationError {
  expect(err).toBeInstanceOf(FederationError);
  return err as FederationError;
}

describe('the request', () => {
  test('a federated credential sends the CI token as a jwt-bearer client assertion', async () => {
    const credential = federated('api://AzureADTokenExchangeUSGov');
    const { token, sent } = await run(() => tokenResponse(ACCESS_TOKEN), credential, {
      correlationId: '5d0b1c2e-3f4a-4b5c-9d6e-7f8a9b0c1d2e',
    });
    expect(token?.accessToken).toBe(ACCESS_TOKEN);
    expect(credential.asked).toEqual(['api://AzureADTokenExchangeUSGov']);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ method: 'POST', url: TOKEN_ENDPOINT });
    expect(sent[0]?.form).toEqual({
      grant_type: 'client_credentials',
      client_id: CLIENT_ID,
      scope: SCOPE,
      client_assertion_type: JWT_BEARER,
      client_assertion: 'ci-token-1',
    });
    expect(sent[0]?.headers).toEqual({
      'content-type': 'application/x-www-form-urlencoded',
      accept: 'application/json',
      'client-request-id': '5d0b1c2e-3f4a-4b5c-9d6e-7f8a9b0c1d2e',
      'return-client-request-id': 'true',
    });
  });

  test('a certificate assertion is made for the token endpoint as its audience', async () => {
    const audiences: string[] = [];
    const credential: ClientCredential = {
      kind: 'certificate',
      assertion: async (aud) => {
        audiences.push(aud);
        return 'signed-assertion';
      },
    };
    const { sent } = await run(() => tokenResponse(ACCESS_TOKEN), credential);
    expect(audiences).toEqual([TOKEN_ENDPOINT]);
    expect(sent[0]?.form['client_assertion']).toBe('signed-assertion');
    expect(sent[0]?.form['client_assertion_type']).toBe(JWT_BEARER);
  });

  test('a secret is sent as client_secret, with no assertion and no correlation header unless given', async () => {
    const { sent } = await run(() => tokenResponse(ACCESS_TOKEN), { kind: 'secret', secret: 's3cr3t' });
    expect(sent[0]?.form).toEqual({
      grant_type: 'client_credentials',
      client_id: CLIENT_ID,
      scope: SCOPE,
      client_secret: 's3cr3t',
    });
    expect(sent[0]?.headers['client-request-id']).toBeUndefined();
  });
});

describe('a successful answer', () => {
  test('expires_in (a number or a numeric string) is counted from the injected clock', async () => {
    for (const expiresIn of [3599, '3599', 0.5]) {
      const { token, clock } = await run(() => tokenResponse(ACCESS_TOKEN, expiresIn));
      expect(token).toEqual({
        scope: SCOPE,
        accessToken: ACCESS_TOKEN,
        tokenType: 'Bearer',
        expiresOn: clock.now() + Math.round(Number(expiresIn) * 1000),
        attempts: 1,
      });
    }
  });

  test('a response without a usable token and lifetime is INVALID_RESPONSE, never echoing the token', async () => {
    const bodies: unknown[] = [
      { access_token: ACCESS_TOKEN, expires_in: 0 },
      { access_token: ACCESS_TOKEN, expires_in: -5 },
      { access_token: ACCESS_TOKEN, expires_in: 'soon' },
      { access_token: ACCESS_TOKEN },
      { access_token: ACCESS_TOKEN, expires_in: null },
      { access_token: 'two words', expires_in: 3599 },
      { access_token: 42, expires_in: 3599 },
      { access_token: '', expires_in: 3599 },
      { expires_in: 3599 },
      [],
    ];
    for (const body of bodies) {
      const { error, sent } = await run(() => json(200, body));
      const err = federationError(error);
      expect(err).toMatchObject({ code: 'INVALID_RESPONSE', usage: false, status: 200, scope: SCOPE });
      expect(err.message).not.toContain(ACCESS_TOKEN);
      expect(sent).toHaveLength(1);
    }
    // JSON has no Infinity, but 1e309 parses to it: not a lifetime either.
    const { error } = await run(() => ({
      status: 200,
      headers: {},
      body: `{"access_token":"${ACCESS_TOKEN}","expires_in":1e309}`,
    }));
    expect(federationError(error).code).toBe('INVALID_RESPONSE');
  });
});

describe("Entra's errors", () => {
  test('an AADSTS answer becomes its catalogued code with the remedy, ids and status', async () => {
    const { error } = await run(() =>
      entraError(70021, {
        description: "No matching federated identity record found for presented assertion. Assertion Issuer: 'x'.",
        traceId: '0f6a3f0e-1a2b-4c3d-8e4f-5a6b7c8d9e0f',
        correlationId: '5d0b1c2e-3f4a-4b5c-9d6e-7f8a9b0c1d2e',
      }),
    );
    const err = federationError(error);
    expect(err).toMatchObject({
      code: 'NO_MATCHING_FIC',
      usage: false,
      aadsts: 70021,
      status: 400,
      scope: SCOPE,
      traceId: '0f6a3f0e-1a2b-4c3d-8e4f-5a6b7c8d9e0f',
      correlationId: '5d0b1c2e-3f4a-4b5c-9d6e-7f8a9b0c1d2e',
      timestamp: '2026-01-01 00:00:00Z',
      oauthError: 'invalid_request',
      remedy: AADSTS_CATALOGUE.NO_MATCHING_FIC.remedy,
    });
    // The first line of the description: Entra's Trace ID / Correlation ID trailer is not repeated.
    expect(err.message).toBe(
      "AADSTS70021: No matching federated identity record found for presented assertion. Assertion Issuer: 'x'.",
    );
  });

  test('the AADSTS number is read from error_description when error_codes is absent', async () => {
    const { error } = await run(() =>
      json(401, { error: 'invalid_client', error_description: 'AADSTS700213: No match.' }),
    );
    expect(federationError(error)).toMatchObject({ code: 'SUBJECT_MISMATCH', aadsts: 700213, status: 401 });
  });

  test('an AADSTS number the catalogue does not list keeps its number and points at the lookup page', async () => {
    const { error } = await run(() => entraError(1234567, { description: 'Rare.' }));
    const err = federationError(error);
    expect(err.code).toBe('AADSTS_1234567');
    expect(err.remedy).toContain('https://login.microsoftonline.com/error?code=1234567');
  });

  test('an OAuth error without an AADSTS number becomes OAUTH_<error>', async () => {
    const { error } = await run(() => json(401, { error: 'invalid_client', error_description: 'Bad client.' }));
    const err = federationError(error);
    expect(err).toMatchObject({ code: 'OAUTH_INVALID_CLIENT', oauthError: 'invalid_client', status: 401 });
    expect(err.message).toBe('The token endpoint answered HTTP 401: invalid_client (Bad client.).');
  });

  test('nothing that was sent (an echoed assertion or secret) reaches the message', async () => {
    const echo = (req: SentRequest) =>
      entraError(50027, { description: `Invalid JWT: ${req.form['client_assertion'] ?? req.form['client_secret']}` });
    const federatedRun = await run(echo, {
      kind: 'federated',
      audience: 'api://AzureADTokenExchange',
      assertion: async () => 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJyZXBvOm8vcjpyZWY6cmVmcy9oZWFkcy9tYWluIn0.c2lnbmF0dXJl',
    });
    const secretRun = await run(echo, { kind: 'secret', secret: 'a-long-client-secret-value~1234567890' });
    for (const { error } of [federatedRun, secretRun]) {
      const err = federationError(error);
      expect(err.code).toBe('INVALID_ASSERTION');
      expect(err.message).not.toContain('eyJzdWIiOiJyZXBvOm8vcjpyZWY6cmVmcy9oZWFkcy9tYWluIn0');
      expect(err.message).not.toContain('a-long-client-secret-value~1234567890');
    }
  });

  test('a non-JSON error body is SERVICE_UNAVAILABLE for 5xx (after retries) and UNEXPECTED_RESPONSE otherwise', async () => {
    const html = (status: number) => ({
      status,
      headers: { 'content-type': 'text/html' },
      body: `<html><title>${status} Gateway says no</title></html>`,
    });
    const busy = await run(() => html(502));
    expect(federationError(busy.error)).toMatchObject({ code: 'SERVICE_UNAVAILABLE', status: 502 });
    expect(federationError(busy.error).message).toContain('"502 Gateway says no"');
    expect(busy.sent).toHaveLength(4);
    const proxy = await run(() => html(403));
    expect(federationError(proxy.error)).toMatchObject({ code: 'UNEXPECTED_RESPONSE', status: 403 });
    expect(proxy.sent).toHaveLength(1);
  });

  test('429 waits as asked when the wait fits, and is THROTTLED when it does not', async () => {
    const fits = await run((_req, n) =>
      n === 1 ? json(429, {}, { 'retry-after': '7' }) : tokenResponse(ACCESS_TOKEN),
    );
    expect(fits.token?.attempts).toBe(2);
    expect(fits.clock.waits).toEqual([7000]);
    const tooLong = await run(() => json(429, {}, { 'retry-after': '120' }));
    const err = federationError(tooLong.error);
    expect(err).toMatchObject({ code: 'THROTTLED', status: 429 });
    expect(err.message).toBe('Entra throttled the token request (HTTP 429) and asked to retry after 120 s.');
    expect(tooLong.sent).toHaveLength(1);
  });
});

describe('retries', () => {
  test('a transient AADSTS is tried again, each time with a fresh CI token', async () => {
    const credential = federated();
    const { token, sent, clock } = await run(
      (_req, n) => (n < 3 ? entraError(n === 1 ? 50033 : 90006) : tokenResponse(ACCESS_TOKEN)),
      credential,
    );
    expect(token?.attempts).toBe(3);
    expect(sent.map((r) => r.form['client_assertion'])).toEqual(['ci-token-1', 'ci-token-2', 'ci-token-3']);
    expect(credential.asked).toHaveLength(3);
    expect(clock.waits).toHaveLength(2);
  });

  test('a transient AADSTS that persists ends with its code once the attempts are used up', async () => {
    const { error, sent } = await run(() => entraError(90033, { status: 400 }));
    expect(federationError(error)).toMatchObject({ code: 'AADSTS_90033', aadsts: 90033 });
    expect(sent).toHaveLength(4);
  });

  test('a definitive AADSTS is sent exactly once, without waiting', async () => {
    for (const aadsts of [70021, 700213, 700024, 7000215, 70011]) {
      const { error, sent, clock } = await run(() => entraError(aadsts));
      expect(federationError(error).aadsts).toBe(aadsts);
      expect(sent).toHaveLength(1);
      expect(clock.waits).toEqual([]);
    }
  });

  test('no attempt starts past the deadline: the last answer is reported', async () => {
    const { error, sent, clock } = await run(() => entraError(50033), federated(), { deadlineMs: 1_000 });
    expect(federationError(error).code).toBe('AADSTS_50033');
    expect(sent.length).toBeLessThan(4);
    expect(clock.now() - Date.UTC(2026, 0, 1)).toBeLessThan(1_000);
  });

  test('a dropped connection is retried with a fresh CI token, then NETWORK_ERROR names the attempts', async () => {
    const reset = () => Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
    const recovered = await run((_req, n) => (n === 1 ? reset() : tokenResponse(ACCESS_TOKEN)));
    expect(recovered.sent.map((r) => r.form['client_assertion'])).toEqual(['ci-token-1', 'ci-token-2']);
    const failed = await run(reset);
    const err = federationError(failed.error);
    expect(err.code).toBe('NETWORK_ERROR');
    expect(err.message).toContain('after 4 attempts');
  });

  test('classifyTokenResponse: 408, 429, 5xx and transient AADSTS retry; everything else is final', () => {
    const verdict = (res: ReturnType<typeof json>) => classifyTokenResponse(res);
    expect(verdict(json(408, {}))).toBe('retry');
    expect(verdict(json(429, {}))).toBe('retry');
    expect(verdict(json(503, {}))).toBe('retry');
    for (const transient of [50033, 90006, 90024, 90033, 90090]) expect(verdict(entraError(transient))).toBe('retry');
    expect(verdict(entraError(70021))).toBe('final');
    expect(verdict(json(400, { error: 'invalid_request' }))).toBe('final');
    expect(verdict(tokenResponse(ACCESS_TOKEN))).toBe('final');
  });
});

describe('against the sandbox (a real Entra-shaped peer over loopback)', () => {
  let sb: Sandbox;
  const http = createNodeHttpClient();
  const endpoint = () => `${sb.origin}/${sb.tenantId}/oauth2/v2.0/token`;
  const request = (clock: ReturnType<typeof virtualClock>): ExchangeRequest => ({
    tokenEndpoint: endpoint(),
    clientId: sb.clientId,
    scope: SCOPE,
    deadlineAt: clock.now() + 60_000,
  });
  const ciTokens = (claims: Record<string, unknown> = {}) => {
    const minted: string[] = [];
    const credential: ClientCredential = {
      kind: 'federated',
      audience: 'api://AzureADTokenExchange',
      assertion: async (audience) => {
        const token = sb.mintIdToken({ audience, claims });
        minted.push(token);
        return token;
      },
    };
    return { credential, minted };
  };

  beforeAll(async () => {
    sb = await startSandbox();
  });
  afterAll(async () => {
    await sb.close();
  });

  test('a matching CI token gets an access token whose lifetime the sandbox set', async () => {
    const clock = virtualClock(Date.now());
    const { credential } = ciTokens();
    const token = await exchangeToken(request(clock), credential, {
      http,
      clock,
      correlationId: '11111111-2222-4333-8444-555555555555',
    });
    expect(token.accessToken.split('.')).toHaveLength(3);
    expect(token.expiresOn).toBe(clock.now() + 3599 * 1000);
    const received = sb.requests.at(-1);
    expect(received?.form).toMatchObject({
      grant_type: 'client_credentials',
      client_id: sb.clientId,
      scope: SCOPE,
      client_assertion_type: JWT_BEARER,
    });
    expect(received?.headers['client-request-id']).toBe('11111111-2222-4333-8444-555555555555');
  });

  test("a subject no FIC holds: Entra's error with the sandbox's trace id and our correlation id", async () => {
    const clock = virtualClock(Date.now());
    const { credential } = ciTokens({ sub: 'repo:octo-org/octo-repo:pull_request' });
    const before = sb.requests.length;
    const err = await exchangeToken(request(clock), credential, {
      http,
      clock,
      correlationId: '66666666-7777-4888-9999-aaaaaaaaaaaa',
    }).catch((e: unknown) => e);
    expect(federationError(err)).toMatchObject({
      code: 'NO_MATCHING_FIC',
      aadsts: 70021,
      correlationId: '66666666-7777-4888-9999-aaaaaaaaaaaa',
    });
    expect((err as FederationError).traceId).toMatch(/^[0-9a-f-]{36}$/);
    expect((err as FederationError).message).toContain('repo:octo-org/octo-repo:pull_request');
    expect(sb.requests.length - before).toBe(1);
  });

  test('a transient AADSTS from the peer is retried with a newly minted CI token', async () => {
    const clock = virtualClock(Date.now());
    const { credential, minted } = ciTokens();
    sb.setFaults([
      {
        target: 'token',
        times: 1,
        status: 400,
        contentType: 'application/json',
        body: JSON.stringify({
          error: 'temporarily_unavailable',
          error_codes: [50033],
          error_description: 'AADSTS50033: Retry.',
        }),
      },
    ]);
    const token = await exchangeToken(request(clock), credential, { http, clock });
    sb.setFaults([]);
    expect(token.attempts).toBe(2);
    expect(new Set(minted).size).toBe(2);
    expect(clock.waits).toHaveLength(1);
  });
});
