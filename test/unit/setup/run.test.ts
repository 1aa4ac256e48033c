// The set-up's two phases in-process, against the sandbox's Graph and ARM over loopback, with
// the HTTP client injected where a case needs an answer the sandbox gives only in a race
// (RoleAssignmentExists, replication delay): conflicts left alone or replaced, an identical
// FIC under another name kept, the 20-FIC limit found before any write, an ambiguous name.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { FederationError } from '../../../src/core/errors.js';
import type { Clock, HttpClient, HttpRequest, HttpResponse } from '../../../src/core/http.js';
import { createNodeHttpClient } from '../../../src/core/http.js';
import type { Sandbox } from '../../../src/sandbox/index.js';
import { startSandbox } from '../../../src/sandbox/index.js';
import { ServiceClient } from '../../../src/setup/api.js';
import type { Identity, SetupReport } from '../../../src/setup/run.js';
import { runSetup, SetupStopped } from '../../../src/setup/run.js';
import { githubTarget } from '../../../src/setup/target.js';
import { ARM, GRAPH } from '../../helpers/sandbox-apis.js';

const GITHUB = 'https://token.actions.githubusercontent.com';
const AUD = 'api://AzureADTokenExchange';

let sb: Sandbox;
beforeAll(async () => {
  sb = await startSandbox();
});
afterAll(() => sb.close());

/** A clock whose waits return at once: retries are exercised without sleeping. */
const instant: Clock = { now: () => Date.now(), sleep: async () => undefined, random: () => 0.5 };

interface Sent {
  method: string;
  url: string;
}

/** The real client, with a hook that may answer a request itself; every request is recorded. */
function recording(intercept?: (req: HttpRequest, n: number) => HttpResponse | undefined) {
  const real = createNodeHttpClient();
  const sent: Sent[] = [];
  const http: HttpClient = {
    async send(req, opts) {
      sent.push({ method: req.method, url: req.url });
      return intercept?.(req, sent.length) ?? real.send(req, opts);
    },
  };
  return { http, sent };
}

function clients(http: HttpClient, tokens = { graph: sb.mintAccessToken(GRAPH), arm: sb.mintAccessToken(ARM) }) {
  const token = (value: string) => ({ origin: 'the test', howToRenew: 'mint another', get: async () => value });
  const opts = { http, timeoutMs: 30_000, clock: instant };
  return {
    graph: new ServiceClient('graph', token(tokens.graph), opts),
    arm: new ServiceClient('arm', token(tokens.arm), opts),
  };
}

function request(
  repo: string,
  identity: Identity,
  more: { replace?: boolean; dryRun?: boolean; roles?: boolean } = {},
) {
  return {
    target: githubTarget(repo, { branch: 'main' }, 'AzureCloud'),
    identity,
    roles:
      more.roles === true
        ? [{ role: 'Reader', scope: `/subscriptions/${sb.subscriptionId}/resourceGroups/rg-unit` }]
        : [],
    graphBase: sb.graphEndpoint,
    armBase: sb.armEndpoint,
    replace: more.replace === true,
    dryRun: more.dryRun === true,
  };
}

const writes = (sent: Sent[]) =>
  sent.filter((s) => s.method !== 'GET').map((s) => `${s.method} ${new URL(s.url).pathname}`);

/** An app made directly in the sandbox, holding these FICs. */
function appWith(fics: { name: string; subject: string; audience?: string }[]): string {
  const clientId = randomUUID();
  sb.addApp({
    clientId,
    displayName: `pre-${clientId}`,
    federatedCredentials: fics.map((f) => ({
      name: f.name,
      issuer: GITHUB,
      subject: f.subject,
      audiences: [f.audience ?? AUD],
    })),
  });
  return clientId;
}

