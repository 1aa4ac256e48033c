/**
 * The Drone/Harness plugin entry (dist/drone/index.js) as the runner starts it: a process with
 * PLUGIN_* settings, DRONE_* variables and the workspace as working directory, against the
 * sandbox. Checks the env file later steps source (0600, quoting, one variable per scope), the
 * Harness output files, the errors a user can cause, and that no token reaches the log. There
 * is no Docker engine here: the image is checked by reading its Dockerfile.
 */
import {
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { createSelfSignedCertificate, startSandbox } from '../../src/sandbox/index.js';
import type { Sandbox } from '../../src/sandbox/index.js';
import { shellQuote } from '../../src/core/text.js';
import { ROOT, baseEnv, runNode } from './run.js';
import type { ProcessResult } from './run.js';
import { AUDIENCE, DRONE_ENV, HARNESS, LeakCheck, ciClaims } from '../helpers/providers.js';
import { accessTokenAudience, jwtParts, sourcedVariables } from '../helpers/packages.js';

const ENTRY = join(ROOT, 'dist/drone/index.js');
const CERT_APP = '5d1c2b3a-4e5f-4a6b-8c7d-9e0f1a2b3c4d';
const SECRET_APP = '6e2d3c4b-5f60-4b7c-9d8e-0f1a2b3c4d5e';
const HARNESS_APP = '7f3e4d5c-6071-4c8d-8e9f-1a2b3c4d5e6f';
const CLIENT_SECRET = 'drone-plugin-secret-7c1e9a4b2d';
const VAULT = 'https://vault.azure.net/.default';
const MANAGEMENT = 'https://management.azure.com/.default';

let sandbox: Sandbox;
let root: string;
let certificatePem: string;
const leaks = new LeakCheck();

beforeAll(async () => {
  const cert = createSelfSignedCertificate({ commonName: 'entra-federate drone test' });
  certificatePem = `${cert.keyPem}${cert.certPem}`;
  leaks.addPrivateKey(cert.keyPem);
  leaks.add(CLIENT_SECRET);
  sandbox = await startSandbox({
    config: {
      issuers: [{ issuer: HARNESS.issuer }],
      apps: [
        { clientId: CERT_APP, certificates: [cert.certPem] },
        { clientId: SECRET_APP, secrets: [CLIENT_SECRET] },
        {
          clientId: HARNESS_APP,
          federatedCredentials: [{ issuer: HARNESS.issuer, subject: HARNESS.subject, audiences: [AUDIENCE] }],
        },
      ],
    },
  });
  root = mkdtempSync(join(tmpdir(), 'ef-drone-'));
});
afterAll(async () => {
  await sandbox.close();
  rmSync(root, { recursive: true, force: true });
});

let steps = 0;
interface Step extends ProcessResult {
  workspace: string;
  envFile: string;
}

/** Runs the plugin as a Drone step: settings as PLUGIN_*, the workspace as cwd. */
async function plugin(settings: Record<string, string>, extra: Record<string, string | undefined> = {}): Promise<Step> {
  const workspace = join(root, `ws-${++steps}`);
  mkdirSync(workspace, { recursive: true });
  const given: Record<string, string> = {};
  for (const [key, value] of Object.entries(settings)) given[`PLUGIN_${key.toUpperCase()}`] = value;
  const env = baseEnv({
    ...DRONE_ENV,
    DRONE_WORKSPACE: workspace,
    PLUGIN_AUTHORITY_HOST: sandbox.authorityHost,
    PLUGIN_TENANT_ID: sandbox.tenantId,
    ...given,
    ...extra,
  });
  const result = leaks.record(`drone step ${steps}`, await runNode(ENTRY, [], { env, cwd: workspace }));
  return { ...result, workspace, envFile: join(workspace, '.entra-federate/env') };
}

function tokenRequests(clientId: string) {
  return sandbox.requests.filter((r) => r.target === 'token' && r.form?.['client_id'] === clientId);
}

describe('Drone (no OIDC): certificate from a secret', () => {
  test('two scopes: an env file later steps source, one variable per scope, 0600', async () => {
    const before = tokenRequests(CERT_APP).length;
    const step = await plugin({ client_id: CERT_APP, certificate: certificatePem, scopes: `${MANAGEMENT},${VAULT}` });
    expect(step.stderr).toBe('');
    expect(step.code).toBe(0);

    expect(statSync(step.envFile).mode & 0o777).toBe(0o600);
    expect(statSync(join(step.workspace, '.entra-federate')).mode & 0o777).toBe(0o700);
    const vars = sourcedVariables(step.envFile, baseEnv());
    expect(Object.keys(vars).sort()).toEqual([
      'AZURE_ACCESS_TOKEN',
      'AZURE_ACCESS_TOKEN_EXPIRES_ON',
      'AZURE_ACCESS_TOKEN_VAULT_AZURE_NET',
      'AZURE_AUTHORITY_HOST',
      'AZURE_CLIENT_ID',
      'AZURE_TENANT_ID',
    ]);
    leaks.add(...jwtParts(vars['AZURE_ACCESS_TOKEN'] ?? '', vars['AZURE_ACCESS_TOKEN_VAULT_AZURE_NET'] ?? ''));
    expect(accessTokenAudience(vars['AZURE_ACCESS_TOKEN'] ?? '')).toBe('https://management.azure.com');
    expect(accessTokenAudience(vars['AZURE_ACCESS_TOKEN_VAULT_AZURE_NET'] ?? '')).toBe('https://vault.azure.net');
    expect(vars['AZURE_CLIENT_ID']).toBe(CERT_APP);
    expect(vars['AZURE_TENANT_ID']).toBe(sandbox.tenantId);
    const expires = Date.parse(vars['AZURE_ACCESS_TOKEN_EXPIRES_ON'] ?? '');
    expect(vars['AZURE_ACCESS_TOKEN_EXPIRES_ON']).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(Math.abs(expires - (Date.now() + 3599_000))).toBeLessThan(60_000);

    // Both exchanges used a signed client assertion, never a secret.
    const sent = tokenRequests(CERT_APP).slice(before);
    expect(sent.map((r) => r.form?.['scope']).sort()).toEqual([MANAGEMENT, VAULT]);
    for (const r of sent) {
      expect(r.status).toBe(200);
      expect(r.form?.['client_assertion_type']).toBe('urn:ietf:params:oauth:client-assertion-type:jwt-bearer');
      expect(r.form?.['client_secret']).toBeUndefined();
    }
    // The log names what was written, never a value.
    expect(step.stdout).toContain(`signed in as client ${CERT_APP}`);
    expect(step.stdout).toContain(
      `env file:       ${step.envFile} (AZURE_ACCESS_TOKEN, AZURE_ACCESS_TOKEN_EXPIRES_ON, AZURE_CLIENT_ID, AZURE_TENANT_ID, AZURE_AUTHORITY_HOST, AZURE_ACCESS_TOKEN_VAULT_AZURE_NET)`,
    );
  });

  test('a base64-encoded PEM works too (secret stores that keep one line)', async () => {
    const step = await plugin({ client_id: CERT_APP, certificate: Buffer.from(certificatePem).toString('base64') });
    expect(step.code).toBe(0);
    const vars = sourcedVariables(step.envFile, baseEnv());
    leaks.add(...jwtParts(vars['AZURE_ACCESS_TOKEN'] ?? ''));
    expect(accessTokenAudience(vars['AZURE_ACCESS_TOKEN'] ?? '')).toBe('https://management.azure.com');
  });

  test("a certificate that is not the app's fails with Entra's message and writes nothing", async () => {
    const other = createSelfSignedCertificate({ commonName: 'not registered' });
    leaks.addPrivateKey(other.keyPem);
    const step = await plugin({ client_id: CERT_APP, certificate: `${other.keyPem}${other.certPem}` });
    expect(step.code).toBe(1);
    expect(step.stderr).toMatch(/AADSTS700027/);
    expect(step.stderr).toContain('what to do:');
    expect(existsSync(step.envFile)).toBe(false);
  });
});

describe('Drone: only the env file holds the token', () => {
  test('no other file in the workspace or the temporary directory has its bytes', async () => {
    const tmp = join(root, 'step-tmp');
    mkdirSync(tmp, { recursive: true });
    const step = await plugin({ client_id: SECRET_APP }, { PLUGIN_CLIENT_SECRET: CLIENT_SECRET, TMPDIR: tmp });
    expect(step.code).toBe(0);
    const token = sourcedVariables(step.envFile, baseEnv())['AZURE_ACCESS_TOKEN'] ?? '';
    leaks.add(...jwtParts(token));
    const files = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
        e.isDirectory() ? files(join(dir, e.name)) : [join(dir, e.name)],
      );
    const holders = [...files(step.workspace), ...files(tmp)].filter((f) =>
      readFileSync(f, 'latin1').includes(token.split('.')[2] ?? token),
    );
    expect(holders).toEqual([step.envFile]);
  });
});

