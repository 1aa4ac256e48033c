/**
 * Small readers the providers share: a CI token taken as the raw JWT, trimmed (checked before
 * anything is sent, so "the variable holds a path / quotes / JSON" is reported as such, not as
 * an opaque AADSTS50027 from Entra), its audiences, and environment values.
 */
import { decodeJwt, MAX_JWT_LENGTH } from '../core/jwt.js';
import type { JwtClaims } from '../core/jwt.js';
import type { Env } from './types.js';

const JWT_SHAPE = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;

/** The trimmed token when `raw` looks like a JWT, else undefined. */
export function asJwt(raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  const token = raw.trim();
  return token.length <= MAX_JWT_LENGTH && JWT_SHAPE.test(token) ? token : undefined;
}

/** The claims of a JWT-shaped value, or undefined when it does not decode. */
export function claimsOf(token: string): JwtClaims | undefined {
  try {
    return decodeJwt(token).claims;
  } catch {
    return undefined;
  }
}

export function audiencesOf(claims: JwtClaims | undefined): string[] {
  const aud = claims?.['aud'];
  if (typeof aud === 'string') return [aud];
  return Array.isArray(aud) ? aud.filter((a): a is string => typeof a === 'string') : [];
}

/** An environment variable's value when set and not blank. */
export function envValue(env: Env, name: string): string | undefined {
  const value = env[name];
  return value === undefined || value.trim() === '' ? undefined : value;
}

/** A full git ref from a CI's separate tag and branch variables (tag wins, as in the CI). */
export function gitRef(tag: string | undefined, branch: string | undefined): string | undefined {
  if (tag !== undefined && tag !== '') return tag.startsWith('refs/') ? tag : `refs/tags/${tag}`;
  if (branch !== undefined && branch !== '') return branch.startsWith('refs/') ? branch : `refs/heads/${branch}`;
  return undefined;
}
