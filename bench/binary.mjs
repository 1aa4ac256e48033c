// The standalone executable (`npm run build:binary`) against the bundle it is made from: a cold
// `token` with each, alternating round by round, and the binary's size raw and gzipped.
//
//   node bench/binary.mjs      measure (ROUNDS=N, default 15); exits 1 above 1.2x
//
// run.mjs includes it: `const { benchBinary } = await import('./binary.mjs')`.
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { binaryName, buildBinary } from '../scripts/build-binary.mjs';
import * as lib from './lib.mjs';

const MB = 1024 * 1024;

export async function benchBinary({ rounds = 15, sandbox } = {}) {
  if (process.platform !== 'linux' && process.platform !== 'darwin')
    return { rows: [{ label: `standalone binary: not measured on ${process.platform}`, value: '-' }] };
  const { path } = await buildBinary();
  const sbx = sandbox ?? (await lib.startSandboxProcess({ https: true }));
  const env = lib.baseEnv({ NODE_EXTRA_CA_CERTS: sbx.caCertFile });
  const tokenFile = join(sbx.dir, 'ci-token-binary');
  writeFileSync(tokenFile, await lib.mintIdToken(sbx), { mode: 0o600 });
  const args = [
    'token',
    '--id-token-file',
    tokenFile,
    '--client-id',
    sbx.clientId,
    '--tenant-id',
    sbx.tenantId,
    '--authority-host',
    sbx.authorityHost,
  ];
  const m = await lib.alternate(
    [
      { name: 'bundle', run: () => lib.timeProcess([lib.CLI, ...args], env) },
      { name: 'binary', run: () => lib.timeProcess(args, env, { command: path }) },
    ],
    { rounds },
  );
  if (sandbox === undefined) sbx.stop();
  const raw = statSync(path).size;
  const gzipped = gzipSync(readFileSync(path)).length;
  return {
    rows: [
      { label: 'node dist/cli/index.js token, cold', value: lib.fmt(m.bundle) },
      { label: `${binaryName()} token, cold`, value: lib.fmt(m.binary) },
      {
        label: 'standalone binary / node dist/cli/index.js',
        value: `${(m.binary / m.bundle).toFixed(2)}x`,
        target: '<= 1.20x',
        check: () => m.binary / m.bundle <= 1.2,
      },
      {
        label: `${binaryName()} size, raw / gzipped`,
        value: `${(raw / MB).toFixed(1)} MB / ${(gzipped / MB).toFixed(1)} MB`,
      },
    ],
  };
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const rounds = Number(process.env.ROUNDS ?? 15);
  console.log(
    `entra-federate standalone binary bench: ${rounds} rounds, cold processes, sandbox over https on loopback (node ${process.version})\n`,
  );
  const { rows } = await benchBinary({ rounds });
  process.exitCode = lib.report(rows) === 0 ? 0 : 1;
}
