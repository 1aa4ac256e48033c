/**
 * What a real Azure service does with a bearer token before it serves anything: verify the
 * signature with the issuing tenant's keys (the sandbox's JWKS, fetched over HTTP like any
 * resource server does), the audience, and the time. Used by the loopback stand-ins for ARM,
 * Azure Repos and ACR, so that an expired or foreign token fails as it would there.
 */
import { createRemoteJWKSet, jwtVerify } from 'jose';
import type { JWTPayload } from 'jose';
import type { Sandbox } from '../../src/sandbox/index.js';

export type TokenCheck = { ok: true; claims: JWTPayload } | { ok: false; reason: string };

export interface TokenVerifier {
  verify(token: string, audiences: readonly string[]): Promise<TokenCheck>;
  /** Every verdict, in order: the tests count refusals (an expired token) and acceptances. */
  verdicts: { ok: boolean; reason?: string; aud?: unknown; at: number }[];
}

export function sandboxTokenVerifier(sandbox: Sandbox): TokenVerifier {
  const jwks = createRemoteJWKSet(new URL(`${sandbox.authorityHost}/${sandbox.tenantId}/discovery/v2.0/keys`));
  const verdicts: TokenVerifier['verdicts'] = [];
  return {
    verdicts,
    async verify(token, audiences) {
      const accepted = new Set(audiences.flatMap((a) => [a, a.replace(/\/$/, ''), `${a.replace(/\/$/, '')}/`]));
      try {
        const { payload } = await jwtVerify(token, jwks, { clockTolerance: 0 });
        if (!accepted.has(String(payload.aud))) {
          verdicts.push({ ok: false, reason: 'audience', aud: payload.aud, at: Date.now() });
          return { ok: false, reason: `the token is for ${String(payload.aud)}` };
        }
        if (payload['tid'] !== sandbox.tenantId) {
          verdicts.push({ ok: false, reason: 'tenant', at: Date.now() });
          return { ok: false, reason: 'the token is from another tenant' };
        }
        verdicts.push({ ok: true, aud: payload.aud, at: Date.now() });
        return { ok: true, claims: payload };
      } catch (err) {
        const reason = (err as { code?: string }).code ?? 'invalid';
        verdicts.push({ ok: false, reason, at: Date.now() });
        return { ok: false, reason };
      }
    },
  };
}

/** The bearer token of an Authorization header, or the password of a Basic one (git sends that). */
export function credentialOf(authorization: string | undefined): string | undefined {
  if (authorization === undefined) return undefined;
  const bearer = /^bearer\s+(\S+)$/i.exec(authorization);
  if (bearer !== null) return bearer[1];
  const basic = /^basic\s+(\S+)$/i.exec(authorization);
  if (basic === null) return undefined;
  const decoded = Buffer.from(basic[1] ?? '', 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon < 0 ? undefined : decoded.slice(colon + 1);
}
