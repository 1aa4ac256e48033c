// Entra's token-endpoint errors: one factory per AADSTS code this sandbox emits, so the
// texts live in one place and read like the real service's.
import { randomUUID } from 'node:crypto';

export type OAuthError =
  | 'invalid_request'
  | 'invalid_client'
  | 'invalid_grant'
  | 'invalid_scope'
  | 'invalid_resource'
  | 'invalid_tenant'
  | 'unauthorized_client'
  | 'unsupported_grant_type';

export class AadstsError extends Error {
  override readonly name = 'AadstsError';
  constructor(
    readonly code: number,
    readonly error: OAuthError,
    readonly status: 400 | 401,
    readonly description: string,
    /** Sandbox-side detail for the request log; never sent to the client. */
    readonly reason?: string,
  ) {
    super(`AADSTS${code}: ${description}`);
  }
}

export interface EntraErrorBody {
  error: OAuthError;
  error_description: string;
  error_codes: number[];
  timestamp: string;
  trace_id: string;
  correlation_id: string;
  error_uri: string;
}

/** The JSON body Entra returns, with its trailer of trace, correlation and time. */
export function entraErrorBody(
  err: AadstsError,
  ctx: { origin: string; correlationId: string; traceId?: string; now: number },
): EntraErrorBody {
  const traceId = ctx.traceId ?? randomUUID();
  const timestamp = entraTimestamp(ctx.now);
  return {
    error: err.error,
    error_description:
      `AADSTS${err.code}: ${err.description}\r\nTrace ID: ${traceId}\r\n` +
      `Correlation ID: ${ctx.correlationId}\r\nTimestamp: ${timestamp}`,
    error_codes: [err.code],
    timestamp,
    trace_id: traceId,
    correlation_id: ctx.correlationId,
    error_uri: `${ctx.origin}/error?code=${err.code}`,
  };
}

/** "YYYY-MM-DD HH:MM:SSZ", as in Entra error bodies. */
export function entraTimestamp(ms: number): string {
  return new Date(ms)
    .toISOString()
    .replace('T', ' ')
    .replace(/\.\d+Z$/, 'Z');
}

/** "2024-05-01T10:00:00.0000000Z": the 7-digit form AADSTS700024 prints. */
export function entraInstant(ms: number): string {
  const iso = new Date(ms).toISOString(); // ...SS.mmmZ
  return `${iso.slice(0, 23)}0000Z`;
}

const CERT_DOC =
  'Review the documentation at https://learn.microsoft.com/entra/identity-platform/certificate-credentials .';
const FIC_DOC = 'https://learn.microsoft.com/entra/workload-id/workload-identity-federation';

