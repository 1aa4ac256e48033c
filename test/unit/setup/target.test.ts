// What `setup` writes into the FIC is what the CI presents and what the doctor checks: subjects
// from the same format table, and a token with that subject passes the doctor against the FIC.
import { describe, expect, test } from 'vitest';
import type { FederationError } from '../../../src/core/errors.js';
import { diagnose } from '../../../src/doctor/diagnose.js';
import { suggestFic } from '../../../src/doctor/suggest.js';
import { armScopeProblem, roleRequests } from '../../../src/setup/roles.js';
import { genericTarget, githubTarget, gitlabTarget } from '../../../src/setup/target.js';

function usage(fn: () => unknown): FederationError {
  try {
    fn();
  } catch (err) {
    expect((err as FederationError).usage).toBe(true);
    return err as FederationError;
  }
  throw new Error('expected a usage error');
}

describe('GitHub subjects', () => {
  test.each([
    [{ branch: 'main' }, 'repo:Octo-Org/octo-repo:ref:refs/heads/main'],
    [{ branch: 'refs/heads/release/1.x' }, 'repo:Octo-Org/octo-repo:ref:refs/heads/release/1.x'],
    [{ tag: 'v1.2.3' }, 'repo:Octo-Org/octo-repo:ref:refs/tags/v1.2.3'],
    [{ environment: 'prod:eu' }, 'repo:Octo-Org/octo-repo:environment:prod%3Aeu'],
    [{ 'pull-request': true }, 'repo:Octo-Org/octo-repo:pull_request'],
  ])('%j', (flags, subject) => {
    const t = githubTarget('Octo-Org/octo-repo', flags, 'AzureCloud');
    expect(t).toMatchObject({
      issuer: 'https://token.actions.githubusercontent.com',
      subject,
      audience: 'api://AzureADTokenExchange',
      defaultAppName: 'entra-federate-Octo-Org-octo-repo',
    });
  });

  test('a refs/heads/ prefix is dropped and said so', () => {
    expect(githubTarget('o/r', { branch: 'refs/heads/main' }, 'AzureCloud').notes[0]).toContain(
      'read as the branch "main"',
    );
  });

  test("the cloud's audience", () => {
    expect(githubTarget('o/r', { branch: 'main' }, 'AzureUSGovernment').audience).toBe(
      'api://AzureADTokenExchangeUSGov',
    );
  });

  test.each(['octo', 'o/r/x', '-o/r', 'o/r r', '/r', 'o/..', 'https://github.com/o/r'])('refuses --repo %j', (repo) => {
    expect(usage(() => githubTarget(repo, { branch: 'main' }, 'AzureCloud')).code).toBe('INVALID_REPO');
  });

  test('one kind of job, exactly', () => {
    expect(usage(() => githubTarget('o/r', {}, 'AzureCloud')).code).toBe('MISSING_JOB_KIND');
    expect(usage(() => githubTarget('o/r', { branch: 'a', tag: 'b' }, 'AzureCloud')).code).toBe('CONFLICTING_JOB_KIND');
  });
});

describe('GitLab subjects', () => {
  test('branch and tag, subgroups included; the server is the issuer', () => {
    expect(gitlabTarget('grp/sub/proj', undefined, { branch: 'main' }, 'AzureCloud')).toMatchObject({
      issuer: 'https://gitlab.com',
      subject: 'project_path:grp/sub/proj:ref_type:branch:ref:main',
      defaultAppName: 'entra-federate-grp-sub-proj',
    });
    expect(gitlabTarget('g/p', 'https://gitlab.example.com/', { tag: 'v1' }, 'AzureCloud')).toMatchObject({
      issuer: 'https://gitlab.example.com',
      subject: 'project_path:g/p:ref_type:tag:ref:v1',
    });
  });

  test('an environment is refused with the reason: GitLab subjects do not carry it', () => {
    const err = usage(() => gitlabTarget('g/p', undefined, { environment: 'production' }, 'AzureCloud'));
    expect(err.code).toBe('GITLAB_ENVIRONMENT_NOT_IN_SUBJECT');
    expect(err.remedy).toContain('--branch');
  });

  test.each(['lonely', 'g/p.git', 'g/-p', 'g//p'])('refuses --project %j', (project) => {
    expect(usage(() => gitlabTarget(project, undefined, { branch: 'main' }, 'AzureCloud')).code).toBe(
      'INVALID_PROJECT',
    );
  });

  test('a plain-http server off loopback is refused', () => {
    expect(usage(() => gitlabTarget('g/p', 'http://gitlab.example.com', { branch: 'main' }, 'AzureCloud')).code).toBe(
      'INSECURE_SERVER',
    );
  });
});

