/**
 * The Travis CI example (examples/travis/.travis.yml) run the way Travis runs a job: one bash
 * script, env.global exported, then before_install, install and before_script, each command
 * failing the build when it fails, then script and after_script. The certificate is kept as
 * `travis encrypt-file` keeps it (AES-256-CBC with a key and iv in secure variables) and is
 * registered on a sandbox app; the repository keeps the release's installer (.travis/install.sh,
 * pinned by the release script's writer to this repository's package, served from a loopback
 * host), and `curl` checks the bearer token it is handed, so the example's own lines run unchanged.
 */
import { randomBytes } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { createSelfSignedCertificate, startSandbox } from '../../src/sandbox/index.js';
import type { Sandbox } from '../../src/sandbox/index.js';
import { shellQuote } from '../../src/core/text.js';
import { ROOT, baseEnv } from './run.js';
import type { ProcessResult } from './run.js';
import { LeakCheck, TRAVIS_ENV } from '../helpers/providers.js';
import { PACKAGE_VERSION, localPackage, runShell } from '../helpers/packages.js';
import { pinned, pinsOf, serveRelease } from '../helpers/release.js';
import type { ReleaseServer } from '../helpers/release.js';

const EXAMPLE = join(ROOT, 'examples/travis/.travis.yml');
const TRAVIS_APP = 'e26f7081-92a3-4fb0-8c2d-3e4f5a6b7c8d';

interface TravisYml {
  language: string;
  env: { global: string[] };
  before_install: string[];
  install: string[];
  before_script: string[];
  script: string[];
  after_script: string[];
}
const example = parseYaml(readFileSync(EXAMPLE, 'utf8')) as TravisYml;
const encryptedId = /\$encrypted_([0-9a-f]+)_key/.exec(example.before_install.join('\n'))?.[1] ?? '';

let sandbox: Sandbox;
let root: string;
let release: ReleaseServer;
let installer: string;
const TGZ = `entra-federate-${PACKAGE_VERSION}.tgz`;
let toolsBin: string;
let certificatePem: string;
const leaks = new LeakCheck();

/** What `travis encrypt-file` does: AES-256-CBC under a random key and iv (hex), openssl's format. */
function travisEncryptFile(plain: string, out: string): { key: string; iv: string } {
  const key = randomBytes(32).toString('hex');
  const iv = randomBytes(16).toString('hex');
  const input = join(root, 'plain.pem');
  writeFileSync(input, plain, { mode: 0o600 });
  const res = spawnSync('openssl', ['aes-256-cbc', '-K', key, '-iv', iv, '-in', input, '-out', out], {
    encoding: 'utf8',
  });
  rmSync(input);
  if (res.status !== 0) throw new Error(`openssl failed: ${res.stderr}`);
  return { key, iv };
}

beforeAll(async () => {
  const cert = createSelfSignedCertificate({ commonName: 'travis-deploy' });
  certificatePem = `${cert.keyPem}${cert.certPem}`;
  leaks.addPrivateKey(cert.keyPem);
  sandbox = await startSandbox({ config: { apps: [{ clientId: TRAVIS_APP, certificates: [cert.certPem] }] } });
  root = mkdtempSync(join(tmpdir(), 'ef-travis-'));
  const files = { [TGZ]: localPackage(join(root, 'pack')) };
  release = await serveRelease(files);
  installer = pinned(readFileSync(join(ROOT, 'scripts/install.sh'), 'utf8'), PACKAGE_VERSION, pinsOf(files));
  // A `curl` that checks the bearer token it is handed (its audience) and prints no token; the
  // installer's downloads (no Authorization header) go to the real curl.
  toolsBin = join(root, 'tools');
  mkdirSync(toolsBin);
  writeFileSync(
    join(toolsBin, 'curl'),
    `#!${process.execPath}
const args = process.argv.slice(2);
if (!args.includes('-H')) {
  const real = require('node:child_process').spawnSync('/usr/bin/curl', args, { stdio: 'inherit' });
  process.exit(real.status ?? 1);
}
const header = args[args.indexOf('-H') + 1] ?? '';
const url = new URL(args.find((a) => /^https:/.test(a)));
const token = /^Authorization: Bearer (\\S+)$/.exec(header)?.[1];
if (!token) { console.error('curl: (22) 401 Unauthorized'); process.exit(22); }
const aud = JSON.parse(Buffer.from(token.split('.')[1], 'base64url')).aud;
if (aud !== 'https://' + url.hostname) { console.error('curl: (22) 401 InvalidAudience'); process.exit(22); }
console.error('curl: GET ' + url.pathname + ' with a token for ' + aud);
`,
  );
  chmodSync(join(toolsBin, 'curl'), 0o755);
});
afterAll(async () => {
  await Promise.all([sandbox.close(), release.close()]);
  rmSync(root, { recursive: true, force: true });
});

