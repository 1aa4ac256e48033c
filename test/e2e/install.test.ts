/**
 * scripts/install.sh as CI jobs run it: sourced by sh (dash), bash and busybox sh, with PATHs
 * holding only the tools a runner image would have (symlinks in temp dirs), the release served
 * from a loopback HTTP server named by ENTRA_FEDERATE_DOWNLOAD_BASE, and the installer pinned to
 * the files it serves by the release script's own writer. A correct download runs and signs in
 * against the sandbox; a tampered download, a file planted in a shared TMPDIR and an unverified
 * cache are never run; a cache another user owns or others can write is refused; the hash and
 * download tools fall back as documented.
 */
import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { sha256 } from '../../scripts/release.mjs';
import { startSandbox } from '../../src/sandbox/index.js';
import type { Sandbox } from '../../src/sandbox/index.js';
import { BINARY_NAME, BUILD_TIMEOUT_MS, CAN_BUILD_BINARY, buildBinary, toolDir } from '../helpers/binary.js';
import { PACKAGE_VERSION, localPackage, runShell } from '../helpers/packages.js';
import { pinned, pinsOf, serveRelease } from '../helpers/release.js';
import type { ReleaseServer } from '../helpers/release.js';
import { ROOT } from './run.js';
import type { ProcessResult } from './run.js';

const TGZ = `entra-federate-${PACKAGE_VERSION}.tgz`;
/** What a slim runner image has besides a downloader and a hash tool. */
const BASE_TOOLS = [
  'sh',
  'tar',
  'gzip',
  'mktemp',
  'rm',
  'rmdir',
  'cp',
  'mv',
  'chmod',
  'ls',
  'id',
  'sed',
  'tr',
  'uname',
];
const BUSYBOX = ['/usr/bin/busybox', '/bin/busybox'].find((p) => existsSync(p));

let sandbox: Sandbox;
let root: string;
let server: ReleaseServer;
let pins: Record<string, string>;
let installer: string;
let binaryPath: string;

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'ef-install-'));
  const tgz = localPackage(join(root, 'pack'));
  [sandbox, binaryPath] = await Promise.all([startSandbox(), buildBinary()]);
  const files = { [TGZ]: tgz, [BINARY_NAME]: binaryPath };
  pins = pinsOf(files);
  server = await serveRelease(files);
  installer = join(root, 'install.sh');
  writeFileSync(installer, pinned(readFileSync(join(ROOT, 'scripts/install.sh'), 'utf8'), PACKAGE_VERSION, pins));
}, BUILD_TIMEOUT_MS);
afterAll(async () => {
  await Promise.all([sandbox?.close(), server?.close()]);
  rmSync(root, { recursive: true, force: true });
});

let jobs = 0;
interface Job extends ProcessResult {
  dir: string;
  tmp: string;
  home: string;
  log: string;
  marker: string;
}

/**
 * A PATH of symlinks (plus logging wrappers for `logged` tools, so a test sees which one ran),
 * and `node` when asked: the tool set of a runner image.
 */
function tools(dir: string, names: string[], opts: { logged?: string[]; node?: boolean | string } = {}): string {
  const bin = toolDir(join(dir, 'bin'), names);
  for (const name of opts.logged ?? []) {
    const real = ['/usr/bin', '/bin'].map((d) => join(d, name)).find((p) => existsSync(p));
    if (real === undefined) throw new Error(`${name} is not installed`);
    writeFileSync(join(bin, name), `#!/bin/sh\necho "${name} $*" >> '${join(dir, 'tools.log')}'\nexec ${real} "$@"\n`);
    chmodSync(join(bin, name), 0o755);
  }
  if (opts.node === true) symlinkSync(process.execPath, join(bin, 'node'));
  else if (typeof opts.node === 'string') {
    // An old Node: reports the given version and nothing else.
    writeFileSync(join(bin, 'node'), `#!/bin/sh\necho ${opts.node}\n`);
    chmodSync(join(bin, 'node'), 0o755);
  }
  return bin;
}

