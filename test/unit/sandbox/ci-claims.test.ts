// Minted CI tokens carry each CI's own claim set: GitLab's and CircleCI's, not GitHub's with
// another issuer, so the doctor and providers read them as the real ones.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issuingCi } from '../../../src/ci/subjects.js';
import { type Sandbox, startSandbox } from '../../../src/sandbox/index.js';
import { exchange } from '../../helpers/sandbox-apis.js';
import { decodePayload, postJson } from '../../helpers/sandbox-http.js';

const GITHUB_ONLY = [
  'repository',
  'repository_owner',
  'job_workflow_ref',
  'workflow_ref',
  'event_name',
  'actor',
  'run_id',
];
const CIRCLE_ORG = '3f2b8c1d-4e5a-4b6c-9d7e-8f9a0b1c2d3e';
const CIRCLE_ISSUER = `https://oidc.circleci.com/org/${CIRCLE_ORG}`;

let sb: Sandbox;
beforeAll(async () => {
  sb = await startSandbox({
    config: {
      issuers: [{ issuer: 'https://gitlab.com' }, { issuer: 'https://gitlab.example.com' }, { issuer: CIRCLE_ISSUER }],
    },
  });
});
afterAll(() => sb.close());

describe('GitLab', () => {
  it("mints GitLab's claims and subject for a GitLab issuer", () => {
    const claims = decodePayload(sb.mintIdToken({ issuer: 'https://gitlab.com', audience: 'https://gitlab.com' }));
    expect(claims).toMatchObject({
      iss: 'https://gitlab.com',
      aud: 'https://gitlab.com',
      namespace_id: '72',
      namespace_path: 'my-group',
      project_id: '20',
      project_path: 'my-group/my-project',
      user_id: '1',
      user_login: 'sample-user',
      user_email: 'sample-user@example.com',
      pipeline_id: '574',
      pipeline_source: 'push',
      job_id: '302',
      ref: 'main',
      ref_type: 'branch',
      ref_path: 'refs/heads/main',
      ref_protected: 'true',
      runner_id: 1,
      runner_environment: 'gitlab-hosted',
      ci_config_ref_uri: 'gitlab.com/my-group/my-project//.gitlab-ci.yml@refs/heads/main',
      sub: 'project_path:my-group/my-project:ref_type:branch:ref:main',
    });
    for (const name of GITHUB_ONLY) expect(claims).not.toHaveProperty(name);
    expect(claims['exp'] - claims['iat']).toBe(300);
    expect(issuingCi(claims)).toBe('gitlab');
  });

  it('derives the subject from the claims a test overrides, on a self-managed instance too', () => {
    const claims = decodePayload(
      sb.mintIdToken({
        issuer: 'https://gitlab.example.com',
        claims: { ref: 'v1.2.0', ref_type: 'tag', project_path: 'g/p' },
      }),
    );
    expect(claims['sub']).toBe('project_path:g/p:ref_type:tag:ref:v1.2.0');
    expect(claims['ci_config_ref_uri']).toMatch(/^gitlab\.example\.com\//);
  });

  it('exchanges at the token endpoint against a FIC on the GitLab subject', async () => {
    const clientId = crypto.randomUUID();
    sb.addApp({
      clientId,
      federatedCredentials: [
        {
          issuer: 'https://gitlab.com',
          subject: 'project_path:my-group/my-project:ref_type:branch:ref:main',
          audiences: ['https://gitlab.com'],
        },
      ],
    });
    const token = sb.mintIdToken({ issuer: 'https://gitlab.com', audience: 'https://gitlab.com' });
    expect((await exchange(sb.authorityHost, sb.tenantId, clientId, token)).status).toBe(200);
  });
});

describe('CircleCI', () => {
  it("mints CircleCI's claims, its org-id audience and v1 subject", () => {
    const claims = decodePayload(sb.mintIdToken({ issuer: CIRCLE_ISSUER }));
    expect(claims).toMatchObject({
      iss: CIRCLE_ISSUER,
      aud: CIRCLE_ORG,
      'oidc.circleci.com/org-id': CIRCLE_ORG,
      'oidc.circleci.com/project-id': expect.any(String),
      'oidc.circleci.com/context-ids': [],
      'oidc.circleci.com/vcs-origin': 'github.com/my-org/my-repo',
      'oidc.circleci.com/vcs-ref': 'refs/heads/main',
      'oidc.circleci.com/ssh-rerun': false,
    });
    expect(claims['sub']).toMatch(
      new RegExp(`^org/${CIRCLE_ORG}/project/${claims['oidc.circleci.com/project-id']}/user/[0-9a-f-]{36}$`),
    );
    for (const name of [...GITHUB_ONLY, 'ref', 'sha', 'nbf', 'project_path']) expect(claims).not.toHaveProperty(name);
    expect(issuingCi(claims)).toBe('circleci');
  });

  it('takes an audience from the job, as `circleci run oidc get --claims` does', () => {
    expect(
      decodePayload(sb.mintIdToken({ issuer: CIRCLE_ISSUER, audience: 'api://AzureADTokenExchange' }))['aud'],
    ).toBe('api://AzureADTokenExchange');
  });
});

describe('provider selection', () => {
  it('keeps GitHub claims for the sandbox issuer and honours an explicit provider', () => {
    const github = decodePayload(sb.mintIdToken());
    expect(github).toMatchObject({
      repository: 'octo-org/octo-repo',
      sub: 'repo:octo-org/octo-repo:ref:refs/heads/main',
    });
    expect(issuingCi(github)).toBe('github');
    const gitlab = decodePayload(sb.mintIdToken({ provider: 'gitlab' }));
    expect(gitlab).toMatchObject({ iss: sb.issuer, project_path: 'my-group/my-project' });
    expect(gitlab).not.toHaveProperty('repository');
  });

  it('accepts provider over the mint endpoint and names a bad one', async () => {
    const url = `${sb.origin}/_sandbox/mint`;
    const headers = { authorization: `Bearer ${sb.idTokenRequestToken}` };
    const ok = await postJson(url, { issuer: CIRCLE_ISSUER, provider: 'circleci' }, headers);
    expect(decodePayload(ok.json.value)['oidc.circleci.com/org-id']).toBe(CIRCLE_ORG);
    const bad = await postJson(url, { provider: 'jenkins' }, headers);
    expect(bad.status).toBe(400);
    expect(bad.json).toMatchObject({
      field: 'body.provider',
      error_description: expect.stringContaining('github, gitlab, circleci'),
    });
  });
});
