/**
 * The Drone plugin's main, called in-process with PLUGIN_* settings and a Drone job's
 * environment, against the in-process sandbox.
 */
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { main } from '../../../../src/entry/drone/main.js';
import type { Sandbox } from '../../../../src/sandbox/index.js';
import { startSandbox } from '../../../../src/sandbox/index.js';
import { captureIo } from '../../../helpers/entry-io.js';
import { DRONE_ENV } from '../../../helpers/providers.js';

const SECRET_APP = '6e2d3c4b-5f60-4b7c-9d8e-0f1a2b3c4d5e';
const CLIENT_SECRET = 'drone-unit-secret-3b8f1c2a9d';

let sandbox: Sandbox;
let workspace: string;

beforeAll(async () => {
  sandbox = await startSandbox({ config: { apps: [{ clientId: SECRET_APP, secrets: [CLIENT_SECRET] }] } });
  workspace = mkdtempSync(join(tmpdir(), 'ef-unit-drone-'));
});
afterAll(async () => {
  await sandbox.close();
  rmSync(workspace, { recursive: true, force: true });
});

const settings = (extra: Record<string, string> = {}) => ({
  ...DRONE_ENV,
  DRONE_WORKSPACE: workspace,
  PLUGIN_CLIENT_ID: SECRET_APP,
  PLUGIN_TENANT_ID: sandbox.tenantId,
  PLUGIN_AUTHORITY_HOST: sandbox.authorityHost,
  ...extra,
});

test('signs in with the client secret and leaves a 0600 env file, with no token in the log', async () => {
  const { io, stdout, stderr } = captureIo(settings({ PLUGIN_CLIENT_SECRET: CLIENT_SECRET }));
  expect(await main(io)).toBe(0);
  expect(stderr()).toBe('');
  const envFile = join(workspace, '.entra-federate/env');
  expect(statSync(envFile).mode & 0o777).toBe(0o600);
  const text = readFileSync(envFile, 'utf8');
  const token = /^export AZURE_ACCESS_TOKEN='([^']+)'$/m.exec(text)?.[1] ?? '';
  expect(token).toMatch(/^eyJ/);
  expect(stdout()).toContain(`signed in as client ${SECRET_APP}`);
  expect(stdout()).toContain(`env file:       ${envFile}`);
  expect(stdout()).not.toContain(token);
  expect(stdout()).not.toContain(CLIENT_SECRET);
});

test('a wrong secret: exit 1, what Entra said and what to change, on stderr', async () => {
  const { io, stdout, stderr } = captureIo(settings({ PLUGIN_CLIENT_SECRET: 'not-the-secret' }));
  expect(await main(io)).toBe(1);
  expect(stdout()).toBe('');
  expect(stderr()).toMatch(/code: +\w+ \(AADSTS7000215\)/);
  expect(stderr()).toContain('what to do:');
  expect(stderr()).not.toContain('not-the-secret');
});

test('no credential at all: exit 2, in the words of the settings', async () => {
  const before = sandbox.requests.length;
  const { io, stderr } = captureIo(settings());
  expect(await main(io)).toBe(2);
  expect(stderr()).toContain('NO_CREDENTIAL');
  expect(stderr()).toContain('Drone issues no OIDC tokens, and neither `certificate` nor `client_secret` is set.');
  expect(sandbox.requests.length).toBe(before);
});
