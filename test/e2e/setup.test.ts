/**
 * `entra-federate setup` as a process against the sandbox's Microsoft Graph and Azure Resource
 * Manager: from nothing to a login that works, idempotent reruns (counted in the sandbox's
 * request log), --dry-run, bad input, a 403 and the rerun after the grant, and tokens from a
 * stand-in `az` on PATH. The CI tokens are minted under GitHub's and GitLab's real issuers.
 */
import { randomUUID } from 'node:crypto';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Sandbox } from '../../src/sandbox/index.js';
import { startSandbox } from '../../src/sandbox/index.js';
import { ARM, GRAPH } from '../helpers/sandbox-apis.js';
import { runCli } from './run.js';

const GITHUB = 'https://token.actions.githubusercontent.com';
const GITLAB = 'https://gitlab.com';
const AUD = 'api://AzureADTokenExchange';
const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

let sb: Sandbox;
let dir: string;
let rg: string;

beforeAll(async () => {
  sb = await startSandbox();
  sb.addIssuer({ issuer: GITHUB });
  sb.addIssuer({ issuer: GITLAB });
  dir = mkdtempSync(join(tmpdir(), 'ef-setup-'));
  rg = `/subscriptions/${sb.subscriptionId}/resourceGroups/rg-deploy`;
});
afterAll(async () => {
  await sb.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Graph and ARM requests (by method) made while `body` ran. */
async function counting<T>(body: () => Promise<T>): Promise<{ result: T; graph: string[]; arm: string[] }> {
  const from = sb.requests.length;
  const result = await body();
  const seen = sb.requests.slice(from);
  return {
    result,
    graph: seen.filter((r) => r.target === 'graph').map((r) => r.method),
    arm: seen.filter((r) => r.target === 'arm').map((r) => r.method),
  };
}

const writesIn = (methods: string[]) => methods.filter((m) => WRITES.has(m));

function endpoints(): string[] {
  return ['--graph-endpoint', sb.graphEndpoint, '--arm-endpoint', sb.armEndpoint, '--authority-host', sb.authorityHost];
}

/** The admin's own tokens, as `az account get-access-token` would give them. */
function adminTokens(opts: { principalId?: string; permissions?: string[] } = {}): Record<string, string> {
  const who = opts.principalId === undefined ? {} : { principalId: opts.principalId };
  return {
    GRAPH_TOKEN: sb.mintAccessToken(GRAPH, { ...who, ...(opts.permissions && { permissions: opts.permissions }) }),
    ARM_TOKEN: sb.mintAccessToken(ARM, who),
  };
}

const TOKEN_FLAGS = ['--graph-token-env', 'GRAPH_TOKEN', '--arm-token-env', 'ARM_TOKEN'];

function githubToken(repo: string, branch: string): string {
  return sb.mintIdToken({
    issuer: GITHUB,
    claims: {
      sub: `repo:${repo}:ref:refs/heads/${branch}`,
      repository: repo,
      repository_owner: repo.split('/')[0],
      ref: `refs/heads/${branch}`,
    },
  });
}

function login(clientId: string, idToken: string) {
  return runCli(
    [
      'login',
      '--client-id',
      clientId,
      '--tenant-id',
      sb.tenantId,
      '--authority-host',
      sb.authorityHost,
      '--id-token-env',
      'CI_TOKEN',
    ],
    { CI_TOKEN: idToken },
  );
}

describe('setup github, from nothing', () => {
  const repo = `octo-org/app-${randomUUID().slice(0, 8)}`;
  let clientId = '';

  test('creates the app, its service principal, the FIC and the role assignment; login then works', async () => {
    const {
      result: run,
      graph,
      arm,
    } = await counting(() =>
      runCli(
        [
          'setup',
          'github',
          '--repo',
          repo,
          '--branch',
          'main',
          '--role',
          'Contributor',
          '--role-scope',
          rg,
          ...TOKEN_FLAGS,
          ...endpoints(),
          '--json',
        ],
        adminTokens(),
      ),
    );
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout);
    expect(report).toMatchObject({
      ok: true,
      dryRun: false,
      tenantId: sb.tenantId,
      app: { displayName: `entra-federate-${repo.replace('/', '-')}`, status: 'created' },
      servicePrincipal: { status: 'created' },
      federatedCredential: {
        issuer: GITHUB,
        subject: `repo:${repo}:ref:refs/heads/main`,
        audiences: [AUD],
        status: 'created',
      },
      roleAssignments: [{ role: 'Contributor', roleName: 'Contributor', scope: rg, status: 'created' }],
      snippet: { kind: 'github-workflow' },
    });
    clientId = report.app.clientId;
    expect(writesIn(graph)).toEqual(['POST', 'POST', 'POST']);
    expect(writesIn(arm)).toEqual(['PUT']);
    expect(report.snippet.text).toContain('id-token: write');
    expect(report.snippet.text).toContain(`client-id: ${clientId}`);
    expect(report.doctorCommand).toContain(`--expect-subject repo:${repo}:ref:refs/heads/main`);
    // Nothing token-shaped in the output.
    expect(run.stdout).not.toMatch(/eyJ[A-Za-z0-9_-]{10,}/);

    const ok = await login(clientId, githubToken(repo, 'main'));
    expect(ok.stderr).toContain(`signed in as client ${clientId}`);
    expect(ok.code).toBe(0);
  });

  test('a token for another branch fails with the mismatch and the doctor reading', async () => {
    const other = await login(clientId, githubToken(repo, 'dev'));
    expect(other.code).toBe(1);
    expect(other.stderr).toMatch(/AADSTS70021/);
    expect(other.stderr).toContain('entra-federate doctor:');
    expect(other.stderr).toContain(`repo:${repo}:ref:refs/heads/dev`);
  });

  test("the printed doctor line accepts the branch's token and explains another's", async () => {
    const again = await runCli(
      ['setup', 'github', '--repo', repo, '--branch', 'main', ...TOKEN_FLAGS, ...endpoints(), '--json'],
      adminTokens(),
    );
    const doctor: string = JSON.parse(again.stdout).doctorCommand;
    const args = doctor.replace(/^entra-federate /, '').split(' ');
    const good = await runCli([...args, '--id-token-env', 'CI_TOKEN'], { CI_TOKEN: githubToken(repo, 'main') });
    expect(good.code).toBe(0);
    const bad = await runCli([...args, '--id-token-env', 'CI_TOKEN'], { CI_TOKEN: githubToken(repo, 'dev') });
    expect(bad.code).toBe(1);
    expect(bad.stdout).toContain('refs/heads/dev');
  });

  test('a second identical run finds everything and writes nothing', async () => {
    const {
      result: run,
      graph,
      arm,
    } = await counting(() =>
      runCli(
        [
          'setup',
          'github',
          '--repo',
          repo,
          '--branch',
          'main',
          '--role',
          'Contributor',
          '--role-scope',
          rg,
          ...TOKEN_FLAGS,
          ...endpoints(),
        ],
        adminTokens(),
      ),
    );
    expect(run.code).toBe(0);
    expect(writesIn(graph)).toEqual([]);
    expect(writesIn(arm)).toEqual([]);
    expect(graph.length).toBeGreaterThan(0);
    expect(run.stdout).toContain('Nothing written: everything was already in place.');
    expect(run.stdout).toContain(`client id ${clientId}`);
  });
});

describe('--dry-run', () => {
  test('sends only reads and prints each write as the request and as the az command', async () => {
    const repo = `octo-org/dry-${randomUUID().slice(0, 8)}`;
    const {
      result: run,
      graph,
      arm,
    } = await counting(() =>
      runCli(
        [
          'setup',
          'github',
          '--repo',
          repo,
          '--environment',
          'production',
          '--role',
          'Reader',
          '--role-scope',
          rg,
          '--dry-run',
          ...TOKEN_FLAGS,
          ...endpoints(),
        ],
        adminTokens(),
      ),
    );
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(writesIn(graph)).toEqual([]);
    expect(writesIn(arm)).toEqual([]);
    expect(graph).toContain('GET');
    expect(arm).toContain('GET');
    const out = run.stdout;
    expect(out).toContain(
      `APP_ID=$(az ad app create --display-name entra-federate-${repo.replace('/', '-')} --query appId -o tsv)`,
    );
    expect(out).toContain('SP_ID=$(az ad sp create --id "$APP_ID" --query id -o tsv)');
    expect(out).toContain('az ad app federated-credential create --id "$APP_ID" --parameters');
    expect(out).toContain(`"subject":"repo:${repo}:environment:production"`);
    expect(out).toContain(
      `az role assignment create --assignee-object-id "$SP_ID" --assignee-principal-type ServicePrincipal --role Reader --scope ${rg}`,
    );
    expect(out).toContain(`POST ${sb.graphEndpoint}/v1.0/applications`);
    expect(out).toMatch(
      /PUT \S+\/providers\/Microsoft\.Authorization\/roleAssignments\/[0-9a-f-]{36}\?api-version=2022-04-01/,
    );
  });
});

describe('bad input exits 2 with nothing sent', () => {
  const cases: [string, string[]][] = [
    ['a repository not in OWNER/NAME form', ['github', '--repo', 'octo-org', '--branch', 'main']],
    ['a branch git refuses', ['github', '--repo', 'o/r', '--branch', 'feature..x']],
    ['a branch ending in .lock', ['github', '--repo', 'o/r', '--branch', 'wip.lock']],
    ['no kind of job', ['github', '--repo', 'o/r']],
    ['two kinds of job', ['github', '--repo', 'o/r', '--branch', 'main', '--pull-request']],
    [
      'a role scope that is not an ARM id',
      ['github', '--repo', 'o/r', '--branch', 'main', '--role', 'Reader', '--role-scope', 'rg-deploy'],
    ],
    ['--role without --role-scope', ['github', '--repo', 'o/r', '--branch', 'main', '--role', 'Reader']],
    [
      '--client-id with --app-name',
      ['github', '--repo', 'o/r', '--branch', 'main', '--client-id', randomUUID(), '--app-name', 'x'],
    ],
    [
      'a plain-http Graph endpoint off loopback',
      ['github', '--repo', 'o/r', '--branch', 'main', '--graph-endpoint', 'http://graph.example.com'],
    ],
    ['a GitLab project without a group', ['gitlab', '--project', 'lonely', '--branch', 'main']],
    ['a GitLab environment', ['gitlab', '--project', 'g/p', '--environment', 'production']],
    ['a flag of another CI', ['gitlab', '--repo', 'o/r', '--branch', 'main']],
    ['generic without a subject', ['generic', '--issuer', 'https://ci.example.com']],
    ['an unknown CI', ['jenkins', '--repo', 'o/r']],
  ];
  test.concurrent.each(cases)('%s', async (_name, args) => {
    const from = sb.requests.length;
    // The case's own flags come last: a repeated flag's last value wins.
    const run = await runCli(['setup', ...TOKEN_FLAGS, ...endpoints(), ...args], adminTokens());
    expect(run.code, run.stderr).toBe(2);
    expect(run.stderr).toMatch(/^entra-federate: /);
    expect(run.stderr).not.toContain('    at ');
    // These cases run concurrently with one another only, and none may send anything.
    expect(sb.requests.length).toBe(from);
  });

  test('an unknown role is found out by reading, before any write', async () => {
    const {
      result: run,
      graph,
      arm,
    } = await counting(() =>
      runCli(
        [
          'setup',
          'github',
          '--repo',
          `o/r-${randomUUID().slice(0, 8)}`,
          '--branch',
          'main',
          '--role',
          'Contributer',
          '--role-scope',
          rg,
          ...TOKEN_FLAGS,
          ...endpoints(),
        ],
        adminTokens(),
      ),
    );
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('No role named "Contributer"');
    expect(writesIn(graph)).toEqual([]);
    expect(writesIn(arm)).toEqual([]);
  });
});

describe('refusals', () => {
  test('a 403 on the role assignment names the permission; the rerun after the grant completes', async () => {
    const user = randomUUID();
    const tokens = adminTokens({ principalId: user }); // the user joins the directory
    sb.grantRole({ principalId: user, role: 'Reader', scope: `/subscriptions/${sb.subscriptionId}` });
    const repo = `octo-org/perm-${randomUUID().slice(0, 8)}`;
    const args = [
      'setup',
      'github',
      '--repo',
      repo,
      '--tag',
      'v1.0.0',
      '--role',
      'Contributor',
      '--role-scope',
      rg,
      ...TOKEN_FLAGS,
      ...endpoints(),
    ];
    const first = await runCli(args, tokens);
    expect(first.code).toBe(1);
    expect(first.stderr).toContain('Microsoft.Authorization/roleAssignments/write');
    expect(first.stderr).toContain('Already in place: the application (client id');
    expect(first.stderr).toContain('Running the same command again');
    expect(first.stdout).toContain('role assignment');

    sb.grantRole({
      principalId: user,
      role: 'User Access Administrator',
      scope: `/subscriptions/${sb.subscriptionId}`,
    });
    const { result: second, graph, arm } = await counting(() => runCli([...args, '--json'], tokens));
    expect(second.code, second.stderr).toBe(0);
    const report = JSON.parse(second.stdout);
    expect(report).toMatchObject({
      app: { status: 'found' },
      servicePrincipal: { status: 'found' },
      federatedCredential: { subject: `repo:${repo}:ref:refs/tags/v1.0.0`, status: 'found' },
      roleAssignments: [{ status: 'created' }],
    });
    expect(writesIn(graph)).toEqual([]);
    expect(writesIn(arm)).toEqual(['PUT']);
  });

  test('a Graph token without Application.ReadWrite.All: the 403 names it and nothing is in place', async () => {
    const run = await runCli(
      [
        'setup',
        'gitlab',
        '--project',
        `grp/sub/proj-${randomUUID().slice(0, 8)}`,
        '--branch',
        'main',
        ...TOKEN_FLAGS,
        ...endpoints(),
      ],
      adminTokens({ permissions: ['Application.Read.All'] }),
    );
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('Application.ReadWrite.All');
    expect(run.stderr).toContain('Nothing is in place yet.');
  });
});

describe('tokens from the Azure CLI', () => {
  test('a stand-in az on PATH gives the set-up its tokens; they never reach the output', async () => {
    const bin = mkdtempSync(join(dir, 'bin-'));
    const graphToken = sb.mintAccessToken(GRAPH);
    const armToken = sb.mintAccessToken(ARM);
    writeFileSync(
      join(bin, 'graph.json'),
      JSON.stringify({ accessToken: graphToken, tokenType: 'Bearer', tenant: sb.tenantId }),
      { mode: 0o600 },
    );
    writeFileSync(
      join(bin, 'arm.json'),
      JSON.stringify({ accessToken: armToken, tokenType: 'Bearer', tenant: sb.tenantId }),
      { mode: 0o600 },
    );
    // Answers `az account get-access-token --resource R --output json [--tenant T]` as az does, and logs its argv.
    writeFileSync(
      join(bin, 'az'),
      [
        '#!/bin/sh',
        `dir='${bin}'`,
        'printf "%s\\n" "$*" >> "$dir/argv.log"',
        '[ "$1 $2" = "account get-access-token" ] || { echo "unexpected az $*" >&2; exit 2; }',
        'case "$4" in',
        '  https://graph.microsoft.com) cat "$dir/graph.json" ;;',
        '  https://management.azure.com) cat "$dir/arm.json" ;;',
        '  *) echo "ERROR: unknown resource $4" >&2; exit 1 ;;',
        'esac',
      ].join('\n'),
    );
    chmodSync(join(bin, 'az'), 0o755);
    const repo = `octo-org/az-${randomUUID().slice(0, 8)}`;
    const run = await runCli(
      [
        'setup',
        'github',
        '--repo',
        repo,
        '--pull-request',
        '--tenant-id',
        sb.tenantId,
        '--role',
        'Reader',
        '--role-scope',
        rg,
        ...endpoints(),
      ],
      { PATH: `${bin}:${process.env['PATH'] ?? '/usr/bin:/bin'}` },
    );
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`repo:${repo}:pull_request`);
    expect(run.stdout).not.toContain(graphToken);
    expect(run.stdout).not.toContain(armToken);
    const argv = readFileSync(join(bin, 'argv.log'), 'utf8').trim().split('\n').sort();
    expect(argv).toEqual([
      `account get-access-token --resource https://graph.microsoft.com --output json --tenant ${sb.tenantId}`,
      `account get-access-token --resource https://management.azure.com --output json --tenant ${sb.tenantId}`,
    ]);
  });

  test('without az and without token variables, the message says what to do', async () => {
    const run = await runCli(['setup', 'github', '--repo', 'o/r', '--branch', 'main', ...endpoints()], { PATH: dir });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('`az` was not found on PATH');
    expect(run.stderr).toContain('--graph-token-env');
  });
});

