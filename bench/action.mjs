// The GitHub Action's cold run against its floor: a bare Node process that makes the same two
// requests (the runner's ID-token endpoint, then the Entra exchange) and writes the same files
// (token file 0600, GITHUB_OUTPUT, GITHUB_ENV, GITHUB_STATE, GITHUB_STEP_SUMMARY, mask lines).
//
//   node bench/action.mjs            measure (ROUNDS=N, default 15); exits 1 above 1.5x
//   node bench/action.mjs floor      the floor itself, run by the measurement with the same env
//
// run.mjs can include it: `const { benchAction } = await import('./action.mjs')`.
import { appendFileSync, closeSync, constants, openSync, writeSync } from 'node:fs';
import { request as plain } from 'node:http';
import { request as secure } from 'node:https';
import { pathToFileURL } from 'node:url';

/** The floor: only what the Action must do, with nothing loaded that it does not need. */
async function floor() {
  const env = process.env;
  const send = (url, options, body) =>
    new Promise((resolve, reject) => {
      const req = (url.protocol === 'https:' ? secure : plain)(url, options, (res) => {
        let data = '';
        res
          .setEncoding('utf8')
          .on('data', (d) => {
            data += d;
          })
          .on('end', () => resolve(JSON.parse(data)));
      });
      req.on('error', reject);
      req.end(body);
    });
  const audience = 'api://AzureADTokenExchange';
  const idUrl = new URL(`${env.ACTIONS_ID_TOKEN_REQUEST_URL}&audience=${encodeURIComponent(audience)}`);
  const { value: idToken } = await send(idUrl, {
    headers: { authorization: `Bearer ${env.ACTIONS_ID_TOKEN_REQUEST_TOKEN}` },
  });
  process.stdout.write(`::add-mask::${idToken}\n`);
  const body = new URLSearchParams({
    grant_type: 'client_credentials',
    client_id: env['INPUT_CLIENT-ID'],
    scope: env.INPUT_SCOPES,
    client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
    client_assertion: idToken,
  }).toString();
  const tokenUrl = new URL(`${env['INPUT_AUTHORITY-HOST']}/${env['INPUT_TENANT-ID']}/oauth2/v2.0/token`);
  const token = await send(
    tokenUrl,
    {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'content-length': Buffer.byteLength(body) },
    },
    body,
  );
  process.stdout.write(`::add-mask::${token.access_token}\n`);
  const file = `${env.RUNNER_TEMP}/floor-${process.pid}-${Date.now()}.jwt`;
  const fd = openSync(file, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW, 0o600);
  writeSync(fd, idToken);
  closeSync(fd);
  const entry = (key, value) => `${key}<<EOF_FLOOR\n${value}\nEOF_FLOOR\n`;
  appendFileSync(
    env.GITHUB_OUTPUT,
    entry('access-token', token.access_token) +
      entry('expires-on', new Date(Date.now() + token.expires_in * 1000).toISOString()) +
      entry('issuer', 'x') +
      entry('subject', 'x'),
  );
  appendFileSync(
    env.GITHUB_ENV,
    ['AZURE_CLIENT_ID', 'AZURE_TENANT_ID', 'AZURE_AUTHORITY_HOST'].map((k) => entry(k, 'x')).join('') +
      entry('AZURE_FEDERATED_TOKEN_FILE', file),
  );
  appendFileSync(env.GITHUB_STATE, entry('files', JSON.stringify([file])));
  appendFileSync(env.GITHUB_STEP_SUMMARY, `| Scope | Expires |\n|---|---|\n| ${env.INPUT_SCOPES} | x |\n`);
}

