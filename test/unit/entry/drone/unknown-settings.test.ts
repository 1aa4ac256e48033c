/**
 * A mistyped setting (`clientid:` for `client_id:`) arrives as PLUGIN_CLIENTID, which nothing
 * reads: the plugin says so, naming the closest setting it knows, before it signs in.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { main } from '../../../../src/entry/drone/main.js';
import { unknownSettings } from '../../../../src/entry/drone/settings.js';
import type { Sandbox } from '../../../../src/sandbox/index.js';
import { startSandbox } from '../../../../src/sandbox/index.js';
import { captureIo } from '../../../helpers/entry-io.js';
import { DRONE_ENV } from '../../../helpers/providers.js';

const SECRET_APP = '7e2d3c4b-5f60-4b7c-9d8e-0f1a2b3c4d5e';
const CLIENT_SECRET = 'drone-unknown-settings-secret-5c1d';

let sandbox: Sandbox;
let workspace: string;

beforeAll(async () => {
  sandbox = await startSandbox({ config: { apps: [{ clientId: SECRET_APP, secrets: [CLIENT_SECRET] }] } });
  workspace = mkdtempSync(join(tmpdir(), 'ef-unit-drone-unknown-'));
});
afterAll(async () => {
  await sandbox.close();
  rmSync(workspace, { recursive: true, force: true });
});

test('PLUGIN_CLIENTID: a warning naming client_id, before the failure it causes', async () => {
  const { io, stderr } = captureIo({
    ...DRONE_ENV,
    DRONE_WORKSPACE: workspace,
    PLUGIN_CLIENTID: SECRET_APP,
    PLUGIN_TENANT_ID: sandbox.tenantId,
    PLUGIN_AUTHORITY_HOST: sandbox.authorityHost,
    PLUGIN_CLIENT_SECRET: CLIENT_SECRET,
  });
  expect(await main(io)).toBe(2);
  const text = stderr();
  expect(text).toMatch(/warning: .*`clientid` \(PLUGIN_CLIENTID\).*`client_id`/);
  expect(text.indexOf('warning:')).toBeLessThan(text.indexOf('what to do:'));
  // The value is never shown: a mistyped client_secret would be a secret.
  expect(text).not.toContain(SECRET_APP);
});

test('a mistyped secret setting is named, its value never shown; the run still succeeds', async () => {
  const { io, stdout, stderr } = captureIo({
    ...DRONE_ENV,
    DRONE_WORKSPACE: workspace,
    PLUGIN_CLIENT_ID: SECRET_APP,
    PLUGIN_TENANT_ID: sandbox.tenantId,
    PLUGIN_AUTHORITY_HOST: sandbox.authorityHost,
    PLUGIN_CLIENT_SECRET: CLIENT_SECRET,
    PLUGIN_SCOPE: 'https://vault.azure.net/.default',
  });
  expect(await main(io)).toBe(0);
  expect(stderr()).toMatch(/warning: .*`scope` \(PLUGIN_SCOPE\).*`scopes`/);
  expect(stdout() + stderr()).not.toContain(CLIENT_SECRET);
});

test("known settings, Drone's own debug and Harness's token are not warned about", () => {
  expect(
    unknownSettings({
      PLUGIN_CLIENT_ID: 'x',
      PLUGIN_TENANT_ID: 'x',
      PLUGIN_SCOPES: 'x',
      PLUGIN_AUDIENCE: 'x',
      PLUGIN_CLOUD: 'x',
      PLUGIN_AUTHORITY_HOST: 'x',
      PLUGIN_TIMEOUT: 'x',
      PLUGIN_CERTIFICATE: 'x',
      PLUGIN_CLIENT_SECRET: 'x',
      PLUGIN_OIDC_TOKEN_ID: 'x',
      PLUGIN_OUTPUT: 'x',
      PLUGIN_POLICY: 'x',
      PLUGIN_AUDIT_LOG: 'x',
      PLUGIN_DEBUG: 'true',
      DRONE_REPO: 'x',
    }),
  ).toEqual([]);
});

test('each unknown setting names its closest known one', () => {
  expect(unknownSettings({ PLUGIN_TENNANT_ID: 'x', PLUGIN_AUDITLOG: 'x', PLUGIN_CERT: 'x' })).toEqual([
    { variable: 'PLUGIN_AUDITLOG', setting: 'auditlog', closest: 'audit_log' },
    { variable: 'PLUGIN_CERT', setting: 'cert', closest: 'certificate' },
    { variable: 'PLUGIN_TENNANT_ID', setting: 'tennant_id', closest: 'tenant_id' },
  ]);
});
