// The nbf/exp check Entra applies to every client assertion (AADSTS700024).
import { aadsts } from './errors.js';

/**
 * Clients stamp nbf with their own clock, and MSAL rounds it to the nearest second, so a
 * fresh assertion is often "from the future" by a fraction of a second. Entra accepts
 * those; exp, by contrast, is enforced to the second (700024 right after expiry).
 */
export const MIN_NOT_BEFORE_LEEWAY_SECONDS = 60;

export function checkValidityWindow(payload: Record<string, unknown>, nowMs: number, skewSeconds: number): void {
  const exp = payload['exp'];
  const nbf = payload['nbf'];
  if (typeof exp !== 'number' || !Number.isFinite(exp))
    throw aadsts.malformedJwt("the assertion has no numeric 'exp' claim");
  if (nbf !== undefined && (typeof nbf !== 'number' || !Number.isFinite(nbf))) {
    throw aadsts.malformedJwt("the assertion's 'nbf' claim is not numeric");
  }
  const now = nowMs / 1000;
  const expired = now >= exp + skewSeconds;
  const early = nbf !== undefined && now < nbf - Math.max(skewSeconds, MIN_NOT_BEFORE_LEEWAY_SECONDS);
  if (expired || early) {
    const iat = payload['iat'];
    const validFrom = nbf ?? (typeof iat === 'number' ? iat : undefined);
    throw aadsts.assertionTimeRange(nowMs, validFrom === undefined ? undefined : validFrom * 1000, exp * 1000);
  }
}

/** `aud` may be a string or an array of strings (RFC 7519 §4.1.3). */
export function audienceList(aud: unknown): string[] {
  if (typeof aud === 'string') return [aud];
  if (Array.isArray(aud)) return aud.filter((a): a is string => typeof a === 'string');
  return [];
}
