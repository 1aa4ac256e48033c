// The directory behind the sandbox's Microsoft Graph subset: applications with their
// federated identity credentials, service principals and users. The token endpoint trusts
// exactly what is here, whether it came from the config, addApp or a Graph POST.
import { createHash, randomUUID } from 'node:crypto';
import type { AppConfig } from './types.js';

export interface StoredFic {
  id: string;
  name: string;
  issuer: string;
  subject: string;
  /** Exactly one value, as Entra requires. */
  audiences: string[];
  description: string | null;
}

export interface DirectoryApp {
  /** The application object's id (Graph `id`), distinct from its client id (`appId`). */
  objectId: string;
  clientId: string;
  displayName?: string;
  description: string | null;
  createdDateTime: string;
  identifierUris: string[];
  federatedCredentials: StoredFic[];
  secrets: string[];
  certificates: string[];
  /** Application permissions granted on Microsoft Graph; they appear as `roles` in its Graph tokens. */
  graphPermissions: string[];
}

export interface ServicePrincipal {
  id: string;
  appId: string;
  displayName: string;
  createdDateTime: string;
  servicePrincipalNames: string[];
}

export interface DirectoryUser {
  id: string;
  displayName: string;
  userPrincipalName: string;
}

/** Entra's limit per application. */
export const MAX_FICS_PER_APP = 20;

/** A refusal in Microsoft Graph's terms: HTTP status, error code and message. */
export class GraphError extends Error {
  override readonly name = 'GraphError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** For the request log only. */
    readonly reason?: string,
  ) {
    super(message);
  }
}

/** A stable GUID derived from text, for objects that come from configuration. */
export function derivedGuid(text: string): string {
  const bytes = createHash('sha256').update(text).digest().subarray(0, 16);
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x40; // version 4 layout
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80; // RFC 4122 variant
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** Graph's timestamps: ISO 8601 UTC, whole seconds. */
export function graphTimestamp(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d+Z$/, 'Z');
}

export interface NewFic {
  name: string;
  issuer: string;
  subject: string;
  audiences: string[];
  description?: string | null;
}

export class Directory {
  private readonly apps = new Map<string, DirectoryApp>();
  private readonly servicePrincipals = new Map<string, ServicePrincipal>();
  private readonly users = new Map<string, DirectoryUser>();

  constructor(
    private readonly tenantId: string,
    private readonly now: () => number,
  ) {}

  /**
   * Adds or replaces (by client id) an app from the config or addApp. Such apps get a service
   * principal implicitly unless `servicePrincipal: false`, so configs written before the
   * sandbox knew service principals keep working.
   */
  upsertConfigApp(app: AppConfig): DirectoryApp {
    const existing = this.findApp(app.clientId);
    const fics = (app.federatedCredentials ?? []).map(
      (fic, i): StoredFic => ({
        id: derivedGuid(`fic:${app.clientId.toLowerCase()}:${fic.issuer}:${fic.subject}`),
        name: fic.name ?? `fic-${i + 1}`,
        issuer: fic.issuer,
        subject: fic.subject,
        audiences: [...fic.audiences],
        description: null,
      }),
    );
    const stored: DirectoryApp = {
      objectId: existing?.objectId ?? derivedGuid(`app:${this.tenantId}:${app.clientId.toLowerCase()}`),
      clientId: app.clientId,
      ...(app.displayName !== undefined && { displayName: app.displayName }),
      description: null,
      createdDateTime: existing?.createdDateTime ?? graphTimestamp(this.now()),
      identifierUris: [...(app.identifierUris ?? [])],
      federatedCredentials: fics,
      secrets: [...(app.secrets ?? [])],
      certificates: [...(app.certificates ?? [])],
      graphPermissions: [...(app.graphPermissions ?? ['Application.Read.All'])],
    };
    this.apps.set(app.clientId.toLowerCase(), stored);
    const key = app.clientId.toLowerCase();
    if (app.servicePrincipal === false) this.servicePrincipals.delete(key);
    else if (!this.servicePrincipals.has(key))
      this.servicePrincipals.set(key, {
        // The id the sandbox's access tokens have always carried as oid for this app.
        id: derivedGuid(`sp:${this.tenantId}:${key}`),
        appId: app.clientId,
        displayName: stored.displayName ?? app.clientId,
        createdDateTime: stored.createdDateTime,
        servicePrincipalNames: [app.clientId, ...stored.identifierUris],
      });
    return stored;
  }

  /** POST /applications: a new app with fresh ids and no service principal. */
  createApp(fields: { displayName: string; description?: string | null; identifierUris?: string[] }): DirectoryApp {
    for (const uri of fields.identifierUris ?? []) {
      if (this.appWithIdentifierUri(uri))
        throw new GraphError(
          400,
          'Request_BadRequest',
          'Another object with the same value for property identifierUris already exists.',
        );
    }
    const app: DirectoryApp = {
      objectId: randomUUID(),
      clientId: randomUUID(),
      displayName: fields.displayName,
      description: fields.description ?? null,
      createdDateTime: graphTimestamp(this.now()),
      identifierUris: [...(fields.identifierUris ?? [])],
      federatedCredentials: [],
      secrets: [],
      certificates: [],
      graphPermissions: [],
    };
    this.apps.set(app.clientId.toLowerCase(), app);
    return app;
  }

