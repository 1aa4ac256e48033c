// The mutable state one running sandbox shares between its handlers.
import { builtInRole, builtInRoleNamed } from './builtin-roles.js';
import {
  DEFAULT_ADMIN_OBJECT_ID,
  DEFAULT_CLIENT_ID,
  DEFAULT_SUBSCRIPTION_ID,
  DEFAULT_TENANT_DOMAIN,
  DEFAULT_TENANT_ID,
  ORIGIN_PLACEHOLDER,
  SandboxConfigError,
  defaultApp,
} from './config.js';
import { Directory, type DirectoryApp, type DirectoryUser, derivedGuid } from './directory.js';
import { FaultPlan } from './faults.js';
import type { SigningKey } from './keys.js';
import { armTimestamp, parseScope, RoleAssignments } from './rbac.js';
import { KnownResources } from './resources.js';
import type { AppConfig, GrantRoleOptions, IssuerConfig, SandboxConfig, SandboxRequest } from './types.js';

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
  readonly directory: Directory;
  readonly rbac = new RoleAssignments();
  readonly resources: KnownResources;
  /** Lower-case subscription GUIDs that exist for ARM. */
  readonly subscriptions: string[];
  readonly adminUser: DirectoryUser;
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
    this.directory = new Directory(this.tenantId, () => this.now());
    this.resources = new KnownResources(config.resources ?? []);
    // Configured apps replace the built-in one; the first of them is the default app.
    const apps = config.apps?.length ? config.apps : [defaultApp(this.ciIssuer)];
    for (const app of apps) this.upsertApp(app);
    this.defaultClientId = apps[0]?.clientId ?? DEFAULT_CLIENT_ID;
    for (const issuer of config.issuers ?? []) this.upsertIssuer(issuer);
    this.faults.set(config.faults ?? []);

    this.subscriptions = (config.subscriptions ?? [DEFAULT_SUBSCRIPTION_ID]).map((s) => s.toLowerCase());
    this.adminUser = this.directory.ensureUser({
      id: DEFAULT_ADMIN_OBJECT_ID,
      displayName: 'Sandbox Admin',
      userPrincipalName: `admin@${this.tenantDomains[0] ?? DEFAULT_TENANT_DOMAIN}`,
    });
    // The admin owns every subscription, as the person who set the tenant up would.
    for (const subscription of this.subscriptions)
      this.grantRole({ principalId: this.adminUser.id, role: 'Owner', scope: `/subscriptions/${subscription}` });
  }

  now(): number {
    return Date.now();
  }

  /** Client ids are GUIDs, which Entra compares case-insensitively. */
  findApp(clientId: string): DirectoryApp | undefined {
    return this.directory.findApp(clientId);
  }

  upsertApp(app: AppConfig): DirectoryApp {
    return this.directory.upsertConfigApp({
      ...app,
      ...(app.federatedCredentials && {
        federatedCredentials: app.federatedCredentials.map((fic) => ({ ...fic, issuer: this.expand(fic.issuer) })),
      }),
    });
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

  /** Whether a token request may name this resource (else AADSTS500011). */
  knowsResource(resource: string): boolean {
    const withServicePrincipal = this.directory
      .listApps()
      .filter((app) => this.directory.findServicePrincipal(app.clientId) !== undefined);
    return this.resources.knows(resource, withServicePrincipal);
  }

  /**
   * Assigns a role with no authorization check (what an administrator does in the portal).
   * Idempotent: an identical assignment is returned, not duplicated. Returns its ARM id.
   */
  grantRole(grant: GrantRoleOptions): string {
    const role = builtInRole(grant.role) ?? builtInRoleNamed(grant.role);
    if (!role) throw new SandboxConfigError('role', `'${grant.role}' is not a built-in role the sandbox knows`);
    const parsed = parseScope(grant.scope);
    if ('kind' in parsed) throw new SandboxConfigError('scope', `'${grant.scope}' is not an ARM scope`);
    if (parsed.subscriptionId !== undefined && !this.subscriptions.includes(parsed.subscriptionId))
      throw new SandboxConfigError(
        'scope',
        `names subscription ${parsed.subscriptionId}, which the sandbox does not have`,
      );
    const principal = this.directory.principal(grant.principalId);
    if (!principal)
      throw new SandboxConfigError(
        'principalId',
        `${grant.principalId} is neither a user nor a service principal here`,
      );
    const existing = this.rbac.equivalent(parsed.scope, role.id, grant.principalId);
    const now = armTimestamp(this.now());
    const assignment =
      existing ??
      this.rbac.add({
        name: derivedGuid(`ra:${parsed.scope.toLowerCase()}:${role.id}:${grant.principalId.toLowerCase()}`),
        scope: parsed.scope,
        roleDefinitionGuid: role.id,
        principalId: grant.principalId,
        principalType: principal.type,
        description: null,
        createdOn: now,
        updatedOn: now,
        createdBy: null,
        updatedBy: this.adminUser.id,
      });
    return `${assignment.scope === '/' ? '' : assignment.scope}/providers/Microsoft.Authorization/roleAssignments/${assignment.name}`;
  }

  private expand(value: string): string {
    return value.split(ORIGIN_PLACEHOLDER).join(this.origin);
  }
}
