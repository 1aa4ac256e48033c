import {
  FederationError,
  MAX_JWT_LENGTH,
  collapseControlCharacters,
  createNodeHttpClient,
  decodeJwt,
  fetchWithRetry,
  isLoopbackHost,
  isoTime,
  loadPolicy,
  login,
  normalizeScopes,
  numericClaim,
  proxyConfigFrom,
  quote,
  redact,
  resolveOptions,
  systemClock,
  unreadableFileReason,
  usageError,
  validateClientId,
  validateTimeout
} from "./chunks/chunk-X36VANMY.js";
import {
  isAlive,
  removeEndpointState
} from "./chunks/chunk-I2B74PIN.js";
import "./chunks/chunk-W5HOY55K.js";

// src/entry/shared/closed-output.ts
function tolerateClosedOutput(...streams) {
  for (const stream of streams) {
    stream.on("error", (err) => {
      if (err.code === "EPIPE" || err.code === "ERR_STREAM_DESTROYED") return;
      throw err;
    });
  }
}

// src/entry/shared/io.ts
function lazyHttpClient(userAgent, env) {
  let http;
  return () => {
    http ??= createNodeHttpClient({ userAgent, proxy: proxyConfigFrom(env) });
    return http;
  };
}

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

// src/handoff/identity-endpoint/protocol.ts
import { createHash, timingSafeEqual } from "node:crypto";
var TOKEN_PATH = "/msi/token";
var IMDS_TOKEN_PATH = "/metadata/identity/oauth2/token";
var API_VERSION = "2019-08-01";
var API_VERSION_2017 = "2017-09-01";
var IMDS_API_VERSION = "2018-02-01";
var SECRET_HEADER = "x-identity-header";
var SECRET_HEADER_2017 = "secret";
function secretMatches(given, secret) {
  if (typeof given !== "string") return false;
  const a = createHash("sha256").update(given, "utf8").digest();
  const b = createHash("sha256").update(secret, "utf8").digest();
  return timingSafeEqual(a, b);
}
var quoted = (value, max = 60) => JSON.stringify(value.slice(0, max));
function imdsPath(capability) {
  return `/${capability}${IMDS_TOKEN_PATH}`;
}
function dialectOf(path, headers, query, secrets) {
  if (secrets.capability !== void 0 && secretMatches(path, imdsPath(secrets.capability))) return "imds";
  if (path !== TOKEN_PATH && path !== `${TOKEN_PATH}/`) return void 0;
  if (headers[SECRET_HEADER] !== void 0) return "app-service-2019";
  if (headers[SECRET_HEADER_2017] !== void 0) return "app-service-2017";
  return query.get("api-version") === API_VERSION_2017 ? "app-service-2017" : "app-service-2019";
}
var EXPECTED_VERSION = {
  "app-service-2019": API_VERSION,
  "app-service-2017": API_VERSION_2017,
  imds: IMDS_API_VERSION
};
function parseTokenRequest(method, rawUrl, headers, secrets, clientId) {
  let url;
  try {
    url = new URL(rawUrl ?? "/", "http://127.0.0.1");
  } catch {
    return { ok: false, dialect: "app-service-2019", status: 400, error: "invalid_request", description: "Bad URL." };
  }
  const query = url.searchParams;
  const dialect = dialectOf(url.pathname, headers, query, secrets);
  if (dialect === void 0) {
    return {
      ok: false,
      dialect: "app-service-2019",
      status: 404,
      error: "not_found",
      description: `This endpoint serves tokens at ${TOKEN_PATH} only.`
    };
  }
  const refuse = (status, error, description) => ({
    ok: false,
    dialect,
    status,
    error,
    description
  });
  if (method !== "GET") return refuse(405, "invalid_request", "Use GET.");
  if (dialect === "app-service-2019" && !secretMatches(headers[SECRET_HEADER], secrets.secret))
    return refuse(
      401,
      "unauthorized",
      "The X-IDENTITY-HEADER header is missing or wrong: send the value of IDENTITY_HEADER."
    );
  if (dialect === "app-service-2017" && !secretMatches(headers[SECRET_HEADER_2017], secrets.secret))
    return refuse(401, "unauthorized", "The secret header is missing or wrong: send the value of MSI_SECRET.");
  if (dialect === "imds" && headers["metadata"] !== "true")
    return refuse(400, "invalid_request", "Required metadata header not specified: send `Metadata: true`.");
  const version = query.get("api-version");
  const expected = EXPECTED_VERSION[dialect];
  if (version !== expected)
    return refuse(
      400,
      "invalid_request",
      `api-version must be ${expected}${version === null ? "" : `, not ${quoted(version, 40)}`}.`
    );
  const resource = query.get("resource")?.trim() ?? "";
  if (resource === "")
    return refuse(
      400,
      "invalid_request",
      "The resource parameter is missing, e.g. resource=https://management.azure.com."
    );
  const asked = query.get("client_id") ?? query.get("clientid");
  if (asked !== null && asked.toLowerCase() !== clientId.toLowerCase()) {
    const variable = dialect === "imds" ? "ARM_CLIENT_ID" : dialect === "app-service-2017" ? "the client id" : "AZURE_CLIENT_ID";
    return refuse(
      400,
      "invalid_request",
      `This endpoint serves client ${clientId} only, not ${quoted(asked)}: unset ${variable} or set it to ${clientId}.`
    );
  }
  for (const unsupported of ["mi_res_id", "msi_res_id", "object_id", "principal_id"]) {
    if (query.has(unsupported))
      return refuse(
        400,
        "invalid_request",
        `${unsupported} is not supported: this endpoint serves client ${clientId} only.`
      );
  }
  return { ok: true, dialect, resource };
}
var two = (n) => String(n).padStart(2, "0");
function appService2017Time(epochMs) {
  const d = new Date(epochMs);
  return `${two(d.getUTCMonth() + 1)}/${two(d.getUTCDate())}/${d.getUTCFullYear()} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())} +00:00`;
}
function tokenBody(dialect, token, resource, clientId, now = Date.now()) {
  const expiresOn = Math.floor(token.expiresOn / 1e3);
  switch (dialect) {
    case "app-service-2017":
      return JSON.stringify({
        access_token: token.accessToken,
        expires_on: appService2017Time(token.expiresOn),
        resource,
        token_type: "Bearer",
        client_id: clientId
      });
    case "imds": {
      const notBefore = Math.floor((token.obtainedAt ?? now) / 1e3);
      const expiresIn = String(Math.max(0, expiresOn - Math.floor(now / 1e3)));
      return JSON.stringify({
        access_token: token.accessToken,
        client_id: clientId,
        expires_in: expiresIn,
        expires_on: String(expiresOn),
        ext_expires_in: expiresIn,
        not_before: String(notBefore),
        resource,
        token_type: "Bearer"
      });
    }
    default:
      return JSON.stringify({
        access_token: token.accessToken,
        // Epoch seconds as a string, like App Service itself.
        expires_on: String(expiresOn),
        resource,
        token_type: "Bearer",
        client_id: clientId
      });
  }
}
function errorBody(dialect, error, description, status = 400) {
  if (dialect === "app-service-2017")
    return JSON.stringify({
      Message: "An error has occurred.",
      ExceptionMessage: description,
      ErrorCode: error,
      StatusCode: status
    });
  return JSON.stringify({ error, error_description: description });
}

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