/**
 * The job script Travis compiles: exports, then each command of each phase; a failing command
 * in before_install, install or before_script errors the build at once; script's result is the
 * build's; after_script always runs.
 */
function buildScript(checks: string[]): string {
  const lines = [
    'travis_cmd() { echo "\\$ $1"; eval "$1"; }',
    'travis_assert() { local rc=$?; if [ $rc -ne 0 ]; then echo "The command \\"$1\\" failed and exited with $rc during $2."; exit $rc; fi; }',
    ...example.env.global.map((line) => `export ${line}`),
  ];
  for (const phase of ['before_install', 'install', 'before_script'] as const) {
    for (const cmd of example[phase])
      lines.push(`travis_cmd ${shellQuote(cmd)}`, `travis_assert ${shellQuote(cmd)} ${phase}`);
  }
  lines.push('TRAVIS_TEST_RESULT=0');
  for (const cmd of [...example.script, ...checks]) lines.push(`travis_cmd ${shellQuote(cmd)} || TRAVIS_TEST_RESULT=1`);
  for (const cmd of example.after_script) lines.push(`travis_cmd ${shellQuote(cmd)}`);
  lines.push('exit $TRAVIS_TEST_RESULT');
  return `${lines.join('\n')}\n`;
}

let jobs = 0;
async function travisJob(
  secure: Record<string, string>,
  checks: string[] = [],
  envOverride: Record<string, string> = {},
): Promise<ProcessResult & { home: string; repo: string }> {
  const dir = join(root, `job-${++jobs}`);
  const home = join(dir, 'home');
  const repo = join(dir, 'build', 'acme', 'deploy-app');
  mkdirSync(home, { recursive: true });
  mkdirSync(join(repo, '.travis'), { recursive: true });
  const keys = travisEncryptFile(certificatePem, join(repo, '.travis/azure-certificate.pem.enc'));
  writeFileSync(join(repo, '.travis/install.sh'), installer);
  const script = join(dir, 'build.sh');
  writeFileSync(script, buildScript(checks));
  // Repository secure variables come first; env.global is exported by the script.
  const env = baseEnv({
    ...TRAVIS_ENV,
    HOME: home,
    TRAVIS_BUILD_DIR: repo,
    PATH: [toolsBin, process.env['PATH'] ?? '/usr/bin:/bin'].join(delimiter),
    ENTRA_FEDERATE_DOWNLOAD_BASE: release.base,
    [`encrypted_${encryptedId}_key`]: keys.key,
    [`encrypted_${encryptedId}_iv`]: keys.iv,
    ...secure,
    ...envOverride,
  });
  leaks.add(keys.key);
  // The example's client and tenant are placeholders; a job's settings would hold real ones.
  writeFileSync(
    script,
    readFileSync(script, 'utf8')
      .replace('export AZURE_CLIENT_ID=00000000-0000-0000-0000-000000000000', `export AZURE_CLIENT_ID=${TRAVIS_APP}`)
      .replace(
        'export AZURE_TENANT_ID=contoso.onmicrosoft.com',
        `export AZURE_TENANT_ID=${sandbox.tenantId}\nexport AZURE_AUTHORITY_HOST=${sandbox.authorityHost}`,
      ),
  );
  const result = leaks.record(`travis job ${jobs}`, await runShell(['bash'], script, env, { cwd: repo }));
  return { ...result, home, repo };
}

