import {
  claimMatches,
  wrongClaimType
} from "./chunk-UVJCTFDH.js";
import {
  showClaim
} from "./chunk-3XWB6HIK.js";

// src/policy/evaluate.ts
function failedCondition(rule, claims) {
  return rule.claims.find((c) => !claimMatches(own(claims, c.claim), c.patterns));
}
function own(claims, name) {
  return Object.hasOwn(claims, name) ? claims[name] : void 0;
}
function sources(patterns) {
  return patterns.map((p) => p.source);
}
function list(values) {
  return values.map((v) => JSON.stringify(v)).join(" or ");
}
function matchingRules(policy, claims) {
  return policy.rules.filter((rule) => failedCondition(rule, claims) === void 0);
}
function claimDenial(policy, claims) {
  let best = policy.rules[0];
  let bestScore = -1;
  for (const rule of policy.rules) {
    const score = rule.claims.filter((c) => claimMatches(own(claims, c.claim), c.patterns)).length / rule.claims.length;
    if (score > bestScore) {
      best = rule;
      bestScore = score;
    }
  }
  const failed = failedCondition(best, claims);
  const value = own(claims, failed.claim);
  const expected = sources(failed.patterns);
  const wrongType = wrongClaimType(value);
  const found = value === void 0 ? "the CI token has no such claim" : wrongType !== void 0 ? `the CI token's ${failed.claim} has the wrong type: ${wrongType} (${showClaim(value)}), and only a single string, number or boolean can match` : `the CI token has ${showClaim(value)}`;
  return {
    ruleSet: policy.name,
    field: "claim",
    claim: failed.claim,
    value,
    rules: [best.name],
    expected,
    reason: `no rule of policy "${policy.name}" matches this CI token: claim ${failed.claim} must be ${list(expected)} (closest rule "${best.name}"), but ${found}.`
  };
}
function requestDenial(policy, rules, field, value, expected) {
  const names = rules.map((r) => r.name);
  const what = field === "tenant" ? "tenant" : field === "clientId" ? "client id" : "scope";
  const ruleText = names.length === 1 ? `rule "${names[0]}"` : `rules ${names.map((n) => `"${n}"`).join(", ")}`;
  const allowed = [...new Set(sources(expected))];
  return {
    ruleSet: policy.name,
    field,
    value,
    rules: names,
    expected: allowed,
    reason: `policy "${policy.name}" does not allow ${what} ${showClaim(value)} for this CI token: ${ruleText} matched it and allow${names.length === 1 ? "s" : ""} ${list(allowed)}.`
  };
}
function evaluatePolicy(policy, claims, request) {
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
        "tenant",
        request.tenantId,
        matched.flatMap((r) => r.tenants)
      )
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
        "clientId",
        request.clientId,
        forTenant.flatMap((r) => r.clientIds)
      )
    };
  }
  const grants = [];
  for (const scope of request.scopes) {
    const rule = forClient.find((r) => r.scopes.some((p) => p.test(scope)));
    if (rule === void 0) {
      return {
        allowed: false,
        ruleSet: policy.name,
        denial: requestDenial(
          policy,
          forClient,
          "scope",
          scope,
          forClient.flatMap((r) => r.scopes)
        )
      };
    }
    grants.push({ scope, rule: rule.name });
  }
  return { allowed: true, ruleSet: policy.name, grants };
}

export {
  matchingRules,
  evaluatePolicy
};
