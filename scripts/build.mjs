// Bundles each entry point into dist/. dist/ is committed: the Action and the orb run it
// without a build, so the output must be byte-for-byte reproducible (test/dist-fresh.test.ts).
import { build } from 'esbuild';
import { rm } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
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
};

await rm(outdir, { recursive: true, force: true });
// The CLI is split so that each command loads only its own code: `token` must start
// within 1.5x of a bare Node process (bench/), and `verify`/`sandbox` pull in more.
await build({
  ...common,
  entryPoints: { 'cli/index': 'src/entry/cli.ts' },
  outdir,
  splitting: true,
  chunkNames: 'cli/chunks/[name]-[hash]',
});
// Action and plugin entries are single files: runners execute them as they are.
await build({
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
});
