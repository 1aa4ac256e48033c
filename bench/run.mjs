// `npm run bench`: cold-start and exchange figures for entra-federate, each as a ratio against
// a reference measured in the same run (cases alternate round by round). Exits 1 when a
// target is missed. ROUNDS=N changes the number of measured rounds (default 15).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CLI, ROOT, alternate, baseEnv, fmt, mintIdToken, report, startSandboxProcess, timeProcess } from './lib.mjs';

const rounds = Number(process.env.ROUNDS ?? 15);
const sandbox = await startSandboxProcess({ https: true });
const env = baseEnv({ NODE_EXTRA_CA_CERTS: sandbox.caCertFile });
const scope = 'https://management.azure.com/.default';
const tokenFile = join(sandbox.dir, 'ci-token');
writeFileSync(tokenFile, await mintIdToken(sandbox), { mode: 0o600 });
const endpoint = `${sandbox.authorityHost}/${sandbox.tenantId}/oauth2/v2.0/token`;

console.log(`entra-federate bench: ${rounds} rounds, cold processes, sandbox over https on loopback (node ${process.version})\n`);

const medians = await alternate([
  { name: 'node', run: () => timeProcess(['-e', '0'], env) },
  { name: 'floor', run: () => timeProcess([join(ROOT, 'bench/floor-token.mjs'), tokenFile, endpoint, sandbox.clientId, scope], env) },
  { name: 'cli', run: () => timeProcess([CLI, 'token', '--id-token-file', tokenFile, '--client-id', sandbox.clientId, '--tenant-id', sandbox.tenantId, '--authority-host', sandbox.authorityHost, '--scope', scope], env) },
  { name: 'identity', run: () => timeProcess([join(ROOT, 'bench/identity-token.mjs'), tokenFile, sandbox.authorityHost, sandbox.tenantId, sandbox.clientId, scope], env) },
], { rounds });

const failed = report([
  { label: 'node -e 0 (Node start-up alone)', value: fmt(medians.node) },
  { label: 'floor: bare Node, one https token request', value: fmt(medians.floor) },
  { label: '@azure/identity ClientAssertionCredential, cold', value: fmt(medians.identity) },
  { label: 'entra-federate token, cold', value: fmt(medians.cli) },
  { label: 'entra-federate token / floor', value: `${(medians.cli / medians.floor).toFixed(2)}x`, target: '<= 1.50x', check: () => medians.cli / medians.floor <= 1.5 },
  { label: '@azure/identity / entra-federate token', value: `${(medians.identity / medians.cli).toFixed(2)}x faster`, target: '>= 2.50x', check: () => medians.identity / medians.cli >= 2.5 },
]);

sandbox.stop();
process.exitCode = failed === 0 ? 0 : 1;
