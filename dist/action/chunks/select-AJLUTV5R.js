import {
  UnsafeFileError,
  openOwnFile
} from "./chunk-GWI26CRA.js";
import {
  idTokenUrl
} from "./chunk-GCX5CGBI.js";
import {
  fetchWithRetry
} from "./chunk-ESQY2JLS.js";
import {
  identityEndpointHandoff,
  selfCommand
} from "./chunk-VBM2ZZRL.js";
import {
  ciTokenExpiry,
  ciTokenFile,
  envHandoff,
  tokenFileRenewal
} from "./chunk-Y32HUGCH.js";
import {
  CLOUDS,
  decodeJwt,
  isLoopbackHost,
  numericClaim,
  quote
} from "./chunk-ZHH3QR7C.js";
import {
  AZ_CONFIG_DIR_PREFIX,
  DOCKER_CONFIG_DIR_PREFIX
} from "./chunk-CXMLBNXR.js";
import "./chunk-JHOUULTC.js";
import {
  describeToolFailure
} from "./chunk-LTGHJBGB.js";
import "./chunk-NVALJV73.js";
import "./chunk-YTNC6CMW.js";
import {
  isoTime,
  shellQuote
} from "./chunk-4Z7CLUDL.js";
import {
  FederationError,
  usageError
} from "./chunk-O2OTSBQM.js";
import "./chunk-WNTXV5YL.js";

// src/handoff/docker-config.ts
import { closeSync, mkdirSync, mkdtempSync, readFileSync, unlinkSync, writeSync, chmodSync } from "node:fs";
import { homedir } from "node:os";
import { basename, dirname, join } from "node:path";

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

