/** A policy used without a request (verify --policy, policy test with claims only). */
import type { PolicyDenial } from './evaluate.js';
import type { Policy } from './parse.js';
export type ClaimsDecision = {
    allowed: true;
    ruleSet: string;
    rules: string[];
} | {
    allowed: false;
    ruleSet: string;
    denial: PolicyDenial;
};
/** Allowed when some rule's claim conditions all hold, whatever that rule allows. */
export declare function evaluateClaims(policy: Policy, claims: Record<string, unknown>): ClaimsDecision;
