// The sandbox's Microsoft Graph v1.0 subset over real loopback HTTP: applications, federated
// identity credentials, service principals, $filter/$select, bearer checks and permissions.
import { generateKeyPairSync, randomUUID, sign } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CLIENT_ID, type Sandbox, startSandbox } from '../../../src/sandbox/index.js';
import { ARM, type Call, client, errorOf, exchange, GRAPH, GUID } from '../../helpers/sandbox-apis.js';
import { decodePayload } from '../../helpers/sandbox-http.js';

let sb: Sandbox;
let admin: Call;

beforeAll(async () => {
  sb = await startSandbox();
  admin = client(sb.graphEndpoint, sb.mintAccessToken(GRAPH));
});
afterAll(() => sb.close());

const createApp = async (displayName = `app-${randomUUID()}`) => {
  const res = await admin('POST', '/v1.0/applications', { displayName });
  expect(res.status).toBe(201);
  return res.json as { id: string; appId: string; displayName: string };
};

const fic = (name: string, subject = `repo:o/r:ref:refs/heads/${name}`) => ({
  name,
  issuer: 'https://token.actions.githubusercontent.com',
  subject,
  audiences: ['api://AzureADTokenExchange'],
});

describe('applications', () => {
  it('shows apps from the config, addressed by appId, with an object id of their own', async () => {
    const res = await admin('GET', `/v1.0/applications?$filter=appId eq '${DEFAULT_CLIENT_ID}'`);
    expect(res.status).toBe(200);
    expect(res.json['@odata.context']).toBe(`${sb.origin}/v1.0/$metadata#applications`);
    expect(res.json.value).toHaveLength(1);
    const app = res.json.value[0];
    expect(app).toMatchObject({ appId: DEFAULT_CLIENT_ID, displayName: 'entra-federate sandbox app' });
    expect(app.id).toMatch(GUID);
    expect(app.id).not.toBe(app.appId);
    const byId = await admin('GET', `/v1.0/applications/${app.id}`);
    expect(byId.json).toMatchObject({
      '@odata.context': `${sb.origin}/v1.0/$metadata#applications/$entity`,
      id: app.id,
      appId: DEFAULT_CLIENT_ID,
    });
    const byAppId = await admin('GET', `/v1.0/applications(appId='${DEFAULT_CLIENT_ID}')`);
    expect(byAppId.json.id).toBe(app.id);
    // The client id is not an object id.
    expect(errorOf(await admin('GET', `/v1.0/applications/${DEFAULT_CLIENT_ID}`))).toEqual({
      status: 404,
      code: 'Request_ResourceNotFound',
      message: `Resource '${DEFAULT_CLIENT_ID}' does not exist or one of its queried reference-property objects are not present.`,
    });
  });

  it('creates an app with fresh GUIDs and a Location, then finds it by displayName (any case)', async () => {
    const name = `Set-Up ${randomUUID()}`;
    const res = await admin('POST', '/v1.0/applications', { displayName: name, signInAudience: 'AzureADMyOrg' });
    expect(res.status).toBe(201);
    expect(res.headers.get('location')).toBe(`${sb.origin}/v1.0/applications/${res.json.id}`);
    expect(res.json['@odata.context']).toBe(`${sb.origin}/v1.0/$metadata#applications/$entity`);
    expect(res.json).toMatchObject({ displayName: name, identifierUris: [], signInAudience: 'AzureADMyOrg' });
    expect(res.json.id).toMatch(GUID);
    expect(res.json.appId).toMatch(GUID);
    expect(res.json.id).not.toBe(res.json.appId);
    expect(res.json.createdDateTime).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    const found = await admin(
      'GET',
      `/v1.0/applications?$filter=${encodeURIComponent(`displayName eq '${name.toUpperCase()}'`)}`,
    );
    expect(found.json.value.map((a: { id: string }) => a.id)).toEqual([res.json.id]);
    const none = await admin('GET', `/v1.0/applications?$filter=displayName eq 'no such app'`);
    expect(none.json.value).toEqual([]);
  });

  it("understands '' inside quoted values, and rejects filters it does not support", async () => {
    const app = await createApp("O'Brien's pipeline");
    const quoted = await admin(
      'GET',
      `/v1.0/applications?$filter=${encodeURIComponent("displayName eq 'O''Brien''s pipeline'")}`,
    );
    expect(quoted.json.value.map((a: { appId: string }) => a.appId)).toEqual([app.appId]);
    expect(errorOf(await admin('GET', `/v1.0/applications?$filter=startswith(displayName,'x')`))).toEqual({
      status: 400,
      code: 'Request_UnsupportedQuery',
      message:
        "Unsupported or invalid query filter clause specified for property 'startswith' of resource 'Application'.",
    });
    const broken = errorOf(await admin('GET', `/v1.0/applications?$filter=appId eq 'unterminated`));
    expect(broken).toMatchObject({ status: 400, code: 'BadRequest' });
    expect(broken.message).toMatch(/^Invalid filter clause: /);
  });

  it('projects $select and refuses unknown properties', async () => {
    const app = await createApp();
    const res = await admin('GET', `/v1.0/applications?$filter=appId eq '${app.appId}'&$select=id,appId`);
    expect(res.json).toEqual({
      '@odata.context': `${sb.origin}/v1.0/$metadata#applications(id,appId)`,
      value: [{ id: app.id, appId: app.appId }],
    });
    expect(errorOf(await admin('GET', '/v1.0/applications?$select=appid,nope'))).toEqual({
      status: 400,
      code: 'BadRequest',
      message: "Could not find a property named 'appid' on type 'microsoft.graph.application'.",
    });
  });

  it('refuses bodies Graph refuses: no displayName, unknown properties, not JSON', async () => {
    expect(errorOf(await admin('POST', '/v1.0/applications', {}))).toEqual({
      status: 400,
      code: 'Request_BadRequest',
      message: "Invalid value specified for property 'displayName' of resource 'Application'.",
    });
    expect(errorOf(await admin('POST', '/v1.0/applications', { displayName: 'x', colour: 'red' }))).toMatchObject({
      status: 400,
      message:
        "Property 'colour' does not exist on type 'microsoft.graph.application'. Make sure to only use property names that are defined by the type.",
    });
    expect(errorOf(await admin('POST', '/v1.0/applications', '{not json'))).toMatchObject({
      status: 400,
      code: 'BadRequest',
    });
    const del = await admin('DELETE', '/v1.0/applications');
    expect(errorOf(del)).toMatchObject({ status: 405, code: 'Request_BadRequest' });
    expect(del.headers.get('allow')).toBe('GET, POST');
  });

  it('answers an unknown segment as Graph does, with an innerError carrying the request ids', async () => {
    const res = await admin('GET', '/v1.0/applicationz', undefined, { 'client-request-id': 'my-correlation-1' });
    expect(res.status).toBe(400);
    expect(res.json.error.code).toBe('BadRequest');
    expect(res.json.error.message).toBe("Resource not found for the segment 'applicationz'.");
    expect(res.json.error.innerError).toEqual({
      date: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$/),
      'request-id': res.headers.get('request-id'),
      'client-request-id': 'my-correlation-1',
    });
  });
});

