/**
 * `entra-federate login --export ...` as jobs run it: the built CLI against the sandbox, with
 * fake az, docker and git on PATH recording their argv, stdin and environment, a registry's
 * token exchange on https loopback, real `sh` sourcing the --export-file and real git reading
 * the configuration it was given. Checks what each tool receives, that no token reaches argv
 * where the tool takes stdin or a file (az is the one tool that takes its CI token only on
 * argv, and the tests say so), that no output carries a token, and that logout undoes it all.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startSandbox } from '../../src/sandbox/index.js';
import type { Sandbox } from '../../src/sandbox/index.js';
import { runCli, runProcess } from './run.js';
import type { ProcessResult } from './run.js';
import {
  claimsOf,
  fakeTools,
  filesIn,
  githubJob,
  parseFileCommands,
  sourceExportFile,
  toolCalls,
} from '../helpers/handoff.js';
import type { ToolCall } from '../helpers/handoff.js';
import { CIRCLECI, GITLAB, LeakCheck, SIMULATED_ISSUERS, ciClaims } from '../helpers/providers.js';
import { startRegistry } from '../helpers/registry.js';
import type { TestRegistry } from '../helpers/registry.js';

const ADO = '499b84ac-1321-427f-aa17-267ca6975798';
const SUBSCRIPTION = '2d3e4f50-6172-4c8d-ae9f-a0b1c2d3e4f5';
const USGOV_CLIENT = '1c2d3e4f-5061-4b7c-9d8e-9fa0b1c2d3e4';
const NULL_USER = '00000000-0000-0000-0000-000000000000';
const JWT = /eyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]+/;

let sandbox: Sandbox;
let registry: TestRegistry;
let root: string;
const leaks = new LeakCheck();

beforeAll(async () => {
  sandbox = await startSandbox({ config: { issuers: SIMULATED_ISSUERS } });
  sandbox.addApp({
    clientId: USGOV_CLIENT,
    federatedCredentials: [
      {
        issuer: sandbox.issuer,
        subject: 'repo:octo-org/octo-repo:ref:refs/heads/main',
        audiences: ['api://AzureADTokenExchangeUSGov'],
      },
    ],
  });
  registry = await startRegistry(sandbox);
  root = mkdtempSync(join(tmpdir(), 'ef-handoff-'));
  leaks.add(sandbox.idTokenRequestToken);
});
afterAll(async () => {
  await Promise.all([sandbox.close(), registry.close()]);
  rmSync(root, { recursive: true, force: true });
});

interface Run {
  result: ProcessResult;
  job: Record<string, string>;
  exported: Record<string, string>;
  calls: ToolCall[];
  log: string;
  requests: Sandbox['requests'];
}

/** A GitHub `run:` step: `login` with the given flags, fake tools on PATH. */
async function githubLogin(args: string[], extra: Record<string, string | undefined> = {}): Promise<Run> {
  const dir = mkdtempSync(join(root, 'gh-'));
  const log = join(dir, 'tools.log');
  const job = {
    ...githubJob(sandbox, dir),
    ...fakeTools(log),
    NODE_EXTRA_CA_CERTS: registry.caCertFile,
    ...extra,
  } as Record<string, string>;
  const before = sandbox.requests.length;
  const result = await runCli(['login', ...args], job);
  const exported = parseFileCommands(readFileSync(job['GITHUB_ENV'] ?? '', 'utf8'));
  return {
    result: recordMasked(`login ${args.join(' ')}`, result),
    job,
    exported,
    calls: toolCalls(log),
    log,
    requests: sandbox.requests.slice(before),
  };
}

/** `::add-mask::` lines hold a secret by design: everything else must hold none. */
function recordMasked(name: string, result: ProcessResult): ProcessResult {
  const masked = result.stderr
    .split('\n')
    .filter((l) => l.startsWith('::add-mask::'))
    .map((l) => l.slice('::add-mask::'.length));
  leaks.record(name, {
    ...result,
    stderr: result.stderr
      .split('\n')
      .filter((l) => !l.startsWith('::add-mask::'))
      .join('\n'),
  });
  leaks.add(...masked);
  return result;
}

