/** The Action's post step, in-process: what main saved in GITHUB_STATE is undone, and nothing fails the job. */
import { existsSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { post } from '../../../../src/entry/github/post.js';
import { githubRunner } from '../../../../src/entry/github/runner.js';

const dir = mkdtempSync(join(tmpdir(), 'ef-unit-post-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function run(state: Record<string, string>): Promise<string> {
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(state)) env[`STATE_${name}`] = value;
  let log = '';
  await post({
    env,
    runner: githubRunner(env, (text) => {
      log += text;
    }),
  });
  return log;
}

test('removes the files main wrote', async () => {
  const file = join(dir, 'entra-federate-x.jwt');
  writeFileSync(file, 'token', { mode: 0o600 });
  const log = await run({ files: JSON.stringify([file]) });
  expect(existsSync(file)).toBe(false);
  expect(log).toBe('entra-federate: removed 1 file.\n');
});

test('a state that is gone, garbled or points elsewhere removes nothing else and does not fail', async () => {
  const keep = join(dir, 'keep.txt');
  writeFileSync(keep, 'mine');
  const link = join(dir, 'link.jwt');
  symlinkSync(keep, link);
  const log = await run({
    files: JSON.stringify([join(dir, 'already-gone.jwt'), 'relative.jwt', 7, link]),
    cleanup: '{"dirs": ["/etc"], "dockerLogouts": [{"registry": "--all"}]',
  });
  // The link itself is removed (unlink never follows it); what it pointed at stays.
  expect(existsSync(keep)).toBe(true);
  expect(existsSync(link)).toBe(false);
  expect(log).toBe('entra-federate: removed 1 file.\n');
  expect(await run({})).toBe('entra-federate: removed 0 files.\n');
});
