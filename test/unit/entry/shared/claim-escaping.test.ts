/**
 * A claim is whatever the CI (or whoever minted the token) put there. Every place that prints one
 * (the CLI's summary and error lines, the doctor's claims, FIC names and subjects, the Action's
 * doctor output after a failure, `verify --policy`'s found: line) shows it through one escaping
 * function, so that no claim can start a line of its own (a forged `::error::` workflow command)
 * or carry a control character to the terminal.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { FederationError } from '../../../../src/core/errors.js';
import type { LoginResult } from '../../../../src/core/login.js';
import { showClaim } from '../../../../src/core/text.js';
import { diagnose } from '../../../../src/doctor/diagnose.js';
import { renderDiagnosis } from '../../../../src/doctor/render.js';
import { main as cliMain } from '../../../../src/entry/cli/main.js';
import { reportFailure } from '../../../../src/entry/github/failure.js';
import { githubRunner } from '../../../../src/entry/github/runner.js';
import { renderError, renderLoginSummary } from '../../../../src/entry/shared/render.js';
import type { Sandbox } from '../../../../src/sandbox/index.js';
import { startSandbox } from '../../../../src/sandbox/index.js';
import { captureIo } from '../../../helpers/entry-io.js';

/** A newline and a workflow command, then C1, line-separator and bidi characters. */
const EVIL = 'repo:octo-org/octo-repo:ref:refs/heads/x\n::error::forged\r\u0085\u2028\u202e\u001b[31m';
const UNSAFE = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

/** No line starts with what the claim carried, and nothing unsafe is left but line ends. */
function safe(text: string): void {
  for (const line of text.split('\n')) {
    expect(line, text).not.toMatch(/^::error::forged/);
    expect(line, text).not.toMatch(UNSAFE);
  }
}

let sandbox: Sandbox;
let dir: string;
beforeAll(async () => {
  sandbox = await startSandbox();
  dir = mkdtempSync(join(tmpdir(), 'ef-claims-'));
});
afterAll(async () => {
  await sandbox.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('showClaim', () => {
  test('plain text is shown as it is, or always quoted', () => {
    expect(showClaim('repo:octo-org/octo-repo:ref:refs/heads/main', 'when-needed')).toBe(
      'repo:octo-org/octo-repo:ref:refs/heads/main',
    );
    expect(showClaim('main')).toBe('"main"');
    expect(showClaim(['a', 'b'], 'when-needed')).toBe('["a","b"]');
  });

  test('anything that could break or steer the line is escaped inside quotes', () => {
    const shown = showClaim(EVIL, 'when-needed');
    expect(shown.startsWith('"')).toBe(true);
    expect(shown).not.toMatch(UNSAFE);
    expect(shown).not.toContain('\n');
    expect(shown).toContain('\\n::error::forged\\r\\u0085\\u2028\\u202e\\u001b[31m');
  });
});

const result = (sub: string): LoginResult =>
  ({
    tenantId: sandbox.tenantId,
    clientId: sandbox.clientId,
    cloud: 'AzureCloud',
    authorityHost: sandbox.authorityHost,
    credential: 'federated',
    credentialSource: 'test',
    correlationId: 'c',
    idToken: { iss: 'https://token.actions.githubusercontent.com', sub, aud: ['api://AzureADTokenExchange', sub] },
    tokens: [],
    notes: [],
  }) as unknown as LoginResult;

const mismatch = (sub: string): FederationError =>
  Object.assign(
    new FederationError('NO_MATCHING_FIC', 'No federated credential matches.', {
      remedy: 'Add one.',
      aadsts: 70021,
      field: 'sub',
      expected: 'repo:octo-org/octo-repo:ref:refs/heads/main',
      actual: sub,
      presented: { iss: 'https://token.actions.githubusercontent.com', sub, aud: 'api://AzureADTokenExchange' },
      claims: {
        iss: 'https://token.actions.githubusercontent.com',
        sub,
        aud: 'api://AzureADTokenExchange',
        repository: sub,
        exp: Math.floor(Date.now() / 1000) + 300,
        iat: Math.floor(Date.now() / 1000),
      },
      request: {
        clientId: sandbox.clientId,
        tenantId: sandbox.tenantId,
        cloud: 'AzureCloud',
        audience: 'api://AzureADTokenExchange',
      },
    }),
  );

test('the CLI summary', () => {
  safe(renderLoginSummary(result(EVIL), Date.now()));
});

test('the CLI error lines', () => {
  safe(renderError(mismatch(EVIL)));
});

test("the doctor's claims, FIC names and FIC subjects", () => {
  const d = diagnose(
    {
      iss: 'https://token.actions.githubusercontent.com',
      sub: EVIL,
      aud: 'api://AzureADTokenExchange',
      repository: EVIL,
    },
    [
      {
        name: EVIL,
        issuer: 'https://token.actions.githubusercontent.com',
        subject: EVIL.replace('x', 'y'),
        audiences: [EVIL],
      },
    ],
    { now: Date.now(), audience: 'api://AzureADTokenExchange', cloud: 'AzureCloud' },
  );
  safe(renderDiagnosis(d, { cloud: 'AzureCloud', clientId: sandbox.clientId }));
});

test("the Action's report after a failure: one ::error:: line, the doctor's reading forges none", async () => {
  const dirStep = mkdtempSync(join(dir, 'step-'));
  const summary = join(dirStep, 'summary');
  writeFileSync(summary, '');
  let log = '';
  const runner = githubRunner({ GITHUB_STEP_SUMMARY: summary }, (text) => {
    log += text;
  });
  expect(await reportFailure(mismatch(EVIL), runner, { provider: 'github' }, Date.now())).toBe(1);
  expect(log).toContain('entra-federate doctor:');
  expect(log.split('\n').filter((line) => line.startsWith('::error::'))).toHaveLength(1);
  safe(log);
});

test('verify --policy: the found: line', async () => {
  const policy = join(dir, 'policy.yml');
  writeFileSync(
    policy,
    'version: 1\nrules:\n  - name: main only\n    claims:\n      repository: octo-org/octo-repo\n    allow:\n      tenants: "*"\n      clientIds: "*"\n      scopes: ["**"]\n',
  );
  const tokenFile = join(dir, 'token.jwt');
  writeFileSync(tokenFile, sandbox.mintIdToken({ claims: { repository: EVIL } }), { mode: 0o600 });
  const { io, stdout, stderr } = captureIo({});
  const code = await cliMain(
    [
      'verify',
      '--issuer',
      sandbox.issuer,
      '--audience',
      'api://AzureADTokenExchange',
      '--policy',
      policy,
      '--id-token-file',
      tokenFile,
    ],
    io,
  );
  expect(code, stderr()).toBe(1);
  expect(stderr()).toMatch(/found:/);
  safe(stdout() + stderr());
});
