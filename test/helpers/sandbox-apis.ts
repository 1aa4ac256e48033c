// Calls to the sandbox's Microsoft Graph and Azure Resource Manager subsets, and its token
// endpoint, over real HTTP; shared by the in-process and the process tests.
import { type HttpResult, httpCall, JWT_BEARER, postForm } from './sandbox-http.js';

export const API_VERSION = 'api-version=2022-04-01';
export const GRAPH = 'https://graph.microsoft.com';
export const ARM = 'https://management.azure.com';

export type Call = (
  method: string,
  path: string,
  body?: unknown,
  headers?: Record<string, string>,
) => Promise<HttpResult>;

/** A client of `base` that sends `token` as its bearer (none when undefined). */
export function client(base: string, token: string | undefined): Call {
  return (method, path, body, headers = {}) =>
    httpCall(`${base}${path}`, {
      method,
      headers: {
        ...(token !== undefined && { authorization: `Bearer ${token}` }),
        ...(body !== undefined && { 'content-type': 'application/json' }),
        ...headers,
      },
      ...(body !== undefined && { body: typeof body === 'string' ? body : JSON.stringify(body) }),
    });
}

/** The client-credentials request a CI login makes, with a CI token as the assertion. */
export function exchange(
  authorityHost: string,
  tenantId: string,
  clientId: string,
  assertion: string,
  scope = `${ARM}/.default`,
): Promise<HttpResult> {
  return postForm(`${authorityHost}/${tenantId}/oauth2/v2.0/token`, {
    grant_type: 'client_credentials',
    client_id: clientId,
    scope,
    client_assertion_type: JWT_BEARER,
    client_assertion: assertion,
  });
}

/** `{ error: { code, message } }`, as Graph and ARM shape their errors. */
export function errorOf(res: HttpResult): { status: number; code: unknown; message: unknown } {
  return { status: res.status, code: res.json?.error?.code, message: res.json?.error?.message };
}

export const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
