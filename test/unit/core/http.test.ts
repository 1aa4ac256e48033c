/**
 * fetchWithRetry against a real loopback server: what is retried, what is not, Retry-After,
 * and the deadline. The clock is virtual so backoff waits cost nothing.
 */
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, test } from 'vitest';
import { createNodeHttpClient, fetchWithRetry, parseRetryAfter } from '../../../src/core/http.js';
import type { Clock } from '../../../src/core/http.js';
import { FederationError } from '../../../src/core/errors.js';

type Handler = (req: IncomingMessage, res: ServerResponse, n: number) => void;
let server: Server | undefined;

async function serve(handler: Handler): Promise<{ url: string; count: () => number }> {
  let n = 0;
  server = createServer((req, res) => handler(req, res, ++n));
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/x`, count: () => n };
}

afterEach(async () => {
  const s = server;
  server = undefined;
  if (s === undefined) return;
  s.closeAllConnections();
  await new Promise((resolve) => s.close(resolve));
});

function virtualClock(): Clock & { waits: number[] } {
  let now = 1_000_000;
  const waits: number[] = [];
  return {
    waits,
    now: () => now,
    random: () => 0.5,
    sleep: async (ms) => {
      waits.push(ms);
      now += ms;
    },
  };
}

const http = createNodeHttpClient();

describe('fetchWithRetry', () => {
  test('retries 503 then returns the success', async () => {
    const srv = await serve((_req, res, n) => {
      res.statusCode = n < 3 ? 503 : 200;
      res.end(n < 3 ? 'busy' : 'ok');
    });
    const clock = virtualClock();
    const { response, attempts } = await fetchWithRetry(http, () => ({ method: 'GET', url: srv.url }), {
      deadlineAt: clock.now() + 60_000,
      what: 'test',
      clock,
    });
    expect(response.body).toBe('ok');
    expect(attempts).toBe(3);
    expect(srv.count()).toBe(3);
    expect(clock.waits.length).toBe(2);
  });

  test('a definitive 400 is sent exactly once', async () => {
    const srv = await serve((_req, res) => {
      res.statusCode = 400;
      res.end('{}');
    });
    const clock = virtualClock();
    const { response } = await fetchWithRetry(http, () => ({ method: 'POST', url: srv.url, body: 'a=b' }), {
      deadlineAt: clock.now() + 60_000,
      what: 'test',
      clock,
    });
    expect(response.status).toBe(400);
    expect(srv.count()).toBe(1);
    expect(clock.waits).toEqual([]);
  });

  test('honours Retry-After on 429', async () => {
    const srv = await serve((_req, res, n) => {
      if (n === 1) {
        res.statusCode = 429;
        res.setHeader('retry-after', '7');
        res.end();
        return;
      }
      res.end('ok');
    });
    const clock = virtualClock();
    await fetchWithRetry(http, () => ({ method: 'GET', url: srv.url }), {
      deadlineAt: clock.now() + 60_000,
      what: 'test',
      clock,
    });
    expect(clock.waits).toEqual([7000]);
  });

  test('gives up on a Retry-After beyond the cap or the deadline and returns the 429', async () => {
    const srv = await serve((_req, res) => {
      res.statusCode = 429;
      res.setHeader('retry-after', '120');
      res.end();
    });
    const clock = virtualClock();
    const { response, attempts } = await fetchWithRetry(http, () => ({ method: 'GET', url: srv.url }), {
      deadlineAt: clock.now() + 60_000,
      what: 'test',
      clock,
    });
    expect(response.status).toBe(429);
    expect(attempts).toBe(1);
    expect(srv.count()).toBe(1);
  });

  test('retries a dropped connection, then reports a clear network error', async () => {
    const srv = await serve((req) => {
      req.socket.destroy();
    });
    const clock = virtualClock();
    const err = await fetchWithRetry(http, () => ({ method: 'GET', url: srv.url }), {
      deadlineAt: clock.now() + 60_000,
      what: 'the test endpoint',
      clock,
      maxAttempts: 3,
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(FederationError);
    expect((err as FederationError).code).toBe('NETWORK_ERROR');
    expect((err as FederationError).message).toMatch(/the test endpoint .*after 3 attempts/);
    expect(srv.count()).toBe(3);
  });

  test('a response slower than the per-request timeout fails with TIMEOUT', async () => {
    const srv = await serve((_req, res) => {
      setTimeout(() => res.end('late'), 2000);
    });
    const clock = virtualClock();
    const err = await fetchWithRetry(http, () => ({ method: 'GET', url: srv.url }), {
      deadlineAt: clock.now() + 60_000,
      what: 'test',
      clock,
      perRequestTimeoutMs: 100,
      maxAttempts: 2,
    }).catch((e: unknown) => e);
    expect((err as FederationError).code).toBe('TIMEOUT');
    expect(srv.count()).toBe(2);
  });

  test('builds the request afresh for every attempt', async () => {
    const srv = await serve((req, res, n) => {
      res.statusCode = n === 1 ? 500 : 200;
      res.end(req.headers['x-attempt']);
    });
    const clock = virtualClock();
    const { response } = await fetchWithRetry(
      http,
      (attempt) => ({ method: 'GET', url: srv.url, headers: { 'x-attempt': String(attempt) } }),
      { deadlineAt: clock.now() + 60_000, what: 'test', clock },
    );
    expect(response.body).toBe('2');
  });

  test('an unresolvable host is not retried', async () => {
    const clock = virtualClock();
    const err = await fetchWithRetry(http, () => ({ method: 'GET', url: 'http://does-not-exist.invalid/x' }), {
      deadlineAt: clock.now() + 60_000,
      what: 'test',
      clock,
    }).catch((e: unknown) => e);
    expect((err as FederationError).code).toMatch(/HOST_NOT_FOUND|NETWORK_ERROR/);
    expect(clock.waits.length).toBeLessThanOrEqual(3);
  });
});

test('parseRetryAfter reads seconds and HTTP dates', () => {
  expect(parseRetryAfter('5', 0)).toBe(5000);
  expect(parseRetryAfter(new Date(61_000).toUTCString(), 1_000)).toBe(60_000);
  expect(parseRetryAfter('soon', 0)).toBeUndefined();
  expect(parseRetryAfter(undefined, 0)).toBeUndefined();
});
