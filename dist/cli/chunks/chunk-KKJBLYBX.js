import {
  classifyStatus,
  fetchWithRetry,
  parseRetryAfter,
  systemClock
} from "./chunk-KEKUR6VN.js";
import {
  redact
} from "./chunk-CXUPN4HS.js";
import {
  audienceClaim,
  decodeJwt,
  numericClaim,
  stringClaim
} from "./chunk-6I7DYRWY.js";
import {
  FederationError
} from "./chunk-H7K5LTQY.js";
import {
  replaceControlCharacters
} from "./chunk-3XWB6HIK.js";

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

export {
  presentedClaims,
  login
};
