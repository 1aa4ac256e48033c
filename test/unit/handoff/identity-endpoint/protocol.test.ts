/** The managed-identity dialects' checks the identity endpoint applies to each request, and their answers. */
import { describe, expect, test } from 'vitest';
import {
  appService2017Time,
  errorBody,
  parseTokenRequest,
  secretMatches,
  tokenBody,
} from '../../../../src/handoff/identity-endpoint/protocol.js';

const secret = 'a'.repeat(64);
const capability = 'Zm9vYmFyYmF6cXV4cXV1eHF1dXhxdXV4cXV1eA';
const client = '5a4db0c5-c11e-4000-8000-000000000002';

describe('App Service 2019', () => {
  const parse = (url: string, headers: Record<string, string> = { 'x-identity-header': secret }, method = 'GET') =>
    parseTokenRequest(method, url, headers, { secret }, client);

  test('the secret is checked first, in constant time over equal-length digests', () => {
    expect(secretMatches(secret, secret)).toBe(true);
    expect(secretMatches(`${secret}a`, secret)).toBe(false);
    expect(secretMatches(undefined, secret)).toBe(false);
    expect(secretMatches([secret], secret)).toBe(false);
    expect(parse('/msi/token?api-version=bad', {})).toMatchObject({ ok: false, status: 401 });
    expect(parse('/msi/token?api-version=2019-08-01&resource=x', { 'x-identity-header': 'b' })).toMatchObject({
      ok: false,
      status: 401,
      dialect: 'app-service-2019',
    });
  });

  test('what @azure/msal-node sends is accepted; anything else is refused with the reason', () => {
    expect(parse('/msi/token?api-version=2019-08-01&resource=https%3A%2F%2Fvault.azure.net')).toEqual({
      ok: true,
      dialect: 'app-service-2019',
      resource: 'https://vault.azure.net',
    });
    expect(parse(`/msi/token?api-version=2019-08-01&resource=x&client_id=${client}`)).toMatchObject({ ok: true });
    expect(parse('/msi/token?api-version=2019-08-01&resource=x&client_id=other')).toMatchObject({
      ok: false,
      status: 400,
      description: expect.stringContaining(`serves client ${client} only`),
    });
    expect(parse('/msi/token?api-version=2019-08-01')).toMatchObject({ ok: false, status: 400 });
    expect(parse('/msi/token?api-version=2019-08-01&resource=x&object_id=1')).toMatchObject({ ok: false, status: 400 });
    expect(parse('/other')).toMatchObject({ ok: false, status: 404 });
    expect(parse('/msi/token', undefined, 'DELETE')).toMatchObject({ ok: false, status: 405 });
  });

  test("the answer has App Service's shape: expires_on in epoch seconds, as a string", () => {
    expect(
      JSON.parse(
        tokenBody(
          'app-service-2019',
          { accessToken: 't', expiresOn: 1_795_316_091_999 },
          'https://vault.azure.net',
          client,
        ),
      ),
    ).toEqual({
      access_token: 't',
      expires_on: '1795316091',
      resource: 'https://vault.azure.net',
      token_type: 'Bearer',
      client_id: client,
    });
    expect(JSON.parse(errorBody('app-service-2019', 'invalid_request', 'why'))).toEqual({
      error: 'invalid_request',
      error_description: 'why',
    });
  });
});

