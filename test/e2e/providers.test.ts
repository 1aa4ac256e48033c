/**
 * Each CI's identity, end to end: the built CLI runs as a process in the environment that CI
 * gives a job (its variables, its token in its place, its own token command on PATH), against
 * the sandbox trusting that CI's issuer with a matching federated credential. No --provider:
 * the CLI must recognise the CI itself. Failures must name that CI's exact fix.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startSandbox } from '../../src/sandbox/index.js';
import type { Sandbox } from '../../src/sandbox/index.js';
import { runCli } from './run.js';
import type { ProcessResult } from './run.js';
import {
  AUDIENCE,
  AZURE_PIPELINES,
  BITBUCKET,
  BUILDKITE,
  CIRCLECI,
  CIRCLE_ORG,
  GITLAB,
  HARNESS,
  JENKINS,
  LeakCheck,
  SIMULATED_ISSUERS,
  ciClaims,
  fakeToolEnv,
} from '../helpers/providers.js';

let sandbox: Sandbox;
let dir: string;
let ado: http.Server;
let adoUrl: string;
const adoRequests: { method: string; url: string; headers: http.IncomingHttpHeaders }[] = [];
const leaks = new LeakCheck();

/** One app per scenario, so a success proves that scenario's FIC matched. */
function app(fic: { issuer: string; subject: string; audience?: string }): string {
  const clientId = randomUUID();
  sandbox.addApp({
    clientId,
    federatedCredentials: [{ issuer: fic.issuer, subject: fic.subject, audiences: [fic.audience ?? AUDIENCE] }],
  });
  return clientId;
}

function mint(
  issuer: string,
  subject: string,
  claims: Record<string, unknown>,
  audience = AUDIENCE,
  lifetimeSeconds?: number,
): string {
  const token = sandbox.mintIdToken({
    issuer,
    audience,
    claims: ciClaims({ ...claims, sub: subject }),
    ...(lifetimeSeconds === undefined ? {} : { lifetimeSeconds }),
  });
  leaks.add(token);
  return token;
}

function tokenRequests(clientId: string) {
  return sandbox.requests.filter((r) => r.target === 'token' && r.form?.['client_id'] === clientId);
}

async function login(
  name: string,
  clientId: string,
  env: Record<string, string>,
  args: string[] = [],
): Promise<ProcessResult> {
  const result = await runCli(
    [
      'login',
      '--json',
      '--client-id',
      clientId,
      '--tenant-id',
      sandbox.tenantId,
      '--authority-host',
      sandbox.authorityHost,
      ...args,
    ],
    env,
  );
  return leaks.record(name, result);
}

function summary(result: ProcessResult): any {
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  return JSON.parse(result.stdout);
}

function logFile(): string {
  const file = join(dir, `tool-${randomUUID()}.log`);
  writeFileSync(file, '');
  return file;
}

function calls(file: string): { tool: string; argv: string[] }[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line));
}

beforeAll(async () => {
  sandbox = await startSandbox({ config: { issuers: SIMULATED_ISSUERS } });
  dir = mkdtempSync(join(tmpdir(), 'ef-providers-'));
  // Azure DevOps' OIDC endpoint, as AzurePipelinesCredential calls it: POST with the job's
  // access token, one service connection, {"oidcToken": ...} back.
  ado = http.createServer((req, res) => {
    adoRequests.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers });
    const url = new URL(req.url ?? '/', 'http://localhost');
    const reply = (status: number, body: unknown) =>
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    if (req.method !== 'POST' || !url.pathname.endsWith('/oidctoken') || url.searchParams.get('api-version') !== '7.1')
      return reply(404, { message: 'not found' });
    if (req.headers.authorization !== `Bearer ${AZURE_PIPELINES.env.SYSTEM_ACCESSTOKEN}`)
      return reply(401, { message: 'TF400813: The user is not authorized to access this resource.' });
    if (url.searchParams.get('serviceConnectionId') !== AZURE_PIPELINES.connectionId)
      return reply(404, { message: 'Service connection not found.' });
    return reply(200, { oidcToken: mint(AZURE_PIPELINES.issuer, AZURE_PIPELINES.subject, AZURE_PIPELINES.claims) });
  });
  await new Promise<void>((resolve) => ado.listen(0, '127.0.0.1', resolve));
  adoUrl = `http://127.0.0.1:${(ado.address() as AddressInfo).port}/my-org/${AZURE_PIPELINES.env.SYSTEM_TEAMPROJECTID}/_apis/distributedtask/hubs/build/plans/7f3c1e2d-0b9a-4c8d-8e7f-6a5b4c3d2e1f/jobs/${AZURE_PIPELINES.env.SYSTEM_JOBID}/oidctoken`;
  leaks.add(
    sandbox.idTokenRequestToken,
    BUILDKITE.env.BUILDKITE_AGENT_ACCESS_TOKEN,
    AZURE_PIPELINES.env.SYSTEM_ACCESSTOKEN,
  );
});