function masks(result: ProcessResult): string[] {
  return result.stderr
    .split('\n')
    .filter((l) => l.startsWith('::add-mask::'))
    .map((l) => l.slice('::add-mask::'.length));
}

async function logout(run: Run): Promise<ProcessResult> {
  const result = leaks.record('logout', await runCli(['logout'], { ...run.job, ...run.exported }));
  expect(result.code).toBe(0);
  return result;
}

function gitlabJob(dir: string): Record<string, string> {
  const clientId = randomUUID();
  sandbox.addApp({
    clientId,
    federatedCredentials: [
      { issuer: GITLAB.issuer, subject: GITLAB.subject, audiences: ['api://AzureADTokenExchange'] },
    ],
  });
  const token = sandbox.mintIdToken({
    issuer: GITLAB.issuer,
    claims: ciClaims({ ...GITLAB.claims, sub: GITLAB.subject }),
  });
  leaks.add(token);
  return {
    ...GITLAB.env,
    GITLAB_OIDC_TOKEN: token,
    AZURE_CLIENT_ID: clientId,
    AZURE_TENANT_ID: sandbox.tenantId,
    AZURE_AUTHORITY_HOST: sandbox.authorityHost,
    TMPDIR: dir,
  };
}

describe('terraform', () => {
  test('GitHub: request-URL mode, no token file (azurerm fetches fresh GitHub tokens itself)', async () => {
    const run = await githubLogin(['--export', 'terraform', '--subscription-id', SUBSCRIPTION]);
    expect(run.result.code, run.result.stderr).toBe(0);
    expect(run.exported).toEqual({
      ARM_USE_OIDC: 'true',
      ARM_CLIENT_ID: sandbox.clientId,
      ARM_TENANT_ID: sandbox.tenantId,
      ARM_SUBSCRIPTION_ID: SUBSCRIPTION,
    });
    expect(run.result.stderr).toContain('request-URL mode');
    expect(filesIn(run.job['RUNNER_TEMP'] ?? '')).toEqual([]);
  });

  test('GitHub, US Government: ARM_ENVIRONMENT and the audience in ARM_OIDC_REQUEST_URL', async () => {
    const run = await githubLogin([
      '--export',
      'terraform',
      '--cloud',
      'AzureUSGovernment',
      '--client-id',
      USGOV_CLIENT,
    ]);
    expect(run.result.code, run.result.stderr).toBe(0);
    expect(run.exported['ARM_ENVIRONMENT']).toBe('usgovernment');
    expect(run.exported['ARM_OIDC_REQUEST_URL']).toBe(
      `${sandbox.idTokenRequestUrl}&audience=api%3A%2F%2FAzureADTokenExchangeUSGov`,
    );
    // It is the URL azurerm will call: the sandbox answers it with a token for that audience.
    const res = await fetch(run.exported['ARM_OIDC_REQUEST_URL'] ?? '', {
      headers: { authorization: `Bearer ${sandbox.idTokenRequestToken}` },
    });
    const token = ((await res.json()) as { value: string }).value;
    leaks.add(token);
    expect(claimsOf(token)['aud']).toBe('api://AzureADTokenExchangeUSGov');
  });

  test('GitLab: ARM_OIDC_TOKEN_FILE_PATH is the same 0600 file as AZURE_FEDERATED_TOKEN_FILE, sourced by a real shell', async () => {
    const dir = mkdtempSync(join(root, 'gl-'));
    const file = join(dir, 'azure.env');
    const job = gitlabJob(dir);
    const result = recordMasked(
      'gitlab terraform',
      await runCli(['login', '--export', 'terraform', '--export', 'env', '--export-file', file], job),
    );
    expect(result.code, result.stderr).toBe(0);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const vars = sourceExportFile(file);
    expect(vars['ARM_OIDC_TOKEN_FILE_PATH']).toBe(vars['AZURE_FEDERATED_TOKEN_FILE']);
    expect(vars).toMatchObject({
      ARM_USE_OIDC: 'true',
      ARM_CLIENT_ID: job['AZURE_CLIENT_ID'],
      ARM_TENANT_ID: sandbox.tenantId,
      AZURE_CLIENT_ID: job['AZURE_CLIENT_ID'],
    });
    const tokenFile = vars['ARM_OIDC_TOKEN_FILE_PATH'] ?? '';
    expect(tokenFile.startsWith(`${dir}/`)).toBe(true);
    expect(statSync(tokenFile).mode & 0o777).toBe(0o600);
    expect(readFileSync(tokenFile, 'utf8')).toBe(job['GITLAB_OIDC_TOKEN']);
    expect(result.stderr).toContain('azurerm and Pulumi read the token file once');
    // The file holds only `export` lines (a token file path, no token).
    expect(readFileSync(file, 'utf8')).not.toMatch(JWT);
    const out = leaks.record('logout', await runCli(['logout'], { ...job, ...vars }));
    expect(out.code).toBe(0);
    expect(existsSync(tokenFile)).toBe(false);
    expect(filesIn(dir)).toEqual(['azure.env']);
  });
});

