/**
 * One client-credentials exchange at the Entra v2 token endpoint, with any credential:
 * a federated CI token, a certificate-signed assertion, or a secret.
 */
import { lookupAadsts, TRANSIENT_AADSTS } from './aadsts.js';
import { FederationError } from './errors.js';
import type { Clock, HttpClient, HttpResponse, Verdict } from './http.js';
import { redact } from './redact.js';
import { classifyStatus, fetchWithRetry, parseRetryAfter, systemClock } from './http.js';
import { replaceControlCharacters } from './text.js';

export const JWT_BEARER = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';

export type ClientCredential =
  /** The CI's OIDC token; asked for again on every attempt because it lives minutes. */
  | { kind: 'federated'; audience: string; assertion: (audience: string) => Promise<string> }
  /** A JWT signed with the app's certificate; its audience is the token endpoint. */
  | { kind: 'certificate'; assertion: (tokenEndpoint: string) => Promise<string> }
  | { kind: 'secret'; secret: string };

export interface ExchangeRequest {
  tokenEndpoint: string;
  clientId: string;
  scope: string;
  deadlineAt: number;
}

export interface AccessToken {
  scope: string;
  accessToken: string;
  tokenType: string;
  /** Epoch milliseconds, from the response's expires_in. */
  expiresOn: number;
  attempts: number;
}

export interface ExchangeDeps {
  http: HttpClient;
  clock?: Clock;
  /** Sent as client-request-id so the user can match Entra's correlation id. */
  correlationId?: string;
}

interface EntraErrorBody {
  error?: unknown;
  error_description?: unknown;
  error_codes?: unknown;
  trace_id?: unknown;
  correlation_id?: unknown;
  timestamp?: unknown;
}

function parseJson(body: string): unknown {
  try {
    return JSON.parse(body);
  } catch {
    return undefined;
  }
}

function firstErrorCode(body: EntraErrorBody | undefined): number | undefined {
  const codes = body?.error_codes;
  if (Array.isArray(codes) && typeof codes[0] === 'number') return codes[0];
  const description = typeof body?.error_description === 'string' ? body.error_description : '';
  const match = /^AADSTS(\d+)/.exec(description);
  return match ? Number(match[1]) : undefined;
}

