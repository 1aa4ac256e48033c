/**
 * Reads the claims of a JWT without checking its signature: for showing who a CI token says
 * it is (summary, doctor, audit). Trust decisions use verify/, never this.
 */
import { FederationError } from './errors.js';

export type JwtClaims = Record<string, unknown>;

export interface DecodedJwt {
  header: Record<string, unknown>;
  claims: JwtClaims;
}

/** Big enough for any real CI token (GitHub's are ~1.5 KB); refuses a runaway input. */
export const MAX_JWT_LENGTH = 64 * 1024;

function decodePart(part: string, which: string, source: string): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
  } catch {
    throw malformed(`its ${which} is not base64url-encoded JSON`, source);
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed))
    throw malformed(`its ${which} is not a JSON object`, source);
  return parsed as Record<string, unknown>;
}

function malformed(why: string, source: string): FederationError {
  return new FederationError('MALFORMED_ID_TOKEN', `The CI token from ${source} is not a JWT: ${why}.`, {
    remedy:
      'Pass the raw OIDC ID token (three base64url parts separated by dots), not a file path, a JSON wrapper or quotes.',
    usage: true,
  });
}

export function decodeJwt(token: string, source = 'the given source'): DecodedJwt {
  if (token.length > MAX_JWT_LENGTH) throw malformed(`it is longer than ${MAX_JWT_LENGTH} characters`, source);
  const parts = token.split('.');
  if (parts.length !== 3 || parts.some((p) => !/^[A-Za-z0-9_-]*$/.test(p)) || parts[0] === '' || parts[1] === '') {
    throw malformed('it does not have three base64url parts', source);
  }
  return {
    header: decodePart(parts[0] ?? '', 'header', source),
    claims: decodePart(parts[1] ?? '', 'payload', source),
  };
}

export function stringClaim(claims: JwtClaims, name: string): string | undefined {
  const value = claims[name];
  return typeof value === 'string' ? value : undefined;
}

export function audienceClaim(claims: JwtClaims): string | string[] | undefined {
  const aud = claims['aud'];
  if (typeof aud === 'string') return aud;
  if (Array.isArray(aud) && aud.every((a): a is string => typeof a === 'string')) return aud;
  return undefined;
}

/** The furthest a JavaScript date reaches from 1970, in seconds (ECMA-262 "Time Values"). */
const MAX_DATE_SECONDS = 8.64e12;

/**
 * A time claim (exp, nbf, iat) as seconds since 1970. A value no date can hold (1e300) reads as
 * absent: it would otherwise throw a RangeError wherever the time is shown.
 */
export function numericClaim(claims: JwtClaims, name: string): number | undefined {
  const value = claims[name];
  return typeof value === 'number' && Math.abs(value) <= MAX_DATE_SECONDS ? value : undefined;
}
