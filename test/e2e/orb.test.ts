/**
 * The CircleCI orb: packed from orbs/src by orbs/pack.mjs (as `circleci orb pack` would), its
 * structure checked, and its `login` command run the way CircleCI runs a step: the command's
 * `environment:` rendered from the parameters, the command in `bash -eo pipefail`, with the
 * job's CircleCI variables, $BASH_ENV, a `circleci` that mints tokens from the sandbox, and this
 * repository's release files on a loopback host (ENTRA_FEDERATE_DOWNLOAD_BASE) for the orb's
 * installer, pinned to them by the release script's writer. What a later step sees is
 * read by sourcing $BASH_ENV; no token may appear in the step's output.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { createSelfSignedCertificate, startSandbox } from '../../src/sandbox/index.js';
import type { Sandbox } from '../../src/sandbox/index.js';
import { CLI, ROOT, baseEnv } from './run.js';
import type { ProcessResult } from './run.js';
import { AUDIENCE, CIRCLECI, CIRCLE_ORG, FAKE_BIN, LeakCheck, ciClaims, fakeToolEnv } from '../helpers/providers.js';
import {
  PACKAGE_VERSION,
  accessTokenAudience,
  jwtParts,
  localPackage,
  runShell,
  sourcedVariables,
} from '../helpers/packages.js';
import { pinned, pinsOf, serveRelease } from '../helpers/release.js';
import type { ReleaseServer } from '../helpers/release.js';

const PACK = join(ROOT, 'orbs/pack.mjs');
const ORB_APP = '8a1b2c3d-4e5f-4a6b-9c7d-8e9f0a1b2c3d';
const ORG_AUDIENCE_APP = 'c04d5e6f-7081-4d9e-8f0a-1b2c3d4e5f60';
const V1_ONLY_APP = '9b2c3d4e-5f60-4b7c-8d8e-9f0a1b2c3d4e';
const CERT_APP = 'ab3c4d5e-6f70-4c8d-9e9f-0a1b2c3d4e5f';
const VAULT = 'https://vault.azure.net/.default';

interface Parameter {
  type: string;
  default?: unknown;
  enum?: string[];
}
interface RunStep {
  run: { name: string; command: string; environment: Record<string, string> };
}
interface Orb {
  version: number;
  commands: Record<string, { parameters: Record<string, Parameter>; steps: RunStep[] }>;
  jobs: Record<
    string,
    { parameters: Record<string, Parameter>; executor: { name: string; tag: string }; steps: Record<string, unknown>[] }
  >;
  executors: Record<string, { parameters: Record<string, Parameter>; docker: { image: string }[] }>;
  examples: Record<string, { description: string; usage: { orbs: Record<string, string> } }>;
}

let sandbox: Sandbox;
let root: string;
let orb: Orb;
let release: ReleaseServer;
let pins: Record<string, string>;
const TGZ = `entra-federate-${PACKAGE_VERSION}.tgz`;
let certificatePem: string;
const leaks = new LeakCheck();

beforeAll(async () => {
  const cert = createSelfSignedCertificate({ commonName: 'entra-federate orb test' });
  certificatePem = `${cert.keyPem}${cert.certPem}`;
  leaks.addPrivateKey(cert.keyPem);
  sandbox = await startSandbox({
    config: {
      issuers: [{ issuer: CIRCLECI.issuer }],
      apps: [
        {
          clientId: ORB_APP,
          federatedCredentials: [{ issuer: CIRCLECI.issuer, subject: CIRCLECI.subjectV2, audiences: [AUDIENCE] }],
        },
        // Entra takes one FIC per issuer and subject in an app: the organization audience needs its own app.
        {
          clientId: ORG_AUDIENCE_APP,
          federatedCredentials: [{ issuer: CIRCLECI.issuer, subject: CIRCLECI.subjectV2, audiences: [CIRCLE_ORG] }],
        },
        {
          clientId: V1_ONLY_APP,
          federatedCredentials: [{ issuer: CIRCLECI.issuer, subject: CIRCLECI.subjectV1, audiences: [AUDIENCE] }],
        },
        { clientId: CERT_APP, certificates: [cert.certPem] },
      ],
    },
  });
  root = mkdtempSync(join(tmpdir(), 'ef-orb-'));
  const files = { [TGZ]: localPackage(join(root, 'pack')) };
  pins = pinsOf(files);
  release = await serveRelease(files);
  const packed = spawnSync(process.execPath, [PACK], { cwd: ROOT, encoding: 'utf8' });
  if (packed.status !== 0) throw new Error(`orb pack failed:\n${packed.stderr}`);
  orb = parseYaml(packed.stdout) as Orb;
});
afterAll(async () => {
  await Promise.all([sandbox.close(), release.close()]);
  rmSync(root, { recursive: true, force: true });
});

/** CircleCI's parameter substitution for a command's step: given values, else defaults. */
function renderStep(command: string, given: Record<string, string>): RunStep['run'] {
  const spec = orb.commands[command];
  if (spec === undefined) throw new Error(`no command ${command}`);
  for (const name of Object.keys(given))
    if (!(name in spec.parameters)) throw new Error(`${command} has no parameter ${name}`);
  const value = (name: string) => {
    const p = spec.parameters[name];
    if (p === undefined) throw new Error(`undeclared parameter ${name}`);
    return given[name] ?? String(p.default ?? '');
  };
  const step = spec.steps[0]?.run;
  if (step === undefined) throw new Error('no run step');
  const environment = Object.fromEntries(
    Object.entries(step.environment).map(([k, v]) => [
      k,
      String(v).replace(/<<\s*parameters\.([a-z_]+)\s*>>/g, (_m, n: string) => value(n)),
    ]),
  );
  return { ...step, environment };
}