/** Sources the installer in `shell`, then runs `after` (the job's next commands), in a fresh job dir. */
async function job(
  after: string,
  opts: {
    shell?: string[];
    tools?: string[];
    logged?: string[];
    node?: boolean | string;
    env?: Record<string, string>;
    prepare?: (job: { dir: string; tmp: string; home: string; marker: string }) => void;
    installerPath?: string;
  } = {},
): Promise<Job> {
  const dir = join(root, `job-${++jobs}`);
  const tmp = join(dir, 'tmp');
  const home = join(dir, 'home');
  mkdirSync(tmp, { recursive: true });
  mkdirSync(home, { recursive: true });
  const marker = join(dir, 'PLANTED-FILE-RAN');
  opts.prepare?.({ dir, tmp, home, marker });
  const bin = tools(dir, [...BASE_TOOLS, ...(opts.tools ?? ['curl', 'sha256sum'])], {
    logged: opts.logged ?? [],
    ...(opts.node === undefined ? {} : { node: opts.node }),
  });
  const script = join(dir, 'job.sh');
  writeFileSync(script, `. '${opts.installerPath ?? installer}' || exit $?\n${after}\n`);
  const ci = sandbox.mintIdToken();
  const idTokenFile = join(dir, 'ci-token');
  writeFileSync(idTokenFile, ci, { mode: 0o600 });
  const env = {
    PATH: bin,
    HOME: home,
    TMPDIR: tmp,
    ENTRA_FEDERATE_DOWNLOAD_BASE: server.base,
    AZURE_CLIENT_ID: sandbox.clientId,
    AZURE_TENANT_ID: sandbox.tenantId,
    AZURE_AUTHORITY_HOST: sandbox.authorityHost,
    AZURE_FEDERATED_TOKEN_FILE: idTokenFile,
    ...opts.env,
  };
  const result = await runShell(opts.shell ?? ['/bin/sh'], script, env, { cwd: dir });
  const log = existsSync(join(dir, 'tools.log')) ? readFileSync(join(dir, 'tools.log'), 'utf8') : '';
  expect(result.stdout + result.stderr).not.toContain(ci);
  return { ...result, dir, tmp, home, log, marker };
}

/** The job's next command: sign in with the installed CLI and show the token's audience. */
const SIGN_IN =
  'tok=$("$ENTRA_FEDERATE" token --scope https://vault.azure.net/.default) || exit $?\n' +
  'echo "audience: $(printf %s "$tok" | cut -d. -f2 | tr _- /+ | base64 -d 2>/dev/null | sed \'s/.*"aud":"\\([^"]*\\)".*/\\1/\')"\n' +
  'echo "cli: $ENTRA_FEDERATE"';
const SIGN_IN_TOOLS = ['cut', 'base64'];

function expectSignedIn(run: Job, artifact: string): void {
  expect(run.stderr).toContain(`(${artifact}, SHA-256 verified)`);
  expect(run.code).toBe(0);
  expect(run.stdout).toContain('audience: https://vault.azure.net');
  // The CLI ran from a new private directory under TMPDIR, removed when the shell exited.
  expect(run.stdout).toMatch(new RegExp(`cli: ${run.tmp}/entra-federate\\.\\w{8}/`));
  expect(readdirSync(run.tmp)).toEqual([]);
  expect(existsSync(run.marker)).toBe(false);
}

const shells: [string, string[]][] = [
  ['sh (dash)', ['/bin/sh']],
  ['bash', ['/bin/bash']],
  ...(BUSYBOX === undefined ? [] : ([['busybox sh', [BUSYBOX, 'sh']]] as [string, string[]][])),
];

