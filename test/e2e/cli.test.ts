/**
 * The built CLI as a process against the sandbox on loopback: what `token` and `login` print,
 * how failures read, that bad input exits 2 before any request, and that no token leaks.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startSandbox } from '../../src/sandbox/index.js';
import type { Sandbox } from '../../src/sandbox/index.js';
import { CLI, baseEnv, runCli, runNode, runProcess } from './run.js';
import type { ProcessResult } from './run.js';

let sandbox: Sandbox;
let dir: string;
/** Every token or secret a scenario handled; none may appear in any output. */
const secrets = new Set<string>();

beforeAll(async () => {
  sandbox = await startSandbox();
  dir = mkdtempSync(join(tmpdir(), 'ef-cli-'));
});
afterAll(async () => {
  await sandbox.close();
  rmSync(dir, { recursive: true, force: true });
});

function ciToken(claims: Record<string, unknown> = {}): string {
  const token = sandbox.mintIdToken({ claims });
  secrets.add(token);
  return token;
}

function tokenFile(token: string): string {
  const file = join(dir, `token-${secrets.size}`);
  writeFileSync(file, token, { mode: 0o600 });
  return file;
}

function coords(): Record<string, string> {
  return {
    AZURE_CLIENT_ID: sandbox.clientId,
    AZURE_TENANT_ID: sandbox.tenantId,
    AZURE_AUTHORITY_HOST: sandbox.authorityHost,
  };
}

/** Any JWT-looking string, plus every token this file handed out. */
function expectNoTokens(result: ProcessResult): void {
  const text = result.stdout + result.stderr;
  expect(text).not.toMatch(/eyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}/);
  for (const s of secrets) expect(text.includes(s)).toBe(false);
}

function tokenRequests(): number {
  return sandbox.requests.filter((r) => r.target === 'token').length;
}

function claimsOf(jwt: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(jwt.split('.')[1] ?? '', 'base64url').toString('utf8')) as Record<string, unknown>;
}

describe('token', () => {
  test('prints exactly the access token and a newline', async () => {
    const result = await runCli(['token', '--id-token-file', tokenFile(ciToken())], coords());
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\n$/);
    const claims = claimsOf(result.stdout.trim());
    expect(claims['appid']).toBe(sandbox.clientId);
    expect(claims['tid']).toBe(sandbox.tenantId);
    expect(claims['aud']).toBe('https://management.azure.com');
  });

  test('reads the CI token from --id-token-env, AZURE_FEDERATED_TOKEN_FILE, or the GitHub runner', async () => {
    const fromEnv = await runCli(['token', '--id-token-env', 'MY_OIDC', '--scope', 'https://vault.azure.net'], {
      ...coords(),
      MY_OIDC: ciToken(),
    });
    expect(fromEnv.code).toBe(0);
    expect(claimsOf(fromEnv.stdout.trim())['aud']).toBe('https://vault.azure.net');
    expect(fromEnv.stderr).toContain('/.default');

    const fromFile = await runCli(['token'], { ...coords(), AZURE_FEDERATED_TOKEN_FILE: tokenFile(ciToken()) });
    expect(fromFile.code).toBe(0);

    const before = sandbox.requests.filter((r) => r.target === 'idtoken').length;
    const fromGithub = await runCli(['token'], {
      ...coords(),
      GITHUB_ACTIONS: 'true',
      ACTIONS_ID_TOKEN_REQUEST_URL: sandbox.idTokenRequestUrl,
      ACTIONS_ID_TOKEN_REQUEST_TOKEN: sandbox.idTokenRequestToken,
    });
    expect(fromGithub.code).toBe(0);
    // On a GitHub runner the token is masked before it is printed.
    expect(fromGithub.stderr).toBe(`::add-mask::${fromGithub.stdout}`);
    const idRequests = sandbox.requests.filter((r) => r.target === 'idtoken').slice(before);
    expect(idRequests).toHaveLength(1);
    expect(idRequests[0]?.path).toContain('audience=api%3A%2F%2FAzureADTokenExchange');
  });
});

