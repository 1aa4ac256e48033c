/**
 * Turns what the user typed (flags, inputs, variables: all strings) into validated federation
 * options. Everything here runs before any request, so a bad value never reaches the network.
 */
import { usageError } from './errors.js';
import type { UsageErrorCode } from './errors.js';
import { hasControlCharacter, isGuid } from './text.js';

export type CloudName = 'AzureCloud' | 'AzureUSGovernment' | 'AzureChinaCloud';

interface CloudInfo {
  authorityHost: string;
  audience: string;
}

export const CLOUDS: Readonly<Record<CloudName, CloudInfo>> = {
  AzureCloud: { authorityHost: 'https://login.microsoftonline.com', audience: 'api://AzureADTokenExchange' },
  AzureUSGovernment: { authorityHost: 'https://login.microsoftonline.us', audience: 'api://AzureADTokenExchangeUSGov' },
  AzureChinaCloud: { authorityHost: 'https://login.chinacloudapi.cn', audience: 'api://AzureADTokenExchangeChina' },
};

export const DEFAULT_SCOPE = 'https://management.azure.com/.default';
export const DEFAULT_TIMEOUT_SECONDS = 60;

export interface FederationInput {
  tenantId?: string | undefined;
  clientId?: string | undefined;
  scopes?: readonly string[] | undefined;
  cloud?: string | undefined;
  authorityHost?: string | undefined;
  audience?: string | undefined;
  timeoutSeconds?: string | number | undefined;
}

export interface ScopeSpec {
  /** The scope sent to Entra. */
  scope: string;
  /** What the user gave, when `/.default` had to be appended to it. */
  appendedFrom?: string;
}

export interface FederationOptions {
  tenantId: string;
  clientId: string;
  scopes: ScopeSpec[];
  cloud: CloudName;
  /** Origin (and optional path prefix) without a trailing slash. */
  authorityHost: string;
  audience: string;
  tokenEndpoint: string;
  timeoutMs: number;
}

const DOMAIN = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,62}$/i;
const LOOPBACK_HOSTS = new Set(['localhost', '[::1]']);

/** Shows a user's value in a message without letting it break the line it sits on. */
export function quote(value: string): string {
  const shown = value.length > 80 ? `${value.slice(0, 77)}...` : value;
  return JSON.stringify(shown);
}

export function validateClientId(raw: string | undefined): string {
  const value = raw?.trim() ?? '';
  if (value === '') {
    throw usageError(
      'MISSING_CLIENT_ID',
      'No client id given.',
      'Pass --client-id (or set AZURE_CLIENT_ID) to the application (client) id GUID of the app registration or managed identity.',
      'client-id',
    );
  }
  if (!isGuid(value)) {
    throw usageError(
      'INVALID_CLIENT_ID',
      `The client id ${quote(value)} is not a GUID.`,
      'Use the "Application (client) ID" from the app registration overview, e.g. 00000000-0000-0000-0000-000000000000.',
      'client-id',
    );
  }
  return value.toLowerCase();
}

export function validateTenantId(raw: string | undefined): string {
  const value = raw?.trim() ?? '';
  if (value === '') {
    throw usageError(
      'MISSING_TENANT_ID',
      'No tenant id given.',
      'Pass --tenant-id (or set AZURE_TENANT_ID) to the directory (tenant) id GUID or a verified domain such as contoso.onmicrosoft.com.',
      'tenant-id',
    );
  }
  if (['common', 'organizations', 'consumers'].includes(value.toLowerCase())) {
    throw usageError(
      'INVALID_TENANT_ID',
      `The tenant ${quote(value)} is a multi-tenant alias; client credentials need one tenant (AADSTS9001023).`,
      'Use the directory (tenant) id GUID of the tenant that holds the app registration.',
      'tenant-id',
    );
  }
  if (isGuid(value)) return value.toLowerCase();
  if (DOMAIN.test(value)) return value.toLowerCase();
  throw usageError(
    'INVALID_TENANT_ID',
    `The tenant ${quote(value)} is neither a GUID nor a domain name.`,
    'Use the directory (tenant) id GUID, or a verified domain such as contoso.onmicrosoft.com.',
    'tenant-id',
  );
}

