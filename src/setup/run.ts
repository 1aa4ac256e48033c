/**
 * `setup` as two phases. First every read: the app (by client id or by name), its service
 * principal, its federated credentials, each role's definition and the principal's existing
 * assignments; anything wrong there (unknown app or role, the 20-FIC limit) stops the run
 * before a single write. Then only the writes still needed, in dependency order: app, service
 * principal, FIC, role assignments. Whatever exists is found and kept, so a second run writes
 * nothing and a run stopped half-way continues where it stopped.
 *
 * Graph resources: https://learn.microsoft.com/graph/api/resources/application,
 * .../serviceprincipal, .../federatedidentitycredential (v1.0). ARM: role definitions list
 * (https://learn.microsoft.com/rest/api/authorization/role-definitions/list) and role
 * assignments create (https://learn.microsoft.com/rest/api/authorization/role-assignments/create),
 * api-version 2022-04-01.
 */
import { randomUUID } from 'node:crypto';
import { FederationError, usageError } from '../core/errors.js';
import type { HttpRequest } from '../core/http.js';
import { quote } from '../core/options.js';
import type { FicSuggestion } from '../doctor/suggest.js';
import { suggestFic } from '../doctor/suggest.js';
import type { ServiceClient, ServiceName } from './api.js';
import type { IdRef } from './az.js';
import { azAppCreate, azFicCreate, azFicUpdate, azRoleAssignmentCreate, azSpCreate } from './az.js';
import type { RoleRequest } from './roles.js';
import type { SetupTarget } from './target.js';

export const ARM_API_VERSION = '2022-04-01';
/** Entra's limit of federated credentials per application. */
export const MAX_FICS_PER_APP = 20;

export type Identity = { clientId: string } | { appName: string };

export interface SetupRequest {
  target: SetupTarget;
  identity: Identity;
  roles: RoleRequest[];
  graphBase: string;
  armBase: string;
  /** Overwrite a FIC of the same name (or issuer and subject) that holds other values. */
  replace: boolean;
  /** Send only reads; report the writes. */
  dryRun: boolean;
}

export interface SetupClients {
  graph: ServiceClient;
  /** Needed only when roles are asked for. */
  arm?: ServiceClient;
  /** Names of new role assignments. */
  newGuid?: () => string;
}

export type Status = 'found' | 'created' | 'replaced' | 'would-create' | 'would-replace' | 'conflict' | 'pending';

export interface PlannedWrite {
  service: ServiceName;
  method: HttpRequest['method'];
  url: string;
  body: unknown;
  /** The same change as an Azure CLI command. */
  az: string;
  /** One line: what it does. */
  what: string;
  /** Sent (and answered with success) in this run. */
  done: boolean;
}

export interface ExistingFic {
  id: string;
  name: string;
  issuer: string;
  subject: string;
  audiences: string[];
}

export interface SetupReport {
  dryRun: boolean;
  target: {
    provider: string;
    issuer: string;
    subject: string;
    audience: string;
    repository?: string;
    kind?: string;
    name?: string;
  };
  app: { displayName?: string; clientId?: string; objectId?: string; status: Status };
  servicePrincipal: { objectId?: string; status: Status };
  federatedCredential: {
    name: string;
    issuer: string;
    subject: string;
    audiences: string[];
    description: string;
    id?: string;
    status: Status;
    /** On a conflict or a replacement: what the app held. */
    existing?: ExistingFic;
    /** On a conflict: why it was left alone. */
    reason?: string;
  };
  roleAssignments: {
    role: string;
    scope: string;
    roleName?: string;
    roleDefinitionId?: string;
    id?: string;
    status: Status;
  }[];
  writes: PlannedWrite[];
  notes: string[];
}

/** A run stopped by a refusal after it began writing: what is in place travels with the error. */
export class SetupStopped extends Error {
  override readonly name = 'SetupStopped';
  constructor(
    readonly report: SetupReport,
    readonly error: FederationError,
  ) {
    super(error.message);
  }
}

const odata = (value: string): string => `'${value.replace(/'/g, "''")}'`;
const filter = (expression: string): string => `$filter=${encodeURIComponent(expression)}`;

interface AppObject {
  id: string;
  appId: string;
  displayName?: string;
}

function objects(json: unknown): Record<string, unknown>[] {
  const value = (json as { value?: unknown } | undefined)?.value;
  return Array.isArray(value)
    ? value.filter((v): v is Record<string, unknown> => v !== null && typeof v === 'object')
    : [];
}

