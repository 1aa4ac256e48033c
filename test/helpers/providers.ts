/**
 * Shared by the provider tests: each CI's issuer, claims and job environment as that CI's
 * documentation shows them (GitLab https://docs.gitlab.com/ee/ci/secrets/id_token_authentication.html
 * and https://docs.gitlab.com/ee/ci/variables/predefined_variables.html; CircleCI
 * https://circleci.com/docs/openid-connect-tokens/ and https://circleci.com/docs/variables/;
 * Buildkite https://buildkite.com/docs/agent/v3/cli-oidc and
 * https://buildkite.com/docs/pipelines/environment-variables; Bitbucket
 * https://support.atlassian.com/bitbucket-cloud/docs/integrate-pipelines-with-resource-servers-using-oidc/
 * and https://support.atlassian.com/bitbucket-cloud/docs/variables-and-secrets/; Azure Pipelines
 * https://learn.microsoft.com/azure/devops/pipelines/build/variables; Harness
 * https://github.com/harness-community/drone-azure-oidc; Jenkins https://plugins.jenkins.io/oidc-provider/;
 * Drone https://docs.drone.io/pipeline/environment/reference/; Travis
 * https://docs.travis-ci.com/user/environment-variables/), a sandbox that trusts those issuers,
 * and a scan of process output for anything secret.
 */
import { delimiter, join } from 'node:path';
import { expect } from 'vitest';
import type { Sandbox } from '../../src/sandbox/index.js';
import type { ProcessResult } from '../e2e/run.js';
import { ROOT } from '../e2e/run.js';

export const FAKE_BIN = join(ROOT, 'test', 'fixtures', 'bin');
export const AUDIENCE = 'api://AzureADTokenExchange';

/** The sandbox mints GitHub-shaped tokens; these claims are GitHub's alone and are removed for other CIs. */
const GITHUB_ONLY = [
  'ref',
  'sha',
  'repository',
  'repository_owner',
  'repository_owner_id',
  'run_id',
  'run_number',
  'run_attempt',
  'repository_visibility',
  'repository_id',
  'actor_id',
  'actor',
  'workflow',
  'head_ref',
  'base_ref',
  'event_name',
  'ref_protected',
  'ref_type',
  'workflow_ref',
  'workflow_sha',
  'job_workflow_ref',
  'job_workflow_sha',
  'runner_environment',
];

/** Claims for mintIdToken: GitHub's removed (null), the CI's own set. */
export function ciClaims(claims: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = Object.fromEntries(GITHUB_ONLY.map((name) => [name, null]));
  return { ...out, ...claims };
}

export const GITLAB = {
  issuer: 'https://gitlab.com',
  subject: 'project_path:my-group/my-project:ref_type:branch:ref:main',
  claims: {
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
    sha: '714a629c0b401fdce83e847fc9589983fc6f46bc',
    project_visibility: 'private',
    ci_config_ref_uri: 'gitlab.com/my-group/my-project//.gitlab-ci.yml@refs/heads/main',
    ci_config_sha: '714a629c0b401fdce83e847fc9589983fc6f46bc',
  },
  env: {
    CI: 'true',
    GITLAB_CI: 'true',
    CI_SERVER_URL: 'https://gitlab.com',
    CI_PROJECT_PATH: 'my-group/my-project',
    CI_PROJECT_ID: '20',
    CI_COMMIT_REF_NAME: 'main',
    CI_COMMIT_BRANCH: 'main',
    CI_COMMIT_SHA: '714a629c0b401fdce83e847fc9589983fc6f46bc',
    CI_PIPELINE_ID: '574',
    CI_PIPELINE_SOURCE: 'push',
    CI_JOB_ID: '302',
    CI_JOB_NAME: 'deploy',
    CI_JOB_URL: 'https://gitlab.com/my-group/my-project/-/jobs/302',
    GITLAB_USER_LOGIN: 'sample-user',
  },
};

