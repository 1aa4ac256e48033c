import {
  FederationError
} from "./chunk-O2OTSBQM.js";

// src/handoff/env.ts
import { unlinkSync as unlinkSync2 } from "node:fs";

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

// src/handoff/env.ts
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
      unlinkSync2(file);
      throw err;
    }
    return { files: [file] };
  }
};

export {
  writeSecureFile,
  TOKEN_FILE_PREFIX,
  TOKEN_FILE_SUFFIX,
  envHandoff
};
