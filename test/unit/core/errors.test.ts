/**
 * FederationError: its codes are a closed set, and whether one is bad usage (exit 2) is the
 * catalogue's word, checked by the compiler at every call site. The @ts-expect-error lines
 * fail `npm run typecheck` the day a typo, or a usage code made as a failure, would compile.
 */
import { describe, expect, test } from 'vitest';
import { catalogueEntry } from '../../../src/core/error-catalogue.js';
import { FederationError, isFederationError, usageError } from '../../../src/core/errors.js';

describe('FederationError', () => {
  test('usageError makes usage errors, with the field that was wrong', () => {
    const err = usageError('INVALID_CLIENT_ID', 'The client id "x" is not a GUID.', 'Use a GUID.', 'client-id');
    expect(err).toBeInstanceOf(FederationError);
    expect(isFederationError(err)).toBe(true);
    expect(err).toMatchObject({ code: 'INVALID_CLIENT_ID', usage: true, field: 'client-id', remedy: 'Use a GUID.' });
    expect(catalogueEntry(err.code).exit).toBe(2);
  });

  test('a usage code is made with usage: true, a failure code without it', () => {
    const usage = new FederationError('ID_TOKEN_UNAVAILABLE', 'm', { remedy: 'r', usage: true });
    const failure = new FederationError('ID_TOKEN_REQUEST_FAILED', 'm', { remedy: 'r' });
    expect([usage.usage, failure.usage]).toEqual([true, false]);
    expect([catalogueEntry(usage.code).exit, catalogueEntry(failure.code).exit]).toEqual([2, 1]);
    expect(new FederationError('AADSTS_9999999', 'm', { remedy: 'r' }).usage).toBe(false);
    expect(new FederationError('OAUTH_INVALID_CLIENT', 'm', { remedy: 'r', usage: false }).usage).toBe(false);
  });

  test('restate keeps the code, usage and cause, with new words', () => {
    const cause = new Error('root');
    const original = usageError('MISSING_CLIENT_ID', 'No client id given.', 'Pass --client-id.');
    const restated = FederationError.restate(original, 'No client id given.', {
      remedy: 'Set the `client_id` setting.',
      field: 'client_id',
      cause,
    });
    expect(restated).toMatchObject({ code: 'MISSING_CLIENT_ID', usage: true, field: 'client_id' });
    expect(restated.remedy).toBe('Set the `client_id` setting.');
    expect(restated.cause).toBe(cause);
    expect(FederationError.restate({ code: 'NETWORK_ERROR', usage: false }, 'm', { remedy: 'r' }).usage).toBe(false);
  });

  test('toJSON holds what is known and nothing undefined', () => {
    const err = new FederationError('NO_MATCHING_FIC', 'AADSTS70021: no match.', {
      remedy: 'Create one.',
      aadsts: 70021,
      traceId: 't',
      presented: { iss: 'https://issuer', sub: 'repo:o/r:ref:refs/heads/main', aud: 'api://AzureADTokenExchange' },
      claims: { iss: 'https://issuer' },
    });
    expect(err.toJSON()).toEqual({
      code: 'NO_MATCHING_FIC',
      message: 'AADSTS70021: no match.',
      remedy: 'Create one.',
      aadsts: 70021,
      traceId: 't',
      presented: { iss: 'https://issuer', sub: 'repo:o/r:ref:refs/heads/main', aud: 'api://AzureADTokenExchange' },
    });
  });

  test('the compiler refuses codes outside the catalogue, and usage that disagrees with it', () => {
    const made = [
      // @ts-expect-error: not a catalogued code
      usageError('TYPO_CODE', 'm', 'r'),
      // @ts-expect-error: a failure (exit 1) cannot be a usage error
      usageError('NETWORK_ERROR', 'm', 'r'),
      // @ts-expect-error: not a catalogued code
      new FederationError('NO_MATCHING_FICS', 'm', { remedy: 'r' }),
      // @ts-expect-error: a usage code (exit 2) made without usage: true
      new FederationError('INVALID_SCOPE', 'm', { remedy: 'r' }),
      // @ts-expect-error: a failure code (exit 1) made as usage
      new FederationError('SCOPE_REJECTED', 'm', { remedy: 'r', usage: true }),
    ];
    expect(made.map((e) => e.code)).toEqual([
      'TYPO_CODE',
      'NETWORK_ERROR',
      'NO_MATCHING_FICS',
      'INVALID_SCOPE',
      'SCOPE_REJECTED',
    ]);
  });
});
