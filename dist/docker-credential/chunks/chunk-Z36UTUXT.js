// src/handoff/identity-endpoint/state.ts
import { lstatSync, readFileSync as readFileSync2, unlinkSync } from "node:fs";

// src/handoff/identity-endpoint/process.ts
import { readFileSync } from "node:fs";
function procStat(pid) {
  let text;
  try {
    text = readFileSync(`/proc/${pid}/stat`, "utf8");
  } catch {
    return void 0;
  }
  const fields = text.slice(text.lastIndexOf(")") + 2).split(" ");
  const ppid = Number(fields[1]);
  return { state: fields[0] ?? "", ppid: Number.isInteger(ppid) ? ppid : 0 };
}
function isAlive(pid) {
  if (!Number.isInteger(pid) || pid <= 1) return false;
  try {
    process.kill(pid, 0);
  } catch (err) {
    if (err.code !== "EPERM") return false;
  }
  return procStat(pid)?.state !== "Z";
}
function parentOf(pid) {
  const ppid = procStat(pid)?.ppid;
  return ppid === void 0 || ppid <= 1 ? void 0 : ppid;
}
function commandLineOf(pid) {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").filter((a) => a !== "");
  } catch {
    return void 0;
  }
}

// src/handoff/identity-endpoint/state.ts
var STATE_FILE_PREFIX = "entra-federate-identity-";
function readEndpointState(path) {
  try {
    if (!lstatSync(path).isFile()) return void 0;
    const parsed = JSON.parse(readFileSync2(path, "utf8"));
    if (typeof parsed.pid !== "number" || typeof parsed.port !== "number" || typeof parsed.entry !== "string")
      return void 0;
    return { pid: parsed.pid, port: parsed.port, entry: parsed.entry, startedAt: String(parsed.startedAt ?? "") };
  } catch {
    return void 0;
  }
}
var sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
async function waitForExit(pid, ms) {
  for (const end = Date.now() + ms; Date.now() < end; await sleep(25)) if (!isAlive(pid)) return true;
  return !isAlive(pid);
}
async function stopEndpoint(stateFile, graceMs = 3e3) {
  const state = readEndpointState(stateFile);
  let outcome = "not-running";
  if (state !== void 0 && isAlive(state.pid)) {
    const cmdline = commandLineOf(state.pid);
    if (cmdline === void 0 || cmdline.includes(state.entry)) {
      try {
        process.kill(state.pid, "SIGTERM");
        if (!await waitForExit(state.pid, graceMs)) {
          process.kill(state.pid, "SIGKILL");
          await waitForExit(state.pid, 1e3);
        }
        outcome = "stopped";
      } catch (err) {
        if (err.code !== "ESRCH") throw err;
      }
    }
  }
  try {
    unlinkSync(stateFile);
  } catch (err) {
    if (err.code !== "ENOENT") throw err;
  }
  return outcome;
}

export {
  parentOf,
  commandLineOf,
  STATE_FILE_PREFIX,
  stopEndpoint
};
