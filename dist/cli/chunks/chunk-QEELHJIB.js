import {
  evaluatePolicy,
  matchingRules
} from "./chunk-HNTMPMT5.js";

// src/policy/claims-only.ts
function evaluateClaims(policy, claims) {
  const rules = matchingRules(policy, claims);
  if (rules.length > 0) return { allowed: true, ruleSet: policy.name, rules: rules.map((r) => r.name) };
  const decision = evaluatePolicy(policy, claims, { tenantId: "", clientId: "", scopes: [] });
  if (decision.allowed) throw new Error("unreachable: no rule matched the claims");
  return decision;
}

export {
  evaluateClaims
};
