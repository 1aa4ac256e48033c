import {
  selfCommand
} from "./chunk-IVFXZQ6R.js";
import {
  UnsafeFileError,
  openOwnFile
} from "./chunk-W4LGXFMS.js";
import {
  fetchWithRetry
} from "./chunk-KEKUR6VN.js";
import {
  decodeJwt,
  isLoopbackHost,
  numericClaim,
  quote
} from "./chunk-6I7DYRWY.js";
import {
  FederationError,
  usageError
} from "./chunk-H7K5LTQY.js";
import {
  isoTime,
  shellQuote
} from "./chunk-3XWB6HIK.js";
import {
  DOCKER_CONFIG_DIR_PREFIX
} from "./chunk-NPLQBTCK.js";

// src/handoff/git.ts
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
var AZURE_DEVOPS_SCOPE = "499b84ac-1321-427f-aa17-267ca6975798/.default";
var GIT_CREDENTIAL_URLS = ["https://dev.azure.com", "https://*.visualstudio.com"];
function cliEntry(from = import.meta.url) {
  for (const relative of ["../cli/index.js", "../../cli/index.js"]) {
    const path = fileURLToPath(new URL(relative, from));
    if (existsSync(path)) return path;
  }
  throw new FederationError(
    "CLI_UNAVAILABLE",
    "entra-federate's CLI (dist/cli/index.js) is missing from this installation.",
    {
      remedy: "Reinstall entra-federate, or use a release whose dist/ includes cli/index.js."
    }
  );
}
function loginFlags(request) {
  const { result } = request;
  const flags = [
    "--client-id",
    result.clientId,
    "--tenant-id",
    result.tenantId,
    "--authority-host",
    result.authorityHost,
    "--audience",
    result.audience,
    "--cloud",
    result.cloud
  ];
  if (request.provider !== void 0) flags.push("--provider", request.provider);
  if (result.managedIdentity !== void 0) {
    const id = result.managedIdentity.userAssignedClientId;
    return [
      "--credential",
      "managed-identity",
      ...id === void 0 ? [] : ["--client-id", id],
      // Everything but the leading --client-id pair.
      ...flags.slice(2)
    ];
  }
  return flags;
}
function helperCommand(request, command = selfCommand("cli", () => cliEntry())) {
  return `!${[...command, "git-credential", ...loginFlags(request)].map(shellQuote).join(" ")}`;
}
var gitHandoff = {
  name: "git",
  // Asked for at login too, so that policy and audit see Azure DevOps before any git command.
  scopes: [AZURE_DEVOPS_SCOPE],
  async export(request, sink) {
    const raw = (request.exported.get("GIT_CONFIG_COUNT") ?? request.env["GIT_CONFIG_COUNT"] ?? "").trim();
    const count = raw === "" ? 0 : Number(raw);
    if (!Number.isInteger(count) || count < 0 || count > 1e3) {
      throw usageError(
        "INVALID_GIT_CONFIG_COUNT",
        `GIT_CONFIG_COUNT is ${JSON.stringify(raw)}, not a count, so git itself would refuse to run.`,
        "Fix or unset GIT_CONFIG_COUNT in the job before this step.",
        "GIT_CONFIG_COUNT"
      );
    }
    const helper = helperCommand(request);
    const entries = [];
    for (const url of GIT_CREDENTIAL_URLS) {
      entries.push([`credential.${url}.helper`, ""], [`credential.${url}.helper`, helper]);
    }
    entries.forEach(([key, value], i) => {
      sink.setEnv(`GIT_CONFIG_KEY_${count + i}`, key);
      sink.setEnv(`GIT_CONFIG_VALUE_${count + i}`, value);
    });
    sink.setEnv("GIT_CONFIG_COUNT", String(count + entries.length));
    const running = request.endpoint.running;
    sink.renewal?.({
      handoff: "git",
      renews: true,
      until: running === void 0 ? "the CI stops giving the job tokens" : `the identity endpoint stops ${running.ends}`
    });
    sink.info(
      running === void 0 ? "git: entra-federate is the credential helper for https://dev.azure.com in GIT_CONFIG_* (not in any .git/config); renews: each git command gets a fresh token by a fresh exchange, for as long as the CI gives the job a valid token." : `git: entra-federate is the credential helper for https://dev.azure.com in GIT_CONFIG_* (not in any .git/config); renews: each git command gets a fresh token from the identity endpoint until it stops ${running.ends}.`
    );
    return { files: [] };
  }
};

