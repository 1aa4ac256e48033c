import {
  fetchWithRetry,
  redact
} from "./chunk-CUKZXCKI.js";
import {
  FederationError
} from "./chunk-3MCQO5YT.js";
import {
  collapseControlCharacters
} from "./chunk-2F2SCBCB.js";

// src/ci/types.ts
function compactContext(provider, fields) {
  const out = { provider };
  for (const [key, value] of Object.entries(fields)) {
    if (typeof value === "string" && value !== "") out[key] = value;
  }
  return out;
}

// src/ci/github.ts
var GITHUB_PERMISSION_REMEDY = "Add `permissions: id-token: write` to the job or workflow (reusable workflows need it in the caller too). Pull requests from forks never get an ID token: use `pull_request_target` with care, or skip the step for forks.";
function isGithubActions(env) {
  return env["GITHUB_ACTIONS"] === "true";
}
function idTokenUrl(requestUrl, audience) {
  const sep = requestUrl.includes("?") ? "&" : "?";
  return `${requestUrl}${sep}audience=${encodeURIComponent(audience)}`;
}
function githubProvider(deps) {
  const { env, http } = deps;
  return {
    name: "github",
    description: "the GitHub Actions ID-token endpoint",
    async idToken(audience) {
      const url = env["ACTIONS_ID_TOKEN_REQUEST_URL"];
      const bearer = env["ACTIONS_ID_TOKEN_REQUEST_TOKEN"];
      if (url === void 0 || url === "" || bearer === void 0 || bearer === "") {
        const missing = url === void 0 || url === "" ? "ACTIONS_ID_TOKEN_REQUEST_URL" : "ACTIONS_ID_TOKEN_REQUEST_TOKEN";
        throw new FederationError(
          "ID_TOKEN_UNAVAILABLE",
          `GitHub did not give this job an OIDC token: ${missing} is not set.`,
          { remedy: GITHUB_PERMISSION_REMEDY, usage: true, field: missing }
        );
      }
      let target;
      try {
        target = new URL(idTokenUrl(url, audience)).href;
      } catch {
        throw new FederationError("ID_TOKEN_UNAVAILABLE", "ACTIONS_ID_TOKEN_REQUEST_URL is not a URL.", {
          remedy: "Do not override ACTIONS_ID_TOKEN_REQUEST_URL; the runner sets it.",
          usage: true
        });
      }
      const clock = deps.clock;
      const { response } = await fetchWithRetry(
        http,
        () => ({
          method: "GET",
          url: target,
          headers: { authorization: `Bearer ${bearer}`, accept: "application/json" }
        }),
        {
          deadlineAt: (clock?.now() ?? Date.now()) + deps.timeoutMs,
          what: "the GitHub Actions ID-token endpoint",
          ...clock === void 0 ? {} : { clock }
        }
      );
      if (response.status !== 200) {
        const hint = response.status === 401 || response.status === 403 ? "The runner refused the request token: it may have expired (jobs longer than about 6 h), or the job lacks `permissions: id-token: write`." : "GitHub's token service failed; it was retried. Re-run the job, and check https://www.githubstatus.com.";
        throw new FederationError(
          "ID_TOKEN_REQUEST_FAILED",
          `The GitHub Actions ID-token endpoint answered HTTP ${response.status}.`,
          { remedy: hint, status: response.status }
        );
      }
      let value;
      try {
        value = JSON.parse(response.body).value;
      } catch {
        value = void 0;
      }
      if (typeof value !== "string" || value === "") {
        throw new FederationError(
          "ID_TOKEN_REQUEST_FAILED",
          'The GitHub Actions ID-token endpoint answered without a token in "value".',
          { remedy: "Check that ACTIONS_ID_TOKEN_REQUEST_URL is the runner's own (a proxy may be answering)." }
        );
      }
      return value;
    },
    context() {
      const server = env["GITHUB_SERVER_URL"] ?? "https://github.com";
      const repo = env["GITHUB_REPOSITORY"];
      const runId = env["GITHUB_RUN_ID"];
      return compactContext("github", {
        repository: repo,
        ref: env["GITHUB_REF"],
        sha: env["GITHUB_SHA"],
        workflow: env["GITHUB_WORKFLOW"],
        runId,
        runAttempt: env["GITHUB_RUN_ATTEMPT"],
        jobId: env["GITHUB_JOB"],
        actor: env["GITHUB_ACTOR"],
        eventName: env["GITHUB_EVENT_NAME"],
        runUrl: repo !== void 0 && runId !== void 0 ? `${server}/${repo}/actions/runs/${runId}` : void 0
      });
    }
  };
}

