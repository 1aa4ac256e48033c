/**
 * Reads an app's federated credentials from Microsoft Graph, addressed by client id, with a
 * Graph token the user already has (Application.Read.All or ownership of the app).
 */
import { FederationError } from '../core/errors.js';
import type { HttpClient } from '../core/http.js';
import { fetchWithRetry } from '../core/http.js';
import { redact } from '../core/redact.js';
import type { Fic } from './fic.js';
import { parseFicDocument } from './fic.js';
import { collapseControlCharacters } from '../core/text.js';

export async function fetchFics(
  http: HttpClient,
  graphBase: string,
  clientId: string,
  token: string,
  timeoutMs: number,
): Promise<Fic[]> {
  const url = `${graphBase.replace(/\/+$/, '')}/v1.0/applications(appId='${encodeURIComponent(clientId)}')/federatedIdentityCredentials`;
  const { response } = await fetchWithRetry(
    http,
    () => ({ method: 'GET', url, headers: { authorization: `Bearer ${token}`, accept: 'application/json' } }),
    {
      deadlineAt: Date.now() + timeoutMs,
      what: 'Microsoft Graph',
    },
  );
  if (response.status === 200) return parseFicDocument(response.body, 'The Graph response');
  let message = '';
  try {
    message = String((JSON.parse(response.body) as { error?: { message?: unknown } }).error?.message ?? '');
  } catch {
    message = '';
  }
  const remedy =
    response.status === 401
      ? 'The Graph token is missing, expired, or not for Microsoft Graph: get one with `az account get-access-token --resource-type ms-graph --query accessToken -o tsv`.'
      : response.status === 403
        ? 'The identity behind the Graph token may not read this app: it needs Application.Read.All, or to own the app.'
        : response.status === 404
          ? "No application with this client id in the Graph token's tenant (a managed identity's FICs live in Azure Resource Manager, not Graph)."
          : 'Microsoft Graph failed; try again, or pass the FICs with --fic-file.';
  const shown = collapseControlCharacters(redact(message, [token]), ' ').slice(0, 300);
  throw new FederationError(
    'GRAPH_REQUEST_FAILED',
    `Microsoft Graph answered HTTP ${response.status} listing the app's federated credentials${shown === '' ? '' : `: ${shown}`}.`,
    { remedy, status: response.status },
  );
}
