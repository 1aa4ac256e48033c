/**
 * The identity endpoint's main, called in-process: it rebuilds the login from the values it is
 * given, serves the App Service managed-identity protocol on loopback against the in-process
 * sandbox, and stops cleanly. The clock is injected, so an expired job token needs no waiting.
 */
import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { createNodeHttpClient } from '../../../../src/core/http.js';
import { decodeJwt } from '../../../../src/core/jwt.js';
import type { ReadyLine } from '../../../../src/handoff/identity-endpoint/launch.js';
import { main } from '../../../../src/entry/identity/main.js';
import type { Sandbox } from '../../../../src/sandbox/index.js';
import { startSandbox } from '../../../../src/sandbox/index.js';

const SECRET = 'c'.repeat(64);
let sandbox: Sandbox;
let dir: string;

beforeAll(async () => {
  sandbox = await startSandbox();
  dir = mkdtempSync(join(tmpdir(), 'ef-unit-identity-'));
});
afterAll(async () => {
  await sandbox.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Starts an endpoint in this process; `exited` settles when it asks the process to exit. */
async function start(config: string, now: () => number = Date.now) {
  const answers: ReadyLine[] = [];
  let exit: (code: number) => void = () => undefined;
  const exited = new Promise<number>((resolve) => {
    exit = resolve;
  });
  const http = createNodeHttpClient({ userAgent: 'entra-federate-unit-test' });
  const running = await main({
    config,
    env: {},
    http: () => http,
    now,
    pid: process.pid,
    entry: '/dist/identity/index.js',
    answer: (line) => answers.push(line),
    exit: (code) => exit(code),
  });
  return { running, answers, exited };
}

function endpointConfig(stateFile: string): string {
  const tokenFile = join(dir, `ci-${Math.random().toString(16).slice(2)}.jwt`);
  writeFileSync(tokenFile, sandbox.mintIdToken(), { mode: 0o600 });
  return JSON.stringify({
    version: 1,
    secret: SECRET,
    stateFile,
    tokenFiles: [],
    idleTimeoutSeconds: 3600,
    values: {
      'client-id': sandbox.clientId,
      'tenant-id': sandbox.tenantId,
      'authority-host': sandbox.authorityHost,
      'id-token-file': tokenFile,
    },
  });
}

async function ask(port: number, resource: string): Promise<{ status: number; body: Record<string, string> }> {
  const url = `http://127.0.0.1:${port}/msi/token?api-version=2019-08-01&resource=${encodeURIComponent(resource)}`;
  const response = await fetch(url, { headers: { 'X-IDENTITY-HEADER': SECRET } });
  return { status: response.status, body: (await response.json()) as Record<string, string> };
}

test('answers ready, serves a token for the resource asked, and stops leaving nothing behind', async () => {
  const stateFile = join(dir, 'state-ok.json');
  const { running, answers, exited } = await start(endpointConfig(stateFile));
  expect(running).toBeDefined();
  expect(answers).toEqual([{ ok: true, pid: process.pid, port: running?.port }]);
  expect(statSync(stateFile).mode & 0o777).toBe(0o600);
  const { status, body } = await ask(running?.port ?? 0, 'https://vault.azure.net');
  expect(status).toBe(200);
  expect(body['resource']).toBe('https://vault.azure.net');
  expect(decodeJwt(body['access_token'] ?? '').claims['aud']).toBe('https://vault.azure.net');
  running?.shutdown(0);
  expect(await exited).toBe(0);
  expect(existsSync(stateFile)).toBe(false);
});

test('an expired job token is refused with what to do for that CI, not sent to Entra', async () => {
  const stateFile = join(dir, 'state-expired.json');
  const twoHoursLater = () => Date.now() + 2 * 3600_000;
  const { running, exited } = await start(endpointConfig(stateFile), twoHoursLater);
  const before = sandbox.requests.filter((r) => r.target === 'token').length;
  const { status, body } = await ask(running?.port ?? 0, 'https://management.azure.com');
  expect(status).toBe(400);
  expect(body['error']).toBe('ID_TOKEN_EXPIRED');
  expect(body['error_description']).toContain('sign in again with a fresh token');
  expect(sandbox.requests.filter((r) => r.target === 'token').length).toBe(before);
  running?.shutdown(0);
  await exited;
});

test('started without its configuration: answers why and exits 2, with nothing listening', async () => {
  const { running, answers, exited } = await start('not json');
  expect(running).toBeUndefined();
  expect(answers).toEqual([
    {
      ok: false,
      error: expect.objectContaining({ code: 'INVALID_ENDPOINT_CONFIG', usage: true }),
    },
  ]);
  expect(await exited).toBe(2);
});
