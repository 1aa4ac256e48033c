/**
 * The claim checks of `verify`: a claim that is not a single value (an array) never matches a
 * `--claim` pattern, and says it had the wrong type; a time claim beyond what a date can hold
 * (nbf = 1e300) gets its own rejection instead of a bare RangeError.
 */
import { describe, expect, test } from 'vitest';
import { FederationError } from '../../../src/core/errors.js';
import { compilePattern } from '../../../src/policy/glob.js';
import type { ClaimChecks } from '../../../src/verify/claims.js';
import { checkClaims } from '../../../src/verify/claims.js';

const ISSUER = 'https://token.actions.githubusercontent.com';
const AUD = 'api://AzureADTokenExchange';
const NOW = 1_800_000_000_000;
const now = NOW / 1000;

const checks = (patterns: Record<string, string[]> = {}): ClaimChecks => ({
  issuer: ISSUER,
  audiences: [AUD],
  skewSeconds: 60,
  required: [],
  patterns: Object.entries(patterns).map(([claim, list]) => ({ claim, patterns: list.map(compilePattern) })),
});

const claims = (over: Record<string, unknown> = {}): Record<string, unknown> => ({
  iss: ISSUER,
  sub: 'repo:octo-org/octo-repo:ref:refs/heads/main',
  aud: AUD,
  iat: now - 10,
  nbf: now - 10,
  exp: now + 290,
  repository: 'octo-org/octo-repo',
  ...over,
});

function rejection(fn: () => void): FederationError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(FederationError);
    return err as FederationError;
  }
  throw new Error('expected a rejection');
}

describe('--claim against values that are not a single string', () => {
  test('a string matches', () => {
    expect(() => checkClaims(claims(), checks({ repository: ['octo-org/octo-repo'] }), NOW)).not.toThrow();
  });

  test.each([
    [['evil/x', 'octo-org/octo-repo'], 'octo-org/octo-repo'],
    [['octo-org/octo-repo'], 'octo-org/octo-repo'],
    [['octo-org/octo-repo'], '**'],
    [{ name: 'octo-org/octo-repo' }, '**'],
  ])('%j never matches %s, and says the type was wrong', (value, pattern) => {
    const err = rejection(() => checkClaims(claims({ repository: value }), checks({ repository: [pattern] }), NOW));
    expect(err.code).toBe('CLAIM_WRONG_TYPE');
    expect(err.field).toBe('repository');
    expect(err.message).toContain('wrong type');
    expect(err.message).toMatch(/an array|an object/);
  });
});

describe('time claims beyond the range of a date', () => {
  test.each([
    ['nbf', 1e300],
    ['nbf', Number.MAX_VALUE],
    ['iat', 1e20],
    ['exp', -1e300],
  ])('%s = %d is refused with its own code', (name, value) => {
    const err = rejection(() => checkClaims(claims({ [name]: value }), checks(), NOW));
    expect(err).not.toBeInstanceOf(RangeError);
    expect(err.code).toBe('CLAIM_OUT_OF_RANGE');
    expect(err.field).toBe(name);
    expect(err.message).toContain(name);
  });

  test('an exp far in the future but within range is still a date', () => {
    expect(() => checkClaims(claims({ exp: 253402300799 }), checks(), NOW)).not.toThrow();
  });
});