// src/ci/exec.ts
import { spawn } from "node:child_process";
var MAX_TOKEN_OUTPUT_BYTES = 64 * 1024;
var MAX_STDERR_BYTES = 16 * 1024;
var STDERR_EXCERPT_CHARS = 300;
function scrubStderr(text) {
  const cleaned = collapseControlCharacters(redact(text).replace(/\u001b\[[0-9;]*[A-Za-z]/g, ""), " ").replace(/\s+/g, " ").trim();
  return cleaned.length > STDERR_EXCERPT_CHARS ? `...${cleaned.slice(-STDERR_EXCERPT_CHARS)}` : cleaned;
}
function runCommand(argv, opts) {
  const maxBytes = opts.maxBytes ?? MAX_TOKEN_OUTPUT_BYTES;
  const env = {};
  for (const [key, value] of Object.entries(opts.env)) if (value !== void 0) env[key] = value;
  const scrub = (text) => scrubStderr(redact(text, opts.secrets ?? []));
  return new Promise((resolve) => {
    let settled = false;
    const finish = (result) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(result);
    };
    const [command, ...args] = argv;
    let child;
    try {
      child = spawn(command, args, {
        env,
        shell: false,
        stdio: [opts.stdin === void 0 ? "ignore" : "pipe", "pipe", "pipe"],
        windowsHide: true
      });
    } catch (err2) {
      resolve({ ok: false, reason: "spawn", stderr: scrub(err2 instanceof Error ? err2.message : String(err2)) });
      return;
    }
    const out = [];
    let outBytes = 0;
    const err = [];
    let errBytes = 0;
    let tooLarge = false;
    let timedOut = false;
    const timer = setTimeout(
      () => {
        timedOut = true;
        child.kill("SIGKILL");
      },
      Math.max(1, opts.timeoutMs)
    );
    child.stdout?.on("data", (chunk) => {
      if (opts.overflow === "truncate") {
        if (outBytes >= maxBytes) return;
        outBytes += chunk.length;
        out.push(chunk);
        return;
      }
      outBytes += chunk.length;
      if (outBytes > maxBytes) {
        tooLarge = true;
        child.kill("SIGKILL");
        return;
      }
      out.push(chunk);
    });
    child.stderr?.on("data", (chunk) => {
      if (errBytes >= MAX_STDERR_BYTES) return;
      errBytes += chunk.length;
      err.push(chunk);
    });
    if (opts.stdin !== void 0 && child.stdin !== null) {
      child.stdin.on("error", () => void 0);
      child.stdin.end(opts.stdin);
    }
    child.on("error", (e) => {
      const reason = e.code === "ENOENT" ? "not-found" : e.code === "EACCES" ? "not-executable" : "spawn";
      finish({ ok: false, reason, stderr: "" });
    });
    child.on("close", (code, signal) => {
      const stderr = scrub(Buffer.concat(err).toString("utf8"));
      if (timedOut) return finish({ ok: false, reason: "timeout", stderr });
      if (tooLarge) return finish({ ok: false, reason: "too-large", stderr });
      if (code === 0) return finish({ ok: true, stdout: Buffer.concat(out).toString("utf8") });
      if (code === null) return finish({ ok: false, reason: "signal", signal: signal ?? "unknown", stderr });
      return finish({ ok: false, reason: "exit", exitCode: code, stderr });
    });
  });
}
function runTokenCommand(argv, opts) {
  return runCommand(argv, opts);
}
function describeFailure(command, result, timeoutMs) {
  const tail = result.stderr === "" ? "" : `: ${result.stderr}`;
  switch (result.reason) {
    case "not-found":
      return `\`${program(command)}\` was not found on PATH`;
    case "not-executable":
      return `\`${program(command)}\` is not executable`;
    case "timeout":
      return `\`${command}\` did not finish within ${Math.round(timeoutMs / 1e3)} s${tail}`;
    case "too-large":
      return `\`${command}\` printed more than ${MAX_TOKEN_OUTPUT_BYTES} bytes, which is not a token`;
    case "signal":
      return `\`${command}\` was killed by ${result.signal ?? "a signal"}${tail}`;
    case "spawn":
      return `\`${command}\` could not be started${tail}`;
    case "exit":
      return `\`${command}\` exited with code ${result.exitCode ?? "?"}${tail}`;
  }
}
function program(command) {
  return command.split(" ")[0] ?? command;
}

export {
  compactContext,
  runCommand,
  runTokenCommand,
  describeFailure,
  isGithubActions,
  idTokenUrl,
  githubProvider
};