describe('Drone: client secret, and where the file goes', () => {
  test('`output` elsewhere; a planted symlink is replaced, not written through', async () => {
    const dir = join(root, 'shared-volume');
    mkdirSync(dir, { recursive: true });
    const victim = join(root, 'victim.txt');
    writeFileSync(victim, 'untouched\n');
    const output = join(dir, 'azure.env');
    symlinkSync(victim, output);
    const step = await plugin({ client_id: SECRET_APP, output }, { PLUGIN_CLIENT_SECRET: CLIENT_SECRET });
    expect(step.code).toBe(0);
    expect(readFileSync(victim, 'utf8')).toBe('untouched\n');
    expect(lstatSync(output).isFile()).toBe(true);
    expect(statSync(output).mode & 0o777).toBe(0o600);
    const vars = sourcedVariables(output, baseEnv());
    leaks.add(...jwtParts(vars['AZURE_ACCESS_TOKEN'] ?? ''));
    expect(vars['AZURE_CLIENT_ID']).toBe(SECRET_APP);
    expect(tokenRequests(SECRET_APP).at(-1)?.form?.['client_secret']).toBe('[redacted]');
    expect(existsSync(step.envFile)).toBe(false);
  });

  test('a second run replaces the file of the first', async () => {
    const output = join(root, 'rerun.env');
    const first = await plugin({ client_id: SECRET_APP, output }, { PLUGIN_CLIENT_SECRET: CLIENT_SECRET });
    const a = sourcedVariables(output, baseEnv())['AZURE_ACCESS_TOKEN'] ?? '';
    const second = await plugin({ client_id: SECRET_APP, output }, { PLUGIN_CLIENT_SECRET: CLIENT_SECRET });
    const b = sourcedVariables(output, baseEnv())['AZURE_ACCESS_TOKEN'] ?? '';
    leaks.add(...jwtParts(a, b));
    expect([first.code, second.code]).toEqual([0, 0]);
    expect(a).not.toBe(b);
    expect(readFileSync(output, 'utf8').match(/^export AZURE_ACCESS_TOKEN=/gm)).toHaveLength(1);
  });

  test('an output path that cannot be written fails with what to change', async () => {
    const blocker = join(root, 'a-file');
    writeFileSync(blocker, '');
    const step = await plugin(
      { client_id: SECRET_APP, output: join(blocker, 'env') },
      { PLUGIN_CLIENT_SECRET: CLIENT_SECRET },
    );
    expect(step.code).toBe(1);
    expect(step.stderr).toContain('OUTPUT_WRITE_FAILED');
    expect(step.stderr).toContain('`output`');
  });

  test('audit_log is passed on: one JSON line per token, no token bytes', async () => {
    const audit = join(root, 'audit.jsonl');
    const step = await plugin(
      { client_id: SECRET_APP, audit_log: audit, scopes: `${MANAGEMENT}\n${VAULT}` },
      { PLUGIN_CLIENT_SECRET: CLIENT_SECRET },
    );
    expect(step.code).toBe(0);
    const lines = readFileSync(audit, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toHaveLength(2);
    expect(statSync(audit).mode & 0o777).toBe(0o600);
    const vars = sourcedVariables(step.envFile, baseEnv());
    leaks.add(...jwtParts(vars['AZURE_ACCESS_TOKEN'] ?? '', vars['AZURE_ACCESS_TOKEN_VAULT_AZURE_NET'] ?? ''));
    leaks.check('audit log', readFileSync(audit, 'utf8'));
  });
});

describe("Harness: the step's OIDC token in PLUGIN_OIDC_TOKEN_ID", () => {
  function harnessToken(subject = HARNESS.subject): string {
    const token = sandbox.mintIdToken({
      issuer: HARNESS.issuer,
      audience: AUDIENCE,
      claims: ciClaims({ ...HARNESS.claims, sub: subject }),
    });
    leaks.add(...jwtParts(token));
    return token;
  }

  test('federated; plain outputs hold no token, the secret file does; an unused secret is named', async () => {
    const dir = join(root, 'harness-engine');
    mkdirSync(dir, { recursive: true });
    const outputFile = join(dir, 'output.env');
    const secretFile = join(dir, 'secrets.env');
    writeFileSync(outputFile, 'EARLIER=1\n');
    const step = await plugin(
      { client_id: HARNESS_APP, scopes: `${MANAGEMENT},${VAULT}`, oidc_token_id: harnessToken() },
      {
        ...HARNESS.env,
        PLUGIN_CLIENT_SECRET: 'harness-unused-secret-value',
        DRONE_OUTPUT: outputFile,
        HARNESS_OUTPUT_SECRET_FILE: secretFile,
      },
    );
    leaks.add('harness-unused-secret-value');
    expect(step.stderr).toBe('');
    expect(step.code).toBe(0);
    expect(step.stdout).toContain(`issuer:         ${HARNESS.issuer}`);
    expect(step.stdout).toContain(`subject:        ${HARNESS.subject}`);
    expect(step.stdout).toContain('`client_secret` is set but not used');

    const vars = sourcedVariables(step.envFile, baseEnv());
    const token = vars['AZURE_ACCESS_TOKEN'] ?? '';
    const vault = vars['AZURE_ACCESS_TOKEN_VAULT_AZURE_NET'] ?? '';
    leaks.add(...jwtParts(token, vault));

    const plain = readFileSync(outputFile, 'utf8');
    expect(plain).toBe(
      `EARLIER=1\nAZURE_ACCESS_TOKEN_EXPIRES_ON=${vars['AZURE_ACCESS_TOKEN_EXPIRES_ON']}\nAZURE_CLIENT_ID=${HARNESS_APP}\nAZURE_TENANT_ID=${sandbox.tenantId}\nAZURE_AUTHORITY_HOST=${sandbox.authorityHost}\n`,
    );
    leaks.check('DRONE_OUTPUT', plain);
    expect(readFileSync(secretFile, 'utf8')).toBe(
      `AZURE_ACCESS_TOKEN=${token}\nAZURE_ACCESS_TOKEN_VAULT_AZURE_NET=${vault}\n`,
    );
    expect(statSync(secretFile).mode & 0o777).toBe(0o600);
    const sent = tokenRequests(HARNESS_APP);
    expect(sent.at(-1)?.form?.['client_assertion_type']).toBe('urn:ietf:params:oauth:client-assertion-type:jwt-bearer');
    expect(sent.at(-1)?.form?.['client_secret']).toBeUndefined();
  });

  test("a subject the FIC does not hold: Entra's error, then the doctor's reading", async () => {
    const step = await plugin(
      { client_id: HARNESS_APP, oidc_token_id: harnessToken('pipeline:another_pipeline') },
      HARNESS.env,
    );
    expect(step.code).toBe(1);
    expect(step.stderr).toMatch(/AADSTS70021/);
    expect(step.stderr).toContain('subject:        pipeline:another_pipeline');
    expect(step.stderr).toContain('entra-federate doctor:');
    expect(existsSync(step.envFile)).toBe(false);
  });

  test('policy is passed on: a pipeline no rule allows is denied before any exchange', async () => {
    const policy = join(root, 'policy.yml');
    writeFileSync(
      policy,
      `name: harness-guardrails\nrules:\n  - name: release-pipeline\n    claims: { pipeline_id: release_to_azure }\n    allow: { tenants: "*", clientIds: "*", scopes: "*" }\n`,
    );
    const before = tokenRequests(HARNESS_APP).length;
    const step = await plugin({ client_id: HARNESS_APP, oidc_token_id: harnessToken(), policy }, HARNESS.env);
    expect(step.code).not.toBe(0);
    expect(step.stderr).toContain('harness-guardrails');
    expect(step.stderr).toContain('deploy_to_azure');
    expect(tokenRequests(HARNESS_APP).length).toBe(before);
    expect(existsSync(step.envFile)).toBe(false);
  });

  test('Harness without a token and without a certificate or secret: exit 2, says what to set', async () => {
    const step = await plugin({ client_id: HARNESS_APP }, HARNESS.env);
    expect(step.code).toBe(2);
    expect(step.stderr).toContain('Harness gave this step no OIDC token');
    expect(step.stderr).toContain('certificate: {from_secret: NAME}');
  });
});

describe('settings a user gets wrong: exit 2, nothing sent', () => {
  const cases: [string, Record<string, string>, RegExp][] = [
    ['no client_id', { certificate: 'x' }, /No client id given[\s\S]*the `client_id` setting/],
    ['a client_id that is not a GUID', { client_id: 'my-app', client_secret: 'x' }, /INVALID_CLIENT_ID/],
    [
      'no credential on Drone',
      { client_id: CERT_APP },
      /Drone issues no OIDC tokens[\s\S]*certificate: \{from_secret: NAME\}/,
    ],
    [
      'certificate and client_secret together',
      { client_id: CERT_APP, certificate: 'x', client_secret: 'y' },
      /CONFLICTING_CREDENTIALS/,
    ],
    [
      'a certificate that is not a PEM',
      { client_id: CERT_APP, certificate: 'not a pem at all' },
      /neither a PEM nor a base64-encoded PEM/,
    ],
    [
      'two scopes that map to one variable',
      {
        client_id: SECRET_APP,
        client_secret: 'x',
        scopes: `${MANAGEMENT},https://vault.azure.net/.default,api://vault.azure.net/.default`,
      },
      /AZURE_ACCESS_TOKEN_VAULT_AZURE_NET[\s\S]*SCOPE_VARIABLE_CLASH/,
    ],
    [
      'an unknown cloud',
      { client_id: SECRET_APP, client_secret: 'x', cloud: 'Mars' },
      /Unknown cloud[\s\S]*the `authority_host` setting/,
    ],
    [
      'plain http to a remote authority',
      { client_id: SECRET_APP, client_secret: 'x', authority_host: 'http://login.example.com' },
      /INSECURE_AUTHORITY_HOST/,
    ],
  ];
  test.each(cases)('%s', async (_name, settings, message) => {
    const before = sandbox.requests.filter((r) => r.target === 'token').length;
    const step = await plugin(settings);
    expect(step.code).toBe(2);
    expect(step.stderr).toMatch(message);
    expect(step.stderr).not.toMatch(/\n\s+at /); // no stack trace
    expect(sandbox.requests.filter((r) => r.target === 'token').length).toBe(before);
    expect(existsSync(step.envFile)).toBe(false);
  });
});

describe('the env file format', () => {
  test('single quotes survive a round trip through the shell', async () => {
    const nasty = `it's "quoted" $HOME \`id\` \\ \n and '' more`;
    const file = join(root, 'quote-test.env');
    writeFileSync(file, `export NASTY=${shellQuote(nasty)}\n`);
    expect(sourcedVariables(file, baseEnv())['NASTY']).toBe(nasty);
  });
});

describe('the image and the example pipeline', () => {
  const dockerfile = readFileSync(join(ROOT, 'drone-plugin/Dockerfile'), 'utf8');
  const instructions = dockerfile.split('\n').filter((l) => l.trim() !== '' && !l.trim().startsWith('#'));

  test('a small Node base pinned by version', () => {
    const from = instructions.filter((l) => l.startsWith('FROM '));
    expect(from).toHaveLength(1);
    expect(from[0]).toMatch(/^FROM node:\d+\.\d+\.\d+-alpine\d+\.\d+(@sha256:[0-9a-f]{64})?$/);
  });

  test('copies only dist/drone and installs only CA certificates', () => {
    const copies = instructions.filter((l) => /^(COPY|ADD) /.test(l));
    expect(copies).toEqual(['COPY --chown=root:root dist/drone/ /opt/entra-federate/']);
    const runs = instructions.filter((l) => l.startsWith('RUN '));
    expect(runs).toEqual(['RUN apk add --no-cache ca-certificates']);
    expect(readFileSync(join(ROOT, 'drone-plugin/Dockerfile.dockerignore'), 'utf8')).toMatch(
      /^\*\n!dist\/drone\/\n?$/m,
    );
  });

  test('runs as the unprivileged user, with the bundled entry', () => {
    const userAt = instructions.findIndex((l) => l.startsWith('USER '));
    const entryAt = instructions.findIndex((l) => l.startsWith('ENTRYPOINT '));
    expect(instructions[userAt]).toBe('USER node');
    expect(userAt).toBeLessThan(entryAt);
    expect(instructions.filter((l) => l.startsWith('USER '))).toHaveLength(1);
    expect(JSON.parse(instructions[entryAt]?.slice('ENTRYPOINT '.length) ?? '')).toEqual([
      'node',
      '/opt/entra-federate/index.js',
    ]);
    // What the COPY puts at /opt/entra-federate/index.js exists and is the built entry.
    expect(existsSync(ENTRY)).toBe(true);
  });

  test('the .drone.yml example uses only settings the plugin reads', () => {
    const text = readFileSync(join(ROOT, 'drone-plugin/.drone.yml'), 'utf8');
    const docs = parseAllDocuments(text).map(
      (d) =>
        d.toJS() as {
          kind: string;
          steps: { name: string; image: string; settings?: Record<string, unknown>; commands?: string[] }[];
        },
    );
    expect(docs.length).toBeGreaterThan(0);
    const known = new Set([
      'client_id',
      'tenant_id',
      'scopes',
      'audience',
      'cloud',
      'authority_host',
      'certificate',
      'client_secret',
      'oidc_token_id',
      'output',
      'policy',
      'audit_log',
      'timeout',
    ]);
    const pluginSteps = docs.flatMap((d) => d.steps).filter((s) => s.image.startsWith('entra-federate/drone-plugin'));
    expect(pluginSteps.length).toBeGreaterThan(0);
    for (const step of pluginSteps)
      for (const key of Object.keys(step.settings ?? {})) expect(known.has(key), key).toBe(true);
    // Secrets come from_secret, never inline.
    for (const step of pluginSteps) {
      for (const key of ['certificate', 'client_secret'] as const) {
        const value = step.settings?.[key];
        if (value !== undefined) expect(value).toHaveProperty('from_secret');
      }
    }
    // A later step sources the file the plugin writes.
    expect(
      docs.flatMap((d) => d.steps).some((s) => (s.commands ?? []).some((c) => c.includes('. ./.entra-federate/env'))),
    ).toBe(true);
  });
});

test('no token, secret or key in any output', () => {
  expect(leaks.checkAll()).toBeGreaterThan(10);
});
