// src/sandbox/config.ts
import { X509Certificate } from "node:crypto";
import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";

// src/sandbox/ci-claims.ts
import { randomUUID } from "node:crypto";
var CI_PROVIDERS = ["github", "gitlab", "circleci"];
var SHA = "a3f2c9d1e8b7465f0c1d2e3f4a5b6c7d8e9f0a1b";
var CIRCLE_DEFAULT_ORG = "c1a2b3c4-d5e6-4f70-8a9b-0c1d2e3f4a5b";
var CIRCLE_PROJECT = "0f8e7d6c-5b4a-4392-8170-6f5e4d3c2b1a";
var CIRCLE_USER = "1d2c3b4a-0000-4000-8000-00000000aaaa";
function providerForIssuer(issuer) {
  let host = "";
  try {
    host = new URL(issuer).hostname.toLowerCase();
  } catch {
    return "github";
  }
  if (host === "oidc.circleci.com") return "circleci";
  if (host === "gitlab.com" || host.startsWith("gitlab.")) return "gitlab";
  return "github";
}
function baseClaims(provider, c) {
  switch (provider) {
    case "github":
      return githubClaims(c);
    case "gitlab":
      return gitlabClaims(c);
    case "circleci":
      return circleciClaims(c);
  }
}
function defaultSubject(provider, claims) {
  const text = (name) => typeof claims[name] === "string" ? claims[name] : "";
  switch (provider) {
    case "github": {
      const repo = `repo:${text("repository")}`;
      if (text("environment")) return `${repo}:environment:${text("environment").replaceAll(":", "%3A")}`;
      if (text("event_name") === "pull_request") return `${repo}:pull_request`;
      return `${repo}:ref:${text("ref")}`;
    }
    case "gitlab":
      return `project_path:${text("project_path")}:ref_type:${text("ref_type")}:ref:${text("ref")}`;
    case "circleci":
      return `org/${text("oidc.circleci.com/org-id")}/project/${text("oidc.circleci.com/project-id")}/user/${CIRCLE_USER}`;
  }
}
function githubClaims({ iss, aud, iat, lifetime }) {
  return {
    jti: randomUUID(),
    sub: "",
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
    // GitHub back-dates nbf by ten minutes.
    nbf: iat - 600,
    exp: iat + lifetime,
    iat
  };
}
function gitlabClaims({ iss, aud, iat, lifetime }) {
  let host = "gitlab.com";
  try {
    host = new URL(iss).host;
  } catch {
  }
  return {
    namespace_id: "72",
    namespace_path: "my-group",
    project_id: "20",
    project_path: "my-group/my-project",
    user_id: "1",
    user_login: "sample-user",
    user_email: "sample-user@example.com",
    user_access_level: "developer",
    pipeline_id: "574",
    pipeline_source: "push",
    job_id: "302",
    ref: "main",
    ref_type: "branch",
    ref_path: "refs/heads/main",
    ref_protected: "true",
    runner_id: 1,
    runner_environment: "gitlab-hosted",
    sha: SHA,
    project_visibility: "private",
    ci_config_ref_uri: `${host}/my-group/my-project//.gitlab-ci.yml@refs/heads/main`,
    ci_config_sha: SHA,
    jti: randomUUID(),
    iss,
    iat,
    nbf: iat - 5,
    exp: iat + lifetime,
    sub: "",
    aud
  };
}
function circleciClaims({ iss, aud, iat, lifetime }) {
  const org = circleciOrg(iss);
  return {
    "oidc.circleci.com/context-ids": [],
    "oidc.circleci.com/job-id": "6a5e1f0b-0c1d-4d55-9a3b-0d8d7f0c2e11",
    "oidc.circleci.com/org-id": org,
    "oidc.circleci.com/pipeline-definition-id": "1d2c3b4a-5e6f-4a7b-8c9d-0e1f2a3b4c5d",
    "oidc.circleci.com/pipeline-id": "7f8e9d0c-1b2a-4c3d-9e4f-5a6b7c8d9e0f",
    "oidc.circleci.com/project-id": CIRCLE_PROJECT,
    "oidc.circleci.com/ssh-rerun": false,
    "oidc.circleci.com/vcs-origin": "github.com/my-org/my-repo",
    "oidc.circleci.com/vcs-ref": "refs/heads/main",
    "oidc.circleci.com/workflow-id": "2e3f4a5b-6c7d-4e8f-9a0b-1c2d3e4f5a6b",
    iss,
    sub: "",
    aud,
    iat,
    exp: iat + lifetime
  };
}
function circleciOrg(issuer) {
  return /^https:\/\/oidc\.circleci\.com\/org\/([^/]+)\/?$/.exec(issuer)?.[1] ?? CIRCLE_DEFAULT_ORG;
}

