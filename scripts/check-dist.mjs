// dist/ is committed: GitHub runs the Action and CircleCI the orb from it without a build.
// Builds src/ into a temporary directory and fails, in seconds and before any long suite,
// when the committed dist/ is not exactly that.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const out = mkdtempSync(join(tmpdir(), 'ef-dist-'));

function files(dir) {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    return statSync(full).isDirectory() ? files(full) : [full];
  });
}

try {
  execFileSync(process.execPath, [join(root, 'scripts', 'build.mjs'), out], { cwd: root, stdio: 'inherit' });
  const fresh = new Set(files(out).map((f) => relative(out, f)));
  const committed = new Set(files(join(root, 'dist')).map((f) => relative(join(root, 'dist'), f)));
  const problems = [
    ...[...fresh].filter((f) => !committed.has(f)).map((f) => `missing: dist/${f}`),
    ...[...committed].filter((f) => !fresh.has(f)).map((f) => `not built from src/: dist/${f}`),
    ...[...fresh]
      .filter((f) => committed.has(f) && !readFileSync(join(out, f)).equals(readFileSync(join(root, 'dist', f))))
      .map((f) => `stale: dist/${f}`),
  ];
  if (problems.length > 0) {
    process.stderr.write(
      `dist/ is not what src/ builds to; run \`npm run build\` and commit dist/:\n  ${problems.join('\n  ')}\n`,
    );
    process.exitCode = 1;
  } else {
    process.stdout.write('dist/ matches src/\n');
  }
} finally {
  rmSync(out, { recursive: true, force: true });
}
