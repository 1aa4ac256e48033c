/**
 * Asks a running identity endpoint for a token, as any App Service 2019 client does: what the
 * credential helpers (git, docker) use, so that every tool of a job shares the endpoint's cache
 * and never exchanges on its own.
 */
import { FederationError } from '../../core/errors.js';
import { fetchWithRetry } from '../../core/http.js';
import type { HttpClient } from '../../core/http.js';
import { API_VERSION, SECRET_HEADER } from './protocol.js';

export interface EndpointToken {
  accessToken: string;
  /** Epoch milliseconds. */
  expiresOn: number;
}

const TIMEOUT_MS = 60_000;

export async function tokenFromEndpoint(
  http: HttpClient,
  endpoint: { url: string; secret: string },
  resource: string,
  now: () => number = Date.now,
): Promise<EndpointToken> {
  const url = new URL(endpoint.url);
  url.searchParams.set('api-version', API_VERSION);
  url.searchParams.set('resource', resource);
  const { response } = await fetchWithRetry(
    http,
    () => ({
      method: 'GET',
      url: url.toString(),
      headers: { [SECRET_HEADER]: endpoint.secret, accept: 'application/json' },
    }),
    { deadlineAt: now() + TIMEOUT_MS, what: 'the identity endpoint' },
  );
  let body: { access_token?: unknown; expires_on?: unknown; error?: unknown; error_description?: unknown };
  try {
    body = JSON.parse(response.body) as typeof body;
  } catch {
    body = {};
  }
  if (response.status !== 200 || typeof body.access_token !== 'string') {
    const why = typeof body.error_description === 'string' ? body.error_description : `HTTP ${response.status}`;
    throw new FederationError(
      'IDENTITY_ENDPOINT_REFUSED',
      `The identity endpoint gave no token for ${resource}: ${why}`,
      {
        remedy:
          'Check that the step runs in the job whose login started the endpoint (IDENTITY_ENDPOINT, IDENTITY_HEADER).',
        status: response.status,
      },
    );
  }
  const seconds = Number(body.expires_on);
  return { accessToken: body.access_token, expiresOn: Number.isFinite(seconds) ? seconds * 1000 : now() };
}
