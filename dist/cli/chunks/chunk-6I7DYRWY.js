import {
  FederationError,
  usageError
} from "./chunk-H7K5LTQY.js";
import {
  hasControlCharacter,
  isGuid
} from "./chunk-3XWB6HIK.js";

// src/core/options.ts
var CLOUDS = {
  AzureCloud: { authorityHost: "https://login.microsoftonline.com", audience: "api://AzureADTokenExchange" },
  AzureUSGovernment: { authorityHost: "https://login.microsoftonline.us", audience: "api://AzureADTokenExchangeUSGov" },
  AzureChinaCloud: { authorityHost: "https://login.chinacloudapi.cn", audience: "api://AzureADTokenExchangeChina" }
};
var DEFAULT_SCOPE = "https://management.azure.com/.default";
var DEFAULT_TIMEOUT_SECONDS = 60;
var DOMAIN = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,62}$/i;
var LOOPBACK_HOSTS = /* @__PURE__ */ new Set(["localhost", "[::1]"]);
function quote(value) {
  const shown = value.length > 80 ? `${value.slice(0, 77)}...` : value;
  return JSON.stringify(shown);
}
function validateClientId(raw) {
  const value = raw?.trim() ?? "";
  if (value === "") {
    throw usageError(
      "MISSING_CLIENT_ID",
      "No client id given.",
      "Pass --client-id (or set AZURE_CLIENT_ID) to the application (client) id GUID of the app registration or managed identity.",
      "client-id"
    );
  }
  if (!isGuid(value)) {
    throw usageError(
      "INVALID_CLIENT_ID",
      `The client id ${quote(value)} is not a GUID.`,
      'Use the "Application (client) ID" from the app registration overview, e.g. 00000000-0000-0000-0000-000000000000.',
      "client-id"
    );
  }
  return value.toLowerCase();
}
function validateTenantId(raw) {
  const value = raw?.trim() ?? "";
  if (value === "") {
    throw usageError(
      "MISSING_TENANT_ID",
      "No tenant id given.",
      "Pass --tenant-id (or set AZURE_TENANT_ID) to the directory (tenant) id GUID or a verified domain such as contoso.onmicrosoft.com.",
      "tenant-id"
    );
  }
  if (["common", "organizations", "consumers"].includes(value.toLowerCase())) {
    throw usageError(
      "INVALID_TENANT_ID",
      `The tenant ${quote(value)} is a multi-tenant alias; client credentials need one tenant (AADSTS9001023).`,
      "Use the directory (tenant) id GUID of the tenant that holds the app registration.",
      "tenant-id"
    );
  }
  if (isGuid(value)) return value.toLowerCase();
  if (DOMAIN.test(value)) return value.toLowerCase();
  throw usageError(
    "INVALID_TENANT_ID",
    `The tenant ${quote(value)} is neither a GUID nor a domain name.`,
    "Use the directory (tenant) id GUID, or a verified domain such as contoso.onmicrosoft.com.",
    "tenant-id"
  );
}
function validateCloud(raw) {
  const value = raw?.trim() ?? "";
  if (value === "") return "AzureCloud";
  const found = Object.keys(CLOUDS).find((name) => name.toLowerCase() === value.toLowerCase());
  if (found === void 0) {
    throw usageError(
      "INVALID_CLOUD",
      `Unknown cloud ${quote(value)}.`,
      `Use one of ${Object.keys(CLOUDS).join(", ")}; for anything else pass --authority-host.`,
      "cloud"
    );
  }
  return found;
}
function isLoopbackHost(hostname) {
  if (LOOPBACK_HOSTS.has(hostname.toLowerCase())) return true;
  return /^127(?:\.(?:25[0-5]|2[0-4]\d|1?\d?\d)){3}$/.test(hostname);
}
function validateAuthorityHost(raw) {
  const value = raw.trim();
  if (hasControlCharacter(value)) {
    throw usageError(
      "INVALID_AUTHORITY_HOST",
      `The authority host ${quote(value)} contains control characters.`,
      "Pass an https URL such as https://login.microsoftonline.com.",
      "authority-host"
    );
  }
  let url;
  try {
    url = new URL(value);
  } catch {
    throw usageError(
      "INVALID_AUTHORITY_HOST",
      `The authority host ${quote(value)} is not a URL.`,
      "Pass an https URL such as https://login.microsoftonline.com, or use --cloud.",
      "authority-host"
    );
  }
  if (url.protocol === "http:" && !isLoopbackHost(url.hostname)) {
    throw usageError(
      "INSECURE_AUTHORITY_HOST",
      `The authority host ${quote(value)} uses plain http.`,
      "Use https; plain http is allowed only to a loopback host (127.0.0.1, localhost, [::1]) such as the sandbox.",
      "authority-host"
    );
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    throw usageError(
      "INVALID_AUTHORITY_HOST",
      `The authority host ${quote(value)} is not an https URL.`,
      "Pass an https URL such as https://login.microsoftonline.com.",
      "authority-host"
    );
  }
  if (url.username !== "" || url.password !== "" || url.search !== "" || url.hash !== "") {
    throw usageError(
      "INVALID_AUTHORITY_HOST",
      "The authority host must not contain credentials, a query or a fragment.",
      "Pass only scheme, host and port, e.g. https://login.microsoftonline.us.",
      "authority-host"
    );
  }
  return `${url.origin}${url.pathname.replace(/\/+$/, "")}`;
}
var OIDC_SCOPES = /* @__PURE__ */ new Set(["openid", "profile", "email", "offline_access"]);
var PERMISSION_NAME = /^(?:[A-Z][A-Za-z0-9]*(?:\.[A-Z][A-Za-z0-9]*)+|user_impersonation|access_as_user)$/;
function namedPermission(value) {
  if (OIDC_SCOPES.has(value.toLowerCase())) return { permission: value };
  const base = value.endsWith("/.default") ? value.slice(0, -"/.default".length) : value;
  const at = base.lastIndexOf("/");
  const scheme = base.indexOf("://");
  const hostEnd = scheme < 0 ? 0 : base.indexOf("/", scheme + 3);
  if (at < 0 || hostEnd < 0 || at < hostEnd) return void 0;
  const last = base.slice(at + 1);
  return PERMISSION_NAME.test(last) ? { permission: last, resource: base.slice(0, at) } : void 0;
}
var SERVICE_URL_CODES = {
  "graph-endpoint": { invalid: { code: "INVALID_GRAPH_ENDPOINT" }, insecure: { code: "INSECURE_GRAPH_ENDPOINT" } },
  "arm-endpoint": { invalid: { code: "INVALID_ARM_ENDPOINT" }, insecure: { code: "INSECURE_ARM_ENDPOINT" } },
  issuer: { invalid: { code: "INVALID_ISSUER" }, insecure: { code: "INSECURE_ISSUER" } },
  server: { invalid: { code: "INVALID_SERVER" }, insecure: { code: "INSECURE_SERVER" } }
};
function validateServiceUrl(raw, field, what, example) {
  const value = raw.trim();
  const refuse = (code2, message, remedy) => usageError(code2, message, remedy, field);
  const { code } = SERVICE_URL_CODES[field].invalid;
  const insecure = SERVICE_URL_CODES[field].insecure.code;
  if (value === "" || hasControlCharacter(value))
    throw refuse(
      code,
      `The ${what} ${quote(value)} is empty or contains control characters.`,
      `Pass an https URL such as ${example}.`
    );
  let url;
  try {
    url = new URL(value);
  } catch {
    throw refuse(code, `The ${what} ${quote(value)} is not a URL.`, `Pass an https URL such as ${example}.`);
  }
  if (url.protocol === "http:" && !isLoopbackHost(url.hostname))
    throw refuse(
      insecure,
      `The ${what} ${quote(value)} uses plain http.`,
      "Use https; plain http is allowed only to a loopback host (127.0.0.1, localhost, [::1]) such as the sandbox."
    );
  if (url.protocol !== "https:" && url.protocol !== "http:")
    throw refuse(code, `The ${what} ${quote(value)} is not an https URL.`, `Pass an https URL such as ${example}.`);
  if (url.username !== "" || url.password !== "" || url.search !== "" || url.hash !== "")
    throw refuse(
      code,
      `The ${what} must not contain credentials, a query or a fragment.`,
      `Pass only scheme, host, port and path, e.g. ${example}.`
    );
  return `${url.origin}${url.pathname.replace(/\/+$/, "")}`;
}
function normalizeScopes(raw) {
  const values = (raw ?? []).map((s) => s.trim());
  if (values.length === 0) return [{ scope: DEFAULT_SCOPE }];
  const seen = /* @__PURE__ */ new Set();
  const out = [];
  for (const value of values) {
    if (value === "") {
      throw usageError(
        "INVALID_SCOPE",
        "A scope is empty.",
        `Give each scope as <resource>/.default, e.g. --scope ${DEFAULT_SCOPE}; leave --scope out for that default.`,
        "scope"
      );
    }
    if (hasControlCharacter(value) || /\s/.test(value)) {
      throw usageError(
        "INVALID_SCOPE",
        `The scope ${quote(value)} contains white space or control characters.`,
        "Give one resource per scope, e.g. --scope https://vault.azure.net/.default --scope https://storage.azure.com/.default.",
        "scope"
      );
    }
    if (!/^[\x21-\x7e]+$/.test(value)) {
      throw usageError(
        "INVALID_SCOPE",
        `The scope ${quote(value)} contains characters outside ASCII.`,
        "Scopes are resource URIs such as https://vault.azure.net/.default; percent-encode anything else.",
        "scope"
      );
    }
    if (value.length > 1024) {
      throw usageError(
        "INVALID_SCOPE",
        "A scope is longer than 1024 characters.",
        "Give a resource URI such as https://management.azure.com/.default.",
        "scope"
      );
    }
    const named = namedPermission(value);
    if (named !== void 0) {
      const suggestion = named.resource === void 0 ? DEFAULT_SCOPE : `${named.resource}/.default`;
      throw usageError(
        "INVALID_SCOPE",
        `The scope ${quote(value)} names the permission ${quote(named.permission)}: a client-credentials request takes only <resource>/.default.`,
        `Request <resource>/.default (here ${suggestion}); what the token may do comes from the application permissions (app roles) granted to the app registration.`,
        "scope"
      );
    }
    let spec;
    if (value.endsWith("/.default")) {
      spec = { scope: value };
    } else {
      spec = { scope: `${value.endsWith("/") ? value : `${value}/`}.default`, appendedFrom: value };
    }
    if (spec.scope === "/.default") {
      throw usageError(
        "INVALID_SCOPE",
        `The scope ${quote(value)} names no resource.`,
        "Give a resource URI such as https://management.azure.com/.default.",
        "scope"
      );
    }
    if (seen.has(spec.scope)) continue;
    seen.add(spec.scope);
    out.push(spec);
  }
  return out;
}
function validateAudience(raw, cloud) {
  if (raw === void 0 || raw.trim() === "") return CLOUDS[cloud].audience;
  const value = raw.trim();
  if (hasControlCharacter(value) || value.length > 600) {
    throw usageError(
      "INVALID_AUDIENCE",
      `The audience ${quote(value)} has control characters or is longer than 600 characters.`,
      "Use the audience that the federated credential holds, e.g. api://AzureADTokenExchange.",
      "audience"
    );
  }
  return value;
}
function validateTimeout(raw) {
  if (raw === void 0 || raw === "") return DEFAULT_TIMEOUT_SECONDS * 1e3;
  const seconds = typeof raw === "number" ? raw : Number(raw.trim());
  if (!Number.isFinite(seconds) || seconds <= 0 || seconds > 3600) {
    throw usageError(
      "INVALID_TIMEOUT",
      `The timeout ${quote(String(raw))} is not a number of seconds greater than 0 and at most 3600.`,
      "Pass --timeout as seconds, e.g. --timeout 30.",
      "timeout"
    );
  }
  return Math.round(seconds * 1e3);
}
function resolveOptions(input, mode = {}) {
  const blank = (v) => v === void 0 || v.trim() === "";
  const clientId = mode.managedIdentity === true && blank(input.clientId) ? "" : validateClientId(input.clientId);
  const tenantId = mode.managedIdentity === true && blank(input.tenantId) ? "" : validateTenantId(input.tenantId);
  const cloud = validateCloud(input.cloud);
  const authorityHost = input.authorityHost === void 0 || input.authorityHost.trim() === "" ? CLOUDS[cloud].authorityHost : validateAuthorityHost(input.authorityHost);
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
    timeoutMs
  };
}

