/**
 * The doctor as a process: one case per mismatch class, with tokens shaped like each CI's real
 * ones, minted by the sandbox under the CI's real issuer. Each case checks the verdict, and
 * then feeds the suggested FIC back to the sandbox: the exchange must then succeed.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startSandbox } from '../../src/sandbox/index.js';
import type { Sandbox } from '../../src/sandbox/index.js';
import { runCli } from './run.js';

const GITHUB = 'https://token.actions.githubusercontent.com';
const GITLAB = 'https://gitlab.com';
const CIRCLE_ORG = 'c9b2a7e5-4d1f-4a3b-9c8d-2f1e0a9b8c7d';
const CIRCLECI = `https://oidc.circleci.com/org/${CIRCLE_ORG}`;
const AUD = 'api://AzureADTokenExchange';
const MAIN = 'repo:octo-org/octo-repo:ref:refs/heads/main';

/** GitHub-only claims the sandbox's issuer sets by default; removed for other CIs' tokens. */
const GITHUB_ONLY = [
  'repository',
  'repository_owner',
  'repository_owner_id',
  'repository_id',
  'repository_visibility',
  'actor',
  'actor_id',
  'workflow',
  'workflow_ref',
  'workflow_sha',
  'job_workflow_ref',
  'job_workflow_sha',
  'head_ref',
  'base_ref',
  'event_name',
  'ref_type',
  'ref_protected',
  'runner_environment',
  'run_id',
  'run_number',
  'run_attempt',
  'sha',
  'ref',
  'environment',
];
const notGithub = (claims: Record<string, unknown>): Record<string, unknown> => ({
  ...Object.fromEntries(GITHUB_ONLY.map((k) => [k, null])),
  ...claims,
});

const gitlabClaims = (over: Record<string, unknown> = {}): Record<string, unknown> =>
  notGithub({
    sub: 'project_path:my-group/my-project:ref_type:branch:ref:main',
    namespace_id: '72',
    namespace_path: 'my-group',
    project_id: '20',
    project_path: 'my-group/my-project',
    user_id: '1',
    user_login: 'sample-user',
    pipeline_id: '574',
    pipeline_source: 'push',
    job_id: '302',
    ref: 'main',
    ref_type: 'branch',
    ref_path: 'refs/heads/main',
    ref_protected: 'true',
    runner_environment: 'gitlab-hosted',
    ...over,
  });

const circleClaims = (user: string, over: Record<string, unknown> = {}): Record<string, unknown> =>
  notGithub({
    sub: `org/${CIRCLE_ORG}/project/0f8e7d6c-5b4a-4392-8170-6f5e4d3c2b1a/user/${user}`,
    'oidc.circleci.com/org-id': CIRCLE_ORG,
    'oidc.circleci.com/project-id': '0f8e7d6c-5b4a-4392-8170-6f5e4d3c2b1a',
    'oidc.circleci.com/context-ids': [],
    ...over,
  });

interface Case {
  name: string;
  issuer: string;
  claims: Record<string, unknown>;
  audience?: string;
  fic: { issuer: string; subject: string; audience: string };
  verdicts: Partial<Record<'issuer' | 'subject' | 'audience', string>>;
  /** Substring of the explanation people read. */
  says?: RegExp;
  aadsts?: number;
}

