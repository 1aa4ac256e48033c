import {
  writeSecureFile
} from "./chunk-V5WGFITT.js";
import {
  decodeJwt,
  numericClaim
} from "./chunk-6I7DYRWY.js";
import {
  FederationError
} from "./chunk-H7K5LTQY.js";
import {
  isoTime
} from "./chunk-3XWB6HIK.js";

// src/handoff/env.ts
import { unlinkSync } from "node:fs";
var TOKEN_FILE_PREFIX = "entra-federate-";
var TOKEN_FILE_SUFFIX = ".jwt";
function exportManagedIdentity(request, sink) {
  const { result, subscriptionId } = request;
  const id = result.managedIdentity?.userAssignedClientId;
  if (id !== void 0) sink.setEnv("AZURE_CLIENT_ID", id);
  sink.setEnv("AZURE_TENANT_ID", result.tenantId);
  if (subscriptionId !== void 0) sink.setEnv("AZURE_SUBSCRIPTION_ID", subscriptionId);
  sink.renewal?.({ handoff: "env", renews: true, until: "the machine keeps its managed identity" });
  sink.info(
    `env: ${id === void 0 ? "" : "AZURE_CLIENT_ID, "}AZURE_TENANT_ID${subscriptionId === void 0 ? "" : ", AZURE_SUBSCRIPTION_ID"} (no token file: the SDKs' ManagedIdentityCredential asks the ${id === void 0 ? "system-assigned" : "user-assigned"} managed identity itself); renews: the SDKs get fresh tokens from it for as long as the machine has it.`
  );
  return { files: [] };
}
var envHandoff = {
  name: "env",
  async export(request, sink) {
    const { result, idToken, subscriptionId } = request;
    if (result.managedIdentity !== void 0) return exportManagedIdentity(request, sink);
    const token = await idToken(result.audience);
    let file;
    try {
      file = writeSecureFile(sink.tempDir, TOKEN_FILE_PREFIX, TOKEN_FILE_SUFFIX, token);
    } catch (err) {
      const code = err.code;
      throw new FederationError(
        "TOKEN_FILE_WRITE_FAILED",
        `Could not create the federated token file in ${sink.tempDir}${typeof code === "string" ? ` (${code})` : ""}.`,
        {
          remedy: "The runner's temporary directory (RUNNER_TEMP) must exist and be writable by the job's user.",
          cause: err
        }
      );
    }
    try {
      sink.setEnv("AZURE_CLIENT_ID", result.clientId);
      sink.setEnv("AZURE_TENANT_ID", result.tenantId);
      sink.setEnv("AZURE_AUTHORITY_HOST", result.authorityHost);
      if (subscriptionId !== void 0) sink.setEnv("AZURE_SUBSCRIPTION_ID", subscriptionId);
      sink.setEnv("AZURE_FEDERATED_TOKEN_FILE", file);
    } catch (err) {
      unlinkSync(file);
      throw err;
    }
    const renewal = tokenFileRenewal(request, token);
    sink.renewal?.({ handoff: "env", renews: renewal.renews, until: renewal.until });
    sink.info(
      `env: AZURE_CLIENT_ID, AZURE_TENANT_ID, AZURE_AUTHORITY_HOST${subscriptionId === void 0 ? "" : ", AZURE_SUBSCRIPTION_ID"}, AZURE_FEDERATED_TOKEN_FILE; ${renewal.words}.`
    );
    return { files: [file] };
  }
};

// src/handoff/token-file.ts
var TOKEN_FILE_VARIABLES = ["AZURE_FEDERATED_TOKEN_FILE", "ARM_OIDC_TOKEN_FILE_PATH"];
async function ciTokenFile(request, sink) {
  for (const name of TOKEN_FILE_VARIABLES) {
    const existing = request.exported.get(name);
    if (existing !== void 0) return { path: existing, created: false };
  }
  const token = await request.idToken(request.result.audience);
  try {
    return { path: writeSecureFile(sink.tempDir, TOKEN_FILE_PREFIX, TOKEN_FILE_SUFFIX, token), created: true };
  } catch (err) {
    const code = err.code;
    throw new FederationError(
      "TOKEN_FILE_WRITE_FAILED",
      `Could not create the federated token file in ${sink.tempDir}${typeof code === "string" ? ` (${code})` : ""}.`,
      {
        remedy: "The temporary directory (RUNNER_TEMP, or TMPDIR outside GitHub) must exist and be writable by the job's user.",
        cause: err
      }
    );
  }
}
function ciTokenExpiry(token) {
  try {
    const exp = numericClaim(decodeJwt(token).claims, "exp");
    return exp === void 0 ? void 0 : exp * 1e3;
  } catch {
    return void 0;
  }
}
function tokenFileRenewal(request, token) {
  if (request.identity !== void 0)
    return {
      renews: true,
      until: "the identity endpoint stops (with the job)",
      words: "renews: the identity endpoint keeps the token file fresh for the rest of the job"
    };
  const expiry = token === void 0 ? void 0 : ciTokenExpiry(token);
  const until = expiry === void 0 ? "the CI token expires" : isoTime(expiry);
  return {
    renews: false,
    until,
    words: `does not renew: the token file holds a CI token valid until ${until} (each sign-in with it gives about an hour); export identity-endpoint too for long jobs`
  };
}

export {
  TOKEN_FILE_VARIABLES,
  ciTokenFile,
  ciTokenExpiry,
  tokenFileRenewal,
  envHandoff
};
