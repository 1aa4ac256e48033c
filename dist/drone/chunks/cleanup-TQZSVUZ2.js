import "./chunk-F7M5GUK3.js";

// src/handoff/cleanup.ts
import { spawnSync } from "node:child_process";
import { existsSync, rmSync, unlinkSync as unlinkSync2 } from "node:fs";
import { basename, isAbsolute } from "node:path";

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
function commandLineOf(pid) {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").filter((a) => a !== "");
  } catch {
    return void 0;
  }
}

// src/handoff/identity-endpoint/state.ts
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

// src/handoff/cleanup.ts
var AZ_CONFIG_DIR_PREFIX = "entra-federate-az-";
var DOCKER_CONFIG_DIR_PREFIX = "entra-federate-docker-";
var PRIVATE_DIR_PREFIXES = [AZ_CONFIG_DIR_PREFIX, DOCKER_CONFIG_DIR_PREFIX];
var TOOL_TIMEOUT_MS = 6e4;
function code(err) {
  const c = err.code;
  return typeof c === "string" ? c : String(err);
}
function toolEnv(env, extra) {
  const out = {};
  for (const [key, value] of Object.entries(env)) if (value !== void 0) out[key] = value;
  return { ...out, ...extra };
}
function signOut(argv, env, log) {
  const [command, ...args] = argv;
  const result = spawnSync(command, args, { env, stdio: "ignore", timeout: TOOL_TIMEOUT_MS, windowsHide: true });
  if (result.error !== void 0) {
    log.debug(`${argv.join(" ")}: ${code(result.error)}`);
    return false;
  }
  if (result.status !== 0) {
    log.warn(`entra-federate: \`${argv.join(" ")}\` exited with code ${result.status ?? "null"}.`);
    return false;
  }
  return true;
}
function strings(value) {
  return Array.isArray(value) ? value.filter((v) => typeof v === "string" && isAbsolute(v)) : [];
}
function cleanupFromJson(raw) {
  let parsed;
  try {
    const value = JSON.parse(raw);
    parsed = value !== null && typeof value === "object" && !Array.isArray(value) ? value : {};
  } catch {
    parsed = {};
  }
  const out = { files: strings(parsed["files"]) };
  for (const key of ["dirs", "azConfigDirs", "endpoints"]) {
    const list = strings(parsed[key]);
    if (list.length > 0) out[key] = list;
  }
  const logouts = (Array.isArray(parsed["dockerLogouts"]) ? parsed["dockerLogouts"] : []).flatMap(
    (d) => {
      const o = d ?? {};
      if (typeof o.registry !== "string" || !/^[a-z0-9][a-z0-9.:-]*$/.test(o.registry)) return [];
      return [
        typeof o.dockerConfig === "string" ? { registry: o.registry, dockerConfig: o.dockerConfig } : { registry: o.registry }
      ];
    }
  );
  if (logouts.length > 0) out.dockerLogouts = logouts;
  return out;
}
function mergeCleanup(a, b) {
  const union = (x, y) => [.../* @__PURE__ */ new Set([...x ?? [], ...y ?? []])];
  const out = { files: union(a.files, b.files) };
  const dirs = union(a.dirs, b.dirs);
  const azConfigDirs = union(a.azConfigDirs, b.azConfigDirs);
  const endpoints = union(a.endpoints, b.endpoints);
  const dockerLogouts = [...a.dockerLogouts ?? [], ...b.dockerLogouts ?? []].filter(
    (d, i, all) => all.findIndex((e) => e.registry === d.registry && e.dockerConfig === d.dockerConfig) === i
  );
  if (dirs.length > 0) out.dirs = dirs;
  if (azConfigDirs.length > 0) out.azConfigDirs = azConfigDirs;
  if (endpoints.length > 0) out.endpoints = endpoints;
  if (dockerLogouts.length > 0) out.dockerLogouts = dockerLogouts;
  return out;
}
function isEmptyCleanup(c) {
  return c.files.length === 0 && (c.dirs ?? []).length === 0 && (c.azConfigDirs ?? []).length === 0 && (c.endpoints ?? []).length === 0 && (c.dockerLogouts ?? []).length === 0;
}
async function performCleanup(cleanup, env, log) {
  const report = { endpointsStopped: 0, signedOut: 0, filesRemoved: 0, dirsRemoved: 0 };
  for (const stateFile of cleanup.endpoints ?? []) {
    if (!isAbsolute(stateFile)) continue;
    try {
      if (await stopEndpoint(stateFile) === "stopped") report.endpointsStopped++;
    } catch (err) {
      log.warn(
        `entra-federate: could not stop the identity endpoint of ${stateFile} (${code(err)}); it stops by itself when the job ends.`
      );
    }
  }
  for (const dir of cleanup.azConfigDirs ?? []) {
    if (!isAbsolute(dir) || !PRIVATE_DIR_PREFIXES.some((prefix) => basename(dir).startsWith(prefix))) continue;
    if (signOut(["az", "account", "clear"], toolEnv(env, { AZURE_CONFIG_DIR: dir }), log)) report.signedOut++;
  }
  for (const { registry, dockerConfig } of cleanup.dockerLogouts ?? []) {
    if (signOut(
      ["docker", "logout", registry],
      toolEnv(env, dockerConfig === void 0 ? {} : { DOCKER_CONFIG: dockerConfig }),
      log
    ))
      report.signedOut++;
  }
  for (const file of cleanup.files) {
    if (!isAbsolute(file)) continue;
    try {
      unlinkSync2(file);
      report.filesRemoved++;
      log.debug(`removed ${file}`);
    } catch (err) {
      if (code(err) !== "ENOENT") log.warn(`entra-federate: could not remove ${file} (${code(err)}).`);
    }
  }
  for (const dir of cleanup.dirs ?? []) {
    if (!isAbsolute(dir) || !PRIVATE_DIR_PREFIXES.some((prefix) => basename(dir).startsWith(prefix)) || !existsSync(dir))
      continue;
    try {
      rmSync(dir, { recursive: true, force: true });
      report.dirsRemoved++;
      log.debug(`removed ${dir}`);
    } catch (err) {
      log.warn(`entra-federate: could not remove ${dir} (${code(err)}).`);
    }
  }
  return report;
}
export {
  AZ_CONFIG_DIR_PREFIX,
  DOCKER_CONFIG_DIR_PREFIX,
  cleanupFromJson,
  isEmptyCleanup,
  mergeCleanup,
  performCleanup
};