// src/handoff/az.ts
import { mkdtempSync as mkdtempSync2, rmSync } from "node:fs";
import { join as join2 } from "node:path";
var NOT_FOUND_REMEDY = "Install the Azure CLI on the runner (GitHub-hosted runners have it), or drop `az` from the exports.";
async function az(sink, args, opts, what, remedy) {
  const result = await sink.run(["az", ...args], opts);
  if (result.ok) return;
  const command = `az ${args.filter((a) => !(opts.secrets ?? []).includes(a)).slice(0, 2).join(" ")}`;
  const message = `Could not ${what}: ${describeToolFailure(command, result)}.`;
  throw result.reason === "not-found" ? new FederationError("TOOL_NOT_FOUND", message, { remedy: NOT_FOUND_REMEDY, usage: true }) : new FederationError("AZ_LOGIN_FAILED", message, { remedy });
}
var MSAL_MANAGED_IDENTITY_SINCE = [2, 73, 0];
function parseAzVersion(stdout) {
  try {
    const raw = JSON.parse(stdout)["azure-cli"];
    if (typeof raw !== "string" || !/^\d+\.\d+\.\d+/.test(raw)) return void 0;
    return raw.split(".").slice(0, 3).map((n) => Number.parseInt(n, 10));
  } catch {
    return void 0;
  }
}
function azUsesMsal(version) {
  for (let i = 0; i < 3; i++) {
    const a = version[i] ?? 0;
    const b = MSAL_MANAGED_IDENTITY_SINCE[i] ?? 0;
    if (a !== b) return a > b;
  }
  return true;
}
function azEndpointVariables(running, msal) {
  if (msal) return { IDENTITY_ENDPOINT: running.url, IDENTITY_HEADER: running.secret };
  return { MSI_ENDPOINT: running.url, MSI_SECRET: running.secret, APPSETTING_WEBSITE_SITE_NAME: "entra-federate" };
}
var azHandoff = {
  name: "az",
  async export(request, sink) {
    const running = request.endpoint.running;
    if (running !== void 0) return loginWithEndpoint(request, sink, running);
    const { result } = request;
    const token = await request.idToken(result.audience);
    const dir = mkdtempSync2(join2(sink.tempDir, AZ_CONFIG_DIR_PREFIX));
    const cleanup = { files: [], dirs: [dir], azConfigDirs: [dir] };
    const opts = { env: { AZURE_CONFIG_DIR: dir, AZURE_CORE_COLLECT_TELEMETRY: "false" }, secrets: [token] };
    try {
      if (result.cloud !== "AzureCloud")
        await az(
          sink,
          ["cloud", "set", "--name", result.cloud, "--output", "none"],
          opts,
          `select the ${result.cloud} cloud in az`,
          "Use an Azure CLI that knows this cloud (`az cloud list`)."
        );
      const login = [
        "login",
        "--service-principal",
        "--username",
        result.clientId,
        "--tenant",
        result.tenantId,
        "--federated-token",
        token,
        "--output",
        "none"
      ];
      if (request.subscriptionId === void 0) login.push("--allow-no-subscriptions");
      await az(
        sink,
        login,
        opts,
        "sign az in",
        "The same CI token has just signed in through entra-federate, so this is on az's side: use Azure CLI 2.30 or later, and check that it reaches its cloud's authority (proxy settings)."
      );
      if (request.subscriptionId !== void 0) {
        await az(
          sink,
          ["account", "set", "--subscription", request.subscriptionId, "--output", "none"],
          opts,
          `select subscription ${request.subscriptionId} in az`,
          "Give the app a role on that subscription, or leave the subscription out."
        );
      }
    } catch (err) {
      rmSync(dir, { recursive: true, force: true });
      throw err;
    }
    sink.setEnv("AZURE_CONFIG_DIR", dir);
    sink.renewal?.({ handoff: "az", renews: false, until: `about an hour after ${isoTime(Date.now())}` });
    sink.info(
      `az: signed in under AZURE_CONFIG_DIR=${dir}${request.subscriptionId === void 0 ? "" : `, subscription ${request.subscriptionId}`}; does not renew: az keeps the CI token it was given (valid until ${isoTime(ciTokenExpiry(token) ?? Date.now())}), so its session lasts about an hour; export identity-endpoint too for long jobs.`
    );
    if (result.authorityHost !== CLOUDS[result.cloud].authorityHost) {
      sink.warn(
        `az: az signs in at the ${result.cloud} authority, not at ${result.authorityHost}; register a custom cloud with \`az cloud register\` for anything else.`
      );
    }
    return cleanup;
  }
};
async function selectCloudAndSubscription(request, sink, opts, phase) {
  const { result } = request;
  if (phase === "cloud" && result.cloud !== "AzureCloud")
    await az(
      sink,
      ["cloud", "set", "--name", result.cloud, "--output", "none"],
      opts,
      `select the ${result.cloud} cloud in az`,
      "Use an Azure CLI that knows this cloud (`az cloud list`)."
    );
  if (phase === "subscription" && request.subscriptionId !== void 0)
    await az(
      sink,
      ["account", "set", "--subscription", request.subscriptionId, "--output", "none"],
      opts,
      `select subscription ${request.subscriptionId} in az`,
      "Give the app a role on that subscription, or leave the subscription out."
    );
}
async function loginWithEndpoint(request, sink, running) {
  const version = await sink.run(["az", "version", "--output", "json"], {
    env: { AZURE_CORE_COLLECT_TELEMETRY: "false" }
  });
  if (!version.ok) {
    const message = `Could not run az: ${describeToolFailure("az version", version)}.`;
    throw version.reason === "not-found" ? new FederationError("TOOL_NOT_FOUND", message, { remedy: NOT_FOUND_REMEDY, usage: true }) : new FederationError("AZ_LOGIN_FAILED", message, { remedy: "Check that `az version` runs on the runner." });
  }
  const parsed = parseAzVersion(version.stdout);
  const msal = parsed !== void 0 && azUsesMsal(parsed);
  const variables = azEndpointVariables(running, msal);
  const dir = mkdtempSync2(join2(sink.tempDir, AZ_CONFIG_DIR_PREFIX));
  const cleanup = { files: [], dirs: [dir], azConfigDirs: [dir] };
  const opts = {
    env: { ...variables, AZURE_CONFIG_DIR: dir, AZURE_CORE_COLLECT_TELEMETRY: "false" },
    secrets: [running.secret]
  };
  try {
    await selectCloudAndSubscription(request, sink, opts, "cloud");
    const login = ["login", "--identity", "--output", "none"];
    if (request.subscriptionId === void 0) login.push("--allow-no-subscriptions");
    await az(
      sink,
      login,
      opts,
      "sign az in through the identity endpoint",
      "The identity endpoint has just started, so this is on az's side: check that az reaches ARM for its cloud (proxy settings), or sign in without the identity endpoint."
    );
    await selectCloudAndSubscription(request, sink, opts, "subscription");
  } catch (err) {
    rmSync(dir, { recursive: true, force: true });
    throw err;
  }
  for (const [name, value] of Object.entries(variables))
    if (request.exported.get(name) !== value) sink.setEnv(name, value);
  sink.setEnv("AZURE_CONFIG_DIR", dir);
  const dialect = msal ? "App Service 2019 (IDENTITY_ENDPOINT)" : "App Service 2017 (MSI_ENDPOINT, MSI_SECRET)";
  sink.renewal?.({ handoff: "az", renews: true, until: `the identity endpoint stops ${running.ends}` });
  sink.info(
    `az: signed in as a managed identity under AZURE_CONFIG_DIR=${dir}${request.subscriptionId === void 0 ? "" : `, subscription ${request.subscriptionId}`}; renews: every az command asks the identity endpoint (${dialect}) until the endpoint stops ${running.ends}.`
  );
  return cleanup;
}

