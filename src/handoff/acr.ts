/**
 * `acr:<registry>`: docker gets Azure Container Registry credentials for the rest of the job.
 * The registry's own OAuth2 exchange (`POST https://<registry>/oauth2/exchange`,
 * grant_type=access_token) turns an Entra access token into an ACR refresh token, which docker
 * presents with the null GUID as user name ("this is an ACR refresh token").
 * https://azure.github.io/acr/AAD-OAuth.html
 *
 * Instead of a one-time `docker login` (whose refresh token dies with the Entra token behind it),
 * the export writes a private DOCKER_CONFIG whose `credHelpers` name entra-federate's docker
 * credential helper: docker asks it each time it needs credentials, and it exchanges a fresh
 * Entra token (from the identity endpoint when the job runs one) for a fresh refresh token.
 *
 * The Entra token is always for the ACR audience (https://containerregistry.azure.net), which
 * every registry accepts, also those that refuse ARM-audience tokens
 * (https://aka.ms/acr/authentication). No token of another audience is ever sent as a fallback,
 * and tokens go only to ACR login servers (and loopback, for tests).
 */
import { FederationError, usageError } from '../core/errors.js';
import { fetchWithRetry } from '../core/http.js';
import type { HttpClient } from '../core/http.js';
import { decodeJwt, numericClaim } from '../core/jwt.js';
import { isLoopbackHost, quote } from '../core/options.js';
import { isoTime } from '../core/text.js';
import { DOCKER_HELPER_PROGRAM, writeDockerConfig } from './docker-config.js';
import type { Handoff } from './types.js';

export const ACR_RESOURCE = 'https://containerregistry.azure.net';
export const ACR_SCOPE = `${ACR_RESOURCE}/.default`;
export const ACR_NULL_USER = '00000000-0000-0000-0000-000000000000';
const EXCHANGE_TIMEOUT_MS = 30_000;

const LABEL = '[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?';
const LOGIN_SERVER = new RegExp(`^${LABEL}(?:\\.${LABEL})*(?::\\d{1,5})?$`);
/** Azure Container Registry login servers in the public, US Government and China clouds. */
const ACR_SUFFIXES = ['.azurecr.io', '.azurecr.us', '.azurecr.cn'];
export const ACR_HOST_RULE =
  'Only Azure Container Registry login servers (*.azurecr.io, *.azurecr.us, *.azurecr.cn) get tokens, and loopback hosts for local tests.';

/** True for a login server that may receive a token: an ACR one, or loopback. */
export function isAcrLoginServer(server: string): boolean {
  const host = server.replace(/:\d{1,5}$/, '');
  if (isLoopbackHost(host) || isLoopbackHost(host.replace(/^\[(.*)\]$/, '$1'))) return true;
  return ACR_SUFFIXES.some((suffix) => host.endsWith(suffix) && host.length > suffix.length);
}

