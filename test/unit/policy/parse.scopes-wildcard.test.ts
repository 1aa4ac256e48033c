/**
 * `"*"` in an allow list allows any value, as the README says, scopes included (which hold
 * slashes that a one-segment `*` would not cross).
 */
import { describe, expect, test } from 'vitest';
import { evaluatePolicy } from '../../../src/policy/evaluate.js';
import { parsePolicy } from '../../../src/policy/parse.js';

const claims = { repository: 'octo-org/octo-repo' };
const request = {
  tenantId: '00000000-0000-0000-0000-000000000000',
  clientId: '11111111-1111-1111-1111-111111111111',
  scopes: ['https://management.azure.com/.default', 'https://vault.azure.net/.default', 'api://my-api/.default'],
};

function policyAllowing(allow: Record<string, unknown>) {
  return parsePolicy({ rules: [{ name: 'any', claims: { repository: 'octo-org/octo-repo' }, allow }] }, 'policy');
}

describe('"*" allows any', () => {
  test.each([
    ['"*"', '*'],
    ['["*"]', ['*']],
  ])('scopes: %s allows every real scope', (_name, scopes) => {
    const decision = evaluatePolicy(policyAllowing({ tenants: '*', clientIds: '*', scopes }), claims, request);
    expect(decision.allowed).toBe(true);
  });

  test('tenants and client ids: "*" allows any', () => {
    const decision = evaluatePolicy(policyAllowing({ tenants: '*', clientIds: ['*'], scopes: '*' }), claims, {
      ...request,
      tenantId: 'contoso.onmicrosoft.com',
    });
    expect(decision.allowed).toBe(true);
  });

  test('a narrower glob still stops at "/"', () => {
    const decision = evaluatePolicy(
      policyAllowing({ tenants: '*', clientIds: '*', scopes: 'https://*.azure.net/.default' }),
      claims,
      { ...request, scopes: ['https://vault.azure.net/.default', 'https://vault.azure.net/x/.default'] },
    );
    expect(decision.allowed).toBe(false);
    if (!decision.allowed) expect(decision.denial.value).toBe('https://vault.azure.net/x/.default');
  });
});