describe.skipIf(!CAN_BUILD_BINARY)('a correct download runs', () => {
  test.each(shells)(
    '%s, no node: the standalone binary, verified, signs in',
    async (_name, shell) => {
      const before = server.requests.length;
      const run = await job(SIGN_IN, { shell, tools: ['curl', 'sha256sum', ...SIGN_IN_TOOLS] });
      expectSignedIn(run, BINARY_NAME);
      expect(server.requests.slice(before)).toEqual([BINARY_NAME]);
    },
    120_000,
  );

  test('Node 20+ on PATH: the npm package instead, verified, signs in', async () => {
    const before = server.requests.length;
    const run = await job(SIGN_IN, { node: true, tools: ['curl', 'sha256sum', ...SIGN_IN_TOOLS] });
    expectSignedIn(run, TGZ);
    expect(server.requests.slice(before)).toEqual([TGZ]);
  });

  test('an older Node on PATH: the binary', async () => {
    const before = server.requests.length;
    const run = await job(SIGN_IN, { node: 'v18.20.4', tools: ['curl', 'sha256sum', ...SIGN_IN_TOOLS] });
    expectSignedIn(run, BINARY_NAME);
    expect(server.requests.slice(before)).toEqual([BINARY_NAME]);
  });
});

describe.skipIf(!CAN_BUILD_BINARY)('nothing unverified ever runs', () => {
  test('a tampered binary: exit 1, both hashes printed, nothing run, nothing left', async () => {
    const evil = (marker: string) => `#!/bin/sh\necho ran > '${marker}'\n`;
    let tampered = '';
    const run = await job('echo AFTER-INSTALL', {
      prepare: ({ marker }) => {
        tampered = evil(marker);
        server.replace(BINARY_NAME, tampered);
      },
    }).finally(() => server.replace(BINARY_NAME, readFileSync(binaryPath)));
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('does not match the pinned SHA-256; nothing of it was run');
    expect(run.stderr).toContain(`pinned:     ${pins[BINARY_NAME]}`);
    expect(run.stderr).toContain(`downloaded: ${sha256(tampered)}`);
    expect(run.stdout).not.toContain('AFTER-INSTALL');
    expect(existsSync(run.marker)).toBe(false);
    expect(readdirSync(run.tmp)).toEqual([]);
  });

  test('a tampered npm package: the same, before it is unpacked', async () => {
    const bad = Buffer.concat([readFileSync(join(root, 'pack', TGZ)), Buffer.from('\0')]);
    server.replace(TGZ, bad);
    const run = await job('echo AFTER-INSTALL', { node: true }).finally(() =>
      server.replace(TGZ, readFileSync(join(root, 'pack', TGZ))),
    );
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`pinned:     ${pins[TGZ]}`);
    expect(run.stderr).toContain(`downloaded: ${sha256(bad)}`);
    expect(run.stdout).not.toContain('AFTER-INSTALL');
    expect(readdirSync(run.tmp)).toEqual([]);
  });

  test('files planted in the shared TMPDIR and at the old cache paths are never run', async () => {
    const plant = (file: string, marker: string) => {
      mkdirSync(join(file, '..'), { recursive: true });
      writeFileSync(file, `#!/bin/sh\necho ran > '${marker}'\n`, { mode: 0o755 });
    };
    for (const node of [false, true]) {
      const run = await job(SIGN_IN, {
        node,
        tools: ['curl', 'sha256sum', ...SIGN_IN_TOOLS],
        prepare: ({ tmp, home, marker }) => {
          // Where the component and the orb used to look, and names a guess could try.
          plant(join(tmp, 'entra-federate', PACKAGE_VERSION, 'package/dist/cli/index.js'), marker);
          plant(join(tmp, BINARY_NAME), marker);
          plant(join(tmp, 'entra-federate.AAAAAAAA', BINARY_NAME), marker);
          plant(join(home, '.cache/entra-federate', PACKAGE_VERSION, 'package/dist/cli/index.js'), marker);
        },
      });
      expect(run.code).toBe(0);
      expect(run.stdout).toContain('audience: https://vault.azure.net');
      expect(existsSync(run.marker)).toBe(false);
      // Only what was planted is left: the installer's own directory is gone.
      expect(readdirSync(run.tmp).sort()).toEqual(['entra-federate', BINARY_NAME, 'entra-federate.AAAAAAAA'].sort());
    }
  });

  test('an unverified cache: a tampered cached file is ignored and replaced; a verified one is used offline', async () => {
    const cache = join(root, 'cache-own');
    mkdirSync(cache, { mode: 0o700 });
    let marker = '';
    const first = await job(SIGN_IN, {
      tools: ['curl', 'sha256sum', ...SIGN_IN_TOOLS],
      env: { ENTRA_FEDERATE_CACHE_DIR: cache },
      prepare: (j) => {
        marker = j.marker;
        writeFileSync(join(cache, BINARY_NAME), `#!/bin/sh\necho ran > '${j.marker}'\n`, { mode: 0o755 });
      },
    });
    expect(first.stderr).toMatch(
      new RegExp(`ignoring ${cache}/${BINARY_NAME}: its SHA-256 is [0-9a-f]{64}, not the pinned`),
    );
    expectSignedIn(first, BINARY_NAME);
    expect(existsSync(marker)).toBe(false);
    expect(sha256(readFileSync(join(cache, BINARY_NAME)))).toBe(pins[BINARY_NAME]);

    const before = server.requests.length;
    const second = await job(SIGN_IN, {
      tools: ['curl', 'sha256sum', ...SIGN_IN_TOOLS],
      env: { ENTRA_FEDERATE_CACHE_DIR: cache, ENTRA_FEDERATE_DOWNLOAD_BASE: 'http://127.0.0.1:9/unreachable/' },
    });
    expect(second.stderr).toContain('using the verified copy in ENTRA_FEDERATE_CACHE_DIR');
    expectSignedIn(second, BINARY_NAME);
    expect(server.requests.length).toBe(before);
  });

  test.skipIf(process.getuid?.() !== 0)(
    'a cache directory another user owns is refused (exit 2), nothing fetched',
    async () => {
      const cache = join(root, 'cache-nobody');
      mkdirSync(cache, { mode: 0o755 });
      chownSync(cache, 65534, 65534);
      const before = server.requests.length;
      const run = await job('echo AFTER-INSTALL', { env: { ENTRA_FEDERATE_CACHE_DIR: cache } });
      expect(run.code).toBe(2);
      expect(run.stderr).toContain('ENTRA_FEDERATE_CACHE_DIR is owned by uid 65534, not by you (0)');
      expect(run.stdout).not.toContain('AFTER-INSTALL');
      expect(server.requests.length).toBe(before);
    },
  );

  test('a cache directory others can write, or a symlink, is refused (exit 2)', async () => {
    const open = join(root, 'cache-open');
    mkdirSync(open);
    chmodSync(open, 0o777);
    const group = join(root, 'cache-group');
    mkdirSync(group);
    chmodSync(group, 0o770);
    const link = join(root, 'cache-link');
    mkdirSync(join(root, 'cache-target'), { mode: 0o700 });
    symlinkSync(join(root, 'cache-target'), link);
    const before = server.requests.length;
    for (const [cache, says] of [
      [open, 'is writable by others (drwxrwxrwx)'],
      [group, 'is writable by others (drwxrwx---)'],
      [link, 'is not a directory (or is a symlink)'],
    ] as const) {
      const run = await job('echo AFTER-INSTALL', { env: { ENTRA_FEDERATE_CACHE_DIR: cache } });
      expect(run.code).toBe(2);
      expect(run.stderr).toContain(says);
      expect(run.stdout).not.toContain('AFTER-INSTALL');
    }
    expect(server.requests.length).toBe(before);
  });
});