// src/handoff/kubelogin.ts
import { readFileSync as readFileSync2 } from "node:fs";
var KUBELOGIN_GITHUB_AUDIENCE = "api://AzureADTokenExchange";
function readTokenFile(path) {
  try {
    return readFileSync2(path, "utf8");
  } catch {
    return void 0;
  }
}
var kubeloginHandoff = {
  name: "kubelogin",
  async export(request, sink) {
    const { result, env } = request;
    const file = await ciTokenFile(request, sink);
    const vars = [
      ["AZURE_CLIENT_ID", result.clientId],
      ["AZURE_TENANT_ID", result.tenantId],
      ["AZURE_AUTHORITY_HOST", result.authorityHost],
      ["AZURE_FEDERATED_TOKEN_FILE", file.path],
      ["AAD_LOGIN_METHOD", "workloadidentity"]
    ];
    for (const [name, value] of vars) if (request.exported.get(name) !== value) sink.setEnv(name, value);
    const renewal = tokenFileRenewal(request, readTokenFile(file.path));
    sink.renewal?.({ handoff: "kubelogin", renews: renewal.renews, until: renewal.until });
    sink.info(
      `kubelogin: AZURE_CLIENT_ID, AZURE_TENANT_ID, AZURE_AUTHORITY_HOST, AZURE_FEDERATED_TOKEN_FILE, AAD_LOGIN_METHOD=workloadidentity; kubelogin re-reads the file on every kubectl call; ${renewal.words}.`
    );
    const set = (name) => (env[name] ?? "").trim() !== "";
    if (set("ACTIONS_ID_TOKEN_REQUEST_TOKEN") && set("ACTIONS_ID_TOKEN_REQUEST_URL")) {
      const audience = result.audience === KUBELOGIN_GITHUB_AUDIENCE ? "That works for this app, whose federated credential has that audience." : `This app's federated credential expects ${result.audience}, so kubelogin will fail: unset ACTIONS_ID_TOKEN_REQUEST_TOKEN for the kubectl step (env: ACTIONS_ID_TOKEN_REQUEST_TOKEN: '').`;
      sink.warn(
        `kubelogin: ACTIONS_ID_TOKEN_REQUEST_TOKEN and ACTIONS_ID_TOKEN_REQUEST_URL are set, so kubelogin ignores AZURE_FEDERATED_TOKEN_FILE and requests its own GitHub token for ${KUBELOGIN_GITHUB_AUDIENCE}. ${audience}`
      );
    }
    return { files: file.created ? [file.path] : [] };
  }
};

