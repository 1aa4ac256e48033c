import {
  formatCommand
} from "./chunk-EKSA5DY3.js";
import {
  exportLine
} from "./chunk-HPLWXO5I.js";
import {
  envHandoff
} from "./chunk-IYKS3YX5.js";
import {
  SESSION_VARIABLE,
  readSession,
  recordSession,
  removeSession,
  restoreSession
} from "./chunk-3JVGJFAK.js";
import "./chunk-V5WGFITT.js";
import {
  ENDPOINT_VALUES
} from "./chunk-NNCEQJ7M.js";
import "./chunk-7MCQKBCW.js";
import "./chunk-YE5USGSE.js";
import "./chunk-LYCLW4XY.js";
import {
  UnsafeFileError,
  openOwnFileNoting
} from "./chunk-W4LGXFMS.js";
import "./chunk-KEKUR6VN.js";
import "./chunk-CXUPN4HS.js";
import {
  quote
} from "./chunk-6I7DYRWY.js";
import {
  FederationError,
  usageError
} from "./chunk-H7K5LTQY.js";
import {
  isGuid
} from "./chunk-3XWB6HIK.js";
import {
  isEmptyCleanup
} from "./chunk-NPLQBTCK.js";
import {
  commandLineOf,
  parentOf
} from "./chunk-4NJR45T6.js";
import "./chunk-Z53PL5H4.js";

