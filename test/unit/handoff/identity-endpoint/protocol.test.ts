/** The App Service managed-identity protocol checks the identity endpoint applies to each request. */
import { describe, expect, test } from 'vitest';
import { parseTokenRequest, secretMatches, tokenBody } from '../../../../src/handoff/identity-endpoint/protocol.js';

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
