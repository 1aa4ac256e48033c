// The sandbox's Azure Resource Manager subset over real loopback HTTP: built-in role
// definitions, role assignments, RBAC on the caller, bearer checks and ARM's error shapes.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUILT_IN_ROLES, DEFAULT_SUBSCRIPTION_ID, type Sandbox, startSandbox } from '../../../src/sandbox/index.js';
import { API_VERSION, ARM, type Call, client, errorOf, GRAPH, GUID } from '../../helpers/sandbox-apis.js';
import { postJson } from '../../helpers/sandbox-http.js';

const SUB = `/subscriptions/${DEFAULT_SUBSCRIPTION_ID}`;
const RG = `${SUB}/resourceGroups/rg-app`;
const VAULT = `${RG}/providers/Microsoft.KeyVault/vaults/kv-app`;
const AUTHZ = '/providers/Microsoft.Authorization';

let sb: Sandbox;
let admin: Call;
let graphAdmin: Call;

beforeAll(async () => {
  sb = await startSandbox();
  admin = client(sb.armEndpoint, sb.mintAccessToken(ARM));
  graphAdmin = client(sb.graphEndpoint, sb.mintAccessToken(GRAPH));
});
afterAll(() => sb.close());

/** A new app and its service principal, made through Graph as set-up makes them. */
async function newServicePrincipal(): Promise<string> {
  const app = await graphAdmin('POST', '/v1.0/applications', { displayName: `arm-${randomUUID()}` });
  const sp = await graphAdmin('POST', '/v1.0/servicePrincipals', { appId: app.json.appId });
  return sp.json.id as string;
}

const definitionId = (guid: string) => `${SUB}${AUTHZ}/roleDefinitions/${guid}`;
const CONTRIBUTOR = 'b24988ac-6180-42a0-ab88-20f7382dd24c';
const READER = 'acdd72a7-3385-48ef-bd42-f606fba81ae7';

describe('role definitions', () => {
  it('finds Contributor by roleName at a subscription, shaped as ARM answers', async () => {
    const res = await admin(
      'GET',
      `${SUB}${AUTHZ}/roleDefinitions?$filter=${encodeURIComponent("roleName eq 'Contributor'")}&${API_VERSION}`,
    );
    expect(res.status).toBe(200);
    expect(res.headers.get('x-ms-request-id')).toMatch(GUID);
    expect(res.json.value).toHaveLength(1);
    expect(res.json.value[0]).toEqual({
      properties: {
        roleName: 'Contributor',
        type: 'BuiltInRole',
        description:
          'Grants full access to manage all resources, but does not allow you to assign roles in Azure RBAC, manage assignments in Azure Blueprints, or share image galleries.',
        assignableScopes: ['/'],
        permissions: [
          {
            actions: ['*'],
            notActions: expect.arrayContaining(['Microsoft.Authorization/*/Write', 'Microsoft.Authorization/*/Delete']),
            dataActions: [],
            notDataActions: [],
          },
        ],
        createdOn: expect.stringMatching(/Z$/),
        updatedOn: expect.stringMatching(/Z$/),
        createdBy: null,
        updatedBy: null,
      },
      id: definitionId(CONTRIBUTOR),
      type: 'Microsoft.Authorization/roleDefinitions',
      name: CONTRIBUTOR,
    });
  });

  it.each([
    ['Owner', '8e3af657-a8ff-443c-a75c-2fe8c4bcb635'],
    ['Contributor', CONTRIBUTOR],
    ['Reader', READER],
    ['User Access Administrator', '18d7d88d-d35e-4fb5-a5c3-7773c20a72d9'],
    ['Role Based Access Control Administrator', 'f58310d9-a9f6-439a-9e8d-f62e7b41a168'],
    ['Key Vault Secrets User', '4633458b-17de-408a-b874-0445c86b69e6'],
    ['Key Vault Administrator', '00482a5a-887f-4fb3-b363-3b7fe8e74483'],
    ['Storage Blob Data Contributor', 'ba92f5b4-2d11-453d-a403-e96b0029c9fe'],
    ['Storage Blob Data Reader', '2a2b9908-6ea1-4ae2-8e65-a410df84e7d1'],
    ['AcrPush', '8311e382-0749-4cb8-b61a-304f252e45ec'],
    ['AcrPull', '7f951dda-4ed3-4680-a7ca-43fe172d538d'],
    ['Azure Kubernetes Service Cluster User Role', '4abbcc35-e782-43d8-92c5-2d3f1bd2253f'],
    ['Website Contributor', 'de139f84-1756-47ae-9be6-808fbbe84772'],
  ])('knows %s by its well-known GUID, at a resource group too', async (roleName, guid) => {
    const res = await admin(
      'GET',
      `${RG}${AUTHZ}/roleDefinitions?$filter=${encodeURIComponent(`roleName eq '${roleName}'`)}&${API_VERSION}`,
    );
    expect(res.json.value.map((r: { name: string; id: string }) => [r.name, r.id])).toEqual([
      [guid, definitionId(guid)],
    ]);
    const byId = await admin('GET', `${SUB}${AUTHZ}/roleDefinitions/${guid}?${API_VERSION}`);
    expect(byId.json.properties.roleName).toBe(roleName);
  });

  it('matches roleName in any case, lists all without a filter, and says so for unknown ones', async () => {
    const lower = await admin(
      'GET',
      `${SUB}${AUTHZ}/roleDefinitions?$filter=${encodeURIComponent("roleName eq 'key vault secrets user'")}&${API_VERSION}`,
    );
    expect(lower.json.value[0].properties.roleName).toBe('Key Vault Secrets User');
    const all = await admin('GET', `${SUB}${AUTHZ}/roleDefinitions?${API_VERSION}`);
    expect(all.json.value).toHaveLength(BUILT_IN_ROLES.length);
    const none = await admin(
      'GET',
      `${SUB}${AUTHZ}/roleDefinitions?$filter=${encodeURIComponent("roleName eq 'Contributer'")}&${API_VERSION}`,
    );
    expect(none.json.value).toEqual([]);
    expect(errorOf(await admin('GET', `${SUB}${AUTHZ}/roleDefinitions/${randomUUID()}?${API_VERSION}`))).toMatchObject({
      status: 404,
      code: 'RoleDefinitionDoesNotExist',
    });
    expect(
      errorOf(
        await admin(
          'GET',
          `${SUB}${AUTHZ}/roleDefinitions?$filter=${encodeURIComponent("description eq 'x'")}&${API_VERSION}`,
        ),
      ).status,
    ).toBe(400);
  });
});