// src/handoff/secure-file.ts
import { randomBytes } from "node:crypto";
import { closeSync, constants, fchmodSync, openSync, renameSync, unlinkSync, writeSync } from "node:fs";
import { basename, dirname, join } from "node:path";
var FLAGS = constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | (constants.O_NOFOLLOW ?? 0);
function writeSecureFile(dir, prefix, suffix, content) {
  const path = join(dir, `${prefix}${randomBytes(8).toString("hex")}${suffix}`);
  const fd = openSync(path, FLAGS, 384);
  try {
    fchmodSync(fd, 384);
    const bytes = Buffer.from(content, "utf8");
    let written = 0;
    while (written < bytes.length) written += writeSync(fd, bytes, written, bytes.length - written);
  } catch (err) {
    closeSync(fd);
    unlinkSync(path);
    throw err;
  }
  closeSync(fd);
  return path;
}
function replaceSecureFile(path, content) {
  const temp = writeSecureFile(dirname(path), `.${basename(path)}.`, ".tmp", content);
  try {
    renameSync(temp, path);
  } catch (err) {
    unlinkSync(temp);
    throw err;
  }
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

// src/ci/credential.ts
import { readFileSync as readFileSync2 } from "node:fs";

// src/core/certificate.ts
import { createHash as createHash2, createPrivateKey, randomUUID, X509Certificate } from "node:crypto";
var CERTIFICATE_ALGORITHMS = ["PS256", "RS256"];
var ASSERTION_LIFETIME_SECONDS = 600;
var SUPPORTED = 'Supported: a PEM file holding an unencrypted RSA private key (PKCS#8 "PRIVATE KEY" or PKCS#1 "RSA PRIVATE KEY") and its certificate, plus any chain certificates.';
function invalid(code, message, remedy) {
  return new FederationError(code, message, { remedy, usage: true, field: "certificate" });
}
function pemBlocks(text) {
  const blocks = [];
  const re = /-----BEGIN ([A-Z0-9 ]+)-----([\s\S]*?)-----END \1-----/g;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    const body = m[2] ?? "";
    blocks.push({ label: m[1] ?? "", text: m[0], headers: body.includes(":") ? body : "" });
  }
  return blocks;
}
function loadCertificate(content, origin, now = Date.now()) {
  const bytes = typeof content === "string" ? Buffer.from(content, "utf8") : Buffer.from(content);
  const text = bytes.toString("latin1");
  if (!text.includes("-----BEGIN ")) {
    const binary = bytes[0] === 48;
    throw invalid(
      "UNSUPPORTED_CERTIFICATE",
      `${origin} is not a PEM file${binary ? " (it looks like PKCS#12 .pfx/.p12 or DER)" : ""}.`,
      `${SUPPORTED} Convert a .pfx with \`openssl pkcs12 -in cert.pfx -out cert.pem -nodes\` and store the result as a CI secret file.`
    );
  }
  const blocks = pemBlocks(text);
  if (blocks.some((b) => b.label === "ENCRYPTED PRIVATE KEY" || /Proc-Type:\s*4,ENCRYPTED/.test(b.headers))) {
    throw invalid(
      "UNSUPPORTED_CERTIFICATE",
      `The private key in ${origin} is encrypted; password-protected keys are not supported.`,
      `${SUPPORTED} Decrypt it once with \`openssl pkey -in key.pem -out key-plain.pem\` and keep the PEM in the CI's secret store instead.`
    );
  }
  const keyBlocks = blocks.filter((b) => /(^|\s)PRIVATE KEY$/.test(b.label));
  const certBlocks = blocks.filter((b) => b.label === "CERTIFICATE");
  if (keyBlocks.length === 0) {
    throw invalid(
      "INVALID_CERTIFICATE",
      `${origin} holds no private key${certBlocks.length > 0 ? ", only certificates" : ""}.`,
      `${SUPPORTED} Concatenate them: \`cat key.pem cert.pem > app.pem\`.`
    );
  }
  if (keyBlocks.length > 1) {
    throw invalid(
      "INVALID_CERTIFICATE",
      `${origin} holds ${keyBlocks.length} private keys.`,
      "Keep exactly one private key (the one of the certificate uploaded to the app registration) in the file."
    );
  }
  if (certBlocks.length === 0) {
    throw invalid(
      "INVALID_CERTIFICATE",
      `${origin} holds a private key but no certificate.`,
      `${SUPPORTED} Append the certificate uploaded to the app registration: \`cat key.pem cert.pem > app.pem\`.`
    );
  }
  const keyBlock = keyBlocks[0];
  if (keyBlock.label !== "PRIVATE KEY" && keyBlock.label !== "RSA PRIVATE KEY") {
    throw invalid(
      "UNSUPPORTED_CERTIFICATE",
      `The private key in ${origin} is a "${keyBlock.label}"; Entra certificate credentials are signed with RSA.`,
      SUPPORTED
    );
  }
  let key;
  try {
    key = createPrivateKey({ key: keyBlock.text, format: "pem" });
  } catch {
    throw invalid("INVALID_CERTIFICATE", `The private key in ${origin} cannot be read.`, SUPPORTED);
  }
  if (key.asymmetricKeyType !== "rsa") {
    throw invalid(
      "UNSUPPORTED_CERTIFICATE",
      `The private key in ${origin} is ${key.asymmetricKeyType ?? "not RSA"}; Entra certificate credentials are signed with RSA.`,
      SUPPORTED
    );
  }
  const bits = key.asymmetricKeyDetails?.modulusLength ?? 0;
  if (bits < 2048) {
    throw invalid(
      "UNSUPPORTED_CERTIFICATE",
      `The RSA key in ${origin} has ${bits} bits; at least 2048 are required.`,
      "Create a new certificate with a 2048-bit (or larger) RSA key and upload it to the app registration."
    );
  }
  const certs = [];
  for (const [i, block] of certBlocks.entries()) {
    try {
      certs.push(new X509Certificate(block.text));
    } catch {
      throw invalid("INVALID_CERTIFICATE", `Certificate ${i + 1} in ${origin} cannot be read.`, SUPPORTED);
    }
  }
  const leafIndex = certs.findIndex((cert) => cert.checkPrivateKey(key));
  if (leafIndex < 0) {
    throw invalid(
      "INVALID_CERTIFICATE",
      `The private key in ${origin} does not belong to any certificate in the file.`,
      "Put the certificate that matches the private key (the one uploaded to the app registration) in the file."
    );
  }
  const leaf = certs[leafIndex];
  const chain = [leaf, ...certs.filter((_, i) => i !== leafIndex)];
  const notAfter = Date.parse(leaf.validTo);
  if (Number.isFinite(notAfter) && notAfter <= now) {
    throw invalid(
      "CERTIFICATE_EXPIRED",
      `The certificate in ${origin} (${leaf.subject.replace(/\n/g, ", ")}) expired on ${new Date(notAfter).toISOString()}.`,
      "Create a new certificate, upload it to the app registration, and replace the PEM in the CI."
    );
  }
  const sha1 = createHash2("sha1").update(leaf.raw).digest();
  return {
    key,
    chain,
    thumbprintSha1Hex: sha1.toString("hex").toUpperCase(),
    x5t: sha1.toString("base64url"),
    x5tS256: createHash2("sha256").update(leaf.raw).digest("base64url"),
    subject: leaf.subject.replace(/\n/g, ", "),
    notAfter: Number.isFinite(notAfter) ? new Date(notAfter).toISOString() : leaf.validTo
  };
}
function validateCertificateAlgorithm(raw) {
  const value = raw?.trim().toUpperCase() ?? "";
  if (value === "") return "PS256";
  if (CERTIFICATE_ALGORITHMS.includes(value)) return value;
  throw new FederationError(
    "INVALID_CERTIFICATE_ALGORITHM",
    `Unknown certificate signing algorithm ${JSON.stringify(raw?.slice(0, 20))}.`,
    {
      remedy: "Use PS256 (the default, with the SHA-256 thumbprint) or RS256 (with the SHA-1 thumbprint, for authorities that require it).",
      usage: true,
      field: "certificate-alg"
    }
  );
}
function certificateAssertion(cert, opts) {
  const algorithm = opts.algorithm ?? "PS256";
  const clock = opts.clock ?? systemClock;
  return async (tokenEndpoint) => {
    const { SignJWT } = await import("./chunks/webapi-BM73DRNA.js");
    const header = { alg: algorithm, typ: "JWT" };
    if (algorithm === "PS256") header["x5t#S256"] = cert.x5tS256;
    else header["x5t"] = cert.x5t;
    if (opts.sendChain === true) header["x5c"] = cert.chain.map((c) => c.raw.toString("base64"));
    const now = Math.floor(clock.now() / 1e3);
    return new SignJWT({}).setProtectedHeader(header).setIssuer(opts.clientId).setSubject(opts.clientId).setAudience(tokenEndpoint).setJti(randomUUID()).setNotBefore(now).setIssuedAt(now).setExpirationTime(now + ASSERTION_LIFETIME_SECONDS).sign(cert.key);
  };
}

