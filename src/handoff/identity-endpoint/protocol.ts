/**
 * The managed-identity dialects the identity endpoint speaks, each exactly as its clients send
 * and parse it. One server, one cache; the dialect only decides how a request is checked and how
 * the answer is shaped.
 *
 * - App Service 2019-08-01 (IDENTITY_ENDPOINT + IDENTITY_HEADER): @azure/identity through
 *   @azure/msal-node's AppService source, Python azure-identity, MSAL Python (az 2.73 and later):
 *     GET <IDENTITY_ENDPOINT>?api-version=2019-08-01&resource=<r>[&client_id=<id>]
 *     X-IDENTITY-HEADER: <IDENTITY_HEADER>
 *   answered with expires_on in epoch seconds, as a string.
 * - App Service 2017-09-01 (MSI_ENDPOINT + MSI_SECRET): msrestazure's MSIAuthentication in App
 *   Service mode (az before 2.73), go-autorest's adal, msal-node's MachineLearning source:
 *     GET <MSI_ENDPOINT>/?resource=<r>&api-version=2017-09-01[&clientid=<id>]
 *     secret: <MSI_SECRET>
 *   answered with expires_on as App Service wrote it, "MM/DD/YYYY HH:MM:SS +00:00" (UTC), the
 *   form az's _normalize_expires_on and adal's parseExpiresOn read besides epoch seconds
 *   (https://github.com/Azure/azure-cli/blob/azure-cli-2.45.0/src/azure-cli-core/azure/cli/core/auth/adal_authentication.py,
 *   https://github.com/Azure/go-autorest/blob/main/autorest/adal/token.go); failures as an
 *   ASP.NET error object, whose ExceptionMessage msrestazure reports.
 * - IMDS 2018-02-01 (Terraform's ARM_MSI_ENDPOINT, go-autorest's NewServicePrincipalTokenFromMSI):
 *     GET <capability>/metadata/identity/oauth2/token?api-version=2018-02-01&resource=<r>[&client_id=<id>]
 *     Metadata: true
 *   IMDS has no secret, so it is served only under a path of 256 random bits (the capability),
 *   only when the login asked for it; answered like IMDS (expires_in, expires_on, not_before as
 *   strings of seconds).
 * https://learn.microsoft.com/azure/app-service/overview-managed-identity#rest-endpoint-reference
 * https://learn.microsoft.com/entra/identity/managed-identities-azure-resources/how-to-use-vm-token#get-a-token-using-http
 */
import { createHash, timingSafeEqual } from 'node:crypto';

export const TOKEN_PATH = '/msi/token';
export const IMDS_TOKEN_PATH = '/metadata/identity/oauth2/token';
export const API_VERSION = '2019-08-01';
export const API_VERSION_2017 = '2017-09-01';
export const IMDS_API_VERSION = '2018-02-01';
/** Node lower-cases incoming header names. */
export const SECRET_HEADER = 'x-identity-header';
export const SECRET_HEADER_2017 = 'secret';

export type Dialect = 'app-service-2019' | 'app-service-2017' | 'imds';

/** What a request must carry: the header secret, and the IMDS capability path when IMDS is served. */
export interface EndpointSecrets {
  secret: string;
  /** A URL-safe random path segment; absent: IMDS is not served. */
  capability?: string;
}

export type TokenRequest =
  | { ok: true; dialect: Dialect; resource: string }
  | { ok: false; dialect: Dialect; status: number; error: string; description: string };

/** Constant-time: hashing first makes the lengths equal and the comparison reveal nothing. */
export function secretMatches(given: string | string[] | undefined, secret: string): boolean {
  if (typeof given !== 'string') return false;
  const a = createHash('sha256').update(given, 'utf8').digest();
  const b = createHash('sha256').update(secret, 'utf8').digest();
  return timingSafeEqual(a, b);
}

const quoted = (value: string, max = 60): string => JSON.stringify(value.slice(0, max));

/** The capability URL path for an IMDS-shaped request. */
export function imdsPath(capability: string): string {
  return `/${capability}${IMDS_TOKEN_PATH}`;
}

/** Which dialect a request is addressed to, from its path, header and api-version; undefined: none. */
function dialectOf(
  path: string,
  headers: Record<string, string | string[] | undefined>,
  query: URLSearchParams,
  secrets: EndpointSecrets,
): Dialect | undefined {
  if (secrets.capability !== undefined && secretMatches(path, imdsPath(secrets.capability))) return 'imds';
  // msrestazure appends "/?resource=" to MSI_ENDPOINT.
  if (path !== TOKEN_PATH && path !== `${TOKEN_PATH}/`) return undefined;
  if (headers[SECRET_HEADER] !== undefined) return 'app-service-2019';
  if (headers[SECRET_HEADER_2017] !== undefined) return 'app-service-2017';
  return query.get('api-version') === API_VERSION_2017 ? 'app-service-2017' : 'app-service-2019';
}

