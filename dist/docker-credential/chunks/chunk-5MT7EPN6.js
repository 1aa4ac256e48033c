import {
  FederationError,
  usageError
} from "./chunk-Y33T5NR3.js";

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
import { request as httpRequest2 } from "node:http";
import { request as httpsRequest } from "node:https";
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

export {
  proxyConfigFrom,
  systemClock,
  createNodeHttpClient,
  classifyStatus,
  parseRetryAfter,
  fetchWithRetry
};
