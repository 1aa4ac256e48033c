/**
 * The identity endpoint as a job meets it: started by the built CLI (`login --export
 * identity-endpoint`) against the sandbox, then spoken to over HTTP by raw requests and by
 * @azure/identity's ManagedIdentityCredential in a child process. Checks the App Service
 * protocol, the header secret, loopback-only listening, caching, the token file it keeps
 * fresh, the GitLab job token's expiry, and every way it ends (logout, parent gone, idle)
 * leaving no process and no file behind.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startSandbox } from '../../src/sandbox/index.js';
import type { Sandbox } from '../../src/sandbox/index.js';
import { CLI, ROOT, baseEnv, runCli, runNode } from './run.js';
import type { ProcessResult } from './run.js';
import {
  claimsOf,
  filesIn,
  githubJob,
  isRunning,
  listeningAddresses,
  parseFileCommands,
  sourceExportFile,
  waitFor,
} from '../helpers/handoff.js';
import { GITLAB, LeakCheck, SIMULATED_ISSUERS, ciClaims } from '../helpers/providers.js';

let sandbox: Sandbox;
let root: string;
const leaks = new LeakCheck();
/** Endpoints started here; any still running at the end is killed (and the test that left it failed). */
const started = new Set<number>();

beforeAll(async () => {
  sandbox = await startSandbox({ config: { issuers: SIMULATED_ISSUERS, idTokenLifetimeSeconds: 4 } });
  root = mkdtempSync(join(tmpdir(), 'ef-identity-'));
  leaks.add(sandbox.idTokenRequestToken);
});
afterAll(async () => {
  for (const pid of started) if (isRunning(pid)) process.kill(pid, 'SIGKILL');
  await sandbox.close();
  rmSync(root, { recursive: true, force: true });
  leaks.checkAll();
});

/** A GitLab job whose id_tokens: gave it GITLAB_OIDC_TOKEN, for an app that trusts that subject. */
/** How long an "eventually" check waits: the test's own bound, not a guess at the machine's speed. */
const EVENTUALLY_MS = 60_000;

/** A job script's last line: the job goes on until the test says it is done. */
function untilFile(path: string): string {
  return `while [ ! -e '${path}' ]; do sleep 0.1; done`;
}

function gitlabJob(dir: string, lifetimeSeconds?: number): Record<string, string> {
  const clientId = randomUUID();
  sandbox.addApp({
    clientId,
    federatedCredentials: [
      { issuer: GITLAB.issuer, subject: GITLAB.subject, audiences: ['api://AzureADTokenExchange'] },
    ],
  });
  const token = sandbox.mintIdToken({
    issuer: GITLAB.issuer,
    claims: ciClaims({ ...GITLAB.claims, sub: GITLAB.subject }),
    ...(lifetimeSeconds === undefined ? {} : { lifetimeSeconds }),
  });
  leaks.add(token);
  // TMPDIR: where the CLI writes outside GitHub (os.tmpdir()).
  return {
    ...GITLAB.env,
    GITLAB_OIDC_TOKEN: token,
    AZURE_CLIENT_ID: clientId,
    AZURE_TENANT_ID: sandbox.tenantId,
    AZURE_AUTHORITY_HOST: sandbox.authorityHost,
    TMPDIR: dir,
  };
}

/** Records an output for the leak check; `::add-mask::` lines hold a secret by design and are checked apart. */
function recordMasked(name: string, result: ProcessResult, secret?: string): ProcessResult {
  const lines = result.stderr.split('\n');
  if (secret !== undefined) expect(lines.filter((l) => l.includes(secret))).toEqual([`::add-mask::${secret}`]);
  leaks.record(name, { ...result, stderr: lines.filter((l) => !l.startsWith('::add-mask::')).join('\n') });
  return result;
}

interface Endpoint {
  job: Record<string, string>;
  exported: Record<string, string>;
  endpoint: string;
  header: string;
  pid: number;
  stateFile: string;
  login: ProcessResult;
}