// src/handoff/identity-endpoint/job-process.ts
import { readFileSync } from "node:fs";
var LAUNCHER = /(^|[/\\])(npm|npx|pnpm|pnpx|yarn|bunx?|corepack)(-cli)?(\.c?js)?$/;
var SHELL = /(^|\/)(sh|bash|dash|ash|zsh)$/;
function nameOf(pid) {
  try {
    return readFileSync(`/proc/${pid}/comm`, "utf8").trim();
  } catch {
    return void 0;
  }
}
function isLauncher(pid) {
  const argv = commandLineOf(pid) ?? [];
  if (argv.slice(0, 2).some((a) => LAUNCHER.test(a))) return true;
  return SHELL.test(argv[0] ?? "") && argv[1] === "-c" && /^["']?(\S*[/\\])?entra-federate["']?(\s|$)/.test(argv[2] ?? "");
}
function ancestors(pid) {
  const out = [];
  for (let p = parentOf(pid); p !== void 0 && out.length < 32; p = parentOf(p)) out.push(p);
  return out;
}
function jobProcess(env, self = process.pid) {
  if (commandLineOf(self) === void 0) return void 0;
  const chain = ancestors(self);
  if (env["GITHUB_ACTIONS"] === "true") return chain.find((p) => nameOf(p) === "Runner.Worker");
  if (env["TF_BUILD"] === "True") return chain.find((p) => nameOf(p) === "Agent.Worker");
  if (env["CIRCLECI"] === "true") return void 0;
  return chain.find((p) => !isLauncher(p));
}

// src/handoff/variables.ts
import { fstatSync, ftruncateSync, lstatSync, unlinkSync, writeSync } from "node:fs";

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

// src/handoff/variables.ts
function set(env, name) {
  const value = env[name];
  return value === void 0 || value.trim() === "" ? void 0 : value;
}
function variableChannel(exportFile, env, stdout) {
  if (exportFile !== void 0) {
    if (exportFile.trim() === "")
      throw usageError(
        "INVALID_EXPORT_FILE",
        "--export-file is empty.",
        'Give the path of the file to write `export` lines to, e.g. --export-file "$RUNNER_TEMP/azure.env".',
        "export-file"
      );
    if (env["CIRCLECI"] === "true" && exportFile === set(env, "BASH_ENV"))
      return { kind: "shell", path: exportFile, what: "$BASH_ENV", own: false };
    return { kind: "shell", path: exportFile, what: `--export-file ${exportFile}`, own: true };
  }
  if (stdout !== void 0) return { kind: "stdout", what: "stdout", write: stdout };
  const githubEnv = set(env, "GITHUB_ENV");
  if (env["GITHUB_ACTIONS"] === "true" && githubEnv !== void 0)
    return { kind: "github", path: githubEnv, what: "GITHUB_ENV" };
  const bashEnv = set(env, "BASH_ENV");
  if (env["CIRCLECI"] === "true" && bashEnv !== void 0)
    return { kind: "shell", path: bashEnv, what: "$BASH_ENV", own: false };
  return void 0;
}
function writeFailure(channel, err) {
  const code = err.code;
  return new FederationError(
    "EXPORT_FILE_WRITE_FAILED",
    `Could not write to ${channel.what} (${channel.path})${typeof code === "string" ? `: ${code}` : ""}.`,
    {
      remedy: channel.kind === "shell" && channel.own ? "Give --export-file a path in a directory the job can write, that is not a link." : `Do not override ${channel.what}; the CI sets it.`,
      usage: true,
      cause: err
    }
  );
}
function openChannelFile(channel) {
  try {
    return openOwnFileNoting(channel.path, { access: "append", secret: channel.own });
  } catch (err) {
    if (!(err instanceof UnsafeFileError)) throw writeFailure(channel, err);
    if (!["UNSAFE_FILE", "ELOOP", "ENXIO"].includes(err.code)) throw writeFailure(channel, err);
    const modeOnly = err.mode !== void 0 && err.reason.includes("by other users");
    throw usageError(
      "INSECURE_EXPORT_FILE",
      `${channel.own ? "The --export-file" : channel.what} ${quote(channel.path)} ${err.reason}, and it would receive credentials.`,
      channel.own ? modeOnly ? `Run \`chmod 600 ${channel.path}\`, or give a path that does not exist yet.` : "Give --export-file a path that does not exist yet, in a directory only this user can write (e.g. under $RUNNER_TEMP or `mktemp -d`)." : `${channel.what} must be a regular file of the job's user that no one else can write; check how the job sets it.`,
      channel.own ? "export-file" : void 0
    );
  }
}
function openVariables(channel) {
  if (channel.kind === "stdout") {
    let held = "";
    return {
      setEnv(name, value) {
        held += exportLine(name, value);
      },
      flush() {
        channel.write(held);
        held = "";
      },
      // Nothing reached stdout yet: what was held is dropped.
      rollback() {
        held = "";
      }
    };
  }
  if (channel.kind === "github") {
    return {
      flush: () => void 0,
      setEnv(name, value) {
        try {
          appendEntry(channel.path, name, value);
        } catch (err) {
          throw writeFailure(channel, err);
        }
      },
      rollback: () => void 0
    };
  }
  const { fd, created } = openChannelFile(channel);
  const sizeAtOpen = fstatSync(fd).size;
  return {
    flush: () => void 0,
    setEnv(name, value) {
      const line = exportLine(name, value);
      try {
        writeSync(fd, line);
      } catch (err) {
        throw writeFailure(channel, err);
      }
    },
    rollback() {
      try {
        const opened = fstatSync(fd);
        if (created) {
          const now = lstatSync(channel.path);
          if (now.ino === opened.ino && now.dev === opened.dev) unlinkSync(channel.path);
        } else ftruncateSync(fd, sizeAtOpen);
      } catch {
      }
    }
  };
}

// src/entry/shared/handoffs.ts
import { tmpdir } from "node:os";
async function planHandoffs(names, how, options) {
  if (names.every((name) => name === "env")) return { handoffs: names.length === 0 ? [] : [envHandoff], options };
  const { selectHandoffs, withHandoffScopes } = await import("./select-WULWWNY6.js");
  const handoffs = selectHandoffs(
    names,
    how,
    options.scopes.map((s) => s.scope)
  );
  return { handoffs, options: withHandoffScopes(options, handoffs) };
}
async function identityIdleSeconds(handoffs, env) {
  if (!handoffs.some((h) => h.name === "identity-endpoint")) return void 0;
  return (await import("./identity-endpoint-KOVOIJDV.js")).identityIdleTimeout(env);
}
function jobTempDir(env) {
  const runnerTemp = env["RUNNER_TEMP"];
  return runnerTemp !== void 0 && runnerTemp !== "" ? runnerTemp : tmpdir();
}
function toolRunner(env) {
  return async (argv, opts) => (await import("./tool-OLTARY44.js")).runTool(argv, env, { ...opts, timeoutMs: 12e4 });
}

// src/entry/cli/exports.ts
async function planExports(values, io, options) {
  const { env } = io;
  const selection = await planHandoffs(values.export ?? [], { field: "export", fix: "Pass --export with" }, options);
  const { handoffs } = selection;
  const rawSubscription = values["subscription-id"] ?? env["AZURE_SUBSCRIPTION_ID"];
  let subscriptionId;
  if (rawSubscription !== void 0 && rawSubscription.trim() !== "") {
    if (!isGuid(rawSubscription.trim()))
      throw usageError(
        "INVALID_SUBSCRIPTION_ID",
        `The subscription id ${quote(rawSubscription)} is not a GUID.`,
        "Pass the subscription id GUID shown on the subscription's overview page.",
        "subscription-id"
      );
    subscriptionId = rawSubscription.trim().toLowerCase();
  }
  const toStdout = handoffs.some((h) => h.name === "shell") ? (text) => {
    io.stdout.write(text);
  } : void 0;
  const channel = variableChannel(values["export-file"], env, toStdout);
  const needsVariables = handoffs;
  if (channel === void 0 && needsVariables.length > 0) {
    throw usageError(
      "NO_VARIABLES_CHANNEL",
      `--export ${needsVariables.map((h) => h.name).join(", ")} passes variables to later steps, and this CI has no channel entra-federate knows.`,
      "Pass --export-file FILE and run `. FILE` in the shell that runs the tools (GitLab: in the same script).",
      "export-file"
    );
  }
  const idleTimeoutSeconds = await identityIdleSeconds(handoffs, env);
  const writer = channel === void 0 ? void 0 : openVariables(channel);
  const stderr = (line) => {
    io.stderr.write(`${line}
`);
  };
  const onGithub = env["GITHUB_ACTIONS"] === "true";
  const tempDir = jobTempDir(env);
  const sink = {
    setEnv(name, value) {
      if (writer === void 0) throw new Error("no variables channel");
      writer.setEnv(name, value);
    },
    // The runner reads workflow commands from stderr as well; stdout may be --json.
    mask: (value) => {
      if (onGithub && value !== "") stderr(formatCommand("add-mask", {}, value));
    },
    tempDir,
    run: toolRunner(env),
    info: (message) => stderr(`entra-federate: exported for ${message}`),
    warn: (message) => stderr(`entra-federate: warning: ${message}`)
  };
  let identity;
  if (idleTimeoutSeconds !== void 0) {
    const endpointValues = {};
    for (const name of ENDPOINT_VALUES) {
      const value = values[name];
      if (typeof value === "string") endpointValues[name] = value;
    }
    const watchPid = jobProcess(env);
    identity = { values: endpointValues, idleTimeoutSeconds, ...watchPid === void 0 ? {} : { watchPid } };
  }
  let session = env[SESSION_VARIABLE] !== void 0 && env[SESSION_VARIABLE] !== "" ? env[SESSION_VARIABLE] : void 0;
  const earlierSession = session;
  let earlierRecord;
  let announced = session !== void 0;
  return {
    options: selection.options,
    handoffs: {
      handoffs,
      sink,
      onCleanup(cleanup) {
        if (isEmptyCleanup(cleanup)) return;
        if (earlierSession !== void 0 && earlierRecord === void 0) earlierRecord = readSession(earlierSession);
        session = recordSession(session, tempDir, cleanup);
        if (!announced && writer !== void 0) writer.setEnv(SESSION_VARIABLE, session);
        announced = true;
      },
      onRollback() {
        if (session !== void 0) {
          if (earlierSession === void 0) removeSession(session);
          else if (earlierRecord !== void 0) restoreSession(earlierSession, earlierRecord);
        }
        session = earlierSession;
        writer?.rollback();
      },
      ...subscriptionId === void 0 ? {} : { subscriptionId },
      ...identity === void 0 ? {} : { identity }
    },
    finish() {
      writer?.flush();
      if (channel?.kind === "stdout") return;
      if (writer === void 0 && session !== void 0)
        stderr(`entra-federate: to undo: entra-federate logout --session ${session}`);
      else if (channel !== void 0)
        stderr(
          `entra-federate: variables written to ${channel.what}${channel.kind === "shell" && channel.own ? `; run \`. ${channel.path}\` in the shell that runs the tools` : ""}.`
        );
    }
  };
}
export {
  planExports
};
