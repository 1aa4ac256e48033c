/**
 * The GitHub Action's hand-offs as the runner runs them: dist/action/index.js with INPUT_* and
 * the runner's file-command files, fake az/docker on PATH, the sandbox as the ID-token endpoint
 * and Entra, a registry exchange on https loopback; then dist/action/post.js with the saved
 * state. Checks what later steps get, that every secret is masked before anything could show
 * it, that the identity endpoint serves @azure/identity, and that post leaves no process, no
 * file and no signed-in tool behind.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { startSandbox } from '../../src/sandbox/index.js';
import type { Sandbox } from '../../src/sandbox/index.js';
import { ROOT, baseEnv, runNode, runProcess } from './run.js';
import type { ProcessResult } from './run.js';
import { fakeTools, filesIn, isRunning, parseFileCommands, toolCalls, waitFor } from '../helpers/handoff.js';
import { startRegistry } from '../helpers/registry.js';
import type { TestRegistry } from '../helpers/registry.js';

const MAIN = join(ROOT, 'dist/action/index.js');
const POST = join(ROOT, 'dist/action/post.js');
const SUBSCRIPTION = '2d3e4f50-6172-4c8d-ae9f-a0b1c2d3e4f5';
const JWT = /eyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]+/g;

let sandbox: Sandbox;
let registry: TestRegistry;
let root: string;
let steps = 0;

beforeAll(async () => {
  sandbox = await startSandbox();
  registry = await startRegistry(sandbox);
  root = mkdtempSync(join(tmpdir(), 'ef-handoff-action-'));
});
afterAll(async () => {
  await Promise.all([sandbox.close(), registry.close()]);
  rmSync(root, { recursive: true, force: true });
});

interface Step extends ProcessResult {
  dir: string;
  temp: string;
  env: Record<string, string>;
  log: string;
  exported: Record<string, string>;
  state: Record<string, string>;
  summary: string;
}

function defaults(): Record<string, string> {
  const manifest = parseYaml(readFileSync(join(ROOT, 'action.yml'), 'utf8')) as {
    inputs: Record<string, { default?: string }>;
  };
  return Object.fromEntries(
    Object.entries(manifest.inputs)
      .filter(([, s]) => s.default !== undefined)
      .map(([name, s]) => [`INPUT_${name.toUpperCase()}`, String(s.default)]),
  );
}

async function runStep(inputs: Record<string, string>): Promise<Step> {
  const dir = join(root, `step-${++steps}`);
  const temp = join(dir, 'temp');
  mkdirSync(temp, { recursive: true });
  const files = {
    GITHUB_OUTPUT: join(dir, 'output'),
    GITHUB_ENV: join(dir, 'env'),
    GITHUB_STATE: join(dir, 'state'),
    GITHUB_STEP_SUMMARY: join(dir, 'summary'),
  };
  for (const file of Object.values(files)) writeFileSync(file, '');
  const log = join(dir, 'tools.log');
  const given = Object.fromEntries(
    Object.entries({
      'client-id': sandbox.clientId,
      'tenant-id': sandbox.tenantId,
      'authority-host': sandbox.authorityHost,
      ...inputs,
    }).map(([k, v]) => [`INPUT_${k.toUpperCase()}`, v]),
  );
  const env = baseEnv({
    ...defaults(),
    ...given,
    ...files,
    ...fakeTools(log),
    RUNNER_TEMP: temp,
    GITHUB_ACTIONS: 'true',
    CI: 'true',
    GITHUB_REPOSITORY: 'octo-org/octo-repo',
    GITHUB_RUN_ID: '9876543210',
    ACTIONS_ID_TOKEN_REQUEST_URL: sandbox.idTokenRequestUrl,
    ACTIONS_ID_TOKEN_REQUEST_TOKEN: sandbox.idTokenRequestToken,
    NODE_EXTRA_CA_CERTS: registry.caCertFile,
  });
  const result = await runNode(MAIN, [], { env, cwd: dir });
  const read = (f: string): string => readFileSync(f, 'utf8');
  return {
    ...result,
    dir,
    temp,
    env,
    log,
    exported: parseFileCommands(read(files.GITHUB_ENV)),
    state: parseFileCommands(read(files.GITHUB_STATE)),
    summary: read(files.GITHUB_STEP_SUMMARY),
  };
}

function runPost(step: Step): Promise<ProcessResult> {
  const state = Object.fromEntries(Object.entries(step.state).map(([k, v]) => [`STATE_${k}`, v]));
  return runNode(POST, [], { env: { ...step.env, ...state }, cwd: step.dir });
}

function annotation(step: ProcessResult): string {
  const errors = step.stdout.split('\n').filter((l) => l.startsWith('::error::'));
  expect(errors).toHaveLength(1);
  return (errors[0] ?? '').slice('::error::'.length).replace(/%0A/g, '\n').replace(/%25/g, '%');
}

describe('export: every hand-off at once', () => {
  let step: Step;
  const registryBefore = { n: 0 };
  let loginRefresh = '';
  beforeAll(async () => {
    registryBefore.n = registry.requests.length;
    step = await runStep({
      export: `env\nterraform\naz\nacr:${registry.host}\ngit\nkubelogin\nidentity-endpoint`,
      'subscription-id': SUBSCRIPTION,
    });
    loginRefresh = registry.refreshTokens.at(-1) ?? '';
  });

  test('the step succeeds and hands each tool its variables', () => {
    expect(step.stderr).toBe('');
    expect(step.code, step.stdout).toBe(0);
    const e = step.exported;
    expect(e).toMatchObject({
      AZURE_CLIENT_ID: sandbox.clientId,
      AZURE_TENANT_ID: sandbox.tenantId,
      AZURE_SUBSCRIPTION_ID: SUBSCRIPTION,
      ARM_USE_OIDC: 'true',
      ARM_CLIENT_ID: sandbox.clientId,
      ARM_SUBSCRIPTION_ID: SUBSCRIPTION,
      AAD_LOGIN_METHOD: 'workloadidentity',
      GIT_CONFIG_COUNT: '4',
      GIT_CONFIG_KEY_0: 'credential.https://dev.azure.com.helper',
    });
    // GitHub: azurerm uses the runner's request URL and refreshes itself; no token file for it.
    expect(e).not.toHaveProperty('ARM_OIDC_TOKEN_FILE_PATH');
    expect(e['AZURE_CONFIG_DIR']?.startsWith(`${step.temp}/entra-federate-az-`)).toBe(true);
    expect(e['IDENTITY_ENDPOINT']).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/msi\/token$/);
    expect(e['IDENTITY_HEADER']).toMatch(/^[0-9a-f]{64}$/);
    for (const line of [
      'exported:          terraform: ARM_USE_OIDC',
      'exported:          az: signed in as a managed identity under AZURE_CONFIG_DIR=',
      `exported:          acr: docker gets ${registry.host} credentials from docker-credential-entra-federate`,
      'exported:          git: entra-federate is the credential helper for https://dev.azure.com',
      'exported:          identity-endpoint: IDENTITY_ENDPOINT=',
    ]) {
      expect(step.stdout).toContain(line);
    }
    expect(step.stdout).toContain(
      '::warning::entra-federate: kubelogin: ACTIONS_ID_TOKEN_REQUEST_TOKEN and ACTIONS_ID_TOKEN_REQUEST_URL are set',
    );
    expect(step.summary).toContain(
      `| Exported | env, terraform, az, acr:${registry.host}, git, kubelogin, identity-endpoint |`,
    );
    // Per hand-off: whether it renews, and until when. With the endpoint, everything does.
    expect(step.summary).toContain('| Hand-off | Renews | Until |');
    const ends = 'with the job, at cleanup, or after';
    for (const row of [
      '| env | yes | the identity endpoint stops (with the job) |',
      '| kubelogin | yes | the identity endpoint stops (with the job) |',
      `| identity-endpoint | yes | it stops ${ends}`,
      '| terraform | yes | the job ends |',
      `| az | yes | the identity endpoint stops ${ends}`,
      `| acr:${registry.host} | yes | the identity endpoint stops ${ends}`,
      `| git | yes | the identity endpoint stops ${ends}`,
    ])
      expect(step.summary).toContain(row);
    expect(step.stdout).toContain('exported:          env: AZURE_CLIENT_ID, AZURE_TENANT_ID, AZURE_AUTHORITY_HOST');
    expect(step.stdout).toContain('renews: the identity endpoint keeps the token file fresh for the rest of the job');
  });

  test('az signs in through the identity endpoint (no token on its argv); docker gets a credential helper, not a login', async () => {
    const calls = toolCalls(step.log);
    expect(calls.map((c) => `${c.tool} ${c.argv.slice(0, 2).join(' ')}`)).toEqual([
      'az version --output',
      'az login --identity',
      'az account set',
    ]);
    const [, login] = calls;
    // az 2.45 (the fake's version) speaks App Service 2017: msrestazure's variables, same endpoint.
    expect(login?.env).toMatchObject({
      MSI_ENDPOINT: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\/msi\/token$/),
      MSI_SECRET: expect.stringMatching(/^[0-9a-f]{64}$/),
      APPSETTING_WEBSITE_SITE_NAME: 'entra-federate',
    });
    const dockerConfig = step.exported['DOCKER_CONFIG'] ?? '';
    expect(dockerConfig.startsWith(`${step.temp}/entra-federate-docker-`)).toBe(true);
    expect(JSON.parse(readFileSync(join(dockerConfig, 'config.json'), 'utf8'))).toEqual({
      credHelpers: { [registry.host]: 'entra-federate' },
    });
    expect(step.exported['PATH']?.split(':')[0]).toBe(join(dockerConfig, 'bin'));
    // A later step's docker asks the helper, which asks the identity endpoint: the endpoint
    // exchanges once for the registry's audience, then serves it from its cache.
    const exchanges = () => sandbox.requests.filter((r) => r.target === 'token').length;
    const tokensBefore = exchanges();
    for (let i = 0; i < 2; i++) {
      const got = await runProcess('docker-credential-entra-federate', ['get'], {
        env: baseEnv({ ...step.exported, NODE_EXTRA_CA_CERTS: registry.caCertFile }),
        input: registry.host,
      });
      expect(got.code, got.stderr).toBe(0);
      expect(got.stderr).toBe('');
      expect(JSON.parse(got.stdout)).toEqual({
        ServerURL: registry.host,
        Username: '00000000-0000-0000-0000-000000000000',
        Secret: registry.refreshTokens.at(-1),
      });
    }
    expect(exchanges() - tokensBefore).toBeLessThanOrEqual(1);
    for (const call of calls) for (const arg of call.argv) expect(arg).not.toMatch(JWT);
    const exchange = registry.requests.slice(registryBefore.n)[0];
    expect(exchange?.form).toMatchObject({
      grant_type: 'access_token',
      service: registry.host,
      tenant: sandbox.tenantId,
    });
  });

  test('every secret is masked on its own line before anything else mentions it, and appears nowhere else', () => {
    const lines = step.stdout.split('\n');
    const masked = lines.filter((l) => l.startsWith('::add-mask::')).map((l) => l.slice('::add-mask::'.length));
    const secrets = [
      step.exported['IDENTITY_HEADER'] ?? '',
      loginRefresh,
      readFileSync(step.exported['AZURE_FEDERATED_TOKEN_FILE'] ?? '', 'utf8'),
    ];
    for (const secret of secrets) {
      expect(masked).toContain(secret);
      const first = lines.findIndex((l) => l.includes(secret));
      expect(lines[first]).toBe(`::add-mask::${secret}`);
    }
    expect(lines.filter((l) => !l.startsWith('::add-mask::')).join('\n')).not.toMatch(JWT);
    expect(step.summary).not.toMatch(JWT);
    expect(JSON.stringify(step.state)).not.toMatch(JWT);
  });

  test('the state tells post what to undo', () => {
    expect(JSON.parse(step.state['files'] ?? '[]')).toEqual([step.exported['AZURE_FEDERATED_TOKEN_FILE']]);
    const cleanup = JSON.parse(step.state['cleanup'] ?? '{}') as Record<string, unknown>;
    expect(cleanup).toEqual({
      dirs: [step.exported['AZURE_CONFIG_DIR'], step.exported['DOCKER_CONFIG']],
      azConfigDirs: [step.exported['AZURE_CONFIG_DIR']],
      endpoints: [expect.stringMatching(new RegExp(`^${step.temp}/entra-federate-identity-[0-9a-f]{16}\\.json$`))],
    });
  });

  test("a later step's ManagedIdentityCredential gets tokens from the identity endpoint", async () => {
    const script = join(step.dir, 'later.mjs');
    writeFileSync(
      script,
      `
      import { ManagedIdentityCredential } from ${JSON.stringify(join(ROOT, 'node_modules/@azure/identity/dist/esm/index.js'))};
      const t = await new ManagedIdentityCredential().getToken('https://vault.azure.net/.default');
      console.log(JSON.parse(Buffer.from(t.token.split('.')[1], 'base64url').toString()).aud);
    `,
    );
    const later = await runNode(script, [], {
      env: baseEnv({
        IDENTITY_ENDPOINT: step.exported['IDENTITY_ENDPOINT'],
        IDENTITY_HEADER: step.exported['IDENTITY_HEADER'],
      }),
      cwd: step.dir,
    });
    expect(later.stderr).toBe('');
    expect(later.stdout.trim()).toBe('https://vault.azure.net');
  });

  test('post stops the endpoint, signs az out, removes the private configurations, and leaves no process and no file', async () => {
    const stateFile = (JSON.parse(step.state['cleanup'] ?? '{}') as { endpoints: string[] }).endpoints[0] ?? '';
    const pid = (JSON.parse(readFileSync(stateFile, 'utf8')) as { pid: number }).pid;
    expect(isRunning(pid)).toBe(true);
    const before = toolCalls(step.log).length;
    const post = await runPost(step);
    expect(post.stderr).toBe('');
    expect(post.code).toBe(0);
    expect(post.stdout).toContain('entra-federate: removed 1 file.');
    expect(post.stdout).toContain(
      'entra-federate: stopped 1 identity endpoint, signed out 1 tool, removed 2 directories.',
    );
    expect(await waitFor(() => !isRunning(pid), 60_000)).toBe(true);
    expect(filesIn(step.temp)).toEqual([]);
    const undone = toolCalls(step.log).slice(before);
    expect(undone.map((c) => `${c.tool} ${c.argv.join(' ')}`)).toEqual(['az account clear']);
    expect(undone[0]?.env['AZURE_CONFIG_DIR']).toBe(step.exported['AZURE_CONFIG_DIR']);
    expect(post.stdout).not.toMatch(JWT);
    // A second post (a re-run) finds nothing and still succeeds.
    const again = await runPost(step);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('stopped 0 identity endpoints');
  });
});

describe('bad export inputs fail before any request', () => {
  test.each([
    ['env, helm', 'The Action cannot export "helm".'],
    ['acr:https://myregistry.azurecr.io', 'has a scheme'],
    ['acr:', 'acr: needs a registry'],
  ])('export: %s', async (value, message) => {
    const before = sandbox.requests.length;
    const step = await runStep({ export: value });
    expect(step.code).toBe(2);
    expect(annotation(step)).toContain(message);
    expect(sandbox.requests.length).toBe(before);
    expect(filesIn(step.temp)).toEqual([]);
  });
});
