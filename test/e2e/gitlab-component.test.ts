/**
 * The GitLab CI/CD component (templates/login.yml): both YAML documents parsed, the inputs
 * interpolated as GitLab does, and a job that extends the hidden job run the way a runner runs
 * it: variables and the id_tokens token in the environment, before_script then script in one
 * shell (bash with `set -eo pipefail`, and POSIX sh for alpine images), against the sandbox
 * posing as https://gitlab.com. No token may appear in the job log.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { startSandbox } from '../../src/sandbox/index.js';
import type { Sandbox } from '../../src/sandbox/index.js';
import { CLI, ROOT, baseEnv } from './run.js';
import type { ProcessResult } from './run.js';
import { AUDIENCE, GITLAB, LeakCheck, ciClaims } from '../helpers/providers.js';
import { PACKAGE_VERSION, fakeNpm, jwtParts, localPackage, runShell } from '../helpers/packages.js';

const COMPONENT = join(ROOT, 'templates/login.yml');
const GITLAB_APP = 'd15e6f70-8192-4eaf-9b1c-2d3e4f5a6b7c';
const VAULT = 'https://vault.azure.net/.default';

interface Input {
  description?: string;
  default?: string;
  options?: string[];
}
interface Job {
  stage: string;
  image: string;
  id_tokens: Record<string, { aud: string }>;
  variables: Record<string, string>;
  before_script: string[];
  artifacts?: unknown;
}

const text = readFileSync(COMPONENT, 'utf8');
const docs = parseAllDocuments(text);
const spec = docs[0]?.toJS() as { spec: { inputs: Record<string, Input> } };
const body = text.slice(text.indexOf('\n---\n') + 5);

/** GitLab's interpolation: mandatory inputs must be given, options respected, defaults filled. */
function interpolate(given: Record<string, string>): Record<string, Job> {
  const inputs = spec.spec.inputs;
  for (const name of Object.keys(given)) if (!(name in inputs)) throw new Error(`unknown input ${name}`);
  const values: Record<string, string> = {};
  for (const [name, input] of Object.entries(inputs)) {
    const value = given[name] ?? input.default;
    if (value === undefined) throw new Error(`\`${name}\` input: required value has not been provided`);
    if (input.options !== undefined && !input.options.includes(value))
      throw new Error(
        `\`${name}\` input: \`${value}\` cannot be used because it is not in the list of allowed options`,
      );
    values[name] = value;
  }
  const rendered = body.replace(/\$\[\[\s*inputs\.([a-z_]+)\s*\]\]/g, (_m, name: string) => {
    const value = values[name];
    if (value === undefined) throw new Error(`unknown interpolation key: \`${name}\``);
    return value;
  });
  return parseAllDocuments(rendered)[0]?.toJS() as Record<string, Job>;
}

let sandbox: Sandbox;
let root: string;
let npmBin: string;
let npmLog: string;
const leaks = new LeakCheck();

beforeAll(async () => {
  sandbox = await startSandbox({
    config: {
      issuers: [{ issuer: GITLAB.issuer }],
      apps: [
        {
          clientId: GITLAB_APP,
          federatedCredentials: [{ issuer: GITLAB.issuer, subject: GITLAB.subject, audiences: [AUDIENCE] }],
        },
      ],
    },
  });
  root = mkdtempSync(join(tmpdir(), 'ef-gitlab-'));
  npmLog = join(root, 'npm.log');
  npmBin = fakeNpm(root, localPackage(join(root, 'pack')), npmLog);
});
afterAll(async () => {
  await sandbox.close();
  rmSync(root, { recursive: true, force: true });
});