const cases: Case[] = [
  {
    name: 'GitHub subject differing only by case',
    issuer: GITHUB,
    claims: {},
    fic: { issuer: GITHUB, subject: 'repo:Octo-Org/octo-repo:ref:refs/heads/main', audience: AUD },
    verdicts: { issuer: 'equal', subject: 'case-only', audience: 'equal' },
    aadsts: 7002138,
  },
  {
    name: 'issuer with a trailing slash',
    issuer: GITHUB,
    claims: {},
    fic: { issuer: `${GITHUB}/`, subject: MAIN, audience: AUD },
    verdicts: { issuer: 'trailing-slash', subject: 'equal' },
    aadsts: 700211,
  },
  {
    name: 'pull-request typo in the FIC',
    issuer: GITHUB,
    claims: { sub: 'repo:octo-org/octo-repo:pull_request', event_name: 'pull_request' },
    fic: { issuer: GITHUB, subject: 'repo:octo-org/octo-repo:pull-request', audience: AUD },
    verdicts: { subject: 'pull-request-hyphen' },
  },
  {
    name: 'environment job against a branch FIC',
    issuer: GITHUB,
    claims: { sub: 'repo:octo-org/octo-repo:environment:production', environment: 'production' },
    fic: { issuer: GITHUB, subject: MAIN, audience: AUD },
    verdicts: { subject: 'environment-vs-branch' },
    says: /references the environment "production"/,
  },
  {
    name: 'branch job against an environment FIC',
    issuer: GITHUB,
    claims: {},
    fic: { issuer: GITHUB, subject: 'repo:octo-org/octo-repo:environment:production', audience: AUD },
    verdicts: { subject: 'branch-vs-environment' },
    says: /environment: production/,
  },
  {
    name: 'pull request against a branch FIC',
    issuer: GITHUB,
    claims: { sub: 'repo:octo-org/octo-repo:pull_request', event_name: 'pull_request', ref: 'refs/pull/7/merge' },
    fic: { issuer: GITHUB, subject: MAIN, audience: AUD },
    verdicts: { subject: 'pull-request-vs-branch' },
  },
  {
    name: 'tag run against a branch FIC',
    issuer: GITHUB,
    claims: { sub: 'repo:octo-org/octo-repo:ref:refs/tags/v1.2.0', ref: 'refs/tags/v1.2.0', ref_type: 'tag' },
    fic: { issuer: GITHUB, subject: MAIN, audience: AUD },
    verdicts: { subject: 'tag-vs-branch' },
    says: /tag v1\.2\.0/,
  },
  {
    name: 'immutable subject against a name-form FIC',
    issuer: GITHUB,
    claims: { sub: 'repo:octo-org@5010000/octo-repo@7020000:ref:refs/heads/main' },
    fic: { issuer: GITHUB, subject: MAIN, audience: AUD },
    verdicts: { subject: 'immutable-vs-name' },
  },
  {
    name: 'name-form subject against an immutable FIC',
    issuer: GITHUB,
    claims: {},
    fic: { issuer: GITHUB, subject: 'repo:octo-org@5010000/octo-repo@7020000:ref:refs/heads/main', audience: AUD },
    verdicts: { subject: 'name-vs-immutable' },
  },
  {
    name: 'custom subject template (job_workflow_ref)',
    issuer: GITHUB,
    claims: { sub: 'job_workflow_ref:octo-org/deploy/.github/workflows/deploy.yml@refs/heads/main' },
    fic: { issuer: GITHUB, subject: MAIN, audience: AUD },
    verdicts: { subject: 'custom-template' },
    says: /include_claim_keys/,
  },
  {
    name: 'custom template extending the default',
    issuer: GITHUB,
    claims: {
      sub: 'repo:octo-org/octo-repo:environment:prod:job_workflow_ref:octo-org/octo-repo/.github/workflows/ci.yml@refs/heads/main',
      environment: 'prod',
    },
    fic: { issuer: GITHUB, subject: 'repo:octo-org/octo-repo:environment:prod', audience: AUD },
    verdicts: { subject: 'custom-template' },
  },
  {
    name: 'audience of another cloud',
    issuer: GITHUB,
    claims: {},
    fic: { issuer: GITHUB, subject: MAIN, audience: 'api://AzureADTokenExchangeUSGov' },
    verdicts: { audience: 'other-cloud-audience' },
    says: /--cloud AzureUSGovernment/,
    aadsts: 700212,
  },
  {
    name: 'GitLab tag pipeline against a branch FIC',
    issuer: GITLAB,
    claims: gitlabClaims({
      sub: 'project_path:my-group/my-project:ref_type:tag:ref:v2.0.0',
      ref: 'v2.0.0',
      ref_type: 'tag',
    }),
    fic: { issuer: GITLAB, subject: 'project_path:my-group/my-project:ref_type:branch:ref:main', audience: AUD },
    verdicts: { subject: 'gitlab-ref-type' },
  },
  {
    name: 'GitLab customised subject components',
    issuer: GITLAB,
    claims: gitlabClaims({ sub: 'project_id:20:ref_type:branch:ref:main' }),
    fic: { issuer: GITLAB, subject: 'project_path:my-group/my-project:ref_type:branch:ref:main', audience: AUD },
    verdicts: { subject: 'gitlab-custom-components' },
    says: /ci_id_token_sub_claim_components/,
  },
  {
    name: 'CircleCI default org-id audience',
    issuer: CIRCLECI,
    audience: CIRCLE_ORG,
    claims: circleClaims('1d2c3b4a-0000-4000-8000-00000000aaaa'),
    fic: {
      issuer: CIRCLECI,
      subject: `org/${CIRCLE_ORG}/project/0f8e7d6c-5b4a-4392-8170-6f5e4d3c2b1a/user/1d2c3b4a-0000-4000-8000-00000000aaaa`,
      audience: AUD,
    },
    verdicts: { subject: 'equal', audience: 'circleci-org-audience' },
    says: /organization id/,
  },
  {
    name: 'CircleCI run triggered by another user',
    issuer: CIRCLECI,
    claims: circleClaims('2e3d4c5b-0000-4000-8000-00000000bbbb'),
    fic: {
      issuer: CIRCLECI,
      subject: `org/${CIRCLE_ORG}/project/0f8e7d6c-5b4a-4392-8170-6f5e4d3c2b1a/user/1d2c3b4a-0000-4000-8000-00000000aaaa`,
      audience: AUD,
    },
    verdicts: { subject: 'circleci-other-user' },
    says: /at most 20/,
  },
];

