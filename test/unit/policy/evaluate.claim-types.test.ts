/**
 * A claim that is not a single value never matches a pattern: an array such as
 * `repository: ["evil/x", "octo-org/octo-repo"]` must not pass as "octo-org/octo-repo", and the
 * denial says the claim had the wrong type. Numbers and booleans keep comparing as text.
 */
import { describe, expect, test } from 'vitest';
import { evaluateClaims } from '../../../src/policy/claims-only.js';
import { evaluatePolicy } from '../../../src/policy/evaluate.js';
import { policyDeniedError } from '../../../src/policy/guard.js';
import { parsePolicy } from '../../../src/policy/parse.js';

const TENANT = '00000000-0000-0000-0000-000000000000';
const CLIENT = '11111111-1111-1111-1111-111111111111';
const SCOPE = 'https://management.azure.com/.default';

const policy = parsePolicy(
  {
    name: 'guardrails',
    rules: [
      {
        name: 'deploys',
        claims: { repository: 'octo-org/octo-repo', ref: '**', ref_protected: true },
        allow: { tenants: [TENANT], clientIds: [CLIENT], scopes: [SCOPE] },
      },
    ],
  },
  'policy',
);

const good = { repository: 'octo-org/octo-repo', ref: 'refs/heads/main', ref_protected: 'true' };
const request = { tenantId: TENANT, clientId: CLIENT, scopes: [SCOPE] };

describe('claim types', () => {
  test('a single string matches', () => {
    expect(evaluatePolicy(policy, good, request).allowed).toBe(true);
    expect(evaluateClaims(policy, good).allowed).toBe(true);
  });

  test('a boolean or number claim compares as text', () => {
    expect(evaluatePolicy(policy, { ...good, ref_protected: true }, request).allowed).toBe(true);
  });

  test.each([
    ['an array holding the allowed value', { repository: ['evil/x', 'octo-org/octo-repo'] }, 'an array'],
    ['a one-element array', { repository: ['octo-org/octo-repo'] }, 'an array'],
    ['an array against "**"', { ref: ['refs/heads/main'] }, 'an array'],
    ['an object', { repository: { name: 'octo-org/octo-repo' } }, 'an object'],
    ['null', { repository: null }, 'null'],
  ])('%s never matches, and the denial says the type was wrong', (_name, override, kind) => {
    const claims = { ...good, ...override };
    const decision = evaluatePolicy(policy, claims, request);
    expect(decision.allowed).toBe(false);
    if (decision.allowed) return;
    const claim = Object.keys(override)[0];
    expect(decision.denial.field).toBe('claim');
    expect(decision.denial.claim).toBe(claim);
    expect(decision.denial.reason).toContain('wrong type');
    expect(decision.denial.reason).toContain(kind);
    const err = policyDeniedError(decision.denial);
    expect(err.message).toContain('wrong type');
    expect(err.message).not.toMatch(/[\u0000-\u001f]/);

    const claimsOnly = evaluateClaims(policy, claims);
    expect(claimsOnly.allowed).toBe(false);
  });
});
