// The sandbox over real loopback HTTP(S): Entra discovery and token endpoint, the CI issuer,
// faults, configuration, and Microsoft's own @azure/identity as a client in a child process.
import { execFileSync } from 'node:child_process';
import { createPrivateKey, createPublicKey, X509Certificate, verify as verifySignature } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DEFAULT_CLIENT_ID,
  DEFAULT_SUBSCRIPTION_ID,
  DEFAULT_TENANT_ID,
  createSelfSignedCertificate,
  loadSandboxConfig,
  startSandbox,
  type Sandbox,
} from '../../src/sandbox/index.js';
import {
  JWT_BEARER,
  certificateAssertionClaims,
  decodeHeader,
  decodePayload,
  expectEntraError,
  httpCall,
  postForm,
  postJson,
  rawGet,
  runNodeScript,
  signJwtForTest,
} from '../helpers/sandbox-http.js';

const ARM = 'https://management.azure.com/.default';
const PROJECT_ROOT = join(import.meta.dirname, '..');
const OTHER_APP = '0e1e2e3e-4e5e-4e6e-8e7e-8e9eaebecede';
const SECRET = 'sandbox-secret-value-Zq9~x';
const clientCert = createSelfSignedCertificate({ commonName: 'sandbox test client', keyType: 'rsa' });
const strangerCert = createSelfSignedCertificate({ commonName: 'unregistered client', keyType: 'rsa' });

/** Secrets and assertions this file sends; none may appear in any request log. */
const sentSecrets = new Set<string>([SECRET]);

function expectLogClean(sandbox: Sandbox): void {
  const log = JSON.stringify(sandbox.requests);
  // Short junk assertions ('', 'a.b.c') would match by accident; real ones are long.
  const leaked = [...sentSecrets].filter((secret) => secret.length >= 16 && log.includes(secret));
  expect(leaked, 'secrets or assertions leaked into the request log').toEqual([]);
  expect(log).not.toMatch(/eyJ[\w-]+\.[\w-]+\./); // no JWT at all
}

function verifyJwtWithJwks(jwt: string, jwks: { keys: Array<Record<string, unknown>> }): boolean {
  const [h = '', p = '', s = ''] = jwt.split('.');
  const kid = decodeHeader(jwt)['kid'];
  const jwk = jwks.keys.find((k) => k['kid'] === kid);
  if (!jwk) return false;
  const key = createPublicKey({ key: jwk as never, format: 'jwk' });
  return verifySignature('sha256', Buffer.from(`${h}.${p}`), key, Buffer.from(s, 'base64url'));
}

describe('createSelfSignedCertificate', () => {
  it('builds RSA and EC certificates that node and openssl parse', () => {
    for (const keyType of ['rsa', 'ec'] as const) {
      const made = createSelfSignedCertificate({
        commonName: 'loopback',
        sans: { dns: ['localhost'], ip: ['127.0.0.1', '::1'] },
        keyType,
        isCa: true,
        days: 2,
      });
      const cert = new X509Certificate(made.certPem);
      expect(cert.subject).toBe('CN=loopback');
      expect(cert.ca).toBe(true);
      expect(cert.subjectAltName).toBe('DNS:localhost, IP Address:127.0.0.1, IP Address:0:0:0:0:0:0:0:1');
      expect(cert.checkIP('::1')).toBe('::1');
      expect(cert.verify(cert.publicKey)).toBe(true);
      expect(cert.checkPrivateKey(createPrivateKey(made.keyPem))).toBe(true);
      expect(made.thumbprintSha256).toBe(
        Buffer.from(cert.fingerprint256.replace(/:/g, ''), 'hex').toString('base64url'),
      );
      expect(made.thumbprintSha1).toBe(Buffer.from(cert.fingerprint.replace(/:/g, ''), 'hex').toString('base64url'));
      const validDays = (Date.parse(cert.validTo) - Date.now()) / 86400_000;
      expect(validDays).toBeGreaterThan(1.9);
      expect(validDays).toBeLessThan(2.1);
      if (hasOpenssl()) {
        const text = execFileSync('openssl', ['x509', '-noout', '-text'], { input: made.certPem }).toString();
        expect(text).toContain('CA:TRUE');
        expect(text).toContain('IP Address:127.0.0.1');
        expect(text).toMatch(/Authority Key Identifier/);
      }
    }
  });

  it('makes leaf certificates without CA:TRUE by default', () => {
    expect(new X509Certificate(clientCert.certPem).ca).toBe(false);
  });
});

let opensslChecked: boolean | undefined;
function hasOpenssl(): boolean {
  if (opensslChecked === undefined) {
    try {
      execFileSync('openssl', ['version'], { stdio: 'ignore' });
      opensslChecked = true;
    } catch {
      opensslChecked = false;
    }
  }
  return opensslChecked;
}

