// What is created through the sandbox's Graph is what its token endpoint trusts: an app, its
// FIC and its service principal decide an exchange, as in Entra. Plus the two refusals set-up
// runs into: AADSTS7000229 (no service principal) and AADSTS500011 (unknown resource).
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Sandbox, startSandbox } from '../../../src/sandbox/index.js';
import { ARM, type Call, client, exchange, GRAPH } from '../../helpers/sandbox-apis.js';
import { decodePayload, expectEntraError } from '../../helpers/sandbox-http.js';

let sb: Sandbox;
let graph: Call;

beforeAll(async () => {
  sb = await startSandbox({ config: { resources: ['api://configured-api', 'https://*.example-service.net'] } });
  graph = client(sb.graphEndpoint, sb.mintAccessToken(GRAPH));
});
afterAll(() => sb.close());

const ciToken = (branch: string, repository = 'o/r') =>
  sb.mintIdToken({ claims: { repository, repository_owner: repository.split('/')[0], ref: `refs/heads/${branch}` } });

/** App + FIC for `repo:o/r:ref:refs/heads/main`, as `setup github --repo o/r --branch main` would make them. */
async function setUpApp(opts: { servicePrincipal: boolean; identifierUris?: string[] }) {
  const app = await graph('POST', '/v1.0/applications', {
    displayName: `entra-federate-o-r-${randomUUID()}`,
    ...(opts.identifierUris && { identifierUris: opts.identifierUris }),
  });
  const fic = await graph('POST', `/v1.0/applications/${app.json.id}/federatedIdentityCredentials`, {
    name: 'o-r-main',
    issuer: sb.issuer,
    subject: 'repo:o/r:ref:refs/heads/main',
    audiences: ['api://AzureADTokenExchange'],
  });
  expect(fic.status).toBe(201);
  let spId: string | undefined;
  if (opts.servicePrincipal) spId = (await graph('POST', '/v1.0/servicePrincipals', { appId: app.json.appId })).json.id;
  return { objectId: app.json.id as string, appId: app.json.appId as string, ficId: fic.json.id as string, spId };
}

describe('Graph-made apps at the token endpoint', () => {
  it('exchanges a CI token whose subject matches the FIC, and refuses another branch with AADSTS70021', async () => {
    const app = await setUpApp({ servicePrincipal: true });
    const ok = await exchange(sb.authorityHost, sb.tenantId, app.appId, ciToken('main'));
    expect(ok.status).toBe(200);
    const claims = decodePayload(ok.json.access_token);
    expect(claims).toMatchObject({ appid: app.appId, oid: app.spId, sub: app.spId, aud: ARM, idtyp: 'app' });

    const other = await exchange(sb.authorityHost, sb.tenantId, app.appId, ciToken('dev'));
    expectEntraError(other, 400, 'invalid_request', 70021);
    expect(other.json.error_description).toContain(
      `No matching federated identity record found for presented assertion. Assertion Issuer: '${sb.issuer}'. Assertion Subject: 'repo:o/r:ref:refs/heads/dev'.`,
    );
  });

  it('follows FIC updates and deletions at once', async () => {
    const app = await setUpApp({ servicePrincipal: true });
    const fic = `/v1.0/applications/${app.objectId}/federatedIdentityCredentials/${app.ficId}`;
    expect((await graph('PATCH', fic, { subject: 'repo:o/r:ref:refs/heads/dev' })).status).toBe(204);
    expect((await exchange(sb.authorityHost, sb.tenantId, app.appId, ciToken('dev'))).status).toBe(200);
    expect((await exchange(sb.authorityHost, sb.tenantId, app.appId, ciToken('main'))).status).toBe(400);
    expect((await graph('DELETE', fic)).status).toBe(204);
    expectEntraError(
      await exchange(sb.authorityHost, sb.tenantId, app.appId, ciToken('dev')),
      401,
      'invalid_client',
      70025,
    );
  });

  it('refuses an app without a service principal with AADSTS7000229, until it has one', async () => {
    const app = await setUpApp({ servicePrincipal: false });
    const before = await exchange(sb.authorityHost, sb.tenantId, app.appId, ciToken('main'));
    expectEntraError(before, 401, 'invalid_client', 7000229);
    expect(before.json.error_description).toMatch(
      new RegExp(
        `^AADSTS7000229: The client application ${app.appId} is missing service principal in the tenant ${sb.tenantId}\\. ` +
          'See instructions here: https://go\\.microsoft\\.com/fwlink/\\?linkid=2225119\\r\\n',
      ),
    );
    await graph('POST', '/v1.0/servicePrincipals', { appId: app.appId });
    expect((await exchange(sb.authorityHost, sb.tenantId, app.appId, ciToken('main'))).status).toBe(200);
  });

  it('gives apps from the config or addApp a service principal, unless servicePrincipal is false', async () => {
    const withSp = randomUUID();
    const withoutSp = randomUUID();
    const fics = [
      { issuer: sb.issuer, subject: 'repo:o/r:ref:refs/heads/main', audiences: ['api://AzureADTokenExchange'] },
    ];
    sb.addApp({ clientId: withSp, federatedCredentials: fics });
    sb.addApp({ clientId: withoutSp, federatedCredentials: fics, servicePrincipal: false });
    expect((await exchange(sb.authorityHost, sb.tenantId, withSp, ciToken('main'))).status).toBe(200);
    expectEntraError(
      await exchange(sb.authorityHost, sb.tenantId, withoutSp, ciToken('main')),
      401,
      'invalid_client',
      7000229,
    );
    const listed = await graph('GET', `/v1.0/servicePrincipals?$filter=appId eq '${withoutSp}'`);
    expect(listed.json.value).toEqual([]);
  });
});

