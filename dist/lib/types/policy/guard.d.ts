/**
 * The policy as a login guardrail: runs in login()'s beforeExchange hook, so a denied run
 * throws before any request reaches Entra.
 */
import { FederationError } from '../core/errors.js';
import type { IdTokenSummary } from '../core/login.js';
import type { FederationOptions } from '../core/options.js';
import type { PolicyDecision, PolicyDenial } from './evaluate.js';
import type { Policy } from './parse.js';
export declare const POLICY_REMEDY = "Run the job from a branch, environment or repository a rule allows, or change the policy file (a change its reviewers must approve).";
/** A denial; `denial` travels to the audit record. */
export declare class PolicyDeniedError extends FederationError {
    readonly denial: PolicyDenial;
    constructor(denial: PolicyDenial, message: string, details: ConstructorParameters<typeof FederationError>[2]);
}
export declare function policyDeniedError(denial: PolicyDenial, idToken?: IdTokenSummary): PolicyDeniedError;
/** Evaluates before any exchange; throws POLICY_DENIED, or returns the grants for the record. */
export declare function enforcePolicy(policy: Policy, idToken: IdTokenSummary | undefined, options: FederationOptions): PolicyDecision;
