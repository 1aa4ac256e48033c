// verify throughput with cached keys, in one process on one core (sequential awaits), against
// the floor: node:crypto checking the same RS256 signature with an already imported key.
//   node bench/verify.mjs worker   (run by benchVerify with the sandbox's CA trusted)
import { spawnSync } from 'node:child_process';
import { createPublicKey, verify } from 'node:crypto';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const SECONDS = 2;

async function worker() {
  const { ROOT, mintIdToken } = await import('./lib.mjs');
  const sandbox = JSON.parse(process.env.BENCH_SANDBOX);
  const { createVerifier } = await import(pathToFileURL(join(ROOT, 'dist/lib/index.js')).href);
  const token = await mintIdToken(sandbox, { lifetimeSeconds: 3600 });
  const verifier = createVerifier({ issuer: sandbox.issuer, audience: 'api://AzureADTokenExchange' });
  for (let i = 0; i < 2000; i++) await verifier.verify(token); // warm: keys cached, code optimised
  let n = 0;
  const end = performance.now() + SECONDS * 1000;
  while (performance.now() < end) {
    for (let i = 0; i < 100; i++) await verifier.verify(token);
    n += 100;
  }
  const ours = n / SECONDS;

  // Floor: the signature check alone, the key imported once.
  const [h, p, s] = token.split('.');
  const keyRes = await fetchJson(`${sandbox.issuer}/.well-known/jwks`);
  const key = createPublicKey({ key: keyRes.keys[0], format: 'jwk' });
  const data = Buffer.from(`${h}.${p}`);
  const sig = Buffer.from(s, 'base64url');
  let m = 0;
  const end2 = performance.now() + SECONDS * 1000;
  while (performance.now() < end2) {
    for (let i = 0; i < 100; i++) if (!verify('sha256', data, key, sig)) throw new Error('bad signature');
    m += 100;
  }
  process.stdout.write(JSON.stringify({ ours, floor: m / SECONDS }));
}

async function fetchJson(url) {
  const { request } = await import(url.startsWith('https:') ? 'node:https' : 'node:http');
  return new Promise((resolve, reject) => {
    request(url, (res) => {
      let d = '';
      res
        .setEncoding('utf8')
        .on('data', (c) => {
          d += c;
        })
        .on('end', () => resolve(JSON.parse(d)));
    })
      .on('error', reject)
      .end();
  });
}

export async function benchVerify({ sandbox }) {
  const { ROOT, baseEnv } = await import('./lib.mjs');
  // taskset pins the worker to one core where available; otherwise it is one thread anyway.
  const pin = spawnSync('taskset', ['--version']).status === 0 ? ['taskset', '-c', '0'] : [];
  const args = [...pin, process.execPath, join(ROOT, 'bench/verify.mjs'), 'worker'];
  const run = spawnSync(args[0], args.slice(1), {
    env: baseEnv({ NODE_EXTRA_CA_CERTS: sandbox.caCertFile, BENCH_SANDBOX: JSON.stringify(sandbox) }),
    encoding: 'utf8',
  });
  if (run.status !== 0) throw new Error(`verify bench failed: ${run.stderr.slice(0, 500)}`);
  const { ours, floor } = JSON.parse(run.stdout);
  return [
    {
      label: `floor: node:crypto RS256 signature check alone${pin.length > 0 ? ' (one core)' : ''}`,
      value: `${Math.round(floor)} /s`,
    },
    {
      label: `verifyIdToken, cached JWKS${pin.length > 0 ? ' (one core)' : ''}`,
      value: `${Math.round(ours)} /s (${(ours / floor).toFixed(2)}x of the floor)`,
      target: '>= 20000 /s',
      check: () => ours >= 20000,
    },
  ];
}

if (
  process.argv[1] !== undefined &&
  import.meta.url === pathToFileURL(process.argv[1]).href &&
  process.argv[2] === 'worker'
) {
  await worker();
}