/** A user's job: `extends: .entra-federate` plus their script, run in one shell like the runner. */
async function runJob(
  shell: 'bash' | 'sh',
  inputs: Record<string, string>,
  script: string[],
  extra: Record<string, string> = {},
): Promise<ProcessResult & { dir: string }> {
  const job = interpolate(inputs)['.entra-federate'];
  if (job === undefined) throw new Error('no .entra-federate job');
  const dir = mkdtempSync(join(root, 'job-'));
  const tmp = join(dir, 'tmp');
  mkdirSync(tmp);
  const idTokens: Record<string, string> = {};
  for (const [name, { aud }] of Object.entries(job.id_tokens)) {
    idTokens[name] = sandbox.mintIdToken({
      issuer: GITLAB.issuer,
      audience: aud,
      claims: ciClaims({ ...GITLAB.claims, sub: GITLAB.subject }),
    });
    leaks.add(...jwtParts(idTokens[name] ?? ''));
  }
  const lines = [shell === 'bash' ? 'set -eo pipefail' : 'set -e', ...job.before_script, ...script];
  const file = join(dir, 'job.sh');
  writeFileSync(file, `${lines.join('\n')}\n`);
  const env = baseEnv({
    ...GITLAB.env,
    CI_PROJECT_DIR: dir,
    CI_SERVER_FQDN: 'gitlab.com',
    TMPDIR: tmp,
    PATH: [npmBin, process.env['PATH'] ?? '/usr/bin:/bin'].join(delimiter),
    ...job.variables,
    ...idTokens,
    // A project CI/CD variable: the sandbox stands in for login.microsoftonline.com.
    AZURE_AUTHORITY_HOST: sandbox.authorityHost,
    ...extra,
  });
  const result = leaks.record(`gitlab job ${dir}`, await runShell([shell], file, env, { cwd: dir }));
  return { ...result, dir };
}

/** A script line that checks a token's audience without printing or writing the token. */
function audienceCheck(variable: string, resource: string): string {
  return `node -e 'const c=JSON.parse(Buffer.from(process.env.${variable}.split(".")[1],"base64url"));if(c.aud!==${JSON.stringify(resource)})process.exit(3);console.log("${variable} is for ${resource}")'`;
}

describe('the component file', () => {
  test('two documents: spec inputs, then the hidden job', () => {
    expect(docs).toHaveLength(2);
    for (const d of docs) expect(d.errors).toEqual([]);
    const inputs = spec.spec.inputs;
    expect(Object.keys(inputs)).toEqual(['client_id', 'tenant_id', 'scopes', 'audience', 'cloud', 'stage', 'image']);
    expect(inputs['client_id']?.default).toBeUndefined();
    expect(inputs['tenant_id']?.default).toBeUndefined();
    expect(inputs['audience']?.default).toBe(AUDIENCE);
    expect(inputs['cloud']?.options).toEqual(['AzureCloud', 'AzureUSGovernment', 'AzureChinaCloud']);
    expect(inputs['image']?.default).toMatch(/^node:\d+\.\d+\.\d+-/);
    for (const input of Object.values(inputs)) expect(input.description).toMatch(/\S/);
  });

  test('id_tokens asks for the audience input; the CLI is pinned to this release; nothing is handed to other jobs', () => {
    const jobs = interpolate({
      client_id: GITLAB_APP,
      tenant_id: 'contoso.onmicrosoft.com',
      audience: 'api://custom',
      stage: 'release',
    });
    expect(Object.keys(jobs)).toEqual(['.entra-federate']);
    const job = jobs['.entra-federate'];
    expect(job?.id_tokens).toEqual({ GITLAB_OIDC_TOKEN: { aud: 'api://custom' } });
    expect(job?.stage).toBe('release');
    expect(job?.variables['ENTRA_FEDERATE_VERSION']).toBe(PACKAGE_VERSION);
    expect(job?.variables['AZURE_CLIENT_ID']).toBe(GITLAB_APP);
    // No dotenv report or other artifact: they are downloadable from the pipeline page.
    expect(job?.artifacts).toBeUndefined();
    expect(text).not.toMatch(/^\s*dotenv:/m);
    expect(job?.before_script.join('\n')).not.toMatch(/\bnpx\b|npm (install|i|exec)\b|set -x|curl|wget/);
  });

  test('GitLab would refuse a missing client id or an unknown cloud', () => {
    expect(() => interpolate({ tenant_id: 'x' })).toThrow('`client_id` input: required value has not been provided');
    expect(() => interpolate({ client_id: 'x', tenant_id: 'x', cloud: 'Mars' })).toThrow(
      'not in the list of allowed options',
    );
  });
});

