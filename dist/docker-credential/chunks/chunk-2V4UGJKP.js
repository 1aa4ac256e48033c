import {
  FederationError
} from "./chunk-Y33T5NR3.js";

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
var MAX_DATE_SECONDS = 864e10;
function numericClaim(claims, name) {
  const value = claims[name];
  return typeof value === "number" && Math.abs(value) <= MAX_DATE_SECONDS ? value : void 0;
}

export {
  MAX_JWT_LENGTH,
  decodeJwt,
  stringClaim,
  audienceClaim,
  numericClaim
};
