/**
 * The GitLab CI/CD component (templates/login.yml): both YAML documents parsed, the inputs
 * interpolated as GitLab does, and a job that extends the hidden job run the way a runner runs
 * it: variables and the id_tokens token in the environment, before_script then script in one
 * shell (bash with `set -eo pipefail`, and POSIX sh for alpine images), against the sandbox
 * posing as https://gitlab.com, with this repository's release files on a loopback host
 * (ENTRA_FEDERATE_DOWNLOAD_BASE) for the inlined installer, pinned to them by the release
 * script's writer. One job runs under `env -i` with sh, coreutils and curl and no node: the
 * installer fetches the standalone binary. No token may appear in the job log.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { startSandbox } from '../../src/sandbox/index.js';
import type { Sandbox } from '../../src/sandbox/index.js';
import { CLI, ROOT, baseEnv } from './run.js';
import type { ProcessResult } from './run.js';
import { AUDIENCE, GITLAB, LeakCheck, ciClaims } from '../helpers/providers.js';
import { BINARY_NAME, BUILD_TIMEOUT_MS, CAN_BUILD_BINARY, buildBinary, toolDir } from '../helpers/binary.js';
import { PACKAGE_VERSION, jwtParts, localPackage, runShell } from '../helpers/packages.js';
import { pinned, pinsOf, serveRelease } from '../helpers/release.js';
import type { ReleaseServer } from '../helpers/release.js';

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
function interpolate(given: Record<string, string>, source = body): Record<string, Job> {
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
  const rendered = source.replace(/\$\[\[\s*inputs\.([a-z_]+)\s*\]\]/g, (_m, name: string) => {
    const value = values[name];
    if (value === undefined) throw new Error(`unknown interpolation key: \`${name}\``);
    return value;
  });
  return parseAllDocuments(rendered)[0]?.toJS() as Record<string, Job>;
}

let sandbox: Sandbox;
let root: string;
let release: ReleaseServer;
/** The component's body with its installer pinned to the files the loopback host serves. */
let pinnedBody: string;
const TGZ = `entra-federate-${PACKAGE_VERSION}.tgz`;
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
  const files: Record<string, string> = { [TGZ]: localPackage(join(root, 'pack')) };
  if (CAN_BUILD_BINARY) files[BINARY_NAME] = await buildBinary();
  release = await serveRelease(files);
  pinnedBody = pinned(body, PACKAGE_VERSION, pinsOf(files));
}, BUILD_TIMEOUT_MS);
afterAll(async () => {
  await Promise.all([sandbox.close(), release.close()]);
  rmSync(root, { recursive: true, force: true });
});

