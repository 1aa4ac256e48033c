/**
 * The runner's own managed identity: an access token straight from the Azure Instance Metadata
 * Service (`GET http://169.254.169.254/metadata/identity/oauth2/token?api-version=2018-02-01&
 * resource=...[&client_id=...]`, header `Metadata: true`), or from the endpoint that
 * AZURE_POD_IDENTITY_AUTHORITY_HOST or IMDS_ENDPOINT names (AKS pod identity, tests). No CI
 * token, no exchange, no secret: the VM, scale set or node proves who it is.
 * https://learn.microsoft.com/entra/identity/managed-identities-azure-resources/how-to-use-vm-token#get-a-token-using-http
 */
import { FederationError, usageError } from './errors.js';
import type { AccessToken } from './exchange.js';
import { fetchWithRetry } from './http.js';
import type { Clock, HttpClient } from './http.js';
import { isLoopbackHost, quote } from './options.js';

export const IMDS_HOST = 'http://169.254.169.254';
export const IMDS_TOKEN_PATH = '/metadata/identity/oauth2/token';
const IMDS_API_VERSION = '2018-02-01';

/** The IMDS origin to ask: http to the link-local address or loopback, https anywhere. */
export function imdsEndpoint(raw: string | undefined, origin: string): string {
  if (raw === undefined || raw.trim() === '') return IMDS_HOST;
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw usageError(
      'INVALID_IMDS_ENDPOINT',
      `${origin} is ${quote(raw)}, which is not a URL.`,
      `Set ${origin} to the metadata endpoint's origin, e.g. http://169.254.169.254, or unset it.`,
      origin,
    );
  }
  const linkLocal = url.hostname === '169.254.169.254';
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && (linkLocal || isLoopbackHost(url.hostname))))
    throw usageError(
      'INVALID_IMDS_ENDPOINT',
      `${origin} is ${quote(raw)}: plain http is allowed only to 169.254.169.254 and loopback.`,
      `Set ${origin} to http://169.254.169.254 (or an https URL), or unset it.`,
      origin,
    );
  return url.origin;
}

export interface ManagedIdentityRequest {
  /** The IMDS origin (imdsEndpoint). */
  endpoint: string;
  resource: string;
  /** A user-assigned identity's client id; absent: the system-assigned identity. */
  clientId?: string;
  scope: string;
  deadlineAt: number;
}

export async function managedIdentityToken(
  request: ManagedIdentityRequest,
  deps: { http: HttpClient; clock: Clock },
): Promise<AccessToken> {
  const url = new URL(IMDS_TOKEN_PATH, request.endpoint);
  url.searchParams.set('api-version', IMDS_API_VERSION);
  url.searchParams.set('resource', request.resource);
  if (request.clientId !== undefined) url.searchParams.set('client_id', request.clientId);
  const which = request.clientId === undefined ? 'system-assigned identity' : `identity ${request.clientId}`;
  let result: Awaited<ReturnType<typeof fetchWithRetry>>;
  try {
    result = await fetchWithRetry(
      deps.http,
      () => ({ method: 'GET', url: url.toString(), headers: { metadata: 'true', accept: 'application/json' } }),
      { deadlineAt: request.deadlineAt, what: 'the managed identity endpoint (IMDS)', clock: deps.clock },
    );
  } catch (err) {
    throw new FederationError(
      'MANAGED_IDENTITY_UNAVAILABLE',
      `The managed identity endpoint ${request.endpoint} did not answer before the deadline: ${err instanceof Error ? err.message : String(err)}`,
      {
        remedy:
          '--credential managed-identity works on Azure VMs, scale sets and AKS nodes with a managed identity (IMDS at 169.254.169.254), or where IMDS_ENDPOINT / AZURE_POD_IDENTITY_AUTHORITY_HOST names one; elsewhere sign in with the CI token.',
        cause: err,
      },
    );
  }
  const { response, attempts } = result;
  let body: Record<string, unknown> = {};
  try {
    const parsed: unknown = JSON.parse(response.body);
    if (parsed !== null && typeof parsed === 'object') body = parsed as Record<string, unknown>;
  } catch {
    body = {};
  }
  const token = body['access_token'];
  if (response.status !== 200 || typeof token !== 'string' || token === '') {
    const said = typeof body['error_description'] === 'string' ? body['error_description'] : '';
    // Shown only if it has the shape of IMDS's short messages: no server text of any length.
    const shown = /^[\w .,:'()/-]{1,200}$/.test(said) ? `: ${said}` : '';
    const notFound = /identity not found/i.test(said);
    throw new FederationError(
      'MANAGED_IDENTITY_FAILED',
      `The managed identity endpoint gave no token for ${request.resource} to the ${which} (HTTP ${response.status}${shown}).`,
      {
        remedy: notFound
          ? request.clientId === undefined
            ? 'Enable the system-assigned identity of the VM or scale set, or pass --client-id with a user-assigned identity assigned to it.'
            : `Assign the user-assigned identity ${request.clientId} to the VM or scale set, or pass the client id of one that is.`
          : 'Check that the identity may have tokens for that resource, and the resource name.',
        status: response.status,
      },
    );
  }
  const now = deps.clock.now();
  const expiresOnSeconds = Number(body['expires_on']);
  const expiresInSeconds = Number(body['expires_in']);
  const expiresOn = Number.isFinite(expiresOnSeconds)
    ? expiresOnSeconds * 1000
    : now + (Number.isFinite(expiresInSeconds) ? expiresInSeconds * 1000 : 0);
  return {
    scope: request.scope,
    accessToken: token,
    tokenType: typeof body['token_type'] === 'string' ? body['token_type'] : 'Bearer',
    expiresOn,
    attempts,
  };
}
