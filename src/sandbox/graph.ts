// The Microsoft Graph v1.0 subset that set-up and the doctor use: applications (by object id or
// appId, $filter on appId/displayName), their federated identity credentials, and service
// principals. Shapes, codes and messages follow Graph:
// https://learn.microsoft.com/graph/api/resources/application
// https://learn.microsoft.com/graph/api/resources/federatedidentitycredential
// https://learn.microsoft.com/graph/errors
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { checkBearer, GRAPH_AUDIENCES, tokenPermissions } from './bearer.js';
import {
  type DirectoryApp,
  GraphError,
  graphTimestamp,
  type NewFic,
  type ServicePrincipal,
  type StoredFic,
} from './directory.js';
import { jsonReply, type Reply } from './http.js';
import { FilterSyntaxError, parseFilter } from './odata.js';
import type { SandboxState } from './state.js';

type AppKey = { by: 'id' | 'appId'; value: string };

export type GraphPath =
  | { kind: 'applications' }
  | { kind: 'application'; app: AppKey }
  | { kind: 'fics'; app: AppKey }
  | { kind: 'fic'; app: AppKey; ficId: string }
  | { kind: 'servicePrincipals' }
  | { kind: 'servicePrincipal'; id: string }
  | { kind: 'unknown'; segment: string };

/** Read permissions (any one suffices) and the write permission, as the Graph permissions reference lists them. */
const READ_PERMISSIONS = [
  'application.read.all',
  'application.readwrite.all',
  'directory.read.all',
  'directory.readwrite.all',
];
const WRITE_PERMISSION = 'Application.ReadWrite.All';

/** `segments` follow `/v1.0/`. */
export function graphRoute(segments: string[]): GraphPath {
  const [collection = '', second, third, fourth, ...extra] = segments;
  const unknown = (segment: string): GraphPath => ({ kind: 'unknown', segment });
  if (extra.length > 0) return unknown(extra[0] ?? '');
  if (collection === 'servicePrincipals') {
    if (second === undefined) return { kind: 'servicePrincipals' };
    return third === undefined ? { kind: 'servicePrincipal', id: second } : unknown(third);
  }
  let app: AppKey;
  let rest: (string | undefined)[];
  const alternateKey = /^applications\(appId='([^']*)'\)$/.exec(collection);
  if (alternateKey) {
    app = { by: 'appId', value: alternateKey[1] ?? '' };
    rest = [second, third];
    if (fourth !== undefined) return unknown(fourth);
  } else if (collection === 'applications') {
    if (second === undefined) return { kind: 'applications' };
    app = { by: 'id', value: second };
    rest = [third, fourth];
  } else {
    return unknown(collection);
  }
  const [sub, ficId] = rest;
  if (sub === undefined) return { kind: 'application', app };
  if (sub !== 'federatedIdentityCredentials') return unknown(sub);
  return ficId === undefined ? { kind: 'fics', app } : { kind: 'fic', app, ficId };
}

export interface GraphOutcome {
  reply: Reply;
  /** For the request log: the error code and why. */
  error?: string;
}

export function handleGraph(
  state: SandboxState,
  req: IncomingMessage,
  url: URL,
  path: GraphPath,
  body: Buffer,
): GraphOutcome {
  const requestId = randomUUID();
  const clientRequestId = headerValue(req, 'client-request-id') ?? requestId;
  const ctx: Ctx = { state, url, base: `${state.origin}/v1.0`, requestId, clientRequestId };
  try {
    const method = req.method ?? 'GET';
    authorize(state, req, method);
    return { reply: withIds(ctx, route(ctx, method, path, body)) };
  } catch (err) {
    if (!(err instanceof GraphError)) throw err;
    const headers: Record<string, string> = {};
    if (err.status === 401)
      headers['WWW-Authenticate'] =
        'Bearer realm="", authorization_uri="https://login.microsoftonline.com/common/oauth2/authorize", client_id="00000003-0000-0000-c000-000000000000"';
    if (err.status === 405) headers['Allow'] = allowedMethods(path);
    const reply = jsonReply(
      err.status,
      {
        error: {
          code: err.code,
          message: err.message,
          innerError: {
            date: graphTimestamp(state.now()).replace(/Z$/, ''),
            'request-id': requestId,
            'client-request-id': clientRequestId,
          },
        },
      },
      headers,
    );
    return { reply: withIds(ctx, reply), error: `${err.code}${err.reason ? `: ${err.reason}` : ''}` };
  }
}

interface Ctx {
  state: SandboxState;
  url: URL;
  /** `${origin}/v1.0`: where @odata.context points. */
  base: string;
  requestId: string;
  clientRequestId: string;
}

