/**
 * The policy as a login guardrail: runs in login()'s beforeExchange hook, so a denied run
 * throws before any request reaches Entra.
 */
import { FederationError } from '../core/errors.js';
import type { IdTokenSummary } from '../core/login.js';
import { presentedClaims } from '../core/login.js';
import type { FederationOptions } from '../core/options.js';
import type { PolicyDecision, PolicyDenial } from './evaluate.js';
import { evaluatePolicy } from './evaluate.js';
import { showClaim } from '../core/text.js';
import type { Policy } from './parse.js';

export const POLICY_REMEDY =
  'Run the job from a branch, environment or repository a rule allows, or change the policy file (a change its reviewers must approve).';

/** A denial; `denial` travels to the audit record. */
export class PolicyDeniedError extends FederationError {
  readonly denial: PolicyDenial;
  constructor(denial: PolicyDenial, message: string, details: ConstructorParameters<typeof FederationError>[2]) {
    super('POLICY_DENIED', message, details);
    this.denial = denial;
  }
}

export function policyDeniedError(denial: PolicyDenial, idToken?: IdTokenSummary): PolicyDeniedError {
  const field =
    denial.field === 'claim'
      ? (denial.claim ?? 'claim')
      : denial.field === 'clientId'
        ? 'client-id'
        : denial.field === 'tenant'
          ? 'tenant-id'
          : 'scope';
  const err = new PolicyDeniedError(denial, `Denied by policy: ${denial.reason}`, {
    remedy: POLICY_REMEDY,
    field,
    expected: denial.expected.join(' | '),
    actual: showClaim(denial.value, 'when-needed'),
    ...(denial.field === 'scope' && typeof denial.value === 'string' ? { scope: denial.value } : {}),
  });
  const presented = presentedClaims(idToken);
  if (presented !== undefined) err.presented = presented;
  return err;
}

/** Evaluates before any exchange; throws POLICY_DENIED, or returns the grants for the record. */
export function enforcePolicy(
  policy: Policy,
  idToken: IdTokenSummary | undefined,
  options: FederationOptions,
): PolicyDecision {
  if (idToken === undefined) {
    throw new FederationError(
      'POLICY_DENIED',
      `Denied by policy "${policy.name}": the policy matches CI token claims, and this login has no CI token.`,
      { remedy: 'Use a policy only with federated (CI token) logins.' },
    );
  }
  const decision = evaluatePolicy(policy, idToken.claims, {
    tenantId: options.tenantId,
    clientId: options.clientId,
    scopes: options.scopes.map((s) => s.scope),
  });
  if (!decision.allowed) throw policyDeniedError(decision.denial, idToken);
  return decision;
}
