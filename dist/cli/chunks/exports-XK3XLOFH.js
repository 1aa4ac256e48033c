import {
  SESSION_VARIABLE,
  recordSession
} from "./chunk-5FZJRPM6.js";
import {
  formatCommand
} from "./chunk-EKSA5DY3.js";
import {
  identityIdleTimeout,
  runTool,
  selectHandoffs
} from "./chunk-2XZ2W6CH.js";
import {
  commandLineOf,
  isEmptyCleanup,
  parentOf
} from "./chunk-72HPESNF.js";
import "./chunk-E4FLCOSY.js";
import "./chunk-3CM6PUYR.js";
import {
  FederationError,
  quote,
  usageError
} from "./chunk-YN2HISOE.js";
import {
  isGuid,
  shellQuote
} from "./chunk-2F2SCBCB.js";
import "./chunk-Z53PL5H4.js";

// src/entry/cli/exports.ts
import { tmpdir } from "node:os";

// src/handoff/run.ts
async function runHandoffs(handoffs, context, sink, onCleanup) {
  const exported = /* @__PURE__ */ new Map();
  const endpoint = {};
  const recording = {
    setEnv: (name, value) => {
      sink.setEnv(name, value);
      exported.set(name, value);
    },
    mask: (value) => sink.mask(value),
    tempDir: sink.tempDir,
    run: (argv, opts) => sink.run(argv, opts),
    info: (message) => sink.info(message),
    warn: (message) => sink.warn(message)
  };
  const accessToken = (scope) => {
    const token = context.result.tokens.find((t) => t.scope === scope);
    if (token === void 0) throw new Error(`no token for ${scope} in the login's result`);
    return token;
  };
  for (const handoff of handoffs) {
    const cleanup = await handoff.export({ ...context, exported, accessToken, endpoint }, recording);
    onCleanup(cleanup);
  }
}
function noIdToken(credential) {
  return () => Promise.reject(
    usageError(
      "NO_CI_TOKEN_TO_EXPORT",
      `This login used a ${credential}, so there is no CI token to hand on.`,
      "The env, terraform, kubelogin and az exports pass a CI token on: sign in with the CI's OIDC token, or export only git, acr:<registry> or identity-endpoint.",
      "export"
    )
  );
}

