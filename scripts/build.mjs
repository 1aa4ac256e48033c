// Bundles each entry point into dist/. dist/ is committed: the Action and the orb run it
// without a build, so the output must be byte-for-byte reproducible (test/dist-fresh.test.ts).
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { readFileSync } from 'node:fs';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));

const outdir = resolve(process.argv[2] ?? 'dist');
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  legalComments: 'none',
  logLevel: 'warning',
  define: { VERSION: JSON.stringify(pkg.version) },
  // yaml's "node" build is CommonJS that require()s node:process, which an ESM bundle cannot
  // do; its ESM build is the same parser without that.
  alias: { yaml: './node_modules/yaml/browser/index.js' },
  // Outputs are written below, chunks before entries and stale files removed last, so a
  // process started during a rebuild never finds an entry whose chunks are missing.
  write: false,
};
const outputs = [];
// Every entry is split: what a run always needs is in the entry (and the chunks it imports
// statically); what only some runs need (a YAML policy, jose for certificates, the sandbox)
// sits in a chunk loaded on demand. `token` must start within 1.5x of a bare Node process,
// and the Action's cold path is held to a size budget (bench/, test/e2e/action.test.ts).
const GROUPS = [
  // docker-credential-entra-federate (package.json "bin") is the CLI's docker-credential
  // command: bundled with the CLI, so that the two share one set of chunks.
  {
    chunks: 'cli/chunks',
    entries: { 'cli/index': 'src/entry/cli.ts', 'docker-credential/index': 'src/entry/docker-credential.ts' },
  },
  { chunks: 'action/chunks', entries: { 'action/index': 'src/entry/action.ts', 'action/post': 'src/entry/post.ts' } },
  { chunks: 'drone/chunks', entries: { 'drone/index': 'src/entry/drone.ts' } },
  { chunks: 'identity/chunks', entries: { 'identity/index': 'src/entry/identity.ts' } },
  // The library (package.json "exports"): verifyIdToken and the login/exchange API.
  { chunks: 'lib/chunks', entries: { 'lib/index': 'src/index.ts' } },
];
for (const group of GROUPS) {
  const entryPoints = Object.fromEntries(Object.entries(group.entries).filter(([, src]) => existsSync(src)));
  if (Object.keys(entryPoints).length === 0) continue;
  outputs.push(
    ...(await build({ ...common, entryPoints, outdir, splitting: true, chunkNames: `${group.chunks}/[name]-[hash]` }))
      .outputFiles,
  );
}

const EXECUTABLES = [join('cli', 'index.js'), join('docker-credential', 'index.js')];
const isChunk = (file) => file.path.includes(`${join('/', 'chunks', '/')}`.replace(/\/+/g, '/'));
for (const file of [...outputs.filter(isChunk), ...outputs.filter((f) => !isChunk(f))]) {
  await mkdir(dirname(file.path), { recursive: true });
  await writeFile(file.path, file.contents, { mode: EXECUTABLES.some((e) => file.path.endsWith(e)) ? 0o755 : 0o644 });
}
const written = new Set(outputs.map((f) => f.path));
async function removeStale(dir) {
  for (const entry of await readdir(dir, { withFileTypes: true }).catch(() => [])) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) await removeStale(full);
    else if (!written.has(full)) await rm(full, { force: true });
  }
}
await removeStale(outdir);

// The library's type declarations (package.json "exports" types), emitted by tsc from the same
// sources into lib/types, replaced whole so that no stale declaration survives.
const types = join(outdir, 'lib', 'types');
await rm(types, { recursive: true, force: true });
execFileSync(
  process.execPath,
  [
    fileURLToPath(new URL('../node_modules/typescript/bin/tsc', import.meta.url)),
    '-p',
    'tsconfig.types.json',
    '--outDir',
    types,
  ],
  { cwd: fileURLToPath(new URL('..', import.meta.url)), stdio: 'inherit' },
);