let sandbox: Sandbox;
let dir: string;
let n = 0;

beforeAll(async () => {
  sandbox = await startSandbox({ config: { issuers: [{ issuer: GITHUB }, { issuer: GITLAB }, { issuer: CIRCLECI }] } });
  dir = mkdtempSync(join(tmpdir(), 'ef-doctor-'));
});
afterAll(async () => {
  await sandbox.close();
  rmSync(dir, { recursive: true, force: true });
});

function tokenFile(token: string): string {
  const file = join(dir, `t${++n}`);
  writeFileSync(file, token, { mode: 0o600 });
  return file;
}

function appWith(fic: { issuer: string; subject: string; audience: string }): string {
  const clientId = randomUUID();
  sandbox.addApp({
    clientId,
    federatedCredentials: [{ name: `fic-${n}`, issuer: fic.issuer, subject: fic.subject, audiences: [fic.audience] }],
  });
  return clientId;
}

const coords = (clientId: string): Record<string, string> => ({
  AZURE_CLIENT_ID: clientId,
  AZURE_TENANT_ID: sandbox.tenantId,
  AZURE_AUTHORITY_HOST: sandbox.authorityHost,
});

interface Check {
  field: string;
  verdict: string;
  explanation: string;
  aadsts?: number;
}
interface DiagnosisJson {
  ok: boolean;
  provider?: string;
  comparisons: { checks: Check[] }[];
  suggestion: { issuer: string; subject: string; audiences: string[]; caveat?: string };
}

describe.each(cases)('$name', (c) => {
  test('verdict, then the suggested FIC makes the exchange succeed', async () => {
    const token = sandbox.mintIdToken({
      issuer: c.issuer,
      claims: c.claims,
      ...(c.audience === undefined ? {} : { audience: c.audience }),
    });
    const file = tokenFile(token);
    const result = await runCli([
      'doctor',
      '--json',
      '--id-token-file',
      file,
      '--expect-issuer',
      c.fic.issuer,
      '--expect-subject',
      c.fic.subject,
      '--expect-audience',
      c.fic.audience,
    ]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(1);
    expect(result.stdout).not.toContain(token);
    const d = JSON.parse(result.stdout) as DiagnosisJson;
    expect(d.ok).toBe(false);
    const checks = d.comparisons[0]?.checks ?? [];
    for (const [field, verdict] of Object.entries(c.verdicts)) {
      expect(checks.find((x) => x.field === field)?.verdict, field).toBe(verdict);
    }
    if (c.says !== undefined) expect(checks.map((x) => x.explanation).join(' ')).toMatch(c.says);
    if (c.aadsts !== undefined) expect(checks.map((x) => x.aadsts)).toContain(c.aadsts);

    // The real exchange against an app holding the user's FIC fails...
    const wrong = await runCli(['token', '--id-token-file', file], coords(appWith(c.fic)));
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain('entra-federate doctor:');
    expect(wrong.stderr).not.toContain(token);
    // ...and against one holding the doctor's suggestion, it succeeds.
    const s = d.suggestion;
    const right = await runCli(
      ['token', '--id-token-file', file],
      coords(appWith({ issuer: s.issuer, subject: s.subject, audience: s.audiences[0] ?? '' })),
    );
    expect(right.stderr).toBe('');
    expect(right.code).toBe(0);
  });
});

describe('lifetime', () => {
  test('an expired token is reported with AADSTS700024, and the login failure explains it', async () => {
    const now = Math.floor(Date.now() / 1000);
    const file = tokenFile(sandbox.mintIdToken({ claims: { iat: now - 900, nbf: now - 900, exp: now - 600 } }));
    const result = await runCli(['doctor', '--id-token-file', file]);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/Expired 6\d\d s ago/);
    expect(result.stdout).toContain('not within its lifetime');
    const login = await runCli(['login', '--id-token-file', file], coords(sandbox.clientId));
    expect(login.code).toBe(1);
    expect(login.stderr).toContain('AADSTS700024');
    expect(login.stderr).toMatch(/entra-federate doctor:[\s\S]*Expired \d+ s ago/);
  });

  test('a token from the future points at the clock', async () => {
    const now = Math.floor(Date.now() / 1000);
    const file = tokenFile(sandbox.mintIdToken({ claims: { iat: now + 900, nbf: now + 900, exp: now + 1200 } }));
    const result = await runCli(['doctor', '--json', '--id-token-file', file]);
    expect(result.code).toBe(1);
    expect((JSON.parse(result.stdout) as { time: { verdict: string } }).time.verdict).toBe('not-yet-valid');
  });
});

