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

export {
  TOKEN_PATH,
  API_VERSION,
  SECRET_HEADER,
  imdsPath,
  parseTokenRequest,
  tokenBody,
  errorBody
};
