/** The identity endpoint's token cache: what waiting for real expiry would take an hour to show. */
import { describe, expect, test } from 'vitest';
import { isFresh, refreshMargin, TokenCache } from '../../../../src/handoff/identity-endpoint/cache.js';

describe('refresh margin', () => {
  test("five minutes for hour-long tokens (MSAL's own renewal offset), half the life of short ones", () => {
    expect(refreshMargin(3599_000)).toBe(300_000);
    expect(refreshMargin(600_000)).toBe(300_000);
    expect(refreshMargin(10_000)).toBe(5_000);
    const now = 1_000_000;
    const hour = { accessToken: 'a', obtainedAt: now, expiresOn: now + 3600_000 };
    expect(isFresh(hour, now + 3600_000 - 300_001)).toBe(true);
    expect(isFresh(hour, now + 3600_000 - 300_000)).toBe(false);
  });

  test('the cache serves a fresh token, fetches a stale one again, and shares a fetch in flight', async () => {
    let clock = 0;
    let fetches = 0;
    const cache = new TokenCache(
      async (resource) => ({ accessToken: `${resource}-${++fetches}`, obtainedAt: clock, expiresOn: clock + 10_000 }),
      () => clock,
    );
    const [a, b] = await Promise.all([cache.get('r'), cache.get('r')]);
    expect([a.accessToken, b.accessToken]).toEqual(['r-1', 'r-1']);
    clock = 4_999;
    expect((await cache.get('r')).accessToken).toBe('r-1');
    clock = 5_000;
    expect((await cache.get('r')).accessToken).toBe('r-2');
  });
});
