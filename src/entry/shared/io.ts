/**
 * What an entry point is given by the process around it: the environment, the output streams,
 * a clock and the HTTP client. The bootstraps (src/entry/*.ts) pass the real ones; a unit test
 * calls the same `main` in-process with its own.
 */
import type { Env } from '../../ci/types.js';
import type { HttpClient } from '../../core/http.js';
import { createNodeHttpClient } from '../../core/http.js';
import { proxyConfigFrom } from '../../core/proxy.js';

export interface Output {
  write(text: string): unknown;
}

export interface EntryIo {
  env: Env;
  stdout: Output;
  stderr: Output;
  /** Standard input, for a command that reads a token there; a function, since opening it costs start-up time. */
  stdin(): AsyncIterable<Buffer | string> & { isTTY?: boolean };
  /** Made on first use, so that a malformed proxy setting fails where the first request is prepared. */
  http(): HttpClient;
  now(): number;
}

/**
 * One HTTP client per process, honouring HTTPS_PROXY / HTTP_PROXY / NO_PROXY, made on first use;
 * a proxy setting that cannot be parsed throws there, with its own message.
 */
export function lazyHttpClient(userAgent: string, env: Env): () => HttpClient {
  let http: HttpClient | undefined;
  return () => {
    http ??= createNodeHttpClient({ userAgent, proxy: proxyConfigFrom(env) });
    return http;
  };
}

/** The running process as an EntryIo. */
export function processIo(userAgent: string): EntryIo {
  return {
    env: process.env,
    stdout: process.stdout,
    stderr: process.stderr,
    stdin: () => process.stdin,
    http: lazyHttpClient(userAgent, process.env),
    now: Date.now,
  };
}
