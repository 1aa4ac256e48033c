/**
 * Security and correctness, round two, as processes: the built CLI and Action against the
 * sandbox (and, for a hostile token endpoint, a small server of our own on loopback). Each test
 * names the guarantee it backs; docs/security-guarantees-part1.md lists them.
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startSandbox } from '../../src/sandbox/index.js';
import type { Sandbox } from '../../src/sandbox/index.js';
import { actionDefaults, parseFileCommands } from '../helpers/hygiene.js';
import { baseEnv, ROOT, runCli, runNode } from './run.js';
import type { ProcessResult } from './run.js';

const AUD = 'api://AzureADTokenExchange';
const CIRCLE_ORG = 'c9b2a7e5-4d1f-4a3b-9c8d-2f1e0a9b8c7d';
const CIRCLE_PROJECT = '0f8e7d6c-5b4a-4392-8170-6f5e4d3c2b1a';
const CIRCLECI = `https://oidc.circleci.com/org/${CIRCLE_ORG}`;
const JWT = /eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]+/;
const CRASH = /unexpected error|This is a bug|RangeError|TypeError|\n\s+at \S+ \(/;

let sandbox: Sandbox;
let dir: string;
let n = 0;

beforeAll(async () => {
  sandbox = await startSandbox({ config: { issuers: [{ issuer: CIRCLECI }], resources: ['api://my-api'] } });
  dir = mkdtempSync(join(tmpdir(), 'ef-sec2-'));
});
afterAll(async () => {
  await sandbox.close();
  rmSync(dir, { recursive: true, force: true });
});

function file(name: string, text: string): string {
  const path = join(dir, `${++n}-${name}`);
  writeFileSync(path, text, { mode: 0o600 });
  return path;
}

/** A GitHub Actions job's environment, pointed at the sandbox. */
function githubJob(extra: Record<string, string> = {}): Record<string, string> {
  return {
    GITHUB_ACTIONS: 'true',
    ACTIONS_ID_TOKEN_REQUEST_URL: sandbox.idTokenRequestUrl,
    ACTIONS_ID_TOKEN_REQUEST_TOKEN: sandbox.idTokenRequestToken,
    AZURE_CLIENT_ID: sandbox.clientId,
    AZURE_TENANT_ID: sandbox.tenantId,
    AZURE_AUTHORITY_HOST: sandbox.authorityHost,
    ...extra,
  };
}

/** Runs `body` and returns what reached the sandbox meanwhile, by kind. */
async function counted<T>(body: () => Promise<T>): Promise<{ value: T; idtoken: number; token: number }> {
  const before = sandbox.requests.length;
  const value = await body();
  const seen = sandbox.requests.slice(before);
  return {
    value,
    idtoken: seen.filter((r) => r.target === 'idtoken').length,
    token: seen.filter((r) => r.target === 'token').length,
  };
}

function usage(r: ProcessResult, message: RegExp | string): void {
  expect(r.code, r.stderr).toBe(2);
  expect(r.stderr).not.toMatch(CRASH);
  if (typeof message === 'string') expect(r.stderr).toContain(message);
  else expect(r.stderr).toMatch(message);
}