describe('federated identity credentials', () => {
  it('lists the FICs of a config app for the doctor, with the app token the exchange gives', async () => {
    const token = (await exchange(sb.authorityHost, sb.tenantId, sb.clientId, sb.mintIdToken(), `${GRAPH}/.default`))
      .json.access_token as string;
    expect(decodePayload(token)['roles']).toEqual(['Application.Read.All']);
    const res = await client(sb.graphEndpoint, token)(
      'GET',
      `/v1.0/applications(appId='${DEFAULT_CLIENT_ID}')/federatedIdentityCredentials`,
    );
    expect(res.status).toBe(200);
    expect(res.json['@odata.context']).toMatch(
      /\/v1\.0\/\$metadata#applications\('[0-9a-f-]{36}'\)\/federatedIdentityCredentials$/,
    );
    expect(res.json.value).toEqual([
      {
        id: expect.stringMatching(GUID),
        name: 'octo-repo-main',
        issuer: sb.issuer,
        subject: 'repo:octo-org/octo-repo:ref:refs/heads/main',
        description: null,
        audiences: ['api://AzureADTokenExchange'],
      },
    ]);
  });

  it('creates, reads, filters, updates and deletes a FIC', async () => {
    const app = await createApp();
    const base = `/v1.0/applications/${app.id}/federatedIdentityCredentials`;
    const created = await admin('POST', base, { ...fic('main'), description: 'deploys from main' });
    expect(created.status).toBe(201);
    expect(created.json).toEqual({
      '@odata.context': `${sb.origin}/v1.0/$metadata#applications('${app.id}')/federatedIdentityCredentials/$entity`,
      id: expect.stringMatching(GUID),
      name: 'main',
      issuer: 'https://token.actions.githubusercontent.com',
      subject: 'repo:o/r:ref:refs/heads/main',
      description: 'deploys from main',
      audiences: ['api://AzureADTokenExchange'],
    });
    const id = created.json.id as string;
    expect(created.headers.get('location')).toBe(`${sb.origin}${base}/${id}`);
    // The alternate key addresses the same app.
    await admin('POST', `/v1.0/applications(appId='${app.appId}')/federatedIdentityCredentials`, fic('dev'));
    const bySubject = await admin(
      'GET',
      `${base}?$filter=${encodeURIComponent("subject eq 'repo:o/r:ref:refs/heads/dev'")}`,
    );
    expect(bySubject.json.value.map((f: { name: string }) => f.name)).toEqual(['dev']);

    const patched = await admin('PATCH', `${base}/${id}`, { subject: 'repo:o/r:environment:prod' });
    expect(patched.status).toBe(204);
    expect(patched.text).toBe('');
    expect((await admin('GET', `${base}/${id}`)).json).toMatchObject({
      name: 'main',
      subject: 'repo:o/r:environment:prod',
    });
    expect(errorOf(await admin('PATCH', `${base}/${id}`, { name: 'renamed' }))).toMatchObject({
      status: 400,
      code: 'Request_BadRequest',
    });

    expect((await admin('DELETE', `${base}/${id}`)).status).toBe(204);
    expect(errorOf(await admin('GET', `${base}/${id}`))).toMatchObject({
      status: 404,
      code: 'Request_ResourceNotFound',
    });
    expect((await admin('GET', base)).json.value.map((f: { name: string }) => f.name)).toEqual(['dev']);
  });

  it('refuses a duplicate name (409), a duplicate issuer and subject (400) and bad values', async () => {
    const app = await createApp();
    const base = `/v1.0/applications/${app.id}/federatedIdentityCredentials`;
    await admin('POST', base, fic('main'));
    expect(errorOf(await admin('POST', base, fic('main', 'repo:o/r:ref:refs/heads/other')))).toEqual({
      status: 409,
      code: 'Request_MultipleObjectsWithSameKeyValue',
      message: 'FederatedIdentityCredential with name main already exists.',
    });
    const pair = errorOf(await admin('POST', base, fic('again', 'repo:o/r:ref:refs/heads/main')));
    expect(pair).toMatchObject({ status: 400, code: 'InvalidFederatedIdentityCredentialValue' });
    expect(pair.message).toMatch(/^The combination of issuer and subject must be unique for the application\. /);
    expect(errorOf(await admin('POST', base, { ...fic('two'), audiences: ['a', 'b'] }))).toEqual({
      status: 400,
      code: 'Request_BadRequest',
      message: "Invalid value specified for property 'audiences' of resource 'FederatedIdentityCredential'.",
    });
    expect(errorOf(await admin('POST', base, { ...fic('bad name'), subject: 'x' }))).toMatchObject({ status: 400 });
    // Flexible credentials are a beta feature: v1.0 does not know the property.
    expect(
      errorOf(
        await admin('POST', base, { ...fic('flex'), claimsMatchingExpression: { value: 'x', languageVersion: 1 } }),
      ),
    ).toMatchObject({ status: 400, code: 'BadRequest' });
  });

  it('refuses the 21st FIC of an app', async () => {
    const app = await createApp();
    const base = `/v1.0/applications/${app.id}/federatedIdentityCredentials`;
    for (let i = 1; i <= 20; i++) expect((await admin('POST', base, fic(`b${i}`))).status).toBe(201);
    const refused = errorOf(await admin('POST', base, fic('b21')));
    expect(refused).toMatchObject({ status: 400, code: 'Request_BadRequest' });
    expect(refused.message).toContain('20');
    expect((await admin('GET', base)).json.value).toHaveLength(20);
  });
});