describe.skipIf(!CAN_BUILD_BINARY)('tools', () => {
  test('no sha256sum: shasum -a 256; no shasum either: openssl dgst -sha256; none: exit 2', async () => {
    const shasum = await job(SIGN_IN, { tools: ['curl', ...SIGN_IN_TOOLS], logged: ['shasum'] });
    expectSignedIn(shasum, BINARY_NAME);
    expect(shasum.log).toBe('shasum -a 256\n');

    const openssl = await job(SIGN_IN, { tools: ['curl', ...SIGN_IN_TOOLS], logged: ['openssl'] });
    expectSignedIn(openssl, BINARY_NAME);
    expect(openssl.log).toBe('openssl dgst -sha256\n');

    const none = await job('echo AFTER-INSTALL', { tools: ['curl'] });
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('no SHA-256 tool: install coreutils (sha256sum), perl (shasum) or openssl');
    expect(readdirSync(none.tmp)).toEqual([]);
  });

  test('wget when there is no curl; neither: exit 2', async () => {
    const wget = await job(SIGN_IN, { tools: ['sha256sum', ...SIGN_IN_TOOLS], logged: ['wget'] });
    expectSignedIn(wget, BINARY_NAME);
    expect(wget.log).toBe(
      `wget -q -O ${wget.tmp}/${wget.stdout.match(/entra-federate\.\w{8}/)?.[0]}/${BINARY_NAME} ${server.base}${BINARY_NAME}\n`,
    );

    const none = await job('echo AFTER-INSTALL', { tools: ['sha256sum'] });
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('neither curl nor wget is installed');
  });

  test('a missing file on the mirror: exit 1 with the address', async () => {
    const run = await job('echo AFTER-INSTALL', { env: { ENTRA_FEDERATE_DOWNLOAD_BASE: `${server.base}nowhere` } });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`could not download ${server.base}nowhere/${BINARY_NAME}`);
    expect(readdirSync(run.tmp)).toEqual([]);
  });
});

