import {
  acrHandoff,
  gitHandoff,
  parseRegistry
} from "./chunk-XM3DQKQN.js";
import {
  identityEndpointHandoff
} from "./chunk-NXSUHIVL.js";
import "./chunk-3QZMS7PH.js";
import {
  describeToolFailure
} from "./chunk-MIAOP7XY.js";
import {
  shellHandoff
} from "./chunk-HPLWXO5I.js";
import {
  ciTokenExpiry,
  ciTokenFile,
  envHandoff,
  tokenFileRenewal
} from "./chunk-IYKS3YX5.js";
import "./chunk-V5WGFITT.js";
import "./chunk-IVFXZQ6R.js";
import {
  idTokenUrl
} from "./chunk-YE5USGSE.js";
import "./chunk-LYCLW4XY.js";
import "./chunk-W4LGXFMS.js";
import "./chunk-KEKUR6VN.js";
import "./chunk-CXUPN4HS.js";
import {
  CLOUDS,
  quote
} from "./chunk-6I7DYRWY.js";
import {
  FederationError,
  usageError
} from "./chunk-H7K5LTQY.js";
import {
  isoTime
} from "./chunk-3XWB6HIK.js";
import {
  AZ_CONFIG_DIR_PREFIX
} from "./chunk-NPLQBTCK.js";
import "./chunk-4NJR45T6.js";
import "./chunk-Z53PL5H4.js";

// src/handoff/az.ts
import { mkdtempSync, rmSync } from "node:fs";
import { join } from "node:path";
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
    const dir = mkdtempSync(join(sink.tempDir, AZ_CONFIG_DIR_PREFIX));
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
  const dir = mkdtempSync(join(sink.tempDir, AZ_CONFIG_DIR_PREFIX));
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
import { readFileSync } from "node:fs";
var KUBELOGIN_GITHUB_AUDIENCE = "api://AzureADTokenExchange";
function readTokenFile(path) {
  try {
    return readFileSync(path, "utf8");
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
