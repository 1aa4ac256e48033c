/**
 * The Action's `access-tokens` output: every requested scope's token, as one JSON object from
 * scope to token, each token masked before any output is written. `access-token` and
 * `expires-on` stay the first scope's.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { createNodeHttpClient } from '../../../../src/core/http.js';
import { decodeJwt } from '../../../../src/core/jwt.js';
import { main } from '../../../../src/entry/github/main.js';
import { githubRunner } from '../../../../src/entry/github/runner.js';
import type { Sandbox } from '../../../../src/sandbox/index.js';
import { startSandbox } from '../../../../src/sandbox/index.js';

let sandbox: Sandbox;
let root: string;

beforeAll(async () => {
  sandbox = await startSandbox();
  root = mkdtempSync(join(tmpdir(), 'ef-unit-access-tokens-'));
});
afterAll(async () => {
  await sandbox.close();
  rmSync(root, { recursive: true, force: true });
});

/** The runner's output file, KEY<<DELIM heredocs, as a map. */
function outputs(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of text.matchAll(/^([\w-]+)<<(\S+)\n([\s\S]*?)\n\2$/gm)) out[m[1] ?? ''] = m[3] ?? '';
  return out;
}

async function step(inputs: Record<string, string>) {
  const dir = mkdtempSync(join(root, 'step-'));
  const env: Record<string, string> = {
    GITHUB_ACTIONS: 'true',
    GITHUB_REPOSITORY: 'octo-org/octo-repo',
    RUNNER_TEMP: dir,
    ACTIONS_ID_TOKEN_REQUEST_URL: sandbox.idTokenRequestUrl,
    ACTIONS_ID_TOKEN_REQUEST_TOKEN: sandbox.idTokenRequestToken,
  };
  for (const name of ['GITHUB_OUTPUT', 'GITHUB_STATE', 'GITHUB_STEP_SUMMARY']) {
    env[name] = join(dir, name);
    writeFileSync(env[name], '');
  }
  for (const [name, value] of Object.entries(inputs)) env[`INPUT_${name.toUpperCase()}`] = value;
  let log = '';
  const runner = githubRunner(env, (text) => {
    log += text;
  });
  const http = createNodeHttpClient({ userAgent: 'entra-federate-unit-test' });
  const code = await main({ env, runner, http: () => http, now: Date.now });
  return { code, log, outputs: outputs(readFileSync(env['GITHUB_OUTPUT'] ?? '', 'utf8')) };
}

const ARM = 'https://management.azure.com/.default';
const VAULT = 'https://vault.azure.net/.default';

test('two scopes: access-tokens maps each to its token, every token masked before it is written', async () => {
  const {
    code,
    log,
    outputs: out,
  } = await step({
    'client-id': sandbox.clientId,
    'tenant-id': sandbox.tenantId,
    'authority-host': sandbox.authorityHost,
    scopes: `${ARM}\n${VAULT}`,
  });
  expect(code, log).toBe(0);
  const tokens = JSON.parse(out['access-tokens'] ?? '{}') as Record<string, string>;
  expect(Object.keys(tokens)).toEqual([ARM, VAULT]);
  expect(decodeJwt(tokens[ARM] ?? '').claims['aud']).toBe('https://management.azure.com');
  expect(decodeJwt(tokens[VAULT] ?? '').claims['aud']).toBe('https://vault.azure.net');
  expect(out['access-token']).toBe(tokens[ARM]);
  const masks = [...log.matchAll(/^::add-mask::(.+)$/gm)].map((m) => m[1]);
  expect(masks).toContain(tokens[ARM]);
  expect(masks).toContain(tokens[VAULT]);
  // expires-on stays the first token's.
  const exp = decodeJwt(tokens[ARM] ?? '').claims['exp'] as number;
  expect(out['expires-on']).toBe(new Date(exp * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z'));
});

test('a bare resource is keyed by the scope it was turned into', async () => {
  const { code, outputs: out } = await step({
    'client-id': sandbox.clientId,
    'tenant-id': sandbox.tenantId,
    'authority-host': sandbox.authorityHost,
    scopes: 'https://vault.azure.net',
  });
  expect(code).toBe(0);
  expect(Object.keys(JSON.parse(out['access-tokens'] ?? '{}') as object)).toEqual([VAULT]);
});
