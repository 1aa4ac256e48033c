// Compact JWS (JWT) signing, decoding and verification with node:crypto only.
import { constants, createPublicKey, sign, verify, type JsonWebKey, type KeyObject } from 'node:crypto';

export type JwtAlgorithm = 'RS256' | 'PS256' | 'ES256';
export type JsonObject = Record<string, unknown>;

export interface DecodedJwt {
  header: JsonObject;
  payload: JsonObject;
  signingInput: string;
  signature: Buffer;
}

/** The token is not a well-formed compact JWS with JSON header and payload. */
export class MalformedJwtError extends Error {
  override readonly name = 'MalformedJwtError';
}

const SUPPORTED: ReadonlySet<string> = new Set<JwtAlgorithm>(['RS256', 'PS256', 'ES256']);

export function signJwt(header: JsonObject, payload: JsonObject, privateKey: KeyObject): string {
  const alg = header['alg'];
  if (typeof alg !== 'string' || !SUPPORTED.has(alg)) throw new Error(`unsupported alg: ${String(alg)}`);
  const signingInput = `${encodeSegment(header)}.${encodeSegment(payload)}`;
  const signature = sign('sha256', Buffer.from(signingInput), signOptions(alg as JwtAlgorithm, privateKey));
  return `${signingInput}.${signature.toString('base64url')}`;
}

export function decodeJwt(token: string): DecodedJwt {
  const parts = token.split('.');
  if (parts.length !== 3) throw new MalformedJwtError(`expected 3 dot-separated segments, found ${parts.length}`);
  const [headerPart = '', payloadPart = '', signaturePart = ''] = parts;
  const base64url = /^[A-Za-z0-9_-]*$/;
  if (![headerPart, payloadPart, signaturePart].every((p) => base64url.test(p))) {
    throw new MalformedJwtError('a segment is not base64url');
  }
  return {
    header: decodeSegment(headerPart, 'header'),
    payload: decodeSegment(payloadPart, 'payload'),
    signingInput: `${headerPart}.${payloadPart}`,
    signature: Buffer.from(signaturePart, 'base64url'),
  };
}

/** True when the signature is valid for the header's alg and the given public key. */
export function verifyJwtSignature(jwt: DecodedJwt, publicKey: KeyObject): boolean {
  const alg = jwt.header['alg'];
  if (typeof alg !== 'string' || !SUPPORTED.has(alg)) return false;
  const keyType = publicKey.asymmetricKeyType;
  if ((alg === 'ES256') !== (keyType === 'ec')) return false;
  try {
    return verify('sha256', Buffer.from(jwt.signingInput), signOptions(alg as JwtAlgorithm, publicKey), jwt.signature);
  } catch {
    return false;
  }
}

/** Imports a public JWK; undefined if it is not a usable RSA or EC key. */
export function importJwk(jwk: unknown): KeyObject | undefined {
  if (typeof jwk !== 'object' || jwk === null) return undefined;
  try {
    const key = createPublicKey({ key: jwk as JsonWebKey, format: 'jwk' });
    return key.asymmetricKeyType === 'rsa' || key.asymmetricKeyType === 'ec' ? key : undefined;
  } catch {
    return undefined;
  }
}

function signOptions(alg: JwtAlgorithm, key: KeyObject) {
  switch (alg) {
    case 'RS256':
      return { key, padding: constants.RSA_PKCS1_PADDING };
    case 'PS256':
      // RFC 7518 §3.5: salt length equals the hash length.
      return { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: constants.RSA_PSS_SALTLEN_DIGEST };
    case 'ES256':
      // JOSE uses the raw r||s form, not DER.
      return { key, dsaEncoding: 'ieee-p1363' as const };
  }
}

function encodeSegment(value: JsonObject): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

function decodeSegment(segment: string, what: string): JsonObject {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(segment, 'base64url').toString('utf8'));
  } catch {
    throw new MalformedJwtError(`the ${what} is not JSON`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new MalformedJwtError(`the ${what} is not a JSON object`);
  }
  return value as JsonObject;
}