function stateFileIn(dir: string): string | undefined {
  const name = filesIn(dir).find((f) => f.startsWith('entra-federate-identity-'));
  return name === undefined ? undefined : join(dir, name);
}

/** `login --export identity-endpoint` in a GitHub `run:` step. */
async function githubEndpoint(extraExports: string[] = [], extraEnv: Record<string, string> = {}): Promise<Endpoint> {
  const dir = mkdtempSync(join(root, 'job-'));
  const job = { ...githubJob(sandbox, dir), ...extraEnv };
  const login = await runCli(
    ['login', ...extraExports.flatMap((e) => ['--export', e]), '--export', 'identity-endpoint'],
    job,
  );
  expect(login.code, login.stderr).toBe(0);
  const exported = parseFileCommands(readFileSync(job['GITHUB_ENV'] ?? '', 'utf8'));
  recordMasked('login', login, exported['IDENTITY_HEADER']);
  const stateFile = stateFileIn(job['RUNNER_TEMP'] ?? '') ?? '';
  const pid = (JSON.parse(readFileSync(stateFile, 'utf8')) as { pid: number }).pid;
  started.add(pid);
  leaks.add(exported['IDENTITY_HEADER'] ?? '');
  return {
    job,
    exported,
    endpoint: exported['IDENTITY_ENDPOINT'] ?? '',
    header: exported['IDENTITY_HEADER'] ?? '',
    pid,
    stateFile,
    login,
  };
}

async function get(
  url: string,
  headers: Record<string, string> = {},
  method = 'GET',
): Promise<{ status: number; json: Record<string, unknown>; text: string }> {
  const res = await fetch(url, { method, headers });
  const text = await res.text();
  let json: Record<string, unknown> = {};
  try {
    json = JSON.parse(text) as Record<string, unknown>;
  } catch {
    json = {};
  }
  return { status: res.status, json, text };
}

function tokenUrl(e: Endpoint, resource: string, extra = ''): string {
  return `${e.endpoint}?resource=${encodeURIComponent(resource)}&api-version=2019-08-01${extra}`;
}

async function logout(e: Endpoint): Promise<ProcessResult> {
  const result = leaks.record('logout', await runCli(['logout'], { ...e.job, ...e.exported }));
  expect(result.code).toBe(0);
  return result;
}

/** A later step's own code: ManagedIdentityCredential with whatever the job exported. */
async function managedIdentity(
  env: Record<string, string>,
  scope: string,
): Promise<{ ok: boolean; aud?: string; appid?: string; error?: string }> {
  const script = join(root, `mi-${randomUUID()}.mjs`);
  writeFileSync(
    script,
    `
    import { ManagedIdentityCredential } from ${JSON.stringify(join(ROOT, 'node_modules/@azure/identity/dist/esm/index.js'))};
    try {
      const token = await new ManagedIdentityCredential(process.env.AZURE_CLIENT_ID ? { clientId: process.env.AZURE_CLIENT_ID } : {}).getToken(${JSON.stringify(scope)});
      const c = JSON.parse(Buffer.from(token.token.split('.')[1], 'base64url').toString());
      console.log(JSON.stringify({ ok: true, aud: c.aud, appid: c.appid }));
    } catch (err) {
      console.log(JSON.stringify({ ok: false, error: err.message }));
    }
  `,
  );
  const run = leaks.record('managed identity', await runNode(script, [], { env: baseEnv(env), cwd: root }));
  expect(run.code).toBe(0);
  return JSON.parse(run.stdout) as { ok: boolean; aud?: string; appid?: string; error?: string };
}

