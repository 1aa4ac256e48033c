import {
  evaluateClaims
} from "./chunk-QEELHJIB.js";
import {
  helpRequested,
  parseCommand
} from "./chunk-SAJ3KRIM.js";
import "./chunk-7MCQKBCW.js";
import "./chunk-YE5USGSE.js";
import "./chunk-LYCLW4XY.js";
import {
  importJWK
} from "./chunk-BBKJGK6B.js";
import {
  policyDeniedError
} from "./chunk-OHEYMCKN.js";
import "./chunk-HNTMPMT5.js";
import {
  claimMatches,
  compilePattern,
  loadPolicy,
  wrongClaimType
} from "./chunk-UVJCTFDH.js";
import "./chunk-KKJBLYBX.js";
import {
  createNodeHttpClient,
  fetchWithRetry,
  systemClock
} from "./chunk-KEKUR6VN.js";
import "./chunk-CXUPN4HS.js";
import {
  quote,
  validateTimeout
} from "./chunk-6I7DYRWY.js";
import {
  FederationError,
  usageError
} from "./chunk-H7K5LTQY.js";
import {
  isoTime,
  printableAscii,
  showClaim
} from "./chunk-3XWB6HIK.js";
import "./chunk-Z53PL5H4.js";

// src/entry/cli/verify.ts
import { readFile } from "node:fs/promises";

