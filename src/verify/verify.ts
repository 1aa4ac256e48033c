/**
 * verifyIdToken: is this OIDC JWT from the expected issuer, for us, current, and from the
 * expected pipeline? For a deploy gate, or a service that receives a CI token.
 *
 * Order: the header (alg allow-list, crit, typ) and the unverified iss reject early without
 * any network; then the key, taken only from the issuer's JWKS by kid (jku, x5u, jwk and x5c
 * headers are never followed); then node:crypto checks the signature; then the claims. Every
 * rejection is a FederationError with its own code.
 */
import { constants, verify as verifySignature } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { FederationError, usageError } from '../core/errors.js';
import type { FederationErrorCode } from '../core/errors.js';
import type { Clock, HttpClient } from '../core/http.js';
import { createNodeHttpClient, systemClock } from '../core/http.js';
import { quote } from '../core/options.js';
import { evaluateClaims } from '../policy/claims-only.js';
import { compilePattern } from '../policy/glob.js';
import { policyDeniedError } from '../policy/guard.js';
import type { Policy } from '../policy/parse.js';
import type { ClaimChecks } from './claims.js';
import { checkClaims, checkIssuer } from './claims.js';
import { parseCompact } from './compact.js';
import { rejected, shown } from './errors.js';
import type { VerifyAlgorithm } from './issuer-keys.js';
import { ALLOWED_ALGORITHMS, IssuerKeys, validateIssuerUrl } from './issuer-keys.js';

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
  header: { alg: VerifyAlgorithm; kid?: string; typ?: string };
  claims: Record<string, unknown>;
}

export interface Verifier {
  readonly keys: IssuerKeys;
  verify(token: string): Promise<VerifiedIdToken>;
}

export const DEFAULT_CLOCK_SKEW_SECONDS = 60;
export const MAX_CLOCK_SKEW_SECONDS = 300;

/** Headers that name a key source of the token's own choosing: never followed, named on failure. */
const FOREIGN_KEY_HEADERS = [
  { header: 'jwk', code: 'EMBEDDED_JWK_IGNORED', what: 'carries its own public key (jwk header)' },
  { header: 'x5c', code: 'EMBEDDED_X5C_IGNORED', what: 'carries its own certificate chain (x5c header)' },
  { header: 'jku', code: 'JKU_IGNORED', what: 'points at its own key set (jku header)' },
  { header: 'x5u', code: 'X5U_IGNORED', what: 'points at its own certificate (x5u header)' },
] as const;

const KEY_FAILURES: ReadonlySet<FederationErrorCode> = new Set([
  'KID_UNKNOWN',
  'KID_MISSING',
  'KEY_MISMATCH',
  'SIGNATURE_INVALID',
]);

const registry = new Map<string, IssuerKeys>();

function sharedKeys(issuer: string, jwksUri: string | undefined, make: () => IssuerKeys): IssuerKeys {
  const id = `${issuer}\n${jwksUri ?? ''}`;
  let keys = registry.get(id);
  if (keys === undefined) {
    keys = make();
    registry.set(id, keys);
  }
  return keys;
}

function normalizeTyp(typ: string): string {
  const lower = typ.toLowerCase();
  return lower.startsWith('application/') ? lower.slice('application/'.length) : lower;
}

