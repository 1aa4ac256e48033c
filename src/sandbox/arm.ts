// The Azure Resource Manager subset that set-up uses: role definitions (list with
// $filter=roleName eq '...', get) and role assignments (PUT, GET, DELETE, list) at any scope,
// authorized by the caller's own role assignments. Shapes, codes and messages follow ARM:
// https://learn.microsoft.com/rest/api/authorization/role-assignments
// https://learn.microsoft.com/azure/role-based-access-control/troubleshooting
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { ARM_AUDIENCES, checkBearer } from './bearer.js';
import { BUILT_IN_ROLES, type BuiltInRole, builtInRole } from './builtin-roles.js';
import { jsonReply, type Reply } from './http.js';
import { FilterSyntaxError, parseFilter } from './odata.js';
import { armTimestamp, PRINCIPAL_TYPES, type PrincipalType, parseScope, type RoleAssignment } from './rbac.js';
import type { SandboxState } from './state.js';

export interface ArmPath {
  /** The scope as written in the path (`/` for the root). */
  scope: string;
  collection: 'roleDefinitions' | 'roleAssignments';
  name?: string;
}

/** The API versions of Microsoft.Authorization these operations answer to. */
const API_VERSIONS: Record<ArmPath['collection'], readonly string[]> = {
  roleDefinitions: ['2015-07-01', '2018-01-01-preview', '2022-04-01', '2022-05-01-preview'],
  roleAssignments: [
    '2015-07-01',
    '2018-01-01-preview',
    '2018-09-01-preview',
    '2020-03-01-preview',
    '2020-04-01-preview',
    '2020-08-01-preview',
    '2020-10-01-preview',
    '2022-01-01-preview',
    '2022-04-01',
  ],
};

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ROLE_DEFINITION_ID =
  /^(?:\/subscriptions\/([^/]+))?\/providers\/Microsoft\.Authorization\/roleDefinitions\/([^/]+)$/i;
/** Built-in definitions carry Microsoft's own dates; the sandbox shows one fixed pair for all. */
const BUILT_IN_CREATED_ON = '2015-02-02T21:55:09.8806423Z';
const BUILT_IN_UPDATED_ON = '2021-11-11T20:13:47.8628684Z';

/** `{scope}/providers/Microsoft.Authorization/{roleDefinitions|roleAssignments}[/{name}]`, else undefined. */
export function armRoute(path: string): ArmPath | undefined {
  const m = /^(.*?)\/providers\/Microsoft\.Authorization\/(roleDefinitions|roleAssignments)(?:\/([^/]+))?\/?$/i.exec(
    path,
  );
  if (!m) return undefined;
  const collection = (m[2] ?? '').toLowerCase() === 'roledefinitions' ? 'roleDefinitions' : 'roleAssignments';
  return { scope: m[1] || '/', collection, ...(m[3] !== undefined && { name: m[3] }) };
}

