// src/verify/verify.ts
import { constants, verify as verifySignature } from "node:crypto";

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
function isFederationError(err) {
  return err instanceof FederationError;
}

// src/core/http.ts
import { request as httpRequest2 } from "node:http";
import { request as httpsRequest } from "node:https";

// src/core/proxy.ts
import { Agent as HttpAgent, request as httpRequest } from "node:http";
import { Agent as HttpsAgent } from "node:https";
import { connect as tlsConnect } from "node:tls";
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

// src/core/text.ts
var GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
function isGuid(value) {
  return GUID.test(value);
}
var CONTROL = /[\u0000-\u001f\u007f]/;
var CONTROL_EACH = /[\u0000-\u001f\u007f]/g;
var NOT_PRINTABLE_ASCII = /[^\x20-\x7e]/g;
function hasControlCharacter(value) {
  return CONTROL.test(value);
}
function replaceControlCharacters(value, by) {
  return value.replace(CONTROL_EACH, by);
}
function printableAscii(value, by = "?") {
  return value.replace(NOT_PRINTABLE_ASCII, by);
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
  const shown2 = value.length > 80 ? `${value.slice(0, 77)}...` : value;
  return JSON.stringify(shown2);
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

// src/policy/evaluate.ts
function failedCondition(rule, claims) {
  return rule.claims.find((c) => !claimMatches(own(claims, c.claim), c.patterns));
}
function own(claims, name) {
  return Object.hasOwn(claims, name) ? claims[name] : void 0;
}
function sources(patterns) {
  return patterns.map((p) => p.source);
}
function list(values) {
  return values.map((v) => JSON.stringify(v)).join(" or ");
}
function matchingRules(policy, claims) {
  return policy.rules.filter((rule) => failedCondition(rule, claims) === void 0);
}
function claimDenial(policy, claims) {
  let best = policy.rules[0];
  let bestScore = -1;
  for (const rule of policy.rules) {
    const score = rule.claims.filter((c) => claimMatches(own(claims, c.claim), c.patterns)).length / rule.claims.length;
    if (score > bestScore) {
      best = rule;
      bestScore = score;
    }
  }
  const failed = failedCondition(best, claims);
  const value = own(claims, failed.claim);
  const expected = sources(failed.patterns);
  const wrongType = wrongClaimType(value);
  const found = value === void 0 ? "the CI token has no such claim" : wrongType !== void 0 ? `the CI token's ${failed.claim} has the wrong type: ${wrongType} (${showClaim(value)}), and only a single string, number or boolean can match` : `the CI token has ${showClaim(value)}`;
  return {
    ruleSet: policy.name,
    field: "claim",
    claim: failed.claim,
    value,
    rules: [best.name],
    expected,
    reason: `no rule of policy "${policy.name}" matches this CI token: claim ${failed.claim} must be ${list(expected)} (closest rule "${best.name}"), but ${found}.`
  };
}
function requestDenial(policy, rules, field, value, expected) {
  const names = rules.map((r) => r.name);
  const what = field === "tenant" ? "tenant" : field === "clientId" ? "client id" : "scope";
  const ruleText = names.length === 1 ? `rule "${names[0]}"` : `rules ${names.map((n) => `"${n}"`).join(", ")}`;
  const allowed = [...new Set(sources(expected))];
  return {
    ruleSet: policy.name,
    field,
    value,
    rules: names,
    expected: allowed,
    reason: `policy "${policy.name}" does not allow ${what} ${showClaim(value)} for this CI token: ${ruleText} matched it and allow${names.length === 1 ? "s" : ""} ${list(allowed)}.`
  };
}
function evaluatePolicy(policy, claims, request) {
  const matched = matchingRules(policy, claims);
  if (matched.length === 0) return { allowed: false, ruleSet: policy.name, denial: claimDenial(policy, claims) };
  const tenant = request.tenantId.toLowerCase();
  const forTenant = matched.filter((r) => r.tenants.some((p) => p.test(tenant)));
  if (forTenant.length === 0) {
    return {
      allowed: false,
      ruleSet: policy.name,
      denial: requestDenial(
        policy,
        matched,
        "tenant",
        request.tenantId,
        matched.flatMap((r) => r.tenants)
      )
    };
  }
  const client = request.clientId.toLowerCase();
  const forClient = forTenant.filter((r) => r.clientIds.some((p) => p.test(client)));
  if (forClient.length === 0) {
    return {
      allowed: false,
      ruleSet: policy.name,
      denial: requestDenial(
        policy,
        forTenant,
        "clientId",
        request.clientId,
        forTenant.flatMap((r) => r.clientIds)
      )
    };
  }
  const grants = [];
  for (const scope of request.scopes) {
    const rule = forClient.find((r) => r.scopes.some((p) => p.test(scope)));
    if (rule === void 0) {
      return {
        allowed: false,
        ruleSet: policy.name,
        denial: requestDenial(
          policy,
          forClient,
          "scope",
          scope,
          forClient.flatMap((r) => r.scopes)
        )
      };
    }
    grants.push({ scope, rule: rule.name });
  }
  return { allowed: true, ruleSet: policy.name, grants };
}

// src/policy/claims-only.ts
function evaluateClaims(policy, claims) {
  const rules = matchingRules(policy, claims);
  if (rules.length > 0) return { allowed: true, ruleSet: policy.name, rules: rules.map((r) => r.name) };
  const decision = evaluatePolicy(policy, claims, { tenantId: "", clientId: "", scopes: [] });
  if (decision.allowed) throw new Error("unreachable: no rule matched the claims");
  return decision;
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
var ERROR_CATALOGUE = {
  CLI_UNAVAILABLE: {
    topic: "handoff",
    exit: 1,
    when: "The git export needs the CLI's own script as git's credential helper, and this installation has no dist/cli/index.js.",
    remedy: "Reinstall entra-federate, or use a release whose dist/ includes cli/index.js."
  },
  IDENTITY_ENDPOINT_REFUSED: {
    topic: "handoff",
    exit: 1,
    when: "`entra-federate git-credential` asked the job's identity endpoint for a token and got none.",
    remedy: "Check that the step runs in the job whose login started the endpoint (IDENTITY_ENDPOINT, IDENTITY_HEADER)."
  },
  INVALID_SETUP_KIND: {
    topic: "setup",
    exit: 2,
    when: "`setup` was run without github, gitlab or generic, with an unknown CI, or with an extra argument.",
    remedy: "Run `entra-federate setup --help` and name the CI: github, gitlab or generic."
  },
  FLAG_NOT_FOR_THIS_CI: {
    topic: "setup",
    exit: 2,
    when: "A flag of another CI's set-up was given (e.g. --repo to `setup gitlab`).",
    remedy: "Run `entra-federate setup <ci> --help` for the flags that CI takes."
  },
  CLIENT_ID_WITH_APP_NAME: {
    topic: "setup",
    exit: 2,
    when: "Both --client-id and --app-name name the app.",
    remedy: "Give one: --client-id for an existing app, --app-name to find or create one by display name."
  },
  INVALID_APP_NAME: {
    topic: "setup",
    exit: 2,
    when: "The app name is empty, longer than 120 characters or holds control characters.",
    remedy: "Pass a short display name, e.g. --app-name deploy-octo-repo."
  },
  SETUP_APP_NOT_FOUND: {
    topic: "setup",
    exit: 2,
    when: "No application has the --client-id in the tenant of the Graph token.",
    remedy: "Check --client-id and the tenant, or pass --app-name to find or create the app by name."
  },
  AMBIGUOUS_APP_NAME: {
    topic: "setup",
    exit: 2,
    when: "Several applications have the --app-name display name.",
    remedy: "Pass --client-id with the one to use, or another --app-name."
  },
  MISSING_ROLE: {
    topic: "setup",
    exit: 2,
    when: "A --role-scope was given without its --role.",
    remedy: "Give --role and --role-scope in pairs, one pair per assignment."
  },
  MISSING_ROLE_SCOPE: {
    topic: "setup",
    exit: 2,
    when: "A --role was given without its --role-scope.",
    remedy: "Give --role and --role-scope in pairs, one pair per assignment."
  },
  INVALID_ROLE: {
    topic: "setup",
    exit: 2,
    when: "A --role is empty, too long or holds control characters.",
    remedy: "Give a built-in role name such as Contributor, or a role definition GUID."
  },
  INVALID_ROLE_SCOPE: {
    topic: "setup",
    exit: 2,
    when: "A --role-scope is not an Azure Resource Manager id (subscription, resource group or resource).",
    remedy: "Give an id such as /subscriptions/<id>/resourceGroups/<group> (az group show prints it)."
  },
  ROLE_SCOPE_NOT_FOUND: {
    topic: "setup",
    exit: 2,
    when: "Azure Resource Manager does not know the --role-scope.",
    remedy: "Check the subscription and resource group in --role-scope, and the tenant of the token."
  },
  ROLE_NOT_FOUND: {
    topic: "setup",
    exit: 2,
    when: "No role definition has the --role name or id at that scope.",
    remedy: 'Use a role name exactly as Azure lists it (az role definition list --query "[].roleName" -o tsv).'
  },
  MISSING_JOB_KIND: {
    topic: "setup",
    exit: 2,
    when: "`setup github` or `setup gitlab` was not told which jobs may sign in (branch, tag, environment or pull request).",
    remedy: "Pass exactly one of --branch, --tag, --environment or --pull-request."
  },
  CONFLICTING_JOB_KIND: {
    topic: "setup",
    exit: 2,
    when: "More than one of --branch, --tag, --environment, --pull-request was given.",
    remedy: "Pass exactly one (run setup once per kind of job): one federated credential matches one subject."
  },
  INVALID_BRANCH: {
    topic: "setup",
    exit: 2,
    when: "The --branch name is not one git accepts (git check-ref-format rules).",
    remedy: "Give the branch exactly as git shows it, e.g. --branch main."
  },
  INVALID_TAG: {
    topic: "setup",
    exit: 2,
    when: "The --tag name is not one git accepts (git check-ref-format rules).",
    remedy: "Give the tag exactly as git shows it, e.g. --tag v1.0.0."
  },
  INVALID_ENVIRONMENT: {
    topic: "setup",
    exit: 2,
    when: "The --environment name is empty, longer than 255 characters or holds control characters.",
    remedy: "Give the environment exactly as the workflow names it."
  },
  INVALID_REPO: {
    topic: "setup",
    exit: 2,
    when: "`setup github` has no --repo, or it is not in OWNER/NAME form.",
    remedy: "Pass --repo OWNER/NAME as GitHub shows it (the subject is case-sensitive)."
  },
  INVALID_PROJECT: {
    topic: "setup",
    exit: 2,
    when: "`setup gitlab` has no --project, or it is not in GROUP/PROJECT form.",
    remedy: "Pass the full project path as GitLab shows it, subgroups included."
  },
  GITLAB_ENVIRONMENT_NOT_IN_SUBJECT: {
    topic: "setup",
    exit: 2,
    when: "`setup gitlab --environment` was asked for: GitLab's token subject never names the environment, and Entra matches only the subject.",
    remedy: "Protect the branch or tag that deploys to the environment and pass --branch or --tag."
  },
  MISSING_ISSUER_OR_SUBJECT: {
    topic: "setup",
    exit: 2,
    when: "`setup generic` lacks --issuer or --subject.",
    remedy: "Pass the iss and sub of the CI's tokens exactly (entra-federate verify prints them)."
  },
  INVALID_SUBJECT: {
    topic: "setup",
    exit: 2,
    when: "The --subject is empty, longer than 600 characters or holds control characters.",
    remedy: "Pass the CI token's sub claim exactly."
  },
  INSECURE_ISSUER: {
    topic: "setup",
    exit: 2,
    when: "The --issuer uses plain http to a host that is not loopback.",
    remedy: "Use the https issuer; plain http is allowed only to a loopback host such as the sandbox."
  },
  INVALID_SERVER: {
    topic: "setup",
    exit: 2,
    when: "The GitLab --server is not an https URL, or carries credentials, a query or a fragment.",
    remedy: "Pass the GitLab instance's URL, e.g. https://gitlab.example.com."
  },
  INSECURE_SERVER: {
    topic: "setup",
    exit: 2,
    when: "The GitLab --server uses plain http to a host that is not loopback.",
    remedy: "Use https; plain http is allowed only to a loopback host."
  },
  INVALID_GRAPH_ENDPOINT: {
    topic: "setup",
    exit: 2,
    when: "The --graph-endpoint is not an https URL, or carries credentials, a query or a fragment.",
    remedy: "Pass a URL such as https://graph.microsoft.com, or leave it to --cloud."
  },
  INSECURE_GRAPH_ENDPOINT: {
    topic: "setup",
    exit: 2,
    when: "The --graph-endpoint uses plain http to a host that is not loopback.",
    remedy: "Use https; plain http is allowed only to a loopback host such as the sandbox."
  },
  INVALID_ARM_ENDPOINT: {
    topic: "setup",
    exit: 2,
    when: "The --arm-endpoint is not an https URL, or carries credentials, a query or a fragment.",
    remedy: "Pass a URL such as https://management.azure.com, or leave it to --cloud."
  },
  INSECURE_ARM_ENDPOINT: {
    topic: "setup",
    exit: 2,
    when: "The --arm-endpoint uses plain http to a host that is not loopback.",
    remedy: "Use https; plain http is allowed only to a loopback host such as the sandbox."
  },
  INVALID_TOKEN_ENV: {
    topic: "setup",
    exit: 2,
    when: "--graph-token-env or --arm-token-env is not a variable name, or the variable is empty.",
    remedy: "Pass the name of a variable holding an access token (az account get-access-token --resource ... --query accessToken -o tsv)."
  },
  SETUP_TOKEN_UNAVAILABLE: {
    topic: "setup",
    exit: 1,
    when: "No token for Graph or ARM could be had from `az account get-access-token`.",
    remedy: "Install the Azure CLI and run `az login`, or pass tokens with --graph-token-env / --arm-token-env."
  },
  GRAPH_TOKEN_REJECTED: {
    topic: "setup",
    exit: 1,
    when: "Microsoft Graph refused the set-up's token (expired, or for another resource).",
    remedy: "Get a fresh token for https://graph.microsoft.com (az login, or a new --graph-token-env value) and run the same command again."
  },
  ARM_TOKEN_REJECTED: {
    topic: "setup",
    exit: 1,
    when: "Azure Resource Manager refused the set-up's token (expired, or for another resource).",
    remedy: "Get a fresh token for https://management.azure.com (az login, or a new --arm-token-env value) and run the same command again."
  },
  GRAPH_FORBIDDEN: {
    topic: "setup",
    exit: 1,
    when: "Microsoft Graph answered 403: the signed-in identity may not read or write applications.",
    remedy: "Ask an administrator for Application.ReadWrite.All (or the Application Administrator role), then run the same command again: it continues where it stopped."
  },
  ARM_FORBIDDEN: {
    topic: "setup",
    exit: 1,
    when: "Azure Resource Manager answered 403: the signed-in identity may not assign roles at that scope.",
    remedy: "Ask for Microsoft.Authorization/roleAssignments/write there (User Access Administrator or Owner), then run the same command again: it continues where it stopped."
  },
  ARM_REQUEST_FAILED: {
    topic: "setup",
    exit: 1,
    when: "Azure Resource Manager answered an error other than 401 or 403 (a conflicting change included).",
    remedy: "A 5xx, 409 or 429 is passing: run the same command again; otherwise check the values given (--dry-run shows each request)."
  },
  FIC_CONFLICT: {
    topic: "setup",
    exit: 1,
    when: "The app has a federated credential with the same name, or the same issuer and subject, but other values.",
    remedy: "Rerun with --replace to overwrite it, or remove it with az ad app federated-credential delete."
  },
  FIC_LIMIT_REACHED: {
    topic: "setup",
    exit: 1,
    when: "The app already holds 20 federated credentials, the most Entra allows; nothing was written.",
    remedy: "Remove credentials no pipeline uses, or give this pipeline its own app with --app-name."
  },
  // Flags, inputs and settings: checked before anything is sent.
  MISSING_CLIENT_ID: {
    topic: "input",
    exit: 2,
    when: "No client id was given (flag, input, setting or AZURE_CLIENT_ID).",
    remedy: "Pass --client-id (or set AZURE_CLIENT_ID) to the application (client) id GUID of the app registration."
  },
  INVALID_CLIENT_ID: {
    topic: "input",
    exit: 2,
    when: "The client id is not a GUID.",
    remedy: 'Use the "Application (client) ID" from the app registration overview.'
  },
  MISSING_TENANT_ID: {
    topic: "input",
    exit: 2,
    when: "No tenant id was given (flag, input, setting or AZURE_TENANT_ID).",
    remedy: "Pass --tenant-id (or set AZURE_TENANT_ID) to the directory (tenant) id GUID or a verified domain."
  },
  INVALID_TENANT_ID: {
    topic: "input",
    exit: 2,
    when: "The tenant is neither a GUID nor a domain name, or is a multi-tenant alias (common, organizations, consumers) that client credentials refuse (AADSTS9001023).",
    remedy: "Use the directory (tenant) id GUID of the tenant that holds the app registration."
  },
  INVALID_CLOUD: {
    topic: "input",
    exit: 2,
    when: "The cloud is not AzureCloud, AzureUSGovernment or AzureChinaCloud.",
    remedy: "Use one of those names; for any other authority pass --authority-host."
  },
  INVALID_AUTHORITY_HOST: {
    topic: "input",
    exit: 2,
    when: "The authority host is not a URL, is not https, or carries control characters, credentials, a query or a fragment.",
    remedy: "Pass only scheme, host and port, e.g. https://login.microsoftonline.com, or use --cloud."
  },
  INSECURE_AUTHORITY_HOST: {
    topic: "input",
    exit: 2,
    when: "The authority host uses plain http to a host that is not loopback.",
    remedy: "Use https; plain http is allowed only to 127.0.0.1, localhost or [::1] (the sandbox)."
  },
  INVALID_SCOPE: {
    topic: "input",
    exit: 2,
    when: "A scope names no resource, is longer than 1024 characters, or holds white space, control or non-ASCII characters.",
    remedy: "Give one resource URI per --scope, e.g. --scope https://vault.azure.net/.default."
  },
  INVALID_AUDIENCE: {
    topic: "input",
    exit: 2,
    when: "The audience has control characters or is longer than 600 characters.",
    remedy: "Use the audience the federated credential holds, e.g. api://AzureADTokenExchange."
  },
  INVALID_TIMEOUT: {
    topic: "input",
    exit: 2,
    when: "The timeout is not a number of seconds between 0 and 3600.",
    remedy: "Pass --timeout (Action: timeout-seconds) as seconds, e.g. 30."
  },
  INVALID_PROXY: {
    topic: "input",
    exit: 2,
    when: "HTTPS_PROXY or HTTP_PROXY is not a URL, or is not an http:// proxy.",
    remedy: "Set it to the proxy's http:// URL, e.g. http://proxy.example.com:3128."
  },
  UNEXPECTED_ARGUMENT: {
    topic: "input",
    exit: 2,
    when: "A command that takes no positional arguments was given one (often a token pasted after a flag that takes none); its value is never shown.",
    remedy: "Give every value right after its flag (--flag VALUE); tokens are read from --id-token-file, --id-token-env or the environment, never from the command line."
  },
  INVALID_ARGUMENTS: {
    topic: "input",
    exit: 2,
    when: "A command got an unknown flag, a missing value, or a combination it does not take.",
    remedy: "Run `entra-federate <command> --help` for the flags it takes."
  },
  SECRET_ON_COMMAND_LINE: {
    topic: "input",
    exit: 2,
    when: "A secret or token was given as a command-line flag, where other users and logs can see it.",
    remedy: "Put it in the environment variable the error names (e.g. AZURE_CLIENT_SECRET)."
  },
  INVALID_SUBSCRIPTION_ID: {
    topic: "input",
    exit: 2,
    when: "The subscription id is not a GUID.",
    remedy: "Use the subscription id GUID from the subscription's overview page, or leave it empty."
  },
  INVALID_PROVIDER: {
    topic: "input",
    exit: 2,
    when: "--provider names a CI entra-federate does not know.",
    remedy: "Use one of the names the error lists, or --id-token-file / --id-token-env for any other CI."
  },
  CONFLICTING_TOKEN_SOURCES: {
    topic: "input",
    exit: 2,
    when: "--id-token-file and --id-token-env were both given.",
    remedy: "Give one place to read the CI token from."
  },
  CONFLICTING_CREDENTIALS: {
    topic: "input",
    exit: 2,
    when: "A plugin step has both a certificate and a client secret set.",
    remedy: "Keep one: the certificate (Microsoft recommends it over secrets), or the client secret."
  },
  NOT_ON_A_RUNNER: {
    topic: "input",
    exit: 2,
    when: "The Action runs without the GitHub runner files (GITHUB_ENV, GITHUB_OUTPUT, ...) it passes things on through.",
    remedy: "Run it as a `uses:` step on a GitHub Actions runner; elsewhere use the `entra-federate` CLI."
  },
  INVALID_PORT: {
    topic: "input",
    exit: 2,
    when: "`entra-federate sandbox --port` is not a number from 0 to 65535.",
    remedy: "Pass a free port number, or leave --port out to pick one."
  },
  PORT_UNAVAILABLE: {
    topic: "input",
    exit: 2,
    when: "`entra-federate sandbox` cannot listen on the port asked for.",
    remedy: "Pick another --port, or leave it out to use any free port."
  },
  INVALID_SANDBOX_CONFIG: {
    topic: "input",
    exit: 2,
    when: "The sandbox's --config file cannot be read or holds fields it does not accept.",
    remedy: "Fix the file; the README's Sandbox section lists its fields."
  },
  // The CI token and the other credentials.
  NO_CREDENTIAL: {
    topic: "credential",
    exit: 2,
    when: "Nothing to authenticate with: no CI OIDC token source, certificate or secret was detected or given.",
    remedy: "Run inside a CI that issues OIDC tokens (GitHub Actions needs `permissions: id-token: write`), pass --id-token-file or --id-token-env, or give a certificate."
  },
  ID_TOKEN_UNAVAILABLE: {
    topic: "credential",
    exit: 2,
    when: "The CI gave this job no OIDC token as configured: the job lacks the permission or setting, the token's variable or file is empty, or the CI's token command is not installed.",
    remedy: "Turn on the CI's OIDC token for the job (the error names the permission, variable or file), or pass --id-token-file / --id-token-env."
  },
  ID_TOKEN_REQUEST_FAILED: {
    topic: "credential",
    exit: 1,
    when: "The CI's token endpoint or command was asked for an OIDC token and failed, or answered something that is not a token.",
    remedy: "Retry the job; if it persists, check what the error quotes from the endpoint or command."
  },
  INVALID_ID_TOKEN_FILE: {
    topic: "credential",
    exit: 2,
    when: "--id-token-file (or AZURE_FEDERATED_TOKEN_FILE) is empty.",
    remedy: "Give the path of the file that holds the CI's OIDC token."
  },
  INVALID_ID_TOKEN_ENV: {
    topic: "credential",
    exit: 2,
    when: "--id-token-env is not an environment variable name.",
    remedy: "Pass the name of the variable that holds the token, not the token itself."
  },
  MALFORMED_ID_TOKEN: {
    topic: "credential",
    exit: 2,
    when: "What was given as the CI token is not a JWT (a path, a JSON wrapper, quotes, or a variable someone else defined).",
    remedy: "Pass the raw OIDC ID token (three base64url parts separated by dots), and let the CI set its own variables."
  },
  ID_TOKEN_EXPIRED: {
    topic: "credential",
    exit: 1,
    when: "The identity endpoint needs a CI token after the one it was given expired, and this CI issues no new one during the job.",
    remedy: "Finish the tools' work within the CI token's lifetime, or use a CI that issues tokens on request."
  },
  INVALID_CERTIFICATE: {
    topic: "credential",
    exit: 2,
    when: "The certificate file or setting is empty, too large, unreadable, or does not hold exactly one private key and its matching certificate.",
    remedy: "Give a PEM holding the unencrypted RSA private key and the certificate uploaded to the app registration."
  },
  UNSUPPORTED_CERTIFICATE: {
    topic: "credential",
    exit: 2,
    when: "The certificate is not PEM (e.g. .pfx), its key is encrypted, not RSA, or shorter than 2048 bits.",
    remedy: "Convert it to PEM with an unencrypted RSA key of 2048 bits or more (`openssl pkcs12 -in cert.pfx -out cert.pem -nodes`)."
  },
  CERTIFICATE_EXPIRED: {
    topic: "credential",
    exit: 2,
    when: "The certificate in the PEM has expired.",
    remedy: "Create a new certificate, upload it to the app registration, and replace the PEM in the CI."
  },
  INVALID_CERTIFICATE_ALGORITHM: {
    topic: "credential",
    exit: 2,
    when: "The certificate signing algorithm is neither PS256 nor RS256.",
    remedy: "Use PS256 (the default) or RS256."
  },
  // The network and the token endpoint.
  HOST_NOT_FOUND: {
    topic: "network",
    exit: 1,
    when: "The host of a request (Entra, the CI, an issuer) could not be resolved.",
    remedy: "Check the URL (authority host, cloud, CI endpoint) and the runner's DNS and proxy (HTTPS_PROXY, NO_PROXY)."
  },
  TLS_ERROR: {
    topic: "network",
    exit: 1,
    when: "A server's TLS certificate was not trusted.",
    remedy: "If a proxy or the sandbox uses its own CA, point NODE_EXTRA_CA_CERTS at its certificate file."
  },
  TIMEOUT: {
    topic: "network",
    exit: 1,
    when: "A server did not answer in time, after the retries the deadline allowed.",
    remedy: "Check network access to the host, or raise --timeout."
  },
  NETWORK_ERROR: {
    topic: "network",
    exit: 1,
    when: "A server could not be reached (refused, reset, unreachable), after the retries the deadline allowed.",
    remedy: "Check network access to the host and the proxy settings (HTTPS_PROXY, NO_PROXY)."
  },
  RESPONSE_TOO_LARGE: {
    topic: "network",
    exit: 1,
    when: "A response was larger than 1 MiB, more than any token or discovery document.",
    remedy: "Check that the URL points at the right service; a proxy may be answering instead."
  },
  THROTTLED: {
    topic: "network",
    exit: 1,
    when: "Entra answered HTTP 429 and the wait it asked for did not fit the deadline.",
    remedy: "Run fewer concurrent jobs, reuse tokens within a job, or raise --timeout so the wait fits."
  },
  SERVICE_UNAVAILABLE: {
    topic: "network",
    exit: 1,
    when: "The token endpoint answered HTTP 5xx without an Entra error, after the retries the deadline allowed.",
    remedy: "Try again later, and check https://status.azure.com."
  },
  UNEXPECTED_RESPONSE: {
    topic: "network",
    exit: 1,
    when: "The token endpoint answered an error status with a body that is not an Entra error (HTML, text, nothing).",
    remedy: "Something other than Entra answered: check --authority-host and any proxy (HTTPS_PROXY) in between."
  },
  INVALID_RESPONSE: {
    topic: "network",
    exit: 1,
    when: "The token endpoint answered HTTP 200 without a usable access_token and a positive, finite expires_in.",
    remedy: "Something other than Entra answered: check --authority-host and any proxy in between."
  },
  // Policy and audit.
  POLICY_UNREADABLE: {
    topic: "policy",
    exit: 2,
    when: "The --policy file path is empty, or the file does not exist or cannot be read.",
    remedy: "Pass --policy with the path of your policy file (JSON, or YAML in a .yml/.yaml file)."
  },
  POLICY_INVALID: {
    topic: "policy",
    exit: 2,
    when: "The policy file is not valid JSON or YAML, is larger than 1 MiB, or holds a rule that is not understood.",
    remedy: "Fix the file at the place the error names; a typo must not quietly allow more."
  },
  POLICY_DENIED: {
    topic: "policy",
    exit: 1,
    when: "No rule of the policy allows this login (or this verified token): nothing was sent to Entra.",
    remedy: "Run from a pipeline the policy allows, or change the policy; the error names the rule set and the claim."
  },
  CLAIMS_UNREADABLE: {
    topic: "policy",
    exit: 2,
    when: "`entra-federate policy test --claims` names a file that does not exist or cannot be read.",
    remedy: "Pass --claims with a JSON file of claims, or a file holding a JWT."
  },
  CLAIMS_INVALID: {
    topic: "policy",
    exit: 2,
    when: "The --claims file is neither a JSON object nor a JWT.",
    remedy: "Save the claims as a JSON object, e.g. the output of `entra-federate verify`."
  },
  AUDIT_LOG_UNWRITABLE: {
    topic: "policy",
    exit: 2,
    when: "The --audit-log path is empty, not a regular file, or cannot be opened for appending (checked before anything is sent).",
    remedy: "Pass --audit-log with a writable regular file path (it is created 0600 if missing)."
  },
  AUDIT_LOG_WRITE_FAILED: {
    topic: "policy",
    exit: 1,
    when: "A record could not be appended to the audit log after the login.",
    remedy: "Check the disk space and permissions of the audit log file."
  },
  // doctor.
  INVALID_FIC_FILE: {
    topic: "doctor",
    exit: 2,
    when: "The --fic file cannot be read, is not JSON, or holds something other than federated credentials.",
    remedy: "Save the output of `az ad app federated-credential list --id <client-id>` as it is and pass its path."
  },
  INVALID_GRAPH_TOKEN_ENV: {
    topic: "doctor",
    exit: 2,
    when: "--graph-token-env is not a variable name, or the variable is empty.",
    remedy: "Name a variable that holds a Microsoft Graph access token (not the token itself)."
  },
  INVALID_GRAPH_URL: {
    topic: "doctor",
    exit: 2,
    when: "The Graph endpoint is not https (plain http is allowed only to loopback).",
    remedy: "Use https."
  },
  NO_CI_TOKEN: {
    topic: "doctor",
    exit: 2,
    when: "The doctor found no CI token to examine.",
    remedy: "Run it in the CI job, or pass --id-token-file / --id-token-env."
  },
  GRAPH_REQUEST_FAILED: {
    topic: "doctor",
    exit: 1,
    when: "Microsoft Graph refused or failed a request: the doctor's listing of the app's federated credentials, or a set-up read or write (other than 401 and 403).",
    remedy: "Use a fresh Graph token of an identity that may read the app (Application.Read.All, or its owner), or pass the FICs with --fic-file."
  },
  // Hand-offs to the next tools, and the identity endpoint.
  INVALID_EXPORT: {
    topic: "handoff",
    exit: 2,
    when: "--export (or the `export` input) names something entra-federate cannot export.",
    remedy: "Use one of the names the error lists."
  },
  INVALID_EXPORT_FILE: {
    topic: "handoff",
    exit: 2,
    when: "--export-file is empty.",
    remedy: 'Give the path of the file to write `export` lines to, e.g. "$RUNNER_TEMP/azure.env".'
  },
  INSECURE_EXPORT_FILE: {
    topic: "handoff",
    exit: 2,
    when: "The --export-file exists and other users can read or write it, or it is not a regular file.",
    remedy: "Run `chmod 600` on it, or give a path that does not exist yet."
  },
  EXPORT_FILE_WRITE_FAILED: {
    topic: "handoff",
    exit: 2,
    when: "The file variables are passed on through (--export-file, or the CI variables file) cannot be written.",
    remedy: "Give --export-file a path in a directory the job can write, or do not override the file the CI sets."
  },
  NO_VARIABLES_CHANNEL: {
    topic: "handoff",
    exit: 2,
    when: "An export passes variables to later steps, and this CI has no channel for them that entra-federate knows.",
    remedy: "Pass --export-file FILE and source it (`. FILE`) in the shell that runs the tools."
  },
  NO_CI_TOKEN_TO_EXPORT: {
    topic: "handoff",
    exit: 2,
    when: "An export that passes a CI token on (env, terraform, kubelogin, az) was asked for a certificate or secret login.",
    remedy: "Sign in with the CI's OIDC token, or export only git, acr:<registry> or identity-endpoint."
  },
  SCOPE_VARIABLE_CLASH: {
    topic: "handoff",
    exit: 2,
    when: "Two scopes would be exported under the same AZURE_ACCESS_TOKEN_<RESOURCE> variable.",
    remedy: "Give scopes of different resources, one per resource."
  },
  INVALID_REGISTRY: {
    topic: "handoff",
    exit: 2,
    when: "The acr export names no registry, or something that is not a registry login server.",
    remedy: "Name the registry's login server, without a scheme: acr:myregistry.azurecr.io."
  },
  INVALID_IMDS_ENDPOINT: {
    topic: "credential",
    exit: 2,
    when: "IMDS_ENDPOINT or AZURE_POD_IDENTITY_AUTHORITY_HOST is not a URL, or is plain http to a host other than 169.254.169.254 or loopback.",
    remedy: "Set it to http://169.254.169.254 (or an https URL), or unset it."
  },
  INVALID_CREDENTIAL_KIND: {
    topic: "input",
    exit: 2,
    when: "--credential (the Action input `credential`) names something other than `auto` or `managed-identity`.",
    remedy: "Pass --credential managed-identity for the runner's own identity, or leave it out."
  },
  MANAGED_IDENTITY_UNAVAILABLE: {
    topic: "credential",
    exit: 1,
    when: "With --credential managed-identity, the managed identity endpoint (IMDS) did not answer before the deadline.",
    remedy: "Run on an Azure VM, scale set or AKS node with a managed identity, or set IMDS_ENDPOINT; elsewhere sign in with the CI token."
  },
  MANAGED_IDENTITY_FAILED: {
    topic: "credential",
    exit: 1,
    when: "The managed identity endpoint (IMDS) answered without a token: no such identity on this machine, or no token for that resource.",
    remedy: "Enable or assign the identity (pass --client-id for a user-assigned one), and check the resource."
  },
  REGISTRY_NOT_ACR: {
    topic: "handoff",
    exit: 2,
    when: "A registry (acr export or the docker credential helper) is not an Azure Container Registry login server (*.azurecr.io, *.azurecr.us, *.azurecr.cn) nor loopback: no token is sent to it.",
    remedy: "Name the registry's Azure Container Registry login server, e.g. acr:myregistry.azurecr.io."
  },
  INVALID_GIT_CONFIG_COUNT: {
    topic: "handoff",
    exit: 2,
    when: "GIT_CONFIG_COUNT is set to something that is not a count, so git itself would refuse to run.",
    remedy: "Fix or unset GIT_CONFIG_COUNT before this step."
  },
  UNTRUSTED_SESSION: {
    topic: "handoff",
    exit: 2,
    when: "The session record named by ENTRA_FEDERATE_SESSION or --session is not a private JSON file of this user.",
    remedy: "Point it at the file `entra-federate login` wrote."
  },
  TOOL_NOT_FOUND: {
    topic: "handoff",
    exit: 2,
    when: "A program an export signs in (az, docker) is not installed on the runner.",
    remedy: "Install it, or drop that export."
  },
  AZ_LOGIN_FAILED: {
    topic: "handoff",
    exit: 1,
    when: "The Azure CLI ran and failed to select the cloud, sign in with the CI token, or select the subscription.",
    remedy: "Use Azure CLI 2.30 or later that reaches its cloud; give the app a role on the subscription, or leave it out."
  },
  DOCKER_CONFIG_WRITE_FAILED: {
    topic: "handoff",
    exit: 1,
    when: "The acr export could not write its private docker configuration (DOCKER_CONFIG) under the job's temporary directory.",
    remedy: "Check that the job can write its temporary directory (RUNNER_TEMP or TMPDIR)."
  },
  ACR_EXCHANGE_FAILED: {
    topic: "handoff",
    exit: 1,
    when: "The registry refused to exchange the Entra token for a refresh token, or answered without one.",
    remedy: "Give the app a role on the registry (AcrPull to pull, AcrPush to push), and name its login server."
  },
  TOKEN_FILE_WRITE_FAILED: {
    topic: "handoff",
    exit: 1,
    when: "The federated token file could not be created in the temporary directory.",
    remedy: "RUNNER_TEMP (or TMPDIR) must exist and be writable by the job's user."
  },
  RUNNER_FILE_WRITE_FAILED: {
    topic: "handoff",
    exit: 1,
    when: "A GitHub runner file (GITHUB_ENV, GITHUB_OUTPUT, GITHUB_STATE) could not be appended to.",
    remedy: "Do not override the runner file variables; the runner sets them."
  },
  OUTPUT_WRITE_FAILED: {
    topic: "handoff",
    exit: 1,
    when: "The Drone or Harness plugin could not write its env or output file.",
    remedy: "Make the path writable for the plugin's user (uid 1000), or set `output` to a writable path."
  },
  INVALID_IDLE_TIMEOUT: {
    topic: "handoff",
    exit: 2,
    when: "ENTRA_FEDERATE_IDENTITY_IDLE_TIMEOUT is not a whole number of seconds from 1 to 86400.",
    remedy: "Set it to the seconds the identity endpoint may stay idle, e.g. 3600, or unset it (default 7200)."
  },
  IDENTITY_ENDPOINT_UNAVAILABLE: {
    topic: "handoff",
    exit: 2,
    when: "The identity-endpoint export was asked of an entry point that cannot start it.",
    remedy: "Use `entra-federate login --export identity-endpoint` or the GitHub Action."
  },
  IDENTITY_ENDPOINT_FAILED: {
    topic: "handoff",
    exit: 1,
    when: "The identity endpoint did not start: its program is missing from the installation, or it exited or did not answer before it was ready.",
    remedy: "Re-run; if it persists, reinstall entra-federate and report it with the step's log (it holds no token)."
  },
  INVALID_ENDPOINT_CONFIG: {
    topic: "handoff",
    exit: 2,
    when: "The identity endpoint's program was started by hand, without its configuration.",
    remedy: "Start it through `entra-federate login --export identity-endpoint` or the Action."
  },
  // verify: what the command and the library refuse.
  MISSING_ISSUER: {
    topic: "verify",
    exit: 2,
    when: "No issuer was given to verify against.",
    remedy: "Pass --issuer with the issuer URL exactly as the token's iss claim has it."
  },
  MISSING_AUDIENCE: {
    topic: "verify",
    exit: 2,
    when: "No audience was given, so a token minted for any service would be accepted.",
    remedy: "Pass --audience with the audience the CI token is requested for."
  },
  INVALID_ISSUER: {
    topic: "verify",
    exit: 2,
    when: "The --issuer (verify, setup generic) is not a URL, not https (except loopback), or carries credentials, a query or a fragment.",
    remedy: "Give the issuer exactly as its tokens' iss claim has it, e.g. https://token.actions.githubusercontent.com."
  },
  INVALID_ALGORITHM: {
    topic: "verify",
    exit: 2,
    when: "--algorithm names an algorithm that cannot be allowed.",
    remedy: "Use RS256, PS256 or ES256; none and HMAC are never accepted."
  },
  INVALID_CLOCK_SKEW: {
    topic: "verify",
    exit: 2,
    when: "--clock-skew is not between 0 and 300 seconds.",
    remedy: "Pass it as seconds up to 300; CI tokens live minutes."
  },
  INVALID_MAX_AGE: {
    topic: "verify",
    exit: 2,
    when: "--max-age is not a positive number of seconds.",
    remedy: "Pass it as seconds, e.g. --max-age 600."
  },
  INVALID_CLAIM_PATTERN: {
    topic: "verify",
    exit: 2,
    when: "A --claim is not NAME=PATTERN, or its pattern is empty.",
    remedy: "Write e.g. --claim repository=octo-org/octo-repo; use --require-claim NAME for presence only."
  },
  TOKEN_UNAVAILABLE: {
    topic: "verify",
    exit: 2,
    when: "`entra-federate verify` got no token: standard input, the file or the variable is empty or missing.",
    remedy: "Pipe the token to standard input, or pass --id-token-file FILE or --id-token-env NAME."
  },
  TOKEN_MALFORMED: {
    topic: "verify",
    exit: 1,
    when: "The token is not a signed JWT (compact JWS), or its header is malformed.",
    remedy: "Pass the raw OIDC ID token, nothing around it; do not accept a malformed one."
  },
  ALG_NONE: {
    topic: "verify",
    exit: 1,
    when: 'The token is unsigned (alg "none").',
    remedy: "Do not accept it: anyone could have written it."
  },
  ALG_HMAC: {
    topic: "verify",
    exit: 1,
    when: "The token uses a symmetric (HMAC) algorithm, which anyone holding the issuer's public key can forge.",
    remedy: "Do not accept it; only asymmetric signatures checked with the issuer's keys are."
  },
  ALG_NOT_ALLOWED: {
    topic: "verify",
    exit: 1,
    when: "The token has no alg, or one that is not allowed.",
    remedy: "Allow the issuer's algorithm with --algorithm if it is RS256, PS256 or ES256."
  },
  CRIT_UNSUPPORTED: {
    topic: "verify",
    exit: 1,
    when: "The token marks header extensions as critical, or uses a JWS feature, that the verifier does not understand.",
    remedy: "Do not accept it; CI tokens use no JWS extensions (RFC 7515 requires refusing unknown critical ones)."
  },
  TYP_MISMATCH: {
    topic: "verify",
    exit: 1,
    when: "The typ header is not the expected one: another kind of JWT may be presented as an ID token.",
    remedy: "Present an ID token of the expected type, or pass --typ with the type this issuer uses."
  },
  KID_UNKNOWN: {
    topic: "verify",
    exit: 1,
    when: "The token's signing key (kid) is not in the issuer's JWKS.",
    remedy: "Do not accept it: only keys in the issuer JWKS are trusted."
  },
  KID_MISSING: {
    topic: "verify",
    exit: 1,
    when: "The token has no kid and the issuer's JWKS has several keys of its type.",
    remedy: "Tokens from this issuer must name their signing key (kid)."
  },
  KEY_MISMATCH: {
    topic: "verify",
    exit: 1,
    when: "The key the token names is not a key for the token's algorithm.",
    remedy: "Do not accept it: it was not signed by the issuer."
  },
  KEY_UNUSABLE: {
    topic: "verify",
    exit: 1,
    when: "The issuer's key cannot be imported or used (e.g. an RSA key under 2048 bits).",
    remedy: "Check the issuer's JWKS."
  },
  SIGNATURE_INVALID: {
    topic: "verify",
    exit: 1,
    when: "The token's signature does not verify with the issuer's key it names.",
    remedy: "Do not accept it; request a fresh token from the CI."
  },
  EMBEDDED_JWK_IGNORED: {
    topic: "verify",
    exit: 1,
    when: "A token carrying its own public key (jwk header) failed the check with the issuer keys.",
    remedy: "Do not accept it: a token that brings its own key is forged."
  },
  EMBEDDED_X5C_IGNORED: {
    topic: "verify",
    exit: 1,
    when: "A token carrying its own certificate chain (x5c header) failed the check with the issuer keys.",
    remedy: "Do not accept it: a token that brings its own key is forged."
  },
  JKU_IGNORED: {
    topic: "verify",
    exit: 1,
    when: "A token pointing at its own key set (jku header) failed the check with the issuer keys.",
    remedy: "Do not accept it: a token that brings its own key is forged."
  },
  X5U_IGNORED: {
    topic: "verify",
    exit: 1,
    when: "A token pointing at its own certificate (x5u header) failed the check with the issuer keys.",
    remedy: "Do not accept it: a token that brings its own key is forged."
  },
  DISCOVERY_FAILED: {
    topic: "verify",
    exit: 1,
    when: "The issuer's discovery document could not be fetched, is not JSON, or has no https jwks_uri.",
    remedy: "Check --issuer (the issuer URL itself) and that the issuer publishes OIDC discovery."
  },
  DISCOVERY_ISSUER_MISMATCH: {
    topic: "verify",
    exit: 1,
    when: "The discovery document names another issuer than the one it was fetched for.",
    remedy: "Give --issuer exactly as the issuer spells itself (scheme, host, path, trailing slash)."
  },
  JWKS_UNAVAILABLE: {
    topic: "verify",
    exit: 1,
    when: "The issuer's JWKS could not be fetched or is not JSON.",
    remedy: "Check that the issuer is reachable from here; transient failures were retried."
  },
  JWKS_INVALID: {
    topic: "verify",
    exit: 1,
    when: "The issuer's JWKS has no keys array, or no RSA or P-256 signing key.",
    remedy: "Check the jwks_uri of the issuer's discovery document."
  },
  UNEXPECTED_ISSUER: {
    topic: "verify",
    exit: 1,
    when: "The token's iss claim is not exactly the expected issuer.",
    remedy: "Accept tokens only from the expected issuer; compare exactly (scheme, host, path, trailing slash)."
  },
  UNEXPECTED_AUDIENCE: {
    topic: "verify",
    exit: 1,
    when: "The token's aud claim holds none of the expected audiences.",
    remedy: "A token minted for another service must not be accepted here; have the CI request this audience."
  },
  CLAIM_MISSING: {
    topic: "verify",
    exit: 1,
    when: "The token lacks a claim that is required (sub, exp, or a --require-claim).",
    remedy: "Check that the token comes from the expected issuer."
  },
  CLAIM_MISMATCH: {
    topic: "verify",
    exit: 1,
    when: "A claim does not match its --claim pattern.",
    remedy: "Run from the expected pipeline, or change the pattern."
  },
  CLAIM_WRONG_TYPE: {
    topic: "verify",
    exit: 1,
    when: "A claim that --claim or the policy matches is not one value (an array, an object or null).",
    remedy: "A claim must hold one string to match a pattern: check which issuer minted the token."
  },
  CLAIM_OUT_OF_RANGE: {
    topic: "verify",
    exit: 1,
    when: "A time claim (exp, nbf, iat) holds a number beyond what a date can hold.",
    remedy: "The token is malformed: check which issuer minted it."
  },
  CLAIM_INVALID: {
    topic: "verify",
    exit: 1,
    when: "exp, nbf or iat is not a number of seconds.",
    remedy: "Do not accept it: the issuer produced a malformed token."
  },
  TOKEN_EXPIRED: {
    topic: "verify",
    exit: 1,
    when: "The token expired (beyond the allowed clock skew).",
    remedy: "Request a fresh token from the CI; CI tokens live minutes."
  },
  TOKEN_NOT_YET_VALID: {
    topic: "verify",
    exit: 1,
    when: "The token is not valid yet (nbf beyond the allowed clock skew).",
    remedy: "Check the clocks of the issuer and this machine."
  },
  TOKEN_ISSUED_IN_FUTURE: {
    topic: "verify",
    exit: 1,
    when: "The token claims to be issued in the future (iat beyond the allowed clock skew).",
    remedy: "Check the clocks of the issuer and this machine."
  },
  TOKEN_TOO_OLD: {
    topic: "verify",
    exit: 1,
    when: "The token was issued longer ago than --max-age allows.",
    remedy: "Request a fresh token from the CI."
  },
  // Anything else.
  UNEXPECTED_ERROR: {
    topic: "internal",
    exit: 1,
    when: "An error entra-federate did not foresee (a bug); the audit log records it under this code.",
    remedy: "Report it with the ENTRA_FEDERATE_DEBUG=1 output (it holds no token)."
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

// src/core/exchange.ts
var JWT_BEARER = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
function parseJson(body) {
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
    const code = firstErrorCode(parseJson(res.body));
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
  const parsed = parseJson(res.body);
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
  const shown2 = clean(snippet(res.body));
  return new FederationError(
    res.status >= 500 ? "SERVICE_UNAVAILABLE" : "UNEXPECTED_RESPONSE",
    `The token endpoint answered HTTP ${res.status} with a non-JSON body (${kind})${shown2 === "" ? "" : `: "${shown2}"`}.`,
    {
      ...ids,
      remedy: res.status >= 500 ? "Entra or a proxy in between failed; it was retried. Try again later, and check https://status.azure.com." : "Something other than Entra answered: check --authority-host and any proxy (HTTPS_PROXY) between the runner and Entra."
    }
  );
}
function parseSuccess(res, scope, now) {
  const body = parseJson(res.body);
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
function decodePart(part2, which, source) {
  let parsed;
  try {
    parsed = JSON.parse(Buffer.from(part2, "base64url").toString("utf8"));
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

// src/policy/guard.ts
var POLICY_REMEDY = "Run the job from a branch, environment or repository a rule allows, or change the policy file (a change its reviewers must approve).";
var PolicyDeniedError = class extends FederationError {
  denial;
  constructor(denial, message, details) {
    super("POLICY_DENIED", message, details);
    this.denial = denial;
  }
};
function policyDeniedError(denial, idToken) {
  const field = denial.field === "claim" ? denial.claim ?? "claim" : denial.field === "clientId" ? "client-id" : denial.field === "tenant" ? "tenant-id" : "scope";
  const err = new PolicyDeniedError(denial, `Denied by policy: ${denial.reason}`, {
    remedy: POLICY_REMEDY,
    field,
    expected: denial.expected.join(" | "),
    actual: showClaim(denial.value, "when-needed"),
    ...denial.field === "scope" && typeof denial.value === "string" ? { scope: denial.value } : {}
  });
  const presented = presentedClaims(idToken);
  if (presented !== void 0) err.presented = presented;
  return err;
}

// src/verify/errors.ts
function rejected(code, message, remedy, details = {}) {
  return new FederationError(code, message, { remedy, ...details });
}
function shown(value) {
  const text = typeof value === "string" ? value : JSON.stringify(value) ?? String(value);
  const clean = printableAscii(text);
  return JSON.stringify(clean.length > 100 ? `${clean.slice(0, 97)}...` : clean);
}

// src/verify/claims.ts
function own2(claims, name) {
  return Object.hasOwn(claims, name) ? claims[name] : void 0;
}
function missing(claim, why) {
  return rejected(
    "CLAIM_MISSING",
    `The token has no ${claim} claim, which ${why}.`,
    `Only tokens with a ${claim} claim are accepted; check that the token comes from the expected issuer.`,
    { field: claim }
  );
}
var MAX_NUMERIC_DATE = 864e10;
function numericDate(claims, name, required) {
  const value = own2(claims, name);
  if (value === void 0) {
    if (required) throw missing(name, "OIDC ID tokens must carry");
    return void 0;
  }
  if (typeof value !== "number" || !Number.isFinite(value)) {
    throw rejected(
      "CLAIM_INVALID",
      `The token's ${name} claim is ${showClaim(value)}, not a number of seconds.`,
      "The issuer produced a malformed token; do not accept it.",
      { field: name, actual: showClaim(value) }
    );
  }
  if (Math.abs(value) > MAX_NUMERIC_DATE) {
    throw rejected(
      "CLAIM_OUT_OF_RANGE",
      `The token's ${name} claim is ${value}, which is no date: a time claim holds seconds since 1970, at most ${MAX_NUMERIC_DATE}.`,
      "The issuer produced a malformed (or forged) token; do not accept it.",
      { field: name, actual: String(value) }
    );
  }
  return value;
}
function checkIssuer(claims, issuer) {
  const iss = own2(claims, "iss");
  if (iss === void 0) throw missing("iss", "names the issuer");
  if (iss !== issuer) {
    throw rejected(
      "UNEXPECTED_ISSUER",
      `The token was issued by ${showClaim(iss)}, not ${JSON.stringify(issuer)}.`,
      "Accept tokens only from the expected issuer; compare exactly (scheme, host, path, trailing slash).",
      { field: "iss", expected: issuer, actual: showClaim(iss) }
    );
  }
}
function checkClaims(claims, checks, nowMs) {
  checkIssuer(claims, checks.issuer);
  if (typeof own2(claims, "sub") !== "string") throw missing("sub", "names the subject (the pipeline)");
  const aud = own2(claims, "aud");
  const audList = typeof aud === "string" ? [aud] : Array.isArray(aud) ? aud.filter((a) => typeof a === "string") : [];
  if (aud === void 0) throw missing("aud", "says whom the token is for");
  if (!audList.some((a) => checks.audiences.includes(a))) {
    throw rejected(
      "UNEXPECTED_AUDIENCE",
      `The token is for the audience ${showClaim(aud)}, not ${checks.audiences.map((a) => JSON.stringify(a)).join(" or ")}.`,
      "A token minted for another service must not be accepted here; have the CI request this audience.",
      { field: "aud", expected: checks.audiences.join(" | "), actual: showClaim(aud) }
    );
  }
  const now = nowMs / 1e3;
  const skew = checks.skewSeconds;
  const exp = numericDate(claims, "exp", true);
  if (now >= exp + skew) {
    throw rejected(
      "TOKEN_EXPIRED",
      `The token expired at ${isoTime(exp * 1e3)}, ${Math.round(now - exp)} s ago (allowed clock skew ${skew} s).`,
      "Request a fresh token from the CI; CI tokens live minutes.",
      { field: "exp", actual: isoTime(exp * 1e3) }
    );
  }
  const nbf = numericDate(claims, "nbf", false);
  if (nbf !== void 0 && nbf > now + skew) {
    throw rejected(
      "TOKEN_NOT_YET_VALID",
      `The token is not valid before ${isoTime(nbf * 1e3)}, ${Math.round(nbf - now)} s from now (allowed clock skew ${skew} s).`,
      "Check the clocks of the issuer and this machine; a token valid only in the future is refused.",
      { field: "nbf", actual: isoTime(nbf * 1e3) }
    );
  }
  const iat = numericDate(claims, "iat", true);
  if (iat > now + skew) {
    throw rejected(
      "TOKEN_ISSUED_IN_FUTURE",
      `The token claims to be issued at ${isoTime(iat * 1e3)}, ${Math.round(iat - now)} s from now (allowed clock skew ${skew} s).`,
      "Check the clocks of the issuer and this machine.",
      { field: "iat", actual: isoTime(iat * 1e3) }
    );
  }
  if (checks.maxAgeSeconds !== void 0 && now - iat > checks.maxAgeSeconds + skew) {
    throw rejected(
      "TOKEN_TOO_OLD",
      `The token was issued at ${isoTime(iat * 1e3)}, ${Math.round(now - iat)} s ago, more than the allowed ${checks.maxAgeSeconds} s.`,
      "Request a fresh token from the CI.",
      { field: "iat", expected: `at most ${checks.maxAgeSeconds} s old`, actual: isoTime(iat * 1e3) }
    );
  }
  for (const name of checks.required) {
    const value = own2(claims, name);
    if (value === void 0 || value === null) throw missing(name, "is required here");
  }
  for (const { claim, patterns } of checks.patterns) {
    const value = own2(claims, claim);
    if (value === void 0 || value === null)
      throw missing(claim, `must match ${patterns.map((p) => JSON.stringify(p.source)).join(" or ")}`);
    const wrongType = wrongClaimType(value);
    if (wrongType !== void 0) {
      throw rejected(
        "CLAIM_WRONG_TYPE",
        `The token's ${claim} claim has the wrong type: ${wrongType} (${showClaim(value)}), and only a single string, number or boolean can match ${patterns.map((p) => JSON.stringify(p.source)).join(" or ")}.`,
        `Only tokens whose ${claim} is one value that matches are accepted here; a list is not read as "any of".`,
        { field: claim, expected: patterns.map((p) => p.source).join(" | "), actual: showClaim(value) }
      );
    }
    if (!claimMatches(value, patterns)) {
      const expected = patterns.map((p) => p.source);
      throw rejected(
        "CLAIM_MISMATCH",
        `The token's ${claim} claim is ${showClaim(value)}, which does not match ${expected.map((e) => JSON.stringify(e)).join(" or ")}.`,
        `Only tokens whose ${claim} matches are accepted here: run from the expected pipeline, or change the pattern.`,
        { field: claim, expected: expected.join(" | "), actual: showClaim(value) }
      );
    }
  }
}

// src/verify/compact.ts
var MAX_TOKEN_LENGTH = 16 * 1024;
var B64URL2 = /^[A-Za-z0-9_-]*$/;
function malformed2(why) {
  return rejected(
    "TOKEN_MALFORMED",
    `The token is not a signed JWT: ${why}.`,
    "Pass the raw OIDC ID token (three base64url parts separated by dots), nothing around it."
  );
}
function part(text, which) {
  let parsed;
  try {
    parsed = JSON.parse(Buffer.from(text, "base64url").toString("utf8"));
  } catch {
    throw malformed2(`its ${which} is not base64url-encoded JSON`);
  }
  if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed))
    throw malformed2(`its ${which} is not a JSON object`);
  return parsed;
}
function parseCompact(token) {
  if (token.length > MAX_TOKEN_LENGTH) throw malformed2(`it is longer than ${MAX_TOKEN_LENGTH} characters`);
  const parts = token.split(".");
  if (parts.length === 5) throw malformed2("it has five parts (an encrypted JWE), not three");
  if (parts.length !== 3) throw malformed2(`it has ${parts.length} dot-separated parts, not three`);
  const [h, p, s] = parts;
  if (h === "" || p === "" || !B64URL2.test(h) || !B64URL2.test(p) || !B64URL2.test(s))
    throw malformed2("its parts are not all base64url");
  return { header: part(h, "header"), claims: part(p, "payload") };
}

// node_modules/jose/dist/webapi/lib/buffer_utils.js
var encoder = new TextEncoder();
var decoder = new TextDecoder();
var strictDecoder = new TextDecoder("utf-8", { fatal: true });
var UINT32_RANGE = 2 ** 32;
function decodeBase64(encoded, url = false) {
  if (Uint8Array.fromBase64)
    return Uint8Array.fromBase64(encoded, { alphabet: url ? "base64url" : "base64" });
  if (url) {
    if (encoded.includes("+") || encoded.includes("/"))
      throw new TypeError("Invalid base64url");
    encoded = encoded.replace(/-/g, "+").replace(/_/g, "/");
  }
  const binary = atob(encoded), bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++)
    bytes[i] = binary.charCodeAt(i);
  return bytes;
}

// node_modules/jose/dist/webapi/util/errors.js
var JOSEError = class extends Error {
  static code = "ERR_JOSE_GENERIC";
  code = "ERR_JOSE_GENERIC";
  constructor(message, options) {
    super(message, options), this.name = this.constructor.name, Error.captureStackTrace?.(this, this.constructor);
  }
};
var JOSENotSupported = class extends JOSEError {
  static code = "ERR_JOSE_NOT_SUPPORTED";
  code = "ERR_JOSE_NOT_SUPPORTED";
};

// node_modules/jose/dist/webapi/util/base64url.js
var invalid = "The input to be decoded is not correctly encoded.";
function decode(input) {
  try {
    return decodeBase64(typeof input == "string" ? input : decoder.decode(input), true);
  } catch (cause) {
    throw new TypeError(invalid, { cause });
  }
}

// node_modules/jose/dist/webapi/lib/validate.js
function isObject(input) {
  if (typeof input != "object" || input === null || Object.prototype.toString.call(input) !== "[object Object]")
    return false;
  const prototype = Object.getPrototypeOf(input);
  return prototype === null || Object.getPrototypeOf(prototype) === null;
}

// node_modules/jose/dist/webapi/lib/key.js
function snapshotJwk(jwk) {
  return { __proto__: null, ...jwk };
}
function normalizeJwk(jwk) {
  const normalized = snapshotJwk(jwk);
  if (normalized.ext !== void 0 && typeof normalized.ext != "boolean")
    throw new TypeError('"ext" (Extractable) Parameter must be a boolean');
  if (normalized.key_ops !== void 0) {
    const value = normalized.key_ops, keyOps = Array.isArray(value) ? [...value] : void 0;
    if (!keyOps || keyOps.some((operation) => typeof operation != "string") || new Set(keyOps).size !== keyOps.length)
      throw new TypeError('"key_ops" (Key Operations) Parameter must be an array of unique strings');
    normalized.key_ops = keyOps;
  }
  return normalized;
}
function validateExtractableOption(extractable) {
  if (extractable !== void 0 && typeof extractable != "boolean")
    throw new TypeError('"extractable" option must be a boolean');
  return extractable;
}
async function jwkToKey(entry, jwk, extractable) {
  if (!entry.kty.includes(jwk.kty))
    throw new JOSENotSupported('Invalid or unsupported JWK "alg" (Algorithm) Parameter value');
  const algorithm = entry.resolve?.({ kty: jwk.kty, crv: jwk.crv }) ?? entry.subtle, isPrivate = !!(jwk.d || jwk.priv), keyData = { ...jwk, ext: extractable ?? jwk.ext };
  return keyData.kty !== "AKP" && delete keyData.alg, delete keyData.use, crypto.subtle.importKey("jwk", keyData, algorithm, keyData.ext ?? !isPrivate, jwk.key_ops ?? entry.usages[isPrivate ? 1 : 0]);
}

// node_modules/jose/dist/webapi/lib/key_descriptor.js
function table(entries) {
  const out = { __proto__: null };
  for (const alg in entries)
    out[alg] = { ...entries[alg], alg };
  return out;
}

// node_modules/jose/dist/webapi/lib/jwe_algorithms.js
var wrap = [
  ["encrypt", "wrapKey"],
  ["decrypt", "unwrapKey"]
];
var derive = [[], ["deriveBits"]];
var none = [[], []];
function rsaes(bits) {
  return {
    kty: ["RSA"],
    mode: "key-encryption",
    subtle: { name: "RSA-OAEP", hash: `SHA-${bits}` },
    usages: wrap,
    ops: ["wrapKey", "unwrapKey"]
  };
}
function ecdh(mode) {
  return {
    kty: ["EC", "OKP"],
    mode,
    subtle: { name: "ECDH" },
    resolve: ({ kty, crv, asymmetricKeyType }) => {
      if (crv === "X25519" || asymmetricKeyType === "x25519")
        return { name: "X25519" };
      if (kty === "OKP")
        throw new JOSENotSupported('Invalid or unsupported JWK "alg" (Algorithm) Parameter value');
      return { name: "ECDH", namedCurve: crv };
    },
    usages: derive,
    ops: [void 0, "deriveBits"]
  };
}
function aeskw(bits, gcm = false) {
  return {
    kty: ["oct"],
    mode: "key-wrapping",
    secret: true,
    subtle: { name: gcm ? "AES-GCM" : "AES-KW", length: bits },
    usages: none,
    ops: gcm ? ["encrypt", "decrypt"] : ["wrapKey", "unwrapKey"]
  };
}
function pbes2() {
  return {
    kty: ["oct"],
    mode: "key-wrapping",
    secret: true,
    subtle: { name: "PBKDF2" },
    usages: none,
    ops: ["deriveBits", "deriveBits"]
  };
}
var JWE = table({
  dir: {
    kty: ["oct"],
    mode: "direct-encryption",
    secret: true,
    subtle: { name: "AES-GCM" },
    usages: none,
    ops: ["encrypt", "decrypt"]
  },
  "RSA-OAEP": rsaes(1),
  "RSA-OAEP-256": rsaes(256),
  "RSA-OAEP-384": rsaes(384),
  "RSA-OAEP-512": rsaes(512),
  "ECDH-ES": ecdh("direct-key-agreement"),
  "ECDH-ES+A128KW": ecdh("key-agreement-with-key-wrapping"),
  "ECDH-ES+A192KW": ecdh("key-agreement-with-key-wrapping"),
  "ECDH-ES+A256KW": ecdh("key-agreement-with-key-wrapping"),
  A128KW: aeskw(128),
  A192KW: aeskw(192),
  A256KW: aeskw(256),
  A128GCMKW: aeskw(128, true),
  A192GCMKW: aeskw(192, true),
  A256GCMKW: aeskw(256, true),
  "PBES2-HS256+A128KW": pbes2(),
  "PBES2-HS384+A192KW": pbes2(),
  "PBES2-HS512+A256KW": pbes2()
});
var contentOps = ["encrypt", "decrypt"];
function contentEncryption(bits, cbc = false) {
  return {
    kty: ["oct"],
    secret: true,
    subtle: { name: cbc ? "AES-CBC" : "AES-GCM", length: bits },
    usages: none,
    ops: contentOps,
    cekBits: bits,
    ivBits: cbc ? 128 : 96,
    cbc
  };
}
var ENC = table({
  A128GCM: contentEncryption(128),
  A192GCM: contentEncryption(192),
  A256GCM: contentEncryption(256),
  "A128CBC-HS256": contentEncryption(256, true),
  "A192CBC-HS384": contentEncryption(384, true),
  "A256CBC-HS512": contentEncryption(512, true)
});

// node_modules/jose/dist/webapi/lib/jws_algorithms.js
var sig = [["verify"], ["sign"]];
function hmac(bits) {
  const subtle = { name: "HMAC", hash: `SHA-${bits}` };
  return { kty: ["oct"], secret: true, subtle, signing: subtle, usages: sig };
}
function rsa(bits, saltLength) {
  const subtle = { name: saltLength ? "RSA-PSS" : "RSASSA-PKCS1-v1_5", hash: `SHA-${bits}` };
  return {
    kty: ["RSA"],
    subtle,
    signing: saltLength ? { ...subtle, saltLength } : subtle,
    usages: sig,
    minRsaBits: 2048
  };
}
function ecdsa(crv, bits) {
  return {
    kty: ["EC"],
    crv,
    subtle: { name: "ECDSA", namedCurve: crv },
    signing: { name: "ECDSA", hash: `SHA-${bits}` },
    usages: sig
  };
}
function eddsa() {
  const subtle = { name: "Ed25519" };
  return {
    kty: ["OKP"],
    crv: "Ed25519",
    subtle,
    signing: subtle,
    usages: sig
  };
}
function mldsa(parameterSet) {
  const subtle = { name: `ML-DSA-${parameterSet}` };
  return {
    kty: ["AKP"],
    subtle,
    signing: subtle,
    usages: sig
  };
}
var JWS = table({
  HS256: hmac(256),
  HS384: hmac(384),
  HS512: hmac(512),
  RS256: rsa(256),
  RS384: rsa(384),
  RS512: rsa(512),
  PS256: rsa(256, 32),
  PS384: rsa(384, 48),
  PS512: rsa(512, 64),
  ES256: ecdsa("P-256", 256),
  ES384: ecdsa("P-384", 384),
  ES512: ecdsa("P-521", 512),
  EdDSA: eddsa(),
  Ed25519: eddsa(),
  "ML-DSA-44": mldsa(44),
  "ML-DSA-65": mldsa(65),
  "ML-DSA-87": mldsa(87)
});

// node_modules/jose/dist/webapi/lib/key_algorithm.js
function unsupportedAlg(source = 'JWK "alg" (Algorithm) Parameter') {
  throw new JOSENotSupported(`Invalid or unsupported ${source} value`);
}
function keyAlgorithm(alg, source) {
  return (typeof alg == "string" ? JWS[alg] ?? JWE[alg] : void 0) ?? unsupportedAlg(source);
}

// node_modules/jose/dist/webapi/key/import.js
async function importJWK(jwk, alg, options) {
  if (!isObject(jwk))
    throw new TypeError("JWK must be an object");
  const normalized = normalizeJwk(jwk), extractable = validateExtractableOption(options?.extractable), { alg: jwkAlg } = normalized;
  if (alg ??= jwkAlg, normalized.kty !== "oct" && !alg)
    throw new TypeError('"alg" argument is required when "jwk.alg" is not present');
  switch (normalized.kty) {
    case "oct":
      if (typeof normalized.k != "string")
        throw new TypeError('missing "k" (Key Value) Parameter value');
      return decode(normalized.k);
    case "AKP": {
      if (typeof jwkAlg != "string" || !jwkAlg)
        throw new TypeError('missing "alg" (Algorithm) Parameter value');
      if (alg !== jwkAlg)
        throw new TypeError("JWK alg and alg option value mismatch");
      return jwkToKey(keyAlgorithm(alg), normalized, extractable);
    }
    case "RSA":
    case "EC":
    case "OKP":
      return jwkToKey(keyAlgorithm(alg), normalized, extractable);
    default:
      throw new JOSENotSupported('Unsupported "kty" (Key Type) Parameter value');
  }
}

// src/verify/issuer-keys.ts
import { KeyObject } from "node:crypto";
var ALLOWED_ALGORITHMS = ["RS256", "PS256", "ES256"];
var LOOPBACK = /^(?:localhost|\[::1\]|127(?:\.\d{1,3}){3})$/i;
function validateIssuerUrl(raw, what, field) {
  let url;
  try {
    url = new URL(raw);
  } catch {
    throw usageError(
      "INVALID_ISSUER",
      `The ${what} ${quote(raw)} is not a URL.`,
      "Give the issuer exactly as its tokens' iss claim has it, e.g. https://token.actions.githubusercontent.com.",
      field
    );
  }
  const plainLoopback = url.protocol === "http:" && LOOPBACK.test(url.hostname);
  if (url.protocol !== "https:" && !plainLoopback) {
    throw usageError(
      "INVALID_ISSUER",
      `The ${what} ${quote(raw)} is not an https URL.`,
      "Keys must come over https (plain http only to a loopback host), or anyone on the path could swap them.",
      field
    );
  }
  if (url.username !== "" || url.password !== "" || url.hash !== "") {
    throw usageError(
      "INVALID_ISSUER",
      `The ${what} ${quote(raw)} has credentials or a fragment.`,
      "Give the plain issuer URL.",
      field
    );
  }
  return url;
}
function isObject2(value) {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}
function parseJson2(body) {
  try {
    return JSON.parse(body);
  } catch {
    return void 0;
  }
}
function publicSigningKey(raw) {
  if (!isObject2(raw) || raw["d"] !== void 0 || raw["p"] !== void 0) return void 0;
  if (raw["use"] !== void 0 && raw["use"] !== "sig") return void 0;
  if (Array.isArray(raw["key_ops"]) && !raw["key_ops"].includes("verify")) return void 0;
  const common = {};
  if (typeof raw["kid"] === "string") common.kid = raw["kid"];
  if (typeof raw["alg"] === "string") common.alg = raw["alg"];
  if (raw["kty"] === "RSA" && typeof raw["n"] === "string" && typeof raw["e"] === "string")
    return { ...common, kty: "RSA", n: raw["n"], e: raw["e"] };
  if (raw["kty"] === "EC" && raw["crv"] === "P-256" && typeof raw["x"] === "string" && typeof raw["y"] === "string")
    return { ...common, kty: "EC", crv: "P-256", x: raw["x"], y: raw["y"] };
  return void 0;
}
function keyFits(jwk, alg) {
  if (jwk.alg !== void 0 && jwk.alg !== alg) return false;
  return alg === "ES256" ? jwk.kty === "EC" : jwk.kty === "RSA";
}
var IssuerKeys = class {
  issuer;
  http;
  clock;
  timeoutMs;
  refreshIntervalMs;
  maxAgeMs;
  jwksUri;
  keys;
  /** When the last JWKS fetch was attempted, successful or not. */
  lastAttemptAt = Number.NEGATIVE_INFINITY;
  inflight;
  /** `${alg} ${kid}` -> imported key: the whole cost of a cached verification's key lookup. */
  imported = /* @__PURE__ */ new Map();
  constructor(options) {
    this.issuer = options.issuer;
    this.http = options.http;
    this.clock = options.clock ?? systemClock;
    this.timeoutMs = options.timeoutMs ?? 3e4;
    this.refreshIntervalMs = options.refreshIntervalMs ?? 6e4;
    this.maxAgeMs = options.maxAgeMs ?? 6e5;
    this.jwksUri = options.jwksUri;
  }
  /** The imported key when it is cached and fresh; undefined sends the caller to resolve(). */
  cached(kid, alg) {
    const keys = this.keys;
    if (keys === void 0 || this.clock.now() - keys.fetchedAt > this.maxAgeMs) return void 0;
    return this.imported.get(`${alg} ${kid ?? ""}`);
  }
  /** Finds (fetching or refreshing as needed) and imports the key for a token's kid and alg. */
  async resolve(kid, alg) {
    const now = this.clock.now();
    if (this.keys === void 0) {
      await this.refresh();
    } else if (now - this.keys.fetchedAt > this.maxAgeMs && now - this.lastAttemptAt >= this.refreshIntervalMs) {
      await this.refresh().catch(() => void 0);
    }
    let jwk = this.select(kid, alg);
    if (jwk === void 0 && this.clock.now() - this.lastAttemptAt >= this.refreshIntervalMs) {
      await this.refresh();
      jwk = this.select(kid, alg);
    }
    if (jwk === void 0) throw this.noKey(kid, alg);
    const cacheKey = `${alg} ${kid ?? ""}`;
    const known = this.imported.get(cacheKey);
    if (known !== void 0) return known;
    let key;
    try {
      key = KeyObject.from(await importJWK(jwk, alg));
      const details = key.asymmetricKeyDetails;
      if (alg !== "ES256" && (details?.modulusLength ?? 0) < 2048)
        throw new Error("RSA keys must be at least 2048 bits");
      if (alg === "ES256" && details?.namedCurve !== "prime256v1") throw new Error("ES256 needs a P-256 key");
    } catch (err) {
      throw rejected(
        "KEY_UNUSABLE",
        `The issuer's key ${shown(kid ?? "(no kid)")} cannot be used for ${alg}: ${err instanceof Error ? err.message : String(err)}.`,
        "The issuer publishes a key this verifier cannot import; check the issuer's JWKS.",
        { cause: err }
      );
    }
    this.imported.set(cacheKey, key);
    return key;
  }
  select(kid, alg) {
    const keys = this.keys;
    if (keys === void 0) return void 0;
    if (kid !== void 0) return keys.byKid.get(kid)?.find((k) => keyFits(k, alg));
    const fitting = keys.all.filter((k) => keyFits(k, alg));
    return fitting.length === 1 ? fitting[0] : void 0;
  }
  noKey(kid, alg) {
    const keys = this.keys;
    if (kid === void 0) {
      const count = keys.all.filter((k) => keyFits(k, alg)).length;
      return rejected(
        "KID_MISSING",
        `The token has no kid header, and the issuer's JWKS has ${count} ${alg} keys, so none can be chosen.`,
        "Tokens from this issuer must name their signing key (kid).",
        { field: "kid" }
      );
    }
    if (keys.byKid.has(kid)) {
      return rejected(
        "KEY_MISMATCH",
        `The issuer's key ${shown(kid)} is not a key for ${alg}.`,
        "The token's alg does not match the type of the key it names: it was not signed by the issuer.",
        { field: "alg", actual: alg }
      );
    }
    const age = Math.round((this.clock.now() - keys.fetchedAt) / 1e3);
    return rejected(
      "KID_UNKNOWN",
      `The token's signing key ${shown(kid)} is not in the issuer's JWKS (fetched ${age} s ago; refreshed for unknown keys at most every ${Math.round(this.refreshIntervalMs / 1e3)} s).`,
      `Only keys in the JWKS of ${this.issuer} are trusted; the token was signed by some other key.`,
      { field: "kid", actual: kid }
    );
  }
  refresh() {
    this.inflight ??= this.fetchKeys().finally(() => {
      this.inflight = void 0;
    });
    return this.inflight;
  }
  async fetchKeys() {
    this.lastAttemptAt = this.clock.now();
    this.jwksUri ??= await this.discover();
    const body = await this.get(this.jwksUri, "the issuer's JWKS", "JWKS_UNAVAILABLE");
    const list2 = isObject2(body) && Array.isArray(body["keys"]) ? body["keys"] : void 0;
    if (list2 === void 0) {
      throw rejected(
        "JWKS_INVALID",
        `The issuer's JWKS at ${this.jwksUri} is not a JSON object with a keys array.`,
        "Check the jwks_uri of the issuer's discovery document."
      );
    }
    const all = list2.slice(0, 100).map(publicSigningKey).filter((k) => k !== void 0);
    if (all.length === 0) {
      throw rejected(
        "JWKS_INVALID",
        `The issuer's JWKS at ${this.jwksUri} has no RSA or P-256 signing key.`,
        "The issuer must publish RS256, PS256 or ES256 public keys."
      );
    }
    const byKid = /* @__PURE__ */ new Map();
    for (const key of all) {
      if (key.kid === void 0) continue;
      const list3 = byKid.get(key.kid);
      if (list3 === void 0) byKid.set(key.kid, [key]);
      else list3.push(key);
    }
    this.keys = { byKid, all, fetchedAt: this.clock.now() };
    this.imported = /* @__PURE__ */ new Map();
  }
  async discover() {
    const url = `${this.issuer.replace(/\/+$/, "")}/.well-known/openid-configuration`;
    const doc = await this.get(url, "the issuer's discovery document", "DISCOVERY_FAILED");
    if (!isObject2(doc))
      throw rejected(
        "DISCOVERY_FAILED",
        `The discovery document at ${url} is not a JSON object.`,
        "Check --issuer: it must be the issuer URL itself, and the issuer must publish OIDC discovery."
      );
    if (doc["issuer"] !== this.issuer) {
      throw rejected(
        "DISCOVERY_ISSUER_MISMATCH",
        `The discovery document at ${url} names the issuer ${shown(doc["issuer"])}, not ${shown(this.issuer)}.`,
        "Give --issuer exactly as the issuer spells itself (scheme, host, path, trailing slash).",
        { field: "issuer", expected: this.issuer, actual: String(doc["issuer"]) }
      );
    }
    const jwksUri = doc["jwks_uri"];
    if (typeof jwksUri !== "string")
      throw rejected(
        "DISCOVERY_FAILED",
        `The discovery document at ${url} has no jwks_uri.`,
        "The issuer must publish its signing keys (jwks_uri)."
      );
    try {
      validateIssuerUrl(jwksUri, "jwks_uri", "jwks_uri");
    } catch {
      throw rejected(
        "DISCOVERY_FAILED",
        `The discovery document at ${url} points at the JWKS ${shown(jwksUri)}, which is not an https URL.`,
        "Keys must come over https; check the issuer's configuration."
      );
    }
    return jwksUri;
  }
  async get(url, what, code) {
    const { response } = await fetchWithRetry(
      this.http,
      () => ({ method: "GET", url, headers: { accept: "application/json" } }),
      {
        deadlineAt: this.clock.now() + this.timeoutMs,
        what,
        clock: this.clock
      }
    );
    if (response.status !== 200) {
      throw rejected(
        code,
        `${what.charAt(0).toUpperCase()}${what.slice(1)} at ${url} answered HTTP ${response.status}.`,
        "Check --issuer and that the issuer is reachable from here; the request was retried when the failure looked transient.",
        { actual: String(response.status) }
      );
    }
    const body = parseJson2(response.body);
    if (body === void 0)
      throw rejected(
        code,
        `${what.charAt(0).toUpperCase()}${what.slice(1)} at ${url} is not JSON.`,
        "Check --issuer: something other than the issuer answered."
      );
    return body;
  }
};

// src/verify/verify.ts
var DEFAULT_CLOCK_SKEW_SECONDS = 60;
var MAX_CLOCK_SKEW_SECONDS = 300;
var FOREIGN_KEY_HEADERS = [
  { header: "jwk", code: "EMBEDDED_JWK_IGNORED", what: "carries its own public key (jwk header)" },
  { header: "x5c", code: "EMBEDDED_X5C_IGNORED", what: "carries its own certificate chain (x5c header)" },
  { header: "jku", code: "JKU_IGNORED", what: "points at its own key set (jku header)" },
  { header: "x5u", code: "X5U_IGNORED", what: "points at its own certificate (x5u header)" }
];
var KEY_FAILURES = /* @__PURE__ */ new Set([
  "KID_UNKNOWN",
  "KID_MISSING",
  "KEY_MISMATCH",
  "SIGNATURE_INVALID"
]);
var registry = /* @__PURE__ */ new Map();
function sharedKeys(issuer, jwksUri, make) {
  const id = `${issuer}
${jwksUri ?? ""}`;
  let keys = registry.get(id);
  if (keys === void 0) {
    keys = make();
    registry.set(id, keys);
  }
  return keys;
}
function normalizeTyp(typ) {
  const lower = typ.toLowerCase();
  return lower.startsWith("application/") ? lower.slice("application/".length) : lower;
}
function checkOptions(options) {
  if (typeof options.issuer !== "string" || options.issuer.trim() === "") {
    throw usageError(
      "MISSING_ISSUER",
      "No issuer given to verify against.",
      "Pass --issuer with the issuer URL exactly as the tokens' iss claim has it, e.g. https://token.actions.githubusercontent.com.",
      "issuer"
    );
  }
  validateIssuerUrl(options.issuer, "issuer", "issuer");
  if (options.jwksUri !== void 0) validateIssuerUrl(options.jwksUri, "JWKS URI", "jwks-uri");
  const audiences = (typeof options.audience === "string" ? [options.audience] : [...options.audience ?? []]).filter(
    (a) => a !== ""
  );
  if (audiences.length === 0) {
    throw usageError(
      "MISSING_AUDIENCE",
      "No audience given: a token minted for any service would be accepted.",
      "Pass --audience with the audience the CI token is requested for (e.g. api://AzureADTokenExchange, or your service's own).",
      "audience"
    );
  }
  const algorithms = /* @__PURE__ */ new Set();
  for (const alg of options.algorithms ?? ALLOWED_ALGORITHMS) {
    if (!ALLOWED_ALGORITHMS.includes(alg)) {
      throw usageError(
        "INVALID_ALGORITHM",
        `The algorithm ${quote(String(alg))} cannot be allowed.`,
        `Use one or more of ${ALLOWED_ALGORITHMS.join(", ")}; none and HMAC are never accepted.`,
        "algorithm"
      );
    }
    algorithms.add(alg);
  }
  const skew = options.clockSkewSeconds ?? DEFAULT_CLOCK_SKEW_SECONDS;
  if (!Number.isFinite(skew) || skew < 0 || skew > MAX_CLOCK_SKEW_SECONDS) {
    throw usageError(
      "INVALID_CLOCK_SKEW",
      `The clock skew ${quote(String(skew))} is not between 0 and ${MAX_CLOCK_SKEW_SECONDS} seconds.`,
      `Pass --clock-skew as seconds up to ${MAX_CLOCK_SKEW_SECONDS}; CI tokens live minutes, so more would accept expired tokens.`,
      "clock-skew"
    );
  }
  const maxAge = options.maxTokenAgeSeconds;
  if (maxAge !== void 0 && (!Number.isFinite(maxAge) || maxAge <= 0)) {
    throw usageError(
      "INVALID_MAX_AGE",
      `The maximum token age ${quote(String(maxAge))} is not a positive number of seconds.`,
      "Pass --max-age as seconds, e.g. --max-age 600.",
      "max-age"
    );
  }
  const patterns = Object.entries(options.claims ?? {}).map(([claim, value]) => {
    const list2 = typeof value === "string" ? [value] : [...value];
    if (claim === "" || list2.length === 0 || list2.some((p) => typeof p !== "string" || p === "")) {
      throw usageError(
        "INVALID_CLAIM_PATTERN",
        `The claim pattern for ${quote(claim)} is empty.`,
        "Give claim patterns as NAME=PATTERN, e.g. --claim repository=octo-org/octo-repo --claim ref=refs/heads/main.",
        "claim"
      );
    }
    return { claim, patterns: list2.map(compilePattern) };
  });
  return {
    algorithms,
    typ: normalizeTyp(options.typ ?? "JWT"),
    typRequired: options.typ !== void 0,
    checks: {
      issuer: options.issuer,
      audiences,
      skewSeconds: skew,
      ...maxAge === void 0 ? {} : { maxAgeSeconds: maxAge },
      required: [...options.requiredClaims ?? []],
      patterns
    }
  };
}
function checkHeader(header, algorithms, typ, typRequired) {
  const alg = header["alg"];
  if (typeof alg !== "string" || alg === "") {
    throw rejected(
      "ALG_NOT_ALLOWED",
      "The token's header has no alg.",
      "Only tokens signed with RS256, PS256 or ES256 are accepted.",
      { field: "alg" }
    );
  }
  if (alg.toLowerCase() === "none") {
    throw rejected(
      "ALG_NONE",
      'The token is unsigned (alg "none"): anyone could have written it.',
      "Only signed tokens are accepted; this one is forged or broken.",
      { field: "alg", actual: alg }
    );
  }
  if (/^HS/i.test(alg)) {
    throw rejected(
      "ALG_HMAC",
      `The token uses the symmetric algorithm ${shown(alg)}: an HMAC "signature" over an issuer's public key can be made by anyone.`,
      "Only asymmetric signatures (RS256, PS256, ES256) checked with the issuer's public keys are accepted.",
      { field: "alg", actual: alg }
    );
  }
  if (!algorithms.has(alg)) {
    throw rejected(
      "ALG_NOT_ALLOWED",
      `The token's algorithm ${shown(alg)} is not allowed (allowed: ${[...algorithms].join(", ")}).`,
      "Allow the issuer's algorithm with --algorithm if it is one of RS256, PS256, ES256; others are refused.",
      { field: "alg", expected: [...algorithms].join(" | "), actual: alg }
    );
  }
  const crit = header["crit"];
  if (crit !== void 0) {
    const names = Array.isArray(crit) ? crit.map((c) => shown(c)).join(", ") : shown(crit);
    throw rejected(
      "CRIT_UNSUPPORTED",
      `The token marks header extensions as critical (crit ${names}) that this verifier does not understand.`,
      "RFC 7515 requires refusing a token whose critical extensions are not understood; CI tokens use none.",
      { field: "crit", actual: names }
    );
  }
  const kid = header["kid"];
  if (kid !== void 0 && (typeof kid !== "string" || kid.length > 256)) {
    throw rejected(
      "TOKEN_MALFORMED",
      "The token's kid header is not a string of at most 256 characters.",
      "The token is malformed; do not accept it.",
      { field: "kid" }
    );
  }
  const tokenTyp = header["typ"];
  if (tokenTyp !== void 0 || typRequired) {
    if (typeof tokenTyp !== "string" || normalizeTyp(tokenTyp) !== typ) {
      throw rejected(
        "TYP_MISMATCH",
        `The token's type (typ header) is ${tokenTyp === void 0 ? "missing" : shown(tokenTyp)}, not ${JSON.stringify(typ.toUpperCase())}: it may be another kind of JWT (an access token, a logout token) presented as an ID token.`,
        "Present an ID token of the expected type, or pass --typ with the type this issuer uses.",
        { field: "typ", expected: typ, actual: String(tokenTyp) }
      );
    }
  }
  return { alg, kid };
}
function foreignKeyError(header, err) {
  const foreign = FOREIGN_KEY_HEADERS.find((f) => header[f.header] !== void 0);
  if (foreign === void 0 || !KEY_FAILURES.has(err.code)) return err;
  const value = header[foreign.header];
  const where = typeof value === "string" ? ` ${shown(value)}` : "";
  return new FederationError(
    foreign.code,
    `The token ${foreign.what}${where}, which is never used to find keys; with the issuer's own keys: ${err.message.charAt(0).toLowerCase()}${err.message.slice(1)}`,
    {
      remedy: "Only keys from the issuer's JWKS are trusted; a token that brings its own key is forged.",
      field: foreign.header,
      cause: err
    }
  );
}
function checkSignature(token, alg, key) {
  const dot = token.lastIndexOf(".");
  const signature = Buffer.from(token.slice(dot + 1), "base64url");
  if (alg === "ES256" && signature.length !== 64)
    throw signatureError({ code: "ERR_JWS_SIGNATURE_VERIFICATION_FAILED" });
  const signer = alg === "RS256" ? key : alg === "PS256" ? { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: constants.RSA_PSS_SALTLEN_DIGEST } : { key, dsaEncoding: "ieee-p1363" };
  let ok = false;
  try {
    ok = verifySignature("sha256", Buffer.from(token.slice(0, dot)), signer, signature);
  } catch (err) {
    throw signatureError(err);
  }
  if (!ok) throw signatureError({ code: "ERR_JWS_SIGNATURE_VERIFICATION_FAILED" });
}
function signatureError(err) {
  const code = err.code;
  if (code === "ERR_JWS_SIGNATURE_VERIFICATION_FAILED") {
    return rejected(
      "SIGNATURE_INVALID",
      "The token's signature does not verify with the issuer's key it names: it was altered after signing, or signed by another key.",
      "Do not accept this token; request a fresh one from the CI.",
      { cause: err }
    );
  }
  const detail = err instanceof Error ? err.message : String(err);
  if (code === "ERR_JWS_INVALID")
    return rejected(
      "TOKEN_MALFORMED",
      `The token is not a valid JWS: ${detail}.`,
      "Pass the raw OIDC ID token, nothing around it.",
      { cause: err }
    );
  if (code === "ERR_JOSE_NOT_SUPPORTED")
    return rejected(
      "CRIT_UNSUPPORTED",
      `The token uses an unsupported JWS feature: ${detail}.`,
      "CI tokens use no JWS extensions; do not accept this one.",
      { cause: err }
    );
  return rejected(
    "KEY_UNUSABLE",
    `The token could not be checked with the issuer's key: ${detail}.`,
    "The issuer's key is unsuitable (e.g. an RSA key under 2048 bits); check the issuer's JWKS.",
    { cause: err }
  );
}
function createVerifier(options) {
  const { algorithms, checks, typ, typRequired } = checkOptions(options);
  const clock = options.clock ?? systemClock;
  const keys = options.keys ?? sharedKeys(
    options.issuer,
    options.jwksUri,
    () => new IssuerKeys({
      issuer: options.issuer,
      ...options.jwksUri === void 0 ? {} : { jwksUri: options.jwksUri },
      http: options.http ?? createNodeHttpClient({ userAgent: "entra-federate" }),
      clock,
      ...options.timeoutMs === void 0 ? {} : { timeoutMs: options.timeoutMs },
      ...options.jwksRefreshIntervalSeconds === void 0 ? {} : { refreshIntervalMs: options.jwksRefreshIntervalSeconds * 1e3 }
    })
  );
  const policy = options.policy;
  return {
    keys,
    async verify(token) {
      if (typeof token !== "string")
        throw rejected("TOKEN_MALFORMED", "The token is not a string.", "Pass the raw OIDC ID token.");
      const { header, claims } = parseCompact(token);
      const { alg, kid } = checkHeader(header, algorithms, typ, typRequired);
      checkIssuer(claims, checks.issuer);
      try {
        const key = keys.cached(kid, alg) ?? await keys.resolve(kid, alg);
        checkSignature(token, alg, key);
      } catch (err) {
        throw err instanceof FederationError ? foreignKeyError(header, err) : err;
      }
      checkClaims(claims, checks, clock.now());
      if (policy !== void 0) {
        const decision = evaluateClaims(policy, claims);
        if (!decision.allowed) throw policyDeniedError(decision.denial);
      }
      const out = { header: { alg }, claims };
      if (kid !== void 0) out.header.kid = kid;
      if (typeof header["typ"] === "string") out.header.typ = header["typ"];
      return out;
    }
  };
}
var verifiers = /* @__PURE__ */ new WeakMap();
function tagged(_key, value) {
  if (typeof value === "number") return { number: String(value) };
  return value === void 0 ? { undefined: true } : value;
}
function optionValues(options) {
  return JSON.stringify(
    [
      options.issuer,
      options.audience,
      options.algorithms,
      options.clockSkewSeconds,
      options.maxTokenAgeSeconds,
      options.typ,
      options.requiredClaims,
      options.claims,
      options.jwksUri,
      options.timeoutMs,
      options.jwksRefreshIntervalSeconds
    ],
    tagged
  );
}
function optionObjects(options) {
  return [options.policy, options.http, options.clock, options.keys];
}
async function verifyIdToken(token, options) {
  const values = optionValues(options);
  const objects = optionObjects(options);
  let cached = verifiers.get(options);
  if (cached === void 0 || cached.values !== values || cached.objects.some((o, i) => o !== objects[i])) {
    cached = { values, objects, verifier: createVerifier(options) };
    verifiers.set(options, cached);
  }
  return cached.verifier.verify(token);
}
export {
  ALLOWED_ALGORITHMS,
  CLOUDS,
  DEFAULT_CLOCK_SKEW_SECONDS,
  DEFAULT_SCOPE,
  ERROR_CATALOGUE,
  FederationError,
  IssuerKeys,
  MAX_CLOCK_SKEW_SECONDS,
  createNodeHttpClient,
  createVerifier,
  exchangeToken,
  isFederationError,
  login,
  resolveOptions,
  summarizeIdToken,
  systemClock,
  verifyIdToken
};