describe('sandbox over http', () => {
  let sb: Sandbox;
  let tokenUrl: string;
  const exchange = (assertion: string, extra: Record<string, string> = {}, headers: Record<string, string> = {}) => {
    sentSecrets.add(assertion);
    return postForm(
      tokenUrl,
      {
        grant_type: 'client_credentials',
        client_id: sb.clientId,
        scope: ARM,
        client_assertion_type: JWT_BEARER,
        client_assertion: assertion,
        ...extra,
      },
      headers,
    );
  };

  beforeAll(async () => {
    sb = await startSandbox({
      config: {
        issuers: [
          { issuer: 'https://gitlab.com' },
          { issuer: 'https://self.example/oidc', jwksUri: '{origin}/ci/.well-known/jwks' },
          { issuer: 'https://down.example', jwksUri: 'http://127.0.0.1:1/jwks' },
        ],
      },
    });
    tokenUrl = `${sb.origin}/${sb.tenantId}/oauth2/v2.0/token`;
    sb.addApp({
      clientId: DEFAULT_CLIENT_ID,
      displayName: 'default app',
      federatedCredentials: [
        {
          name: 'main',
          issuer: sb.issuer,
          subject: 'repo:octo-org/octo-repo:ref:refs/heads/main',
          audiences: ['api://AzureADTokenExchange'],
        },
        {
          name: 'gitlab',
          issuer: 'https://gitlab.com',
          subject: 'project_path:grp/proj:ref_type:branch:ref:main',
          audiences: ['https://gitlab.com'],
        },
        {
          name: 'self',
          issuer: 'https://self.example/oidc',
          subject: 'self-sub',
          audiences: ['api://AzureADTokenExchange'],
        },
        {
          name: 'down',
          issuer: 'https://down.example',
          subject: 'down-sub',
          audiences: ['api://AzureADTokenExchange'],
        },
        { name: 'nowhere', issuer: 'https://nowhere.example', subject: 'x', audiences: ['api://AzureADTokenExchange'] },
      ],
    });
    sb.addApp({
      clientId: OTHER_APP,
      displayName: 'secret-and-cert app',
      secrets: [SECRET],
      certificates: [clientCert.certPem],
    });
  });

  afterAll(async () => {
    if (!sb) return;
    expectLogClean(sb);
    await sb.close();
  });

  describe('coordinates', () => {
    it('uses the documented defaults and a GitHub-style request URL', () => {
      expect(sb.tenantId).toBe(DEFAULT_TENANT_ID);
      expect(sb.clientId).toBe(DEFAULT_CLIENT_ID);
      expect(sb.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(sb.authorityHost).toBe(sb.origin);
      expect(sb.issuer).toBe(`${sb.origin}/ci`);
      expect(sb.idTokenRequestUrl).toBe(`${sb.origin}/ci/idtoken?api-version=2.0`);
      expect(sb.idTokenRequestToken.length).toBeGreaterThanOrEqual(32);
      expect(sb.coordinates()).toEqual({
        authorityHost: sb.origin,
        tenantId: sb.tenantId,
        clientId: sb.clientId,
        issuer: sb.issuer,
        idTokenRequestUrl: sb.idTokenRequestUrl,
        idTokenRequestToken: sb.idTokenRequestToken,
        graphEndpoint: sb.origin,
        armEndpoint: sb.origin,
        subscriptionId: DEFAULT_SUBSCRIPTION_ID,
      });
    });
  });

  describe('Entra discovery and keys', () => {
    it('serves v2 discovery by tenant id and by verified domain, resolving to the tenant id', async () => {
      for (const tenant of [sb.tenantId, 'sandbox.onmicrosoft.com']) {
        const res = await httpCall(`${sb.origin}/${tenant}/v2.0/.well-known/openid-configuration`);
        expect(res.status).toBe(200);
        expect(res.json).toMatchObject({
          issuer: `${sb.origin}/${sb.tenantId}/v2.0`,
          token_endpoint: tokenUrl,
          authorization_endpoint: `${sb.origin}/${sb.tenantId}/oauth2/v2.0/authorize`,
          jwks_uri: `${sb.origin}/${sb.tenantId}/discovery/v2.0/keys`,
          end_session_endpoint: `${sb.origin}/${sb.tenantId}/oauth2/v2.0/logout`,
          device_authorization_endpoint: `${sb.origin}/${sb.tenantId}/oauth2/v2.0/devicecode`,
          token_endpoint_auth_methods_supported: ['client_secret_post', 'private_key_jwt', 'client_secret_basic'],
          id_token_signing_alg_values_supported: ['RS256'],
        });
      }
    });

    it('serves v1 and tenant-less discovery and instance discovery', async () => {
      const v1 = await httpCall(`${sb.origin}/${sb.tenantId}/.well-known/openid-configuration`);
      expect(v1.json).toMatchObject({
        issuer: `https://sts.windows.net/${sb.tenantId}/`,
        token_endpoint: `${sb.origin}/${sb.tenantId}/oauth2/token`,
      });
      const common = await httpCall(`${sb.origin}/common/v2.0/.well-known/openid-configuration`);
      expect(common.json).toMatchObject({
        issuer: `${sb.origin}/{tenantid}/v2.0`,
        token_endpoint: `${sb.origin}/common/oauth2/v2.0/token`,
      });
      const authorize = encodeURIComponent(`${sb.origin}/${sb.tenantId}/oauth2/v2.0/authorize`);
      const instance = await httpCall(
        `${sb.origin}/common/discovery/instance?api-version=1.1&authorization_endpoint=${authorize}`,
      );
      const host = new URL(sb.origin).host;
      expect(instance.json).toEqual({
        tenant_discovery_endpoint: `${sb.origin}/${sb.tenantId}/v2.0/.well-known/openid-configuration`,
        'api-version': '1.1',
        metadata: [{ preferred_network: host, preferred_cache: host, aliases: [host] }],
      });
    });

    it('answers unknown and malformed tenants like Entra', async () => {
      const unknown = await httpCall(
        `${sb.origin}/00000000-0000-4000-8000-000000000000/v2.0/.well-known/openid-configuration`,
      );
      expectEntraError(unknown, 400, 'invalid_tenant', 90002);
      const malformed = await httpCall(`${sb.origin}/not_a_tenant/v2.0/.well-known/openid-configuration`);
      expectEntraError(malformed, 400, 'invalid_request', 900023);
    });

    it('publishes an RSA JWKS with kid, x5t and a matching x5c certificate', async () => {
      const res = await httpCall(`${sb.origin}/${sb.tenantId}/discovery/v2.0/keys`);
      expect(res.status).toBe(200);
      const [key] = res.json.keys;
      expect(key).toMatchObject({ kty: 'RSA', use: 'sig', e: 'AQAB', issuer: `${sb.origin}/${sb.tenantId}/v2.0` });
      expect(key.kid).toBe(key.x5t);
      const cert = new X509Certificate(Buffer.from(key.x5c[0], 'base64'));
      expect(Buffer.from(cert.fingerprint.replace(/:/g, ''), 'hex').toString('base64url')).toBe(key.x5t);
      expect(cert.publicKey.export({ format: 'jwk' })).toMatchObject({ n: key.n, e: key.e });
      expect(Buffer.from(key.n, 'base64url').length).toBe(256); // RSA 2048
    });
  });

  describe('federated exchange', () => {
    it('exchanges the CI token for an access token with realistic v1 claims', async () => {
      const res = await exchange(sb.mintIdToken(), {}, { 'client-request-id': 'corr-0001' });
      expect(res.status).toBe(200);
      expect(Object.keys(res.json).sort()).toEqual(['access_token', 'expires_in', 'ext_expires_in', 'token_type']);
      expect(res.json).toMatchObject({ token_type: 'Bearer', expires_in: 3599, ext_expires_in: 3599 });
      expect(res.headers.get('client-request-id')).toBe('corr-0001');
      expect(res.headers.get('cache-control')).toContain('no-store');
      const token: string = res.json.access_token;
      sentSecrets.add(token);
      const claims = decodePayload(token);
      const now = Date.now() / 1000;
      expect(claims).toMatchObject({
        aud: 'https://management.azure.com',
        iss: `https://sts.windows.net/${sb.tenantId}/`,
        idp: `https://sts.windows.net/${sb.tenantId}/`,
        appid: sb.clientId,
        appidacr: '2',
        idtyp: 'app',
        tid: sb.tenantId,
        ver: '1.0',
      });
      expect(claims['oid']).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(claims['sub']).toBe(claims['oid']);
      expect(claims['uti']).toMatch(/^[\w-]{22}$/);
      expect(typeof claims['rh']).toBe('string');
      expect(claims['exp']).toBeGreaterThan(now + 3500);
      expect(claims['nbf']).toBeLessThanOrEqual(now);
      expect(decodeHeader(token)).toMatchObject({ typ: 'JWT', alg: 'RS256' });
      const jwks = (await httpCall(`${sb.origin}/${sb.tenantId}/discovery/v2.0/keys`)).json;
      expect(verifyJwtWithJwks(token, jwks)).toBe(true);

      // The same app gets the same object id every time.
      const again = await exchange(sb.mintIdToken());
      sentSecrets.add(again.json.access_token);
      expect(decodePayload(again.json.access_token)['oid']).toBe(claims['oid']);
    });

    it('accepts an aud array with one matching element, a domain tenant and a simulated issuer', async () => {
      const withArray = await exchange(
        sb.mintIdToken({ claims: { aud: ['https://other', 'api://AzureADTokenExchange'] } }),
      );
      expect(withArray.status).toBe(200);
      sentSecrets.add(withArray.json.access_token);
      const byDomain = await postForm(`${sb.origin}/sandbox.onmicrosoft.com/oauth2/v2.0/token`, {
        grant_type: 'client_credentials',
        client_id: sb.clientId,
        scope: ARM,
        client_assertion_type: JWT_BEARER,
        client_assertion: track(sb.mintIdToken()),
      });
      expect(byDomain.status).toBe(200);
      sentSecrets.add(byDomain.json.access_token);
      const gitlab = await exchange(
        sb.mintIdToken({
          issuer: 'https://gitlab.com',
          audience: 'https://gitlab.com',
          claims: { sub: 'project_path:grp/proj:ref_type:branch:ref:main' },
        }),
      );
      expect(gitlab.status).toBe(200);
      sentSecrets.add(gitlab.json.access_token);
    });

    it('fetches a configured jwksUri, and fails with 501661 when that fetch fails', async () => {
      const token = () => sb.mintIdToken({ issuer: 'https://self.example/oidc', claims: { sub: 'self-sub' } });
      const ok = await exchange(token());
      expect(ok.status).toBe(200);
      sentSecrets.add(ok.json.access_token);
      const jwksFetch = sb.requests.filter((r) => r.target === 'ci-jwks').at(-1);
      expect(jwksFetch?.status).toBe(200);

      sb.setFaults([{ target: 'ci-jwks', status: 500 }]);
      expectEntraError(await exchange(token()), 401, 'invalid_client', 501661);
      const down = await exchange(sb.mintIdToken({ issuer: 'https://down.example', claims: { sub: 'down-sub' } }));
      expectEntraError(down, 401, 'invalid_client', 501661);
      expect(sb.requests.at(-1)?.error).toMatch(/^AADSTS501661: JWKS http:\/\/127\.0\.0\.1:1\/jwks/);
    });

    it('rejects an issuer that a FIC names but the sandbox does not know (501661)', async () => {
      const res = await exchange(sb.mintIdToken({ issuer: 'https://nowhere.example', claims: { sub: 'x' } }));
      expectEntraError(res, 401, 'invalid_client', 501661);
      expect(res.json.error_description).toMatch(/^AADSTS501661: Request to External OIDC endpoint failed\./);
    });

    it('reports each FIC mismatch as Entra does', async () => {
      const wrongSubject = await exchange(sb.mintIdToken({ claims: { sub: 'repo:octo-org/octo-repo:pull_request' } }));
      expectEntraError(wrongSubject, 400, 'invalid_request', 70021);
      expect(wrongSubject.json.error_description).toContain(
        `No matching federated identity record found for presented assertion. Assertion Issuer: '${sb.issuer}'. ` +
          "Assertion Subject: 'repo:octo-org/octo-repo:pull_request'. Assertion Audience: 'api://AzureADTokenExchange'.",
      );
      const wrongAudience = await exchange(sb.mintIdToken({ audience: 'api://AzureADTokenExchangeUSGov' }));
      expectEntraError(wrongAudience, 400, 'invalid_request', 70021);
      expect(wrongAudience.json.error_description).toContain("Assertion Audience: 'api://AzureADTokenExchangeUSGov'.");
      const trailingSlash = await exchange(sb.mintIdToken({ issuer: `${sb.issuer}/` }));
      expectEntraError(trailingSlash, 400, 'invalid_request', 70021);
      expect(trailingSlash.json.error_description).toContain(`Assertion Issuer: '${sb.issuer}/'.`);
      const caseOnly = await exchange(
        sb.mintIdToken({ claims: { sub: 'repo:Octo-Org/octo-repo:ref:refs/heads/main' } }),
      );
      expectEntraError(caseOnly, 401, 'invalid_client', 7002138);
    });

    it('derives the GitHub subject from the claims (environment wins)', async () => {
      const token = sb.mintIdToken({ claims: { environment: 'prod:eu' } });
      expect(decodePayload(token)['sub']).toBe('repo:octo-org/octo-repo:environment:prod%3Aeu');
      const pr = sb.mintIdToken({ claims: { event_name: 'pull_request' } });
      expect(decodePayload(pr)['sub']).toBe('repo:octo-org/octo-repo:pull_request');
    });

    it('rejects bad signatures, unknown kids and malformed assertions with 50027', async () => {
      const good = sb.mintIdToken();
      const [h, p, s = ''] = good.split('.');
      const tampered = `${h}.${Buffer.from(JSON.stringify({ ...decodePayload(good), sub: 'repo:octo-org/octo-repo:ref:refs/heads/main ' })).toString('base64url')}.${s}`;
      expectEntraError(await exchange(tampered), 400, 'invalid_request', 50027);
      const flipped = `${h}.${p}.${s.slice(0, -4)}${s.slice(-4) === 'AAAA' ? 'BBBB' : 'AAAA'}`;
      expectEntraError(await exchange(flipped), 400, 'invalid_request', 50027);
      expectEntraError(await exchange(sb.mintIdToken({ kid: 'no-such-kid' })), 400, 'invalid_request', 50027);
      for (const junk of ['', 'not-a-jwt', 'a.b.c', `${h}.${p}`, '%%%.&&&.***']) {
        expectEntraError(await exchange(junk), 400, 'invalid_request', 50027);
      }
      // A token signed by a key the issuer does not publish (the stranger's certificate key).
      const foreign = signJwtForTest(
        { alg: 'RS256', typ: 'JWT', kid: decodeHeader(good)['kid'] },
        decodePayload(good),
        strangerCert.keyPem,
      );
      expectEntraError(await exchange(foreign), 400, 'invalid_request', 50027);
    });

    it("enforces the validity window with 700024 and Entra's wording", async () => {
      const now = Math.floor(Date.now() / 1000);
      const expired = await exchange(sb.mintIdToken({ claims: { iat: now - 900, nbf: now - 900, exp: now - 60 } }));
      expectEntraError(expired, 401, 'invalid_client', 700024);
      expect(expired.json.error_description).toMatch(
        /^AADSTS700024: Client assertion is not within its valid time range\. Current time: \d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{7}Z, assertion valid from \d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.0000000Z, expiry time of assertion \d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.0000000Z\./,
      );
      const negativeLifetime = await exchange(sb.mintIdToken({ lifetimeSeconds: -1 }));
      expectEntraError(negativeLifetime, 401, 'invalid_client', 700024);
      const early = await exchange(sb.mintIdToken({ claims: { nbf: now + 3600, exp: now + 7200 } }));
      expectEntraError(early, 401, 'invalid_client', 700024);
    });

    it('refuses Entra-issued tokens as assertions (700222)', async () => {
      const ok = await exchange(sb.mintIdToken());
      const accessToken: string = ok.json.access_token;
      sentSecrets.add(accessToken);
      expectEntraError(await exchange(accessToken), 401, 'invalid_client', 700222);
      const v2Style = sb.mintIdToken({ issuer: `${sb.origin}/${sb.tenantId}/v2.0` });
      expectEntraError(await exchange(v2Style), 401, 'invalid_client', 700222);
    });

    it('says 70025 when the app has no federated credentials', async () => {
      const res = await postForm(tokenUrl, {
        grant_type: 'client_credentials',
        client_id: OTHER_APP,
        scope: ARM,
        client_assertion_type: JWT_BEARER,
        client_assertion: track(sb.mintIdToken()),
      });
      expectEntraError(res, 401, 'invalid_client', 70025);
      expect(res.json.error_description).toContain(
        `The client '${OTHER_APP}'(secret-and-cert app) has no configured federated identity credentials.`,
      );
    });

    it('picks up FICs added at runtime', async () => {
      const appId = '1a2b3c4d-0000-4000-8000-00000000abcd';
      const token = sb.mintIdToken({ claims: { ref: 'refs/heads/release' } });
      const before = await postForm(tokenUrl, {
        grant_type: 'client_credentials',
        client_id: appId,
        scope: ARM,
        client_assertion_type: JWT_BEARER,
        client_assertion: track(token),
      });
      expectEntraError(before, 400, 'unauthorized_client', 700016);
      const added = await postJson(`${sb.origin}/_sandbox/apps`, {
        clientId: appId,
        federatedCredentials: [
          {
            issuer: '{origin}/ci',
            subject: 'repo:octo-org/octo-repo:ref:refs/heads/release',
            audiences: ['api://AzureADTokenExchange'],
          },
        ],
      });
      expect(added.status).toBe(200);
      const after = await postForm(tokenUrl, {
        grant_type: 'client_credentials',
        client_id: appId,
        scope: ARM,
        client_assertion_type: JWT_BEARER,
        client_assertion: track(token),
      });
      expect(after.status).toBe(200);
      sentSecrets.add(after.json.access_token);
    });
  });

  describe('token request validation', () => {
    const base = () => ({
      grant_type: 'client_credentials',
      client_id: sb.clientId,
      scope: ARM,
      client_assertion_type: JWT_BEARER,
      client_assertion: track(sb.mintIdToken()),
    });
    const without = (name: string) => Object.fromEntries(Object.entries(base()).filter(([k]) => k !== name));

    it.each([
      ['an unknown tenant', '00000000-0000-4000-8000-000000000000', 400, 'invalid_tenant', 90002],
      ['a malformed tenant', 'not%20a%20tenant', 400, 'invalid_request', 900023],
      ['a single-label tenant', 'contoso', 400, 'invalid_request', 900023],
      ['the /common endpoint', 'common', 400, 'invalid_request', 9001023],
    ] as const)('rejects %s', async (_name, tenant, status, error, code) => {
      expectEntraError(await postForm(`${sb.origin}/${tenant}/oauth2/v2.0/token`, base()), status, error, code);
    });

    it('rejects missing and unsupported parameters', async () => {
      expectEntraError(await postForm(tokenUrl, without('grant_type')), 400, 'invalid_request', 900144);
      expectEntraError(
        await postForm(tokenUrl, { ...base(), grant_type: 'password' }),
        400,
        'unsupported_grant_type',
        70003,
      );
      expectEntraError(await postForm(tokenUrl, without('client_id')), 400, 'invalid_request', 900144);
      const noScope = await postForm(tokenUrl, without('scope'));
      expectEntraError(noScope, 400, 'invalid_request', 900144);
      expect(noScope.json.error_description).toMatch(
        /^AADSTS900144: The request body must contain the following parameter: 'scope'\./,
      );
      expectEntraError(await postForm(tokenUrl, without('client_assertion_type')), 400, 'invalid_request', 900144);
      const noCredential = await postForm(tokenUrl, {
        grant_type: 'client_credentials',
        client_id: sb.clientId,
        scope: ARM,
      });
      expectEntraError(noCredential, 401, 'invalid_client', 7000218);
      expectEntraError(
        await postForm(tokenUrl, { ...base(), client_assertion_type: 'urn:other' }),
        401,
        'invalid_client',
        7000218,
      );
      expectEntraError(
        await postForm(tokenUrl, { ...base(), client_id: '99999999-9999-4999-8999-999999999999' }),
        400,
        'unauthorized_client',
        700016,
      );
    });

    it('rejects scopes that are not exactly one <resource>/.default', async () => {
      const invalid = await postForm(tokenUrl, { ...base(), scope: 'https://management.azure.com/user_impersonation' });
      expectEntraError(invalid, 400, 'invalid_scope', 70011);
      expectEntraError(await postForm(tokenUrl, { ...base(), scope: '/.default' }), 400, 'invalid_scope', 70011);
      const two = await postForm(tokenUrl, { ...base(), scope: `${ARM} https://graph.microsoft.com/.default` });
      expectEntraError(two, 400, 'invalid_scope', 700022);
      // OIDC scopes ride along harmlessly, as with Entra.
      const withOidc = await postForm(tokenUrl, { ...base(), scope: `${ARM} openid offline_access` });
      expect(withOidc.status).toBe(200);
      sentSecrets.add(withOidc.json.access_token);
    });

    it('answers a GET and a non-form body like Entra', async () => {
      expectEntraError(await httpCall(tokenUrl), 400, 'invalid_request', 900561);
      const json = await httpCall(tokenUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(base()),
      });
      expectEntraError(json, 400, 'invalid_request', 900144);
    });

    it('uses client-request-id as the correlation id, else a fresh one', async () => {
      const withId = await postForm(tokenUrl, without('grant_type'), { 'client-request-id': 'my-corr-42' });
      expect(withId.json.correlation_id).toBe('my-corr-42');
      expect(withId.headers.get('client-request-id')).toBe('my-corr-42');
      const withQuery = await postForm(`${tokenUrl}?client-request-id=from-query`, without('grant_type'));
      expect(withQuery.json.correlation_id).toBe('from-query');
      const withoutId = await postForm(tokenUrl, without('grant_type'));
      expect(withoutId.json.correlation_id).toMatch(/^[0-9a-f-]{36}$/);
    });

    it('survives oversized and garbage bodies', async () => {
      const big = await httpCall(tokenUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: `grant_type=${'x'.repeat(70 * 1024)}`,
      });
      expect(big.status).toBe(413);
      const garbage = await httpCall(tokenUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: Buffer.from([0xff, 0xfe, 0x00, 0x25, 0x25, 0x3d, 0x26]),
      });
      expectEntraError(garbage, 400, 'invalid_request', 900144);
      const badJson = await httpCall(`${sb.origin}/_sandbox/faults`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{nope',
      });
      expect(badJson.status).toBe(400);
      expect((await httpCall(`${sb.origin}/nothing/here`)).status).toBe(404);
      expect((await httpCall(`${sb.origin}/ci/.well-known/jwks`, { method: 'DELETE' })).status).toBe(405);
      const stillUp = await exchange(sb.mintIdToken());
      expect(stillUp.status).toBe(200);
      sentSecrets.add(stillUp.json.access_token);
    });
  });

  describe('certificate credential', () => {
    const certForm = (assertion: string) => {
      sentSecrets.add(assertion);
      return postForm(tokenUrl, {
        grant_type: 'client_credentials',
        client_id: OTHER_APP,
        scope: ARM,
        client_assertion_type: JWT_BEARER,
        client_assertion: assertion,
      });
    };

    it('accepts RS256 with x5t and PS256 with x5t#S256', async () => {
      const rs = signJwtForTest(
        { alg: 'RS256', typ: 'JWT', x5t: clientCert.thumbprintSha1 },
        certificateAssertionClaims(OTHER_APP, tokenUrl),
        clientCert.keyPem,
      );
      const rsRes = await certForm(rs);
      expect(rsRes.status).toBe(200);
      sentSecrets.add(rsRes.json.access_token);
      expect(decodePayload(rsRes.json.access_token)).toMatchObject({ appid: OTHER_APP, appidacr: '2' });
      const ps = signJwtForTest(
        { alg: 'PS256', typ: 'JWT', 'x5t#S256': clientCert.thumbprintSha256 },
        certificateAssertionClaims(OTHER_APP, tokenUrl),
        clientCert.keyPem,
      );
      const psRes = await certForm(ps);
      expect(psRes.status).toBe(200);
      sentSecrets.add(psRes.json.access_token);
    });

    it('maps certificate assertion faults to 700021, 700023, 700027 and 700024', async () => {
      const header = { alg: 'RS256', typ: 'JWT', x5t: clientCert.thumbprintSha1 };
      const claims = certificateAssertionClaims(OTHER_APP, tokenUrl);
      expectEntraError(
        await certForm(signJwtForTest(header, { ...claims, iss: DEFAULT_CLIENT_ID }, clientCert.keyPem)),
        401,
        'invalid_client',
        700021,
      );
      expectEntraError(
        await certForm(
          signJwtForTest(
            header,
            { ...claims, aud: 'https://login.microsoftonline.com/x/oauth2/v2.0/token' },
            clientCert.keyPem,
          ),
        ),
        401,
        'invalid_client',
        700023,
      );
      const unknownCert = await certForm(
        signJwtForTest({ ...header, x5t: strangerCert.thumbprintSha1 }, claims, strangerCert.keyPem),
      );
      expectEntraError(unknownCert, 401, 'invalid_client', 700027);
      expect(unknownCert.json.error_description).toContain(
        Buffer.from(strangerCert.thumbprintSha1, 'base64url').toString('hex').toUpperCase(),
      );
      expectEntraError(
        await certForm(signJwtForTest(header, claims, strangerCert.keyPem)),
        401,
        'invalid_client',
        700027,
      );
      const now = Math.floor(Date.now() / 1000);
      expectEntraError(
        await certForm(signJwtForTest(header, { ...claims, nbf: now - 1200, exp: now - 600 }, clientCert.keyPem)),
        401,
        'invalid_client',
        700024,
      );
    });
  });

  describe('client secret', () => {
    it('accepts the secret in the form and via HTTP Basic, never echoing it', async () => {
      const form = await postForm(tokenUrl, {
        grant_type: 'client_credentials',
        client_id: OTHER_APP,
        scope: ARM,
        client_secret: SECRET,
      });
      expect(form.status).toBe(200);
      sentSecrets.add(form.json.access_token);
      expect(decodePayload(form.json.access_token)).toMatchObject({ appidacr: '1', appid: OTHER_APP });
      const basic = Buffer.from(`${OTHER_APP}:${encodeURIComponent(SECRET)}`).toString('base64');
      const viaBasic = await postForm(
        tokenUrl,
        { grant_type: 'client_credentials', scope: ARM },
        { authorization: `Basic ${basic}` },
      );
      expect(viaBasic.status).toBe(200);
      sentSecrets.add(viaBasic.json.access_token);

      const wrong = `${SECRET}-wrong`;
      sentSecrets.add(wrong);
      const bad = await postForm(tokenUrl, {
        grant_type: 'client_credentials',
        client_id: OTHER_APP,
        scope: ARM,
        client_secret: wrong,
      });
      expectEntraError(bad, 401, 'invalid_client', 7000215);
      expect(bad.text).not.toContain(SECRET);
      const both = await postForm(tokenUrl, {
        grant_type: 'client_credentials',
        client_id: OTHER_APP,
        scope: ARM,
        client_secret: SECRET,
        client_assertion_type: JWT_BEARER,
        client_assertion: track(sb.mintIdToken()),
      });
      expectEntraError(both, 401, 'invalid_client', 7000218);
      const logged = sb.requests.filter((r) => r.form?.['client_secret']).map((r) => r.form?.['client_secret']);
      expect(new Set(logged)).toEqual(new Set(['[redacted]']));
    });
  });

  describe('CI issuer', () => {
    it('serves GitHub-style discovery and JWKS that verify its tokens', async () => {
      const discovery = await httpCall(`${sb.issuer}/.well-known/openid-configuration`);
      expect(discovery.json).toMatchObject({
        issuer: sb.issuer,
        jwks_uri: `${sb.issuer}/.well-known/jwks`,
        response_types_supported: ['id_token'],
        subject_types_supported: ['public', 'pairwise'],
        id_token_signing_alg_values_supported: ['RS256'],
      });
      expect(discovery.json.claims_supported).toContain('job_workflow_ref');
      const jwks = (await httpCall(discovery.json.jwks_uri)).json;
      expect(jwks.keys[0]).toMatchObject({ kty: 'RSA', alg: 'RS256', use: 'sig' });
      expect(jwks.keys[0].kid).toMatch(/^[0-9A-F]{40}$/);
      expect(verifyJwtWithJwks(sb.mintIdToken(), jwks)).toBe(true);
    });

    it('requires the request token on /ci/idtoken', async () => {
      const none = await httpCall(sb.idTokenRequestUrl);
      expect(none.status).toBe(401);
      expect(typeof none.json.message).toBe('string');
      const wrong = await httpCall(sb.idTokenRequestUrl, { headers: { authorization: 'Bearer nope' } });
      expect(wrong.status).toBe(401);
    });

    it('mints a fresh GitHub-shaped token per request, honouring audience', async () => {
      const auth = { authorization: `Bearer ${sb.idTokenRequestToken}` };
      const first = await httpCall(sb.idTokenRequestUrl, { headers: auth });
      expect(first.status).toBe(200);
      expect(first.json.count).toBe(first.json.value.length);
      const claims = decodePayload(first.json.value);
      expect(claims['aud']).toBe('https://github.com/octo-org');
      expect(Object.keys(claims)).toEqual([
        'jti',
        'sub',
        'aud',
        'ref',
        'sha',
        'repository',
        'repository_owner',
        'repository_owner_id',
        'run_id',
        'run_number',
        'run_attempt',
        'repository_visibility',
        'repository_id',
        'actor_id',
        'actor',
        'workflow',
        'head_ref',
        'base_ref',
        'event_name',
        'ref_protected',
        'ref_type',
        'workflow_ref',
        'workflow_sha',
        'job_workflow_ref',
        'job_workflow_sha',
        'runner_environment',
        'iss',
        'nbf',
        'exp',
        'iat',
      ]);
      expect(claims).toMatchObject({
        iss: sb.issuer,
        sub: 'repo:octo-org/octo-repo:ref:refs/heads/main',
        repository: 'octo-org/octo-repo',
        event_name: 'push',
      });
      expect(claims['exp'] - claims['iat']).toBe(300);
      expect(decodeHeader(first.json.value)).toMatchObject({ alg: 'RS256', typ: 'JWT' });
      expect(decodeHeader(first.json.value)).toHaveProperty('kid');
      expect(decodeHeader(first.json.value)).toHaveProperty('x5t');

      const second = await httpCall(
        `${sb.idTokenRequestUrl}&audience=${encodeURIComponent('api://AzureADTokenExchange')}`,
        { headers: auth },
      );
      const secondClaims = decodePayload(second.json.value);
      expect(secondClaims['aud']).toBe('api://AzureADTokenExchange');
      expect(secondClaims['jti']).not.toBe(claims['jti']);
      const exchanged = await exchange(second.json.value);
      expect(exchanged.status).toBe(200);
      sentSecrets.add(exchanged.json.access_token);
      sentSecrets.add(first.json.value);
    });

    it('mints over the control endpoint only with the request token', async () => {
      const denied = await postJson(`${sb.origin}/_sandbox/mint`, {});
      expect(denied.status).toBe(401);
      const minted = await postJson(
        `${sb.origin}/_sandbox/mint`,
        { audience: 'aud-x', claims: { actor: 'hubot' } },
        { authorization: `Bearer ${sb.idTokenRequestToken}` },
      );
      expect(minted.status).toBe(200);
      sentSecrets.add(minted.json.value);
      expect(decodePayload(minted.json.value)).toMatchObject({ aud: 'aud-x', actor: 'hubot' });
      const badOpts = await postJson(
        `${sb.origin}/_sandbox/mint`,
        { lifetime: 5 },
        { authorization: `Bearer ${sb.idTokenRequestToken}` },
      );
      expect(badOpts.status).toBe(400);
      expect(badOpts.json.error_description).toContain('body.lifetime');
      const textPlain = await httpCall(`${sb.origin}/_sandbox/apps`, {
        method: 'POST',
        headers: { 'content-type': 'text/plain' },
        body: '{}',
      });
      expect(textPlain.status).toBe(415);
    });

    it('lists the log on /_sandbox/requests', async () => {
      const res = await httpCall(`${sb.origin}/_sandbox/requests`);
      expect(res.status).toBe(200);
      expect(res.json.length).toBe(sb.requests.length);
      expect(res.json.some((r: { target: string }) => r.target === 'token')).toBe(true);
      expect(res.json.every((r: { headers: Record<string, string> }) => !('authorization' in r.headers))).toBe(true);
    });
  });

  describe('faults', () => {
    it('throttles with 429 + Retry-After for `times` requests, then recovers', async () => {
      sb.setFaults([{ target: 'token', status: 429, retryAfter: '7', times: 2 }]);
      for (let i = 0; i < 2; i++) {
        const res = await exchange(sb.mintIdToken());
        expect(res.status).toBe(429);
        expect(res.headers.get('retry-after')).toBe('7');
        expect(res.json.error).toBe('temporarily_unavailable');
      }
      const ok = await exchange(sb.mintIdToken());
      expect(ok.status).toBe(200);
      sentSecrets.add(ok.json.access_token);
      expect(
        sb.requests
          .filter((r) => r.target === 'token')
          .slice(-3)
          .map((r) => r.status),
      ).toEqual([429, 429, 200]);
    });

    it('drops the connection', async () => {
      sb.setFaults([{ target: 'token', drop: true }]);
      await expect(exchange(sb.mintIdToken())).rejects.toThrow();
      expect(sb.requests.at(-1)?.status).toBe(0);
    });

    it('truncates a body after promising all of it', async () => {
      sb.setFaults([{ target: 'ci-discovery', truncate: true, body: JSON.stringify({ issuer: 'x'.repeat(200) }) }]);
      const res = await rawGet(`${sb.issuer}/.well-known/openid-configuration`);
      expect(res.status).toBe(200);
      expect(res.complete).toBe(false);
      expect(res.body.length).toBeLessThan(210);
      expect(() => JSON.parse(res.body)).toThrow();
    });

    it('delays, then answers normally', async () => {
      sb.setFaults([{ target: 'entra-jwks', delayMs: 300 }]);
      const started = Date.now();
      const res = await httpCall(`${sb.origin}/${sb.tenantId}/discovery/v2.0/keys`);
      expect(Date.now() - started).toBeGreaterThanOrEqual(290);
      expect(res.status).toBe(200);
      expect(res.json.keys).toHaveLength(1);
    });

    it('serves a non-JSON body, forever with times: 0, until cleared over HTTP', async () => {
      const set = await postJson(`${sb.origin}/_sandbox/faults`, [
        {
          target: 'entra-discovery',
          times: 0,
          status: 502,
          body: '<html>Bad Gateway</html>',
          contentType: 'text/html',
        },
      ]);
      expect(set.json).toEqual({ count: 1 });
      for (let i = 0; i < 3; i++) {
        const res = await httpCall(`${sb.origin}/${sb.tenantId}/v2.0/.well-known/openid-configuration`);
        expect(res.status).toBe(502);
        expect(res.headers.get('content-type')).toBe('text/html');
        expect(res.text).toBe('<html>Bad Gateway</html>');
      }
      expect((await httpCall(`${sb.origin}/_sandbox/faults`)).json).toEqual([
        expect.objectContaining({ target: 'entra-discovery', remaining: 'forever' }),
      ]);
      await postJson(`${sb.origin}/_sandbox/faults`, []);
      expect((await httpCall(`${sb.origin}/${sb.tenantId}/v2.0/.well-known/openid-configuration`)).status).toBe(200);
    });

    it('faults the idtoken endpoint and rejects bad rules naming the field', async () => {
      sb.setFaults([{ target: 'idtoken', status: 500 }]);
      expect(
        (await httpCall(sb.idTokenRequestUrl, { headers: { authorization: `Bearer ${sb.idTokenRequestToken}` } }))
          .status,
      ).toBe(500);
      const bad = await postJson(`${sb.origin}/_sandbox/faults`, [
        { target: 'token' },
        { target: 'tokens', status: 500 },
      ]);
      expect(bad.status).toBe(400);
      expect(bad.json.error_description).toContain('body[1].target');
      expect(() => sb.setFaults([{ target: 'token', retry_after: '1' } as never])).toThrow(/faults\[0\]\.retry_after/);
    });
  });
});