describe('sources of FICs', () => {
  test('a matching token exits 0 and prints no suggestion', async () => {
    const result = await runCli([
      'doctor',
      '--id-token-file',
      tokenFile(sandbox.mintIdToken()),
      '--expect-issuer',
      sandbox.issuer,
      '--expect-subject',
      MAIN,
      '--expect-audience',
      AUD,
    ]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('MATCHES');
    expect(result.stdout).not.toContain('az ad app federated-credential create');
  });

  test('--fic-file takes `az ad app federated-credential list` output and picks the closest', async () => {
    const file = join(dir, 'fics.json');
    writeFileSync(
      file,
      JSON.stringify([
        {
          name: 'prod',
          issuer: GITHUB,
          subject: 'repo:octo-org/octo-repo:environment:production',
          audiences: [AUD],
          description: null,
        },
        { name: 'other-repo', issuer: GITHUB, subject: 'repo:octo-org/other:ref:refs/heads/main', audiences: [AUD] },
        { name: 'main-typo', issuer: GITHUB, subject: 'repo:octo-org/octo-repo:ref:refs/heads/Main', audiences: [AUD] },
      ]),
    );
    const token = sandbox.mintIdToken({ issuer: GITHUB });
    const result = await runCli(['doctor', '--id-token-file', tokenFile(token), '--fic-file', file]);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('Closest: FIC "main-typo"');
    expect(result.stdout).toContain('case-only');
    expect(result.stdout).toContain('az ad app federated-credential create --id <client-id>');
    expect(result.stdout).toContain('resource "azuread_application_federated_identity_credential"');
    expect(result.stdout).toContain("claims['sub'] matches 'repo:octo-org/octo-repo:ref:refs/heads/*'");
  });

  test("--graph-token-env reads the app's FICs from Microsoft Graph", async () => {
    const graph = await runCli(
      ['token', '--scope', 'https://graph.microsoft.com/.default', '--id-token-file', tokenFile(sandbox.mintIdToken())],
      coords(sandbox.clientId),
    );
    expect(graph.code).toBe(0);
    const clientId = appWith({
      issuer: sandbox.issuer,
      subject: 'repo:octo-org/octo-repo:environment:production',
      audience: AUD,
    });
    const result = await runCli(
      [
        'doctor',
        '--json',
        '--id-token-file',
        tokenFile(sandbox.mintIdToken()),
        '--client-id',
        clientId,
        '--graph-url',
        sandbox.origin,
        '--graph-token-env',
        'GRAPH_TOKEN',
      ],
      { GRAPH_TOKEN: graph.stdout.trim() },
    );
    expect(result.stderr).toBe('');
    expect(result.code).toBe(1);
    expect(result.stdout).not.toContain(graph.stdout.trim());
    const d = JSON.parse(result.stdout) as DiagnosisJson;
    expect(d.comparisons[0]?.checks.find((x) => x.field === 'subject')?.verdict).toBe('branch-vs-environment');

    const denied = await runCli(
      [
        'doctor',
        '--id-token-file',
        tokenFile(sandbox.mintIdToken()),
        '--client-id',
        clientId,
        '--graph-url',
        sandbox.origin,
        '--graph-token-env',
        'GRAPH_TOKEN',
      ],
      { GRAPH_TOKEN: 'not-a-graph-token' },
    );
    expect(denied.code).toBe(1);
    expect(denied.stderr).toContain('Microsoft Graph answered HTTP 401');
  });

  test('bad doctor input exits 2', async () => {
    const file = tokenFile(sandbox.mintIdToken());
    for (const args of [
      ['--fic-file', '/nonexistent.json'],
      ['--graph-token-env', 'EMPTY_VAR', '--client-id', sandbox.clientId],
      ['--graph-token-env', 'GRAPH', '--graph-url', 'http://graph.example.com'],
    ]) {
      const result = await runCli(['doctor', '--id-token-file', file, ...args], { GRAPH: 'x' });
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.stderr).not.toMatch(/\n\s+at /);
    }
  });
});
