// RSA signing keys with a self-signed certificate each, published as JWKs with x5t/x5c
// the way Entra and GitHub publish theirs.
import { createHash, generateKeyPair, type JsonWebKey, type KeyObject } from 'node:crypto';
import { promisify } from 'node:util';
import { certificateForKey } from './x509.js';

const generateRsaKeyPair = promisify(generateKeyPair);

export interface SigningKey {
  privateKey: KeyObject;
  publicKey: KeyObject;
  kid: string;
  /** base64url SHA-1 thumbprint of the key's certificate. */
  x5t: string;
  /** base64 DER certificate. */
  x5c: string;
}

/**
 * kidStyle 'x5t': kid equals x5t, as in Entra's keys. 'hex': kid is the upper-case hex
 * SHA-1 thumbprint, as in GitHub's Actions OIDC keys.
 */
export async function createSigningKey(commonName: string, kidStyle: 'x5t' | 'hex'): Promise<SigningKey> {
  // Async generation runs on the thread pool, so several keys are made in parallel.
  const { privateKey, publicKey } = await generateRsaKeyPair('rsa', { modulusLength: 2048 });
  const cert = certificateForKey({ privateKey, publicKey }, { commonName, days: 365 });
  const sha1 = createHash('sha1').update(cert.der).digest();
  return {
    privateKey,
    publicKey,
    kid: kidStyle === 'x5t' ? sha1.toString('base64url') : sha1.toString('hex').toUpperCase(),
    x5t: sha1.toString('base64url'),
    x5c: cert.der.toString('base64'),
  };
}

export function publicJwk(key: SigningKey, extra: Record<string, unknown> = {}): Record<string, unknown> {
  const { n, e } = key.publicKey.export({ format: 'jwk' }) as JsonWebKey;
  return { kty: 'RSA', use: 'sig', kid: key.kid, x5t: key.x5t, n, e, x5c: [key.x5c], ...extra };
}
