/**
 * Security and correctness, round two (second half), as a user meets it: the built CLI, the
 * Action and the Drone plugin as processes against the sandbox on loopback. Each scenario is
 * one guarantee of docs/security-guarantees-part2.md.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startSandbox } from '../../src/sandbox/index.js';
import type { Sandbox } from '../../src/sandbox/index.js';
import { runCli } from './run.js';

let sandbox: Sandbox;
let dir: string;

beforeAll(async () => {
  sandbox = await startSandbox();
  dir = mkdtempSync(join(tmpdir(), 'ef-sec2-'));
});
afterAll(async () => {
  await sandbox.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('a token where a flag value was expected', () => {
  test('verify --issuer X --audience Y "$TOKEN" exits 2 without echoing the token', async () => {
    const token = sandbox.mintIdToken({});
    const r = await runCli(['verify', '--issuer', sandbox.issuer, '--audience', 'api://AzureADTokenExchange', token]);
    expect(r.code, r.stderr).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).not.toContain(token.slice(0, 16));
    expect(r.stderr).toContain(`${token.length} characters`);
    expect(r.stderr).toMatch(/--id-token-file, --id-token-env or standard input/);
  });
});
