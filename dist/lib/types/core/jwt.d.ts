export type JwtClaims = Record<string, unknown>;
export interface DecodedJwt {
    header: Record<string, unknown>;
    claims: JwtClaims;
}
/** Big enough for any real CI token (GitHub's are ~1.5 KB); refuses a runaway input. */
export declare const MAX_JWT_LENGTH: number;
export declare function decodeJwt(token: string, source?: string): DecodedJwt;
export declare function stringClaim(claims: JwtClaims, name: string): string | undefined;
export declare function audienceClaim(claims: JwtClaims): string | string[] | undefined;
/**
 * A time claim (exp, nbf, iat) as seconds since 1970. A value no date can hold (1e300) reads as
 * absent: it would otherwise throw a RangeError wherever the time is shown.
 */
export declare function numericClaim(claims: JwtClaims, name: string): number | undefined;