describe('a reader that goes away', () => {
  // `| head -c 0` and `| true` close the pipe before or while the CLI writes: that is the
  // reader's choice; the CLI must end quietly, never with an EPIPE stack trace.
  test.each([
    ['token', '| head -c 0'],
    ['token', '| true'],
    ['login --json', '| head -c 0'],
    ['--help', '| true'],
    ['verify --help', '| head -c 0'],
  ])('entra-federate %s %s exits quietly', async (command, pipe) => {
    const file = tokenFile(ciToken());
    const errFile = join(dir, `stderr-${secrets.size}`);
    // The CLI's own stderr goes to a file, so the shell's pipeline status cannot hide it.
    const script = `"${process.execPath}" "${CLI}" ${command} --id-token-file "${file}" 2>"${errFile}" ${pipe}; echo "cli=\${PIPESTATUS[0]}"`;
    const args = command.includes('--help') ? script.replace(` --id-token-file "${file}"`, '') : script;
    const r = await runProcess('bash', ['-c', args], { env: baseEnv(coords()) });
    const stderr = readFileSync(errFile, 'utf8');
    expect(stderr).not.toMatch(/EPIPE|\n\s+at |Unhandled/);
    expect(stderr).toBe('');
    expect(r.stdout).toMatch(/^cli=0\n$/);
  });
});

describe('login', () => {
  test('--json prints the summary for every scope and no token', async () => {
    const before = tokenRequests();
    const result = await runCli(
      [
        'login',
        '--json',
        '--scope',
        'https://management.azure.com/.default',
        '--scope',
        'https://vault.azure.net/.default',
        '--id-token-file',
        tokenFile(ciToken()),
      ],
      coords(),
    );
    expect(result.code).toBe(0);
    expectNoTokens(result);
    expect(tokenRequests() - before).toBe(2);
    const summary = JSON.parse(result.stdout) as {
      tokens: { scope: string; expiresOn: string }[];
      idToken: Record<string, string>;
      clientId: string;
    };
    expect(summary.clientId).toBe(sandbox.clientId);
    expect(summary.tokens.map((t) => t.scope)).toEqual([
      'https://management.azure.com/.default',
      'https://vault.azure.net/.default',
    ]);
    for (const t of summary.tokens) {
      expect(t.expiresOn).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
      const lifetime = Date.parse(t.expiresOn) - Date.now();
      expect(lifetime).toBeGreaterThan(3500_000);
      expect(lifetime).toBeLessThan(3600_000);
    }
    expect(summary.idToken).toMatchObject({
      iss: sandbox.issuer,
      sub: 'repo:octo-org/octo-repo:ref:refs/heads/main',
      aud: 'api://AzureADTokenExchange',
    });
  });

  test('without --json the summary goes to stderr and stdout stays empty', async () => {
    const result = await runCli(['login', '--id-token-file', tokenFile(ciToken())], coords());
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(`signed in as client ${sandbox.clientId}`);
    expect(result.stderr).toContain('repo:octo-org/octo-repo:ref:refs/heads/main');
    expectNoTokens(result);
  });

  test('expiry comes from expires_in, never an assumed hour', async () => {
    const other = await startSandbox({ config: { accessTokenLifetimeSeconds: 86399 } });
    try {
      const token = other.mintIdToken();
      secrets.add(token);
      const result = await runCli(['login', '--json', '--id-token-file', tokenFile(token)], {
        AZURE_CLIENT_ID: other.clientId,
        AZURE_TENANT_ID: other.tenantId,
        AZURE_AUTHORITY_HOST: other.authorityHost,
      });
      expect(result.code).toBe(0);
      const summary = JSON.parse(result.stdout) as { tokens: { expiresOn: string }[] };
      const lifetime = Date.parse(summary.tokens[0]?.expiresOn ?? '') - Date.now();
      expect(lifetime).toBeGreaterThan(86_000_000);
    } finally {
      await other.close();
    }
  });
});

