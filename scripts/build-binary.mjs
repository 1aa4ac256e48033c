// `npm run build:binary`: the CLI as one standalone executable for this machine, with Node's own
// single executable application support (https://nodejs.org/api/single-executable-applications.html):
// a CommonJS single-file bundle of src/entry/cli.ts, turned into a preparation blob by
// `node --experimental-sea-config`, injected with postject into a copy of the running `node`.
//
//   node scripts/build-binary.mjs [--out DIR] [--force] [--code-cache]
//
// Writes DIR/entra-federate-<os>-<arch>[.exe] (DIR defaults to build/) and prints its path. It
// builds only for the platform it runs on: the blob and the code cache belong to this Node binary.
// The output is reproducible (the same inputs give the same bytes: the release pins depend on it),
// so a build whose inputs have not changed is skipped; concurrent builds into one DIR (test files
// in parallel) wait for each other on a lock directory.
//
// No V8 code cache by default: it starts the CLI about 14% faster here, but V8 writes a different
// cache on every build (and one made reproducible with fixed seeds is rejected at run time), so
// the pinned hash could not be checked against a rebuild. --code-cache builds it for measuring.
import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync, chmodSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const require = createRequire(import.meta.url);
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
/** Node's fuse for a SEA blob: postject flips its last character when it injects one. */
const SEA_FUSE = 'NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2';
const OS_NAMES = { linux: 'linux', darwin: 'darwin', win32: 'windows' };
const ARCHES = new Set(['x64', 'arm64']);

/** The release asset name for a platform, e.g. entra-federate-linux-x64, entra-federate-windows-x64.exe. */
export function binaryName(platform = process.platform, arch = process.arch) {
  const os = OS_NAMES[platform];
  if (os === undefined || !ARCHES.has(arch))
    throw new Error(`no standalone build for ${platform}/${arch}: linux, darwin or win32 on x64 or arm64 only`);
  return `entra-federate-${os}-${arch}${platform === 'win32' ? '.exe' : ''}`;
}

