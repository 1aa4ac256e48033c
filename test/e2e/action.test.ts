/**
 * The built Action (dist/action/index.js, then dist/action/post.js) as the runner runs it: a
 * process with INPUT_* from action.yml's defaults, the runner's file-command files, RUNNER_TEMP,
 * and the sandbox as both the Actions ID-token endpoint and Entra, over https on loopback.
 * Checks what a workflow sees (outputs, variables, summary, log), what reached the sandbox,
 * that @azure/identity signs in from the exported variables, and that no token leaks.
 */
import {
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
import { parse as parseYaml } from 'yaml';
import { DEFAULT_SUBJECT, startSandbox } from '../../src/sandbox/index.js';
import type { Sandbox } from '../../src/sandbox/index.js';
import { ROOT, baseEnv, runNode } from './run.js';
import type { ProcessResult } from './run.js';

const MAIN = join(ROOT, 'dist/action/index.js');
const POST = join(ROOT, 'dist/action/post.js');
const GHES_ISSUER = 'https://ghes.example.com/_services/token';
const GHES_CLIENT = '0b1c2d3e-4f50-4a6b-8c7d-8e9fa0b1c2d3';
const USGOV_CLIENT = '1c2d3e4f-5061-4b7c-9d8e-9fa0b1c2d3e4';

let sandbox: Sandbox;
let ghes: Sandbox;
let root: string;

beforeAll(async () => {
  // https, so that @azure/identity (MSAL refuses plain-http authorities) can use it as well.
  sandbox = await startSandbox({ https: true });
  sandbox.addApp({
    clientId: USGOV_CLIENT,
    federatedCredentials: [
      { issuer: sandbox.issuer, subject: DEFAULT_SUBJECT, audiences: ['api://AzureADTokenExchangeUSGov'] },
    ],
  });
  // A GitHub Enterprise Server-shaped issuer: its tokens carry iss https://HOST/_services/token.
  ghes = await startSandbox({
    https: true,
    config: {
      issuers: [{ issuer: GHES_ISSUER }],
      idTokenClaims: { iss: GHES_ISSUER },
      apps: [
        {
          clientId: GHES_CLIENT,
          federatedCredentials: [
            { issuer: GHES_ISSUER, subject: DEFAULT_SUBJECT, audiences: ['api://AzureADTokenExchange'] },
          ],
        },
      ],
    },
  });
  root = mkdtempSync(join(tmpdir(), 'ef-action-'));
});
afterAll(async () => {
  await Promise.all([sandbox.close(), ghes.close()]);
  rmSync(root, { recursive: true, force: true });
});

/** What the runner passes for an input nobody set: action.yml's default. */
function actionDefaults(): Record<string, string> {
  const manifest = parseYaml(readFileSync(join(ROOT, 'action.yml'), 'utf8')) as {
    inputs: Record<string, { default?: string }>;
  };
  const out: Record<string, string> = {};
  for (const [name, spec] of Object.entries(manifest.inputs))
    if (spec.default !== undefined) out[`INPUT_${name.toUpperCase()}`] = String(spec.default);
  return out;
}

/** Parses a file-command file the way the runner does: `key=value` or `key<<DELIM ... DELIM`. */
function parseFileCommands(text: string): [string, string][] {
  const lines = text.split(/\r?\n/);
  const out: [string, string][] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (line === '') continue;
    const heredoc = /^([^=<]+)<<(.+)$/.exec(line);
    if (heredoc !== null) {
      const [, key = '', delimiter = ''] = heredoc;
      const value: string[] = [];
      for (i++; i < lines.length && lines[i] !== delimiter; i++) value.push(lines[i] ?? '');
      if (i >= lines.length) throw new Error(`unterminated heredoc for ${key}`);
      out.push([key, value.join('\n')]);
    } else {
      const eq = line.indexOf('=');
      if (eq < 1) throw new Error(`invalid file-command line ${JSON.stringify(line)}`);
      out.push([line.slice(0, eq), line.slice(eq + 1)]);
    }
  }
  return out;
}

interface StepRun extends ProcessResult {
  dir: string;
  runnerTemp: string;
  env: Record<string, string>;
  outputs: Record<string, string>;
  exported: Record<string, string>;
  state: Record<string, string>;
  exportedRaw: string;
  outputRaw: string;
  stateRaw: string;
  summary: string;
}

let runs = 0;

