// Checks the bearer token on a Graph or ARM request: only access tokens this sandbox signed,
// for this tenant, for the service's own audience, not yet expired.
import type { IncomingMessage } from 'node:http';
import { bearerToken } from './http.js';
import { decodeJwt, MalformedJwtError, verifyJwtSignature } from './jwt.js';
import type { SandboxState } from './state.js';

/** The audiences each service accepts, as the real ones do (URI with or without slash, or the app id). */
export const GRAPH_AUDIENCES: readonly string[] = [
  'https://graph.microsoft.com',
  'https://graph.microsoft.com/',
  '00000003-0000-0000-c000-000000000000',
];
export const ARM_AUDIENCES: readonly string[] = [
  'https://management.core.windows.net/',
  'https://management.core.windows.net',
  'https://management.azure.com/',
  'https://management.azure.com',
];

export type BearerCheck =
  | { ok: true; claims: Record<string, unknown> }
  | { ok: false; problem: 'missing' | 'invalid' | 'tenant'; detail?: string }
  | { ok: false; problem: 'audience'; audience: string }
  | { ok: false; problem: 'expired'; exp: number };

export function checkBearer(state: SandboxState, req: IncomingMessage, audiences: readonly string[]): BearerCheck {
  if (!req.headers.authorization) return { ok: false, problem: 'missing' };
  const token = bearerToken(req.headers);
  if (token === undefined) return { ok: false, problem: 'invalid', detail: 'not a Bearer authorization' };
  let claims: Record<string, unknown>;
  try {
    const jwt = decodeJwt(token);
    if (!verifyJwtSignature(jwt, state.entraKey.publicKey))
      return { ok: false, problem: 'invalid', detail: 'not signed by this sandbox' };
    claims = jwt.payload;
  } catch (err) {
    if (err instanceof MalformedJwtError) return { ok: false, problem: 'invalid', detail: 'not a JWT' };
    throw err;
  }
  const aud = typeof claims['aud'] === 'string' ? claims['aud'] : '';
  if (!audiences.includes(aud)) return { ok: false, problem: 'audience', audience: aud };
  if (claims['tid'] !== state.tenantId) return { ok: false, problem: 'tenant' };
  const exp = claims['exp'];
  if (typeof exp !== 'number' || exp * 1000 <= state.now()) return { ok: false, problem: 'expired', exp: Number(exp) };
  return { ok: true, claims };
}

/** Delegated (`scp`, space-separated) and application (`roles`) permissions of a token. */
export function tokenPermissions(claims: Record<string, unknown>): Set<string> {
  const out = new Set<string>();
  if (typeof claims['scp'] === 'string') for (const s of claims['scp'].split(' ')) if (s) out.add(s.toLowerCase());
  if (Array.isArray(claims['roles']))
    for (const r of claims['roles']) if (typeof r === 'string') out.add(r.toLowerCase());
  return out;
}