// src/handoff/shell.ts
var ACCESS_TOKEN_VARIABLE = "AZURE_ACCESS_TOKEN";
var EXPIRES_ON_VARIABLE = "AZURE_ACCESS_TOKEN_EXPIRES_ON";
function scopeVariable(scope) {
  let name = scope.replace(/\/\.default$/, "");
  const scheme = name.indexOf("://");
  if (scheme >= 0) name = name.slice(scheme + 3);
  name = name.replace(/[a-z]/g, (c) => c.toUpperCase()).replace(/[^A-Z0-9]+/g, "_").replace(/^_+|_+$/g, "");
  return `${ACCESS_TOKEN_VARIABLE}_${name}`;
}
function scopeVariables(scopes) {
  const names = scopes.map((scope, i) => i === 0 ? ACCESS_TOKEN_VARIABLE : scopeVariable(scope));
  const reserved = /* @__PURE__ */ new Map([
    [EXPIRES_ON_VARIABLE, "the expiry"],
    [`${ACCESS_TOKEN_VARIABLE}_`, "no resource"]
  ]);
  names.forEach((name, i) => {
    const clash = reserved.get(name) ?? names.slice(0, i).indexOf(name);
    if (clash === -1) return;
    const what = typeof clash === "string" ? clash : `the scope ${quote(scopes[clash] ?? "")}`;
    throw usageError(
      "SCOPE_VARIABLE_CLASH",
      `The scope ${quote(scopes[i] ?? "")} would be exported as ${name}, which is already ${what}.`,
      "Give scopes of different resources (one per resource; each further scope becomes AZURE_ACCESS_TOKEN_<RESOURCE>).",
      "scope"
    );
  });
  return names;
}
function shellVariables(result, scopes, names) {
  const token = (scope) => {
    const found = result.tokens.find((t) => t.scope === scope);
    if (found === void 0) throw new Error(`no token for ${scope} in the login's result`);
    return found;
  };
  const first = token(scopes[0] ?? "");
  const out = [
    { name: ACCESS_TOKEN_VARIABLE, value: first.accessToken, secret: true },
    { name: EXPIRES_ON_VARIABLE, value: isoTime(first.expiresOn), secret: false },
    { name: "AZURE_CLIENT_ID", value: result.clientId, secret: false },
    { name: "AZURE_TENANT_ID", value: result.tenantId, secret: false },
    { name: "AZURE_AUTHORITY_HOST", value: result.authorityHost, secret: false }
  ];
  scopes.slice(1).forEach((scope, i) => {
    out.push({ name: names[i + 1] ?? scopeVariable(scope), value: token(scope).accessToken, secret: true });
  });
  return out;
}
function shellHandoff(scopes) {
  const names = scopeVariables(scopes);
  return {
    name: "shell",
    async export({ result }, sink) {
      const variables = shellVariables(result, scopes, names);
      for (const v of variables) if (v.secret) sink.mask(v.value);
      for (const v of variables) sink.setEnv(v.name, v.value);
      sink.info(`shell scripts: ${variables.map((v) => v.name).join(", ")}`);
      return { files: [] };
    }
  };
}