describe('redaction keeps Entra text readable and still removes tokens', () => {
  test('the demo shows the full documentation URL and no token', async () => {
    const r = await runCli(['demo']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('https://learn.microsoft.com/entra/workload-id/workload-identity-federation');
    expect(r.stdout).not.toContain('[redacted]');
    expect(r.stdout + r.stderr).not.toMatch(JWT);
  });

  test('on CircleCI the headline keeps the issuer and subject readable; the token stays out', async () => {
    const subject = `org/${CIRCLE_ORG}/project/${CIRCLE_PROJECT}/user/5d4c3b2a-1f0e-4d9c-8b7a-6f5e4d3c2b1a`;
    const token = sandbox.mintIdToken({
      issuer: CIRCLECI,
      claims: {
        sub: subject,
        'oidc.circleci.com/org-id': CIRCLE_ORG,
        'oidc.circleci.com/project-id': CIRCLE_PROJECT,
        repository: null,
        ref: null,
      },
    });
    const r = await runCli(['login', '--id-token-file', file('circle.jwt', token)], {
      AZURE_CLIENT_ID: sandbox.clientId,
      AZURE_TENANT_ID: sandbox.tenantId,
      AZURE_AUTHORITY_HOST: sandbox.authorityHost,
    });
    expect(r.code).toBe(1);
    const headline = r.stderr.split('\n')[0] ?? '';
    expect(headline).toMatch(/^entra-federate: AADSTS70021/);
    expect(headline).toContain(CIRCLECI);
    expect(headline).toContain(subject);
    expect(r.stderr).not.toContain('[redacted]');
    expect(r.stderr).not.toContain(token);
    expect(r.stderr).not.toMatch(JWT);
  });
});

describe('what a hostile token endpoint says is kept only in its real shape', () => {
  let hostile: Server;
  let origin = '';
  beforeAll(async () => {
    // Echoes the CI token into every field, and tries to start workflow commands.
    hostile = createServer((req, res) => {
      let body = '';
      req.setEncoding('utf8').on('data', (d: string) => {
        body += d;
      });
      req.on('end', () => {
        const assertion = new URLSearchParams(body).get('client_assertion') ?? '';
        res.writeHead(400, { 'content-type': 'application/json' }).end(
          JSON.stringify({
            error: `invalid_client\n::error::forged-by-server`,
            error_description: `AADSTS70021: No matching federated identity record found for ${assertion}\r\n::error::forged\r\nTrace ID: x`,
            error_codes: [70021],
            trace_id: `3f0c5a52-7a0e-4a4e-9d7b-2c1e0f9a8b7c\n::error::forged-trace`,
            correlation_id: assertion,
            timestamp: `2026-12-02 05:25:35Z\n::add-mask::x`,
          }),
        );
      });
    });
    await new Promise<void>((r) => hostile.listen(0, '127.0.0.1', r));
    origin = `http://127.0.0.1:${(hostile.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((r) => hostile.close(() => r())));

  test('stderr, --json, the audit log and the step summary carry no echoed token and start no line', async () => {
    const token = sandbox.mintIdToken();
    const audit = join(dir, `${++n}-audit.jsonl`);
    const summary = file('summary.md', '');
    const r = await runCli(['login', '--json', '--audit-log', audit, '--id-token-file', file('ci.jwt', token)], {
      AZURE_CLIENT_ID: sandbox.clientId,
      AZURE_TENANT_ID: sandbox.tenantId,
      AZURE_AUTHORITY_HOST: origin,
      GITHUB_ACTIONS: 'true',
      GITHUB_STEP_SUMMARY: summary,
    });
    expect(r.code).toBe(1);
    expect(r.stderr).not.toMatch(CRASH);
    const outputs = {
      stdout: r.stdout,
      stderr: r.stderr,
      audit: readFileSync(audit, 'utf8'),
      summary: readFileSync(summary, 'utf8'),
    };
    for (const [name, text] of Object.entries(outputs)) {
      expect(text, name).not.toContain(token);
      expect(text, name).not.toContain(token.split('.')[2]);
      expect(text, name).not.toMatch(/^::/m);
      expect(text, name).not.toContain('forged');
    }
    expect(r.stderr).toContain('AADSTS70021');
    expect(r.stderr).not.toMatch(/trace id:|correlation id:|timestamp:/);
    const record = JSON.parse(outputs.audit.trim().split('\n').at(-1) ?? '{}') as { error?: Record<string, unknown> };
    expect(record.error?.['aadsts']).toBe(70021);
    expect(record.error).not.toHaveProperty('traceId');
    expect(record.error).not.toHaveProperty('correlationId');
    const json = JSON.parse(r.stdout) as { error: Record<string, unknown> };
    expect(json.error).not.toHaveProperty('oauthError');
  });
});

describe('scopes a client-credentials request cannot take are refused before sending', () => {
  test('--scope "" exits 2 instead of falling back to the default', async () => {
    const { value: r, idtoken, token } = await counted(() => runCli(['token', '--scope', ''], githubJob()));
    usage(r, 'A scope is empty');
    expect(r.stdout).toBe('');
    expect({ idtoken, token }).toEqual({ idtoken: 0, token: 0 });
  });

  test('--scope https://graph.microsoft.com/User.Read is refused, naming <resource>/.default', async () => {
    const {
      value: r,
      idtoken,
      token,
    } = await counted(() => runCli(['login', '--scope', 'https://graph.microsoft.com/User.Read'], githubJob()));
    usage(r, 'takes only <resource>/.default');
    expect(r.stderr).toContain('https://graph.microsoft.com/.default');
    expect({ idtoken, token }).toEqual({ idtoken: 0, token: 0 });
  });

  test("the Action's scopes input gets the same rule", async () => {
    const step = join(dir, `${++n}-step`);
    mkdirSync(join(step, 'temp'), { recursive: true });
    const files = {
      GITHUB_OUTPUT: join(step, 'output'),
      GITHUB_ENV: join(step, 'env'),
      GITHUB_STATE: join(step, 'state'),
      GITHUB_STEP_SUMMARY: join(step, 'summary'),
    };
    for (const path of Object.values(files)) writeFileSync(path, '');
    const env = baseEnv({
      ...actionDefaults(),
      'INPUT_CLIENT-ID': sandbox.clientId,
      'INPUT_TENANT-ID': sandbox.tenantId,
      'INPUT_AUTHORITY-HOST': sandbox.authorityHost,
      INPUT_SCOPES: 'https://management.azure.com/.default\nhttps://graph.microsoft.com/Directory.Read.All',
      ...files,
      RUNNER_TEMP: join(step, 'temp'),
      GITHUB_ACTIONS: 'true',
      ACTIONS_ID_TOKEN_REQUEST_URL: sandbox.idTokenRequestUrl,
      ACTIONS_ID_TOKEN_REQUEST_TOKEN: sandbox.idTokenRequestToken,
    });
    const {
      value: r,
      idtoken,
      token,
    } = await counted(() => runNode(join(ROOT, 'dist/action/index.js'), [], { env, cwd: step }));
    expect(r.code).not.toBe(0);
    expect(r.stdout + r.stderr).not.toMatch(CRASH);
    expect(r.stdout).toMatch(/::error[^\n]*Directory\.Read\.All[^\n]*<resource>\/\.default/);
    expect({ idtoken, token }).toEqual({ idtoken: 0, token: 0 });
    expect(parseFileCommands(readFileSync(files.GITHUB_ENV, 'utf8'))).toEqual([]);
  });
});

describe('the timeout says the range it accepts', () => {
  test('--timeout 0', async () => {
    const { value: r, token } = await counted(() => runCli(['token', '--timeout', '0'], githubJob()));
    usage(r, 'greater than 0 and at most 3600');
    expect(r.stderr).not.toContain('between 0 and');
    expect(token).toBe(0);
  });
});

describe('AADSTS90061 and AADSTS50166 are retried with a fresh CI token', () => {
  test.each([90061, 50166])('AADSTS%i once, then success', async (code) => {
    sandbox.setFaults([
      {
        target: 'token',
        times: 1,
        status: 400,
        body: JSON.stringify({
          error: 'invalid_request',
          error_description: `AADSTS${code}: Request to External OIDC endpoint failed.`,
          error_codes: [code],
        }),
      },
    ]);
    try {
      const { value: r, idtoken, token } = await counted(() => runCli(['token'], githubJob()));
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+\n$/);
      expect({ idtoken, token }).toEqual({ idtoken: 2, token: 2 });
    } finally {
      sandbox.setFaults([]);
    }
  });

  test('when it persists, the failure names the code and its remedy', async () => {
    sandbox.setFaults([
      {
        target: 'token',
        times: 0,
        status: 400,
        body: JSON.stringify({
          error: 'invalid_request',
          error_description: 'AADSTS90061: Request to External OIDC endpoint failed.',
          error_codes: [90061],
        }),
      },
    ]);
    try {
      const r = await runCli(['token', '--timeout', '20'], githubJob());
      expect(r.code).toBe(1);
      expect(r.stderr).toContain('ISSUER_REQUEST_FAILED (AADSTS90061)');
      expect(r.stderr).toContain('/.well-known/openid-configuration');
    } finally {
      sandbox.setFaults([]);
    }
  });
});

describe('the doctor suggests the standard audience, not a typo', () => {
  test('the automatic reading after a failed login with --audience api://AzureADTokenExchangeX', async () => {
    const typo = 'api://AzureADTokenExchangeX';
    const r = await runCli(['login', '--audience', typo], githubJob());
    expect(r.code).toBe(1);
    const reading = r.stderr.slice(r.stderr.indexOf('entra-federate doctor:'));
    expect(reading.length).toBeGreaterThan(30);
    const observations = reading.slice(reading.indexOf('Observations:'));
    expect(observations.split('\n')[1]).toContain(
      `"${typo}" is not AzureCloud's standard audience api://AzureADTokenExchange`,
    );
    expect(reading).toContain(`"audiences":["${AUD}"]`);
    expect(reading).not.toContain(`"audiences":["${typo}"]`);
    // The advice works: a token requested with the standard audience matches the app.
    const fixed = await runCli(['token'], githubJob());
    expect(fixed.code, fixed.stderr).toBe(0);
  });
});

