import {
  tokenFromEndpoint
} from "./chunk-KX73HVB6.js";
import {
  ACR_HOST_RULE,
  ACR_NULL_USER,
  ACR_RESOURCE,
  ACR_SCOPE,
  exchangeForAcrRefreshToken,
  isAcrLoginServer
} from "./chunk-XM3DQKQN.js";
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
import "./chunk-IVFXZQ6R.js";
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
import "./chunk-W4LGXFMS.js";
import "./chunk-KEKUR6VN.js";
import "./chunk-CXUPN4HS.js";
import {
  quote
} from "./chunk-6I7DYRWY.js";
import {
  FederationError,
  usageError
} from "./chunk-H7K5LTQY.js";
import {
  printableAscii
} from "./chunk-3XWB6HIK.js";
import "./chunk-NPLQBTCK.js";
import "./chunk-4NJR45T6.js";
import "./chunk-Z53PL5H4.js";

// src/entry/cli/docker-credential.ts
var HELP = `Usage: docker-credential-entra-federate get|store|erase|list [options]
       entra-federate docker-credential get|store|erase|list [options]

docker's credential helper for Azure Container Registry: \`login --export acr:<registry>\` writes a
private DOCKER_CONFIG whose credHelpers name it. \`get\` reads a registry on stdin and prints a fresh
ACR refresh token for it (from the identity endpoint's token when the job runs one, else from a
fresh exchange). Only ACR login servers (*.azurecr.io, *.azurecr.us, *.azurecr.cn) are answered.

${FEDERATION_HELP}`;
var FLAGS = { ...FEDERATION_FLAGS, ...GUARD_FLAGS };
var MAX_INPUT = 8192;
var LOGIN_SERVER = /^[a-z0-9](?:[a-z0-9.-]{0,250}[a-z0-9])?(?::\d{1,5})?$/;
async function readInput(io) {
  let text = "";
  for await (const chunk of io.stdin()) {
    text += typeof chunk === "string" ? chunk : chunk.toString("utf8");
    if (text.length > MAX_INPUT) break;
  }
  return text;
}
function registryOf(serverUrl) {
  const value = serverUrl.trim().toLowerCase();
  const host = value.replace(/^https?:\/\//, "").replace(/\/.*$/, "");
  if (host === "" || !LOGIN_SERVER.test(host)) {
    const shown = serverUrl.length > 80 ? `of ${serverUrl.length} characters` : quote(printableAscii(serverUrl.trim()));
    throw usageError(
      "INVALID_REGISTRY",
      `docker asked for credentials for ${shown}, which is not a registry login server.`,
      "Docker writes the registry on stdin, e.g. myregistry.azurecr.io."
    );
  }
  if (!isAcrLoginServer(host))
    throw usageError(
      "REGISTRY_NOT_ACR",
      `${host} is not an Azure Container Registry login server, so no token is sent to it.`,
      `${ACR_HOST_RULE} Map only ACR login servers to entra-federate in credHelpers.`
    );
  return host;
}
async function entraToken(values, io) {
  const { env } = io;
  const http = io.http();
  const endpoint = env["IDENTITY_ENDPOINT"];
  const secret = env["IDENTITY_HEADER"];
  const options = optionsFrom({ ...values, scope: [ACR_SCOPE] }, env);
  if (endpoint !== void 0 && endpoint !== "" && secret !== void 0 && secret !== "") {
    const got = await tokenFromEndpoint(http, { url: endpoint, secret }, ACR_RESOURCE, io.now);
    return { token: got.accessToken, tenantId: options.tenantId };
  }
  const credential = credentialFrom(values, env, http);
  const result = await guardedLogin(options, credential, guardFrom(values, env), { http, env, now: io.now });
  const first = result.tokens[0];
  if (first === void 0)
    throw new FederationError("ACR_EXCHANGE_FAILED", "The login gave no token for the registry.", {
      remedy: "Re-run the job; if it persists, run entra-federate login with --scope https://containerregistry.azure.net/.default."
    });
  return { token: first.accessToken, tenantId: result.tenantId };
}
async function run(argv, io) {
  const { values, positionals } = parseCommand("docker-credential", argv, FLAGS, true);
  if (helpRequested(values, HELP, io)) return 0;
  const action = positionals[0];
  if (positionals.length !== 1 || !["get", "store", "erase", "list"].includes(action ?? "")) {
    throw usageError(
      "INVALID_ARGUMENTS",
      "docker-credential takes one action: get, store, erase or list.",
      "Name entra-federate in credHelpers of the docker configuration (login --export acr:<registry> does); docker adds the action."
    );
  }
  const input = await readInput(io);
  if (action === "list") {
    io.stdout.write("{}\n");
    return 0;
  }
  if (action !== "get") return 0;
  try {
    const serverUrl = input.split("\n")[0] ?? "";
    const registry = registryOf(serverUrl);
    const entra = await entraToken(values, io);
    const refresh = await exchangeForAcrRefreshToken({
      http: io.http(),
      registry,
      tenantId: entra.tenantId,
      accessToken: entra.token,
      now: io.now
    });
    io.stdout.write(
      `${JSON.stringify({ ServerURL: serverUrl.trim(), Username: ACR_NULL_USER, Secret: refresh.token })}
`
    );
    return 0;
  } catch (err) {
    if (err instanceof FederationError) io.stdout.write(`${err.message}
`);
    throw err;
  }
}
export {
  registryOf,
  run
};
