import {
  errorBody,
  parseTokenRequest,
  tokenBody
} from "./chunk-3QZMS7PH.js";
import {
  guardedLogin
} from "./chunk-KBQYDYER.js";
import {
  replaceSecureFile
} from "./chunk-V5WGFITT.js";
import {
  credentialFrom,
  guardFrom,
  optionsFrom
} from "./chunk-NNCEQJ7M.js";
import {
  lazyHttpClient,
  tolerateClosedOutput
} from "./chunk-FFR73B44.js";
import "./chunk-7MCQKBCW.js";
import "./chunk-YE5USGSE.js";
import "./chunk-LYCLW4XY.js";
import {
  loadPolicy
} from "./chunk-UVJCTFDH.js";
import "./chunk-KKJBLYBX.js";
import "./chunk-KEKUR6VN.js";
import "./chunk-CXUPN4HS.js";
import {
  decodeJwt,
  normalizeScopes,
  numericClaim
} from "./chunk-6I7DYRWY.js";
import {
  FederationError,
  usageError
} from "./chunk-H7K5LTQY.js";
import {
  isoTime
} from "./chunk-3XWB6HIK.js";
import {
  isAlive,
  removeEndpointState
} from "./chunk-4NJR45T6.js";
import "./chunk-Z53PL5H4.js";

// src/handoff/identity-endpoint/lifecycle.ts
var SIGNALS = ["SIGTERM", "SIGINT", "SIGHUP"];
function watchLifecycle(opts) {
  let last = Date.now();
  let done = false;
  const stop = (reason) => {
    if (done) return;
    done = true;
    clearInterval(timer);
    for (const signal of SIGNALS) process.off(signal, onSignal);
    opts.onStop(reason);
  };
  const onSignal = () => stop("signal");
  for (const signal of SIGNALS) process.on(signal, onSignal);
  const every = opts.checkEveryMs ?? Math.min(1e3, Math.max(100, opts.idleTimeoutMs / 4));
  const timer = setInterval(() => {
    if (opts.watchPid !== void 0 && !isAlive(opts.watchPid)) stop("parent-gone");
    else if (Date.now() - last >= opts.idleTimeoutMs) stop("idle");
  }, every);
  return {
    activity: () => {
      last = Date.now();
    },
    dispose: () => {
      done = true;
      clearInterval(timer);
      for (const signal of SIGNALS) process.off(signal, onSignal);
    }
  };
}

// src/handoff/identity-endpoint/server.ts
import { createServer } from "node:http";

// src/handoff/identity-endpoint/cache.ts
var FIVE_MINUTES = 5 * 6e4;
function refreshMargin(lifetimeMs) {
  return Math.min(FIVE_MINUTES, Math.max(0, lifetimeMs) / 2);
}
function isFresh(token, now) {
  return now < token.expiresOn - refreshMargin(token.expiresOn - token.obtainedAt);
}
var TokenCache = class {
  constructor(fetch, now = Date.now) {
    this.fetch = fetch;
    this.now = now;
  }
  fetch;
  now;
  tokens = /* @__PURE__ */ new Map();
  pending = /* @__PURE__ */ new Map();
  async get(resource) {
    const cached = this.tokens.get(resource);
    if (cached !== void 0 && isFresh(cached, this.now())) return cached;
    let inFlight = this.pending.get(resource);
    if (inFlight === void 0) {
      inFlight = this.fetch(resource).then((token) => {
        this.tokens.set(resource, token);
        return token;
      }).finally(() => this.pending.delete(resource));
      this.pending.set(resource, inFlight);
    }
    return inFlight;
  }
};

// src/handoff/identity-endpoint/server.ts
var LOOPBACK = "127.0.0.1";
var TRANSIENT = /* @__PURE__ */ new Set(["NETWORK_ERROR", "TIMEOUT", "HOST_NOT_FOUND"]);
function failure(err) {
  if (err instanceof FederationError) {
    const transient = TRANSIENT.has(err.code) || err.status !== void 0 && err.status >= 500;
    return {
      status: transient ? 503 : 400,
      error: err.code,
      description: `entra-federate identity endpoint: ${err.message} ${err.remedy}`
    };
  }
  const message = err instanceof Error ? err.message : String(err);
  return {
    status: 500,
    error: "internal_error",
    description: `entra-federate identity endpoint: unexpected error: ${message}. This is a bug; please report it.`
  };
}
async function startIdentityServer(opts) {
  const cache = new TokenCache((scope) => opts.exchange(scope));
  const server = createServer((req, res) => {
    const send = (status, body) => {
      res.writeHead(status, { "content-type": "application/json; charset=utf-8", "cache-control": "no-store" });
      res.end(body);
    };
    const secrets = { secret: opts.secret, ...opts.capability === void 0 ? {} : { capability: opts.capability } };
    const parsed = parseTokenRequest(req.method, req.url, req.headers, secrets, opts.clientId);
    if (!parsed.ok) {
      send(parsed.status, errorBody(parsed.dialect, parsed.error, parsed.description, parsed.status));
      return;
    }
    const { dialect } = parsed;
    opts.onActivity();
    let scope;
    try {
      const spec = normalizeScopes([parsed.resource]);
      scope = spec[0]?.scope ?? "";
    } catch (err) {
      const f = failure(err);
      send(f.status, errorBody(dialect, f.error, f.description, f.status));
      return;
    }
    cache.get(scope).then(
      (token) => send(200, tokenBody(dialect, token, parsed.resource, opts.clientId)),
      (err) => {
        const f = failure(err);
        send(f.status, errorBody(dialect, f.error, f.description, f.status));
      }
    );
  });
  server.requestTimeout = 12e4;
  server.keepAliveTimeout = 5e3;
  await new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, LOOPBACK, () => resolve());
  });
  const port = server.address().port;
  return {
    server,
    port,
    close: () => new Promise((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    })
  };
}