describe('generic', () => {
  test('the issuer is kept exactly as written (Entra compares it exactly)', () => {
    const t = genericTarget('https://ci.example.com/', 'pipeline:42', undefined, 'AzureChinaCloud');
    expect(t).toMatchObject({
      issuer: 'https://ci.example.com/',
      subject: 'pipeline:42',
      audience: 'api://AzureADTokenExchangeChina',
    });
  });
  test('bad issuer or subject', () => {
    expect(usage(() => genericTarget('ci.example.com', 's', undefined, 'AzureCloud')).code).toBe('INVALID_ISSUER');
    expect(usage(() => genericTarget('https://ci', 'a\nb', undefined, 'AzureCloud')).code).toBe('INVALID_SUBJECT');
  });
});

describe('the doctor agrees with what setup writes', () => {
  test.each([
    ['github', githubTarget('o/r', { environment: 'production' }, 'AzureCloud'), { environment: 'production' }],
    ['github', githubTarget('o/r', { 'pull-request': true }, 'AzureCloud'), { event_name: 'pull_request' }],
    [
      'gitlab',
      gitlabTarget('g/p', undefined, { tag: 'v1' }, 'AzureCloud'),
      { project_path: 'g/p', ref_type: 'tag', pipeline_id: '1' },
    ],
  ] as const)('%s %#', (provider, target, extra) => {
    const now = Date.now();
    const claims = {
      iss: target.issuer,
      sub: target.subject,
      aud: target.audience,
      exp: now / 1000 + 300,
      iat: now / 1000,
      ...extra,
    };
    const fic = suggestFic(
      { iss: target.issuer, sub: target.subject },
      provider,
      target.audience,
      'created by entra-federate setup',
    );
    const fics =
      fic === undefined ? [] : [{ name: fic.name, issuer: fic.issuer, subject: fic.subject, audiences: fic.audiences }];
    const reading = diagnose(claims, fics, { now, audience: target.audience, cloud: 'AzureCloud' });
    expect(reading.provider).toBe(provider);
    expect(reading.ok).toBe(true);
    expect(reading.suggestion?.name).toBe(fic?.name);
  });
});

describe('role scopes', () => {
  const sub = '/subscriptions/0b1f6471-1bf0-4dda-aec3-cb9272f09590';
  test.each([
    sub,
    `${sub}/resourceGroups/rg-1`,
    `${sub}/resourcegroups/My.Group(1)`,
    `${sub}/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/kv-1`,
    `${sub}/resourceGroups/rg/providers/Microsoft.Sql/servers/s1/databases/db1`,
    '/providers/Microsoft.Management/managementGroups/mg-1',
  ])('accepts %s', (scope) => {
    expect(armScopeProblem(scope)).toBeUndefined();
  });
  test.each([
    ['rg-deploy', "does not start with '/'"],
    ['/subscriptions/not-a-guid', 'not a GUID'],
    [`${sub}/resourceGroups`, 'resource group name'],
    [`${sub}/resourceGroups/rg./`, 'empty segment'],
    [`${sub}/resourceGroups/rg.`, 'resource group name'],
    [`${sub}/groups/rg`, "'groups' is not 'resourceGroups'"],
    [`${sub}/resourceGroups/rg/providers/Microsoft.KeyVault/vaults`, 'type/name pairs'],
    ['/providers/Microsoft.Web/sites/x', 'managementGroups'],
  ])('refuses %s', (scope, why) => {
    expect(armScopeProblem(scope)).toContain(why);
  });

  test('pairs --role with --role-scope in order, drops exact repeats and a trailing slash', () => {
    expect(roleRequests(['Reader', 'Contributor', 'reader'], [`${sub}/`, `${sub}/resourceGroups/rg`, sub])).toEqual([
      { role: 'Reader', scope: sub },
      { role: 'Contributor', scope: `${sub}/resourceGroups/rg` },
    ]);
  });
  test('a role without its scope, or the reverse', () => {
    expect(usage(() => roleRequests(['Reader'], [])).code).toBe('MISSING_ROLE_SCOPE');
    expect(usage(() => roleRequests([], [sub])).code).toBe('MISSING_ROLE');
    expect(usage(() => roleRequests(['Reader'], ['rg'])).code).toBe('INVALID_ROLE_SCOPE');
  });
});