/** The CircleCI tokens a job starts with: audience = the organization id. */
function jobTokens(subject = CIRCLECI.subjectV2): Record<string, string> {
  const claims = ciClaims({ ...CIRCLECI.claims, sub: subject });
  const v2 = sandbox.mintIdToken({ issuer: CIRCLECI.issuer, audience: CIRCLE_ORG, claims });
  const v1 = sandbox.mintIdToken({
    issuer: CIRCLECI.issuer,
    audience: CIRCLE_ORG,
    claims: { ...claims, sub: CIRCLECI.subjectV1 },
  });
  leaks.add(...jwtParts(v1, v2));
  return { CIRCLE_OIDC_TOKEN_V2: v2, CIRCLE_OIDC_TOKEN: v1 };
}

let runs = 0;
interface StepRun extends ProcessResult {
  bashEnv: string;
  later: Record<string, string>;
  mintLog: string;
  tmp: string;
}

/** Runs `login` as a CircleCI step, then reads what the next step would see. */
async function loginStep(
  params: Record<string, string>,
  extra: Record<string, string> = {},
  subject = CIRCLECI.subjectV2,
): Promise<StepRun> {
  const dir = join(root, `job-${++runs}`);
  const tmp = join(dir, 'tmp');
  mkdirSync(tmp, { recursive: true });
  const bashEnv = join(dir, 'bash_env');
  writeFileSync(bashEnv, 'export EARLIER_STEP=1\n');
  const mintLog = join(dir, 'circleci.log');
  const step = renderStep('login', { authority_host: sandbox.authorityHost, ...params });
  // The orb's installer, pinned to the files the loopback host serves.
  step.environment['EF_INSTALLER'] = pinned(step.environment['EF_INSTALLER'] ?? '', PACKAGE_VERSION, pins);
  const script = join(dir, 'step.sh');
  writeFileSync(script, step.command);
  const tools = fakeToolEnv(sandbox, CIRCLECI.issuer, ciClaims({ ...CIRCLECI.claims, sub: subject }), mintLog);
  const env = baseEnv({
    ...CIRCLECI.env,
    ...jobTokens(subject),
    ...tools,
    PATH: [FAKE_BIN, process.env['PATH'] ?? '/usr/bin:/bin'].join(delimiter),
    ENTRA_FEDERATE_DOWNLOAD_BASE: release.base,
    HOME: join(dir, 'home'),
    TMPDIR: tmp,
    BASH_ENV: bashEnv,
    AZURE_CLIENT_ID: ORB_APP,
    AZURE_TENANT_ID: sandbox.tenantId,
    ...step.environment,
    ...extra,
  });
  const result = leaks.record(
    `orb login ${runs}`,
    await runShell(['bash', '-eo', 'pipefail'], script, env, { cwd: dir }),
  );
  const later = sourcedVariables(bashEnv, baseEnv());
  for (const [name, value] of Object.entries(later))
    if (name.startsWith('AZURE_ACCESS_TOKEN') && name !== 'AZURE_ACCESS_TOKEN_EXPIRES_ON')
      leaks.add(...jwtParts(value));
  return { ...result, bashEnv, later, mintLog: existsSync(mintLog) ? readFileSync(mintLog, 'utf8') : '', tmp };
}