describe('policies: claim types, duplicate keys, alias bombs, wildcard scopes', () => {
  const TENANT = () => sandbox.tenantId;
  const rule = (claims: string, scopes = '"*"') =>
    `{"name": "deploys", "claims": ${claims}, "allow": {"tenants": "*", "clientIds": "*", "scopes": ${scopes}}}`;

  test('a JSON policy with a duplicate key exits 2 naming the key and its line', async () => {
    const policy = file(
      'dup.json',
      `{\n  "name": "guardrails",\n  "rules": [\n    ${rule('{\n      "repository": "octo-org/octo-repo",\n      "repository": "**"\n    }')}\n  ]\n}\n`,
    );
    const claims = file('claims.json', JSON.stringify({ repository: 'evil/x' }));
    const r = await runCli(['policy', 'test', '--claims', claims, '--policy', policy]);
    usage(r, /repeats the key "repository" in one object \(line 6\)/);
    const { value: login, token } = await counted(() => runCli(['login', '--policy', policy], githubJob()));
    usage(login, 'repeats the key "repository"');
    expect(token).toBe(0);
  });

  test('a YAML alias bomb is an invalid policy (exit 2), not an unexpected error', async () => {
    const levels = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 9; i++) {
      const [prev, next] = [String.fromCharCode(96 + i), String.fromCharCode(97 + i)];
      levels.push(`${next}: &${next} [${Array(10).fill(`*${prev}`).join(', ')}]`);
    }
    const policy = file('bomb.yml', `${levels.join('\n')}\nrules: []\n`);
    const claims = file('claims.json', JSON.stringify({ repository: 'octo-org/octo-repo' }));
    usage(await runCli(['policy', 'test', '--claims', claims, '--policy', policy]), /POLICY_INVALID[\s\S]*alias/);
  });

  test('scopes: "*" allows any real scope', async () => {
    const policy = file('star.json', `{"rules": [${rule('{"repository": "octo-org/octo-repo"}')}]}`);
    const r = await runCli(
      ['login', '--policy', policy, '--scope', 'https://vault.azure.net/.default', '--scope', 'api://my-api/.default'],
      githubJob(),
    );
    expect(r.code, r.stderr).toBe(0);
    const test = await runCli([
      'policy',
      'test',
      '--claims',
      file('claims.json', JSON.stringify({ repository: 'octo-org/octo-repo' })),
      '--policy',
      policy,
      '--tenant-id',
      TENANT(),
      '--client-id',
      sandbox.clientId,
      '--scope',
      'https://storage.azure.com/.default',
    ]);
    expect(test.code, test.stdout + test.stderr).toBe(0);
  });

  test('an array claim does not satisfy a single-value rule; the denial says the type was wrong', async () => {
    const policy = file(
      'repo.json',
      `{"rules": [${rule('{"repository": "octo-org/octo-repo"}', '["https://management.azure.com/.default"]')}]}`,
    );
    const allowed = await runCli(['login', '--policy', policy], githubJob());
    expect(allowed.code, allowed.stderr).toBe(0);
    const token = sandbox.mintIdToken({ claims: { repository: ['evil/x', 'octo-org/octo-repo'] } });
    const { value: r, token: sent } = await counted(() =>
      runCli(['login', '--policy', policy, '--id-token-file', file('array.jwt', token)], githubJob()),
    );
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('POLICY_DENIED');
    expect(r.stderr).toContain('repository has the wrong type: an array');
    expect(sent).toBe(0);
  });
});