/** Records an assertion as sent (so the log check looks for it) and passes it through. */
function track(assertion: string): string {
  sentSecrets.add(assertion);
  return assertion;
}

describe('configuration', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'sandbox-config-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const write = (name: string, value: unknown) => {
    const path = join(dir, name);
    writeFileSync(path, typeof value === 'string' ? value : JSON.stringify(value));
    return path;
  };

  it('loads a valid file, reading certificate paths relative to it', () => {
    writeFileSync(join(dir, 'client.pem'), clientCert.certPem);
    const config = loadSandboxConfig(
      write('good.json', {
        tenantId: '11111111-1111-4111-8111-111111111111',
        tenantDomains: ['contoso.onmicrosoft.com'],
        apps: [
          {
            clientId: '22222222-2222-4222-8222-222222222222',
            certificates: ['client.pem'],
            federatedCredentials: [
              { issuer: '{origin}/ci', subject: 's', audiences: ['a'], description: 'copied from Graph' },
            ],
          },
        ],
        issuers: [{ issuer: 'https://gitlab.com' }],
        faults: [{ target: 'token', status: 429, retryAfter: '1' }],
        idTokenLifetimeSeconds: 60,
      }),
    );
    expect(config.apps?.[0]?.certificates?.[0]).toBe(clientCert.certPem);
    expect(config.faults).toEqual([{ target: 'token', status: 429, retryAfter: '1' }]);
  });

  it.each([
    ['bad-tenant.json', { tenantId: 'contoso' }, /tenantId must be a GUID/],
    [
      'bad-fic.json',
      {
        apps: [
          {
            clientId: '22222222-2222-4222-8222-222222222222',
            federatedCredentials: [{ issuer: 'i', subject: 's', audiences: [] }],
          },
        ],
      },
      /apps\[0\]\.federatedCredentials\[0\]\.audiences must hold exactly one audience/,
    ],
    ['bad-client.json', { apps: [{ clientId: 'my-app' }] }, /apps\[0\]\.clientId must be a GUID/],
    [
      'bad-cert.json',
      {
        apps: [
          {
            clientId: '22222222-2222-4222-8222-222222222222',
            certificates: ['-----BEGIN CERTIFICATE-----\nxx\n-----END CERTIFICATE-----'],
          },
        ],
      },
      /apps\[0\]\.certificates\[0\] is not a PEM certificate/,
    ],
    ['bad-fault.json', { faults: [{ target: 'token', delayMs: -1 }] }, /faults\[0\]\.delayMs must be an integer/],
    ['typo.json', { idTokenClaim: {} }, /config\.idTokenClaim is not a known field/],
    ['not-json.json', '{ "apps": [', /not valid JSON/],
  ])('rejects %s naming the field', (name, content, message) => {
    const path = write(name, content);
    expect(() => loadSandboxConfig(path)).toThrow(message);
  });

  it('rejects a missing file and non-loopback hosts', async () => {
    expect(() => loadSandboxConfig(join(dir, 'missing.json'))).toThrow(/cannot read sandbox config/);
    await expect(startSandbox({ host: '0.0.0.0' })).rejects.toThrow(/loopback/);
    await expect(startSandbox({ host: '192.168.1.10' })).rejects.toThrow(/loopback/);
    await expect(startSandbox({ config: { apps: [{ clientId: 'nope' }] } })).rejects.toThrow(/apps\[0\]\.clientId/);
  });

  it('runs with configured tenant, apps, claims and lifetimes', async () => {
    const sb = await startSandbox({
      config: {
        tenantId: '11111111-1111-4111-8111-111111111111',
        apps: [
          {
            clientId: '22222222-2222-4222-8222-222222222222',
            federatedCredentials: [
              {
                issuer: '{origin}/ci',
                subject: 'repo:acme/web:environment:prod',
                audiences: ['api://AzureADTokenExchange'],
              },
            ],
          },
        ],
        idTokenClaims: { repository: 'acme/web', repository_owner: 'acme', environment: 'prod' },
        idTokenLifetimeSeconds: 120,
        accessTokenLifetimeSeconds: 600,
      },
    });
    try {
      expect(sb.tenantId).toBe('11111111-1111-4111-8111-111111111111');
      expect(sb.clientId).toBe('22222222-2222-4222-8222-222222222222');
      const idToken = await httpCall(sb.idTokenRequestUrl, {
        headers: { authorization: `Bearer ${sb.idTokenRequestToken}` },
      });
      const claims = decodePayload(idToken.json.value);
      expect(claims).toMatchObject({ sub: 'repo:acme/web:environment:prod', aud: 'https://github.com/acme' });
      expect(claims['exp'] - claims['iat']).toBe(120);
      const assertion = track(sb.mintIdToken());
      const res = await postForm(`${sb.origin}/${sb.tenantId}/oauth2/v2.0/token`, {
        grant_type: 'client_credentials',
        client_id: sb.clientId,
        scope: ARM,
        client_assertion_type: JWT_BEARER,
        client_assertion: assertion,
      });
      expect(res.status).toBe(200);
      expect(res.json.expires_in).toBe(600);
      sentSecrets.add(res.json.access_token);
      expectLogClean(sb);
    } finally {
      await sb.close();
    }
  });
});