describe('pack', () => {
  test('assembles commands, jobs, executors and examples, with the script inlined', () => {
    expect(orb.version).toBe(2.1);
    expect(Object.keys(orb.commands)).toEqual(['login']);
    expect(Object.keys(orb.jobs)).toEqual(['run']);
    expect(Object.keys(orb.executors)).toEqual(['default']);
    expect(Object.keys(orb.examples).sort()).toEqual(['access_token', 'azure_cli', 'azure_sdk', 'certificate']);
    const step = orb.commands['login']?.steps[0]?.run;
    expect(step?.command).toBe(readFileSync(join(ROOT, 'orbs/src/scripts/login.sh'), 'utf8'));
    expect(step?.name).toMatch(/\S/);
  });

  test("parameters: snake_case, the issue's names, secrets as env_var_name", () => {
    const params = orb.commands['login']?.parameters ?? {};
    for (const name of ['client_id', 'tenant_id', 'scopes', 'audience', 'cloud', 'export'])
      expect(params).toHaveProperty(name);
    expect(params['certificate']?.type).toBe('env_var_name');
    expect(params['client_secret']?.type).toBe('env_var_name');
    expect(params['cloud']?.enum).toEqual(['AzureCloud', 'AzureUSGovernment', 'AzureChinaCloud']);
    for (const name of Object.keys(params)) expect(name).toMatch(/^[a-z][a-z0-9_]*$/);
  });

  test('the CLI is pinned to the package version; the executor image to a tag', () => {
    expect(orb.commands['login']?.steps[0]?.run.environment['EF_VERSION']).toBe(PACKAGE_VERSION);
    const executor = orb.executors['default'];
    expect(executor?.docker[0]?.image).toBe('cimg/node:<< parameters.tag >>');
    expect(executor?.parameters['tag']?.default).toMatch(/^\d+\.\d+$/);
    // The script fetches nothing itself (no npx, no npm, no unpinned download): the inlined
    // installer, scripts/install.sh as it is, does, and verifies what it fetched.
    const script = readFileSync(join(ROOT, 'orbs/src/scripts/login.sh'), 'utf8');
    expect(script).not.toMatch(/\bnpx\b|\bnpm\b|curl|wget/);
    expect(orb.commands['login']?.steps[0]?.run.environment['EF_INSTALLER']).toBe(
      readFileSync(join(ROOT, 'scripts/install.sh'), 'utf8'),
    );
  });

  test("the job passes its parameters to login and runs the user's steps after it", () => {
    const job = orb.jobs['run'];
    expect(job?.executor.name).toBe('default');
    const login = job?.steps.find((s) => 'login' in s)?.['login'] as Record<string, string>;
    for (const [name, value] of Object.entries(login)) {
      expect(value).toBe(`<< parameters.${name} >>`);
      expect(job?.parameters[name]?.type).toBe(orb.commands['login']?.parameters[name]?.type);
    }
    expect(job?.steps.at(-1)).toEqual({ steps: '<< parameters.steps >>' });
  });

  test('examples import this orb at the current version', () => {
    const [major, minor] = PACKAGE_VERSION.split('.');
    for (const example of Object.values(orb.examples)) {
      expect(Object.values(example.usage.orbs)).toEqual([`entra-federate/entra-federate@${major}.${minor}`]);
    }
  });

  test('rejects what orb validation and review would', () => {
    const src = join(root, 'broken-src');
    cpSync(join(ROOT, 'orbs/src'), src, { recursive: true });
    const loginYml = join(src, 'commands/login.yml');
    writeFileSync(
      loginYml,
      readFileSync(loginYml, 'utf8')
        .replace(`EF_VERSION: "${PACKAGE_VERSION}"`, 'EF_VERSION: "0.0.9"')
        .replace('<< parameters.audience >>', '<< parameters.audiences >>')
        .replace('<<include(scripts/login.sh)>>', '<<include(scripts/missing.sh)>>'),
    );
    writeFileSync(
      join(src, 'commands/Bad-Name.yml'),
      'description: x\nsteps:\n  - run: echo this inline command is far too long to stay out of a script file, really\n',
    );
    const res = spawnSync(process.execPath, [PACK, src], { encoding: 'utf8' });
    expect(res.status).toBe(1);
    expect(res.stderr).toContain('EF_VERSION 0.0.9 is not the package version');
    expect(res.stderr).toContain('<< parameters.audiences >> is not a declared parameter');
    expect(res.stderr).toContain('parameter audience is declared but never used');
    expect(res.stderr).toContain('included file scripts/missing.sh does not exist');
    expect(res.stderr).toContain('component name "Bad-Name" must be snake_case');
    expect(res.stderr).toContain('a run step needs a name');
  });
});

