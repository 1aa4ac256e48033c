/**
 * The bad-input battery: malformed and oversized tokens, non-JSON and huge responses, control
 * characters, unicode and empty strings in every input of the CLI. Each case must end in exit
 * 1 or 2 with a message: never a crash, a stack trace, or an "unexpected error".
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startSandbox } from '../../src/sandbox/index.js';
import type { Sandbox } from '../../src/sandbox/index.js';
import { runCli } from './run.js';
import type { ProcessResult } from './run.js';

let sandbox: Sandbox;
let dir: string;
let n = 0;

beforeAll(async () => {
  sandbox = await startSandbox();
  dir = mkdtempSync(join(tmpdir(), 'ef-bad-'));
});
afterAll(async () => {
  await sandbox.close();
  rmSync(dir, { recursive: true, force: true });
});

function file(content: string | Buffer): string {
  const path = join(dir, `f${++n}`);
  writeFileSync(path, content, { mode: 0o600 });
  return path;
}

function coords(): Record<string, string> {
  return {
    AZURE_CLIENT_ID: sandbox.clientId,
    AZURE_TENANT_ID: sandbox.tenantId,
    AZURE_AUTHORITY_HOST: sandbox.authorityHost,
  };
}

function handled(r: ProcessResult, codes: number[] = [1, 2]): void {
  expect(codes, `exit ${String(r.code)}: ${r.stderr}`).toContain(r.code);
  expect(r.stderr).toMatch(/^entra-federate: \S/m);
  expect(r.stderr).not.toMatch(/\n\s+at \S+ \(|unexpected error|TypeError|RangeError|SyntaxError: Unexpected/);
  expect(r.stderr).toMatch(/what to do: +\S/);
}

const b64 = (o: unknown): string => Buffer.from(JSON.stringify(o)).toString('base64url');

describe('malformed CI tokens', () => {
  const cases: [string, string | Buffer][] = [
    ['an empty file', ''],
    ['white space only', ' \n\t \n'],
    ['two parts', 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0'],
    ['five parts (a JWE)', 'a.b.c.d.e'],
    ['a header that is not JSON', `${Buffer.from('not json').toString('base64url')}.${b64({ sub: 'x' })}.sig`],
    ['a payload that is a JSON array', `${b64({ alg: 'RS256' })}.${b64([1, 2])}.sig`],
    ['characters outside base64url', `${b64({ alg: 'RS256' })}.${b64({ sub: 'x' })}+/=.sig`],
    ['a token wrapped in quotes', `"${b64({ alg: 'RS256' })}.${b64({ sub: 'x' })}.sig"`],
    ['a JSON wrapper instead of a token', JSON.stringify({ value: 'x.y.z' })],
    ['binary garbage', Buffer.from([0, 1, 2, 255, 254, 10, 13, 0x1b])],
    ['an oversized token (1 MiB)', `${b64({ alg: 'RS256' })}.${'A'.repeat(1024 * 1024)}.sig`],
    ['unicode', 'тест.😀.токен'],
  ];
  test.each(cases)('%s: exit 2, nothing sent', async (_name, content) => {
    const before = sandbox.requests.length;
    const r = await runCli(['login', '--id-token-file', file(content)], coords());
    handled(r, [2]);
    expect(sandbox.requests.length).toBe(before);
  });

  test('a well-formed token with nonsense claims is sent once and answered by Entra', async () => {
    const r = await runCli(
      [
        'login',
        '--id-token-file',
        file(`${b64({ alg: 'RS256', kid: 'x' })}.${b64({ iss: 42, sub: ['a'], aud: null })}.c2ln`),
      ],
      coords(),
    );
    handled(r, [1]);
    expect(r.stderr).toContain('AADSTS');
  });
});

describe('control characters, unicode and empty strings in every flag', () => {
  const values = [
    '',
    ' ',
    'line1\nline2',
    'tab\there',
    'esc\u001b[31mred',
    'zero\u0000byte',
    'ünïcødé-値',
    'x'.repeat(5000),
  ];
  const flags = [
    '--client-id',
    '--tenant-id',
    '--scope',
    '--audience',
    '--cloud',
    '--authority-host',
    '--provider',
    '--id-token-env',
    '--timeout',
  ];
  const cases = flags.flatMap((flag) =>
    values.filter((v) => !v.includes('\u0000')).map((value) => [flag, value] as [string, string]),
  );
  test.each(cases)('%s %j: handled without a request', async (flag, value) => {
    const before = sandbox.requests.filter((r) => r.target === 'token').length;
    const r = await runCli(['login', '--id-token-file', file(sandbox.mintIdToken()), flag, value], coords());
    if (r.code === 0) {
      // Only harmless values may pass: empty or blank ones that fall back to defaults.
      expect(
        value.trim() === '' || (flag === '--audience' && !/[\u0000-\u001f]/.test(value) && value.length <= 600),
      ).toBe(true);
      return;
    }
    handled(r);
    // An audience the sandbox does not know is a real (failing) exchange; anything else is refused before any request.
    if (flag !== '--audience') expect(sandbox.requests.filter((q) => q.target === 'token').length).toBe(before);
    // The user's value is shown quoted, never able to break the message's lines.
    expect(r.stderr).not.toContain('\u001b');
  });

  test('environment variables with control characters are refused the same way', async () => {
    for (const [name, value] of [
      ['AZURE_CLIENT_ID', `${sandbox.clientId}\nAZURE_X=1`],
      ['AZURE_TENANT_ID', 'a\u001b[2Jb'],
      ['AZURE_AUTHORITY_HOST', 'https://x\n.example'],
    ] as const) {
      const r = await runCli(['login', '--id-token-file', file(sandbox.mintIdToken())], { ...coords(), [name]: value });
      handled(r, [2]);
      expect(r.stderr).not.toContain('\u001b');
    }
  });
});

describe('hostile responses', () => {
  test('a huge response is cut off with a clear error', async () => {
    sandbox.setFaults([
      {
        target: 'token',
        times: 0,
        status: 200,
        body: `{"access_token":"${'A'.repeat(2 * 1024 * 1024)}","expires_in":3600}`,
        contentType: 'application/json',
      },
    ]);
    try {
      const r = await runCli(['token', '--id-token-file', file(sandbox.mintIdToken())], coords());
      handled(r, [1]);
      expect(r.stderr).toContain('larger than 1048576 bytes');
      expect(r.stdout).toBe('');
    } finally {
      sandbox.setFaults([]);
    }
  });

  test('an access token with a newline in it is never printed as two lines', async () => {
    sandbox.setFaults([
      {
        target: 'token',
        times: 0,
        status: 200,
        body: JSON.stringify({ access_token: 'abc\ndef', expires_in: 3600 }),
        contentType: 'application/json',
      },
    ]);
    try {
      const r = await runCli(['token', '--id-token-file', file(sandbox.mintIdToken())], coords());
      handled(r, [1]);
      expect(r.stdout).toBe('');
    } finally {
      sandbox.setFaults([]);
    }
  });

  test('an expires_in that is not a positive number is refused', async () => {
    // Raw JSON texts: 1e309 parses to Infinity, which JSON.stringify could not write.
    for (const expires of ['"soon"', '-5', '0', 'null', '1e309']) {
      sandbox.setFaults([
        {
          target: 'token',
          times: 0,
          status: 200,
          body: `{"access_token":"a.b.c","expires_in":${expires}}`,
          contentType: 'application/json',
        },
      ]);
      const r = await runCli(['token', '--id-token-file', file(sandbox.mintIdToken())], coords());
      handled(r, [1]);
    }
    sandbox.setFaults([]);
  });

  test('an error body with control characters in error_description is shown on one line', async () => {
    const body = JSON.stringify({
      error: 'invalid_request',
      error_description: 'AADSTS90002: Tenant\r\n::set-output name=x::y\u001b[31m not found.\r\nTrace ID: t',
      error_codes: [90002],
      trace_id: '11111111-1111-1111-1111-111111111111',
    });
    sandbox.setFaults([{ target: 'token', times: 0, status: 400, body, contentType: 'application/json' }]);
    try {
      const r = await runCli(['token', '--id-token-file', file(sandbox.mintIdToken())], coords());
      handled(r, [1]);
      expect(r.stderr).not.toMatch(/^::/m);
      expect(r.stderr).not.toContain('\u001b');
      expect(r.stderr).toContain('TENANT_NOT_FOUND');
    } finally {
      sandbox.setFaults([]);
    }
  });
});