describe('role assignments', () => {
  const put = (call: Call, scope: string, name: string, properties: Record<string, unknown>) =>
    call('PUT', `${scope}${AUTHZ}/roleAssignments/${name}?${API_VERSION}`, { properties });

  it('assigns a role to a service principal (201), reads it back and lists it', async () => {
    const principalId = await newServicePrincipal();
    const name = randomUUID();
    const res = await put(admin, RG, name, {
      roleDefinitionId: definitionId(CONTRIBUTOR),
      principalId,
      principalType: 'ServicePrincipal',
    });
    expect(res.status).toBe(201);
    expect(res.json).toEqual({
      properties: {
        roleDefinitionId: definitionId(CONTRIBUTOR),
        principalId,
        principalType: 'ServicePrincipal',
        scope: RG,
        condition: null,
        conditionVersion: null,
        createdOn: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{7}Z$/),
        updatedOn: expect.any(String),
        createdBy: null,
        updatedBy: sb.adminObjectId,
        delegatedManagedIdentityResourceId: null,
        description: null,
      },
      id: `${RG}${AUTHZ}/roleAssignments/${name}`,
      type: 'Microsoft.Authorization/roleAssignments',
      name,
    });
    expect((await admin('GET', `${RG}${AUTHZ}/roleAssignments/${name}?${API_VERSION}`)).json.name).toBe(name);
    const mine = await admin(
      'GET',
      `${SUB}${AUTHZ}/roleAssignments?$filter=${encodeURIComponent(`principalId eq '${principalId}'`)}&${API_VERSION}`,
    );
    // Listing at the subscription shows the assignment below it.
    expect(mine.json.value.map((a: { name: string }) => a.name)).toEqual([name]);
    const atSub = await admin(
      'GET',
      `${SUB}${AUTHZ}/roleAssignments?$filter=${encodeURIComponent(`atScope() and principalId eq '${principalId}'`)}&${API_VERSION}`,
    );
    expect(atSub.json.value).toEqual([]);
    const atVault = await admin('GET', `${VAULT}${AUTHZ}/roleAssignments?$filter=atScope()&${API_VERSION}`);
    const names = atVault.json.value.map((a: { name: string }) => a.name);
    expect(names).toContain(name); // inherited from the resource group
    expect(
      atVault.json.value.some(
        (a: { properties: { principalId: string } }) => a.properties.principalId === sb.adminObjectId,
      ),
    ).toBe(true);
  });

  it('answers 409 RoleAssignmentExists for an identical assignment, under any name', async () => {
    const principalId = await newServicePrincipal();
    const body = { roleDefinitionId: definitionId(READER), principalId };
    const name = randomUUID();
    expect((await put(admin, SUB, name, body)).status).toBe(201);
    const again = await put(admin, SUB, name, body);
    expect(errorOf(again)).toEqual({
      status: 409,
      code: 'RoleAssignmentExists',
      message: 'The role assignment already exists.',
    });
    expect(errorOf(await put(admin, SUB, randomUUID(), body))).toMatchObject({
      status: 409,
      code: 'RoleAssignmentExists',
    });
    expect(
      errorOf(await put(admin, SUB, name, { ...body, roleDefinitionId: definitionId(CONTRIBUTOR) })),
    ).toMatchObject({
      status: 400,
      code: 'RoleAssignmentUpdateNotPermitted',
    });
    // The same role at another scope is another assignment.
    expect((await put(admin, RG, randomUUID(), body)).status).toBe(201);
  });

  it('refuses bad names, unknown roles and principals as ARM does', async () => {
    const principalId = await newServicePrincipal();
    expect(
      errorOf(await put(admin, SUB, 'not-a-guid', { roleDefinitionId: definitionId(READER), principalId })),
    ).toEqual({
      status: 400,
      code: 'InvalidRoleAssignmentId',
      message: "The role assignment ID 'not-a-guid' is not valid. The role assignment ID must be a GUID.",
    });
    const unknownRole = randomUUID();
    expect(
      errorOf(await put(admin, SUB, randomUUID(), { roleDefinitionId: definitionId(unknownRole), principalId })),
    ).toEqual({
      status: 400,
      code: 'RoleDefinitionDoesNotExist',
      message: `The specified role definition with ID '${unknownRole}' does not exist.`,
    });
    const ghost = randomUUID();
    const notFound = errorOf(
      await put(admin, SUB, randomUUID(), { roleDefinitionId: definitionId(READER), principalId: ghost }),
    );
    expect(notFound).toMatchObject({ status: 400, code: 'PrincipalNotFound' });
    expect(notFound.message).toContain(
      `Principal ${ghost.replace(/-/g, '')} does not exist in the directory ${sb.tenantId}.`,
    );
    // With principalType, ARM does not look the principal up (replication delay).
    expect(
      (
        await put(admin, SUB, randomUUID(), {
          roleDefinitionId: definitionId(READER),
          principalId: ghost,
          principalType: 'ServicePrincipal',
        })
      ).status,
    ).toBe(201);
    expect(
      errorOf(
        await put(admin, SUB, randomUUID(), {
          roleDefinitionId: definitionId(READER),
          principalId,
          principalType: 'User',
        }),
      ),
    ).toMatchObject({
      status: 400,
      code: 'UnmatchedPrincipalType',
    });
    expect(
      errorOf(await admin('PUT', `${SUB}${AUTHZ}/roleAssignments/${randomUUID()}?${API_VERSION}`, '{"properties":')),
    ).toMatchObject({
      status: 400,
      code: 'InvalidRequestContent',
    });
    expect(errorOf(await admin('GET', `${SUB}${AUTHZ}/roleAssignments/${randomUUID()}?${API_VERSION}`))).toMatchObject({
      status: 404,
      code: 'RoleAssignmentNotFound',
    });
  });

  it('deletes an assignment, and says 204 when there is none', async () => {
    const principalId = await newServicePrincipal();
    const name = randomUUID();
    await put(admin, RG, name, { roleDefinitionId: definitionId(READER), principalId });
    const del = await admin('DELETE', `${RG}${AUTHZ}/roleAssignments/${name}?${API_VERSION}`);
    expect(del.status).toBe(200);
    expect(del.json.name).toBe(name);
    expect((await admin('DELETE', `${RG}${AUTHZ}/roleAssignments/${name}?${API_VERSION}`)).status).toBe(204);
  });
});