/** Runs main as the runner would for a `uses:` step with `with: inputs`. */
async function runAction(
  target: Sandbox,
  inputs: Record<string, string>,
  extra: Record<string, string | undefined> = {},
): Promise<StepRun> {
  const dir = join(root, `step-${++runs}`);
  const runnerTemp = join(dir, 'temp');
  mkdirSync(runnerTemp, { recursive: true });
  const files = {
    GITHUB_OUTPUT: join(dir, 'output'),
    GITHUB_ENV: join(dir, 'env'),
    GITHUB_STATE: join(dir, 'state'),
    GITHUB_STEP_SUMMARY: join(dir, 'summary'),
  };
  for (const file of Object.values(files)) writeFileSync(file, '');
  const given: Record<string, string> = {};
  for (const [name, value] of Object.entries(inputs)) given[`INPUT_${name.toUpperCase()}`] = value;
  const env = baseEnv({
    ...actionDefaults(),
    ...given,
    ...files,
    RUNNER_TEMP: runnerTemp,
    GITHUB_ACTIONS: 'true',
    CI: 'true',
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_REPOSITORY: 'octo-org/octo-repo',
    GITHUB_REF: 'refs/heads/main',
    GITHUB_SHA: 'a3f2c9d1e8b7465f0c1d2e3f4a5b6c7d8e9f0a1b',
    GITHUB_WORKFLOW: 'Deploy',
    GITHUB_RUN_ID: '9876543210',
    GITHUB_RUN_ATTEMPT: '2',
    GITHUB_ACTOR: 'octocat',
    GITHUB_EVENT_NAME: 'push',
    ACTIONS_ID_TOKEN_REQUEST_URL: target.idTokenRequestUrl,
    ACTIONS_ID_TOKEN_REQUEST_TOKEN: target.idTokenRequestToken,
    NODE_EXTRA_CA_CERTS: target.caCertFile,
    ...extra,
  });
  const result = await runNode(MAIN, [], { env, cwd: dir });
  const read = (file: string): string => readFileSync(file, 'utf8');
  return {
    ...result,
    dir,
    runnerTemp,
    env,
    outputs: Object.fromEntries(parseFileCommands(read(files.GITHUB_OUTPUT))),
    exported: Object.fromEntries(parseFileCommands(read(files.GITHUB_ENV))),
    state: Object.fromEntries(parseFileCommands(read(files.GITHUB_STATE))),
    exportedRaw: read(files.GITHUB_ENV),
    outputRaw: read(files.GITHUB_OUTPUT),
    stateRaw: read(files.GITHUB_STATE),
    summary: read(files.GITHUB_STEP_SUMMARY),
  };
}

/** Runs post as the runner would: main's saved state comes back as STATE_<name>. */
function runPost(step: StepRun): Promise<ProcessResult> {
  const stateEnv: Record<string, string> = {};
  for (const [key, value] of Object.entries(step.state)) stateEnv[`STATE_${key}`] = value;
  return runNode(POST, [], { env: { ...step.env, ...stateEnv }, cwd: step.dir });
}

function defaultInputs(target: Sandbox = sandbox): Record<string, string> {
  return { 'client-id': target.clientId, 'tenant-id': target.tenantId, 'authority-host': target.authorityHost };
}

function claimsOf(jwt: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(jwt.split('.')[1] ?? '', 'base64url').toString('utf8')) as Record<string, unknown>;
}

/** Requests that reached a sandbox during `body`. */
async function requestsDuring<T>(
  target: Sandbox,
  body: () => Promise<T>,
): Promise<{ value: T; requests: Sandbox['requests'] }> {
  const before = target.requests.length;
  const value = await body();
  return { value, requests: target.requests.slice(before) };
}

const JWT = /eyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]+/g;

/**
 * Every token the step handled appears in its log only on its own `::add-mask::` line, and that
 * line comes before any other mention; no other output of the step holds any token bytes.
 */
