import { describe, expect, test } from 'vitest';
import { FederationError } from '../../../src/core/errors.js';
import { normalizeScopes, resolveOptions, validateAuthorityHost } from '../../../src/core/options.js';

const base = { clientId: '11111111-2222-3333-4444-555555555555', tenantId: 'contoso.onmicrosoft.com' };

function codeOf(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(FederationError);
    expect((err as FederationError).usage).toBe(true);
    return (err as FederationError).code;
  }
  throw new Error('expected a usage error');
}

describe('resolveOptions', () => {
  test('clouds map to their authority host and audience', () => {
    expect(resolveOptions(base)).toMatchObject({
      authorityHost: 'https://login.microsoftonline.com',
      audience: 'api://AzureADTokenExchange',
      tokenEndpoint: 'https://login.microsoftonline.com/contoso.onmicrosoft.com/oauth2/v2.0/token',
    });
    expect(resolveOptions({ ...base, cloud: 'azureusgovernment' })).toMatchObject({
      cloud: 'AzureUSGovernment',
      authorityHost: 'https://login.microsoftonline.us',
      audience: 'api://AzureADTokenExchangeUSGov',
    });
    expect(resolveOptions({ ...base, cloud: 'AzureChinaCloud' })).toMatchObject({
      authorityHost: 'https://login.chinacloudapi.cn',
      audience: 'api://AzureADTokenExchangeChina',
    });
  });

  test('an explicit audience wins over the cloud default', () => {
    expect(resolveOptions({ ...base, cloud: 'AzureUSGovernment', audience: 'https://gitlab.com' }).audience).toBe(
      'https://gitlab.com',
    );
  });

  test('bad values are usage errors naming the field', () => {
    expect(codeOf(() => resolveOptions({ ...base, clientId: 'my-app' }))).toBe('INVALID_CLIENT_ID');
    expect(codeOf(() => resolveOptions({ ...base, clientId: undefined }))).toBe('MISSING_CLIENT_ID');
    expect(codeOf(() => resolveOptions({ ...base, tenantId: 'common' }))).toBe('INVALID_TENANT_ID');
    expect(codeOf(() => resolveOptions({ ...base, tenantId: 'not a tenant' }))).toBe('INVALID_TENANT_ID');
    expect(codeOf(() => resolveOptions({ ...base, cloud: 'AzureGermanCloud' }))).toBe('INVALID_CLOUD');
    expect(codeOf(() => resolveOptions({ ...base, timeoutSeconds: '-1' }))).toBe('INVALID_TIMEOUT');
    expect(codeOf(() => resolveOptions({ ...base, clientId: `${base.clientId}\nAZURE_X=1` }))).toBe(
      'INVALID_CLIENT_ID',
    );
  });
});

describe('authority host', () => {
  test('https anywhere, http only to loopback', () => {
    expect(validateAuthorityHost('https://login.microsoftonline.us/')).toBe('https://login.microsoftonline.us');
    expect(validateAuthorityHost('http://127.0.0.1:8080')).toBe('http://127.0.0.1:8080');
    expect(validateAuthorityHost('http://127.1.2.3:8080')).toBe('http://127.1.2.3:8080');
    expect(validateAuthorityHost('http://localhost:9')).toBe('http://localhost:9');
    expect(validateAuthorityHost('http://[::1]:9')).toBe('http://[::1]:9');
    expect(codeOf(() => validateAuthorityHost('http://login.microsoftonline.com'))).toBe('INSECURE_AUTHORITY_HOST');
    expect(codeOf(() => validateAuthorityHost('http://127.0.0.1.evil.example'))).toBe('INSECURE_AUTHORITY_HOST');
    expect(codeOf(() => validateAuthorityHost('http://10.0.0.1'))).toBe('INSECURE_AUTHORITY_HOST');
    expect(codeOf(() => validateAuthorityHost('ftp://x.example'))).toBe('INVALID_AUTHORITY_HOST');
    expect(codeOf(() => validateAuthorityHost('https://user:pw@x.example'))).toBe('INVALID_AUTHORITY_HOST');
    expect(codeOf(() => validateAuthorityHost('login.microsoftonline.com'))).toBe('INVALID_AUTHORITY_HOST');
  });
});

describe('scopes', () => {
  test('a bare resource gets /.default and says so; duplicates collapse', () => {
    expect(normalizeScopes(undefined)).toEqual([{ scope: 'https://management.azure.com/.default' }]);
    expect(
      normalizeScopes(['https://vault.azure.net', 'https://management.azure.com/', 'https://vault.azure.net/.default']),
    ).toEqual([
      { scope: 'https://vault.azure.net/.default', appendedFrom: 'https://vault.azure.net' },
      { scope: 'https://management.azure.com/.default', appendedFrom: 'https://management.azure.com/' },
    ]);
  });
  test('several resources in one scope are refused', () => {
    expect(codeOf(() => normalizeScopes(['https://a.example/.default https://b.example/.default']))).toBe(
      'INVALID_SCOPE',
    );
  });
});
