/**
 * One HTTP client for every outbound request (CI token endpoints, Entra, discovery).
 *
 * Built on node:http/https rather than fetch: fetch loads undici (~30 ms of start-up, see
 * bench/), and the agent seam is where proxy support plugs in. Each request has its own
 * timeout; fetchWithRetry adds an overall deadline, jittered backoff and Retry-After, and
 * retries only what can succeed on a second try (408, 429, 5xx, dropped connections).
 */
import type { IncomingHttpHeaders, IncomingMessage, RequestOptions } from 'node:http';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { FederationError } from './errors.js';
import type { ProxyConfig } from './proxy.js';
import { createProxyRouter } from './proxy.js';

export interface HttpRequest {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  url: string;
  headers?: Record<string, string>;
  body?: string;
}

export interface HttpResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface SendOptions {
  timeoutMs: number;
}

export interface HttpClient {
  /** One attempt. Rejects with an Error carrying `code` for network failures. */
  send(req: HttpRequest, opts: SendOptions): Promise<HttpResponse>;
}

export interface Clock {
  now(): number;
  sleep(ms: number): Promise<void>;
  random(): number;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  random: () => Math.random(),
};

/** Large enough for any token or discovery response; small enough to refuse a runaway body. */
export const MAX_RESPONSE_BYTES = 1024 * 1024;

export interface NodeHttpClientOptions {
  /** HTTPS_PROXY / HTTP_PROXY / NO_PROXY, as read by proxyConfigFrom. */
  proxy?: ProxyConfig | undefined;
  userAgent?: string;
}

class NetworkError extends Error {
  readonly code: string;
  constructor(code: string, message: string) {
    super(message);
    this.code = code;
  }
}

export function createNodeHttpClient(options: NodeHttpClientOptions = {}): HttpClient {
  const route = options.proxy === undefined ? undefined : createProxyRouter(options.proxy);
  return {
    send(req, { timeoutMs }) {
      return new Promise<HttpResponse>((resolve, reject) => {
        const url = new URL(req.url);
        const headers: Record<string, string> = { ...req.headers };
        if (options.userAgent !== undefined) headers['user-agent'] = options.userAgent;
        if (req.body !== undefined) headers['content-length'] = String(Buffer.byteLength(req.body));
        const via = route?.(url);
        let target: URL | RequestOptions = url;
        const requestOptions: RequestOptions = { method: req.method, headers };
        if (via?.forward !== undefined) {
          // Plain http through a proxy: connect to the proxy, name the whole URL on the request line.
          target = { host: via.forward.host, port: via.forward.port, path: via.forward.path };
          Object.assign(headers, { host: url.host }, via.forward.headers);
        }
        if (via !== undefined) requestOptions.agent = via.agent;
        const send = url.protocol === 'https:' && via?.forward === undefined ? httpsRequest : httpRequest;
        let settled = false;
        const fail = (err: Error): void => {
          if (settled) return;
          settled = true;
          clearTimeout(timer);
          reject(err);
        };
        const onResponse = (res: IncomingMessage): void => {
          const chunks: Buffer[] = [];
          let size = 0;
          res.on('data', (chunk: Buffer) => {
            size += chunk.length;
            if (size > MAX_RESPONSE_BYTES) {
              // Settle first: destroying the response emits its own (less telling) abort.
              fail(new NetworkError('RESPONSE_TOO_LARGE', `the response was larger than ${MAX_RESPONSE_BYTES} bytes`));
              res.destroy();
              return;
            }
            chunks.push(chunk);
          });
          res.on('aborted', () =>
            fail(new NetworkError('ECONNRESET', 'the connection closed before the response was complete')),
          );
          res.on('error', (err) => fail(err));
          res.on('end', () => {
            if (settled) return;
            if (!res.complete) {
              fail(new NetworkError('ECONNRESET', 'the connection closed before the response was complete'));
              return;
            }
            settled = true;
            clearTimeout(timer);
            resolve({
              status: res.statusCode ?? 0,
              headers: res.headers,
              body: Buffer.concat(chunks).toString('utf8'),
            });
          });
        };
        const clientRequest =
          target instanceof URL
            ? send(target, requestOptions, onResponse)
            : send({ ...requestOptions, ...target }, onResponse);
        const timer = setTimeout(() => {
          fail(new NetworkError('ETIMEDOUT', `no response within ${Math.round(timeoutMs)} ms`));
          clientRequest.destroy();
        }, timeoutMs);
        clientRequest.on('error', (err) => fail(err));
        if (req.body !== undefined) clientRequest.write(req.body);
        clientRequest.end();
      });
    },
  };
}

export type Verdict = 'retry' | 'final';

/** 408, 429 and 5xx may succeed later; any other status is the server's answer. */
export function classifyStatus(res: HttpResponse): Verdict {
  return res.status === 408 || res.status === 429 || res.status >= 500 ? 'retry' : 'final';
}

const RETRYABLE_NETWORK = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'EPIPE',
  'ETIMEDOUT',
  'EAI_AGAIN',
  'ECONNABORTED',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'UND_ERR_SOCKET',
]);
const TLS_CODES = /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|ERR_TLS/;

export interface RetryOptions {
  /** Epoch ms after which no new attempt starts and waits are cut short. */
  deadlineAt: number;
  /** What is being fetched, for messages: "the GitHub ID-token endpoint". */
  what: string;
  clock?: Clock;
  classify?: (res: HttpResponse) => Verdict;
  maxAttempts?: number;
  perRequestTimeoutMs?: number;
  /** Longest Retry-After we are willing to wait. */
  maxRetryAfterMs?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
}