export function validateCloud(raw: string | undefined): CloudName {
  const value = raw?.trim() ?? '';
  if (value === '') return 'AzureCloud';
  const found = (Object.keys(CLOUDS) as CloudName[]).find((name) => name.toLowerCase() === value.toLowerCase());
  if (found === undefined) {
    throw usageError(
      'INVALID_CLOUD',
      `Unknown cloud ${quote(value)}.`,
      `Use one of ${Object.keys(CLOUDS).join(', ')}; for anything else pass --authority-host.`,
      'cloud',
    );
  }
  return found;
}

/** 127.0.0.0/8, localhost, [::1] (hostname without port). */
export function isLoopbackHost(hostname: string): boolean {
  if (LOOPBACK_HOSTS.has(hostname.toLowerCase())) return true;
  return /^127(?:\.(?:25[0-5]|2[0-4]\d|1?\d?\d)){3}$/.test(hostname);
}

/**
 * https only, except plain http to a loopback host (the sandbox). A token request to any
 * other plain-http host would send the CI token in the clear, so it is refused up front.
 */
export function validateAuthorityHost(raw: string): string {
  const value = raw.trim();
  // The URL parser silently drops tabs and newlines; a value holding them was not meant as is.
  if (hasControlCharacter(value)) {
    throw usageError(
      'INVALID_AUTHORITY_HOST',
      `The authority host ${quote(value)} contains control characters.`,
      'Pass an https URL such as https://login.microsoftonline.com.',
      'authority-host',
    );
  }
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw usageError(
      'INVALID_AUTHORITY_HOST',
      `The authority host ${quote(value)} is not a URL.`,
      'Pass an https URL such as https://login.microsoftonline.com, or use --cloud.',
      'authority-host',
    );
  }
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) {
    throw usageError(
      'INSECURE_AUTHORITY_HOST',
      `The authority host ${quote(value)} uses plain http.`,
      'Use https; plain http is allowed only to a loopback host (127.0.0.1, localhost, [::1]) such as the sandbox.',
      'authority-host',
    );
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw usageError(
      'INVALID_AUTHORITY_HOST',
      `The authority host ${quote(value)} is not an https URL.`,
      'Pass an https URL such as https://login.microsoftonline.com.',
      'authority-host',
    );
  }
  if (url.username !== '' || url.password !== '' || url.search !== '' || url.hash !== '') {
    throw usageError(
      'INVALID_AUTHORITY_HOST',
      'The authority host must not contain credentials, a query or a fragment.',
      'Pass only scheme, host and port, e.g. https://login.microsoftonline.us.',
      'authority-host',
    );
  }
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}

/** OpenID Connect scopes: for sign-ins of users, never part of a client-credentials request. */
const OIDC_SCOPES = new Set(['openid', 'profile', 'email', 'offline_access']);
/** Graph-style permission names (User.Read, Directory.Read.All) and the usual delegated ones. */
const PERMISSION_NAME = /^(?:[A-Z][A-Za-z0-9]*(?:\.[A-Z][A-Za-z0-9]*)+|user_impersonation|access_as_user)$/;

/**
 * The permission a scope names instead of `.default` (`https://graph.microsoft.com/User.Read`),
 * with the resource it belongs to; undefined for a resource or `<resource>/.default`.
 */
function namedPermission(value: string): { permission: string; resource?: string } | undefined {
  if (OIDC_SCOPES.has(value.toLowerCase())) return { permission: value };
  const base = value.endsWith('/.default') ? value.slice(0, -'/.default'.length) : value;
  const at = base.lastIndexOf('/');
  // In a URI the permission is a path segment: `https://vault.azure.net` names only a host.
  const scheme = base.indexOf('://');
  const hostEnd = scheme < 0 ? 0 : base.indexOf('/', scheme + 3);
  if (at < 0 || hostEnd < 0 || at < hostEnd) return undefined;
  const last = base.slice(at + 1);
  return PERMISSION_NAME.test(last) ? { permission: last, resource: base.slice(0, at) } : undefined;
}

