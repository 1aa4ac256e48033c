import {
  evaluatePolicy
} from "./chunk-HNTMPMT5.js";
import {
  presentedClaims
} from "./chunk-KKJBLYBX.js";
import {
  FederationError
} from "./chunk-H7K5LTQY.js";
import {
  showClaim
} from "./chunk-3XWB6HIK.js";

// src/policy/guard.ts
var POLICY_REMEDY = "Run the job from a branch, environment or repository a rule allows, or change the policy file (a change its reviewers must approve).";
var PolicyDeniedError = class extends FederationError {
  denial;
  constructor(denial, message, details) {
    super("POLICY_DENIED", message, details);
    this.denial = denial;
  }
};
function policyDeniedError(denial, idToken) {
  const field = denial.field === "claim" ? denial.claim ?? "claim" : denial.field === "clientId" ? "client-id" : denial.field === "tenant" ? "tenant-id" : "scope";
  const err = new PolicyDeniedError(denial, `Denied by policy: ${denial.reason}`, {
    remedy: POLICY_REMEDY,
    field,
    expected: denial.expected.join(" | "),
    actual: showClaim(denial.value, "when-needed"),
    ...denial.field === "scope" && typeof denial.value === "string" ? { scope: denial.value } : {}
  });
  const presented = presentedClaims(idToken);
  if (presented !== void 0) err.presented = presented;
  return err;
}
function enforcePolicy(policy, idToken, options) {
  if (idToken === void 0) {
    throw new FederationError(
      "POLICY_DENIED",
      `Denied by policy "${policy.name}": the policy matches CI token claims, and this login has no CI token.`,
      { remedy: "Use a policy only with federated (CI token) logins." }
    );
  }
  const decision = evaluatePolicy(policy, idToken.claims, {
    tenantId: options.tenantId,
    clientId: options.clientId,
    scopes: options.scopes.map((s) => s.scope)
  });
  if (!decision.allowed) throw policyDeniedError(decision.denial, idToken);
  return decision;
}

export {
  PolicyDeniedError,
  policyDeniedError,
  enforcePolicy
};
