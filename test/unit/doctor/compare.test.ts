/**
 * The doctor's field-by-field comparison: each kind of difference people actually hit gets
 * its own verdict, the AADSTS number Entra answers with, and an explanation that says what to
 * change. Subject formats follow each CI's documentation:
 * https://docs.github.com/actions/security-for-github-actions/security-hardening-your-deployments/about-security-hardening-with-openid-connect
 * https://docs.gitlab.com/ci/secrets/id_token_authentication/
 * https://circleci.com/docs/openid-connect-tokens/
 */
import { describe, expect, test } from 'vitest';
import { compareAudience, compareIssuer, compareSubject } from '../../../src/doctor/compare.js';

const GITHUB = 'https://token.actions.githubusercontent.com';
const AZURE = 'api://AzureADTokenExchange';
const REPO = 'repo:octo-org/octo-repo';

describe('compareIssuer', () => {
  test.each([
    [GITHUB, GITHUB, 'equal', undefined],
    [GITHUB, `${GITHUB}/`, 'trailing-slash', 700211],
    ['https://gitlab.com', 'https://GitLab.com', 'case-only', 700211],
    [`${GITHUB}/octo-enterprise`, GITHUB, 'enterprise-issuer', 700211],
    [GITHUB, `${GITHUB}/octo-enterprise`, 'enterprise-issuer', 700211],
    ['https://gitlab.com', GITHUB, 'different', 700211],
  ] as const)('token %s, FIC %s: %s', (token, fic, verdict, aadsts) => {
    const result = compareIssuer(token, fic);
    expect(result).toMatchObject({ field: 'issuer', token, fic, verdict });
    expect(result.aadsts).toBe(aadsts);
  });

  test('the explanations say what to set', () => {
    expect(compareIssuer(GITHUB, `${GITHUB}/`).explanation).toContain(`Set the FIC issuer to exactly ${GITHUB}`);
    expect(compareIssuer(`${GITHUB}/octo-enterprise`, GITHUB).explanation).toContain('include_enterprise_slug');
    expect(compareIssuer('https://gitlab.com', GITHUB).explanation).toBe(
      `Different issuers: the FIC trusts ${GITHUB} but this token comes from https://gitlab.com.`,
    );
  });
});

describe('compareAudience', () => {
  test('equal when the FIC audience is among the token audiences', () => {
    expect(compareAudience(AZURE, [AZURE], GITHUB).verdict).toBe('equal');
    expect(compareAudience(['https://github.com/octo-org', AZURE], [AZURE], GITHUB).verdict).toBe('equal');
  });

  test('case-only', () => {
    expect(compareAudience('api://azureadtokenexchange', [AZURE], GITHUB)).toMatchObject({
      verdict: 'case-only',
      aadsts: 700212,
    });
  });

  test("another cloud's audience names the cloud to pass", () => {
    const result = compareAudience('api://AzureADTokenExchangeUSGov', [AZURE], GITHUB);
    expect(result).toMatchObject({ verdict: 'other-cloud-audience', aadsts: 700212 });
    expect(result.explanation).toContain("requested for AzureUSGovernment's audience but the FIC holds AzureCloud's");
    expect(result.explanation).toContain('--cloud AzureCloud');
  });

  test("CircleCI's default audience (the organization id) is recognised", () => {
    const org = '6b1c0b53-bf8b-4a0f-9c0b-6f6d8e0a1f2b';
    const result = compareAudience(org, [AZURE], `https://oidc.circleci.com/org/${org}`);
    expect(result).toMatchObject({ verdict: 'circleci-org-audience', aadsts: 700212 });
    expect(result.explanation).toContain(`set the FIC audience to ${org}`);
  });

  test('a wrong audience says how to request the right one; none at all says so', () => {
    const wrong = compareAudience('https://github.com/octo-org', [AZURE], GITHUB);
    expect(wrong).toMatchObject({ verdict: 'different', token: 'https://github.com/octo-org', fic: AZURE });
    expect(wrong.explanation).toContain(`--audience ${AZURE}`);
    expect(compareAudience(undefined, [AZURE], GITHUB).explanation).toContain("The token's audience is (none)");
  });
});

