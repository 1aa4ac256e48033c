/**
 * Claim patterns shared by policy rules and `verify --claim`: a value without wildcards
 * matches exactly (case-sensitively, as Entra compares FIC subjects); `*` matches any run of
 * characters except `/`, `**` any run including `/`, `?` one character except `/`. So
 * `refs/heads/release/*` does not match `refs/heads/release/x/y`: widening needs `**`.
 */
export interface ClaimPattern {
    /** What the user wrote, for messages. */
    readonly source: string;
    test(value: string): boolean;
}
export declare function compilePattern(source: string): ClaimPattern;
/**
 * The text a claim value is matched as: a string as it is, a number or boolean as JSON writes
 * it (GitHub sends `ref_protected` as "true", other issuers as true). An array never matches,
 * not even element by element: `repository: ["evil/x", "octo-org/octo-repo"]` is not the
 * repository octo-org/octo-repo. Objects and null never match either.
 */
export declare function claimText(value: unknown): string | undefined;
/** For a present claim no pattern can match: what it is ("an array"), to say so in a denial. */
export declare function wrongClaimType(value: unknown): string | undefined;
/** True when the claim is a single value and one of the patterns matches it. */
export declare function claimMatches(value: unknown, patterns: readonly ClaimPattern[]): boolean;
