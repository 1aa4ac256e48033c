/**
 * The one sign-in pipeline every adapter runs, against the in-process sandbox: the policy before
 * any exchange, the tokens reported before any hand-off, each hand-off's cleanup recorded as soon
 * as it is done (so a later failure still leaves the cleanup step a complete list), and every
 * CI token a hand-off is given masked first.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { federatedCredential } from '../../../../src/ci/credential.js';
import { fileTokenProvider } from '../../../../src/ci/generic.js';
import { FederationError } from '../../../../src/core/errors.js';
import { createNodeHttpClient } from '../../../../src/core/http.js';
import { resolveOptions } from '../../../../src/core/options.js';
import { signIn } from '../../../../src/entry/shared/sign-in.js';
import type { CiSink, Cleanup, Handoff } from '../../../../src/handoff/types.js';
import type { Sandbox } from '../../../../src/sandbox/index.js';
import { startSandbox } from '../../../../src/sandbox/index.js';

let sandbox: Sandbox;
let dir: string;
const http = createNodeHttpClient({ userAgent: 'entra-federate-unit-test' });
const deps = { http, env: {}, now: Date.now };

beforeAll(async () => {
  sandbox = await startSandbox();
  dir = mkdtempSync(join(tmpdir(), 'ef-unit-sign-in-'));
});
afterAll(async () => {
  await sandbox.close();
  rmSync(dir, { recursive: true, force: true });
});

function credential() {
  const file = join(dir, `ci-${Math.random().toString(16).slice(2)}.jwt`);
  writeFileSync(file, sandbox.mintIdToken(), { mode: 0o600 });
  return federatedCredential(fileTokenProvider(file, '--id-token-file'));
}

const options = () =>
  resolveOptions({ clientId: sandbox.clientId, tenantId: sandbox.tenantId, authorityHost: sandbox.authorityHost });

function recordingSink(events: string[]): CiSink {
  return {
    setEnv: (name) => events.push(`setEnv ${name}`),
    mask: (value) => events.push(`mask ${value.slice(0, 12)}`),
    tempDir: dir,
    run: async () => ({ ok: true, stdout: '' }),
    info: () => undefined,
    warn: () => undefined,
  };
}

test('tokens are reported before the hand-offs; cleanup is recorded per hand-off, even when a later one fails', async () => {
  const events: string[] = [];
  const first: Handoff = {
    name: 'first',
    async export(request, sink) {
      const token = await request.idToken(request.result.audience);
      events.push(`first got ${token.slice(0, 12)}`);
      sink.setEnv('FIRST', 'x');
      return { files: ['/tmp/first'] };
    },
  };
  const failing: Handoff = {
    name: 'second',
    async export() {
      throw new FederationError('TOOL_FAILED', 'the second hand-off failed', { remedy: 'none' });
    },
  };
  const cleanups: Cleanup[] = [];
  const signedIn = signIn(
    {
      options: options(),
      credential: credential(),
      onSignedIn: (result) => {
        events.push(`signed in ${result.tokens.length}`);
      },
      handoffs: { handoffs: [first, failing], sink: recordingSink(events), onCleanup: (c) => cleanups.push(c) },
    },
    deps,
  );
  await expect(signedIn).rejects.toMatchObject({ code: 'TOOL_FAILED' });
  expect(cleanups).toEqual([{ files: ['/tmp/first'] }]);
  const token = events.find((e) => e.startsWith('first got '))?.slice('first got '.length) ?? '';
  expect(events).toEqual(['signed in 1', `mask ${token}`, `first got ${token}`, 'setEnv FIRST']);
});

test('a policy that denies the run stops it before any exchange', async () => {
  const policy = join(dir, 'policy.json');
  const rule = {
    name: 'nobody',
    claims: { sub: 'nobody' },
    allow: { tenants: ['*'], clientIds: ['*'], scopes: ['*'] },
  };
  writeFileSync(policy, JSON.stringify({ name: 'no one', rules: [rule] }));
  const before = sandbox.requests.filter((r) => r.target === 'token').length;
  const reported: string[] = [];
  await expect(
    signIn(
      {
        options: options(),
        credential: credential(),
        guard: { policyPath: policy },
        onSignedIn: () => void reported.push('x'),
      },
      deps,
    ),
  ).rejects.toMatchObject({ code: 'POLICY_DENIED' });
  expect(reported).toEqual([]);
  expect(sandbox.requests.filter((r) => r.target === 'token').length).toBe(before);
});