describe('a GitHub job with --export identity-endpoint', () => {
  let e: Endpoint;
  beforeAll(async () => {
    e = await githubEndpoint();
  });

  test('login returns at once, exports IDENTITY_ENDPOINT on 127.0.0.1 and a masked 256-bit IDENTITY_HEADER', () => {
    expect(e.endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/msi\/token$/);
    expect(e.header).toMatch(/^[0-9a-f]{64}$/);
    // The secret is masked (checked by recordMasked: on its ::add-mask:: line only).
    expect(e.login.stderr).toContain(`::add-mask::${e.header}`);
    expect(e.login.stderr).toContain('exported for identity-endpoint: IDENTITY_ENDPOINT=');
    expect(isRunning(e.pid)).toBe(true);
  });

  test('it listens on 127.0.0.1 only', async () => {
    const port = Number(new URL(e.endpoint).port);
    expect(listeningAddresses(port)).toEqual(['0100007F']);
    // Not reachable through any other address of this machine.
    const others = Object.values(networkInterfaces())
      .flat()
      .filter((i) => i !== undefined && !i.internal && i.family === 'IPv4')
      .map((i) => i?.address ?? '');
    for (const address of [...others, '[::1]']) {
      await expect(
        fetch(`http://${address}:${port}/msi/token`, { signal: AbortSignal.timeout(2000) }),
      ).rejects.toThrow();
    }
  });

  test('its state file is 0600 and names only its pid, port and program', () => {
    expect(statSync(e.stateFile).mode & 0o777).toBe(0o600);
    const state = JSON.parse(readFileSync(e.stateFile, 'utf8')) as Record<string, unknown>;
    expect(Object.keys(state).sort()).toEqual(['entry', 'pid', 'port', 'startedAt']);
    expect(state['entry']).toBe(join(ROOT, 'dist/identity/index.js'));
    expect(readFileSync(`/proc/${e.pid}/cmdline`, 'utf8').split('\0')).toContain(join(ROOT, 'dist/identity/index.js'));
    // The secret reached it on stdin: not on its command line, not in its environment.
    expect(readFileSync(`/proc/${e.pid}/cmdline`, 'utf8')).not.toContain(e.header);
    expect(readFileSync(`/proc/${e.pid}/environ`, 'utf8')).not.toContain(e.header);
    // Nothing else in the job's temp directory but the login's session record.
    expect(filesIn(e.job['RUNNER_TEMP'] ?? '').map((f) => f.replace(/[0-9a-f]{16}/, 'X'))).toEqual([
      'entra-federate-identity-X.json',
      'entra-federate-session-X.json',
    ]);
  });

  test('without the header secret, or with a wrong one, it refuses and says nothing about tokens', async () => {
    const before = sandbox.requests.length;
    const missing = await get(tokenUrl(e, 'https://vault.azure.net'));
    expect(missing.status).toBe(401);
    expect(missing.json).toEqual({
      error: 'unauthorized',
      error_description: 'The X-IDENTITY-HEADER header is missing or wrong: send the value of IDENTITY_HEADER.',
    });
    const wrong = await get(tokenUrl(e, 'https://vault.azure.net'), {
      'X-IDENTITY-HEADER': e.header.replace(/.$/, (c) => (c === '0' ? '1' : '0')),
    });
    expect(wrong.status).toBe(401);
    const empty = await get(tokenUrl(e, 'https://vault.azure.net'), { 'X-IDENTITY-HEADER': '' });
    expect(empty.status).toBe(401);
    // Also before the protocol checks: no hint what a valid request looks like.
    expect((await get(`${e.endpoint}?api-version=1999-01-01`)).status).toBe(401);
    expect(sandbox.requests.length).toBe(before);
  });

  test('with the secret: the App Service answer, and protocol errors with what to change', async () => {
    const h = { 'X-IDENTITY-HEADER': e.header };
    const ok = await get(tokenUrl(e, 'https://vault.azure.net'), h);
    expect(ok.status).toBe(200);
    expect(Object.keys(ok.json).sort()).toEqual(['access_token', 'client_id', 'expires_on', 'resource', 'token_type']);
    const token = String(ok.json['access_token']);
    leaks.add(token);
    expect(ok.json).toMatchObject({
      resource: 'https://vault.azure.net',
      token_type: 'Bearer',
      client_id: sandbox.clientId,
    });
    expect(ok.json['expires_on']).toMatch(/^\d{10}$/);
    expect(Number(ok.json['expires_on'])).toBe(claimsOf(token)['exp']);
    expect(claimsOf(token)).toMatchObject({
      aud: 'https://vault.azure.net',
      appid: sandbox.clientId,
      tid: sandbox.tenantId,
    });

    const version = await get(`${e.endpoint}?resource=https://vault.azure.net&api-version=2017-09-01`, h);
    expect(version.status).toBe(400);
    expect(version.json['error_description']).toBe('api-version must be 2019-08-01, not "2017-09-01".');
    expect((await get(`${e.endpoint}?api-version=2019-08-01`, h)).json['error_description']).toMatch(
      /resource parameter is missing/,
    );
    expect((await get(tokenUrl(e, 'https://vault.azure.net'), h, 'POST')).status).toBe(405);
    expect((await get(e.endpoint.replace('/msi/token', '/metadata/identity/oauth2/token'), h)).status).toBe(404);
    const other = await get(
      tokenUrl(e, 'https://vault.azure.net', '&client_id=0b1c2d3e-4f50-4a6b-8c7d-8e9fa0b1c2d3'),
      h,
    );
    expect(other.status).toBe(400);
    expect(other.json['error_description']).toContain(`serves client ${sandbox.clientId} only`);
    expect(
      (await get(tokenUrl(e, 'https://vault.azure.net', `&client_id=${sandbox.clientId.toUpperCase()}`), h)).status,
    ).toBe(200);
    expect((await get(tokenUrl(e, 'https://vault.azure.net', '&mi_res_id=/subscriptions/x'), h)).status).toBe(400);
  });

  test('a cached token is served until its refresh margin; another resource is a new exchange with a new CI token', async () => {
    const h = { 'X-IDENTITY-HEADER': e.header };
    const before = sandbox.requests.length;
    const a1 = await get(tokenUrl(e, 'https://storage.azure.com'), h);
    const a2 = await get(tokenUrl(e, 'https://storage.azure.com/'), h);
    const [b1, b2] = await Promise.all([
      get(tokenUrl(e, 'https://graph.microsoft.com'), h),
      get(tokenUrl(e, 'https://graph.microsoft.com'), h),
    ]);
    for (const r of [a1, a2, b1, b2]) leaks.add(String(r.json['access_token']));
    expect(a2.json['access_token']).toBe(a1.json['access_token']);
    // Concurrent requests share one exchange.
    expect(b2.json['access_token']).toBe(b1.json['access_token']);
    expect(a2.json['resource']).toBe('https://storage.azure.com/');
    const sent = sandbox.requests.slice(before);
    expect(sent.filter((r) => r.target === 'token').map((r) => r.form?.['scope'])).toEqual([
      'https://storage.azure.com/.default',
      'https://graph.microsoft.com/.default',
    ]);
    expect(sent.filter((r) => r.target === 'idtoken')).toHaveLength(2);
  });

  test('@azure/identity ManagedIdentityCredential uses it unchanged; a different AZURE_CLIENT_ID gets a clear refusal', async () => {
    const env = { IDENTITY_ENDPOINT: e.endpoint, IDENTITY_HEADER: e.header };
    expect(await managedIdentity(env, 'https://management.azure.com/.default')).toEqual({
      ok: true,
      aud: 'https://management.azure.com',
      appid: sandbox.clientId,
    });
    expect(
      await managedIdentity({ ...env, AZURE_CLIENT_ID: sandbox.clientId }, 'https://vault.azure.net/.default'),
    ).toMatchObject({ ok: true, aud: 'https://vault.azure.net' });
    const other = await managedIdentity(
      { ...env, AZURE_CLIENT_ID: '0b1c2d3e-4f50-4a6b-8c7d-8e9fa0b1c2d3' },
      'https://vault.azure.net/.default',
    );
    expect(other.ok).toBe(false);
    expect(other.error).toContain(`This endpoint serves client ${sandbox.clientId} only`);
    const noSecret = await managedIdentity(
      { IDENTITY_ENDPOINT: e.endpoint, IDENTITY_HEADER: 'guess' },
      'https://vault.azure.net/.default',
    );
    expect(noSecret.ok).toBe(false);
    expect(noSecret.error).toContain('X-IDENTITY-HEADER header is missing or wrong');
  });

  test('logout stops it and leaves no process and no file; a second logout finds nothing', async () => {
    const out = await logout(e);
    expect(out.stderr).toContain('logged out: stopped 1 identity endpoint');
    expect(await waitFor(() => !isRunning(e.pid), EVENTUALLY_MS)).toBe(true);
    expect(filesIn(e.job['RUNNER_TEMP'] ?? '')).toEqual([]);
    await expect(fetch(tokenUrl(e, 'https://vault.azure.net'))).rejects.toThrow();
    const again = await logout(e);
    expect(again.stderr).toContain('nothing to log out of');
  });
});

