/**
 * An issuer's signing keys: OIDC discovery once, then its JWKS, both through the project's
 * HTTP client (proxy seam, retries) rather than jose's fetch-based remote key set. Keys are
 * imported once per kid and algorithm, so a verification with a known kid costs one Map
 * lookup. An unknown kid refetches the JWKS at most once per refresh interval: a stream of
 * tokens with made-up kids cannot turn into a stream of requests to the issuer.
 */
import { importJWK } from 'jose';
import type { CryptoKey, JWK } from 'jose';
import { KeyObject } from 'node:crypto';
import { usageError } from '../core/errors.js';
import type { FailureErrorCode } from '../core/errors.js';
import type { Clock, HttpClient } from '../core/http.js';
import { fetchWithRetry, systemClock } from '../core/http.js';
import { quote } from '../core/options.js';
import { rejected, shown } from './errors.js';

export type VerifyAlgorithm = 'RS256' | 'PS256' | 'ES256';
/** Asymmetric only: `none` and HMAC are never accepted, whatever a caller asks for. */
export const ALLOWED_ALGORITHMS: readonly VerifyAlgorithm[] = ['RS256', 'PS256', 'ES256'];

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

interface KeySet {
  byKid: Map<string, JWK[]>;
  all: JWK[];
  fetchedAt: number;
}

const LOOPBACK = /^(?:localhost|\[::1\]|127(?:\.\d{1,3}){3})$/i;

/** https, or plain http to a loopback host (the sandbox, a test issuer). */
export function validateIssuerUrl(raw: string, what: string, field: string): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw usageError(
      'INVALID_ISSUER',
      `The ${what} ${quote(raw)} is not a URL.`,
      "Give the issuer exactly as its tokens' iss claim has it, e.g. https://token.actions.githubusercontent.com.",
      field,
    );
  }
  const plainLoopback = url.protocol === 'http:' && LOOPBACK.test(url.hostname);
  if (url.protocol !== 'https:' && !plainLoopback) {
    throw usageError(
      'INVALID_ISSUER',
      `The ${what} ${quote(raw)} is not an https URL.`,
      'Keys must come over https (plain http only to a loopback host), or anyone on the path could swap them.',
      field,
    );
  }
  if (url.username !== '' || url.password !== '' || url.hash !== '') {
    throw usageError(
      'INVALID_ISSUER',
      `The ${what} ${quote(raw)} has credentials or a fragment.`,
      'Give the plain issuer URL.',
      field,
    );
  }
  return url;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function parseJson(body: string): unknown {
  try {
    return JSON.parse(body);
  } catch {
    return undefined;
  }
}

/** The public part of a usable signing key, or undefined (private, encryption or unknown keys). */
function publicSigningKey(raw: unknown): JWK | undefined {
  if (!isObject(raw) || raw['d'] !== undefined || raw['p'] !== undefined) return undefined;
  if (raw['use'] !== undefined && raw['use'] !== 'sig') return undefined;
  if (Array.isArray(raw['key_ops']) && !raw['key_ops'].includes('verify')) return undefined;
  const common: JWK = {};
  if (typeof raw['kid'] === 'string') common.kid = raw['kid'];
  if (typeof raw['alg'] === 'string') common.alg = raw['alg'];
  if (raw['kty'] === 'RSA' && typeof raw['n'] === 'string' && typeof raw['e'] === 'string')
    return { ...common, kty: 'RSA', n: raw['n'], e: raw['e'] };
  if (raw['kty'] === 'EC' && raw['crv'] === 'P-256' && typeof raw['x'] === 'string' && typeof raw['y'] === 'string')
    return { ...common, kty: 'EC', crv: 'P-256', x: raw['x'], y: raw['y'] };
  return undefined;
}

/** RFC 8725 3.1: a key is used only with the algorithm family it was made for. */
export function keyFits(jwk: JWK, alg: VerifyAlgorithm): boolean {
  if (jwk.alg !== undefined && jwk.alg !== alg) return false;
  return alg === 'ES256' ? jwk.kty === 'EC' : jwk.kty === 'RSA';
}

export class IssuerKeys {
  readonly issuer: string;
  private readonly http: HttpClient;
  private readonly clock: Clock;
  private readonly timeoutMs: number;
  private readonly refreshIntervalMs: number;
  private readonly maxAgeMs: number;
  private jwksUri: string | undefined;
  private keys: KeySet | undefined;
  /** When the last JWKS fetch was attempted, successful or not. */
  private lastAttemptAt = Number.NEGATIVE_INFINITY;
  private inflight: Promise<void> | undefined;
  /** `${alg} ${kid}` -> imported key: the whole cost of a cached verification's key lookup. */
  private imported = new Map<string, KeyObject>();

