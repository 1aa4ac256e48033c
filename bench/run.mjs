// `npm run bench`: cold-start, exchange, throughput and memory figures for entra-federate, each
// as a ratio against a reference measured in the same run (cases alternate round by round).
// Exits 1 when a target is missed. ROUNDS=N sets the measured rounds (default 15).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { benchAction } from './action.mjs';
import { CLI, ROOT, alternate, baseEnv, fmt, mintIdToken, report, startSandboxProcess, timeProcess } from './lib.mjs';

const rounds = Number(process.env.ROUNDS ?? 15);
const scope = 'https://management.azure.com/.default';
console.log(
  `entra-federate bench: ${rounds} rounds, cold processes, sandbox over https on loopback (node ${process.version})`,
);

const sandbox = await startSandboxProcess({ https: true });
const env = baseEnv({ NODE_EXTRA_CA_CERTS: sandbox.caCertFile });
const tokenFile = join(sandbox.dir, 'ci-token');
writeFileSync(tokenFile, await mintIdToken(sandbox), { mode: 0o600 });
const endpoint = `${sandbox.authorityHost}/${sandbox.tenantId}/oauth2/v2.0/token`;
const cliToken = (sbx, file, extra = []) => [
  CLI,
  'token',
  '--id-token-file',
  file,
  '--client-id',
  sbx.clientId,
  '--tenant-id',
  sbx.tenantId,
  '--authority-host',
  sbx.authorityHost,
  ...extra,
];
const rows = [];

// 1. `entra-federate token` against the bare-Node floor and @azure/identity.
{
  const m = await alternate(
    [
      { name: 'node', run: () => timeProcess(['-e', '0'], env) },
      {
        name: 'floor',
        run: () =>
          timeProcess([join(ROOT, 'bench/floor-token.mjs'), tokenFile, endpoint, sandbox.clientId, scope], env),
      },
      { name: 'cli', run: () => timeProcess(cliToken(sandbox, tokenFile, ['--scope', scope]), env) },
      {
        name: 'identity',
        run: () =>
          timeProcess(
            [
              join(ROOT, 'bench/identity-token.mjs'),
              tokenFile,
              sandbox.authorityHost,
              sandbox.tenantId,
              sandbox.clientId,
              scope,
            ],
            env,
          ),
      },
    ],
    { rounds },
  );
  rows.push(
    { section: 'CLI token, cold' },
    { label: 'node -e 0 (Node start-up alone)', value: fmt(m.node) },
    { label: 'floor: bare Node, one https token request', value: fmt(m.floor) },
    { label: '@azure/identity ClientAssertionCredential, cold', value: fmt(m.identity) },
    { label: 'entra-federate token, cold', value: fmt(m.cli) },
    {
      label: 'entra-federate token / floor',
      value: `${(m.cli / m.floor).toFixed(2)}x`,
      target: '<= 1.50x',
      check: () => m.cli / m.floor <= 1.5,
    },
    {
      label: '@azure/identity / entra-federate token',
      value: `${(m.identity / m.cli).toFixed(2)}x slower`,
      target: '>= 2.50x',
      check: () => m.identity / m.cli >= 2.5,
    },
  );
}

// 2. The GitHub Action's main step against its floor.
{
  const { rows: actionRows } = await benchAction({ rounds, sandbox });
  rows.push({ section: 'GitHub Action, cold' }, ...actionRows.filter((r) => !r.label.startsWith('node -e 0')));
}

// 3. Five scopes cost about the slowest exchange, not the sum: every exchange is slowed by
// 250 ms in a second sandbox, so a sequential login would take 1 s longer than a single one.
{
  const slow = await startSandboxProcess({
    https: true,
    config: { faults: [{ target: 'token', times: 0, delayMs: 250 }] },
  });
  const slowFile = join(slow.dir, 'ci-token');
  writeFileSync(slowFile, await mintIdToken(slow), { mode: 0o600 });
  const slowEnv = baseEnv({ NODE_EXTRA_CA_CERTS: slow.caCertFile });
  const five = [
    'management.azure.com',
    'vault.azure.net',
    'storage.azure.com',
    'graph.microsoft.com',
    'database.windows.net',
  ].flatMap((host) => ['--scope', `https://${host}/.default`]);
  const m = await alternate(
    [
      {
        name: 'one',
        run: () =>
          timeProcess(
            [...cliToken(slow, slowFile, ['--scope', scope]).map((a) => (a === 'token' ? 'login' : a))],
            slowEnv,
          ),
      },
      {
        name: 'five',
        run: () => timeProcess([...cliToken(slow, slowFile, five).map((a) => (a === 'token' ? 'login' : a))], slowEnv),
      },
    ],
    { rounds: Math.max(5, Math.round(rounds / 2)) },
  );
  slow.stop();
  rows.push(
    { section: 'login with 5 scopes (each exchange takes 250 ms)' },
    { label: 'login, 1 scope', value: fmt(m.one) },
    { label: 'login, 5 scopes', value: fmt(m.five) },
    {
      label: 'login 5 scopes - login 1 scope (sequential would add ~1000 ms)',
      value: fmt(m.five - m.one),
      target: '<= 250 ms',
      check: () => m.five - m.one <= 250,
    },
  );
}

// 4. Peak memory of a cold `token`, against Node alone.
{
  const rss = async (args) => {
    const { err } = await timeProcess([join(ROOT, 'bench/maxrss.mjs'), ...args], env);
    return Number(/maxrss-kb (\d+)/.exec(err)?.[1] ?? Number.NaN) / 1024;
  };
  const empty = join(sandbox.dir, 'empty.mjs');
  writeFileSync(empty, '');
  const base = await rss([empty]);
  const token = await rss(cliToken(sandbox, tokenFile, ['--scope', scope]));
  rows.push(
    { section: 'peak memory (max RSS)' },
    { label: 'empty Node process', value: `${base.toFixed(1)} MB` },
    { label: 'entra-federate token', value: `${token.toFixed(1)} MB (+${(token - base).toFixed(1)} MB)` },
  );
}

// 5. verify throughput with cached keys, in process (the library export).
{
  const { benchVerify } = await import('./verify.mjs').catch(() => ({}));
  if (benchVerify !== undefined)
    rows.push({ section: 'verify, cached JWKS, one core' }, ...(await benchVerify({ sandbox })));
}

// 6. The identity endpoint's cached-token latency and throughput against a bare node:http server.
{
  const { benchIdentityEndpoint } = await import('./identity-endpoint.mjs');
  rows.push(
    { section: 'identity endpoint, cached token (App Service 2019 requests over keep-alive)' },
    ...(await benchIdentityEndpoint({ sandbox, env, tokenFile, dir: sandbox.dir })),
  );
}

// 7. The standalone executable's cold start against the bundle's.
{
  const { benchBinary } = await import('./binary.mjs');
  const { rows: binaryRows } = await benchBinary({ rounds, sandbox });
  rows.push({ section: 'standalone binary (npm run build:binary), cold' }, ...binaryRows);
}

sandbox.stop();
let failed = 0;
for (const row of rows) {
  if (row.section !== undefined) console.log(`\n${row.section}`);
  else failed += report([row]);
}
console.log(failed === 0 ? '\nall targets met' : `\n${failed} target(s) missed`);
process.exitCode = failed === 0 ? 0 : 1;