describe('authorization of the caller', () => {
  it('refuses roleAssignments/write to a Contributor with 403 AuthorizationFailed, and completes once it is granted', async () => {
    const userId = randomUUID();
    const token = sb.mintAccessToken(ARM, { principalId: userId, userPrincipalName: 'dev@sandbox.onmicrosoft.com' });
    sb.grantRole({ principalId: userId, role: 'Contributor', scope: SUB });
    const dev = client(sb.armEndpoint, token);
    // A Contributor reads role definitions...
    expect(
      (
        await dev(
          'GET',
          `${SUB}${AUTHZ}/roleDefinitions?$filter=${encodeURIComponent("roleName eq 'Reader'")}&${API_VERSION}`,
        )
      ).status,
    ).toBe(200);
    // ...but may not assign them.
    const principalId = await newServicePrincipal();
    const name = randomUUID();
    const body = { properties: { roleDefinitionId: definitionId(READER), principalId } };
    const path = `${RG}${AUTHZ}/roleAssignments/${name}?${API_VERSION}`;
    expect(errorOf(await dev('PUT', path, body))).toEqual({
      status: 403,
      code: 'AuthorizationFailed',
      message:
        `The client 'dev@sandbox.onmicrosoft.com' with object id '${userId}' does not have authorization to perform action ` +
        `'Microsoft.Authorization/roleAssignments/write' over scope '${RG}${AUTHZ}/roleAssignments/${name}' or the scope is invalid. ` +
        'If access was recently granted, please refresh your credentials.',
    });
    // An administrator grants User Access Administrator over the control endpoint; the same token now succeeds.
    const grant = await postJson(
      `${sb.origin}/_sandbox/grants`,
      { principalId: userId, role: 'User Access Administrator', scope: RG },
      { authorization: `Bearer ${sb.idTokenRequestToken}` },
    );
    expect(grant.status).toBe(200);
    expect(grant.json.id).toMatch(new RegExp(`^${RG}${AUTHZ}/roleAssignments/[0-9a-f-]{36}$`));
    expect((await dev('PUT', path, body)).status).toBe(201);
    // Granted at the resource group, not above it.
    expect(
      errorOf(await dev('PUT', `${SUB}${AUTHZ}/roleAssignments/${randomUUID()}?${API_VERSION}`, body)).status,
    ).toBe(403);
  });

  it('lets an Owner grant through ARM itself, and refuses a principal with no role even reads', async () => {
    const userId = randomUUID();
    const stranger = client(sb.armEndpoint, sb.mintAccessToken(ARM, { principalId: userId }));
    const read = errorOf(await stranger('GET', `${SUB}${AUTHZ}/roleDefinitions?${API_VERSION}`));
    expect(read).toMatchObject({ status: 403, code: 'AuthorizationFailed' });
    expect(read.message).toContain("'Microsoft.Authorization/roleDefinitions/read'");
    const res = await admin('PUT', `${SUB}${AUTHZ}/roleAssignments/${randomUUID()}?${API_VERSION}`, {
      properties: { roleDefinitionId: definitionId(READER), principalId: userId },
    });
    expect(res.json.properties.principalType).toBe('User');
    expect((await stranger('GET', `${SUB}${AUTHZ}/roleDefinitions?${API_VERSION}`)).status).toBe(200);
  });

  it('refuses grants it cannot make, over the control endpoint only with the request token', async () => {
    expect(() => sb.grantRole({ principalId: sb.adminObjectId, role: 'Chief', scope: SUB })).toThrow(
      /not a built-in role/,
    );
    expect(() => sb.grantRole({ principalId: randomUUID(), role: 'Reader', scope: SUB })).toThrow(
      /neither a user nor a service principal/,
    );
    expect(() =>
      sb.grantRole({ principalId: sb.adminObjectId, role: 'Reader', scope: `/subscriptions/${randomUUID()}` }),
    ).toThrow(/does not have/);
    const url = `${sb.origin}/_sandbox/grants`;
    const body = { principalId: sb.adminObjectId, role: 'Reader', scope: SUB };
    expect((await postJson(url, body)).status).toBe(401);
    const bad = await postJson(
      url,
      { ...body, scope: 'subscriptions' },
      { authorization: `Bearer ${sb.idTokenRequestToken}` },
    );
    expect(bad.status).toBe(400);
    expect(bad.json.field).toBe('scope');
  });
});

