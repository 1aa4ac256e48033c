/**
 * Policy guardrails: `policy test` as a process (allow, deny, globs, a missing claim, bad
 * files), and `login --policy`/`token --policy` against the sandbox, where a denied run must
 * send no request to the token endpoint (checked in the sandbox's request log).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { compilePattern } from '../../src/policy/glob.js';
import { evaluatePolicy } from '../../src/policy/evaluate.js';
import { parsePolicy } from '../../src/policy/parse.js';
import type { Sandbox } from '../../src/sandbox/index.js';
import { startSandbox } from '../../src/sandbox/index.js';
import { runCli } from './run.js';

const TENANT = '5a4db0c5-7e4a-4000-8000-000000000001';
const CLIENT = '5a4db0c5-c11e-4000-8000-000000000002';
const ARM = 'https://management.azure.com/.default';
const VAULT = 'https://vault.azure.net/.default';

const POLICY_YAML = `# Which pipelines may ask for what.
name: octo-guardrails
version: 1
rules:
  - name: production-deploys
    claims:
      repository: octo-org/octo-repo
      environment: production
      ref: [refs/heads/main, "refs/tags/v*"]
    allow:
      tenants: [${TENANT}]
      clientIds: ["${CLIENT.toUpperCase()}"]
      scopes: ["${ARM}", "${VAULT}"]
  - name: release-branches-read-vault
    claims:
      repository: octo-org/*
      ref: "refs/heads/release/**"
      ref_protected: true
    allow:
      tenants: "*"
      clientIds: "*"
      scopes: ["${VAULT}"]
`;

let dir: string;
let yamlPolicy: string;
let jsonPolicy: string;

function claims(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    iss: 'https://token.actions.githubusercontent.com',
    sub: 'repo:octo-org/octo-repo:environment:production',
    aud: 'api://AzureADTokenExchange',
    repository: 'octo-org/octo-repo',
    environment: 'production',
    ref: 'refs/heads/main',
    ref_protected: 'true',
    ...extra,
  };
}

function claimsFile(name: string, value: Record<string, unknown>): string {
  const path = join(dir, `${name}.json`);
  writeFileSync(path, JSON.stringify(value));
  return path;
}

async function policyTest(claimValues: Record<string, unknown>, extra: string[] = [], policy = yamlPolicy) {
  const r = await runCli([
    'policy',
    'test',
    '--claims',
    claimsFile(`c${Math.random().toString(36).slice(2)}`, claimValues),
    '--policy',
    policy,
    ...extra,
  ]);
  return { ...r, decision: r.stdout === '' ? undefined : JSON.parse(r.stdout) };
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'ef-policy-'));
  yamlPolicy = join(dir, 'policy.yml');
  writeFileSync(yamlPolicy, POLICY_YAML);
  jsonPolicy = join(dir, 'policy.json');
  writeFileSync(jsonPolicy, JSON.stringify(parseYamlForTest()));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The same rules written as JSON, so both formats are exercised with one expectation. */
function parseYamlForTest(): unknown {
  return {
    name: 'octo-guardrails',
    rules: [
      {
        name: 'production-deploys',
        claims: {
          repository: 'octo-org/octo-repo',
          environment: 'production',
          ref: ['refs/heads/main', 'refs/tags/v*'],
        },
        allow: { tenants: [TENANT], clientIds: [CLIENT], scopes: [ARM, VAULT] },
      },
      {
        name: 'release-branches-read-vault',
        claims: { repository: 'octo-org/*', ref: 'refs/heads/release/**', ref_protected: true },
        allow: { tenants: '*', clientIds: '*', scopes: [VAULT] },
      },
    ],
  };
}