function checkOptions(options: VerifyOptions): {
  algorithms: Set<VerifyAlgorithm>;
  checks: ClaimChecks;
  typ: string;
  typRequired: boolean;
} {
  if (typeof options.issuer !== 'string' || options.issuer.trim() === '') {
    throw usageError(
      'MISSING_ISSUER',
      'No issuer given to verify against.',
      "Pass --issuer with the issuer URL exactly as the tokens' iss claim has it, e.g. https://token.actions.githubusercontent.com.",
      'issuer',
    );
  }
  validateIssuerUrl(options.issuer, 'issuer', 'issuer');
  if (options.jwksUri !== undefined) validateIssuerUrl(options.jwksUri, 'JWKS URI', 'jwks-uri');
  const audiences = (typeof options.audience === 'string' ? [options.audience] : [...(options.audience ?? [])]).filter(
    (a) => a !== '',
  );
  if (audiences.length === 0) {
    throw usageError(
      'MISSING_AUDIENCE',
      'No audience given: a token minted for any service would be accepted.',
      "Pass --audience with the audience the CI token is requested for (e.g. api://AzureADTokenExchange, or your service's own).",
      'audience',
    );
  }
  const algorithms = new Set<VerifyAlgorithm>();
  for (const alg of options.algorithms ?? ALLOWED_ALGORITHMS) {
    if (!ALLOWED_ALGORITHMS.includes(alg)) {
      throw usageError(
        'INVALID_ALGORITHM',
        `The algorithm ${quote(String(alg))} cannot be allowed.`,
        `Use one or more of ${ALLOWED_ALGORITHMS.join(', ')}; none and HMAC are never accepted.`,
        'algorithm',
      );
    }
    algorithms.add(alg);
  }
  const skew = options.clockSkewSeconds ?? DEFAULT_CLOCK_SKEW_SECONDS;
  if (!Number.isFinite(skew) || skew < 0 || skew > MAX_CLOCK_SKEW_SECONDS) {
    throw usageError(
      'INVALID_CLOCK_SKEW',
      `The clock skew ${quote(String(skew))} is not between 0 and ${MAX_CLOCK_SKEW_SECONDS} seconds.`,
      `Pass --clock-skew as seconds up to ${MAX_CLOCK_SKEW_SECONDS}; CI tokens live minutes, so more would accept expired tokens.`,
      'clock-skew',
    );
  }
  const maxAge = options.maxTokenAgeSeconds;
  if (maxAge !== undefined && (!Number.isFinite(maxAge) || maxAge <= 0)) {
    throw usageError(
      'INVALID_MAX_AGE',
      `The maximum token age ${quote(String(maxAge))} is not a positive number of seconds.`,
      'Pass --max-age as seconds, e.g. --max-age 600.',
      'max-age',
    );
  }
  const patterns = Object.entries(options.claims ?? {}).map(([claim, value]) => {
    const list = typeof value === 'string' ? [value] : [...value];
    if (claim === '' || list.length === 0 || list.some((p) => typeof p !== 'string' || p === '')) {
      throw usageError(
        'INVALID_CLAIM_PATTERN',
        `The claim pattern for ${quote(claim)} is empty.`,
        'Give claim patterns as NAME=PATTERN, e.g. --claim repository=octo-org/octo-repo --claim ref=refs/heads/main.',
        'claim',
      );
    }
    return { claim, patterns: list.map(compilePattern) };
  });
  return {
    algorithms,
    typ: normalizeTyp(options.typ ?? 'JWT'),
    typRequired: options.typ !== undefined,
    checks: {
      issuer: options.issuer,
      audiences,
      skewSeconds: skew,
      ...(maxAge === undefined ? {} : { maxAgeSeconds: maxAge }),
      required: [...(options.requiredClaims ?? [])],
      patterns,
    },
  };
}