// src/handoff/identity-endpoint/write-state.ts
function writeEndpointState(path, state) {
  replaceSecureFile(path, JSON.stringify(state));
}

// src/handoff/identity-endpoint/token-file-keeper.ts
import { existsSync, readFileSync } from "node:fs";
var UNKNOWN_EXPIRY_RECHECK_MS = 6e4;
var RETRY_AFTER_FAILURE_MS = 15e3;
var MIN_DELAY_MS = 500;
function times(token) {
  try {
    const { claims } = decodeJwt(token);
    const exp = numericClaim(claims, "exp");
    const iat = numericClaim(claims, "iat");
    return exp === void 0 ? void 0 : { exp: exp * 1e3, iat: iat === void 0 ? void 0 : iat * 1e3 };
  } catch {
    return void 0;
  }
}
function refreshDelay(token, obtainedAt, now) {
  const t = times(token);
  if (t === void 0) return UNKNOWN_EXPIRY_RECHECK_MS;
  const start2 = t.iat ?? obtainedAt;
  const half = start2 + (t.exp - start2) / 2;
  return Math.max(MIN_DELAY_MS, half - now);
}
var TokenFileKeeper = class {
  constructor(files, fetchToken) {
    this.files = files;
    this.fetchToken = fetchToken;
  }
  files;
  fetchToken;
  timer;
  current;
  stopped = false;
  start() {
    if (this.files.length === 0) return;
    let existing;
    try {
      existing = this.files[0] === void 0 ? void 0 : readFileSync(this.files[0], "utf8");
    } catch {
      existing = void 0;
    }
    this.current = existing;
    this.schedule(existing === void 0 ? 0 : refreshDelay(existing, Date.now(), Date.now()));
  }
  stop() {
    this.stopped = true;
    if (this.timer !== void 0) clearTimeout(this.timer);
  }
  schedule(ms) {
    if (this.stopped) return;
    this.timer = setTimeout(() => void this.refresh(), ms);
  }
  async refresh() {
    let token;
    const obtainedAt = Date.now();
    try {
      token = await this.fetchToken();
    } catch {
      this.schedule(RETRY_AFTER_FAILURE_MS);
      return;
    }
    if (this.stopped) return;
    const unchanged = token === this.current;
    if (!unchanged) {
      try {
        for (const file of this.files) if (existsSync(file)) replaceSecureFile(file, token);
      } catch {
        this.schedule(RETRY_AFTER_FAILURE_MS);
        return;
      }
      this.current = token;
    }
    const delay = refreshDelay(token, obtainedAt, Date.now());
    this.schedule(unchanged ? Math.max(delay, UNKNOWN_EXPIRY_RECHECK_MS) : delay);
  }
};

// src/handoff/identity-endpoint/unexpired-token.ts
function expiredRemedy(provider) {
  switch (provider) {
    case "gitlab":
      return "GitLab sets an ID token's expiry to the job's timeout: raise the job's `timeout:`, or split the work into jobs that each sign in.";
    case "circleci":
      return "CircleCI's job token lasts one hour: sign in again in a later step, or use an audience other than the organization id so that fresh tokens are minted with `circleci run oidc get`.";
    default:
      return "The CI gives this job one token and cannot renew it: sign in again with a fresh token (`entra-federate login`), or split the job.";
  }
}
function unexpired(provider, description, idToken, now) {
  return async (audience) => {
    const token = await idToken(audience);
    let exp;
    try {
      exp = numericClaim(decodeJwt(token, description).claims, "exp");
    } catch {
      exp = void 0;
    }
    if (exp !== void 0 && exp * 1e3 <= now()) {
      throw new FederationError(
        "ID_TOKEN_EXPIRED",
        `The CI token from ${description} expired at ${isoTime(exp * 1e3)}, and this CI does not issue a new one during the job.`,
        {
          remedy: expiredRemedy(provider ?? "")
        }
      );
    }
    return token;
  };
}

