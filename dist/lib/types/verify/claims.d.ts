/**
 * The checks on a verified token's claims: exact issuer, audience, time with a bounded skew,
 * required claims and claim patterns. Each failure has its own code and names the claim,
 * what was expected and what the token holds.
 */
import type { ClaimPattern } from '../policy/glob.js';
export interface ClaimChecks {
    issuer: string;
    audiences: readonly string[];
    skewSeconds: number;
    maxAgeSeconds?: number;
    required: readonly string[];
    patterns: readonly {
        claim: string;
        patterns: ClaimPattern[];
    }[];
}
export declare function checkIssuer(claims: Record<string, unknown>, issuer: string): void;
export declare function checkClaims(claims: Record<string, unknown>, checks: ClaimChecks, nowMs: number): void;