function str(o: Record<string, unknown> | undefined, key: string): string | undefined {
  const v = o?.[key];
  return typeof v === 'string' ? v : undefined;
}

function asApp(o: Record<string, unknown> | undefined): AppObject | undefined {
  const id = str(o, 'id');
  const appId = str(o, 'appId');
  if (id === undefined || appId === undefined) return undefined;
  const displayName = str(o, 'displayName');
  return { id, appId, ...(displayName === undefined ? {} : { displayName }) };
}

function asFic(o: Record<string, unknown>): ExistingFic {
  const audiences = Array.isArray(o['audiences'])
    ? o['audiences'].filter((a): a is string => typeof a === 'string')
    : [];
  return {
    id: str(o, 'id') ?? '',
    name: str(o, 'name') ?? '',
    issuer: str(o, 'issuer') ?? '',
    subject: str(o, 'subject') ?? '',
    audiences,
  };
}

const sameAudiences = (a: readonly string[], b: readonly string[]): boolean =>
  a.length === b.length && a.every((x) => b.includes(x));

/** The last segment of a role definition id: the GUID that is the same at every scope. */
const definitionGuid = (id: string): string => (id.split('/').pop() ?? '').toLowerCase();

const GRAPH_WRITE = 'Application.ReadWrite.All (or the Application Administrator role)';
const GRAPH_READ = 'Application.Read.All';
const FIC_WRITE = 'Application.ReadWrite.All, or to own the application';
const ASSIGN =
  'Microsoft.Authorization/roleAssignments/write at the scope (Owner, User Access Administrator or Role Based Access Control Administrator)';
const ASSIGN_READ = 'Microsoft.Authorization/roleAssignments/read and roleDefinitions/read at the scope (Reader)';