export const CIRCLE_ORG = 'c8a2e0d4-5b1f-4f6a-9e3d-2b7c1a0f9e84';
const CIRCLE_PROJECT = '3f1b6c2e-8d4a-4b7e-a1c9-5e2d0f7b8a63';
const CIRCLE_USER = '9b7e4d21-6c3a-4f85-b2d0-e1a7c5f83b96';
export const CIRCLECI = {
  issuer: `https://oidc.circleci.com/org/${CIRCLE_ORG}`,
  subjectV2: `org/${CIRCLE_ORG}/project/${CIRCLE_PROJECT}/user/${CIRCLE_USER}/vcs-origin/github.com/my-org/my-repo/vcs-ref/refs/heads/main`,
  subjectV1: `org/${CIRCLE_ORG}/project/${CIRCLE_PROJECT}/user/${CIRCLE_USER}`,
  claims: {
    'oidc.circleci.com/context-ids': [],
    'oidc.circleci.com/job-id': '6a5e1f0b-0c1d-4d55-9a3b-0d8d7f0c2e11',
    'oidc.circleci.com/org-id': CIRCLE_ORG,
    'oidc.circleci.com/pipeline-definition-id': '1d2c3b4a-5e6f-4a7b-8c9d-0e1f2a3b4c5d',
    'oidc.circleci.com/pipeline-id': '7f8e9d0c-1b2a-4c3d-9e4f-5a6b7c8d9e0f',
    'oidc.circleci.com/project-id': CIRCLE_PROJECT,
    'oidc.circleci.com/ssh-rerun': false,
    'oidc.circleci.com/vcs-origin': 'github.com/my-org/my-repo',
    'oidc.circleci.com/vcs-ref': 'refs/heads/main',
    'oidc.circleci.com/workflow-id': '2e3f4a5b-6c7d-4e8f-9a0b-1c2d3e4f5a6b',
  },
  env: {
    CI: 'true',
    CIRCLECI: 'true',
    CIRCLE_ORGANIZATION_ID: CIRCLE_ORG,
    CIRCLE_PROJECT_ID: CIRCLE_PROJECT,
    CIRCLE_PROJECT_USERNAME: 'my-org',
    CIRCLE_PROJECT_REPONAME: 'my-repo',
    CIRCLE_BRANCH: 'main',
    CIRCLE_SHA1: '5d2f0c8e9a1b4c7d6e3f2a1b0c9d8e7f6a5b4c3d',
    CIRCLE_BUILD_NUM: '1042',
    CIRCLE_BUILD_URL: 'https://circleci.com/gh/my-org/my-repo/1042',
    CIRCLE_JOB: 'deploy',
    CIRCLE_USERNAME: 'octo-dev',
    CIRCLE_PIPELINE_ID: '7f8e9d0c-1b2a-4c3d-9e4f-5a6b7c8d9e0f',
    CIRCLE_WORKFLOW_ID: '2e3f4a5b-6c7d-4e8f-9a0b-1c2d3e4f5a6b',
    CIRCLE_WORKFLOW_JOB_ID: '6a5e1f0b-0c1d-4d55-9a3b-0d8d7f0c2e11',
  },
};

export const BUILDKITE = {
  issuer: 'https://agent.buildkite.com',
  subject:
    'organization:acme-inc:pipeline:deploy-app:ref:refs/heads/main:commit:9f3182061f1e2cca4702c368cbc039b7dc9d4485:step:deploy',
  claims: {
    organization_id: '0e9c1bd4-7e0a-4f5f-9a2b-3c4d5e6f7a8b',
    organization_slug: 'acme-inc',
    pipeline_id: '4b3a2c1d-0e9f-4a8b-b7c6-d5e4f3a2b1c0',
    pipeline_slug: 'deploy-app',
    build_number: 1,
    build_branch: 'main',
    build_commit: '9f3182061f1e2cca4702c368cbc039b7dc9d4485',
    build_source: 'webhook',
    step_key: 'deploy',
    job_id: '0184990a-477b-4fa8-9968-496074483cee',
    agent_id: '0184990a-4782-42b5-afc1-16715b10b8ff',
  },
  env: {
    CI: 'true',
    BUILDKITE: 'true',
    BUILDKITE_AGENT_ACCESS_TOKEN: 'bkagent-3e1f8c0a9d7b6e5f4a3b2c1d0e9f8a7b',
    BUILDKITE_JOB_ID: '0184990a-477b-4fa8-9968-496074483cee',
    BUILDKITE_BUILD_ID: '0184990a-3f0e-4e0a-8c3e-aa1b2c3d4e5f',
    BUILDKITE_BUILD_NUMBER: '1',
    BUILDKITE_ORGANIZATION_SLUG: 'acme-inc',
    BUILDKITE_PIPELINE_SLUG: 'deploy-app',
    BUILDKITE_PIPELINE_NAME: 'Deploy app',
    BUILDKITE_BRANCH: 'main',
    BUILDKITE_COMMIT: '9f3182061f1e2cca4702c368cbc039b7dc9d4485',
    BUILDKITE_BUILD_URL: 'https://buildkite.com/acme-inc/deploy-app/builds/1',
    BUILDKITE_BUILD_CREATOR: 'Keith Pitt',
    BUILDKITE_SOURCE: 'webhook',
    BUILDKITE_RETRY_COUNT: '0',
    BUILDKITE_STEP_KEY: 'deploy',
  },
};

