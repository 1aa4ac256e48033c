// Defaults and validation of sandbox configuration (files, control requests, API calls).
import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { CI_PROVIDERS } from './ci-claims.js';
import type {
  AppConfig,
  FaultRule,
  FaultTarget,
  FederatedCredentialConfig,
  GrantRoleOptions,
  IssuerConfig,
  MintAccessTokenOptions,
  MintIdTokenOptions,
  SandboxConfig,
} from './types.js';

// Fixed, readable GUIDs: "5a4db0c5" reads as "sandbox"; "7e4a" as "tena(nt)", "c11e" as "clie(nt)".
export const DEFAULT_TENANT_ID = '5a4db0c5-7e4a-4000-8000-000000000001';
export const DEFAULT_CLIENT_ID = '5a4db0c5-c11e-4000-8000-000000000002';
export const DEFAULT_TENANT_DOMAIN = 'sandbox.onmicrosoft.com';
/** "5b5c" reads as "subs(cription)", "ad01" as "admin". */
export const DEFAULT_SUBSCRIPTION_ID = '5a4db0c5-5b5c-4000-8000-000000000003';
export const DEFAULT_ADMIN_OBJECT_ID = '5a4db0c5-ad01-4000-8000-000000000004';
export const DEFAULT_SUBJECT = 'repo:octo-org/octo-repo:ref:refs/heads/main';
export const TOKEN_EXCHANGE_AUDIENCE = 'api://AzureADTokenExchange';
/** FIC issuers, IssuerConfig fields: replaced by the sandbox origin once it listens. */
export const ORIGIN_PLACEHOLDER = '{origin}';

export const FAULT_TARGETS: readonly FaultTarget[] = [
  'token',
  'idtoken',
  'entra-discovery',
  'entra-jwks',
  'ci-discovery',
  'ci-jwks',
  'graph',
  'arm',
  'imds',
];

/** A configuration value is wrong; `field` names it (e.g. `apps[0].federatedCredentials[1].audiences`). */
export class SandboxConfigError extends Error {
  override readonly name = 'SandboxConfigError';
  constructor(
    readonly field: string,
    problem: string,
    source?: string,
  ) {
    super(`${source ? `${source}: ` : ''}${field} ${problem}`);
  }
}

export function defaultApp(ciIssuer: string): AppConfig {
  return {
    clientId: DEFAULT_CLIENT_ID,
    displayName: 'entra-federate sandbox app',
    federatedCredentials: [
      { name: 'octo-repo-main', issuer: ciIssuer, subject: DEFAULT_SUBJECT, audiences: [TOKEN_EXCHANGE_AUDIENCE] },
    ],
  };
}