describe('az', () => {
  test('az login --service-principal --federated-token under a private AZURE_CONFIG_DIR, then account set; logout clears and removes it', async () => {
    const run = await githubLogin(['--export', 'az', '--subscription-id', SUBSCRIPTION]);
    expect(run.result.code, run.result.stderr).toBe(0);
    const dir = run.exported['AZURE_CONFIG_DIR'] ?? '';
    expect(dir).toMatch(new RegExp(`^${run.job['RUNNER_TEMP']}/entra-federate-az-`));
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    expect(run.calls.map((c) => c.argv.slice(0, 2).join(' '))).toEqual(['login --service-principal', 'account set']);
    const [login, set] = run.calls;
    // az takes the CI token on argv only (no stdin or file option exists): it is a CI token of
    // minutes, masked first, and it appears nowhere else.
    const token = login?.argv[login.argv.indexOf('--federated-token') + 1] ?? '';
    expect(login?.argv).toEqual([
      'login',
      '--service-principal',
      '--username',
      sandbox.clientId,
      '--tenant',
      sandbox.tenantId,
      '--federated-token',
      token,
      '--output',
      'none',
    ]);
    expect(claimsOf(token)).toMatchObject({ iss: sandbox.issuer, aud: 'api://AzureADTokenExchange' });
    expect(masks(run.result)).toContain(token);
    expect(set?.argv).toEqual(['account', 'set', '--subscription', SUBSCRIPTION, '--output', 'none']);
    for (const call of run.calls) {
      expect(call.env['AZURE_CONFIG_DIR']).toBe(dir);
      expect(call.stdin).toBe('');
    }
    expect(existsSync(join(dir, 'msal_token_cache.json'))).toBe(true);
    expect(run.result.stderr).toContain('session lasts about an hour');

    const out = await logout(run);
    const clear = toolCalls(run.log).slice(2);
    expect(clear.map((c) => [c.argv.join(' '), c.env['AZURE_CONFIG_DIR']])).toEqual([['account clear', dir]]);
    expect(out.stderr).toContain('signed out 1 tool');
    expect(existsSync(dir)).toBe(false);
    expect(filesIn(run.job['RUNNER_TEMP'] ?? '')).toEqual([]);
  });

  test('no subscription: --allow-no-subscriptions; US Government: `az cloud set` first', async () => {
    const run = await githubLogin(['--export', 'az', '--cloud', 'AzureUSGovernment', '--client-id', USGOV_CLIENT]);
    expect(run.result.code, run.result.stderr).toBe(0);
    expect(run.calls.map((c) => c.argv.filter((a) => !JWT.test(a)).join(' '))).toEqual([
      'cloud set --name AzureUSGovernment --output none',
      `login --service-principal --username ${USGOV_CLIENT} --tenant ${sandbox.tenantId} --federated-token --output none --allow-no-subscriptions`,
    ]);
    await logout(run);
  });

  test('az failing: a clear error with its stderr scrubbed, and nothing left behind', async () => {
    const run = await githubLogin(['--export', 'az'], { FAKE_AZ_FAIL: 'login' });
    expect(run.result.code).toBe(1);
    expect(run.result.stderr).toContain(
      'Could not sign az in: `az login --service-principal` exited with code 1: ERROR: AADSTS700024: Client assertion is not within its valid time range. Trace: [redacted]',
    );
    expect(run.result.stderr).toContain('use Azure CLI 2.30 or later');
    // Only the mask command carries the CI token.
    expect(
      run.result.stderr
        .split('\n')
        .filter((l) => !l.startsWith('::add-mask::'))
        .join('\n'),
    ).not.toMatch(JWT);
    expect(filesIn(run.job['RUNNER_TEMP'] ?? '')).toEqual([]);
    expect(run.exported).toEqual({});
  });

  test('az not installed: says to install it or drop the export', async () => {
    const run = await githubLogin(['--export', 'az'], { PATH: '/nonexistent' });
    expect(run.result.code).toBe(2);
    expect(run.result.stderr).toContain('`az` was not found on PATH');
    expect(run.result.stderr).toContain('Install the Azure CLI');
  });
});