// src/core/jwt.ts
var MAX_JWT_LENGTH = 64 * 1024;
function decodePart(part, which, source) {
  let parsed;
  try {
    parsed = JSON.parse(Buffer.from(part, "base64url").toString("utf8"));
  } catch {
    throw malformed(`its ${which} is not base64url-encoded JSON`, source);
  }
  if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed))
    throw malformed(`its ${which} is not a JSON object`, source);
  return parsed;
}
function malformed(why, source) {
  return new FederationError("MALFORMED_ID_TOKEN", `The CI token from ${source} is not a JWT: ${why}.`, {
    remedy: "Pass the raw OIDC ID token (three base64url parts separated by dots), not a file path, a JSON wrapper or quotes.",
    usage: true
  });
}
function decodeJwt(token, source = "the given source") {
  if (token.length > MAX_JWT_LENGTH) throw malformed(`it is longer than ${MAX_JWT_LENGTH} characters`, source);
  const parts = token.split(".");
  if (parts.length !== 3 || parts.some((p) => !/^[A-Za-z0-9_-]*$/.test(p)) || parts[0] === "" || parts[1] === "") {
    throw malformed("it does not have three base64url parts", source);
  }
  return {
    header: decodePart(parts[0] ?? "", "header", source),
    claims: decodePart(parts[1] ?? "", "payload", source)
  };
}
function stringClaim(claims, name) {
  const value = claims[name];
  return typeof value === "string" ? value : void 0;
}
function audienceClaim(claims) {
  const aud = claims["aud"];
  if (typeof aud === "string") return aud;
  if (Array.isArray(aud) && aud.every((a) => typeof a === "string")) return aud;
  return void 0;
}
var MAX_DATE_SECONDS = 864e10;
function numericClaim(claims, name) {
  const value = claims[name];
  return typeof value === "number" && Math.abs(value) <= MAX_DATE_SECONDS ? value : void 0;
}

export {
  CLOUDS,
  quote,
  validateClientId,
  validateTenantId,
  validateCloud,
  isLoopbackHost,
  validateAuthorityHost,
  validateServiceUrl,
  normalizeScopes,
  validateAudience,
  validateTimeout,
  resolveOptions,
  MAX_JWT_LENGTH,
  decodeJwt,
  stringClaim,
  audienceClaim,
  numericClaim
};