describe('App Service 2017', () => {
  const parse = (url: string, headers: Record<string, string> = { secret }) =>
    parseTokenRequest('GET', url, headers, { secret }, client);

  test("what msrestazure sends (MSI_ENDPOINT + '/?resource=...', a secret header, clientid) is accepted", () => {
    expect(parse('/msi/token/?resource=https://management.core.windows.net/&api-version=2017-09-01')).toEqual({
      ok: true,
      dialect: 'app-service-2017',
      resource: 'https://management.core.windows.net/',
    });
    expect(parse(`/msi/token/?resource=x&api-version=2017-09-01&clientid=${client.toUpperCase()}`)).toMatchObject({
      ok: true,
    });
  });

  test('no secret, a wrong one, a wrong version or another client: refused in the 2017 shape', () => {
    expect(parse('/msi/token/?resource=x&api-version=2017-09-01', {})).toMatchObject({
      ok: false,
      status: 401,
      dialect: 'app-service-2017',
      description: expect.stringContaining('MSI_SECRET'),
    });
    expect(parse('/msi/token/?resource=x&api-version=2017-09-01', { secret: 'nope' })).toMatchObject({ status: 401 });
    // The 2019 header's value in the 2017 header is still the secret; an empty one is not.
    expect(parse('/msi/token/?resource=x&api-version=2017-09-01', { secret: '' })).toMatchObject({ status: 401 });
    expect(parse('/msi/token/?resource=x&api-version=2019-08-01')).toMatchObject({
      status: 400,
      description: expect.stringContaining('2017-09-01'),
    });
    expect(parse('/msi/token/?resource=x&api-version=2017-09-01&clientid=other')).toMatchObject({ status: 400 });
    const body = JSON.parse(errorBody('app-service-2017', 'unauthorized', 'why', 401)) as Record<string, unknown>;
    expect(body).toMatchObject({ ExceptionMessage: 'why', StatusCode: 401 });
  });

  test('expires_on is "MM/DD/YYYY HH:MM:SS +00:00" in UTC, as App Service wrote it and az and adal parse it', () => {
    expect(appService2017Time(Date.UTC(2021, 10, 5, 15, 18, 31, 999))).toBe('11/05/2021 15:18:31 +00:00');
    expect(appService2017Time(Date.UTC(2030, 0, 9, 3, 4, 5))).toBe('01/09/2030 03:04:05 +00:00');
    const body = JSON.parse(
      tokenBody('app-service-2017', { accessToken: 't', expiresOn: Date.UTC(2030, 0, 9, 3, 4, 5) }, 'r', client),
    );
    expect(body).toEqual({
      access_token: 't',
      expires_on: '01/09/2030 03:04:05 +00:00',
      resource: 'r',
      token_type: 'Bearer',
      client_id: client,
    });
  });
});

describe('IMDS under a capability path', () => {
  const path = `/${capability}/metadata/identity/oauth2/token`;
  const parse = (url: string, headers: Record<string, string> = { metadata: 'true' }, served = true) =>
    parseTokenRequest('GET', url, headers, served ? { secret, capability } : { secret }, client);

  test('served only under the capability, with Metadata: true, at api-version 2018-02-01', () => {
    expect(parse(`${path}?api-version=2018-02-01&resource=https%3A%2F%2Fmanagement.azure.com%2F`)).toEqual({
      ok: true,
      dialect: 'imds',
      resource: 'https://management.azure.com/',
    });
    expect(parse(`${path}?api-version=2018-02-01&resource=x&client_id=${client}`)).toMatchObject({ ok: true });
    expect(parse(`${path}?api-version=2018-02-01&resource=x`, {})).toMatchObject({ ok: false, status: 400 });
    expect(parse(`${path}?api-version=2018-02-01&resource=x&client_id=other`)).toMatchObject({ status: 400 });
    expect(parse(`${path}?api-version=2019-08-01&resource=x`)).toMatchObject({ status: 400 });
  });

  test('no capability, a wrong one, or IMDS not asked for: nothing but a 404', () => {
    expect(parse('/metadata/identity/oauth2/token?api-version=2018-02-01&resource=x')).toMatchObject({ status: 404 });
    expect(parse(`/${capability}x/metadata/identity/oauth2/token?api-version=2018-02-01&resource=x`)).toMatchObject({
      status: 404,
    });
    expect(parse(`${path}?api-version=2018-02-01&resource=x`, { metadata: 'true' }, false)).toMatchObject({
      status: 404,
    });
  });

  test("the answer has IMDS's shape: seconds as strings", () => {
    const now = 1_800_000_000_000;
    const body = JSON.parse(
      tokenBody('imds', { accessToken: 't', expiresOn: now + 3_600_000, obtainedAt: now - 5000 }, 'r', client, now),
    );
    expect(body).toEqual({
      access_token: 't',
      client_id: client,
      expires_in: '3600',
      expires_on: '1800003600',
      ext_expires_in: '3600',
      not_before: '1799999995',
      resource: 'r',
      token_type: 'Bearer',
    });
  });
});