// src/sandbox/config.ts
var DEFAULT_TENANT_ID = "5a4db0c5-7e4a-4000-8000-000000000001";
var DEFAULT_CLIENT_ID = "5a4db0c5-c11e-4000-8000-000000000002";
var DEFAULT_TENANT_DOMAIN = "sandbox.onmicrosoft.com";
var DEFAULT_SUBSCRIPTION_ID = "5a4db0c5-5b5c-4000-8000-000000000003";
var DEFAULT_ADMIN_OBJECT_ID = "5a4db0c5-ad01-4000-8000-000000000004";
var DEFAULT_SUBJECT = "repo:octo-org/octo-repo:ref:refs/heads/main";
var TOKEN_EXCHANGE_AUDIENCE = "api://AzureADTokenExchange";
var ORIGIN_PLACEHOLDER = "{origin}";
var FAULT_TARGETS = [
  "token",
  "idtoken",
  "entra-discovery",
  "entra-jwks",
  "ci-discovery",
  "ci-jwks",
  "graph",
  "arm",
  "imds"
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
    "faults",
    "subscriptions",
    "resources"
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
  if (obj["subscriptions"] !== void 0) {
    config.subscriptions = v.array(obj["subscriptions"], "subscriptions").map((s, i) => v.guid(s, `subscriptions[${i}]`));
    if (config.subscriptions.length === 0) v.fail("subscriptions", "must name at least one subscription");
  }
  if (obj["resources"] !== void 0) {
    config.resources = v.array(obj["resources"], "resources").map((r, i) => v.string(r, `resources[${i}]`));
  }
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
  const obj = v.object(value, field, ["claims", "audience", "lifetimeSeconds", "issuer", "kid", "provider"]);
  const opts = {};
  if (obj["claims"] !== void 0) opts.claims = v.object(obj["claims"], `${field}.claims`);
  if (obj["audience"] !== void 0) opts.audience = v.string(obj["audience"], `${field}.audience`);
  if (obj["lifetimeSeconds"] !== void 0)
    opts.lifetimeSeconds = v.integer(obj["lifetimeSeconds"], `${field}.lifetimeSeconds`);
  if (obj["issuer"] !== void 0) opts.issuer = v.string(obj["issuer"], `${field}.issuer`);
  if (obj["kid"] !== void 0) opts.kid = v.string(obj["kid"], `${field}.kid`);
  if (obj["provider"] !== void 0) {
    const provider = v.string(obj["provider"], `${field}.provider`);
    if (!CI_PROVIDERS.includes(provider))
      v.fail(`${field}.provider`, `must be one of ${CI_PROVIDERS.join(", ")}`);
    opts.provider = provider;
  }
  return opts;
}
function validateAccessTokenRequest(value, field = "access token request") {
  const v = new Validator();
  const obj = v.object(value, field, [
    "resource",
    "principalId",
    "displayName",
    "userPrincipalName",
    "permissions",
    "lifetimeSeconds"
  ]);
  return { resource: v.string(obj["resource"], `${field}.resource`), opts: readAccessTokenOptions(obj, field, v) };
}
function validateMintAccessTokenOptions(value, field = "mintAccessToken options") {
  const v = new Validator();
  const obj = v.object(value, field, [
    "principalId",
    "displayName",
    "userPrincipalName",
    "permissions",
    "lifetimeSeconds"
  ]);
  return readAccessTokenOptions(obj, field, v);
}
function readAccessTokenOptions(obj, field, v) {
  const opts = {};
  if (obj["principalId"] !== void 0)
    opts.principalId = v.guid(obj["principalId"], `${field}.principalId`).toLowerCase();
  if (obj["displayName"] !== void 0) opts.displayName = v.string(obj["displayName"], `${field}.displayName`);
  if (obj["userPrincipalName"] !== void 0)
    opts.userPrincipalName = v.string(obj["userPrincipalName"], `${field}.userPrincipalName`);
  if (obj["permissions"] !== void 0)
    opts.permissions = v.array(obj["permissions"], `${field}.permissions`).map((p, i) => v.string(p, `${field}.permissions[${i}]`));
  if (obj["lifetimeSeconds"] !== void 0)
    opts.lifetimeSeconds = v.integer(obj["lifetimeSeconds"], `${field}.lifetimeSeconds`);
  return opts;
}
function validateGrant(value, field = "grant") {
  const v = new Validator();
  const obj = v.object(value, field, ["principalId", "role", "scope"]);
  return {
    principalId: v.guid(obj["principalId"], `${field}.principalId`).toLowerCase(),
    role: v.string(obj["role"], `${field}.role`),
    scope: v.string(obj["scope"], `${field}.scope`)
  };
}
function validateApp(value, field, v) {
  const obj = v.object(value, field, [
    "clientId",
    "displayName",
    "federatedCredentials",
    "secrets",
    "certificates",
    "identifierUris",
    "graphPermissions",
    "servicePrincipal"
  ]);
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
  if (obj["identifierUris"] !== void 0)
    app.identifierUris = v.array(obj["identifierUris"], `${field}.identifierUris`).map((u, i) => v.string(u, `${field}.identifierUris[${i}]`));
  if (obj["graphPermissions"] !== void 0)
    app.graphPermissions = v.array(obj["graphPermissions"], `${field}.graphPermissions`).map((p, i) => v.string(p, `${field}.graphPermissions[${i}]`));
  if (obj["servicePrincipal"] !== void 0)
    app.servicePrincipal = v.boolean(obj["servicePrincipal"], `${field}.servicePrincipal`);
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

// src/sandbox/access-token.ts
import { createHash as createHash2, randomBytes } from "node:crypto";

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
  if (reply.status === 204) {
    res.writeHead(204, { "Cache-Control": "no-store, no-cache", Pragma: "no-cache", ...reply.headers });
    res.end();
    return;
  }
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

// src/sandbox/jwt.ts
import { constants, createPublicKey, sign, verify } from "node:crypto";
var MalformedJwtError = class extends Error {
  name = "MalformedJwtError";
};
var SUPPORTED = /* @__PURE__ */ new Set(["RS256", "PS256", "ES256"]);
function signJwt(header, payload, privateKey) {
  const alg = header["alg"];
  if (typeof alg !== "string" || !SUPPORTED.has(alg)) throw new Error(`unsupported alg: ${String(alg)}`);
  const signingInput = `${encodeSegment(header)}.${encodeSegment(payload)}`;
  const signature = sign("sha256", Buffer.from(signingInput), signOptions(alg, privateKey));
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

// src/sandbox/bearer.ts
var GRAPH_AUDIENCES = [
  "https://graph.microsoft.com",
  "https://graph.microsoft.com/",
  "00000003-0000-0000-c000-000000000000"
];
var ARM_AUDIENCES = [
  "https://management.core.windows.net/",
  "https://management.core.windows.net",
  "https://management.azure.com/",
  "https://management.azure.com"
];
function checkBearer(state, req, audiences) {
  if (!req.headers.authorization) return { ok: false, problem: "missing" };
  const token = bearerToken(req.headers);
  if (token === void 0) return { ok: false, problem: "invalid", detail: "not a Bearer authorization" };
  let claims;
  try {
    const jwt = decodeJwt(token);
    if (!verifyJwtSignature(jwt, state.entraKey.publicKey))
      return { ok: false, problem: "invalid", detail: "not signed by this sandbox" };
    claims = jwt.payload;
  } catch (err) {
    if (err instanceof MalformedJwtError) return { ok: false, problem: "invalid", detail: "not a JWT" };
    throw err;
  }
  const aud = typeof claims["aud"] === "string" ? claims["aud"] : "";
  if (!audiences.includes(aud)) return { ok: false, problem: "audience", audience: aud };
  if (claims["tid"] !== state.tenantId) return { ok: false, problem: "tenant" };
  const exp = claims["exp"];
  if (typeof exp !== "number" || exp * 1e3 <= state.now()) return { ok: false, problem: "expired", exp: Number(exp) };
  return { ok: true, claims };
}
function tokenPermissions(claims) {
  const out = /* @__PURE__ */ new Set();
  if (typeof claims["scp"] === "string") {
    for (const s of claims["scp"].split(" ")) if (s) out.add(s.toLowerCase());
  }
  if (Array.isArray(claims["roles"])) {
    for (const r of claims["roles"]) if (typeof r === "string") out.add(r.toLowerCase());
  }
  return out;
}

// src/sandbox/directory.ts
import { createHash, randomUUID as randomUUID2 } from "node:crypto";
var MAX_FICS_PER_APP = 20;
var GraphError = class extends Error {
  constructor(status, code, message, reason) {
    super(message);
    this.status = status;
    this.code = code;
    this.reason = reason;
  }
  status;
  code;
  reason;
  name = "GraphError";
};
function derivedGuid(text) {
  const bytes = createHash("sha256").update(text).digest().subarray(0, 16);
  bytes[6] = (bytes[6] ?? 0) & 15 | 64;
  bytes[8] = (bytes[8] ?? 0) & 63 | 128;
  const hex = bytes.toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
function graphTimestamp(ms) {
  return new Date(ms).toISOString().replace(/\.\d+Z$/, "Z");
}
var Directory = class {
  constructor(tenantId, now) {
    this.tenantId = tenantId;
    this.now = now;
  }
  tenantId;
  now;
  apps = /* @__PURE__ */ new Map();
  servicePrincipals = /* @__PURE__ */ new Map();
  users = /* @__PURE__ */ new Map();
  /**
   * Adds or replaces (by client id) an app from the config or addApp. Such apps get a service
   * principal implicitly unless `servicePrincipal: false`, so configs written before the
   * sandbox knew service principals keep working.
   */
  upsertConfigApp(app) {
    const existing = this.findApp(app.clientId);
    const fics = (app.federatedCredentials ?? []).map(
      (fic, i) => ({
        id: derivedGuid(`fic:${app.clientId.toLowerCase()}:${fic.issuer}:${fic.subject}`),
        name: fic.name ?? `fic-${i + 1}`,
        issuer: fic.issuer,
        subject: fic.subject,
        audiences: [...fic.audiences],
        description: null
      })
    );
    const stored = {
      objectId: existing?.objectId ?? derivedGuid(`app:${this.tenantId}:${app.clientId.toLowerCase()}`),
      clientId: app.clientId,
      ...app.displayName !== void 0 && { displayName: app.displayName },
      description: null,
      createdDateTime: existing?.createdDateTime ?? graphTimestamp(this.now()),
      identifierUris: [...app.identifierUris ?? []],
      federatedCredentials: fics,
      secrets: [...app.secrets ?? []],
      certificates: [...app.certificates ?? []],
      graphPermissions: [...app.graphPermissions ?? ["Application.Read.All"]]
    };
    this.apps.set(app.clientId.toLowerCase(), stored);
    const key = app.clientId.toLowerCase();
    if (app.servicePrincipal === false) this.servicePrincipals.delete(key);
    else if (!this.servicePrincipals.has(key))
      this.servicePrincipals.set(key, {
        // The id the sandbox's access tokens have always carried as oid for this app.
        id: derivedGuid(`sp:${this.tenantId}:${key}`),
        appId: app.clientId,
        displayName: stored.displayName ?? app.clientId,
        createdDateTime: stored.createdDateTime,
        servicePrincipalNames: [app.clientId, ...stored.identifierUris]
      });
    return stored;
  }
  /** POST /applications: a new app with fresh ids and no service principal. */
  createApp(fields) {
    for (const uri of fields.identifierUris ?? []) {
      if (this.appWithIdentifierUri(uri))
        throw new GraphError(
          400,
          "Request_BadRequest",
          "Another object with the same value for property identifierUris already exists."
        );
    }
    const app = {
      objectId: randomUUID2(),
      clientId: randomUUID2(),
      displayName: fields.displayName,
      description: fields.description ?? null,
      createdDateTime: graphTimestamp(this.now()),
      identifierUris: [...fields.identifierUris ?? []],
      federatedCredentials: [],
      secrets: [],
      certificates: [],
      graphPermissions: []
    };
    this.apps.set(app.clientId.toLowerCase(), app);
    return app;
  }
  /** Client ids are GUIDs, which Entra compares case-insensitively. */
  findApp(clientId) {
    return this.apps.get(clientId.toLowerCase());
  }
  findAppByObjectId(objectId) {
    const lower = objectId.toLowerCase();
    return [...this.apps.values()].find((a) => a.objectId === lower);
  }
  listApps() {
    return [...this.apps.values()];
  }
  appWithIdentifierUri(uri) {
    const lower = uri.toLowerCase().replace(/\/+$/, "");
    return this.listApps().find((a) => a.identifierUris.some((u) => u.toLowerCase().replace(/\/+$/, "") === lower));
  }
  addFic(app, fic) {
    if (app.federatedCredentials.some((f) => f.name === fic.name))
      throw new GraphError(
        409,
        "Request_MultipleObjectsWithSameKeyValue",
        `FederatedIdentityCredential with name ${fic.name} already exists.`
      );
    this.assertUniquePair(app, fic.issuer, fic.subject);
    if (app.federatedCredentials.length >= MAX_FICS_PER_APP)
      throw new GraphError(
        400,
        "Request_BadRequest",
        `The application already has the maximum of ${MAX_FICS_PER_APP} federated identity credentials; delete one before adding another.`
      );
    const stored = {
      id: randomUUID2(),
      name: fic.name,
      issuer: fic.issuer,
      subject: fic.subject,
      audiences: [...fic.audiences],
      description: fic.description ?? null
    };
    app.federatedCredentials.push(stored);
    return stored;
  }
  updateFic(app, fic, changes) {
    const issuer = changes.issuer ?? fic.issuer;
    const subject = changes.subject ?? fic.subject;
    if (issuer !== fic.issuer || subject !== fic.subject) this.assertUniquePair(app, issuer, subject, fic);
    fic.issuer = issuer;
    fic.subject = subject;
    if (changes.audiences !== void 0) fic.audiences = [...changes.audiences];
    if (changes.description !== void 0) fic.description = changes.description;
  }
  removeFic(app, fic) {
    app.federatedCredentials = app.federatedCredentials.filter((f) => f !== fic);
  }
  findServicePrincipal(appId) {
    return this.servicePrincipals.get(appId.toLowerCase());
  }
  listServicePrincipals() {
    return [...this.servicePrincipals.values()];
  }
  /** POST /servicePrincipals: one per app. */
  createServicePrincipal(appId) {
    const app = this.findApp(appId);
    if (!app)
      throw new GraphError(
        400,
        "Request_BadRequest",
        `The appId '${appId}' of the service principal does not reference a valid application object.`
      );
    if (this.findServicePrincipal(appId))
      throw new GraphError(
        409,
        "Request_MultipleObjectsWithSameKeyValue",
        `The service principal cannot be created, updated, or restored because the service principal name ${app.clientId} is already in use.`
      );
    const sp = {
      id: randomUUID2(),
      appId: app.clientId,
      displayName: app.displayName ?? app.clientId,
      createdDateTime: graphTimestamp(this.now()),
      servicePrincipalNames: [app.clientId, ...app.identifierUris]
    };
    this.servicePrincipals.set(app.clientId.toLowerCase(), sp);
    return sp;
  }
  /** Adds the user if new; an existing user keeps its names. */
  ensureUser(user) {
    const key = user.id.toLowerCase();
    const existing = this.users.get(key);
    if (existing) return existing;
    const stored = { ...user, id: key };
    this.users.set(key, stored);
    return stored;
  }
  /** A user or service principal by object id, with its type as ARM names it. */
  principal(objectId) {
    const key = objectId.toLowerCase();
    const user = this.users.get(key);
    if (user) return { type: "User", name: user.userPrincipalName };
    const sp = this.listServicePrincipals().find((s) => s.id === key);
    return sp ? { type: "ServicePrincipal", name: sp.appId } : void 0;
  }
  assertUniquePair(app, issuer, subject, except) {
    if (app.federatedCredentials.some((f) => f !== except && f.issuer === issuer && f.subject === subject))
      throw new GraphError(
        400,
        "InvalidFederatedIdentityCredentialValue",
        `The combination of issuer and subject must be unique for the application. Issuer ${issuer} and Subject: ${subject} already exist. paramName: FederatedIdentityCredential.Subject, paramValue: ${subject}, objectType: Microsoft.Online.DirectoryServices.Application`
      );
  }
};

// src/sandbox/access-token.ts
var AZURE_CLI_CLIENT_ID = "04b07795-8ddb-461a-bbee-02f9e1bf7b46";
var DEFAULT_USER_GRAPH_PERMISSIONS = ["Application.ReadWrite.All", "User.Read"];
function commonClaims(state, resource, lifetime) {
  const now = Math.floor(state.now() / 1e3);
  const iss = `https://sts.windows.net/${state.tenantId}/`;
  return {
    aud: resource,
    iss,
    // Entra back-dates iat/nbf five minutes to absorb clock skew at the resource.
    iat: now - 300,
    nbf: now - 300,
    exp: now + lifetime
  };
}
function sign2(state, claims) {
  const header = { typ: "JWT", alg: "RS256", x5t: state.entraKey.x5t, kid: state.entraKey.kid };
  return signJwt(header, claims, state.entraKey.privateKey);
}
function mintAccessToken(state, clientId, resource, appidacr) {
  const expiresIn = state.settings.accessTokenLifetimeSeconds;
  const base = commonClaims(state, resource, expiresIn);
  const oid = state.directory.findServicePrincipal(clientId)?.id ?? derivedGuid(`sp:${state.tenantId}:${clientId}`);
  const roles = GRAPH_AUDIENCES.includes(resource) ? state.findApp(clientId)?.graphPermissions ?? [] : [];
  const claims = {
    ...base,
    aio: randomBytes(40).toString("base64url"),
    appid: clientId,
    appidacr,
    idp: base["iss"],
    idtyp: "app",
    oid,
    rh: `0.${randomBytes(48).toString("base64url")}.`,
    ...roles.length > 0 && { roles: [...roles] },
    sub: oid,
    tid: state.tenantId,
    uti: randomBytes(16).toString("base64url"),
    ver: "1.0"
  };
  return { accessToken: sign2(state, claims), expiresIn };
}
function mintUserAccessToken(state, resource, opts = {}) {
  const admin = state.adminUser;
  const user = opts.principalId ? state.directory.ensureUser({
    id: opts.principalId,
    displayName: opts.displayName ?? "Sandbox User",
    userPrincipalName: opts.userPrincipalName ?? `user-${opts.principalId.slice(0, 8)}@${state.tenantDomains[0]}`
  }) : admin;
  const graph = GRAPH_AUDIENCES.includes(resource);
  const scp = graph ? (opts.permissions ?? DEFAULT_USER_GRAPH_PERMISSIONS).join(" ") : "user_impersonation";
  const [given = "", ...family] = user.displayName.split(" ");
  const claims = {
    ...commonClaims(state, resource, opts.lifetimeSeconds ?? state.settings.accessTokenLifetimeSeconds),
    acr: "1",
    aio: randomBytes(40).toString("base64url"),
    amr: ["pwd", "mfa"],
    appid: AZURE_CLI_CLIENT_ID,
    appidacr: "0",
    family_name: family.join(" "),
    given_name: given,
    idtyp: "user",
    ipaddr: "127.0.0.1",
    name: user.displayName,
    oid: user.id,
    puid: createHash2("sha256").update(user.id).digest("hex").slice(0, 16).toUpperCase(),
    rh: `0.${randomBytes(48).toString("base64url")}.`,
    scp,
    // Pairwise per (user, resource), as Entra's sub is.
    sub: createHash2("sha256").update(`${user.id}:${resource}`).digest("base64url").slice(0, 43),
    tid: state.tenantId,
    unique_name: user.userPrincipalName,
    upn: user.userPrincipalName,
    uti: randomBytes(16).toString("base64url"),
    ver: "1.0"
  };
  return sign2(state, claims);
}

// src/sandbox/issuer.ts
import { timingSafeEqual } from "node:crypto";

// src/sandbox/keys.ts
import { createHash as createHash4, generateKeyPair } from "node:crypto";
import { promisify } from "node:util";

// src/sandbox/x509.ts
import { createHash as createHash3, generateKeyPairSync, randomBytes as randomBytes2, sign as sign3 } from "node:crypto";
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
  const keyId = createHash3("sha1").update(spki).digest();
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
  const serial = randomBytes2(16);
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
  const signature = sign3("sha256", tbs, keys.privateKey);
  const certDer = sequence(tbs, signatureAlgorithm, bitString(signature));
  return {
    der: certDer,
    certPem: toPem(certDer, "CERTIFICATE"),
    thumbprintSha1: createHash3("sha1").update(certDer).digest("base64url"),
    thumbprintSha256: createHash3("sha256").update(certDer).digest("base64url")
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
  const sha1 = createHash4("sha1").update(cert.der).digest();
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

// src/sandbox/issuer.ts
function mintCiToken(state, opts = {}, defaultAudience = TOKEN_EXCHANGE_AUDIENCE) {
  const iat = Math.floor(state.now() / 1e3);
  const lifetime = opts.lifetimeSeconds ?? state.settings.idTokenLifetimeSeconds;
  const iss = opts.issuer ?? state.ciIssuer;
  const provider = opts.provider ?? providerForIssuer(iss);
  const aud = provider === "circleci" ? circleciOrg(iss) : defaultAudience;
  const claims = baseClaims(provider, { iss, aud, iat, lifetime });
  applyOverrides(claims, state.settings.idTokenClaims);
  if (opts.issuer !== void 0) claims["iss"] = opts.issuer;
  if (opts.audience !== void 0) claims["aud"] = opts.audience;
  applyOverrides(claims, opts.claims ?? {});
  const explicitSub = "sub" in state.settings.idTokenClaims || opts.claims !== void 0 && "sub" in opts.claims;
  if (!explicitSub) claims["sub"] = defaultSubject(provider, claims);
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

// src/sandbox/imds.ts
var IMDS_TOKEN_PATH = "metadata/identity/oauth2/token";
var API_VERSIONS = /* @__PURE__ */ new Set(["2018-02-01", "2019-08-01", "2021-02-01"]);
function invalid(description, status = 400) {
  return jsonReply(status, { error: "invalid_request", error_description: description });
}
function handleImdsToken(state, req, url) {
  if (String(req.headers["metadata"] ?? "").toLowerCase() !== "true")
    return invalid("Required metadata header not specified");
  const q = url.searchParams;
  if (!API_VERSIONS.has(q.get("api-version") ?? "")) return invalid("Invalid or missing api-version parameter");
  const resource = q.get("resource") ?? "";
  if (resource === "") return invalid("Required audience parameter not specified");
  const clientId = q.get("client_id") ?? q.get("clientid") ?? state.defaultClientId;
  if (state.findApp(clientId) === void 0) return invalid("Identity not found");
  if (!state.knowsResource(resource))
    return jsonReply(400, {
      error: "invalid_resource",
      error_description: `AADSTS500011: The resource principal named ${resource} was not found in the tenant.`
    });
  const minted = mintAccessToken(state, clientId, resource, "2");
  const now = Math.floor(state.now() / 1e3);
  return jsonReply(200, {
    access_token: minted.accessToken,
    client_id: clientId,
    expires_in: String(minted.expiresIn),
    expires_on: String(now + minted.expiresIn),
    ext_expires_in: String(minted.expiresIn),
    not_before: String(now),
    resource,
    token_type: "Bearer"
  });
}

// src/sandbox/arm.ts
import { randomUUID as randomUUID3 } from "node:crypto";

// src/sandbox/builtin-roles.ts
var KEY_VAULT_RBAC = "Only works for key vaults that use the 'Azure role-based access control' permission model.";
var KEY_VAULT_READS = [
  "Microsoft.Authorization/*/read",
  "Microsoft.Insights/alertRules/*",
  "Microsoft.Resources/deployments/*",
  "Microsoft.Resources/subscriptions/resourceGroups/read",
  "Microsoft.Support/*",
  "Microsoft.KeyVault/checkNameAvailability/read",
  "Microsoft.KeyVault/deletedVaults/read",
  "Microsoft.KeyVault/locations/*/read",
  "Microsoft.KeyVault/vaults/*/read",
  "Microsoft.KeyVault/operations/read"
];
var BLOBS = "Microsoft.Storage/storageAccounts/blobServices";
function role(id, roleName, description, permissions) {
  return {
    id,
    roleName,
    description,
    permissions: { actions: [], notActions: [], dataActions: [], notDataActions: [], ...permissions }
  };
}
var BUILT_IN_ROLES = [
  role(
    "8e3af657-a8ff-443c-a75c-2fe8c4bcb635",
    "Owner",
    "Grants full access to manage all resources, including the ability to assign roles in Azure RBAC.",
    { actions: ["*"] }
  ),
  role(
    "b24988ac-6180-42a0-ab88-20f7382dd24c",
    "Contributor",
    "Grants full access to manage all resources, but does not allow you to assign roles in Azure RBAC, manage assignments in Azure Blueprints, or share image galleries.",
    {
      actions: ["*"],
      notActions: [
        "Microsoft.Authorization/*/Delete",
        "Microsoft.Authorization/*/Write",
        "Microsoft.Authorization/elevateAccess/Action",
        "Microsoft.Blueprint/blueprintAssignments/write",
        "Microsoft.Blueprint/blueprintAssignments/delete",
        "Microsoft.Compute/galleries/share/action",
        "Microsoft.Purview/consents/write",
        "Microsoft.Purview/consents/delete",
        "Microsoft.Resources/deploymentStacks/manageDenySetting/action",
        "Microsoft.Subscription/cancel/action",
        "Microsoft.Subscription/enable/action"
      ]
    }
  ),
  role(
    "acdd72a7-3385-48ef-bd42-f606fba81ae7",
    "Reader",
    "View all resources, but does not allow you to make any changes.",
    { actions: ["*/read"] }
  ),
  role(
    "18d7d88d-d35e-4fb5-a5c3-7773c20a72d9",
    "User Access Administrator",
    "Lets you manage user access to Azure resources.",
    { actions: ["*/read", "Microsoft.Authorization/*", "Microsoft.Support/*"] }
  ),
  role(
    "f58310d9-a9f6-439a-9e8d-f62e7b41a168",
    "Role Based Access Control Administrator",
    "Manage access to Azure resources by assigning roles using Azure RBAC. This role does not allow you to manage access using other ways, such as Azure Policy.",
    {
      actions: [
        "Microsoft.Authorization/roleAssignments/write",
        "Microsoft.Authorization/roleAssignments/delete",
        "*/read",
        "Microsoft.Support/*"
      ]
    }
  ),
  role("4633458b-17de-408a-b874-0445c86b69e6", "Key Vault Secrets User", `Read secret contents. ${KEY_VAULT_RBAC}`, {
    dataActions: [
      "Microsoft.KeyVault/vaults/secrets/getSecret/action",
      "Microsoft.KeyVault/vaults/secrets/readMetadata/action"
    ]
  }),
  role(
    "00482a5a-887f-4fb3-b363-3b7fe8e74483",
    "Key Vault Administrator",
    `Perform all data plane operations on a key vault and all objects in it, including certificates, keys, and secrets. Cannot manage key vault resources or manage role assignments. ${KEY_VAULT_RBAC}`,
    { actions: KEY_VAULT_READS, dataActions: ["Microsoft.KeyVault/vaults/*"] }
  ),
  role(
    "a4417e6f-fecd-4de8-b567-7b0420556985",
    "Key Vault Certificates Officer",
    `Perform any action on the certificates of a key vault, except manage permissions. ${KEY_VAULT_RBAC}`,
    {
      actions: KEY_VAULT_READS,
      dataActions: [
        "Microsoft.KeyVault/vaults/certificatecas/*",
        "Microsoft.KeyVault/vaults/certificates/*",
        "Microsoft.KeyVault/vaults/certificatecontacts/write"
      ]
    }
  ),
  role(
    "f25e0fa2-a7c8-4377-a976-54943a77a395",
    "Key Vault Contributor",
    "Lets you manage key vaults, but not access to them.",
    {
      actions: [
        "Microsoft.Authorization/*/read",
        "Microsoft.Insights/alertRules/*",
        "Microsoft.KeyVault/*",
        "Microsoft.Resources/deployments/*",
        "Microsoft.Resources/subscriptions/resourceGroups/read",
        "Microsoft.Support/*"
      ],
      notActions: [
        "Microsoft.KeyVault/locations/deletedVaults/purge/action",
        "Microsoft.KeyVault/hsmPools/*",
        "Microsoft.KeyVault/managedHsms/*"
      ]
    }
  ),
  role(
    "14b46e9e-c2b7-41b4-b07b-48a6ebf60603",
    "Key Vault Crypto Officer",
    `Perform any action on the keys of a key vault, except manage permissions. ${KEY_VAULT_RBAC}`,
    {
      actions: KEY_VAULT_READS,
      dataActions: ["Microsoft.KeyVault/vaults/keys/*", "Microsoft.KeyVault/vaults/keyrotationpolicies/*"]
    }
  ),
  role(
    "ba92f5b4-2d11-453d-a403-e96b0029c9fe",
    "Storage Blob Data Contributor",
    "Allows for read, write and delete access to Azure Storage blob containers and data",
    {
      actions: [
        `${BLOBS}/containers/delete`,
        `${BLOBS}/containers/read`,
        `${BLOBS}/containers/write`,
        `${BLOBS}/generateUserDelegationKey/action`
      ],
      dataActions: [
        `${BLOBS}/containers/blobs/delete`,
        `${BLOBS}/containers/blobs/read`,
        `${BLOBS}/containers/blobs/move/action`,
        `${BLOBS}/containers/blobs/write`
      ]
    }
  ),
  role(
    "2a2b9908-6ea1-4ae2-8e65-a410df84e7d1",
    "Storage Blob Data Reader",
    "Allows for read access to Azure Storage blob containers and data",
    {
      actions: [`${BLOBS}/containers/read`, `${BLOBS}/generateUserDelegationKey/action`],
      dataActions: [`${BLOBS}/containers/blobs/read`]
    }
  ),
  role("8311e382-0749-4cb8-b61a-304f252e45ec", "AcrPush", "acr push", {
    actions: ["Microsoft.ContainerRegistry/registries/pull/read", "Microsoft.ContainerRegistry/registries/push/write"]
  }),
  role("7f951dda-4ed3-4680-a7ca-43fe172d538d", "AcrPull", "acr pull", {
    actions: ["Microsoft.ContainerRegistry/registries/pull/read"]
  }),
  role(
    "4abbcc35-e782-43d8-92c5-2d3f1bd2253f",
    "Azure Kubernetes Service Cluster User Role",
    "List cluster user credential action.",
    {
      actions: [
        "Microsoft.ContainerService/managedClusters/listClusterUserCredential/action",
        "Microsoft.ContainerService/managedClusters/read"
      ]
    }
  ),
  role(
    "de139f84-1756-47ae-9be6-808fbbe84772",
    "Website Contributor",
    "Lets you manage websites (not web plans), but not access to them.",
    {
      actions: [
        "Microsoft.Authorization/*/read",
        "Microsoft.Insights/alertRules/*",
        "Microsoft.Insights/components/*",
        "Microsoft.ResourceHealth/availabilityStatuses/read",
        "Microsoft.Resources/deployments/*",
        "Microsoft.Resources/subscriptions/resourceGroups/read",
        "Microsoft.Support/*",
        "Microsoft.Web/certificates/*",
        "Microsoft.Web/listSitesAssignedToHostName/read",
        "Microsoft.Web/serverFarms/join/action",
        "Microsoft.Web/serverFarms/read",
        "Microsoft.Web/sites/*"
      ]
    }
  )
];
function builtInRole(id) {
  const lower = id.toLowerCase();
  return BUILT_IN_ROLES.find((r) => r.id === lower);
}
function builtInRoleNamed(name) {
  const lower = name.toLowerCase();
  return BUILT_IN_ROLES.find((r) => r.roleName.toLowerCase() === lower);
}

// src/sandbox/odata.ts
var FilterSyntaxError = class extends Error {
  name = "FilterSyntaxError";
};
function tokenize(text) {
  const tokens = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i] ?? "";
    if (/\s/.test(c)) {
      i++;
    } else if (c === "'") {
      let value = "";
      i++;
      for (; ; ) {
        if (i >= text.length) throw new FilterSyntaxError("an unterminated string literal");
        if (text[i] === "'") {
          if (text[i + 1] === "'") {
            value += "'";
            i += 2;
            continue;
          }
          i++;
          break;
        }
        value += text[i];
        i++;
      }
      tokens.push({ kind: "string", text: value });
    } else if (c === "(" || c === ")" || c === ",") {
      tokens.push({ kind: "punct", text: c });
      i++;
    } else {
      const match = /^[A-Za-z_][\w/.-]*/.exec(text.slice(i));
      if (!match) throw new FilterSyntaxError(`an unexpected character '${c}' at position ${i}`);
      tokens.push({ kind: "word", text: match[0] });
      i += match[0].length;
    }
  }
  return tokens;
}
function parseFilter(text) {
  const tokens = tokenize(text);
  const clauses = [];
  let i = 0;
  const next = () => tokens[i++];
  for (; ; ) {
    const head = next();
    if (head?.kind !== "word") throw new FilterSyntaxError("a property or function name was expected");
    const op = next();
    if (op?.kind === "word" && op.text.toLowerCase() === "eq") {
      const value = next();
      if (value?.kind !== "string") throw new FilterSyntaxError(`a quoted value was expected after '${head.text} eq'`);
      clauses.push({ kind: "eq", property: head.text, value: value.text });
    } else if (op?.kind === "punct" && op.text === "(") {
      const args = [];
      let t = next();
      while (t?.kind === "string" || t?.kind === "word") {
        args.push(t.text);
        t = next();
        if (t?.kind === "punct" && t.text === ",") t = next();
      }
      if (t?.kind !== "punct" || t.text !== ")") throw new FilterSyntaxError(`'${head.text}(' is not closed`);
      clauses.push({ kind: "call", name: head.text, args });
    } else {
      throw new FilterSyntaxError(`only 'eq' comparisons and function calls are supported after '${head.text}'`);
    }
    const joiner = next();
    if (joiner === void 0) return clauses;
    if (joiner.kind !== "word" || joiner.text.toLowerCase() !== "and")
      throw new FilterSyntaxError("clauses must be joined with 'and'");
  }
}

// src/sandbox/rbac.ts
var PRINCIPAL_TYPES = ["User", "Group", "ServicePrincipal", "ForeignGroup", "Device"];
function armTimestamp(ms) {
  return `${new Date(ms).toISOString().slice(0, 23)}0000Z`;
}
var GUID2 = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
function parseScope(raw) {
  const scope = raw.replace(/\/+$/, "") || "/";
  if (scope === "/") return { scope };
  const parts = scope.split("/").slice(1);
  if (parts.some((p) => p === "")) return { kind: "shape" };
  const [first = "", second = "", ...rest] = parts;
  if (first.toLowerCase() === "providers") {
    const ok = second.toLowerCase() === "microsoft.management" && rest.length === 2 && (rest[0] ?? "").toLowerCase() === "managementgroups";
    return ok ? { scope } : { kind: "shape" };
  }
  if (first.toLowerCase() !== "subscriptions" || second === "") return { kind: "shape" };
  if (!GUID2.test(second)) return { kind: "subscription-id", value: second };
  let tail = rest;
  if ((tail[0] ?? "").toLowerCase() === "resourcegroups") {
    if (tail.length < 2) return { kind: "shape" };
    tail = tail.slice(2);
  }
  if (tail.length > 0) {
    if ((tail[0] ?? "").toLowerCase() !== "providers" || tail.length < 4 || (tail.length - 2) % 2 !== 0)
      return { kind: "shape" };
  }
  return { scope, subscriptionId: second.toLowerCase() };
}
function scopeCovers(outer, inner) {
  const o = outer.toLowerCase();
  const i = inner.toLowerCase();
  return o === "/" || i === o || i.startsWith(`${o}/`);
}
function matches(pattern, action) {
  const source = pattern.split("*").map((part) => part.replace(/[.+?^${}()|[\]\\]/g, "\\$&")).join(".*");
  return new RegExp(`^${source}$`, "i").test(action);
}
function roleAllows(role2, action) {
  const { actions, notActions } = role2.permissions;
  return actions.some((p) => matches(p, action)) && !notActions.some((p) => matches(p, action));
}
var RoleAssignments = class {
  items = [];
  find(scope, name) {
    return this.items.find((a) => a.name.toLowerCase() === name.toLowerCase() && sameScope(a.scope, scope));
  }
  /** The assignment of this role to this principal at exactly this scope, whatever its name. */
  equivalent(scope, roleDefinitionGuid, principalId) {
    return this.items.find(
      (a) => sameScope(a.scope, scope) && a.roleDefinitionGuid === roleDefinitionGuid.toLowerCase() && a.principalId === principalId.toLowerCase()
    );
  }
  add(assignment) {
    const stored = {
      ...assignment,
      roleDefinitionGuid: assignment.roleDefinitionGuid.toLowerCase(),
      principalId: assignment.principalId.toLowerCase()
    };
    this.items.push(stored);
    return stored;
  }
  remove(assignment) {
    const i = this.items.indexOf(assignment);
    if (i >= 0) this.items.splice(i, 1);
  }
  /**
   * What a list at `scope` shows: assignments at, above and below it, or (atScope) only at and
   * above; optionally only one principal's.
   */
  list(scope, opts) {
    const principal = opts.principalId?.toLowerCase();
    return this.items.filter(
      (a) => (principal === void 0 || a.principalId === principal) && (scopeCovers(a.scope, scope) || !opts.atScope && scopeCovers(scope, a.scope))
    );
  }
  permits(principalId, action, scope) {
    const principal = principalId.toLowerCase();
    return this.items.some((a) => {
      if (a.principalId !== principal || !scopeCovers(a.scope, scope)) return false;
      const role2 = builtInRole(a.roleDefinitionGuid);
      return role2 !== void 0 && roleAllows(role2, action);
    });
  }
};
function sameScope(a, b) {
  return a.toLowerCase() === b.toLowerCase();
}

// src/sandbox/arm.ts
var API_VERSIONS2 = {
  roleDefinitions: ["2015-07-01", "2018-01-01-preview", "2022-04-01", "2022-05-01-preview"],
  roleAssignments: [
    "2015-07-01",
    "2018-01-01-preview",
    "2018-09-01-preview",
    "2020-03-01-preview",
    "2020-04-01-preview",
    "2020-08-01-preview",
    "2020-10-01-preview",
    "2022-01-01-preview",
    "2022-04-01"
  ]
};
var GUID3 = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
var ROLE_DEFINITION_ID = /^(?:\/subscriptions\/([^/]+))?\/providers\/Microsoft\.Authorization\/roleDefinitions\/([^/]+)$/i;
var BUILT_IN_CREATED_ON = "2015-02-02T21:55:09.8806423Z";
var BUILT_IN_UPDATED_ON = "2021-11-11T20:13:47.8628684Z";
function armRoute(path) {
  const m = /^(.*?)\/providers\/Microsoft\.Authorization\/(roleDefinitions|roleAssignments)(?:\/([^/]+))?\/?$/i.exec(
    path
  );
  if (!m) return void 0;
  const collection2 = (m[2] ?? "").toLowerCase() === "roledefinitions" ? "roleDefinitions" : "roleAssignments";
  return { scope: m[1] || "/", collection: collection2, ...m[3] !== void 0 && { name: m[3] } };
}
var ArmError = class extends Error {
  constructor(status, code, message, headers = {}) {
    super(message);
    this.status = status;
    this.code = code;
    this.headers = headers;
  }
  status;
  code;
  headers;
  name = "ArmError";
};
function handleArm(state, req, url, path, body) {
  const requestId = randomUUID3();
  const ids = { "x-ms-request-id": requestId, "x-ms-correlation-request-id": requestId };
  try {
    const caller = authenticate(state, req);
    checkApiVersion(url, path.collection);
    const parsed = parseScope(path.scope);
    if ("kind" in parsed) {
      if (parsed.kind === "subscription-id")
        throw new ArmError(
          400,
          "InvalidSubscriptionId",
          `The provided subscription identifier '${parsed.value}' is malformed or invalid.`
        );
      throw new ArmError(400, "InvalidScope", `The scope '${path.scope}' is not a valid ARM scope.`);
    }
    if (parsed.subscriptionId !== void 0 && !state.subscriptions.includes(parsed.subscriptionId))
      throw new ArmError(
        404,
        "SubscriptionNotFound",
        `The subscription '${parsed.subscriptionId}' could not be found.`
      );
    const ctx = { state, url, caller, scope: parsed.scope, subscriptionId: parsed.subscriptionId, path };
    const reply = path.collection === "roleDefinitions" ? roleDefinitions(ctx, req.method ?? "GET") : roleAssignments(ctx, req.method ?? "GET", body);
    return { reply: { ...reply, headers: { ...reply.headers, ...ids } } };
  } catch (err) {
    if (!(err instanceof ArmError)) throw err;
    return {
      reply: jsonReply(err.status, { error: { code: err.code, message: err.message } }, { ...err.headers, ...ids }),
      error: err.code
    };
  }
}
function authenticate(state, req) {
  const check = checkBearer(state, req, ARM_AUDIENCES);
  const challenge = (description) => ({
    "WWW-Authenticate": `Bearer authorization_uri="${state.origin}/${state.tenantId}", error="invalid_token", error_description="${description}"`
  });
  if (check.ok) {
    const oid = typeof check.claims["oid"] === "string" ? check.claims["oid"] : "";
    const upn = check.claims["upn"];
    return { objectId: oid, display: typeof upn === "string" ? upn : oid };
  }
  switch (check.problem) {
    case "missing":
      throw new ArmError(
        401,
        "AuthenticationFailed",
        "Authentication failed. The 'Authorization' header is missing.",
        challenge("The authentication failed because of missing 'Authorization' header.")
      );
    case "audience":
      throw new ArmError(
        401,
        "InvalidAuthenticationTokenAudience",
        `The access token has been obtained for wrong audience or resource '${check.audience}'. It should exactly match with one of the allowed audiences ${ARM_AUDIENCES.map((a) => `'${a}'`).join(",")}.`,
        challenge("The access token has been obtained for wrong audience or resource.")
      );
    case "expired":
      throw new ArmError(
        401,
        "ExpiredAuthenticationToken",
        `The access token expiry UTC time '${armClock(check.exp * 1e3)}' is earlier than current UTC time '${armClock(state.now())}'.`,
        challenge("The access token has expired.")
      );
    default:
      throw new ArmError(
        401,
        "InvalidAuthenticationToken",
        "The access token is invalid.",
        challenge("The access token is invalid.")
      );
  }
}
function armClock(ms) {
  if (!Number.isFinite(ms)) return "unknown";
  const d = new Date(ms);
  const h = d.getUTCHours();
  const pad = (n) => String(n).padStart(2, "0");
  return `${d.getUTCMonth() + 1}/${d.getUTCDate()}/${d.getUTCFullYear()} ${h % 12 || 12}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} ${h < 12 ? "AM" : "PM"}`;
}
function checkApiVersion(url, collection2) {
  const version = url.searchParams.get("api-version");
  if (version === null || version === "")
    throw new ArmError(
      400,
      "MissingApiVersionParameter",
      "The api-version query parameter (?api-version=) is required for all requests."
    );
  const supported = API_VERSIONS2[collection2];
  if (!supported.includes(version))
    throw new ArmError(
      400,
      "NoRegisteredProviderFound",
      `No registered resource provider found for location 'global' and API version '${version}' for type '${collection2}'. The supported api-versions are '${supported.join(", ")}'. The supported locations are ''.`
    );
}
function authorize(ctx, action) {
  if (ctx.state.rbac.permits(ctx.caller.objectId, action, ctx.scope)) return;
  const target = `${ctx.scope === "/" ? "" : ctx.scope}/providers/Microsoft.Authorization/${ctx.path.collection}${ctx.path.name ? `/${ctx.path.name}` : ""}`;
  throw new ArmError(
    403,
    "AuthorizationFailed",
    `The client '${ctx.caller.display}' with object id '${ctx.caller.objectId}' does not have authorization to perform action '${action}' over scope '${target}' or the scope is invalid. If access was recently granted, please refresh your credentials.`
  );
}
function filterClauses(ctx) {
  const text = ctx.url.searchParams.get("$filter");
  if (text === null || text.trim() === "") return [];
  try {
    return parseFilter(text);
  } catch (err) {
    if (err instanceof FilterSyntaxError)
      throw new ArmError(400, "InvalidFilterInQueryString", `The $filter '${text}' is invalid: ${err.message}.`);
    throw err;
  }
}
function unsupportedFilter(ctx) {
  return new ArmError(
    400,
    "UnsupportedQuery",
    `The filter '${ctx.url.searchParams.get("$filter") ?? ""}' is not supported for ${ctx.path.collection}.`
  );
}
function definitionPrefix(subscriptionId) {
  return subscriptionId === void 0 ? "" : `/subscriptions/${subscriptionId}`;
}
function roleDefinitionJson(role2, subscriptionId) {
  return {
    properties: {
      roleName: role2.roleName,
      type: "BuiltInRole",
      description: role2.description,
      assignableScopes: ["/"],
      permissions: [
        {
          actions: [...role2.permissions.actions],
          notActions: [...role2.permissions.notActions],
          dataActions: [...role2.permissions.dataActions],
          notDataActions: [...role2.permissions.notDataActions]
        }
      ],
      createdOn: BUILT_IN_CREATED_ON,
      updatedOn: BUILT_IN_UPDATED_ON,
      createdBy: null,
      updatedBy: null
    },
    id: `${definitionPrefix(subscriptionId)}/providers/Microsoft.Authorization/roleDefinitions/${role2.id}`,
    type: "Microsoft.Authorization/roleDefinitions",
    name: role2.id
  };
}
function roleDefinitions(ctx, method) {
  if (method !== "GET") throw methodNotAllowed(method, "GET");
  if (ctx.scope !== "/") authorize(ctx, "Microsoft.Authorization/roleDefinitions/read");
  if (ctx.path.name !== void 0) {
    const role2 = builtInRole(ctx.path.name);
    if (!role2)
      throw new ArmError(
        404,
        "RoleDefinitionDoesNotExist",
        `The role definition '${ctx.path.name}' could not be found.`
      );
    return jsonReply(200, roleDefinitionJson(role2, ctx.subscriptionId));
  }
  let roles = [...BUILT_IN_ROLES];
  for (const clause of filterClauses(ctx)) {
    if (clause.kind === "eq" && clause.property === "roleName") {
      const wanted = clause.value.toLowerCase();
      roles = roles.filter((r) => r.roleName.toLowerCase() === wanted);
    } else if (clause.kind === "eq" && clause.property === "type") {
      if (clause.value.toLowerCase() !== "builtinrole") roles = [];
    } else {
      throw unsupportedFilter(ctx);
    }
  }
  return jsonReply(200, { value: roles.map((r) => roleDefinitionJson(r, ctx.subscriptionId)) });
}
function methodNotAllowed(method, allow) {
  return new ArmError(405, "MethodNotAllowed", `The requested resource does not support http method '${method}'.`, {
    Allow: allow
  });
}
function assignmentJson(a) {
  const parsed = parseScope(a.scope);
  const subscriptionId = "kind" in parsed ? void 0 : parsed.subscriptionId;
  return {
    properties: {
      roleDefinitionId: `${definitionPrefix(subscriptionId)}/providers/Microsoft.Authorization/roleDefinitions/${a.roleDefinitionGuid}`,
      principalId: a.principalId,
      principalType: a.principalType,
      scope: a.scope,
      condition: null,
      conditionVersion: null,
      createdOn: a.createdOn,
      updatedOn: a.updatedOn,
      createdBy: a.createdBy,
      updatedBy: a.updatedBy,
      delegatedManagedIdentityResourceId: null,
      description: a.description
    },
    id: `${a.scope === "/" ? "" : a.scope}/providers/Microsoft.Authorization/roleAssignments/${a.name}`,
    type: "Microsoft.Authorization/roleAssignments",
    name: a.name
  };
}
function roleAssignments(ctx, method, body) {
  const { rbac } = ctx.state;
  const name = ctx.path.name;
  if (name === void 0) {
    if (method !== "GET") throw methodNotAllowed(method, "GET");
    authorize(ctx, "Microsoft.Authorization/roleAssignments/read");
    let atScope = false;
    let principalId;
    for (const clause of filterClauses(ctx)) {
      if (clause.kind === "call" && clause.name === "atScope" && clause.args.length === 0) atScope = true;
      else if (clause.kind === "eq" && clause.property === "principalId") principalId = clause.value;
      else if (clause.kind === "call" && clause.name === "assignedTo" && clause.args.length === 1)
        principalId = clause.args[0];
      else throw unsupportedFilter(ctx);
    }
    const found = rbac.list(ctx.scope, { atScope, ...principalId !== void 0 && { principalId } });
    return jsonReply(200, { value: found.map(assignmentJson) });
  }
  const allow = "GET, PUT, DELETE";
  if (method === "GET") {
    authorize(ctx, "Microsoft.Authorization/roleAssignments/read");
    const found = rbac.find(ctx.scope, name);
    if (!found) throw new ArmError(404, "RoleAssignmentNotFound", `The role assignment '${name}' is not found.`);
    return jsonReply(200, assignmentJson(found));
  }
  if (method === "DELETE") {
    authorize(ctx, "Microsoft.Authorization/roleAssignments/delete");
    const found = rbac.find(ctx.scope, name);
    if (!found) return { status: 204, body: "" };
    rbac.remove(found);
    return jsonReply(200, assignmentJson(found));
  }
  if (method !== "PUT") throw methodNotAllowed(method, allow);
  authorize(ctx, "Microsoft.Authorization/roleAssignments/write");
  if (!GUID3.test(name))
    throw new ArmError(
      400,
      "InvalidRoleAssignmentId",
      `The role assignment ID '${name}' is not valid. The role assignment ID must be a GUID.`
    );
  const request = readAssignment(ctx, body);
  const existing = rbac.find(ctx.scope, name);
  if (existing) {
    if (existing.roleDefinitionGuid === request.role.id && existing.principalId === request.principalId.toLowerCase())
      throw new ArmError(409, "RoleAssignmentExists", "The role assignment already exists.");
    throw new ArmError(
      400,
      "RoleAssignmentUpdateNotPermitted",
      "Tenant ID, application ID, principal ID, and scope are not allowed to be updated."
    );
  }
  if (rbac.equivalent(ctx.scope, request.role.id, request.principalId))
    throw new ArmError(409, "RoleAssignmentExists", "The role assignment already exists.");
  const now = armTimestamp(ctx.state.now());
  const created = rbac.add({
    name: name.toLowerCase(),
    scope: ctx.scope,
    roleDefinitionGuid: request.role.id,
    principalId: request.principalId,
    principalType: request.principalType,
    description: request.description,
    createdOn: now,
    updatedOn: now,
    createdBy: null,
    updatedBy: ctx.caller.objectId
  });
  return jsonReply(201, assignmentJson(created));
}
function invalidContent(detail) {
  return new ArmError(
    400,
    "InvalidRequestContent",
    `The request content was invalid and could not be deserialized: ${detail}`
  );
}
function readAssignment(ctx, body) {
  let value;
  try {
    value = JSON.parse(body.toString("utf8"));
  } catch (err) {
    throw invalidContent(err.message);
  }
  const properties = value?.properties;
  if (typeof properties !== "object" || properties === null || Array.isArray(properties))
    throw invalidContent("Required property 'properties' not found in JSON.");
  const props = properties;
  const roleDefinitionId = props["roleDefinitionId"];
  const match = typeof roleDefinitionId === "string" ? ROLE_DEFINITION_ID.exec(roleDefinitionId) : null;
  if (!match) throw new ArmError(400, "InvalidRoleDefinitionId", "The role definition ID is not valid.");
  const role2 = builtInRole(match[2] ?? "");
  if (!role2 || match[1] !== void 0 && !ctx.state.subscriptions.includes(match[1].toLowerCase()))
    throw new ArmError(
      400,
      "RoleDefinitionDoesNotExist",
      `The specified role definition with ID '${match[2] ?? ""}' does not exist.`
    );
  const principalId = props["principalId"];
  if (typeof principalId !== "string" || !GUID3.test(principalId))
    throw new ArmError(400, "InvalidPrincipalId", "A valid principal ID must be provided for role assignment.");
  const givenType = props["principalType"];
  if (givenType !== void 0 && !PRINCIPAL_TYPES.includes(givenType))
    throw invalidContent(`The value '${String(givenType)}' is not a valid principalType.`);
  const known = ctx.state.directory.principal(principalId);
  if (known && givenType !== void 0 && givenType !== known.type)
    throw new ArmError(
      400,
      "UnmatchedPrincipalType",
      `The PrincipalId '${principalId.replace(/-/g, "")}' has type '${known.type}' , which is different from specified PrincipalType '${String(givenType)}'.`
    );
  if (!known && givenType === void 0)
    throw new ArmError(
      400,
      "PrincipalNotFound",
      `Principal ${principalId.replace(/-/g, "")} does not exist in the directory ${ctx.state.tenantId}. Check that you have the correct principal ID. If you are creating this principal and then immediately assigning a role, this error might be related to a replication delay. In this case, set the role assignment principalType property to a value, such as ServicePrincipal, User, or Group.  See https://aka.ms/docs-principaltype`
    );
  const description = typeof props["description"] === "string" ? props["description"] : null;
  return {
    role: role2,
    principalId: principalId.toLowerCase(),
    principalType: givenType ?? known?.type ?? "ServicePrincipal",
    description
  };
}

// src/sandbox/entra.ts
import { createHash as createHash6, randomUUID as randomUUID5, timingSafeEqual as timingSafeEqual2 } from "node:crypto";

// src/sandbox/certificate.ts
import { createHash as createHash5, X509Certificate as X509Certificate2 } from "node:crypto";

// src/sandbox/errors.ts
import { randomUUID as randomUUID4 } from "node:crypto";
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
  const traceId = ctx.traceId ?? randomUUID4();
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
  missingServicePrincipal: (clientId, tenantId) => new AadstsError(
    7000229,
    "invalid_client",
    401,
    `The client application ${clientId} is missing service principal in the tenant ${tenantId}. See instructions here: https://go.microsoft.com/fwlink/?linkid=2225119`
  ),
  resourceNotFound: (resource, tenant) => new AadstsError(
    500011,
    "invalid_resource",
    400,
    `The resource principal named ${resource} was not found in the tenant named ${tenant}. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You might have sent your authentication request to the wrong tenant.`
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
      sha1: createHash5("sha1").update(cert.raw).digest("base64url"),
      sha256: createHash5("sha256").update(cert.raw).digest("base64url")
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
  const traceId = randomUUID5();
  const body = entraErrorBody(err, {
    origin: state.origin,
    correlationId: requestId ?? randomUUID5(),
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
    const { clientId, appidacr, resource } = await authenticate2(state, request);
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
        responseHeaders(requestId, randomUUID5())
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
async function authenticate2(state, request) {
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
  if (!state.directory.findServicePrincipal(app.clientId)) throw aadsts.missingServicePrincipal(app.clientId, tenantId);
  const resource = resourceFromScope(scope);
  if (!state.knowsResource(resource)) throw aadsts.resourceNotFound(resource, tenantId);
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
  const a = createHash6("sha256").update(expected).digest();
  const b = createHash6("sha256").update(presented).digest();
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
import { randomUUID as randomUUID6 } from "node:crypto";
var READ_PERMISSIONS = [
  "application.read.all",
  "application.readwrite.all",
  "directory.read.all",
  "directory.readwrite.all"
];
var WRITE_PERMISSION = "Application.ReadWrite.All";
function graphRoute(segments) {
  const [collection2 = "", second, third, fourth, ...extra] = segments;
  const unknown = (segment) => ({ kind: "unknown", segment });
  if (extra.length > 0) return unknown(extra[0] ?? "");
  if (collection2 === "servicePrincipals") {
    if (second === void 0) return { kind: "servicePrincipals" };
    return third === void 0 ? { kind: "servicePrincipal", id: second } : unknown(third);
  }
  let app;
  let rest;
  const alternateKey = /^applications\(appId='([^']*)'\)$/.exec(collection2);
  if (alternateKey) {
    app = { by: "appId", value: alternateKey[1] ?? "" };
    rest = [second, third];
    if (fourth !== void 0) return unknown(fourth);
  } else if (collection2 === "applications") {
    if (second === void 0) return { kind: "applications" };
    app = { by: "id", value: second };
    rest = [third, fourth];
  } else {
    return unknown(collection2);
  }
  const [sub, ficId] = rest;
  if (sub === void 0) return { kind: "application", app };
  if (sub !== "federatedIdentityCredentials") return unknown(sub);
  return ficId === void 0 ? { kind: "fics", app } : { kind: "fic", app, ficId };
}
function handleGraph(state, req, url, path, body) {
  const requestId = randomUUID6();
  const clientRequestId2 = headerValue(req, "client-request-id") ?? requestId;
  const ctx = { state, url, base: `${state.origin}/v1.0`, requestId, clientRequestId: clientRequestId2 };
  try {
    const method = req.method ?? "GET";
    authorize2(state, req, method);
    return { reply: withIds(ctx, route(ctx, method, path, body)) };
  } catch (err) {
    if (!(err instanceof GraphError)) throw err;
    const headers = {};
    if (err.status === 401)
      headers["WWW-Authenticate"] = 'Bearer realm="", authorization_uri="https://login.microsoftonline.com/common/oauth2/authorize", client_id="00000003-0000-0000-c000-000000000000"';
    if (err.status === 405) headers["Allow"] = allowedMethods(path);
    const reply = jsonReply(
      err.status,
      {
        error: {
          code: err.code,
          message: err.message,
          innerError: {
            date: graphTimestamp(state.now()).replace(/Z$/, ""),
            "request-id": requestId,
            "client-request-id": clientRequestId2
          }
        }
      },
      headers
    );
    return { reply: withIds(ctx, reply), error: `${err.code}${err.reason ? `: ${err.reason}` : ""}` };
  }
}
function withIds(ctx, reply) {
  return {
    ...reply,
    headers: { ...reply.headers, "request-id": ctx.requestId, "client-request-id": ctx.clientRequestId }
  };
}
function headerValue(req, name) {
  const value = req.headers[name];
  const first = Array.isArray(value) ? value[0] : value;
  return first && /^[\w.-]{1,128}$/.test(first) ? first : void 0;
}
function authorize2(state, req, method) {
  const check = checkBearer(state, req, GRAPH_AUDIENCES);
  if (!check.ok) {
    switch (check.problem) {
      case "missing":
        throw new GraphError(401, "InvalidAuthenticationToken", "Access token is empty.");
      case "audience":
        throw new GraphError(
          401,
          "InvalidAuthenticationToken",
          "Access token validation failure. Invalid audience.",
          `aud '${check.audience}'`
        );
      case "expired":
        throw new GraphError(401, "InvalidAuthenticationToken", "Lifetime validation failed, the token is expired.");
      default:
        throw new GraphError(401, "InvalidAuthenticationToken", "Access token validation failure.", check.detail);
    }
  }
  const granted = tokenPermissions(check.claims);
  const write = method !== "GET";
  const ok = write ? granted.has(WRITE_PERMISSION.toLowerCase()) : READ_PERMISSIONS.some((p) => granted.has(p));
  if (!ok)
    throw new GraphError(
      403,
      "Authorization_RequestDenied",
      "Insufficient privileges to complete the operation.",
      `the token lacks ${write ? WRITE_PERMISSION : "Application.Read.All"}`
    );
}
function allowedMethods(path) {
  switch (path.kind) {
    case "applications":
    case "servicePrincipals":
    case "fics":
      return "GET, POST";
    case "fic":
      return "GET, PATCH, DELETE";
    default:
      return "GET";
  }
}
function notAllowed() {
  return new GraphError(405, "Request_BadRequest", "Specified HTTP method is not allowed for the request target.");
}
function route(ctx, method, path, body) {
  const { state } = ctx;
  const directory = state.directory;
  if (!allowedMethods(path).split(", ").includes(method)) throw notAllowed();
  switch (path.kind) {
    case "unknown":
      throw new GraphError(400, "BadRequest", `Resource not found for the segment '${path.segment}'.`);
    case "applications": {
      if (method === "POST") {
        const fields = readApplication(parseBody(body));
        const app = directory.createApp(fields);
        return entity(ctx, 201, "applications", applicationJson(state, app), {
          Location: `${ctx.base}/applications/${app.objectId}`
        });
      }
      const filter = compileFilter(ctx, "Application", { appId: "guid", displayName: "text", id: "guid" });
      const apps = directory.listApps().filter((a) => filter({ appId: a.clientId, displayName: a.displayName ?? "", id: a.objectId }));
      return collection(
        ctx,
        "applications",
        apps.map((a) => applicationJson(state, a))
      );
    }
    case "application":
      return entity(ctx, 200, "applications", applicationJson(state, findApp(ctx, path.app)));
    case "fics": {
      const app = findApp(ctx, path.app);
      const context = `applications('${app.objectId}')/federatedIdentityCredentials`;
      if (method === "POST") {
        const fic = directory.addFic(app, readFic(parseBody(body)));
        return entity(ctx, 201, context, ficJson(fic), {
          Location: `${ctx.base}/applications/${app.objectId}/federatedIdentityCredentials/${fic.id}`
        });
      }
      const filter = compileFilter(ctx, "FederatedIdentityCredential", { issuer: "exact", subject: "exact" });
      const fics = app.federatedCredentials.filter((f) => filter({ issuer: f.issuer, subject: f.subject }));
      return collection(ctx, context, fics.map(ficJson));
    }
    case "fic": {
      const app = findApp(ctx, path.app);
      const fic = app.federatedCredentials.find((f) => f.id === path.ficId.toLowerCase() || f.name === path.ficId);
      if (!fic) throw notFound(path.ficId);
      if (method === "DELETE") {
        directory.removeFic(app, fic);
        return { status: 204, body: "" };
      }
      if (method === "PATCH") {
        directory.updateFic(app, fic, readFicChanges(parseBody(body), fic));
        return { status: 204, body: "" };
      }
      return entity(ctx, 200, `applications('${app.objectId}')/federatedIdentityCredentials`, ficJson(fic));
    }
    case "servicePrincipals": {
      if (method === "POST") {
        const sp = directory.createServicePrincipal(readServicePrincipal(parseBody(body)));
        return entity(ctx, 201, "servicePrincipals", servicePrincipalJson(state, sp), {
          Location: `${ctx.base}/servicePrincipals/${sp.id}`
        });
      }
      const filter = compileFilter(ctx, "ServicePrincipal", { appId: "guid", displayName: "text", id: "guid" });
      const sps = directory.listServicePrincipals().filter((s) => filter({ appId: s.appId, displayName: s.displayName, id: s.id }));
      return collection(
        ctx,
        "servicePrincipals",
        sps.map((s) => servicePrincipalJson(state, s))
      );
    }
    case "servicePrincipal": {
      const sp = directory.listServicePrincipals().find((s) => s.id === path.id.toLowerCase());
      if (!sp) throw notFound(path.id);
      return entity(ctx, 200, "servicePrincipals", servicePrincipalJson(state, sp));
    }
  }
}
function notFound(id) {
  return new GraphError(
    404,
    "Request_ResourceNotFound",
    `Resource '${id}' does not exist or one of its queried reference-property objects are not present.`
  );
}
function findApp(ctx, key) {
  const app = key.by === "appId" ? ctx.state.directory.findApp(key.value) : ctx.state.directory.findAppByObjectId(key.value);
  if (!app) throw notFound(key.value);
  return app;
}
function compileFilter(ctx, resource, properties) {
  const text = ctx.url.searchParams.get("$filter");
  if (text === null) return () => true;
  let clauses;
  try {
    clauses = parseFilter(text);
  } catch (err) {
    if (err instanceof FilterSyntaxError)
      throw new GraphError(400, "BadRequest", `Invalid filter clause: ${err.message}.`);
    throw err;
  }
  const tests = clauses.map((clause) => {
    const property = clause.kind === "eq" ? clause.property : clause.name;
    const comparison = properties[property];
    if (clause.kind !== "eq" || comparison === void 0)
      throw new GraphError(
        400,
        "Request_UnsupportedQuery",
        `Unsupported or invalid query filter clause specified for property '${property}' of resource '${resource}'.`
      );
    return (values) => {
      const actual = values[property] ?? "";
      return comparison === "exact" ? actual === clause.value : actual.toLowerCase() === clause.value.toLowerCase();
    };
  });
  return (values) => tests.every((t) => t(values));
}
function selected(ctx, type, json) {
  const text = ctx.url.searchParams.get("$select");
  if (text === null || text.trim() === "") return { fields: void 0, json };
  const fields = text.split(",").map((f) => f.trim()).filter(Boolean);
  for (const f of fields)
    if (!(f in json))
      throw new GraphError(
        400,
        "BadRequest",
        `Could not find a property named '${f}' on type 'microsoft.graph.${type}'.`
      );
  return { fields, json: Object.fromEntries(fields.map((f) => [f, json[f]])) };
}
function typeOf(context) {
  if (context.endsWith("federatedIdentityCredentials")) return "federatedIdentityCredential";
  return context === "servicePrincipals" ? "servicePrincipal" : "application";
}
function collection(ctx, context, items) {
  const { fields } = selected(ctx, typeOf(context), sample(typeOf(context)));
  const value = fields ? items.map((item) => Object.fromEntries(fields.map((f) => [f, item[f]]))) : items;
  const suffix = fields ? `(${fields.join(",")})` : "";
  return jsonReply(200, { "@odata.context": `${ctx.base}/$metadata#${context}${suffix}`, value });
}
function entity(ctx, status, context, item, headers) {
  const { fields, json } = status === 200 ? selected(ctx, typeOf(context), item) : { fields: void 0, json: item };
  const suffix = fields ? `(${fields.join(",")})` : "";
  return jsonReply(status, { "@odata.context": `${ctx.base}/$metadata#${context}${suffix}/$entity`, ...json }, headers);
}
function sample(type) {
  if (type === "federatedIdentityCredential")
    return ficJson({ id: "", name: "", issuer: "", subject: "", audiences: [], description: null });
  return type === "servicePrincipal" ? servicePrincipalJson(void 0, void 0) : applicationJson(void 0, void 0);
}
function parseBody(body) {
  let value;
  try {
    value = JSON.parse(body.toString("utf8"));
  } catch {
    value = void 0;
  }
  if (typeof value !== "object" || value === null || Array.isArray(value))
    throw new GraphError(
      400,
      "BadRequest",
      "Unable to read JSON request payload. Please ensure Content-Type header is set and payload is of valid JSON format."
    );
  return value;
}
function onlyKnown(obj, type, known) {
  for (const key of Object.keys(obj)) {
    if (key.startsWith("@odata.")) continue;
    if (!(key in known))
      throw new GraphError(
        400,
        "BadRequest",
        `Property '${key}' does not exist on type 'microsoft.graph.${type}'. Make sure to only use property names that are defined by the type.`
      );
  }
}
function invalidValue(property, resource) {
  return new GraphError(
    400,
    "Request_BadRequest",
    `Invalid value specified for property '${property}' of resource '${resource}'.`
  );
}
function stringField(obj, key, resource, max = Infinity) {
  const value = obj[key];
  if (typeof value !== "string" || value.trim() === "" || value.length > max) throw invalidValue(key, resource);
  return value;
}
function readApplication(obj) {
  onlyKnown(obj, "application", applicationJson(void 0, void 0));
  const displayName = stringField(obj, "displayName", "Application", 256);
  const uris = obj["identifierUris"] ?? [];
  if (!Array.isArray(uris) || !uris.every((u) => typeof u === "string" && u !== ""))
    throw invalidValue("identifierUris", "Application");
  const description = obj["description"];
  if (description !== void 0 && description !== null && typeof description !== "string")
    throw invalidValue("description", "Application");
  return { displayName, description: description ?? null, identifierUris: uris };
}
function readServicePrincipal(obj) {
  onlyKnown(obj, "servicePrincipal", servicePrincipalJson(void 0, void 0));
  return stringField(obj, "appId", "ServicePrincipal");
}
var FIC = "FederatedIdentityCredential";
var FIC_NAME = /^[A-Za-z0-9][A-Za-z0-9_-]{0,119}$/;
function readAudiences(obj) {
  const audiences = obj["audiences"];
  if (!Array.isArray(audiences) || audiences.length !== 1 || typeof audiences[0] !== "string" || audiences[0] === "" || audiences[0].length > 600)
    throw invalidValue("audiences", FIC);
  return [audiences[0]];
}
function readDescription(obj) {
  const description = obj["description"];
  if (description === void 0 || description === null) return null;
  if (typeof description !== "string" || description.length > 600) throw invalidValue("description", FIC);
  return description;
}
function readFic(obj) {
  onlyKnown(obj, "federatedIdentityCredential", sample("federatedIdentityCredential"));
  const name = stringField(obj, "name", FIC, 120);
  if (!FIC_NAME.test(name)) throw invalidValue("name", FIC);
  return {
    name,
    issuer: stringField(obj, "issuer", FIC, 600),
    subject: stringField(obj, "subject", FIC, 600),
    audiences: readAudiences(obj),
    description: readDescription(obj)
  };
}
function readFicChanges(obj, current) {
  onlyKnown(obj, "federatedIdentityCredential", sample("federatedIdentityCredential"));
  if (obj["name"] !== void 0 && obj["name"] !== current.name)
    throw new GraphError(400, "Request_BadRequest", "The name of a federated identity credential cannot be changed.");
  if (obj["id"] !== void 0 && obj["id"] !== current.id) throw invalidValue("id", FIC);
  const changes = {};
  if (obj["issuer"] !== void 0) changes.issuer = stringField(obj, "issuer", FIC, 600);
  if (obj["subject"] !== void 0) changes.subject = stringField(obj, "subject", FIC, 600);
  if (obj["audiences"] !== void 0) changes.audiences = readAudiences(obj);
  if (obj["description"] !== void 0) changes.description = readDescription(obj);
  return changes;
}
function ficJson(fic) {
  return {
    id: fic.id,
    name: fic.name,
    issuer: fic.issuer,
    subject: fic.subject,
    description: fic.description,
    audiences: [...fic.audiences]
  };
}
function applicationJson(state, app) {
  return {
    id: app?.objectId ?? null,
    deletedDateTime: null,
    appId: app?.clientId ?? null,
    applicationTemplateId: null,
    disabledByMicrosoftStatus: null,
    createdDateTime: app?.createdDateTime ?? null,
    displayName: app?.displayName ?? null,
    description: app?.description ?? null,
    groupMembershipClaims: null,
    identifierUris: app ? [...app.identifierUris] : [],
    isDeviceOnlyAuthSupported: null,
    isFallbackPublicClient: null,
    nativeAuthenticationApisEnabled: null,
    notes: null,
    publisherDomain: state?.tenantDomains[0] ?? null,
    serviceManagementReference: null,
    signInAudience: "AzureADMyOrg",
    tags: [],
    tokenEncryptionKeyId: null,
    uniqueName: null,
    samlMetadataUrl: null,
    defaultRedirectUri: null,
    certification: null,
    optionalClaims: null,
    requestSignatureVerification: null,
    addIns: [],
    api: {
      acceptMappedClaims: null,
      knownClientApplications: [],
      requestedAccessTokenVersion: null,
      oauth2PermissionScopes: [],
      preAuthorizedApplications: []
    },
    appRoles: [],
    info: { logoUrl: null, marketingUrl: null, privacyStatementUrl: null, supportUrl: null, termsOfServiceUrl: null },
    keyCredentials: [],
    parentalControlSettings: { countriesBlockedForMinors: [], legalAgeGroupRule: "Allow" },
    passwordCredentials: [],
    publicClient: { redirectUris: [] },
    requiredResourceAccess: [],
    verifiedPublisher: { displayName: null, verifiedPublisherId: null, addedDateTime: null },
    web: {
      homePageUrl: null,
      logoutUrl: null,
      redirectUris: [],
      implicitGrantSettings: { enableAccessTokenIssuance: false, enableIdTokenIssuance: false },
      redirectUriSettings: []
    },
    spa: { redirectUris: [] }
  };
}
function servicePrincipalJson(state, sp) {
  return {
    id: sp?.id ?? null,
    deletedDateTime: null,
    accountEnabled: true,
    alternativeNames: [],
    appDisplayName: sp?.displayName ?? null,
    appDescription: null,
    appId: sp?.appId ?? null,
    applicationTemplateId: null,
    appOwnerOrganizationId: state?.tenantId ?? null,
    appRoleAssignmentRequired: false,
    createdDateTime: sp?.createdDateTime ?? null,
    description: null,
    disabledByMicrosoftStatus: null,
    displayName: sp?.displayName ?? null,
    homepage: null,
    loginUrl: null,
    logoutUrl: null,
    notes: null,
    notificationEmailAddresses: [],
    preferredSingleSignOnMode: null,
    preferredTokenSigningKeyThumbprint: null,
    replyUrls: [],
    servicePrincipalNames: sp ? [...sp.servicePrincipalNames] : [],
    servicePrincipalType: "Application",
    signInAudience: "AzureADMyOrg",
    tags: [],
    tokenEncryptionKeyId: null,
    info: { logoUrl: null, marketingUrl: null, privacyStatementUrl: null, supportUrl: null, termsOfServiceUrl: null },
    samlSingleSignOnSettings: null,
    addIns: [],
    appRoles: [],
    keyCredentials: [],
    oauth2PermissionScopes: [],
    passwordCredentials: [],
    resourceSpecificApplicationPermissions: [],
    verifiedPublisher: { displayName: null, verifiedPublisherId: null, addedDateTime: null }
  };
}

// src/sandbox/server.ts
var MAX_LOGGED_REQUESTS = 1e4;
var CONTROL_ACTIONS = ["requests", "mint", "faults", "apps", "issuers", "access-token", "grants"];
var GUARDED_ACTIONS = ["mint", "access-token", "grants"];
function route2(pathname) {
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
  if (path === IMDS_TOKEN_PATH) return { target: "imds" };
  if (path === "common/discovery/instance") return { target: "entra-discovery", kind: "instance", tenant: "common" };
  if (first === "v1.0" && rest.length > 0) return { target: "graph", path: graphRoute(rest) };
  const arm = armRoute(`/${path}`);
  if (arm) return { target: "arm", path: arm };
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
  const matched = route2(url.pathname);
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
  if (matched.target !== "control" && matched.target !== "other") {
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
  const ownMethods = ["token", "control", "other", "graph", "arm"];
  if (!ownMethods.includes(matched.target) && method !== "GET") {
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
    case "graph": {
      const outcome = handleGraph(state, req, url, matched.path, body);
      if (outcome.error) entry.error = outcome.error;
      return outcome.reply;
    }
    case "arm": {
      const outcome = handleArm(state, req, url, matched.path, body);
      if (outcome.error) entry.error = outcome.error;
      return outcome.reply;
    }
    case "imds":
      return handleImdsToken(state, req, url);
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
  if (GUARDED_ACTIONS.includes(action)) {
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
      case "access-token": {
        const { resource, opts } = validateAccessTokenRequest(parsed.value, "body");
        return jsonReply(200, { accessToken: mintUserAccessToken(state, resource, opts) });
      }
      case "grants": {
        const id = state.grantRole(validateGrant(parsed.value, "body"));
        return jsonReply(200, { id });
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

// src/sandbox/resources.ts
var DEFAULT_RESOURCES = [
  // Azure Resource Manager (and its classic name), every cloud; the app id GUID.
  "https://management.azure.com",
  "https://management.core.windows.net",
  "https://management.usgovcloudapi.net",
  "https://management.core.usgovcloudapi.net",
  "https://management.chinacloudapi.cn",
  "https://management.core.chinacloudapi.cn",
  "797f4846-ba00-4fd7-ba43-dac1f8f63013",
  // Microsoft Graph, every cloud, and Azure AD Graph.
  "https://graph.microsoft.com",
  "https://graph.microsoft.us",
  "https://dod-graph.microsoft.us",
  "https://microsoftgraph.chinacloudapi.cn",
  "00000003-0000-0000-c000-000000000000",
  "https://graph.windows.net",
  "00000002-0000-0000-c000-000000000000",
  // Key Vault and Managed HSM.
  "https://vault.azure.net",
  "https://vault.usgovcloudapi.net",
  "https://vault.azure.cn",
  "https://managedhsm.azure.net",
  "cfa8b339-82a2-471a-a3c9-0fc0be7a4093",
  // Storage: the common resource and any account endpoint.
  "https://storage.azure.com",
  "e406a681-f3d4-42a8-90b6-c2b029497af1",
  "https://*.blob.core.windows.net",
  "https://*.queue.core.windows.net",
  "https://*.table.core.windows.net",
  "https://*.file.core.windows.net",
  "https://*.dfs.core.windows.net",
  "https://*.blob.core.usgovcloudapi.net",
  "https://*.blob.core.chinacloudapi.cn",
  // Container Registry, Kubernetes (the AKS Entra server app), Azure DevOps.
  "https://containerregistry.azure.net",
  "6dae42f8-4368-4678-94ff-3960e28e3630",
  "499b84ac-1321-427f-aa17-267ca6975798",
  "https://app.vssps.visualstudio.com",
  // Databases: Azure SQL, PostgreSQL/MySQL, Cosmos DB, Redis, Data Explorer.
  "https://database.windows.net",
  "https://database.usgovcloudapi.net",
  "https://database.chinacloudapi.cn",
  "022907d3-0f1b-48f7-badc-1ba6abab6d66",
  "https://ossrdbms-aad.database.windows.net",
  "https://cosmos.azure.com",
  "https://*.documents.azure.com",
  "https://redis.azure.com",
  "https://kusto.kusto.windows.net",
  "https://*.kusto.windows.net",
  // Messaging and events.
  "https://servicebus.azure.net",
  "https://eventhubs.azure.net",
  "https://eventgrid.azure.net",
  // Monitoring, configuration, AI and the rest.
  "https://api.loganalytics.io",
  "https://monitor.azure.com",
  "https://azconfig.io",
  "https://cognitiveservices.azure.com",
  "https://ai.azure.com",
  "https://search.azure.com",
  "https://batch.core.windows.net",
  "https://dev.azuresynapse.net",
  "https://datalake.azure.net",
  "https://digitaltwins.azure.net",
  "https://atlas.microsoft.com",
  "https://analysis.windows.net/powerbi/api"
];
function normalize(resource) {
  return resource.replace(/\/+$/, "").toLowerCase();
}
function patternMatches(pattern, resource) {
  if (!pattern.includes("*")) return pattern === resource;
  const source = pattern.split("*").map((part) => part.replace(/[.+?^${}()|[\]\\]/g, "\\$&")).join("[a-z0-9-]+");
  return new RegExp(`^${source}$`).test(resource);
}
var KnownResources = class {
  patterns;
  constructor(extra) {
    this.patterns = [...DEFAULT_RESOURCES, ...extra].map(normalize);
  }
  add(resource) {
    this.patterns.push(normalize(resource));
  }
  /** Known by URI or pattern, or an app of the tenant by client id, `api://{client id}` or an identifier URI. */
  knows(resource, apps) {
    const wanted = normalize(resource);
    if (this.patterns.some((p) => patternMatches(p, wanted))) return true;
    return apps.some(
      (app) => app.clientId.toLowerCase() === wanted || `api://${app.clientId.toLowerCase()}` === wanted || app.identifierUris.some((uri) => normalize(uri) === wanted)
    );
  }
};

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
    this.directory = new Directory(this.tenantId, () => this.now());
    this.resources = new KnownResources(config.resources ?? []);
    const apps = config.apps?.length ? config.apps : [defaultApp(this.ciIssuer)];
    for (const app of apps) this.upsertApp(app);
    this.defaultClientId = apps[0]?.clientId ?? DEFAULT_CLIENT_ID;
    for (const issuer of config.issuers ?? []) this.upsertIssuer(issuer);
    this.faults.set(config.faults ?? []);
    this.subscriptions = (config.subscriptions ?? [DEFAULT_SUBSCRIPTION_ID]).map((s) => s.toLowerCase());
    this.adminUser = this.directory.ensureUser({
      id: DEFAULT_ADMIN_OBJECT_ID,
      displayName: "Sandbox Admin",
      userPrincipalName: `admin@${this.tenantDomains[0] ?? DEFAULT_TENANT_DOMAIN}`
    });
    for (const subscription of this.subscriptions)
      this.grantRole({ principalId: this.adminUser.id, role: "Owner", scope: `/subscriptions/${subscription}` });
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
  directory;
  rbac = new RoleAssignments();
  resources;
  /** Lower-case subscription GUIDs that exist for ARM. */
  subscriptions;
  adminUser;
  issuers = /* @__PURE__ */ new Map();
  now() {
    return Date.now();
  }
  /** Client ids are GUIDs, which Entra compares case-insensitively. */
  findApp(clientId) {
    return this.directory.findApp(clientId);
  }
  upsertApp(app) {
    return this.directory.upsertConfigApp({
      ...app,
      ...app.federatedCredentials && {
        federatedCredentials: app.federatedCredentials.map((fic) => ({ ...fic, issuer: this.expand(fic.issuer) }))
      }
    });
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
  /** Whether a token request may name this resource (else AADSTS500011). */
  knowsResource(resource) {
    const withServicePrincipal = this.directory.listApps().filter((app) => this.directory.findServicePrincipal(app.clientId) !== void 0);
    return this.resources.knows(resource, withServicePrincipal);
  }
  /**
   * Assigns a role with no authorization check (what an administrator does in the portal).
   * Idempotent: an identical assignment is returned, not duplicated. Returns its ARM id.
   */
  grantRole(grant) {
    const role2 = builtInRole(grant.role) ?? builtInRoleNamed(grant.role);
    if (!role2) throw new SandboxConfigError("role", `'${grant.role}' is not a built-in role the sandbox knows`);
    const parsed = parseScope(grant.scope);
    if ("kind" in parsed) throw new SandboxConfigError("scope", `'${grant.scope}' is not an ARM scope`);
    if (parsed.subscriptionId !== void 0 && !this.subscriptions.includes(parsed.subscriptionId))
      throw new SandboxConfigError(
        "scope",
        `names subscription ${parsed.subscriptionId}, which the sandbox does not have`
      );
    const principal = this.directory.principal(grant.principalId);
    if (!principal)
      throw new SandboxConfigError(
        "principalId",
        `${grant.principalId} is neither a user nor a service principal here`
      );
    const existing = this.rbac.equivalent(parsed.scope, role2.id, grant.principalId);
    const now = armTimestamp(this.now());
    const assignment = existing ?? this.rbac.add({
      name: derivedGuid(`ra:${parsed.scope.toLowerCase()}:${role2.id}:${grant.principalId.toLowerCase()}`),
      scope: parsed.scope,
      roleDefinitionGuid: role2.id,
      principalId: grant.principalId,
      principalType: principal.type,
      description: null,
      createdOn: now,
      updatedOn: now,
      createdBy: null,
      updatedBy: this.adminUser.id
    });
    return `${assignment.scope === "/" ? "" : assignment.scope}/providers/Microsoft.Authorization/roleAssignments/${assignment.name}`;
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
  const subscriptionId = state.subscriptions[0] ?? "";
  const coordinates = () => ({
    authorityHost: origin,
    tenantId: state.tenantId,
    clientId: state.defaultClientId,
    issuer: state.ciIssuer,
    idTokenRequestUrl,
    idTokenRequestToken: state.idTokenRequestToken,
    graphEndpoint: origin,
    armEndpoint: origin,
    subscriptionId,
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
    graphEndpoint: origin,
    armEndpoint: origin,
    subscriptionId,
    adminObjectId: state.adminUser.id,
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
    mintAccessToken: (resource, mintOpts) => {
      if (typeof resource !== "string" || resource === "") throw new Error("mintAccessToken needs a resource");
      return mintUserAccessToken(state, resource, validateMintAccessTokenOptions(mintOpts ?? {}));
    },
    grantRole: (grant) => state.grantRole(validateGrant(grant)),
    addResource: (resource) => {
      if (typeof resource !== "string" || resource === "") throw new Error("addResource needs a resource");
      state.resources.add(resource);
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
