/**
 * Credentials that survive a long job: a GitHub job signs in with `--export identity-endpoint`,
 * then a later step's own code (@azure/identity's DefaultAzureCredential, which knows nothing of
 * entra-federate) asks for a token every second for 40 s. The sandbox's CI tokens live 5 s and
 * its access tokens 10 s, so the job outlives both many times over: every token must still be
 * valid when it arrives, and no request may fail. Its own file: it takes 40 s and runs in
 * parallel with the others.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { startSandbox } from '../../src/sandbox/index.js';
import type { Sandbox } from '../../src/sandbox/index.js';
import { ROOT, baseEnv, runCli, runNode } from './run.js';
import { filesIn, githubJob, isRunning, parseFileCommands, waitFor } from '../helpers/handoff.js';
import { LeakCheck } from '../helpers/providers.js';

const SECONDS = 40;
let sandbox: Sandbox;
let dir: string;

beforeAll(async () => {
  sandbox = await startSandbox({ config: { idTokenLifetimeSeconds: 5, accessTokenLifetimeSeconds: 10 } });
  dir = mkdtempSync(join(tmpdir(), 'ef-identity-long-'));
});
afterAll(async () => {
  await sandbox.close();
  rmSync(dir, { recursive: true, force: true });
});

test(
  `DefaultAzureCredential keeps getting valid tokens for ${SECONDS} s through the identity endpoint (CI tokens live 5 s, access tokens 10 s)`,
  async () => {
    const leaks = new LeakCheck();
    leaks.add(sandbox.idTokenRequestToken);
    const job = githubJob(sandbox, dir);
    const login = leaks.record('login', await runCli(['login', '--export', 'identity-endpoint'], job));
    expect(login.code, login.stderr).toBe(0);
    const exported = parseFileCommands(readFileSync(job['GITHUB_ENV'] ?? '', 'utf8'));
    expect(Object.keys(exported).sort()).toEqual(['ENTRA_FEDERATE_SESSION', 'IDENTITY_ENDPOINT', 'IDENTITY_HEADER']);
    const afterLogin = sandbox.requests.length;

    // A later step: only what GitHub passes on (the exported variables), no AZURE_* at all.
    const consumer = join(dir, 'consumer.mjs');
    writeFileSync(
      consumer,
      `
    import { DefaultAzureCredential } from ${JSON.stringify(join(ROOT, 'node_modules/@azure/identity/dist/esm/index.js'))};
    const credential = new DefaultAzureCredential();
    const scopes = ['https://management.azure.com/.default', 'https://vault.azure.net/.default'];
    const results = [];
    const start = Date.now();
    for (let i = 0; i < ${SECONDS}; i++) {
      const scope = scopes[i % 2];
      try {
        const token = await credential.getToken(scope);
        const claims = JSON.parse(Buffer.from(token.token.split('.')[1], 'base64url').toString());
        const now = Date.now();
        results.push({ ok: true, at: now - start, aud: claims.aud, expLeftMs: claims.exp * 1000 - now, expiresOnLeftMs: token.expiresOnTimestamp - now, jti: claims.jti ?? claims.uti ?? token.token.slice(-16) });
      } catch (err) {
        results.push({ ok: false, at: Date.now() - start, error: String(err && err.message).split('\\n')[0] });
      }
      await new Promise((r) => setTimeout(r, Math.max(0, (i + 1) * 1000 - (Date.now() - start))));
    }
    console.log(JSON.stringify(results));
  `,
    );
    const run = await runNode(consumer, [], {
      env: baseEnv({ IDENTITY_ENDPOINT: exported['IDENTITY_ENDPOINT'], IDENTITY_HEADER: exported['IDENTITY_HEADER'] }),
      cwd: dir,
      hangGuardMs: (SECONDS + 120) * 1000,
    });
    leaks.record('consumer', { ...run, stdout: '' });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const results = JSON.parse(run.stdout) as {
      ok: boolean;
      at: number;
      aud?: string;
      expLeftMs?: number;
      expiresOnLeftMs?: number;
      jti?: string;
      error?: string;
    }[];

    // Zero failures, and every token was valid when it arrived (the endpoint never hands out one
    // it would consider stale: at least half of a 10 s token is left).
    expect(results.filter((r) => !r.ok)).toEqual([]);
    expect(results).toHaveLength(SECONDS);
    expect(results[SECONDS - 1]?.at).toBeGreaterThanOrEqual((SECONDS - 1) * 1000);
    for (const r of results) {
      expect(r.expLeftMs).toBeGreaterThan(0);
      expect(r.expiresOnLeftMs).toBeGreaterThan(0);
    }
    expect(new Set(results.map((r) => r.aud))).toEqual(
      new Set(['https://management.azure.com', 'https://vault.azure.net']),
    );
    // Tokens were renewed all along, not one token served past its life.
    const distinct = new Set(results.map((r) => r.jti)).size;
    expect(distinct).toBeGreaterThanOrEqual(Math.floor(SECONDS / 5));

    // Each renewal was a fresh exchange with a fresh CI token (the sandbox rejects an expired
    // assertion with AADSTS700024, so every 200 is proof), and nothing failed on the way.
    const during = sandbox.requests.slice(afterLogin);
    const exchanges = during.filter((r) => r.target === 'token');
    const idTokens = during.filter((r) => r.target === 'idtoken');
    expect(exchanges.length).toBeGreaterThanOrEqual(distinct);
    expect(exchanges.every((r) => r.status === 200)).toBe(true);
    expect(idTokens.length).toBe(exchanges.length);
    expect(idTokens.every((r) => r.status === 200)).toBe(true);

    // logout: the endpoint is gone, and so is every file.
    const state = filesIn(job['RUNNER_TEMP'] ?? '').find((f) => f.startsWith('entra-federate-identity-')) ?? '';
    const pid = (JSON.parse(readFileSync(join(job['RUNNER_TEMP'] ?? '', state), 'utf8')) as { pid: number }).pid;
    expect(isRunning(pid)).toBe(true);
    const logout = leaks.record('logout', await runCli(['logout'], { ...job, ...exported }));
    expect(logout.code).toBe(0);
    expect(logout.stderr).toContain('stopped 1 identity endpoint');
    expect(await waitFor(() => !isRunning(pid), 60_000)).toBe(true);
    expect(filesIn(job['RUNNER_TEMP'] ?? '')).toEqual([]);
    console.log(
      `identity endpoint over ${SECONDS} s: ${results.length} requests, 0 failures, ${distinct} distinct access tokens, ${exchanges.length} exchanges, ${idTokens.length} CI tokens`,
    );
  },
  (SECONDS + 40) * 1000,
);