describe('requests ARM refuses before authorization', () => {
  const path = `${SUB}${AUTHZ}/roleDefinitions?${API_VERSION}`;

  it('answers 401 with ARM codes: no header, a Graph token, an expired or a garbled token', async () => {
    const none = await client(sb.armEndpoint, undefined)('GET', path);
    expect(errorOf(none)).toEqual({
      status: 401,
      code: 'AuthenticationFailed',
      message: "Authentication failed. The 'Authorization' header is missing.",
    });
    expect(none.headers.get('www-authenticate')).toContain('error="invalid_token"');
    const graph = errorOf(await client(sb.armEndpoint, sb.mintAccessToken(GRAPH))('GET', path));
    expect(graph).toMatchObject({ status: 401, code: 'InvalidAuthenticationTokenAudience' });
    expect(graph.message).toContain("wrong audience or resource 'https://graph.microsoft.com'");
    const expired = errorOf(
      await client(sb.armEndpoint, sb.mintAccessToken(ARM, { lifetimeSeconds: -120 }))('GET', path),
    );
    expect(expired).toMatchObject({ status: 401, code: 'ExpiredAuthenticationToken' });
    expect(expired.message).toMatch(
      /^The access token expiry UTC time '\d+\/\d+\/\d{4} \d+:\d\d:\d\d [AP]M' is earlier than current UTC time/,
    );
    expect(errorOf(await client(sb.armEndpoint, 'garbage')('GET', path))).toEqual({
      status: 401,
      code: 'InvalidAuthenticationToken',
      message: 'The access token is invalid.',
    });
    // The classic ARM audience is accepted too, as ARM does.
    expect(
      (await client(sb.armEndpoint, sb.mintAccessToken('https://management.core.windows.net/'))('GET', path)).status,
    ).toBe(200);
  });

  it('requires a known api-version, an existing subscription and a well-formed scope', async () => {
    expect(errorOf(await admin('GET', `${SUB}${AUTHZ}/roleDefinitions`))).toEqual({
      status: 400,
      code: 'MissingApiVersionParameter',
      message: 'The api-version query parameter (?api-version=) is required for all requests.',
    });
    expect(errorOf(await admin('GET', `${SUB}${AUTHZ}/roleAssignments?api-version=2099-01-01`))).toMatchObject({
      status: 400,
      code: 'NoRegisteredProviderFound',
    });
    const other = randomUUID();
    expect(errorOf(await admin('GET', `/subscriptions/${other}${AUTHZ}/roleDefinitions?${API_VERSION}`))).toEqual({
      status: 404,
      code: 'SubscriptionNotFound',
      message: `The subscription '${other}' could not be found.`,
    });
    expect(errorOf(await admin('GET', `/subscriptions/my-sub${AUTHZ}/roleDefinitions?${API_VERSION}`))).toEqual({
      status: 400,
      code: 'InvalidSubscriptionId',
      message: "The provided subscription identifier 'my-sub' is malformed or invalid.",
    });
    expect(errorOf(await admin('GET', `${SUB}/resourceGroups${AUTHZ}/roleDefinitions?${API_VERSION}`)).status).toBe(
      400,
    );
  });

  it('serves the role definitions at the root scope to any signed-in principal', async () => {
    const stranger = client(sb.armEndpoint, sb.mintAccessToken(ARM, { principalId: randomUUID() }));
    const root = await stranger('GET', `${AUTHZ}/roleDefinitions/${READER}?${API_VERSION}`);
    expect(root.status).toBe(200);
    expect(root.json.id).toBe(`${AUTHZ}/roleDefinitions/${READER}`);
  });

  it('applies faults aimed at arm', async () => {
    sb.setFaults([{ target: 'arm', status: 429, retryAfter: '2' }]);
    expect((await admin('GET', `${SUB}${AUTHZ}/roleDefinitions?${API_VERSION}`)).status).toBe(429);
    expect((await admin('GET', `${SUB}${AUTHZ}/roleDefinitions?${API_VERSION}`)).status).toBe(200);
  });
});