describe('failures', () => {
  test('a subject mismatch exits 1 naming AADSTS70021, the subject, the trace id and a remedy', async () => {
    const result = await runCli(
      ['login', '--id-token-file', tokenFile(ciToken({ sub: 'repo:octo-org/octo-repo:pull_request' }))],
      coords(),
    );
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('AADSTS70021');
    expect(result.stderr).toMatch(/subject: +repo:octo-org\/octo-repo:pull_request/);
    expect(result.stderr).toMatch(/trace id: +[0-9a-f-]{36}/);
    expect(result.stderr).toMatch(/correlation id: +[0-9a-f-]{36}/);
    expect(result.stderr).toMatch(/what to do: +No federated credential/);
    expect(result.stderr).not.toMatch(/\n\s+at /); // no stack trace
    expectNoTokens(result);
  });

  test('--json failures print a structured error on stdout', async () => {
    const result = await runCli(
      [
        'login',
        '--json',
        '--id-token-file',
        tokenFile(ciToken({ sub: 'repo:Octo-Org/octo-repo:ref:refs/heads/main' })),
      ],
      coords(),
    );
    expect(result.code).toBe(1);
    const body = JSON.parse(result.stdout) as { ok: boolean; error: Record<string, unknown> };
    expect(body.ok).toBe(false);
    expect(body.error['aadsts']).toBe(7002138);
    expect(body.error['code']).toBe('SUBJECT_CASE_MISMATCH');
    expect(body.error['traceId']).toMatch(/^[0-9a-f-]{36}$/);
    expectNoTokens(result);
  });

  test("a proxy's HTML error page still gives a clear error", async () => {
    sandbox.setFaults([
      {
        target: 'token',
        times: 0,
        status: 502,
        body: '<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>',
        contentType: 'text/html',
      },
    ]);
    try {
      const result = await runCli(['token', '--timeout', '5', '--id-token-file', tokenFile(ciToken())], coords());
      expect(result.code).toBe(1);
      expect(result.stderr).toContain('HTTP 502 with a non-JSON body (text/html): "502 Bad Gateway"');
      expectNoTokens(result);
    } finally {
      sandbox.setFaults([]);
    }
  });

  const cases: [string, string[], Record<string, string>, RegExp][] = [
    ['a client id that is not a GUID', ['token', '--client-id', 'my-app'], {}, /client id "my-app" is not a GUID/],
    ['no tenant', ['token'], { AZURE_TENANT_ID: '' }, /No tenant id given/],
    ['plain http to a remote host', ['token', '--authority-host', 'http://login.example.com'], {}, /plain http/],
    ['an unknown flag', ['token', '--scopes', 'x'], {}, /Unknown option '--scopes'/],
    [
      'a secret on the command line',
      ['login', '--client-secret', 'hunter2-secret'],
      {},
      /never taken as command-line arguments[\s\S]*AZURE_CLIENT_SECRET/,
    ],
    ['two scopes for token', ['token', '--scope', 'a', '--scope', 'b'], {}, /prints one token/],
    ['a timeout that is not a number', ['login', '--timeout', 'soon'], {}, /timeout "soon"/],
    ['an unknown cloud', ['login', '--cloud', 'AzureMoon'], {}, /Unknown cloud "AzureMoon"/],
    ['an unknown provider', ['login', '--provider', 'hudson'], {}, /Unknown provider "hudson"/],
    ['no credential at all', ['login'], {}, /nothing to authenticate with/],
    ['a token file that does not exist', ['login', '--id-token-file', '/nonexistent/token'], {}, /does not exist/],
    [
      'a token passed where a variable name belongs',
      ['login', '--id-token-env', 'eyJhbGciOi.eyJzdWIi.sig'],
      {},
      /not an environment variable name/,
    ],
    ['a token file holding no JWT', ['login', '--id-token-file', '@notjwt'], {}, /is not a JWT/],
    ['an unknown command', ['tokne'], {}, /unknown command "tokne"/],
  ];
  test.each(cases)('%s exits 2 with a message and sends nothing', async (_name, args, env, message) => {
    const notJwt = join(dir, 'not-a-jwt');
    writeFileSync(notJwt, 'this is not a token\n');
    const before = sandbox.requests.length;
    const result = await runCli(
      args.map((a) => (a === '@notjwt' ? notJwt : a)),
      { ...coords(), ...env },
    );
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(result.stdout).toBe('');
    expect(result.stderr).not.toContain('hunter2-secret');
    expect(sandbox.requests.length).toBe(before);
  });
});