describe('the token file, kept fresh while the endpoint runs', () => {
  test('env + identity-endpoint: AZURE_FEDERATED_TOKEN_FILE always holds a whole, unexpired CI token, replaced atomically', async () => {
    const e = await githubEndpoint(['env']);
    const file = e.exported['AZURE_FEDERATED_TOKEN_FILE'] ?? '';
    expect(e.login.stderr).toContain(`keeps ${file} fresh`);
    const seen = new Set<string>();
    // 4 s tokens: over 7 s the file must be replaced at least twice, and a reader must never
    // catch a partial write, a trailing newline or an expired token.
    const end = Date.now() + 7000;
    while (Date.now() < end) {
      const content = readFileSync(file, 'utf8');
      expect(content).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
      expect(Number(claimsOf(content)['exp']) * 1000).toBeGreaterThan(Date.now());
      expect(statSync(file).mode & 0o777).toBe(0o600);
      seen.add(content);
      await new Promise((r) => setTimeout(r, 20));
    }
    for (const token of seen) leaks.add(token);
    expect(seen.size).toBeGreaterThanOrEqual(3);
    // No temporary file was left next to it.
    expect(filesIn(e.job['RUNNER_TEMP'] ?? '').filter((f) => f.endsWith('.tmp'))).toEqual([]);
    await logout(e);
    expect(await waitFor(() => !isRunning(e.pid), EVENTUALLY_MS)).toBe(true);
    expect(filesIn(e.job['RUNNER_TEMP'] ?? '')).toEqual([]);
  });
});