describe('service principals', () => {
  it("gives config apps one implicitly, whose id is their tokens' oid", async () => {
    const res = await admin('GET', `/v1.0/servicePrincipals?$filter=appId eq '${DEFAULT_CLIENT_ID}'`);
    expect(res.json['@odata.context']).toBe(`${sb.origin}/v1.0/$metadata#servicePrincipals`);
    expect(res.json.value).toHaveLength(1);
    const sp = res.json.value[0];
    expect(sp).toMatchObject({ appId: DEFAULT_CLIENT_ID, servicePrincipalType: 'Application', accountEnabled: true });
    const token = (await exchange(sb.authorityHost, sb.tenantId, sb.clientId, sb.mintIdToken())).json.access_token;
    expect(decodePayload(token)['oid']).toBe(sp.id);
    expect((await admin('GET', `/v1.0/servicePrincipals/${sp.id}`)).json.appId).toBe(DEFAULT_CLIENT_ID);
  });

  it('creates one per app, refuses a second and one for an unknown appId', async () => {
    const app = await createApp();
    expect((await admin('GET', `/v1.0/servicePrincipals?$filter=appId eq '${app.appId}'`)).json.value).toEqual([]);
    const created = await admin('POST', '/v1.0/servicePrincipals', { appId: app.appId });
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({
      '@odata.context': `${sb.origin}/v1.0/$metadata#servicePrincipals/$entity`,
      appId: app.appId,
      displayName: app.displayName,
      appOwnerOrganizationId: sb.tenantId,
      servicePrincipalNames: [app.appId],
    });
    expect(created.json.id).toMatch(GUID);
    expect(created.json.id).not.toBe(app.id);
    expect(errorOf(await admin('POST', '/v1.0/servicePrincipals', { appId: app.appId }))).toEqual({
      status: 409,
      code: 'Request_MultipleObjectsWithSameKeyValue',
      message: `The service principal cannot be created, updated, or restored because the service principal name ${app.appId} is already in use.`,
    });
    const stranger = randomUUID();
    expect(errorOf(await admin('POST', '/v1.0/servicePrincipals', { appId: stranger }))).toEqual({
      status: 400,
      code: 'Request_BadRequest',
      message: `The appId '${stranger}' of the service principal does not reference a valid application object.`,
    });
  });
});

