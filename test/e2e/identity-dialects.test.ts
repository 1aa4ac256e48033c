/**
 * The identity endpoint's other dialects, with their real clients where this machine has them:
 *  - App Service 2017 (MSI_ENDPOINT + MSI_SECRET) with Debian's Azure CLI 2.45 (msrestazure):
 *    `login --export identity-endpoint,az` signs az in with `az login --identity`, and after the
 *    CI token (5 s) and the first access token (10 s) have expired, `az account get-access-token`
 *    for resources az never fetched still succeeds, each token accepted by a resource server that
 *    verifies it with the sandbox's keys. az reaches "ARM" (management.azure.com) at login through
 *    a proxy to a loopback stand-in: see test/helpers/arm.ts.
 *  - IMDS under a capability path (Terraform's ARM_MSI_ENDPOINT), served only when asked for.
 *  - Every dialect refuses a missing secret or path, another client id and a resource the policy
 *    (read once, at start) does not allow, each in its own error shape.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startSandbox } from '../../src/sandbox/index.js';
import type { Sandbox } from '../../src/sandbox/index.js';
import { startArm } from '../helpers/arm.js';
import type { ArmStandIn } from '../helpers/arm.js';
import { sandboxTokenVerifier } from '../helpers/entra-tokens.js';
import { githubJob, parseFileCommands, sourceExportFile } from '../helpers/handoff.js';
import { baseEnv, runCli, runProcess } from './run.js';

const SUBSCRIPTION = '0b1f6471-1bf0-4dda-aec3-111122223333';
const ACCESS_TOKEN_SECONDS = 10;
let sandbox: Sandbox;
let arm: ArmStandIn;
let dir: string;

function hasAz(): boolean {
  try {
    execFileSync('az', ['version', '--output', 'json'], {
      stdio: 'ignore',
      env: baseEnv({ AZURE_CORE_COLLECT_TELEMETRY: 'false' }),
    });
    return true;
  } catch {
    return false;
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

beforeAll(async () => {
  sandbox = await startSandbox({
    config: { idTokenLifetimeSeconds: 5, accessTokenLifetimeSeconds: ACCESS_TOKEN_SECONDS },
  });
  arm = await startArm(sandbox, SUBSCRIPTION);
  dir = mkdtempSync(join(tmpdir(), 'ef-identity-dialects-'));
});
afterAll(async () => {
  await arm.close();
  await sandbox.close();
  rmSync(dir, { recursive: true, force: true });
});

function claimsOf(jwt: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(jwt.split('.')[1] ?? '', 'base64url').toString('utf8')) as Record<string, unknown>;
}

describe.skipIf(!hasAz())('Azure CLI 2.45 through the App Service 2017 dialect', () => {
  test('az login --identity against the endpoint; get-access-token for new resources after the CI token and the first access token expired', async () => {
    const job = { ...githubJob(sandbox, join(dir, 'az')), ...arm.env };
    const login = await runCli(['login', '--export', 'identity-endpoint,az', '--subscription-id', SUBSCRIPTION], job);
    expect(login.code, login.stderr).toBe(0);
    expect(login.stderr).toContain('az: signed in as a managed identity');
    expect(login.stderr).toContain('App Service 2017');
    const loggedInAt = Date.now();
    const exported = parseFileCommands(readFileSync(job['GITHUB_ENV'] ?? '', 'utf8'));
    expect(Object.keys(exported).sort()).toEqual([
      'APPSETTING_WEBSITE_SITE_NAME',
      'AZURE_CONFIG_DIR',
      'ENTRA_FEDERATE_SESSION',
      'IDENTITY_ENDPOINT',
      'IDENTITY_HEADER',
      'MSI_ENDPOINT',
      'MSI_SECRET',
    ]);
    expect(exported['MSI_ENDPOINT']).toBe(exported['IDENTITY_ENDPOINT']);
    // az's own login reached "ARM" with a token from the endpoint.
    expect(arm.verifier.verdicts.filter((v) => v.ok).length).toBeGreaterThan(0);

    // A later step: only what the job passes on, no proxy (get-access-token needs no ARM).
    const step = baseEnv({ ...exported, AZURE_CORE_COLLECT_TELEMETRY: 'false' });
    const account = await runProcess('az', ['account', 'show', '--output', 'json'], { env: step });
    expect(account.code, account.stderr).toBe(0);
    expect(JSON.parse(account.stdout)).toMatchObject({
      id: SUBSCRIPTION,
      tenantId: sandbox.tenantId,
      user: { type: 'servicePrincipal', name: 'systemAssignedIdentity' },
    });

    // Past the CI token's life (5 s) and the first access token's (10 s).
    await sleep(Math.max(0, loggedInAt + (ACCESS_TOKEN_SECONDS + 1) * 1000 - Date.now()));
    const verifier = sandboxTokenVerifier(sandbox);
    for (const resource of ['https://vault.azure.net', 'https://storage.azure.com/']) {
      const run = await runProcess('az', ['account', 'get-access-token', '--resource', resource, '--output', 'json'], {
        env: step,
      });
      expect(run.code, run.stderr).toBe(0);
      const answer = JSON.parse(run.stdout) as { accessToken: string; expiresOn: string; tenant: string };
      expect(answer.tenant).toBe(sandbox.tenantId);
      const check = await verifier.verify(answer.accessToken, [resource]);
      expect(check, JSON.stringify(check)).toMatchObject({ ok: true });
      expect(claimsOf(answer.accessToken)['appid'] ?? claimsOf(answer.accessToken)['azp']).toBe(sandbox.clientId);
    }
    const logout = await runCli(['logout'], { ...job, ...exported });
    expect(logout.code, logout.stderr).toBe(0);
  }, 180_000);
});

describe('refusals in each dialect, and IMDS only when asked for', () => {
  test('terraform outside GitHub: ARM_USE_MSI with the IMDS capability URL, renewing past both lifetimes; bad requests refused in each shape', async () => {
    const job = join(dir, 'file-job');
    const temp = join(job, 'temp');
    execFileSync('mkdir', ['-p', temp]);
    const tokenFile = join(job, 'ci-token');
    // A CI that rotates the job's token file (like a Kubernetes projected token).
    writeFileSync(tokenFile, sandbox.mintIdToken());
    const rotate = setInterval(() => writeFileSync(tokenFile, sandbox.mintIdToken()), 2000);
    const policy = join(job, 'policy.json');
    const allowed = [
      'https://management.azure.com/.default',
      'https://vault.azure.net/.default',
      'https://management.core.windows.net/.default',
    ];
    writeFileSync(
      policy,
      JSON.stringify({
        name: 'long-jobs',
        rules: [
          {
            name: 'main',
            claims: { repository: 'octo-org/octo-repo' },
            allow: { tenants: '*', clientIds: '*', scopes: allowed },
          },
        ],
      }),
    );
    const exportFile = join(job, 'exports.sh');
    try {
      const login = await runCli(
        [
          'login',
          '--id-token-file',
          tokenFile,
          '--export',
          'terraform,identity-endpoint',
          '--export-file',
          exportFile,
          '--policy',
          policy,
        ],
        baseEnv({
          AZURE_CLIENT_ID: sandbox.clientId,
          AZURE_TENANT_ID: sandbox.tenantId,
          AZURE_AUTHORITY_HOST: sandbox.authorityHost,
          TMPDIR: temp,
        }),
      );
      expect(login.code, login.stderr).toBe(0);
      expect(login.stderr).toContain('managed-identity mode');
      const vars = sourceExportFile(exportFile);
      expect(vars).toMatchObject({
        ARM_USE_MSI: 'true',
        ARM_CLIENT_ID: sandbox.clientId,
        ARM_TENANT_ID: sandbox.tenantId,
      });
      expect(vars['ARM_USE_OIDC']).toBeUndefined();
      expect(vars['ARM_OIDC_TOKEN_FILE_PATH']).toBeUndefined();
      const msi = vars['ARM_MSI_ENDPOINT'] ?? '';
      const capability = /^http:\/\/127\.0\.0\.1:\d+\/([A-Za-z0-9_-]{43})\/metadata\/identity\/oauth2\/token$/.exec(
        msi,
      )?.[1];
      expect(capability, msi).toBeDefined();
      // The capability is a secret: it is not in the log.
      expect(login.stderr).not.toContain(capability);
      const origin = new URL(msi).origin;

      // After both lifetimes: what go-autorest / go-azure-sdk send.
      await sleep((ACCESS_TOKEN_SECONDS + 1) * 1000);
      const verifier = sandboxTokenVerifier(sandbox);
      const imds = (query: string, headers: Record<string, string> = { Metadata: 'true' }, url = msi) =>
        fetch(`${url}?${query}`, { headers }).then(async (r) => ({
          status: r.status,
          body: (await r.json()) as Record<string, string>,
        }));
      const ok = await imds(
        `api-version=2018-02-01&resource=${encodeURIComponent('https://management.azure.com/')}&client_id=${sandbox.clientId}`,
      );
      expect(ok.status).toBe(200);
      expect(Object.keys(ok.body).sort()).toEqual([
        'access_token',
        'client_id',
        'expires_in',
        'expires_on',
        'ext_expires_in',
        'not_before',
        'resource',
        'token_type',
      ]);
      expect(Number(ok.body['expires_on']) * 1000).toBeGreaterThan(Date.now());
      expect(await verifier.verify(ok.body['access_token'] ?? '', ['https://management.azure.com/'])).toMatchObject({
        ok: true,
      });

      // IMDS refusals: no Metadata header, another client, the path without the capability.
      expect(await imds('api-version=2018-02-01&resource=https://vault.azure.net', {})).toMatchObject({
        status: 400,
        body: { error: 'invalid_request' },
      });
      expect(
        await imds(
          'api-version=2018-02-01&resource=https://vault.azure.net&client_id=00000000-0000-0000-0000-000000000001',
        ),
      ).toMatchObject({
        status: 400,
        body: { error_description: expect.stringContaining(`serves client ${sandbox.clientId} only`) },
      });
      expect(
        (
          await imds(
            'api-version=2018-02-01&resource=https://vault.azure.net',
            { Metadata: 'true' },
            `${origin}/metadata/identity/oauth2/token`,
          )
        ).status,
      ).toBe(404);

      // The policy was read once: widening it now changes nothing; graph stays refused, in each shape.
      writeFileSync(
        policy,
        JSON.stringify({
          name: 'wide',
          rules: [
            {
              name: 'all',
              claims: { repository: 'octo-org/octo-repo' },
              allow: { tenants: '*', clientIds: '*', scopes: '*' },
            },
          ],
        }),
      );
      const graph = await imds('api-version=2018-02-01&resource=https://graph.microsoft.com');
      expect(graph).toMatchObject({ status: 400, body: { error: 'POLICY_DENIED' } });
      const secret = vars['IDENTITY_HEADER'] ?? '';
      const endpoint = vars['IDENTITY_ENDPOINT'] ?? '';
      const v2017 = (query: string, headers: Record<string, string>) =>
        fetch(`${endpoint}/?${query}`, { headers }).then(async (r) => ({
          status: r.status,
          body: (await r.json()) as Record<string, unknown>,
        }));
      expect(await v2017('resource=https://graph.microsoft.com&api-version=2017-09-01', { secret })).toMatchObject({
        status: 400,
        body: { ExceptionMessage: expect.stringContaining('Denied by policy') },
      });
      expect(await v2017('resource=https://vault.azure.net&api-version=2017-09-01', {})).toMatchObject({
        status: 401,
        body: { ExceptionMessage: expect.stringContaining('MSI_SECRET') },
      });
      expect(
        await v2017(
          'resource=https://vault.azure.net&api-version=2017-09-01&clientid=00000000-0000-0000-0000-000000000001',
          { secret },
        ),
      ).toMatchObject({ status: 400 });
      const fine = await v2017('resource=https://vault.azure.net&api-version=2017-09-01', { secret });
      expect(fine.status).toBe(200);
      expect(fine.body['expires_on']).toMatch(/^\d\d\/\d\d\/\d{4} \d\d:\d\d:\d\d \+00:00$/);
      const v2019 = await fetch(`${endpoint}?api-version=2019-08-01&resource=https://graph.microsoft.com`, {
        headers: { 'X-IDENTITY-HEADER': secret },
      });
      expect(v2019.status).toBe(400);
      expect(await v2019.json()).toMatchObject({ error: 'POLICY_DENIED' });
      // Nothing denied reached Entra.
      expect(sandbox.requests.filter((r) => r.target === 'token' && r.path.includes('graph'))).toEqual([]);
      const logout = await runCli(
        ['logout'],
        baseEnv({ ENTRA_FEDERATE_SESSION: vars['ENTRA_FEDERATE_SESSION'] ?? '', TMPDIR: temp }),
      );
      expect(logout.code, logout.stderr).toBe(0);
    } finally {
      clearInterval(rotate);
    }
  }, 120_000);
});