// src/handoff/terraform.ts
var ARM_ENVIRONMENT = { AzureCloud: "public", AzureUSGovernment: "usgovernment", AzureChinaCloud: "china" };
var AZURERM_DEFAULT_AUDIENCE = "api://AzureADTokenExchange";
function nonEmpty(env, name) {
  const value = env[name];
  return value === void 0 || value.trim() === "" ? void 0 : value;
}
function terraformUsesRequestUrl(request) {
  return request.provider === "github" && nonEmpty(request.env, "ACTIONS_ID_TOKEN_REQUEST_URL") !== void 0 && nonEmpty(request.env, "ACTIONS_ID_TOKEN_REQUEST_TOKEN") !== void 0;
}
var terraformHandoff = {
  name: "terraform",
  async export(request, sink) {
    const { result, env } = request;
    const cloud = result.cloud;
    const requestMode = terraformUsesRequestUrl(request);
    const msiUrl = requestMode ? void 0 : request.endpoint.running?.imdsUrl;
    const vars = [
      msiUrl === void 0 ? ["ARM_USE_OIDC", "true"] : ["ARM_USE_MSI", "true"],
      ["ARM_CLIENT_ID", result.clientId],
      ["ARM_TENANT_ID", result.tenantId]
    ];
    if (request.subscriptionId !== void 0) vars.push(["ARM_SUBSCRIPTION_ID", request.subscriptionId]);
    if (cloud !== "AzureCloud") vars.push(["ARM_ENVIRONMENT", ARM_ENVIRONMENT[cloud]]);
    const files = [];
    const requestUrl = nonEmpty(env, "ACTIONS_ID_TOKEN_REQUEST_URL");
    let mode;
    if (msiUrl !== void 0) {
      vars.push(["ARM_MSI_ENDPOINT", msiUrl]);
      sink.mask(msiUrl);
      mode = `azurerm, azuread, OpenTofu and Pulumi ask the identity endpoint for a token whenever they need one (managed-identity mode): renews until the endpoint stops ${request.endpoint.running?.ends ?? "at cleanup"}`;
    } else if (requestMode && requestUrl !== void 0) {
      if (result.audience !== AZURERM_DEFAULT_AUDIENCE)
        vars.push(["ARM_OIDC_REQUEST_URL", idTokenUrl(requestUrl, result.audience)]);
      mode = "azurerm, azuread and OpenTofu request their own GitHub token whenever they need one (request-URL mode): renews for the whole job";
    } else {
      const file = await ciTokenFile(request, sink);
      if (file.created) files.push(file.path);
      vars.push(["ARM_OIDC_TOKEN_FILE_PATH", file.path]);
      mode = "does not renew: azurerm and Pulumi read the token file once (their session lasts about an hour from then; export identity-endpoint too for long jobs); OpenTofu's azurerm backend re-reads it on each use";
    }
    for (const [name, value] of vars) sink.setEnv(name, value);
    sink.renewal?.({
      handoff: "terraform",
      renews: !mode.startsWith("does not renew"),
      until: msiUrl !== void 0 ? `the identity endpoint stops ${request.endpoint.running?.ends ?? "at cleanup"}` : mode.startsWith("does not renew") ? "about an hour after azurerm first reads the token file" : "the job ends"
    });
    sink.info(`terraform: ${vars.map(([name]) => name).join(", ")}; ${mode}.`);
    if (result.authorityHost !== CLOUDS[result.cloud].authorityHost) {
      sink.warn(
        `terraform: azurerm signs in at the ${result.cloud} authority, not at ${result.authorityHost} (it has no variable for a custom authority host).`
      );
    }
    return { files };
  }
};

// src/handoff/select.ts
var EXPORT_NAMES = [
  "shell",
  "env",
  "terraform",
  "az",
  "acr:<registry>",
  "git",
  "kubelogin",
  "identity-endpoint"
];
var FIXED = {
  env: envHandoff,
  kubelogin: kubeloginHandoff,
  terraform: terraformHandoff,
  az: azHandoff,
  git: gitHandoff,
  "identity-endpoint": identityEndpointHandoff()
};
var ORDER = ["shell", "env", "kubelogin", "identity-endpoint", "terraform", "az", "acr", "git"];
function rank(handoff) {
  return ORDER.indexOf(handoff.name.startsWith("acr:") ? "acr" : handoff.name);
}
function selectHandoffs(values, how, scopes) {
  const names = values.flatMap((v) => v.split(/[\n,]/)).map((v) => v.trim()).filter((v) => v !== "");
  if (names.length === 1 && names[0]?.toLowerCase() === "none") return [];
  const out = [];
  for (const raw of names) {
    const lower = raw.toLowerCase();
    let handoff;
    if (lower === "shell") handoff = shellHandoff(scopes);
    else if (lower.startsWith("acr:")) handoff = acrHandoff(parseRegistry(raw.slice(4), how.field));
    else handoff = FIXED[lower];
    if (handoff === void 0) {
      throw usageError(
        "INVALID_EXPORT",
        `${quote(raw)} is not something entra-federate can export.`,
        `${how.fix} one of ${EXPORT_NAMES.join(", ")}.`,
        how.field
      );
    }
    if (!out.some((h) => h.name === handoff.name)) out.push(handoff);
  }
  const endpointAt = out.findIndex((h) => h.name === "identity-endpoint");
  if (endpointAt >= 0 && out.some((h) => h.name === "terraform"))
    out[endpointAt] = identityEndpointHandoff({ imds: (request) => !terraformUsesRequestUrl(request) });
  return out.sort((a, b) => rank(a) - rank(b));
}
function withHandoffScopes(options, handoffs) {
  const scopes = [...options.scopes];
  for (const scope of handoffs.flatMap((h) => h.scopes ?? []))
    if (!scopes.some((s) => s.scope === scope)) scopes.push({ scope });
  return { ...options, scopes };
}
export {
  EXPORT_NAMES,
  selectHandoffs,
  withHandoffScopes
};