describe('acr:<registry>', () => {
  test('the registry exchange checks access; a private DOCKER_CONFIG names the docker helper, whose get answers with a fresh refresh token; logout removes it', async () => {
    const before = registry.requests.length;
    const run = await githubLogin(['--export', `acr:${registry.host}`]);
    expect(run.result.code, run.result.stderr).toBe(0);
    // The login asked Entra for an ACR-audience token as well as the default scope.
    expect(
      run.requests
        .filter((r) => r.target === 'token')
        .map((r) => r.form?.['scope'])
        .sort(),
    ).toEqual(['https://containerregistry.azure.net/.default', 'https://management.azure.com/.default']);
    const [exchange] = registry.requests.slice(before);
    expect(exchange).toMatchObject({
      method: 'POST',
      path: '/oauth2/exchange',
      contentType: 'application/x-www-form-urlencoded',
      status: 200,
    });
    expect(Object.keys(exchange?.form ?? {}).sort()).toEqual(['access_token', 'grant_type', 'service', 'tenant']);
    expect(exchange?.form).toMatchObject({
      grant_type: 'access_token',
      service: registry.host,
      tenant: sandbox.tenantId,
    });
    expect(claimsOf(exchange?.form['access_token'] ?? '')).toMatchObject({
      aud: 'https://containerregistry.azure.net',
      appid: sandbox.clientId,
    });
    leaks.add(exchange?.form['access_token'] ?? '');
    expect(masks(run.result)).toContain(registry.refreshTokens.at(-1));
    // No docker login: docker is not even needed at login time.
    expect(run.calls).toEqual([]);

    const dockerConfig = run.exported['DOCKER_CONFIG'] ?? '';
    expect(dirname(dockerConfig)).toBe(run.job['RUNNER_TEMP']);
    expect(statSync(dockerConfig).mode & 0o777).toBe(0o700);
    const configFile = join(dockerConfig, 'config.json');
    expect(statSync(configFile).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(configFile, 'utf8'))).toEqual({
      credHelpers: { [registry.host]: 'entra-federate' },
    });
    const bin = join(dockerConfig, 'bin');
    expect(run.exported['PATH']?.split(':')[0]).toBe(bin);
    const helper = join(bin, 'docker-credential-entra-federate');
    expect(statSync(helper).mode & 0o777).toBe(0o700);
    expect(JWT.test(readFileSync(helper, 'utf8'))).toBe(false);
    expect(run.result.stderr).toMatch(
      /acr: docker gets .* credentials from docker-credential-entra-federate .*renews: /,
    );

    // Docker runs the helper from PATH with the action as argument and the registry on stdin.
    // Its stdout is the credential by design (docker reads it); stderr must say nothing.
    const got = await runProcess('docker-credential-entra-federate', ['get'], {
      env: { ...run.job, ...run.exported },
      input: `${registry.host}\n`,
    });
    expect(got.code, got.stderr).toBe(0);
    expect(got.stderr).toBe('');
    const answer = JSON.parse(got.stdout) as Record<string, string>;
    expect(Object.keys(answer).sort()).toEqual(['Secret', 'ServerURL', 'Username']);
    expect(answer).toMatchObject({ ServerURL: registry.host, Username: NULL_USER });
    expect(answer['Secret']).toBe(registry.refreshTokens.at(-1));
    leaks.add(answer['Secret'] ?? '');
    for (const r of registry.requests) leaks.add(r.form['access_token'] ?? '');

    await logout(run);
    expect(existsSync(dockerConfig)).toBe(false);
  });

  test('a registry that refuses ACR-audience tokens gets no token of another audience: the login fails', async () => {
    registry.accept = ['https://management.azure.com'];
    const before = registry.requests.length;
    const run = await githubLogin(['--export', `acr:${registry.host}`]);
    registry.accept = ['https://containerregistry.azure.net'];
    for (const r of registry.requests) leaks.add(r.form['access_token'] ?? '');
    expect(run.result.code).toBe(1);
    expect(registry.requests.slice(before).map((r) => claimsOf(r.form['access_token'] ?? '')['aud'])).toEqual([
      'https://containerregistry.azure.net',
    ]);
    expect(run.exported['DOCKER_CONFIG']).toBeUndefined();
  });

  test('a refused exchange fails with what to grant, and no DOCKER_CONFIG is written', async () => {
    registry.accept = [];
    const run = await githubLogin(['--export', `acr:${registry.host}`]);
    registry.accept = ['https://containerregistry.azure.net'];
    for (const r of registry.requests) leaks.add(r.form['access_token'] ?? '');
    expect(run.result.code).toBe(1);
    expect(run.result.stderr).toContain(`The registry ${registry.host} refused the token exchange (HTTP 401).`);
    expect(run.result.stderr).toContain('AcrPull');
    expect(run.exported['DOCKER_CONFIG']).toBeUndefined();
    expect(readdirSync(run.job['RUNNER_TEMP'] ?? '').filter((f) => f.startsWith('entra-federate-docker-'))).toEqual([]);
  });

  test('bad registry names and hosts that are not ACR login servers are refused before any request', async () => {
    const registryBefore = registry.requests.length;
    for (const [spec, message] of [
      ['acr:https://myregistry.azurecr.io', 'has a scheme'],
      ['acr:', 'needs a registry'],
      ['acr:my registry', 'is not a registry login server'],
      ['acr:-x', 'is not a registry login server'],
      ['acr:registry.example.com', 'is not an Azure Container Registry login server'],
      ['acr:myregistry.azurecr.io.example.com', 'is not an Azure Container Registry login server'],
      ['acr:azurecr.io', 'is not an Azure Container Registry login server'],
    ] as const) {
      const run = await githubLogin(['--export', spec]);
      expect(run.result.code, spec).toBe(2);
      expect(run.result.stderr).toContain(message);
      if (message.includes('Azure Container Registry'))
        expect(run.result.stderr).toContain('*.azurecr.io, *.azurecr.us, *.azurecr.cn');
      expect(run.requests).toEqual([]);
    }
    expect(registry.requests.length).toBe(registryBefore);
  });
});

