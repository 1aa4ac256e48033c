/**
 * Scopes and the timeout are checked before anything is sent. A client-credentials request
 * takes only `<resource>/.default`: an empty scope or a permission name (User.Read) is refused
 * with that explanation instead of being turned into something else. The timeout's message
 * says the range it really accepts.
 */
import { describe, expect, test } from 'vitest';
import { FederationError } from '../../../src/core/errors.js';
import { normalizeScopes, validateTimeout } from '../../../src/core/options.js';

function refusal(fn: () => unknown): FederationError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(FederationError);
    expect((err as FederationError).usage).toBe(true);
    return err as FederationError;
  }
  throw new Error('expected a usage error');
}

describe('scopes', () => {
  test('no scope at all still means the default', () => {
    expect(normalizeScopes(undefined)).toEqual([{ scope: 'https://management.azure.com/.default' }]);
    expect(normalizeScopes([])).toEqual([{ scope: 'https://management.azure.com/.default' }]);
  });

  test.each([[['']], [['  ']], [['https://vault.azure.net/.default', '']]])(
    'an empty scope %j is refused, not replaced by the default',
    (scopes) => {
      const err = refusal(() => normalizeScopes(scopes));
      expect(err.code).toBe('INVALID_SCOPE');
      expect(err.message).toMatch(/empty/);
      expect(err.remedy).toContain('/.default');
    },
  );

  test.each([
    'https://graph.microsoft.com/User.Read',
    'https://graph.microsoft.com/Directory.Read.All',
    'https://graph.microsoft.com/User.Read/.default',
    'https://storage.azure.com/user_impersonation',
    'api://my-api/access_as_user',
    'api://11111111-2222-3333-4444-555555555555/Files.ReadWrite',
    'openid',
    'offline_access',
  ])('the permission %s is refused: client credentials take only <resource>/.default', (scope) => {
    const err = refusal(() => normalizeScopes([scope]));
    expect(err.code).toBe('INVALID_SCOPE');
    expect(err.message).toContain(scope);
    expect(err.remedy).toMatch(/<resource>\/\.default/);
    expect(err.remedy).toMatch(/app role|application permission/i);
  });

  test('the Graph permission names its resource in the suggestion', () => {
    const err = refusal(() => normalizeScopes(['https://graph.microsoft.com/User.Read']));
    expect(err.remedy).toContain('https://graph.microsoft.com/.default');
  });

  test.each([
    ['https://vault.azure.net', 'https://vault.azure.net/.default'],
    ['https://management.core.windows.net/', 'https://management.core.windows.net/.default'],
    ['api://my-api', 'api://my-api/.default'],
    ['https://contoso.onmicrosoft.com/my-api', 'https://contoso.onmicrosoft.com/my-api/.default'],
    ['499b84ac-1321-427f-aa17-267ca6975798', '499b84ac-1321-427f-aa17-267ca6975798/.default'],
    ['https://database.windows.net//.default', 'https://database.windows.net//.default'],
  ])('a resource %s still gets /.default', (given, scope) => {
    expect(normalizeScopes([given])[0]?.scope).toBe(scope);
  });
});

describe('timeout', () => {
  test.each(['0', '-1', '3601', 'abc', 'Infinity'])('%s is refused with the range it really accepts', (raw) => {
    const err = refusal(() => validateTimeout(raw));
    expect(err.code).toBe('INVALID_TIMEOUT');
    expect(err.message).not.toContain('between 0 and');
    expect(err.message).toMatch(/greater than 0 and at most 3600/);
  });

  test('the bounds that are accepted', () => {
    expect(validateTimeout('0.5')).toBe(500);
    expect(validateTimeout('3600')).toBe(3_600_000);
  });
});
