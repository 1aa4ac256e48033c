/** The CLI's session record: `logout` trusts only a private plain file of this user. */
import { chmodSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { readSession } from '../../../src/handoff/session.js';

const dir = mkdtempSync(join(tmpdir(), 'ef-session-units-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

test('a session record others can write, or a link, is refused', () => {
  const open = join(dir, 'open.json');
  writeFileSync(open, JSON.stringify({ version: 1, cleanup: { files: ['/tmp/x'] } }));
  chmodSync(open, 0o666);
  expect(() => readSession(open)).toThrow(/not a private file of this user/);
  chmodSync(open, 0o600);
  expect(readSession(open)).toEqual({ files: ['/tmp/x'] });
  const link = join(dir, 'link.json');
  symlinkSync(open, link);
  expect(() => readSession(link)).toThrow(/not a private file/);
  expect(readSession(join(dir, 'missing.json'))).toEqual({ files: [] });
});
