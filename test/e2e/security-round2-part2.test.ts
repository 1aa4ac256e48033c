/**
 * Security and correctness, round two (second half), as a user meets it: the built CLI, the
 * Action and the Drone plugin as processes against the sandbox on loopback. Each scenario is
 * one guarantee of docs/security-guarantees-part2.md.
 */
import { execFileSync } from 'node:child_process';
import {
  chmodSync,
  chownSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startSandbox } from '../../src/sandbox/index.js';
import type { Sandbox } from '../../src/sandbox/index.js';
import { CIRCLECI, ciClaims, SIMULATED_ISSUERS } from '../helpers/providers.js';
import { runCli } from './run.js';
import type { ProcessResult } from './run.js';

let sandbox: Sandbox;
let dir: string;

beforeAll(async () => {
  sandbox = await startSandbox({ config: { issuers: SIMULATED_ISSUERS } });
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

/** Another user's uid: as root, files chowned to it stand for files someone else planted. */
const NOBODY = 65534;
const asRoot = process.getuid?.() === 0;
let n = 0;

/** A fresh job directory (its TMPDIR) and a CI token file in it. */
function job(): { dir: string; args: string[]; env: Record<string, string> } {
  const dir = join(dir0(), `job-${++n}`);
  mkdirSync(dir, { mode: 0o700 });
  const tokenFile = join(dir, 'ci-token.jwt');
  writeFileSync(tokenFile, sandbox.mintIdToken({}), { mode: 0o600 });
  return {
    dir,
    args: ['--id-token-file', tokenFile, '--client-id', sandbox.clientId, '--tenant-id', sandbox.tenantId],
    env: { AZURE_AUTHORITY_HOST: sandbox.authorityHost, TMPDIR: dir },
  };
}
const dir0 = (): string => dir;

function refusedBeforeAnyRequest(r: ProcessResult, before: number, pattern: RegExp): void {
  expect(r.code, r.stderr).toBe(2);
  expect(r.stderr).toMatch(pattern);
  expect(r.stderr).toMatch(/what to do: +\S/);
  expect(sandbox.requests.length).toBe(before);
}

describe('files someone else owns, or that are not files', () => {
  test.skipIf(!asRoot)('a 0600 --export-file owned by another user receives nothing', async () => {
    const { dir, args, env } = job();
    const file = join(dir, 'azure.env');
    writeFileSync(file, '# theirs\n', { mode: 0o600 });
    chownSync(file, NOBODY, NOBODY);
    const before = sandbox.requests.length;
    const r = await runCli(['login', ...args, '--export', 'env', '--export-file', file], env);
    refusedBeforeAnyRequest(r, before, /is owned by another user \(uid 65534/);
    expect(readFileSync(file, 'utf8')).toBe('# theirs\n');
  });

  test.skipIf(!asRoot)('a 0600 --audit-log owned by another user receives nothing', async () => {
    const { dir, args, env } = job();
    const file = join(dir, 'audit.jsonl');
    writeFileSync(file, '', { mode: 0o600 });
    chownSync(file, NOBODY, NOBODY);
    const before = sandbox.requests.length;
    const r = await runCli(['login', ...args, '--audit-log', file], env);
    refusedBeforeAnyRequest(r, before, /is owned by another user \(uid 65534/);
    expect(readFileSync(file, 'utf8')).toBe('');
  });

  test.skipIf(!asRoot)("CircleCI's $BASH_ENV owned by another user receives nothing", async () => {
    const { dir, env } = job();
    const bashEnv = join(dir, 'bash-env');
    writeFileSync(bashEnv, 'export EXISTING=1\n', { mode: 0o644 });
    chownSync(bashEnv, NOBODY, NOBODY);
    const token = sandbox.mintIdToken({
      issuer: CIRCLECI.issuer,
      claims: ciClaims({ ...CIRCLECI.claims, sub: CIRCLECI.subjectV2 }),
    });
    const before = sandbox.requests.length;
    const r = await runCli(
      ['login', '--export', 'env', '--client-id', sandbox.clientId, '--tenant-id', sandbox.tenantId],
      {
        ...env,
        ...CIRCLECI.env,
        CIRCLE_OIDC_TOKEN_V2: token,
        BASH_ENV: bashEnv,
      },
    );
    refusedBeforeAnyRequest(r, before, /\$BASH_ENV .* is owned by another user/);
    expect(readFileSync(bashEnv, 'utf8')).toBe('export EXISTING=1\n');
  });

  test('a group-writable --audit-log is refused', async () => {
    const { dir, args, env } = job();
    const file = join(dir, 'audit.jsonl');
    writeFileSync(file, '');
    chmodSync(file, 0o664);
    const before = sandbox.requests.length;
    const r = await runCli(['login', ...args, '--audit-log', file], env);
    refusedBeforeAnyRequest(r, before, /can be written by other users \(mode 664\)/);
  });

  test.each([
    ['--export-file', (file: string) => ['--export', 'env', '--export-file', file]],
    ['--audit-log', (file: string) => ['--audit-log', file]],
  ])('a FIFO planted at %s does not hang the job: exit 2 at once', async (_flag, extra) => {
    const { dir, args, env } = job();
    const fifo = join(dir, 'planted');
    execFileSync('mkfifo', ['-m', '600', fifo]);
    const before = sandbox.requests.length;
    const r = await runCli(['login', ...args, ...extra(fifo)], env);
    refusedBeforeAnyRequest(r, before, /is not a regular file/);
  });

  test('a symlink at --export-file is never followed', async () => {
    const { dir, args, env } = job();
    const target = join(dir, 'target.env');
    writeFileSync(target, '', { mode: 0o600 });
    const link = join(dir, 'link.env');
    execFileSync('ln', ['-s', target, link]);
    const before = sandbox.requests.length;
    const r = await runCli(['login', ...args, '--export', 'env', '--export-file', link], env);
    refusedBeforeAnyRequest(r, before, /symbolic link/);
    expect(readFileSync(target, 'utf8')).toBe('');
    expect(existsSync(link)).toBe(true);
    expect(readdirSync(dir).filter((f) => f.startsWith('entra-federate-'))).toEqual([]);
  });
});
