/**
 * The soak test: one job-shaped session that outlives its CI token and its access tokens many
 * times over. A GitHub job signs in once with `--export identity-endpoint,git,acr:<registry>`
 * (and `az` when the Azure CLI is installed); then, for at least SECONDS, later steps keep asking:
 *
 * - the Azure SDK (@azure/identity's ManagedIdentityCredential in its own process, which knows
 *   nothing of entra-federate) every second, through the identity endpoint;
 * - every tick (about every 2 s, one tick at a time): `az account get-access-token` for a resource
 *   az never fetched, real `git ls-remote` against a loopback `git http-backend`, and docker's
 *   credential helper `get` against a loopback ACR exchange.
 *
 * CI tokens live 5 s and access tokens 10 s. Every resource server verifies each token with the
 * sandbox's keys and refuses an expired one. Pass: zero failures, and the exchanges with Entra
 * stay about run time / token lifetime per resource (the endpoint's cache), not one per request.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { startSandbox } from '../../src/sandbox/index.js';
import type { Sandbox } from '../../src/sandbox/index.js';
import { startArm } from '../helpers/arm.js';
import type { ArmStandIn } from '../helpers/arm.js';
import { sandboxTokenVerifier } from '../helpers/entra-tokens.js';
import { startGitServer } from '../helpers/git-server.js';
import type { GitServer } from '../helpers/git-server.js';
import { filesIn, githubJob, isRunning, parseFileCommands, waitFor } from '../helpers/handoff.js';
import { LeakCheck } from '../helpers/providers.js';
import { startRegistry } from '../helpers/registry.js';
import type { TestRegistry } from '../helpers/registry.js';
import { ROOT, baseEnv, runCli, runNode, runProcess } from './run.js';

const SECONDS = 60;
const CI_TOKEN_SECONDS = 5;
const ACCESS_TOKEN_SECONDS = 10;
const TICK_MS = 2000;
const SUBSCRIPTION = '0b1f6471-1bf0-4dda-aec3-111122223333';
/** Resources asked for all along: ARM and Key Vault (the SDK), Azure DevOps (git), ACR (docker). */
const STEADY_RESOURCES = 4;

let sandbox: Sandbox;
let arm: ArmStandIn;
let git: GitServer;
let registry: TestRegistry;
let dir: string;
/** Stops the session's identity endpoint if the test ended before its own logout. */
let stopSession: (() => Promise<unknown>) | undefined;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function hasAz(): boolean {
  try {
    execFileSync('az', ['version', '--output', 'json'], {
      stdio: 'ignore',
      env: baseEnv({ AZURE_CORE_COLLECT_TELEMETRY: 'false' }),
    });
    return true;
  } catch {
    return false;
  }
}
const withAz = hasAz();

beforeAll(async () => {
  sandbox = await startSandbox({
    config: { idTokenLifetimeSeconds: CI_TOKEN_SECONDS, accessTokenLifetimeSeconds: ACCESS_TOKEN_SECONDS },
  });
  arm = await startArm(sandbox, SUBSCRIPTION);
  git = await startGitServer(sandbox);
  registry = await startRegistry(sandbox);
  dir = mkdtempSync(join(tmpdir(), 'ef-soak-'));
});
afterAll(async () => {
  await stopSession?.();
  await Promise.all([git.close(), registry.close(), arm.close()]);
  await sandbox.close();
  rmSync(dir, { recursive: true, force: true });
});

interface SdkResult {
  ok: boolean;
  aud?: string;
  expLeftMs?: number;
  jti?: string;
  error?: string;
}

/** A later step's own code: ManagedIdentityCredential every second for SECONDS, two resources. */
function sdkConsumer(): string {
  const file = join(dir, 'sdk-consumer.mjs');
  writeFileSync(
    file,
    `
    import { ManagedIdentityCredential } from ${JSON.stringify(join(ROOT, 'node_modules/@azure/identity/dist/esm/index.js'))};
    const credential = new ManagedIdentityCredential();
    const scopes = ['https://management.azure.com/.default', 'https://vault.azure.net/.default'];
    const results = [];
    const start = Date.now();
    for (let i = 0; Date.now() - start < ${SECONDS * 1000}; i++) {
      try {
        const token = await credential.getToken(scopes[i % 2]);
        const claims = JSON.parse(Buffer.from(token.token.split('.')[1], 'base64url').toString());
        results.push({ ok: true, aud: claims.aud, expLeftMs: claims.exp * 1000 - Date.now(), jti: claims.uti ?? claims.jti ?? token.token.slice(-16) });
      } catch (err) {
        results.push({ ok: false, error: String(err && err.message).split('\\n')[0] });
      }
      await new Promise((r) => setTimeout(r, Math.max(0, (i + 1) * 1000 - (Date.now() - start))));
    }
    console.log(JSON.stringify(results));
  `,
  );
  return file;
}