  /** Client ids are GUIDs, which Entra compares case-insensitively. */
  findApp(clientId: string): DirectoryApp | undefined {
    return this.apps.get(clientId.toLowerCase());
  }

  findAppByObjectId(objectId: string): DirectoryApp | undefined {
    const lower = objectId.toLowerCase();
    return [...this.apps.values()].find((a) => a.objectId === lower);
  }

  listApps(): DirectoryApp[] {
    return [...this.apps.values()];
  }

  appWithIdentifierUri(uri: string): DirectoryApp | undefined {
    const lower = uri.toLowerCase().replace(/\/+$/, '');
    return this.listApps().find((a) => a.identifierUris.some((u) => u.toLowerCase().replace(/\/+$/, '') === lower));
  }

  addFic(app: DirectoryApp, fic: NewFic): StoredFic {
    if (app.federatedCredentials.some((f) => f.name === fic.name))
      throw new GraphError(
        409,
        'Request_MultipleObjectsWithSameKeyValue',
        `FederatedIdentityCredential with name ${fic.name} already exists.`,
      );
    this.assertUniquePair(app, fic.issuer, fic.subject);
    if (app.federatedCredentials.length >= MAX_FICS_PER_APP)
      throw new GraphError(
        400,
        'Request_BadRequest',
        `The application already has the maximum of ${MAX_FICS_PER_APP} federated identity credentials; delete one before adding another.`,
      );
    const stored: StoredFic = {
      id: randomUUID(),
      name: fic.name,
      issuer: fic.issuer,
      subject: fic.subject,
      audiences: [...fic.audiences],
      description: fic.description ?? null,
    };
    app.federatedCredentials.push(stored);
    return stored;
  }

  updateFic(app: DirectoryApp, fic: StoredFic, changes: Partial<Omit<NewFic, 'name'>>): void {
    const issuer = changes.issuer ?? fic.issuer;
    const subject = changes.subject ?? fic.subject;
    if (issuer !== fic.issuer || subject !== fic.subject) this.assertUniquePair(app, issuer, subject, fic);
    fic.issuer = issuer;
    fic.subject = subject;
    if (changes.audiences !== undefined) fic.audiences = [...changes.audiences];
    if (changes.description !== undefined) fic.description = changes.description;
  }

  removeFic(app: DirectoryApp, fic: StoredFic): void {
    app.federatedCredentials = app.federatedCredentials.filter((f) => f !== fic);
  }

  findServicePrincipal(appId: string): ServicePrincipal | undefined {
    return this.servicePrincipals.get(appId.toLowerCase());
  }

  listServicePrincipals(): ServicePrincipal[] {
    return [...this.servicePrincipals.values()];
  }

  /** POST /servicePrincipals: one per app. */
  createServicePrincipal(appId: string): ServicePrincipal {
    const app = this.findApp(appId);
    if (!app)
      throw new GraphError(
        400,
        'Request_BadRequest',
        `The appId '${appId}' of the service principal does not reference a valid application object.`,
      );
    if (this.findServicePrincipal(appId))
      throw new GraphError(
        409,
        'Request_MultipleObjectsWithSameKeyValue',
        `The service principal cannot be created, updated, or restored because the service principal name ${app.clientId} is already in use.`,
      );
    const sp: ServicePrincipal = {
      id: randomUUID(),
      appId: app.clientId,
      displayName: app.displayName ?? app.clientId,
      createdDateTime: graphTimestamp(this.now()),
      servicePrincipalNames: [app.clientId, ...app.identifierUris],
    };
    this.servicePrincipals.set(app.clientId.toLowerCase(), sp);
    return sp;
  }

  /** Adds the user if new; an existing user keeps its names. */
  ensureUser(user: DirectoryUser): DirectoryUser {
    const key = user.id.toLowerCase();
    const existing = this.users.get(key);
    if (existing) return existing;
    const stored = { ...user, id: key };
    this.users.set(key, stored);
    return stored;
  }

  /** A user or service principal by object id, with its type as ARM names it. */
  principal(objectId: string): { type: 'User' | 'ServicePrincipal'; name: string } | undefined {
    const key = objectId.toLowerCase();
    const user = this.users.get(key);
    if (user) return { type: 'User', name: user.userPrincipalName };
    const sp = this.listServicePrincipals().find((s) => s.id === key);
    return sp ? { type: 'ServicePrincipal', name: sp.appId } : undefined;
  }

  private assertUniquePair(app: DirectoryApp, issuer: string, subject: string, except?: StoredFic): void {
    if (app.federatedCredentials.some((f) => f !== except && f.issuer === issuer && f.subject === subject))
      throw new GraphError(
        400,
        'InvalidFederatedIdentityCredentialValue',
        `The combination of issuer and subject must be unique for the application. Issuer ${issuer} and Subject: ${subject} already exist. ` +
          `paramName: FederatedIdentityCredential.Subject, paramValue: ${subject}, objectType: Microsoft.Online.DirectoryServices.Application`,
      );
  }
}
