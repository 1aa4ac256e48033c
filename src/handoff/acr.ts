/**
 * `acr:<registry>`: signs docker in to an Azure Container Registry. The registry's own OAuth2
 * exchange (`POST https://<registry>/oauth2/exchange`, grant_type=access_token) turns an Entra
 * access token into an ACR refresh token, which `docker login` takes on stdin with the null
 * GUID as user name ("this is an ACR refresh token"). Docker then gets registry tokens itself
 * until the refresh token expires (its exp is reported).
 *
 * The Entra token is for the ACR audience; registries that still accept ARM tokens are tried
 * with the login's ARM token when the ACR one is refused (older registries, Azure/acr#820).
 */
import { usageError, FederationError } from '../core/errors.js';
import { fetchWithRetry } from '../core/http.js';
import { decodeJwt, numericClaim } from '../core/jwt.js';
import { quote } from '../core/options.js';
import { describeToolFailure } from './tool.js';
import type { Handoff, HandoffRequest } from './types.js';
import { isoTime } from '../core/text.js';

export const ACR_SCOPE = 'https://containerregistry.azure.net/.default';
export const ACR_NULL_USER = '00000000-0000-0000-0000-000000000000';
const ARM_SCOPES = [
  'https://management.azure.com/.default',
  'https://management.usgovcloudapi.net/.default',
  'https://management.chinacloudapi.cn/.default',
];
const EXCHANGE_TIMEOUT_MS = 30_000;

const LABEL = '[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?';
const LOGIN_SERVER = new RegExp(`^${LABEL}(?:\\.${LABEL})*(?::\\d{1,5})?$`);

/** A registry login server as docker names it: host[:port], no scheme, no path. */
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
  return value;
}

interface Refresh {
  token: string;
  /** Epoch seconds, when the refresh token says. */
  exp?: number;
}

async function exchange(
  request: HandoffRequest,
  registry: string,
  accessToken: string,
): Promise<{ status: number; refresh?: Refresh }> {
  const url = `https://${registry}/oauth2/exchange`;
  const { response } = await fetchWithRetry(
    request.http,
    () => ({
      method: 'POST',
      url,
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: new URLSearchParams({
        grant_type: 'access_token',
        service: registry,
        tenant: request.result.tenantId,
        access_token: accessToken,
      }).toString(),
    }),
    { deadlineAt: Date.now() + EXCHANGE_TIMEOUT_MS, what: `the registry ${registry}` },
  );
  if (response.status !== 200) return { status: response.status };
  let token: unknown;
  try {
    token = (JSON.parse(response.body) as { refresh_token?: unknown }).refresh_token;
  } catch {
    token = undefined;
  }
  if (typeof token !== 'string' || token === '') {
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
  return { status: 200, refresh: exp === undefined ? { token } : { token, exp } };
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

export function acrHandoff(registry: string): Handoff {
  return {
    name: `acr:${registry}`,
    scopes: [ACR_SCOPE],
    async export(request, sink) {
      const acrToken = request.accessToken(ACR_SCOPE).accessToken;
      let outcome = await exchange(request, registry, acrToken);
      if (outcome.status === 401 || outcome.status === 403) {
        const arm = request.result.tokens.find((t) => ARM_SCOPES.includes(t.scope));
        if (arm !== undefined) outcome = await exchange(request, registry, arm.accessToken);
      }
      const refresh = outcome.refresh;
      if (refresh === undefined) throw exchangeFailure(registry, outcome.status, request.result.tenantId);
      sink.mask(refresh.token);

      const args: [string, ...string[]] = [
        'docker',
        'login',
        registry,
        '--username',
        ACR_NULL_USER,
        '--password-stdin',
      ];
      const result = await sink.run(args, { stdin: refresh.token, secrets: [refresh.token, acrToken] });
      if (!result.ok) {
        throw new FederationError(
          'DOCKER_LOGIN_FAILED',
          `Could not sign docker in to ${registry}: ${describeToolFailure(`docker login ${registry}`, result)}.`,
          {
            remedy:
              result.reason === 'not-found'
                ? 'Install docker on the runner, or drop the acr export.'
                : 'Check that the docker daemon runs and can reach the registry.',
            usage: result.reason === 'not-found',
          },
        );
      }
      const until =
        refresh.exp === undefined ? '' : ` until ${isoTime(refresh.exp * 1000)} (the ACR refresh token's expiry)`;
      sink.info(`acr: docker is signed in to ${registry}${until}.`);
      const dockerConfig = request.env['DOCKER_CONFIG'];
      return {
        files: [],
        dockerLogouts: [dockerConfig === undefined || dockerConfig === '' ? { registry } : { registry, dockerConfig }],
      };
    },
  };
}
