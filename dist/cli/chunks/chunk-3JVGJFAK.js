import {
  replaceSecureFile,
  writeSecureFile
} from "./chunk-V5WGFITT.js";
import {
  UnsafeFileError,
  openOwnFile
} from "./chunk-W4LGXFMS.js";
import {
  quote
} from "./chunk-6I7DYRWY.js";
import {
  usageError
} from "./chunk-H7K5LTQY.js";
import {
  cleanupFromJson,
  mergeCleanup
} from "./chunk-NPLQBTCK.js";

// src/handoff/session.ts
import { closeSync, readFileSync, unlinkSync } from "node:fs";
var SESSION_VARIABLE = "ENTRA_FEDERATE_SESSION";
var PREFIX = "entra-federate-session-";
function readSession(path) {
  let text;
  try {
    const fd = openOwnFile(path, { access: "read" });
    try {
      text = readFileSync(fd, "utf8");
    } finally {
      closeSync(fd);
    }
  } catch (err) {
    if (err instanceof UnsafeFileError && err.code === "ENOENT") return { files: [] };
    if (!(err instanceof UnsafeFileError)) throw err;
    throw usageError(
      "UNTRUSTED_SESSION",
      `The session record ${quote(path)} is not a private file of this user: it ${err.reason}.`,
      `It was not written by entra-federate login: check ${SESSION_VARIABLE} and --session.`,
      "session"
    );
  }
  let parsed;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw usageError(
      "UNTRUSTED_SESSION",
      `The session record ${quote(path)} is not JSON.`,
      `Point ${SESSION_VARIABLE} or --session at the file entra-federate login wrote.`,
      "session"
    );
  }
  return cleanupFromJson(JSON.stringify(parsed.cleanup ?? {}));
}
function recordSession(path, tempDir, cleanup) {
  const merged = path === void 0 ? cleanup : mergeCleanup(readSession(path), cleanup);
  const text = JSON.stringify({ version: 1, cleanup: merged });
  if (path === void 0) return writeSecureFile(tempDir, PREFIX, ".json", text);
  replaceSecureFile(path, text);
  return path;
}
function restoreSession(path, cleanup) {
  replaceSecureFile(path, JSON.stringify({ version: 1, cleanup }));
}
function removeSession(path) {
  try {
    unlinkSync(path);
  } catch {
  }
}

export {
  SESSION_VARIABLE,
  readSession,
  recordSession,
  restoreSession,
  removeSession
};
