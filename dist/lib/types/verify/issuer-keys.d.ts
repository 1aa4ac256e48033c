import type { JWK } from 'jose';
import { KeyObject } from 'node:crypto';
import type { Clock, HttpClient } from '../core/http.js';
export type VerifyAlgorithm = 'RS256' | 'PS256' | 'ES256';
/** Asymmetric only: `none` and HMAC are never accepted, whatever a caller asks for. */
export declare const ALLOWED_ALGORITHMS: readonly VerifyAlgorithm[];
export interface IssuerKeysOptions {
    /** Exactly as the tokens' `iss` and the discovery document's `issuer` spell it. */
    issuer: string;
    /** Skips discovery when the issuer publishes none. */
    jwksUri?: string;
    http: HttpClient;
    clock?: Clock;
    /** Per discovery or JWKS fetch, retries included. Default 30 s. */
    timeoutMs?: number;
    /** Shortest time between two JWKS fetches caused by unknown kids. Default 60 s. */
    refreshIntervalMs?: number;
    /** Keys older than this are refetched before use (kept if the issuer is down). Default 10 min. */
    maxAgeMs?: number;
}
/** https, or plain http to a loopback host (the sandbox, a test issuer). */
export declare function validateIssuerUrl(raw: string, what: string, field: string): URL;
/** RFC 8725 3.1: a key is used only with the algorithm family it was made for. */
export declare function keyFits(jwk: JWK, alg: VerifyAlgorithm): boolean;
export declare class IssuerKeys {
    readonly issuer: string;
    private readonly http;
    private readonly clock;
    private readonly timeoutMs;
    private readonly refreshIntervalMs;
    private readonly maxAgeMs;
    private jwksUri;
    private keys;
    /** When the last JWKS fetch was attempted, successful or not. */
    private lastAttemptAt;
    private inflight;
    /** `${alg} ${kid}` -> imported key: the whole cost of a cached verification's key lookup. */
    private imported;
    constructor(options: IssuerKeysOptions);
    /** The imported key when it is cached and fresh; undefined sends the caller to resolve(). */
    cached(kid: string | undefined, alg: VerifyAlgorithm): KeyObject | undefined;
    /** Finds (fetching or refreshing as needed) and imports the key for a token's kid and alg. */
    resolve(kid: string | undefined, alg: VerifyAlgorithm): Promise<KeyObject>;
    private select;
    private noKey;
    private refresh;
    private fetchKeys;
    private discover;
    private get;
}
