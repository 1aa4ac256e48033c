/**
 * Access tokens by resource, served until shortly before they expire. The margin is five
 * minutes (what MSAL itself keeps as a renewal offset, so a client never gets a token it would
 * at once consider stale), or half the token's lifetime for tokens shorter than ten minutes.
 * Concurrent requests for one resource share one exchange.
 */
export interface CachedToken {
  accessToken: string;
  /** Epoch milliseconds. */
  expiresOn: number;
  /** Epoch milliseconds, when it was obtained. */
  obtainedAt: number;
}

const FIVE_MINUTES = 5 * 60_000;

export function refreshMargin(lifetimeMs: number): number {
  return Math.min(FIVE_MINUTES, Math.max(0, lifetimeMs) / 2);
}

export function isFresh(token: CachedToken, now: number): boolean {
  return now < token.expiresOn - refreshMargin(token.expiresOn - token.obtainedAt);
}

export class TokenCache {
  private readonly tokens = new Map<string, CachedToken>();
  private readonly pending = new Map<string, Promise<CachedToken>>();

  constructor(
    private readonly fetch: (resource: string) => Promise<CachedToken>,
    private readonly now: () => number = Date.now,
  ) {}

  async get(resource: string): Promise<CachedToken> {
    const cached = this.tokens.get(resource);
    if (cached !== undefined && isFresh(cached, this.now())) return cached;
    let inFlight = this.pending.get(resource);
    if (inFlight === undefined) {
      inFlight = this.fetch(resource)
        .then((token) => {
          this.tokens.set(resource, token);
          return token;
        })
        .finally(() => this.pending.delete(resource));
      this.pending.set(resource, inFlight);
    }
    return inFlight;
  }
}
