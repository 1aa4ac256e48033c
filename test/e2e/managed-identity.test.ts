/**
 * `--credential managed-identity` (the Action's `credential: managed-identity`): a self-hosted
 * runner in Azure signs in with its own identity. The sandbox's IMDS stand-in answers
 * `GET /metadata/identity/oauth2/token` like a VM does (`Metadata: true`, api-version
 * 2018-02-01, `client_id` for a user-assigned identity), reached through IMDS_ENDPOINT or
 * AZURE_POD_IDENTITY_AUTHORITY_HOST on loopback. No CI token is asked for and no exchange is
 * made; policy, audit and hand-offs work as for any login.
 */
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { startSandbox } from '../../src/sandbox/index.js';
import type { Sandbox } from '../../src/sandbox/index.js';
import { parseFileCommands, sourceExportFile } from '../helpers/handoff.js';
import { ROOT, baseEnv, runCli, runNode, runProcess } from './run.js';

let sandbox: Sandbox;
let origin: string;
let dir: string;
const USER_ASSIGNED = randomUUID();

beforeAll(async () => {
  sandbox = await startSandbox();
  // A user-assigned identity: another service principal in the tenant.
  sandbox.addApp({ clientId: USER_ASSIGNED, federatedCredentials: [] });
  origin = new URL(sandbox.authorityHost).origin;
  dir = mkdtempSync(join(tmpdir(), 'ef-managed-identity-'));
});
afterAll(async () => {
  await sandbox.close();
  rmSync(dir, { recursive: true, force: true });
});

function claimsOf(jwt: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(jwt.split('.')[1] ?? '', 'base64url').toString('utf8')) as Record<string, unknown>;
}

/** A self-hosted runner: no CI's OIDC variables, no AZURE_* at all, only where IMDS is. */
function runnerEnv(extra: Record<string, string> = {}): Record<string, string> {
  return baseEnv({ IMDS_ENDPOINT: origin, ...extra });
}

function since(before: number): Sandbox['requests'] {
  return sandbox.requests.slice(before);
}