describe('login, run as a CircleCI step against the sandbox', () => {
  test('default audience: minted with `circleci run oidc get`; the pinned CLI fetched and verified; tokens in $BASH_ENV', async () => {
    const before = release.requests.length;
    const run = await loginStep({ scopes: `https://management.azure.com/.default,${VAULT}` });
    expect(run.stderr).toContain(
      `entra-federate install: entra-federate ${PACKAGE_VERSION} (${TGZ}, SHA-256 verified)`,
    );
    expect(run.code).toBe(0);
    // The CLI is this version's npm package from the release host, and nothing else.
    expect(release.requests.slice(before)).toEqual([TGZ]);
    // Its private directory is gone with the step.
    expect(readdirSync(run.tmp)).toEqual([]);
    // The job's own token has the organization as audience: one was minted for the FIC's, once
    // for both scopes (one login).
    expect(
      run.mintLog
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as { argv: string[] }),
    ).toEqual([{ tool: 'circleci', argv: ['run', 'oidc', 'get', '--claims', JSON.stringify({ aud: AUDIENCE })] }]);
    expect(Object.keys(run.later).sort()).toEqual([
      'AZURE_ACCESS_TOKEN',
      'AZURE_ACCESS_TOKEN_EXPIRES_ON',
      'AZURE_ACCESS_TOKEN_VAULT_AZURE_NET',
      'AZURE_AUTHORITY_HOST',
      'AZURE_CLIENT_ID',
      'AZURE_TENANT_ID',
      'EARLIER_STEP',
    ]);
    expect(accessTokenAudience(run.later['AZURE_ACCESS_TOKEN'] ?? '')).toBe('https://management.azure.com');
    expect(accessTokenAudience(run.later['AZURE_ACCESS_TOKEN_VAULT_AZURE_NET'] ?? '')).toBe('https://vault.azure.net');
    expect(run.later['AZURE_CLIENT_ID']).toBe(ORB_APP);
    expect(run.stdout).toContain('entra-federate: signing in with the CircleCI OIDC token');
    // The CLI's summary (stderr) names what later steps get; the lines went to $BASH_ENV only.
    expect(run.stderr).toContain(
      'exported for shell scripts: AZURE_ACCESS_TOKEN, AZURE_ACCESS_TOKEN_EXPIRES_ON, AZURE_CLIENT_ID, AZURE_TENANT_ID, AZURE_AUTHORITY_HOST, AZURE_ACCESS_TOKEN_VAULT_AZURE_NET',
    );
    expect(run.stderr).toContain('variables written to $BASH_ENV');

    // A second step fetches and verifies again: nothing an earlier step left is ever run.
    const again = await loginStep({}, { HOME: join(root, 'job-1', 'home') });
    expect(again.code).toBe(0);
    expect(release.requests.slice(before)).toEqual([TGZ, TGZ]);
  });

  test('audience = the organization id: $CIRCLE_OIDC_TOKEN_V2 as it is, nothing minted; a local CLI', async () => {
    const run = await loginStep({ client_id: ORG_AUDIENCE_APP, audience: '$CIRCLE_ORGANIZATION_ID', cli: CLI });
    expect(run.stderr).not.toMatch(/error|warning/i);
    expect(run.code).toBe(0);
    expect(run.mintLog).toBe('');
    const sent = sandbox.requests
      .filter((r) => r.target === 'token' && r.form?.['client_id'] === ORG_AUDIENCE_APP)
      .at(-1);
    expect(sent?.status).toBe(200);
    expect(accessTokenAudience(run.later['AZURE_ACCESS_TOKEN'] ?? '')).toBe('https://management.azure.com');
  });

  test("a subject the FIC does not hold: the step fails with Entra's message and the doctor; $BASH_ENV untouched", async () => {
    const run = await loginStep({ client_id: V1_ONLY_APP, cli: CLI });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/AADSTS70021/);
    expect(run.stderr).toContain(`subject:        ${CIRCLECI.subjectV2}`);
    expect(run.stderr).toContain('entra-federate doctor:');
    expect(readFileSync(run.bashEnv, 'utf8')).toBe('export EARLIER_STEP=1\n');
  });

  test('bad input: exit 2 with what to change, nothing sent', async () => {
    const before = sandbox.requests.filter((r) => r.target === 'token').length;
    const run = await loginStep({ client_id: 'not-a-guid', cli: CLI });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('is not a GUID');
    expect(sandbox.requests.filter((r) => r.target === 'token').length).toBe(before);
  });

  test('two scopes with one variable name: exit 2 from the CLI before any exchange; $BASH_ENV untouched', async () => {
    const before = sandbox.requests.filter((r) => r.target === 'token').length;
    const run = await loginStep({
      scopes: `${VAULT},https://management.azure.com/.default,api://management.azure.com`,
      cli: CLI,
    });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('would be exported as AZURE_ACCESS_TOKEN_MANAGEMENT_AZURE_COM');
    expect(sandbox.requests.filter((r) => r.target === 'token').length).toBe(before);
    expect(readFileSync(run.bashEnv, 'utf8')).toBe('export EARLIER_STEP=1\n');
  });

  test('certificate instead of the OIDC token (base64 PEM in a variable): works, and no file is left', async () => {
    const run = await loginStep(
      { client_id: CERT_APP, certificate: 'AZURE_CERTIFICATE_PEM', cli: CLI },
      { AZURE_CERTIFICATE_PEM: Buffer.from(certificatePem).toString('base64') },
    );
    expect(run.stderr).not.toMatch(/error|warning/i);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('signing in with the certificate in $AZURE_CERTIFICATE_PEM');
    expect(readdirSync(run.tmp)).toEqual([]);
    const sent = sandbox.requests.filter((r) => r.target === 'token' && r.form?.['client_id'] === CERT_APP).at(-1);
    expect(sent?.status).toBe(200);
    expect(run.mintLog).toBe('');
    expect(accessTokenAudience(run.later['AZURE_ACCESS_TOKEN'] ?? '')).toBe('https://management.azure.com');
  });

  test("export env: the CLI's hand-off adds the Azure SDK variables to $BASH_ENV as well", async () => {
    const run = await loginStep({ export: 'env', cli: CLI });
    expect(run.code).toBe(0);
    expect(run.later['AZURE_ACCESS_TOKEN']).toMatch(/^eyJ/);
    expect(run.later['AZURE_CLIENT_ID']).toBe(ORB_APP);
    expect(run.later['AZURE_AUTHORITY_HOST']).toBe(sandbox.authorityHost);
    const file = run.later['AZURE_FEDERATED_TOKEN_FILE'] ?? '';
    expect(existsSync(file)).toBe(true);
    const idToken = readFileSync(file, 'utf8');
    leaks.add(...jwtParts(idToken));
    // A CircleCI token for the FIC's audience, which SDKs exchange themselves.
    expect(
      JSON.parse(Buffer.from(idToken.split('.')[1] ?? '', 'base64url').toString()) as Record<string, unknown>,
    ).toMatchObject({ iss: CIRCLECI.issuer, aud: AUDIENCE });
  });

  test('$BASH_ENV lines are the only place a token is written', async () => {
    const run = await loginStep({ cli: CLI });
    expect(run.code).toBe(0);
    const token = run.later['AZURE_ACCESS_TOKEN'] ?? '';
    const files = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
        e.isDirectory() ? files(join(dir, e.name)) : [join(dir, e.name)],
      );
    const holders = files(join(root, `job-${runs}`)).filter((f) => readFileSync(f, 'latin1').includes(token));
    expect(holders).toEqual([run.bashEnv]);
  });
});

test('no token, key or secret in any step output', () => {
  expect(leaks.checkAll()).toBeGreaterThanOrEqual(7);
});