describe('sandbox over https, with clients in child processes', () => {
  let sb: Sandbox;
  let dir: string;
  beforeAll(async () => {
    sb = await startSandbox({ https: true });
    sb.addApp({ clientId: OTHER_APP, secrets: [SECRET], certificates: [clientCert.certPem] });
    dir = mkdtempSync(join(tmpdir(), 'sandbox-https-'));
  });
  afterAll(async () => {
    if (!sb) return;
    const caFile = sb.caCertFile;
    expectLogClean(sb);
    await sb.close();
    expect(caFile && existsSync(caFile)).toBe(false);
    rmSync(dir, { recursive: true, force: true });
  });

  it('writes a private loopback CA certificate', () => {
    expect(sb.origin).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    expect(sb.caCertFile).toBeDefined();
    expect(statSync(sb.caCertFile ?? '').mode & 0o777).toBe(0o600);
    expect(sb.coordinates().caCertFile).toBe(sb.caCertFile);
    const cert = new X509Certificate(sb.caCertPem ?? '');
    expect(cert.ca).toBe(true);
    expect(cert.checkIP('127.0.0.1')).toBe('127.0.0.1');
    expect(cert.checkHost('localhost')).toBe('localhost');
  });

  it('is trusted by a child node through NODE_EXTRA_CA_CERTS, and only then', async () => {
    const script = `const r = await fetch(process.env.URL); console.log(JSON.stringify({ status: r.status, issuer: (await r.json()).issuer }));`;
    const url = `${sb.origin}/${sb.tenantId}/v2.0/.well-known/openid-configuration`;
    const trusted = await runNodeScript(script, { URL: url, NODE_EXTRA_CA_CERTS: sb.caCertFile ?? '' }, PROJECT_ROOT);
    expect(trusted.stderr).toBe('');
    expect(JSON.parse(trusted.stdout)).toEqual({ status: 200, issuer: `${sb.origin}/${sb.tenantId}/v2.0` });
    const untrusted = await runNodeScript(script, { URL: url }, PROJECT_ROOT);
    expect(untrusted.code).not.toBe(0);
  });

  it('issues tokens to @azure/identity 4.13.1 credentials (assertion, workload identity, secret, certificate)', async () => {
    const tokenFile = join(dir, 'federated-token');
    writeFileSync(tokenFile, track(sb.mintIdToken()), { mode: 0o600 });
    const certFile = join(dir, 'client-cert.pem');
    writeFileSync(certFile, clientCert.keyPem + clientCert.certPem, { mode: 0o600 });
    const assertion = track(sb.mintIdToken());
    const script = `
      import { ClientAssertionCredential, WorkloadIdentityCredential, ClientSecretCredential, ClientCertificateCredential } from '@azure/identity';
      const e = process.env;
      const options = { authorityHost: e.AUTHORITY, disableInstanceDiscovery: true };
      const scope = 'https://management.azure.com/.default';
      const results = {};
      const credentials = {
        assertion: new ClientAssertionCredential(e.TENANT, e.CLIENT, async () => e.ASSERTION, options),
        workload: new WorkloadIdentityCredential({ tenantId: e.TENANT, clientId: e.CLIENT, tokenFilePath: e.TOKEN_FILE, ...options }),
        secret: new ClientSecretCredential(e.TENANT, e.OTHER, e.SECRET, options),
        certificate: new ClientCertificateCredential(e.TENANT, e.OTHER, { certificatePath: e.CERT_FILE }, options),
      };
      for (const [name, credential] of Object.entries(credentials)) {
        try {
          const token = await credential.getToken(scope);
          const claims = JSON.parse(Buffer.from(token.token.split('.')[1], 'base64url').toString());
          results[name] = { appid: claims.appid, appidacr: claims.appidacr, aud: claims.aud, expiresInFuture: token.expiresOnTimestamp > Date.now() };
        } catch (err) {
          results[name] = { error: String(err?.message ?? err) };
        }
      }
      console.log(JSON.stringify(results));
    `;
    const result = await runNodeScript(
      script,
      {
        NODE_EXTRA_CA_CERTS: sb.caCertFile ?? '',
        AUTHORITY: sb.authorityHost,
        TENANT: sb.tenantId,
        CLIENT: sb.clientId,
        OTHER: OTHER_APP,
        SECRET,
        ASSERTION: assertion,
        TOKEN_FILE: tokenFile,
        CERT_FILE: certFile,
      },
      PROJECT_ROOT,
    );
    expect(result.code, result.stderr).toBe(0);
    const aud = 'https://management.azure.com';
    expect(JSON.parse(result.stdout)).toEqual({
      assertion: { appid: sb.clientId, appidacr: '2', aud, expiresInFuture: true },
      workload: { appid: sb.clientId, appidacr: '2', aud, expiresInFuture: true },
      secret: { appid: OTHER_APP, appidacr: '1', aud, expiresInFuture: true },
      certificate: { appid: OTHER_APP, appidacr: '2', aud, expiresInFuture: true },
    });
    // MSAL asks for v2 discovery and the token endpoint only (instance discovery is disabled).
    const paths = new Set(sb.requests.map((r) => `${r.method} ${r.path.replace(/\?.*$/, '')}`));
    expect(paths).toEqual(
      new Set([`GET /${sb.tenantId}/v2.0/.well-known/openid-configuration`, `POST /${sb.tenantId}/oauth2/v2.0/token`]),
    );
    expect(sb.requests.filter((r) => r.target === 'token').every((r) => r.status === 200)).toBe(true);
  });
});