describe('git', () => {
  test('entra-federate is the credential helper for Azure DevOps URLs in GIT_CONFIG_*: no token in any variable, nothing in .git/config', async () => {
    const dir = mkdtempSync(join(root, 'gl-'));
    const file = join(dir, 'azure.env');
    const job: Record<string, string> = {
      ...gitlabJob(dir),
      GIT_CONFIG_COUNT: '1',
      GIT_CONFIG_KEY_0: 'core.autocrlf',
      GIT_CONFIG_VALUE_0: 'false',
    };
    const before = sandbox.requests.length;
    const result = recordMasked('git', await runCli(['login', '--export', 'git', '--export-file', file], job));
    expect(result.code, result.stderr).toBe(0);
    // Policy and audit see Azure DevOps at login.
    expect(
      sandbox.requests
        .slice(before)
        .filter((r) => r.target === 'token')
        .map((r) => r.form?.['scope']),
    ).toContain(`${ADO}/.default`);
    const vars = sourceExportFile(file);
    expect(vars['GIT_CONFIG_COUNT']).toBe('5');
    expect([1, 2, 3, 4].map((i) => vars[`GIT_CONFIG_KEY_${i}`])).toEqual([
      'credential.https://dev.azure.com.helper',
      'credential.https://dev.azure.com.helper',
      'credential.https://*.visualstudio.com.helper',
      'credential.https://*.visualstudio.com.helper',
    ]);
    const helper = vars['GIT_CONFIG_VALUE_2'] ?? '';
    expect(vars['GIT_CONFIG_VALUE_1']).toBe('');
    expect(helper).toMatch(/^!'[^']*node[^']*' '[^']*\/dist\/cli\/index\.js' 'git-credential' '--client-id' /);
    for (const value of Object.values(vars)) expect(value).not.toMatch(JWT);
    expect(result.stderr).toContain('git: entra-federate is the credential helper for https://dev.azure.com');

    // Real git applies the helper to Azure DevOps URLs only, from the environment.
    const gitEnv = {
      ...vars,
      GIT_CONFIG_COUNT: '5',
      GIT_CONFIG_KEY_0: 'core.autocrlf',
      GIT_CONFIG_VALUE_0: 'false',
      PATH: '/usr/bin:/bin',
      HOME: dir,
      GIT_CONFIG_NOSYSTEM: '1',
    };
    const urlmatch = (url: string): ReturnType<typeof spawnSync> =>
      spawnSync('git', ['config', '--get-urlmatch', 'credential.helper', url], { env: gitEnv, encoding: 'utf8' });
    expect(urlmatch('https://dev.azure.com/contoso/web/_git/web').stdout).toBe(`${helper}\n`);
    expect(urlmatch('https://contoso.visualstudio.com/web/_git/web').stdout).toBe(`${helper}\n`);
    const github = urlmatch('https://github.com/octo-org/octo-repo');
    expect(github.status).toBe(1);
    const repo = join(dir, 'repo');
    execFileSync('git', ['init', '-q', repo], { env: gitEnv });
    expect(readFileSync(join(repo, '.git', 'config'), 'utf8')).not.toContain('credential');

    // git asks the helper as git would: a fresh Azure DevOps token for Azure DevOps, nothing for others.
    // Asynchronous: the helper reaches the in-process sandbox, which needs this event loop.
    const ask = (input: string) =>
      runProcess('git', ['credential', 'fill'], { env: { ...job, ...gitEnv, GIT_TERMINAL_PROMPT: '0' }, input });
    const filled = await ask('protocol=https\nhost=dev.azure.com\npath=contoso/web/_git/web\n\n');
    expect(filled.code, filled.stderr).toBe(0);
    const password = /^password=(.+)$/m.exec(filled.stdout)?.[1] ?? '';
    leaks.add(password);
    expect(claimsOf(password)).toMatchObject({ aud: ADO, appid: job['AZURE_CLIENT_ID'] });
    expect(filled.stdout).toContain('username=entra-federate');
    const other = await ask('protocol=https\nhost=github.com\n\n');
    expect(other.code).not.toBe(0);
    expect(other.stdout).toBe('');
  });

  test('GitHub: nothing secret goes to GITHUB_ENV', async () => {
    const run = await githubLogin(['--export', 'git']);
    expect(run.result.code, run.result.stderr).toBe(0);
    expect(run.exported['GIT_CONFIG_COUNT']).toBe('4');
    for (const value of Object.values(run.exported)) expect(value).not.toMatch(JWT);
  });
});