function withIds(ctx: Ctx, reply: Reply): Reply {
  return {
    ...reply,
    headers: { ...reply.headers, 'request-id': ctx.requestId, 'client-request-id': ctx.clientRequestId },
  };
}

function headerValue(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  const first = Array.isArray(value) ? value[0] : value;
  return first && /^[\w.-]{1,128}$/.test(first) ? first : undefined;
}

function authorize(state: SandboxState, req: IncomingMessage, method: string): void {
  const check = checkBearer(state, req, GRAPH_AUDIENCES);
  if (!check.ok) {
    switch (check.problem) {
      case 'missing':
        throw new GraphError(401, 'InvalidAuthenticationToken', 'Access token is empty.');
      case 'audience':
        throw new GraphError(
          401,
          'InvalidAuthenticationToken',
          'Access token validation failure. Invalid audience.',
          `aud '${check.audience}'`,
        );
      case 'expired':
        throw new GraphError(401, 'InvalidAuthenticationToken', 'Lifetime validation failed, the token is expired.');
      default:
        throw new GraphError(401, 'InvalidAuthenticationToken', 'Access token validation failure.', check.detail);
    }
  }
  const granted = tokenPermissions(check.claims);
  const write = method !== 'GET';
  const ok = write ? granted.has(WRITE_PERMISSION.toLowerCase()) : READ_PERMISSIONS.some((p) => granted.has(p));
  if (!ok)
    throw new GraphError(
      403,
      'Authorization_RequestDenied',
      'Insufficient privileges to complete the operation.',
      `the token lacks ${write ? WRITE_PERMISSION : 'Application.Read.All'}`,
    );
}

function allowedMethods(path: GraphPath): string {
  switch (path.kind) {
    case 'applications':
    case 'servicePrincipals':
    case 'fics':
      return 'GET, POST';
    case 'fic':
      return 'GET, PATCH, DELETE';
    default:
      return 'GET';
  }
}

function notAllowed(): GraphError {
  return new GraphError(405, 'Request_BadRequest', 'Specified HTTP method is not allowed for the request target.');
}

function route(ctx: Ctx, method: string, path: GraphPath, body: Buffer): Reply {
  const { state } = ctx;
  const directory = state.directory;
  if (!allowedMethods(path).split(', ').includes(method)) throw notAllowed();
  switch (path.kind) {
    case 'unknown':
      throw new GraphError(400, 'BadRequest', `Resource not found for the segment '${path.segment}'.`);
    case 'applications': {
      if (method === 'POST') {
        const fields = readApplication(parseBody(body));
        const app = directory.createApp(fields);
        return entity(ctx, 201, 'applications', applicationJson(state, app), {
          Location: `${ctx.base}/applications/${app.objectId}`,
        });
      }
      const filter = compileFilter(ctx, 'Application', { appId: 'guid', displayName: 'text', id: 'guid' });
      const apps = directory
        .listApps()
        .filter((a) => filter({ appId: a.clientId, displayName: a.displayName ?? '', id: a.objectId }));
      return collection(
        ctx,
        'applications',
        apps.map((a) => applicationJson(state, a)),
      );
    }
    case 'application':
      return entity(ctx, 200, 'applications', applicationJson(state, findApp(ctx, path.app)));
    case 'fics': {
      const app = findApp(ctx, path.app);
      const context = `applications('${app.objectId}')/federatedIdentityCredentials`;
      if (method === 'POST') {
        const fic = directory.addFic(app, readFic(parseBody(body)));
        return entity(ctx, 201, context, ficJson(fic), {
          Location: `${ctx.base}/applications/${app.objectId}/federatedIdentityCredentials/${fic.id}`,
        });
      }
      const filter = compileFilter(ctx, 'FederatedIdentityCredential', { issuer: 'exact', subject: 'exact' });
      const fics = app.federatedCredentials.filter((f) => filter({ issuer: f.issuer, subject: f.subject }));
      return collection(ctx, context, fics.map(ficJson));
    }
    case 'fic': {
      const app = findApp(ctx, path.app);
      const fic = app.federatedCredentials.find((f) => f.id === path.ficId.toLowerCase() || f.name === path.ficId);
      if (!fic) throw notFound(path.ficId);
      if (method === 'DELETE') {
        directory.removeFic(app, fic);
        return { status: 204, body: '' };
      }
      if (method === 'PATCH') {
        directory.updateFic(app, fic, readFicChanges(parseBody(body), fic));
        return { status: 204, body: '' };
      }
      return entity(ctx, 200, `applications('${app.objectId}')/federatedIdentityCredentials`, ficJson(fic));
    }
    case 'servicePrincipals': {
      if (method === 'POST') {
        const sp = directory.createServicePrincipal(readServicePrincipal(parseBody(body)));
        return entity(ctx, 201, 'servicePrincipals', servicePrincipalJson(state, sp), {
          Location: `${ctx.base}/servicePrincipals/${sp.id}`,
        });
      }
      const filter = compileFilter(ctx, 'ServicePrincipal', { appId: 'guid', displayName: 'text', id: 'guid' });
      const sps = directory
        .listServicePrincipals()
        .filter((s) => filter({ appId: s.appId, displayName: s.displayName, id: s.id }));
      return collection(
        ctx,
        'servicePrincipals',
        sps.map((s) => servicePrincipalJson(state, s)),
      );
    }
    case 'servicePrincipal': {
      const sp = directory.listServicePrincipals().find((s) => s.id === path.id.toLowerCase());
      if (!sp) throw notFound(path.id);
      return entity(ctx, 200, 'servicePrincipals', servicePrincipalJson(state, sp));
    }
  }
}

