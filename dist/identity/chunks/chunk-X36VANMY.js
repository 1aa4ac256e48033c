// src/policy/load.ts
import { readFile } from "node:fs/promises";
import { basename, extname } from "node:path";

// src/core/errors.ts
var FederationError = class _FederationError extends Error {
  name = "FederationError";
  code;
  remedy;
  /** The user's input or environment is wrong: exit 2, and nothing was sent. */
  usage;
  aadsts;
  oauthError;
  traceId;
  correlationId;
  timestamp;
  status;
  field;
  expected;
  actual;
  scope;
  presented;
  claims;
  request;
  constructor(code, message, details) {
    super(message, details.cause === void 0 ? void 0 : { cause: details.cause });
    this.code = code;
    this.remedy = details.remedy;
    this.usage = details.usage === true;
    const optional = [
      "aadsts",
      "oauthError",
      "traceId",
      "correlationId",
      "timestamp",
      "status",
      "field",
      "expected",
      "actual",
      "presented",
      "claims",
      "request",
      "scope"
    ];
    for (const key of optional) {
      const value = details[key];
      if (value !== void 0) Object.assign(this, { [key]: value });
    }
  }
  /**
   * The same error told again: in other words (a plugin names settings where the CLI names
   * flags), or as another process reported it. Its code and usage were checked when it was made.
   */
  static restate(original, message, details) {
    const make = _FederationError;
    return new make(original.code, message, { ...details, usage: original.usage });
  }
  /** A plain object for `--json` output and audit records. */
  toJSON() {
    const out = { code: this.code, message: this.message, remedy: this.remedy };
    for (const key of [
      "aadsts",
      "oauthError",
      "traceId",
      "correlationId",
      "timestamp",
      "status",
      "field",
      "expected",
      "actual",
      "presented",
      "scope"
    ]) {
      if (this[key] !== void 0) out[key] = this[key];
    }
    return out;
  }
};
function usageError(code, message, remedy, field) {
  return new FederationError(code, message, { remedy, usage: true, ...field === void 0 ? {} : { field } });
}

