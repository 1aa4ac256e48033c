import { describe, expect, test } from 'vitest';
import { FederationError } from '../../../src/core/errors.js';
import type { Clock, HttpClient, HttpRequest } from '../../../src/core/http.js';
import { imdsEndpoint, managedIdentityToken } from '../../../src/core/managed-identity.js';

/** A clock that only moves when slept on: retries and deadlines without waiting. */
function fakeClock(start = 1_000_000): Clock {
  let now = start;
  return {
    now: () => now,
    sleep: async (ms) => {
      now += ms;
    },
    random: () => 0.5,
  };
}

function answering(status: number, body: unknown, seen: HttpRequest[] = []): HttpClient {
  return {
    send: async (req) => {
      seen.push(req);
      return { status, headers: {}, body: JSON.stringify(body) };
    },
  };
}

describe('where IMDS is', () => {
  test('the link-local address by default; http only to it and loopback, https anywhere', () => {
    expect(imdsEndpoint(undefined, 'IMDS_ENDPOINT')).toBe('http://169.254.169.254');
    expect(imdsEndpoint('http://127.0.0.1:8080/x', 'IMDS_ENDPOINT')).toBe('http://127.0.0.1:8080');
    expect(imdsEndpoint('https://nmi.example.com', 'IMDS_ENDPOINT')).toBe('https://nmi.example.com');
    for (const bad of ['http://metadata.example.com', 'not a url', 'ftp://169.254.169.254'])
      expect(() => imdsEndpoint(bad, 'IMDS_ENDPOINT'), bad).toThrow(FederationError);
  });
});

describe('a token from IMDS', () => {
  test('the request IMDS expects, and its string numbers parsed', async () => {
    const seen: HttpRequest[] = [];
    const clock = fakeClock();
    const http = answering(200, { access_token: 'a.b.c', expires_on: '1700000000', token_type: 'Bearer' }, seen);
    const token = await managedIdentityToken(
      {
        endpoint: 'http://169.254.169.254',
        resource: 'https://vault.azure.net',
        scope: 'https://vault.azure.net/.default',
        clientId: '11111111-1111-1111-1111-111111111111',
        deadlineAt: clock.now() + 10_000,
      },
      { http, clock },
    );
    expect(token).toMatchObject({
      accessToken: 'a.b.c',
      expiresOn: 1_700_000_000_000,
      scope: 'https://vault.azure.net/.default',
    });
    const url = new URL(seen[0]?.url ?? '');
    expect(url.origin + url.pathname).toBe('http://169.254.169.254/metadata/identity/oauth2/token');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      'api-version': '2018-02-01',
      resource: 'https://vault.azure.net',
      client_id: '11111111-1111-1111-1111-111111111111',
    });
    expect(seen[0]?.headers?.['metadata']).toBe('true');
  });

  test("IMDS's refusal becomes MANAGED_IDENTITY_FAILED with what to change; server text of odd shape is not shown", async () => {
    const clock = fakeClock();
    const request = {
      endpoint: 'http://169.254.169.254',
      resource: 'r',
      scope: 'r/.default',
      deadlineAt: clock.now() + 10_000,
    };
    const err = await managedIdentityToken(request, {
      http: answering(400, { error: 'invalid_request', error_description: 'Identity not found' }),
      clock,
    }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'MANAGED_IDENTITY_FAILED' });
    expect((err as FederationError).message).toContain('Identity not found');
    expect((err as FederationError).remedy).toContain('system-assigned identity');
    const odd = await managedIdentityToken(request, {
      http: answering(400, { error_description: 'line one\n::error::injected' }),
      clock,
    }).catch((e: unknown) => e);
    expect((odd as FederationError).message).not.toContain('injected');
  });

  test('no answer at all: MANAGED_IDENTITY_UNAVAILABLE at the deadline', async () => {
    const clock = fakeClock();
    const http: HttpClient = {
      send: async () => {
        throw Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
      },
    };
    const err = await managedIdentityToken(
      { endpoint: 'http://127.0.0.1:9', resource: 'r', scope: 'r/.default', deadlineAt: clock.now() + 5_000 },
      { http, clock },
    ).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'MANAGED_IDENTITY_UNAVAILABLE' });
  });
});
