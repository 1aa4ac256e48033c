/** A policy used without a request (verify --policy, policy test with claims only). */
import type { PolicyDenial } from './evaluate.js';
import { evaluatePolicy, matchingRules } from './evaluate.js';
import type { Policy } from './parse.js';

export type ClaimsDecision =
  | { allowed: true; ruleSet: string; rules: string[] }
  | { allowed: false; ruleSet: string; denial: PolicyDenial };

/** Allowed when some rule's claim conditions all hold, whatever that rule allows. */
export function evaluateClaims(policy: Policy, claims: Record<string, unknown>): ClaimsDecision {
  const rules = matchingRules(policy, claims);
  if (rules.length > 0) return { allowed: true, ruleSet: policy.name, rules: rules.map((r) => r.name) };
  // No rule matched, so the full evaluation stops at the claims and explains them.
  const decision = evaluatePolicy(policy, claims, { tenantId: '', clientId: '', scopes: [] });
  if (decision.allowed) throw new Error('unreachable: no rule matched the claims');
  return decision;
}
