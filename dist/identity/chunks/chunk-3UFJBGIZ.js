// src/core/login.ts
import { randomUUID } from "node:crypto";

// src/core/errors.ts
var FederationError = class extends Error {
  name = "FederationError";
  code;
  remedy;
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
    this.usage = details.usage ?? false;
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

// src/core/aadsts.ts
var DOCTOR = "Run `entra-federate doctor` to compare the CI token with the app's federated credentials.";
var CATALOGUE = {
  70021: {
    code: "NO_MATCHING_FIC",
    remedy: `No federated credential of the app has this token's issuer, subject and audience exactly (case-sensitive). Create one that matches the values presented, or wait a few minutes if you just created it. ${DOCTOR}`
  },
  700211: {
    code: "ISSUER_MISMATCH",
    remedy: `No federated credential has the presented issuer. Check for a trailing slash, a GitHub Enterprise or GHE.com host, or an enterprise-slug issuer. ${DOCTOR}`
  },
  700212: {
    code: "AUDIENCE_MISMATCH",
    remedy: `Request the CI token with the audience the federated credential holds (api://AzureADTokenExchange, or ...USGov / ...China in sovereign clouds): set --audience or the cloud. ${DOCTOR}`
  },
  700213: {
    code: "SUBJECT_MISMATCH",
    remedy: `No federated credential has the presented subject. Environments, pull requests, tags, custom subject templates and immutable owner@id/repo@id forms each change the subject. ${DOCTOR}`
  },
  7002138: {
    code: "SUBJECT_CASE_MISMATCH",
    remedy: `The subject matches a federated credential only if case is ignored; matching is case-sensitive. Fix the casing of the organisation, repository or environment in the federated credential. ${DOCTOR}`
  },
  70025: {
    code: "NO_FEDERATED_CREDENTIALS",
    remedy: "The app has no federated identity credentials. Add one for this CI (or wait a few minutes if you just added it)."
  },
  700024: {
    code: "ASSERTION_EXPIRED",
    remedy: "The CI token was expired or not yet valid when presented. CI tokens live minutes: request a fresh one for each exchange, and check the runner's clock."
  },
  50027: {
    code: "INVALID_ASSERTION",
    remedy: "The presented token is not a valid JWT. Most often it is empty because the CI did not issue one (GitHub: add `permissions: id-token: write`)."
  },
  501661: {
    code: "ISSUER_UNREACHABLE",
    remedy: "Entra could not fetch the issuer's OpenID configuration or keys. The issuer's /.well-known/openid-configuration and JWKS must be reachable from the internet (self-hosted GitLab, GitHub Enterprise Server)."
  },
  700016: {
    code: "APP_NOT_FOUND",
    remedy: "No application with this client id exists in this tenant. Check the client id, the tenant id, and the cloud."
  },
  90002: {
    code: "TENANT_NOT_FOUND",
    remedy: "The tenant does not exist in this cloud. Check the tenant id and the cloud (--cloud / --authority-host)."
  },
  900023: {
    code: "INVALID_TENANT",
    remedy: "The tenant is neither a GUID nor a valid domain. Use the directory (tenant) id GUID."
  },
  7000215: {
    code: "INVALID_SECRET",
    remedy: "The client secret is wrong. Use the secret value (not its id) from the app registration, or better, a federated credential."
  },
  7000222: {
    code: "SECRET_EXPIRED",
    remedy: "The client secret has expired. Create a new one, or move to a federated credential or certificate."
  },
  700027: {
    code: "CERTIFICATE_SIGNATURE_INVALID",
    remedy: "The certificate assertion failed signature validation. Upload this certificate to the app registration and sign with its private key."
  },
  700023: {
    code: "ASSERTION_AUDIENCE_INVALID",
    remedy: "The client assertion's audience is not this token endpoint, or the scope names no resource. Check --authority-host, the tenant and the scope."
  },
  700021: {
    code: "ASSERTION_CLIENT_MISMATCH",
    remedy: "The certificate assertion's iss/sub is not this client id. Check --client-id."
  },
  70011: {
    code: "INVALID_SCOPE",
    remedy: "Client credentials accept only `<resource>/.default` scopes, one resource per scope, e.g. https://management.azure.com/.default."
  },
  700022: {
    code: "INVALID_SCOPE",
    remedy: "A scope may name only one resource. Pass each resource as its own --scope."
  },
  500011: {
    code: "RESOURCE_NOT_FOUND",
    remedy: "The resource in the scope is not known in this tenant. Check the scope URI and the tenant."
  },
  53003: {
    code: "CONDITIONAL_ACCESS_BLOCKED",
    remedy: "A Conditional Access policy for workload identities blocked this sign-in (often by location). Ask your Entra administrator to review the sign-in log with the trace id."
  },
  7000218: {
    code: "NO_CREDENTIAL",
    remedy: "The request carried no client credential. This is a bug or an empty CI token; rerun with debug logging and report it."
  },
  700222: {
    code: "ENTRA_TOKEN_AS_ASSERTION",
    remedy: "An Entra-issued token cannot be the federated assertion. Present the CI's OIDC token instead."
  }
};
var TRANSIENT_AADSTS = /* @__PURE__ */ new Set([50033, 90006, 90024, 90033, 90090]);
function lookupAadsts(code) {
  return CATALOGUE[code] ?? {
    code: `AADSTS_${code}`,
    remedy: `Look up AADSTS${code} at https://login.microsoftonline.com/error?code=${code} and quote the trace and correlation ids to your administrator.`
  };
}

// src/core/redact.ts
var JWT_SHAPED = /[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]*/g;
var LONG_OPAQUE = /[A-Za-z0-9+/_=-]{40,}/g;
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
  return out.replace(JWT_SHAPED, "[redacted]").replace(LONG_OPAQUE, "[redacted]");
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
  const ids = {
    status: res.status,
    scope,
    ...str(body?.trace_id) === void 0 ? {} : { traceId: str(body?.trace_id) },
    ...str(body?.correlation_id) === void 0 ? {} : { correlationId: str(body?.correlation_id) },
    ...str(body?.timestamp) === void 0 ? {} : { timestamp: str(body?.timestamp) },
    ...str(body?.error) === void 0 ? {} : { oauthError: str(body?.error) }
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
    const oauthCode = String(body.error).toUpperCase().replace(/[^A-Z0-9_]/g, "_").slice(0, 40);
    return new FederationError(
      `OAUTH_${oauthCode}`,
      `The token endpoint answered HTTP ${res.status}: ${clean(describe(String(body.error)))}${str(body.error_description) === void 0 ? "" : ` (${clean(describe(String(body.error_description)))})`}.`,
      { ...ids, remedy: "Check the client id, tenant and scope; quote the trace id when asking your administrator." }
    );
  }
  const kind = res.headers["content-type"]?.split(";")[0] ?? "no content type";
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
function numericClaim(claims, name) {
  const value = claims[name];
  return typeof value === "number" && Number.isFinite(value) ? value : void 0;
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
function normalizeScopes(raw) {
  const values = (raw ?? []).map((s) => s.trim()).filter((s) => s !== "");
  if (values.length === 0) return [{ scope: DEFAULT_SCOPE }];
  const seen = /* @__PURE__ */ new Set();
  const out = [];
  for (const value of values) {
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
      `The timeout ${quote(String(raw))} is not a number of seconds between 0 and 3600.`,
      "Pass --timeout as seconds, e.g. --timeout 30.",
      "timeout"
    );
  }
  return Math.round(seconds * 1e3);
}
function resolveOptions(input) {
  const clientId = validateClientId(input.clientId);
  const tenantId = validateTenantId(input.tenantId);
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

export {
  FederationError,
  usageError,
  replaceControlCharacters,
  collapseControlCharacters,
  isoTime,
  showClaim,
  quote,
  validateClientId,
  normalizeScopes,
  validateTimeout,
  resolveOptions,
  MAX_JWT_LENGTH,
  decodeJwt,
  numericClaim,
  proxyConfigFrom,
  systemClock,
  createNodeHttpClient,
  fetchWithRetry,
  redact,
  presentedClaims,
  login
};
