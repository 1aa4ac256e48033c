/**
 * Every failure a user can meet is a FederationError: a stable `code` that tools can branch on,
 * a message that says what happened, and a `remedy` that says what to change. Fields that
 * Microsoft support asks for (trace and correlation ids) travel with it. The codes, what each
 * means and whether it is bad usage (exit 2) or a failure (exit 1) live in error-catalogue.ts.
 *
 * Messages never carry a token, assertion or secret: they are built from claims and names only.
 */
import type { FailureErrorCode, FederationErrorCode, UsageErrorCode } from './error-catalogue.js';
export type { FailureErrorCode, FederationErrorCode, UsageErrorCode } from './error-catalogue.js';
export interface PresentedClaims {
    iss?: string;
    sub?: string;
    aud?: string | string[];
}
export interface FailedRequest {
    clientId: string;
    tenantId: string;
    cloud: 'AzureCloud' | 'AzureUSGovernment' | 'AzureChinaCloud';
    audience: string;
}
export interface FederationErrorDetails {
    remedy: string;
    aadsts?: number;
    oauthError?: string;
    traceId?: string;
    correlationId?: string;
    timestamp?: string;
    status?: number;
    /** Structured context (which claim or option, what was expected, what was found). */
    field?: string;
    expected?: string;
    actual?: string;
    /** The iss/sub/aud of the CI token that was presented, for mismatch errors. */
    presented?: PresentedClaims;
    /** All claims of that token, for the doctor's explanation (claims, never the token). */
    claims?: Record<string, unknown>;
    /** What was asked for when it failed: lets the doctor explain without the original flags. */
    request?: FailedRequest;
    scope?: string;
    cause?: unknown;
}
export declare class FederationError extends Error {
    readonly name = "FederationError";
    readonly code: FederationErrorCode;
    readonly remedy: string;
    /** The user's input or environment is wrong: exit 2, and nothing was sent. */
    readonly usage: boolean;
    readonly aadsts?: number;
    readonly oauthError?: string;
    readonly traceId?: string;
    readonly correlationId?: string;
    readonly timestamp?: string;
    readonly status?: number;
    readonly field?: string;
    readonly expected?: string;
    readonly actual?: string;
    readonly scope?: string;
    presented?: PresentedClaims;
    claims?: Record<string, unknown>;
    request?: FailedRequest;
    /**
     * Whether a code is bad usage is the catalogue's word, checked here by the compiler: a usage
     * code must be made with `usage: true` (or by usageError), and a failure's code without it.
     */
    constructor(code: UsageErrorCode, message: string, details: FederationErrorDetails & {
        usage: true;
    });
    constructor(code: FailureErrorCode, message: string, details: FederationErrorDetails & {
        usage?: false;
    });
    /**
     * The same error told again: in other words (a plugin names settings where the CLI names
     * flags), or as another process reported it. Its code and usage were checked when it was made.
     */
    static restate(original: {
        code: FederationErrorCode;
        usage: boolean;
    }, message: string, details: FederationErrorDetails): FederationError;
    /** A plain object for `--json` output and audit records. */
    toJSON(): Record<string, unknown>;
}
/** An input the user gave (flag, variable, file) is wrong; nothing has been sent. */
export declare function usageError(code: UsageErrorCode, message: string, remedy: string, field?: string): FederationError;
export declare function isFederationError(err: unknown): err is FederationError;
