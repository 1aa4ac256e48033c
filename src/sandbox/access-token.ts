// Entra v1 access tokens, with the claims a resource server would see: app-only tokens from the
// token endpoint, and user tokens (as `az account get-access-token` gives) for tests and the demo.
import { createHash, randomBytes } from 'node:crypto';
import { GRAPH_AUDIENCES } from './bearer.js';
import { derivedGuid } from './directory.js';
import { signJwt } from './jwt.js';
import type { SandboxState } from './state.js';
import type { MintAccessTokenOptions } from './types.js';

export type AppIdAcr = '1' | '2'; // 1: client secret; 2: certificate or federated assertion

/** The Azure CLI's public client id: user tokens in the sandbox look like the ones `az` gets. */
const AZURE_CLI_CLIENT_ID = '04b07795-8ddb-461a-bbee-02f9e1bf7b46';
/** Delegated Graph permissions of a user token unless the caller names others. */
const DEFAULT_USER_GRAPH_PERMISSIONS: readonly string[] = ['Application.ReadWrite.All', 'User.Read'];

export interface MintedAccessToken {
  accessToken: string;
  expiresIn: number;
}

function commonClaims(state: SandboxState, resource: string, lifetime: number): Record<string, unknown> {
  const now = Math.floor(state.now() / 1000);
  const iss = `https://sts.windows.net/${state.tenantId}/`;
  return {
    aud: resource,
    iss,
    // Entra back-dates iat/nbf five minutes to absorb clock skew at the resource.
    iat: now - 300,
    nbf: now - 300,
    exp: now + lifetime,
  };
}

function sign(state: SandboxState, claims: Record<string, unknown>): string {
  const header = { typ: 'JWT', alg: 'RS256', x5t: state.entraKey.x5t, kid: state.entraKey.kid };
  return signJwt(header, claims, state.entraKey.privateKey);
}

export function mintAccessToken(
  state: SandboxState,
  clientId: string,
  resource: string,
  appidacr: AppIdAcr,
): MintedAccessToken {
  const expiresIn = state.settings.accessTokenLifetimeSeconds;
  const base = commonClaims(state, resource, expiresIn);
  // The token endpoint issues tokens only to apps with a service principal; its id is the oid.
  const oid = state.directory.findServicePrincipal(clientId)?.id ?? derivedGuid(`sp:${state.tenantId}:${clientId}`);
  // Admin-consented application permissions on Graph travel as `roles`.
  const roles = GRAPH_AUDIENCES.includes(resource) ? (state.findApp(clientId)?.graphPermissions ?? []) : [];
  const claims = {
    ...base,
    aio: randomBytes(40).toString('base64url'),
    appid: clientId,
    appidacr,
    idp: base['iss'],
    idtyp: 'app',
    oid,
    rh: `0.${randomBytes(48).toString('base64url')}.`,
    ...(roles.length > 0 && { roles: [...roles] }),
    sub: oid,
    tid: state.tenantId,
    uti: randomBytes(16).toString('base64url'),
    ver: '1.0',
  };
  return { accessToken: sign(state, claims), expiresIn };
}

/**
 * A signed-in user's token for `resource`. The user joins the directory, so role assignments
 * can name it; on Microsoft Graph its `scp` holds the delegated permissions given.
 */
export function mintUserAccessToken(state: SandboxState, resource: string, opts: MintAccessTokenOptions = {}): string {
  const admin = state.adminUser;
  const user = opts.principalId
    ? state.directory.ensureUser({
        id: opts.principalId,
        displayName: opts.displayName ?? 'Sandbox User',
        userPrincipalName: opts.userPrincipalName ?? `user-${opts.principalId.slice(0, 8)}@${state.tenantDomains[0]}`,
      })
    : admin;
  const graph = GRAPH_AUDIENCES.includes(resource);
  const scp = graph ? (opts.permissions ?? DEFAULT_USER_GRAPH_PERMISSIONS).join(' ') : 'user_impersonation';
  const [given = '', ...family] = user.displayName.split(' ');
  const claims = {
    ...commonClaims(state, resource, opts.lifetimeSeconds ?? state.settings.accessTokenLifetimeSeconds),
    acr: '1',
    aio: randomBytes(40).toString('base64url'),
    amr: ['pwd', 'mfa'],
    appid: AZURE_CLI_CLIENT_ID,
    appidacr: '0',
    family_name: family.join(' '),
    given_name: given,
    idtyp: 'user',
    ipaddr: '127.0.0.1',
    name: user.displayName,
    oid: user.id,
    puid: createHash('sha256').update(user.id).digest('hex').slice(0, 16).toUpperCase(),
    rh: `0.${randomBytes(48).toString('base64url')}.`,
    scp,
    // Pairwise per (user, resource), as Entra's sub is.
    sub: createHash('sha256').update(`${user.id}:${resource}`).digest('base64url').slice(0, 43),
    tid: state.tenantId,
    unique_name: user.userPrincipalName,
    upn: user.userPrincipalName,
    uti: randomBytes(16).toString('base64url'),
    ver: '1.0',
  };
  return sign(state, claims);
}