/** Measures node -e 0, the floor, the Action's main and its post, alternating round by round. */
export async function benchAction({ rounds = 15, sandbox } = {}) {
  const { mkdirSync, writeFileSync } = await import('node:fs');
  const { join } = await import('node:path');
  const lib = await import('./lib.mjs');
  const own = sandbox === undefined;
  const sbx = sandbox ?? (await lib.startSandboxProcess({ https: true }));
  const main = join(lib.ROOT, 'dist/action/index.js');
  const post = join(lib.ROOT, 'dist/action/post.js');
  const self = join(lib.ROOT, 'bench/action.mjs');
  let step = 0;
  // A fresh runner-shaped environment per run, prepared outside the timed process.
  const stepEnv = () => {
    const dir = join(sbx.dir, `step-${++step}`);
    mkdirSync(join(dir, 'temp'), { recursive: true });
    const files = {
      GITHUB_OUTPUT: join(dir, 'output'),
      GITHUB_ENV: join(dir, 'env'),
      GITHUB_STATE: join(dir, 'state'),
      GITHUB_STEP_SUMMARY: join(dir, 'summary'),
    };
    for (const f of Object.values(files)) writeFileSync(f, '');
    return lib.baseEnv({
      ...files,
      RUNNER_TEMP: join(dir, 'temp'),
      GITHUB_ACTIONS: 'true',
      GITHUB_REPOSITORY: 'octo-org/octo-repo',
      GITHUB_RUN_ID: '1',
      ACTIONS_ID_TOKEN_REQUEST_URL: sbx.idTokenRequestUrl,
      ACTIONS_ID_TOKEN_REQUEST_TOKEN: sbx.idTokenRequestToken,
      NODE_EXTRA_CA_CERTS: sbx.caCertFile,
      'INPUT_CLIENT-ID': sbx.clientId,
      'INPUT_TENANT-ID': sbx.tenantId,
      'INPUT_AUTHORITY-HOST': sbx.authorityHost,
      INPUT_SCOPES: 'https://management.azure.com/.default',
      INPUT_CLOUD: 'AzureCloud',
      INPUT_EXPORT: 'env',
      'INPUT_TIMEOUT-SECONDS': '60',
    });
  };
  // Post gets the state main leaves: one token file to delete (written here, untimed).
  const postEnv = () => {
    const env = stepEnv();
    const file = join(env.RUNNER_TEMP, 'entra-federate-0123456789abcdef.jwt');
    writeFileSync(file, 'x', { mode: 0o600 });
    // Post makes no request: without the sandbox's CA, as on a runner (Node reads that file at start-up).
    const { NODE_EXTRA_CA_CERTS: _ca, ...rest } = env;
    return { ...rest, STATE_files: JSON.stringify([file]) };
  };
  const medians = await lib.alternate(
    [
      { name: 'node', run: () => lib.timeProcess(['-e', '0'], lib.baseEnv()) },
      { name: 'floor', run: () => lib.timeProcess([self, 'floor'], stepEnv()) },
      { name: 'action', run: () => lib.timeProcess([main], stepEnv()) },
      { name: 'post', run: () => lib.timeProcess([post], postEnv()) },
    ],
    { rounds },
  );
  if (own) sbx.stop();
  return {
    medians,
    rows: [
      { label: 'node -e 0 (Node start-up alone)', value: lib.fmt(medians.node) },
      { label: 'floor: bare Node, ID-token request + exchange + files', value: lib.fmt(medians.floor) },
      { label: 'Action main (dist/action/index.js), cold', value: lib.fmt(medians.action) },
      { label: 'Action post (dist/action/post.js), cold', value: lib.fmt(medians.post) },
      {
        label: 'Action main / floor',
        value: `${(medians.action / medians.floor).toFixed(2)}x`,
        target: '<= 1.50x',
        check: () => medians.action / medians.floor <= 1.5,
      },
      { label: 'Action post / node -e 0 (reported; no target)', value: `${(medians.post / medians.node).toFixed(2)}x` },
    ],
  };
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  if (process.argv[2] === 'floor') {
    await floor();
  } else {
    const rounds = Number(process.env.ROUNDS ?? 15);
    console.log(
      `entra-federate Action bench: ${rounds} rounds, cold processes, sandbox over https on loopback (node ${process.version})\n`,
    );
    const { report } = await import('./lib.mjs');
    const { rows } = await benchAction({ rounds });
    process.exitCode = report(rows) === 0 ? 0 : 1;
  }
}