describe('the CLI', () => {
  test('token: the system-assigned identity, straight from IMDS; no CI token, no exchange', async () => {
    const before = sandbox.requests.length;
    const run = await runCli(['token', '--credential', 'managed-identity'], runnerEnv());
    expect(run.code, run.stderr).toBe(0);
    const claims = claimsOf(run.stdout.trim());
    expect(claims).toMatchObject({
      aud: 'https://management.azure.com',
      appid: sandbox.clientId,
      tid: sandbox.tenantId,
    });
    const requests = since(before);
    expect(requests.map((r) => r.target)).toEqual(['imds']);
    const url = new URL(requests[0]?.path ?? '', origin);
    expect(url.pathname).toBe('/metadata/identity/oauth2/token');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      'api-version': '2018-02-01',
      resource: 'https://management.azure.com',
    });
    expect(requests[0]?.headers['metadata']).toBe('true');
  });

  test('login --export env with a user-assigned identity (--client-id), through AZURE_POD_IDENTITY_AUTHORITY_HOST; policy and audit as for any login', async () => {
    const job = mkdtempSync(join(dir, 'login-'));
    const exportFile = join(job, 'exports.env');
    const audit = join(job, 'audit.jsonl');
    const before = sandbox.requests.length;
    const run = await runCli(
      [
        'login',
        '--credential',
        'managed-identity',
        '--client-id',
        USER_ASSIGNED,
        '--scope',
        'https://vault.azure.net/.default',
        '--export',
        'env',
        '--export-file',
        exportFile,
        '--audit-log',
        audit,
      ],
      baseEnv({ AZURE_POD_IDENTITY_AUTHORITY_HOST: origin }),
    );
    expect(run.code, run.stderr).toBe(0);
    const requests = since(before);
    expect(requests.map((r) => r.target)).toEqual(['imds']);
    expect(new URL(requests[0]?.path ?? '', origin).searchParams.get('client_id')).toBe(USER_ASSIGNED);
    expect(run.stderr).toContain(`signed in as client ${USER_ASSIGNED}`);
    expect(run.stderr).toContain('renews: the SDKs get fresh tokens from it');
    const exported = readFileSync(exportFile, 'utf8');
    expect(exported).toContain(`export AZURE_CLIENT_ID='${USER_ASSIGNED}'`);
    expect(exported).toContain(`export AZURE_TENANT_ID='${sandbox.tenantId}'`);
    expect(exported).not.toContain('AZURE_FEDERATED_TOKEN_FILE');
    const record = JSON.parse(readFileSync(audit, 'utf8').trim().split('\n')[0] ?? '{}') as Record<string, unknown>;
    expect(JSON.stringify(record)).toContain('managed-identity');
    expect(JSON.stringify(record)).not.toMatch(/eyJ[\w-]{10,}\./);

    // A policy that does not allow the scope: denied before IMDS is asked.
    const policy = join(job, 'policy.json');
    writeFileSync(
      policy,
      JSON.stringify({
        name: 'mi',
        rules: [{ name: 'arm only', allow: { scopes: ['https://management.azure.com/.default'] } }],
      }),
    );
    const beforeDenied = sandbox.requests.length;
    const denied = await runCli(
      ['token', '--credential', 'managed-identity', '--scope', 'https://vault.azure.net/.default', '--policy', policy],
      runnerEnv(),
    );
    expect(denied.code).not.toBe(0);
    expect(since(beforeDenied).filter((r) => r.target === 'imds')).toEqual([]);
  });

  test('an identity the machine does not have: IMDS says so, and the error says what to change', async () => {
    const run = await runCli(['token', '--credential', 'managed-identity', '--client-id', randomUUID()], runnerEnv());
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('MANAGED_IDENTITY_FAILED');
    expect(run.stderr).toContain('Identity not found');
    expect(run.stderr).toContain('Assign the user-assigned identity');
  });

  test('IMDS unreachable: a clear error within the deadline, not a hang', async () => {
    const closed = await new Promise<number>((resolve) => {
      const s = createServer();
      s.listen(0, '127.0.0.1', () => {
        const port = (s.address() as AddressInfo).port;
        s.close(() => resolve(port));
      });
    });
    const run = await runCli(
      ['token', '--credential', 'managed-identity', '--timeout', '3'],
      runnerEnv({ IMDS_ENDPOINT: `http://127.0.0.1:${closed}` }),
    );
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('MANAGED_IDENTITY_UNAVAILABLE');
    expect(run.stderr).toContain(`http://127.0.0.1:${closed} did not answer before the deadline`);
  });

  test('bad usage: an unknown credential kind, an http IMDS endpoint off loopback, exit 2 before any request', async () => {
    const before = sandbox.requests.length;
    const kind = await runCli(['token', '--credential', 'imds'], runnerEnv());
    expect(kind.code).toBe(2);
    expect(kind.stderr).toContain('--credential managed-identity');
    const endpoint = await runCli(
      ['token', '--credential', 'managed-identity'],
      runnerEnv({ IMDS_ENDPOINT: 'http://metadata.example.com' }),
    );
    expect(endpoint.code).toBe(2);
    expect(endpoint.stderr).toContain('plain http is allowed only to 169.254.169.254 and loopback');
    expect(sandbox.requests.length).toBe(before);
  });
});