function notFound(id: string): GraphError {
  return new GraphError(
    404,
    'Request_ResourceNotFound',
    `Resource '${id}' does not exist or one of its queried reference-property objects are not present.`,
  );
}

function findApp(ctx: Ctx, key: AppKey): DirectoryApp {
  const app =
    key.by === 'appId' ? ctx.state.directory.findApp(key.value) : ctx.state.directory.findAppByObjectId(key.value);
  if (!app) throw notFound(key.value);
  return app;
}

// ---- $filter and $select ---------------------------------------------------------------

type Comparison = 'guid' | 'text' | 'exact';

/** A predicate from $filter; Graph compares directory strings case-insensitively. */
function compileFilter(
  ctx: Ctx,
  resource: string,
  properties: Record<string, Comparison>,
): (values: Record<string, string>) => boolean {
  const text = ctx.url.searchParams.get('$filter');
  if (text === null) return () => true;
  let clauses: ReturnType<typeof parseFilter>;
  try {
    clauses = parseFilter(text);
  } catch (err) {
    if (err instanceof FilterSyntaxError)
      throw new GraphError(400, 'BadRequest', `Invalid filter clause: ${err.message}.`);
    throw err;
  }
  const tests = clauses.map((clause) => {
    const property = clause.kind === 'eq' ? clause.property : clause.name;
    const comparison = properties[property];
    if (clause.kind !== 'eq' || comparison === undefined)
      throw new GraphError(
        400,
        'Request_UnsupportedQuery',
        `Unsupported or invalid query filter clause specified for property '${property}' of resource '${resource}'.`,
      );
    return (values: Record<string, string>) => {
      const actual = values[property] ?? '';
      return comparison === 'exact' ? actual === clause.value : actual.toLowerCase() === clause.value.toLowerCase();
    };
  });
  return (values) => tests.every((t) => t(values));
}

function selected(
  ctx: Ctx,
  type: string,
  json: Record<string, unknown>,
): { fields: string[] | undefined; json: Record<string, unknown> } {
  const text = ctx.url.searchParams.get('$select');
  if (text === null || text.trim() === '') return { fields: undefined, json };
  const fields = text
    .split(',')
    .map((f) => f.trim())
    .filter(Boolean);
  for (const f of fields)
    if (!(f in json))
      throw new GraphError(
        400,
        'BadRequest',
        `Could not find a property named '${f}' on type 'microsoft.graph.${type}'.`,
      );
  return { fields, json: Object.fromEntries(fields.map((f) => [f, json[f]])) };
}

function typeOf(context: string): string {
  if (context.endsWith('federatedIdentityCredentials')) return 'federatedIdentityCredential';
  return context === 'servicePrincipals' ? 'servicePrincipal' : 'application';
}

function collection(ctx: Ctx, context: string, items: Record<string, unknown>[]): Reply {
  // $select is checked against the type's properties, so an empty list still rejects a typo.
  const { fields } = selected(ctx, typeOf(context), sample(typeOf(context)));
  const value = fields ? items.map((item) => Object.fromEntries(fields.map((f) => [f, item[f]]))) : items;
  const suffix = fields ? `(${fields.join(',')})` : '';
  return jsonReply(200, { '@odata.context': `${ctx.base}/$metadata#${context}${suffix}`, value });
}

function entity(
  ctx: Ctx,
  status: number,
  context: string,
  item: Record<string, unknown>,
  headers?: Record<string, string>,
): Reply {
  const { fields, json } = status === 200 ? selected(ctx, typeOf(context), item) : { fields: undefined, json: item };
  const suffix = fields ? `(${fields.join(',')})` : '';
  return jsonReply(status, { '@odata.context': `${ctx.base}/$metadata#${context}${suffix}/$entity`, ...json }, headers);
}