function expectTokensMasked(step: StepRun, tokens: string[], post?: ProcessResult): void {
  const lines = step.stdout.split('\n');
  for (const token of tokens) {
    const signature = token.split('.')[2] ?? token;
    const mentions = lines.map((line, i) => ({ line, i })).filter(({ line }) => line.includes(signature));
    expect(mentions.length, 'the token is masked').toBeGreaterThan(0);
    expect(mentions[0]?.line).toBe(`::add-mask::${token}`);
    for (const { line } of mentions) expect(line).toBe(`::add-mask::${token}`);
    for (const text of [
      step.stderr,
      step.summary,
      step.stateRaw,
      step.exportedRaw,
      post?.stdout ?? '',
      post?.stderr ?? '',
    ]) {
      expect(text.includes(signature)).toBe(false);
    }
  }
  // Nothing JWT-shaped outside mask lines, whoever minted it.
  const unmasked = lines.filter((line) => !line.startsWith('::add-mask::')).join('\n');
  expect(unmasked.match(JWT)).toBeNull();
  for (const text of [step.stderr, step.summary, step.stateRaw, step.exportedRaw]) expect(text.match(JWT)).toBeNull();
}

describe('a successful step', () => {
  let step: StepRun;
  let requests: Sandbox['requests'];
  beforeAll(async () => {
    ({ value: step, requests } = await requestsDuring(sandbox, () =>
      runAction(sandbox, { ...defaultInputs(), 'subscription-id': '2d3e4f50-6172-4c8d-ae9f-a0b1c2d3e4f5' }),
    ));
  });

  test('exits 0 with the outputs action.yml declares', () => {
    expect(step.stderr).toBe('');
    expect(step.code).toBe(0);
    expect(Object.keys(step.outputs).sort()).toEqual([
      'access-token',
      'access-tokens',
      'expires-on',
      'issuer',
      'subject',
    ]);
    const accessToken = step.outputs['access-token'] ?? '';
    const claims = claimsOf(accessToken);
    expect(claims['appid'] ?? claims['azp']).toBe(sandbox.clientId);
    expect(claims['aud']).toBe('https://management.azure.com');
    expect(step.outputs['expires-on']).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    // expires-on is the token's own expiry (the sandbox sets exp from expires_in), within a second.
    expect(Math.abs(Date.parse(step.outputs['expires-on'] ?? '') / 1000 - Number(claims['exp']))).toBeLessThanOrEqual(
      1,
    );
    expect(step.outputs['issuer']).toBe(sandbox.issuer);
    expect(step.outputs['subject']).toBe(DEFAULT_SUBJECT);
  });

  test("asks the ID-token endpoint for the cloud's audience, once, then exchanges at Entra", () => {
    const idTokenRequests = requests.filter((r) => r.target === 'idtoken');
    expect(idTokenRequests).toHaveLength(1);
    expect(new URL(idTokenRequests[0]?.path ?? '', sandbox.origin).searchParams.get('audience')).toBe(
      'api://AzureADTokenExchange',
    );
    const tokenRequests = requests.filter((r) => r.target === 'token');
    expect(tokenRequests).toHaveLength(1);
    expect(tokenRequests[0]?.status).toBe(200);
    expect(tokenRequests[0]?.form).toMatchObject({
      client_id: sandbox.clientId,
      scope: 'https://management.azure.com/.default',
      client_assertion: '[redacted]',
    });
    expect(claimsOf(readFileSync(step.exported['AZURE_FEDERATED_TOKEN_FILE'] ?? '', 'utf8'))['aud']).toBe(
      'api://AzureADTokenExchange',
    );
  });

  test('writes each output, variable and state entry as a heredoc with its own random delimiter', () => {
    for (const raw of [step.outputRaw, step.exportedRaw, step.stateRaw]) {
      const delimiters = [...raw.matchAll(/^[A-Za-z_][A-Za-z0-9_-]*<<(.*)$/gm)].map((m) => m[1] ?? '');
      expect(delimiters.length).toBeGreaterThan(0);
      for (const d of delimiters)
        expect(d).toMatch(/^ghadelimiter_[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(new Set(delimiters).size).toBe(delimiters.length);
    }
  });

  test('exports the Azure SDK variables and a 0600 token file under RUNNER_TEMP with no trailing newline', () => {
    expect(step.exported).toEqual({
      AZURE_CLIENT_ID: sandbox.clientId,
      AZURE_TENANT_ID: sandbox.tenantId,
      AZURE_AUTHORITY_HOST: sandbox.authorityHost,
      AZURE_SUBSCRIPTION_ID: '2d3e4f50-6172-4c8d-ae9f-a0b1c2d3e4f5',
      AZURE_FEDERATED_TOKEN_FILE: expect.stringMatching(/entra-federate-[0-9a-f]{16}\.jwt$/) as unknown as string,
    });
    const file = step.exported['AZURE_FEDERATED_TOKEN_FILE'] ?? '';
    expect(file.startsWith(`${step.runnerTemp}/`)).toBe(true);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const content = readFileSync(file, 'utf8');
    expect(content).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
    expect(claimsOf(content)).toMatchObject({ iss: sandbox.issuer, sub: DEFAULT_SUBJECT });
  });

  test('masks each token before anything else mentions it, and no output carries token bytes', () => {
    const tokens = [
      step.outputs['access-token'] ?? '',
      readFileSync(step.exported['AZURE_FEDERATED_TOKEN_FILE'] ?? '', 'utf8'),
    ];
    expectTokensMasked(step, tokens);
    const maskLines = step.stdout.split('\n').filter((l) => l.startsWith('::add-mask::'));
    expect(maskLines).toHaveLength(2);
    // The log says who signed in, without a token.
    expect(step.stdout).toContain(`CI token subject:  ${DEFAULT_SUBJECT}`);
    expect(step.stdout).not.toContain('::debug::');
  });

  test('writes a step summary of who asked and what they got, without tokens', () => {
    const s = step.summary;
    expect(s).toContain('| Repository | octo-org/octo-repo |');
    expect(s).toContain('| Ref | refs/heads/main |');
    expect(s).toContain('| Workflow | Deploy |');
    expect(s).toContain(
      '| Run | [9876543210 (attempt 2)](https://github.com/octo-org/octo-repo/actions/runs/9876543210) |',
    );
    expect(s).toContain('| Actor | octocat |');
    expect(s).toContain(`| CI token issuer | ${sandbox.issuer} |`);
    expect(s).toContain(`| CI token subject | ${DEFAULT_SUBJECT} |`);
    expect(s).toContain('| CI token audience | api://AzureADTokenExchange |');
    expect(s).toContain(`| Tenant | ${sandbox.tenantId} |`);
    expect(s).toContain(`| Client | ${sandbox.clientId} |`);
    expect(s).toContain(`| https://management.azure.com/.default | ${step.outputs['expires-on']} |`);
    expect(s.match(JWT)).toBeNull();
  });

  test('@azure/identity WorkloadIdentityCredential and DefaultAzureCredential sign in from the exported variables in a later step', async () => {
    const script = join(step.dir, 'later-step.mjs');
    // A later step's own code: it knows nothing of entra-federate, only the Azure SDK's variables
    // (instance discovery is off because it would ask login.microsoftonline.com, not the sandbox).
    writeFileSync(
      script,
      `
      import { DefaultAzureCredential, WorkloadIdentityCredential } from ${JSON.stringify(join(ROOT, 'node_modules/@azure/identity/dist/esm/index.js'))};
      const claims = (t) => JSON.parse(Buffer.from(t.token.split('.')[1], 'base64url').toString());
      const out = [];
      for (const [credential, scope] of [
        [new WorkloadIdentityCredential({ disableInstanceDiscovery: true }), 'https://vault.azure.net/.default'],
        [new DefaultAzureCredential({ disableInstanceDiscovery: true }), 'https://storage.azure.com/.default'],
      ]) {
        const token = await credential.getToken(scope);
        const c = claims(token);
        out.push({ aud: c.aud, appid: c.appid ?? c.azp, tid: c.tid, valid: token.expiresOnTimestamp > Date.now() });
      }
      console.log(JSON.stringify(out));
    `,
    );
    const { value: later, requests: sent } = await requestsDuring(sandbox, () =>
      runNode(script, [], {
        env: baseEnv({ ...step.exported, NODE_EXTRA_CA_CERTS: sandbox.caCertFile }),
        cwd: step.dir,
      }),
    );
    expect(later.stderr).toBe('');
    expect(later.code).toBe(0);
    expect(JSON.parse(later.stdout)).toEqual([
      { aud: 'https://vault.azure.net', appid: sandbox.clientId, tid: sandbox.tenantId, valid: true },
      { aud: 'https://storage.azure.com', appid: sandbox.clientId, tid: sandbox.tenantId, valid: true },
    ]);
    // They went to the authority host from AZURE_AUTHORITY_HOST, with the token file as their assertion.
    const exchanges = sent.filter((r) => r.target === 'token');
    expect(exchanges.map((r) => new URL(r.path, sandbox.origin).pathname)).toEqual([
      `/${sandbox.tenantId}/oauth2/v2.0/token`,
      `/${sandbox.tenantId}/oauth2/v2.0/token`,
    ]);
    expect(exchanges.map((r) => r.status)).toEqual([200, 200]);
    expect(exchanges[0]?.form).toMatchObject({
      client_id: sandbox.clientId,
      scope: 'https://vault.azure.net/.default',
      client_assertion: '[redacted]',
    });
    expect(exchanges[1]?.form).toMatchObject({
      client_id: sandbox.clientId,
      scope: 'https://storage.azure.com/.default',
      client_assertion: '[redacted]',
    });
  });

  test('post deletes every file main wrote, from the saved state', async () => {
    const file = step.exported['AZURE_FEDERATED_TOKEN_FILE'] ?? '';
    expect(JSON.parse(step.state['files'] ?? '[]')).toEqual([file]);
    expect(existsSync(file)).toBe(true);
    const post = await runPost(step);
    expect(post.code).toBe(0);
    expect(post.stderr).toBe('');
    expect(post.stdout).toContain('removed 1 file');
    expect(existsSync(file)).toBe(false);
    expectTokensMasked(step, [step.outputs['access-token'] ?? ''], post);
    // Running it again (a re-run of post) finds nothing to do and does not fail.
    const again = await runPost(step);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('removed 0 files');
  });
});

describe('inputs and clouds', () => {
  test('AzureUSGovernment asks GitHub for api://AzureADTokenExchangeUSGov', async () => {
    const { value: step, requests } = await requestsDuring(sandbox, () =>
      runAction(sandbox, { ...defaultInputs(), 'client-id': USGOV_CLIENT, cloud: 'AzureUSGovernment' }),
    );
    expect(step.stderr).toBe('');
    expect(step.code).toBe(0);
    const asked = requests
      .filter((r) => r.target === 'idtoken')
      .map((r) => new URL(r.path, sandbox.origin).searchParams.get('audience'));
    expect(asked).toEqual(['api://AzureADTokenExchangeUSGov']);
    expect(claimsOf(readFileSync(step.exported['AZURE_FEDERATED_TOKEN_FILE'] ?? '', 'utf8'))['aud']).toBe(
      'api://AzureADTokenExchangeUSGov',
    );
    expect(step.summary).toContain('| CI token audience | api://AzureADTokenExchangeUSGov |');
  });

  test("several scopes: each exchanged and listed; access-token is the first one's", async () => {
    const step = await runAction(sandbox, {
      ...defaultInputs(),
      scopes: 'https://vault.azure.net/.default\nhttps://storage.azure.com/.default, https://graph.microsoft.com',
    });
    expect(step.code).toBe(0);
    expect(claimsOf(step.outputs['access-token'] ?? '')['aud']).toBe('https://vault.azure.net');
    expect(step.exported).not.toHaveProperty('AZURE_SUBSCRIPTION_ID');
    for (const scope of [
      'https://vault.azure.net/.default',
      'https://storage.azure.com/.default',
      'https://graph.microsoft.com/.default',
    ]) {
      expect(step.summary).toContain(`| ${scope} | `);
    }
    // Three access tokens and the CI token, each masked on its own line.
    expect(step.stdout.split('\n').filter((l) => l.startsWith('::add-mask::'))).toHaveLength(4);
    expectTokensMasked(step, [step.outputs['access-token'] ?? '']);
  });

  test('a GitHub Enterprise Server issuer is reported as it is', async () => {
    const step = await runAction(ghes, defaultInputs(ghes));
    expect(step.stderr).toBe('');
    expect(step.code).toBe(0);
    expect(step.outputs['issuer']).toBe(GHES_ISSUER);
    expect(step.stdout).toContain(`CI token issuer:   ${GHES_ISSUER}`);
    expect(step.summary).toContain(`| CI token issuer | ${GHES_ISSUER} |`);
  });

  test('a retried exchange presents a fresh CI token, masked as it arrives', async () => {
    sandbox.setFaults([{ target: 'token', status: 503, times: 1 }]);
    const { value: step, requests } = await requestsDuring(sandbox, () => runAction(sandbox, defaultInputs()));
    sandbox.setFaults([]);
    expect(step.code).toBe(0);
    expect(requests.filter((r) => r.target === 'token').map((r) => r.status)).toEqual([503, 200]);
    // One CI token for the first attempt, a new one for the retry; the file reuses the newest.
    expect(requests.filter((r) => r.target === 'idtoken')).toHaveLength(2);
    const masks = step.stdout.split('\n').filter((l) => l.startsWith('::add-mask::'));
    expect(new Set(masks).size).toBe(3);
    expectTokensMasked(step, [
      step.outputs['access-token'] ?? '',
      readFileSync(step.exported['AZURE_FEDERATED_TOKEN_FILE'] ?? '', 'utf8'),
    ]);
  });

  test('export: none hands nothing on and leaves nothing for post', async () => {
    const step = await runAction(sandbox, { ...defaultInputs(), export: 'none' });
    expect(step.code).toBe(0);
    expect(step.exportedRaw).toBe('');
    expect(step.stateRaw).toBe('');
    expect(readdirSync(step.runnerTemp)).toEqual([]);
    expect(step.outputs['access-token']).toMatch(/^eyJ/);
    const post = await runPost(step);
    expect(post.code).toBe(0);
    expect(post.stdout).toContain('removed 0 files');
  });
});

/** The `::error::` annotation of a failed step, unescaped the way the runner shows it. */
function annotation(step: ProcessResult): string {
  const errors = step.stdout.split('\n').filter((l) => l.startsWith('::error::'));
  expect(errors).toHaveLength(1);
  return (errors[0] ?? '').slice('::error::'.length).replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%25/g, '%');
}

describe('failures', () => {
  test('without the ID-token variables: says to add `permissions: id-token: write`, and that forks get none', async () => {
    const { value: step, requests } = await requestsDuring(sandbox, () =>
      runAction(sandbox, defaultInputs(), {
        ACTIONS_ID_TOKEN_REQUEST_URL: undefined,
        ACTIONS_ID_TOKEN_REQUEST_TOKEN: undefined,
      }),
    );
    expect(step.code).toBe(2);
    expect(step.stderr).toBe('');
    const text = annotation(step);
    expect(text).toContain('ACTIONS_ID_TOKEN_REQUEST_URL is not set');
    expect(text).toContain('permissions: id-token: write');
    expect(text).toMatch(/Pull requests from forks never get an ID token/);
    expect(requests).toEqual([]);
    expect(step.outputRaw).toBe('');
    expect(step.exportedRaw).toBe('');
    expect(readdirSync(step.runnerTemp)).toEqual([]);
    expect(step.summary).toContain('### entra-federate: sign-in failed');
    expect(step.summary).toContain('| Error | ID\\_TOKEN\\_UNAVAILABLE |'.replace(/\\_/g, '_'));
  });

  test('a bad client-id fails before any request, naming the input', async () => {
    const { value: step, requests } = await requestsDuring(sandbox, () =>
      runAction(sandbox, { ...defaultInputs(), 'client-id': 'my-app' }),
    );
    expect(step.code).toBe(2);
    const text = annotation(step);
    expect(text).toContain('entra-federate: The client id "my-app" is not a GUID.');
    expect(text).toContain('INVALID_CLIENT_ID');
    expect(requests).toEqual([]);
    expect(step.outputRaw + step.exportedRaw + step.stateRaw).toBe('');
  });

  test('an empty client-id says which input to set', async () => {
    const step = await runAction(sandbox, { ...defaultInputs(), 'client-id': '' });
    expect(step.code).toBe(2);
    expect(annotation(step)).toContain('The `client-id` input is empty.');
  });

  test('a newline in an input cannot inject a variable, an output or a workflow command', async () => {
    const evil = `${sandbox.clientId}\nAZURE_CLIENT_SECRET=stolen\n::set-env name=NODE_OPTIONS::--require=/tmp/x.js`;
    // The runner decodes %0A in a command to a line break; ours must arrive as the text "%0A".
    const encoded = `${sandbox.clientId}%0A::set-env name=NODE_OPTIONS::x`;
    const step = await runAction(sandbox, { ...defaultInputs(), 'client-id': encoded });
    expect(step.code).toBe(2);
    expect(annotation(step)).toContain('%0A::set-env');
    expect(
      annotation(step)
        .split('\n')
        .some((l) => l.startsWith('::set-env')),
    ).toBe(false);
    for (const inputs of [{ 'client-id': evil }, { 'subscription-id': evil }, { scopes: evil }]) {
      const { value: step, requests } = await requestsDuring(sandbox, () =>
        runAction(sandbox, { ...defaultInputs(), ...inputs }),
      );
      expect(step.code).toBe(2);
      expect(requests).toEqual([]);
      expect(step.exportedRaw).toBe('');
      expect(step.outputRaw).toBe('');
      // One command line, the annotation; the value's newlines stay inside it, escaped.
      const lines = step.stdout.split('\n').filter((l) => l !== '');
      expect(lines.every((l) => !/^(AZURE_CLIENT_SECRET|::set-env)/.test(l))).toBe(true);
      expect(lines.filter((l) => l.startsWith('::'))).toHaveLength(1);
      expect(step.summary).not.toMatch(/^(AZURE_CLIENT_SECRET|::set-env)/m);
    }
  });

  test('no federated credential matches: the annotation shows what was presented and what to change, with details only in debug', async () => {
    const wrong = '2e3f4051-6273-4d8e-9fa0-b1c2d3e4f506';
    sandbox.addApp({
      clientId: wrong,
      federatedCredentials: [
        {
          issuer: sandbox.issuer,
          subject: 'repo:octo-org/octo-repo:environment:production',
          audiences: ['api://AzureADTokenExchange'],
        },
      ],
    });
    const quiet = await runAction(sandbox, { ...defaultInputs(), 'client-id': wrong });
    expect(quiet.code).toBe(1);
    const text = annotation(quiet);
    expect(text).toMatch(/^entra-federate: AADSTS70021: /);
    expect(text).toContain('code:           NO_MATCHING_FIC (AADSTS70021)');
    expect(text).toContain(`subject:        ${DEFAULT_SUBJECT}`);
    expect(text).toContain(`issuer:         ${sandbox.issuer}`);
    expect(text).toMatch(/trace id: +\S+/);
    expect(text).toMatch(
      /what to do: +No federated credential of the app has this token's issuer, subject and audience/,
    );
    expect(quiet.stdout).not.toContain('::debug::');
    expect(quiet.outputRaw).toBe('');
    expect(quiet.summary).toContain(`| CI token subject | ${DEFAULT_SUBJECT} |`);
    // The doctor's reading follows the failure, in the log and in the step summary.
    expect(quiet.stdout).toMatch(/entra-federate doctor:\nCI token \(github\):/);
    expect(quiet.stdout).toContain('Verdict: no federated credential matches this token.');
    expect(quiet.stdout).toContain(`az ad app federated-credential create --id ${wrong} --parameters`);
    expect(quiet.summary).toContain('### Why the federated credential did not match');
    expect(quiet.summary).toContain(`| subject | ${DEFAULT_SUBJECT.replace(/[_|]/g, (c) => `\\${c}`)} |`);
    expect(quiet.summary).toContain('az ad app federated-credential create');
    expectTokensMasked(quiet, []);

    const loud = await runAction(sandbox, { ...defaultInputs(), 'client-id': wrong }, { RUNNER_DEBUG: '1' });
    expect(loud.code).toBe(1);
    expect(loud.stdout).toContain(`::debug::CI token claims: {`);
    expect(loud.stdout).toContain(`"sub":"${DEFAULT_SUBJECT}"`);
    expectTokensMasked(loud, []);
  });

  test('the Entra endpoint unreachable: a network failure, its cause only in debug', async () => {
    const step = await runAction(
      sandbox,
      { ...defaultInputs(), 'authority-host': 'https://127.0.0.1:9', 'timeout-seconds': '3' },
      { RUNNER_DEBUG: '1' },
    );
    expect(step.code).toBe(1);
    expect(annotation(step)).toMatch(/Could not reach the Entra token endpoint|NETWORK_ERROR|TIMEOUT/);
    expect(step.stdout).toMatch(/::debug::cause: .*ECONNREFUSED/);
    expectTokensMasked(step, []);
  });

  test('a YAML policy that allows the run lets it through; one that denies it sends no exchange', async () => {
    const dir = mkdtempSync(join(root, 'policy-'));
    const policy = (environment: string): string => {
      const file = join(dir, `policy-${environment.replace(/\W+/g, '-')}.yml`);
      writeFileSync(
        file,
        [
          'name: octo-guardrails',
          'version: 1',
          'rules:',
          '  - name: main-branch',
          '    claims:',
          '      repository: octo-org/octo-repo',
          `      ref: ${environment}`,
          '    allow:',
          `      tenants: [${sandbox.tenantId}]`,
          `      clientIds: [${sandbox.clientId}]`,
          '      scopes: [https://management.azure.com/.default]',
          '',
        ].join('\n'),
      );
      return file;
    };
    const allowed = await runAction(sandbox, { ...defaultInputs(), policy: policy('refs/heads/main') });
    expect(allowed.code).toBe(0);
    expect(allowed.outputs['access-token']).toBeTruthy();

    const { value: denied, requests } = await requestsDuring(sandbox, () =>
      runAction(sandbox, { ...defaultInputs(), policy: policy('refs/heads/release') }),
    );
    expect(denied.code).toBe(1);
    expect(annotation(denied)).toContain('Denied by policy: no rule of policy "octo-guardrails"');
    expect(requests.map((r) => r.target)).toEqual(['idtoken']);
    expect(denied.outputRaw).toBe('');
    expectTokensMasked(denied, []);
  });

  test('audit-log appends one 0600 JSON line per token and a summary row, with no token bytes', async () => {
    const log = join(mkdtempSync(join(root, 'audit-')), 'audit.jsonl');
    const step = await runAction(sandbox, {
      ...defaultInputs(),
      scopes: 'https://management.azure.com/.default\nhttps://vault.azure.net/.default',
      'audit-log': log,
    });
    expect(step.code).toBe(0);
    expect(statSync(log).mode & 0o777).toBe(0o600);
    const lines = readFileSync(log, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toHaveLength(2);
    expect(lines.map((l) => l['scope'])).toEqual([
      'https://management.azure.com/.default',
      'https://vault.azure.net/.default',
    ]);
    const text = readFileSync(log, 'utf8');
    expect(text).not.toContain(step.outputs['access-token'] ?? 'none');
    expect(text).not.toMatch(/eyJ[\w-]{10,}\.eyJ/);
    expect(step.summary).toContain('https://vault.azure.net/.default');
  });

  test("remedies name the Action's inputs, not the CLI's flags", async () => {
    const step = await runAction(sandbox, { ...defaultInputs(), 'timeout-seconds': 'soon' });
    expect(step.code).toBe(2);
    const text = annotation(step);
    expect(text).toContain('`timeout-seconds`');
    expect(text).not.toContain('--timeout');
  });

  test('off a runner (no GITHUB_OUTPUT): fails before any request', async () => {
    const { value: step, requests } = await requestsDuring(sandbox, () =>
      runAction(sandbox, defaultInputs(), { GITHUB_OUTPUT: undefined }),
    );
    expect(step.code).toBe(2);
    expect(annotation(step)).toContain('GITHUB_OUTPUT is not set');
    expect(requests).toEqual([]);
  });
});

/**
 * What a cold run loads: the entry and every chunk it imports statically, recursively.
 * Chunks behind a dynamic import() (a YAML policy, the audit trail) load only when used.
 */
function coldPath(entry: string): { bytes: number; text: string } {
  const seen = new Set<string>();
  const visit = (file: string): void => {
    if (seen.has(file)) return;
    seen.add(file);
    const code = readFileSync(file, 'utf8');
    for (const m of code.matchAll(/^(?:import|export)\s[^;]*?from\s*"(\.[^"]+)";?$|^import\s*"(\.[^"]+)";?$/gms)) {
      visit(join(dirname(file), m[1] ?? m[2] ?? ''));
    }
  };
  visit(entry);
  const files = [...seen];
  return {
    bytes: files.reduce((n, f) => n + statSync(f).size, 0),
    text: files.map((f) => readFileSync(f, 'utf8')).join('\n'),
  };
}

test('the cold paths stay small and free of @actions/core and undici (start-up budget)', () => {
  const main = coldPath(MAIN);
  const post = coldPath(POST);
  expect(main.bytes).toBeLessThan(150 * 1024);
  expect(post.bytes).toBeLessThan(30 * 1024);
  for (const bundle of [main.text, post.text]) expect(bundle).not.toMatch(/undici|@actions\/core/);
  // Post loads nothing it does not use: no HTTP client, no crypto module.
  expect(post.text).not.toMatch(/node:https?|node:crypto/);
  // The YAML parser is loaded only for a YAML policy.
  expect(main.text).not.toMatch(/class Composer|YAMLParseError/);
});