export const aadsts = {
  malformedTenant: (tenant: string) =>
    new AadstsError(
      900023,
      'invalid_request',
      400,
      `Specified tenant identifier '${tenant}' is neither a valid DNS name, nor a valid external domain.`,
    ),
  tenantNotFound: (tenant: string) =>
    new AadstsError(
      90002,
      'invalid_tenant',
      400,
      `Tenant '${tenant}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud. ` +
        'Check with your subscription administrator, this may happen if there are no active subscriptions for the tenant.',
    ),
  tenantlessEndpoint: (tenant: string) =>
    new AadstsError(
      9001023,
      'invalid_request',
      400,
      `The grant type is not supported over the /${tenant} endpoint. Please use a tenant-specific endpoint.`,
    ),
  postOnly: (method: string) =>
    new AadstsError(
      900561,
      'invalid_request',
      400,
      `The endpoint only accepts POST requests. Received a ${method} request.`,
    ),
  missingParameter: (name: string) =>
    new AadstsError(
      900144,
      'invalid_request',
      400,
      `The request body must contain the following parameter: '${name}'.`,
    ),
  unsupportedGrantType: (grantType: string) =>
    new AadstsError(
      70003,
      'unsupported_grant_type',
      400,
      `The app requested an unsupported grant type '${grantType}'.`,
    ),
  noClientCredential: (detail = '') =>
    new AadstsError(
      7000218,
      'invalid_client',
      401,
      `The request body must contain the following parameter: 'client_assertion' or 'client_secret'.${detail}`,
    ),
  clientIdMismatch: () =>
    new AadstsError(
      50012,
      'invalid_client',
      401,
      "Authentication failed. The client_id in the Authorization header does not match the 'client_id' parameter.",
    ),
  applicationNotFound: (clientId: string, tenant: string) =>
    new AadstsError(
      700016,
      'unauthorized_client',
      400,
      `Application with identifier '${clientId}' was not found in the directory '${tenant}'. ` +
        'This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. ' +
        'You may have sent your authentication request to the wrong tenant.',
    ),
  missingServicePrincipal: (clientId: string, tenantId: string) =>
    new AadstsError(
      7000229,
      'invalid_client',
      401,
      `The client application ${clientId} is missing service principal in the tenant ${tenantId}. ` +
        'See instructions here: https://go.microsoft.com/fwlink/?linkid=2225119',
    ),
  resourceNotFound: (resource: string, tenant: string) =>
    new AadstsError(
      500011,
      'invalid_resource',
      400,
      `The resource principal named ${resource} was not found in the tenant named ${tenant}. ` +
        'This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. ' +
        'You might have sent your authentication request to the wrong tenant.',
    ),
  invalidScope: (scope: string) =>
    new AadstsError(
      70011,
      'invalid_scope',
      400,
      `The provided value for the input parameter 'scope' is not valid. The scope ${scope} is not valid. ` +
        'Client credential flows must have a scope value with /.default suffixed to the resource identifier (application ID URI).',
    ),
  multipleResources: (scope: string) =>
    new AadstsError(
      700022,
      'invalid_scope',
      400,
      `The provided value for the input parameter scope is not valid because it contains more than one resource. Scope ${scope} is not valid.`,
    ),
  malformedJwt: (reason: string) =>
    new AadstsError(50027, 'invalid_request', 400, 'JWT token is invalid or malformed.', reason),
  assertionTimeRange: (nowMs: number, validFromMs: number | undefined, expiryMs: number) =>
    new AadstsError(
      700024,
      'invalid_client',
      401,
      `Client assertion is not within its valid time range. Current time: ${entraInstant(nowMs)}, ` +
        `assertion valid from ${validFromMs === undefined ? 'unspecified' : entraInstant(validFromMs)}, ` +
        `expiry time of assertion ${entraInstant(expiryMs)}. ${CERT_DOC}`,
    ),
  entraIssuedAssertion: () =>
    new AadstsError(700222, 'invalid_client', 401, 'AAD-issued tokens may not be used for federated identity flows.'),
  noFederatedCredentials: (clientId: string, displayName: string) =>
    new AadstsError(
      70025,
      'invalid_client',
      401,
      `The client '${clientId}'(${displayName}) has no configured federated identity credentials.`,
    ),
  noMatchingFederatedCredential: (iss: string, sub: string, aud: string) =>
    new AadstsError(
      70021,
      'invalid_request',
      400,
      `No matching federated identity record found for presented assertion. Assertion Issuer: '${iss}'. ` +
        `Assertion Subject: '${sub}'. Assertion Audience: '${aud}'. ${FIC_DOC}`,
    ),
  subjectCaseMismatch: (sub: string) =>
    new AadstsError(
      7002138,
      'invalid_client',
      401,
      `No matching federated identity record found for presented assertion subject '${sub}'. ` +
        'Please note that the matching is done using a case-sensitive comparison. ' +
        `Check your federated identity credential Subject, Audience and Issuer against the presented assertion. ${FIC_DOC}`,
    ),
  externalOidcFailed: (reason: string) =>
    new AadstsError(501661, 'invalid_client', 401, 'Request to External OIDC endpoint failed.', reason),
  assertionAppMismatch: () =>
    new AadstsError(
      700021,
      'invalid_client',
      401,
      `Client assertion application identifier doesn't match 'client_id' parameter. ${CERT_DOC}`,
    ),
  assertionAudience: () =>
    new AadstsError(
      700023,
      'invalid_client',
      401,
      `Client assertion audience claim does not match Realm issuer. ${CERT_DOC}`,
    ),
  certificateKeyNotFound: (thumbprintHex: string, clientId: string) =>
    new AadstsError(
      700027,
      'invalid_client',
      401,
      'The certificate with identifier used to sign the client assertion is not registered on application. ' +
        `[Reason - The key was not found., Thumbprint of key used by client: '${thumbprintHex}', ` +
        `Please visit the Azure Portal, Graph Explorer or directly use MS Graph to see configured keys for app Id '${clientId}'.]`,
    ),
  certificateSignature: (reason: string) =>
    new AadstsError(700027, 'invalid_client', 401, 'Client assertion failed signature validation.', reason),
  invalidClientSecret: (clientId: string) =>
    new AadstsError(
      7000215,
      'invalid_client',
      401,
      'Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, ' +
        `not the client secret ID, for a secret added to app '${clientId}'.`,
    ),
};
