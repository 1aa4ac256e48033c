import {
  FederationError,
  usageError
} from "./chunk-NTCGQ4GM.js";

// src/entry/github/runner.ts
import { appendFileSync as appendFileSync2 } from "node:fs";
import { EOL as EOL2 } from "node:os";

// src/ci/github-workflow-commands.ts
function escapeData(value) {
  return value.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}
function escapeProperty(value) {
  return escapeData(value).replace(/:/g, "%3A").replace(/,/g, "%2C");
}
function formatCommand(name, properties, message) {
  const props = Object.entries(properties).filter((entry) => entry[1] !== void 0 && entry[1] !== "").map(([key, value]) => `${key}=${escapeProperty(value)}`).join(",");
  return `::${name}${props === "" ? "" : ` ${props}`}::${escapeData(message)}`;
}

// src/ci/github-file-commands.ts
import { appendFileSync } from "node:fs";
import { EOL } from "node:os";
var KEY = /^[A-Za-z_][A-Za-z0-9_-]*$/;
function keyValueEntry(key, value, delimiter = `ghadelimiter_${globalThis.crypto.randomUUID()}`) {
  if (!KEY.test(key)) throw new Error(`invalid file-command key ${JSON.stringify(key)}`);
  if (value.includes(delimiter)) throw new Error(`the value of ${key} contains the heredoc delimiter`);
  return `${key}<<${delimiter}${EOL}${value}${EOL}${delimiter}${EOL}`;
}
function appendEntry(file, key, value) {
  appendFileSync(file, keyValueEntry(key, value), { encoding: "utf8" });
}

// src/entry/github/runner.ts
function inputVariable(name) {
  return `INPUT_${name.replace(/ /g, "_").toUpperCase()}`;
}
function isDebug(env) {
  return env["RUNNER_DEBUG"] === "1" || env["ACTIONS_STEP_DEBUG"]?.toLowerCase() === "true";
}
function githubRunner(env, write = (text) => {
  process.stdout.write(text);
}) {
  const line = (text) => write(`${text}${EOL2}`);
  const file = (name) => {
    const path = env[name];
    if (path === void 0 || path === "") {
      throw usageError(
        "NOT_ON_A_RUNNER",
        `${name} is not set, so the step cannot pass anything on.`,
        "Run this action as a `uses:` step on a GitHub Actions runner (2.297.0 or later); locally, use the `entra-federate` CLI.",
        name
      );
    }
    return path;
  };
  const append = (name, key, value) => {
    const path = file(name);
    try {
      appendEntry(path, key, value);
    } catch (err) {
      const code = err.code;
      throw new FederationError(
        "RUNNER_FILE_WRITE_FAILED",
        `Could not append ${key} to the file ${name} names${typeof code === "string" ? ` (${code})` : ""}.`,
        {
          remedy: `${name} must name a file the job's user can write; the runner sets it, so do not override it.`,
          field: name,
          cause: err
        }
      );
    }
  };
  const debugEnabled = isDebug(env);
  return {
    debugEnabled,
    input: (name) => (env[inputVariable(name)] ?? "").trim(),
    mask(value) {
      if (value !== "") line(formatCommand("add-mask", {}, value));
    },
    info: line,
    debug(message) {
      if (debugEnabled) line(formatCommand("debug", {}, message));
    },
    warning: (message) => line(formatCommand("warning", {}, message)),
    error: (message) => line(formatCommand("error", {}, message)),
    setOutput: (name, value) => append("GITHUB_OUTPUT", name, value),
    exportVariable: (name, value) => append("GITHUB_ENV", name, value),
    saveState: (name, value) => append("GITHUB_STATE", name, value),
    state: (name) => env[`STATE_${name}`] ?? "",
    appendSummary(markdown) {
      const path = env["GITHUB_STEP_SUMMARY"];
      if (path !== void 0 && path !== "") appendFileSync2(path, markdown, { encoding: "utf8" });
    },
    requireFiles(names) {
      for (const name of names) file(name);
    }
  };
}

// src/entry/shared/closed-output.ts
function tolerateClosedOutput(...streams) {
  for (const stream of streams) {
    stream.on("error", (err) => {
      if (err.code === "EPIPE" || err.code === "ERR_STREAM_DESTROYED") return;
      throw err;
    });
  }
}

// src/entry/github/state.ts
import { isAbsolute } from "node:path";
var FILES_STATE = "files";
var CLEANUP_STATE = "cleanup";
function filesFromState(raw) {
  if (raw === "") return [];
  let parsed;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return [];
  }
  if (!Array.isArray(parsed)) return [];
  return parsed.filter((f) => typeof f === "string" && isAbsolute(f));
}
function cleanupRecorder(runner) {
  const files = [];
  const rest = {};
  return (cleanup) => {
    if (cleanup.files.length > 0) {
      files.push(...cleanup.files);
      runner.saveState(FILES_STATE, JSON.stringify(files));
    }
    let more = false;
    for (const key of ["dirs", "azConfigDirs", "endpoints", "dockerLogouts"]) {
      const list = cleanup[key];
      if (list === void 0 || list.length === 0) continue;
      rest[key] = [...rest[key] ?? [], ...list];
      more = true;
    }
    if (more) runner.saveState(CLEANUP_STATE, JSON.stringify(rest));
  };
}

export {
  FILES_STATE,
  CLEANUP_STATE,
  filesFromState,
  cleanupRecorder,
  githubRunner,
  tolerateClosedOutput
};