function checkHeader(
  header: Record<string, unknown>,
  algorithms: ReadonlySet<VerifyAlgorithm>,
  typ: string,
  typRequired: boolean,
): { alg: VerifyAlgorithm; kid: string | undefined } {
  const alg = header['alg'];
  if (typeof alg !== 'string' || alg === '') {
    throw rejected(
      'ALG_NOT_ALLOWED',
      "The token's header has no alg.",
      'Only tokens signed with RS256, PS256 or ES256 are accepted.',
      { field: 'alg' },
    );
  }
  if (alg.toLowerCase() === 'none') {
    throw rejected(
      'ALG_NONE',
      'The token is unsigned (alg "none"): anyone could have written it.',
      'Only signed tokens are accepted; this one is forged or broken.',
      { field: 'alg', actual: alg },
    );
  }
  if (/^HS/i.test(alg)) {
    throw rejected(
      'ALG_HMAC',
      `The token uses the symmetric algorithm ${shown(alg)}: an HMAC "signature" over an issuer's public key can be made by anyone.`,
      "Only asymmetric signatures (RS256, PS256, ES256) checked with the issuer's public keys are accepted.",
      { field: 'alg', actual: alg },
    );
  }
  if (!algorithms.has(alg as VerifyAlgorithm)) {
    throw rejected(
      'ALG_NOT_ALLOWED',
      `The token's algorithm ${shown(alg)} is not allowed (allowed: ${[...algorithms].join(', ')}).`,
      "Allow the issuer's algorithm with --algorithm if it is one of RS256, PS256, ES256; others are refused.",
      { field: 'alg', expected: [...algorithms].join(' | '), actual: alg },
    );
  }
  const crit = header['crit'];
  if (crit !== undefined) {
    const names = Array.isArray(crit) ? crit.map((c) => shown(c)).join(', ') : shown(crit);
    throw rejected(
      'CRIT_UNSUPPORTED',
      `The token marks header extensions as critical (crit ${names}) that this verifier does not understand.`,
      'RFC 7515 requires refusing a token whose critical extensions are not understood; CI tokens use none.',
      { field: 'crit', actual: names },
    );
  }
  const kid = header['kid'];
  if (kid !== undefined && (typeof kid !== 'string' || kid.length > 256)) {
    throw rejected(
      'TOKEN_MALFORMED',
      "The token's kid header is not a string of at most 256 characters.",
      'The token is malformed; do not accept it.',
      { field: 'kid' },
    );
  }
  const tokenTyp = header['typ'];
  if (tokenTyp !== undefined || typRequired) {
    if (typeof tokenTyp !== 'string' || normalizeTyp(tokenTyp) !== typ) {
      throw rejected(
        'TYP_MISMATCH',
        `The token's type (typ header) is ${tokenTyp === undefined ? 'missing' : shown(tokenTyp)}, not ${JSON.stringify(typ.toUpperCase())}: it may be another kind of JWT (an access token, a logout token) presented as an ID token.`,
        'Present an ID token of the expected type, or pass --typ with the type this issuer uses.',
        { field: 'typ', expected: typ, actual: String(tokenTyp) },
      );
    }
  }
  return { alg: alg as VerifyAlgorithm, kid: kid as string | undefined };
}

/** A key failure of a token that named its own key source says so: that is the attack. */
function foreignKeyError(header: Record<string, unknown>, err: FederationError): FederationError {
  const foreign = FOREIGN_KEY_HEADERS.find((f) => header[f.header] !== undefined);
  if (foreign === undefined || !KEY_FAILURES.has(err.code)) return err;
  const value = header[foreign.header];
  const where = typeof value === 'string' ? ` ${shown(value)}` : '';
  return new FederationError(
    foreign.code,
    `The token ${foreign.what}${where}, which is never used to find keys; with the issuer's own keys: ${err.message.charAt(0).toLowerCase()}${err.message.slice(1)}`,
    {
      remedy: "Only keys from the issuer's JWKS are trusted; a token that brings its own key is forged.",
      field: foreign.header,
      cause: err,
    },
  );
}

/**
 * The JWS signature over header.payload, with the algorithm's exact parameters (RFC 7518):
 * PKCS#1 v1.5 for RS256, PSS with a 32-byte salt for PS256, a raw r||s pair for ES256.
 */