function sample(type: string): Record<string, unknown> {
  if (type === 'federatedIdentityCredential')
    return ficJson({ id: '', name: '', issuer: '', subject: '', audiences: [], description: null });
  return type === 'servicePrincipal'
    ? servicePrincipalJson(undefined, undefined)
    : applicationJson(undefined, undefined);
}

// ---- request bodies --------------------------------------------------------------------

function parseBody(body: Buffer): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(body.toString('utf8'));
  } catch {
    value = undefined;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new GraphError(
      400,
      'BadRequest',
      'Unable to read JSON request payload. Please ensure Content-Type header is set and payload is of valid JSON format.',
    );
  return value as Record<string, unknown>;
}

function onlyKnown(obj: Record<string, unknown>, type: string, known: Record<string, unknown>): void {
  for (const key of Object.keys(obj)) {
    if (key.startsWith('@odata.')) continue;
    if (!(key in known))
      throw new GraphError(
        400,
        'BadRequest',
        `Property '${key}' does not exist on type 'microsoft.graph.${type}'. Make sure to only use property names that are defined by the type.`,
      );
  }
}

function invalidValue(property: string, resource: string): GraphError {
  return new GraphError(
    400,
    'Request_BadRequest',
    `Invalid value specified for property '${property}' of resource '${resource}'.`,
  );
}

function stringField(obj: Record<string, unknown>, key: string, resource: string, max = Infinity): string {
  const value = obj[key];
  if (typeof value !== 'string' || value.trim() === '' || value.length > max) throw invalidValue(key, resource);
  return value;
}

function readApplication(obj: Record<string, unknown>): {
  displayName: string;
  description: string | null;
  identifierUris: string[];
} {
  onlyKnown(obj, 'application', applicationJson(undefined, undefined));
  const displayName = stringField(obj, 'displayName', 'Application', 256);
  const uris = obj['identifierUris'] ?? [];
  if (!Array.isArray(uris) || !uris.every((u) => typeof u === 'string' && u !== ''))
    throw invalidValue('identifierUris', 'Application');
  const description = obj['description'];
  if (description !== undefined && description !== null && typeof description !== 'string')
    throw invalidValue('description', 'Application');
  return { displayName, description: description ?? null, identifierUris: uris as string[] };
}

function readServicePrincipal(obj: Record<string, unknown>): string {
  onlyKnown(obj, 'servicePrincipal', servicePrincipalJson(undefined, undefined));
  return stringField(obj, 'appId', 'ServicePrincipal');
}

const FIC = 'FederatedIdentityCredential';
/** "URL friendly": letters, digits, dash and underscore, starting with a letter or digit. */
const FIC_NAME = /^[A-Za-z0-9][A-Za-z0-9_-]{0,119}$/;

function readAudiences(obj: Record<string, unknown>): string[] {
  const audiences = obj['audiences'];
  if (
    !Array.isArray(audiences) ||
    audiences.length !== 1 ||
    typeof audiences[0] !== 'string' ||
    audiences[0] === '' ||
    audiences[0].length > 600
  )
    throw invalidValue('audiences', FIC);
  return [audiences[0]];
}

function readDescription(obj: Record<string, unknown>): string | null {
  const description = obj['description'];
  if (description === undefined || description === null) return null;
  if (typeof description !== 'string' || description.length > 600) throw invalidValue('description', FIC);
  return description;
}

function readFic(obj: Record<string, unknown>): NewFic {
  onlyKnown(obj, 'federatedIdentityCredential', sample('federatedIdentityCredential'));
  const name = stringField(obj, 'name', FIC, 120);
  if (!FIC_NAME.test(name)) throw invalidValue('name', FIC);
  return {
    name,
    issuer: stringField(obj, 'issuer', FIC, 600),
    subject: stringField(obj, 'subject', FIC, 600),
    audiences: readAudiences(obj),
    description: readDescription(obj),
  };
}

function readFicChanges(obj: Record<string, unknown>, current: StoredFic): Partial<Omit<NewFic, 'name'>> {
  onlyKnown(obj, 'federatedIdentityCredential', sample('federatedIdentityCredential'));
  if (obj['name'] !== undefined && obj['name'] !== current.name)
    throw new GraphError(400, 'Request_BadRequest', 'The name of a federated identity credential cannot be changed.');
  if (obj['id'] !== undefined && obj['id'] !== current.id) throw invalidValue('id', FIC);
  const changes: Partial<Omit<NewFic, 'name'>> = {};
  if (obj['issuer'] !== undefined) changes.issuer = stringField(obj, 'issuer', FIC, 600);
  if (obj['subject'] !== undefined) changes.subject = stringField(obj, 'subject', FIC, 600);
  if (obj['audiences'] !== undefined) changes.audiences = readAudiences(obj);
  if (obj['description'] !== undefined) changes.description = readDescription(obj);
  return changes;
}

