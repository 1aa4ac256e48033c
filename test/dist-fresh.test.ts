/**
 * dist/ is committed: GitHub runs the Action and CircleCI the orb from it without a build.
 * This fails when src/ has changed and dist/ was not rebuilt.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { ROOT } from './e2e/run.js';

const out = mkdtempSync(join(tmpdir(), 'ef-dist-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    return statSync(full).isDirectory() ? files(full) : [full];
  });
}

test('dist/ is exactly what src/ builds to (run `npm run build` and commit dist/)', () => {
  execFileSync(process.execPath, ['scripts/build.mjs', out], { cwd: ROOT, stdio: 'pipe' });
  const fresh = files(out)
    .map((f) => relative(out, f))
    .sort();
  const committed = files(join(ROOT, 'dist'))
    .map((f) => relative(join(ROOT, 'dist'), f))
    .sort();
  expect(committed).toEqual(fresh);
  const stale = fresh.filter((f) => !readFileSync(join(out, f)).equals(readFileSync(join(ROOT, 'dist', f))));
  expect(stale, `stale files in dist/: ${stale.join(', ')}`).toEqual([]);
}, 60_000);