export async function runSetup(req: SetupRequest, clients: SetupClients): Promise<SetupReport> {
  const { target } = req;
  const graph = clients.graph;
  const g = `${req.graphBase}/v1.0`;
  const fic = suggestFic(
    { iss: target.issuer, sub: target.subject },
    target.provider === 'generic' ? undefined : target.provider,
    target.audience,
    'created by entra-federate setup',
  ) as FicSuggestion;
  const report: SetupReport = {
    dryRun: req.dryRun,
    target: {
      provider: target.provider,
      issuer: target.issuer,
      subject: target.subject,
      audience: target.audience,
      ...(target.repository === undefined ? {} : { repository: target.repository }),
      ...(target.kind === undefined ? {} : { kind: target.kind }),
      ...(target.name === undefined ? {} : { name: target.name }),
    },
    app: { status: 'pending' },
    servicePrincipal: { status: 'pending' },
    federatedCredential: {
      name: fic.name,
      issuer: fic.issuer,
      subject: fic.subject,
      audiences: fic.audiences,
      description: fic.description,
      status: 'pending',
    },
    roleAssignments: req.roles.map((r) => ({ role: r.role, scope: r.scope, status: 'pending' as Status })),
    writes: [],
    notes: [...target.notes],
  };

  // ---- reads --------------------------------------------------------------------------
  let app: AppObject | undefined;
  if ('clientId' in req.identity) {
    const { clientId } = req.identity;
    const res = await graph.send('GET', `${g}/applications(appId='${encodeURIComponent(clientId)}')`, undefined, {
      what: 'read the application',
      permission: GRAPH_READ,
      accept: [404],
    });
    app = res.status === 404 ? undefined : asApp(res.json as Record<string, unknown>);
    if (app === undefined)
      throw usageError(
        'SETUP_APP_NOT_FOUND',
        `No application with client id ${clientId} in the tenant of the Graph token.`,
        'Check --client-id (a managed identity is not an application: its credentials live in Azure Resource Manager), or pass --app-name to find or create the app by name.',
        'client-id',
      );
  } else {
    const { appName } = req.identity;
    const res = await graph.send(
      'GET',
      `${g}/applications?${filter(`displayName eq ${odata(appName)}`)}&$select=id,appId,displayName`,
      undefined,
      { what: 'look the application up by name', permission: GRAPH_READ },
    );
    const found = objects(res.json)
      .map(asApp)
      .filter((a): a is AppObject => a !== undefined);
    if (found.length > 1)
      throw usageError(
        'AMBIGUOUS_APP_NAME',
        `${found.length} applications are named ${quote(appName)} (client ids ${found.map((a) => a.appId).join(', ')}).`,
        'Pass --client-id with the one to use, or another --app-name.',
        'app-name',
      );
    app = found[0];
    if (app === undefined) report.app = { displayName: appName, status: 'pending' };
  }
  if (app !== undefined)
    report.app = {
      ...(app.displayName === undefined ? {} : { displayName: app.displayName }),
      clientId: app.appId,
      objectId: app.id,
      status: 'found',
    };

  let spId: string | undefined;
  let fics: ExistingFic[] = [];
  if (app !== undefined) {
    const sp = await graph.send(
      'GET',
      `${g}/servicePrincipals?${filter(`appId eq ${odata(app.appId)}`)}&$select=id,appId`,
      undefined,
      { what: "look up the application's service principal", permission: GRAPH_READ },
    );
    spId = str(objects(sp.json)[0], 'id');
    const list = await graph.send('GET', `${g}/applications/${app.id}/federatedIdentityCredentials`, undefined, {
      what: "list the application's federated credentials",
      permission: GRAPH_READ,
    });
    fics = objects(list.json).map(asFic);
  }
  if (spId !== undefined) report.servicePrincipal = { objectId: spId, status: 'found' };

  // The FIC: identical (issuer, subject, audience) is kept; the same issuer and subject, or the
  // same name, with other values is a conflict (Entra allows one FIC per issuer and subject).
  const sameSubject = fics.find((f) => f.issuer === fic.issuer && f.subject === fic.subject);
  const sameName = fics.find((f) => f.name.toLowerCase() === fic.name.toLowerCase());
  let ficAction: 'keep' | 'create' | 'replace' | 'conflict';
  let ficExisting: ExistingFic | undefined;
  if (sameSubject !== undefined && sameAudiences(sameSubject.audiences, fic.audiences)) {
    ficAction = 'keep';
    report.federatedCredential = {
      ...report.federatedCredential,
      name: sameSubject.name,
      id: sameSubject.id,
      status: 'found',
    };
  } else if (sameSubject !== undefined || sameName !== undefined) {
    ficExisting = sameSubject ?? sameName;
    ficAction = req.replace ? 'replace' : 'conflict';
  } else {
    ficAction = 'create';
    if (fics.length >= MAX_FICS_PER_APP)
      throw new FederationError(
        'FIC_LIMIT_REACHED',
        `The application ${app?.appId ?? ''} already holds ${fics.length} federated credentials, the most Entra allows (${MAX_FICS_PER_APP}); nothing was written.`,
        {
          remedy:
            'Remove credentials no pipeline uses (az ad app federated-credential list/delete --id <client-id>), or give this pipeline its own app with --app-name.',
        },
      );
  }
  if (ficExisting !== undefined) {
    const existing = ficExisting;
    const differs = [
      existing.issuer !== fic.issuer ? `issuer ${quote(existing.issuer)}` : '',
      existing.subject !== fic.subject ? `subject ${quote(existing.subject)}` : '',
      !sameAudiences(existing.audiences, fic.audiences) ? `audiences ${JSON.stringify(existing.audiences)}` : '',
    ].filter((s) => s !== '');
    report.federatedCredential = {
      ...report.federatedCredential,
      name: existing.name,
      id: existing.id,
      existing,
      status: ficAction === 'conflict' ? 'conflict' : 'pending',
      reason: `The federated credential ${quote(existing.name)} holds ${differs.join(', ')}${ficAction === 'conflict' ? '; left alone (--replace overwrites it)' : ''}.`,
    };
  }

  // Roles: each name to its definition at the scope (ARM lists role definitions by name there).
  const arm = clients.arm;
  const a = req.armBase;
  for (const [i, role] of req.roles.entries()) {
    if (arm === undefined) throw new Error('roles need the ARM client');
    const entry = report.roleAssignments[i];
    if (entry === undefined) continue;
    const base = `${a}${role.scope}/providers/Microsoft.Authorization`;
    const byGuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(role.role);
    const res = await arm.send(
      'GET',
      byGuid
        ? `${base}/roleDefinitions/${role.role}?api-version=${ARM_API_VERSION}`
        : `${base}/roleDefinitions?${filter(`roleName eq ${odata(role.role)}`)}&api-version=${ARM_API_VERSION}`,
      undefined,
      { what: `read the role definitions at ${role.scope}`, permission: ASSIGN_READ, accept: [404] },
    );
    if (res.status === 404 && !byGuid)
      throw usageError(
        'ROLE_SCOPE_NOT_FOUND',
        `Azure Resource Manager does not know the scope ${role.scope} (${String((res.json as { error?: { code?: unknown } } | undefined)?.error?.code ?? 'HTTP 404')}).`,
        'Check the subscription and resource group in --role-scope (az group show -n <group> --query id -o tsv prints the id), and that the token is for the right tenant.',
        'role-scope',
      );
    const definition = byGuid
      ? res.status === 404
        ? undefined
        : (res.json as Record<string, unknown>)
      : objects(res.json)[0];
    const definitionId = str(definition, 'id');
    if (definition === undefined || definitionId === undefined)
      throw usageError(
        'ROLE_NOT_FOUND',
        `No role ${byGuid ? 'definition with id' : 'named'} ${quote(role.role)} at ${role.scope}.`,
        'Use a role name exactly as Azure lists it, e.g. Contributor, Reader, "Key Vault Secrets User" (az role definition list --query "[].roleName" -o tsv).',
        'role',
      );
    entry.roleDefinitionId = definitionId;
    const roleName = str(definition['properties'] as Record<string, unknown> | undefined, 'roleName');
    if (roleName !== undefined) entry.roleName = roleName;
    if (spId !== undefined) {
      const list = await arm.send(
        'GET',
        `${base}/roleAssignments?${filter(`principalId eq ${odata(spId)}`)}&api-version=${ARM_API_VERSION}`,
        undefined,
        { what: `list the role assignments at ${role.scope}`, permission: ASSIGN_READ },
      );
      const existing = objects(list.json).find((assignment) => {
        const p = assignment['properties'] as Record<string, unknown> | undefined;
        return (
          (str(p, 'scope') ?? '').toLowerCase() === role.scope.toLowerCase() &&
          definitionGuid(str(p, 'roleDefinitionId') ?? '') === definitionGuid(definitionId) &&
          (str(p, 'principalId') ?? '').toLowerCase() === spId.toLowerCase()
        );
      });
      const id = str(existing, 'id');
      if (existing !== undefined) Object.assign(entry, { status: 'found', ...(id === undefined ? {} : { id }) });
    }
  }

  // ---- writes -------------------------------------------------------------------------
  const write = async (
    service: ServiceName,
    method: HttpRequest['method'],
    url: string,
    body: unknown,
    az: string,
    what: string,
    call: { permission: string; accept?: number[]; justCreated?: boolean },
  ): Promise<{ status: number; json: unknown } | undefined> => {
    const planned: PlannedWrite = { service, method, url, body, az, what, done: false };
    report.writes.push(planned);
    if (req.dryRun) return undefined;
    const client = service === 'graph' ? graph : arm;
    if (client === undefined) throw new Error('no client for the write');
    try {
      const answer = await client.send(method, url, body, { what, ...call });
      planned.done = true;
      return answer;
    } catch (err) {
      if (err instanceof FederationError) throw new SetupStopped(report, err);
      throw err;
    }
  };

  const created = { app: false, sp: false };
  let appRef: IdRef = app === undefined ? { variable: 'APP_ID' } : { value: app.appId };
  let objectId = app?.id;
  if (app === undefined) {
    const displayName = 'appName' in req.identity ? req.identity.appName : target.defaultAppName;
    const res = await write(
      'graph',
      'POST',
      `${g}/applications`,
      { displayName },
      azAppCreate(displayName, 'APP_ID'),
      `create the application ${quote(displayName)}`,
      { permission: GRAPH_WRITE },
    );
    const made = asApp(res?.json as Record<string, unknown> | undefined);
    if (res !== undefined && made === undefined)
      throw new SetupStopped(report, unexpected('Microsoft Graph', 'the new application'));
    if (made !== undefined) {
      created.app = true;
      appRef = { value: made.appId };
      objectId = made.id;
      report.app = { displayName, clientId: made.appId, objectId: made.id, status: 'created' };
    } else report.app = { displayName, status: 'would-create' };
  }

  let spRef: IdRef = spId === undefined ? { variable: 'SP_ID' } : { value: spId };
  if (spId === undefined) {
    const res = await write(
      'graph',
      'POST',
      `${g}/servicePrincipals`,
      { appId: 'value' in appRef ? appRef.value : '<appId of the new application>' },
      azSpCreate(appRef, 'SP_ID'),
      'create the service principal of the application',
      { permission: GRAPH_WRITE, justCreated: created.app },
    );
    const id = str(res?.json as Record<string, unknown> | undefined, 'id');
    if (res !== undefined && id === undefined)
      throw new SetupStopped(report, unexpected('Microsoft Graph', 'the new service principal'));
    if (id !== undefined) {
      created.sp = true;
      spRef = { value: id };
      report.servicePrincipal = { objectId: id, status: 'created' };
    } else report.servicePrincipal = { status: 'would-create' };
  }

  const ficsUrl = `${g}/applications/${objectId ?? '<object id of the new application>'}/federatedIdentityCredentials`;
  if (ficAction === 'create') {
    const body = {
      name: fic.name,
      issuer: fic.issuer,
      subject: fic.subject,
      audiences: fic.audiences,
      description: fic.description,
    };
    const res = await write(
      'graph',
      'POST',
      ficsUrl,
      body,
      azFicCreate(fic, appRef),
      `add the federated credential ${quote(fic.name)}`,
      {
        permission: FIC_WRITE,
        justCreated: created.app,
      },
    );
    const id = str(res?.json as Record<string, unknown> | undefined, 'id');
    report.federatedCredential = {
      ...report.federatedCredential,
      ...(id === undefined ? {} : { id }),
      status: req.dryRun ? 'would-create' : 'created',
    };
  } else if (ficAction === 'replace' && ficExisting !== undefined) {
    const body = { issuer: fic.issuer, subject: fic.subject, audiences: fic.audiences, description: fic.description };
    const named = { ...fic, name: ficExisting.name };
    await write(
      'graph',
      'PATCH',
      `${ficsUrl}/${ficExisting.id}`,
      body,
      azFicUpdate(named, appRef, ficExisting.id),
      `overwrite the federated credential ${quote(ficExisting.name)}`,
      { permission: FIC_WRITE },
    );
    report.federatedCredential.status = req.dryRun ? 'would-replace' : 'replaced';
  }

  const newGuid = clients.newGuid ?? randomUUID;
  for (const [i, role] of req.roles.entries()) {
    const entry = report.roleAssignments[i];
    if (entry === undefined || entry.status === 'found' || entry.roleDefinitionId === undefined) continue;
    const name = newGuid();
    const url = `${a}${role.scope}/providers/Microsoft.Authorization/roleAssignments/${name}?api-version=${ARM_API_VERSION}`;
    const body = {
      properties: {
        roleDefinitionId: entry.roleDefinitionId,
        principalId: 'value' in spRef ? spRef.value : '<object id of the new service principal>',
        // Given, so that ARM does not look a brand-new principal up in a directory replica that has not seen it.
        principalType: 'ServicePrincipal',
      },
    };
    const res = await write(
      'arm',
      'PUT',
      url,
      body,
      azRoleAssignmentCreate(spRef, entry.roleName ?? role.role, role.scope),
      `assign ${quote(entry.roleName ?? role.role)} at ${role.scope}`,
      { permission: ASSIGN, accept: [409], justCreated: created.sp },
    );
    const code = (res?.json as { error?: { code?: unknown } } | undefined)?.error?.code;
    if (res === undefined) entry.status = 'would-create';
    else if (res.status === 409 && code === 'RoleAssignmentExists') entry.status = 'found';
    else if (res.status === 409)
      throw new SetupStopped(
        report,
        new FederationError(
          'ARM_REQUEST_FAILED',
          `Azure Resource Manager could not assign ${quote(role.role)} at ${role.scope} (HTTP 409 ${String(code ?? '')}).`,
          {
            remedy: 'Another change to this scope may be in progress; run the same command again in a minute.',
            status: 409,
          },
        ),
      );
    else {
      const id = str(res.json as Record<string, unknown> | undefined, 'id');
      Object.assign(entry, { status: 'created', ...(id === undefined ? {} : { id }) });
    }
  }
  return report;
}

function unexpected(service: string, what: string): FederationError {
  return new FederationError('UNEXPECTED_RESPONSE', `${service} answered without the id of ${what}.`, {
    remedy:
      'Check that --graph-endpoint / --arm-endpoint point at the real service (or a proxy that passes bodies on), then run again.',
  });
}