const BB_REPO = '{7d0e9c4b-3a2f-4e1d-8c6b-5a4f3e2d1c0b}';
const BB_STEP = '{a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d}';
export const BITBUCKET = {
  issuer: 'https://api.bitbucket.org/2.0/workspaces/my-workspace/pipelines-config/identity/oidc',
  subject: `${BB_REPO}:${BB_STEP}`,
  claims: {
    accountUuid: '{c3d4e5f6-a7b8-4c9d-8e0f-1a2b3c4d5e6f}',
    workspaceUuid: '{0f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0}',
    repositoryUuid: BB_REPO,
    pipelineUuid: '{9e8d7c6b-5a4f-4e3d-2c1b-0a9f8e7d6c5b}',
    stepUuid: BB_STEP,
    branchName: 'main',
  },
  env: {
    CI: 'true',
    BITBUCKET_BUILD_NUMBER: '77',
    BITBUCKET_COMMIT: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4',
    BITBUCKET_WORKSPACE: 'my-workspace',
    BITBUCKET_REPO_SLUG: 'my-repo',
    BITBUCKET_REPO_FULL_NAME: 'my-workspace/my-repo',
    BITBUCKET_REPO_UUID: BB_REPO,
    BITBUCKET_BRANCH: 'main',
    BITBUCKET_PIPELINE_UUID: '{9e8d7c6b-5a4f-4e3d-2c1b-0a9f8e7d6c5b}',
    BITBUCKET_STEP_UUID: BB_STEP,
    BITBUCKET_STEP_TRIGGERER_UUID: '{c3d4e5f6-a7b8-4c9d-8e0f-1a2b3c4d5e6f}',
    BITBUCKET_GIT_HTTP_ORIGIN: 'http://bitbucket.org/my-workspace/my-repo',
  },
};

const ADO_ORG_ID = '8f2b1c3d-4e5f-4a6b-9c7d-0e1f2a3b4c5d';
export const AZURE_PIPELINES = {
  issuer: `https://vstoken.dev.azure.com/${ADO_ORG_ID}`,
  subject: 'sc://my-org/my-project/my-azure-connection',
  connectionId: '5c4b3a29-1807-4f6e-9d5c-4b3a29180716',
  claims: {},
  env: {
    TF_BUILD: 'True',
    SYSTEM_ACCESSTOKEN: 'ado-job-access-token-0123456789abcdef0123456789abcdef',
    SYSTEM_COLLECTIONURI: 'https://dev.azure.com/my-org/',
    SYSTEM_TEAMPROJECT: 'my-project',
    SYSTEM_TEAMPROJECTID: '1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d',
    SYSTEM_JOBID: '12f1170f-54f2-53f3-20dd-22fc7dff55f9',
    SYSTEM_JOBATTEMPT: '1',
    BUILD_BUILDID: '1234',
    BUILD_REPOSITORY_NAME: 'my-repo',
    BUILD_SOURCEBRANCH: 'refs/heads/main',
    BUILD_SOURCEVERSION: '2c1b0a9f8e7d6c5b4a3f2e1d0c9b8a7f6e5d4c3b',
    BUILD_DEFINITIONNAME: 'deploy',
    BUILD_REQUESTEDFOR: 'Ada Lovelace',
    BUILD_REASON: 'IndividualCI',
  },
};

const HARNESS_ACCOUNT = 'px7xd_BFRCi-pfWPYXVjvw';
export const HARNESS = {
  issuer: `https://app.harness.io/ng/api/oidc/account/${HARNESS_ACCOUNT}`,
  subject: 'pipeline:deploy_to_azure',
  claims: {
    account_id: HARNESS_ACCOUNT,
    organization_id: 'default',
    project_id: 'payments',
    pipeline_id: 'deploy_to_azure',
    context: 'pipeline:deploy_to_azure',
    triggered_by_name: 'Ada Lovelace',
  },
  env: {
    CI: 'true',
    DRONE: 'true',
    HARNESS_ACCOUNT_ID: HARNESS_ACCOUNT,
    HARNESS_ORG_ID: 'default',
    HARNESS_PROJECT_ID: 'payments',
    HARNESS_PIPELINE_ID: 'deploy_to_azure',
    HARNESS_BUILD_ID: '57',
    HARNESS_STAGE_ID: 'deploy',
    DRONE_REPO: 'acme/payments',
    DRONE_COMMIT_SHA: '0a1b2c3d4e5f60718293a4b5c6d7e8f901234567',
    DRONE_COMMIT_BRANCH: 'main',
    DRONE_BUILD_NUMBER: '57',
    DRONE_BUILD_EVENT: 'push',
  },
};

