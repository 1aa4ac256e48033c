// The Azure Instance Metadata Service's managed-identity token endpoint, as a VM, scale set or
// AKS node (or pod identity's NMI) answers it: `GET /metadata/identity/oauth2/token?
// api-version=2018-02-01&resource=...[&client_id=...]` with header `Metadata: true`.
// https://learn.microsoft.com/entra/identity/managed-identities-azure-resources/how-to-use-vm-token#get-a-token-using-http
// The runner's system-assigned identity is the sandbox's default app; `client_id` may name any
// other app of the directory (a user-assigned identity). Errors have IMDS's shape.
import type { IncomingMessage } from 'node:http';
import { mintAccessToken } from './access-token.js';
import { jsonReply } from './http.js';
import type { Reply } from './http.js';
import type { SandboxState } from './state.js';

export const IMDS_TOKEN_PATH = 'metadata/identity/oauth2/token';
const API_VERSIONS = new Set(['2018-02-01', '2019-08-01', '2021-02-01']);

function invalid(description: string, status = 400): Reply {
  return jsonReply(status, { error: 'invalid_request', error_description: description });
}

export function handleImdsToken(state: SandboxState, req: IncomingMessage, url: URL): Reply {
  if (String(req.headers['metadata'] ?? '').toLowerCase() !== 'true')
    return invalid('Required metadata header not specified');
  const q = url.searchParams;
  if (!API_VERSIONS.has(q.get('api-version') ?? '')) return invalid('Invalid or missing api-version parameter');
  const resource = q.get('resource') ?? '';
  if (resource === '') return invalid('Required audience parameter not specified');
  const clientId = q.get('client_id') ?? q.get('clientid') ?? state.defaultClientId;
  if (state.findApp(clientId) === undefined) return invalid('Identity not found');
  if (!state.knowsResource(resource))
    return jsonReply(400, {
      error: 'invalid_resource',
      error_description: `AADSTS500011: The resource principal named ${resource} was not found in the tenant.`,
    });
  const minted = mintAccessToken(state, clientId, resource, '2');
  const now = Math.floor(state.now() / 1000);
  // IMDS gives every number as a string.
  return jsonReply(200, {
    access_token: minted.accessToken,
    client_id: clientId,
    expires_in: String(minted.expiresIn),
    expires_on: String(now + minted.expiresIn),
    ext_expires_in: String(minted.expiresIn),
    not_before: String(now),
    resource,
    token_type: 'Bearer',
  });
}
