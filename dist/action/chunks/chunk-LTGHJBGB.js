import {
  runCommand
} from "./chunk-NVALJV73.js";

// src/handoff/tool.ts
var MAX_OUTPUT_BYTES = 256 * 1024;
async function runTool(argv, jobEnv, opts) {
  const result = await runCommand(argv, {
    env: { ...jobEnv, ...opts.env },
    timeoutMs: opts.timeoutMs,
    maxBytes: MAX_OUTPUT_BYTES,
    overflow: "truncate",
    stdin: opts.stdin ?? "",
    secrets: opts.secrets ?? []
  });
  if (result.ok) return result;
  const reason = result.reason === "too-large" ? "exit" : result.reason;
  return {
    ok: false,
    reason,
    stderr: result.stderr,
    ...result.exitCode === void 0 ? {} : { exitCode: result.exitCode }
  };
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