/**
 * A service base URL given on the command line (Microsoft Graph, Azure Resource Manager, a CI
 * issuer) under the authority host's rule: https, or plain http only to a loopback host, with
 * no credentials, query or fragment. Returns it without a trailing slash.
 */
/** The codes of each service URL flag: not a usable URL, and plain http off loopback. */
const SERVICE_URL_CODES = {
  'graph-endpoint': { invalid: { code: 'INVALID_GRAPH_ENDPOINT' }, insecure: { code: 'INSECURE_GRAPH_ENDPOINT' } },
  'arm-endpoint': { invalid: { code: 'INVALID_ARM_ENDPOINT' }, insecure: { code: 'INSECURE_ARM_ENDPOINT' } },
  issuer: { invalid: { code: 'INVALID_ISSUER' }, insecure: { code: 'INSECURE_ISSUER' } },
  server: { invalid: { code: 'INVALID_SERVER' }, insecure: { code: 'INSECURE_SERVER' } },
} as const satisfies Record<string, Record<'invalid' | 'insecure', { code: UsageErrorCode }>>;

export function validateServiceUrl(
  raw: string,
  field: keyof typeof SERVICE_URL_CODES,
  what: string,
  example: string,
): string {
  const value = raw.trim();
  const refuse = (code: UsageErrorCode, message: string, remedy: string) => usageError(code, message, remedy, field);
  const { code } = SERVICE_URL_CODES[field].invalid;
  const insecure = SERVICE_URL_CODES[field].insecure.code;
  if (value === '' || hasControlCharacter(value))
    throw refuse(
      code,
      `The ${what} ${quote(value)} is empty or contains control characters.`,
      `Pass an https URL such as ${example}.`,
    );
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw refuse(code, `The ${what} ${quote(value)} is not a URL.`, `Pass an https URL such as ${example}.`);
  }
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname))
    throw refuse(
      insecure,
      `The ${what} ${quote(value)} uses plain http.`,
      'Use https; plain http is allowed only to a loopback host (127.0.0.1, localhost, [::1]) such as the sandbox.',
    );
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw refuse(code, `The ${what} ${quote(value)} is not an https URL.`, `Pass an https URL such as ${example}.`);
  if (url.username !== '' || url.password !== '' || url.search !== '' || url.hash !== '')
    throw refuse(
      code,
      `The ${what} must not contain credentials, a query or a fragment.`,
      `Pass only scheme, host, port and path, e.g. ${example}.`,
    );
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}

export function normalizeScopes(raw: readonly string[] | undefined): ScopeSpec[] {
  const values = (raw ?? []).map((s) => s.trim());
  if (values.length === 0) return [{ scope: DEFAULT_SCOPE }];
  const seen = new Set<string>();
  const out: ScopeSpec[] = [];
  for (const value of values) {
    if (value === '') {
      // An empty --scope is a variable that was not set: falling back to the default would
      // quietly ask for another resource than the one meant.
      throw usageError(
        'INVALID_SCOPE',
        'A scope is empty.',
        `Give each scope as <resource>/.default, e.g. --scope ${DEFAULT_SCOPE}; leave --scope out for that default.`,
        'scope',
      );
    }
    if (hasControlCharacter(value) || /\s/.test(value)) {
      throw usageError(
        'INVALID_SCOPE',
        `The scope ${quote(value)} contains white space or control characters.`,
        'Give one resource per scope, e.g. --scope https://vault.azure.net/.default --scope https://storage.azure.com/.default.',
        'scope',
      );
    }
    if (!/^[\x21-\x7e]+$/.test(value)) {
      throw usageError(
        'INVALID_SCOPE',
        `The scope ${quote(value)} contains characters outside ASCII.`,
        'Scopes are resource URIs such as https://vault.azure.net/.default; percent-encode anything else.',
        'scope',
      );
    }
    if (value.length > 1024) {
      throw usageError(
        'INVALID_SCOPE',
        'A scope is longer than 1024 characters.',
        'Give a resource URI such as https://management.azure.com/.default.',
        'scope',
      );
    }
    const named = namedPermission(value);
    if (named !== undefined) {
      const suggestion = named.resource === undefined ? DEFAULT_SCOPE : `${named.resource}/.default`;
      throw usageError(
        'INVALID_SCOPE',
        `The scope ${quote(value)} names the permission ${quote(named.permission)}: a client-credentials request takes only <resource>/.default.`,
        `Request <resource>/.default (here ${suggestion}); what the token may do comes from the application permissions (app roles) granted to the app registration.`,
        'scope',
      );
    }
    let spec: ScopeSpec;
    if (value.endsWith('/.default')) {
      spec = { scope: value };
    } else {
      // Azure CLI's resource-to-scope rule: https://management.azure.com/ -> .../.default
      spec = { scope: `${value.endsWith('/') ? value : `${value}/`}.default`, appendedFrom: value };
    }
    if (spec.scope === '/.default') {
      throw usageError(
        'INVALID_SCOPE',
        `The scope ${quote(value)} names no resource.`,
        'Give a resource URI such as https://management.azure.com/.default.',
        'scope',
      );
    }
    if (seen.has(spec.scope)) continue;
    seen.add(spec.scope);
    out.push(spec);
  }
  return out;
}

