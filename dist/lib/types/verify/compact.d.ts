/** Real CI tokens are 1-2 KB; this refuses a runaway input before any parsing. */
export declare const MAX_TOKEN_LENGTH: number;
export interface CompactJwt {
    header: Record<string, unknown>;
    claims: Record<string, unknown>;
}
export declare function parseCompact(token: string): CompactJwt;
