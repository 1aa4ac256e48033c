/**
 * The role assignments asked for: `--role ROLE --role-scope ARM_ID` pairs, checked before any
 * request. A scope is an Azure Resource Manager id: a subscription, a resource group, a
 * resource, or a management group (https://learn.microsoft.com/azure/role-based-access-control/scope-overview).
 */
import { usageError } from '../core/errors.js';
import { quote } from '../core/options.js';
import { hasControlCharacter, isGuid } from '../core/text.js';

export interface RoleRequest {
  /** A role name (`Contributor`) or a role definition GUID. */
  role: string;
  /** The ARM id the role applies to, without a trailing slash. */
  scope: string;
}

const SEGMENT = /^[\p{L}\p{N}_.()~-]{1,260}$/u;
const RESOURCE_GROUP = /^[\p{L}\p{N}_.()-]{1,90}$/u;
const NAMESPACE = /^[A-Za-z][A-Za-z0-9]*(?:\.[A-Za-z][A-Za-z0-9]*)+$/;

/** Why `scope` is not an ARM scope, or undefined. */
export function armScopeProblem(scope: string): string | undefined {
  if (!scope.startsWith('/')) return "it does not start with '/'";
  const parts = scope.slice(1).split('/');
  if (parts.some((p) => p === '')) return "it has an empty segment ('//' or a trailing '/')";
  const [first, second, third, fourth, ...rest] = parts;
  if (first?.toLowerCase() === 'providers') {
    if (
      second?.toLowerCase() === 'microsoft.management' &&
      third?.toLowerCase() === 'managementgroups' &&
      fourth !== undefined &&
      SEGMENT.test(fourth) &&
      rest.length === 0
    )
      return undefined;
    return 'the only scope under /providers is /providers/Microsoft.Management/managementGroups/<id>';
  }
  if (first?.toLowerCase() !== 'subscriptions') return 'it starts neither with /subscriptions/ nor with /providers/';
  if (second === undefined || !isGuid(second)) return 'the subscription id is not a GUID';
  if (third === undefined) return undefined;
  if (third.toLowerCase() !== 'resourcegroups') return `'${third}' is not 'resourceGroups'`;
  if (fourth === undefined || !RESOURCE_GROUP.test(fourth) || fourth.endsWith('.'))
    return 'the resource group name is missing or not valid';
  if (rest.length === 0) return undefined;
  const [providers, namespace, ...path] = rest;
  if (providers?.toLowerCase() !== 'providers') return `'${providers ?? ''}' is not 'providers'`;
  if (namespace === undefined || !NAMESPACE.test(namespace))
    return 'the resource provider namespace (e.g. Microsoft.KeyVault) is missing or not valid';
  if (path.length === 0 || path.length % 2 !== 0) return 'a resource id needs type/name pairs after the namespace';
  if (!path.every((p) => SEGMENT.test(p))) return 'a resource type or name holds characters ARM does not allow';
  return undefined;
}

/** Pairs the i-th --role with the i-th --role-scope. */
export function roleRequests(roles: readonly string[] = [], scopes: readonly string[] = []): RoleRequest[] {
  if (roles.length !== scopes.length)
    throw usageError(
      roles.length > scopes.length ? 'MISSING_ROLE_SCOPE' : 'MISSING_ROLE',
      roles.length > scopes.length
        ? `${roles.length} --role but ${scopes.length} --role-scope: each role needs the scope it applies to.`
        : `${scopes.length} --role-scope but ${roles.length} --role: each scope needs the role to assign there.`,
      'Give them in pairs: --role Contributor --role-scope /subscriptions/<id>/resourceGroups/<group> (repeat the pair for more).',
      roles.length > scopes.length ? 'role-scope' : 'role',
    );
  const out: RoleRequest[] = [];
  for (const [i, rawRole] of roles.entries()) {
    const role = rawRole.trim();
    const rawScope = scopes[i] ?? '';
    if (role === '' || role.length > 512 || hasControlCharacter(role))
      throw usageError(
        'INVALID_ROLE',
        `The role ${quote(rawRole)} is empty, too long or holds control characters.`,
        'Give a built-in role name such as Contributor or "Key Vault Secrets User", or a role definition GUID.',
        'role',
      );
    const scope = rawScope.trim().replace(/(?<=.)\/+$/, '');
    const problem = hasControlCharacter(scope) ? 'it holds control characters' : armScopeProblem(scope);
    if (problem !== undefined)
      throw usageError(
        'INVALID_ROLE_SCOPE',
        `The role scope ${quote(rawScope)} is not an Azure Resource Manager id: ${problem}.`,
        'Give a subscription, resource group or resource id, e.g. /subscriptions/<subscription-id>/resourceGroups/<group> (az group show -n <group> --query id -o tsv prints it).',
        'role-scope',
      );
    if (!out.some((r) => r.role.toLowerCase() === role.toLowerCase() && r.scope.toLowerCase() === scope.toLowerCase()))
      out.push({ role, scope });
  }
  return out;
}
