import {
  redact
} from "./chunk-YTNC6CMW.js";
import {
  collapseControlCharacters
} from "./chunk-4Z7CLUDL.js";

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

export {
  runCommand
};
