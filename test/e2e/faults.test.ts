/**
 * The fault suite: the sandbox injects faults into the CI token request and the Entra
 * exchange, and the built CLI, run as a GitHub job would run it, either recovers with a
 * bounded number of retries or fails clearly within its deadline. Request counts come from
 * the sandbox's own log.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { startSandbox } from '../../src/sandbox/index.js';
import type { FaultRule, Sandbox } from '../../src/sandbox/index.js';
import { runCli } from './run.js';
import type { ProcessResult } from './run.js';

let sandbox: Sandbox;

beforeAll(async () => {
  sandbox = await startSandbox();
});
afterAll(async () => {
  await sandbox.close();
});
beforeEach(() => {
  sandbox.setFaults([]);
});

interface Run extends ProcessResult {
  ms: number;
  idtoken: number;
  token: number;
}

async function run(faults: FaultRule[], args: string[] = [], env: Record<string, string> = {}): Promise<Run> {
  sandbox.setFaults(faults);
  const before = sandbox.requests.length;
  const start = Date.now();
  const result = await runCli(['token', ...args], {
    AZURE_CLIENT_ID: sandbox.clientId,
    AZURE_TENANT_ID: sandbox.tenantId,
    AZURE_AUTHORITY_HOST: sandbox.authorityHost,
    GITHUB_ACTIONS: 'true',
    ACTIONS_ID_TOKEN_REQUEST_URL: sandbox.idTokenRequestUrl,
    ACTIONS_ID_TOKEN_REQUEST_TOKEN: sandbox.idTokenRequestToken,
    ...env,
  });
  const ms = Date.now() - start;
  const seen = sandbox.requests.slice(before);
  return {
    ...result,
    ms,
    idtoken: seen.filter((r) => r.target === 'idtoken').length,
    token: seen.filter((r) => r.target === 'token').length,
  };
}

function ok(r: Run): void {
  expect(r.code).toBe(0);
  expect(r.stdout).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+\n$/);
  // On a GitHub runner the only other output is the mask of that token.
  expect(r.stderr).toBe(`::add-mask::${r.stdout}`);
}

function failed(r: Run, message: RegExp): void {
  expect(r.code).toBe(1);
  expect(r.stdout).toBe('');
  expect(r.stderr).toMatch(message);
  expect(r.stderr).not.toMatch(/\n\s+at /);
  expect(r.stderr).not.toMatch(/eyJ[\w-]{10,}\.eyJ/);
}

describe('the Entra exchange', () => {
  test('429 with Retry-After is honoured, then succeeds with a fresh CI token', async () => {
    const r = await run([{ target: 'token', times: 1, status: 429, retryAfter: '1' }]);
    ok(r);
    expect(r.token).toBe(2);
    expect(r.idtoken).toBe(2);
    expect(r.ms).toBeGreaterThanOrEqual(1000);
  });

  test('a Retry-After beyond the cap fails at once, saying how long Entra asked to wait', async () => {
    const r = await run([{ target: 'token', times: 0, status: 429, retryAfter: '120' }]);
    failed(r, /Entra throttled the token request \(HTTP 429\) and asked to retry after 120 s/);
    // Sent once, and no waiting: 120 s of waiting would take far longer than this bound.
    expect(r.token).toBe(1);
    expect(r.ms).toBeLessThan(60_000);
  });

  test('503 twice, then success', async () => {
    const r = await run([{ target: 'token', times: 2, status: 503 }]);
    ok(r);
    expect(r.token).toBe(3);
  });

  test('a reset connection is retried', async () => {
    const r = await run([{ target: 'token', times: 1, drop: true }]);
    ok(r);
    expect(r.token).toBe(2);
  });

  test('a truncated body is retried', async () => {
    const r = await run([{ target: 'token', times: 1, truncate: true }]);
    ok(r);
    expect(r.token).toBe(2);
  });

  test('a response slower than the per-request timeout is abandoned and retried', async () => {
    // --timeout 15 gives each attempt 5 s; the first answer would come after 20 s. The
    // deadline leaves room for a slow start on a loaded machine.
    const r = await run([{ target: 'token', times: 1, delayMs: 20_000 }], ['--timeout', '15']);
    ok(r);
    expect(r.token).toBe(2);
    expect(r.ms).toBeGreaterThanOrEqual(5000);
  });

  test("Entra's transient AADSTS50033 is retried", async () => {
    const body = JSON.stringify({
      error: 'temporarily_unavailable',
      error_description: 'AADSTS50033: A transient error has occurred. Please try again.',
      error_codes: [50033],
      trace_id: 't',
      correlation_id: 'c',
    });
    const r = await run([{ target: 'token', times: 1, status: 400, body, contentType: 'application/json' }]);
    ok(r);
    expect(r.token).toBe(2);
  });

  test('malformed JSON on a 200 is a clear error, not retried', async () => {
    const r = await run([
      { target: 'token', times: 0, status: 200, body: '{"access_token": "eyJ', contentType: 'application/json' },
    ]);
    failed(r, /without a usable access_token and expires_in/);
    expect(r.token).toBe(1);
  });

  test('an HTML error page from a proxy: retried as a 5xx, then a clear error naming the page', async () => {
    const r = await run(
      [
        {
          target: 'token',
          times: 0,
          status: 502,
          body: '<html><head><title>502 Bad Gateway</title></head></html>',
          contentType: 'text/html',
        },
      ],
      ['--timeout', '20'],
    );
    failed(r, /HTTP 502 with a non-JSON body \(text\/html\): "502 Bad Gateway"/);
    expect(r.token).toBe(4);
  });

  test('a definitive 400 is sent exactly once', async () => {
    const r = await run([], [], { AZURE_CLIENT_ID: '9f8e7d6c-5b4a-4392-8170-6f5e4d3c2b1a' });
    failed(r, /AADSTS700016/);
    expect(r.token).toBe(1);
  });

  test('503 forever ends within the deadline', async () => {
    const r = await run([{ target: 'token', times: 0, status: 503 }], ['--timeout', '2']);
    failed(r, /HTTP 503/);
    // Bounded attempts end it; an unbounded retry loop would not end at all.
    expect(r.ms).toBeLessThan(60_000);
    expect(r.token).toBeGreaterThanOrEqual(1);
    expect(r.token).toBeLessThanOrEqual(4);
  });

  test('an unresolvable host fails at once, naming the host', async () => {
    const r = await run([], ['--authority-host', 'https://entra.invalid', '--timeout', '30']);
    failed(r, /Could not resolve the host of the Entra token endpoint \(https:\/\/entra\.invalid\//);
    expect(r.token).toBe(0);
    // At once, not retried until the 30 s deadline.
    expect(r.ms).toBeLessThan(30_000);
  });
});

describe('the CI token request', () => {
  test('503 then success', async () => {
    const r = await run([{ target: 'idtoken', times: 1, status: 503 }]);
    ok(r);
    expect(r.idtoken).toBe(2);
    expect(r.token).toBe(1);
  });

  test('a dropped connection is retried', async () => {
    const r = await run([{ target: 'idtoken', times: 1, drop: true }]);
    ok(r);
    expect(r.idtoken).toBe(2);
  });

  test('429 with Retry-After is honoured', async () => {
    const r = await run([{ target: 'idtoken', times: 1, status: 429, retryAfter: '1' }]);
    ok(r);
    expect(r.idtoken).toBe(2);
    expect(r.ms).toBeGreaterThanOrEqual(1000);
  });

  test('a refused request token (401) is sent once and says what to check', async () => {
    const r = await run([], [], { ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'expired-request-token' });
    failed(r, /ID-token endpoint answered HTTP 401[\s\S]*id-token: write/);
    expect(r.idtoken).toBe(1);
    expect(r.token).toBe(0);
    expect(r.stderr).not.toContain('expired-request-token');
  });

  test('a non-JSON answer is a clear error', async () => {
    const r = await run([{ target: 'idtoken', times: 0, status: 200, body: 'not json', contentType: 'text/plain' }]);
    failed(r, /answered without a token in "value"/);
    expect(r.token).toBe(0);
  });

  test('a response slower than the per-request timeout is abandoned and retried', async () => {
    const r = await run([{ target: 'idtoken', times: 1, delayMs: 20_000 }], ['--timeout', '15']);
    ok(r);
    expect(r.idtoken).toBe(2);
  });
});