/** Entra's transient AADSTS codes come back as 400s; they are worth another try. */
export function classifyTokenResponse(res: HttpResponse): Verdict {
  if (classifyStatus(res) === 'retry') return 'retry';
  if (res.status >= 400) {
    const code = firstErrorCode(parseJson(res.body) as EntraErrorBody | undefined);
    if (code !== undefined && TRANSIENT_AADSTS.has(code)) return 'retry';
  }
  return 'final';
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** The first line of error_description, without the Trace ID / Correlation ID tail Entra appends. */
function describe(description: string): string {
  const first = description.split(/\r?\n/)[0] ?? '';
  const clean = replaceControlCharacters(first, ' ').trim();
  return clean.length > 600 ? `${clean.slice(0, 597)}...` : clean;
}

function snippet(body: string): string {
  const title = /<title>([^<]{1,120})<\/title>/i.exec(body)?.[1];
  const text = (title ?? body)
    .replace(/<[^>]*>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return text.length > 120 ? `${text.slice(0, 117)}...` : text;
}

/** Turns a failed token response into a FederationError with Entra's ids and a remedy. */
export function tokenError(
  res: HttpResponse,
  scope: string,
  now: number,
  sent: readonly string[] = [],
): FederationError {
  // A misbehaving endpoint or proxy may echo the request: nothing we sent may reach a message.
  const clean = (text: string): string => redact(text, sent);
  const parsed = parseJson(res.body);
  const body = parsed !== null && typeof parsed === 'object' ? (parsed as EntraErrorBody) : undefined;
  const aadsts = firstErrorCode(body);
  const ids = {
    status: res.status,
    scope,
    ...(str(body?.trace_id) === undefined ? {} : { traceId: str(body?.trace_id) as string }),
    ...(str(body?.correlation_id) === undefined ? {} : { correlationId: str(body?.correlation_id) as string }),
    ...(str(body?.timestamp) === undefined ? {} : { timestamp: str(body?.timestamp) as string }),
    ...(str(body?.error) === undefined ? {} : { oauthError: str(body?.error) as string }),
  };
  if (aadsts !== undefined) {
    const entry = lookupAadsts(aadsts);
    const text = str(body?.error_description);
    const message = text === undefined ? `AADSTS${aadsts}` : clean(describe(text));
    return new FederationError(entry.code, message.startsWith('AADSTS') ? message : `AADSTS${aadsts}: ${message}`, {
      ...ids,
      aadsts,
      remedy: entry.remedy,
    });
  }
  if (res.status === 429) {
    const wait = parseRetryAfter(res.headers['retry-after'], now);
    const after = wait === undefined ? '' : ` and asked to retry after ${Math.ceil(wait / 1000)} s`;
    return new FederationError('THROTTLED', `Entra throttled the token request (HTTP 429)${after}.`, {
      ...ids,
      remedy:
        'Too many token requests for this app or tenant: run fewer concurrent jobs, reuse tokens within a job, or raise --timeout so the wait fits.',
    });
  }
  if (body !== undefined && str(body.error) !== undefined) {
    const oauthCode = String(body.error)
      .toUpperCase()
      .replace(/[^A-Z0-9_]/g, '_')
      .slice(0, 40);
    return new FederationError(
      `OAUTH_${oauthCode}`,
      `The token endpoint answered HTTP ${res.status}: ${clean(describe(String(body.error)))}${str(body.error_description) === undefined ? '' : ` (${clean(describe(String(body.error_description)))})`}.`,
      { ...ids, remedy: 'Check the client id, tenant and scope; quote the trace id when asking your administrator.' },
    );
  }
  const kind = res.headers['content-type']?.split(';')[0] ?? 'no content type';
  const shown = clean(snippet(res.body));
  return new FederationError(
    res.status >= 500 ? 'SERVICE_UNAVAILABLE' : 'UNEXPECTED_RESPONSE',
    `The token endpoint answered HTTP ${res.status} with a non-JSON body (${kind})${shown === '' ? '' : `: "${shown}"`}.`,
    {
      ...ids,
      remedy:
        res.status >= 500
          ? 'Entra or a proxy in between failed; it was retried. Try again later, and check https://status.azure.com.'
          : 'Something other than Entra answered: check --authority-host and any proxy (HTTPS_PROXY) between the runner and Entra.',
    },
  );
}

function parseSuccess(
  res: HttpResponse,
  scope: string,
  now: number,
): { accessToken: string; tokenType: string; expiresOn: number } {
  const body = parseJson(res.body) as Record<string, unknown> | undefined;
  const accessToken = body?.['access_token'];
  const expiresIn = body?.['expires_in'];
  const seconds =
    typeof expiresIn === 'number' ? expiresIn : typeof expiresIn === 'string' ? Number(expiresIn) : Number.NaN;
  // A token is printable ASCII without spaces (a JWT or an opaque string); anything else would
  // break the one line `token` prints and the variables hand-offs write.
  if (
    typeof accessToken !== 'string' ||
    !/^[\x21-\x7e]{1,65536}$/.test(accessToken) ||
    !Number.isFinite(seconds) ||
    seconds <= 0
  ) {
    throw new FederationError(
      'INVALID_RESPONSE',
      `The token endpoint answered HTTP ${res.status} without a usable access_token and expires_in.`,
      {
        status: res.status,
        scope,
        remedy:
          'Something other than Entra answered: check --authority-host and any proxy between the runner and Entra.',
      },
    );
  }
  const tokenType = typeof body?.['token_type'] === 'string' ? (body['token_type'] as string) : 'Bearer';
  return { accessToken, tokenType, expiresOn: now + Math.round(seconds * 1000) };
}

export async function exchangeToken(
  req: ExchangeRequest,
  credential: ClientCredential,
  deps: ExchangeDeps,
): Promise<AccessToken> {
  const clock = deps.clock ?? systemClock;
  const sent: string[] = [];
  const build = async (): Promise<{ method: 'POST'; url: string; headers: Record<string, string>; body: string }> => {
    const form = new URLSearchParams({ grant_type: 'client_credentials', client_id: req.clientId, scope: req.scope });
    switch (credential.kind) {
      case 'federated':
        form.set('client_assertion_type', JWT_BEARER);
        form.set('client_assertion', await credential.assertion(credential.audience));
        sent.push(form.get('client_assertion') ?? '');
        break;
      case 'certificate':
        form.set('client_assertion_type', JWT_BEARER);
        form.set('client_assertion', await credential.assertion(req.tokenEndpoint));
        sent.push(form.get('client_assertion') ?? '');
        break;
      case 'secret':
        form.set('client_secret', credential.secret);
        sent.push(credential.secret);
        break;
    }
    const headers: Record<string, string> = {
      'content-type': 'application/x-www-form-urlencoded',
      accept: 'application/json',
    };
    if (deps.correlationId !== undefined) {
      headers['client-request-id'] = deps.correlationId;
      headers['return-client-request-id'] = 'true';
    }
    return { method: 'POST', url: req.tokenEndpoint, headers, body: form.toString() };
  };
  const { response, attempts } = await fetchWithRetry(deps.http, build, {
    deadlineAt: req.deadlineAt,
    what: 'the Entra token endpoint',
    clock,
    classify: classifyTokenResponse,
  });
  if (response.status !== 200) throw tokenError(response, req.scope, clock.now(), sent);
  return { scope: req.scope, attempts, ...parseSuccess(response, req.scope, clock.now()) };
}
