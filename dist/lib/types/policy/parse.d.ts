import type { ClaimPattern } from './glob.js';
export interface ClaimCondition {
    claim: string;
    patterns: ClaimPattern[];
}
export interface PolicyRule {
    name: string;
    claims: ClaimCondition[];
    tenants: ClaimPattern[];
    clientIds: ClaimPattern[];
    scopes: ClaimPattern[];
}
export interface Policy {
    /** The rule set's name: `name`, else the file name. */
    name: string;
    rules: PolicyRule[];
}
/** Checks a parsed JSON or YAML document and compiles its patterns once. */
export declare function parsePolicy(doc: unknown, defaultName: string): Policy;
