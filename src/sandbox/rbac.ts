// Azure RBAC as ARM applies it, for the sandbox: scopes, role assignments, and whether a
// principal may perform an action at a scope (an assignment at that scope or above it whose
// role's actions match and notActions do not).
// https://learn.microsoft.com/azure/role-based-access-control/overview#how-azure-rbac-determines-if-a-user-has-access-to-a-resource
import { builtInRole, type BuiltInRole } from './builtin-roles.js';

export const PRINCIPAL_TYPES = ['User', 'Group', 'ServicePrincipal', 'ForeignGroup', 'Device'] as const;
export type PrincipalType = (typeof PRINCIPAL_TYPES)[number];

export interface RoleAssignment {
  /** The assignment's GUID name. */
  name: string;
  scope: string;
  roleDefinitionGuid: string;
  principalId: string;
  principalType: PrincipalType;
  description: string | null;
  createdOn: string;
  updatedOn: string;
  createdBy: string | null;
  updatedBy: string | null;
}

/** "2024-05-01T10:00:00.1230000Z": ARM's seven-digit fractions. */
export function armTimestamp(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 23)}0000Z`;
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export type ScopeProblem = { kind: 'subscription-id'; value: string } | { kind: 'shape' };

/**
 * A scope as ARM writes it: `/`, a management group, a subscription, a resource group, or a
 * resource below either. Returns the canonical scope (no trailing slash) and its subscription.
 */
export function parseScope(raw: string): { scope: string; subscriptionId?: string } | ScopeProblem {
  const scope = raw.replace(/\/+$/, '') || '/';
  if (scope === '/') return { scope };
  const parts = scope.split('/').slice(1);
  if (parts.some((p) => p === '')) return { kind: 'shape' };
  const [first = '', second = '', ...rest] = parts;
  if (first.toLowerCase() === 'providers') {
    const ok =
      second.toLowerCase() === 'microsoft.management' &&
      rest.length === 2 &&
      (rest[0] ?? '').toLowerCase() === 'managementgroups';
    return ok ? { scope } : { kind: 'shape' };
  }
  if (first.toLowerCase() !== 'subscriptions' || second === '') return { kind: 'shape' };
  if (!GUID.test(second)) return { kind: 'subscription-id', value: second };
  let tail = rest;
  if ((tail[0] ?? '').toLowerCase() === 'resourcegroups') {
    if (tail.length < 2) return { kind: 'shape' };
    tail = tail.slice(2);
  }
  if (tail.length > 0) {
    // providers/{namespace}/{type}/{name}[/{type}/{name}]...
    if ((tail[0] ?? '').toLowerCase() !== 'providers' || tail.length < 4 || (tail.length - 2) % 2 !== 0)
      return { kind: 'shape' };
  }
  return { scope, subscriptionId: second.toLowerCase() };
}

/** True when an assignment at `outer` applies at `inner` (the same scope or one below it). */
export function scopeCovers(outer: string, inner: string): boolean {
  const o = outer.toLowerCase();
  const i = inner.toLowerCase();
  return o === '/' || i === o || i.startsWith(`${o}/`);
}

function matches(pattern: string, action: string): boolean {
  const source = pattern
    .split('*')
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${source}$`, 'i').test(action);
}

export function roleAllows(role: BuiltInRole, action: string): boolean {
  const { actions, notActions } = role.permissions;
  return actions.some((p) => matches(p, action)) && !notActions.some((p) => matches(p, action));
}

export class RoleAssignments {
  private readonly items: RoleAssignment[] = [];

  find(scope: string, name: string): RoleAssignment | undefined {
    return this.items.find((a) => a.name.toLowerCase() === name.toLowerCase() && sameScope(a.scope, scope));
  }

  /** The assignment of this role to this principal at exactly this scope, whatever its name. */
  equivalent(scope: string, roleDefinitionGuid: string, principalId: string): RoleAssignment | undefined {
    return this.items.find(
      (a) =>
        sameScope(a.scope, scope) &&
        a.roleDefinitionGuid === roleDefinitionGuid.toLowerCase() &&
        a.principalId === principalId.toLowerCase(),
    );
  }

  add(assignment: RoleAssignment): RoleAssignment {
    const stored = {
      ...assignment,
      roleDefinitionGuid: assignment.roleDefinitionGuid.toLowerCase(),
      principalId: assignment.principalId.toLowerCase(),
    };
    this.items.push(stored);
    return stored;
  }

  remove(assignment: RoleAssignment): void {
    const i = this.items.indexOf(assignment);
    if (i >= 0) this.items.splice(i, 1);
  }

  /**
   * What a list at `scope` shows: assignments at, above and below it, or (atScope) only at and
   * above; optionally only one principal's.
   */
  list(scope: string, opts: { atScope: boolean; principalId?: string }): RoleAssignment[] {
    const principal = opts.principalId?.toLowerCase();
    return this.items.filter(
      (a) =>
        (principal === undefined || a.principalId === principal) &&
        (scopeCovers(a.scope, scope) || (!opts.atScope && scopeCovers(scope, a.scope))),
    );
  }

  permits(principalId: string, action: string, scope: string): boolean {
    const principal = principalId.toLowerCase();
    return this.items.some((a) => {
      if (a.principalId !== principal || !scopeCovers(a.scope, scope)) return false;
      const role = builtInRole(a.roleDefinitionGuid);
      return role !== undefined && roleAllows(role, action);
    });
  }
}

function sameScope(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}
