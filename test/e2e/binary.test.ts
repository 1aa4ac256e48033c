/**
 * The standalone executable (`npm run build:binary`) as a runner without Node runs it: an
 * environment whose PATH has `sh` and nothing else, the binary called by its absolute path,
 * against the sandbox on loopback. It signs in (`token`), explains claims (`doctor`), verifies a
 * CI token with the issuer's keys (`verify`), and is the same bytes when built again.
 */
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startSandbox } from '../../src/sandbox/index.js';
import type { Sandbox } from '../../src/sandbox/index.js';
import { BINARY_NAME, BUILD_TIMEOUT_MS, CAN_BUILD_BINARY, buildBinary, toolDir } from '../helpers/binary.js';
import { PACKAGE_VERSION } from '../helpers/packages.js';
import type { ProcessResult } from './run.js';

const AUDIENCE = 'api://AzureADTokenExchange';
let sandbox: Sandbox;
let dir: string;
let binary: string;
let noNodePath: string;

beforeAll(async () => {
  if (!CAN_BUILD_BINARY) return;
  dir = mkdtempSync(join(tmpdir(), 'ef-binary-'));
  [sandbox, binary] = await Promise.all([startSandbox(), buildBinary()]);
  noNodePath = toolDir(join(dir, 'bin'), ['sh']);
}, BUILD_TIMEOUT_MS);
afterAll(async () => {
  if (!CAN_BUILD_BINARY) return;
  await sandbox.close();
  rmSync(dir, { recursive: true, force: true });
});

/** The binary with only HOME, LANG and a PATH holding `sh`: no node, no npm. */
function runBinary(args: string[], env: Record<string, string> = {}, input = ''): Promise<ProcessResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(binary, args, {
      env: { PATH: noNodePath, HOME: dir, LANG: 'C.UTF-8', ...env },
      cwd: dir,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      stdout += d;
    });
    child.stderr.setEncoding('utf8').on('data', (d: string) => {
      stderr += d;
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(input);
  });
}

let files = 0;
function tokenFile(token: string): string {
  const file = join(dir, `ci-token-${++files}`);
  writeFileSync(file, token, { mode: 0o600 });
  return file;
}

function coords(): Record<string, string> {
  return {
    AZURE_CLIENT_ID: sandbox.clientId,
    AZURE_TENANT_ID: sandbox.tenantId,
    AZURE_AUTHORITY_HOST: sandbox.authorityHost,
  };
}

const claimsOf = (jwt: string): Record<string, unknown> =>
  JSON.parse(Buffer.from(jwt.split('.')[1] ?? '', 'base64url').toString('utf8')) as Record<string, unknown>;

describe.skipIf(!CAN_BUILD_BINARY)(`the standalone ${BINARY_NAME}`, () => {
  test('the environment really has no node: sh finds none', () => {
    const probe = spawnSync(join(noNodePath, 'sh'), ['-c', 'command -v node npm || echo none'], {
      env: { PATH: noNodePath },
      encoding: 'utf8',
    });
    expect(probe.stdout.trim()).toBe('none');
  });

  test('--version is the package version; a bad flag is exit 2 with the remedy, no stack trace', async () => {
    const version = await runBinary(['--version']);
    expect(version).toEqual({ code: 0, stdout: `${PACKAGE_VERSION}\n`, stderr: '' });
    const bad = await runBinary(['token', '--bogus']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("Unknown option '--bogus'");
    expect(bad.stderr).not.toMatch(/\n\s+at /);
    // No "ExperimentalWarning: Single executable application" line: the config disables it.
    expect(bad.stderr).not.toContain('Warning');
  });

  test('token: an access token from the sandbox, and nothing else on stdout', async () => {
    const before = sandbox.requests.filter((r) => r.target === 'token').length;
    const ci = sandbox.mintIdToken();
    const result = await runBinary(['token', '--id-token-file', tokenFile(ci), '--scope', 'https://vault.azure.net'], {
      ...coords(),
    });
    expect(result.stderr).toContain('/.default');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+\n$/);
    const claims = claimsOf(result.stdout.trim());
    expect(claims['aud']).toBe('https://vault.azure.net');
    expect(claims['appid']).toBe(sandbox.clientId);
    const sent = sandbox.requests.filter((r) => r.target === 'token').slice(before);
    expect(sent.map((r) => [r.status, r.form?.['client_id'], r.form?.['client_assertion_type']])).toEqual([
      [200, sandbox.clientId, 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer'],
    ]);
    expect(result.stderr).not.toContain(ci);
  });

  test('token from the GitHub-style ID-token endpoint, masked before it is printed', async () => {
    const result = await runBinary(['token'], {
      ...coords(),
      GITHUB_ACTIONS: 'true',
      ACTIONS_ID_TOKEN_REQUEST_URL: sandbox.idTokenRequestUrl,
      ACTIONS_ID_TOKEN_REQUEST_TOKEN: sandbox.idTokenRequestToken,
    });
    expect(result.code).toBe(0);
    expect(result.stderr).toBe(`::add-mask::${result.stdout}`);
  });

  test('doctor: a matching FIC exits 0; a wrong subject exits 1 and says what to change', async () => {
    const file = tokenFile(sandbox.mintIdToken({ claims: { sub: 'repo:octo-org/octo-repo:environment:prod' } }));
    const expect_ = (subject: string) => [
      'doctor',
      '--json',
      '--id-token-file',
      file,
      '--expect-issuer',
      sandbox.issuer,
      '--expect-subject',
      subject,
      '--expect-audience',
      AUDIENCE,
    ];
    const good = await runBinary(expect_('repo:octo-org/octo-repo:environment:prod'));
    expect(good.stderr).toBe('');
    expect(good.code).toBe(0);
    expect((JSON.parse(good.stdout) as { ok: boolean }).ok).toBe(true);

    const bad = await runBinary(expect_('repo:octo-org/octo-repo:ref:refs/heads/main'));
    expect(bad.code).toBe(1);
    const d = JSON.parse(bad.stdout) as {
      ok: boolean;
      comparisons: { checks: { field: string; verdict: string }[] }[];
      suggestion: { subject: string };
    };
    expect(d.ok).toBe(false);
    expect(d.comparisons[0]?.checks.find((c) => c.field === 'subject')?.verdict).toBe('environment-vs-branch');
    expect(d.suggestion.subject).toBe('repo:octo-org/octo-repo:environment:prod');
  });

  test("verify: the issuer's discovery and keys accept a CI token and refuse a forged signature", async () => {
    const a = sandbox.mintIdToken();
    const ok = await runBinary(['verify', '--issuer', sandbox.issuer, '--audience', AUDIENCE], {}, a);
    expect(ok.code).toBe(0);
    expect(ok.stderr).toContain('verified');
    expect(sandbox.requests.some((r) => r.path.includes('/.well-known/openid-configuration'))).toBe(true);

    const b = sandbox.mintIdToken({ claims: { ref: 'refs/heads/other' } });
    const forged = `${a.split('.').slice(0, 2).join('.')}.${b.split('.')[2] ?? ''}`;
    const refused = await runBinary(['verify', '--issuer', sandbox.issuer, '--audience', AUDIENCE], {}, forged);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('SIGNATURE_INVALID');
    for (const t of [a, b, forged]) expect(refused.stderr + ok.stderr + ok.stdout).not.toContain(t);
  });

  test(
    'reproducible: a second build from scratch is the same bytes',
    async () => {
      const again = await buildBinary(['--out', join(dir, 'again'), '--force']);
      const digest = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');
      expect(digest(again)).toBe(digest(binary));
    },
    BUILD_TIMEOUT_MS,
  );
});
