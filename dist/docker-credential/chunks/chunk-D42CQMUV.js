import {
  writeSecureFile
} from "./chunk-ZVHJ4SKN.js";
import {
  FederationError
} from "./chunk-Y33T5NR3.js";

// src/handoff/env.ts
import { unlinkSync } from "node:fs";
var TOKEN_FILE_PREFIX = "entra-federate-";
var TOKEN_FILE_SUFFIX = ".jwt";
var envHandoff = {
  name: "env",
  async export({ result, idToken, subscriptionId }, sink) {
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
    return { files: [file] };
  }
};

export {
  TOKEN_FILE_PREFIX,
  TOKEN_FILE_SUFFIX,
  envHandoff
};
