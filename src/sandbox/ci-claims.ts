// Each CI's own ID token claim set, so a minted GitLab or CircleCI token looks like the real
// one and not like GitHub's with another issuer:
// GitHub:   https://docs.github.com/actions/security-for-github-actions/security-hardening-your-deployments/about-security-hardening-with-openid-connect
// GitLab:   https://docs.gitlab.com/ci/secrets/id_token_authentication/
// CircleCI: https://circleci.com/docs/openid-connect-tokens/
import { randomUUID } from 'node:crypto';

export const CI_PROVIDERS = ['github', 'gitlab', 'circleci'] as const;
export type CiProviderName = (typeof CI_PROVIDERS)[number];

const SHA = 'a3f2c9d1e8b7465f0c1d2e3f4a5b6c7d8e9f0a1b';
const CIRCLE_DEFAULT_ORG = 'c1a2b3c4-d5e6-4f70-8a9b-0c1d2e3f4a5b';
const CIRCLE_PROJECT = '0f8e7d6c-5b4a-4392-8170-6f5e4d3c2b1a';
const CIRCLE_USER = '1d2c3b4a-0000-4000-8000-00000000aaaa';

/** Which CI an issuer belongs to: CircleCI's and GitLab's hosts are recognisable, anything else reads as GitHub. */
export function providerForIssuer(issuer: string): CiProviderName {
  let host = '';
  try {
    host = new URL(issuer).hostname.toLowerCase();
  } catch {
    return 'github';
  }
  if (host === 'oidc.circleci.com') return 'circleci';
  if (host === 'gitlab.com' || host.startsWith('gitlab.')) return 'gitlab';
  return 'github';
}

export interface BaseClaims {
  iss: string;
  /** The audience when the caller names none. */
  aud: string;
  iat: number;
  lifetime: number;
}

/** The claims of a push to the default branch, in the CI's own order; `sub` is filled in last. */
export function baseClaims(provider: CiProviderName, c: BaseClaims): Record<string, unknown> {
  switch (provider) {
    case 'github':
      return githubClaims(c);
    case 'gitlab':
      return gitlabClaims(c);
    case 'circleci':
      return circleciClaims(c);
  }
}

/** The subject each CI derives from the other claims by default. */
export function defaultSubject(provider: CiProviderName, claims: Record<string, unknown>): string {
  const text = (name: string) => (typeof claims[name] === 'string' ? (claims[name] as string) : '');
  switch (provider) {
    case 'github': {
      // Environment wins, then pull_request, then the ref; ':' in values becomes %3A.
      const repo = `repo:${text('repository')}`;
      if (text('environment')) return `${repo}:environment:${text('environment').replaceAll(':', '%3A')}`;
      if (text('event_name') === 'pull_request') return `${repo}:pull_request`;
      return `${repo}:ref:${text('ref')}`;
    }
    case 'gitlab':
      return `project_path:${text('project_path')}:ref_type:${text('ref_type')}:ref:${text('ref')}`;
    case 'circleci':
      // The v1 form ($CIRCLE_OIDC_TOKEN); the user is the one who triggered the pipeline.
      return `org/${text('oidc.circleci.com/org-id')}/project/${text('oidc.circleci.com/project-id')}/user/${CIRCLE_USER}`;
  }
}

function githubClaims({ iss, aud, iat, lifetime }: BaseClaims): Record<string, unknown> {
  return {
    jti: randomUUID(),
    sub: '',
    aud,
    ref: 'refs/heads/main',
    sha: SHA,
    repository: 'octo-org/octo-repo',
    repository_owner: 'octo-org',
    repository_owner_id: '5010000',
    run_id: '9876543210',
    run_number: '42',
    run_attempt: '1',
    repository_visibility: 'private',
    repository_id: '7020000',
    actor_id: '5830000',
    actor: 'octocat',
    workflow: 'CI',
    head_ref: '',
    base_ref: '',
    event_name: 'push',
    ref_protected: 'false',
    ref_type: 'branch',
    workflow_ref: 'octo-org/octo-repo/.github/workflows/ci.yml@refs/heads/main',
    workflow_sha: SHA,
    job_workflow_ref: 'octo-org/octo-repo/.github/workflows/ci.yml@refs/heads/main',
    job_workflow_sha: SHA,
    runner_environment: 'github-hosted',
    iss,
    // GitHub back-dates nbf by ten minutes.
    nbf: iat - 600,
    exp: iat + lifetime,
    iat,
  };
}

function gitlabClaims({ iss, aud, iat, lifetime }: BaseClaims): Record<string, unknown> {
  let host = 'gitlab.com';
  try {
    host = new URL(iss).host;
  } catch {
    // keep gitlab.com
  }
  return {
    namespace_id: '72',
    namespace_path: 'my-group',
    project_id: '20',
    project_path: 'my-group/my-project',
    user_id: '1',
    user_login: 'sample-user',
    user_email: 'sample-user@example.com',
    user_access_level: 'developer',
    pipeline_id: '574',
    pipeline_source: 'push',
    job_id: '302',
    ref: 'main',
    ref_type: 'branch',
    ref_path: 'refs/heads/main',
    ref_protected: 'true',
    runner_id: 1,
    runner_environment: 'gitlab-hosted',
    sha: SHA,
    project_visibility: 'private',
    ci_config_ref_uri: `${host}/my-group/my-project//.gitlab-ci.yml@refs/heads/main`,
    ci_config_sha: SHA,
    jti: randomUUID(),
    iss,
    iat,
    nbf: iat - 5,
    exp: iat + lifetime,
    sub: '',
    aud,
  };
}

function circleciClaims({ iss, aud, iat, lifetime }: BaseClaims): Record<string, unknown> {
  const org = circleciOrg(iss);
  return {
    'oidc.circleci.com/context-ids': [],
    'oidc.circleci.com/job-id': '6a5e1f0b-0c1d-4d55-9a3b-0d8d7f0c2e11',
    'oidc.circleci.com/org-id': org,
    'oidc.circleci.com/pipeline-definition-id': '1d2c3b4a-5e6f-4a7b-8c9d-0e1f2a3b4c5d',
    'oidc.circleci.com/pipeline-id': '7f8e9d0c-1b2a-4c3d-9e4f-5a6b7c8d9e0f',
    'oidc.circleci.com/project-id': CIRCLE_PROJECT,
    'oidc.circleci.com/ssh-rerun': false,
    'oidc.circleci.com/vcs-origin': 'github.com/my-org/my-repo',
    'oidc.circleci.com/vcs-ref': 'refs/heads/main',
    'oidc.circleci.com/workflow-id': '2e3f4a5b-6c7d-4e8f-9a0b-1c2d3e4f5a6b',
    iss,
    sub: '',
    aud,
    iat,
    exp: iat + lifetime,
  };
}

/** The organization id in `https://oidc.circleci.com/org/<org-id>`, else a fixed one. */
export function circleciOrg(issuer: string): string {
  return /^https:\/\/oidc\.circleci\.com\/org\/([^/]+)\/?$/.exec(issuer)?.[1] ?? CIRCLE_DEFAULT_ORG;
}
