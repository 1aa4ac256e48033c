/**
 * Keeps the CI token files of the env/terraform/kubelogin exports fresh while the endpoint
 * runs, for the tools that read a file rather than ask an endpoint. A file is replaced by
 * rename, so a reader sees the old token or the new one, never half of either; the content
 * has no trailing newline. A new token is fetched once less than half of the current one's
 * lifetime is left: a reader that picks up the file then has at least that half.
 */
import { existsSync, readFileSync } from 'node:fs';
import { decodeJwt, numericClaim } from '../../core/jwt.js';
import { replaceSecureFile } from '../secure-file.js';

/** When a token has no exp we cannot plan: look again this often. */
const UNKNOWN_EXPIRY_RECHECK_MS = 60_000;
/** After a failure (network, an expired job token), try again after this long. */
const RETRY_AFTER_FAILURE_MS = 15_000;
const MIN_DELAY_MS = 500;

function times(token: string): { exp: number; iat: number | undefined } | undefined {
  try {
    const { claims } = decodeJwt(token);
    const exp = numericClaim(claims, 'exp');
    const iat = numericClaim(claims, 'iat');
    return exp === undefined ? undefined : { exp: exp * 1000, iat: iat === undefined ? undefined : iat * 1000 };
  } catch {
    return undefined;
  }
}

/** Milliseconds until the token has half of its lifetime left. */
export function refreshDelay(token: string, obtainedAt: number, now: number): number {
  const t = times(token);
  if (t === undefined) return UNKNOWN_EXPIRY_RECHECK_MS;
  const start = t.iat ?? obtainedAt;
  const half = start + (t.exp - start) / 2;
  return Math.max(MIN_DELAY_MS, half - now);
}

export class TokenFileKeeper {
  private timer: NodeJS.Timeout | undefined;
  private current: string | undefined;
  private stopped = false;

  constructor(
    private readonly files: readonly string[],
    private readonly fetchToken: () => Promise<string>,
  ) {}

  start(): void {
    if (this.files.length === 0) return;
    let existing: string | undefined;
    try {
      existing = this.files[0] === undefined ? undefined : readFileSync(this.files[0], 'utf8');
    } catch {
      existing = undefined;
    }
    this.current = existing;
    this.schedule(existing === undefined ? 0 : refreshDelay(existing, Date.now(), Date.now()));
  }

  stop(): void {
    this.stopped = true;
    if (this.timer !== undefined) clearTimeout(this.timer);
  }

  private schedule(ms: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => void this.refresh(), ms);
  }

  private async refresh(): Promise<void> {
    let token: string;
    const obtainedAt = Date.now();
    try {
      token = await this.fetchToken();
    } catch {
      // The endpoint answers requests with the reason; the file keeps its last token meanwhile.
      this.schedule(RETRY_AFTER_FAILURE_MS);
      return;
    }
    if (this.stopped) return;
    const unchanged = token === this.current;
    if (!unchanged) {
      try {
        // Only files that still exist: cleanup removes them, and they must stay removed.
        for (const file of this.files) if (existsSync(file)) replaceSecureFile(file, token);
      } catch {
        this.schedule(RETRY_AFTER_FAILURE_MS);
        return;
      }
      this.current = token;
    }
    const delay = refreshDelay(token, obtainedAt, Date.now());
    // A job token that never changes (GitLab) is looked at again only now and then.
    this.schedule(unchanged ? Math.max(delay, UNKNOWN_EXPIRY_RECHECK_MS) : delay);
  }
}
