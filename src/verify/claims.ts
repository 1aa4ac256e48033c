/**
 * The checks on a verified token's claims: exact issuer, audience, time with a bounded skew,
 * required claims and claim patterns. Each failure has its own code and names the claim,
 * what was expected and what the token holds.
 */
import type { ClaimPattern } from '../policy/glob.js';
import { showClaim } from '../core/text.js';
import { claimMatches, wrongClaimType } from '../policy/glob.js';
import { rejected } from './errors.js';
import { isoTime } from '../core/text.js';

export interface ClaimChecks {
  issuer: string;
  audiences: readonly string[];
  skewSeconds: number;
  maxAgeSeconds?: number;
  required: readonly string[];
  patterns: readonly { claim: string; patterns: ClaimPattern[] }[];
}

function own(claims: Record<string, unknown>, name: string): unknown {
  return Object.hasOwn(claims, name) ? claims[name] : undefined;
}

function missing(claim: string, why: string): Error {
  return rejected(
    'CLAIM_MISSING',
    `The token has no ${claim} claim, which ${why}.`,
    `Only tokens with a ${claim} claim are accepted; check that the token comes from the expected issuer.`,
    { field: claim },
  );
}

/** The furthest a JavaScript date reaches from 1970, in seconds (ECMA-262 "Time Values"). */
const MAX_NUMERIC_DATE = 8.64e12;

/**
 * A NumericDate: a finite number (RFC 7519 2) that a date can hold. Strings such as
 * "1700000000" are refused, and so is 1e300, which no date (and no message about it) can show.
 */
function numericDate(claims: Record<string, unknown>, name: string, required: boolean): number | undefined {
  const value = own(claims, name);
  if (value === undefined) {
    if (required) throw missing(name, 'OIDC ID tokens must carry');
    return undefined;
  }
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw rejected(
      'CLAIM_INVALID',
      `The token's ${name} claim is ${showClaim(value)}, not a number of seconds.`,
      'The issuer produced a malformed token; do not accept it.',
      { field: name, actual: showClaim(value) },
    );
  }
  if (Math.abs(value) > MAX_NUMERIC_DATE) {
    throw rejected(
      'CLAIM_OUT_OF_RANGE',
      `The token's ${name} claim is ${value}, which is no date: a time claim holds seconds since 1970, at most ${MAX_NUMERIC_DATE}.`,
      'The issuer produced a malformed (or forged) token; do not accept it.',
      { field: name, actual: String(value) },
    );
  }
  return value;
}

export function checkIssuer(claims: Record<string, unknown>, issuer: string): void {
  const iss = own(claims, 'iss');
  if (iss === undefined) throw missing('iss', 'names the issuer');
  if (iss !== issuer) {
    throw rejected(
      'UNEXPECTED_ISSUER',
      `The token was issued by ${showClaim(iss)}, not ${JSON.stringify(issuer)}.`,
      'Accept tokens only from the expected issuer; compare exactly (scheme, host, path, trailing slash).',
      { field: 'iss', expected: issuer, actual: showClaim(iss) },
    );
  }
}

export function checkClaims(claims: Record<string, unknown>, checks: ClaimChecks, nowMs: number): void {
  checkIssuer(claims, checks.issuer);
  if (typeof own(claims, 'sub') !== 'string') throw missing('sub', 'names the subject (the pipeline)');

  const aud = own(claims, 'aud');
  const audList =
    typeof aud === 'string' ? [aud] : Array.isArray(aud) ? aud.filter((a): a is string => typeof a === 'string') : [];
  if (aud === undefined) throw missing('aud', 'says whom the token is for');
  if (!audList.some((a) => checks.audiences.includes(a))) {
    throw rejected(
      'UNEXPECTED_AUDIENCE',
      `The token is for the audience ${showClaim(aud)}, not ${checks.audiences.map((a) => JSON.stringify(a)).join(' or ')}.`,
      'A token minted for another service must not be accepted here; have the CI request this audience.',
      { field: 'aud', expected: checks.audiences.join(' | '), actual: showClaim(aud) },
    );
  }

  const now = nowMs / 1000;
  const skew = checks.skewSeconds;
  const exp = numericDate(claims, 'exp', true) as number;
  if (now >= exp + skew) {
    throw rejected(
      'TOKEN_EXPIRED',
      `The token expired at ${isoTime(exp * 1000)}, ${Math.round(now - exp)} s ago (allowed clock skew ${skew} s).`,
      'Request a fresh token from the CI; CI tokens live minutes.',
      { field: 'exp', actual: isoTime(exp * 1000) },
    );
  }
  const nbf = numericDate(claims, 'nbf', false);
  if (nbf !== undefined && nbf > now + skew) {
    throw rejected(
      'TOKEN_NOT_YET_VALID',
      `The token is not valid before ${isoTime(nbf * 1000)}, ${Math.round(nbf - now)} s from now (allowed clock skew ${skew} s).`,
      'Check the clocks of the issuer and this machine; a token valid only in the future is refused.',
      { field: 'nbf', actual: isoTime(nbf * 1000) },
    );
  }
  const iat = numericDate(claims, 'iat', true) as number;
  if (iat > now + skew) {
    throw rejected(
      'TOKEN_ISSUED_IN_FUTURE',
      `The token claims to be issued at ${isoTime(iat * 1000)}, ${Math.round(iat - now)} s from now (allowed clock skew ${skew} s).`,
      'Check the clocks of the issuer and this machine.',
      { field: 'iat', actual: isoTime(iat * 1000) },
    );
  }
  if (checks.maxAgeSeconds !== undefined && now - iat > checks.maxAgeSeconds + skew) {
    throw rejected(
      'TOKEN_TOO_OLD',
      `The token was issued at ${isoTime(iat * 1000)}, ${Math.round(now - iat)} s ago, more than the allowed ${checks.maxAgeSeconds} s.`,
      'Request a fresh token from the CI.',
      { field: 'iat', expected: `at most ${checks.maxAgeSeconds} s old`, actual: isoTime(iat * 1000) },
    );
  }

  for (const name of checks.required) {
    const value = own(claims, name);
    if (value === undefined || value === null) throw missing(name, 'is required here');
  }
  for (const { claim, patterns } of checks.patterns) {
    const value = own(claims, claim);
    if (value === undefined || value === null)
      throw missing(claim, `must match ${patterns.map((p) => JSON.stringify(p.source)).join(' or ')}`);
    const wrongType = wrongClaimType(value);
    if (wrongType !== undefined) {
      throw rejected(
        'CLAIM_WRONG_TYPE',
        `The token's ${claim} claim has the wrong type: ${wrongType} (${showClaim(value)}), and only a single string, number or boolean can match ${patterns.map((p) => JSON.stringify(p.source)).join(' or ')}.`,
        `Only tokens whose ${claim} is one value that matches are accepted here; a list is not read as "any of".`,
        { field: claim, expected: patterns.map((p) => p.source).join(' | '), actual: showClaim(value) },
      );
    }
    if (!claimMatches(value, patterns)) {
      const expected = patterns.map((p) => p.source);
      throw rejected(
        'CLAIM_MISMATCH',
        `The token's ${claim} claim is ${showClaim(value)}, which does not match ${expected.map((e) => JSON.stringify(e)).join(' or ')}.`,
        `Only tokens whose ${claim} matches are accepted here: run from the expected pipeline, or change the pattern.`,
        { field: claim, expected: expected.join(' | '), actual: showClaim(value) },
      );
    }
  }
}