describe('kubelogin', () => {
  test('GitHub: workloadidentity variables, and a warning that kubelogin will ask GitHub itself', async () => {
    const run = await githubLogin(['--export', 'kubelogin']);
    expect(run.result.code, run.result.stderr).toBe(0);
    expect(run.exported).toMatchObject({
      AZURE_CLIENT_ID: sandbox.clientId,
      AZURE_TENANT_ID: sandbox.tenantId,
      AZURE_AUTHORITY_HOST: sandbox.authorityHost,
      AAD_LOGIN_METHOD: 'workloadidentity',
    });
    const file = run.exported['AZURE_FEDERATED_TOKEN_FILE'] ?? '';
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(run.result.stderr).toContain(
      'warning: kubelogin: ACTIONS_ID_TOKEN_REQUEST_TOKEN and ACTIONS_ID_TOKEN_REQUEST_URL are set, so kubelogin ignores AZURE_FEDERATED_TOKEN_FILE',
    );
    expect(run.result.stderr).toContain('That works for this app');
    await logout(run);
    expect(existsSync(file)).toBe(false);
  });

  test('GitHub with another audience: the warning says kubelogin will fail and how to avoid it', async () => {
    const run = await githubLogin([
      '--export',
      'kubelogin',
      '--cloud',
      'AzureUSGovernment',
      '--client-id',
      USGOV_CLIENT,
    ]);
    expect(run.result.code, run.result.stderr).toBe(0);
    expect(run.result.stderr).toContain('expects api://AzureADTokenExchangeUSGov, so kubelogin will fail');
    await logout(run);
  });

  test('GitLab: no warning, and env + kubelogin share one token file', async () => {
    const dir = mkdtempSync(join(root, 'gl-'));
    const file = join(dir, 'azure.env');
    const job = gitlabJob(dir);
    const result = recordMasked(
      'gitlab kubelogin',
      await runCli(['login', '--export', 'kubelogin,env', '--export-file', file], job),
    );
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).not.toContain('warning');
    expect(filesIn(dir).filter((f) => f.endsWith('.jwt'))).toHaveLength(1);
    expect(sourceExportFile(file)['AAD_LOGIN_METHOD']).toBe('workloadidentity');
  });
});