// src/handoff/variables.ts
import { closeSync, constants, fchmodSync, fstatSync, openSync, writeSync } from "node:fs";

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
var NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
function set(env, name) {
  const value = env[name];
  return value === void 0 || value.trim() === "" ? void 0 : value;
}
function variableChannel(exportFile, env) {
  if (exportFile !== void 0) {
    if (exportFile.trim() === "")
      throw usageError(
        "INVALID_EXPORT_FILE",
        "--export-file is empty.",
        'Give the path of the file to write `export` lines to, e.g. --export-file "$RUNNER_TEMP/azure.env".',
        "export-file"
      );
    return { kind: "shell", path: exportFile, what: `--export-file ${exportFile}`, own: true };
  }
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
function openOwnFile(path) {
  const base = constants.O_WRONLY | constants.O_APPEND | (constants.O_NOFOLLOW ?? 0);
  try {
    const fd2 = openSync(path, base | constants.O_CREAT | constants.O_EXCL, 384);
    fchmodSync(fd2, 384);
    return fd2;
  } catch (err) {
    if (err.code !== "EEXIST") throw err;
  }
  const fd = openSync(path, base);
  const stat = fstatSync(fd);
  if (!stat.isFile() || (stat.mode & 63) !== 0) {
    closeSync(fd);
    throw usageError(
      "INSECURE_EXPORT_FILE",
      `The --export-file ${quote(path)} ${stat.isFile() ? `can be read or written by other users (mode ${(stat.mode & 511).toString(8)})` : "is not a regular file"}, and it will hold credentials.`,
      `Run \`chmod 600 ${path}\`, or give a path that does not exist yet.`,
      "export-file"
    );
  }
  return fd;
}
function openVariables(channel) {
  if (channel.kind === "github") {
    return {
      setEnv(name, value) {
        try {
          appendEntry(channel.path, name, value);
        } catch (err) {
          throw writeFailure(channel, err);
        }
      }
    };
  }
  let fd;
  try {
    fd = channel.own ? openOwnFile(channel.path) : openSync(channel.path, constants.O_WRONLY | constants.O_APPEND | constants.O_CREAT, 384);
  } catch (err) {
    if (err instanceof FederationError) throw err;
    throw writeFailure(channel, err);
  }
  return {
    setEnv(name, value) {
      if (!NAME.test(name)) throw new Error(`invalid variable name ${JSON.stringify(name)}`);
      try {
        writeSync(fd, `export ${name}=${shellQuote(value)}
`);
      } catch (err) {
        throw writeFailure(channel, err);
      }
    }
  };
}

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

// src/entry/cli/exports.ts
var ENDPOINT_FLAGS = [
  "client-id",
  "tenant-id",
  "audience",
  "cloud",
  "authority-host",
  "provider",
  "id-token-file",
  "id-token-env",
  "certificate",
  "certificate-alg",
  "timeout",
  "policy",
  "audit-log"
];
function planExports(values, env) {
  const handoffs = selectHandoffs(values.export ?? [], { field: "export", fix: "Pass --export with" });
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
  const channel = variableChannel(values["export-file"], env);
  const needsVariables = handoffs.filter((h) => !h.name.startsWith("acr:"));
  if (channel === void 0 && needsVariables.length > 0) {
    throw usageError(
      "NO_VARIABLES_CHANNEL",
      `--export ${needsVariables.map((h) => h.name).join(", ")} passes variables to later steps, and this CI has no channel entra-federate knows.`,
      "Pass --export-file FILE and run `. FILE` in the shell that runs the tools (GitLab: in the same script).",
      "export-file"
    );
  }
  const idle = handoffs.some((h) => h.name === "identity-endpoint") ? identityIdleTimeout(env) : void 0;
  return {
    handoffs,
    ...channel === void 0 ? {} : { channel, writer: openVariables(channel) },
    ...subscriptionId === void 0 ? {} : { subscriptionId },
    ...idle === void 0 ? {} : { idleTimeoutSeconds: idle }
  };
}
async function runExports(plan, run) {
  const { env, credential } = run;
  const stderr = (line) => {
    process.stderr.write(`${line}
`);
  };
  const writer = plan.writer;
  const onGithub = env["GITHUB_ACTIONS"] === "true";
  const tempDir = env["RUNNER_TEMP"] !== void 0 && env["RUNNER_TEMP"] !== "" ? env["RUNNER_TEMP"] : tmpdir();
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
    run: (argv, opts) => runTool(argv, env, { ...opts, timeoutMs: 12e4 }),
    info: (message) => stderr(`entra-federate: exported for ${message}`),
    warn: (message) => stderr(`entra-federate: warning: ${message}`)
  };
  const endpointValues = {};
  for (const name of ENDPOINT_FLAGS) {
    const value = run.values[name];
    if (typeof value === "string") endpointValues[name] = value;
  }
  const watchPid = jobProcess(env);
  const identity = plan.idleTimeoutSeconds === void 0 ? void 0 : {
    values: endpointValues,
    idleTimeoutSeconds: plan.idleTimeoutSeconds,
    ...watchPid === void 0 ? {} : { watchPid }
  };
  const source = credential.source;
  let session = env[SESSION_VARIABLE] !== void 0 && env[SESSION_VARIABLE] !== "" ? env[SESSION_VARIABLE] : void 0;
  let announced = session !== void 0;
  await runHandoffs(
    plan.handoffs,
    {
      result: run.result,
      // The hand-off contract: every CI token it is given is already masked.
      idToken: source.kind === "federated" ? async (audience) => {
        const token = await source.idToken(audience);
        sink.mask(token);
        return token;
      } : noIdToken(source.kind),
      ...plan.subscriptionId === void 0 ? {} : { subscriptionId: plan.subscriptionId },
      env,
      ...source.kind === "federated" && credential.provider !== void 0 ? { provider: credential.provider.name } : {},
      http: run.http,
      ...identity === void 0 ? {} : { identity }
    },
    sink,
    (cleanup) => {
      if (isEmptyCleanup(cleanup)) return;
      session = recordSession(session, tempDir, cleanup);
      if (!announced && writer !== void 0) writer.setEnv(SESSION_VARIABLE, session);
      announced = true;
    }
  );
  if (writer === void 0 && session !== void 0)
    stderr(`entra-federate: to undo: entra-federate logout --session ${session}`);
  else if (plan.channel !== void 0)
    stderr(
      `entra-federate: variables written to ${plan.channel.what}${plan.channel.kind === "shell" && plan.channel.own ? `; run \`. ${plan.channel.path}\` in the shell that runs the tools` : ""}.`
    );
}
export {
  planExports,
  runExports
};
