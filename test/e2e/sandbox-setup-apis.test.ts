/**
 * `entra-federate sandbox` as a process, driven as `setup` will drive it: its coordinates line
 * names the Graph and ARM endpoints; user tokens come from its control endpoint; what is created
 * through its Graph is what the built CLI's `token`/`login`/`doctor` then meet at its token
 * endpoint; ARM refuses a role assignment to a Contributor and accepts it once granted.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { API_VERSION, ARM, type Call, client, errorOf, GRAPH, GUID } from '../helpers/sandbox-apis.js';
import { decodePayload, postJson } from '../helpers/sandbox-http.js';
import { baseEnv, CLI, runCli } from './run.js';

interface Coordinates {
  authorityHost: string;
  tenantId: string;
  clientId: string;
  issuer: string;
  idTokenRequestUrl: string;
  idTokenRequestToken: string;
  graphEndpoint: string;
  armEndpoint: string;
  subscriptionId: string;
}

const OTHER_SUBSCRIPTION = '0b1c2d3e-4f50-4617-8293-a4b5c6d7e8f9';
const NO_SP_APP = '7d6c5b4a-3928-4170-8615-2a3b4c5d6e7f';

let dir: string;
let child: ChildProcess;
let c: Coordinates;
const secrets = new Set<string>();

async function startSandboxProcess(args: string[]): Promise<{ child: ChildProcess; coordinates: Coordinates }> {
  const proc = spawn(process.execPath, [CLI, 'sandbox', ...args], {
    env: baseEnv(),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const line = await new Promise<string>((resolve, reject) => {
    createInterface({ input: proc.stdout as NodeJS.ReadableStream }).once('line', resolve);
    proc.once('exit', () => reject(new Error('sandbox exited early')));
  });
  return { child: proc, coordinates: JSON.parse(line) as Coordinates };
}

async function control(action: string, body: unknown): Promise<Record<string, any>> {
  const res = await postJson(`${c.authorityHost}/_sandbox/${action}`, body, {
    authorization: `Bearer ${c.idTokenRequestToken}`,
  });
  expect(res.status, res.text).toBe(200);
  return res.json;
}

async function userToken(resource: string, extra: Record<string, unknown> = {}): Promise<string> {
  const { accessToken } = await control('access-token', { resource, ...extra });
  secrets.add(accessToken);
  return accessToken as string;
}

async function ciTokenFile(branch: string): Promise<string> {
  const { value } = await control('mint', {
    claims: { repository: 'o/r', repository_owner: 'o', ref: `refs/heads/${branch}` },
  });
  secrets.add(value);
  const file = join(dir, `ci-${branch}-${secrets.size}`);
  writeFileSync(file, value, { mode: 0o600 });
  return file;
}

const login = (clientId: string) => ({
  AZURE_CLIENT_ID: clientId,
  AZURE_TENANT_ID: c.tenantId,
  AZURE_AUTHORITY_HOST: c.authorityHost,
});

function expectNoSecrets(...outputs: string[]): void {
  for (const out of outputs) for (const secret of secrets) expect(out.includes(secret)).toBe(false);
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ef-setup-apis-'));
  const config = join(dir, 'sandbox.json');
  writeFileSync(
    config,
    JSON.stringify({
      subscriptions: [OTHER_SUBSCRIPTION],
      apps: [
        {
          clientId: '5a4db0c5-c11e-4000-8000-000000000002',
          federatedCredentials: [
            {
              issuer: '{origin}/ci',
              subject: 'repo:o/r:ref:refs/heads/main',
              audiences: ['api://AzureADTokenExchange'],
            },
          ],
        },
        {
          clientId: NO_SP_APP,
          servicePrincipal: false,
          federatedCredentials: [
            {
              issuer: '{origin}/ci',
              subject: 'repo:o/r:ref:refs/heads/main',
              audiences: ['api://AzureADTokenExchange'],
            },
          ],
        },
      ],
    }),
  );
  ({ child, coordinates: c } = await startSandboxProcess(['--config', config]));
});

afterAll(async () => {
  if (child && child.exitCode === null) {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  }
  rmSync(dir, { recursive: true, force: true });
});

describe('the sandbox process serves the set-up APIs', () => {
  test('its coordinates line names the Graph and ARM endpoints and the subscription', () => {
    expect(c.graphEndpoint).toBe(c.authorityHost);
    expect(c.armEndpoint).toBe(c.authorityHost);
    expect(c.subscriptionId).toBe(OTHER_SUBSCRIPTION);
  });

  test('an app, FIC, service principal and role made through Graph and ARM carry a login; another branch fails', async () => {
    const graph: Call = client(c.graphEndpoint, await userToken(GRAPH));
    const arm: Call = client(c.armEndpoint, await userToken(ARM));
    const app = (await graph('POST', '/v1.0/applications', { displayName: 'entra-federate-o-r' })).json;
    const fic = await graph('POST', `/v1.0/applications/${app.id}/federatedIdentityCredentials`, {
      name: 'o-r-main',
      issuer: c.issuer,
      subject: 'repo:o/r:ref:refs/heads/main',
      audiences: ['api://AzureADTokenExchange'],
    });
    expect(fic.status).toBe(201);
    const sp = (await graph('POST', '/v1.0/servicePrincipals', { appId: app.appId })).json;
    const scope = `/subscriptions/${c.subscriptionId}`;
    const role = await arm(
      'GET',
      `${scope}/providers/Microsoft.Authorization/roleDefinitions?$filter=${encodeURIComponent("roleName eq 'Contributor'")}&${API_VERSION}`,
    );
    const assignment = await arm(
      'PUT',
      `${scope}/providers/Microsoft.Authorization/roleAssignments/${crypto.randomUUID()}?${API_VERSION}`,
      {
        properties: { roleDefinitionId: role.json.value[0].id, principalId: sp.id, principalType: 'ServicePrincipal' },
      },
    );
    expect(assignment.status).toBe(201);

    const ok = await runCli(['token', '--id-token-file', await ciTokenFile('main')], login(app.appId));
    expect(ok.stderr).toBe('');
    expect(ok.code).toBe(0);
    secrets.add(ok.stdout.trim());
    expect(decodePayload(ok.stdout.trim())).toMatchObject({ appid: app.appId, oid: sp.id });

    const devToken = await ciTokenFile('dev');
    const dev = await runCli(['token', '--id-token-file', devToken], login(app.appId));
    expect(dev.code).toBe(1);
    expect(dev.stderr).toContain('AADSTS70021');
    expect(dev.stderr).toContain('repo:o/r:ref:refs/heads/dev');

    // The doctor reads the Graph-made FIC and names the difference.
    const doctor = await runCli(
      [
        'doctor',
        '--json',
        '--id-token-file',
        devToken,
        '--client-id',
        app.appId,
        '--graph-url',
        c.graphEndpoint,
        '--graph-token-env',
        'GRAPH_TOKEN',
      ],
      { ...login(app.appId), GRAPH_TOKEN: await userToken(GRAPH, { permissions: ['Application.Read.All'] }) },
    );
    expect(doctor.code).toBe(1);
    const diagnosis = JSON.parse(doctor.stdout) as { comparisons: { fic: { name?: string; subject?: string } }[] };
    expect(diagnosis.comparisons[0]?.fic).toMatchObject({ name: 'o-r-main', subject: 'repo:o/r:ref:refs/heads/main' });
    expectNoSecrets(ok.stderr, dev.stdout, dev.stderr, doctor.stdout, doctor.stderr);
  });

  test('a role assignment refused with 403 completes after the grant, with the same token', async () => {
    const userId = crypto.randomUUID();
    const token = await userToken(ARM, { principalId: userId, userPrincipalName: 'dev@sandbox.onmicrosoft.com' });
    const scope = `/subscriptions/${c.subscriptionId}`;
    await control('grants', { principalId: userId, role: 'Contributor', scope });
    const graph = client(c.graphEndpoint, await userToken(GRAPH));
    const app = (await graph('POST', '/v1.0/applications', { displayName: 'rerun' })).json;
    const sp = (await graph('POST', '/v1.0/servicePrincipals', { appId: app.appId })).json;
    const path = `${scope}/resourceGroups/rg/providers/Microsoft.Authorization/roleAssignments/${crypto.randomUUID()}?${API_VERSION}`;
    const body = {
      properties: {
        roleDefinitionId: `${scope}/providers/Microsoft.Authorization/roleDefinitions/4633458b-17de-408a-b874-0445c86b69e6`,
        principalId: sp.id,
      },
    };
    const arm = client(c.armEndpoint, token);
    const denied = errorOf(await arm('PUT', path, body));
    expect(denied).toMatchObject({ status: 403, code: 'AuthorizationFailed' });
    expect(denied.message).toContain("'Microsoft.Authorization/roleAssignments/write'");
    await control('grants', { principalId: userId, role: 'Role Based Access Control Administrator', scope });
    const granted = await arm('PUT', path, body);
    expect(granted.status).toBe(201);
    expect(granted.json.properties).toMatchObject({ principalId: sp.id, principalType: 'ServicePrincipal' });
  });

  test('Graph refuses a write to a token without Application.ReadWrite.All', async () => {
    const reader = client(c.graphEndpoint, await userToken(GRAPH, { permissions: ['Application.Read.All'] }));
    expect(errorOf(await reader('POST', '/v1.0/applications', { displayName: 'x' }))).toEqual({
      status: 403,
      code: 'Authorization_RequestDenied',
      message: 'Insufficient privileges to complete the operation.',
    });
  });

  test('the token endpoint answers AADSTS7000229 and AADSTS500011 to the CLI', async () => {
    const noSp = await runCli(['token', '--id-token-file', await ciTokenFile('main')], login(NO_SP_APP));
    expect(noSp.code).toBe(1);
    expect(noSp.stderr).toContain('AADSTS7000229');
    const unknown = await runCli(
      ['token', '--scope', 'https://unknown.example/.default', '--id-token-file', await ciTokenFile('main')],
      login(c.clientId),
    );
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('AADSTS500011');
    const known = await runCli(
      ['token', '--scope', `api://${c.clientId}/.default`, '--id-token-file', await ciTokenFile('main')],
      login(c.clientId),
    );
    expect(known.code, known.stderr).toBe(0);
    expect(decodePayload(known.stdout.trim())['oid']).toMatch(GUID);
  });
});
