import {
  TOKEN_PATH,
  imdsPath
} from "./chunk-3QZMS7PH.js";
import {
  TOKEN_FILE_VARIABLES
} from "./chunk-IYKS3YX5.js";
import {
  selfCommand
} from "./chunk-IVFXZQ6R.js";
import {
  quote
} from "./chunk-6I7DYRWY.js";
import {
  FederationError,
  usageError
} from "./chunk-H7K5LTQY.js";
import {
  STATE_FILE_PREFIX,
  stopEndpoint
} from "./chunk-4NJR45T6.js";

// src/handoff/identity-endpoint.ts
import { randomBytes } from "node:crypto";
import { join } from "node:path";

// src/handoff/identity-endpoint/launch.ts
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
var START_TIMEOUT_MS = 15e3;
function endpointEntry(from = import.meta.url) {
  for (const relative of ["../identity/index.js", "../../identity/index.js"]) {
    const path = fileURLToPath(new URL(relative, from));
    if (existsSync(path)) return path;
  }
  throw new FederationError(
    "IDENTITY_ENDPOINT_FAILED",
    "The identity endpoint's program (dist/identity/index.js) is missing from this installation.",
    {
      remedy: "Reinstall entra-federate, or use a release whose dist/ includes identity/index.js."
    }
  );
}
function launchEndpoint(config, env, command = selfCommand("identity-endpoint", () => endpointEntry())) {
  const [file, ...args] = command;
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, {
      detached: true,
      env,
      stdio: ["pipe", "pipe", "ignore"],
      windowsHide: true
    });
    let out = "";
    let settled = false;
    const settle = (fn) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      child.stdout.destroy();
      child.stdin.destroy();
      child.unref();
      fn();
    };
    const failed = (message) => new FederationError("IDENTITY_ENDPOINT_FAILED", `The identity endpoint did not start: ${message}.`, {
      remedy: "Re-run with the same inputs; if it persists, report it with the step's log (it holds no token)."
    });
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      settle(() => reject(failed(`no answer within ${START_TIMEOUT_MS / 1e3} s`)));
    }, START_TIMEOUT_MS);
    child.on("error", (err) => settle(() => reject(failed(err.message))));
    child.on(
      "close",
      (code) => settle(() => reject(failed(`it exited with code ${code ?? "null"} before it was ready`)))
    );
    child.stdout.setEncoding("utf8").on("data", (chunk) => {
      out += chunk;
      const nl = out.indexOf("\n");
      if (nl < 0) return;
      let ready;
      try {
        ready = JSON.parse(out.slice(0, nl));
      } catch {
        settle(() => reject(failed("it answered something that is not its ready line")));
        return;
      }
      if (ready.ok) {
        settle(() => resolve({ pid: ready.pid, port: ready.port }));
      } else {
        const e = ready.error;
        settle(
          () => reject(FederationError.restate({ code: e.code, usage: e.usage === true }, e.message, { remedy: e.remedy }))
        );
      }
    });
    child.stdin.on("error", () => void 0);
    child.stdin.end(`${JSON.stringify(config)}
`);
  });
}

// src/handoff/identity-endpoint.ts
var IDENTITY_VARIABLES = ["IDENTITY_ENDPOINT", "IDENTITY_HEADER"];
var DEFAULT_IDLE_SECONDS = 7200;
function identityIdleTimeout(env) {
  const raw = env["ENTRA_FEDERATE_IDENTITY_IDLE_TIMEOUT"];
  if (raw === void 0 || raw.trim() === "") return DEFAULT_IDLE_SECONDS;
  const seconds = Number(raw.trim());
  if (!Number.isInteger(seconds) || seconds < 1 || seconds > 86400) {
    throw usageError(
      "INVALID_IDLE_TIMEOUT",
      `ENTRA_FEDERATE_IDENTITY_IDLE_TIMEOUT is ${quote(raw)}, not a whole number of seconds from 1 to 86400.`,
      "Set it to the seconds the identity endpoint may stay without a request, e.g. 3600, or unset it (default 7200).",
      "ENTRA_FEDERATE_IDENTITY_IDLE_TIMEOUT"
    );
  }
  return seconds;
}
function duration(seconds) {
  return seconds % 3600 === 0 ? `${seconds / 3600} h` : seconds % 60 === 0 ? `${seconds / 60} min` : `${seconds} s`;
}
function identityEndpointHandoff(opts = {}) {
  return {
    name: "identity-endpoint",
    export: (request, sink) => startEndpoint(request, sink, opts.imds?.(request) === true)
  };
}
async function startEndpoint(request, sink, imds) {
  const launch = request.identity;
  if (launch === void 0) {
    throw usageError(
      "IDENTITY_ENDPOINT_UNAVAILABLE",
      "This entry point cannot start the identity endpoint.",
      "Use the `entra-federate login` command or the GitHub Action for identity-endpoint.",
      "export"
    );
  }
  const secret = randomBytes(32).toString("hex");
  sink.mask(secret);
  const capability = imds ? randomBytes(32).toString("base64url") : void 0;
  if (capability !== void 0) sink.mask(capability);
  const stateFile = join(sink.tempDir, `${STATE_FILE_PREFIX}${randomBytes(8).toString("hex")}.json`);
  const tokenFiles = [
    ...new Set(
      TOKEN_FILE_VARIABLES.map((name) => request.exported.get(name)).filter((f) => f !== void 0)
    )
  ];
  const env = {};
  for (const [key, value] of Object.entries(request.env)) if (value !== void 0) env[key] = value;
  delete env["GITHUB_STEP_SUMMARY"];
  const { pid, port } = await launchEndpoint(
    {
      version: 1,
      values: launch.values,
      secret,
      ...capability === void 0 ? {} : { capability },
      stateFile,
      tokenFiles,
      ...launch.watchPid === void 0 ? {} : { watchPid: launch.watchPid },
      idleTimeoutSeconds: launch.idleTimeoutSeconds
    },
    env
  );
  const endpoint = `http://127.0.0.1:${port}${TOKEN_PATH}`;
  try {
    sink.setEnv("IDENTITY_ENDPOINT", endpoint);
    sink.setEnv("IDENTITY_HEADER", secret);
  } catch (err) {
    await stopEndpoint(stateFile);
    throw err;
  }
  const ends = launch.watchPid === void 0 ? `at cleanup or after ${duration(launch.idleTimeoutSeconds)} without a request` : `with the job, at cleanup, or after ${duration(launch.idleTimeoutSeconds)} without a request`;
  request.endpoint.running = {
    url: endpoint,
    secret,
    ends,
    ...capability === void 0 ? {} : { imdsUrl: `http://127.0.0.1:${port}${imdsPath(capability)}` }
  };
  sink.renewal?.({ handoff: "identity-endpoint", renews: true, until: `it stops ${ends}` });
  sink.info(
    `identity-endpoint: IDENTITY_ENDPOINT=${endpoint} (pid ${pid}) serves fresh tokens to ManagedIdentityCredential / DefaultAzureCredential${tokenFiles.length === 0 ? "" : ` and keeps ${tokenFiles.join(", ")} fresh`}; renews them until it stops ${ends}.`
  );
  return { files: [], endpoints: [stateFile] };
}

export {
  IDENTITY_VARIABLES,
  identityIdleTimeout,
  identityEndpointHandoff
};
