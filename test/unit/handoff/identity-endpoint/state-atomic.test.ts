/**
 * The endpoint's state file appears whole: it is written to a private temporary file and renamed
 * into place, so a reader (cleanup, a later step) never finds it empty or half written. Seen
 * through inotify (fs.watch): the final name is only ever the target of a rename, never
 * created empty and then modified.
 */
import {
  lstatSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  unlinkSync,
  watch,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { readEndpointState } from '../../../../src/handoff/identity-endpoint/state.js';
import { writeEndpointState } from '../../../../src/handoff/identity-endpoint/state-write.js';

const dir = mkdtempSync(join(tmpdir(), 'ef-identity-state-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const STATE = { pid: 4242, port: 5151, entry: '/opt/entra-federate/identity.js', startedAt: '2025-01-01T00:00:00Z' };

test.skipIf(process.platform !== 'linux')(
  'the state file is never seen empty: no write lands on its final name',
  async () => {
    const name = 'entra-federate-identity-0123456789abcdef.json';
    const events: string[] = [];
    const sentinel = 'zz-sentinel';
    let sawSentinel: () => void = () => undefined;
    const sentinelSeen = new Promise<void>((resolve) => {
      sawSentinel = resolve;
    });
    const watcher = watch(dir, (event, file) => {
      events.push(`${event}:${String(file)}`);
      if (file === sentinel) sawSentinel();
    });
    try {
      writeEndpointState(join(dir, name), STATE);
      // inotify keeps order: once the sentinel's event arrives, every event of the write has too.
      writeFileSync(join(dir, sentinel), '');
      await sentinelSeen;
    } finally {
      watcher.close();
      unlinkSync(join(dir, sentinel));
    }
    const onFinalName = events.filter((e) => e.endsWith(`:${name}`));
    expect(onFinalName, events.join('\n')).toEqual([`rename:${name}`]);
    expect(readEndpointState(join(dir, name))).toEqual(STATE);
    expect(statSync(join(dir, name)).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(join(dir, name), 'utf8'))).toEqual(STATE);
    // No temporary file is left beside it.
    expect(readdirSync(dir).sort()).toEqual([name]);
  },
);

test('a symlink planted at the path is replaced, never written through', () => {
  const victim = join(dir, 'victim.txt');
  writeFileSync(victim, 'untouched', { mode: 0o600 });
  const path = join(dir, 'entra-federate-identity-link.json');
  symlinkSync(victim, path);
  try {
    writeEndpointState(path, STATE);
  } catch {
    // Refusing is as good as replacing: what matters is the victim.
  }
  expect(readFileSync(victim, 'utf8')).toBe('untouched');
  if (lstatSync(path).isFile()) expect(readEndpointState(path)).toEqual(STATE);
});