// ---- representations -------------------------------------------------------------------

function ficJson(fic: StoredFic): Record<string, unknown> {
  return {
    id: fic.id,
    name: fic.name,
    issuer: fic.issuer,
    subject: fic.subject,
    description: fic.description,
    audiences: [...fic.audiences],
  };
}

/** The v1.0 application resource; `undefined` arguments give the property set only. */
function applicationJson(state: SandboxState | undefined, app: DirectoryApp | undefined): Record<string, unknown> {
  return {
    id: app?.objectId ?? null,
    deletedDateTime: null,
    appId: app?.clientId ?? null,
    applicationTemplateId: null,
    disabledByMicrosoftStatus: null,
    createdDateTime: app?.createdDateTime ?? null,
    displayName: app?.displayName ?? null,
    description: app?.description ?? null,
    groupMembershipClaims: null,
    identifierUris: app ? [...app.identifierUris] : [],
    isDeviceOnlyAuthSupported: null,
    isFallbackPublicClient: null,
    nativeAuthenticationApisEnabled: null,
    notes: null,
    publisherDomain: state?.tenantDomains[0] ?? null,
    serviceManagementReference: null,
    signInAudience: 'AzureADMyOrg',
    tags: [],
    tokenEncryptionKeyId: null,
    uniqueName: null,
    samlMetadataUrl: null,
    defaultRedirectUri: null,
    certification: null,
    optionalClaims: null,
    requestSignatureVerification: null,
    addIns: [],
    api: {
      acceptMappedClaims: null,
      knownClientApplications: [],
      requestedAccessTokenVersion: null,
      oauth2PermissionScopes: [],
      preAuthorizedApplications: [],
    },
    appRoles: [],
    info: { logoUrl: null, marketingUrl: null, privacyStatementUrl: null, supportUrl: null, termsOfServiceUrl: null },
    keyCredentials: [],
    parentalControlSettings: { countriesBlockedForMinors: [], legalAgeGroupRule: 'Allow' },
    passwordCredentials: [],
    publicClient: { redirectUris: [] },
    requiredResourceAccess: [],
    verifiedPublisher: { displayName: null, verifiedPublisherId: null, addedDateTime: null },
    web: {
      homePageUrl: null,
      logoutUrl: null,
      redirectUris: [],
      implicitGrantSettings: { enableAccessTokenIssuance: false, enableIdTokenIssuance: false },
      redirectUriSettings: [],
    },
    spa: { redirectUris: [] },
  };
}

/** The v1.0 servicePrincipal resource; `undefined` arguments give the property set only. */
function servicePrincipalJson(
  state: SandboxState | undefined,
  sp: ServicePrincipal | undefined,
): Record<string, unknown> {
  return {
    id: sp?.id ?? null,
    deletedDateTime: null,
    accountEnabled: true,
    alternativeNames: [],
    appDisplayName: sp?.displayName ?? null,
    appDescription: null,
    appId: sp?.appId ?? null,
    applicationTemplateId: null,
    appOwnerOrganizationId: state?.tenantId ?? null,
    appRoleAssignmentRequired: false,
    createdDateTime: sp?.createdDateTime ?? null,
    description: null,
    disabledByMicrosoftStatus: null,
    displayName: sp?.displayName ?? null,
    homepage: null,
    loginUrl: null,
    logoutUrl: null,
    notes: null,
    notificationEmailAddresses: [],
    preferredSingleSignOnMode: null,
    preferredTokenSigningKeyThumbprint: null,
    replyUrls: [],
    servicePrincipalNames: sp ? [...sp.servicePrincipalNames] : [],
    servicePrincipalType: 'Application',
    signInAudience: 'AzureADMyOrg',
    tags: [],
    tokenEncryptionKeyId: null,
    info: { logoUrl: null, marketingUrl: null, privacyStatementUrl: null, supportUrl: null, termsOfServiceUrl: null },
    samlSingleSignOnSettings: null,
    addIns: [],
    appRoles: [],
    keyCredentials: [],
    oauth2PermissionScopes: [],
    passwordCredentials: [],
    resourceSpecificApplicationPermissions: [],
    verifiedPublisher: { displayName: null, verifiedPublisherId: null, addedDateTime: null },
  };
}