test(
  `one session for ${SECONDS} s (CI tokens ${CI_TOKEN_SECONDS} s, access tokens ${ACCESS_TOKEN_SECONDS} s): the SDK, ${withAz ? 'az, ' : ''}git and docker never fail, and exchanges follow the token lifetime, not the requests`,
  async () => {
    const leaks = new LeakCheck();
    leaks.add(sandbox.idTokenRequestToken);
    const job: Record<string, string> = {
      ...githubJob(sandbox, dir),
      ...(withAz ? arm.env : {}),
      NODE_EXTRA_CA_CERTS: registry.caCertFile,
      AZURE_CORE_COLLECT_TELEMETRY: 'false',
    };
    const exportList = ['identity-endpoint', 'git', `acr:${registry.host}`, ...(withAz ? ['az'] : [])].join(',');
    const login = await runCli(
      ['login', '--export', exportList, ...(withAz ? ['--subscription-id', SUBSCRIPTION] : [])],
      job,
    );
    expect(login.code, login.stderr).toBe(0);
    // `::add-mask::` lines hold a secret by design (the runner hides it); nothing else may.
    const lines = login.stderr.split('\n');
    leaks.add(...lines.filter((l) => l.startsWith('::add-mask::')).map((l) => l.slice('::add-mask::'.length)));
    leaks.record('login', { ...login, stderr: lines.filter((l) => !l.startsWith('::add-mask::')).join('\n') });
    const exported = parseFileCommands(readFileSync(job['GITHUB_ENV'] ?? '', 'utf8'));
    stopSession = () => runCli(['logout'], { ...job, ...exported });
    for (const name of ['IDENTITY_ENDPOINT', 'IDENTITY_HEADER', 'DOCKER_CONFIG', 'GIT_CONFIG_COUNT'])
      expect(exported[name], name).toBeDefined();

    // Later steps get only what the job passes on, plus the same git helper for the loopback
    // server (Azure Repos' stand-in: the export scopes the helper to dev.azure.com).
    const count = Number(exported['GIT_CONFIG_COUNT']);
    const step = baseEnv({
      ...exported,
      NODE_EXTRA_CA_CERTS: registry.caCertFile,
      AZURE_CORE_COLLECT_TELEMETRY: 'false',
      HOME: dir,
      GIT_CONFIG_NOSYSTEM: '1',
      GIT_TERMINAL_PROMPT: '0',
      GIT_CONFIG_COUNT: String(count + 1),
      [`GIT_CONFIG_KEY_${count}`]: `credential.${git.origin}.helper`,
      [`GIT_CONFIG_VALUE_${count}`]: exported['GIT_CONFIG_VALUE_1'] ?? '',
    });
    const exchanges = () => sandbox.requests.filter((r) => r.target === 'token');
    const exchangesBefore = exchanges().length;
    const requestsBefore = sandbox.requests.length;
    const startedAt = Date.now();

    // The SDK's process runs beside the tick loop: two processes at a time, whatever the machine.
    const sdk = runNode(sdkConsumer(), [], {
      env: baseEnv({ IDENTITY_ENDPOINT: exported['IDENTITY_ENDPOINT'], IDENTITY_HEADER: exported['IDENTITY_HEADER'] }),
      cwd: dir,
      hangGuardMs: (SECONDS + 120) * 1000,
    });

    const failures: string[] = [];
    const azVerifier = sandboxTokenVerifier(sandbox);
    const dockerSecrets: string[] = [];
    let azCalls = 0;
    let gitCalls = 0;
    let ticks = 0;
    while (Date.now() - startedAt < SECONDS * 1000) {
      const tickStart = Date.now();
      if (withAz) {
        // A storage account az has never asked for: az must get it from the endpoint now.
        const resource = `https://soak${ticks}.blob.core.windows.net`;
        const run = await runProcess(
          'az',
          ['account', 'get-access-token', '--resource', resource, '--output', 'json'],
          {
            env: step,
          },
        );
        azCalls++;
        if (run.code !== 0) failures.push(`tick ${ticks} az: ${run.stderr.trim().split('\n').at(-1)}`);
        else {
          const token = (JSON.parse(run.stdout) as { accessToken: string }).accessToken;
          leaks.add(token);
          const check = await azVerifier.verify(token, [resource]);
          if (!check.ok) failures.push(`tick ${ticks} az: token refused (${check.reason})`);
        }
      }
      const ls = await runProcess('git', ['ls-remote', git.repoUrl], { env: step, cwd: dir });
      gitCalls++;
      if (ls.code !== 0 || !/refs\/heads\/main$/m.test(ls.stdout))
        failures.push(`tick ${ticks} git: ${ls.stderr.trim().split('\n').at(-1)}`);
      const got = await runProcess('docker-credential-entra-federate', ['get'], {
        env: step,
        input: `${registry.host}\n`,
      });
      if (got.code !== 0) failures.push(`tick ${ticks} docker: ${got.stdout.trim()}`);
      else dockerSecrets.push((JSON.parse(got.stdout) as { Secret: string }).Secret);
      ticks++;
      await sleep(Math.max(0, TICK_MS - (Date.now() - tickStart)));
    }
    const sdkRun = await sdk;
    const runSeconds = (Date.now() - startedAt) / 1000;
    leaks.record('sdk', { ...sdkRun, stdout: '' });
    expect(sdkRun.code, sdkRun.stderr).toBe(0);
    expect(sdkRun.stderr).toBe('');
    const sdkResults = JSON.parse(sdkRun.stdout) as SdkResult[];

    // Zero failures anywhere, every token valid when it arrived.
    expect(failures).toEqual([]);
    expect(sdkResults.filter((r) => !r.ok)).toEqual([]);
    for (const r of sdkResults) expect(r.expLeftMs).toBeGreaterThan(0);
    expect(new Set(sdkResults.map((r) => r.aud))).toEqual(
      new Set(['https://management.azure.com', 'https://vault.azure.net']),
    );
    // git's first, unauthenticated request of each command carries no token, so gets no verdict.
    expect(git.verifier.verdicts.filter((v) => !v.ok)).toEqual([]);
    expect(git.verifier.verdicts.filter((v) => v.ok).length).toBeGreaterThanOrEqual(gitCalls);
    expect(registry.verifier.verdicts.filter((v) => !v.ok)).toEqual([]);
    expect(dockerSecrets.length).toBe(ticks);
    for (const secret of dockerSecrets) expect(registry.refreshTokens).toContain(secret);
    // The session outlived its tokens: the SDK saw them renewed many times.
    const distinct = new Set(sdkResults.map((r) => r.jti)).size;
    expect(distinct).toBeGreaterThanOrEqual(Math.floor(runSeconds / ACCESS_TOKEN_SECONDS));

    // Exchanges follow the token lifetime: the endpoint serves a 10 s token for half its life, so
    // about run time / (lifetime / 2) per steady resource, plus one per resource az asked for the
    // first time; never one per request. Each was a fresh CI token, and each succeeded.
    const during = exchanges().slice(exchangesBefore);
    const bound = (runSeconds / (ACCESS_TOKEN_SECONDS / 2)) * STEADY_RESOURCES * 1.5 + azCalls + 8;
    const consumerRequests = sdkResults.length + gitCalls + dockerSecrets.length + azCalls;
    expect(during.every((r) => r.status === 200)).toBe(true);
    expect(during.length).toBeGreaterThanOrEqual(Math.floor(runSeconds / ACCESS_TOKEN_SECONDS));
    expect(during.length).toBeLessThanOrEqual(bound);
    expect(during.length).toBeLessThan(consumerRequests);
    const idTokens = sandbox.requests.slice(requestsBefore).filter((r) => r.target === 'idtoken');
    expect(idTokens.every((r) => r.status === 200)).toBe(true);

    // logout: the endpoint is gone, and so is every file and private directory.
    const temp = job['RUNNER_TEMP'] ?? '';
    const state = filesIn(temp).find((f) => f.startsWith('entra-federate-identity-')) ?? '';
    const pid = (JSON.parse(readFileSync(join(temp, state), 'utf8')) as { pid: number }).pid;
    stopSession = undefined;
    const logout = leaks.record('logout', await runCli(['logout'], { ...job, ...exported }));
    expect(logout.code, logout.stderr).toBe(0);
    expect(await waitFor(() => !isRunning(pid), 60_000)).toBe(true);
    expect(filesIn(temp)).toEqual([]);
    expect(leaks.checkAll()).toBeGreaterThan(0);
    console.log(
      `soak over ${runSeconds.toFixed(0)} s: ${sdkResults.length} SDK, ${azCalls} az, ${gitCalls} git, ${dockerSecrets.length} docker requests, 0 failures; ${during.length} exchanges (bound ${bound.toFixed(0)}), ${distinct} distinct SDK tokens`,
    );
  },
  (SECONDS + 180) * 1000,
);
