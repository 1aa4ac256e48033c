// The one Microsoft Graph call the doctor makes: list an application's federated identity
// credentials, addressed by client id. Requires an access token the sandbox issued for Graph.
import { createHash } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { bearerToken, jsonReply, type Reply } from './http.js';
import { decodeJwt, MalformedJwtError, verifyJwtSignature } from './jwt.js';
import type { SandboxState } from './state.js';

const GRAPH_RESOURCE = 'https://graph.microsoft.com';

function graphError(status: number, code: string, message: string): Reply {
  return jsonReply(status, { error: { code, message } });
}

/** Parses `applications(appId='<guid>')`; undefined for anything else. */
export function graphAppId(segment: string): string | undefined {
  return /^applications\(appId='([0-9a-fA-F-]{36})'\)$/.exec(segment)?.[1];
}

function authorized(state: SandboxState, req: IncomingMessage): boolean {
  const token = bearerToken(req.headers);
  if (token === undefined) return false;
  try {
    const jwt = decodeJwt(token);
    const exp = jwt.payload['exp'];
    return (
      verifyJwtSignature(jwt, state.entraKey.publicKey) &&
      String(jwt.payload['aud']).replace(/\/$/, '') === GRAPH_RESOURCE &&
      jwt.payload['tid'] === state.tenantId &&
      typeof exp === 'number' &&
      exp * 1000 > state.now()
    );
  } catch (err) {
    if (err instanceof MalformedJwtError) return false;
    throw err;
  }
}

export function listFederatedCredentials(state: SandboxState, req: IncomingMessage, appId: string): Reply {
  if (!authorized(state, req)) {
    return graphError(
      401,
      'InvalidAuthenticationToken',
      'Access token is empty, expired or not issued for https://graph.microsoft.com.',
    );
  }
  const app = state.findApp(appId);
  if (app === undefined) {
    return graphError(
      404,
      'Request_ResourceNotFound',
      `Resource '${appId}' does not exist or one of its queried reference-property objects are not present.`,
    );
  }
  const value = (app.federatedCredentials ?? []).map((fic, i) => ({
    id: createHash('sha256')
      .update(`${app.clientId}:${fic.issuer}:${fic.subject}`)
      .digest('hex')
      .slice(0, 32)
      .replace(/^(.{8})(.{4})(.{4})(.{4})(.{12})$/, '$1-$2-$3-$4-$5'),
    name: fic.name ?? `fic-${i + 1}`,
    issuer: fic.issuer,
    subject: fic.subject,
    description: null,
    audiences: fic.audiences,
  }));
  return jsonReply(200, {
    '@odata.context': `${GRAPH_RESOURCE}/v1.0/$metadata#applications('${appId}')/federatedIdentityCredentials`,
    value,
  });
}