describe('a job extending it, run against the sandbox', () => {
  test("bash: the pinned CLI, two scopes exported into the job's shell and used by its script", async () => {
    const run = await runJob(
      'bash',
      { client_id: GITLAB_APP, tenant_id: sandbox.tenantId, scopes: `https://management.azure.com/.default,${VAULT}` },
      [
        audienceCheck('AZURE_ACCESS_TOKEN', 'https://management.azure.com'),
        audienceCheck('AZURE_ACCESS_TOKEN_VAULT_AZURE_NET', 'https://vault.azure.net'),
      ],
    );
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('entra-federate: AZURE_ACCESS_TOKEN  https://management.azure.com/.default');
    expect(run.stdout).toContain(
      'entra-federate: AZURE_ACCESS_TOKEN_VAULT_AZURE_NET  https://vault.azure.net/.default',
    );
    expect(run.stdout).toContain('AZURE_ACCESS_TOKEN_VAULT_AZURE_NET is for https://vault.azure.net');
    expect(readFileSync(npmLog, 'utf8').trim().split('\n')).toEqual([
      expect.stringMatching(new RegExp(` entra-federate@${PACKAGE_VERSION.replace(/\./g, '\\.')}$`)),
    ]);
    const sent = sandbox.requests.filter((r) => r.target === 'token' && r.form?.['client_id'] === GITLAB_APP);
    expect(sent.slice(-2).map((r) => r.status)).toEqual([200, 200]);
  });

  test('POSIX sh (alpine images): the same, with a local CLI', async () => {
    const run = await runJob(
      'sh',
      { client_id: GITLAB_APP, tenant_id: sandbox.tenantId },
      [audienceCheck('AZURE_ACCESS_TOKEN', 'https://management.azure.com')],
      { ENTRA_FEDERATE_CLI: CLI },
    );
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('AZURE_ACCESS_TOKEN is for https://management.azure.com');
  });

  test("an audience the FIC does not hold: Entra's message and the doctor; the script does not run", async () => {
    const run = await runJob(
      'bash',
      { client_id: GITLAB_APP, tenant_id: sandbox.tenantId, audience: 'https://gitlab.com' },
      ['echo SCRIPT-RAN'],
      { ENTRA_FEDERATE_CLI: CLI },
    );
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/AADSTS70021|AADSTS700212/);
    expect(run.stderr).toContain('audience:       https://gitlab.com');
    expect(run.stderr).toContain('entra-federate doctor:');
    expect(run.stdout).not.toContain('SCRIPT-RAN');
  });

  test('no ID token (id_tokens overridden away): the CLI says which YAML to add', async () => {
    const run = await runJob('sh', { client_id: GITLAB_APP, tenant_id: sandbox.tenantId }, ['echo SCRIPT-RAN'], {
      ENTRA_FEDERATE_CLI: CLI,
      GITLAB_OIDC_TOKEN: '',
    });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('id_tokens: GITLAB_OIDC_TOKEN: aud: api://AzureADTokenExchange');
    expect(run.stdout).not.toContain('SCRIPT-RAN');
  });

  test('two scopes with one variable name: exit 2 before any exchange', async () => {
    const before = sandbox.requests.filter((r) => r.target === 'token').length;
    const run = await runJob(
      'bash',
      {
        client_id: GITLAB_APP,
        tenant_id: sandbox.tenantId,
        scopes: `https://management.azure.com/.default,${VAULT},api://vault.azure.net/.default`,
      },
      [],
      { ENTRA_FEDERATE_CLI: CLI },
    );
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('cannot be exported as AZURE_ACCESS_TOKEN_VAULT_AZURE_NET');
    expect(sandbox.requests.filter((r) => r.target === 'token').length).toBe(before);
    expect(existsSync(join(run.dir, 'tmp', 'entra-federate'))).toBe(false);
  });
});

test('no token in any job log', () => {
  expect(leaks.checkAll()).toBeGreaterThanOrEqual(5);
});
