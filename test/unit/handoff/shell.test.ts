import { describe, expect, test } from 'vitest';
import { FederationError } from '../../../src/core/errors.js';
import type { LoginResult } from '../../../src/core/login.js';
import { exportLine, scopeVariable, scopeVariables, shellHandoff, shellVariables } from '../../../src/handoff/shell.js';
import type { CiSink, HandoffRequest } from '../../../src/handoff/types.js';

const MANAGEMENT = 'https://management.azure.com/.default';
const VAULT = 'https://vault.azure.net/.default';
const STORAGE = 'https://storage.azure.com/.default';

function result(scopes: readonly string[]): LoginResult {
  return {
    clientId: '11111111-2222-3333-4444-555555555555',
    tenantId: 'contoso.onmicrosoft.com',
    authorityHost: 'https://login.microsoftonline.com',
    audience: 'api://AzureADTokenExchange',
    tokens: scopes.map((scope, i) => ({
      scope,
      accessToken: `token-${i}-it's`,
      expiresOn: Date.UTC(2030, 0, 2, 3, 4, 5) + i * 1000,
    })),
  } as unknown as LoginResult;
}

describe('the naming rule', () => {
  test('scheme, /.default and punctuation go; ASCII upper case', () => {
    expect(scopeVariable(VAULT)).toBe('AZURE_ACCESS_TOKEN_VAULT_AZURE_NET');
    expect(scopeVariable('https://storage.azure.com/')).toBe('AZURE_ACCESS_TOKEN_STORAGE_AZURE_COM');
    expect(scopeVariable('api://my-api.contoso/.default')).toBe('AZURE_ACCESS_TOKEN_MY_API_CONTOSO');
    expect(scopeVariable('499b84ac-1321-427f-aa17-267ca6975798/.default')).toBe(
      'AZURE_ACCESS_TOKEN_499B84AC_1321_427F_AA17_267CA6975798',
    );
  });

  test('the first scope is AZURE_ACCESS_TOKEN, each further one its resource', () => {
    expect(scopeVariables([VAULT, MANAGEMENT])).toEqual([
      'AZURE_ACCESS_TOKEN',
      'AZURE_ACCESS_TOKEN_MANAGEMENT_AZURE_COM',
    ]);
  });

  test.each([
    [[MANAGEMENT, 'https://vault.azure.net/.default', 'api://vault.azure.net/.default'], /already the scope/],
    [[MANAGEMENT, 'https://expires.on/.default'], /already the expiry/],
    [[MANAGEMENT, 'https://---/.default'], /no resource/],
  ])('two scopes with one name are refused: %j', (scopes, message) => {
    let caught: unknown;
    try {
      scopeVariables(scopes);
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(FederationError);
    expect((caught as FederationError).code).toBe('SCOPE_VARIABLE_CLASH');
    expect((caught as FederationError).message).toMatch(message);
  });

  test('the hand-off names its variables when it is made, before any request', () => {
    expect(() => shellHandoff([MANAGEMENT, VAULT, 'api://vault.azure.net'])).toThrow(
      /AZURE_ACCESS_TOKEN_VAULT_AZURE_NET/,
    );
  });
});

describe('the variables', () => {
  test('tokens of the login’s own scopes, the expiry of the first, and the SDK names', () => {
    const scopes = [MANAGEMENT, VAULT];
    // A hand-off's extra scope (storage) is in the result but not exported.
    const vars = shellVariables(result([...scopes, STORAGE]), scopes, scopeVariables(scopes));
    expect(vars.map((v) => [v.name, v.value, v.secret])).toEqual([
      ['AZURE_ACCESS_TOKEN', "token-0-it's", true],
      ['AZURE_ACCESS_TOKEN_EXPIRES_ON', '2030-01-02T03:04:05Z', false],
      ['AZURE_CLIENT_ID', '11111111-2222-3333-4444-555555555555', false],
      ['AZURE_TENANT_ID', 'contoso.onmicrosoft.com', false],
      ['AZURE_AUTHORITY_HOST', 'https://login.microsoftonline.com', false],
      ['AZURE_ACCESS_TOKEN_VAULT_AZURE_NET', "token-1-it's", true],
    ]);
  });

  test('a line quotes its value whatever it holds', () => {
    expect(exportLine('A', "it's $HOME `id`\n")).toBe(`export A='it'\\''s $HOME \`id\`\n'\n`);
    expect(() => exportLine('A B', 'x')).toThrow(/invalid variable name/);
  });

  test('the hand-off masks the tokens before it sets anything', async () => {
    const events: string[] = [];
    const sink = {
      setEnv: (name: string) => events.push(`set ${name}`),
      mask: (value: string) => events.push(`mask ${value}`),
      info: () => undefined,
    } as unknown as CiSink;
    const scopes = [MANAGEMENT, VAULT];
    const cleanup = await shellHandoff(scopes).export({ result: result(scopes) } as HandoffRequest, sink);
    expect(cleanup).toEqual({ files: [] });
    expect(events.slice(0, 2)).toEqual(["mask token-0-it's", "mask token-1-it's"]);
    expect(events.slice(2)).toHaveLength(6);
  });
});
