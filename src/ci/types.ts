/**
 * Where a job's identity comes from. A provider is a function, not a string: retries and long
 * jobs ask again, and CIs such as GitHub mint a fresh token on every request.
 */
import type { Clock, HttpClient } from '../core/http.js';

/** What the job is, for summaries and audit records. Every field is optional: CIs differ. */
export interface CiContext {
  provider: string;
  repository?: string;
  ref?: string;
  sha?: string;
  workflow?: string;
  runId?: string;
  runAttempt?: string;
  jobId?: string;
  actor?: string;
  environment?: string;
  eventName?: string;
  runUrl?: string;
}

export interface CiProvider {
  readonly name: string;
  /** Where the token comes from, for messages ("the GitHub Actions ID-token endpoint"). */
  readonly description: string;
  idToken(audience: string): Promise<string>;
  context(): CiContext;
}

export type Env = Readonly<Record<string, string | undefined>>;

export interface ProviderDeps {
  env: Env;
  http: HttpClient;
  clock?: Clock;
  /** Per ID-token request, including retries. */
  timeoutMs: number;
}

/** Sets only the fields that have a non-empty value (exactOptionalPropertyTypes). */
export function compactContext(
  provider: string,
  fields: Partial<Record<Exclude<keyof CiContext, 'provider'>, string | undefined>>,
): CiContext {
  const out: CiContext = { provider };
  for (const [key, value] of Object.entries(fields)) {
    if (typeof value === 'string' && value !== '') (out as unknown as Record<string, string>)[key] = value;
  }
  return out;
}