describe('how the endpoint ends without a cleanup step', () => {
  test("GitLab: the job's shell ends, and the endpoint with it", async () => {
    const dir = mkdtempSync(join(root, 'gitlab-'));
    const vars = join(dir, 'azure.env');
    // The job script: one shell runs every line; the endpoint watches that shell.
    const shell = spawn(
      'sh',
      [
        '-c',
        `"${process.execPath}" "${CLI}" login --export identity-endpoint --export-file "${vars}" 2>"${dir}/login.err" && ${untilFile(join(dir, 'job-done'))}`,
      ],
      { env: baseEnv(gitlabJob(dir)), stdio: 'ignore' },
    );
    const exited = new Promise<number | null>((resolve) => shell.on('exit', resolve));
    expect(await waitFor(() => stateFileIn(dir) !== undefined, EVENTUALLY_MS)).toBe(true);
    const stateFile = stateFileIn(dir) ?? '';
    const pid = (JSON.parse(readFileSync(stateFile, 'utf8')) as { pid: number }).pid;
    started.add(pid);
    const exported = sourceExportFile(vars);
    expect(
      (
        await get(`${exported['IDENTITY_ENDPOINT']}?resource=https://vault.azure.net&api-version=2019-08-01`, {
          'X-IDENTITY-HEADER': exported['IDENTITY_HEADER'] ?? '',
        })
      ).status,
    ).toBe(200);
    expect(isRunning(pid)).toBe(true);
    writeFileSync(join(dir, 'job-done'), '');
    expect(await exited).toBe(0);
    expect(await waitFor(() => !isRunning(pid), EVENTUALLY_MS)).toBe(true);
    expect(stateFileIn(dir)).toBeUndefined();
    expect(readFileSync(join(dir, 'login.err'), 'utf8')).toContain('it stops with the job');
  });

  test("GitLab through npx: npm and its `sh -c` end at once, the endpoint watches the job's shell", async () => {
    const dir = mkdtempSync(join(root, 'npx-'));
    const vars = join(dir, 'azure.env');
    // What `npx entra-federate ...` does: npm (a node process running npx-cli.js) runs the
    // package's bin through `sh -c '<.bin/entra-federate> <args>'` and exits with it.
    mkdirSync(join(dir, '.bin'));
    symlinkSync(CLI, join(dir, '.bin', 'entra-federate'));
    const npx = join(dir, 'npx-cli.js');
    writeFileSync(
      npx,
      "const r = require('node:child_process').spawnSync('sh', ['-c', process.argv.slice(2).join(' ')], { stdio: 'inherit' }); process.exit(r.status ?? 1);\n",
    );
    const script = `"${process.execPath}" "${npx}" "${join(dir, '.bin', 'entra-federate')}" login --export identity-endpoint --export-file "${vars}" 2>"${dir}/login.err" && ${untilFile(join(dir, 'job-done'))}`;
    const shell = spawn('sh', ['-c', script], { env: baseEnv(gitlabJob(dir)), stdio: 'ignore' });
    const exited = new Promise<number | null>((resolve) => shell.on('exit', resolve));
    expect(
      await waitFor(() => stateFileIn(dir) !== undefined, EVENTUALLY_MS),
      `${readFileSync(join(dir, 'login.err'), 'utf8')}`,
    ).toBe(true);
    const pid = (JSON.parse(readFileSync(stateFileIn(dir) ?? '', 'utf8')) as { pid: number }).pid;
    started.add(pid);
    // Well after npm and its shell have gone, the endpoint still serves.
    await new Promise((r) => setTimeout(r, 1200));
    const exported = sourceExportFile(vars);
    expect(
      (
        await get(`${exported['IDENTITY_ENDPOINT']}?resource=https://vault.azure.net&api-version=2019-08-01`, {
          'X-IDENTITY-HEADER': exported['IDENTITY_HEADER'] ?? '',
        })
      ).status,
    ).toBe(200);
    writeFileSync(join(dir, 'job-done'), '');
    expect(await exited).toBe(0);
    expect(await waitFor(() => !isRunning(pid), EVENTUALLY_MS)).toBe(true);
    expect(stateFileIn(dir)).toBeUndefined();
  });

  test('after the idle timeout without a request', async () => {
    // 5 s idle, checked 1.2 s after a request: 3.8 s of slack for a slow machine.
    const e = await githubEndpoint([], { ENTRA_FEDERATE_IDENTITY_IDLE_TIMEOUT: '5' });
    expect(e.login.stderr).toContain('after 5 s without a request');
    // A request resets the clock.
    await new Promise((r) => setTimeout(r, 1200));
    expect((await get(tokenUrl({ ...e }, 'https://vault.azure.net'), { 'X-IDENTITY-HEADER': e.header })).status).toBe(
      200,
    );
    await new Promise((r) => setTimeout(r, 1200));
    expect(isRunning(e.pid)).toBe(true);
    expect(await waitFor(() => !isRunning(e.pid), EVENTUALLY_MS)).toBe(true);
    expect(stateFileIn(e.job['RUNNER_TEMP'] ?? '')).toBeUndefined();
    // Logout afterwards still removes the session record and finds no endpoint to stop.
    const out = await logout(e);
    expect(out.stderr).toContain('stopped 0 identity endpoints');
    expect(filesIn(e.job['RUNNER_TEMP'] ?? '')).toEqual([]);
  });

  test('a bad idle timeout is refused before any request', async () => {
    const dir = mkdtempSync(join(root, 'job-'));
    const before = sandbox.requests.length;
    const result = leaks.record(
      'bad idle',
      await runCli(['login', '--export', 'identity-endpoint'], {
        ...githubJob(sandbox, dir),
        ENTRA_FEDERATE_IDENTITY_IDLE_TIMEOUT: 'soon',
      }),
    );
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('ENTRA_FEDERATE_IDENTITY_IDLE_TIMEOUT is "soon"');
    expect(sandbox.requests.length).toBe(before);
  });
});

