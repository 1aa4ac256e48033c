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
  /** Application ID URIs (e.g. `api://my-api`); `api://{clientId}` is always known as a resource. */
  identifierUris?: string[];
  /** Application permissions on Microsoft Graph (the `roles` of its Graph tokens). Default `['Application.Read.All']`. */
  graphPermissions?: string[];
  /** Default true: the app gets a service principal. False makes the exchange fail with AADSTS7000229. */
  servicePrincipal?: boolean;
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

export type FaultTarget =
  | 'token'
  | 'idtoken'
  | 'entra-discovery'
  | 'entra-jwks'
  | 'ci-discovery'
  | 'ci-jwks'
  | 'graph'
  | 'arm'
  | 'imds';

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
  /** Subscriptions that exist for ARM (GUIDs). Default: one, DEFAULT_SUBSCRIPTION_ID. The sandbox admin owns each. */
  subscriptions?: string[];
  /**
   * Resources (application ID URIs, app id GUIDs, or `https://*.host` patterns) the tenant
   * knows besides the usual Azure ones; a token request for any other fails with AADSTS500011.
   */
  resources?: string[];
}

export type RequestTarget = FaultTarget | 'control' | 'other';

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
  /**
   * Whose claim set to mint. Default: from the issuer (oidc.circleci.com is CircleCI, gitlab.com
   * and gitlab.* hosts are GitLab), else GitHub.
   */
  provider?: 'github' | 'gitlab' | 'circleci';
}

/** A signed-in user's access token, as `az account get-access-token --resource R` returns. */
export interface MintAccessTokenOptions {
  /** The user's object id; default the sandbox admin (adminObjectId). A new id joins the directory as a user. */
  principalId?: string;
  displayName?: string;
  userPrincipalName?: string;
  /**
   * Delegated Microsoft Graph permissions (`scp`). Default Application.ReadWrite.All and User.Read.
   * Graph reads need Application.Read.All (or ReadWrite, Directory.Read.All); writes Application.ReadWrite.All.
   */
  permissions?: string[];
  /** Default the access token lifetime; negative mints an expired token. */
  lifetimeSeconds?: number;
}

/** A role assignment made directly, as an administrator would in the portal. */
export interface GrantRoleOptions {
  principalId: string;
  /** A built-in role name (`Contributor`) or role definition GUID. */
  role: string;
  /** An ARM scope: `/subscriptions/{id}[/resourceGroups/{name}[/providers/...]]`, a management group, or `/`. */
  scope: string;
}

export interface SandboxCoordinates {
  authorityHost: string;
  tenantId: string;
  clientId: string;
  issuer: string;
  idTokenRequestUrl: string;
  idTokenRequestToken: string;
  /** Microsoft Graph base (paths under /v1.0) and Azure Resource Manager base: both the sandbox origin. */
  graphEndpoint: string;
  armEndpoint: string;
  subscriptionId: string;
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
  /** Microsoft Graph base: `${graphEndpoint}/v1.0/applications`. Equal to origin. */
  graphEndpoint: string;
  /** Azure Resource Manager base: `${armEndpoint}/subscriptions/...`. Equal to origin. */
  armEndpoint: string;
  /** The first configured subscription. */
  subscriptionId: string;
  /** The signed-in admin user that mintAccessToken uses by default; Owner of every subscription. */
  adminObjectId: string;
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
  /** A user access token for `resource` (e.g. https://graph.microsoft.com, https://management.azure.com). */
  mintAccessToken(resource: string, opts?: MintAccessTokenOptions): string;
  /** Assigns a role without any check (an administrator's doing); returns the assignment's ARM id. */
  grantRole(grant: GrantRoleOptions): string;
  /** Adds a resource the token endpoint knows (see SandboxConfig.resources). */
  addResource(resource: string): void;
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