describe('verify: claim types and time claims', () => {
  const verify = (token: string, args: string[] = []) =>
    runCli(['verify', '--issuer', sandbox.issuer, '--audience', AUD, ...args], {}, { input: token });

  test('--claim never matches an array claim, and says the type was wrong', async () => {
    const token = sandbox.mintIdToken({ claims: { repository: ['evil/x', 'octo-org/octo-repo'] } });
    const r = await verify(token, ['--claim', 'repository=octo-org/octo-repo']);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('CLAIM_WRONG_TYPE');
    expect(r.stderr).toContain('wrong type: an array');
    const single = await verify(sandbox.mintIdToken(), ['--claim', 'repository=octo-org/octo-repo']);
    expect(single.code, single.stderr).toBe(0);
  });

  test('a huge nbf gets its own error, not a bare RangeError', async () => {
    const r = await verify(sandbox.mintIdToken({ claims: { nbf: 1e300 } }));
    expect(r.code).toBe(1);
    expect(r.stderr).not.toMatch(CRASH);
    expect(r.stderr).toContain('CLAIM_OUT_OF_RANGE');
    expect(r.stderr).toContain('nbf');
  });

  test('a CI token with a huge exp is explained by doctor and login, never a crash', async () => {
    const token = file('huge-exp.jwt', sandbox.mintIdToken({ claims: { exp: 1e300, nbf: -1e300 } }));
    const doctor = await runCli(['doctor', '--id-token-file', token]);
    expect(doctor.code).toBe(1);
    expect(doctor.stdout + doctor.stderr).not.toMatch(CRASH);
    expect(doctor.stdout).toContain('no usable exp');
    // An app whose FIC does not match: the failure runs the doctor's reading, which shows times.
    const clientId = randomUUID();
    sandbox.addApp({
      clientId,
      federatedCredentials: [
        { issuer: sandbox.issuer, subject: 'repo:octo-org/other:ref:refs/heads/main', audiences: [AUD] },
      ],
    });
    const audit = join(dir, `${++n}-audit.jsonl`);
    const login = await runCli(['login', '--json', '--audit-log', audit, '--id-token-file', token], {
      AZURE_CLIENT_ID: clientId,
      AZURE_TENANT_ID: sandbox.tenantId,
      AZURE_AUTHORITY_HOST: sandbox.authorityHost,
    });
    expect(login.code).toBe(1);
    expect(login.stdout + login.stderr).not.toMatch(CRASH);
    const json = JSON.parse(login.stdout) as { ok: boolean; error: { aadsts?: number }; diagnosis?: unknown };
    expect(json.ok).toBe(false);
    expect(json.error.aadsts).toBe(70021);
    expect(json.diagnosis).toBeDefined();
    expect(readFileSync(audit, 'utf8')).toContain('"outcome"');
  });
});