describe('GitLab: one job token', () => {
  test('served while the job token is valid, then a clear error that says what to change', async () => {
    const dir = mkdtempSync(join(root, 'gitlab-'));
    const vars = join(dir, 'azure.env');
    const jobEnv = gitlabJob(dir, 10);
    const expiresAtMs = Number(claimsOf(jobEnv['GITLAB_OIDC_TOKEN'] ?? '')['exp']) * 1000;
    const shell = spawn(
      'sh',
      [
        '-c',
        `"${process.execPath}" "${CLI}" login --export identity-endpoint --export-file "${vars}" 2>/dev/null && ${untilFile(join(dir, 'job-done'))}`,
      ],
      // 10 s: long enough for the first request even when the machine is slow.
      { env: baseEnv(jobEnv), stdio: 'ignore' },
    );
    const exited = new Promise<void>((resolve) => shell.on('exit', () => resolve()));
    expect(await waitFor(() => stateFileIn(dir) !== undefined, EVENTUALLY_MS)).toBe(true);
    const pid = (JSON.parse(readFileSync(stateFileIn(dir) ?? '', 'utf8')) as { pid: number }).pid;
    started.add(pid);
    const exported = sourceExportFile(vars);
    const env = {
      IDENTITY_ENDPOINT: exported['IDENTITY_ENDPOINT'] ?? '',
      IDENTITY_HEADER: exported['IDENTITY_HEADER'] ?? '',
    };
    expect(await managedIdentity(env, 'https://vault.azure.net/.default')).toMatchObject({
      ok: true,
      aud: 'https://vault.azure.net',
    });
    // Until the job token has expired (by its own exp), whatever the machine's speed.
    await new Promise((r) => setTimeout(r, Math.max(0, expiresAtMs - Date.now() + 1000)));
    const before = sandbox.requests.length;
    const expired = await managedIdentity(env, 'https://storage.azure.com/.default');
    expect(expired.ok).toBe(false);
    expect(expired.error).toContain('ID_TOKEN_EXPIRED');
    expect(expired.error).toContain(
      'The CI token from the GitLab CI ID token in GITLAB_OIDC_TOKEN (id_tokens:) expired at',
    );
    expect(expired.error).toContain("raise the job's `timeout:`");
    // Nothing was sent to Entra with an expired token.
    expect(sandbox.requests.slice(before).filter((r) => r.target === 'token')).toEqual([]);
    // The token served before is still served from the cache while it is fresh.
    expect(await managedIdentity(env, 'https://vault.azure.net/.default')).toMatchObject({ ok: true });
    process.kill(pid, 'SIGTERM');
    expect(await waitFor(() => !isRunning(pid), EVENTUALLY_MS)).toBe(true);
    writeFileSync(join(dir, 'job-done'), '');
    await exited;
  });
});

test('no output of any scenario carried a token or the header secret', () => {
  expect(leaks.checkAll()).toBeGreaterThan(10);
});
