/** Cleanup records: what the post step and `logout` read back to know what to undo. */
import { expect, test } from 'vitest';
import { cleanupFromJson } from '../../../src/handoff/cleanup.js';

test('only absolute paths and plain registry names survive; nothing to run is read from a record', () => {
  expect(
    cleanupFromJson(
      JSON.stringify({
        files: ['/tmp/a.jwt', 'relative.jwt', 3],
        dirs: ['/tmp/entra-federate-az-x'],
        dockerLogouts: [{ registry: 'myreg.azurecr.io' }, { registry: '--all' }, { registry: 'x; rm -rf /' }],
        commands: [['rm', '-rf', '/']],
      }),
    ),
  ).toEqual({
    files: ['/tmp/a.jwt'],
    dirs: ['/tmp/entra-federate-az-x'],
    dockerLogouts: [{ registry: 'myreg.azurecr.io' }],
  });
  expect(cleanupFromJson('not json')).toEqual({ files: [] });
});
