import {
  SESSION_VARIABLE,
  readSession
} from "./chunk-3JVGJFAK.js";
import "./chunk-V5WGFITT.js";
import {
  helpRequested,
  parseCommand
} from "./chunk-SAJ3KRIM.js";
import "./chunk-7MCQKBCW.js";
import "./chunk-YE5USGSE.js";
import "./chunk-LYCLW4XY.js";
import "./chunk-W4LGXFMS.js";
import "./chunk-KEKUR6VN.js";
import "./chunk-CXUPN4HS.js";
import "./chunk-6I7DYRWY.js";
import "./chunk-H7K5LTQY.js";
import "./chunk-3XWB6HIK.js";
import {
  isEmptyCleanup,
  performCleanup
} from "./chunk-NPLQBTCK.js";
import "./chunk-4NJR45T6.js";
import "./chunk-Z53PL5H4.js";

// src/entry/cli/logout.ts
import { unlinkSync } from "node:fs";
var HELP = `Usage: entra-federate logout [--session FILE]

Undoes what \`entra-federate login --export\` did in this job: stops the identity endpoint,
signs az out (\`az account clear\` in its private AZURE_CONFIG_DIR) and docker out of each
registry (\`docker logout\`), and removes the token files and directories it wrote. Safe to
run twice, or when nothing was exported.

Options:
  --session FILE          the record login wrote     [env ${SESSION_VARIABLE}]
  -h, --help              this help`;
var FLAGS = {
  session: { type: "string" },
  help: { type: "boolean", short: "h" }
};
function plural(n, one, many = `${one}s`) {
  return `${n} ${n === 1 ? one : many}`;
}
async function run(argv, io) {
  const { values } = parseCommand("logout", argv, FLAGS);
  if (helpRequested(values, HELP, io)) return 0;
  const { env } = io;
  const path = values.session ?? (env[SESSION_VARIABLE] === "" ? void 0 : env[SESSION_VARIABLE]);
  if (path === void 0) {
    io.stderr.write(
      `entra-federate: nothing to log out of (${SESSION_VARIABLE} is not set and no --session was given).
`
    );
    return 0;
  }
  const cleanup = readSession(path);
  if (isEmptyCleanup(cleanup)) {
    io.stderr.write("entra-federate: nothing to log out of.\n");
  } else {
    const report = await performCleanup(cleanup, env, {
      info: (m) => io.stderr.write(`${m}
`),
      warn: (m) => io.stderr.write(`${m}
`),
      debug: () => void 0
    });
    io.stderr.write(
      `entra-federate: logged out: stopped ${plural(report.endpointsStopped, "identity endpoint")}, signed out ${plural(report.signedOut, "tool")}, removed ${plural(report.filesRemoved, "file")} and ${plural(report.dirsRemoved, "directory", "directories")}.
`
    );
  }
  try {
    unlinkSync(path);
  } catch (err) {
    if (err.code !== "ENOENT") throw err;
  }
  return 0;
}
export {
  run
};
