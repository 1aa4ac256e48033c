// Bundles each entry point into dist/. dist/ is committed: the Action and the orb run it
// without a build, so the output must be byte-for-byte reproducible (test/dist-fresh.test.ts).
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
// The CLI is split so that each command loads only its own code: `token` must start
// within 1.5x of a bare Node process (bench/), and `verify`/`sandbox` pull in more.
outputs.push(...(await build({
  ...common,
  entryPoints: { 'cli/index': 'src/entry/cli.ts' },
  outdir,
  splitting: true,
  chunkNames: 'cli/chunks/[name]-[hash]',
})).outputFiles);
// Action and plugin entries are single files: runners execute them as they are.
outputs.push(...(await build({
  ...common,
  entryPoints: Object.fromEntries(
    Object.entries({
      'action/index': 'src/entry/action.ts',
      'action/post': 'src/entry/post.ts',
      'drone/index': 'src/entry/drone.ts',
      // The library (package.json "exports"): verifyIdToken and the login/exchange API.
      'lib/index': 'src/index.ts',
    }).filter(([, src]) => existsSync(src)),
  ),
  outdir,
  splitting: false,
})).outputFiles);

const isChunk = (file) => file.path.includes(`${join('cli', 'chunks')}`);
for (const file of [...outputs.filter(isChunk), ...outputs.filter((f) => !isChunk(f))]) {
  await mkdir(dirname(file.path), { recursive: true });
  await writeFile(file.path, file.contents, { mode: file.path.endsWith(join('cli', 'index.js')) ? 0o755 : 0o644 });
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
