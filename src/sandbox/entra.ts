// The Entra side: OIDC discovery, signing keys, instance discovery and the v2 token
// endpoint's client-credentials grant.
import { createHash, randomUUID, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { mintAccessToken, type AppIdAcr } from './access-token.js';
import { looksLikeCertificateAssertion, validateCertificateAssertion } from './certificate.js';
import { isDomainName, isGuid } from './config.js';
import { AadstsError, aadsts, entraErrorBody } from './errors.js';
import { validateFederatedAssertion } from './federated.js';
import { jsonReply, type Reply } from './http.js';
import { decodeJwt, MalformedJwtError, type DecodedJwt } from './jwt.js';
import { publicJwk } from './keys.js';
import type { SandboxState } from './state.js';
import type { AppConfig } from './types.js';

const JWT_BEARER = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';
const TENANTLESS = new Set(['common', 'organizations', 'consumers']);
const OIDC_SCOPES = new Set(['openid', 'profile', 'offline_access', 'email']);

/** Where discovery documents point: the tenant id (as Entra resolves domains), or a tenant-less alias. */
interface DiscoveryTenant {
  pathTenant: string;
  issuerTenant: string;
}

function discoveryTenant(state: SandboxState, segment: string): DiscoveryTenant {
  const lower = segment.toLowerCase();
  if (TENANTLESS.has(lower)) return { pathTenant: lower, issuerTenant: '{tenantid}' };
  const tid = resolveTenant(state, segment);
  return { pathTenant: tid, issuerTenant: tid };
}

function resolveTenant(state: SandboxState, segment: string): string {
  if (!isGuid(segment) && !isDomainName(segment)) throw aadsts.malformedTenant(segment);
  const tid = state.resolveTenant(segment);
  if (!tid) throw aadsts.tenantNotFound(segment);
  return tid;
}

/** Runs `build`, turning an AadstsError into Entra's error reply. */
export function entraReply(state: SandboxState, requestId: string | undefined, build: () => Reply): Reply {
  try {
    return build();
  } catch (err) {
    if (err instanceof AadstsError) return errorReply(state, requestId, err);
    throw err;
  }
}

export function errorReply(state: SandboxState, requestId: string | undefined, err: AadstsError): Reply {
  const traceId = randomUUID();
  const body = entraErrorBody(err, {
    origin: state.origin,
    correlationId: requestId ?? randomUUID(),
    traceId,
    now: state.now(),
  });
  return jsonReply(err.status, body, responseHeaders(requestId, traceId));
}

/**
 * The caller's correlation id: the `client-request-id` header, else the query parameter of
 * that name (where MSAL puts it). Echoed into a header and JSON, so only a plain token.
 */
export function clientRequestId(headers: IncomingHttpHeaders, url: URL): string | undefined {
  const value = headers['client-request-id'];
  const id = (Array.isArray(value) ? value[0] : value) ?? url.searchParams.get('client-request-id') ?? undefined;
  return id && /^[\w.-]{1,128}$/.test(id) ? id : undefined;
}

function responseHeaders(requestId: string | undefined, traceId: string): Record<string, string> {
  return { 'x-ms-request-id': traceId, ...(requestId && { 'client-request-id': requestId }) };
}

export function v2Discovery(state: SandboxState, segment: string): Reply {
  const { pathTenant, issuerTenant } = discoveryTenant(state, segment);
  const base = `${state.origin}/${pathTenant}`;
  return jsonReply(200, {
    token_endpoint: `${base}/oauth2/v2.0/token`,
    token_endpoint_auth_methods_supported: ['client_secret_post', 'private_key_jwt', 'client_secret_basic'],
    jwks_uri: `${base}/discovery/v2.0/keys`,
    response_modes_supported: ['query', 'fragment', 'form_post'],
    subject_types_supported: ['pairwise'],
    id_token_signing_alg_values_supported: ['RS256'],
    response_types_supported: ['code', 'id_token', 'code id_token', 'id_token token'],
    scopes_supported: ['openid', 'profile', 'email', 'offline_access'],
    issuer: `${state.origin}/${issuerTenant}/v2.0`,
    request_uri_parameter_supported: false,
    authorization_endpoint: `${base}/oauth2/v2.0/authorize`,
    device_authorization_endpoint: `${base}/oauth2/v2.0/devicecode`,
    http_logout_supported: true,
    frontchannel_logout_supported: true,
    end_session_endpoint: `${base}/oauth2/v2.0/logout`,
    claims_supported: [
      'sub',
      'iss',
      'cloud_instance_name',
      'cloud_instance_host_name',
      'cloud_graph_host_name',
      'msgraph_host',
      'aud',
      'exp',
      'iat',
      'auth_time',
      'acr',
      'nonce',
      'preferred_username',
      'name',
      'tid',
      'ver',
      'at_hash',
      'c_hash',
      'email',
    ],
    kerberos_endpoint: `${base}/kerberos`,
    tenant_region_scope: pathTenant === issuerTenant ? 'NA' : null,
    cloud_instance_name: new URL(state.origin).hostname,
    cloud_graph_host_name: 'graph.windows.net',
    msgraph_host: 'graph.microsoft.com',
    rbac_url: 'https://pas.windows.net',
  });
}

export function v1Discovery(state: SandboxState, segment: string): Reply {
  const { pathTenant, issuerTenant } = discoveryTenant(state, segment);
  const base = `${state.origin}/${pathTenant}`;
  return jsonReply(200, {
    token_endpoint: `${base}/oauth2/token`,
    token_endpoint_auth_methods_supported: ['client_secret_post', 'private_key_jwt', 'client_secret_basic'],
    jwks_uri: `${base}/discovery/keys`,
    response_modes_supported: ['query', 'fragment', 'form_post'],
    subject_types_supported: ['pairwise'],
    id_token_signing_alg_values_supported: ['RS256'],
    response_types_supported: ['code', 'id_token', 'code id_token', 'token id_token', 'token'],
    scopes_supported: ['openid'],
    issuer: `https://sts.windows.net/${issuerTenant}/`,
    microsoft_multi_refresh_token: true,
    authorization_endpoint: `${base}/oauth2/authorize`,
    device_authorization_endpoint: `${base}/oauth2/devicecode`,
    http_logout_supported: true,
    frontchannel_logout_supported: true,
    end_session_endpoint: `${base}/oauth2/logout`,
    claims_supported: [
      'sub',
      'iss',
      'cloud_instance_name',
      'cloud_instance_host_name',
      'cloud_graph_host_name',
      'msgraph_host',
      'aud',
      'exp',
      'iat',
      'auth_time',
      'acr',
      'amr',
      'nonce',
      'email',
      'given_name',
      'family_name',
      'nickname',
    ],
    check_session_iframe: `${base}/oauth2/checksession`,
    userinfo_endpoint: `${base}/openid/userinfo`,
    kerberos_endpoint: `${base}/kerberos`,
    tenant_region_scope: pathTenant === issuerTenant ? 'NA' : null,
    cloud_instance_name: new URL(state.origin).hostname,
    cloud_graph_host_name: 'graph.windows.net',
    msgraph_host: 'graph.microsoft.com',
    rbac_url: 'https://pas.windows.net',
  });
}

/** /{tenant}/discovery/v2.0/keys and /{tenant}/discovery/keys. */
export function entraJwks(state: SandboxState, segment: string, v2: boolean): Reply {
  const { issuerTenant } = discoveryTenant(state, segment);
  const extra = v2 ? { issuer: `${state.origin}/${issuerTenant}/v2.0` } : {};
  return jsonReply(200, { keys: [publicJwk(state.entraKey, extra)] });
}

/** /common/discovery/instance: this host is its own only alias. */
export function instanceDiscovery(state: SandboxState, url: URL): Reply {
  const host = new URL(state.origin).host;
  let tenant = 'common';
  const authorizeEndpoint = url.searchParams.get('authorization_endpoint');
  if (authorizeEndpoint) {
    try {
      tenant = new URL(authorizeEndpoint).pathname.split('/')[1] || 'common';
    } catch {
      // keep common
    }
  }
  return jsonReply(200, {
    tenant_discovery_endpoint: `${state.origin}/${tenant}/v2.0/.well-known/openid-configuration`,
    'api-version': '1.1',
    metadata: [{ preferred_network: host, preferred_cache: host, aliases: [host] }],
  });
}

export interface TokenRequest {
  tenantSegment: string;
  method: string;
  form: Record<string, string>;
  headers: IncomingHttpHeaders;
  /** scheme://host as the client addressed us (may be localhost rather than 127.0.0.1). */
  requestOrigin: string;
  requestId: string | undefined;
}

export interface TokenOutcome {
  reply: Reply;
  /** For the request log only: code and reason of a failure. */
  error?: string;
}

export async function handleTokenRequest(state: SandboxState, request: TokenRequest): Promise<TokenOutcome> {
  try {
    const { clientId, appidacr, resource } = await authenticate(state, request);
    const token = mintAccessToken(state, clientId, resource, appidacr);
    const { requestId } = request;
    return {
      reply: jsonReply(
        200,
        {
          token_type: 'Bearer',
          expires_in: token.expiresIn,
          ext_expires_in: token.expiresIn,
          access_token: token.accessToken,
        },
        responseHeaders(requestId, randomUUID()),
      ),
    };
  } catch (err) {
    if (!(err instanceof AadstsError)) throw err;
    return {
      reply: errorReply(state, request.requestId, err),
      error: `AADSTS${err.code}${err.reason ? `: ${err.reason}` : ''}`,
    };
  }
}

async function authenticate(
  state: SandboxState,
  request: TokenRequest,
): Promise<{ clientId: string; appidacr: AppIdAcr; resource: string }> {
  const { form, headers } = request;
  if (TENANTLESS.has(request.tenantSegment.toLowerCase()))
    throw aadsts.tenantlessEndpoint(request.tenantSegment.toLowerCase());
  const tenantId = resolveTenant(state, request.tenantSegment);
  if (request.method !== 'POST') throw aadsts.postOnly(request.method);

  const grantType = form['grant_type'];
  if (!grantType) throw aadsts.missingParameter('grant_type');
  if (grantType !== 'client_credentials') throw aadsts.unsupportedGrantType(grantType);

  const basic = parseBasicAuth(headers.authorization);
  const clientId = form['client_id'] || basic?.clientId;
  if (!clientId) throw aadsts.missingParameter('client_id');
  if (basic && form['client_id'] && basic.clientId.toLowerCase() !== form['client_id'].toLowerCase())
    throw aadsts.clientIdMismatch();
  const scope = form['scope'];
  if (!scope) throw aadsts.missingParameter('scope');
  const app = state.findApp(clientId);
  if (!app) throw aadsts.applicationNotFound(clientId, request.tenantSegment);
  // The app is known in the tenant through its service principal; set-up creates it separately.
  if (!state.directory.findServicePrincipal(app.clientId)) throw aadsts.missingServicePrincipal(app.clientId, tenantId);
  const resource = resourceFromScope(scope);
  if (!state.knowsResource(resource)) throw aadsts.resourceNotFound(resource, tenantId);

  const assertion = form['client_assertion'];
  const secret = form['client_secret'] ?? basic?.secret;
  if (assertion !== undefined && secret !== undefined) {
    throw aadsts.noClientCredential(' Only one of them may be present.');
  }
  if (assertion !== undefined) {
    const assertionType = form['client_assertion_type'];
    if (!assertionType) throw aadsts.missingParameter('client_assertion_type');
    if (assertionType !== JWT_BEARER)
      throw aadsts.noClientCredential(
        ` The client_assertion_type '${assertionType}' is not supported; use '${JWT_BEARER}'.`,
      );
    await validateAssertion(state, app, clientId, assertion, request, tenantId);
    return { clientId: app.clientId, appidacr: '2', resource };
  }
  if (secret !== undefined) {
    if (!(app.secrets ?? []).some((candidate) => sameSecret(candidate, secret)))
      throw aadsts.invalidClientSecret(app.clientId);
    return { clientId: app.clientId, appidacr: '1', resource };
  }
  throw aadsts.noClientCredential();
}

async function validateAssertion(
  state: SandboxState,
  app: AppConfig,
  clientId: string,
  assertion: string,
  request: TokenRequest,
  tenantId: string,
): Promise<void> {
  let jwt: DecodedJwt;
  try {
    jwt = decodeJwt(assertion);
  } catch (err) {
    if (err instanceof MalformedJwtError) throw aadsts.malformedJwt(err.message);
    throw err;
  }
  if (looksLikeCertificateAssertion(app, clientId, jwt)) {
    validateCertificateAssertion(state, app, clientId, jwt, certificateAudiences(state, request, tenantId));
  } else {
    await validateFederatedAssertion(state, app, jwt);
  }
}

/** The token endpoint under each name the client may know it by, plus the v2 issuer Entra also accepts. */
function certificateAudiences(state: SandboxState, request: TokenRequest, tenantId: string): string[] {
  const origins = new Set([state.origin, request.requestOrigin]);
  const tenants = new Set([request.tenantSegment, tenantId, ...state.tenantDomains]);
  const audiences: string[] = [];
  for (const origin of origins) {
    for (const tenant of tenants)
      audiences.push(`${origin}/${tenant}/oauth2/v2.0/token`, `${origin}/${tenant}/oauth2/token`);
    audiences.push(`${origin}/${tenantId}/v2.0`);
  }
  return audiences;
}

/** `{resource}/.default` (OIDC scopes aside) naming exactly one resource. */
function resourceFromScope(scope: string): string {
  const scopes = scope.split(/\s+/).filter((s) => s && !OIDC_SCOPES.has(s));
  if (scopes.length === 0) throw aadsts.invalidScope(scope);
  const resources = new Set<string>();
  for (const s of scopes) {
    if (!s.endsWith('/.default') || s.length === '/.default'.length) throw aadsts.invalidScope(scope);
    resources.add(s.slice(0, -'/.default'.length));
  }
  const [first] = resources;
  if (resources.size > 1 || first === undefined) throw aadsts.multipleResources(scope);
  return first;
}

/** RFC 6749 §2.3.1: Basic credentials are form-encoded before base64. */
function parseBasicAuth(header: string | undefined): { clientId: string; secret: string } | undefined {
  const match = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header ?? '');
  if (!match?.[1]) return undefined;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return undefined;
  const formDecode = (text: string) => {
    try {
      return decodeURIComponent(text.replace(/\+/g, ' '));
    } catch {
      return text;
    }
  };
  return { clientId: formDecode(decoded.slice(0, colon)), secret: formDecode(decoded.slice(colon + 1)) };
}

/** Constant-time on digests, so neither content nor length leaks through timing. */
function sameSecret(expected: string, presented: string): boolean {
  const a = createHash('sha256').update(expected).digest();
  const b = createHash('sha256').update(presented).digest();
  return timingSafeEqual(a, b);
}