// src/handoff/docker-config.ts
import { closeSync, mkdirSync, mkdtempSync, readFileSync, unlinkSync, writeSync, chmodSync } from "node:fs";
import { homedir } from "node:os";
import { basename, dirname, join } from "node:path";
var DOCKER_HELPER_NAME = "entra-federate";
var DOCKER_HELPER_PROGRAM = `docker-credential-${DOCKER_HELPER_NAME}`;
function readConfig(path, sink) {
  let fd;
  try {
    fd = openOwnFile(path, { access: "read" });
  } catch (err) {
    if (err instanceof UnsafeFileError && err.code !== "ENOENT" && err.code !== "ENOTDIR")
      sink.warn(`acr: the job's docker configuration ${path} ${err.reason}; it is not carried over.`);
    return {};
  }
  try {
    const parsed = JSON.parse(readFileSync(fd, "utf8"));
    return parsed !== null && typeof parsed === "object" && !Array.isArray(parsed) ? parsed : {};
  } catch {
    sink.warn(`acr: the job's docker configuration ${path} is not JSON; it is not carried over.`);
    return {};
  } finally {
    closeSync(fd);
  }
}
function writeNew(path, content, mode) {
  const fd = openOwnFile(path, { access: "append", secret: true });
  try {
    const bytes = Buffer.from(content, "utf8");
    let written = 0;
    while (written < bytes.length) written += writeSync(fd, bytes, written, bytes.length - written);
  } finally {
    closeSync(fd);
  }
  if (mode !== 384) chmodSync(path, mode);
}
function failure(dir, err) {
  const why = err instanceof UnsafeFileError ? err.reason : String(err.code ?? err);
  return new FederationError(
    "DOCKER_CONFIG_WRITE_FAILED",
    `Could not write the private docker configuration in ${dir} (${why}).`,
    { remedy: "Check that the job can write its temporary directory (RUNNER_TEMP or TMPDIR)." }
  );
}
function helperScript(request, node = process.execPath, cli = cliEntry()) {
  const argv = [node, cli, "docker-credential", ...loginFlags(request)].map(shellQuote).join(" ");
  return `#!/bin/sh
exec ${argv} "$@"
`;
}
function writeDockerConfig(request, sink, registry) {
  const ours = request.exported.get("DOCKER_CONFIG");
  const reuse = ours !== void 0 && basename(ours).startsWith(DOCKER_CONFIG_DIR_PREFIX) && dirname(ours) === sink.tempDir;
  let dir = reuse ? ours : sink.tempDir;
  try {
    const jobConfigDir = request.env["DOCKER_CONFIG"] || join(request.env["HOME"] || homedir(), ".docker");
    const config = reuse ? readConfig(join(dir, "config.json"), sink) : readConfig(join(jobConfigDir, "config.json"), sink);
    if (!reuse) {
      dir = mkdtempSync(join(sink.tempDir, DOCKER_CONFIG_DIR_PREFIX));
      chmodSync(dir, 448);
      mkdirSync(join(dir, "bin"), { mode: 448 });
      writeNew(join(dir, "bin", DOCKER_HELPER_PROGRAM), helperScript(request), 448);
    }
    const helpers = config.credHelpers !== null && typeof config.credHelpers === "object" && !Array.isArray(config.credHelpers) ? config.credHelpers : {};
    const next = { ...config, credHelpers: { ...helpers, [registry]: DOCKER_HELPER_NAME } };
    const path = join(dir, "config.json");
    if (reuse) unlinkSync(path);
    writeNew(path, `${JSON.stringify(next, null, 2)}
`, 384);
  } catch (err) {
    if (err instanceof FederationError) throw err;
    throw failure(dir, err);
  }
  if (!reuse) {
    sink.setEnv("DOCKER_CONFIG", dir);
    const path = request.exported.get("PATH") ?? request.env["PATH"] ?? "";
    sink.setEnv("PATH", path === "" ? join(dir, "bin") : `${join(dir, "bin")}:${path}`);
  }
  return { dir };
}

