// The identity endpoint's cached-token path: once a token is in its cache, how fast does it
// answer a tool's request (latency, one at a time) and how many requests per second does it
// serve (bounded concurrency), against a bare node:http server answering the same JSON in its own
// process, measured in the same run with the same client.
//   node bench/identity-endpoint.mjs reference   (the reference server, run by benchIdentityEndpoint)
import { execFileSync, spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { Agent, createServer, request } from 'node:http';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

const LATENCY_REQUESTS = 400;
const THROUGHPUT_SECONDS = 2;
const CONCURRENCY = 8;
const RESOURCE = 'https://management.azure.com';

/** GET url with headers over a keep-alive agent; resolves with the status and body. */
function get(url, headers, agent) {
  return new Promise((resolve, reject) => {
    request(url, { headers, agent }, (res) => {
      let body = '';
      res
        .setEncoding('utf8')
        .on('data', (c) => {
          body += c;
        })
        .on('end', () => resolve({ status: res.statusCode, body }));
    })
      .on('error', reject)
      .end();
  });
}

async function measure(url, headers) {
  const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  for (let i = 0; i < 50; i++) await get(url, headers, agent); // warm: sockets open, code optimised
  const latencies = [];
  for (let i = 0; i < LATENCY_REQUESTS; i++) {
    const start = performance.now();
    const { status } = await get(url, headers, agent);
    latencies.push(performance.now() - start);
    if (status !== 200) throw new Error(`HTTP ${status} from ${url}`);
  }
  latencies.sort((a, b) => a - b);
  let served = 0;
  const end = performance.now() + THROUGHPUT_SECONDS * 1000;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (performance.now() < end) {
        const { status } = await get(url, headers, agent);
        if (status !== 200) throw new Error(`HTTP ${status} from ${url}`);
        served++;
      }
    }),
  );
  agent.destroy();
  return { p50: latencies[Math.floor(latencies.length / 2)], rps: served / THROUGHPUT_SECONDS };
}

/** The reference: node:http answering a fixed JSON body of the endpoint's shape and size. */
function reference() {
  const body = readFileSync(0, 'utf8');
  const server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' }).end(body);
  });
  server.listen(0, '127.0.0.1', () => process.stdout.write(`${server.address().port}\n`));
}

export async function benchIdentityEndpoint({ sandbox, env, tokenFile, dir }) {
  const { CLI, baseEnv } = await import('./lib.mjs');
  const exportFile = join(dir, 'identity-endpoint.env');
  writeFileSync(exportFile, '', { mode: 0o600 });
  const loginEnv = baseEnv({ ...env, TMPDIR: dir });
  execFileSync(
    process.execPath,
    [
      CLI,
      'login',
      '--export',
      'identity-endpoint',
      '--export-file',
      exportFile,
      '--id-token-file',
      tokenFile,
      '--client-id',
      sandbox.clientId,
      '--tenant-id',
      sandbox.tenantId,
      '--authority-host',
      sandbox.authorityHost,
    ],
    { env: loginEnv, stdio: ['ignore', 'ignore', 'pipe'] },
  );
  const exported = Object.fromEntries(
    [...readFileSync(exportFile, 'utf8').matchAll(/^export ([A-Z_]+)='([^']*)'$/gm)].map((m) => [m[1], m[2]]),
  );
  const stopEndpoint = () =>
    execFileSync(process.execPath, [CLI, 'logout', '--session', exported.ENTRA_FEDERATE_SESSION], {
      env: loginEnv,
      stdio: 'ignore',
    });
  try {
    const url = new URL(exported.IDENTITY_ENDPOINT);
    url.searchParams.set('api-version', '2019-08-01');
    url.searchParams.set('resource', RESOURCE);
    const headers = { 'x-identity-header': exported.IDENTITY_HEADER };
    // The first request exchanges; every later one is served from the cache.
    const first = await get(url, headers, undefined);
    if (first.status !== 200) throw new Error(`identity endpoint: HTTP ${first.status}`);

    const child = spawn(process.execPath, [new URL(import.meta.url).pathname, 'reference'], {
      stdio: ['pipe', 'pipe', 'ignore'],
    });
    child.stdin.end(first.body);
    const port = await new Promise((resolve, reject) => {
      createInterface({ input: child.stdout }).once('line', resolve);
      child.once('exit', (code) => reject(new Error(`reference server exited with ${code}`)));
    });
    try {
      // Alternate the two, twice each, and keep each one's better run (less noise from neighbours).
      const runs = { ours: [], ref: [] };
      for (let round = 0; round < 2; round++) {
        runs.ours.push(await measure(url, headers));
        runs.ref.push(await measure(`http://127.0.0.1:${port}/`, {}));
      }
      const best = (list) => ({ p50: Math.min(...list.map((r) => r.p50)), rps: Math.max(...list.map((r) => r.rps)) });
      const ours = best(runs.ours);
      const ref = best(runs.ref);
      const latencyRatio = ours.p50 / ref.p50;
      const rpsRatio = ours.rps / ref.rps;
      return [
        { label: 'reference: bare node:http answering the same JSON, p50', value: `${ref.p50.toFixed(3)} ms` },
        {
          label: 'identity endpoint, cached token, p50 (one at a time)',
          value: `${ours.p50.toFixed(3)} ms (${latencyRatio.toFixed(2)}x of the reference)`,
          target: '<= 2.00x',
          check: () => latencyRatio <= 2,
        },
        { label: `reference: requests per second (${CONCURRENCY} concurrent)`, value: `${Math.round(ref.rps)} /s` },
        {
          label: `identity endpoint, cached token, requests per second (${CONCURRENCY} concurrent)`,
          value: `${Math.round(ours.rps)} /s (${rpsRatio.toFixed(2)}x of the reference)`,
          target: '>= 0.50x',
          check: () => rpsRatio >= 0.5,
        },
      ];
    } finally {
      child.kill('SIGTERM');
    }
  } finally {
    stopEndpoint();
  }
}

if (process.argv[2] === 'reference') reference();
