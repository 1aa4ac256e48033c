/**
 * The pieces under the providers, run for real: the command runner against real child
 * processes (timeouts, runaway output, missing programs, a token on stderr), and the subject
 * knowledge the doctor will show against real CI claim sets.
 */
import { describe, expect, test } from 'vitest';
import { MAX_TOKEN_OUTPUT_BYTES, runTokenCommand, scrubStderr } from '../../../src/ci/exec.js';
import { issuingCi, subjectHints } from '../../../src/ci/subjects.js';
import { BUILDKITE, CIRCLECI, GITLAB } from '../../helpers/providers.js';

const node = process.execPath;
const env = { PATH: process.env['PATH'] ?? '/usr/bin:/bin' };
const JWT = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJwcm9qZWN0X3BhdGg6YS9iIn0.c2lnbmF0dXJlLWJ5dGVzLWhlcmU';

describe('runTokenCommand', () => {
  test('returns stdout of a successful command, with argv passed without a shell', async () => {
    const result = await runTokenCommand(
      [node, '-e', 'process.stdout.write(process.argv[1])', '{"aud":"$HOME `id`"}'],
      { env, timeoutMs: 60_000 },
    );
    expect(result).toEqual({ ok: true, stdout: '{"aud":"$HOME `id`"}' });
  });

  test('a missing program is reported as not found', async () => {
    const result = await runTokenCommand(['entra-federate-no-such-tool'], { env, timeoutMs: 60_000 });
    expect(result).toMatchObject({ ok: false, reason: 'not-found' });
  });

  test('a hanging program is killed at the deadline', async () => {
    const started = Date.now();
    const result = await runTokenCommand([node, '-e', 'setTimeout(() => {}, 60000)'], { env, timeoutMs: 300 });
    expect(result).toMatchObject({ ok: false, reason: 'timeout' });
    // Well before the child's own 60 s: the deadline, not the child, ended it.
    expect(Date.now() - started).toBeLessThan(30_000);
  });

  test('runaway output is cut off, not buffered', async () => {
    const result = await runTokenCommand(
      [node, '-e', `process.stdout.write('x'.repeat(${MAX_TOKEN_OUTPUT_BYTES * 4}))`],
      { env, timeoutMs: 60_000 },
    );
    expect(result).toMatchObject({ ok: false, reason: 'too-large' });
  });

  test('a failure keeps the exit code and a stderr excerpt with token-shaped text removed', async () => {
    const result = await runTokenCommand(
      [node, '-e', `process.stderr.write('fatal: token ${JWT} refused\\n'); process.exit(4)`],
      { env, timeoutMs: 60_000 },
    );
    expect(result).toMatchObject({ ok: false, reason: 'exit', exitCode: 4, stderr: 'fatal: token [redacted] refused' });
  });

  test('scrubStderr also removes long opaque strings and control characters, and keeps the tail', () => {
    expect(scrubStderr(`\u001b[31mkey ${'A'.repeat(60)} bad\u0007\n`)).toBe('key [redacted] bad');
    expect(scrubStderr('x'.repeat(10) + ' y'.repeat(400)).length).toBeLessThanOrEqual(303);
  });
});

describe('subjectHints', () => {
  const withSub = (issuer: string, sub: string, claims: Record<string, unknown>) => ({ ...claims, iss: issuer, sub });

  test('GitLab: the default subject split into its components; flexible FICs apply', () => {
    const hints = subjectHints(withSub(GITLAB.issuer, GITLAB.subject, GITLAB.claims));
    expect(hints).toMatchObject({
      provider: 'gitlab',
      flexibleFic: true,
      stability: 'stable',
      subject: GITLAB.subject,
    });
    expect(hints?.parts).toEqual({ project_path: 'my-group/my-project', ref_type: 'branch', ref: 'main' });
  });

  test('CircleCI: the triggering user is part of the subject, one FIC per user, no flexible FICs', () => {
    const hints = subjectHints(withSub(CIRCLECI.issuer, CIRCLECI.subjectV2, CIRCLECI.claims));
    expect(hints).toMatchObject({ provider: 'circleci', flexibleFic: false, stability: 'per-user' });
    expect(hints?.parts).toMatchObject({
      user: '9b7e4d21-6c3a-4f85-b2d0-e1a7c5f83b96',
      'vcs-origin': 'github.com/my-org/my-repo',
      'vcs-ref': 'refs/heads/main',
    });
    expect(hints?.notes.join(' ')).toContain('at most 20');
    expect(subjectHints(withSub(CIRCLECI.issuer, CIRCLECI.subjectV1, CIRCLECI.claims))?.parts).toEqual({
      org: expect.any(String),
      project: expect.any(String),
      user: expect.any(String),
    });
  });

  test('Buildkite: the commit in the subject makes it change every run', () => {
    const hints = subjectHints(withSub(BUILDKITE.issuer, BUILDKITE.subject, BUILDKITE.claims));
    expect(hints).toMatchObject({ provider: 'buildkite', stability: 'per-run' });
    expect(hints?.parts).toMatchObject({
      organization: 'acme-inc',
      pipeline: 'deploy-app',
      ref: 'refs/heads/main',
      step: 'deploy',
    });
  });

  test('GitHub by issuer; unknown issuers give nothing', () => {
    expect(issuingCi({ iss: 'https://token.actions.githubusercontent.com', sub: 'repo:o/r:ref:refs/heads/main' })).toBe(
      'github',
    );
    expect(
      subjectHints({ iss: 'https://token.actions.githubusercontent.com', sub: 'repo:o/r:environment:prod' })?.parts,
    ).toEqual({ repo: 'o/r', context: 'environment:prod' });
    expect(subjectHints({ iss: 'https://idp.example.com', sub: 'x' })).toBeUndefined();
  });
});
