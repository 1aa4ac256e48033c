/**
 * One HTTP client for every outbound request (CI token endpoints, Entra, discovery).
 *
 * Built on node:http/https rather than fetch: fetch loads undici (~30 ms of start-up, see
 * bench/), and the agent seam is where proxy support plugs in. Each request has its own
 * timeout; fetchWithRetry adds an overall deadline, jittered backoff and Retry-After, and
 * retries only what can succeed on a second try (408, 429, 5xx, dropped connections).
 */
import type { IncomingHttpHeaders } from 'node:http';
import type { ProxyConfig } from './proxy.js';
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
export declare const systemClock: Clock;
/** Large enough for any token or discovery response; small enough to refuse a runaway body. */
export declare const MAX_RESPONSE_BYTES: number;
export interface NodeHttpClientOptions {
    /** HTTPS_PROXY / HTTP_PROXY / NO_PROXY, as read by proxyConfigFrom. */
    proxy?: ProxyConfig | undefined;
    userAgent?: string;
}
export declare function createNodeHttpClient(options?: NodeHttpClientOptions): HttpClient;
export type Verdict = 'retry' | 'final';
/** 408, 429 and 5xx may succeed later; any other status is the server's answer. */
export declare function classifyStatus(res: HttpResponse): Verdict;
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
export declare function parseRetryAfter(value: string | string[] | undefined, now: number): number | undefined;
/**
 * Sends a request built fresh for every attempt (a federated assertion may need a new CI
 * token), retrying only retryable outcomes, until a final answer, the attempt limit or the
 * deadline. Returns the last response whatever its status; throws only for network failures.
 */
export declare function fetchWithRetry(http: HttpClient, build: (attempt: number) => Promise<HttpRequest> | HttpRequest, opts: RetryOptions): Promise<RetryResult>;