export const JENKINS = {
  issuer: 'https://jenkins.example.com/oidc',
  subject: 'https://jenkins.example.com/job/deploy-app/',
  claims: { build_number: 88 },
  env: {
    JENKINS_URL: 'https://jenkins.example.com/',
    BUILD_NUMBER: '88',
    JOB_NAME: 'deploy-app',
    BUILD_TAG: 'jenkins-deploy-app-88',
    BUILD_URL: 'https://jenkins.example.com/job/deploy-app/88/',
    GIT_COMMIT: '3c2b1a0f9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b',
    GIT_BRANCH: 'origin/main',
    GIT_URL: 'https://github.com/acme/deploy-app.git',
  },
};

export const DRONE_ENV = {
  CI: 'true',
  DRONE: 'true',
  DRONE_REPO: 'octocat/hello-world',
  DRONE_COMMIT_REF: 'refs/heads/master',
  DRONE_COMMIT_SHA: 'bcdd4bf0245c82c060407b3b24b9b87301d15ac1',
  DRONE_COMMIT_BRANCH: 'master',
  DRONE_BUILD_NUMBER: '22',
  DRONE_BUILD_EVENT: 'push',
  DRONE_BUILD_LINK: 'https://drone.company.com/octocat/hello-world/22',
  DRONE_STAGE_NAME: 'default',
  DRONE_STEP_NAME: 'deploy',
  DRONE_COMMIT_AUTHOR: 'octocat',
};

export const TRAVIS_ENV = {
  CI: 'true',
  TRAVIS: 'true',
  TRAVIS_REPO_SLUG: 'acme/deploy-app',
  TRAVIS_BRANCH: 'main',
  TRAVIS_PULL_REQUEST: 'false',
  TRAVIS_COMMIT: '6f5e4d3c2b1a09f8e7d6c5b4a39281706f5e4d3c',
  TRAVIS_BUILD_ID: '670012',
  TRAVIS_JOB_ID: '670013',
  TRAVIS_EVENT_TYPE: 'push',
  TRAVIS_JOB_WEB_URL: 'https://app.travis-ci.com/github/acme/deploy-app/jobs/670013',
  TRAVIS_SECURE_ENV_VARS: 'true',
};

export const SIMULATED_ISSUERS = [GITLAB, CIRCLECI, BUILDKITE, BITBUCKET, AZURE_PIPELINES, HARNESS, JENKINS].map(
  (ci) => ({ issuer: ci.issuer }),
);

export function pathWithFakes(): string {
  return `${FAKE_BIN}${delimiter}${process.env['PATH'] ?? '/usr/bin:/bin'}`;
}

/** Environment for the fake `circleci` / `buildkite-agent`: how to mint through the sandbox. */
export function fakeToolEnv(
  sandbox: Sandbox,
  issuer: string,
  claims: Record<string, unknown>,
  log: string,
): Record<string, string> {
  return {
    PATH: pathWithFakes(),
    FAKE_CI_NODE: process.execPath,
    FAKE_CI_SANDBOX: sandbox.origin,
    FAKE_CI_MINT_TOKEN: sandbox.idTokenRequestToken,
    FAKE_CI_ISSUER: issuer,
    FAKE_CI_CLAIMS: JSON.stringify(claims),
    FAKE_CI_LOG: log,
  };
}

/** Collects every secret a scenario handled, and checks outputs against all of them. */
export class LeakCheck {
  private readonly secrets = new Set<string>();
  private readonly outputs: { name: string; text: string }[] = [];

  add(...values: string[]): void {
    for (const v of values) if (v.length >= 8) this.secrets.add(v);
  }

  /** A PEM private key: its base64 lines (any 40-char run of them would be a leak). */
  addPrivateKey(pem: string): void {
    for (const line of pem.split('\n')) if (/^[A-Za-z0-9+/=]{40,}$/.test(line.trim())) this.secrets.add(line.trim());
  }

  record(name: string, result: ProcessResult): ProcessResult {
    this.outputs.push({ name, text: `${result.stdout}\n${result.stderr}` });
    this.check(name, `${result.stdout}\n${result.stderr}`);
    return result;
  }

  check(name: string, text: string): void {
    expect(text, `${name}: JWT-shaped text in output`).not.toMatch(/eyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}/);
    expect(text, `${name}: private key in output`).not.toMatch(/-----BEGIN [A-Z ]*PRIVATE KEY-----/);
    for (const s of this.secrets) expect(text.includes(s), `${name}: a secret appeared in output`).toBe(false);
  }

  /** Re-checks every output against every secret known by now (later scenarios add secrets). */
  checkAll(): number {
    for (const { name, text } of this.outputs) this.check(name, text);
    return this.outputs.length;
  }
}
