/**
 * The App Service managed-identity protocol (API version 2019-08-01), as @azure/identity's
 * ManagedIdentityCredential speaks it through @azure/msal-node's AppService source: it is
 * chosen when IDENTITY_ENDPOINT and IDENTITY_HEADER are set, and sends
 *   GET <IDENTITY_ENDPOINT>?api-version=2019-08-01&resource=<scope without /.default>
 *       [&client_id=<AZURE_CLIENT_ID or the credential's clientId>]
 *   X-IDENTITY-HEADER: <IDENTITY_HEADER>
 * and reads access_token, expires_on (epoch seconds; App Service sends a string), resource
 * and token_type; errors are read from error / error_description.
 */
import { createHash, timingSafeEqual } from 'node:crypto';

export const TOKEN_PATH = '/msi/token';
export const API_VERSION = '2019-08-01';
/** Node lower-cases incoming header names. */
export const SECRET_HEADER = 'x-identity-header';

export type TokenRequest =
  | { ok: true; resource: string }
  | { ok: false; status: number; error: string; description: string };

/** Constant-time: hashing first makes the lengths equal and the comparison reveal nothing. */
export function secretMatches(given: string | string[] | undefined, secret: string): boolean {
  if (typeof given !== 'string') return false;
  const a = createHash('sha256').update(given, 'utf8').digest();
  const b = createHash('sha256').update(secret, 'utf8').digest();
  return timingSafeEqual(a, b);
}

function refuse(status: number, error: string, description: string): TokenRequest {
  return { ok: false, status, error, description };
}

/** Checks one request against the protocol; `clientId` is the only identity served. */
export function parseTokenRequest(
  method: string | undefined,
  rawUrl: string | undefined,
  headers: Record<string, string | string[] | undefined>,
  secret: string,
  clientId: string,
): TokenRequest {
  const url = new URL(rawUrl ?? '/', 'http://127.0.0.1');
  if (url.pathname !== TOKEN_PATH)
    return refuse(404, 'not_found', `This endpoint serves tokens at ${TOKEN_PATH} only.`);
  if (method !== 'GET') return refuse(405, 'invalid_request', 'Use GET.');
  // The secret before anything else: without it, say nothing about what would be served.
  if (!secretMatches(headers[SECRET_HEADER], secret)) {
    return refuse(
      401,
      'unauthorized',
      'The X-IDENTITY-HEADER header is missing or wrong: send the value of IDENTITY_HEADER.',
    );
  }
  const query = url.searchParams;
  const version = query.get('api-version');
  if (version !== API_VERSION)
    return refuse(
      400,
      'invalid_request',
      `api-version must be ${API_VERSION}${version === null ? '' : `, not ${JSON.stringify(version.slice(0, 40))}`}.`,
    );
  const resource = query.get('resource')?.trim() ?? '';
  if (resource === '')
    return refuse(
      400,
      'invalid_request',
      'The resource parameter is missing, e.g. resource=https://management.azure.com.',
    );
  const asked = query.get('client_id') ?? query.get('clientid');
  if (asked !== null && asked.toLowerCase() !== clientId.toLowerCase()) {
    return refuse(
      400,
      'invalid_request',
      `This endpoint serves client ${clientId} only, not ${JSON.stringify(asked.slice(0, 60))}: unset AZURE_CLIENT_ID or set it to ${clientId}.`,
    );
  }
  for (const unsupported of ['mi_res_id', 'msi_res_id', 'object_id', 'principal_id']) {
    if (query.has(unsupported))
      return refuse(
        400,
        'invalid_request',
        `${unsupported} is not supported: this endpoint serves client ${clientId} only.`,
      );
  }
  return { ok: true, resource };
}

export function tokenBody(
  token: { accessToken: string; expiresOn: number },
  resource: string,
  clientId: string,
): string {
  return JSON.stringify({
    access_token: token.accessToken,
    // Epoch seconds as a string, like App Service itself.
    expires_on: String(Math.floor(token.expiresOn / 1000)),
    resource,
    token_type: 'Bearer',
    client_id: clientId,
  });
}

export function errorBody(error: string, description: string): string {
  return JSON.stringify({ error, error_description: description });
}