// src/verify/verify.ts
import { constants, verify as verifySignature } from "node:crypto";

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
function own(claims, name) {
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
  const value = own(claims, name);
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
  const iss = own(claims, "iss");
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
  if (typeof own(claims, "sub") !== "string") throw missing("sub", "names the subject (the pipeline)");
  const aud = own(claims, "aud");
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
    const value = own(claims, name);
    if (value === void 0 || value === null) throw missing(name, "is required here");
  }
  for (const { claim, patterns } of checks.patterns) {
    const value = own(claims, claim);
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
var B64URL = /^[A-Za-z0-9_-]*$/;
function malformed(why) {
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
    throw malformed(`its ${which} is not base64url-encoded JSON`);
  }
  if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed))
    throw malformed(`its ${which} is not a JSON object`);
  return parsed;
}
function parseCompact(token) {
  if (token.length > MAX_TOKEN_LENGTH) throw malformed(`it is longer than ${MAX_TOKEN_LENGTH} characters`);
  const parts = token.split(".");
  if (parts.length === 5) throw malformed("it has five parts (an encrypted JWE), not three");
  if (parts.length !== 3) throw malformed(`it has ${parts.length} dot-separated parts, not three`);
  const [h, p, s] = parts;
  if (h === "" || p === "" || !B64URL.test(h) || !B64URL.test(p) || !B64URL.test(s))
    throw malformed("its parts are not all base64url");
  return { header: part(h, "header"), claims: part(p, "payload") };
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
function isObject(value) {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}
function parseJson(body) {
  try {
    return JSON.parse(body);
  } catch {
    return void 0;
  }
}
function publicSigningKey(raw) {
  if (!isObject(raw) || raw["d"] !== void 0 || raw["p"] !== void 0) return void 0;
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
    const list = isObject(body) && Array.isArray(body["keys"]) ? body["keys"] : void 0;
    if (list === void 0) {
      throw rejected(
        "JWKS_INVALID",
        `The issuer's JWKS at ${this.jwksUri} is not a JSON object with a keys array.`,
        "Check the jwks_uri of the issuer's discovery document."
      );
    }
    const all = list.slice(0, 100).map(publicSigningKey).filter((k) => k !== void 0);
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
      const list2 = byKid.get(key.kid);
      if (list2 === void 0) byKid.set(key.kid, [key]);
      else list2.push(key);
    }
    this.keys = { byKid, all, fetchedAt: this.clock.now() };
    this.imported = /* @__PURE__ */ new Map();
  }
  async discover() {
    const url = `${this.issuer.replace(/\/+$/, "")}/.well-known/openid-configuration`;
    const doc = await this.get(url, "the issuer's discovery document", "DISCOVERY_FAILED");
    if (!isObject(doc))
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
    const body = parseJson(response.body);
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
    const list = typeof value === "string" ? [value] : [...value];
    if (claim === "" || list.length === 0 || list.some((p) => typeof p !== "string" || p === "")) {
      throw usageError(
        "INVALID_CLAIM_PATTERN",
        `The claim pattern for ${quote(claim)} is empty.`,
        "Give claim patterns as NAME=PATTERN, e.g. --claim repository=octo-org/octo-repo --claim ref=refs/heads/main.",
        "claim"
      );
    }
    return { claim, patterns: list.map(compilePattern) };
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

// src/entry/cli/verify.ts
var HELP = `Usage: entra-federate verify --issuer URL --audience AUD [options] < token

Verifies an OIDC JWT (such as a CI job's ID token) before a privileged step: the signature
with the issuer's keys (OIDC discovery, then its JWKS; never keys the token points at), the
algorithm (RS256, PS256, ES256 only), the exact issuer, the audience, exp/nbf/iat with a
bounded clock skew, and the claims you require.
Exit 0 prints the verified claims as JSON on stdout; exit 1 says why the token was rejected.

The token is read from --id-token-file, --id-token-env or standard input, never from the
command line.

Options:
  --issuer URL            the expected iss, compared exactly; its discovery document names the keys
  --audience AUD          the expected aud; repeatable (any of)
  --claim NAME=PATTERN    the claim must match: exact, or globs (* within a path segment, ** across,
                          ? one character); repeatable, the same NAME twice means any of
  --require-claim NAME    the claim must be present; repeatable
  --policy FILE           the claims of some rule in this policy file (JSON or YAML) must match
  --algorithm ALG         RS256 | PS256 | ES256; repeatable   [default all three]
  --clock-skew SECONDS    tolerance for exp, nbf and iat, at most 300   [default 60]
  --max-age SECONDS       refuse tokens issued longer ago than this
  --typ TYP               the typ header the token must have   [default: JWT, when present]
  --jwks-uri URL          take the keys from this JWKS instead of discovery
  --id-token-file FILE    read the token from a file
  --id-token-env NAME     read the token from an environment variable
  --timeout SECONDS       for the discovery and JWKS requests   [default 60]
  -h, --help              this help`;
var FLAGS = {
  issuer: { type: "string" },
  audience: { type: "string", multiple: true },
  claim: { type: "string", multiple: true },
  "require-claim": { type: "string", multiple: true },
  policy: { type: "string" },
  algorithm: { type: "string", multiple: true },
  "clock-skew": { type: "string" },
  "max-age": { type: "string" },
  typ: { type: "string" },
  "jwks-uri": { type: "string" },
  "id-token-file": { type: "string" },
  "id-token-env": { type: "string" },
  timeout: { type: "string" },
  help: { type: "boolean", short: "h" }
};
function seconds(raw, flag) {
  if (raw === void 0) return void 0;
  const value = Number(raw.trim());
  if (raw.trim() === "" || !Number.isFinite(value) || value < 0) {
    throw usageError(
      "INVALID_ARGUMENTS",
      `--${flag} ${quote(raw)} is not a number of seconds.`,
      `Pass --${flag} as whole seconds, e.g. --${flag} 60.`,
      flag
    );
  }
  return value;
}
function claimPatterns(raw) {
  const out = /* @__PURE__ */ Object.create(null);
  for (const entry of raw) {
    const at = entry.indexOf("=");
    const name = at < 0 ? "" : entry.slice(0, at).trim();
    const pattern = at < 0 ? "" : entry.slice(at + 1);
    if (name === "" || pattern === "") {
      throw usageError(
        "INVALID_CLAIM_PATTERN",
        `--claim ${quote(entry)} is not NAME=PATTERN.`,
        "Write e.g. --claim repository=octo-org/octo-repo --claim ref=refs/heads/main; use --require-claim NAME for presence only.",
        "claim"
      );
    }
    out[name] = [...out[name] ?? [], pattern];
  }
  return out;
}
async function readToken(values, io) {
  let raw;
  let where;
  if (values["id-token-file"] !== void 0) {
    where = `the file ${quote(values["id-token-file"])}`;
    try {
      raw = await readFile(values["id-token-file"], "utf8");
    } catch (err) {
      const code = err.code;
      throw usageError(
        "TOKEN_UNAVAILABLE",
        `Cannot read ${where} (${code === "ENOENT" ? "it does not exist" : code ?? "error"}).`,
        "Pass --id-token-file with the path of a file holding the token.",
        "id-token-file"
      );
    }
  } else if (values["id-token-env"] !== void 0) {
    const name = values["id-token-env"];
    where = `the environment variable ${quote(name)}`;
    raw = io.env[name] ?? "";
  } else {
    where = "standard input";
    const stdin = io.stdin();
    if (stdin.isTTY === true) {
      throw usageError(
        "TOKEN_UNAVAILABLE",
        "No token given.",
        "Pipe the token to standard input, or pass --id-token-file FILE or --id-token-env NAME."
      );
    }
    const chunks = [];
    for await (const chunk of stdin) chunks.push(typeof chunk === "string" ? Buffer.from(chunk) : chunk);
    raw = Buffer.concat(chunks).toString("utf8");
  }
  const token = raw.trim();
  if (token === "")
    throw usageError(
      "TOKEN_UNAVAILABLE",
      `No token in ${where}: it is empty.`,
      "Give the OIDC JWT to verify via standard input, --id-token-file or --id-token-env."
    );
  return token;
}
async function run(argv, io) {
  const { values } = parseCommand("verify", argv, FLAGS);
  if (helpRequested(values, HELP, io)) return 0;
  if (values.issuer === void 0) {
    throw usageError(
      "MISSING_ISSUER",
      "No --issuer given.",
      "Pass --issuer with the issuer URL exactly as the token's iss claim has it, e.g. https://token.actions.githubusercontent.com.",
      "issuer"
    );
  }
  const options = {
    issuer: values.issuer,
    audience: values.audience ?? [],
    http: io.http(),
    timeoutMs: validateTimeout(values.timeout)
  };
  if (values.algorithm !== void 0)
    options.algorithms = values.algorithm.map((a) => a.trim().toUpperCase());
  const skew = seconds(values["clock-skew"], "clock-skew");
  if (skew !== void 0) options.clockSkewSeconds = skew;
  const maxAge = seconds(values["max-age"], "max-age");
  if (maxAge !== void 0) options.maxTokenAgeSeconds = maxAge;
  if (values.typ !== void 0) options.typ = values.typ;
  if (values["jwks-uri"] !== void 0) options.jwksUri = values["jwks-uri"];
  if (values["require-claim"] !== void 0) options.requiredClaims = values["require-claim"];
  if (values.claim !== void 0) options.claims = claimPatterns(values.claim);
  if (values.policy !== void 0) options.policy = await loadPolicy(values.policy);
  const verifier = createVerifier(options);
  const token = await readToken(values, io);
  let verified;
  try {
    verified = await verifier.verify(token);
  } catch (err) {
    if (err instanceof FederationError && !err.usage) err.message = `Token rejected: ${err.message}`;
    throw err;
  }
  io.stdout.write(`${JSON.stringify(verified.claims, null, 2)}
`);
  const sub = typeof verified.claims["sub"] === "string" ? verified.claims["sub"] : "(no sub)";
  io.stderr.write(
    `entra-federate: verified ${verified.header.alg} token from ${values.issuer} for ${JSON.stringify(sub)}
`
  );
  return 0;
}
export {
  run
};
