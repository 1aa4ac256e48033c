/**
 * Decides whether a CI token may ask for a tenant, client id and scopes. A request is allowed
 * only when, for every scope, one rule matches all of its claims and allows the tenant, the
 * client id and that scope. A denial says why in terms the author can act on: the rule set, the
 * claim and the value the token holds (or which tenant, client id or scope no rule allows).
 */
import type { ClaimPattern } from './glob.js';
import { showClaim } from '../core/text.js';
import { claimMatches, wrongClaimType } from './glob.js';
import type { ClaimCondition, Policy, PolicyRule } from './parse.js';

export interface PolicyRequest {
  tenantId: string;
  clientId: string;
  scopes: readonly string[];
}

export interface PolicyDenial {
  ruleSet: string;
  /** What no rule allowed: a claim of the CI token, or a part of the request. */
  field: 'claim' | 'tenant' | 'clientId' | 'scope';
  /** The claim name when field is 'claim'. */
  claim?: string;
  /** The token's value of that claim (undefined: missing), or the requested tenant/client/scope. */
  value?: unknown;
  /** The closest rule, or the rules that matched the token. */
  rules: string[];
  /** What the rule(s) wanted, as written. */
  expected: string[];
  reason: string;
}

export type PolicyDecision =
  | { allowed: true; ruleSet: string; grants: { scope: string; rule: string }[] }
  | { allowed: false; ruleSet: string; denial: PolicyDenial };

function failedCondition(rule: PolicyRule, claims: Record<string, unknown>): ClaimCondition | undefined {
  return rule.claims.find((c) => !claimMatches(own(claims, c.claim), c.patterns));
}

/** Reads a claim without reaching into the prototype (a claim named "constructor"). */
function own(claims: Record<string, unknown>, name: string): unknown {
  return Object.hasOwn(claims, name) ? claims[name] : undefined;
}

function sources(patterns: readonly ClaimPattern[]): string[] {
  return patterns.map((p) => p.source);
}

function list(values: readonly string[]): string {
  return values.map((v) => JSON.stringify(v)).join(' or ');
}

/** The rules whose claim conditions all hold for this token. */
export function matchingRules(policy: Policy, claims: Record<string, unknown>): PolicyRule[] {
  return policy.rules.filter((rule) => failedCondition(rule, claims) === undefined);
}

/** No rule matched: explain with the rule that came closest (most conditions met, first wins). */
function claimDenial(policy: Policy, claims: Record<string, unknown>): PolicyDenial {
  let best = policy.rules[0] as PolicyRule;
  let bestScore = -1;
  for (const rule of policy.rules) {
    const score = rule.claims.filter((c) => claimMatches(own(claims, c.claim), c.patterns)).length / rule.claims.length;
    if (score > bestScore) {
      best = rule;
      bestScore = score;
    }
  }
  const failed = failedCondition(best, claims) as ClaimCondition;
  const value = own(claims, failed.claim);
  const expected = sources(failed.patterns);
  const wrongType = wrongClaimType(value);
  const found =
    value === undefined
      ? 'the CI token has no such claim'
      : wrongType !== undefined
        ? `the CI token's ${failed.claim} has the wrong type: ${wrongType} (${showClaim(value)}), and only a single string, number or boolean can match`
        : `the CI token has ${showClaim(value)}`;
  return {
    ruleSet: policy.name,
    field: 'claim',
    claim: failed.claim,
    value,
    rules: [best.name],
    expected,
    reason: `no rule of policy "${policy.name}" matches this CI token: claim ${failed.claim} must be ${list(expected)} (closest rule "${best.name}"), but ${found}.`,
  };
}

function requestDenial(
  policy: Policy,
  rules: PolicyRule[],
  field: 'tenant' | 'clientId' | 'scope',
  value: string,
  expected: ClaimPattern[],
): PolicyDenial {
  const names = rules.map((r) => r.name);
  const what = field === 'tenant' ? 'tenant' : field === 'clientId' ? 'client id' : 'scope';
  const ruleText = names.length === 1 ? `rule "${names[0]}"` : `rules ${names.map((n) => `"${n}"`).join(', ')}`;
  const allowed = [...new Set(sources(expected))];
  return {
    ruleSet: policy.name,
    field,
    value,
    rules: names,
    expected: allowed,
    reason: `policy "${policy.name}" does not allow ${what} ${showClaim(value)} for this CI token: ${ruleText} matched it and allow${names.length === 1 ? 's' : ''} ${list(allowed)}.`,
  };
}

export function evaluatePolicy(
  policy: Policy,
  claims: Record<string, unknown>,
  request: PolicyRequest,
): PolicyDecision {
  const matched = matchingRules(policy, claims);
  if (matched.length === 0) return { allowed: false, ruleSet: policy.name, denial: claimDenial(policy, claims) };

  const tenant = request.tenantId.toLowerCase();
  const forTenant = matched.filter((r) => r.tenants.some((p) => p.test(tenant)));
  if (forTenant.length === 0) {
    return {
      allowed: false,
      ruleSet: policy.name,
      denial: requestDenial(
        policy,
        matched,
        'tenant',
        request.tenantId,
        matched.flatMap((r) => r.tenants),
      ),
    };
  }
  const client = request.clientId.toLowerCase();
  const forClient = forTenant.filter((r) => r.clientIds.some((p) => p.test(client)));
  if (forClient.length === 0) {
    return {
      allowed: false,
      ruleSet: policy.name,
      denial: requestDenial(
        policy,
        forTenant,
        'clientId',
        request.clientId,
        forTenant.flatMap((r) => r.clientIds),
      ),
    };
  }
  const grants: { scope: string; rule: string }[] = [];
  for (const scope of request.scopes) {
    const rule = forClient.find((r) => r.scopes.some((p) => p.test(scope)));
    if (rule === undefined) {
      return {
        allowed: false,
        ruleSet: policy.name,
        denial: requestDenial(
          policy,
          forClient,
          'scope',
          scope,
          forClient.flatMap((r) => r.scopes),
        ),
      };
    }
    grants.push({ scope, rule: rule.name });
  }
  return { allowed: true, ruleSet: policy.name, grants };
}