// src/core/text.ts
var GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
function isGuid(value) {
  return GUID.test(value);
}
var CONTROL = /[\u0000-\u001f\u007f]/;
var CONTROL_EACH = /[\u0000-\u001f\u007f]/g;
var CONTROL_RUNS = /[\u0000-\u001f\u007f]+/g;
function hasControlCharacter(value) {
  return CONTROL.test(value);
}
function replaceControlCharacters(value, by) {
  return value.replace(CONTROL_EACH, by);
}
function collapseControlCharacters(value, by) {
  return value.replace(CONTROL_RUNS, by);
}
function isoTime(epochMs) {
  return new Date(epochMs).toISOString().replace(/\.\d{3}Z$/, "Z");
}
var UNSAFE_IN_LINE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;
var UNSAFE_IN_LINE_EACH = /[\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
var LONGEST_SHOWN_CLAIM = 200;
function needsEscaping(value) {
  return UNSAFE_IN_LINE.test(value);
}
function showClaim(value, quote2 = "always") {
  let text;
  if (value === void 0) text = "(missing)";
  else if (typeof value === "string" && quote2 === "when-needed" && !needsEscaping(value)) text = value;
  else {
    text = (JSON.stringify(value) ?? String(value)).replace(
      UNSAFE_IN_LINE_EACH,
      (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`
    );
    text = replaceControlCharacters(text, "?");
  }
  return text.length > LONGEST_SHOWN_CLAIM ? `${text.slice(0, LONGEST_SHOWN_CLAIM - 3)}...` : text;
}
function unreadableFileReason(err) {
  const code = err.code;
  if (code === "ENOENT") return "does not exist";
  if (code === "EACCES") return "is not readable";
  if (code === "EISDIR") return "is a directory";
  return `cannot be read (${code ?? "error"})`;
}

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

// src/policy/json-keys.ts
function firstDuplicateKey(text) {
  const open = [];
  let keyNext = false;
  let line = 1;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === "\n") line++;
    else if (ch === '"') {
      let end = i + 1;
      while (text[end] !== '"') end += text[end] === "\\" ? 2 : 1;
      if (keyNext) {
        const key = JSON.parse(text.slice(i, end + 1));
        const keys = open.at(-1);
        if (keys.has(key)) return { key, line };
        keys.add(key);
        keyNext = false;
      }
      i = end;
    } else if (ch === "{") {
      open.push(/* @__PURE__ */ new Set());
      keyNext = true;
    } else if (ch === "[") {
      open.push(null);
    } else if (ch === "}" || ch === "]") {
      open.pop();
      keyNext = false;
    } else if (ch === ",") {
      keyNext = open.at(-1) instanceof Set;
    }
  }
  return void 0;
}

// src/policy/glob.ts
function escapeRegExp(text) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
function compilePattern(source) {
  if (!/[*?]/.test(source)) return { source, test: (value) => value === source };
  let body = "";
  for (let i = 0; i < source.length; i++) {
    const ch = source[i];
    if (ch === "*" && source[i + 1] === "*") {
      body += ".*";
      i++;
    } else if (ch === "*") {
      body += "[^/]*";
    } else if (ch === "?") {
      body += "[^/]";
    } else {
      body += escapeRegExp(ch);
    }
  }
  const re = new RegExp(`^${body}$`, "s");
  return { source, test: (value) => re.test(value) };
}
function claimText(value) {
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return void 0;
}
function wrongClaimType(value) {
  if (value === void 0 || claimText(value) !== void 0) return void 0;
  return value === null ? "null" : Array.isArray(value) ? "an array" : "an object";
}
function claimMatches(value, patterns) {
  const text = claimText(value);
  return text !== void 0 && patterns.some((p) => p.test(text));
}

// src/policy/parse.ts
var ANY = { source: "*", test: () => true };
var RULE_KEYS = /* @__PURE__ */ new Set(["name", "claims", "allow"]);
var ALLOW_KEYS = ["tenants", "clientIds", "scopes"];
var TOP_KEYS = /* @__PURE__ */ new Set(["name", "version", "rules"]);
function invalid(where, why, remedy = 'See the README section "Policy guardrails" for the file format.') {
  return usageError("POLICY_INVALID", `The policy ${where} ${why}`, remedy, "policy");
}
function isObject(value) {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}
function scalars(value, where) {
  const list = Array.isArray(value) ? value : [value];
  if (list.length === 0)
    throw invalid(where, "is an empty list, which would match nothing.", 'Give at least one value, or "*" for any.');
  return list.map((item) => {
    if (typeof item === "string" && item !== "") return item;
    if (typeof item === "number" || typeof item === "boolean") return String(item);
    throw invalid(
      where,
      `holds ${JSON.stringify(item) ?? String(item)}, which is not a non-empty string, number or boolean.`
    );
  });
}
function unknownKeys(obj, allowed, where) {
  const extra = Object.keys(obj).find((k) => !allowed.has(k));
  if (extra !== void 0)
    throw invalid(where, `has an unknown key ${JSON.stringify(extra)}.`, `Use only ${[...allowed].join(", ")}.`);
}
function parseRule(raw, index, ruleSet) {
  const label = `rule ${index + 1}`;
  if (!isObject(raw)) throw invalid(`"${ruleSet}" ${label}`, "is not a mapping with claims and allow.");
  const name = raw["name"] === void 0 ? label : raw["name"];
  if (typeof name !== "string" || name.trim() === "")
    throw invalid(`"${ruleSet}" ${label}`, "has a name that is not a non-empty string.");
  const where = `"${ruleSet}" rule "${name}"`;
  unknownKeys(raw, RULE_KEYS, where);
  const claimsRaw = raw["claims"];
  if (!isObject(claimsRaw) || Object.keys(claimsRaw).length === 0) {
    throw invalid(
      where,
      "has no claims: a rule must say which CI tokens it is for.",
      'Add claims such as repository, ref or environment; use "**" as a value to accept any.'
    );
  }
  const claims = Object.entries(claimsRaw).map(([claim, value]) => ({
    claim,
    patterns: scalars(value, `${where} claim ${JSON.stringify(claim)}`).map(compilePattern)
  }));
  const allow = raw["allow"];
  if (!isObject(allow))
    throw invalid(where, "has no allow mapping.", 'Add allow: with tenants, clientIds and scopes ("*" allows any).');
  unknownKeys(allow, new Set(ALLOW_KEYS), `${where} allow`);
  const lists = {};
  for (const key of ALLOW_KEYS) {
    if (allow[key] === void 0)
      throw invalid(`${where} allow`, `has no ${key}.`, `List the ${key} this rule allows, or "*" for any.`);
    const values = scalars(allow[key], `${where} allow.${key}`);
    lists[key] = values.map((v) => v === "*" ? ANY : compilePattern(key === "scopes" ? v : v.toLowerCase()));
  }
  return { name, claims, ...lists };
}
function parsePolicy(doc, defaultName) {
  if (!isObject(doc)) throw invalid("file", "is not a mapping with name and rules.");
  const name = doc["name"] === void 0 ? defaultName : doc["name"];
  if (typeof name !== "string" || name.trim() === "")
    throw invalid("file", "has a name that is not a non-empty string.");
  unknownKeys(doc, TOP_KEYS, `"${name}"`);
  if (doc["version"] !== void 0 && doc["version"] !== 1)
    throw invalid(`"${name}"`, `has version ${JSON.stringify(doc["version"])}; this entra-federate reads version 1.`);
  const rules = doc["rules"];
  if (!Array.isArray(rules) || rules.length === 0)
    throw invalid(`"${name}"`, "has no rules: with a policy, anything no rule allows is denied.", "Add a rules: list.");
  return { name, rules: rules.map((rule, i) => parseRule(rule, i, name)) };
}

// src/policy/load.ts
var MAX_POLICY_BYTES = 1024 * 1024;
var MAX_ALIAS_COUNT = 100;
async function loadPolicy(path) {
  if (path.trim() === "")
    throw usageError(
      "POLICY_UNREADABLE",
      "The policy file path is empty.",
      "Pass --policy FILE with a .json, .yml or .yaml file.",
      "policy"
    );
  let text;
  try {
    text = await readFile(path, "utf8");
  } catch (err) {
    const why = unreadableFileReason(err);
    throw usageError(
      "POLICY_UNREADABLE",
      `The policy file ${quote(path)} ${why}.`,
      "Pass --policy with the path of your policy file (JSON or YAML).",
      "policy"
    );
  }
  if (Buffer.byteLength(text) > MAX_POLICY_BYTES)
    throw usageError(
      "POLICY_INVALID",
      `The policy file ${quote(path)} is larger than 1 MiB.`,
      "A policy holds a few rules; check that --policy points at the right file.",
      "policy"
    );
  const ext = extname(path).toLowerCase();
  const defaultName = basename(path, extname(path));
  return parsePolicy(
    ext === ".yml" || ext === ".yaml" ? await parseYaml(text, path) : parseJson(text, path),
    defaultName
  );
}
function parseJson(text, path) {
  let doc;
  try {
    doc = JSON.parse(text);
  } catch (err) {
    const why = err instanceof Error ? err.message : String(err);
    throw usageError(
      "POLICY_INVALID",
      `The policy file ${quote(path)} is not valid JSON: ${why}.`,
      "Fix the JSON, or write the policy as YAML in a .yml/.yaml file.",
      "policy"
    );
  }
  const duplicate = firstDuplicateKey(text);
  if (duplicate !== void 0) {
    throw usageError(
      "POLICY_INVALID",
      `The policy file ${quote(path)} repeats the key ${quote(duplicate.key)} in one object (line ${duplicate.line}): JSON would keep only the last one, which a reviewer reading the first would miss.`,
      "Keep one of the two; to allow several values for a claim, give a list (any of them matches).",
      "policy"
    );
  }
  return doc;
}
async function parseYaml(text, path) {
  const { parseDocument } = await import("./browser-MLARZWWL.js");
  const doc = parseDocument(text, { prettyErrors: true, uniqueKeys: true });
  const first = doc.errors[0];
  if (first !== void 0) {
    const line = first.linePos?.[0]?.line;
    const why = first.message.split("\n")[0] ?? first.code;
    throw usageError(
      "POLICY_INVALID",
      `The policy file ${quote(path)} is not valid YAML${line === void 0 ? "" : ` (line ${line})`}: ${why}`,
      "Fix the YAML syntax; the README shows a complete example.",
      "policy"
    );
  }
  try {
    return doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch {
    throw usageError(
      "POLICY_INVALID",
      `The policy file ${quote(path)} expands its YAML aliases more than ${MAX_ALIAS_COUNT} times, as an alias bomb does.`,
      "Write the values out, or use fewer aliases (*name); a policy needs only a few rules.",
      "policy"
    );
  }
}

// src/core/login.ts
import { randomUUID } from "node:crypto";

// src/core/error-catalogue.ts
var DOCTOR = "Run `entra-federate doctor` to compare the CI token with the app's federated credentials.";
var AADSTS_CATALOGUE = {
  NO_MATCHING_FIC: {
    aadsts: [70021],
    when: "No federated credential of the app has the CI token's issuer, subject and audience.",
    remedy: `No federated credential of the app has this token's issuer, subject and audience exactly (case-sensitive). Create one that matches the values presented, or wait a few minutes if you just created it. ${DOCTOR}`
  },
  ISSUER_MISMATCH: {
    aadsts: [700211],
    when: "No federated credential of the app has the CI token's issuer.",
    remedy: `No federated credential has the presented issuer. Check for a trailing slash, a GitHub Enterprise or GHE.com host, or an enterprise-slug issuer. ${DOCTOR}`
  },
  AUDIENCE_MISMATCH: {
    aadsts: [700212],
    when: "No federated credential of the app has the CI token's audience.",
    remedy: `Request the CI token with the audience the federated credential holds (api://AzureADTokenExchange, or ...USGov / ...China in sovereign clouds): set --audience or the cloud. ${DOCTOR}`
  },
  SUBJECT_MISMATCH: {
    aadsts: [700213],
    when: "No federated credential of the app has the CI token's subject.",
    remedy: `No federated credential has the presented subject. Environments, pull requests, tags, custom subject templates and immutable owner@id/repo@id forms each change the subject. ${DOCTOR}`
  },
  SUBJECT_CASE_MISMATCH: {
    aadsts: [7002138],
    when: "A federated credential has the CI token's subject, but only if case is ignored.",
    remedy: `The subject matches a federated credential only if case is ignored; matching is case-sensitive. Fix the casing of the organisation, repository or environment in the federated credential. ${DOCTOR}`
  },
  NO_FEDERATED_CREDENTIALS: {
    aadsts: [70025],
    when: "The app has no federated identity credentials at all.",
    remedy: "The app has no federated identity credentials. Add one for this CI (or wait a few minutes if you just added it)."
  },
  ASSERTION_EXPIRED: {
    aadsts: [700024],
    when: "The CI token was expired or not yet valid when Entra received it.",
    remedy: "The CI token was expired or not yet valid when presented. CI tokens live minutes: request a fresh one for each exchange, and check the runner's clock."
  },
  INVALID_ASSERTION: {
    aadsts: [50027],
    when: "Entra could not read the presented token as a JWT.",
    remedy: "The presented token is not a valid JWT. Most often it is empty because the CI did not issue one (GitHub: add `permissions: id-token: write`)."
  },
  ISSUER_UNREACHABLE: {
    aadsts: [501661],
    when: "Entra could not fetch the issuer's OpenID configuration or keys.",
    remedy: "Entra could not fetch the issuer's OpenID configuration or keys. The issuer's /.well-known/openid-configuration and JWKS must be reachable from the internet (self-hosted GitLab, GitHub Enterprise Server)."
  },
  // Both say "Request to External OIDC endpoint failed": Entra's fetch of the issuer's discovery
  // document or keys failed, often for a moment. 50166 is ExternalClaimsProviderThrottled in
  // https://learn.microsoft.com/entra/identity-platform/reference-error-codes; 90061 is described in
  // https://github.com/Azure/azure-workload-identity/blob/main/docs/book/src/troubleshooting.md
  ISSUER_REQUEST_THROTTLED: {
    aadsts: [50166],
    when: "Entra's request to the CI issuer's OpenID configuration or keys was throttled or failed (retried with a fresh CI token first).",
    remedy: "Entra's request to the CI issuer's OpenID configuration or keys failed or was throttled, which is usually brief; it was retried with a fresh CI token. If it persists, check that the issuer's /.well-known/openid-configuration and JWKS answer from the internet, and https://status.azure.com."
  },
  ISSUER_REQUEST_FAILED: {
    aadsts: [90061],
    when: "Entra could not fetch the CI issuer's OpenID configuration or keys (retried with a fresh CI token first).",
    remedy: "Entra could not fetch the CI issuer's OpenID configuration or keys; it was retried with a fresh CI token. If it persists, the issuer's /.well-known/openid-configuration and JWKS must answer from the internet (self-hosted GitLab, GitHub Enterprise Server, a Kubernetes issuer); check them and https://status.azure.com."
  },
  APP_NOT_FOUND: {
    aadsts: [700016],
    when: "No application with the client id exists in the tenant.",
    remedy: "No application with this client id exists in this tenant. Check the client id, the tenant id, and the cloud."
  },
  TENANT_NOT_FOUND: {
    aadsts: [90002],
    when: "The tenant does not exist in this cloud.",
    remedy: "The tenant does not exist in this cloud. Check the tenant id and the cloud (--cloud / --authority-host)."
  },
  INVALID_TENANT: {
    aadsts: [900023],
    when: "Entra found the tenant to be neither a GUID nor a valid domain.",
    remedy: "The tenant is neither a GUID nor a valid domain. Use the directory (tenant) id GUID."
  },
  INVALID_SECRET: {
    aadsts: [7000215],
    when: "The client secret is wrong.",
    remedy: "The client secret is wrong. Use the secret value (not its id) from the app registration, or better, a federated credential."
  },
  SECRET_EXPIRED: {
    aadsts: [7000222],
    when: "The client secret has expired.",
    remedy: "The client secret has expired. Create a new one, or move to a federated credential or certificate."
  },
  CERTIFICATE_SIGNATURE_INVALID: {
    aadsts: [700027],
    when: "The certificate assertion's signature does not verify with any certificate of the app.",
    remedy: "The certificate assertion failed signature validation. Upload this certificate to the app registration and sign with its private key."
  },
  ASSERTION_AUDIENCE_INVALID: {
    aadsts: [700023],
    when: "The client assertion's audience is not this token endpoint, or the scope names no resource.",
    remedy: "The client assertion's audience is not this token endpoint, or the scope names no resource. Check --authority-host, the tenant and the scope."
  },
  ASSERTION_CLIENT_MISMATCH: {
    aadsts: [700021],
    when: "The certificate assertion's iss/sub is not the client id.",
    remedy: "The certificate assertion's iss/sub is not this client id. Check --client-id."
  },
  SCOPE_REJECTED: {
    aadsts: [70011, 700022],
    when: "Entra refused a scope: not of the form `<resource>/.default`, or naming more than one resource.",
    remedy: "Client credentials accept only `<resource>/.default` scopes, one resource per scope: pass each resource as its own --scope, e.g. https://management.azure.com/.default."
  },
  RESOURCE_NOT_FOUND: {
    aadsts: [500011],
    when: "The resource in the scope is not known in the tenant.",
    remedy: "The resource in the scope is not known in this tenant. Check the scope URI and the tenant."
  },
  CONDITIONAL_ACCESS_BLOCKED: {
    aadsts: [53003],
    when: "A Conditional Access policy for workload identities blocked the sign-in.",
    remedy: "A Conditional Access policy for workload identities blocked this sign-in (often by location). Ask your Entra administrator to review the sign-in log with the trace id."
  },
  CREDENTIAL_NOT_SENT: {
    aadsts: [7000218],
    when: "The token request reached Entra without a client assertion or secret.",
    remedy: "The request carried no client credential. This is a bug or an empty CI token; rerun with debug logging and report it."
  },
  ENTRA_TOKEN_AS_ASSERTION: {
    aadsts: [700222],
    when: "An Entra-issued token was presented as the federated assertion.",
    remedy: "An Entra-issued token cannot be the federated assertion. Present the CI's OIDC token instead."
  }
};

// src/core/aadsts.ts
var BY_NUMBER = new Map(
  Object.entries(AADSTS_CATALOGUE).flatMap(
    ([code, entry]) => entry.aadsts.map((aadsts) => [aadsts, code])
  )
);
var TRANSIENT_AADSTS = /* @__PURE__ */ new Set([50033, 50166, 90006, 90024, 90033, 90061, 90090]);
function lookupAadsts(aadsts) {
  const code = BY_NUMBER.get(aadsts);
  if (code !== void 0) return { code, remedy: AADSTS_CATALOGUE[code].remedy };
  return {
    code: `AADSTS_${aadsts}`,
    remedy: `Look up AADSTS${aadsts} at https://login.microsoftonline.com/error?code=${aadsts} and quote the trace and correlation ids to your administrator.`
  };
}

// src/core/redact.ts
var B64URL = "[A-Za-z0-9_-]";
var EYJ_TOKEN = new RegExp(`(?<![A-Za-z0-9_-])eyJ${B64URL}{2,}(?:\\.${B64URL}*){2,4}`, "g");
var THREE_PARTS = new RegExp(`(?<![A-Za-z0-9_-])${B64URL}{16,}\\.${B64URL}{16,}\\.${B64URL}{16,}`, "g");
var RUN = /[A-Za-z0-9+/_-]{40,}={0,2}/g;
var URL_SPAN = /https?:\/\/[^\s"'<>()[\]{}`]+/g;
var READABLE_PIECE = /^(?:[A-Za-z][a-z]*(?:[A-Z][a-z]+)*|[0-9a-f]+)$/;
function opaque(run) {
  return run.split(/[-_+/=]/).some((piece) => piece.length >= 20 && !READABLE_PIECE.test(piece));
}
function jwtShaped(match) {
  const [header = "", payload = ""] = match.split(".");
  return opaque(header) || opaque(payload) || /[A-Z]/.test(header + payload);
}
function cutOpaqueRuns(text) {
  return text.replace(RUN, (run) => opaque(run) ? "[redacted]" : run);
}
function cutOpaqueOutsideUrlPaths(text) {
  let out = "";
  let last = 0;
  for (const match of text.matchAll(URL_SPAN)) {
    const url = match[0];
    const start = match.index;
    out += cutOpaqueRuns(text.slice(last, start));
    const tail = url.search(/[?#]/);
    out += tail < 0 ? url : url.slice(0, tail) + cutOpaqueRuns(url.slice(tail));
    last = start + url.length;
  }
  return out + cutOpaqueRuns(text.slice(last));
}
function redact(text, secrets = []) {
  let out = text;
  for (const secret of secrets) {
    if (secret.length < 4) continue;
    for (const form of /* @__PURE__ */ new Set([
      secret,
      encodeURIComponent(secret),
      new URLSearchParams({ x: secret }).toString().slice(2),
      JSON.stringify(secret).slice(1, -1)
    ])) {
      out = out.split(form).join("[redacted]");
    }
  }
  out = out.replace(THREE_PARTS, (match) => jwtShaped(match) ? "[redacted]" : match);
  out = out.replace(EYJ_TOKEN, "[redacted]");
  return cutOpaqueOutsideUrlPaths(out);
}

// src/core/http.ts
import { request as httpRequest2 } from "node:http";
import { request as httpsRequest } from "node:https";

// src/core/proxy.ts
import { Agent as HttpAgent, request as httpRequest } from "node:http";
import { Agent as HttpsAgent } from "node:https";
import { connect as tlsConnect } from "node:tls";
function pick(vars, name) {
  const value = vars[name.toLowerCase()] ?? vars[name.toUpperCase()];
  return value === void 0 || value.trim() === "" ? void 0 : value.trim();
}
function parseProxyUrl(value, name) {
  let url;
  try {
    url = new URL(value.includes("://") ? value : `http://${value}`);
  } catch {
    throw usageError(
      "INVALID_PROXY",
      `${name} is not a URL.`,
      `Set ${name} to the proxy's URL, e.g. http://proxy.example.com:3128.`,
      name
    );
  }
  if (url.protocol !== "http:") {
    throw usageError(
      "INVALID_PROXY",
      `${name} uses ${url.protocol.replace(":", "")}; only http:// proxies (with CONNECT for https targets) are supported.`,
      `Set ${name} to an http:// proxy URL.`,
      name
    );
  }
  return url;
}
function proxyConfigFrom(vars) {
  const https = pick(vars, "https_proxy");
  const http = pick(vars, "http_proxy");
  if (https === void 0 && http === void 0) return void 0;
  const config = {
    noProxy: (pick(vars, "no_proxy") ?? "").split(/[\s,]+/).filter((s) => s !== "").map((s) => s.toLowerCase())
  };
  if (https !== void 0) config.httpsProxy = parseProxyUrl(https, "HTTPS_PROXY");
  if (http !== void 0) config.httpProxy = parseProxyUrl(http, "HTTP_PROXY");
  return config;
}
function isLoopback(host) {
  const h = host.replace(/^\[|\]$/g, "").toLowerCase();
  return h === "localhost" || h === "::1" || /^127\./.test(h);
}
function bypassesProxy(url, noProxy) {
  const host = url.hostname.replace(/^\[|\]$/g, "").toLowerCase();
  if (isLoopback(host)) return true;
  const port = url.port || (url.protocol === "https:" ? "443" : "80");
  return noProxy.some((entry) => {
    if (entry === "*") return true;
    const m = /^(.*?)(?::(\d+))?$/.exec(entry.replace(/^\[|\]$/g, ""));
    const name = (m?.[1] ?? "").replace(/^\*?\./, "");
    if (m?.[2] !== void 0 && m[2] !== port) return false;
    return name !== "" && (host === name || host.endsWith(`.${name}`));
  });
}
function proxyAuthorization(proxy) {
  if (proxy.username === "") return {};
  const credentials = `${decodeURIComponent(proxy.username)}:${decodeURIComponent(proxy.password)}`;
  return { "proxy-authorization": `Basic ${Buffer.from(credentials).toString("base64")}` };
}
var TunnelAgent = class extends HttpsAgent {
  constructor(proxy, options) {
    super(options);
    this.proxy = proxy;
  }
  proxy;
  createConnection(options, callback) {
    const host = options.host ?? options.hostname ?? "localhost";
    const port = Number(options.port ?? 443);
    const target = `${host.includes(":") ? `[${host}]` : host}:${port}`;
    const connectRequest = httpRequest({
      host: this.proxy.hostname,
      port: Number(this.proxy.port || 80),
      method: "CONNECT",
      path: target,
      headers: { host: target, ...proxyAuthorization(this.proxy) }
    });
    const done = (err, socket) => {
      callback?.(err, socket);
    };
    connectRequest.once("connect", (res, socket) => {
      if (res.statusCode !== 200) {
        socket.destroy();
        done(
          Object.assign(
            new Error(`the proxy ${this.proxy.host} refused to tunnel to ${target} (HTTP ${res.statusCode})`),
            { code: res.statusCode === 407 ? "EPROXYAUTH" : "ECONNREFUSED" }
          )
        );
        return;
      }
      const tlsOptions = options;
      const tls = tlsConnect({
        socket,
        servername: tlsOptions.servername ?? host,
        ...tlsOptions.ca === void 0 ? {} : { ca: tlsOptions.ca },
        ...tlsOptions.rejectUnauthorized === void 0 ? {} : { rejectUnauthorized: tlsOptions.rejectUnauthorized }
      });
      tls.once("secureConnect", () => done(null, tls));
      tls.once("error", (err) => done(err));
    });
    connectRequest.once(
      "error",
      (err) => done(
        Object.assign(new Error(`cannot reach the proxy ${this.proxy.host}: ${err.message}`), {
          code: err.code ?? "ECONNREFUSED"
        })
      )
    );
    connectRequest.end();
    return void 0;
  }
};
var ForwardAgent = class extends HttpAgent {
  constructor(proxy, options) {
    super(options);
    this.proxy = proxy;
  }
  proxy;
};
function createProxyRouter(config) {
  const tunnels = /* @__PURE__ */ new Map();
  const forwards = /* @__PURE__ */ new Map();
  return (url) => {
    if (bypassesProxy(url, config.noProxy)) return void 0;
    if (url.protocol === "https:") {
      const proxy2 = config.httpsProxy ?? config.httpProxy;
      if (proxy2 === void 0) return void 0;
      let agent2 = tunnels.get(proxy2.href);
      if (agent2 === void 0) {
        agent2 = new TunnelAgent(proxy2, { keepAlive: false });
        tunnels.set(proxy2.href, agent2);
      }
      return { agent: agent2 };
    }
    const proxy = config.httpProxy;
    if (proxy === void 0) return void 0;
    let agent = forwards.get(proxy.href);
    if (agent === void 0) {
      agent = new ForwardAgent(proxy, { keepAlive: false });
      forwards.set(proxy.href, agent);
    }
    return {
      agent,
      forward: {
        host: proxy.hostname,
        port: Number(proxy.port || 80),
        path: url.href,
        headers: proxyAuthorization(proxy)
      }
    };
  };
}

// src/core/http.ts
var systemClock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  random: () => Math.random()
};
var MAX_RESPONSE_BYTES = 1024 * 1024;
var NetworkError = class extends Error {
  code;
  constructor(code, message) {
    super(message);
    this.code = code;
  }
};
function createNodeHttpClient(options = {}) {
  const route = options.proxy === void 0 ? void 0 : createProxyRouter(options.proxy);
  return {
    send(req, { timeoutMs }) {
      return new Promise((resolve, reject) => {
        const url = new URL(req.url);
        const headers = { ...req.headers };
        if (options.userAgent !== void 0) headers["user-agent"] = options.userAgent;
        if (req.body !== void 0) headers["content-length"] = String(Buffer.byteLength(req.body));
        const via = route?.(url);
        let target = url;
        const requestOptions = { method: req.method, headers };
        if (via?.forward !== void 0) {
          target = { host: via.forward.host, port: via.forward.port, path: via.forward.path };
          Object.assign(headers, { host: url.host }, via.forward.headers);
        }
        if (via !== void 0) requestOptions.agent = via.agent;
        const send = url.protocol === "https:" && via?.forward === void 0 ? httpsRequest : httpRequest2;
        let settled = false;
        const fail = (err) => {
          if (settled) return;
          settled = true;
          clearTimeout(timer);
          reject(err);
        };
        const onResponse = (res) => {
          const chunks = [];
          let size = 0;
          res.on("data", (chunk) => {
            size += chunk.length;
            if (size > MAX_RESPONSE_BYTES) {
              fail(new NetworkError("RESPONSE_TOO_LARGE", `the response was larger than ${MAX_RESPONSE_BYTES} bytes`));
              res.destroy();
              return;
            }
            chunks.push(chunk);
          });
          res.on(
            "aborted",
            () => fail(new NetworkError("ECONNRESET", "the connection closed before the response was complete"))
          );
          res.on("error", (err) => fail(err));
          res.on("end", () => {
            if (settled) return;
            if (!res.complete) {
              fail(new NetworkError("ECONNRESET", "the connection closed before the response was complete"));
              return;
            }
            settled = true;
            clearTimeout(timer);
            resolve({
              status: res.statusCode ?? 0,
              headers: res.headers,
              body: Buffer.concat(chunks).toString("utf8")
            });
          });
        };
        const clientRequest = target instanceof URL ? send(target, requestOptions, onResponse) : send({ ...requestOptions, ...target }, onResponse);
        const timer = setTimeout(() => {
          fail(new NetworkError("ETIMEDOUT", `no response within ${Math.round(timeoutMs)} ms`));
          clientRequest.destroy();
        }, timeoutMs);
        clientRequest.on("error", (err) => fail(err));
        if (req.body !== void 0) clientRequest.write(req.body);
        clientRequest.end();
      });
    }
  };
}
function classifyStatus(res) {
  return res.status === 408 || res.status === 429 || res.status >= 500 ? "retry" : "final";
}
var RETRYABLE_NETWORK = /* @__PURE__ */ new Set([
  "ECONNRESET",
  "ECONNREFUSED",
  "EPIPE",
  "ETIMEDOUT",
  "EAI_AGAIN",
  "ECONNABORTED",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "UND_ERR_SOCKET"
]);
var TLS_CODES = /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|ERR_TLS/;
function parseRetryAfter(value, now) {
  const raw = Array.isArray(value) ? value[0] : value;
  if (raw === void 0 || raw.trim() === "") return void 0;
  if (/^\d+$/.test(raw.trim())) return Number(raw.trim()) * 1e3;
  const at = Date.parse(raw);
  return Number.isNaN(at) ? void 0 : Math.max(0, at - now);
}
function describeTarget(url) {
  try {
    const u = new URL(url);
    return `${u.origin}${u.pathname}`;
  } catch {
    return "the server";
  }
}
function networkFailure(err, what, url, attempts) {
  const code = typeof err.code === "string" ? err.code : "ENETWORK";
  const detail = err instanceof Error ? err.message : String(err);
  const where = describeTarget(url);
  const tries = attempts === 1 ? "" : ` after ${attempts} attempts`;
  if (code === "ENOTFOUND") {
    return new FederationError("HOST_NOT_FOUND", `Could not resolve the host of ${what} (${where}).`, {
      remedy: "Check the URL (authority host, cloud, CI endpoint) and the runner's DNS and proxy settings (HTTPS_PROXY, NO_PROXY).",
      cause: err
    });
  }
  if (TLS_CODES.test(code)) {
    return new FederationError("TLS_ERROR", `The TLS certificate of ${what} (${where}) was not trusted: ${detail}.`, {
      remedy: "If a proxy or the sandbox uses its own CA, point NODE_EXTRA_CA_CERTS at its certificate file.",
      cause: err
    });
  }
  if (code === "RESPONSE_TOO_LARGE") {
    return new FederationError(
      "RESPONSE_TOO_LARGE",
      `The response of ${what} (${where}) was larger than ${MAX_RESPONSE_BYTES} bytes.`,
      { remedy: "Check that the URL points at the right service; a proxy may be answering instead.", cause: err }
    );
  }
  if (code === "ETIMEDOUT") {
    return new FederationError("TIMEOUT", `${capitalize(what)} (${where}) did not answer in time${tries}: ${detail}.`, {
      remedy: "Check network access to the host, or raise --timeout.",
      cause: err
    });
  }
  return new FederationError("NETWORK_ERROR", `Could not reach ${what} (${where})${tries}: ${detail} (${code}).`, {
    remedy: "Check network access to the host and the proxy settings (HTTPS_PROXY, NO_PROXY); the request is retried automatically when the failure looks transient.",
    cause: err
  });
}
function capitalize(s) {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
async function fetchWithRetry(http, build, opts) {
  const clock = opts.clock ?? systemClock;
  const classify = opts.classify ?? classifyStatus;
  const maxAttempts = opts.maxAttempts ?? 4;
  const perRequest = opts.perRequestTimeoutMs ?? Math.min(15e3, Math.max(1e3, (opts.deadlineAt - clock.now()) / 3));
  const maxRetryAfter = opts.maxRetryAfterMs ?? 3e4;
  const base = opts.baseDelayMs ?? 400;
  const maxDelay = opts.maxDelayMs ?? 8e3;
  for (let attempt = 1; ; attempt++) {
    const remaining = opts.deadlineAt - clock.now();
    const req = await build(attempt);
    let response;
    let failure;
    try {
      response = await http.send(req, { timeoutMs: Math.max(1, Math.min(perRequest, remaining)) });
    } catch (err) {
      failure = err;
    }
    let retryAfterMs;
    if (response !== void 0) {
      if (classify(response) === "final" || attempt >= maxAttempts) return { response, attempts: attempt };
      retryAfterMs = parseRetryAfter(response.headers["retry-after"], clock.now());
      if (retryAfterMs !== void 0 && retryAfterMs > maxRetryAfter) return { response, attempts: attempt };
    } else {
      const code = failure.code;
      const retryable = typeof code === "string" && RETRYABLE_NETWORK.has(code);
      if (!retryable || attempt >= maxAttempts) throw networkFailure(failure, opts.what, req.url, attempt);
    }
    const backoff = Math.min(maxDelay, base * 2 ** (attempt - 1));
    const jittered = backoff / 2 + clock.random() * (backoff / 2);
    const wait = Math.max(jittered, retryAfterMs ?? 0);
    if (clock.now() + wait >= opts.deadlineAt) {
      if (response !== void 0) return { response, attempts: attempt };
      throw networkFailure(failure, opts.what, req.url, attempt);
    }
    await clock.sleep(wait);
  }
}

// src/core/exchange.ts
var JWT_BEARER = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
function parseJson2(body) {
  try {
    return JSON.parse(body);
  } catch {
    return void 0;
  }
}
function firstErrorCode(body) {
  const codes = body?.error_codes;
  if (Array.isArray(codes) && typeof codes[0] === "number") return codes[0];
  const description = typeof body?.error_description === "string" ? body.error_description : "";
  const match = /^AADSTS(\d+)/.exec(description);
  return match ? Number(match[1]) : void 0;
}
function classifyTokenResponse(res) {
  if (classifyStatus(res) === "retry") return "retry";
  if (res.status >= 400) {
    const code = firstErrorCode(parseJson2(res.body));
    if (code !== void 0 && TRANSIENT_AADSTS.has(code)) return "retry";
  }
  return "final";
}
function str(value) {
  return typeof value === "string" && value !== "" ? value : void 0;
}
var SERVER_FIELD_SHAPES = {
  /** Entra's trace and correlation ids are GUIDs. */
  guid: /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i,
  /** Entra writes "2026-12-02 05:25:35Z"; ISO 8601 (with fractions or an offset) is accepted too. */
  time: /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}(?:\.\d{1,7})?(?:Z|[+-]\d{2}:\d{2})$/,
  /** A media type (RFC 9110 8.3.1): text/html, application/json. */
  mediaType: /^[A-Za-z0-9!#$&^_.+-]{1,64}\/[A-Za-z0-9!#$&^_.+-]{1,64}$/,
  /** An OAuth error code (RFC 6749 5.2): invalid_request, invalid_client, ... */
  oauthError: /^[a-z][a-z0-9_]{0,63}$/i
};
function shaped(value, shape) {
  return typeof value === "string" && SERVER_FIELD_SHAPES[shape].test(value) ? value : void 0;
}
function describe(description) {
  const first = description.split(/\r?\n/)[0] ?? "";
  const clean = replaceControlCharacters(first, " ").trim();
  return clean.length > 600 ? `${clean.slice(0, 597)}...` : clean;
}
function snippet(body) {
  const title = /<title>([^<]{1,120})<\/title>/i.exec(body)?.[1];
  const text = (title ?? body).replace(/<[^>]*>/g, " ").replace(/\s+/g, " ").trim();
  return text.length > 120 ? `${text.slice(0, 117)}...` : text;
}
function tokenError(res, scope, now, sent = []) {
  const clean = (text) => redact(text, sent);
  const parsed = parseJson2(res.body);
  const body = parsed !== null && typeof parsed === "object" ? parsed : void 0;
  const aadsts = firstErrorCode(body);
  const traceId = shaped(body?.trace_id, "guid");
  const correlationId = shaped(body?.correlation_id, "guid");
  const timestamp = shaped(body?.timestamp, "time");
  const oauthError = shaped(body?.error, "oauthError");
  const ids = {
    status: res.status,
    scope,
    ...traceId === void 0 ? {} : { traceId },
    ...correlationId === void 0 ? {} : { correlationId },
    ...timestamp === void 0 ? {} : { timestamp },
    ...oauthError === void 0 ? {} : { oauthError }
  };
  if (aadsts !== void 0) {
    const entry = lookupAadsts(aadsts);
    const text = str(body?.error_description);
    const message = text === void 0 ? `AADSTS${aadsts}` : clean(describe(text));
    return new FederationError(entry.code, message.startsWith("AADSTS") ? message : `AADSTS${aadsts}: ${message}`, {
      ...ids,
      aadsts,
      remedy: entry.remedy
    });
  }
  if (res.status === 429) {
    const wait = parseRetryAfter(res.headers["retry-after"], now);
    const after = wait === void 0 ? "" : ` and asked to retry after ${Math.ceil(wait / 1e3)} s`;
    return new FederationError("THROTTLED", `Entra throttled the token request (HTTP 429)${after}.`, {
      ...ids,
      remedy: "Too many token requests for this app or tenant: run fewer concurrent jobs, reuse tokens within a job, or raise --timeout so the wait fits."
    });
  }
  if (body !== void 0 && str(body.error) !== void 0) {
    return new FederationError(
      oauthError === void 0 ? "OAUTH_ERROR" : `OAUTH_${oauthError.toUpperCase()}`,
      `The token endpoint answered HTTP ${res.status}: ${clean(describe(String(body.error)))}${str(body.error_description) === void 0 ? "" : ` (${clean(describe(String(body.error_description)))})`}.`,
      { ...ids, remedy: "Check the client id, tenant and scope; quote the trace id when asking your administrator." }
    );
  }
  const kind = shaped(res.headers["content-type"]?.split(";")[0]?.trim(), "mediaType") ?? "no usable content type";
  const shown = clean(snippet(res.body));
  return new FederationError(
    res.status >= 500 ? "SERVICE_UNAVAILABLE" : "UNEXPECTED_RESPONSE",
    `The token endpoint answered HTTP ${res.status} with a non-JSON body (${kind})${shown === "" ? "" : `: "${shown}"`}.`,
    {
      ...ids,
      remedy: res.status >= 500 ? "Entra or a proxy in between failed; it was retried. Try again later, and check https://status.azure.com." : "Something other than Entra answered: check --authority-host and any proxy (HTTPS_PROXY) between the runner and Entra."
    }
  );
}
function parseSuccess(res, scope, now) {
  const body = parseJson2(res.body);
  const accessToken = body?.["access_token"];
  const expiresIn = body?.["expires_in"];
  const seconds = typeof expiresIn === "number" ? expiresIn : typeof expiresIn === "string" ? Number(expiresIn) : Number.NaN;
  if (typeof accessToken !== "string" || !/^[\x21-\x7e]{1,65536}$/.test(accessToken) || !Number.isFinite(seconds) || seconds <= 0) {
    throw new FederationError(
      "INVALID_RESPONSE",
      `The token endpoint answered HTTP ${res.status} without a usable access_token and expires_in.`,
      {
        status: res.status,
        scope,
        remedy: "Something other than Entra answered: check --authority-host and any proxy between the runner and Entra."
      }
    );
  }
  const tokenType = typeof body?.["token_type"] === "string" ? body["token_type"] : "Bearer";
  return { accessToken, tokenType, expiresOn: now + Math.round(seconds * 1e3) };
}
async function exchangeToken(req, credential, deps) {
  const clock = deps.clock ?? systemClock;
  const sent = [];
  const build = async () => {
    const form = new URLSearchParams({ grant_type: "client_credentials", client_id: req.clientId, scope: req.scope });
    switch (credential.kind) {
      case "federated":
        form.set("client_assertion_type", JWT_BEARER);
        form.set("client_assertion", await credential.assertion(credential.audience));
        sent.push(form.get("client_assertion") ?? "");
        break;
      case "certificate":
        form.set("client_assertion_type", JWT_BEARER);
        form.set("client_assertion", await credential.assertion(req.tokenEndpoint));
        sent.push(form.get("client_assertion") ?? "");
        break;
      case "secret":
        form.set("client_secret", credential.secret);
        sent.push(credential.secret);
        break;
    }
    const headers = {
      "content-type": "application/x-www-form-urlencoded",
      accept: "application/json"
    };
    if (deps.correlationId !== void 0) {
      headers["client-request-id"] = deps.correlationId;
      headers["return-client-request-id"] = "true";
    }
    return { method: "POST", url: req.tokenEndpoint, headers, body: form.toString() };
  };
  const { response, attempts } = await fetchWithRetry(deps.http, build, {
    deadlineAt: req.deadlineAt,
    what: "the Entra token endpoint",
    clock,
    classify: classifyTokenResponse
  });
  if (response.status !== 200) throw tokenError(response, req.scope, clock.now(), sent);
  return { scope: req.scope, attempts, ...parseSuccess(response, req.scope, clock.now()) };
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

// src/core/login.ts
function presentedClaims(summary) {
  if (summary === void 0) return void 0;
  const out = {};
  if (summary.iss !== void 0) out.iss = summary.iss;
  if (summary.sub !== void 0) out.sub = summary.sub;
  if (summary.aud !== void 0) out.aud = summary.aud;
  return out;
}
function summarizeIdToken(token, source) {
  const { claims } = decodeJwt(token, source);
  const summary = { claims };
  const iss = stringClaim(claims, "iss");
  const sub = stringClaim(claims, "sub");
  const aud = audienceClaim(claims);
  const exp = numericClaim(claims, "exp");
  if (iss !== void 0) summary.iss = iss;
  if (sub !== void 0) summary.sub = sub;
  if (aud !== void 0) summary.aud = aud;
  if (exp !== void 0) summary.exp = exp;
  return summary;
}
async function login(options, source, deps) {
  const clock = deps.clock ?? systemClock;
  const deadlineAt = clock.now() + options.timeoutMs;
  const correlationId = randomUUID();
  const notes = options.scopes.filter((s) => s.appendedFrom !== void 0).map((s) => `"${s.appendedFrom}" was given as a resource; requested scope ${s.scope}.`);
  if (source.kind === "managed-identity") return managedIdentityLogin(options, source, deps, correlationId, notes);
  let credential;
  let idToken;
  if (source.kind === "federated") {
    const first = await source.idToken(options.audience);
    idToken = summarizeIdToken(first, source.description);
    let firstUnused = options.scopes.length;
    credential = {
      kind: "federated",
      audience: options.audience,
      assertion: async (audience) => firstUnused-- > 0 ? first : source.idToken(audience)
    };
  } else if (source.kind === "certificate") {
    credential = { kind: "certificate", assertion: source.assertion };
  } else {
    credential = { kind: "secret", secret: source.secret };
  }
  await deps.beforeExchange?.(idToken, options);
  const settled = await Promise.allSettled(
    options.scopes.map(
      (spec) => exchangeToken(
        { tokenEndpoint: options.tokenEndpoint, clientId: options.clientId, scope: spec.scope, deadlineAt },
        credential,
        { http: deps.http, clock, correlationId }
      )
    )
  );
  const failed = settled.find((s) => s.status === "rejected");
  if (failed !== void 0) {
    const err = failed.reason;
    if (err instanceof FederationError) {
      const presented = presentedClaims(idToken);
      if (presented !== void 0 && err.presented === void 0) err.presented = presented;
      if (idToken !== void 0 && err.claims === void 0) err.claims = idToken.claims;
      err.request ??= {
        clientId: options.clientId,
        tenantId: options.tenantId,
        cloud: options.cloud,
        audience: options.audience
      };
    }
    throw err;
  }
  const tokens = settled.map((s) => s.value);
  const result = {
    tenantId: options.tenantId,
    clientId: options.clientId,
    cloud: options.cloud,
    authorityHost: options.authorityHost,
    audience: options.audience,
    credential: source.kind,
    credentialSource: source.description,
    correlationId,
    tokens,
    notes
  };
  if (idToken !== void 0) result.idToken = idToken;
  return result;
}
function resourceOf(scope) {
  return scope.replace(/\/\.default$/, "");
}
async function managedIdentityLogin(options, source, deps, correlationId, notes) {
  const clock = deps.clock ?? systemClock;
  const deadlineAt = clock.now() + options.timeoutMs;
  await deps.beforeExchange?.(void 0, options);
  const tokens = await Promise.all(
    options.scopes.map((spec) => source.token({ resource: resourceOf(spec.scope), scope: spec.scope, deadlineAt }))
  );
  let claims = {};
  try {
    claims = decodeJwt(tokens[0]?.accessToken ?? "", "the managed identity token").claims;
  } catch {
    claims = {};
  }
  return {
    tenantId: options.tenantId !== "" ? options.tenantId : stringClaim(claims, "tid") ?? "",
    clientId: options.clientId !== "" ? options.clientId : stringClaim(claims, "appid") ?? stringClaim(claims, "azp") ?? "",
    cloud: options.cloud,
    authorityHost: options.authorityHost,
    audience: options.audience,
    credential: source.kind,
    credentialSource: source.description,
    correlationId,
    managedIdentity: options.clientId === "" ? {} : { userAssignedClientId: options.clientId },
    tokens,
    notes
  };
}

export {
  FederationError,
  usageError,
  proxyConfigFrom,
  systemClock,
  createNodeHttpClient,
  fetchWithRetry,
  replaceControlCharacters,
  collapseControlCharacters,
  isoTime,
  showClaim,
  unreadableFileReason,
  quote,
  validateClientId,
  isLoopbackHost,
  normalizeScopes,
  validateTimeout,
  resolveOptions,
  MAX_JWT_LENGTH,
  decodeJwt,
  numericClaim,
  redact,
  wrongClaimType,
  claimMatches,
  loadPolicy,
  presentedClaims,
  login
};
