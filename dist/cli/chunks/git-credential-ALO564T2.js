import {
  tokenFromEndpoint
} from "./chunk-KX73HVB6.js";
import "./chunk-3QZMS7PH.js";
import {
  GUARD_FLAGS
} from "./chunk-QZCNB7ZJ.js";
import {
  guardedLogin
} from "./chunk-KBQYDYER.js";
import {
  credentialFrom,
  guardFrom,
  optionsFrom
} from "./chunk-NNCEQJ7M.js";
import {
  FEDERATION_FLAGS,
  FEDERATION_HELP,
  helpRequested,
  parseCommand
} from "./chunk-SAJ3KRIM.js";
import "./chunk-7MCQKBCW.js";
import "./chunk-YE5USGSE.js";
import "./chunk-LYCLW4XY.js";
import "./chunk-KKJBLYBX.js";
import "./chunk-KEKUR6VN.js";
import "./chunk-CXUPN4HS.js";
import {
  isLoopbackHost
} from "./chunk-6I7DYRWY.js";
import {
  usageError
} from "./chunk-H7K5LTQY.js";
import "./chunk-3XWB6HIK.js";
import "./chunk-Z53PL5H4.js";

// src/handoff/git-credential.ts
var AZURE_DEVOPS_RESOURCE = "499b84ac-1321-427f-aa17-267ca6975798";
var GIT_USERNAME = "entra-federate";
var MAX_LINE = 8192;
function parseCredentialRequest(text) {
  const out = {};
  for (const line of text.split("\n")) {
    if (line === "") break;
    if (line.length > MAX_LINE) continue;
    const eq = line.indexOf("=");
    if (eq < 1) continue;
    const key = line.slice(0, eq);
    const value = line.slice(eq + 1).replace(/\r$/, "");
    if (key === "protocol" || key === "host" || key === "path") out[key] = value;
  }
  return out;
}
function servesGitHost(request) {
  const host = (request.host ?? "").toLowerCase();
  const name = host.replace(/:\d+$/, "");
  if (request.protocol === "https" && (name === "dev.azure.com" || /^[a-z0-9-]+\.visualstudio\.com$/.test(name)))
    return true;
  return (request.protocol === "http" || request.protocol === "https") && isLoopbackHost(name);
}
function credentialAnswer(password) {
  if (/[\n\0]/.test(password)) return "";
  return `username=${GIT_USERNAME}
password=${password}
`;
}

// src/entry/cli/git-credential.ts
var HELP = `Usage: entra-federate git-credential get|store|erase [options]

git's credential helper for Azure Repos (dev.azure.com, *.visualstudio.com): \`login --export git\`
configures it through GIT_CONFIG_* for https://dev.azure.com and https://*.visualstudio.com.
\`get\` prints username= and password= (a fresh Azure DevOps token) for those hosts, from the
identity endpoint when the job runs one, else from a fresh exchange; nothing for other hosts.

${FEDERATION_HELP}`;
var FLAGS = { ...FEDERATION_FLAGS, ...GUARD_FLAGS };
var MAX_INPUT = 64 * 1024;
async function readInput(io) {
  let text = "";
  for await (const chunk of io.stdin()) {
    text += typeof chunk === "string" ? chunk : chunk.toString("utf8");
    if (text.length > MAX_INPUT || text.includes("\n\n") || text.startsWith("\n")) break;
  }
  return text;
}
async function run(argv, io) {
  const { values, positionals } = parseCommand("git-credential", argv, FLAGS, true);
  if (helpRequested(values, HELP, io)) return 0;
  const action = positionals[0];
  if (positionals.length !== 1 || !["get", "store", "erase"].includes(action ?? "")) {
    throw usageError(
      "INVALID_ARGUMENTS",
      "git-credential takes one action: get, store or erase.",
      "Configure it as a git credential helper (login --export git does); git adds the action."
    );
  }
  const request = parseCredentialRequest(await readInput(io));
  if (action !== "get" || !servesGitHost(request)) return 0;
  const { env } = io;
  const http = io.http();
  const endpoint = env["IDENTITY_ENDPOINT"];
  const secret = env["IDENTITY_HEADER"];
  let token;
  if (endpoint !== void 0 && endpoint !== "" && secret !== void 0 && secret !== "") {
    token = (await tokenFromEndpoint(http, { url: endpoint, secret }, AZURE_DEVOPS_RESOURCE, io.now)).accessToken;
  } else {
    const options = optionsFrom({ ...values, scope: [`${AZURE_DEVOPS_RESOURCE}/.default`] }, env);
    const credential = credentialFrom(values, env, http);
    const result = await guardedLogin(options, credential, guardFrom(values, env), { http, env, now: io.now });
    const first = result.tokens[0];
    if (first === void 0) return 1;
    token = first.accessToken;
  }
  io.stdout.write(credentialAnswer(token));
  return 0;
}
export {
  run
};
