/**
 * The standalone executable (`npm run build:binary`) as a runner without Node runs it: an
 * environment whose PATH has `sh` and nothing else, the binary called by its absolute path,
 * against the sandbox on loopback. It signs in (`token`, and `login --export shell` evaluated by
 * that sh), starts the identity endpoint from itself (`login --export identity-endpoint`, served to
 * a client run by an absolute path), explains claims (`doctor`), verifies a CI token with the
 * issuer's keys (`verify`), and is the same bytes when built again.
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
  return runProcess(binary, args, env, input);
}

/** Without blocking this process's event loop: the sandbox answers from it. */
function runProcess(
  file: string,
  args: string[],
  env: Record<string, string> = {},
  input = '',
): Promise<ProcessResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, {
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

  test('login --export shell: `export` lines that sh evaluates into one variable per scope', async () => {
    const vault = 'https://vault.azure.net/.default';
    const login = await runBinary(
      [
        'login',
        '--export',
        'shell',
        '--id-token-file',
        tokenFile(sandbox.mintIdToken()),
        '--scope',
        `https://management.azure.com/.default,${vault}`,
      ],
      coords(),
    );
    expect(login.code).toBe(0);
    expect(login.stderr).toContain('exported for shell scripts: AZURE_ACCESS_TOKEN,');
    expect(login.stderr).not.toMatch(/eyJ[\w-]+\.eyJ/);
    // What a job does with it: eval in sh (no node anywhere on PATH).
    const names = [
      'AZURE_ACCESS_TOKEN',
      'AZURE_ACCESS_TOKEN_VAULT_AZURE_NET',
      'AZURE_ACCESS_TOKEN_EXPIRES_ON',
      'AZURE_CLIENT_ID',
      'AZURE_TENANT_ID',
      'AZURE_AUTHORITY_HOST',
    ];
    const shell = spawnSync(
      join(noNodePath, 'sh'),
      ['-c', `eval "$1" && printf '%s\\n' ${names.map((n) => `"$${n}"`).join(' ')}`, 'sh', login.stdout],
      {
        env: { PATH: noNodePath },
        encoding: 'utf8',
      },
    );
    expect(shell.status).toBe(0);
    const [management, vaultToken, expires, clientId, tenantId, authority] = shell.stdout.split('\n');
    expect(claimsOf(management ?? '')['aud']).toBe('https://management.azure.com');
    expect(claimsOf(vaultToken ?? '')['aud']).toBe('https://vault.azure.net');
    expect(Date.parse(expires ?? '')).toBeGreaterThan(Date.now());
    expect([clientId, tenantId, authority]).toEqual([sandbox.clientId, sandbox.tenantId, sandbox.authorityHost]);

    // Two scopes with one name: refused before any request, and the eval fails with exit 2.
    const before = sandbox.requests.filter((r) => r.target === 'token').length;
    const clash = await runBinary(
      [
        'login',
        '--export',
        'shell',
        '--id-token-file',
        tokenFile(sandbox.mintIdToken()),
        '--scope',
        `${vault},https://management.azure.com,api://management.azure.com`,
      ],
      coords(),
    );
    expect(clash.code).toBe(2);
    expect(clash.stdout).toBe('(exit 2)\n');
    expect(clash.stderr).toContain('would be exported as AZURE_ACCESS_TOKEN_MANAGEMENT_AZURE_COM');
    expect(sandbox.requests.filter((r) => r.target === 'token').length).toBe(before);
    const failed = spawnSync(join(noNodePath, 'sh'), ['-c', 'set -e; eval "$1"; echo went-on', 'sh', clash.stdout], {
      env: { PATH: noNodePath },
      encoding: 'utf8',
    });
    expect([failed.status, failed.stdout]).toEqual([2, '']);
  });

  test('login --export identity-endpoint: the binary starts the endpoint from itself; a client gets a token; logout stops it', async () => {
    const login = await runBinary(
      ['login', '--export', 'shell,identity-endpoint', '--id-token-file', tokenFile(sandbox.mintIdToken())],
      { ...coords(), TMPDIR: dir },
    );
    expect(login.stderr).not.toContain('IDENTITY_ENDPOINT_UNAVAILABLE');
    expect(login.code).toBe(0);
    const exported = Object.fromEntries(
      [...login.stdout.matchAll(/^export (\w+)='([^']*)'$/gm)].map((m) => [m[1] ?? '', m[2] ?? '']),
    );
    expect(exported['IDENTITY_ENDPOINT']).toMatch(/^http:\/\/127\.0\.0\.1:\d+\//);
    expect(exported['IDENTITY_HEADER']).toMatch(/^[0-9a-f]{64}$/);
    expect(exported['ENTRA_FEDERATE_SESSION']).toBeTruthy();
    // The endpoint's process is the binary itself (no node on PATH, no dist/ beside it).
    // A client run by an absolute path, as a tool of a later step would be.
    const client = await runProcess(
      process.execPath,
      [
        '-e',
        `fetch(process.env.IDENTITY_ENDPOINT + '?resource=https://vault.azure.net&api-version=2019-08-01', { headers: { 'X-IDENTITY-HEADER': process.env.IDENTITY_HEADER } })
          .then(async (r) => { const b = await r.json(); if (!b.access_token) { console.log(r.status, JSON.stringify(b)); return; } const aud = JSON.parse(Buffer.from(b.access_token.split('.')[1], 'base64url')).aud; console.log(r.status, aud, b.client_id); })`,
      ],
      { IDENTITY_ENDPOINT: exported['IDENTITY_ENDPOINT'] ?? '', IDENTITY_HEADER: exported['IDENTITY_HEADER'] ?? '' },
    );
    expect(client.stderr).toBe('');
    expect(client.stdout).toBe(`200 https://vault.azure.net ${sandbox.clientId}\n`);

    const logout = await runBinary(['logout', '--session', exported['ENTRA_FEDERATE_SESSION'] ?? ''], { TMPDIR: dir });
    expect(logout.code).toBe(0);
    const after = await runProcess(
      process.execPath,
      ['-e', `fetch(process.env.IDENTITY_ENDPOINT).then(() => console.log('up'), () => console.log('down'))`],
      { IDENTITY_ENDPOINT: exported['IDENTITY_ENDPOINT'] ?? '' },
    );
    expect(after.stdout).toBe('down\n');
  });

  test('login --export git: the credential helper is the binary itself', async () => {
    const login = await runBinary(
      ['login', '--export', 'shell,git', '--id-token-file', tokenFile(sandbox.mintIdToken())],
      coords(),
    );
    expect(login.code).toBe(0);
    const helper = /^export GIT_CONFIG_VALUE_1='!'\\''([^']+)'\\'' '\\''git-credential'\\''/m.exec(login.stdout)?.[1];
    expect(helper).toBe(binary);
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