// src/core/managed-identity.ts
var IMDS_HOST = "http://169.254.169.254";
var IMDS_TOKEN_PATH2 = "/metadata/identity/oauth2/token";
var IMDS_API_VERSION2 = "2018-02-01";
function imdsEndpoint(raw, origin) {
  if (raw === void 0 || raw.trim() === "") return IMDS_HOST;
  let url;
  try {
    url = new URL(raw.trim());
  } catch {
    throw usageError(
      "INVALID_IMDS_ENDPOINT",
      `${origin} is ${quote(raw)}, which is not a URL.`,
      `Set ${origin} to the metadata endpoint's origin, e.g. http://169.254.169.254, or unset it.`,
      origin
    );
  }
  const linkLocal = url.hostname === "169.254.169.254";
  if (url.protocol !== "https:" && !(url.protocol === "http:" && (linkLocal || isLoopbackHost(url.hostname))))
    throw usageError(
      "INVALID_IMDS_ENDPOINT",
      `${origin} is ${quote(raw)}: plain http is allowed only to 169.254.169.254 and loopback.`,
      `Set ${origin} to http://169.254.169.254 (or an https URL), or unset it.`,
      origin
    );
  return url.origin;
}
async function managedIdentityToken(request, deps) {
  const url = new URL(IMDS_TOKEN_PATH2, request.endpoint);
  url.searchParams.set("api-version", IMDS_API_VERSION2);
  url.searchParams.set("resource", request.resource);
  if (request.clientId !== void 0) url.searchParams.set("client_id", request.clientId);
  const which = request.clientId === void 0 ? "system-assigned identity" : `identity ${request.clientId}`;
  let result;
  try {
    result = await fetchWithRetry(
      deps.http,
      () => ({ method: "GET", url: url.toString(), headers: { metadata: "true", accept: "application/json" } }),
      { deadlineAt: request.deadlineAt, what: "the managed identity endpoint (IMDS)", clock: deps.clock }
    );
  } catch (err) {
    throw new FederationError(
      "MANAGED_IDENTITY_UNAVAILABLE",
      `The managed identity endpoint ${request.endpoint} did not answer before the deadline: ${err instanceof Error ? err.message : String(err)}`,
      {
        remedy: "--credential managed-identity works on Azure VMs, scale sets and AKS nodes with a managed identity (IMDS at 169.254.169.254), or where IMDS_ENDPOINT / AZURE_POD_IDENTITY_AUTHORITY_HOST names one; elsewhere sign in with the CI token.",
        cause: err
      }
    );
  }
  const { response, attempts } = result;
  let body = {};
  try {
    const parsed = JSON.parse(response.body);
    if (parsed !== null && typeof parsed === "object") body = parsed;
  } catch {
    body = {};
  }
  const token = body["access_token"];
  if (response.status !== 200 || typeof token !== "string" || token === "") {
    const said = typeof body["error_description"] === "string" ? body["error_description"] : "";
    const shown = /^[\w .,:'()/-]{1,200}$/.test(said) ? `: ${said}` : "";
    const notFound = /identity not found/i.test(said);
    throw new FederationError(
      "MANAGED_IDENTITY_FAILED",
      `The managed identity endpoint gave no token for ${request.resource} to the ${which} (HTTP ${response.status}${shown}).`,
      {
        remedy: notFound ? request.clientId === void 0 ? "Enable the system-assigned identity of the VM or scale set, or pass --client-id with a user-assigned identity assigned to it." : `Assign the user-assigned identity ${request.clientId} to the VM or scale set, or pass the client id of one that is.` : "Check that the identity may have tokens for that resource, and the resource name.",
        status: response.status
      }
    );
  }
  const now = deps.clock.now();
  const expiresOnSeconds = Number(body["expires_on"]);
  const expiresInSeconds = Number(body["expires_in"]);
  const expiresOn = Number.isFinite(expiresOnSeconds) ? expiresOnSeconds * 1e3 : now + (Number.isFinite(expiresInSeconds) ? expiresInSeconds * 1e3 : 0);
  return {
    scope: request.scope,
    accessToken: token,
    tokenType: typeof body["token_type"] === "string" ? body["token_type"] : "Bearer",
    expiresOn,
    attempts
  };
}

// src/ci/types.ts
function compactContext(provider, fields) {
  const out = { provider };
  for (const [key, value] of Object.entries(fields)) {
    if (typeof value === "string" && value !== "") out[key] = value;
  }
  return out;
}

// src/ci/values.ts
var JWT_SHAPE = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;
function asJwt(raw) {
  if (raw === void 0) return void 0;
  const token = raw.trim();
  return token.length <= MAX_JWT_LENGTH && JWT_SHAPE.test(token) ? token : void 0;
}
function claimsOf(token) {
  try {
    return decodeJwt(token).claims;
  } catch {
    return void 0;
  }
}
function audiencesOf(claims) {
  const aud = claims?.["aud"];
  if (typeof aud === "string") return [aud];
  return Array.isArray(aud) ? aud.filter((a) => typeof a === "string") : [];
}
function envValue(env, name) {
  const value = env[name];
  return value === void 0 || value.trim() === "" ? void 0 : value;
}
function gitRef(tag, branch) {
  if (tag !== void 0 && tag !== "") return tag.startsWith("refs/") ? tag : `refs/tags/${tag}`;
  if (branch !== void 0 && branch !== "") return branch.startsWith("refs/") ? branch : `refs/heads/${branch}`;
  return void 0;
}

// src/ci/azure-pipelines.ts
var OIDC_API_VERSION = "7.1";
var SERVICE_CONNECTION_VARIABLE = "AZURESUBSCRIPTION_SERVICE_CONNECTION_ID";
var ACCESS_TOKEN_REMEDY = "Map the job token into the step: `env: SYSTEM_ACCESSTOKEN: $(System.AccessToken)` (it is never in the environment unless mapped).";
function isAzurePipelines(env) {
  return env["TF_BUILD"]?.toLowerCase() === "true";
}
function azurePipelinesTokenAvailable(env) {
  return ["SYSTEM_OIDCREQUESTURI", "SYSTEM_ACCESSTOKEN", SERVICE_CONNECTION_VARIABLE].every(
    (name) => envValue(env, name) !== void 0
  );
}
function requestUrl(raw, connectionId) {
  let url;
  try {
    url = new URL(raw.trim());
  } catch {
    throw new FederationError("ID_TOKEN_UNAVAILABLE", "SYSTEM_OIDCREQUESTURI is not a URL.", {
      remedy: "Do not override SYSTEM_OIDCREQUESTURI; the agent sets it.",
      usage: true,
      field: "SYSTEM_OIDCREQUESTURI"
    });
  }
  const loopback = url.hostname === "localhost" || url.hostname === "[::1]" || /^127\./.test(url.hostname);
  if (url.protocol !== "https:" && !(url.protocol === "http:" && loopback)) {
    throw new FederationError(
      "ID_TOKEN_UNAVAILABLE",
      "SYSTEM_OIDCREQUESTURI is not an https URL; the job token will not be sent to it.",
      {
        remedy: "Do not override SYSTEM_OIDCREQUESTURI; the agent sets it.",
        usage: true,
        field: "SYSTEM_OIDCREQUESTURI"
      }
    );
  }
  url.searchParams.set("api-version", OIDC_API_VERSION);
  url.searchParams.set("serviceConnectionId", connectionId);
  return url.href;
}
function azurePipelinesProvider(deps) {
  const { env, http } = deps;
  return {
    name: "azure-pipelines",
    description: "the Azure Pipelines OIDC endpoint (SYSTEM_OIDCREQUESTURI) for a service connection",
    async idToken() {
      const endpoint = envValue(env, "SYSTEM_OIDCREQUESTURI");
      if (endpoint === void 0) {
        throw new FederationError(
          "ID_TOKEN_UNAVAILABLE",
          "SYSTEM_OIDCREQUESTURI is not set, so this job cannot request an OIDC token.",
          {
            remedy: "Run this in an Azure Pipelines job on Azure DevOps Services (the agent sets SYSTEM_OIDCREQUESTURI in every step).",
            usage: true,
            field: "SYSTEM_OIDCREQUESTURI"
          }
        );
      }
      const bearer = envValue(env, "SYSTEM_ACCESSTOKEN");
      if (bearer === void 0) {
        throw new FederationError(
          "ID_TOKEN_UNAVAILABLE",
          "SYSTEM_ACCESSTOKEN is not set, so the OIDC token cannot be requested.",
          { remedy: ACCESS_TOKEN_REMEDY, usage: true, field: "SYSTEM_ACCESSTOKEN" }
        );
      }
      const connection = envValue(env, SERVICE_CONNECTION_VARIABLE)?.trim();
      if (connection === void 0) {
        throw new FederationError(
          "ID_TOKEN_UNAVAILABLE",
          `${SERVICE_CONNECTION_VARIABLE} is not set: Azure Pipelines issues tokens per service connection.`,
          {
            remedy: `Set \`env: ${SERVICE_CONNECTION_VARIABLE}: <id>\` to the id of a workload identity federation service connection (the resourceId in its settings URL); Azure tasks such as AzureCLI@2 set it for their scripts.`,
            usage: true,
            field: SERVICE_CONNECTION_VARIABLE
          }
        );
      }
      const target = requestUrl(endpoint, connection);
      const clock = deps.clock;
      const { response } = await fetchWithRetry(
        http,
        () => ({
          method: "POST",
          url: target,
          headers: {
            authorization: `Bearer ${bearer}`,
            "content-type": "application/json",
            accept: "application/json",
            // Asks for a 401 instead of a redirect to a sign-in page.
            "x-tfs-fedauthredirect": "Suppress"
          },
          body: ""
        }),
        {
          deadlineAt: (clock?.now() ?? Date.now()) + deps.timeoutMs,
          what: "the Azure Pipelines OIDC endpoint",
          ...clock === void 0 ? {} : { clock }
        }
      );
      if (response.status !== 200) {
        const hint = response.status === 401 || response.status === 403 ? `The job token was refused: map \`SYSTEM_ACCESSTOKEN: $(System.AccessToken)\` and authorize this pipeline to use the service connection (Project settings > Service connections > Security).` : response.status === 404 || response.status === 400 ? `Check ${SERVICE_CONNECTION_VARIABLE}: it must be the id of a service connection of this project that uses workload identity federation.` : "Azure DevOps failed to issue the token; it was retried. Re-run the job, and check https://status.dev.azure.com.";
        throw new FederationError(
          "ID_TOKEN_REQUEST_FAILED",
          `The Azure Pipelines OIDC endpoint answered HTTP ${response.status}.`,
          { remedy: hint, status: response.status }
        );
      }
      let value;
      try {
        value = JSON.parse(response.body).oidcToken;
      } catch {
        value = void 0;
      }
      const token = typeof value === "string" ? asJwt(value) : void 0;
      if (token === void 0) {
        throw new FederationError(
          "ID_TOKEN_REQUEST_FAILED",
          'The Azure Pipelines OIDC endpoint answered without a token in "oidcToken".',
          {
            remedy: `Check that ${SERVICE_CONNECTION_VARIABLE} names a workload identity federation service connection (secret-based connections issue no OIDC token).`
          }
        );
      }
      return token;
    },
    context() {
      const collection = env["SYSTEM_COLLECTIONURI"];
      const project = env["SYSTEM_TEAMPROJECT"];
      const build = env["BUILD_BUILDID"];
      return compactContext("azure-pipelines", {
        repository: env["BUILD_REPOSITORY_NAME"],
        ref: env["BUILD_SOURCEBRANCH"],
        sha: env["BUILD_SOURCEVERSION"],
        workflow: env["BUILD_DEFINITIONNAME"],
        runId: build,
        runAttempt: env["SYSTEM_JOBATTEMPT"],
        jobId: env["SYSTEM_JOBID"],
        actor: env["BUILD_REQUESTEDFOR"],
        environment: env["ENVIRONMENT_NAME"],
        eventName: env["BUILD_REASON"],
        runUrl: collection !== void 0 && project !== void 0 && build !== void 0 ? `${collection.replace(/\/?$/, "/")}${encodeURIComponent(project)}/_build/results?buildId=${encodeURIComponent(build)}` : void 0
      });
    }
  };
}

// src/ci/bitbucket.ts
var BITBUCKET_TOKEN_VARIABLE = "BITBUCKET_STEP_OIDC_TOKEN";
function isBitbucketPipelines(env) {
  return envValue(env, "BITBUCKET_BUILD_NUMBER") !== void 0 && envValue(env, "BITBUCKET_COMMIT") !== void 0;
}
function bitbucketTokenAvailable(env) {
  return envValue(env, BITBUCKET_TOKEN_VARIABLE) !== void 0;
}
function bitbucketProvider(deps) {
  const { env } = deps;
  return {
    name: "bitbucket",
    description: `the Bitbucket Pipelines step token in ${BITBUCKET_TOKEN_VARIABLE}`,
    async idToken(audience) {
      const raw = envValue(env, BITBUCKET_TOKEN_VARIABLE);
      if (raw === void 0) {
        throw new FederationError(
          "ID_TOKEN_UNAVAILABLE",
          `Bitbucket Pipelines gave this step no OIDC token: ${BITBUCKET_TOKEN_VARIABLE} is not set.`,
          {
            remedy: `Add \`oidc: true\` to the step, or \`oidc: audiences: [${audience}]\` to request the audience of the app's federated credential (otherwise the token's audience is the one shown in Repository settings > OpenID Connect).`,
            usage: true,
            field: BITBUCKET_TOKEN_VARIABLE
          }
        );
      }
      const token = asJwt(raw);
      if (token === void 0) {
        throw new FederationError("MALFORMED_ID_TOKEN", `${BITBUCKET_TOKEN_VARIABLE} does not hold a JWT.`, {
          remedy: `Do not define a repository or deployment variable named ${BITBUCKET_TOKEN_VARIABLE}; Bitbucket sets it for steps with \`oidc: true\`.`,
          usage: true,
          field: BITBUCKET_TOKEN_VARIABLE
        });
      }
      return token;
    },
    context() {
      const origin = env["BITBUCKET_GIT_HTTP_ORIGIN"]?.replace(/^http:\/\//, "https://");
      const build = env["BITBUCKET_BUILD_NUMBER"];
      return compactContext("bitbucket", {
        repository: env["BITBUCKET_REPO_FULL_NAME"],
        ref: gitRef(env["BITBUCKET_TAG"], env["BITBUCKET_BRANCH"]),
        sha: env["BITBUCKET_COMMIT"],
        runId: env["BITBUCKET_PIPELINE_UUID"] ?? build,
        jobId: env["BITBUCKET_STEP_UUID"],
        actor: env["BITBUCKET_STEP_TRIGGERER_UUID"],
        environment: env["BITBUCKET_DEPLOYMENT_ENVIRONMENT"],
        eventName: env["BITBUCKET_PR_ID"] === void 0 ? void 0 : "pull_request",
        runUrl: origin !== void 0 && build !== void 0 ? `${origin}/pipelines/results/${build}` : void 0
      });
    }
  };
}

// src/ci/exec.ts
import { spawn } from "node:child_process";
var MAX_TOKEN_OUTPUT_BYTES = 64 * 1024;
var MAX_STDERR_BYTES = 16 * 1024;
var STDERR_EXCERPT_CHARS = 300;
function scrubStderr(text) {
  const cleaned = collapseControlCharacters(redact(text).replace(/\u001b\[[0-9;]*[A-Za-z]/g, ""), " ").replace(/\s+/g, " ").trim();
  return cleaned.length > STDERR_EXCERPT_CHARS ? `...${cleaned.slice(-STDERR_EXCERPT_CHARS)}` : cleaned;
}
function runCommand(argv, opts) {
  const maxBytes = opts.maxBytes ?? MAX_TOKEN_OUTPUT_BYTES;
  const env = {};
  for (const [key, value] of Object.entries(opts.env)) if (value !== void 0) env[key] = value;
  const scrub = (text) => scrubStderr(redact(text, opts.secrets ?? []));
  return new Promise((resolve) => {
    let settled = false;
    const finish = (result) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(result);
    };
    const [command, ...args] = argv;
    let child;
    try {
      child = spawn(command, args, {
        env,
        shell: false,
        stdio: [opts.stdin === void 0 ? "ignore" : "pipe", "pipe", "pipe"],
        windowsHide: true
      });
    } catch (err2) {
      resolve({ ok: false, reason: "spawn", stderr: scrub(err2 instanceof Error ? err2.message : String(err2)) });
      return;
    }
    const out = [];
    let outBytes = 0;
    const err = [];
    let errBytes = 0;
    let tooLarge = false;
    let timedOut = false;
    const timer = setTimeout(
      () => {
        timedOut = true;
        child.kill("SIGKILL");
      },
      Math.max(1, opts.timeoutMs)
    );
    child.stdout?.on("data", (chunk) => {
      if (opts.overflow === "truncate") {
        if (outBytes >= maxBytes) return;
        outBytes += chunk.length;
        out.push(chunk);
        return;
      }
      outBytes += chunk.length;
      if (outBytes > maxBytes) {
        tooLarge = true;
        child.kill("SIGKILL");
        return;
      }
      out.push(chunk);
    });
    child.stderr?.on("data", (chunk) => {
      if (errBytes >= MAX_STDERR_BYTES) return;
      errBytes += chunk.length;
      err.push(chunk);
    });
    if (opts.stdin !== void 0 && child.stdin !== null) {
      child.stdin.on("error", () => void 0);
      child.stdin.end(opts.stdin);
    }
    child.on("error", (e) => {
      const reason = e.code === "ENOENT" ? "not-found" : e.code === "EACCES" ? "not-executable" : "spawn";
      finish({ ok: false, reason, stderr: "" });
    });
    child.on("close", (code, signal) => {
      const stderr = scrub(Buffer.concat(err).toString("utf8"));
      if (timedOut) return finish({ ok: false, reason: "timeout", stderr });
      if (tooLarge) return finish({ ok: false, reason: "too-large", stderr });
      if (code === 0) return finish({ ok: true, stdout: Buffer.concat(out).toString("utf8") });
      if (code === null) return finish({ ok: false, reason: "signal", signal: signal ?? "unknown", stderr });
      return finish({ ok: false, reason: "exit", exitCode: code, stderr });
    });
  });
}
function runTokenCommand(argv, opts) {
  return runCommand(argv, opts);
}
function tokenCommandError(result, message, details) {
  return result.reason === "not-found" ? new FederationError("ID_TOKEN_UNAVAILABLE", message, { ...details, usage: true }) : new FederationError("ID_TOKEN_REQUEST_FAILED", message, details);
}
function describeFailure(command, result, timeoutMs) {
  const tail = result.stderr === "" ? "" : `: ${result.stderr}`;
  switch (result.reason) {
    case "not-found":
      return `\`${program(command)}\` was not found on PATH`;
    case "not-executable":
      return `\`${program(command)}\` is not executable`;
    case "timeout":
      return `\`${command}\` did not finish within ${Math.round(timeoutMs / 1e3)} s${tail}`;
    case "too-large":
      return `\`${command}\` printed more than ${MAX_TOKEN_OUTPUT_BYTES} bytes, which is not a token`;
    case "signal":
      return `\`${command}\` was killed by ${result.signal ?? "a signal"}${tail}`;
    case "spawn":
      return `\`${command}\` could not be started${tail}`;
    case "exit":
      return `\`${command}\` exited with code ${result.exitCode ?? "?"}${tail}`;
  }
}
function program(command) {
  return command.split(" ")[0] ?? command;
}

// src/ci/buildkite.ts
var AGENT_REMEDY = "Run this in a Buildkite command step, where the agent puts `buildkite-agent` on PATH with BUILDKITE_AGENT_ACCESS_TOKEN and BUILDKITE_JOB_ID; in a container (docker plugin) set `mount-buildkite-agent: true` and pass those variables through.";
function isBuildkite(env) {
  return env["BUILDKITE"] === "true";
}
function buildkiteTokenAvailable(env) {
  return envValue(env, "BUILDKITE_AGENT_ACCESS_TOKEN") !== void 0;
}
function buildkiteRequestArgv(audience) {
  return ["buildkite-agent", "oidc", "request-token", "--audience", audience];
}
function buildkiteProvider(deps) {
  const { env } = deps;
  return {
    name: "buildkite",
    description: "the Buildkite agent (`buildkite-agent oidc request-token`)",
    async idToken(audience) {
      if (!buildkiteTokenAvailable(env)) {
        throw new FederationError(
          "ID_TOKEN_UNAVAILABLE",
          "BUILDKITE_AGENT_ACCESS_TOKEN is not set, so `buildkite-agent` cannot request an OIDC token for this job.",
          { remedy: AGENT_REMEDY, usage: true, field: "BUILDKITE_AGENT_ACCESS_TOKEN" }
        );
      }
      const result = await runTokenCommand(buildkiteRequestArgv(audience), { env, timeoutMs: deps.timeoutMs });
      if (!result.ok) {
        const remedy = result.reason === "exit" ? "Check that the agent is recent enough to have `buildkite-agent oidc request-token` (upgrade it otherwise) and that the job is still running; retry the job if Buildkite was unavailable." : AGENT_REMEDY;
        throw tokenCommandError(
          result,
          `Requesting a Buildkite OIDC token failed: ${describeFailure("buildkite-agent oidc request-token", result, deps.timeoutMs)}.`,
          { remedy }
        );
      }
      const token = asJwt(result.stdout);
      if (token === void 0) {
        throw new FederationError(
          "ID_TOKEN_REQUEST_FAILED",
          "`buildkite-agent oidc request-token` printed something that is not a JWT.",
          {
            remedy: "Check that `buildkite-agent` on PATH is the Buildkite agent, and that no wrapper script adds output."
          }
        );
      }
      return token;
    },
    context() {
      const org = env["BUILDKITE_ORGANIZATION_SLUG"];
      const pipeline = env["BUILDKITE_PIPELINE_SLUG"];
      return compactContext("buildkite", {
        repository: org !== void 0 && pipeline !== void 0 ? `${org}/${pipeline}` : void 0,
        ref: gitRef(env["BUILDKITE_TAG"], env["BUILDKITE_BRANCH"]),
        sha: env["BUILDKITE_COMMIT"],
        workflow: env["BUILDKITE_PIPELINE_NAME"] ?? pipeline,
        runId: env["BUILDKITE_BUILD_ID"],
        runAttempt: env["BUILDKITE_RETRY_COUNT"],
        jobId: env["BUILDKITE_JOB_ID"],
        actor: env["BUILDKITE_BUILD_CREATOR"] ?? env["BUILDKITE_BUILD_AUTHOR"],
        eventName: env["BUILDKITE_SOURCE"],
        runUrl: env["BUILDKITE_BUILD_URL"]
      });
    }
  };
}

// src/ci/circleci.ts
var CIRCLECI_TOKEN_VARIABLES = ["CIRCLE_OIDC_TOKEN_V2", "CIRCLE_OIDC_TOKEN"];
var NO_TOKEN_REMEDY = 'Run this in a CircleCI cloud job (or CircleCI Server 4.4+, not air-gapped); builds of forked pull requests get a token only with "Pass secrets to builds from forked pull requests" on.';
function isCircleCi(env) {
  return env["CIRCLECI"] === "true";
}
function circleciTokenAvailable(env) {
  return CIRCLECI_TOKEN_VARIABLES.some((name) => envValue(env, name) !== void 0);
}
function circleciMintArgv(audience) {
  return ["circleci", "run", "oidc", "get", "--claims", JSON.stringify({ aud: audience })];
}
function circleciProvider(deps) {
  const { env } = deps;
  return {
    name: "circleci",
    description: "the CircleCI OIDC token (CIRCLE_OIDC_TOKEN_V2, or `circleci run oidc get` for another audience)",
    async idToken(audience) {
      const name = CIRCLECI_TOKEN_VARIABLES.find((n) => envValue(env, n) !== void 0);
      const fromEnv = name === void 0 ? void 0 : asJwt(env[name]);
      if (name !== void 0 && fromEnv === void 0) {
        throw new FederationError("MALFORMED_ID_TOKEN", `${name} does not hold a JWT.`, {
          remedy: `Do not define ${name} yourself (project or context variables); CircleCI sets it.`,
          usage: true,
          field: name
        });
      }
      const envAudiences = fromEnv === void 0 ? [] : audiencesOf(claimsOf(fromEnv));
      if (fromEnv !== void 0 && envAudiences.includes(audience)) return fromEnv;
      const result = await runTokenCommand(circleciMintArgv(audience), { env, timeoutMs: deps.timeoutMs });
      if (result.ok) {
        const minted = asJwt(result.stdout);
        if (minted !== void 0) return minted;
        throw new FederationError(
          "ID_TOKEN_REQUEST_FAILED",
          "`circleci run oidc get` printed something that is not a JWT.",
          { remedy: "Check that `circleci` on PATH is the CircleCI job CLI (not another tool of that name)." }
        );
      }
      const org = envAudiences[0] ?? envValue(env, "CIRCLE_ORGANIZATION_ID");
      const why = describeFailure("circleci run oidc get", result, deps.timeoutMs);
      if (name !== void 0 && fromEnv !== void 0) {
        throw tokenCommandError(
          result,
          `${name} has audience ${quote(envAudiences.join(", "))}, not ${quote(audience)}, and minting one for ${quote(audience)} failed: ${why}.`,
          {
            remedy: result.reason === "not-found" ? `Use an image that has the \`circleci\` job CLI, or set the federated credential's audience to your organization id and pass --audience ${org ?? "<organization id>"}.` : `Retry the job; if it persists, set the federated credential's audience to your organization id and pass --audience ${org ?? "<organization id>"} to use ${name} as it is.`,
            field: name
          }
        );
      }
      throw tokenCommandError(
        result,
        `CircleCI gave this job no OIDC token (CIRCLE_OIDC_TOKEN_V2 and CIRCLE_OIDC_TOKEN are empty), and minting one failed: ${why}.`,
        { remedy: NO_TOKEN_REMEDY }
      );
    },
    context() {
      const owner = env["CIRCLE_PROJECT_USERNAME"];
      const repo = env["CIRCLE_PROJECT_REPONAME"];
      return compactContext("circleci", {
        repository: owner !== void 0 && repo !== void 0 ? `${owner}/${repo}` : void 0,
        ref: gitRef(env["CIRCLE_TAG"], env["CIRCLE_BRANCH"]),
        sha: env["CIRCLE_SHA1"],
        workflow: env["CIRCLE_WORKFLOW_ID"],
        runId: env["CIRCLE_PIPELINE_ID"],
        jobId: env["CIRCLE_WORKFLOW_JOB_ID"] ?? env["CIRCLE_BUILD_NUM"],
        actor: env["CIRCLE_USERNAME"],
        runUrl: env["CIRCLE_BUILD_URL"]
      });
    }
  };
}

// src/ci/drone.ts
var NO_OIDC_CREDENTIAL_REMEDY = "Use a certificate: a PEM file with the private key and the certificate in AZURE_CLIENT_CERTIFICATE_PATH (or --certificate FILE); or, less safely, a client secret in AZURE_CLIENT_SECRET.";
function isDrone(env) {
  return env["DRONE"] === "true";
}
function droneProvider(deps) {
  const { env } = deps;
  return {
    name: "drone",
    description: "Drone CI (no OIDC tokens)",
    idToken() {
      return Promise.reject(
        new FederationError(
          "ID_TOKEN_UNAVAILABLE",
          "Drone issues no OIDC tokens, and no certificate or secret was found.",
          {
            remedy: `${NO_OIDC_CREDENTIAL_REMEDY} In .drone.yml take them from_secret.`,
            usage: true
          }
        )
      );
    },
    context() {
      return compactContext("drone", {
        repository: env["DRONE_REPO"],
        ref: env["DRONE_COMMIT_REF"] ?? gitRef(env["DRONE_TAG"], env["DRONE_COMMIT_BRANCH"]),
        sha: env["DRONE_COMMIT_SHA"],
        workflow: env["DRONE_STAGE_NAME"],
        runId: env["DRONE_BUILD_NUMBER"],
        jobId: env["DRONE_STEP_NAME"] ?? env["DRONE_STEP_NUMBER"],
        actor: env["DRONE_COMMIT_AUTHOR"],
        environment: env["DRONE_DEPLOY_TO"],
        eventName: env["DRONE_BUILD_EVENT"],
        runUrl: env["DRONE_BUILD_LINK"]
      });
    }
  };
}

// src/ci/generic.ts
import { readFile } from "node:fs/promises";
var ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
function fileTokenProvider(path, origin) {
  if (path.trim() === "")
    throw usageError(
      "INVALID_ID_TOKEN_FILE",
      `${origin} is empty.`,
      "Give the path of a file that holds the CI's OIDC token.",
      "id-token-file"
    );
  return {
    name: "file",
    description: `the file ${path} (${origin})`,
    async idToken() {
      let text;
      try {
        text = await readFile(path, "utf8");
      } catch (err) {
        const why = unreadableFileReason(err);
        throw new FederationError("ID_TOKEN_UNAVAILABLE", `The CI token file ${quote(path)} (${origin}) ${why}.`, {
          remedy: "Point it at the file your CI writes the OIDC token to, or use --id-token-env.",
          usage: true,
          field: "id-token-file"
        });
      }
      return checkToken(text, `the file ${quote(path)}`);
    },
    context: () => compactContext("file", {})
  };
}
function envTokenProvider(name, env) {
  if (!ENV_NAME.test(name)) {
    throw usageError(
      "INVALID_ID_TOKEN_ENV",
      `${quote(name)} is not an environment variable name.`,
      "Pass the name of the variable that holds the token (e.g. --id-token-env GITLAB_OIDC_TOKEN), not the token itself.",
      "id-token-env"
    );
  }
  return {
    name: "env",
    description: `the environment variable ${name}`,
    async idToken() {
      const value = env[name];
      if (value === void 0 || value.trim() === "") {
        throw new FederationError("ID_TOKEN_UNAVAILABLE", `The environment variable ${name} is not set or empty.`, {
          remedy: `Make your CI put its OIDC token in ${name}, or name the right variable with --id-token-env.`,
          usage: true,
          field: "id-token-env"
        });
      }
      return checkToken(value, `the variable ${name}`);
    },
    context: () => compactContext("env", {})
  };
}
function checkToken(raw, where) {
  const token = raw.trim();
  if (token === "") {
    throw new FederationError("ID_TOKEN_UNAVAILABLE", `${where.charAt(0).toUpperCase()}${where.slice(1)} is empty.`, {
      remedy: "The CI wrote no token there: check that the job is allowed to request OIDC tokens.",
      usage: true
    });
  }
  if (token.length > MAX_JWT_LENGTH) {
    throw new FederationError(
      "MALFORMED_ID_TOKEN",
      `The token in ${where} is longer than ${MAX_JWT_LENGTH} characters.`,
      { remedy: "Pass the raw OIDC ID token, nothing else.", usage: true }
    );
  }
  return token;
}

// src/ci/github.ts
var GITHUB_PERMISSION_REMEDY = "Add `permissions: id-token: write` to the job or workflow (reusable workflows need it in the caller too). Pull requests from forks never get an ID token: use `pull_request_target` with care, or skip the step for forks.";
function isGithubActions(env) {
  return env["GITHUB_ACTIONS"] === "true";
}
function idTokenUrl(requestUrl2, audience) {
  const sep = requestUrl2.includes("?") ? "&" : "?";
  return `${requestUrl2}${sep}audience=${encodeURIComponent(audience)}`;
}
function githubProvider(deps) {
  const { env, http } = deps;
  return {
    name: "github",
    description: "the GitHub Actions ID-token endpoint",
    async idToken(audience) {
      const url = env["ACTIONS_ID_TOKEN_REQUEST_URL"];
      const bearer = env["ACTIONS_ID_TOKEN_REQUEST_TOKEN"];
      if (url === void 0 || url === "" || bearer === void 0 || bearer === "") {
        const missing = url === void 0 || url === "" ? "ACTIONS_ID_TOKEN_REQUEST_URL" : "ACTIONS_ID_TOKEN_REQUEST_TOKEN";
        throw new FederationError(
          "ID_TOKEN_UNAVAILABLE",
          `GitHub did not give this job an OIDC token: ${missing} is not set.`,
          { remedy: GITHUB_PERMISSION_REMEDY, usage: true, field: missing }
        );
      }
      let target;
      try {
        target = new URL(idTokenUrl(url, audience)).href;
      } catch {
        throw new FederationError("ID_TOKEN_UNAVAILABLE", "ACTIONS_ID_TOKEN_REQUEST_URL is not a URL.", {
          remedy: "Do not override ACTIONS_ID_TOKEN_REQUEST_URL; the runner sets it.",
          usage: true
        });
      }
      const clock = deps.clock;
      const { response } = await fetchWithRetry(
        http,
        () => ({
          method: "GET",
          url: target,
          headers: { authorization: `Bearer ${bearer}`, accept: "application/json" }
        }),
        {
          deadlineAt: (clock?.now() ?? Date.now()) + deps.timeoutMs,
          what: "the GitHub Actions ID-token endpoint",
          ...clock === void 0 ? {} : { clock }
        }
      );
      if (response.status !== 200) {
        const hint = response.status === 401 || response.status === 403 ? "The runner refused the request token: it may have expired (jobs longer than about 6 h), or the job lacks `permissions: id-token: write`." : "GitHub's token service failed; it was retried. Re-run the job, and check https://www.githubstatus.com.";
        throw new FederationError(
          "ID_TOKEN_REQUEST_FAILED",
          `The GitHub Actions ID-token endpoint answered HTTP ${response.status}.`,
          { remedy: hint, status: response.status }
        );
      }
      let value;
      try {
        value = JSON.parse(response.body).value;
      } catch {
        value = void 0;
      }
      if (typeof value !== "string" || value === "") {
        throw new FederationError(
          "ID_TOKEN_REQUEST_FAILED",
          'The GitHub Actions ID-token endpoint answered without a token in "value".',
          { remedy: "Check that ACTIONS_ID_TOKEN_REQUEST_URL is the runner's own (a proxy may be answering)." }
        );
      }
      return value;
    },
    context: () => githubContext(env)
  };
}
function githubContext(env) {
  const server = env["GITHUB_SERVER_URL"] ?? "https://github.com";
  const repo = env["GITHUB_REPOSITORY"];
  const runId = env["GITHUB_RUN_ID"];
  return compactContext("github", {
    repository: repo,
    ref: env["GITHUB_REF"],
    sha: env["GITHUB_SHA"],
    workflow: env["GITHUB_WORKFLOW"],
    runId,
    runAttempt: env["GITHUB_RUN_ATTEMPT"],
    jobId: env["GITHUB_JOB"],
    actor: env["GITHUB_ACTOR"],
    eventName: env["GITHUB_EVENT_NAME"],
    runUrl: repo !== void 0 && runId !== void 0 ? `${server}/${repo}/actions/runs/${runId}` : void 0
  });
}

// src/ci/gitlab.ts
var GITLAB_TOKEN_VARIABLE = "GITLAB_OIDC_TOKEN";
var LEGACY_JWT_VARIABLES = ["CI_JOB_JWT_V2", "CI_JOB_JWT_V1", "CI_JOB_JWT"];
function isGitlabCi(env) {
  return env["GITLAB_CI"] === "true";
}
function gitlabTokenAvailable(env) {
  return envValue(env, GITLAB_TOKEN_VARIABLE) !== void 0;
}
function gitlabIdTokensYaml(audience) {
  return `id_tokens: ${GITLAB_TOKEN_VARIABLE}: aud: ${audience}`;
}
function otherIdTokenVariables(env) {
  const server = envValue(env, "CI_SERVER_URL")?.replace(/\/+$/, "");
  if (server === void 0) return [];
  return Object.keys(env).filter((name) => {
    if (name === GITLAB_TOKEN_VARIABLE || LEGACY_JWT_VARIABLES.includes(name)) return false;
    const token = asJwt(env[name]);
    return token !== void 0 && claimsOf(token)?.["iss"] === server;
  }).sort();
}
function gitlabProvider(deps) {
  const { env } = deps;
  return {
    name: "gitlab",
    description: `the GitLab CI ID token in ${GITLAB_TOKEN_VARIABLE} (id_tokens:)`,
    async idToken(audience) {
      const raw = envValue(env, GITLAB_TOKEN_VARIABLE);
      if (raw === void 0) {
        const others = otherIdTokenVariables(env);
        const found = others.length === 0 ? "" : ` ${others.join(", ")} ${others.length === 1 ? "holds" : "hold"} an ID token from this GitLab: pass --id-token-env ${others[0]} to use it.`;
        const legacy = LEGACY_JWT_VARIABLES.some((name) => envValue(env, name) !== void 0) ? " CI_JOB_JWT* variables are deprecated (removed in GitLab 17.0) and are not used." : "";
        throw new FederationError(
          "ID_TOKEN_UNAVAILABLE",
          `GitLab gave this job no ID token: ${GITLAB_TOKEN_VARIABLE} is not set.${found}${legacy}`,
          {
            remedy: `Add to the job \`${gitlabIdTokensYaml(audience)}\` (the aud must equal the audience of the app's federated credential), or pass --id-token-env NAME for a token under another name.`,
            usage: true,
            field: GITLAB_TOKEN_VARIABLE
          }
        );
      }
      const token = asJwt(raw);
      if (token === void 0) {
        throw new FederationError("MALFORMED_ID_TOKEN", `${GITLAB_TOKEN_VARIABLE} does not hold a JWT.`, {
          remedy: `Let GitLab set ${GITLAB_TOKEN_VARIABLE} through \`${gitlabIdTokensYaml(audience)}\`; do not define a CI/CD variable of that name.`,
          usage: true,
          field: GITLAB_TOKEN_VARIABLE
        });
      }
      return token;
    },
    context() {
      return compactContext("gitlab", {
        repository: env["CI_PROJECT_PATH"],
        ref: gitRef(
          env["CI_COMMIT_TAG"],
          env["CI_COMMIT_BRANCH"] ?? env["CI_MERGE_REQUEST_SOURCE_BRANCH_NAME"] ?? env["CI_COMMIT_REF_NAME"]
        ),
        sha: env["CI_COMMIT_SHA"],
        workflow: env["CI_PIPELINE_NAME"] ?? env["CI_JOB_NAME"],
        runId: env["CI_PIPELINE_ID"],
        jobId: env["CI_JOB_ID"],
        actor: env["GITLAB_USER_LOGIN"],
        environment: env["CI_ENVIRONMENT_NAME"],
        eventName: env["CI_PIPELINE_SOURCE"],
        runUrl: env["CI_JOB_URL"] ?? env["CI_PIPELINE_URL"]
      });
    }
  };
}

// src/ci/harness.ts
var HARNESS_TOKEN_VARIABLE = "PLUGIN_OIDC_TOKEN_ID";
function isHarness(env) {
  return ["HARNESS_ACCOUNT_ID", "HARNESS_BUILD_ID", HARNESS_TOKEN_VARIABLE].some(
    (name) => envValue(env, name) !== void 0
  );
}
function harnessTokenAvailable(env) {
  return envValue(env, HARNESS_TOKEN_VARIABLE) !== void 0;
}
function harnessProvider(deps) {
  const { env } = deps;
  return {
    name: "harness",
    description: `the Harness CI OIDC token in ${HARNESS_TOKEN_VARIABLE}`,
    async idToken() {
      const raw = envValue(env, HARNESS_TOKEN_VARIABLE);
      if (raw === void 0) {
        throw new FederationError(
          "ID_TOKEN_UNAVAILABLE",
          `Harness gave this step no OIDC token: ${HARNESS_TOKEN_VARIABLE} is not set.`,
          {
            remedy: `Run entra-federate as a plugin step (Harness sets ${HARNESS_TOKEN_VARIABLE} for OIDC-aware plugins); in a Run step pass a token you obtained with --id-token-env NAME, or use a certificate (AZURE_CLIENT_CERTIFICATE_PATH).`,
            usage: true,
            field: HARNESS_TOKEN_VARIABLE
          }
        );
      }
      const token = asJwt(raw);
      if (token === void 0) {
        throw new FederationError("MALFORMED_ID_TOKEN", `${HARNESS_TOKEN_VARIABLE} does not hold a JWT.`, {
          remedy: `Do not set ${HARNESS_TOKEN_VARIABLE} yourself unless it holds the raw OIDC token.`,
          usage: true,
          field: HARNESS_TOKEN_VARIABLE
        });
      }
      return token;
    },
    context() {
      return compactContext("harness", {
        repository: env["DRONE_REPO"],
        ref: env["DRONE_COMMIT_REF"] ?? gitRef(env["DRONE_TAG"], env["DRONE_COMMIT_BRANCH"]),
        sha: env["DRONE_COMMIT_SHA"],
        workflow: env["HARNESS_PIPELINE_ID"],
        runId: env["HARNESS_EXECUTION_ID"] ?? env["HARNESS_BUILD_ID"],
        jobId: env["HARNESS_STEP_ID"] ?? env["HARNESS_STAGE_ID"],
        actor: env["DRONE_COMMIT_AUTHOR"],
        eventName: env["DRONE_BUILD_EVENT"],
        runUrl: env["DRONE_BUILD_LINK"]
      });
    }
  };
}

// src/ci/jenkins.ts
function isJenkins(env) {
  return envValue(env, "JENKINS_URL") !== void 0 && envValue(env, "BUILD_NUMBER") !== void 0;
}
function jenkinsProvider(deps) {
  const { env } = deps;
  return {
    name: "jenkins",
    description: "Jenkins (token passed with --id-token-env or --id-token-file)",
    idToken() {
      return Promise.reject(
        new FederationError(
          "ID_TOKEN_UNAVAILABLE",
          "Jenkins has no standard place for an OIDC token, and none was passed.",
          {
            remedy: `Install the OpenID Connect Provider plugin, bind its "OpenID Connect id token" credential with withCredentials([string(credentialsId: 'azure-id-token', variable: 'AZURE_ID_TOKEN')]) and pass --id-token-env AZURE_ID_TOKEN (or the file variant with --id-token-file).`,
            usage: true
          }
        )
      );
    },
    context() {
      return compactContext("jenkins", {
        repository: env["GIT_URL"],
        ref: env["BRANCH_NAME"] ?? env["GIT_BRANCH"],
        sha: env["GIT_COMMIT"],
        workflow: env["JOB_NAME"],
        runId: env["BUILD_NUMBER"],
        jobId: env["BUILD_TAG"],
        actor: env["BUILD_USER_ID"],
        runUrl: env["BUILD_URL"]
      });
    }
  };
}

// src/ci/travis.ts
function isTravis(env) {
  return env["TRAVIS"] === "true";
}
function travisProvider(deps) {
  const { env } = deps;
  return {
    name: "travis",
    description: "Travis CI (no OIDC tokens)",
    idToken() {
      const forked = env["TRAVIS_SECURE_ENV_VARS"] === "false" ? " This build has no secure variables (pull requests from forks never do)." : "";
      return Promise.reject(
        new FederationError(
          "ID_TOKEN_UNAVAILABLE",
          `Travis CI issues no OIDC tokens, and no certificate or secret was found.${forked}`,
          {
            remedy: `${NO_OIDC_CREDENTIAL_REMEDY} Keep the PEM encrypted with \`travis encrypt-file\` and the secret in a secure variable.`,
            usage: true
          }
        )
      );
    },
    context() {
      const pr = env["TRAVIS_PULL_REQUEST"];
      return compactContext("travis", {
        repository: env["TRAVIS_REPO_SLUG"],
        ref: gitRef(
          env["TRAVIS_TAG"],
          pr !== void 0 && pr !== "false" ? env["TRAVIS_PULL_REQUEST_BRANCH"] : env["TRAVIS_BRANCH"]
        ),
        sha: env["TRAVIS_COMMIT"],
        runId: env["TRAVIS_BUILD_ID"],
        jobId: env["TRAVIS_JOB_ID"],
        eventName: env["TRAVIS_EVENT_TYPE"],
        runUrl: env["TRAVIS_JOB_WEB_URL"] ?? env["TRAVIS_BUILD_WEB_URL"]
      });
    }
  };
}

// src/ci/detect.ts
var never = () => false;
var PROVIDERS = {
  github: {
    detect: isGithubActions,
    tokenAvailable: (env) => envValue(env, "ACTIONS_ID_TOKEN_REQUEST_URL") !== void 0 && envValue(env, "ACTIONS_ID_TOKEN_REQUEST_TOKEN") !== void 0,
    create: githubProvider
  },
  gitlab: { detect: isGitlabCi, tokenAvailable: gitlabTokenAvailable, create: gitlabProvider },
  circleci: { detect: isCircleCi, tokenAvailable: circleciTokenAvailable, create: circleciProvider },
  buildkite: { detect: isBuildkite, tokenAvailable: buildkiteTokenAvailable, create: buildkiteProvider },
  bitbucket: { detect: isBitbucketPipelines, tokenAvailable: bitbucketTokenAvailable, create: bitbucketProvider },
  "azure-pipelines": {
    detect: isAzurePipelines,
    tokenAvailable: azurePipelinesTokenAvailable,
    create: azurePipelinesProvider
  },
  harness: { detect: isHarness, tokenAvailable: harnessTokenAvailable, create: harnessProvider },
  jenkins: { detect: isJenkins, tokenAvailable: never, create: jenkinsProvider },
  drone: { detect: isDrone, tokenAvailable: never, create: droneProvider },
  travis: { detect: isTravis, tokenAvailable: never, create: travisProvider }
};
var WITHOUT_OIDC = /* @__PURE__ */ new Set(["jenkins", "drone", "travis"]);
function providerNames() {
  return ["auto", ...Object.keys(PROVIDERS)];
}
function matchCi(input, deps) {
  const wanted = (input.provider ?? "auto").trim().toLowerCase();
  if (wanted !== "auto" && wanted !== "") {
    const entry = PROVIDERS[wanted];
    if (entry === void 0) {
      throw usageError(
        "INVALID_PROVIDER",
        `Unknown provider ${quote(input.provider ?? "")}.`,
        `Use one of ${providerNames().join(", ")}, or --id-token-file / --id-token-env for any other CI.`,
        "provider"
      );
    }
    return {
      name: wanted,
      provider: entry.create(deps),
      ready: entry.tokenAvailable(deps.env),
      named: true,
      oidc: !WITHOUT_OIDC.has(wanted)
    };
  }
  for (const [name, entry] of Object.entries(PROVIDERS)) {
    if (entry.detect(deps.env))
      return {
        name,
        provider: entry.create(deps),
        ready: entry.tokenAvailable(deps.env),
        named: false,
        oidc: !WITHOUT_OIDC.has(name)
      };
  }
  return void 0;
}
function explicitTokenSource(input, env, ci) {
  if (input.idTokenFile !== void 0 && input.idTokenEnv !== void 0) {
    throw usageError(
      "CONFLICTING_TOKEN_SOURCES",
      "--id-token-file and --id-token-env were both given.",
      "Give one place to read the CI token from.",
      "id-token-env"
    );
  }
  if (input.idTokenFile !== void 0) return withContext(fileTokenProvider(input.idTokenFile, "--id-token-file"), ci);
  if (input.idTokenEnv !== void 0) return withContext(envTokenProvider(input.idTokenEnv, env), ci);
  return void 0;
}
function withContext(source, ci) {
  if (ci === void 0) return source;
  return {
    name: source.name,
    description: source.description,
    idToken: (aud) => source.idToken(aud),
    context: () => ci.provider.context()
  };
}
function federatedTokenFileSource(env, ci) {
  const file = envValue(env, "AZURE_FEDERATED_TOKEN_FILE");
  return file === void 0 ? void 0 : withContext(fileTokenProvider(file, "AZURE_FEDERATED_TOKEN_FILE"), ci);
}
function noCredentialError() {
  return usageError(
    "NO_CREDENTIAL",
    "Found nothing to authenticate with: no CI OIDC token source, certificate or secret was detected or given.",
    "In a CI with OIDC, run inside it (GitHub Actions needs `permissions: id-token: write`); otherwise pass --id-token-file FILE or --id-token-env NAME, or set AZURE_FEDERATED_TOKEN_FILE; where the CI issues no token (Drone, Travis), set AZURE_CLIENT_CERTIFICATE_PATH to a PEM with key and certificate, or AZURE_CLIENT_SECRET."
  );
}

// src/ci/credential.ts
function chooseCredential(input, env, http) {
  if (wantsManagedIdentity(input.credential)) return managedIdentityCredential(input, env, http);
  const timeoutMs = validateTimeout(input.timeout);
  const ci = matchCi(input, { env, http, timeoutMs });
  const context = ci === void 0 ? {} : { provider: ci.provider };
  const explicit = explicitTokenSource(input, env, ci);
  if (explicit !== void 0) return federatedCredential(explicit);
  if (input.certificate !== void 0)
    return certificateCredential(input.certificate, "--certificate", input, env, context);
  if (ci !== void 0 && (ci.named && ci.oidc || ci.ready)) return federatedCredential(ci.provider);
  const certificatePath = nonBlank(env["AZURE_CLIENT_CERTIFICATE_PATH"]);
  if (certificatePath !== void 0)
    return certificateCredential(certificatePath, "AZURE_CLIENT_CERTIFICATE_PATH", input, env, context);
  const secret = nonBlank(env["AZURE_CLIENT_SECRET"])?.trim();
  if (secret !== void 0)
    return { ...context, source: { kind: "secret", description: "the client secret in AZURE_CLIENT_SECRET", secret } };
  const tokenFile = federatedTokenFileSource(env, ci);
  if (tokenFile !== void 0) return federatedCredential(tokenFile);
  if (ci !== void 0) return federatedCredential(ci.provider);
  throw noCredentialError();
}
function wantsManagedIdentity(raw) {
  const value = (raw ?? "").trim().toLowerCase();
  if (value === "" || value === "auto") return false;
  if (value === "managed-identity") return true;
  throw usageError(
    "INVALID_CREDENTIAL_KIND",
    `--credential ${quote(raw ?? "")} is not a credential kind entra-federate knows.`,
    "Pass --credential managed-identity for the runner's own identity (Azure VMs, scale sets, AKS), or leave it out to sign in with the CI token.",
    "credential"
  );
}
function managedIdentityCredential(input, env, http) {
  const podHost = nonBlank(env["AZURE_POD_IDENTITY_AUTHORITY_HOST"]);
  const endpoint = podHost !== void 0 ? imdsEndpoint(podHost, "AZURE_POD_IDENTITY_AUTHORITY_HOST") : imdsEndpoint(env["IMDS_ENDPOINT"], "IMDS_ENDPOINT");
  const raw = nonBlank(input.clientId ?? env["AZURE_CLIENT_ID"]);
  const clientId = raw === void 0 ? void 0 : validateClientId(raw);
  const which = clientId === void 0 ? "the system-assigned managed identity" : `the managed identity ${clientId}`;
  return {
    origin: "managed-identity",
    source: {
      kind: "managed-identity",
      description: `${which} of this machine (${endpoint})`,
      token: ({ resource, scope, deadlineAt }) => managedIdentityToken(
        { endpoint, resource, scope, deadlineAt, ...clientId === void 0 ? {} : { clientId } },
        { http, clock: systemClock }
      )
    }
  };
}
function federatedCredential(provider) {
  return {
    provider,
    source: { kind: "federated", description: provider.description, idToken: (aud) => provider.idToken(aud) }
  };
}
function nonBlank(value) {
  return value === void 0 || value.trim() === "" ? void 0 : value;
}
var MAX_CERTIFICATE_BYTES = 256 * 1024;
function certificateCredential(path, origin, input, env, context) {
  if (path.trim() === "")
    throw usageError(
      "INVALID_CERTIFICATE",
      `${origin} is empty.`,
      "Give the path of a PEM file holding the private key and the certificate.",
      "certificate"
    );
  const algorithm = validateCertificateAlgorithm(input.certificateAlgorithm);
  const clientId = validateClientId(input.clientId ?? env["AZURE_CLIENT_ID"]);
  const sendChain = ["1", "true"].includes((env["AZURE_CLIENT_SEND_CERTIFICATE_CHAIN"] ?? "").trim().toLowerCase());
  let content;
  try {
    content = readFileSync2(path);
  } catch (err) {
    const why = unreadableFileReason(err);
    throw usageError(
      "INVALID_CERTIFICATE",
      `The certificate file ${quote(path)} (${origin}) ${why}.`,
      "Point it at the PEM file holding the private key and the certificate (the CI's secret file).",
      "certificate"
    );
  }
  if (content.length > MAX_CERTIFICATE_BYTES) {
    throw usageError(
      "INVALID_CERTIFICATE",
      `The certificate file ${quote(path)} (${origin}) is larger than ${MAX_CERTIFICATE_BYTES / 1024} KiB.`,
      "Give a PEM file holding only the private key and the certificate (and its chain).",
      "certificate"
    );
  }
  const cert = loadCertificate(content, `the certificate file ${quote(path)} (${origin})`);
  content.fill(0);
  return {
    ...context,
    source: {
      kind: "certificate",
      description: `the certificate in ${path} (SHA-1 thumbprint ${cert.thumbprintSha1Hex}, ${algorithm}${sendChain ? ", with x5c chain" : ""})`,
      assertion: certificateAssertion(cert, { clientId, algorithm, sendChain })
    }
  };
}

// src/entry/shared/login-values.ts
function scopeList(value) {
  if (!value.includes(",")) return [value];
  const scopes = value.split(",").map((s) => s.trim()).filter((s) => s !== "");
  return scopes.length === 0 ? [value] : scopes;
}
function optionsFrom(values, env) {
  return resolveOptions(
    {
      clientId: values["client-id"] ?? env["AZURE_CLIENT_ID"],
      tenantId: values["tenant-id"] ?? env["AZURE_TENANT_ID"],
      scopes: values.scope?.flatMap(scopeList),
      cloud: values.cloud,
      authorityHost: values["authority-host"] ?? env["AZURE_AUTHORITY_HOST"],
      audience: values.audience,
      timeoutSeconds: values.timeout
    },
    { managedIdentity: wantsManagedIdentity(values.credential) }
  );
}
function credentialFrom(values, env, http) {
  return chooseCredential(
    {
      credential: values.credential,
      provider: values.provider,
      idTokenFile: values["id-token-file"],
      idTokenEnv: values["id-token-env"],
      certificate: values.certificate,
      certificateAlgorithm: values["certificate-alg"],
      clientId: values["client-id"],
      timeout: values.timeout
    },
    env,
    http
  );
}
function guardFrom(values, env) {
  return { policyPath: values.policy, auditLogPath: values["audit-log"], summaryPath: env["GITHUB_STEP_SUMMARY"] };
}

// src/entry/shared/sign-in.ts
async function guardedLogin(options, credential, guard, deps) {
  if (guard?.policyPath === void 0 && guard?.policy === void 0 && guard?.auditLogPath === void 0)
    return login(options, credential.source, { http: deps.http });
  const { loginWithGuardFiles } = await import("./chunks/trail-7NTB6HHN.js");
  return loginWithGuardFiles(options, credential.source, deps.http, {
    policyPath: guard.policyPath,
    policy: guard.policy,
    auditLogPath: guard.auditLogPath,
    summaryPath: guard.summaryPath,
    provider: credential.origin ?? credential.provider?.name ?? credential.source.kind,
    ci: credential.provider?.context(),
    now: () => deps.now()
  });
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

// src/entry/identity.ts
await runIdentityEndpointProcess();