export interface RetryResult {
  response: HttpResponse;
  attempts: number;
}

/** Reads Retry-After as delta seconds or an HTTP date. */
export function parseRetryAfter(value: string | string[] | undefined, now: number): number | undefined {
  const raw = Array.isArray(value) ? value[0] : value;
  if (raw === undefined || raw.trim() === '') return undefined;
  if (/^\d+$/.test(raw.trim())) return Number(raw.trim()) * 1000;
  const at = Date.parse(raw);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

function describeTarget(url: string): string {
  try {
    const u = new URL(url);
    return `${u.origin}${u.pathname}`;
  } catch {
    return 'the server';
  }
}

function networkFailure(err: unknown, what: string, url: string, attempts: number): FederationError {
  const code = typeof (err as { code?: unknown }).code === 'string' ? (err as { code: string }).code : 'ENETWORK';
  const detail = err instanceof Error ? err.message : String(err);
  const where = describeTarget(url);
  const tries = attempts === 1 ? '' : ` after ${attempts} attempts`;
  if (code === 'ENOTFOUND') {
    return new FederationError('HOST_NOT_FOUND', `Could not resolve the host of ${what} (${where}).`, {
      remedy:
        "Check the URL (authority host, cloud, CI endpoint) and the runner's DNS and proxy settings (HTTPS_PROXY, NO_PROXY).",
      cause: err,
    });
  }
  if (TLS_CODES.test(code)) {
    return new FederationError('TLS_ERROR', `The TLS certificate of ${what} (${where}) was not trusted: ${detail}.`, {
      remedy: 'If a proxy or the sandbox uses its own CA, point NODE_EXTRA_CA_CERTS at its certificate file.',
      cause: err,
    });
  }
  if (code === 'RESPONSE_TOO_LARGE') {
    return new FederationError(
      'RESPONSE_TOO_LARGE',
      `The response of ${what} (${where}) was larger than ${MAX_RESPONSE_BYTES} bytes.`,
      { remedy: 'Check that the URL points at the right service; a proxy may be answering instead.', cause: err },
    );
  }
  if (code === 'ETIMEDOUT') {
    return new FederationError('TIMEOUT', `${capitalize(what)} (${where}) did not answer in time${tries}: ${detail}.`, {
      remedy: 'Check network access to the host, or raise --timeout.',
      cause: err,
    });
  }
  return new FederationError('NETWORK_ERROR', `Could not reach ${what} (${where})${tries}: ${detail} (${code}).`, {
    remedy:
      'Check network access to the host and the proxy settings (HTTPS_PROXY, NO_PROXY); the request is retried automatically when the failure looks transient.',
    cause: err,
  });
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/**
 * Sends a request built fresh for every attempt (a federated assertion may need a new CI
 * token), retrying only retryable outcomes, until a final answer, the attempt limit or the
 * deadline. Returns the last response whatever its status; throws only for network failures.
 */
export async function fetchWithRetry(
  http: HttpClient,
  build: (attempt: number) => Promise<HttpRequest> | HttpRequest,
  opts: RetryOptions,
): Promise<RetryResult> {
  const clock = opts.clock ?? systemClock;
  const classify = opts.classify ?? classifyStatus;
  const maxAttempts = opts.maxAttempts ?? 4;
  // A third of the whole budget per attempt (1-15 s), so a hung server leaves time to retry.
  const perRequest = opts.perRequestTimeoutMs ?? Math.min(15_000, Math.max(1_000, (opts.deadlineAt - clock.now()) / 3));
  const maxRetryAfter = opts.maxRetryAfterMs ?? 30_000;
  const base = opts.baseDelayMs ?? 400;
  const maxDelay = opts.maxDelayMs ?? 8_000;

  for (let attempt = 1; ; attempt++) {
    const remaining = opts.deadlineAt - clock.now();
    const req = await build(attempt);
    let response: HttpResponse | undefined;
    let failure: unknown;
    try {
      response = await http.send(req, { timeoutMs: Math.max(1, Math.min(perRequest, remaining)) });
    } catch (err) {
      failure = err;
    }
    let retryAfterMs: number | undefined;
    if (response !== undefined) {
      if (classify(response) === 'final' || attempt >= maxAttempts) return { response, attempts: attempt };
      retryAfterMs = parseRetryAfter(response.headers['retry-after'], clock.now());
      if (retryAfterMs !== undefined && retryAfterMs > maxRetryAfter) return { response, attempts: attempt };
    } else {
      const code = (failure as { code?: unknown }).code;
      const retryable = typeof code === 'string' && RETRYABLE_NETWORK.has(code);
      if (!retryable || attempt >= maxAttempts) throw networkFailure(failure, opts.what, req.url, attempt);
    }
    // Full jitter on an exponential backoff; a server's Retry-After wins when it says more.
    const backoff = Math.min(maxDelay, base * 2 ** (attempt - 1));
    const jittered = backoff / 2 + clock.random() * (backoff / 2);
    const wait = Math.max(jittered, retryAfterMs ?? 0);
    if (clock.now() + wait >= opts.deadlineAt) {
      if (response !== undefined) return { response, attempts: attempt };
      throw networkFailure(failure, opts.what, req.url, attempt);
    }
    await clock.sleep(wait);
  }
}