// src/handoff/acr.ts
var ACR_RESOURCE = "https://containerregistry.azure.net";
var ACR_SCOPE = `${ACR_RESOURCE}/.default`;
var ACR_NULL_USER = "00000000-0000-0000-0000-000000000000";
var EXCHANGE_TIMEOUT_MS = 3e4;
var LABEL = "[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?";
var LOGIN_SERVER = new RegExp(`^${LABEL}(?:\\.${LABEL})*(?::\\d{1,5})?$`);
var ACR_SUFFIXES = [".azurecr.io", ".azurecr.us", ".azurecr.cn"];
var ACR_HOST_RULE = "Only Azure Container Registry login servers (*.azurecr.io, *.azurecr.us, *.azurecr.cn) get tokens, and loopback hosts for local tests.";
function isAcrLoginServer(server) {
  const host = server.replace(/:\d{1,5}$/, "");
  if (isLoopbackHost(host) || isLoopbackHost(host.replace(/^\[(.*)\]$/, "$1"))) return true;
  return ACR_SUFFIXES.some((suffix) => host.endsWith(suffix) && host.length > suffix.length);
}
function parseRegistry(raw, field = "export") {
  const value = raw.trim().toLowerCase();
  const remedy = "Name the registry's login server, e.g. acr:myregistry.azurecr.io.";
  if (value === "")
    throw usageError("INVALID_REGISTRY", "acr: needs a registry, as in acr:myregistry.azurecr.io.", remedy, field);
  if (/^[a-z]+:\/\//.test(value))
    throw usageError(
      "INVALID_REGISTRY",
      `The registry ${quote(raw)} has a scheme.`,
      `${remedy} Leave out ${value.split("//")[0]}//.`,
      field
    );
  if (value.length > 260 || !LOGIN_SERVER.test(value))
    throw usageError("INVALID_REGISTRY", `${quote(raw)} is not a registry login server.`, remedy, field);
  if (!isAcrLoginServer(value))
    throw usageError(
      "REGISTRY_NOT_ACR",
      `${quote(raw)} is not an Azure Container Registry login server, so no token is sent to it.`,
      `${ACR_HOST_RULE} Name the registry's login server, e.g. acr:myregistry.azurecr.io.`,
      field
    );
  return value;
}
function exchangeFailure(registry, status, tenantId) {
  const remedy = status === 401 || status === 403 ? `Give the app a role on the registry (AcrPull to pull, AcrPush to push); the registry must belong to tenant ${tenantId}.` : status === 404 ? `Check that ${registry} is an Azure Container Registry login server (name.azurecr.io).` : "The registry failed; it was retried. Re-run the job, or check https://azure.status.microsoft.";
  return new FederationError(
    "ACR_EXCHANGE_FAILED",
    `The registry ${registry} refused the token exchange (HTTP ${status}).`,
    { remedy, status }
  );
}
async function exchangeForAcrRefreshToken(request) {
  const { registry } = request;
  const now = request.now ?? Date.now;
  const { response } = await fetchWithRetry(
    request.http,
    () => ({
      method: "POST",
      url: `https://${registry}/oauth2/exchange`,
      headers: { "content-type": "application/x-www-form-urlencoded", accept: "application/json" },
      body: new URLSearchParams({
        grant_type: "access_token",
        service: registry,
        tenant: request.tenantId,
        access_token: request.accessToken
      }).toString()
    }),
    { deadlineAt: now() + EXCHANGE_TIMEOUT_MS, what: `the registry ${registry}` }
  );
  if (response.status !== 200) throw exchangeFailure(registry, response.status, request.tenantId);
  let token;
  try {
    token = JSON.parse(response.body).refresh_token;
  } catch {
    token = void 0;
  }
  if (typeof token !== "string" || token === "" || /[\s"\\]/.test(token)) {
    throw new FederationError(
      "ACR_EXCHANGE_FAILED",
      `The registry ${registry} answered its token exchange without a refresh_token.`,
      { remedy: `Check that ${registry} is an Azure Container Registry login server (a proxy may be answering).` }
    );
  }
  let exp;
  try {
    exp = numericClaim(decodeJwt(token).claims, "exp");
  } catch {
    exp = void 0;
  }
  return exp === void 0 ? { token } : { token, exp };
}
function acrHandoff(registry) {
  return {
    name: `acr:${registry}`,
    scopes: [ACR_SCOPE],
    async export(request, sink) {
      const first = await exchangeForAcrRefreshToken({
        http: request.http,
        registry,
        tenantId: request.result.tenantId,
        accessToken: request.accessToken(ACR_SCOPE).accessToken
      });
      sink.mask(first.token);
      const config = writeDockerConfig(request, sink, registry);
      const running = request.endpoint.running;
      const renews = running === void 0 ? "renews: docker asks the helper each time, which exchanges afresh for as long as the CI gives the job a valid token" : `renews: docker asks the helper each time, which takes a fresh token from the identity endpoint until it stops ${running.ends}`;
      sink.renewal?.({
        handoff: `acr:${registry}`,
        renews: true,
        until: running === void 0 ? "the CI stops giving the job tokens" : `the identity endpoint stops ${running.ends}`
      });
      const firstUntil = first.exp === void 0 ? "" : ` (the first refresh token lasts until ${isoTime(first.exp * 1e3)})`;
      sink.info(
        `acr: docker gets ${registry} credentials from ${DOCKER_HELPER_PROGRAM} (credHelpers in the private DOCKER_CONFIG ${config.dir})${firstUntil}; ${renews}.`
      );
      return { files: [], dirs: [config.dir] };
    }
  };
}

export {
  gitHandoff,
  ACR_RESOURCE,
  ACR_SCOPE,
  ACR_NULL_USER,
  ACR_HOST_RULE,
  isAcrLoginServer,
  parseRegistry,
  exchangeForAcrRefreshToken,
  acrHandoff
};
