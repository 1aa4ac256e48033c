/**
 * The Action's main, called in-process with the environment a runner gives (INPUT_*, the
 * runner's files, the ID-token request variables pointing at the in-process sandbox) and a
 * runner whose workflow commands are captured.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { createNodeHttpClient } from '../../../../src/core/http.js';
import { main } from '../../../../src/entry/github/main.js';
import { githubRunner } from '../../../../src/entry/github/runner.js';
import type { Sandbox } from '../../../../src/sandbox/index.js';
import { startSandbox } from '../../../../src/sandbox/index.js';

let sandbox: Sandbox;
let root: string;

beforeAll(async () => {
  sandbox = await startSandbox();
  root = mkdtempSync(join(tmpdir(), 'ef-unit-action-'));
});
afterAll(async () => {
  await sandbox.close();
  rmSync(root, { recursive: true, force: true });
});

/** One step: a fresh set of runner files, the inputs given, and the log it wrote. */
async function step(inputs: Record<string, string>) {
  const dir = mkdtempSync(join(root, 'step-'));
  const files = { GITHUB_OUTPUT: 'output', GITHUB_ENV: 'env', GITHUB_STATE: 'state', GITHUB_STEP_SUMMARY: 'summary' };
  const env: Record<string, string> = {
    GITHUB_ACTIONS: 'true',
    GITHUB_REPOSITORY: 'octo-org/octo-repo',
    GITHUB_RUN_ID: '42',
    RUNNER_TEMP: dir,
    ACTIONS_ID_TOKEN_REQUEST_URL: sandbox.idTokenRequestUrl,
    ACTIONS_ID_TOKEN_REQUEST_TOKEN: sandbox.idTokenRequestToken,
  };
  for (const [name, file] of Object.entries(files)) {
    env[name] = join(dir, file);
    writeFileSync(env[name], '');
  }
  for (const [name, value] of Object.entries(inputs)) env[`INPUT_${name.toUpperCase()}`] = value;
  let log = '';
  const runner = githubRunner(env, (text) => {
    log += text;
  });
  const http = createNodeHttpClient({ userAgent: 'entra-federate-unit-test' });
  const code = await main({ env, runner, http: () => http, now: Date.now });
  const read = (name: keyof typeof files): string => readFileSync(env[name] ?? '', 'utf8');
  return { code, log, read };
}

const target = () => ({
  'client-id': sandbox.clientId,
  'tenant-id': sandbox.tenantId,
  'authority-host': sandbox.authorityHost,
});

test('signs in: masks first, then outputs, the env export and the state post needs', async () => {
  const { code, log, read } = await step({ ...target(), export: 'env' });
  expect(code).toBe(0);
  const token = /access-token<<(\S+)\n([^\n]+)\n\1/.exec(read('GITHUB_OUTPUT'))?.[2] ?? '';
  expect(token).toMatch(/^eyJ/);
  const masks = [...log.matchAll(/^::add-mask::(.+)$/gm)].map((m) => m[1]);
  expect(masks).toContain(token);
  expect(log.indexOf(`::add-mask::${token}`)).toBeLessThan(log.indexOf('signed in as client'));
  expect(log.replace(/^::add-mask::.*$/gm, '')).not.toContain(token);
  expect(read('GITHUB_ENV')).toContain(`AZURE_CLIENT_ID<<`);
  const tokenFile = /AZURE_FEDERATED_TOKEN_FILE<<(\S+)\n([^\n]+)\n\1/.exec(read('GITHUB_ENV'))?.[2] ?? '';
  expect(JSON.parse(/files<<(\S+)\n([^\n]+)\n\1/.exec(read('GITHUB_STATE'))?.[2] ?? '[]')).toEqual([tokenFile]);
  expect(read('GITHUB_STEP_SUMMARY')).toContain('signed in to Microsoft Entra ID');
});

test("a token the app's credentials do not hold: one annotation, the doctor's reading, exit 1", async () => {
  const { code, log, read } = await step({ ...target(), audience: 'api://SomethingElse' });
  expect(code).toBe(1);
  const errors = log.split('\n').filter((line) => line.startsWith('::error::'));
  expect(errors).toHaveLength(1);
  expect(errors[0]).toContain('NO_MATCHING_FIC (AADSTS70021)');
  expect(log).toContain('\nentra-federate doctor:\n');
  expect(read('GITHUB_OUTPUT')).toBe('');
  expect(read('GITHUB_STEP_SUMMARY')).toContain('sign-in failed');
});

test('a missing input fails before any request: exit 2, named as an input', async () => {
  const before = sandbox.requests.length;
  const { code, log } = await step({ 'tenant-id': sandbox.tenantId });
  expect(code).toBe(2);
  expect(log).toMatch(/^::error::entra-federate: The `client-id` input is empty\./m);
  expect(sandbox.requests.length).toBe(before);
});