describe('where variables go, and bad input', () => {
  test('CircleCI: export lines appended to $BASH_ENV', async () => {
    const dir = mkdtempSync(join(root, 'cci-'));
    const bashEnv = join(dir, 'bash-env');
    writeFileSync(bashEnv, 'export EXISTING=1\n');
    const clientId = randomUUID();
    sandbox.addApp({
      clientId,
      federatedCredentials: [
        { issuer: CIRCLECI.issuer, subject: CIRCLECI.subjectV2, audiences: ['api://AzureADTokenExchange'] },
      ],
    });
    const token = sandbox.mintIdToken({
      issuer: CIRCLECI.issuer,
      audience: 'api://AzureADTokenExchange',
      claims: ciClaims({ ...CIRCLECI.claims, sub: CIRCLECI.subjectV2 }),
    });
    leaks.add(token);
    const job = {
      ...CIRCLECI.env,
      CIRCLE_OIDC_TOKEN_V2: token,
      BASH_ENV: bashEnv,
      AZURE_CLIENT_ID: clientId,
      AZURE_TENANT_ID: sandbox.tenantId,
      AZURE_AUTHORITY_HOST: sandbox.authorityHost,
      TMPDIR: dir,
    };
    const result = recordMasked('circleci', await runCli(['login', '--export', 'env'], job));
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain('variables written to $BASH_ENV');
    const vars = sourceExportFile(bashEnv);
    expect(vars).toMatchObject({ EXISTING: '1', AZURE_CLIENT_ID: clientId, AZURE_TENANT_ID: sandbox.tenantId });
    expect(readFileSync(vars['AZURE_FEDERATED_TOKEN_FILE'] ?? '', 'utf8')).toBe(token);
  });

  test('a value with quotes, dollars and newlines survives sourcing unchanged', async () => {
    const dir = mkdtempSync(join(root, 'q-'));
    const file = join(dir, 'azure.env');
    const job = gitlabJob(dir);
    // The token file's path comes from TMPDIR: a directory named with a quote, a dollar and
    // double quotes must reach the sourcing shell unchanged and unexpanded.
    const odd = join(dir, `it's $HOME "x"`);
    mkdirSync(odd);
    const result = recordMasked(
      'quoting',
      await runCli(['login', '--export', 'env', '--export-file', file], { ...job, TMPDIR: odd }),
    );
    expect(result.code, result.stderr).toBe(0);
    expect(sourceExportFile(file)['AZURE_FEDERATED_TOKEN_FILE']?.startsWith(`${odd}/entra-federate-`)).toBe(true);
  });

  test('no channel for variables: refused before any request, with the flag to add', async () => {
    const dir = mkdtempSync(join(root, 'gl-'));
    const before = sandbox.requests.length;
    const result = leaks.record('no channel', await runCli(['login', '--export', 'env'], gitlabJob(dir)));
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('NO_VARIABLES_CHANNEL');
    expect(result.stderr).toContain('Pass --export-file FILE');
    expect(sandbox.requests.length).toBe(before);
  });

  test('acr needs a channel too (DOCKER_CONFIG and PATH): without one, exit 2 before any request', async () => {
    const dir = mkdtempSync(join(root, 'gl-'));
    const before = sandbox.requests.length;
    const registryBefore = registry.requests.length;
    const job = { ...gitlabJob(dir), NODE_EXTRA_CA_CERTS: registry.caCertFile };
    const result = recordMasked('acr gitlab', await runCli(['login', '--export', `acr:${registry.host}`], job));
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('NO_VARIABLES_CHANNEL');
    expect(sandbox.requests.length).toBe(before);
    expect(registry.requests.length).toBe(registryBefore);
  });

  test('an --export-file others can read is refused before any request; a new one is created 0600', async () => {
    const dir = mkdtempSync(join(root, 'gl-'));
    const file = join(dir, 'open.env');
    writeFileSync(file, '');
    chmodSync(file, 0o644);
    const before = sandbox.requests.length;
    const result = leaks.record(
      'open export file',
      await runCli(['login', '--export', 'env', '--export-file', file], gitlabJob(dir)),
    );
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('can be read or written by other users (mode 644)');
    expect(result.stderr).toContain(`chmod 600 ${file}`);
    expect(sandbox.requests.length).toBe(before);
  });

  test('unknown export names, and flags without --export, exit 2 naming what is accepted', async () => {
    const dir = mkdtempSync(join(root, 'gl-'));
    for (const args of [
      ['--export', 'docker'],
      ['--export', 'env,helm'],
      ['--export-file', join(dir, 'x.env')],
      ['--subscription-id', SUBSCRIPTION],
    ]) {
      const before = sandbox.requests.length;
      const result = leaks.record(`bad ${args.join(' ')}`, await runCli(['login', ...args], gitlabJob(dir)));
      expect(result.code, args.join(' ')).toBe(2);
      expect(sandbox.requests.length).toBe(before);
      if (args[0] === '--export')
        expect(result.stderr).toContain('env, terraform, az, acr:<registry>, git, kubelogin, identity-endpoint');
    }
    const bad = leaks.record(
      'bad subscription',
      await runCli(['login', '--export', 'az', '--subscription-id', 'prod'], gitlabJob(dir)),
    );
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('The subscription id "prod" is not a GUID.');
  });

  test('several exports in one login: one session record, and logout undoes them all', async () => {
    const run = await githubLogin([
      '--export',
      `env,terraform,az,acr:${registry.host},git,kubelogin`,
      '--subscription-id',
      SUBSCRIPTION,
    ]);
    expect(run.result.code, run.result.stderr).toBe(0);
    for (const r of registry.requests) leaks.add(r.form['access_token'] ?? '');
    const temp = run.job['RUNNER_TEMP'] ?? '';
    expect(
      filesIn(temp)
        .map((f) => f.replace(/[0-9a-f]{16}|entra-federate-(az|docker)-\w+/, 'X'))
        .sort(),
    ).toEqual(['X', 'X', 'entra-federate-X.jwt', 'entra-federate-session-X.json']);
    expect(run.exported['ENTRA_FEDERATE_SESSION']).toMatch(/entra-federate-session-[0-9a-f]{16}\.json$/);
    expect(run.calls.map((c) => `${c.tool} ${c.argv[0]}`)).toEqual(['az login', 'az account']);
    // Without the identity endpoint, the summary says what does not renew and until when.
    const stamp = '\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ';
    expect(run.result.stderr).toMatch(
      new RegExp(`exported for env: .*; does not renew: the token file holds a CI token valid until ${stamp}`),
    );
    expect(run.result.stderr).toMatch(new RegExp(`exported for kubelogin: .*does not renew: .*valid until ${stamp}`));
    expect(run.result.stderr).toMatch(/exported for az: .*does not renew/);
    expect(run.result.stderr).toMatch(/exported for acr: docker gets .*renews: docker asks the helper each time/);
    expect(run.result.stderr).toMatch(/exported for git: .*renews: each git command gets a fresh token/);
    const out = await logout(run);
    expect(out.stderr).toContain(
      'logged out: stopped 0 identity endpoints, signed out 1 tool, removed 1 file and 2 directories.',
    );
    expect(filesIn(temp)).toEqual([]);
    expect(
      toolCalls(run.log)
        .slice(2)
        .map((c) => `${c.tool} ${c.argv.join(' ')}`),
    ).toEqual(['az account clear']);
  });
});

test('no output of any scenario carried a token', () => {
  expect(leaks.checkAll()).toBeGreaterThan(20);
});
