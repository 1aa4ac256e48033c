/**
 * In-process stand-ins for what the core takes by injection: an HTTP client that answers each
 * request from a script (and records what was sent, as Entra would receive it), a virtual
 * clock whose sleeps cost nothing, and Entra-shaped bodies. Bodies follow Entra's documented
 * token endpoint responses:
 * https://learn.microsoft.com/entra/identity-platform/v2-oauth2-client-creds-grant-flow
 */
import type { Clock, HttpClient, HttpRequest, HttpResponse } from '../../src/core/http.js';

export interface SentRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  /** The form body, decoded. */
  form: Record<string, string>;
}

export type Answer = HttpResponse | Error | Promise<HttpResponse | Error>;

export interface ScriptedHttp extends HttpClient {
  sent: SentRequest[];
}

/** Each request is answered by `answer(request, n)` (n counts from 1); an Error is a network failure. */
export function scriptedHttp(answer: (req: SentRequest, n: number) => Answer): ScriptedHttp {
  const sent: SentRequest[] = [];
  return {
    sent,
    async send(req: HttpRequest) {
      const recorded: SentRequest = {
        method: req.method,
        url: req.url,
        headers: { ...req.headers },
        form: Object.fromEntries(new URLSearchParams(req.body ?? '')),
      };
      sent.push(recorded);
      const result = await answer(recorded, sent.length);
      if (result instanceof Error) throw result;
      return result;
    },
  };
}

export function virtualClock(start = Date.UTC(2026, 0, 1)): Clock & { waits: number[] } {
  let now = start;
  const waits: number[] = [];
  return {
    waits,
    now: () => now,
    random: () => 0.5,
    sleep: async (ms) => {
      waits.push(ms);
      now += ms;
    },
  };
}

export function json(status: number, body: unknown, headers: Record<string, string> = {}): HttpResponse {
  return {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
    body: JSON.stringify(body),
  };
}

export function tokenResponse(accessToken: string, expiresIn: unknown = 3599): HttpResponse {
  return json(200, {
    token_type: 'Bearer',
    expires_in: expiresIn,
    ext_expires_in: expiresIn,
    access_token: accessToken,
  });
}

export interface EntraErrorOptions {
  error?: string;
  description?: string;
  traceId?: string;
  correlationId?: string;
  status?: number;
}

/** An Entra error body: the description carries the Trace ID / Correlation ID trailer, as Entra's does. */
export function entraError(aadsts: number, opts: EntraErrorOptions = {}): HttpResponse {
  const traceId = opts.traceId ?? '11111111-aaaa-4bbb-8ccc-000000000001';
  const correlationId = opts.correlationId ?? '22222222-aaaa-4bbb-8ccc-000000000002';
  const timestamp = '2026-01-01 00:00:00Z';
  return json(opts.status ?? 400, {
    error: opts.error ?? 'invalid_request',
    error_description: `AADSTS${aadsts}: ${opts.description ?? 'Something was refused.'}\r\nTrace ID: ${traceId}\r\nCorrelation ID: ${correlationId}\r\nTimestamp: ${timestamp}`,
    error_codes: [aadsts],
    timestamp,
    trace_id: traceId,
    correlation_id: correlationId,
    error_uri: `https://login.microsoftonline.com/error?code=${aadsts}`,
  });
}

/** An unsigned JWT carrying these claims: enough for code that only reads claims. */
export function unsignedJwt(claims: Record<string, unknown>): string {
  const part = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
  return `${part({ alg: 'RS256', typ: 'JWT', kid: 'k' })}.${part(claims)}.c2lnbmF0dXJl`;
}