describe('sandbox command', () => {
  for (const https of [false, true]) {
    test(`prints its coordinates first and serves ${https ? 'https' : 'http'} until SIGTERM`, async () => {
      const child = spawn(process.execPath, [CLI, 'sandbox', ...(https ? ['--https'] : [])], {
        env: baseEnv(),
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      try {
        const line = await new Promise<string>((resolve, reject) => {
          createInterface({ input: child.stdout }).once('line', resolve);
          child.once('exit', () => reject(new Error('sandbox exited early')));
        });
        const c = JSON.parse(line) as Record<string, string>;
        expect(Object.keys(c)).toEqual(
          expect.arrayContaining([
            'authorityHost',
            'tenantId',
            'clientId',
            'issuer',
            'idTokenRequestUrl',
            'idTokenRequestToken',
          ]),
        );
        expect(c['authorityHost']).toMatch(https ? /^https:\/\/127\.0\.0\.1:\d+$/ : /^http:\/\/127\.0\.0\.1:\d+$/);
        if (https) expect(c['caCertFile']).toBeTruthy();
        const result = await runCli(['login', '--json'], {
          AZURE_CLIENT_ID: c['clientId'],
          AZURE_TENANT_ID: c['tenantId'],
          AZURE_AUTHORITY_HOST: c['authorityHost'],
          GITHUB_ACTIONS: 'true',
          ACTIONS_ID_TOKEN_REQUEST_URL: c['idTokenRequestUrl'],
          ACTIONS_ID_TOKEN_REQUEST_TOKEN: c['idTokenRequestToken'],
          ...(https ? { NODE_EXTRA_CA_CERTS: c['caCertFile'] } : {}),
        });
        expect(result.stderr).toBe('');
        expect(result.code).toBe(0);
        if (https) {
          // Microsoft's own client, in its own process, trusting the sandbox through NODE_EXTRA_CA_CERTS.
          const script = [
            "import { writeFileSync } from 'node:fs';",
            "import { ClientAssertionCredential, WorkloadIdentityCredential } from '@azure/identity';",
            'const e = process.env;',
            "const res = await fetch(e.ID_URL + '&audience=api%3A%2F%2FAzureADTokenExchange', { headers: { authorization: 'Bearer ' + e.ID_BEARER } });",
            'const assertion = (await res.json()).value;',
            'writeFileSync(e.TOKEN_FILE, assertion, { mode: 0o600 });',
            'const options = { authorityHost: e.AUTHORITY, disableInstanceDiscovery: true };',
            "const a = await new ClientAssertionCredential(e.TENANT, e.CLIENT, async () => assertion, options).getToken('https://management.azure.com/.default');",
            "const w = await new WorkloadIdentityCredential({ tenantId: e.TENANT, clientId: e.CLIENT, tokenFilePath: e.TOKEN_FILE, ...options }).getToken('https://vault.azure.net/.default');",
            "console.log(JSON.stringify({ a: a.token.split('.').length, w: w.token.split('.').length, exp: a.expiresOnTimestamp > Date.now() }));",
          ].join('\n');
          // Evaluated from the repository (cwd) so that @azure/identity resolves from its node_modules.
          const sdk = await runNode('--input-type=module', ['-e', script], {
            env: baseEnv({
              NODE_EXTRA_CA_CERTS: c['caCertFile'],
              ID_URL: c['idTokenRequestUrl'],
              ID_BEARER: c['idTokenRequestToken'],
              AUTHORITY: c['authorityHost'],
              TENANT: c['tenantId'],
              CLIENT: c['clientId'],
              TOKEN_FILE: join(dir, 'sdk-token'),
            }),
          });
          expect(sdk.stderr).toBe('');
          expect(JSON.parse(sdk.stdout)).toEqual({ a: 3, w: 3, exp: true });
        }
      } finally {
        const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
        child.kill('SIGTERM');
        expect(await exited).toBe(0);
      }
    });
  }
});

test('demo runs the whole flow offline, shows the failure, and prints no token', async () => {
  const result = await runCli(['demo']);
  expect(result.code).toBe(0);
  // setup first: app, service principal, FIC and role assignment through Graph and ARM, then their login.
  expect(result.stdout).toMatch(/application +"entra-federate-octo-org-octo-repo" created/);
  expect(result.stdout).toMatch(
    /role assignment +Contributor at \/subscriptions\/[0-9a-f-]+\/resourceGroups\/rg-demo: created/,
  );
  expect(result.stdout).toContain('id-token: write');
  const clientId = /client id ([0-9a-f-]{36}), object id/.exec(result.stdout)?.[1];
  expect(result.stdout).toContain(`signed in as client ${clientId}`);
  expect(result.stdout).toContain('AADSTS70021');
  expect(result.stdout).toContain('repo:octo-org/octo-repo:pull_request');
  expectNoTokens(result);
});
