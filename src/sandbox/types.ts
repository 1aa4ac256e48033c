// The sandbox's public shapes. index.ts re-exports them; the CLI and tests code against them.

export interface FederatedCredentialConfig {
  name?: string;
  /** Compared exactly, case-sensitively, with the assertion's `iss`. `{origin}` expands to the sandbox origin. */
  issuer: string;
  subject: string;
  /** Exactly one value, as Entra requires. */
  audiences: string[];
}

export interface AppConfig {
  clientId: string;
  displayName?: string;
  federatedCredentials?: FederatedCredentialConfig[];
  secrets?: string[];
  /** PEM certificates whose private key may sign client assertions. */
  certificates?: string[];
}

/**
 * An external issuer the sandbox trusts. Without `jwksUri` it is "simulated": its tokens are
 * signed by the sandbox's own CI key, so tests can impersonate https://gitlab.com and friends.
 * `{origin}` in either field expands to the sandbox origin.
 */
export interface IssuerConfig {
  issuer: string;
  jwksUri?: string;
}

export type FaultTarget = 'token' | 'idtoken' | 'entra-discovery' | 'entra-jwks' | 'ci-discovery' | 'ci-jwks';

export interface FaultRule {
  target: FaultTarget;
  /** The first N matching requests; default 1; 0 means every request. */
  times?: number;
  /** Default 503, or 200 with `truncate`. A rule with only `delayMs` adds latency and then answers normally. */
  status?: number;
  retryAfter?: string;
  body?: string;
  contentType?: string;
  delayMs?: number;
  /** Destroy the socket without any response. */
  drop?: boolean;
  /** Promise the full Content-Length, send half of the body, close. */
  truncate?: boolean;
}

export interface SandboxConfig {
  tenantId?: string;
  tenantDomains?: string[];
  /** When given, these are the apps and the first is the default app; otherwise the built-in default app. */
  apps?: AppConfig[];
  issuers?: IssuerConfig[];
  /** Overrides of the GitHub-shaped CI token claims; `null` removes a claim. */
  idTokenClaims?: Record<string, unknown>;
  /** Default 300, like GitHub. */
  idTokenLifetimeSeconds?: number;
  /** Default 3599, like Entra. */
  accessTokenLifetimeSeconds?: number;
  /** Leeway when checking an assertion's exp (and nbf, which always gets at least 60 s). Default 0 so expiry tests are exact. */
  clockSkewSeconds?: number;
  faults?: FaultRule[];
}

export type RequestTarget = FaultTarget | 'graph' | 'control' | 'other';

export interface SandboxRequest {
  /** Arrival, ms since the epoch. */
  time: number;
  method: string;
  /** Path and query as received. */
  path: string;
  target: RequestTarget;
  /** 0 while in flight or when the socket was dropped. */
  status: number;
  /** Request headers without Authorization, Proxy-Authorization and cookies. */
  headers: Record<string, string>;
  /** Token requests: the form, with client_assertion and client_secret replaced by "[redacted]". */
  form?: Record<string, string>;
  /** Token requests that failed: the AADSTS code and the sandbox's reason (never token bytes). */
  error?: string;
}

export interface MintIdTokenOptions {
  /** Applied last; `null` removes a claim. */
  claims?: Record<string, unknown>;
  /** Default `api://AzureADTokenExchange`, which the default app's FIC expects. */
  audience?: string;
  lifetimeSeconds?: number;
  /** Claim another issuer (e.g. a simulated IssuerConfig); still signed with the CI key. */
  issuer?: string;
  /** Header kid to claim (the signature is still the CI key's). */
  kid?: string;
}

export interface SandboxCoordinates {
  authorityHost: string;
  tenantId: string;
  clientId: string;
  issuer: string;
  idTokenRequestUrl: string;
  idTokenRequestToken: string;
  caCertFile?: string;
}

export interface Sandbox {
  origin: string;
  /** Equal to origin: Entra paths hang off it (/{tenant}/oauth2/v2.0/token). */
  authorityHost: string;
  tenantId: string;
  /** The default app. */
  clientId: string;
  /** The CI issuer, `${origin}/ci`. */
  issuer: string;
  /** GitHub-compatible: `${origin}/ci/idtoken?api-version=2.0`. */
  idTokenRequestUrl: string;
  /** Random per start; guards /ci/idtoken and /_sandbox/mint. */
  idTokenRequestToken: string;
  caCertFile?: string;
  caCertPem?: string;
  /** Every request, in arrival order (the live array). */
  requests: SandboxRequest[];
  mintIdToken(opts?: MintIdTokenOptions): string;
  /** Replaces the active fault rules. */
  setFaults(rules: FaultRule[]): void;
  /** Adds or replaces (by clientId) an app. */
  addApp(app: AppConfig): void;
  /** Adds or replaces (by issuer) a trusted external issuer. */
  addIssuer(issuer: IssuerConfig): void;
  close(): Promise<void>;
  coordinates(): SandboxCoordinates;
}

export interface StartSandboxOptions {
  port?: number;
  https?: boolean;
  /** Default 127.0.0.1; anything but a loopback address or `localhost` is refused. */
  host?: string;
  config?: SandboxConfig;
  /**
   * Extra DNS names for the https certificate. Tests reach the sandbox under such a name
   * through a proxy, which resolves it to loopback (clients never proxy loopback itself).
   */
  tlsNames?: string[];
}
