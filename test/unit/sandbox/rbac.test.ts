// Scopes and permission matching as ARM applies them.
import { describe, expect, it } from 'vitest';
import { builtInRole, builtInRoleNamed } from '../../../src/sandbox/builtin-roles.js';
import { parseScope, RoleAssignments, roleAllows, scopeCovers } from '../../../src/sandbox/rbac.js';

const SUB = '/subscriptions/5a4db0c5-5b5c-4000-8000-000000000003';

describe('parseScope', () => {
  it.each([
    ['/', { scope: '/' }],
    ['', { scope: '/' }],
    [SUB, { scope: SUB, subscriptionId: '5a4db0c5-5b5c-4000-8000-000000000003' }],
    [`${SUB}/`, { scope: SUB, subscriptionId: '5a4db0c5-5b5c-4000-8000-000000000003' }],
    [`${SUB}/resourceGroups/rg`, { scope: `${SUB}/resourceGroups/rg` }],
    [`${SUB}/resourcegroups/rg/providers/Microsoft.KeyVault/vaults/kv`, {}],
    [`${SUB}/resourceGroups/rg/providers/Microsoft.Sql/servers/s/databases/d`, {}],
    [`${SUB}/providers/Microsoft.Web/sites/app`, {}],
    [
      '/providers/Microsoft.Management/managementGroups/mg1',
      { scope: '/providers/Microsoft.Management/managementGroups/mg1' },
    ],
  ])('accepts %s', (raw, expected) => {
    expect(parseScope(raw)).toMatchObject(expected);
    expect(parseScope(raw)).not.toHaveProperty('kind');
  });

  it.each([
    ['/subscriptions/not-a-guid', { kind: 'subscription-id', value: 'not-a-guid' }],
    ['/subscriptions', { kind: 'shape' }],
    [`${SUB}/resourceGroups`, { kind: 'shape' }],
    [`${SUB}/resourceGroups/rg/providers/Microsoft.KeyVault/vaults`, { kind: 'shape' }],
    [`${SUB}/resourceGroups/rg/things/x`, { kind: 'shape' }],
    [`${SUB}//resourceGroups/rg`, { kind: 'shape' }],
    ['/tenants/x', { kind: 'shape' }],
    ['/providers/Microsoft.Management/managementGroups', { kind: 'shape' }],
  ])('refuses %s', (raw, expected) => {
    expect(parseScope(raw)).toEqual(expected);
  });
});

describe('scopeCovers', () => {
  it('lets an assignment apply at its scope and below, case-insensitively, and the root everywhere', () => {
    expect(scopeCovers(SUB, `${SUB}/resourceGroups/rg`)).toBe(true);
    expect(scopeCovers(SUB.toUpperCase(), `${SUB}/resourceGroups/rg`)).toBe(true);
    expect(scopeCovers(`${SUB}/resourceGroups/rg`, SUB)).toBe(false);
    expect(scopeCovers(`${SUB}/resourceGroups/rg`, `${SUB}/resourceGroups/rg2`)).toBe(false);
    expect(scopeCovers('/', `${SUB}/resourceGroups/rg`)).toBe(true);
  });
});

describe('roleAllows', () => {
  const role = (name: string) => {
    const found = builtInRoleNamed(name);
    if (!found) throw new Error(name);
    return found;
  };

  it('applies actions and notActions with wildcards, ignoring case', () => {
    expect(roleAllows(role('Contributor'), 'Microsoft.Compute/virtualMachines/write')).toBe(true);
    expect(roleAllows(role('Contributor'), 'Microsoft.Authorization/roleAssignments/write')).toBe(false);
    expect(roleAllows(role('Contributor'), 'Microsoft.Authorization/roleAssignments/read')).toBe(true);
    expect(roleAllows(role('Reader'), 'Microsoft.Authorization/roleDefinitions/read')).toBe(true);
    expect(roleAllows(role('Reader'), 'Microsoft.Compute/virtualMachines/write')).toBe(false);
    expect(roleAllows(role('User Access Administrator'), 'microsoft.authorization/roleassignments/write')).toBe(true);
    expect(
      roleAllows(role('Role Based Access Control Administrator'), 'Microsoft.Authorization/roleAssignments/write'),
    ).toBe(true);
    expect(
      roleAllows(role('Role Based Access Control Administrator'), 'Microsoft.Authorization/roleDefinitions/write'),
    ).toBe(false);
    // Data roles grant no control-plane actions.
    expect(roleAllows(role('Key Vault Secrets User'), 'Microsoft.Authorization/roleDefinitions/read')).toBe(false);
  });

  it('finds roles by GUID in any case', () => {
    expect(builtInRole('B24988AC-6180-42A0-AB88-20F7382DD24C')?.roleName).toBe('Contributor');
  });
});

describe('RoleAssignments', () => {
  it('permits through an assignment above the scope, and lists at, above and below', () => {
    const rbac = new RoleAssignments();
    const base = {
      principalType: 'User' as const,
      description: null,
      createdOn: '',
      updatedOn: '',
      createdBy: null,
      updatedBy: null,
    };
    rbac.add({
      ...base,
      name: 'a',
      scope: SUB,
      roleDefinitionGuid: 'b24988ac-6180-42a0-ab88-20f7382dd24c',
      principalId: 'P',
    });
    rbac.add({
      ...base,
      name: 'b',
      scope: `${SUB}/resourceGroups/rg`,
      roleDefinitionGuid: '18d7d88d-d35e-4fb5-a5c3-7773c20a72d9',
      principalId: 'p',
    });
    expect(rbac.permits('p', 'Microsoft.Web/sites/write', `${SUB}/resourceGroups/other`)).toBe(true);
    expect(rbac.permits('p', 'Microsoft.Authorization/roleAssignments/write', `${SUB}/resourceGroups/other`)).toBe(
      false,
    );
    expect(
      rbac.permits('p', 'Microsoft.Authorization/roleAssignments/write', `${SUB}/resourceGroups/rg/providers/A.B/c/d`),
    ).toBe(true);
    expect(rbac.permits('q', 'Microsoft.Web/sites/read', SUB)).toBe(false);
    expect(rbac.list(SUB, { atScope: false }).map((a) => a.name)).toEqual(['a', 'b']);
    expect(rbac.list(SUB, { atScope: true }).map((a) => a.name)).toEqual(['a']);
    expect(rbac.list(`${SUB}/resourceGroups/rg`, { atScope: true, principalId: 'P' }).map((a) => a.name)).toEqual([
      'a',
      'b',
    ]);
    expect(rbac.equivalent(SUB.toUpperCase(), 'B24988AC-6180-42A0-AB88-20F7382DD24C', 'P')?.name).toBe('a');
  });
});