describe('hand-offs that renew', () => {
  test('identity-endpoint and git: the endpoint and the git helper ask IMDS, never Entra', async () => {
    const job = mkdtempSync(join(dir, 'endpoint-'));
    const exportFile = join(job, 'exports.env');
    const env = runnerEnv({ TMPDIR: job });
    const run = await runCli(
      ['login', '--credential', 'managed-identity', '--export', 'identity-endpoint,git', '--export-file', exportFile],
      env,
    );
    expect(run.code, run.stderr).toBe(0);
    const exported = sourceExportFile(exportFile);
    expect(exported['GIT_CONFIG_VALUE_1']).toContain("'--credential' 'managed-identity'");
    const before = sandbox.requests.length;
    const url = new URL(exported['IDENTITY_ENDPOINT'] ?? '');
    url.searchParams.set('api-version', '2019-08-01');
    url.searchParams.set('resource', 'https://vault.azure.net');
    const answer = await fetch(url, { headers: { 'X-IDENTITY-HEADER': exported['IDENTITY_HEADER'] ?? '' } });
    expect(answer.status).toBe(200);
    const body = (await answer.json()) as { access_token: string };
    expect(claimsOf(body.access_token)).toMatchObject({ aud: 'https://vault.azure.net', appid: sandbox.clientId });
    const helper = await runProcess('git', ['credential', 'fill'], {
      env: baseEnv({ ...env, ...exported, GIT_CONFIG_NOSYSTEM: '1', GIT_TERMINAL_PROMPT: '0', HOME: job }),
      input: 'protocol=https\nhost=dev.azure.com\n\n',
    });
    expect(helper.code, helper.stderr).toBe(0);
    expect(claimsOf(/^password=(.*)$/m.exec(helper.stdout)?.[1] ?? '')).toMatchObject({
      aud: '499b84ac-1321-427f-aa17-267ca6975798',
      appid: sandbox.clientId,
    });
    expect(new Set(since(before).map((r) => r.target))).toEqual(new Set(['imds']));
    const logout = await runCli(['logout', '--session', exported['ENTRA_FEDERATE_SESSION'] ?? ''], env);
    expect(logout.code, logout.stderr).toBe(0);
  });
});

describe('the Action', () => {
  test("credential: managed-identity: outputs and env from the runner's identity, no GitHub token requested", async () => {
    const step = join(dir, 'action');
    const temp = join(step, 'temp');
    mkdirSync(temp, { recursive: true });
    const files = {
      GITHUB_OUTPUT: join(step, 'output'),
      GITHUB_ENV: join(step, 'env'),
      GITHUB_STATE: join(step, 'state'),
      GITHUB_STEP_SUMMARY: join(step, 'summary'),
    };
    for (const file of Object.values(files)) writeFileSync(file, '');
    const manifest = parseYaml(readFileSync(join(ROOT, 'action.yml'), 'utf8')) as {
      inputs: Record<string, { default?: string }>;
    };
    const defaults = Object.fromEntries(
      Object.entries(manifest.inputs)
        .filter(([, s]) => s.default !== undefined)
        .map(([name, s]) => [`INPUT_${name.toUpperCase()}`, String(s.default)]),
    );
    const before = sandbox.requests.length;
    const run = await runNode(join(ROOT, 'dist/action/index.js'), [], {
      cwd: step,
      env: baseEnv({
        ...defaults,
        INPUT_CREDENTIAL: 'managed-identity',
        'INPUT_CLIENT-ID': '',
        'INPUT_TENANT-ID': '',
        ...files,
        RUNNER_TEMP: temp,
        GITHUB_ACTIONS: 'true',
        CI: 'true',
        GITHUB_REPOSITORY: 'octo-org/octo-repo',
        GITHUB_RUN_ID: '1',
        // A self-hosted runner's job may still have id-token: write; it is not used.
        ACTIONS_ID_TOKEN_REQUEST_URL: sandbox.idTokenRequestUrl,
        ACTIONS_ID_TOKEN_REQUEST_TOKEN: sandbox.idTokenRequestToken,
        IMDS_ENDPOINT: origin,
      }),
    });
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(since(before).map((r) => r.target)).toEqual(['imds']);
    const outputs = parseFileCommands(readFileSync(files.GITHUB_OUTPUT, 'utf8'));
    expect(claimsOf(outputs['access-token'] ?? '')).toMatchObject({ appid: sandbox.clientId });
    expect(run.stdout).toContain(`::add-mask::${outputs['access-token']}`);
    const exported = parseFileCommands(readFileSync(files.GITHUB_ENV, 'utf8'));
    expect(exported).toEqual({ AZURE_TENANT_ID: sandbox.tenantId });
    expect(readFileSync(files.GITHUB_STEP_SUMMARY, 'utf8')).toContain('| env | yes |');
  });
});