export function validateAudience(raw: string | undefined, cloud: CloudName): string {
  if (raw === undefined || raw.trim() === '') return CLOUDS[cloud].audience;
  const value = raw.trim();
  if (hasControlCharacter(value) || value.length > 600) {
    throw usageError(
      'INVALID_AUDIENCE',
      `The audience ${quote(value)} has control characters or is longer than 600 characters.`,
      'Use the audience that the federated credential holds, e.g. api://AzureADTokenExchange.',
      'audience',
    );
  }
  return value;
}

export function validateTimeout(raw: string | number | undefined): number {
  if (raw === undefined || raw === '') return DEFAULT_TIMEOUT_SECONDS * 1000;
  const seconds = typeof raw === 'number' ? raw : Number(raw.trim());
  if (!Number.isFinite(seconds) || seconds <= 0 || seconds > 3600) {
    throw usageError(
      'INVALID_TIMEOUT',
      `The timeout ${quote(String(raw))} is not a number of seconds greater than 0 and at most 3600.`,
      'Pass --timeout as seconds, e.g. --timeout 30.',
      'timeout',
    );
  }
  return Math.round(seconds * 1000);
}

/**
 * `managedIdentity`: the machine's identity signs in, so the client id (a user-assigned
 * identity) and the tenant are optional: absent, they are '' until the first token says.
 */
export function resolveOptions(input: FederationInput, mode: { managedIdentity?: boolean } = {}): FederationOptions {
  const blank = (v: string | undefined): boolean => v === undefined || v.trim() === '';
  const clientId = mode.managedIdentity === true && blank(input.clientId) ? '' : validateClientId(input.clientId);
  const tenantId = mode.managedIdentity === true && blank(input.tenantId) ? '' : validateTenantId(input.tenantId);
  const cloud = validateCloud(input.cloud);
  const authorityHost =
    input.authorityHost === undefined || input.authorityHost.trim() === ''
      ? CLOUDS[cloud].authorityHost
      : validateAuthorityHost(input.authorityHost);
  const scopes = normalizeScopes(input.scopes);
  const audience = validateAudience(input.audience, cloud);
  const timeoutMs = validateTimeout(input.timeoutSeconds);
  return {
    tenantId,
    clientId,
    scopes,
    cloud,
    authorityHost,
    audience,
    tokenEndpoint: `${authorityHost}/${encodeURIComponent(tenantId)}/oauth2/v2.0/token`,
    timeoutMs,
  };
}

/** Splits an input that may hold several values separated by newlines or commas. */
export function splitList(raw: string | undefined): string[] {
  if (raw === undefined) return [];
  return raw
    .split(/[\n,]/)
    .map((s) => s.trim())
    .filter((s) => s !== '');
}
