import {
  redact
} from "./chunk-FF3BSGS2.js";

// src/handoff/tool.ts
import { spawn } from "node:child_process";

// src/ci/exec.ts
var MAX_TOKEN_OUTPUT_BYTES = 64 * 1024;
var MAX_STDERR_BYTES = 16 * 1024;
var STDERR_EXCERPT_CHARS = 300;
function scrubStderr(text) {
  const cleaned = redact(text).replace(/\u001b\[[0-9;]*[A-Za-z]/g, "").replace(/[\u0000-\u001f\u007f]+/g, " ").replace(/\s+/g, " ").trim();
  return cleaned.length > STDERR_EXCERPT_CHARS ? `...${cleaned.slice(-STDERR_EXCERPT_CHARS)}` : cleaned;
}

// src/handoff/tool.ts
var MAX_OUTPUT_BYTES = 256 * 1024;
function runTool(argv, jobEnv, opts) {
  const env = {};
  for (const [key, value] of Object.entries(jobEnv)) if (value !== void 0) env[key] = value;
  Object.assign(env, opts.env ?? {});
  const blank = (text) => scrubStderr(redact(text, opts.secrets ?? []));
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
      child = spawn(command, args, { env, shell: false, stdio: ["pipe", "pipe", "pipe"], windowsHide: true });
    } catch (err2) {
      resolve({ ok: false, reason: "spawn", stderr: blank(err2 instanceof Error ? err2.message : String(err2)) });
      return;
    }
    const out = [];
    const err = [];
    let outBytes = 0;
    let errBytes = 0;
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill("SIGKILL");
    }, Math.max(1, opts.timeoutMs));
    child.stdout.on("data", (chunk) => {
      if (outBytes >= MAX_OUTPUT_BYTES) return;
      outBytes += chunk.length;
      out.push(chunk);
    });
    child.stderr.on("data", (chunk) => {
      if (errBytes >= MAX_OUTPUT_BYTES) return;
      errBytes += chunk.length;
      err.push(chunk);
    });
    child.stdin.on("error", () => void 0);
    child.stdin.end(opts.stdin ?? "");
    child.on("error", (e) => {
      finish({ ok: false, reason: e.code === "ENOENT" ? "not-found" : e.code === "EACCES" ? "not-executable" : "spawn", stderr: "" });
    });
    child.on("close", (code) => {
      const stderr = blank(Buffer.concat(err).toString("utf8"));
      if (timedOut) return finish({ ok: false, reason: "timeout", stderr });
      if (code === 0) return finish({ ok: true, stdout: Buffer.concat(out).toString("utf8") });
      if (code === null) return finish({ ok: false, reason: "signal", stderr });
      return finish({ ok: false, reason: "exit", exitCode: code, stderr });
    });
  });
}
function describeToolFailure(command, result) {
  const tail = result.stderr === "" ? "" : `: ${result.stderr}`;
  const program = command.split(" ")[0] ?? command;
  switch (result.reason) {
    case "not-found":
      return `\`${program}\` was not found on PATH`;
    case "not-executable":
      return `\`${program}\` is not executable`;
    case "timeout":
      return `\`${command}\` did not finish in time${tail}`;
    case "signal":
      return `\`${command}\` was killed${tail}`;
    case "spawn":
      return `\`${command}\` could not be started${tail}`;
    case "exit":
      return `\`${command}\` exited with code ${result.exitCode ?? "?"}${tail}`;
  }
}

export {
  runTool,
  describeToolFailure
};