afterAll(async () => {
  await sandbox.close();
  await new Promise<void>((resolve) => ado.close(() => resolve()));
  rmSync(dir, { recursive: true, force: true });
});

describe('GitHub Actions (run: step)', () => {
  test('the runtime ID-token endpoint is found from the runner variables', async () => {
    const result = await login('github', sandbox.clientId, {
      CI: 'true',
      GITHUB_ACTIONS: 'true',
      ACTIONS_ID_TOKEN_REQUEST_URL: sandbox.idTokenRequestUrl,
      ACTIONS_ID_TOKEN_REQUEST_TOKEN: sandbox.idTokenRequestToken,
      GITHUB_REPOSITORY: 'octo-org/octo-repo',
      GITHUB_RUN_ID: '9876543210',
    });
    const out = summary(result);
    expect(out.credential).toBe('federated');
    expect(out.idToken.sub).toBe('repo:octo-org/octo-repo:ref:refs/heads/main');
    expect(out.ci).toMatchObject({ provider: 'github', repository: 'octo-org/octo-repo', runId: '9876543210' });
  });
});

describe('GitLab CI', () => {
  test('id_tokens: GITLAB_OIDC_TOKEN is used without any flag', async () => {
    const clientId = app({ issuer: GITLAB.issuer, subject: GITLAB.subject });
    const token = mint(GITLAB.issuer, GITLAB.subject, GITLAB.claims);
    const out = summary(await login('gitlab', clientId, { ...GITLAB.env, GITLAB_OIDC_TOKEN: token }));
    expect(out.idToken).toMatchObject({ iss: 'https://gitlab.com', sub: GITLAB.subject, aud: AUDIENCE });
    expect(out.ci).toEqual({
      provider: 'gitlab',
      repository: 'my-group/my-project',
      ref: 'refs/heads/main',
      sha: GITLAB.env.CI_COMMIT_SHA,
      workflow: 'deploy',
      runId: '574',
      jobId: '302',
      actor: 'sample-user',
      eventName: 'push',
      runUrl: GITLAB.env.CI_JOB_URL,
    });
    expect(tokenRequests(clientId).map((r) => r.status)).toEqual([200]);
  });

  test("a token under another name is taken with --id-token-env, and the job context stays GitLab's", async () => {
    const clientId = app({ issuer: GITLAB.issuer, subject: GITLAB.subject });
    const token = mint(GITLAB.issuer, GITLAB.subject, GITLAB.claims);
    const out = summary(
      await login('gitlab-named', clientId, { ...GITLAB.env, AZURE_ID_TOKEN: token }, [
        '--id-token-env',
        'AZURE_ID_TOKEN',
      ]),
    );
    expect(out.idToken.sub).toBe(GITLAB.subject);
    expect(out.ci.provider).toBe('gitlab');
  });

  test('without id_tokens the error says exactly what to add, names a token under another name, and nothing is sent', async () => {
    const clientId = app({ issuer: GITLAB.issuer, subject: GITLAB.subject });
    const other = mint(GITLAB.issuer, GITLAB.subject, GITLAB.claims);
    const result = await login('gitlab-missing', clientId, {
      ...GITLAB.env,
      VAULT_ID_TOKEN: other,
      CI_JOB_JWT_V2: 'legacy',
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('id_tokens: GITLAB_OIDC_TOKEN: aud: api://AzureADTokenExchange');
    expect(result.stderr).toContain('--id-token-env VAULT_ID_TOKEN');
    expect(result.stderr).toContain('CI_JOB_JWT');
    expect(tokenRequests(clientId)).toEqual([]);
  });

  test('the fix names the audience of the cloud in use', async () => {
    const result = await login('gitlab-usgov', randomUUID(), { ...GITLAB.env }, ['--cloud', 'AzureUSGovernment']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('aud: api://AzureADTokenExchangeUSGov');
  });
});

describe('CircleCI', () => {
  const v2Token = () => mint(CIRCLECI.issuer, CIRCLECI.subjectV2, CIRCLECI.claims, CIRCLE_ORG, 3600);
  const v1Token = () => mint(CIRCLECI.issuer, CIRCLECI.subjectV1, CIRCLECI.claims, CIRCLE_ORG, 3600);

  test('the org-id audience of CIRCLE_OIDC_TOKEN_V2 differs: `circleci run oidc get` mints one for api://AzureADTokenExchange', async () => {
    const clientId = app({ issuer: CIRCLECI.issuer, subject: CIRCLECI.subjectV2 });
    const log = logFile();
    const env = {
      ...CIRCLECI.env,
      CIRCLE_OIDC_TOKEN_V2: v2Token(),
      CIRCLE_OIDC_TOKEN: v1Token(),
      ...fakeToolEnv(sandbox, CIRCLECI.issuer, ciClaims({ ...CIRCLECI.claims, sub: CIRCLECI.subjectV2 }), log),
    };
    const out = summary(await login('circleci-mint', clientId, env));
    expect(calls(log)).toEqual([
      { tool: 'circleci', argv: ['run', 'oidc', 'get', '--claims', '{"aud":"api://AzureADTokenExchange"}'] },
    ]);
    expect(out.idToken).toMatchObject({ iss: CIRCLECI.issuer, sub: CIRCLECI.subjectV2, aud: AUDIENCE });
    expect(out.ci).toMatchObject({
      provider: 'circleci',
      repository: 'my-org/my-repo',
      ref: 'refs/heads/main',
      sha: CIRCLECI.env.CIRCLE_SHA1,
      runId: CIRCLECI.env.CIRCLE_PIPELINE_ID,
      jobId: CIRCLECI.env.CIRCLE_WORKFLOW_JOB_ID,
      actor: 'octo-dev',
      runUrl: CIRCLECI.env.CIRCLE_BUILD_URL,
    });
  });

  test('with --audience set to the org id, CIRCLE_OIDC_TOKEN_V2 is used as it is and nothing is minted', async () => {
    const clientId = app({ issuer: CIRCLECI.issuer, subject: CIRCLECI.subjectV2, audience: CIRCLE_ORG });
    const log = logFile();
    const env = {
      ...CIRCLECI.env,
      CIRCLE_OIDC_TOKEN_V2: v2Token(),
      CIRCLE_OIDC_TOKEN: v1Token(),
      ...fakeToolEnv(sandbox, CIRCLECI.issuer, {}, log),
    };
    const out = summary(await login('circleci-org-aud', clientId, env, ['--audience', CIRCLE_ORG]));
    expect(out.idToken).toMatchObject({ sub: CIRCLECI.subjectV2, aud: CIRCLE_ORG });
    expect(calls(log)).toEqual([]);
  });

  test('only the v1 token: CIRCLE_OIDC_TOKEN is used and its v1 subject presented', async () => {
    const clientId = app({ issuer: CIRCLECI.issuer, subject: CIRCLECI.subjectV1, audience: CIRCLE_ORG });
    const out = summary(
      await login('circleci-v1', clientId, { ...CIRCLECI.env, CIRCLE_OIDC_TOKEN: v1Token() }, [
        '--audience',
        CIRCLE_ORG,
      ]),
    );
    expect(out.idToken.sub).toBe(CIRCLECI.subjectV1);
  });

  test('no token in the environment at all: `circleci run oidc get` is asked for one', async () => {
    const clientId = app({ issuer: CIRCLECI.issuer, subject: CIRCLECI.subjectV2 });
    const log = logFile();
    const env = {
      ...CIRCLECI.env,
      ...fakeToolEnv(sandbox, CIRCLECI.issuer, ciClaims({ ...CIRCLECI.claims, sub: CIRCLECI.subjectV2 }), log),
    };
    const out = summary(await login('circleci-no-env-token', clientId, env));
    expect(out.idToken.aud).toBe(AUDIENCE);
    expect(calls(log)).toHaveLength(1);
  });

  test('without the circleci CLI the error says how to use the org-id audience instead', async () => {
    const clientId = app({ issuer: CIRCLECI.issuer, subject: CIRCLECI.subjectV2 });
    const result = await login('circleci-no-cli', clientId, {
      ...CIRCLECI.env,
      PATH: '/nonexistent',
      CIRCLE_OIDC_TOKEN_V2: v2Token(),
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`--audience ${CIRCLE_ORG}`);
    expect(result.stderr).toContain('`circleci` was not found on PATH');
    expect(tokenRequests(clientId)).toEqual([]);
  });

  test('a failing `circleci` is reported by exit code and a scrubbed stderr, never its output', async () => {
    const clientId = app({ issuer: CIRCLECI.issuer, subject: CIRCLECI.subjectV2 });
    const leaked = v2Token();
    const log = logFile();
    const result = await login('circleci-fails', clientId, {
      ...CIRCLECI.env,
      CIRCLE_OIDC_TOKEN_V2: v2Token(),
      ...fakeToolEnv(sandbox, CIRCLECI.issuer, {}, log),
      FAKE_CI_FAIL_CODE: '3',
      FAKE_CI_FAIL_STDERR: `Error: upstream said ${leaked} was rejected`,
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('exited with code 3');
    expect(result.stderr).toContain('[redacted]');
    expect(tokenRequests(clientId)).toEqual([]);
  });
});

describe('Buildkite', () => {
  test("`buildkite-agent oidc request-token --audience` is run with the job's agent token", async () => {
    const clientId = app({ issuer: BUILDKITE.issuer, subject: BUILDKITE.subject });
    const log = logFile();
    const env = {
      ...BUILDKITE.env,
      ...fakeToolEnv(sandbox, BUILDKITE.issuer, ciClaims({ ...BUILDKITE.claims, sub: BUILDKITE.subject }), log),
    };
    const out = summary(await login('buildkite', clientId, env));
    expect(calls(log)).toEqual([{ tool: 'buildkite-agent', argv: ['oidc', 'request-token', '--audience', AUDIENCE] }]);
    expect(out.idToken).toMatchObject({ iss: 'https://agent.buildkite.com', sub: BUILDKITE.subject });
    expect(out.ci).toEqual({
      provider: 'buildkite',
      repository: 'acme-inc/deploy-app',
      ref: 'refs/heads/main',
      sha: BUILDKITE.env.BUILDKITE_COMMIT,
      workflow: 'Deploy app',
      runId: BUILDKITE.env.BUILDKITE_BUILD_ID,
      runAttempt: '0',
      jobId: BUILDKITE.env.BUILDKITE_JOB_ID,
      actor: 'Keith Pitt',
      eventName: 'webhook',
      runUrl: BUILDKITE.env.BUILDKITE_BUILD_URL,
    });
  });

  test('an agent that prints something other than a token is refused before any request', async () => {
    const clientId = app({ issuer: BUILDKITE.issuer, subject: BUILDKITE.subject });
    const result = await login('buildkite-garbage', clientId, {
      ...BUILDKITE.env,
      ...fakeToolEnv(sandbox, BUILDKITE.issuer, {}, logFile()),
      FAKE_CI_STDOUT: 'Not authorized\n',
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('printed something that is not a JWT');
    expect(tokenRequests(clientId)).toEqual([]);
  });

  test('outside a job step (no agent on PATH) the error says how to give the step the agent', async () => {
    const result = await login('buildkite-no-agent', randomUUID(), { ...BUILDKITE.env, PATH: '/nonexistent' });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('mount-buildkite-agent: true');
  });
});

describe('Bitbucket Pipelines', () => {
  test('BITBUCKET_STEP_OIDC_TOKEN of an `oidc: true` step', async () => {
    const clientId = app({ issuer: BITBUCKET.issuer, subject: BITBUCKET.subject });
    const token = mint(BITBUCKET.issuer, BITBUCKET.subject, BITBUCKET.claims);
    const out = summary(await login('bitbucket', clientId, { ...BITBUCKET.env, BITBUCKET_STEP_OIDC_TOKEN: token }));
    expect(out.idToken).toMatchObject({ iss: BITBUCKET.issuer, sub: BITBUCKET.subject });
    expect(out.ci).toMatchObject({
      provider: 'bitbucket',
      repository: 'my-workspace/my-repo',
      ref: 'refs/heads/main',
      jobId: BITBUCKET.env.BITBUCKET_STEP_UUID,
      runUrl: 'https://bitbucket.org/my-workspace/my-repo/pipelines/results/77',
    });
  });

  test('a step without `oidc: true` is told to add it', async () => {
    const result = await login('bitbucket-missing', randomUUID(), { ...BITBUCKET.env });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('`oidc: true`');
    expect(result.stderr).toContain('oidc: audiences: [api://AzureADTokenExchange]');
  });
});

describe('Azure Pipelines', () => {
  const base = () => ({
    ...AZURE_PIPELINES.env,
    SYSTEM_OIDCREQUESTURI: adoUrl,
    AZURESUBSCRIPTION_SERVICE_CONNECTION_ID: AZURE_PIPELINES.connectionId,
  });

  test('POST SYSTEM_OIDCREQUESTURI with the job token and the service connection', async () => {
    const clientId = app({ issuer: AZURE_PIPELINES.issuer, subject: AZURE_PIPELINES.subject });
    const before = adoRequests.length;
    const out = summary(await login('azure-pipelines', clientId, base()));
    expect(out.idToken).toMatchObject({ iss: AZURE_PIPELINES.issuer, sub: AZURE_PIPELINES.subject });
    const sent = adoRequests.slice(before);
    expect(sent).toHaveLength(1);
    expect(sent[0]?.method).toBe('POST');
    const url = new URL(sent[0]?.url ?? '', 'http://x');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      'api-version': '7.1',
      serviceConnectionId: AZURE_PIPELINES.connectionId,
    });
    expect(sent[0]?.headers['x-tfs-fedauthredirect']).toBe('Suppress');
    expect(out.ci).toEqual({
      provider: 'azure-pipelines',
      repository: 'my-repo',
      ref: 'refs/heads/main',
      sha: AZURE_PIPELINES.env.BUILD_SOURCEVERSION,
      workflow: 'deploy',
      runId: '1234',
      runAttempt: '1',
      jobId: AZURE_PIPELINES.env.SYSTEM_JOBID,
      actor: 'Ada Lovelace',
      eventName: 'IndividualCI',
      runUrl: 'https://dev.azure.com/my-org/my-project/_build/results?buildId=1234',
    });
  });

  test('SYSTEM_ACCESSTOKEN not mapped into the step: the exact YAML, and no request anywhere', async () => {
    const before = adoRequests.length;
    const env: Record<string, string> = base();
    delete env['SYSTEM_ACCESSTOKEN'];
    const result = await login('azure-pipelines-no-token', randomUUID(), env);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('SYSTEM_ACCESSTOKEN: $(System.AccessToken)');
    expect(adoRequests.length).toBe(before);
  });

  test('no service connection id: says where the id comes from', async () => {
    const env: Record<string, string> = base();
    delete env['AZURESUBSCRIPTION_SERVICE_CONNECTION_ID'];
    const result = await login('azure-pipelines-no-connection', randomUUID(), env);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('AZURESUBSCRIPTION_SERVICE_CONNECTION_ID');
  });

  test('a refused job token (401) tells how to authorize the pipeline', async () => {
    const result = await login('azure-pipelines-401', randomUUID(), {
      ...base(),
      SYSTEM_ACCESSTOKEN: 'wrong-token-0000000000000000',
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('HTTP 401');
    expect(result.stderr).toContain('Service connections > Security');
  });
});

describe('Harness CI', () => {
  test('PLUGIN_OIDC_TOKEN_ID, detected as Harness even though DRONE=true is also set', async () => {
    const clientId = app({ issuer: HARNESS.issuer, subject: HARNESS.subject });
    const token = mint(HARNESS.issuer, HARNESS.subject, HARNESS.claims);
    const out = summary(await login('harness', clientId, { ...HARNESS.env, PLUGIN_OIDC_TOKEN_ID: token }));
    expect(out.idToken).toMatchObject({ iss: HARNESS.issuer, sub: HARNESS.subject });
    expect(out.ci).toMatchObject({
      provider: 'harness',
      repository: 'acme/payments',
      workflow: 'deploy_to_azure',
      runId: '57',
    });
  });
});

test('Harness without PLUGIN_OIDC_TOKEN_ID says how to get one, or to use a certificate', async () => {
  const result = await login('harness-missing', randomUUID(), { ...HARNESS.env });
  expect(result.code).toBe(2);
  expect(result.stderr).toContain('Harness gave this step no OIDC token');
  expect(result.stderr).toContain('AZURE_CLIENT_CERTIFICATE_PATH');
});

describe('Jenkins', () => {
  test("a withCredentials-bound token via --id-token-env, with the job's Jenkins context", async () => {
    const clientId = app({ issuer: JENKINS.issuer, subject: JENKINS.subject });
    const token = mint(JENKINS.issuer, JENKINS.subject, JENKINS.claims);
    const out = summary(
      await login('jenkins', clientId, { ...JENKINS.env, AZURE_ID_TOKEN: token }, ['--id-token-env', 'AZURE_ID_TOKEN']),
    );
    expect(out.idToken.sub).toBe(JENKINS.subject);
    expect(out.ci).toMatchObject({
      provider: 'jenkins',
      workflow: 'deploy-app',
      runId: '88',
      runUrl: JENKINS.env.BUILD_URL,
    });
  });

  test('without a token the error shows the withCredentials binding', async () => {
    const result = await login('jenkins-missing', randomUUID(), { ...JENKINS.env });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(
      "withCredentials([string(credentialsId: 'azure-id-token', variable: 'AZURE_ID_TOKEN')])",
    );
  });
});

test('no token, agent token or job access token appeared in any output above', () => {
  expect(leaks.checkAll()).toBeGreaterThanOrEqual(20);
});