describe('the example', () => {
  test('a certificate kept by travis encrypt-file; the CLI pinned; tokens exported for script:', () => {
    expect(encryptedId).toMatch(/^[0-9a-f]{12}$/);
    expect(example.before_install.join('\n')).toContain(
      `-iv "$encrypted_${encryptedId}_iv" -in .travis/azure-certificate.pem.enc`,
    );
    expect(example.env.global).toContain(`ENTRA_FEDERATE_VERSION=${PACKAGE_VERSION}`);
    expect(example.install).toEqual(['. .travis/install.sh']);
    expect(example.env.global.some((l) => l.startsWith('AZURE_CLIENT_CERTIFICATE_PATH='))).toBe(true);
    expect([...example.install, ...example.before_script].join('\n')).not.toMatch(/\bnpx\b|npm (install|i)\b|set -x/);
    // One line: the CLI names the variables and prints them for eval (a failure fails the eval).
    expect(example.before_script).toEqual([
      'eval "$("$ENTRA_FEDERATE" login --export shell --scope https://management.azure.com/.default,https://vault.azure.net/.default)"',
    ]);
  });
});

describe('a Travis job running the example against the sandbox', () => {
  test('signs in with the decrypted certificate; script: calls the API with the token; the PEM is removed', async () => {
    const before = release.requests.length;
    const job = await travisJob({}, [
      'test "$(stat -c %a "$AZURE_CLIENT_CERTIFICATE_PATH")" = 600 && echo "certificate file is 0600"',
      'curl -fsS -H "Authorization: Bearer $AZURE_ACCESS_TOKEN_VAULT_AZURE_NET" "https://vault.azure.net/secrets/x"',
    ]);
    expect(job.code).toBe(0);
    expect(job.stdout).toContain('certificate file is 0600');
    expect(job.stderr).toContain('curl: GET /subscriptions with a token for https://management.azure.com');
    expect(job.stderr).toContain('curl: GET /secrets/x with a token for https://vault.azure.net');
    expect(existsSync(join(job.home, 'azure-certificate.pem'))).toBe(false);
    // The installer fetched this version's package, verified it, and left nothing in TMPDIR.
    expect(release.requests.slice(before)).toEqual([TGZ]);
    expect(job.stderr).toContain(`(${TGZ}, SHA-256 verified)`);
    const sent = sandbox.requests.filter((r) => r.target === 'token' && r.form?.['client_id'] === TRAVIS_APP).slice(-2);
    expect(sent.map((r) => [r.status, r.form?.['client_assertion_type']])).toEqual([
      [200, 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer'],
      [200, 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer'],
    ]);
  });

  test('a pull request from a fork (no secure variables): the build errors before any exchange', async () => {
    const before = sandbox.requests.filter((r) => r.target === 'token').length;
    const job = await travisJob({}, [], {
      [`encrypted_${encryptedId}_key`]: '',
      [`encrypted_${encryptedId}_iv`]: '',
      TRAVIS_SECURE_ENV_VARS: 'false',
      TRAVIS_PULL_REQUEST: '7',
    });
    expect(job.code).not.toBe(0);
    expect(job.stdout).toMatch(/failed and exited with \d+ during before_install/);
    expect(sandbox.requests.filter((r) => r.target === 'token').length).toBe(before);
  });

  test("a certificate the app does not hold: before_script fails the build with Entra's message", async () => {
    const other = createSelfSignedCertificate({ commonName: 'rotated-away' });
    leaks.addPrivateKey(other.keyPem);
    const saved = certificatePem;
    certificatePem = `${other.keyPem}${other.certPem}`;
    try {
      const job = await travisJob({});
      expect(job.code).toBe(1);
      expect(job.stderr).toMatch(/AADSTS700027/);
      expect(job.stdout).toMatch(/failed and exited with 1 during before_script/);
      expect(job.stderr).not.toContain('curl: GET');
    } finally {
      certificatePem = saved;
    }
  });
});

test('no token, key or secret in any job log', () => {
  expect(leaks.checkAll()).toBe(3);
});
