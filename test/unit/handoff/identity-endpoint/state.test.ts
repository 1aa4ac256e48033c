/** The endpoint's state file: what cleanup trusts before it stops a process. */
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { readEndpointState } from '../../../../src/handoff/identity-endpoint/state.js';

const dir = mkdtempSync(join(tmpdir(), 'ef-identity-units-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

test('an endpoint state file behind a link is not trusted', () => {
  const state = join(dir, 'state.json');
  writeFileSync(state, JSON.stringify({ pid: 123, port: 1, entry: '/x', startedAt: '' }), { mode: 0o600 });
  expect(readEndpointState(state)).toMatchObject({ pid: 123 });
  const link = join(dir, 'state-link.json');
  symlinkSync(state, link);
  expect(readEndpointState(link)).toBeUndefined();
});