describe('AADSTS500011: resources the tenant does not know', () => {
  const scopeResult = (resource: string) =>
    exchange(sb.authorityHost, sb.tenantId, sb.clientId, sb.mintIdToken(), `${resource}/.default`);

  it.each([
    'https://management.azure.com',
    'https://management.azure.com/',
    'https://management.core.windows.net/',
    'https://management.usgovcloudapi.net',
    'https://management.chinacloudapi.cn',
    'https://graph.microsoft.com',
    'https://vault.azure.net',
    'https://storage.azure.com',
    'https://mystorageacct.blob.core.windows.net',
    'https://containerregistry.azure.net',
    '499b84ac-1321-427f-aa17-267ca6975798',
    '6dae42f8-4368-4678-94ff-3960e28e3630',
    'https://database.windows.net',
    'https://ossrdbms-aad.database.windows.net',
    'https://servicebus.azure.net',
    'https://eventhubs.azure.net',
    'https://cosmos.azure.com',
    'https://api.loganalytics.io',
    'https://azconfig.io',
    'https://cognitiveservices.azure.com',
    'api://configured-api',
    'https://tenant-1.example-service.net',
  ])('issues a token for %s', async (resource) => {
    const res = await scopeResult(resource);
    expect(res.status, res.text).toBe(200);
    expect(decodePayload(res.json.access_token)['aud']).toBe(resource);
  });

  it("refuses an unknown resource, and a permission name after the resource, in Entra's words", async () => {
    const res = await scopeResult('https://unknown.example');
    expectEntraError(res, 400, 'invalid_resource', 500011);
    expect(res.json.error_description).toMatch(
      new RegExp(
        `^AADSTS500011: The resource principal named https://unknown\\.example was not found in the tenant named ${sb.tenantId}\\. ` +
          'This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant\\. ' +
          'You might have sent your authentication request to the wrong tenant\\.\\r\\n',
      ),
    );
    expectEntraError(await scopeResult('https://graph.microsoft.com/User.Read'), 400, 'invalid_resource', 500011);
    expectEntraError(await scopeResult('https://a.b.example-service.net'), 400, 'invalid_resource', 500011);
    // The request log keeps the code for tests to read.
    expect(sb.requests.at(-1)?.error).toMatch(/^AADSTS500011/);
  });

  it("knows the tenant's own apps by client id and api://, and identifier URIs once a service principal exists", async () => {
    expect((await scopeResult(`api://${sb.clientId}`)).status).toBe(200);
    expect((await scopeResult(sb.clientId)).status).toBe(200);
    const uri = `api://setup-api-${randomUUID()}`;
    const app = await setUpApp({ servicePrincipal: false, identifierUris: [uri] });
    expectEntraError(await scopeResult(uri), 400, 'invalid_resource', 500011);
    await graph('POST', '/v1.0/servicePrincipals', { appId: app.appId });
    expect((await scopeResult(uri)).status).toBe(200);
    expect((await scopeResult(`api://${app.appId}`)).status).toBe(200);
    sb.addResource('https://added-at-runtime.example');
    expect((await scopeResult('https://added-at-runtime.example')).status).toBe(200);
  });
});
