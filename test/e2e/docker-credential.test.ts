/**
 * docker against Azure Container Registry past the life of every token: a GitHub job signs in
 * with `--export acr:<registry>` (with and without the identity endpoint); later, docker's way of
 * asking for credentials (docker-credential-entra-federate get, the registry on stdin, from the
 * PATH and DOCKER_CONFIG the export set) keeps answering after the CI token (5 s) and the first
 * access token (10 s) expired. The registry stand-in exchanges only unexpired Entra tokens the
 * sandbox issued, verified with the sandbox's keys. No docker engine is needed: docker runs the
 * helper exactly this way (stdin/stdout) before each push or pull.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { startSandbox } from '../../src/sandbox/index.js';
import type { Sandbox } from '../../src/sandbox/index.js';
import { githubJob, parseFileCommands } from '../helpers/handoff.js';
import { startRegistry } from '../helpers/registry.js';
import type { TestRegistry } from '../helpers/registry.js';
import { baseEnv, runCli, runProcess } from './run.js';

const NULL_USER = '00000000-0000-0000-0000-000000000000';
let sandbox: Sandbox;
let registry: TestRegistry;
let root: string;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

beforeAll(async () => {
  sandbox = await startSandbox({ config: { idTokenLifetimeSeconds: 5, accessTokenLifetimeSeconds: 10 } });
  registry = await startRegistry(sandbox);
  root = mkdtempSync(join(tmpdir(), 'ef-docker-credential-'));
});
afterAll(async () => {
  await registry.close();
  await sandbox.close();
  rmSync(root, { recursive: true, force: true });
});

async function signIn(
  name: string,
  exports: string,
): Promise<{ job: Record<string, string>; env: Record<string, string> }> {
  const job: Record<string, string> = {
    ...githubJob(sandbox, mkdtempSync(join(root, `${name}-`))),
    NODE_EXTRA_CA_CERTS: registry.caCertFile,
  };
  const login = await runCli(['login', '--export', exports], job);
  expect(login.code, login.stderr).toBe(0);
  const exported = parseFileCommands(readFileSync(job['GITHUB_ENV'] ?? '', 'utf8'));
  return { job, env: baseEnv({ ...job, ...exported }) };
}

async function dockerGet(env: Record<string, string>): Promise<string> {
  const got = await runProcess('docker-credential-entra-federate', ['get'], { env, input: `${registry.host}\n` });
  expect(got.code, got.stderr).toBe(0);
  expect(got.stderr).toBe('');
  const answer = JSON.parse(got.stdout) as { ServerURL: string; Username: string; Secret: string };
  expect(answer.ServerURL).toBe(registry.host);
  expect(answer.Username).toBe(NULL_USER);
  return answer.Secret;
}

test('docker gets fresh ACR credentials after the CI token and the first access token expired, with and without the identity endpoint', async () => {
  const withEndpoint = await signIn('endpoint', `identity-endpoint,acr:${registry.host}`);
  const fresh = await signIn('fresh', `acr:${registry.host}`);
  expect(withEndpoint.env['IDENTITY_ENDPOINT']).toBeDefined();
  expect(fresh.env['IDENTITY_ENDPOINT']).toBeUndefined();
  const verdictsBefore = registry.verifier.verdicts.length;
  const secrets = [await dockerGet(withEndpoint.env), await dockerGet(fresh.env)];
  // Past the CI token's 5 s and the first access token's 10 s.
  await sleep(11_000);
  for (let i = 0; i < 3; i++) {
    secrets.push(await dockerGet(withEndpoint.env), await dockerGet(fresh.env));
    await sleep(2000);
  }
  // Each answer is a refresh token the registry issued just then, for an Entra token it verified.
  const verdicts = registry.verifier.verdicts.slice(verdictsBefore);
  expect(verdicts.filter((v) => !v.ok)).toEqual([]);
  expect(verdicts.length).toBe(secrets.length);
  expect(new Set(secrets).size).toBe(secrets.length);
  for (const secret of secrets) expect(registry.refreshTokens).toContain(secret);
  for (const { job, env } of [withEndpoint, fresh]) {
    const logout = await runCli(['logout'], { ...job, ...env });
    expect(logout.code, logout.stderr).toBe(0);
  }
}, 120_000);

test('a registry that is not an ACR login server is refused before any request, naming the rule', async () => {
  const { env, job } = await signIn('refuse', `acr:${registry.host}`);
  const tokens = sandbox.requests.length;
  const exchanges = registry.requests.length;
  for (const server of ['registry.example.com', 'https://index.docker.io/v1/', 'myregistry.azurecr.io.evil.example']) {
    const got = await runProcess('docker-credential-entra-federate', ['get'], { env, input: `${server}\n` });
    expect(got.code, server).toBe(2);
    expect(got.stderr).toContain('is not an Azure Container Registry login server, so no token is sent to it');
    expect(got.stderr).toContain('*.azurecr.io, *.azurecr.us, *.azurecr.cn');
    // Docker shows the helper's stdout when it fails: the same sentence, and no credential.
    expect(got.stdout).toContain('is not an Azure Container Registry login server');
    expect(got.stdout).not.toContain('Secret');
  }
  expect(sandbox.requests.length).toBe(tokens);
  expect(registry.requests.length).toBe(exchanges);
  // The rest of docker's protocol: store and erase are accepted and ignored, list names nothing.
  for (const action of ['store', 'erase']) {
    const r = await runProcess('docker-credential-entra-federate', [action], {
      env,
      input: JSON.stringify({ ServerURL: registry.host, Username: NULL_USER, Secret: 'x' }),
    });
    expect(r.code, action).toBe(0);
    expect(r.stdout).toBe('');
  }
  const list = await runProcess('docker-credential-entra-federate', ['list'], { env });
  expect(list.code).toBe(0);
  expect(JSON.parse(list.stdout)).toEqual({});
  expect(sandbox.requests.length).toBe(tokens);
  await runCli(['logout'], { ...job, ...env });
}, 60_000);
