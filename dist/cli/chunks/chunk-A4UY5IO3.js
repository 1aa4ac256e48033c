// src/sandbox/config.ts
import { X509Certificate } from "node:crypto";
import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
var DEFAULT_TENANT_ID = "5a4db0c5-7e4a-4000-8000-000000000001";
var DEFAULT_CLIENT_ID = "5a4db0c5-c11e-4000-8000-000000000002";
var DEFAULT_TENANT_DOMAIN = "sandbox.onmicrosoft.com";
var DEFAULT_SUBJECT = "repo:octo-org/octo-repo:ref:refs/heads/main";
var TOKEN_EXCHANGE_AUDIENCE = "api://AzureADTokenExchange";
var ORIGIN_PLACEHOLDER = "{origin}";
var FAULT_TARGETS = [
  "token",
  "idtoken",
  "entra-discovery",
  "entra-jwks",
  "ci-discovery",
  "ci-jwks"
];
var SandboxConfigError = class extends Error {
  constructor(field, problem, source) {
    super(`${source ? `${source}: ` : ""}${field} ${problem}`);
    this.field = field;
  }
  field;
  name = "SandboxConfigError";
};
function defaultApp(ciIssuer) {
  return {
    clientId: DEFAULT_CLIENT_ID,
    displayName: "entra-federate sandbox app",
    federatedCredentials: [
      { name: "octo-repo-main", issuer: ciIssuer, subject: DEFAULT_SUBJECT, audiences: [TOKEN_EXCHANGE_AUDIENCE] }
    ]
  };
}
function loadSandboxConfig(path) {
  let text;
  try {
    text = readFileSync(path, "utf8");
  } catch (err) {
    throw new Error(`cannot read sandbox config ${path}: ${err.code ?? String(err)}`);
  }
  let raw;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    throw new Error(`sandbox config ${path} is not valid JSON: ${err.message}`);
  }
  if (isObject(raw) && Array.isArray(raw["apps"])) {
    raw["apps"].forEach((app, i) => {
      if (!isObject(app) || !Array.isArray(app["certificates"])) return;
      app["certificates"] = app["certificates"].map((cert, j) => {
        if (typeof cert !== "string" || cert.includes("-----BEGIN")) return cert;
        try {
          return readFileSync(resolve(dirname(path), cert), "utf8");
        } catch {
          throw new SandboxConfigError(
            `apps[${i}].certificates[${j}]`,
            `is neither PEM nor a readable file: ${cert}`,
            path
          );
        }
      });
    });
  }
  return validateSandboxConfig(raw, path);
}
function validateSandboxConfig(value, source) {
  const v = new Validator(source);
  const obj = v.object(value, "config", [
    "tenantId",
    "tenantDomains",
    "apps",
    "issuers",
    "idTokenClaims",
    "idTokenLifetimeSeconds",
    "accessTokenLifetimeSeconds",
    "clockSkewSeconds",
    "faults"
  ]);
  const config = {};
  if (obj["tenantId"] !== void 0) config.tenantId = v.guid(obj["tenantId"], "tenantId");
  if (obj["tenantDomains"] !== void 0) {
    config.tenantDomains = v.array(obj["tenantDomains"], "tenantDomains").map((d, i) => v.domain(d, `tenantDomains[${i}]`));
  }
  if (obj["apps"] !== void 0) {
    config.apps = v.array(obj["apps"], "apps").map((app, i) => validateApp(app, `apps[${i}]`, v));
    const seen = /* @__PURE__ */ new Set();
    config.apps.forEach((app, i) => {
      const key = app.clientId.toLowerCase();
      if (seen.has(key)) v.fail(`apps[${i}].clientId`, `repeats ${app.clientId}`);
      seen.add(key);
    });
  }
  if (obj["issuers"] !== void 0) {
    config.issuers = v.array(obj["issuers"], "issuers").map((iss, i) => validateIssuer(iss, `issuers[${i}]`, v));
  }
  if (obj["idTokenClaims"] !== void 0) config.idTokenClaims = v.object(obj["idTokenClaims"], "idTokenClaims");
  if (obj["idTokenLifetimeSeconds"] !== void 0) {
    config.idTokenLifetimeSeconds = v.integer(obj["idTokenLifetimeSeconds"], "idTokenLifetimeSeconds", 1);
  }
  if (obj["accessTokenLifetimeSeconds"] !== void 0) {
    config.accessTokenLifetimeSeconds = v.integer(obj["accessTokenLifetimeSeconds"], "accessTokenLifetimeSeconds", 1);
  }
  if (obj["clockSkewSeconds"] !== void 0)
    config.clockSkewSeconds = v.integer(obj["clockSkewSeconds"], "clockSkewSeconds", 0);
  if (obj["faults"] !== void 0) config.faults = validateFaults(obj["faults"], "faults", v);
  return config;
}
function validateAppConfig(value, field = "app") {
  return validateApp(value, field, new Validator());
}
function validateIssuerConfig(value, field = "issuer") {
  return validateIssuer(value, field, new Validator());
}
function validateFaultRules(value, field = "faults") {
  return validateFaults(value, field, new Validator());
}
function validateMintOptions(value, field = "mint") {
  const v = new Validator();
  const obj = v.object(value, field, ["claims", "audience", "lifetimeSeconds", "issuer", "kid"]);
  const opts = {};
  if (obj["claims"] !== void 0) opts.claims = v.object(obj["claims"], `${field}.claims`);
  if (obj["audience"] !== void 0) opts.audience = v.string(obj["audience"], `${field}.audience`);
  if (obj["lifetimeSeconds"] !== void 0)
    opts.lifetimeSeconds = v.integer(obj["lifetimeSeconds"], `${field}.lifetimeSeconds`);
  if (obj["issuer"] !== void 0) opts.issuer = v.string(obj["issuer"], `${field}.issuer`);
  if (obj["kid"] !== void 0) opts.kid = v.string(obj["kid"], `${field}.kid`);
  return opts;
}
function validateApp(value, field, v) {
  const obj = v.object(value, field, ["clientId", "displayName", "federatedCredentials", "secrets", "certificates"]);
  const app = { clientId: v.guid(obj["clientId"], `${field}.clientId`) };
  if (obj["displayName"] !== void 0) app.displayName = v.string(obj["displayName"], `${field}.displayName`);
  if (obj["federatedCredentials"] !== void 0) {
    const fics = v.array(obj["federatedCredentials"], `${field}.federatedCredentials`).map((fic, i) => validateFic(fic, `${field}.federatedCredentials[${i}]`, v));
    if (fics.length > 20)
      v.fail(`${field}.federatedCredentials`, "holds more than 20 entries (Entra allows 20 per app)");
    const pairs = /* @__PURE__ */ new Set();
    fics.forEach((fic, i) => {
      const key = `${fic.issuer}
${fic.subject}`;
      if (pairs.has(key))
        v.fail(
          `${field}.federatedCredentials[${i}]`,
          "repeats an issuer and subject pair (Entra requires them unique per app)"
        );
      pairs.add(key);
    });
    app.federatedCredentials = fics;
  }
  if (obj["secrets"] !== void 0) {
    app.secrets = v.array(obj["secrets"], `${field}.secrets`).map((s, i) => v.string(s, `${field}.secrets[${i}]`));
  }
  if (obj["certificates"] !== void 0) {
    app.certificates = v.array(obj["certificates"], `${field}.certificates`).map((pem, i) => {
      const name = `${field}.certificates[${i}]`;
      const text = v.string(pem, name);
      try {
        new X509Certificate(text);
      } catch {
        v.fail(name, "is not a PEM certificate");
      }
      return text;
    });
  }
  return app;
}
function validateFic(value, field, v) {
  const obj = v.object(value, field, ["name", "issuer", "subject", "audiences", "description"]);
  const audiences = v.array(obj["audiences"], `${field}.audiences`).map((a, i) => v.string(a, `${field}.audiences[${i}]`));
  if (audiences.length !== 1)
    v.fail(`${field}.audiences`, `must hold exactly one audience (Entra's rule), found ${audiences.length}`);
  const fic = {
    issuer: v.string(obj["issuer"], `${field}.issuer`),
    subject: v.string(obj["subject"], `${field}.subject`),
    audiences
  };
  if (obj["name"] !== void 0) fic.name = v.string(obj["name"], `${field}.name`);
  return fic;
}
function validateIssuer(value, field, v) {
  const obj = v.object(value, field, ["issuer", "jwksUri"]);
  const issuer = { issuer: v.string(obj["issuer"], `${field}.issuer`) };
  if (obj["jwksUri"] !== void 0) {
    const uri = v.string(obj["jwksUri"], `${field}.jwksUri`);
    if (!/^(https?:\/\/|\{origin\}\/)/.test(uri))
      v.fail(`${field}.jwksUri`, "must be an http(s) URL (or start with {origin}/)");
    issuer.jwksUri = uri;
  }
  return issuer;
}
function validateFaults(value, field, v) {
  return v.array(value, field).map((item, i) => {
    const name = `${field}[${i}]`;
    const obj = v.object(item, name, [
      "target",
      "times",
      "status",
      "retryAfter",
      "body",
      "contentType",
      "delayMs",
      "drop",
      "truncate"
    ]);
    const target = v.string(obj["target"], `${name}.target`);
    if (!FAULT_TARGETS.includes(target)) {
      v.fail(`${name}.target`, `must be one of ${FAULT_TARGETS.join(", ")}`);
    }
    const rule = { target };
    if (obj["times"] !== void 0) rule.times = v.integer(obj["times"], `${name}.times`, 0);
    if (obj["status"] !== void 0) rule.status = v.integer(obj["status"], `${name}.status`, 100, 599);
    if (obj["retryAfter"] !== void 0) rule.retryAfter = v.headerValue(obj["retryAfter"], `${name}.retryAfter`);
    if (obj["body"] !== void 0) rule.body = v.string(obj["body"], `${name}.body`, true);
    if (obj["contentType"] !== void 0) rule.contentType = v.headerValue(obj["contentType"], `${name}.contentType`);
    if (obj["delayMs"] !== void 0) rule.delayMs = v.integer(obj["delayMs"], `${name}.delayMs`, 0, 6e5);
    if (obj["drop"] !== void 0) rule.drop = v.boolean(obj["drop"], `${name}.drop`);
    if (obj["truncate"] !== void 0) rule.truncate = v.boolean(obj["truncate"], `${name}.truncate`);
    return rule;
  });
}
function isObject(value) {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
var GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
var DOMAIN = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i;
function isGuid(value) {
  return GUID.test(value);
}
function isDomainName(value) {
  return DOMAIN.test(value);
}
var Validator = class {
  constructor(source) {
    this.source = source;
  }
  source;
  fail(field, problem) {
    throw new SandboxConfigError(field, problem, this.source);
  }
  object(value, field, allowed) {
    if (!isObject(value)) this.fail(field, "must be a JSON object");
    if (allowed) {
      for (const key of Object.keys(value)) {
        if (!allowed.includes(key))
          this.fail(`${field}.${key}`, `is not a known field (expected one of ${allowed.join(", ")})`);
      }
    }
    return value;
  }
  array(value, field) {
    if (!Array.isArray(value)) this.fail(field, "must be an array");
    return value;
  }
  string(value, field, allowEmpty = false) {
    if (typeof value !== "string" || !allowEmpty && value.length === 0)
      this.fail(field, "must be a non-empty string");
    return value;
  }
  headerValue(value, field) {
    const text = this.string(value, field);
    if (/[\r\n\0]/.test(text)) this.fail(field, "must not contain line breaks");
    return text;
  }
  guid(value, field) {
    const text = this.string(value, field);
    if (!isGuid(text)) this.fail(field, `must be a GUID, got '${text}'`);
    return text;
  }
  domain(value, field) {
    const text = this.string(value, field);
    if (!isDomainName(text)) this.fail(field, `must be a DNS domain name, got '${text}'`);
    return text;
  }
  integer(value, field, min = Number.MIN_SAFE_INTEGER, max = Number.MAX_SAFE_INTEGER) {
    if (typeof value !== "number" || !Number.isInteger(value) || value < min || value > max) {
      const range = min === Number.MIN_SAFE_INTEGER ? "" : max === Number.MAX_SAFE_INTEGER ? ` >= ${min}` : ` in ${min}..${max}`;
      this.fail(field, `must be an integer${range}`);
    }
    return value;
  }
  boolean(value, field) {
    if (typeof value !== "boolean") this.fail(field, "must be true or false");
    return value;
  }
};

// src/sandbox/index.ts
import { randomBytes as randomBytes3 } from "node:crypto";
import http2 from "node:http";
import https2 from "node:https";

// src/sandbox/http.ts
var MAX_BODY_BYTES = 64 * 1024;
var BodyTooLargeError = class extends Error {
  name = "BodyTooLargeError";
};
function readBody(req, limit = MAX_BODY_BYTES) {
  return new Promise((resolve2, reject) => {
    const declared = Number(req.headers["content-length"]);
    if (Number.isFinite(declared) && declared > limit) {
      reject(new BodyTooLargeError(`body of ${declared} bytes exceeds ${limit}`));
      return;
    }
    const chunks = [];
    let size = 0;
    req.on("data", (chunk) => {
      size += chunk.length;
      if (size > limit) {
        req.removeAllListeners("data");
        req.pause();
        reject(new BodyTooLargeError(`body exceeds ${limit} bytes`));
        return;
      }
      chunks.push(chunk);
    });
    req.on("end", () => resolve2(Buffer.concat(chunks)));
    req.on("error", reject);
    req.on("aborted", () => reject(new Error("request aborted")));
  });
}
function sendReply(res, reply) {
  const text = typeof reply.body === "string" ? reply.body : JSON.stringify(reply.body);
  res.writeHead(reply.status, {
    "Content-Type": "application/json; charset=utf-8",
    "Cache-Control": "no-store, no-cache",
    Pragma: "no-cache",
    "Content-Length": String(Buffer.byteLength(text)),
    ...reply.headers
  });
  res.end(text);
}
function jsonReply(status, body, headers) {
  return headers ? { status, body, headers } : { status, body };
}
var HIDDEN_HEADERS = /* @__PURE__ */ new Set(["authorization", "proxy-authorization", "cookie", "set-cookie"]);
function loggableHeaders(headers) {
  const out = {};
  for (const [name, value] of Object.entries(headers)) {
    if (HIDDEN_HEADERS.has(name) || value === void 0) continue;
    out[name] = Array.isArray(value) ? value.join(", ") : value;
  }
  return out;
}
function parseForm(body, contentType) {
  const form = {};
  if (contentType?.split(";")[0]?.trim().toLowerCase() !== "application/x-www-form-urlencoded") return form;
  for (const [key, value] of new URLSearchParams(body.toString("utf8"))) {
    if (!Object.hasOwn(form, key)) form[key] = value;
  }
  return form;
}
var SECRET_FIELDS = /* @__PURE__ */ new Set(["client_assertion", "client_secret", "assertion", "refresh_token", "password", "code"]);
function redactForm(form) {
  const out = {};
  for (const [key, value] of Object.entries(form)) out[key] = SECRET_FIELDS.has(key) ? "[redacted]" : value;
  return out;
}
function parseJson(body) {
  try {
    return { ok: true, value: JSON.parse(body.length ? body.toString("utf8") : "{}") };
  } catch (err) {
    return { ok: false, message: `body is not valid JSON: ${err.message}` };
  }
}
function bearerToken(headers) {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(headers.authorization ?? "");
  return match?.[1];
}
function isLoopbackHostname(hostname) {
  const bare = hostname.replace(/^\[|\]$/g, "").toLowerCase();
  return bare === "localhost" || bare === "::1" || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(bare);
}

// src/sandbox/issuer.ts
import { randomUUID, timingSafeEqual } from "node:crypto";

// src/sandbox/keys.ts
import { createHash as createHash2, generateKeyPair } from "node:crypto";
import { promisify } from "node:util";

// src/sandbox/x509.ts
import { createHash, generateKeyPairSync, randomBytes, sign } from "node:crypto";
import { isIPv4, isIPv6 } from "node:net";

// src/sandbox/der.ts
var TAG = {
  boolean: 1,
  integer: 2,
  bitString: 3,
  octetString: 4,
  null: 5,
  oid: 6,
  utf8String: 12,
  utcTime: 23,
  generalizedTime: 24,
  sequence: 48,
  set: 49
};
function encodeLength(length) {
  if (length < 128) return Buffer.from([length]);
  const bytes = [];
  for (let rest = length; rest > 0; rest = Math.floor(rest / 256)) bytes.unshift(rest & 255);
  return Buffer.from([128 | bytes.length, ...bytes]);
}
function tlv(tag, content) {
  return Buffer.concat([Buffer.from([tag]), encodeLength(content.length), content]);
}
function sequence(...items) {
  return tlv(TAG.sequence, Buffer.concat(items));
}
function set(...items) {
  return tlv(TAG.set, Buffer.concat(items));
}
function boolean(value) {
  return tlv(TAG.boolean, Buffer.from([value ? 255 : 0]));
}
function nullValue() {
  return tlv(TAG.null, Buffer.alloc(0));
}
function unsignedInteger(value) {
  let bytes = typeof value === "number" ? numberToBytes(value) : Buffer.from(value);
  let start = 0;
  while (start < bytes.length - 1 && bytes[start] === 0) start++;
  bytes = bytes.subarray(start);
  if (bytes.length === 0) bytes = Buffer.from([0]);
  if ((bytes[0] ?? 0) & 128) bytes = Buffer.concat([Buffer.from([0]), bytes]);
  return tlv(TAG.integer, bytes);
}
function numberToBytes(value) {
  if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`not a non-negative integer: ${value}`);
  const bytes = [];
  for (let rest = value; rest > 0; rest = Math.floor(rest / 256)) bytes.unshift(rest & 255);
  return Buffer.from(bytes.length ? bytes : [0]);
}
function objectIdentifier(dotted) {
  const arcs = dotted.split(".").map((arc) => {
    if (!/^\d+$/.test(arc)) throw new Error(`bad OID: ${dotted}`);
    return BigInt(arc);
  });
  const [first, second, ...rest] = arcs;
  if (first === void 0 || second === void 0) throw new Error(`bad OID: ${dotted}`);
  const bytes = [];
  for (const arc of [first * 40n + second, ...rest]) {
    const groups = [Number(arc & 0x7fn)];
    for (let v = arc >> 7n; v > 0n; v >>= 7n) groups.unshift(Number(v & 0x7fn) | 128);
    bytes.push(...groups);
  }
  return tlv(TAG.oid, Buffer.from(bytes));
}
function octetString(content) {
  return tlv(TAG.octetString, content);
}
function bitString(content, unusedBits = 0) {
  return tlv(TAG.bitString, Buffer.concat([Buffer.from([unusedBits]), content]));
}
function namedBits(bits) {
  const highest = Math.max(...bits);
  const bytes = Buffer.alloc(Math.floor(highest / 8) + 1);
  for (const bit of bits) {
    const index = Math.floor(bit / 8);
    bytes[index] = (bytes[index] ?? 0) | 128 >> bit % 8;
  }
  return bitString(bytes, 7 - highest % 8);
}
function utf8String(value) {
  return tlv(TAG.utf8String, Buffer.from(value, "utf8"));
}
function time(date) {
  const iso = date.toISOString();
  const digits = `${iso.slice(0, 19).replace(/[-:T]/g, "")}Z`;
  const year = date.getUTCFullYear();
  if (year >= 1950 && year < 2050) return tlv(TAG.utcTime, Buffer.from(digits.slice(2), "ascii"));
  return tlv(TAG.generalizedTime, Buffer.from(digits, "ascii"));
}
function explicit(tagNumber, content) {
  return tlv(160 | tagNumber, content);
}
function implicitPrimitive(tagNumber, content) {
  return tlv(128 | tagNumber, content);
}

