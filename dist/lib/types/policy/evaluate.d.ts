import type { Policy, PolicyRule } from './parse.js';
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
export type PolicyDecision = {
    allowed: true;
    ruleSet: string;
    grants: {
        scope: string;
        rule: string;
    }[];
} | {
    allowed: false;
    ruleSet: string;
    denial: PolicyDenial;
};
/** The rules whose claim conditions all hold for this token. */
export declare function matchingRules(policy: Policy, claims: Record<string, unknown>): PolicyRule[];
export declare function evaluatePolicy(policy: Policy, claims: Record<string, unknown>, request: PolicyRequest): PolicyDecision;