describe('federated credentials already there', () => {
  test('the same name with another subject is reported and left alone', async () => {
    const clientId = appWith([{ name: 'github-o-r-ref-refs-heads-main', subject: 'repo:o/r:ref:refs/heads/mian' }]);
    const { http, sent } = recording();
    const report = await runSetup(request('o/r', { clientId }), clients(http));
    expect(report.federatedCredential).toMatchObject({
      status: 'conflict',
      existing: { subject: 'repo:o/r:ref:refs/heads/mian' },
    });
    expect(report.federatedCredential.reason).toContain('left alone (--replace overwrites it)');
    expect(writes(sent)).toEqual([]);
  });

  test('--replace overwrites it (PATCH), and the next run finds it identical', async () => {
    const clientId = appWith([{ name: 'github-o-r-ref-refs-heads-main', subject: 'repo:o/r:ref:refs/heads/mian' }]);
    const first = recording();
    const report = await runSetup(request('o/r', { clientId }, { replace: true }), clients(first.http));
    expect(report.federatedCredential.status).toBe('replaced');
    expect(writes(first.sent)).toEqual([
      expect.stringMatching(/^PATCH \/v1\.0\/applications\/[0-9a-f-]+\/federatedIdentityCredentials\//),
    ]);
    const second = recording();
    const again = await runSetup(request('o/r', { clientId }), clients(second.http));
    expect(again.federatedCredential.status).toBe('found');
    expect(writes(second.sent)).toEqual([]);
  });

  test('the same issuer and subject with another audience is a conflict too', async () => {
    const clientId = appWith([{ name: 'mine', subject: 'repo:o/r:ref:refs/heads/main', audience: 'api://other' }]);
    const report = await runSetup(request('o/r', { clientId }), clients(recording().http));
    expect(report.federatedCredential).toMatchObject({ status: 'conflict', name: 'mine' });
    expect(report.federatedCredential.reason).toContain('audiences ["api://other"]');
  });

  test('an identical FIC under another name is kept, not duplicated', async () => {
    const clientId = appWith([{ name: 'hand-made', subject: 'repo:o/r:ref:refs/heads/main' }]);
    const { http, sent } = recording();
    const report = await runSetup(request('o/r', { clientId }), clients(http));
    expect(report.federatedCredential).toMatchObject({ status: 'found', name: 'hand-made' });
    expect(report.servicePrincipal.status).toBe('found');
    expect(writes(sent)).toEqual([]);
  });

  test('an app at the 20-FIC limit stops the run before any write', async () => {
    const clientId = appWith(
      Array.from({ length: 20 }, (_, i) => ({ name: `f${i}`, subject: `repo:o/r:ref:refs/heads/b${i}` })),
    );
    const { http, sent } = recording();
    const err = await runSetup(request('o/r', { clientId }), clients(http)).catch((e: FederationError) => e);
    expect((err as FederationError).code).toBe('FIC_LIMIT_REACHED');
    expect((err as FederationError).message).toContain('nothing was written');
    expect(writes(sent)).toEqual([]);
  });
});

describe('the app', () => {
  test('two apps of the same name: exit 2, pick one with --client-id', async () => {
    const name = `twin-${randomUUID()}`;
    sb.addApp({ clientId: randomUUID(), displayName: name });
    sb.addApp({ clientId: randomUUID(), displayName: name });
    const err = (await runSetup(request('o/r', { appName: name }), clients(recording().http)).catch(
      (e) => e,
    )) as FederationError;
    expect(err.code).toBe('AMBIGUOUS_APP_NAME');
    expect(err.usage).toBe(true);
  });

  test('an unknown --client-id: exit 2 before anything is written', async () => {
    const err = (await runSetup(request('o/r', { clientId: randomUUID() }), clients(recording().http)).catch(
      (e) => e,
    )) as FederationError;
    expect(err.code).toBe('SETUP_APP_NOT_FOUND');
    expect(err.usage).toBe(true);
  });

  test("a service principal not yet replicated after the app's creation is retried, not believed", async () => {
    let refused = 0;
    const { http, sent } = recording((req) => {
      if (req.method === 'POST' && req.url.endsWith('/servicePrincipals') && refused < 2) {
        refused++;
        return {
          status: 400,
          headers: {},
          body: JSON.stringify({
            error: {
              code: 'Request_BadRequest',
              message: "The appId 'x' of the service principal does not reference a valid application object.",
            },
          }),
        };
      }
      return undefined;
    });
    const report = await runSetup(
      request(`o/r-${randomUUID().slice(0, 6)}`, { appName: `new-${randomUUID()}` }),
      clients(http),
    );
    expect(report.servicePrincipal.status).toBe('created');
    expect(writes(sent).filter((w) => w === 'POST /v1.0/servicePrincipals')).toHaveLength(3);
  });
});

describe('role assignments', () => {
  test("ARM's 409 RoleAssignmentExists counts as found", async () => {
    const name = `race-${randomUUID()}`;
    const base = request('o/r', { appName: name }, { roles: true });
    await runSetup(base, clients(recording().http));
    // Hide the existing assignment from the list, as a race with another admin would: the PUT meets 409.
    const { http, sent } = recording((req) =>
      req.method === 'GET' && req.url.includes('/roleAssignments?')
        ? { status: 200, headers: {}, body: '{"value":[]}' }
        : undefined,
    );
    const report = await runSetup(base, clients(http));
    expect(report.roleAssignments[0]?.status).toBe('found');
    expect(writes(sent)).toEqual([expect.stringMatching(/^PUT .*\/roleAssignments\/[0-9a-f-]{36}$/)]);
  });

  test('a refusal after writes began carries the report of what is in place', async () => {
    const user = randomUUID();
    const graphToken = sb.mintAccessToken(GRAPH, { principalId: user });
    const armToken = sb.mintAccessToken(ARM, { principalId: user });
    sb.grantRole({ principalId: user, role: 'Reader', scope: `/subscriptions/${sb.subscriptionId}` });
    const err = await runSetup(
      request('o/r', { appName: `denied-${randomUUID()}` }, { roles: true }),
      clients(recording().http, { graph: graphToken, arm: armToken }),
    ).catch((e) => e);
    expect(err).toBeInstanceOf(SetupStopped);
    const { report, error } = err as SetupStopped;
    expect(error.code).toBe('ARM_FORBIDDEN');
    expect(error.remedy).toContain('Microsoft.Authorization/roleAssignments/write');
    expect(error.message).not.toContain(armToken);
    expect((report as SetupReport).app.status).toBe('created');
    expect(report.federatedCredential.status).toBe('created');
    expect(report.writes.map((w) => w.done)).toEqual([true, true, true, false]);
  });
});

test('--dry-run: reads only, every write planned with its az command', async () => {
  const { http, sent } = recording();
  const report = await runSetup(
    request('o/r', { appName: `dry-${randomUUID()}` }, { dryRun: true, roles: true }),
    clients(http),
  );
  expect(writes(sent)).toEqual([]);
  expect(report.writes.map((w) => [w.method, w.done])).toEqual([
    ['POST', false],
    ['POST', false],
    ['POST', false],
    ['PUT', false],
  ]);
  expect(report.writes.map((w) => w.az.split(' --')[0])).toEqual([
    expect.stringMatching(/^APP_ID=\$\(az ad app create$/),
    'SP_ID=$(az ad sp create',
    'az ad app federated-credential create',
    'az role assignment create',
  ]);
  expect(report.roleAssignments[0]).toMatchObject({ status: 'would-create', roleName: 'Reader' });
});