// src/sandbox/x509.ts
var OID = {
  commonName: "2.5.4.3",
  rsaWithSha256: "1.2.840.113549.1.1.11",
  ecdsaWithSha256: "1.2.840.10045.4.3.2",
  subjectKeyIdentifier: "2.5.29.14",
  keyUsage: "2.5.29.15",
  subjectAltName: "2.5.29.17",
  basicConstraints: "2.5.29.19",
  authorityKeyIdentifier: "2.5.29.35",
  extKeyUsage: "2.5.29.37",
  serverAuth: "1.3.6.1.5.5.7.3.1",
  clientAuth: "1.3.6.1.5.5.7.3.2"
};
var KEY_USAGE = { digitalSignature: 0, keyEncipherment: 2, keyCertSign: 5, cRLSign: 6 };
function createSelfSignedCertificate(opts) {
  const keyType = opts.keyType ?? "rsa";
  const { privateKey, publicKey } = keyType === "ec" ? generateKeyPairSync("ec", { namedCurve: "P-256" }) : generateKeyPairSync("rsa", { modulusLength: 2048 });
  const cert = certificateForKey({ privateKey, publicKey }, opts);
  return {
    certPem: cert.certPem,
    keyPem: privateKey.export({ type: "pkcs8", format: "pem" }).toString(),
    thumbprintSha1: cert.thumbprintSha1,
    thumbprintSha256: cert.thumbprintSha256
  };
}
function certificateForKey(keys, opts) {
  if (!opts.commonName) throw new Error("commonName is required");
  const keyType = keys.privateKey.asymmetricKeyType;
  if (keyType !== "rsa" && keyType !== "ec") throw new Error(`unsupported key type: ${String(keyType)}`);
  const isRsa = keyType === "rsa";
  const spki = keys.publicKey.export({ type: "spki", format: "der" });
  const keyId = createHash("sha1").update(spki).digest();
  const name = sequence(
    set(sequence(objectIdentifier(OID.commonName), utf8String(opts.commonName)))
  );
  const now = Date.now();
  const notBefore = new Date(now - 36e5);
  const notAfter = new Date(now + (opts.days ?? 365) * 864e5);
  const signatureAlgorithm = isRsa ? sequence(objectIdentifier(OID.rsaWithSha256), nullValue()) : sequence(objectIdentifier(OID.ecdsaWithSha256));
  const keyUsageBits = [KEY_USAGE.digitalSignature];
  if (isRsa) keyUsageBits.push(KEY_USAGE.keyEncipherment);
  if (opts.isCa) keyUsageBits.push(KEY_USAGE.keyCertSign, KEY_USAGE.cRLSign);
  const extensions = [
    extension(OID.basicConstraints, true, opts.isCa ? sequence(boolean(true)) : sequence()),
    extension(OID.keyUsage, true, namedBits(keyUsageBits)),
    extension(
      OID.extKeyUsage,
      false,
      sequence(objectIdentifier(OID.serverAuth), objectIdentifier(OID.clientAuth))
    ),
    extension(OID.subjectKeyIdentifier, false, octetString(keyId)),
    // OpenSSL's strict mode (and Python 3.13+) insists on an AKI, even when self-signed.
    extension(OID.authorityKeyIdentifier, false, sequence(implicitPrimitive(0, keyId)))
  ];
  const altNames = subjectAltNames(opts.sans);
  if (altNames.length > 0) extensions.push(extension(OID.subjectAltName, false, sequence(...altNames)));
  const serial = randomBytes(16);
  serial[0] = (serial[0] ?? 0) & 127 | 1;
  const tbs = sequence(
    explicit(0, unsignedInteger(2)),
    // v3
    unsignedInteger(serial),
    signatureAlgorithm,
    name,
    sequence(time(notBefore), time(notAfter)),
    name,
    spki,
    explicit(3, sequence(...extensions))
  );
  const signature = sign("sha256", tbs, keys.privateKey);
  const certDer = sequence(tbs, signatureAlgorithm, bitString(signature));
  return {
    der: certDer,
    certPem: toPem(certDer, "CERTIFICATE"),
    thumbprintSha1: createHash("sha1").update(certDer).digest("base64url"),
    thumbprintSha256: createHash("sha256").update(certDer).digest("base64url")
  };
}
function extension(oid, critical, value) {
  const parts = [objectIdentifier(oid)];
  if (critical) parts.push(boolean(true));
  parts.push(octetString(value));
  return sequence(...parts);
}
function subjectAltNames(sans) {
  const names = [];
  for (const dns of sans?.dns ?? []) names.push(implicitPrimitive(2, Buffer.from(dns, "ascii")));
  for (const ip of sans?.ip ?? []) names.push(implicitPrimitive(7, ipToBytes(ip)));
  return names;
}
function ipToBytes(ip) {
  if (isIPv4(ip)) return Buffer.from(ip.split(".").map(Number));
  if (!isIPv6(ip)) throw new Error(`not an IP address: ${ip}`);
  let text = ip;
  const embeddedV4 = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (embeddedV4?.[1]) {
    const b = embeddedV4[1].split(".").map(Number);
    const hex = (hi, lo) => (hi << 8 | lo).toString(16);
    text = `${text.slice(0, -embeddedV4[1].length)}${hex(b[0] ?? 0, b[1] ?? 0)}:${hex(b[2] ?? 0, b[3] ?? 0)}`;
  }
  const [head = "", tail] = text.split("::");
  const headGroups = head ? head.split(":") : [];
  const tailGroups = tail ? tail.split(":") : [];
  const missing = 8 - headGroups.length - tailGroups.length;
  const groups = tail === void 0 ? headGroups : [...headGroups, ...Array(missing).fill("0"), ...tailGroups];
  const bytes = Buffer.alloc(16);
  for (const [i, group] of groups.entries()) bytes.writeUInt16BE(parseInt(group, 16), i * 2);
  return bytes;
}
function toPem(derBytes, label) {
  const lines = derBytes.toString("base64").match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----
${lines.join("\n")}
-----END ${label}-----
`;
}

// src/sandbox/keys.ts
var generateRsaKeyPair = promisify(generateKeyPair);
async function createSigningKey(commonName, kidStyle) {
  const { privateKey, publicKey } = await generateRsaKeyPair("rsa", { modulusLength: 2048 });
  const cert = certificateForKey({ privateKey, publicKey }, { commonName, days: 365 });
  const sha1 = createHash2("sha1").update(cert.der).digest();
  return {
    privateKey,
    publicKey,
    kid: kidStyle === "x5t" ? sha1.toString("base64url") : sha1.toString("hex").toUpperCase(),
    x5t: sha1.toString("base64url"),
    x5c: cert.der.toString("base64")
  };
}
function publicJwk(key, extra = {}) {
  const { n, e } = key.publicKey.export({ format: "jwk" });
  return { kty: "RSA", use: "sig", kid: key.kid, x5t: key.x5t, n, e, x5c: [key.x5c], ...extra };
}

// src/sandbox/jwt.ts
import { constants, createPublicKey, sign as sign2, verify } from "node:crypto";
var MalformedJwtError = class extends Error {
  name = "MalformedJwtError";
};
var SUPPORTED = /* @__PURE__ */ new Set(["RS256", "PS256", "ES256"]);
function signJwt(header, payload, privateKey) {
  const alg = header["alg"];
  if (typeof alg !== "string" || !SUPPORTED.has(alg)) throw new Error(`unsupported alg: ${String(alg)}`);
  const signingInput = `${encodeSegment(header)}.${encodeSegment(payload)}`;
  const signature = sign2("sha256", Buffer.from(signingInput), signOptions(alg, privateKey));
  return `${signingInput}.${signature.toString("base64url")}`;
}
function decodeJwt(token) {
  const parts = token.split(".");
  if (parts.length !== 3) throw new MalformedJwtError(`expected 3 dot-separated segments, found ${parts.length}`);
  const [headerPart = "", payloadPart = "", signaturePart = ""] = parts;
  const base64url = /^[A-Za-z0-9_-]*$/;
  if (![headerPart, payloadPart, signaturePart].every((p) => base64url.test(p))) {
    throw new MalformedJwtError("a segment is not base64url");
  }
  return {
    header: decodeSegment(headerPart, "header"),
    payload: decodeSegment(payloadPart, "payload"),
    signingInput: `${headerPart}.${payloadPart}`,
    signature: Buffer.from(signaturePart, "base64url")
  };
}
function verifyJwtSignature(jwt, publicKey) {
  const alg = jwt.header["alg"];
  if (typeof alg !== "string" || !SUPPORTED.has(alg)) return false;
  const keyType = publicKey.asymmetricKeyType;
  if (alg === "ES256" !== (keyType === "ec")) return false;
  try {
    return verify("sha256", Buffer.from(jwt.signingInput), signOptions(alg, publicKey), jwt.signature);
  } catch {
    return false;
  }
}
function importJwk(jwk) {
  if (typeof jwk !== "object" || jwk === null) return void 0;
  try {
    const key = createPublicKey({ key: jwk, format: "jwk" });
    return key.asymmetricKeyType === "rsa" || key.asymmetricKeyType === "ec" ? key : void 0;
  } catch {
    return void 0;
  }
}
function signOptions(alg, key) {
  switch (alg) {
    case "RS256":
      return { key, padding: constants.RSA_PKCS1_PADDING };
    case "PS256":
      return { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: constants.RSA_PSS_SALTLEN_DIGEST };
    case "ES256":
      return { key, dsaEncoding: "ieee-p1363" };
  }
}
function encodeSegment(value) {
  return Buffer.from(JSON.stringify(value)).toString("base64url");
}
function decodeSegment(segment, what) {
  let value;
  try {
    value = JSON.parse(Buffer.from(segment, "base64url").toString("utf8"));
  } catch {
    throw new MalformedJwtError(`the ${what} is not JSON`);
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new MalformedJwtError(`the ${what} is not a JSON object`);
  }
  return value;
}

// src/sandbox/issuer.ts
var SHA = "a3f2c9d1e8b7465f0c1d2e3f4a5b6c7d8e9f0a1b";
function githubClaims(iss, aud, iat, lifetime) {
  return {
    jti: randomUUID(),
    sub: "",
    // derived below from the final claims
    aud,
    ref: "refs/heads/main",
    sha: SHA,
    repository: "octo-org/octo-repo",
    repository_owner: "octo-org",
    repository_owner_id: "5010000",
    run_id: "9876543210",
    run_number: "42",
    run_attempt: "1",
    repository_visibility: "private",
    repository_id: "7020000",
    actor_id: "5830000",
    actor: "octocat",
    workflow: "CI",
    head_ref: "",
    base_ref: "",
    event_name: "push",
    ref_protected: "false",
    ref_type: "branch",
    workflow_ref: "octo-org/octo-repo/.github/workflows/ci.yml@refs/heads/main",
    workflow_sha: SHA,
    job_workflow_ref: "octo-org/octo-repo/.github/workflows/ci.yml@refs/heads/main",
    job_workflow_sha: SHA,
    runner_environment: "github-hosted",
    iss,
    // GitHub back-dates nbf by ten minutes and gives five minutes of validity.
    nbf: iat - 600,
    exp: iat + lifetime,
    iat
  };
}
function githubSubject(claims) {
  const text = (name) => typeof claims[name] === "string" ? claims[name] : "";
  const repo = `repo:${text("repository")}`;
  if (text("environment")) return `${repo}:environment:${text("environment").replaceAll(":", "%3A")}`;
  if (text("event_name") === "pull_request") return `${repo}:pull_request`;
  return `${repo}:ref:${text("ref")}`;
}
function mintCiToken(state, opts = {}, defaultAudience = TOKEN_EXCHANGE_AUDIENCE) {
  const iat = Math.floor(state.now() / 1e3);
  const lifetime = opts.lifetimeSeconds ?? state.settings.idTokenLifetimeSeconds;
  const claims = githubClaims(state.ciIssuer, defaultAudience, iat, lifetime);
  applyOverrides(claims, state.settings.idTokenClaims);
  if (opts.issuer !== void 0) claims["iss"] = opts.issuer;
  if (opts.audience !== void 0) claims["aud"] = opts.audience;
  applyOverrides(claims, opts.claims ?? {});
  const explicitSub = "sub" in state.settings.idTokenClaims || opts.claims !== void 0 && "sub" in opts.claims;
  if (!explicitSub) claims["sub"] = githubSubject(claims);
  const header = { typ: "JWT", alg: "RS256", x5t: state.ciKey.x5t, kid: opts.kid ?? state.ciKey.kid };
  return signJwt(header, claims, state.ciKey.privateKey);
}
function applyOverrides(claims, overrides) {
  for (const [name, value] of Object.entries(overrides)) {
    if (value === null) delete claims[name];
    else claims[name] = value;
  }
}
function ciDiscovery(state) {
  return jsonReply(200, {
    issuer: state.ciIssuer,
    jwks_uri: `${state.ciIssuer}/.well-known/jwks`,
    subject_types_supported: ["public", "pairwise"],
    response_types_supported: ["id_token"],
    claims_supported: [
      "sub",
      "aud",
      "exp",
      "iat",
      "iss",
      "jti",
      "nbf",
      "ref",
      "sha",
      "repository",
      "repository_id",
      "repository_owner",
      "repository_owner_id",
      "enterprise",
      "enterprise_id",
      "run_id",
      "run_number",
      "run_attempt",
      "actor",
      "actor_id",
      "workflow",
      "workflow_ref",
      "workflow_sha",
      "head_ref",
      "base_ref",
      "event_name",
      "ref_type",
      "ref_protected",
      "environment",
      "environment_node_id",
      "job_workflow_ref",
      "job_workflow_sha",
      "repository_visibility",
      "runner_environment"
    ],
    id_token_signing_alg_values_supported: ["RS256"],
    scopes_supported: ["openid"]
  });
}
function ciJwks(state) {
  return jsonReply(200, { keys: [publicJwk(state.ciKey, { alg: "RS256" })] });
}
function handleIdTokenRequest(state, req, url) {
  const presented = bearerToken(req.headers);
  if (!presented || !sameSecret(presented, state.idTokenRequestToken)) {
    return jsonReply(
      401,
      {
        message: "Bad credentials: a valid Authorization: Bearer <ACTIONS_ID_TOKEN_REQUEST_TOKEN> header is required."
      },
      {
        "WWW-Authenticate": "Bearer"
      }
    );
  }
  const audience = url.searchParams.get("audience");
  const owner = state.settings.idTokenClaims["repository_owner"];
  const defaultAudience = `https://github.com/${typeof owner === "string" ? owner : "octo-org"}`;
  const value = mintCiToken(state, audience ? { audience } : {}, defaultAudience);
  return jsonReply(200, { count: value.length, value });
}
function sameSecret(a, b) {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

// src/sandbox/entra.ts
import { createHash as createHash5, randomUUID as randomUUID3, timingSafeEqual as timingSafeEqual2 } from "node:crypto";

// src/sandbox/access-token.ts
import { createHash as createHash3, randomBytes as randomBytes2 } from "node:crypto";
function mintAccessToken(state, clientId, resource, appidacr) {
  const now = Math.floor(state.now() / 1e3);
  const expiresIn = state.settings.accessTokenLifetimeSeconds;
  const iss = `https://sts.windows.net/${state.tenantId}/`;
  const oid = servicePrincipalObjectId(state.tenantId, clientId);
  const claims = {
    aud: resource,
    iss,
    // Entra back-dates iat/nbf five minutes to absorb clock skew at the resource.
    iat: now - 300,
    nbf: now - 300,
    exp: now + expiresIn,
    aio: randomBytes2(40).toString("base64url"),
    appid: clientId,
    appidacr,
    idp: iss,
    idtyp: "app",
    oid,
    rh: `0.${randomBytes2(48).toString("base64url")}.`,
    sub: oid,
    tid: state.tenantId,
    uti: randomBytes2(16).toString("base64url"),
    ver: "1.0"
  };
  const header = { typ: "JWT", alg: "RS256", x5t: state.entraKey.x5t, kid: state.entraKey.kid };
  return { accessToken: signJwt(header, claims, state.entraKey.privateKey), expiresIn };
}
function servicePrincipalObjectId(tenantId, clientId) {
  const bytes = createHash3("sha256").update(`sp:${tenantId}:${clientId.toLowerCase()}`).digest().subarray(0, 16);
  bytes[6] = (bytes[6] ?? 0) & 15 | 64;
  bytes[8] = (bytes[8] ?? 0) & 63 | 128;
  const hex = bytes.toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

// src/sandbox/certificate.ts
import { createHash as createHash4, X509Certificate as X509Certificate2 } from "node:crypto";

// src/sandbox/errors.ts
import { randomUUID as randomUUID2 } from "node:crypto";
var AadstsError = class extends Error {
  constructor(code, error, status, description, reason) {
    super(`AADSTS${code}: ${description}`);
    this.code = code;
    this.error = error;
    this.status = status;
    this.description = description;
    this.reason = reason;
  }
  code;
  error;
  status;
  description;
  reason;
  name = "AadstsError";
};
function entraErrorBody(err, ctx) {
  const traceId = ctx.traceId ?? randomUUID2();
  const timestamp = entraTimestamp(ctx.now);
  return {
    error: err.error,
    error_description: `AADSTS${err.code}: ${err.description}\r
Trace ID: ${traceId}\r
Correlation ID: ${ctx.correlationId}\r
Timestamp: ${timestamp}`,
    error_codes: [err.code],
    timestamp,
    trace_id: traceId,
    correlation_id: ctx.correlationId,
    error_uri: `${ctx.origin}/error?code=${err.code}`
  };
}
function entraTimestamp(ms) {
  return new Date(ms).toISOString().replace("T", " ").replace(/\.\d+Z$/, "Z");
}
function entraInstant(ms) {
  const iso = new Date(ms).toISOString();
  return `${iso.slice(0, 23)}0000Z`;
}
var CERT_DOC = "Review the documentation at https://learn.microsoft.com/entra/identity-platform/certificate-credentials .";
var FIC_DOC = "https://learn.microsoft.com/entra/workload-id/workload-identity-federation";
var aadsts = {
  malformedTenant: (tenant) => new AadstsError(
    900023,
    "invalid_request",
    400,
    `Specified tenant identifier '${tenant}' is neither a valid DNS name, nor a valid external domain.`
  ),
  tenantNotFound: (tenant) => new AadstsError(
    90002,
    "invalid_tenant",
    400,
    `Tenant '${tenant}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud. Check with your subscription administrator, this may happen if there are no active subscriptions for the tenant.`
  ),
  tenantlessEndpoint: (tenant) => new AadstsError(
    9001023,
    "invalid_request",
    400,
    `The grant type is not supported over the /${tenant} endpoint. Please use a tenant-specific endpoint.`
  ),
  postOnly: (method) => new AadstsError(
    900561,
    "invalid_request",
    400,
    `The endpoint only accepts POST requests. Received a ${method} request.`
  ),
  missingParameter: (name) => new AadstsError(
    900144,
    "invalid_request",
    400,
    `The request body must contain the following parameter: '${name}'.`
  ),
  unsupportedGrantType: (grantType) => new AadstsError(
    70003,
    "unsupported_grant_type",
    400,
    `The app requested an unsupported grant type '${grantType}'.`
  ),
  noClientCredential: (detail = "") => new AadstsError(
    7000218,
    "invalid_client",
    401,
    `The request body must contain the following parameter: 'client_assertion' or 'client_secret'.${detail}`
  ),
  clientIdMismatch: () => new AadstsError(
    50012,
    "invalid_client",
    401,
    "Authentication failed. The client_id in the Authorization header does not match the 'client_id' parameter."
  ),
  applicationNotFound: (clientId, tenant) => new AadstsError(
    700016,
    "unauthorized_client",
    400,
    `Application with identifier '${clientId}' was not found in the directory '${tenant}'. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You may have sent your authentication request to the wrong tenant.`
  ),
  invalidScope: (scope) => new AadstsError(
    70011,
    "invalid_scope",
    400,
    `The provided value for the input parameter 'scope' is not valid. The scope ${scope} is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier (application ID URI).`
  ),
  multipleResources: (scope) => new AadstsError(
    700022,
    "invalid_scope",
    400,
    `The provided value for the input parameter scope is not valid because it contains more than one resource. Scope ${scope} is not valid.`
  ),
  malformedJwt: (reason) => new AadstsError(50027, "invalid_request", 400, "JWT token is invalid or malformed.", reason),
  assertionTimeRange: (nowMs, validFromMs, expiryMs) => new AadstsError(
    700024,
    "invalid_client",
    401,
    `Client assertion is not within its valid time range. Current time: ${entraInstant(nowMs)}, assertion valid from ${validFromMs === void 0 ? "unspecified" : entraInstant(validFromMs)}, expiry time of assertion ${entraInstant(expiryMs)}. ${CERT_DOC}`
  ),
  entraIssuedAssertion: () => new AadstsError(700222, "invalid_client", 401, "AAD-issued tokens may not be used for federated identity flows."),
  noFederatedCredentials: (clientId, displayName) => new AadstsError(
    70025,
    "invalid_client",
    401,
    `The client '${clientId}'(${displayName}) has no configured federated identity credentials.`
  ),
  noMatchingFederatedCredential: (iss, sub, aud) => new AadstsError(
    70021,
    "invalid_request",
    400,
    `No matching federated identity record found for presented assertion. Assertion Issuer: '${iss}'. Assertion Subject: '${sub}'. Assertion Audience: '${aud}'. ${FIC_DOC}`
  ),
  subjectCaseMismatch: (sub) => new AadstsError(
    7002138,
    "invalid_client",
    401,
    `No matching federated identity record found for presented assertion subject '${sub}'. Please note that the matching is done using a case-sensitive comparison. Check your federated identity credential Subject, Audience and Issuer against the presented assertion. ${FIC_DOC}`
  ),
  externalOidcFailed: (reason) => new AadstsError(501661, "invalid_client", 401, "Request to External OIDC endpoint failed.", reason),
  assertionAppMismatch: () => new AadstsError(
    700021,
    "invalid_client",
    401,
    `Client assertion application identifier doesn't match 'client_id' parameter. ${CERT_DOC}`
  ),
  assertionAudience: () => new AadstsError(
    700023,
    "invalid_client",
    401,
    `Client assertion audience claim does not match Realm issuer. ${CERT_DOC}`
  ),
  certificateKeyNotFound: (thumbprintHex, clientId) => new AadstsError(
    700027,
    "invalid_client",
    401,
    `The certificate with identifier used to sign the client assertion is not registered on application. [Reason - The key was not found., Thumbprint of key used by client: '${thumbprintHex}', Please visit the Azure Portal, Graph Explorer or directly use MS Graph to see configured keys for app Id '${clientId}'.]`
  ),
  certificateSignature: (reason) => new AadstsError(700027, "invalid_client", 401, "Client assertion failed signature validation.", reason),
  invalidClientSecret: (clientId) => new AadstsError(
    7000215,
    "invalid_client",
    401,
    `Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '${clientId}'.`
  )
};

// src/sandbox/validity.ts
var MIN_NOT_BEFORE_LEEWAY_SECONDS = 60;
function checkValidityWindow(payload, nowMs, skewSeconds) {
  const exp = payload["exp"];
  const nbf = payload["nbf"];
  if (typeof exp !== "number" || !Number.isFinite(exp))
    throw aadsts.malformedJwt("the assertion has no numeric 'exp' claim");
  if (nbf !== void 0 && (typeof nbf !== "number" || !Number.isFinite(nbf))) {
    throw aadsts.malformedJwt("the assertion's 'nbf' claim is not numeric");
  }
  const now = nowMs / 1e3;
  const expired = now >= exp + skewSeconds;
  const early = nbf !== void 0 && now < nbf - Math.max(skewSeconds, MIN_NOT_BEFORE_LEEWAY_SECONDS);
  if (expired || early) {
    const iat = payload["iat"];
    const validFrom = nbf ?? (typeof iat === "number" ? iat : void 0);
    throw aadsts.assertionTimeRange(nowMs, validFrom === void 0 ? void 0 : validFrom * 1e3, exp * 1e3);
  }
}
function audienceList(aud) {
  if (typeof aud === "string") return [aud];
  if (Array.isArray(aud)) return aud.filter((a) => typeof a === "string");
  return [];
}

// src/sandbox/certificate.ts
function looksLikeCertificateAssertion(app, clientId, jwt) {
  const { iss, sub } = jwt.payload;
  const id = clientId.toLowerCase();
  if (typeof iss === "string" && iss.toLowerCase() === id || typeof sub === "string" && sub.toLowerCase() === id)
    return true;
  if (typeof iss === "string" && !/^https?:\/\//i.test(iss)) return true;
  const thumbprints = registeredCertificates(app);
  const x5t = jwt.header["x5t"];
  const x5tS256 = jwt.header["x5t#S256"];
  return thumbprints.some((c) => c.sha1 === x5t || c.sha256 === x5tS256);
}
function validateCertificateAssertion(state, app, clientId, jwt, acceptedAudiences) {
  const { header, payload } = jwt;
  const id = clientId.toLowerCase();
  const iss = payload["iss"];
  const sub = payload["sub"];
  if (typeof iss !== "string" || typeof sub !== "string" || iss.toLowerCase() !== id || sub.toLowerCase() !== id) {
    throw aadsts.assertionAppMismatch();
  }
  const alg = header["alg"];
  if (alg !== "RS256" && alg !== "PS256") throw aadsts.certificateSignature(`unsupported alg '${String(alg)}'`);
  const x5t = typeof header["x5t"] === "string" ? header["x5t"] : void 0;
  const x5tS256 = typeof header["x5t#S256"] === "string" ? header["x5t#S256"] : void 0;
  const certs = registeredCertificates(app);
  const match = certs.find(
    (c) => x5tS256 !== void 0 && c.sha256 === x5tS256 || x5t !== void 0 && c.sha1 === x5t
  );
  if (!match) throw aadsts.certificateKeyNotFound(presentedThumbprintHex(x5t, x5tS256), clientId);
  if (Date.parse(match.cert.validTo) < state.now())
    throw aadsts.certificateSignature("the registered certificate has expired");
  if (!verifyJwtSignature(jwt, match.cert.publicKey))
    throw aadsts.certificateSignature("signature verification failed");
  const audiences = audienceList(payload["aud"]);
  if (!audiences.some((aud) => acceptedAudiences.includes(aud))) throw aadsts.assertionAudience();
  checkValidityWindow(payload, state.now(), state.settings.clockSkewSeconds);
  if (typeof payload["jti"] !== "string" || payload["jti"] === "")
    throw aadsts.malformedJwt("the assertion has no 'jti' claim");
}
function registeredCertificates(app) {
  return (app.certificates ?? []).map((pem) => {
    const cert = new X509Certificate2(pem);
    return {
      cert,
      sha1: createHash4("sha1").update(cert.raw).digest("base64url"),
      sha256: createHash4("sha256").update(cert.raw).digest("base64url")
    };
  });
}
function presentedThumbprintHex(x5t, x5tS256) {
  const value = x5tS256 ?? x5t;
  return value ? Buffer.from(value, "base64url").toString("hex").toUpperCase() : "";
}

// src/sandbox/remote-jwks.ts
import http from "node:http";
import https from "node:https";
var MAX_JWKS_BYTES = 1024 * 1024;
function fetchJwks(url, opts = {}) {
  const target = new URL(url);
  const client = target.protocol === "https:" ? https : target.protocol === "http:" ? http : void 0;
  if (!client) return Promise.reject(new Error(`unsupported JWKS URL scheme: ${target.protocol}`));
  return new Promise((resolve2, reject) => {
    const req = client.get(
      target,
      { timeout: opts.timeoutMs ?? 5e3, headers: { accept: "application/json" }, ...opts.ca && { ca: opts.ca } },
      (res) => {
        const chunks = [];
        let size = 0;
        res.on("data", (chunk) => {
          size += chunk.length;
          if (size > MAX_JWKS_BYTES) req.destroy(new Error("JWKS response too large"));
          else chunks.push(chunk);
        });
        res.on("error", reject);
        res.on("aborted", () => reject(new Error("JWKS response aborted")));
        res.on("end", () => {
          if (!res.complete) return reject(new Error("JWKS response truncated"));
          if (res.statusCode !== 200) return reject(new Error(`JWKS endpoint answered HTTP ${res.statusCode}`));
          try {
            const body = JSON.parse(Buffer.concat(chunks).toString("utf8"));
            const keys = body.keys;
            if (!Array.isArray(keys)) return reject(new Error("JWKS has no keys array"));
            resolve2(keys);
          } catch {
            reject(new Error("JWKS is not JSON"));
          }
        });
      }
    );
    req.on("timeout", () => req.destroy(new Error("JWKS request timed out")));
    req.on("error", reject);
  });
}

// src/sandbox/federated.ts
var MICROSOFT_STS = [
  "https://sts.windows.net/",
  "https://login.microsoftonline.com/",
  "https://login.windows.net/",
  "https://login.microsoft.com/",
  "https://login.microsoftonline.us/",
  "https://login.partner.microsoftonline.cn/",
  "https://login.chinacloudapi.cn/",
  "https://sts.chinacloudapi.cn/"
];
async function validateFederatedAssertion(state, app, jwt) {
  const { payload } = jwt;
  const iss = payload["iss"];
  if (typeof iss !== "string" || iss === "") throw aadsts.malformedJwt("the assertion has no 'iss' claim");
  if (isEntraIssuer(state, iss)) throw aadsts.entraIssuedAssertion();
  const fics = app.federatedCredentials ?? [];
  if (fics.length === 0) throw aadsts.noFederatedCredentials(app.clientId, app.displayName ?? app.clientId);
  const sub = typeof payload["sub"] === "string" ? payload["sub"] : "";
  const audiences = audienceList(payload["aud"]);
  const noMatch = () => aadsts.noMatchingFederatedCredential(iss, sub, audiences.join(","));
  const issuerFics = fics.filter((fic) => fic.issuer === iss);
  if (issuerFics.length === 0) throw noMatch();
  const keys = await issuerKeys(state, iss);
  if (jwt.header["alg"] !== "RS256")
    throw aadsts.malformedJwt(`unsupported assertion alg '${String(jwt.header["alg"])}'`);
  const kid = jwt.header["kid"];
  const candidates = typeof kid === "string" ? keys.filter((k) => k.kid === void 0 || k.kid === kid) : keys;
  if (candidates.length === 0) throw aadsts.malformedJwt(`the issuer publishes no key with kid '${String(kid)}'`);
  if (!candidates.some((k) => verifyJwtSignature(jwt, k.key)))
    throw aadsts.malformedJwt("signature verification failed");
  checkValidityWindow(payload, state.now(), state.settings.clockSkewSeconds);
  const audienceMatches = (fic) => fic.audiences.some((a) => audiences.includes(a));
  if (issuerFics.some((fic) => fic.subject === sub && audienceMatches(fic))) return;
  const lowerSub = sub.toLowerCase();
  if (issuerFics.some((fic) => fic.subject.toLowerCase() === lowerSub && audienceMatches(fic))) {
    throw aadsts.subjectCaseMismatch(sub);
  }
  throw noMatch();
}
function isEntraIssuer(state, iss) {
  if (MICROSOFT_STS.some((prefix) => iss.startsWith(prefix))) return true;
  return iss.startsWith(`${state.origin}/`) && /^\/[^/]+\/v2\.0\/?$/.test(iss.slice(state.origin.length));
}
async function issuerKeys(state, iss) {
  const ciKey = [{ kid: state.ciKey.kid, key: state.ciKey.publicKey }];
  if (iss === state.ciIssuer) return ciKey;
  const config = state.findIssuer(iss);
  if (!config) {
    throw aadsts.externalOidcFailed(`issuer '${iss}' is not configured in the sandbox (add it to issuers)`);
  }
  if (config.jwksUri === void 0) return ciKey;
  let jwks;
  try {
    const selfFetch = new URL(config.jwksUri).origin === state.origin;
    jwks = await fetchJwks(config.jwksUri, selfFetch && state.tlsCertPem ? { ca: state.tlsCertPem } : {});
  } catch (err) {
    throw aadsts.externalOidcFailed(`JWKS ${config.jwksUri}: ${err.message}`);
  }
  const keys = [];
  for (const jwk of jwks) {
    const key = importJwk(jwk);
    if (!key) continue;
    const kid = jwk.kid;
    keys.push(typeof kid === "string" ? { kid, key } : { key });
  }
  return keys;
}

// src/sandbox/entra.ts
var JWT_BEARER = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
var TENANTLESS = /* @__PURE__ */ new Set(["common", "organizations", "consumers"]);
var OIDC_SCOPES = /* @__PURE__ */ new Set(["openid", "profile", "offline_access", "email"]);
function discoveryTenant(state, segment) {
  const lower = segment.toLowerCase();
  if (TENANTLESS.has(lower)) return { pathTenant: lower, issuerTenant: "{tenantid}" };
  const tid = resolveTenant(state, segment);
  return { pathTenant: tid, issuerTenant: tid };
}
function resolveTenant(state, segment) {
  if (!isGuid(segment) && !isDomainName(segment)) throw aadsts.malformedTenant(segment);
  const tid = state.resolveTenant(segment);
  if (!tid) throw aadsts.tenantNotFound(segment);
  return tid;
}
function entraReply(state, requestId, build) {
  try {
    return build();
  } catch (err) {
    if (err instanceof AadstsError) return errorReply(state, requestId, err);
    throw err;
  }
}
function errorReply(state, requestId, err) {
  const traceId = randomUUID3();
  const body = entraErrorBody(err, {
    origin: state.origin,
    correlationId: requestId ?? randomUUID3(),
    traceId,
    now: state.now()
  });
  return jsonReply(err.status, body, responseHeaders(requestId, traceId));
}
function clientRequestId(headers, url) {
  const value = headers["client-request-id"];
  const id = (Array.isArray(value) ? value[0] : value) ?? url.searchParams.get("client-request-id") ?? void 0;
  return id && /^[\w.-]{1,128}$/.test(id) ? id : void 0;
}
function responseHeaders(requestId, traceId) {
  return { "x-ms-request-id": traceId, ...requestId && { "client-request-id": requestId } };
}
function v2Discovery(state, segment) {
  const { pathTenant, issuerTenant } = discoveryTenant(state, segment);
  const base = `${state.origin}/${pathTenant}`;
  return jsonReply(200, {
    token_endpoint: `${base}/oauth2/v2.0/token`,
    token_endpoint_auth_methods_supported: ["client_secret_post", "private_key_jwt", "client_secret_basic"],
    jwks_uri: `${base}/discovery/v2.0/keys`,
    response_modes_supported: ["query", "fragment", "form_post"],
    subject_types_supported: ["pairwise"],
    id_token_signing_alg_values_supported: ["RS256"],
    response_types_supported: ["code", "id_token", "code id_token", "id_token token"],
    scopes_supported: ["openid", "profile", "email", "offline_access"],
    issuer: `${state.origin}/${issuerTenant}/v2.0`,
    request_uri_parameter_supported: false,
    authorization_endpoint: `${base}/oauth2/v2.0/authorize`,
    device_authorization_endpoint: `${base}/oauth2/v2.0/devicecode`,
    http_logout_supported: true,
    frontchannel_logout_supported: true,
    end_session_endpoint: `${base}/oauth2/v2.0/logout`,
    claims_supported: [
      "sub",
      "iss",
      "cloud_instance_name",
      "cloud_instance_host_name",
      "cloud_graph_host_name",
      "msgraph_host",
      "aud",
      "exp",
      "iat",
      "auth_time",
      "acr",
      "nonce",
      "preferred_username",
      "name",
      "tid",
      "ver",
      "at_hash",
      "c_hash",
      "email"
    ],
    kerberos_endpoint: `${base}/kerberos`,
    tenant_region_scope: pathTenant === issuerTenant ? "NA" : null,
    cloud_instance_name: new URL(state.origin).hostname,
    cloud_graph_host_name: "graph.windows.net",
    msgraph_host: "graph.microsoft.com",
    rbac_url: "https://pas.windows.net"
  });
}
function v1Discovery(state, segment) {
  const { pathTenant, issuerTenant } = discoveryTenant(state, segment);
  const base = `${state.origin}/${pathTenant}`;
  return jsonReply(200, {
    token_endpoint: `${base}/oauth2/token`,
    token_endpoint_auth_methods_supported: ["client_secret_post", "private_key_jwt", "client_secret_basic"],
    jwks_uri: `${base}/discovery/keys`,
    response_modes_supported: ["query", "fragment", "form_post"],
    subject_types_supported: ["pairwise"],
    id_token_signing_alg_values_supported: ["RS256"],
    response_types_supported: ["code", "id_token", "code id_token", "token id_token", "token"],
    scopes_supported: ["openid"],
    issuer: `https://sts.windows.net/${issuerTenant}/`,
    microsoft_multi_refresh_token: true,
    authorization_endpoint: `${base}/oauth2/authorize`,
    device_authorization_endpoint: `${base}/oauth2/devicecode`,
    http_logout_supported: true,
    frontchannel_logout_supported: true,
    end_session_endpoint: `${base}/oauth2/logout`,
    claims_supported: [
      "sub",
      "iss",
      "cloud_instance_name",
      "cloud_instance_host_name",
      "cloud_graph_host_name",
      "msgraph_host",
      "aud",
      "exp",
      "iat",
      "auth_time",
      "acr",
      "amr",
      "nonce",
      "email",
      "given_name",
      "family_name",
      "nickname"
    ],
    check_session_iframe: `${base}/oauth2/checksession`,
    userinfo_endpoint: `${base}/openid/userinfo`,
    kerberos_endpoint: `${base}/kerberos`,
    tenant_region_scope: pathTenant === issuerTenant ? "NA" : null,
    cloud_instance_name: new URL(state.origin).hostname,
    cloud_graph_host_name: "graph.windows.net",
    msgraph_host: "graph.microsoft.com",
    rbac_url: "https://pas.windows.net"
  });
}
function entraJwks(state, segment, v2) {
  const { issuerTenant } = discoveryTenant(state, segment);
  const extra = v2 ? { issuer: `${state.origin}/${issuerTenant}/v2.0` } : {};
  return jsonReply(200, { keys: [publicJwk(state.entraKey, extra)] });
}
function instanceDiscovery(state, url) {
  const host = new URL(state.origin).host;
  let tenant = "common";
  const authorizeEndpoint = url.searchParams.get("authorization_endpoint");
  if (authorizeEndpoint) {
    try {
      tenant = new URL(authorizeEndpoint).pathname.split("/")[1] || "common";
    } catch {
    }
  }
  return jsonReply(200, {
    tenant_discovery_endpoint: `${state.origin}/${tenant}/v2.0/.well-known/openid-configuration`,
    "api-version": "1.1",
    metadata: [{ preferred_network: host, preferred_cache: host, aliases: [host] }]
  });
}
async function handleTokenRequest(state, request) {
  try {
    const { clientId, appidacr, resource } = await authenticate(state, request);
    const token = mintAccessToken(state, clientId, resource, appidacr);
    const { requestId } = request;
    return {
      reply: jsonReply(
        200,
        {
          token_type: "Bearer",
          expires_in: token.expiresIn,
          ext_expires_in: token.expiresIn,
          access_token: token.accessToken
        },
        responseHeaders(requestId, randomUUID3())
      )
    };
  } catch (err) {
    if (!(err instanceof AadstsError)) throw err;
    return {
      reply: errorReply(state, request.requestId, err),
      error: `AADSTS${err.code}${err.reason ? `: ${err.reason}` : ""}`
    };
  }
}
async function authenticate(state, request) {
  const { form, headers } = request;
  if (TENANTLESS.has(request.tenantSegment.toLowerCase()))
    throw aadsts.tenantlessEndpoint(request.tenantSegment.toLowerCase());
  const tenantId = resolveTenant(state, request.tenantSegment);
  if (request.method !== "POST") throw aadsts.postOnly(request.method);
  const grantType = form["grant_type"];
  if (!grantType) throw aadsts.missingParameter("grant_type");
  if (grantType !== "client_credentials") throw aadsts.unsupportedGrantType(grantType);
  const basic = parseBasicAuth(headers.authorization);
  const clientId = form["client_id"] || basic?.clientId;
  if (!clientId) throw aadsts.missingParameter("client_id");
  if (basic && form["client_id"] && basic.clientId.toLowerCase() !== form["client_id"].toLowerCase())
    throw aadsts.clientIdMismatch();
  const scope = form["scope"];
  if (!scope) throw aadsts.missingParameter("scope");
  const app = state.findApp(clientId);
  if (!app) throw aadsts.applicationNotFound(clientId, request.tenantSegment);
  const resource = resourceFromScope(scope);
  const assertion = form["client_assertion"];
  const secret = form["client_secret"] ?? basic?.secret;
  if (assertion !== void 0 && secret !== void 0) {
    throw aadsts.noClientCredential(" Only one of them may be present.");
  }
  if (assertion !== void 0) {
    const assertionType = form["client_assertion_type"];
    if (!assertionType) throw aadsts.missingParameter("client_assertion_type");
    if (assertionType !== JWT_BEARER)
      throw aadsts.noClientCredential(
        ` The client_assertion_type '${assertionType}' is not supported; use '${JWT_BEARER}'.`
      );
    await validateAssertion(state, app, clientId, assertion, request, tenantId);
    return { clientId: app.clientId, appidacr: "2", resource };
  }
  if (secret !== void 0) {
    if (!(app.secrets ?? []).some((candidate) => sameSecret2(candidate, secret)))
      throw aadsts.invalidClientSecret(app.clientId);
    return { clientId: app.clientId, appidacr: "1", resource };
  }
  throw aadsts.noClientCredential();
}
async function validateAssertion(state, app, clientId, assertion, request, tenantId) {
  let jwt;
  try {
    jwt = decodeJwt(assertion);
  } catch (err) {
    if (err instanceof MalformedJwtError) throw aadsts.malformedJwt(err.message);
    throw err;
  }
  if (looksLikeCertificateAssertion(app, clientId, jwt)) {
    validateCertificateAssertion(state, app, clientId, jwt, certificateAudiences(state, request, tenantId));
  } else {
    await validateFederatedAssertion(state, app, jwt);
  }
}
function certificateAudiences(state, request, tenantId) {
  const origins = /* @__PURE__ */ new Set([state.origin, request.requestOrigin]);
  const tenants = /* @__PURE__ */ new Set([request.tenantSegment, tenantId, ...state.tenantDomains]);
  const audiences = [];
  for (const origin of origins) {
    for (const tenant of tenants)
      audiences.push(`${origin}/${tenant}/oauth2/v2.0/token`, `${origin}/${tenant}/oauth2/token`);
    audiences.push(`${origin}/${tenantId}/v2.0`);
  }
  return audiences;
}
function resourceFromScope(scope) {
  const scopes = scope.split(/\s+/).filter((s) => s && !OIDC_SCOPES.has(s));
  if (scopes.length === 0) throw aadsts.invalidScope(scope);
  const resources = /* @__PURE__ */ new Set();
  for (const s of scopes) {
    if (!s.endsWith("/.default") || s.length === "/.default".length) throw aadsts.invalidScope(scope);
    resources.add(s.slice(0, -"/.default".length));
  }
  const [first] = resources;
  if (resources.size > 1 || first === void 0) throw aadsts.multipleResources(scope);
  return first;
}
function parseBasicAuth(header) {
  const match = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header ?? "");
  if (!match?.[1]) return void 0;
  const decoded = Buffer.from(match[1], "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  if (colon < 0) return void 0;
  const formDecode = (text) => {
    try {
      return decodeURIComponent(text.replace(/\+/g, " "));
    } catch {
      return text;
    }
  };
  return { clientId: formDecode(decoded.slice(0, colon)), secret: formDecode(decoded.slice(colon + 1)) };
}
function sameSecret2(expected, presented) {
  const a = createHash5("sha256").update(expected).digest();
  const b = createHash5("sha256").update(presented).digest();
  return timingSafeEqual2(a, b);
}

// src/sandbox/faults.ts
import { setTimeout as sleep } from "node:timers/promises";
var FaultPlan = class {
  active = [];
  set(rules) {
    this.active = rules.map((rule) => ({ rule, remaining: rule.times === 0 ? Infinity : rule.times ?? 1 }));
  }
  /** The first live rule for the target, consuming one use of it. */
  take(target) {
    const entry = this.active.find((a) => a.rule.target === target && a.remaining > 0);
    if (!entry) return void 0;
    entry.remaining -= 1;
    return entry.rule;
  }
  /** Rules with uses left, for the control endpoint. */
  pending() {
    return this.active.filter((a) => a.remaining > 0).map((a) => ({ ...a.rule, remaining: a.remaining === Infinity ? "forever" : a.remaining }));
  }
};
async function applyFault(rule, req, res) {
  if (rule.delayMs) await sleep(rule.delayMs);
  if (rule.drop) {
    req.socket.destroy();
    return { kind: "answered", status: 0 };
  }
  const shapesResponse = rule.status !== void 0 || rule.body !== void 0 || rule.truncate || rule.retryAfter !== void 0;
  if (!shapesResponse && rule.delayMs) return { kind: "continue" };
  const status = rule.status ?? (rule.truncate ? 200 : 503);
  const body = Buffer.from(
    rule.body ?? JSON.stringify({
      error: "temporarily_unavailable",
      error_description: `Fault injected by the sandbox (HTTP ${status}).`
    })
  );
  const headers = {
    "Content-Type": rule.contentType ?? (looksLikeJson(body) ? "application/json; charset=utf-8" : "text/plain; charset=utf-8"),
    "Content-Length": String(body.length),
    "Cache-Control": "no-store"
  };
  if (rule.retryAfter !== void 0) headers["Retry-After"] = rule.retryAfter;
  if (rule.truncate) {
    headers["Connection"] = "close";
    if (body.length < 2) headers["Content-Length"] = String(body.length + 16);
    res.writeHead(status, headers);
    res.write(body.subarray(0, Math.floor(body.length / 2)), () => {
      res.socket?.destroy();
    });
    return { kind: "answered", status };
  }
  res.writeHead(status, headers);
  res.end(body);
  return { kind: "answered", status };
}
function looksLikeJson(body) {
  try {
    JSON.parse(body.toString("utf8"));
    return true;
  } catch {
    return false;
  }
}

// src/sandbox/graph.ts
import { createHash as createHash6 } from "node:crypto";
var GRAPH_RESOURCE = "https://graph.microsoft.com";
function graphError(status, code, message) {
  return jsonReply(status, { error: { code, message } });
}
function graphAppId(segment) {
  return /^applications\(appId='([0-9a-fA-F-]{36})'\)$/.exec(segment)?.[1];
}
function authorized(state, req) {
  const token = bearerToken(req.headers);
  if (token === void 0) return false;
  try {
    const jwt = decodeJwt(token);
    const exp = jwt.payload["exp"];
    return verifyJwtSignature(jwt, state.entraKey.publicKey) && String(jwt.payload["aud"]).replace(/\/$/, "") === GRAPH_RESOURCE && jwt.payload["tid"] === state.tenantId && typeof exp === "number" && exp * 1e3 > state.now();
  } catch (err) {
    if (err instanceof MalformedJwtError) return false;
    throw err;
  }
}
function listFederatedCredentials(state, req, appId) {
  if (!authorized(state, req)) {
    return graphError(
      401,
      "InvalidAuthenticationToken",
      "Access token is empty, expired or not issued for https://graph.microsoft.com."
    );
  }
  const app = state.findApp(appId);
  if (app === void 0) {
    return graphError(
      404,
      "Request_ResourceNotFound",
      `Resource '${appId}' does not exist or one of its queried reference-property objects are not present.`
    );
  }
  const value = (app.federatedCredentials ?? []).map((fic, i) => ({
    id: createHash6("sha256").update(`${app.clientId}:${fic.issuer}:${fic.subject}`).digest("hex").slice(0, 32).replace(/^(.{8})(.{4})(.{4})(.{4})(.{12})$/, "$1-$2-$3-$4-$5"),
    name: fic.name ?? `fic-${i + 1}`,
    issuer: fic.issuer,
    subject: fic.subject,
    description: null,
    audiences: fic.audiences
  }));
  return jsonReply(200, {
    "@odata.context": `${GRAPH_RESOURCE}/v1.0/$metadata#applications('${appId}')/federatedIdentityCredentials`,
    value
  });
}

// src/sandbox/server.ts
var MAX_LOGGED_REQUESTS = 1e4;
var CONTROL_ACTIONS = ["requests", "mint", "faults", "apps", "issuers"];
function route(pathname) {
  const parts = pathname.split("/").slice(1).map(decodeSegment2);
  const path = parts.join("/");
  const [first = "", ...rest] = parts;
  const tail = rest.join("/");
  if (first === "_sandbox") {
    return rest.length === 1 && CONTROL_ACTIONS.includes(tail) ? { target: "control", action: tail } : { target: "other" };
  }
  if (path === "ci/.well-known/openid-configuration") return { target: "ci-discovery" };
  if (path === "ci/.well-known/jwks") return { target: "ci-jwks" };
  if (path === "ci/idtoken") return { target: "idtoken" };
  if (path === "common/discovery/instance") return { target: "entra-discovery", kind: "instance", tenant: "common" };
  if (first === "v1.0" && rest.length === 2 && rest[1] === "federatedIdentityCredentials") {
    const appId = graphAppId(rest[0] ?? "");
    return appId === void 0 ? { target: "other" } : { target: "graph", appId };
  }
  if (!first) return { target: "other" };
  switch (tail) {
    case "v2.0/.well-known/openid-configuration":
      return { target: "entra-discovery", kind: "v2", tenant: first };
    case ".well-known/openid-configuration":
      return { target: "entra-discovery", kind: "v1", tenant: first };
    case "discovery/v2.0/keys":
      return { target: "entra-jwks", tenant: first, v2: true };
    case "discovery/keys":
      return { target: "entra-jwks", tenant: first, v2: false };
    case "oauth2/v2.0/token":
      return { target: "token", tenant: first };
    default:
      return { target: "other" };
  }
}
function decodeSegment2(segment) {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
function createRequestListener(state) {
  return (req, res) => {
    handle(state, req, res).catch(() => {
      if (!res.headersSent)
        sendReply(
          res,
          jsonReply(500, { error: "server_error", error_description: "The sandbox failed to handle the request." })
        );
      else res.destroy();
    });
  };
}
async function handle(state, req, res) {
  let url;
  try {
    url = new URL(req.url ?? "/", state.origin);
  } catch {
    sendReply(
      res,
      jsonReply(400, { error: "invalid_request", error_description: "The request target is not a valid path." })
    );
    return;
  }
  const matched = route(url.pathname);
  const entry = {
    time: state.now(),
    method: req.method ?? "GET",
    path: req.url ?? "/",
    target: matched.target,
    status: 0,
    headers: loggableHeaders(req.headers)
  };
  if (!(matched.target === "control" && matched.action === "requests")) {
    state.requests.push(entry);
    if (state.requests.length > MAX_LOGGED_REQUESTS)
      state.requests.splice(0, state.requests.length - MAX_LOGGED_REQUESTS);
  }
  res.on("finish", () => {
    entry.status = res.statusCode;
  });
  let body;
  try {
    body = await readBody(req, MAX_BODY_BYTES);
  } catch (err) {
    if (err instanceof BodyTooLargeError) {
      sendReply(
        res,
        jsonReply(
          413,
          { error: "invalid_request", error_description: `Request body exceeds ${MAX_BODY_BYTES} bytes.` },
          { Connection: "close" }
        )
      );
      req.resume();
    } else {
      res.destroy();
    }
    return;
  }
  if (matched.target === "token") entry.form = redactForm(parseForm(body, req.headers["content-type"]));
  if (matched.target !== "control" && matched.target !== "other" && matched.target !== "graph") {
    const rule = state.faults.take(matched.target);
    if (rule) {
      const outcome = await applyFault(rule, req, res);
      if (outcome.kind === "answered") {
        entry.status = outcome.status;
        return;
      }
    }
  }
  const reply = await dispatch(state, matched, req, url, body, entry);
  if (res.destroyed) return;
  sendReply(res, reply);
}
async function dispatch(state, matched, req, url, body, entry) {
  const method = req.method ?? "GET";
  if (matched.target !== "token" && matched.target !== "control" && matched.target !== "other" && method !== "GET") {
    return jsonReply(
      405,
      { error: "method_not_allowed", error_description: `${method} is not allowed here; use GET.` },
      { Allow: "GET" }
    );
  }
  switch (matched.target) {
    case "control":
      return handleControl(state, matched.action, req, body);
    case "ci-discovery":
      return ciDiscovery(state);
    case "ci-jwks":
      return ciJwks(state);
    case "idtoken":
      return handleIdTokenRequest(state, req, url);
    case "entra-discovery":
      return entraReply(state, clientRequestId(req.headers, url), () => {
        if (matched.kind === "instance") return instanceDiscovery(state, url);
        return matched.kind === "v2" ? v2Discovery(state, matched.tenant) : v1Discovery(state, matched.tenant);
      });
    case "entra-jwks":
      return entraReply(state, clientRequestId(req.headers, url), () => entraJwks(state, matched.tenant, matched.v2));
    case "token": {
      const outcome = await handleTokenRequest(state, {
        tenantSegment: matched.tenant,
        method,
        form: parseForm(body, req.headers["content-type"]),
        headers: req.headers,
        requestOrigin: requestOrigin(state, req),
        requestId: clientRequestId(req.headers, url)
      });
      if (outcome.error) entry.error = outcome.error;
      return outcome.reply;
    }
    case "graph":
      return listFederatedCredentials(state, req, matched.appId);
    case "other":
      return jsonReply(404, {
        error: "not_found",
        error_description: `The sandbox serves nothing at ${url.pathname}.`
      });
  }
}
function requestOrigin(state, req) {
  const host = req.headers.host;
  if (!host) return state.origin;
  const scheme = new URL(state.origin).protocol;
  try {
    const parsed = new URL(`${scheme}//${host}`);
    return isLoopbackHostname(parsed.hostname) ? parsed.origin : state.origin;
  } catch {
    return state.origin;
  }
}
function handleControl(state, action, req, body) {
  const method = req.method ?? "GET";
  const host = (req.headers.host ?? "").replace(/:\d+$/, "");
  if (!isLoopbackHostname(host))
    return jsonReply(403, {
      error: "forbidden",
      error_description: "Control endpoints answer loopback host names only."
    });
  const allowed = action === "requests" ? ["GET"] : action === "faults" ? ["GET", "POST"] : ["POST"];
  if (!allowed.includes(method)) {
    return jsonReply(
      405,
      { error: "method_not_allowed", error_description: `${method} is not allowed here.` },
      { Allow: allowed.join(", ") }
    );
  }
  if (method === "GET") return jsonReply(200, action === "requests" ? state.requests : state.faults.pending());
  if (!/^application\/json\b/i.test(req.headers["content-type"] ?? "")) {
    return jsonReply(415, {
      error: "unsupported_media_type",
      error_description: "Send Content-Type: application/json."
    });
  }
  if (action === "mint") {
    const token = bearerToken(req.headers);
    if (!token || !sameSecret(token, state.idTokenRequestToken)) {
      return jsonReply(
        401,
        { error: "unauthorized", error_description: "Send Authorization: Bearer <idTokenRequestToken>." },
        { "WWW-Authenticate": "Bearer" }
      );
    }
  }
  const parsed = parseJson(body);
  if (!parsed.ok) return jsonReply(400, { error: "invalid_request", error_description: parsed.message });
  try {
    switch (action) {
      case "mint":
        return jsonReply(200, { value: mintCiToken(state, validateMintOptions(parsed.value, "body")) });
      case "faults": {
        const rules = validateFaultRules(parsed.value, "body");
        state.faults.set(rules);
        return jsonReply(200, { count: rules.length });
      }
      case "apps": {
        const app = validateAppConfig(parsed.value, "body");
        state.upsertApp(app);
        return jsonReply(200, { clientId: app.clientId });
      }
      case "issuers": {
        const issuer = state.upsertIssuer(validateIssuerConfig(parsed.value, "body"));
        return jsonReply(200, issuer);
      }
      case "requests":
        return jsonReply(200, state.requests);
    }
  } catch (err) {
    if (err instanceof SandboxConfigError)
      return jsonReply(400, { error: "invalid_request", error_description: err.message, field: err.field });
    throw err;
  }
}

// src/sandbox/state.ts
var SandboxState = class {
  constructor(origin, entraKey, ciKey, idTokenRequestToken, config, tlsCertPem) {
    this.origin = origin;
    this.entraKey = entraKey;
    this.ciKey = ciKey;
    this.idTokenRequestToken = idTokenRequestToken;
    this.tlsCertPem = tlsCertPem;
    this.tenantId = (config.tenantId ?? DEFAULT_TENANT_ID).toLowerCase();
    this.tenantDomains = (config.tenantDomains ?? [DEFAULT_TENANT_DOMAIN]).map((d) => d.toLowerCase());
    this.ciIssuer = `${origin}/ci`;
    this.settings = {
      idTokenClaims: config.idTokenClaims ?? {},
      idTokenLifetimeSeconds: config.idTokenLifetimeSeconds ?? 300,
      accessTokenLifetimeSeconds: config.accessTokenLifetimeSeconds ?? 3599,
      clockSkewSeconds: config.clockSkewSeconds ?? 0
    };
    const apps = config.apps?.length ? config.apps : [defaultApp(this.ciIssuer)];
    for (const app of apps) this.upsertApp(app);
    this.defaultClientId = apps[0]?.clientId ?? DEFAULT_CLIENT_ID;
    for (const issuer of config.issuers ?? []) this.upsertIssuer(issuer);
    this.faults.set(config.faults ?? []);
  }
  origin;
  entraKey;
  ciKey;
  idTokenRequestToken;
  tlsCertPem;
  tenantId;
  tenantDomains;
  ciIssuer;
  defaultClientId;
  settings;
  faults = new FaultPlan();
  requests = [];
  apps = /* @__PURE__ */ new Map();
  issuers = /* @__PURE__ */ new Map();
  now() {
    return Date.now();
  }
  /** Client ids are GUIDs, which Entra compares case-insensitively. */
  findApp(clientId) {
    return this.apps.get(clientId.toLowerCase());
  }
  upsertApp(app) {
    const resolved = {
      ...app,
      ...app.federatedCredentials && {
        federatedCredentials: app.federatedCredentials.map((fic) => ({ ...fic, issuer: this.expand(fic.issuer) }))
      }
    };
    this.apps.set(app.clientId.toLowerCase(), resolved);
    return resolved;
  }
  findIssuer(issuer) {
    return this.issuers.get(issuer);
  }
  upsertIssuer(config) {
    const resolved = { issuer: this.expand(config.issuer) };
    if (config.jwksUri !== void 0) resolved.jwksUri = this.expand(config.jwksUri);
    this.issuers.set(resolved.issuer, resolved);
    return resolved;
  }
  /** Resolves a tenant path segment (GUID or verified domain) to the tenant id. */
  resolveTenant(segment) {
    const lower = segment.toLowerCase();
    return lower === this.tenantId || this.tenantDomains.includes(lower) ? this.tenantId : void 0;
  }
  expand(value) {
    return value.split(ORIGIN_PLACEHOLDER).join(this.origin);
  }
};

// src/sandbox/tls.ts
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { isIP } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
function createLoopbackTls(host, extraNames = []) {
  const ips = ["127.0.0.1", "::1"];
  const bare = host.replace(/^\[|\]$/g, "");
  if (isIP(bare) && !ips.includes(bare)) ips.push(bare);
  const { certPem, keyPem } = createSelfSignedCertificate({
    commonName: "entra-federate sandbox",
    sans: { dns: ["localhost", ...extraNames], ip: ips },
    days: 7,
    keyType: "ec",
    isCa: true
  });
  const dir = mkdtempSync(join(tmpdir(), "entra-federate-sandbox-"));
  const caCertFile = join(dir, "ca.pem");
  writeFileSync(caCertFile, certPem, { mode: 384, flag: "wx" });
  return {
    certPem,
    keyPem,
    caCertFile,
    dispose: () => rmSync(dir, { recursive: true, force: true })
  };
}

// src/sandbox/index.ts
async function startSandbox(opts = {}) {
  const host = opts.host ?? "127.0.0.1";
  if (!isLoopbackHostname(host)) {
    throw new Error(`refusing to listen on '${host}': the sandbox serves loopback only (127.0.0.1, ::1 or localhost)`);
  }
  const config = validateSandboxConfig(opts.config ?? {}, "sandbox config");
  const [entraKey, ciKey] = await Promise.all([
    createSigningKey("entra-federate sandbox Entra signing key", "x5t"),
    createSigningKey("entra-federate sandbox CI issuer key", "hex")
  ]);
  const tls = opts.https ? createLoopbackTls(host, opts.tlsNames ?? []) : void 0;
  let listener = (_req, res) => {
    res.writeHead(503).end();
  };
  const dispatch2 = (req, res) => listener(req, res);
  const server = tls ? https2.createServer({ key: tls.keyPem, cert: tls.certPem }, dispatch2) : http2.createServer(dispatch2);
  const bindHost = host.replace(/^\[|\]$/g, "");
  try {
    await new Promise((resolve2, reject) => {
      server.once("error", reject);
      server.listen(opts.port ?? 0, bindHost, () => {
        server.off("error", reject);
        resolve2();
      });
    });
  } catch (err) {
    tls?.dispose();
    throw err;
  }
  const { port } = server.address();
  const origin = `${tls ? "https" : "http"}://${bindHost.includes(":") ? `[${bindHost}]` : bindHost}:${port}`;
  const state = new SandboxState(origin, entraKey, ciKey, randomBytes3(32).toString("base64url"), config, tls?.certPem);
  listener = createRequestListener(state);
  let closing;
  const idTokenRequestUrl = `${state.ciIssuer}/idtoken?api-version=2.0`;
  const coordinates = () => ({
    authorityHost: origin,
    tenantId: state.tenantId,
    clientId: state.defaultClientId,
    issuer: state.ciIssuer,
    idTokenRequestUrl,
    idTokenRequestToken: state.idTokenRequestToken,
    ...tls && { caCertFile: tls.caCertFile }
  });
  return {
    origin,
    authorityHost: origin,
    tenantId: state.tenantId,
    clientId: state.defaultClientId,
    issuer: state.ciIssuer,
    idTokenRequestUrl,
    idTokenRequestToken: state.idTokenRequestToken,
    ...tls && { caCertFile: tls.caCertFile, caCertPem: tls.certPem },
    requests: state.requests,
    mintIdToken: (mintOpts) => mintCiToken(state, validateMintOptions(mintOpts ?? {}, "mintIdToken options")),
    setFaults: (rules) => state.faults.set(validateFaultRules(rules, "faults")),
    addApp: (app) => {
      state.upsertApp(validateAppConfig(app, "app"));
    },
    addIssuer: (issuer) => {
      state.upsertIssuer(validateIssuerConfig(issuer, "issuer"));
    },
    close: () => {
      closing ??= new Promise((resolve2) => {
        server.close(() => resolve2());
        server.closeAllConnections();
      }).finally(() => tls?.dispose());
      return closing;
    },
    coordinates
  };
}

export {
  loadSandboxConfig,
  startSandbox
};
