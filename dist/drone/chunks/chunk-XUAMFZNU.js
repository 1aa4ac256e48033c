import {
  FederationError,
  audienceClaim,
  decodeJwt,
  numericClaim,
  stringClaim,
  usageError
} from "./chunk-H5WV2LXT.js";
import {
  replaceControlCharacters
} from "./chunk-G2IA36S4.js";

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

// src/core/own-file.ts
import { closeSync, constants, fchmodSync, fstatSync, openSync } from "node:fs";
var NOFOLLOW = constants.O_NOFOLLOW ?? 0;
var NONBLOCK = constants.O_NONBLOCK ?? 0;
var UnsafeFileError = class extends Error {
  constructor(reason, code, mode) {
    super(reason);
    this.reason = reason;
    this.code = code;
    this.mode = mode;
  }
  reason;
  code;
  mode;
};
function kindOf(stat) {
  if (stat.isFIFO()) return "a FIFO";
  if (stat.isDirectory()) return "a directory";
  if (stat.isSocket()) return "a socket";
  if (stat.isCharacterDevice() || stat.isBlockDevice()) return "a device";
  return "not a plain file";
}
function openFailure(err, access) {
  const code = err.code;
  const errno = typeof code === "string" ? code : "EIO";
  const reason = {
    ELOOP: "is a symbolic link, which is never followed",
    ENXIO: "is not a regular file (a FIFO or socket)",
    ENOENT: "is in a directory that does not exist",
    EACCES: access === "read" ? "is not readable" : "is not writable",
    EPERM: access === "read" ? "is not readable" : "is not writable",
    EISDIR: "is not a regular file (a directory)",
    ENOTDIR: "is in a path whose parent is not a directory"
  };
  return new UnsafeFileError(reason[errno] ?? `cannot be opened (${errno})`, errno);
}
function check(fd, rules) {
  const stat = fstatSync(fd);
  let why;
  const mode = stat.mode & 511;
  const euid = process.geteuid?.();
  if (!stat.isFile()) why = new UnsafeFileError(`is not a regular file (${kindOf(stat)})`, "UNSAFE_FILE");
  else if ((rules.owner ?? "effective") === "effective" && process.platform !== "win32") {
    if (euid !== void 0 && stat.uid !== euid)
      why = new UnsafeFileError(
        `is owned by another user (uid ${stat.uid}; this process runs as uid ${euid})`,
        "UNSAFE_FILE",
        mode
      );
    else if (rules.secret === true && (mode & 63) !== 0)
      why = new UnsafeFileError(
        `can be read or written by other users (mode ${mode.toString(8)})`,
        "UNSAFE_FILE",
        mode
      );
    else if ((mode & 18) !== 0)
      why = new UnsafeFileError(`can be written by other users (mode ${mode.toString(8)})`, "UNSAFE_FILE", mode);
  }
  if (why !== void 0) {
    closeSync(fd);
    throw why;
  }
}
function openOwnFile(path, rules) {
  return openOwnFileNoting(path, rules).fd;
}
function openOwnFileNoting(path, rules) {
  if (rules.access === "read") {
    let fd2;
    try {
      fd2 = openSync(path, constants.O_RDONLY | NOFOLLOW | NONBLOCK);
    } catch (err) {
      throw openFailure(err, rules.access);
    }
    check(fd2, rules);
    return { fd: fd2, created: false };
  }
  const append = constants.O_WRONLY | constants.O_APPEND | NOFOLLOW | NONBLOCK;
  try {
    const fd2 = openSync(path, append | constants.O_CREAT | constants.O_EXCL, 384);
    try {
      fchmodSync(fd2, 384);
    } catch (err) {
      closeSync(fd2);
      throw err;
    }
    return { fd: fd2, created: true };
  } catch (err) {
    if (err.code !== "EEXIST") throw openFailure(err, rules.access);
  }
  let fd;
  try {
    fd = openSync(path, append);
  } catch (err) {
    throw openFailure(err, rules.access);
  }
  check(fd, rules);
  return { fd, created: false };
}

export {
  proxyConfigFrom,
  systemClock,
  createNodeHttpClient,
  presentedClaims,
  login,
  UnsafeFileError,
  openOwnFile
};