describe('through HTTPS_PROXY', () => {
  test('Graph and ARM requests go through the CONNECT proxy; NO_PROXY lets them bypass it', async () => {
    // The https sandbox answers to graph.test and arm.test, names only this proxy resolves (to loopback).
    const tls = await startSandbox({ https: true, tlsNames: ['graph.test', 'arm.test'] });
    const tunnels: string[] = [];
    const sockets = new Set<Socket>();
    const proxy = createServer((_req, res) => res.writeHead(405).end());
    proxy.on('connect', (req, client: Socket, head: Buffer) => {
      tunnels.push(req.url ?? '');
      const port = Number((req.url ?? '').split(':')[1]);
      const upstream = connect(port, '127.0.0.1', () => {
        client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
        upstream.write(head);
        upstream.pipe(client);
        client.pipe(upstream);
      });
      sockets.add(client).add(upstream);
      upstream.on('error', () => client.destroy());
      client.on('error', () => upstream.destroy());
    });
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
    try {
      const port = new URL(tls.origin).port;
      const args = [
        'setup',
        'generic',
        '--issuer',
        'https://ci.example.com',
        '--subject',
        `pipeline:${randomUUID()}`,
        '--role',
        'Reader',
        '--role-scope',
        `/subscriptions/${tls.subscriptionId}`,
        '--graph-endpoint',
        `https://graph.test:${port}`,
        '--arm-endpoint',
        `https://arm.test:${port}`,
        ...TOKEN_FLAGS,
      ];
      const env = {
        GRAPH_TOKEN: tls.mintAccessToken(GRAPH),
        ARM_TOKEN: tls.mintAccessToken(ARM),
        NODE_EXTRA_CA_CERTS: tls.caCertFile ?? '',
        HTTPS_PROXY: `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`,
      };
      const run = await runCli(args, env);
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      expect(new Set(tunnels)).toEqual(new Set([`graph.test:${port}`, `arm.test:${port}`]));
      // With NO_PROXY naming them, the names cannot be resolved without the proxy: the failure proves the bypass.
      const bypass = await runCli(args, { ...env, NO_PROXY: 'graph.test,arm.test' });
      expect(bypass.code).toBe(1);
      expect(bypass.stderr).toContain('Could not resolve the host of Microsoft Graph');
    } finally {
      for (const socket of sockets) socket.destroy();
      proxy.closeAllConnections();
      await new Promise((resolve) => proxy.close(resolve));
      await tls.close();
    }
  });
});
