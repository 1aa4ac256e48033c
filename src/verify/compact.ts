/**
 * Splits a compact JWS and reads its header and claims, strictly: three base64url parts, JSON
 * objects. The claims are trusted only after the signature has been verified over these same
 * bytes; before that they serve only to reject early (never to accept).
 */
import { rejected } from './errors.js';

/** Real CI tokens are 1-2 KB; this refuses a runaway input before any parsing. */
export const MAX_TOKEN_LENGTH = 16 * 1024;

export interface CompactJwt {
  header: Record<string, unknown>;
  claims: Record<string, unknown>;
}

const B64URL = /^[A-Za-z0-9_-]*$/;

function malformed(why: string): Error {
  return rejected(
    'TOKEN_MALFORMED',
    `The token is not a signed JWT: ${why}.`,
    'Pass the raw OIDC ID token (three base64url parts separated by dots), nothing around it.',
  );
}

function part(text: string, which: string): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    throw malformed(`its ${which} is not base64url-encoded JSON`);
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed))
    throw malformed(`its ${which} is not a JSON object`);
  return parsed as Record<string, unknown>;
}

export function parseCompact(token: string): CompactJwt {
  if (token.length > MAX_TOKEN_LENGTH) throw malformed(`it is longer than ${MAX_TOKEN_LENGTH} characters`);
  const parts = token.split('.');
  if (parts.length === 5) throw malformed('it has five parts (an encrypted JWE), not three');
  if (parts.length !== 3) throw malformed(`it has ${parts.length} dot-separated parts, not three`);
  const [h, p, s] = parts as [string, string, string];
  if (h === '' || p === '' || !B64URL.test(h) || !B64URL.test(p) || !B64URL.test(s))
    throw malformed('its parts are not all base64url');
  return { header: part(h, 'header'), claims: part(p, 'payload') };
}