describe('policy test', () => {
  test.each([
    ['YAML', () => yamlPolicy],
    ['JSON', () => jsonPolicy],
  ])('allow (%s): each scope granted by a named rule, exit 0', async (_kind, policy) => {
    const r = await policyTest(
      claims(),
      ['--tenant-id', TENANT, '--client-id', CLIENT, '--scope', ARM, '--scope', VAULT],
      policy(),
    );
    expect(r.code, r.stderr).toBe(0);
    expect(r.decision).toEqual({
      allowed: true,
      ruleSet: 'octo-guardrails',
      grants: [
        { scope: ARM, rule: 'production-deploys' },
        { scope: VAULT, rule: 'production-deploys' },
      ],
    });
  });

  test('deny: the denial names the rule set, the claim and its value, exit 1', async () => {
    const r = await policyTest(claims({ environment: 'staging', sub: 'repo:octo-org/octo-repo:environment:staging' }), [
      '--tenant-id',
      TENANT,
      '--client-id',
      CLIENT,
    ]);
    expect(r.code).toBe(1);
    expect(r.decision).toMatchObject({
      allowed: false,
      ruleSet: 'octo-guardrails',
      denial: {
        field: 'claim',
        claim: 'environment',
        value: 'staging',
        rules: ['production-deploys'],
        expected: ['production'],
      },
    });
    expect(r.stderr).toContain(
      'no rule of policy "octo-guardrails" matches this CI token: claim environment must be "production" (closest rule "production-deploys"), but the CI token has "staging"',
    );
  });

  test('a missing claim is named as missing', async () => {
    const noEnvironment = claims();
    delete noEnvironment['environment'];
    const r = await policyTest(noEnvironment, ['--tenant-id', TENANT, '--client-id', CLIENT]);
    expect(r.code).toBe(1);
    expect(r.decision.denial).toMatchObject({ claim: 'environment', rules: ['production-deploys'] });
    expect(r.decision.denial.value).toBeUndefined();
    expect(r.stderr).toContain('but the CI token has no such claim');
  });

  test('globs: v* matches a tag, ** crosses slashes, * does not', async () => {
    const tag = await policyTest(claims({ ref: 'refs/tags/v1.2.3' }), ['--tenant-id', TENANT, '--client-id', CLIENT]);
    expect(tag.code, tag.stderr).toBe(0);
    const release = claims({ ref: 'refs/heads/release/2024/q4', environment: undefined, repository: 'octo-org/tools' });
    const deep = await policyTest(release, ['--tenant-id', TENANT, '--client-id', CLIENT, '--scope', VAULT]);
    expect(deep.code, deep.stderr).toBe(0);
    expect(deep.decision.grants).toEqual([{ scope: VAULT, rule: 'release-branches-read-vault' }]);
    // `octo-org/*` does not reach into a nested path, and the claim is compared as a string.
    const nested = await policyTest({ ...release, repository: 'octo-org/sub/tools' }, [
      '--tenant-id',
      TENANT,
      '--client-id',
      CLIENT,
      '--scope',
      VAULT,
    ]);
    expect(nested.code).toBe(1);
    expect(nested.decision.denial).toMatchObject({ claim: 'repository', value: 'octo-org/sub/tools' });
  });

  test('deny a scope, a tenant and a client id no matching rule allows', async () => {
    const scope = await policyTest(claims({ ref: 'refs/heads/release/1', environment: 'x' }), [
      '--tenant-id',
      TENANT,
      '--client-id',
      CLIENT,
      '--scope',
      ARM,
    ]);
    expect(scope.code).toBe(1);
    expect(scope.decision.denial).toMatchObject({
      field: 'scope',
      value: ARM,
      rules: ['release-branches-read-vault'],
      expected: [VAULT],
    });
    const tenant = await policyTest(claims(), [
      '--tenant-id',
      '00000000-0000-0000-0000-00000000000f',
      '--client-id',
      CLIENT,
    ]);
    expect(tenant.decision.denial).toMatchObject({ field: 'tenant', value: '00000000-0000-0000-0000-00000000000f' });
    const client = await policyTest(claims(), [
      '--tenant-id',
      TENANT,
      '--client-id',
      '00000000-0000-0000-0000-00000000000c',
    ]);
    expect(client.decision.denial).toMatchObject({ field: 'clientId', value: '00000000-0000-0000-0000-00000000000c' });
  });

  test('claims only: which rules match', async () => {
    const r = await policyTest(claims());
    expect(r.code).toBe(0);
    expect(r.decision).toEqual({ allowed: true, ruleSet: 'octo-guardrails', rules: ['production-deploys'] });
  });

  test('a JWT as the claims file is read without verification', async () => {
    const b = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
    const path = join(dir, 'token.jwt');
    writeFileSync(path, `${b({ alg: 'RS256' })}.${b(claims())}.c2ln\n`);
    const r = await runCli(['policy', 'test', '--claims', path, '--policy', yamlPolicy]);
    expect(r.code, r.stderr).toBe(0);
  });

  test.each([
    [
      'an unknown key',
      'name: p\nrules:\n  - claims: {repository: a/b}\n    allows: {tenants: "*", clientIds: "*", scopes: "*"}\n',
      /unknown key "allows"/,
    ],
    ['a rule without claims', 'rules:\n  - allow: {tenants: "*", clientIds: "*", scopes: "*"}\n', /has no claims/],
    [
      'an allow without scopes',
      'rules:\n  - claims: {repository: a/b}\n    allow: {tenants: "*", clientIds: "*"}\n',
      /has no scopes/,
    ],
    ['broken YAML', 'rules:\n  - claims: {repository: a/b\n', /not valid YAML \(line \d+\)/],
    ['no rules', 'name: empty\nrules: []\n', /has no rules/],
  ])('a policy with %s is refused with exit 2', async (_name, text, message) => {
    const path = join(dir, `bad-${Math.random().toString(36).slice(2)}.yaml`);
    writeFileSync(path, text);
    const r = await runCli(['policy', 'test', '--claims', claimsFile('ok', claims()), '--policy', path]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/code:\s+POLICY_INVALID/);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  test('a missing policy file, and missing flags, exit 2', async () => {
    const missing = await runCli([
      'policy',
      'test',
      '--claims',
      claimsFile('ok', claims()),
      '--policy',
      join(dir, 'nope.yml'),
    ]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/code:\s+POLICY_UNREADABLE/);
    const noFlags = await runCli(['policy', 'test']);
    expect(noFlags.code).toBe(2);
    const unknown = await runCli(['policy', 'check']);
    expect(unknown.code).toBe(2);
  });
});

describe('evaluation rules', () => {
  test('claims compare case-sensitively, as Entra compares FIC subjects; tenant and client ids do not', () => {
    const policy = parsePolicy(
      {
        rules: [
          {
            claims: { repository: 'Octo-Org/Octo-Repo' },
            allow: { tenants: TENANT.toUpperCase(), clientIds: CLIENT, scopes: ARM },
          },
        ],
      },
      'p',
    );
    expect(
      evaluatePolicy(
        policy,
        { repository: 'octo-org/octo-repo' },
        { tenantId: TENANT, clientId: CLIENT, scopes: [ARM] },
      ).allowed,
    ).toBe(false);
    expect(
      evaluatePolicy(
        policy,
        { repository: 'Octo-Org/Octo-Repo' },
        { tenantId: TENANT, clientId: CLIENT, scopes: [ARM] },
      ).allowed,
    ).toBe(true);
  });

  test('every scope must be allowed: one scope too many denies the whole request', () => {
    const policy = parsePolicy(
      { rules: [{ claims: { repository: 'a/b' }, allow: { tenants: '*', clientIds: '*', scopes: [VAULT] } }] },
      'p',
    );
    const decision = evaluatePolicy(
      policy,
      { repository: 'a/b' },
      { tenantId: TENANT, clientId: CLIENT, scopes: [VAULT, ARM] },
    );
    expect(decision.allowed).toBe(false);
    if (!decision.allowed) expect(decision.denial).toMatchObject({ field: 'scope', value: ARM });
  });

  test('patterns: exact unless wildcards; a claim holding a newline cannot slip past **', () => {
    expect(compilePattern('refs/heads/main').test('refs/heads/main')).toBe(true);
    expect(compilePattern('refs/heads/main').test('refs/heads/main2')).toBe(false);
    expect(compilePattern('a.b').test('aXb')).toBe(false);
    expect(compilePattern('refs/heads/*').test('refs/heads/a/b')).toBe(false);
    expect(compilePattern('refs/heads/**').test('refs/heads/a/b')).toBe(true);
    expect(compilePattern('v?').test('v1')).toBe(true);
    expect(compilePattern('repo:o/r:**').test('repo:o/r:x\nrepo:evil')).toBe(true);
    expect(compilePattern('repo:o/r:*').test('repo:o/r:x\nrepo:evil')).toBe(true);
    expect(compilePattern('repo:o/*:main').test('repo:o/x\n:main')).toBe(true);
  });
});

describe('login and token with --policy, against the sandbox', () => {
  let sandbox: Sandbox;
  beforeAll(async () => {
    sandbox = await startSandbox();
  });
  afterAll(() => sandbox.close());

  function githubEnv(): Record<string, string> {
    return {
      GITHUB_ACTIONS: 'true',
      ACTIONS_ID_TOKEN_REQUEST_URL: sandbox.idTokenRequestUrl,
      ACTIONS_ID_TOKEN_REQUEST_TOKEN: sandbox.idTokenRequestToken,
      GITHUB_REPOSITORY: 'octo-org/octo-repo',
      GITHUB_RUN_ID: '9876543210',
    };
  }

  function policyFile(issuer: string, environment: string): string {
    const path = join(dir, `login-${environment}.yaml`);
    writeFileSync(
      path,
      `name: sandbox-guardrails\nrules:\n  - name: main-only\n    claims:\n      iss: "${issuer}"\n      ref: refs/heads/main\n      environment: ${environment}\n    allow:\n      tenants: ["${sandbox.tenantId}"]\n      clientIds: ["${sandbox.clientId}"]\n      scopes: ["${ARM}", "${VAULT}"]\n  - name: main-any-env\n    claims:\n      iss: "${issuer}"\n      ref: refs/heads/main\n    allow:\n      tenants: ["${sandbox.tenantId}"]\n      clientIds: ["${sandbox.clientId}"]\n      scopes: ["${ARM}"]\n`,
    );
    return path;
  }

  const args = () => [
    '--authority-host',
    sandbox.authorityHost,
    '--tenant-id',
    sandbox.tenantId,
    '--client-id',
    sandbox.clientId,
  ];

  test('a denied login sends no request to the token endpoint', async () => {
    const before = sandbox.requests.length;
    const r = await runCli(
      ['login', ...args(), '--scope', VAULT, '--policy', policyFile(sandbox.issuer, 'production')],
      githubEnv(),
    );
    expect(r.code, r.stderr).toBe(1);
    expect(r.stderr).toMatch(/code:\s+POLICY_DENIED/);
    expect(r.stderr).toContain('policy "sandbox-guardrails" does not allow scope "https://vault.azure.net/.default"');
    expect(r.stderr).toContain('subject:        repo:octo-org/octo-repo:ref:refs/heads/main');
    const during = sandbox.requests.slice(before);
    expect(during.map((q) => q.target)).toEqual(['idtoken']);
    expect(during.filter((q) => q.target === 'token')).toEqual([]);
    // No token (or any JWT-shaped text) in what the user sees.
    expect(`${r.stdout}${r.stderr}`).not.toMatch(/eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/);
  });

  test('a denied `token` prints no token and sends no exchange', async () => {
    const before = sandbox.requests.length;
    const r = await runCli(
      ['token', ...args(), '--scope', VAULT, '--policy', policyFile(sandbox.issuer, 'production')],
      githubEnv(),
    );
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(sandbox.requests.slice(before).filter((q) => q.target === 'token')).toEqual([]);
  });

  test('an allowed login exchanges once per scope', async () => {
    const before = sandbox.requests.length;
    const r = await runCli(
      ['login', ...args(), '--scope', ARM, '--policy', policyFile(sandbox.issuer, 'production'), '--json'],
      githubEnv(),
    );
    expect(r.code, r.stderr).toBe(0);
    expect(sandbox.requests.slice(before).filter((q) => q.target === 'token')).toHaveLength(1);
    expect(JSON.parse(r.stdout).tokens).toHaveLength(1);
  });

  test('an unreadable policy stops the login before any request, exit 2', async () => {
    const before = sandbox.requests.length;
    const r = await runCli(['login', ...args(), '--policy', join(dir, 'missing.yaml')], githubEnv());
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/code:\s+POLICY_UNREADABLE/);
    expect(sandbox.requests.slice(before)).toEqual([]);
  });
});
