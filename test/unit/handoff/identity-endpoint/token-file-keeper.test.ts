/** When the endpoint replaces a CI token file. (The process itself is tested end to end in test/e2e/identity*.test.ts.) */
import { expect, test } from 'vitest';
import { refreshDelay } from '../../../../src/handoff/identity-endpoint/token-file-keeper.js';

test('a token file is refreshed once half its life is gone', () => {
  const part = (o: unknown): string => Buffer.from(JSON.stringify(o)).toString('base64url');
  const jwt = `${part({ alg: 'RS256' })}.${part({ iat: 1000, exp: 1300 })}.sig`;
  expect(refreshDelay(jwt, 0, 1_000_000)).toBe(150_000);
  expect(refreshDelay(jwt, 0, 1_200_000)).toBe(500);
  expect(refreshDelay('not a jwt', 0, 0)).toBe(60_000);
});
