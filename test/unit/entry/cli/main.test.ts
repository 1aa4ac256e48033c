/**
 * The CLI's main, called in-process against the in-process sandbox: what a command prints, where,
 * and its exit code, with the environment, streams, clock and HTTP client injected.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { decodeJwt } from '../../../../src/core/jwt.js';
import { main } from '../../../../src/entry/cli/main.js';
import type { Sandbox } from '../../../../src/sandbox/index.js';
import { startSandbox } from '../../../../src/sandbox/index.js';
import { captureIo } from '../../../helpers/entry-io.js';

let sandbox: Sandbox;
let dir: string;

beforeAll(async () => {
  sandbox = await startSandbox();
  dir = mkdtempSync(join(tmpdir(), 'ef-unit-cli-'));
});
afterAll(async () => {
  await sandbox.close();
  rmSync(dir, { recursive: true, force: true });
});

/** A CI token in a 0600 file, as --id-token-file reads it. */
function tokenFile(claims: Record<string, unknown> = {}): string {
  const path = join(dir, `token-${Math.random().toString(16).slice(2)}.jwt`);
  writeFileSync(path, sandbox.mintIdToken({ claims }), { mode: 0o600 });
  return path;
}

const target = () => [
  '--client-id',
  sandbox.clientId,
  '--tenant-id',
  sandbox.tenantId,
  '--authority-host',
  sandbox.authorityHost,
];

describe('token', () => {
  test('prints only the access token, for the scope asked', async () => {
    const { io, stdout, stderr } = captureIo({});
    const code = await main(
      ['token', '--id-token-file', tokenFile(), ...target(), '--scope', 'https://vault.azure.net/.default'],
      io,
    );
    expect(code).toBe(0);
    expect(stderr()).toBe('');
    const lines = stdout().split('\n');
    expect(lines).toHaveLength(2);
    expect(decodeJwt(lines[0] ?? '').claims['aud']).toBe('https://vault.azure.net');
  });

  test('on GitHub the runner is told to mask it first, on stderr', async () => {
    const { io, stdout, stderr } = captureIo({ GITHUB_ACTIONS: 'true' });
    expect(await main(['token', '--id-token-file', tokenFile(), ...target()], io)).toBe(0);
    expect(stderr()).toBe(`::add-mask::${stdout().trim()}\n`);
  });

  test("a token no federated credential holds: exit 1, the error and the doctor's reading on stderr", async () => {
    const { io, stdout, stderr } = captureIo({});
    const code = await main(
      ['token', '--id-token-file', tokenFile({ sub: 'repo:octo-org/octo-repo:pull_request' }), ...target()],
      io,
    );
    expect(code).toBe(1);
    expect(stdout()).toBe('');
    expect(stderr()).toContain('code:           NO_MATCHING_FIC (AADSTS70021)');
    expect(stderr()).toContain('subject:        repo:octo-org/octo-repo:pull_request');
    expect(stderr()).toMatch(/\nentra-federate doctor:\n[\s\S]*pull_request/);
  });

  test('a secret on the command line is refused before anything is sent: exit 2', async () => {
    const before = sandbox.requests.length;
    const { io, stderr } = captureIo({});
    expect(await main(['token', '--client-secret', 'x', ...target()], io)).toBe(2);
    expect(stderr()).toContain('SECRET_ON_COMMAND_LINE');
    expect(stderr()).toContain('AZURE_CLIENT_SECRET');
    expect(sandbox.requests.length).toBe(before);
  });
});

describe('login', () => {
  test('--json prints the summary on stdout, never a token', async () => {
    const { io, stdout, stderr } = captureIo({});
    const code = await main(['login', '--json', '--id-token-file', tokenFile(), ...target()], io);
    expect(code).toBe(0);
    expect(stderr()).toBe('');
    const summary = JSON.parse(stdout()) as { clientId: string; tokens: { scope: string }[] };
    expect(summary.clientId).toBe(sandbox.clientId);
    expect(summary.tokens.map((t) => t.scope)).toEqual(['https://management.azure.com/.default']);
    expect(stdout()).not.toMatch(/eyJ[\w-]+\.eyJ/);
  });

  test('--export env writes the variables to --export-file and the token file it names', async () => {
    const exportFile = join(dir, 'azure.env');
    const { io, stderr } = captureIo({ RUNNER_TEMP: dir });
    const code = await main(
      ['login', '--id-token-file', tokenFile(), ...target(), '--export', 'env', '--export-file', exportFile],
      io,
    );
    expect(code).toBe(0);
    expect(stderr()).toContain(`variables written to --export-file ${exportFile}`);
    const text = readFileSync(exportFile, 'utf8');
    expect(text).toContain(`export AZURE_CLIENT_ID='${sandbox.clientId}'`);
    const file = /export AZURE_FEDERATED_TOKEN_FILE='([^']+)'/.exec(text)?.[1] ?? '';
    expect(decodeJwt(readFileSync(file, 'utf8')).claims['iss']).toBe(sandbox.issuer);
  });

  test('--json failure: one JSON object on stdout with the diagnosis, exit 1', async () => {
    const { io, stdout } = captureIo({});
    const code = await main(
      ['login', '--json', '--id-token-file', tokenFile({ sub: 'repo:octo-org/octo-repo:pull_request' }), ...target()],
      io,
    );
    expect(code).toBe(1);
    const failure = JSON.parse(stdout()) as { ok: boolean; error: { code: string }; diagnosis?: { ok: boolean } };
    expect(failure).toMatchObject({ ok: false, error: { code: 'NO_MATCHING_FIC' }, diagnosis: { ok: false } });
  });
});

test('usage: no command is exit 2 with the usage, an unknown one names it', async () => {
  const none = captureIo({});
  expect(await main([], none.io)).toBe(2);
  expect(none.stdout()).toContain('Usage: entra-federate <command>');
  const unknown = captureIo({});
  expect(await main(['tokn\u001b[31m'], unknown.io)).toBe(2);
  expect(unknown.stderr()).toContain('unknown command "tokn?[31m"');
});