const EXPECTED_VERSION: Record<Dialect, string> = {
  'app-service-2019': API_VERSION,
  'app-service-2017': API_VERSION_2017,
  imds: IMDS_API_VERSION,
};

/** Checks one request against its dialect; `clientId` is the only identity served. */
export function parseTokenRequest(
  method: string | undefined,
  rawUrl: string | undefined,
  headers: Record<string, string | string[] | undefined>,
  secrets: EndpointSecrets,
  clientId: string,
): TokenRequest {
  let url: URL;
  try {
    url = new URL(rawUrl ?? '/', 'http://127.0.0.1');
  } catch {
    return { ok: false, dialect: 'app-service-2019', status: 400, error: 'invalid_request', description: 'Bad URL.' };
  }
  const query = url.searchParams;
  const dialect = dialectOf(url.pathname, headers, query, secrets);
  if (dialect === undefined) {
    // Nothing said about other paths: a wrong capability looks like any unknown path.
    return {
      ok: false,
      dialect: 'app-service-2019',
      status: 404,
      error: 'not_found',
      description: `This endpoint serves tokens at ${TOKEN_PATH} only.`,
    };
  }
  const refuse = (status: number, error: string, description: string): TokenRequest => ({
    ok: false,
    dialect,
    status,
    error,
    description,
  });
  if (method !== 'GET') return refuse(405, 'invalid_request', 'Use GET.');
  // The secret before anything else: without it, say nothing about what would be served.
  if (dialect === 'app-service-2019' && !secretMatches(headers[SECRET_HEADER], secrets.secret))
    return refuse(
      401,
      'unauthorized',
      'The X-IDENTITY-HEADER header is missing or wrong: send the value of IDENTITY_HEADER.',
    );
  if (dialect === 'app-service-2017' && !secretMatches(headers[SECRET_HEADER_2017], secrets.secret))
    return refuse(401, 'unauthorized', 'The secret header is missing or wrong: send the value of MSI_SECRET.');
  if (dialect === 'imds' && headers['metadata'] !== 'true')
    return refuse(400, 'invalid_request', 'Required metadata header not specified: send `Metadata: true`.');
  const version = query.get('api-version');
  const expected = EXPECTED_VERSION[dialect];
  if (version !== expected)
    return refuse(
      400,
      'invalid_request',
      `api-version must be ${expected}${version === null ? '' : `, not ${quoted(version, 40)}`}.`,
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
    const variable =
      dialect === 'imds' ? 'ARM_CLIENT_ID' : dialect === 'app-service-2017' ? 'the client id' : 'AZURE_CLIENT_ID';
    return refuse(
      400,
      'invalid_request',
      `This endpoint serves client ${clientId} only, not ${quoted(asked)}: unset ${variable} or set it to ${clientId}.`,
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
  return { ok: true, dialect, resource };
}

const two = (n: number): string => String(n).padStart(2, '0');

/** App Service 2017's expires_on: "MM/DD/YYYY HH:MM:SS +00:00", in UTC. */
export function appService2017Time(epochMs: number): string {
  const d = new Date(epochMs);
  return `${two(d.getUTCMonth() + 1)}/${two(d.getUTCDate())}/${d.getUTCFullYear()} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())} +00:00`;
}

export function tokenBody(
  dialect: Dialect,
  token: { accessToken: string; expiresOn: number; obtainedAt?: number },
  resource: string,
  clientId: string,
  now: number = Date.now(),
): string {
  const expiresOn = Math.floor(token.expiresOn / 1000);
  switch (dialect) {
    case 'app-service-2017':
      return JSON.stringify({
        access_token: token.accessToken,
        expires_on: appService2017Time(token.expiresOn),
        resource,
        token_type: 'Bearer',
        client_id: clientId,
      });
    case 'imds': {
      const notBefore = Math.floor((token.obtainedAt ?? now) / 1000);
      const expiresIn = String(Math.max(0, expiresOn - Math.floor(now / 1000)));
      return JSON.stringify({
        access_token: token.accessToken,
        client_id: clientId,
        expires_in: expiresIn,
        expires_on: String(expiresOn),
        ext_expires_in: expiresIn,
        not_before: String(notBefore),
        resource,
        token_type: 'Bearer',
      });
    }
    default:
      return JSON.stringify({
        access_token: token.accessToken,
        // Epoch seconds as a string, like App Service itself.
        expires_on: String(expiresOn),
        resource,
        token_type: 'Bearer',
        client_id: clientId,
      });
  }
}

export function errorBody(dialect: Dialect, error: string, description: string, status = 400): string {
  if (dialect === 'app-service-2017')
    return JSON.stringify({
      Message: 'An error has occurred.',
      ExceptionMessage: description,
      ErrorCode: error,
      StatusCode: status,
    });
  return JSON.stringify({ error, error_description: description });
}
