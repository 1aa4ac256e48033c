// The mutable state one running sandbox shares between its handlers.
import {
  DEFAULT_CLIENT_ID,
  DEFAULT_TENANT_DOMAIN,
  DEFAULT_TENANT_ID,
  ORIGIN_PLACEHOLDER,
  defaultApp,
} from './config.js';
import { FaultPlan } from './faults.js';
import type { SigningKey } from './keys.js';
import type { AppConfig, IssuerConfig, SandboxConfig, SandboxRequest } from './types.js';

export interface SandboxSettings {
  idTokenClaims: Record<string, unknown>;
  idTokenLifetimeSeconds: number;
  accessTokenLifetimeSeconds: number;
  clockSkewSeconds: number;
}

export class SandboxState {
  readonly tenantId: string;
  readonly tenantDomains: string[];
  readonly ciIssuer: string;
  readonly defaultClientId: string;
  readonly settings: SandboxSettings;
  readonly faults = new FaultPlan();
  readonly requests: SandboxRequest[] = [];
  private readonly apps = new Map<string, AppConfig>();
  private readonly issuers = new Map<string, IssuerConfig>();

  constructor(
    readonly origin: string,
    readonly entraKey: SigningKey,
    readonly ciKey: SigningKey,
    readonly idTokenRequestToken: string,
    config: SandboxConfig,
    /** The HTTPS certificate, so the sandbox can fetch a JWKS from itself. */
    readonly tlsCertPem?: string,
  ) {
    this.tenantId = (config.tenantId ?? DEFAULT_TENANT_ID).toLowerCase();
    this.tenantDomains = (config.tenantDomains ?? [DEFAULT_TENANT_DOMAIN]).map((d) => d.toLowerCase());
    this.ciIssuer = `${origin}/ci`;
    this.settings = {
      idTokenClaims: config.idTokenClaims ?? {},
      idTokenLifetimeSeconds: config.idTokenLifetimeSeconds ?? 300,
      accessTokenLifetimeSeconds: config.accessTokenLifetimeSeconds ?? 3599,
      clockSkewSeconds: config.clockSkewSeconds ?? 0,
    };
    // Configured apps replace the built-in one; the first of them is the default app.
    const apps = config.apps?.length ? config.apps : [defaultApp(this.ciIssuer)];
    for (const app of apps) this.upsertApp(app);
    this.defaultClientId = apps[0]?.clientId ?? DEFAULT_CLIENT_ID;
    for (const issuer of config.issuers ?? []) this.upsertIssuer(issuer);
    this.faults.set(config.faults ?? []);
  }

  now(): number {
    return Date.now();
  }

  /** Client ids are GUIDs, which Entra compares case-insensitively. */
  findApp(clientId: string): AppConfig | undefined {
    return this.apps.get(clientId.toLowerCase());
  }

  upsertApp(app: AppConfig): AppConfig {
    const resolved: AppConfig = {
      ...app,
      ...(app.federatedCredentials && {
        federatedCredentials: app.federatedCredentials.map((fic) => ({ ...fic, issuer: this.expand(fic.issuer) })),
      }),
    };
    this.apps.set(app.clientId.toLowerCase(), resolved);
    return resolved;
  }

  findIssuer(issuer: string): IssuerConfig | undefined {
    return this.issuers.get(issuer);
  }

  upsertIssuer(config: IssuerConfig): IssuerConfig {
    const resolved: IssuerConfig = { issuer: this.expand(config.issuer) };
    if (config.jwksUri !== undefined) resolved.jwksUri = this.expand(config.jwksUri);
    this.issuers.set(resolved.issuer, resolved);
    return resolved;
  }

  /** Resolves a tenant path segment (GUID or verified domain) to the tenant id. */
  resolveTenant(segment: string): string | undefined {
    const lower = segment.toLowerCase();
    return lower === this.tenantId || this.tenantDomains.includes(lower) ? this.tenantId : undefined;
  }

  private expand(value: string): string {
    return value.split(ORIGIN_PLACEHOLDER).join(this.origin);
  }
}
