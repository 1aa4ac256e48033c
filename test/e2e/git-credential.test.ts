/**
 * git against Azure Repos past the life of every token: a GitHub job signs in with
 * `--export identity-endpoint,git`; later steps run real `git ls-remote` against a loopback
 * smart-HTTP server (git http-backend) that accepts only unexpired Azure DevOps tokens the sandbox
 * issued. CI tokens live 5 s and access tokens 10 s: every git command after that still works,
 * because git asks the credential helper each time and the helper asks the identity endpoint.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { startSandbox } from '../../src/sandbox/index.js';
import type { Sandbox } from '../../src/sandbox/index.js';
import { startGitServer } from '../helpers/git-server.js';
import type { GitServer } from '../helpers/git-server.js';
import { githubJob, parseFileCommands } from '../helpers/handoff.js';
import { baseEnv, runCli, runProcess } from './run.js';

let sandbox: Sandbox;
let git: GitServer;
let dir: string;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

beforeAll(async () => {
  sandbox = await startSandbox({ config: { idTokenLifetimeSeconds: 5, accessTokenLifetimeSeconds: 10 } });
  git = await startGitServer(sandbox);
  dir = mkdtempSync(join(tmpdir(), 'ef-git-credential-'));
});
afterAll(async () => {
  await git.close();
  await sandbox.close();
  rmSync(dir, { recursive: true, force: true });
});

/** The exported GIT_CONFIG_* plus the same helper for the loopback server (Azure DevOps' stand-in). */
function gitStepEnv(exported: Record<string, string>, origin: string, home: string): Record<string, string> {
  const count = Number(exported['GIT_CONFIG_COUNT'] ?? '0');
  const helper = exported['GIT_CONFIG_VALUE_1'] ?? '';
  return baseEnv({
    ...exported,
    HOME: home,
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_TERMINAL_PROMPT: '0',
    GIT_CONFIG_COUNT: String(count + 1),
    [`GIT_CONFIG_KEY_${count}`]: `credential.${origin}.helper`,
    [`GIT_CONFIG_VALUE_${count}`]: helper,
  });
}

test('git ls-remote keeps working after the CI token and the first access token expired', async () => {
  const job = githubJob(sandbox, dir);
  const login = await runCli(['login', '--export', 'identity-endpoint,git'], job);
  expect(login.code, login.stderr).toBe(0);
  expect(login.stderr).toContain('each git command gets a fresh token from the identity endpoint');
  const exported = parseFileCommands(readFileSync(job['GITHUB_ENV'] ?? '', 'utf8'));
  expect(exported['GIT_CONFIG_KEY_1']).toBe('credential.https://dev.azure.com.helper');
  const env = gitStepEnv(exported, git.origin, dir);
  const before = sandbox.requests.filter((r) => r.target === 'token').length;
  const lsRemote = () => runProcess('git', ['ls-remote', git.repoUrl], { env, cwd: dir });

  const first = await lsRemote();
  expect(first.code, first.stderr).toBe(0);
  expect(first.stdout).toMatch(/^[0-9a-f]{40}\tHEAD$/m);
  await sleep(11_000);
  for (let i = 0; i < 3; i++) {
    const later = await lsRemote();
    expect(later.code, later.stderr).toBe(0);
    expect(later.stdout).toMatch(/refs\/heads\/main$/m);
    await sleep(2000);
  }
  // Every token git presented was valid (git's first, unauthenticated tries carry none).
  const presented = git.verifier.verdicts;
  expect(presented.filter((v) => v.ok).length).toBeGreaterThanOrEqual(4);
  expect(presented.filter((v) => !v.ok)).toEqual([]);
  // Renewed through the endpoint's cache: a few exchanges, not one per git command's request.
  const exchanges = sandbox.requests.filter((r) => r.target === 'token').length - before;
  expect(exchanges).toBeGreaterThanOrEqual(1);
  expect(exchanges).toBeLessThanOrEqual(presented.length);
  const logout = await runCli(['logout'], { ...job, ...exported });
  expect(logout.code, logout.stderr).toBe(0);
}, 120_000);