/** Reads a JSON config file. Certificate entries that are not PEM are read as paths relative to the file. */
export function loadSandboxConfig(path: string): SandboxConfig {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new Error(`cannot read sandbox config ${path}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    throw new Error(`sandbox config ${path} is not valid JSON: ${(err as Error).message}`);
  }
  if (isObject(raw) && Array.isArray(raw['apps'])) {
    raw['apps'].forEach((app: unknown, i) => {
      if (!isObject(app) || !Array.isArray(app['certificates'])) return;
      app['certificates'] = app['certificates'].map((cert: unknown, j) => {
        if (typeof cert !== 'string' || cert.includes('-----BEGIN')) return cert;
        try {
          return readFileSync(resolve(dirname(path), cert), 'utf8');
        } catch {
          throw new SandboxConfigError(
            `apps[${i}].certificates[${j}]`,
            `is neither PEM nor a readable file: ${cert}`,
            path,
          );
        }
      });
    });
  }
  return validateSandboxConfig(raw, path);
}

export function validateSandboxConfig(value: unknown, source?: string): SandboxConfig {
  const v = new Validator(source);
  const obj = v.object(value, 'config', [
    'tenantId',
    'tenantDomains',
    'apps',
    'issuers',
    'idTokenClaims',
    'idTokenLifetimeSeconds',
    'accessTokenLifetimeSeconds',
    'clockSkewSeconds',
    'faults',
    'subscriptions',
    'resources',
  ]);
  const config: SandboxConfig = {};
  if (obj['tenantId'] !== undefined) config.tenantId = v.guid(obj['tenantId'], 'tenantId');
  if (obj['tenantDomains'] !== undefined) {
    config.tenantDomains = v
      .array(obj['tenantDomains'], 'tenantDomains')
      .map((d, i) => v.domain(d, `tenantDomains[${i}]`));
  }
  if (obj['apps'] !== undefined) {
    config.apps = v.array(obj['apps'], 'apps').map((app, i) => validateApp(app, `apps[${i}]`, v));
    const seen = new Set<string>();
    config.apps.forEach((app, i) => {
      const key = app.clientId.toLowerCase();
      if (seen.has(key)) v.fail(`apps[${i}].clientId`, `repeats ${app.clientId}`);
      seen.add(key);
    });
  }
  if (obj['issuers'] !== undefined) {
    config.issuers = v.array(obj['issuers'], 'issuers').map((iss, i) => validateIssuer(iss, `issuers[${i}]`, v));
  }
  if (obj['idTokenClaims'] !== undefined) config.idTokenClaims = v.object(obj['idTokenClaims'], 'idTokenClaims');
  if (obj['idTokenLifetimeSeconds'] !== undefined) {
    config.idTokenLifetimeSeconds = v.integer(obj['idTokenLifetimeSeconds'], 'idTokenLifetimeSeconds', 1);
  }
  if (obj['accessTokenLifetimeSeconds'] !== undefined) {
    config.accessTokenLifetimeSeconds = v.integer(obj['accessTokenLifetimeSeconds'], 'accessTokenLifetimeSeconds', 1);
  }
  if (obj['clockSkewSeconds'] !== undefined)
    config.clockSkewSeconds = v.integer(obj['clockSkewSeconds'], 'clockSkewSeconds', 0);
  if (obj['faults'] !== undefined) config.faults = validateFaults(obj['faults'], 'faults', v);
  if (obj['subscriptions'] !== undefined) {
    config.subscriptions = v
      .array(obj['subscriptions'], 'subscriptions')
      .map((s, i) => v.guid(s, `subscriptions[${i}]`));
    if (config.subscriptions.length === 0) v.fail('subscriptions', 'must name at least one subscription');
  }
  if (obj['resources'] !== undefined) {
    config.resources = v.array(obj['resources'], 'resources').map((r, i) => v.string(r, `resources[${i}]`));
  }
  return config;
}

export function validateAppConfig(value: unknown, field = 'app'): AppConfig {
  return validateApp(value, field, new Validator());
}

export function validateIssuerConfig(value: unknown, field = 'issuer'): IssuerConfig {
  return validateIssuer(value, field, new Validator());
}

export function validateFaultRules(value: unknown, field = 'faults'): FaultRule[] {
  return validateFaults(value, field, new Validator());
}

export function validateMintOptions(value: unknown, field = 'mint'): MintIdTokenOptions {
  const v = new Validator();
  const obj = v.object(value, field, ['claims', 'audience', 'lifetimeSeconds', 'issuer', 'kid', 'provider']);
  const opts: MintIdTokenOptions = {};
  if (obj['claims'] !== undefined) opts.claims = v.object(obj['claims'], `${field}.claims`);
  if (obj['audience'] !== undefined) opts.audience = v.string(obj['audience'], `${field}.audience`);
  // Negative lifetimes are allowed on purpose: they mint already-expired tokens.
  if (obj['lifetimeSeconds'] !== undefined)
    opts.lifetimeSeconds = v.integer(obj['lifetimeSeconds'], `${field}.lifetimeSeconds`);
  if (obj['issuer'] !== undefined) opts.issuer = v.string(obj['issuer'], `${field}.issuer`);
  if (obj['kid'] !== undefined) opts.kid = v.string(obj['kid'], `${field}.kid`);
  if (obj['provider'] !== undefined) {
    const provider = v.string(obj['provider'], `${field}.provider`);
    if (!(CI_PROVIDERS as readonly string[]).includes(provider))
      v.fail(`${field}.provider`, `must be one of ${CI_PROVIDERS.join(', ')}`);
    opts.provider = provider as (typeof CI_PROVIDERS)[number];
  }
  return opts;
}

/** The body of /_sandbox/access-token: `resource` plus MintAccessTokenOptions. */
export function validateAccessTokenRequest(
  value: unknown,
  field = 'access token request',
): { resource: string; opts: MintAccessTokenOptions } {
  const v = new Validator();
  const obj = v.object(value, field, [
    'resource',
    'principalId',
    'displayName',
    'userPrincipalName',
    'permissions',
    'lifetimeSeconds',
  ]);
  return { resource: v.string(obj['resource'], `${field}.resource`), opts: readAccessTokenOptions(obj, field, v) };
}

export function validateMintAccessTokenOptions(
  value: unknown,
  field = 'mintAccessToken options',
): MintAccessTokenOptions {
  const v = new Validator();
  const obj = v.object(value, field, [
    'principalId',
    'displayName',
    'userPrincipalName',
    'permissions',
    'lifetimeSeconds',
  ]);
  return readAccessTokenOptions(obj, field, v);
}

function readAccessTokenOptions(obj: Record<string, unknown>, field: string, v: Validator): MintAccessTokenOptions {
  const opts: MintAccessTokenOptions = {};
  if (obj['principalId'] !== undefined)
    opts.principalId = v.guid(obj['principalId'], `${field}.principalId`).toLowerCase();
  if (obj['displayName'] !== undefined) opts.displayName = v.string(obj['displayName'], `${field}.displayName`);
  if (obj['userPrincipalName'] !== undefined)
    opts.userPrincipalName = v.string(obj['userPrincipalName'], `${field}.userPrincipalName`);
  if (obj['permissions'] !== undefined)
    opts.permissions = v
      .array(obj['permissions'], `${field}.permissions`)
      .map((p, i) => v.string(p, `${field}.permissions[${i}]`));
  if (obj['lifetimeSeconds'] !== undefined)
    opts.lifetimeSeconds = v.integer(obj['lifetimeSeconds'], `${field}.lifetimeSeconds`);
  return opts;
}

export function validateGrant(value: unknown, field = 'grant'): GrantRoleOptions {
  const v = new Validator();
  const obj = v.object(value, field, ['principalId', 'role', 'scope']);
  return {
    principalId: v.guid(obj['principalId'], `${field}.principalId`).toLowerCase(),
    role: v.string(obj['role'], `${field}.role`),
    scope: v.string(obj['scope'], `${field}.scope`),
  };
}

function validateApp(value: unknown, field: string, v: Validator): AppConfig {
  const obj = v.object(value, field, [
    'clientId',
    'displayName',
    'federatedCredentials',
    'secrets',
    'certificates',
    'identifierUris',
    'graphPermissions',
    'servicePrincipal',
  ]);
  const app: AppConfig = { clientId: v.guid(obj['clientId'], `${field}.clientId`) };
  if (obj['displayName'] !== undefined) app.displayName = v.string(obj['displayName'], `${field}.displayName`);
  if (obj['federatedCredentials'] !== undefined) {
    const fics = v
      .array(obj['federatedCredentials'], `${field}.federatedCredentials`)
      .map((fic, i) => validateFic(fic, `${field}.federatedCredentials[${i}]`, v));
    // Entra's own limits, so a config that works here also fits a real app.
    if (fics.length > 20)
      v.fail(`${field}.federatedCredentials`, 'holds more than 20 entries (Entra allows 20 per app)');
    const pairs = new Set<string>();
    fics.forEach((fic, i) => {
      const key = `${fic.issuer}\n${fic.subject}`;
      if (pairs.has(key))
        v.fail(
          `${field}.federatedCredentials[${i}]`,
          'repeats an issuer and subject pair (Entra requires them unique per app)',
        );
      pairs.add(key);
    });
    app.federatedCredentials = fics;
  }
  if (obj['identifierUris'] !== undefined)
    app.identifierUris = v
      .array(obj['identifierUris'], `${field}.identifierUris`)
      .map((u, i) => v.string(u, `${field}.identifierUris[${i}]`));
  if (obj['graphPermissions'] !== undefined)
    app.graphPermissions = v
      .array(obj['graphPermissions'], `${field}.graphPermissions`)
      .map((p, i) => v.string(p, `${field}.graphPermissions[${i}]`));
  if (obj['servicePrincipal'] !== undefined)
    app.servicePrincipal = v.boolean(obj['servicePrincipal'], `${field}.servicePrincipal`);
  if (obj['secrets'] !== undefined) {
    app.secrets = v.array(obj['secrets'], `${field}.secrets`).map((s, i) => v.string(s, `${field}.secrets[${i}]`));
  }
  if (obj['certificates'] !== undefined) {
    app.certificates = v.array(obj['certificates'], `${field}.certificates`).map((pem, i) => {
      const name = `${field}.certificates[${i}]`;
      const text = v.string(pem, name);
      try {
        new X509Certificate(text);
      } catch {
        v.fail(name, 'is not a PEM certificate');
      }
      return text;
    });
  }
  return app;
}

function validateFic(value: unknown, field: string, v: Validator): FederatedCredentialConfig {
  // `description` is accepted (and ignored) so a FIC copied from Microsoft Graph loads as is.
  const obj = v.object(value, field, ['name', 'issuer', 'subject', 'audiences', 'description']);
  const audiences = v
    .array(obj['audiences'], `${field}.audiences`)
    .map((a, i) => v.string(a, `${field}.audiences[${i}]`));
  if (audiences.length !== 1)
    v.fail(`${field}.audiences`, `must hold exactly one audience (Entra's rule), found ${audiences.length}`);
  const fic: FederatedCredentialConfig = {
    issuer: v.string(obj['issuer'], `${field}.issuer`),
    subject: v.string(obj['subject'], `${field}.subject`),
    audiences,
  };
  if (obj['name'] !== undefined) fic.name = v.string(obj['name'], `${field}.name`);
  return fic;
}

function validateIssuer(value: unknown, field: string, v: Validator): IssuerConfig {
  const obj = v.object(value, field, ['issuer', 'jwksUri']);
  const issuer: IssuerConfig = { issuer: v.string(obj['issuer'], `${field}.issuer`) };
  if (obj['jwksUri'] !== undefined) {
    const uri = v.string(obj['jwksUri'], `${field}.jwksUri`);
    if (!/^(https?:\/\/|\{origin\}\/)/.test(uri))
      v.fail(`${field}.jwksUri`, 'must be an http(s) URL (or start with {origin}/)');
    issuer.jwksUri = uri;
  }
  return issuer;
}

function validateFaults(value: unknown, field: string, v: Validator): FaultRule[] {
  return v.array(value, field).map((item, i) => {
    const name = `${field}[${i}]`;
    const obj = v.object(item, name, [
      'target',
      'times',
      'status',
      'retryAfter',
      'body',
      'contentType',
      'delayMs',
      'drop',
      'truncate',
    ]);
    const target = v.string(obj['target'], `${name}.target`);
    if (!(FAULT_TARGETS as readonly string[]).includes(target)) {
      v.fail(`${name}.target`, `must be one of ${FAULT_TARGETS.join(', ')}`);
    }
    const rule: FaultRule = { target: target as FaultTarget };
    if (obj['times'] !== undefined) rule.times = v.integer(obj['times'], `${name}.times`, 0);
    if (obj['status'] !== undefined) rule.status = v.integer(obj['status'], `${name}.status`, 100, 599);
    if (obj['retryAfter'] !== undefined) rule.retryAfter = v.headerValue(obj['retryAfter'], `${name}.retryAfter`);
    if (obj['body'] !== undefined) rule.body = v.string(obj['body'], `${name}.body`, true);
    if (obj['contentType'] !== undefined) rule.contentType = v.headerValue(obj['contentType'], `${name}.contentType`);
    if (obj['delayMs'] !== undefined) rule.delayMs = v.integer(obj['delayMs'], `${name}.delayMs`, 0, 600_000);
    if (obj['drop'] !== undefined) rule.drop = v.boolean(obj['drop'], `${name}.drop`);
    if (obj['truncate'] !== undefined) rule.truncate = v.boolean(obj['truncate'], `${name}.truncate`);
    return rule;
  });
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DOMAIN = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i;

export function isGuid(value: string): boolean {
  return GUID.test(value);
}

export function isDomainName(value: string): boolean {
  return DOMAIN.test(value);
}

class Validator {
  constructor(private readonly source?: string) {}

  fail(field: string, problem: string): never {
    throw new SandboxConfigError(field, problem, this.source);
  }

  object(value: unknown, field: string, allowed?: string[]): Record<string, unknown> {
    if (!isObject(value)) this.fail(field, 'must be a JSON object');
    if (allowed) {
      for (const key of Object.keys(value)) {
        // Unknown keys are usually typos ("retry_after"); say so rather than ignore them.
        if (!allowed.includes(key))
          this.fail(`${field}.${key}`, `is not a known field (expected one of ${allowed.join(', ')})`);
      }
    }
    return value;
  }

  array(value: unknown, field: string): unknown[] {
    if (!Array.isArray(value)) this.fail(field, 'must be an array');
    return value;
  }

  string(value: unknown, field: string, allowEmpty = false): string {
    if (typeof value !== 'string' || (!allowEmpty && value.length === 0))
      this.fail(field, 'must be a non-empty string');
    return value;
  }

  headerValue(value: unknown, field: string): string {
    const text = this.string(value, field);
    if (/[\r\n\0]/.test(text)) this.fail(field, 'must not contain line breaks');
    return text;
  }

  guid(value: unknown, field: string): string {
    const text = this.string(value, field);
    if (!isGuid(text)) this.fail(field, `must be a GUID, got '${text}'`);
    return text;
  }

  domain(value: unknown, field: string): string {
    const text = this.string(value, field);
    if (!isDomainName(text)) this.fail(field, `must be a DNS domain name, got '${text}'`);
    return text;
  }

  integer(value: unknown, field: string, min = Number.MIN_SAFE_INTEGER, max = Number.MAX_SAFE_INTEGER): number {
    if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
      const range =
        min === Number.MIN_SAFE_INTEGER ? '' : max === Number.MAX_SAFE_INTEGER ? ` >= ${min}` : ` in ${min}..${max}`;
      this.fail(field, `must be an integer${range}`);
    }
    return value;
  }

  boolean(value: unknown, field: string): boolean {
    if (typeof value !== 'boolean') this.fail(field, 'must be true or false');
    return value;
  }
}
