import type { Clock, HttpClient } from '../core/http.js';
import type { Policy } from '../policy/parse.js';
import type { VerifyAlgorithm } from './issuer-keys.js';
import { IssuerKeys } from './issuer-keys.js';
export interface VerifyOptions {
    /** Compared exactly with the token's iss; also where discovery is fetched from. */
    issuer: string;
    /** The token's aud must contain one of these. */
    audience: string | readonly string[];
    /** A subset of RS256, PS256, ES256 (the default is all three). */
    algorithms?: readonly VerifyAlgorithm[];
    /** Tolerance for exp, nbf and iat. Default 60 s, at most 300 s. */
    clockSkewSeconds?: number;
    /** Refuse tokens issued longer ago than this. */
    maxTokenAgeSeconds?: number;
    /** The header typ the token must have; by default a typ, when present, must be JWT. */
    typ?: string;
    /** Claims that must be present. */
    requiredClaims?: readonly string[];
    /** Claim patterns (exact, or globs with * ** ?); a list means any of. */
    claims?: Readonly<Record<string, string | readonly string[]>>;
    /** A policy file: some rule's claim conditions must hold. */
    policy?: Policy;
    /** Skip discovery and take keys from here. */
    jwksUri?: string;
    http?: HttpClient;
    clock?: Clock;
    /** Per discovery or JWKS fetch. Default 30 s. */
    timeoutMs?: number;
    /** Shortest time between JWKS refetches caused by unknown kids. Default 60 s. */
    jwksRefreshIntervalSeconds?: number;
    /**
     * A key cache of your own. By default one per issuer (and jwksUri) is shared by the whole
     * process, made with the http, clock and timeouts of the first verifier that needed it.
     */
    keys?: IssuerKeys;
}
export interface VerifiedIdToken {
    header: {
        alg: VerifyAlgorithm;
        kid?: string;
        typ?: string;
    };
    claims: Record<string, unknown>;
}
export interface Verifier {
    readonly keys: IssuerKeys;
    verify(token: string): Promise<VerifiedIdToken>;
}
export declare const DEFAULT_CLOCK_SKEW_SECONDS = 60;
export declare const MAX_CLOCK_SKEW_SECONDS = 300;
export declare function createVerifier(options: VerifyOptions): Verifier;
/**
 * Verifies one token. The checks compiled from an options object are reused while it stays the
 * same, and compiled again as soon as anything in it changes (a claim pattern, the audience, the
 * policy): a verification never runs on stale checks. Keys are cached per issuer for the whole
 * process either way.
 */
export declare function verifyIdToken(token: string, options: VerifyOptions): Promise<VerifiedIdToken>;