/** A user's job: `extends: .entra-federate` plus their script, run in one shell like the runner. */
async function runJob(
  shell: 'bash' | 'sh',
  inputs: Record<string, string>,
  script: string[],
  extra: Record<string, string> = {},
  /** The job's whole environment is this PATH and the job's own variables (env -i). */
  bare?: { path: string },
): Promise<ProcessResult & { dir: string }> {
  const job = interpolate(inputs, pinnedBody)['.entra-federate'];
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
  const jobEnv = {
    ...GITLAB.env,
    CI_PROJECT_DIR: dir,
    CI_SERVER_FQDN: 'gitlab.com',
    TMPDIR: tmp,
    ...job.variables,
    ...idTokens,
    // Project CI/CD variables: the sandbox stands in for login.microsoftonline.com, the loopback
    // host for the GitHub release.
    AZURE_AUTHORITY_HOST: sandbox.authorityHost,
    ENTRA_FEDERATE_DOWNLOAD_BASE: release.base,
    ...extra,
  };
  const env =
    bare === undefined
      ? baseEnv({ PATH: process.env['PATH'] ?? '/usr/bin:/bin', ...jobEnv })
      : { PATH: bare.path, HOME: dir, ...jobEnv };
  const result = leaks.record(`gitlab job ${dir}`, await runShell([`/bin/${shell}`], file, env, { cwd: dir }));
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
    // The installer is scripts/install.sh as it is, between its markers; the rest fetches nothing.
    const [installer, signIn] = job?.before_script ?? [];
    expect(installer).toMatch(/^# BEGIN entra-federate install\.sh .*\n/);
    expect(installer?.replace(/^# BEGIN [^\n]*\n/, '').replace(/# END entra-federate install\.sh\n$/, '')).toBe(
      readFileSync(join(ROOT, 'scripts/install.sh'), 'utf8'),
    );
    // Then one line: the CLI names the variables; no naming rule or loop over scopes in shell.
    expect(signIn).toBe(
      'eval "$("$ENTRA_FEDERATE" login --export shell --scope "$ENTRA_FEDERATE_SCOPES" --audience "$ENTRA_FEDERATE_AUDIENCE" --cloud "$ENTRA_FEDERATE_CLOUD")"',
    );
    expect(text).not.toMatch(/AZURE_ACCESS_TOKEN_\$|tr -cs|for ef_scope/);
    expect(job?.before_script).toHaveLength(2);
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
    const before = release.requests.length;
    const run = await runJob(
      'bash',
      { client_id: GITLAB_APP, tenant_id: sandbox.tenantId, scopes: `https://management.azure.com/.default,${VAULT}` },
      [
        audienceCheck('AZURE_ACCESS_TOKEN', 'https://management.azure.com'),
        audienceCheck('AZURE_ACCESS_TOKEN_VAULT_AZURE_NET', 'https://vault.azure.net'),
      ],
    );
    expect(run.stderr).toContain(
      `entra-federate install: entra-federate ${PACKAGE_VERSION} (${TGZ}, SHA-256 verified) is $ENTRA_FEDERATE=${join(run.dir, 'tmp')}/${/entra-federate\.\w{8}/.exec(run.stderr)?.[0]}/package/dist/cli/index.js\n`,
    );
    expect(run.code).toBe(0);
    expect(readdirSync(join(run.dir, 'tmp'))).toEqual([]);
    // The login's summary (stderr) names what the shell got; the lines themselves went to eval.
    expect(run.stderr).toContain(
      'exported for shell scripts: AZURE_ACCESS_TOKEN, AZURE_ACCESS_TOKEN_EXPIRES_ON, AZURE_CLIENT_ID, AZURE_TENANT_ID, AZURE_AUTHORITY_HOST, AZURE_ACCESS_TOKEN_VAULT_AZURE_NET',
    );
    expect(run.stdout).not.toContain('export ');
    expect(run.stdout).toContain('AZURE_ACCESS_TOKEN_VAULT_AZURE_NET is for https://vault.azure.net');
    expect(release.requests.slice(before)).toEqual([TGZ]);
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
    expect(run.stderr).toMatch(
      /^entra-federate install: using ENTRA_FEDERATE_CLI=\S+ as it is \(your own installation: not downloaded, not verified\)\.\n/,
    );
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('AZURE_ACCESS_TOKEN is for https://management.azure.com');
  });

  test.skipIf(!CAN_BUILD_BINARY)(
    'env -i with sh, coreutils and curl, no node: the installer fetches the standalone binary; the script has credentials',
    async () => {
      const before = release.requests.length;
      const bin = toolDir(mkdtempSync(join(root, 'bare-bin-')), [
        ...['sh', 'curl', 'sed'],
        ...['sha256sum', 'mktemp', 'rm', 'rmdir', 'cp', 'mv', 'chmod', 'ls', 'id', 'uname', 'tr', 'cut', 'base64'],
      ]);
      // A stand-in for ARM: answers only a bearer token whose audience is ARM's.
      const arm = createServer((req, res) => {
        const token = /^Bearer (\S+)$/.exec(req.headers.authorization ?? '')?.[1] ?? '';
        let aud: unknown;
        try {
          aud = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')).aud;
        } catch {
          aud = undefined;
        }
        res.writeHead(aud === 'https://management.azure.com' ? 200 : 401, { 'content-type': 'text/plain' });
        res.end(aud === 'https://management.azure.com' ? 'ARM: subscriptions listed\n' : 'unauthorized\n');
      });
      await new Promise<void>((resolve) => arm.listen(0, '127.0.0.1', resolve));
      const armUrl = `http://127.0.0.1:${(arm.address() as AddressInfo).port}/subscriptions`;
      const run = await runJob(
        'sh',
        {
          client_id: GITLAB_APP,
          tenant_id: sandbox.tenantId,
          scopes: `https://management.azure.com/.default,${VAULT}`,
        },
        [
          'if command -v node; then echo HAS-NODE; fi',
          `curl -fsS -H "Authorization: Bearer $AZURE_ACCESS_TOKEN" ${armUrl}`,
          ...[
            ['AZURE_ACCESS_TOKEN', 'https://management.azure.com'],
            ['AZURE_ACCESS_TOKEN_VAULT_AZURE_NET', 'https://vault.azure.net'],
          ].map(
            ([name, aud]) =>
              `aud=$(printf %s "$${name}" | cut -d. -f2 | tr _- /+ | base64 -d 2>/dev/null | sed 's/.*"aud":"\\([^"]*\\)".*/\\1/'); [ "$aud" = ${aud} ] && echo "${name} is for $aud"`,
          ),
        ],
        {},
        { path: bin },
      );
      expect(run.stderr).toContain(`(${BINARY_NAME}, SHA-256 verified)`);
      expect(run.code).toBe(0);
      await new Promise((resolve) => arm.close(resolve));
      expect(run.stdout).not.toContain('HAS-NODE');
      expect(run.stdout).toContain('ARM: subscriptions listed');
      expect(run.stdout).toContain('AZURE_ACCESS_TOKEN is for https://management.azure.com');
      expect(run.stdout).toContain('AZURE_ACCESS_TOKEN_VAULT_AZURE_NET is for https://vault.azure.net');
      expect(release.requests.slice(before)).toEqual([BINARY_NAME]);
      expect(readdirSync(join(run.dir, 'tmp'))).toEqual([]);
    },
    120_000,
  );

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
    expect(run.stderr).toContain('would be exported as AZURE_ACCESS_TOKEN_VAULT_AZURE_NET');
    expect(sandbox.requests.filter((r) => r.target === 'token').length).toBe(before);
    expect(readdirSync(join(run.dir, 'tmp'))).toEqual([]);
  });
});

test('no token in any job log', () => {
  expect(leaks.checkAll()).toBeGreaterThanOrEqual(5);
});