describe('bearer tokens and permissions', () => {
  const path = '/v1.0/applications';

  it('answers 401 InvalidAuthenticationToken without a token, or with one not for Graph, expired or foreign', async () => {
    const none = await client(sb.graphEndpoint, undefined)('GET', path);
    expect(errorOf(none)).toEqual({
      status: 401,
      code: 'InvalidAuthenticationToken',
      message: 'Access token is empty.',
    });
    expect(none.headers.get('www-authenticate')).toMatch(/^Bearer /);
    expect(errorOf(await client(sb.graphEndpoint, sb.mintAccessToken(ARM))('GET', path))).toEqual({
      status: 401,
      code: 'InvalidAuthenticationToken',
      message: 'Access token validation failure. Invalid audience.',
    });
    expect(
      errorOf(await client(sb.graphEndpoint, sb.mintAccessToken(GRAPH, { lifetimeSeconds: -60 }))('GET', path)),
    ).toEqual({
      status: 401,
      code: 'InvalidAuthenticationToken',
      message: 'Lifetime validation failed, the token is expired.',
    });
    // Same claims, signed by a key that is not the sandbox's.
    const genuine = sb.mintAccessToken(GRAPH);
    const [h, p] = genuine.split('.');
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const forged = `${h}.${p}.${sign('sha256', Buffer.from(`${h}.${p}`), privateKey).toString('base64url')}`;
    expect(errorOf(await client(sb.graphEndpoint, forged)('GET', path))).toMatchObject({
      status: 401,
      code: 'InvalidAuthenticationToken',
    });
    expect(errorOf(await client(sb.graphEndpoint, 'not-a-jwt')('GET', path))).toMatchObject({ status: 401 });
  });

  it('answers 403 Authorization_RequestDenied to writes without Application.ReadWrite.All, and reads without a read permission', async () => {
    const reader = client(sb.graphEndpoint, sb.mintAccessToken(GRAPH, { permissions: ['Application.Read.All'] }));
    expect((await reader('GET', path)).status).toBe(200);
    const before = sb.requests.length;
    expect(errorOf(await reader('POST', path, { displayName: 'nope' }))).toEqual({
      status: 403,
      code: 'Authorization_RequestDenied',
      message: 'Insufficient privileges to complete the operation.',
    });
    // The request log says which permission was missing.
    expect(sb.requests.slice(before).find((r) => r.target === 'graph')?.error).toContain('Application.ReadWrite.All');
    const nobody = client(sb.graphEndpoint, sb.mintAccessToken(GRAPH, { permissions: ['User.Read'] }));
    expect(errorOf(await nobody('GET', path))).toMatchObject({ status: 403, code: 'Authorization_RequestDenied' });
    expect((await admin('GET', `/v1.0/applications?$filter=displayName eq 'nope'`)).json.value).toEqual([]);
  });

  it('gives an app created through Graph no Graph permission: its own token is refused', async () => {
    const app = await createApp();
    await admin('POST', `/v1.0/applications/${app.id}/federatedIdentityCredentials`, {
      name: 'self',
      issuer: sb.issuer,
      subject: 'repo:octo-org/octo-repo:ref:refs/heads/main',
      audiences: ['api://AzureADTokenExchange'],
    });
    await admin('POST', '/v1.0/servicePrincipals', { appId: app.appId });
    const res = await exchange(sb.authorityHost, sb.tenantId, app.appId, sb.mintIdToken(), `${GRAPH}/.default`);
    expect(res.status).toBe(200);
    expect(decodePayload(res.json.access_token)['roles']).toBeUndefined();
    expect(errorOf(await client(sb.graphEndpoint, res.json.access_token)('GET', path)).status).toBe(403);
  });

  it('keeps bearer tokens out of the request log', async () => {
    const token = sb.mintAccessToken(GRAPH);
    await client(sb.graphEndpoint, token)('GET', path);
    expect(JSON.stringify(sb.requests)).not.toContain(token);
  });

  it('applies faults aimed at graph, then answers normally', async () => {
    sb.setFaults([{ target: 'graph', status: 503, retryAfter: '1' }]);
    const faulted = await admin('GET', path);
    expect(faulted.status).toBe(503);
    expect(faulted.headers.get('retry-after')).toBe('1');
    expect((await admin('GET', path)).status).toBe(200);
  });
});
