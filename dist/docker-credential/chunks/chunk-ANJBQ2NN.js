// src/handoff/identity-endpoint/protocol.ts
var TOKEN_PATH = "/msi/token";
var IMDS_TOKEN_PATH = "/metadata/identity/oauth2/token";
var API_VERSION = "2019-08-01";
var SECRET_HEADER = "x-identity-header";
function imdsPath(capability) {
  return `/${capability}${IMDS_TOKEN_PATH}`;
}

export {
  TOKEN_PATH,
  API_VERSION,
  SECRET_HEADER,
  imdsPath
};
