// Branch and tag names held to git's own rules: every verdict is compared with the git on this
// machine (git check-ref-format), so the rules cannot drift from git's.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { refNameProblem } from '../../../src/setup/ref-name.js';

// Outside any repository, so that git reads names literally (no @{-1} expansion).
const cwd = mkdtempSync(join(tmpdir(), 'ef-refname-'));
afterAll(() => rmSync(cwd, { recursive: true, force: true }));

const NAMES = [
  'main',
  'feature/x',
  'release/2024.06',
  'v1.0.0',
  'ü-umlaut',
  'a@b',
  'a/@',
  'HEAD',
  '-x',
  'a..b',
  'a/.b',
  '.a',
  'a.lock',
  'a/b.lock/c',
  'a@{b',
  '@{',
  'a b',
  'a\tb',
  'a:b',
  'a~1',
  'a^',
  'a?',
  'a*',
  'a[',
  'a\\b',
  '/a',
  'a/',
  'a//b',
  'a.',
  'a/.',
  'a\u007f',
  '',
];

function gitAccepts(name: string, kind: 'branch' | 'tag'): boolean {
  const args = kind === 'branch' ? ['check-ref-format', '--branch', name] : ['check-ref-format', `refs/tags/${name}`];
  return spawnSync('git', args, { cwd, stdio: 'ignore' }).status === 0;
}

describe.each(['branch', 'tag'] as const)('%s names', (kind) => {
  test.each(NAMES)('%j: the same verdict as git check-ref-format', (name) => {
    const problem = refNameProblem(name, kind);
    expect(problem === undefined, `ours: ${problem ?? 'accepted'}`).toBe(gitAccepts(name, kind));
  });
});

test('the reason names the rule', () => {
  expect(refNameProblem('a..b', 'branch')).toBe("it contains '..'");
  expect(refNameProblem('wip.lock', 'tag')).toBe("its component 'wip.lock' ends with '.lock'");
  expect(refNameProblem('a b', 'branch')).toBe('it contains a space');
});