/** The CommonJS bundle the executable runs: every chunk inlined, no import(), no import.meta. */
export async function bundleForBinary() {
  const result = await build({
    entryPoints: [join(ROOT, 'src/entry/cli.ts')],
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    legalComments: 'none',
    logLevel: 'warning',
    write: false,
    define: {
      VERSION: JSON.stringify(pkg.version),
      // The executable runs itself for git's credential helper and the identity endpoint
      // (src/handoff/self.ts): there is no dist/ beside it.
      ENTRA_FEDERATE_STANDALONE: 'true',
      // In the executable __filename is process.execPath (Node's SEA docs), so code that looks
      // for files beside itself (the identity endpoint's dist/identity/index.js) finds none and
      // says so instead of reading a URL of undefined.
      'import.meta.url': 'entraFederateModuleUrl',
    },
    banner: { js: 'var entraFederateModuleUrl = require("node:url").pathToFileURL(__filename).href;' },
    alias: { yaml: './node_modules/yaml/browser/index.js' },
    // A SEA's require() loads built-ins only, and import() fails with a code cache: every
    // dynamic import becomes a require of code inside the bundle.
    supported: { 'dynamic-import': false },
    absWorkingDir: ROOT,
  });
  const code = result.outputFiles[0]?.text ?? '';
  for (const [pattern, what] of [
    [/\bimport\(/, 'a dynamic import()'],
    [/\bimport\.meta\b/, 'import.meta'],
  ])
    if (pattern.test(code.replace(/"[^"\n]*"|'[^'\n]*'|`[^`]*`/g, '""')))
      throw new Error(`the binary's bundle still holds ${what}, which a single executable cannot run`);
  return code;
}

const sha256 = (data) => createHash('sha256').update(data).digest('hex');

/** Builds (or reuses) DIR/<binaryName()>; returns its path and SHA-256. */
export async function buildBinary({ outDir = join(ROOT, 'build'), force = false, useCodeCache = false } = {}) {
  const name = binaryName();
  mkdirSync(outDir, { recursive: true });
  const output = join(outDir, name);
  const bundle = await bundleForBinary();
  const node = statSync(process.execPath);
  const postjectVersion = JSON.parse(readFileSync(require.resolve('postject/package.json'), 'utf8')).version;
  // Everything the output depends on; the same key means the same bytes.
  const key = sha256(
    JSON.stringify({
      bundle: sha256(bundle),
      node: [process.version, process.execPath, node.size, node.mtimeMs],
      postjectVersion,
      useCodeCache,
      script: sha256(readFileSync(fileURLToPath(import.meta.url))),
    }),
  );
  const stampFile = join(outDir, `.${name}.stamp`);
  return withLock(join(outDir, `.${name}.lock`), async () => {
    if (!force) {
      try {
        const stamp = JSON.parse(readFileSync(stampFile, 'utf8'));
        if (stamp.key === key && sha256(readFileSync(output)) === stamp.sha256)
          return { path: output, sha256: stamp.sha256, reused: true };
      } catch {
        // No stamp or no output yet: build.
      }
    }
    rmSync(stampFile, { force: true });
    const work = join(outDir, `.${name}.work`);
    rmSync(work, { recursive: true, force: true });
    mkdirSync(work);
    try {
      writeFileSync(join(work, 'cli.cjs'), bundle);
      writeFileSync(
        join(work, 'sea-config.json'),
        JSON.stringify({
          main: 'cli.cjs',
          output: 'sea-prep.blob',
          disableExperimentalSEAWarning: true,
          useSnapshot: false,
          useCodeCache,
        }),
      );
      run(process.execPath, ['--experimental-sea-config', 'sea-config.json'], work);
      const exe = join(work, name);
      copyFileSync(process.execPath, exe);
      chmodSync(exe, 0o755);
      if (process.platform === 'darwin') run('codesign', ['--remove-signature', exe], work);
      // postject's own CLI, in a child: its ELF parser warns about every note section of node.
      run(
        process.execPath,
        [
          require.resolve('postject/dist/cli.js'),
          exe,
          'NODE_SEA_BLOB',
          'sea-prep.blob',
          '--sentinel-fuse',
          SEA_FUSE,
          ...(process.platform === 'darwin' ? ['--macho-segment-name', 'NODE_SEA'] : []),
        ],
        work,
      );
      // macOS refuses to run an arm64 binary whose signature the injection broke: sign ad hoc.
      if (process.platform === 'darwin') run('codesign', ['--sign', '-', exe], work);
      const digest = sha256(readFileSync(exe));
      renameSync(exe, output);
      writeFileSync(stampFile, `${JSON.stringify({ key, sha256: digest })}\n`);
      return { path: output, sha256: digest, reused: false };
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  });
}

function run(command, args, cwd) {
  const res = spawnSync(command, args, { cwd, encoding: 'utf8' });
  if (res.status !== 0)
    throw new Error(
      `${command} ${args.join(' ')} failed (${res.status ?? res.error?.message}):\n${res.stdout}${res.stderr}`,
    );
}

/** One build at a time per output: mkdir is atomic; a lock whose process is gone is taken over. */
async function withLock(lockDir, fn) {
  for (;;) {
    try {
      mkdirSync(lockDir);
      writeFileSync(join(lockDir, 'pid'), String(process.pid));
      break;
    } catch (err) {
      if (err?.code !== 'EEXIST') throw err;
      let holder = Number.NaN;
      try {
        holder = Number(readFileSync(join(lockDir, 'pid'), 'utf8'));
      } catch {
        // Being created or removed right now: look again shortly.
      }
      if (Number.isInteger(holder) && !alive(holder)) rmSync(lockDir, { recursive: true, force: true });
      else await new Promise((r) => setTimeout(r, 200));
    }
  }
  try {
    return await fn();
  } finally {
    rmSync(lockDir, { recursive: true, force: true });
  }
}

function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return err?.code === 'EPERM';
  }
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const outAt = args.indexOf('--out');
  const outDir = outAt >= 0 ? resolve(args[outAt + 1] ?? '') : undefined;
  try {
    const {
      path,
      sha256: digest,
      reused,
    } = await buildBinary({
      ...(outDir === undefined ? {} : { outDir }),
      force: args.includes('--force'),
      useCodeCache: args.includes('--code-cache'),
    });
    process.stderr.write(`build:binary: ${reused ? 'up to date' : 'built'} ${path}\n  sha256 ${digest}\n`);
    process.stdout.write(`${path}\n`);
  } catch (err) {
    process.stderr.write(`build:binary: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  }
}