  constructor(options: IssuerKeysOptions) {
    this.issuer = options.issuer;
    this.http = options.http;
    this.clock = options.clock ?? systemClock;
    this.timeoutMs = options.timeoutMs ?? 30_000;
    this.refreshIntervalMs = options.refreshIntervalMs ?? 60_000;
    this.maxAgeMs = options.maxAgeMs ?? 600_000;
    this.jwksUri = options.jwksUri;
  }

  /** The imported key when it is cached and fresh; undefined sends the caller to resolve(). */
  cached(kid: string | undefined, alg: VerifyAlgorithm): KeyObject | undefined {
    const keys = this.keys;
    if (keys === undefined || this.clock.now() - keys.fetchedAt > this.maxAgeMs) return undefined;
    return this.imported.get(`${alg} ${kid ?? ''}`);
  }

  /** Finds (fetching or refreshing as needed) and imports the key for a token's kid and alg. */
  async resolve(kid: string | undefined, alg: VerifyAlgorithm): Promise<KeyObject> {
    const now = this.clock.now();
    if (this.keys === undefined) {
      await this.refresh();
    } else if (now - this.keys.fetchedAt > this.maxAgeMs && now - this.lastAttemptAt >= this.refreshIntervalMs) {
      // Stale keys: refetch, but an issuer outage should not fail tokens signed by keys we hold.
      await this.refresh().catch(() => undefined);
    }
    let jwk = this.select(kid, alg);
    if (jwk === undefined && this.clock.now() - this.lastAttemptAt >= this.refreshIntervalMs) {
      // A kid we have not seen may be a key the issuer just rotated in.
      await this.refresh();
      jwk = this.select(kid, alg);
    }
    if (jwk === undefined) throw this.noKey(kid, alg);
    const cacheKey = `${alg} ${kid ?? ''}`;
    const known = this.imported.get(cacheKey);
    if (known !== undefined) return known;
    let key: KeyObject;
    try {
      // jose validates the JWK for the algorithm; the signature check then runs on the same key
      // as a node:crypto KeyObject, synchronously (WebCrypto's async verify is the throughput limit).
      key = KeyObject.from((await importJWK(jwk, alg)) as CryptoKey);
      const details = key.asymmetricKeyDetails;
      if (alg !== 'ES256' && (details?.modulusLength ?? 0) < 2048)
        throw new Error('RSA keys must be at least 2048 bits');
      if (alg === 'ES256' && details?.namedCurve !== 'prime256v1') throw new Error('ES256 needs a P-256 key');
    } catch (err) {
      throw rejected(
        'KEY_UNUSABLE',
        `The issuer's key ${shown(kid ?? '(no kid)')} cannot be used for ${alg}: ${err instanceof Error ? err.message : String(err)}.`,
        "The issuer publishes a key this verifier cannot import; check the issuer's JWKS.",
        { cause: err },
      );
    }
    this.imported.set(cacheKey, key);
    return key;
  }

  private select(kid: string | undefined, alg: VerifyAlgorithm): JWK | undefined {
    const keys = this.keys;
    if (keys === undefined) return undefined;
    if (kid !== undefined) return keys.byKid.get(kid)?.find((k) => keyFits(k, alg));
    // No kid: acceptable only when exactly one key could have signed it.
    const fitting = keys.all.filter((k) => keyFits(k, alg));
    return fitting.length === 1 ? fitting[0] : undefined;
  }

  private noKey(kid: string | undefined, alg: VerifyAlgorithm): Error {
    const keys = this.keys as KeySet;
    if (kid === undefined) {
      const count = keys.all.filter((k) => keyFits(k, alg)).length;
      return rejected(
        'KID_MISSING',
        `The token has no kid header, and the issuer's JWKS has ${count} ${alg} keys, so none can be chosen.`,
        'Tokens from this issuer must name their signing key (kid).',
        { field: 'kid' },
      );
    }
    if (keys.byKid.has(kid)) {
      return rejected(
        'KEY_MISMATCH',
        `The issuer's key ${shown(kid)} is not a key for ${alg}.`,
        "The token's alg does not match the type of the key it names: it was not signed by the issuer.",
        { field: 'alg', actual: alg },
      );
    }
    const age = Math.round((this.clock.now() - keys.fetchedAt) / 1000);
    return rejected(
      'KID_UNKNOWN',
      `The token's signing key ${shown(kid)} is not in the issuer's JWKS (fetched ${age} s ago; refreshed for unknown keys at most every ${Math.round(this.refreshIntervalMs / 1000)} s).`,
      `Only keys in the JWKS of ${this.issuer} are trusted; the token was signed by some other key.`,
      { field: 'kid', actual: kid },
    );
  }