describe.skipIf(!CAN_BUILD_BINARY)('settings', () => {
  test('ENTRA_FEDERATE_CLI: the given CLI as it is, nothing fetched', async () => {
    const before = server.requests.length;
    const run = await job(SIGN_IN, {
      tools: ['sha256sum', ...SIGN_IN_TOOLS],
      env: { ENTRA_FEDERATE_CLI: binaryPath },
    });
    expect(run.code).toBe(0);
    expect(run.stderr).toContain(`using ENTRA_FEDERATE_CLI=${binaryPath} as it is`);
    expect(run.stdout).toContain(`cli: ${binaryPath}`);
    expect(server.requests.length).toBe(before);

    const missing = await job('echo AFTER-INSTALL', { env: { ENTRA_FEDERATE_CLI: join(root, 'no-such-cli') } });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('is not an executable file');
  });

  test("another version than the installer's, or a platform it has no pin for: exit 2, nothing fetched", async () => {
    const before = server.requests.length;
    const other = await job('echo AFTER-INSTALL', { env: { ENTRA_FEDERATE_VERSION: '9.9.9' } });
    expect(other.code).toBe(2);
    expect(other.stderr).toContain(
      `this installer verifies release ${PACKAGE_VERSION} only, not 9.9.9: use the install.sh of release 9.9.9`,
    );

    const npmOnly = join(root, 'install-npm-only.sh');
    writeFileSync(npmOnly, pinned(readFileSync(installer, 'utf8'), PACKAGE_VERSION, { [TGZ]: pins[TGZ] ?? '' }));
    const unpinned = await job('echo AFTER-INSTALL', { installerPath: npmOnly });
    expect(unpinned.code).toBe(2);
    expect(unpinned.stderr).toContain(`no pinned SHA-256 for ${BINARY_NAME} of release ${PACKAGE_VERSION}`);
    expect(server.requests.length).toBe(before);
  });
});