describe('compareSubject', () => {
  test.each([
    ['equal', `${REPO}:ref:refs/heads/main`, `${REPO}:ref:refs/heads/main`, undefined],
    ['pull-request-hyphen', `${REPO}:pull_request`, `${REPO}:pull-request`, 700213],
    ['environment-vs-branch', `${REPO}:environment:production`, `${REPO}:ref:refs/heads/main`, 700213],
    ['branch-vs-environment', `${REPO}:ref:refs/heads/main`, `${REPO}:environment:production`, 700213],
    ['pull-request-vs-branch', `${REPO}:pull_request`, `${REPO}:ref:refs/heads/main`, 700213],
    ['branch-vs-pull-request', `${REPO}:ref:refs/heads/main`, `${REPO}:pull_request`, 700213],
    ['tag-vs-branch', `${REPO}:ref:refs/tags/v1.2.0`, `${REPO}:ref:refs/heads/main`, 700213],
    ['branch-vs-tag', `${REPO}:ref:refs/heads/main`, `${REPO}:ref:refs/tags/v1.2.0`, 700213],
    ['other-branch', `${REPO}:ref:refs/heads/feature`, `${REPO}:ref:refs/heads/main`, 700213],
    ['other-environment', `${REPO}:environment:staging`, `${REPO}:environment:production`, 700213],
    ['other-kind', `${REPO}:ref:refs/tags/v1`, `${REPO}:environment:production`, 700213],
    ['other-repository', `${REPO}:ref:refs/heads/main`, 'repo:octo-org/other-repo:ref:refs/heads/main', 700213],
    [
      'immutable-vs-name',
      'repo:octo-org@1234/octo-repo@5678:ref:refs/heads/main',
      `${REPO}:ref:refs/heads/main`,
      700213,
    ],
    [
      'name-vs-immutable',
      `${REPO}:ref:refs/heads/main`,
      'repo:octo-org@1234/octo-repo@5678:ref:refs/heads/main',
      700213,
    ],
    [
      'custom-template',
      'repository_owner_id:1234:repository_id:5678:ref:refs/heads/main',
      `${REPO}:ref:refs/heads/main`,
      700213,
    ],
    [
      'custom-template',
      `${REPO}:environment:production:job_workflow_ref:octo-org/octo-repo/.github/workflows/deploy.yml@refs/heads/main`,
      `${REPO}:environment:production`,
      700213,
    ],
    ['case-only', 'repo:Octo-Org/octo-repo:environment:Production', `${REPO}:environment:production`, 7002138],
    [
      'other-repository',
      'project_path:grp/proj:ref_type:branch:ref:main',
      'project_path:grp/other:ref_type:branch:ref:main',
      700213,
    ],
    [
      'gitlab-ref-type',
      'project_path:grp/proj:ref_type:tag:ref:v1',
      'project_path:grp/proj:ref_type:branch:ref:v1',
      700213,
    ],
    [
      'gitlab-other-ref',
      'project_path:grp/proj:ref_type:branch:ref:feature',
      'project_path:grp/proj:ref_type:branch:ref:main',
      700213,
    ],
    [
      'gitlab-custom-components',
      'project_id:42:ref_type:branch:ref:main',
      'project_path:grp/proj:ref_type:branch:ref:main',
      700213,
    ],
    ['circleci-other-user', 'org/o1/project/p1/user/u2', 'org/o1/project/p1/user/u1', 700213],
    [
      'circleci-token-version',
      'org/o1/project/p1/user/u1/vcs-origin/github.com/octo-org/octo-repo/vcs-ref/refs/heads/main',
      'org/o1/project/p1/user/u1',
      700213,
    ],
    ['different', 'sc://org/project/connection', 'sc://org/project/other', 700213],
  ] as const)('%s: token %s, FIC %s', (verdict, token, fic, aadsts) => {
    const result = compareSubject(token, fic);
    expect(result).toMatchObject({ field: 'subject', token, fic, verdict });
    expect(result.aadsts).toBe(aadsts);
  });

  test('the explanations name what to change', () => {
    expect(compareSubject(`${REPO}:environment:production`, `${REPO}:ref:refs/heads/main`).explanation).toContain(
      'Add a FIC for the environment subject',
    );
    expect(compareSubject(`${REPO}:ref:refs/heads/main`, `${REPO}:environment:production`).explanation).toContain(
      'Add `environment: production` to the job',
    );
    expect(compareSubject(`${REPO}:pull_request`, `${REPO}:ref:refs/heads/main`).explanation).toContain(
      'forks never get a token',
    );
    expect(compareSubject(`${REPO}:ref:refs/tags/v1.2.0`, `${REPO}:ref:refs/heads/main`).explanation).toContain(
      'the tag v1.2.0',
    );
    expect(compareSubject(`${REPO}:environment:staging`, `${REPO}:pull-request`).explanation).toContain(
      'GitHub sends pull_request',
    );
    expect(compareSubject('org/o1/project/p1/user/u2', 'org/o1/project/p1/user/u1').explanation).toContain(
      'this run was triggered by u2, the FIC names u1',
    );
  });
});
