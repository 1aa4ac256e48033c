// Entra v1 app-only access tokens, with the claims a resource server would see.
import { createHash, randomBytes } from 'node:crypto';
import { signJwt } from './jwt.js';
import type { SandboxState } from './state.js';

export type AppIdAcr = '1' | '2'; // 1: client secret; 2: certificate or federated assertion

export interface MintedAccessToken {
  accessToken: string;
  expiresIn: number;
}

export function mintAccessToken(
  state: SandboxState,
  clientId: string,
  resource: string,
  appidacr: AppIdAcr,
): MintedAccessToken {
  const now = Math.floor(state.now() / 1000);
  const expiresIn = state.settings.accessTokenLifetimeSeconds;
  const iss = `https://sts.windows.net/${state.tenantId}/`;
  const oid = servicePrincipalObjectId(state.tenantId, clientId);
  const claims = {
    aud: resource,
    iss,
    // Entra back-dates iat/nbf five minutes to absorb clock skew at the resource.
    iat: now - 300,
    nbf: now - 300,
    exp: now + expiresIn,
    aio: randomBytes(40).toString('base64url'),
    appid: clientId,
    appidacr,
    idp: iss,
    idtyp: 'app',
    oid,
    rh: `0.${randomBytes(48).toString('base64url')}.`,
    sub: oid,
    tid: state.tenantId,
    uti: randomBytes(16).toString('base64url'),
    ver: '1.0',
  };
  const header = { typ: 'JWT', alg: 'RS256', x5t: state.entraKey.x5t, kid: state.entraKey.kid };
  return { accessToken: signJwt(header, claims, state.entraKey.privateKey), expiresIn };
}

/** A stable GUID per (tenant, app): the app's service principal object id. */
export function servicePrincipalObjectId(tenantId: string, clientId: string): string {
  const bytes = createHash('sha256').update(`sp:${tenantId}:${clientId.toLowerCase()}`).digest().subarray(0, 16);
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x40; // version 4 layout
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80; // RFC 4122 variant
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