// src/entry/identity/main.ts
function parseConfig(text) {
  let parsed;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw usageError(
      "INVALID_ENDPOINT_CONFIG",
      "The identity endpoint was started without its configuration.",
      "It is started by `entra-federate login --export identity-endpoint` or the Action; do not run it by hand."
    );
  }
  const ok = parsed.version === 1 && typeof parsed.secret === "string" && parsed.secret.length >= 32 && typeof parsed.stateFile === "string" && typeof parsed.values === "object" && parsed.values !== null && Array.isArray(parsed.tokenFiles) && typeof parsed.idleTimeoutSeconds === "number" && parsed.idleTimeoutSeconds > 0 && (parsed.capability === void 0 || typeof parsed.capability === "string" && /^[A-Za-z0-9_-]{22,}$/.test(parsed.capability));
  if (!ok)
    throw usageError(
      "INVALID_ENDPOINT_CONFIG",
      "The identity endpoint's configuration is incomplete.",
      "Start it through `entra-federate login --export identity-endpoint` or the Action."
    );
  return parsed;
}
async function main(io) {
  try {
    return await start(io);
  } catch (err) {
    const e = err instanceof FederationError ? { code: err.code, message: err.message, remedy: err.remedy, usage: err.usage } : {
      code: "IDENTITY_ENDPOINT_FAILED",
      message: `The identity endpoint failed to start: ${err instanceof Error ? err.message : String(err)}.`,
      remedy: "This is a bug; please report it."
    };
    io.answer({ ok: false, error: e });
    io.exit(e.usage === true ? 2 : 1);
    return void 0;
  }
}
async function start(io) {
  const config = parseConfig(io.config);
  const { env } = io;
  const values = config.values;
  const options = optionsFrom(values, env);
  const http = io.http();
  const base = credentialFrom(values, env, http);
  const credential = base.source.kind === "federated" ? {
    ...base,
    source: {
      ...base.source,
      idToken: unexpired(base.provider?.name, base.source.description, base.source.idToken, io.now)
    }
  } : base;
  const guardFiles = guardFrom(values, env);
  const guard = guardFiles?.policyPath === void 0 ? guardFiles : { ...guardFiles, policy: await loadPolicy(guardFiles.policyPath) };
  const deps = { http, env, now: io.now };
  const exchange = async (scope) => {
    const obtainedAt = io.now();
    const result = await guardedLogin({ ...options, scopes: [{ scope }] }, credential, guard, deps);
    const token = result.tokens[0];
    if (token === void 0) throw new Error("the exchange returned no token");
    return { accessToken: token.accessToken, expiresOn: token.expiresOn, obtainedAt };
  };
  let lifecycle;
  const server = await startIdentityServer({
    clientId: options.clientId,
    secret: config.secret,
    ...config.capability === void 0 ? {} : { capability: config.capability },
    exchange,
    onActivity: () => lifecycle?.activity()
  });
  try {
    writeEndpointState(config.stateFile, {
      pid: io.pid,
      port: server.port,
      entry: io.entry,
      startedAt: new Date(io.now()).toISOString()
    });
  } catch (err) {
    await server.close();
    throw err;
  }
  const source = credential.source;
  const keeper = new TokenFileKeeper(
    source.kind === "federated" ? config.tokenFiles : [],
    () => source.kind === "federated" ? source.idToken(options.audience) : Promise.reject(new Error("not federated"))
  );
  let stopping = false;
  const shutdown = (code) => {
    if (stopping) return;
    stopping = true;
    lifecycle?.dispose();
    keeper.stop();
    removeEndpointState(config.stateFile);
    void server.close().finally(() => io.exit(code));
    setTimeout(() => io.exit(code), 2e3).unref();
  };
  lifecycle = watchLifecycle({
    ...config.watchPid === void 0 ? {} : { watchPid: config.watchPid },
    idleTimeoutMs: config.idleTimeoutSeconds * 1e3,
    onStop: () => shutdown(0)
  });
  keeper.start();
  io.answer({ ok: true, pid: io.pid, port: server.port });
  return { port: server.port, shutdown };
}

// src/entry/identity/process.ts
async function readStdin() {
  const chunks = [];
  for await (const chunk of process.stdin) chunks.push(chunk);
  return Buffer.concat(chunks).toString("utf8");
}
async function runIdentityEndpointProcess() {
  tolerateClosedOutput(process.stdout, process.stderr);
  let running;
  const fail = () => running === void 0 ? process.exit(1) : running.shutdown(1);
  process.on("uncaughtException", fail);
  process.on("unhandledRejection", fail);
  running = await main({
    config: await readStdin(),
    env: process.env,
    http: lazyHttpClient("entra-federate", process.env),
    now: Date.now,
    pid: process.pid,
    entry: process.argv[1] ?? "",
    answer: (line) => process.stdout.write(`${JSON.stringify(line)}
`),
    // A failed start exits once its answer is out: the launcher reads it before it lets go of the pipe.
    exit: (code) => process.stdout.writableEnded ? process.exit(code) : process.stdout.write("", () => process.exit(code))
  });
  if (running !== void 0) {
    process.stdout.on("error", () => void 0);
    process.stdout.end();
  }
}
export {
  runIdentityEndpointProcess
};