function checkSignature(token: string, alg: VerifyAlgorithm, key: KeyObject): void {
  const dot = token.lastIndexOf('.');
  const signature = Buffer.from(token.slice(dot + 1), 'base64url');
  if (alg === 'ES256' && signature.length !== 64)
    throw signatureError({ code: 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED' });
  const signer =
    alg === 'RS256'
      ? key
      : alg === 'PS256'
        ? { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: constants.RSA_PSS_SALTLEN_DIGEST }
        : { key, dsaEncoding: 'ieee-p1363' as const };
  let ok = false;
  try {
    ok = verifySignature('sha256', Buffer.from(token.slice(0, dot)), signer, signature);
  } catch (err) {
    throw signatureError(err);
  }
  if (!ok) throw signatureError({ code: 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED' });
}

function signatureError(err: unknown): FederationError {
  const code = (err as { code?: unknown }).code;
  if (code === 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED') {
    return rejected(
      'SIGNATURE_INVALID',
      "The token's signature does not verify with the issuer's key it names: it was altered after signing, or signed by another key.",
      'Do not accept this token; request a fresh one from the CI.',
      { cause: err },
    );
  }
  const detail = err instanceof Error ? err.message : String(err);
  if (code === 'ERR_JWS_INVALID')
    return rejected(
      'TOKEN_MALFORMED',
      `The token is not a valid JWS: ${detail}.`,
      'Pass the raw OIDC ID token, nothing around it.',
      { cause: err },
    );
  if (code === 'ERR_JOSE_NOT_SUPPORTED')
    return rejected(
      'CRIT_UNSUPPORTED',
      `The token uses an unsupported JWS feature: ${detail}.`,
      'CI tokens use no JWS extensions; do not accept this one.',
      { cause: err },
    );
  return rejected(
    'KEY_UNUSABLE',
    `The token could not be checked with the issuer's key: ${detail}.`,
    "The issuer's key is unsuitable (e.g. an RSA key under 2048 bits); check the issuer's JWKS.",
    { cause: err },
  );
}

export function createVerifier(options: VerifyOptions): Verifier {
  const { algorithms, checks, typ, typRequired } = checkOptions(options);
  const clock = options.clock ?? systemClock;
  const keys =
    options.keys ??
    sharedKeys(
      options.issuer,
      options.jwksUri,
      () =>
        new IssuerKeys({
          issuer: options.issuer,
          ...(options.jwksUri === undefined ? {} : { jwksUri: options.jwksUri }),
          http: options.http ?? createNodeHttpClient({ userAgent: 'entra-federate' }),
          clock,
          ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
          ...(options.jwksRefreshIntervalSeconds === undefined
            ? {}
            : { refreshIntervalMs: options.jwksRefreshIntervalSeconds * 1000 }),
        }),
    );
  const policy = options.policy;

  return {
    keys,
    async verify(token: string): Promise<VerifiedIdToken> {
      if (typeof token !== 'string')
        throw rejected('TOKEN_MALFORMED', 'The token is not a string.', 'Pass the raw OIDC ID token.');
      const { header, claims } = parseCompact(token);
      const { alg, kid } = checkHeader(header, algorithms, typ, typRequired);
      // Unverified, so it may only reject: a token from another issuer costs no key fetch.
      checkIssuer(claims, checks.issuer);
      try {
        const key = keys.cached(kid, alg) ?? (await keys.resolve(kid, alg));
        checkSignature(token, alg, key);
      } catch (err) {
        throw err instanceof FederationError ? foreignKeyError(header, err) : err;
      }
      // The claims were parsed from exactly the bytes whose signature was just verified.
      checkClaims(claims, checks, clock.now());
      if (policy !== undefined) {
        const decision = evaluateClaims(policy, claims);
        if (!decision.allowed) throw policyDeniedError(decision.denial);
      }
      const out: VerifiedIdToken = { header: { alg }, claims };
      if (kid !== undefined) out.header.kid = kid;
      if (typeof header['typ'] === 'string') out.header.typ = header['typ'];
      return out;
    },
  };
}

interface CachedVerifier {
  /** What the checks were compiled from: the options' values, compared on every call. */
  values: string;
  /** And the objects they were built with, compared by identity. */
  objects: readonly unknown[];
  verifier: Verifier;
}

const verifiers = new WeakMap<VerifyOptions, CachedVerifier>();

/** JSON would write NaN and Infinity as null and drop undefined: tag them, so a change to them shows. */
function tagged(_key: string, value: unknown): unknown {
  if (typeof value === 'number') return { number: String(value) };
  return value === undefined ? { undefined: true } : value;
}

function optionValues(options: VerifyOptions): string {
  return JSON.stringify(
    [
      options.issuer,
      options.audience,
      options.algorithms,
      options.clockSkewSeconds,
      options.maxTokenAgeSeconds,
      options.typ,
      options.requiredClaims,
      options.claims,
      options.jwksUri,
      options.timeoutMs,
      options.jwksRefreshIntervalSeconds,
    ],
    tagged,
  );
}

function optionObjects(options: VerifyOptions): unknown[] {
  return [options.policy, options.http, options.clock, options.keys];
}

/**
 * Verifies one token. The checks compiled from an options object are reused while it stays the
 * same, and compiled again as soon as anything in it changes (a claim pattern, the audience, the
 * policy): a verification never runs on stale checks. Keys are cached per issuer for the whole
 * process either way.
 */
export async function verifyIdToken(token: string, options: VerifyOptions): Promise<VerifiedIdToken> {
  const values = optionValues(options);
  const objects = optionObjects(options);
  let cached = verifiers.get(options);
  if (cached === undefined || cached.values !== values || cached.objects.some((o, i) => o !== objects[i])) {
    cached = { values, objects, verifier: createVerifier(options) };
    verifiers.set(options, cached);
  }
  return cached.verifier.verify(token);
}