  private refresh(): Promise<void> {
    // Concurrent verifications share one fetch.
    this.inflight ??= this.fetchKeys().finally(() => {
      this.inflight = undefined;
    });
    return this.inflight;
  }

  private async fetchKeys(): Promise<void> {
    this.lastAttemptAt = this.clock.now();
    this.jwksUri ??= await this.discover();
    const body = await this.get(this.jwksUri, "the issuer's JWKS", 'JWKS_UNAVAILABLE');
    const list = isObject(body) && Array.isArray(body['keys']) ? body['keys'] : undefined;
    if (list === undefined) {
      throw rejected(
        'JWKS_INVALID',
        `The issuer's JWKS at ${this.jwksUri} is not a JSON object with a keys array.`,
        "Check the jwks_uri of the issuer's discovery document.",
      );
    }
    const all = list
      .slice(0, 100)
      .map(publicSigningKey)
      .filter((k): k is JWK => k !== undefined);
    if (all.length === 0) {
      throw rejected(
        'JWKS_INVALID',
        `The issuer's JWKS at ${this.jwksUri} has no RSA or P-256 signing key.`,
        'The issuer must publish RS256, PS256 or ES256 public keys.',
      );
    }
    const byKid = new Map<string, JWK[]>();
    for (const key of all) {
      if (key.kid === undefined) continue;
      const list = byKid.get(key.kid);
      if (list === undefined) byKid.set(key.kid, [key]);
      else list.push(key);
    }
    this.keys = { byKid, all, fetchedAt: this.clock.now() };
    this.imported = new Map();
  }

  private async discover(): Promise<string> {
    const url = `${this.issuer.replace(/\/+$/, '')}/.well-known/openid-configuration`;
    const doc = await this.get(url, "the issuer's discovery document", 'DISCOVERY_FAILED');
    if (!isObject(doc))
      throw rejected(
        'DISCOVERY_FAILED',
        `The discovery document at ${url} is not a JSON object.`,
        'Check --issuer: it must be the issuer URL itself, and the issuer must publish OIDC discovery.',
      );
    // OIDC Discovery 4.3: the document must name exactly the issuer it was fetched for.
    if (doc['issuer'] !== this.issuer) {
      throw rejected(
        'DISCOVERY_ISSUER_MISMATCH',
        `The discovery document at ${url} names the issuer ${shown(doc['issuer'])}, not ${shown(this.issuer)}.`,
        'Give --issuer exactly as the issuer spells itself (scheme, host, path, trailing slash).',
        { field: 'issuer', expected: this.issuer, actual: String(doc['issuer']) },
      );
    }
    const jwksUri = doc['jwks_uri'];
    if (typeof jwksUri !== 'string')
      throw rejected(
        'DISCOVERY_FAILED',
        `The discovery document at ${url} has no jwks_uri.`,
        'The issuer must publish its signing keys (jwks_uri).',
      );
    try {
      validateIssuerUrl(jwksUri, 'jwks_uri', 'jwks_uri');
    } catch {
      throw rejected(
        'DISCOVERY_FAILED',
        `The discovery document at ${url} points at the JWKS ${shown(jwksUri)}, which is not an https URL.`,
        "Keys must come over https; check the issuer's configuration.",
      );
    }
    return jwksUri;
  }

  private async get(url: string, what: string, code: FailureErrorCode): Promise<unknown> {
    const { response } = await fetchWithRetry(
      this.http,
      () => ({ method: 'GET', url, headers: { accept: 'application/json' } }),
      {
        deadlineAt: this.clock.now() + this.timeoutMs,
        what,
        clock: this.clock,
      },
    );
    if (response.status !== 200) {
      throw rejected(
        code,
        `${what.charAt(0).toUpperCase()}${what.slice(1)} at ${url} answered HTTP ${response.status}.`,
        'Check --issuer and that the issuer is reachable from here; the request was retried when the failure looked transient.',
        { actual: String(response.status) },
      );
    }
    const body = parseJson(response.body);
    if (body === undefined)
      throw rejected(
        code,
        `${what.charAt(0).toUpperCase()}${what.slice(1)} at ${url} is not JSON.`,
        'Check --issuer: something other than the issuer answered.',
      );
    return body;
  }
}