class ArmError extends Error {
  override readonly name = 'ArmError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

export interface ArmOutcome {
  reply: Reply;
  error?: string;
}

interface Caller {
  objectId: string;
  /** How ARM names the client in AuthorizationFailed: the user's UPN, else the object id. */
  display: string;
}

export function handleArm(
  state: SandboxState,
  req: IncomingMessage,
  url: URL,
  path: ArmPath,
  body: Buffer,
): ArmOutcome {
  const requestId = randomUUID();
  const ids = { 'x-ms-request-id': requestId, 'x-ms-correlation-request-id': requestId };
  try {
    const caller = authenticate(state, req);
    checkApiVersion(url, path.collection);
    const parsed = parseScope(path.scope);
    if ('kind' in parsed) {
      if (parsed.kind === 'subscription-id')
        throw new ArmError(
          400,
          'InvalidSubscriptionId',
          `The provided subscription identifier '${parsed.value}' is malformed or invalid.`,
        );
      throw new ArmError(400, 'InvalidScope', `The scope '${path.scope}' is not a valid ARM scope.`);
    }
    if (parsed.subscriptionId !== undefined && !state.subscriptions.includes(parsed.subscriptionId))
      throw new ArmError(
        404,
        'SubscriptionNotFound',
        `The subscription '${parsed.subscriptionId}' could not be found.`,
      );
    const ctx: ArmCtx = { state, url, caller, scope: parsed.scope, subscriptionId: parsed.subscriptionId, path };
    const reply =
      path.collection === 'roleDefinitions'
        ? roleDefinitions(ctx, req.method ?? 'GET')
        : roleAssignments(ctx, req.method ?? 'GET', body);
    return { reply: { ...reply, headers: { ...reply.headers, ...ids } } };
  } catch (err) {
    if (!(err instanceof ArmError)) throw err;
    return {
      reply: jsonReply(err.status, { error: { code: err.code, message: err.message } }, { ...err.headers, ...ids }),
      error: err.code,
    };
  }
}

interface ArmCtx {
  state: SandboxState;
  url: URL;
  caller: Caller;
  scope: string;
  subscriptionId: string | undefined;
  path: ArmPath;
}

function authenticate(state: SandboxState, req: IncomingMessage): Caller {
  const check = checkBearer(state, req, ARM_AUDIENCES);
  const challenge = (description: string) => ({
    'WWW-Authenticate': `Bearer authorization_uri="${state.origin}/${state.tenantId}", error="invalid_token", error_description="${description}"`,
  });
  if (check.ok) {
    const oid = typeof check.claims['oid'] === 'string' ? check.claims['oid'] : '';
    const upn = check.claims['upn'];
    return { objectId: oid, display: typeof upn === 'string' ? upn : oid };
  }
  switch (check.problem) {
    case 'missing':
      throw new ArmError(
        401,
        'AuthenticationFailed',
        "Authentication failed. The 'Authorization' header is missing.",
        challenge("The authentication failed because of missing 'Authorization' header."),
      );
    case 'audience':
      throw new ArmError(
        401,
        'InvalidAuthenticationTokenAudience',
        `The access token has been obtained for wrong audience or resource '${check.audience}'. ` +
          `It should exactly match with one of the allowed audiences ${ARM_AUDIENCES.map((a) => `'${a}'`).join(',')}.`,
        challenge('The access token has been obtained for wrong audience or resource.'),
      );
    case 'expired':
      throw new ArmError(
        401,
        'ExpiredAuthenticationToken',
        `The access token expiry UTC time '${armClock(check.exp * 1000)}' is earlier than current UTC time '${armClock(state.now())}'.`,
        challenge('The access token has expired.'),
      );
    default:
      throw new ArmError(
        401,
        'InvalidAuthenticationToken',
        'The access token is invalid.',
        challenge('The access token is invalid.'),
      );
  }
}

/** "5/1/2024 10:00:00 AM", as ARM prints times in ExpiredAuthenticationToken. */
function armClock(ms: number): string {
  if (!Number.isFinite(ms)) return 'unknown';
  const d = new Date(ms);
  const h = d.getUTCHours();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getUTCMonth() + 1}/${d.getUTCDate()}/${d.getUTCFullYear()} ${h % 12 || 12}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} ${h < 12 ? 'AM' : 'PM'}`;
}

function checkApiVersion(url: URL, collection: ArmPath['collection']): void {
  const version = url.searchParams.get('api-version');
  if (version === null || version === '')
    throw new ArmError(
      400,
      'MissingApiVersionParameter',
      'The api-version query parameter (?api-version=) is required for all requests.',
    );
  const supported = API_VERSIONS[collection];
  if (!supported.includes(version))
    throw new ArmError(
      400,
      'NoRegisteredProviderFound',
      `No registered resource provider found for location 'global' and API version '${version}' for type '${collection}'. ` +
        `The supported api-versions are '${supported.join(', ')}'. The supported locations are ''.`,
    );
}

function authorize(ctx: ArmCtx, action: string): void {
  if (ctx.state.rbac.permits(ctx.caller.objectId, action, ctx.scope)) return;
  const target = `${ctx.scope === '/' ? '' : ctx.scope}/providers/Microsoft.Authorization/${ctx.path.collection}${ctx.path.name ? `/${ctx.path.name}` : ''}`;
  throw new ArmError(
    403,
    'AuthorizationFailed',
    `The client '${ctx.caller.display}' with object id '${ctx.caller.objectId}' does not have authorization to perform action '${action}' ` +
      `over scope '${target}' or the scope is invalid. If access was recently granted, please refresh your credentials.`,
  );
}

function filterClauses(ctx: ArmCtx): ReturnType<typeof parseFilter> {
  const text = ctx.url.searchParams.get('$filter');
  if (text === null || text.trim() === '') return [];
  try {
    return parseFilter(text);
  } catch (err) {
    if (err instanceof FilterSyntaxError)
      throw new ArmError(400, 'InvalidFilterInQueryString', `The $filter '${text}' is invalid: ${err.message}.`);
    throw err;
  }
}

function unsupportedFilter(ctx: ArmCtx): ArmError {
  return new ArmError(
    400,
    'UnsupportedQuery',
    `The filter '${ctx.url.searchParams.get('$filter') ?? ''}' is not supported for ${ctx.path.collection}.`,
  );
}

function definitionPrefix(subscriptionId: string | undefined): string {
  return subscriptionId === undefined ? '' : `/subscriptions/${subscriptionId}`;
}

function roleDefinitionJson(role: BuiltInRole, subscriptionId: string | undefined): Record<string, unknown> {
  return {
    properties: {
      roleName: role.roleName,
      type: 'BuiltInRole',
      description: role.description,
      assignableScopes: ['/'],
      permissions: [
        {
          actions: [...role.permissions.actions],
          notActions: [...role.permissions.notActions],
          dataActions: [...role.permissions.dataActions],
          notDataActions: [...role.permissions.notDataActions],
        },
      ],
      createdOn: BUILT_IN_CREATED_ON,
      updatedOn: BUILT_IN_UPDATED_ON,
      createdBy: null,
      updatedBy: null,
    },
    id: `${definitionPrefix(subscriptionId)}/providers/Microsoft.Authorization/roleDefinitions/${role.id}`,
    type: 'Microsoft.Authorization/roleDefinitions',
    name: role.id,
  };
}

function roleDefinitions(ctx: ArmCtx, method: string): Reply {
  if (method !== 'GET') throw methodNotAllowed(method, 'GET');
  // The tenant's own list (scope `/`) is open to every signed-in principal, as `az role definition list` relies on.
  if (ctx.scope !== '/') authorize(ctx, 'Microsoft.Authorization/roleDefinitions/read');
  if (ctx.path.name !== undefined) {
    const role = builtInRole(ctx.path.name);
    if (!role)
      throw new ArmError(
        404,
        'RoleDefinitionDoesNotExist',
        `The role definition '${ctx.path.name}' could not be found.`,
      );
    return jsonReply(200, roleDefinitionJson(role, ctx.subscriptionId));
  }
  let roles = [...BUILT_IN_ROLES];
  for (const clause of filterClauses(ctx)) {
    if (clause.kind === 'eq' && clause.property === 'roleName') {
      const wanted = clause.value.toLowerCase();
      roles = roles.filter((r) => r.roleName.toLowerCase() === wanted);
    } else if (clause.kind === 'eq' && clause.property === 'type') {
      if (clause.value.toLowerCase() !== 'builtinrole') roles = [];
    } else {
      throw unsupportedFilter(ctx);
    }
  }
  return jsonReply(200, { value: roles.map((r) => roleDefinitionJson(r, ctx.subscriptionId)) });
}

function methodNotAllowed(method: string, allow: string): ArmError {
  return new ArmError(405, 'MethodNotAllowed', `The requested resource does not support http method '${method}'.`, {
    Allow: allow,
  });
}

function assignmentJson(a: RoleAssignment): Record<string, unknown> {
  const parsed = parseScope(a.scope);
  const subscriptionId = 'kind' in parsed ? undefined : parsed.subscriptionId;
  return {
    properties: {
      roleDefinitionId: `${definitionPrefix(subscriptionId)}/providers/Microsoft.Authorization/roleDefinitions/${a.roleDefinitionGuid}`,
      principalId: a.principalId,
      principalType: a.principalType,
      scope: a.scope,
      condition: null,
      conditionVersion: null,
      createdOn: a.createdOn,
      updatedOn: a.updatedOn,
      createdBy: a.createdBy,
      updatedBy: a.updatedBy,
      delegatedManagedIdentityResourceId: null,
      description: a.description,
    },
    id: `${a.scope === '/' ? '' : a.scope}/providers/Microsoft.Authorization/roleAssignments/${a.name}`,
    type: 'Microsoft.Authorization/roleAssignments',
    name: a.name,
  };
}

function roleAssignments(ctx: ArmCtx, method: string, body: Buffer): Reply {
  const { rbac } = ctx.state;
  const name = ctx.path.name;
  if (name === undefined) {
    if (method !== 'GET') throw methodNotAllowed(method, 'GET');
    authorize(ctx, 'Microsoft.Authorization/roleAssignments/read');
    let atScope = false;
    let principalId: string | undefined;
    for (const clause of filterClauses(ctx)) {
      if (clause.kind === 'call' && clause.name === 'atScope' && clause.args.length === 0) atScope = true;
      else if (clause.kind === 'eq' && clause.property === 'principalId') principalId = clause.value;
      else if (clause.kind === 'call' && clause.name === 'assignedTo' && clause.args.length === 1)
        principalId = clause.args[0];
      else throw unsupportedFilter(ctx);
    }
    const found = rbac.list(ctx.scope, { atScope, ...(principalId !== undefined && { principalId }) });
    return jsonReply(200, { value: found.map(assignmentJson) });
  }
  const allow = 'GET, PUT, DELETE';
  if (method === 'GET') {
    authorize(ctx, 'Microsoft.Authorization/roleAssignments/read');
    const found = rbac.find(ctx.scope, name);
    if (!found) throw new ArmError(404, 'RoleAssignmentNotFound', `The role assignment '${name}' is not found.`);
    return jsonReply(200, assignmentJson(found));
  }
  if (method === 'DELETE') {
    authorize(ctx, 'Microsoft.Authorization/roleAssignments/delete');
    const found = rbac.find(ctx.scope, name);
    if (!found) return { status: 204, body: '' };
    rbac.remove(found);
    return jsonReply(200, assignmentJson(found));
  }
  if (method !== 'PUT') throw methodNotAllowed(method, allow);
  authorize(ctx, 'Microsoft.Authorization/roleAssignments/write');
  if (!GUID.test(name))
    throw new ArmError(
      400,
      'InvalidRoleAssignmentId',
      `The role assignment ID '${name}' is not valid. The role assignment ID must be a GUID.`,
    );
  const request = readAssignment(ctx, body);
  const existing = rbac.find(ctx.scope, name);
  if (existing) {
    if (existing.roleDefinitionGuid === request.role.id && existing.principalId === request.principalId.toLowerCase())
      throw new ArmError(409, 'RoleAssignmentExists', 'The role assignment already exists.');
    throw new ArmError(
      400,
      'RoleAssignmentUpdateNotPermitted',
      'Tenant ID, application ID, principal ID, and scope are not allowed to be updated.',
    );
  }
  if (rbac.equivalent(ctx.scope, request.role.id, request.principalId))
    throw new ArmError(409, 'RoleAssignmentExists', 'The role assignment already exists.');
  const now = armTimestamp(ctx.state.now());
  const created = rbac.add({
    name: name.toLowerCase(),
    scope: ctx.scope,
    roleDefinitionGuid: request.role.id,
    principalId: request.principalId,
    principalType: request.principalType,
    description: request.description,
    createdOn: now,
    updatedOn: now,
    createdBy: null,
    updatedBy: ctx.caller.objectId,
  });
  return jsonReply(201, assignmentJson(created));
}

function invalidContent(detail: string): ArmError {
  return new ArmError(
    400,
    'InvalidRequestContent',
    `The request content was invalid and could not be deserialized: ${detail}`,
  );
}

function readAssignment(
  ctx: ArmCtx,
  body: Buffer,
): { role: BuiltInRole; principalId: string; principalType: PrincipalType; description: string | null } {
  let value: unknown;
  try {
    value = JSON.parse(body.toString('utf8'));
  } catch (err) {
    throw invalidContent((err as Error).message);
  }
  const properties = (value as { properties?: unknown } | null)?.properties;
  if (typeof properties !== 'object' || properties === null || Array.isArray(properties))
    throw invalidContent("Required property 'properties' not found in JSON.");
  const props = properties as Record<string, unknown>;

  const roleDefinitionId = props['roleDefinitionId'];
  const match = typeof roleDefinitionId === 'string' ? ROLE_DEFINITION_ID.exec(roleDefinitionId) : null;
  if (!match) throw new ArmError(400, 'InvalidRoleDefinitionId', 'The role definition ID is not valid.');
  const role = builtInRole(match[2] ?? '');
  if (!role || (match[1] !== undefined && !ctx.state.subscriptions.includes(match[1].toLowerCase())))
    throw new ArmError(
      400,
      'RoleDefinitionDoesNotExist',
      `The specified role definition with ID '${match[2] ?? ''}' does not exist.`,
    );

  const principalId = props['principalId'];
  if (typeof principalId !== 'string' || !GUID.test(principalId))
    throw new ArmError(400, 'InvalidPrincipalId', 'A valid principal ID must be provided for role assignment.');
  const givenType = props['principalType'];
  if (givenType !== undefined && !(PRINCIPAL_TYPES as readonly unknown[]).includes(givenType))
    throw invalidContent(`The value '${String(givenType)}' is not a valid principalType.`);
  const known = ctx.state.directory.principal(principalId);
  if (known && givenType !== undefined && givenType !== known.type)
    throw new ArmError(
      400,
      'UnmatchedPrincipalType',
      `The PrincipalId '${principalId.replace(/-/g, '')}' has type '${known.type}' , which is different from specified PrincipalType '${String(givenType)}'.`,
    );
  // With principalType given, ARM skips the directory look-up (the documented answer to replication delay).
  if (!known && givenType === undefined)
    throw new ArmError(
      400,
      'PrincipalNotFound',
      `Principal ${principalId.replace(/-/g, '')} does not exist in the directory ${ctx.state.tenantId}. Check that you have the correct principal ID. ` +
        'If you are creating this principal and then immediately assigning a role, this error might be related to a replication delay. ' +
        'In this case, set the role assignment principalType property to a value, such as ServicePrincipal, User, or Group.  See https://aka.ms/docs-principaltype',
    );
  const description = typeof props['description'] === 'string' ? props['description'] : null;
  return {
    role,
    principalId: principalId.toLowerCase(),
    principalType: (givenType as PrincipalType | undefined) ?? known?.type ?? 'ServicePrincipal',
    description,
  };
}