/** A registry login server as docker names it: host[:port], no scheme, no path; ACR or loopback only. */
export function parseRegistry(raw: string, field = 'export'): string {
  const value = raw.trim().toLowerCase();
  const remedy = "Name the registry's login server, e.g. acr:myregistry.azurecr.io.";
  if (value === '')
    throw usageError('INVALID_REGISTRY', 'acr: needs a registry, as in acr:myregistry.azurecr.io.', remedy, field);
  if (/^[a-z]+:\/\//.test(value))
    throw usageError(
      'INVALID_REGISTRY',
      `The registry ${quote(raw)} has a scheme.`,
      `${remedy} Leave out ${value.split('//')[0]}//.`,
      field,
    );
  if (value.length > 260 || !LOGIN_SERVER.test(value))
    throw usageError('INVALID_REGISTRY', `${quote(raw)} is not a registry login server.`, remedy, field);
  if (!isAcrLoginServer(value))
    throw usageError(
      'REGISTRY_NOT_ACR',
      `${quote(raw)} is not an Azure Container Registry login server, so no token is sent to it.`,
      `${ACR_HOST_RULE} Name the registry's login server, e.g. acr:myregistry.azurecr.io.`,
      field,
    );
  return value;
}

export interface AcrRefreshToken {
  token: string;
  /** Epoch seconds, when the refresh token says. */
  exp?: number;
}

export interface AcrExchange {
  http: HttpClient;
  /** A login server that passed parseRegistry. */
  registry: string;
  tenantId: string;
  /** An Entra access token for the ACR audience. */
  accessToken: string;
  now?: () => number;
}

function exchangeFailure(registry: string, status: number, tenantId: string): FederationError {
  const remedy =
    status === 401 || status === 403
      ? `Give the app a role on the registry (AcrPull to pull, AcrPush to push); the registry must belong to tenant ${tenantId}.`
      : status === 404
        ? `Check that ${registry} is an Azure Container Registry login server (name.azurecr.io).`
        : 'The registry failed; it was retried. Re-run the job, or check https://azure.status.microsoft.';
  return new FederationError(
    'ACR_EXCHANGE_FAILED',
    `The registry ${registry} refused the token exchange (HTTP ${status}).`,
    { remedy, status },
  );
}

/** One exchange of an ACR-audience Entra token for an ACR refresh token. */
export async function exchangeForAcrRefreshToken(request: AcrExchange): Promise<AcrRefreshToken> {
  const { registry } = request;
  const now = request.now ?? Date.now;
  const { response } = await fetchWithRetry(
    request.http,
    () => ({
      method: 'POST',
      url: `https://${registry}/oauth2/exchange`,
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: new URLSearchParams({
        grant_type: 'access_token',
        service: registry,
        tenant: request.tenantId,
        access_token: request.accessToken,
      }).toString(),
    }),
    { deadlineAt: now() + EXCHANGE_TIMEOUT_MS, what: `the registry ${registry}` },
  );
  if (response.status !== 200) throw exchangeFailure(registry, response.status, request.tenantId);
  let token: unknown;
  try {
    token = (JSON.parse(response.body) as { refresh_token?: unknown }).refresh_token;
  } catch {
    token = undefined;
  }
  if (typeof token !== 'string' || token === '' || /[\s"\\]/.test(token)) {
    throw new FederationError(
      'ACR_EXCHANGE_FAILED',
      `The registry ${registry} answered its token exchange without a refresh_token.`,
      { remedy: `Check that ${registry} is an Azure Container Registry login server (a proxy may be answering).` },
    );
  }
  let exp: number | undefined;
  try {
    exp = numericClaim(decodeJwt(token).claims, 'exp');
  } catch {
    exp = undefined;
  }
  return exp === undefined ? { token } : { token, exp };
}

export function acrHandoff(registry: string): Handoff {
  return {
    name: `acr:${registry}`,
    scopes: [ACR_SCOPE],
    async export(request, sink) {
      // One exchange now, so that a missing role fails the login step rather than a later push.
      const first = await exchangeForAcrRefreshToken({
        http: request.http,
        registry,
        tenantId: request.result.tenantId,
        accessToken: request.accessToken(ACR_SCOPE).accessToken,
      });
      sink.mask(first.token);
      const config = writeDockerConfig(request, sink, registry);
      const running = request.endpoint.running;
      const renews =
        running === undefined
          ? 'renews: docker asks the helper each time, which exchanges afresh for as long as the CI gives the job a valid token'
          : `renews: docker asks the helper each time, which takes a fresh token from the identity endpoint until it stops ${running.ends}`;
      sink.renewal?.({
        handoff: `acr:${registry}`,
        renews: true,
        until:
          running === undefined ? 'the CI stops giving the job tokens' : `the identity endpoint stops ${running.ends}`,
      });
      const firstUntil =
        first.exp === undefined ? '' : ` (the first refresh token lasts until ${isoTime(first.exp * 1000)})`;
      sink.info(
        `acr: docker gets ${registry} credentials from ${DOCKER_HELPER_PROGRAM} (credHelpers in the private DOCKER_CONFIG ${config.dir})${firstUntil}; ${renews}.`,
      );
      return { files: [], dirs: [config.dir] };
    },
  };
}
